//! What the page and the import worker say to each other, and the page's side of putting a
//! dataset back together from the worker's messages.
//!
//! The importer (CSV and JSON reading, the mapping guess, the Epoch vocabulary) runs in a Web
//! Worker, a separate wasm module that only people who open a file download (see
//! ARCHITECTURE.md). Every message is one byte buffer in [postcard]'s compact binary format,
//! which the worker transfers to the page (no copy, no JavaScript objects per row). Models
//! travel in chunks of at most [`CHUNK_MODELS`], so the page decodes one chunk per task and
//! stays responsive while a million rows arrive.
//!
//! This module is pure Rust: the worker's driver is `import::Session`, the page puts the
//! dataset and its index together with `query::Incoming`, and the browser glue is in
//! `ui::worker` and `bin/import-worker.rs`.

use serde::{Deserialize, Serialize};

use super::{Format, LoadError, Mapping, Model, Organization, Schema};

/// The most models one [`FromWorker::Models`] message carries: a chunk decodes and is indexed
/// in a few milliseconds, a fraction of a frame (2 500 models of Epoch AI's columns took
/// 6–20 ms on this project's 2-core machine, logged per message during a 100 000-row import,
/// so a frame that handled one after others ran long).
pub const CHUNK_MODELS: usize = 1_000;

/// The most models the first-rows preview carries: a screenful many times over, and quick to
/// decode and show (5 000 models of Epoch AI's columns took 25–33 ms to decode, 2 000 took
/// 12–15 ms, and the frame that showed them ran long).
pub const PREVIEW_MODELS: usize = 500;

/// How long the page handles the worker's messages per animation frame, in milliseconds: with
/// the frame's own work (a progress bar; the table only when the first rows or the whole file
/// arrive), a frame stays within 16.7 ms (60 per second) while a big file arrives. A smaller
/// budget stretches the arrival: at 8 ms, before the models were streamed, 100 000 rows took
/// ~0.5 s from the worker's last chunk to the table; 10 ms, tried since, changed nothing
/// measurable.
pub const FRAME_BUDGET_MS: f64 = 12.0;

/// How many bytes the worker reads and parses at a time after the first range (progress is
/// reported after each). Each range costs a read into a new buffer, a copy into the worker's
/// memory and its messages, and the page re-renders the progress bar: at 2 MB, 1 000 000 rows
/// took 5.4–5.6 s to all rows, at 8 MB 4.5 s (the benchmark's 398 MB file).
pub const SLICE_BYTES: u64 = 8 * 1024 * 1024;

/// The first range is smaller, so a big file's first rows show sooner (2 MB: painted ≈ 170 ms
/// after the file is handed over; 8 MB: ≈ 220 ms).
pub const FIRST_SLICE_BYTES: u64 = 2 * 1024 * 1024;

/// A `File`'s size as the browser gives it (an `f64`) in bytes: a whole number well below
/// 2^53, so exact; anything else (not finite, negative) is read as 0, an empty file.
pub fn file_bytes(size: f64) -> u64 {
    if size.is_finite() && size >= 0.0 {
        size as u64
    } else {
        0
    }
}

/// A message from the page to the worker (the file itself is posted as a `File` object).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// The user's mapping for a file the worker could not map by itself.
    SetMapping(Mapping),
}

/// How far the reading is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// Bytes read.
    pub bytes: u64,
    /// The file's size.
    pub total: u64,
    /// Data rows read so far.
    pub records: u64,
}

/// A message from the worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker has started and listens.
    Ready,
    /// Progress.
    Progress(Reading),
    /// The file's columns are not recognized: the user confirms or corrects the guess.
    NeedsMapping {
        /// The column names.
        headers: Vec<String>,
        /// The first values of each record (for the dialog).
        samples: Vec<Vec<String>>,
        /// The guessed mapping.
        mapping: Mapping,
    },
    /// The first rows, shown while the rest of the file is read.
    Preview {
        /// The models read so far.
        models: Vec<Model>,
        /// Their organizations.
        organizations: Vec<Organization>,
        /// CSV or JSON.
        format: Format,
        /// The column names used.
        schema: Schema,
    },
    /// The first models are read: they and the rest follow in [`FromWorker::Models`] chunks
    /// while the file is read, then [`FromWorker::Done`].
    Begin {
        /// How many models the whole file likely holds (the page makes room for them at
        /// once): the importer's estimate from the first rows, or the models read so far when
        /// the file's size tells nothing more.
        expected: usize,
    },
    /// The next models, in file order, as soon as they are read (the page decodes and
    /// indexes them while the worker reads on).
    Models {
        /// The models.
        models: Vec<Model>,
        /// The organizations first met in these models (or before them), in the order met:
        /// their names are final, their country and type come with [`FromWorker::Done`].
        organizations: Vec<Organization>,
    },
    /// The file is read; the last [`FromWorker::Models`] chunk came before.
    Done(Summary),
    /// The file cannot be read.
    Failed {
        /// Why, in words.
        message: String,
        /// Rows skipped before the failure (listed with the message).
        skipped: Vec<LoadError>,
    },
}

/// Encodes a message (postcard cannot fail on these types; an empty buffer would be answered
/// by [`decode`]'s error).
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    postcard::to_allocvec(message).unwrap_or_default()
}

/// Decodes a message, or says the bytes are not one.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    postcard::from_bytes(bytes)
        .map_err(|e| format!("The import worker's message is not readable ({e})."))
}

/// The end of an import: what was skipped or left empty, and how the file was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// All organizations, in the order their models' chunks brought them, now with the
    /// country and type most of their rows gave.
    pub organizations: Vec<Organization>,
    /// Rows that were skipped.
    pub skipped: Vec<LoadError>,
    /// Values left empty.
    pub problems: Vec<LoadError>,
    /// Remarks about the whole file.
    pub notices: Vec<String>,
    /// CSV or JSON.
    pub format: Format,
    /// The column names used.
    pub schema: Schema,
}
