//! Drawing a [`Figure`], generic over plotters' `DrawingBackend`: the same function draws on
//! the canvas, to SVG and in native snapshot tests.
//!
//! Layout never asks the backend to measure text (plotters' web font measuring adds a DOM
//! element per label, and the page's Content-Security-Policy blocks the inline style it sets):
//! widths are estimated from character counts, generously, and labels that would overlap are
//! thinned out.
//!
//! [`draw()`] runs the parts in drawing order: the header (title, subtitle, [`legend`], the
//! notes where there is room — never on the plot), the source line, the [`layout`] of the plot,
//! the [`axes`], trend [`lines`], the [`marks`], the trend labels, then the points' names,
//! which keep clear of the legend, the trend labels and each other; the [`pen`] holds the
//! primitives and text measuring.

mod axes;
mod density;
mod index;
mod layout;
mod legend;
mod lines;
mod marks;
mod pen;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::figure::{Figure, Kind};
use super::scale::Viewport;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) use axes::thin;
pub use density::{is_dense, Density, DensityKey, Image, DENSITY_CELL, DENSITY_FROM};
pub use index::HitIndex;
use layout::Frame;
pub use layout::{Geometry, Hit, Rect};
pub use pen::{contrast, Rgb, Style, DARK_BG};
use pen::{err, first_lines, wrap, Pen, INK, MUTED};

/// Draws `fig` onto `root` (title, subtitle, legend, axes, marks, lines, notes, source) and
/// returns where everything landed. `view` zooms a scatter chart to a data range.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    fig: &Figure,
    view: Option<&Viewport>,
    style: &Style,
) -> Result<Geometry, String> {
    draw_with(root, fig, view, style, None)
}

/// Paints a density chart's grid as one image, in the drawing's order (see [`draw_with`]).
pub type Painter<'p> = &'p mut dyn FnMut(&Image) -> Result<(), String>;

/// [`draw()`], with a density chart's grid ([`is_dense`]) handed to `painter` as one image
/// when there is one (a canvas stretches it over the plot), instead of drawn as one rectangle
/// per cell.
pub fn draw_with<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    fig: &Figure,
    view: Option<&Viewport>,
    style: &Style,
    painter: Option<Painter<'_>>,
) -> Result<Geometry, String> {
    root.fill(&pen::rgb(style.paint((255, 255, 255))))
        .map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let pen = Pen {
        area: root,
        st: *style,
    };
    let frame = Frame::new(style, f64::from(w), f64::from(h));
    let mut geo = Geometry {
        width: w,
        height: h,
        scale: style.scale,
        ..Geometry::default()
    };
    let mut key = None;
    let top = header(&pen, fig, &frame, f64::from(h), &mut geo.legend, &mut key)?;
    let bottom = footer(&pen, fig, &frame, f64::from(h))?;
    let lay = layout::layout(&pen, fig, view, &frame, top, bottom);
    geo.plot = lay.plot;
    geo.x = lay.xs;
    geo.y = lay.ys;
    geo.zoomable = fig.kind == Kind::Scatter;
    axes::draw_axes(&pen, fig, &frame, &lay, bottom)?;
    let line_labels = lines::draw_lines(&pen, fig, &lay)?;
    // The boxes names must keep clear of: the legend, then the trend labels, then names.
    let mut placed: Vec<Rect> = geo.legend.iter().map(|(_, r)| *r).collect();
    let (xs, ys, plot) = (&lay.xs, &lay.ys, &lay.plot);
    match fig.kind {
        Kind::Scatter => marks::draw_points(&pen, fig, (xs, ys), plot, &mut geo, painter)?,
        Kind::Bars => marks::draw_bars(&pen, fig, xs, plot, frame.left, lay.tick_size, &mut geo)?,
        Kind::Columns | Kind::Stacked => {
            marks::draw_columns(&pen, fig, xs, ys, plot, &mut geo, &mut placed)?
        }
    }
    if let (Some(at), Some(k)) = (key, geo.density) {
        legend::density_label(&pen, at, &k)?;
    }
    if fig.kind == Kind::Scatter {
        // Cells a little larger than the hover radius: a lookup reads about 3 × 3 of them.
        geo.index = HitIndex::new(&geo.hits, pen.px(12.0));
    }
    geo.line_labels = lines::label_lines(&pen, line_labels, plot, &mut placed)?;
    marks::label_points(&pen, fig, plot, &mut geo, &mut placed)?;
    if fig.marks.is_empty() {
        pen.text(
            "Nothing to show with the current filters",
            ((plot.x0 + plot.x1) / 2.0, (plot.y0 + plot.y1) / 2.0),
            if frame.compact { 10.0 } else { 14.0 },
            MUTED,
            (HPos::Center, VPos::Center),
            false,
            false,
        )?;
    }
    root.present().map_err(err)?;
    Ok(geo)
}

/// Draws the header (title, subtitle, legend, and the notes where there is room; a thumbnail
/// sits under its own heading and has none) and returns the y under it.
fn header<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    frame: &Frame,
    height: f64,
    legend: &mut Vec<(usize, Rect)>,
    key: &mut Option<(f64, f64)>,
) -> Result<f64, String> {
    let s = |css: f64| pen.px(css);
    let (left, right) = (frame.left, frame.right);
    let mut y = s(if frame.compact { 6.0 } else { 10.0 });
    if frame.compact {
        return Ok(y);
    }
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
    let subtitle = wrap(&fig.subtitle, s(12.5), right - left);
    let subtitle = if frame.short {
        first_lines(subtitle, 2, s(12.5), right - left)
    } else {
        subtitle
    };
    for line in subtitle.iter().take(if frame.narrow { 4 } else { 3 }) {
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
    let y = legend::legend(pen, fig, frame, y, legend, key)?;
    legend::header_notes(pen, fig, frame, y, height)
}

/// Draws the source line at the foot of the drawing (`height` high; none when compact) and
/// returns the y above it.
fn footer<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    frame: &Frame,
    height: f64,
) -> Result<f64, String> {
    let s = |css: f64| pen.px(css);
    let mut bottom = height - s(if frame.compact { 4.0 } else { 8.0 });
    if !frame.compact {
        let mut lines = wrap(&fig.source, s(10.5), frame.right - frame.left);
        if frame.short {
            lines = first_lines(lines, 2, s(10.5), frame.right - frame.left);
        }
        for (i, line) in lines.iter().rev().enumerate() {
            pen.text(
                line,
                (frame.left, bottom - s(14.0) * i as f64),
                10.5,
                MUTED,
                (HPos::Left, VPos::Bottom),
                false,
                false,
            )?;
        }
        bottom -= s(14.0) * lines.len() as f64 + s(6.0);
    }
    Ok(bottom)
}
