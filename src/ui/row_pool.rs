//! The models table's body as a pool of row elements written in place (no virtual DOM): the
//! rows of the visible window plus a few above and below, each kept for its position. A scroll
//! step moves the rows that left the window to the other end and writes only those; a new
//! filter, search or sort rewrites the rows' cells, touching only the text and attributes that
//! differ. Yew renders the table around it (headers, `aria-rowcount`) and leaves the `<tbody>`'s
//! children to this pool.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::mem::discriminant;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, Node, Text};
use yew::Callback;

use super::cells::{self, Content};
use super::Data;
use crate::query::Column;

/// Above this many rows only the visible window is in the DOM (a few hundred full rows cost
/// more than a frame to lay out).
pub const VIRTUAL_THRESHOLD: usize = 100;
/// Row height in CSS pixels in virtual mode (fixed by the stylesheet: `.virtual td`).
const ROW_HEIGHT: f64 = 33.0;
/// Rows kept above and below the visible window.
const OVERSCAN: usize = 4;
/// Rows kept out of the document for reuse when the window grows again.
const SPARE_ROWS: usize = 64;

/// The positions `[start, end)` in the DOM for `total` rows scrolled to `scroll_top` in a
/// viewport `viewport` pixels high (every row below [`VIRTUAL_THRESHOLD`]).
pub fn window(total: usize, scroll_top: f64, viewport: f64) -> (usize, usize) {
    if total <= VIRTUAL_THRESHOLD {
        return (0, total);
    }
    // Float to integer casts saturate (NaN gives 0).
    let first = (scroll_top / ROW_HEIGHT).floor().max(0.0) as usize;
    let visible = (viewport / ROW_HEIGHT).ceil().max(0.0) as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(total);
    let end = first
        .saturating_add(visible)
        .saturating_add(OVERSCAN)
        .min(total);
    (start, end.max(start))
}

/// The `class` of a body cell in `column` (`sorted`: the sorted column, which a phone keeps).
pub fn cell_class(column: Column, sorted: Option<Column>) -> String {
    let mut parts: Vec<&str> = Vec::with_capacity(4);
    if column.is_numeric() {
        parts.push("numeric");
    }
    if matches!(column, Column::Name | Column::Organizations) {
        parts.push("wide");
    }
    if column == Column::Name {
        parts.push("model");
    }
    if phone_keeps(column, sorted) {
        parts.push("phone-keep");
    }
    parts.join(" ")
}

/// Whether a phone shows `column` (style.css hides the others in `table.model-list`): the
/// model, its size and compute, and the sorted column; the model's page has the rest.
pub fn phone_keeps(column: Column, sorted: Option<Column>) -> bool {
    matches!(column, Column::Name)
        || column == Column::PARAMETERS
        || column == Column::COMPUTE
        || sorted == Some(column)
}

/// What the pool shows, from the table's properties.
pub struct Inputs {
    /// The dataset.
    pub data: Data,
    /// Row indices in order.
    pub rows: Rc<Vec<usize>>,
    /// Columns in order.
    pub columns: Rc<Vec<Column>>,
    /// The sorted column.
    pub sorted: Option<Column>,
    /// Whether rows start with a selection checkbox.
    pub pick: bool,
    /// Ticked model ids.
    pub selected: Rc<Vec<String>>,
    /// The link of a model's page, from its id.
    pub href: Option<Callback<String, String>>,
}

/// The inputs and what derives from them once per change.
struct View {
    inputs: Inputs,
    /// Each column's cell class.
    classes: Vec<String>,
    /// Bumped on every new `Inputs`: a row written under an older one is written again.
    generation: u64,
}

/// One cell and what it shows.
struct Cell {
    td: Element,
    class: String,
    shown: Option<Content>,
    /// The element inside the cell, its main text node and its visually hidden part.
    root: Option<Element>,
    text: Option<Text>,
    hidden: Option<Element>,
}

/// One row element and what it shows.
struct Row {
    tr: Element,
    pick: Option<HtmlInputElement>,
    cells: Vec<Cell>,
    pos: Option<usize>,
    id: String,
    label: String,
    generation: u64,
}

/// A spacer row standing for the rows above or below the window.
struct Spacer {
    tr: Element,
    td: HtmlElement,
    height: Option<usize>,
}

/// The pool, owned by the table component.
pub struct RowPool {
    doc: Document,
    tbody: Element,
    top: Spacer,
    bottom: Spacer,
    virtual_mode: bool,
    /// Rows in the DOM, in order; `rows[k]` shows position `first + k`.
    rows: VecDeque<Row>,
    first: usize,
    spare: Vec<Row>,
    view: Option<View>,
    /// The scroll position and viewport height of the table's scroll box, in CSS pixels.
    scroll_top: f64,
    viewport: f64,
    on_select: Rc<RefCell<Option<Callback<String>>>>,
    _change: EventListener,
}

fn create(doc: &Document, tag: &str) -> Result<Element, JsValue> {
    doc.create_element(tag)
}

fn with_class(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let el = create(doc, tag)?;
    el.set_class_name(class);
    Ok(el)
}

fn spacer(doc: &Document) -> Result<Spacer, JsValue> {
    let tr = with_class(doc, "tr", "spacer")?;
    tr.set_attribute("aria-hidden", "true")?;
    let td: HtmlElement = create(doc, "td")?.dyn_into()?;
    tr.append_child(&td)?;
    Ok(Spacer {
        tr,
        td,
        height: None,
    })
}

impl Spacer {
    fn set_rows(&mut self, rows: usize) {
        if self.height != Some(rows) {
            // Through the CSSOM: the CSP forbids style attributes.
            let _ = self
                .td
                .style()
                .set_property("height", &format!("{}px", rows as f64 * ROW_HEIGHT));
            self.height = Some(rows);
        }
    }
}

impl RowPool {
    /// A pool writing into `tbody` (which Yew keeps as a node and never looks inside).
    pub fn new(tbody: Element) -> Result<Self, JsValue> {
        let doc = tbody
            .owner_document()
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let on_select: Rc<RefCell<Option<Callback<String>>>> = Rc::default();
        // One listener for every row's checkbox: the row says which model it shows.
        let change = {
            let on_select = Rc::clone(&on_select);
            EventListener::new(&tbody, "change", move |e| {
                let id = e
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .filter(|el| {
                        el.parent_element()
                            .is_some_and(|td| td.class_name() == "pick")
                    })
                    .and_then(|el| el.closest("tr").ok().flatten())
                    .and_then(|tr| tr.get_attribute("data-id"));
                // Cloned out first: emitting may re-render the table, which borrows again.
                let cb = on_select.borrow().clone();
                if let (Some(id), Some(cb)) = (id, cb) {
                    cb.emit(id);
                }
            })
        };
        Ok(Self {
            top: spacer(&doc)?,
            bottom: spacer(&doc)?,
            doc,
            tbody,
            virtual_mode: false,
            rows: VecDeque::new(),
            first: 0,
            spare: Vec::new(),
            view: None,
            scroll_top: 0.0,
            viewport: 700.0,
            on_select,
            _change: change,
        })
    }

    /// The scroll position it last showed.
    pub fn scroll_top(&self) -> f64 {
        self.scroll_top
    }

    /// Whether `rows` differ from the rows shown (by value, as a view may pass a new `Rc` of
    /// the same rows).
    pub fn rows_differ(&self, rows: &Rc<Vec<usize>>) -> bool {
        self.view
            .as_ref()
            .is_none_or(|v| !Rc::ptr_eq(&v.inputs.rows, rows) && *v.inputs.rows != **rows)
    }

    /// New inputs (every row is checked against them on the next [`RowPool::show`]).
    pub fn set_inputs(&mut self, inputs: Inputs, on_select: Option<Callback<String>>) {
        let generation = self
            .view
            .as_ref()
            .map_or(0, |v| v.generation.wrapping_add(1));
        let classes = inputs
            .columns
            .iter()
            .map(|&c| cell_class(c, inputs.sorted))
            .collect();
        self.view = Some(View {
            inputs,
            classes,
            generation,
        });
        *self.on_select.borrow_mut() = on_select;
    }

    /// Shows the window for the scroll box's position `scroll_top` and height `viewport`.
    pub fn show(&mut self, scroll_top: f64, viewport: f64) -> Result<(), JsValue> {
        self.scroll_top = scroll_top;
        if viewport > 0.0 {
            self.viewport = viewport;
        }
        let Some(view) = &self.view else {
            return Ok(());
        };
        let total = view.inputs.rows.len();
        let (start, end) = window(total, self.scroll_top, self.viewport);
        let virtual_mode = total > VIRTUAL_THRESHOLD;
        let n_cols = view.inputs.columns.len() + usize::from(view.inputs.pick);
        if virtual_mode != self.virtual_mode {
            if virtual_mode {
                self.tbody.prepend_with_node_1(&self.top.tr)?;
                self.tbody.append_with_node_1(&self.bottom.tr)?;
            } else {
                self.top.tr.remove();
                self.bottom.tr.remove();
            }
            self.virtual_mode = virtual_mode;
        }
        if virtual_mode {
            let colspan = n_cols.to_string();
            for s in [&self.top, &self.bottom] {
                if s.td.get_attribute("colspan").as_deref() != Some(colspan.as_str()) {
                    s.td.set_attribute("colspan", &colspan)?;
                }
            }
            self.top.set_rows(start);
            self.bottom.set_rows(total.saturating_sub(end));
        }
        // Rows whose position left the window go to the spares.
        let last = self.first + self.rows.len();
        if end <= self.first || start >= last {
            while let Some(row) = self.rows.pop_front() {
                park(&mut self.spare, row);
            }
            self.first = start;
        } else {
            while self.first < start {
                if let Some(row) = self.rows.pop_front() {
                    park(&mut self.spare, row);
                }
                self.first += 1;
            }
            while self.first + self.rows.len() > end {
                if let Some(row) = self.rows.pop_back() {
                    park(&mut self.spare, row);
                }
            }
        }
        // Rows that stay are written again only under new inputs.
        for (k, row) in self.rows.iter_mut().enumerate() {
            if row.generation != view.generation {
                write_row(&self.doc, view, row, self.first + k)?;
            }
        }
        let tail: Option<Node> = virtual_mode.then(|| self.bottom.tr.clone().into());
        while self.first > start {
            let pos = self.first - 1;
            let mut row = take(&self.doc, &mut self.spare)?;
            write_row(&self.doc, view, &mut row, pos)?;
            let before: Option<Node> = self
                .rows
                .front()
                .map(|r| r.tr.clone().into())
                .or_else(|| tail.clone());
            self.tbody.insert_before(&row.tr, before.as_ref())?;
            self.rows.push_front(row);
            self.first = pos;
        }
        while self.first + self.rows.len() < end {
            let pos = self.first + self.rows.len();
            let mut row = take(&self.doc, &mut self.spare)?;
            write_row(&self.doc, view, &mut row, pos)?;
            self.tbody.insert_before(&row.tr, tail.as_ref())?;
            self.rows.push_back(row);
        }
        Ok(())
    }
}

/// Takes `row` out of the document, kept for reuse (up to [`SPARE_ROWS`]).
fn park(spare: &mut Vec<Row>, row: Row) {
    row.tr.remove();
    if spare.len() < SPARE_ROWS {
        spare.push(row);
    }
}

/// A spare row, or a new empty one.
fn take(doc: &Document, spare: &mut Vec<Row>) -> Result<Row, JsValue> {
    if let Some(row) = spare.pop() {
        return Ok(row);
    }
    Ok(Row {
        tr: create(doc, "tr")?,
        pick: None,
        cells: Vec::new(),
        pos: None,
        id: String::new(),
        label: String::new(),
        generation: u64::MAX,
    })
}

/// Gives `row` the view's cells: a checkbox cell if wanted, one cell per column, classes.
fn reshape(doc: &Document, view: &View, row: &mut Row) -> Result<(), JsValue> {
    let pick = view.inputs.pick;
    if row.pick.is_some() != pick || row.cells.len() != view.classes.len() {
        row.tr.set_text_content(None);
        row.pick = None;
        row.cells.clear();
        row.label.clear();
        if pick {
            let td = with_class(doc, "td", "pick")?;
            let input: HtmlInputElement = create(doc, "input")?.dyn_into()?;
            input.set_type("checkbox");
            td.append_child(&input)?;
            row.tr.append_child(&td)?;
            row.pick = Some(input);
        }
        for _ in 0..view.classes.len() {
            let td = create(doc, "td")?;
            row.tr.append_child(&td)?;
            row.cells.push(Cell {
                td,
                class: String::new(),
                shown: None,
                root: None,
                text: None,
                hidden: None,
            });
        }
    }
    for (cell, class) in row.cells.iter_mut().zip(&view.classes) {
        if cell.class != *class {
            cell.td.set_class_name(class);
            class.clone_into(&mut cell.class);
        }
    }
    Ok(())
}

/// Writes what position `pos` shows into `row`, touching only what differs.
fn write_row(doc: &Document, view: &View, row: &mut Row, pos: usize) -> Result<(), JsValue> {
    reshape(doc, view, row)?;
    if row.pos != Some(pos) {
        // The header row is 1.
        row.tr
            .set_attribute("aria-rowindex", &(pos + 2).to_string())?;
        row.pos = Some(pos);
    }
    let inputs = &view.inputs;
    let ds = &inputs.data.0;
    let model = inputs.rows.get(pos).and_then(|&i| ds.models.get(i));
    if let Some(m) = model {
        if row.id != m.id {
            row.tr.set_attribute("data-id", &m.id)?;
            m.id.clone_into(&mut row.id);
        }
        if let Some(input) = &row.pick {
            let label = format!("Select {} for comparison", m.name);
            if row.label != label {
                input.set_attribute("aria-label", &label)?;
                row.label = label;
            }
            let checked = inputs.selected.contains(&m.id);
            if input.checked() != checked {
                input.set_checked(checked);
            }
        }
    }
    for (cell, &column) in row.cells.iter_mut().zip(inputs.columns.iter()) {
        let content = match model {
            Some(m) => {
                let href = (column == Column::Name)
                    .then(|| inputs.href.as_ref().map(|h| h.emit(m.id.clone())))
                    .flatten();
                cells::cell(ds, m, column, href)
            }
            None => Content::Missing(None),
        };
        write_cell(doc, cell, content)?;
    }
    row.generation = view.generation;
    Ok(())
}

/// Whether `a` and `b` are laid out in the same elements (only text and attributes differ).
fn same_shape(a: &Content, b: &Content) -> bool {
    match (a, b) {
        (Content::Quantity { estimated: x, .. }, Content::Quantity { estimated: y, .. }) => x == y,
        _ => discriminant(a) == discriminant(b),
    }
}

fn set_attr(el: &Element, name: &str, value: &str) -> Result<(), JsValue> {
    el.set_attribute(name, value)
}

fn set_text(text: Option<&Text>, value: &str) {
    if let Some(t) = text {
        t.set_data(value);
    }
}

/// Writes `new` into `cell`: in place when only text and attributes differ, else anew.
fn write_cell(doc: &Document, cell: &mut Cell, new: Content) -> Result<(), JsValue> {
    match (&cell.shown, &cell.root) {
        (Some(old), _) if *old == new => return Ok(()),
        (Some(old), Some(root)) if same_shape(old, &new) => {
            patch(cell, old, root, &new)?;
        }
        _ => build(doc, cell, &new)?,
    }
    cell.shown = Some(new);
    Ok(())
}

/// Updates the text and attributes of a cell laid out for `old` to show `new` (same shape,
/// and `old != new`).
fn patch(cell: &Cell, old: &Content, root: &Element, new: &Content) -> Result<(), JsValue> {
    let text = cell.text.as_ref();
    match (old, new) {
        (Content::Link { href: h0, name: n0 }, Content::Link { href: h1, name: n1 }) => {
            if h0 != h1 {
                set_attr(root, "href", h1)?;
            }
            if n0 != n1 {
                set_attr(root, "title", n1)?;
                set_text(text, n1);
            }
        }
        // One field: it is the one that differs.
        (Content::Name(_), Content::Name(b)) | (Content::Text(_), Content::Text(b)) => {
            set_attr(root, "title", b)?;
            set_text(text, b);
        }
        (Content::Missing(_), Content::Missing(title)) => match title {
            Some(t) => set_attr(root, "title", t)?,
            None => root.remove_attribute("title")?,
        },
        (Content::Date(_), Content::Date(b)) => {
            set_attr(root, "datetime", b)?;
            set_text(text, b);
        }
        (
            Content::Quantity {
                short: s0, tip: t0, ..
            },
            Content::Quantity {
                short: s1, tip: t1, ..
            },
        ) => {
            if s0 != s1 {
                set_text(text, s1);
            }
            if t0 != t1 {
                set_attr(root, "data-tip", t1)?;
                if let Some(h) = &cell.hidden {
                    h.set_text_content(Some(&format!(": {t1}")));
                }
            }
        }
        (Content::Undisclosed(_), Content::Undisclosed(b)) => {
            set_attr(root, "data-tip", b)?;
            if let Some(h) = &cell.hidden {
                h.set_text_content(Some(b));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Lays the cell out anew for `new` (the markup the table has always had).
fn build(doc: &Document, cell: &mut Cell, new: &Content) -> Result<(), JsValue> {
    let mut text = None;
    let mut hidden = None;
    let root = match new {
        Content::Link { href, name } => {
            let a = with_class(doc, "a", "name")?;
            set_attr(&a, "href", href)?;
            set_attr(&a, "title", name)?;
            let t = doc.create_text_node(name);
            a.append_child(&t)?;
            text = Some(t);
            a
        }
        Content::Name(s) | Content::Text(s) => {
            let class = if matches!(new, Content::Name(_)) {
                "name"
            } else {
                ""
            };
            let span = create(doc, "span")?;
            if !class.is_empty() {
                span.set_class_name(class);
            }
            set_attr(&span, "title", s)?;
            let t = doc.create_text_node(s);
            span.append_child(&t)?;
            text = Some(t);
            span
        }
        Content::Missing(title) => {
            let span = with_class(doc, "span", "unknown")?;
            if let Some(t) = title {
                set_attr(&span, "title", t)?;
            }
            span.set_text_content(Some("—"));
            span
        }
        Content::Date(d) => {
            let time = create(doc, "time")?;
            set_attr(&time, "datetime", d)?;
            let t = doc.create_text_node(d);
            time.append_child(&t)?;
            text = Some(t);
            time
        }
        Content::Quantity {
            short,
            tip,
            estimated,
        } => {
            let span = with_class(
                doc,
                "span",
                if *estimated { "num estimated" } else { "num" },
            )?;
            set_attr(&span, "tabindex", "0")?;
            set_attr(&span, "data-tip", tip)?;
            if *estimated {
                let approx = with_class(doc, "span", "approx")?;
                set_attr(&approx, "aria-hidden", "true")?;
                approx.set_text_content(Some("≈"));
                span.append_child(&approx)?;
            }
            let t = doc.create_text_node(short);
            span.append_child(&t)?;
            text = Some(t);
            let h = with_class(doc, "span", "visually-hidden")?;
            h.set_text_content(Some(&format!(": {tip}")));
            span.append_child(&h)?;
            hidden = Some(h);
            span
        }
        Content::Undisclosed(tip) => {
            let span = with_class(doc, "span", "unknown")?;
            set_attr(&span, "tabindex", "0")?;
            set_attr(&span, "data-tip", tip)?;
            let dash = create(doc, "span")?;
            set_attr(&dash, "aria-hidden", "true")?;
            dash.set_text_content(Some("—"));
            span.append_child(&dash)?;
            let h = with_class(doc, "span", "visually-hidden")?;
            h.set_text_content(Some(tip));
            span.append_child(&h)?;
            hidden = Some(h);
            span
        }
    };
    cell.td.replace_children_with_node_1(&root);
    cell.root = Some(root);
    cell.text = text;
    cell.hidden = hidden;
    Ok(())
}
