//! An interactive chart: the figure drawn with plotters on a canvas that follows its
//! container's size × devicePixelRatio, with a tooltip on hover and keyboard focus, arrow-key
//! navigation, click/Enter to open a model, wheel and drag zoom, legend toggles, scale and
//! colour controls written to the URL, downloads (PNG, SVG, CSV) and a table view.
//!
//! The browser glue only: figures, drawing, hit-testing and zoom maths are in `crate::chart`.

mod backend;
mod canvas;
mod controls;
mod table;

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, ResizeObserver};
use yew::prelude::*;

use super::{Data, Shared};
use crate::chart::{self, ChartId, ChartOptions, Geometry, Kind, Viewport};
use canvas::{event_px, paint};
use controls::{controls, series_toggles};
use table::table_view;

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
    /// In an embed: the controls fold into a menu, so the chart keeps the frame's height.
    #[prop_or_default]
    pub embed: bool,
}

/// Hover radius for points, in CSS pixels.
const HOVER_RADIUS: f64 = 10.0;
/// Drags shorter than this (CSS pixels) are clicks.
const DRAG_MIN: f64 = 6.0;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn now() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Sets CSS pixel lengths through the CSSOM.
fn place(el: &HtmlElement, props: &[(&str, f64)]) {
    let style = el.style();
    for (k, v) in props {
        let _ = style.set_property(k, &format!("{v:.1}px"));
    }
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
    // The zoom lives in the options (the URL): a shared link opens zoomed. Listeners set up
    // once read the latest options and callback through this cell.
    let viewport = props.options.zoom;
    let latest = use_mut_ref(|| (props.options.clone(), props.on_options.clone()));
    *latest.borrow_mut() = (props.options.clone(), props.on_options.clone());
    let set_zoom: Rc<dyn Fn(Option<Viewport>)> = {
        let latest = latest.clone();
        Rc::new(move |zoom: Option<Viewport>| {
            let (options, on_options) = latest.borrow().clone();
            if options.zoom != zoom {
                on_options.emit(ChartOptions { zoom, ..options });
            }
        })
    };
    let active = use_state_eq(|| None::<usize>);
    let show_table = use_state_eq(|| false);
    let geometry = use_mut_ref(Geometry::default);
    let drag = use_mut_ref(|| None::<(f64, f64)>);
    let compact = props.compact;
    let chart_id = props.chart;
    let dark = use_context::<crate::ui::theme::Theme>().is_some_and(|t| t.is_dark());

    // A different chart starts with every series shown; new rows or options drop the focus.
    // (A change of options unzooms where it is made: `ChartOptions::unzoomed_if_changed`.)
    {
        let hidden = hidden.clone();
        use_effect_with(chart_id, move |_| hidden.set(Vec::new()));
    }
    {
        let active = active.clone();
        use_effect_with(
            (props.rows.clone(), chart_id, props.options.without_zoom()),
            move |_| active.set(None),
        );
    }

    // Built from the options without the zoom: zooming redraws, it never rebuilds.
    let fig = {
        let deps = (
            props.data.clone(),
            props.rows.clone(),
            chart_id,
            props.options.without_zoom(),
            (*hidden).clone(),
        );
        let memo = use_memo(deps, |(data, rows, chart, options, hidden)| {
            // The dataset's fixed facts (colour groups …) are computed once per dataset.
            Shared(Rc::new(chart::figure_of(
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
        let deps = (fig.clone(), viewport, *size_tick, compact, dark);
        use_effect_with(deps, move |(fig, view, _, compact, dark)| {
            if let (Some(canvas), Some(container)) = (
                canvas_ref.cast::<HtmlCanvasElement>(),
                box_ref.cast::<HtmlElement>(),
            ) {
                let t0 = now();
                if let Some(g) = paint(&canvas, &container, &fig.0, view.as_ref(), *compact, *dark)
                {
                    *geometry.borrow_mut() = g;
                }
                let ms = now() - t0;
                let _ = canvas.set_attribute("data-draw-ms", &format!("{ms:.2}"));
                let _ = canvas.set_attribute("data-marks", &fig.0.marks.len().to_string());
                let named: Vec<&str> = geometry
                    .borrow()
                    .labels
                    .iter()
                    .filter_map(|(i, _)| fig.0.marks.get(*i).map(|m| fig.0.label(m)))
                    .collect();
                let _ = canvas.set_attribute("data-labels", &named.join("|"));
                match geometry.borrow().density {
                    Some(k) => {
                        let _ = canvas.set_attribute("data-density", &k.label());
                    }
                    None => {
                        let _ = canvas.remove_attribute("data-density");
                    }
                }
                geo_tick.set((*geo_tick).wrapping_add(1));
            }
        });
    }

    // Wheel zoom (a non-passive listener, so the page does not scroll while zooming).
    {
        let canvas_ref = canvas_ref.clone();
        let geometry = geometry.clone();
        let set_zoom = set_zoom.clone();
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
                                set_zoom(Some(v));
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
            if let Some(id) = fig.0.marks.get(i).and_then(|m| fig.0.model_id(m)) {
                on_open.emit(id.to_owned());
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
        let set_zoom = set_zoom.clone();
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
                        set_zoom(Some(v));
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
        let set_zoom = set_zoom.clone();
        Callback::from(move |_: MouseEvent| set_zoom(None))
    };
    let onkeydown = {
        let geometry = geometry.clone();
        let active = active.clone();
        let set_zoom = set_zoom.clone();
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
                        set_zoom(Some(v));
                    }
                    return;
                }
                "0" => {
                    set_zoom(None);
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
            props.options.without_zoom(),
        ),
        |(fig, on, data, options)| on.then(|| chart::table(&data.0, &fig.0, options).into_owned()),
    );
    let f = &fig.0;
    let aria = format!("{}. {}", f.title, f.subtitle);
    let tip_lines: Vec<String> = active
        .and_then(|i| f.marks.get(i))
        .map(|m| {
            let mut lines = chart::tip_lines(&props.data.0, f, &props.options, m);
            if m.model.is_some() && !compact {
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
            { controls::folded(props.embed, html! { <>
                { controls(props, &fig.0, &show_table, &canvas_ref, dark) }
                { series_toggles(f, &toggle_series) }
            </> }) }
            { canvas }
            { facts(f, &geometry.borrow()) }
            if let Some(table) = table.as_ref() { { table_view(f, table) } }
        </div>
    }
}

/// What the chart states, as text beside the canvas (selectable, found by the browser's
/// search, read by screen readers): what is plotted and left out, the findings with their
/// methods, the names drawn on the plot, and the source.
fn facts(f: &chart::Figure, g: &Geometry) -> Html {
    let named: Vec<&str> = g
        .labels
        .iter()
        .filter_map(|(i, _)| f.marks.get(*i).map(|m| f.label(m)))
        .collect();
    html! {
        <section class="chart-facts" aria-label="What the chart shows" tabindex="0">
            <p class="chart-subtitle">{ &f.subtitle }</p>
            if !f.notes.is_empty() {
                <dl class="chart-findings">
                    { for f.notes.iter().map(|n| html! {
                        <div class={classes!((!n.on_canvas).then_some("method"))}>
                            <dt>{ &n.term }</dt><dd>{ &n.text }</dd>
                        </div>
                    }) }
                </dl>
            }
            if let Some(k) = g.density {
                <p class="chart-density">{ k.note() }</p>
            }
            if !named.is_empty() {
                <p class="chart-named">{ format!("Named on the chart: {}", named.join(", ")) }</p>
            }
            <p class="chart-source">{ &f.source }</p>
        </section>
    }
}
