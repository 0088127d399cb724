//! A figure: everything one chart shows, in data units, ready to draw, list or export.

use super::ChartId;
use crate::data::{Dataset, Model};
use std::rc::Rc;

/// How a figure is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Points on two continuous axes (zoomable).
    Scatter,
    /// Ranked rows, one per category, best first (leaderboards), drawn as a dot plot: a dot
    /// at the value with a guide from the axis start, which need not be zero. A mark's `y` is
    /// its category index, `x` its value.
    Bars,
    /// Vertical bars, one per category (the ILSVRC chart). A mark's `x` is its category index.
    Columns,
    /// Vertical stacked bars per category (counts per year). A mark's `x` is its category
    /// index; it spans `base..y`.
    Stacked,
}

/// How tick labels of an axis are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickFormat {
    /// Years (`2021`; `Apr 2021` when zoomed in).
    Year,
    /// Counts in short form (`175B`).
    Count,
    /// FLOP in scientific notation (`1e23`).
    Flop,
    /// Percentages (`80%`).
    Percent,
    /// Plain numbers.
    Plain,
}

/// One axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The axis title with its unit, e.g. `Training compute (FLOP)`.
    pub title: String,
    /// Drawn on a log scale.
    pub log: bool,
    /// Tick label format.
    pub format: TickFormat,
    /// Values the axis must include (e.g. 0 for bars, 100 for percentages).
    pub include: Vec<f64>,
}

/// A legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Its name.
    pub name: String,
    /// Its colour.
    pub color: (u8, u8, u8),
    /// Hidden by the reader (listed in the legend, not drawn).
    pub hidden: bool,
    /// How many marks it has (before hiding).
    pub count: usize,
}

/// One plotted item: a point, a bar or a bar segment.
///
/// A mark that stands for a model refers to it by its row in the figure's dataset
/// ([`Mark::model`]); its name and id are read from there when drawn, listed or exported
/// ([`Figure::label`], [`Figure::model_id`]), not copied into the mark: a chart can have a
/// million of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// x in data units (category index for columns and stacks).
    pub x: f64,
    /// y in data units (category index for bars).
    pub y: f64,
    /// Where a bar starts (0 for bars, the segment below for stacks); equal to the value for
    /// points.
    pub base: f64,
    /// Index into [`Figure::series`].
    pub series: usize,
    /// The model it stands for, if any (click or Enter opens its page): its row in the
    /// figure's dataset ([`Figure::data`]).
    pub model: Option<u32>,
    /// The name shown beside the mark.
    pub label: Label,
    /// The value is an estimate (points: drawn hollow) or not final (columns: drawn lighter,
    /// the counts of a partial year).
    pub estimated: bool,
    /// Singled out by the chart's rule (outlier, large-scale, under-trained): drawn with a ring.
    pub emphasis: bool,
    /// A sparse (mixture-of-experts) model on a parameters axis: drawn as a diamond.
    pub sparse: bool,
    /// Labelled even when labels are off (subject to space).
    pub always_label: bool,
    /// Highlighted by the reader (`highlight=`): drawn larger and outlined, named first.
    pub highlight: bool,
    /// Its tooltip.
    pub tip: Tip,
}

/// The name shown beside a mark.
#[derive(Clone, Debug, PartialEq)]
pub enum Label {
    /// The name of the mark's model ([`Mark::model`]), read from the dataset when shown.
    Model,
    /// Its own text: a category, a key model's short name.
    Text(String),
}

impl Mark {
    /// A point standing for the model at `row` of the figure's dataset, at (`x`, `y`) in
    /// `series`: named after the model, not singled out, sparse or highlighted (callers set
    /// those with struct update syntax).
    pub fn of_model(
        row: usize,
        (x, y): (f64, f64),
        series: usize,
        estimated: bool,
        tip: Tip,
    ) -> Mark {
        Mark {
            x,
            y,
            base: y,
            series,
            model: u32::try_from(row).ok(),
            label: Label::Model,
            estimated,
            emphasis: false,
            sparse: false,
            always_label: false,
            highlight: false,
            tip,
        }
    }

    /// The model the mark stands for, in `ds` (the dataset its figure was built from).
    pub fn model_in<'a>(&self, ds: &'a Dataset) -> Option<&'a Model> {
        self.model.and_then(|row| ds.models.get(row as usize))
    }
}

/// A mark's tooltip.
#[derive(Clone, Debug, PartialEq)]
pub enum Tip {
    /// The lines; the first is the heading.
    Lines(Vec<String>),
    /// A model's point (time charts, tokens against parameters), whose lines are made from
    /// its model ([`Mark::model`]) when the tip is shown ([`crate::chart::tip_lines`]): such a
    /// chart can have a million points.
    Model {
        /// Lines after the model's own (why it is ringed; a sparse model's counts, made when
        /// shown, follow them).
        extra: Vec<String>,
    },
}

impl Tip {
    /// Adds a last line.
    pub fn push(&mut self, line: String) {
        match self {
            Tip::Lines(lines) | Tip::Model { extra: lines, .. } => lines.push(line),
        }
    }
}

/// A line in data units: a trend, a reference level, the compute-optimal ratio.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Vertices in data units (enough of them to follow curves on either scale).
    pub points: Vec<(f64, f64)>,
    /// Label drawn at the line's end.
    pub label: String,
    /// Colour.
    pub color: (u8, u8, u8),
    /// Dashed (reference) rather than solid (fit).
    pub dashed: bool,
}

/// A finding the chart states: a term and what was found, e.g. "Large-scale, from Sep 2015" →
/// "doubles every 7.6 months (95% CI …)".
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// What it is about.
    pub term: String,
    /// The finding.
    pub text: String,
    /// Drawn on the chart too (methods are long: they are listed as text only).
    pub on_canvas: bool,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.term, self.text)
    }
}

/// One cell of the figure's table: as shown, and as written to CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Human-readable text.
    pub text: String,
    /// Machine-readable value (full precision, no separators).
    pub raw: String,
}

impl Cell {
    /// A text cell (the same in both forms).
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        Cell {
            text: s.clone(),
            raw: s,
        }
    }

    /// A number shown as `text` and exported in full.
    pub fn number(v: f64, text: String) -> Cell {
        Cell {
            text,
            raw: format!("{v}"),
        }
    }
}

/// The plotted points as a table (the accessible alternative and the CSV export).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows: the model each stands for (if any) and the cells.
    pub rows: Vec<(Option<String>, Vec<Cell>)>,
    /// The rows are not stored (`rows` is empty): one per model point, in the marks' order,
    /// made by [`crate::chart::table`] when the table is shown or downloaded (the charts with a
    /// point per model, which can have 100 000 of them).
    pub from_marks: bool,
}

/// The dataset a figure was built from, whose rows its marks' models are ([`Mark::model`]).
/// Two are equal when they are the same dataset (the same `Rc`), not compared model by model.
#[derive(Clone)]
pub struct Data(pub Rc<Dataset>);

impl PartialEq for Data {
    fn eq(&self, other: &Data) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Data {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Data({} models)", self.0.models.len())
    }
}

/// Everything one chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Which chart.
    pub chart: ChartId,
    /// Layout.
    pub kind: Kind,
    /// Title.
    pub title: String,
    /// What is shown and what was left out.
    pub subtitle: String,
    /// The source line.
    pub source: String,
    /// Horizontal axis.
    pub x: Axis,
    /// Vertical axis.
    pub y: Axis,
    /// Category names (bars: top to bottom; columns and stacks: left to right).
    pub categories: Vec<String>,
    /// Legend entries.
    pub series: Vec<Series>,
    /// The marks, in reading (and keyboard) order.
    pub marks: Vec<Mark>,
    /// Trend and reference lines.
    pub lines: Vec<Line>,
    /// Findings (fitted doubling times, published figures, methods): drawn above the plot
    /// (those marked for the canvas) and listed as text beside it.
    pub notes: Vec<Note>,
    /// Label every point with its name (thinned where they would overlap).
    pub labels: bool,
    /// The chosen benchmark setting (leaderboards).
    pub setting: Option<String>,
    /// Rows that could not be plotted (no value, or not positive on a log axis).
    pub left_out: usize,
    /// The plotted points as a table.
    pub table: Table,
    /// The dataset it was built from.
    pub data: Data,
}

impl Figure {
    /// The model `m` (one of the figure's marks) stands for.
    pub fn model(&self, m: &Mark) -> Option<&Model> {
        m.model_in(&self.data.0)
    }

    /// The id of the model `m` stands for.
    pub fn model_id(&self, m: &Mark) -> Option<&str> {
        self.model(m).map(|d| d.id.as_str())
    }

    /// The name shown beside `m`: its own text, or its model's name.
    pub fn label<'a>(&'a self, m: &'a Mark) -> &'a str {
        match &m.label {
            Label::Text(s) => s,
            Label::Model => self.model(m).map_or("", |d| d.name.as_str()),
        }
    }
}
