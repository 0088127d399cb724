//! The price of scale: training and serving costs, energy and emissions, estimated from a
//! model's size and a chip's specifications (`data::Chip`).
//!
//! Every input that is not a plain fact is an [`Assumption`] with a central value and a
//! plausible range (sourced defaults live in [`assumptions`]). Every result is a [`Range`]
//! (low, central, high) propagated monotonically: the low end of a result combines the input
//! ends that make it smallest (e.g. chip-hours low uses the high MFU). Every step returns a
//! [`Step`] carrying its formula in words, so a reader can follow each multiplication.
//!
//! Bad inputs (zero, negative, NaN, infinite, absurd) give a [`CostError`] with a human
//! message, never NaN or a panic.

pub mod assumptions;
mod chinchilla;
mod inference;
pub mod params;
pub mod report;
mod training;

pub use chinchilla::{compare_to_optimal, compute_optimal, ComputeOptimal, OptimalComparison};
pub use inference::{
    chips_to_hold, serving_cost_per_year, weights_memory_gb, WeightFormat, HOURS_PER_YEAR,
};
pub use training::{
    amortized_price_per_hour, chip_hours, cost_usd, emissions_t, energy_mwh, estimate_training,
    recorded_compute, six_n_d, training_days, ChipSpec, TrainingEstimate, TrainingInputs,
};

use std::fmt;

/// The largest parameter count accepted (1e15, far beyond any model) — larger is a typo.
pub const MAX_PARAMETERS: f64 = 1e15;
/// The largest token count accepted (1e17).
pub const MAX_TOKENS: f64 = 1e17;
/// The largest training compute accepted, FLOP (1e32).
pub const MAX_FLOP: f64 = 1e32;

/// Why an estimate cannot be made.
#[derive(Clone, Debug, PartialEq)]
pub enum CostError {
    /// The input is NaN or infinite.
    NotFinite {
        /// What the input is, in words.
        what: &'static str,
    },
    /// The input must be greater than zero.
    NotPositive {
        /// What the input is.
        what: &'static str,
        /// The value given.
        value: f64,
    },
    /// The input lies outside the range this estimator accepts.
    OutOfRange {
        /// What the input is.
        what: &'static str,
        /// The value given.
        value: f64,
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
    },
    /// An assumption's low, central and high values are out of order.
    Unordered {
        /// What the assumption is.
        what: &'static str,
    },
    /// The chip table has no figure needed for this estimate.
    MissingSpec {
        /// The chip's id.
        chip: String,
        /// The missing figure, in words.
        what: &'static str,
    },
    /// No default exists for this input; the user has to give one.
    NoDefault {
        /// What is missing, in words.
        what: String,
    },
    /// A result overflowed (the inputs are too large together).
    Overflow {
        /// Which result.
        what: &'static str,
    },
}

impl fmt::Display for CostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFinite { what } => write!(f, "{what} must be a finite number"),
            Self::NotPositive { what, value } => {
                write!(f, "{what} must be greater than zero (got {value})")
            }
            Self::OutOfRange {
                what,
                value,
                min,
                max,
            } => write!(
                f,
                "{what} must be between {} and {} (got {})",
                number(*min),
                number(*max),
                number(*value)
            ),
            Self::Unordered { what } => {
                write!(
                    f,
                    "{what}: the low value must not exceed the central, nor the central the high"
                )
            }
            Self::MissingSpec { chip, what } => {
                write!(
                    f,
                    "the hardware table has no {what} for {chip}; enter it by hand"
                )
            }
            Self::NoDefault { what } => write!(f, "no sourced default for {what}; enter one"),
            Self::Overflow { what } => write!(f, "{what} is too large to compute"),
        }
    }
}

impl std::error::Error for CostError {}

/// Checks `v` is finite and within `min..=max` (and above zero when `min` is zero but zero is
/// not allowed: use [`positive`]).
pub(crate) fn within(what: &'static str, v: f64, min: f64, max: f64) -> Result<f64, CostError> {
    if !v.is_finite() {
        return Err(CostError::NotFinite { what });
    }
    if v < min || v > max {
        return Err(CostError::OutOfRange {
            what,
            value: v,
            min,
            max,
        });
    }
    Ok(v)
}

/// Checks `v` is finite, greater than zero and at most `max`.
pub(crate) fn positive(what: &'static str, v: f64, max: f64) -> Result<f64, CostError> {
    if !v.is_finite() {
        return Err(CostError::NotFinite { what });
    }
    if v <= 0.0 {
        return Err(CostError::NotPositive { what, value: v });
    }
    within(what, v, 0.0, max)
}

/// A number for formula texts: three significant digits, scientific notation outside
/// 0.001–1,000,000.
pub fn number(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 || (1e-3..1e6).contains(&a) {
        crate::format::plain(v, 3)
    } else {
        crate::format::scientific(v)
    }
}

/// Checks `v` is a finite count of at least one and at most `max` (parameters, tokens,
/// FLOP: a tiny positive value would make ratios overflow).
pub(crate) fn at_least_one(what: &'static str, v: f64, max: f64) -> Result<f64, CostError> {
    if v.is_finite() && v <= 0.0 {
        return Err(CostError::NotPositive { what, value: v });
    }
    within(what, v, 1.0, max)
}

/// An input that is not a plain fact: a central value and a plausible range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assumption {
    /// The central value.
    pub value: f64,
    /// The low end of the plausible range.
    pub low: f64,
    /// The high end of the plausible range.
    pub high: f64,
}

impl Assumption {
    /// An assumption; `low <= value <= high`, all finite.
    pub const fn new(value: f64, low: f64, high: f64) -> Self {
        Self { value, low, high }
    }

    /// A value known exactly (no range).
    pub const fn exact(value: f64) -> Self {
        Self {
            value,
            low: value,
            high: value,
        }
    }

    /// Checks all three values are finite, within `min..=max` and ordered.
    pub fn check(self, what: &'static str, min: f64, max: f64) -> Result<Self, CostError> {
        for v in [self.low, self.value, self.high] {
            within(what, v, min, max)?;
        }
        if self.low <= self.value && self.value <= self.high {
            Ok(self)
        } else {
            Err(CostError::Unordered { what })
        }
    }

    /// Like [`Assumption::check`], and zero is not allowed.
    pub fn check_positive(self, what: &'static str, max: f64) -> Result<Self, CostError> {
        for v in [self.low, self.value, self.high] {
            positive(what, v, max)?;
        }
        self.check(what, 0.0, max)
    }

    /// `value [low–high]` with three significant digits, for formula texts.
    pub fn describe(self) -> String {
        if self.low == self.high {
            number(self.value)
        } else {
            format!(
                "{} [{}–{}]",
                number(self.value),
                number(self.low),
                number(self.high)
            )
        }
    }
}

/// A result: low, central and high estimates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// The smallest plausible value.
    pub low: f64,
    /// The central estimate.
    pub central: f64,
    /// The largest plausible value.
    pub high: f64,
}

impl Range {
    /// A value with no uncertainty.
    pub const fn exact(v: f64) -> Self {
        Self {
            low: v,
            central: v,
            high: v,
        }
    }

    /// The range of an assumption.
    pub const fn of(a: Assumption) -> Self {
        Self {
            low: a.low,
            central: a.value,
            high: a.high,
        }
    }

    /// `self × other` for non-negative ranges (ends multiply with ends).
    pub fn times(self, other: Range) -> Self {
        Self {
            low: self.low * other.low,
            central: self.central * other.central,
            high: self.high * other.high,
        }
    }

    /// `self ÷ other` for positive ranges (the low end divides by the high end).
    pub fn divided_by(self, other: Range) -> Self {
        Self {
            low: self.low / other.high,
            central: self.central / other.central,
            high: self.high / other.low,
        }
    }

    /// Every end times `k` (k ≥ 0).
    pub fn scaled(self, k: f64) -> Self {
        Self {
            low: self.low * k,
            central: self.central * k,
            high: self.high * k,
        }
    }

    /// Whether all three values are finite.
    pub fn is_finite(self) -> bool {
        self.low.is_finite() && self.central.is_finite() && self.high.is_finite()
    }

    /// `central [low–high]`, each in plain or scientific notation by magnitude.
    pub fn describe(self) -> String {
        if self.low == self.high {
            number(self.central)
        } else {
            format!(
                "{} [{}–{}]",
                number(self.central),
                number(self.low),
                number(self.high)
            )
        }
    }

    /// The range, or an overflow error when a value is not finite.
    pub(crate) fn finite(self, what: &'static str) -> Result<Self, CostError> {
        if self.is_finite() {
            Ok(self)
        } else {
            Err(CostError::Overflow { what })
        }
    }
}

/// One step of an estimate: what it computes, the formula with the numbers put in, the result.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What the step computes, e.g. `Training compute`.
    pub name: &'static str,
    /// The formula with its inputs, e.g. `6 × N × D = 6 × 1.75e11 × 3e11`.
    pub formula: String,
    /// The result's unit, e.g. `FLOP`.
    pub unit: &'static str,
    /// The result.
    pub result: Range,
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod view_tests;
