#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
use crate::data::{Num, Text};
use std::collections::HashSet;

use super::json::{json_record, parse_element, scan_element, Element, Scan, MAX_JSON_DEPTH};
use super::row::Record;
use super::*;
use crate::data::{parse_models, Confidence, Date, DatePrecision, Quantity, EMBEDDED};
use proptest::prelude::*;

/// The header and first 40 records of Epoch AI's notable-models CSV (CC BY 4.0).
const FIXTURE: &str = include_str!("../../../tests/fixtures/epoch_notable_2026-02_first40.csv");

/// A CSV read with the `csv` crate directly, independently of the importer: trimmed
/// headers, and per record its trimmed fields and the line it starts on.
type Reference = (Vec<String>, Vec<(u64, Vec<String>)>);

fn reference(text: &str) -> Reference {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = r
        .headers()
        .expect("header")
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let records = r
        .records()
        .map(|rec| {
            let rec = rec.expect("record");
            let line = rec.position().expect("position").line();
            (line, rec.iter().map(|f| f.trim().to_owned()).collect())
        })
        .collect();
    (headers, records)
}

fn field<'a>(headers: &[String], rec: &'a [String], name: &str) -> &'a str {
    let i = headers.iter().position(|h| h == name).expect(name);
    rec[i].as_str()
}

#[test]
fn the_atlas_schema_includes_every_models_csv_column() {
    let atlas = crate::data::schema::atlas_columns();
    for c in crate::data::schema::model_columns() {
        assert!(atlas.contains(&c), "{c}");
    }
    for f in Field::all() {
        if let Some(c) = f.atlas_column() {
            assert!(atlas.contains(&c), "{c}");
        }
    }
    let all = Field::all();
    let mut sorted = all.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), all.len(), "no field listed twice");
    assert_eq!(all.len(), Field::COUNT, "every field is in the dialog");
    let mut idx: Vec<usize> = all.iter().map(|f| f.index()).collect();
    idx.sort_unstable();
    assert_eq!(idx, (0..Field::COUNT).collect::<Vec<_>>(), "dense indices");
}

#[test]
fn epoch_fixture_imports_every_row_with_values_mapped() {
    let (headers, records) = reference(FIXTURE);
    let imp = import_text("epoch.csv", FIXTURE, None).expect("imports");
    assert_eq!(imp.mapping.schema, Schema::Epoch);
    assert_eq!(imp.format, Format::Csv);
    assert_eq!(imp.skipped, vec![]);
    assert_eq!(imp.records, records.len() as u64);
    let ds = &imp.dataset;
    assert_eq!(ds.models.len(), records.len());
    for (m, (line, rec)) in ds.models.iter().zip(&records) {
        let f = |name: &str| field(&headers, rec, name);
        assert_eq!(m.name, f("Model"));
        assert_eq!(m.text(Text::EpochName), f("Model"));
        assert_eq!(m.source_line, *line, "{}", m.name);
        let expected_date = Date::parse_iso(f("Publication date")).expect("iso");
        assert_eq!(
            (m.date, m.date_precision),
            (Some(expected_date), DatePrecision::Day)
        );
        let orgs = split_quoted(f("Organization"));
        assert_eq!(
            m.organizations,
            orgs.iter().map(|o| slug(o)).collect::<Vec<_>>()
        );
        assert_eq!(ds.organization_names(m), orgs.join(", "));
        let countries = split_quoted(f("Country (of organization)"));
        assert_eq!(
            ds.country(m),
            countries
                .first()
                .map(|c| map_country(c))
                .unwrap_or_default()
        );
        assert_eq!(m.text(Text::Domain), map_domain(&split_quoted(f("Domain"))));
        assert_eq!(m.text(Text::Access), map_access(f("Model accessibility")));
        for (q, col, notes) in [
            (&m.num(Num::Parameters), "Parameters", "Parameters notes"),
            (
                &m.num(Num::TrainingCompute),
                "Training compute (FLOP)",
                "Training compute notes",
            ),
            (
                &m.num(Num::TrainingTokens),
                "Training dataset size (total)",
                "Dataset size notes",
            ),
        ] {
            let raw = f(col);
            let value = if raw.is_empty() {
                None
            } else {
                Some(raw.parse::<f64>().expect("Epoch writes plain numbers"))
            };
            assert_eq!(q.value, value, "{} {col}", m.name);
            if value.is_some() {
                assert_eq!(q.confidence, Confidence::Estimated);
                let head = format!("Epoch AI, confidence: {}.", f("Confidence"));
                assert!(q.note.starts_with(&head), "{:?} vs {head:?}", q.note);
                assert!(q.note.ends_with(f(notes)), "{} keeps Epoch's note", m.name);
            } else {
                assert_eq!(q.confidence, Confidence::Unknown);
            }
        }
        assert!(f("Link").contains(m.text(Text::SourceUrl)));
    }
    // Vocabulary mapping on values present in the fixture.
    let by_name = |n: &str| ds.models.iter().find(|m| m.name == n).expect(n);
    assert_eq!(ds.country(by_name("K-EXAONE")), "South Korea");
    assert_eq!(ds.country(by_name("Claude Opus 4.5")), "United States");
    assert_eq!(by_name("Claude Opus 4.5").text(Text::Domain), "multimodal");
    assert_eq!(
        by_name("Veo 3.1").text(Text::Domain),
        "video",
        "`Video,Vision`: the first"
    );
    assert_eq!(by_name("Sora 2.0").text(Text::Access), "limited");
    let glm = by_name("GLM-4.6");
    assert_eq!(glm.organizations, ["z-ai-zhipu-ai", "tsinghua-university"]);
    let tsinghua = ds.organization("tsinghua-university").expect("org");
    assert_eq!(
        (tsinghua.country.as_str(), tsinghua.kind.as_str()),
        ("China", "academia")
    );
    assert_eq!(
        ds.org_type(glm),
        "Industry",
        "Industry has no single atlas type"
    );
}

#[test]
fn feeding_in_slices_gives_the_same_result_as_all_at_once() {
    let whole = import_text("epoch.csv", FIXTURE, None).expect("imports");
    for size in [1usize, 2, 3, 7, 64, 1000, 4096] {
        let mut imp = Importer::new("epoch.csv", None, Limits::default()).expect("new");
        for chunk in FIXTURE.as_bytes().chunks(size) {
            imp.feed(chunk).expect("feed");
        }
        let got = imp.finish().expect("finish");
        assert_eq!(got.dataset.models, whole.dataset.models, "slices of {size}");
        assert_eq!(got.dataset.organizations, whole.dataset.organizations);
        assert_eq!(got.skipped, whole.skipped);
    }
}

#[test]
fn the_preview_holds_the_first_rows_read_so_far() {
    let whole = import_text("epoch.csv", FIXTURE, None).expect("imports");
    let mut imp = Importer::new("epoch.csv", None, Limits::default()).expect("new");
    assert!(imp.preview(usize::MAX).is_none(), "nothing read yet");
    let bytes = FIXTURE.as_bytes();
    let (head, tail) = bytes.split_at(bytes.len() / 2);
    imp.feed(head).expect("feed");
    let preview = imp.preview(usize::MAX).expect("rows read");
    let n = preview.models.len();
    assert!(
        n > 0 && n < whole.dataset.models.len(),
        "{n} rows in the preview"
    );
    assert_eq!(preview.models.as_slice(), &whole.dataset.models[..n]);
    for m in &preview.models {
        for id in &m.organizations {
            assert!(preview.organization(id).is_some(), "{id} is in the preview");
        }
    }
    // A limited preview: the first models and only their organizations.
    let first = imp.preview(3).expect("rows read");
    assert_eq!(first.models.as_slice(), &preview.models[..3]);
    let used: HashSet<&String> = first.models.iter().flat_map(|m| &m.organizations).collect();
    assert_eq!(first.organizations.len(), used.len());
    assert!(first.organizations.len() < preview.organizations.len());
    imp.feed(tail).expect("feed");
    let got = imp.finish().expect("finish");
    assert_eq!(
        got.dataset.models, whole.dataset.models,
        "the preview changes nothing"
    );
}

fn shared_data(name: &str) -> String {
    let path = format!("{}/../shared/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path} is not readable: {e}"))
}

fn check_full_epoch_file(name: &str, tokens_column: &str) {
    let text = shared_data(name);
    let (headers, records) = reference(&text);
    let imp = import_text(name, &text, None).expect("imports");
    assert_eq!(imp.mapping.schema, Schema::Epoch);
    assert_eq!(
        imp.mapping.column(Field::Num(Num::TrainingTokens)),
        Some(tokens_column)
    );
    assert_eq!(imp.records, records.len() as u64, "every record is counted");
    assert_eq!(
        imp.dataset.models.len() + imp.skipped.len(),
        records.len(),
        "loaded + skipped == records"
    );
    for e in &imp.skipped {
        eprintln!("skipped: {e}");
    }
    // Every record with a name loads, with or without a date (the full file has rows
    // without one); the rest are listed.
    let usable = records
        .iter()
        .filter(|(_, r)| !field(&headers, r, "Model").is_empty())
        .count();
    assert_eq!(imp.dataset.models.len(), usable);
    let undated = records
        .iter()
        .filter(|(_, r)| field(&headers, r, "Publication date").is_empty())
        .count();
    assert_eq!(
        imp.dataset
            .models
            .iter()
            .filter(|m| m.date.is_none())
            .count(),
        undated,
        "rows without a date are kept, with an unknown date"
    );
    let with_params = records
        .iter()
        .filter(|(_, r)| !field(&headers, r, "Parameters").is_empty())
        .count();
    assert_eq!(
        imp.dataset
            .models
            .iter()
            .filter(|m| m.num(Num::Parameters).value.is_some())
            .count(),
        with_params
    );
    let ids: HashSet<&str> = imp.dataset.models.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids.len(), imp.dataset.models.len(), "ids are unique");
    eprintln!(
        "{name}: {} records, {} loaded, {} skipped, {} organizations",
        records.len(),
        imp.dataset.models.len(),
        imp.skipped.len(),
        imp.dataset.organizations.len()
    );
}

#[test]
#[ignore = "reads ../shared/data (Epoch AI's CSV, not in the repo); scripts/dev.sh test runs it with --ignored when the folder is there"]
fn the_full_epoch_notable_file_loads() {
    check_full_epoch_file(
        "epoch_notable_ai_models_2026-02.csv",
        "Training dataset size (total)",
    );
}

#[test]
#[ignore = "reads ../shared/data (Epoch AI's CSV, not in the repo); scripts/dev.sh test runs it with --ignored when the folder is there"]
fn the_full_epoch_large_scale_file_loads() {
    check_full_epoch_file(
        "epoch_large_scale_ai_models_2026-02.csv",
        "(DEPRECATED) Training dataset size (datapoints)",
    );
}

#[test]
fn the_curated_models_csv_reads_back_exactly_in_the_atlas_schema() {
    let curated = parse_models("models.csv", EMBEDDED.models).expect("curated");
    let imp = import_text("models.csv", EMBEDDED.models, None).expect("imports");
    assert_eq!(imp.mapping.schema, Schema::Atlas);
    assert_eq!(imp.skipped, vec![]);
    assert_eq!(imp.dataset.models.len(), curated.len());
    for (a, b) in imp.dataset.models.iter().zip(&curated) {
        assert_eq!(a, b, "{}", b.id);
    }
}

#[test]
fn malformed_rows_are_skipped_and_listed_and_the_rest_loads() {
    let text = "Model,Publication date,Parameters,Organization\n\
                Good One,2020-05-28,1.5e9,Alpha\n\
                Too Many,2020-01-01,1,Alpha,extra\n\
                ,2021-01-01,5,Beta\n\
                \"Multi\nLine\",not a date,5,Beta\n\
                Bad Number,2021-02-03,12 billion,Beta\n\
                Good Two,2021,\"2,000,000\",\"Beta, Inc.\"\n";
    let imp = import_text("x.csv", text, None).expect("imports");
    assert_eq!(
        imp.mapping.schema,
        Schema::Custom,
        "a `Model` column alone is not Epoch's"
    );
    let names: Vec<&str> = imp.dataset.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Good One", "Bad Number", "Good Two"]);
    let bad = imp.dataset.models.get(1).expect("bad number");
    assert_eq!(bad.num(Num::Parameters).value, None);
    assert_eq!(
        bad.num(Num::Parameters).note,
        "Not understood as a number: \"12 billion\"."
    );
    assert_eq!(imp.problems.len(), 1);
    assert_eq!(imp.problems[0].line, 7);
    assert!(imp.problems[0]
        .reason
        .contains("Parameters is not a number"));
    let two = imp.dataset.models.get(2).expect("two");
    assert_eq!(
        two.num(Num::Parameters).value,
        Some(2e6),
        "thousands separators"
    );
    assert_eq!(two.date_precision, DatePrecision::Year);
    assert_eq!(two.source_line, 8, "the multi-line record counts two lines");
    assert_eq!(imp.dataset.organization_names(two), "Beta, Inc.");
    let skipped: Vec<(u64, &str)> = imp
        .skipped
        .iter()
        .map(|e| (e.line, e.reason.as_str()))
        .collect();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert_eq!(
        skipped[0],
        (3, "expected 4 fields as in the header, found 5")
    );
    assert_eq!(skipped[1], (4, "Model (the model name) is empty"));
    assert_eq!(skipped[2].0, 5);
    assert!(skipped[2].1.contains("not a date"), "{}", skipped[2].1);
    assert_eq!(imp.records, 6);
}

#[test]
fn files_that_cannot_be_read_get_one_clear_error() {
    let err =
        |bytes: &[u8]| import_bytes("f", bytes, None, Limits::default()).expect_err("must fail");
    assert_eq!(err(b""), ImportError::Empty);
    assert_eq!(err(b" \n\r\n "), ImportError::Empty);
    assert_eq!(err(b"\xef\xbb\xbf"), ImportError::Empty);
    assert!(matches!(
        err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ImportError::NotText(_)
    ));
    assert!(
        matches!(err(b"PK\x03\x04\x14\0"), ImportError::NotText(w) if w.contains("spreadsheet"))
    );
    assert!(matches!(err(b"\xff\xfeM\0o\0"), ImportError::NotText(w) if w.contains("UTF-16")));
    assert!(matches!(
        err(br#"{"models": []}"#),
        ImportError::NotTable(_)
    ));
    assert!(
        matches!(err(b"just some words\nand more\n"), ImportError::NoUsableColumn(w) if w.contains("single column"))
    );
    assert!(
        matches!(err(b"a;b;c\n1;2;3\n"), ImportError::NoUsableColumn(w) if w.contains("semicolons"))
    );
    assert!(
        matches!(err(b"colour,flavour\nred,sweet\n"), ImportError::NoUsableColumn(w) if w.contains("colour"))
    );
    assert_eq!(
        err(b"Model,Publication date\n"),
        ImportError::NoRows { skipped: vec![] }
    );
    assert_eq!(err(b"[]"), ImportError::NoRows { skipped: vec![] });
    let all_bad = err(b"Model,Publication date\nA,someday\nB,never\n");
    assert_eq!(all_bad.skipped().len(), 2);
    assert!(
        all_bad.to_string().starts_with("No row could be read"),
        "{all_bad}"
    );
    // Limits: the declared size, the bytes actually fed, and the row count.
    let small = Limits {
        max_bytes: 10,
        max_rows: 2,
        ..Limits::default()
    };
    assert_eq!(
        Importer::new("f", Some(11), small).expect_err("too large"),
        ImportError::TooLarge { bytes: 11, max: 10 }
    );
    let mut imp = Importer::new("f", None, small).expect("new");
    assert!(matches!(
        imp.feed(b"Model,Publication date\n"),
        Err(ImportError::TooLarge { .. })
    ));
    let rows = Limits {
        max_bytes: 1000,
        max_rows: 2,
        ..Limits::default()
    };
    let three = b"Model,Publication date\nA,2020\nB,2021\nC,2022\n";
    assert_eq!(
        import_bytes("f", three, None, rows).expect_err("too many"),
        ImportError::TooManyRows { max: 2 }
    );
    assert!(import_bytes("f", b"Model,Publication date\nA,2020\nB,2021\n", None, rows).is_ok());
    for e in [
        ImportError::TooManyRows { max: MAX_ROWS },
        ImportError::TooLarge {
            bytes: 250 << 20,
            max: MAX_FILE_BYTES,
        },
    ] {
        assert!(
            e.to_string().contains("at most") || e.to_string().contains("up to"),
            "{e}"
        );
    }
}

#[test]
fn other_files_get_guessed_mappings_that_the_user_can_correct() {
    let text = "System,Developer,Released,Params,Params notes,FLOP,Country,Access,Link\n\
                Alpha-1,\"Lab A; Lab B\",May 2020,\"1,500,000\",counted,3.1e21,USA,Open weights (unrestricted),https://a.example https://b.example\n\
                Beta-2,Lab B,05/28/2021,1.5e9,,,Korea (Republic of),API access,\n\
                Gamma,Lab C,28 May 2022,,not disclosed,,,,\n";
    let headers: Vec<String> = text
        .lines()
        .next()
        .expect("header")
        .split(',')
        .map(str::to_owned)
        .collect();
    let guess = detect_mapping(&headers);
    assert_eq!(guess.schema, Schema::Custom);
    assert_eq!(guess.column(Field::Name), Some("System"));
    assert_eq!(guess.column(Field::Organizations), Some("Developer"));
    assert_eq!(guess.column(Field::Date), Some("Released"));
    assert_eq!(guess.column(Field::Num(Num::Parameters)), Some("Params"));
    assert_eq!(
        guess.column(Field::NumNote(Num::Parameters)),
        Some("Params notes")
    );
    assert_eq!(guess.column(Field::Num(Num::TrainingCompute)), Some("FLOP"));
    assert_eq!(guess.column(Field::Text(Text::SourceUrl)), Some("Link"));
    assert!(guess.missing_required().is_empty());

    let imp = import_text("mine.csv", text, None).expect("imports");
    let m = &imp.dataset.models;
    assert_eq!(m.len(), 3);
    assert_eq!(
        m[0].organizations,
        ["lab-a", "lab-b"],
        "`;` separates when present"
    );
    assert_eq!(m[0].date, Date::new(2020, 5, 1));
    assert_eq!(m[0].date_precision, DatePrecision::Month);
    assert_eq!(m[1].date, Date::new(2021, 5, 28), "month/day/year");
    assert_eq!(m[2].date, Date::new(2022, 5, 28));
    assert_eq!(m[0].num(Num::Parameters).value, Some(1.5e6));
    assert_eq!(m[0].num(Num::Parameters).confidence, Confidence::Reported);
    assert_eq!(
        m[0].num(Num::Parameters).note,
        "As given in mine.csv (no confidence column). counted"
    );
    assert_eq!(
        *m[2].num(Num::Parameters),
        Quantity {
            value: None,
            confidence: Confidence::Unknown,
            note: "not disclosed".into()
        }
    );
    assert_eq!(m[1].num(Num::TrainingCompute).value, None);
    assert_eq!(m[0].text(Text::Access), "open weights");
    assert_eq!(imp.dataset.country(&m[0]), "United States");
    assert_eq!(imp.dataset.country(&m[1]), "South Korea");
    assert_eq!(m[0].text(Text::SourceUrl), "https://a.example");

    // The user corrects the guess: names come from another column, dates are required.
    let mut mine = guess.clone();
    mine.set(Field::Name, Some("Developer"));
    mine.set(Field::Organizations, None);
    let imp = import_text("mine.csv", text, Some(&mine)).expect("imports");
    assert_eq!(imp.dataset.models[0].name, "Lab A; Lab B");
    assert!(imp.dataset.models[0].organizations.is_empty());
    mine.set(Field::Date, None);
    assert_eq!(mine.missing_required(), [Field::Date]);
    let mut imp = Importer::new("mine.csv", None, Limits::default()).expect("new");
    imp.feed(text.as_bytes()).expect("feed");
    // The format is sniffed from the first 1024 bytes (or the whole of a shorter file).
    imp.end_input().expect("end");
    assert!(
        imp.needs_mapping(),
        "other files wait for the user's mapping"
    );
    assert_eq!(imp.headers().map(<[String]>::len), Some(headers.len()));
    assert_eq!(
        imp.samples()
            .first()
            .and_then(|r| r.first())
            .map(String::as_str),
        Some("Alpha-1")
    );
    assert_eq!(imp.progress().loaded, 0);
    imp.set_mapping(guess);
    assert_eq!(
        imp.feed(&[]).expect("feed").loaded,
        3,
        "after the end of the input, the last row needs no line end"
    );
    assert_eq!(imp.finish().expect("finish").dataset.models.len(), 3);
}

#[test]
fn json_arrays_of_objects_are_read_and_bad_elements_listed() {
    let text = r#"[
  {"Model": "Alpha", "Publication date": "2020-01-02", "Parameters": 175000000000,
   "Organization": ["Lab A", "Lab B"], "Task": ["Chat", "Translation"], "Domain": "Language",
   "Training compute (FLOP)": null, "Model accessibility": "API access"},
  42,
  {"Model": "Beta", "Publication date": "2021", "Parameters": null, "Confidence": "Likely"},
  {"Model": "Broken", "Publication date": }
  ,{"Model": "Gamma", "Publication date": "2022-03", "Parameters": "3.5e9"}
]"#;
    let imp = import_text("m.json", text, None).expect("imports");
    assert_eq!(imp.format, Format::Json);
    assert_eq!(
        imp.mapping.schema,
        Schema::Epoch,
        "Epoch's names are recognized in JSON too"
    );
    let names: Vec<&str> = imp.dataset.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Alpha", "Beta", "Gamma"]);
    let a = &imp.dataset.models[0];
    assert_eq!(a.num(Num::Parameters).value, Some(1.75e11));
    assert_eq!(a.organizations, ["lab-a", "lab-b"]);
    assert_eq!(a.tasks, ["dialogue", "translation"]);
    assert_eq!(a.source_line, 2);
    assert_eq!(
        imp.dataset.models[2].num(Num::Parameters).value,
        Some(3.5e9)
    );
    let skipped: Vec<(u64, bool)> = imp
        .skipped
        .iter()
        .map(|e| {
            (
                e.line,
                e.reason.starts_with("expected an object")
                    || e.reason.starts_with("malformed JSON"),
            )
        })
        .collect();
    assert_eq!(skipped, [(5, true), (7, true)]);
    assert_eq!(imp.records, 5);
    assert!(imp.notices.is_empty());

    let truncated = &text[..text.find("{\"Model\": \"Beta\"").expect("beta") + 30];
    let imp = import_text("t.json", truncated, None).expect("imports");
    assert_eq!(imp.dataset.models.len(), 1);
    assert!(
        imp.notices.iter().any(|n| n.contains("not closed")),
        "{:?}",
        imp.notices
    );
    assert_eq!(imp.skipped.len(), 2, "the number and the cut-off object");
}

#[test]
fn lists_slugs_and_vocabularies() {
    assert_eq!(
        split_quoted(r#"NVIDIA,"NERSC, Lawrence Berkeley National Laboratory", Rice University,"#),
        [
            "NVIDIA",
            "NERSC, Lawrence Berkeley National Laboratory",
            "Rice University"
        ]
    );
    assert_eq!(slug("GPT-3 (175B)"), "gpt-3-175b");
    assert_eq!(slug("  Z.ai (Zhipu AI) "), "z-ai-zhipu-ai");
    assert_eq!(slug("Université de Montréal"), "université-de-montréal");
    assert_eq!(slug("!!!"), "");
    assert_eq!(
        map_domain(&["Vision".into(), "Language".into(), "Multimodal".into()]),
        "multimodal"
    );
    assert_eq!(map_domain(&["Image generation".into()]), "vision");
    assert_eq!(map_domain(&["Earth science".into()]), "Earth science");
    assert_eq!(map_domain(&[]), "");
    assert_eq!(map_task("Language modeling/generation"), "text generation");
    assert_eq!(map_task("Atari"), "game playing");
    assert_eq!(map_task("Proteins"), "Proteins");
    assert_eq!(map_access("Open weights (non-commercial)"), "open weights");
    assert_eq!(map_access("Unreleased"), "closed");
    assert_eq!(map_access("Something else"), "Something else");
    assert_eq!(
        map_country("united kingdom of great britain and northern ireland"),
        "United Kingdom"
    );
    assert_eq!(map_country("hong kong"), "Hong Kong");
    assert_eq!(map_country("Czechia"), "Czechia");
    assert_eq!(map_org_type("Research collective"), "open collective");
    assert_eq!(map_org_type("Big Tech"), "big tech");
    assert_eq!(map_org_type("Industry"), "Industry");
    assert!(limits_text().contains("512 MB"));
}

#[test]
fn models_get_unique_ids() {
    let text = "Model,Publication date\nSame,2020\nSame,2021\nsame!,2022\n";
    let imp = import_text("x.csv", text, None).expect("imports");
    let ids: Vec<&str> = imp.dataset.models.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["same", "same-2", "same-3"]);
}

#[test]
fn rows_without_a_date_are_kept_with_an_unknown_date() {
    let text = "id,name,date,date_precision\n\
                a,Empty,,\n\
                b,Said unknown,,unknown\n\
                c,Dated said unknown,2021-03,unknown\n\
                d,Year,2020,year\n\
                e,Bad precision,2020,decade\n";
    let imp = import_text("m.csv", text, None).expect("imports");
    let got: Vec<(&str, Option<Date>, DatePrecision)> = imp
        .dataset
        .models
        .iter()
        .map(|m| (m.name.as_str(), m.date, m.date_precision))
        .collect();
    assert_eq!(
        got,
        [
            ("Empty", None, DatePrecision::Unknown),
            ("Said unknown", None, DatePrecision::Unknown),
            (
                "Dated said unknown",
                Date::new(2021, 3, 1),
                DatePrecision::Month
            ),
            ("Year", Date::new(2020, 1, 1), DatePrecision::Year),
        ]
    );
    assert_eq!(imp.skipped.len(), 1, "{:?}", imp.skipped);
    assert!(
        imp.skipped[0]
            .reason
            .contains("day, month, year or unknown"),
        "{}",
        imp.skipped[0]
    );
}

#[test]
fn json_numbers_keep_their_exact_value() {
    // A value serde_json reads one ulp off without its `float_roundtrip` feature (which the
    // atlas enables); found by proptest.
    let v = 6.678341302589451e-245_f64;
    let text = format!(
        "[{{\"id\":\"a\",\"name\":\"A\",\"date\":\"2020-01-01\",\"hardware_count\":{}}}]",
        serde_json::Value::from(v)
    );
    let imp = import_text("a.json", &text, None).expect("imports");
    assert_eq!(imp.mapping.schema, Schema::Atlas);
    assert_eq!(imp.dataset.models[0].value(Num::HardwareCount), Some(v));
}

#[test]
fn json_elements_report_errors_and_refuse_deep_nesting() {
    // serde_json's wording (the hand-written reader said `expected ':'`, `expected true`, …).
    for (bad, why) in [
        ("{\"a\" 1}", "expected `:`"),
        ("{\"a\": tru}", "expected ident"),
        ("{\"a\": 01}", "invalid number"),
        ("{\"a\": 1.}", "invalid number"),
        ("{\"a\": \"x\ny\"}", "control character"),
        ("{\"a\": \"\\q\"}", "escape"),
        ("{\"a\": [1, 2}", "expected `,` or `]`"),
        ("{a: 1}", "key must be a string"),
        ("{\"a\": 1} x", "trailing characters"),
    ] {
        let err = parse_element(bad, 1).expect_err(bad);
        assert!(err.1.contains(why), "{bad}: {}", err.1);
        assert!(!err.1.contains("column"), "{bad}: the line is given apart");
    }
    let err = parse_element("{\"a\":\n\n 1,}", 1).expect_err("trailing comma");
    assert_eq!(err.0, 2, "the line within the element: {}", err.1);
    let ok = parse_element(
        r#"{"s": "\u00e9\ud83d\ude00\n", "n": -1.5e-3, "l": [true, null, " x "], "o": {"b": 1, "a": [2]}, "s": "again"}"#,
        2,
    )
    .expect("valid");
    let Element::Object(fields) = ok else {
        panic!("an object: {ok:?}")
    };
    let rec = json_record(fields, 1);
    assert_eq!(rec.keys, ["s", "n", "l", "o"], "the file's order");
    assert_eq!(rec.cell("s"), "é😀", "the first of a repeated key, trimmed");
    assert_eq!(rec.cell("n"), "-0.0015");
    assert_eq!(rec.cell("l"), "true;; x");
    assert_eq!(
        rec.list("l"),
        Some(&["true".to_owned(), "x".to_owned()][..])
    );
    assert_eq!(rec.cell("o"), r#"{"a":[2],"b":1}"#);
    assert_eq!(parse_element("42", 0), Ok(Element::Other("a number")));
    assert_eq!(parse_element("[{}]", 2), Ok(Element::Other("an array")));

    // The deepest element allowed reads; one level more is refused unparsed.
    let nested = |levels: usize| {
        format!(
            "[{{\"id\":\"a\",\"name\":\"A\",\"date\":\"2020\",\"x\":{}1{}}}]",
            "[".repeat(levels - 1),
            "]".repeat(levels - 1)
        )
    };
    assert!(import_text("ok.json", &nested(MAX_JSON_DEPTH), None).is_ok());
    let err = import_text("deep.json", &nested(MAX_JSON_DEPTH + 1), None).expect_err("no row");
    assert!(
        err.skipped()[0].reason.contains("nested too deeply"),
        "{err}"
    );
    let deep = format!(
        "[{{\"a\":{}1{}}}]",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = import_text("deep.json", &deep, None).expect_err("no row");
    assert!(
        err.skipped()[0].reason.contains("nested too deeply"),
        "{err}"
    );
}

/// How deep arrays and objects nest in `v` (0 for a scalar).
fn depth(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        serde_json::Value::Object(m) => 1 + m.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        proptest::num::f64::NORMAL.prop_map(serde_json::Value::from),
        ".{0,8}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map(".{0,6}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn the_element_scan_finds_the_end_of_what_serde_json_writes(v in arbitrary_json()) {
        let text = serde_json::to_string(&v).expect("serializes");
        let scan = scan_element(format!("{text}, 1]").as_bytes());
        prop_assert_eq!(scan, Scan { end: Some(text.len()), deepest: depth(&v) });
        let cut = scan_element(text.get(..text.len() - 1).unwrap_or("").as_bytes());
        if depth(&v) > 0 || v.is_string() {
            prop_assert_eq!(cut.end, None, "an element cut short continues");
        }
        let element = parse_element(&text, scan.deepest).expect("parses");
        if let serde_json::Value::Object(m) = &v {
            let Element::Object(fields) = element else {
                return Err(TestCaseError::fail("an object"));
            };
            let rec = json_record(fields, 1);
            for (k, value) in m {
                let unique = m.keys().filter(|o| o.trim() == k.trim()).count() == 1;
                if let (true, serde_json::Value::Number(n)) = (unique, value) {
                    let read = crate::data::parse_number(rec.cell(k.trim()));
                    prop_assert_eq!(read, n.as_f64(), "{} reads back exactly", k);
                }
            }
        }
    }
}

proptest! {
    // Each case reads the 40-row fixture twice.
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_slicing_of_a_file_reads_the_same(
        cuts in proptest::collection::vec(0usize..FIXTURE.len(), 0..12),
    ) {
        let whole = import_text("epoch.csv", FIXTURE, None).expect("imports");
        let mut cuts = cuts;
        cuts.sort_unstable();
        let bytes = FIXTURE.as_bytes();
        let mut imp = Importer::new("epoch.csv", None, Limits::default()).expect("new");
        let mut from = 0;
        for c in cuts.into_iter().chain([bytes.len()]) {
            imp.feed(&bytes[from..c]).expect("feed");
            from = c;
        }
        let got = imp.finish().expect("finish");
        prop_assert_eq!(&got.dataset.models, &whole.dataset.models);
        prop_assert_eq!(got.records, whole.records);
    }

}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = import_bytes("fuzz", &bytes, None, Limits::default());
        let mut prefixed = b"Model,Publication date,Parameters\n".to_vec();
        prefixed.extend_from_slice(&bytes);
        if let Ok(imp) = import_bytes("fuzz", &prefixed, None, Limits::default()) {
            prop_assert_eq!(imp.dataset.models.len() + imp.skipped.len(), imp.records as usize);
        }
        let mut json = b"[{\"Model\":\"x\",\"Publication date\":\"2020\"},".to_vec();
        json.extend_from_slice(&bytes);
        let _ = import_bytes("fuzz.json", &json, None, Limits::default());
    }
}
