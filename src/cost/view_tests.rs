#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
//! The cost view's core: the report from a model, the comparisons with published figures, the
//! URL parameters.
use super::params::{ComputeBasis, CostParams, Knob, KnobValue, PriceBasis};
use super::report::{chip_for_hardware, power_method, report, CostReport};
use super::*;
use crate::data::{chips, Dataset};
use proptest::prelude::*;

fn ds() -> &'static Dataset {
    static DS: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
    DS.get_or_init(|| Dataset::embedded().expect("embedded dataset"))
}

fn for_model(id: &str, edit: impl FnOnce(&mut CostParams)) -> CostReport {
    let ds = ds();
    let mut p = CostParams {
        model: Some(id.to_owned()),
        ..CostParams::default()
    };
    edit(&mut p);
    report(&p, &ds.models, &chips().expect("hardware.csv"))
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    ((a - b) / b).abs() <= rel
}

#[test]
fn gpt3_starts_from_its_record_on_v100s_and_compares_every_published_figure() {
    let r = for_model("gpt-3", |_| {});
    assert_eq!(r.basis, Some(ComputeBasis::Recorded));
    assert_eq!(r.chip.as_ref().unwrap().id, "nvidia-v100-sxm2-32gb");
    assert_eq!(r.compute.as_ref().unwrap().result.central, 3.14e23);
    let h = r.chip_hours.as_ref().unwrap().result;
    assert!(h.low < h.central && h.central < h.high, "{h:?}");
    assert_eq!(r.chips.unwrap().0, 10_000.0);
    assert!(r.days.is_ok());
    // No published V100 rental price: the cost asks for one, with a message, not NaN.
    let e = r.cost.as_ref().unwrap_err();
    assert!(e.contains("enter a value"), "{e}");
    let whats: Vec<&str> = r.comparisons.iter().map(|c| c.what).collect();
    assert_eq!(whats, ["chip-hours", "energy", "emissions"]);
    for c in &r.comparisons {
        assert!(c.sentence.contains('×'), "{}", c.sentence);
        assert!(c.estimate.is_finite());
    }
    // A price typed: the cost appears, and the published cost is compared.
    let r = for_model("gpt-3", |p| p.set("price", "2").unwrap());
    assert!(r.cost.is_ok());
    assert!(r.comparisons.iter().any(|c| c.what == "cost"
        && c.basis.contains("amortized hardware, 2023 USD")
        && c.sentence.contains("per chip-hour")));
}

#[test]
fn bloom_energy_is_reproduced_from_its_published_inputs_and_the_difference_is_named() {
    // Luccioni et al. 2022: 1,082,990 A100-hours × 400 W, no PUE = 433,196 kWh; × 0.057
    // kg/kWh ≈ 24.7 t. With the MFU the published chip-hours imply, PUE 1, overhead 1 and the
    // French grid, the view's chain gives the published figures.
    let r0 = for_model("bloom", |_| {});
    let implied = r0.compute.as_ref().unwrap().result.central / (1_082_990.0 * 312e12 * 3600.0);
    let r = for_model("bloom", |p| {
        p.set_knob(Knob::Mfu, Some(KnobValue::Full(Assumption::exact(implied))));
        p.set_knob(Knob::Pue, Some(KnobValue::Full(Assumption::exact(1.0))));
        p.set_knob(Knob::Grid, Some(KnobValue::Full(Assumption::exact(0.057))));
    });
    assert!(close(
        r.chip_hours.as_ref().unwrap().result.central,
        1_082_990.0,
        1e-9
    ));
    assert!(close(
        r.energy.as_ref().unwrap().result.central,
        433.196,
        1e-6
    ));
    let e = r.comparisons.iter().find(|c| c.what == "energy").unwrap();
    assert!(
        e.sentence
            .starts_with("The estimate matches the published energy"),
        "{}",
        e.sentence
    );
    assert!((r.emissions.as_ref().unwrap().result.central - 24.7).abs() <= 0.05);
    // With the defaults the energy differs, and the sentence says how BLOOM counted it.
    let e = r0.comparisons.iter().find(|c| c.what == "energy").unwrap();
    assert!(
        e.sentence
            .contains("with no separate PUE or server overhead"),
        "{}",
        e.sentence
    );
    assert!(
        e.sentence.contains("The estimate is 0.83×"),
        "{}",
        e.sentence
    );
    assert!(
        e.sentence.contains("0.75× from the chip-hours"),
        "{}",
        e.sentence
    );
    let t = r0
        .comparisons
        .iter()
        .find(|c| c.what == "emissions")
        .unwrap();
    assert!(t.sentence.contains("0.057"), "{}", t.sentence);
}

#[test]
fn llama_models_read_their_h100_and_a100_records() {
    let r = for_model("llama-3-1-405b", |_| {});
    assert_eq!(r.chip.as_ref().unwrap().id, "nvidia-h100-sxm");
    assert!(r.cost.is_ok(), "H100 has published rental prices");
    let e = r.comparisons.iter().find(|c| c.what == "energy").unwrap();
    assert!(e.sentence.contains("700 W"), "{}", e.sentence);
    let r = for_model("llama-2-70b", |_| {});
    assert_eq!(r.chip.as_ref().unwrap().id, "nvidia-a100-sxm-80gb");
    let built = r.built.as_ref().unwrap().as_ref().unwrap();
    assert!(close(built.tokens_per_parameter, 2e12 / 7e10, 1e-12));
}

#[test]
fn power_method_names_tdp_pue_and_measured_draws() {
    assert!(power_method(400.0, 400.0).contains("no separate PUE"));
    assert!(power_method(440.0, 400.0).contains("PUE or server overhead of about 1.1"));
    assert!(power_method(300.0, 400.0).contains("below the rated power"));
    assert!(power_method(1000.0, 400.0).contains("whole servers"));
}

#[test]
fn hardware_texts_map_to_table_chips() {
    assert_eq!(
        chip_for_hardware("NVIDIA A100 80GB (Jean Zay)"),
        Some("nvidia-a100-sxm-80gb")
    );
    assert_eq!(
        chip_for_hardware("NVIDIA A100 40GB"),
        Some("nvidia-a100-sxm-40gb")
    );
    assert_eq!(
        chip_for_hardware("Google TPU v3 (2048 cores)"),
        Some("google-tpu-v3")
    );
    assert_eq!(chip_for_hardware("NVIDIA V100 and Huawei Ascend 910"), None);
    assert_eq!(chip_for_hardware("NVIDIA H800"), None);
    let all = chips().unwrap();
    for id in [
        "nvidia-h100-sxm",
        "google-tpu-v6e",
        "huawei-ascend-910",
        "amd-mi300x",
    ] {
        assert!(all.iter().any(|c| c.id == id), "{id}");
    }
}

#[test]
fn typed_n_and_d_use_six_n_d_and_chinchilla() {
    let ds = ds();
    let mut p = CostParams::default();
    p.set("n", "70e9").unwrap();
    p.set("d", "1.4e12").unwrap();
    let r = report(&p, &ds.models, &chips().unwrap());
    assert_eq!(r.basis, Some(ComputeBasis::SixND));
    assert_eq!(
        r.compute.as_ref().unwrap().result.central,
        6.0 * 70e9 * 1.4e12
    );
    let o = r.optimal.as_ref().unwrap();
    assert!(close(o.parameters, 70e9, 1e-9) && close(o.tokens, 1.4e12, 1e-9));
    assert_eq!(r.chip.as_ref().unwrap().id, report::DEFAULT_CHIP);
    assert!(r.days.as_ref().unwrap_err().contains("number of chips"));
}

#[test]
fn wider_assumption_ranges_give_wider_results() {
    let narrow = for_model("bloom", |_| {});
    let wide = for_model("bloom", |p| {
        p.set("mfu", "0.1,0.4,0.7").unwrap();
        p.set("pue", "1,1.1,2").unwrap();
        p.set("grid", "0.01,0.436,1").unwrap();
    });
    for (a, b) in [
        (&narrow.chip_hours, &wide.chip_hours),
        (&narrow.energy, &wide.energy),
        (&narrow.emissions, &wide.emissions),
    ] {
        let (a, b) = (a.as_ref().unwrap().result, b.as_ref().unwrap().result);
        assert!(b.low < a.low && b.high > a.high, "{a:?} {b:?}");
        assert_eq!(a.central, b.central);
    }
}

#[test]
fn bad_inputs_give_messages_not_nan() {
    let mut p = CostParams::default();
    assert!(p.set("n", "0").is_err());
    assert!(p.set("n", "-5").is_err());
    assert!(p.set("k", "2.5").is_err());
    assert!(p.set("mfu", "abc").is_err());
    assert!(p.set("mfu", "0.5,0.4,0.3").is_err());
    assert_eq!(p, CostParams::default());
    let ds = ds();
    let all = chips().unwrap();
    let cases: [(&str, &str, &str); 6] = [
        ("n", "1e20", "parameter count"),
        ("mfu", "0", "utilization"),
        ("mfu", "5", "utilization"),
        ("pue", "0.5", "PUE"),
        ("grid", "-1", "carbon intensity"),
        ("price", "1e9", "price"),
    ];
    for (k, v, needle) in cases {
        let mut p = CostParams {
            model: Some("gpt-3".into()),
            ..CostParams::default()
        };
        p.set("d", "3e11").unwrap();
        p.set(k, v).unwrap();
        let r = report(&p, &ds.models, &all);
        let steps = [&r.compute, &r.chip_hours, &r.energy, &r.emissions, &r.cost];
        let errors: Vec<&String> = steps.iter().filter_map(|s| s.as_ref().err()).collect();
        assert!(
            errors.iter().any(|e| e.contains(needle)),
            "{k}={v}: {errors:?}"
        );
        for s in steps.iter().filter_map(|s| s.as_ref().ok()) {
            assert!(s.result.is_finite(), "{k}={v}: {s:?}");
        }
    }
    // An unknown model and chip are said, not a crash.
    let mut p = CostParams::default();
    p.set("model", "no-such-model").unwrap();
    p.set("chip", "no-such-chip").unwrap();
    let r = report(&p, &ds.models, &all);
    assert_eq!(r.notices.len(), 2, "{:?}", r.notices);
    assert!(r.compute.is_err() && r.chip_hours.is_err());
}

#[test]
fn params_write_only_what_is_set_and_read_back() {
    assert!(CostParams::default().pairs().is_empty());
    let mut p = CostParams::default();
    for (k, v) in [
        ("model", "gpt-3"),
        ("n", "1.75e11"),
        ("d", "3e11"),
        ("compute", "6nd"),
        ("chip", "nvidia-a100-sxm-80gb"),
        ("k", "1024"),
        ("basis", "buy"),
        ("weights", "int4"),
        ("mfu", "0.3"),
        ("pue", "1,1.2,1.5"),
    ] {
        p.set(k, v).unwrap();
    }
    assert_eq!(p.basis, PriceBasis::Buy);
    let pairs = p.pairs();
    let mut q = CostParams::default();
    for (k, v) in &pairs {
        assert!(CostParams::is_param(k));
        q.set(k, v).unwrap();
    }
    assert_eq!(p, q);
    assert!(pairs.contains(&("mfu", "0.3".to_owned())));
    assert!(pairs.contains(&("pue", "1,1.2,1.5".to_owned())));
}

proptest! {
    #[test]
    fn any_typed_inputs_give_finite_results_or_messages(
        n in prop::num::f64::ANY, d in prop::num::f64::ANY, mfu in prop::num::f64::ANY,
        k in 0u32..100_000,
    ) {
        let ds = ds();
        let mut p = CostParams::default();
        let _ = p.set("n", &n.to_string());
        let _ = p.set("d", &d.to_string());
        let _ = p.set("mfu", &mfu.to_string());
        let _ = p.set("k", &k.to_string());
        let _ = p.set("price", "3");
        let r = report(&p, &ds.models, &chips().unwrap());
        for s in [&r.compute, &r.chip_hours, &r.days, &r.cost, &r.energy, &r.emissions]
            .into_iter()
            .chain(r.inference.iter())
            .filter_map(|s| s.as_ref().ok())
        {
            prop_assert!(s.result.is_finite(), "{:?}", s);
        }
    }
}
