//! Training tokens against parameters, with the compute-optimal (Chinchilla) line and the
//! under-trained rule.

use super::{
    colored_by, estimates_note, finish_series, join_subtitle, model_columns, model_marks, plural,
    sampled, Ctx, Point, Tally,
};
use crate::chart::figure::{Axis, Figure, Kind, Line, Table, TickFormat};
use crate::chart::SOURCE_LINE;
use crate::data::Confidence;
use crate::data::{Num, Text};

/// Chinchilla's compute-optimal ratio: about 20 training tokens per parameter (Hoffmann et
/// al. 2022).
pub const CHINCHILLA_TOKENS_PER_PARAMETER: f64 = 20.0;

/// A model is *under-trained* when it saw fewer than this many tokens per parameter: more
/// than ten times below the compute-optimal ratio.
pub const UNDER_TRAINED_RATIO: f64 = 2.0;

/// Whether a model with `parameters` trained on `tokens` is under-trained by the Chinchilla
/// rule: fewer than [`UNDER_TRAINED_RATIO`] tokens per parameter (ten times below the
/// compute-optimal 20).
pub fn is_under_trained(parameters: f64, tokens: f64) -> bool {
    parameters > 0.0 && tokens >= 0.0 && tokens < UNDER_TRAINED_RATIO * parameters
}

/// Training tokens (tokens only, any domain) against parameters, with the compute-optimal line and
/// the under-trained models ringed and named.
pub(super) fn tokens_vs_parameters(c: &Ctx<'_>) -> Figure {
    let by = c.options.color_by();
    let x_log = c.options.x_is_log(c.chart);
    let y_log = c.options.y_is_log(c.chart);
    let colors = c.facts.colors(c.ds, by);
    let mut groups = colors.groups();
    let mut points = Vec::new();
    let mut tally = Tally::default();
    // Tokens only: a dataset counted in images, pairs, words… is left out and counted.
    let mut other_units = 0;
    for (row, m) in c.models() {
        let (Some(p), Some(t)) = (
            m.num(Num::Parameters).value.filter(|v| v.is_finite()),
            m.num(Num::TrainingTokens).value.filter(|v| v.is_finite()),
        ) else {
            let unit = m.text(Text::TrainingDataUnit);
            if m.value(Num::TrainingDataSize).is_some() && !unit.is_empty() && unit != "tokens" {
                other_units += 1;
            } else {
                tally.missing += 1;
            }
            continue;
        };
        if (x_log && p <= 0.0) || (y_log && t <= 0.0) {
            tally.non_positive += 1;
            continue;
        }
        points.push(Point {
            x: p,
            y: t,
            row,
            series: colors.series_of(&groups, row),
            estimated: m.num(Num::TrainingTokens).confidence == Confidence::Estimated
                || m.num(Num::Parameters).confidence == Confidence::Estimated,
            flagged: is_under_trained(p, t),
            sparse: c.facts.is_sparse(c.ds, row),
        });
    }
    finish_series(&mut groups.series, &mut points, c.hidden);
    let mut marks = model_marks(points, |p| {
        if p.flagged {
            vec![format!(
                "Under-trained by the Chinchilla rule (compute-optimal ≈ {CHINCHILLA_TOKENS_PER_PARAMETER:.0} tokens per parameter)"
            )]
        } else {
            Vec::new()
        }
    });
    crate::chart::labels::label_key_models(&mut marks, c.facts.key_rows(c.ds), false);
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
    let sparse = marks.iter().filter(|m| m.sparse).count();
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
                plural(marks.len(), "model", "models"),
                colored_by(by)
            ),
            if sparse > 0 {
                format!(
                    "diamonds: {} (mixture-of-experts), at their total parameters",
                    plural(sparse, "sparse model", "sparse models")
                )
            } else {
                String::new()
            },
            estimates_note(&marks),
            tally.describe("both values"),
            if other_units > 0 {
                format!(
                    "{} left out: their training data is counted in images, pairs, words or other units, not tokens",
                    plural(other_units, "model", "models")
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
        data: c.data(),
    }
}

/// Training tokens per parameter (NaN without parameters).
pub(super) fn tokens_per_parameter(p: f64, t: f64) -> f64 {
    if p > 0.0 {
        t / p
    } else {
        f64::NAN
    }
}
