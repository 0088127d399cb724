//! The models table: sortable headers, cells with provenance, row selection, and row
//! virtualization for large (imported) datasets.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::row_pool::{phone_keeps, Inputs, RowPool, VIRTUAL_THRESHOLD};
use super::Data;
use crate::query::{Column, SortKey};

/// Properties of [`ModelTable`].
#[derive(Properties, PartialEq)]
pub struct ModelTableProps {
    /// The dataset.
    pub data: Data,
    /// Row indices to show, in order.
    pub rows: Rc<Vec<usize>>,
    /// Columns to show, in order.
    pub columns: Rc<Vec<Column>>,
    /// The current sort.
    pub sort: Option<SortKey>,
    /// Called with the column whose header was activated.
    pub on_sort: Callback<Column>,
    /// Model ids ticked for comparison; with `on_select`, a checkbox column appears.
    #[prop_or_default]
    pub selected: Rc<Vec<String>>,
    /// Called with a model id when its checkbox changes.
    #[prop_or_default]
    pub on_select: Option<Callback<String>>,
    /// The link of a model's page, from its id (none: names are plain text).
    #[prop_or_default]
    pub href: Option<Callback<String, String>>,
}

/// New properties for the pool.
struct Update {
    inputs: Inputs,
    on_select: Option<Callback<String>>,
}

/// Shows `update` in `tbody` (the pool is made on the first update).
fn apply(
    pool: &RefCell<Option<RowPool>>,
    wrap_ref: &NodeRef,
    tbody: web_sys::Element,
    update: Update,
) {
    let mut slot = pool.borrow_mut();
    if slot.is_none() {
        match RowPool::new(tbody) {
            Ok(p) => *slot = Some(p),
            Err(e) => {
                gloo::console::warn!("the table's rows could not be set up", e);
                return;
            }
        }
    }
    let Some(p) = slot.as_mut() else {
        return;
    };
    let mut top = p.scroll_top();
    // New rows (a filter or sort) start at the top; writing scrollTop forces a layout, so
    // only when scrolled.
    if p.rows_differ(&update.inputs.rows) && top != 0.0 {
        if let Some(el) = wrap_ref.cast::<web_sys::Element>() {
            el.set_scroll_top(0);
        }
        top = 0.0;
    }
    p.set_inputs(update.inputs, update.on_select);
    if let Err(e) = p.show(top, 0.0) {
        gloo::console::warn!("the table's rows could not be written", e);
    }
}

/// A table of models with clickable, keyboard-operable sort headers. Yew renders the table
/// and its headers; the body's rows are a [`RowPool`] written in place on every scroll step
/// and every change of rows (no virtual DOM diff of the rows).
#[function_component(ModelTable)]
pub fn model_table(props: &ModelTableProps) -> Html {
    let pool = use_mut_ref(|| None::<RowPool>);
    let wrap_ref = use_node_ref();
    // The `<tbody>` is the pool's, made here and handed to Yew as a node it keeps as it is.
    let tbody = use_memo((), |_| gloo::utils::document().create_element("tbody").ok());
    let total = props.rows.len();
    let virtual_mode = total > VIRTUAL_THRESHOLD;
    // The pool shows the new properties during this render, not in an effect: Yew's
    // scheduler may yield to the browser before running effects (after 16 ms of work), and a
    // frame would then show the new status line over the old rows (or the first render an
    // empty table, where Back looks for the link it restores the focus to).
    if let Some(tbody) = tbody.as_ref() {
        let inputs = Inputs {
            data: props.data.clone(),
            rows: Rc::clone(&props.rows),
            columns: Rc::clone(&props.columns),
            sorted: props.sort.map(|s| s.column),
            pick: props.on_select.is_some(),
            selected: Rc::clone(&props.selected),
            href: props.href.clone(),
        };
        let update = Update {
            inputs,
            on_select: props.on_select.clone(),
        };
        apply(&pool, &wrap_ref, tbody.clone(), update);
    }
    let onscroll = {
        let pool = pool.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            if let Some(p) = pool.borrow_mut().as_mut() {
                let shown = p.show(f64::from(el.scroll_top()), f64::from(el.client_height()));
                if let Err(e) = shown {
                    gloo::console::warn!("the table's rows could not be written", e);
                }
            }
        })
    };

    let header = |c: Column| {
        let sorted = props.sort.filter(|s| s.column == c);
        let aria = match sorted {
            Some(s) if s.descending => "descending",
            Some(_) => "ascending",
            None => "none",
        };
        let arrow = match sorted {
            Some(s) if s.descending => "▼",
            Some(_) => "▲",
            None => "",
        };
        let on_sort = props.on_sort.clone();
        let phone = phone_keeps(c, props.sort.map(|s| s.column)).then_some("phone-keep");
        html! {
            <th scope="col" aria-sort={aria} class={classes!(c.is_numeric().then_some("numeric"), phone)}>
                <button type="button" class="sort" data-col={c.id()}
                        onclick={Callback::from(move |_| on_sort.emit(c))}>
                    { c.label() }<span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    html! {
        <div class={classes!("table-wrap", virtual_mode.then_some("virtual"))} ref={wrap_ref} {onscroll}>
            <table class="models model-list" aria-rowcount={(total + 1).to_string()}>
                <thead><tr>
                    if props.on_select.is_some() { <th scope="col" class="pick"><span class="sr-only">{ "Select" }</span></th> }
                    { for props.columns.iter().map(|&c| header(c)) }
                </tr></thead>
                // The rows are the pool's (see above): Yew keeps this node and never looks inside.
                { tbody.as_ref().clone().map(|t| Html::VRef(t.into())).unwrap_or_default() }
            </table>
        </div>
    }
}
