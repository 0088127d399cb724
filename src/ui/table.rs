//! The models table: sortable headers, rows from the query.

use std::rc::Rc;

use yew::prelude::*;

use super::cells::{self, NumberStyle};
use super::Data;
use crate::data::{Dataset, Model};
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
}

fn cell(ds: &Dataset, m: &Model, c: Column) -> Html {
    match c {
        Column::Name => html! { <span class="name">{ &m.name }</span> },
        Column::Organizations => html! { { ds.organization_names(m) } },
        Column::Country => html! { { ds.country(m) } },
        Column::Date => html! { <time datetime={m.date.to_string()}>{ m.date.to_string() }</time> },
        Column::Domain => html! { { &m.domain } },
        Column::Parameters => cells::quantity(&m.parameters, NumberStyle::Count),
        Column::TrainingCompute => cells::quantity(&m.training_compute, NumberStyle::Flop),
        Column::TrainingTokens => cells::quantity(&m.training_tokens, NumberStyle::Count),
        Column::Access => html! { { &m.access } },
        Column::Architecture => html! { { &m.architecture } },
    }
}

/// A table of models with clickable, keyboard-operable sort headers.
#[function_component(ModelTable)]
pub fn model_table(props: &ModelTableProps) -> Html {
    let ds = &props.data.0;
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
            <th scope="col" aria-sort={aria} class={classes!(c.is_numeric().then_some("numeric"))}>
                <button type="button" class="sort" data-col={c.id()}
                        onclick={Callback::from(move |_| on_sort.emit(c))}>
                    { c.label() }<span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    html! {
        <div class="table-wrap">
            <table class="models">
                <thead><tr>{ for props.columns.iter().map(|&c| header(c)) }</tr></thead>
                <tbody>
                    { for props.rows.iter().filter_map(|&i| ds.models.get(i)).map(|m| html! {
                        <tr key={m.id.clone()} data-id={m.id.clone()}>
                            { for props.columns.iter().map(|&c| html! {
                                <td class={classes!(c.is_numeric().then_some("numeric"), matches!(c, Column::Name | Column::Organizations).then_some("wrap"))}>{ cell(ds, m, c) }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
