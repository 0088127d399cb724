//! Which models a compute trend is fitted on, by two published methods.
//!
//! * **Large-scale models** (Sevilla et al. 2022, *Compute Trends Across Three Eras of Machine
//!   Learning*, arXiv 2202.05924): a model is large-scale when its log10 training compute is an
//!   outlier among the models of its own time — more than [`LARGE_SCALE_Z`] standard
//!   deviations above the mean log compute of the models published within a
//!   [`LARGE_SCALE_WINDOW_YEARS`]-year window around it. The large-scale trend is the
//!   least-squares fit of those models from late 2015; the regular-scale trend is the fit of
//!   the other models of the deep-learning era.
//! * **Frontier models** (Epoch AI 2024, *Training Compute of Frontier AI Models Grows by 4-5x
//!   per Year*, <https://epoch.ai/blog/training-compute-of-frontier-ai-models-grows-by-4-5x-per-year>,
//!   CC BY): the running top [`FRONTIER_TOP`] — a model is on the frontier when, at its
//!   publication date, it is among the [`FRONTIER_TOP`] most compute-intensive models
//!   published so far. Epoch fits the frontier from [`FRONTIER_FROM`] and reports the growth
//!   as a factor per year ([`growth_per_year`]).
//!
//! Everything here takes `(year, log10 compute)` points — the year fractional, as
//! `Date::decimal_year` gives it — and is pure: no dataset, no chart. Points whose year or
//! log compute is not finite are never selected and never fitted. Both selections sort the
//! points once (O(n log n)).

use std::ops::Range;

use super::fit::{self, Fit};

/// The width, in years, of the window of publication dates a model's compute is compared
/// with: the models published within one year either side of it, the model included.
///
/// Sevilla et al. 2022 (arXiv 2202.05924) single out the large-scale models of their
/// Large-Scale Era (Table 2: 16 models, doubling every 9.9 months) against the models of
/// their time. The paper's appendix text could not be retrieved here; the first author
/// states the rule in his answer on the paper's announcement (LessWrong / Alignment Forum,
/// "Compute Trends Across Three Eras of Machine Learning", Feb 2022,
/// <https://greaterwrong.com/posts/XKtybmbjhC6mXDm5z/compute-trends-across-three-eras-of-machine-learning?commentId=fQEYmPxFWZWq8cTCE>): "We compare the compute of each
/// model to the log compute of nearby papers (within 2 years), and we call it large scale if
/// its log compute exceeds 0.72 standard deviations of the mean of that sample." "Within 2
/// years" is read here as a 2-year window centred on the model; a ±2-year reading gives
/// nearly the same trend on the embedded data (7.6 months either way, 2015-09 to 2022-02).
pub const LARGE_SCALE_WINDOW_YEARS: f64 = 2.0;

/// How many (sample) standard deviations above the window's mean log10 compute a model must
/// lie to be large-scale: 0.72, the threshold of Sevilla et al. 2022 (arXiv 2202.05924) as
/// stated by the first author (see [`LARGE_SCALE_WINDOW_YEARS`]). The standard deviation is
/// the sample one (n − 1); the source does not say which.
pub const LARGE_SCALE_Z: f64 = 0.72;

/// A model is on the frontier when it is among this many most compute-intensive models
/// published up to its date: Epoch AI's "running top 10 of models by compute" (*Training
/// Compute of Frontier AI Models Grows by 4-5x per Year*, 2024).
pub const FRONTIER_TOP: usize = 10;

/// The year from which Epoch AI fits the frontier: "recent frontier growth since 2018 is
/// better described as a 4x/year trend" (*Training Compute of Frontier AI Models Grows by
/// 4-5x per Year*, 2024), after a slowdown of the frontier around 2018.
pub const FRONTIER_FROM: f64 = 2018.0;

/// A fitted growth as a factor per year with its 95 % interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Growth {
    /// The central growth factor per year (10^slope).
    pub per_year: f64,
    /// The lower end of the 95 % interval.
    pub low: f64,
    /// The upper end of the 95 % interval.
    pub high: f64,
}

/// The growth per year of a fit of log10 values against years, with the 95 % interval of
/// its slope (Student's t with n − 2 degrees of freedom) mapped through 10^x.
pub fn growth_per_year(f: &Fit) -> Growth {
    let half = fit::t_975(f.n.saturating_sub(2)) * f.slope_se;
    Growth {
        per_year: 10f64.powf(f.slope),
        low: 10f64.powf(f.slope - half),
        high: 10f64.powf(f.slope + half),
    }
}

fn finite(p: (f64, f64)) -> bool {
    p.0.is_finite() && p.1.is_finite()
}

/// The indices of the finite points, by year (stable for equal years).
fn by_year(points: &[(f64, f64)]) -> Vec<usize> {
    let keyed: Vec<(u64, u32)> = points
        .iter()
        .zip(0u32..)
        .filter(|(p, _)| finite(**p))
        .map(|(p, i)| (crate::sort::total_order_key(p.0), i))
        .collect();
    crate::sort::positions_by_key(keyed)
        .into_iter()
        .map(|i| i as usize)
        .collect()
}

/// Which points are large-scale (Sevilla et al. 2022): those whose log10 compute lies more
/// than [`LARGE_SCALE_Z`] sample standard deviations above the mean of the points published
/// within ±[`LARGE_SCALE_WINDOW_YEARS`]/2 years of them (themselves included). One flag per
/// point, in order; a point that is not finite, or whose window has no spread, is not
/// large-scale. The flag ignores eras: [`large_scale_fit`] keeps the flagged points of the
/// large-scale era.
pub fn large_scale_rows(points: &[(f64, f64)]) -> Vec<bool> {
    let mut flags = vec![false; points.len()];
    let order = by_year(points);
    let year = |k: usize| {
        order
            .get(k)
            .and_then(|&i| points.get(i))
            .map_or(0.0, |p| p.0)
    };
    let value = |k: usize| {
        order
            .get(k)
            .and_then(|&i| points.get(i))
            .map_or(0.0, |p| p.1)
    };
    let n = order.len();
    if n == 0 {
        return flags;
    }
    // Prefix sums of values centred on their mean (so the sums of squares stay precise).
    let centre = (0..n).map(value).sum::<f64>() / n as f64;
    let mut sum = Vec::with_capacity(n + 1);
    let mut sum_sq = Vec::with_capacity(n + 1);
    let (mut s, mut s2) = (0.0, 0.0);
    sum.push(s);
    sum_sq.push(s2);
    for k in 0..n {
        let v = value(k) - centre;
        s += v;
        s2 += v * v;
        sum.push(s);
        sum_sq.push(s2);
    }
    let half = LARGE_SCALE_WINDOW_YEARS / 2.0;
    let years: Vec<f64> = (0..n).map(year).collect();
    for (k, &i) in order.iter().enumerate() {
        let x = year(k);
        let lo = years.partition_point(|&y| y < x - half);
        let hi = years.partition_point(|&y| y <= x + half);
        let m = hi.saturating_sub(lo);
        if m < 2 {
            continue;
        }
        let get = |v: &Vec<f64>, j: usize| v.get(j).copied().unwrap_or(0.0);
        let s = get(&sum, hi) - get(&sum, lo);
        let s2 = get(&sum_sq, hi) - get(&sum_sq, lo);
        let mf = m as f64;
        let mean = s / mf;
        let var = ((s2 - s * mean) / (mf - 1.0)).max(0.0);
        let sd = var.sqrt();
        if sd <= 1e-12 {
            continue;
        }
        if (value(k) - centre - mean) / sd > LARGE_SCALE_Z {
            if let Some(f) = flags.get_mut(i) {
                *f = true;
            }
        }
    }
    flags
}

/// The least-squares fit of the points that `keep` accepts (by index and point).
fn fit_where(points: &[(f64, f64)], keep: impl Fn(usize, (f64, f64)) -> bool) -> Option<Fit> {
    let pts: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .filter(|(i, p)| finite(**p) && keep(*i, **p))
        .map(|(_, p)| *p)
        .collect();
    fit::least_squares(&pts)
}

fn flagged(flags: &[bool], i: usize) -> bool {
    flags.get(i).copied().unwrap_or(false)
}

/// The large-scale trend: the fit of the points flagged in `flags` (from
/// [`large_scale_rows`]) published within `era` (a half-open range of years; Sevilla et al.
/// start it in September 2015, with AlphaGo). `None` with fewer than 3 such points or when
/// they all share one date.
pub fn large_scale_fit(points: &[(f64, f64)], flags: &[bool], era: Range<f64>) -> Option<Fit> {
    fit_where(points, |i, p| flagged(flags, i) && era.contains(&p.0))
}

/// The regular-scale trend: the fit of the points published within `era` (half-open; the
/// deep-learning era from 2010 in Sevilla et al.) other than the large-scale ones — those
/// flagged in `flags` and published from `large_from` on. `None` as for [`large_scale_fit`].
pub fn regular_scale_fit(
    points: &[(f64, f64)],
    flags: &[bool],
    era: Range<f64>,
    large_from: f64,
) -> Option<Fit> {
    fit_where(points, |i, p| {
        era.contains(&p.0) && !(flagged(flags, i) && p.0 >= large_from)
    })
}

/// Which points are on Epoch AI's frontier: among the [`FRONTIER_TOP`] highest log10
/// compute values of the points published up to their year (those of the same date
/// included), i.e. fewer than [`FRONTIER_TOP`] points published no later have strictly more
/// compute. One flag per point, in order; a point that is not finite is not on it.
pub fn frontier_rows(points: &[(f64, f64)]) -> Vec<bool> {
    let mut flags = vec![false; points.len()];
    let order = by_year(points);
    // The FRONTIER_TOP highest values so far, highest first.
    let mut top: Vec<f64> = Vec::with_capacity(FRONTIER_TOP + 1);
    let mut k = 0;
    while k < order.len() {
        let year_of = |k: usize| {
            order
                .get(k)
                .and_then(|&i| points.get(i))
                .map_or(f64::NAN, |p| p.0)
        };
        let x = year_of(k);
        let mut end = k;
        while end < order.len() && year_of(end) == x {
            end += 1;
        }
        let group = order.get(k..end).unwrap_or(&[]);
        for &i in group {
            let Some(p) = points.get(i) else { continue };
            let pos = top.partition_point(|&t| t >= p.1);
            top.insert(pos, p.1);
            top.truncate(FRONTIER_TOP);
        }
        let bar = if top.len() < FRONTIER_TOP {
            f64::NEG_INFINITY
        } else {
            top.last().copied().unwrap_or(f64::NEG_INFINITY)
        };
        for &i in group {
            if let (Some(p), Some(f)) = (points.get(i), flags.get_mut(i)) {
                *f = p.1 >= bar;
            }
        }
        k = end;
    }
    flags
}

/// The frontier trend: the fit of the points flagged in `flags` (from [`frontier_rows`])
/// published within `span` (half-open; Epoch fits from [`FRONTIER_FROM`]). `None` with
/// fewer than 3 such points or when they all share one date.
pub fn frontier_fit(points: &[(f64, f64)], flags: &[bool], span: Range<f64>) -> Option<Fit> {
    fit_where(points, |i, p| flagged(flags, i) && span.contains(&p.0))
}

/// How the large-scale models are chosen, in a sentence the chart can show by the result.
pub fn large_scale_method() -> String {
    format!(
        "Large-scale: models whose log compute lies more than {LARGE_SCALE_Z} standard deviations above the mean of the models published within ±{} year of them, from Sep 2015 (Sevilla et al. 2022, arXiv 2202.05924)",
        LARGE_SCALE_WINDOW_YEARS / 2.0
    )
}

/// How the frontier models are chosen, in a sentence the chart can show by the result.
pub fn frontier_method() -> String {
    format!(
        "Frontier: models among the {FRONTIER_TOP} most compute-intensive published so far when they came out, fitted from {FRONTIER_FROM:.0} (Epoch AI 2024, Training Compute of Frontier AI Models Grows by 4-5x per Year, CC BY)"
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "trend_tests.rs"]
mod tests;
