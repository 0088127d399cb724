#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
//! Tests of what the charts state and name: the key models' labels and their placement, the
//! compute chart's trends on the real data, the leaderboards' order and axis, sparse models.

use super::tests::{all_rows, dataset, default_figure, draw_geometry, row_of};
use super::*;
use crate::data::{Dataset, Num};

fn embedded() -> Dataset {
    Dataset::embedded().expect("embedded dataset")
}

/// No two names overlap, none overlaps a trend label or the legend, all lie in the plot.
fn assert_labels_clear(geo: &Geometry, what: &str) {
    for (k, (i, a)) in geo.labels.iter().enumerate() {
        assert!(
            a.inside(&geo.plot),
            "{what}: label of mark {i} leaves the plot"
        );
        for (j, b) in geo.labels.iter().skip(k + 1) {
            assert!(
                !a.overlaps(b),
                "{what}: labels of marks {i} and {j} overlap"
            );
        }
        for l in &geo.line_labels {
            assert!(
                !a.overlaps(l),
                "{what}: label of mark {i} covers a trend label"
            );
        }
        for (_, l) in &geo.legend {
            assert!(
                !a.overlaps(l),
                "{what}: label of mark {i} covers the legend"
            );
        }
    }
    for (k, a) in geo.line_labels.iter().enumerate() {
        for b in geo.line_labels.iter().skip(k + 1) {
            assert!(!a.overlaps(b), "{what}: trend labels overlap");
        }
    }
}

fn named(fig: &Figure, geo: &Geometry) -> Vec<String> {
    geo.labels
        .iter()
        .filter_map(|(i, _)| fig.marks.get(*i).map(|m| m.label.clone()))
        .collect()
}

#[test]
fn key_models_are_named_on_the_embedded_data_and_no_label_overlaps() {
    let ds = embedded();
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    for chart in [
        ChartId::ParametersOverTime,
        ChartId::TokensVsParameters,
        ChartId::ComputeOverTime,
    ] {
        for labels in [false, true] {
            let options = ChartOptions {
                labels,
                ..ChartOptions::default()
            };
            let fig = figure(&ds, &rows, chart, &options, &[]);
            for (w, h) in [(1200, 640), (900, 560), (390, 520)] {
                let geo = draw_geometry(&fig, w, h, &Style::svg());
                assert_labels_clear(&geo, &format!("{} {w}x{h} labels={labels}", chart.id()));
            }
        }
    }
    let params = default_figure(&ds, &rows, ChartId::ParametersOverTime);
    let geo = draw_geometry(&params, 1200, 640, &Style::svg());
    let names = named(&params, &geo);
    for key in [
        "GPT-3",
        "Gopher",
        "Chinchilla",
        "PaLM",
        "BLOOM",
        "LLaMA",
        "Switch",
        "DLRM 12T",
    ] {
        assert!(names.iter().any(|n| n == key), "{key} named in {names:?}");
    }
    // GPT-4 has no published parameter count: not plotted, so not named.
    assert!(!params
        .marks
        .iter()
        .any(|m| m.model_id.as_deref() == Some("gpt-4")));
    let tokens = default_figure(&ds, &rows, ChartId::TokensVsParameters);
    let geo = draw_geometry(&tokens, 1200, 640, &Style::svg());
    let names = named(&tokens, &geo);
    for key in ["GPT-3", "Gopher", "Chinchilla", "PaLM", "BLOOM", "LLaMA"] {
        assert!(names.iter().any(|n| n == key), "{key} named in {names:?}");
    }
}

#[test]
fn a_dense_crowd_of_names_never_overlaps() {
    let ds = dataset();
    let mut fig = default_figure(&ds, &all_rows(&ds), ChartId::ComputeOverTime);
    let one = fig.marks.first().cloned().expect("a mark");
    // 400 always-named points in a tight cloud, with the compute chart's trend lines.
    fig.marks = (0..400)
        .map(|i| {
            let mut m = one.clone();
            m.x = 2015.0 + f64::from(i % 20) * 0.05;
            m.y = 10f64.powf(20.0 + f64::from(i / 20) * 0.1);
            m.label = format!("Model number {i}");
            m.always_label = true;
            m
        })
        .collect();
    let geo = draw_geometry(&fig, 800, 500, &Style::svg());
    assert!(geo.labels.len() > 5, "some names fit: {}", geo.labels.len());
    assert!(!geo.line_labels.is_empty(), "trend labels drawn");
    assert_labels_clear(&geo, "dense synthetic");
}

#[test]
fn the_compute_chart_on_the_real_data_states_all_four_trends_with_intervals() {
    let ds = embedded();
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let fig = default_figure(&ds, &rows, ChartId::ComputeOverTime);
    let text = |i: usize| fig.notes.get(i).map(|n| n.text.clone()).unwrap_or_default();
    assert!(text(0).contains("published 21.3 months"), "{}", text(0));
    assert!(text(1).contains("published 5.7 months"), "{}", text(1));
    assert!(text(2).starts_with("doubles every"), "{}", text(2));
    assert!(text(2).contains("95% CI"), "{}", text(2));
    assert!(text(2).contains("published 9.9 months"), "{}", text(2));
    assert!(text(3).starts_with("grows "), "{}", text(3));
    assert!(text(3).contains("per year (95% CI"), "{}", text(3));
    assert_eq!(fig.lines.len(), 4, "four fitted trends drawn");
    assert!(
        fig.marks.iter().any(|m| m.emphasis),
        "large-scale models ringed"
    );
}

#[test]
fn leaderboards_put_the_best_first_on_an_axis_over_the_data() {
    let ds = embedded();
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let fid = default_figure(&ds, &rows, ChartId::CocoFid);
    let v: Vec<f64> = fid.marks.iter().map(|m| m.x).collect();
    assert!(
        v.windows(2).all(|w| w[0] <= w[1]),
        "lowest FID first: {v:?}"
    );
    let mmlu = default_figure(&ds, &rows, ChartId::Mmlu);
    let v: Vec<f64> = mmlu.marks.iter().map(|m| m.x).collect();
    assert!(v.windows(2).all(|w| w[0] >= w[1]), "highest MMLU first");
    let lo = mmlu.x.include.first().copied().expect("axis start");
    let min = v.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(lo > 0.0 && lo <= min, "axis from {lo} below {min}");
    assert!(
        mmlu.subtitle.contains(&format!("axis starts at {lo}%")),
        "{}",
        mmlu.subtitle
    );
    // One decimal for every score.
    for (_, cells) in &mmlu.table.rows {
        let score = &cells.get(4).expect("score").text;
        let decimals = score.trim_end_matches('%').split('.').nth(1).map(str::len);
        assert_eq!(decimals, Some(1), "{score}");
    }
    // One colour group: no legend, no "coloured by".
    if mmlu.series.len() == 1 {
        assert!(!mmlu.subtitle.contains("coloured by"), "{}", mmlu.subtitle);
    }
}

#[test]
fn value_range_starts_at_a_round_number_below_the_data() {
    let percent = |v: &[f64]| crate::chart::build::value_range(v.iter().copied(), true);
    assert_eq!(percent(&[63.2, 76.2, 80.1]), (60.0, 85.0));
    assert_eq!(percent(&[27.3, 90.0]), (20.0, 100.0));
    assert_eq!(percent(&[]), (0.0, 100.0));
    let (lo, hi) = crate::chart::build::value_range([3.22, 27.5].into_iter(), false);
    assert!((0.0..=3.22).contains(&lo) && hi >= 27.5, "{lo}–{hi}");
}

#[test]
fn sparse_models_are_diamonds_and_can_be_plotted_at_their_active_parameters() {
    let ds = embedded();
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let total = default_figure(&ds, &rows, ChartId::ParametersOverTime);
    let mixtral = |f: &Figure| {
        f.marks
            .iter()
            .find(|m| m.model_id.as_deref() == Some("mixtral-8x7b"))
            .cloned()
            .expect("Mixtral plotted")
    };
    let m = mixtral(&total);
    assert!(m.sparse);
    let model = ds.models.get(row_of(&ds, "mixtral-8x7b")).expect("model");
    assert_eq!(Some(m.y), model.value(Num::Parameters));
    assert!(total
        .subtitle
        .contains("sparse models (mixture-of-experts)"));
    let dense = total
        .marks
        .iter()
        .find(|m| m.model_id.as_deref() == Some("gpt-3"))
        .expect("GPT-3");
    assert!(!dense.sparse);
    let active = figure(
        &ds,
        &rows,
        ChartId::ParametersOverTime,
        &ChartOptions {
            active_params: true,
            ..ChartOptions::default()
        },
        &[],
    );
    assert_eq!(Some(mixtral(&active).y), model.value(Num::ActiveParameters));
    assert!(active.y.title.starts_with("Active parameters"));
    // Sparse models without a known active count are left out, not plotted at their total.
    assert!(!active
        .marks
        .iter()
        .any(|m| m.model_id.as_deref() == Some("switch-transformer")));
    // The switch round-trips through the URL.
    let parsed = crate::url::parse_hash("#/charts/parameters-over-time?params=active");
    assert!(parsed.state.chart.active_params);
    assert!(crate::url::to_hash(&parsed.state).contains("params=active"));
    let odd = crate::url::parse_hash("#/charts/parameters-over-time?params=some");
    assert!(!odd.state.chart.active_params);
    assert!(!odd.notices.is_empty());
}
