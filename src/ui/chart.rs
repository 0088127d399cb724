//! A chart on a canvas: sized to its container × devicePixelRatio, redrawn on resize.

use std::rc::Rc;

use gloo::events::EventListener;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, ResizeObserver};
use yew::prelude::*;

use super::Data;
use crate::chart::{self, ChartId};

/// Properties of [`ChartCanvas`].
#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// The dataset.
    pub data: Data,
    /// Rows to plot.
    pub rows: Rc<Vec<usize>>,
    /// Which chart.
    pub chart: ChartId,
}

/// Sizes the canvas backing store to its CSS box × devicePixelRatio and draws the chart.
fn draw(canvas: &HtmlCanvasElement, container: &HtmlElement, props: &ChartCanvasProps) {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let css_w = f64::from(container.client_width().max(1));
    let css_h = f64::from(container.client_height().max(1));
    // Canvas sizes are small positive numbers; the casts cannot overflow.
    canvas.set_width((css_w * dpr).round() as u32);
    canvas.set_height((css_h * dpr).round() as u32);
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        gloo::console::error!("no 2D context for the chart canvas");
        return;
    };
    let root = backend.into_drawing_area();
    #[allow(clippy::match_single_binding)]
    let spec = match props.chart {
        _ => chart::parameters_over_time(&props.data.0, &props.rows),
    };
    if let Err(e) = chart::draw_scatter(&root, &spec, dpr) {
        gloo::console::error!(e);
    }
}

/// A chart drawn with plotters on a canvas that follows its container's size.
#[function_component(ChartCanvas)]
pub fn chart_canvas(props: &ChartCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let box_ref = use_node_ref();
    let size_tick = use_state(|| 0u32);

    // Redraw on container resize and on window resize (which also covers zoom, i.e. a
    // devicePixelRatio change).
    {
        let box_ref = box_ref.clone();
        let size_tick = size_tick.clone();
        use_effect_with((), move |_| {
            let bump = {
                let size_tick = size_tick.clone();
                move || size_tick.set((*size_tick).wrapping_add(1))
            };
            let on_resize = {
                let bump = bump.clone();
                Closure::<dyn FnMut()>::new(bump)
            };
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(el)) = (&observer, box_ref.cast::<web_sys::Element>()) {
                o.observe(&el);
            }
            let window_listener =
                web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| bump()));
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_resize);
                drop(window_listener);
            }
        });
    }
    {
        let canvas_ref = canvas_ref.clone();
        let box_ref = box_ref.clone();
        let deps = (
            props.rows.clone(),
            props.chart,
            props.data.clone(),
            *size_tick,
        );
        let props_for_draw = ChartCanvasProps {
            data: props.data.clone(),
            rows: props.rows.clone(),
            chart: props.chart,
        };
        use_effect_with(deps, move |_| {
            if let (Some(canvas), Some(container)) = (
                canvas_ref.cast::<HtmlCanvasElement>(),
                box_ref.cast::<HtmlElement>(),
            ) {
                draw(&canvas, &container, &props_for_draw);
            }
        });
    }
    html! {
        <div class="chart-box" ref={box_ref}>
            <canvas ref={canvas_ref} class="chart" role="img"
                    aria-label={format!("{} chart", props.chart.title())}></canvas>
        </div>
    }
}

/// Properties of [`ChartView`].
#[derive(Properties, PartialEq)]
pub struct ChartViewProps {
    /// The dataset.
    pub data: Data,
    /// The table's filtered rows.
    pub rows: Rc<Vec<usize>>,
    /// Which chart.
    pub chart: ChartId,
    /// The chart's options (from the URL).
    pub options: crate::chart::ChartOptions,
    /// Called with changed options.
    pub on_options: Callback<crate::chart::ChartOptions>,
    /// Called with a model id to open its page.
    pub on_open_model: Callback<String>,
    /// Small version without controls.
    #[prop_or_default]
    pub compact: bool,
}

/// A chart with its controls (placeholder until the interactive view lands).
#[function_component(ChartView)]
pub fn chart_view(props: &ChartViewProps) -> Html {
    html! { <ChartCanvas data={props.data.clone()} rows={props.rows.clone()} chart={props.chart}/> }
}
