//! The curated dataset's rules. Fails on the first violation with file, line and reason.

use crate::data::{Num, Text};
use std::collections::HashSet;

use super::vocab;
use super::{Confidence, Dataset, Date, LoadError, Model, Quantity};

fn check_vocab(
    file: &str,
    line: u64,
    column: &str,
    value: &str,
    allowed: &[&str],
) -> Result<(), LoadError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(LoadError::new(
            file,
            line,
            format!("{column} {value:?} is not one of: {}", allowed.join(", ")),
        ))
    }
}

fn check_url(file: &str, line: u64, column: &str, url: &str) -> Result<(), LoadError> {
    if url.starts_with("https://") || url.starts_with("http://") {
        Ok(())
    } else {
        Err(LoadError::new(
            file,
            line,
            format!("{column} must be an http(s) URL, found {url:?}"),
        ))
    }
}

fn check_quantity(m: &Model, column: &str, q: &Quantity) -> Result<(), LoadError> {
    let err = |reason: String| LoadError::new("models.csv", m.source_line, reason);
    match (q.value, q.confidence) {
        (Some(v), _) if v <= 0.0 => Err(err(format!("{column} must be positive, found {v}"))),
        (Some(_), Confidence::Unknown) => Err(err(format!(
            "{column} has a value but its confidence is unknown"
        ))),
        (None, Confidence::Reported | Confidence::Estimated) => Err(err(format!(
            "{column} is empty but its confidence is {}",
            q.confidence.as_str()
        ))),
        (Some(_), Confidence::Estimated) if q.note.is_empty() => Err(err(format!(
            "{column} is estimated but {column}_note does not say how"
        ))),
        _ => Ok(()),
    }
}

fn check_model(m: &Model, ds: &Dataset, today: Option<Date>) -> Result<(), LoadError> {
    const F: &str = "models.csv";
    let line = m.source_line;
    let err = |reason: String| LoadError::new(F, line, reason);
    if !m
        .id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(err(format!("id {:?} must be a lowercase slug", m.id)));
    }
    if m.organizations.is_empty() {
        return Err(err("organizations is empty".into()));
    }
    for org in &m.organizations {
        if ds.organization(org).is_none() {
            return Err(err(format!(
                "organization {org:?} is not in organizations.csv"
            )));
        }
    }
    // Imports may leave a date unknown; the curated data may not.
    let Some(date) = m.date else {
        return Err(err("date is empty".into()));
    };
    if today.is_some_and(|today| date > today) {
        return Err(err(format!("date {date} is in the future")));
    }
    check_vocab(F, line, "domain", m.text(Text::Domain), vocab::DOMAINS)?;
    if m.tasks.is_empty() {
        return Err(err("tasks is empty".into()));
    }
    for t in &m.tasks {
        check_vocab(F, line, "task", t, vocab::TASKS)?;
    }
    check_vocab(
        F,
        line,
        "architecture",
        m.text(Text::Architecture),
        vocab::ARCHITECTURES,
    )?;
    check_vocab(F, line, "access", m.text(Text::Access), vocab::ACCESS)?;
    // Files made before these columns existed leave them empty.
    for (t, allowed) in [
        (Text::AccessNow, vocab::ACCESS),
        (Text::Weights, vocab::WEIGHTS),
    ] {
        if !m.text(t).is_empty() {
            check_vocab(F, line, t.def().column, m.text(t), allowed)?;
        }
    }
    // A qualifier is given exactly when its number is.
    for (n, t, allowed) in [
        (
            Num::TrainingDataSize,
            Text::TrainingDataUnit,
            vocab::DATA_UNITS,
        ),
        (Num::TrainingCo2e, Text::Co2eBasis, vocab::CO2E_BASES),
        (Num::TrainingCost, Text::CostBasis, vocab::COST_BASES),
    ] {
        let q = m.text(t);
        match (m.value(n).is_some(), q.is_empty()) {
            (true, false) => check_vocab(F, line, t.def().column, q, allowed)?,
            (false, true) => {}
            (true, true) => {
                return Err(err(format!(
                    "{} has a value but {} is empty",
                    n.def().column,
                    t.def().column
                )))
            }
            (false, false) => {
                return Err(err(format!(
                    "{} is set but {} is empty",
                    t.def().column,
                    n.def().column
                )))
            }
        }
    }
    let cost_year = m.text(Text::CostYear);
    if m.value(Num::TrainingCost).is_some() == cost_year.is_empty()
        || (!cost_year.is_empty() && !cost_year.parse::<u16>().is_ok_and(|y| y >= 1950))
    {
        return Err(err(format!(
            "cost_year must be the year of the dollars when (and only when) training_cost_usd is given, found {cost_year:?}"
        )));
    }
    for &n in Num::ALL {
        check_quantity(m, n.def().column, m.num(n))?;
    }
    if let (Some(active), Some(total)) =
        (m.value(Num::ActiveParameters), m.num(Num::Parameters).value)
    {
        if active > total {
            return Err(err(format!(
                "active_parameters {active} exceeds parameters {total}"
            )));
        }
    }
    if m.text(Text::Description).is_empty() {
        return Err(err("description is empty".into()));
    }
    if m.text(Text::SourceUrl).is_empty() {
        return Err(err(
            "source_url is empty: every model needs a primary source".into(),
        ));
    }
    check_url(F, line, "source_url", m.text(Text::SourceUrl))
}

/// Checks every rule of the curated dataset: unique ids; organization and model references
/// exist; values from their vocabularies; dates not after `today` (when given); numbers
/// positive and with a confidence (and a note when estimated); percentages within 0–100;
/// a source URL on every model, partnership and result; active ≤ total parameters; the
/// models a fact names exist, and the fact says how it concerns them.
pub fn validate(ds: &Dataset, today: Option<Date>) -> Result<(), LoadError> {
    let mut org_ids = HashSet::new();
    for o in &ds.organizations {
        const F: &str = "organizations.csv";
        if !org_ids.insert(o.id.as_str()) {
            return Err(LoadError::new(
                F,
                o.source_line,
                format!("duplicate id {:?}", o.id),
            ));
        }
        check_vocab(F, o.source_line, "country", &o.country, vocab::COUNTRIES)?;
        check_vocab(F, o.source_line, "type", &o.kind, vocab::ORG_TYPES)?;
    }
    let mut model_ids = HashSet::new();
    for m in &ds.models {
        if !model_ids.insert(m.id.as_str()) {
            return Err(LoadError::new(
                "models.csv",
                m.source_line,
                format!("duplicate id {:?}", m.id),
            ));
        }
        check_model(m, ds, today)?;
    }
    for p in &ds.partnerships {
        const F: &str = "partnerships.csv";
        for org in [&p.org_a, &p.org_b] {
            if !org_ids.contains(org.as_str()) {
                return Err(LoadError::new(
                    F,
                    p.source_line,
                    format!("organization {org:?} is not in organizations.csv"),
                ));
            }
        }
        check_vocab(F, p.source_line, "kind", &p.kind, vocab::PARTNERSHIP_KINDS)?;
        check_url(F, p.source_line, "source_url", &p.source_url)?;
    }
    let benchmark_ids: Vec<&str> = ds.benchmark_info.iter().map(|b| b.id.as_str()).collect();
    for b in &ds.benchmarks {
        const F: &str = "benchmarks.csv";
        let line = b.source_line;
        if !model_ids.contains(b.model_id.as_str()) {
            return Err(LoadError::new(
                F,
                line,
                format!("model {:?} is not in models.csv", b.model_id),
            ));
        }
        check_vocab(F, line, "benchmark", &b.benchmark, &benchmark_ids)?;
        check_vocab(F, line, "setting", &b.setting, vocab::SETTINGS)?;
        check_vocab(F, line, "unit", &b.unit, &["%", "FID"])?;
        if b.unit == "%" && !(0.0..=100.0).contains(&b.value) {
            return Err(LoadError::new(
                F,
                line,
                format!("percentage {} is outside 0–100", b.value),
            ));
        }
        if b.value <= 0.0 {
            return Err(LoadError::new(
                F,
                line,
                format!("value must be positive, found {}", b.value),
            ));
        }
        check_url(F, line, "source_url", &b.source_url)?;
    }
    for f in &ds.facts {
        const F: &str = "facts.csv";
        for id in &f.model_ids {
            if !model_ids.contains(id.as_str()) {
                return Err(LoadError::new(
                    F,
                    f.source_line,
                    format!("model {id:?} in model_ids is not in models.csv"),
                ));
            }
        }
        if !f.model_ids.is_empty() && f.context.trim().is_empty() {
            return Err(LoadError::new(
                F,
                f.source_line,
                "a fact that names models needs a context saying how it concerns them",
            ));
        }
    }
    Ok(())
}
