//! The filter panel: facets with live counts, range filters on log scales, "Clear all".

use std::rc::Rc;

use yew::prelude::*;

use super::{use_ctx, Action, RangeKind};
use crate::format;
use crate::query::{Facet, FacetCount, FacetCounts, Range};

/// How many values a facet shows before "Show all".
const SHORT_LIST: usize = 8;

/// The display label of a facet value (organization ids become names).
fn value_label(ds: &crate::data::Dataset, facet: Facet, value: &str) -> String {
    match facet {
        Facet::Org => ds
            .organization(value)
            .map_or(value.to_owned(), |o| o.name.clone()),
        _ => value.to_owned(),
    }
}

/// One facet's counts, taken from every facet's: equal when the same result or the same
/// values and counts (a new result changes only the boxes whose counts changed).
#[derive(Clone)]
struct CountsOf {
    all: Rc<FacetCounts>,
    facet: Facet,
}

impl CountsOf {
    fn get(&self) -> &[FacetCount] {
        self.all
            .iter()
            .find(|(g, _)| *g == self.facet)
            .map_or(&[], |(_, c)| c)
    }
}

impl PartialEq for CountsOf {
    fn eq(&self, other: &Self) -> bool {
        self.facet == other.facet
            && (Rc::ptr_eq(&self.all, &other.all) || self.get() == other.get())
    }
}

#[derive(Properties, PartialEq)]
struct FacetBoxProps {
    counts: CountsOf,
    data: super::Data,
    /// Toggles a value of a facet (stable over renders).
    on_toggle: Callback<(Facet, String)>,
}

#[derive(Properties, PartialEq)]
struct FacetItemProps {
    facet: Facet,
    value: AttrValue,
    label: AttrValue,
    count: usize,
    selected: bool,
    on_toggle: Callback<(Facet, String)>,
}

/// One value of a facet: re-rendered only when its count, label or state changes.
#[function_component(FacetItem)]
fn facet_item(props: &FacetItemProps) -> Html {
    let onchange = {
        let on_toggle = props.on_toggle.clone();
        let (f, value) = (props.facet, props.value.clone());
        Callback::from(move |_| on_toggle.emit((f, value.to_string())))
    };
    html! {
        <li>
            <label class={classes!((props.count == 0).then_some("empty"))}>
                <input type="checkbox" data-facet={props.facet.id()} value={props.value.clone()}
                       checked={props.selected} {onchange}/>
                <span class="facet-value">{ props.label.clone() }</span>
                <span class="count">{ crate::format::count(props.count) }</span>
            </label>
        </li>
    }
}

#[function_component(FacetBox)]
fn facet_box(props: &FacetBoxProps) -> Html {
    let expanded = use_state(|| false);
    let ds = &props.data.0;
    let f = props.counts.facet;
    let counts = props.counts.get();
    let shown: Vec<&FacetCount> = if *expanded {
        counts.iter().collect()
    } else {
        // The most common values, plus any selected value further down (order kept stable).
        counts
            .iter()
            .enumerate()
            .filter(|(i, c)| *i < SHORT_LIST || c.selected)
            .map(|(_, c)| c)
            .collect()
    };
    let more = counts.len().saturating_sub(shown.len());
    let toggle_more = {
        let expanded = expanded.clone();
        Callback::from(move |_| expanded.set(!*expanded))
    };
    html! {
        <fieldset class="facet">
            <legend>{ f.label() }</legend>
            <ul>
            { for shown.into_iter().map(|c| html! {
                <FacetItem key={c.value.as_str()} facet={f} value={AttrValue::from(c.value.clone())}
                           label={AttrValue::from(value_label(ds, f, &c.value))} count={c.count}
                           selected={c.selected} on_toggle={props.on_toggle.clone()}/>
            }) }
            </ul>
            if more > 0 || *expanded {
                <button type="button" class="link" onclick={toggle_more} aria-expanded={(*expanded).to_string()}>
                    { if *expanded { "Show fewer".to_owned() } else { format!("Show all ({more} more)") } }
                </button>
            }
        </fieldset>
    }
}

/// Slider stops for a log-scaled range: exponents from `lo` to `hi` in quarter decades.
struct LogScale {
    lo: f64,
    hi: f64,
}

impl LogScale {
    fn steps(&self) -> f64 {
        ((self.hi - self.lo) * 4.0).round()
    }
}

#[derive(Properties, PartialEq)]
struct RangeBoxProps {
    kind: RangeKind,
    range: Range,
    /// Sets a range (stable over renders, so a box re-renders only when its range changes).
    on_set: Callback<(RangeKind, Range)>,
}

fn input_value(e: &Event) -> Option<f64> {
    super::browser::event_input(e).and_then(|i| i.value().trim().parse::<f64>().ok())
}

#[function_component(RangeBox)]
fn range_box(props: &RangeBoxProps) -> Html {
    let kind = props.kind;
    let range = props.range;
    match kind {
        RangeKind::Years => {
            let set = |is_min: bool| {
                let on_set = props.on_set.clone();
                Callback::from(move |e: Event| {
                    let v = input_value(&e)
                        .filter(|y| (1900.0..=2100.0).contains(y))
                        .map(f64::round);
                    let mut r = range;
                    if is_min {
                        r.min = v;
                    } else {
                        r.max = v;
                    }
                    on_set.emit((kind, r));
                })
            };
            let show = |v: Option<f64>| v.map(|y| format!("{y:.0}")).unwrap_or_default();
            html! {
                <fieldset class="facet range">
                    <legend>{ "Year" }</legend>
                    <div class="range-row">
                        <label>{ "From " }<input type="number" min="1950" max="2100" step="1" data-range="from"
                            value={show(range.min)} onchange={set(true)} placeholder="any"/></label>
                        <label>{ "to " }<input type="number" min="1950" max="2100" step="1" data-range="to"
                            value={show(range.max)} onchange={set(false)} placeholder="any"/></label>
                    </div>
                </fieldset>
            }
        }
        RangeKind::Parameters | RangeKind::Compute => {
            let (label, scale, fmt): (&str, LogScale, fn(f64) -> String) =
                if kind == RangeKind::Parameters {
                    (
                        "Parameters",
                        LogScale { lo: 5.0, hi: 14.0 },
                        format::short_count,
                    )
                } else {
                    (
                        "Training compute (FLOP)",
                        LogScale { lo: 15.0, hi: 27.0 },
                        format::scientific,
                    )
                };
            let steps = scale.steps();
            // Slider position ↔ value: 0 and `steps` are the open ends.
            let to_pos = |v: Option<f64>, open: f64| {
                v.filter(|v| *v > 0.0).map_or(open, |v| {
                    ((v.log10() - scale.lo) * 4.0).round().clamp(0.0, steps)
                })
            };
            let lo = scale.lo;
            let set = |is_min: bool| {
                let on_set = props.on_set.clone();
                Callback::from(move |e: InputEvent| {
                    let Some(pos) =
                        super::browser::event_input(&e).and_then(|i| i.value().parse::<f64>().ok())
                    else {
                        return;
                    };
                    let open = if is_min { pos <= 0.0 } else { pos >= steps };
                    let v = (!open).then(|| 10f64.powf(lo + pos / 4.0));
                    let mut r = range;
                    if is_min {
                        r.min = v;
                    } else {
                        r.max = v;
                    }
                    on_set.emit((kind, r));
                })
            };
            let id = if kind == RangeKind::Parameters {
                "params"
            } else {
                "compute"
            };
            let min_text = range
                .min
                .map_or("any".to_owned(), |v| format!("≥ {}", fmt(v)));
            let max_text = range
                .max
                .map_or("any".to_owned(), |v| format!("≤ {}", fmt(v)));
            html! {
                <fieldset class="facet range">
                    <legend>{ label }</legend>
                    <label class="slider">
                        <span>{ "Min " }<output>{ min_text.clone() }</output></span>
                        <input type="range" min="0" max={steps.to_string()} step="1" data-range={format!("{id}_min")}
                               aria-valuetext={min_text}
                               value={to_pos(range.min, 0.0).to_string()} oninput={set(true)}/>
                    </label>
                    <label class="slider">
                        <span>{ "Max " }<output>{ max_text.clone() }</output></span>
                        <input type="range" min="0" max={steps.to_string()} step="1" data-range={format!("{id}_max")}
                               aria-valuetext={max_text}
                               value={to_pos(range.max, steps).to_string()} oninput={set(false)}/>
                    </label>
                    <p class="hint">{ "Log scale; models with an undisclosed value are left out once a bound is set." }</p>
                </fieldset>
            }
        }
    }
}

/// The filter panel for the current query.
#[function_component(FilterPanel)]
pub fn filter_panel() -> Html {
    // On narrow screens the panel folds away behind a button and opens over the results, with
    // a "Show N models" button that closes it (wide screens always show it beside the table).
    let open = use_state(|| false);
    let toggle_ref = use_node_ref();
    let head_ref = use_node_ref();
    // Opened: focus moves into the panel (its heading); closed: back to the button.
    {
        let head_ref = head_ref.clone();
        let toggle_ref = toggle_ref.clone();
        let was_open = use_mut_ref(|| false);
        use_effect_with(*open, move |&open| {
            let target = if open {
                Some(head_ref)
            } else {
                std::mem::take(&mut *was_open.borrow_mut()).then_some(toggle_ref)
            };
            *was_open.borrow_mut() = open;
            if let Some(el) = target.and_then(|r| r.cast::<web_sys::HtmlElement>()) {
                let _ = el.focus();
            }
        });
    }
    let ctx = use_ctx();
    // Stable callbacks: the boxes re-render only when their own counts or range change.
    let dispatcher = ctx.as_ref().map(|c| c.state.dispatcher());
    let on_toggle = use_callback(dispatcher.clone(), |(f, v): (Facet, String), d| {
        if let Some(d) = d {
            d.dispatch(Action::ToggleFacet(f, v));
        }
    });
    let on_set = use_callback(dispatcher, |(kind, r): (RangeKind, Range), d| {
        if let Some(d) = d {
            d.dispatch(Action::SetRange(kind, r));
        }
    });
    let Some(ctx) = ctx else {
        return Html::default();
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let on_key = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                open.set(false);
            }
        })
    };
    let shown = ctx.result.rows.len();
    let active = ctx
        .state
        .view
        .query
        .facets
        .values()
        .map(|v| v.len())
        .sum::<usize>()
        + [
            ctx.state.view.query.years,
            ctx.state.view.query.parameters,
            ctx.state.view.query.compute,
        ]
        .iter()
        .filter(|r| !r.is_open())
        .count();
    let q = &ctx.state.view.query;
    let clear = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::ClearFilters))
    };
    html! {
        <aside class={classes!("filters", open.then_some("open"))} aria-label="Filters" onkeydown={on_key}>
            <button type="button" class="filters-toggle" aria-expanded={open.to_string()} onclick={toggle}
                    ref={toggle_ref}>
                { if active > 0 { format!("Filters ({active})") } else { "Filters".to_owned() } }
            </button>
            <div class="filters-head">
                <h2 tabindex="-1" ref={head_ref}>{ "Filters" }</h2>
                <button type="button" class="link" onclick={clear} disabled={!q.is_filtered()}>{ "Clear all" }</button>
            </div>
            <RangeBox kind={RangeKind::Years} range={q.years} on_set={on_set.clone()}/>
            { for ctx.result.counts.iter().map(|(f, _)| html! {
                <FacetBox key={f.id()} counts={CountsOf { all: Rc::clone(&ctx.result.counts), facet: *f }}
                          data={ctx.data.clone()} on_toggle={on_toggle.clone()}/>
            }) }
            <RangeBox kind={RangeKind::Parameters} range={q.parameters} on_set={on_set.clone()}/>
            <RangeBox kind={RangeKind::Compute} range={q.compute} on_set={on_set}/>
            <div class="filters-done">
                <button type="button" class="primary" onclick={close}>
                    { format!("Show {}", format::counted(shown, "model", "models")) }
                </button>
            </div>
        </aside>
    }
}
