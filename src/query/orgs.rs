//! The organizations list: per-organization figures over the visible rows, its sort keys, and
//! each organization's partners listed once.

use std::cmp::Ordering;

use crate::data::{Dataset, Model, Num, Organization, Partnership};
use crate::fast_hash::FastMap;

/// One organization's figures over a set of rows (indices into `ds.models`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrgStats {
    /// Models the organization (co-)developed.
    pub count: usize,
    /// The one with the most parameters (known values only).
    pub largest: Option<usize>,
    /// The earliest.
    pub first: Option<usize>,
    /// The most recent.
    pub latest: Option<usize>,
}

/// An organization with its figures.
#[derive(Clone, Debug)]
pub struct OrgRow<'a> {
    /// The organization.
    pub org: &'a Organization,
    /// Its figures.
    pub stats: OrgStats,
}

/// What the organizations list is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgSortKey {
    /// Display name.
    Name,
    /// Country.
    Country,
    /// Organization type.
    Type,
    /// Number of models.
    Models,
    /// Parameters of the largest model.
    Largest,
    /// Date of the latest model.
    Latest,
}

impl OrgSortKey {
    /// Every key, in column order.
    pub const ALL: [OrgSortKey; 6] = [
        OrgSortKey::Name,
        OrgSortKey::Type,
        OrgSortKey::Country,
        OrgSortKey::Models,
        OrgSortKey::Largest,
        OrgSortKey::Latest,
    ];

    /// Whether a first click sorts descending (numbers and dates: biggest or newest first).
    pub fn descending_first(self) -> bool {
        matches!(
            self,
            OrgSortKey::Models | OrgSortKey::Largest | OrgSortKey::Latest
        )
    }
}

/// A sort of the organizations list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrgSort {
    /// The key.
    pub key: OrgSortKey,
    /// Largest / newest / Z first.
    pub descending: bool,
}

impl Default for OrgSort {
    /// Most models first.
    fn default() -> Self {
        OrgSort {
            key: OrgSortKey::Models,
            descending: true,
        }
    }
}

impl OrgSort {
    /// The sort after a click on `key`'s header: the same key flips, a new key starts in its
    /// natural direction.
    pub fn clicked(self, key: OrgSortKey) -> OrgSort {
        if self.key == key {
            OrgSort {
                key,
                descending: !self.descending,
            }
        } else {
            OrgSort {
                key,
                descending: key.descending_first(),
            }
        }
    }
}

/// The organizations with at least one model among `rows`, with their figures, in dataset order.
/// One pass over the rows.
pub fn org_rows<'a>(ds: &'a Dataset, rows: &[usize]) -> Vec<OrgRow<'a>> {
    let mut stats: FastMap<&str, OrgStats> = FastMap::default();
    let model = |i: Option<usize>| i.and_then(|i| ds.models.get(i));
    for &i in rows {
        let Some(m) = ds.models.get(i) else { continue };
        for org in &m.organizations {
            let s = stats.entry(org.as_str()).or_default();
            s.count += 1;
            let params = m.num(Num::Parameters).value;
            if params.is_some() && params > model(s.largest).and_then(parameters) {
                s.largest = Some(i);
            }
            // First and latest among the dated models.
            let date = |i: Option<usize>| model(i).and_then(|m| m.date);
            if let Some(d) = m.date {
                if date(s.first).is_none_or(|f| d < f) {
                    s.first = Some(i);
                }
                if date(s.latest).is_none_or(|l| d > l) {
                    s.latest = Some(i);
                }
            }
        }
    }
    ds.organizations
        .iter()
        .filter_map(|o| {
            stats
                .remove(o.id.as_str())
                .map(|stats| OrgRow { org: o, stats })
        })
        .collect()
}

fn parameters(m: &Model) -> Option<f64> {
    m.num(Num::Parameters).value
}

/// Sorts `rows` by `sort`; ties by name. Organizations without a value for a numeric key
/// (no known size) go last in either direction.
pub fn sort_orgs(ds: &Dataset, rows: &mut [OrgRow<'_>], sort: OrgSort) {
    let largest = |r: &OrgRow<'_>| {
        r.stats
            .largest
            .and_then(|i| ds.models.get(i))
            .and_then(parameters)
    };
    let latest = |r: &OrgRow<'_>| {
        r.stats
            .latest
            .and_then(|i| ds.models.get(i))
            .and_then(|m| m.date)
    };
    let by_name =
        |a: &OrgRow<'_>, b: &OrgRow<'_>| a.org.name.to_lowercase().cmp(&b.org.name.to_lowercase());
    let directed = |o: Ordering| if sort.descending { o.reverse() } else { o };
    crate::sort::sort_by(rows, |a, b| {
        let primary = match sort.key {
            OrgSortKey::Name => directed(by_name(a, b)),
            OrgSortKey::Country => directed(a.org.country.cmp(&b.org.country)),
            OrgSortKey::Type => directed(a.org.kind.cmp(&b.org.kind)),
            OrgSortKey::Models => directed(a.stats.count.cmp(&b.stats.count)),
            OrgSortKey::Largest => match (largest(a), largest(b)) {
                (Some(x), Some(y)) => directed(x.total_cmp(&y)),
                (x, y) => y.is_some().cmp(&x.is_some()),
            },
            OrgSortKey::Latest => match (latest(a), latest(b)) {
                (Some(x), Some(y)) => directed(x.cmp(&y)),
                (x, y) => y.is_some().cmp(&x.is_some()),
            },
        };
        primary.then_with(|| by_name(a, b))
    });
}

/// An organization's partners, each listed once however many partnerships (or directions)
/// the pair has: the partner's id and its partnerships with `org`, in file order. Partners in
/// order of first mention.
pub fn partners<'a>(ds: &'a Dataset, org: &str) -> Vec<(&'a str, Vec<&'a Partnership>)> {
    let mut out: Vec<(&str, Vec<&Partnership>)> = Vec::new();
    let mut slot: FastMap<&str, usize> = FastMap::default();
    for p in &ds.partnerships {
        let other = if p.org_a == org {
            p.org_b.as_str()
        } else if p.org_b == org {
            p.org_a.as_str()
        } else {
            continue;
        };
        if other == org {
            continue;
        }
        match slot.get(other).and_then(|&i| out.get_mut(i)) {
            Some((_, list)) => list.push(p),
            None => {
                slot.insert(other, out.len());
                out.push((other, vec![p]));
            }
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::data::fixture;

    fn names(ds: &Dataset, sort: OrgSort) -> Vec<String> {
        let all: Vec<usize> = (0..ds.models.len()).collect();
        let mut rows = org_rows(ds, &all);
        sort_orgs(ds, &mut rows, sort);
        rows.iter().map(|r| r.org.id.clone()).collect()
    }

    #[test]
    fn figures_per_organization() {
        let ds = fixture::dataset();
        let all: Vec<usize> = (0..ds.models.len()).collect();
        let rows = org_rows(&ds, &all);
        let alpha = rows.iter().find(|r| r.org.id == "alpha").unwrap();
        assert_eq!(alpha.stats.count, 4);
        let id = |i: Option<usize>| ds.models[i.unwrap()].id.clone();
        assert_eq!(id(alpha.stats.largest), "m-big");
        assert_eq!(id(alpha.stats.first), "m-small");
        assert_eq!(id(alpha.stats.latest), "m-big");
        let beta = rows.iter().find(|r| r.org.id == "beta").unwrap();
        assert_eq!(
            (beta.stats.count, id(beta.stats.latest)),
            (2, "m-unk".into())
        );
        // Only rows given count.
        let rows = org_rows(&ds, &[0]);
        assert_eq!(rows.len(), 1);
    }

    #[test]
    fn sorts_by_every_key_both_ways() {
        let ds = fixture::dataset();
        let s = |key, descending| OrgSort { key, descending };
        assert_eq!(names(&ds, OrgSort::default()), ["alpha", "beta"]);
        assert!(!OrgSort::default().clicked(OrgSortKey::Models).descending);
        assert_eq!(names(&ds, s(OrgSortKey::Models, false)), ["beta", "alpha"]);
        assert_eq!(names(&ds, s(OrgSortKey::Name, false)), ["alpha", "beta"]);
        assert_eq!(names(&ds, s(OrgSortKey::Name, true)), ["beta", "alpha"]);
        assert_eq!(names(&ds, s(OrgSortKey::Country, false)), ["beta", "alpha"]);
        assert_eq!(names(&ds, s(OrgSortKey::Type, false)), ["alpha", "beta"]);
        assert_eq!(names(&ds, s(OrgSortKey::Latest, true)), ["beta", "alpha"]);
        assert_eq!(names(&ds, s(OrgSortKey::Latest, false)), ["alpha", "beta"]);
        // Both share m-big as their largest: ties by name.
        assert_eq!(names(&ds, s(OrgSortKey::Largest, true)), ["alpha", "beta"]);
        for key in OrgSortKey::ALL {
            let other = OrgSort {
                key: if key == OrgSortKey::Name {
                    OrgSortKey::Type
                } else {
                    OrgSortKey::Name
                },
                descending: false,
            };
            let first = other.clicked(key);
            assert_eq!(first.descending, key.descending_first(), "{key:?}");
            assert_eq!(first.clicked(key).descending, !first.descending);
        }
    }

    #[test]
    fn unknown_sizes_go_last_either_way() {
        let ds = fixture::dataset();
        // Beta's only sized model is m-big; drop it from the rows: beta has no known size.
        let rows: Vec<usize> = (0..ds.models.len())
            .filter(|&i| ds.models[i].id != "m-big")
            .collect();
        for descending in [true, false] {
            let mut r = org_rows(&ds, &rows);
            sort_orgs(
                &ds,
                &mut r,
                OrgSort {
                    key: OrgSortKey::Largest,
                    descending,
                },
            );
            assert_eq!(r.last().unwrap().org.id, "beta");
        }
    }

    #[test]
    fn partners_are_listed_once_per_pair() {
        let mut ds = fixture::dataset();
        let p = ds.partnerships[0].clone();
        let mut reversed = p.clone();
        std::mem::swap(&mut reversed.org_a, &mut reversed.org_b);
        reversed.kind = "cloud".into();
        ds.partnerships.push(reversed);
        ds.partnerships.push(p);
        let alpha = partners(&ds, "alpha");
        assert_eq!(alpha.len(), 1);
        assert_eq!(alpha[0].0, "beta");
        assert_eq!(alpha[0].1.len(), 3);
        let beta = partners(&ds, "beta");
        assert_eq!(beta.iter().map(|p| p.0).collect::<Vec<_>>(), ["alpha"]);
        assert!(partners(&ds, "nobody").is_empty());
    }
}
