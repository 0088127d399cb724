//! An interactive chart: the figure drawn with plotters on a canvas that follows its
//! container's size × devicePixelRatio, with a tooltip on hover and keyboard focus, arrow-key
//! navigation, click/Enter to open a model, wheel and drag zoom, legend toggles, scale and
//! colour controls written to the URL, downloads (PNG, SVG, CSV) and a table view.
//!
//! The browser glue only: figures, drawing, hit-testing and zoom maths are in `crate::chart`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use plotters::prelude::IntoDrawingArea;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlCanvasElement, HtmlElement, ResizeObserver};
use yew::prelude::*;

use super::{Data, Shared};
use crate::chart::{
    self, benchmark_settings, export, ChartId, ChartOptions, ColorBy, Figure, Geometry, Kind,
    Style, Viewport,
};
use crate::query::{Range, TableQuery};
use crate::url::{self, Route, ViewState};

/// Properties of [`ChartView`].
#[derive(Properties, PartialEq)]
pub struct ChartViewProps {
    /// The dataset.
    pub data: Data,
    /// The table's filtered rows (charts follow the table's filters).
    pub rows: Rc<Vec<usize>>,
    /// Which chart.
    pub chart: ChartId,
    /// The chart's options (from the URL).
    pub options: ChartOptions,
    /// Called with a changed copy of the options (to be written to the URL).
    pub on_options: Callback<ChartOptions>,
    /// Called with a model id to open its page.
    pub on_open_model: Callback<String>,
    /// Small, without controls (overview thumbnails, gallery).
    #[prop_or_default]
    pub compact: bool,
}

/// Hover radius for points, in CSS pixels.
const HOVER_RADIUS: f64 = 10.0;
/// Drags shorter than this (CSS pixels) are clicks.
const DRAG_MIN: f64 = 6.0;
/// At most this many rows are listed in the table view (the CSV has them all).
const TABLE_LIMIT: usize = 1000;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn now() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn device_pixel_ratio() -> f64 {
    window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0)
}

/// The canvas's backing-store pixels per CSS pixel (as last drawn).
fn canvas_scale(canvas: &HtmlCanvasElement) -> f64 {
    let rect = canvas.get_bounding_client_rect();
    if rect.width() > 0.0 {
        f64::from(canvas.width()) / rect.width()
    } else {
        1.0
    }
}

/// The event's position on the canvas in backing-store pixels.
fn event_px(canvas: &HtmlCanvasElement, e: &MouseEvent) -> (f64, f64) {
    let s = canvas_scale(canvas);
    (f64::from(e.offset_x()) * s, f64::from(e.offset_y()) * s)
}

/// Rows needed by a leaderboard's bars, as a box height in CSS pixels.
fn bars_height(fig: &Figure) -> Option<f64> {
    (fig.kind == Kind::Bars).then(|| (fig.marks.len() as f64 * 22.0 + 200.0).max(360.0))
}

/// Sizes the canvas backing store to its CSS box × devicePixelRatio and draws the figure.
fn paint(
    canvas: &HtmlCanvasElement,
    container: &HtmlElement,
    fig: &Figure,
    view: Option<&Viewport>,
    compact: bool,
) -> Option<Geometry> {
    // Leaderboards grow with their number of bars (set through the CSSOM: the page's CSP
    // forbids style attributes).
    let style = container.style();
    match bars_height(fig).filter(|_| !compact) {
        Some(h) => {
            let _ = style.set_property("height", &format!("{h:.0}px"));
        }
        None => {
            let _ = style.remove_property("height");
        }
    }
    let dpr = device_pixel_ratio();
    let rect = canvas.get_bounding_client_rect();
    let (css_w, css_h) = (rect.width().max(1.0), rect.height().max(1.0));
    // Canvas sizes are small positive numbers; the casts cannot overflow.
    let (w, h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    let Some(backend) = BatchedCanvas::new(canvas) else {
        gloo::console::error!("no 2D context for the chart canvas");
        return None;
    };
    let root = backend.into_drawing_area();
    match chart::draw(&root, fig, view, &Style::canvas(dpr).with_compact(compact)) {
        Ok(g) => Some(g),
        Err(e) => {
            gloo::console::error!(e);
            None
        }
    }
}

/// Saves `href` under `name` through a temporary `<a download>`.
fn click_download(href: &str, name: &str) -> Result<(), JsValue> {
    let doc = window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(href);
    a.set_download(name);
    a.set_class_name("visually-hidden");
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    Ok(())
}

/// Saves `content` as a file through a Blob URL (no network).
fn download_text(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
    let href = web_sys::Url::create_object_url_with_blob(&blob)?;
    click_download(&href, name)?;
    gloo::timers::callback::Timeout::new(5_000, move || {
        let _ = web_sys::Url::revoke_object_url(&href);
    })
    .forget();
    Ok(())
}

fn report(result: Result<(), JsValue>) {
    if let Err(e) = result {
        gloo::console::error!("download failed", e);
    }
}

/// Sets CSS pixel lengths through the CSSOM.
fn place(el: &HtmlElement, props: &[(&str, f64)]) {
    let style = el.style();
    for (k, v) in props {
        let _ = style.set_property(k, &format!("{v:.1}px"));
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

fn model_href(id: &str) -> String {
    format!("#{}", Route::Model(id.to_owned()).path())
}

fn input_checked(e: &Event) -> Option<bool> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.checked())
}

fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
}

/// A chart with its controls; `compact` draws a small version without them.
#[function_component(ChartView)]
pub fn chart_view(props: &ChartViewProps) -> Html {
    let canvas_ref = use_node_ref();
    let box_ref = use_node_ref();
    let tip_ref = use_node_ref();
    let ring_ref = use_node_ref();
    let select_ref = use_node_ref();
    let size_tick = use_state(|| 0u32);
    let geo_tick = use_state(|| 0u32);
    let hidden = use_state_eq(Vec::<String>::new);
    let viewport = use_state_eq(|| None::<Viewport>);
    let active = use_state_eq(|| None::<usize>);
    let show_table = use_state_eq(|| false);
    let geometry = use_mut_ref(Geometry::default);
    let drag = use_mut_ref(|| None::<(f64, f64)>);
    let compact = props.compact;
    let chart_id = props.chart;

    // A different chart starts with every series shown; new rows or options unzoom.
    {
        let hidden = hidden.clone();
        use_effect_with(chart_id, move |_| hidden.set(Vec::new()));
    }
    {
        let viewport = viewport.clone();
        let active = active.clone();
        use_effect_with(
            (props.rows.clone(), chart_id, props.options.clone()),
            move |_| {
                viewport.set(None);
                active.set(None);
            },
        );
    }

    let fig = {
        let deps = (
            props.data.clone(),
            props.rows.clone(),
            chart_id,
            props.options.clone(),
            (*hidden).clone(),
        );
        let memo = use_memo(deps, |(data, rows, chart, options, hidden)| {
            Shared(Rc::new(chart::figure(
                &data.0, rows, *chart, options, hidden,
            )))
        });
        (*memo).clone()
    };

    // Redraw on container resize and on window resize (which also covers browser zoom, i.e.
    // a devicePixelRatio change).
    {
        let box_ref = box_ref.clone();
        let size_tick = size_tick.clone();
        use_effect_with((), move |_| {
            let bump = {
                let size_tick = size_tick.clone();
                move || size_tick.set((*size_tick).wrapping_add(1))
            };
            let on_resize = Closure::<dyn FnMut()>::new(bump.clone());
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(el)) = (&observer, box_ref.cast::<web_sys::Element>()) {
                o.observe(&el);
            }
            let window_listener =
                window().map(|w| EventListener::new(&w, "resize", move |_| bump()));
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_resize);
                drop(window_listener);
            }
        });
    }

    // Draw.
    {
        let canvas_ref = canvas_ref.clone();
        let box_ref = box_ref.clone();
        let geometry = geometry.clone();
        let geo_tick = geo_tick.clone();
        let deps = (fig.clone(), *viewport, *size_tick, compact);
        use_effect_with(deps, move |(fig, view, _, compact)| {
            if let (Some(canvas), Some(container)) = (
                canvas_ref.cast::<HtmlCanvasElement>(),
                box_ref.cast::<HtmlElement>(),
            ) {
                let t0 = now();
                if let Some(g) = paint(&canvas, &container, &fig.0, view.as_ref(), *compact) {
                    *geometry.borrow_mut() = g;
                }
                let ms = now() - t0;
                let _ = canvas.set_attribute("data-draw-ms", &format!("{ms:.2}"));
                let _ = canvas.set_attribute("data-marks", &fig.0.marks.len().to_string());
                geo_tick.set((*geo_tick).wrapping_add(1));
            }
        });
    }

    // Wheel zoom (a non-passive listener, so the page does not scroll while zooming).
    {
        let canvas_ref = canvas_ref.clone();
        let geometry = geometry.clone();
        let viewport = viewport.clone();
        use_effect_with(compact, move |compact| {
            let listener = canvas_ref
                .cast::<HtmlCanvasElement>()
                .filter(|_| !*compact)
                .map(|canvas| {
                    let target = canvas.clone();
                    EventListener::new_with_options(
                        &target,
                        "wheel",
                        EventListenerOptions::enable_prevent_default(),
                        move |e| {
                            let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() else {
                                return;
                            };
                            let p = event_px(&canvas, e);
                            let factor = (e.delta_y().clamp(-300.0, 300.0) * 0.0025).exp();
                            let next = geometry.borrow().zoomed(p, factor);
                            if let Some(v) = next {
                                e.prevent_default();
                                viewport.set(Some(v));
                            }
                        },
                    )
                });
            move || drop(listener)
        });
    }

    // Place the tooltip and the focus ring (CSSOM) after each draw or focus change.
    {
        let geometry = geometry.clone();
        let tip_ref = tip_ref.clone();
        let ring_ref = ring_ref.clone();
        let box_ref = box_ref.clone();
        let kind = fig.0.kind;
        use_effect_with((*active, *geo_tick), move |(active, _)| {
            let (Some(tip), Some(ring), Some(bx)) = (
                tip_ref.cast::<HtmlElement>(),
                ring_ref.cast::<HtmlElement>(),
                box_ref.cast::<HtmlElement>(),
            ) else {
                return;
            };
            let g = geometry.borrow();
            let hit = active.and_then(|i| g.hit(i));
            let Some(hit) = hit else {
                let _ = ring.set_attribute("hidden", "");
                return;
            };
            let s = if g.scale > 0.0 { g.scale } else { 1.0 };
            let (cx, cy) = (hit.center.0 / s, hit.center.1 / s);
            let _ = ring.remove_attribute("hidden");
            if kind == Kind::Scatter {
                place(
                    &ring,
                    &[
                        ("left", cx - 9.0),
                        ("top", cy - 9.0),
                        ("width", 18.0),
                        ("height", 18.0),
                    ],
                );
            } else {
                let r = hit.rect;
                place(
                    &ring,
                    &[
                        ("left", r.x0 / s - 2.0),
                        ("top", r.y0 / s - 2.0),
                        ("width", r.width() / s + 4.0),
                        ("height", r.height() / s + 4.0),
                    ],
                );
            }
            let (bw, bh) = (f64::from(bx.client_width()), f64::from(bx.client_height()));
            let (tw, th) = (
                f64::from(tip.offset_width()),
                f64::from(tip.offset_height()),
            );
            let left = if cx + 14.0 + tw > bw {
                (cx - 14.0 - tw).max(0.0)
            } else {
                cx + 14.0
            };
            let top = if cy + 14.0 + th > bh {
                (cy - 14.0 - th).max(0.0)
            } else {
                cy + 14.0
            };
            place(&tip, &[("left", left), ("top", top)]);
        });
    }

    let toggle_series = {
        let hidden = hidden.clone();
        Callback::from(move |name: String| {
            let mut next = (*hidden).clone();
            if let Some(i) = next.iter().position(|h| *h == name) {
                next.remove(i);
            } else {
                next.push(name);
            }
            hidden.set(next);
        })
    };
    let open_mark = {
        let fig = fig.clone();
        let on_open = props.on_open_model.clone();
        move |i: usize| {
            if let Some(id) = fig.0.marks.get(i).and_then(|m| m.model_id.clone()) {
                on_open.emit(id);
            }
        }
    };

    let onmousemove = {
        let canvas_ref = canvas_ref.clone();
        let select_ref = select_ref.clone();
        let geometry = geometry.clone();
        let drag = drag.clone();
        let active = active.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                return;
            };
            let p = event_px(&canvas, &e);
            let g = geometry.borrow();
            let s = if g.scale > 0.0 { g.scale } else { 1.0 };
            if let (Some(start), Some(sel)) = (*drag.borrow(), select_ref.cast::<HtmlElement>()) {
                let (x0, x1) = (start.0.min(p.0) / s, start.0.max(p.0) / s);
                let (y0, y1) = (start.1.min(p.1) / s, start.1.max(p.1) / s);
                if x1 - x0 >= DRAG_MIN || y1 - y0 >= DRAG_MIN {
                    let _ = sel.remove_attribute("hidden");
                    place(
                        &sel,
                        &[
                            ("left", x0),
                            ("top", y0),
                            ("width", x1 - x0),
                            ("height", y1 - y0),
                        ],
                    );
                }
                return;
            }
            let hit = g.mark_at(p, HOVER_RADIUS * s);
            let pointer = hit.is_some() || g.legend_at(p).is_some();
            let _ = canvas.style().set_property(
                "cursor",
                if pointer {
                    "pointer"
                } else if g.zoomable {
                    "crosshair"
                } else {
                    "default"
                },
            );
            active.set(hit);
        })
    };
    let onmouseleave = {
        let active = active.clone();
        let drag = drag.clone();
        let select_ref = select_ref.clone();
        Callback::from(move |_: MouseEvent| {
            active.set(None);
            *drag.borrow_mut() = None;
            if let Some(sel) = select_ref.cast::<HtmlElement>() {
                let _ = sel.set_attribute("hidden", "");
            }
        })
    };
    let onmousedown = {
        let canvas_ref = canvas_ref.clone();
        let geometry = geometry.clone();
        let drag = drag.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                return;
            };
            let p = event_px(&canvas, &e);
            let g = geometry.borrow();
            if e.button() == 0 && g.zoomable && g.plot.contains(p) && !compact {
                *drag.borrow_mut() = Some(p);
            }
        })
    };
    let onmouseup = {
        let canvas_ref = canvas_ref.clone();
        let select_ref = select_ref.clone();
        let geometry = geometry.clone();
        let drag = drag.clone();
        let viewport = viewport.clone();
        let fig = fig.clone();
        let toggle_series = toggle_series.clone();
        let open_mark = open_mark.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                return;
            };
            let p = event_px(&canvas, &e);
            if let Some(sel) = select_ref.cast::<HtmlElement>() {
                let _ = sel.set_attribute("hidden", "");
            }
            let start = drag.borrow_mut().take();
            let g = geometry.borrow();
            let s = if g.scale > 0.0 { g.scale } else { 1.0 };
            if let Some(start) = start {
                let moved = (start.0 - p.0).abs().max((start.1 - p.1).abs()) / s;
                if moved >= DRAG_MIN {
                    if let Some(v) = g.box_zoom(start, p) {
                        viewport.set(Some(v));
                    }
                    return;
                }
            }
            if e.button() != 0 {
                return;
            }
            if let Some(series) = g.legend_at(p) {
                if let Some(se) = fig.0.series.get(series) {
                    toggle_series.emit(se.name.clone());
                }
                return;
            }
            if let Some(i) = g.mark_at(p, HOVER_RADIUS * s) {
                open_mark(i);
            }
        })
    };
    let ondblclick = {
        let viewport = viewport.clone();
        Callback::from(move |_: MouseEvent| viewport.set(None))
    };
    let onkeydown = {
        let geometry = geometry.clone();
        let active = active.clone();
        let viewport = viewport.clone();
        let open_mark = open_mark.clone();
        Callback::from(move |e: KeyboardEvent| {
            let g = geometry.borrow();
            let order: Vec<usize> = g.hits.iter().map(|h| h.mark).collect();
            let pos = active.and_then(|a| order.iter().position(|&m| m == a));
            let last = order.len().saturating_sub(1);
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => Some(pos.map_or(0, |p| (p + 1).min(last))),
                "ArrowLeft" | "ArrowUp" => Some(pos.map_or(0, |p| p.saturating_sub(1))),
                "Home" => Some(0),
                "End" => Some(last),
                "Enter" => {
                    if let Some(a) = *active {
                        e.prevent_default();
                        open_mark(a);
                    }
                    return;
                }
                "Escape" => {
                    active.set(None);
                    return;
                }
                "+" | "=" | "-" | "_" if g.zoomable => {
                    e.prevent_default();
                    let c = ((g.plot.x0 + g.plot.x1) / 2.0, (g.plot.y0 + g.plot.y1) / 2.0);
                    let f = if matches!(e.key().as_str(), "+" | "=") {
                        0.7
                    } else {
                        1.0 / 0.7
                    };
                    if let Some(v) = g.zoomed(c, f) {
                        viewport.set(Some(v));
                    }
                    return;
                }
                "0" => {
                    viewport.set(None);
                    return;
                }
                _ => None,
            };
            if let Some(n) = next {
                e.prevent_default();
                active.set(order.get(n).copied());
            }
        })
    };
    let onfocus = {
        let geometry = geometry.clone();
        let active = active.clone();
        Callback::from(move |_: FocusEvent| {
            if active.is_none() {
                active.set(geometry.borrow().hits.first().map(|h| h.mark));
            }
        })
    };
    let onblur = {
        let active = active.clone();
        Callback::from(move |_: FocusEvent| active.set(None))
    };

    // The table view's rows, made once per figure while it is shown (a time chart's rows are
    // made on demand: chart::table).
    let table = use_memo(
        (
            fig.clone(),
            *show_table,
            props.data.clone(),
            props.options.clone(),
        ),
        |(fig, on, data, options)| on.then(|| chart::table(&data.0, &fig.0, options).into_owned()),
    );
    let f = &fig.0;
    let aria = format!("{}. {}", f.title, f.subtitle);
    let tip_lines: Vec<String> = active
        .and_then(|i| f.marks.get(i))
        .map(|m| {
            let mut lines = chart::tip_lines(&props.data.0, f, &props.options, m);
            if m.model_id.is_some() && !compact {
                lines.push("Click or press Enter to open the model".to_owned());
            }
            lines
        })
        .unwrap_or_default();
    let tip = html! {
        <div class="chart-tip" ref={tip_ref} aria-live="polite" hidden={tip_lines.is_empty()}>
            { for tip_lines.iter().enumerate().map(|(i, l)| if i == 0 {
                html! { <strong>{ l }</strong> }
            } else {
                html! { <span>{ l }</span> }
            }) }
        </div>
    };
    let canvas = html! {
        <div class={classes!("chart-box", compact.then_some("compact"))} ref={box_ref}>
            <canvas ref={canvas_ref.clone()} class="chart" role="img" aria-label={aria}
                    tabindex={(!compact).then_some("0")}
                    data-chart={chart_id.id()}
                    {onmousemove} {onmouseleave} {onmousedown} {onmouseup} {ondblclick}
                    {onkeydown} {onfocus} {onblur}></canvas>
            <div class={classes!("chart-ring", (f.kind != Kind::Scatter).then_some("bar"))}
                 ref={ring_ref} hidden=true aria-hidden="true"></div>
            <div class="chart-select" ref={select_ref} hidden=true aria-hidden="true"></div>
            { tip }
        </div>
    };
    if compact {
        return html! { <div class="chart-view compact">{ canvas }</div> };
    }

    html! {
        <div class="chart-view">
            { controls(props, &fig.0, &viewport, &show_table, &canvas_ref, &hidden) }
            { series_toggles(f, &toggle_series) }
            { canvas }
            if let Some(table) = table.as_ref() { { table_view(f, table) } }
        </div>
    }
}

/// The options bar: scales, colour, labels, outliers, setting, zoom reset, downloads, table.
fn controls(
    props: &ChartViewProps,
    f: &Rc<Figure>,
    viewport: &UseStateHandle<Option<Viewport>>,
    show_table: &UseStateHandle<bool>,
    canvas_ref: &NodeRef,
    hidden: &UseStateHandle<Vec<String>>,
) -> Html {
    let chart = props.chart;
    let o = &props.options;
    let emit = {
        let cb = props.on_options.clone();
        move |next: ChartOptions| cb.emit(next)
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
        html! {
            <>
                { checkbox("Show outliers", "outliers", !o.hide_outliers,
                           Rc::new(move |c| ChartOptions { hide_outliers: !c, ..o2.clone() })) }
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
    let reset = (f.kind == Kind::Scatter).then(|| {
        let viewport = viewport.clone();
        let zoomed = viewport.is_some();
        html! {
            <button type="button" class="control" data-control="reset-zoom" disabled={!zoomed}
                    title="Wheel or drag on the plot to zoom; double-click or press 0 to reset"
                    onclick={Callback::from(move |_: MouseEvent| viewport.set(None))}>{ "Reset zoom" }</button>
        }
    });
    let file = format!("model-atlas-{}", chart.id());
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
        let data = props.data.clone();
        let rows = props.rows.clone();
        let options = o.clone();
        let hidden = hidden.clone();
        let viewport = viewport.clone();
        Callback::from(move |_: MouseEvent| {
            let (w, h) = canvas_ref
                .cast::<HtmlCanvasElement>()
                .map(|c| {
                    let r = c.get_bounding_client_rect();
                    (r.width().round().max(320.0), r.height().round().max(240.0))
                })
                .unwrap_or((960.0, 600.0));
            let fig = chart::figure(&data.0, &rows, chart, &options, &hidden);
            // Sizes are small positive numbers; the casts cannot overflow.
            match export::svg(&fig, viewport.as_ref(), w as u32, h as u32) {
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
            { color.unwrap_or_default() }
            { labels.unwrap_or_default() }
            { outliers.unwrap_or_default() }
            { board.unwrap_or_default() }
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

/// Keyboard-operable series toggles (the legend on the canvas is clickable too).
fn series_toggles(f: &Figure, toggle: &Callback<String>) -> Html {
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

/// The plotted points as a table: the accessible alternative to the picture.
fn table_view(f: &Figure, table: &chart::Table) -> Html {
    let rows = &table.rows;
    html! {
        <div class="chart-table-wrap">
            if !f.notes.is_empty() {
                <ul class="chart-notes">{ for f.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            }
            <table class="chart-table">
                <caption>{ format!("{}: {} plotted {}", f.title, crate::format::count(rows.len()), if rows.len() == 1 { "row" } else { "rows" }) }
                    if rows.len() > TABLE_LIMIT { { format!(" (the first {TABLE_LIMIT} listed; the CSV has all)") } }
                </caption>
                <thead><tr>{ for table.columns.iter().map(|c| html! { <th scope="col">{ c }</th> }) }</tr></thead>
                <tbody>
                    { for rows.iter().take(TABLE_LIMIT).map(|(id, cells)| html! {
                        <tr data-id={id.clone()}>
                            { for cells.iter().enumerate().map(|(i, c)| {
                                let linked = id.as_ref().filter(|_| table.columns.get(i).is_some_and(|h| h == "Model"));
                                match linked {
                                    Some(id) => html! { <td><a href={model_href(id)}>{ &c.text }</a></td> },
                                    None => html! { <td>{ &c.text }</td> },
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// plotters' canvas backend, with runs of circles in one style merged into a single path:
/// one fill (or stroke) per run instead of one per point, so 10 000 points redraw within a
/// frame. Everything else goes straight to [`CanvasBackend`].
struct BatchedCanvas {
    inner: CanvasBackend,
    ctx: web_sys::CanvasRenderingContext2d,
    /// The style of the open path.
    open: Option<RunStyle>,
}

impl BatchedCanvas {
    fn new(canvas: &HtmlCanvasElement) -> Option<BatchedCanvas> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<web_sys::CanvasRenderingContext2d>()
            .ok()?;
        Some(BatchedCanvas {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            ctx,
            open: None,
        })
    }

    /// Paints the open run of circles.
    fn flush(&mut self) {
        if let Some((_, _, fill, _)) = self.open.take() {
            if fill {
                self.ctx.fill();
            } else {
                self.ctx.stroke();
            }
        }
    }
}

/// A run's style: colour, alpha (bits), filled, stroke width.
type RunStyle = ((u8, u8, u8), u64, bool, u32);

type CanvasResult = Result<(), DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>>;

impl DrawingBackend for BatchedCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> CanvasResult {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> CanvasResult {
        self.flush();
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> CanvasResult {
        self.flush();
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> CanvasResult {
        self.flush();
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> CanvasResult {
        self.flush();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> CanvasResult {
        self.flush();
        self.inner.draw_path(path, style)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> CanvasResult {
        self.flush();
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> CanvasResult {
        self.flush();
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.inner.estimate_text_size(text, style)
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> CanvasResult {
        self.flush();
        self.inner.blit_bitmap(pos, size, src)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> CanvasResult {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let key = (color.rgb, color.alpha.to_bits(), fill, style.stroke_width());
        if self.open != Some(key) {
            self.flush();
            let (r, g, b) = color.rgb;
            let css = format!("rgba({r},{g},{b},{})", color.alpha);
            if fill {
                self.ctx.set_fill_style_str(&css);
            } else {
                self.ctx.set_stroke_style_str(&css);
                self.ctx.set_line_width(f64::from(style.stroke_width()));
            }
            self.ctx.begin_path();
            self.open = Some(key);
        }
        let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        self.ctx.move_to(x + r, y);
        // `arc` fails only for a negative radius, which a u32 cannot be.
        let _ = self.ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        Ok(())
    }
}
