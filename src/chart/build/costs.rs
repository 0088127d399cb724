//! The price of scale: training cost over time (with a fitted growth rate and its 95 %
//! interval), and training energy against training compute (with the estimator's lines for
//! three chips at the default MFU and PUE), for the table's visible rows.

use super::{
    clip_text, estimates_note, finish_series, join_subtitle, mark_id, plural, published, rank_keys,
    sampled, sort_marks, Ctx, Tally,
};
use crate::chart::figure::{
    Axis, Cell, Figure, Kind, Line, Mark, Note, Series, Table, TickFormat, Tip,
};
use crate::chart::fit::{self, Fit};
use crate::chart::SOURCE_LINE;
use crate::cost::assumptions::{MFU, PUE};
use crate::data::{chips, Confidence, Dataset, Model, Num, Quantity, Text};
use crate::format;

/// The hardware family a model's hardware text belongs to, for colouring (`not stated` when
/// empty, `other` when no family matches).
pub fn hardware_family(hardware: &str) -> &'static str {
    let h = hardware.to_lowercase();
    const FAMILIES: [(&[&str], &str); 7] = [
        (&["tpu"], "Google TPU"),
        (
            &["h100", "h200", "h800", "b200", "gb200"],
            "NVIDIA H100 and later",
        ),
        (&["a100", "a800"], "NVIDIA A100/A800"),
        (&["v100"], "NVIDIA V100"),
        (
            &["p100", "k80", "k40", "gtx", "titan", "m40", "nvidia"],
            "NVIDIA, older or unstated",
        ),
        (&["ascend"], "Huawei Ascend"),
        (&["amd", "mi250", "mi300"], "AMD Instinct"),
    ];
    if h.trim().is_empty() {
        return "not stated";
    }
    FAMILIES
        .iter()
        .find(|(keys, _)| keys.iter().any(|k| h.contains(k)))
        .map_or("other", |(_, name)| *name)
}

fn lead_org(c: &Ctx<'_>, m: &Model) -> String {
    m.organizations
        .first()
        .map(|id| c.ds.organization(id).map_or(id.clone(), |o| o.name.clone()))
        .unwrap_or_else(|| "unknown".to_owned())
}

fn quantity_line(label: &str, q: &Quantity, text: String) -> String {
    match q.confidence {
        Confidence::Estimated if !q.note.is_empty() => {
            format!("{label}: ≈ {text} (estimated: {})", clip_text(&q.note, 90))
        }
        c => format!("{label}: {text} ({})", c.as_str()),
    }
}

fn axis(title: &str, log: bool, format: TickFormat) -> Axis {
    Axis {
        title: format!("{title}{}", if log { ", log scale" } else { "" }),
        log,
        format,
        // A linear value axis starts at zero; the time axis does not.
        include: if log || format == TickFormat::Year {
            Vec::new()
        } else {
            vec![0.0]
        },
    }
}

/// "×2.4 per year (95% CI 2.0–2.9)".
fn growth_text(f: &Fit) -> String {
    let half = fit::t_975(f.n.saturating_sub(2)) * f.slope_se;
    let per_year = |s: f64| format::plain(10f64.powf(s), 2);
    format!(
        "fitted growth ×{} per year (95% CI ×{}–×{}, n={})",
        per_year(f.slope),
        per_year(f.slope - half),
        per_year(f.slope + half),
        f.n
    )
}

fn empty_figure(c: &Ctx<'_>, x: Axis, y: Axis, columns: Vec<String>) -> Figure {
    Figure {
        chart: c.chart,
        kind: Kind::Scatter,
        title: c.chart.title().to_owned(),
        subtitle: String::new(),
        source: SOURCE_LINE.to_owned(),
        x,
        y,
        categories: Vec::new(),
        series: Vec::new(),
        marks: Vec::new(),
        lines: Vec::new(),
        notes: Vec::new(),
        labels: c.options.labels,
        setting: None,
        left_out: 0,
        table: Table {
            columns,
            rows: Vec::new(),
            from_marks: false,
        },
        data: c.data(),
    }
}

/// Training cost against publication date, coloured by lead organization, with a
/// least-squares fit of log10(cost) on the year of the visible models.
pub(super) fn cost_over_time(c: &Ctx<'_>) -> Figure {
    let y_log = c.options.y_is_log(c.chart);
    let with_cost = |m: &&Model| m.value(Num::TrainingCost).is_some();
    let mut groups = c.facts.cost_groups(|| {
        rank_keys(
            c.ds.models
                .iter()
                .filter(with_cost)
                .filter_map(|m| m.organizations.first())
                .map(|id| {
                    c.ds.organization(id)
                        .map_or(id.as_str(), |o| o.name.as_str())
                }),
        )
    });
    let mut f = empty_figure(
        c,
        axis("Publication date", false, TickFormat::Year),
        axis("Training cost (USD)", y_log, TickFormat::Count),
        [
            "Model",
            "Organization",
            "Date",
            "Training cost (USD)",
            "Confidence",
            "Basis",
            "Dollars of",
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    let mut marks = Vec::new();
    let mut tally = Tally::default();
    let mut rows = Vec::new();
    for (row, m) in c.models() {
        let q = m.num(Num::TrainingCost);
        let Some(v) = tally.value(q.value, y_log) else {
            continue;
        };
        let Some(date) = m.date else {
            tally.undated += 1;
            continue;
        };
        let org = lead_org(c, m);
        let (basis, year) = (m.text(Text::CostBasis), m.text(Text::CostYear));
        let mut tip = vec![
            m.name.clone(),
            org.clone(),
            format!("Published {date}"),
            quantity_line("Training cost", q, format!("${}", format::short_count(v))),
        ];
        if !basis.is_empty() || !year.is_empty() {
            tip.push(format!("Basis: {basis}; {year} USD"));
        }
        rows.push((
            Some(m.id.clone()),
            vec![
                Cell::text(m.name.clone()),
                Cell::text(org.clone()),
                Cell::text(date.to_string()),
                Cell::number(v, format::exact(v)),
                Cell::text(q.confidence.as_str()),
                Cell::text(basis),
                Cell::text(year),
            ],
        ));
        marks.push(Mark::of_model(
            row,
            (date.decimal_year(), v),
            groups.of(&org),
            q.confidence == Confidence::Estimated,
            Tip::Lines(tip),
        ));
    }
    finish_marks(c.ds, &mut groups.series, &mut marks, &mut rows, c.hidden);
    let pts: Vec<(f64, f64)> = marks
        .iter()
        .filter(|m| m.y > 0.0)
        .map(|m| (m.x, m.y.log10()))
        .collect();
    let trend = fit::least_squares(&pts);
    let fit_note = match &trend {
        Some(ft) => {
            f.lines.push(Line {
                points: sampled(ft.x_min, ft.x_max, false, |x| 10f64.powf(ft.at(x))),
                label: format!("×{}/yr", format::plain(10f64.powf(ft.slope), 2)),
                color: (33, 37, 41),
                dashed: false,
            });
            let note = growth_text(ft);
            f.notes.push(Note {
                term: "Trend of the visible points".to_owned(),
                text: note.clone(),
                on_canvas: true,
            });
            note
        }
        None => format!("too few visible points to fit (n={})", pts.len()),
    };
    f.series = groups.series;
    f.marks = marks;
    f.table.rows = rows;
    f.left_out = tally.left_out();
    f.subtitle = join_subtitle(vec![
        format!(
            "{} with a training cost, by lead organization; {fit_note}",
            plural(f.marks.len(), "model", "models")
        ),
        estimates_note(&f.marks),
        tally.describe("one"),
    ]);
    f.source = format!(
        "{SOURCE_LINE}. Costs: mostly Epoch AI's estimates in 2023 USD (amortized hardware and energy of the final run); each model's basis and year are in the table"
    );
    f
}

/// The estimator's energy per FLOP for a chip at the default MFU and PUE (MWh per FLOP),
/// with the chip's name.
fn energy_lines() -> Vec<(String, f64)> {
    let table = chips().unwrap_or_default();
    [
        ("nvidia-v100-sxm2-32gb", "V100"),
        ("nvidia-a100-sxm-80gb", "A100"),
        ("nvidia-h100-sxm", "H100"),
    ]
    .iter()
    .filter_map(|(id, short)| {
        let chip = table.iter().find(|c| c.id == *id)?;
        let peak = chip.peak_tflops(crate::data::Precision::Bf16)?;
        let watts = chip.tdp_watts?;
        let seconds_per_flop = 1.0 / (peak * 1e12 * MFU.value);
        Some((
            format!("{short} estimate"),
            seconds_per_flop * watts * PUE.value / 3.6e9,
        ))
    })
    .collect()
}

/// Training energy against training compute, coloured by hardware family, with the
/// estimator's energy per FLOP of three chips at the default MFU and PUE.
pub(super) fn energy_vs_compute(c: &Ctx<'_>) -> Figure {
    let x_log = c.options.x_is_log(c.chart);
    let y_log = c.options.y_is_log(c.chart);
    let mut groups = c.facts.energy_groups(|| {
        rank_keys(
            c.ds.models
                .iter()
                .filter(|m| m.value(Num::TrainingEnergy).is_some())
                .map(|m| hardware_family(m.text(Text::Hardware))),
        )
    });
    let mut f = empty_figure(
        c,
        axis("Training compute (FLOP)", x_log, TickFormat::Flop),
        axis("Training energy (MWh)", y_log, TickFormat::Count),
        [
            "Model",
            "Organization",
            "Date",
            "Hardware",
            "Training compute (FLOP)",
            "Training energy (MWh)",
            "Energy confidence",
            "MWh per 1e21 FLOP",
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    let mut marks = Vec::new();
    let mut tally = Tally::default();
    let mut rows = Vec::new();
    for (row, m) in c.models() {
        let (qc, qe) = (m.num(Num::TrainingCompute), m.num(Num::TrainingEnergy));
        let Some((x, y)) = tally.point((qc.value, x_log), (qe.value, y_log)) else {
            continue;
        };
        let hw = m.text(Text::Hardware);
        let family = hardware_family(hw);
        let org = lead_org(c, m);
        let per = if x > 0.0 { y / x * 1e21 } else { f64::NAN };
        let tip = vec![
            m.name.clone(),
            org.clone(),
            published(m),
            quantity_line(
                "Training energy",
                qe,
                format!("{} MWh", format::plain(y, 4)),
            ),
            quantity_line("Training compute", qc, format::flop(x)),
            format!(
                "Hardware: {}",
                if hw.is_empty() { "not stated" } else { hw }
            ),
        ];
        rows.push((
            Some(m.id.clone()),
            vec![
                Cell::text(m.name.clone()),
                Cell::text(org),
                Cell::text(format::date(m.date)),
                Cell::text(hw),
                Cell::number(x, format::scientific(x)),
                Cell::number(y, format::plain(y, 4)),
                Cell::text(qe.confidence.as_str()),
                if per.is_finite() {
                    Cell::number(per, format::plain(per, 3))
                } else {
                    Cell::text("")
                },
            ],
        ));
        marks.push(Mark::of_model(
            row,
            (x, y),
            groups.of(family),
            qe.confidence == Confidence::Estimated,
            Tip::Lines(tip),
        ));
    }
    finish_marks(c.ds, &mut groups.series, &mut marks, &mut rows, c.hidden);
    let (x0, x1, y0) = marks
        .iter()
        .fold((f64::INFINITY, 0.0f64, f64::INFINITY), |(lo, hi, y), m| {
            (lo.min(m.x), hi.max(m.x), y.min(m.y))
        });
    if x0.is_finite() && x1 > x0 {
        let greys = [(150, 150, 150), (100, 100, 100), (40, 40, 40)];
        for ((name, per_flop), color) in energy_lines().into_iter().zip(greys) {
            // From where the line enters the points' energy range, so it stays in the plot.
            let start = x0.max(y0 / per_flop).min(x1);
            f.lines.push(Line {
                points: sampled(start, x1, x_log, |x| x * per_flop),
                label: name,
                color,
                dashed: true,
            });
        }
    }
    f.series = groups.series;
    f.marks = marks;
    f.table.rows = rows;
    f.left_out = tally.left_out();
    f.subtitle = join_subtitle(vec![
        format!(
            "{} with training energy and compute, coloured by hardware",
            plural(f.marks.len(), "model", "models")
        ),
        format!(
            "dashed: the estimator's energy on each chip at MFU {} and PUE {} (TDP × hours)",
            format::plain(MFU.value, 2),
            format::plain(PUE.value, 3)
        ),
        estimates_note(&f.marks),
        tally.describe("both"),
    ]);
    f.notes.push(Note {
        term: "Published energy figures".to_owned(),
        text: "they count differently: some the chips' TDP alone, some with PUE or whole servers (see each model's note)".to_owned(),
        on_canvas: false,
    });
    f.source = format!(
        "{SOURCE_LINE}. Energy: developers' papers and model cards, Patterson et al. 2021, and Epoch AI's power × time estimates (CC BY 4.0)"
    );
    f
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::hardware_family;

    #[test]
    fn hardware_families_group_the_hardware_texts() {
        assert_eq!(
            hardware_family("NVIDIA A100 80GB (Jean Zay)"),
            "NVIDIA A100/A800"
        );
        assert_eq!(hardware_family("Google TPU v3 (2048 cores)"), "Google TPU");
        assert_eq!(hardware_family("NVIDIA H800"), "NVIDIA H100 and later");
        assert_eq!(hardware_family(""), "not stated");
        assert_eq!(hardware_family("IBM 704"), "other");
    }
}

/// Finishes a cost chart's series and marks (hidden series out, drawing order) and keeps the
/// table rows of the models still plotted.
fn finish_marks(
    ds: &Dataset,
    series: &mut Vec<Series>,
    marks: &mut Vec<Mark>,
    rows: &mut Vec<(Option<String>, Vec<Cell>)>,
    hidden: &[String],
) {
    finish_series(series, marks, hidden);
    sort_marks(marks);
    let shown: std::collections::HashSet<&str> =
        marks.iter().filter_map(|m| mark_id(ds, m)).collect();
    rows.retain(|(id, _)| id.as_deref().is_some_and(|id| shown.contains(id)));
}
