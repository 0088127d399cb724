//! The page's side of an import: the dataset and its [`Index`] put together as the worker's
//! chunks arrive (`data::transfer`), while the worker still reads the file, each chunk indexed
//! in the task that decodes it. The step at the end walks the rows once, for the two facets
//! that depend on the organizations' final country and type ([`Facet::OF_ORGANIZATION`]).

use super::{Facet, Index, IndexBuilder};
use crate::data::transfer::Summary;
use crate::data::{Dataset, Format, LoadError, Model, Organization, Schema};

/// An import arriving in chunks.
#[derive(Debug)]
pub struct Incoming {
    dataset: Dataset,
    index: IndexBuilder,
    expected: usize,
}

impl Incoming {
    /// Expects about `expected` models (the worker's estimate; 0 when not known).
    pub fn new(expected: usize) -> Self {
        // Room for the models at once (a growing list would be copied again and again); the
        // worker never sends more than the row limit, so a larger count is not reserved.
        let room = expected.min(usize::try_from(crate::data::MAX_ROWS).unwrap_or(usize::MAX));
        Self {
            dataset: Dataset::from_models(Vec::with_capacity(room), Vec::new()),
            index: IndexBuilder::with_capacity(room),
            expected: room,
        }
    }

    /// How many models were expected.
    pub fn expected(&self) -> usize {
        self.expected
    }

    /// How many models arrived.
    pub fn received(&self) -> usize {
        self.dataset.models.len()
    }

    /// Adds the next chunk with the organizations first met in it, and indexes it.
    pub fn add(&mut self, mut chunk: Vec<Model>, organizations: Vec<Organization>) {
        self.dataset.add_organizations(organizations);
        self.index.add(&self.dataset, &chunk);
        self.dataset.models.append(&mut chunk);
    }

    /// The dataset (with the summary's final organizations) and its index, with the
    /// summary's lists.
    pub fn finish(self, summary: Summary) -> Received {
        let Self {
            dataset, mut index, ..
        } = self;
        let dataset = Dataset::from_models(dataset.models, summary.organizations);
        index.redo_facets(&dataset, &Facet::OF_ORGANIZATION);
        Received {
            dataset,
            index: index.finish(),
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
