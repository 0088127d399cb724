#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
use super::*;
use crate::chart::Viewport;
use crate::cost::params::{CostParams, Knob, KnobValue};
use crate::data::Num;
use crate::query::{Column, Facet, SortKey};
use proptest::prelude::*;

#[test]
fn defaults_make_a_bare_hash() {
    assert_eq!(to_hash(&ViewState::default()), "#/");
    assert_eq!(parse_hash("").state, ViewState::default());
    assert_eq!(parse_hash("#/").state, ViewState::default());
    let models = ViewState {
        route: Route::Models,
        ..ViewState::default()
    };
    assert_eq!(to_hash(&models), "#/models");
}

#[test]
fn parses_routes_and_params() {
    let p = parse_hash(
        "#/models?q=Pa%20LM&sort=-parameters&domain=language,vision&from=2020&to=2022&params_min=1e9&cols=name,parameters",
    );
    assert!(p.notices.is_empty(), "{:?}", p.notices);
    let q = &p.state.query;
    assert_eq!(q.search, "Pa LM");
    assert_eq!(
        q.sort,
        Some(SortKey {
            column: Column::Num(Num::Parameters),
            descending: true
        })
    );
    assert!(q.is_selected(Facet::Domain, "language") && q.is_selected(Facet::Domain, "vision"));
    assert_eq!((q.years.min, q.years.max), (Some(2020.0), Some(2022.0)));
    assert_eq!(q.parameters.min, Some(1e9));
    assert_eq!(
        p.state.columns,
        Some(vec![Column::Name, Column::Num(Num::Parameters)])
    );
    let c = parse_hash("#/charts/parameters-over-time?yscale=linear&color=country&outliers=0");
    assert_eq!(c.state.route, Route::Chart(ChartId::ParametersOverTime));
    assert_eq!(c.state.chart.y_log, Some(false));
    assert_eq!(c.state.chart.color, Some(ColorBy::Country));
    assert!(c.state.chart.hide_outliers);
    assert_eq!(
        parse_hash("#/models/gpt-3").state.route,
        Route::Model("gpt-3".into())
    );
    assert_eq!(
        parse_hash("#/compare?ids=gpt-3,palm").state.compare,
        vec!["gpt-3", "palm"]
    );
    assert!(parse_hash("#/charts/lambada?embed=1").state.embed);
    let t = parse_hash("#/charts/compute-over-time?time=all");
    assert_eq!(t.state.chart.time, TimeWindow::Full);
    assert_eq!(to_hash(&t.state), "#/charts/compute-over-time?time=all");
    let t = parse_hash("#/countries?time=2015..");
    assert_eq!(
        t.state.chart.time,
        TimeWindow::Years {
            from: Some(2015),
            to: None
        }
    );
    // The default window is not written.
    assert_eq!(
        to_hash(&parse_hash("#/charts/compute-over-time").state),
        "#/charts/compute-over-time"
    );
}

#[test]
fn junk_is_ignored_with_notices() {
    let p = parse_hash(
        "#/charts/nope?sort=sideways&zoom=%ZZ&q=%E2%82&from=later&params_min=-3&yscale=cubic",
    );
    assert_eq!(p.state.route, Route::Charts);
    assert_eq!(p.state.query.sort, None);
    assert_eq!(p.notices.len(), 6, "{:?}", p.notices);
    assert_eq!(p.state.query.search, "\u{fffd}");
    assert_eq!(p.state.query.years.min, None);
    assert_eq!(parse_hash("#/nowhere/at/all").notices.len(), 1);
    let t = parse_hash("#/charts/compute-over-time?time=yesterday");
    assert_eq!(t.state.chart.time, TimeWindow::Auto);
    assert_eq!(t.notices.len(), 1, "{:?}", t.notices);
    let cols = parse_hash("#/models?cols=name,bogus");
    assert_eq!(cols.state.columns, Some(vec![Column::Name]));
    assert_eq!(cols.notices.len(), 1);
}

fn arb_text() -> impl Strategy<Value = String> {
    // Printable text including separators, escapes and non-ASCII.
    proptest::string::string_regex("[a-zA-Z0-9 ,&=%#?+/é中-]{0,12}").expect("regex")
}

fn arb_state() -> impl Strategy<Value = ViewState> {
    let route = prop_oneof![
        Just(Route::Overview),
        Just(Route::Models),
        Just(Route::Countries),
        Just(Route::Compare),
        arb_text()
            .prop_filter("non-empty", |s| !s.trim().is_empty() && !s.contains('/'))
            .prop_map(Route::Model),
        (0..ChartId::ALL.len()).prop_map(|i| Route::Chart(ChartId::ALL[i])),
    ];
    let sort = proptest::option::of((0..Column::all().count(), any::<bool>()).prop_map(
        |(i, descending)| SortKey {
            column: Column::all().nth(i).unwrap_or(Column::Name),
            descending,
        },
    ));
    let facets = proptest::collection::vec(
        (
            0..Facet::ALL.len(),
            arb_text().prop_filter("trimmed", |s| !s.is_empty() && s.trim() == s),
        ),
        0..4,
    );
    let years = (
        proptest::option::of(1950i32..2030),
        proptest::option::of(1950i32..2030),
    );
    let params = proptest::option::of(1u32..10_000).prop_map(|v| v.map(|v| f64::from(v) * 1e8));
    let cols = proptest::option::of(proptest::collection::vec(0..Column::all().count(), 1..5));
    let ids = proptest::collection::vec("[a-z0-9-]{1,8}", 0..4);
    let chart = (
        proptest::option::of(any::<bool>()),
        proptest::option::of(0..ColorBy::ALL.len()),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of("[a-z-]{1,10}"),
        prop_oneof![
            Just(TimeWindow::Auto),
            Just(TimeWindow::Full),
            (
                proptest::option::of(1900i32..2100),
                proptest::option::of(1900i32..2100)
            )
                .prop_filter("one end at least, in order", |(a, b)| {
                    (a.is_some() || b.is_some()) && a.zip(*b).is_none_or(|(a, b)| a <= b)
                })
                .prop_map(|(from, to)| TimeWindow::Years { from, to }),
        ],
        proptest::collection::btree_set("[a-z0-9-]{1,8}", 0..4),
        proptest::option::of((19_000i32..20_300, 1i32..500, 1u32..999, -3i32..25, 1i32..5)),
    );
    (
        route,
        arb_text(),
        sort,
        facets,
        years,
        params,
        cols,
        ids,
        chart,
        any::<bool>(),
    )
        .prop_map(
            |(route, search, sort, facets, (from, to), pmin, cols, compare, chart, embed)| {
                let mut query = TableQuery {
                    search,
                    sort,
                    ..TableQuery::default()
                };
                for (f, v) in facets {
                    if !query.is_selected(Facet::ALL[f], &v) {
                        query.toggle(Facet::ALL[f], &v);
                    }
                }
                query.years.min = from.map(f64::from);
                query.years.max = to.map(f64::from);
                query.parameters.min = pmin;
                let (y_log, color, labels, hide_outliers, setting, time, highlight, zoom) = chart;
                // Zoom bounds as the URL writes them (6 significant digits at most).
                let zoom = zoom.map(|(x0, dx, m, e, k)| {
                    let y0: f64 = format!("{m}e{e}").parse().unwrap();
                    let y1: f64 = format!("{m}e{}", e + k).parse().unwrap();
                    Viewport {
                        x: (f64::from(x0) / 10.0, f64::from(x0 + dx) / 10.0),
                        y: (y0, y1),
                    }
                });
                ViewState {
                    route,
                    query,
                    columns: cols.map(|c| {
                        c.into_iter()
                            .map(|i| Column::all().nth(i).unwrap_or(Column::Name))
                            .collect()
                    }),
                    compare,
                    chart: ChartOptions {
                        y_log,
                        color: color.map(|i| ColorBy::ALL[i]),
                        labels,
                        hide_outliers,
                        setting,
                        time,
                        highlight: highlight.into_iter().collect(),
                        zoom,
                        ..ChartOptions::default()
                    },
                    embed,
                    costs: CostParams::default(),
                }
            },
        )
}

#[test]
fn the_costs_view_keeps_its_inputs_in_the_url() {
    let p = parse_hash("#/costs?model=gpt-3&chip=nvidia-a100-sxm-80gb&k=1024&mfu=0.3&pue=1,1.2,1.5&weights=int4&basis=buy&n=1.75e11&d=3e11&compute=6nd");
    assert!(p.notices.is_empty(), "{:?}", p.notices);
    assert_eq!(p.state.route, Route::Costs);
    let c = &p.state.costs;
    assert_eq!(c.model.as_deref(), Some("gpt-3"));
    assert_eq!(c.chips, Some(1024.0));
    assert_eq!(c.parameters, Some(1.75e11));
    assert_eq!(
        c.knob(Knob::Pue),
        Some(KnobValue::Full(crate::cost::Assumption::new(1.2, 1.0, 1.5)))
    );
    assert_eq!(c.knob(Knob::Mfu), Some(KnobValue::Central(0.3)));
    let hash = to_hash(&p.state);
    assert_eq!(parse_hash(&hash).state, p.state);
    assert!(
        hash.contains("pue=1,1.2,1.5") && hash.contains("mfu=0.3"),
        "{hash}"
    );
    // Only what differs from the defaults is written.
    assert_eq!(
        to_hash(&parse_hash("#/costs?model=bloom").state),
        "#/costs?model=bloom"
    );
    assert_eq!(to_hash(&parse_hash("#/costs").state), "#/costs");
}

#[test]
fn malformed_cost_inputs_are_ignored_with_notices() {
    let p = parse_hash(
        "#/costs?model=bloom&n=-1&d=lots&k=2.5&mfu=0.5,0.4,0.3&pue=NaN&compute=guess&basis=steal&weights=int3",
    );
    assert_eq!(p.notices.len(), 8, "{:?}", p.notices);
    assert_eq!(
        p.state.costs,
        CostParams {
            model: Some("bloom".into()),
            ..CostParams::default()
        }
    );
}

#[test]
fn highlight_and_zoom_are_kept_in_the_url() {
    let p = parse_hash(
        "#/charts/parameters-over-time?highlight=gpt-3,palm,gpt-3&zoom=2015.5,2021,1e9,1.5e12",
    );
    assert!(p.notices.is_empty(), "{:?}", p.notices);
    assert_eq!(p.state.chart.highlight, vec!["gpt-3", "palm"]);
    assert_eq!(
        p.state.chart.zoom,
        Some(Viewport {
            x: (2015.5, 2021.0),
            y: (1e9, 1.5e12)
        })
    );
    assert_eq!(
        to_hash(&p.state),
        "#/charts/parameters-over-time?highlight=gpt-3,palm&zoom=2015.5,2021,1e9,1.5e12"
    );
    // Zoom bounds are written to 6 significant digits.
    let mut s = p.state.clone();
    s.chart.zoom = Some(Viewport {
        x: (2019.123456789, 2020.0),
        y: (0.5, 3.14159265e23),
    });
    assert!(to_hash(&s).ends_with("zoom=2019.12,2020,0.5,3.14159e23"));
    // Unzoomed and nothing highlighted: neither is written.
    assert_eq!(
        to_hash(&parse_hash("#/charts/parameters-over-time?highlight=&zoom=").state),
        "#/charts/parameters-over-time"
    );
}

#[test]
fn malformed_zoom_and_too_many_highlights_are_ignored_with_notices() {
    for bad in [
        "1,2,3",
        "2,1,3,4",
        "1,2,4,3",
        "a,b,c,d",
        "1,2,3,inf",
        "1,2,3,4,5",
        "1,2,NaN,4",
    ] {
        let p = parse_hash(&format!("#/charts/compute-over-time?zoom={bad}"));
        assert_eq!(p.state.chart.zoom, None, "{bad}");
        assert_eq!(p.notices.len(), 1, "{bad}: {:?}", p.notices);
    }
    let many: Vec<String> = (0..30).map(|i| format!("m{i}")).collect();
    let p = parse_hash(&format!(
        "#/charts/compute-over-time?highlight={}",
        many.join(",")
    ));
    assert_eq!(p.state.chart.highlight.len(), MAX_HIGHLIGHTS);
    assert_eq!(p.notices.len(), 1, "{:?}", p.notices);
}

proptest! {
    #[test]
    fn state_to_hash_to_state_is_identity(state in arb_state()) {
        let hash = to_hash(&state);
        let parsed = parse_hash(&hash);
        prop_assert!(parsed.notices.is_empty(), "{:?} from {}", parsed.notices, hash);
        prop_assert_eq!(parsed.state, state);
    }

    #[test]
    fn parsing_never_panics(s in any::<String>()) {
        let _ = parse_hash(&s);
    }
}
