//! The marks: scatter points (decimated when very many; sparse models as diamonds) and their
//! names (placed by [`crate::chart::labels`]), leaderboards as dot plots, and columns (plain or
//! stacked).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::density::{is_dense, Density, DensityKey, Image, DENSITY_CELL};
use super::layout::{Geometry, Hit, Rect};
use super::pen::{fit_text, text_width, Pen, INK, MUTED};
use super::Painter;

/// The guide line from a leaderboard's axis start to its dot.
const GUIDE: (u8, u8, u8) = (206, 212, 218);
use crate::chart::figure::{Figure, Kind, Mark};
use crate::chart::labels;
use crate::chart::scale::Scale;

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

/// Draws a scatter chart's points (decimated when very many; sparse models as diamonds) and
/// rings; records their hits.
pub(super) fn draw_points<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    (xs, ys): (&Scale, &Scale),
    plot: &Rect,
    geo: &mut Geometry,
    painter: Option<Painter<'_>>,
) -> Result<(), String> {
    let s = |css: f64| pen.px(css);
    let r = s(if pen.st.compact { 2.5 } else { 4.0 });
    let (px_x, px_y) = (xs.px_inside(), ys.px_inside());
    // Positions first (hits stay in the figure's order, the keyboard order) …
    for (i, m) in fig.marks.iter().enumerate() {
        let (Some(px), Some(py)) = (px_x(m.x), px_y(m.y)) else {
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
    // … then, for a density chart, its grid (one image, or a rectangle per cell) …
    if is_dense(fig) {
        draw_density(pen, fig, plot, geo, painter)?;
    } else {
        draw_marks(pen, fig, plot, geo, r)?;
    }
    if !pen.st.compact {
        // On a density grid, where tens of thousands of points can be ringed, one ring per
        // cell of a grid as fine as the ring is wide: overlapping rings would draw the same.
        let ring = r + s(2.5);
        let dense = is_dense(fig);
        let mut rings = Decimation::new(plot, ring, dense);
        for h in &geo.hits {
            if fig.marks.get(h.mark).is_some_and(|m| m.emphasis) && !rings.taken(h.center) {
                pen.ring(h.center, ring, (52, 58, 64))?;
            }
        }
    }
    // The reader's highlighted models on top of everything: larger, solid, outlined twice.
    for h in &geo.hits {
        let Some(m) = fig.marks.get(h.mark).filter(|m| m.highlight) else {
            continue;
        };
        let color = fig.series.get(m.series).map_or(INK, |se| se.color);
        let big = r * 1.8;
        pen.circle(h.center, big, color, Some(1.0))?;
        pen.ring(h.center, big + s(1.0), INK)?;
        pen.ring(h.center, big + s(2.0), INK)?;
    }
    Ok(())
}

/// Draws a density chart's grid ([`Density`]) from the hits: as one image through `painter`,
/// else one filled rectangle per non-empty cell; records its key in `geo`.
fn draw_density<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    plot: &Rect,
    geo: &mut Geometry,
    painter: Option<Painter<'_>>,
) -> Result<(), String> {
    let grid = Density::bin(
        *plot,
        pen.px(DENSITY_CELL),
        fig.series.len(),
        geo.hits
            .iter()
            .filter_map(|h| fig.marks.get(h.mark).map(|m| (h.center, m.series))),
    );
    let colors: Vec<(u8, u8, u8)> = fig.series.iter().map(|se| se.color).collect();
    match painter {
        Some(paint) => {
            let painted: Vec<(u8, u8, u8)> = colors.iter().map(|c| pen.st.paint(*c)).collect();
            paint(&Image {
                area: grid.area,
                // At most MAX_SIDE cells a side.
                width: grid.cols as u32,
                height: grid.rows as u32,
                rgba: grid.rgba(&painted),
            })?;
        }
        None => {
            for (i, (&count, &top)) in grid.counts.iter().zip(&grid.top).enumerate() {
                if count > 0 {
                    let color = colors.get(usize::from(top)).copied().unwrap_or(INK);
                    pen.rect(grid.cell_rect(i), color, grid.alpha(count), true)?;
                }
            }
        }
    }
    geo.density = Some(DensityKey {
        points: geo.hits.len(),
        cell_css: grid.area.width() / grid.cols as f64 / pen.st.scale,
        max: grid.max,
    });
    Ok(())
}

/// Draws the marks series by series, filled before hollow, so that runs of one style are long
/// (a canvas backend can merge them into one path). With very many marks, one of a series and
/// style is drawn per cell of a fine grid (the eye sees the same picture; hover and the
/// keyboard still reach every mark through the hits).
fn draw_marks<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    plot: &Rect,
    geo: &Geometry,
    r: f64,
) -> Result<(), String> {
    let s = |css: f64| pen.px(css);
    let many = fig.marks.len() > 2000;
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
                let fill = (!hollow).then_some(if many { 0.6 } else { 0.85 });
                if m.sparse {
                    pen.diamond(h.center, r * 1.3, se.color, fill)?;
                } else {
                    pen.circle(h.center, r, se.color, fill)?;
                }
            }
        }
    }
    Ok(())
}

/// Names points (after the trend labels, which are in `placed` with the legend): the key
/// models and flagged marks first, then (with labels on) the rest from the top down, each
/// where it overlaps nothing already placed ([`labels::place`]); records them in `geo`.
pub(super) fn label_points<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    plot: &Rect,
    geo: &mut Geometry,
    placed: &mut Vec<Rect>,
) -> Result<(), String> {
    if pen.st.compact || fig.kind != Kind::Scatter {
        return Ok(());
    }
    let s = |css: f64| pen.px(css);
    let r = s(4.0);
    // Each candidate's priority, found once (it looks up the mark's model).
    let mut order: Vec<((u8, usize), &Hit)> = geo
        .hits
        .iter()
        .filter_map(|h| {
            let m = fig
                .marks
                .get(h.mark)
                .filter(|m| m.always_label || fig.labels)?;
            Some((labels::priority(fig, m), h))
        })
        .collect();
    order.sort_by(|(pa, a), (pb, b)| pa.cmp(pb).then(a.center.1.total_cmp(&b.center.1)));
    let size = 10.5;
    let h = s(size * 1.25);
    // Labels keep clear of other points too, unless there are so many that every spot is
    // taken anyway (and checking them all would cost more than a frame).
    let obstacles: Vec<(usize, Rect)> = if geo.hits.len() <= 2000 {
        geo.hits.iter().map(|h| (h.mark, h.rect)).collect()
    } else {
        Vec::new()
    };
    let mut drawn = Vec::new();
    for (_, hit) in order.into_iter().take(600) {
        let Some(m) = fig.marks.get(hit.mark) else {
            continue;
        };
        // A highlighted name is bold: a tenth wider.
        let bold = if m.highlight { 1.1 } else { 1.0 };
        let label = fig.label(m);
        let wdt = labels::label_width(label, s(size)) * bold;
        let spots = labels::candidates(hit.center, wdt, h, r + s(3.0));
        // Clear of other points; a name that must be shown may cover a point instead.
        let spot = labels::place(&spots, plot, placed, &obstacles, hit.mark).or_else(|| {
            m.always_label
                .then(|| labels::place(&spots, plot, placed, &[], hit.mark))
                .flatten()
        });
        let Some(rect) = spot else { continue };
        let (cx, cy) = hit.center;
        let (lx, ly) = (cx.clamp(rect.x0, rect.x1), cy.clamp(rect.y0, rect.y1));
        if ((lx - cx).powi(2) + (ly - cy).powi(2)).sqrt() > r + s(6.0) {
            // A leader from the point to a name placed farther out.
            pen.polyline(&[(cx, cy), (lx, ly)], MUTED, 0.8, false)?;
        }
        // A light backing, so a name reads over the points under it.
        pen.rect(rect, (255, 255, 255), 0.85, true)?;
        pen.text(
            label,
            (rect.x0 + s(size * 0.15), (rect.y0 + rect.y1) / 2.0),
            size,
            INK,
            (HPos::Left, VPos::Center),
            m.highlight,
            false,
        )?;
        placed.push(rect);
        drawn.push((hit.mark, rect));
    }
    geo.labels = drawn;
    Ok(())
}

/// Draws a leaderboard as a dot plot: per row its name, a guide from the axis start, a dot at
/// the value and the value (one decimal); records the rows' hits.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_bars<DB: DrawingBackend>(
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
    let r = (thick / 2.0).clamp(s(2.0), s(5.0));
    for (i, m) in fig.marks.iter().take(n).enumerate() {
        let cy = plot.y0 + band * (i as f64 + 0.5);
        let end = xs.to_px(m.x).unwrap_or(plot.x0).clamp(plot.x0, plot.x1);
        let color = fig.series.get(m.series).map_or(INK, |s| s.color);
        // A dot plot: a guide from the axis start to the dot (the axis need not start at 0).
        pen.polyline(&[(plot.x0, cy), (end, cy)], GUIDE, 1.0, false)?;
        pen.circle((end, cy), r, color, Some(1.0))?;
        if i % stride == 0 {
            pen.text(
                &fit_text(fig.label(m), s(tick_size), label_max),
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
            // One decimal for every value, as in the tips and the table.
            let v = match fig.x.format {
                crate::chart::figure::TickFormat::Percent => format!("{:.1}%", m.x),
                _ => format!("{:.1}", m.x),
            };
            let wv = text_width(&v, s(10.0));
            let (x, anchor, c) = if end + r + s(4.0) + wv < plot.x1 {
                (end + r + s(4.0), HPos::Left, INK)
            } else {
                (end - r - s(4.0), HPos::Right, INK)
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

/// Draws columns (plain or stacked) with their value and name labels; records their hits and
/// adds the labels to `placed`.
pub(super) fn draw_columns<DB: DrawingBackend>(
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
        // A value that is not final (a partial year's count) is drawn lighter.
        pen.rect(r, color, if m.estimated { 0.4 } else { 0.9 }, true)?;
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
    let value = crate::chart::scale::tick_label(m.y, fig.y.format);
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
    let label = fig.label(m);
    let name_w = text_width(label, s(10.0));
    if name_w <= band - s(4.0) {
        used.push(Rect {
            x0: cx - name_w / 2.0,
            y0: top - s(31.0),
            x1: cx + name_w / 2.0,
            y1: top - s(17.0),
        });
        pen.text(
            label,
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
