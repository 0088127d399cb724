#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
use super::assumptions::{
    rental_price, GRID_INTENSITY_KG_PER_KWH, MFU, PUE, SERVER_OVERHEAD, SERVING_MEMORY_OVERHEAD,
};
use super::*;
use crate::data::{chips, Precision};
use proptest::prelude::*;

fn close(actual: f64, expected: f64, rel: f64) -> bool {
    ((actual - expected) / expected).abs() <= rel
}

fn chip(id: &str) -> ChipSpec {
    let all = chips().expect("hardware.csv parses");
    let c = all.iter().find(|c| c.id == id).expect("chip in table");
    ChipSpec::from_chip(c, Precision::Bf16).expect("chip has a 16-bit peak and a power")
}

#[test]
fn six_n_d_reproduces_gpt3() {
    // GPT-3: N = 175e9 parameters, D = 300e9 tokens (Brown et al. 2020) → 3.15e23 FLOP.
    let s = six_n_d(175e9, 300e9).expect("valid");
    assert_eq!(s.result, Range::exact(3.15e23));
    assert!(s.formula.contains("1.75e11"), "{}", s.formula);
    assert_eq!(s.unit, "FLOP");
}

#[test]
fn bloom_energy_and_emissions_match_luccioni_et_al() {
    // Luccioni, Viguier & Ligozat 2022 (arXiv 2211.02001), Table 1 and §: BLOOM's final
    // training took 1,082,990 GPU-hours on A100s; dynamic energy = GPU-hours × 400 W (TDP)
    // = 433,196 kWh, with no PUE; × 57 gCO2e/kWh (French grid) ≈ 24.7 t CO2e.
    let hours = Range::exact(1_082_990.0);
    let a100 = chip("nvidia-a100-sxm-80gb");
    assert_eq!(a100.tdp_watts, 400.0);
    let e = energy_mwh(
        hours,
        a100.tdp_watts,
        Assumption::exact(1.0),
        Assumption::exact(1.0),
    )
    .expect("valid");
    // Exact up to float rounding: the paper multiplies the same two numbers.
    assert!(close(e.result.central, 433.196, 1e-6), "{:?}", e.result);
    let t = emissions_t(e.result, Assumption::exact(0.057)).expect("valid");
    // Published as 24.7 t (one decimal): tolerance ±0.05 t.
    assert!((t.result.central - 24.7).abs() <= 0.05, "{:?}", t.result);

    // The paper's comparison table also gives BLOOM "× PUE" with PUE 1.2 as 30 t (whole
    // tonnes, as summarised in a retrieved course note): tolerance ±0.5 t.
    let e_pue = energy_mwh(
        hours,
        a100.tdp_watts,
        Assumption::exact(1.0),
        Assumption::exact(1.2),
    )
    .expect("valid");
    let t_pue = emissions_t(e_pue.result, Assumption::exact(0.057)).expect("valid");
    assert!(
        (t_pue.result.central - 30.0).abs() <= 0.5,
        "{:?}",
        t_pue.result
    );
}

#[test]
fn bloom_chip_hours_fall_inside_the_default_mfu_range() {
    // BLOOM: 176,247M parameters, 366B training tokens (BLOOM paper, hyperparameter table),
    // 384 A100 80GB, 1,082,990 GPU-hours, 118 days 5 h 41 min (Luccioni et al. Table 1).
    // 6ND ÷ (312 TFLOP/s × MFU): the default MFU range must bracket the published figures
    // (their implied MFU is about 0.32).
    let c = six_n_d(176.247e9, 366e9).expect("valid");
    let a100 = chip("nvidia-a100-sxm-80gb");
    let h = chip_hours(c.result, a100.peak_tflops, MFU).expect("valid");
    assert!(
        h.result.low < 1_082_990.0 && 1_082_990.0 < h.result.high,
        "{:?}",
        h.result
    );
    let d = training_days(h.result, 384.0).expect("valid");
    let published_days = 118.0 + (5.0 + 41.0 / 60.0) / 24.0;
    assert!(d.result.low < published_days && published_days < d.result.high);
}

#[test]
fn llama2_emissions_follow_gpu_hours_times_power_times_one_intensity() {
    // Llama 2 model card (github.com/meta-llama/llama MODEL_CARD.md; paper Table 2):
    // GPU-hours, power (W), t CO2eq = 7B 184,320 h, 400 W, 31.22 t; 13B 368,640 h, 400 W,
    // 62.44 t; 70B 1,720,320 h, 400 W, 291.42 t; total 3,311,616 h, 539.00 t. "Power
    // Consumption: peak power capacity per GPU device ... adjusted for power usage
    // efficiency": the energy is GPU-hours × 400 W with nothing else.
    // The paper states no grid intensity; the 70B row (the most digits) implies 291.42 t ÷
    // 688.128 MWh = 0.4235 kg/kWh. The check: that one intensity reproduces every row to
    // ±0.01 t (half a unit of the published last digit, plus the intensity's own rounding).
    let rows = [
        (184_320.0, 31.22),
        (368_640.0, 62.44),
        (1_720_320.0, 291.42),
    ];
    let intensity = 291.42 / (1_720_320.0 * 400.0 / 1e6);
    assert!(close(intensity, 0.4235, 1e-4));
    let a100 = chip("nvidia-a100-sxm-80gb");
    let mut published_rows = 0.0;
    for (hours, tonnes) in rows {
        let e = energy_mwh(
            Range::exact(hours),
            a100.tdp_watts,
            Assumption::exact(1.0),
            Assumption::exact(1.0),
        )
        .expect("valid");
        let t = emissions_t(e.result, Assumption::exact(intensity)).expect("valid");
        // Published to two decimals: tolerance ±0.01 t.
        assert!(
            (t.result.central - tonnes).abs() <= 0.01,
            "{hours} h: {:?}",
            t.result
        );
        published_rows += tonnes;
    }
    // The model card omits the 34B model; the total's remainder belongs to it:
    // 3,311,616 − 2,273,280 = 1,038,336 GPU-hours and 539.00 − 385.08 = 153.92 t. At 400 W
    // that would be 175.9 t; at 350 W — the production cluster's power cap, as the paper
    // says ("RSC uses 400W while our production cluster uses 350W") — it is 153.9 t.
    let rest_hours = 3_311_616.0 - rows.iter().map(|r| r.0).sum::<f64>();
    assert_eq!(rest_hours, 1_038_336.0);
    let rest = energy_mwh(
        Range::exact(rest_hours),
        350.0,
        Assumption::exact(1.0),
        Assumption::exact(1.0),
    )
    .expect("valid");
    let rest_t = emissions_t(rest.result, Assumption::exact(intensity)).expect("valid");
    assert!(
        (rest_t.result.central - (539.00 - published_rows)).abs() <= 0.05,
        "{:?}",
        rest_t.result
    );
}

#[test]
fn llama2_70b_gpu_hours_fall_inside_the_default_mfu_range() {
    // 70B parameters × 2.0T tokens (model card) on A100 (312 TFLOP/s bf16) took 1,720,320
    // GPU-hours (implied MFU ≈ 0.43).
    let c = six_n_d(70e9, 2.0e12).expect("valid");
    let h = chip_hours(c.result, 312.0, MFU).expect("valid");
    assert!(
        h.result.low < 1_720_320.0 && 1_720_320.0 < h.result.high,
        "{:?}",
        h.result
    );
}

fn default_inputs(flop: f64) -> TrainingInputs {
    TrainingInputs {
        flop: Range::exact(flop),
        chip: chip("nvidia-h100-sxm"),
        chips: Some(1024.0),
        mfu: MFU,
        price: Some(rental_price("nvidia-h100-sxm").expect("priced")),
        overhead: SERVER_OVERHEAD,
        pue: PUE,
        intensity: GRID_INTENSITY_KG_PER_KWH,
    }
}

#[test]
fn a_full_estimate_has_every_step_ordered_and_finite() {
    let est = estimate_training(&default_inputs(1e24)).expect("valid");
    let steps = est.steps();
    assert_eq!(steps.len(), 5);
    for s in steps {
        assert!(s.result.is_finite(), "{}", s.name);
        assert!(
            s.result.low <= s.result.central && s.result.central <= s.result.high,
            "{}: {:?}",
            s.name,
            s.result
        );
        assert!(!s.formula.is_empty() && !s.unit.is_empty());
    }
    // Central chip-hours: 1e24 ÷ (989.4e12 × 0.4) ÷ 3600.
    let expected = 1e24 / (989.4e12 * 0.4) / 3600.0;
    assert!(close(est.chip_hours.result.central, expected, 1e-12));
    // The high end of chip-hours uses the low MFU.
    assert!(close(
        est.chip_hours.result.high,
        1e24 / (989.4e12 * 0.213) / 3600.0,
        1e-12
    ));
}

#[test]
fn defaults_are_valid_and_ordered() {
    MFU.check_positive("mfu", 1.0).expect("mfu");
    PUE.check("pue", 1.0, 3.0).expect("pue");
    GRID_INTENSITY_KG_PER_KWH
        .check("intensity", 0.0, 2.0)
        .expect("intensity");
    SERVER_OVERHEAD
        .check("overhead", 1.0, 5.0)
        .expect("overhead");
    SERVING_MEMORY_OVERHEAD
        .check("serving", 1.0, 10.0)
        .expect("serving");
    for p in assumptions::RENTAL_PRICES {
        assert!(p.usd_per_chip_hour > 0.0 && p.source_url.starts_with("http"));
    }
    let known: Vec<String> = chips().expect("parses").into_iter().map(|c| c.id).collect();
    for id in assumptions::RENTAL_PRICES
        .iter()
        .map(|p| p.chip_id)
        .chain(assumptions::PURCHASE_PRICES.iter().map(|p| p.chip_id))
    {
        assert!(known.iter().any(|k| k == id), "{id} is not in hardware.csv");
    }
}

#[test]
fn rental_price_spans_the_published_points() {
    let h100 = rental_price("nvidia-h100-sxm").expect("priced");
    assert_eq!(h100.low, 4.916);
    assert!(close(h100.high, 98.32 / 8.0, 1e-12));
    assert!(close(h100.value, (4.916 + 98.32 / 8.0) / 2.0, 1e-12));
    let a100 = rental_price("nvidia-a100-sxm-40gb").expect("priced");
    assert_eq!(a100, Assumption::exact(1.844));
    let err = rental_price("google-tpu-v4").expect_err("no price found");
    assert!(err.to_string().contains("google-tpu-v4"));
}

#[test]
fn amortized_price_divides_by_the_hours_of_use() {
    // DGX A100 launch price per GPU, over a user-given 4 years at full use.
    let dgx = assumptions::purchase_prices("nvidia-a100-sxm-40gb")
        .next()
        .expect("a published price");
    assert_eq!((dgx.usd_per_chip, dgx.year), (24_875.0, 2020));
    let p = amortized_price_per_hour(
        Assumption::exact(dgx.usd_per_chip),
        Assumption::new(4.0, 3.0, 5.0),
        Assumption::exact(1.0),
    )
    .expect("valid");
    assert!(close(p.value, 24_875.0 / (4.0 * 8760.0), 1e-12));
    // The low price goes with the longest life.
    assert!(close(p.low, 24_875.0 / (5.0 * 8760.0), 1e-12));
    assert!(close(p.high, 24_875.0 / (3.0 * 8760.0), 1e-12));
}

#[test]
fn serving_llama2_70b_in_bf16_on_h100() {
    // 70e9 × 2 bytes = 140 GB; × 1.2 [1.1–1.5] ÷ 80 GB = 2.1 [1.93–2.63] → 3 [2–3] chips.
    let w = weights_memory_gb(70e9, WeightFormat::Bf16).expect("valid");
    assert_eq!(w.result, Range::exact(140.0));
    let n = chips_to_hold(w.result, 80.0, SERVING_MEMORY_OVERHEAD).expect("valid");
    assert_eq!(
        n.result,
        Range {
            low: 2.0,
            central: 3.0,
            high: 3.0
        }
    );
    let cost = serving_cost_per_year(n.result, Assumption::exact(4.916)).expect("valid");
    assert!(close(cost.result.central, 3.0 * 8760.0 * 4.916, 1e-12));
    assert!(cost.formula.contains("8760"));
    let int4 = weights_memory_gb(70e9, WeightFormat::Int4).expect("valid");
    assert_eq!(int4.result.central, 35.0);
    let bytes: Vec<f64> = WeightFormat::ALL.iter().map(|f| f.bytes()).collect();
    assert_eq!(bytes, [4.0, 2.0, 1.0, 0.5]);
}

#[test]
fn chinchilla_is_its_own_optimum() {
    // Chinchilla: 70B parameters on 1.4T tokens (Hoffmann et al. 2022).
    let c = six_n_d(70e9, 1.4e12).expect("valid").result.central;
    let opt = compute_optimal(c).expect("valid");
    assert!(close(opt.parameters, 70e9, 1e-9));
    assert!(close(opt.tokens, 1.4e12, 1e-9));
    let cmp = compare_to_optimal(70e9, 1.4e12).expect("valid");
    assert!(close(cmp.ratio_to_optimal, 1.0, 1e-12));
    assert!(close(cmp.size_ratio, 1.0, 1e-9));
}

#[test]
fn gpt3_was_undertrained_by_chinchilla_standards() {
    let cmp = compare_to_optimal(175e9, 300e9).expect("valid");
    assert!(close(cmp.tokens_per_parameter, 300.0 / 175.0, 1e-12));
    assert!(cmp.ratio_to_optimal < 0.1);
    // Same compute, optimal: √(3.15e23 / 120) ≈ 51B parameters on ≈ 1.02T tokens.
    assert!(close(
        cmp.optimal.parameters,
        (3.15e23f64 / 120.0).sqrt(),
        1e-12
    ));
    assert!(cmp.size_ratio > 3.0);
    assert!(cmp.summary.contains("tokens per parameter"));
}

#[test]
fn bad_inputs_give_errors_with_messages() {
    let cases: Vec<CostError> = vec![
        six_n_d(0.0, 1e9).expect_err("zero parameters"),
        six_n_d(-5.0, 1e9).expect_err("negative"),
        six_n_d(f64::NAN, 1e9).expect_err("nan"),
        six_n_d(1e9, f64::INFINITY).expect_err("infinite"),
        six_n_d(1e40, 1e9).expect_err("absurd parameters"),
        chip_hours(Range::exact(1e24), 312.0, Assumption::exact(1.5)).expect_err("mfu > 1"),
        chip_hours(Range::exact(1e24), 312.0, Assumption::new(0.4, 0.5, 0.6))
            .expect_err("unordered"),
        chip_hours(Range::exact(1e24), 0.0, MFU).expect_err("zero peak"),
        training_days(Range::exact(1e6), 0.5).expect_err("half a chip"),
        training_days(Range::exact(1e6), 2.5).expect_err("not whole"),
        cost_usd(Range::exact(1e6), Assumption::exact(-1.0)).expect_err("negative price"),
        energy_mwh(
            Range::exact(1e6),
            400.0,
            SERVER_OVERHEAD,
            Assumption::exact(0.9),
        )
        .expect_err("PUE below 1"),
        emissions_t(Range::exact(10.0), Assumption::exact(f64::NAN)).expect_err("nan"),
        compute_optimal(0.0).expect_err("zero budget"),
        weights_memory_gb(f64::NEG_INFINITY, WeightFormat::Bf16).expect_err("-inf"),
        chips_to_hold(Range::exact(140.0), 0.0, SERVING_MEMORY_OVERHEAD).expect_err("no memory"),
        recorded_compute(Assumption::exact(1e40)).expect_err("absurd compute"),
    ];
    for e in cases {
        let msg = e.to_string();
        assert!(msg.len() > 10 && !msg.contains("NaN"), "{msg}");
    }
    // Zero intensity is a valid (market-based) input.
    let zero = emissions_t(Range::exact(10.0), Assumption::exact(0.0)).expect("valid");
    assert_eq!(zero.result, Range::exact(0.0));
}

#[test]
fn a_chip_without_a_power_figure_is_named() {
    let all = chips().expect("parses");
    let v5e = all.iter().find(|c| c.id == "google-tpu-v5e").expect("row");
    let err = ChipSpec::from_chip(v5e, Precision::Bf16).expect_err("no power published");
    assert!(err.to_string().contains("google-tpu-v5e"), "{err}");
    let err = ChipSpec::from_chip(v5e, Precision::Fp8).expect_err("no fp8 peak");
    assert!(err.to_string().contains("FP8"), "{err}");
}

fn widen(a: Assumption, k: f64, floor: f64, ceil: f64) -> Assumption {
    Assumption::new(
        a.value,
        (a.low - k * (a.value - a.low + 0.01)).max(floor),
        (a.high + k * (a.high - a.value + 0.01)).min(ceil),
    )
}

proptest! {
    #[test]
    fn wider_assumptions_give_wider_results(
        flop in 1e18f64..1e27,
        k in 0.0f64..3.0,
        mfu_c in 0.2f64..0.6,
        pue_c in 1.05f64..1.5,
        int_c in 0.05f64..0.8,
    ) {
        let mut base = default_inputs(flop);
        base.mfu = Assumption::new(mfu_c, mfu_c * 0.8, (mfu_c * 1.2).min(1.0));
        base.pue = Assumption::new(pue_c, pue_c.max(1.0) - 0.04, pue_c + 0.1);
        base.intensity = Assumption::new(int_c, int_c * 0.5, int_c * 1.5);
        let mut wide = base.clone();
        wide.mfu = widen(base.mfu, k, 0.01, 1.0);
        wide.pue = widen(base.pue, k, 1.0, 3.0);
        wide.intensity = widen(base.intensity, k, 0.0, 2.0);
        wide.overhead = widen(base.overhead, k, 1.0, 5.0);
        let a = estimate_training(&base).expect("valid");
        let b = estimate_training(&wide).expect("valid");
        for (x, y) in a.steps().into_iter().zip(b.steps()) {
            prop_assert!(y.result.low <= x.result.low * (1.0 + 1e-12), "{}", x.name);
            prop_assert!(y.result.high >= x.result.high * (1.0 - 1e-12), "{}", x.name);
            prop_assert!((y.result.central - x.result.central).abs() <= x.result.central.abs() * 1e-12);
        }
    }

    #[test]
    fn no_input_makes_nan(
        n in prop::num::f64::ANY,
        d in prop::num::f64::ANY,
        mfu in prop::num::f64::ANY,
    ) {
        if let Ok(c) = six_n_d(n, d) {
            prop_assert!(c.result.is_finite());
            if let Ok(h) = chip_hours(c.result, 312.0, Assumption::exact(mfu)) {
                prop_assert!(h.result.is_finite() && h.result.low > 0.0);
            }
        }
        if let Ok(cmp) = compare_to_optimal(n, d) {
            prop_assert!(cmp.ratio_to_optimal.is_finite());
        }
    }
}
