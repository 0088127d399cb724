//! A deterministic mutation fuzzer for the core's parsers, runnable on stable Rust.
//!
//! `cargo run --release --example fuzz -- [TARGET] [ITERATIONS] [SEED]`
//!
//! Targets: `csv` and `json` (the importer, fed in random slices, checked against a one-shot
//! read of the same bytes), `url` (`url::parse_hash`, and that the hash it writes back reads
//! the same), `date` (`data::parse_date`, and that a date read writes back to the same date),
//! `number` (`data::parse_number`, and that the export's `format_number` reads back exactly),
//! `roundtrip` (an imported file exported as CSV and JSON reads back to the same export),
//! `all` (every target), and `smoke` (every target for a few seconds each: the check run by
//! `scripts/dev.sh test`); `replay TARGET FILE` checks one saved input again and times it. ITERATIONS is per target (default 10 000); SEED defaults to 1.
//!
//! Inputs are made from a seed corpus (the project's own test fixture, the embedded dataset's
//! exports, URLs and values from the README) by byte-level mutations (flip, insert, delete,
//! duplicate, truncate), splicing two corpus entries, and structure-aware edits (CSV lines
//! and fields, JSON brackets and values, long repeated runs). The random numbers come from a
//! seeded SplitMix64, so a run is reproducible. A panic prints the input that caused it (the
//! release profile aborts on panic); other findings (a result that depends on the slicing,
//! a round trip that changes a value, an input slower than a second, or `FUZZ_SLOW_MS`) are printed and
//! written to `target/fuzz-findings/`, and the exit status is 1 when there are any.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed run.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use model_atlas::data::{
    import_bytes, import_in_slices, parse_date, parse_number, Dataset, ImportError, Imported,
    Limits,
};
use model_atlas::export::{format_number, to_csv, to_json};
use model_atlas::query::Column;
use model_atlas::url::{parse_hash, to_hash};

/// The header and first 40 records of Epoch AI's notable-models CSV (CC BY 4.0).
const FIXTURE: &str = include_str!("../tests/fixtures/epoch_notable_2026-02_first40.csv");

/// An input slower than this is a finding (`FUZZ_SLOW_MS` overrides it).
fn slow() -> Duration {
    let ms = std::env::var("FUZZ_SLOW_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    Duration::from_millis(ms)
}

/// The longest input tried (longer mutations are cut).
const MAX_INPUT: usize = 1 << 20;

/// SplitMix64: small, fast and good enough to drive mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Tokens that matter to the formats and parsers under test.
const TOKENS: &[&str] = &[
    "\"",
    "\"\"",
    ",",
    "\n",
    "\r\n",
    "\r",
    ";",
    "{",
    "}",
    "[",
    "]",
    ":",
    "\0",
    "\u{feff}",
    "\u{2028}",
    "é",
    "\\",
    "\\u0000",
    "\\ud800",
    "'",
    "=cmd",
    "-1",
    "0",
    "1,2,3",
    "1,500,000",
    "1e-400",
    "5e-324",
    "1e308",
    "1e309",
    "NaN",
    "inf",
    "2020",
    "2020-13-45",
    "May 2021",
    "Q3 2021",
    "2021-02-29",
    "javascript:alert(1)",
    "data:text/html,x",
    "%",
    "%ZZ",
    "%00",
    "%E2%80",
    "&",
    "=",
    "?",
    "#",
    "/",
    "null",
    "true",
    "{\"a\":",
    "[[[[",
    "]]]]",
    " ",
];

/// A byte that is not UTF-8 on its own, and a cut character.
const BAD_BYTES: &[&[u8]] = &[b"\xff", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80"];

/// Applies one to four mutations to `input`; `other` is a corpus entry to splice with.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = b.len();
        match rng.below(14) {
            0 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                b[i] = rng.next() as u8;
            }
            2 | 3 => {
                let at = rng.below(len + 1);
                let t = rng.pick(TOKENS).as_bytes();
                b.splice(at..at, t.iter().copied());
            }
            4 => {
                let at = rng.below(len + 1);
                let t = *rng.pick(BAD_BYTES);
                b.splice(at..at, t.iter().copied());
            }
            5 if len > 0 => {
                let from = rng.below(len);
                let to = (from + 1 + rng.below(16.max(len / 10))).min(len);
                b.drain(from..to);
            }
            6 if len > 0 => {
                let from = rng.below(len);
                let to = (from + 1 + rng.below(64)).min(len);
                let chunk = b[from..to].to_vec();
                let at = rng.below(b.len() + 1);
                b.splice(at..at, chunk);
            }
            7 => b.truncate(rng.below(len + 1)),
            8 => {
                // Splice: this input's start, the other's end.
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                b.truncate(cut);
                b.extend_from_slice(&other[from..]);
            }
            9 if len > 0 => {
                // A long run: one chunk repeated (a long field, many rows).
                let from = rng.below(len);
                let to = (from + 1 + rng.below(8)).min(len);
                let chunk = b[from..to].to_vec();
                let times = 1 + rng.below(2000);
                let at = rng.below(b.len() + 1);
                b.splice(at..at, chunk.repeat(times));
            }
            10 => lines(rng, &mut b),
            11 => fields(rng, &mut b),
            12 => json_edit(rng, &mut b),
            _ => {
                let at = rng.below(len + 1);
                let t = rng.pick(TOKENS).as_bytes().repeat(1 + rng.below(3));
                b.splice(at..at, t);
            }
        }
    }
    b
}

/// Structure-aware: duplicates a line many times, drops one, or swaps two.
fn lines(rng: &mut Rng, b: &mut Vec<u8>) {
    let mut ls: Vec<Vec<u8>> = b.split(|&c| c == b'\n').map(<[u8]>::to_vec).collect();
    if ls.len() < 2 {
        return;
    }
    let i = 1 + rng.below(ls.len() - 1);
    match rng.below(3) {
        0 => {
            let line = ls[i].clone();
            let n = 1 + rng.below(200);
            ls.splice(i..i, std::iter::repeat_n(line, n));
        }
        1 => {
            ls.remove(i);
        }
        _ => {
            let j = rng.below(ls.len());
            ls.swap(i, j);
        }
    }
    *b = ls.join(&b'\n');
}

/// Structure-aware: replaces the text between two separators with a token.
fn fields(rng: &mut Rng, b: &mut Vec<u8>) {
    let seps: Vec<usize> = b
        .iter()
        .enumerate()
        .filter(|(_, &c)| matches!(c, b',' | b':' | b'\n' | b';'))
        .map(|(i, _)| i)
        .collect();
    if seps.len() < 2 {
        return;
    }
    let k = rng.below(seps.len() - 1);
    let (from, to) = (seps[k] + 1, seps[k + 1]);
    let t = rng.pick(TOKENS).as_bytes();
    b.splice(from..to, t.iter().copied());
}

/// Structure-aware JSON: a bracket after a comma, or an element duplicated.
fn json_edit(rng: &mut Rng, b: &mut Vec<u8>) {
    let commas: Vec<usize> = b
        .iter()
        .enumerate()
        .filter(|(_, &c)| c == b',')
        .map(|(i, _)| i)
        .collect();
    if commas.is_empty() {
        return;
    }
    let at = *rng.pick(&commas) + 1;
    if rng.chance(2) {
        let t = *rng.pick(&["}", "]", "{", "[", "},", "{}", "null,", "\"x\","]);
        b.splice(at..at, t.bytes());
    } else if let Some(end) = b[at..].iter().position(|&c| c == b'}') {
        let element = b[at..at + end + 1].to_vec();
        let times = 1 + rng.below(100);
        let mut more = Vec::new();
        for _ in 0..times {
            more.extend_from_slice(&element);
            more.push(b',');
        }
        b.splice(at..at, more);
    }
}

/// Random slice sizes for `len` bytes: many small ones or a few large ones.
fn slice_sizes(rng: &mut Rng, len: usize) -> Vec<usize> {
    let max = if rng.chance(2) { 16 } else { len.max(1) };
    let mut sizes = Vec::new();
    let mut total = 0;
    while total < len && sizes.len() < 4096 {
        let s = rng.below(max + 1);
        sizes.push(s);
        total += s;
    }
    sizes
}

fn same(a: &Result<Imported, ImportError>, b: &Result<Imported, ImportError>) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => x.same_as(y),
        (Err(x), Err(y)) => x == y,
        _ => false,
    }
}

thread_local! {
    /// The input being tried, for the panic hook.
    static CURRENT: RefCell<(String, Vec<u8>)> = const { RefCell::new((String::new(), Vec::new())) };
}

/// Findings of one target.
#[derive(Default)]
struct Report {
    inputs: u64,
    findings: Vec<String>,
    slowest: Duration,
}

impl Report {
    fn find(&mut self, target: &str, what: &str, input: &[u8]) {
        let n = self.findings.len();
        let dir = std::path::Path::new("target/fuzz-findings");
        let _ = std::fs::create_dir_all(dir);
        let path = dir.join(format!("{target}-{n}.bin"));
        let _ = std::fs::write(&path, input);
        let shown = String::from_utf8_lossy(&input[..input.len().min(300)]).into_owned();
        eprintln!(
            "FINDING {target}: {what}\n  input ({} bytes, saved to {}): {shown:?}",
            input.len(),
            path.display()
        );
        self.findings.push(what.to_owned());
    }
}

/// The corpus of a target.
fn corpus(target: &str) -> Vec<Vec<u8>> {
    let ds = Dataset::embedded().expect("the embedded dataset loads");
    let all: Vec<Column> = Column::all().collect();
    let chunks = |n: usize| -> Vec<Vec<usize>> {
        (0..ds.models.len())
            .step_by(n)
            .map(|i| (i..(i + 3).min(ds.models.len())).collect())
            .collect()
    };
    match target {
        "csv" | "roundtrip" => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            let mut lines = FIXTURE.split_inclusive('\n');
            let header = lines.next().unwrap_or("").to_owned();
            let rows: Vec<&str> = lines.collect();
            for group in rows.chunks(3) {
                out.push(format!("{header}{}", group.concat()).into_bytes());
            }
            for rows in chunks(25) {
                out.push(to_csv(&ds, &rows, &all).into_bytes());
                out.push(to_csv(&ds, &rows, &Column::DEFAULT).into_bytes());
            }
            out.push(b"Model,Publication date,Parameters\nA,2020,1e9\nB,May 2021,\n".to_vec());
            if target == "roundtrip" {
                for rows in chunks(40) {
                    out.push(to_json(&ds, &rows, &all).into_bytes());
                }
            }
            out
        }
        "json" => {
            let mut out: Vec<Vec<u8>> = chunks(20)
                .into_iter()
                .map(|rows| to_json(&ds, &rows, &all).into_bytes())
                .collect();
            out.push(
                br#"[{"Model":"a","Publication date":"2020","Parameters":1e9,"Organization":["X","Y"]}]"#
                    .to_vec(),
            );
            out
        }
        "url" => [
            "#/models?q=palm&sort=-parameters",
            "#/charts/parameters-over-time?from=2020&to=2022&embed=1",
            "#/compare?ids=gopher,chinchilla",
            "#/models?domain=language,vision&params_min=1e11&cols=name,org,parameters",
            "#/organizations/openai",
            "#/charts/mmlu?setting=5-shot&vs=parameters",
            "#/charts/compute-over-time?xscale=log&yscale=linear&color=country&labels=1&outliers=0",
            "#/models/gpt-3",
            "#/about",
            "#/countries",
            "#/capabilities?task=translation",
            "#/models?q=%C3%A9t%C3%A9&org=openai&access=api&compute_max=1e25&to=2023",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect(),
        "date" => [
            "2020-01-02",
            "May 2020",
            "05/28/2021",
            "28 May 2022",
            "2020",
            "2020-05",
            "Sep 2019",
            "2021-02-28",
            "1999-12-31T00:00:00",
            "Q3 2021",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect(),
        _ => [
            "1.75e11",
            "1,500,000",
            "175000000000",
            "3.14e23",
            "0.5",
            "-2",
            "5e-324",
            "1e308",
            "1_000",
            "12",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect(),
    }
}

/// Checks one input of `target`; returns what is wrong, if anything.
fn check(target: &str, input: &[u8], rng: &mut Rng) -> Option<String> {
    let limits = Limits::default();
    match target {
        "csv" | "json" => {
            let name = if target == "csv" { "f.csv" } else { "f.json" };
            let whole = import_bytes(name, input, None, limits);
            let sizes = slice_sizes(rng, input.len());
            let sliced = import_in_slices(name, input, sizes, None, limits);
            if !same(&whole, &sliced) {
                return Some("the result depends on the slicing".to_owned());
            }
            if let Ok(imp) = &whole {
                let read = imp.dataset.models.len() + imp.skipped.len();
                if read as u64 > imp.records {
                    return Some(format!("{read} rows out of {} records", imp.records));
                }
            }
            None
        }
        "roundtrip" => {
            let name = if input.first() == Some(&b'[') {
                "f.json"
            } else {
                "f.csv"
            };
            let Ok(imp) = import_bytes(name, input, None, limits) else {
                return None;
            };
            let ds = imp.dataset;
            let rows: Vec<usize> = (0..ds.models.len()).collect();
            let all: Vec<Column> = Column::all().collect();
            for (first, ext) in [
                (to_csv(&ds, &rows, &all), "csv"),
                (to_json(&ds, &rows, &all), "json"),
            ] {
                let back =
                    match import_bytes(&format!("export.{ext}"), first.as_bytes(), None, limits) {
                        Ok(b) => b,
                        Err(e) => return Some(format!("its {ext} export does not import: {e}")),
                    };
                if !back.skipped.is_empty() || !back.problems.is_empty() {
                    return Some(format!(
                        "its {ext} export re-imports with skipped rows or problems: {:?} {:?}",
                        back.skipped.first(),
                        back.problems.first()
                    ));
                }
                let again = if ext == "csv" {
                    to_csv(&back.dataset, &rows, &all)
                } else {
                    to_json(&back.dataset, &rows, &all)
                };
                if again != first {
                    let at = first
                        .bytes()
                        .zip(again.bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(first.len().min(again.len()));
                    let from = at.saturating_sub(60);
                    return Some(format!(
                        "its {ext} export changes on a round trip near {:?} vs {:?}",
                        first.get(from..(at + 60).min(first.len())).unwrap_or(""),
                        again.get(from..(at + 60).min(again.len())).unwrap_or("")
                    ));
                }
            }
            None
        }
        "url" => {
            let text = String::from_utf8_lossy(input);
            let parsed = parse_hash(&text);
            let hash = to_hash(&parsed.state);
            let again = parse_hash(&hash);
            if again.state != parsed.state {
                return Some(format!("the hash it writes, {hash:?}, reads differently"));
            }
            if !again.notices.is_empty() {
                return Some(format!(
                    "the hash it writes, {hash:?}, has notices: {:?}",
                    again.notices
                ));
            }
            None
        }
        "date" => {
            let text = String::from_utf8_lossy(input);
            let (d, _) = parse_date(&text)?;
            match parse_date(&d.to_string()) {
                Some((back, _)) if back == d => None,
                other => Some(format!("{d} reads back as {other:?}")),
            }
        }
        _ => {
            let text = String::from_utf8_lossy(input);
            let v = parse_number(&text)?;
            if !v.is_finite() {
                return Some(format!("{v} is not finite"));
            }
            let written = format_number(v);
            (parse_number(&written) != Some(v)).then(|| format!("{v} is written {written:?}"))
        }
    }
}

/// Runs `target` for `iterations` inputs or until `budget` has passed.
fn run(target: &str, iterations: u64, seed: u64, budget: Option<Duration>) -> Report {
    let corpus = corpus(target);
    let mut rng = Rng(seed ^ (target.len() as u64).wrapping_mul(0x1234_5678_9abc_def1));
    let mut report = Report::default();
    let start = Instant::now();
    let slow = slow();
    for _ in 0..iterations {
        if budget.is_some_and(|b| start.elapsed() > b) {
            break;
        }
        let base = rng.pick(&corpus);
        let other = rng.pick(&corpus);
        let mut input = if rng.chance(50) {
            base.clone()
        } else {
            mutate(&mut rng, base, other)
        };
        // Repeated duplications can reach tens of megabytes: keep inputs quick to check.
        input.truncate(MAX_INPUT);
        CURRENT.with(|c| {
            let mut c = c.borrow_mut();
            c.0.clear();
            c.0.push_str(target);
            c.1.clone_from(&input);
        });
        let t = Instant::now();
        let wrong = check(target, &input, &mut rng);
        let took = t.elapsed();
        report.inputs += 1;
        report.slowest = report.slowest.max(took);
        if let Some(what) = wrong {
            report.find(target, &what, &input);
        } else if took > slow {
            report.find(target, &format!("slow: {took:?}"), &input);
        }
        if report.findings.len() >= 20 {
            eprintln!("{target}: stopping after 20 findings");
            break;
        }
    }
    println!(
        "{target:>9}: {:>10} inputs, {:>3} findings, {:>7.1} s, slowest input {:.1} ms",
        report.inputs,
        report.findings.len(),
        start.elapsed().as_secs_f64(),
        report.slowest.as_secs_f64() * 1e3
    );
    report
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let target = args.first().map_or("all", String::as_str);
    let iterations: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    std::panic::set_hook(Box::new(|info| {
        CURRENT.with(|c| {
            if let Ok(c) = c.try_borrow() {
                let dir = std::path::Path::new("target/fuzz-findings");
                let _ = std::fs::create_dir_all(dir);
                let path = dir.join(format!("{}-panic.bin", c.0));
                let _ = std::fs::write(&path, &c.1);
                eprintln!(
                    "PANIC in {}: {info}\n  input saved to {}: {:?}",
                    c.0,
                    path.display(),
                    String::from_utf8_lossy(&c.1[..c.1.len().min(300)])
                );
            }
        });
    }));
    const TARGETS: [&str; 6] = ["csv", "json", "url", "date", "number", "roundtrip"];
    if target == "replay" {
        // `replay TARGET FILE`: checks one saved input again and times it.
        let (Some(t), Some(path)) = (args.get(1), args.get(2)) else {
            eprintln!("usage: fuzz replay TARGET FILE");
            std::process::exit(2);
        };
        let input = std::fs::read(path).expect("a readable input file");
        let start = Instant::now();
        let wrong = check(t, &input, &mut Rng(seed));
        println!(
            "{t}: {:?} in {:.3} ms",
            wrong,
            start.elapsed().as_secs_f64() * 1e3
        );
        return;
    }
    let (targets, budget): (Vec<&str>, Option<Duration>) = match target {
        "all" => (TARGETS.to_vec(), None),
        "smoke" => (TARGETS.to_vec(), Some(Duration::from_secs(3))),
        t if TARGETS.contains(&t) => (vec![t], None),
        other => {
            eprintln!(
                "unknown target {other}; targets: {} all smoke",
                TARGETS.join(" ")
            );
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    let mut findings = 0;
    for t in targets {
        findings += run(t, iterations, seed, budget).findings.len();
    }
    println!(
        "fuzz: {findings} findings in {:.1} s (seed {seed})",
        start.elapsed().as_secs_f64()
    );
    if findings > 0 {
        std::process::exit(1);
    }
}
