//! The text a search looks in, laid out so that a search reads each piece of text once: every
//! row's own text (its name and description) in one buffer, and the values many rows share
//! (an organization's name and id, a task) once each, with the rows that have each.
//!
//! A search word has no whitespace and the pieces of a row's text are joined by spaces, so a
//! word is in the row's whole text (`query::search_text`) exactly when it is in one of the
//! pieces (native test): the own text is scanned for it, then the shared values, and the
//! rows of every matching shared value are marked.

use super::fold_into;
use crate::data::{Dataset, Model, Text};
use crate::fast_hash::FastMap;

/// Separates the pieces of text in a buffer (never in folded text a search word can hold:
/// whitespace splits words).
const SEP: char = '\u{1}';

/// The searchable text of an index's rows.
#[derive(Debug, Default)]
pub(super) struct SearchText {
    /// Every row's own text, each preceded by [`SEP`].
    own: String,
    /// Byte offset of each row's own text in `own` (ascending).
    own_starts: Vec<u32>,
    /// Every shared value's folded text, each preceded by [`SEP`].
    shared: String,
    /// Byte offset of each shared value in `shared` (ascending).
    shared_starts: Vec<u32>,
    /// The id of each organization's shared value, by organization id.
    org_ids: FastMap<String, u32>,
    /// The id of each task's shared value, by task.
    task_ids: FastMap<String, u32>,
    /// The rows of each shared value, ascending.
    rows_of: Vec<Vec<u32>>,
}

impl SearchText {
    /// Empty, with room for `n` rows of own text.
    pub(super) fn with_capacity(n: usize) -> Self {
        Self {
            own: String::with_capacity(n.saturating_mul(32)),
            own_starts: Vec::with_capacity(n),
            ..Self::default()
        }
    }

    /// Adds `m` as the next row; `ds` gives its organizations' names.
    pub(super) fn push(&mut self, ds: &Dataset, m: &Model) {
        let row = u32::try_from(self.own_starts.len()).unwrap_or(u32::MAX);
        self.own_starts
            .push(u32::try_from(self.own.len()).unwrap_or(u32::MAX));
        self.own.push(SEP);
        fold_into(&mut self.own, &m.name);
        self.own.push(' ');
        fold_into(&mut self.own, m.text(Text::Description));
        for id in &m.organizations {
            let v = self.shared_id(true, id, |out| {
                if let Some(o) = ds.organization(id) {
                    fold_into(out, &o.name);
                    out.push(' ');
                }
                fold_into(out, id);
            });
            self.add_row(v, row);
        }
        for t in &m.tasks {
            let v = self.shared_id(false, t, |out| fold_into(out, t));
            self.add_row(v, row);
        }
    }

    /// The id of a shared value, added (its text written by `write`) when new.
    fn shared_id(&mut self, org: bool, raw: &str, write: impl FnOnce(&mut String)) -> u32 {
        let ids = if org { &self.org_ids } else { &self.task_ids };
        if let Some(&v) = ids.get(raw) {
            return v;
        }
        let v = u32::try_from(self.shared_starts.len()).unwrap_or(u32::MAX);
        self.shared_starts
            .push(u32::try_from(self.shared.len()).unwrap_or(u32::MAX));
        self.shared.push(SEP);
        write(&mut self.shared);
        let ids = if org {
            &mut self.org_ids
        } else {
            &mut self.task_ids
        };
        ids.insert(raw.to_owned(), v);
        self.rows_of.push(Vec::new());
        v
    }

    fn add_row(&mut self, v: u32, row: u32) {
        if let Some(rows) = self.rows_of.get_mut(v as usize) {
            // A model listing the same organization or task twice is marked once.
            if rows.last() != Some(&row) {
                rows.push(row);
            }
        }
    }

    /// Makes room for `more` rows of about `per_row` bytes of own text.
    pub(super) fn reserve(&mut self, more: usize) {
        let added = self.own_starts.len();
        if added == 0 {
            return;
        }
        let per_row = self.own.len().div_ceil(added);
        // A little more than the average, as rows vary.
        let text = more.saturating_mul(per_row);
        let _ = self.own.try_reserve(text.saturating_add(text / 8));
        let _ = self.own_starts.try_reserve(more);
    }

    /// Marks the rows whose text contains `word` (already folded, not empty).
    pub(super) fn mark_word(&self, word: &str, hits: &mut [bool]) {
        if word.is_empty() {
            return;
        }
        let finder = memchr::memmem::Finder::new(word.as_bytes());
        for row in matching(&finder, &self.own, &self.own_starts) {
            if let Some(h) = hits.get_mut(row) {
                *h = true;
            }
        }
        for v in matching(&finder, &self.shared, &self.shared_starts) {
            for &row in self.rows_of.get(v).map_or(&[][..], Vec::as_slice) {
                if let Some(h) = hits.get_mut(row as usize) {
                    *h = true;
                }
            }
        }
    }
}

/// The pieces of `text` (starting at `starts`) that contain the finder's word, each once, in
/// order.
fn matching<'a>(
    finder: &'a memchr::memmem::Finder<'a>,
    text: &'a str,
    starts: &'a [u32],
) -> impl Iterator<Item = usize> + 'a {
    let mut piece = 0usize;
    let mut last: Option<usize> = None;
    finder.find_iter(text.as_bytes()).filter_map(move |pos| {
        let pos = u32::try_from(pos).unwrap_or(u32::MAX);
        // Matches come in ascending order: advance to the piece that contains `pos`.
        while starts.get(piece + 1).is_some_and(|&s| s <= pos) {
            piece += 1;
        }
        (last != Some(piece)).then(|| {
            last = Some(piece);
            piece
        })
    })
}
