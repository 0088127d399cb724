//! The table's sort orders: every row in a column's order, computed once per dataset, column
//! and direction and then kept in the [`Index`]; a numeric column's second direction is
//! derived from the first in one pass; [`warm_sorts`] names the orders worth computing before
//! anyone asks (while the page is idle after a file is opened).

use std::rc::Rc;

use super::{fold, sort_value, Column, Index, SortKey, SortValue, DEFAULT_SORT};
use crate::data::{Dataset, Num, Text};
use crate::fast_hash::FastMap;

/// Above this many rows no order is computed ahead: one sort of 1 000 000 rows is a task of
/// 40–70 ms in the browser, long enough to delay a click that lands meanwhile.
pub const WARM_MAX_ROWS: usize = 300_000;

/// The sorts the models table offers as its first numeric columns, the default sort's other
/// direction first: the orders [`Index::warm`] computes while the page is idle, so that the
/// first click on one of those headers does not pay for sorting every row.
const WARM: [SortKey; 3] = [
    SortKey {
        column: DEFAULT_SORT.column,
        descending: !DEFAULT_SORT.descending,
    },
    SortKey {
        column: Column::PARAMETERS,
        descending: true,
    },
    SortKey {
        column: Column::COMPUTE,
        descending: true,
    },
];

/// The orders to compute ahead for a dataset of `rows` models (none above [`WARM_MAX_ROWS`]).
/// Each numeric column's other direction then costs one pass, not a sort.
pub fn warm_sorts(rows: usize) -> &'static [SortKey] {
    if rows > WARM_MAX_ROWS {
        &[]
    } else {
        &WARM
    }
}

impl Index {
    /// All rows in `key`'s order: stable, missing values last in either direction.
    pub(super) fn order(&self, ds: &Dataset, key: SortKey) -> Rc<Vec<u32>> {
        let k = (key.column, key.descending);
        if let Some(o) = self.orders.borrow().get(&k) {
            return Rc::clone(o);
        }
        let n = u32::try_from(ds.models.len()).unwrap_or(u32::MAX);
        let numeric: Option<&[f64]> = match key.column {
            Column::Num(Num::Parameters) => Some(&self.parameters),
            Column::Num(Num::TrainingCompute) => Some(&self.compute),
            Column::Date => Some(&self.dates),
            _ => None,
        };
        let other = self
            .orders
            .borrow()
            .get(&(key.column, !key.descending))
            .cloned();
        let order: Vec<u32> = if let (Some(values), Some(other)) = (numeric, other) {
            // The other direction is known: one pass instead of a sort.
            reversed(&other, values)
        } else if let Some(values) = numeric {
            // One integer key per row, sorted with the row: several times faster than a stable
            // sort with a float comparator.
            crate::sort::positions_by_key(
                values
                    .iter()
                    .zip(0..n)
                    .map(|(&v, i)| (numeric_sort_key(v, key.descending), i))
                    .collect(),
            )
        } else {
            // Text (and task-count) columns: rank the distinct values once, then order the rows
            // by rank — far fewer comparisons than sorting every row's string.
            let mut distinct: FastMap<String, u32> = FastMap::default();
            let mut numbers: Vec<f64> = Vec::new();
            // Memo of the raw cell → value id, so each distinct text is folded only once.
            let mut by_orgs: FastMap<&[String], Option<u32>> = FastMap::default();
            let mut by_text: FastMap<&str, Option<u32>> = FastMap::default();
            let mut intern = |t: String| {
                let next = u32::try_from(distinct.len()).unwrap_or(u32::MAX);
                *distinct.entry(t).or_insert(next)
            };
            let mut keys: Vec<Option<u32>> = Vec::with_capacity(ds.models.len());
            for m in &ds.models {
                let raw: Option<&str> = match key.column {
                    Column::Name => Some(&m.name),
                    Column::OrgType => Some(ds.org_type(m)),
                    Column::Country => Some(ds.country(m)),
                    Column::Text(Text::Domain) => Some(m.text(Text::Domain)),
                    Column::Text(Text::Architecture) => Some(m.text(Text::Architecture)),
                    Column::Text(Text::TrainingDataset) => Some(m.text(Text::TrainingDataset)),
                    Column::Text(Text::Hardware) => Some(m.text(Text::Hardware)),
                    Column::Text(Text::Access) => Some(m.text(Text::Access)),
                    Column::Text(Text::License) => Some(m.text(Text::License)),
                    _ => None,
                };
                let k = if let Some(raw) = raw {
                    if raw.is_empty() {
                        None
                    } else if let Some(&k) = by_text.get(raw) {
                        k
                    } else {
                        let k = Some(intern(fold(raw)));
                        by_text.insert(raw, k);
                        k
                    }
                } else if key.column == Column::Organizations {
                    if let Some(&k) = by_orgs.get(m.organizations.as_slice()) {
                        k
                    } else {
                        let names = ds.organization_names(m);
                        let k = (!names.is_empty()).then(|| intern(fold(&names)));
                        by_orgs.insert(m.organizations.as_slice(), k);
                        k
                    }
                } else {
                    match sort_value(ds, m, key.column) {
                        SortValue::Missing => None,
                        SortValue::Text(t) => Some(intern(t)),
                        SortValue::Number(x) => {
                            numbers.push(x);
                            u32::try_from(numbers.len() - 1).ok()
                        }
                    }
                };
                keys.push(k);
            }
            // rank[value id] = position of the value in ascending order.
            let rank: Vec<u32> = if numbers.is_empty() {
                let mut by_text: Vec<(&String, u32)> =
                    distinct.iter().map(|(t, &id)| (t, id)).collect();
                // Once per dataset and key; as fast as the std sort on 100 000 strings.
                crate::sort::sort_by(&mut by_text, Ord::cmp);
                let mut rank = vec![0u32; by_text.len()];
                for (pos, (_, id)) in by_text.iter().enumerate() {
                    if let Some(r) = rank.get_mut(*id as usize) {
                        *r = u32::try_from(pos).unwrap_or(u32::MAX);
                    }
                }
                rank
            } else {
                // Numbers from a text column's fallback: their own order.
                let ids = crate::sort::positions_by_key(
                    numbers
                        .iter()
                        .zip(0u32..)
                        .map(|(&x, id)| (crate::sort::total_order_key(x), id))
                        .collect(),
                );
                let mut rank = vec![0u32; ids.len()];
                let mut r = 0u32;
                for (pos, &id) in ids.iter().enumerate() {
                    if pos > 0 {
                        let prev = ids.get(pos - 1).and_then(|&p| numbers.get(p as usize));
                        if prev != numbers.get(id as usize) {
                            r += 1;
                        }
                    }
                    if let Some(slot) = rank.get_mut(id as usize) {
                        *slot = r;
                    }
                }
                rank
            };
            let sort_key = |i: u32| -> (u8, u32) {
                match keys.get(i as usize).copied().flatten() {
                    None => (1, 0),
                    Some(id) => {
                        let r = rank.get(id as usize).copied().unwrap_or(u32::MAX);
                        (0, if key.descending { u32::MAX - r } else { r })
                    }
                }
            };
            crate::sort::positions_by_key(
                (0..n)
                    .map(|i| {
                        let (missing, rank) = sort_key(i);
                        ((u64::from(missing) << 32) | u64::from(rank), i)
                    })
                    .collect(),
            )
        };
        let order = Rc::new(order);
        self.orders.borrow_mut().insert(k, Rc::clone(&order));
        order
    }

    /// Computes and keeps `key`'s order (nothing if it is already kept).
    pub fn warm(&self, ds: &Dataset, key: SortKey) {
        self.order(ds, key);
    }
}

/// A numeric column's order in the other direction, from `order` (stable, NaN last) and the
/// column's `values`: the runs of equal values in reverse, each run's rows still in row
/// order, the missing values still last. The same as sorting again (native test), in O(n).
fn reversed(order: &[u32], values: &[f64]) -> Vec<u32> {
    let key = |i: u32| values.get(i as usize).map(|&v| numeric_sort_key(v, false));
    // The missing values are the tail in either direction.
    let known = order
        .iter()
        .rposition(|&i| key(i) != Some(u64::MAX))
        .map_or(0, |p| p + 1);
    let (numbers, missing) = order.split_at(known.min(order.len()));
    let mut out = Vec::with_capacity(order.len());
    let mut end = numbers.len();
    while end > 0 {
        let k = numbers.get(end - 1).and_then(|&i| key(i));
        let mut start = end - 1;
        while start > 0 && numbers.get(start - 1).and_then(|&i| key(i)) == k {
            start -= 1;
        }
        out.extend_from_slice(numbers.get(start..end).unwrap_or(&[]));
        end = start;
    }
    out.extend_from_slice(missing);
    out
}

/// An integer that orders numbers as `f64::total_cmp` does (reversed when `descending`), with
/// NaN (a missing value) after every number in either direction.
pub(super) fn numeric_sort_key(v: f64, descending: bool) -> u64 {
    if v.is_nan() {
        return u64::MAX;
    }
    let ordered = crate::sort::total_order_key(v);
    // No number maps to 0 or u64::MAX (only NaN bit patterns would), so missing values stay
    // last in either direction.
    if descending {
        !ordered
    } else {
        ordered
    }
}

/// Sorts row indices by `key`, stably; missing values go last in either direction.
pub fn sort_rows(ds: &Dataset, index: &Index, rows: &mut [usize], key: SortKey) {
    let order = index.order(ds, key);
    let mut position = vec![u32::MAX; ds.models.len()];
    for (pos, &row) in order.iter().enumerate() {
        if let Some(p) = position.get_mut(row as usize) {
            *p = u32::try_from(pos).unwrap_or(u32::MAX);
        }
    }
    let by_position = crate::sort::positions_by_key(
        rows.iter()
            .zip(0u32..)
            .map(|(&i, slot)| {
                (
                    u64::from(position.get(i).copied().unwrap_or(u32::MAX)),
                    slot,
                )
            })
            .collect(),
    );
    let sorted: Vec<usize> = by_position
        .iter()
        .filter_map(|&slot| rows.get(slot as usize).copied())
        .collect();
    // Always equal (a slot per row); the check only keeps `rows` whole.
    if sorted.len() == rows.len() {
        rows.copy_from_slice(&sorted);
    }
}
