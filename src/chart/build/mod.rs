//! Building each chart's [`Figure`] from the dataset, the table's rows and the chart options:
//! the dispatch ([`figure`]) and the helpers every chart family shares live here, each family
//! in its own file (time charts, leaderboards, the ImageNet challenge, tokens against
//! parameters, counts per year), and the lazy tips and table rows of the model-point charts in
//! `points`.
//!
//! The chart-specific rules live there, each in one documented place: parameter outliers
//! ([`ParameterOutliers`]) and under-trained models ([`is_under_trained`]); the compute
//! trends' selections are in [`crate::chart::trend`], the key models named by default in
//! [`crate::chart::labels`].

use crate::data::Text;
mod challenge;
mod costs;
mod counts;
mod facts;
mod highlight;
mod leaderboard;
mod points;
mod time;
mod tokens;

use super::figure::{Cell, Data, Figure, Mark, Series, Tip};
use super::{series_color, ChartId, ChartOptions, ColorBy};
use crate::data::{Confidence, Dataset, Model, Quantity};
use crate::fast_hash::FastMap;
use crate::format;
use std::rc::Rc;

pub use facts::DatasetFacts;
pub use highlight::find as highlight_target;
pub use leaderboard::benchmark_settings;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) use leaderboard::value_range;
pub use points::{table, tip_lines};
pub use time::{ParameterOutliers, LARGE_SCALE_FROM};
pub use tokens::{is_under_trained, CHINCHILLA_TOKENS_PER_PARAMETER, UNDER_TRAINED_RATIO};

/// Colour groups beyond this many are merged into "Other".
const MAX_GROUPS: usize = 8;

/// The grey of "Other".
const OTHER_GREY: (u8, u8, u8) = (150, 150, 150);

/// The figure of `chart` for the table's `rows` (indices into `ds.models`), with the chart's
/// `options`; series named in `hidden` stay in the legend but are neither drawn, fitted,
/// stacked nor listed. The figure keeps the dataset (its marks refer to models by row). The
/// dataset's fixed facts are computed for this figure alone; [`figure_of`] reuses them.
pub fn figure(
    ds: &Rc<Dataset>,
    rows: &[usize],
    chart: ChartId,
    options: &ChartOptions,
    hidden: &[String],
) -> Figure {
    build(ds, &DatasetFacts::new(), rows, chart, options, hidden)
}

/// [`figure`], with the dataset's fixed facts (colour groups …) computed once per dataset and
/// shared by every figure built from it ([`DatasetFacts::of`]).
pub fn figure_of(
    ds: &Rc<Dataset>,
    rows: &[usize],
    chart: ChartId,
    options: &ChartOptions,
    hidden: &[String],
) -> Figure {
    build(ds, &DatasetFacts::of(ds), rows, chart, options, hidden)
}

fn build(
    ds: &Rc<Dataset>,
    facts: &DatasetFacts,
    rows: &[usize],
    chart: ChartId,
    options: &ChartOptions,
    hidden: &[String],
) -> Figure {
    // The time window (a view setting, like zoom): the time charts plot the rows of its years.
    let (windowed, left_out, span) = if chart.has_time_window() {
        let years = facts.years(ds);
        super::window::rows_in_window(rows, options.time, |r| years.get(r).copied())
    } else {
        (Vec::new(), 0, None)
    };
    let c = Ctx {
        ds,
        facts,
        rows: if chart.has_time_window() {
            &windowed
        } else {
            rows
        },
        chart,
        options,
        hidden,
    };
    let mut f = match chart {
        ChartId::ParametersOverTime => time::parameters_over_time(&c),
        ChartId::ComputeOverTime => time::compute_over_time(&c),
        ChartId::Lambada | ChartId::ImagenetTop1 | ChartId::CocoFid | ChartId::Mmlu => {
            leaderboard::leaderboard(&c)
        }
        ChartId::ImagenetChallenge => challenge::imagenet_challenge(&c),
        ChartId::TokensVsParameters => tokens::tokens_vs_parameters(&c),
        ChartId::ModelsByCountry | ChartId::ModelsByOrganization => counts::counts_by_year(&c),
        ChartId::CostOverTime => costs::cost_over_time(&c),
        ChartId::EnergyVsCompute => costs::energy_vs_compute(&c),
    };
    if let Some(note) = super::window::left_out_note(left_out, span) {
        f.subtitle = join_subtitle(vec![std::mem::take(&mut f.subtitle), note]);
    }
    highlight::apply(ds, &mut f, &options.highlight);
    f
}

struct Ctx<'a> {
    ds: &'a Rc<Dataset>,
    facts: &'a DatasetFacts,
    rows: &'a [usize],
    chart: ChartId,
    options: &'a ChartOptions,
    hidden: &'a [String],
}

impl Ctx<'_> {
    /// The dataset, as the figure keeps it.
    fn data(&self) -> Data {
        Data(Rc::clone(self.ds))
    }

    fn models(&self) -> impl Iterator<Item = (usize, &Model)> {
        self.rows
            .iter()
            .filter_map(|&r| self.ds.models.get(r).map(|m| (r, m)))
    }
}

/// The id of the model `m` stands for in `ds`.
fn mark_id<'a>(ds: &'a Dataset, m: &Mark) -> Option<&'a str> {
    m.model_in(ds).map(|d| d.id.as_str())
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

/// The distinct `keys`, most common first (ties by name): the order of colour groups.
fn rank_keys<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut counts: FastMap<&str, usize> = FastMap::default();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    let mut ordered: Vec<(&str, usize)> = counts.into_iter().collect();
    crate::sort::sort_by(&mut ordered, |a, b| {
        b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0))
    });
    ordered.into_iter().map(|(k, _)| k.to_owned()).collect()
}

impl Groups {
    /// Groups of keys already ranked, most common first.
    fn ranked<'a>(ordered: impl Iterator<Item = &'a str>) -> Groups {
        let ordered: Vec<&str> = ordered.collect();
        let mut series = Vec::new();
        let mut index = FastMap::default();
        let overflow = ordered.len() > MAX_GROUPS + 1;
        let keep = if overflow { MAX_GROUPS } else { ordered.len() };
        for (i, k) in ordered.iter().take(keep).enumerate() {
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

    /// The group of the key ranked `rank` among the keys these groups were made from
    /// ([`Groups::ranked`]): the key's own group, or "Other".
    fn of_rank(&self, rank: usize) -> usize {
        if rank < self.index.len() {
            rank
        } else {
            self.other.unwrap_or(0)
        }
    }
}

/// What is drawn in a series' colour: a mark, or a model's point before it is made one.
trait InSeries {
    /// Its index into the figure's series.
    fn series(&mut self) -> &mut usize;
}

impl InSeries for Mark {
    fn series(&mut self) -> &mut usize {
        &mut self.series
    }
}

impl InSeries for Point {
    fn series(&mut self) -> &mut usize {
        &mut self.series
    }
}

/// Counts marks (or points) per series, drops series without marks (re-indexing the marks),
/// flags the hidden ones and removes their marks.
fn finish_series<T: InSeries>(series: &mut Vec<Series>, marks: &mut Vec<T>, hidden: &[String]) {
    for s in series.iter_mut() {
        s.count = 0;
    }
    for m in marks.iter_mut() {
        if let Some(s) = series.get_mut(*m.series()) {
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
    marks.retain_mut(|m| match remap.get(*m.series()).copied().flatten() {
        Some(i) => {
            *m.series() = i;
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
    tip.push(published(m));
    if by != ColorBy::Domain {
        tip.push(format!("{}: {}", by.label(), color_key(ds, m, by)));
    } else {
        tip.push(format!("Domain: {}", m.text(Text::Domain)));
    }
    tip
}

/// The tip line about the publication date.
fn published(m: &Model) -> String {
    m.date.map_or_else(
        || "Publication date unknown".to_owned(),
        |d| format!("Published {d}"),
    )
}

fn model_cells(ds: &Dataset, m: &Model, by: ColorBy, orgs: String) -> Vec<Cell> {
    vec![
        Cell::text(m.name.clone()),
        Cell::text(orgs),
        Cell::text(format::date(m.date)),
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

/// Sorts marks left to right (then bottom to top; equals keep their order), the keyboard
/// order of a scatter chart (the cost and leaderboard charts: a few hundred marks; the model
/// charts sort their points before making marks, [`model_marks`]).
fn sort_marks(marks: &mut [Mark]) {
    crate::sort::sort_by(marks, |a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
}

/// A model's point on a chart with a point per model, before it is made a mark
/// ([`model_marks`]).
struct Point {
    x: f64,
    y: f64,
    /// The model's row in the dataset.
    row: usize,
    series: usize,
    estimated: bool,
    /// Singled out by the chart's rule: ringed and always named ([`Mark::emphasis`]).
    flagged: bool,
    sparse: bool,
}

/// The marks of `points`, in the order of [`sort_marks`] (a stable sort: equals in their given
/// order), each with the tip lines `extra` gives after its model's own. The points are sorted,
/// then each mark made once in its place: a mark is two and a half times a point's size, and a
/// chart can have a million of them (BENCHMARKS.md).
fn model_marks(mut points: Vec<Point>, extra: impl Fn(&Point) -> Vec<String>) -> Vec<Mark> {
    points.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    points
        .iter()
        .map(|p| Mark {
            emphasis: p.flagged,
            sparse: p.sparse,
            always_label: p.flagged,
            // The tip is made when shown (tip_lines), as the table's rows are (table).
            ..Mark::of_model(
                p.row,
                (p.x, p.y),
                p.series,
                p.estimated,
                Tip::Model { extra: extra(p) },
            )
        })
        .collect()
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
    /// Models with a value but no date, left out of a time chart.
    undated: usize,
}

impl Tally {
    /// The point `(x, y)` when both values are known and finite and fit their axes (positive on
    /// a log axis); otherwise `None`, counted as missing or as not positive.
    fn point(
        &mut self,
        (x, x_log): (Option<f64>, bool),
        (y, y_log): (Option<f64>, bool),
    ) -> Option<(f64, f64)> {
        let (Some(x), Some(y)) = (x.filter(|v| v.is_finite()), y.filter(|v| v.is_finite())) else {
            self.missing += 1;
            return None;
        };
        if (x_log && x <= 0.0) || (y_log && y <= 0.0) {
            self.non_positive += 1;
            return None;
        }
        Some((x, y))
    }

    /// A value for a linear (`log` false) or log axis, as [`Tally::point`] decides.
    fn value(&mut self, v: Option<f64>, log: bool) -> Option<f64> {
        self.point((Some(0.0), false), (v, log)).map(|(_, y)| y)
    }

    fn left_out(&self) -> usize {
        self.missing + self.non_positive + self.undated
    }

    fn describe(&self, what: &str) -> String {
        let mut parts = Vec::new();
        if self.missing > 0 {
            parts.push(format!(
                "{} without {what} not shown",
                plural(self.missing, "model", "models")
            ));
        }
        parts.extend(super::window::undated_note(self.undated));
        if self.non_positive > 0 {
            parts.push(format!(
                "{} with a value that is not positive left off the log axis",
                plural(self.non_positive, "model", "models")
            ));
        }
        parts.join("; ")
    }
}

/// "hollow: estimated" when some marks are estimates (none on a density grid, which draws
/// no single mark: [`crate::chart::DENSITY_FROM`]).
fn estimates_note(marks: &[Mark]) -> String {
    if marks.len() < crate::chart::DENSITY_FROM && marks.iter().any(|m| m.estimated) {
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

fn colored_by(by: ColorBy) -> String {
    format!("coloured by {}", by.label().to_lowercase())
}

/// Adds the flag column `header` to a model-point chart's table: "yes" for the points that are
/// emphasised (ringed) in the chart; its cells are made with the rows ([`table`]).
fn flag_column(f: &mut Figure, header: &str) {
    f.table.columns.push(header.to_owned());
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod sort_tests {
    use super::{model_marks, sort_marks, Point};
    use crate::chart::figure::{Label, Mark, Tip};
    use proptest::prelude::*;

    fn mark(x: f64, y: f64, i: usize) -> Mark {
        Mark {
            x,
            y,
            base: y,
            series: 0,
            model: None,
            label: Label::Text(i.to_string()),
            estimated: false,
            emphasis: false,
            sparse: false,
            always_label: false,
            highlight: false,
            tip: Tip::Lines(Vec::new()),
        }
    }

    proptest! {
        #[test]
        fn sorting_by_keys_equals_a_stable_sort(
            pts in proptest::collection::vec((0u8..6, 0u8..4), 0..200),
        ) {
            let marks: Vec<Mark> = pts
                .iter()
                .enumerate()
                .map(|(i, &(x, y))| mark(f64::from(x), f64::from(y), i))
                .collect();
            let mut want = marks.clone();
            want.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
            let mut got = marks;
            sort_marks(&mut got);
            prop_assert_eq!(got, want);
        }

        #[test]
        fn model_marks_are_the_points_as_marks_in_sorted_order(
            pts in proptest::collection::vec((0u8..6, 0u8..4, 0usize..50, any::<bool>()), 0..200),
        ) {
            let points = || {
                pts.iter().map(|&(x, y, row, flagged)| Point {
                    x: f64::from(x),
                    y: f64::from(y),
                    row,
                    series: row % 3,
                    estimated: row % 2 == 0,
                    flagged,
                    sparse: row % 5 == 0,
                })
            };
            let extra = |p: &Point| if p.flagged { vec![format!("row {}", p.row)] } else { Vec::new() };
            // Made in the given order, then sorted as any chart's marks are.
            let mut want: Vec<Mark> = points()
                .map(|p| Mark {
                    emphasis: p.flagged,
                    sparse: p.sparse,
                    always_label: p.flagged,
                    ..Mark::of_model(p.row, (p.x, p.y), p.series, p.estimated, Tip::Model { extra: extra(&p) })
                })
                .collect();
            sort_marks(&mut want);
            prop_assert_eq!(model_marks(points().collect(), extra), want);
        }
    }
}
