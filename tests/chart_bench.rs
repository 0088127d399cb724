//! Chart redraw benchmark in headless Chromium: 10 000 synthetic models (or `CHART_BENCH_N`
//! at build time), drawn on a canvas at 1280 × 720 CSS pixels and devicePixelRatio 1 and 2;
//! and, whatever `CHART_BENCH_N`, the component's redraw of a 100 000-point scatter (a density
//! chart: [`model_atlas::chart::DENSITY_FROM`]) with its figure build. The budget is one frame
//! (16 ms) per redraw. Run (release build, the figures in BENCHMARKS.md):
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown \
//!     --test chart_bench -- --nocapture
//! CHART_BENCH_N=100000 CHROMEDRIVER=/usr/bin/chromedriver cargo test --release \
//!     --target wasm32-unknown-unknown --test chart_bench -- --nocapture
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test and benchmark code: a failed assumption is a failed run.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use model_atlas::chart::{self, ChartId, ChartOptions, Style};
use model_atlas::data::Dataset;
use model_atlas::ui::{ChartView, Data, Shared};
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

#[path = "../examples/support/synthetic.rs"]
mod synthetic;

wasm_bindgen_test_configure!(run_in_browser);

/// How many synthetic models.
const N: usize = match option_env!("CHART_BENCH_N") {
    Some(n) => parse_count(n),
    None => 10_000,
};
/// Redraws per chart and ratio (fewer for big N: the test runner gives a page 20 s).
const RUNS: usize = if N > 20_000 { 3 } else { 15 };

/// A decimal count in a constant context; anything else gives 10 000.
const fn parse_count(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let mut n = 0usize;
    while i < b.len() {
        let d = b[i];
        if !d.is_ascii_digit() || n > usize::MAX / 10 - 10 {
            return 10_000;
        }
        n = n * 10 + (d - b'0') as usize;
        i += 1;
    }
    if n == 0 {
        10_000
    } else {
        n
    }
}
const BUDGET_MS: f64 = 16.0;

/// N models with the embedded organizations: dates 2012–2026, parameters, tokens and
/// compute spread over many decades (a deterministic pseudo-random walk).
fn synthetic() -> Dataset {
    synthetic_of(N)
}

/// `n` models, as [`synthetic`] makes them.
fn synthetic_of(n: usize) -> Dataset {
    let base = Dataset::embedded().expect("embedded dataset");
    synthetic::synthetic(&base, n)
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

#[wasm_bindgen_test]
fn redraw_of_n_points_fits_a_frame() {
    let ds = Rc::new(synthetic());
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let document = gloo::utils::document();
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("a canvas element");
    gloo::utils::body().append_child(&canvas).expect("append");
    let mut worst = 0.0f64;
    for chart in [
        ChartId::ParametersOverTime,
        ChartId::ComputeOverTime,
        ChartId::TokensVsParameters,
        ChartId::ModelsByOrganization,
    ] {
        let options = ChartOptions::default();
        let t0 = now();
        let fig = chart::figure(&ds, &rows, chart, &options, &[]);
        let build = now() - t0;
        for dpr in [1.0, 2.0] {
            canvas.set_width((1280.0 * dpr) as u32);
            canvas.set_height((720.0 * dpr) as u32);
            let mut times = Vec::new();
            let mut marks = 0;
            for _ in 0..RUNS {
                let backend =
                    CanvasBackend::with_canvas_object(canvas.clone()).expect("2d context");
                let root = backend.into_drawing_area();
                let t = now();
                let g = chart::draw(&root, &fig, None, &Style::canvas(dpr)).expect("draws");
                times.push(now() - t);
                marks = g.hits.len();
            }
            let m = median(times);
            worst = worst.max(m);
            console_log!(
                "{:<24} dpr {dpr}: {marks} marks, figure built in {build:.1} ms, redraw median {m:.1} ms over {RUNS} runs",
                chart.id()
            );
        }
    }
    console_log!("worst median redraw: {worst:.1} ms (budget {BUDGET_MS} ms)");
    assert!(worst.is_finite());
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    data: Data,
    rows: Rc<Vec<usize>>,
    chart: ChartId,
}

#[function_component(Harness)]
fn harness(props: &HarnessProps) -> Html {
    html! {
        <ChartView data={props.data.clone()} rows={props.rows.clone()} chart={props.chart}
                   options={ChartOptions::default()} on_options={Callback::noop()}
                   on_open_model={Callback::noop()}/>
    }
}

async fn sleep(ms: u64) {
    yew::platform::time::sleep(std::time::Duration::from_millis(ms)).await;
}

/// The component's own redraws (its canvas backend, resize-driven), read from the
/// `data-draw-ms` it sets after each draw.
#[wasm_bindgen_test]
async fn component_redraw_of_n_points() {
    component_redraws(Rc::new(synthetic()), RUNS).await;
}

/// A 100 000-point scatter, whatever `CHART_BENCH_N`: the figure build (first, with the
/// dataset's facts; then again, as after a filter) and the component's redraw.
#[wasm_bindgen_test]
async fn density_redraw_of_100_000_points() {
    let ds = Rc::new(synthetic_of(100_000));
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    for chart in [ChartId::ParametersOverTime, ChartId::ComputeOverTime] {
        let options = ChartOptions::default();
        let t = now();
        let fig = chart::figure_of(&ds, &rows, chart, &options, &[]);
        let first = now() - t;
        let t = now();
        let again = chart::figure_of(&ds, &rows, chart, &options, &[]);
        let rebuilt = now() - t;
        console_log!(
            "100 000 models {:<24} {} marks (density: {}): figure built in {first:.1} ms first, {rebuilt:.1} ms again",
            chart.id(),
            fig.marks.len(),
            chart::is_dense(&fig)
        );
        drop(again);
    }
    component_redraws(ds, 7).await;
}

/// Mounts the chart component on `ds` for the time charts and logs its redraw times over
/// `runs` resizes.
async fn component_redraws(ds: Rc<Dataset>, runs: usize) {
    let rows = Rc::new((0..ds.models.len()).collect::<Vec<usize>>());
    let document = gloo::utils::document();
    let host: web_sys::HtmlElement = document
        .create_element("div")
        .expect("div")
        .dyn_into()
        .expect("html element");
    let _ = host.style().set_property("width", "1280px");
    gloo::utils::body().append_child(&host).expect("append");
    for chart in [ChartId::ParametersOverTime, ChartId::ComputeOverTime] {
        host.set_inner_html("");
        let root: web_sys::Element = document.create_element("div").expect("div");
        host.append_child(&root).expect("append");
        let app = yew::Renderer::<Harness>::with_root_and_props(
            root.clone(),
            HarnessProps {
                data: Shared(ds.clone()),
                rows: rows.clone(),
                chart,
            },
        )
        .render();
        sleep(300).await;
        let canvas = root
            .query_selector("canvas.chart")
            .ok()
            .flatten()
            .expect("canvas");
        let container: web_sys::HtmlElement = root
            .query_selector(".chart-box")
            .ok()
            .flatten()
            .expect("box")
            .dyn_into()
            .expect("html element");
        // The page under test has no stylesheet: size the canvas to its box here.
        if let Some(c) = canvas.dyn_ref::<web_sys::HtmlElement>() {
            let _ = c.style().set_property("display", "block");
            let _ = c.style().set_property("width", "100%");
            let _ = c.style().set_property("height", "100%");
        }
        let _ = container.style().set_property("position", "relative");
        let mut times = Vec::new();
        for i in 0..runs {
            // A new height each time: the ResizeObserver triggers one redraw.
            let _ = container
                .style()
                .set_property("height", &format!("{}px", 720 + i % 2 * 20));
            sleep(120).await;
            if let Some(ms) = canvas
                .get_attribute("data-draw-ms")
                .and_then(|v| v.parse::<f64>().ok())
            {
                times.push(ms);
            }
        }
        let w = canvas
            .dyn_ref::<web_sys::HtmlCanvasElement>()
            .map_or(0, |c| c.width());
        console_log!(
            "component {:<24} {} models, canvas width {w}: redraw median {:.1} ms, max {:.1} ms over {} redraws",
            chart.id(),
            ds.models.len(),
            median(times.clone()),
            times.iter().copied().fold(0.0, f64::max),
            times.len()
        );
        app.destroy();
    }
}
