//! `#/capabilities`: which model does which task, as a matrix (the brief's "functionality by
//! model"), filtered like the table and sortable by number of capabilities.

use yew::prelude::*;

use super::facets::FilterPanel;
use super::{use_ctx, Action};
use crate::query::{Column, Facet, SortKey, TableQuery};
use crate::url::{Route, ViewState};

/// At most this many rows are drawn (a note says so); filters narrow the rest.
const MAX_ROWS: usize = 400;

/// The capabilities matrix.
#[function_component(CapabilitiesView)]
pub fn capabilities_view() -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let rows = &ctx.result.rows;
    // Task columns: those present among the rows, most common first.
    let tasks: Vec<String> = ctx
        .result
        .counts
        .iter()
        .find(|(f, _)| *f == crate::query::Facet::Task)
        .map(|(_, c)| {
            c.iter()
                .filter(|c| c.count > 0)
                .map(|c| c.value.clone())
                .collect()
        })
        .unwrap_or_default();
    let sort = ctx.state.view.query.sort;
    let by_count = sort.is_some_and(|s| s.column == Column::Tasks && s.descending);
    let sort_by_count = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            ctx.dispatch(Action::SetSort(Some(SortKey {
                column: Column::Tasks,
                descending: true,
            })))
        })
    };
    let sort_by_date = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::SetSort(None)))
    };
    // A task's header opens the table filtered to that task alone (`#/models?task=…`).
    let task_href = |task: &str| {
        let mut query = TableQuery::default();
        query.toggle(Facet::Task, task);
        crate::url::to_hash(&ViewState {
            route: Route::Models,
            query,
            ..ViewState::default()
        })
    };
    html! {
        <div class="with-filters">
            <FilterPanel/>
            <section class="view" aria-labelledby="view-title">
                <h1 id="view-title">{ "Capabilities" }</h1>
                <div class="toolbar">
                    <span>{ "Order: " }</span>
                    <button type="button" class={classes!("toggle", by_count.then_some("on"))} aria-pressed={by_count.to_string()}
                            onclick={sort_by_count}>{ "Most capabilities first" }</button>
                    <button type="button" class={classes!("toggle", sort.is_none().then_some("on"))} aria-pressed={sort.is_none().to_string()}
                            onclick={sort_by_date}>{ "By date" }</button>
                </div>
                <p class="hint">{ "A task's name opens the table with the models that do it." }</p>
                <p class="status" role="status">{ crate::format::of_models(rows.len(), ds.models.len()) }
                    if rows.len() > MAX_ROWS { { format!(" (the first {MAX_ROWS} are shown; filter to see others)") } }
                </p>
                <div class="table-wrap matrix-wrap">
                <table class="matrix">
                    <thead><tr>
                        <th scope="col">{ "Model" }</th>
                        <th scope="col" class="numeric">{ "Tasks" }</th>
                        { for tasks.iter().map(|t| html! {
                            <th scope="col" class="task">
                                <a href={task_href(t)} title={format!("Show the models that do {t} in the table")}><span>{ t }</span></a>
                            </th>
                        }) }
                    </tr></thead>
                    <tbody>
                    { for rows.iter().take(MAX_ROWS).filter_map(|&i| ds.models.get(i)).map(|m| html! {
                        <tr data-id={m.id.clone()}>
                            <th scope="row"><a href={ctx.href(Route::Model(m.id.clone()))}>{ &m.name }</a></th>
                            <td class="numeric">{ m.tasks.len() }</td>
                            { for tasks.iter().map(|t| {
                                let has = m.tasks.contains(t);
                                html! {
                                    <td class={classes!("cell", has.then_some("yes"))}
                                        title={format!("{}: {}", m.name, if has { t.clone() } else { format!("no {t}") })}>
                                        if has { <span aria-hidden="true">{ "●" }</span><span class="visually-hidden">{ t.clone() }</span> }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            </section>
        </div>
    }
}
