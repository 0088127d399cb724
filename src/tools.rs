//! Native command-line tools over the embedded dataset (`cargo run -- help`).

use model_atlas::data::{crosscheck, validate, Dataset, EMBEDDED};

const USAGE: &str = "usage:
  model-atlas check                 validate the embedded dataset and print counts
  model-atlas crosscheck [CSV]      compare with Epoch AI's notable-models CSV
                                    (default: ../shared/data/epoch_notable_ai_models_2026-02.csv)
  model-atlas charts [DIR]          write every chart of the embedded dataset as SVG (default
                                    /tmp/charts), to look at";

/// The Epoch AI notable-models export beside the project, when present.
pub const EPOCH_NOTABLE: &str = "../shared/data/epoch_notable_ai_models_2026-02.csv";

/// Runs a command; returns the process exit code.
pub fn run(args: Vec<String>) -> i32 {
    let ds = match Dataset::parse(&EMBEDDED).and_then(|ds| validate(&ds, None).map(|()| ds)) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    match args.first().map(String::as_str) {
        Some("check") | None => {
            println!(
                "{} models, {} organizations, {} benchmark results ({} models with one)",
                ds.models.len(),
                ds.organizations.len(),
                ds.benchmarks.len(),
                {
                    let mut ids: Vec<&str> =
                        ds.benchmarks.iter().map(|b| b.model_id.as_str()).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids.len()
                }
            );
            0
        }
        Some("crosscheck") => {
            crosscheck_cmd(&ds, args.get(1).map_or(EPOCH_NOTABLE, String::as_str))
        }
        Some("charts") => charts_cmd(
            &std::rc::Rc::new(ds),
            args.get(1).map_or("/tmp/charts", String::as_str),
        ),
        _ => {
            eprintln!("{USAGE}");
            2
        }
    }
}

fn crosscheck_cmd(ds: &Dataset, path: &str) -> i32 {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            println!("crosscheck skipped: cannot read {path}: {e}");
            return 0;
        }
    };
    let report = match crosscheck(ds, &text) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    println!("Cross-check against {path}");
    println!(
        "models linked to an Epoch row: {} (found: {}, missing: {})",
        report.linked,
        report.matched,
        report.missing.len()
    );
    for name in &report.missing {
        println!("  missing in Epoch file: {name:?}");
    }
    println!(
        "parameters within ±5%: {} of {} compared",
        report.parameters_agree, report.parameters_compared
    );
    println!(
        "dates within one month: {} of {} compared",
        report.dates_agree, report.dates_compared
    );
    println!("disagreements: {}", report.disagreements.len());
    for d in &report.disagreements {
        let why = if d.explanation.is_empty() {
            "UNEXPLAINED".to_owned()
        } else {
            format!("explained: {}", d.explanation)
        };
        println!(
            "  {:<28} {:<10} atlas {:<12} epoch {:<12} {why}",
            d.model_id, d.field, d.atlas, d.epoch
        );
    }
    let unexplained = report.unexplained().count();
    println!("unexplained disagreements: {unexplained}");
    i32::from(unexplained > 0 || !report.missing.is_empty())
}

/// Writes every chart (plus the score-against-size variants and a narrow version) as SVG.
fn charts_cmd(ds: &std::rc::Rc<Dataset>, dir: &str) -> i32 {
    use model_atlas::chart::{export, figure, ChartId, ChartOptions};
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("cannot create {dir}: {e}");
        return 1;
    }
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let mut written = 0;
    for chart in ChartId::ALL {
        for (suffix, w, h, versus) in [
            ("", 1000, 640, false),
            ("-vs", 1000, 640, true),
            ("-narrow", 390, 560, false),
        ] {
            if versus && chart.benchmark().is_none() {
                continue;
            }
            let options = ChartOptions {
                versus_parameters: versus,
                ..ChartOptions::default()
            };
            let fig = figure(ds, &rows, chart, &options, &[]);
            let path = format!("{dir}/{}{suffix}.svg", chart.id());
            match export::svg(&fig, None, w, h).map(|svg| std::fs::write(&path, svg)) {
                Ok(Ok(())) => written += 1,
                Ok(Err(e)) => {
                    eprintln!("{path}: {e}");
                    return 1;
                }
                Err(e) => {
                    eprintln!("{path}: {e}");
                    return 1;
                }
            }
        }
    }
    println!("{written} SVG files in {dir}");
    0
}
