//! The dataset: its schema, the embedded CSV files, loading and validation.
//!
//! The curated files live beside this module (`src/data/*.csv`) and are compiled into the app.
//! See `src/data/README.md` for the columns and how to add a model.

mod benchmark;
mod crosscheck;
mod date;
mod hardware;
mod import;
mod load;
pub mod schema;
pub mod transfer;
mod validate;
pub mod vocab;

pub use crosscheck::{crosscheck, Disagreement, Report};
pub use date::{parse_date, Date, DatePrecision, MONTHS};
pub use hardware::{chips, parse_chips, Chip, Precision, HARDWARE_COLUMNS, HARDWARE_CSV};
pub use import::{
    detect_mapping, import_bytes, import_in_slices, import_text, limits_text, map_access,
    map_country, map_domain, map_org_type, map_task, resolve_column, slug, split_quoted, Field,
    Finished, Format, ImportError, Imported, Importer, Limits, Mapping, Progress, Schema, Session,
    LISTED_COLUMNS, MAX_FILE_BYTES, MAX_ROWS,
};
pub use load::{join_list, parse_number, split_list, CsvTable, LoadError, Row};
pub use schema::{Column, Num, Nums, Text, Texts, Unit};
pub use validate::validate;

use crate::fast_hash::FastMap;

/// How a number is known.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Confidence {
    /// Published by the model's developers.
    Reported,
    /// Derived by a third party or by us; the note says how and by whom.
    Estimated,
    /// Not disclosed.
    #[default]
    Unknown,
}

impl Confidence {
    /// Parses `reported`, `estimated` or `unknown`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "reported" => Some(Self::Reported),
            "estimated" => Some(Self::Estimated),
            "unknown" => Some(Self::Unknown),
            _ => None,
        }
    }

    /// The dataset spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reported => "reported",
            Self::Estimated => "estimated",
            Self::Unknown => "unknown",
        }
    }
}

/// A number with its provenance.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quantity {
    /// The value, if known.
    pub value: Option<f64>,
    /// How it is known.
    pub confidence: Confidence,
    /// How an estimate was made, or other remarks.
    pub note: String,
}

impl Quantity {
    /// An unknown quantity.
    pub fn unknown() -> Self {
        Self {
            value: None,
            confidence: Confidence::Unknown,
            note: String::new(),
        }
    }

    /// A quantity whose confidence follows from whether a value is present (`reported` when
    /// present). Used for imported data that carries no confidence column.
    pub fn from_value(value: Option<f64>) -> Self {
        Self {
            value,
            confidence: if value.is_some() {
                Confidence::Reported
            } else {
                Confidence::Unknown
            },
            note: String::new(),
        }
    }
}

/// One AI model. Its numbers and plain text fields are declared in [`schema`] and read with
/// [`Model::num`], [`Model::value`] and [`Model::text`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Model {
    /// Stable lowercase slug, e.g. `gpt-3`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Organization ids; the first is the lead organization.
    pub organizations: Vec<String>,
    /// First public announcement; `None` when unknown (imports only: the curated data
    /// requires a date).
    pub date: Option<Date>,
    /// How exactly `date` is known ([`DatePrecision::Unknown`] exactly when it is `None`).
    pub date_precision: DatePrecision,
    /// Items of [`vocab::TASKS`] in the curated data.
    pub tasks: Vec<String>,
    /// The numeric fields, by [`Num`].
    pub nums: Nums,
    /// The text fields, by [`Text`].
    pub texts: Texts,
    /// The line of its source file the row starts on (for error messages).
    pub source_line: u64,
}

impl Model {
    /// The year of the date, when it is known.
    pub fn year(&self) -> Option<i32> {
        self.date.map(Date::year)
    }

    /// The date as a fractional year (see [`Date::decimal_year`]), when it is known.
    pub fn decimal_year(&self) -> Option<f64> {
        self.date.map(Date::decimal_year)
    }

    /// A numeric field's quantity, to change.
    pub fn num_mut(&mut self, n: Num) -> &mut Quantity {
        self.nums.get_mut(n)
    }

    /// A text field, to change.
    pub fn text_mut(&mut self, t: Text) -> &mut String {
        self.texts.get_mut(t)
    }
}

/// An organization that builds models.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Organization {
    /// Slug, e.g. `openai`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One of [`vocab::COUNTRIES`] in the curated data.
    pub country: String,
    /// One of [`vocab::ORG_TYPES`] in the curated data.
    pub kind: String,
    /// One sentence.
    pub description: String,
    /// Home page.
    pub url: String,
    /// The line of its source file.
    pub source_line: u64,
}

/// A partnership between two organizations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partnership {
    /// First organization id.
    pub org_a: String,
    /// Second organization id.
    pub org_b: String,
    /// One of [`vocab::PARTNERSHIP_KINDS`].
    pub kind: String,
    /// What it is.
    pub note: String,
    /// Where it is stated.
    pub source_url: String,
    /// The line of its source file.
    pub source_line: u64,
}

/// One published benchmark result.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchmarkResult {
    /// The model's id.
    pub model_id: String,
    /// The benchmark's id (see [`BenchmarkInfo`]).
    pub benchmark: String,
    /// Evaluation setting, one of [`vocab::SETTINGS`].
    pub setting: String,
    /// The score.
    pub value: f64,
    /// `%` or `FID`.
    pub unit: String,
    /// `Reported` when the model's developers published it, `Estimated` when a third party
    /// measured it (the note names who).
    pub confidence: Confidence,
    /// Where the score is published.
    pub source_url: String,
    /// Remarks (table, variant).
    pub note: String,
    /// The line of its source file.
    pub source_line: u64,
}

/// What a benchmark measures.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchmarkInfo {
    /// Slug, e.g. `lambada`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One or two sentences.
    pub description: String,
    /// Whether a larger value is better.
    pub higher_is_better: bool,
    /// `%` or `FID`.
    pub unit: String,
    /// The benchmark's paper or page.
    pub url: String,
}

/// A winning entry of the ImageNet (ILSVRC) classification challenge, or the human reference.
#[derive(Clone, Debug, PartialEq)]
pub struct ChallengeEntry {
    /// Competition year (the human reference carries the year it was measured).
    pub year: i32,
    /// Entry name.
    pub entry: String,
    /// Team.
    pub team: String,
    /// Top-5 error in percent.
    pub top5_error: f64,
    /// Whether the entry used outside training data.
    pub extra_data: bool,
    /// Whether the entry was a deep neural network.
    pub deep_learning: bool,
    /// Source.
    pub source_url: String,
    /// Remarks.
    pub note: String,
}

/// An era of training-compute growth with its published doubling time.
#[derive(Clone, Debug, PartialEq)]
pub struct ComputeEra {
    /// Name of the era.
    pub era: String,
    /// Start (year or year-month, as published).
    pub start: String,
    /// End (year or year-month, as published).
    pub end: String,
    /// Lower bound of the published doubling time, months.
    pub doubling_months_low: Option<f64>,
    /// Central published doubling time, months.
    pub doubling_months_central: f64,
    /// Upper bound, months.
    pub doubling_months_high: Option<f64>,
    /// Source.
    pub source_url: String,
    /// Remarks.
    pub note: String,
}

/// A sourced figure from the atlas's brief (costs, data sizes, emissions).
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// Slug.
    pub id: String,
    /// The fact in words.
    pub fact: String,
    /// The number.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// Year it refers to.
    pub year: Option<i32>,
    /// Who published it.
    pub source_name: String,
    /// Where.
    pub source_url: String,
    /// Remarks.
    pub note: String,
    /// The models the fact concerns (`;`-separated ids in `model_ids`; empty when it concerns
    /// no single model, e.g. a chip's price).
    pub model_ids: Vec<String>,
    /// How the fact concerns those models, in words (a direct figure, a size-class
    /// illustration, a correction).
    pub context: String,
    /// The line of `facts.csv` the row starts on.
    pub source_line: u64,
}

/// The text of every dataset file, by file name.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    /// `models.csv`
    pub models: &'a str,
    /// `organizations.csv`
    pub organizations: &'a str,
    /// `partnerships.csv`
    pub partnerships: &'a str,
    /// `benchmarks.csv`
    pub benchmarks: &'a str,
    /// `benchmark_info.csv`
    pub benchmark_info: &'a str,
    /// `imagenet_challenge.csv`
    pub imagenet_challenge: &'a str,
    /// `compute_eras.csv`
    pub compute_eras: &'a str,
    /// `facts.csv`
    pub facts: &'a str,
}

/// The dataset files compiled into the app.
pub const EMBEDDED: Sources<'static> = Sources {
    models: include_str!("models.csv"),
    organizations: include_str!("organizations.csv"),
    partnerships: include_str!("partnerships.csv"),
    benchmarks: include_str!("benchmarks.csv"),
    benchmark_info: include_str!("benchmark_info.csv"),
    imagenet_challenge: include_str!("imagenet_challenge.csv"),
    compute_eras: include_str!("compute_eras.csv"),
    facts: include_str!("facts.csv"),
};

/// An immutable, loaded dataset. Views refer to models by index into `models`.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// All models, in file order.
    pub models: Vec<Model>,
    /// All organizations.
    pub organizations: Vec<Organization>,
    /// Partnerships between organizations.
    pub partnerships: Vec<Partnership>,
    /// Benchmark results (long format).
    pub benchmarks: Vec<BenchmarkResult>,
    /// Benchmark descriptions.
    pub benchmark_info: Vec<BenchmarkInfo>,
    /// ImageNet challenge winners.
    pub imagenet_challenge: Vec<ChallengeEntry>,
    /// Published compute-growth eras.
    pub compute_eras: Vec<ComputeEra>,
    /// Other sourced figures.
    pub facts: Vec<Fact>,
    org_index: FastMap<String, usize>,
}

/// A number with its provenance columns. A file without the `<column>_confidence` column (an
/// older or hand-made file) gets the confidence that follows from the value
/// ([`Quantity::from_value`]); the embedded files have every column (checked by a test).
fn quantity(row: &Row<'_>, column: &str) -> Result<Quantity, LoadError> {
    let value = row.number(column)?;
    let conf_col = format!("{column}_confidence");
    let note = row.get(&format!("{column}_note")).to_owned();
    if !row.has(&conf_col) {
        return Ok(Quantity {
            note,
            ..Quantity::from_value(value)
        });
    }
    let raw = row.get(&conf_col);
    let confidence = Confidence::parse(raw).ok_or_else(|| {
        row.error(format!(
            "{conf_col} must be reported, estimated or unknown, found {raw:?}"
        ))
    })?;
    Ok(Quantity {
        value,
        confidence,
        note,
    })
}

/// The columns a `models.csv` must have; the others of [`schema::model_columns`] read as empty
/// when absent.
pub const REQUIRED_MODEL_COLUMNS: &[&str] = &["id", "name", "organizations", "date"];

/// Parses a `models.csv` in the atlas's own schema, failing on the first bad row.
pub fn parse_models(file: &str, text: &str) -> Result<Vec<Model>, LoadError> {
    let table = CsvTable::parse(file, text)?;
    table.require(REQUIRED_MODEL_COLUMNS)?;
    table.rows().map(|row| model_from_row(&row)).collect()
}

/// Converts one row of the atlas's own model schema.
pub fn model_from_row(row: &Row<'_>) -> Result<Model, LoadError> {
    let raw_date = row.required("date")?;
    let date = Date::parse_iso(raw_date)
        .ok_or_else(|| row.error(format!("date must be YYYY-MM-DD, found {raw_date:?}")))?;
    let raw_precision = row.get("date_precision");
    let date_precision = if raw_precision.is_empty() {
        DatePrecision::Day
    } else {
        DatePrecision::parse(raw_precision)
            .filter(|&p| p != DatePrecision::Unknown)
            .ok_or_else(|| {
                row.error(format!(
                    "date_precision must be day, month or year, found {raw_precision:?}"
                ))
            })?
    };
    let mut m = Model {
        id: row.required("id")?.to_owned(),
        name: row.required("name")?.to_owned(),
        organizations: row.list("organizations"),
        date: Some(date),
        date_precision,
        tasks: row.list("tasks"),
        nums: Nums::default(),
        texts: Texts::default(),
        source_line: row.line(),
    };
    for &n in Num::ALL {
        *m.num_mut(n) = quantity(row, n.def().column)?;
    }
    for &t in Text::ALL {
        *m.text_mut(t) = row.get(t.def().column).to_owned();
    }
    Ok(m)
}

fn parse_with<T>(
    file: &str,
    text: &str,
    columns: &[&str],
    convert: impl Fn(&Row<'_>) -> Result<T, LoadError>,
) -> Result<Vec<T>, LoadError> {
    let table = CsvTable::parse(file, text)?;
    table.require(columns)?;
    table.rows().map(|row| convert(&row)).collect()
}

fn yes_no(row: &Row<'_>, column: &str) -> Result<bool, LoadError> {
    match row.get(column) {
        "yes" | "true" => Ok(true),
        "no" | "false" | "" => Ok(false),
        other => Err(row.error(format!("{column} must be yes or no, found {other:?}"))),
    }
}

/// A result's confidence: `reported` or `estimated` (a file without the column: `reported`).
fn benchmark_confidence(row: &Row<'_>) -> Result<Confidence, LoadError> {
    if !row.has("confidence") {
        return Ok(Confidence::Reported);
    }
    match Confidence::parse(row.get("confidence")) {
        Some(c @ (Confidence::Reported | Confidence::Estimated)) => Ok(c),
        _ => Err(row.error(format!(
            "confidence must be reported or estimated, found {:?}",
            row.get("confidence")
        ))),
    }
}

fn required_number(row: &Row<'_>, column: &str) -> Result<f64, LoadError> {
    row.number(column)?
        .ok_or_else(|| row.error(format!("{column} is empty")))
}

impl Dataset {
    /// Parses every file, failing on the first bad row (file, line, reason). Call
    /// [`validate`] for the dataset's rules (vocabularies, references, ranges).
    pub fn parse(src: &Sources<'_>) -> Result<Self, LoadError> {
        let models = parse_models("models.csv", src.models)?;
        let organizations = parse_with(
            "organizations.csv",
            src.organizations,
            &["id", "name", "country", "type", "description", "url"],
            |r| {
                Ok(Organization {
                    id: r.required("id")?.to_owned(),
                    name: r.required("name")?.to_owned(),
                    country: r.get("country").to_owned(),
                    kind: r.get("type").to_owned(),
                    description: r.get("description").to_owned(),
                    url: r.get("url").to_owned(),
                    source_line: r.line(),
                })
            },
        )?;
        let partnerships = parse_with(
            "partnerships.csv",
            src.partnerships,
            &["org_a", "org_b", "kind", "note", "source_url"],
            |r| {
                Ok(Partnership {
                    org_a: r.required("org_a")?.to_owned(),
                    org_b: r.required("org_b")?.to_owned(),
                    kind: r.get("kind").to_owned(),
                    note: r.get("note").to_owned(),
                    source_url: r.get("source_url").to_owned(),
                    source_line: r.line(),
                })
            },
        )?;
        let benchmarks = parse_with(
            "benchmarks.csv",
            src.benchmarks,
            &[
                "model_id",
                "benchmark",
                "setting",
                "value",
                "unit",
                "source_url",
                "note",
            ],
            |r| {
                Ok(BenchmarkResult {
                    model_id: r.required("model_id")?.to_owned(),
                    benchmark: r.required("benchmark")?.to_owned(),
                    setting: r.get("setting").to_owned(),
                    value: required_number(r, "value")?,
                    unit: r.get("unit").to_owned(),
                    confidence: benchmark_confidence(r)?,
                    source_url: r.get("source_url").to_owned(),
                    note: r.get("note").to_owned(),
                    source_line: r.line(),
                })
            },
        )?;
        let benchmark_info = parse_with(
            "benchmark_info.csv",
            src.benchmark_info,
            &[
                "id",
                "name",
                "description",
                "higher_is_better",
                "unit",
                "url",
            ],
            |r| {
                Ok(BenchmarkInfo {
                    id: r.required("id")?.to_owned(),
                    name: r.required("name")?.to_owned(),
                    description: r.get("description").to_owned(),
                    higher_is_better: yes_no(r, "higher_is_better")?,
                    unit: r.get("unit").to_owned(),
                    url: r.get("url").to_owned(),
                })
            },
        )?;
        let imagenet_challenge = parse_with(
            "imagenet_challenge.csv",
            src.imagenet_challenge,
            &[
                "year",
                "entry",
                "team",
                "top5_error",
                "extra_data",
                "deep_learning",
                "source_url",
                "note",
            ],
            |r| {
                let year = required_number(r, "year")?;
                Ok(ChallengeEntry {
                    year: year_of(r, year)?,
                    entry: r.get("entry").to_owned(),
                    team: r.get("team").to_owned(),
                    top5_error: required_number(r, "top5_error")?,
                    extra_data: yes_no(r, "extra_data")?,
                    deep_learning: yes_no(r, "deep_learning")?,
                    source_url: r.get("source_url").to_owned(),
                    note: r.get("note").to_owned(),
                })
            },
        )?;
        let compute_eras = parse_with(
            "compute_eras.csv",
            src.compute_eras,
            &[
                "era",
                "start",
                "end",
                "doubling_months_low",
                "doubling_months_central",
                "doubling_months_high",
                "source_url",
                "note",
            ],
            |r| {
                Ok(ComputeEra {
                    era: r.required("era")?.to_owned(),
                    start: r.get("start").to_owned(),
                    end: r.get("end").to_owned(),
                    doubling_months_low: r.number("doubling_months_low")?,
                    doubling_months_central: required_number(r, "doubling_months_central")?,
                    doubling_months_high: r.number("doubling_months_high")?,
                    source_url: r.get("source_url").to_owned(),
                    note: r.get("note").to_owned(),
                })
            },
        )?;
        let facts = parse_with(
            "facts.csv",
            src.facts,
            &[
                "id",
                "fact",
                "value",
                "unit",
                "year",
                "source_name",
                "source_url",
                "note",
            ],
            |r| {
                let year = match r.number("year")? {
                    Some(y) => Some(year_of(r, y)?),
                    None => None,
                };
                Ok(Fact {
                    id: r.required("id")?.to_owned(),
                    fact: r.required("fact")?.to_owned(),
                    value: required_number(r, "value")?,
                    unit: r.get("unit").to_owned(),
                    year,
                    source_name: r.get("source_name").to_owned(),
                    source_url: r.get("source_url").to_owned(),
                    note: r.get("note").to_owned(),
                    model_ids: r
                        .get("model_ids")
                        .split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    context: r.get("context").to_owned(),
                    source_line: r.line(),
                })
            },
        )?;
        Ok(Self::from_parts(
            models,
            organizations,
            partnerships,
            benchmarks,
            benchmark_info,
            imagenet_challenge,
            compute_eras,
            facts,
        ))
    }

    /// Builds a dataset from loaded parts (indexes organizations by id).
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        models: Vec<Model>,
        organizations: Vec<Organization>,
        partnerships: Vec<Partnership>,
        benchmarks: Vec<BenchmarkResult>,
        benchmark_info: Vec<BenchmarkInfo>,
        imagenet_challenge: Vec<ChallengeEntry>,
        compute_eras: Vec<ComputeEra>,
        facts: Vec<Fact>,
    ) -> Self {
        let mut org_index = FastMap::default();
        for (i, o) in organizations.iter().enumerate() {
            org_index.entry(o.id.clone()).or_insert(i);
        }
        Self {
            models,
            organizations,
            partnerships,
            benchmarks,
            benchmark_info,
            imagenet_challenge,
            compute_eras,
            facts,
            org_index,
        }
    }

    /// A dataset of just models and their organizations (imports, tests, benchmarks).
    pub fn from_models(models: Vec<Model>, organizations: Vec<Organization>) -> Self {
        Self::from_parts(
            models,
            organizations,
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        )
    }

    /// Parses and validates the embedded dataset.
    pub fn embedded() -> Result<Self, LoadError> {
        let ds = Self::parse(&EMBEDDED)?;
        validate(&ds, None)?;
        Ok(ds)
    }

    /// Adds organizations (an import's, as they arrive); an id already known keeps its first
    /// organization, as in [`Dataset::from_parts`].
    pub fn add_organizations(&mut self, organizations: Vec<Organization>) {
        for o in organizations {
            let i = self.organizations.len();
            self.org_index.entry(o.id.clone()).or_insert(i);
            self.organizations.push(o);
        }
    }

    /// The place of the organization with this id in [`Dataset::organizations`].
    pub fn organization_place(&self, id: &str) -> Option<usize> {
        self.org_index.get(id).copied()
    }

    /// The organization with this id.
    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.org_index
            .get(id)
            .and_then(|&i| self.organizations.get(i))
    }

    /// The model's organizations' display names, joined with ", " (unknown ids as written).
    pub fn organization_names(&self, model: &Model) -> String {
        model
            .organizations
            .iter()
            .map(|id| {
                self.organization(id)
                    .map_or(id.as_str(), |o| o.name.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The model's country: its lead organization's ("" when unknown).
    pub fn country(&self, model: &Model) -> &str {
        model
            .organizations
            .first()
            .and_then(|id| self.organization(id))
            .map_or("", |o| o.country.as_str())
    }

    /// The type of the model's lead organization ("" when unknown).
    pub fn org_type(&self, model: &Model) -> &str {
        model
            .organizations
            .first()
            .and_then(|id| self.organization(id))
            .map_or("", |o| o.kind.as_str())
    }
}

fn year_of(row: &Row<'_>, y: f64) -> Result<i32, LoadError> {
    if y.fract() == 0.0 && (1000.0..=9999.0).contains(&y) {
        // In range and whole, so the conversion is exact.
        Ok(y as i32)
    } else {
        Err(row.error(format!("not a year: {y}")))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod fixture;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
