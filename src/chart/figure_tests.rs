#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
//! Tests of what the charts state and name: the key models' labels and their placement, the
//! compute chart's trends on the real data, the leaderboards' order and axis, sparse models.

use super::tests::{all_rows, dataset, default_figure, draw_geometry, row_of};
use super::*;
use crate::data::{Dataset, Num};
use std::rc::Rc;

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
        .filter_map(|(i, _)| fig.marks.get(*i).map(|m| fig.label(m).to_owned()))
        .collect()
}

#[test]
fn key_models_are_named_on_the_embedded_data_and_no_label_overlaps() {
    let ds = Rc::new(embedded());
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
        .any(|m| params.model_id(m) == Some("gpt-4")));
    let tokens = default_figure(&ds, &rows, ChartId::TokensVsParameters);
    let geo = draw_geometry(&tokens, 1200, 640, &Style::svg());
    let names = named(&tokens, &geo);
    for key in ["GPT-3", "Gopher", "Chinchilla", "PaLM", "BLOOM", "LLaMA"] {
        assert!(names.iter().any(|n| n == key), "{key} named in {names:?}");
    }
}

#[test]
fn a_dense_crowd_of_names_never_overlaps() {
    let ds = Rc::new(dataset());
    let mut fig = default_figure(&ds, &all_rows(&ds), ChartId::ComputeOverTime);
    let one = fig.marks.first().cloned().expect("a mark");
    // 400 always-named points in a tight cloud, with the compute chart's trend lines.
    fig.marks = (0..400)
        .map(|i| {
            let mut m = one.clone();
            m.x = 2015.0 + f64::from(i % 20) * 0.05;
            m.y = 10f64.powf(20.0 + f64::from(i / 20) * 0.1);
            m.label = Label::Text(format!("Model number {i}"));
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
fn highlighted_models_are_emphasised_named_first_and_stated() {
    let ds = Rc::new(embedded());
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let options = ChartOptions {
        highlight: vec!["alexnet".into(), "gpt-3".into(), "nope".into()],
        ..ChartOptions::default()
    };
    for chart in [ChartId::ParametersOverTime, ChartId::ComputeOverTime] {
        let fig = figure(&ds, &rows, chart, &options, &[]);
        let lit: Vec<&Mark> = fig.marks.iter().filter(|m| m.highlight).collect();
        let ids: Vec<&str> = lit.iter().filter_map(|m| fig.model_id(m)).collect();
        assert_eq!(ids.len(), 2, "{}: {ids:?}", chart.id());
        assert!(ids.contains(&"alexnet") && ids.contains(&"gpt-3"));
        assert!(lit.iter().all(|m| m.always_label));
        for (w, h) in [(1200, 640), (390, 520)] {
            let geo = draw_geometry(&fig, w, h, &Style::svg());
            let names = named(&fig, &geo);
            for n in ["AlexNet", "GPT-3"] {
                assert!(names.iter().any(|x| x == n), "{n} named in {names:?}");
            }
            assert_labels_clear(&geo, &format!("{} {w}x{h} highlighted", chart.id()));
        }
        let note = |term: &str| {
            fig.notes
                .iter()
                .find(|n| n.term == term)
                .map(|n| n.text.clone())
        };
        let lit_note = note("Highlighted").expect("a Highlighted note");
        assert!(lit_note.contains("GPT-3 ("), "{lit_note}");
        assert!(lit_note.contains("2020-05-28)"), "{lit_note}");
        assert!(note("Not highlighted")
            .expect("ids not shown")
            .contains("nope"));
    }
    let params = figure(&ds, &rows, ChartId::ParametersOverTime, &options, &[]);
    let text = params
        .notes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>();
    assert!(
        text.iter().any(|t| t.contains("GPT-3 (175B, 2020-05-28)")),
        "{text:?}"
    );
    // Drawn: the highlighted marks are outlined larger than the others (two extra rings).
    let plain = figure(
        &ds,
        &rows,
        ChartId::ParametersOverTime,
        &ChartOptions::default(),
        &[],
    );
    let rings = |f: &Figure| super::tests::svg_of(f, 900, 560).matches("<circle").count();
    assert_eq!(
        rings(&params),
        rings(&plain) + 2 * 3,
        "one fill and two rings each"
    );
    // A bar leaderboard has no points to highlight: nothing changes.
    let bars = figure(&ds, &rows, ChartId::Mmlu, &options, &[]);
    assert!(bars.marks.iter().all(|m| !m.highlight));
}

#[test]
fn a_highlighted_mark_is_named_first_in_a_crowd() {
    let ds = Rc::new(dataset());
    let mut fig = default_figure(&ds, &all_rows(&ds), ChartId::ComputeOverTime);
    let one = fig.marks.first().cloned().expect("a mark");
    fig.marks = (0..400)
        .map(|i| {
            let mut m = one.clone();
            m.x = 2015.0 + f64::from(i % 20) * 0.05;
            m.y = 10f64.powf(20.0 + f64::from(i / 20) * 0.1);
            m.label = Label::Text(format!("Model number {i}"));
            m.always_label = true;
            m.highlight = i == 210;
            m
        })
        .collect();
    let geo = draw_geometry(&fig, 800, 500, &Style::svg());
    assert_eq!(geo.labels.first().map(|(i, _)| *i), Some(210));
    assert_labels_clear(&geo, "dense synthetic with a highlight");
}

#[test]
fn the_compute_chart_on_the_real_data_states_all_four_trends_with_intervals() {
    let ds = Rc::new(embedded());
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
    let ds = Rc::new(embedded());
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
    let ds = Rc::new(embedded());
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let total = default_figure(&ds, &rows, ChartId::ParametersOverTime);
    let mixtral = |f: &Figure| {
        f.marks
            .iter()
            .find(|m| f.model_id(m) == Some("mixtral-8x7b"))
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
        .find(|m| total.model_id(m) == Some("gpt-3"))
        .expect("GPT-3");
    assert!(!dense.sparse);
    // A sparse model's tip ends with both counts (written when shown); a dense model's has none.
    let options = ChartOptions::default();
    let tip = tip_lines(&ds, &total, &options, &m);
    assert!(
        tip.last()
            .is_some_and(|l| l.starts_with("Sparse (mixture-of-experts): ")
                && l.ends_with(" active of 46.7B total parameters")),
        "{tip:?}"
    );
    let tip = tip_lines(&ds, &total, &options, dense);
    assert!(!tip.iter().any(|l| l.starts_with("Sparse")), "{tip:?}");
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
        .any(|m| active.model_id(m) == Some("switch-transformer")));
    // The switch round-trips through the URL.
    let parsed = crate::url::parse_hash("#/charts/parameters-over-time?params=active");
    assert!(parsed.state.chart.active_params);
    assert!(crate::url::to_hash(&parsed.state).contains("params=active"));
    let odd = crate::url::parse_hash("#/charts/parameters-over-time?params=some");
    assert!(!odd.state.chart.active_params);
    assert!(!odd.notices.is_empty());
}

#[test]
fn zoom_is_a_view_setting_that_other_changes_clear() {
    let zoomed = ChartOptions {
        zoom: Some(Viewport {
            x: (2015.0, 2020.0),
            y: (1e9, 1e12),
        }),
        ..ChartOptions::default()
    };
    assert_eq!(zoomed.without_zoom(), ChartOptions::default());
    // Zooming again keeps the new zoom; changing a scale unzooms.
    let again = ChartOptions {
        zoom: Some(Viewport {
            x: (2016.0, 2019.0),
            y: (1e9, 1e11),
        }),
        ..zoomed.clone()
    };
    assert_eq!(again.clone().unzoomed_if_changed(&zoomed), again);
    let linear = zoomed.with_y_log(ChartId::ParametersOverTime, false);
    assert_eq!(linear.unzoomed_if_changed(&zoomed).zoom, None);
    // The figure does not depend on the zoom.
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    assert_eq!(
        figure(&ds, &rows, ChartId::ParametersOverTime, &zoomed, &[]),
        figure(
            &ds,
            &rows,
            ChartId::ParametersOverTime,
            &ChartOptions::default(),
            &[]
        )
    );
}

#[test]
fn a_large_scale_points_tip_says_so_before_its_frontier_line() {
    let ds = Rc::new(embedded());
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let fig = default_figure(&ds, &rows, ChartId::ComputeOverTime);
    let options = ChartOptions::default();
    let mut both = 0;
    assert!(fig.marks.iter().any(|m| m.emphasis));
    for m in &fig.marks {
        let tip = tip_lines(&ds, &fig, &options, m);
        let at = |what: &str| tip.iter().position(|l| l.starts_with(what));
        let (large, frontier) = (at("Large-scale: "), at("Frontier: "));
        assert_eq!(large.is_some(), m.emphasis, "{tip:?}");
        if let (Some(l), Some(f)) = (large, frontier) {
            assert!(l < f, "{tip:?}");
            both += 1;
        }
    }
    assert!(both > 0, "some large-scale models are on the frontier too");
}
