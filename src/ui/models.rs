//! `#/models`: search, column chooser, filters, the table, and "Compare selected".

use std::rc::Rc;

use yew::prelude::*;

use super::facets::FilterPanel;
use super::table::ModelTable;
use super::{use_ctx, Action};
use crate::query::Column;
use crate::url::Route;

#[derive(Properties, PartialEq)]
struct ColumnChooserProps {
    columns: Rc<Vec<Column>>,
    /// A column toggled, or `None` for the default columns (stable over renders).
    on_change: Callback<Option<Column>>,
}

/// The column chooser: re-rendered only when the columns change (not on every keystroke).
#[function_component(ColumnChooser)]
fn column_chooser(props: &ColumnChooserProps) -> Html {
    let columns = &props.columns;
    html! {
        <details class="columns-chooser">
            <summary>{ format!("Columns ({})", columns.len()) }</summary>
            <div class="menu">
                { for Column::all().map(|c| {
                    let on_change = props.on_change.clone();
                    let on = columns.contains(&c);
                    html! {
                        <label>
                            <input type="checkbox" data-column={c.id()} checked={on}
                                   onchange={Callback::from(move |_| on_change.emit(Some(c)))}/>
                            { c.label() }
                        </label>
                    }
                }) }
                <button type="button" class="link" onclick={{
                    let on_change = props.on_change.clone();
                    Callback::from(move |_| on_change.emit(None))
                }}>{ "Default columns" }</button>
            </div>
        </details>
    }
}

/// The models view.
#[function_component(ModelsView)]
pub fn models_view() -> Html {
    let ctx = use_ctx();
    // Stable, so the column chooser re-renders only when the columns change.
    let on_column = use_callback(
        ctx.as_ref().map(|c| c.state.dispatcher()),
        |c: Option<Column>, d| {
            if let Some(d) = d {
                d.dispatch(c.map_or(Action::ResetColumns, Action::ToggleColumn));
            }
        },
    );
    let Some(ctx) = ctx else {
        return Html::default();
    };
    let state = &ctx.state;
    let view = &state.view;
    let ds = &ctx.data.0;
    let columns = Rc::new(view.columns());
    let rows = Rc::clone(&ctx.result.rows);
    let on_sort = {
        let ctx = ctx.clone();
        Callback::from(move |c: Column| ctx.dispatch(Action::SortBy(c)))
    };
    let on_search = {
        let ctx = ctx.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = super::browser::event_input(&e) {
                ctx.dispatch(Action::Search(input.value()));
            }
        })
    };
    let on_select = {
        let ctx = ctx.clone();
        Callback::from(move |id: String| ctx.dispatch(Action::ToggleSelected(id)))
    };
    // The filters' part of every model link, computed once per render (not once per row).
    let href = {
        let query = crate::url::to_query(view);
        Callback::from(move |id: String| crate::url::route_hash(&Route::Model(id), &query))
    };
    let selected = Rc::new(state.selected.clone());
    let compare = {
        let ctx = ctx.clone();
        let ids = state.selected.clone();
        Callback::from(move |_| ctx.dispatch(Action::Compare(ids.clone())))
    };
    let n_selected = state.selected.len();
    let embed = view.embed;
    html! {
        <div class={classes!(if embed { "embedded-table" } else { "with-filters" })}>
            if !embed {
                // Past the ~60 filter controls, straight to the search and the results.
                <a class="skip" href="#model-search" onclick={super::skip_to("model-search")}>{ "Skip the filters, to the search" }</a>
                <FilterPanel/>
            }
            <section class="view" aria-labelledby="view-title">
                if !embed { <h1 id="view-title">{ "Models" }</h1> }
                if !embed {
                <div class="toolbar">
                    <label class="search">
                        <span>{ "Search" }</span>
                        <input type="search" id="model-search" value={view.query.search.clone()}
                               oninput={on_search} placeholder="name, organization, task…"/>
                    </label>
                    <ColumnChooser columns={columns.clone()} on_change={on_column}/>
                    <button type="button" class="primary" onclick={compare}
                            disabled={!(2..=4).contains(&n_selected)}
                            title="Tick two to four models in the first column">
                        { format!("Compare selected ({n_selected})") }
                    </button>
                </div>
                }
                <p class="status">
                    <span role="status">{ crate::format::of_models(rows.len(), ds.models.len()) }</span>
                    // The space outside the inline-block (inside, it was dropped: "models· sorted").
                    { " " }<span class="sort-note">{ format!("· {}", view.query.effective_sort().describe()) }</span>
                </p>
                <super::import::ExportButtons data={ctx.data.clone()} rows={rows.clone()} columns={columns.clone()}/>
                <ModelTable data={ctx.data.clone()} rows={rows} columns={columns}
                            sort={Some(view.query.effective_sort())} on_sort={on_sort}
                            selected={selected} on_select={(!embed).then_some(on_select)} href={Some(href)}/>
                <p class="legend-note" hidden={embed}>
                    <span class="estimated">{ "≈ italic" }</span>{ " = estimate; " }
                    <span class="unknown">{ "—" }</span>{ " = not disclosed. Hover or focus a number for its exact value, confidence and note." }
                    <span class="phone-only">{ " On a phone the table shows the model and its size; tap a model for everything else." }</span>
                </p>
            </section>
        </div>
    }
}
