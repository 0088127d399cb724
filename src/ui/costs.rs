//! `#/costs`: the price of scale. From a model (or typed N and D) to training compute,
//! chip-hours, days, cost, energy and emissions, serving, and the compute-optimal size; every
//! step with its formula, every assumption editable with its default, range and source, and
//! the published figures beside the estimates. The rules are in `crate::cost`.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{use_ctx, Action};
use crate::chart::ChartId;
use crate::cost::params::{weights_id, CostParams, Knob, PriceBasis};
use crate::cost::report::{report, show, show_range, Comparison, KnobRow, Outcome};
use crate::cost::{number, Assumption, WeightFormat};
use crate::data::{chips, Chip, Confidence, Num};
use crate::format;
use crate::url::Route;

fn target_value(e: &Event) -> Option<String> {
    let t = e.target()?;
    if let Ok(i) = t.clone().dyn_into::<web_sys::HtmlInputElement>() {
        return Some(i.value());
    }
    t.dyn_into::<web_sys::HtmlSelectElement>()
        .ok()
        .map(|s| s.value())
}

fn badge(c: Confidence) -> Html {
    html! { <span class={classes!("badge", c.as_str())}>{ c.as_str() }</span> }
}

fn step_row(key: &str, name: &str, outcome: &Outcome) -> Html {
    match outcome {
        Ok(s) => {
            let (central, range) = show_range(s);
            html! {
                <tr data-step={key.to_owned()}>
                    <th scope="row">{ s.name }</th>
                    <td class="formula">{ &s.formula }</td>
                    <td class="result"><span class="big">{ central }</span>
                        if !range.is_empty() { <span class="range">{ format!("range {range}") }</span> }</td>
                </tr>
            }
        }
        Err(e) => html! {
            <tr data-step={key.to_owned()} class="missing">
                <th scope="row">{ name.to_owned() }</th>
                <td colspan="2" class="cost-message">{ e }</td>
            </tr>
        },
    }
}

fn comparison_row(c: &Comparison) -> Html {
    let unit = if c.unit == "USD" { "" } else { c.unit };
    let published = if c.unit == "USD" {
        format!("${}", format::short_count(c.published))
    } else {
        format!("{} {unit}", show(c.unit, c.published))
    };
    html! {
        <li class="comparison" data-what={c.what}>
            <p><strong>{ format!("Published {}: ", c.what) }</strong>
                <span class="big">{ published }</span>{ badge(c.confidence) }
                if !c.basis.is_empty() { <span class="hint">{ format!(" {}", c.basis) }</span> }
                <span class="hint">{ format!(" · estimate {}–{}", show(c.unit, c.estimate.low), show(c.unit, c.estimate.high)) }</span></p>
            <p class="sentence">{ &c.sentence }</p>
            if !c.note.is_empty() { <p class="note">{ format!("Source and method: {}", c.note) }</p> }
        </li>
    }
}

/// The cost view.
/// The three ends of an assumption's range, as the inputs name them.
const END_NAMES: [&str; 3] = ["low", "central", "high"];

#[function_component(CostsView)]
pub fn costs_view() -> Html {
    let table = use_memo((), |_| chips().unwrap_or_default());
    let error = use_state_eq(|| None::<String>);
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let params = ctx.state.view.costs.clone();
    let r = report(&params, &ds.models, &table);
    let chip_id = r.chip.as_ref().map(|c| c.id.clone()).unwrap_or_default();

    // Sets one URL parameter from an input; an empty input restores the default, a bad one
    // is ignored with a message.
    let set = |key: &'static str| {
        let ctx = ctx.clone();
        let params = params.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let Some(v) = target_value(&e) else { return };
            let v = v.trim().to_owned();
            let mut next = params.clone();
            if v.is_empty() {
                next.clear(key);
            } else if let Err(what) = next.set(key, &v) {
                error.set(Some(format!("Ignored {what} “{v}”.")));
                return;
            }
            error.set(None);
            ctx.dispatch(Action::Costs(next));
        })
    };
    // Sets one end of an assumption; the others keep their values.
    let set_end = |row: &KnobRow, end: usize| {
        let ctx = ctx.clone();
        let params = params.clone();
        let error = error.clone();
        let (knob, value, default) = (row.knob, row.value, row.default);
        Callback::from(move |e: Event| {
            let Some(v) = target_value(&e) else { return };
            let v = v.trim().to_owned();
            let mut next = params.clone();
            if v.is_empty() {
                next.clear(knob.id());
            } else if end == 1 {
                if let Err(what) = next.set(knob.id(), &v) {
                    error.set(Some(format!("Ignored {what} “{v}”.")));
                    return;
                }
            } else {
                let Ok(x) = v.parse::<f64>() else {
                    error.set(Some(format!("Ignored a value that is not a number “{v}”.")));
                    return;
                };
                let a = value.unwrap_or(Assumption::exact(x));
                let (lo, hi) = if end == 0 { (x, a.high) } else { (a.low, x) };
                let full = format!("{},{},{}", lo, a.value.clamp(lo.min(hi), hi.max(lo)), hi);
                if let Err(what) = next.set(knob.id(), &full) {
                    error.set(Some(format!("Ignored {what} “{v}”.")));
                    return;
                }
            }
            // Back at the default: nothing in the URL.
            if next.knob(knob).map(|k| k.resolve(default)) == default && default.is_some() {
                next.clear(knob.id());
            }
            error.set(None);
            ctx.dispatch(Action::Costs(next));
        })
    };
    let reset = {
        let ctx = ctx.clone();
        let model = params.model.clone();
        Callback::from(move |_| {
            ctx.dispatch(Action::Costs(CostParams {
                model: model.clone(),
                ..CostParams::default()
            }))
        })
    };

    let mut names: Vec<(&str, &str)> = ds
        .models
        .iter()
        .filter(|m| m.value(Num::Parameters).is_some() || m.value(Num::TrainingCompute).is_some())
        .map(|m| (m.name.as_str(), m.id.as_str()))
        .collect();
    crate::sort::sort_by_key(&mut names, |(n, _)| n.to_lowercase());
    let model_id = params.model.clone().unwrap_or_default();
    let show_opt = |v: Option<f64>| v.map(number).unwrap_or_default();
    let placeholder =
        |v: Option<(f64, &'static str)>| v.map_or("e.g. 7e10".to_owned(), |(x, _)| number(x));
    let recorded_compute = r
        .model
        .as_ref()
        .and_then(|(id, _)| ds.models.iter().find(|m| &m.id == id))
        .and_then(|m| m.value(Num::TrainingCompute));
    let knob_rows: Vec<&KnobRow> = r
        .knobs
        .iter()
        .filter(|k| match k.knob {
            Knob::Price => params.basis == PriceBasis::Rent,
            Knob::Purchase | Knob::Lifetime | Knob::Utilization => params.basis == PriceBasis::Buy,
            _ => true,
        })
        .collect();
    let facts: Vec<_> = ds
        .facts
        .iter()
        .filter(|f| f.model_ids.contains(&model_id))
        .collect();
    let chip_options = |c: &Chip| {
        html! { <option value={c.id.clone()} selected={c.id == chip_id}>{ &c.name }</option> }
    };
    let status = match (&r.model, &r.chip) {
        (Some((_, name)), Some(c)) => format!(
            "{name} on {}: {} published figure(s) to compare with.",
            c.name,
            r.comparisons.len()
        ),
        (None, Some(c)) => format!("Typed N and D on {}.", c.name),
        _ => "Choose a model or type N and D, and a chip.".to_owned(),
    };
    let inference_names = [
        "Weights in memory",
        "Chips to hold the model",
        "Serving cost per year",
    ];
    let inference_keys = ["memory", "hold", "rent"];

    html! {
        <section class="view costs" aria-labelledby="view-title">
            <h1 id="view-title">{ "The price of scale" }</h1>
            <p class="lede">{ "From what is known about a model to what it implies: training compute, chip-hours, days, cost, energy and emissions, and what serving it takes. Every step shows its formula; every assumption shows its sourced default and plausible range and can be changed; results are ranges (low–high) around a central value, not one false-precise number." }</p>
            <p class="status" role="status">{ status }</p>
            { for r.notices.iter().map(|n| html! { <p class="notice-inline">{ n }</p> }) }
            if let Some(e) = &*error { <p class="notice-inline" role="alert" id="cost-error">{ e }</p> }

            <div class="cost-inputs">
                <fieldset>
                    <legend>{ "What was trained" }</legend>
                    <label>{ "Model " }
                        <select id="cost-model" onchange={set("model")}>
                            <option value="" selected={model_id.is_empty()}>{ "— none: type N and D —" }</option>
                            { for names.iter().map(|(n, id)| html! {
                                <option value={(*id).to_owned()} selected={*id == model_id}>{ *n }</option>
                            }) }
                        </select>
                    </label>
                    if let Some((id, name)) = &r.model {
                        <p class="hint"><a href={ctx.href(Route::Model(id.clone()))}>{ format!("{name}: every field and its source") }</a></p>
                    }
                    <label>{ "Parameters N " }
                        <input id="cost-n" type="text" inputmode="decimal" value={show_opt(params.parameters)}
                               placeholder={placeholder(r.parameters)} onchange={set("n")}/></label>
                    <label>{ "Training tokens D " }
                        <input id="cost-d" type="text" inputmode="decimal" value={show_opt(params.tokens)}
                               placeholder={placeholder(r.tokens)} onchange={set("d")}/></label>
                    <label>{ "Compute from " }
                        <select id="cost-compute" onchange={set("compute")}>
                            <option value="6nd" selected={r.basis == Some(crate::cost::params::ComputeBasis::SixND)}>{ "6 · N · D" }</option>
                            <option value="recorded" disabled={recorded_compute.is_none()}
                                    selected={r.basis == Some(crate::cost::params::ComputeBasis::Recorded)}>
                                { recorded_compute.map_or("the model's recorded compute (none)".to_owned(), |c| format!("the model's recorded compute ({} FLOP)", format::scientific(c))) }
                            </option>
                        </select>
                    </label>
                </fieldset>
                <fieldset>
                    <legend>{ "Hardware" }</legend>
                    <label>{ "Chip " }
                        <select id="cost-chip" onchange={set("chip")}>
                            { for table.iter().map(chip_options) }
                        </select>
                    </label>
                    if let Some(c) = &r.chip {
                        <p class="hint">{ format!("{} TFLOP/s (16-bit), {} W, {} GB · ",
                            c.peak_tflops(crate::data::Precision::Bf16).map_or("—".to_owned(), |v| format::plain(v, 4)),
                            c.tdp_watts.map_or("—".to_owned(), |v| format::plain(v, 4)),
                            c.memory_gb.map_or("—".to_owned(), |v| format::plain(v, 4))) }
                            <a href={c.source_url.clone()} rel="noopener" target="_blank">{ "source" }</a></p>
                    }
                    <label>{ "Chips in parallel K " }
                        <input id="cost-k" type="text" inputmode="numeric" value={show_opt(params.chips)}
                               placeholder={r.chips.map_or("e.g. 1024".to_owned(), |(k, _)| number(k))} onchange={set("k")}/></label>
                    if let Some((_, from)) = r.chips { <p class="hint">{ format!("from {from}") }</p> }
                    <label>{ "Price a chip-hour by " }
                        <select id="cost-basis" onchange={set("basis")}>
                            <option value="rent" selected={params.basis == PriceBasis::Rent}>{ "cloud rental" }</option>
                            <option value="buy" selected={params.basis == PriceBasis::Buy}>{ "amortized purchase" }</option>
                        </select>
                    </label>
                    <label>{ "Serve the weights as " }
                        <select id="cost-weights" onchange={set("weights")}>
                            { for WeightFormat::ALL.iter().map(|w| html! {
                                <option value={weights_id(*w)} selected={*w == r.weights}>{ w.label() }</option>
                            }) }
                        </select>
                    </label>
                </fieldset>
            </div>

            <h2>{ "Assumptions" }</h2>
            <div class="table-wrap">
            <table class="assumptions">
                <thead><tr><th scope="col">{ "Assumption" }</th><th scope="col">{ "Low" }</th><th scope="col">{ "Central" }</th><th scope="col">{ "High" }</th><th scope="col">{ "Default and source" }</th></tr></thead>
                <tbody>
                { for knob_rows.iter().map(|k| {
                    let v = k.value;
                    let cell = |end: usize, x: Option<f64>| html! {
                        <td><input type="text" inputmode="decimal" class="knob"
                                   data-knob={k.knob.id()} data-end={END_NAMES.get(end).copied().unwrap_or_default()}
                                   aria-label={format!("{}: {}", k.knob.label(), END_NAMES.get(end).copied().unwrap_or_default())}
                                   value={x.map(number).unwrap_or_default()} onchange={set_end(k, end)}/></td>
                    };
                    html! {
                        <tr class={classes!(k.edited.then_some("edited"))}>
                            <th scope="row">{ k.knob.label() }</th>
                            { cell(0, v.map(|a| a.low)) }{ cell(1, v.map(|a| a.value)) }{ cell(2, v.map(|a| a.high)) }
                            <td class="note">
                                { k.default.map_or("no default · ".to_owned(), |d| format!("default {} · ", d.describe())) }
                                if k.source_url.is_empty() { { &k.source } } else {
                                    <a href={k.source_url} rel="noopener" target="_blank">{ &k.source }</a>
                                }
                            </td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
            <p><button type="button" onclick={reset}>{ "Back to the defaults" }</button></p>

            <h2>{ "Training" }</h2>
            <div class="table-wrap">
            <table class="cost-steps">
                <thead><tr><th scope="col">{ "Step" }</th><th scope="col">{ "Formula" }</th><th scope="col">{ "Result (central, range)" }</th></tr></thead>
                <tbody>
                    { step_row("compute", "Training compute", &r.compute) }
                    { step_row("chip-hours", "Chip-hours", &r.chip_hours) }
                    { step_row("days", "Training time", &r.days) }
                    { step_row("cost", "Compute cost", &r.cost) }
                    { step_row("energy", "Energy", &r.energy) }
                    { step_row("emissions", "Emissions", &r.emissions) }
                </tbody>
            </table>
            </div>
            if !r.comparisons.is_empty() {
                <h3>{ "Published figures beside the estimate" }</h3>
                <ul class="comparisons">{ for r.comparisons.iter().map(comparison_row) }</ul>
            } else if r.model.is_some() {
                <p class="hint">{ "This model has no published chip-hours, energy, emissions or cost to compare with." }</p>
            }

            <h2>{ "Serving" }</h2>
            <p class="hint">{ "Memory for the weights alone and the chips to hold one copy; a year of renting them around the clock. Throughput, batching and redundancy would need more." }</p>
            <div class="table-wrap">
            <table class="cost-steps">
                <tbody>
                { for r.inference.iter().enumerate().map(|(i, o)| step_row(
                    inference_keys.get(i).copied().unwrap_or(""),
                    inference_names.get(i).copied().unwrap_or(""), o)) }
                </tbody>
            </table>
            </div>

            <h2>{ "Compute-optimal size" }</h2>
            <p class="hint">{ "Hoffmann et al. 2022 (Chinchilla): for a compute budget C ≈ 6·N·D, loss is lowest near 20 tokens per parameter." }
                <a href="https://arxiv.org/abs/2203.15556" rel="noopener" target="_blank">{ " arXiv 2203.15556" }</a></p>
            { match &r.optimal {
                Ok(o) => html! {
                    <div class="optimal" id="cost-optimal">
                        <p class="formula">{ &o.formula }</p>
                        <div class="table-wrap"><table class="optimal-table">
                            <thead><tr><th scope="col"></th><th scope="col">{ "Parameters" }</th><th scope="col">{ "Tokens" }</th><th scope="col">{ "Tokens / param." }</th></tr></thead>
                            <tbody>
                                <tr><th scope="row">{ "Compute-optimal" }</th><td>{ format::short_count(o.parameters) }</td><td>{ format::short_count(o.tokens) }</td><td>{ "20" }</td></tr>
                                if let (Some((n, _)), Some((d, _))) = (r.parameters, r.tokens) {
                                    <tr><th scope="row">{ "As built" }</th><td>{ format::short_count(n) }</td><td>{ format::short_count(d) }</td><td>{ format::plain(d / n, 3) }</td></tr>
                                }
                            </tbody>
                        </table></div>
                        if let Some(Ok(b)) = &r.built { <p class="sentence">{ format!(
                            "As built: {} tokens per parameter, {}× the compute-optimal 20 ({}).",
                            format::plain(b.tokens_per_parameter, 3),
                            format::plain(b.ratio_to_optimal, 2),
                            if b.ratio_to_optimal < 1.0 { "fewer tokens than compute-optimal for its size" } else { "more tokens than compute-optimal, which makes a smaller model cheaper to serve" }
                        ) }</p> }
                    </div>
                },
                Err(e) => html! { <p class="cost-message">{ e }</p> },
            } }

            if !facts.is_empty() {
                <h2>{ "From the record" }</h2>
                <ul class="facts-list">{ for facts.iter().map(|f| fact_html(f)) }</ul>
            }
            <p class="hint">{ "Across models: " }
                <a href={ctx.href(Route::Chart(ChartId::CostOverTime))}>{ ChartId::CostOverTime.title() }</a>{ " · " }
                <a href={ctx.href(Route::Chart(ChartId::EnergyVsCompute))}>{ ChartId::EnergyVsCompute.title() }</a></p>
        </section>
    }
}

/// A fact with its source and context.
pub fn fact_html(f: &crate::data::Fact) -> Html {
    html! {
        <li class="fact" data-fact={f.id.clone()}>
            <p>{ &f.fact }{ " " }
                <a href={f.source_url.clone()} rel="noopener" target="_blank">{ &f.source_name }</a>
                if !f.note.is_empty() { <span class="hint">{ format!(" ({})", f.note) }</span> }</p>
            if !f.context.is_empty() { <p class="context">{ &f.context }</p> }
        </li>
    }
}
