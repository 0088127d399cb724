//! The reader's highlighted models (`highlight=`): on a chart with a point per model, their
//! marks are flagged ([`Mark::highlight`]: drawn larger and outlined, always named, named
//! first by [`crate::chart::labels::priority`]) and the findings say which they are, with
//! their plotted value and date. Ids that are not plotted are listed in a note, not an error.

use std::collections::HashSet;

use super::super::figure::{Figure, Kind, Label, Mark, Note};
use super::super::scale::tick_label;
use super::super::TickFormat;
use crate::data::{Dataset, Model};
use crate::format;

/// The findings' term for the highlighted models.
pub const HIGHLIGHTED: &str = "Highlighted";

/// The findings' term for highlighted ids that are not on the chart.
pub const NOT_SHOWN: &str = "Not highlighted";

/// A plotted value as the findings write it (FLOP with its unit, counts short).
fn value_text(v: f64, fmt: TickFormat) -> String {
    match fmt {
        TickFormat::Flop => format::flop_short(v),
        _ => tick_label(v, fmt),
    }
}

/// Flags the marks of `ids` in `f` (a scatter chart of models) and adds the findings.
pub(super) fn apply(ds: &Dataset, f: &mut Figure, ids: &[String]) {
    if ids.is_empty() || f.kind != Kind::Scatter {
        return;
    }
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut found: Vec<(usize, &Mark, &Model)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, m) in f.marks.iter().enumerate() {
        let Some(d) = m.model_in(ds).filter(|d| wanted.contains(d.id.as_str())) else {
            continue;
        };
        if seen.insert(d.id.as_str()) {
            found.push((i, m, d));
        }
    }
    let named: Vec<String> = found
        .iter()
        .map(|(_, m, d)| {
            // As named on the chart (the short name of a key model).
            let name = match &m.label {
                Label::Text(s) if !s.is_empty() => s.as_str(),
                _ => d.name.as_str(),
            };
            let value = value_text(m.y, f.y.format);
            format!("{name} ({value}, {})", crate::format::date(d.date))
        })
        .collect();
    let flagged: Vec<usize> = found.iter().map(|(i, ..)| *i).collect();
    let missing: Vec<String> = ids
        .iter()
        .filter(|id| !seen.contains(id.as_str()))
        .map(|id| match ds.models.iter().find(|d| d.id == *id) {
            Some(d) => format!("{} (not plotted here)", d.name),
            None => format!("“{id}” (no such model)"),
        })
        .collect();
    for i in flagged {
        if let Some(m) = f.marks.get_mut(i) {
            m.highlight = true;
            m.always_label = true;
        }
    }
    if !named.is_empty() {
        f.notes.push(Note {
            term: HIGHLIGHTED.to_owned(),
            text: named.join("; "),
            on_canvas: false,
        });
    }
    if !missing.is_empty() {
        f.notes.push(Note {
            term: NOT_SHOWN.to_owned(),
            text: missing.join("; "),
            on_canvas: false,
        });
    }
}

/// The id of the model plotted in `f` that the reader typed in the highlight box: its name as
/// drawn, its full name or its id, ignoring case and surrounding spaces; `None` when no
/// plotted model matches.
pub fn find(ds: &Dataset, f: &Figure, typed: &str) -> Option<String> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return None;
    }
    f.marks.iter().find_map(|m| {
        let d = m.model_in(ds)?;
        [f.label(m), d.name.as_str(), d.id.as_str()]
            .into_iter()
            .any(|n| n.to_lowercase() == typed)
            .then(|| d.id.clone())
    })
}
