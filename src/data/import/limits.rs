//! Size limits and the errors that stop an import.

use std::fmt;

use super::super::LoadError;

/// The largest file the importer reads: 512 MiB.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The most data rows the importer reads: 1,000,000.
pub const MAX_ROWS: u64 = 1_000_000;

/// The address space of a WebAssembly (wasm32) memory: 4 GiB, the most any browser lets the
/// app's memory grow to (a browser may give less on a small device).
pub const MEMORY_SPACE: u64 = 4 << 30;

/// Bytes of memory an import needs per byte of the file, for the text it keeps: held once in
/// the models and once more, folded, in the search index (measured natively: 1.0–1.1 for
/// Epoch AI's exports, 1.7 for an atlas file of long descriptions).
pub const MEMORY_PER_BYTE: u64 = 2;

/// Size limits, enforced with an [`ImportError`] rather than a crash or a frozen tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file, in bytes.
    pub max_bytes: u64,
    /// The most data rows (good and malformed together).
    pub max_rows: u64,
    /// The memory an import may need, in bytes (see [`memory_needed`]): by default
    /// [`MEMORY_SPACE`] less the memory in use when the limits are made ([`memory_budget`]).
    pub max_memory: u64,
}

impl Default for Limits {
    /// The file and row limits, and the memory left now ([`memory_budget`] of
    /// [`memory_in_use`]): make the limits when an import starts.
    fn default() -> Self {
        Self {
            max_bytes: MAX_FILE_BYTES,
            max_rows: MAX_ROWS,
            max_memory: memory_budget(memory_in_use()),
        }
    }
}

impl Limits {
    /// Whether a file of `bytes` bytes may be read at all (too large, or empty).
    pub fn check_size(&self, bytes: u64) -> Result<(), ImportError> {
        if bytes > self.max_bytes {
            return Err(ImportError::TooLarge {
                bytes,
                max: self.max_bytes,
            });
        }
        if bytes == 0 {
            return Err(ImportError::Empty);
        }
        Ok(())
    }

    /// Refuses an import of a `bytes`-byte file with (an estimate of) `rows` rows when the
    /// memory it would need ([`memory_needed`]) exceeds [`Limits::max_memory`]. The importer
    /// checks it before it allocates for the file: from the size alone when it starts, and
    /// with the rows the first slice predicts before it reserves room for the models.
    pub fn check_memory(&self, bytes: u64, rows: u64) -> Result<(), ImportError> {
        let needed = memory_needed(bytes, rows);
        if needed > self.max_memory {
            return Err(ImportError::OutOfMemory {
                needed,
                budget: self.max_memory,
            });
        }
        Ok(())
    }
}

/// An estimate of the memory that importing a `bytes`-byte file of `rows` rows needs, in
/// bytes: `MEMORY_PER_BYTE × bytes + rows × 2 × size_of::<Model>()` (the models with their
/// text, the dataset's per-row tables and the search index). Natively a model is 1 032 bytes
/// and the measured need 1 200–1 500 bytes per row (100 000 short rows) and 1.0–1.7 per byte.
/// On wasm32 a model is 616 bytes, and the rule errs high for ordinary files: 2.0 GB for the
/// 1 000 000-row, 398 MB benchmark file, whose load leaves 1.19 GB of wasm memory
/// (BENCHMARKS.md), so any file within the size and row limits fits in a fresh page (at most
/// 1 GiB + 1.23 GB) and the rule refuses only when the page already holds much.
///
/// It is an estimate, not a bound: text that grows as it is read needs more (each byte that
/// is not UTF-8 becomes the 3-byte U+FFFD; each item of a list becomes a string of its own, so
/// a list of one-character items takes ≈ 28 bytes per byte natively). When such a file
/// exhausts the memory anyway, the import worker stops and the page says so, keeping the
/// data it shows.
pub fn memory_needed(bytes: u64, rows: u64) -> u64 {
    let model = u64::try_from(std::mem::size_of::<super::super::Model>()).unwrap_or(u64::MAX);
    bytes
        .saturating_mul(MEMORY_PER_BYTE)
        .saturating_add(rows.saturating_mul(model.saturating_mul(2)))
}

/// The memory an import may need when `in_use` bytes are in use: [`MEMORY_SPACE`] less
/// `in_use` (in the browser the import worker's own memory, a fresh module per file; the
/// page decodes the models into its own 4 GiB space).
pub fn memory_budget(in_use: u64) -> u64 {
    MEMORY_SPACE.saturating_sub(in_use)
}

/// The memory in use: on wasm32 the size of the module's linear memory (pages × 64 KiB), which
/// never shrinks, so it also counts space freed since it grew (the budget errs low); 0 on
/// other targets, where the operating system's memory is not a 4 GiB space.
pub fn memory_in_use() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        let pages = u64::try_from(core::arch::wasm32::memory_size(0)).unwrap_or(u64::MAX);
        pages.saturating_mul(64 * 1024)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
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
    /// Opening the file would need more memory than the page has left ([`Limits::check_memory`]).
    OutOfMemory {
        /// The estimated need, in bytes ([`memory_needed`]).
        needed: u64,
        /// The memory left, in bytes ([`Limits::max_memory`]).
        budget: u64,
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
            Self::OutOfMemory { needed, budget } => write!(
                f,
                "The file would need about {} of memory to open, more than the {} this page \
                 has left; open a smaller file, or reload the page to free the memory of \
                 earlier files.",
                megabytes(*needed),
                megabytes(*budget)
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

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)] // Test code: a failed assumption is a failed test.
    use super::*;

    #[test]
    fn the_memory_rule_counts_bytes_and_rows_against_what_is_left() {
        let model = u64::try_from(std::mem::size_of::<crate::data::Model>()).expect("size");
        assert_eq!(memory_needed(0, 0), 0);
        assert_eq!(memory_needed(1000, 0), 2000);
        assert_eq!(memory_needed(1000, 3), 2000 + 6 * model);
        assert_eq!(memory_needed(u64::MAX, u64::MAX), u64::MAX, "saturates");
        assert_eq!(memory_budget(0), MEMORY_SPACE);
        assert_eq!(memory_budget(1 << 30), 3 << 30);
        assert_eq!(memory_budget(5 << 30), 0);
        // Natively nothing counts as in use: the whole space is the budget.
        assert_eq!(Limits::default().max_memory, MEMORY_SPACE);
        let limits = Limits {
            max_memory: 1 << 30,
            ..Limits::default()
        };
        assert_eq!(limits.check_memory(512 << 20, 0), Ok(()));
        let e = limits.check_memory(512 << 20, 1).expect_err("over");
        assert_eq!(
            e,
            ImportError::OutOfMemory {
                needed: (1 << 30) + 2 * model,
                budget: 1 << 30
            }
        );
        assert!(
            e.to_string().starts_with(
                "The file would need about 1024 MB of memory to open, more than the 1024 MB"
            ),
            "{e}"
        );
    }
}
