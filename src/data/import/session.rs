//! The import worker's driver: an [`Importer`] fed with byte ranges of a file, answering with
//! [`FromWorker`] messages. Pure Rust, so the whole conversation is tested natively; the
//! browser side only reads the ranges and posts the messages (`bin/import_worker.rs`).
//!
//! Models are sent as soon as a range completes them, so the page decodes and indexes them
//! while the worker reads on; the session keeps none of them (the worker holds the messages it
//! sent until the page stops it: `bin/import-worker.rs`, `State::sent`).

use super::super::transfer::{
    FromWorker, Reading, Summary, CHUNK_MODELS, FIRST_SLICE_BYTES, PREVIEW_MODELS,
};
use super::super::{Model, Organization};
use super::{Format, ImportError, Importer, Limits, Mapping, Schema};

/// One file being read in the worker.
#[derive(Debug)]
pub struct Session {
    importer: Importer,
    size: u64,
    pos: u64,
    /// How many bytes one range holds.
    slice: u64,
    /// Whether the first rows have been sent.
    previewed: bool,
    /// Whether the mapping was asked for and not answered yet.
    waiting: bool,
    /// Whether [`FromWorker::Begin`] was sent.
    begun: bool,
    /// How many organizations were sent.
    orgs_sent: usize,
}

impl Session {
    /// Starts reading `file_name` of `size` bytes in ranges of `slice` bytes (at least 1).
    pub fn new(file_name: &str, size: u64, slice: u64) -> Result<Self, FromWorker> {
        let mut importer =
            Importer::new(file_name, Some(size), Limits::default()).map_err(failed)?;
        importer.stream();
        Ok(Self {
            importer,
            size,
            pos: 0,
            slice: slice.max(1),
            previewed: false,
            waiting: false,
            begun: false,
            orgs_sent: 0,
        })
    }

    /// The next byte range to read (`start..end`), or `None` when the whole file was read or
    /// the session waits for the user's mapping. The first range holds at most
    /// [`FIRST_SLICE_BYTES`], the others `slice` bytes.
    pub fn next_range(&self) -> Option<(u64, u64)> {
        if self.waiting || self.pos >= self.size {
            return None;
        }
        let slice = if self.pos == 0 {
            self.slice.min(FIRST_SLICE_BYTES)
        } else {
            self.slice
        };
        Some((self.pos, self.pos.saturating_add(slice).min(self.size)))
    }

    /// Whether the session waits for [`Session::set_mapping`].
    pub fn waiting(&self) -> bool {
        self.waiting
    }

    fn reading(&self, records: u64) -> FromWorker {
        FromWorker::Progress(Reading {
            bytes: self.pos,
            total: self.size,
            records,
        })
    }

    /// Feeds the bytes of the range [`Session::next_range`] gave. The answer is progress,
    /// perhaps the first rows or the mapping question, or the failure (after which the
    /// session is done).
    pub fn feed(&mut self, bytes: &[u8]) -> Result<Vec<FromWorker>, FromWorker> {
        // Lengths of wasm and native slices fit in u64.
        self.pos = self.pos.saturating_add(bytes.len() as u64).min(self.size);
        let progress = self.importer.feed(bytes).map_err(failed)?;
        let mut out = vec![self.reading(progress.records)];
        if self.importer.needs_mapping() {
            out.push(self.ask_mapping());
            return Ok(out);
        }
        if !self.previewed && progress.loaded > 0 && self.pos < self.size {
            self.previewed = true;
            if let Some(d) = self.importer.preview(PREVIEW_MODELS) {
                out.push(FromWorker::Preview {
                    models: d.models,
                    organizations: d.organizations,
                    format: self.importer.format().unwrap_or(Format::Csv),
                    schema: self.schema(),
                });
            }
        }
        self.send(&mut out);
        Ok(out)
    }

    /// Adds the models built so far to `out` in chunks, with the organizations met since the
    /// last chunk (after [`FromWorker::Begin`], before the first).
    fn send(&mut self, out: &mut Vec<FromWorker>) {
        let models = self.importer.take_models();
        if models.is_empty() {
            return;
        }
        if !self.begun {
            self.begun = true;
            let expected = self
                .importer
                .estimated_rows()
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(models.len());
            out.push(FromWorker::Begin { expected });
        }
        let organizations = self.importer.organizations_from(self.orgs_sent);
        self.orgs_sent = self.importer.organization_count();
        chunks(models, organizations, out);
    }

    fn schema(&self) -> Schema {
        self.importer.mapping().map_or(Schema::Custom, |m| m.schema)
    }

    fn ask_mapping(&mut self) -> FromWorker {
        self.waiting = true;
        FromWorker::NeedsMapping {
            headers: self.importer.headers().unwrap_or(&[]).to_vec(),
            samples: self.importer.samples().to_vec(),
            mapping: self
                .importer
                .guessed_mapping()
                .cloned()
                .unwrap_or_else(|| Mapping::new(Schema::Custom)),
        }
    }

    /// Continues with the user's mapping: converts the records read so far.
    pub fn set_mapping(&mut self, mapping: Mapping) -> Result<Vec<FromWorker>, FromWorker> {
        if !self.waiting {
            return Ok(Vec::new());
        }
        self.waiting = false;
        self.importer.set_mapping(mapping);
        self.feed(&[])
    }

    /// Ends the input: the last models in chunks, then [`FromWorker::Done`]; or the mapping
    /// question (when the header came only with the end of the file), or the failure.
    pub fn finish(mut self) -> Result<Finished, FromWorker> {
        self.importer.end_input().map_err(failed)?;
        if self.importer.needs_mapping() {
            let ask = self.ask_mapping();
            return Ok(Finished::Waiting(Box::new(self), ask));
        }
        let mut imported = self.importer.finish().map_err(failed)?;
        // The models not sent yet: those the end of the input completed (all of them when
        // the file was read in one range), with the organizations not sent yet.
        let mut out = Vec::new();
        let rest = std::mem::take(&mut imported.dataset.models);
        if !rest.is_empty() {
            if !self.begun {
                out.push(FromWorker::Begin {
                    expected: rest.len(),
                });
            }
            let new_orgs = imported
                .dataset
                .organizations
                .get(self.orgs_sent..)
                .unwrap_or(&[])
                .to_vec();
            chunks(rest, new_orgs, &mut out);
        }
        out.push(FromWorker::Done(Summary {
            organizations: imported.dataset.organizations,
            skipped: imported.skipped,
            problems: imported.problems,
            notices: imported.notices,
            format: imported.format,
            schema: imported.mapping.schema,
        }));
        Ok(Finished::Done(out))
    }
}

/// What [`Session::finish`] gives.
#[derive(Debug)]
pub enum Finished {
    /// The models in chunks and the summary, to post in order.
    Done(Vec<FromWorker>),
    /// The mapping must be asked first: post the question, keep the session.
    Waiting(Box<Session>, FromWorker),
}

/// Adds `models` to `out` in chunks of at most [`CHUNK_MODELS`], the `organizations` with the
/// first.
fn chunks(models: Vec<Model>, organizations: Vec<Organization>, out: &mut Vec<FromWorker>) {
    let mut organizations = Some(organizations);
    let mut models = models.into_iter();
    loop {
        let chunk: Vec<_> = models.by_ref().take(CHUNK_MODELS).collect();
        if chunk.is_empty() {
            break;
        }
        out.push(FromWorker::Models {
            models: chunk,
            organizations: organizations.take().unwrap_or_default(),
        });
    }
}

fn failed(e: ImportError) -> FromWorker {
    FromWorker::Failed {
        message: e.to_string(),
        skipped: e.skipped().to_vec(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
    use super::*;
    use crate::data::transfer::{decode, encode, ToWorker};
    use crate::data::Field;
    use crate::data::{import_text, EMBEDDED};
    use crate::query::{self, Column, Facet, Incoming, Index, Received, TableQuery};
    use proptest::prelude::*;

    const FIXTURE: &str = include_str!("../../../tests/fixtures/epoch_notable_2026-02_first40.csv");

    /// What the page saw: every message went through encode → decode, as between the worker
    /// and the page; the mapping question is answered with `answer` (or the guess).
    #[derive(Debug, Default)]
    struct Page {
        previews: usize,
        asked: usize,
        /// The models' chunks, and how many came before the file was read to its end.
        chunks: usize,
        chunks_early: usize,
        expected: usize,
        progress: Vec<u64>,
        received: Option<Received>,
        failed: Option<String>,
    }

    fn through<T: serde::Serialize + serde::de::DeserializeOwned>(m: &T) -> T {
        decode(&encode(m)).expect("decodes")
    }

    /// Runs a session like the worker does, over `bytes` in ranges of `slice` bytes.
    fn run(name: &str, bytes: &[u8], slice: u64, answer: Option<&Mapping>) -> Page {
        let mut page = Page::default();
        let mut asm: Option<Incoming> = None;
        let handle =
            |page: &mut Page, asm: &mut Option<Incoming>, m: FromWorker| -> Option<Mapping> {
                match through(&m) {
                    FromWorker::Ready => {}
                    FromWorker::Progress(r) => page.progress.push(r.bytes),
                    FromWorker::Preview { models, .. } => {
                        assert!(!models.is_empty());
                        page.previews += 1;
                    }
                    FromWorker::NeedsMapping { mapping, .. } => {
                        page.asked += 1;
                        let reply = ToWorker::SetMapping(answer.cloned().unwrap_or(mapping));
                        let ToWorker::SetMapping(m) = through(&reply);
                        return Some(m);
                    }
                    FromWorker::Begin { expected } => {
                        assert!(asm.is_none(), "one beginning");
                        page.expected = expected;
                        *asm = Some(Incoming::new(expected));
                    }
                    FromWorker::Models {
                        models,
                        organizations,
                    } => {
                        assert!(models.len() <= CHUNK_MODELS && !models.is_empty());
                        let incoming = asm.as_mut().expect("the beginning came first");
                        incoming.add(models, organizations);
                        page.chunks += 1;
                    }
                    FromWorker::Done(summary) => {
                        let incoming = asm.take().expect("the beginning came first");
                        page.received = Some(incoming.finish(summary));
                    }
                    FromWorker::Failed { message, .. } => page.failed = Some(message),
                }
                None
            };
        let size = bytes.len() as u64;
        let mut session = match Session::new(name, size, slice) {
            Ok(s) => s,
            Err(m) => {
                handle(&mut page, &mut asm, m);
                return page;
            }
        };
        loop {
            while let Some((a, b)) = session.next_range() {
                if b < size {
                    page.chunks_early = page.chunks;
                }
                let answer = match session.feed(&bytes[a as usize..b as usize]) {
                    Ok(ms) => ms
                        .into_iter()
                        .filter_map(|m| handle(&mut page, &mut asm, m))
                        .last(),
                    Err(m) => {
                        handle(&mut page, &mut asm, m);
                        return page;
                    }
                };
                if let Some(m) = answer {
                    for m in session.set_mapping(m).unwrap_or_else(|e| vec![e]) {
                        handle(&mut page, &mut asm, m);
                    }
                }
            }
            match session.finish() {
                Err(m) => {
                    handle(&mut page, &mut asm, m);
                    return page;
                }
                Ok(Finished::Done(ms)) => {
                    for m in ms {
                        handle(&mut page, &mut asm, m);
                    }
                    return page;
                }
                Ok(Finished::Waiting(mut s, ask)) => {
                    if let Some(m) = handle(&mut page, &mut asm, ask) {
                        for m in s.set_mapping(m).unwrap_or_else(|e| vec![e]) {
                            handle(&mut page, &mut asm, m);
                        }
                    }
                    session = *s;
                }
            }
        }
    }

    fn same(page: &Page, name: &str, text: &str) {
        same_as(page, name, text, None);
    }

    /// The page got what a one-shot import of `text` with `mapping` gives, and its index
    /// answers like one built at once.
    fn same_as(page: &Page, name: &str, text: &str, mapping: Option<&Mapping>) {
        let direct = import_text(name, text, mapping).expect("imports");
        let got = page.received.as_ref().expect("a dataset");
        assert_eq!(got.dataset.models, direct.dataset.models);
        assert_eq!(got.dataset.organizations, direct.dataset.organizations);
        assert_eq!(got.skipped, direct.skipped);
        assert_eq!(got.problems, direct.problems);
        assert_eq!(got.notices, direct.notices);
        assert_eq!(got.format, direct.format);
        assert_eq!(got.schema, direct.mapping.schema);
        // The index built chunk by chunk answers like one built at once.
        let whole = Index::new(&got.dataset);
        let mut queries = vec![TableQuery::default()];
        for search in ["gpt", "google", "a", "language"] {
            queries.push(TableQuery {
                search: search.to_owned(),
                ..TableQuery::default()
            });
        }
        for facet in Facet::ALL {
            for value in ["Japan", "France", "Industry", "Academia", "language"] {
                let mut q = TableQuery::default();
                q.toggle(facet, value);
                queries.push(q);
            }
        }
        for sort in [Column::Name, Column::Date, Column::Organizations] {
            queries.push(TableQuery {
                sort: Some(query::SortKey {
                    column: sort,
                    descending: false,
                }),
                ..TableQuery::default()
            });
        }
        for q in &queries {
            assert_eq!(
                query::run(&got.dataset, &got.index, q),
                query::run(&got.dataset, &whole, q),
                "{q:?}"
            );
        }
    }

    #[test]
    fn the_embedded_models_cross_to_the_page_unchanged_in_chunks() {
        let text = EMBEDDED.models;
        // Big enough for several chunks: the file repeated (ids are made unique).
        let body = text.split_once('\n').unwrap().1;
        let mut big = text.to_owned();
        for _ in 0..30 {
            big.push_str(body);
        }
        let page = run("big.csv", big.as_bytes(), 256 * 1024, None);
        assert!(page.failed.is_none(), "{:?}", page.failed);
        assert_eq!(page.asked, 0, "the atlas's own columns are recognized");
        assert_eq!(page.previews, 1, "the first rows come once");
        let got = page.received.as_ref().unwrap();
        assert!(got.dataset.models.len() > CHUNK_MODELS, "several chunks");
        assert!(
            page.chunks_early * 2 > page.chunks,
            "most chunks arrive while the file is read ({} of {})",
            page.chunks_early,
            page.chunks
        );
        let n = got.dataset.models.len();
        assert!(
            page.expected > n / 2 && page.expected < n * 2,
            "the page is told about how many rows come ({} for {n})",
            page.expected
        );
        assert_eq!(*page.progress.last().unwrap(), big.len() as u64);
        same(&page, "big.csv", &big);
    }

    #[test]
    fn a_file_read_in_one_range_has_no_preview() {
        let page = run("e.csv", FIXTURE.as_bytes(), 1 << 30, None);
        assert_eq!(page.previews, 0);
        same(&page, "e.csv", FIXTURE);
    }

    #[test]
    fn an_unknown_file_asks_for_the_mapping_and_loads_with_the_answer() {
        let text = "Title,When,Lab,Size\nAlpha,2020-01-02,Acme,1e9\nBeta,2021-03-04,Bolt,2e9\n";
        let mut answer = Mapping::new(Schema::Custom);
        answer.set(Field::Name, Some("Title"));
        answer.set(Field::Date, Some("When"));
        answer.set(Field::Organizations, Some("Lab"));
        answer.set(Field::Num(crate::data::Num::Parameters), Some("Size"));
        for slice in [7, 1 << 20] {
            let page = run("c.csv", text.as_bytes(), slice, Some(&answer));
            assert_eq!(page.asked, 1, "asked once (ranges of {slice} bytes)");
            assert!(page.failed.is_none(), "{:?}", page.failed);
            let got = page.received.as_ref().unwrap();
            let direct = crate::data::import_text("c.csv", text, Some(&answer)).unwrap();
            assert_eq!(got.dataset.models, direct.dataset.models);
            assert_eq!(got.dataset.models.len(), 2);
            assert_eq!(got.dataset.models[1].name, "Beta");
            assert_eq!(
                got.dataset.models[1].value(crate::data::Num::Parameters),
                Some(2e9)
            );
        }
    }

    #[test]
    fn an_organizations_country_is_the_one_most_of_its_rows_give_though_its_first_came_early() {
        // The first rows' country (sent with the first chunk: the format is told from the
        // first 1 024 bytes, ~25 rows here) is outvoted by later rows.
        let mut text = "Title,When,Lab,Country,Sector\n".to_owned();
        for i in 0..100 {
            let (country, kind) = if i < 30 {
                ("France", "Academia")
            } else {
                ("Japan", "Industry")
            };
            text.push_str(&format!("A{i},2021-01-02,Acme,{country},{kind}\n"));
        }
        let mut answer = Mapping::new(Schema::Custom);
        answer.set(Field::Name, Some("Title"));
        answer.set(Field::Date, Some("When"));
        answer.set(Field::Organizations, Some("Lab"));
        answer.set(Field::Country, Some("Country"));
        answer.set(Field::OrgType, Some("Sector"));
        let page = run("c.csv", text.as_bytes(), 100, Some(&answer));
        assert!(page.failed.is_none(), "{:?}", page.failed);
        assert!(page.chunks_early >= 2, "rows arrive while the file is read");
        let got = page.received.as_ref().unwrap();
        let acme = got.dataset.organization("acme").unwrap();
        assert_eq!(
            (acme.country.as_str(), acme.kind.as_str()),
            ("Japan", "Industry")
        );
        let mut japan = TableQuery::default();
        japan.toggle(Facet::Country, "Japan");
        assert_eq!(query::run(&got.dataset, &got.index, &japan).rows.len(), 100);
        let mut industry = TableQuery::default();
        industry.toggle(Facet::OrgType, "Industry");
        assert_eq!(
            query::run(&got.dataset, &got.index, &industry).rows.len(),
            100
        );
        same_as(&page, "c.csv", &text, Some(&answer));
    }

    #[test]
    fn the_first_range_is_small_and_the_next_ones_full_size() {
        let body = EMBEDDED.models.split_once('\n').unwrap().1;
        let mut text = EMBEDDED.models.to_owned();
        while (text.len() as u64) < FIRST_SLICE_BYTES * 3 {
            text.push_str(body);
        }
        let size = text.len() as u64;
        let slice = FIRST_SLICE_BYTES * 4;
        let mut session = Session::new("big.csv", size, slice).unwrap();
        assert_eq!(session.next_range(), Some((0, FIRST_SLICE_BYTES)));
        session
            .feed(&text.as_bytes()[..FIRST_SLICE_BYTES as usize])
            .unwrap();
        assert_eq!(
            session.next_range(),
            Some((FIRST_SLICE_BYTES, size.min(FIRST_SLICE_BYTES + slice)))
        );
    }

    #[test]
    fn failures_reach_the_page_as_one_message() {
        let page = run("empty.csv", b"", 10, None);
        assert!(page.failed.is_some());
        assert!(page.received.is_none());
        let page = run("x.png", b"\x89PNG\r\n\x1a\n\0\0\0", 4, None);
        assert!(page.failed.is_some(), "binary is refused");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn the_result_does_not_depend_on_the_range_size(slice in 1u64..20_000) {
            let page = run("e.csv", FIXTURE.as_bytes(), slice, None);
            same(&page, "e.csv", FIXTURE);
        }
    }
}
