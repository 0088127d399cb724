//! The slice-fed importer.

use std::borrow::Cow;
use std::collections::HashSet;

use super::super::{CsvTable, Dataset, LoadError, Model, Organization};
use super::builder::{Builder, OrgAcc};
use super::csv_scan::{
    count_newlines, is_blank, lossy_record, note_invalid_utf8, raw_records, scan_reader,
    trim_line_end, CsvRecord,
};
use super::json::{json_record, parse_element, scan_element, Element, JsonRecord};
use super::limits::{ImportError, Limits};
use super::mapping::{detect_mapping, extend_mapping, Format, Mapping, Schema};
use super::row::Context;
use super::{no_mapping_text, Imported, Progress};

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
    /// The models are taken as they are built ([`Importer::stream`]): no room is reserved
    /// for the whole file.
    streaming: bool,
    /// How many rows the whole file likely has, once the first rows tell.
    estimate: Option<u64>,
    format: Option<Format>,
    headers: Option<Vec<String>>,
    header_raw: String,
    samples: Vec<Vec<String>>,
    detected: Option<Mapping>,
    mapping: Option<Mapping>,
    json_open: bool,
    json_closed: bool,
    /// JSON elements read but not converted yet (waiting for the header or the mapping): the
    /// objects, and the elements skipped as malformed, in the file's order.
    pending_json: Vec<Result<JsonRecord, LoadError>>,
    records: u64,
    /// Keys of the JSON objects seen so far (once the header is known).
    json_keys: HashSet<String>,
    /// JSON objects read so far.
    json_objects: usize,
    /// Don't scan again before the buffer holds this many bytes (unless it is the last
    /// slice): a record that is still unfinished is re-read only when the buffer has doubled,
    /// so a record spanning many slices costs linear time in all.
    retry_at: usize,
    ended: bool,
    builder: Builder,
    skipped: Vec<LoadError>,
    notices: Vec<String>,
}

/// How many records the header scan looks at for sample values.
const SAMPLE_ROWS: usize = 3;

/// How many JSON objects the header (the keys the mapping is guessed from) is read from;
/// keys that first appear later are added to the header as they come.
const JSON_HEADER_OBJECTS: usize = 1000;

/// How many bytes the format is sniffed from.
const SNIFF_BYTES: usize = 1024;

impl Importer {
    /// Starts reading `file_name`; `size`, when known, is checked against the limit at once.
    pub fn new(file_name: &str, size: Option<u64>, limits: Limits) -> Result<Self, ImportError> {
        if let Some(bytes) = size {
            limits.check_size(bytes)?;
            // The rows are not known yet: the file's text alone.
            limits.check_memory(bytes, 0)?;
        }
        Ok(Self {
            file: file_name.to_owned(),
            limits,
            buf: Vec::new(),
            buf_line: 1,
            bytes_fed: 0,
            size,
            reserved: false,
            streaming: false,
            estimate: None,
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
            json_keys: HashSet::new(),
            json_objects: 0,
            retry_at: 0,
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
        self.retry_at = 0;
    }

    /// How far reading has got.
    pub fn progress(&self) -> Progress {
        Progress {
            bytes: self.bytes_fed,
            records: self.records,
            loaded: self.builder.count(),
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

    /// The caller takes the models as they are built ([`Importer::take_models`]) rather than
    /// all at the end: room for the whole file is not reserved (the memory budget is still
    /// checked against the rows the first ones predict).
    pub fn stream(&mut self) {
        self.streaming = true;
    }

    /// The models built since the last call (or the start), in file order.
    pub fn take_models(&mut self) -> Vec<Model> {
        self.builder.take()
    }

    /// How many rows the whole file likely has, at most (predicted from the bytes per row of
    /// the first ones, with a margin, within the row limit), once some were read and the
    /// file's size is known.
    pub fn estimated_rows(&self) -> Option<u64> {
        self.estimate
    }

    /// How many organizations were met so far.
    pub fn organization_count(&self) -> usize {
        self.builder.orgs.list.len()
    }

    /// The organizations met so far from the `from`-th on, in the order met, with the country
    /// and type their rows so far gave (final only once the file is read).
    pub fn organizations_from(&self, from: usize) -> Vec<Organization> {
        self.builder
            .orgs
            .list
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .map(OrgAcc::organization)
            .collect()
    }

    /// The first `limit` models not yet taken, with their organizations, as a dataset (shown
    /// while the rest of the file is read), or `None` when there are none.
    pub fn preview(&self, limit: usize) -> Option<Dataset> {
        if self.builder.models.is_empty() {
            return None;
        }
        let models: Vec<_> = self.builder.models.iter().take(limit).cloned().collect();
        let used: HashSet<&str> = models
            .iter()
            .flat_map(|m| m.organizations.iter().map(String::as_str))
            .collect();
        let organizations = self
            .builder
            .orgs
            .list
            .iter()
            .map(OrgAcc::organization)
            .filter(|o| used.contains(o.id.as_str()))
            .collect();
        Some(Dataset::from_models(models, organizations))
    }

    /// Ends reading and returns the dataset (its models are those not taken), or why there is
    /// none.
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
        if self.builder.count() == 0 {
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
        if !last && self.buf.len() < self.retry_at {
            return Ok(());
        }
        if self.format.is_none() && !self.detect_format(last)? {
            return Ok(());
        }
        match self.format {
            Some(Format::Csv) => self.scan_csv(last)?,
            Some(Format::Json) => self.scan_json(last)?,
            None => {}
        }
        // What is left is an unfinished record (or rows waiting for the mapping): scan it
        // again only once the buffer has doubled, so that however small the slices, every
        // byte is scanned a bounded number of times.
        self.retry_at = self.buf.len().saturating_mul(2);
        Ok(())
    }

    /// Strips a byte-order mark and decides CSV or JSON; `false` while more bytes are needed.
    fn detect_format(&mut self, last: bool) -> Result<bool, ImportError> {
        const BOM: &[u8] = b"\xef\xbb\xbf";
        // Sniff the same bytes however the file is sliced.
        if !last && self.buf.len() < SNIFF_BYTES {
            return Ok(false);
        }
        let head: &[u8] = self
            .buf
            .get(..self.buf.len().min(SNIFF_BYTES))
            .unwrap_or(&[]);
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
        if looks_binary(head) {
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
            if self.samples.len() < SAMPLE_ROWS {
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
        let mut reader = scan_reader(buf);
        let mut bytes = csv::ByteRecord::new();
        let mut consumed = 0;
        // Skipped rows, in the file's order.
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
                failed.push(LoadError::new(
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
        self.skipped.extend(failed);
        outcome?;
        self.reserve_models(consumed)?;
        self.consume(consumed);
        Ok(())
    }

    /// After the first rows, reserves room for the models the whole file will likely give
    /// (from the file's size and the rows per byte so far), so that the list is not regrown
    /// and copied again and again; `consumed` is how much of the buffer has been read. Before
    /// it does, refuses the file if that many rows would need more memory than is left
    /// ([`Limits::check_memory`]).
    fn reserve_models(&mut self, consumed: usize) -> Result<(), ImportError> {
        let count = self.builder.count();
        let Some(size) = self.size.filter(|_| !self.reserved && count > 0) else {
            return Ok(());
        };
        self.reserved = true;
        let unread = u64::try_from(self.buf.len().saturating_sub(consumed)).unwrap_or(0);
        let read = self.bytes_fed.saturating_sub(unread).max(1);
        let loaded = u64::try_from(count).unwrap_or(u64::MAX);
        // Room for a few more than the estimate, within the row limit.
        let estimate = loaded.saturating_mul(size) / read;
        let wanted = estimate
            .saturating_add(estimate / 16)
            .min(self.limits.max_rows);
        self.limits.check_memory(size, estimate)?;
        self.estimate = Some(wanted);
        if self.streaming {
            return Ok(());
        }
        let models = &mut self.builder.models;
        let more = usize::try_from(wanted)
            .unwrap_or(0)
            .saturating_sub(models.len());
        models.reserve_exact(more);
        Ok(())
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

    /// Sets the header from the keys of the objects read so far (nothing while there are none).
    fn set_json_headers(&mut self) {
        let mut keys: Vec<String> = Vec::new();
        for r in self.pending_json.iter().flatten() {
            for k in &r.keys {
                if self.json_keys.insert(k.clone()) {
                    keys.push(k.clone());
                }
            }
        }
        if keys.is_empty() {
            return;
        }
        self.samples = self
            .pending_json
            .iter()
            .flatten()
            .take(SAMPLE_ROWS)
            .map(|r| keys.iter().map(|k| r.cell(k).to_owned()).collect())
            .collect();
        self.set_headers(keys);
    }

    /// Adds the keys of `record` that no earlier object had to the header; a recognized
    /// schema's mapping takes them too, and so does the guess for other files while the user
    /// has not confirmed it (the rows before had no such key, so reading them was not changed
    /// by the key's absence from the mapping).
    fn add_json_keys(&mut self, record: &JsonRecord) {
        for k in &record.keys {
            if self.json_keys.contains(k) {
                continue;
            }
            self.json_keys.insert(k.clone());
            if let Some(h) = self.headers.as_mut() {
                h.push(k.clone());
            }
            let confirmed = self.mapping.is_some();
            if let Some(m) = self.mapping.as_mut() {
                extend_mapping(m, k, false);
            }
            if let Some(m) = self.detected.as_mut() {
                extend_mapping(m, k, !confirmed);
            }
        }
    }

    fn scan_json(&mut self, last: bool) -> Result<(), ImportError> {
        let mut pos = 0usize;
        let mut line = self.buf_line;
        let mut parsed: Vec<Result<JsonRecord, LoadError>> = Vec::new();
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
            let scan = scan_element(rest);
            let Some(end) = scan.end.or(last.then_some(rest.len())) else {
                break;
            };
            let element_newlines = count_newlines(rest.get(..end).unwrap_or(&[]));
            self.count_record()?;
            let element = self.buf.get(pos..pos + end).unwrap_or(&[]);
            let text = String::from_utf8_lossy(element);
            if matches!(text, Cow::Owned(_)) {
                note_invalid_utf8(&mut self.notices);
            }
            let value = parse_element(&text, scan.deepest);
            let element_line = line;
            line += element_newlines;
            pos += end;
            match value {
                Ok(Element::Object(fields)) => parsed.push(Ok(json_record(fields, element_line))),
                Ok(Element::Other(kind)) => parsed.push(Err(LoadError::new(
                    &self.file,
                    element_line,
                    format!("expected an object, found {kind}"),
                ))),
                Err((lines_in, why)) => parsed.push(Err(LoadError::new(
                    &self.file,
                    element_line + lines_in,
                    format!("malformed JSON: {why}"),
                ))),
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
        let input_done = last || self.json_closed;
        for record in parsed {
            if let Ok(r) = &record {
                self.json_objects += 1;
                if self.headers.is_some() {
                    self.add_json_keys(r);
                }
            }
            self.pending_json.push(record);
            // The header: the keys of the first objects, however the file is sliced.
            if self.headers.is_none() && self.json_objects >= JSON_HEADER_OBJECTS {
                self.set_json_headers();
            }
        }
        if self.headers.is_none() && input_done {
            self.set_json_headers();
        }
        let mapping = self.mapping.clone().filter(|_| self.headers.is_some());
        // Without any key there is no header: the malformed elements are still listed.
        if mapping.is_some() || (input_done && self.headers.is_none()) {
            // JSON cells are found by key, not by position: no header scan per slice (the
            // header grows with every new key, so scanning it each slice would not be linear).
            let ctx = mapping.as_ref().map(|m| Context::new(&self.file, m, &[]));
            for rec in std::mem::take(&mut self.pending_json) {
                let outcome = match (rec, &ctx) {
                    (Ok(r), Some(ctx)) => self.builder.add(&r, ctx),
                    (Ok(_), None) => Ok(()),
                    (Err(e), _) => Err(e),
                };
                if let Err(e) = outcome {
                    self.skipped.push(e);
                }
            }
        }
        self.reserve_models(0)
    }
}

/// Whether the first bytes of a file are binary data rather than text: NUL bytes together
/// with bytes that are not UTF-8, or NULs in more than a quarter of the bytes (UTF-16 or
/// UTF-32 text without a byte-order mark, zero-filled data). A NUL inside a text cell (it is a character
/// like any other, and the atlas's export writes it) does not make a file binary.
fn looks_binary(head: &[u8]) -> bool {
    let nuls = memchr::memchr_iter(0, head).count();
    if nuls == 0 {
        return false;
    }
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        // Cut inside a character at the end of the sniffed bytes: still text.
        Err(e) => e.error_len().is_none(),
    };
    !utf8 || nuls.saturating_mul(4) > head.len()
}
