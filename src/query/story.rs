//! Figures for the overview's story (the report the atlas grew from, told with today's data):
//! the largest models per period, the share of transformers over time, who builds the models,
//! and how training compares with Chinchilla's compute-optimal ratio.

use crate::data::{Dataset, Model, Num, Text};
use crate::fast_hash::FastMap;

use super::compare::tokens_per_parameter;

/// The periods the story compares (inclusive years; the last is open-ended): before the
/// transformer, its first years, the report's 2020–2022, and since.
pub const PERIODS: [(i32, i32); 4] = [(2012, 2016), (2017, 2019), (2020, 2022), (2023, i32::MAX)];

/// The architectures counted as transformers (`vocab::ARCHITECTURES`): dense, encoder-decoder,
/// vision and autoregressive image transformers, and mixture-of-experts (transformer layers
/// with routed experts in every model of the dataset).
pub const TRANSFORMERS: [&str; 5] = [
    "dense transformer",
    "encoder-decoder transformer",
    "mixture-of-experts",
    "vision transformer",
    "autoregressive image transformer",
];

/// "2020–2022", "2023 onwards".
pub fn period_label(from: i32, to: i32) -> String {
    if to == i32::MAX {
        format!("{from} onwards")
    } else {
        format!("{from}–{to}")
    }
}

fn models<'a>(ds: &'a Dataset, rows: &'a [usize]) -> impl Iterator<Item = &'a Model> + 'a {
    rows.iter().filter_map(|&i| ds.models.get(i))
}

fn within(m: &Model, from: i32, to: i32) -> bool {
    m.year().is_some_and(|y| (from..=to).contains(&y))
}

/// The model with the most parameters (known values) dated `from..=to`.
pub fn largest_between<'a>(
    ds: &'a Dataset,
    rows: &'a [usize],
    from: i32,
    to: i32,
) -> Option<&'a Model> {
    models(ds, rows)
        .filter(|m| within(m, from, to))
        .filter_map(|m| Some((m, m.num(Num::Parameters).value?)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(m, _)| m)
}

/// Models dated `from..=to` with at least `parameters` (known values).
pub fn count_at_least(ds: &Dataset, rows: &[usize], from: i32, to: i32, parameters: f64) -> usize {
    models(ds, rows)
        .filter(|m| within(m, from, to))
        .filter(|m| {
            m.num(Num::Parameters)
                .value
                .is_some_and(|p| p >= parameters)
        })
        .count()
}

/// Models of one year: how many, and how many are transformers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearShare {
    /// The year.
    pub year: i32,
    /// Models dated that year.
    pub total: usize,
    /// Of which transformers ([`TRANSFORMERS`]).
    pub transformers: usize,
}

impl YearShare {
    /// Transformers ÷ total, in percent (0 for an empty year).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.transformers as f64 / self.total as f64
        }
    }
}

/// Whether an architecture is one of [`TRANSFORMERS`].
pub fn is_transformer(architecture: &str) -> bool {
    TRANSFORMERS.contains(&architecture)
}

/// The share of transformers per year among `rows`, for the years that have models (ascending).
pub fn transformer_share_by_year(ds: &Dataset, rows: &[usize]) -> Vec<YearShare> {
    let mut years: FastMap<i32, YearShare> = FastMap::default();
    for m in models(ds, rows) {
        let Some(year) = m.year() else {
            continue;
        };
        let s = years.entry(year).or_insert(YearShare {
            year,
            total: 0,
            transformers: 0,
        });
        s.total += 1;
        if is_transformer(m.text(Text::Architecture)) {
            s.transformers += 1;
        }
    }
    let mut out: Vec<YearShare> = years.into_values().collect();
    crate::sort::sort_by_key(&mut out, |s| s.year);
    out
}

/// The years `from..=to` of [`transformer_share_by_year`] added up (`year` is `from`).
pub fn share_between(shares: &[YearShare], from: i32, to: i32) -> YearShare {
    shares
        .iter()
        .filter(|s| (from..=to).contains(&s.year))
        .fold(
            YearShare {
                year: from,
                total: 0,
                transformers: 0,
            },
            |acc, s| YearShare {
                total: acc.total + s.total,
                transformers: acc.transformers + s.transformers,
                ..acc
            },
        )
}

/// The `n` groups with the most models among `rows` (a model may count in several groups),
/// largest first, ties by name.
pub fn top_groups<'a, G: IntoIterator<Item = &'a str>>(
    ds: &'a Dataset,
    rows: &[usize],
    group: impl Fn(&'a Model) -> G,
    n: usize,
) -> Vec<(&'a str, usize)> {
    let mut counts: FastMap<&str, usize> = FastMap::default();
    for m in rows.iter().filter_map(|&i| ds.models.get(i)) {
        for g in group(m) {
            *counts.entry(g).or_default() += 1;
        }
    }
    let mut out: Vec<(&str, usize)> = counts.into_iter().collect();
    crate::sort::sort_by(&mut out, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    out.truncate(n);
    out
}

/// Models dated `from..=to` with both parameters and training tokens, by where they stand
/// against Chinchilla's ~20 tokens per parameter: [fewer, near, more] (see
/// [`super::compare::TokensPerParameter::verdict`]).
pub fn optimal_split(ds: &Dataset, rows: &[usize], from: i32, to: i32) -> [usize; 3] {
    let mut out = [0; 3];
    for t in models(ds, rows)
        .filter(|m| within(m, from, to))
        .filter_map(tokens_per_parameter)
    {
        let slot = if t.ratio_to_optimal < 0.5 {
            0
        } else if t.ratio_to_optimal > 2.0 {
            2
        } else {
            1
        };
        if let Some(c) = out.get_mut(slot) {
            *c += 1;
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::data::fixture;

    fn all(ds: &Dataset) -> Vec<usize> {
        (0..ds.models.len()).collect()
    }

    #[test]
    fn transformer_share_per_year() {
        let ds = fixture::dataset();
        let shares = transformer_share_by_year(&ds, &all(&ds));
        // 2019 Small (dense), 2020 Vision (ViT) + Mid (dense), 2021 Big (MoE), 2023 Unknown (dense).
        let years: Vec<(i32, usize, usize)> = shares
            .iter()
            .map(|s| (s.year, s.total, s.transformers))
            .collect();
        assert_eq!(
            years,
            [(2019, 1, 1), (2020, 2, 2), (2021, 1, 1), (2023, 1, 1)]
        );
        let mut ds2 = fixture::dataset();
        ds2.models.retain(|m| m.id != "m-big");
        let cnn = ds2.models.iter_mut().find(|m| m.id == "m-vis").unwrap();
        *cnn.texts.get_mut(Text::Architecture) = "CNN".into();
        let shares = transformer_share_by_year(&ds2, &all(&ds2));
        let y2020 = shares.iter().find(|s| s.year == 2020).unwrap();
        assert_eq!((y2020.total, y2020.transformers), (2, 1));
        assert!((y2020.percent() - 50.0).abs() < 1e-12);
        let sum = share_between(&shares, 2019, 2020);
        assert_eq!((sum.year, sum.total, sum.transformers), (2019, 3, 2));
        assert_eq!(share_between(&shares, 1990, 1999).percent(), 0.0);
        assert!(!is_transformer("CNN") && is_transformer("mixture-of-experts"));
    }

    #[test]
    fn largest_and_counts_per_period() {
        let ds = fixture::dataset();
        let rows = all(&ds);
        assert_eq!(largest_between(&ds, &rows, 2020, 2022).unwrap().id, "m-big");
        assert_eq!(largest_between(&ds, &rows, 2020, 2020).unwrap().id, "m-mid");
        // 2023 has only a model of unknown size.
        assert!(largest_between(&ds, &rows, 2023, i32::MAX).is_none());
        assert_eq!(count_at_least(&ds, &rows, 2020, 2022, 1e11), 2);
        assert_eq!(period_label(2023, i32::MAX), "2023 onwards");
        assert_eq!(period_label(2020, 2022), "2020–2022");
    }

    #[test]
    fn top_groups_and_optimal_split() {
        let ds = fixture::dataset();
        let rows = all(&ds);
        let orgs = top_groups(
            &ds,
            &rows,
            |m| m.organizations.iter().map(String::as_str),
            5,
        );
        assert_eq!(orgs, [("alpha", 4), ("beta", 2)]);
        let countries = top_groups(&ds, &rows, |m| [ds.country(m)], 1);
        assert_eq!(countries, [("United States", 3)]);
        // Small ~27 (near), Mid ~1.7 (fewer); the others lack a number.
        assert_eq!(optimal_split(&ds, &rows, 2000, 2030), [1, 1, 0]);
        assert_eq!(optimal_split(&ds, &rows, 2020, 2030), [1, 0, 0]);
    }
}
