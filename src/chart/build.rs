//! Building each chart's [`Figure`] from the dataset, the table's rows and the chart options.
//!
//! The chart-specific rules live here, each in one documented place: parameter outliers
//! ([`ParameterOutliers`]), large-scale models ([`large_scale`]) and under-trained models
//! ([`is_under_trained`]).

use crate::data::{Num, Text};
use std::borrow::Cow;
use std::collections::BTreeMap;

use super::figure::{Axis, Cell, Figure, Kind, Line, Mark, Series, Table, TickFormat, Tip};
use super::fit::{self, Fit};
use super::{series_color, ChartId, ChartOptions, ColorBy, SOURCE_LINE};
use crate::data::{Confidence, Dataset, Model, Quantity};
use crate::fast_hash::{FastMap, FastSet};
use crate::format;

/// Chinchilla's compute-optimal ratio: about 20 training tokens per parameter (Hoffmann et
/// al. 2022).
pub const CHINCHILLA_TOKENS_PER_PARAMETER: f64 = 20.0;

/// A model is *under-trained* when it saw fewer than this many tokens per parameter: more
/// than ten times below the compute-optimal ratio.
pub const UNDER_TRAINED_RATIO: f64 = 2.0;

/// The large-scale era starts in September 2015 (Sevilla et al. 2022), as a decimal year.
pub const LARGE_SCALE_FROM: f64 = 2015.0 + 8.0 / 12.0;

/// How far above the 2010-onward compute trend a model must lie to count as large-scale, in
/// decades (10^0.5 ≈ 3.2×).
pub const LARGE_SCALE_MARGIN: f64 = 0.5;

/// Parameter outliers lie more than this many decades (10^1.5 ≈ 32×) above the largest
/// language model of their year.
const OUTLIER_DECADES: f64 = 1.5;

/// Colour groups beyond this many are merged into "Other".
const MAX_GROUPS: usize = 8;

/// The grey of "Other".
const OTHER_GREY: (u8, u8, u8) = (150, 150, 150);

/// The figure of `chart` for the table's `rows` (indices into `ds.models`), with the chart's
/// `options`; series named in `hidden` stay in the legend but are neither drawn, fitted,
/// stacked nor listed.
pub fn figure(
    ds: &Dataset,
    rows: &[usize],
    chart: ChartId,
    options: &ChartOptions,
    hidden: &[String],
) -> Figure {
    let c = Ctx {
        ds,
        rows,
        chart,
        options,
        hidden,
    };
    match chart {
        ChartId::ParametersOverTime => parameters_over_time(&c),
        ChartId::ComputeOverTime => compute_over_time(&c),
        ChartId::Lambada | ChartId::ImagenetTop1 | ChartId::CocoFid | ChartId::Mmlu => {
            leaderboard(&c)
        }
        ChartId::ImagenetChallenge => imagenet_challenge(&c),
        ChartId::TokensVsParameters => tokens_vs_parameters(&c),
        ChartId::ModelsByCountry | ChartId::ModelsByOrganization => counts_by_year(&c),
    }
}

struct Ctx<'a> {
    ds: &'a Dataset,
    rows: &'a [usize],
    chart: ChartId,
    options: &'a ChartOptions,
    hidden: &'a [String],
}

impl Ctx<'_> {
    fn models(&self) -> impl Iterator<Item = (usize, &Model)> {
        self.rows
            .iter()
            .filter_map(|&r| self.ds.models.get(r).map(|m| (r, m)))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", format::count(n), if n == 1 { one } else { many })
}

fn clip_text(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The value of `m` that `by` colours by ("unknown" when empty).
pub(crate) fn color_key<'a>(ds: &'a Dataset, m: &'a Model, by: ColorBy) -> &'a str {
    let k = match by {
        ColorBy::Domain => m.text(Text::Domain),
        ColorBy::OrgType => ds.org_type(m),
        ColorBy::Country => ds.country(m),
        ColorBy::Access => m.text(Text::Access),
    };
    if k.is_empty() {
        "unknown"
    } else {
        k
    }
}

/// Colour groups: the most common values first (counted over the whole dataset, so colours do
/// not change with the filters), at most [`MAX_GROUPS`], the rest in "Other".
struct Groups {
    series: Vec<Series>,
    index: FastMap<String, usize>,
    other: Option<usize>,
}

impl Groups {
    fn new<'a>(keys: impl Iterator<Item = &'a str>) -> Groups {
        let mut counts: FastMap<&str, usize> = FastMap::default();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
        let mut ordered: Vec<(&str, usize)> = counts.into_iter().collect();
        ordered.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let mut series = Vec::new();
        let mut index = FastMap::default();
        let overflow = ordered.len() > MAX_GROUPS + 1;
        let keep = if overflow { MAX_GROUPS } else { ordered.len() };
        for (i, (k, _)) in ordered.iter().take(keep).enumerate() {
            index.insert((*k).to_owned(), i);
            series.push(Series {
                name: (*k).to_owned(),
                color: series_color(i),
                hidden: false,
                count: 0,
            });
        }
        let other = overflow.then(|| {
            series.push(Series {
                name: "Other".to_owned(),
                color: OTHER_GREY,
                hidden: false,
                count: 0,
            });
            series.len() - 1
        });
        Groups {
            series,
            index,
            other,
        }
    }

    fn of(&self, key: &str) -> usize {
        self.index.get(key).copied().or(self.other).unwrap_or(0)
    }
}

/// Counts marks per series, drops series without marks (re-indexing the marks), flags the
/// hidden ones and removes their marks.
fn finish_series(series: &mut Vec<Series>, marks: &mut Vec<Mark>, hidden: &[String]) {
    for s in series.iter_mut() {
        s.count = 0;
    }
    for m in marks.iter() {
        if let Some(s) = series.get_mut(m.series) {
            s.count += 1;
        }
    }
    let mut remap = vec![None; series.len()];
    let mut kept = Vec::new();
    for (i, s) in series.drain(..).enumerate() {
        if s.count > 0 {
            if let Some(slot) = remap.get_mut(i) {
                *slot = Some(kept.len());
            }
            kept.push(s);
        }
    }
    *series = kept;
    for s in series.iter_mut() {
        s.hidden = hidden.contains(&s.name);
    }
    marks.retain_mut(|m| match remap.get(m.series).copied().flatten() {
        Some(i) => {
            m.series = i;
            series.get(i).is_some_and(|s| !s.hidden)
        }
        None => false,
    });
}

fn quantity_text(q: &Quantity, v: f64, fmt: fn(f64) -> String) -> String {
    match q.confidence {
        Confidence::Estimated if q.note.is_empty() => format!("≈ {} (estimated)", fmt(v)),
        Confidence::Estimated => format!("≈ {} (estimated: {})", fmt(v), clip_text(&q.note, 90)),
        _ => format!("{} ({})", fmt(v), q.confidence.as_str()),
    }
}

fn flop_text(v: f64) -> String {
    format::flop(v)
}

/// Tooltip lines common to every model point; `orgs` is its organizations' names.
fn model_tip(ds: &Dataset, m: &Model, by: ColorBy, orgs: &str) -> Vec<String> {
    let mut tip = vec![m.name.clone()];
    if !orgs.is_empty() {
        tip.push(orgs.to_owned());
    }
    tip.push(format!("Published {}", m.date));
    if by != ColorBy::Domain {
        tip.push(format!("{}: {}", by.label(), color_key(ds, m, by)));
    } else {
        tip.push(format!("Domain: {}", m.text(Text::Domain)));
    }
    tip
}

fn model_cells(ds: &Dataset, m: &Model, by: ColorBy, orgs: String) -> Vec<Cell> {
    vec![
        Cell::text(m.name.clone()),
        Cell::text(orgs),
        Cell::text(m.date.to_string()),
        Cell::text(color_key(ds, m, by)),
    ]
}

fn quantity_cells(q: &Quantity, v: f64, fmt: fn(f64) -> String) -> [Cell; 2] {
    [Cell::number(v, fmt(v)), Cell::text(q.confidence.as_str())]
}

fn model_columns(by: ColorBy) -> Vec<String> {
    vec![
        "Model".to_owned(),
        "Organizations".to_owned(),
        "Date".to_owned(),
        by.label().to_owned(),
    ]
}

/// Sorts marks left to right (then bottom to top), the keyboard order of a scatter chart.
fn sort_marks(marks: &mut [Mark]) {
    marks.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
}

/// Vertices of `f(x)` for `x` from `x0` to `x1`, evenly spaced in the axis's own space, so the
/// line follows its curve on either scale.
fn sampled(x0: f64, x1: f64, x_log: bool, f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    const N: usize = 32;
    (0..=N)
        .map(|i| {
            let t = i as f64 / N as f64;
            let x = if x_log && x0 > 0.0 && x1 > 0.0 {
                10f64.powf(x0.log10() + t * (x1.log10() - x0.log10()))
            } else {
                x0 + t * (x1 - x0)
            };
            (x, f(x))
        })
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect()
}

/// What happened to the rows of a scatter chart.
#[derive(Default)]
struct Tally {
    missing: usize,
    non_positive: usize,
}

impl Tally {
    fn left_out(&self) -> usize {
        self.missing + self.non_positive
    }

    fn describe(&self, what: &str) -> String {
        let mut parts = Vec::new();
        if self.missing > 0 {
            parts.push(format!(
                "{} without {what} not shown",
                plural(self.missing, "model", "models")
            ));
        }
        if self.non_positive > 0 {
            parts.push(format!(
                "{} with a value that is not positive left off the log axis",
                plural(self.non_positive, "model", "models")
            ));
        }
        parts.join("; ")
    }
}

/// "hollow: estimated" when some marks are estimates.
fn estimates_note(marks: &[Mark]) -> String {
    if marks.iter().any(|m| m.estimated) {
        "hollow marks are estimates".to_owned()
    } else {
        String::new()
    }
}

fn join_subtitle(parts: Vec<String>) -> String {
    parts
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Which models the parameters chart treats as outliers (the seed's chart leaves them out).
///
/// The rule: a model is an outlier when it is a **recommendation model** (its parameters are
/// mostly embedding tables, not comparable with dense networks: Facebook's DLRM 12T) or when
/// its parameter count is **more than 1.5 decades (≈ 32×) above the largest language model
/// published in the same calendar year**. Both parts are computed over the whole dataset, so
/// the flag does not change with the table's filters.
pub struct ParameterOutliers {
    largest_language: FastMap<i32, f64>,
}

impl ParameterOutliers {
    /// Finds the largest language model of each year.
    pub fn new(ds: &Dataset) -> ParameterOutliers {
        let mut largest_language: FastMap<i32, f64> = FastMap::default();
        for m in ds
            .models
            .iter()
            .filter(|m| m.text(Text::Domain) == "language")
        {
            if let Some(v) = m.num(Num::Parameters).value.filter(|v| v.is_finite()) {
                let e = largest_language.entry(m.date.year()).or_insert(v);
                *e = e.max(v);
            }
        }
        ParameterOutliers { largest_language }
    }

    /// Why `m` is an outlier, or `None` when it is not.
    pub fn reason(&self, m: &Model) -> Option<String> {
        let v = m.num(Num::Parameters).value?;
        if m.text(Text::Domain) == "recommendation" {
            return Some(
                "Outlier: a recommendation model, whose parameters are mostly embedding tables"
                    .to_owned(),
            );
        }
        let largest = *self.largest_language.get(&m.date.year())?;
        (largest > 0.0 && v > largest * 10f64.powf(OUTLIER_DECADES)).then(|| {
            format!(
                "Outlier: {:.0}× the largest language model of {}",
                v / largest,
                m.date.year()
            )
        })
    }
}

struct ScatterSpec {
    y_title: String,
    y_format: TickFormat,
    value: fn(&Model) -> &Quantity,
    fmt: fn(f64) -> String,
    value_column: &'static str,
}

/// The two time charts' specs: parameters (`true`) or training compute.
fn scatter_spec(parameters: bool) -> ScatterSpec {
    if parameters {
        ScatterSpec {
            y_title: "Parameters".to_owned(),
            y_format: TickFormat::Count,
            value: |m| &m.num(Num::Parameters),
            fmt: format::short_count,
            value_column: "Parameters",
        }
    } else {
        ScatterSpec {
            y_title: "Training compute (FLOP)".to_owned(),
            y_format: TickFormat::Flop,
            value: |m| &m.num(Num::TrainingCompute),
            fmt: flop_text,
            value_column: "Training compute (FLOP)",
        }
    }
}

/// The charts with one point per model (up to 100 000 of them), whose tooltips and table rows
/// are made when needed ([`tip_lines`], [`table`]) rather than with the figure.
#[derive(Clone, Copy)]
enum ModelPoints {
    /// A time chart: the value of its spec against the publication date.
    Time(bool),
    /// Training tokens against parameters.
    TokensVsParameters,
}

impl ModelPoints {
    fn of(chart: ChartId) -> Option<ModelPoints> {
        match chart {
            ChartId::ParametersOverTime => Some(ModelPoints::Time(true)),
            ChartId::ComputeOverTime => Some(ModelPoints::Time(false)),
            ChartId::TokensVsParameters => Some(ModelPoints::TokensVsParameters),
            _ => None,
        }
    }

    /// The lines of model `m`'s point at `mark`, before the mark's `extra` lines.
    fn tip(self, ds: &Dataset, m: &Model, by: ColorBy, mark: &Mark) -> Vec<String> {
        let orgs = ds.organization_names(m);
        let mut tip = model_tip(ds, m, by, &orgs);
        match self {
            ModelPoints::Time(parameters) => {
                let spec = scatter_spec(parameters);
                tip.insert(1, quantity_text((spec.value)(m), mark.y, spec.fmt));
            }
            ModelPoints::TokensVsParameters => {
                let (p, t) = (mark.x, mark.y);
                let mut lines = vec![
                    format!(
                        "Parameters: {}",
                        quantity_text(&m.num(Num::Parameters), p, format::short_count)
                    ),
                    format!(
                        "Training tokens: {}",
                        quantity_text(&m.num(Num::TrainingTokens), t, format::short_count)
                    ),
                ];
                let ratio = tokens_per_parameter(p, t);
                if ratio.is_finite() {
                    lines.push(format!("{} tokens per parameter", format::plain(ratio, 3)));
                }
                tip.splice(1..1, lines);
            }
        }
        tip
    }

    /// Model `m`'s table cells for its point at `mark`, after the model's own.
    fn cells(self, m: &Model, mark: &Mark) -> Vec<Cell> {
        match self {
            ModelPoints::Time(parameters) => {
                let spec = scatter_spec(parameters);
                quantity_cells((spec.value)(m), mark.y, spec.fmt).to_vec()
            }
            ModelPoints::TokensVsParameters => {
                let (p, t) = (mark.x, mark.y);
                let ratio = tokens_per_parameter(p, t);
                vec![
                    Cell::number(p, format::short_count(p)),
                    Cell::number(t, format::short_count(t)),
                    if ratio.is_finite() {
                        Cell::number(ratio, format::plain(ratio, 3))
                    } else {
                        Cell::text("")
                    },
                ]
            }
        }
    }
}

/// Training tokens per parameter (NaN without parameters).
fn tokens_per_parameter(p: f64, t: f64) -> f64 {
    if p > 0.0 {
        t / p
    } else {
        f64::NAN
    }
}

/// The tooltip lines of `mark` (a mark of `fig`, built from `ds` with `options`).
pub fn tip_lines(ds: &Dataset, fig: &Figure, options: &ChartOptions, mark: &Mark) -> Vec<String> {
    match &mark.tip {
        Tip::Lines(lines) => lines.clone(),
        Tip::Model { row, extra } => {
            let (Some(m), Some(points)) = (ds.models.get(*row), ModelPoints::of(fig.chart)) else {
                return extra.clone();
            };
            let mut tip = points.tip(ds, m, options.color_by(), mark);
            tip.extend(extra.iter().cloned());
            tip
        }
    }
}

/// `fig`'s table, with its rows made if they are not stored ([`Table::from_marks`]).
pub fn table<'a>(ds: &Dataset, fig: &'a Figure, options: &ChartOptions) -> Cow<'a, Table> {
    let (true, Some(points)) = (fig.table.from_marks, ModelPoints::of(fig.chart)) else {
        return Cow::Borrowed(&fig.table);
    };
    let by = options.color_by();
    let rows = fig
        .marks
        .iter()
        .filter_map(|mark| match mark.tip {
            Tip::Model { row, .. } => ds.models.get(row).map(|m| (mark, m)),
            Tip::Lines(_) => None,
        })
        .map(|(mark, m)| {
            let mut cells = model_cells(ds, m, by, ds.organization_names(m));
            cells.extend(points.cells(m, mark));
            // Every such chart's last column flags the ringed points (outlier, large-scale,
            // under-trained).
            cells.push(Cell::text(if mark.emphasis { "yes" } else { "" }));
            (Some(m.id.clone()), cells)
        })
        .collect();
    Cow::Owned(Table {
        columns: fig.table.columns.clone(),
        rows,
        from_marks: false,
    })
}

/// The shared part of the two time charts: one point per model with a value.
fn time_scatter(
    c: &Ctx<'_>,
    spec: &ScatterSpec,
    outliers: Option<&ParameterOutliers>,
) -> (Figure, Tally, usize) {
    let by = c.options.color_by();
    let y_log = c.options.y_is_log(c.chart);
    let mut groups = Groups::new(c.ds.models.iter().map(|m| color_key(c.ds, m, by)));
    let mut marks = Vec::new();
    let mut tally = Tally::default();
    let mut outliers_hidden = 0;
    for (row, m) in c.models() {
        let q = (spec.value)(m);
        let Some(v) = q.value.filter(|v| v.is_finite()) else {
            tally.missing += 1;
            continue;
        };
        if y_log && v <= 0.0 {
            tally.non_positive += 1;
            continue;
        }
        let outlier = outliers.and_then(|o| o.reason(m));
        if outlier.is_some() && c.options.hide_outliers {
            outliers_hidden += 1;
            continue;
        }
        let series = groups.of(color_key(c.ds, m, by));
        marks.push(Mark {
            x: m.date.decimal_year(),
            y: v,
            base: v,
            series,
            label: m.name.clone(),
            model_id: Some(m.id.clone()),
            estimated: q.confidence == Confidence::Estimated,
            emphasis: outlier.is_some(),
            always_label: outlier.is_some(),
            // Made when shown (tip_lines), as the table's rows are (table).
            tip: Tip::Model {
                row,
                extra: outlier.into_iter().collect(),
            },
        });
    }
    finish_series(&mut groups.series, &mut marks, c.hidden);
    sort_marks(&mut marks);
    let mut table = Table {
        columns: model_columns(by),
        rows: Vec::new(),
        from_marks: true,
    };
    table.columns.push(spec.value_column.to_owned());
    table.columns.push("Confidence".to_owned());
    let figure = Figure {
        chart: c.chart,
        kind: Kind::Scatter,
        title: c.chart.title().to_owned(),
        subtitle: String::new(),
        source: SOURCE_LINE.to_owned(),
        x: Axis {
            title: "Publication date".to_owned(),
            log: false,
            format: TickFormat::Year,
            include: Vec::new(),
        },
        y: Axis {
            title: format!("{}{}", spec.y_title, if y_log { ", log scale" } else { "" }),
            log: y_log,
            format: spec.y_format,
            include: if y_log { Vec::new() } else { vec![0.0] },
        },
        categories: Vec::new(),
        series: groups.series,
        marks,
        lines: Vec::new(),
        notes: Vec::new(),
        labels: c.options.labels,
        setting: None,
        left_out: tally.left_out(),
        table,
    };
    (figure, tally, outliers_hidden)
}

fn colored_by(by: ColorBy) -> String {
    format!("coloured by {}", by.label().to_lowercase())
}

fn parameters_over_time(c: &Ctx<'_>) -> Figure {
    let outliers = ParameterOutliers::new(c.ds);
    let spec = scatter_spec(true);
    let (mut f, tally, hidden_outliers) = time_scatter(c, &spec, Some(&outliers));
    let shown_outliers = f.marks.iter().filter(|m| m.emphasis).count();
    let outlier_note = if hidden_outliers > 0 {
        format!("{} hidden", plural(hidden_outliers, "outlier", "outliers"))
    } else if shown_outliers > 0 {
        format!("{} ringed", plural(shown_outliers, "outlier", "outliers"))
    } else {
        String::new()
    };
    f.subtitle = join_subtitle(vec![
        format!(
            "{} with a known parameter count, {}",
            plural(f.marks.len(), "model", "models"),
            colored_by(c.options.color_by())
        ),
        outlier_note,
        estimates_note(&f.marks),
        tally.describe("one"),
    ]);
    flag_column(&mut f, "Outlier");
    f
}

/// The large-scale rule of the compute chart: a model published from September 2015
/// ([`LARGE_SCALE_FROM`]) whose training compute lies more than [`LARGE_SCALE_MARGIN`]
/// decades above `trend`, the least-squares fit of log10(compute) on all visible models from
/// 2010 onward.
pub fn large_scale(trend: &Fit, year: f64, compute: f64) -> bool {
    compute > 0.0
        && year >= LARGE_SCALE_FROM
        && compute.log10() - trend.at(year) > LARGE_SCALE_MARGIN
}

fn months(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// "doubles every 6.0 months (95% CI 5.4–6.8, n=40)".
fn doubling_text(f: &Fit) -> String {
    match f.doubling_months() {
        Some(d) => {
            let (lo, hi) = f.doubling_interval();
            let lo = lo.map_or("?".to_owned(), months);
            let hi = hi.map_or("∞".to_owned(), months);
            format!(
                "doubles every {} months (95% CI {lo}–{hi}, n={})",
                months(d),
                f.n
            )
        }
        None => format!("no growth (n={})", f.n),
    }
}

/// The era's name as a line label.
fn short_era(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name)
}

/// An era of the compute chart: name, published era id, points, fit, line colour.
type Era<'a> = (&'a str, &'a str, usize, Option<Fit>, (u8, u8, u8));

fn compute_over_time(c: &Ctx<'_>) -> Figure {
    let spec = scatter_spec(false);
    let (mut f, tally, _) = time_scatter(c, &spec, None);
    let pts: Vec<(f64, f64)> = f
        .marks
        .iter()
        .filter(|m| m.y > 0.0)
        .map(|m| (m.x, m.y.log10()))
        .collect();
    let before: Vec<(f64, f64)> = pts.iter().copied().filter(|p| p.0 < 2010.0).collect();
    let after: Vec<(f64, f64)> = pts.iter().copied().filter(|p| p.0 >= 2010.0).collect();
    let fit_before = fit::least_squares(&before);
    let fit_after = fit::least_squares(&after);
    let mut large = Vec::new();
    if let Some(trend) = &fit_after {
        for m in &mut f.marks {
            if large_scale(trend, m.x, m.y) {
                m.emphasis = true;
                m.tip.push(format!(
                    "Large-scale: {:.1} decades above the 2010-onward trend",
                    m.y.log10() - trend.at(m.x)
                ));
                large.push((m.x, m.y.log10()));
            }
        }
    }
    let fit_large = fit::least_squares(&large);
    let published = |era: &str| c.ds.compute_eras.iter().find(|e| e.era == era);
    let eras: [Era<'_>; 3] = [
        (
            "Before 2010",
            "pre-deep-learning",
            before.len(),
            fit_before,
            (110, 110, 110),
        ),
        (
            "2010 onward",
            "deep-learning",
            after.len(),
            fit_after,
            (33, 37, 41),
        ),
        (
            "Large-scale (from Sep 2015)",
            "large-scale",
            large.len(),
            fit_large,
            (170, 20, 60),
        ),
    ];
    for (name, era, n, fit, color) in eras {
        let found = match &fit {
            Some(ft) => doubling_text(ft),
            None => format!("too few visible points to fit (n={n})"),
        };
        let paper = published(era).map_or(String::new(), |e| {
            let range = match (e.doubling_months_low, e.doubling_months_high) {
                (Some(lo), Some(hi)) => format!(" ({}–{})", months(lo), months(hi)),
                _ => String::new(),
            };
            format!(" · published {}{range}", months(e.doubling_months_central))
        });
        f.notes.push(format!("{name}: {found}{paper}"));
        if let Some(ft) = fit {
            if let Some(d) = ft.doubling_months() {
                f.lines.push(Line {
                    points: sampled(ft.x_min, ft.x_max, false, |x| 10f64.powf(ft.at(x))),
                    label: format!("{}: {} mo", short_era(name), months(d)),
                    color,
                    dashed: false,
                });
            }
        }
    }
    f.subtitle = join_subtitle(vec![
        format!(
            "{} with a known training compute, {}; ringed: large-scale (> {:.1} decades above the 2010-onward trend, from Sep 2015)",
            plural(f.marks.len(), "model", "models"),
            colored_by(c.options.color_by()),
            LARGE_SCALE_MARGIN
        ),
        estimates_note(&f.marks),
        tally.describe("one"),
    ]);
    f.source = format!(
        "{SOURCE_LINE}. Trends fitted here on the visible points; published doubling times: Sevilla et al. 2022, Compute Trends Across Three Eras of Machine Learning"
    );
    flag_column(&mut f, "Large-scale");
    f
}

/// The evaluation settings of a leaderboard chart's benchmark with their result counts, most
/// common first (the default setting is the first).
pub fn benchmark_settings(ds: &Dataset, chart: ChartId) -> Vec<(String, usize)> {
    let Some(bench) = chart.benchmark() else {
        return Vec::new();
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in ds.benchmarks.iter().filter(|r| r.benchmark == bench) {
        *counts.entry(r.setting.as_str()).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> =
        counts.into_iter().map(|(s, n)| (s.to_owned(), n)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

fn leaderboard(c: &Ctx<'_>) -> Figure {
    let bench = c.chart.benchmark().unwrap_or_default();
    let info = c.ds.benchmark_info.iter().find(|i| i.id == bench);
    let higher_is_better = info.is_none_or(|i| i.higher_is_better);
    let unit = info.map_or("", |i| i.unit.as_str());
    let name = info.map_or(bench, |i| i.name.as_str());
    let settings = benchmark_settings(c.ds, c.chart);
    let setting = c
        .options
        .setting
        .clone()
        .filter(|s| settings.iter().any(|(k, _)| k == s))
        .or_else(|| settings.first().map(|(s, _)| s.clone()))
        .unwrap_or_default();
    let by = c.options.color_by();
    let row_of: FastMap<&str, usize> = c.models().map(|(r, m)| (m.id.as_str(), r)).collect();
    // Best result per visible model in the chosen setting.
    let mut best: FastMap<&str, &crate::data::BenchmarkResult> = FastMap::default();
    for r in
        c.ds.benchmarks
            .iter()
            .filter(|r| r.benchmark == bench && r.setting == setting && r.value.is_finite())
    {
        if !row_of.contains_key(r.model_id.as_str()) {
            continue;
        }
        let better = |a: f64, b: f64| if higher_is_better { a > b } else { a < b };
        match best.get(r.model_id.as_str()) {
            Some(prev) if !better(r.value, prev.value) => {}
            _ => {
                best.insert(r.model_id.as_str(), r);
            }
        }
    }
    let mut results: Vec<(&Model, &crate::data::BenchmarkResult)> = best
        .into_iter()
        .filter_map(|(id, r)| {
            let row = *row_of.get(id)?;
            Some((c.ds.models.get(row)?, r))
        })
        .collect();
    results.sort_by(|a, b| {
        let o = a.1.value.total_cmp(&b.1.value);
        let o = if higher_is_better { o.reverse() } else { o };
        o.then_with(|| a.0.name.cmp(&b.0.name))
    });
    let score_text = |v: f64| {
        if unit == "%" {
            format!("{}%", format::plain(v, 4))
        } else {
            format!("{} {unit}", format::plain(v, 4))
        }
    };
    let direction = if higher_is_better {
        "higher is better"
    } else {
        "lower is better"
    };
    let value_title = if unit == "%" {
        format!("{name} score (%), {direction}")
    } else {
        format!("{name} ({unit}), {direction}")
    };
    let format = if unit == "%" {
        TickFormat::Percent
    } else {
        TickFormat::Plain
    };
    let mut groups = Groups::new(c.ds.models.iter().map(|m| color_key(c.ds, m, by)));
    let versus = c.options.versus_parameters;
    let x_log = c.options.x_is_log(c.chart);
    let y_log = c.options.y_is_log(c.chart);
    let mut marks = Vec::new();
    let mut tally = Tally::default();
    let mut rows_by_id: FastMap<String, Vec<Cell>> = FastMap::default();
    for (rank, (m, r)) in results.iter().enumerate() {
        let params = m.num(Num::Parameters).value.filter(|v| v.is_finite());
        let mut tip = vec![
            m.name.clone(),
            format!("{name}: {} ({setting})", score_text(r.value)),
            format!("Rank {} of {}", rank + 1, results.len()),
        ];
        let orgs = c.ds.organization_names(m);
        if !orgs.is_empty() {
            tip.push(orgs.clone());
        }
        if let Some(p) = params {
            tip.push(format!(
                "Parameters: {}",
                quantity_text(&m.num(Num::Parameters), p, format::short_count)
            ));
        }
        if !r.note.is_empty() {
            tip.push(clip_text(&r.note, 90));
        }
        let series = groups.of(color_key(c.ds, m, by));
        let cells = vec![
            Cell::number((rank + 1) as f64, (rank + 1).to_string()),
            Cell::text(m.name.clone()),
            Cell::text(orgs),
            Cell::text(color_key(c.ds, m, by)),
            Cell::number(r.value, score_text(r.value)),
            Cell::text(setting.clone()),
            params.map_or(Cell::text(""), |p| Cell::number(p, format::short_count(p))),
            Cell::text(r.source_url.clone()),
        ];
        if versus {
            let Some(p) = params else {
                tally.missing += 1;
                continue;
            };
            if (x_log && p <= 0.0) || (y_log && r.value <= 0.0) {
                tally.non_positive += 1;
                continue;
            }
            marks.push(Mark {
                x: p,
                y: r.value,
                base: r.value,
                series,
                label: m.name.clone(),
                model_id: Some(m.id.clone()),
                estimated: m.num(Num::Parameters).confidence == Confidence::Estimated,
                emphasis: false,
                always_label: true,
                tip: Tip::Lines(tip),
            });
        } else {
            marks.push(Mark {
                x: r.value,
                y: 0.0,
                base: 0.0,
                series,
                label: m.name.clone(),
                model_id: Some(m.id.clone()),
                estimated: false,
                emphasis: false,
                always_label: false,
                tip: Tip::Lines(tip),
            });
        }
        rows_by_id.insert(m.id.clone(), cells);
    }
    finish_series(&mut groups.series, &mut marks, c.hidden);
    if versus {
        sort_marks(&mut marks);
    } else {
        for (i, m) in marks.iter_mut().enumerate() {
            m.y = i as f64;
        }
    }
    let categories: Vec<String> = if versus {
        Vec::new()
    } else {
        marks.iter().map(|m| m.label.clone()).collect()
    };
    let mut table_rows: Vec<(Option<String>, Vec<Cell>)> = Vec::new();
    let order: Vec<&str> = if versus {
        results.iter().map(|(m, _)| m.id.as_str()).collect()
    } else {
        marks.iter().filter_map(|m| m.model_id.as_deref()).collect()
    };
    let drawn: FastSet<&str> = marks.iter().filter_map(|m| m.model_id.as_deref()).collect();
    for id in order {
        if let (true, Some(cells)) = (drawn.contains(id), rows_by_id.remove(id)) {
            table_rows.push((Some(id.to_owned()), cells));
        }
    }
    let subtitle = join_subtitle(vec![
        format!(
            "{}{}, {direction}{}",
            plural(marks.len(), "model", "models"),
            if setting.is_empty() {
                " (no published results)".to_owned()
            } else {
                format!(", {setting}")
            },
            if versus {
                ", against parameters".to_owned()
            } else if higher_is_better {
                ", best first".to_owned()
            } else {
                format!(", best (lowest {unit}) first")
            }
        ),
        colored_by(by),
        tally.describe("a known parameter count"),
    ]);
    let value_axis = Axis {
        title: value_title,
        log: if versus { y_log } else { false },
        format,
        include: if versus {
            Vec::new()
        } else if unit == "%" {
            vec![0.0, 100.0]
        } else {
            vec![0.0]
        },
    };
    let (x, y) = if versus {
        (
            Axis {
                title: format!("Parameters{}", if x_log { ", log scale" } else { "" }),
                log: x_log,
                format: TickFormat::Count,
                include: Vec::new(),
            },
            value_axis,
        )
    } else {
        (
            value_axis,
            Axis {
                title: String::new(),
                log: false,
                format: TickFormat::Plain,
                include: Vec::new(),
            },
        )
    };
    Figure {
        chart: c.chart,
        kind: if versus { Kind::Scatter } else { Kind::Bars },
        title: c.chart.title().to_owned(),
        subtitle,
        source: format!("{SOURCE_LINE}; scores as published by each model's developers"),
        x,
        y,
        categories,
        series: groups.series,
        marks,
        lines: Vec::new(),
        notes: Vec::new(),
        labels: c.options.labels,
        setting: Some(setting),
        left_out: tally.left_out(),
        table: Table {
            columns: [
                "Rank",
                "Model",
                "Organizations",
                by.label(),
                "Score",
                "Setting",
                "Parameters",
                "Source",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
            rows: table_rows,
            from_marks: false,
        },
    }
}

/// The short name of an ILSVRC entry: the part before its parenthesised details.
fn short_entry(entry: &str) -> String {
    let inner = entry
        .split_once('(')
        .and_then(|(_, r)| r.strip_suffix(')'))
        .map(str::trim)
        .filter(|r| !r.is_empty() && !r.contains([' ', ',']));
    match inner {
        Some(i) => i.to_owned(),
        None => entry.split(" (").next().unwrap_or(entry).trim().to_owned(),
    }
}

fn imagenet_challenge(c: &Ctx<'_>) -> Figure {
    let is_human = |team: &str| team.eq_ignore_ascii_case("human baseline");
    let mut winners: BTreeMap<i32, &crate::data::ChallengeEntry> = BTreeMap::new();
    for e in c.ds.imagenet_challenge.iter().filter(|e| {
        !is_human(&e.team) && (2010..=2017).contains(&e.year) && e.top5_error.is_finite()
    }) {
        match winners.get(&e.year) {
            Some(prev) if prev.top5_error <= e.top5_error => {}
            _ => {
                winners.insert(e.year, e);
            }
        }
    }
    let human =
        c.ds.imagenet_challenge
            .iter()
            .find(|e| is_human(&e.team) && e.top5_error.is_finite());
    let y_log = c.options.y_is_log(c.chart);
    let mut series = vec![
        Series {
            name: "Deep learning".to_owned(),
            color: series_color(0),
            hidden: false,
            count: 0,
        },
        Series {
            name: "Other methods".to_owned(),
            color: series_color(1),
            hidden: false,
            count: 0,
        },
    ];
    let mut marks = Vec::new();
    let mut categories = Vec::new();
    let mut rows = Vec::new();
    let mut tally = Tally::default();
    for (year, e) in &winners {
        if y_log && e.top5_error <= 0.0 {
            tally.non_positive += 1;
            continue;
        }
        let yes = |b: bool| if b { "yes" } else { "no" };
        marks.push(Mark {
            x: f64::from(*year),
            y: e.top5_error,
            base: 0.0,
            series: if e.deep_learning { 0 } else { 1 },
            label: short_entry(&e.entry),
            model_id: None,
            estimated: false,
            emphasis: false,
            always_label: true,
            tip: Tip::Lines(vec![
                format!("{year}: {}", e.entry),
                e.team.clone(),
                format!("Top-5 error: {}%", format::plain(e.top5_error, 4)),
                format!(
                    "Deep learning: {}; outside training data: {}",
                    yes(e.deep_learning),
                    yes(e.extra_data)
                ),
            ]),
        });
        rows.push((
            *year,
            vec![
                Cell::text(year.to_string()),
                Cell::text(e.entry.clone()),
                Cell::text(e.team.clone()),
                Cell::number(e.top5_error, format!("{}%", format::plain(e.top5_error, 4))),
                Cell::text(yes(e.deep_learning)),
                Cell::text(yes(e.extra_data)),
            ],
        ));
    }
    // Every winning year stays a category (an empty slot when its series is hidden).
    let years: Vec<i32> = rows.iter().map(|(y, _)| *y).collect();
    finish_series(&mut series, &mut marks, c.hidden);
    let shown: Vec<i32> = years
        .iter()
        .copied()
        .filter(|y| marks.iter().any(|m| m.x == f64::from(*y)))
        .collect();
    for y in &years {
        categories.push(y.to_string());
    }
    for m in &mut marks {
        let year = m.x;
        m.x = years
            .iter()
            .position(|y| f64::from(*y) == year)
            .map_or(0.0, |i| i as f64);
    }
    let rows: Vec<(Option<String>, Vec<Cell>)> = rows
        .into_iter()
        .filter(|(y, _)| shown.contains(y))
        .map(|(_, cells)| (None, cells))
        .collect();
    let mut lines = Vec::new();
    let notes = Vec::new();
    if let Some(h) = human {
        let n = categories.len().max(1) as f64;
        lines.push(Line {
            points: vec![(-0.5, h.top5_error), (n - 0.5, h.top5_error)],
            label: format!("Human: {}%", format::plain(h.top5_error, 3)),
            color: (200, 30, 30),
            dashed: true,
        });
    }
    let first_dl = winners
        .iter()
        .find(|(_, e)| e.deep_learning)
        .map(|(y, _)| *y);
    Figure {
        chart: c.chart,
        kind: Kind::Columns,
        title: c.chart.title().to_owned(),
        subtitle: join_subtitle(vec![
            format!(
                "Winning entries of the ILSVRC classification task, {}–{}{}",
                years.first().copied().unwrap_or(2010),
                years.last().copied().unwrap_or(2017),
                first_dl.map_or(String::new(), |y| format!(
                    "; deep networks win from {y}"
                ))
            ),
            human.map_or(String::new(), |h| {
                format!(
                    "dashed: the human baseline, {}% ({}, {})",
                    format::plain(h.top5_error, 3),
                    h.entry,
                    h.year
                )
            }),
            "not affected by the table's filters".to_owned(),
            tally.describe("one"),
        ]),
        source: "Source: ILSVRC results (image-net.org); human baseline: Russakovsky et al. 2015; via the Model Atlas dataset".to_owned(),
        x: Axis {
            title: "Competition year".to_owned(),
            log: false,
            format: TickFormat::Plain,
            include: Vec::new(),
        },
        y: Axis {
            title: format!(
                "Top-5 error (%){}",
                if y_log { ", log scale" } else { "" }
            ),
            log: y_log,
            format: TickFormat::Percent,
            include: if y_log { Vec::new() } else { vec![0.0] },
        },
        categories,
        series,
        marks,
        lines,
        notes,
        labels: true,
        setting: None,
        left_out: tally.left_out(),
        table: Table {
            columns: [
                "Year",
                "Entry",
                "Team",
                "Top-5 error",
                "Deep learning",
                "Outside data",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
            rows,
            from_marks: false,
        },
    }
}

/// Whether a model with `parameters` trained on `tokens` is under-trained by the Chinchilla
/// rule: fewer than [`UNDER_TRAINED_RATIO`] tokens per parameter (ten times below the
/// compute-optimal 20).
pub fn is_under_trained(parameters: f64, tokens: f64) -> bool {
    parameters > 0.0 && tokens >= 0.0 && tokens < UNDER_TRAINED_RATIO * parameters
}

fn tokens_vs_parameters(c: &Ctx<'_>) -> Figure {
    let by = c.options.color_by();
    let x_log = c.options.x_is_log(c.chart);
    let y_log = c.options.y_is_log(c.chart);
    let mut groups = Groups::new(c.ds.models.iter().map(|m| color_key(c.ds, m, by)));
    let mut marks = Vec::new();
    let mut tally = Tally::default();
    let mut other_domains = 0;
    for (row, m) in c.models() {
        if m.text(Text::Domain) != "language" {
            other_domains += 1;
            continue;
        }
        let (Some(p), Some(t)) = (
            m.num(Num::Parameters).value.filter(|v| v.is_finite()),
            m.num(Num::TrainingTokens).value.filter(|v| v.is_finite()),
        ) else {
            tally.missing += 1;
            continue;
        };
        if (x_log && p <= 0.0) || (y_log && t <= 0.0) {
            tally.non_positive += 1;
            continue;
        }
        let under = is_under_trained(p, t);
        let extra = if under {
            vec![format!(
                "Under-trained by the Chinchilla rule (compute-optimal ≈ {CHINCHILLA_TOKENS_PER_PARAMETER:.0} tokens per parameter)"
            )]
        } else {
            Vec::new()
        };
        marks.push(Mark {
            x: p,
            y: t,
            base: t,
            series: groups.of(color_key(c.ds, m, by)),
            label: if under {
                format!("{} (under-trained)", m.name)
            } else {
                m.name.clone()
            },
            model_id: Some(m.id.clone()),
            estimated: m.num(Num::TrainingTokens).confidence == Confidence::Estimated
                || m.num(Num::Parameters).confidence == Confidence::Estimated,
            emphasis: under,
            always_label: under,
            // Made when shown (tip_lines), as the table's rows are (table).
            tip: Tip::Model { row, extra },
        });
    }
    finish_series(&mut groups.series, &mut marks, c.hidden);
    sort_marks(&mut marks);
    let mut lines = Vec::new();
    let (lo, hi) = marks.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), m| {
        (lo.min(m.x), hi.max(m.x))
    });
    if lo.is_finite() && hi >= lo {
        let (x0, x1) = if x_log {
            (lo / 2.0, hi * 2.0)
        } else {
            (0.0, hi * 1.05)
        };
        lines.push(Line {
            points: sampled(x0, x1, x_log, |x| CHINCHILLA_TOKENS_PER_PARAMETER * x),
            label: "20 tokens per parameter (Chinchilla)".to_owned(),
            color: (33, 37, 41),
            dashed: true,
        });
    }
    let under = marks.iter().filter(|m| m.emphasis).count();
    let mut columns = model_columns(by);
    columns.extend(
        [
            "Parameters",
            "Training tokens",
            "Tokens per parameter",
            "Under-trained",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    Figure {
        chart: c.chart,
        kind: Kind::Scatter,
        title: c.chart.title().to_owned(),
        subtitle: join_subtitle(vec![
            format!(
                "{} with both values, {}; ringed and named: {under} under-trained (< {UNDER_TRAINED_RATIO:.0} tokens per parameter)",
                plural(marks.len(), "language model", "language models"),
                colored_by(by)
            ),
            estimates_note(&marks),
            tally.describe("both values"),
            if other_domains > 0 {
                format!(
                    "{} of other domains left out (their datasets count images or pairs, not tokens)",
                    plural(other_domains, "model", "models")
                )
            } else {
                String::new()
            },
        ]),
        source: format!(
            "{SOURCE_LINE}; compute-optimal ratio: Hoffmann et al. 2022 (Chinchilla)"
        ),
        x: Axis {
            title: format!("Parameters{}", if x_log { ", log scale" } else { "" }),
            log: x_log,
            format: TickFormat::Count,
            include: if x_log { Vec::new() } else { vec![0.0] },
        },
        y: Axis {
            title: format!(
                "Training tokens{}",
                if y_log { ", log scale" } else { "" }
            ),
            log: y_log,
            format: TickFormat::Count,
            include: if y_log { Vec::new() } else { vec![0.0] },
        },
        categories: Vec::new(),
        series: groups.series,
        marks,
        lines,
        notes: Vec::new(),
        labels: c.options.labels,
        setting: None,
        left_out: tally.left_out(),
        table: Table {
            columns,
            rows: Vec::new(),
            from_marks: true,
        },
    }
}

fn counts_by_year(c: &Ctx<'_>) -> Figure {
    let by_country = c.chart == ChartId::ModelsByCountry;
    // A model's group: its lead organization's country, or its first organization's name.
    fn key<'a>(ds: &'a Dataset, m: &'a Model, by_country: bool) -> &'a str {
        let k = if by_country {
            ds.country(m)
        } else {
            m.organizations.first().map_or("", |id| {
                ds.organization(id).map_or(id.as_str(), |o| o.name.as_str())
            })
        };
        if k.is_empty() {
            "Unknown"
        } else {
            k
        }
    }
    let keyed: Vec<(i32, &str)> = c
        .models()
        .map(|(_, m)| (m.date.year(), key(c.ds, m, by_country)))
        .collect();
    let groups = Groups::new(keyed.iter().map(|(_, k)| *k));
    let mut series = groups.series.clone();
    for s in &mut series {
        s.hidden = c.hidden.contains(&s.name);
    }
    let years: Vec<i32> = match (
        keyed.iter().map(|(y, _)| *y).min(),
        keyed.iter().map(|(y, _)| *y).max(),
    ) {
        (Some(a), Some(b)) => (a..=b).collect(),
        _ => Vec::new(),
    };
    // counts[year index][series]
    let mut counts = vec![vec![0usize; series.len()]; years.len()];
    for (year, k) in &keyed {
        let s = groups.of(k);
        let yi = years.iter().position(|y| y == year);
        if let Some(cell) = yi
            .and_then(|yi| counts.get_mut(yi))
            .and_then(|row| row.get_mut(s))
        {
            *cell += 1;
        }
    }
    for s in &mut series {
        s.count = 0;
    }
    for row in &counts {
        for (s, n) in row.iter().enumerate() {
            if let Some(se) = series.get_mut(s) {
                se.count += n;
            }
        }
    }
    let mut marks = Vec::new();
    let mut rows = Vec::new();
    let what = if by_country {
        "Country"
    } else {
        "Organization"
    };
    for (yi, (year, row)) in years.iter().zip(&counts).enumerate() {
        let mut base = 0.0;
        let total: usize = row
            .iter()
            .enumerate()
            .filter(|(s, _)| series.get(*s).is_some_and(|se| !se.hidden))
            .map(|(_, n)| n)
            .sum();
        for (s, &n) in row.iter().enumerate() {
            let Some(se) = series.get(s) else { continue };
            if n == 0 || se.hidden {
                continue;
            }
            let top = base + n as f64;
            marks.push(Mark {
                x: yi as f64,
                y: top,
                base,
                series: s,
                label: se.name.clone(),
                model_id: None,
                estimated: false,
                emphasis: false,
                always_label: false,
                tip: Tip::Lines(vec![
                    format!("{}, {year}", se.name),
                    format!("{} of {total} shown", plural(n, "model", "models")),
                ]),
            });
            rows.push((
                None,
                vec![
                    Cell::text(year.to_string()),
                    Cell::text(se.name.clone()),
                    Cell::number(n as f64, n.to_string()),
                ],
            ));
            base = top;
        }
    }
    // Drop series with no model at all (kept indices stay valid: remap).
    let mut remap = vec![None; series.len()];
    let mut kept = Vec::new();
    for (i, s) in series.into_iter().enumerate() {
        if s.count > 0 {
            if let Some(slot) = remap.get_mut(i) {
                *slot = Some(kept.len());
            }
            kept.push(s);
        }
    }
    for m in &mut marks {
        m.series = remap.get(m.series).copied().flatten().unwrap_or(0);
    }
    let n_models = keyed.len();
    Figure {
        chart: c.chart,
        kind: Kind::Stacked,
        title: c.chart.title().to_owned(),
        subtitle: format!(
            "{} by publication year and {}{}",
            plural(n_models, "model", "models"),
            if by_country {
                "the country of the lead organization"
            } else {
                "lead organization"
            },
            if kept.iter().any(|s| s.name == "Other") {
                format!("; the {MAX_GROUPS} most frequent shown, the rest as Other")
            } else {
                String::new()
            }
        ),
        source: SOURCE_LINE.to_owned(),
        x: Axis {
            title: "Publication year".to_owned(),
            log: false,
            format: TickFormat::Plain,
            include: Vec::new(),
        },
        y: Axis {
            title: "Models (count)".to_owned(),
            log: false,
            format: TickFormat::Count,
            include: vec![0.0],
        },
        categories: years.iter().map(|y| y.to_string()).collect(),
        series: kept,
        marks,
        lines: Vec::new(),
        notes: Vec::new(),
        labels: false,
        setting: None,
        left_out: 0,
        table: Table {
            columns: vec!["Year".to_owned(), what.to_owned(), "Models".to_owned()],
            rows,
            from_marks: false,
        },
    }
}

/// Adds the flag column `header` to a model-point chart's table: "yes" for the points that are
/// emphasised (ringed) in the chart; its cells are made with the rows ([`table`]).
fn flag_column(f: &mut Figure, header: &str) {
    f.table.columns.push(header.to_owned());
}
