//! A row of an imported file as the conversion sees it: its cells by field, lists, slugs.

use super::super::{split_list, LoadError};
use super::mapping::{Field, Mapping, Schema};

/// How many [`Field`]s there are.
const FIELDS: usize = Field::COUNT;

/// A mapping resolved once for a batch of rows: per [`Field`], the name of its column and,
/// in a CSV file, the column's position in the header (the first column of that name).
pub(super) struct Columns<'a> {
    names: [Option<&'a str>; FIELDS],
    positions: [Option<usize>; FIELDS],
}

impl<'a> Columns<'a> {
    pub(super) fn new(mapping: &'a Mapping, headers: &[String]) -> Self {
        let mut names = [None; FIELDS];
        let mut positions = [None; FIELDS];
        for (f, column) in mapping.fields() {
            if let Some(n) = names.get_mut(f.index()) {
                *n = Some(column);
            }
            if let Some(p) = positions.get_mut(f.index()) {
                *p = headers.iter().position(|h| h == column);
            }
        }
        Self { names, positions }
    }

    /// The column that fills `f`.
    pub(super) fn name(&self, f: Field) -> Option<&'a str> {
        self.names.get(f.index()).copied().flatten()
    }

    /// The position of the column that fills `f` in a CSV header.
    pub(super) fn position(&self, f: Field) -> Option<usize> {
        self.positions.get(f.index()).copied().flatten()
    }
}

/// `s.trim()`, with a shortcut for the common cell that starts and ends with a visible ASCII
/// character (and so has nothing to trim).
pub(super) fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    let b = s.as_bytes();
    if visible(b.first()) && visible(b.last()) {
        s
    } else {
        s.trim()
    }
}

/// A row of an imported file.
pub(super) trait Record {
    /// The trimmed text of the column that fills `f` ("" when unmapped or absent).
    fn get(&self, columns: &Columns<'_>, f: Field) -> &str;
    /// The line the row starts on.
    fn line(&self) -> u64;
    /// The items of a column that holds a real list (a JSON array); `None` for text.
    fn list(&self, _column: &str) -> Option<&[String]> {
        None
    }
}

/// What a row conversion needs to know.
pub(super) struct Context<'a> {
    pub(super) file: &'a str,
    pub(super) mapping: &'a Mapping,
    pub(super) columns: Columns<'a>,
}

impl<'a> Context<'a> {
    pub(super) fn new(file: &'a str, mapping: &'a Mapping, headers: &[String]) -> Self {
        Self {
            file,
            mapping,
            columns: Columns::new(mapping, headers),
        }
    }

    pub(super) fn get<'r>(&self, r: &'r dyn Record, f: Field) -> &'r str {
        r.get(&self.columns, f)
    }

    /// The text of a multi-valued cell, or `None` when it holds a real list (a JSON array).
    pub(super) fn text<'r>(&self, r: &'r dyn Record, f: Field) -> Option<&'r str> {
        match self.columns.name(f) {
            Some(column) if r.list(column).is_some() => None,
            _ => Some(self.get(r, f)),
        }
    }

    pub(super) fn column_name(&self, f: Field) -> String {
        self.mapping
            .column(f)
            .map_or_else(|| f.label().to_owned(), str::to_owned)
    }

    pub(super) fn err(&self, r: &dyn Record, reason: String) -> LoadError {
        LoadError::new(self.file, r.line(), reason)
    }

    /// Splits a multi-valued cell: a JSON array as it is; otherwise `;` in the atlas schema,
    /// `,` (with quotes) in Epoch's, and `;` when present, else `,`, in other files.
    pub(super) fn list(&self, r: &dyn Record, f: Field) -> Vec<String> {
        let Some(column) = self.columns.name(f) else {
            return Vec::new();
        };
        if let Some(items) = r.list(column) {
            return items.to_vec();
        }
        self.split(self.get(r, f))
    }

    /// Splits the text of a multi-valued cell as [`Context::list`] does.
    pub(super) fn split(&self, raw: &str) -> Vec<String> {
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
pub(super) fn first_url(s: &str) -> String {
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

/// The note `head` (the concatenation of its pieces) followed by `note`, with one space
/// between them when both are given.
pub(super) fn join_note(head: &[&str], note: &str) -> String {
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
