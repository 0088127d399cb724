//! The chart as a table: the accessible alternative to the picture.

use yew::prelude::*;

use crate::chart::{self, Figure};
use crate::url::Route;

/// At most this many rows are listed in the table view (the CSV has them all).
const TABLE_LIMIT: usize = 1000;

fn model_href(id: &str) -> String {
    format!("#{}", Route::Model(id.to_owned()).path())
}

/// The plotted points as a table: the accessible alternative to the picture.
pub(super) fn table_view(f: &Figure, table: &chart::Table) -> Html {
    let rows = &table.rows;
    html! {
        <div class="chart-table-wrap">
            <table class="chart-table">
                <caption>{ format!("{}: {} plotted {}", f.title, crate::format::count(rows.len()), if rows.len() == 1 { "row" } else { "rows" }) }
                    if rows.len() > TABLE_LIMIT { { format!(" (the first {TABLE_LIMIT} listed; the CSV has all)") } }
                </caption>
                <thead><tr>{ for table.columns.iter().map(|c| html! { <th scope="col">{ c }</th> }) }</tr></thead>
                <tbody>
                    { for rows.iter().take(TABLE_LIMIT).map(|(id, cells)| html! {
                        <tr data-id={id.clone()}>
                            { for cells.iter().enumerate().map(|(i, c)| {
                                let linked = id.as_ref().filter(|_| table.columns.get(i).is_some_and(|h| h == "Model"));
                                match linked {
                                    Some(id) => html! { <td><a href={model_href(id)}>{ &c.text }</a></td> },
                                    None => html! { <td>{ &c.text }</td> },
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
