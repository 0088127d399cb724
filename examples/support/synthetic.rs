//! Synthetic models for the benchmarks (`examples/bench_chart.rs`, `tests/chart_bench.rs`):
//! generated in code, so no data files are needed.

use model_atlas::data::{
    Confidence, Dataset, Date, DatePrecision, Model, Num, Nums, Quantity, Text, Texts,
};

pub fn quantity(v: f64, estimated: bool) -> Quantity {
    Quantity {
        value: Some(v),
        confidence: if estimated {
            Confidence::Estimated
        } else {
            Confidence::Reported
        },
        note: String::new(),
    }
}

/// `n` models with the embedded organizations: dates 2012–2026, parameters, tokens and compute
/// spread over many decades (a deterministic pseudo-random walk).
pub fn synthetic(base: &Dataset, n: usize) -> Dataset {
    let orgs: Vec<String> = base.organizations.iter().map(|o| o.id.clone()).collect();
    let domains = [
        "language",
        "vision",
        "multimodal",
        "games",
        "speech",
        "biology",
    ];
    let mut state: u64 = 42;
    let mut rand = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let models = (0..n)
        .map(|i| {
            let year = 2012 + (rand() * 15.0) as i32;
            let month = 1 + (rand() * 12.0) as u8;
            let t = f64::from(year - 2012);
            let params = 10f64.powf(7.0 + t * 0.3 + rand() * 3.0);
            let tokens = params * 10f64.powf(rand() * 3.0 - 0.5);
            let compute = 6.0 * params * tokens;
            let mut m = Model {
                id: format!("m{i}"),
                name: format!("Synthetic model {i}"),
                organizations: vec![orgs.get(i % orgs.len()).cloned().unwrap_or_default()],
                date: Some(Date::new(year, month, 1).expect("date")),
                date_precision: DatePrecision::Day,
                tasks: Vec::new(),
                nums: Nums::default(),
                texts: Texts::default(),
                source_line: 0,
            };
            *m.num_mut(Num::Parameters) = quantity(params, i % 5 == 0);
            *m.num_mut(Num::TrainingTokens) = quantity(tokens, i % 3 == 0);
            *m.num_mut(Num::TrainingCompute) = quantity(compute, i % 2 == 0);
            *m.text_mut(Text::Domain) = domains[i % domains.len()].to_owned();
            *m.text_mut(Text::Access) = "open weights".to_owned();
            m
        })
        .collect();
    Dataset::from_parts(
        models,
        base.organizations.clone(),
        Vec::new(),
        Vec::new(),
        base.benchmark_info.clone(),
        base.imagenet_challenge.clone(),
        base.compute_eras.clone(),
        Vec::new(),
    )
}
