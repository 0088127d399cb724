#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failed assumption is a failed test.
//! Models without a publication date (Epoch AI's full export has such rows): kept by the
//! importer, left out of the time charts with a count in the subtitle, kept elsewhere.
use super::*;
use crate::data::{import_text, Dataset, DatePrecision, Num};
use std::rc::Rc;

/// Two dated models and one without a date, all with parameters, compute and a cost.
fn imported() -> Dataset {
    let text = "Model,Publication date,Parameters,Training compute (FLOP),Organization\n\
                Dated One,2020-05-28,1.5e9,1e21,Alpha\n\
                Undated,,7e9,3e22,Beta\n\
                Dated Two,2022,2e10,4e22,Alpha\n";
    let imp = import_text("x.csv", text, None).expect("imports");
    assert!(imp.skipped.is_empty(), "{:?}", imp.skipped);
    let mut ds = imp.dataset;
    for m in &mut ds.models {
        m.num_mut(Num::TrainingCost).value = Some(1e6);
    }
    ds
}

#[test]
fn a_row_without_a_date_is_imported_with_an_unknown_date() {
    let ds = Rc::new(imported());
    let names: Vec<&str> = ds.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Dated One", "Undated", "Dated Two"]);
    let undated = &ds.models[1];
    assert_eq!(undated.date, None);
    assert_eq!(undated.date_precision, DatePrecision::Unknown);
    assert_eq!(undated.year(), None);
}

#[test]
fn the_time_charts_leave_an_undated_model_out_and_say_so() {
    let ds = Rc::new(imported());
    let rows = vec![0, 1, 2];
    for chart in [
        ChartId::ParametersOverTime,
        ChartId::ComputeOverTime,
        ChartId::CostOverTime,
        ChartId::ModelsByCountry,
        ChartId::ModelsByOrganization,
    ] {
        for time in [TimeWindow::Auto, TimeWindow::Full] {
            let options = ChartOptions {
                time,
                ..ChartOptions::default()
            };
            let f = figure(&ds, &rows, chart, &options, &[]);
            assert!(
                f.subtitle.contains("1 model without a date not shown"),
                "{chart:?}: {}",
                f.subtitle
            );
            assert!(
                !f.subtitle.contains("outside"),
                "the window does not count it: {}",
                f.subtitle
            );
            assert_eq!(f.left_out, 1, "{chart:?}");
            assert!(
                f.marks.iter().all(|m| f.model_id(m) != Some("undated")),
                "{chart:?}"
            );
        }
    }
    // Without the undated row there is nothing to say.
    let f = figure(
        &ds,
        &[0, 2],
        ChartId::ComputeOverTime,
        &ChartOptions::default(),
        &[],
    );
    assert!(!f.subtitle.contains("without a date"), "{}", f.subtitle);
    // Only undated rows: an empty chart that still says why.
    let f = figure(
        &ds,
        &[1],
        ChartId::ParametersOverTime,
        &ChartOptions::default(),
        &[],
    );
    assert!(f.marks.is_empty());
    assert!(f.subtitle.contains("1 model without a date not shown"));
}

#[test]
fn charts_without_a_time_axis_keep_an_undated_model() {
    let mut ds = imported();
    for m in &mut ds.models {
        m.num_mut(Num::TrainingTokens).value = Some(1e11);
    }
    let ds = Rc::new(ds);
    let options = ChartOptions::default();
    let f = figure(&ds, &[0, 1, 2], ChartId::TokensVsParameters, &options, &[]);
    assert!(!f.subtitle.contains("without a date"), "{}", f.subtitle);
    let mark = f
        .marks
        .iter()
        .find(|m| f.label(m) == "Undated")
        .expect("the undated model is plotted");
    let tip = tip_lines(&ds, &f, &options, mark);
    assert!(
        tip.iter().any(|l| l == "Publication date unknown"),
        "{tip:?}"
    );
}
