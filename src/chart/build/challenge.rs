//! The ImageNet (ILSVRC) challenge: the winning top-5 error per year, with the human baseline.

use std::collections::BTreeMap;

use super::{finish_series, join_subtitle, Ctx, Tally};
use crate::chart::figure::{
    Axis, Cell, Figure, Kind, Label, Line, Mark, Series, Table, TickFormat, Tip,
};
use crate::chart::series_color;
use crate::format;

/// The short name of an ILSVRC entry: the part before its parenthesised details.
fn short_entry(entry: &str) -> String {
    let inner = entry
        .split_once('(')
        .and_then(|(_, r)| r.strip_suffix(')'))
        .map(str::trim)
        .filter(|r| !r.is_empty() && !r.contains([' ', ',']));
    match inner {
        Some(i) => i.to_owned(),
        None => entry.split(" (").next().unwrap_or(entry).trim().to_owned(),
    }
}

/// The ILSVRC chart: the best top-5 error per year (2010–2017) as columns, with the human
/// baseline as a dashed line; not filtered by the table.
pub(super) fn imagenet_challenge(c: &Ctx<'_>) -> Figure {
    let is_human = |team: &str| team.eq_ignore_ascii_case("human baseline");
    let mut winners: BTreeMap<i32, &crate::data::ChallengeEntry> = BTreeMap::new();
    for e in c.ds.imagenet_challenge.iter().filter(|e| {
        !is_human(&e.team) && (2010..=2017).contains(&e.year) && e.top5_error.is_finite()
    }) {
        match winners.get(&e.year) {
            Some(prev) if prev.top5_error <= e.top5_error => {}
            _ => {
                winners.insert(e.year, e);
            }
        }
    }
    let human =
        c.ds.imagenet_challenge
            .iter()
            .find(|e| is_human(&e.team) && e.top5_error.is_finite());
    let y_log = c.options.y_is_log(c.chart);
    let mut series = vec![
        Series {
            name: "Deep learning".to_owned(),
            color: series_color(0),
            hidden: false,
            count: 0,
        },
        Series {
            name: "Other methods".to_owned(),
            color: series_color(1),
            hidden: false,
            count: 0,
        },
    ];
    let mut marks = Vec::new();
    let mut categories = Vec::new();
    let mut rows = Vec::new();
    let mut tally = Tally::default();
    for (year, e) in &winners {
        if y_log && e.top5_error <= 0.0 {
            tally.non_positive += 1;
            continue;
        }
        let yes = |b: bool| if b { "yes" } else { "no" };
        marks.push(Mark {
            x: f64::from(*year),
            y: e.top5_error,
            base: 0.0,
            series: if e.deep_learning { 0 } else { 1 },
            model: None,
            label: Label::Text(short_entry(&e.entry)),
            estimated: false,
            emphasis: false,
            sparse: false,
            always_label: true,
            highlight: false,
            tip: Tip::Lines(vec![
                format!("{year}: {}", e.entry),
                e.team.clone(),
                format!("Top-5 error: {}%", format::plain(e.top5_error, 4)),
                format!(
                    "Deep learning: {}; outside training data: {}",
                    yes(e.deep_learning),
                    yes(e.extra_data)
                ),
            ]),
        });
        rows.push((
            *year,
            vec![
                Cell::text(year.to_string()),
                Cell::text(e.entry.clone()),
                Cell::text(e.team.clone()),
                Cell::number(e.top5_error, format!("{}%", format::plain(e.top5_error, 4))),
                Cell::text(yes(e.deep_learning)),
                Cell::text(yes(e.extra_data)),
            ],
        ));
    }
    // Every winning year stays a category (an empty slot when its series is hidden).
    let years: Vec<i32> = rows.iter().map(|(y, _)| *y).collect();
    finish_series(&mut series, &mut marks, c.hidden);
    let shown: Vec<i32> = years
        .iter()
        .copied()
        .filter(|y| marks.iter().any(|m| m.x == f64::from(*y)))
        .collect();
    for y in &years {
        categories.push(y.to_string());
    }
    for m in &mut marks {
        let year = m.x;
        m.x = years
            .iter()
            .position(|y| f64::from(*y) == year)
            .map_or(0.0, |i| i as f64);
    }
    let rows: Vec<(Option<String>, Vec<Cell>)> = rows
        .into_iter()
        .filter(|(y, _)| shown.contains(y))
        .map(|(_, cells)| (None, cells))
        .collect();
    let mut lines = Vec::new();
    let notes = Vec::new();
    if let Some(h) = human {
        let n = categories.len().max(1) as f64;
        lines.push(Line {
            points: vec![(-0.5, h.top5_error), (n - 0.5, h.top5_error)],
            label: format!("Human: {}%", format::plain(h.top5_error, 3)),
            color: (200, 30, 30),
            dashed: true,
        });
    }
    let first_dl = winners
        .iter()
        .find(|(_, e)| e.deep_learning)
        .map(|(y, _)| *y);
    Figure {
        chart: c.chart,
        kind: Kind::Columns,
        title: c.chart.title().to_owned(),
        subtitle: join_subtitle(vec![
            format!(
                "Winning entries of the ILSVRC classification task, {}–{}{}",
                years.first().copied().unwrap_or(2010),
                years.last().copied().unwrap_or(2017),
                first_dl.map_or(String::new(), |y| format!(
                    "; deep networks win from {y}"
                ))
            ),
            human.map_or(String::new(), |h| {
                format!(
                    "dashed: the human baseline, {}% ({}, {})",
                    format::plain(h.top5_error, 3),
                    h.entry,
                    h.year
                )
            }),
            "not affected by the table's filters".to_owned(),
            tally.describe("one"),
        ]),
        source: "Source: ILSVRC results (image-net.org); human baseline: Russakovsky et al. 2015; via the Model Atlas dataset".to_owned(),
        x: Axis {
            title: "Competition year".to_owned(),
            log: false,
            format: TickFormat::Plain,
            include: Vec::new(),
        },
        y: Axis {
            title: format!(
                "Top-5 error (%){}",
                if y_log { ", log scale" } else { "" }
            ),
            log: y_log,
            format: TickFormat::Percent,
            include: if y_log { Vec::new() } else { vec![0.0] },
        },
        categories,
        series,
        marks,
        lines,
        notes,
        labels: true,
        setting: None,
        left_out: tally.left_out(),
        table: Table {
            columns: [
                "Year",
                "Entry",
                "Team",
                "Top-5 error",
                "Deep learning",
                "Outside data",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
            rows,
            from_marks: false,
        },
        data: c.data(),
    }
}
