//! Share (copy the permalink), Embed (an iframe snippet with a live preview), and the frame of
//! embed mode (`embed=1`): title, source line and an "Open in Model Atlas" link.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::use_ctx;
use crate::url::{self, Route, ViewState};

/// The view's title, for embeds and iframe titles.
pub fn route_title(ds: &crate::data::Dataset, route: &Route) -> String {
    match route {
        Route::Overview => "Model Atlas".to_owned(),
        Route::Models => "Large AI models".to_owned(),
        Route::Model(id) => ds
            .models
            .iter()
            .find(|m| &m.id == id)
            .map_or_else(|| id.clone(), |m| m.name.clone()),
        Route::Organizations => "Organizations building large AI models".to_owned(),
        Route::Organization(id) => ds
            .organization(id)
            .map_or_else(|| id.clone(), |o| o.name.clone()),
        Route::Countries => "Large AI models by country".to_owned(),
        Route::Capabilities => "Capabilities of large AI models".to_owned(),
        Route::Compare => "Comparing AI models".to_owned(),
        Route::Charts => "Charts".to_owned(),
        Route::Chart(c) => c.title().to_owned(),
        Route::About => "About Model Atlas".to_owned(),
        Route::Costs => "The price of scale: what training and serving a model costs".to_owned(),
    }
}

/// The page's address without its hash (`https://host/path/`), or "" when unknown.
fn base_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// The permalink of a view: the page address plus the view's hash (non-default state only).
pub fn permalink(view: &ViewState) -> String {
    format!("{}{}", base_url(), url::to_hash(view))
}

/// The iframe snippet that embeds `view`: 800 × 520 CSS px, narrowing to its container's
/// width (the embed fills any frame from 320 px wide and redraws when it is resized).
pub fn embed_snippet(view: &ViewState, title: &str) -> String {
    let src = permalink(&ViewState {
        embed: true,
        ..view.clone()
    });
    let title = title.replace('"', "&quot;");
    format!(
        "<iframe src=\"{src}\" title=\"Model Atlas: {title}\" width=\"800\" height=\"520\" loading=\"lazy\" style=\"border:0;width:100%;max-width:800px\"></iframe>"
    )
}

fn copy_to_clipboard(text: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    // Clipboard access needs a secure context; elsewhere the text stays selectable.
    if w.is_secure_context() {
        let _ = w.navigator().clipboard().write_text(text);
        true
    } else {
        false
    }
}

fn select_on_focus() -> Callback<FocusEvent> {
    Callback::from(|e: FocusEvent| {
        if let Some(i) = super::browser::event_input(&e) {
            i.select();
        } else if let Some(t) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            t.select();
        }
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Panel {
    Closed,
    Share,
    Embed,
}

/// "Share" and "Embed" actions for the current view.
#[function_component(ShareBar)]
pub fn share_bar() -> Html {
    let panel = use_state(|| Panel::Closed);
    let copied = use_state(|| false);
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let view = ctx.state.view.clone();
    let link = permalink(&view);
    let title = route_title(&ctx.data.0, &view.route);
    let snippet = embed_snippet(&view, &title);
    let toggle = |p: Panel| {
        let panel = panel.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            copied.set(false);
            panel.set(if *panel == p { Panel::Closed } else { p });
        })
    };
    let copy = |text: String| {
        let copied = copied.clone();
        Callback::from(move |_| copied.set(copy_to_clipboard(&text)))
    };
    let preview_src = permalink(&ViewState {
        embed: true,
        ..view.clone()
    });
    html! {
        <div class="sharebar">
            <button type="button" class="toggle" aria-expanded={(*panel == Panel::Share).to_string()}
                    onclick={toggle(Panel::Share)}>{ "Share" }</button>
            <button type="button" class="toggle" aria-expanded={(*panel == Panel::Embed).to_string()}
                    onclick={toggle(Panel::Embed)}>{ "Embed" }</button>
            if *panel == Panel::Share {
                <div class="share-panel" role="region" aria-label="Share this view">
                    <label>{ "Link to this view" }
                        <input type="text" readonly=true class="permalink" value={link.clone()} onfocus={select_on_focus()}/>
                    </label>
                    <button type="button" onclick={copy(link)}>{ "Copy link" }</button>
                    if *copied { <span role="status" class="copied">{ "Copied" }</span> }
                </div>
            }
            if *panel == Panel::Embed {
                <div class="share-panel embed-panel" role="region" aria-label="Embed this view">
                    <label>{ "Paste this into your page" }
                        <textarea readonly=true class="snippet" rows="3" value={snippet.clone()} onfocus={select_on_focus()}/>
                    </label>
                    <button type="button" onclick={copy(snippet)}>{ "Copy code" }</button>
                    if *copied { <span role="status" class="copied">{ "Copied" }</span> }
                    <p class="hint">{ "800 × 520 px, narrowing to the page's width. Resize the frame as you like: the view fills it and redraws (charts read best from about 320 × 400 px; tables are scrolled inside the frame)." }</p>
                    <p class="hint">{ "Preview:" }</p>
                    <iframe class="embed-preview" src={preview_src} title={format!("Model Atlas: {title}")}></iframe>
                </div>
            }
        </div>
    }
}

/// Marks the document as embedded (full-height layout) while mounted.
#[hook]
pub fn use_embedded_document(embedded: bool) {
    use_effect_with(embedded, |&on| {
        let root = gloo::utils::document().document_element();
        if let Some(r) = &root {
            let _ = if on {
                r.class_list().add_1("embedded")
            } else {
                r.class_list().remove_1("embedded")
            };
        }
    });
}

/// The frame around a view in embed mode.
#[derive(Properties, PartialEq)]
pub struct EmbedFrameProps {
    /// The view.
    pub children: Html,
}

/// Title, the view, the source line and a link to the full view in a new tab.
#[function_component(EmbedFrame)]
pub fn embed_frame(props: &EmbedFrameProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let view = ctx.state.view.clone();
    let full = permalink(&ViewState {
        embed: false,
        ..view.clone()
    });
    let is_chart = matches!(view.route, Route::Chart(_));
    html! {
        <div class={classes!("embed-frame", is_chart.then_some("embed-chart"))}>
            // A chart draws its own title and source line; the heading stays for screen readers.
            <header class={classes!("embed-head", is_chart.then_some("visually-hidden"))}>
                <h1 id="view-title">{ route_title(&ctx.data.0, &view.route) }</h1>
            </header>
            <div class="embed-body">{ props.children.clone() }</div>
            <p class="embed-source">
                if !is_chart {
                    <span>{ "Source: Model Atlas dataset (developers' publications; Epoch AI, CC BY 4.0)" }</span>
                }
                <a class="open-full" href={full} target="_blank" rel="noopener">{ "Open in Model Atlas ↗" }<span class="visually-hidden">{ " (new tab)" }</span></a>
            </p>
        </div>
    }
}
