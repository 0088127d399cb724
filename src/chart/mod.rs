//! Charts: figures built from the dataset and the table's rows ([`figure`]), scales and zoom
//! ([`Scale`], [`Viewport`]), the trend fit ([`fit`]), and drawing generic over plotters'
//! `DrawingBackend` ([`draw()`]): the same function draws on the canvas, to SVG and in native
//! snapshot tests. Exports (SVG text, CSV) are in [`export`].
//!
//! Nothing here touches the browser: the UI (`ui::chart`) sizes the canvas, keeps the zoom
//! viewport and the hidden series, and hit-tests with the [`Geometry`] a drawing returns.

mod build;
mod draw;
pub mod export;
mod figure;
pub mod fit;
pub mod labels;
mod scale;
pub mod trend;
pub mod window;

pub use build::{
    benchmark_settings, figure, figure_of, highlight_target, is_under_trained, table, tip_lines,
    DatasetFacts, ParameterOutliers, CHINCHILLA_TOKENS_PER_PARAMETER, LARGE_SCALE_FROM,
    UNDER_TRAINED_RATIO,
};
pub use draw::{
    contrast, draw, draw_with, is_dense, Density, DensityKey, Geometry, Hit, HitIndex, Image,
    Painter, Rect, Rgb, Style, DARK_BG, DENSITY_CELL, DENSITY_FROM,
};
pub use figure::{
    Axis, Cell, Data, Figure, Kind, Label, Line, Mark, Note, Series, Table, TickFormat, Tip,
};
pub use scale::{ticks, Scale, Tick, Viewport};
pub use window::{TimeWindow, YearSpan, DEEP_LEARNING_FROM};

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
    /// Training cost against publication date, with a fitted growth rate.
    CostOverTime,
    /// Training energy against training compute, by hardware.
    EnergyVsCompute,
}

impl ChartId {
    /// Every chart, in gallery order.
    pub const ALL: [ChartId; 12] = [
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
        ChartId::CostOverTime,
        ChartId::EnergyVsCompute,
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
            ChartId::CostOverTime => "cost-over-time",
            ChartId::EnergyVsCompute => "energy-vs-compute",
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
            ChartId::CostOverTime => "Training cost over time",
            ChartId::EnergyVsCompute => "Training energy against compute",
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
    /// The years a time axis shows (`time=all`, `time=2012..2024`); see [`window`].
    pub time: TimeWindow,
    /// The parameters chart plots active parameters (per token) for sparse
    /// (mixture-of-experts) models instead of their total (`params=active`).
    pub active_params: bool,
    /// Models drawn emphasised and always named (`highlight=gpt-3,palm`, model ids); ids not
    /// plotted are listed in a note ([`figure`]).
    pub highlight: Vec<String>,
    /// The zoomed view of a scatter chart (`zoom=x0,x1,y0,y1`, data units); `None` = the
    /// whole figure. A view setting: the figure does not depend on it ([`Self::without_zoom`]).
    pub zoom: Option<Viewport>,
}

impl ChartId {
    /// The benchmark id (`benchmarks.csv`) of a leaderboard chart.
    pub fn benchmark(self) -> Option<&'static str> {
        match self {
            ChartId::Lambada => Some("lambada"),
            ChartId::ImagenetTop1 => Some("imagenet_top1"),
            ChartId::CocoFid => Some("coco_fid"),
            ChartId::Mmlu => Some("mmlu"),
            _ => None,
        }
    }

    /// Per axis (x, y): `Some(default)` when the axis can switch between log and linear,
    /// `None` when it has no such choice (time, categories, counts, percentages on bars).
    pub fn log_defaults(self, versus_parameters: bool) -> (Option<bool>, Option<bool>) {
        match self {
            ChartId::ParametersOverTime | ChartId::ComputeOverTime => (None, Some(true)),
            ChartId::Lambada | ChartId::ImagenetTop1 | ChartId::CocoFid | ChartId::Mmlu => {
                if versus_parameters {
                    (Some(true), Some(false))
                } else {
                    (None, None)
                }
            }
            ChartId::ImagenetChallenge => (None, Some(false)),
            ChartId::TokensVsParameters => (Some(true), Some(true)),
            ChartId::ModelsByCountry | ChartId::ModelsByOrganization => (None, None),
            ChartId::CostOverTime => (None, Some(true)),
            ChartId::EnergyVsCompute => (Some(true), Some(true)),
        }
    }

    /// Whether points or bars are coloured by a [`ColorBy`] choice.
    pub fn uses_color(self) -> bool {
        !matches!(
            self,
            ChartId::ImagenetChallenge
                | ChartId::ModelsByCountry
                | ChartId::ModelsByOrganization
                // Coloured by organization and by hardware, their own groupings.
                | ChartId::CostOverTime
                | ChartId::EnergyVsCompute
        )
    }

    /// Whether the chart has a time axis with a window ([`ChartOptions::time`]).
    pub fn has_time_window(self) -> bool {
        matches!(
            self,
            ChartId::ParametersOverTime
                | ChartId::ComputeOverTime
                | ChartId::ModelsByCountry
                | ChartId::ModelsByOrganization
        )
    }

    /// Whether the chart offers the name-labels choice (`labels=1`). Leaderboards against
    /// parameters always name their few points.
    pub fn has_point_labels(self) -> bool {
        matches!(
            self,
            ChartId::ParametersOverTime
                | ChartId::ComputeOverTime
                | ChartId::TokensVsParameters
                | ChartId::CostOverTime
                | ChartId::EnergyVsCompute
        )
    }
}

impl ChartOptions {
    /// Whether `chart`'s x axis is drawn on a log scale with these options.
    pub fn x_is_log(&self, chart: ChartId) -> bool {
        chart
            .log_defaults(self.versus_parameters)
            .0
            .is_some_and(|d| self.x_log.unwrap_or(d))
    }

    /// Whether `chart`'s y axis is drawn on a log scale with these options.
    pub fn y_is_log(&self, chart: ChartId) -> bool {
        chart
            .log_defaults(self.versus_parameters)
            .1
            .is_some_and(|d| self.y_log.unwrap_or(d))
    }

    /// A copy with the x scale set; the chart's default is stored as `None` (not in the URL).
    pub fn with_x_log(&self, chart: ChartId, log: bool) -> ChartOptions {
        let default = chart.log_defaults(self.versus_parameters).0;
        ChartOptions {
            x_log: (default != Some(log)).then_some(log),
            ..self.clone()
        }
    }

    /// A copy with the y scale set; the chart's default is stored as `None` (not in the URL).
    pub fn with_y_log(&self, chart: ChartId, log: bool) -> ChartOptions {
        let default = chart.log_defaults(self.versus_parameters).1;
        ChartOptions {
            y_log: (default != Some(log)).then_some(log),
            ..self.clone()
        }
    }

    /// A copy without the zoom: what the figure is built from (so zooming never rebuilds it).
    pub fn without_zoom(&self) -> ChartOptions {
        ChartOptions {
            zoom: None,
            ..self.clone()
        }
    }

    /// `self` as the options after a change from `previous`: a change of anything but the
    /// zoom (scales, what is plotted) unzooms, since the zoomed ranges belong to the old view.
    pub fn unzoomed_if_changed(self, previous: &ChartOptions) -> ChartOptions {
        if self.without_zoom() == previous.without_zoom() {
            self
        } else {
            ChartOptions { zoom: None, ..self }
        }
    }

    /// The colour choice (domain when none is set).
    pub fn color_by(&self) -> ColorBy {
        self.color.unwrap_or_default()
    }
}

/// The source line of charts drawn from the curated dataset.
pub const SOURCE_LINE: &str =
    "Source: the Model Atlas dataset (developers' publications; Epoch AI, CC BY 4.0)";

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
    PALETTE
        .get(i % PALETTE.len())
        .copied()
        .unwrap_or((90, 90, 90))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod costs_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod density_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod figure_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod theme_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod undated_tests;
