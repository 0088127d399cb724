//! The dark theme of the drawings (contrast of every colour a figure can use, every chart drawn
//! dark), and small drawings (phones, embeds) that keep most of their height for the plot.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.

use super::*;
use crate::data::Dataset;
use plotters::prelude::{IntoDrawingArea, SVGBackend};
use std::rc::Rc;

const WHITE: Rgb = (255, 255, 255);

#[test]
fn light_paints_every_colour_as_given() {
    let st = Style::svg();
    for c in [(33, 37, 41), WHITE, (0, 114, 178), (150, 150, 150)] {
        assert_eq!(st.paint(c), c);
        assert_eq!(st.paint_text(c), c);
    }
}

#[test]
fn dark_text_and_marks_stand_out_from_the_background() {
    let st = Style::svg().with_dark(true);
    assert_eq!(st.paint(WHITE), DARK_BG, "the background");
    assert_eq!(st.paint_text(WHITE), WHITE, "labels inside bars stay white");
    // Text: ink and muted reach 4.5:1 (WCAG AA for text).
    for c in [(33, 37, 41), (96, 102, 110)] {
        assert!(contrast(st.paint_text(c), DARK_BG) >= 4.5, "{c:?}");
    }
    // Marks and lines: the palette, the greys and the builders' fixed colours reach 3:1.
    let fixed = [
        (150, 150, 150),
        (170, 170, 170),
        (110, 110, 110),
        (170, 20, 60),
        (200, 30, 30),
        (33, 37, 41),
    ];
    for c in (0..9).map(series_color).chain(fixed) {
        assert!(
            contrast(st.paint(c), DARK_BG) >= 3.0,
            "{c:?} → {:?}",
            st.paint(c)
        );
    }
    // Already light enough: unchanged.
    assert_eq!(st.paint((230, 159, 0)), (230, 159, 0));
}

#[test]
fn every_chart_draws_dark() {
    let ds = Rc::new(Dataset::embedded().expect("embedded dataset"));
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    for chart in ChartId::ALL {
        let fig = figure(&ds, &rows, chart, &ChartOptions::default(), &[]);
        let light = export::svg(&fig, None, 700, 450).expect("light");
        let dark = export::svg_styled(&fig, None, (700, 450), &Style::svg().with_dark(true))
            .expect("dark");
        assert_ne!(light, dark, "{}", chart.id());
        assert!(dark.contains("#181C22"), "{}: dark background", chart.id());
        assert!(
            !dark.contains("#212529"),
            "{}: no light-theme ink",
            chart.id()
        );
        let mut out = String::new();
        let root = SVGBackend::with_string(&mut out, (320, 200)).into_drawing_area();
        let compact = Style::svg().with_compact(true).with_dark(true);
        assert!(
            draw(&root, &fig, None, &compact).is_ok(),
            "{} compact",
            chart.id()
        );
    }
}

#[test]
fn a_phone_sized_drawing_keeps_most_of_its_height_for_the_plot() {
    let ds = Rc::new(Dataset::embedded().expect("embedded dataset"));
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    for chart in [
        ChartId::ComputeOverTime,
        ChartId::ParametersOverTime,
        ChartId::TokensVsParameters,
    ] {
        let fig = figure(&ds, &rows, chart, &ChartOptions::default(), &[]);
        for (w, h) in [(300u32, 440u32), (360, 480), (470, 600)] {
            let mut out = String::new();
            let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
            let geo = draw(&root, &fig, None, &Style::svg()).expect("draws");
            let plot_h = geo.plot.y1 - geo.plot.y0;
            let share = if h >= 480 { 0.45 } else { 0.38 };
            assert!(
                plot_h >= share * f64::from(h),
                "{} at {w}×{h}: plot {plot_h:.0} px high",
                chart.id()
            );
        }
    }
}
