#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
use super::fixture::MODEL_COLUMNS;
use super::*;
use crate::data::{Num, Text};

fn with_models(rows: &str) -> Result<Dataset, LoadError> {
    let models = format!("{}\n{rows}", MODEL_COLUMNS.join(","));
    let src = Sources {
        models: &models,
        organizations: fixture::ORGS,
        partnerships: "org_a,org_b,kind,note,source_url\n",
        benchmarks: "model_id,benchmark,setting,value,unit,source_url,note\n",
        benchmark_info: fixture::BENCH_INFO,
        imagenet_challenge: "year,entry,team,top5_error,extra_data,deep_learning,source_url,note\n",
        compute_eras: "era,start,end,doubling_months_low,doubling_months_central,doubling_months_high,source_url,note\n",
        facts: "id,fact,value,unit,year,source_name,source_url,note\n",
    };
    let ds = Dataset::parse(&src)?;
    validate(&ds, Date::new(2026, 11, 26))?;
    Ok(ds)
}

const GOOD: &str = "g,Good,alpha,2020-01-01,day,language,text generation,dense transformer,1e9,reported,,,,unknown,,,,unknown,,,,,open weights,,Fine.,https://example.org/g,,";

#[test]
fn loads_a_good_file() {
    let ds = fixture::dataset();
    assert_eq!(ds.models.len(), 5);
    let big = ds.models.iter().find(|m| m.id == "m-big").expect("m-big");
    assert_eq!(big.organizations, vec!["beta", "alpha"]);
    assert_eq!(big.num(Num::Parameters).value, Some(1.6e12));
    assert_eq!(big.value(Num::ActiveParameters), Some(2e11));
    assert_eq!(
        big.num(Num::TrainingCompute).confidence,
        Confidence::Estimated
    );
    assert_eq!(big.date_precision, DatePrecision::Month);
    assert_eq!(ds.country(big), "China");
    assert_eq!(ds.organization_names(big), "Beta Corp, Alpha Lab");
    assert_eq!(ds.benchmarks.len(), 2);
}

fn first_error(rows: &str) -> LoadError {
    with_models(rows).expect_err("must be rejected")
}

#[test]
fn malformed_row_is_reported_with_its_line() {
    let rows = format!("{GOOD}\nbad,Bad,alpha,2020-13-45,day,language\n");
    let e = first_error(&rows);
    assert_eq!((e.file.as_str(), e.line), ("models.csv", 3), "{e}");
    let bad_number = GOOD
        .replace(",1e9,", ",12 billion,")
        .replace("g,Good", "h,H");
    let e = first_error(&format!("{GOOD}\n{bad_number}\n"));
    assert_eq!(e.line, 3);
    assert!(e.reason.contains("parameters is not a number"), "{e}");
    let bad_date = GOOD.replace("2020-01-01", "2020-02-30");
    let e = first_error(&bad_date);
    assert_eq!(e.line, 2);
    assert!(e.reason.contains("date must be YYYY-MM-DD"), "{e}");
}

#[test]
fn the_curated_data_requires_a_date() {
    // Imports may leave a date unknown; the curated files may not.
    let e = first_error(&GOOD.replace("2020-01-01,day", ",unknown"));
    assert!(e.reason.contains("date"), "{e}");
    let e = first_error(&GOOD.replace("2020-01-01,day", "2020-01-01,unknown"));
    assert!(e.reason.contains("date_precision must be"), "{e}");
    let mut ds = with_models(GOOD).expect("good");
    ds.models[0].date = None;
    let e = validate(&ds, None).expect_err("an undated model is rejected");
    assert!(e.reason.contains("date is empty"), "{e}");
}

#[test]
fn validation_rules_each_reject_with_a_reason() {
    let cases: Vec<(String, &str)> = vec![
        (format!("{GOOD}\n{GOOD}"), "duplicate id"),
        (
            GOOD.replace(",alpha,", ",gamma,"),
            "not in organizations.csv",
        ),
        (GOOD.replace(",language,", ",poetry,"), "domain \"poetry\""),
        (
            GOOD.replace("text generation", "telepathy"),
            "task \"telepathy\"",
        ),
        (GOOD.replace("dense transformer", "abacus"), "architecture"),
        (GOOD.replace("open weights", "free"), "access"),
        (GOOD.replace("2020-01-01", "2027-01-01"), "in the future"),
        (GOOD.replace(",1e9,", ",-5,"), "must be positive"),
        (
            GOOD.replace(",1e9,reported,", ",1e9,unknown,"),
            "confidence is unknown",
        ),
        (
            GOOD.replace(",1e9,reported,", ",,reported,"),
            "empty but its confidence",
        ),
        (
            GOOD.replace(",1e9,reported,", ",1e9,estimated,"),
            "does not say how",
        ),
        (
            GOOD.replace(",1e9,reported,", ",1e9,,"),
            "must be reported, estimated or unknown",
        ),
        (
            GOOD.replace(",1e9,reported,,,", ",1e9,reported,,2e9,"),
            "exceeds parameters",
        ),
        (
            GOOD.replace("https://example.org/g", ""),
            "source_url is empty",
        ),
        (
            GOOD.replace("https://example.org/g", "example.org"),
            "must be an http(s) URL",
        ),
        (GOOD.replace("g,Good", "G G,Good"), "lowercase slug"),
    ];
    for (rows, expected) in cases {
        let e = first_error(&rows);
        assert!(
            e.reason.contains(expected),
            "expected {expected:?}, got {e}"
        );
        assert_eq!(e.file, "models.csv");
    }
}

#[test]
fn benchmark_rules() {
    let bad = |bench: &str, expect: &str| {
        let models = fixture::models_csv();
        let src = Sources {
            models: &models,
            organizations: fixture::ORGS,
            partnerships: "org_a,org_b,kind,note,source_url\n",
            benchmarks: bench,
            benchmark_info: fixture::BENCH_INFO,
            imagenet_challenge: "year,entry,team,top5_error,extra_data,deep_learning,source_url,note\n",
            compute_eras: "era,start,end,doubling_months_low,doubling_months_central,doubling_months_high,source_url,note\n",
            facts: "id,fact,value,unit,year,source_name,source_url,note\n",
        };
        let ds = Dataset::parse(&src).expect("parses");
        let e = validate(&ds, None).expect_err("rejected");
        assert_eq!(e.file, "benchmarks.csv");
        assert_eq!(e.line, 2);
        assert!(e.reason.contains(expect), "{expect}: {e}");
    };
    let h = "model_id,benchmark,setting,value,unit,source_url,note\n";
    bad(
        &format!("{h}m-mid,lambada,zero-shot,176.2,%,https://x.org,\n"),
        "outside 0–100",
    );
    bad(
        &format!("{h}nope,lambada,zero-shot,76.2,%,https://x.org,\n"),
        "not in models.csv",
    );
    bad(
        &format!("{h}m-mid,hellaswag,zero-shot,76.2,%,https://x.org,\n"),
        "benchmark",
    );
    bad(
        &format!("{h}m-mid,lambada,telepathic,76.2,%,https://x.org,\n"),
        "setting",
    );
    bad(
        &format!("{h}m-mid,lambada,zero-shot,76.2,%,,\n"),
        "source_url",
    );
}

#[test]
fn the_embedded_dataset_is_valid() {
    let ds = Dataset::parse(&EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
    // Today, as the test runs: no model may be dated later.
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    let today = civil_from_days(today as i64);
    validate(&ds, Some(today)).unwrap_or_else(|e| panic!("{e}"));
    assert!(ds.models.len() >= 30, "{} models", ds.models.len());
}

#[test]
fn facts_name_the_models_they_concern_and_say_how() {
    let ds = Dataset::parse(&EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
    let strubell = ds
        .facts
        .iter()
        .find(|f| f.id == "strubell-nas-co2")
        .expect("fact");
    assert_eq!(strubell.model_ids, ["transformer"]);
    assert!(
        strubell.context.contains("architecture search"),
        "{}",
        strubell.context
    );
    let gpt3: Vec<&str> = ds
        .facts
        .iter()
        .filter(|f| f.model_ids.iter().any(|m| m == "gpt-3"))
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(gpt3.len(), 3, "{gpt3:?}");
    // The rule: a named model must exist, and a fact naming models needs a context.
    let mut bad = ds.clone();
    if let Some(f) = bad.facts.first_mut() {
        f.model_ids = vec!["no-such-model".into()];
    }
    assert!(validate(&bad, None)
        .unwrap_err()
        .to_string()
        .contains("no-such-model"));
    let mut bad = ds.clone();
    if let Some(f) = bad.facts.iter_mut().find(|f| !f.model_ids.is_empty()) {
        f.context.clear();
    }
    assert!(validate(&bad, None)
        .unwrap_err()
        .to_string()
        .contains("context"));
}

/// Days since 1970-01-01 → date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(y as i32, m as u8, d as u8).expect("valid civil date")
}

#[test]
fn civil_from_days_matches_known_dates() {
    assert_eq!(civil_from_days(0), Date::new(1970, 1, 1).expect("d"));
    assert_eq!(civil_from_days(20_418), Date::new(2025, 11, 26).expect("d"));
}

#[test]
fn crosscheck_counts_agreements_and_disagreements() {
    let mut ds = fixture::dataset();
    for m in &mut ds.models {
        *m.text_mut(Text::EpochName) = m.name.clone();
    }
    // Small: +3 % (agrees); Big: 2× (disagrees, no note); Mid: date two months off.
    let epoch = "\u{feff}Model,Publication date,Parameters\n\
        Small,2019-02-20,1.545e9\n\
        Big,2021-06-10,3.2e12\n\
        Mid,2020-07-28,1.75e11\n\
        Vision,2020-10-22,\n";
    let r = crosscheck(&ds, epoch).expect("parses");
    assert_eq!(r.linked, 5);
    assert_eq!(r.matched, 4);
    assert_eq!(r.missing, vec!["Unknown Size".to_owned()]);
    assert_eq!((r.parameters_agree, r.parameters_compared), (2, 3));
    assert_eq!((r.dates_agree, r.dates_compared), (3, 4));
    let fields: Vec<(&str, &str)> = r
        .disagreements
        .iter()
        .map(|d| (d.model_id.as_str(), d.field))
        .collect();
    assert_eq!(fields, [("m-big", "parameters"), ("m-mid", "date")]);
    assert_eq!(r.unexplained().count(), 2);
}

/// Epoch AI's notable-models export in `../shared/data` (never committed).
const EPOCH_NOTABLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/epoch_notable_ai_models_2026-02.csv"
);

#[test]
#[ignore = "reads ../shared/data (Epoch AI's CSV, not in the repo); scripts/dev.sh test runs it with --ignored when the folder is there"]
fn crosscheck_against_epoch_notable_csv() {
    let text = std::fs::read_to_string(EPOCH_NOTABLE).expect("../shared/data is present");
    let ds = Dataset::parse(&EMBEDDED).expect("embedded parses");
    let r = crosscheck(&ds, &text).expect("Epoch CSV parses");
    assert!(
        r.missing.is_empty(),
        "epoch_name not in Epoch file: {:?}",
        r.missing
    );
    let unexplained: Vec<_> = r.unexplained().collect();
    assert!(unexplained.is_empty(), "unexplained: {unexplained:?}");
    assert!(r.matched >= 100, "only {} models matched", r.matched);
}

/// The brief's headline figures are in the embedded dataset, exactly (to the precision the
/// brief states them).
#[test]
fn the_seed_headline_values_are_present() {
    let ds = Dataset::parse(&EMBEDDED).expect("embedded parses");
    let params = |id: &str| {
        ds.models
            .iter()
            .find(|m| m.id == id)
            .and_then(|m| m.num(Num::Parameters).value)
            .unwrap_or_else(|| panic!("{id} has no parameter count"))
    };
    // Rounded to three significant digits, as the brief writes them.
    let three = |v: f64| {
        let scale = 10f64.powf(v.log10().floor() - 2.0);
        (v / scale).round() * scale
    };
    for (id, expected) in [
        ("gpt-3", 175e9),
        ("mt-nlg", 530e9),
        ("gopher", 280e9),
        ("chinchilla", 70e9),
        ("palm", 540e9),
        ("bloom", 176e9),
        ("dlrm-12t", 12e12),
    ] {
        assert_eq!(three(params(id)), expected, "{id}");
    }
    // Chinchilla: about four times smaller than Gopher, about four times more data.
    let tokens = |id: &str| {
        ds.models
            .iter()
            .find(|m| m.id == id)
            .and_then(|m| m.num(Num::TrainingTokens).value)
            .unwrap_or_else(|| panic!("{id} has no token count"))
    };
    let size_ratio = params("gopher") / params("chinchilla");
    let data_ratio = tokens("chinchilla") / tokens("gopher");
    assert!((3.5..=5.0).contains(&size_ratio), "{size_ratio}");
    assert!((3.5..=5.0).contains(&data_ratio), "{data_ratio}");
    let score = |id: &str| {
        ds.benchmarks
            .iter()
            .find(|b| {
                b.model_id == id && b.benchmark == "imagenet_top1" && b.setting == "fine-tuned"
            })
            .map(|b| b.value)
    };
    assert_eq!(score("vit-g-14"), Some(90.45));
    assert_eq!(score("seer"), Some(84.2));
    let winner_2017 = ds
        .imagenet_challenge
        .iter()
        .find(|e| e.year == 2017 && e.team != "human baseline")
        .map(|e| (e.top5_error * 10.0).round() / 10.0);
    assert_eq!(winner_2017, Some(2.3));
    let era = |name: &str| {
        ds.compute_eras
            .iter()
            .find(|e| e.era == name)
            .unwrap_or_else(|| panic!("era {name}"))
    };
    // Published doubling times: about 18–20 months, about 6, about 10 (central estimates and
    // intervals of Sevilla et al. 2022).
    let pre = era("pre-deep-learning");
    assert!(pre.doubling_months_low.unwrap_or(99.0) <= 18.0 && pre.doubling_months_central >= 20.0);
    assert!((era("deep-learning").doubling_months_central - 6.0).abs() < 0.5);
    assert!((era("large-scale").doubling_months_central - 10.0).abs() < 0.5);
    // Every model the brief names is in the atlas.
    for id in [
        "gpt-3",
        "switch-transformer",
        "mt-nlg",
        "gopher",
        "chinchilla",
        "palm",
        "lamda",
        "jurassic-1-jumbo",
        "bloom",
        "opt-175b",
        "codex",
        "wu-dao-2",
        "pangu-alpha",
        "ernie-3-titan",
        "hyperclova",
        "exaone-1",
        "yuan-1",
        "vit-g-14",
        "seer",
        "dall-e",
        "dall-e-2",
        "parti",
        "imagen",
        "perceiver",
        "dlrm-12t",
        "alphago-lee",
        "glam",
        "clip",
    ] {
        assert!(ds.models.iter().any(|m| m.id == id), "{id} is missing");
    }
}

#[test]
fn dataset_counts_meet_the_brief() {
    let ds = Dataset::parse(&EMBEDDED).expect("embedded parses");
    assert!(ds.models.len() >= 250, "{} models", ds.models.len());
    let years: Vec<i32> = ds.models.iter().filter_map(|m| m.year()).collect();
    assert!(years.iter().min().is_some_and(|&y| y <= 2012));
    assert!(years.iter().max().is_some_and(|&y| y >= 2025));
    let mut with_result: Vec<&str> = ds
        .benchmarks
        .iter()
        .filter(|b| {
            ["lambada", "imagenet_top1", "coco_fid", "mmlu"].contains(&b.benchmark.as_str())
        })
        .map(|b| b.model_id.as_str())
        .collect();
    with_result.sort_unstable();
    with_result.dedup();
    assert!(
        with_result.len() >= 60,
        "{} models with a result",
        with_result.len()
    );
}

/// Every model of the embedded dataset, parsed and validated.
fn embedded() -> Dataset {
    let ds = Dataset::parse(&EMBEDDED).expect("embedded parses");
    validate(&ds, None).expect("embedded is valid");
    ds
}

#[test]
fn the_embedded_models_csv_has_every_schema_column() {
    let header = EMBEDDED.models.lines().next().unwrap_or("");
    let columns: Vec<&str> = header.split(',').collect();
    assert_eq!(
        columns,
        schema::model_columns(),
        "models.csv's header is the schema's"
    );
}

#[test]
fn every_embedded_number_of_chips_days_and_active_parameters_says_where_it_is_from() {
    let ds = embedded();
    for n in [Num::HardwareCount, Num::TrainingDays, Num::ActiveParameters] {
        let with_value: Vec<&Model> = ds.models.iter().filter(|m| m.value(n).is_some()).collect();
        assert!(with_value.len() > 30, "{n:?}: {}", with_value.len());
        for m in with_value {
            let q = m.num(n);
            assert_ne!(q.confidence, Confidence::Unknown, "{} {n:?}", m.id);
            assert!(!q.note.is_empty(), "{} {n:?} has no note", m.id);
        }
    }
}

#[test]
fn mixture_of_experts_rows_give_active_parameters_or_say_why_not() {
    let ds = embedded();
    let moe: Vec<&Model> = ds
        .models
        .iter()
        .filter(|m| m.text(Text::Architecture) == "mixture-of-experts")
        .collect();
    assert!(moe.len() >= 50, "{}", moe.len());
    let with_active = moe
        .iter()
        .filter(|m| m.value(Num::ActiveParameters).is_some())
        .count();
    assert!(
        with_active * 4 >= moe.len() * 3,
        "{with_active} of {}",
        moe.len()
    );
    for m in moe {
        assert!(
            m.value(Num::ActiveParameters).is_some()
                || !m.num(Num::ActiveParameters).note.is_empty(),
            "{}: no active parameters and no note",
            m.id
        );
    }
}

#[test]
fn training_tokens_are_tokens_and_other_units_are_apart() {
    let ds = embedded();
    let tokens = ds
        .models
        .iter()
        .filter(|m| m.value(Num::TrainingTokens).is_some())
        .count();
    let other_units = ds
        .models
        .iter()
        .filter(|m| {
            m.value(Num::TrainingDataSize).is_some() && m.text(Text::TrainingDataUnit) != "tokens"
        })
        .count();
    assert!(tokens > 80 && other_units > 40, "{tokens} {other_units}");
    for m in &ds.models {
        let note = m.num(Num::TrainingTokens).note.to_lowercase();
        if m.value(Num::TrainingTokens).is_some() {
            for word in ["images", "image-text pairs", "board positions"] {
                assert!(
                    !note.starts_with(word),
                    "{}: training_tokens note says {word:?}",
                    m.id
                );
            }
        }
    }
}

#[test]
fn every_embedded_model_says_its_access_now_and_its_weights() {
    for m in &embedded().models {
        assert!(!m.text(Text::AccessNow).is_empty(), "{}", m.id);
        assert!(!m.text(Text::Weights).is_empty(), "{}", m.id);
    }
}

#[test]
#[ignore = "reads ../shared/data (Epoch AI's CSV, not in the repo); scripts/dev.sh test runs it with --ignored when the folder is there"]
fn the_frontier_of_epochs_notable_models_since_2023_is_in_the_atlas() {
    let text = std::fs::read_to_string(EPOCH_NOTABLE).expect("../shared/data is present");
    let table = CsvTable::parse("epoch", &text).expect("Epoch CSV parses");
    let ds = embedded();
    let linked: std::collections::HashSet<&str> =
        ds.models.iter().map(|m| m.text(Text::EpochName)).collect();
    let mut qualifying = 0;
    let mut missing = Vec::new();
    for r in table.rows() {
        let date = r.get("Publication date");
        let compute = parse_number(r.get("Training compute (FLOP)")).unwrap_or(0.0);
        let params = parse_number(r.get("Parameters")).unwrap_or(0.0);
        if date >= "2023-01-01" && (compute >= 1e24 || params >= 1e11) {
            qualifying += 1;
            let name = r.get("Model");
            if !linked.contains(name) {
                missing.push(name.to_owned());
            }
        }
    }
    assert!(qualifying > 50, "{qualifying}");
    let covered = qualifying - missing.len();
    eprintln!("frontier coverage: {covered} of {qualifying}; missing {missing:?}");
    assert!(
        covered * 100 >= qualifying * 95,
        "{covered} of {qualifying}: {missing:?}"
    );
}
