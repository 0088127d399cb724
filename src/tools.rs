//! Native command-line tools over the embedded dataset (`cargo run -- help`).

use model_atlas::data::{validate, Dataset, EMBEDDED};

/// Runs a command; returns the process exit code.
pub fn run(args: Vec<String>) -> i32 {
    match args.first().map(String::as_str) {
        Some("check") | None => check(),
        _ => {
            eprintln!("usage: model-atlas check   validate the embedded dataset and print counts");
            2
        }
    }
}

fn check() -> i32 {
    let ds = match Dataset::parse(&EMBEDDED) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    if let Err(e) = validate(&ds, None) {
        eprintln!("{e}");
        return 1;
    }
    println!(
        "{} models, {} organizations, {} benchmark results",
        ds.models.len(),
        ds.organizations.len(),
        ds.benchmarks.len()
    );
    0
}
