//! Axis scales (linear or log), tick marks with thinned labels, and zoom viewports.

use super::figure::TickFormat;
use crate::format;

/// Maps data values on one axis to pixels. On a log axis only positive, finite values have a
/// position; everything else maps to `None` (never NaN).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// The data value at `px0`.
    pub lo: f64,
    /// The data value at `px1`.
    pub hi: f64,
    /// Log10 scale.
    pub log: bool,
    /// Pixel position of `lo`.
    pub px0: f64,
    /// Pixel position of `hi`.
    pub px1: f64,
}

impl Default for Scale {
    fn default() -> Self {
        Scale {
            lo: 0.0,
            hi: 1.0,
            log: false,
            px0: 0.0,
            px1: 1.0,
        }
    }
}

/// `v` in the axis's linear space (log10 on a log axis); `None` when it has no position.
pub fn transform(v: f64, log: bool) -> Option<f64> {
    if !v.is_finite() {
        None
    } else if log {
        (v > 0.0).then(|| v.log10())
    } else {
        Some(v)
    }
}

fn untransform(t: f64, log: bool) -> f64 {
    if log {
        10f64.powf(t)
    } else {
        t
    }
}

impl Scale {
    /// A scale over `lo..hi` drawn from pixel `px0` to `px1`. A log scale with a non-positive
    /// bound falls back to `1..10`.
    pub fn new(lo: f64, hi: f64, log: bool, px0: f64, px1: f64) -> Scale {
        let (lo, hi) = match (transform(lo, log), transform(hi, log)) {
            (Some(_), Some(_)) if hi > lo => (lo, hi),
            (Some(_), Some(_)) if hi == lo => {
                if log {
                    (lo / 10f64.sqrt(), hi * 10f64.sqrt())
                } else {
                    (lo - 0.5, hi + 0.5)
                }
            }
            _ if log => (1.0, 10.0),
            _ => (0.0, 1.0),
        };
        Scale {
            lo,
            hi,
            log,
            px0,
            px1,
        }
    }

    fn t_bounds(&self) -> (f64, f64) {
        (
            transform(self.lo, self.log).unwrap_or(0.0),
            transform(self.hi, self.log).unwrap_or(1.0),
        )
    }

    /// The pixel position of `v`, or `None` when `v` has none on this axis.
    pub fn to_px(&self, v: f64) -> Option<f64> {
        let t = transform(v, self.log)?;
        let (a, b) = self.t_bounds();
        let span = b - a;
        if span.abs() < f64::EPSILON {
            return Some((self.px0 + self.px1) / 2.0);
        }
        Some(self.px0 + (t - a) / span * (self.px1 - self.px0))
    }

    /// The data value at pixel `px`.
    pub fn from_px(&self, px: f64) -> f64 {
        let (a, b) = self.t_bounds();
        let len = self.px1 - self.px0;
        if len.abs() < f64::EPSILON {
            return self.lo;
        }
        untransform(a + (px - self.px0) / len * (b - a), self.log)
    }

    /// Whether `v` lies within the scale's range (inclusive, with a little slack).
    pub fn contains(&self, v: f64) -> bool {
        let Some(t) = transform(v, self.log) else {
            return false;
        };
        let (a, b) = self.t_bounds();
        let slack = (b - a).abs() * 1e-9;
        t >= a.min(b) - slack && t <= a.max(b) + slack
    }

    /// The pixel position of `v` when the axis shows it: [`Scale::to_px`] when
    /// [`Scale::contains`] holds, the same numbers with the axis's bounds transformed once
    /// and each value once (a log on a log axis, where the two calls take six) — what a
    /// scatter computes for each of 100 000 points.
    pub fn px_inside(&self) -> impl Fn(f64) -> Option<f64> + '_ {
        let (a, b) = self.t_bounds();
        let span = b - a;
        let slack = span.abs() * 1e-9;
        let (lo, hi) = (a.min(b) - slack, a.max(b) + slack);
        move |v| {
            let t = transform(v, self.log)?;
            if !(t >= lo && t <= hi) {
                return None;
            }
            if span.abs() < f64::EPSILON {
                return Some((self.px0 + self.px1) / 2.0);
            }
            Some(self.px0 + (t - a) / span * (self.px1 - self.px0))
        }
    }
}

/// One tick on an axis: a grid line, labelled unless thinned out.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Data value.
    pub value: f64,
    /// The label ("" when the label was thinned out; the grid line stays).
    pub label: String,
}

/// A tick label for `v` in `fmt`.
pub fn tick_label(v: f64, fmt: TickFormat) -> String {
    match fmt {
        TickFormat::Year => {
            let year = v.floor();
            let month = ((v - year) * 12.0).round();
            if !(0.5..=11.5).contains(&month) {
                format!("{:.0}", v.round())
            } else {
                // `month` is 1..=11 here.
                let name = crate::data::MONTHS
                    .get(month as usize)
                    .and_then(|m| m.get(..3))
                    .unwrap_or("");
                format!("{name} {year:.0}")
            }
        }
        TickFormat::Count => format::short_count(v),
        TickFormat::Flop => {
            let e = v.log10();
            if (e - e.round()).abs() < 1e-9 {
                format!("1e{:.0}", e.round())
            } else {
                format::scientific(v)
            }
        }
        TickFormat::Percent => format!("{}%", format::plain(v, 3)),
        TickFormat::Plain => format::plain(v, 3),
    }
}

/// A "nice" step (1, 2 or 5 × a power of ten; whole months and years on a time axis) of at
/// least `raw`.
fn nice_step(raw: f64, fmt: TickFormat) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    if fmt == TickFormat::Year {
        const YEAR_STEPS: [f64; 9] = [1.0 / 12.0, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0];
        if let Some(s) = YEAR_STEPS.iter().copied().find(|s| *s >= raw * 0.999) {
            return s;
        }
    }
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * 0.999)
        .unwrap_or(10.0 * mag)
}

/// Ticks for `scale` with at most `max_labels` labels. Log axes tick at powers of ten (every
/// k-th decade labelled when space is short; 1-2-5 within a single decade); linear axes at
/// nice steps. At most 200 ticks whatever the range.
pub fn ticks(scale: &Scale, fmt: TickFormat, max_labels: usize) -> Vec<Tick> {
    let max_labels = max_labels.max(2);
    let (lo, hi) = (scale.lo.min(scale.hi), scale.lo.max(scale.hi));
    if scale.log {
        let (Some(a), Some(b)) = (transform(lo, true), transform(hi, true)) else {
            return Vec::new();
        };
        let d0 = (a - 1e-9).ceil();
        let d1 = (b + 1e-9).floor();
        let decades = d1 - d0 + 1.0;
        if (2.0..=400.0).contains(&decades) {
            // Label every `stride`-th decade (aligned to multiples, so labels do not move when
            // the range shifts), keep a grid line at every decade up to 40 of them.
            let stride = (decades / max_labels as f64).ceil().max(1.0);
            let every = (decades / 40.0).ceil().max(1.0);
            let mut out = Vec::new();
            let mut d = d0;
            while d <= d1 && out.len() < 200 {
                let labelled = (d / stride).round() * stride == d;
                if labelled || (d / every).round() * every == d {
                    let v = 10f64.powf(d);
                    out.push(Tick {
                        value: v,
                        label: if labelled {
                            tick_label(v, fmt)
                        } else {
                            String::new()
                        },
                    });
                }
                d += 1.0;
            }
            return out;
        }
        // Less than two decades in view: 1-2-5 steps.
        let mut out = Vec::new();
        let mut d = (a - 1e-9).floor();
        while d <= b && out.len() < 200 {
            for m in [1.0, 2.0, 5.0] {
                let v = m * 10f64.powf(d);
                if scale.contains(v) {
                    out.push(Tick {
                        value: v,
                        label: tick_label(v, fmt),
                    });
                }
            }
            d += 1.0;
        }
        if out.len() >= 2 && out.len() <= max_labels {
            return out;
        }
        // Too few or too many: fall back to linear steps within the range.
        return linear_ticks(lo, hi, fmt, max_labels, scale);
    }
    linear_ticks(lo, hi, fmt, max_labels, scale)
}

fn linear_ticks(lo: f64, hi: f64, fmt: TickFormat, max_labels: usize, scale: &Scale) -> Vec<Tick> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return Vec::new();
    }
    let mut step = nice_step(span / max_labels as f64, fmt);
    if fmt == TickFormat::Count {
        // Counts are whole numbers.
        step = step.max(1.0);
    }
    let first = (lo / step - 1e-9).ceil();
    let mut out = Vec::new();
    let mut i = 0.0;
    while out.len() < 200 {
        let v = (first + i) * step;
        if v > hi + step * 1e-9 {
            break;
        }
        // Snap values like 0.30000000000000004 so labels and snapshots stay clean.
        let v = (v / step).round() * step;
        if scale.contains(v) || !scale.log {
            out.push(Tick {
                value: v,
                label: tick_label(v, fmt),
            });
        }
        i += 1.0;
    }
    out
}

/// A zoomed view: data ranges for both axes (in data units, not pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// x range (low, high).
    pub x: (f64, f64),
    /// y range (low, high).
    pub y: (f64, f64),
}

/// Smallest span a zoom may reach, in the axis's linear space (years or decades).
const MIN_SPAN: f64 = 0.02;

fn zoom_axis(s: &Scale, at_px: f64, factor: f64) -> Option<(f64, f64)> {
    let (a, b) = (transform(s.lo, s.log)?, transform(s.hi, s.log)?);
    let c = transform(s.from_px(at_px), s.log)?;
    let f = if factor.is_finite() && factor > 0.0 {
        factor
    } else {
        1.0
    };
    let (mut na, mut nb) = (c + (a - c) * f, c + (b - c) * f);
    if nb - na < MIN_SPAN {
        let mid = (na + nb) / 2.0;
        na = mid - MIN_SPAN / 2.0;
        nb = mid + MIN_SPAN / 2.0;
    }
    let (lo, hi) = (untransform(na, s.log), untransform(nb, s.log));
    (lo.is_finite() && hi.is_finite() && hi > lo).then_some((lo, hi))
}

fn span_axis(s: &Scale, p0: f64, p1: f64) -> Option<(f64, f64)> {
    let (v0, v1) = (s.from_px(p0), s.from_px(p1));
    let (lo, hi) = (v0.min(v1), v0.max(v1));
    let (a, b) = (transform(lo, s.log)?, transform(hi, s.log)?);
    (b - a >= MIN_SPAN && lo.is_finite() && hi.is_finite()).then_some((lo, hi))
}

impl Viewport {
    /// The view after zooming by `factor` (< 1 zooms in) around pixel `at`, keeping the data
    /// point under `at` in place.
    pub fn zoomed(x: &Scale, y: &Scale, at: (f64, f64), factor: f64) -> Option<Viewport> {
        Some(Viewport {
            x: zoom_axis(x, at.0, factor)?,
            y: zoom_axis(y, at.1, factor)?,
        })
    }

    /// The view of the pixel box between corners `p0` and `p1` (`None` when it is too small).
    pub fn from_box(x: &Scale, y: &Scale, p0: (f64, f64), p1: (f64, f64)) -> Option<Viewport> {
        Some(Viewport {
            x: span_axis(x, p0.0, p1.0)?,
            y: span_axis(y, p0.1, p1.1)?,
        })
    }
}
