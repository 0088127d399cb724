//! Training and serving accelerators: peak throughput, memory and power per chip
//! (`hardware.csv`), for the cost estimator ([`crate::cost`]).
//!
//! Peaks are dense (no structured sparsity) and per chip; a TPU row is one chip, a GPU row one
//! GPU package. Every row names its source; a cell is empty when no source was found.

use super::load::{CsvTable, LoadError, Row};

/// The embedded hardware table.
pub const HARDWARE_CSV: &str = include_str!("hardware.csv");

/// The columns `hardware.csv` must have.
pub const HARDWARE_COLUMNS: &[&str] = &[
    "id",
    "name",
    "vendor",
    "year",
    "peak_tflops_fp32",
    "peak_tflops_tf32",
    "peak_tflops_bf16",
    "peak_tflops_fp8",
    "memory_gb",
    "memory_bandwidth_tbs",
    "tdp_watts",
    "source_url",
    "note",
];

/// The number format a peak throughput refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    /// 32-bit float on the general (non-tensor) units.
    Fp32,
    /// TensorFloat-32 on tensor cores (NVIDIA Ampere and later).
    Tf32,
    /// 16-bit float on the matrix units: bf16, or fp16 on chips without bf16 (the row's note
    /// says which).
    Bf16,
    /// 8-bit float on the matrix units.
    Fp8,
}

impl Precision {
    /// Every precision, widest first.
    pub const ALL: [Precision; 4] = [Self::Fp32, Self::Tf32, Self::Bf16, Self::Fp8];

    /// A short label: `FP32`, `TF32`, `BF16/FP16`, `FP8`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Fp32 => "FP32",
            Self::Tf32 => "TF32",
            Self::Bf16 => "BF16/FP16",
            Self::Fp8 => "FP8",
        }
    }
}

/// One accelerator chip.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// Slug, e.g. `nvidia-a100-sxm-80gb`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Maker.
    pub vendor: String,
    /// Year of release.
    pub year: Option<i32>,
    /// Dense peak FP32, TFLOP/s.
    pub peak_tflops_fp32: Option<f64>,
    /// Dense peak TF32, TFLOP/s.
    pub peak_tflops_tf32: Option<f64>,
    /// Dense peak 16-bit (bf16, or fp16 as the note says), TFLOP/s.
    pub peak_tflops_bf16: Option<f64>,
    /// Dense peak FP8, TFLOP/s.
    pub peak_tflops_fp8: Option<f64>,
    /// On-chip memory (HBM), GB.
    pub memory_gb: Option<f64>,
    /// Memory bandwidth, TB/s.
    pub memory_bandwidth_tbs: Option<f64>,
    /// Thermal design power (or the maximum power the vendor publishes; see note), W.
    pub tdp_watts: Option<f64>,
    /// Where the figures come from.
    pub source_url: String,
    /// Which precision, what is per chip, what is missing.
    pub note: String,
}

impl Chip {
    /// The dense peak at `precision`, TFLOP/s, if known.
    pub fn peak_tflops(&self, precision: Precision) -> Option<f64> {
        match precision {
            Precision::Fp32 => self.peak_tflops_fp32,
            Precision::Tf32 => self.peak_tflops_tf32,
            Precision::Bf16 => self.peak_tflops_bf16,
            Precision::Fp8 => self.peak_tflops_fp8,
        }
    }
}

fn chip_from_row(row: &Row<'_>) -> Result<Chip, LoadError> {
    let year = match row.number("year")? {
        Some(y) if y.fract() == 0.0 && (1990.0..=2100.0).contains(&y) => Some(y as i32),
        Some(y) => return Err(row.error(format!("year is not a year: {y}"))),
        None => None,
    };
    Ok(Chip {
        id: row.required("id")?.to_owned(),
        name: row.required("name")?.to_owned(),
        vendor: row.required("vendor")?.to_owned(),
        year,
        peak_tflops_fp32: row.number("peak_tflops_fp32")?,
        peak_tflops_tf32: row.number("peak_tflops_tf32")?,
        peak_tflops_bf16: row.number("peak_tflops_bf16")?,
        peak_tflops_fp8: row.number("peak_tflops_fp8")?,
        memory_gb: row.number("memory_gb")?,
        memory_bandwidth_tbs: row.number("memory_bandwidth_tbs")?,
        tdp_watts: row.number("tdp_watts")?,
        source_url: row.required("source_url")?.to_owned(),
        note: row.get("note").to_owned(),
    })
}

/// Parses a hardware table, failing on the first bad row.
pub fn parse_chips(file: &str, text: &str) -> Result<Vec<Chip>, LoadError> {
    let table = CsvTable::parse(file, text)?;
    table.require(HARDWARE_COLUMNS)?;
    table.rows().map(|row| chip_from_row(&row)).collect()
}

/// The embedded hardware table.
pub fn chips() -> Result<Vec<Chip>, LoadError> {
    parse_chips("hardware.csv", HARDWARE_CSV)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn all() -> Vec<Chip> {
        chips().expect("hardware.csv parses")
    }

    #[test]
    fn ids_are_unique_slugs_and_every_row_has_a_source() {
        let chips = all();
        assert!(
            chips.len() >= 15,
            "expected the sourced chips, got {}",
            chips.len()
        );
        let mut seen = HashSet::new();
        for c in &chips {
            assert!(seen.insert(c.id.clone()), "duplicate id {}", c.id);
            assert!(
                c.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "id {} is not a slug",
                c.id
            );
            assert!(c.source_url.starts_with("https://"), "{}: source", c.id);
            assert!(!c.note.is_empty(), "{}: every row explains itself", c.id);
        }
    }

    #[test]
    fn values_are_positive_and_plausible() {
        for c in all() {
            for p in Precision::ALL {
                if let Some(v) = c.peak_tflops(p) {
                    assert!(v > 0.0 && v < 50_000.0, "{} {}: {v}", c.id, p.label());
                }
            }
            if let Some(m) = c.memory_gb {
                assert!(m > 0.0 && m <= 1_000.0, "{}: memory {m}", c.id);
            }
            if let Some(b) = c.memory_bandwidth_tbs {
                assert!(b > 0.0 && b <= 50.0, "{}: bandwidth {b}", c.id);
            }
            if let Some(w) = c.tdp_watts {
                assert!((50.0..=3_000.0).contains(&w), "{}: power {w}", c.id);
            }
            if let Some(y) = c.year {
                assert!((2010..=2030).contains(&y), "{}: year {y}", c.id);
            }
            assert!(
                c.peak_tflops(Precision::Bf16).is_some(),
                "{}: the 16-bit peak is what training estimates use",
                c.id
            );
        }
    }

    #[test]
    fn narrower_formats_are_never_slower() {
        for c in all() {
            let known: Vec<f64> = Precision::ALL
                .iter()
                .filter_map(|&p| c.peak_tflops(p))
                .collect();
            assert!(
                known.windows(2).all(|w| w[0] <= w[1]),
                "{}: peaks must not fall from FP32 to FP8: {known:?}",
                c.id
            );
        }
    }

    #[test]
    fn fp16_only_chips_say_so() {
        for id in [
            "nvidia-p100-sxm2",
            "nvidia-v100-sxm2-32gb",
            "huawei-ascend-910",
        ] {
            let c = all().into_iter().find(|c| c.id == id).expect("row present");
            assert!(
                c.note.contains("FP16"),
                "{id}: note must say the 16-bit peak is FP16"
            );
        }
    }

    #[test]
    fn a_bad_number_names_its_line() {
        let head = HARDWARE_COLUMNS.join(",");
        let text = format!("{head}\nx,X,V,2020,abc,,,,,,,https://e.org,n\n");
        let err = parse_chips("hardware.csv", &text).expect_err("must fail");
        assert_eq!(err.line, 2);
        assert!(err.reason.contains("peak_tflops_fp32"));
    }
}
