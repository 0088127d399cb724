//! The import worker: a second wasm module, run in a Web Worker, that reads and parses a file
//! the user opened (the importer, serde_json and the Epoch vocabulary live here, not in the
//! app that every visitor downloads). It reads the `File` the page posts in ranges with
//! `FileReaderSync`, drives `data::Session`, and posts each `data::transfer::FromWorker`
//! message as one transferred byte buffer. The page stops it with `terminate()` (Cancel).

/// The heap allocator in the browser (see Cargo.toml).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the import worker runs in a browser (trunk builds it beside the app)");
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;
    use std::rc::Rc;

    use model_atlas::data::transfer::{
        decode, encode, file_bytes, FromWorker, ToWorker, SLICE_BYTES,
    };
    use model_atlas::data::{Finished, Session};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

    /// The file being read, and the session waiting for the mapping (if it does).
    struct State {
        scope: DedicatedWorkerGlobalScope,
        file: Option<File>,
        session: Option<Session>,
        /// The models sent, kept until the page stops the worker (after `Done`), which frees
        /// its whole memory at once. Freed one by one as they are sent, the allocator's free
        /// lists fragment and the parse takes twice as long (100 000 rows natively: 446 →
        /// 1 026 ms).
        sent: Vec<FromWorker>,
    }

    /// Installs the message handler and tells the page the worker listens.
    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let state = Rc::new(RefCell::new(State {
            scope: scope.clone(),
            file: None,
            session: None,
            sent: Vec::new(),
        }));
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            on_message(&mut state.borrow_mut(), &e);
        });
        scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        handler.forget();
        post(&scope, &FromWorker::Ready);
    }

    /// Posts the messages in order, keeping the models (see [`State::sent`]).
    fn post_all(state: &mut State, messages: Vec<FromWorker>) {
        for m in messages {
            post(&state.scope, &m);
            if matches!(m, FromWorker::Models { .. }) {
                state.sent.push(m);
            }
        }
    }

    /// Posts one message as a transferred byte buffer.
    fn post(scope: &DedicatedWorkerGlobalScope, message: &FromWorker) {
        let bytes = js_sys::Uint8Array::from(encode(message).as_slice());
        let transfer = js_sys::Array::of1(&bytes.buffer());
        let _ = scope.post_message_with_transfer(&bytes, &transfer);
    }

    fn on_message(state: &mut State, e: &MessageEvent) {
        let data = e.data();
        if let Some(file) = data.dyn_ref::<File>() {
            match Session::new(&file.name(), file_bytes(file.size()), SLICE_BYTES) {
                Ok(s) => {
                    state.file = Some(file.clone());
                    state.session = Some(s);
                    run(state);
                }
                Err(m) => post(&state.scope, &m),
            }
        } else if let Some(bytes) = data.dyn_ref::<js_sys::Uint8Array>() {
            match decode::<ToWorker>(&bytes.to_vec()) {
                Ok(ToWorker::SetMapping(mapping)) => {
                    let Some(session) = state.session.as_mut() else {
                        return;
                    };
                    match session.set_mapping(mapping) {
                        Ok(messages) => {
                            post_all(state, messages);
                            run(state);
                        }
                        Err(m) => {
                            state.session = None;
                            post(&state.scope, &m);
                        }
                    }
                }
                Err(message) => post(
                    &state.scope,
                    &FromWorker::Failed {
                        message,
                        skipped: Vec::new(),
                    },
                ),
            }
        }
    }

    /// Reads range after range until the end, the mapping question or a failure.
    fn run(state: &mut State) {
        let (Some(mut session), Some(file)) = (state.session.take(), state.file.clone()) else {
            return;
        };
        while let Some((start, end)) = session.next_range() {
            let bytes = match read(&file, start, end) {
                Some(b) => b,
                None => {
                    post(
                        &state.scope,
                        &FromWorker::Failed {
                            message: "The file could not be read.".to_owned(),
                            skipped: Vec::new(),
                        },
                    );
                    return;
                }
            };
            match session.feed(&bytes) {
                Ok(messages) => post_all(state, messages),
                Err(m) => {
                    post(&state.scope, &m);
                    return;
                }
            }
            if session.waiting() {
                state.session = Some(session);
                return;
            }
        }
        match session.finish() {
            Ok(Finished::Done(messages)) => {
                post_all(state, messages);
                state.file = None;
            }
            Ok(Finished::Waiting(session, ask)) => {
                post(&state.scope, &ask);
                state.session = Some(*session);
            }
            Err(m) => post(&state.scope, &m),
        }
    }

    /// Bytes `start..end` of the file.
    fn read(file: &File, start: u64, end: u64) -> Option<Vec<u8>> {
        // Offsets below 2^53 are exact as f64; files are limited to far less.
        let blob = file.slice_with_f64_and_f64(start as f64, end as f64).ok()?;
        let buffer = FileReaderSync::new()
            .ok()?
            .read_as_array_buffer(&blob)
            .ok()?;
        Some(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}
