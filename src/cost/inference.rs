//! Serving: memory for the weights → chips to hold them → a year of rental.

use super::{at_least_one, positive, within, Assumption, CostError, Range, Step, MAX_PARAMETERS};
use crate::format::{plain, scientific};

/// Hours in a (365-day) year.
pub const HOURS_PER_YEAR: f64 = 8760.0;

/// How the weights are stored when serving.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WeightFormat {
    /// 32-bit floats (4 bytes per parameter).
    Fp32,
    /// bf16 or fp16 (2 bytes).
    Bf16,
    /// 8-bit float or integer (1 byte).
    Fp8,
    /// 4-bit integer quantization (half a byte; scales and zero-points ignored).
    Int4,
}

impl WeightFormat {
    /// Every format, widest first.
    pub const ALL: [WeightFormat; 4] = [Self::Fp32, Self::Bf16, Self::Fp8, Self::Int4];

    /// Bytes per parameter.
    pub fn bytes(self) -> f64 {
        match self {
            Self::Fp32 => 4.0,
            Self::Bf16 => 2.0,
            Self::Fp8 => 1.0,
            Self::Int4 => 0.5,
        }
    }

    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Fp32 => "FP32",
            Self::Bf16 => "BF16/FP16",
            Self::Fp8 => "FP8/INT8",
            Self::Int4 => "INT4",
        }
    }
}

/// Memory for the weights alone, GB (10⁹ bytes) = N × bytes per parameter ÷ 10⁹.
pub fn weights_memory_gb(parameters: f64, format: WeightFormat) -> Result<Step, CostError> {
    let n = at_least_one("the parameter count", parameters, MAX_PARAMETERS)?;
    Ok(Step {
        name: "Weights in memory",
        formula: format!(
            "N × bytes per parameter = {} × {} B ({}) ÷ 10⁹",
            scientific(n),
            plain(format.bytes(), 2),
            format.label()
        ),
        unit: "GB",
        result: Range::exact(n * format.bytes() / 1e9),
    })
}

/// Chips needed to hold the model = ⌈weights × serving overhead ÷ chip memory⌉ (weights
/// only; one replica, no throughput target).
pub fn chips_to_hold(
    weights_gb: Range,
    chip_memory_gb: f64,
    overhead: Assumption,
) -> Result<Step, CostError> {
    for v in [weights_gb.low, weights_gb.central, weights_gb.high] {
        positive("the weights' memory (GB)", v, 1e7)?;
    }
    let mem = positive("the chip's memory (GB)", chip_memory_gb, 1e4)?;
    let overhead = overhead.check("the serving memory overhead", 1.0, 10.0)?;
    let need = weights_gb.times(Range::of(overhead)).scaled(1.0 / mem);
    Ok(Step {
        name: "Chips to hold the model",
        formula: format!(
            "⌈weights × overhead ÷ chip memory⌉ = ⌈{} GB × {} ÷ {} GB⌉",
            weights_gb.describe(),
            overhead.describe(),
            plain(mem, 4)
        ),
        unit: "chips",
        result: Range {
            low: need.low.ceil(),
            central: need.central.ceil(),
            high: need.high.ceil(),
        },
    })
}

/// A year of renting the chips around the clock = chips × 8760 h × price per chip-hour.
pub fn serving_cost_per_year(chips: Range, price: Assumption) -> Result<Step, CostError> {
    for v in [chips.low, chips.central, chips.high] {
        within("the number of chips", v, 1.0, 1e8)?;
    }
    let price = price.check_positive("the price per chip-hour (USD)", 1e4)?;
    Ok(Step {
        name: "Serving cost per year",
        formula: format!(
            "chips × 8760 h × price = {} × 8760 × ${}",
            chips.describe(),
            price.describe()
        ),
        unit: "USD per year",
        result: chips
            .times(Range::of(price))
            .scaled(HOURS_PER_YEAR)
            .finite("the serving cost")?,
    })
}
