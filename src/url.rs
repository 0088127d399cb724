//! View state ⇄ URL hash. The hash holds the route and only the values that differ from the
//! defaults; parsing is lenient: what it cannot use it ignores and reports as a notice.
//!
//! The stable contract (documented in the README): `#/<route>?<params>` with routes
//! `models`, `models/<id>`, `organizations`, `organizations/<id>`, `countries`,
//! `capabilities`, `compare`, `charts`, `charts/<id>`, `about` and the overview at `#/`; params
//! `q`, `domain`, `orgtype`, `country`, `org`, `access`, `arch`, `task` (comma-separated),
//! `from`, `to` (years), `params_min`, `params_max`, `compute_min`, `compute_max`, `sort`,
//! `cols`, `ids` (compare), chart options `xscale`, `yscale`, `color`, `labels`, `outliers`, `params`,
//! `setting`, `vs`, `time` (a time axis's years: `all`, `2012..2024`), `highlight` (model ids),
//! `zoom` (`x0,x1,y0,y1` in data units), and `embed=1`; the cost view
//! (`#/costs`) has its own parameters (`crate::cost::params`).

use crate::chart::{ChartId, ChartOptions, ColorBy, TimeWindow, Viewport};
use crate::cost::params::CostParams;
use crate::query::{Column, Facet, Range, SortKey, TableQuery};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Which view is shown.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Route {
    /// The landing page (`#/`).
    #[default]
    Overview,
    /// The models table (`#/models`).
    Models,
    /// One model (`#/models/<id>`).
    Model(String),
    /// The organizations table.
    Organizations,
    /// One organization.
    Organization(String),
    /// Models per country.
    Countries,
    /// Models × tasks.
    Capabilities,
    /// Side-by-side comparison of `ViewState::compare`.
    Compare,
    /// The chart gallery.
    Charts,
    /// One chart.
    Chart(ChartId),
    /// About the data, licence and citation.
    About,
    /// The price of scale: training and serving costs, step by step (`#/costs`).
    Costs,
}

impl Route {
    /// The hash path, without query.
    pub fn path(&self) -> String {
        match self {
            Route::Overview => "/".to_owned(),
            Route::Models => "/models".to_owned(),
            Route::Model(id) => format!("/models/{}", encode(id)),
            Route::Organizations => "/organizations".to_owned(),
            Route::Organization(id) => format!("/organizations/{}", encode(id)),
            Route::Countries => "/countries".to_owned(),
            Route::Capabilities => "/capabilities".to_owned(),
            Route::Compare => "/compare".to_owned(),
            Route::Charts => "/charts".to_owned(),
            Route::Chart(c) => format!("/charts/{}", c.id()),
            Route::About => "/about".to_owned(),
            Route::Costs => "/costs".to_owned(),
        }
    }
}

/// Everything a URL can say about the view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    /// The view.
    pub route: Route,
    /// Filters and sort, shared by tables and charts.
    pub query: TableQuery,
    /// Table columns; `None` = [`Column::DEFAULT`].
    pub columns: Option<Vec<Column>>,
    /// Model ids to compare (`ids=`).
    pub compare: Vec<String>,
    /// The chart's options.
    pub chart: ChartOptions,
    /// Embed mode: just the view, no navigation (`embed=1`).
    pub embed: bool,
    /// The cost view's inputs.
    pub costs: CostParams,
}

impl ViewState {
    /// The table's columns (the default set when none are chosen).
    pub fn columns(&self) -> Vec<Column> {
        self.columns
            .clone()
            .unwrap_or_else(|| Column::DEFAULT.to_vec())
    }
}

/// A parsed URL: the state plus what was ignored, in words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// The state.
    pub state: ViewState,
    /// One sentence per ignored part.
    pub notices: Vec<String>,
}

fn parse_route(path: &str, notices: &mut Vec<String>) -> Route {
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(decode)
        .collect();
    let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
    match segs.as_slice() {
        [] => Route::Overview,
        ["models"] => Route::Models,
        ["models", id] => Route::Model((*id).to_owned()),
        ["organizations"] => Route::Organizations,
        ["organizations", id] => Route::Organization((*id).to_owned()),
        ["countries"] => Route::Countries,
        ["capabilities"] => Route::Capabilities,
        ["compare"] => Route::Compare,
        ["charts"] => Route::Charts,
        ["about"] => Route::About,
        ["costs"] => Route::Costs,
        ["charts", id] => match ChartId::from_id(id) {
            Some(c) => Route::Chart(c),
            None => {
                notices.push(format!("There is no chart called “{id}”."));
                Route::Charts
            }
        },
        _ => {
            notices.push(format!("There is no page at “{}”.", decode(path)));
            Route::Overview
        }
    }
}

fn parse_year(v: &str) -> Option<f64> {
    let y: i32 = v.trim().parse().ok()?;
    (1900..=2100).contains(&y).then_some(f64::from(y))
}

fn parse_positive(v: &str) -> Option<f64> {
    let x: f64 = v.trim().parse().ok()?;
    (x.is_finite() && x > 0.0).then_some(x)
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn parse_scale(v: &str) -> Option<bool> {
    match v {
        "log" => Some(true),
        "linear" => Some(false),
        _ => None,
    }
}

/// At most this many models are highlighted (`highlight=`); more are ignored with a notice.
pub const MAX_HIGHLIGHTS: usize = 20;

/// How long, in milliseconds, a change that replaces the history entry (a search being typed,
/// a range being dragged, a zoom) must rest before the app writes it into the address bar:
/// one history write when the typing pauses instead of one per keystroke (each is a
/// same-document navigation costing the page 1–2 ms, and browsers throttle frequent ones).
pub const SETTLE_MS: u32 = 250;

/// The longest wait, in milliseconds, for an idle moment to write any other change into the
/// address bar (it is written when the page is next idle after the frame that shows it).
pub const IDLE_WRITE_MS: u32 = 100;

/// A zoom (`x0,x1,y0,y1`): four finite numbers with each low below its high.
fn parse_zoom(v: &str) -> Option<Viewport> {
    let n: Vec<f64> = v
        .split(',')
        .map(|p| p.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect::<Option<Vec<f64>>>()?;
    match n.as_slice() {
        [x0, x1, y0, y1] if x0 < x1 && y0 < y1 => Some(Viewport {
            x: (*x0, *x1),
            y: (*y0, *y1),
        }),
        _ => None,
    }
}

/// A zoom bound, rounded to 6 significant digits (a pixel of any plot) and written plainly
/// (`2019.53`) or, far from 1, in exponent form (`1.23457e23`).
fn zoom_number(x: f64) -> String {
    let rounded: f64 = format!("{x:.5e}").parse().unwrap_or(x);
    if rounded == 0.0 || (1e-3..1e6).contains(&rounded.abs()) {
        format!("{rounded}")
    } else {
        format!("{rounded:e}")
    }
}

/// Splits a raw (still encoded) list value on `,` and decodes each item.
fn list(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(decode)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Parses a location hash (`#/models?q=palm&sort=-parameters`; the `#` is optional).
pub fn parse_hash(hash: &str) -> Parsed {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let mut notices = Vec::new();
    let mut state = ViewState {
        route: parse_route(path, &mut notices),
        ..ViewState::default()
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode(raw);
        let mut bad = |what: &str| notices.push(format!("Ignored {what} “{v}”."));
        let q = &mut state.query;
        match k {
            "q" => q.search = v.clone(),
            "sort" => match SortKey::from_param(&v) {
                Some(s) => q.sort = Some(s),
                None => bad("an unknown sort column"),
            },
            "from" | "to" => match parse_year(&v) {
                Some(y) if k == "from" => q.years.min = Some(y),
                Some(y) => q.years.max = Some(y),
                None => bad("a year that is not a year"),
            },
            "params_min" | "params_max" | "compute_min" | "compute_max" => {
                match parse_positive(&v) {
                    Some(x) => {
                        let r: &mut Range = if k.starts_with("params") {
                            &mut q.parameters
                        } else {
                            &mut q.compute
                        };
                        if k.ends_with("min") {
                            r.min = Some(x);
                        } else {
                            r.max = Some(x);
                        }
                    }
                    None => bad("a bound that is not a positive number"),
                }
            }
            "cols" => {
                let items = list(raw);
                let cols: Vec<Column> = items.iter().filter_map(|c| Column::from_id(c)).collect();
                let unknown: Vec<&String> = items
                    .iter()
                    .filter(|c| Column::from_id(c).is_none())
                    .collect();
                if !unknown.is_empty() {
                    notices.push(format!(
                        "Ignored unknown column(s): {}.",
                        unknown
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                if !cols.is_empty() {
                    state.columns = Some(cols);
                }
            }
            "ids" => state.compare = list(raw),
            "xscale" | "yscale" => match parse_scale(&v) {
                Some(log) if k == "xscale" => state.chart.x_log = Some(log),
                Some(log) => state.chart.y_log = Some(log),
                None => bad("a scale that is neither log nor linear"),
            },
            "color" => match ColorBy::from_id(&v) {
                Some(c) => state.chart.color = Some(c),
                None => bad("an unknown colour choice"),
            },
            "labels" => match parse_bool(&v) {
                Some(b) => state.chart.labels = b,
                None => bad("a labels value that is not 0 or 1"),
            },
            "outliers" => match parse_bool(&v) {
                Some(b) => state.chart.hide_outliers = !b,
                None => bad("an outliers value that is not 0 or 1"),
            },
            "setting" => state.chart.setting = Some(v.clone()).filter(|s| !s.is_empty()),
            "params" => match v.as_str() {
                "active" => state.chart.active_params = true,
                "total" => state.chart.active_params = false,
                _ => bad("a params value that is neither active nor total"),
            },
            "vs" => match v.as_str() {
                "parameters" => state.chart.versus_parameters = true,
                _ => bad("an unknown comparison"),
            },
            "time" => match TimeWindow::from_param(&v) {
                Some(w) => state.chart.time = w,
                None => bad("a time range that is neither all nor years like 2012..2024"),
            },
            "highlight" => {
                let mut ids = list(raw);
                let mut seen = std::collections::HashSet::new();
                ids.retain(|id| seen.insert(id.clone()));
                if ids.len() > MAX_HIGHLIGHTS {
                    notices.push(format!(
                        "Highlighted the first {MAX_HIGHLIGHTS} models only; ignored {} more.",
                        ids.len() - MAX_HIGHLIGHTS
                    ));
                    ids.truncate(MAX_HIGHLIGHTS);
                }
                state.chart.highlight = ids;
            }
            "zoom" => match parse_zoom(&v) {
                Some(z) => state.chart.zoom = Some(z),
                None => bad("a zoom that is not four numbers x0,x1,y0,y1"),
            },
            "embed" => match parse_bool(&v) {
                Some(b) => state.embed = b,
                None => bad("an embed value that is not 0 or 1"),
            },
            k if CostParams::is_param(k) => {
                if let Err(what) = state.costs.set(k, &v) {
                    bad(what);
                }
            }
            other => match Facet::from_id(other) {
                Some(f) => {
                    for item in list(raw) {
                        if !q.is_selected(f, &item) {
                            q.toggle(f, &item);
                        }
                    }
                }
                None => notices.push(format!("Ignored the unknown setting “{}”.", decode(other))),
            },
        }
    }
    Parsed { state, notices }
}

/// Writes a number compactly and exactly enough for URLs: `1e9`, `1.5e11`, `2020`.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e6 {
        format!("{x:.0}")
    } else {
        format!("{x:e}")
    }
}

fn join(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    items
        .into_iter()
        .map(|s| encode(s.as_ref()))
        .collect::<Vec<_>>()
        .join(",")
}

/// The query string (without `?`) for a state: only non-default values, in a fixed order.
pub fn to_query(state: &ViewState) -> String {
    let q = &state.query;
    let mut params: Vec<(&str, String)> = Vec::new();
    if !q.search.is_empty() {
        params.push(("q", encode(&q.search)));
    }
    for f in Facet::ALL {
        if let Some(set) = q.facets.get(&f).filter(|s| !s.is_empty()) {
            params.push((f.id(), join(set)));
        }
    }
    let bounds = [
        ("from", q.years.min),
        ("to", q.years.max),
        ("params_min", q.parameters.min),
        ("params_max", q.parameters.max),
        ("compute_min", q.compute.min),
        ("compute_max", q.compute.max),
    ];
    for (k, v) in bounds {
        if let Some(v) = v {
            params.push((k, number(v)));
        }
    }
    if let Some(s) = q.sort {
        params.push(("sort", encode(&s.to_param())));
    }
    if let Some(cols) = &state.columns {
        params.push(("cols", join(cols.iter().map(|c| c.id()))));
    }
    if !state.compare.is_empty() {
        params.push(("ids", join(&state.compare)));
    }
    let c = &state.chart;
    let scale = |log: bool| if log { "log" } else { "linear" }.to_owned();
    if let Some(x) = c.x_log {
        params.push(("xscale", scale(x)));
    }
    if let Some(y) = c.y_log {
        params.push(("yscale", scale(y)));
    }
    if let Some(color) = c.color {
        params.push(("color", color.id().to_owned()));
    }
    if c.labels {
        params.push(("labels", "1".to_owned()));
    }
    if c.hide_outliers {
        params.push(("outliers", "0".to_owned()));
    }
    if let Some(s) = &c.setting {
        params.push(("setting", encode(s)));
    }
    if c.versus_parameters {
        params.push(("vs", "parameters".to_owned()));
    }
    if let Some(t) = c.time.to_param() {
        params.push(("time", t));
    }
    if c.active_params {
        params.push(("params", "active".to_owned()));
    }
    if !c.highlight.is_empty() {
        params.push(("highlight", join(&c.highlight)));
    }
    if let Some(z) = c.zoom {
        let bounds = [z.x.0, z.x.1, z.y.0, z.y.1].map(zoom_number);
        params.push(("zoom", bounds.join(",")));
    }
    for (k, v) in state.costs.pairs() {
        params.push((k, join(v.split(','))));
    }
    if state.embed {
        params.push(("embed", "1".to_owned()));
    }
    params
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The hash for a state (`#/models?sort=-parameters`), holding only non-default values.
pub fn to_hash(state: &ViewState) -> String {
    route_hash(&state.route, &to_query(state))
}

/// The hash of `route` with a query string from [`to_query`] (views that link many routes
/// under the same filters compute the query once).
pub fn route_hash(route: &Route, query: &str) -> String {
    if query.is_empty() {
        format!("#{}", route.path())
    } else {
        format!("#{}?{query}", route.path())
    }
}

/// Every byte but RFC 3986's unreserved characters (letters, digits, `-`, `_`, `.`, `~`).
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, ESCAPED).to_string()
}

/// Decodes percent-escapes and `+` as space; invalid escapes stay as written and invalid
/// UTF-8 is replaced, never a panic.
pub fn decode(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
