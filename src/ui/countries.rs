//! `#/countries`: models per country (of the lead organization) and per year.

use yew::prelude::*;

use super::{use_ctx, Action};
use crate::query::{counts_by_year, region, Facet};
use crate::url::Route;

/// The countries view.
#[function_component(CountriesView)]
pub fn countries_view() -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let rows = &ctx.result.rows;
    let (years, groups) = counts_by_year(ds, rows, |m| {
        let c = ds.country(m);
        vec![if c.is_empty() { "Unknown" } else { c }]
    });
    let (_, regions) = counts_by_year(ds, rows, |m| {
        let c = ds.country(m);
        vec![if c.is_empty() { "Unknown" } else { region(c) }]
    });
    let max_total = groups
        .iter()
        .map(|g| g.1.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let open = |country: String| {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            if !ctx.state.view.query.is_selected(Facet::Country, &country) {
                ctx.dispatch(Action::ToggleFacet(Facet::Country, country.clone()));
            }
            ctx.dispatch(Action::Navigate(Route::Models));
        })
    };
    html! {
        <section class="view" aria-labelledby="view-title">
            <h1 id="view-title">{ "Countries" }</h1>
            <p class="status" role="status">{ format!("{}, by the country of their lead organization", crate::format::of_models(rows.len(), ds.models.len())) }</p>
            <h2>{ "By region" }</h2>
            <ul class="region-summary">
                { for regions.iter().map(|(r, c)| html! {
                    <li><strong>{ c.iter().sum::<usize>() }</strong>{ format!(" {r}") }</li>
                }) }
            </ul>
            <h2>{ "By country and year" }</h2>
            <div class="table-wrap">
            <table class="models counts">
                <thead><tr>
                    <th scope="col">{ "Country" }</th>
                    <th scope="col" class="numeric">{ "Total" }</th>
                    <th scope="col"><span class="sr-only">{ "Share" }</span></th>
                    { for years.iter().map(|y| html! { <th scope="col" class="numeric">{ y }</th> }) }
                </tr></thead>
                <tbody>
                { for groups.iter().map(|(country, counts)| {
                    let total: usize = counts.iter().sum();
                    // Bar length in tenths of the largest total, as a CSS class (no inline style).
                    let tenth = (total * 10).div_ceil(max_total).min(10);
                    html! {
                        <tr>
                            <th scope="row">
                                <button type="button" class="link" onclick={open(country.clone())}
                                        title="Show these models in the table">{ country }</button>
                            </th>
                            <td class="numeric"><strong>{ total }</strong></td>
                            <td class="bar-cell"><span class={format!("bar w{tenth}")}></span></td>
                            { for counts.iter().map(|c| html! {
                                <td class={classes!("numeric", (*c == 0).then_some("zero"))}>{ if *c == 0 { String::from("·") } else { c.to_string() } }</td>
                            }) }
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
            <p class="hint">
                { "The stacked chart of the same counts: " }
                <a href={ctx.href(Route::Chart(crate::chart::ChartId::ModelsByCountry))}>{ "Models by country and year" }</a>
            </p>
        </section>
    }
}
