#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
use super::*;
use crate::data::Dataset;
use crate::data::Num;

/// A deterministic generator (Knuth's MMIX LCG) for synthetic data.
struct Lcg(u64);

impl Lcg {
    /// A uniform value in [0, 1).
    fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An approximately standard normal value (Irwin–Hall: twelve uniforms minus 6).
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.uniform()).sum::<f64>() - 6.0
    }
}

/// Decades per year of a quantity doubling every `months`.
fn slope_doubling(months: f64) -> f64 {
    12.0 * 2f64.log10() / months
}

const SEP_2015: f64 = 2015.0 + 8.0 / 12.0;
const MAR_2022: f64 = 2022.0 + 2.0 / 12.0;

/// Regular models doubling every 6 months (2010–2022, 40 a year, noise 0.3 decades) and,
/// from Sep 2015, large-scale models 3 decades above them doubling every 10 months (10 a
/// year, noise 0.3 decades). Returns the points and which are large-scale by construction.
fn two_trends(seed: u64) -> (Vec<(f64, f64)>, Vec<bool>) {
    let mut rng = Lcg(seed);
    let (regular, large) = (slope_doubling(6.0), slope_doubling(10.0));
    let mut pts = Vec::new();
    let mut truth = Vec::new();
    for _ in 0..480 {
        let x = 2010.0 + 12.0 * rng.uniform();
        pts.push((x, 16.0 + regular * (x - 2010.0) + 0.3 * rng.normal()));
        truth.push(false);
    }
    let start = 16.0 + regular * (SEP_2015 - 2010.0) + 3.0;
    for _ in 0..63 {
        let x = SEP_2015 + (2022.0 - SEP_2015) * rng.uniform();
        pts.push((x, start + large * (x - SEP_2015) + 0.3 * rng.normal()));
        truth.push(true);
    }
    (pts, truth)
}

fn within(f: &Fit, months: f64) -> bool {
    let (lo, hi) = f.doubling_interval();
    lo.is_some_and(|lo| lo <= months) && hi.is_none_or(|hi| months <= hi)
}

#[test]
fn the_window_rule_recovers_both_synthetic_trends() {
    for seed in [1, 2, 3, 42] {
        let (pts, truth) = two_trends(seed);
        let flags = large_scale_rows(&pts);
        // From Sep 2015 the rule picks (nearly) exactly the large-scale models.
        let era = |i: usize| pts.get(i).is_some_and(|p| p.0 >= SEP_2015);
        let missed = (0..pts.len())
            .filter(|&i| era(i) && truth[i] && !flags[i])
            .count();
        let extra = (0..pts.len())
            .filter(|&i| era(i) && !truth[i] && flags[i])
            .count();
        assert!(
            missed <= 2 && extra <= 5,
            "seed {seed}: {missed} missed, {extra} extra"
        );
        let large = large_scale_fit(&pts, &flags, SEP_2015..MAR_2022).expect("large fit");
        let regular = regular_scale_fit(&pts, &flags, 2010.0..MAR_2022, SEP_2015).expect("fit");
        assert!(
            within(&large, 10.0),
            "seed {seed}: large-scale {:?} {:?}",
            large.doubling_months(),
            large.doubling_interval()
        );
        assert!(
            within(&regular, 6.0),
            "seed {seed}: regular {:?} {:?}",
            regular.doubling_months(),
            regular.doubling_interval()
        );
    }
}

#[test]
fn a_model_far_above_its_neighbours_is_large_scale_and_they_are_not() {
    let mut pts: Vec<(f64, f64)> = (0..20).map(|i| (2018.0 + i as f64 * 0.05, 20.0)).collect();
    pts.iter_mut()
        .enumerate()
        .for_each(|(i, p)| p.1 += (i % 3) as f64 * 0.1);
    pts.push((2018.5, 23.0));
    let flags = large_scale_rows(&pts);
    assert_eq!(flags.iter().filter(|f| **f).count(), 1);
    assert_eq!(flags.last(), Some(&true));
    // Far in time, the same compute is judged against other neighbours.
    pts.push((2030.0, 23.0));
    pts.push((2030.1, 30.0));
    let flags = large_scale_rows(&pts);
    assert!(flags[20] && !flags[21], "two points alone have no outlier");
}

#[test]
fn synthetic_frontier_growth_is_recovered() {
    let growth = 4.0_f64;
    for seed in [7, 8, 9] {
        let mut rng = Lcg(seed);
        let pts: Vec<(f64, f64)> = (0..600)
            .map(|_| {
                let x = 2012.0 + 12.0 * rng.uniform();
                (x, 18.0 + growth.log10() * (x - 2012.0) + 0.5 * rng.normal())
            })
            .collect();
        let flags = frontier_rows(&pts);
        let f = frontier_fit(&pts, &flags, FRONTIER_FROM..f64::INFINITY).expect("fits");
        let g = growth_per_year(&f);
        assert!(
            g.low <= growth && growth <= g.high,
            "seed {seed}: {:.2} ({:.2}–{:.2}), n={}",
            g.per_year,
            g.low,
            g.high,
            f.n
        );
        assert!(f.n < pts.len() / 3, "the frontier is a minority");
    }
}

#[test]
fn the_frontier_is_the_running_top_ten() {
    // Twelve rising models: all on the frontier; then a small one is not, a big one is.
    let mut pts: Vec<(f64, f64)> = (0..12)
        .map(|i| (2000.0 + i as f64, 10.0 + i as f64))
        .collect();
    pts.push((2013.0, 1.0));
    pts.push((2014.0, 30.0));
    let flags = frontier_rows(&pts);
    assert!(flags[..12].iter().all(|f| *f));
    assert!(!flags[12]);
    assert!(flags[13]);
    // Decreasing models: only the first ten are.
    let pts: Vec<(f64, f64)> = (0..15)
        .map(|i| (2000.0 + i as f64, 30.0 - i as f64))
        .collect();
    let flags = frontier_rows(&pts);
    assert_eq!(flags.iter().filter(|f| **f).count(), 10);
    assert!(flags[..10].iter().all(|f| *f));
    // Models of one date are ranked together, whatever their order in the input.
    let mut pts: Vec<(f64, f64)> = (0..10).map(|i| (2000.0, 20.0 + i as f64)).collect();
    pts.push((2000.0, 5.0));
    let flags = frontier_rows(&pts);
    assert!(!flags[10]);
    assert_eq!(flags.iter().filter(|f| **f).count(), 10);
}

#[test]
fn growth_per_year_is_ten_to_the_slope() {
    let pts: Vec<(f64, f64)> = (0..10)
        .map(|i| {
            (
                2018.0 + i as f64,
                20.0 + 0.6 * i as f64 + [0.1, -0.1][i % 2],
            )
        })
        .collect();
    let f = fit::least_squares(&pts).expect("fits");
    let g = growth_per_year(&f);
    assert!((g.per_year - 10f64.powf(f.slope)).abs() < 1e-12);
    assert!(g.low < g.per_year && g.per_year < g.high);
}

#[test]
fn degenerate_inputs_give_no_fit_and_never_panic() {
    let none: &[(f64, f64)] = &[];
    assert!(large_scale_rows(none).is_empty());
    assert!(frontier_rows(none).is_empty());
    assert!(large_scale_fit(none, &[], 0.0..3000.0).is_none());
    assert!(frontier_fit(none, &[], 0.0..3000.0).is_none());
    assert!(regular_scale_fit(none, &[], 0.0..3000.0, 0.0).is_none());
    let two = [(2020.0, 20.0), (2021.0, 21.0)];
    assert!(frontier_fit(&two, &frontier_rows(&two), 0.0..3000.0).is_none());
    assert_eq!(large_scale_rows(&two), vec![false, false]);
    let same_date = [
        (2020.0, 20.0),
        (2020.0, 21.0),
        (2020.0, 22.0),
        (2020.0, 25.0),
    ];
    let flags = frontier_rows(&same_date);
    assert!(flags.iter().all(|f| *f));
    assert!(frontier_fit(&same_date, &flags, 0.0..3000.0).is_none());
    let all = [true; 4];
    assert!(large_scale_fit(&same_date, &all, 0.0..3000.0).is_none());
    let nan = [
        (f64::NAN, 20.0),
        (2020.0, f64::NAN),
        (f64::INFINITY, 21.0),
        (2021.0, 22.0),
        (2022.0, 23.0),
    ];
    assert_eq!(large_scale_rows(&nan), vec![false; 5]);
    let flags = frontier_rows(&nan);
    assert_eq!(flags, vec![false, false, false, true, true]);
    assert!(frontier_fit(&nan, &[true; 5], 0.0..3000.0).is_none());
    assert!(large_scale_fit(&nan, &[true; 5], 0.0..3000.0).is_none());
    // Short or missing flags count as unflagged.
    assert!(large_scale_fit(&two, &[], 0.0..3000.0).is_none());
}

#[test]
fn method_statements_name_their_rule_and_source() {
    let l = large_scale_method();
    assert!(l.contains("0.72") && l.contains("±1 year") && l.contains("Sevilla et al. 2022"));
    let f = frontier_method();
    assert!(f.contains("10 most") && f.contains("2018") && f.contains("Epoch AI"));
}

/// (decimal year, log10 training compute) of every embedded model with a positive compute.
fn embedded_points() -> Vec<(f64, f64)> {
    let Ok(ds) = Dataset::embedded() else {
        panic!("embedded dataset");
    };
    ds.models
        .iter()
        .filter_map(|m| {
            let c = m
                .value(Num::TrainingCompute)
                .filter(|v| v.is_finite() && *v > 0.0)?;
            Some((m.decimal_year()?, c.log10()))
        })
        .collect()
}

fn describe(name: &str, f: Option<Fit>) -> String {
    match f {
        Some(f) => {
            let (lo, hi) = f.doubling_interval();
            let g = growth_per_year(&f);
            format!(
                "{name}: doubling {:?} mo (95% {lo:?}–{hi:?}), {:.2}×/yr ({:.2}–{:.2}), n={}",
                f.doubling_months(),
                g.per_year,
                g.low,
                g.high,
                f.n
            )
        }
        None => format!("{name}: no fit"),
    }
}

#[test]
fn embedded_large_scale_trend_overlaps_the_published_interval() {
    let pts = embedded_points();
    let flags = large_scale_rows(&pts);
    let frontier = frontier_rows(&pts);
    let large = large_scale_fit(&pts, &flags, SEP_2015..MAR_2022);
    println!("{}", describe("large-scale 2015-09..2022-02", large));
    println!(
        "{}",
        describe(
            "large-scale 2015-09..",
            large_scale_fit(&pts, &flags, SEP_2015..f64::INFINITY)
        )
    );
    println!(
        "{}",
        describe(
            "large-scale 2010..",
            large_scale_fit(&pts, &flags, 2010.0..f64::INFINITY)
        )
    );
    println!(
        "{}",
        describe(
            "regular 2010..2022-02",
            regular_scale_fit(&pts, &flags, 2010.0..MAR_2022, SEP_2015)
        )
    );
    println!(
        "{}",
        describe(
            "frontier 2015-09..2022-02",
            frontier_fit(&pts, &frontier, SEP_2015..MAR_2022)
        )
    );
    println!(
        "{}",
        describe(
            "frontier 2010..",
            frontier_fit(&pts, &frontier, 2010.0..f64::INFINITY)
        )
    );
    println!(
        "{}",
        describe(
            "frontier 2018..",
            frontier_fit(&pts, &frontier, FRONTIER_FROM..f64::INFINITY)
        )
    );
    let large = large.expect("a large-scale fit");
    let (lo, hi) = large.doubling_interval();
    let (lo, hi) = (lo.unwrap_or(0.0), hi.unwrap_or(f64::INFINITY));
    assert!(lo <= 17.1 && 7.7 <= hi, "{lo:.1}–{hi:.1} months");
}
