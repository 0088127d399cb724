//! The page's handle on the import worker (the browser side of `data::transfer`).
//!
//! The worker is a second wasm module (`src/bin/import_worker.rs`) that trunk builds beside the
//! app; it is fetched the first time someone opens a file, and the service worker keeps it for
//! offline use. The single-file edition (`model-atlas.html`, opened from `file://`, where a
//! worker cannot be loaded from a URL) carries the worker's code in the page: its start-up
//! script sets `globalThis.atlasImportWorker` to the worker's source, which is started from a
//! `blob:` URL (its CSP allows `worker-src blob:`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::data::transfer::{decode, encode, FromWorker, ToWorker};

/// Where the worker's loader is, beside the page (`static/import-worker-loader.js`).
const LOADER: &str = "./import-worker-loader.js";

/// What `on_error` says when the worker stops without a message: it failed to load (its
/// loader rethrows a failed start as an error) or it trapped, most likely out of memory.
pub const STOPPED: &str =
    "The importer stopped: it could not be loaded, or the file is too large for this \
     browser's memory.";

/// The global that the single-file edition sets to the worker's source.
const INLINE_SOURCE: &str = "atlasImportWorker";

/// A running import worker; dropping it stops the worker at once.
pub struct ImportWorker {
    worker: web_sys::Worker,
    blob_url: Option<String>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl ImportWorker {
    /// Starts a worker; `on_message` gets each message, `on_error` a sentence when the worker
    /// could not start or stopped (a trap, e.g. out of memory).
    pub fn spawn(
        mut on_message: impl FnMut(FromWorker) + 'static,
        on_error: impl Fn(String) + 'static,
    ) -> Result<Self, String> {
        let (worker, blob_url) = new_worker().map_err(|_| {
            "The importer could not be started in this browser (Web Workers are needed).".to_owned()
        })?;
        let on_error = std::rc::Rc::new(on_error);
        let unreadable = std::rc::Rc::clone(&on_error);
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let bytes = js_sys::Uint8Array::new(&e.data()).to_vec();
                match decode::<FromWorker>(&bytes) {
                    Ok(m) => on_message(m),
                    Err(message) => unreadable(message),
                }
            });
        let on_err = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            on_error(STOPPED.to_owned());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_err.as_ref().unchecked_ref()));
        Ok(Self {
            worker,
            blob_url,
            _on_message: on_message,
            _on_error: on_err,
        })
    }

    /// Hands the file to the worker (a `File` crosses without copying its bytes).
    pub fn read(&self, file: &web_sys::File) -> Result<(), String> {
        self.worker
            .post_message(file)
            .map_err(|_| "The file could not be handed to the importer.".to_owned())
    }

    /// Sends a message.
    pub fn send(&self, message: &ToWorker) -> Result<(), String> {
        let bytes = js_sys::Uint8Array::from(encode(message).as_slice());
        self.worker
            .post_message(&bytes)
            .map_err(|_| "The importer could not be reached.".to_owned())
    }
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
        if let Some(url) = &self.blob_url {
            let _ = web_sys::Url::revoke_object_url(url);
        }
    }
}

/// The worker: from the page's inline source (single file) or from the loader beside the page.
fn new_worker() -> Result<(web_sys::Worker, Option<String>), JsValue> {
    let inline = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(INLINE_SOURCE))
        .ok()
        .and_then(|v| v.as_string());
    match inline {
        Some(source) => {
            let parts = js_sys::Array::of1(&JsValue::from_str(&source));
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("text/javascript");
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
            let url = web_sys::Url::create_object_url_with_blob(&blob)?;
            let worker = web_sys::Worker::new(&url)?;
            Ok((worker, Some(url)))
        }
        None => Ok((web_sys::Worker::new(LOADER)?, None)),
    }
}
