//! The chart's options bar (scales, colour, labels, outliers, setting, highlight, zoom reset,
//! downloads, table switch) and its keyboard-operable series toggles.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::{backend, ChartViewProps};
use crate::chart::{
    self, benchmark_settings, export, ChartId, ChartOptions, ColorBy, Figure, Kind,
};
use crate::query::{Range, TableQuery};
use crate::ui::browser::{click_download, download_text};
use crate::ui::time_range::TimeRange;
use crate::ui::Shared;
use crate::url::{self, Route, ViewState};

fn report(result: Result<(), JsValue>) {
    if let Err(e) = result {
        gloo::console::error!("download failed", e);
    }
}

/// The seed's view of the parameters chart: 2020–2022 without outliers.
fn seed_view_href() -> String {
    url::to_hash(&ViewState {
        route: Route::Chart(ChartId::ParametersOverTime),
        query: TableQuery {
            years: Range {
                min: Some(2020.0),
                max: Some(2022.0),
            },
            ..TableQuery::default()
        },
        chart: ChartOptions {
            hide_outliers: true,
            ..ChartOptions::default()
        },
        ..ViewState::default()
    })
}

fn input_checked(e: &Event) -> Option<bool> {
    super::super::browser::event_input(e).map(|i| i.checked())
}

fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
}

/// In an embed, `content` (the options and series) folded into a compact menu that opens over
/// the chart, so the chart keeps the frame's height; elsewhere `content` as it is.
pub(super) fn folded(embed: bool, content: Html) -> Html {
    if !embed {
        return content;
    }
    html! {
        <details class="chart-menu">
            <summary>{ "Chart options" }</summary>
            <div class="chart-menu-body">{ content }</div>
        </details>
    }
}

/// The options bar: scales, colour, labels, outliers, setting, zoom reset, downloads, table.
pub(super) fn controls(
    props: &ChartViewProps,
    f: &Rc<Figure>,
    show_table: &UseStateHandle<bool>,
    canvas_ref: &NodeRef,
    dark: bool,
) -> Html {
    let chart = props.chart;
    let o = &props.options;
    // Any change but the zoom's own unzooms (the zoomed ranges belong to the old view).
    let emit = {
        let cb = props.on_options.clone();
        let before = o.clone();
        move |next: ChartOptions| cb.emit(next.unzoomed_if_changed(&before))
    };
    let (x_toggle, y_toggle) = chart.log_defaults(o.versus_parameters);
    let scale_button = |axis: &'static str, log: bool| {
        let emit = emit.clone();
        let o = o.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            emit(if axis == "x" {
                o.with_x_log(chart, !log)
            } else {
                o.with_y_log(chart, !log)
            });
        });
        html! {
            <button type="button" class="toggle" data-axis={axis} aria-pressed={log.to_string()} {onclick}
                    title={format!("Switch the {axis} axis to a {} scale", if log { "linear" } else { "log" })}>
                { format!("Log {axis}") }
            </button>
        }
    };
    let color = chart.uses_color().then(|| {
        let emit = emit.clone();
        let o2 = o.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(c) = select_value(&e).and_then(|v| ColorBy::from_id(&v)) {
                emit(ChartOptions {
                    color: (c != ColorBy::default()).then_some(c),
                    ..o2.clone()
                });
            }
        });
        let current = o.color_by();
        html! {
            <label class="control">{ "Colour by " }
                <select {onchange} data-control="color">
                    { for ColorBy::ALL.iter().map(|c| html! {
                        <option value={c.id()} selected={*c == current}>{ c.label() }</option>
                    }) }
                </select>
            </label>
        }
    });
    let checkbox = |label: &str,
                    key: &'static str,
                    checked: bool,
                    make: Rc<dyn Fn(bool) -> ChartOptions>| {
        let emit = emit.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(c) = input_checked(&e) {
                emit(make(c));
            }
        });
        html! {
            <label class="control check"><input type="checkbox" {checked} {onchange} data-control={key}/>{ label.to_owned() }</label>
        }
    };
    let labels = chart.has_point_labels().then(|| {
        let o2 = o.clone();
        checkbox(
            "Names",
            "labels",
            f.labels,
            Rc::new(move |c| ChartOptions {
                labels: c,
                ..o2.clone()
            }),
        )
    });
    let outliers = (chart == ChartId::ParametersOverTime).then(|| {
        let o2 = o.clone();
        let o3 = o.clone();
        html! {
            <>
                { checkbox("Show outliers", "outliers", !o.hide_outliers,
                           Rc::new(move |c| ChartOptions { hide_outliers: !c, ..o2.clone() })) }
                { checkbox("Active parameters of sparse models", "params", o.active_params,
                           Rc::new(move |c| ChartOptions { active_params: c, ..o3.clone() })) }
                <a class="control preset" href={seed_view_href()}
                   title="Years 2020–2022 without outliers, as in the seed's chart">{ "2020–2022 view" }</a>
            </>
        }
    });
    let board = chart.benchmark().map(|_| {
        let settings = benchmark_settings(&props.data.0, chart);
        let current = f.setting.clone().unwrap_or_default();
        let emit2 = emit.clone();
        let o2 = o.clone();
        // The most common setting is the default: not written to the URL.
        let default = settings.first().map(|(s, _)| s.clone());
        let onchange = Callback::from(move |e: Event| {
            if let Some(v) = select_value(&e) {
                emit2(ChartOptions {
                    setting: (Some(&v) != default.as_ref()).then_some(v),
                    ..o2.clone()
                });
            }
        });
        let o3 = o.clone();
        html! {
            <>
                <label class="control">{ "Setting " }
                    <select {onchange} data-control="setting">
                        { for settings.iter().map(|(s, n)| html! {
                            <option value={s.clone()} selected={*s == current}>{ format!("{s} ({n})") }</option>
                        }) }
                    </select>
                </label>
                { checkbox("Score against parameters", "vs", o.versus_parameters,
                           Rc::new(move |c| ChartOptions { versus_parameters: c, x_log: None, y_log: None, ..o3.clone() })) }
            </>
        }
    });
    let time = chart
        .has_time_window()
        .then(|| chart::window::data_years(&props.data.0, &props.rows))
        .flatten()
        .map(|years| {
            let emit = emit.clone();
            let o2 = o.clone();
            let on_change = Callback::from(move |w| {
                emit(ChartOptions {
                    time: w,
                    ..o2.clone()
                })
            });
            html! { <TimeRange {years} window={o.time} {on_change}/> }
        });
    let reset = (f.kind == Kind::Scatter).then(|| {
        let emit = emit.clone();
        let o2 = o.clone();
        let zoomed = o.zoom.is_some();
        let onclick = Callback::from(move |_: MouseEvent| {
            emit(ChartOptions {
                zoom: None,
                ..o2.clone()
            })
        });
        html! {
            <button type="button" class="control" data-control="reset-zoom" disabled={!zoomed}
                    title="Wheel or drag on the plot to zoom; double-click or press 0 to reset"
                    {onclick}>{ "Reset zoom" }</button>
        }
    });
    let highlight = highlight_control(props, f, &emit);
    // Downloads are drawn in the theme shown; a dark one says so in its name.
    let file = format!(
        "model-atlas-{}{}",
        chart.id(),
        if dark { "-dark" } else { "" }
    );
    let png = {
        let canvas_ref = canvas_ref.clone();
        let name = format!("{file}.png");
        Callback::from(move |_: MouseEvent| {
            if let Some(c) = canvas_ref.cast::<HtmlCanvasElement>() {
                report(c.to_data_url().and_then(|u| click_download(&u, &name)));
            }
        })
    };
    let svg = {
        let canvas_ref = canvas_ref.clone();
        let name = format!("{file}.svg");
        // The figure on screen (its build ignores the zoom, which the drawing applies).
        let fig = Rc::clone(f);
        let viewport = o.zoom;
        Callback::from(move |_: MouseEvent| {
            let (w, h) = canvas_ref
                .cast::<HtmlCanvasElement>()
                .map(|c| {
                    let r = c.get_bounding_client_rect();
                    (r.width().round().max(320.0), r.height().round().max(240.0))
                })
                .unwrap_or((960.0, 600.0));
            // Sizes are small positive numbers; the casts cannot overflow.
            let style = chart::Style::svg().with_dark(dark);
            match backend::svg(&fig, viewport.as_ref(), (w as u32, h as u32), &style) {
                Ok(text) => report(download_text(&name, "image/svg+xml", &text)),
                Err(e) => gloo::console::error!(e),
            }
        })
    };
    let csv = {
        let name = format!("{file}.csv");
        let text = Rc::new(RefCell::new(None::<String>));
        // Shared, not copied: a figure can hold 100 000 marks.
        let fig = Rc::clone(f);
        let data = props.data.clone();
        let options = o.clone();
        Callback::from(move |_: MouseEvent| {
            let body = text
                .borrow_mut()
                .get_or_insert_with(|| export::csv(&chart::table(&data.0, &fig, &options)))
                .clone();
            report(download_text(&name, "text/csv;charset=utf-8", &body));
        })
    };
    let table_switch = {
        let on = **show_table;
        let show_table = show_table.clone();
        html! {
            <label class="control check switch">
                <input type="checkbox" role="switch" checked={on} data-control="table"
                       onchange={Callback::from(move |e: Event| if let Some(c) = input_checked(&e) { show_table.set(c) })}/>
                { "Show as table" }
            </label>
        }
    };
    html! {
        <div class="chart-controls" role="toolbar" aria-label="Chart options">
            if let Some(d) = x_toggle { { scale_button("x", o.x_log.unwrap_or(d)) } }
            if let Some(d) = y_toggle { { scale_button("y", o.y_log.unwrap_or(d)) } }
            { time.unwrap_or_default() }
            { color.unwrap_or_default() }
            { labels.unwrap_or_default() }
            { outliers.unwrap_or_default() }
            { board.unwrap_or_default() }
            { highlight }
            { reset.unwrap_or_default() }
            <span class="downloads" role="group" aria-label="Download">
                { "Download " }
                <button type="button" onclick={png} data-download="png">{ "PNG" }</button>
                <button type="button" onclick={svg} data-download="svg">{ "SVG" }</button>
                <button type="button" onclick={csv} data-download="csv">{ "CSV" }</button>
            </span>
            { table_switch }
        </div>
    }
}

/// At most this many names are offered in the highlight box's list (typing an id or an exact
/// name still finds any plotted model).
const MAX_SUGGESTIONS: usize = 3000;

/// Properties of [`HighlightSuggestions`].
#[derive(Properties, PartialEq)]
struct SuggestionsProps {
    /// The figure whose plotted models are offered (pointer-equal: a new figure, a new list).
    fig: Shared<Figure>,
    /// The datalist's id.
    id: String,
}

/// The highlight box's list of the plotted models' names, sorted. A component of its own so
/// that it is built once per figure, not on every render of the chart (a hover re-renders it).
#[function_component(HighlightSuggestions)]
fn highlight_suggestions(props: &SuggestionsProps) -> Html {
    let fig = &props.fig.0;
    let mut names: Vec<&str> = fig
        .marks
        .iter()
        .filter(|m| m.model.is_some())
        .map(|m| fig.label(m))
        .collect();
    names.sort_unstable();
    names.dedup();
    html! {
        <datalist id={props.id.clone()}>
            { for names.iter().take(MAX_SUGGESTIONS).map(|n| html! { <option value={(*n).to_owned()}/> }) }
        </datalist>
    }
}

/// The "Highlight a model" box of a chart with a point per model: typing or picking a plotted
/// model's name (or id) adds its id to `highlight=`; each highlighted model has a button that
/// removes it.
fn highlight_control(
    props: &ChartViewProps,
    f: &Rc<Figure>,
    emit: &(impl Fn(ChartOptions) + Clone + 'static),
) -> Html {
    if f.kind != Kind::Scatter || !f.marks.iter().any(|m| m.model.is_some()) {
        return Html::default();
    }
    let o = &props.options;
    let list_id = format!("highlight-{}", props.chart.id());
    let onchange = {
        let emit = emit.clone();
        let o = o.clone();
        let fig = Rc::clone(f);
        let data = props.data.clone();
        Callback::from(move |e: Event| {
            let Some(input) = super::super::browser::event_input(&e) else {
                return;
            };
            let typed = input.value();
            let Some(id) = chart::highlight_target(&data.0, &fig, &typed) else {
                return;
            };
            input.set_value("");
            if !o.highlight.contains(&id) {
                let mut highlight = o.highlight.clone();
                highlight.push(id);
                emit(ChartOptions {
                    highlight,
                    ..o.clone()
                });
            }
        })
    };
    let chips = o.highlight.iter().map(|id| {
        let name = f
            .marks
            .iter()
            .find(|m| f.model_id(m) == Some(id.as_str()))
            .map_or(id.clone(), |m| f.label(m).to_owned());
        let emit = emit.clone();
        let o2 = o.clone();
        let id2 = id.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            emit(ChartOptions {
                highlight: o2.highlight.iter().filter(|h| **h != id2).cloned().collect(),
                ..o2.clone()
            })
        });
        html! {
            <button type="button" class="control chip" data-highlighted={id.clone()} {onclick}
                    aria-label={format!("Stop highlighting {name}")}>{ format!("{name} ×") }</button>
        }
    });
    html! {
        <>
            <label class="control">{ "Highlight a model " }
                <input type="search" list={list_id.clone()} data-control="highlight"
                       placeholder="Model name" autocomplete="off" {onchange}/>
            </label>
            <HighlightSuggestions fig={Shared(Rc::clone(f))} id={list_id}/>
            { for chips }
        </>
    }
}

/// Keyboard-operable series toggles (the legend on the canvas is clickable too).
pub(super) fn series_toggles(f: &Figure, toggle: &Callback<String>) -> Html {
    if f.series.len() < 2 {
        return Html::default();
    }
    let shown = f.series.iter().filter(|s| !s.hidden).count();
    html! {
        <details class="chart-series">
            <summary>{ format!("Series: {shown} of {} shown", f.series.len()) }</summary>
            <ul>
                { for f.series.iter().map(|s| {
                    let name = s.name.clone();
                    let toggle = toggle.clone();
                    let (r, g, b) = s.color;
                    html! {
                        <li>
                            <label>
                                <input type="checkbox" checked={!s.hidden} data-series={s.name.clone()}
                                       onchange={Callback::from(move |_: Event| toggle.emit(name.clone()))}/>
                                <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
                                    <circle cx="5" cy="5" r="5" fill={format!("#{r:02x}{g:02x}{b:02x}")}/>
                                </svg>
                                { format!("{} ({})", s.name, s.count) }
                            </label>
                        </li>
                    }
                }) }
            </ul>
        </details>
    }
}
