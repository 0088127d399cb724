//! The thin Yew layer: state (a reducer over the URL-backed view state), components, and the
//! browser glue (hash routing, canvas). All rules live in the core modules.

mod cells;
mod chart;
mod table;

pub use chart::ChartCanvas;
pub use table::ModelTable;

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::chart::ChartId;
use crate::data::Dataset;
use crate::query::{self, Column, SortKey};
use crate::url::{self, Route, ViewState};

/// A shared, immutable dataset; equal when it is the same allocation.
#[derive(Clone, Debug)]
pub struct Data(pub Rc<Dataset>);

impl PartialEq for Data {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The app's state: the view (what the URL says) plus notices about ignored URL parts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    /// The view.
    pub view: ViewState,
    /// Notices about URL parts that were ignored.
    pub notices: Vec<String>,
    /// Whether the last change should replace the history entry rather than add one
    /// (typing in the search box).
    pub replace_history: bool,
}

/// Everything that changes the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The URL hash changed (load, back/forward, a link).
    UrlChanged(String),
    /// The search text changed.
    Search(String),
    /// A column header was clicked.
    SortBy(Column),
    /// Dismiss the URL notices.
    DismissNotices,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.replace_history = false;
        match action {
            Action::UrlChanged(hash) => {
                let parsed = url::parse_hash(&hash);
                if parsed.state == self.view {
                    return self;
                }
                next.view = parsed.state;
                next.notices = parsed.notices;
            }
            Action::Search(s) => {
                next.view.query.search = s;
                next.replace_history = true;
            }
            Action::SortBy(c) => {
                next.view.query.sort = Some(SortKey::clicked(self.view.query.sort, c));
            }
            Action::DismissNotices => next.notices.clear(),
        }
        Rc::new(next)
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Writes the state's hash into the address bar without reloading (no-op when equal).
fn sync_url(state: &AppState) {
    let hash = url::to_hash(&state.view);
    if hash == current_hash() || (current_hash().is_empty() && hash == "#/models") {
        return;
    }
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let result = if state.replace_history {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash))
    } else {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash))
    };
    if let Err(e) = result {
        gloo::console::warn!("could not update the URL", e);
    }
}

/// Properties of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The dataset to explore.
    pub data: Data,
}

/// The whole app: navigation, notices, and the routed view.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| AppState {
        view: url::parse_hash(&current_hash()).state,
        notices: url::parse_hash(&current_hash()).notices,
        replace_history: false,
    });

    // Back/forward and edited links: follow the URL.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listeners: Vec<EventListener> = window
                .map(|w| {
                    ["hashchange", "popstate"]
                        .into_iter()
                        .map(|ev| {
                            let d = dispatcher.clone();
                            EventListener::new(&w, ev, move |_| {
                                d.dispatch(Action::UrlChanged(current_hash()));
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            move || drop(listeners)
        });
    }
    // State → URL.
    {
        let s = (*state).clone();
        use_effect_with(s, sync_url);
    }

    let ds = &props.data.0;
    let rows = {
        let data = props.data.clone();
        use_memo(state.view.query.clone(), move |q| query::run(&data.0, q))
    };
    let nav_link = |route: Route, label: &str| {
        let active = std::mem::discriminant(&route) == std::mem::discriminant(&state.view.route);
        let href = url::to_hash(&ViewState {
            route,
            query: state.view.query.clone(),
        });
        html! {
            <a href={href} class={classes!("nav-link", active.then_some("active"))}
               aria-current={active.then_some("page")}>{ label }</a>
        }
    };
    let on_sort = {
        let d = state.dispatcher();
        Callback::from(move |c: Column| d.dispatch(Action::SortBy(c)))
    };
    let on_search = {
        let d = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                d.dispatch(Action::Search(input.value()));
            }
        })
    };
    let dismiss = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::DismissNotices))
    };
    let status = format!("{} of {} models", rows.len(), ds.models.len());

    let body = match &state.view.route {
        Route::Models => html! {
            <section class="view" aria-labelledby="view-title">
                <h1 id="view-title">{ "Models" }</h1>
                <div class="toolbar">
                    <label class="search">
                        <span>{ "Search" }</span>
                        <input type="search" value={state.view.query.search.clone()}
                               oninput={on_search} placeholder="name, organization, task…"/>
                    </label>
                    <p class="status" role="status">{ status }</p>
                </div>
                <ModelTable data={props.data.clone()} rows={rows.clone()}
                            columns={Rc::new(Column::DEFAULT.to_vec())}
                            sort={state.view.query.sort} on_sort={on_sort}/>
            </section>
        },
        Route::Chart(id) => html! {
            <section class="view" aria-labelledby="view-title">
                <h1 id="view-title">{ id.title() }</h1>
                <p class="status" role="status">{ status }</p>
                <ChartCanvas data={props.data.clone()} rows={rows.clone()} chart={*id}/>
            </section>
        },
    };

    html! {
        <>
            <header class="topbar">
                <a class="brand" href="#/models">{ "Model Atlas" }</a>
                <nav aria-label="Main">
                    { nav_link(Route::Models, "Models") }
                    { nav_link(Route::Chart(ChartId::ParametersOverTime), "Charts") }
                </nav>
            </header>
            if !state.notices.is_empty() {
                <div class="notice" role="alert">
                    <ul>{ for state.notices.iter().map(|n| html!{ <li>{ n }</li> }) }</ul>
                    <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            <main>{ body }</main>
            <footer class="footer">
                { "Data: the Model Atlas dataset, with values from the developers' publications and from Epoch AI's “Data on AI Models” (CC BY 4.0)." }
            </footer>
        </>
    }
}

/// Shows a fatal error in a visible panel (used for panics and a dataset that fails to load).
pub fn show_fatal(message: &str) {
    gloo::console::error!(message);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(panel) = doc.create_element("div") else {
        return;
    };
    panel.set_id("fatal");
    panel.set_class_name("fatal");
    let _ = panel.set_attribute("role", "alert");
    if let Ok(h) = doc.create_element("h2") {
        h.set_text_content(Some("Model Atlas stopped with an error"));
        let _ = panel.append_child(&h);
    }
    if let Ok(pre) = doc.create_element("pre") {
        pre.set_text_content(Some(message));
        let _ = panel.append_child(&pre);
    }
    if let Some(body) = doc.body() {
        let _ = body.append_child(&panel);
    }
}

/// Starts the app in `<body>`: panic panel, embedded dataset, render.
pub fn start() {
    std::panic::set_hook(Box::new(|info| show_fatal(&info.to_string())));
    match Dataset::embedded() {
        Ok(ds) => {
            yew::Renderer::<App>::with_props(AppProps {
                data: Data(Rc::new(ds)),
            })
            .render();
        }
        Err(e) => show_fatal(&format!("The embedded dataset did not load: {e}")),
    }
}
