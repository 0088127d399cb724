//! The overview's story cards: the report the atlas grew from, told with today's data — model
//! size, the four drivers (data, research output, compute, transformers), who builds the
//! models, and compute-optimal training. Each card links to its full view. The figures come
//! from the core (`query::story`) and the sourced facts (`facts.csv`).

use yew::prelude::*;

use super::use_ctx;
use crate::chart::ChartId;
use crate::data::{Dataset, Fact, Model, Num};
use crate::format;
use crate::query::story::{
    count_at_least, largest_between, optimal_split, period_label, share_between, top_groups,
    transformer_share_by_year, PERIODS, TRANSFORMERS,
};
use crate::query::{Facet, TableQuery};
use crate::url::{Route, ViewState};

/// The facts each driver card shows, by `facts.csv` id, with a short label for the source
/// (the full name is the link's title).
const DATA_FACTS: [(&str, &str); 3] = [
    ("world-data-2012", "IDC, The Digital Universe (2012)"),
    ("world-data-2020", "IDC, Global DataSphere (2020)"),
    ("world-data-2025", "IDC, Data Age 2025 (2018)"),
];
const PAPER_FACTS: [(&str, &str); 2] = [
    ("arxiv-ai-papers-2012", "AI Index 2018"),
    ("arxiv-ai-papers-2017", "AI Index 2018"),
];

fn fact<'a>(ds: &'a Dataset, id: &str) -> Option<&'a Fact> {
    ds.facts.iter().find(|f| f.id == id)
}

/// A sourced figure: value, unit and year, then its source as a link.
fn fact_item(f: &Fact, label: &str) -> Html {
    let value = if f.unit == "papers" {
        format::whole(f.value)
    } else {
        format::plain(f.value, 3)
    };
    html! {
        <li data-fact={f.id.clone()}>
            <span class="figure-sm">{ format!("{value} {}", f.unit) }</span>
            { format!(" in {}", f.year.map_or("?".to_owned(), |y| y.to_string())) }
            <span class="cite">{ " — " }
                if f.source_url.is_empty() { { &f.source_name } } else {
                    <a href={f.source_url.clone()} title={f.source_name.clone()} rel="noopener" target="_blank">{ label }</a>
                }
            </span>
        </li>
    }
}

/// A list of facts, or a sentence saying they are not in this dataset.
fn facts_list(ds: &Dataset, ids: &[(&str, &str)]) -> Html {
    let found: Vec<(&Fact, &str)> = ids
        .iter()
        .filter_map(|(id, label)| Some((fact(ds, id)?, *label)))
        .collect();
    if found.is_empty() {
        return html! { <p class="unknown">{ "These sourced figures are not in this dataset." }</p> };
    }
    html! { <ul class="facts">{ for found.into_iter().map(|(f, label)| fact_item(f, label)) }</ul> }
}

/// The story cards, computed on the rows the filters select.
#[function_component(StoryCards)]
pub fn story_cards() -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let rows = &ctx.result.rows;
    let model_link =
        |m: &Model| html! { <a href={ctx.href(Route::Model(m.id.clone()))}>{ &m.name }</a> };
    let size = |m: &Model| {
        m.num(Num::Parameters)
            .value
            .map_or("?".to_owned(), format::short_count)
    };
    let to_table = |facet: Facet, values: &[&str]| {
        let mut query = TableQuery::default();
        for v in values {
            query.toggle(facet, v);
        }
        crate::url::to_hash(&ViewState {
            route: Route::Models,
            query,
            ..ViewState::default()
        })
    };

    // Model size: the report's 2020–2022 and since.
    let size_periods = [(2020, 2022), (2023, i32::MAX)];
    let size_card = html! {
        <article class="story-card" id="story-size">
            <h3>{ "Model size: 2020–2022 and since" }</h3>
            <ul class="facts">
            { for size_periods.iter().map(|&(from, to)| html! {
                <li>
                    <strong>{ period_label(from, to) }</strong>{ ": " }
                    { format!("{} models with 100B parameters or more", format::count(count_at_least(ds, rows, from, to, 1e11))) }
                    if let Some(m) = largest_between(ds, rows, from, to) {
                        { "; the largest disclosed, " }{ model_link(m) }{ format!(" ({})", size(m)) }
                    }
                </li>
            }) }
            </ul>
            <p class="note">{ "Many labs stopped disclosing sizes after 2022; undisclosed sizes are not counted." }</p>
            <a class="more" href={ctx.href(Route::Chart(ChartId::ParametersOverTime))}>{ "Model size over time →" }</a>
        </article>
    };

    // Driver 1: data.
    let data_card = html! {
        <article class="story-card" id="story-data">
            <h3>{ "Driver 1 · Data" }</h3>
            <p>{ "The world's digital data volume, as estimated and forecast by IDC (1 ZB = a trillion GB):" }</p>
            { facts_list(ds, &DATA_FACTS) }
            <a class="more" href={ctx.href(Route::Chart(ChartId::TokensVsParameters))}>{ "Training data per model →" }</a>
        </article>
    };

    // Driver 2: research output.
    let papers = (fact(ds, PAPER_FACTS[0].0), fact(ds, PAPER_FACTS[1].0));
    let papers_card = html! {
        <article class="story-card" id="story-research">
            <h3>{ "Driver 2 · Research output" }</h3>
            <p>{ "Papers on arXiv in AI and machine-learning categories:" }</p>
            { facts_list(ds, &PAPER_FACTS) }
            if let (Some(a), Some(b)) = papers {
                if a.value > 0.0 {
                    <p>{ format!("{}× in {} years.", format::plain(b.value / a.value, 2),
                        b.year.zip(a.year).map_or("?".to_owned(), |(y1, y0)| (y1 - y0).to_string())) }</p>
                }
            }
            <p class="note">{ "The report's 2009 and 2018 counts (\"32 times as many\") could not be traced to a primary source, so they are not shown." }</p>
            <a class="more" href={ctx.href(Route::About)}>{ "All sourced facts →" }</a>
        </article>
    };

    // Driver 3: compute.
    let compute_card = html! {
        <article class="story-card" id="story-compute">
            <h3>{ "Driver 3 · Compute" }</h3>
            <p>{ "Doubling time of training compute in the three eras of Sevilla et al. (2022):" }</p>
            if ds.compute_eras.is_empty() {
                <p class="unknown">{ "The eras are not in this dataset." }</p>
            } else {
                <ul class="facts">
                { for ds.compute_eras.iter().map(|e| html! {
                    <li>
                        <strong>{ e.era.replace('-', " ") }</strong>{ format!(" ({}–{}): ", e.start, e.end) }
                        <span class="figure-sm">{ format!("{} months", format::plain(e.doubling_months_central, 2)) }</span>
                        <span class="cite">{ " — " }<a href={e.source_url.clone()} rel="noopener" target="_blank">{ "Sevilla et al. 2022" }</a></span>
                    </li>
                }) }
                </ul>
            }
            <a class="more" href={ctx.href(Route::Chart(ChartId::ComputeOverTime))}>{ "Compute over time, by era →" }</a>
        </article>
    };

    // Driver 4: transformers.
    let shares = transformer_share_by_year(ds, rows);
    let transformers_card = html! {
        <article class="story-card" id="story-transformers">
            <h3>{ "Driver 4 · Transformers" }</h3>
            <p>{ "Share of the atlas's models that are transformers (dense, encoder-decoder, vision, image or mixture-of-experts):" }</p>
            <ul class="facts shares">
            { for PERIODS.iter().map(|&(from, to)| {
                let s = share_between(&shares, from, to);
                html! {
                    <li>
                        <strong>{ period_label(from, to) }</strong>{ ": " }
                        if s.total == 0 { <span class="unknown">{ "no models" }</span> } else {
                            <span class="figure-sm">{ format!("{:.0} %", s.percent()) }</span>
                            { format!(" of {}", format::count(s.total)) }
                            <span class={classes!("bar", format!("w{}", (s.percent() / 10.0).round() as usize))} aria-hidden="true"></span>
                        }
                    </li>
                }
            }) }
            </ul>
            <p class="note">{ "Computed from the dataset; the transformer was introduced in 2017." }</p>
            <a class="more" href={to_table(Facet::Arch, &TRANSFORMERS)}>{ "The transformers in the table →" }</a>
        </article>
    };

    // Who builds the models.
    let orgs = top_groups(ds, rows, |m| m.organizations.iter().map(String::as_str), 3);
    let countries = top_groups(
        ds,
        rows,
        |m| [ds.country(m)].into_iter().filter(|c| !c.is_empty()),
        3,
    );
    let who_card = html! {
        <article class="story-card" id="story-who">
            <h3>{ "Who builds them" }</h3>
            <p>{ "Most models: " }
                { for orgs.iter().enumerate().map(|(i, (id, n))| html! {
                    <>
                        if i > 0 { { ", " } }
                        <a href={ctx.href(Route::Organization((*id).to_owned()))}>{ ds.organization(id).map_or((*id).to_owned(), |o| o.name.clone()) }</a>
                        { format!(" ({})", format::count(*n)) }
                    </>
                }) }
            </p>
            <p>{ "By country of the lead organization: " }
                { countries.iter().map(|(c, n)| format!("{c} ({})", format::count(*n))).collect::<Vec<_>>().join(", ") }
            </p>
            <a class="more" href={ctx.href(Route::Organizations)}>{ "Organizations →" }</a>{ " " }
            <a class="more" href={ctx.href(Route::Countries)}>{ "Countries →" }</a>
        </article>
    };

    // Compute-optimal training.
    let chinchilla = ds.models.iter().find(|m| m.id == "chinchilla");
    let optimal_card = html! {
        <article class="story-card" id="story-optimal">
            <h3>{ "Compute-optimal training" }</h3>
            <p>
                if let Some(m) = chinchilla { { model_link(m) } } else { { "Chinchilla" } }
                { " (Hoffmann et al. 2022) showed that for a fixed compute budget, parameters and training tokens should grow together: about 20 tokens per parameter." }
            </p>
            <ul class="facts">
            { for [(2020, 2022), (2023, i32::MAX)].iter().map(|&(from, to)| {
                let [fewer, near, more] = optimal_split(ds, rows, from, to);
                html! {
                    <li><strong>{ period_label(from, to) }</strong>
                        { format!(": of {} models with both numbers, {} trained on fewer tokens than that, {} near it, {} on more", format::count(fewer + near + more), format::count(fewer), format::count(near), format::count(more)) }
                    </li>
                }
            }) }
            </ul>
            <a class="more" href={ctx.href(Route::Chart(ChartId::TokensVsParameters))}>{ "Tokens against parameters →" }</a>
        </article>
    };

    html! {
        <section class="story" aria-labelledby="story-title">
            <h2 id="story-title">{ "The story, with today's data" }</h2>
            <p class="lede-sm">{ "The 2022 market report this atlas grew from explained the rise of large models by four drivers. Here they are with sourced figures and the current dataset." }</p>
            <div class="story-cards">
                { size_card }{ data_card }{ papers_card }{ compute_card }{ transformers_card }{ who_card }{ optimal_card }
            </div>
        </section>
    }
}
