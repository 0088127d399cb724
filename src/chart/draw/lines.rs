//! Lines (trends, references): clipped to the plot and labelled where their label covers no
//! other.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::layout::{Layout, Rect};
use super::pen::{text_width, Pen, Rgb};
use crate::chart::figure::Figure;

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

/// A drawn line's label: its first and last visible vertex, text and colour.
pub(super) type LineLabel = ((f64, f64), (f64, f64), String, Rgb);

/// Draws `fig`'s lines clipped to the plot; returns their labels (none when compact), placed
/// after the marks by [`label_lines`].
pub(super) fn draw_lines<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    lay: &Layout,
) -> Result<Vec<LineLabel>, String> {
    let mut line_labels: Vec<LineLabel> = Vec::new();
    for line in &fig.lines {
        let pts: Vec<(f64, f64)> = line
            .points
            .iter()
            .filter_map(|&(x, y)| Some((lay.xs.to_px(x)?, lay.ys.to_px(y)?)))
            .collect();
        let mut first_inside = None;
        let mut last_inside = None;
        let mut run: Vec<(f64, f64)> = Vec::new();
        for w in pts.windows(2) {
            let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else {
                continue;
            };
            match clip(a, b, &lay.plot) {
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
        if let (Some(start), Some(end), false) = (first_inside, last_inside, pen.st.compact) {
            line_labels.push((start, end, line.label.clone(), line.color));
        }
    }
    Ok(line_labels)
}

/// Draws the line labels on a light backing, moved where they would cover a box already
/// `placed` (and adds theirs); returns their boxes. A label that finds no clear spot goes
/// where it covers no other line label.
pub(super) fn label_lines<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    line_labels: Vec<LineLabel>,
    plot: &Rect,
    placed: &mut Vec<Rect>,
) -> Result<Vec<Rect>, String> {
    let s = |css: f64| pen.px(css);
    let mut own: Vec<Rect> = Vec::new();
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
            .find(|r| r.inside(plot) && !placed.iter().any(|p| p.overlaps(r)))
            .or_else(|| {
                rects
                    .iter()
                    .find(|r| r.inside(plot) && !own.iter().any(|p| p.overlaps(r)))
            })
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
        own.push(r);
    }
    Ok(own)
}
