//! Native import benchmark: reads a CSV or JSON file with the importer the app uses, in the
//! app's 2 MB slices, and prints the time of each phase (parse, build, index).
//! Run: `cargo run --release --example bench_import -- FILE` (figures go to BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test and benchmark code: a failed assumption is a failed run.

use std::time::Instant;

use model_atlas::data::{Importer, Limits};
use model_atlas::query::Index;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bench_import FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    for round in 0..3 {
        let t = Instant::now();
        let mut imp = match Importer::new(&path, Some(bytes.len() as u64), Limits::default()) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        for chunk in bytes.chunks(2 << 20) {
            if let Err(e) = imp.feed(chunk) {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        let fed = t.elapsed();
        let imported = match imp.finish() {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let finished = t.elapsed();
        let _index = Index::new(&imported.dataset);
        let indexed = t.elapsed();
        println!(
            "round {round}: {} rows; slices parsed {:.1} ms, finish {:.1} ms, index {:.1} ms, total {:.1} ms",
            imported.dataset.models.len(),
            fed.as_secs_f64() * 1e3,
            (finished - fed).as_secs_f64() * 1e3,
            (indexed - finished).as_secs_f64() * 1e3,
            indexed.as_secs_f64() * 1e3,
        );
    }
}
