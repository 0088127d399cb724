//! Where things go: rectangles, the geometry a drawing returns for hit-testing and zoom, and
//! the layout of the page (margins, header and footer, the plot area and its scales).

use plotters::prelude::*;

use super::density::DensityKey;
use super::index::{distance, HitIndex};
use super::pen::{text_width, Pen, Style};
use crate::chart::figure::{Figure, Kind};
use crate::chart::scale::{ticks, transform, Scale, Tick, Viewport};

/// A rectangle in backend pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Rect {
    /// Whether `p` lies inside (edges included).
    pub fn contains(&self, p: (f64, f64)) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }

    /// Whether it overlaps `o`.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether it lies inside `o`.
    pub fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }

    /// Width.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

/// Where a drawn mark landed.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index into [`Figure::marks`].
    pub mark: usize,
    /// Anchor of its tooltip (point centre, bar end), backend pixels.
    pub center: (f64, f64),
    /// Its clickable area.
    pub rect: Rect,
}

/// Where things landed on the drawing, in backend pixels: for hit-testing, tooltips, legend
/// clicks and zoom.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geometry {
    /// Drawing width.
    pub width: u32,
    /// Drawing height.
    pub height: u32,
    /// Backend pixels per CSS pixel.
    pub scale: f64,
    /// The plot area.
    pub plot: Rect,
    /// The x scale (value axes only; meaningless for categories).
    pub x: Scale,
    /// The y scale.
    pub y: Scale,
    /// Whether wheel and drag zoom apply (continuous axes).
    pub zoomable: bool,
    /// The drawn marks, in the figure's order.
    pub hits: Vec<Hit>,
    /// Legend entries: series index and area.
    pub legend: Vec<(usize, Rect)>,
    /// The names drawn beside points: the mark and the name's box.
    pub labels: Vec<(usize, Rect)>,
    /// The boxes of the trend and reference lines' labels.
    pub line_labels: Vec<Rect>,
    /// A density chart's key (`None` when each mark is drawn).
    pub density: Option<DensityKey>,
    /// The index of `hits` for [`Geometry::mark_at`] (scatter charts; empty otherwise).
    pub index: HitIndex,
}

impl Geometry {
    /// The mark under `p`: the nearest point within `radius`, or the bar containing `p`.
    /// Looks only near `p` when the hits are indexed ([`HitIndex`]); the same answer as a scan.
    pub fn mark_at(&self, p: (f64, f64), radius: f64) -> Option<usize> {
        if let Some(found) = self.index.nearest(&self.hits, p, radius) {
            return found;
        }
        self.scan_mark_at(p, radius)
    }

    /// [`Geometry::mark_at`] by a scan of every hit.
    pub fn scan_mark_at(&self, p: (f64, f64), radius: f64) -> Option<usize> {
        let mut best: Option<(f64, usize)> = None;
        for h in &self.hits {
            let d = distance(h, p);
            if d <= radius && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, h.mark));
            }
        }
        best.map(|(_, m)| m)
    }

    /// The drawn position of mark `mark`.
    pub fn hit(&self, mark: usize) -> Option<&Hit> {
        self.hits.iter().find(|h| h.mark == mark)
    }

    /// The legend entry under `p` (a series index).
    pub fn legend_at(&self, p: (f64, f64)) -> Option<usize> {
        self.legend
            .iter()
            .find(|(_, r)| r.contains(p))
            .map(|(s, _)| *s)
    }

    /// The view after a zoom by `factor` (< 1 zooms in) around `at`; `None` when the chart
    /// does not zoom or `at` is outside the plot.
    pub fn zoomed(&self, at: (f64, f64), factor: f64) -> Option<Viewport> {
        if !self.zoomable || !self.plot.contains(at) {
            return None;
        }
        Viewport::zoomed(&self.x, &self.y, at, factor)
    }

    /// The view of the box dragged from `p0` to `p1` (clamped to the plot).
    pub fn box_zoom(&self, p0: (f64, f64), p1: (f64, f64)) -> Option<Viewport> {
        if !self.zoomable {
            return None;
        }
        let clamp = |p: (f64, f64)| {
            (
                p.0.clamp(self.plot.x0, self.plot.x1),
                p.1.clamp(self.plot.y0, self.plot.y1),
            )
        };
        let (a, b) = (clamp(p0), clamp(p1));
        let min = 8.0 * self.scale;
        if (a.0 - b.0).abs() < min || (a.1 - b.1).abs() < min {
            return None;
        }
        Viewport::from_box(&self.x, &self.y, a, b)
    }
}

/// A data range for `values` (plus `include`) on a linear or log axis, with a margin that
/// does not reach past an included bound (bars start exactly at 0, percentages end at 100).
fn auto_range(values: &[f64], include: &[f64], log: bool, pad: f64) -> Option<(f64, f64)> {
    let usable = |v: &&f64| transform(**v, log).is_some();
    let all: Vec<f64> = values
        .iter()
        .chain(include.iter())
        .filter(usable)
        .copied()
        .collect();
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) {
        return None;
    }
    let (tl, th) = (transform(lo, log)?, transform(hi, log)?);
    let span = if th > tl {
        th - tl
    } else if log {
        1.0
    } else {
        hi.abs().max(1.0)
    };
    let bound = |v: f64| include.iter().any(|i| (i - v).abs() < 1e-12);
    let mut a = if bound(lo) { tl } else { tl - span * pad };
    let mut b = if bound(hi) { th } else { th + span * pad };
    if log {
        // Whole decades when the data spans more than one, for round tick values.
        if b - a >= 1.0 {
            a = a.floor();
            b = b.ceil();
        }
        Some((10f64.powf(a), 10f64.powf(b)))
    } else {
        if a == b {
            a -= 0.5;
            b += 0.5;
        }
        Some((a, b))
    }
}

/// The page around the plot: the text column's edges and where the notes go.
pub(super) struct Frame {
    /// Left edge of the text and of the y-axis title, backend pixels.
    pub(super) left: f64,
    /// Right edge.
    pub(super) right: f64,
    /// A thumbnail: title and plot only.
    pub(super) compact: bool,
    /// Narrower than 600 CSS pixels: a longer subtitle.
    pub(super) narrow: bool,
    /// Under 500 × 640 CSS pixels (a phone, an embed): the subtitle and the source
    /// take at most two lines, so the plot keeps most of the height.
    pub(super) short: bool,
}

impl Frame {
    /// The frame of `fig` drawn `width` × `height` backend pixels with `style`.
    pub(super) fn new(style: &Style, width: f64, height: f64) -> Frame {
        let s = |css: f64| css * style.scale;
        let compact = style.compact;
        let left = s(if compact { 6.0 } else { 12.0 });
        let right = width - s(if compact { 6.0 } else { 14.0 });
        let narrow = (right - left) / style.scale < 600.0;
        Frame {
            left,
            right,
            compact,
            narrow,
            short: !compact && width / style.scale < 500.0 && height / style.scale < 640.0,
        }
    }
}

/// The plot area, its scales and what the axes around it need.
pub(super) struct Layout {
    /// The plot area.
    pub(super) plot: Rect,
    /// The x scale.
    pub(super) xs: Scale,
    /// The y scale.
    pub(super) ys: Scale,
    /// The y axis's ticks (none for bars, whose categories label the rows).
    pub(super) y_ticks: Vec<Tick>,
    /// Tick label font size, CSS pixels.
    pub(super) tick_size: f64,
    /// Whether the y axis has a title.
    pub(super) has_y_title: bool,
}

/// Lays out the plot between `top` (under the header) and `bottom` (above the source line):
/// the value ranges (`view` zooms a scatter chart), then the left margin, which depends on the
/// y tick labels.
pub(super) fn layout<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    view: Option<&Viewport>,
    frame: &Frame,
    top: f64,
    bottom: f64,
) -> Layout {
    let s = |css: f64| pen.px(css);
    let compact = frame.compact;
    let tick_size = if compact { 9.5 } else { 11.0 };
    let axis_title = if compact { 0.0 } else { 18.0 };
    let x_axis_h = s(tick_size * 1.6 + 6.0) + s(axis_title);
    let plot_top = top + s(if compact { 2.0 } else { 6.0 });
    let plot_bottom = bottom - x_axis_h;
    let ((x_lo, x_hi), (y_lo, y_hi)) = ranges(fig, view);

    // Left margin: y tick labels (or bar categories) plus the y-axis title.
    let y_probe = Scale::new(y_lo, y_hi, fig.y.log, plot_bottom, plot_top);
    let y_max_labels = (((plot_bottom - plot_top) / s(26.0)).floor() as usize).clamp(2, 12);
    let y_ticks = if fig.kind == Kind::Bars {
        Vec::new()
    } else {
        ticks(&y_probe, fig.y.format, y_max_labels)
    };
    let label_w = if fig.kind == Kind::Bars {
        let longest = fig
            .categories
            .iter()
            .map(|c| text_width(c, s(tick_size)))
            .fold(0.0, f64::max);
        longest.min((frame.right - frame.left) * if compact { 0.4 } else { 0.34 })
    } else {
        y_ticks
            .iter()
            .map(|t| text_width(&t.label, s(tick_size)))
            .fold(s(14.0), f64::max)
    };
    let has_y_title = !compact && !fig.y.title.is_empty();
    let plot = Rect {
        x0: frame.left + label_w + s(8.0) + if has_y_title { s(20.0) } else { 0.0 },
        y0: plot_top,
        x1: frame.right - s(4.0),
        y1: plot_bottom.max(plot_top + s(20.0)),
    };
    Layout {
        plot,
        xs: Scale::new(x_lo, x_hi, fig.x.log, plot.x0, plot.x1),
        ys: Scale::new(y_lo, y_hi, fig.y.log, plot.y1, plot.y0),
        y_ticks,
        tick_size,
        has_y_title,
    }
}

/// The x and y value ranges of `fig` (`view` for a zoomed scatter chart).
fn ranges(fig: &Figure, view: Option<&Viewport>) -> ((f64, f64), (f64, f64)) {
    let values_y: Vec<f64> = fig.marks.iter().flat_map(|m| [m.y, m.base]).collect();
    let values_x: Vec<f64> = fig.marks.iter().map(|m| m.x).collect();
    let (x_range, y_range) = match fig.kind {
        Kind::Scatter => {
            let xr = view
                .map(|v| v.x)
                .or_else(|| auto_range(&values_x, &fig.x.include, fig.x.log, 0.04));
            let yr = view
                .map(|v| v.y)
                .or_else(|| auto_range(&values_y, &fig.y.include, fig.y.log, 0.05));
            (xr, yr)
        }
        Kind::Bars => (
            auto_range(&values_x, &fig.x.include, fig.x.log, 0.04),
            Some((0.0, 1.0)),
        ),
        Kind::Columns | Kind::Stacked => {
            let mut ys = values_y;
            ys.extend(fig.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)));
            let n = fig.categories.len().max(1) as f64;
            (
                Some((-0.5, n - 0.5)),
                // Room above the tallest column for its value and name.
                auto_range(&ys, &fig.y.include, fig.y.log, 0.16),
            )
        }
    };
    (
        x_range.unwrap_or(if fig.x.log { (1.0, 10.0) } else { (0.0, 1.0) }),
        y_range.unwrap_or(if fig.y.log { (1.0, 10.0) } else { (0.0, 1.0) }),
    )
}
