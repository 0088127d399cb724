//! Drawing a [`Figure`], generic over plotters' `DrawingBackend`: the same function draws on
//! the canvas, to SVG and in native snapshot tests.
//!
//! Layout never asks the backend to measure text (plotters' web font measuring adds a DOM
//! element per label, and the page's Content-Security-Policy blocks the inline style it sets):
//! widths are estimated from character counts, generously, and labels that would overlap are
//! thinned out.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::figure::{Figure, Kind, Mark};
use super::scale::{ticks, transform, Scale, Viewport};

/// How to draw: the device-pixel scale and the kind of output.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Device pixels per CSS pixel (the canvas's devicePixelRatio; 1 for SVG). Every length
    /// and font size is multiplied by it, so the chart looks the same at any density.
    pub scale: f64,
    /// Font-size factor for the backend: 1 on a canvas; 1.24 for plotters' SVG backend, which
    /// divides font sizes by 1.24.
    pub text_scale: f64,
    /// Small thumbnail: title and plot only.
    pub compact: bool,
}

impl Style {
    /// Drawing on a canvas whose backing store is CSS size × `dpr`.
    pub fn canvas(dpr: f64) -> Style {
        Style {
            scale: if dpr.is_finite() && dpr > 0.25 {
                dpr
            } else {
                1.0
            },
            text_scale: 1.0,
            compact: false,
        }
    }

    /// Drawing to SVG (CSS pixels).
    pub fn svg() -> Style {
        Style {
            scale: 1.0,
            text_scale: 1.24,
            compact: false,
        }
    }

    /// The same style, compact or not.
    pub fn with_compact(self, compact: bool) -> Style {
        Style { compact, ..self }
    }
}

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

    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn inside(&self, o: &Rect) -> bool {
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
}

impl Geometry {
    /// The mark under `p`: the nearest point within `radius`, or the bar containing `p`.
    pub fn mark_at(&self, p: (f64, f64), radius: f64) -> Option<usize> {
        let mut best: Option<(f64, usize)> = None;
        for h in &self.hits {
            let d = if h.rect.contains(p) {
                0.0
            } else {
                let dx = h.center.0 - p.0;
                let dy = h.center.1 - p.1;
                (dx * dx + dy * dy).sqrt()
            };
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

type Rgb = (u8, u8, u8);
const INK: Rgb = (33, 37, 41);
const MUTED: Rgb = (96, 102, 110);
const GRID: Rgb = (234, 236, 239);
const AXIS: Rgb = (160, 166, 173);

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

fn rgb((r, g, b): Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

/// Backend pixel coordinate from a float (clamped far outside any canvas).
fn ip(v: f64) -> i32 {
    if v.is_finite() {
        // Clamped, so the cast cannot overflow.
        v.round().clamp(-1e6, 1e6) as i32
    } else {
        0
    }
}

/// The estimated width of `s` at font size `size` (any unit): a generous average glyph width
/// for sans-serif text, so that estimates err on the side of fewer labels.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.56
}

/// Splits `s` into lines of at most `max` estimated width.
fn wrap(s: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size) > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Shortens `s` to at most `max` estimated width, with an ellipsis.
fn fit_text(s: &str, size: f64, max: f64) -> String {
    if text_width(s, size) <= max {
        return s.to_owned();
    }
    let keep = ((max / (size * 0.56)).floor() as usize).saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    out
}

/// Drawing primitives in CSS units scaled to the backend.
struct Pen<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    st: Style,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    /// CSS pixels → backend pixels.
    fn px(&self, css: f64) -> f64 {
        css * self.st.scale
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &self,
        s: &str,
        at: (f64, f64),
        size_css: f64,
        color: Rgb,
        anchor: (HPos, VPos),
        bold: bool,
        vertical: bool,
    ) -> Result<(), String> {
        if s.is_empty() {
            return Ok(());
        }
        let size = self.px(size_css) * self.st.text_scale;
        let mut font = ("sans-serif", size).into_font();
        if bold {
            font = font.style(FontStyle::Bold);
        }
        if vertical {
            font = font.transform(FontTransform::Rotate270);
        }
        let style = font.color(&rgb(color)).pos(Pos::new(anchor.0, anchor.1));
        self.area
            .draw(&Text::new(s.to_owned(), (ip(at.0), ip(at.1)), style))
            .map_err(err)
    }

    fn rect(&self, r: Rect, color: Rgb, alpha: f64, filled: bool) -> Result<(), String> {
        let c = rgb(color).mix(alpha);
        let style = if filled {
            c.filled()
        } else {
            c.stroke_width(ip(self.px(1.0)).max(1) as u32)
        };
        self.area
            .draw(&Rectangle::new(
                [(ip(r.x0), ip(r.y0)), (ip(r.x1), ip(r.y1))],
                style,
            ))
            .map_err(err)
    }

    fn polyline(
        &self,
        pts: &[(f64, f64)],
        color: Rgb,
        width_css: f64,
        dashed: bool,
    ) -> Result<(), String> {
        if pts.len() < 2 {
            return Ok(());
        }
        let style = rgb(color).stroke_width(ip(self.px(width_css)).max(1) as u32);
        if !dashed {
            let path: Vec<(i32, i32)> = pts.iter().map(|p| (ip(p.0), ip(p.1))).collect();
            return self.area.draw(&PathElement::new(path, style)).map_err(err);
        }
        let (dash, gap) = (self.px(6.0), self.px(4.0));
        let mut on = true;
        let mut left = dash;
        for w in pts.windows(2) {
            let (Some(a), Some(b)) = (w.first(), w.get(1)) else {
                continue;
            };
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let mut t = 0.0;
            while t < len {
                let step = left.min(len - t);
                if on {
                    let p0 = (a.0 + (b.0 - a.0) * t / len, a.1 + (b.1 - a.1) * t / len);
                    let t1 = t + step;
                    let p1 = (a.0 + (b.0 - a.0) * t1 / len, a.1 + (b.1 - a.1) * t1 / len);
                    self.area
                        .draw(&PathElement::new(
                            vec![(ip(p0.0), ip(p0.1)), (ip(p1.0), ip(p1.1))],
                            style,
                        ))
                        .map_err(err)?;
                }
                t += step;
                left -= step;
                if left <= 1e-9 {
                    on = !on;
                    left = if on { dash } else { gap };
                }
            }
        }
        Ok(())
    }

    fn ring(&self, c: (f64, f64), r: f64, color: Rgb) -> Result<(), String> {
        let style = rgb(color).stroke_width(ip(self.px(1.0)).max(1) as u32);
        self.area
            .draw(&Circle::new((ip(c.0), ip(c.1)), ip(r).max(1), style))
            .map_err(err)
    }

    fn circle(&self, c: (f64, f64), r: f64, color: Rgb, fill: Option<f64>) -> Result<(), String> {
        let style = match fill {
            Some(alpha) => rgb(color).mix(alpha).filled(),
            None => rgb(color).stroke_width(ip(self.px(1.5)).max(1) as u32),
        };
        self.area
            .draw(&Circle::new((ip(c.0), ip(c.1)), ip(r).max(1), style))
            .map_err(err)
    }
}

/// Clips segment `a`–`b` to `r` (Liang–Barsky); `None` when it lies outside.
fn clip(a: (f64, f64), b: (f64, f64), r: &Rect) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p.abs() < 1e-12 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
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

/// Indices of labels to keep, so that no two overlap: every k-th, for the smallest k.
pub(crate) fn thin(spans: &[(f64, f64)], gap: f64) -> Vec<bool> {
    let n = spans.len();
    for k in 1..=n.max(1) {
        let kept: Vec<&(f64, f64)> = spans.iter().step_by(k).collect();
        let clear = kept
            .windows(2)
            .all(|w| matches!(w, [a, b] if b.0.min(b.1) >= a.0.max(a.1) + gap || a.0.min(a.1) >= b.0.max(b.1) + gap));
        if clear {
            return (0..n).map(|i| i % k == 0).collect();
        }
    }
    vec![false; n]
}

/// Draws `fig` onto `root` (title, subtitle, legend, axes, marks, lines, notes, source) and
/// returns where everything landed. `view` zooms a scatter chart to a data range.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    fig: &Figure,
    view: Option<&Viewport>,
    style: &Style,
) -> Result<Geometry, String> {
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let pen = Pen {
        area: root,
        st: *style,
    };
    let s = |css: f64| pen.px(css);
    let (wf, hf) = (f64::from(w), f64::from(h));
    let compact = style.compact;
    let mut geo = Geometry {
        width: w,
        height: h,
        scale: style.scale,
        ..Geometry::default()
    };

    // Header.
    let left = s(if compact { 6.0 } else { 12.0 });
    let right = wf - s(if compact { 6.0 } else { 14.0 });
    // Thumbnails sit under their own heading: no title on the drawing.
    let mut y = s(if compact { 6.0 } else { 10.0 });
    if !compact {
        let title_size = 17.0;
        for line in wrap(&fig.title, s(title_size) * 1.05, right - left)
            .iter()
            .take(2)
        {
            pen.text(
                line,
                (left, y),
                title_size,
                INK,
                (HPos::Left, VPos::Top),
                true,
                false,
            )?;
            y += s(title_size * 1.35);
        }
    }
    // Notes go in a box on the plot when there is room, else under the subtitle.
    let narrow = (right - left) / style.scale < 600.0;
    let notes_in_header = narrow && !compact && !fig.notes.is_empty();
    if !compact {
        for line in wrap(&fig.subtitle, s(12.5), right - left)
            .iter()
            .take(if narrow { 4 } else { 3 })
        {
            pen.text(
                line,
                (left, y),
                12.5,
                MUTED,
                (HPos::Left, VPos::Top),
                false,
                false,
            )?;
            y += s(16.0);
        }
        y += s(4.0);
        // Legend: a wrapping row of swatches and names; hidden series are hollow and grey.
        if fig.series.len() > 1 || fig.series.iter().any(|x| x.hidden) {
            let size = 12.0;
            let mut x = left;
            let row_h = s(18.0);
            for (i, se) in fig.series.iter().enumerate() {
                let label = if se.hidden {
                    format!("{} (hidden)", se.name)
                } else {
                    se.name.clone()
                };
                let wdt = s(14.0) + text_width(&label, s(size)) + s(14.0);
                if x > left && x + wdt > right {
                    x = left;
                    y += row_h;
                }
                let cy = y + row_h / 2.0;
                let r = s(5.0);
                if se.hidden {
                    pen.circle((x + r, cy), r, (170, 170, 170), None)?;
                } else {
                    pen.circle((x + r, cy), r, se.color, Some(1.0))?;
                }
                pen.text(
                    &label,
                    (x + s(14.0), cy),
                    size,
                    if se.hidden { (150, 150, 150) } else { INK },
                    (HPos::Left, VPos::Center),
                    false,
                    false,
                )?;
                geo.legend.push((
                    i,
                    Rect {
                        x0: x - s(2.0),
                        y0: y,
                        x1: x + wdt - s(8.0),
                        y1: y + row_h,
                    },
                ));
                x += wdt;
            }
            y += row_h + s(4.0);
        }
        if notes_in_header {
            for line in fig
                .notes
                .iter()
                .flat_map(|n| wrap(n, s(11.0), right - left))
            {
                pen.text(
                    &line,
                    (left, y),
                    11.0,
                    INK,
                    (HPos::Left, VPos::Top),
                    false,
                    false,
                )?;
                y += s(14.5);
            }
            y += s(4.0);
        }
    }

    // Footer: the source line.
    let mut bottom = hf - s(if compact { 4.0 } else { 8.0 });
    if !compact {
        let lines = wrap(&fig.source, s(10.5), right - left);
        for (i, line) in lines.iter().rev().enumerate() {
            pen.text(
                line,
                (left, bottom - s(14.0) * i as f64),
                10.5,
                MUTED,
                (HPos::Left, VPos::Bottom),
                false,
                false,
            )?;
        }
        bottom -= s(14.0) * lines.len() as f64 + s(6.0);
    }

    // Plot area.
    let tick_size = if compact { 9.5 } else { 11.0 };
    let axis_title = if compact { 0.0 } else { 18.0 };
    let x_axis_h = s(tick_size * 1.6 + 6.0) + s(axis_title);
    let plot_top = y + s(if compact { 2.0 } else { 6.0 });
    let plot_bottom = bottom - x_axis_h;
    let values_y: Vec<f64> = fig.marks.iter().flat_map(|m| [m.y, m.base]).collect();
    let values_x: Vec<f64> = fig.marks.iter().map(|m| m.x).collect();

    // Value scales (before the left margin, which depends on the y tick labels).
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
            let mut ys = values_y.clone();
            ys.extend(fig.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)));
            let n = fig.categories.len().max(1) as f64;
            (
                Some((-0.5, n - 0.5)),
                // Room above the tallest column for its value and name.
                auto_range(&ys, &fig.y.include, fig.y.log, 0.16),
            )
        }
    };
    let (x_lo, x_hi) = x_range.unwrap_or(if fig.x.log { (1.0, 10.0) } else { (0.0, 1.0) });
    let (y_lo, y_hi) = y_range.unwrap_or(if fig.y.log { (1.0, 10.0) } else { (0.0, 1.0) });

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
        longest.min((right - left) * if compact { 0.4 } else { 0.34 })
    } else {
        y_ticks
            .iter()
            .map(|t| text_width(&t.label, s(tick_size)))
            .fold(s(14.0), f64::max)
    };
    let has_y_title = !compact && !fig.y.title.is_empty();
    let plot = Rect {
        x0: left + label_w + s(8.0) + if has_y_title { s(20.0) } else { 0.0 },
        y0: plot_top,
        x1: right - s(4.0),
        y1: plot_bottom.max(plot_top + s(20.0)),
    };
    geo.plot = plot;
    let xs = Scale::new(x_lo, x_hi, fig.x.log, plot.x0, plot.x1);
    let ys = Scale::new(y_lo, y_hi, fig.y.log, plot.y1, plot.y0);
    geo.x = xs;
    geo.y = ys;
    geo.zoomable = fig.kind == Kind::Scatter;

    // Grid and y ticks.
    for t in &y_ticks {
        let Some(py) = ys.to_px(t.value) else {
            continue;
        };
        if py < plot.y0 - 0.5 || py > plot.y1 + 0.5 {
            continue;
        }
        pen.polyline(&[(plot.x0, py), (plot.x1, py)], GRID, 1.0, false)?;
        pen.text(
            &t.label,
            (plot.x0 - s(6.0), py),
            tick_size,
            MUTED,
            (HPos::Right, VPos::Center),
            false,
            false,
        )?;
    }
    // x ticks: value axes get grid lines; categories get one label per band (thinned).
    let label_y = plot.y1 + s(5.0);
    match fig.kind {
        Kind::Scatter | Kind::Bars => {
            let max_labels =
                (((plot.x1 - plot.x0) / s(tick_size * 4.5)).floor() as usize).clamp(2, 16);
            let x_ticks: Vec<(f64, String)> = ticks(&xs, fig.x.format, max_labels)
                .into_iter()
                .filter_map(|t| {
                    let px = xs.to_px(t.value)?;
                    (px >= plot.x0 - 0.5 && px <= plot.x1 + 0.5).then_some((px, t.label))
                })
                .collect();
            let spans: Vec<(f64, f64)> = x_ticks
                .iter()
                .filter(|(_, l)| !l.is_empty())
                .map(|(px, l)| {
                    let half = text_width(l, s(tick_size)) / 2.0;
                    (px - half, px + half)
                })
                .collect();
            let keep = thin(&spans, s(8.0));
            let mut k = 0;
            for (px, label) in &x_ticks {
                pen.polyline(&[(*px, plot.y0), (*px, plot.y1)], GRID, 1.0, false)?;
                if !label.is_empty() {
                    if keep.get(k).copied().unwrap_or(false) {
                        pen.text(
                            label,
                            (*px, label_y),
                            tick_size,
                            MUTED,
                            (HPos::Center, VPos::Top),
                            false,
                            false,
                        )?;
                    }
                    k += 1;
                }
            }
        }
        Kind::Columns | Kind::Stacked => {
            let centers: Vec<(f64, &String)> = fig
                .categories
                .iter()
                .enumerate()
                .filter_map(|(i, c)| Some((xs.to_px(i as f64)?, c)))
                .collect();
            let spans: Vec<(f64, f64)> = centers
                .iter()
                .map(|(px, c)| {
                    let half = text_width(c, s(tick_size)) / 2.0;
                    (px - half, px + half)
                })
                .collect();
            let keep = thin(&spans, s(6.0));
            for ((px, c), k) in centers.iter().zip(keep) {
                if k {
                    pen.text(
                        c,
                        (*px, label_y),
                        tick_size,
                        MUTED,
                        (HPos::Center, VPos::Top),
                        false,
                        false,
                    )?;
                }
            }
        }
    }
    // Axis lines.
    pen.polyline(&[(plot.x0, plot.y1), (plot.x1, plot.y1)], AXIS, 1.0, false)?;
    pen.polyline(&[(plot.x0, plot.y0), (plot.x0, plot.y1)], AXIS, 1.0, false)?;
    // Axis titles.
    if !compact {
        if !fig.x.title.is_empty() {
            pen.text(
                &fig.x.title,
                ((plot.x0 + plot.x1) / 2.0, bottom),
                11.5,
                INK,
                (HPos::Center, VPos::Bottom),
                false,
                false,
            )?;
        }
        if has_y_title {
            pen.text(
                &fit_text(&fig.y.title, s(11.5), plot.y1 - plot.y0),
                (left, (plot.y0 + plot.y1) / 2.0),
                11.5,
                INK,
                (HPos::Center, VPos::Top),
                false,
                true,
            )?;
        }
    }

    // Lines (trends, references), clipped to the plot, labelled at their right end.
    // Each line's first and last visible vertex, label and colour.
    type LineLabel = ((f64, f64), (f64, f64), String, Rgb);
    let mut line_labels: Vec<LineLabel> = Vec::new();
    for line in &fig.lines {
        let pts: Vec<(f64, f64)> = line
            .points
            .iter()
            .filter_map(|&(x, y)| Some((xs.to_px(x)?, ys.to_px(y)?)))
            .collect();
        let mut first_inside = None;
        let mut last_inside = None;
        let mut run: Vec<(f64, f64)> = Vec::new();
        for w in pts.windows(2) {
            let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else {
                continue;
            };
            match clip(a, b, &plot) {
                Some((c0, c1)) => {
                    if run.last() != Some(&c0) {
                        if run.len() >= 2 {
                            pen.polyline(&run, line.color, 1.8, line.dashed)?;
                        }
                        run.clear();
                        run.push(c0);
                    }
                    run.push(c1);
                    first_inside = first_inside.or(Some(c0));
                    last_inside = Some(c1);
                }
                None => {
                    if run.len() >= 2 {
                        pen.polyline(&run, line.color, 1.8, line.dashed)?;
                    }
                    run.clear();
                }
            }
        }
        if run.len() >= 2 {
            pen.polyline(&run, line.color, 1.8, line.dashed)?;
        }
        if let (Some(start), Some(end), false) = (first_inside, last_inside, compact) {
            line_labels.push((start, end, line.label.clone(), line.color));
        }
    }

    // Marks.
    let mut placed: Vec<Rect> = Vec::new();
    match fig.kind {
        Kind::Scatter => draw_points(&pen, fig, &xs, &ys, &plot, &mut geo, &mut placed)?,
        Kind::Bars => draw_bars(&pen, fig, &xs, &plot, left, tick_size, &mut geo)?,
        Kind::Columns | Kind::Stacked => {
            draw_columns(&pen, fig, &xs, &ys, &plot, &mut geo, &mut placed)?
        }
    }

    // Line labels on a light backing, moved down where they would cover another label.
    for (start, end, label, color) in line_labels {
        let (wdt, h) = (text_width(&label, s(11.0)) * 1.05, s(15.0));
        // At the right end above or below the line, then at the left end.
        let right_x = end.0 - s(4.0) - wdt;
        let left_x = start.0 + s(4.0);
        let spots = [
            (right_x, end.1 - s(4.0) - h),
            (right_x, end.1 + s(4.0)),
            (left_x, start.1 - s(4.0) - h),
            (left_x, start.1 + s(4.0)),
            (right_x, end.1 + s(4.0) + h),
            (right_x, end.1 - s(4.0) - 2.0 * h),
        ];
        let rects: Vec<Rect> = spots
            .iter()
            .map(|&(x0, y0)| Rect {
                x0,
                y0,
                x1: x0 + wdt,
                y1: y0 + h,
            })
            .collect();
        // The first clear spot; failing that the first inside the plot (a label over
        // another beats a line without one).
        let chosen = rects
            .iter()
            .find(|r| r.inside(&plot) && !placed.iter().any(|p| p.overlaps(r)))
            .or_else(|| rects.iter().find(|r| r.inside(&plot)))
            .copied();
        let Some(r) = chosen else { continue };
        pen.rect(r, (255, 255, 255), 0.8, true)?;
        pen.text(
            &label,
            (r.x1, (r.y0 + r.y1) / 2.0),
            11.0,
            color,
            (HPos::Right, VPos::Center),
            true,
            false,
        )?;
        placed.push(r);
    }

    if fig.marks.is_empty() {
        pen.text(
            "Nothing to show with the current filters",
            ((plot.x0 + plot.x1) / 2.0, (plot.y0 + plot.y1) / 2.0),
            if compact { 10.0 } else { 14.0 },
            MUTED,
            (HPos::Center, VPos::Center),
            false,
            false,
        )?;
    }

    // Notes (fitted doubling times …) in a box at the top-left of the plot.
    if !compact && !notes_in_header && !fig.notes.is_empty() {
        let size = 11.5;
        let max_w = (plot.x1 - plot.x0) - s(16.0);
        let lines: Vec<String> = fig
            .notes
            .iter()
            .flat_map(|n| wrap(n, s(size), max_w - s(12.0)))
            .collect();
        let line_h = s(size * 1.4);
        // Sized with a tighter average glyph width than the collision estimates.
        let box_w = lines
            .iter()
            .map(|l| text_width(l, s(size)) * 0.92)
            .fold(0.0, f64::max)
            + s(14.0);
        let x0 = if fig.kind == Kind::Columns {
            plot.x1 - box_w - s(8.0)
        } else {
            plot.x0 + s(8.0)
        };
        let r = Rect {
            x0,
            y0: plot.y0 + s(6.0),
            x1: x0 + box_w,
            y1: plot.y0 + s(6.0) + line_h * lines.len() as f64 + s(8.0),
        };
        pen.rect(r, (255, 255, 255), 0.88, true)?;
        pen.rect(r, (206, 212, 218), 1.0, false)?;
        for (i, l) in lines.iter().enumerate() {
            pen.text(
                l,
                (r.x0 + s(7.0), r.y0 + s(4.0) + line_h * i as f64),
                size,
                INK,
                (HPos::Left, VPos::Top),
                false,
                false,
            )?;
        }
    }
    root.present().map_err(err)?;
    Ok(geo)
}

/// Above this many marks, scatter marks are decimated (see [`Decimation`]).
const DECIMATE_ABOVE: usize = 5000;
/// The decimation grid's cell, in CSS pixels.
const DECIMATION_CELL: f64 = 1.5;

/// Which cells of a grid over the plot already hold a drawn mark.
struct Decimation {
    x0: f64,
    y0: f64,
    cell: f64,
    cols: usize,
    cells: Vec<bool>,
}

impl Decimation {
    /// A grid of `cell`-sized cells over `plot`; inactive (nothing is ever taken) unless `on`.
    fn new(plot: &Rect, cell: f64, on: bool) -> Self {
        let cell = cell.max(1.0);
        // Display sizes: far below usize::MAX, and non-negative after max(0).
        let cols = (((plot.x1 - plot.x0) / cell).ceil().max(0.0) as usize).saturating_add(1);
        let rows = (((plot.y1 - plot.y0) / cell).ceil().max(0.0) as usize).saturating_add(1);
        // A plot is at most a few thousand pixels a side; anything else turns decimation off.
        let n = cols.saturating_mul(rows);
        let n = if on && n <= 1 << 24 { n } else { 0 };
        Decimation {
            x0: plot.x0,
            y0: plot.y0,
            cell,
            cols,
            cells: vec![false; n],
        }
    }

    fn clear(&mut self) {
        self.cells.fill(false);
    }

    /// Whether the cell of `p` already holds a mark; marks it as held.
    fn taken(&mut self, p: (f64, f64)) -> bool {
        if self.cells.is_empty() {
            return false;
        }
        let cx = ((p.0 - self.x0) / self.cell).floor();
        let cy = ((p.1 - self.y0) / self.cell).floor();
        if cx < 0.0 || cy < 0.0 {
            return false;
        }
        // Non-negative and bounded by the plot size (checked by `get_mut`).
        let k = (cy as usize)
            .saturating_mul(self.cols)
            .saturating_add(cx as usize);
        match self.cells.get_mut(k) {
            Some(c) if *c => true,
            Some(c) => {
                *c = true;
                false
            }
            None => false,
        }
    }
}

fn draw_points<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    xs: &Scale,
    ys: &Scale,
    plot: &Rect,
    geo: &mut Geometry,
    placed: &mut Vec<Rect>,
) -> Result<(), String> {
    let s = |css: f64| pen.px(css);
    let r = s(if pen.st.compact { 2.5 } else { 4.0 });
    let many = fig.marks.len() > 2000;
    // Positions first (hits stay in the figure's order, the keyboard order) …
    for (i, m) in fig.marks.iter().enumerate() {
        if !(xs.contains(m.x) && ys.contains(m.y)) {
            continue;
        }
        let (Some(px), Some(py)) = (xs.to_px(m.x), ys.to_px(m.y)) else {
            continue;
        };
        geo.hits.push(Hit {
            mark: i,
            center: (px, py),
            rect: Rect {
                x0: px - r,
                y0: py - r,
                x1: px + r,
                y1: py + r,
            },
        });
    }
    // … then the marks series by series, filled before hollow, so that runs of one style
    // are long (a canvas backend can merge them into one path), rings on top. With very many
    // marks, one of a series and style is drawn per cell of a fine grid (the eye sees the
    // same picture; hover and the keyboard still reach every mark through the hits).
    let mut grid = Decimation::new(plot, s(DECIMATION_CELL), fig.marks.len() > DECIMATE_ABOVE);
    for (si, se) in fig.series.iter().enumerate() {
        for hollow in [false, true] {
            grid.clear();
            for h in &geo.hits {
                let Some(m) = fig.marks.get(h.mark) else {
                    continue;
                };
                if m.series != si || m.estimated != hollow {
                    continue;
                }
                if grid.taken(h.center) {
                    continue;
                }
                if hollow {
                    pen.circle(h.center, r, se.color, None)?;
                } else {
                    pen.circle(h.center, r, se.color, Some(if many { 0.6 } else { 0.85 }))?;
                }
            }
        }
    }
    if !pen.st.compact {
        for h in &geo.hits {
            if fig.marks.get(h.mark).is_some_and(|m| m.emphasis) {
                pen.ring(h.center, r + s(2.5), (52, 58, 64))?;
            }
        }
    }
    if pen.st.compact {
        return Ok(());
    }
    // Name labels: flagged marks first, then (with labels on) the rest from the top down;
    // a label is drawn only where it overlaps no other label and stays inside the plot.
    let mut order: Vec<&Hit> = geo
        .hits
        .iter()
        .filter(|h| {
            fig.marks
                .get(h.mark)
                .is_some_and(|m| m.always_label || fig.labels)
        })
        .collect();
    order.sort_by(|a, b| {
        let fa = fig.marks.get(a.mark).is_some_and(|m| m.always_label);
        let fb = fig.marks.get(b.mark).is_some_and(|m| m.always_label);
        fb.cmp(&fa).then(a.center.1.total_cmp(&b.center.1))
    });
    let size = 10.5;
    let h = s(size * 1.25);
    // Labels keep clear of other points too, unless there are so many that every spot is
    // taken anyway (and checking them all would cost more than a frame).
    let obstacles: Vec<(usize, Rect)> = if geo.hits.len() <= 2000 {
        geo.hits.iter().map(|h| (h.mark, h.rect)).collect()
    } else {
        Vec::new()
    };
    for hit in order.into_iter().take(600) {
        let Some(m) = fig.marks.get(hit.mark) else {
            continue;
        };
        let wdt = text_width(&m.label, s(size));
        let (cx, cy) = hit.center;
        let gap = r + s(3.0);
        let candidates = [
            (cx + gap, cy - h / 2.0, HPos::Left),
            (cx - gap - wdt, cy - h / 2.0, HPos::Left),
            (cx - wdt / 2.0, cy - gap - h, HPos::Left),
            (cx - wdt / 2.0, cy + gap, HPos::Left),
        ];
        for (x0, y0, _) in candidates {
            let rect = Rect {
                x0,
                y0,
                x1: x0 + wdt,
                y1: y0 + h,
            };
            let clear = !placed.iter().any(|p| p.overlaps(&rect))
                && !obstacles
                    .iter()
                    .any(|(i, r)| *i != hit.mark && r.overlaps(&rect));
            if rect.inside(plot) && clear {
                pen.text(
                    &m.label,
                    (x0, y0 + h / 2.0),
                    size,
                    INK,
                    (HPos::Left, VPos::Center),
                    false,
                    false,
                )?;
                placed.push(rect);
                break;
            }
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn draw_bars<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    xs: &Scale,
    plot: &Rect,
    left: f64,
    tick_size: f64,
    geo: &mut Geometry,
) -> Result<(), String> {
    let s = |css: f64| pen.px(css);
    let n = if pen.st.compact {
        fig.marks.len().min(10)
    } else {
        fig.marks.len()
    };
    if n == 0 {
        return Ok(());
    }
    let band = (plot.y1 - plot.y0) / n as f64;
    let thick = (band * 0.72).max(1.0);
    // Category labels: every k-th when bands are thinner than a line of text.
    let stride = ((s(tick_size * 1.15) / band).ceil() as usize).max(1);
    let label_max = plot.x0 - left - s(8.0);
    let base_px = xs.to_px(0.0).unwrap_or(plot.x0).clamp(plot.x0, plot.x1);
    for (i, m) in fig.marks.iter().take(n).enumerate() {
        let cy = plot.y0 + band * (i as f64 + 0.5);
        let end = xs.to_px(m.x).unwrap_or(base_px).clamp(plot.x0, plot.x1);
        let color = fig.series.get(m.series).map_or(INK, |s| s.color);
        pen.rect(
            Rect {
                x0: base_px.min(end),
                y0: cy - thick / 2.0,
                x1: base_px.max(end),
                y1: cy + thick / 2.0,
            },
            color,
            0.9,
            true,
        )?;
        if i % stride == 0 {
            pen.text(
                &fit_text(&m.label, s(tick_size), label_max),
                (plot.x0 - s(6.0), cy),
                tick_size,
                INK,
                (HPos::Right, VPos::Center),
                false,
                false,
            )?;
        }
        // The value at the bar's end, when a line of text fits the band.
        if band >= s(12.0) && !pen.st.compact {
            let v = match fig.x.format {
                super::figure::TickFormat::Percent => format!("{}%", crate::format::plain(m.x, 4)),
                _ => crate::format::plain(m.x, 4),
            };
            let wv = text_width(&v, s(10.0));
            let (x, anchor, c) = if end + s(4.0) + wv < plot.x1 {
                (end + s(4.0), HPos::Left, INK)
            } else {
                (end - s(4.0), HPos::Right, (255, 255, 255))
            };
            pen.text(&v, (x, cy), 10.0, c, (anchor, VPos::Center), false, false)?;
        }
        geo.hits.push(Hit {
            mark: i,
            center: (end, cy),
            rect: Rect {
                x0: left,
                y0: cy - band / 2.0,
                x1: plot.x1,
                y1: cy + band / 2.0,
            },
        });
    }
    Ok(())
}

fn draw_columns<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    xs: &Scale,
    ys: &Scale,
    plot: &Rect,
    geo: &mut Geometry,
    placed: &mut Vec<Rect>,
) -> Result<(), String> {
    let s = |css: f64| pen.px(css);
    let n = fig.categories.len().max(1) as f64;
    let band = (plot.x1 - plot.x0) / n;
    let thick = (band * 0.7).max(1.0);
    let mut totals: Vec<(f64, f64)> = Vec::new();
    for (i, m) in fig.marks.iter().enumerate() {
        let Some(cx) = xs.to_px(m.x) else { continue };
        let top = ys.to_px(m.y).unwrap_or(plot.y0).clamp(plot.y0, plot.y1);
        let base = ys.to_px(m.base).unwrap_or(plot.y1).clamp(plot.y0, plot.y1);
        let color = fig.series.get(m.series).map_or(INK, |s| s.color);
        let r = Rect {
            x0: cx - thick / 2.0,
            y0: top.min(base),
            x1: cx + thick / 2.0,
            y1: top.max(base),
        };
        pen.rect(r, color, 0.9, true)?;
        if fig.kind == Kind::Stacked && r.height() >= s(2.0) {
            // A white hairline between stacked segments.
            pen.polyline(&[(r.x0, r.y0), (r.x1, r.y0)], (255, 255, 255), 1.0, false)?;
        }
        geo.hits.push(Hit {
            mark: i,
            center: (cx, top),
            rect: r,
        });
        match totals.iter_mut().find(|(x, _)| (*x - cx).abs() < 0.5) {
            Some(t) => t.1 = t.1.min(top),
            None => totals.push((cx, top)),
        }
        if fig.kind == Kind::Columns && !pen.st.compact {
            placed.extend(label_column(pen, m, fig, cx, top, band)?);
        }
    }
    if fig.kind == Kind::Stacked && !pen.st.compact && band >= s(18.0) {
        for (cx, top) in totals {
            let total: f64 = fig
                .marks
                .iter()
                .filter(|m| xs.to_px(m.x).is_some_and(|x| (x - cx).abs() < 0.5))
                .map(|m| m.y - m.base)
                .sum();
            pen.text(
                &format!("{total:.0}"),
                (cx, top - s(3.0)),
                10.0,
                MUTED,
                (HPos::Center, VPos::Bottom),
                false,
                false,
            )?;
        }
    }
    Ok(())
}

/// The value (and, where it fits, the entry's name) above a column.
fn label_column<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    m: &Mark,
    fig: &Figure,
    cx: f64,
    top: f64,
    band: f64,
) -> Result<Vec<Rect>, String> {
    let s = |css: f64| pen.px(css);
    let value = super::scale::tick_label(m.y, fig.y.format);
    let mut used = Vec::new();
    let half = text_width(&value, s(10.5)) / 2.0;
    used.push(Rect {
        x0: cx - half,
        y0: top - s(17.0),
        x1: cx + half,
        y1: top,
    });
    pen.text(
        &value,
        (cx, top - s(3.0)),
        10.5,
        INK,
        (HPos::Center, VPos::Bottom),
        true,
        false,
    )?;
    let name_w = text_width(&m.label, s(10.0));
    if name_w <= band - s(4.0) {
        used.push(Rect {
            x0: cx - name_w / 2.0,
            y0: top - s(31.0),
            x1: cx + name_w / 2.0,
            y1: top - s(17.0),
        });
        pen.text(
            &m.label,
            (cx, top - s(17.0)),
            10.0,
            MUTED,
            (HPos::Center, VPos::Bottom),
            false,
            false,
        )?;
    }
    Ok(used)
}
