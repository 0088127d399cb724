//! The landing page, the chart gallery, one chart's page, and the about page.

use crate::data::Num;
use yew::prelude::*;

use super::chart::ChartView;
use super::{use_ctx, Action};
use crate::chart::{ChartId, ChartOptions, TimeWindow};
use crate::cite;
use crate::format;
use crate::query::{leader, main_setting};
use crate::url::Route;

/// Benchmarks with a leaderboard chart.
const LEADERBOARDS: [(&str, ChartId); 4] = [
    ("lambada", ChartId::Lambada),
    ("imagenet_top1", ChartId::ImagenetTop1),
    ("coco_fid", ChartId::CocoFid),
    ("mmlu", ChartId::Mmlu),
];

/// Charts shown small on the landing page.
const KEY_CHARTS: [ChartId; 4] = [
    ChartId::ParametersOverTime,
    ChartId::ComputeOverTime,
    ChartId::ModelsByCountry,
    ChartId::TokensVsParameters,
];

#[derive(Properties, PartialEq)]
struct ThumbProps {
    chart: ChartId,
}

/// A small chart that links to its full view.
#[function_component(Thumb)]
fn thumb(props: &ThumbProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let rows = std::rc::Rc::clone(&ctx.result.rows);
    let open = {
        let ctx = ctx.clone();
        Callback::from(move |id: String| ctx.dispatch(Action::Navigate(Route::Model(id))))
    };
    html! {
        <figure class="thumb">
            <a class="thumb-title" href={ctx.href(Route::Chart(props.chart))}>{ props.chart.title() }</a>
            <ChartView data={ctx.data.clone()} rows={rows} chart={props.chart}
                       options={ChartOptions {
                           time: TimeWindow::Auto.within(&ctx.state.view.query.years),
                           ..ChartOptions::default()
                       }} on_options={Callback::noop()}
                       on_open_model={open} compact=true/>
        </figure>
    }
}

/// `#/`: headline figures computed from the data, and the key charts.
#[function_component(Overview)]
pub fn overview() -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let rows = &ctx.result.rows;
    let largest = rows
        .iter()
        .filter_map(|&i| ds.models.get(i))
        .filter(|m| m.num(Num::Parameters).value.is_some())
        .max_by(|a, b| {
            a.num(Num::Parameters)
                .value
                .unwrap_or(0.0)
                .total_cmp(&b.num(Num::Parameters).value.unwrap_or(0.0))
        });
    let most_compute = rows
        .iter()
        .filter_map(|&i| ds.models.get(i))
        .filter(|m| m.num(Num::TrainingCompute).value.is_some())
        .max_by(|a, b| {
            a.num(Num::TrainingCompute)
                .value
                .unwrap_or(0.0)
                .total_cmp(&b.num(Num::TrainingCompute).value.unwrap_or(0.0))
        });
    let orgs: std::collections::HashSet<&str> = rows
        .iter()
        .filter_map(|&i| ds.models.get(i))
        .flat_map(|m| m.organizations.iter().map(String::as_str))
        .collect();
    let countries: std::collections::HashSet<&str> = rows
        .iter()
        .filter_map(|&i| ds.models.get(i))
        .map(|m| ds.country(m))
        .collect();
    // Training compute since 2010, fitted in the app on the visible models.
    let compute_points: Vec<(f64, f64)> = rows
        .iter()
        .filter_map(|&i| ds.models.get(i))
        .filter(|m| m.year().is_some_and(|y| y >= 2010))
        .filter_map(|m| {
            let c = m.num(Num::TrainingCompute).value.filter(|c| *c > 0.0)?;
            Some((m.decimal_year()?, c.log10()))
        })
        .collect();
    let doubling = crate::chart::fit::least_squares(&compute_points).and_then(|f| {
        let (lo, hi) = f.doubling_interval();
        Some((f.doubling_months()?, lo, hi, f.n))
    });
    let model_link = |m: &crate::data::Model| {
        html! {
            <a href={ctx.href(Route::Model(m.id.clone()))}>{ &m.name }</a>
        }
    };
    html! {
        <section class="view overview" aria-labelledby="view-title">
            <h1 id="view-title">{ "Large AI models, sourced" }</h1>
            <p class="lede">
                { "An explorer of the models that defined the scaling era — from AlexNet to today's frontier — with every number traceable to its source and marked when it is an estimate." }
            </p>
            <p class="status" role="status">{ crate::format::of_models(rows.len(), ds.models.len()) }</p>
            <div class="headlines">
                <div class="headline"><span class="figure">{ format::count(rows.len()) }</span>
                    <span class="what">{ format!("models from {} organizations in {} countries", format::count(orgs.len()), countries.len()) }</span></div>
                if let Some(m) = largest {
                    <div class="headline"><span class={classes!("figure", (m.num(Num::Parameters).confidence == crate::data::Confidence::Estimated).then_some("estimated"))}>
                            if m.num(Num::Parameters).confidence == crate::data::Confidence::Estimated { { "≈" } }
                            { m.num(Num::Parameters).value.map(format::short_count).unwrap_or_default() }</span>
                        <span class="what">{ "parameters: the largest, " }{ model_link(m) }</span></div>
                }
                if let Some(m) = most_compute {
                    <div class="headline"><span class={classes!("figure", (m.num(Num::TrainingCompute).confidence == crate::data::Confidence::Estimated).then_some("estimated"))}>
                            if m.num(Num::TrainingCompute).confidence == crate::data::Confidence::Estimated { { "≈" } }
                            { m.num(Num::TrainingCompute).value.map(format::scientific).unwrap_or_default() }</span>
                        <span class="what">{ "FLOP: the most training compute, " }{ model_link(m) }</span></div>
                }
                if let Some((months, lo, hi, n)) = doubling {
                    <div class="headline"><span class="figure">{ format!("{} months", format::plain(months, 2)) }</span>
                        <span class="what">
                            { format!("doubling time of training compute since 2010, fitted on {} models (95 % interval {}–{} months; ",
                                format::count(n),
                                lo.map_or("?".to_owned(), |v| format::plain(v, 2)),
                                hi.map_or("∞".to_owned(), |v| format::plain(v, 2))) }
                            <a href={ctx.href(Route::Chart(ChartId::ComputeOverTime))}>{ "by era" }</a>{ ")" }
                        </span></div>
                }
            </div>
            <super::story::StoryCards/>
            <h2>{ "Benchmark leaders" }</h2>
            <ul class="leaders">
            { for LEADERBOARDS.iter().filter_map(|(bench, chart)| {
                let setting = main_setting(ds, rows, bench)?;
                let best = leader(ds, rows, bench, &setting)?;
                let m = ds.models.iter().find(|m| m.id == best.model_id)?;
                let name = ds.benchmark_info.iter().find(|i| i.id == *bench).map_or(bench.to_string(), |i| i.name.clone());
                Some(html! {
                    <li>
                        <a href={ctx.href(Route::Chart(*chart))}>{ name }</a>
                        { format!(" ({setting}): ") }{ model_link(m) }
                        { format!(" — {} {}", format::plain(best.value, 4), best.unit) }
                    </li>
                })
            }) }
            </ul>
            <h2>{ "Key charts" }</h2>
            <div class="thumbs">
                { for KEY_CHARTS.iter().map(|c| html! { <Thumb chart={*c}/> }) }
            </div>
            <p><a href={ctx.href(Route::Charts)}>{ "All charts →" }</a>{ " · " }<a href={ctx.href(Route::Models)}>{ "Explore the table →" }</a></p>
        </section>
    }
}

/// `#/charts`: every chart, small.
#[function_component(ChartsGallery)]
pub fn charts_gallery() -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    html! {
        <section class="view" aria-labelledby="view-title">
            <h1 id="view-title">{ "Charts" }</h1>
            <p class="status" role="status">{ crate::format::of_models(ctx.result.rows.len(), ctx.data.0.models.len()) }</p>
            <div class="thumbs">
                { for ChartId::ALL.iter().map(|c| html! { <Thumb chart={*c}/> }) }
            </div>
        </section>
    }
}

/// Properties of [`ChartPage`].
#[derive(Properties, PartialEq)]
pub struct ChartPageProps {
    /// Which chart.
    pub chart: ChartId,
}

/// `#/charts/<id>`: one chart with its controls.
#[function_component(ChartPage)]
pub fn chart_page(props: &ChartPageProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let rows = std::rc::Rc::clone(&ctx.result.rows);
    // Under a year filter the default window follows the filtered rows; what the controls
    // send back keeps the URL's own value when they did not change the window.
    let chosen = ctx.state.view.chart.time;
    let options = ChartOptions {
        time: chosen.within(&ctx.state.view.query.years),
        ..ctx.state.view.chart.clone()
    };
    let on_options = {
        let ctx = ctx.clone();
        let shown = options.time;
        Callback::from(move |mut o: ChartOptions| {
            if o.time == shown {
                o.time = chosen;
            }
            ctx.dispatch(Action::ChartOptions(o))
        })
    };
    let open = {
        let ctx = ctx.clone();
        Callback::from(move |id: String| ctx.dispatch(Action::Navigate(Route::Model(id))))
    };
    let embed = ctx.state.view.embed;
    html! {
        <section class="view chart-page" aria-labelledby="view-title">
            if !embed {
                <h1 id="view-title">{ props.chart.title() }</h1>
                <p class="status" role="status">
                    { crate::format::of_models(ctx.result.rows.len(), ctx.data.0.models.len()) }
                    if ctx.state.view.query.is_filtered() {
                        { " — filtered: " }<a href={ctx.href(Route::Models)}>{ "change the filters in the table" }</a>
                    }
                </p>
            }
            <ChartView data={ctx.data.clone()} rows={rows} chart={props.chart}
                       options={options} on_options={on_options} on_open_model={open}
                       embed={embed}/>
        </section>
    }
}

/// `#/about`: what the atlas is, the data's licence and credits, how to cite.
#[function_component(About)]
pub fn about() -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let year = ds
        .models
        .iter()
        .filter_map(crate::data::Model::year)
        .max()
        .unwrap_or(2026);
    html! {
        <article class="view prose" aria-labelledby="view-title">
            <h1 id="view-title">{ "About Model Atlas" }</h1>
            <p>{ "Model Atlas is an explorer of large AI models that runs entirely in your browser: the dataset is built into the page, nothing is sent anywhere, and it works offline." }</p>
            <h2>{ "Where the numbers come from" }</h2>
            <p>{ "Each model's values come from its developers' papers, model cards and announcements (the primary source is linked on every model page) and from " }
               <a href="https://epoch.ai/data/ai-models" rel="noopener" target="_blank">{ "Epoch AI, “Data on AI Models”" }</a>
               { ", published under the " }<a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener" target="_blank">{ "Creative Commons Attribution 4.0 licence" }</a>
               { ". Most training-compute figures are Epoch AI's estimates and say so in their notes." }</p>
            <p>{ "Every number carries a confidence: " }<strong>{ "reported" }</strong>{ " (published by the developers), " }
               <strong class="estimated">{ "≈ estimated" }</strong>{ " (derived by a third party or by us; the note says how), or " }
               <span class="unknown">{ "— not disclosed" }</span>{ ". Undisclosed values are never guessed." }</p>
            <h2>{ "Facts and figures" }</h2>
            <ul class="facts-list">
                { for ds.facts.iter().map(|f| html! {
                    <li>{ &f.fact }{ " " }
                        if let Some(url) = crate::format::safe_link(&f.source_url) {
                            <a href={url.to_owned()} rel="noopener" target="_blank">{ format!("({})", f.source_name) }</a>
                        } else {
                            { format!("({})", f.source_name) }
                        }
                    </li>
                }) }
            </ul>
            <h2>{ "Licence" }</h2>
            <p>{ "The dataset is published under CC BY 4.0, like the Epoch AI data it builds on: reuse it freely, crediting Model Atlas and Epoch AI." }</p>
            <h2>{ "How to cite" }</h2>
            <pre class="bibtex" tabindex="0" aria-label="BibTeX entry for Model Atlas">{ cite::atlas_bibtex(year) }</pre>
        </article>
    }
}
