//! A grid index over a drawing's hits, built once per drawing, so that finding the point under
//! the pointer looks at the few hits near it instead of all of them (a scatter can have
//! 100 000): [`HitIndex::nearest`] gives exactly what a scan of every hit gives.

use super::layout::Hit;

/// The most cells an index has (a plot is at most a few thousand pixels a side; the cells are
/// widened when there would be more).
const MAX_CELLS: usize = 1 << 20;

/// Hits bucketed by the cell of their centre (cells of equal size over the centres' extent).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HitIndex {
    x0: f64,
    y0: f64,
    cell: f64,
    cols: usize,
    rows: usize,
    /// How far a hit's area reaches from its centre (the largest over all hits).
    reach: f64,
    /// Per cell, where its hits start in `items` (one more entry than cells).
    start: Vec<u32>,
    /// Positions in the hit list, cell by cell.
    items: Vec<u32>,
    /// How many hits it was built from (0: not built).
    len: usize,
}

impl HitIndex {
    /// The index of `hits` with cells of about `cell` backend pixels.
    pub fn new(hits: &[Hit], cell: f64) -> HitIndex {
        let finite = |h: &&Hit| h.center.0.is_finite() && h.center.1.is_finite();
        if hits.is_empty() || u32::try_from(hits.len()).is_err() || !hits.iter().all(|h| finite(&h))
        {
            return HitIndex::default();
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        let mut reach: f64 = 0.0;
        for h in hits {
            x0 = x0.min(h.center.0);
            y0 = y0.min(h.center.1);
            x1 = x1.max(h.center.0);
            y1 = y1.max(h.center.1);
            let (dx, dy) = (
                (h.rect.x0 - h.center.0)
                    .abs()
                    .max((h.rect.x1 - h.center.0).abs()),
                (h.rect.y0 - h.center.1)
                    .abs()
                    .max((h.rect.y1 - h.center.1).abs()),
            );
            reach = reach.max((dx * dx + dy * dy).sqrt());
        }
        let mut cell = if cell.is_finite() && cell >= 1.0 {
            cell
        } else {
            1.0
        };
        let dims = |cell: f64| {
            // Finite, non-negative spans over a positive cell.
            let c = ((x1 - x0) / cell).floor() as usize + 1;
            let r = ((y1 - y0) / cell).floor() as usize + 1;
            (c, r)
        };
        let (mut cols, mut rows) = dims(cell);
        while cols.saturating_mul(rows) > MAX_CELLS {
            cell *= 2.0;
            (cols, rows) = dims(cell);
        }
        let cell_of = |p: (f64, f64)| {
            let c = (((p.0 - x0) / cell).floor() as usize).min(cols - 1);
            let r = (((p.1 - y0) / cell).floor() as usize).min(rows - 1);
            r * cols + c
        };
        // Counting sort of the hits by cell: a count per cell, then its start, then the items.
        let mut start = vec![0u32; cols * rows + 1];
        for h in hits {
            if let Some(s) = start.get_mut(cell_of(h.center) + 1) {
                *s += 1;
            }
        }
        for i in 1..start.len() {
            let prev = start.get(i - 1).copied().unwrap_or(0);
            if let Some(s) = start.get_mut(i) {
                *s += prev;
            }
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; hits.len()];
        for (k, h) in hits.iter().enumerate() {
            let Some(f) = fill.get_mut(cell_of(h.center)) else {
                continue;
            };
            if let Some(slot) = items.get_mut(*f as usize) {
                // `hits.len()` fits in u32 (checked above).
                *slot = k as u32;
            }
            *f += 1;
        }
        HitIndex {
            x0,
            y0,
            cell,
            cols,
            rows,
            reach,
            start,
            items,
            len: hits.len(),
        }
    }

    /// The mark under `p` among `hits` (those the index was built from): the hit whose area
    /// contains `p` or whose centre is nearest, within `radius`; on a tie the first in `hits`
    /// — as [`super::Geometry::mark_at`] scanning every hit. `None` when the index does not
    /// cover `hits` or would look at most cells anyway (the caller scans then).
    pub fn nearest(&self, hits: &[Hit], p: (f64, f64), radius: f64) -> Option<Option<usize>> {
        if self.len == 0 || self.len != hits.len() || !(p.0.is_finite() && p.1.is_finite()) {
            return None;
        }
        // A hit can only count if its centre lies within `span` of `p`.
        let span = radius.max(self.reach);
        let reach_cells = (span / self.cell).ceil();
        if !(reach_cells.is_finite()
            && reach_cells * reach_cells * 4.0 < (self.cols * self.rows) as f64)
        {
            return None;
        }
        let col = |x: f64| ((x - self.x0) / self.cell).floor();
        let row = |y: f64| ((y - self.y0) / self.cell).floor();
        let clamp_c = |v: f64| v.clamp(0.0, (self.cols - 1) as f64) as usize;
        let clamp_r = |v: f64| v.clamp(0.0, (self.rows - 1) as f64) as usize;
        let (c0, c1) = (col(p.0 - span), col(p.0 + span));
        let (r0, r1) = (row(p.1 - span), row(p.1 + span));
        if c1 < 0.0 || r1 < 0.0 || c0 > (self.cols - 1) as f64 || r0 > (self.rows - 1) as f64 {
            return Some(None);
        }
        let mut best: Option<(f64, u32)> = None;
        for r in clamp_r(r0)..=clamp_r(r1) {
            let from = r * self.cols + clamp_c(c0);
            let to = r * self.cols + clamp_c(c1);
            let (Some(&a), Some(&b)) = (self.start.get(from), self.start.get(to + 1)) else {
                continue;
            };
            for &k in self.items.get(a as usize..b as usize).unwrap_or(&[]) {
                let Some(h) = hits.get(k as usize) else {
                    continue;
                };
                let d = distance(h, p);
                if d <= radius && best.is_none_or(|(bd, bk)| d < bd || (d == bd && k < bk)) {
                    best = Some((d, k));
                }
            }
        }
        Some(best.and_then(|(_, k)| hits.get(k as usize)).map(|h| h.mark))
    }
}

/// How far `p` is from hit `h`: 0 inside its area, else from its centre.
pub(super) fn distance(h: &Hit, p: (f64, f64)) -> f64 {
    if h.rect.contains(p) {
        0.0
    } else {
        let dx = h.center.0 - p.0;
        let dy = h.center.1 - p.1;
        (dx * dx + dy * dy).sqrt()
    }
}
