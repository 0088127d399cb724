//! Chart specifications built from the dataset, scales, and drawing (generic over plotters'
//! `DrawingBackend`, so the same code draws to a canvas, to SVG and in native tests).

mod draw;

pub use draw::{draw_scatter, Geometry};

use crate::data::{Dataset, Model};

/// The charts Model Atlas draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartId {
    /// Parameters against publication date.
    ParametersOverTime,
}

impl ChartId {
    /// Every chart.
    pub const ALL: [ChartId; 1] = [ChartId::ParametersOverTime];

    /// The URL id (`#/charts/<id>`).
    pub fn id(self) -> &'static str {
        match self {
            ChartId::ParametersOverTime => "parameters-over-time",
        }
    }

    /// The chart's title.
    pub fn title(self) -> &'static str {
        match self {
            ChartId::ParametersOverTime => "Model size over time",
        }
    }

    /// The chart with this URL id.
    pub fn from_id(id: &str) -> Option<ChartId> {
        ChartId::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// One plotted point.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// x in data units (a decimal year for time axes).
    pub x: f64,
    /// y in data units.
    pub y: f64,
    /// The series (index into [`Scatter::series`]).
    pub series: usize,
    /// The model's row in the dataset.
    pub row: usize,
    /// Whether the y value is an estimate (drawn hollow).
    pub estimated: bool,
}

/// A scatter chart ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Scatter {
    /// Title.
    pub title: String,
    /// Subtitle (what is shown, how many points).
    pub subtitle: String,
    /// x-axis description.
    pub x_label: String,
    /// y-axis description with units.
    pub y_label: String,
    /// Source line.
    pub source: String,
    /// Series names, in legend order.
    pub series: Vec<String>,
    /// The points.
    pub points: Vec<Point>,
    /// Whether y is on a log scale.
    pub y_log: bool,
    /// Rows left out because their value was missing or not positive on a log axis.
    pub left_out: usize,
}

/// The source line of charts drawn from the curated dataset.
pub const SOURCE_LINE: &str =
    "Source: Model Atlas dataset (developers' papers; Epoch AI, CC BY 4.0)";

/// Parameters over time for the given rows, one series per domain.
pub fn parameters_over_time(ds: &Dataset, rows: &[usize]) -> Scatter {
    scatter_by_domain(
        ds,
        rows,
        |m| (m.parameters.value, m.parameters.confidence),
        ChartId::ParametersOverTime.title(),
        "Parameters (log scale)",
    )
}

fn scatter_by_domain(
    ds: &Dataset,
    rows: &[usize],
    value: impl Fn(&Model) -> (Option<f64>, crate::data::Confidence),
    title: &str,
    y_label: &str,
) -> Scatter {
    let mut series: Vec<String> = Vec::new();
    let mut points = Vec::new();
    let mut left_out = 0;
    for &row in rows {
        let Some(m) = ds.models.get(row) else {
            continue;
        };
        let (v, confidence) = value(m);
        match v {
            Some(y) if y > 0.0 && y.is_finite() => {
                let s = match series.iter().position(|d| *d == m.domain) {
                    Some(i) => i,
                    None => {
                        series.push(m.domain.clone());
                        series.len() - 1
                    }
                };
                points.push(Point {
                    x: m.date.decimal_year(),
                    y,
                    series: s,
                    row,
                    estimated: confidence == crate::data::Confidence::Estimated,
                });
            }
            _ => left_out += 1,
        }
    }
    let subtitle = format!(
        "{} models with a known value{}",
        points.len(),
        if left_out > 0 {
            format!("; {left_out} without one are not shown")
        } else {
            String::new()
        }
    );
    Scatter {
        title: title.to_owned(),
        subtitle,
        x_label: "Publication date".to_owned(),
        y_label: y_label.to_owned(),
        source: SOURCE_LINE.to_owned(),
        series,
        points,
        y_log: true,
        left_out,
    }
}

/// A range covering `values`, widened to whole powers of ten for a log axis. `None` when no
/// value is positive and finite (a log axis cannot show them).
pub fn log_range(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold(None, |acc: Option<(f64, f64)>, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })?;
    let lo = 10f64.powf(lo.log10().floor());
    let mut hi = 10f64.powf(hi.log10().ceil());
    if hi <= lo {
        hi = lo * 10.0;
    }
    Some((lo, hi))
}

/// A range covering `values` with a margin of `pad` (fraction of the span) on each side.
pub fn linear_range(values: impl IntoIterator<Item = f64>, pad: f64) -> Option<(f64, f64)> {
    let (lo, hi) =
        values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold(None, |acc: Option<(f64, f64)>, v| match acc {
                None => Some((v, v)),
                Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
            })?;
    let span = if hi > lo { hi - lo } else { 1.0 };
    Some((lo - span * pad, hi + span * pad))
}

/// The colour of series `i` (a colour-blind-safe palette, Okabe–Ito order, then greys).
pub fn series_color(i: usize) -> (u8, u8, u8) {
    const PALETTE: [(u8, u8, u8); 9] = [
        (0, 114, 178),
        (213, 94, 0),
        (0, 158, 115),
        (204, 121, 167),
        (230, 159, 0),
        (86, 180, 233),
        (120, 94, 240),
        (160, 120, 60),
        (90, 90, 90),
    ];
    PALETTE[i % PALETTE.len()]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
