//! The keys to reading a chart: the legend of series and the notes (fitted doubling times …),
//! under the legend, outside the plot.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::density::{is_dense, DensityKey};
use super::layout::{Frame, Rect};
use super::pen::{text_width, wrap, Pen, INK};
use crate::chart::figure::Figure;

/// Draws the legend from `y` down (a wrapping row of swatches and names; hidden series are
/// hollow and grey), when there is more than one series or a hidden one; adds each entry's
/// area to `legend` and returns the y under it.
pub(super) fn legend<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    frame: &Frame,
    mut y: f64,
    legend: &mut Vec<(usize, Rect)>,
    key: &mut Option<(f64, f64)>,
) -> Result<f64, String> {
    let dense = is_dense(fig);
    // A density grid does not draw sparse models apart.
    let sparse = !dense && fig.marks.iter().any(|m| m.sparse);
    if !(fig.series.len() > 1 || fig.series.iter().any(|x| x.hidden) || sparse || dense) {
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
    if sparse {
        // The marker key: not a series (not clickable).
        let label = "sparse (mixture-of-experts)";
        let wdt = s(14.0) + text_width(label, s(size));
        if x > left && x + wdt > right {
            x = left;
            y += row_h;
        }
        let cy = y + row_h / 2.0;
        pen.diamond((x + s(5.0), cy), s(6.0), INK, None)?;
        pen.text(
            label,
            (x + s(14.0), cy),
            size,
            INK,
            (HPos::Left, VPos::Center),
            false,
            false,
        )?;
    }
    if dense {
        // The density key: a ramp of shades, then the counts they stand for, written once the
        // grid is counted ([`density_label`]); its room is kept here.
        let ramp = s(DENSITY_SWATCH) * DENSITY_STEPS.len() as f64;
        let wdt = ramp + s(6.0) + text_width(KEY_ROOM, s(size));
        if x > left && x + wdt > right {
            x = left;
            y += row_h;
        }
        let cy = y + row_h / 2.0;
        for (i, alpha) in DENSITY_STEPS.iter().enumerate() {
            let x0 = x + s(DENSITY_SWATCH) * i as f64;
            pen.rect(
                Rect {
                    x0,
                    y0: cy - s(DENSITY_SWATCH) / 2.0,
                    x1: x0 + s(DENSITY_SWATCH),
                    y1: cy + s(DENSITY_SWATCH) / 2.0,
                },
                INK,
                *alpha,
                true,
            )?;
        }
        *key = Some((x + ramp + s(6.0), cy));
    }
    Ok(y + row_h + s(4.0))
}

/// The density key's swatch side, CSS pixels.
const DENSITY_SWATCH: f64 = 9.0;

/// The density key's shades, lightest (one point) to darkest (the fullest cell).
const DENSITY_STEPS: [f64; 5] = [0.3, 0.475, 0.65, 0.825, 1.0];

/// The widest density label the key makes room for.
const KEY_ROOM: &str = "density: 1–999,999 points per cell";

/// The density key's text at `at` (kept by [`legend`]): the counts the shades stand for.
pub(super) fn density_label<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    at: (f64, f64),
    key: &DensityKey,
) -> Result<(), String> {
    pen.text(
        &key.label(),
        at,
        12.0,
        INK,
        (HPos::Left, VPos::Center),
        false,
        false,
    )
}

/// The share of a drawing's height that must stay below the notes for them to be drawn.
const PLOT_SHARE: f64 = 0.55;

/// Draws the notes meant for the canvas under the legend from `y` down (never on the plot,
/// so they cover no data); returns the y under them. None on thumbnails, on narrow drawings,
/// nor where they would leave less than [`PLOT_SHARE`] of the drawing's `height` below them:
/// they would squeeze the plot, and the page lists them as text beside the chart.
pub(super) fn header_notes<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    fig: &Figure,
    frame: &Frame,
    mut y: f64,
    height: f64,
) -> Result<f64, String> {
    if frame.compact || frame.narrow {
        return Ok(y);
    }
    let s = |css: f64| pen.px(css);
    let lines: Vec<String> = fig
        .notes
        .iter()
        .filter(|n| n.on_canvas)
        .flat_map(|n| wrap(&n.to_string(), s(11.0), frame.right - frame.left))
        .collect();
    if height - (y + s(14.5) * lines.len() as f64) < height * PLOT_SHARE {
        return Ok(y);
    }
    let mut any = false;
    for line in lines {
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
        any = true;
    }
    Ok(if any { y + s(4.0) } else { y })
}
