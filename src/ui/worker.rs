//! The page's handle on the import worker (the browser side of `data::transfer`).
//!
//! The worker is a second wasm module (`src/bin/import_worker.rs`) that trunk builds beside the
//! app; it is fetched when someone is about to open a file ([`prewarm`]) or opens one, and the
//! service worker keeps it for offline use. The single-file edition (`model-atlas.html`, opened
//! from `file://`, where a worker cannot be loaded from a URL) carries the worker's code in the
//! page: its start-up script sets `globalThis.atlasImportWorker` to the worker's source, which
//! is started from a `blob:` URL (its CSP allows `worker-src blob:`).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::data::transfer::{decode, encode, FromWorker, ToWorker, FRAME_BUDGET_MS};

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
    pump: Rc<RefCell<Pump>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// The messages received and not handled yet. Handling (decoding a chunk, indexing it) runs in
/// animation frames, at most [`FRAME_BUDGET_MS`] per frame, so the page keeps painting at its
/// frame rate while a big file arrives: handled as message tasks back to back, they held the
/// frames back to 100 ms (Chromium lets other tasks go first for that long).
struct Pump {
    queue: VecDeque<Vec<u8>>,
    handler: Option<Box<dyn FnMut(Vec<u8>)>>,
    frame: Option<gloo::render::AnimationFrame>,
    timeout: Option<gloo::timers::callback::Timeout>,
}

impl Pump {
    /// Queues a message and makes sure a turn is coming.
    fn push(pump: &Rc<RefCell<Pump>>, bytes: Vec<u8>) {
        let mut p = pump.borrow_mut();
        p.queue.push_back(bytes);
        if p.frame.is_none() && p.timeout.is_none() {
            drop(p);
            Pump::schedule(pump);
        }
    }

    /// The next turn: the next animation frame, or (in a hidden tab, which has no frames) the
    /// next task.
    fn schedule(pump: &Rc<RefCell<Pump>>) {
        let hidden = gloo::utils::document().hidden();
        let next = Rc::clone(pump);
        let mut p = pump.borrow_mut();
        if hidden {
            p.timeout = Some(gloo::timers::callback::Timeout::new(0, move || {
                Pump::turn(&next)
            }));
        } else {
            p.frame = Some(gloo::render::request_animation_frame(move |_| {
                Pump::turn(&next)
            }));
        }
    }

    /// Handles queued messages for at most the frame budget, then schedules the rest.
    fn turn(pump: &Rc<RefCell<Pump>>) {
        let start = js_sys::Date::now();
        {
            let mut p = pump.borrow_mut();
            p.frame = None;
            p.timeout = None;
        }
        loop {
            let (bytes, handler) = {
                let mut p = pump.borrow_mut();
                match (p.queue.pop_front(), p.handler.take()) {
                    (Some(b), Some(h)) => (b, h),
                    (b, h) => {
                        p.handler = h;
                        if let Some(b) = b {
                            p.queue.push_front(b);
                        }
                        return;
                    }
                }
            };
            // The handler runs with the pump unborrowed (it may stop the worker, which
            // empties the queue).
            let mut handler = handler;
            let began = js_sys::Date::now();
            handler(bytes);
            let now = js_sys::Date::now();
            let mut p = pump.borrow_mut();
            p.handler = Some(handler);
            if p.queue.is_empty() {
                return;
            }
            // At least one message per turn; another only if it would likely end within the
            // budget (messages of one kind take about as long as each other).
            if now - start + (now - began) >= FRAME_BUDGET_MS {
                drop(p);
                Pump::schedule(pump);
                return;
            }
        }
    }
}

/// A worker started before a file was chosen ([`prewarm`]), whether it failed to start, and
/// whether it said it listens (`FromWorker::Ready`, the one message it sends unasked).
struct Spare {
    worker: web_sys::Worker,
    blob_url: Option<String>,
    failed: Rc<Cell<bool>>,
    ready: Rc<Cell<bool>>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

thread_local! {
    static SPARE: RefCell<Option<Spare>> = const { RefCell::new(None) };
}

/// Starts a worker ahead of need, when someone is about to open a file (the pointer on or
/// the focus in "Open data…", a file dragged over the page): its module is fetched, compiled
/// and started while they choose, and the next [`ImportWorker::spawn`] takes it. Nothing if
/// one is waiting already or workers cannot start (the import then says so).
pub fn prewarm() {
    SPARE.with(|spare| {
        let mut spare = spare.borrow_mut();
        if spare.is_some() {
            return;
        }
        let Ok((worker, blob_url)) = new_worker() else {
            return;
        };
        // A start that fails before a file is handed over is remembered, and that worker
        // not used: a new one then fails again and the import says why.
        let failed = Rc::new(Cell::new(false));
        let flag = Rc::clone(&failed);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            flag.set(true);
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let ready = Rc::new(Cell::new(false));
        let heard = Rc::clone(&ready);
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| {
                heard.set(true);
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        *spare = Some(Spare {
            worker,
            blob_url,
            failed,
            ready,
            _on_error: on_error,
            _on_message: on_message,
        });
    });
}

/// The worker [`prewarm`] started, if it is still good, and whether it is ready.
fn take_spare() -> Option<(web_sys::Worker, Option<String>, bool)> {
    let spare = SPARE.with(|s| s.borrow_mut().take())?;
    spare.worker.set_onerror(None);
    spare.worker.set_onmessage(None);
    if spare.failed.get() {
        spare.worker.terminate();
        if let Some(url) = &spare.blob_url {
            let _ = web_sys::Url::revoke_object_url(url);
        }
        return None;
    }
    Some((spare.worker, spare.blob_url, spare.ready.get()))
}

impl ImportWorker {
    /// Starts a worker (or takes the one [`prewarm`] started); `on_message` gets each message
    /// (in animation frames, in order), `on_error` a sentence when the worker could not start
    /// or stopped (a trap, e.g. out of memory).
    pub fn spawn(
        mut on_message: impl FnMut(FromWorker) + 'static,
        on_error: impl Fn(String) + 'static,
    ) -> Result<Self, String> {
        let (worker, blob_url, ready) = match take_spare() {
            Some(w) => w,
            None => {
                let (worker, url) = new_worker().map_err(|_| {
                    "The importer could not be started in this browser (Web Workers are needed)."
                        .to_owned()
                })?;
                (worker, url, false)
            }
        };
        let on_error = Rc::new(on_error);
        let unreadable = Rc::clone(&on_error);
        let pump = Rc::new(RefCell::new(Pump {
            queue: VecDeque::new(),
            handler: Some(Box::new(move |bytes: Vec<u8>| {
                match decode::<FromWorker>(&bytes) {
                    Ok(m) => on_message(m),
                    Err(message) => unreadable(message),
                }
            })),
            frame: None,
            timeout: None,
        }));
        let queued = Rc::clone(&pump);
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                // The worker posts a Uint8Array: copied once into wasm memory (a `new
                // Uint8Array(…)` around it would copy it once more, element by element).
                let data = e.data();
                let bytes = match data.dyn_ref::<js_sys::Uint8Array>() {
                    Some(view) => view.to_vec(),
                    None => js_sys::Uint8Array::new(&data).to_vec(),
                };
                Pump::push(&queued, bytes);
            });
        let on_err = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            on_error(STOPPED.to_owned());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_err.as_ref().unchecked_ref()));
        if ready {
            // A started worker said so before anyone listened: said again, for the import.
            Pump::push(&pump, encode(&FromWorker::Ready));
        }
        Ok(Self {
            worker,
            blob_url,
            pump,
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
        // Nothing queued is handled any more (this also ends the pump's reference cycle).
        if let Ok(mut p) = self.pump.try_borrow_mut() {
            p.queue.clear();
            p.handler = None;
            p.frame = None;
            p.timeout = None;
        }
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
