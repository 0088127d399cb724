//! The tab's title names the view, and Back/Forward return the focus to where the reader was:
//! the element focused last on that URL (a link by its address, a control by its data
//! attribute or id), else the view's main heading.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The location hash, `#/` for the bare page.
fn hash_now() -> String {
    let h = super::current_hash();
    if h.is_empty() {
        "#/".to_owned()
    } else {
        h
    }
}

/// A CSS attribute value in double quotes.
fn quoted(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A selector that finds `el` again after the view is rendered anew.
fn selector_of(el: &Element) -> String {
    if !el.id().is_empty() {
        return format!("[id={}]", quoted(&el.id()));
    }
    let tag = el.tag_name().to_lowercase();
    if let Some(href) = el.get_attribute("href").filter(|_| tag == "a") {
        return format!("a[href={}]", quoted(&href));
    }
    for attr in [
        "data-control",
        "data-col",
        "data-download",
        "data-column",
        "data-series",
        "data-range",
        "data-axis",
    ] {
        if let Some(v) = el.get_attribute(attr) {
            return format!("{tag}[{attr}={}]", quoted(&v));
        }
    }
    // A path of child positions up to the nearest element with an id.
    let mut parts = Vec::new();
    let mut cur = Some(el.clone());
    while let Some(e) = cur {
        if !e.id().is_empty() {
            parts.push(format!("[id={}]", quoted(&e.id())));
            break;
        }
        let mut nth = 1;
        let mut sib = e.previous_element_sibling();
        while let Some(s) = sib {
            nth += 1;
            sib = s.previous_element_sibling();
        }
        parts.push(format!("{}:nth-child({nth})", e.tag_name().to_lowercase()));
        cur = e.parent_element();
    }
    parts.reverse();
    parts.join(" > ")
}

/// Focuses `el` if it is an HTML element (headings get `tabindex=-1` to accept it).
fn focus(el: Element) -> bool {
    if !el.has_attribute("tabindex") && el.tag_name().eq_ignore_ascii_case("h1") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    el.dyn_into::<HtmlElement>()
        .map(|h| h.focus().is_ok())
        .unwrap_or(false)
}

/// Sets the tab's title to `title`, and after Back or Forward focuses what was focused on
/// that URL, else the view's heading (once the view is rendered).
#[hook]
pub fn use_title_and_focus(title: String) {
    use_effect_with(title, |t| gloo::utils::document().set_title(t));
    let remembered = use_mut_ref(HashMap::<String, String>::new);
    use_effect_with((), move |_| {
        let doc = gloo::utils::document();
        let on_focus = {
            let remembered = Rc::clone(&remembered);
            EventListener::new(&doc, "focusin", move |e| {
                // Not the content the app itself focuses after a navigation (`#main`): that
                // would replace what the reader had focused before Back.
                if let Some(el) = e
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .filter(|el| el.id() != "main")
                {
                    remembered.borrow_mut().insert(hash_now(), selector_of(&el));
                }
            })
        };
        let on_pop = EventListener::new(&gloo::utils::window(), "popstate", move |_| {
            // After the view of the new URL is rendered.
            let remembered = Rc::clone(&remembered);
            gloo::timers::callback::Timeout::new(0, move || restore(&remembered)).forget();
        });
        move || drop((on_focus, on_pop))
    });
}

/// Focuses the element remembered for the current URL, else the main heading.
fn restore(remembered: &Rc<RefCell<HashMap<String, String>>>) {
    let doc = gloo::utils::document();
    let sel = remembered.borrow().get(&hash_now()).cloned();
    let found = sel
        .and_then(|s| doc.query_selector(&s).ok().flatten())
        .is_some_and(focus);
    if !found {
        let heading = doc
            .query_selector("main h1")
            .ok()
            .flatten()
            .or_else(|| doc.get_element_by_id("main"));
        if let Some(h) = heading {
            focus(h);
        }
    }
}
