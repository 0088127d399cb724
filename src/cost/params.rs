//! The cost view's inputs as the URL holds them (`#/costs?model=gpt-3&mfu=0.3`): only what
//! differs from the defaults, read leniently (a malformed value is ignored with a notice).
//!
//! An assumption is written as its central value (`mfu=0.3`: the range is the default range
//! widened to include it) or as `low,central,high` (`mfu=0.2,0.3,0.5`).

use super::inference::WeightFormat;
use super::Assumption;

/// How the compute of the estimate is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComputeBasis {
    /// 6 · N · D from the parameters and tokens.
    SixND,
    /// The model's recorded training compute.
    Recorded,
}

/// How a chip-hour is priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PriceBasis {
    /// A cloud rental price per chip-hour (the default).
    #[default]
    Rent,
    /// The purchase price spread over the hardware's lifetime and use.
    Buy,
}

/// The assumptions a user can edit, in the order the view shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Knob {
    /// Model FLOP utilization.
    Mfu,
    /// Rental price per chip-hour, USD.
    Price,
    /// Purchase price per chip, USD (amortized basis).
    Purchase,
    /// Hardware lifetime, years (amortized basis).
    Lifetime,
    /// Share of the lifetime's hours the chip is used (amortized basis).
    Utilization,
    /// Server power ÷ chip TDP.
    Overhead,
    /// Power usage effectiveness.
    Pue,
    /// Grid carbon intensity, kg CO2e per kWh.
    Grid,
    /// Serving memory ÷ weights memory.
    ServingMemory,
}

impl Knob {
    /// Every knob, in the view's order.
    pub const ALL: [Knob; 9] = [
        Knob::Mfu,
        Knob::Price,
        Knob::Purchase,
        Knob::Lifetime,
        Knob::Utilization,
        Knob::Overhead,
        Knob::Pue,
        Knob::Grid,
        Knob::ServingMemory,
    ];

    /// The URL parameter.
    pub fn id(self) -> &'static str {
        match self {
            Knob::Mfu => "mfu",
            Knob::Price => "price",
            Knob::Purchase => "buy",
            Knob::Lifetime => "life",
            Knob::Utilization => "util",
            Knob::Overhead => "overhead",
            Knob::Pue => "pue",
            Knob::Grid => "grid",
            Knob::ServingMemory => "memory",
        }
    }

    /// The label in the view.
    pub fn label(self) -> &'static str {
        match self {
            Knob::Mfu => "Model FLOP utilization (MFU)",
            Knob::Price => "Price per chip-hour (USD)",
            Knob::Purchase => "Purchase price per chip (USD)",
            Knob::Lifetime => "Hardware lifetime (years)",
            Knob::Utilization => "Share of hours in use",
            Knob::Overhead => "Server power ÷ chip TDP",
            Knob::Pue => "PUE (facility ÷ IT energy)",
            Knob::Grid => "Grid intensity (kg CO2e/kWh)",
            Knob::ServingMemory => "Serving memory ÷ weights",
        }
    }

    fn from_id(id: &str) -> Option<Knob> {
        Knob::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Everything the cost view's URL can say (`None` = the default).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CostParams {
    /// The model the estimate starts from (`model=`).
    pub model: Option<String>,
    /// Parameters N (`n=`), overriding the model's.
    pub parameters: Option<f64>,
    /// Training tokens D (`d=`), overriding the model's.
    pub tokens: Option<f64>,
    /// Compute from 6ND or the record (`compute=6nd|recorded`); default: the record when
    /// there is one and N, D are not typed.
    pub compute: Option<ComputeBasis>,
    /// The chip's id in `hardware.csv` (`chip=`); default: the model's hardware.
    pub chip: Option<String>,
    /// Chips in parallel (`k=`); default: the model's recorded count.
    pub chips: Option<f64>,
    /// Rent or buy (`basis=buy`).
    pub basis: PriceBasis,
    /// The weights' format when serving (`weights=fp32|bf16|fp8|int4`); default BF16.
    pub weights: Option<WeightFormat>,
    /// Edited assumptions.
    pub knobs: Vec<(Knob, KnobValue)>,
}

/// An edited assumption as typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KnobValue {
    /// A central value alone: the range is the default's, widened to include it.
    Central(f64),
    /// Low, central and high.
    Full(Assumption),
}

impl KnobValue {
    /// The assumption, given the knob's default.
    pub fn resolve(self, default: Option<Assumption>) -> Assumption {
        match self {
            KnobValue::Central(v) => with_central(default, v),
            KnobValue::Full(a) => a,
        }
    }
}

/// The URL value of a weight format.
pub fn weights_id(w: WeightFormat) -> &'static str {
    match w {
        WeightFormat::Fp32 => "fp32",
        WeightFormat::Bf16 => "bf16",
        WeightFormat::Fp8 => "fp8",
        WeightFormat::Int4 => "int4",
    }
}

fn number(v: &str) -> Option<f64> {
    let x: f64 = v.trim().parse().ok()?;
    x.is_finite().then_some(x)
}

/// Writes a number compactly and exactly for URLs: `0.3`, `1024`, `1.75e11`.
fn write_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e6 {
        format!("{x:.0}")
    } else if (1e-3..1e6).contains(&x.abs()) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// An assumption's value as the URL writes it: one number or `low,central,high`.
fn parse_knob(v: &str) -> Option<KnobValue> {
    let parts: Vec<f64> = v.split(',').map(number).collect::<Option<Vec<f64>>>()?;
    match parts.as_slice() {
        [c] => Some(KnobValue::Central(*c)),
        [lo, c, hi] if lo <= c && c <= hi => Some(KnobValue::Full(Assumption::new(*c, *lo, *hi))),
        _ => None,
    }
}

/// The assumption a single typed value makes: the default range widened to include it (or
/// the value alone when there is no default).
pub fn with_central(default: Option<Assumption>, v: f64) -> Assumption {
    match default {
        Some(d) => Assumption::new(v, d.low.min(v), d.high.max(v)),
        None => Assumption::exact(v),
    }
}

impl CostParams {
    /// Whether `key` is one of the cost view's URL parameters.
    pub fn is_param(key: &str) -> bool {
        matches!(
            key,
            "model" | "n" | "d" | "compute" | "chip" | "k" | "basis" | "weights"
        ) || Knob::from_id(key).is_some()
    }

    /// The edited value of `knob`, if any.
    pub fn knob(&self, knob: Knob) -> Option<KnobValue> {
        self.knobs.iter().find(|(k, _)| *k == knob).map(|(_, a)| *a)
    }

    /// Sets (or with `None` clears) an edited assumption.
    pub fn set_knob(&mut self, knob: Knob, value: Option<KnobValue>) {
        self.knobs.retain(|(k, _)| *k != knob);
        if let Some(a) = value {
            self.knobs.push((knob, a));
            crate::sort::sort_by_key(&mut self.knobs, |(k, _)| {
                Knob::ALL.iter().position(|x| x == k)
            });
        }
    }

    /// Reads one URL parameter (`key` from [`CostParams::is_param`], `value` decoded); on a
    /// malformed value returns what was wrong, in words, and leaves the state unchanged.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), &'static str> {
        let positive = |v: &str| number(v).filter(|x| *x > 0.0);
        match key {
            "model" => {
                self.model = Some(value.trim().to_owned()).filter(|s| !s.is_empty());
            }
            "n" => self.parameters = Some(positive(value).ok_or("a parameter count")?),
            "d" => self.tokens = Some(positive(value).ok_or("a token count")?),
            "k" => {
                self.chips = Some(
                    positive(value)
                        .filter(|x| x.fract() == 0.0)
                        .ok_or("a number of chips")?,
                );
            }
            "compute" => {
                self.compute = Some(match value {
                    "6nd" => ComputeBasis::SixND,
                    "recorded" => ComputeBasis::Recorded,
                    _ => return Err("a compute basis that is neither 6nd nor recorded"),
                });
            }
            "chip" => self.chip = Some(value.trim().to_owned()).filter(|s| !s.is_empty()),
            "basis" => {
                self.basis = match value {
                    "rent" => PriceBasis::Rent,
                    "buy" => PriceBasis::Buy,
                    _ => return Err("a price basis that is neither rent nor buy"),
                };
            }
            "weights" => {
                self.weights = Some(
                    WeightFormat::ALL
                        .into_iter()
                        .find(|w| weights_id(*w) == value)
                        .ok_or("an unknown weight format")?,
                );
            }
            other => {
                let knob = Knob::from_id(other).ok_or("an unknown cost setting")?;
                let a = parse_knob(value)
                    .ok_or("an assumption that is not one number or low,central,high in order")?;
                self.set_knob(knob, Some(a));
            }
        }
        Ok(())
    }

    /// Clears one URL parameter back to its default.
    pub fn clear(&mut self, key: &str) {
        match key {
            "model" => self.model = None,
            "n" => self.parameters = None,
            "d" => self.tokens = None,
            "k" => self.chips = None,
            "compute" => self.compute = None,
            "chip" => self.chip = None,
            "basis" => self.basis = PriceBasis::Rent,
            "weights" => self.weights = None,
            other => {
                if let Some(k) = Knob::from_id(other) {
                    self.set_knob(k, None);
                }
            }
        }
    }

    /// The non-default parameters as `(key, value)` pairs, not yet percent-encoded, in a
    /// fixed order.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(m) = &self.model {
            out.push(("model", m.clone()));
        }
        if let Some(n) = self.parameters {
            out.push(("n", write_number(n)));
        }
        if let Some(d) = self.tokens {
            out.push(("d", write_number(d)));
        }
        if let Some(c) = self.compute {
            let v = match c {
                ComputeBasis::SixND => "6nd",
                ComputeBasis::Recorded => "recorded",
            };
            out.push(("compute", v.to_owned()));
        }
        if let Some(c) = &self.chip {
            out.push(("chip", c.clone()));
        }
        if let Some(k) = self.chips {
            out.push(("k", write_number(k)));
        }
        if self.basis == PriceBasis::Buy {
            out.push(("basis", "buy".to_owned()));
        }
        if let Some(w) = self.weights {
            out.push(("weights", weights_id(w).to_owned()));
        }
        for (k, a) in &self.knobs {
            let v = match a {
                KnobValue::Central(v) => write_number(*v),
                KnobValue::Full(a) => format!(
                    "{},{},{}",
                    write_number(a.low),
                    write_number(a.value),
                    write_number(a.high)
                ),
            };
            out.push((k.id(), v));
        }
        out
    }
}
