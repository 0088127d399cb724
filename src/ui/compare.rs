//! `#/compare?ids=a,b,c`: two to four models side by side.

use crate::data::{Num, Text};
use yew::prelude::*;

use super::{use_ctx, Action};
use crate::data::{Confidence, Dataset, Model, Quantity};
use crate::format;
use crate::query::compare::{differing_numbers, differing_texts, tokens_per_parameter};
use crate::url::Route;

/// At most this many models side by side.
pub const MAX_COMPARE: usize = 4;

type Getter = fn(&Dataset, &Model) -> String;

/// Text fields: label, value, and whether a difference is highlighted (categories are;
/// dates, descriptions and links always differ and are not).
const TEXT_FIELDS: [(&str, Getter, bool); 11] = [
    ("Organization", |ds, m| ds.organization_names(m), true),
    ("Country", |ds, m| ds.country(m).to_owned(), true),
    ("Date", |_, m| crate::format::date(m.date), false),
    ("Domain", |_, m| m.text(Text::Domain).to_owned(), true),
    ("Tasks", |_, m| sorted_tasks(m), true),
    (
        "Architecture",
        |_, m| m.text(Text::Architecture).to_owned(),
        true,
    ),
    (
        "Training data",
        |_, m| m.text(Text::TrainingDataset).to_owned(),
        false,
    ),
    ("Hardware", |_, m| m.text(Text::Hardware).to_owned(), true),
    ("Access", |_, m| m.text(Text::Access).to_owned(), true),
    ("Licence", |_, m| m.text(Text::License).to_owned(), true),
    (
        "Primary source",
        |_, m| m.text(Text::SourceUrl).to_owned(),
        false,
    ),
];

/// The tasks in alphabetical order, so that the same set reads (and compares) the same.
fn sorted_tasks(m: &Model) -> String {
    let mut tasks: Vec<&str> = m.tasks.iter().map(String::as_str).collect();
    tasks.sort_unstable();
    tasks.join(", ")
}

type QuantityGetter = fn(&Model) -> Quantity;
type Formatter = fn(f64) -> String;

/// Numeric fields, with ratios to the first model.
const NUMBER_FIELDS: [(&str, &str, QuantityGetter, Formatter); 6] = [
    (
        "Parameters",
        "parameters",
        |m| m.num(Num::Parameters).clone(),
        format::short_count,
    ),
    (
        "Active parameters",
        "active parameters",
        |m| Quantity::from_value(m.value(Num::ActiveParameters)),
        format::short_count,
    ),
    (
        "Training tokens",
        "training tokens",
        |m| m.num(Num::TrainingTokens).clone(),
        format::short_count,
    ),
    (
        "Training compute",
        "training compute",
        |m| m.num(Num::TrainingCompute).clone(),
        format::flop,
    ),
    (
        "Chips",
        "chips",
        |m| Quantity::from_value(m.value(Num::HardwareCount)),
        format::whole,
    ),
    (
        "Training days",
        "training days",
        |m| Quantity::from_value(m.value(Num::TrainingDays)),
        |v| format::plain(v, 3),
    ),
];

/// "3.1×", "0.25×" for a ratio.
fn ratio(r: f64) -> String {
    if r >= 10.0 {
        format!("{r:.0}×")
    } else if r >= 0.1 {
        format!("{}×", format::plain(r, 2))
    } else {
        format!("{}×", format::scientific(r))
    }
}

/// The comparison view.
#[function_component(CompareView)]
pub fn compare_view() -> Html {
    let adding = use_state(String::new);
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let ids = ctx.state.view.compare.clone();
    let models: Vec<&Model> = ids
        .iter()
        .filter_map(|id| ds.models.iter().find(|m| &m.id == id))
        .take(MAX_COMPARE)
        .collect();
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| !ds.models.iter().any(|m| &m.id == *id))
        .collect();
    let remove = |id: String| {
        let ctx = ctx.clone();
        let ids = ids.clone();
        Callback::from(move |_| {
            ctx.dispatch(Action::Compare(
                ids.iter().filter(|x| **x != id).cloned().collect(),
            ))
        })
    };
    let on_add_input = {
        let adding = adding.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = super::browser::event_input(&e) {
                adding.set(i.value());
            }
        })
    };
    let add = {
        let ctx = ctx.clone();
        let ids = ids.clone();
        let adding = adding.clone();
        let data = ctx.data.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let wanted = adding.trim().to_lowercase();
            let found = data
                .0
                .models
                .iter()
                .find(|m| m.name.to_lowercase() == wanted || m.id == wanted);
            if let Some(m) = found {
                if !ids.contains(&m.id) && ids.len() < MAX_COMPARE {
                    let mut next = ids.clone();
                    next.push(m.id.clone());
                    ctx.dispatch(Action::Compare(next));
                    adding.set(String::new());
                }
            }
        })
    };
    let differs =
        |flags: &[bool], i: usize| flags.get(i).copied().unwrap_or(false).then_some("differs");
    let first = models.first().copied();
    html! {
        <section class="view" aria-labelledby="view-title">
            <p class="crumbs"><a href={ctx.href(Route::Models)}>{ "← Back to the models" }</a></p>
            <h1 id="view-title">{ "Compare models" }</h1>
            if !missing.is_empty() {
                <p class="notice-inline" role="alert">{ format!("Not in this dataset: {}", missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")) }</p>
            }
            <form class="toolbar" onsubmit={add}>
                <label class="search">
                    <span>{ "Add a model" }</span>
                    <input type="text" list="model-names" value={(*adding).clone()} oninput={on_add_input}
                           disabled={models.len() >= MAX_COMPARE} placeholder="type a name"/>
                </label>
                <datalist id="model-names">
                    { for ds.models.iter().take(5000).map(|m| html! { <option value={m.name.clone()}/> }) }
                </datalist>
                <button type="submit" disabled={models.len() >= MAX_COMPARE}>{ "Add" }</button>
                <span class="hint">{ format!("{} of at most {MAX_COMPARE} models", models.len()) }</span>
            </form>
            if models.len() < 2 {
                <p class="status" role="status">{ "Pick at least two models: tick them in the table, or add them here." }</p>
            } else {
                <p class="status" role="status">{ format!("Comparing {} models; ratios are to {}.", models.len(), first.map_or("", |m| m.name.as_str())) }</p>
            }
            <div class="table-wrap">
            <table class="compare">
                <thead><tr>
                    <th scope="col">{ "Field" }</th>
                    { for models.iter().map(|m| html! {
                        <th scope="col" data-id={m.id.clone()}>
                            <a href={ctx.href(Route::Model(m.id.clone()))}>{ &m.name }</a>
                            <button type="button" class="remove" aria-label={format!("Remove {}", m.name)}
                                    onclick={remove(m.id.clone())}>{ "×" }</button>
                        </th>
                    }) }
                </tr></thead>
                <tbody>
                { for NUMBER_FIELDS.iter().map(|(label, noun, get, fmt)| {
                    let qs: Vec<Quantity> = models.iter().map(|m| get(m)).collect();
                    let base = qs.first().and_then(|q| q.value);
                    let flags = differing_numbers(&qs.iter().map(|q| q.value).collect::<Vec<_>>());
                    html! {
                        <tr>
                            <th scope="row">{ label }</th>
                            { for qs.iter().enumerate().map(|(i, q)| html! {
                                <td class={classes!(differs(&flags, i))}>
                                    { match q.value {
                                        Some(v) => html! {
                                            <>
                                                <span class={classes!((q.confidence == Confidence::Estimated).then_some("estimated"))}>
                                                    if q.confidence == Confidence::Estimated { { "≈" } }
                                                    { fmt(v) }
                                                </span>
                                                if i > 0 {
                                                    if let Some(b) = base.filter(|b| *b > 0.0) {
                                                        <span class="ratio">{ format!(" {} the {noun}", ratio(v / b)) }</span>
                                                    }
                                                }
                                            </>
                                        },
                                        None => html! { <span class="unknown">{ "— not disclosed" }</span> },
                                    } }
                                </td>
                            }) }
                        </tr>
                    }
                }) }
                { tokens_row(&models) }
                { for TEXT_FIELDS.iter().map(|(label, get, compared)| {
                    let values: Vec<String> = models.iter().map(|m| get(ds, m)).collect();
                    let flags = if *compared { differing_texts(&values) } else { Vec::new() };
                    html! {
                        <tr>
                            <th scope="row">{ label }</th>
                            { for values.iter().enumerate().map(|(i, v)| html! {
                                <td class={classes!(differs(&flags, i))}>if v.is_empty() { <span class="unknown">{ "—" }</span> } else if v.starts_with("http") {
                                    <a href={v.clone()} rel="noopener" target="_blank">{ v }</a>
                                } else { { v } }</td>
                            }) }
                        </tr>
                    }
                }) }
                { for benchmark_rows(ds, &models) }
                </tbody>
            </table>
            </div>
            <p class="hint">{ format!("Highlighted: values that differ from {}'s (numbers within 5 % count as the same; undisclosed values, dates, datasets and sources are not compared).", first.map_or("the first model", |m| m.name.as_str())) }</p>
        </section>
    }
}

/// Training tokens per parameter, against Chinchilla's compute-optimal ~20.
fn tokens_row(models: &[&Model]) -> Html {
    let values: Vec<_> = models.iter().map(|m| tokens_per_parameter(m)).collect();
    let flags = differing_numbers(
        &values
            .iter()
            .map(|t| t.as_ref().map(|t| t.value))
            .collect::<Vec<_>>(),
    );
    html! {
        <tr class="tokens-per-parameter">
            <th scope="row">{ "Tokens per parameter" }<span class="ratio">{ "Chinchilla's compute-optimal ≈ 20" }</span></th>
            { for values.iter().enumerate().map(|(i, t)| html! {
                <td class={classes!(flags.get(i).copied().unwrap_or(false).then_some("differs"))}>
                    { match t {
                        Some(t) => html! {
                            <>
                                <span class={classes!(t.estimated.then_some("estimated"))}>
                                    if t.estimated { { "≈" } }
                                    { format::plain(t.value, 2) }
                                </span>
                                <span class="ratio">{ format!("{}× Chinchilla's 20: {}", format::plain(t.ratio_to_optimal, 2), t.verdict()) }</span>
                            </>
                        },
                        None => html! { <span class="unknown">{ "— needs parameters and training tokens" }</span> },
                    } }
                </td>
            }) }
        </tr>
    }
}

/// One row per benchmark and setting any of the models has.
fn benchmark_rows(ds: &Dataset, models: &[&Model]) -> Vec<Html> {
    let mut keys: Vec<(String, String)> = ds
        .benchmarks
        .iter()
        .filter(|b| models.iter().any(|m| m.id == b.model_id))
        .map(|b| (b.benchmark.clone(), b.setting.clone()))
        .collect();
    crate::sort::sort_by(&mut keys, Ord::cmp);
    keys.dedup();
    keys.into_iter()
        .map(|(bench, setting)| {
            let name = ds
                .benchmark_info
                .iter()
                .find(|i| i.id == bench)
                .map_or(bench.clone(), |i| i.name.clone());
            let values: Vec<String> = models
                .iter()
                .map(|m| {
                    ds.benchmarks
                        .iter()
                        .find(|b| b.model_id == m.id && b.benchmark == bench && b.setting == setting)
                        .map(|b| format!("{} {}", format::plain(b.value, 4), b.unit))
                        .unwrap_or_default()
                })
                .collect();
            let flags = differing_texts(&values);
            html! {
                <tr>
                    <th scope="row">{ format!("{name} ({setting})") }</th>
                    { for values.iter().enumerate().map(|(i, v)| html! {
                        <td class={classes!(flags.get(i).copied().unwrap_or(false).then_some("differs"))}>if v.is_empty() { <span class="unknown">{ "—" }</span> } else { { v } }</td>
                    }) }
                </tr>
            }
        })
        .collect()
}
