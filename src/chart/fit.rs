//! Least-squares trend lines on a log scale and the doubling times they imply.
//!
//! A trend is fitted as `log10(y) = a + b·year` by ordinary least squares. Its doubling time
//! is `12·log10(2)/b` months; the 95 % interval comes from the slope's standard error and
//! Student's t with n − 2 degrees of freedom, mapped through the same formula (an interval
//! that reaches a slope ≤ 0 has no upper bound).

/// A fitted straight line `y = intercept + slope·x` with its uncertainty.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// Slope (for log10 y against years: decades per year).
    pub slope: f64,
    /// Intercept at x = 0.
    pub intercept: f64,
    /// Standard error of the slope.
    pub slope_se: f64,
    /// Number of points.
    pub n: usize,
    /// Smallest x fitted.
    pub x_min: f64,
    /// Largest x fitted.
    pub x_max: f64,
}

/// The two-sided 95 % quantile of Student's t (the 0.975 quantile) for `df` degrees of
/// freedom: a table up to 30, then a Cornish–Fisher expansion (error < 1e-4).
pub fn t_975(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    if df == 0 {
        return f64::INFINITY;
    }
    if let Some(t) = TABLE.get(df - 1) {
        return *t;
    }
    let z: f64 = 1.959_963_985;
    let n = df as f64;
    let (z3, z5, z7) = (z.powi(3), z.powi(5), z.powi(7));
    z + (z3 + z) / (4.0 * n)
        + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * n * n)
        + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * n * n * n)
}

/// Fits `y = a + b·x` to the finite points. `None` with fewer than 3 points or when every x
/// is the same.
pub fn least_squares(points: &[(f64, f64)]) -> Option<Fit> {
    let pts: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect();
    let n = pts.len();
    if n < 3 {
        return None;
    }
    let nf = n as f64;
    let mx = pts.iter().map(|p| p.0).sum::<f64>() / nf;
    let my = pts.iter().map(|p| p.1).sum::<f64>() / nf;
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx <= f64::EPSILON * nf {
        return None;
    }
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let rss: f64 = pts
        .iter()
        .map(|p| (p.1 - intercept - slope * p.0).powi(2))
        .sum();
    let slope_se = (rss / (nf - 2.0) / sxx).sqrt();
    let x_min = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let x_max = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    Some(Fit {
        slope,
        intercept,
        slope_se,
        n,
        x_min,
        x_max,
    })
}

/// Months for a growth of `slope` decades per year to double (`None` unless it grows).
pub fn doubling_months(slope: f64) -> Option<f64> {
    (slope.is_finite() && slope > 0.0).then(|| 12.0 * 2f64.log10() / slope)
}

impl Fit {
    /// The line's value at `x`.
    pub fn at(&self, x: f64) -> f64 {
        self.intercept + self.slope * x
    }

    /// The doubling time in months (for a fit of log10 values against years).
    pub fn doubling_months(&self) -> Option<f64> {
        doubling_months(self.slope)
    }

    /// The 95 % interval of the doubling time in months: (shortest, longest). The longest is
    /// `None` when the slope's interval reaches zero (no doubling ruled out).
    pub fn doubling_interval(&self) -> (Option<f64>, Option<f64>) {
        let half = t_975(self.n.saturating_sub(2)) * self.slope_se;
        (
            doubling_months(self.slope + half),
            doubling_months(self.slope - half),
        )
    }
}
