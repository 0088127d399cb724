#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
//! The price-of-scale charts: cost over time with its fitted growth, energy against compute
//! by hardware, both following the table's rows.
use super::tests::{check_snapshot, svg_of};
use super::*;
use crate::data::Dataset;
use std::rc::Rc;

fn embedded() -> Dataset {
    Dataset::embedded().expect("embedded dataset")
}

/// Models with published or estimated costs and energy, fixed so the snapshots are stable.
const SELECTED: [&str; 12] = [
    "transformer",
    "gpt-3",
    "gopher",
    "opt-175b",
    "bloom",
    "palm",
    "llama-65b",
    "llama-2-70b",
    "llama-3-1-405b",
    "llama-3-70b",
    "llama-4-maverick",
    "glam",
];

fn rows_of(ds: &Dataset, ids: &[&str]) -> Vec<usize> {
    ids.iter()
        .filter_map(|id| ds.models.iter().position(|m| m.id == *id))
        .collect()
}

#[test]
fn cost_over_time_fits_a_growth_rate_with_its_interval_and_follows_the_rows() {
    let ds = Rc::new(embedded());
    let all: Vec<usize> = (0..ds.models.len()).collect();
    let fig = figure(
        &ds,
        &all,
        ChartId::CostOverTime,
        &ChartOptions::default(),
        &[],
    );
    assert!(fig.marks.len() >= 90, "{}", fig.marks.len());
    assert!(fig.y.log && !fig.x.log);
    assert_eq!(fig.lines.len(), 1);
    let note = fig.notes.first().expect("fit note");
    assert!(note.text.contains("per year (95% CI ×"), "{note}");
    assert!(
        fig.subtitle.contains("by lead organization"),
        "{}",
        fig.subtitle
    );
    assert_eq!(fig.table.rows.len(), fig.marks.len());
    // Filters: only the visible rows are plotted and fitted.
    let rows = rows_of(&ds, &SELECTED);
    let few = figure(
        &ds,
        &rows,
        ChartId::CostOverTime,
        &ChartOptions::default(),
        &[],
    );
    assert!(few.marks.len() < fig.marks.len() && few.marks.len() >= 8);
    assert!(few.marks.iter().any(|m| few.model_id(m) == Some("gpt-3")));
    // Hidden series leave the plot and the table.
    let hidden = vec![few.series.first().unwrap().name.clone()];
    let less = figure(
        &ds,
        &rows,
        ChartId::CostOverTime,
        &ChartOptions::default(),
        &hidden,
    );
    assert!(less.marks.len() < few.marks.len());
    assert_eq!(less.table.rows.len(), less.marks.len());
    let svg = svg_of(&few, 720, 460);
    assert!(!svg.contains("NaN"));
    check_snapshot("cost-over-time-selected", &svg);
}

#[test]
fn energy_against_compute_colours_by_hardware_and_draws_the_estimators_lines() {
    let ds = Rc::new(embedded());
    let all: Vec<usize> = (0..ds.models.len()).collect();
    let fig = figure(
        &ds,
        &all,
        ChartId::EnergyVsCompute,
        &ChartOptions::default(),
        &[],
    );
    assert!(fig.marks.len() >= 60, "{}", fig.marks.len());
    assert!(fig.x.log && fig.y.log);
    assert_eq!(fig.lines.iter().filter(|l| l.dashed).count(), 3);
    let names: Vec<&str> = fig.series.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"NVIDIA A100/A800") && names.contains(&"Google TPU"),
        "{names:?}"
    );
    let bloom = fig
        .marks
        .iter()
        .find(|m| fig.model_id(m) == Some("bloom"))
        .expect("BLOOM has energy and compute");
    assert!((bloom.y - 433.196).abs() < 1e-9);
    // The A100 line at MFU 0.4 and PUE 1.1: 1 FLOP takes 1/(312e12 × 0.4) s at 400 W × 1.1.
    let a100 = fig.lines.iter().find(|l| l.label.contains("A100")).unwrap();
    let (x, y) = a100.points.last().copied().unwrap();
    let expected = x / (312e12 * 0.4) * 400.0 * 1.1 / 3.6e9;
    assert!(((y - expected) / expected).abs() < 1e-9);
    let rows = rows_of(&ds, &SELECTED);
    let few = figure(
        &ds,
        &rows,
        ChartId::EnergyVsCompute,
        &ChartOptions::default(),
        &[],
    );
    assert!(few.marks.len() >= 8 && few.marks.len() < fig.marks.len());
    let svg = svg_of(&few, 720, 460);
    assert!(!svg.contains("NaN"));
    check_snapshot("energy-vs-compute-selected", &svg);
}
