//! The thin Yew layer: state (a reducer over the URL-backed view state), components, and the
//! browser glue (hash routing, canvas). All rules live in the core modules.

mod browser;
mod capabilities;
mod cells;
mod chart;
mod compare;
mod costs;
mod countries;
mod facets;
mod focus;
mod import;
mod model_page;
mod models;
mod orgs;
mod overview;
mod row_pool;
mod share;
mod state;
mod story;
mod table;
pub mod theme;
mod time_range;
mod worker;

pub use browser::download_text;
pub use chart::ChartView;
pub use import::{ExportButtons, ImportControls, ImportedData};
pub use state::{Action, AppState, RangeKind};
pub use table::ModelTable;

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::chart::ChartId;
use crate::data::Dataset;
use crate::query::{self, Index, QueryResult};
use crate::url::{self, Route};

/// An immutable value shared between renders; equal when it is the same allocation (so a
/// dataset, an index or a figure of 100 000 rows is never compared item by item).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The dataset shown.
pub type Data = Shared<Dataset>;

/// The dataset's query index.
pub type IndexRef = Shared<Index>;

/// What every view reads: the state and its dispatcher, the data, and the current query's
/// result (rows and facet counts).
#[derive(Clone, PartialEq)]
pub struct Ctx {
    /// State and dispatch.
    pub state: UseReducerHandle<AppState>,
    /// The dataset shown (the embedded one or an import).
    pub data: Data,
    /// Its index.
    pub index: IndexRef,
    /// The current query's result.
    pub result: Rc<QueryResult>,
}

impl Ctx {
    /// Dispatches an action.
    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }

    /// The hash of `route` with the current filters.
    pub fn href(&self, route: Route) -> String {
        state::href(&self.state.view, route)
    }
}

/// The context, inside the app (`None` outside its provider: views then render nothing).
#[hook]
pub fn use_ctx() -> Option<Ctx> {
    use_context::<Ctx>()
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Writes the state's hash into the address bar without reloading (no-op when equal).
fn sync_url(state: &AppState) {
    let hash = url::to_hash(&state.view);
    let current = current_hash();
    if hash == current || (current.is_empty() && hash == "#/") {
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
    let state = use_reducer(|| {
        let parsed = url::parse_hash(&current_hash());
        AppState {
            view: parsed.state,
            notices: parsed.notices,
            ..AppState::default()
        }
    });

    // How many times the app has followed the address bar. A state is written into the URL
    // only if the app has not followed the address bar since that state: otherwise a link
    // followed in the frame after a change was undone by the change's late write (which the
    // link's own `hashchange` then read back).
    let url_epoch = use_mut_ref(|| 0u64);
    // Back/forward and edited links: follow the URL.
    {
        let dispatcher = state.dispatcher();
        let epoch = Rc::clone(&url_epoch);
        use_effect_with((), move |_| {
            let listeners: Vec<EventListener> = web_sys::window()
                .map(|w| {
                    ["hashchange", "popstate"]
                        .into_iter()
                        .map(|ev| {
                            let d = dispatcher.clone();
                            let epoch = Rc::clone(&epoch);
                            EventListener::new(&w, ev, move |_| {
                                *epoch.borrow_mut() += 1;
                                d.dispatch(Action::UrlChanged(current_hash()));
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            move || drop(listeners)
        });
    }
    // State → URL, after the change is painted and when the page is idle: the history update
    // (a same-document navigation the browser process acknowledges) stays out of the frame
    // that shows it and out of the way of the next input. A change that replaces the history
    // entry (typing a search, dragging a range, zooming) is written once it has settled
    // (`url::SETTLE_MS`), not on every keystroke.
    {
        let s = (*state).clone();
        let epoch = Rc::clone(&url_epoch);
        use_effect_with(s, move |s| {
            let s = s.clone();
            let seen = *epoch.borrow();
            let settling = s.replace_history;
            let pending: Rc<std::cell::RefCell<Option<gloo::timers::callback::Timeout>>> =
                Rc::default();
            let slot = Rc::clone(&pending);
            let frame = gloo::render::request_animation_frame(move |_| {
                let write = move || {
                    if *epoch.borrow() == seen {
                        sync_url(&s);
                    }
                };
                if settling {
                    *slot.borrow_mut() =
                        Some(gloo::timers::callback::Timeout::new(url::SETTLE_MS, write));
                } else {
                    // When the page is next idle: the next click or keystroke does not wait
                    // behind the history write (1–2 ms in Chromium).
                    browser::when_idle(Some(url::IDLE_WRITE_MS), write);
                }
            });
            // A newer state before the frame cancels this one, and a newer state before a
            // settling write cancels that write.
            move || {
                drop(frame);
                pending.borrow_mut().take();
            }
        });
    }
    let menu_open = use_state_eq(|| false);
    // Scroll to the top when the route changes (not when filters change).
    {
        let route = std::mem::discriminant(&state.view.route);
        let id = match &state.view.route {
            Route::Model(id) | Route::Organization(id) => id.clone(),
            _ => String::new(),
        };
        // After a navigation (not on the first render), focus moves to the new content, so
        // keyboard and screen-reader users start there; the phone menu closes.
        let first = use_mut_ref(|| true);
        let menu = menu_open.clone();
        use_effect_with((route, id), move |_| {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
            menu.set(false);
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                focus_by_id("main");
            }
        });
    }
    let (theme, toggle_theme) = theme::use_theme();

    // An opened file replaces the embedded dataset while the page is open; while a big file
    // is read, its first rows are shown (`preview`) until the whole file is in.
    let imported = use_state_eq(|| None::<ImportedData>);
    let preview = use_state_eq(|| None::<ImportedData>);
    let shown = preview.as_ref().or(imported.as_ref()).cloned();
    let data = match &shown {
        Some(i) => i.data(),
        None => props.data.clone(),
    };
    // Stable callbacks (a new closure each render would re-render the import controls).
    let previewing = use_mut_ref(|| false);
    let on_data = {
        let imported = imported.clone();
        let preview = preview.clone();
        let dispatcher = state.dispatcher();
        use_callback((), move |d: Option<ImportedData>, _| {
            let had_preview = std::mem::replace(
                &mut *previewing.borrow_mut(),
                d.as_ref().is_some_and(|d| d.loading),
            );
            match d {
                Some(d) if d.loading => {
                    dispatcher.dispatch(Action::DataChanged);
                    preview.set(Some(d));
                }
                Some(d) => {
                    // The preview already reset the selection for this file.
                    if !had_preview {
                        dispatcher.dispatch(Action::DataChanged);
                    }
                    imported.set(Some(d));
                    preview.set(None);
                }
                None if had_preview => {
                    dispatcher.dispatch(Action::DataChanged);
                    preview.set(None);
                }
                None => {}
            }
        })
    };
    let back_to_atlas = {
        let imported = imported.clone();
        let dispatcher = state.dispatcher();
        use_callback((), move |_: MouseEvent, _| {
            dispatcher.dispatch(Action::DataChanged);
            imported.set(None);
        })
    };
    let index = {
        let data = data.clone();
        // An import's index was built as its rows arrived.
        let built = shown.as_ref().and_then(|i| i.index.clone());
        use_memo(data, move |d| {
            Shared(built.unwrap_or_else(|| Rc::new(Index::new(&d.0))))
        })
    };
    // Filters, then the sort: a new sort reuses the filtered rows and their facet counts.
    let filtered = {
        let filters = query::TableQuery {
            sort: None,
            ..state.view.query.clone()
        };
        use_memo((filters, data.clone(), (*index).clone()), |(q, d, i)| {
            query::filter(&d.0, &i.0, q)
        })
    };
    let result = {
        let data = data.clone();
        let index = (*index).clone();
        let filtered = Shared(filtered);
        use_memo(
            (filtered, state.view.query.sort, data, index),
            |(f, sort, d, i)| {
                query::sorted(&d.0, &i.0, &f.0, Some(sort.unwrap_or(query::DEFAULT_SORT)))
            },
        )
    };
    // While the page is idle after a dataset is first shown, the orders of the table's
    // likeliest first sorts (`query::warm_sorts`), one per idle moment: the first click on
    // one of those headers then does not sort every row.
    use_effect_with((*index).clone(), {
        let data = data.clone();
        move |index| {
            warm_orders(
                Rc::downgrade(&data.0),
                Rc::downgrade(&index.0),
                query::warm_sorts(data.0.models.len()),
            );
        }
    });
    let ctx = Ctx {
        state: state.clone(),
        data,
        index: (*index).clone(),
        result,
    };

    let view = &state.view;
    focus::use_title_and_focus(match &view.route {
        Route::Overview => "Model Atlas".to_owned(),
        r => format!("{} — Model Atlas", share::route_title(&ctx.data.0, r)),
    });
    share::use_embedded_document(view.embed);
    if view.embed {
        return html! {
            <ContextProvider<Ctx> context={ctx}>
            <ContextProvider<theme::Theme> context={theme}>
                <main class="embed"><share::EmbedFrame>{ routed(&view.route) }</share::EmbedFrame></main>
            </ContextProvider<theme::Theme>>
            </ContextProvider<Ctx>>
        };
    }
    let nav_link = |route: Route, label: &str| {
        let active = std::mem::discriminant(&route) == std::mem::discriminant(&view.route)
            || (matches!(route, Route::Charts) && matches!(view.route, Route::Chart(_)))
            || (matches!(route, Route::Models)
                && matches!(view.route, Route::Model(_) | Route::Compare))
            || (matches!(route, Route::Organizations)
                && matches!(view.route, Route::Organization(_)));
        html! {
            <a href={state::href(view, route)} class={classes!("nav-link", active.then_some("active"))}
               aria-current={active.then_some("page")}>{ label }</a>
        }
    };
    let dismiss = {
        let s = state.clone();
        Callback::from(move |_| s.dispatch(Action::DismissNotices))
    };
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <ContextProvider<theme::Theme> context={theme}>
            <a class="skip" href="#main" onclick={skip_to("main")}>{ "Skip to content" }</a>
            <header class={classes!("topbar", menu_open.then_some("menu-open"))}>
                <a class="brand" href="#/">{ "Model Atlas" }</a>
                <button type="button" class="menu-toggle" aria-expanded={menu_open.to_string()}
                        aria-controls="main-nav" onclick={{
                            let menu = menu_open.clone();
                            Callback::from(move |_| menu.set(!*menu))
                        }}>
                    <span aria-hidden="true">{ "☰ " }</span>{ "Menu" }
                </button>
                <nav aria-label="Main" id="main-nav">
                    { nav_link(Route::Models, "Models") }
                    { nav_link(Route::Charts, "Charts") }
                    { nav_link(Route::Costs, "Costs") }
                    { nav_link(Route::Organizations, "Organizations") }
                    { nav_link(Route::Countries, "Countries") }
                    { nav_link(Route::Capabilities, "Capabilities") }
                    { nav_link(Route::About, "About") }
                </nav>
                <share::ShareBar/>
                <theme::ThemeToggle theme={theme} on_toggle={toggle_theme}/>
                <ImportControls on_data={on_data}/>
            </header>
            if let Some(i) = &shown {
                <div class={classes!("import-banner", i.loading.then_some("loading"))} role="region" aria-label="Imported data">
                    <span>{ i.banner_text() }</span>
                    if !i.loading {
                        { " — " }
                        <button type="button" class="import-back" onclick={back_to_atlas}>{ "back to the atlas" }</button>
                    }
                </div>
            }
            if !state.notices.is_empty() {
                <div class="notice" role="alert">
                    <ul>{ for state.notices.iter().map(|n| html!{ <li>{ n }</li> }) }</ul>
                    <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            <main id="main" tabindex="-1">{ routed(&view.route) }</main>
            <footer class="footer">
                <p>
                    { "Data: the Model Atlas dataset, licensed " }
                    <a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener" target="_blank">{ "CC BY 4.0" }</a>
                    { ", compiled from the developers' publications and from " }
                    <a href="https://epoch.ai/data/ai-models" rel="noopener" target="_blank">{ "Epoch AI, “Data on AI Models”" }</a>
                    { " (CC BY 4.0; values taken from Epoch AI say so in their notes). " }
                    <a href={state::href(view, Route::About)}>{ "Sources and licence" }</a>
                </p>
                <details class="cite">
                    <summary>{ "How to cite" }</summary>
                    <pre class="bibtex" tabindex="0" aria-label="BibTeX entry for Model Atlas">{ crate::cite::atlas_bibtex(props.data.0.models.iter().filter_map(crate::data::Model::year).max().unwrap_or(2026)) }</pre>
                </details>
            </footer>
            </ContextProvider<theme::Theme>>
        </ContextProvider<Ctx>>
    }
}

/// Computes `keys`' orders in `index`, one each time the page is idle, while the dataset and
/// its index are still shown (held weakly: a newer dataset frees them and stops this).
fn warm_orders(
    data: std::rc::Weak<crate::data::Dataset>,
    index: std::rc::Weak<Index>,
    keys: &'static [query::SortKey],
) {
    let Some((&key, rest)) = keys.split_first() else {
        return;
    };
    browser::when_idle(None, move || {
        if let (Some(d), Some(i)) = (data.upgrade(), index.upgrade()) {
            i.warm(&d, key);
            warm_orders(data, index, rest);
        }
    });
}

/// Focuses the element with `id` (a skip link's or a navigation's target).
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A skip link's click: focus the element with `id` (the URL's hash is the app's route, so the
/// link's own fragment is not followed).
pub fn skip_to(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        focus_by_id(id);
    })
}

fn routed(route: &Route) -> Html {
    match route {
        Route::Overview => html! { <overview::Overview/> },
        Route::Models => html! { <models::ModelsView/> },
        Route::Model(id) => html! { <model_page::ModelPage id={id.clone()}/> },
        Route::Organizations => html! { <orgs::OrganizationsView/> },
        Route::Organization(id) => html! { <orgs::OrganizationPage id={id.clone()}/> },
        Route::Countries => html! { <countries::CountriesView/> },
        Route::Capabilities => html! { <capabilities::CapabilitiesView/> },
        Route::Compare => html! { <compare::CompareView/> },
        Route::Charts => html! { <overview::ChartsGallery/> },
        Route::Chart(id) => html! { <overview::ChartPage chart={*id}/> },
        Route::About => html! { <overview::About/> },
        Route::Costs => html! { <costs::CostsView/> },
    }
}

/// The chart ids, for views that list them.
pub fn all_charts() -> &'static [ChartId] {
    &ChartId::ALL
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

/// Registers the service worker that keeps the app usable offline (served over http(s) only;
/// the single-file offline build needs none).
fn register_service_worker() {
    let Some(w) = web_sys::window() else {
        return;
    };
    let protocol = w.location().protocol().unwrap_or_default();
    if protocol == "http:" || protocol == "https:" {
        let _ = w.navigator().service_worker().register("./sw.js");
    }
}

/// Starts the app in `<body>`: panic panel, embedded dataset, render.
pub fn start() {
    std::panic::set_hook(Box::new(|info| show_fatal(&info.to_string())));
    register_service_worker();
    theme::apply(theme::current());
    match Dataset::embedded() {
        Ok(ds) => {
            yew::Renderer::<App>::with_props(AppProps {
                data: Shared(Rc::new(ds)),
            })
            .render();
        }
        Err(e) => show_fatal(&format!("The embedded dataset did not load: {e}")),
    }
}

/// The size of the WebAssembly linear memory in bytes: the app's whole heap (dataset, index,
/// views). Exposed to page scripts as `window.wasmBindings.wasm_memory_bytes()` for the
/// benchmarks; the app itself does not use it.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |b| f64::from(b.byte_length()))
}
