//! Reading a JSON array element by element.

use std::collections::HashMap;

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

/// A JSON value as the importer needs it: numbers keep their text, so they read back exactly.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Compact JSON text (for nested values kept as text).
    pub(super) fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => out.push_str(&crate::format::json_string(s)),
            Json::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    Json::String(k.clone()).write(out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    /// The value as a cell's text: strings as they are, numbers as written, `null` empty,
    /// arrays `;`-joined, objects as JSON.
    fn text(&self) -> String {
        match self {
            Json::Null => String::new(),
            Json::Bool(b) => b.to_string(),
            Json::Number(n) => n.clone(),
            Json::String(s) => s.clone(),
            Json::Array(items) => items.iter().map(Json::text).collect::<Vec<_>>().join(";"),
            Json::Object(_) => {
                let mut out = String::new();
                self.write(&mut out);
                out
            }
        }
    }
}

/// How deep JSON may nest (deeper input is reported, not overflowed).
pub(super) const MAX_JSON_DEPTH: usize = 64;

/// A strict JSON reader (RFC 8259) for one array element.
pub(super) struct JsonParser<'a> {
    b: &'a [u8],
    i: usize,
}

impl JsonParser<'_> {
    /// Parses one complete value; the error names the byte offset.
    pub(super) fn parse(b: &[u8]) -> Result<Json, (usize, String)> {
        let mut p = JsonParser { b, i: 0 };
        p.ws();
        let v = p.value(0)?;
        p.ws();
        if p.i < b.len() {
            return Err((p.i, "unexpected text after the value".to_owned()));
        }
        Ok(v)
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn fail<T>(&self, what: &str) -> Result<T, (usize, String)> {
        let found = match self.peek() {
            None => "the end".to_owned(),
            Some(c) if c.is_ascii_graphic() => format!("'{}'", char::from(c)),
            Some(c) => format!("byte 0x{c:02x}"),
        };
        Err((self.i, format!("expected {what}, found {found}")))
    }

    fn value(&mut self, depth: usize) -> Result<Json, (usize, String)> {
        if depth > MAX_JSON_DEPTH {
            return Err((self.i, "nested too deeply".to_owned()));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.fail("a value"),
        }
    }

    fn literal(&mut self, word: &str, v: Json) -> Result<Json, (usize, String)> {
        if self.b.get(self.i..self.i + word.len()) == Some(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            self.fail(word)
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Json, (usize, String)> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail("a digit"),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return self.fail("a digit");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return self.fail("a digit");
            }
        }
        let text = self.b.get(start..self.i).unwrap_or(&[]);
        Ok(Json::Number(String::from_utf8_lossy(text).into_owned()))
    }

    fn hex4(&mut self) -> Result<u32, (usize, String)> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return self.fail("a hex digit"),
            };
            v = v * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, (usize, String)> {
        self.i += 1; // the opening quote
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                None => return self.fail("'\"'"),
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.b.get(self.i..self.i + 2) == Some(b"\\u")
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    self.i = save;
                                    0xFFFD
                                }
                            } else {
                                hi
                            };
                            let ch = char::from_u32(code).unwrap_or('\u{fffd}');
                            let mut tmp = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
                            continue;
                        }
                        _ => return self.fail("an escape character"),
                    };
                    self.i += 1;
                    let mut tmp = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
                }
                Some(c) if c < 0x20 => return self.fail("no control character in a string"),
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
        Ok(match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }

    fn array(&mut self, depth: usize) -> Result<Json, (usize, String)> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Json::Array(items));
                }
                _ => return self.fail("',' or ']'"),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, (usize, String)> {
        self.i += 1;
        let mut fields = Vec::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Json::Object(fields));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return self.fail("a key in quotes");
            }
            let key = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return self.fail("':'");
            }
            self.i += 1;
            self.ws();
            let v = self.value(depth + 1)?;
            fields.push((key, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Json::Object(fields));
                }
                _ => return self.fail("',' or '}'"),
            }
        }
    }
}

pub(super) fn json_record(fields: Vec<(String, Json)>, line: u64) -> JsonRecord {
    let mut cells = HashMap::new();
    let mut lists = HashMap::new();
    let mut keys = Vec::new();
    for (k, v) in fields {
        let k = k.trim().to_owned();
        if cells.contains_key(&k) {
            continue;
        }
        if let Json::Array(items) = &v {
            let items: Vec<String> = items
                .iter()
                .map(|i| i.text().trim().to_owned())
                .filter(|i| !i.is_empty())
                .collect();
            lists.insert(k.clone(), items);
        }
        keys.push(k.clone());
        cells.insert(k, v.text());
    }
    JsonRecord {
        cells,
        lists,
        keys,
        line,
    }
}

/// Where a JSON array element ends in `b` (exclusive), or `None` when it continues.
pub(super) fn json_element_end(b: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &c) in b.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b',' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}
