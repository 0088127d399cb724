//! Exports of a figure: SVG (the same drawing code on plotters' SVG backend) and the plotted
//! points as CSV.

use plotters::prelude::{IntoDrawingArea, SVGBackend};

use super::draw::{draw, Style};
use super::figure::{Figure, Table};
use super::scale::Viewport;

/// The figure as a standalone SVG document of `width` × `height` CSS pixels (light theme).
pub fn svg(
    fig: &Figure,
    view: Option<&Viewport>,
    width: u32,
    height: u32,
) -> Result<String, String> {
    svg_styled(fig, view, (width, height), &Style::svg())
}

/// The figure as a standalone SVG document of `size` CSS pixels, drawn in `style` (its
/// scale should be 1: SVG is in CSS pixels; `dark` picks the theme).
pub fn svg_styled(
    fig: &Figure,
    view: Option<&Viewport>,
    size: (u32, u32),
    style: &Style,
) -> Result<String, String> {
    svg_document(size, |backend| {
        draw(&backend.into_drawing_area(), fig, view, style).map(drop)
    })
}

/// A standalone SVG document of `width` × `height` CSS pixels, drawn by `paint` on plotters'
/// SVG backend (the app wraps that backend in its own type before drawing on it, so that the
/// drawing code is compiled once for its canvas and its SVG download).
pub fn svg_document(
    (width, height): (u32, u32),
    paint: impl FnOnce(SVGBackend<'_>) -> Result<(), String>,
) -> Result<String, String> {
    let mut out = String::new();
    // The backend writes into `out` as `paint` drops it.
    paint(SVGBackend::with_string(
        &mut out,
        (width.max(1), height.max(1)),
    ))?;
    Ok(standalone_svg(out))
}

/// plotters' SVG output as a standalone document: plotters omits the namespace declaration
/// that SVG files need.
fn standalone_svg(out: String) -> String {
    if out.contains("xmlns=") {
        out
    } else {
        out.replacen("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 1)
    }
}

/// A figure's table ([`super::table`]) as CSV: a header row, then one row per point with
/// full-precision numbers; the model id is the first column when the points are models.
pub fn csv(table: &Table) -> String {
    let with_ids = table.rows.iter().any(|(id, _)| id.is_some());
    let mut header: Vec<String> = Vec::new();
    if with_ids {
        header.push("model_id".to_owned());
    }
    header.extend(table.columns.iter().cloned());
    let rows = table.rows.iter().map(|(id, cells)| {
        let mut row: Vec<String> = Vec::new();
        if with_ids {
            row.push(id.clone().unwrap_or_default());
        }
        row.extend(cells.iter().map(|c| c.raw.clone()));
        row
    });
    crate::export::csv_of_records(std::iter::once(header).chain(rows))
}
