//! The pen: drawing primitives in CSS units scaled to the backend, the palette, and text
//! measured without the backend (estimated widths, wrapping, fitting).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout::Rect;

/// How to draw: the device-pixel scale and the kind of output.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Device pixels per CSS pixel (the canvas's devicePixelRatio; 1 for SVG). Every length
    /// and font size is multiplied by it, so the chart looks the same at any density.
    pub scale: f64,
    /// Font-size factor for the backend: 1 on a canvas; 1.24 for plotters' SVG backend, which
    /// divides font sizes by 1.24.
    pub text_scale: f64,
    /// Small thumbnail: title and plot only.
    pub compact: bool,
    /// Light text and marks on a dark background (the dark theme); see [`Style::paint`].
    pub dark: bool,
}

impl Style {
    /// Drawing on a canvas whose backing store is CSS size × `dpr`.
    pub fn canvas(dpr: f64) -> Style {
        Style {
            scale: if dpr.is_finite() && dpr > 0.25 {
                dpr
            } else {
                1.0
            },
            text_scale: 1.0,
            compact: false,
            dark: false,
        }
    }

    /// Drawing to SVG (CSS pixels).
    pub fn svg() -> Style {
        Style {
            scale: 1.0,
            text_scale: 1.24,
            compact: false,
            dark: false,
        }
    }

    /// The same style, compact or not.
    pub fn with_compact(self, compact: bool) -> Style {
        Style { compact, ..self }
    }

    /// The same style, dark or light.
    pub fn with_dark(self, dark: bool) -> Style {
        Style { dark, ..self }
    }

    /// The colour to draw `c` with (figures are specified in light-theme colours). Light: `c`.
    /// Dark: white becomes the background, the neutrals their dark counterparts, and any other
    /// colour is lightened until it stands out from the background (contrast ≥ 3:1, the WCAG
    /// minimum for graphics; text colours reach 4.5:1).
    pub fn paint(&self, c: Rgb) -> Rgb {
        if !self.dark {
            return c;
        }
        match c {
            (255, 255, 255) => DARK_BG,
            INK => (230, 233, 237),
            MUTED => (170, 177, 186),
            GRID => (48, 54, 62),
            AXIS => (112, 120, 130),
            (206, 212, 218) => (72, 80, 90),
            (52, 58, 64) => (220, 224, 228),
            _ => {
                let mut out = c;
                for _ in 0..20 {
                    if contrast(out, DARK_BG) >= 3.0 {
                        break;
                    }
                    out = mix(out, (255, 255, 255), 0.15);
                }
                out
            }
        }
    }

    /// The colour of text drawn in `c`: as [`Style::paint`], except that white text (labels
    /// inside bars) stays white.
    pub fn paint_text(&self, c: Rgb) -> Rgb {
        if c == (255, 255, 255) {
            c
        } else {
            self.paint(c)
        }
    }
}

/// The background of the dark theme (the page's `--bg` in dark mode).
pub const DARK_BG: Rgb = (24, 28, 34);

/// `a` moved towards `b` by `t` (0..1).
fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let m = |x: u8, y: u8| {
        (f64::from(x) + (f64::from(y) - f64::from(x)) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// WCAG relative luminance of an sRGB colour.
fn luminance((r, g, b): Rgb) -> f64 {
    let lin = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A colour.
pub type Rgb = (u8, u8, u8);
/// Text.
pub(super) const INK: Rgb = (33, 37, 41);
/// Secondary text.
pub(super) const MUTED: Rgb = (96, 102, 110);
/// Grid lines.
pub(super) const GRID: Rgb = (234, 236, 239);
/// Axis lines.
pub(super) const AXIS: Rgb = (160, 166, 173);

/// A backend error as the drawing's error message.
pub(super) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

/// A colour as plotters'.
pub(super) fn rgb((r, g, b): Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

/// Backend pixel coordinate from a float (clamped far outside any canvas).
pub(super) fn ip(v: f64) -> i32 {
    if v.is_finite() {
        // Clamped, so the cast cannot overflow.
        v.round().clamp(-1e6, 1e6) as i32
    } else {
        0
    }
}

/// The estimated width of `s` at font size `size` (any unit): a generous average glyph width
/// for sans-serif text, so that estimates err on the side of fewer labels.
pub(super) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.56
}

/// Splits `s` into lines of at most `max` estimated width.
pub(super) fn wrap(s: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size) > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// At most `n` of `lines` (at font size `size`, `max` wide), the last one ending in an ellipsis
/// when some were left out.
pub(super) fn first_lines(mut lines: Vec<String>, n: usize, size: f64, max: f64) -> Vec<String> {
    if lines.len() > n {
        lines.truncate(n);
        if let Some(last) = lines.last_mut() {
            *last = fit_text(&format!("{last}…"), size, max);
        }
    }
    lines
}

/// Shortens `s` to at most `max` estimated width, with an ellipsis.
pub(super) fn fit_text(s: &str, size: f64, max: f64) -> String {
    if text_width(s, size) <= max {
        return s.to_owned();
    }
    let keep = ((max / (size * 0.56)).floor() as usize).saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    out
}

/// Drawing primitives in CSS units scaled to the backend.
pub(super) struct Pen<'a, DB: DrawingBackend> {
    /// Where it draws.
    pub(super) area: &'a DrawingArea<DB, Shift>,
    /// How it draws.
    pub(super) st: Style,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    /// CSS pixels → backend pixels.
    pub(super) fn px(&self, css: f64) -> f64 {
        css * self.st.scale
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn text(
        &self,
        s: &str,
        at: (f64, f64),
        size_css: f64,
        color: Rgb,
        anchor: (HPos, VPos),
        bold: bool,
        vertical: bool,
    ) -> Result<(), String> {
        if s.is_empty() {
            return Ok(());
        }
        let size = self.px(size_css) * self.st.text_scale;
        let mut font = ("sans-serif", size).into_font();
        if bold {
            font = font.style(FontStyle::Bold);
        }
        if vertical {
            font = font.transform(FontTransform::Rotate270);
        }
        let style = font
            .color(&rgb(self.st.paint_text(color)))
            .pos(Pos::new(anchor.0, anchor.1));
        self.area
            .draw(&Text::new(s.to_owned(), (ip(at.0), ip(at.1)), style))
            .map_err(err)
    }

    pub(super) fn rect(&self, r: Rect, color: Rgb, alpha: f64, filled: bool) -> Result<(), String> {
        let c = rgb(self.st.paint(color)).mix(alpha);
        let style = if filled {
            c.filled()
        } else {
            c.stroke_width(self.stroke(1.0))
        };
        self.area
            .draw(&Rectangle::new(
                [(ip(r.x0), ip(r.y0)), (ip(r.x1), ip(r.y1))],
                style,
            ))
            .map_err(err)
    }

    pub(super) fn polyline(
        &self,
        pts: &[(f64, f64)],
        color: Rgb,
        width_css: f64,
        dashed: bool,
    ) -> Result<(), String> {
        if pts.len() < 2 {
            return Ok(());
        }
        let style = rgb(self.st.paint(color)).stroke_width(self.stroke(width_css));
        if !dashed {
            let path: Vec<(i32, i32)> = pts.iter().map(|p| (ip(p.0), ip(p.1))).collect();
            return self.area.draw(&PathElement::new(path, style)).map_err(err);
        }
        let (dash, gap) = (self.px(6.0), self.px(4.0));
        let mut on = true;
        let mut left = dash;
        for w in pts.windows(2) {
            let (Some(a), Some(b)) = (w.first(), w.get(1)) else {
                continue;
            };
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let mut t = 0.0;
            while t < len {
                let step = left.min(len - t);
                if on {
                    let p0 = (a.0 + (b.0 - a.0) * t / len, a.1 + (b.1 - a.1) * t / len);
                    let t1 = t + step;
                    let p1 = (a.0 + (b.0 - a.0) * t1 / len, a.1 + (b.1 - a.1) * t1 / len);
                    self.area
                        .draw(&PathElement::new(
                            vec![(ip(p0.0), ip(p0.1)), (ip(p1.0), ip(p1.1))],
                            style,
                        ))
                        .map_err(err)?;
                }
                t += step;
                left -= step;
                if left <= 1e-9 {
                    on = !on;
                    left = if on { dash } else { gap };
                }
            }
        }
        Ok(())
    }

    pub(super) fn ring(&self, c: (f64, f64), r: f64, color: Rgb) -> Result<(), String> {
        self.circle_in(
            c,
            r,
            rgb(self.st.paint(color)).stroke_width(self.stroke(1.0)),
        )
    }

    /// A stroke of `w` (scaled) pixels, at least one.
    fn stroke(&self, w: f64) -> u32 {
        ip(self.px(w)).max(1) as u32
    }

    fn circle_in(&self, c: (f64, f64), r: f64, style: ShapeStyle) -> Result<(), String> {
        self.area
            .draw(&Circle::new((ip(c.0), ip(c.1)), ip(r).max(1), style))
            .map_err(err)
    }

    pub(super) fn circle(
        &self,
        c: (f64, f64),
        r: f64,
        color: Rgb,
        fill: Option<f64>,
    ) -> Result<(), String> {
        let style = match fill {
            Some(alpha) => rgb(self.st.paint(color)).mix(alpha).filled(),
            None => rgb(self.st.paint(color)).stroke_width(self.stroke(1.5)),
        };
        self.circle_in(c, r, style)
    }

    /// A diamond of half-diagonal `r` at `c`: filled with `fill` opacity, or outlined.
    pub(super) fn diamond(
        &self,
        c: (f64, f64),
        r: f64,
        color: Rgb,
        fill: Option<f64>,
    ) -> Result<(), String> {
        let pts = vec![
            (ip(c.0), ip(c.1 - r)),
            (ip(c.0 + r), ip(c.1)),
            (ip(c.0), ip(c.1 + r)),
            (ip(c.0 - r), ip(c.1)),
        ];
        match fill {
            Some(alpha) => self
                .area
                .draw(&Polygon::new(
                    pts,
                    rgb(self.st.paint(color)).mix(alpha).filled(),
                ))
                .map_err(err),
            None => {
                let mut closed = pts;
                closed.push((ip(c.0), ip(c.1 - r)));
                let style = rgb(self.st.paint(color)).stroke_width(self.stroke(1.5));
                self.area
                    .draw(&PathElement::new(closed, style))
                    .map_err(err)
            }
        }
    }
}
