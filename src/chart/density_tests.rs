//! Density mode (the grid's counts, shades and image; when it applies and how it draws), the
//! hit index against a scan of every hit, and the per-dataset facts cache.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed assumption is a failed test.

use std::rc::Rc;

use proptest::prelude::*;

use super::tests::{all_rows, dataset, default_figure, draw_geometry, svg_of};
use super::*;

fn area() -> Rect {
    Rect {
        x0: 10.0,
        y0: 20.0,
        x1: 40.0,
        y1: 50.0,
    }
}

#[test]
fn binning_counts_each_point_in_its_cell_and_ignores_points_outside() {
    // 30 × 30 px in cells of 10: a 3 × 3 grid.
    let pts = [
        ((10.0, 20.0), 0), // top-left corner: cell 0
        ((19.9, 29.9), 1), // still cell 0
        ((20.0, 20.0), 1), // cell 1
        ((40.0, 50.0), 0), // bottom-right edge: the last cell
        ((39.0, 49.0), 2), // last cell
        ((39.0, 49.0), 2), // last cell
        ((9.9, 25.0), 0),  // outside, left
        ((25.0, 50.1), 0), // outside, below
        ((f64::NAN, 30.0), 0),
    ];
    let d = Density::bin(area(), 10.0, 3, pts);
    assert_eq!((d.cols, d.rows), (3, 3));
    assert_eq!(d.counts, vec![2, 1, 0, 0, 0, 0, 0, 0, 3]);
    assert_eq!(d.max, 3);
    // Cell 0: one of series 0 and one of series 1 — a tie goes to the lower series.
    assert_eq!(d.top.first(), Some(&0));
    assert_eq!(d.top.get(1), Some(&1));
    assert_eq!(
        d.top.get(8),
        Some(&2),
        "two of series 2 beat one of series 0"
    );
    assert_eq!(d.cell_at((15.0, 25.0)), Some(0));
    assert_eq!(d.cell_at((5.0, 25.0)), None);
    let last = d.cell_rect(8);
    assert_eq!(
        (last.x0, last.y0, last.x1, last.y1),
        (30.0, 40.0, 40.0, 50.0)
    );
}

#[test]
fn cells_fill_the_area_exactly_and_the_grid_stays_bounded() {
    // 31 px in cells of about 10: 3 cells of 10.33 px, the last ending on the edge.
    let a = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 31.0,
        y1: 5.0,
    };
    let d = Density::bin(a, 10.0, 1, [((30.9, 4.9), 0)]);
    assert_eq!((d.cols, d.rows), (3, 1));
    assert!((d.cell_rect(2).x1 - 31.0).abs() < 1e-9);
    assert_eq!(d.counts, vec![0, 0, 1]);
    // A nonsense cell size and a huge area give a bounded grid, not a panic or a huge buffer.
    let huge = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 1e12,
        y1: 1e12,
    };
    let d = Density::bin(huge, f64::NAN, 0, [((5.0, 5.0), 7)]);
    assert!(d.cols <= 2048 && d.rows <= 2048);
    assert_eq!(d.counts.iter().sum::<u32>(), 1);
}

#[test]
fn shades_grow_with_the_count_and_the_image_is_transparent_where_empty() {
    let pts = (0..100)
        .map(|_| ((12.0, 22.0), 1))
        .chain([((35.0, 45.0), 0)]);
    let d = Density::bin(area(), 10.0, 2, pts);
    assert_eq!(d.max, 100);
    assert_eq!(d.alpha(0), 0.0);
    assert!((d.alpha(1) - 0.3).abs() < 1e-9);
    assert!((d.alpha(100) - 1.0).abs() < 1e-9);
    assert!(d.alpha(10) > d.alpha(2) && d.alpha(10) < d.alpha(50));
    let img = d.rgba(&[(1, 2, 3), (4, 5, 6)]);
    assert_eq!(img.len(), 9 * 4);
    assert_eq!(
        &img[0..4],
        &[4, 5, 6, 255],
        "the full cell: series 1, opaque"
    );
    assert_eq!(&img[4..8], &[0, 0, 0, 0], "an empty cell: transparent");
    assert_eq!(
        &img[32..36],
        &[1, 2, 3, 77],
        "one point: series 0 at the lightest shade"
    );
}

/// The parameters figure of the fixture with its marks repeated (slightly moved) up to `n`.
fn big_figure(n: usize) -> Figure {
    let ds = Rc::new(dataset());
    let mut fig = default_figure(&ds, &all_rows(&ds), ChartId::ParametersOverTime);
    let base = fig.marks.clone();
    let mut i = 0;
    while fig.marks.len() < n {
        let mut m = base[i % base.len()].clone();
        let k = (i / base.len()) as f64;
        m.x += (k % 97.0) / 97.0;
        m.y *= 1.0 + (k % 89.0) / 89.0;
        m.highlight = false;
        m.always_label = false;
        m.emphasis = false;
        fig.marks.push(m);
        i += 1;
    }
    fig
}

#[test]
fn density_applies_from_the_threshold_only_and_keeps_every_point_reachable() {
    let small = big_figure(DENSITY_FROM - 1);
    assert!(!is_dense(&small));
    let g = draw_geometry(&small, 900, 600, &Style::svg());
    assert!(g.density.is_none());

    let fig = big_figure(DENSITY_FROM);
    assert!(is_dense(&fig));
    let g = draw_geometry(&fig, 900, 600, &Style::svg());
    let key = g.density.expect("a density key");
    assert_eq!(key.points, g.hits.len());
    assert!(key.max > 1);
    assert!(key.label().starts_with("density: 1–"), "{}", key.label());
    assert!(key.note().contains("density grid"));
    // Every point in view keeps its hit, and hover finds the one under the pointer.
    assert!(g.hits.len() > DENSITY_FROM / 2);
    let h = &g.hits[g.hits.len() / 2];
    let found = g.mark_at(h.center, 10.0).expect("a mark under a point");
    assert_eq!(g.scan_mark_at(h.center, 10.0), Some(found));
    // The SVG has the grid as rectangles and no mark per point.
    let svg = svg_of(&fig, 900, 600);
    assert!(svg.matches("<rect").count() > 100);
    assert!(
        svg.matches("<circle").count() < 100,
        "marks drawn one by one"
    );
}

#[test]
fn the_embedded_atlas_is_never_drawn_as_density() {
    let ds = Rc::new(crate::data::Dataset::embedded().expect("embedded dataset"));
    assert!(ds.models.len() < DENSITY_FROM);
    let fig = figure(
        &ds,
        &all_rows(&ds),
        ChartId::ParametersOverTime,
        &ChartOptions::default(),
        &[],
    );
    assert!(!is_dense(&fig));
}

fn hit(mark: usize, c: (f64, f64), r: f64) -> Hit {
    Hit {
        mark,
        center: c,
        rect: Rect {
            x0: c.0 - r,
            y0: c.1 - r,
            x1: c.0 + r,
            y1: c.1 + r,
        },
    }
}

fn geometry(hits: Vec<Hit>, cell: f64) -> Geometry {
    Geometry {
        index: HitIndex::new(&hits, cell),
        hits,
        ..Geometry::default()
    }
}

#[test]
fn the_index_finds_the_nearest_point_and_the_first_on_a_tie() {
    let g = geometry(
        vec![
            hit(0, (100.0, 100.0), 4.0),
            hit(1, (108.0, 100.0), 4.0),
            hit(2, (108.0, 100.0), 4.0),
            hit(3, (500.0, 400.0), 4.0),
        ],
        12.0,
    );
    assert_eq!(g.mark_at((101.0, 100.0), 10.0), Some(0));
    assert_eq!(
        g.mark_at((106.0, 100.0), 10.0),
        Some(1),
        "a tie: the first hit"
    );
    assert_eq!(g.mark_at((495.0, 400.0), 10.0), Some(3));
    assert_eq!(g.mark_at((300.0, 300.0), 10.0), None);
    assert_eq!(g.mark_at((-1e9, 1e9), 10.0), None);
    // The index answers (it does not fall back to a scan) for a scatter's hits.
    assert!(g.index.nearest(&g.hits, (101.0, 100.0), 10.0).is_some());
    // Hits changed after the index was built: it steps aside and the scan answers.
    let mut g = g;
    g.hits.push(hit(4, (300.0, 300.0), 4.0));
    assert_eq!(g.index.nearest(&g.hits, (300.0, 300.0), 10.0), None);
    assert_eq!(g.mark_at((300.0, 300.0), 10.0), Some(4));
}

#[test]
fn bars_wider_than_the_hover_radius_are_still_found() {
    // A leaderboard row's area spans the plot: inside it, the row is found far from its dot.
    let row = Hit {
        mark: 0,
        center: (600.0, 50.0),
        rect: Rect {
            x0: 0.0,
            y0: 40.0,
            x1: 700.0,
            y1: 60.0,
        },
    };
    let g = geometry(vec![row, hit(1, (650.0, 300.0), 4.0)], 12.0);
    assert_eq!(g.mark_at((20.0, 50.0), 10.0), Some(0));
}

proptest! {
    #[test]
    fn the_index_gives_what_a_scan_gives(
        pts in proptest::collection::vec((0.0f64..400.0, 0.0f64..300.0, 0.5f64..6.0), 1..300),
        queries in proptest::collection::vec((-20.0f64..420.0, -20.0f64..320.0, 0.0f64..30.0), 1..40),
        cell in 1.0f64..40.0,
        snap in any::<bool>(),
    ) {
        // Snapped to a coarse grid, many points share a position (ties).
        let hits: Vec<Hit> = pts
            .iter()
            .enumerate()
            .map(|(i, &(x, y, r))| {
                let c = if snap { ((x / 20.0).round() * 20.0, (y / 20.0).round() * 20.0) } else { (x, y) };
                hit(i * 3, c, r)
            })
            .collect();
        let g = geometry(hits, cell);
        for (x, y, radius) in queries {
            prop_assert_eq!(g.mark_at((x, y), radius), g.scan_mark_at((x, y), radius));
        }
    }
}

#[test]
fn figures_from_the_cached_facts_equal_fresh_ones() {
    let ds = Rc::new(dataset());
    let rows = all_rows(&ds);
    for chart in ChartId::ALL {
        for color in ColorBy::ALL {
            let options = ChartOptions {
                color: Some(color),
                ..ChartOptions::default()
            };
            let fresh = figure(&ds, &rows, chart, &options, &[]);
            // Twice: computing the facts, then reusing them.
            assert_eq!(figure_of(&ds, &rows, chart, &options, &[]), fresh);
            assert_eq!(
                figure_of(&ds, &rows[..rows.len() / 2], chart, &options, &[]),
                figure(&ds, &rows[..rows.len() / 2], chart, &options, &[])
            );
        }
    }
    // One entry per dataset: the same facts for the same Rc, others for another dataset.
    let again = DatasetFacts::of(&ds);
    assert!(Rc::ptr_eq(&again, &DatasetFacts::of(&ds)));
    let other = Rc::new(dataset());
    assert!(!Rc::ptr_eq(&again, &DatasetFacts::of(&other)));
}

proptest! {
    #[test]
    fn px_inside_is_to_px_where_the_axis_shows_the_value(
        lo in -1e6f64..1e6,
        span in 0.0f64..1e6,
        log in any::<bool>(),
        v in -2e6f64..2e6,
        edge in 0usize..3,
    ) {
        let (lo, hi) = if log { (lo.abs() + 1e-3, lo.abs() + 1e-3 + span) } else { (lo, lo + span) };
        let s = Scale::new(lo, hi, log, 40.0, 900.0);
        // Also the bounds themselves, where rounding decides.
        let v = [v, lo, hi][edge];
        let want = if s.contains(v) { s.to_px(v) } else { None };
        prop_assert_eq!(s.px_inside()(v), want);
    }
}
