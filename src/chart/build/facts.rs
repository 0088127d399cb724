//! What the chart builders know about a dataset that changes with neither the table's filters
//! nor the chart's options — the colour groups (every model's colour key, counted and ranked
//! over the whole dataset so colours do not move with the filters; the cost chart's
//! organizations and the energy chart's hardware families likewise), the parameter outliers'
//! yardstick, which models are sparse, which are the key models named by default and the year
//! the data covers in part — computed once per dataset, each the first time a figure needs it,
//! instead of on every build.
//!
//! [`DatasetFacts::of`] keeps the facts of the last datasets shared through an `Rc` (the app's
//! one), keyed by that `Rc`'s allocation: the cache holds a `Weak`, so the allocation cannot be
//! reused by another dataset while the entry lives, and an entry whose dataset is gone is
//! dropped.

use std::cell::{OnceCell, RefCell};
use std::rc::{Rc, Weak};

use super::time::{is_sparse, ParameterOutliers};
use super::{color_key, rank_keys, Groups};
use crate::chart::labels;
use crate::chart::window::partial_year;
use crate::chart::ColorBy;
use crate::data::{Dataset, Model};
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
        let ranked = rank_keys(ds.models.iter().map(|m| color_key(ds, m, by)));
        let rank: FastMap<&str, u32> = ranked
            .iter()
            .enumerate()
            // Distinct keys number at most the models, far below u32::MAX.
            .map(|(i, k)| (k.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let of_model = ds
            .models
            .iter()
            .map(|m| rank.get(color_key(ds, m, by)).copied().unwrap_or(u32::MAX))
            .collect();
        ColorRanks { ranked, of_model }
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
    outlier_rows: OnceCell<Vec<bool>>,
    sparse: OnceCell<Vec<bool>>,
    cost_groups: OnceCell<Vec<String>>,
    energy_groups: OnceCell<Vec<String>>,
    partial_year: OnceCell<Option<(i32, String)>>,
    key_rows: OnceCell<Vec<(u32, usize)>>,
    years: OnceCell<Vec<Option<i32>>>,
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

    /// The cost chart's colour groups, from its ranked keys (`rank`, computed once).
    pub(super) fn cost_groups(&self, rank: impl FnOnce() -> Vec<String>) -> Groups {
        Groups::ranked(
            self.cost_groups
                .get_or_init(rank)
                .iter()
                .map(String::as_str),
        )
    }

    /// The energy chart's colour groups, from its ranked keys (`rank`, computed once).
    pub(super) fn energy_groups(&self, rank: impl FnOnce() -> Vec<String>) -> Groups {
        Groups::ranked(
            self.energy_groups
                .get_or_init(rank)
                .iter()
                .map(String::as_str),
        )
    }

    /// The year `ds` covers in part ([`partial_year`]).
    pub(super) fn partial_year(&self, ds: &Dataset) -> Option<(i32, String)> {
        self.partial_year.get_or_init(|| partial_year(ds)).clone()
    }

    /// Every model's publication year, by row (the time window's filter reads these rather
    /// than the models).
    pub(super) fn years(&self, ds: &Dataset) -> &[Option<i32>] {
        self.years
            .get_or_init(|| ds.models.iter().map(Model::year).collect())
    }

    /// The rows of `ds` that are key models ([`labels::key_rows`]).
    pub(super) fn key_rows(&self, ds: &Dataset) -> &[(u32, usize)] {
        self.key_rows.get_or_init(|| labels::key_rows(ds))
    }

    /// The parameter outliers' yardstick over `ds`.
    pub(super) fn outliers(&self, ds: &Dataset) -> &ParameterOutliers {
        self.outliers.get_or_init(|| ParameterOutliers::new(ds))
    }

    /// Whether the model at `row` of `ds` is a parameter outlier
    /// ([`ParameterOutliers::is_outlier`]).
    pub(super) fn is_outlier(&self, ds: &Dataset, row: usize) -> bool {
        self.outlier_rows
            .get_or_init(|| {
                let o = self.outliers(ds);
                ds.models.iter().map(|m| o.is_outlier(m)).collect()
            })
            .get(row)
            .copied()
            .unwrap_or(false)
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
