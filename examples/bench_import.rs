//! Native import benchmark: reads a CSV or JSON file with the importer the app uses, in the
//! app's 2 MB slices, and prints the time of each phase (parse, build, index), then the cost of
//! the worker → page crossing: the models encoded in chunks as the worker posts them, and
//! decoded and indexed chunk by chunk as the page receives them (`data::transfer`,
//! `query::Incoming`).
//! Run: `cargo run --release --example bench_import -- FILE` (figures go to BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test and benchmark code: a failed assumption is a failed run.

use std::time::Instant;

use model_atlas::data::transfer::{decode, encode, FromWorker, Summary, CHUNK_MODELS};
use model_atlas::data::{Importer, Limits};
use model_atlas::query::{Incoming, Index};

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
        let n = imported.dataset.models.len();
        println!(
            "round {round}: {n} rows; slices parsed {:.1} ms, finish {:.1} ms, index {:.1} ms, total {:.1} ms",
            fed.as_secs_f64() * 1e3,
            (finished - fed).as_secs_f64() * 1e3,
            (indexed - finished).as_secs_f64() * 1e3,
            indexed.as_secs_f64() * 1e3,
        );
        // The crossing: encode each chunk (worker), decode and index it (page).
        let t = Instant::now();
        let orgs = encode(&FromWorker::Dataset {
            total: n,
            organizations: imported.dataset.organizations.clone(),
        });
        let chunks: Vec<Vec<u8>> = imported
            .dataset
            .models
            .chunks(CHUNK_MODELS)
            .map(|c| encode(&FromWorker::Models(c.to_vec())))
            .collect();
        let encoded = t.elapsed();
        let bytes: usize = chunks.iter().map(Vec::len).sum();
        let t = Instant::now();
        let Ok(FromWorker::Dataset {
            total,
            organizations,
        }) = decode(&orgs)
        else {
            panic!("the dataset message");
        };
        let mut incoming = Incoming::new(total, organizations);
        let mut decoding = std::time::Duration::ZERO;
        let mut longest = std::time::Duration::ZERO;
        for c in &chunks {
            let one = Instant::now();
            let Ok(FromWorker::Models(models)) = decode(c) else {
                panic!("a chunk");
            };
            decoding += one.elapsed();
            incoming.add(models);
            longest = longest.max(one.elapsed());
        }
        let received = incoming.finish(Summary {
            skipped: Vec::new(),
            problems: Vec::new(),
            notices: Vec::new(),
            format: imported.format,
            schema: imported.mapping.schema,
        });
        let page = t.elapsed();
        assert_eq!(received.dataset.models.len(), n);
        println!(
            "         crossing: {} chunks, {:.1} MB; worker encode {:.1} ms; page decode {:.1} ms + index {:.1} ms, longest chunk {:.1} ms",
            chunks.len(),
            bytes as f64 / 1e6,
            encoded.as_secs_f64() * 1e3,
            decoding.as_secs_f64() * 1e3,
            (page - decoding).as_secs_f64() * 1e3,
            longest.as_secs_f64() * 1e3,
        );
    }
}
