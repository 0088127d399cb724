//! Native import benchmark: reads a CSV or JSON file with the importer the app uses, in the
//! app's 2 MB slices, and prints the time of each phase (parse, build, index), then the
//! worker's and the page's share of an import in the app: the worker's session parsing and
//! encoding its messages (models sent as each slice completes them), and the page decoding and
//! indexing them chunk by chunk (`data::transfer`, `query::Incoming`), with what is left for
//! the page after the worker's last message.
//! Run: `cargo run --release --example bench_import -- FILE` (figures go to BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test and benchmark code: a failed assumption is a failed run.

use std::time::Instant;

use model_atlas::data::transfer::{decode, encode, FromWorker, SLICE_BYTES};
use model_atlas::data::{Finished, Importer, Limits, Session};
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
        // The worker as it runs: the session reads the file in the app's slices and encodes
        // each message (the models go as soon as a slice completes them).
        let t = Instant::now();
        let mut session = Session::new(&path, bytes.len() as u64, SLICE_BYTES).unwrap();
        let mut posted: Vec<Vec<u8>> = Vec::new();
        // The worker keeps the messages it has sent until it is stopped (bin/import-worker.rs).
        let mut sent = Vec::new();
        while let Some((a, b)) = session.next_range() {
            let slice = &bytes[a as usize..b as usize];
            for m in session.feed(slice).map_err(|m| format!("{m:?}")).unwrap() {
                posted.push(encode(&m));
                sent.push(m);
            }
        }
        let Ok(Finished::Done(last)) = session.finish() else {
            panic!("the file needs a mapping or failed");
        };
        let last_at = posted.len();
        posted.extend(last.iter().map(encode));
        let worker = t.elapsed();
        let sent: usize = posted.iter().map(Vec::len).sum();
        // The page: decode each message, index each chunk; the end (the organizations' final
        // country and type) is timed apart, as it is the only step after the worker's last.
        let t = Instant::now();
        let mut incoming = None;
        let mut longest = std::time::Duration::ZERO;
        let mut chunks = 0;
        let mut after_last = std::time::Duration::ZERO;
        let mut received = None;
        for (i, m) in posted.iter().enumerate() {
            let one = Instant::now();
            match decode::<FromWorker>(m).unwrap() {
                FromWorker::Begin { expected } => incoming = Some(Incoming::new(expected)),
                FromWorker::Models {
                    models,
                    organizations,
                } => {
                    chunks += 1;
                    incoming.as_mut().unwrap().add(models, organizations);
                }
                FromWorker::Done(summary) => {
                    received = Some(incoming.take().unwrap().finish(summary));
                }
                _ => {}
            }
            if i >= last_at {
                after_last += one.elapsed();
            }
            longest = longest.max(one.elapsed());
        }
        let page = t.elapsed();
        assert_eq!(received.unwrap().dataset.models.len(), n);
        println!(
            "         worker (parse + encode) {:.1} ms, {chunks} chunks, {:.1} MB; page (decode + index) {:.1} ms, longest message {:.1} ms, after the worker's last slice {:.1} ms",
            worker.as_secs_f64() * 1e3,
            sent as f64 / 1e6,
            page.as_secs_f64() * 1e3,
            longest.as_secs_f64() * 1e3,
            after_last.as_secs_f64() * 1e3,
        );
    }
}
