//! Hostile-input benchmark: times the importer on files made to be slow (the "Hardening"
//! issue), fed in the app's 2 MB slices: 10 000 rows with the same id or name, 10 000 columns
//! (the mapping guess and the import), one 100 MB field, one 100 MB JSON element.
//! Run: `cargo run --release --example bench_hostile` (figures go to BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Benchmark code: a failed assumption is a failed run.

use std::time::Instant;

use model_atlas::data::{detect_mapping, import_in_slices, Limits};

/// The app's slice size (`ui::import`).
const SLICE: usize = 2 * 1024 * 1024;

/// Imports `text` in 2 MB slices and prints the time, the models and the skipped rows.
fn time_import(what: &str, text: &[u8]) {
    time_import_in(what, text, SLICE);
}

/// Imports `text` in slices of `slice` bytes (best of three) and prints the time.
fn time_import_in(what: &str, text: &[u8], slice: usize) {
    let mut best = f64::INFINITY;
    let mut summary = String::new();
    for _ in 0..3 {
        let t = Instant::now();
        let sizes = std::iter::repeat_n(slice, text.len() / slice + 1);
        let imp = import_in_slices("bench", text, sizes, None, Limits::default());
        best = best.min(t.elapsed().as_secs_f64());
        summary = match imp {
            Ok(i) => format!(
                "{} models, {} skipped",
                i.dataset.models.len(),
                i.skipped.len()
            ),
            Err(e) => format!("error: {e}"),
        };
    }
    println!(
        "{what:<52} {:>9.1} ms  ({:.1} MB; {summary})",
        best * 1e3,
        text.len() as f64 / 1e6
    );
}

fn main() {
    let mut dup = String::from("id,name,date\n");
    for _ in 0..10_000 {
        dup.push_str("same,Same name,2020-01-01\n");
    }
    time_import(
        "10 000 rows `same,Same name,2020-01-01` (import)",
        dup.as_bytes(),
    );

    let mut few = String::from("Model,Publication date,Parameters\n");
    for i in 0..10_000 {
        few.push_str(&format!("Model {},2020-01-01,{}\n", i % 3, i));
    }
    time_import("10 000 rows, 3 distinct names (import)", few.as_bytes());

    let columns = 10_000;
    let headers: Vec<String> = (0..columns)
        .map(|i| match i {
            0 => "Model".to_owned(),
            1 => "Publication date".to_owned(),
            _ => format!("Column {i}"),
        })
        .collect();
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        let m = detect_mapping(&headers);
        best = best.min(t.elapsed().as_secs_f64());
        assert!(m.missing_required().is_empty());
    }
    println!(
        "{:<52} {:>9.1} ms",
        "10 000 columns: the mapping guess (detect_mapping)",
        best * 1e3
    );
    let mut wide = headers.join(",");
    wide.push('\n');
    for r in 0..100 {
        let row: Vec<String> = (0..columns)
            .map(|i| match i {
                0 => format!("m{r}"),
                1 => "2020".to_owned(),
                _ => "x".to_owned(),
            })
            .collect();
        wide.push_str(&row.join(","));
        wide.push('\n');
    }
    time_import("10 000 columns × 100 rows (import)", wide.as_bytes());

    let field = "x".repeat(100 * 1024 * 1024);
    let long_csv = format!("Model,Publication date\n\"{field}\",2020\nB,2021\n");
    time_import(
        "one 100 MB CSV field, 2 MB slices (import)",
        long_csv.as_bytes(),
    );
    time_import_in(
        "one 100 MB CSV field, one read (import)",
        long_csv.as_bytes(),
        long_csv.len(),
    );
    drop(long_csv);
    let long_json = format!(
        "[{{\"Model\":\"{field}\",\"Publication date\":\"2020\"}},{{\"Model\":\"B\",\"Publication date\":\"2021\"}}]"
    );
    drop(field);
    time_import(
        "one 100 MB JSON element, 2 MB slices (import)",
        long_json.as_bytes(),
    );
    time_import_in(
        "one 100 MB JSON element, one read (import)",
        long_json.as_bytes(),
        long_json.len(),
    );
    drop(long_json);

    let mut stray = String::from("[");
    for i in 0..10_000 {
        stray.push_str(&format!(
            "{{\"Model\":\"m{i}\",\"Publication date\":\"2020\"}}{}",
            if i % 100 == 0 { "}," } else { "," }
        ));
    }
    stray.push_str("{\"Model\":\"last\",\"Publication date\":\"2020\"}]");
    time_import(
        "10 000 JSON objects, 100 stray `}` (import)",
        stray.as_bytes(),
    );
}
