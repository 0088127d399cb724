//! Importing other people's model tables, CSV or JSON, into a [`Dataset`].
//!
//! Pure Rust (no web APIs): the browser feeds the file in slices to an [`Importer`] and yields
//! between slices, so the page never freezes; native tests call [`import_text`].
//!
//! # What is read
//!
//! * **CSV** (comma-separated, RFC 4180 quoting, UTF-8 with or without a byte-order mark).
//!   The header is read by the project's CSV reader, [`CsvTable`]; the records are read in
//!   one pass in the same dialect (`load::csv_reader`, the engine under [`CsvTable`]), so that a
//!   slice is cut only between records and a record whose field count differs from the
//!   header's is skipped and listed instead of failing the file. The mapping is resolved once
//!   to column positions, and values that recur (organizations, tasks, domain, access,
//!   country) are mapped once per distinct text.
//! * **JSON**: an array of objects (the atlas's own JSON export is one), read element by
//!   element by a small strict JSON reader that keeps each number's text, so numbers read back
//!   exactly. An array value is a list (organizations, tasks); a nested object is kept as text.
//!
//! # Three schemas ([`Schema`])
//!
//! * **Atlas**: the atlas's own `models.csv` columns plus the export's `organization_names`,
//!   `country` and `org_type` ([`super::schema::atlas_columns`]). Values are taken as they are, so an export
//!   re-imports exactly. In CSV, a text cell the export neutralized against formula injection
//!   (a leading `'`, see `crate::export`) has that one `'` removed again; this is done only for
//!   the atlas's own CSV schema, never for other files, where a leading `'` is data.
//! * **Epoch**: Epoch AI's "Data on AI Models" exports, recognized by their column names
//!   (`Model`, `Publication date` and at least two names only Epoch uses, such as
//!   `Training compute (FLOP)` or `Model accessibility`). Values are mapped to the atlas's vocabularies where the
//!   mapping is clear ([`map_domain`], [`map_task`], [`map_access`], [`map_country`],
//!   [`map_org_type`]) and kept as they are otherwise; imports are not held to the curated
//!   vocabularies and are not validated.
//! * **Custom**: any other table. [`detect_mapping`] guesses which column fills which atlas
//!   [`Field`]; the user corrects the guess in the mapping dialog.
//!
//! # Confidence of imported numbers
//!
//! * Atlas schema: the `*_confidence` columns, as written.
//! * Epoch: every number Epoch gives becomes `estimated`, with the note
//!   "Epoch AI, confidence: Likely." followed by Epoch's own note for that column. Epoch's
//!   `Confidence` rates the row's figures, and even "Confident" parameter counts are often Epoch's
//!   own counts from an architecture description rather than a figure the developers published,
//!   so the atlas's `reported` (published by the developers) cannot be claimed per value.
//!   Numbers Epoch leaves empty are `unknown`.
//! * Custom: a mapped per-number confidence column is read (`reported`, `estimated`,
//!   `unknown`, or Epoch's words, which mean `estimated`); a mapped row-wide confidence column
//!   works like Epoch's; without either, a given number is `reported` as the file states it,
//!   with the note "As given in FILE (no confidence column)."
//!
//! # Bad input
//!
//! Malformed rows (wrong field count, a malformed JSON element, an empty name or date, a date
//! not understood) are skipped and listed in [`Imported::skipped`] with their line and reason;
//! the rest loads. A number that is not one (Epoch has a few cells such as
//! `2260275840, 2290000001`) does not cost the row: the value is left empty, its text goes into
//! the note, and it is listed in [`Imported::problems`]. A file that is empty, not text, not a
//! table, has no usable column, exceeds [`Limits`], or yields no row gets one [`ImportError`]
//! with a clear message.
//!
//! Dates: see [`parse_date`]. Numbers: plain, scientific (`3.1e23`) or with thousands
//! separators (`1,500,000`); an empty cell is unknown. Text cells are trimmed, as the loader
//! does for every file.

use crate::data::{Num, Nums, Text, Texts};
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::hash::BuildHasher;

use super::load::csv_reader;
use super::{
    parse_number, split_list, Confidence, CsvTable, Dataset, Date, DatePrecision, LoadError, Model,
    Organization, Quantity,
};
use crate::fast_hash::{FastBuild, FastMap};

/// The largest file the importer reads: 512 MiB.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The most data rows the importer reads: 1,000,000.
pub const MAX_ROWS: u64 = 1_000_000;

/// Size limits, enforced with an [`ImportError`] rather than a crash or a frozen tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file, in bytes.
    pub max_bytes: u64,
    /// The most data rows (good and malformed together).
    pub max_rows: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: MAX_FILE_BYTES,
            max_rows: MAX_ROWS,
        }
    }
}

/// The limits in words, for the UI and error messages.
pub fn limits_text() -> String {
    format!(
        "CSV or JSON, up to {} MB and {} rows",
        MAX_FILE_BYTES / (1024 * 1024),
        crate::format::thousands(MAX_ROWS)
    )
}

/// The file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// A JSON array of objects.
    Json,
}

impl Format {
    /// `CSV` or `JSON`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Csv => "CSV",
            Self::Json => "JSON",
        }
    }
}

/// Which column names a file uses, which decides how its values are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schema {
    /// The atlas's own columns (its export, or a `models.csv`): read exactly.
    Atlas,
    /// Epoch AI's "Data on AI Models" export.
    Epoch,
    /// Anything else; columns are mapped by the user.
    Custom,
}

impl Schema {
    /// A short description.
    pub fn label(self) -> &'static str {
        match self {
            Self::Atlas => "Model Atlas export",
            Self::Epoch => "Epoch AI export",
            Self::Custom => "custom columns",
        }
    }
}

/// An atlas field that a column of an imported file can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Model name (required).
    Name,
    /// Publication date (required).
    Date,
    /// Organization names, lead first.
    Organizations,
    /// Country of each organization (or of the lead organization).
    Country,
    /// Type of each organization (or of the lead organization).
    OrgType,
    /// Domain.
    Domain,
    /// Tasks.
    Tasks,
    /// Architecture.
    Architecture,
    /// Total parameters.
    Parameters,
    /// Note on the parameter count.
    ParametersNote,
    /// Confidence of the parameter count.
    ParametersConfidence,
    /// Training compute, FLOP.
    TrainingCompute,
    /// Note on the training compute.
    TrainingComputeNote,
    /// Confidence of the training compute.
    TrainingComputeConfidence,
    /// Training tokens (or datapoints).
    TrainingTokens,
    /// Note on the training tokens.
    TrainingTokensNote,
    /// Confidence of the training tokens.
    TrainingTokensConfidence,
    /// One confidence rating for all of the row's numbers (Epoch's `Confidence`).
    Confidence,
    /// Parameters active per token.
    ActiveParameters,
    /// Training data, in words.
    TrainingDataset,
    /// Training hardware.
    Hardware,
    /// Number of training chips.
    HardwareCount,
    /// Training time in days.
    TrainingDays,
    /// Training time in hours (converted to days).
    TrainingHours,
    /// Access.
    Access,
    /// Licence.
    License,
    /// Description.
    Description,
    /// Source URL.
    SourceUrl,
    /// Model id (slug); made from the name when absent.
    Id,
    /// Organization ids (the atlas export's `organizations`).
    OrganizationIds,
    /// Date precision (`day`, `month`, `year`).
    DatePrecision,
    /// Note on the date.
    DateNote,
    /// The model's name in Epoch AI's data.
    EpochName,
}

impl Field {
    /// Every field, in the mapping dialog's order.
    pub const ALL: [Field; 33] = [
        Field::Name,
        Field::Date,
        Field::Organizations,
        Field::Country,
        Field::OrgType,
        Field::Domain,
        Field::Tasks,
        Field::Architecture,
        Field::Parameters,
        Field::ParametersNote,
        Field::ParametersConfidence,
        Field::TrainingCompute,
        Field::TrainingComputeNote,
        Field::TrainingComputeConfidence,
        Field::TrainingTokens,
        Field::TrainingTokensNote,
        Field::TrainingTokensConfidence,
        Field::Confidence,
        Field::ActiveParameters,
        Field::TrainingDataset,
        Field::Hardware,
        Field::HardwareCount,
        Field::TrainingDays,
        Field::TrainingHours,
        Field::Access,
        Field::License,
        Field::Description,
        Field::SourceUrl,
        Field::Id,
        Field::OrganizationIds,
        Field::DatePrecision,
        Field::DateNote,
        Field::EpochName,
    ];

    /// The label in the mapping dialog.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Model name",
            Field::Date => "Publication date",
            Field::Organizations => "Organizations",
            Field::Country => "Country",
            Field::OrgType => "Organization type",
            Field::Domain => "Domain",
            Field::Tasks => "Tasks",
            Field::Architecture => "Architecture",
            Field::Parameters => "Parameters",
            Field::ParametersNote => "Parameters: note",
            Field::ParametersConfidence => "Parameters: confidence",
            Field::TrainingCompute => "Training compute (FLOP)",
            Field::TrainingComputeNote => "Training compute: note",
            Field::TrainingComputeConfidence => "Training compute: confidence",
            Field::TrainingTokens => "Training tokens / datapoints",
            Field::TrainingTokensNote => "Training tokens: note",
            Field::TrainingTokensConfidence => "Training tokens: confidence",
            Field::Confidence => "Confidence of the row's numbers",
            Field::ActiveParameters => "Active parameters",
            Field::TrainingDataset => "Training data",
            Field::Hardware => "Hardware",
            Field::HardwareCount => "Number of chips",
            Field::TrainingDays => "Training time (days)",
            Field::TrainingHours => "Training time (hours)",
            Field::Access => "Access",
            Field::License => "Licence",
            Field::Description => "Description",
            Field::SourceUrl => "Source URL",
            Field::Id => "Id",
            Field::OrganizationIds => "Organization ids",
            Field::DatePrecision => "Date precision",
            Field::DateNote => "Date note",
            Field::EpochName => "Name in Epoch AI's data",
        }
    }

    /// The column name in the atlas's own schema (`None` for fields it does not have).
    pub fn atlas_column(self) -> Option<&'static str> {
        Some(match self {
            Field::Name => "name",
            Field::Date => "date",
            Field::Organizations => "organization_names",
            Field::Country => "country",
            Field::OrgType => "org_type",
            Field::Domain => "domain",
            Field::Tasks => "tasks",
            Field::Architecture => "architecture",
            Field::Parameters => "parameters",
            Field::ParametersNote => "parameters_note",
            Field::ParametersConfidence => "parameters_confidence",
            Field::TrainingCompute => "training_compute_flop",
            Field::TrainingComputeNote => "training_compute_flop_note",
            Field::TrainingComputeConfidence => "training_compute_flop_confidence",
            Field::TrainingTokens => "training_tokens",
            Field::TrainingTokensNote => "training_tokens_note",
            Field::TrainingTokensConfidence => "training_tokens_confidence",
            Field::ActiveParameters => "active_parameters",
            Field::TrainingDataset => "training_dataset",
            Field::Hardware => "hardware",
            Field::HardwareCount => "hardware_count",
            Field::TrainingDays => "training_days",
            Field::Access => "access",
            Field::License => "license",
            Field::Description => "description",
            Field::SourceUrl => "source_url",
            Field::Id => "id",
            Field::OrganizationIds => "organizations",
            Field::DatePrecision => "date_precision",
            Field::DateNote => "date_note",
            Field::EpochName => "epoch_name",
            Field::Confidence | Field::TrainingHours => return None,
        })
    }

    /// Whether a model cannot be built without it.
    pub fn is_required(self) -> bool {
        matches!(self, Field::Name | Field::Date)
    }
}

/// Which column of a file fills which atlas field, and how values are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// How values are read.
    pub schema: Schema,
    columns: BTreeMap<Field, String>,
}

impl Mapping {
    /// An empty mapping.
    pub fn new(schema: Schema) -> Self {
        Self {
            schema,
            columns: BTreeMap::new(),
        }
    }

    /// The column that fills `field`.
    pub fn column(&self, field: Field) -> Option<&str> {
        self.columns.get(&field).map(String::as_str)
    }

    /// Sets (or, with `None` or an empty name, clears) the column for `field`.
    pub fn set(&mut self, field: Field, column: Option<&str>) {
        match column.filter(|c| !c.is_empty()) {
            Some(c) => {
                self.columns.insert(field, c.to_owned());
            }
            None => {
                self.columns.remove(&field);
            }
        }
    }

    /// The mapped fields with their columns.
    pub fn fields(&self) -> impl Iterator<Item = (Field, &str)> {
        self.columns.iter().map(|(f, c)| (*f, c.as_str()))
    }

    /// The required fields that have no column.
    pub fn missing_required(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| f.is_required() && !self.columns.contains_key(f))
            .collect()
    }
}

/// Lower-cases and keeps only letters and digits: `Publication date` → `publicationdate`.
fn normalize_header(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Epoch AI's column names, per field (2025 and 2026 exports).
const EPOCH_COLUMNS: &[(Field, &[&str])] = &[
    (Field::Name, &["Model"]),
    (Field::EpochName, &["Model"]),
    (Field::Organizations, &["Organization"]),
    (Field::Date, &["Publication date"]),
    (Field::Domain, &["Domain"]),
    (Field::Tasks, &["Task"]),
    (Field::Parameters, &["Parameters"]),
    (Field::ParametersNote, &["Parameters notes"]),
    (Field::TrainingCompute, &["Training compute (FLOP)"]),
    (Field::TrainingComputeNote, &["Training compute notes"]),
    (
        Field::TrainingTokens,
        &[
            "Training dataset size (total)",
            "(DEPRECATED) Training dataset size (datapoints)",
            "Training dataset size (datapoints)",
        ],
    ),
    (Field::TrainingTokensNote, &["Dataset size notes"]),
    (Field::TrainingDataset, &["Training dataset"]),
    (Field::Confidence, &["Confidence"]),
    (Field::Access, &["Model accessibility"]),
    (Field::Country, &["Country (of organization)"]),
    (Field::OrgType, &["Organization categorization"]),
    (Field::SourceUrl, &["Link"]),
    (Field::Description, &["Reference"]),
    (Field::Hardware, &["Training hardware"]),
    (Field::HardwareCount, &["Hardware quantity"]),
    (Field::TrainingHours, &["Training time (hours)"]),
];

/// Normalized header names that suggest a field in other files.
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &["model", "modelname", "name", "system", "systemname"],
    ),
    (
        Field::Date,
        &[
            "date",
            "publicationdate",
            "releasedate",
            "published",
            "release",
            "released",
            "announced",
            "announcementdate",
            "year",
            "publicationyear",
        ],
    ),
    (
        Field::Organizations,
        &[
            "organization",
            "organizations",
            "organisation",
            "organisations",
            "organizationnames",
            "org",
            "orgs",
            "developer",
            "developers",
            "company",
            "lab",
            "creator",
        ],
    ),
    (
        Field::Country,
        &["country", "countries", "countryoforganization"],
    ),
    (
        Field::OrgType,
        &[
            "orgtype",
            "organizationtype",
            "organisationtype",
            "organizationcategorization",
            "sector",
        ],
    ),
    (Field::Domain, &["domain", "domains", "modality"]),
    (Field::Tasks, &["task", "tasks", "capabilities"]),
    (Field::Architecture, &["architecture", "arch"]),
    (
        Field::Parameters,
        &[
            "parameters",
            "params",
            "parametercount",
            "numparameters",
            "nparams",
            "totalparameters",
        ],
    ),
    (
        Field::TrainingCompute,
        &[
            "trainingcomputeflop",
            "trainingcompute",
            "compute",
            "computeflop",
            "flop",
            "flops",
            "trainingflop",
            "trainingflops",
        ],
    ),
    (
        Field::TrainingTokens,
        &[
            "trainingtokens",
            "tokens",
            "trainingdatasetsize",
            "trainingdatasetsizetotal",
            "trainingdatasetsizedatapoints",
            "deprecatedtrainingdatasetsizedatapoints",
            "datasetsize",
            "datapoints",
        ],
    ),
    (Field::Confidence, &["confidence"]),
    (
        Field::ActiveParameters,
        &["activeparameters", "activeparams"],
    ),
    (
        Field::TrainingDataset,
        &["trainingdataset", "trainingdata", "dataset"],
    ),
    (
        Field::Hardware,
        &["hardware", "traininghardware", "chip", "accelerator"],
    ),
    (
        Field::HardwareCount,
        &[
            "hardwarecount",
            "hardwarequantity",
            "chips",
            "gpus",
            "numchips",
            "numgpus",
        ],
    ),
    (
        Field::TrainingDays,
        &["trainingdays", "trainingtimedays", "days"],
    ),
    (
        Field::TrainingHours,
        &["trainingtimehours", "traininghours", "hours"],
    ),
    (
        Field::Access,
        &[
            "access",
            "accessibility",
            "modelaccessibility",
            "availability",
        ],
    ),
    (Field::License, &["license", "licence"]),
    (Field::Description, &["description", "summary"]),
    (
        Field::SourceUrl,
        &[
            "sourceurl",
            "link",
            "url",
            "source",
            "paper",
            "paperurl",
            "website",
        ],
    ),
    (Field::Id, &["id", "modelid", "slug"]),
];

fn is_atlas_schema(headers: &[String]) -> bool {
    let present: HashSet<&str> = headers
        .iter()
        .map(String::as_str)
        .filter(|h| !h.is_empty())
        .collect();
    let atlas = super::schema::atlas_columns();
    !present.is_empty()
        && present.iter().all(|h| atlas.iter().any(|c| c == h))
        && present.contains("id")
        && present.contains("name")
}

/// Column names only Epoch AI's exports use; two of them (with `Model` and
/// `Publication date`) identify one, so that another file that happens to have a `Model`
/// column is not credited to Epoch.
const EPOCH_MARKERS: &[&str] = &[
    "Training compute (FLOP)",
    "Training compute notes",
    "Parameters notes",
    "Model accessibility",
    "Country (of organization)",
    "Organization categorization",
    "Training dataset size (total)",
    "(DEPRECATED) Training dataset size (datapoints)",
    "Dataset size notes",
    "Notability criteria",
    "Training time (hours)",
    "Hardware quantity",
];

fn is_epoch_schema(headers: &[String]) -> bool {
    let norm: HashSet<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let markers = EPOCH_MARKERS
        .iter()
        .filter(|m| norm.contains(&normalize_header(m)))
        .count();
    norm.contains("model") && norm.contains("publicationdate") && markers >= 2
}

/// Guesses the mapping from a file's header names: the atlas's own schema and Epoch AI's
/// column names are recognized exactly; other files get guesses from common names, and a
/// `<column> notes` / `<column> confidence` beside a mapped number becomes its note or
/// confidence.
pub fn detect_mapping(headers: &[String]) -> Mapping {
    if is_atlas_schema(headers) {
        let mut m = Mapping::new(Schema::Atlas);
        for f in Field::ALL {
            if let Some(col) = f.atlas_column() {
                if headers.iter().any(|h| h == col) {
                    m.set(f, Some(col));
                }
            }
        }
        return m;
    }
    let find = |name: &str| {
        let n = normalize_header(name);
        headers.iter().find(|h| normalize_header(h) == n).cloned()
    };
    if is_epoch_schema(headers) {
        let mut m = Mapping::new(Schema::Epoch);
        for (field, names) in EPOCH_COLUMNS {
            if let Some(col) = names.iter().find_map(|n| find(n)) {
                m.set(*field, Some(&col));
            }
        }
        return m;
    }
    let mut m = Mapping::new(Schema::Custom);
    let mut used: HashSet<String> = HashSet::new();
    // Exact names first (synonyms and the atlas's own column names).
    for f in Field::ALL {
        let mut names: Vec<String> = SYNONYMS
            .iter()
            .filter(|(g, _)| *g == f)
            .flat_map(|(_, n)| n.iter().map(|s| (*s).to_owned()))
            .collect();
        if let Some(a) = f.atlas_column() {
            names.push(normalize_header(a));
        }
        if let Some(h) = headers
            .iter()
            .find(|h| !used.contains(*h) && names.contains(&normalize_header(h)))
        {
            used.insert(h.clone());
            m.set(f, Some(h));
        }
    }
    // Looser guesses for the fields that matter most.
    let loose: [(Field, &[&str], &[&str]); 4] = [
        (Field::Name, &["model", "name"], &["id", "note", "org"]),
        (Field::Date, &["date", "year"], &["note", "precision"]),
        (
            Field::Parameters,
            &["param"],
            &["note", "active", "confidence"],
        ),
        (
            Field::TrainingCompute,
            &["compute", "flop"],
            &["note", "confidence", "cost", "finetun"],
        ),
    ];
    for (f, want, avoid) in loose {
        if m.column(f).is_some() {
            continue;
        }
        if let Some(h) = headers.iter().find(|h| {
            let n = normalize_header(h);
            !used.contains(*h)
                && !n.is_empty()
                && want.iter().any(|w| n.contains(w))
                && !avoid.iter().any(|a| n.contains(a))
        }) {
            used.insert(h.clone());
            m.set(f, Some(h));
        }
    }
    // Notes and confidences beside mapped numbers.
    let pairs = [
        (
            Field::Parameters,
            Field::ParametersNote,
            Field::ParametersConfidence,
        ),
        (
            Field::TrainingCompute,
            Field::TrainingComputeNote,
            Field::TrainingComputeConfidence,
        ),
        (
            Field::TrainingTokens,
            Field::TrainingTokensNote,
            Field::TrainingTokensConfidence,
        ),
    ];
    for (value, note, conf) in pairs {
        let Some(col) = m.column(value).map(str::to_owned) else {
            continue;
        };
        let base = normalize_header(strip_parenthesized(&col));
        for (target, suffixes) in [
            (note, ["note", "notes"]),
            (conf, ["confidence", "confidence"]),
        ] {
            if m.column(target).is_some() {
                continue;
            }
            if let Some(h) = headers.iter().find(|h| {
                let n = normalize_header(h);
                !used.contains(*h) && suffixes.iter().any(|s| n == format!("{base}{s}"))
            }) {
                used.insert(h.clone());
                m.set(target, Some(h));
            }
        }
    }
    m
}

/// `Training compute (FLOP)` → `Training compute`; `(DEPRECATED) X` → `X`.
fn strip_parenthesized(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_prefix("(DEPRECATED)").unwrap_or(s).trim();
    match s.find(" (") {
        Some(i) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// Why a file could not be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The file has no content.
    Empty,
    /// The file is not text (binary, an archive, UTF-16); says what it looks like.
    NotText(String),
    /// The file is text but not a table the atlas reads; says why.
    NotTable(String),
    /// The file is larger than the limit.
    TooLarge {
        /// The file's size (at least this many bytes).
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// The file has more rows than the limit.
    TooManyRows {
        /// The limit.
        max: u64,
    },
    /// No column can fill a model's name and date; says what the file has.
    NoUsableColumn(String),
    /// Not a single row could be read; the skipped rows say why.
    NoRows {
        /// Every malformed row with its line and reason.
        skipped: Vec<LoadError>,
    },
}

impl ImportError {
    /// The rows that were skipped (only [`ImportError::NoRows`] has any).
    pub fn skipped(&self) -> &[LoadError] {
        match self {
            Self::NoRows { skipped } => skipped,
            _ => &[],
        }
    }
}

fn megabytes(bytes: u64) -> String {
    // Display only; precision loss above 2^53 bytes is irrelevant.
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb < 10.0 {
        format!("{mb:.1} MB")
    } else {
        format!("{mb:.0} MB")
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "The file is empty."),
            Self::NotText(what) => write!(
                f,
                "This file is not a CSV or JSON text file ({what}). Open a CSV or JSON file."
            ),
            Self::NotTable(why) => write!(f, "This file is not a table the atlas can read: {why}."),
            Self::TooLarge { bytes, max } => write!(
                f,
                "The file is too large ({}); the atlas opens files up to {}.",
                megabytes(*bytes),
                megabytes(*max)
            ),
            Self::TooManyRows { max } => write!(
                f,
                "The file has more than {} rows; the atlas opens at most {} rows.",
                crate::format::thousands(*max),
                crate::format::thousands(*max)
            ),
            Self::NoUsableColumn(what) => write!(f, "No usable column: {what}."),
            Self::NoRows { skipped } if skipped.is_empty() => {
                write!(f, "The file has a header but no data rows.")
            }
            Self::NoRows { skipped } => write!(
                f,
                "No row could be read: all {} rows are malformed (first: {}).",
                skipped.len(),
                skipped.first().map(|e| e.to_string()).unwrap_or_default()
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// An imported file.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The models and their organizations (no benchmarks or other tables).
    pub dataset: Dataset,
    /// Malformed rows that were skipped, with line and reason.
    pub skipped: Vec<LoadError>,
    /// Values that could not be read (a number that is not one): left empty, row kept.
    pub problems: Vec<LoadError>,
    /// The mapping that was used.
    pub mapping: Mapping,
    /// CSV or JSON.
    pub format: Format,
    /// Data rows in the file (loaded + skipped).
    pub records: u64,
    /// Remarks about the whole file (e.g. invalid UTF-8 replaced, a truncated JSON array).
    pub notices: Vec<String>,
}

/// How far an [`Importer`] has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes fed so far.
    pub bytes: u64,
    /// Data rows read so far (loaded + skipped + waiting for the mapping).
    pub records: u64,
    /// Models built so far.
    pub loaded: usize,
    /// Rows skipped so far.
    pub skipped: usize,
    /// Values left empty so far because they could not be read.
    pub problems: usize,
}

/// How many [`Field`]s there are.
const FIELDS: usize = Field::ALL.len();

/// A mapping resolved once for a batch of rows: per [`Field`], the name of its column and,
/// in a CSV file, the column's position in the header (the first column of that name).
struct Columns<'a> {
    names: [Option<&'a str>; FIELDS],
    positions: [Option<usize>; FIELDS],
}

impl<'a> Columns<'a> {
    fn new(mapping: &'a Mapping, headers: &[String]) -> Self {
        let mut names = [None; FIELDS];
        let mut positions = [None; FIELDS];
        for (f, column) in mapping.fields() {
            if let Some(n) = names.get_mut(f as usize) {
                *n = Some(column);
            }
            if let Some(p) = positions.get_mut(f as usize) {
                *p = headers.iter().position(|h| h == column);
            }
        }
        Self { names, positions }
    }

    /// The column that fills `f`.
    fn name(&self, f: Field) -> Option<&'a str> {
        self.names.get(f as usize).copied().flatten()
    }

    /// The position of the column that fills `f` in a CSV header.
    fn position(&self, f: Field) -> Option<usize> {
        self.positions.get(f as usize).copied().flatten()
    }
}

/// `s.trim()`, with a shortcut for the common cell that starts and ends with a visible ASCII
/// character (and so has nothing to trim).
fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    let b = s.as_bytes();
    if visible(b.first()) && visible(b.last()) {
        s
    } else {
        s.trim()
    }
}

/// A row of an imported file.
trait Record {
    /// The trimmed text of the column that fills `f` ("" when unmapped or absent).
    fn get(&self, columns: &Columns<'_>, f: Field) -> &str;
    /// The line the row starts on.
    fn line(&self) -> u64;
    /// The items of a column that holds a real list (a JSON array); `None` for text.
    fn list(&self, _column: &str) -> Option<&[String]> {
        None
    }
}

/// A CSV record, with its line in the whole file.
struct CsvRecord<'a> {
    record: &'a csv::StringRecord,
    line: u64,
    /// Whether to remove the export's formula-neutralizing `'` (atlas schema only).
    unquote: bool,
}

impl Record for CsvRecord<'_> {
    fn get(&self, columns: &Columns<'_>, f: Field) -> &str {
        let v = columns
            .position(f)
            .and_then(|i| self.record.get(i))
            .map_or("", trim);
        if self.unquote {
            v.strip_prefix('\'').unwrap_or(v)
        } else {
            v
        }
    }

    fn line(&self) -> u64 {
        self.line
    }
}

/// One object of a JSON array, its values as text.
#[derive(Clone, Debug)]
struct JsonRecord {
    cells: HashMap<String, String>,
    lists: HashMap<String, Vec<String>>,
    keys: Vec<String>,
    line: u64,
}

impl JsonRecord {
    /// The trimmed text of a key ("" when absent).
    fn cell(&self, key: &str) -> &str {
        self.cells.get(key).map_or("", |s| s.trim())
    }
}

impl Record for JsonRecord {
    fn get(&self, columns: &Columns<'_>, f: Field) -> &str {
        columns.name(f).map_or("", |c| self.cell(c))
    }

    fn line(&self) -> u64 {
        self.line
    }

    fn list(&self, column: &str) -> Option<&[String]> {
        self.lists.get(column).map(Vec::as_slice)
    }
}

/// A JSON value as the importer needs it: numbers keep their text, so they read back exactly.
#[derive(Clone, Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Compact JSON text (for nested values kept as text).
    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => out.push_str(&crate::format::json_string(s)),
            Json::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    Json::String(k.clone()).write(out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    /// The value as a cell's text: strings as they are, numbers as written, `null` empty,
    /// arrays `;`-joined, objects as JSON.
    fn text(&self) -> String {
        match self {
            Json::Null => String::new(),
            Json::Bool(b) => b.to_string(),
            Json::Number(n) => n.clone(),
            Json::String(s) => s.clone(),
            Json::Array(items) => items.iter().map(Json::text).collect::<Vec<_>>().join(";"),
            Json::Object(_) => {
                let mut out = String::new();
                self.write(&mut out);
                out
            }
        }
    }
}

/// How deep JSON may nest (deeper input is reported, not overflowed).
const MAX_JSON_DEPTH: usize = 64;

/// A strict JSON reader (RFC 8259) for one array element.
struct JsonParser<'a> {
    b: &'a [u8],
    i: usize,
}

impl JsonParser<'_> {
    /// Parses one complete value; the error names the byte offset.
    fn parse(b: &[u8]) -> Result<Json, (usize, String)> {
        let mut p = JsonParser { b, i: 0 };
        p.ws();
        let v = p.value(0)?;
        p.ws();
        if p.i < b.len() {
            return Err((p.i, "unexpected text after the value".to_owned()));
        }
        Ok(v)
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn fail<T>(&self, what: &str) -> Result<T, (usize, String)> {
        let found = match self.peek() {
            None => "the end".to_owned(),
            Some(c) if c.is_ascii_graphic() => format!("'{}'", char::from(c)),
            Some(c) => format!("byte 0x{c:02x}"),
        };
        Err((self.i, format!("expected {what}, found {found}")))
    }

    fn value(&mut self, depth: usize) -> Result<Json, (usize, String)> {
        if depth > MAX_JSON_DEPTH {
            return Err((self.i, "nested too deeply".to_owned()));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.fail("a value"),
        }
    }

    fn literal(&mut self, word: &str, v: Json) -> Result<Json, (usize, String)> {
        if self.b.get(self.i..self.i + word.len()) == Some(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            self.fail(word)
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Json, (usize, String)> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail("a digit"),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return self.fail("a digit");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return self.fail("a digit");
            }
        }
        let text = self.b.get(start..self.i).unwrap_or(&[]);
        Ok(Json::Number(String::from_utf8_lossy(text).into_owned()))
    }

    fn hex4(&mut self) -> Result<u32, (usize, String)> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return self.fail("a hex digit"),
            };
            v = v * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, (usize, String)> {
        self.i += 1; // the opening quote
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                None => return self.fail("'\"'"),
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.b.get(self.i..self.i + 2) == Some(b"\\u")
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    self.i = save;
                                    0xFFFD
                                }
                            } else {
                                hi
                            };
                            let ch = char::from_u32(code).unwrap_or('\u{fffd}');
                            let mut tmp = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
                            continue;
                        }
                        _ => return self.fail("an escape character"),
                    };
                    self.i += 1;
                    let mut tmp = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
                }
                Some(c) if c < 0x20 => return self.fail("no control character in a string"),
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
        Ok(match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }

    fn array(&mut self, depth: usize) -> Result<Json, (usize, String)> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Json::Array(items));
                }
                _ => return self.fail("',' or ']'"),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, (usize, String)> {
        self.i += 1;
        let mut fields = Vec::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Json::Object(fields));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return self.fail("a key in quotes");
            }
            let key = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return self.fail("':'");
            }
            self.i += 1;
            self.ws();
            let v = self.value(depth + 1)?;
            fields.push((key, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Json::Object(fields));
                }
                _ => return self.fail("',' or '}'"),
            }
        }
    }
}

fn json_record(fields: Vec<(String, Json)>, line: u64) -> JsonRecord {
    let mut cells = HashMap::new();
    let mut lists = HashMap::new();
    let mut keys = Vec::new();
    for (k, v) in fields {
        let k = k.trim().to_owned();
        if cells.contains_key(&k) {
            continue;
        }
        if let Json::Array(items) = &v {
            let items: Vec<String> = items
                .iter()
                .map(|i| i.text().trim().to_owned())
                .filter(|i| !i.is_empty())
                .collect();
            lists.insert(k.clone(), items);
        }
        keys.push(k.clone());
        cells.insert(k, v.text());
    }
    JsonRecord {
        cells,
        lists,
        keys,
        line,
    }
}

/// A CSV record found by the boundary scan, relative to the buffer.
struct RawRecord {
    start: usize,
    end: usize,
    blank: bool,
}

/// Finds the complete records in `buf` (all of them when `last`), up to `max`.
fn raw_records(buf: &[u8], last: bool, max: usize) -> Vec<RawRecord> {
    let mut reader = csv_reader(buf, false);
    let mut record = csv::ByteRecord::new();
    let mut out = Vec::new();
    while out.len() < max {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                let start = record
                    .position()
                    .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
                let end = usize::try_from(reader.position().byte()).unwrap_or(buf.len());
                if !last && end >= buf.len() {
                    break; // may continue in the next slice
                }
                out.push(RawRecord {
                    start,
                    end,
                    blank: is_blank(&record),
                });
            }
            Ok(false) | Err(_) => break,
        }
    }
    out
}

/// Whether every field of a record is empty or ASCII white space.
fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|f| f.trim_ascii().is_empty())
}

fn count_newlines(b: &[u8]) -> u64 {
    u64::try_from(memchr::memchr_iter(b'\n', b).count()).unwrap_or(u64::MAX)
}

/// The record in `raw` (the bytes of one record that are not valid UTF-8) with the invalid
/// bytes replaced by U+FFFD; replacing them changes no comma, quote or line end, so the
/// fields are those of the original record.
fn lossy_record(raw: &[u8]) -> Option<csv::StringRecord> {
    let text = String::from_utf8_lossy(raw);
    let mut reader = csv_reader(text.as_bytes(), false);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => Some(record),
        Ok(false) | Err(_) => None,
    }
}

/// Adds the notice that invalid UTF-8 was replaced (once).
fn note_invalid_utf8(notices: &mut Vec<String>) {
    let note = "Some bytes were not valid UTF-8 and were replaced with \u{fffd}.";
    if !notices.iter().any(|n| n == note) {
        notices.push(note.to_owned());
    }
}

fn trim_line_end(b: &[u8]) -> &[u8] {
    let mut end = b.len();
    while end > 0 && matches!(b.get(end - 1), Some(b'\n' | b'\r')) {
        end -= 1;
    }
    b.get(..end).unwrap_or(b)
}

/// Where a JSON array element ends in `b` (exclusive), or `None` when it continues.
fn json_element_end(b: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &c) in b.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b',' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// Reads a file incrementally: feed it slices, yield between them, then [`Importer::finish`].
///
/// Bytes may be split anywhere (even inside a UTF-8 character or a quoted field): only complete
/// records are converted; the rest waits for the next slice. Once the header is known,
/// [`Importer::needs_mapping`] says whether the user must confirm a mapping (other files) or
/// whether it was recognized (the atlas's own schema, Epoch AI).
#[derive(Debug)]
pub struct Importer {
    file: String,
    limits: Limits,
    buf: Vec<u8>,
    buf_line: u64,
    bytes_fed: u64,
    /// The file's size, when known (to reserve room for the models at once).
    size: Option<u64>,
    /// Whether room for the models has been reserved.
    reserved: bool,
    format: Option<Format>,
    headers: Option<Vec<String>>,
    header_raw: String,
    samples: Vec<Vec<String>>,
    detected: Option<Mapping>,
    mapping: Option<Mapping>,
    json_open: bool,
    json_closed: bool,
    pending_json: Vec<JsonRecord>,
    records: u64,
    ended: bool,
    builder: Builder,
    skipped: Vec<LoadError>,
    notices: Vec<String>,
}

/// How many records the header scan looks at for sample values.
const SAMPLE_ROWS: usize = 3;

impl Importer {
    /// Starts reading `file_name`; `size`, when known, is checked against the limit at once.
    pub fn new(file_name: &str, size: Option<u64>, limits: Limits) -> Result<Self, ImportError> {
        if let Some(bytes) = size {
            if bytes > limits.max_bytes {
                return Err(ImportError::TooLarge {
                    bytes,
                    max: limits.max_bytes,
                });
            }
            if bytes == 0 {
                return Err(ImportError::Empty);
            }
        }
        Ok(Self {
            file: file_name.to_owned(),
            limits,
            buf: Vec::new(),
            buf_line: 1,
            bytes_fed: 0,
            size,
            reserved: false,
            format: None,
            headers: None,
            header_raw: String::new(),
            samples: Vec::new(),
            detected: None,
            mapping: None,
            json_open: false,
            json_closed: false,
            pending_json: Vec::new(),
            records: 0,
            ended: false,
            builder: Builder::default(),
            skipped: Vec::new(),
            notices: Vec::new(),
        })
    }

    /// The file name.
    pub fn file_name(&self) -> &str {
        &self.file
    }

    /// The format, once the first bytes have been seen.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// The column names, once known (for JSON: the keys of the first objects).
    pub fn headers(&self) -> Option<&[String]> {
        self.headers.as_deref()
    }

    /// Up to three first rows' values, aligned with [`Importer::headers`] (for the dialog).
    pub fn samples(&self) -> &[Vec<String>] {
        &self.samples
    }

    /// The mapping guessed from the headers.
    pub fn guessed_mapping(&self) -> Option<&Mapping> {
        self.detected.as_ref()
    }

    /// The mapping in use, once set or recognized.
    pub fn mapping(&self) -> Option<&Mapping> {
        self.mapping.as_ref()
    }

    /// Whether the headers are known but the user must confirm a mapping first.
    pub fn needs_mapping(&self) -> bool {
        self.headers.is_some() && self.mapping.is_none()
    }

    /// Uses `mapping` (before the header is read it overrides recognition). Rows waiting for
    /// the mapping are converted by the next [`Importer::feed`] or [`Importer::finish`].
    pub fn set_mapping(&mut self, mapping: Mapping) {
        self.mapping = Some(mapping);
    }

    /// How far reading has got.
    pub fn progress(&self) -> Progress {
        Progress {
            bytes: self.bytes_fed,
            records: self.records,
            loaded: self.builder.models.len(),
            skipped: self.skipped.len(),
            problems: self.builder.problems.len(),
        }
    }

    /// Feeds the next slice of the file and converts the rows it completes.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<Progress, ImportError> {
        let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        self.bytes_fed = self.bytes_fed.saturating_add(len);
        if self.bytes_fed > self.limits.max_bytes {
            return Err(ImportError::TooLarge {
                bytes: self.bytes_fed,
                max: self.limits.max_bytes,
            });
        }
        self.buf.extend_from_slice(bytes);
        self.advance(false)?;
        Ok(self.progress())
    }

    /// Marks the end of the file and reads what remains (the header of a one-line file, the
    /// last row without a line end). Idempotent; [`Importer::finish`] calls it too.
    pub fn end_input(&mut self) -> Result<Progress, ImportError> {
        self.ended = true;
        self.advance(true)?;
        Ok(self.progress())
    }

    /// The models read so far as a dataset (shown while the rest of the file is read), or
    /// `None` before the first model.
    pub fn preview(&self) -> Option<Dataset> {
        if self.builder.models.is_empty() {
            return None;
        }
        let organizations = self
            .builder
            .orgs
            .list
            .iter()
            .map(OrgAcc::organization)
            .collect();
        Some(Dataset::from_models(
            self.builder.models.clone(),
            organizations,
        ))
    }

    /// Ends reading and returns the dataset, or why there is none.
    pub fn finish(mut self) -> Result<Imported, ImportError> {
        self.end_input()?;
        let Some(format) = self.format else {
            return Err(ImportError::Empty);
        };
        let Some(mapping) = self.mapping.clone() else {
            return match (&self.headers, format) {
                (None, Format::Json) => Err(ImportError::NoRows {
                    skipped: self.skipped,
                }),
                (None, Format::Csv) => Err(ImportError::Empty),
                (Some(h), _) => Err(ImportError::NoUsableColumn(no_mapping_text(h))),
            };
        };
        if format == Format::Json && !self.json_closed {
            self.notices.push(
                "The JSON array is not closed: the file may be truncated; the complete objects were read."
                    .to_owned(),
            );
        }
        if self.builder.models.is_empty() {
            return Err(ImportError::NoRows {
                skipped: self.skipped,
            });
        }
        let records = self.records;
        let (models, organizations, problems) = self.builder.build();
        Ok(Imported {
            dataset: Dataset::from_models(models, organizations),
            skipped: self.skipped,
            problems,
            mapping,
            format,
            records,
            notices: self.notices,
        })
    }

    fn advance(&mut self, last: bool) -> Result<(), ImportError> {
        let last = last || self.ended;
        if self.format.is_none() && !self.detect_format(last)? {
            return Ok(());
        }
        match self.format {
            Some(Format::Csv) => self.scan_csv(last),
            Some(Format::Json) => self.scan_json(last),
            None => Ok(()),
        }
    }

    /// Strips a byte-order mark and decides CSV or JSON; `false` while more bytes are needed.
    fn detect_format(&mut self, last: bool) -> Result<bool, ImportError> {
        const BOM: &[u8] = b"\xef\xbb\xbf";
        if !last && self.buf.len() < BOM.len() && BOM.starts_with(&self.buf) {
            return Ok(false);
        }
        let head: &[u8] = self.buf.get(..self.buf.len().min(1024)).unwrap_or(&[]);
        if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
            return Err(ImportError::NotText(
                "UTF-16 text; save it as UTF-8".to_owned(),
            ));
        }
        if head.starts_with(b"PK\x03\x04") {
            return Err(ImportError::NotText(
                "a ZIP archive or an Excel/OpenDocument spreadsheet; save the sheet as CSV"
                    .to_owned(),
            ));
        }
        if head.starts_with(b"%PDF") {
            return Err(ImportError::NotText("a PDF document".to_owned()));
        }
        if head.contains(&0) {
            return Err(ImportError::NotText("binary data".to_owned()));
        }
        if self.buf.starts_with(BOM) {
            self.buf.drain(..BOM.len());
        }
        let Some(first) = self.buf.iter().find(|b| !b.is_ascii_whitespace()) else {
            if last {
                return Err(ImportError::Empty);
            }
            return Ok(false);
        };
        self.format = Some(match first {
            b'[' => Format::Json,
            b'{' => {
                return Err(ImportError::NotTable(
                    "it is a JSON object; the atlas reads a JSON array of objects, like its own JSON export"
                        .to_owned(),
                ))
            }
            _ => Format::Csv,
        });
        Ok(true)
    }

    fn set_headers(&mut self, headers: Vec<String>) {
        let detected = detect_mapping(&headers);
        if self.mapping.is_none() && detected.schema != Schema::Custom {
            self.mapping = Some(detected.clone());
        }
        self.detected = Some(detected);
        self.headers = Some(headers);
    }

    fn count_record(&mut self) -> Result<(), ImportError> {
        self.records += 1;
        if self.records > self.limits.max_rows {
            return Err(ImportError::TooManyRows {
                max: self.limits.max_rows,
            });
        }
        Ok(())
    }

    fn text_of(&mut self, bytes: Vec<u8>) -> String {
        match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                note_invalid_utf8(&mut self.notices);
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        }
    }

    /// Drains `n` bytes from the buffer, keeping the line count.
    fn consume(&mut self, n: usize) {
        let n = n.min(self.buf.len());
        self.buf_line += count_newlines(self.buf.get(..n).unwrap_or(&[]));
        self.buf.drain(..n);
    }

    fn scan_csv(&mut self, last: bool) -> Result<(), ImportError> {
        if self.headers.is_none() {
            let first = raw_records(&self.buf, last, 1);
            let Some(h) = first.first() else {
                if last {
                    return Err(ImportError::Empty);
                }
                return Ok(());
            };
            let raw = trim_line_end(self.buf.get(h.start..h.end).unwrap_or(&[])).to_vec();
            let header_raw = self.text_of(raw);
            let table = CsvTable::parse(&self.file, &format!("{header_raw}\n"))
                .map_err(|e| ImportError::NoUsableColumn(e.reason))?;
            let headers = table.headers().to_vec();
            if headers.len() < 2 {
                let hint = if header_raw.contains(';') || header_raw.contains('\t') {
                    " (it looks separated by semicolons or tabs; the atlas reads comma-separated files)"
                } else {
                    ""
                };
                return Err(ImportError::NoUsableColumn(format!(
                    "the file has a single column{hint}; a model needs at least a name and a date"
                )));
            }
            self.header_raw = header_raw;
            let end = h.end;
            self.consume(end);
            self.set_headers(headers);
        }
        if self.mapping.is_none() {
            if self.samples.is_empty() {
                self.samples = self.csv_samples(last);
            }
            return Ok(());
        }
        let Some(mapping) = self.mapping.clone() else {
            return Ok(());
        };
        let headers = self.headers.as_deref().unwrap_or(&[]);
        let n_headers = headers.len();
        let ctx = Context::new(&self.file, &mapping, headers);
        let unquote = mapping.schema == Schema::Atlas;
        let buf = self.buf.as_slice();
        // Records that end within the valid prefix need no UTF-8 check of their own.
        let valid_up_to = std::str::from_utf8(buf).map_or_else(|e| e.valid_up_to(), str::len);
        let mut reader = csv_reader(buf, false);
        let mut bytes = csv::ByteRecord::new();
        let mut consumed = 0;
        // Rows with the wrong field count are listed before the rows that fail to convert.
        let mut wrong_count: Vec<LoadError> = Vec::new();
        let mut failed: Vec<LoadError> = Vec::new();
        let mut outcome = Ok(());
        while let Ok(true) = reader.read_byte_record(&mut bytes) {
            let (start, first_line) = bytes.position().map_or((0, 1), |p| {
                (usize::try_from(p.byte()).unwrap_or(0), p.line())
            });
            let end = usize::try_from(reader.position().byte()).unwrap_or(buf.len());
            if !last && end >= buf.len() {
                break; // may continue in the next slice
            }
            consumed = end;
            if is_blank(&bytes) {
                continue;
            }
            self.records += 1;
            if self.records > self.limits.max_rows {
                outcome = Err(ImportError::TooManyRows {
                    max: self.limits.max_rows,
                });
                break;
            }
            let line = (self.buf_line + first_line).saturating_sub(1);
            if bytes.len() != n_headers {
                wrong_count.push(LoadError::new(
                    &self.file,
                    line,
                    format!(
                        "expected {n_headers} fields as in the header, found {}",
                        bytes.len()
                    ),
                ));
                continue;
            }
            let raw = buf.get(start..end).unwrap_or(&[]);
            let (record, reuse) = if end <= valid_up_to || std::str::from_utf8(raw).is_ok() {
                match csv::StringRecord::from_byte_record(std::mem::take(&mut bytes)) {
                    Ok(r) => (Some(r), true),
                    Err(e) => {
                        bytes = e.into_byte_record();
                        (lossy_record(raw), false)
                    }
                }
            } else {
                note_invalid_utf8(&mut self.notices);
                (lossy_record(raw), false)
            };
            let Some(record) = record else {
                failed.push(LoadError::new(&self.file, line, "unreadable record"));
                continue;
            };
            // A row of white space other than ASCII (a no-break space) is blank too.
            if !record.iter().all(|f| f.trim().is_empty()) {
                let rec = CsvRecord {
                    record: &record,
                    line,
                    unquote,
                };
                if let Err(e) = self.builder.add(&rec, &ctx) {
                    failed.push(e);
                }
            }
            if reuse {
                bytes = record.into_byte_record();
            }
        }
        self.skipped.extend(wrong_count);
        outcome?;
        self.skipped.extend(failed);
        self.reserve_models(consumed);
        self.consume(consumed);
        Ok(())
    }

    /// After the first rows, reserves room for the models the whole file will likely give
    /// (from the file's size and the rows per byte so far), so that the list is not regrown
    /// and copied again and again; `consumed` is how much of the buffer has been read.
    fn reserve_models(&mut self, consumed: usize) {
        let models = &mut self.builder.models;
        let Some(size) = self.size.filter(|_| !self.reserved && !models.is_empty()) else {
            return;
        };
        self.reserved = true;
        let unread = u64::try_from(self.buf.len().saturating_sub(consumed)).unwrap_or(0);
        let read = self.bytes_fed.saturating_sub(unread).max(1);
        let loaded = u64::try_from(models.len()).unwrap_or(u64::MAX);
        // Room for a few more than the estimate, within the row limit.
        let estimate = loaded.saturating_mul(size) / read;
        let wanted = estimate
            .saturating_add(estimate / 16)
            .min(self.limits.max_rows);
        let more = usize::try_from(wanted)
            .unwrap_or(0)
            .saturating_sub(models.len());
        models.reserve_exact(more);
    }

    fn csv_samples(&self, last: bool) -> Vec<Vec<String>> {
        let records = raw_records(&self.buf, last, SAMPLE_ROWS + 4);
        let mut text = format!("{}\n", self.header_raw);
        for r in records.iter().filter(|r| !r.blank).take(SAMPLE_ROWS) {
            text.push_str(&String::from_utf8_lossy(trim_line_end(
                self.buf.get(r.start..r.end).unwrap_or(&[]),
            )));
            text.push('\n');
        }
        match CsvTable::parse(&self.file, &text) {
            Ok(t) => t
                .rows()
                .map(|row| t.headers().iter().map(|h| row.get(h).to_owned()).collect())
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    fn scan_json(&mut self, last: bool) -> Result<(), ImportError> {
        let mut pos = 0usize;
        let mut line = self.buf_line;
        let mut parsed: Vec<JsonRecord> = Vec::new();
        let skip_ws = |pos: &mut usize, line: &mut u64, buf: &[u8], commas: bool| {
            while let Some(&c) = buf.get(*pos) {
                if c == b'\n' {
                    *line += 1;
                }
                if c.is_ascii_whitespace() || (commas && c == b',') {
                    *pos += 1;
                } else {
                    break;
                }
            }
        };
        if !self.json_open {
            skip_ws(&mut pos, &mut line, &self.buf, false);
            if self.buf.get(pos) == Some(&b'[') {
                pos += 1;
                self.json_open = true;
            } else if last {
                return Err(ImportError::NotTable(
                    "the JSON text is not an array of objects".to_owned(),
                ));
            } else {
                return Ok(());
            }
        }
        while !self.json_closed {
            skip_ws(&mut pos, &mut line, &self.buf, true);
            let rest = self.buf.get(pos..).unwrap_or(&[]);
            if rest.is_empty() {
                break;
            }
            if rest.first() == Some(&b']') {
                pos += 1;
                self.json_closed = true;
                break;
            }
            let Some(end) = json_element_end(rest).or(last.then_some(rest.len())) else {
                break;
            };
            let element_newlines = count_newlines(rest.get(..end).unwrap_or(&[]));
            self.count_record()?;
            let element = self.buf.get(pos..pos + end).unwrap_or(&[]);
            let value = JsonParser::parse(element).map_err(|(at, why)| {
                let before = element.get(..at).unwrap_or(element);
                (count_newlines(before), why)
            });
            let element_line = line;
            line += element_newlines;
            pos += end;
            match value {
                Ok(Json::Object(fields)) => parsed.push(json_record(fields, element_line)),
                Ok(other) => self.skipped.push(LoadError::new(
                    &self.file,
                    element_line,
                    format!("expected an object, found {}", other.kind()),
                )),
                Err((lines_in, why)) => self.skipped.push(LoadError::new(
                    &self.file,
                    element_line + lines_in,
                    format!("malformed JSON: {why}"),
                )),
            }
        }
        if self.json_closed {
            let tail = self.buf.get(pos..).unwrap_or(&[]);
            if tail.iter().any(|b| !b.is_ascii_whitespace()) {
                let note = "Text after the end of the JSON array was ignored.";
                if !self.notices.iter().any(|n| n == note) {
                    self.notices.push(note.to_owned());
                }
            }
            pos = self.buf.len();
        }
        self.consume(pos);
        self.pending_json.extend(parsed);
        if self.headers.is_none() && (!self.pending_json.is_empty() || last) {
            let mut keys: Vec<String> = Vec::new();
            let mut seen: HashSet<String> = HashSet::new();
            for r in self.pending_json.iter().take(1000) {
                for k in &r.keys {
                    if seen.insert(k.clone()) {
                        keys.push(k.clone());
                    }
                }
            }
            if !keys.is_empty() {
                self.samples = self
                    .pending_json
                    .iter()
                    .take(SAMPLE_ROWS)
                    .map(|r| keys.iter().map(|k| r.cell(k).to_owned()).collect())
                    .collect();
                self.set_headers(keys);
            }
        }
        if let Some(mapping) = self.mapping.clone() {
            let ctx = Context::new(&self.file, &mapping, self.headers.as_deref().unwrap_or(&[]));
            for rec in std::mem::take(&mut self.pending_json) {
                if let Err(e) = self.builder.add(&rec, &ctx) {
                    self.skipped.push(e);
                }
            }
        }
        Ok(())
    }
}

fn no_mapping_text(headers: &[String]) -> String {
    let shown: Vec<&str> = headers.iter().take(12).map(String::as_str).collect();
    format!(
        "no column could be matched to the model name and the publication date (columns: {}{})",
        shown.join(", "),
        if headers.len() > shown.len() {
            ", …"
        } else {
            ""
        }
    )
}

/// Imports a whole text at once with the default [`Limits`]. Without `mapping`, a recognized
/// schema is used, or else the guessed mapping (an error when it lacks the name or date).
pub fn import_text(
    name: &str,
    text: &str,
    mapping: Option<&Mapping>,
) -> Result<Imported, ImportError> {
    import_bytes(name, text.as_bytes(), mapping, Limits::default())
}

/// Imports a whole file's bytes at once under `limits` (see [`import_text`]).
pub fn import_bytes(
    name: &str,
    bytes: &[u8],
    mapping: Option<&Mapping>,
    limits: Limits,
) -> Result<Imported, ImportError> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let mut importer = Importer::new(name, Some(size), limits)?;
    if let Some(m) = mapping {
        importer.set_mapping(m.clone());
    }
    importer.feed(bytes)?;
    importer.end_input()?;
    if importer.needs_mapping() {
        let guess = importer
            .guessed_mapping()
            .cloned()
            .unwrap_or_else(|| Mapping::new(Schema::Custom));
        if !guess.missing_required().is_empty() {
            return Err(ImportError::NoUsableColumn(no_mapping_text(
                importer.headers().unwrap_or(&[]),
            )));
        }
        importer.set_mapping(guess);
    }
    importer.finish()
}

/// What a row conversion needs to know.
struct Context<'a> {
    file: &'a str,
    mapping: &'a Mapping,
    columns: Columns<'a>,
}

impl<'a> Context<'a> {
    fn new(file: &'a str, mapping: &'a Mapping, headers: &[String]) -> Self {
        Self {
            file,
            mapping,
            columns: Columns::new(mapping, headers),
        }
    }

    fn get<'r>(&self, r: &'r dyn Record, f: Field) -> &'r str {
        r.get(&self.columns, f)
    }

    /// The text of a multi-valued cell, or `None` when it holds a real list (a JSON array).
    fn text<'r>(&self, r: &'r dyn Record, f: Field) -> Option<&'r str> {
        match self.columns.name(f) {
            Some(column) if r.list(column).is_some() => None,
            _ => Some(self.get(r, f)),
        }
    }

    fn column_name(&self, f: Field) -> String {
        self.mapping
            .column(f)
            .map_or_else(|| f.label().to_owned(), str::to_owned)
    }

    fn err(&self, r: &dyn Record, reason: String) -> LoadError {
        LoadError::new(self.file, r.line(), reason)
    }

    /// Splits a multi-valued cell: a JSON array as it is; otherwise `;` in the atlas schema,
    /// `,` (with quotes) in Epoch's, and `;` when present, else `,`, in other files.
    fn list(&self, r: &dyn Record, f: Field) -> Vec<String> {
        let Some(column) = self.columns.name(f) else {
            return Vec::new();
        };
        if let Some(items) = r.list(column) {
            return items.to_vec();
        }
        self.split(self.get(r, f))
    }

    /// Splits the text of a multi-valued cell as [`Context::list`] does.
    fn split(&self, raw: &str) -> Vec<String> {
        match self.mapping.schema {
            Schema::Atlas => split_list(raw),
            Schema::Epoch => split_quoted(raw),
            Schema::Custom if raw.contains(';') => split_list(raw),
            Schema::Custom => split_quoted(raw),
        }
    }
}

/// Splits on commas outside double quotes, trimming items, removing the quotes, dropping
/// empty items (Epoch writes `NVIDIA,"NERSC, Lawrence Berkeley National Laboratory"`).
pub fn split_quoted(s: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => items.push(std::mem::take(&mut cur)),
            other => cur.push(other),
        }
    }
    items.push(cur);
    items
        .into_iter()
        .map(|i| i.trim().to_owned())
        .filter(|i| !i.is_empty())
        .collect()
}

/// A lowercase slug of letters and digits joined by `-` (`GPT-3 (175B)` → `gpt-3-175b`).
pub fn slug(s: &str) -> String {
    if s.is_ascii() {
        let mut bytes: Vec<u8> = Vec::with_capacity(s.len());
        for run in s
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|r| !r.is_empty())
        {
            if !bytes.is_empty() {
                bytes.push(b'-');
            }
            bytes.extend_from_slice(run);
        }
        bytes.make_ascii_lowercase();
        // ASCII letters, digits and `-`: always UTF-8.
        return String::from_utf8(bytes).unwrap_or_default();
    }
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
    out
}

/// The first URL in a cell that may hold several (`https://a, https://b`), or the cell.
fn first_url(s: &str) -> String {
    let is_url = |t: &&str| t.starts_with("http://") || t.starts_with("https://");
    // Most cells hold one URL: the first token, when it ends at the end or at an ASCII
    // separator, is found without the general split.
    let bytes = s.as_bytes();
    let end = bytes
        .iter()
        .position(|&b| b == b',' || matches!(b, b'\t'..=b'\r' | b' ') || !b.is_ascii());
    let first = match end {
        None => Some(s),
        Some(e) if bytes.get(e).is_some_and(u8::is_ascii) => s.get(..e),
        Some(_) => None,
    };
    first
        .map(|t| t.trim_end_matches([';', ')']))
        .filter(is_url)
        .or_else(|| {
            s.split(|c: char| c.is_whitespace() || c == ',')
                .map(|t| t.trim_end_matches([';', ')']))
                .find(is_url)
        })
        .unwrap_or(s)
        .to_owned()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let prefix = w.get(..3)?;
    let i = MONTHS.iter().position(|m| *m == prefix)?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let ok = full.get(i).is_some_and(|f| f.starts_with(&w)) || (w == "sept" && i == 8);
    if ok {
        u8::try_from(i + 1).ok()
    } else {
        None
    }
}

/// A valid `yyyy-mm-dd` date, the most common form, read without the general parser (which
/// reads it the same way).
fn iso_day(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u16> {
        b.get(from..to)?.iter().try_fold(0u16, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
        })
    };
    Date::new(
        i32::from(num(0, 4)?),
        u8::try_from(num(5, 7)?).ok()?,
        u8::try_from(num(8, 10)?).ok()?,
    )
}

/// Parses a date in the common forms: those of [`Date::parse_lenient`] (`2020-05-28`,
/// `2020/05/28`, `2020-05`, `2020`, ISO timestamps, `28/05/2020`), `05/28/2020` when it can only
/// be month/day/year, and with month names (`May 2020`, `28 May 2020`, `May 28, 2020`).
pub fn parse_date(s: &str) -> Option<(Date, DatePrecision)> {
    let s = s.trim();
    if let Some(d) = iso_day(s) {
        return Some((d, DatePrecision::Day));
    }
    if let Some(d) = Date::parse_lenient(s) {
        return Some(d);
    }
    // A year written as a number (`2019.0` from a spreadsheet or JSON).
    if let Some(y) = parse_number(s).filter(|y| y.fract() == 0.0 && (1000.0..=9999.0).contains(y)) {
        // Whole and in range, so the conversion is exact.
        return Some((Date::new(y as i32, 1, 1)?, DatePrecision::Year));
    }
    // m/d/yyyy when d/m/yyyy is impossible.
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    if let [m, d, y] = parts.as_slice() {
        if y.len() == 4 {
            let date = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
            return Some((date, DatePrecision::Day));
        }
    }
    // Month names.
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let year_of = |w: &str| -> Option<i32> { (w.len() == 4).then(|| w.parse().ok()).flatten() };
    let day_of = |w: &str| -> Option<u8> {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok()
    };
    match words.as_slice() {
        [m, y] => {
            let date = Date::new(year_of(y)?, month_number(m)?, 1)?;
            Some((date, DatePrecision::Month))
        }
        [a, b, y] => {
            let year = year_of(y)?;
            let (month, day) = match (month_number(a), month_number(b)) {
                (Some(m), None) => (m, day_of(b)?),
                (None, Some(m)) => (m, day_of(a)?),
                _ => return None,
            };
            Some((Date::new(year, month, day)?, DatePrecision::Day))
        }
        _ => None,
    }
}

/// Maps a domain (or Epoch's comma-separated domains) to the atlas vocabulary where the
/// mapping is clear: `Multimodal` anywhere → `multimodal`; otherwise the first value, with
/// `Image generation` → `vision`; values without a clear counterpart are kept as written.
pub fn map_domain(values: &[String]) -> String {
    if values.iter().any(|v| v.eq_ignore_ascii_case("multimodal")) {
        return "multimodal".to_owned();
    }
    let Some(first) = values.first() else {
        return String::new();
    };
    let lower = first.to_lowercase();
    match lower.as_str() {
        "image generation" => "vision".to_owned(),
        l if super::vocab::DOMAINS.contains(&l) => l.to_owned(),
        _ => first.clone(),
    }
}

/// Maps a task name to the atlas vocabulary where the mapping is clear (Epoch's
/// `Language modeling/generation` → `text generation`, `Chat` → `dialogue`, …); others are
/// kept as written.
pub fn map_task(task: &str) -> String {
    let lower = task.trim().to_lowercase();
    let mapped = match lower.as_str() {
        "language modeling"
        | "language modeling/generation"
        | "language generation"
        | "text autocompletion"
        | "text generation" => "text generation",
        "chat" | "dialogue" | "dialog" => "dialogue",
        "question answering" => "question answering",
        "text summarization" | "summarization" => "summarization",
        "translation" => "translation",
        "code generation" | "code autocompletion" => "code generation",
        "mathematical reasoning" | "quantitative reasoning" | "reasoning" => "reasoning",
        "text classification" | "sentiment classification" => "text classification",
        "tool use" => "tool use",
        "image classification" => "image classification",
        "object detection" => "object detection",
        "image segmentation"
        | "semantic segmentation"
        | "instance segmentation"
        | "segmentation" => "segmentation",
        "image captioning" => "image captioning",
        "visual question answering" | "(visual) question answering" => "visual question answering",
        "text-to-image" => "text-to-image",
        "image generation" => "image generation",
        "text-to-video" => "text-to-video",
        "video understanding" | "video description" | "video classification" => {
            "video understanding"
        }
        "speech recognition (asr)" | "speech recognition" | "speech-to-text" => {
            "speech recognition"
        }
        "speech synthesis" | "text-to-speech (tts)" => "speech synthesis",
        "audio generation" => "audio generation",
        "recommender system" | "recommendation" => "recommendation",
        "atari" | "go" | "chess" | "shogi" | "poker" | "dota 2" | "starcraft" | "game playing" => {
            "game playing"
        }
        "robotic manipulation" | "robotics" => "robotics",
        "protein folding prediction" | "protein structure prediction" | "protein structure" => {
            "protein structure"
        }
        "protein design" | "protein generation" => "protein design",
        "weather forecasting" => "weather forecasting",
        "representation learning" | "semantic embedding" => "representation learning",
        _ => return task.trim().to_owned(),
    };
    mapped.to_owned()
}

/// Maps an access value to the atlas vocabulary: Epoch's `Open weights (…)` → `open weights`,
/// `API access` → `API`, `Hosted access (no API)` → `limited`, `Unreleased` → `closed`;
/// others are kept as written.
pub fn map_access(value: &str) -> String {
    let v = value.trim();
    let lower = v.to_lowercase();
    let mapped = if lower.starts_with("open weights") {
        "open weights"
    } else {
        match lower.as_str() {
            "api" | "api access" => "API",
            "hosted access (no api)" | "limited" => "limited",
            "unreleased" | "closed" => "closed",
            _ => return v.to_owned(),
        }
    };
    mapped.to_owned()
}

/// Maps a country name to the atlas vocabulary (`United States of America` →
/// `United States`, `Korea (Republic of)` → `South Korea`, …); others are kept as written.
pub fn map_country(value: &str) -> String {
    let v = value.trim();
    let lower = v.to_lowercase();
    let mapped = match lower.as_str() {
        "united states of america" | "usa" | "us" | "u.s." | "united states" => "United States",
        "united kingdom of great britain and northern ireland" | "uk" | "united kingdom" => {
            "United Kingdom"
        }
        "korea (republic of)" | "republic of korea" | "south korea" | "korea" => "South Korea",
        "russian federation" | "russia" => "Russia",
        "uae" => "United Arab Emirates",
        _ => {
            return super::vocab::COUNTRIES
                .iter()
                .find(|c| c.eq_ignore_ascii_case(v))
                .map_or_else(|| v.to_owned(), |c| (*c).to_owned())
        }
    };
    mapped.to_owned()
}

/// Maps an organization type to the atlas vocabulary: Epoch's `Academia` → `academia`,
/// `Research collective` → `open collective`, `Government` → `government/public lab`.
/// `Industry` has no single counterpart (big tech, AI lab or startup) and is kept.
pub fn map_org_type(value: &str) -> String {
    let v = value.trim();
    let lower = v.to_lowercase();
    let mapped = match lower.as_str() {
        "academia" => "academia",
        "research collective" => "open collective",
        "government" => "government/public lab",
        _ => {
            return super::vocab::ORG_TYPES
                .iter()
                .find(|c| c.eq_ignore_ascii_case(v))
                .map_or_else(|| v.to_owned(), |c| (*c).to_owned())
        }
    };
    mapped.to_owned()
}

/// Confidence words: the atlas's own, and Epoch's (which mean an estimate).
fn parse_confidence_word(s: &str) -> Option<(Confidence, bool)> {
    match s.trim().to_lowercase().as_str() {
        "reported" => Some((Confidence::Reported, false)),
        "estimated" => Some((Confidence::Estimated, false)),
        "unknown" => Some((Confidence::Unknown, false)),
        "confident" | "likely" | "speculative" | "unverified" => {
            Some((Confidence::Estimated, true))
        }
        _ => None,
    }
}

/// The note `head` (the concatenation of its pieces) followed by `note`, with one space
/// between them when both are given.
fn join_note(head: &[&str], note: &str) -> String {
    let head_len: usize = head.iter().map(|h| h.len()).sum();
    if head_len == 0 {
        return note.to_owned();
    }
    let mut out = String::with_capacity(head_len + 1 + note.len());
    for h in head {
        out.push_str(h);
    }
    if !note.is_empty() {
        out.push(' ');
        out.push_str(note);
    }
    out
}

/// How many distinct texts a [`Memo`] remembers.
const MAX_MEMO: usize = 10_000;

/// Values derived from texts, remembered per distinct text (up to [`MAX_MEMO`] texts).
#[derive(Debug)]
struct Memo<V> {
    index: FastMap<String, usize>,
    values: Vec<V>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Self {
            index: FastMap::default(),
            values: Vec::new(),
        }
    }
}

impl<V: Clone> Memo<V> {
    /// The value `make` derives from `key`, made once per distinct key.
    fn get(&mut self, key: &str, mut make: impl FnMut(&str) -> V) -> Cow<'_, V> {
        let i = match self.index.get(key) {
            Some(&i) => i,
            None => {
                let v = make(key);
                if self.values.len() >= MAX_MEMO {
                    return Cow::Owned(v);
                }
                self.values.push(v);
                let i = self.values.len() - 1;
                self.index.insert(key.to_owned(), i);
                i
            }
        };
        match self.values.get(i) {
            Some(v) => Cow::Borrowed(v),
            None => Cow::Owned(make(key)),
        }
    }
}

/// The organizations a row names: their ids and their places in [`Orgs`].
#[derive(Clone, Debug, Default)]
struct OrgCell {
    ids: Vec<String>,
    slots: Vec<usize>,
}

impl OrgCell {
    /// The organizations `ids`, named `names` (the id where no name is given); those not in
    /// `orgs` yet are added, as first seen on `line`.
    fn new(ids: Vec<String>, names: &[String], orgs: &mut Orgs, line: u64) -> Self {
        let slots = ids
            .iter()
            .enumerate()
            .map(|(i, id)| orgs.slot(id, names.get(i).map_or(id.as_str(), String::as_str), line))
            .collect();
        Self { ids, slots }
    }

    /// Like [`OrgCell::new`], with ids made from the names (`organization` for a name
    /// without letters or digits).
    fn named(names: &[String], orgs: &mut Orgs, line: u64) -> Self {
        let ids = names
            .iter()
            .map(|n| {
                let s = slug(n);
                if s.is_empty() {
                    "organization".to_owned()
                } else {
                    s
                }
            })
            .collect();
        Self::new(ids, names, orgs, line)
    }
}

/// Values derived from a cell's text, per distinct text (the same organizations, domain,
/// tasks, access or country recur on many rows), for one schema (which decides how lists split).
#[derive(Debug, Default)]
struct Derived {
    schema: Option<Schema>,
    orgs: Memo<OrgCell>,
    countries: Memo<Vec<String>>,
    kinds: Memo<Vec<String>>,
    tasks: Memo<Vec<String>>,
    domains: Memo<String>,
    access: Memo<String>,
}

/// A row's tasks: as listed in the atlas schema; otherwise mapped, without repeats.
fn task_list(atlas: bool, items: Vec<String>) -> Vec<String> {
    if atlas {
        return items;
    }
    let mut tasks: Vec<String> = Vec::new();
    for t in items {
        let t = map_task(&t);
        if !tasks.contains(&t) {
            tasks.push(t);
        }
    }
    tasks
}

#[derive(Debug)]
struct OrgAcc {
    org: Organization,
    countries: Vec<(String, u32)>,
    kinds: Vec<(String, u32)>,
}

impl OrgAcc {
    /// The organization with the country and type most of its rows gave.
    fn organization(&self) -> Organization {
        Organization {
            country: winner(&self.countries),
            kind: winner(&self.kinds),
            ..self.org.clone()
        }
    }
}

fn vote(votes: &mut Vec<(String, u32)>, value: &str) {
    if value.is_empty() {
        return;
    }
    match votes.iter_mut().find(|(v, _)| v == value) {
        Some((_, n)) => *n += 1,
        None => votes.push((value.to_owned(), 1)),
    }
}

fn winner(votes: &[(String, u32)]) -> String {
    // The most votes; ties go to the first seen.
    let mut best: Option<&(String, u32)> = None;
    for v in votes {
        if best.is_none_or(|b| v.1 > b.1) {
            best = Some(v);
        }
    }
    best.map(|b| b.0.clone()).unwrap_or_default()
}

/// The organizations met so far, in order, with their votes.
#[derive(Debug, Default)]
struct Orgs {
    list: Vec<OrgAcc>,
    index: FastMap<String, usize>,
}

impl Orgs {
    /// The place of the organization `id`, added (named `name`, first seen on `line`) when new.
    fn slot(&mut self, id: &str, name: &str, line: u64) -> usize {
        match self.index.get(id) {
            Some(&i) => i,
            None => {
                self.list.push(OrgAcc {
                    org: Organization {
                        id: id.to_owned(),
                        name: name.to_owned(),
                        country: String::new(),
                        kind: String::new(),
                        description: String::new(),
                        url: String::new(),
                        source_line: line,
                    },
                    countries: Vec::new(),
                    kinds: Vec::new(),
                });
                let i = self.list.len() - 1;
                self.index.insert(id.to_owned(), i);
                i
            }
        }
    }
}

/// Builds models and organizations row by row.
#[derive(Debug, Default)]
struct Builder {
    models: Vec<Model>,
    problems: Vec<LoadError>,
    /// The models' ids, for [`Builder::unique_id`]: an id's hash (or, after a collision, the
    /// next free number) → the index of the model that has it.
    ids: FastMap<u64, usize>,
    orgs: Orgs,
    derived: Derived,
}

impl Builder {
    /// Takes `id` for the model about to be added, unless a model has it already.
    fn claim_id(&mut self, id: &str) -> bool {
        let mut key = FastBuild::default().hash_one(id);
        loop {
            match self.ids.entry(key) {
                Entry::Vacant(v) => {
                    v.insert(self.models.len());
                    return true;
                }
                Entry::Occupied(o) if self.models.get(*o.get()).is_some_and(|m| m.id == id) => {
                    return false
                }
                // Another id with the same hash: try the next key.
                Entry::Occupied(_) => key = key.wrapping_add(1),
            }
        }
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "model".to_owned()
        } else {
            base
        };
        if self.claim_id(&base) {
            return base;
        }
        let mut n = 2u64;
        loop {
            let id = format!("{base}-{n}");
            if self.claim_id(&id) {
                return id;
            }
            n += 1;
        }
    }

    /// An optional number; text that is not one is left empty and listed as a problem (the
    /// row is kept). Returns the value and the text that was not understood.
    fn number(
        &mut self,
        ctx: &Context<'_>,
        r: &dyn Record,
        f: Field,
    ) -> (Option<f64>, Option<String>) {
        let raw = ctx.get(r, f);
        if raw.is_empty() {
            return (None, None);
        }
        match parse_number(raw) {
            Some(v) => (Some(v), None),
            None => {
                self.problems.push(ctx.err(
                    r,
                    format!(
                        "{} is not a number: {raw:?} (left empty, row kept)",
                        ctx.column_name(f)
                    ),
                ));
                (None, Some(raw.to_owned()))
            }
        }
    }

    fn quantity(
        &mut self,
        ctx: &Context<'_>,
        r: &dyn Record,
        fields: (Field, Field, Field),
    ) -> Result<Quantity, LoadError> {
        let (value_f, conf_f, note_f) = fields;
        let (value, unread) = self.number(ctx, r, value_f);
        let given_note = ctx.get(r, note_f);
        let unread_note = unread.map(|raw| format!("Not understood as a number: {raw:?}."));
        let joined;
        let note = match &unread_note {
            Some(u) => {
                joined = join_note(&[u], given_note);
                joined.as_str()
            }
            None => given_note,
        };
        let explicit = ctx.get(r, conf_f);
        if ctx.mapping.schema == Schema::Atlas {
            let confidence = if explicit.is_empty() {
                Quantity::from_value(value).confidence
            } else {
                Confidence::parse(explicit).ok_or_else(|| {
                    ctx.err(
                        r,
                        format!(
                            "{} must be reported, estimated or unknown, found {explicit:?}",
                            ctx.column_name(conf_f)
                        ),
                    )
                })?
            };
            return Ok(Quantity {
                value,
                confidence,
                note: note.to_owned(),
            });
        }
        if !explicit.is_empty() {
            let (confidence, rating) = parse_confidence_word(explicit).ok_or_else(|| {
                ctx.err(
                    r,
                    format!(
                        "{} must be reported, estimated, unknown, or Confident, Likely, Speculative; found {explicit:?}",
                        ctx.column_name(conf_f)
                    ),
                )
            })?;
            let head: &[&str] = if rating {
                &["Confidence: ", explicit, "."]
            } else {
                &[]
            };
            return Ok(Quantity {
                value,
                confidence: if value.is_none() {
                    Confidence::Unknown
                } else {
                    confidence
                },
                note: join_note(head, note),
            });
        }
        let epoch = ctx.mapping.schema == Schema::Epoch;
        let rated = ctx.columns.name(Field::Confidence).is_some();
        let rating = ctx.get(r, Field::Confidence);
        let (confidence, head): (Confidence, &[&str]) = match (value.is_some(), epoch, rated) {
            (false, true, _) if !note.is_empty() => (Confidence::Unknown, &["Epoch AI:"]),
            (false, _, _) => (Confidence::Unknown, &[]),
            (true, true, _) if rating.is_empty() => {
                (Confidence::Estimated, &["Epoch AI, confidence not given."])
            }
            (true, true, _) => (
                Confidence::Estimated,
                &["Epoch AI, confidence: ", rating, "."],
            ),
            (true, false, true) if rating.is_empty() => (
                Confidence::Estimated,
                &["From ", ctx.file, ", confidence not given."],
            ),
            (true, false, true) => (
                Confidence::Estimated,
                &["From ", ctx.file, ", confidence: ", rating, "."],
            ),
            (true, false, false) => (
                Confidence::Reported,
                &["As given in ", ctx.file, " (no confidence column)."],
            ),
        };
        Ok(Quantity {
            value,
            confidence,
            note: join_note(head, note),
        })
    }

    fn add(&mut self, r: &dyn Record, ctx: &Context<'_>) -> Result<(), LoadError> {
        let model = self.convert(r, ctx)?;
        self.models.push(model);
        Ok(())
    }

    fn convert(&mut self, r: &dyn Record, ctx: &Context<'_>) -> Result<Model, LoadError> {
        let atlas = ctx.mapping.schema == Schema::Atlas;
        let name = ctx.get(r, Field::Name);
        if name.is_empty() {
            return Err(ctx.err(
                r,
                format!("{} (the model name) is empty", ctx.column_name(Field::Name)),
            ));
        }
        let raw_date = ctx.get(r, Field::Date);
        if raw_date.is_empty() {
            return Err(ctx.err(
                r,
                format!("{} (the date) is empty", ctx.column_name(Field::Date)),
            ));
        }
        let (date, mut date_precision) = parse_date(raw_date).ok_or_else(|| {
            ctx.err(
                r,
                format!(
                    "{} is not a date the atlas understands: {raw_date:?}",
                    ctx.column_name(Field::Date)
                ),
            )
        })?;
        let raw_precision = ctx.get(r, Field::DatePrecision);
        if !raw_precision.is_empty() {
            date_precision =
                DatePrecision::parse(&raw_precision.to_lowercase()).ok_or_else(|| {
                    ctx.err(
                        r,
                        format!(
                            "{} must be day, month or year, found {raw_precision:?}",
                            ctx.column_name(Field::DatePrecision)
                        ),
                    )
                })?;
        }
        let parameters = self.quantity(
            ctx,
            r,
            (
                Field::Parameters,
                Field::ParametersConfidence,
                Field::ParametersNote,
            ),
        )?;
        let training_tokens = self.quantity(
            ctx,
            r,
            (
                Field::TrainingTokens,
                Field::TrainingTokensConfidence,
                Field::TrainingTokensNote,
            ),
        )?;
        let training_compute = self.quantity(
            ctx,
            r,
            (
                Field::TrainingCompute,
                Field::TrainingComputeConfidence,
                Field::TrainingComputeNote,
            ),
        )?;
        let active_parameters = self.number(ctx, r, Field::ActiveParameters).0;
        let hardware_count = self.number(ctx, r, Field::HardwareCount).0;
        let training_days = match self.number(ctx, r, Field::TrainingDays).0 {
            Some(d) => Some(d),
            None => self
                .number(ctx, r, Field::TrainingHours)
                .0
                .map(|h| h / 24.0),
        };

        // Organizations: ids and names, then the lead's (or each one's) country and type.
        if self.derived.schema != Some(ctx.mapping.schema) {
            self.derived = Derived {
                schema: Some(ctx.mapping.schema),
                ..Derived::default()
            };
        }
        let explicit_ids = ctx.list(r, Field::OrganizationIds);
        let line = r.line();
        let orgs: Cow<'_, OrgCell> = if !explicit_ids.is_empty() {
            let names = ctx.list(r, Field::Organizations);
            Cow::Owned(OrgCell::new(explicit_ids, &names, &mut self.orgs, line))
        } else if let Some(raw) = ctx.text(r, Field::Organizations) {
            self.derived.orgs.get(raw, |raw| {
                OrgCell::named(&ctx.split(raw), &mut self.orgs, line)
            })
        } else {
            let names = ctx.list(r, Field::Organizations);
            Cow::Owned(OrgCell::named(&names, &mut self.orgs, line))
        };
        let (countries, kinds) = if atlas {
            (
                self.derived
                    .countries
                    .get(ctx.get(r, Field::Country), |c| vec![c.to_owned()]),
                self.derived
                    .kinds
                    .get(ctx.get(r, Field::OrgType), |k| vec![k.to_owned()]),
            )
        } else {
            let countries_of = |items: Vec<String>| -> Vec<String> {
                items.iter().map(|c| map_country(c)).collect()
            };
            let kinds_of = |items: Vec<String>| -> Vec<String> {
                items.iter().map(|k| map_org_type(k)).collect()
            };
            (
                match ctx.text(r, Field::Country) {
                    Some(raw) => self
                        .derived
                        .countries
                        .get(raw, |raw| countries_of(ctx.split(raw))),
                    None => Cow::Owned(countries_of(ctx.list(r, Field::Country))),
                },
                match ctx.text(r, Field::OrgType) {
                    Some(raw) => self.derived.kinds.get(raw, |raw| kinds_of(ctx.split(raw))),
                    None => Cow::Owned(kinds_of(ctx.list(r, Field::OrgType))),
                },
            )
        };
        let n_ids = orgs.ids.len();
        for (i, &slot) in orgs.slots.iter().enumerate() {
            let aligned_country = if countries.len() == n_ids {
                countries.get(i)
            } else if i == 0 {
                countries.first()
            } else {
                None
            };
            let aligned_kind = if kinds.len() == n_ids {
                kinds.get(i)
            } else if i == 0 {
                kinds.first()
            } else {
                None
            };
            if let Some(acc) = self.orgs.list.get_mut(slot) {
                if let Some(c) = aligned_country {
                    vote(&mut acc.countries, c);
                }
                if let Some(k) = aligned_kind {
                    vote(&mut acc.kinds, k);
                }
            }
        }
        let ids = match orgs {
            Cow::Borrowed(o) => o.ids.clone(),
            Cow::Owned(o) => o.ids,
        };

        let domain_raw = ctx.get(r, Field::Domain);
        let access_raw = ctx.get(r, Field::Access);
        let source_raw = ctx.get(r, Field::SourceUrl);
        let tasks = match ctx.text(r, Field::Tasks) {
            Some(raw) => self
                .derived
                .tasks
                .get(raw, |raw| task_list(atlas, ctx.split(raw)))
                .into_owned(),
            None => task_list(atlas, ctx.list(r, Field::Tasks)),
        };
        let (domain, access, source_url) = if atlas {
            (
                domain_raw.to_owned(),
                access_raw.to_owned(),
                source_raw.to_owned(),
            )
        } else {
            let domain = match ctx.text(r, Field::Domain) {
                Some(raw) => self
                    .derived
                    .domains
                    .get(raw, |raw| map_domain(&ctx.split(raw)))
                    .into_owned(),
                None => map_domain(&ctx.list(r, Field::Domain)),
            };
            (
                domain,
                self.derived.access.get(access_raw, map_access).into_owned(),
                first_url(source_raw),
            )
        };
        let epoch_name = match ctx.mapping.schema {
            Schema::Epoch if ctx.columns.name(Field::EpochName).is_none() => name.to_owned(),
            _ => ctx.get(r, Field::EpochName).to_owned(),
        };
        let explicit_id = ctx.get(r, Field::Id);
        let id = self.unique_id(if explicit_id.is_empty() {
            slug(name)
        } else {
            explicit_id.to_owned()
        });
        let mut model = Model {
            id,
            name: name.to_owned(),
            organizations: ids,
            date,
            date_precision,
            tasks,
            nums: Nums::default(),
            texts: Texts::default(),
            source_line: line,
        };
        for (n, q) in [
            (Num::Parameters, parameters),
            (
                Num::ActiveParameters,
                Quantity::from_value(active_parameters),
            ),
            (Num::TrainingTokens, training_tokens),
            (Num::TrainingCompute, training_compute),
            (Num::HardwareCount, Quantity::from_value(hardware_count)),
            (Num::TrainingDays, Quantity::from_value(training_days)),
        ] {
            *model.num_mut(n) = q;
        }
        for (t, v) in [
            (Text::DateNote, ctx.get(r, Field::DateNote).to_owned()),
            (Text::Domain, domain),
            (
                Text::Architecture,
                ctx.get(r, Field::Architecture).to_owned(),
            ),
            (
                Text::TrainingDataset,
                ctx.get(r, Field::TrainingDataset).to_owned(),
            ),
            (Text::Hardware, ctx.get(r, Field::Hardware).to_owned()),
            (Text::Access, access),
            (Text::License, ctx.get(r, Field::License).to_owned()),
            (Text::Description, ctx.get(r, Field::Description).to_owned()),
            (Text::SourceUrl, source_url),
            (Text::EpochName, epoch_name),
        ] {
            *model.text_mut(t) = v;
        }
        Ok(model)
    }

    fn build(mut self) -> (Vec<Model>, Vec<Organization>, Vec<LoadError>) {
        self.models.shrink_to_fit();
        let orgs = self.orgs.list.iter().map(OrgAcc::organization).collect();
        (self.models, orgs, self.problems)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::data::fixture::MODEL_COLUMNS;
    use crate::data::{parse_models, EMBEDDED};
    use proptest::prelude::*;

    /// The header and first 40 records of Epoch AI's notable-models CSV (CC BY 4.0).
    const FIXTURE: &str = include_str!("../../tests/fixtures/epoch_notable_2026-02_first40.csv");

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
        for c in MODEL_COLUMNS {
            assert!(
                super::super::schema::atlas_columns().iter().any(|a| a == c),
                "{c}"
            );
        }
        for f in Field::ALL {
            if let Some(c) = f.atlas_column() {
                assert!(
                    super::super::schema::atlas_columns().iter().any(|a| a == c),
                    "{c}"
                );
            }
        }
        let mut all = Field::ALL.to_vec();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), Field::ALL.len(), "no field listed twice");
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
                (expected_date, DatePrecision::Day)
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
            assert!(f("Link").contains(&m.text(Text::SourceUrl)));
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
        assert!(imp.preview().is_none(), "nothing read yet");
        let bytes = FIXTURE.as_bytes();
        let (head, tail) = bytes.split_at(bytes.len() / 2);
        imp.feed(head).expect("feed");
        let preview = imp.preview().expect("rows read");
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
        imp.feed(tail).expect("feed");
        let got = imp.finish().expect("finish");
        assert_eq!(
            got.dataset.models, whole.dataset.models,
            "the preview changes nothing"
        );
    }

    fn shared_data(name: &str) -> Option<String> {
        let path = format!("{}/../shared/data/{name}", env!("CARGO_MANIFEST_DIR"));
        match std::fs::read_to_string(&path) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!(
                    "SKIPPED: {path} is not readable ({e}); the full-file import test did not run"
                );
                None
            }
        }
    }

    fn check_full_epoch_file(name: &str, tokens_column: &str) {
        let Some(text) = shared_data(name) else {
            return;
        };
        let (headers, records) = reference(&text);
        let imp = import_text(name, &text, None).expect("imports");
        assert_eq!(imp.mapping.schema, Schema::Epoch);
        assert_eq!(
            imp.mapping.column(Field::TrainingTokens),
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
        // Every record with a name and a date loads; the rest are listed.
        let usable = records
            .iter()
            .filter(|(_, r)| {
                !field(&headers, r, "Model").is_empty()
                    && parse_date(field(&headers, r, "Publication date")).is_some()
            })
            .count();
        assert_eq!(imp.dataset.models.len(), usable);
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
    fn the_full_epoch_notable_file_loads_when_present() {
        check_full_epoch_file(
            "epoch_notable_ai_models_2026-02.csv",
            "Training dataset size (total)",
        );
    }

    #[test]
    fn the_full_epoch_large_scale_file_loads_when_present() {
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
        assert_eq!(imp.dataset.models, curated);
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
        let err = |bytes: &[u8]| {
            import_bytes("f", bytes, None, Limits::default()).expect_err("must fail")
        };
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
        assert_eq!(guess.column(Field::Parameters), Some("Params"));
        assert_eq!(guess.column(Field::ParametersNote), Some("Params notes"));
        assert_eq!(guess.column(Field::TrainingCompute), Some("FLOP"));
        assert_eq!(guess.column(Field::SourceUrl), Some("Link"));
        assert!(guess.missing_required().is_empty());

        let imp = import_text("mine.csv", text, None).expect("imports");
        let m = &imp.dataset.models;
        assert_eq!(m.len(), 3);
        assert_eq!(
            m[0].organizations,
            ["lab-a", "lab-b"],
            "`;` separates when present"
        );
        assert_eq!(m[0].date, Date::new(2020, 5, 1).expect("d"));
        assert_eq!(m[0].date_precision, DatePrecision::Month);
        assert_eq!(
            m[1].date,
            Date::new(2021, 5, 28).expect("d"),
            "month/day/year"
        );
        assert_eq!(m[2].date, Date::new(2022, 5, 28).expect("d"));
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
            2,
            "the last row waits for its line end"
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
    fn dates_in_common_forms() {
        let d = |s: &str| parse_date(s).map(|(d, p)| (d.to_string(), p));
        use DatePrecision::*;
        assert_eq!(d("2020-05-28"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("2020/05/28"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("28.05.2020"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("05/28/2020"), Some(("2020-05-28".into(), Day)));
        assert_eq!(
            d("03/04/2020"),
            Some(("2020-04-03".into(), Day)),
            "day first when ambiguous"
        );
        assert_eq!(d("2020-05"), Some(("2020-05-01".into(), Month)));
        assert_eq!(d("2020"), Some(("2020-01-01".into(), Year)));
        assert_eq!(d("2020.0"), Some(("2020-01-01".into(), Year)));
        assert_eq!(d("2020-05-28T12:00:00Z"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("May 2020"), Some(("2020-05-01".into(), Month)));
        assert_eq!(d("Sept. 2019"), Some(("2019-09-01".into(), Month)));
        assert_eq!(d("28 May 2020"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("May 28, 2020"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("December 1st, 2021"), Some(("2021-12-01".into(), Day)));
        for bad in ["", "soon", "2020-02-30", "13/13/2020", "Mayo 2020", "43831"] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    #[test]
    fn lists_slugs_and_vocabularies() {
        assert_eq!(
            split_quoted(
                r#"NVIDIA,"NERSC, Lawrence Berkeley National Laboratory", Rice University,"#
            ),
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
    fn json_numbers_keep_their_exact_value() {
        // A value serde_json (without `float_roundtrip`) reads one ulp off; found by proptest.
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
    fn json_reader_reports_errors_and_refuses_deep_nesting() {
        for (bad, why) in [
            ("{\"a\" 1}", "expected ':'"),
            ("{\"a\": tru}", "expected true"),
            ("{\"a\": 01}", "expected ',' or '}'"),
            ("{\"a\": 1.}", "expected a digit"),
            ("{\"a\": \"x\ny\"}", "control character"),
            ("{\"a\": \"\\q\"}", "escape"),
            ("{\"a\": [1, 2}", "expected ',' or ']'"),
            ("{a: 1}", "a key in quotes"),
        ] {
            let err = JsonParser::parse(bad.as_bytes()).expect_err(bad);
            assert!(err.1.contains(why), "{bad}: {}", err.1);
        }
        let ok =
            JsonParser::parse(br#"{"s": "\u00e9\ud83d\ude00\n", "n": -1.5e-3, "l": [true, null]}"#)
                .expect("valid");
        let mut out = String::new();
        ok.write(&mut out);
        assert_eq!(out, "{\"s\":\"é😀\\n\",\"n\":-1.5e-3,\"l\":[true,null]}");
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
        fn the_json_reader_reads_what_serde_json_writes(v in arbitrary_json()) {
            let text = serde_json::to_string(&v).expect("serializes");
            let parsed = JsonParser::parse(text.as_bytes()).expect("parses");
            let mut out = String::new();
            parsed.write(&mut out);
            prop_assert_eq!(out, text);
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
}
