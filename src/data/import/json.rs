//! Reading a JSON array element by element: the importer finds each element's bytes with
//! [`scan_element`] (a slice may end anywhere), and serde_json parses each complete element
//! ([`parse_element`]).
//!
//! Numbers are parsed exactly (serde_json's `float_roundtrip`) and kept as the shortest text
//! that reads back to the same value, so an exported file re-imports exactly.

use std::collections::HashMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::mapping::Field;
use super::row::{Columns, Record};

/// One object of a JSON array, its values as text.
#[derive(Clone, Debug)]
pub(super) struct JsonRecord {
    cells: HashMap<String, String>,
    lists: HashMap<String, Vec<String>>,
    pub(super) keys: Vec<String>,
    line: u64,
}

impl JsonRecord {
    /// The trimmed text of a key ("" when absent).
    pub(super) fn cell(&self, key: &str) -> &str {
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

/// How deep an element may nest: arrays and objects within one another, the element itself
/// counting as one level. [`scan_element`] measures the depth and a deeper element is skipped
/// and listed without being parsed; serde_json's own recursion limit (128) is therefore never
/// reached, and no input can overflow the stack.
pub(super) const MAX_JSON_DEPTH: usize = 64;

/// What [`scan_element`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Scan {
    /// Where the element ends (exclusive), or `None` when it continues past the bytes given.
    pub(super) end: Option<usize>,
    /// The deepest nesting of arrays and objects seen.
    pub(super) deepest: usize,
}

/// Finds where a JSON array element that starts at `b[0]` ends: after its closing bracket or
/// quote, or at the `,` or `]` that follows a number or a literal; a closing bracket with
/// nothing open (`}`) is a one-byte element. Brackets inside strings
/// are ignored; the element is not validated (serde_json does that).
pub(super) fn scan_element(b: &[u8]) -> Scan {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let found = |end: usize, deepest: usize| Scan {
        end: Some(end),
        deepest,
    };
    for (i, &c) in b.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
                if depth == 0 {
                    return found(i + 1, deepest);
                }
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b']' => {
                if depth == 0 {
                    // A stray closing bracket is an element of its own (malformed), so that
                    // reading moves past it.
                    return found(i.max(1), deepest);
                }
                depth -= 1;
                if depth == 0 {
                    return found(i + 1, deepest);
                }
            }
            b',' if depth == 0 => return found(i, deepest),
            _ => {}
        }
    }
    Scan { end: None, deepest }
}

/// One element of the array: an object's members in their order, or what kind of other
/// value it is.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Element {
    /// An object's members in the file's order (repeated keys included).
    Object(Vec<(String, Value)>),
    /// Not an object: `a number`, `an array`, …
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ElementVisitor)
    }
}

/// Reads an [`Element`]: members in order (a `serde_json::Map` would sort them), and other
/// values only as far as needed to name their kind.
struct ElementVisitor;

impl<'de> Visitor<'de> for ElementVisitor {
    type Value = Element;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Element, A::Error> {
        let mut fields = Vec::new();
        while let Some(field) = map.next_entry::<String, Value>()? {
            fields.push(field);
        }
        Ok(Element::Object(fields))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Element, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Element::Other("an array"))
    }

    fn visit_unit<E: Error>(self) -> Result<Element, E> {
        Ok(Element::Other("null"))
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<Element, E> {
        Ok(Element::Other("a boolean"))
    }

    fn visit_i64<E: Error>(self, _: i64) -> Result<Element, E> {
        Ok(Element::Other("a number"))
    }

    fn visit_u64<E: Error>(self, _: u64) -> Result<Element, E> {
        Ok(Element::Other("a number"))
    }

    fn visit_f64<E: Error>(self, _: f64) -> Result<Element, E> {
        Ok(Element::Other("a number"))
    }

    fn visit_str<E: Error>(self, _: &str) -> Result<Element, E> {
        Ok(Element::Other("a string"))
    }
}

/// Parses one array element (strict JSON, RFC 8259) that [`scan_element`] found nested
/// `deepest` levels deep. An error gives the line within the element where it was found
/// (0 for the element's first line) and why.
pub(super) fn parse_element(element: &str, deepest: usize) -> Result<Element, (u64, String)> {
    if deepest > MAX_JSON_DEPTH {
        return Err((
            0,
            format!("nested too deeply (more than {MAX_JSON_DEPTH} levels)"),
        ));
    }
    serde_json::from_str(element).map_err(|e| {
        let why = e.to_string();
        // The line is given separately; the column within it says little.
        let at = format!(" at line {} column {}", e.line(), e.column());
        let why = why
            .strip_suffix(&at)
            .map_or_else(|| why.clone(), str::to_owned);
        let line = u64::try_from(e.line()).unwrap_or(0).saturating_sub(1);
        (line, why)
    })
}

/// A value as a cell's text: strings as they are, numbers as serde_json writes them (the
/// shortest text that reads back to the same value), `null` empty, arrays `;`-joined, objects
/// as compact JSON.
fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(";"),
        Value::Object(_) => v.to_string(),
    }
}

/// The record of an object's members (the first of a repeated key counts), found on `line`.
pub(super) fn json_record(fields: Vec<(String, Value)>, line: u64) -> JsonRecord {
    let mut cells = HashMap::new();
    let mut lists = HashMap::new();
    let mut keys = Vec::new();
    for (k, v) in fields {
        let k = k.trim().to_owned();
        if cells.contains_key(&k) {
            continue;
        }
        if let Value::Array(items) = &v {
            let items: Vec<String> = items
                .iter()
                .map(|i| text(i).trim().to_owned())
                .filter(|i| !i.is_empty())
                .collect();
            lists.insert(k.clone(), items);
        }
        keys.push(k.clone());
        let cell = match v {
            Value::String(s) => s,
            other => text(&other),
        };
        cells.insert(k, cell);
    }
    JsonRecord {
        cells,
        lists,
        keys,
        line,
    }
}
