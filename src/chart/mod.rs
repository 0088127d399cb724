//! Chart specifications built from the dataset, scales, and drawing (generic over plotters'
//! `DrawingBackend`, so the same code draws to a canvas, to SVG and in native tests).

mod draw;

pub use draw::{draw_scatter, Geometry};

use crate::data::{Dataset, Model};

/// The charts Model Atlas draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartId {
    /// Parameters against publication date.
    ParametersOverTime,
    /// Training compute against publication date, with fitted doubling times per era.
    ComputeOverTime,
    /// LAMBADA leaderboard.
    Lambada,
    /// ImageNet top-1 leaderboard.
    ImagenetTop1,
    /// MS-COCO FID leaderboard (lower is better).
    CocoFid,
    /// MMLU leaderboard.
    Mmlu,
    /// ILSVRC winning top-5 error by year, with the human baseline.
    ImagenetChallenge,
    /// Training tokens against parameters, with the compute-optimal line.
    TokensVsParameters,
    /// Models per country per year, stacked.
    ModelsByCountry,
    /// Models per organization per year, stacked.
    ModelsByOrganization,
}

impl ChartId {
    /// Every chart, in gallery order.
    pub const ALL: [ChartId; 10] = [
        ChartId::ParametersOverTime,
        ChartId::ComputeOverTime,
        ChartId::Lambada,
        ChartId::ImagenetTop1,
        ChartId::CocoFid,
        ChartId::Mmlu,
        ChartId::ImagenetChallenge,
        ChartId::TokensVsParameters,
        ChartId::ModelsByCountry,
        ChartId::ModelsByOrganization,
    ];

    /// The URL id (`#/charts/<id>`).
    pub fn id(self) -> &'static str {
        match self {
            ChartId::ParametersOverTime => "parameters-over-time",
            ChartId::ComputeOverTime => "compute-over-time",
            ChartId::Lambada => "lambada",
            ChartId::ImagenetTop1 => "imagenet-top1",
            ChartId::CocoFid => "coco-fid",
            ChartId::Mmlu => "mmlu",
            ChartId::ImagenetChallenge => "imagenet-challenge",
            ChartId::TokensVsParameters => "tokens-vs-parameters",
            ChartId::ModelsByCountry => "models-by-country",
            ChartId::ModelsByOrganization => "models-by-organization",
        }
    }

    /// The chart's title.
    pub fn title(self) -> &'static str {
        match self {
            ChartId::ParametersOverTime => "Model size over time",
            ChartId::ComputeOverTime => "Training compute over time",
            ChartId::Lambada => "LAMBADA accuracy",
            ChartId::ImagenetTop1 => "ImageNet top-1 accuracy",
            ChartId::CocoFid => "Text-to-image quality: MS-COCO FID",
            ChartId::Mmlu => "MMLU accuracy",
            ChartId::ImagenetChallenge => "ImageNet challenge: winning top-5 error",
            ChartId::TokensVsParameters => "Training tokens against parameters",
            ChartId::ModelsByCountry => "Models by country and year",
            ChartId::ModelsByOrganization => "Models by organization and year",
        }
    }

    /// The chart with this URL id.
    pub fn from_id(id: &str) -> Option<ChartId> {
        ChartId::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// What colours a chart's points or bars.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ColorBy {
    /// Model domain (the default).
    #[default]
    Domain,
    /// Type of the lead organization.
    OrgType,
    /// Country of the lead organization.
    Country,
    /// Access (open weights, API …).
    Access,
}

impl ColorBy {
    /// Every choice.
    pub const ALL: [ColorBy; 4] = [
        ColorBy::Domain,
        ColorBy::OrgType,
        ColorBy::Country,
        ColorBy::Access,
    ];

    /// The URL value (`color=orgtype`).
    pub fn id(self) -> &'static str {
        match self {
            ColorBy::Domain => "domain",
            ColorBy::OrgType => "orgtype",
            ColorBy::Country => "country",
            ColorBy::Access => "access",
        }
    }

    /// The label in the UI.
    pub fn label(self) -> &'static str {
        match self {
            ColorBy::Domain => "Domain",
            ColorBy::OrgType => "Organization type",
            ColorBy::Country => "Country",
            ColorBy::Access => "Access",
        }
    }

    /// The choice with this URL value.
    pub fn from_id(id: &str) -> Option<ColorBy> {
        ColorBy::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// A chart's own options (kept in the URL; `None`/default = the chart's own default).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChartOptions {
    /// Log x axis (`xscale=log|linear`); `None` = the chart's default.
    pub x_log: Option<bool>,
    /// Log y axis (`yscale=log|linear`); `None` = the chart's default.
    pub y_log: Option<bool>,
    /// Colour by (`color=`); `None` = domain.
    pub color: Option<ColorBy>,
    /// Label points with model names (`labels=1`).
    pub labels: bool,
    /// Hide outliers such as DLRM 12T (`outliers=0`); default shows them.
    pub hide_outliers: bool,
    /// Benchmark evaluation setting for leaderboards (`setting=zero-shot`); `None` = the most
    /// common setting of that benchmark.
    pub setting: Option<String>,
    /// Leaderboards: show score against parameters instead of bars (`vs=parameters`).
    pub versus_parameters: bool,
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
