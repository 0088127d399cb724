//! The models table: sortable headers, cells with provenance, row selection, and row
//! virtualization for large (imported) datasets.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::cells;
use super::Data;
use crate::data::{Dataset, Model};

use crate::query::{Column, SortKey};

/// Above this many rows only the visible window is rendered (rendering a few hundred full
/// rows, and tearing them down on the next filter, costs more than a frame).
pub const VIRTUAL_THRESHOLD: usize = 100;
/// Row height in CSS pixels in virtual mode (fixed by the stylesheet: `.virtual td`).
const ROW_HEIGHT: f64 = 33.0;
/// Rows rendered above and below the visible window.
const OVERSCAN: usize = 4;

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

fn cell(ds: &Dataset, m: &Model, c: Column) -> Html {
    let text = |s: &str| {
        if s.is_empty() {
            html! { <span class="unknown">{ "—" }</span> }
        } else {
            html! { <span title={s.to_owned()}>{ s.to_owned() }</span> }
        }
    };
    match c {
        Column::Name => html! { { &m.name } },
        Column::Organizations => text(&ds.organization_names(m)),
        Column::OrgType => text(ds.org_type(m)),
        Column::Country => text(ds.country(m)),
        Column::Date => match m.date {
            Some(d) => html! { <time datetime={d.to_string()}>{ d.to_string() }</time> },
            None => html! { <span class="unknown" title="Publication date unknown">{ "—" }</span> },
        },
        Column::Tasks => text(&m.tasks.join(", ")),
        Column::Num(n) => cells::quantity(m.num(n), n.def().unit),
        Column::Text(t) => text(m.text(t)),
    }
}

/// A table of models with clickable, keyboard-operable sort headers.
#[function_component(ModelTable)]
pub fn model_table(props: &ModelTableProps) -> Html {
    let scroll_top = use_state_eq(|| 0.0f64);
    let viewport = use_state_eq(|| 700.0f64);
    let wrap_ref = use_node_ref();
    let top_ref = use_node_ref();
    let bottom_ref = use_node_ref();
    let ds = &props.data.0;
    let total = props.rows.len();
    let virtual_mode = total > VIRTUAL_THRESHOLD;
    // Window of rows to render.
    let (start, end) = if virtual_mode {
        let first = (*scroll_top / ROW_HEIGHT).floor().max(0.0) as usize;
        let visible = (*viewport / ROW_HEIGHT).ceil() as usize + 1;
        let start = first.saturating_sub(OVERSCAN).min(total);
        let end = first
            .saturating_add(visible)
            .saturating_add(OVERSCAN)
            .min(total);
        (start, end)
    } else {
        (0, total)
    };
    // Spacer heights are set through the CSSOM (the CSP forbids style attributes).
    {
        let top_ref = top_ref.clone();
        let bottom_ref = bottom_ref.clone();
        use_effect_with((start, end, total), move |&(start, end, total)| {
            let set = |r: &NodeRef, rows: usize| {
                if let Some(el) = r.cast::<web_sys::HtmlElement>() {
                    let _ = el
                        .style()
                        .set_property("height", &format!("{}px", rows as f64 * ROW_HEIGHT));
                }
            };
            set(&top_ref, start);
            set(&bottom_ref, total.saturating_sub(end));
        });
    }
    // Reset the scroll position when the rows change (a new filter or sort).
    {
        let wrap_ref = wrap_ref.clone();
        let scroll_top = scroll_top.clone();
        use_effect_with(props.rows.clone(), move |_| {
            // Only when scrolled: writing scrollTop forces a layout.
            if *scroll_top != 0.0 {
                if let Some(el) = wrap_ref.cast::<web_sys::Element>() {
                    el.set_scroll_top(0);
                }
                scroll_top.set(0.0);
            }
        });
    }
    let onscroll = {
        let scroll_top = scroll_top.clone();
        let viewport = viewport.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                scroll_top.set(f64::from(el.scroll_top()));
                viewport.set(f64::from(el.client_height()));
            }
        })
    };

    // On a phone only these columns show (style.css): the model, its size and compute, and
    // the sorted column; the model's page has the rest.
    let phone = |c: Column| {
        (matches!(c, Column::Name)
            || c == Column::PARAMETERS
            || c == Column::COMPUTE
            || props.sort.is_some_and(|s| s.column == c))
        .then_some("phone-keep")
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
        html! {
            <th scope="col" aria-sort={aria} class={classes!(c.is_numeric().then_some("numeric"), phone(c))}>
                <button type="button" class="sort" data-col={c.id()}
                        onclick={Callback::from(move |_| on_sort.emit(c))}>
                    { c.label() }<span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    let n_cols = props.columns.len() + usize::from(props.on_select.is_some());
    let row = |pos: usize, m: &Model| {
        let checkbox = props.on_select.as_ref().map(|cb| {
            let cb = cb.clone();
            let id = m.id.clone();
            let checked = props.selected.contains(&m.id);
            html! {
                <td class="pick">
                    <input type="checkbox" aria-label={format!("Select {} for comparison", m.name)}
                           checked={checked} onchange={Callback::from(move |_| cb.emit(id.clone()))}/>
                </td>
            }
        });
        html! {
            // Keyed by position: a scroll keeps the rows still in view as they are (no text to
            // lay out again), a new filter or sort patches the rows in place.
            <tr key={pos.to_string()} data-id={m.id.clone()} aria-rowindex={(pos + 2).to_string()}>
                { checkbox }
                { for props.columns.iter().map(|&c| {
                    let content = if c == Column::Name {
                        match &props.href {
                            Some(h) => html! { <a class="name" href={h.emit(m.id.clone())} title={m.name.clone()}>{ &m.name }</a> },
                            None => html! { <span class="name" title={m.name.clone()}>{ &m.name }</span> },
                        }
                    } else {
                        cell(ds, m, c)
                    };
                    html! {
                        <td class={classes!(c.is_numeric().then_some("numeric"), matches!(c, Column::Name | Column::Organizations).then_some("wide"), (c == Column::Name).then_some("model"), phone(c))}>{ content }</td>
                    }
                }) }
            </tr>
        }
    };
    html! {
        <div class={classes!("table-wrap", virtual_mode.then_some("virtual"))} ref={wrap_ref} {onscroll}>
            <table class="models model-list" aria-rowcount={(total + 1).to_string()}>
                <thead><tr>
                    if props.on_select.is_some() { <th scope="col" class="pick"><span class="sr-only">{ "Select" }</span></th> }
                    { for props.columns.iter().map(|&c| header(c)) }
                </tr></thead>
                <tbody>
                    if virtual_mode { <tr class="spacer" aria-hidden="true"><td colspan={n_cols.to_string()} ref={top_ref}></td></tr> }
                    { for props.rows.get(start..end).unwrap_or_default().iter().enumerate()
                        .filter_map(|(k, &i)| ds.models.get(i).map(|m| (start + k, m)))
                        .map(|(pos, m)| row(pos, m)) }
                    if virtual_mode { <tr class="spacer" aria-hidden="true"><td colspan={n_cols.to_string()} ref={bottom_ref}></td></tr> }
                </tbody>
            </table>
        </div>
    }
}
