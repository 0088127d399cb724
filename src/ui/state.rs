//! The app's state (what the URL says, plus transient UI state) and its reducer.

use std::rc::Rc;

use yew::prelude::*;

use crate::chart::ChartOptions;
use crate::query::{Column, Facet, Range, SortKey};
use crate::url::{self, Route, ViewState};

/// Which numeric range filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeKind {
    /// Publication year.
    Years,
    /// Parameters.
    Parameters,
    /// Training compute.
    Compute,
}

/// The app's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    /// The view (everything the URL holds).
    pub view: ViewState,
    /// Notices about URL parts that were ignored.
    pub notices: Vec<String>,
    /// Whether the last change should replace the history entry rather than add one
    /// (typing, dragging a slider).
    pub replace_history: bool,
    /// Model ids ticked in the table for "Compare selected".
    pub selected: Vec<String>,
}

/// Everything that changes the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The URL hash changed (load, back/forward, a link).
    UrlChanged(String),
    /// Go to a route, keeping filters.
    Navigate(Route),
    /// The search text changed.
    Search(String),
    /// A column header was clicked.
    SortBy(Column),
    /// Set the sort order directly.
    SetSort(Option<SortKey>),
    /// A facet value was ticked or unticked.
    ToggleFacet(Facet, String),
    /// A range filter changed.
    SetRange(RangeKind, Range),
    /// Remove every filter.
    ClearFilters,
    /// Show or hide a column.
    ToggleColumn(Column),
    /// Back to the default columns.
    ResetColumns,
    /// Tick or untick a model for comparison.
    ToggleSelected(String),
    /// Compare these models.
    Compare(Vec<String>),
    /// The chart's options changed.
    ChartOptions(ChartOptions),
    /// The cost view's inputs changed.
    Costs(crate::cost::params::CostParams),
    /// Dismiss the URL notices.
    DismissNotices,
    /// Another dataset is shown (an import, or back to the atlas): the ticked models and the
    /// comparison refer to the old one, so they are reset. Filters stay (a filtered export
    /// reopens under the same filters; "Clear all" is one click away).
    DataChanged,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.replace_history = false;
        let q = &mut next.view.query;
        match action {
            Action::UrlChanged(hash) => {
                let parsed = url::parse_hash(&hash);
                if parsed.state == self.view {
                    return self;
                }
                next.view = parsed.state;
                next.notices = parsed.notices;
            }
            Action::Navigate(route) => {
                if route != next.view.route {
                    next.view.chart.zoom = None;
                }
                next.view.route = route;
                next.notices.clear();
            }
            Action::Search(s) => {
                q.search = s;
                next.replace_history = true;
            }
            Action::SortBy(c) => q.set_sort(SortKey::clicked(Some(q.effective_sort()), c)),
            Action::SetSort(k) => q.sort = k.filter(|k| *k != crate::query::DEFAULT_SORT),
            Action::ToggleFacet(f, v) => q.toggle(f, &v),
            Action::SetRange(kind, r) => {
                match kind {
                    RangeKind::Years => q.years = r,
                    RangeKind::Parameters => q.parameters = r,
                    RangeKind::Compute => q.compute = r,
                }
                next.replace_history = true;
            }
            Action::ClearFilters => *q = q.cleared(),
            Action::ToggleColumn(c) => {
                let mut cols = next.view.columns();
                if let Some(pos) = cols.iter().position(|x| *x == c) {
                    if cols.len() > 1 {
                        cols.remove(pos);
                    }
                } else {
                    cols.push(c);
                    // Keep the chooser's order so columns do not jump around.
                    crate::sort::sort_by_key(&mut cols, |c| Column::all().position(|x| x == *c));
                }
                next.view.columns = (cols != Column::DEFAULT).then_some(cols);
            }
            Action::ResetColumns => next.view.columns = None,
            Action::ToggleSelected(id) => {
                if let Some(pos) = next.selected.iter().position(|x| *x == id) {
                    next.selected.remove(pos);
                } else {
                    next.selected.push(id);
                }
            }
            Action::Compare(ids) => {
                next.view.compare = ids;
                next.view.route = Route::Compare;
            }
            Action::ChartOptions(o) => {
                // Zooming (wheel, drag, reset) replaces the history entry: Back leaves the
                // view, it does not replay every wheel step.
                next.replace_history = o.without_zoom() == next.view.chart.without_zoom();
                next.view.chart = o;
            }
            Action::Costs(p) => {
                next.view.costs = p;
                next.replace_history = true;
            }
            Action::DismissNotices => next.notices.clear(),
            Action::DataChanged => {
                next.selected.clear();
                next.view.compare.clear();
            }
        }
        Rc::new(next)
    }
}

/// The hash that shows `route` with the current filters (a zoom stays with its own view).
pub fn href(view: &ViewState, route: Route) -> String {
    let chart = if route == view.route {
        view.chart.clone()
    } else {
        view.chart.without_zoom()
    };
    url::to_hash(&ViewState {
        route,
        chart,
        ..view.clone()
    })
}
