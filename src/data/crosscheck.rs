//! Cross-check of the curated dataset against Epoch AI's notable-models CSV: for models in
//! both (matched by `epoch_name`), do parameters agree within ±5 % and dates within a month?

use super::{parse_date, parse_number, CsvTable, Dataset, Date, LoadError};
use crate::data::{Num, Text};

/// One disagreement between the atlas and Epoch AI.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// The atlas model id.
    pub model_id: String,
    /// `parameters` or `date`.
    pub field: &'static str,
    /// The atlas value, as text.
    pub atlas: String,
    /// Epoch's value, as text.
    pub epoch: String,
    /// The atlas note that explains the difference ("" when none).
    pub explanation: String,
}

/// The cross-check's figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Atlas models that name an Epoch row.
    pub linked: usize,
    /// Of those, how many were found in the file.
    pub matched: usize,
    /// `epoch_name`s not found in the file.
    pub missing: Vec<String>,
    /// Pairs where both sides have a parameter count.
    pub parameters_compared: usize,
    /// Of those, within ±5 %.
    pub parameters_agree: usize,
    /// Pairs with both dates.
    pub dates_compared: usize,
    /// Of those, within one month.
    pub dates_agree: usize,
    /// Every disagreement.
    pub disagreements: Vec<Disagreement>,
}

impl Report {
    /// Disagreements with no explaining note.
    pub fn unexplained(&self) -> impl Iterator<Item = &Disagreement> {
        self.disagreements
            .iter()
            .filter(|d| d.explanation.is_empty())
    }
}

/// Compares `ds` with the text of Epoch's notable-models CSV.
pub fn crosscheck(ds: &Dataset, epoch_csv: &str) -> Result<Report, LoadError> {
    let table = CsvTable::parse("epoch notable CSV", epoch_csv)?;
    table.require(&["Model", "Publication date", "Parameters"])?;
    let rows: std::collections::HashMap<&str, (Option<f64>, Option<Date>)> = table
        .rows()
        .map(|r| {
            let params = parse_number(r.get("Parameters"));
            let date = parse_date(r.get("Publication date")).map(|(d, _)| d);
            (r.get("Model"), (params, date))
        })
        .collect();
    let mut report = Report::default();
    for m in ds
        .models
        .iter()
        .filter(|m| !m.text(Text::EpochName).is_empty())
    {
        report.linked += 1;
        let Some(&(params, date)) = rows.get(m.text(Text::EpochName)) else {
            report.missing.push(m.text(Text::EpochName).to_owned());
            continue;
        };
        report.matched += 1;
        if let (Some(a), Some(e)) = (m.num(Num::Parameters).value, params) {
            report.parameters_compared += 1;
            if (a - e).abs() <= 0.05 * e.abs() {
                report.parameters_agree += 1;
            } else {
                report.disagreements.push(Disagreement {
                    model_id: m.id.clone(),
                    field: "parameters",
                    atlas: crate::format::short_count(a),
                    epoch: crate::format::short_count(e),
                    explanation: m.num(Num::Parameters).note.clone(),
                });
            }
        }
        if let (Some(e), Some(a)) = (date, m.date) {
            report.dates_compared += 1;
            let days_apart = (a.decimal_year() - e.decimal_year()).abs() * 365.25;
            if days_apart <= 31.0 {
                report.dates_agree += 1;
            } else {
                report.disagreements.push(Disagreement {
                    model_id: m.id.clone(),
                    field: "date",
                    atlas: a.to_string(),
                    epoch: e.to_string(),
                    explanation: m.text(Text::DateNote).to_owned(),
                });
            }
        }
    }
    Ok(report)
}
