//! The keys to reading a chart: the legend of series and the notes (fitted doubling times …),
//! under the subtitle on narrow drawings or in a box on the plot.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::layout::{Frame, Rect};
use super::pen::{fit_text, text_width, wrap, Pen, INK};
use crate::chart::figure::{Figure, Kind};

/// Draws the legend from `y` down (a wrapping row of swatches and names; hidden series are
/// hollow and grey), when there is more than one series or a hidden one; adds each entry's
/// area to `legend` and returns the y under it.
pub(super) fn legend<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    frame: &Frame,
    mut y: f64,
    legend: &mut Vec<(usize, Rect)>,
) -> Result<f64, String> {
    if !(fig.series.len() > 1 || fig.series.iter().any(|x| x.hidden)) {
        return Ok(y);
    }
    let s = |css: f64| pen.px(css);
    let (left, right) = (frame.left, frame.right);
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
        legend.push((
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
    Ok(y + row_h + s(4.0))
}

/// Draws the notes under the subtitle from `y` down, when the frame puts them there; returns
/// the y under them.
pub(super) fn header_notes<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    frame: &Frame,
    mut y: f64,
) -> Result<f64, String> {
    if !frame.notes_in_header {
        return Ok(y);
    }
    let s = |css: f64| pen.px(css);
    let width = frame.right - frame.left;
    for line in fig.notes.iter().flat_map(|n| {
        if frame.short {
            vec![fit_text(n, s(11.0), width)]
        } else {
            wrap(n, s(11.0), width)
        }
    }) {
        pen.text(
            &line,
            (frame.left, y),
            11.0,
            INK,
            (HPos::Left, VPos::Top),
            false,
            false,
        )?;
        y += s(14.5);
    }
    Ok(y + s(4.0))
}

/// Draws the notes in a box at the top of the plot (left, or right over columns), when the
/// frame does not put them under the subtitle.
pub(super) fn notes_box<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    frame: &Frame,
    plot: &Rect,
) -> Result<(), String> {
    if frame.compact || frame.notes_in_header || fig.notes.is_empty() {
        return Ok(());
    }
    let s = |css: f64| pen.px(css);
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
    Ok(())
}
