//! What the chart builders know about a dataset that changes with neither the table's filters
//! nor the chart's options — the colour groups (every model's colour key, counted and ranked
//! over the whole dataset so colours do not move with the filters), the parameter outliers'
//! yardstick and which models are sparse — computed once per dataset, each the first time a
//! figure needs it, instead of on every build.
//!
//! [`DatasetFacts::of`] keeps the facts of the last datasets shared through an `Rc` (the app's
//! one), keyed by that `Rc`'s allocation: the cache holds a `Weak`, so the allocation cannot be
//! reused by another dataset while the entry lives, and an entry whose dataset is gone is
//! dropped.

use std::cell::{OnceCell, RefCell};
use std::rc::{Rc, Weak};

use super::time::{is_sparse, ParameterOutliers};
use super::{color_key, Groups};
use crate::chart::ColorBy;
use crate::data::Dataset;
use crate::fast_hash::FastMap;

/// How many datasets' facts [`DatasetFacts::of`] keeps (the app shows one at a time; a second
/// entry covers the moment an import replaces it).
const CACHED: usize = 2;

/// The colour keys of one [`ColorBy`] choice over a dataset.
pub(super) struct ColorRanks {
    /// The distinct keys, most common first (ties by name).
    ranked: Vec<String>,
    /// Each model's key as its position in `ranked`.
    of_model: Vec<u32>,
}

impl ColorRanks {
    fn new(ds: &Dataset, by: ColorBy) -> ColorRanks {
        let mut ids: FastMap<&str, u32> = FastMap::default();
        let mut counts: Vec<(&str, usize)> = Vec::new();
        let mut of_model = Vec::with_capacity(ds.models.len());
        for m in &ds.models {
            let k = color_key(ds, m, by);
            let id = *ids.entry(k).or_insert_with(|| {
                counts.push((k, 0));
                // Distinct keys number at most the models, far below u32::MAX.
                u32::try_from(counts.len() - 1).unwrap_or(u32::MAX)
            });
            if let Some(c) = counts.get_mut(id as usize) {
                c.1 += 1;
            }
            of_model.push(id);
        }
        let mut order: Vec<usize> = (0..counts.len()).collect();
        order.sort_by(|&a, &b| {
            let (ka, na) = counts.get(a).copied().unwrap_or_default();
            let (kb, nb) = counts.get(b).copied().unwrap_or_default();
            nb.cmp(&na).then_with(|| ka.cmp(kb))
        });
        let mut rank_of = vec![0u32; counts.len()];
        for (rank, &id) in order.iter().enumerate() {
            if let Some(r) = rank_of.get_mut(id) {
                *r = u32::try_from(rank).unwrap_or(u32::MAX);
            }
        }
        for id in &mut of_model {
            *id = rank_of.get(*id as usize).copied().unwrap_or(u32::MAX);
        }
        ColorRanks {
            ranked: order
                .iter()
                .filter_map(|&id| counts.get(id).map(|(k, _)| (*k).to_owned()))
                .collect(),
            of_model,
        }
    }

    /// The colour groups (a fresh copy: a figure counts its marks into it).
    pub(super) fn groups(&self) -> Groups {
        Groups::ranked(self.ranked.iter().map(String::as_str))
    }

    /// The series of the model at `row` among `groups` (made by [`Self::groups`]).
    pub(super) fn series_of(&self, groups: &Groups, row: usize) -> usize {
        let rank = self.of_model.get(row).copied().unwrap_or(u32::MAX) as usize;
        groups.of_rank(rank)
    }
}

/// The per-dataset facts of the chart builders (see the module's documentation).
#[derive(Default)]
pub struct DatasetFacts {
    colors: [OnceCell<ColorRanks>; 4],
    outliers: OnceCell<ParameterOutliers>,
    sparse: OnceCell<Vec<bool>>,
}

thread_local! {
    static CACHE: RefCell<Vec<(Weak<Dataset>, Rc<DatasetFacts>)>> = const { RefCell::new(Vec::new()) };
}

impl DatasetFacts {
    /// Empty facts: each is computed when first asked for.
    pub fn new() -> DatasetFacts {
        DatasetFacts::default()
    }

    /// The facts of `ds`, shared by every figure built from the same `Rc` (computed on first
    /// use, kept while the dataset lives; see the module's documentation).
    pub fn of(ds: &Rc<Dataset>) -> Rc<DatasetFacts> {
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            cache.retain(|(w, _)| w.strong_count() > 0);
            if let Some((_, f)) = cache
                .iter()
                .find(|(w, _)| std::ptr::eq(w.as_ptr(), Rc::as_ptr(ds)))
            {
                return f.clone();
            }
            let f = Rc::new(DatasetFacts::new());
            if cache.len() >= CACHED {
                cache.remove(0);
            }
            cache.push((Rc::downgrade(ds), f.clone()));
            f
        })
    }

    /// The colour keys of `by` over `ds` (the dataset these facts are of).
    pub(super) fn colors(&self, ds: &Dataset, by: ColorBy) -> &ColorRanks {
        let [domain, org_type, country, access] = &self.colors;
        let cell = match by {
            ColorBy::Domain => domain,
            ColorBy::OrgType => org_type,
            ColorBy::Country => country,
            ColorBy::Access => access,
        };
        cell.get_or_init(|| ColorRanks::new(ds, by))
    }

    /// The parameter outliers' yardstick over `ds`.
    pub(super) fn outliers(&self, ds: &Dataset) -> &ParameterOutliers {
        self.outliers.get_or_init(|| ParameterOutliers::new(ds))
    }

    /// Whether the model at `row` of `ds` is sparse ([`is_sparse`]).
    pub(super) fn is_sparse(&self, ds: &Dataset, row: usize) -> bool {
        self.sparse
            .get_or_init(|| ds.models.iter().map(is_sparse).collect())
            .get(row)
            .copied()
            .unwrap_or(false)
    }
}
