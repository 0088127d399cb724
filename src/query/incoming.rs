//! The page's side of an import: the dataset and its [`Index`] put together as the worker's
//! chunks arrive (`data::transfer`), each chunk indexed in the task that decodes it, so no
//! step at the end walks all rows at once.

use super::{Index, IndexBuilder};
use crate::data::transfer::Summary;
use crate::data::{Dataset, Format, LoadError, Model, Organization, Schema};

/// An import arriving in chunks.
#[derive(Debug)]
pub struct Incoming {
    dataset: Dataset,
    index: IndexBuilder,
    total: usize,
}

impl Incoming {
    /// Expects `total` models whose organizations are `organizations`.
    pub fn new(total: usize, organizations: Vec<Organization>) -> Self {
        // Room for the models at once (a growing list would be copied again and again); the
        // worker never sends more than the row limit, so a larger count is not reserved.
        let total = total.min(usize::try_from(crate::data::MAX_ROWS).unwrap_or(usize::MAX));
        let dataset = Dataset::from_models(Vec::with_capacity(total), organizations);
        Self {
            dataset,
            index: IndexBuilder::with_capacity(total),
            total,
        }
    }

    /// How many models are expected.
    pub fn total(&self) -> usize {
        self.total
    }

    /// How many models arrived.
    pub fn received(&self) -> usize {
        self.dataset.models.len()
    }

    /// Adds the next chunk and indexes it.
    pub fn add(&mut self, mut chunk: Vec<Model>) {
        self.index.add(&self.dataset, &chunk);
        self.dataset.models.append(&mut chunk);
    }

    /// The dataset and its index, with the summary's lists.
    pub fn finish(self, summary: Summary) -> Received {
        Received {
            dataset: self.dataset,
            index: self.index.finish(),
            skipped: summary.skipped,
            problems: summary.problems,
            notices: summary.notices,
            format: summary.format,
            schema: summary.schema,
        }
    }
}

/// A finished import, as the page holds it.
#[derive(Debug)]
pub struct Received {
    /// The models and their organizations.
    pub dataset: Dataset,
    /// Its index (the same as `Index::new(&dataset)`).
    pub index: Index,
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
