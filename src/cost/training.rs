//! Training: compute → chip-hours → days, cost, energy → emissions.

use super::inference::HOURS_PER_YEAR;
use super::{
    at_least_one, positive, within, Assumption, CostError, Range, Step, MAX_FLOP, MAX_PARAMETERS,
    MAX_TOKENS,
};
use crate::data::{Chip, Precision};
use crate::format::{plain, scientific};

/// Seconds per hour.
const SECONDS_PER_HOUR: f64 = 3600.0;
/// The largest chip-hours accepted (1e12).
const MAX_CHIP_HOURS: f64 = 1e12;
/// The largest fleet accepted (1e8 chips).
const MAX_CHIPS: f64 = 1e8;

/// What the estimator needs to know about a chip.
#[derive(Clone, Debug, PartialEq)]
pub struct ChipSpec {
    /// The chip's id (for messages).
    pub id: String,
    /// Dense peak at the training precision, TFLOP/s.
    pub peak_tflops: f64,
    /// TDP (or published maximum power), W.
    pub tdp_watts: f64,
}

impl ChipSpec {
    /// The spec of a chip from the hardware table at `precision`; fails when the table lacks
    /// the peak or the power.
    pub fn from_chip(chip: &Chip, precision: Precision) -> Result<Self, CostError> {
        let missing = |what| CostError::MissingSpec {
            chip: chip.id.clone(),
            what,
        };
        let peak = chip.peak_tflops(precision).ok_or_else(|| match precision {
            Precision::Fp32 => missing("FP32 peak"),
            Precision::Tf32 => missing("TF32 peak"),
            Precision::Bf16 => missing("16-bit peak"),
            Precision::Fp8 => missing("FP8 peak"),
        })?;
        let tdp = chip.tdp_watts.ok_or_else(|| missing("power (TDP)"))?;
        Ok(Self {
            id: chip.id.clone(),
            peak_tflops: peak,
            tdp_watts: tdp,
        })
    }

    fn checked(&self) -> Result<(), CostError> {
        positive("the chip's peak TFLOP/s", self.peak_tflops, 1e5)?;
        positive("the chip's power in watts", self.tdp_watts, 1e4)?;
        Ok(())
    }
}

fn checked_range(what: &'static str, r: Range, max: f64) -> Result<Range, CostError> {
    for v in [r.low, r.central, r.high] {
        positive(what, v, max)?;
    }
    if r.low <= r.central && r.central <= r.high {
        Ok(r)
    } else {
        Err(CostError::Unordered { what })
    }
}

/// Training compute ≈ 6 · N · D FLOP (forward and backward pass per token; Kaplan et al.
/// 2020, as used by Hoffmann et al. 2022).
pub fn six_n_d(parameters: f64, tokens: f64) -> Result<Step, CostError> {
    let n = at_least_one("the parameter count", parameters, MAX_PARAMETERS)?;
    let d = at_least_one("the number of training tokens", tokens, MAX_TOKENS)?;
    let c = 6.0 * n * d;
    Ok(Step {
        name: "Training compute",
        formula: format!(
            "6 × N × D = 6 × {} parameters × {} tokens",
            scientific(n),
            scientific(d)
        ),
        unit: "FLOP",
        result: Range::exact(c).finite("training compute")?,
    })
}

/// A recorded training compute (e.g. from the dataset), with its uncertainty.
pub fn recorded_compute(flop: Assumption) -> Result<Step, CostError> {
    let a = flop.check_positive("the training compute", MAX_FLOP)?;
    Ok(Step {
        name: "Training compute",
        formula: format!("recorded: {} FLOP", a.describe()),
        unit: "FLOP",
        result: Range::of(a),
    })
}

/// Chip-hours = FLOP ÷ (peak FLOP/s × MFU) ÷ 3600. The low end divides the low compute by
/// the high MFU.
pub fn chip_hours(flop: Range, peak_tflops: f64, mfu: Assumption) -> Result<Step, CostError> {
    let flop = checked_range("the training compute", flop, MAX_FLOP)?;
    let peak = positive("the chip's peak TFLOP/s", peak_tflops, 1e5)?;
    let mfu = mfu.check_positive("the model FLOP utilization", 1.0)?;
    let per_hour = Range::of(mfu).scaled(peak * 1e12 * SECONDS_PER_HOUR);
    Ok(Step {
        name: "Chip-hours",
        formula: format!(
            "FLOP ÷ (peak × MFU) ÷ 3600 s/h = {} ÷ ({} TFLOP/s × {}) ÷ 3600",
            flop.describe(),
            plain(peak, 4),
            mfu.describe()
        ),
        unit: "chip-hours",
        result: flop.divided_by(per_hour).finite("chip-hours")?,
    })
}

/// Wall-clock days on `chips` chips = chip-hours ÷ chips ÷ 24.
pub fn training_days(chip_hours: Range, chips: f64) -> Result<Step, CostError> {
    let hours = checked_range("the chip-hours", chip_hours, MAX_CHIP_HOURS)?;
    let k = within("the number of chips", chips, 1.0, MAX_CHIPS)?;
    if k.fract() != 0.0 {
        return Err(CostError::OutOfRange {
            what: "the number of chips (a whole number)",
            value: k,
            min: 1.0,
            max: MAX_CHIPS,
        });
    }
    Ok(Step {
        name: "Training time",
        formula: format!(
            "chip-hours ÷ chips ÷ 24 h = {} ÷ {} ÷ 24",
            hours.describe(),
            plain(k, 9)
        ),
        unit: "days",
        result: hours.scaled(1.0 / (k * 24.0)),
    })
}

/// Cost = chip-hours × price per chip-hour (USD of the price's year).
pub fn cost_usd(chip_hours: Range, price: Assumption) -> Result<Step, CostError> {
    let hours = checked_range("the chip-hours", chip_hours, MAX_CHIP_HOURS)?;
    let price = price.check_positive("the price per chip-hour (USD)", 1e4)?;
    Ok(Step {
        name: "Compute cost",
        formula: format!(
            "chip-hours × price = {} × ${} per chip-hour",
            hours.describe(),
            price.describe()
        ),
        unit: "USD",
        result: hours.times(Range::of(price)).finite("the cost")?,
    })
}

/// Energy (MWh) = chip-hours × TDP × server overhead × PUE ÷ 10⁶.
pub fn energy_mwh(
    chip_hours: Range,
    tdp_watts: f64,
    overhead: Assumption,
    pue: Assumption,
) -> Result<Step, CostError> {
    let hours = checked_range("the chip-hours", chip_hours, MAX_CHIP_HOURS)?;
    let watts = positive("the chip's power in watts", tdp_watts, 1e4)?;
    let overhead = overhead.check("the server overhead factor", 1.0, 5.0)?;
    let pue = pue.check("the PUE", 1.0, 3.0)?;
    Ok(Step {
        name: "Energy",
        formula: format!(
            "chip-hours × TDP × server overhead × PUE = {} × {} W × {} × {} ÷ 10⁶",
            hours.describe(),
            plain(watts, 4),
            overhead.describe(),
            pue.describe()
        ),
        unit: "MWh",
        result: hours
            .times(Range::of(overhead))
            .times(Range::of(pue))
            .scaled(watts / 1e6)
            .finite("the energy")?,
    })
}

/// Emissions (t CO2e) = energy (MWh) × grid intensity (kg CO2e/kWh): 1 MWh × 1 kg/kWh = 1 t.
/// An intensity of zero is allowed (a market-based zero).
pub fn emissions_t(energy_mwh: Range, intensity: Assumption) -> Result<Step, CostError> {
    let energy = checked_range("the energy (MWh)", energy_mwh, 1e12)?;
    let intensity = intensity.check("the grid carbon intensity (kg CO2e/kWh)", 0.0, 2.0)?;
    Ok(Step {
        name: "Emissions",
        formula: format!(
            "energy × grid intensity = {} MWh × {} kg CO2e/kWh",
            energy.describe(),
            intensity.describe()
        ),
        unit: "t CO2e",
        result: energy.times(Range::of(intensity)).finite("the emissions")?,
    })
}

/// An amortized hardware price per chip-hour = purchase price ÷ (lifetime years × 8760 h ×
/// utilization), the alternative to a rental price. There is no sourced default lifetime or
/// utilization: the user gives both.
pub fn amortized_price_per_hour(
    purchase_usd: Assumption,
    lifetime_years: Assumption,
    utilization: Assumption,
) -> Result<Assumption, CostError> {
    let price = purchase_usd.check_positive("the purchase price per chip (USD)", 1e8)?;
    let years = lifetime_years.check_positive("the hardware lifetime (years)", 30.0)?;
    let used = utilization.check_positive("the share of hours the chip is used", 1.0)?;
    let hours = Range::of(years)
        .times(Range::of(used))
        .scaled(HOURS_PER_YEAR);
    let r = Range::of(price).divided_by(hours);
    Ok(Assumption::new(r.central, r.low, r.high))
}

/// Everything a training estimate needs.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingInputs {
    /// Training compute, FLOP (from [`six_n_d`] or [`recorded_compute`]).
    pub flop: Range,
    /// The chip.
    pub chip: ChipSpec,
    /// How many chips trained in parallel, if known (for the duration).
    pub chips: Option<f64>,
    /// Model FLOP utilization.
    pub mfu: Assumption,
    /// USD per chip-hour, if known (for the cost).
    pub price: Option<Assumption>,
    /// Server power ÷ chip TDP.
    pub overhead: Assumption,
    /// Power usage effectiveness.
    pub pue: Assumption,
    /// kg CO2e per kWh.
    pub intensity: Assumption,
}

/// Every step of a training estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingEstimate {
    /// Chip-hours.
    pub chip_hours: Step,
    /// Wall-clock days, when the chip count is known.
    pub days: Option<Step>,
    /// Cost, when a price is known.
    pub cost: Option<Step>,
    /// Energy, MWh.
    pub energy: Step,
    /// Emissions, t CO2e.
    pub emissions: Step,
}

impl TrainingEstimate {
    /// The steps in reading order.
    pub fn steps(&self) -> Vec<&Step> {
        let mut out = vec![&self.chip_hours];
        out.extend(self.days.as_ref());
        out.extend(self.cost.as_ref());
        out.push(&self.energy);
        out.push(&self.emissions);
        out
    }
}

/// Runs every training step.
pub fn estimate_training(inputs: &TrainingInputs) -> Result<TrainingEstimate, CostError> {
    inputs.chip.checked()?;
    let hours = chip_hours(inputs.flop, inputs.chip.peak_tflops, inputs.mfu)?;
    let days = inputs
        .chips
        .map(|k| training_days(hours.result, k))
        .transpose()?;
    let cost = inputs
        .price
        .map(|p| cost_usd(hours.result, p))
        .transpose()?;
    let energy = energy_mwh(
        hours.result,
        inputs.chip.tdp_watts,
        inputs.overhead,
        inputs.pue,
    )?;
    let emissions = emissions_t(energy.result, inputs.intensity)?;
    Ok(TrainingEstimate {
        chip_hours: hours,
        days,
        cost,
        energy,
        emissions,
    })
}
