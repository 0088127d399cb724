//! `#/models/<id>`: every field with its source and confidence, benchmark results with rank,
//! organizations, similar models, BibTeX, and a way back to the filtered table.

use crate::data::{Model, Num, Text};
use yew::prelude::*;

use super::use_ctx;
use crate::cite;
use crate::data::{Confidence, Quantity};
use crate::format;
use crate::query::{benchmark_rank, similar_models};
use crate::url::Route;

/// Properties of [`ModelPage`].
#[derive(Properties, PartialEq)]
pub struct ModelPageProps {
    /// The model's id.
    pub id: String,
}

fn confidence_badge(c: Confidence) -> Html {
    html! { <span class={classes!("badge", c.as_str())}>{ c.as_str() }</span> }
}

fn quantity_row(
    label: &str,
    q: &Quantity,
    exact: impl Fn(f64) -> String,
    short: impl Fn(f64) -> String,
) -> Html {
    let value = match q.value {
        Some(v) => html! {
            <>
                <span class={classes!("big", (q.confidence == Confidence::Estimated).then_some("estimated"))}>
                    if q.confidence == Confidence::Estimated { { "≈" } }
                    { short(v) }
                </span>
                <span class="exact">{ exact(v) }</span>
            </>
        },
        None => html! { <span class="unknown">{ "— not disclosed" }</span> },
    };
    html! {
        <tr>
            <th scope="row">{ label }</th>
            <td>{ value }</td>
            <td>{ confidence_badge(q.confidence) }</td>
            <td class="note">{ q.note.clone() }</td>
        </tr>
    }
}

/// A schema number's row: its label (with `suffix`), short and exact forms in its unit, its
/// confidence and note.
fn num_row(m: &Model, n: Num, suffix: &str) -> Html {
    let unit = n.def().unit;
    let label = format!("{}{suffix}", n.def().label);
    quantity_row(
        &label,
        m.num(n),
        |v| format::exact_in(unit, v),
        |v| format::short(unit, v),
    )
}

fn text_row(label: &str, value: &str) -> Html {
    html! {
        <tr>
            <th scope="row">{ label }</th>
            <td colspan="3">
                if value.is_empty() { <span class="unknown">{ "—" }</span> } else { { value.to_owned() } }
            </td>
        </tr>
    }
}

/// The model's cost fields (with confidence, note and basis), the seed report's facts that
/// concern it, and a link to the cost estimator.
fn cost_panel(ctx: &super::Ctx, ds: &crate::data::Dataset, m: &crate::data::Model) -> Html {
    let usd = |v: f64| format!("USD {}", format::exact(v));
    let usd_short = |v: f64| format!("${}", format::short_count(v));
    let plain = |v: f64| format::exact(v.round());
    let short = |v: f64| format::plain(v, 4);
    let co2e_basis = m.text(Text::Co2eBasis);
    let (cost_basis, cost_year) = (m.text(Text::CostBasis), m.text(Text::CostYear));
    let cost_words = [cost_basis, cost_year]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let facts: Vec<_> = ds
        .facts
        .iter()
        .filter(|f| f.model_ids.contains(&m.id))
        .collect();
    let href = format!(
        "{}?model={}",
        ctx.href(Route::Costs)
            .split('?')
            .next()
            .unwrap_or("#/costs"),
        crate::url::encode(&m.id)
    );
    html! {
        <section class="cost-panel" aria-labelledby="cost-title">
            <h2 id="cost-title">{ "The price of scale" }</h2>
            <div class="table-wrap">
            <table class="facts">
                <thead><tr><th scope="col">{ "Field" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Confidence" }</th><th scope="col">{ "Note / source" }</th></tr></thead>
                <tbody>
                    { quantity_row("Chip-hours", m.num(Num::ChipHours), plain, format::short_count) }
                    { quantity_row("Training energy (MWh)", m.num(Num::TrainingEnergy), short, short) }
                    { quantity_row("Training emissions (t CO₂e)", m.num(Num::TrainingCo2e), short, short) }
                    if !co2e_basis.is_empty() { { text_row("Emissions basis", co2e_basis) } }
                    { quantity_row("Training cost", m.num(Num::TrainingCost), usd, usd_short) }
                    if !cost_words.is_empty() { { text_row("Cost basis", &cost_words) } }
                </tbody>
            </table>
            </div>
            <p><a class="cost-link" href={href}>{ "Estimate its training and serving costs, step by step →" }</a></p>
            if !facts.is_empty() {
                <h3>{ "From the record" }</h3>
                <ul class="facts-list">{ for facts.iter().map(|f| super::costs::fact_html(f)) }</ul>
            }
        </section>
    }
}

/// A model's page.
#[function_component(ModelPage)]
pub fn model_page(props: &ModelPageProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let back = ctx.href(Route::Models);
    let Some((row, m)) = ds.models.iter().enumerate().find(|(_, m)| m.id == props.id) else {
        return html! {
            <section class="view">
                <h1>{ "Model not found" }</h1>
                <p>{ format!("There is no model with the id “{}” in this dataset.", props.id) }</p>
                <p><a href={back}>{ "← Back to the models" }</a></p>
            </section>
        };
    };
    let results: Vec<_> = ds
        .benchmarks
        .iter()
        .filter(|b| b.model_id == m.id)
        .collect();
    let similar = similar_models(ds, row, 6);
    let orgs = html! {
        { for m.organizations.iter().enumerate().map(|(i, id)| {
            let name = ds.organization(id).map_or(id.clone(), |o| o.name.clone());
            html! {
                <>
                    if i > 0 { { ", " } }
                    <a href={ctx.href(Route::Organization(id.clone()))}>{ name }</a>
                </>
            }
        }) }
    };
    let bib = cite::model_bibtex(ds, m);
    html! {
        <article class="view model-page" aria-labelledby="view-title">
            <p class="crumbs"><a href={back}>{ "← Back to the models" }</a></p>
            <h1 id="view-title">{ &m.name }</h1>
            <p class="lede">{ &m.text(Text::Description) }</p>
            <p class="meta">
                { orgs }{ " · " }{ ds.country(m).to_owned() }{ " · " }
                if let Some(date) = m.date {
                    <time datetime={date.to_string()}>{ date.to_string() }</time>
                    if m.date_precision != crate::data::DatePrecision::Day {
                        { format!(" (known to the {})", m.date_precision.as_str()) }
                    }
                } else {
                    <span class="unknown" title="Publication date unknown">{ "—" }</span>
                }
            </p>
            <p class="source">
                { "Primary source: " }
                if let Some(url) = format::safe_link(m.text(Text::SourceUrl)) {
                    <a href={url.to_owned()} rel="noopener" target="_blank">{ url }</a>
                } else {
                    <span>{ m.text(Text::SourceUrl) }</span>
                }
            </p>
            <h2>{ "Facts" }</h2>
            <div class="table-wrap">
            <table class="facts">
                <thead><tr><th scope="col">{ "Field" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Confidence" }</th><th scope="col">{ "Note / source" }</th></tr></thead>
                <tbody>
                    { num_row(m, Num::Parameters, "") }
                    if m.value(Num::ActiveParameters).is_some() {
                        { num_row(m, Num::ActiveParameters, " (per token)") }
                    }
                    { num_row(m, Num::TrainingTokens, "") }
                    if m.value(Num::TrainingDataSize).is_some() {
                        { num_row(m, Num::TrainingDataSize, &format!(" ({})", m.text(Text::TrainingDataUnit))) }
                    }
                    { num_row(m, Num::TrainingCompute, "") }
                    { text_row("Domain", m.text(Text::Domain)) }
                    { text_row("Tasks", &m.tasks.join(", ")) }
                    { text_row("Architecture", m.text(Text::Architecture)) }
                    { text_row("Training data", m.text(Text::TrainingDataset)) }
                    { text_row("Hardware", m.text(Text::Hardware)) }
                    { num_row(m, Num::HardwareCount, "") }
                    { num_row(m, Num::TrainingDays, "") }
                    { text_row("Access at release", m.text(Text::Access)) }
                    { text_row("Access now", m.text(Text::AccessNow)) }
                    { text_row("Weights", m.text(Text::Weights)) }
                    { text_row("Licence", m.text(Text::License)) }
                    if !m.text(Text::DateNote).is_empty() { { text_row("About the date", m.text(Text::DateNote)) } }
                </tbody>
            </table>
            </div>
            { cost_panel(&ctx, ds, m) }
            <h2>{ "Benchmark results" }</h2>
            if results.is_empty() {
                <p class="unknown">{ "No benchmark result recorded for this model." }</p>
            } else {
                <div class="table-wrap">
                <table class="facts">
                    <thead><tr><th scope="col">{ "Benchmark" }</th><th scope="col">{ "Setting" }</th><th scope="col">{ "Score" }</th><th scope="col">{ "Rank" }</th><th scope="col">{ "Source" }</th></tr></thead>
                    <tbody>
                    { for results.iter().map(|b| {
                        let info = ds.benchmark_info.iter().find(|i| i.id == b.benchmark);
                        let name = info.map_or(b.benchmark.clone(), |i| i.name.clone());
                        let lower = !ds.higher_is_better(&b.benchmark);
                        let rank = benchmark_rank(ds, &m.id, &b.benchmark, &b.setting)
                            .map_or(String::new(), |(r, n)| format!("{r} of {n}"));
                        html! {
                            <tr>
                                <th scope="row">{ name }</th>
                                <td>{ &b.setting }</td>
                                <td>{ format!("{} {}", format::plain(b.value, 4), b.unit) }
                                    if lower { <span class="hint">{ " (lower is better)" }</span> }</td>
                                <td>{ rank }</td>
                                <td>if let Some(url) = format::safe_link(&b.source_url) {
                                        <a href={url.to_owned()} rel="noopener" target="_blank">{ "source" }</a>
                                    }
                                    if !b.note.is_empty() { { format!(" — {}", b.note) } }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
            }
            <h2>{ "Similar models" }</h2>
            <ul class="similar">
                { for similar.iter().filter_map(|&i| ds.models.get(i)).map(|s| html! {
                    <li>
                        <a href={ctx.href(Route::Model(s.id.clone()))}>{ &s.name }</a>
                        { format!(" — {}, {}", format::date_year(s.date),
                            s.num(Num::Parameters).value.map_or("size not disclosed".to_owned(), format::short_count)) }
                    </li>
                }) }
            </ul>
            <h2>{ "Cite the source" }</h2>
            <pre class="bibtex" tabindex="0" aria-label="BibTeX entry">{ bib }</pre>
        </article>
    }
}
