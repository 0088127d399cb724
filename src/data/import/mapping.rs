//! Which column of a file fills which atlas field: the fields, the mapping, and its guess from
//! a file's header names.

use crate::data::{Num, Text};
use std::collections::{BTreeMap, HashMap, HashSet};

use super::atlas::{atlas_mapping, is_atlas_schema};
use super::epoch::{is_epoch_schema, EPOCH_COLUMNS};

/// The file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// An atlas field that a column of an imported file can fill: the model's identity and
/// organizations, and every field of the schema ([`Num`] with its confidence and note, [`Text`]).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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
    /// Tasks.
    Tasks,
    /// One confidence rating for all of the row's numbers (Epoch's `Confidence`).
    Confidence,
    /// Training time in hours (converted to days).
    TrainingHours,
    /// Model id (slug); made from the name when absent.
    Id,
    /// Organization ids (the atlas export's `organizations`).
    OrganizationIds,
    /// Date precision (`day`, `month`, `year`).
    DatePrecision,
    /// A number of the schema.
    Num(Num),
    /// A number's confidence.
    NumConfidence(Num),
    /// A note on a number.
    NumNote(Num),
    /// A text field of the schema.
    Text(Text),
}

/// The fields that are not numbers or texts of the schema, in [`Field::index`] order.
const SPECIAL: [Field; 11] = [
    Field::Name,
    Field::Date,
    Field::Organizations,
    Field::Country,
    Field::OrgType,
    Field::Tasks,
    Field::Confidence,
    Field::TrainingHours,
    Field::Id,
    Field::OrganizationIds,
    Field::DatePrecision,
];

impl Field {
    /// How many fields there are.
    pub const COUNT: usize = SPECIAL.len() + 3 * Num::COUNT + Text::COUNT;

    /// A dense index in `0..COUNT` (for per-field arrays).
    pub fn index(self) -> usize {
        let k = SPECIAL.len();
        let n = Num::COUNT;
        match self {
            Field::Num(x) => k + x as usize,
            Field::NumConfidence(x) => k + n + x as usize,
            Field::NumNote(x) => k + 2 * n + x as usize,
            Field::Text(t) => k + 3 * n + t as usize,
            // SPECIAL's order (a test checks the indexes are 0..COUNT, each once); a match,
            // not a search, as this runs for every cell of an import.
            Field::Name => 0,
            Field::Date => 1,
            Field::Organizations => 2,
            Field::Country => 3,
            Field::OrgType => 4,
            Field::Tasks => 5,
            Field::Confidence => 6,
            Field::TrainingHours => 7,
            Field::Id => 8,
            Field::OrganizationIds => 9,
            Field::DatePrecision => 10,
        }
    }

    /// Every field, in the mapping dialog's order.
    pub fn all() -> Vec<Field> {
        let mut out = vec![
            Field::Name,
            Field::Date,
            Field::Organizations,
            Field::Country,
            Field::OrgType,
            Field::Text(Text::Domain),
            Field::Tasks,
            Field::Text(Text::Architecture),
        ];
        for &n in Num::ALL {
            out.extend([Field::Num(n), Field::NumNote(n), Field::NumConfidence(n)]);
        }
        out.extend([Field::Confidence, Field::TrainingHours]);
        out.extend(
            Text::ALL
                .iter()
                .filter(|t| !matches!(t, Text::Domain | Text::Architecture))
                .map(|&t| Field::Text(t)),
        );
        out.extend([Field::Id, Field::OrganizationIds, Field::DatePrecision]);
        out
    }

    /// The label in the mapping dialog.
    pub fn label(self) -> String {
        match self {
            Field::Name => "Model name".into(),
            Field::Date => "Publication date".into(),
            Field::Organizations => "Organizations".into(),
            Field::Country => "Country".into(),
            Field::OrgType => "Organization type".into(),
            Field::Tasks => "Tasks".into(),
            Field::Confidence => "Confidence of the row's numbers".into(),
            Field::TrainingHours => "Training time (hours)".into(),
            Field::Id => "Id".into(),
            Field::OrganizationIds => "Organization ids".into(),
            Field::DatePrecision => "Date precision".into(),
            Field::Num(n) => n.def().label.into(),
            Field::NumConfidence(n) => format!("{}: confidence", n.def().label),
            Field::NumNote(n) => format!("{}: note", n.def().label),
            Field::Text(t) => t.def().label.into(),
        }
    }

    /// Whether a model cannot be built without it.
    pub fn is_required(self) -> bool {
        matches!(self, Field::Name | Field::Date)
    }
}

/// Which column of a file fills which atlas field, and how values are read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
        Field::all()
            .into_iter()
            .filter(|f| f.is_required() && !self.columns.contains_key(f))
            .collect()
    }
}

/// Up to this many columns, the mapping dialog offers each field a list of every column; a
/// wider file gets a searchable picker instead (one shared list of the columns, filtered as
/// the user types), so that the dialog does not render fields × columns options.
pub const LISTED_COLUMNS: usize = 200;

/// The column of `headers` that the text typed in a column picker names: the column of that
/// exact name, else the only column whose name matches when letters, digits and case alone
/// count (`publication date` → `Publication date`); `None` when none or several match.
pub fn resolve_column<'h>(headers: &'h [String], typed: &str) -> Option<&'h str> {
    let typed = typed.trim();
    if let Some(h) = headers.iter().find(|h| h.as_str() == typed) {
        return Some(h);
    }
    let want = normalize_header(typed);
    if want.is_empty() {
        return None;
    }
    let mut found = headers.iter().filter(|h| normalize_header(h) == want);
    match (found.next(), found.next()) {
        (Some(h), None) => Some(h),
        _ => None,
    }
}

/// Lower-cases and keeps only letters and digits: `Publication date` → `publicationdate`.
pub(super) fn normalize_header(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

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
    (
        Field::Text(Text::Domain),
        &["domain", "domains", "modality"],
    ),
    (Field::Tasks, &["task", "tasks", "capabilities"]),
    (Field::Text(Text::Architecture), &["architecture", "arch"]),
    (
        Field::Num(Num::Parameters),
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
        Field::Num(Num::TrainingCompute),
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
        Field::Num(Num::TrainingTokens),
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
        Field::Num(Num::ActiveParameters),
        &["activeparameters", "activeparams"],
    ),
    (
        Field::Text(Text::TrainingDataset),
        &["trainingdataset", "trainingdata", "dataset"],
    ),
    (
        Field::Text(Text::Hardware),
        &["hardware", "traininghardware", "chip", "accelerator"],
    ),
    (
        Field::Num(Num::HardwareCount),
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
        Field::Num(Num::TrainingDays),
        &["trainingdays", "trainingtimedays", "days"],
    ),
    (
        Field::TrainingHours,
        &["trainingtimehours", "traininghours", "hours"],
    ),
    (
        Field::Text(Text::Access),
        &[
            "access",
            "accessibility",
            "modelaccessibility",
            "availability",
        ],
    ),
    (Field::Text(Text::License), &["license", "licence"]),
    (Field::Text(Text::Description), &["description", "summary"]),
    (
        Field::Text(Text::SourceUrl),
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

/// Guesses the mapping from a file's header names: the atlas's own schema and Epoch AI's
/// column names are recognized exactly; other files get guesses from common names, and a
/// `<column> notes` / `<column> confidence` beside a mapped number becomes its note or
/// confidence.
pub fn detect_mapping(headers: &[String]) -> Mapping {
    if is_atlas_schema(headers) {
        return atlas_mapping(headers);
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
    // Each header normalized once, and where each normalized name first occurs (a wide file
    // has thousands of columns: no pass over them per field and name).
    let norm: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in norm.iter().enumerate() {
        at.entry(n.as_str()).or_default().push(i);
    }
    // Headers taken, by name (a name used once is used in every column that has it).
    let mut used: HashSet<&str> = HashSet::new();
    let is_used =
        |used: &HashSet<&str>, i: usize| headers.get(i).is_none_or(|h| used.contains(h.as_str()));
    // Exact names first (synonyms and the atlas's own column names).
    for f in Field::all() {
        let mut names: Vec<String> = SYNONYMS
            .iter()
            .filter(|(g, _)| *g == f)
            .flat_map(|(_, n)| n.iter().map(|s| (*s).to_owned()))
            .collect();
        if let Some(a) = f.atlas_column() {
            names.push(normalize_header(&a));
        }
        // The first header, in the file's order, that is unused and has one of the names.
        let first = names
            .iter()
            .filter_map(|n| at.get(n.as_str()))
            .filter_map(|list| list.iter().copied().find(|&i| !is_used(&used, i)))
            .min();
        if let Some(i) = first {
            if let Some(h) = headers.get(i) {
                used.insert(h);
                m.set(f, Some(h));
            }
        }
    }
    // Looser guesses for the fields that matter most.
    let loose: [(Field, &[&str], &[&str]); 4] = [
        (Field::Name, &["model", "name"], &["id", "note", "org"]),
        (Field::Date, &["date", "year"], &["note", "precision"]),
        (
            Field::Num(Num::Parameters),
            &["param"],
            &["note", "active", "confidence"],
        ),
        (
            Field::Num(Num::TrainingCompute),
            &["compute", "flop"],
            &["note", "confidence", "cost", "finetun"],
        ),
    ];
    for (f, want, avoid) in loose {
        if m.column(f).is_some() {
            continue;
        }
        let found = norm.iter().enumerate().position(|(i, n)| {
            !is_used(&used, i)
                && !n.is_empty()
                && want.iter().any(|w| n.contains(w))
                && !avoid.iter().any(|a| n.contains(a))
        });
        if let Some(i) = found {
            if let Some(h) = headers.get(i) {
                used.insert(h);
                m.set(f, Some(h));
            }
        }
    }
    // Notes and confidences beside mapped numbers.
    let pairs = [
        (
            Field::Num(Num::Parameters),
            Field::NumNote(Num::Parameters),
            Field::NumConfidence(Num::Parameters),
        ),
        (
            Field::Num(Num::TrainingCompute),
            Field::NumNote(Num::TrainingCompute),
            Field::NumConfidence(Num::TrainingCompute),
        ),
        (
            Field::Num(Num::TrainingTokens),
            Field::NumNote(Num::TrainingTokens),
            Field::NumConfidence(Num::TrainingTokens),
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
            let wanted = suffixes.map(|s| format!("{base}{s}"));
            let found = norm
                .iter()
                .enumerate()
                .position(|(i, n)| !is_used(&used, i) && wanted.contains(n));
            if let Some(i) = found {
                if let Some(h) = headers.get(i) {
                    used.insert(h);
                    m.set(target, Some(h));
                }
            }
        }
    }
    m
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod picker_tests {
    use super::*;

    #[test]
    fn typed_column_names_resolve_to_one_column() {
        let h: Vec<String> = ["Model", "Publication date", "Notes", "notes!"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(resolve_column(&h, "Model"), Some("Model"));
        assert_eq!(
            resolve_column(&h, " publication DATE "),
            Some("Publication date")
        );
        assert_eq!(resolve_column(&h, "notes!"), Some("notes!"), "exact first");
        assert_eq!(resolve_column(&h, "NOTES"), None, "two columns match");
        assert_eq!(resolve_column(&h, "nothing"), None);
        assert_eq!(resolve_column(&h, ""), None);
    }
}

/// Maps `column`, a column that first appears after the header was read (a key of a later
/// JSON object), to the field it names, when that field has no column yet: in a recognized
/// schema (the atlas's own columns, Epoch AI's) always, and in a guess for other files
/// (`guess`, before the user confirms it) when the name is one the guess takes exactly. A
/// mapping the user confirmed is left as it is.
pub(super) fn extend_mapping(m: &mut Mapping, column: &str, guess: bool) {
    let n = normalize_header(column);
    let field = match m.schema {
        Schema::Atlas => Field::all()
            .into_iter()
            .find(|f| f.atlas_column().as_deref() == Some(column)),
        Schema::Epoch => EPOCH_COLUMNS
            .iter()
            .find(|(_, names)| names.iter().any(|c| normalize_header(c) == n))
            .map(|(f, _)| *f),
        Schema::Custom if guess => Field::all().into_iter().find(|&f| {
            m.column(f).is_none()
                && (SYNONYMS
                    .iter()
                    .any(|(g, names)| *g == f && names.contains(&n.as_str()))
                    || f.atlas_column().is_some_and(|a| normalize_header(&a) == n))
        }),
        Schema::Custom => None,
    };
    if let Some(f) = field.filter(|f| m.column(*f).is_none()) {
        m.set(f, Some(column));
    }
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
