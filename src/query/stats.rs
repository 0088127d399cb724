//! Figures over a set of rows: benchmark ranks and leaders, similar models, counts per year,
//! regions.

use std::collections::{BTreeMap, HashMap};

use crate::data::{Dataset, Model, Num, Text};
use crate::fast_hash::FastMap;

/// The rank (1 = best) of `model_id` among the models with a result on `benchmark` in
/// `setting`, using each model's best score there; and how many models are ranked.
pub fn benchmark_rank(
    ds: &Dataset,
    model_id: &str,
    benchmark: &str,
    setting: &str,
) -> Option<(usize, usize)> {
    let higher = ds.higher_is_better(benchmark);
    let mut best: HashMap<&str, f64> = HashMap::new();
    for r in ds
        .benchmarks
        .iter()
        .filter(|r| r.benchmark == benchmark && r.setting == setting)
    {
        let e = best.entry(r.model_id.as_str()).or_insert(r.value);
        if (higher && r.value > *e) || (!higher && r.value < *e) {
            *e = r.value;
        }
    }
    let mine = *best.get(model_id)?;
    let better = best
        .values()
        .filter(|&&v| if higher { v > mine } else { v < mine })
        .count();
    Some((better + 1, best.len()))
}

/// Up to `n` models most like `ds.models[row]`: same domain, closest in log-size and date.
pub fn similar_models(ds: &Dataset, row: usize, n: usize) -> Vec<usize> {
    let Some(me) = ds.models.get(row) else {
        return Vec::new();
    };
    let my_size = me
        .num(Num::Parameters)
        .value
        .filter(|v| *v > 0.0)
        .map(f64::log10);
    let my_year = me.decimal_year();
    let mut scored: Vec<(f64, usize)> = ds
        .models
        .iter()
        .enumerate()
        .filter(|(i, m)| *i != row && m.text(Text::Domain) == me.text(Text::Domain))
        .map(|(i, m)| {
            let size = m
                .num(Num::Parameters)
                .value
                .filter(|v| *v > 0.0)
                .map(f64::log10);
            let size_gap = match (my_size, size) {
                (Some(a), Some(b)) => (a - b).abs(),
                _ => 1.5,
            };
            let date_gap = match (my_year, m.decimal_year()) {
                (Some(a), Some(b)) => (a - b).abs() / 2.0,
                _ => 1.0,
            };
            (size_gap + date_gap, i)
        })
        .collect();
    crate::sort::sort_by(&mut scored, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(n).map(|(_, i)| i).collect()
}

/// The most common evaluation setting of a benchmark among `rows` (ties: alphabetical).
pub fn main_setting(ds: &Dataset, rows: &[usize], benchmark: &str) -> Option<String> {
    let ids: std::collections::HashSet<&str> = rows
        .iter()
        .filter_map(|&i| ds.models.get(i).map(|m| m.id.as_str()))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for b in ds
        .benchmarks
        .iter()
        .filter(|b| b.benchmark == benchmark && ids.contains(b.model_id.as_str()))
    {
        *counts.entry(b.setting.as_str()).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, c)| *c == best)
        .map(|(s, _)| s.to_owned())
}

/// The best result on `benchmark` in `setting` among `rows` (respecting lower-is-better).
pub fn leader<'a>(
    ds: &'a Dataset,
    rows: &[usize],
    benchmark: &str,
    setting: &str,
) -> Option<&'a crate::data::BenchmarkResult> {
    let higher = ds.higher_is_better(benchmark);
    let ids: std::collections::HashSet<&str> = rows
        .iter()
        .filter_map(|&i| ds.models.get(i).map(|m| m.id.as_str()))
        .collect();
    ds.benchmarks
        .iter()
        .filter(|b| b.benchmark == benchmark && b.setting == setting)
        .filter(|b| ids.contains(b.model_id.as_str()))
        .reduce(|best, b| {
            let better = if higher {
                b.value > best.value
            } else {
                b.value < best.value
            };
            if better {
                b
            } else {
                best
            }
        })
}

/// Counts of rows per group and year: the years covered (ascending) and, per group, one count
/// per year; rows without a date are not counted. Groups come from `group` (a model may count in several); groups are ordered by
/// their total, largest first.
pub fn counts_by_year<'a, G: IntoIterator<Item = &'a str>>(
    ds: &'a Dataset,
    rows: &[usize],
    group: impl Fn(&'a Model) -> G,
) -> (Vec<i32>, Vec<(String, Vec<usize>)>) {
    let models: Vec<(i32, &Model)> = rows
        .iter()
        .filter_map(|&i| ds.models.get(i))
        .filter_map(|m| Some((m.year()?, m)))
        .collect();
    let (Some(first), Some(last)) = (
        models.iter().map(|&(y, _)| y).min(),
        models.iter().map(|&(y, _)| y).max(),
    ) else {
        return (Vec::new(), Vec::new());
    };
    let years: Vec<i32> = (first..=last).collect();
    let mut groups: FastMap<&str, Vec<usize>> = FastMap::default();
    for (year, m) in models {
        let slot = usize::try_from(year - first).unwrap_or(0);
        for g in group(m) {
            let counts = groups.entry(g).or_insert_with(|| vec![0; years.len()]);
            if let Some(c) = counts.get_mut(slot) {
                *c += 1;
            }
        }
    }
    let mut out: Vec<(String, Vec<usize>)> =
        groups.into_iter().map(|(g, c)| (g.to_owned(), c)).collect();
    crate::sort::sort_by(&mut out, |a, b| {
        let (ta, tb) = (a.1.iter().sum::<usize>(), b.1.iter().sum::<usize>());
        tb.cmp(&ta).then_with(|| a.0.cmp(&b.0))
    });
    (years, out)
}

/// The region a country belongs to in the atlas's summaries (European countries → "Europe").
pub fn region(country: &str) -> &str {
    match country {
        "France" | "Germany" | "United Kingdom" | "Switzerland" | "Netherlands" | "Finland"
        | "Sweden" | "Italy" | "Spain" => "Europe",
        other => other,
    }
}
