//! Axes: grid lines, tick labels (thinned so none overlap), axis lines and titles.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::layout::{Frame, Layout};
use super::pen::{fit_text, text_width, Pen, AXIS, GRID, INK, MUTED};
use crate::chart::figure::{Figure, Kind};
use crate::chart::scale::ticks;

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

/// Draws the grid, the tick labels, the axis lines and (unless compact) the axis titles, the
/// x title at `bottom`.
pub(super) fn draw_axes<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    frame: &Frame,
    lay: &Layout,
    bottom: f64,
) -> Result<(), String> {
    let plot = lay.plot;
    y_ticks(pen, lay)?;
    match fig.kind {
        Kind::Scatter | Kind::Bars => x_ticks(pen, fig, lay)?,
        Kind::Columns | Kind::Stacked => category_labels(pen, fig, lay)?,
    }
    // Axis lines.
    pen.polyline(&[(plot.x0, plot.y1), (plot.x1, plot.y1)], AXIS, 1.0, false)?;
    pen.polyline(&[(plot.x0, plot.y0), (plot.x0, plot.y1)], AXIS, 1.0, false)?;
    // Axis titles.
    if !frame.compact {
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
        if lay.has_y_title {
            pen.text(
                &fit_text(&fig.y.title, pen.px(11.5), plot.y1 - plot.y0),
                (frame.left, (plot.y0 + plot.y1) / 2.0),
                11.5,
                INK,
                (HPos::Center, VPos::Top),
                false,
                true,
            )?;
        }
    }
    Ok(())
}

/// Grid lines and labels of the y ticks.
fn y_ticks<DB: DrawingBackend>(pen: &Pen<'_, DB>, lay: &Layout) -> Result<(), String> {
    let plot = lay.plot;
    for t in &lay.y_ticks {
        let Some(py) = lay.ys.to_px(t.value) else {
            continue;
        };
        if py < plot.y0 - 0.5 || py > plot.y1 + 0.5 {
            continue;
        }
        pen.polyline(&[(plot.x0, py), (plot.x1, py)], GRID, 1.0, false)?;
        pen.text(
            &t.label,
            (plot.x0 - pen.px(6.0), py),
            lay.tick_size,
            MUTED,
            (HPos::Right, VPos::Center),
            false,
            false,
        )?;
    }
    Ok(())
}

/// A value x axis: grid lines at its ticks, with labels thinned so none overlap.
fn x_ticks<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    lay: &Layout,
) -> Result<(), String> {
    let s = |css: f64| pen.px(css);
    let (plot, xs, tick_size) = (lay.plot, &lay.xs, lay.tick_size);
    let label_y = plot.y1 + s(5.0);
    let max_labels = (((plot.x1 - plot.x0) / s(tick_size * 4.5)).floor() as usize).clamp(2, 16);
    let x_ticks: Vec<(f64, String)> = ticks(xs, fig.x.format, max_labels)
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
    Ok(())
}

/// A category x axis: one label per band, thinned so none overlap.
fn category_labels<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    lay: &Layout,
) -> Result<(), String> {
    let s = |css: f64| pen.px(css);
    let label_y = lay.plot.y1 + s(5.0);
    let centers: Vec<(f64, &String)> = fig
        .categories
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((lay.xs.to_px(i as f64)?, c)))
        .collect();
    let spans: Vec<(f64, f64)> = centers
        .iter()
        .map(|(px, c)| {
            let half = text_width(c, s(lay.tick_size)) / 2.0;
            (px - half, px + half)
        })
        .collect();
    let keep = thin(&spans, s(6.0));
    for ((px, c), k) in centers.iter().zip(keep) {
        if k {
            pen.text(
                c,
                (*px, label_y),
                lay.tick_size,
                MUTED,
                (HPos::Center, VPos::Top),
                false,
                false,
            )?;
        }
    }
    Ok(())
}
