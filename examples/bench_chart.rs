//! Native chart benchmark on synthetic models spread at random over the plot (generated here:
//! no data files needed): the figure build of the scatter charts at 100 000 and 1 000 000 rows
//! (the first build of a dataset, which also computes its per-dataset chart facts, and a
//! rebuild, as after a change of colouring), and the core's part of a redraw of the parameters
//! chart at 100 000 points (layout, binning, hit index; drawn to a backend that paints
//! nothing, so the canvas's own painting is not in it: `tests/chart_bench.rs` times that in the
//! browser). Run: `cargo run --release --example bench_chart` (figures go to BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test and benchmark code: a failed assumption is a failed run.

use std::time::Instant;

use model_atlas::chart::{self, ChartId, ChartOptions, ColorBy, Style};
use model_atlas::data::{
    Confidence, Dataset, Date, DatePrecision, Model, Num, Nums, Quantity, Text, Texts,
};
use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

fn quantity(v: f64, estimated: bool) -> Quantity {
    Quantity {
        value: Some(v),
        confidence: if estimated {
            Confidence::Estimated
        } else {
            Confidence::Reported
        },
        note: String::new(),
    }
}

/// `n` models with the embedded organizations: dates 2012–2026, parameters, tokens and compute
/// spread over many decades (a deterministic pseudo-random walk), as in `tests/chart_bench.rs`.
fn synthetic(base: &Dataset, n: usize) -> Dataset {
    let orgs: Vec<String> = base.organizations.iter().map(|o| o.id.clone()).collect();
    let domains = [
        "language",
        "vision",
        "multimodal",
        "games",
        "speech",
        "biology",
    ];
    let mut state: u64 = 42;
    let mut rand = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let models = (0..n)
        .map(|i| {
            let year = 2012 + (rand() * 15.0) as i32;
            let month = 1 + (rand() * 12.0) as u8;
            let t = f64::from(year - 2012);
            let params = 10f64.powf(7.0 + t * 0.3 + rand() * 3.0);
            let tokens = params * 10f64.powf(rand() * 3.0 - 0.5);
            let compute = 6.0 * params * tokens;
            let mut m = Model {
                id: format!("m{i}"),
                name: format!("Synthetic model {i}"),
                organizations: vec![orgs.get(i % orgs.len()).cloned().unwrap_or_default()],
                date: Some(Date::new(year, month, 1).expect("date")),
                date_precision: DatePrecision::Day,
                tasks: Vec::new(),
                nums: Nums::default(),
                texts: Texts::default(),
                source_line: 0,
            };
            *m.num_mut(Num::Parameters) = quantity(params, i % 5 == 0);
            *m.num_mut(Num::TrainingTokens) = quantity(tokens, i % 3 == 0);
            *m.num_mut(Num::TrainingCompute) = quantity(compute, i % 2 == 0);
            *m.text_mut(Text::Domain) = domains[i % domains.len()].to_owned();
            *m.text_mut(Text::Access) = "open weights".to_owned();
            m
        })
        .collect();
    Dataset::from_parts(
        models,
        base.organizations.clone(),
        Vec::new(),
        Vec::new(),
        base.benchmark_info.clone(),
        base.imagenet_challenge.clone(),
        base.compute_eras.clone(),
        Vec::new(),
    )
}

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
