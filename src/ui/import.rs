//! Opening a data file ("Open data…" or drag and drop anywhere on the page) and downloading
//! the table's rows. The file is read and parsed by the import worker (`super::worker`, a
//! separate wasm module loaded on first use), off the page's main thread: the page only shows
//! progress, the first rows, the mapping dialog and the result, and Cancel stops the worker at
//! once. The rules (formats, mapping, limits) live in `crate::data` (`Importer`, driven by
//! `import::Session` in the worker; the messages in `data::transfer`) and `crate::export`.
//!
//! The file never leaves the browser: the worker reads it with `FileReaderSync` and nothing is
//! sent anywhere.

use crate::data::{Num, Text};
use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::browser::download_text;
use super::worker::ImportWorker;
use super::Data;
use crate::data::transfer::{FromWorker, ToWorker};
use crate::data::{
    limits_text, resolve_column, Dataset, Field, Format, Limits, LoadError, Mapping, Schema,
    LISTED_COLUMNS,
};
use crate::export;
use crate::format::{count, counted};
use crate::query::Column;
use crate::query::{Incoming, Index};

/// How many skipped rows the panel lists (the download has all of them).
const LISTED: usize = 200;

/// A dataset read from the user's file, ready to replace the embedded one.
#[derive(Clone, Debug)]
pub struct ImportedData {
    /// The models and organizations read.
    pub dataset: Rc<Dataset>,
    /// The file's name.
    pub file_name: String,
    /// Rows that were skipped (line and reason).
    pub skipped: Rc<Vec<LoadError>>,
    /// Values that could not be read and were left empty (row kept).
    pub problems: Rc<Vec<LoadError>>,
    /// Remarks about the whole file.
    pub notices: Rc<Vec<String>>,
    /// CSV or JSON.
    pub format: Format,
    /// Which column names the file used.
    pub schema: Schema,
    /// True while the rest of the file is still being read: the dataset then holds the
    /// first rows only (shown at once, replaced when the whole file is read).
    pub loading: bool,
    /// The dataset's index, when it was built as the rows arrived (else the app builds it).
    pub index: Option<Rc<Index>>,
}

impl PartialEq for ImportedData {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.dataset, &other.dataset)
    }
}

impl ImportedData {
    /// The dataset as the views take it.
    pub fn data(&self) -> Data {
        super::Shared(Rc::clone(&self.dataset))
    }

    /// "Viewing: models.csv (981 rows)", for the banner (or, while the file is still being
    /// read, that the first rows are shown).
    pub fn banner_text(&self) -> String {
        if self.loading {
            format!(
                "Opening: {} (the first {} rows are shown while the rest is read)",
                self.file_name,
                count(self.dataset.models.len())
            )
        } else {
            format!(
                "Viewing: {} ({} rows)",
                self.file_name,
                count(self.dataset.models.len())
            )
        }
    }
}

/// Properties of [`ExportButtons`].
#[derive(Properties, PartialEq)]
pub struct ExportButtonsProps {
    /// The dataset.
    pub data: Data,
    /// The table's rows, in order (after filters and sort).
    pub rows: Rc<Vec<usize>>,
    /// The visible columns, in order.
    pub columns: Rc<Vec<Column>>,
    /// The downloaded file's name without extension.
    #[prop_or(AttrValue::Static("model-atlas"))]
    pub file_stem: AttrValue,
}

/// "Download CSV" and "Download JSON": the table's rows and visible columns with provenance.
#[function_component(ExportButtons)]
pub fn export_buttons(props: &ExportButtonsProps) -> Html {
    let make = |json: bool| {
        let data = props.data.clone();
        let rows = Rc::clone(&props.rows);
        let columns = Rc::clone(&props.columns);
        let stem = props.file_stem.clone();
        Callback::from(move |_: MouseEvent| {
            let (text, name, mime) = if json {
                (
                    export::to_json(&data.0, &rows, &columns),
                    format!("{stem}.json"),
                    "application/json",
                )
            } else {
                (
                    export::to_csv(&data.0, &rows, &columns),
                    format!("{stem}.csv"),
                    "text/csv;charset=utf-8",
                )
            };
            if let Err(e) = download_text(&name, mime, &text) {
                gloo::console::error!("download failed", e);
            }
        })
    };
    let n = props.rows.len();
    html! {
        <div class="export-buttons" role="group" aria-label="Download the table">
            <button type="button" data-export="csv" onclick={make(false)}
                    title={format!("The {n} rows shown, visible columns and their sources, as CSV")}>
                { "Download CSV" }
            </button>
            <button type="button" data-export="json" onclick={make(true)}
                    title={format!("The {n} rows shown, visible columns and their sources, as JSON")}>
                { "Download JSON" }
            </button>
        </div>
    }
}

/// What the import controls show.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Idle,
    Reading {
        file: String,
        bytes: u64,
        total: u64,
        records: u64,
    },
    Mapping {
        file: String,
        headers: Rc<Vec<String>>,
        samples: Rc<Vec<Vec<String>>>,
        mapping: Mapping,
    },
    Failed {
        file: String,
        message: String,
        skipped: Rc<Vec<LoadError>>,
    },
    Cancelled {
        file: String,
    },
    Done {
        file: String,
        rows: usize,
        skipped: Rc<Vec<LoadError>>,
        problems: Rc<Vec<LoadError>>,
        notices: Rc<Vec<String>>,
    },
}

/// The shared handles of a running import.
#[derive(Clone)]
struct Runner {
    phase: UseStateHandle<Phase>,
    /// Bumped to cancel: messages of a worker whose number is no longer current are ignored.
    generation: Rc<RefCell<u64>>,
    /// The worker reading the current file (dropping it stops it).
    worker: Rc<RefCell<Option<ImportWorker>>>,
    on_data: Rc<RefCell<Callback<Option<ImportedData>>>>,
}

/// What the page keeps of the file being read.
struct Reading {
    file: web_sys::File,
    name: String,
    incoming: Option<Incoming>,
}

impl Runner {
    fn cancel(&self) {
        *self.generation.borrow_mut() += 1;
        self.stop_worker();
        // A preview of the first rows goes with the import.
        self.emit(None);
    }

    /// Stops the worker, after the message being handled (if any) is done with it.
    fn stop_worker(&self) {
        if let Some(w) = self.worker.borrow_mut().take() {
            yew::platform::spawn_local(async move { drop(w) });
        }
    }

    fn emit(&self, data: Option<ImportedData>) {
        let on_data = self.on_data.borrow().clone();
        on_data.emit(data);
    }

    fn start(&self, file: web_sys::File) {
        self.cancel();
        let name = file.name();
        let size = crate::data::transfer::file_bytes(file.size());
        // The limits are checked here too, so a refused file does not start the worker.
        if let Err(e) = Limits::default().check_size(size) {
            self.fail(&name, &e.to_string(), Vec::new());
            return;
        }
        self.phase.set(Phase::Reading {
            file: name.clone(),
            bytes: 0,
            total: size,
            records: 0,
        });
        let generation = *self.generation.borrow();
        let state = Rc::new(RefCell::new(Reading {
            file,
            name: name.clone(),
            incoming: None,
        }));
        let on_message = {
            let runner = self.clone();
            move |m: FromWorker| {
                if runner.current(generation) {
                    runner.handle(&state, m);
                }
            }
        };
        let on_error = {
            let runner = self.clone();
            let name = name.clone();
            move |message: String| {
                if runner.current(generation) {
                    runner.fail(&name, &message, Vec::new());
                }
            }
        };
        match ImportWorker::spawn(on_message, on_error) {
            Ok(w) => *self.worker.borrow_mut() = Some(w),
            Err(message) => self.fail(&name, &message, Vec::new()),
        }
    }

    fn fail(&self, file: &str, message: &str, skipped: Vec<LoadError>) {
        self.stop_worker();
        self.emit(None);
        self.phase.set(Phase::Failed {
            file: file.to_owned(),
            message: message.to_owned(),
            skipped: Rc::new(skipped),
        });
    }

    fn current(&self, generation: u64) -> bool {
        *self.generation.borrow() == generation
    }

    /// Runs `show` in a task of its own, unless the import was cancelled or replaced by then:
    /// showing the first rows or all rows (the query, facet counts and table of a new dataset)
    /// is the page's longest step, and after the messages a frame's turn handled it made tasks
    /// of over 50 ms.
    fn later(&self, show: impl FnOnce(&Runner) + 'static) {
        let runner = self.clone();
        let generation = *self.generation.borrow();
        gloo::timers::callback::Timeout::new(0, move || {
            if runner.current(generation) {
                show(&runner);
            }
        })
        .forget();
    }

    /// One message from the worker.
    fn handle(&self, state: &Rc<RefCell<Reading>>, m: FromWorker) {
        let mut st = state.borrow_mut();
        let name = st.name.clone();
        match m {
            FromWorker::Ready => {
                let sent = self.worker.borrow().as_ref().map(|w| w.read(&st.file));
                if let Some(Err(message)) = sent {
                    drop(st);
                    self.fail(&name, &message, Vec::new());
                }
            }
            FromWorker::Progress(r) => self.phase.set(Phase::Reading {
                file: name,
                bytes: r.bytes,
                total: r.total,
                records: r.records,
            }),
            FromWorker::NeedsMapping {
                headers,
                samples,
                mapping,
            } => self.phase.set(Phase::Mapping {
                file: name,
                headers: Rc::new(headers),
                samples: Rc::new(samples),
                mapping,
            }),
            FromWorker::Preview {
                models,
                organizations,
                format,
                schema,
            } => {
                let data = ImportedData {
                    dataset: Rc::new(Dataset::from_models(models, organizations)),
                    file_name: name,
                    skipped: Rc::default(),
                    problems: Rc::default(),
                    notices: Rc::default(),
                    format,
                    schema,
                    loading: true,
                    index: None,
                };
                self.later(move |runner| runner.emit(Some(data)));
            }
            FromWorker::Begin { expected } => st.incoming = Some(Incoming::new(expected)),
            FromWorker::Models {
                models,
                organizations,
            } => {
                if let Some(incoming) = st.incoming.as_mut() {
                    incoming.add(models, organizations);
                }
            }
            FromWorker::Done(summary) => {
                let Some(incoming) = st.incoming.take() else {
                    drop(st);
                    self.fail(&name, "The importer's answer was incomplete.", Vec::new());
                    return;
                };
                let got = incoming.finish(summary);
                drop(st);
                self.stop_worker();
                let data = ImportedData {
                    dataset: Rc::new(got.dataset),
                    file_name: name.clone(),
                    skipped: Rc::new(got.skipped),
                    problems: Rc::new(got.problems),
                    notices: Rc::new(got.notices),
                    format: got.format,
                    schema: got.schema,
                    loading: false,
                    index: Some(Rc::new(got.index)),
                };
                // The default order of every row, in a task of its own before the one that
                // shows them (at 1 000 000 rows the two together were one task of 130–170 ms).
                if let Some(index) = data.index.clone() {
                    let dataset = Rc::clone(&data.dataset);
                    self.later(move |_| index.warm(&dataset, crate::query::DEFAULT_SORT));
                }
                self.later(move |runner| {
                    runner.phase.set(Phase::Done {
                        file: name,
                        rows: data.dataset.models.len(),
                        skipped: Rc::clone(&data.skipped),
                        problems: Rc::clone(&data.problems),
                        notices: Rc::clone(&data.notices),
                    });
                    runner.emit(Some(data));
                });
            }
            FromWorker::Failed { message, skipped } => {
                drop(st);
                self.fail(&name, &message, skipped);
            }
        }
    }

    /// Continues the import with the user's mapping.
    fn resume(&self, mapping: Mapping) {
        let file = match &*self.phase {
            Phase::Mapping { file, .. } => file.clone(),
            _ => return,
        };
        let sent = self
            .worker
            .borrow()
            .as_ref()
            .map(|w| w.send(&ToWorker::SetMapping(mapping)));
        match sent {
            Some(Ok(())) => self.phase.set(Phase::Reading {
                file,
                bytes: 0,
                total: 0,
                records: 0,
            }),
            Some(Err(message)) => self.fail(&file, &message, Vec::new()),
            None => {}
        }
    }
}

/// A field's id in the mapping dialog (`data-field`).
fn field_id(f: Field) -> String {
    match f {
        Field::Confidence => "confidence".into(),
        Field::TrainingHours => "training_hours".into(),
        other => other.atlas_column().unwrap_or_else(|| "field".into()),
    }
}

/// The fields shown first in the mapping dialog; the rest are under "More fields".
const MAIN_FIELDS: [Field; 12] = [
    Field::Name,
    Field::Date,
    Field::Organizations,
    Field::Country,
    Field::OrgType,
    Field::Text(Text::Domain),
    Field::Tasks,
    Field::Num(Num::Parameters),
    Field::Num(Num::TrainingCompute),
    Field::Num(Num::TrainingTokens),
    Field::Text(Text::Access),
    Field::Text(Text::SourceUrl),
];

/// Properties of [`ProblemList`].
#[derive(Properties, PartialEq)]
struct ProblemListProps {
    title: &'static str,
    items: Rc<Vec<LoadError>>,
}

/// A closed list of rows skipped or values not read: its first [`LISTED`] lines are written
/// only once it is opened (writing them with the panel took ≈ 7 ms of the frame that shows a
/// big file's rows, in a build with names).
#[function_component(ProblemList)]
fn problem_list(props: &ProblemListProps) -> Html {
    let open = use_state_eq(|| false);
    let items = &props.items;
    if items.is_empty() {
        return Html::default();
    }
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(d) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                open.set(d.has_attribute("open"));
            }
        })
    };
    html! {
        <details class="import-problems" {ontoggle}>
            <summary>{ format!("{} ({})", props.title, count(items.len())) }</summary>
            if *open {
                <ul>
                    { for items.iter().take(LISTED).map(|e| html! {
                        <li><span class="import-line">{ format!("line {}", e.line) }</span>{ " " }{ &e.reason }</li>
                    }) }
                    if items.len() > LISTED {
                        <li>{ format!("… and {} more (in the download)", count(items.len() - LISTED)) }</li>
                    }
                </ul>
            }
        </details>
    }
}

fn download_problems(file: &str, skipped: &[LoadError], problems: &[LoadError]) {
    let all: Vec<LoadError> = skipped.iter().chain(problems).cloned().collect();
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if let Err(e) = download_text(
        &format!("{stem}-problems.csv"),
        "text/csv;charset=utf-8",
        &export::skipped_csv(&all),
    ) {
        gloo::console::error!("download failed", e);
    }
}

/// Properties of [`ImportControls`].
#[derive(Properties, PartialEq)]
pub struct ImportControlsProps {
    /// Called with the dataset once a file has been read, before that with its first rows
    /// ([`ImportedData::loading`]) when the file takes several slices, and with `None` when
    /// an import that showed its first rows is cancelled or fails.
    pub on_data: Callback<Option<ImportedData>>,
}

fn has_files(e: &web_sys::DragEvent) -> bool {
    e.data_transfer().is_some_and(|dt| {
        dt.types()
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    })
}

/// "Open data…" (a file picker), drag and drop anywhere on the page, the progress bar with
/// Cancel, the column-mapping dialog for unknown files, and the summary with the skipped rows.
#[function_component(ImportControls)]
pub fn import_controls(props: &ImportControlsProps) -> Html {
    let phase = use_state(|| Phase::Idle);
    let generation = use_mut_ref(|| 0u64);
    let worker: Rc<RefCell<Option<ImportWorker>>> = use_mut_ref(|| None);
    let on_data = use_mut_ref(|| props.on_data.clone());
    *on_data.borrow_mut() = props.on_data.clone();
    let runner = Runner {
        phase: phase.clone(),
        generation,
        worker,
        on_data,
    };
    let input_ref = use_node_ref();
    let dragging = use_state(|| false);
    let drag_depth = use_mut_ref(|| 0i32);
    let first_select = use_node_ref();

    // Drag and drop anywhere on the page.
    {
        let runner = runner.clone();
        let dragging = dragging.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let active = EventListenerOptions::enable_prevent_default();
            let enter = {
                let dragging = dragging.clone();
                let depth = Rc::clone(&drag_depth);
                EventListener::new(&window, "dragenter", move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::DragEvent>() {
                        if has_files(e) {
                            *depth.borrow_mut() += 1;
                            dragging.set(true);
                            super::worker::prewarm();
                        }
                    }
                })
            };
            let over = EventListener::new_with_options(&window, "dragover", active, |e| {
                if let Some(d) = e.dyn_ref::<web_sys::DragEvent>() {
                    if has_files(d) {
                        e.prevent_default();
                        if let Some(dt) = d.data_transfer() {
                            dt.set_drop_effect("copy");
                        }
                    }
                }
            });
            let leave = {
                let dragging = dragging.clone();
                let depth = Rc::clone(&drag_depth);
                EventListener::new(&window, "dragleave", move |_| {
                    let mut d = depth.borrow_mut();
                    *d -= 1;
                    if *d <= 0 {
                        *d = 0;
                        dragging.set(false);
                    }
                })
            };
            let drop_listener = {
                let depth = Rc::clone(&drag_depth);
                EventListener::new_with_options(&window, "drop", active, move |e| {
                    *depth.borrow_mut() = 0;
                    dragging.set(false);
                    let Some(d) = e.dyn_ref::<web_sys::DragEvent>() else {
                        return;
                    };
                    let file = d
                        .data_transfer()
                        .and_then(|dt| dt.files())
                        .and_then(|files| files.get(0));
                    if let Some(file) = file {
                        e.prevent_default();
                        runner.start(file);
                    }
                })
            };
            move || drop((enter, over, leave, drop_listener))
        });
    }

    // Focus the first choice when the mapping dialog opens.
    {
        let first_select = first_select.clone();
        let open = matches!(*phase, Phase::Mapping { .. });
        use_effect_with(open, move |open| {
            if *open {
                if let Some(el) = first_select.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    let open_picker = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input_ref.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_pick = {
        let runner = runner.clone();
        Callback::from(move |e: Event| {
            let Some(input) = super::browser::event_input(&e) else {
                return;
            };
            let file = input.files().and_then(|f| f.get(0));
            // Reset so that choosing the same file again reopens it.
            input.set_value("");
            if let Some(file) = file {
                runner.start(file);
            }
        })
    };
    let cancel = {
        let runner = runner.clone();
        Callback::from(move |_: MouseEvent| {
            let file = match &*runner.phase {
                Phase::Reading { file, .. } | Phase::Mapping { file, .. } => file.clone(),
                _ => String::new(),
            };
            runner.cancel();
            runner.phase.set(Phase::Cancelled { file });
        })
    };
    let dismiss = {
        let phase = phase.clone();
        Callback::from(move |_: MouseEvent| phase.set(Phase::Idle))
    };

    let panel = match &*phase {
        Phase::Idle => Html::default(),
        Phase::Reading {
            file,
            bytes,
            total,
            records,
        } => {
            // Display only: the ratio needs no more than f64's precision.
            let percent = if *total > 0 {
                (*bytes as f64 / *total as f64 * 100.0).round()
            } else {
                0.0
            };
            html! {
                <div class="import-panel import-reading" aria-live="polite" aria-busy="true">
                    <p>{ format!("Reading {file}: {} rows ({percent:.0} %)", crate::format::thousands(*records)) }</p>
                    <progress class="import-progress" max={total.to_string()} value={bytes.to_string()}
                              aria-label={format!("Reading {file}")}>{ format!("{percent:.0} %") }</progress>
                    <button type="button" class="import-cancel" onclick={cancel.clone()}>{ "Cancel" }</button>
                </div>
            }
        }
        Phase::Mapping {
            file,
            headers,
            samples,
            mapping,
        } => {
            // A wide file: one shared, searchable list of its columns instead of a list per
            // field (10 000 columns × 60 fields froze the page).
            let searchable = headers.len() > LISTED_COLUMNS;
            let select = |f: Field, first: bool| {
                let current = mapping.column(f).unwrap_or("").to_owned();
                let onchange = {
                    let phase = phase.clone();
                    Callback::from(move |e: Event| {
                        let Some(value) = e.target().and_then(|t| {
                            t.clone()
                                .dyn_into::<web_sys::HtmlSelectElement>()
                                .map(|s| s.value())
                                .or_else(|_| {
                                    t.dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value())
                                })
                                .ok()
                        }) else {
                            return;
                        };
                        if let Phase::Mapping {
                            file,
                            headers,
                            samples,
                            mapping,
                        } = &*phase
                        {
                            let mut m = mapping.clone();
                            let v = if value.trim().is_empty() {
                                String::new()
                            } else {
                                match resolve_column(headers, &value) {
                                    Some(c) => c.to_owned(),
                                    // Not a column: keep the choice as it was.
                                    None => m.column(f).unwrap_or("").to_owned(),
                                }
                            };
                            // The picker shows the column chosen (or the choice kept).
                            if let Some(input) = super::browser::event_input(&e) {
                                input.set_value(&v);
                            }
                            m.set(f, Some(v.as_str()));
                            phase.set(Phase::Mapping {
                                file: file.clone(),
                                headers: Rc::clone(headers),
                                samples: Rc::clone(samples),
                                mapping: m,
                            });
                        }
                    })
                };
                let id = format!("import-field-{}", field_id(f));
                let sample = |i: usize| {
                    samples
                        .iter()
                        .filter_map(|r| r.get(i))
                        .find(|v| !v.is_empty())
                        .map(|v| {
                            let short: String = v.chars().take(24).collect();
                            if short.len() < v.len() {
                                format!(" (e.g. {short}…)")
                            } else {
                                format!(" (e.g. {short})")
                            }
                        })
                        .unwrap_or_default()
                };
                html! {
                    <div class="import-field">
                        <label for={id.clone()}>
                            { f.label() }
                            if f.is_required() { <abbr title="required" class="required">{ " *" }</abbr> }
                        </label>
                        if searchable {
                            <input type="search" id={id} data-field={field_id(f)} list="import-columns"
                                   value={current.clone()} placeholder="— not in the file —" autocomplete="off"
                                   onchange={onchange}
                                   ref={if first { first_select.clone() } else { NodeRef::default() }}/>
                        } else {
                            <select id={id} data-field={field_id(f)} onchange={onchange}
                                    ref={if first { first_select.clone() } else { NodeRef::default() }}>
                                <option value="" selected={current.is_empty()}>{ "— not in the file —" }</option>
                                { for headers.iter().enumerate().filter(|(_, h)| !h.is_empty()).map(|(i, h)| html! {
                                    <option value={h.clone()} selected={*h == current}>{ format!("{h}{}", sample(i)) }</option>
                                }) }
                            </select>
                        }
                    </div>
                }
            };
            let missing = mapping.missing_required();
            let confirm = {
                let runner = runner.clone();
                let mapping = mapping.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    if mapping.missing_required().is_empty() {
                        runner.resume(mapping.clone());
                    }
                })
            };
            let on_key = {
                let cancel = cancel.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Escape" {
                        if let Ok(ev) = MouseEvent::new("click") {
                            cancel.emit(ev);
                        }
                    }
                })
            };
            html! {
                <div class="import-backdrop">
                    <form class="import-dialog" role="dialog" aria-modal="true"
                          aria-labelledby="import-dialog-title" onsubmit={confirm} onkeydown={on_key}>
                        <h2 id="import-dialog-title">{ format!("Which columns of {file}?") }</h2>
                        <p>{ "The atlas did not recognize this file's columns. Choose the column for each field (guesses are filled in); fields left empty stay unknown." }</p>
                        if searchable {
                            <p class="import-wide">{ format!("This file has {} columns: type a column's name in a field to find it.", count(headers.len())) }</p>
                            <datalist id="import-columns">
                                { for headers.iter().filter(|h| !h.is_empty()).map(|h| html! { <option value={h.clone()}/> }) }
                            </datalist>
                        }
                        <div class="import-fields">
                            { for MAIN_FIELDS.iter().enumerate().map(|(i, f)| select(*f, i == 0)) }
                        </div>
                        <details class="import-more">
                            <summary>{ "More fields" }</summary>
                            <div class="import-fields">
                                { for Field::all().into_iter().filter(|f| !MAIN_FIELDS.contains(f)).map(|f| select(f, false)) }
                            </div>
                        </details>
                        if !missing.is_empty() {
                            <p class="import-missing">
                                { format!("Choose a column for: {}.", missing.iter().map(|f| f.label()).collect::<Vec<_>>().join(", ")) }
                            </p>
                        }
                        <div class="import-actions">
                            <button type="submit" class="import-confirm" disabled={!missing.is_empty()}>{ "Open with these columns" }</button>
                            <button type="button" class="import-cancel" onclick={cancel.clone()}>{ "Cancel" }</button>
                        </div>
                    </form>
                </div>
            }
        }
        Phase::Failed {
            file,
            message,
            skipped,
        } => {
            let download = {
                let file = file.clone();
                let skipped = Rc::clone(skipped);
                Callback::from(move |_: MouseEvent| download_problems(&file, &skipped, &[]))
            };
            html! {
                <div class="import-panel import-failed" role="alert">
                    <p><strong>{ format!("Could not open {file}. ") }</strong>{ message }</p>
                    <ProblemList title="Rows skipped" items={Rc::clone(skipped)}/>
                    <div class="import-actions">
                        if !skipped.is_empty() {
                            <button type="button" class="import-download" onclick={download}>{ "Download the list (CSV)" }</button>
                        }
                        <button type="button" class="import-dismiss" onclick={dismiss.clone()}>{ "Close" }</button>
                    </div>
                </div>
            }
        }
        Phase::Cancelled { file } => html! {
            <div class="import-panel import-cancelled" aria-live="polite">
                <p>{ format!("Stopped reading {file}; nothing was changed.") }</p>
                <button type="button" class="import-dismiss" onclick={dismiss.clone()}>{ "Close" }</button>
            </div>
        },
        Phase::Done {
            file,
            rows,
            skipped,
            problems,
            notices,
        } => {
            let download = {
                let file = file.clone();
                let skipped = Rc::clone(skipped);
                let problems = Rc::clone(problems);
                Callback::from(move |_: MouseEvent| download_problems(&file, &skipped, &problems))
            };
            let clean = skipped.is_empty() && problems.is_empty() && notices.is_empty();
            html! {
                <div class={classes!("import-panel", "import-done", clean.then_some("import-clean"))} aria-live="polite">
                    <p>
                        { format!("Opened {file}: {}", counted(*rows, "row", "rows")) }
                        if !skipped.is_empty() { { format!(", {} skipped", counted(skipped.len(), "row", "rows")) } }
                        if !problems.is_empty() { { format!(", {} not understood (left empty)", counted(problems.len(), "value", "values")) } }
                        { "." }
                    </p>
                    if !notices.is_empty() {
                        <ul class="import-notices">{ for notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                    }
                    <ProblemList title="Rows skipped" items={Rc::clone(skipped)}/>
                    <ProblemList title="Values not understood" items={Rc::clone(problems)}/>
                    <div class="import-actions">
                        if !skipped.is_empty() || !problems.is_empty() {
                            <button type="button" class="import-download" onclick={download}>{ "Download the list (CSV)" }</button>
                        }
                        <button type="button" class="import-dismiss" onclick={dismiss.clone()}>{ "Close" }</button>
                    </div>
                </div>
            }
        }
    };

    let hint = format!("{} · read in your browser, never uploaded", limits_text());
    html! {
        <div class="import">
            // About to choose a file: the importer starts loading meanwhile.
            <button type="button" class="import-open" onclick={open_picker} title={hint.clone()}
                    onpointerenter={|_: PointerEvent| super::worker::prewarm()}
                    onfocus={|_: FocusEvent| super::worker::prewarm()}>
                { "Open data…" }
            </button>
            <input type="file" class="import-file" data-import="" hidden={true} tabindex="-1"
                   accept=".csv,.json,text/csv,application/json" ref={input_ref} onchange={on_pick}
                   aria-label="Open a CSV or JSON file"/>
            <span class="import-hint">{ hint.clone() }</span>
            { panel }
            if *dragging {
                <div class="import-drop" aria-hidden="true">
                    <p>{ "Drop a CSV or JSON file to open it" }</p>
                    <p class="import-drop-hint">{ hint }</p>
                </div>
            }
        </div>
    }
}
