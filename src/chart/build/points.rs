//! The model-point charts' (one point per model) tooltips and table rows, made when needed.

use crate::data::Num;
use std::borrow::Cow;

use super::time::{large_scale_line, scatter_spec, sparse_line, Measure};
use super::tokens::tokens_per_parameter;
use super::{model_cells, model_tip, quantity_cells, quantity_text};
use crate::chart::figure::{Cell, Figure, Mark, Table, Tip};
use crate::chart::{ChartId, ChartOptions, ColorBy};
use crate::data::{Dataset, Model};
use crate::format;

/// The charts with one point per model (up to 100 000 of them), whose tooltips and table rows
/// are made when needed ([`tip_lines`], [`table`]) rather than with the figure.
#[derive(Clone, Copy)]
enum ModelPoints {
    /// A time chart: the value of its measure against the publication date.
    Time(Measure),
    /// Training tokens against parameters.
    TokensVsParameters,
}

impl ModelPoints {
    fn of(chart: ChartId, options: &ChartOptions) -> Option<ModelPoints> {
        match chart {
            ChartId::TokensVsParameters => Some(ModelPoints::TokensVsParameters),
            _ => Measure::of(chart, options.active_params).map(ModelPoints::Time),
        }
    }

    /// The lines of model `m`'s point at `mark`, before the mark's `extra` lines.
    fn tip(self, ds: &Dataset, m: &Model, by: ColorBy, mark: &Mark) -> Vec<String> {
        let orgs = ds.organization_names(m);
        let mut tip = model_tip(ds, m, by, &orgs);
        match self {
            ModelPoints::Time(measure) => {
                let spec = scatter_spec(measure);
                tip.insert(1, quantity_text((spec.value)(m), mark.y, spec.fmt));
            }
            ModelPoints::TokensVsParameters => {
                let (p, t) = (mark.x, mark.y);
                let mut lines = vec![
                    format!(
                        "Parameters: {}",
                        quantity_text(m.num(Num::Parameters), p, format::short_count)
                    ),
                    format!(
                        "Training tokens: {}",
                        quantity_text(m.num(Num::TrainingTokens), t, format::short_count)
                    ),
                ];
                let ratio = tokens_per_parameter(p, t);
                if ratio.is_finite() {
                    lines.push(format!("{} tokens per parameter", format::plain(ratio, 3)));
                }
                tip.splice(1..1, lines);
            }
        }
        tip
    }

    /// Model `m`'s table cells for its point at `mark`, after the model's own.
    fn cells(self, m: &Model, mark: &Mark) -> Vec<Cell> {
        match self {
            ModelPoints::Time(measure) => {
                let spec = scatter_spec(measure);
                quantity_cells((spec.value)(m), mark.y, spec.fmt).to_vec()
            }
            ModelPoints::TokensVsParameters => {
                let (p, t) = (mark.x, mark.y);
                let ratio = tokens_per_parameter(p, t);
                vec![
                    Cell::number(p, format::short_count(p)),
                    Cell::number(t, format::short_count(t)),
                    if ratio.is_finite() {
                        Cell::number(ratio, format::plain(ratio, 3))
                    } else {
                        Cell::text("")
                    },
                ]
            }
        }
    }
}

/// The tooltip lines of `mark` (a mark of `fig`, built from `ds` with `options`).
pub fn tip_lines(ds: &Dataset, fig: &Figure, options: &ChartOptions, mark: &Mark) -> Vec<String> {
    match &mark.tip {
        Tip::Lines(lines) => lines.clone(),
        Tip::Model { extra } => {
            let (Some(m), Some(points)) = (mark.model_in(ds), ModelPoints::of(fig.chart, options))
            else {
                return extra.clone();
            };
            let mut tip = points.tip(ds, m, options.color_by(), mark);
            // The compute chart rings its large-scale models, first of its extra lines.
            if mark.emphasis && matches!(points, ModelPoints::Time(Measure::Compute)) {
                tip.push(large_scale_line());
            }
            tip.extend(extra.iter().cloned());
            // A time chart marks sparse models on a parameters axis only.
            if mark.sparse && matches!(points, ModelPoints::Time(_)) {
                tip.push(sparse_line(m));
            }
            tip
        }
    }
}

/// `fig`'s table, with its rows made if they are not stored ([`Table::from_marks`]).
pub fn table<'a>(ds: &Dataset, fig: &'a Figure, options: &ChartOptions) -> Cow<'a, Table> {
    let (true, Some(points)) = (fig.table.from_marks, ModelPoints::of(fig.chart, options)) else {
        return Cow::Borrowed(&fig.table);
    };
    let by = options.color_by();
    let rows = fig
        .marks
        .iter()
        .filter_map(|mark| match mark.tip {
            Tip::Model { .. } => mark.model_in(ds).map(|m| (mark, m)),
            Tip::Lines(_) => None,
        })
        .map(|(mark, m)| {
            let mut cells = model_cells(ds, m, by, ds.organization_names(m));
            cells.extend(points.cells(m, mark));
            // Every such chart's last column flags the ringed points (outlier, large-scale,
            // under-trained).
            cells.push(Cell::text(if mark.emphasis { "yes" } else { "" }));
            (Some(m.id.clone()), cells)
        })
        .collect();
    Cow::Owned(Table {
        columns: fig.table.columns.clone(),
        rows,
        from_marks: false,
    })
}
