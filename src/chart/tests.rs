#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
use crate::data::{Num, Text};
use std::path::PathBuf;
use std::rc::Rc;

use super::draw::thin as thin_spans;
use super::*;
use crate::data::fixture;
use crate::data::fixture::MODEL_COLUMNS;
use crate::data::{Dataset, Sources};
use plotters::prelude::{IntoDrawingArea, SVGBackend};

/// Extra models for the chart tests (appended to the shared fixture's five): three before
/// 2010 and a steady compute trend after it, a recommendation giant, and language models
/// with tokens on both sides of the Chinchilla ratio.
const CHART_MODEL_ROWS: &str = "\
c-2006,Old Net,alpha,2006-06-01,day,vision,image classification,CNN,1e6,reported,,,,unknown,,,2e14,reported,,,,,closed,,Early.,https://example.org/c1,,
c-2008,Older Net,beta,2008-03-01,day,speech,speech recognition,RNN,5e6,reported,,,,unknown,,,1e15,estimated,guess,,,,closed,,Early.,https://example.org/c2,,
c-2009,Late Net,alpha,2009-09-01,day,vision,image classification,CNN,2e7,reported,,,,unknown,,,6e15,reported,,,,,closed,,Early.,https://example.org/c3,,
c-2014,Deep 14,alpha,2014-05-01,day,vision,image classification,CNN,6e7,reported,,,,unknown,,,1e19,reported,,,,,open weights,,Deep.,https://example.org/c4,,
c-2017,Deep 17,beta,2017-03-01,day,language,translation,dense transformer,2e8,reported,,,4e9,reported,,,1e20,reported,,,,,open weights,,Deep.,https://example.org/c5,,
c-2018,Giant 18,alpha,2018-10-01,day,games,game playing,other,3e8,reported,,,,unknown,,,5e22,estimated,Epoch,,,,closed,,Large.,https://example.org/c6,,
rec-12t,Rec 12T,beta,2021-04-01,day,recommendation,recommendation,recommendation model,1.2e13,reported,,,,unknown,,,,unknown,,,,,closed,,Embeddings.,https://example.org/rec,,
lang-opt,Optimal LM,alpha,2022-03-29,day,language,text generation,dense transformer,7e10,reported,,,1.4e12,reported,,,5.8e23,estimated,6ND,,,,closed,,Optimal.,https://example.org/opt,,
";

const CHART_BENCH_INFO: &str = "id,name,description,higher_is_better,unit,url
lambada,LAMBADA,Last word.,yes,%,https://example.org/lambada
imagenet_top1,ImageNet top-1,Classes.,yes,%,https://example.org/in
coco_fid,COCO FID,Image quality.,no,FID,https://example.org/fid
mmlu,MMLU,Exams.,yes,%,https://example.org/mmlu
";

const CHART_BENCHMARKS: &str = "model_id,benchmark,setting,value,unit,source_url,note
m-mid,lambada,zero-shot,76.2,%,https://example.org/mid,
m-big,lambada,zero-shot,80.1,%,https://example.org/big,
m-small,lambada,zero-shot,63.2,%,https://example.org/small,
m-mid,lambada,few-shot,86.4,%,https://example.org/mid,
m-vis,imagenet_top1,fine-tuned,88.5,%,https://example.org/vis,
c-2014,imagenet_top1,fine-tuned,74.0,%,https://example.org/c4,
m-vis,coco_fid,zero-shot,12.3,FID,https://example.org/vis,
m-unk,coco_fid,zero-shot,8.1,FID,https://example.org/unk,
c-2014,coco_fid,zero-shot,27.5,FID,https://example.org/c4,
";

const CHART_CHALLENGE: &str = "year,entry,team,top5_error,extra_data,deep_learning,source_url,note
2010,Old entry (SIFT + SVM),Team A,28.2,no,no,https://example.org/2010,
2011,XRCE (Fisher vectors),Team B,25.8,no,no,https://example.org/2011,
2012,SuperVision (AlexNet),Team C,15.3,yes,yes,https://example.org/2012,
2014,GoogLeNet,Team D,6.7,no,yes,https://example.org/2014,
2015,MSRA (ResNet),Team E,3.6,no,yes,https://example.org/2015,
2014,Human (Karpathy),human baseline,5.1,,no,https://example.org/human,
";

const CHART_ERAS: &str =
    "era,start,end,doubling_months_low,doubling_months_central,doubling_months_high,source_url,note
pre-deep-learning,1952,2010,17.0,21.3,29.3,https://example.org/eras,
deep-learning,2010,2022,4.3,5.7,9.0,https://example.org/eras,
large-scale,2015-09,2022,7.7,9.9,17.1,https://example.org/eras,
";

/// The shared fixture plus the chart rows above (parsed, not validated: values need not be
/// real).
pub(super) fn dataset() -> Dataset {
    let models = format!(
        "{}\n{}{CHART_MODEL_ROWS}",
        MODEL_COLUMNS.join(","),
        fixture::MODEL_ROWS
    );
    let src = Sources {
        models: &models,
        organizations: fixture::ORGS,
        partnerships: "org_a,org_b,kind,note,source_url\n",
        benchmarks: CHART_BENCHMARKS,
        benchmark_info: CHART_BENCH_INFO,
        imagenet_challenge: CHART_CHALLENGE,
        compute_eras: CHART_ERAS,
        facts: "id,fact,value,unit,year,source_name,source_url,note\n",
    };
    match Dataset::parse(&src) {
        Ok(ds) => ds,
        Err(e) => panic!("chart fixture does not parse: {e}"),
    }
}

/// The chart with default options and no hidden series.
pub(super) fn default_figure(ds: &Rc<Dataset>, rows: &[usize], chart: ChartId) -> Figure {
    figure(ds, rows, chart, &full_history(), &[])
}

pub(super) fn all_rows(ds: &Dataset) -> Vec<usize> {
    (0..ds.models.len()).collect()
}

pub(super) fn row_of(ds: &Dataset, id: &str) -> usize {
    ds.models
        .iter()
        .position(|m| m.id == id)
        .unwrap_or_else(|| panic!("no model {id}"))
}

pub(super) fn svg_of(fig: &Figure, w: u32, h: u32) -> String {
    match export::svg(fig, None, w, h) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

pub(super) fn draw_geometry(fig: &Figure, w: u32, h: u32, style: &Style) -> Geometry {
    let mut out = String::new();
    let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
    match draw(&root, fig, None, style) {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    }
}

/// Compares `actual` with the committed snapshot `src/chart/snapshots/<name>.svg`;
/// `UPDATE_SNAPSHOTS=1` rewrites it instead.
pub(super) fn check_snapshot(name: &str, actual: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/chart/snapshots");
    let path = dir.join(format!("{name}.svg"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0") {
        std::fs::create_dir_all(&dir).expect("snapshot directory");
        std::fs::write(&path, actual).expect("snapshot written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}: run `UPDATE_SNAPSHOTS=1 cargo test --lib chart` and review it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        let got = std::env::temp_dir().join(format!("model-atlas-{name}.svg"));
        let _ = std::fs::write(&got, actual);
        panic!(
            "snapshot {name} differs from line {} on:\n  expected: {}\n  actual:   {}\nthe new drawing is in {}; if the change is intended, rerun with UPDATE_SNAPSHOTS=1",
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>"),
            got.display()
        );
    }
}

/// The options these tests draw with: the default ones over every year (most tests are about
/// all the fixture's models; the default time window has its own snapshots).
fn full_history() -> ChartOptions {
    ChartOptions {
        time: TimeWindow::Full,
        ..ChartOptions::default()
    }
}

#[test]
fn every_chart_matches_its_svg_snapshot() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    for chart in ChartId::ALL {
        let fig = figure(&ds, &rows, chart, &full_history(), &[]);
        let svg = svg_of(&fig, 560, 380);
        assert!(svg.contains(chart.title()), "{} has its title", chart.id());
        assert!(!svg.contains("NaN"), "{} has no NaN", chart.id());
        check_snapshot(chart.id(), &svg);
    }
}

#[test]
fn option_variants_match_their_snapshots() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let variants: [(&str, ChartId, ChartOptions, Vec<String>); 6] = [
        // The default window: the deep-learning era, from 2010.
        (
            "compute-over-time-default-window",
            ChartId::ComputeOverTime,
            ChartOptions::default(),
            Vec::new(),
        ),
        (
            "models-by-country-default-window",
            ChartId::ModelsByCountry,
            ChartOptions::default(),
            Vec::new(),
        ),
        (
            "parameters-over-time-linear-labels-no-outliers",
            ChartId::ParametersOverTime,
            ChartOptions {
                y_log: Some(false),
                labels: true,
                hide_outliers: true,
                color: Some(ColorBy::Country),
                ..full_history()
            },
            Vec::new(),
        ),
        (
            "lambada-vs-parameters",
            ChartId::Lambada,
            ChartOptions {
                versus_parameters: true,
                ..full_history()
            },
            Vec::new(),
        ),
        (
            "lambada-few-shot",
            ChartId::Lambada,
            ChartOptions {
                setting: Some("few-shot".to_owned()),
                ..full_history()
            },
            Vec::new(),
        ),
        (
            "models-by-country-hidden-us",
            ChartId::ModelsByCountry,
            full_history(),
            vec!["United States".to_owned()],
        ),
    ];
    for (name, chart, options, hidden) in variants {
        let fig = figure(&ds, &rows, chart, &options, &hidden);
        let svg = svg_of(&fig, 560, 380);
        assert!(!svg.contains("NaN"), "{name} has no NaN");
        check_snapshot(name, &svg);
    }
}

#[test]
fn snapshot_check_fails_on_a_changed_drawing() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let fig = default_figure(&ds, &rows, ChartId::ParametersOverTime);
    let changed = svg_of(&fig, 560, 380).replace("Model size", "Model sizes");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        return;
    }
    let failed = std::panic::catch_unwind(|| check_snapshot("parameters-over-time", &changed));
    assert!(failed.is_err(), "a changed drawing must fail the snapshot");
}

#[test]
fn the_fit_recovers_a_known_doubling_time_from_noisy_data() {
    // 6-month doubling: log10 grows by 2·log10(2) per year. Deterministic noise of ±0.3
    // decades from a linear congruential generator.
    let slope = 2.0 * 2f64.log10();
    let mut state: u64 = 12345;
    let mut noise = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as f64 / (1u64 << 31) as f64 - 0.5) * 0.6
    };
    let pts: Vec<(f64, f64)> = (0..400)
        .map(|i| {
            let x = 2010.0 + f64::from(i) * 12.0 / 400.0;
            (x, 17.0 + slope * (x - 2010.0) + noise())
        })
        .collect();
    let f = fit::least_squares(&pts).expect("fits");
    let d = f.doubling_months().expect("grows");
    assert!((d - 6.0).abs() < 0.1, "doubling {d} months");
    let (lo, hi) = f.doubling_interval();
    let (lo, hi) = (lo.expect("lower"), hi.expect("upper"));
    assert!(
        lo < 6.0 && 6.0 < hi,
        "95% interval {lo}–{hi} holds the truth"
    );
    assert!(hi - lo < 0.5, "400 points give a tight interval: {lo}–{hi}");
    // Exact data: exact slope, zero-width interval.
    let exact: Vec<(f64, f64)> = (0..10)
        .map(|i| (2000.0 + f64::from(i), 3.0 + slope * f64::from(i)))
        .collect();
    let f = fit::least_squares(&exact).expect("fits");
    assert!((f.doubling_months().expect("grows") - 6.0).abs() < 1e-9);
    assert!(
        fit::least_squares(&exact[..2]).is_none(),
        "two points are too few"
    );
    assert!(fit::least_squares(&[(1.0, 1.0), (1.0, 2.0), (1.0, 3.0)]).is_none());
}

#[test]
fn t_quantiles_match_tables_and_join_smoothly() {
    assert_eq!(fit::t_975(1), 12.706);
    assert_eq!(fit::t_975(30), 2.042);
    assert!((fit::t_975(31) - 2.0395).abs() < 1e-3);
    assert!((fit::t_975(60) - 2.0003).abs() < 1e-3);
    assert!((fit::t_975(1000) - 1.9623).abs() < 1e-3);
    assert!(fit::t_975(0).is_infinite());
}

#[test]
fn an_interval_reaching_zero_growth_has_no_upper_bound() {
    let pts = [(0.0, 0.0), (1.0, 1.0), (2.0, -1.0), (3.0, 1.2)];
    let f = fit::least_squares(&pts).expect("fits");
    let (_, hi) = f.doubling_interval();
    assert_eq!(hi, None);
}

#[test]
fn compute_chart_fits_the_eras_and_the_published_methods_beside_the_published_figures() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let fig = default_figure(&ds, &rows, ChartId::ComputeOverTime);
    let terms: Vec<&str> = fig.notes.iter().map(|n| n.term.as_str()).collect();
    assert_eq!(
        terms,
        [
            "Before 2010",
            "Regular-scale, 2010 onward",
            // The fixture has no large-scale model: a trend with no point says nothing.
            "Frontier (running top 10), from 2018",
            "Large-scale method",
            "Frontier method"
        ]
    );
    // Recompute the pre-2010 fit independently from the plotted marks.
    let pts: Vec<(f64, f64)> = fig.marks.iter().map(|m| (m.x, m.y.log10())).collect();
    let before: Vec<(f64, f64)> = pts.iter().copied().filter(|p| p.0 < 2010.0).collect();
    assert_eq!(before.len(), 3);
    let d = fit::least_squares(&before)
        .and_then(|f| f.doubling_months())
        .expect("pre-2010 trend");
    let note = fig.notes.first().expect("note");
    assert!(note.text.contains(&format!("{d:.1} months")), "{note}");
    assert!(
        note.text.contains("published 21.3 months (17.0–29.3)"),
        "{note}"
    );
    // The ringed models are exactly trend.rs's large-scale ones from September 2015.
    let flags = trend::large_scale_rows(&pts);
    for (m, flag) in fig.marks.iter().zip(&flags) {
        assert_eq!(
            m.emphasis,
            *flag && m.x >= LARGE_SCALE_FROM,
            "{}",
            fig.label(m)
        );
    }
    // The methods are stated, as text only.
    let method = fig.notes.get(3).expect("method");
    assert_eq!(method.text, trend::large_scale_method());
    assert!(!method.on_canvas);
    assert_eq!(
        fig.notes.get(4).map(|n| n.text.clone()),
        Some(trend::frontier_method())
    );
    // One line per trend that could be fitted.
    let fitted = fig
        .notes
        .iter()
        .filter(|n| n.text.contains("doubles every") || n.text.starts_with("grows"))
        .count();
    assert_eq!(fig.lines.len(), fitted);
}

#[test]
fn outliers_follow_the_documented_rule_and_can_be_hidden() {
    let mut ds = dataset();
    // A language giant 1.5 decades above... itself is never an outlier: add a vision model
    // 100× above 2021's largest language model (m-big, 1.6e12).
    if let Some(m) = ds.models.iter_mut().find(|m| m.id == "m-vis") {
        m.date = crate::data::Date::new(2021, 7, 1);
        m.num_mut(Num::Parameters).value = Some(1.6e14);
    }
    let ds = Rc::new(ds);
    let rows = all_rows(&ds);
    let o = ParameterOutliers::new(&ds);
    let flagged: Vec<&str> = ds
        .models
        .iter()
        .filter(|m| o.reason(m).is_some())
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(flagged, ["m-vis", "rec-12t"]);
    let shown = default_figure(&ds, &rows, ChartId::ParametersOverTime);
    let hidden = figure(
        &ds,
        &rows,
        ChartId::ParametersOverTime,
        &ChartOptions {
            hide_outliers: true,
            ..full_history()
        },
        &[],
    );
    assert_eq!(shown.marks.len(), hidden.marks.len() + 2);
    assert!(hidden.marks.iter().all(|m| !m.emphasis));
    assert!(
        hidden.subtitle.contains("2 outliers hidden"),
        "{}",
        hidden.subtitle
    );
    assert_eq!(shown.marks.iter().filter(|m| m.emphasis).count(), 2);
    // A time chart's tips and table rows are made when needed, from the marks' models.
    let options = full_history();
    let rows_of = table(&ds, &shown, &options);
    assert_eq!(rows_of.rows.len(), shown.marks.len());
    assert_eq!(rows_of.columns.last().map(String::as_str), Some("Outlier"));
    for (mark, (id, cells)) in shown.marks.iter().zip(&rows_of.rows) {
        assert_eq!(id.as_deref(), shown.model_id(mark));
        assert_eq!(cells.len(), rows_of.columns.len());
        let flag = cells.last().map(|c| c.text.as_str());
        assert_eq!(flag, Some(if mark.emphasis { "yes" } else { "" }));
        let lines = tip_lines(&ds, &shown, &options, mark);
        assert_eq!(
            lines.first().map(String::as_str),
            Some(shown.label(mark)),
            "the heading is the model"
        );
        assert!(lines.iter().any(|l| l.starts_with("Published ")));
        assert_eq!(
            lines.iter().any(|l| l.starts_with("Outlier: ")),
            mark.emphasis,
            "an outlier's tip says why: {lines:?}"
        );
    }
    let vis = shown
        .marks
        .iter()
        .find(|m| shown.model_id(m) == Some("m-vis"))
        .expect("m-vis plotted");
    let lines = tip_lines(&ds, &shown, &options, vis);
    assert_eq!(lines.get(1).map(String::as_str), Some("160T (reported)"));
}

#[test]
fn log_axes_leave_out_non_positive_values_and_never_produce_nan() {
    let mut ds = dataset();
    for (id, v) in [("m-small", 0.0), ("m-mid", -5.0)] {
        if let Some(m) = ds.models.iter_mut().find(|m| m.id == id) {
            m.num_mut(Num::Parameters).value = Some(v);
        }
    }
    let ds = Rc::new(ds);
    let rows = all_rows(&ds);
    let known = ds
        .models
        .iter()
        .filter(|m| m.num(Num::Parameters).value.is_some())
        .count();
    let fig = default_figure(&ds, &rows, ChartId::ParametersOverTime);
    assert_eq!(fig.marks.len(), known - 2);
    assert!(fig.marks.iter().all(|m| m.y > 0.0));
    assert!(
        fig.subtitle
            .contains("2 models with a value that is not positive"),
        "{}",
        fig.subtitle
    );
    assert_eq!(fig.left_out, ds.models.len() - known + 2);
    let svg = svg_of(&fig, 500, 320);
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    // On a linear axis the same values are plotted.
    let lin = figure(
        &ds,
        &rows,
        ChartId::ParametersOverTime,
        &ChartOptions {
            y_log: Some(false),
            ..full_history()
        },
        &[],
    );
    assert_eq!(lin.marks.len(), known);
    assert!(!svg_of(&lin, 500, 320).contains("NaN"));
    // The scale itself refuses them.
    let s = Scale::new(1.0, 1e3, true, 0.0, 100.0);
    assert_eq!(s.to_px(0.0), None);
    assert_eq!(s.to_px(-1.0), None);
    assert_eq!(s.to_px(f64::NAN), None);
    assert_eq!(s.to_px(10.0).map(f64::round), Some(33.0));
    let bad = Scale::new(-1.0, 0.0, true, 0.0, 100.0);
    assert!(ticks(&bad, TickFormat::Count, 5)
        .iter()
        .all(|t| t.value.is_finite() && t.value > 0.0));
}

#[test]
fn leaderboards_sort_by_direction_and_follow_the_rows() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let fid = default_figure(&ds, &rows, ChartId::CocoFid);
    assert_eq!(fid.kind, Kind::Bars);
    let values: Vec<f64> = fid.marks.iter().map(|m| m.x).collect();
    let mut sorted = values.clone();
    sorted.sort_by(f64::total_cmp);
    assert_eq!(values, sorted, "lower FID first");
    assert!(fid.subtitle.contains("lower is better"), "{}", fid.subtitle);
    assert!(fid.x.title.contains("lower is better"));
    let lambada = default_figure(&ds, &rows, ChartId::Lambada);
    assert_eq!(
        lambada.setting.as_deref(),
        Some("zero-shot"),
        "most common setting"
    );
    let values: Vec<f64> = lambada.marks.iter().map(|m| m.x).collect();
    assert!(
        values.windows(2).all(|w| w[0] >= w[1]),
        "higher first: {values:?}"
    );
    // A result counts only when its model is in the rows.
    let without_big: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&r| r != row_of(&ds, "m-big"))
        .collect();
    let fewer = figure(&ds, &without_big, ChartId::Lambada, &full_history(), &[]);
    assert_eq!(fewer.marks.len(), lambada.marks.len() - 1);
    assert!(fewer
        .marks
        .iter()
        .all(|m| fewer.model_id(m) != Some("m-big")));
    // An unknown setting falls back to the default.
    let odd = figure(
        &ds,
        &rows,
        ChartId::Lambada,
        &ChartOptions {
            setting: Some("nine-shot".to_owned()),
            ..full_history()
        },
        &[],
    );
    assert_eq!(odd.setting.as_deref(), Some("zero-shot"));
    assert_eq!(
        benchmark_settings(&ds, ChartId::Lambada),
        [("zero-shot".to_owned(), 3), ("few-shot".to_owned(), 1)]
    );
    // Against parameters: models without a parameter count are left out and counted.
    let vs = figure(
        &ds,
        &rows,
        ChartId::CocoFid,
        &ChartOptions {
            versus_parameters: true,
            ..full_history()
        },
        &[],
    );
    assert_eq!(vs.kind, Kind::Scatter);
    assert_eq!(vs.left_out, 1, "m-unk has no parameter count");
    assert_eq!(vs.marks.len(), 2);
    assert!(vs.x.log && !vs.y.log);
}

#[test]
fn tokens_chart_flags_under_trained_language_models() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let fig = default_figure(&ds, &rows, ChartId::TokensVsParameters);
    for m in &fig.marks {
        assert_eq!(m.emphasis, is_under_trained(m.x, m.y), "{}", fig.label(m));
        assert_eq!(m.emphasis, m.y / m.x < UNDER_TRAINED_RATIO);
    }
    let under: Vec<&str> = fig
        .marks
        .iter()
        .filter(|m| m.emphasis)
        .filter_map(|m| fig.model_id(m))
        .collect();
    assert_eq!(under, ["m-mid"], "175B parameters on 300B tokens");
    assert!(fig.marks.iter().all(|m| {
        fig.model(m)
            .is_some_and(|x| x.text(Text::Domain) == "language")
    }));
    let line = fig.lines.first().expect("the compute-optimal line");
    assert!(line
        .points
        .iter()
        .all(|(x, y)| (y / x - CHINCHILLA_TOKENS_PER_PARAMETER).abs() < 1e-9));
    // Tips and table rows are made when needed, from each point's model.
    let options = full_history();
    let t = table(&ds, &fig, &options);
    assert_eq!(t.rows.len(), fig.marks.len());
    assert_eq!(
        t.columns.get(4..).map(<[String]>::to_vec),
        Some(
            [
                "Parameters",
                "Training tokens",
                "Tokens per parameter",
                "Under-trained"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    for (m, (id, cells)) in fig.marks.iter().zip(&t.rows) {
        assert_eq!(id.as_deref(), fig.model_id(m));
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts.len(), t.columns.len());
        assert_eq!(texts.last(), Some(&if m.emphasis { "yes" } else { "" }));
        let tip = tip_lines(&ds, &fig, &options, m);
        assert!(tip
            .first()
            .is_some_and(|h| fig.label(m).starts_with(h.as_str())));
        assert!(tip.iter().any(|l| l.starts_with("Parameters: ")));
        assert!(tip.iter().any(|l| l.ends_with(" tokens per parameter")));
        assert_eq!(
            tip.iter().any(|l| l.starts_with("Under-trained")),
            m.emphasis
        );
    }
    let mid = fig.marks.iter().find(|m| m.emphasis).expect("m-mid");
    let mid_row = t
        .rows
        .iter()
        .find(|(id, _)| id.as_deref() == fig.model_id(mid))
        .expect("m-mid's row");
    assert_eq!(
        mid_row.1.get(6).map(|c| c.raw.as_str()),
        Some("1.7142857142857142"),
        "300B tokens / 175B parameters, in full in the CSV"
    );
}

#[test]
fn counts_stack_to_the_number_of_models_and_hidden_series_drop_out() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let fig = default_figure(&ds, &rows, ChartId::ModelsByCountry);
    let total: f64 = fig.marks.iter().map(|m| m.y - m.base).sum();
    assert_eq!(total, rows.len() as f64);
    let us = ds
        .models
        .iter()
        .filter(|m| ds.country(m) == "United States")
        .count();
    let hidden = figure(
        &ds,
        &rows,
        ChartId::ModelsByCountry,
        &full_history(),
        &["United States".to_owned()],
    );
    let total_hidden: f64 = hidden.marks.iter().map(|m| m.y - m.base).sum();
    assert_eq!(total_hidden, (rows.len() - us) as f64);
    assert!(hidden
        .series
        .iter()
        .any(|s| s.name == "United States" && s.hidden));
    // Stacks start at zero and touch.
    for cat in 0..fig.categories.len() {
        let mut segs: Vec<&Mark> = fig.marks.iter().filter(|m| m.x == cat as f64).collect();
        segs.sort_by(|a, b| a.base.total_cmp(&b.base));
        if let Some(first) = segs.first() {
            assert_eq!(first.base, 0.0);
        }
        assert!(segs.windows(2).all(|w| w[0].y == w[1].base));
    }
}

#[test]
fn hidden_series_stay_in_the_legend_but_leave_the_plot_and_the_table() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let all = default_figure(&ds, &rows, ChartId::ParametersOverTime);
    let lang = all
        .series
        .iter()
        .find(|s| s.name == "language")
        .expect("language series")
        .count;
    let fig = figure(
        &ds,
        &rows,
        ChartId::ParametersOverTime,
        &full_history(),
        &["language".to_owned()],
    );
    assert_eq!(fig.marks.len(), all.marks.len() - lang);
    assert_eq!(
        table(&ds, &fig, &full_history()).rows.len(),
        fig.marks.len()
    );
    assert_eq!(fig.series.len(), all.series.len());
    let geo = draw_geometry(&fig, 600, 400, &Style::svg());
    assert_eq!(
        geo.legend.len(),
        fig.series.len(),
        "every series has a legend entry"
    );
    assert_eq!(geo.hits.len(), fig.marks.len());
}

#[test]
fn imagenet_challenge_marks_deep_learning_and_draws_the_human_baseline() {
    let ds = Rc::new(dataset());
    let fig = figure(&ds, &[], ChartId::ImagenetChallenge, &full_history(), &[]);
    assert_eq!(fig.categories, ["2010", "2011", "2012", "2014", "2015"]);
    let dl: Vec<bool> = fig.marks.iter().map(|m| m.series == 0).collect();
    assert_eq!(dl, [false, false, true, true, true]);
    assert_eq!(
        fig.series.first().map(|s| s.name.as_str()),
        Some("Deep learning")
    );
    let human = fig.lines.first().expect("human baseline");
    assert!(human.points.iter().all(|p| p.1 == 5.1));
    assert!(fig.marks.iter().any(|m| fig.label(m) == "AlexNet"));
}

#[test]
fn csv_lists_the_plotted_points_with_full_precision() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let fig = default_figure(&ds, &rows, ChartId::ParametersOverTime);
    let text = export::csv(&table(&ds, &fig, &full_history()));
    let body = text
        .strip_prefix(crate::export::BOM)
        .expect("starts with the BOM");
    let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header.get(..2),
        Some(&["model_id".to_owned(), "Model".to_owned()][..])
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), fig.marks.len());
    assert!(rows.iter().any(|r| r.get(..7)
        == Some(
            &[
                "m-big",
                "Big",
                "Beta Corp, Alpha Lab",
                "2021-06-01",
                "language",
                "1600000000000",
                "reported"
            ]
            .map(str::to_owned)[..]
        )));
    // Numbers are written bare, text quoted.
    assert!(text.contains("\"language\",1600000000000,\"reported\""));
    // Every id in the CSV is a plotted mark.
    for r in &rows {
        let id = r.first().map_or("", String::as_str);
        assert!(
            fig.marks.iter().any(|m| fig.model_id(m) == Some(id)),
            "{id}"
        );
    }
}

#[test]
fn svg_export_is_a_standalone_document_with_the_title() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let fig = default_figure(&ds, &rows, ChartId::TokensVsParameters);
    let svg = svg_of(&fig, 640, 400);
    assert!(svg.starts_with("<svg ") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(&fig.title));
    assert!(svg.contains("Source: the Model Atlas dataset"));
}

#[test]
fn hit_testing_finds_each_point_and_zoom_keeps_the_cursor_fixed() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let fig = default_figure(&ds, &rows, ChartId::ParametersOverTime);
    let geo = draw_geometry(&fig, 700, 450, &Style::svg());
    assert_eq!(geo.hits.len(), fig.marks.len());
    for h in &geo.hits {
        assert_eq!(geo.mark_at(h.center, 6.0), Some(h.mark));
        let m = fig.marks.get(h.mark).expect("mark");
        // The pixel position maps back to the data value.
        assert!((geo.x.from_px(h.center.0) - m.x).abs() < 0.1);
        assert!((geo.y.from_px(h.center.1).log10() - m.y.log10()).abs() < 0.05);
    }
    assert_eq!(geo.mark_at((-50.0, -50.0), 6.0), None);
    // Zoom in by half around a point: that point stays under the cursor.
    let h = geo.hits.get(2).expect("a point");
    let v = geo.zoomed(h.center, 0.5).expect("zooms");
    let zoomed = Scale::new(v.x.0, v.x.1, false, geo.plot.x0, geo.plot.x1);
    assert!((zoomed.to_px(geo.x.from_px(h.center.0)).expect("px") - h.center.0).abs() < 1e-6);
    assert!(((v.x.1 - v.x.0) - (geo.x.hi - geo.x.lo) / 2.0).abs() < 1e-9);
    assert!(
        ((v.y.1.log10() - v.y.0.log10()) - (geo.y.hi.log10() - geo.y.lo.log10()) / 2.0).abs()
            < 1e-9
    );
    // A box zoom shows exactly the box; a tiny box is ignored.
    let p0 = (geo.plot.x0 + 50.0, geo.plot.y0 + 40.0);
    let p1 = (geo.plot.x0 + 250.0, geo.plot.y0 + 160.0);
    let b = geo.box_zoom(p0, p1).expect("box");
    assert!((b.x.0 - geo.x.from_px(p0.0)).abs() < 1e-9);
    assert!((b.y.1 - geo.y.from_px(p0.1)).abs() / b.y.1 < 1e-9);
    assert_eq!(geo.box_zoom(p0, (p0.0 + 3.0, p0.1 + 3.0)), None);
    // Drawing with the viewport keeps only the points inside it.
    let mut out = String::new();
    let root = SVGBackend::with_string(&mut out, (700, 450)).into_drawing_area();
    let zg = draw(&root, &fig, Some(&b), &Style::svg()).expect("draws");
    let inside = fig
        .marks
        .iter()
        .filter(|m| m.x >= b.x.0 && m.x <= b.x.1 && m.y >= b.y.0 && m.y <= b.y.1)
        .count();
    assert_eq!(zg.hits.len(), inside);
    // Bars do not zoom.
    let bars = default_figure(&ds, &rows, ChartId::Lambada);
    let bg = draw_geometry(&bars, 700, 450, &Style::svg());
    assert!(
        !bg.zoomable
            && bg
                .zoomed(bg.hits.first().expect("bar").center, 0.5)
                .is_none()
    );
}

#[test]
fn drawing_scales_with_the_device_pixel_ratio() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    for chart in [
        ChartId::ParametersOverTime,
        ChartId::Mmlu,
        ChartId::ModelsByCountry,
    ] {
        let fig = figure(&ds, &rows, chart, &full_history(), &[]);
        let one = draw_geometry(&fig, 600, 400, &Style::canvas(1.0));
        for dpr in [2.0, 3.0] {
            let big = draw_geometry(
                &fig,
                600 * dpr as u32,
                400 * dpr as u32,
                &Style::canvas(dpr),
            );
            assert_eq!(one.hits.len(), big.hits.len());
            for (a, b) in one.hits.iter().zip(&big.hits) {
                assert!(
                    (a.center.0 * dpr - b.center.0).abs() <= dpr + 1.0,
                    "{chart:?} x at {dpr}"
                );
                assert!(
                    (a.center.1 * dpr - b.center.1).abs() <= dpr + 1.0,
                    "{chart:?} y at {dpr}"
                );
            }
        }
    }
}

#[test]
fn tick_labels_are_thinned_so_they_never_overlap() {
    assert_eq!(
        thin_spans(&[(0.0, 10.0), (20.0, 30.0), (40.0, 50.0)], 5.0),
        [true, true, true]
    );
    assert_eq!(
        thin_spans(&[(0.0, 10.0), (8.0, 18.0), (16.0, 26.0), (24.0, 34.0)], 2.0),
        [true, false, true, false]
    );
    // A narrow chart over 40 years labels few of them.
    let s = Scale::new(1985.0, 2025.0, false, 0.0, 120.0);
    let t = ticks(&s, TickFormat::Year, 3);
    assert!(t.len() <= 5, "{t:?}");
    // Log ticks over many decades label every k-th one.
    let s = Scale::new(1e3, 1e15, true, 0.0, 100.0);
    let t = ticks(&s, TickFormat::Count, 4);
    let labelled = t.iter().filter(|t| !t.label.is_empty()).count();
    assert!((2..=4).contains(&labelled), "{t:?}");
    assert_eq!(t.len(), 13, "a grid line at every decade");
}

#[test]
fn every_chart_draws_the_embedded_dataset_without_error() {
    let Ok(ds) = Dataset::embedded().map(Rc::new) else {
        panic!("embedded dataset");
    };
    let rows = all_rows(&ds);
    for chart in ChartId::ALL {
        for versus in [false, true] {
            let options = ChartOptions {
                versus_parameters: versus,
                labels: true,
                ..full_history()
            };
            let fig = figure(&ds, &rows, chart, &options, &[]);
            assert!(!fig.marks.is_empty(), "{} has marks", chart.id());
            let svg = svg_of(&fig, 900, 600);
            assert!(!svg.contains("NaN"), "{}", chart.id());
            let compact = {
                let mut out = String::new();
                let root = SVGBackend::with_string(&mut out, (320, 200)).into_drawing_area();
                draw(&root, &fig, None, &Style::svg().with_compact(true)).map(|g| g.hits.len())
            };
            assert!(compact.is_ok(), "{} compact", chart.id());
        }
    }
    // The real data: DLRM 12T is the parameter outlier, and the 2010-onward compute trend
    // doubles in about six months.
    let o = ParameterOutliers::new(&ds);
    assert!(ds
        .models
        .iter()
        .any(|m| m.id == "dlrm-12t" && o.reason(m).is_some()));
    let fig = default_figure(&ds, &rows, ChartId::ComputeOverTime);
    let note = fig.notes.get(1).expect("2010 onward");
    assert!(note.text.starts_with("doubles every"), "{note}");
}

/// Many marks on the same spot: above the decimation threshold one circle per series and
/// style is drawn there, below it every mark is; every mark stays hit-testable either way.
#[test]
fn very_many_marks_are_decimated_but_all_stay_hit_testable() {
    let ds = Rc::new(dataset());
    let base = default_figure(&ds, &all_rows(&ds), ChartId::ParametersOverTime);
    let Some(one) = base.marks.iter().find(|m| !m.emphasis).cloned() else {
        panic!("a mark");
    };
    let circles_for = |n: usize| {
        let mut fig = base.clone();
        fig.marks = vec![one.clone(); n];
        let svg = svg_of(&fig, 700, 450);
        let geo = draw_geometry(&fig, 700, 450, &Style::svg());
        assert_eq!(geo.hits.len(), n, "every mark can be hovered");
        svg.matches("<circle").count()
    };
    let few = circles_for(100);
    let many = circles_for(6000);
    assert!(
        few >= 100,
        "below the threshold every mark is drawn ({few} circles)"
    );
    assert!(
        many < few,
        "6000 marks on one spot draw fewer circles ({many}) than 100 ({few})"
    );
}

#[test]
fn the_default_window_opens_in_2010_and_the_partial_year_is_marked() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    let newest = ds.models.iter().filter_map(|m| m.date).max().unwrap();
    // Time charts: only the models from 2010 on, and the others counted in the subtitle.
    let fig = figure(
        &ds,
        &rows,
        ChartId::ComputeOverTime,
        &ChartOptions::default(),
        &[],
    );
    assert!(fig
        .marks
        .iter()
        .all(|m| m.x >= f64::from(DEEP_LEARNING_FROM)));
    assert!(
        fig.subtitle.contains("not shown (Full history shows"),
        "{}",
        fig.subtitle
    );
    let full = figure(&ds, &rows, ChartId::ComputeOverTime, &full_history(), &[]);
    assert!(full
        .marks
        .iter()
        .any(|m| m.x < f64::from(DEEP_LEARNING_FROM)));
    // Counts per year: categories from 2010; the newest year is labelled and drawn lighter.
    let counts = figure(
        &ds,
        &rows,
        ChartId::ModelsByCountry,
        &ChartOptions::default(),
        &[],
    );
    let first: i32 = counts.categories.first().unwrap().parse().unwrap();
    assert!(first >= DEEP_LEARNING_FROM, "{first}");
    let last = format!("{} (to date)", newest.year());
    assert_eq!(counts.categories.last(), Some(&last));
    let last_index = (counts.categories.len() - 1) as f64;
    assert!(counts
        .marks
        .iter()
        .all(|m| m.estimated == (m.x == last_index)));
    assert!(counts.subtitle.contains("is partial: the data runs to"));
}
