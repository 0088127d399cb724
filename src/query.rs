//! Table queries: columns, search, sort → row indices into [`Dataset::models`].
//!
//! Pure functions over an immutable dataset; views hold only the resulting indices.

use std::cmp::Ordering;

use crate::data::{Dataset, Date, Model};

/// A table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// Model name.
    Name,
    /// Organizations.
    Organizations,
    /// Country of the lead organization.
    Country,
    /// Publication date.
    Date,
    /// Domain.
    Domain,
    /// Total parameters.
    Parameters,
    /// Training compute.
    TrainingCompute,
    /// Training tokens.
    TrainingTokens,
    /// Access.
    Access,
    /// Architecture.
    Architecture,
}

impl Column {
    /// Every column, in display order.
    pub const ALL: [Column; 10] = [
        Column::Name,
        Column::Organizations,
        Column::Country,
        Column::Date,
        Column::Domain,
        Column::Parameters,
        Column::TrainingCompute,
        Column::TrainingTokens,
        Column::Access,
        Column::Architecture,
    ];

    /// The columns shown when the URL names none.
    pub const DEFAULT: [Column; 8] = [
        Column::Name,
        Column::Organizations,
        Column::Country,
        Column::Date,
        Column::Domain,
        Column::Parameters,
        Column::TrainingCompute,
        Column::Access,
    ];

    /// The id used in URLs (`sort=-parameters`).
    pub fn id(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Organizations => "org",
            Column::Country => "country",
            Column::Date => "date",
            Column::Domain => "domain",
            Column::Parameters => "parameters",
            Column::TrainingCompute => "compute",
            Column::TrainingTokens => "tokens",
            Column::Access => "access",
            Column::Architecture => "arch",
        }
    }

    /// The header text.
    pub fn label(self) -> &'static str {
        match self {
            Column::Name => "Model",
            Column::Organizations => "Organization",
            Column::Country => "Country",
            Column::Date => "Date",
            Column::Domain => "Domain",
            Column::Parameters => "Parameters",
            Column::TrainingCompute => "Training compute",
            Column::TrainingTokens => "Training tokens",
            Column::Access => "Access",
            Column::Architecture => "Architecture",
        }
    }

    /// The column with this URL id.
    pub fn from_id(id: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.id() == id)
    }

    /// Whether the column holds numbers (right-aligned, sorted descending first).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Column::Parameters | Column::TrainingCompute | Column::TrainingTokens | Column::Date
        )
    }
}

/// A sort order: a column and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortKey {
    /// The column.
    pub column: Column,
    /// Largest / latest / Z first.
    pub descending: bool,
}

impl SortKey {
    /// The URL form: the column id, `-`-prefixed when descending.
    pub fn to_param(self) -> String {
        if self.descending {
            format!("-{}", self.column.id())
        } else {
            self.column.id().to_owned()
        }
    }

    /// Parses the URL form.
    pub fn from_param(s: &str) -> Option<SortKey> {
        let (descending, id) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        Column::from_id(id).map(|column| SortKey { column, descending })
    }

    /// The next key when the user clicks `column`'s header: a new column starts ascending
    /// (descending for numbers, where "largest first" is the usual question); the same column
    /// flips direction.
    pub fn clicked(current: Option<SortKey>, column: Column) -> SortKey {
        match current {
            Some(k) if k.column == column => SortKey {
                column,
                descending: !k.descending,
            },
            _ => SortKey {
                column,
                descending: false,
            },
        }
    }
}

/// A cell's value for sorting.
#[derive(Clone, Debug, PartialEq)]
enum SortValue {
    Text(String),
    Number(f64),
    Day(Date),
    Missing,
}

fn sort_value(ds: &Dataset, m: &Model, column: Column) -> SortValue {
    let text = |s: &str| {
        if s.is_empty() {
            SortValue::Missing
        } else {
            SortValue::Text(fold(s))
        }
    };
    let num = |v: Option<f64>| v.map_or(SortValue::Missing, SortValue::Number);
    match column {
        Column::Name => text(&m.name),
        Column::Organizations => text(&ds.organization_names(m)),
        Column::Country => text(ds.country(m)),
        Column::Date => SortValue::Day(m.date),
        Column::Domain => text(&m.domain),
        Column::Parameters => num(m.parameters.value),
        Column::TrainingCompute => num(m.training_compute.value),
        Column::TrainingTokens => num(m.training_tokens.value),
        Column::Access => text(&m.access),
        Column::Architecture => text(&m.architecture),
    }
}

fn compare_known(a: &SortValue, b: &SortValue) -> Ordering {
    match (a, b) {
        (SortValue::Text(x), SortValue::Text(y)) => x.cmp(y),
        (SortValue::Number(x), SortValue::Number(y)) => x.total_cmp(y),
        (SortValue::Day(x), SortValue::Day(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

/// Sorts row indices by `key`, stably; missing values go last in either direction.
pub fn sort_rows(ds: &Dataset, rows: &mut [usize], key: SortKey) {
    let mut keyed: Vec<(SortValue, usize)> = rows
        .iter()
        .map(|&i| {
            let v = ds
                .models
                .get(i)
                .map_or(SortValue::Missing, |m| sort_value(ds, m, key.column));
            (v, i)
        })
        .collect();
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (SortValue::Missing, SortValue::Missing) => Ordering::Equal,
        (SortValue::Missing, _) => Ordering::Greater,
        (_, SortValue::Missing) => Ordering::Less,
        _ if key.descending => compare_known(b, a),
        _ => compare_known(a, b),
    });
    for (slot, (_, i)) in rows.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// Lower-cases and removes accents from Latin letters, so that "Nüwa" matches "nuwa".
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect()
}

fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ť' | 'ţ' => 't',
        other => other,
    }
}

/// The text a search looks in: name, organizations, description, tasks (folded).
pub fn search_text(ds: &Dataset, m: &Model) -> String {
    fold(&format!(
        "{} {} {} {} {}",
        m.name,
        ds.organization_names(m),
        m.organizations.join(" "),
        m.description,
        m.tasks.join(" ")
    ))
}

/// What the table shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableQuery {
    /// Free-text search (every word must match).
    pub search: String,
    /// Sort order; `None` keeps file order.
    pub sort: Option<SortKey>,
}

/// The rows of `ds` that `q` selects, in `q`'s order.
pub fn run(ds: &Dataset, q: &TableQuery) -> Vec<usize> {
    let words: Vec<String> = fold(&q.search)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut rows: Vec<usize> = ds
        .models
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            if words.is_empty() {
                return true;
            }
            let hay = search_text(ds, m);
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .map(|(i, _)| i)
        .collect();
    if let Some(key) = q.sort {
        sort_rows(ds, &mut rows, key);
    }
    rows
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::data::fixture;
    use proptest::prelude::*;

    fn ids(ds: &Dataset, rows: &[usize]) -> Vec<String> {
        rows.iter().map(|&i| ds.models[i].id.clone()).collect()
    }

    #[test]
    fn sort_by_parameters_both_ways_keeps_unknown_last() {
        let ds = fixture::dataset();
        let mut q = TableQuery {
            sort: Some(SortKey {
                column: Column::Parameters,
                descending: true,
            }),
            ..TableQuery::default()
        };
        assert_eq!(
            ids(&ds, &run(&ds, &q)),
            ["m-big", "m-mid", "m-small", "m-vis", "m-unk"]
        );
        q.sort = Some(SortKey {
            column: Column::Parameters,
            descending: false,
        });
        assert_eq!(
            ids(&ds, &run(&ds, &q)),
            ["m-vis", "m-small", "m-mid", "m-big", "m-unk"]
        );
    }

    #[test]
    fn header_clicks_toggle_direction() {
        let first = SortKey::clicked(None, Column::Parameters);
        assert!(!first.descending);
        let second = SortKey::clicked(Some(first), Column::Parameters);
        assert!(second.descending);
        let other = SortKey::clicked(Some(second), Column::Name);
        assert_eq!((other.column, other.descending), (Column::Name, false));
    }

    #[test]
    fn search_is_case_and_accent_insensitive_and_needs_every_word() {
        let ds = fixture::dataset();
        let q = |s: &str| {
            ids(
                &ds,
                &run(
                    &ds,
                    &TableQuery {
                        search: s.into(),
                        sort: None,
                    },
                ),
            )
        };
        assert_eq!(q("NUWA"), ["m-vis"]);
        assert_eq!(q("nüwa"), ["m-vis"]);
        assert_eq!(q("beta corp"), ["m-big", "m-unk"]);
        assert_eq!(q("dialogue beta"), ["m-big"]);
        assert!(q("zzz").is_empty());
        assert_eq!(q("").len(), ds.models.len());
    }

    proptest! {
        #[test]
        fn sort_is_stable_and_puts_missing_last(
            values in proptest::collection::vec(proptest::option::of(0u8..4), 0..40),
            descending in any::<bool>(),
        ) {
            // A dataset whose models differ only in parameters (many ties, many unknowns).
            let base = fixture::dataset().models[0].clone();
            let models: Vec<_> = values.iter().enumerate().map(|(i, v)| {
                let mut m = base.clone();
                m.id = format!("m{i}");
                m.parameters.value = v.map(f64::from);
                m
            }).collect();
            let ds = Dataset::from_parts(models, vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
            let mut rows: Vec<usize> = (0..values.len()).collect();
            sort_rows(&ds, &mut rows, SortKey { column: Column::Parameters, descending });
            let known = values.iter().filter(|v| v.is_some()).count();
            for (pos, &i) in rows.iter().enumerate() {
                prop_assert_eq!(values[i].is_some(), pos < known);
            }
            for w in rows.windows(2) {
                let (a, b) = (values[w[0]], values[w[1]]);
                if let (Some(a), Some(b)) = (a, b) {
                    let ordered = if descending { a >= b } else { a <= b };
                    prop_assert!(ordered);
                }
                if a == b {
                    prop_assert!(w[0] < w[1], "ties keep file order");
                }
            }
        }
    }
}
