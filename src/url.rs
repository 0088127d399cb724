//! View state ⇄ URL hash. The hash holds the route and only the values that differ from the
//! defaults; parsing is lenient: what it cannot use it ignores and reports as a notice.

use crate::chart::ChartId;
use crate::query::{SortKey, TableQuery};

/// Which view is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The models table (`#/models`).
    Models,
    /// One chart (`#/charts/<id>`).
    Chart(ChartId),
}

impl Route {
    /// The hash path, without query.
    pub fn path(&self) -> String {
        match self {
            Route::Models => "/models".to_owned(),
            Route::Chart(c) => format!("/charts/{}", c.id()),
        }
    }
}

/// Everything a URL can say about the view.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// The view.
    pub route: Route,
    /// The table query (search, sort), shared by tables and charts.
    pub query: TableQuery,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            route: Route::Models,
            query: TableQuery::default(),
        }
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

/// Parses a location hash (`#/models?q=palm&sort=-parameters`; the `#` is optional).
pub fn parse_hash(hash: &str) -> Parsed {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let mut notices = Vec::new();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let route = match segments.as_slice() {
        [] | ["models"] => Route::Models,
        ["charts"] => Route::Chart(ChartId::ParametersOverTime),
        ["charts", id] => match ChartId::from_id(id) {
            Some(c) => Route::Chart(c),
            None => {
                notices.push(format!("There is no chart called “{}”.", decode(id)));
                Route::Models
            }
        },
        _ => {
            notices.push(format!("There is no page at “{}”.", decode(path)));
            Route::Models
        }
    };
    let mut q = TableQuery::default();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode(v);
        match k {
            "q" => q.search = v,
            "sort" => match SortKey::from_param(&v) {
                Some(s) => q.sort = Some(s),
                None => notices.push(format!("Ignored an unknown sort column “{v}”.")),
            },
            other => notices.push(format!("Ignored the unknown setting “{}”.", decode(other))),
        }
    }
    Parsed {
        state: ViewState { route, query: q },
        notices,
    }
}

/// The hash for a state (`#/models?sort=-parameters`), holding only non-default values.
pub fn to_hash(state: &ViewState) -> String {
    let mut params: Vec<(&str, String)> = Vec::new();
    if !state.query.search.is_empty() {
        params.push(("q", state.query.search.clone()));
    }
    if let Some(s) = state.query.sort {
        params.push(("sort", s.to_param()));
    }
    let mut out = format!("#{}", state.route.path());
    for (i, (k, v)) in params.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        out.push('=');
        out.push_str(&encode(v));
    }
    out
}

/// Percent-encodes everything but unreserved characters (RFC 3986) and `,` (list separator).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b',') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes percent-escapes and `+` as space; invalid escapes stay as written and invalid
/// UTF-8 is replaced, never a panic.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::query::{Column, SortKey};
    use proptest::prelude::*;

    #[test]
    fn defaults_make_a_bare_hash() {
        assert_eq!(to_hash(&ViewState::default()), "#/models");
        assert_eq!(parse_hash("").state, ViewState::default());
        assert_eq!(parse_hash("#/").state, ViewState::default());
    }

    #[test]
    fn parses_routes_and_params() {
        let p = parse_hash("#/models?q=Pa%20LM&sort=-parameters");
        assert!(p.notices.is_empty());
        assert_eq!(p.state.query.search, "Pa LM");
        assert_eq!(
            p.state.query.sort,
            Some(SortKey {
                column: Column::Parameters,
                descending: true
            })
        );
        let c = parse_hash("#/charts/parameters-over-time");
        assert_eq!(c.state.route, Route::Chart(ChartId::ParametersOverTime));
    }

    #[test]
    fn junk_is_ignored_with_notices() {
        let p = parse_hash("#/charts/nope?sort=sideways&zoom=%ZZ&q=%E2%82");
        assert_eq!(p.state.route, Route::Models);
        assert_eq!(p.state.query.sort, None);
        assert_eq!(p.notices.len(), 3, "{:?}", p.notices);
        assert_eq!(p.state.query.search, "\u{fffd}");
        assert_eq!(parse_hash("#/nowhere/at/all").notices.len(), 1);
    }

    fn arb_state() -> impl Strategy<Value = ViewState> {
        let route = prop_oneof![
            Just(Route::Models),
            Just(Route::Chart(ChartId::ParametersOverTime))
        ];
        let sort = proptest::option::of((0..Column::ALL.len(), any::<bool>()).prop_map(
            |(i, descending)| SortKey {
                column: Column::ALL[i],
                descending,
            },
        ));
        (route, any::<String>(), sort).prop_map(|(route, search, sort)| ViewState {
            route,
            query: TableQuery { search, sort },
        })
    }

    proptest! {
        #[test]
        fn state_to_hash_to_state_is_identity(state in arb_state()) {
            let hash = to_hash(&state);
            let parsed = parse_hash(&hash);
            prop_assert!(parsed.notices.is_empty());
            prop_assert_eq!(parsed.state, state);
        }

        #[test]
        fn parsing_never_panics(s in any::<String>()) {
            let _ = parse_hash(&s);
        }
    }
}
