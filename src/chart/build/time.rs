//! The two time charts: parameters and training compute against the publication date, with
//! the parameter outliers, the compute chart's eras, fitted doubling times and large-scale rule.

use super::{
    color_key, colored_by, estimates_note, finish_series, flag_column, flop_text, join_subtitle,
    model_columns, plural, sampled, sort_marks, Ctx, Groups, Tally,
};
use crate::chart::figure::{Axis, Figure, Kind, Line, Mark, Table, TickFormat, Tip};
use crate::chart::fit::{self, Fit};
use crate::chart::SOURCE_LINE;
use crate::data::{Confidence, Dataset, Model, Quantity};
use crate::data::{Num, Text};
use crate::fast_hash::FastMap;
use crate::format;

/// The large-scale era starts in September 2015 (Sevilla et al. 2022), as a decimal year.
pub const LARGE_SCALE_FROM: f64 = 2015.0 + 8.0 / 12.0;

/// How far above the 2010-onward compute trend a model must lie to count as large-scale, in
/// decades (10^0.5 ≈ 3.2×).
pub const LARGE_SCALE_MARGIN: f64 = 0.5;

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

/// The two time charts' specs: parameters (`true`) or training compute.
pub(super) fn scatter_spec(parameters: bool) -> ScatterSpec {
    if parameters {
        ScatterSpec {
            y_title: "Parameters".to_owned(),
            y_format: TickFormat::Count,
            value: |m| m.num(Num::Parameters),
            fmt: format::short_count,
            value_column: "Parameters",
        }
    } else {
        ScatterSpec {
            y_title: "Training compute (FLOP)".to_owned(),
            y_format: TickFormat::Flop,
            value: |m| m.num(Num::TrainingCompute),
            fmt: flop_text,
            value_column: "Training compute (FLOP)",
        }
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

/// Parameters against publication date, with the outliers ringed or hidden.
pub(super) fn parameters_over_time(c: &Ctx<'_>) -> Figure {
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

/// Training compute against publication date, with a fitted trend and doubling time per era
/// and the large-scale models ringed.
pub(super) fn compute_over_time(c: &Ctx<'_>) -> Figure {
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
        // An era with no visible point (e.g. before the time window) says nothing here.
        if n == 0 {
            continue;
        }
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
