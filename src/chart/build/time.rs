//! The two time charts: parameters (total, or active for sparse models) and training compute
//! against the publication date, with the parameter outliers, sparse models marked, and the
//! compute chart's trends: per era, large-scale and frontier ([`crate::chart::trend`]).

use super::{
    colored_by, estimates_note, finish_series, flag_column, flop_text, join_subtitle,
    model_columns, model_marks, plural, sampled, Ctx, Point, Tally,
};
use crate::chart::figure::{Axis, Figure, Kind, Line, Note, Table, TickFormat};
use crate::chart::fit::{self, Fit};
use crate::chart::trend::{self, Growth};
use crate::chart::{labels, SOURCE_LINE};
use crate::data::{Confidence, Dataset, Model, Quantity};
use crate::data::{Num, Text};
use crate::fast_hash::FastMap;
use crate::format;

/// The large-scale era starts in September 2015 (Sevilla et al. 2022), as a decimal year.
pub const LARGE_SCALE_FROM: f64 = 2015.0 + 8.0 / 12.0;

/// The deep-learning era starts in 2010 (Sevilla et al. 2022).
const DEEP_LEARNING_FROM: f64 = 2010.0;

/// Parameter outliers lie more than this many decades (10^1.5 ≈ 32×) above the largest
/// language model of their year.
const OUTLIER_DECADES: f64 = 1.5;

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
            let v = m.num(Num::Parameters).value.filter(|v| v.is_finite());
            if let (Some(v), Some(year)) = (v, m.year()) {
                let e = largest_language.entry(year).or_insert(v);
                *e = e.max(v);
            }
        }
        ParameterOutliers { largest_language }
    }

    /// Whether `m` is an outlier ([`Self::reason`] without writing it).
    pub fn is_outlier(&self, m: &Model) -> bool {
        let Some(v) = m.num(Num::Parameters).value else {
            return false;
        };
        if m.text(Text::Domain) == "recommendation" {
            return true;
        }
        m.year()
            .and_then(|year| self.largest_language.get(&year))
            .is_some_and(|&largest| largest > 0.0 && v > largest * 10f64.powf(OUTLIER_DECADES))
    }

    /// Why `m` is an outlier, or `None` when it is not.
    pub fn reason(&self, m: &Model) -> Option<String> {
        if !self.is_outlier(m) {
            return None;
        }
        if m.text(Text::Domain) == "recommendation" {
            return Some(
                "Outlier: a recommendation model, whose parameters are mostly embedding tables"
                    .to_owned(),
            );
        }
        let v = m.num(Num::Parameters).value?;
        let year = m.year()?;
        let largest = *self.largest_language.get(&year)?;
        Some(format!(
            "Outlier: {:.0}× the largest language model of {year}",
            v / largest,
        ))
    }
}

/// What a time chart plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Measure {
    /// Total parameters.
    Parameters,
    /// Active parameters (per token) for sparse models, total for the others.
    ActiveParameters,
    /// Training compute.
    Compute,
}

impl Measure {
    /// The measure of `chart`'s value axis with `options` (`None` for other charts).
    pub(super) fn of(chart: crate::chart::ChartId, active: bool) -> Option<Measure> {
        use crate::chart::ChartId;
        match chart {
            ChartId::ParametersOverTime if active => Some(Measure::ActiveParameters),
            ChartId::ParametersOverTime => Some(Measure::Parameters),
            ChartId::ComputeOverTime => Some(Measure::Compute),
            _ => None,
        }
    }
}

/// Whether `m` is sparse: a mixture-of-experts model, or one with a count of active
/// parameters (per token) apart from its total.
pub(super) fn is_sparse(m: &Model) -> bool {
    m.text(Text::Architecture) == "mixture-of-experts" || m.value(Num::ActiveParameters).is_some()
}

/// The tip line of a large-scale model's point (ringed) on the compute chart.
pub(super) fn large_scale_line() -> String {
    format!(
        "Large-scale: more than {} standard deviations above the models of its time",
        trend::LARGE_SCALE_Z
    )
}

/// The tip line of a sparse model's point on a parameters axis: both its counts.
pub(super) fn sparse_line(m: &Model) -> String {
    let total = m
        .value(Num::Parameters)
        .map_or("—".to_owned(), format::short_count);
    let active = m
        .value(Num::ActiveParameters)
        .map_or("—".to_owned(), format::short_count);
    format!("Sparse (mixture-of-experts): {active} active of {total} total parameters")
}

/// What a time chart plots: its value axis, the model's value and how it is written.
pub(super) struct ScatterSpec {
    y_title: String,
    y_format: TickFormat,
    /// The model's plotted quantity.
    pub(super) value: fn(&Model) -> &Quantity,
    /// How a value is written in tips and cells.
    pub(super) fmt: fn(f64) -> String,
    value_column: &'static str,
}

/// The time charts' specs.
pub(super) fn scatter_spec(measure: Measure) -> ScatterSpec {
    match measure {
        Measure::Parameters => ScatterSpec {
            y_title: "Parameters".to_owned(),
            y_format: TickFormat::Count,
            value: |m| m.num(Num::Parameters),
            fmt: format::short_count,
            value_column: "Parameters",
        },
        Measure::ActiveParameters => ScatterSpec {
            y_title: "Active parameters".to_owned(),
            y_format: TickFormat::Count,
            value: |m| {
                if is_sparse(m) {
                    m.num(Num::ActiveParameters)
                } else {
                    m.num(Num::Parameters)
                }
            },
            fmt: format::short_count,
            value_column: "Active parameters",
        },
        Measure::Compute => ScatterSpec {
            y_title: "Training compute (FLOP)".to_owned(),
            y_format: TickFormat::Flop,
            value: |m| m.num(Num::TrainingCompute),
            fmt: flop_text,
            value_column: "Training compute (FLOP)",
        },
    }
}

/// The shared part of the two time charts: one point per model with a value.
fn time_scatter(
    c: &Ctx<'_>,
    spec: &ScatterSpec,
    outliers: Option<&ParameterOutliers>,
) -> (Figure, Tally, usize) {
    let by = c.options.color_by();
    let y_log = c.options.y_is_log(c.chart);
    let colors = c.facts.colors(c.ds, by);
    let mut groups = colors.groups();
    let mut tally = Tally::default();
    let mut outliers_hidden = 0;
    let mut points = Vec::with_capacity(c.rows.len());
    for (row, m) in c.models() {
        let q = (spec.value)(m);
        let Some(v) = tally.value(q.value, y_log) else {
            continue;
        };
        let Some(x) = m.decimal_year() else {
            tally.undated += 1;
            continue;
        };
        let outlier = outliers.is_some() && c.facts.is_outlier(c.ds, row);
        if outlier && c.options.hide_outliers {
            outliers_hidden += 1;
            continue;
        }
        points.push(Point {
            x,
            y: v,
            row,
            series: colors.series_of(&groups, row),
            estimated: q.confidence == Confidence::Estimated,
            flagged: outlier,
            // Sparse models are marked on a parameters axis, with both counts in the tip.
            sparse: spec.y_format == TickFormat::Count && c.facts.is_sparse(c.ds, row),
        });
    }
    finish_series(&mut groups.series, &mut points, c.hidden);
    // Why an outlier is ringed (a sparse model's two counts are written when its tip is shown:
    // sparse_line).
    let marks = model_marks(points, |p| {
        let Some(m) = c.ds.models.get(p.row).filter(|_| p.flagged) else {
            return Vec::new();
        };
        outliers.and_then(|o| o.reason(m)).into_iter().collect()
    });

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
        data: c.data(),
    };
    (figure, tally, outliers_hidden)
}

/// Parameters (total, or active with `params=active`) against publication date, with the
/// outliers ringed or hidden, sparse models marked and the key models named.
pub(super) fn parameters_over_time(c: &Ctx<'_>) -> Figure {
    let outliers = c.facts.outliers(c.ds);
    let active = c.options.active_params;
    let measure = if active {
        Measure::ActiveParameters
    } else {
        Measure::Parameters
    };
    let spec = scatter_spec(measure);
    let (mut f, tally, hidden_outliers) = time_scatter(c, &spec, Some(outliers));
    labels::label_key_models(&mut f.marks, c.facts.key_rows(c.ds), true);
    // Counted in one pass: there can be a million marks.
    let (sparse, shown_outliers) = f.marks.iter().fold((0, 0), |(s, o), m| {
        (s + usize::from(m.sparse), o + usize::from(m.emphasis))
    });
    let dense = f.marks.len() >= crate::chart::DENSITY_FROM;
    let sparse_note = match (sparse, active) {
        (0, _) => String::new(),
        // A density grid draws no diamonds.
        (_, false) if dense => String::new(),
        (n, false) => format!(
            "diamonds: {} (mixture-of-experts), plotted at their total parameters",
            plural(n, "sparse model", "sparse models")
        ),
        (n, true) => format!(
            "diamonds: {} (mixture-of-experts), plotted at their active parameters per token; the others at their total",
            plural(n, "sparse model", "sparse models")
        ),
    };
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
        sparse_note,
        estimates_note(&f.marks),
        tally.describe(if active {
            "a known count (active for sparse models)"
        } else {
            "one"
        }),
    ]);
    flag_column(&mut f, "Outlier");
    f
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

/// A factor per year, "4.2×".
fn factor(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.1}×")
    } else {
        "∞".to_owned()
    }
}

/// "grows 4.2× per year (95% CI 3.1×–5.6×, n=40), doubling every 5.8 months".
fn growth_text(f: &Fit) -> String {
    let g: Growth = trend::growth_per_year(f);
    let doubling = f.doubling_months().map_or(String::new(), |d| {
        format!(", doubling every {} months", months(d))
    });
    format!(
        "grows {} per year (95% CI {}–{}, n={}){doubling}",
        factor(g.per_year),
        factor(g.low),
        factor(g.high),
        f.n
    )
}

/// One trend of the compute chart: its name, how many points it had, its fit, its line colour,
/// the published figure beside it and its line label.
struct Trend {
    name: &'static str,
    n: usize,
    fit: Option<Fit>,
    color: (u8, u8, u8),
    published: String,
    /// The line label's name.
    short: &'static str,
    /// Epoch AI's frontier: stated as a factor per year.
    frontier: bool,
}

/// The published doubling time of era `era` (compute_eras.csv), "published 9.9 months
/// (7.7–17.1), Sevilla et al. 2022".
fn published_doubling(c: &Ctx<'_>, era: &str) -> String {
    c.ds.compute_eras
        .iter()
        .find(|e| e.era == era)
        .map_or(String::new(), |e| {
            let range = match (e.doubling_months_low, e.doubling_months_high) {
                (Some(lo), Some(hi)) => format!(" ({}–{})", months(lo), months(hi)),
                _ => String::new(),
            };
            format!(
                "published {} months{range}, Sevilla et al. 2022",
                months(e.doubling_months_central)
            )
        })
}

/// Training compute against publication date, with fitted trends — before 2010, the
/// regular-scale and the large-scale models of Sevilla et al. 2022 and Epoch AI's frontier —
/// each beside its published figure, and the large-scale models ringed.
pub(super) fn compute_over_time(c: &Ctx<'_>) -> Figure {
    let spec = scatter_spec(Measure::Compute);
    let (mut f, tally, _) = time_scatter(c, &spec, None);
    labels::label_key_models(&mut f.marks, c.facts.key_rows(c.ds), true);
    // (year, log10 compute) per mark; NaN where there is no positive value (never selected).
    let pts: Vec<(f64, f64)> = f
        .marks
        .iter()
        .map(|m| (m.x, if m.y > 0.0 { m.y.log10() } else { f64::NAN }))
        .collect();
    let large = trend::large_scale_rows(&pts);
    let frontier = trend::frontier_rows(&pts);
    let in_large_era = |i: usize| {
        large.get(i).copied().unwrap_or(false)
            && pts.get(i).is_some_and(|p| p.0 >= LARGE_SCALE_FROM)
    };
    for (i, m) in f.marks.iter_mut().enumerate() {
        // Its tip says so when shown (large_scale_line): a chart can ring 200 000 of them.
        m.emphasis = in_large_era(i);
        if frontier.get(i).copied().unwrap_or(false) {
            m.tip.push(format!(
                "Frontier: among the {} most compute-intensive models when published",
                trend::FRONTIER_TOP
            ));
        }
    }
    let count = |keep: &dyn Fn(usize, (f64, f64)) -> bool| {
        pts.iter()
            .enumerate()
            .filter(|(i, p)| p.0.is_finite() && p.1.is_finite() && keep(*i, **p))
            .count()
    };
    let before: Vec<(f64, f64)> = pts
        .iter()
        .copied()
        .filter(|p| p.0 < DEEP_LEARNING_FROM && p.1.is_finite())
        .collect();
    let trends = [
        Trend {
            name: "Before 2010",
            n: before.len(),
            fit: fit::least_squares(&before),
            color: (110, 110, 110),
            published: published_doubling(c, "pre-deep-learning"),
            short: "Before 2010",
            frontier: false,
        },
        Trend {
            name: "Regular-scale, 2010 onward",
            n: count(&|i, p| p.0 >= DEEP_LEARNING_FROM && !in_large_era(i)),
            fit: trend::regular_scale_fit(
                &pts,
                &large,
                DEEP_LEARNING_FROM..f64::INFINITY,
                LARGE_SCALE_FROM,
            ),
            color: (33, 37, 41),
            published: published_doubling(c, "deep-learning"),
            short: "Regular-scale",
            frontier: false,
        },
        Trend {
            name: "Large-scale, from Sep 2015",
            n: count(&|i, _| in_large_era(i)),
            fit: trend::large_scale_fit(&pts, &large, LARGE_SCALE_FROM..f64::INFINITY),
            color: (170, 20, 60),
            published: published_doubling(c, "large-scale"),
            short: "Large-scale",
            frontier: false,
        },
        Trend {
            name: "Frontier (running top 10), from 2018",
            n: count(&|i, p| {
                frontier.get(i).copied().unwrap_or(false) && p.0 >= trend::FRONTIER_FROM
            }),
            fit: trend::frontier_fit(&pts, &frontier, trend::FRONTIER_FROM..f64::INFINITY),
            color: (0, 114, 178),
            // "recent frontier growth since 2018 is better described as a 4x/year trend"
            // (Epoch AI 2024), against 4–5x/year for the whole period since 2010.
            published:
                "published about 4× per year since 2018 (4–5× per year since 2010), Epoch AI 2024"
                    .to_owned(),
            short: "Frontier",
            frontier: true,
        },
    ];
    for t in &trends {
        // A trend with no visible point (e.g. before the time window) says nothing here.
        if t.n == 0 {
            continue;
        }
        let found = match &t.fit {
            Some(ft) if t.frontier => growth_text(ft),
            Some(ft) => doubling_text(ft),
            None => format!("too few visible points to fit (n={})", t.n),
        };
        let text = if t.published.is_empty() {
            found
        } else {
            format!("{found} · {}", t.published)
        };
        f.notes.push(Note {
            term: t.name.to_owned(),
            text,
            on_canvas: true,
        });
        if let Some(ft) = &t.fit {
            if let Some(d) = ft.doubling_months() {
                let label = if t.frontier {
                    format!(
                        "{}: {}/yr",
                        t.short,
                        factor(trend::growth_per_year(ft).per_year)
                    )
                } else {
                    format!("{}: {} mo", t.short, months(d))
                };
                f.lines.push(Line {
                    points: sampled(ft.x_min, ft.x_max, false, |x| 10f64.powf(ft.at(x))),
                    label,
                    color: t.color,
                    dashed: false,
                });
            }
        }
    }
    for (term, text) in [
        ("Large-scale method", trend::large_scale_method()),
        ("Frontier method", trend::frontier_method()),
    ] {
        f.notes.push(Note {
            term: term.to_owned(),
            text,
            on_canvas: false,
        });
    }
    f.subtitle = join_subtitle(vec![
        format!(
            "{} with a known training compute, {}; ringed: large-scale (more than {} standard deviations above the models published within a year of them, from Sep 2015)",
            plural(f.marks.len(), "model", "models"),
            colored_by(c.options.color_by()),
            trend::LARGE_SCALE_Z
        ),
        estimates_note(&f.marks),
        tally.describe("one"),
    ]);
    f.source = format!(
        "{SOURCE_LINE}. Trends fitted here on the visible points; published figures: Sevilla et al. 2022, Compute Trends Across Three Eras of Machine Learning; Epoch AI 2024, Training Compute of Frontier AI Models Grows by 4-5x per Year (CC BY)"
    );
    flag_column(&mut f, "Large-scale");
    f
}
