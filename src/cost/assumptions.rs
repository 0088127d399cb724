//! Sourced default assumptions. Each constant's doc comment names where its value and range
//! come from; where no source was found there is no default (the user enters one).

use super::{Assumption, CostError};

/// Model FLOP utilization: the share of the chips' peak throughput a training run turns into
/// model FLOP (6·N per token).
///
/// - central 0.40: Epoch AI's default utilization when estimating compute from GPU-hours
///   (e.g. its Llama 2 70B entry: "311.84 BF16 TFLOP/s × 1720320 hours × 0.40 utilization").
/// - low 0.213: GPT-3's MFU as computed in the PaLM paper (Chowdhery et al. 2022, Table 3:
///   GPT-3 21.3%, Gopher 32.5%, Megatron-Turing NLG 30.2%, PaLM 46.2%).
/// - high 0.563: the best MFU in NVIDIA's Megatron-LM benchmarks (1T parameters, 56.3% MFU,
///   github.com/NVIDIA/Megatron-LM README), above PaLM's 46.2%.
pub const MFU: Assumption = Assumption::new(0.40, 0.213, 0.563);

/// Power usage effectiveness: facility energy ÷ IT energy.
///
/// - central and low 1.10: Google's fleet-wide annual average PUE (Google environmental
///   reporting: "1.10, compared with the industry average of 1.55"); hyperscalers train most
///   large models.
/// - high 1.58: the industry average PUE in 2023 (Uptime Institute Global Data Center Survey
///   2023, intelligence.uptimeinstitute.com).
///
/// For reference, Luccioni et al. 2022 used PUE 1.2 for the Jean Zay cluster that trained
/// BLOOM.
pub const PUE: Assumption = Assumption::new(1.10, 1.10, 1.58);

/// Grid carbon intensity, kg CO2e per kWh (location-based).
///
/// - central 0.436: the world average of electricity generation in 2022 (Ember, Global
///   Electricity Review 2023).
/// - low 0.056: France in 2023 (Ember and Energy Institute via Our World in Data); Luccioni
///   et al. used 0.057 for BLOOM's training in France.
/// - high 0.713: India in 2023 (same source), a coal-heavy grid.
pub const GRID_INTENSITY_KG_PER_KWH: Assumption = Assumption::new(0.436, 0.056, 0.713);

/// Server overhead: power drawn per chip ÷ the chip's TDP (host CPUs, memory, network,
/// fans).
///
/// - central and low 1.0: the accelerator's TDP alone, the method of the Llama 2 paper
///   (Table 2: GPU-hours × 400 W) and of BLOOM's "dynamic" energy (Luccioni et al. 2022:
///   1,082,990 GPU-hours × 400 W = 433,196 kWh).
/// - high 1.59: BLOOM's dynamic plus idle infrastructure energy over its dynamic energy
///   ((433,196 + 256,646) kWh ÷ 433,196 kWh, Luccioni et al. 2022).
pub const SERVER_OVERHEAD: Assumption = Assumption::new(1.0, 1.0, 1.59);

/// Memory needed to serve a model ÷ the memory of its weights (KV cache, activations,
/// runtime buffers). This is a rule of thumb of this tool, not a published figure: 1.2 with
/// 1.1–1.5; long contexts and large batches need more.
pub const SERVING_MEMORY_OVERHEAD: Assumption = Assumption::new(1.2, 1.1, 1.5);

/// A published rental price for one chip-hour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PricePoint {
    /// The chip's id in `hardware.csv`.
    pub chip_id: &'static str,
    /// USD per chip-hour.
    pub usd_per_chip_hour: f64,
    /// Year of the price (and of its dollars).
    pub year: i32,
    /// What kind of price it is.
    pub basis: &'static str,
    /// Where it is published.
    pub source_url: &'static str,
}

/// Cloud rental prices found in public sources. Prices vary by provider, region, term and
/// date by several times; the estimate's range spans the points for a chip.
pub const RENTAL_PRICES: &[PricePoint] = &[
    PricePoint {
        chip_id: "nvidia-h100-sxm",
        usd_per_chip_hour: 4.916,
        year: 2024,
        basis: "AWS EC2 Capacity Blocks, p5.48xlarge (8 × H100) effective accelerator hourly rate, US East, rates valid until 1 Jan 2025",
        source_url: "https://aws.amazon.com/ec2/capacityblocks/pricing/",
    },
    PricePoint {
        chip_id: "nvidia-h100-sxm",
        usd_per_chip_hour: 98.32 / 8.0,
        year: 2023,
        basis: "AWS EC2 p5.48xlarge on-demand list price $98.32/h for 8 × H100, US East 1, as listed by deploybase.ai; the launch price analysed by The Next Platform in July 2023 (AWS has cut it since)",
        source_url: "https://deploybase.ai/articles/aws-vs-google-cloud",
    },
    PricePoint {
        chip_id: "nvidia-h200-sxm",
        usd_per_chip_hour: 5.408,
        year: 2024,
        basis: "AWS EC2 Capacity Blocks, 8 × H200 instance effective accelerator hourly rate, US East (Ohio)",
        source_url: "https://aws.amazon.com/ec2/capacityblocks/pricing/",
    },
    PricePoint {
        chip_id: "nvidia-a100-sxm-40gb",
        usd_per_chip_hour: 1.844,
        year: 2024,
        basis: "AWS EC2 Capacity Blocks, p4d.24xlarge (8 × A100 40GB) effective accelerator hourly rate",
        source_url: "https://aws.amazon.com/ec2/capacityblocks/pricing/",
    },
];

/// A published purchase price for a system, per accelerator.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PurchasePrice {
    /// The chip's id in `hardware.csv`.
    pub chip_id: &'static str,
    /// USD per accelerator, including its share of the host system.
    pub usd_per_chip: f64,
    /// Year of the price.
    pub year: i32,
    /// What was priced.
    pub basis: &'static str,
    /// Where it is published.
    pub source_url: &'static str,
}

/// Launch prices of NVIDIA's 8-GPU DGX systems, divided by 8 (the share of CPUs, memory and
/// network is included).
pub const PURCHASE_PRICES: &[PurchasePrice] = &[
    PurchasePrice {
        chip_id: "nvidia-v100-sxm2-32gb",
        usd_per_chip: 149_000.0 / 8.0,
        year: 2017,
        basis: "DGX-1 with 8 × Tesla V100 (16 GB at launch), $149,000 at GTC 2017",
        source_url: "https://www.tweaktown.com/news/57488/nvidia-tesla-v100-single-slot-150w-dual-300w/index.html",
    },
    PurchasePrice {
        chip_id: "nvidia-a100-sxm-40gb",
        usd_per_chip: 199_000.0 / 8.0,
        year: 2020,
        basis: "DGX A100 with 8 × A100 40GB, $199,000 at launch",
        source_url: "http://gadgetmix.com/nvidia-a100-gpu-with-ampere-architecture/2470/",
    },
];

/// The rental-price assumption for a chip: the median of its published prices, ranging over
/// all of them. Fails when no price is known (the user enters one).
pub fn rental_price(chip_id: &str) -> Result<Assumption, CostError> {
    let mut prices: Vec<f64> = RENTAL_PRICES
        .iter()
        .filter(|p| p.chip_id == chip_id)
        .map(|p| p.usd_per_chip_hour)
        .collect();
    crate::sort::sort_by(&mut prices, f64::total_cmp);
    let (Some(&low), Some(&high)) = (prices.first(), prices.last()) else {
        return Err(CostError::NoDefault {
            what: format!("the rental price of {chip_id}"),
        });
    };
    let mid = prices.len() / 2;
    let median = if prices.len() % 2 == 1 {
        prices.get(mid).copied().unwrap_or(low)
    } else {
        let a = prices.get(mid - 1).copied().unwrap_or(low);
        let b = prices.get(mid).copied().unwrap_or(high);
        (a + b) / 2.0
    };
    Ok(Assumption::new(median, low, high))
}

/// The published purchase prices for a chip (per accelerator, system share included).
pub fn purchase_prices(chip_id: &str) -> impl Iterator<Item = &'static PurchasePrice> + '_ {
    PURCHASE_PRICES.iter().filter(move |p| p.chip_id == chip_id)
}
