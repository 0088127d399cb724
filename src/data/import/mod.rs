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
//!   element: each element's bytes are found by a scan that also measures its nesting (at most
//!   64 levels), and serde_json parses it. Numbers are parsed exactly, so they read back to the
//!   same values. An array value is a list (organizations, tasks); a nested object is kept as
//!   compact JSON text.
//!
//! # Three schemas ([`Schema`])
//!
//! * **Atlas**: the atlas's own `models.csv` columns plus the export's `organization_names`,
//!   `country` and `org_type` ([`ATLAS_COLUMNS`]). Values are taken as they are, so an export
//!   re-imports exactly. In CSV, a text cell the export neutralized against formula injection
//!   (a leading `'` before what it neutralizes, see `crate::export`) has that one `'` removed
//!   again; this is done only for the atlas's own CSV schema, never for other files, where a
//!   leading `'` is data.
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
//! Dates: see [`super::parse_date`]. Numbers: plain, scientific (`3.1e23`) or with thousands
//! separators (`1,500,000`); an empty cell is unknown. Text cells are trimmed, as the loader
//! does for every file.

mod atlas;
mod builder;
mod csv_scan;
mod epoch;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod hardening_tests;
mod importer;
mod json;
mod limits;
mod mapping;
mod row;
mod session;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use epoch::{map_access, map_country, map_domain, map_org_type, map_task};
pub use importer::Importer;
pub use limits::{limits_text, ImportError, Limits, MAX_FILE_BYTES, MAX_ROWS};
pub use mapping::{detect_mapping, resolve_column, Field, Format, Mapping, Schema, LISTED_COLUMNS};
pub use row::{slug, split_quoted};
pub use session::{Finished, Session};

use super::{Dataset, LoadError};

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

impl Imported {
    /// Whether `other` read the same: the same models and organizations, skipped rows,
    /// problems, mapping, format, record count and notices (for checks that a file's result
    /// does not depend on how it was sliced).
    pub fn same_as(&self, other: &Imported) -> bool {
        self.dataset.models == other.dataset.models
            && self.dataset.organizations == other.dataset.organizations
            && self.skipped == other.skipped
            && self.problems == other.problems
            && self.mapping == other.mapping
            && self.format == other.format
            && self.records == other.records
            && self.notices == other.notices
    }
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

/// Imports `bytes` fed in slices of the given sizes (the last slice takes what is left; a
/// size of 0 feeds an empty slice), then like [`import_bytes`]: the result must not depend
/// on the sizes.
pub fn import_in_slices(
    name: &str,
    bytes: &[u8],
    sizes: impl IntoIterator<Item = usize>,
    mapping: Option<&Mapping>,
    limits: Limits,
) -> Result<Imported, ImportError> {
    let mut importer = Importer::new(name, None, limits)?;
    if let Some(m) = mapping {
        importer.set_mapping(m.clone());
    }
    let mut rest = bytes;
    for size in sizes {
        let (piece, after) = rest.split_at(size.min(rest.len()));
        importer.feed(piece)?;
        rest = after;
    }
    importer.feed(rest)?;
    finish_guessing(importer)
}

/// Ends `importer`'s input and finishes it with the recognized or guessed mapping.
fn finish_guessing(mut importer: Importer) -> Result<Imported, ImportError> {
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
    finish_guessing(importer)
}
