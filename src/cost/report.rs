//! The cost view's answer: from what is known about a model (or typed N and D) to what it
//! implies, every step with its formula, every assumption with its default and source, and
//! the published figures beside the estimates with a sentence on why they differ.

use super::assumptions::{self, rental_price};
use super::params::{ComputeBasis, CostParams, Knob, PriceBasis};
use super::{
    amortized_price_per_hour, chip_hours, chips_to_hold, compare_to_optimal, compute_optimal,
    cost_usd, emissions_t, energy_mwh, number, recorded_compute, serving_cost_per_year, six_n_d,
    training_days, weights_memory_gb, Assumption, ChipSpec, ComputeOptimal, CostError,
    OptimalComparison, Range, Step, WeightFormat,
};
use crate::data::{Chip, Confidence, Model, Num, Precision, Quantity, Text};

/// The chip used when the model's hardware is not in the table (or no model is chosen).
pub const DEFAULT_CHIP: &str = "nvidia-h100-sxm";

/// Where an assumption's default and range come from, in words, and a link.
pub fn knob_source(knob: Knob, chip_id: &str) -> (String, &'static str) {
    match knob {
        Knob::Mfu => (
            "central 0.40: Epoch AI's default utilization; low 0.213: GPT-3's MFU in the PaLM paper (Table 3); high 0.563: the best MFU in NVIDIA's Megatron-LM benchmarks".to_owned(),
            "https://arxiv.org/abs/2204.02311",
        ),
        Knob::Price => match assumptions::RENTAL_PRICES.iter().find(|p| p.chip_id == chip_id) {
            Some(p) => (
                format!(
                    "median and range of the published rental prices for this chip, e.g. {} ({})",
                    p.basis, p.year
                ),
                p.source_url,
            ),
            None => (
                "no published rental price for this chip was found: enter one".to_owned(),
                "",
            ),
        },
        Knob::Purchase => match assumptions::purchase_prices(chip_id).next() {
            Some(p) => (format!("{} ({})", p.basis, p.year), p.source_url),
            None => (
                "no published purchase price for this chip was found: enter one".to_owned(),
                "",
            ),
        },
        Knob::Lifetime | Knob::Utilization => (
            "no sourced default: enter your own".to_owned(),
            "",
        ),
        Knob::Overhead => (
            "1.0: the chip's TDP alone (Llama 2 paper; BLOOM's dynamic energy); high 1.59: BLOOM's energy with idle infrastructure (Luccioni et al. 2022)".to_owned(),
            "https://arxiv.org/abs/2211.02001",
        ),
        Knob::Pue => (
            "1.10: Google's fleet-wide average PUE; high 1.58: the industry average (Uptime Institute survey 2023)".to_owned(),
            "https://www.google.com/about/datacenters/efficiency/",
        ),
        Knob::Grid => (
            "0.436: world electricity 2022 (Ember); low 0.056: France; high 0.713: India (Ember via Our World in Data)".to_owned(),
            "https://ourworldindata.org/grapher/carbon-intensity-electricity",
        ),
        Knob::ServingMemory => (
            "a rule of thumb of this tool, not a published figure (KV cache, activations, buffers)".to_owned(),
            "",
        ),
    }
}

/// The sourced default of `knob` for chip `chip_id` (`None`: the user has to give one).
pub fn knob_default(knob: Knob, chip_id: &str) -> Option<Assumption> {
    match knob {
        Knob::Mfu => Some(assumptions::MFU),
        Knob::Price => rental_price(chip_id).ok(),
        Knob::Purchase => {
            let prices: Vec<f64> = assumptions::purchase_prices(chip_id)
                .map(|p| p.usd_per_chip)
                .collect();
            let lo = prices.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = prices.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prices
                .first()
                .map(|&p| Assumption::new(p, lo.min(p), hi.max(p)))
        }
        Knob::Lifetime | Knob::Utilization => None,
        Knob::Overhead => Some(assumptions::SERVER_OVERHEAD),
        Knob::Pue => Some(assumptions::PUE),
        Knob::Grid => Some(assumptions::GRID_INTENSITY_KG_PER_KWH),
        Knob::ServingMemory => Some(assumptions::SERVING_MEMORY_OVERHEAD),
    }
}

/// The hardware table's chip for a model's hardware text (`NVIDIA A100 80GB (Jean Zay)` →
/// `nvidia-a100-sxm-80gb`), when the text names one chip the table has.
pub fn chip_for_hardware(hardware: &str) -> Option<&'static str> {
    let h = hardware.to_lowercase();
    if h.contains(" and ") || h.contains('+') {
        return None;
    }
    const MAP: [(&str, &str); 16] = [
        ("h100", "nvidia-h100-sxm"),
        ("h200", "nvidia-h200-sxm"),
        ("gb200", "nvidia-gb200-gpu"),
        ("b200", "nvidia-b200-hgx"),
        ("a100 40gb", "nvidia-a100-sxm-40gb"),
        ("a100", "nvidia-a100-sxm-80gb"),
        ("v100", "nvidia-v100-sxm2-32gb"),
        ("p100", "nvidia-p100-sxm2"),
        ("tpu v2", "google-tpu-v2"),
        ("tpu v3", "google-tpu-v3"),
        ("tpu v4", "google-tpu-v4"),
        ("tpu v5e", "google-tpu-v5e"),
        ("tpu v5p", "google-tpu-v5p"),
        ("tpu v6e", "google-tpu-v6e"),
        ("mi250x", "amd-mi250x"),
        ("mi300x", "amd-mi300x"),
    ];
    if h.contains("ascend 910") {
        return Some("huawei-ascend-910");
    }
    MAP.iter().find(|(k, _)| h.contains(k)).map(|(_, id)| *id)
}

/// An assumption as the view shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct KnobRow {
    /// Which.
    pub knob: Knob,
    /// The value used (`None`: no default and none typed).
    pub value: Option<Assumption>,
    /// The sourced default.
    pub default: Option<Assumption>,
    /// Where the default comes from.
    pub source: String,
    /// A link to the source (empty when none).
    pub source_url: &'static str,
    /// Whether the user changed it.
    pub edited: bool,
}

/// One step of the chain, or why it cannot be computed.
pub type Outcome = Result<Step, String>;

/// A published figure beside its estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// What is compared, e.g. `energy`.
    pub what: &'static str,
    /// The model's recorded figure.
    pub published: f64,
    /// Its unit.
    pub unit: &'static str,
    /// Its confidence (reported by the developers, or a third party's estimate).
    pub confidence: Confidence,
    /// Its note (how it was obtained).
    pub note: String,
    /// Its basis (CO2e and cost), e.g. `location-based`, `amortized hardware, 2023 USD`.
    pub basis: String,
    /// The estimate's range.
    pub estimate: Range,
    /// The sentence explaining the difference.
    pub sentence: String,
}

/// The cost view's whole answer.
#[derive(Clone, Debug, PartialEq)]
pub struct CostReport {
    /// The model's id and name, when one is chosen and found.
    pub model: Option<(String, String)>,
    /// Things the reader should know (unknown model, hardware not in the table …).
    pub notices: Vec<String>,
    /// N and D used (with where they come from).
    pub parameters: Option<(f64, &'static str)>,
    /// Tokens D and where they come from.
    pub tokens: Option<(f64, &'static str)>,
    /// The compute basis used.
    pub basis: Option<ComputeBasis>,
    /// The chip used.
    pub chip: Option<Chip>,
    /// The chip count used and where it comes from.
    pub chips: Option<(f64, &'static str)>,
    /// The assumptions.
    pub knobs: Vec<KnobRow>,
    /// Training compute.
    pub compute: Outcome,
    /// Chip-hours.
    pub chip_hours: Outcome,
    /// Wall-clock days.
    pub days: Outcome,
    /// Compute cost.
    pub cost: Outcome,
    /// Energy.
    pub energy: Outcome,
    /// Emissions.
    pub emissions: Outcome,
    /// Published figures beside the estimates.
    pub comparisons: Vec<Comparison>,
    /// Serving: weights in memory, chips to hold them, a year of rental.
    pub inference: [Outcome; 3],
    /// The weights' format for serving.
    pub weights: WeightFormat,
    /// The compute-optimal model for the compute used.
    pub optimal: Result<ComputeOptimal, String>,
    /// The model as built against that optimum (when N and D are known).
    pub built: Option<Result<OptimalComparison, String>>,
}

fn msg(e: CostError) -> String {
    e.to_string()
}

fn after(prev: &Outcome, f: impl FnOnce(Range) -> Result<Step, CostError>) -> Outcome {
    match prev {
        Ok(s) => f(s.result).map_err(msg),
        Err(_) => Err("needs the step above".to_owned()),
    }
}

/// Works out the whole report for `params`, with `models` to find the model in and `chips`
/// the hardware table.
pub fn report(params: &CostParams, models: &[Model], chips: &[Chip]) -> CostReport {
    let mut notices = Vec::new();
    let model = params.model.as_ref().and_then(|id| {
        let found = models.iter().find(|m| &m.id == id);
        if found.is_none() {
            notices.push(format!("There is no model “{id}” in this dataset."));
        }
        found
    });
    let known = |n: Num| model.and_then(|m| m.value(n)).filter(|v| *v > 0.0);
    let parameters = params
        .parameters
        .map(|v| (v, "typed"))
        .or_else(|| known(Num::Parameters).map(|v| (v, "the model's record")));
    let tokens = params
        .tokens
        .map(|v| (v, "typed"))
        .or_else(|| known(Num::TrainingTokens).map(|v| (v, "the model's record")));
    let recorded = model
        .map(|m| m.num(Num::TrainingCompute))
        .filter(|q| q.value.is_some());
    let typed = params.parameters.is_some() || params.tokens.is_some();
    let basis = params.compute.or(match (recorded.is_some(), typed) {
        (true, false) => Some(ComputeBasis::Recorded),
        _ => Some(ComputeBasis::SixND),
    });
    let compute: Outcome = match basis {
        Some(ComputeBasis::Recorded) => match recorded.and_then(|q| q.value) {
            Some(c) => recorded_compute(Assumption::exact(c)).map_err(msg),
            None => Err("this model has no recorded training compute; use 6·N·D".to_owned()),
        },
        _ => match (parameters, tokens) {
            (Some((n, _)), Some((d, _))) => six_n_d(n, d).map_err(msg),
            (None, _) => {
                Err("enter the parameter count N (or choose a model that has one)".to_owned())
            }
            (_, None) => {
                Err("enter the training tokens D (or choose a model that has them)".to_owned())
            }
        },
    };

    // The chip: typed, else the model's hardware, else the default.
    let hardware = model.map_or("", |m| m.text(Text::Hardware));
    let chip_id = match &params.chip {
        Some(c) => c.clone(),
        None => match chip_for_hardware(hardware) {
            Some(c) => c.to_owned(),
            None => {
                if !hardware.is_empty() {
                    notices.push(format!(
                        "The model's hardware ({hardware}) is not one chip of the hardware table; the estimate uses the {} until you choose one.",
                        chips.iter().find(|c| c.id == DEFAULT_CHIP).map_or(DEFAULT_CHIP, |c| c.name.as_str())
                    ));
                }
                DEFAULT_CHIP.to_owned()
            }
        },
    };
    let chip = chips.iter().find(|c| c.id == chip_id).cloned();
    if chip.is_none() {
        notices.push(format!(
            "There is no chip “{chip_id}” in the hardware table."
        ));
    }
    let spec: Result<ChipSpec, String> = match &chip {
        Some(c) => ChipSpec::from_chip(c, Precision::Bf16).map_err(msg),
        None => Err("choose a chip".to_owned()),
    };

    // Assumptions.
    let knobs: Vec<KnobRow> = Knob::ALL
        .into_iter()
        .map(|k| {
            let default = knob_default(k, &chip_id);
            let typed = params.knob(k);
            let (source, source_url) = knob_source(k, &chip_id);
            KnobRow {
                knob: k,
                value: typed.map(|t| t.resolve(default)).or(default),
                default,
                source,
                source_url,
                edited: typed.is_some(),
            }
        })
        .collect();
    let value = |k: Knob| knobs.iter().find(|r| r.knob == k).and_then(|r| r.value);
    let need = |k: Knob| value(k).ok_or_else(|| format!("enter a value for “{}”", k.label()));

    let chip_hours: Outcome = match (&compute, &spec) {
        (Ok(c), Ok(s)) => {
            need(Knob::Mfu).and_then(|mfu| chip_hours(c.result, s.peak_tflops, mfu).map_err(msg))
        }
        (Err(_), _) => Err("needs the training compute".to_owned()),
        (_, Err(e)) => Err(e.clone()),
    };
    let chips_used = params
        .chips
        .map(|k| (k, "typed"))
        .or_else(|| known(Num::HardwareCount).map(|k| (k, "the model's record")));
    let days = match chips_used {
        Some((k, _)) => after(&chip_hours, |h| training_days(h, k)),
        None => Err("enter a number of chips to see the training time".to_owned()),
    };
    let price: Result<Assumption, String> = match params.basis {
        PriceBasis::Rent => need(Knob::Price),
        PriceBasis::Buy => need(Knob::Purchase).and_then(|p| {
            let life = need(Knob::Lifetime)?;
            let util = need(Knob::Utilization)?;
            amortized_price_per_hour(p, life, util).map_err(msg)
        }),
    };
    let cost = match &price {
        Ok(p) => after(&chip_hours, |h| cost_usd(h, *p)),
        Err(e) => Err(e.clone()),
    };
    let energy = match (spec.as_ref(), need(Knob::Overhead), need(Knob::Pue)) {
        (Ok(s), Ok(o), Ok(p)) => after(&chip_hours, |h| energy_mwh(h, s.tdp_watts, o, p)),
        (Err(e), _, _) => Err(e.clone()),
        (_, Err(e), _) | (_, _, Err(e)) => Err(e),
    };
    let emissions = match need(Knob::Grid) {
        Ok(g) => after(&energy, |e| emissions_t(e, g)),
        Err(e) => Err(e),
    };

    let comparisons = model.map_or_else(Vec::new, |m| {
        compare(
            m,
            &Estimates {
                compute: compute.as_ref().ok(),
                chip_hours: chip_hours.as_ref().ok(),
                energy: energy.as_ref().ok(),
                emissions: emissions.as_ref().ok(),
                cost: cost.as_ref().ok(),
            },
            &Inputs {
                spec: spec.as_ref().ok(),
                mfu: value(Knob::Mfu),
                overhead: value(Knob::Overhead),
                pue: value(Knob::Pue),
                grid: value(Knob::Grid),
                price: price.as_ref().ok().copied(),
            },
        )
    });

    // Serving.
    let weights = params.weights.unwrap_or(WeightFormat::Bf16);
    let memory: Outcome = match parameters {
        Some((n, _)) => weights_memory_gb(n, weights).map_err(msg),
        None => Err("needs the parameter count".to_owned()),
    };
    let hold: Outcome = match (&chip, need(Knob::ServingMemory)) {
        (Some(c), Ok(o)) => match c.memory_gb {
            Some(mem) => after(&memory, |w| chips_to_hold(w, mem, o)),
            None => Err(format!(
                "the hardware table has no memory size for {}",
                c.name
            )),
        },
        (None, _) => Err("choose a chip".to_owned()),
        (_, Err(e)) => Err(e),
    };
    let rent: Outcome = match need(Knob::Price) {
        Ok(p) => after(&hold, |k| serving_cost_per_year(k, p)),
        Err(e) => Err(e),
    };

    let optimal = match &compute {
        Ok(c) => compute_optimal(c.result.central).map_err(msg),
        Err(_) => Err("needs the training compute".to_owned()),
    };
    let built = match (parameters, tokens) {
        (Some((n, _)), Some((d, _))) => Some(compare_to_optimal(n, d).map_err(msg)),
        _ => None,
    };

    CostReport {
        model: model.map(|m| (m.id.clone(), m.name.clone())),
        notices,
        parameters,
        tokens,
        basis,
        chip,
        chips: chips_used,
        knobs,
        compute,
        chip_hours,
        days,
        cost,
        energy,
        emissions,
        comparisons,
        inference: [memory, hold, rent],
        weights,
        optimal,
        built,
    }
}

/// The estimates a comparison looks at.
pub struct Estimates<'a> {
    /// Training compute.
    pub compute: Option<&'a Step>,
    /// Chip-hours.
    pub chip_hours: Option<&'a Step>,
    /// Energy.
    pub energy: Option<&'a Step>,
    /// Emissions.
    pub emissions: Option<&'a Step>,
    /// Cost.
    pub cost: Option<&'a Step>,
}

/// The inputs of the estimates, to say where a published figure departs from them.
pub struct Inputs<'a> {
    /// The chip.
    pub spec: Option<&'a ChipSpec>,
    /// MFU.
    pub mfu: Option<Assumption>,
    /// Server overhead.
    pub overhead: Option<Assumption>,
    /// PUE.
    pub pue: Option<Assumption>,
    /// Grid intensity.
    pub grid: Option<Assumption>,
    /// Price per chip-hour.
    pub price: Option<Assumption>,
}

/// "0.45×" or "1.8×".
fn times(r: f64) -> String {
    format!("{}×", crate::format::plain(r, 2))
}

fn ratio_clause(what: &str, est: Range, published: f64) -> String {
    let r = est.central / published;
    let inside = if est.low <= published && published <= est.high {
        "inside"
    } else {
        "outside"
    };
    if (r - 1.0).abs() < 0.02 {
        format!(
            "The estimate matches the published {what} (which lies {inside} the estimate's range)"
        )
    } else {
        format!(
            "The estimate is {} the published {what} (which lies {inside} the estimate's range)",
            times(r)
        )
    }
}

/// What a published energy per chip-hour says about its method, against the chip's TDP.
pub fn power_method(watts_per_chip_hour: f64, tdp: f64) -> String {
    let q = watts_per_chip_hour / tdp;
    if (q - 1.0).abs() <= 0.03 {
        "the chip's TDP × hours, with no separate PUE or server overhead".to_owned()
    } else if q < 1.0 {
        format!(
            "{} the TDP: a measured draw below the rated power",
            times(q)
        )
    } else if q <= 1.7 {
        format!(
            "the TDP × hours × {} (a PUE or server overhead of about {})",
            number(q),
            number(q)
        )
    } else {
        format!(
            "{} the TDP: whole servers and facility, or different hardware",
            times(q)
        )
    }
}

/// The published cost, energy, emissions and chip-hours of `m` beside the estimates, each
/// with a sentence on where the two part.
pub fn compare(m: &Model, est: &Estimates<'_>, inputs: &Inputs<'_>) -> Vec<Comparison> {
    let mut out = Vec::new();
    let q = |n: Num| -> Option<(f64, &Quantity)> {
        let q = m.num(n);
        q.value.filter(|v| *v > 0.0).map(|v| (v, q))
    };
    let published_hours = q(Num::ChipHours).map(|(v, _)| v);
    let push = |out: &mut Vec<Comparison>,
                what: &'static str,
                unit: &'static str,
                (v, quantity): (f64, &Quantity),
                basis: String,
                estimate: Range,
                sentence: String| {
        out.push(Comparison {
            what,
            published: v,
            unit,
            confidence: quantity.confidence,
            note: quantity.note.clone(),
            basis,
            estimate,
            sentence,
        });
    };
    if let (Some(p), Some(h), Some(c), Some(spec)) =
        (q(Num::ChipHours), est.chip_hours, est.compute, inputs.spec)
    {
        let implied = c.result.central / (p.0 * spec.peak_tflops * 1e12 * 3600.0);
        let mfu = inputs.mfu.map_or(String::new(), |a| {
            format!(", against the assumed {}", a.describe())
        });
        let s = format!(
            "{}: at {} TFLOP/s the published chip-hours imply an MFU of {}{mfu}.",
            ratio_clause("chip-hours", h.result, p.0),
            crate::format::plain(spec.peak_tflops, 4),
            number(implied)
        );
        push(
            &mut out,
            "chip-hours",
            "chip-hours",
            p,
            String::new(),
            h.result,
            s,
        );
    }
    if let (Some(p), Some(e), Some(h), Some(spec)) = (
        q(Num::TrainingEnergy),
        est.energy,
        est.chip_hours,
        inputs.spec,
    ) {
        let (hours, of) = match published_hours {
            Some(ph) => (ph, "the published chip-hours"),
            None => (h.result.central, "the estimate's chip-hours"),
        };
        let w = p.0 * 1e6 / hours;
        let used = spec.tdp_watts
            * inputs.overhead.map_or(1.0, |a| a.value)
            * inputs.pue.map_or(1.0, |a| a.value);
        let split = match published_hours {
            Some(ph) if (e.result.central / p.0 - 1.0).abs() >= 0.02 => format!(
                " ({} from the chip-hours, {} from the power per chip-hour)",
                times(h.result.central / ph),
                times(used / w)
            ),
            _ => String::new(),
        };
        let s = format!(
            "{}{split}: over {of} the published figure is {} W per chip-hour, that is {}; the estimate uses {} W (TDP {} W × overhead × PUE).",
            ratio_clause("energy", e.result, p.0),
            number(w),
            power_method(w, spec.tdp_watts),
            number(used),
            number(spec.tdp_watts)
        );
        push(&mut out, "energy", "MWh", p, String::new(), e.result, s);
    }
    if let (Some(p), Some(t)) = (q(Num::TrainingCo2e), est.emissions) {
        let basis = m.text(Text::Co2eBasis).to_owned();
        let (energy, of) = match (q(Num::TrainingEnergy), est.energy) {
            (Some((e, _)), _) => (Some(e), "the published energy"),
            (None, Some(e)) => (Some(e.result.central), "the estimated energy"),
            (None, None) => (None, ""),
        };
        let grid = inputs.grid.map_or(String::new(), |a| {
            format!(" against the assumed {}", a.describe())
        });
        let s = match energy {
            Some(e) => format!(
                "{}: per MWh of {of} the published figure implies {} kg CO2e/kWh{}{grid}.",
                ratio_clause("emissions", t.result, p.0),
                number(p.0 / e),
                if basis.is_empty() {
                    String::new()
                } else {
                    format!(" ({basis})")
                }
            ),
            None => format!("{}.", ratio_clause("emissions", t.result, p.0)),
        };
        push(&mut out, "emissions", "t CO2e", p, basis, t.result, s);
    }
    if let (Some(p), Some(c), Some(h)) = (q(Num::TrainingCost), est.cost, est.chip_hours) {
        let year = m.text(Text::CostYear);
        let kind = m.text(Text::CostBasis);
        let basis = match (kind.is_empty(), year.is_empty()) {
            (false, false) => format!("{kind}, {year} USD"),
            (false, true) => kind.to_owned(),
            (true, false) => format!("{year} USD"),
            (true, true) => String::new(),
        };
        let (hours, of) = match published_hours {
            Some(ph) => (ph, "the published chip-hours"),
            None => (h.result.central, "the estimate's chip-hours"),
        };
        let price = inputs.price.map_or(String::new(), |a| {
            format!("; the estimate uses ${} per chip-hour", a.describe())
        });
        let s = format!(
            "{}: over {of} the published figure{} works out at ${} per chip-hour{price}.",
            ratio_clause("cost", c.result, p.0),
            if basis.is_empty() {
                String::new()
            } else {
                format!(" ({basis})")
            },
            number(p.0 / hours)
        );
        push(&mut out, "cost", "USD", p, basis, c.result, s);
    }
    out
}

/// A result in its unit, short: `3.14e23` FLOP, `1.08M` chip-hours, `$4.6M`, `433` MWh.
pub fn show(unit: &str, v: f64) -> String {
    use crate::format::{plain, scientific, short_count};
    match unit {
        "FLOP" => scientific(v),
        "USD" | "USD per year" => format!("${}", short_count(v)),
        "chips" => crate::format::exact(v),
        "chip-hours" => short_count(v),
        _ if v.abs() >= 1e4 => short_count(v),
        _ => plain(v, 3),
    }
}

/// A step's result as `central` and `low–high` (empty when it has no range).
pub fn show_range(step: &Step) -> (String, String) {
    let r = step.result;
    let central = match step.unit.strip_prefix("USD") {
        Some(rest) => format!("{}{rest}", show(step.unit, r.central)),
        None => format!("{} {}", show(step.unit, r.central), step.unit),
    };
    let range = if r.low == r.high {
        String::new()
    } else {
        format!("{}–{}", show(step.unit, r.low), show(step.unit, r.high))
    };
    (central, range)
}
