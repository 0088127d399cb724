//! Native query benchmark: builds synthetic datasets of 100 000 and 1 000 000 rows from the
//! embedded models and prints the time of the index build, a search, a facet, a sort and the
//! figure of four charts (the first build of a dataset, which computes its chart facts, and a
//! rebuild; and its table, made when shown).
//! Run: `cargo run --release --example bench_query` (figures go to BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test and benchmark code: a failed assumption is a failed run.

use model_atlas::data::Num;
use std::time::Instant;

use model_atlas::chart::{figure_of, table, ChartId, ChartOptions};
use model_atlas::data::{Dataset, EMBEDDED};
use model_atlas::query::{filter, run, sorted, Column, Facet, Index, SortKey, TableQuery};
use std::rc::Rc;

fn synthetic(base: &Dataset, n: usize) -> Dataset {
    let mut models = Vec::with_capacity(n);
    for i in 0..n {
        let Some(src) = base.models.get(i % base.models.len().max(1)) else {
            break;
        };
        let mut m = src.clone();
        m.id = format!("{}-{i}", src.id);
        m.name = format!("{} #{i}", src.name);
        // Spread values so sorts have work to do.
        let f = 1.0 + (i % 97) as f64 / 97.0;
        m.num_mut(Num::Parameters).value = m.num(Num::Parameters).value.map(|v| v * f);
        models.push(m);
    }
    Dataset::from_parts(
        models,
        base.organizations.clone(),
        base.partnerships.clone(),
        Vec::new(),
        base.benchmark_info.clone(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    )
}

/// This thread's CPU time in ms (Linux `/proc/thread-self/schedstat`, so a busy machine's
/// waits show apart; NaN elsewhere).
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e6)
}

/// Runs `f`, printing its wall time and this thread's CPU time.
fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let (t, cpu) = (Instant::now(), cpu_ms());
    let out = f();
    println!(
        "  {label:<34} {:>9.2} ms (CPU {:.1})",
        t.elapsed().as_secs_f64() * 1e3,
        cpu_ms() - cpu
    );
    out
}

fn main() {
    let base = match Dataset::parse(&EMBEDDED) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for n in [100_000usize, 1_000_000] {
        println!("{n} rows");
        let ds = Rc::new(time("build dataset (not app work)", || synthetic(&base, n)));
        let index = time("index (once per dataset)", || Index::new(&ds));
        let all = time("run: no filter", || {
            run(&ds, &index, &TableQuery::default())
        });
        let q = TableQuery {
            search: "llama".into(),
            ..TableQuery::default()
        };
        let r = time("run: search \"llama\"", || run(&ds, &index, &q));
        let mut f = TableQuery::default();
        f.toggle(Facet::Domain, "vision");
        let v = time("run: facet domain=vision", || run(&ds, &index, &f));
        let s = TableQuery {
            sort: Some(SortKey {
                column: Column::Num(Num::Parameters),
                descending: true,
            }),
            ..TableQuery::default()
        };
        time("run: sort by parameters (1st)", || run(&ds, &index, &s));
        time("run: sort by parameters (cached)", || run(&ds, &index, &s));
        // What the app does on a new sort: the filtered rows and counts are reused.
        let filtered = filter(&ds, &index, &TableQuery::default());
        time("sorted: new sort, filters reused", || {
            sorted(&ds, &index, &filtered, s.sort)
        });
        let t = TableQuery {
            sort: Some(SortKey {
                column: Column::Organizations,
                descending: false,
            }),
            ..TableQuery::default()
        };
        time("run: sort by organization (1st)", || run(&ds, &index, &t));
        for chart in [
            ChartId::ParametersOverTime,
            ChartId::ComputeOverTime,
            ChartId::TokensVsParameters,
            ChartId::ModelsByOrganization,
        ] {
            // As the app builds it: the dataset's fixed facts (colour groups …) are computed
            // with its first figure and reused by the next ones (chart::figure_of).
            let label = format!("chart figure: {}", chart.id());
            let fig = time(&label, || {
                figure_of(&ds, &all.rows, chart, &ChartOptions::default(), &[])
            });
            println!("    ({} marks)", fig.marks.len());
            drop(time("  built again (facts reused)", || {
                figure_of(&ds, &all.rows, chart, &ChartOptions::default(), &[])
            }));
            let t = time("  its table (shown or downloaded)", || {
                table(&ds, &fig, &ChartOptions::default())
            });
            println!("    ({} rows)", t.rows.len());
        }
        println!(
            "  rows: all {} / search {} / facet {}",
            all.rows.len(),
            r.rows.len(),
            v.rows.len()
        );
    }
}
