//! Native chart benchmark on synthetic models spread at random over the plot (generated here:
//! no data files needed): the figure build of the scatter charts at 100 000 and 1 000 000 rows
//! (the first build of a dataset, which also computes its per-dataset chart facts, and a
//! rebuild, as after a change of colouring), and the core's part of a redraw of the parameters
//! chart at 100 000 points (layout, binning, hit index; drawn to a backend that paints
//! nothing, so the canvas's own painting is not in it: `tests/chart_bench.rs` times that in the
//! browser). Run: `cargo run --release --example bench_chart` (figures go to BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test and benchmark code: a failed assumption is a failed run.

use std::time::Instant;

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::synthetic;

use model_atlas::chart::{self, ChartId, ChartOptions, ColorBy, Style};
use model_atlas::data::Dataset;
use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// A backend that paints nothing: what is left of a redraw is the core's own work.
struct Nothing(u32, u32);

impl DrawingBackend for Nothing {
    type ErrorType = std::io::Error;
    fn get_size(&self) -> (u32, u32) {
        (self.0, self.1)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        _: BackendCoord,
        _: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        _: BackendCoord,
        _: BackendCoord,
        _: &S,
        _: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        _: &str,
        _: &T,
        _: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        _: BackendCoord,
        _: u32,
        _: &S,
        _: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
}

/// A start time: the wall clock and this thread's CPU time (Linux `/proc/thread-self/schedstat`,
/// so a busy machine's waits show apart).
struct Clock(Instant, f64);

fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e6)
}

fn start() -> Clock {
    Clock(Instant::now(), cpu_ms())
}

/// "wall ms (cpu ms)" since `c`.
fn ms(c: Clock) -> String {
    format!(
        "{:.1} ms (CPU {:.1})",
        c.0.elapsed().as_secs_f64() * 1e3,
        cpu_ms() - c.1
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Times finding the point under the pointer at 10 000 spots of the plot, with the hit index
/// and by scanning every hit (the same answers, checked).
fn hover(fig: &chart::Figure, w: u32, h: u32) {
    let root = Nothing(w, h).into_drawing_area();
    let g = chart::draw(&root, fig, None, &Style::canvas(1.0)).expect("draws");
    let spots: Vec<(f64, f64)> = (0..10_000)
        .map(|i| {
            let t = f64::from(i) / 10_000.0;
            (
                g.plot.x0 + g.plot.width() * t,
                g.plot.y0 + g.plot.height() * ((t * 7919.0) % 1.0),
            )
        })
        .collect();
    let t = Instant::now();
    let indexed: Vec<Option<usize>> = spots.iter().map(|&p| g.mark_at(p, 10.0)).collect();
    let fast = t.elapsed().as_secs_f64() * 1e6 / spots.len() as f64;
    let t = Instant::now();
    let scanned: Vec<Option<usize>> = spots.iter().map(|&p| g.scan_mark_at(p, 10.0)).collect();
    let slow = t.elapsed().as_secs_f64() * 1e6 / spots.len() as f64;
    assert_eq!(indexed, scanned);
    println!(
        "  hover lookup among {} hits: {fast:.2} µs with the index, {slow:.0} µs scanning",
        g.hits.len()
    );
}

fn main() {
    let base = match Dataset::embedded() {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for n in [100_000usize, 1_000_000] {
        println!("{n} rows");
        let ds = std::rc::Rc::new(synthetic(&base, n));
        let rows: Vec<usize> = (0..ds.models.len()).collect();
        for chart in [
            ChartId::ParametersOverTime,
            ChartId::ComputeOverTime,
            ChartId::TokensVsParameters,
        ] {
            let options = ChartOptions::default();
            let t = start();
            let fig = chart::figure_of(&ds, &rows, chart, &options, &[]);
            let first = ms(t);
            let recolored = ChartOptions {
                color: Some(ColorBy::Country),
                ..ChartOptions::default()
            };
            let t = start();
            let same = chart::figure_of(&ds, &rows, chart, &options, &[]);
            let rebuild_same = ms(t);
            drop(same);
            let t = start();
            let again = chart::figure_of(&ds, &rows, chart, &recolored, &[]);
            let rebuild = ms(t);
            println!(
                "  figure {:<22} {:>8} marks ({} ringed): first build {first}, rebuilt {rebuild_same}, recoloured {rebuild}",
                chart.id(),
                fig.marks.len(),
                fig.marks.iter().filter(|m| m.emphasis).count(),
            );
            drop(again);
        }
        for chart in [ChartId::ParametersOverTime, ChartId::ComputeOverTime] {
            if n != 100_000 {
                break;
            }
            let fig = chart::figure(&ds, &rows, chart, &ChartOptions::default(), &[]);
            for dpr in [1.0, 2.0] {
                let (w, h) = ((1280.0 * dpr) as u32, (720.0 * dpr) as u32);
                let times: Vec<f64> = (0..7)
                    .map(|_| {
                        let root = Nothing(w, h).into_drawing_area();
                        let t = Instant::now();
                        chart::draw(&root, &fig, None, &Style::canvas(dpr)).expect("draws");
                        t.elapsed().as_secs_f64() * 1e3
                    })
                    .collect();
                println!(
                    "  redraw, core's part, {} at dpr {dpr}: median {:.1} ms over 7",
                    chart.id(),
                    median(times)
                );
                if dpr == 1.0 {
                    hover(&fig, w, h);
                }
            }
        }
    }
}
