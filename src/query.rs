//! Table queries: columns, search, sort → row indices into [`Dataset::models`].
//!
//! Pure functions over an immutable dataset; views hold only the resulting indices.

use crate::data::{Num, Text};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use crate::data::{Dataset, Model, Organization};
use crate::fast_hash::FastMap;

pub use crate::data::schema::Column;

pub mod compare;
mod incoming;
mod order;
pub mod orgs;
mod search;
mod stats;
pub mod story;
pub use incoming::{Incoming, Received};
pub use order::{sort_rows, warm_sorts};
pub use stats::{benchmark_rank, counts_by_year, leader, main_setting, region, similar_models};

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

    /// In words, for the table's status line: "sorted by date, newest first".
    pub fn describe(self) -> String {
        let order = match (self.column, self.descending) {
            (Column::Date, true) => "newest first",
            (Column::Date, false) => "oldest first",
            (c, true) if c.is_numeric() => "largest first",
            (c, false) if c.is_numeric() => "smallest first",
            (_, true) => "Z to A",
            (_, false) => "A to Z",
        };
        format!("sorted by {}, {order}", self.column.label().to_lowercase())
    }

    /// The next key when the user clicks `column`'s header: a new column starts ascending;
    /// the same column flips direction.
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
    match column {
        Column::Name => text(&m.name),
        Column::Organizations => text(&ds.organization_names(m)),
        Column::OrgType => text(ds.org_type(m)),
        Column::Country => text(ds.country(m)),
        Column::Date => m
            .decimal_year()
            .map_or(SortValue::Missing, SortValue::Number),
        Column::Tasks => {
            // By number of tasks (capabilities); `usize` counts are small.
            SortValue::Number(m.tasks.len() as f64)
        }
        Column::Num(n) => m.value(n).map_or(SortValue::Missing, SortValue::Number),
        Column::Text(t) => text(m.text(t)),
    }
}

/// Lower-cases and removes accents from Latin letters, so that "Nüwa" matches "nuwa".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
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

/// A row's whole text as a search sees it (folded): its name, each organization's name and id,
/// its description and tasks, joined by spaces. The index keeps it in pieces
/// (`query/search.rs`); a search word is in this text exactly when it is in one of them.
pub fn search_text(ds: &Dataset, m: &Model) -> String {
    let mut parts: Vec<&str> = vec![&m.name];
    for id in &m.organizations {
        if let Some(o) = ds.organization(id) {
            parts.push(&o.name);
        }
        parts.push(id);
    }
    parts.push(m.text(Text::Description));
    parts.extend(m.tasks.iter().map(String::as_str));
    fold(&parts.join(" "))
}

/// A multi-select filter over one attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// Model domain.
    Domain,
    /// Type of the lead organization.
    OrgType,
    /// Country of the lead organization.
    Country,
    /// Any of the model's organizations (by id).
    Org,
    /// Access.
    Access,
    /// Architecture.
    Arch,
    /// Any of the model's tasks.
    Task,
}

impl Facet {
    /// Every facet, in display order.
    pub const ALL: [Facet; 7] = [
        Facet::Domain,
        Facet::OrgType,
        Facet::Country,
        Facet::Org,
        Facet::Access,
        Facet::Arch,
        Facet::Task,
    ];

    /// The facets whose values are the lead organization's (its type and country), not the
    /// model's own: an import knows them only once the whole file is read (they are the ones
    /// most of an organization's rows gave).
    pub const OF_ORGANIZATION: [Facet; 2] = [Facet::OrgType, Facet::Country];

    /// The URL parameter (`domain=language,vision`).
    pub fn id(self) -> &'static str {
        match self {
            Facet::Domain => "domain",
            Facet::OrgType => "orgtype",
            Facet::Country => "country",
            Facet::Org => "org",
            Facet::Access => "access",
            Facet::Arch => "arch",
            Facet::Task => "task",
        }
    }

    /// The label in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Facet::Domain => "Domain",
            Facet::OrgType => "Organization type",
            Facet::Country => "Country",
            Facet::Org => "Organization",
            Facet::Access => "Access",
            Facet::Arch => "Architecture",
            Facet::Task => "Task",
        }
    }

    /// The facet with this URL parameter.
    pub fn from_id(id: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The model's values for this facet (organization ids for [`Facet::Org`]).
    pub fn values<'a>(self, ds: &'a Dataset, m: &'a Model) -> Vec<&'a str> {
        self.iter_values(ds, m).collect()
    }

    /// The values of `m` for this facet, without collecting them.
    /// The value of a facet read from the lead organization ([`Facet::OF_ORGANIZATION`]) for
    /// a model led by `o`; `None` for the other facets.
    fn of_organization(self, o: &Organization) -> Option<&str> {
        match self {
            Facet::OrgType => Some(&o.kind),
            Facet::Country => Some(&o.country),
            _ => None,
        }
    }

    fn iter_values<'a>(self, ds: &'a Dataset, m: &'a Model) -> FacetValues<'a> {
        let one = |s: &'a str| FacetValues::One((!s.is_empty()).then_some(s));
        match self {
            Facet::Domain => one(m.text(Text::Domain)),
            Facet::OrgType => one(ds.org_type(m)),
            Facet::Country => one(ds.country(m)),
            Facet::Org => FacetValues::Many(m.organizations.iter()),
            Facet::Access => one(m.text(Text::Access)),
            Facet::Arch => one(m.text(Text::Architecture)),
            Facet::Task => FacetValues::Many(m.tasks.iter()),
        }
    }
}

/// A model's values for one facet: at most one, or a list.
enum FacetValues<'a> {
    One(Option<&'a str>),
    Many(std::slice::Iter<'a, String>),
}

impl<'a> Iterator for FacetValues<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            FacetValues::One(v) => v.take(),
            FacetValues::Many(it) => it.next().map(String::as_str),
        }
    }
}

/// An inclusive numeric range; either end may be open.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Range {
    /// Lower bound.
    pub min: Option<f64>,
    /// Upper bound.
    pub max: Option<f64>,
}

impl Range {
    /// Whether no bound is set.
    pub fn is_open(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }

    /// Whether `v` passes: an unknown value passes only an open range.
    pub fn admits(&self, v: Option<f64>) -> bool {
        if self.is_open() {
            return true;
        }
        let Some(v) = v else {
            return false;
        };
        self.min.is_none_or(|lo| v >= lo) && self.max.is_none_or(|hi| v <= hi)
    }
}

/// What the table (and every chart) shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableQuery {
    /// Free-text search (every word must match).
    pub search: String,
    /// Selected values per facet (OR within a facet, AND across facets).
    pub facets: BTreeMap<Facet, BTreeSet<String>>,
    /// Publication years (inclusive).
    pub years: Range,
    /// Parameters.
    pub parameters: Range,
    /// Training compute, FLOP.
    pub compute: Range,
    /// Sort order; `None` is [`DEFAULT_SORT`] (not written to the URL).
    pub sort: Option<SortKey>,
}

/// The table opens on the newest models: by publication date, newest first.
pub const DEFAULT_SORT: SortKey = SortKey {
    column: Column::Date,
    descending: true,
};

impl TableQuery {
    /// The sort in effect: the chosen one, else [`DEFAULT_SORT`].
    pub fn effective_sort(&self) -> SortKey {
        self.sort.unwrap_or(DEFAULT_SORT)
    }

    /// Sets the sort; the default is stored as `None`, so it stays out of the URL.
    pub fn set_sort(&mut self, key: SortKey) {
        self.sort = (key != DEFAULT_SORT).then_some(key);
    }

    /// Whether any filter (search, facet or range) is set; sort does not count.
    pub fn is_filtered(&self) -> bool {
        !self.search.trim().is_empty()
            || self.facets.values().any(|v| !v.is_empty())
            || !self.years.is_open()
            || !self.parameters.is_open()
            || !self.compute.is_open()
    }

    /// The same query with every filter removed (sort kept).
    pub fn cleared(&self) -> TableQuery {
        TableQuery {
            sort: self.sort,
            ..TableQuery::default()
        }
    }

    /// Adds or removes `value` from `facet`'s selection.
    pub fn toggle(&mut self, facet: Facet, value: &str) {
        let set = self.facets.entry(facet).or_default();
        if !set.remove(value) {
            set.insert(value.to_owned());
        }
        if set.is_empty() {
            self.facets.remove(&facet);
        }
    }

    /// Whether `value` is selected in `facet`.
    pub fn is_selected(&self, facet: Facet, value: &str) -> bool {
        self.facets.get(&facet).is_some_and(|s| s.contains(value))
    }
}

/// Appends the folded (lower-cased, accent-free) form of `s` to `out`.
fn fold_into(out: &mut String, s: &str) {
    if s.is_ascii() {
        // The common case, byte-wise.
        let start = out.len();
        out.push_str(s);
        if let Some(added) = out.get_mut(start..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                out.push(fold_char(l));
            }
        }
    }
}

/// One facet's values per row, as a compressed sparse row table.
#[derive(Debug, Default)]
struct FacetColumn {
    /// Value id → name.
    names: Vec<String>,
    /// Name → value id.
    ids: FastMap<String, u32>,
    /// Row `i`'s values are `values[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    values: Vec<u32>,
}

impl FacetColumn {
    /// The id of value `v`, given one when new.
    fn intern(&mut self, v: &str) -> u32 {
        match self.ids.get(v) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                self.names.push(v.to_owned());
                self.ids.insert(v.to_owned(), id);
                id
            }
        }
    }

    fn push_row<'a>(&mut self, row_values: impl IntoIterator<Item = &'a str>) {
        let first = self.values.len();
        for v in row_values {
            let id = self.intern(v);
            // Rows have few values: a linear duplicate check is cheapest.
            if !self.values.get(first..).is_some_and(|vs| vs.contains(&id)) {
                self.values.push(id);
            }
        }
        self.starts
            .push(u32::try_from(self.values.len()).unwrap_or(u32::MAX));
    }

    fn row(&self, i: usize) -> &[u32] {
        let (Some(&a), Some(&b)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return &[];
        };
        self.values.get(a as usize..b as usize).unwrap_or(&[])
    }
}

/// A cached order of every row.
type Order = Rc<Vec<u32>>;

/// Per-dataset lookup tables, built once, that make queries fast at 100 000+ rows: the folded
/// search text of every row in one buffer, facet values as integer ids, numeric columns, and
/// lazily cached sort orders.
#[derive(Debug)]
pub struct Index {
    /// The folded text a search looks in.
    search: search::SearchText,
    facets: Vec<FacetColumn>,
    /// Publication years, NaN when unknown.
    years: Vec<f64>,
    /// Publication dates as decimal years (the date sort's key), NaN when unknown.
    dates: Vec<f64>,
    parameters: Vec<f64>,
    compute: Vec<f64>,
    orders: RefCell<HashMap<(Column, bool), Order>>,
}

/// Builds an [`Index`] a slice of models at a time, so that a big import is indexed chunk by
/// chunk as it arrives (each chunk in its own short task) rather than in one long task at the
/// end. The result is the same as [`Index::new`] on the whole dataset (native test).
#[derive(Debug)]
pub struct IndexBuilder {
    index: Index,
    /// Each row's lead organization: its place in the dataset's organizations (`u32::MAX`
    /// for none), so the facets read from it are indexed anew without a lookup per row.
    lead: Vec<u32>,
}

impl IndexBuilder {
    /// An empty builder with room for `n` models.
    pub fn with_capacity(n: usize) -> Self {
        let facets = Facet::ALL
            .iter()
            .map(|_| {
                let mut starts = Vec::with_capacity(n.saturating_add(1));
                starts.push(0);
                FacetColumn {
                    starts,
                    ..FacetColumn::default()
                }
            })
            .collect();
        Self {
            index: Index {
                search: search::SearchText::with_capacity(n),
                facets,
                years: Vec::with_capacity(n),
                dates: Vec::with_capacity(n),
                parameters: Vec::with_capacity(n),
                compute: Vec::with_capacity(n),
                orders: RefCell::new(HashMap::new()),
            },
            lead: Vec::with_capacity(n),
        }
    }

    /// Indexes `models`, the next rows of the dataset; `ds` gives their organizations (its
    /// own models are not read).
    pub fn add(&mut self, ds: &Dataset, models: &[Model]) {
        let ix = &mut self.index;
        for m in models {
            let lead = m
                .organizations
                .first()
                .and_then(|id| ds.organization_place(id));
            self.lead
                .push(lead.and_then(|i| u32::try_from(i).ok()).unwrap_or(u32::MAX));
            ix.search.push(ds, m);
            for (f, col) in Facet::ALL.iter().zip(ix.facets.iter_mut()) {
                col.push_row(f.iter_values(ds, m));
            }
            ix.years.push(m.year().map_or(f64::NAN, f64::from));
            ix.dates.push(m.decimal_year().unwrap_or(f64::NAN));
            ix.parameters
                .push(m.num(Num::Parameters).value.unwrap_or(f64::NAN));
            ix.compute
                .push(m.num(Num::TrainingCompute).value.unwrap_or(f64::NAN));
        }
    }

    /// Indexes anew, for the rows added so far, the facets read from their lead organization
    /// ([`Facet::OF_ORGANIZATION`]), from `ds`'s organizations: an import's, once they have
    /// their final country and type. `ds`'s organizations must be in the places they had when
    /// the rows were added (more may follow). One pass over the rows, no lookup per row.
    pub fn organizations_changed(&mut self, ds: &Dataset) {
        for (f, col) in Facet::ALL.iter().zip(self.index.facets.iter_mut()) {
            if !Facet::OF_ORGANIZATION.contains(f) {
                continue;
            }
            let mut fresh = FacetColumn::default();
            fresh.starts.reserve(self.lead.len().saturating_add(1));
            fresh.starts.push(0);
            // Each organization's value id, once met.
            let mut ids: Vec<Option<u32>> = vec![None; ds.organizations.len()];
            for &lead in &self.lead {
                let i = lead as usize;
                let value = ds
                    .organizations
                    .get(i)
                    .and_then(|o| f.of_organization(o))
                    .filter(|v| !v.is_empty());
                if let Some(v) = value {
                    let id = match ids.get(i).copied().flatten() {
                        Some(id) => id,
                        None => {
                            let id = fresh.intern(v);
                            if let Some(slot) = ids.get_mut(i) {
                                *slot = Some(id);
                            }
                            id
                        }
                    };
                    fresh.values.push(id);
                }
                fresh
                    .starts
                    .push(u32::try_from(fresh.values.len()).unwrap_or(u32::MAX));
            }
            *col = fresh;
        }
    }

    /// Makes room for `rows` rows in all, the search text by the length per row of those added
    /// so far: so that a big import's index is not copied to larger buffers (tens of
    /// megabytes, one long pause) as it grows. Called after the first rows, on a builder made
    /// with little room (a larger first guess would be copied once more here). Room the memory
    /// cannot give (a guess from odd first rows) is not an error: the buffers then grow as
    /// they fill.
    pub fn reserve_rows(&mut self, rows: usize) {
        let ix = &mut self.index;
        let added = ix.years.len();
        if added == 0 {
            return;
        }
        let more = rows.saturating_sub(added);
        ix.search.reserve(more);
        for v in [
            &mut ix.years,
            &mut ix.dates,
            &mut ix.parameters,
            &mut ix.compute,
        ] {
            let _ = v.try_reserve(more);
        }
        for col in &mut ix.facets {
            let _ = col.starts.try_reserve(more);
        }
        let _ = self.lead.try_reserve(more);
    }

    /// The index of the rows added, in order.
    pub fn finish(self) -> Index {
        self.index
    }
}

impl Index {
    /// Builds the index of `ds`.
    pub fn new(ds: &Dataset) -> Index {
        let mut b = IndexBuilder::with_capacity(ds.models.len());
        b.add(ds, &ds.models);
        b.finish()
    }
}

/// A facet value and how many rows would match if it were selected with the other filters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCount {
    /// The value (an organization id for [`Facet::Org`]).
    pub value: String,
    /// Matching rows.
    pub count: usize,
    /// Whether it is selected.
    pub selected: bool,
}

/// Per facet (in [`Facet::ALL`] order): values by count, descending.
pub type FacetCounts = Vec<(Facet, Vec<FacetCount>)>;

/// The result of a query: the rows, and live counts for every facet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryResult {
    /// Matching rows in order (shared, so views pass it on without copying).
    pub rows: Rc<Vec<usize>>,
    /// Live facet counts (shared: a new sort keeps them).
    pub counts: Rc<FacetCounts>,
}

/// What a query's filters leave (everything but the sort): which rows pass, and the live
/// facet counts. A new sort reuses it ([`sorted`]).
#[derive(Clone, Debug, Default)]
pub struct Filtered {
    /// `pass[i]`: row i passes every filter.
    pass: Vec<bool>,
    /// Live facet counts.
    counts: Rc<FacetCounts>,
}

/// Runs `q` over `ds`: the matching rows in order plus live facet counts. A facet's counts
/// apply every filter except that facet's own selection (so its other values stay visible).
pub fn run(ds: &Dataset, index: &Index, q: &TableQuery) -> QueryResult {
    sorted(ds, index, &filter(ds, index, q), q.sort)
}

/// The filter part of `q` (its sort is ignored): the rows that pass and the facet counts.
pub fn filter(ds: &Dataset, index: &Index, q: &TableQuery) -> Filtered {
    let n = ds.models.len();
    // 1. Search and ranges: `base[i]` is whether row i passes them.
    let mut base = vec![true; n];
    for word in fold(&q.search).split_whitespace() {
        let mut hits = vec![false; n];
        index.search.mark_word(word, &mut hits);
        for (b, h) in base.iter_mut().zip(hits) {
            *b &= h;
        }
    }
    // The index keeps unknown values as NaN.
    let in_range = |r: &Range, v: f64| r.admits((!v.is_nan()).then_some(v));
    if !q.years.is_open() || !q.parameters.is_open() || !q.compute.is_open() {
        for (i, b) in base.iter_mut().enumerate() {
            if *b {
                let year = index.years.get(i).copied().unwrap_or(f64::NAN);
                let params = index.parameters.get(i).copied().unwrap_or(f64::NAN);
                let compute = index.compute.get(i).copied().unwrap_or(f64::NAN);
                *b = in_range(&q.years, year)
                    && in_range(&q.parameters, params)
                    && in_range(&q.compute, compute);
            }
        }
    }
    // 2. Facets: per facet, a table of selected value ids (None = no selection); `failed[i]`
    // has bit f set when row i fails facet f.
    let mut failed = vec![0u8; n];
    for ((f, col), bit) in Facet::ALL.iter().zip(&index.facets).zip(0u8..) {
        let Some(chosen) = q.facets.get(f).filter(|s| !s.is_empty()) else {
            continue;
        };
        let mut table = vec![false; col.names.len()];
        for v in chosen {
            if let Some(t) = col.ids.get(v).and_then(|&id| table.get_mut(id as usize)) {
                *t = true;
            }
        }
        for (i, fl) in failed.iter_mut().enumerate() {
            let ok = col
                .row(i)
                .iter()
                .any(|&v| table.get(v as usize).copied().unwrap_or(false));
            if !ok {
                *fl |= 1 << bit;
            }
        }
    }
    // 3. Counts: facet f counts the rows that pass everything but f itself. Only rows that
    // pass the search and ranges and fail at most one facet can count anywhere: when they are
    // few (a search that keeps 2 % of the rows) only they are counted, not every row once per
    // facet.
    let every_base = base.iter().all(|&b| b);
    let all_count = every_base && failed.iter().all(|&fl| fl == 0);
    let may_count = |(&b, &fl): (&bool, &u8)| b && fl.count_ones() <= 1;
    let sparse = !all_count && base.iter().zip(&failed).filter(|r| may_count(*r)).count() < n / 4;
    let candidates: Vec<u32> = if sparse {
        base.iter()
            .zip(&failed)
            .zip(0u32..)
            .filter(|(r, _)| may_count(*r))
            .map(|(_, i)| i)
            .collect()
    } else {
        Vec::new()
    };
    let mut counts = Vec::with_capacity(Facet::ALL.len());
    for ((&f, col), bit) in Facet::ALL.iter().zip(&index.facets).zip(0u8..) {
        let mut tally = vec![0usize; col.names.len()];
        let others = !(1u8 << bit);
        if all_count || (every_base && failed.iter().all(|&fl| fl & others == 0)) {
            // Every row counts (no filter but perhaps this facet's): one pass over the values.
            for &v in &col.values {
                if let Some(t) = tally.get_mut(v as usize) {
                    *t += 1;
                }
            }
        } else if sparse {
            for &i in &candidates {
                if failed.get(i as usize).is_some_and(|&fl| fl & others == 0) {
                    for &v in col.row(i as usize) {
                        if let Some(t) = tally.get_mut(v as usize) {
                            *t += 1;
                        }
                    }
                }
            }
        } else {
            // Most rows count: one pass in row order is faster than a lookup per row.
            let counted = |(&b, &fl): (&bool, &u8)| b && fl & others == 0;
            for (w, row) in col.starts.windows(2).zip(base.iter().zip(&failed)) {
                let (&[a, b], true) = (w, counted(row)) else {
                    continue;
                };
                for &v in col.values.get(a as usize..b as usize).unwrap_or(&[]) {
                    if let Some(t) = tally.get_mut(v as usize) {
                        *t += 1;
                    }
                }
            }
        }
        let mut list: Vec<FacetCount> = tally
            .into_iter()
            .zip(&col.names)
            .filter_map(|(count, value)| {
                let selected = q.is_selected(f, value);
                (count > 0 || selected).then(|| FacetCount {
                    value: value.clone(),
                    count,
                    selected,
                })
            })
            .collect();
        // Selected values the data lacks still show (with 0) so they can be removed.
        if let Some(chosen) = q.facets.get(&f) {
            for v in chosen.iter().filter(|v| !col.ids.contains_key(*v)) {
                list.push(FacetCount {
                    value: v.clone(),
                    count: 0,
                    selected: true,
                });
            }
        }
        crate::sort::sort_by(&mut list, |a, b| {
            b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value))
        });
        counts.push((f, list));
    }
    let pass = base
        .iter()
        .zip(&failed)
        .map(|(&b, &fl)| b && fl == 0)
        .collect();
    Filtered {
        pass,
        counts: Rc::new(counts),
    }
}

/// The rows `filtered` keeps, in `sort`'s cached order (or file order), with its counts.
pub fn sorted(
    ds: &Dataset,
    index: &Index,
    filtered: &Filtered,
    sort: Option<SortKey>,
) -> QueryResult {
    let keep = |i: usize| filtered.pass.get(i) == Some(&true);
    let rows: Vec<usize> = match sort {
        Some(key) => index
            .order(ds, key)
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| keep(i))
            .collect(),
        None => (0..filtered.pass.len()).filter(|&i| keep(i)).collect(),
    };
    QueryResult {
        rows: Rc::new(rows),
        counts: Rc::clone(&filtered.counts),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
