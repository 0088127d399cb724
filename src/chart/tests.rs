use super::*;
use crate::data::fixture;
use plotters::prelude::IntoDrawingArea;

#[test]
fn log_range_covers_values_in_whole_decades_and_ignores_non_positive() {
    assert_eq!(log_range([3e9, 2e11]), Some((1e9, 1e12)));
    assert_eq!(log_range([0.0, -5.0, f64::NAN]), None);
    assert_eq!(log_range([1e9]), Some((1e9, 1e10)));
    assert_eq!(log_range([-1.0, 5e10, 0.0]), Some((1e10, 1e11)));
}

#[test]
fn parameters_chart_skips_unknown_values_and_groups_by_domain() {
    let ds = fixture::dataset();
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let c = parameters_over_time(&ds, &rows);
    let known = ds
        .models
        .iter()
        .filter(|m| m.parameters.value.is_some())
        .count();
    assert_eq!(c.points.len(), known);
    assert_eq!(c.left_out, ds.models.len() - known);
    assert!(c.points.iter().all(|p| p.y > 0.0 && p.x > 2000.0));
    let mut domains: Vec<&str> = ds
        .models
        .iter()
        .filter(|m| m.parameters.value.is_some())
        .map(|m| m.domain.as_str())
        .collect();
    domains.sort_unstable();
    domains.dedup();
    assert_eq!(c.series.len(), domains.len());
}

#[test]
fn scatter_draws_to_svg_with_title_and_one_mark_per_point() {
    let ds = fixture::dataset();
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let c = parameters_over_time(&ds, &rows);
    let mut svg = String::new();
    let geometry = {
        let root =
            plotters::prelude::SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
        draw_scatter(&root, &c, 1.0).expect("draws")
    };
    assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
    assert!(svg.contains(&c.title));
    assert!(svg.contains("Source: Model Atlas dataset"));
    // Legend dots plus one circle per point.
    assert_eq!(
        svg.matches("<circle").count(),
        c.points.len() + c.series.len()
    );
    assert_eq!(geometry.points.len(), c.points.len());
    assert!(geometry
        .points
        .iter()
        .all(|&(x, y)| (0..800).contains(&x) && (0..500).contains(&y)));
    // The largest model sits highest (smallest pixel y).
    let top = c
        .points
        .iter()
        .zip(&geometry.points)
        .min_by_key(|(_, g)| g.1)
        .map(|(p, _)| p.y);
    let max = c.points.iter().map(|p| p.y).fold(0.0, f64::max);
    assert_eq!(top, Some(max));
}
