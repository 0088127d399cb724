//! Tests of the query engine (`query.rs`).

use super::order::numeric_sort_key;
use super::*;
use crate::data::fixture;
use proptest::prelude::*;

fn ids(ds: &Dataset, rows: &[usize]) -> Vec<String> {
    rows.iter().map(|&i| ds.models[i].id.clone()).collect()
}

fn rows_of(ds: &Dataset, q: &TableQuery) -> Vec<String> {
    let index = Index::new(ds);
    ids(ds, &run(ds, &index, q).rows)
}

fn sorted(column: Column, descending: bool) -> TableQuery {
    TableQuery {
        sort: Some(SortKey { column, descending }),
        ..TableQuery::default()
    }
}

#[test]
fn models_without_a_date_sort_last_fail_a_year_range_and_are_not_counted_by_year() {
    let mut ds = fixture::dataset();
    ds.models[0].date = None;
    ds.models[0].date_precision = crate::data::DatePrecision::Unknown;
    let index = Index::new(&ds);
    for descending in [false, true] {
        let q = TableQuery {
            sort: Some(SortKey {
                column: Column::Date,
                descending,
            }),
            ..TableQuery::default()
        };
        let rows = run(&ds, &index, &q).rows;
        assert_eq!(rows.len(), ds.models.len());
        assert_eq!(rows.last(), Some(&0), "descending: {descending}");
    }
    let mut q = TableQuery::default();
    q.years.min = Some(1000.0);
    assert!(
        !run(&ds, &index, &q).rows.contains(&0),
        "like other unknowns"
    );
    let all: Vec<usize> = (0..ds.models.len()).collect();
    let (_, groups) = counts_by_year(&ds, &all, |m| [m.id.as_str()]);
    assert!(groups.iter().all(|(g, _)| g != &ds.models[0].id));
    assert_eq!(
        groups
            .iter()
            .map(|(_, c)| c.iter().sum::<usize>())
            .sum::<usize>(),
        ds.models.len() - 1
    );
}

#[test]
fn the_default_sort_is_newest_first_and_stays_out_of_the_query() {
    let ds = fixture::dataset();
    let index = Index::new(&ds);
    let q = TableQuery {
        sort: Some(TableQuery::default().effective_sort()),
        ..TableQuery::default()
    };
    let rows = run(&ds, &index, &q).rows;
    let dates: Vec<_> = rows.iter().map(|&r| ds.models[r].date).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let mut q = TableQuery::default();
    q.set_sort(DEFAULT_SORT);
    assert_eq!(q.sort, None);
    let by_name = SortKey {
        column: Column::Name,
        descending: false,
    };
    q.set_sort(by_name);
    assert_eq!(q.effective_sort(), by_name);
    assert_eq!(DEFAULT_SORT.describe(), "sorted by date, newest first");
    assert_eq!(by_name.describe(), "sorted by model, A to Z");
}

#[test]
fn sort_by_parameters_both_ways_keeps_unknown_last() {
    let ds = fixture::dataset();
    assert_eq!(
        rows_of(&ds, &sorted(Column::Num(Num::Parameters), true)),
        ["m-big", "m-mid", "m-small", "m-vis", "m-unk"]
    );
    assert_eq!(
        rows_of(&ds, &sorted(Column::Num(Num::Parameters), false)),
        ["m-vis", "m-small", "m-mid", "m-big", "m-unk"]
    );
    assert_eq!(
        rows_of(&ds, &sorted(Column::Tasks, true)),
        ["m-big", "m-unk", "m-small", "m-vis", "m-mid"],
        "by number of tasks, ties in file order"
    );
}

#[test]
fn header_clicks_toggle_direction() {
    let first = SortKey::clicked(None, Column::Num(Num::Parameters));
    assert!(!first.descending);
    let second = SortKey::clicked(Some(first), Column::Num(Num::Parameters));
    assert!(second.descending);
    let other = SortKey::clicked(Some(second), Column::Name);
    assert_eq!((other.column, other.descending), (Column::Name, false));
}

#[test]
fn search_is_case_and_accent_insensitive_and_needs_every_word() {
    let ds = fixture::dataset();
    let q = |s: &str| {
        rows_of(
            &ds,
            &TableQuery {
                search: s.into(),
                ..TableQuery::default()
            },
        )
    };
    assert_eq!(q("NUWA"), ["m-vis"]);
    assert_eq!(q("nüwa"), ["m-vis"]);
    assert_eq!(q("beta corp"), ["m-big", "m-unk"]);
    assert_eq!(q("dialogue beta"), ["m-big"]);
    assert!(q("zzz").is_empty());
    assert_eq!(q("").len(), ds.models.len());
}

#[test]
fn facets_or_within_and_across_with_live_counts() {
    let ds = fixture::dataset();
    let index = Index::new(&ds);
    let mut q = TableQuery::default();
    q.toggle(Facet::Domain, "language");
    let r = run(&ds, &index, &q);
    assert_eq!(ids(&ds, &r.rows), ["m-small", "m-big", "m-mid"]);
    let domain_counts = &r.counts[0].1;
    // The domain facet ignores its own selection: all domains stay visible with counts.
    assert_eq!(
        domain_counts
            .iter()
            .map(|c| (c.value.as_str(), c.count, c.selected))
            .collect::<Vec<_>>(),
        [
            ("language", 3, true),
            ("multimodal", 1, false),
            ("vision", 1, false)
        ]
    );
    // Country counts follow the domain selection.
    let country = r
        .counts
        .iter()
        .find(|(f, _)| *f == Facet::Country)
        .expect("country");
    assert_eq!(
        country
            .1
            .iter()
            .map(|c| (c.value.as_str(), c.count))
            .collect::<Vec<_>>(),
        [("United States", 2), ("China", 1)]
    );
    q.toggle(Facet::Domain, "vision");
    assert_eq!(run(&ds, &index, &q).rows.len(), 4, "OR within a facet");
    q.toggle(Facet::Country, "China");
    assert_eq!(
        ids(&ds, &run(&ds, &index, &q).rows),
        ["m-big"],
        "AND across facets"
    );
    q.toggle(Facet::Org, "alpha");
    assert_eq!(
        ids(&ds, &run(&ds, &index, &q).rows),
        ["m-big"],
        "any of its organizations"
    );
    q.toggle(Facet::Task, "dialogue");
    assert_eq!(ids(&ds, &run(&ds, &index, &q).rows), ["m-big"]);
    q.toggle(Facet::Task, "dialogue");
    q.toggle(Facet::Task, "telepathy");
    let r = run(&ds, &index, &q);
    assert!(r.rows.is_empty(), "an unknown value matches nothing");
    let task = r
        .counts
        .iter()
        .find(|(f, _)| *f == Facet::Task)
        .expect("task");
    assert!(task
        .1
        .iter()
        .any(|c| c.value == "telepathy" && c.selected && c.count == 0));
    assert!(q.is_filtered());
    assert!(!q.cleared().is_filtered());
}

#[test]
fn ranges_exclude_unknowns_once_set() {
    let ds = fixture::dataset();
    let q = TableQuery {
        parameters: Range {
            min: Some(1e9),
            max: Some(1e12),
        },
        ..TableQuery::default()
    };
    assert_eq!(rows_of(&ds, &q), ["m-small", "m-mid"]);
    let q = TableQuery {
        years: Range {
            min: Some(2020.0),
            max: Some(2021.0),
        },
        ..TableQuery::default()
    };
    assert_eq!(rows_of(&ds, &q), ["m-big", "m-vis", "m-mid"]);
    let q = TableQuery {
        compute: Range {
            min: Some(1e24),
            max: None,
        },
        ..TableQuery::default()
    };
    assert_eq!(rows_of(&ds, &q), ["m-unk"]);
}

#[test]
fn ranks_and_similar_models() {
    let ds = fixture::dataset();
    assert_eq!(
        benchmark_rank(&ds, "m-big", "lambada", "zero-shot"),
        Some((1, 2))
    );
    assert_eq!(
        benchmark_rank(&ds, "m-mid", "lambada", "zero-shot"),
        Some((2, 2))
    );
    assert_eq!(benchmark_rank(&ds, "m-vis", "lambada", "zero-shot"), None);
    let mid = ds.models.iter().position(|m| m.id == "m-mid").expect("mid");
    let sim = similar_models(&ds, mid, 5);
    assert_eq!(
        ids(&ds, &sim),
        ["m-big", "m-small"],
        "same domain, nearest first"
    );
    assert!(similar_models(&ds, 999, 5).is_empty());
    let all: Vec<usize> = (0..ds.models.len()).collect();
    assert_eq!(
        main_setting(&ds, &all, "lambada").as_deref(),
        Some("zero-shot")
    );
    assert_eq!(
        leader(&ds, &all, "lambada", "zero-shot").map(|b| b.model_id.as_str()),
        Some("m-big")
    );
    let without_big: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| ds.models[i].id != "m-big")
        .collect();
    assert_eq!(
        leader(&ds, &without_big, "lambada", "zero-shot").map(|b| b.model_id.as_str()),
        Some("m-mid")
    );
    assert_eq!(main_setting(&ds, &all, "mmlu"), None);
}

#[test]
fn counts_per_country_and_year() {
    let ds = fixture::dataset();
    let rows: Vec<usize> = (0..ds.models.len()).collect();
    let (years, groups) = counts_by_year(&ds, &rows, |m| vec![ds.country(m)]);
    assert_eq!(years, (2019..=2023).collect::<Vec<_>>());
    assert_eq!(
        groups,
        vec![
            ("United States".to_owned(), vec![1, 2, 0, 0, 0]),
            ("China".to_owned(), vec![0, 0, 1, 0, 1]),
        ]
    );
    let total: usize = groups.iter().flat_map(|g| g.1.iter()).sum();
    assert_eq!(total, ds.models.len());
    assert_eq!(
        counts_by_year(&ds, &[], |m| vec![ds.country(m)]),
        (vec![], vec![])
    );
    assert_eq!(region("France"), "Europe");
    assert_eq!(region("Israel"), "Israel");
}

fn arb_query() -> impl Strategy<Value = TableQuery> {
    let values = [
        "language",
        "vision",
        "multimodal",
        "China",
        "United States",
        "alpha",
        "beta",
        "open weights",
        "API",
        "dialogue",
        "text generation",
        "AI lab",
        "big tech",
        "nope",
    ];
    let facet = (0..Facet::ALL.len(), 0..values.len());
    (
        proptest::collection::vec(facet, 0..6),
        proptest::option::of(2015i32..2024),
    )
        .prop_map(move |(picks, from)| {
            let mut q = TableQuery::default();
            for (f, v) in picks {
                q.toggle(Facet::ALL[f], values[v]);
            }
            q.years.min = from.map(f64::from);
            q
        })
}

proptest! {
    #[test]
    fn a_facet_never_lets_a_non_matching_row_through(q in arb_query()) {
        let ds = fixture::dataset();
        let index = Index::new(&ds);
        let r = run(&ds, &index, &q);
        for &i in r.rows.iter() {
            let m = &ds.models[i];
            for (f, chosen) in &q.facets {
                let vals = f.values(&ds, m);
                prop_assert!(vals.iter().any(|v| chosen.contains(*v)), "{} fails {:?}", m.id, f);
            }
            if let Some(lo) = q.years.min {
                prop_assert!(m.year().is_some_and(|y| f64::from(y) >= lo));
            }
        }
        // And every matching row is there.
        let expected = ds.models.iter().filter(|m| {
            q.facets.iter().all(|(f, chosen)| f.values(&ds, m).iter().any(|v| chosen.contains(*v)))
                && q.years.min.is_none_or(|lo| m.year().is_some_and(|y| f64::from(y) >= lo))
        }).count();
        prop_assert_eq!(r.rows.len(), expected);
    }

    #[test]
    fn facet_counts_are_the_rows_passing_every_other_filter(
        q in arb_query(),
        search in prop_oneof![Just(""), Just("a"), Just("gpt"), Just("google"), Just("zzz"), Just("o l")],
    ) {
        let ds = fixture::dataset();
        let index = Index::new(&ds);
        let q = TableQuery { search: search.to_owned(), ..q };
        let r = run(&ds, &index, &q);
        let words: Vec<String> = fold(&q.search).split_whitespace().map(str::to_owned).collect();
        let passes_except = |m: &Model, skip: Facet| {
            let text = search_text(&ds, m);
            words.iter().all(|w| text.contains(w.as_str()))
                && q.years.min.is_none_or(|lo| m.year().is_some_and(|y| f64::from(y) >= lo))
                && q.facets.iter().filter(|(f, c)| **f != skip && !c.is_empty())
                    .all(|(f, chosen)| f.values(&ds, m).iter().any(|v| chosen.contains(*v)))
        };
        for (f, list) in r.counts.iter() {
            for c in list {
                let want = ds.models.iter()
                    .filter(|m| passes_except(m, *f) && f.values(&ds, m).iter().any(|v| *v == c.value))
                    .count();
                prop_assert_eq!(c.count, want, "{:?} = {}", f, c.value);
            }
            // No value with rows is left out.
            let listed: Vec<&str> = list.iter().map(|c| c.value.as_str()).collect();
            for m in ds.models.iter().filter(|m| passes_except(m, *f)) {
                for v in f.values(&ds, m) {
                    prop_assert!(listed.contains(&v), "{:?} misses {}", f, v);
                }
            }
        }
    }

    #[test]
    fn a_search_word_finds_the_rows_whose_whole_text_holds_it(
        pick in (0usize..1000, 0usize..400, 1usize..12),
        other in "[a-z0-9 -]{1,6}",
        use_pick in any::<bool>(),
    ) {
        let ds = fixture::dataset();
        let index = Index::new(&ds);
        let texts: Vec<String> = ds.models.iter().map(|m| search_text(&ds, m)).collect();
        // A piece of some row's text (often across what the index keeps apart), or any text.
        let (row, start, len) = pick;
        let source = &texts[row % texts.len()];
        let chars: Vec<char> = source.chars().collect();
        let from = start % chars.len().max(1);
        let candidate: String = if use_pick { chars.iter().skip(from).take(len).collect() } else { other };
        for word in candidate.split_whitespace() {
            let mut hits = vec![false; ds.models.len()];
            index.search.mark_word(word, &mut hits);
            for (i, t) in texts.iter().enumerate() {
                prop_assert_eq!(hits[i], t.contains(word), "{:?} in row {}: {:?}", word, i, t);
            }
        }
    }

    #[test]
    fn a_new_sort_reuses_the_filtered_rows_and_counts(q in arb_query(), col in 0..4usize, descending in any::<bool>()) {
        let ds = fixture::dataset();
        let index = Index::new(&ds);
        let filtered = filter(&ds, &index, &q);
        let column = [Column::Num(Num::Parameters), Column::Name, Column::Date, Column::Organizations][col];
        let key = SortKey { column, descending };
        let resorted = super::sorted(&ds, &index, &filtered, Some(key));
        // The same rows as the unsorted query, put in order by the general sort.
        let mut expected = run(&ds, &index, &q).rows.to_vec();
        sort_rows(&ds, &index, &mut expected, key);
        prop_assert_eq!(resorted.rows.to_vec(), expected);
        prop_assert!(Rc::ptr_eq(&resorted.counts, &filtered.counts), "counts are not recomputed");
    }

    #[test]
    fn numeric_sort_keys_order_numbers_as_total_cmp(a in any::<f64>(), b in any::<f64>(), descending in any::<bool>()) {
        let (ka, kb) = (numeric_sort_key(a, descending), numeric_sort_key(b, descending));
        match (a.is_nan(), b.is_nan()) {
            (true, true) => prop_assert_eq!(ka, kb),
            (true, false) => prop_assert!(ka > kb, "missing last"),
            (false, true) => prop_assert!(ka < kb, "missing last"),
            (false, false) => {
                let want = if descending { b.total_cmp(&a) } else { a.total_cmp(&b) };
                prop_assert_eq!(ka.cmp(&kb), want);
            }
        }
    }

    #[test]
    fn a_direction_derived_from_the_other_is_the_same_as_a_sort(
        values in proptest::collection::vec(
            proptest::option::of(prop_oneof![(0u8..4).prop_map(f64::from), Just(-0.0), any::<f64>()]),
            0..60,
        ),
        descending in any::<bool>(),
        column in prop_oneof![Just(Column::Num(Num::Parameters)), Just(Column::Num(Num::TrainingCompute))],
    ) {
        let base = fixture::dataset().models[0].clone();
        let field = if column == Column::Num(Num::Parameters) { Num::Parameters } else { Num::TrainingCompute };
        let models: Vec<_> = values.iter().enumerate().map(|(i, v)| {
            let mut m = base.clone();
            m.id = format!("m{i}");
            m.num_mut(field).value = *v;
            m
        }).collect();
        let ds = Dataset::from_models(models, vec![]);
        let key = SortKey { column, descending };
        let sorted_afresh = Index::new(&ds).order(&ds, key);
        let derived = Index::new(&ds);
        derived.warm(&ds, SortKey { column, descending: !descending });
        prop_assert_eq!(derived.order(&ds, key), sorted_afresh);
    }

    #[test]
    fn sort_is_stable_and_puts_missing_last(
        values in proptest::collection::vec(proptest::option::of(0u8..4), 0..40),
        descending in any::<bool>(),
    ) {
        // A dataset whose models differ only in parameters (many ties, many unknowns).
        let base = fixture::dataset().models[0].clone();
        let models: Vec<_> = values.iter().enumerate().map(|(i, v)| {
            let mut m = base.clone();
            m.id = format!("m{i}");
            m.num_mut(Num::Parameters).value = v.map(f64::from);
            m
        }).collect();
        let ds = Dataset::from_models(models, vec![]);
        let index = Index::new(&ds);
        let mut rows: Vec<usize> = (0..values.len()).collect();
        sort_rows(&ds, &index, &mut rows, SortKey { column: Column::Num(Num::Parameters), descending });
        let known = values.iter().filter(|v| v.is_some()).count();
        for (pos, &i) in rows.iter().enumerate() {
            prop_assert_eq!(values[i].is_some(), pos < known);
        }
        for w in rows.windows(2) {
            let (a, b) = (values[w[0]], values[w[1]]);
            if let (Some(a), Some(b)) = (a, b) {
                let ordered = if descending { a >= b } else { a <= b };
                prop_assert!(ordered);
            }
            if a == b {
                prop_assert!(w[0] < w[1], "ties keep file order");
            }
        }
    }
}

#[test]
fn orders_are_warmed_only_for_tables_a_sort_of_which_is_short() {
    assert!(!warm_sorts(1000).is_empty());
    assert!(warm_sorts(order::WARM_MAX_ROWS).contains(&SortKey {
        column: Column::PARAMETERS,
        descending: true
    }));
    assert!(warm_sorts(order::WARM_MAX_ROWS + 1).is_empty());
    // The default sort is computed by the first render; warming it again would be wasted.
    assert!(!warm_sorts(1000).contains(&DEFAULT_SORT));
}
