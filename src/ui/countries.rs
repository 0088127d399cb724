//! `#/countries`: models per country (of the lead organization) and per year.

use yew::prelude::*;

use super::time_range::TimeRange;
use super::{use_ctx, Action};
use crate::chart::window::{partial_year, year_label};
use crate::chart::ChartOptions;
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
    // The year columns follow the time window (a view setting, `time=` like the charts');
    // the models of the years left out are counted in "Before"/"After" columns, so the totals
    // stay whole.
    let view = &ctx.state.view;
    let chosen = view.chart.time;
    let window = chosen.within(&view.query.years);
    let span = years
        .first()
        .zip(years.last())
        .map(|(&a, &b)| window.span(a, b));
    let shown: Vec<(usize, i32)> = years
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, y)| span.is_some_and(|s| s.contains(*y)))
        .collect();
    let outside = |counts: &[usize], before: bool| -> usize {
        years
            .iter()
            .zip(counts)
            .filter(|(y, _)| span.is_some_and(|s| if before { **y < s.from } else { **y > s.to }))
            .map(|(_, n)| n)
            .sum()
    };
    let has_before = span.is_some_and(|s| years.first().is_some_and(|&y| y < s.from));
    let has_after = span.is_some_and(|s| years.last().is_some_and(|&y| y > s.to));
    let partial = partial_year(ds).filter(|(y, _)| span.is_some_and(|s| s.contains(*y)));
    let partial_y = partial.as_ref().map(|(y, _)| *y);
    let on_window = {
        let ctx = ctx.clone();
        let chart = view.chart.clone();
        Callback::from(move |w| {
            let time = if w == window { chosen } else { w };
            ctx.dispatch(Action::ChartOptions(ChartOptions {
                time,
                ..chart.clone()
            }));
        })
    };
    let cell = |c: usize| {
        html! {
            <td class={classes!("numeric", (c == 0).then_some("zero"))}>{ if c == 0 { String::from("·") } else { c.to_string() } }</td>
        }
    };
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
            if let (Some(&first), Some(&last)) = (years.first(), years.last()) {
                <div class="chart-controls">
                    <TimeRange years={(first, last)} {window} on_change={on_window}/>
                </div>
            }
            <div class="table-wrap">
            <table class="models counts">
                <thead><tr>
                    <th scope="col">{ "Country" }</th>
                    <th scope="col" class="numeric">{ "Total" }</th>
                    <th scope="col"><span class="sr-only">{ "Share" }</span></th>
                    if let (true, Some(s)) = (has_before, span) {
                        <th scope="col" class="numeric outside">{ format!("Before {}", s.from) }</th>
                    }
                    { for shown.iter().map(|&(_, y)| html! {
                        <th scope="col" class={classes!("numeric", (partial_y == Some(y)).then_some("partial"))}>{ year_label(y, partial_y) }</th>
                    }) }
                    if let (true, Some(s)) = (has_after, span) {
                        <th scope="col" class="numeric outside">{ format!("After {}", s.to) }</th>
                    }
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
                            if has_before { { cell(outside(counts, true)) } }
                            { for shown.iter().map(|&(i, _)| cell(counts.get(i).copied().unwrap_or(0))) }
                            if has_after { { cell(outside(counts, false)) } }
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
            if let Some(note) = crate::chart::window::undated_note(
                rows.iter().filter(|&&i| ds.models.get(i).is_some_and(|m| m.date.is_none())).count(),
            ) {
                <p class="hint undated-note">{ format!("{note}.") }</p>
            }
            if let Some((y, to)) = &partial {
                <p class="hint partial-note">{ format!("{y} is partial: the data runs to {to}, so its count is not comparable with full years.") }</p>
            }
            <p class="hint">
                { "The stacked chart of the same counts: " }
                <a href={ctx.href(Route::Chart(crate::chart::ChartId::ModelsByCountry))}>{ "Models by country and year" }</a>
            </p>
        </section>
    }
}
