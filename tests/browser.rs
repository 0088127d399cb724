//! Component tests in headless Chromium (wasm-bindgen-test). Run with
//! `cargo test --target wasm32-unknown-unknown --test browser` (scripts/dev.sh test does).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test and benchmark code: a failed assumption is a failed run.
#![cfg(target_arch = "wasm32")]

use model_atlas::data::{Num, Text};
use std::rc::Rc;

use model_atlas::data::Dataset;
use model_atlas::query::{self, Column, SortKey, TableQuery};
use model_atlas::ui::{App, AppProps, Data, ModelTable, Shared};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties, PartialEq)]
struct HarnessProps {
    data: Data,
}

/// The table with the sort state a view would give it.
#[function_component(Harness)]
fn harness(props: &HarnessProps) -> Html {
    let sort = use_state(|| None::<SortKey>);
    let index = query::Index::new(&props.data.0);
    let rows = query::run(
        &props.data.0,
        &index,
        &TableQuery {
            sort: *sort,
            ..TableQuery::default()
        },
    )
    .rows;
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |c: Column| sort.set(Some(SortKey::clicked(*sort, c))))
    };
    html! {
        <ModelTable data={props.data.clone()} rows={rows}
                    columns={Rc::new(Column::DEFAULT.to_vec())} sort={*sort} on_sort={on_sort}/>
    }
}

fn mount(ds: Rc<Dataset>) -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("div");
    gloo::utils::body().append_child(&root).expect("append");
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), HarnessProps { data: Shared(ds) })
        .render();
    root
}

/// Lets the render and its effects (spacer heights) finish.
async fn settle() {
    yew::scheduler::flush().await;
    gloo::timers::future::TimeoutFuture::new(20).await;
    yew::scheduler::flush().await;
}

fn first_row_id(root: &web_sys::Element) -> Option<String> {
    root.query_selector("tbody tr[data-id]")
        .ok()
        .flatten()
        .and_then(|tr| tr.get_attribute("data-id"))
}

/// The models of the rendered rows, in order.
fn rendered_models<'a>(
    root: &web_sys::Element,
    ds: &'a Dataset,
) -> Vec<&'a model_atlas::data::Model> {
    let rows = root.query_selector_all("tbody tr[data-id]").expect("rows");
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|tr| tr.get_attribute("data-id"))
        .filter_map(|id| ds.models.iter().find(|m| m.id == id))
        .collect()
}

#[wasm_bindgen_test]
async fn table_renders_given_rows_and_resorts_on_header_click() {
    let ds = Rc::new(Dataset::embedded().expect("embedded dataset"));
    let root = mount(ds.clone());
    settle().await;
    // The embedded dataset is above the virtualization threshold: a window of rows in file
    // order, and the table says how many rows there are.
    let shown = rendered_models(&root, &ds);
    assert!(
        !shown.is_empty() && shown.len() < ds.models.len(),
        "{} rows rendered of {}",
        shown.len(),
        ds.models.len()
    );
    let window: Vec<&str> = shown.iter().map(|m| m.id.as_str()).collect();
    let expected: Vec<&str> = ds
        .models
        .iter()
        .take(shown.len())
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(window, expected);
    let table = root
        .query_selector("table.models")
        .expect("q")
        .expect("table");
    assert_eq!(
        table.get_attribute("aria-rowcount"),
        Some((ds.models.len() + 1).to_string())
    );
    assert_eq!(
        first_row_id(&root).as_deref(),
        ds.models.first().map(|m| m.id.as_str())
    );

    let largest = ds
        .models
        .iter()
        .filter_map(|m| m.num(Num::Parameters).value.map(|v| (v, m.id.clone())))
        .fold(None, |best: Option<(f64, String)>, (v, id)| match best {
            Some((bv, _)) if bv >= v => best,
            _ => Some((v, id)),
        })
        .map(|(_, id)| id);
    let smallest_known = ds
        .models
        .iter()
        .filter_map(|m| m.num(Num::Parameters).value.map(|v| (v, m.id.clone())))
        .fold(None, |best: Option<(f64, String)>, (v, id)| match best {
            Some((bv, _)) if bv <= v => best,
            _ => Some((v, id)),
        })
        .map(|(_, id)| id);

    let button = root
        .query_selector("button[data-col=parameters]")
        .expect("query")
        .expect("parameters header")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("element");
    button.click();
    yew::scheduler::flush().await;
    assert_eq!(
        first_row_id(&root),
        smallest_known,
        "first click: ascending"
    );
    let th = root
        .query_selector("th[aria-sort=ascending]")
        .expect("query");
    assert!(th.is_some(), "aria-sort follows the sort");

    button.click();
    yew::scheduler::flush().await;
    assert_eq!(first_row_id(&root), largest, "second click: descending");
    assert!(root
        .query_selector("th[aria-sort=descending] button[data-col=parameters]")
        .expect("query")
        .is_some());
}

#[wasm_bindgen_test]
async fn unknown_values_show_a_dash_and_estimates_are_marked() {
    let ds = Rc::new(Dataset::embedded().expect("embedded dataset"));
    let root = mount(ds.clone());
    settle().await;
    let shown = rendered_models(&root, &ds);
    assert!(!shown.is_empty());
    let unknown = root
        .query_selector_all("tbody .unknown")
        .expect("q")
        .length() as usize;
    let expected_unknown = shown
        .iter()
        .map(|m| {
            usize::from(m.num(Num::Parameters).value.is_none())
                + usize::from(m.num(Num::TrainingCompute).value.is_none())
        })
        .sum::<usize>();
    assert_eq!(unknown, expected_unknown);
    let estimated = root
        .query_selector_all("tbody .num.estimated")
        .expect("q")
        .length() as usize;
    let expected_estimated = shown
        .iter()
        .map(|m| {
            usize::from(
                m.num(Num::Parameters).confidence == model_atlas::data::Confidence::Estimated,
            ) + usize::from(
                m.num(Num::TrainingCompute).confidence == model_atlas::data::Confidence::Estimated,
            )
        })
        .sum::<usize>();
    assert_eq!(estimated, expected_estimated);
}

fn mount_app(hash: &str) -> web_sys::Element {
    if let Some(w) = web_sys::window() {
        w.location().set_hash(hash).expect("set hash");
    }
    let root = gloo::utils::document().create_element("div").expect("div");
    gloo::utils::body().append_child(&root).expect("append");
    let ds = Rc::new(Dataset::embedded().expect("embedded dataset"));
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { data: Shared(ds) }).render();
    root
}

#[wasm_bindgen_test]
async fn the_app_routes_a_model_page_from_the_hash() {
    let ds = Dataset::embedded().expect("embedded dataset");
    let model = ds.models.first().expect("a model");
    let root = mount_app(&format!("#/models/{}", model.id));
    yew::scheduler::flush().await;
    let h1 = root.query_selector("h1").expect("q").expect("h1");
    assert_eq!(h1.text_content().as_deref(), Some(model.name.as_str()));
    let source = root
        .query_selector(".source a")
        .expect("q")
        .expect("source link");
    assert_eq!(
        source.get_attribute("href").as_deref(),
        Some(model.text(Text::SourceUrl))
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_facet_checkbox_filters_the_table_and_marks_itself() {
    let ds = Dataset::embedded().expect("embedded dataset");
    let vision = ds
        .models
        .iter()
        .filter(|m| m.text(Text::Domain) == "vision")
        .count();
    let root = mount_app("#/models");
    // Let the hashchange from setting the hash arrive before acting.
    settle().await;
    let input = root
        .query_selector("input[data-facet=domain][value=vision]")
        .expect("q")
        .expect("vision checkbox")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("element");
    input.click();
    settle().await;
    let rows = root
        .query_selector_all("tbody tr[data-id]")
        .expect("rows")
        .length() as usize;
    assert_eq!(rows, vision);
    let checked = root
        .query_selector("input[data-facet=domain][value=vision]")
        .expect("q")
        .expect("still there")
        .dyn_into::<web_sys::HtmlInputElement>()
        .expect("input")
        .checked();
    assert!(checked);
    root.remove();
}
