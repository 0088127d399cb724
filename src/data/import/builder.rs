//! Builds models and organizations row by row.

use crate::data::{Num, Nums, Text, Texts};
use std::borrow::Cow;

use super::super::{
    parse_date, parse_number, Confidence, Date, DatePrecision, LoadError, Model, Organization,
    Quantity,
};
use super::epoch::{
    map_access, map_country, map_domain, map_org_type, map_task, parse_confidence_word,
};
use super::mapping::{Field, Schema};
use super::row::{first_url, join_note, slug, Context, Record};
use crate::fast_hash::{FastMap, FastSet};

/// How many distinct texts a [`Memo`] remembers.
const MAX_MEMO: usize = 10_000;

/// Values derived from texts, remembered per distinct text (up to [`MAX_MEMO`] texts).
#[derive(Debug)]
struct Memo<V> {
    index: FastMap<String, usize>,
    values: Vec<V>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Self {
            index: FastMap::default(),
            values: Vec::new(),
        }
    }
}

impl<V: Clone> Memo<V> {
    /// The value `make` derives from `key`, made once per distinct key.
    fn get(&mut self, key: &str, mut make: impl FnMut(&str) -> V) -> Cow<'_, V> {
        let i = match self.index.get(key) {
            Some(&i) => i,
            None => {
                let v = make(key);
                if self.values.len() >= MAX_MEMO {
                    return Cow::Owned(v);
                }
                self.values.push(v);
                let i = self.values.len() - 1;
                self.index.insert(key.to_owned(), i);
                i
            }
        };
        match self.values.get(i) {
            Some(v) => Cow::Borrowed(v),
            None => Cow::Owned(make(key)),
        }
    }
}

/// The organizations a row names: their ids and their places in [`Orgs`].
#[derive(Clone, Debug, Default)]
struct OrgCell {
    ids: Vec<String>,
    slots: Vec<usize>,
}

impl OrgCell {
    /// The organizations `ids`, named `names` (the id where no name is given); those not in
    /// `orgs` yet are added, as first seen on `line`.
    fn new(ids: Vec<String>, names: &[String], orgs: &mut Orgs, line: u64) -> Self {
        let slots = ids
            .iter()
            .enumerate()
            .map(|(i, id)| orgs.slot(id, names.get(i).map_or(id.as_str(), String::as_str), line))
            .collect();
        Self { ids, slots }
    }

    /// Like [`OrgCell::new`], with ids made from the names (`organization` for a name
    /// without letters or digits).
    fn named(names: &[String], orgs: &mut Orgs, line: u64) -> Self {
        let ids = names
            .iter()
            .map(|n| {
                let s = slug(n);
                if s.is_empty() {
                    "organization".to_owned()
                } else {
                    s
                }
            })
            .collect();
        Self::new(ids, names, orgs, line)
    }
}

/// Values derived from a cell's text, per distinct text (the same organizations, domain,
/// tasks, access or country recur on many rows), for one schema (which decides how lists split).
#[derive(Debug, Default)]
struct Derived {
    schema: Option<Schema>,
    pub(super) orgs: Memo<OrgCell>,
    countries: Memo<Vec<String>>,
    kinds: Memo<Vec<String>>,
    tasks: Memo<Vec<String>>,
    domains: Memo<String>,
    access: Memo<String>,
}

/// A row's tasks: as listed in the atlas schema; otherwise mapped, without repeats.
fn task_list(atlas: bool, items: Vec<String>) -> Vec<String> {
    if atlas {
        return items;
    }
    let mut tasks: Vec<String> = Vec::new();
    for t in items {
        let t = map_task(&t);
        if !tasks.contains(&t) {
            tasks.push(t);
        }
    }
    tasks
}

#[derive(Debug)]
pub(super) struct OrgAcc {
    org: Organization,
    countries: Vec<(String, u32)>,
    kinds: Vec<(String, u32)>,
}

impl OrgAcc {
    /// The organization with the country and type most of its rows gave.
    pub(super) fn organization(&self) -> Organization {
        Organization {
            country: winner(&self.countries),
            kind: winner(&self.kinds),
            ..self.org.clone()
        }
    }
}

fn vote(votes: &mut Vec<(String, u32)>, value: &str) {
    if value.is_empty() {
        return;
    }
    match votes.iter_mut().find(|(v, _)| v == value) {
        Some((_, n)) => *n += 1,
        None => votes.push((value.to_owned(), 1)),
    }
}

fn winner(votes: &[(String, u32)]) -> String {
    // The most votes; ties go to the first seen.
    let mut best: Option<&(String, u32)> = None;
    for v in votes {
        if best.is_none_or(|b| v.1 > b.1) {
            best = Some(v);
        }
    }
    best.map(|b| b.0.clone()).unwrap_or_default()
}

/// The organizations met so far, in order, with their votes.
#[derive(Debug, Default)]
pub(super) struct Orgs {
    pub(super) list: Vec<OrgAcc>,
    index: FastMap<String, usize>,
}

impl Orgs {
    /// The place of the organization `id`, added (named `name`, first seen on `line`) when new.
    fn slot(&mut self, id: &str, name: &str, line: u64) -> usize {
        match self.index.get(id) {
            Some(&i) => i,
            None => {
                self.list.push(OrgAcc {
                    org: Organization {
                        id: id.to_owned(),
                        name: name.to_owned(),
                        country: String::new(),
                        kind: String::new(),
                        description: String::new(),
                        url: String::new(),
                        source_line: line,
                    },
                    countries: Vec::new(),
                    kinds: Vec::new(),
                });
                let i = self.list.len() - 1;
                self.index.insert(id.to_owned(), i);
                i
            }
        }
    }
}

/// Builds models and organizations row by row.
#[derive(Debug, Default)]
pub(super) struct Builder {
    /// The models built and not yet taken ([`Builder::take`]).
    pub(super) models: Vec<Model>,
    /// How many models were taken before `models`.
    taken: usize,
    pub(super) problems: Vec<LoadError>,
    /// The models' ids, for [`Builder::unique_id`] (kept here, as the models themselves may
    /// have been taken).
    ids: FastSet<String>,
    /// Per id base that was taken, the next number to try for it (`base-2`, `base-3`, …), so
    /// that repeated names cost O(1) each instead of a search from 2 every time.
    next_suffix: FastMap<String, u64>,
    pub(super) orgs: Orgs,
    derived: Derived,
}

impl Builder {
    /// Takes `id` for the model about to be added, unless a model has it already.
    fn claim_id(&mut self, id: &str) -> bool {
        self.ids.insert(id.to_owned())
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "model".to_owned()
        } else {
            base
        };
        if self.claim_id(&base) {
            return base;
        }
        // Each number is tried at most once per base: amortized O(1) per id.
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
        loop {
            let id = format!("{base}-{n}");
            n += 1;
            if self.claim_id(&id) {
                self.next_suffix.insert(base, n);
                return id;
            }
        }
    }

    /// An optional number; text that is not one (see [`parse_number`]), or a negative number
    /// (every number of the schema is a count or an amount), is left empty and listed as a
    /// problem (the row is kept). Returns the value and, for text not read, the note saying so.
    fn number(
        &mut self,
        ctx: &Context<'_>,
        r: &dyn Record,
        f: Field,
    ) -> (Option<f64>, Option<String>) {
        let raw = ctx.get(r, f);
        if raw.is_empty() {
            return (None, None);
        }
        let (why, note) = match parse_number(raw) {
            Some(v) if v >= 0.0 => return (Some(v), None),
            Some(_) => ("is negative", "Negative, so not read"),
            None => ("is not a number", "Not understood as a number"),
        };
        self.problems.push(ctx.err(
            r,
            format!(
                "{} {why}: {raw:?} (left empty, row kept)",
                ctx.column_name(f)
            ),
        ));
        (None, Some(format!("{note}: {raw:?}.")))
    }

    fn quantity(
        &mut self,
        ctx: &Context<'_>,
        r: &dyn Record,
        fields: (Field, Field, Field),
    ) -> Result<Quantity, LoadError> {
        let (value_f, conf_f, note_f) = fields;
        let (value, unread) = self.number(ctx, r, value_f);
        let given_note = ctx.get(r, note_f);
        let joined;
        let note = match &unread {
            Some(u) => {
                joined = join_note(&[u], given_note);
                joined.as_str()
            }
            None => given_note,
        };
        let explicit = ctx.get(r, conf_f);
        if ctx.mapping.schema == Schema::Atlas {
            let confidence = if explicit.is_empty() {
                Quantity::from_value(value).confidence
            } else {
                Confidence::parse(explicit).ok_or_else(|| {
                    ctx.err(
                        r,
                        format!(
                            "{} must be reported, estimated or unknown, found {explicit:?}",
                            ctx.column_name(conf_f)
                        ),
                    )
                })?
            };
            return Ok(Quantity {
                value,
                confidence,
                note: note.to_owned(),
            });
        }
        if !explicit.is_empty() {
            let (confidence, rating) = parse_confidence_word(explicit).ok_or_else(|| {
                ctx.err(
                    r,
                    format!(
                        "{} must be reported, estimated, unknown, or Confident, Likely, Speculative; found {explicit:?}",
                        ctx.column_name(conf_f)
                    ),
                )
            })?;
            let head: &[&str] = if rating {
                &["Confidence: ", explicit, "."]
            } else {
                &[]
            };
            return Ok(Quantity {
                value,
                confidence: if value.is_none() {
                    Confidence::Unknown
                } else {
                    confidence
                },
                note: join_note(head, note),
            });
        }
        let epoch = ctx.mapping.schema == Schema::Epoch;
        let rated = ctx.columns.name(Field::Confidence).is_some();
        let rating = ctx.get(r, Field::Confidence);
        let (confidence, head): (Confidence, &[&str]) = match (value.is_some(), epoch, rated) {
            (false, true, _) if !note.is_empty() => (Confidence::Unknown, &["Epoch AI:"]),
            (false, _, _) => (Confidence::Unknown, &[]),
            (true, true, _) if rating.is_empty() => {
                (Confidence::Estimated, &["Epoch AI, confidence not given."])
            }
            (true, true, _) => (
                Confidence::Estimated,
                &["Epoch AI, confidence: ", rating, "."],
            ),
            (true, false, true) if rating.is_empty() => (
                Confidence::Estimated,
                &["From ", ctx.file, ", confidence not given."],
            ),
            (true, false, true) => (
                Confidence::Estimated,
                &["From ", ctx.file, ", confidence: ", rating, "."],
            ),
            (true, false, false) => (
                Confidence::Reported,
                &["As given in ", ctx.file, " (no confidence column)."],
            ),
        };
        Ok(Quantity {
            value,
            confidence,
            note: join_note(head, note),
        })
    }

    pub(super) fn add(&mut self, r: &dyn Record, ctx: &Context<'_>) -> Result<(), LoadError> {
        let model = self.convert(r, ctx)?;
        self.models.push(model);
        Ok(())
    }

    /// The record's date with its precision: `None` with [`DatePrecision::Unknown`] when the
    /// date is empty (a row without a date is data: Epoch AI's full export has them), whatever
    /// the precision column says; otherwise the parsed date, with the precision column's
    /// `day`, `month` or `year` when given (its `unknown` yields to the date itself).
    fn date(r: &dyn Record, ctx: &Context<'_>) -> Result<(Option<Date>, DatePrecision), LoadError> {
        let raw_date = ctx.get(r, Field::Date);
        if raw_date.is_empty() {
            return Ok((None, DatePrecision::Unknown));
        }
        let (date, parsed) = parse_date(raw_date).ok_or_else(|| {
            ctx.err(
                r,
                format!(
                    "{} is not a date the atlas understands: {raw_date:?}",
                    ctx.column_name(Field::Date)
                ),
            )
        })?;
        let raw_precision = ctx.get(r, Field::DatePrecision);
        if raw_precision.is_empty() {
            return Ok((Some(date), parsed));
        }
        let precision = DatePrecision::parse(&raw_precision.to_lowercase()).ok_or_else(|| {
            ctx.err(
                r,
                format!(
                    "{} must be day, month, year or unknown, found {raw_precision:?}",
                    ctx.column_name(Field::DatePrecision)
                ),
            )
        })?;
        Ok((
            Some(date),
            if precision == DatePrecision::Unknown {
                parsed
            } else {
                precision
            },
        ))
    }

    fn convert(&mut self, r: &dyn Record, ctx: &Context<'_>) -> Result<Model, LoadError> {
        let atlas = ctx.mapping.schema == Schema::Atlas;
        let name = ctx.get(r, Field::Name);
        if name.is_empty() {
            return Err(ctx.err(
                r,
                format!("{} (the model name) is empty", ctx.column_name(Field::Name)),
            ));
        }
        let (date, date_precision) = Self::date(r, ctx)?;
        let mut nums = Nums::default();
        for &n in Num::ALL {
            let fields = (Field::Num(n), Field::NumConfidence(n), Field::NumNote(n));
            let mut q = self.quantity(ctx, r, fields)?;
            if n == Num::TrainingDays && q.value.is_none() {
                // Training time given in hours instead.
                let hours = (Field::TrainingHours, fields.1, fields.2);
                let h = self.quantity(ctx, r, hours)?;
                if let Some(v) = h.value {
                    q = Quantity {
                        value: Some(v / 24.0),
                        ..h
                    };
                }
            }
            *nums.get_mut(n) = q;
        }

        // Organizations: ids and names, then the lead's (or each one's) country and type.
        if self.derived.schema != Some(ctx.mapping.schema) {
            self.derived = Derived {
                schema: Some(ctx.mapping.schema),
                ..Derived::default()
            };
        }
        let explicit_ids = ctx.list(r, Field::OrganizationIds);
        let line = r.line();
        let orgs: Cow<'_, OrgCell> = if !explicit_ids.is_empty() {
            let names = ctx.list(r, Field::Organizations);
            Cow::Owned(OrgCell::new(explicit_ids, &names, &mut self.orgs, line))
        } else if let Some(raw) = ctx.text(r, Field::Organizations) {
            self.derived.orgs.get(raw, |raw| {
                OrgCell::named(&ctx.split(raw), &mut self.orgs, line)
            })
        } else {
            let names = ctx.list(r, Field::Organizations);
            Cow::Owned(OrgCell::named(&names, &mut self.orgs, line))
        };
        let (countries, kinds) = if atlas {
            (
                self.derived
                    .countries
                    .get(ctx.get(r, Field::Country), |c| vec![c.to_owned()]),
                self.derived
                    .kinds
                    .get(ctx.get(r, Field::OrgType), |k| vec![k.to_owned()]),
            )
        } else {
            let countries_of = |items: Vec<String>| -> Vec<String> {
                items.iter().map(|c| map_country(c)).collect()
            };
            let kinds_of = |items: Vec<String>| -> Vec<String> {
                items.iter().map(|k| map_org_type(k)).collect()
            };
            (
                match ctx.text(r, Field::Country) {
                    Some(raw) => self
                        .derived
                        .countries
                        .get(raw, |raw| countries_of(ctx.split(raw))),
                    None => Cow::Owned(countries_of(ctx.list(r, Field::Country))),
                },
                match ctx.text(r, Field::OrgType) {
                    Some(raw) => self.derived.kinds.get(raw, |raw| kinds_of(ctx.split(raw))),
                    None => Cow::Owned(kinds_of(ctx.list(r, Field::OrgType))),
                },
            )
        };
        let n_ids = orgs.ids.len();
        for (i, &slot) in orgs.slots.iter().enumerate() {
            let aligned_country = if countries.len() == n_ids {
                countries.get(i)
            } else if i == 0 {
                countries.first()
            } else {
                None
            };
            let aligned_kind = if kinds.len() == n_ids {
                kinds.get(i)
            } else if i == 0 {
                kinds.first()
            } else {
                None
            };
            if let Some(acc) = self.orgs.list.get_mut(slot) {
                if let Some(c) = aligned_country {
                    vote(&mut acc.countries, c);
                }
                if let Some(k) = aligned_kind {
                    vote(&mut acc.kinds, k);
                }
            }
        }
        let ids = match orgs {
            Cow::Borrowed(o) => o.ids.clone(),
            Cow::Owned(o) => o.ids,
        };

        let domain_raw = ctx.get(r, Field::Text(Text::Domain));
        let access_raw = ctx.get(r, Field::Text(Text::Access));
        let source_raw = ctx.get(r, Field::Text(Text::SourceUrl));
        let tasks = match ctx.text(r, Field::Tasks) {
            Some(raw) => self
                .derived
                .tasks
                .get(raw, |raw| task_list(atlas, ctx.split(raw)))
                .into_owned(),
            None => task_list(atlas, ctx.list(r, Field::Tasks)),
        };
        let (domain, access, source_url) = if atlas {
            (
                domain_raw.to_owned(),
                access_raw.to_owned(),
                source_raw.to_owned(),
            )
        } else {
            let domain = match ctx.text(r, Field::Text(Text::Domain)) {
                Some(raw) => self
                    .derived
                    .domains
                    .get(raw, |raw| map_domain(&ctx.split(raw)))
                    .into_owned(),
                None => map_domain(&ctx.list(r, Field::Text(Text::Domain))),
            };
            (
                domain,
                self.derived.access.get(access_raw, map_access).into_owned(),
                first_url(source_raw),
            )
        };
        let epoch_name = match ctx.mapping.schema {
            Schema::Epoch if ctx.columns.name(Field::Text(Text::EpochName)).is_none() => {
                name.to_owned()
            }
            _ => ctx.get(r, Field::Text(Text::EpochName)).to_owned(),
        };
        let explicit_id = ctx.get(r, Field::Id);
        let id = self.unique_id(if explicit_id.is_empty() {
            slug(name)
        } else {
            explicit_id.to_owned()
        });
        let mut texts = Texts::default();
        for &t in Text::ALL {
            *texts.get_mut(t) = match t {
                Text::Domain => domain.clone(),
                Text::Access => access.clone(),
                Text::SourceUrl => source_url.clone(),
                Text::EpochName => epoch_name.clone(),
                _ => ctx.get(r, Field::Text(t)).to_owned(),
            };
        }
        Ok(Model {
            id,
            name: name.to_owned(),
            organizations: ids,
            date,
            date_precision,
            tasks,
            nums,
            texts,
            source_line: line,
        })
    }

    /// How many models were built (taken or not).
    pub(super) fn count(&self) -> usize {
        self.taken + self.models.len()
    }

    /// The models built since the last call, in order; the next ones go into a list with room
    /// for as many.
    pub(super) fn take(&mut self) -> Vec<Model> {
        let room = self.models.len();
        self.taken += room;
        std::mem::replace(&mut self.models, Vec::with_capacity(room))
    }

    /// The models not taken, all organizations (with their voted country and type) and the
    /// problems.
    pub(super) fn build(mut self) -> (Vec<Model>, Vec<Organization>, Vec<LoadError>) {
        self.models.shrink_to_fit();
        let orgs = self.orgs.list.iter().map(OrgAcc::organization).collect();
        (self.models, orgs, self.problems)
    }
}
