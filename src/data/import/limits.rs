//! Size limits and the errors that stop an import.

use std::fmt;

use super::super::LoadError;

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
