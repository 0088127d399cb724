//! Drawing, generic over plotters' `DrawingBackend`.

use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{linear_range, log_range, series_color, Scatter};
use crate::format::short_count;

/// Where things landed on the drawing, in backend pixels, for hit-testing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geometry {
    /// Pixel position of each point of the chart, in the chart's point order.
    pub points: Vec<(i32, i32)>,
}

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

fn rgb((r, g, b): (u8, u8, u8)) -> RGBColor {
    RGBColor(r, g, b)
}

/// Pixel size of `base` CSS pixels at this device scale, at least 1.
fn px(base: f64, scale: f64) -> i32 {
    // Chart sizes are small positive numbers, so the cast cannot overflow.
    (base * scale).round().max(1.0) as i32
}

/// Draws a scatter chart (title, subtitle, legend, axes, points, source line) onto `root`.
/// `scale` is the device-pixel ratio: text and marks grow with it so the chart looks the same
/// at any density.
pub fn draw_scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Scatter,
    scale: f64,
) -> Result<Geometry, String> {
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let font = |size: f64| ("sans-serif", f64::from(px(size, scale)));
    let ink = RGBColor(33, 37, 41);
    let muted = RGBColor(100, 106, 115);
    root.draw(&Text::new(
        chart.title.clone(),
        (px(12.0, scale), px(8.0, scale)),
        font(18.0).into_font().style(FontStyle::Bold).color(&ink),
    ))
    .map_err(err)?;
    root.draw(&Text::new(
        chart.subtitle.clone(),
        (px(12.0, scale), px(32.0, scale)),
        font(13.0).into_font().color(&muted),
    ))
    .map_err(err)?;
    // Legend: one row of coloured dots and names under the subtitle.
    let mut x = px(12.0, scale);
    let legend_y = px(56.0, scale);
    for (i, name) in chart.series.iter().enumerate() {
        let r = px(4.0, scale);
        root.draw(&Circle::new(
            (x + r, legend_y + px(7.0, scale)),
            r,
            rgb(series_color(i)).filled(),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            name.clone(),
            (x + px(12.0, scale), legend_y),
            font(12.0).into_font().color(&ink),
        ))
        .map_err(err)?;
        // Names are short; an estimate of their width keeps the row compact without
        // measuring (which is costly on the web backend).
        let chars = i32::try_from(name.chars().count()).unwrap_or(20);
        x += px(24.0, scale) + chars * px(7.0, scale);
    }
    root.draw(&Text::new(
        chart.source.clone(),
        (px(12.0, scale), h as i32 - px(18.0, scale)),
        font(11.0).into_font().color(&muted),
    ))
    .map_err(err)?;

    let top = px(80.0, scale);
    let bottom = px(24.0, scale);
    let plot_area = root.margin(top, bottom, 0, px(12.0, scale));
    let x_range = linear_range(chart.points.iter().map(|p| p.x), 0.03).unwrap_or((2000.0, 2026.0));
    let x_range = x_range.0..x_range.1;
    if chart.y_log {
        let (lo, hi) = log_range(chart.points.iter().map(|p| p.y)).unwrap_or((1.0, 10.0));
        plot(&plot_area, chart, x_range, (lo..hi).log_scale(), scale, w)
    } else {
        let (lo, hi) = linear_range(chart.points.iter().map(|p| p.y), 0.05).unwrap_or((0.0, 1.0));
        plot(&plot_area, chart, x_range, lo..hi, scale, w)
    }
}

fn plot<DB, Y>(
    area: &DrawingArea<DB, Shift>,
    chart: &Scatter,
    x_range: std::ops::Range<f64>,
    y_spec: Y,
    scale: f64,
    width: u32,
) -> Result<Geometry, String>
where
    DB: DrawingBackend,
    Y: AsRangedCoord<Value = f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let label_font = ("sans-serif", f64::from(px(12.0, scale)));
    let mut cc = ChartBuilder::on(area)
        .x_label_area_size(px(36.0, scale))
        .y_label_area_size(px(64.0, scale))
        .build_cartesian_2d(x_range, y_spec)
        .map_err(err)?;
    // About one x label per 90 CSS pixels keeps year labels from colliding.
    let x_labels = ((f64::from(width) / scale / 90.0) as usize).clamp(2, 14);
    let x_fmt = |v: &f64| format!("{:.0}", v.floor());
    let y_fmt = |v: &f64| short_count(*v);
    cc.configure_mesh()
        .x_labels(x_labels)
        .y_labels(8)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .x_desc(chart.x_label.clone())
        .y_desc(chart.y_label.clone())
        .label_style(label_font)
        .axis_desc_style(label_font)
        .light_line_style(RGBColor(238, 240, 242))
        .bold_line_style(RGBColor(222, 226, 230))
        .draw()
        .map_err(err)?;
    let r = px(4.0, scale);
    let stroke = px(1.5, scale).max(1) as u32;
    let mut geometry = Geometry::default();
    for p in &chart.points {
        let color = rgb(series_color(p.series));
        let style = if p.estimated {
            color.stroke_width(stroke)
        } else {
            color.mix(0.85).filled()
        };
        cc.draw_series(std::iter::once(Circle::new((p.x, p.y), r, style)))
            .map_err(err)?;
        geometry.points.push(cc.backend_coord(&(p.x, p.y)));
    }
    area.present().map_err(err)?;
    Ok(geometry)
}
