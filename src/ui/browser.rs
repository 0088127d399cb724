//! Browser helpers shared by the views: saving files through a temporary `<a download>`, with
//! text offered as a `blob:` URL (no network), the `<input>` an event came from, and work left
//! for when the page is idle.

use wasm_bindgen::{JsCast, JsValue};

/// How long a download's `blob:` URL stays valid: long enough for the browser to start
/// saving even a large file after the click.
const REVOKE_AFTER_MS: u32 = 60_000;

/// Runs `f` when the page is next idle (`requestIdleCallback`, at the latest after
/// `within_ms` if given; where a browser has none, as Safari, in a task of its own after the
/// current one).
pub fn when_idle(within_ms: Option<u32>, f: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else {
        return;
    };
    // Shared by the two ways, so that whichever runs takes it.
    let f = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = {
        let f = std::rc::Rc::clone(&f);
        move || {
            if let Some(f) = f.take() {
                f();
            }
        }
    };
    let idle = wasm_bindgen::closure::Closure::once_into_js(run.clone());
    let asked = match within_ms {
        Some(ms) => {
            let options = web_sys::IdleRequestOptions::new();
            options.set_timeout(ms);
            w.request_idle_callback_with_options(idle.unchecked_ref(), &options)
        }
        None => w.request_idle_callback(idle.unchecked_ref()),
    };
    if asked.is_err() {
        gloo::timers::callback::Timeout::new(0, run).forget();
    }
}

/// The `<input>` element an event was fired on, if it was one.
pub fn event_input(e: &web_sys::Event) -> Option<web_sys::HtmlInputElement> {
    e.target().and_then(|t| t.dyn_into().ok())
}

/// Saves `href` under `name` through a temporary `<a download>`.
pub fn click_download(href: &str, name: &str) -> Result<(), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(href);
    a.set_download(name);
    a.set_hidden(true);
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    Ok(())
}

/// Saves `content` as the file `name` of type `mime` through a `blob:` URL, revoked after
/// [`REVOKE_AFTER_MS`].
pub fn download_text(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
    let href = web_sys::Url::create_object_url_with_blob(&blob)?;
    click_download(&href, name)?;
    gloo::timers::callback::Timeout::new(REVOKE_AFTER_MS, move || {
        let _ = web_sys::Url::revoke_object_url(&href);
    })
    .forget();
    Ok(())
}
