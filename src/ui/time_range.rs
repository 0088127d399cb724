//! The time-range control of the time charts and the countries × year table: two year inputs,
//! "Since 2010" and "Full history" (the rule is `chart::window`'s; this only edits `time=`).

use yew::prelude::*;

use crate::chart::{TimeWindow, DEEP_LEARNING_FROM};

/// Properties of [`TimeRange`].
#[derive(Properties, PartialEq)]
pub struct TimeRangeProps {
    /// First and last publication years of the visible models.
    pub years: (i32, i32),
    /// The window (from the URL).
    pub window: TimeWindow,
    /// Called with the chosen window.
    pub on_change: Callback<TimeWindow>,
}

fn input_year(e: &Event) -> Option<i32> {
    super::browser::event_input(e).and_then(|i| i.value().trim().parse::<i32>().ok())
}

/// Two year inputs and the two presets.
#[function_component(TimeRange)]
pub fn time_range(props: &TimeRangeProps) -> Html {
    let (first, last) = props.years;
    let span = props.window.span(first, last);
    let set = |is_from: bool| {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let Some(y) = input_year(&e) else { return };
            let (a, b) = if is_from {
                (y, span.to)
            } else {
                (span.from, y)
            };
            // The URL's own parser checks the years (and swaps reversed ends).
            if let Some(w) = TimeWindow::from_param(&format!("{a}..{b}")) {
                on_change.emit(w);
            }
        })
    };
    let preset = |w: TimeWindow, label: String, key: &'static str, title: &'static str| {
        let on_change = props.on_change.clone();
        let pressed = props.window == w;
        html! {
            <button type="button" class="toggle" data-control={key} aria-pressed={pressed.to_string()}
                    {title} onclick={Callback::from(move |_: MouseEvent| on_change.emit(w))}>{ label }</button>
        }
    };
    let era = (first < DEEP_LEARNING_FROM && last >= DEEP_LEARNING_FROM).then(|| {
        preset(
            TimeWindow::Auto,
            format!("Since {DEEP_LEARNING_FROM}"),
            "default-window",
            "The deep-learning era (the default view)",
        )
    });
    html! {
        <span class="control time-range" role="group" aria-label="Years shown">
            <label>{ "Years " }
                <input type="number" step="1" min={first.to_string()} max={last.to_string()}
                       data-control="time-from" aria-label="First year shown"
                       value={span.from.to_string()} onchange={set(true)}/>
            </label>
            <label>{ "to " }
                <input type="number" step="1" min={first.to_string()} max={last.to_string()}
                       data-control="time-to" aria-label="Last year shown"
                       value={span.to.to_string()} onchange={set(false)}/>
            </label>
            { era.unwrap_or_default() }
            { preset(TimeWindow::Full, "Full history".to_owned(), "full-history",
                     "Every year of the visible models") }
        </span>
    }
}
