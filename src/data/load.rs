//! Reading CSV text into rows addressed by column name, with file and line in every error.
//!
//! This is the one place the project's CSV dialect is set ([`csv_reader`]): the embedded
//! dataset and an imported file's header go through [`CsvTable`]; the importer reads the
//! records of each slice with [`csv_reader`] directly.

use std::collections::HashMap;
use std::fmt;

/// Why a file or one of its rows could not be read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LoadError {
    /// The file's name, as given to the loader.
    pub file: String,
    /// The 1-based line the row starts on (1 is the header; 0 when no line applies).
    pub line: u64,
    /// What is wrong, in words.
    pub reason: String,
}

impl LoadError {
    /// A new error.
    pub fn new(file: &str, line: u64, reason: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.reason)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.reason)
        }
    }
}

impl std::error::Error for LoadError {}

/// A parsed CSV file: its header and its records, each with the line it starts on.
#[derive(Debug)]
pub struct CsvTable {
    file: String,
    columns: HashMap<String, usize>,
    headers: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

/// The project's CSV dialect (RFC 4180 quoting; a row may have more or fewer fields than the
/// header — callers report that) over `bytes`, with or without a header row. Like every csv
/// reader, it drops a UTF-8 byte-order mark at the very start of its input.
pub(crate) fn csv_reader<R: std::io::Read>(bytes: R, has_headers: bool) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .flexible(true)
        .from_reader(bytes)
}

impl CsvTable {
    /// Parses `text` (a leading byte-order mark is ignored). Fails on the first record that is
    /// not valid CSV, naming its line.
    pub fn parse(file: &str, text: &str) -> Result<Self, LoadError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv_reader(text.as_bytes(), true);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| LoadError::new(file, 1, format!("unreadable header: {e}")))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        if headers.iter().all(String::is_empty) {
            return Err(LoadError::new(file, 1, "the file has no header row"));
        }
        let mut columns = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            columns.entry(h.clone()).or_insert(i);
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, csv::Position::line);
                LoadError::new(file, line, format!("malformed CSV: {e}"))
            })?;
            let line = record.position().map_or(0, csv::Position::line);
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() != headers.len() {
                return Err(LoadError::new(
                    file,
                    line,
                    format!(
                        "expected {} fields as in the header, found {}",
                        headers.len(),
                        record.len()
                    ),
                ));
            }
            rows.push((line, record));
        }
        Ok(Self {
            file: file.to_owned(),
            columns,
            headers,
            rows,
        })
    }

    /// The file name given to [`CsvTable::parse`].
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The header names in file order.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The number of data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Fails unless every one of `required` is a column.
    pub fn require(&self, required: &[&str]) -> Result<(), LoadError> {
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| !self.columns.contains_key(*c))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(LoadError::new(
                &self.file,
                1,
                format!("missing column(s): {}", missing.join(", ")),
            ))
        }
    }

    /// The rows, each addressed by column name.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, record)| Row {
            table: self,
            line: *line,
            record,
        })
    }
}

/// One data row of a [`CsvTable`].
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    table: &'a CsvTable,
    line: u64,
    record: &'a csv::StringRecord,
}

impl<'a> Row<'a> {
    /// The line this row starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// An error about this row.
    pub fn error(&self, reason: impl Into<String>) -> LoadError {
        LoadError::new(&self.table.file, self.line, reason)
    }

    /// The trimmed text of a column ("" when the column does not exist).
    pub fn get(&self, column: &str) -> &'a str {
        self.table
            .columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    /// Whether the file has `column`.
    pub fn has(&self, column: &str) -> bool {
        self.table.columns.contains_key(column)
    }

    /// The text of a column, which must not be empty.
    pub fn required(&self, column: &str) -> Result<&'a str, LoadError> {
        let v = self.get(column);
        if v.is_empty() {
            Err(self.error(format!("{column} is empty")))
        } else {
            Ok(v)
        }
    }

    /// An optional number (empty → `None`); accepts plain and scientific notation.
    pub fn number(&self, column: &str) -> Result<Option<f64>, LoadError> {
        let v = self.get(column);
        if v.is_empty() {
            return Ok(None);
        }
        parse_number(v)
            .map(Some)
            .ok_or_else(|| self.error(format!("{column} is not a number: {v:?}")))
    }

    /// A `;`-separated list (empty items dropped).
    pub fn list(&self, column: &str) -> Vec<String> {
        split_list(self.get(column))
    }
}

/// Splits a `;`-separated list, trimming items and dropping empty ones. An item that starts
/// with `"` is quoted up to the next lone `"` (`""` inside is one `"`), so it may hold `;`:
/// `"L;G AI Research";Google` → `L;G AI Research`, `Google` ([`join_list`] writes them so).
pub fn split_list(s: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = s;
    loop {
        let trimmed = rest.trim_start();
        let (item, after) = match trimmed.strip_prefix('"') {
            Some(quoted) => {
                let mut item = String::new();
                let mut chars = quoted.char_indices().peekable();
                let mut end = quoted.len();
                while let Some((i, c)) = chars.next() {
                    if c != '"' {
                        item.push(c);
                    } else if chars.peek().is_some_and(|&(_, n)| n == '"') {
                        item.push('"');
                        chars.next();
                    } else {
                        end = i + 1;
                        break;
                    }
                }
                // Text between the closing quote and the next `;` belongs to the item.
                let tail = quoted.get(end..).unwrap_or("");
                let stop = tail.find(';').unwrap_or(tail.len());
                item.push_str(tail.get(..stop).unwrap_or(""));
                (item, tail.get(stop..))
            }
            None => {
                let stop = trimmed.find(';').unwrap_or(trimmed.len());
                (
                    trimmed.get(..stop).unwrap_or("").to_owned(),
                    trimmed.get(stop..),
                )
            }
        };
        let item = item.trim();
        if !item.is_empty() {
            items.push(item.to_owned());
        }
        match after.and_then(|a| a.strip_prefix(';')) {
            Some(next) => rest = next,
            None => return items,
        }
    }
}

/// Writes a list as [`split_list`] reads it: items joined by `;`, an item that holds `;` or
/// starts with `"` quoted (with its `"` doubled).
pub fn join_list(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        if item.contains(';') || item.trim_start().starts_with('"') {
            out.push('"');
            out.push_str(&item.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

/// Parses a finite number in plain or scientific notation. Thousands separators (`,` or `_`,
/// one kind per number) are accepted between groups of three digits of the whole part:
/// `1,500,000` → 1.5e6, but `1,2,3` is not a number. A value too small for an `f64` that is
/// not zero (`1e-400`) is not read as 0: it is refused, like an overflow.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let v: f64 = if s.bytes().any(|b| b == b',' || b == b'_') {
        ungroup(s)?.parse().ok()?
    } else {
        s.parse().ok()?
    };
    let mantissa = s.split(['e', 'E']).next().unwrap_or(s);
    let underflow = v == 0.0 && mantissa.bytes().any(|b| matches!(b, b'1'..=b'9'));
    (v.is_finite() && !underflow).then_some(v)
}

/// `s` without its thousands separators, when they group the whole part's digits by three
/// (an optional sign, 1–3 digits, then `,ddd` groups, then an optional fraction or exponent
/// without separators); `None` otherwise.
fn ungroup(s: &str) -> Option<String> {
    let sep = if s.contains(',') { ',' } else { '_' };
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let whole_end = unsigned
        .find(|c: char| c != sep && !c.is_ascii_digit())
        .unwrap_or(unsigned.len());
    let (whole, rest) = unsigned.split_at(whole_end);
    let mut groups = whole.split(sep);
    let first = groups.next()?;
    let grouped = (1..=3).contains(&first.len())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !grouped || rest.contains([',', '_']) {
        return None;
    }
    Some(s.chars().filter(|&c| c != sep).collect())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_by_column_name_with_bom_and_quoted_newlines() {
        let text = "\u{feff}id,name,notes\na,Alpha,\"two\nlines\"\nb,Beta,plain\n";
        let t = CsvTable::parse("x.csv", text).expect("parses");
        let rows: Vec<_> = t.rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get("name"), "Alpha");
        assert_eq!(rows[0].get("notes"), "two\nlines");
        assert_eq!(rows[1].line(), 4, "line counts the embedded newline");
        assert_eq!(rows[1].get("missing"), "");
    }

    #[test]
    fn wrong_field_count_names_the_line() {
        let text = "id,name\na,Alpha\nb,Beta,extra\n";
        let err = CsvTable::parse("models.csv", text).expect_err("must fail");
        assert_eq!(err.line, 3);
        assert_eq!(err.file, "models.csv");
        assert!(err
            .to_string()
            .starts_with("models.csv:3: expected 2 fields"));
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1.75e11"), Some(1.75e11));
        assert_eq!(parse_number("175000000000"), Some(1.75e11));
        assert_eq!(parse_number("1,500,000"), Some(1.5e6));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("12B"), None);
        assert_eq!(parse_number("-1,500.5"), Some(-1500.5));
        assert_eq!(parse_number("1_000"), Some(1000.0));
        assert_eq!(parse_number("5e-324"), Some(5e-324));
        assert_eq!(parse_number("0.0e-400"), Some(0.0));
    }

    #[test]
    fn list_items_may_hold_semicolons_when_quoted() {
        // Regression: "L;G AI Research" was split into "L" and "G AI Research".
        let items = vec!["L;G AI Research".to_owned(), "Google".to_owned()];
        assert_eq!(join_list(&items), "\"L;G AI Research\";Google");
        assert_eq!(split_list(&join_list(&items)), items);
        let odd = vec!["\"quoted\" start".to_owned(), "a \"b\" c".to_owned()];
        assert_eq!(split_list(&join_list(&odd)), odd);
        assert_eq!(split_list(" a ; ;b;"), ["a", "b"]);
        assert_eq!(split_list("\"open;"), ["open;"]);
        assert_eq!(split_list("\"x\"y;z"), ["xy", "z"]);
        assert_eq!(split_list(""), Vec::<String>::new());
    }

    #[test]
    fn misplaced_separators_and_underflow_are_not_numbers() {
        // Regressions: "1,2,3" was read as 123 and 1e-400 as 0.
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number("1,5"), None);
        assert_eq!(parse_number("1234,567"), None);
        assert_eq!(parse_number(",123"), None);
        assert_eq!(parse_number("1,000_000"), None);
        assert_eq!(parse_number("1.000,5"), None);
        assert_eq!(parse_number("2260275840, 2290000001"), None);
        assert_eq!(parse_number("1e-400"), None);
        assert_eq!(parse_number("1e400"), None);
    }

    #[test]
    fn missing_columns_are_listed() {
        let t = CsvTable::parse("f.csv", "a,b\n1,2\n").expect("parses");
        let e = t.require(&["a", "c", "d"]).expect_err("missing");
        assert!(e.reason.contains("c, d"), "{e}");
    }
}
