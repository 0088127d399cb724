//! Table queries: columns, search, sort → row indices into [`Dataset::models`].
//!
//! Pure functions over an immutable dataset; views hold only the resulting indices.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use crate::data::{Dataset, Model};

/// A table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// Parameters active per token (mixture-of-experts).
    ActiveParameters,
    /// Training compute.
    TrainingCompute,
    /// Training tokens.
    TrainingTokens,
    /// Training dataset.
    TrainingDataset,
    /// Access.
    Access,
    /// Architecture.
    Architecture,
    /// Tasks (sorts by how many).
    Tasks,
    /// Training hardware.
    Hardware,
    /// Number of training chips.
    HardwareCount,
    /// Training days.
    TrainingDays,
    /// Licence.
    License,
    /// Type of the lead organization.
    OrgType,
}

impl Column {
    /// Every column, in display order.
    pub const ALL: [Column; 18] = [
        Column::Name,
        Column::Organizations,
        Column::OrgType,
        Column::Country,
        Column::Date,
        Column::Domain,
        Column::Tasks,
        Column::Architecture,
        Column::Parameters,
        Column::ActiveParameters,
        Column::TrainingTokens,
        Column::TrainingDataset,
        Column::TrainingCompute,
        Column::Hardware,
        Column::HardwareCount,
        Column::TrainingDays,
        Column::Access,
        Column::License,
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

    /// The id used in URLs (`sort=-parameters`, `cols=name,parameters`).
    pub fn id(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Organizations => "org",
            Column::OrgType => "orgtype",
            Column::Country => "country",
            Column::Date => "date",
            Column::Domain => "domain",
            Column::Tasks => "tasks",
            Column::Architecture => "arch",
            Column::Parameters => "parameters",
            Column::ActiveParameters => "active",
            Column::TrainingTokens => "tokens",
            Column::TrainingDataset => "dataset",
            Column::TrainingCompute => "compute",
            Column::Hardware => "hardware",
            Column::HardwareCount => "chips",
            Column::TrainingDays => "days",
            Column::Access => "access",
            Column::License => "license",
        }
    }

    /// The header text.
    pub fn label(self) -> &'static str {
        match self {
            Column::Name => "Model",
            Column::Organizations => "Organization",
            Column::OrgType => "Org. type",
            Column::Country => "Country",
            Column::Date => "Date",
            Column::Domain => "Domain",
            Column::Tasks => "Tasks",
            Column::Architecture => "Architecture",
            Column::Parameters => "Parameters",
            Column::ActiveParameters => "Active params",
            Column::TrainingTokens => "Training tokens",
            Column::TrainingDataset => "Training data",
            Column::TrainingCompute => "Training compute",
            Column::Hardware => "Hardware",
            Column::HardwareCount => "Chips",
            Column::TrainingDays => "Training days",
            Column::Access => "Access",
            Column::License => "Licence",
        }
    }

    /// The column with this URL id.
    pub fn from_id(id: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.id() == id)
    }

    /// Whether the column holds numbers (right-aligned).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Column::Parameters
                | Column::ActiveParameters
                | Column::TrainingCompute
                | Column::TrainingTokens
                | Column::Date
                | Column::HardwareCount
                | Column::TrainingDays
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
    let num = |v: Option<f64>| v.map_or(SortValue::Missing, SortValue::Number);
    match column {
        Column::Name => text(&m.name),
        Column::Organizations => text(&ds.organization_names(m)),
        Column::OrgType => text(ds.org_type(m)),
        Column::Country => text(ds.country(m)),
        Column::Date => SortValue::Number(m.date.decimal_year()),
        Column::Domain => text(&m.domain),
        Column::Tasks => {
            // By number of tasks (capabilities); `usize` counts are small.
            SortValue::Number(m.tasks.len() as f64)
        }
        Column::Architecture => text(&m.architecture),
        Column::Parameters => num(m.parameters.value),
        Column::ActiveParameters => num(m.active_parameters),
        Column::TrainingTokens => num(m.training_tokens.value),
        Column::TrainingDataset => text(&m.training_dataset),
        Column::TrainingCompute => num(m.training_compute.value),
        Column::Hardware => text(&m.hardware),
        Column::HardwareCount => num(m.hardware_count),
        Column::TrainingDays => num(m.training_days),
        Column::Access => text(&m.access),
        Column::License => text(&m.license),
    }
}

fn compare_known(a: &SortValue, b: &SortValue) -> Ordering {
    match (a, b) {
        (SortValue::Text(x), SortValue::Text(y)) => x.cmp(y),
        (SortValue::Number(x), SortValue::Number(y)) => x.total_cmp(y),
        _ => Ordering::Equal,
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

    fn slot(self) -> usize {
        match self {
            Facet::Domain => 0,
            Facet::OrgType => 1,
            Facet::Country => 2,
            Facet::Org => 3,
            Facet::Access => 4,
            Facet::Arch => 5,
            Facet::Task => 6,
        }
    }

    /// The model's values for this facet (organization ids for [`Facet::Org`]).
    pub fn values<'a>(self, ds: &'a Dataset, m: &'a Model) -> Vec<&'a str> {
        let one = |s: &'a str| if s.is_empty() { vec![] } else { vec![s] };
        match self {
            Facet::Domain => one(&m.domain),
            Facet::OrgType => one(ds.org_type(m)),
            Facet::Country => one(ds.country(m)),
            Facet::Org => m.organizations.iter().map(String::as_str).collect(),
            Facet::Access => one(&m.access),
            Facet::Arch => one(&m.architecture),
            Facet::Task => m.tasks.iter().map(String::as_str).collect(),
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
    /// Sort order; `None` keeps file order.
    pub sort: Option<SortKey>,
}

impl TableQuery {
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

/// Per-dataset lookup tables, built once, that make queries fast at 100 000+ rows.
#[derive(Debug)]
pub struct Index {
    search: Vec<String>,
    /// Per facet: value names (id → name) and per row the value ids.
    facet_names: Vec<Vec<String>>,
    facet_ids: Vec<HashMap<String, u32>>,
    facet_rows: Vec<Vec<Vec<u32>>>,
    ranks: RefCell<HashMap<Column, Rc<Vec<u32>>>>,
}

const MISSING_RANK: u32 = u32::MAX;

impl Index {
    /// Builds the index of `ds`.
    pub fn new(ds: &Dataset) -> Index {
        let mut facet_names: Vec<Vec<String>> = vec![Vec::new(); Facet::ALL.len()];
        let mut facet_ids: Vec<HashMap<String, u32>> = vec![HashMap::new(); Facet::ALL.len()];
        let mut facet_rows: Vec<Vec<Vec<u32>>> =
            vec![Vec::with_capacity(ds.models.len()); Facet::ALL.len()];
        let mut search = Vec::with_capacity(ds.models.len());
        for m in &ds.models {
            search.push(search_text(ds, m));
            for f in Facet::ALL {
                let slot = f.slot();
                let (Some(names), Some(ids), Some(rows)) = (
                    facet_names.get_mut(slot),
                    facet_ids.get_mut(slot),
                    facet_rows.get_mut(slot),
                ) else {
                    continue;
                };
                let mut row_ids: Vec<u32> = f
                    .values(ds, m)
                    .into_iter()
                    .map(|v| {
                        *ids.entry(v.to_owned()).or_insert_with(|| {
                            names.push(v.to_owned());
                            u32::try_from(names.len() - 1).unwrap_or(u32::MAX)
                        })
                    })
                    .collect();
                row_ids.sort_unstable();
                row_ids.dedup();
                rows.push(row_ids);
            }
        }
        Index {
            search,
            facet_names,
            facet_ids,
            facet_rows,
            ranks: RefCell::new(HashMap::new()),
        }
    }

    /// Each row's rank in `column`'s ascending order (ties share a rank; missing = max).
    fn ranks(&self, ds: &Dataset, column: Column) -> Rc<Vec<u32>> {
        if let Some(r) = self.ranks.borrow().get(&column) {
            return Rc::clone(r);
        }
        let values: Vec<SortValue> = ds
            .models
            .iter()
            .map(|m| sort_value(ds, m, column))
            .collect();
        let mut order: Vec<usize> = (0..values.len())
            .filter(|&i| values.get(i).is_some_and(|v| *v != SortValue::Missing))
            .collect();
        order.sort_by(|&a, &b| match (values.get(a), values.get(b)) {
            (Some(x), Some(y)) => compare_known(x, y),
            _ => Ordering::Equal,
        });
        let mut ranks = vec![MISSING_RANK; values.len()];
        let mut rank = 0u32;
        let mut prev: Option<&SortValue> = None;
        for &i in &order {
            let v = values.get(i);
            if prev.is_some() && prev != v {
                rank += 1;
            }
            if let Some(slot) = ranks.get_mut(i) {
                *slot = rank;
            }
            prev = v;
        }
        let ranks = Rc::new(ranks);
        self.ranks.borrow_mut().insert(column, Rc::clone(&ranks));
        ranks
    }
}

/// Sorts row indices by `key`, stably; missing values go last in either direction.
pub fn sort_rows(ds: &Dataset, index: &Index, rows: &mut [usize], key: SortKey) {
    let ranks = index.ranks(ds, key.column);
    rows.sort_by_key(|&i| {
        let r = ranks.get(i).copied().unwrap_or(MISSING_RANK);
        match (r, key.descending) {
            (MISSING_RANK, _) => (1u8, 0u32),
            (r, true) => (0, MISSING_RANK - r),
            (r, false) => (0, r),
        }
    });
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

/// The result of a query: the rows, and live counts for every facet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryResult {
    /// Matching rows in order.
    pub rows: Vec<usize>,
    /// Per facet (in [`Facet::ALL`] order): values by count, descending.
    pub counts: Vec<(Facet, Vec<FacetCount>)>,
}

/// Runs `q` over `ds`: the matching rows in order plus live facet counts. A facet's counts
/// apply every filter except that facet's own selection (so its other values stay visible).
pub fn run(ds: &Dataset, index: &Index, q: &TableQuery) -> QueryResult {
    let words: Vec<String> = fold(&q.search)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    // Selected value ids per facet slot (None = no selection). A selected value the data does
    // not have matches nothing.
    let selections: Vec<Option<Vec<u32>>> = Facet::ALL
        .iter()
        .map(|f| {
            let chosen = q.facets.get(f).filter(|s| !s.is_empty())?;
            let ids = index.facet_ids.get(f.slot())?;
            Some(chosen.iter().filter_map(|v| ids.get(v).copied()).collect())
        })
        .collect();
    let n_facets = Facet::ALL.len();
    let mut tallies: Vec<Vec<usize>> = index
        .facet_names
        .iter()
        .map(|names| vec![0; names.len()])
        .collect();
    let mut rows = Vec::new();
    for (i, m) in ds.models.iter().enumerate() {
        let base_ok = (words.is_empty()
            || index
                .search
                .get(i)
                .is_some_and(|hay| words.iter().all(|w| hay.contains(w.as_str()))))
            && q.years.admits(Some(f64::from(m.date.year())))
            && q.parameters.admits(m.parameters.value)
            && q.compute.admits(m.training_compute.value);
        if !base_ok {
            continue;
        }
        // Which facets this row fails.
        let mut failed: u32 = 0;
        for (slot, sel) in selections.iter().enumerate() {
            if let Some(sel) = sel {
                let has = index
                    .facet_rows
                    .get(slot)
                    .and_then(|r| r.get(i))
                    .is_some_and(|vals| vals.iter().any(|v| sel.contains(v)));
                if !has {
                    failed |= 1 << slot;
                }
            }
        }
        if failed == 0 {
            rows.push(i);
        }
        for slot in 0..n_facets {
            if failed & !(1 << slot) != 0 {
                continue;
            }
            if let (Some(vals), Some(tally)) = (
                index.facet_rows.get(slot).and_then(|r| r.get(i)),
                tallies.get_mut(slot),
            ) {
                for &v in vals {
                    if let Some(t) = tally.get_mut(v as usize) {
                        *t += 1;
                    }
                }
            }
        }
    }
    if let Some(key) = q.sort {
        sort_rows(ds, index, &mut rows, key);
    }
    let counts = Facet::ALL
        .iter()
        .zip(tallies)
        .map(|(&f, tally)| {
            let names = index.facet_names.get(f.slot());
            let mut list: Vec<FacetCount> = tally
                .into_iter()
                .enumerate()
                .filter_map(|(id, count)| {
                    let value = names?.get(id)?.clone();
                    let selected = q.is_selected(f, &value);
                    (count > 0 || selected).then_some(FacetCount {
                        value,
                        count,
                        selected,
                    })
                })
                .collect();
            // Selected values the data lacks still show (with 0) so they can be removed.
            if let Some(chosen) = q.facets.get(&f) {
                for v in chosen {
                    if !list.iter().any(|c| &c.value == v) {
                        list.push(FacetCount {
                            value: v.clone(),
                            count: 0,
                            selected: true,
                        });
                    }
                }
            }
            list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            (f, list)
        })
        .collect();
    QueryResult { rows, counts }
}

/// The rank (1 = best) of `model_id` among the models with a result on `benchmark` in
/// `setting`, using each model's best score there; and how many models are ranked.
pub fn benchmark_rank(
    ds: &Dataset,
    model_id: &str,
    benchmark: &str,
    setting: &str,
) -> Option<(usize, usize)> {
    let higher = ds
        .benchmark_info
        .iter()
        .find(|b| b.id == benchmark)
        .is_none_or(|b| b.higher_is_better);
    let mut best: HashMap<&str, f64> = HashMap::new();
    for r in ds
        .benchmarks
        .iter()
        .filter(|r| r.benchmark == benchmark && r.setting == setting)
    {
        let e = best.entry(r.model_id.as_str()).or_insert(r.value);
        if (higher && r.value > *e) || (!higher && r.value < *e) {
            *e = r.value;
        }
    }
    let mine = *best.get(model_id)?;
    let better = best
        .values()
        .filter(|&&v| if higher { v > mine } else { v < mine })
        .count();
    Some((better + 1, best.len()))
}

/// Up to `n` models most like `ds.models[row]`: same domain, closest in log-size and date.
pub fn similar_models(ds: &Dataset, row: usize, n: usize) -> Vec<usize> {
    let Some(me) = ds.models.get(row) else {
        return Vec::new();
    };
    let my_size = me.parameters.value.filter(|v| *v > 0.0).map(f64::log10);
    let my_year = me.date.decimal_year();
    let mut scored: Vec<(f64, usize)> = ds
        .models
        .iter()
        .enumerate()
        .filter(|(i, m)| *i != row && m.domain == me.domain)
        .map(|(i, m)| {
            let size = m.parameters.value.filter(|v| *v > 0.0).map(f64::log10);
            let size_gap = match (my_size, size) {
                (Some(a), Some(b)) => (a - b).abs(),
                _ => 1.5,
            };
            (size_gap + (m.date.decimal_year() - my_year).abs() / 2.0, i)
        })
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(n).map(|(_, i)| i).collect()
}

/// The most common evaluation setting of a benchmark among `rows` (ties: alphabetical).
pub fn main_setting(ds: &Dataset, rows: &[usize], benchmark: &str) -> Option<String> {
    let ids: std::collections::HashSet<&str> = rows
        .iter()
        .filter_map(|&i| ds.models.get(i).map(|m| m.id.as_str()))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for b in ds
        .benchmarks
        .iter()
        .filter(|b| b.benchmark == benchmark && ids.contains(b.model_id.as_str()))
    {
        *counts.entry(b.setting.as_str()).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, c)| *c == best)
        .map(|(s, _)| s.to_owned())
}

/// The best result on `benchmark` in `setting` among `rows` (respecting lower-is-better).
pub fn leader<'a>(
    ds: &'a Dataset,
    rows: &[usize],
    benchmark: &str,
    setting: &str,
) -> Option<&'a crate::data::BenchmarkResult> {
    let higher = ds
        .benchmark_info
        .iter()
        .find(|b| b.id == benchmark)
        .is_none_or(|b| b.higher_is_better);
    let ids: std::collections::HashSet<&str> = rows
        .iter()
        .filter_map(|&i| ds.models.get(i).map(|m| m.id.as_str()))
        .collect();
    ds.benchmarks
        .iter()
        .filter(|b| b.benchmark == benchmark && b.setting == setting)
        .filter(|b| ids.contains(b.model_id.as_str()))
        .reduce(|best, b| {
            let better = if higher {
                b.value > best.value
            } else {
                b.value < best.value
            };
            if better {
                b
            } else {
                best
            }
        })
}

/// Counts of rows per group and year: the years covered (ascending) and, per group, one count
/// per year. Groups come from `group` (a model may count in several); groups are ordered by
/// their total, largest first.
pub fn counts_by_year<'a>(
    ds: &'a Dataset,
    rows: &[usize],
    group: impl Fn(&'a Model) -> Vec<&'a str>,
) -> (Vec<i32>, Vec<(String, Vec<usize>)>) {
    let models: Vec<&Model> = rows.iter().filter_map(|&i| ds.models.get(i)).collect();
    let (Some(first), Some(last)) = (
        models.iter().map(|m| m.date.year()).min(),
        models.iter().map(|m| m.date.year()).max(),
    ) else {
        return (Vec::new(), Vec::new());
    };
    let years: Vec<i32> = (first..=last).collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for m in models {
        let slot = usize::try_from(m.date.year() - first).unwrap_or(0);
        for g in group(m) {
            let counts = groups.entry(g).or_insert_with(|| vec![0; years.len()]);
            if let Some(c) = counts.get_mut(slot) {
                *c += 1;
            }
        }
    }
    let mut out: Vec<(String, Vec<usize>)> =
        groups.into_iter().map(|(g, c)| (g.to_owned(), c)).collect();
    out.sort_by(|a, b| {
        let (ta, tb) = (a.1.iter().sum::<usize>(), b.1.iter().sum::<usize>());
        tb.cmp(&ta).then_with(|| a.0.cmp(&b.0))
    });
    (years, out)
}

/// The region a country belongs to in the atlas's summaries (European countries → "Europe").
pub fn region(country: &str) -> &str {
    match country {
        "France" | "Germany" | "United Kingdom" | "Switzerland" | "Netherlands" | "Finland"
        | "Sweden" | "Italy" | "Spain" => "Europe",
        other => other,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::data::fixture;
    use proptest::prelude::*;

    fn ids(ds: &Dataset, rows: &[usize]) -> Vec<String> {
        rows.iter().map(|&i| ds.models[i].id.clone()).collect()
    }

    fn rows_of(ds: &Dataset, q: &TableQuery) -> Vec<String> {
        let index = Index::new(ds);
        ids(ds, &run(ds, &index, q).rows)
    }

    fn sorted(column: Column, descending: bool) -> TableQuery {
        TableQuery {
            sort: Some(SortKey { column, descending }),
            ..TableQuery::default()
        }
    }

    #[test]
    fn sort_by_parameters_both_ways_keeps_unknown_last() {
        let ds = fixture::dataset();
        assert_eq!(
            rows_of(&ds, &sorted(Column::Parameters, true)),
            ["m-big", "m-mid", "m-small", "m-vis", "m-unk"]
        );
        assert_eq!(
            rows_of(&ds, &sorted(Column::Parameters, false)),
            ["m-vis", "m-small", "m-mid", "m-big", "m-unk"]
        );
        assert_eq!(
            rows_of(&ds, &sorted(Column::Tasks, true)),
            ["m-big", "m-unk", "m-small", "m-vis", "m-mid"],
            "by number of tasks, ties in file order"
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
            rows_of(
                &ds,
                &TableQuery {
                    search: s.into(),
                    ..TableQuery::default()
                },
            )
        };
        assert_eq!(q("NUWA"), ["m-vis"]);
        assert_eq!(q("nüwa"), ["m-vis"]);
        assert_eq!(q("beta corp"), ["m-big", "m-unk"]);
        assert_eq!(q("dialogue beta"), ["m-big"]);
        assert!(q("zzz").is_empty());
        assert_eq!(q("").len(), ds.models.len());
    }

    #[test]
    fn facets_or_within_and_across_with_live_counts() {
        let ds = fixture::dataset();
        let index = Index::new(&ds);
        let mut q = TableQuery::default();
        q.toggle(Facet::Domain, "language");
        let r = run(&ds, &index, &q);
        assert_eq!(ids(&ds, &r.rows), ["m-small", "m-big", "m-mid"]);
        let domain_counts = &r.counts[0].1;
        // The domain facet ignores its own selection: all domains stay visible with counts.
        assert_eq!(
            domain_counts
                .iter()
                .map(|c| (c.value.as_str(), c.count, c.selected))
                .collect::<Vec<_>>(),
            [
                ("language", 3, true),
                ("multimodal", 1, false),
                ("vision", 1, false)
            ]
        );
        // Country counts follow the domain selection.
        let country = r
            .counts
            .iter()
            .find(|(f, _)| *f == Facet::Country)
            .expect("country");
        assert_eq!(
            country
                .1
                .iter()
                .map(|c| (c.value.as_str(), c.count))
                .collect::<Vec<_>>(),
            [("United States", 2), ("China", 1)]
        );
        q.toggle(Facet::Domain, "vision");
        assert_eq!(run(&ds, &index, &q).rows.len(), 4, "OR within a facet");
        q.toggle(Facet::Country, "China");
        assert_eq!(
            ids(&ds, &run(&ds, &index, &q).rows),
            ["m-big"],
            "AND across facets"
        );
        q.toggle(Facet::Org, "alpha");
        assert_eq!(
            ids(&ds, &run(&ds, &index, &q).rows),
            ["m-big"],
            "any of its organizations"
        );
        q.toggle(Facet::Task, "dialogue");
        assert_eq!(ids(&ds, &run(&ds, &index, &q).rows), ["m-big"]);
        q.toggle(Facet::Task, "dialogue");
        q.toggle(Facet::Task, "telepathy");
        let r = run(&ds, &index, &q);
        assert!(r.rows.is_empty(), "an unknown value matches nothing");
        let task = r
            .counts
            .iter()
            .find(|(f, _)| *f == Facet::Task)
            .expect("task");
        assert!(task
            .1
            .iter()
            .any(|c| c.value == "telepathy" && c.selected && c.count == 0));
        assert!(q.is_filtered());
        assert!(!q.cleared().is_filtered());
    }

    #[test]
    fn ranges_exclude_unknowns_once_set() {
        let ds = fixture::dataset();
        let q = TableQuery {
            parameters: Range {
                min: Some(1e9),
                max: Some(1e12),
            },
            ..TableQuery::default()
        };
        assert_eq!(rows_of(&ds, &q), ["m-small", "m-mid"]);
        let q = TableQuery {
            years: Range {
                min: Some(2020.0),
                max: Some(2021.0),
            },
            ..TableQuery::default()
        };
        assert_eq!(rows_of(&ds, &q), ["m-big", "m-vis", "m-mid"]);
        let q = TableQuery {
            compute: Range {
                min: Some(1e24),
                max: None,
            },
            ..TableQuery::default()
        };
        assert_eq!(rows_of(&ds, &q), ["m-unk"]);
    }

    #[test]
    fn ranks_and_similar_models() {
        let ds = fixture::dataset();
        assert_eq!(
            benchmark_rank(&ds, "m-big", "lambada", "zero-shot"),
            Some((1, 2))
        );
        assert_eq!(
            benchmark_rank(&ds, "m-mid", "lambada", "zero-shot"),
            Some((2, 2))
        );
        assert_eq!(benchmark_rank(&ds, "m-vis", "lambada", "zero-shot"), None);
        let mid = ds.models.iter().position(|m| m.id == "m-mid").expect("mid");
        let sim = similar_models(&ds, mid, 5);
        assert_eq!(
            ids(&ds, &sim),
            ["m-big", "m-small"],
            "same domain, nearest first"
        );
        assert!(similar_models(&ds, 999, 5).is_empty());
        let all: Vec<usize> = (0..ds.models.len()).collect();
        assert_eq!(
            main_setting(&ds, &all, "lambada").as_deref(),
            Some("zero-shot")
        );
        assert_eq!(
            leader(&ds, &all, "lambada", "zero-shot").map(|b| b.model_id.as_str()),
            Some("m-big")
        );
        let without_big: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| ds.models[i].id != "m-big")
            .collect();
        assert_eq!(
            leader(&ds, &without_big, "lambada", "zero-shot").map(|b| b.model_id.as_str()),
            Some("m-mid")
        );
        assert_eq!(main_setting(&ds, &all, "mmlu"), None);
    }

    #[test]
    fn counts_per_country_and_year() {
        let ds = fixture::dataset();
        let rows: Vec<usize> = (0..ds.models.len()).collect();
        let (years, groups) = counts_by_year(&ds, &rows, |m| vec![ds.country(m)]);
        assert_eq!(years, (2019..=2023).collect::<Vec<_>>());
        assert_eq!(
            groups,
            vec![
                ("United States".to_owned(), vec![1, 2, 0, 0, 0]),
                ("China".to_owned(), vec![0, 0, 1, 0, 1]),
            ]
        );
        let total: usize = groups.iter().flat_map(|g| g.1.iter()).sum();
        assert_eq!(total, ds.models.len());
        assert_eq!(
            counts_by_year(&ds, &[], |m| vec![ds.country(m)]),
            (vec![], vec![])
        );
        assert_eq!(region("France"), "Europe");
        assert_eq!(region("Israel"), "Israel");
    }

    fn arb_query() -> impl Strategy<Value = TableQuery> {
        let values = [
            "language",
            "vision",
            "multimodal",
            "China",
            "United States",
            "alpha",
            "beta",
            "open weights",
            "API",
            "dialogue",
            "text generation",
            "AI lab",
            "big tech",
            "nope",
        ];
        let facet = (0..Facet::ALL.len(), 0..values.len());
        (
            proptest::collection::vec(facet, 0..6),
            proptest::option::of(2015i32..2024),
        )
            .prop_map(move |(picks, from)| {
                let mut q = TableQuery::default();
                for (f, v) in picks {
                    q.toggle(Facet::ALL[f], values[v]);
                }
                q.years.min = from.map(f64::from);
                q
            })
    }

    proptest! {
        #[test]
        fn a_facet_never_lets_a_non_matching_row_through(q in arb_query()) {
            let ds = fixture::dataset();
            let index = Index::new(&ds);
            let r = run(&ds, &index, &q);
            for &i in &r.rows {
                let m = &ds.models[i];
                for (f, chosen) in &q.facets {
                    let vals = f.values(&ds, m);
                    prop_assert!(vals.iter().any(|v| chosen.contains(*v)), "{} fails {:?}", m.id, f);
                }
                if let Some(lo) = q.years.min {
                    prop_assert!(f64::from(m.date.year()) >= lo);
                }
            }
            // And every matching row is there.
            let expected = ds.models.iter().filter(|m| {
                q.facets.iter().all(|(f, chosen)| f.values(&ds, m).iter().any(|v| chosen.contains(*v)))
                    && q.years.min.is_none_or(|lo| f64::from(m.date.year()) >= lo)
            }).count();
            prop_assert_eq!(r.rows.len(), expected);
        }

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
            let index = Index::new(&ds);
            let mut rows: Vec<usize> = (0..values.len()).collect();
            sort_rows(&ds, &index, &mut rows, SortKey { column: Column::Parameters, descending });
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
