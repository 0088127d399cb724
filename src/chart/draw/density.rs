//! Density mode: a scatter chart of very many points is drawn as a grid of small cells over
//! the plot, each shaded by how many points fall in it and coloured by the series most of them
//! belong to, instead of one mark per point. Hover and the keyboard still reach every point
//! (their hits are recorded as usual, and found through [`super::index::HitIndex`]).
//!
//! The grid is computed here, from the points' positions; a canvas paints it as one image
//! (the `painter` of [`crate::chart::draw_with`]), any other backend (SVG export, snapshots)
//! as one filled rectangle per non-empty cell.

use super::layout::Rect;
use super::pen::Rgb;
use crate::chart::figure::{Figure, Kind};
use crate::format;

/// From this many marks a scatter chart is drawn as a density grid.
///
/// Why 20 000: a canvas draws marks one by one at roughly a microsecond each, so 10 000
/// points already take 9–11 ms of a 16 ms frame and 100 000 took 70–78 ms (BENCHMARKS.md);
/// and on a plot of about 1 200 × 500 CSS pixels, 20 000 marks 8 pixels wide cover it several
/// times over, so one mark per point shows clumps whose depth the eye cannot read, where a
/// count per cell shows it. Below this, charts keep their marks (the embedded atlas, a few
/// hundred models, never reaches it).
pub const DENSITY_FROM: usize = 20_000;

/// A density cell's side, in CSS pixels.
pub const DENSITY_CELL: f64 = 3.0;

/// The most cells a grid has along one side (a plot is at most a few thousand pixels wide).
const MAX_SIDE: usize = 2048;

/// The most per-series counters a grid keeps (cells × series; 32 MB): with more series than
/// fit, the last ones share a counter.
const MAX_COUNTERS: usize = 1 << 23;

/// The lightest shade (opacity) of a non-empty cell: a cell of one point stays visible.
const LIGHTEST: f64 = 0.3;

/// Whether `fig` is drawn as a density grid: a scatter chart of at least [`DENSITY_FROM`] marks.
pub fn is_dense(fig: &Figure) -> bool {
    fig.kind == Kind::Scatter && fig.marks.len() >= DENSITY_FROM
}

/// A density grid: points counted per cell over an area.
#[derive(Clone, Debug, PartialEq)]
pub struct Density {
    /// The area the grid covers, in backend pixels.
    pub area: Rect,
    /// Cells across.
    pub cols: usize,
    /// Cells down.
    pub rows: usize,
    /// Points per cell, row by row from the top left.
    pub counts: Vec<u32>,
    /// Per cell, the series most of its points belong to (the lowest on a tie).
    pub top: Vec<u16>,
    /// The largest count of a cell.
    pub max: u32,
}

impl Density {
    /// Counts `points` (backend-pixel position, series index below `series`) in cells of about
    /// `cell` pixels over `area` (whole cells: their size is adjusted to fill it exactly).
    /// Points outside the area are not counted.
    pub fn bin(
        area: Rect,
        cell: f64,
        series: usize,
        points: impl IntoIterator<Item = ((f64, f64), usize)>,
    ) -> Density {
        let cell = if cell.is_finite() && cell >= 1.0 {
            cell
        } else {
            1.0
        };
        let side = |len: f64| {
            let n = (len / cell).round();
            // Non-negative and below MAX_SIDE after the clamp.
            (if n.is_finite() { n } else { 1.0 }).clamp(1.0, MAX_SIDE as f64) as usize
        };
        let (cols, rows) = (side(area.width()), side(area.height()));
        let n = cols * rows;
        let series = series.clamp(1, (MAX_COUNTERS / n).clamp(1, usize::from(u16::MAX)));
        let mut counts = vec![0u32; n];
        let mut per = vec![0u32; n * series];
        for (p, s) in points {
            let Some(i) = cell_index(&area, cols, rows, p) else {
                continue;
            };
            if let Some(c) = counts.get_mut(i) {
                *c += 1;
            }
            if let Some(c) = per.get_mut(i * series + s.min(series - 1)) {
                *c += 1;
            }
        }
        let top = per
            .chunks(series)
            .map(|c| {
                let mut best = 0;
                for (s, &k) in c.iter().enumerate() {
                    if k > c.get(best).copied().unwrap_or(0) {
                        best = s;
                    }
                }
                u16::try_from(best).unwrap_or(0)
            })
            .collect();
        let max = counts.iter().copied().max().unwrap_or(0);
        Density {
            area,
            cols,
            rows,
            counts,
            top,
            max,
        }
    }

    /// The cell (index into [`Density::counts`]) of the backend-pixel position `p`.
    pub fn cell_at(&self, p: (f64, f64)) -> Option<usize> {
        cell_index(&self.area, self.cols, self.rows, p)
    }

    /// The area of cell `i`, in backend pixels.
    pub fn cell_rect(&self, i: usize) -> Rect {
        let (w, h) = (
            self.area.width() / self.cols as f64,
            self.area.height() / self.rows as f64,
        );
        let (c, r) = ((i % self.cols) as f64, (i / self.cols) as f64);
        Rect {
            x0: self.area.x0 + c * w,
            y0: self.area.y0 + r * h,
            x1: self.area.x0 + (c + 1.0) * w,
            y1: self.area.y0 + (r + 1.0) * h,
        }
    }

    /// The opacity a cell of `count` points is drawn with: none when empty, then from
    /// [`LIGHTEST`] for one point to 1 for the fullest cell, on a log scale (counts span orders
    /// of magnitude; a linear shade would show only the densest spot).
    pub fn alpha(&self, count: u32) -> f64 {
        if count == 0 {
            return 0.0;
        }
        let t = if self.max > 1 {
            f64::from(count).ln() / f64::from(self.max).ln()
        } else {
            1.0
        };
        LIGHTEST + (1.0 - LIGHTEST) * t.clamp(0.0, 1.0)
    }

    /// The grid as an image, one pixel per cell, RGBA row by row (not premultiplied): each
    /// non-empty cell in the colour of its top series (`colors`, as painted) at its
    /// [`Density::alpha`]; empty cells transparent.
    pub fn rgba(&self, colors: &[Rgb]) -> Vec<u8> {
        let mut out = vec![0u8; self.counts.len() * 4];
        for ((px, &count), &top) in out.chunks_exact_mut(4).zip(&self.counts).zip(&self.top) {
            if count == 0 {
                continue;
            }
            let (r, g, b) = colors
                .get(usize::from(top))
                .copied()
                .unwrap_or((90, 90, 90));
            // Between 0 and 255 after the clamp.
            let a = (self.alpha(count) * 255.0).round().clamp(0.0, 255.0) as u8;
            px.copy_from_slice(&[r, g, b, a]);
        }
        out
    }
}

/// The cell of `p` in a `cols` × `rows` grid over `area` (the right and bottom edges belong
/// to the last cells).
fn cell_index(area: &Rect, cols: usize, rows: usize, p: (f64, f64)) -> Option<usize> {
    if !area.contains(p) || area.width() <= 0.0 || area.height() <= 0.0 {
        return None;
    }
    let fx = (p.0 - area.x0) / area.width() * cols as f64;
    let fy = (p.1 - area.y0) / area.height() * rows as f64;
    // Within 0..=cols (rows) since `p` is inside the area.
    let c = (fx.floor().max(0.0) as usize).min(cols - 1);
    let r = (fy.floor().max(0.0) as usize).min(rows - 1);
    Some(r * cols + c)
}

/// A density grid as an image for a backend that paints images: `width` × `height` pixels
/// (one per cell) of RGBA to be stretched over `area` (backend pixels) without smoothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// Where it goes, in backend pixels.
    pub area: Rect,
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// RGBA, row by row, not premultiplied.
    pub rgba: Vec<u8>,
}

/// What a density chart's key says: the reader's way to read the shades.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DensityKey {
    /// The points binned (those in view).
    pub points: usize,
    /// A cell's side, CSS pixels (about).
    pub cell_css: f64,
    /// The most points in one cell.
    pub max: u32,
}

impl DensityKey {
    /// The key's label beside its ramp of shades: "density: 1–2,345 points per cell".
    pub fn label(&self) -> String {
        if self.max <= 1 {
            "density: 1 point per cell".to_owned()
        } else {
            format!(
                "density: 1–{} points per cell",
                format::count(self.max as usize)
            )
        }
    }

    /// How to read the grid, in a sentence for the text beside the chart.
    pub fn note(&self) -> String {
        let side = format::plain(self.cell_css, 2);
        format!(
            "Drawn as a density grid, too many points to draw one by one: the {} points in view are counted in cells of about {side} × {side} px; a cell's shade shows how many points it holds (1 to {} per cell, lightest to darkest, on a log scale) and its colour the group most of them belong to; estimates and sparse models are not drawn apart. Hover a cell, or use the arrow keys, to reach each model.",
            format::count(self.points),
            format::count(self.max as usize),
        )
    }
}
