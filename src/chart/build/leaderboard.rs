//! The benchmark leaderboards: the best result per model in one evaluation setting, as ranked
//! bars or against parameters.

use crate::data::Num;
use std::collections::BTreeMap;

use super::{
    clip_text, color_key, colored_by, finish_series, join_subtitle, mark_id, plural, quantity_text,
    sort_marks, Ctx, Tally,
};
use crate::chart::figure::{Axis, Cell, Figure, Kind, Label, Mark, Table, TickFormat, Tip};
use crate::chart::{ChartId, SOURCE_LINE};
use crate::data::{Confidence, Dataset, Model};
use crate::fast_hash::{FastMap, FastSet};
use crate::format;

/// The colour of a leaderboard whose entries all fall in one colour group.
const ONE_COLOUR: (u8, u8, u8) = (52, 58, 64);

/// The value axis of a ranked leaderboard: from a round number below the lowest score to one
/// above the highest (at most 100 for percentages), so the differences show; the step is
/// 1, 2 or 5 × a power of ten, about a fifth of the scores' span.
pub(crate) fn value_range(values: impl Iterator<Item = f64>, percent: bool) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, if percent { 100.0 } else { 1.0 });
    }
    let span = if hi > lo { hi - lo } else { hi.abs().max(1.0) };
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|k| k * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let mut a = ((lo - span * 0.05) / step).floor() * step;
    let mut b = ((hi + span * 0.05) / step).ceil() * step;
    if lo >= 0.0 {
        a = a.max(0.0);
    }
    if percent && hi <= 100.0 {
        b = b.min(100.0);
    }
    // Whole numbers print without a trailing ".0".
    a = (a * 1e6).round() / 1e6;
    b = (b * 1e6).round() / 1e6;
    (a, b)
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
    crate::sort::sort_by(&mut out, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// A benchmark leaderboard: each visible model's best result in the chosen setting, ranked
/// (bars) or against parameters (scatter).
pub(super) fn leaderboard(c: &Ctx<'_>) -> Figure {
    let bench = c.chart.benchmark().unwrap_or_default();
    let info = c.ds.benchmark_info.iter().find(|i| i.id == bench);
    let higher_is_better = c.ds.higher_is_better(bench);
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
    crate::sort::sort_by(&mut results, |a, b| {
        let o = a.1.value.total_cmp(&b.1.value);
        let o = if higher_is_better { o.reverse() } else { o };
        o.then_with(|| a.0.name.cmp(&b.0.name))
    });
    // One decimal for every score, so the column reads evenly (the CSV keeps full precision).
    let score_text = |v: f64| {
        if unit == "%" {
            format!("{v:.1}%")
        } else {
            format!("{v:.1} {unit}")
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
    let mut groups = c.facts.colors(c.ds, by).groups();
    let versus = c.options.versus_parameters;
    let x_log = c.options.x_is_log(c.chart);
    let y_log = c.options.y_is_log(c.chart);
    let mut marks = Vec::new();
    let mut tally = Tally::default();
    let mut rows_by_id: FastMap<String, Vec<Cell>> = FastMap::default();
    for (rank, (m, r)) in results.iter().enumerate() {
        let model = row_of
            .get(m.id.as_str())
            .and_then(|&row| u32::try_from(row).ok());
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
                quantity_text(m.num(Num::Parameters), p, format::short_count)
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
            let Some((p, _)) = tally.point((params, x_log), (Some(r.value), y_log)) else {
                continue;
            };
            marks.push(Mark {
                x: p,
                y: r.value,
                base: r.value,
                series,
                model,
                label: Label::Model,
                estimated: m.num(Num::Parameters).confidence == Confidence::Estimated,
                emphasis: false,
                sparse: false,
                always_label: true,
                highlight: false,
                tip: Tip::Lines(tip),
            });
        } else {
            marks.push(Mark {
                x: r.value,
                y: 0.0,
                base: 0.0,
                series,
                model,
                label: Label::Model,
                estimated: false,
                emphasis: false,
                sparse: false,
                always_label: false,
                highlight: false,
                tip: Tip::Lines(tip),
            });
        }
        rows_by_id.insert(m.id.clone(), cells);
    }
    finish_series(&mut groups.series, &mut marks, c.hidden);
    // One colour means nothing: drawn in ink, with no legend and no "coloured by".
    let one_colour = groups.series.len() == 1 && !groups.series.iter().any(|s| s.hidden);
    if one_colour {
        if let Some(s) = groups.series.first_mut() {
            s.color = ONE_COLOUR;
        }
    }
    let (axis_lo, axis_hi) = value_range(marks.iter().map(|m| m.x), unit == "%");
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
        marks
            .iter()
            .map(|m| m.model_in(c.ds).map_or(String::new(), |d| d.name.clone()))
            .collect()
    };
    let mut table_rows: Vec<(Option<String>, Vec<Cell>)> = Vec::new();
    let order: Vec<&str> = if versus {
        results.iter().map(|(m, _)| m.id.as_str()).collect()
    } else {
        marks.iter().filter_map(|m| mark_id(c.ds, m)).collect()
    };
    let drawn: FastSet<&str> = marks.iter().filter_map(|m| mark_id(c.ds, m)).collect();
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
        if one_colour {
            String::new()
        } else {
            colored_by(by)
        },
        if versus || marks.is_empty() {
            String::new()
        } else {
            format!(
                "the axis starts at {}, not at zero, to show the differences",
                if unit == "%" {
                    format!("{axis_lo}%")
                } else {
                    format!("{axis_lo}")
                }
            )
        },
        tally.describe("a known parameter count"),
    ]);
    let value_axis = Axis {
        title: value_title,
        log: if versus { y_log } else { false },
        format,
        include: if versus {
            Vec::new()
        } else {
            vec![axis_lo, axis_hi]
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
        data: c.data(),
    }
}
