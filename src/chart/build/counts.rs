//! Models per year, stacked by country or by organization.

use super::{plural, Ctx, Groups, MAX_GROUPS};
use crate::chart::figure::{Axis, Cell, Figure, Kind, Label, Mark, Table, TickFormat, Tip};
use crate::chart::window::year_label;
use crate::chart::{ChartId, SOURCE_LINE};
use crate::data::{Dataset, Model};
use crate::query;

/// Models per publication year, stacked by the lead organization's country or by the lead
/// organization (the most frequent groups, the rest as "Other").
pub(super) fn counts_by_year(c: &Ctx<'_>) -> Figure {
    let by_country = c.chart == ChartId::ModelsByCountry;
    // A model's group: its lead organization's country, or its first organization's name.
    fn key<'a>(ds: &'a Dataset, m: &'a Model, by_country: bool) -> &'a str {
        let k = if by_country {
            ds.country(m)
        } else {
            m.organizations.first().map_or("", |id| {
                ds.organization(id).map_or(id.as_str(), |o| o.name.as_str())
            })
        };
        if k.is_empty() {
            "Unknown"
        } else {
            k
        }
    }
    // The counting rule (years covered, groups ranked by their total) is the query's.
    let (years, counted) = query::counts_by_year(c.ds, c.rows, |m| [key(c.ds, m, by_country)]);
    // The year the data covers only in part is labelled "(to date)", so its short bar does
    // not read as a collapse.
    let partial = c
        .facts
        .partial_year(c.ds)
        .filter(|(y, _)| years.contains(y));
    let partial_year = partial.as_ref().map(|(y, _)| *y);
    let groups = Groups::ranked(counted.iter().map(|(k, _)| k.as_str()));
    let mut series = groups.series.clone();
    for s in &mut series {
        s.hidden = c.hidden.contains(&s.name);
    }
    // counts[year index][series]: the groups past the most frequent merged into "Other".
    let mut counts = vec![vec![0usize; series.len()]; years.len()];
    for (k, per_year) in &counted {
        let s = groups.of(k);
        for (row, n) in counts.iter_mut().zip(per_year) {
            if let Some(cell) = row.get_mut(s) {
                *cell += n;
            }
        }
    }
    for row in &counts {
        for (s, n) in row.iter().enumerate() {
            if let Some(se) = series.get_mut(s) {
                se.count += n;
            }
        }
    }
    let mut marks = Vec::new();
    let mut rows = Vec::new();
    let what = if by_country {
        "Country"
    } else {
        "Organization"
    };
    for (yi, (year, row)) in years.iter().zip(&counts).enumerate() {
        let mut base = 0.0;
        let total: usize = row
            .iter()
            .enumerate()
            .filter(|(s, _)| series.get(*s).is_some_and(|se| !se.hidden))
            .map(|(_, n)| n)
            .sum();
        for (s, &n) in row.iter().enumerate() {
            let Some(se) = series.get(s) else { continue };
            if n == 0 || se.hidden {
                continue;
            }
            let top = base + n as f64;
            marks.push(Mark {
                x: yi as f64,
                y: top,
                base,
                series: s,
                model: None,
                label: Label::Text(se.name.clone()),
                // The partial year's bars are drawn lighter.
                estimated: partial_year == Some(*year),
                emphasis: false,
                sparse: false,
                always_label: false,
                highlight: false,
                tip: Tip::Lines(vec![
                    format!("{}, {}", se.name, year_label(*year, partial_year)),
                    format!("{} of {total} shown", plural(n, "model", "models")),
                ]),
            });
            rows.push((
                None,
                vec![
                    Cell::text(year.to_string()),
                    Cell::text(se.name.clone()),
                    Cell::number(n as f64, n.to_string()),
                ],
            ));
            base = top;
        }
    }
    let undated = c.models().filter(|(_, m)| m.date.is_none()).count();
    let n_models = c.models().count() - undated;
    Figure {
        chart: c.chart,
        kind: Kind::Stacked,
        title: c.chart.title().to_owned(),
        subtitle: format!(
            "{} by publication year and {}{}",
            plural(n_models, "model", "models"),
            if by_country {
                "the country of the lead organization"
            } else {
                "lead organization"
            },
            if series.iter().any(|s| s.name == "Other") {
                format!("; the {MAX_GROUPS} most frequent shown, the rest as Other")
            } else {
                String::new()
            }
        ) + &partial.map_or(String::new(), |(y, to)| {
            format!("; {y} is partial: the data runs to {to}")
        }) + &crate::chart::window::undated_note(undated)
            .map_or(String::new(), |n| format!("; {n}")),
        source: SOURCE_LINE.to_owned(),
        x: Axis {
            title: "Publication year".to_owned(),
            log: false,
            format: TickFormat::Plain,
            include: Vec::new(),
        },
        y: Axis {
            title: "Models (count)".to_owned(),
            log: false,
            format: TickFormat::Count,
            include: vec![0.0],
        },
        categories: years.iter().map(|&y| year_label(y, partial_year)).collect(),
        series,
        marks,
        lines: Vec::new(),
        notes: Vec::new(),
        labels: false,
        setting: None,
        left_out: undated,
        table: Table {
            columns: vec!["Year".to_owned(), what.to_owned(), "Models".to_owned()],
            rows,
            from_marks: false,
        },
        data: c.data(),
    }
}
