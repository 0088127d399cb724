//! The page's side of an import: the dataset and its [`Index`] put together as the worker's
//! chunks arrive (`data::transfer`), while the worker still reads the file, each chunk indexed
//! in the task that decodes it. The step at the end walks the rows once, for the two facets
//! that depend on the organizations' final country and type ([`super::Facet::OF_ORGANIZATION`]).

use super::{Index, IndexBuilder};
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
    /// Expects about `expected` models (the worker's estimate).
    pub fn new(expected: usize) -> Self {
        // Room for the models at once (a growing list would be copied again and again); the
        // worker never sends more than the row limit, so a larger count is not reserved. Room
        // the page's memory cannot give is not an error: the list then grows as it fills.
        let room = expected.min(usize::try_from(crate::data::MAX_ROWS).unwrap_or(usize::MAX));
        let mut models = Vec::new();
        let _ = models.try_reserve_exact(room);
        Self {
            dataset: Dataset::from_models(models, Vec::new()),
            // The index makes room once the first chunk tells its size per row.
            index: IndexBuilder::with_capacity(0),
            expected: room,
        }
    }

    /// Adds the next chunk with the organizations first met in it, and indexes it.
    pub fn add(&mut self, mut chunk: Vec<Model>, organizations: Vec<Organization>) {
        let first = self.dataset.models.is_empty();
        self.dataset.add_organizations(organizations);
        self.index.add(&self.dataset, &chunk);
        self.dataset.models.append(&mut chunk);
        if first {
            // Room for the index, its search text as long per row as in the first chunk.
            self.index.reserve_rows(self.expected);
        }
    }

    /// The dataset (with the summary's final organizations) and its index, with the
    /// summary's lists.
    pub fn finish(self, summary: Summary) -> Received {
        let Self {
            dataset, mut index, ..
        } = self;
        // The worker sends the organizations in the order met and then all of them, final,
        // in that order: the rows' lead organizations keep their places.
        let same_places = dataset.organizations.len() <= summary.organizations.len()
            && dataset
                .organizations
                .iter()
                .zip(&summary.organizations)
                .all(|(a, b)| a.id == b.id);
        let dataset = Dataset::from_models(dataset.models, summary.organizations);
        let index = if same_places {
            index.organizations_changed(&dataset);
            index.finish()
        } else {
            Index::new(&dataset)
        };
        Received {
            dataset,
            index,
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
    use super::*;
    use crate::data::fixture;
    use crate::query::{run, Facet, TableQuery};

    fn summary(organizations: Vec<Organization>) -> Summary {
        Summary {
            organizations,
            skipped: Vec::new(),
            problems: Vec::new(),
            notices: Vec::new(),
            format: Format::Csv,
            schema: Schema::Atlas,
        }
    }

    /// Every facet value of every facet selects the same rows as with an index built at once.
    fn answers_like_a_whole_index(got: &Received) {
        let whole = Index::new(&got.dataset);
        for f in Facet::ALL {
            for value in got
                .dataset
                .organizations
                .iter()
                .flat_map(|o| [&o.country, &o.kind])
            {
                let mut q = TableQuery::default();
                q.toggle(f, value);
                assert_eq!(
                    run(&got.dataset, &got.index, &q).rows,
                    run(&got.dataset, &whole, &q).rows,
                    "{f:?} = {value}"
                );
            }
        }
    }

    #[test]
    fn chunks_then_the_final_organizations_give_the_index_of_the_whole() {
        let ds = fixture::dataset();
        let (first, rest) = ds.models.split_at(ds.models.len() / 2);
        // The organizations arrive with the chunks without their country and type.
        let bare: Vec<Organization> = ds
            .organizations
            .iter()
            .map(|o| Organization {
                country: String::new(),
                kind: String::new(),
                ..o.clone()
            })
            .collect();
        let mut incoming = Incoming::new(ds.models.len());
        incoming.add(first.to_vec(), bare.clone());
        incoming.add(rest.to_vec(), Vec::new());
        let got = incoming.finish(summary(ds.organizations.clone()));
        assert_eq!(got.dataset.models, ds.models);
        assert_eq!(got.dataset.organizations, ds.organizations);
        answers_like_a_whole_index(&got);
    }

    #[test]
    fn final_organizations_in_other_places_are_indexed_anew() {
        let ds = fixture::dataset();
        let mut incoming = Incoming::new(0);
        incoming.add(ds.models.clone(), ds.organizations.clone());
        let mut reordered = ds.organizations.clone();
        reordered.reverse();
        let got = incoming.finish(summary(reordered));
        answers_like_a_whole_index(&got);
    }
}
