//! Raw CSV records found by slice: record boundaries, blank and malformed records.

use super::super::load::csv_reader;
use super::mapping::Field;
use super::row::{trim, Columns, Record};
use crate::export::needs_neutralizing;

/// A CSV record, with its line in the whole file.
pub(super) struct CsvRecord<'a> {
    pub(super) record: &'a csv::StringRecord,
    pub(super) line: u64,
    /// Whether to remove the export's formula-neutralizing `'` (atlas schema only; see
    /// [`Record::get`] for which `'` that is).
    pub(super) unquote: bool,
}

impl Record for CsvRecord<'_> {
    /// The trimmed cell; in the atlas schema, without a leading `'` that the export's
    /// [`crate::export::neutralize`] wrote: one followed by what it neutralizes ([`needs_neutralizing`]).
    /// Any other leading `'` is data: removing it too (a `'` before line ends, say) gave a
    /// value that the next export wrote without a `'` and the next import read differently.
    fn get(&self, columns: &Columns<'_>, f: Field) -> &str {
        let v = columns
            .position(f)
            .and_then(|i| self.record.get(i))
            .map_or("", trim);
        // A byte test first: `strip_prefix` with a char compares through `memcmp`, a call per
        // cell (≈ 2 % of a big import's parse, profiled natively).
        if !self.unquote || v.as_bytes().first() != Some(&b'\'') {
            return v;
        }
        match v.get(1..) {
            Some(rest) if needs_neutralizing(rest) => rest,
            _ => v,
        }
    }

    fn line(&self) -> u64 {
        self.line
    }
}

/// A CSV record found by the boundary scan, relative to the buffer.
pub(super) struct RawRecord {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) blank: bool,
}

/// A reader of the CSV records in `buf`, a piece of a file whose own byte-order mark (if any)
/// was already stripped, in the project's dialect ([`csv_reader`]), keeping a BOM at the start
/// of `buf`.
///
/// The csv crate drops a BOM at the start of its input, which is right only at the file's
/// start (the importer strips that one itself when it detects the format). Elsewhere a BOM is
/// data, the start of a record's first field: dropping it whenever a slice left it at the
/// start of the buffer made a record such as a final `U+FEFF` line blank or not depending on
/// how the file was sliced.
pub(super) fn scan_reader(buf: &[u8]) -> csv::Reader<KeepBom<'_>> {
    csv_reader(
        KeepBom {
            rest: buf,
            started: false,
        },
        false,
    )
}

/// The bytes of a buffer, read so that a csv reader does not drop a byte-order mark at their
/// start: the first read gives a single byte, and the crate only drops a BOM it sees whole in
/// its first input (the test `a_bom_that_starts_a_line_is_data_however_the_file_is_sliced`
/// checks that rule).
pub(super) struct KeepBom<'a> {
    rest: &'a [u8],
    started: bool,
}

impl std::io::Read for KeepBom<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = if self.started {
            out.len()
        } else {
            self.started = true;
            out.len().min(1)
        };
        let (now, later) = self.rest.split_at(n.min(self.rest.len()));
        let read = now.len();
        if let Some(dst) = out.get_mut(..read) {
            dst.copy_from_slice(now);
        }
        self.rest = later;
        Ok(read)
    }
}

/// Finds the complete records in `buf` (all of them when `last`), up to `max`.
pub(super) fn raw_records(buf: &[u8], last: bool, max: usize) -> Vec<RawRecord> {
    let mut reader = scan_reader(buf);
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
pub(super) fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|f| f.trim_ascii().is_empty())
}

pub(super) fn count_newlines(b: &[u8]) -> u64 {
    u64::try_from(memchr::memchr_iter(b'\n', b).count()).unwrap_or(u64::MAX)
}

/// The record in `raw` (the bytes of one record that are not valid UTF-8) with the invalid
/// bytes replaced by U+FFFD; replacing them changes no comma, quote or line end, so the
/// fields are those of the original record.
pub(super) fn lossy_record(raw: &[u8]) -> Option<csv::StringRecord> {
    let text = String::from_utf8_lossy(raw);
    let mut reader = scan_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => Some(record),
        Ok(false) | Err(_) => None,
    }
}

/// Adds the notice that invalid UTF-8 was replaced (once).
pub(super) fn note_invalid_utf8(notices: &mut Vec<String>) {
    let note = "Some bytes were not valid UTF-8 and were replaced with \u{fffd}.";
    if !notices.iter().any(|n| n == note) {
        notices.push(note.to_owned());
    }
}

pub(super) fn trim_line_end(b: &[u8]) -> &[u8] {
    let mut end = b.len();
    while end > 0 && matches!(b.get(end - 1), Some(b'\n' | b'\r')) {
        end -= 1;
    }
    b.get(..end).unwrap_or(b)
}
