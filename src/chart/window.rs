//! Which years a time axis shows (the time charts, the counts per year, the countries × year
//! table) and which year of the data is only partly covered.
//!
//! The window is a view setting like zoom, not a filter: the table's rows stay the same, the
//! chart shows the years of the window. **The rule:** time axes open on the deep-learning era,
//! from [`DEEP_LEARNING_FROM`] (2010, the start of Sevilla et al. 2022's deep-learning era) to
//! the newest visible model, when the visible models reach both before and after 2010; else on
//! every visible year. When the table's year filter (`from`/`to`) is set, the window follows
//! the filtered rows ([`TimeWindow::within`]). "Full history" (`time=all`) shows every year;
//! `time=2012..2024` chooses the years (either end may be left open: `time=2015..`).

use crate::data::{Dataset, Model};
use crate::query::Range;

/// The first year time axes open on: the deep-learning era of Sevilla et al. 2022, "Compute
/// Trends Across Three Eras of Machine Learning".
pub const DEEP_LEARNING_FROM: i32 = 2010;

/// Years a URL may name in `time=` (wider values are ignored with a notice).
const YEAR_LIMITS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A time axis's window (`time=` in the URL).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TimeWindow {
    /// The default: the deep-learning era (see the module's rule). Not written to the URL.
    #[default]
    Auto,
    /// Every year of the visible models (`time=all`).
    Full,
    /// Chosen years, inclusive; an open end follows the visible models (`time=2012..2024`).
    Years {
        /// First year shown (`None`: the earliest visible model's).
        from: Option<i32>,
        /// Last year shown (`None`: the newest visible model's).
        to: Option<i32>,
    },
}

/// Inclusive years a time axis shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearSpan {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
}

impl YearSpan {
    /// Whether `year` lies in the span.
    pub fn contains(self, year: i32) -> bool {
        (self.from..=self.to).contains(&year)
    }

    /// `2010–2026` (or `2024` for one year).
    pub fn label(self) -> String {
        if self.from == self.to {
            self.from.to_string()
        } else {
            format!("{}–{}", self.from, self.to)
        }
    }
}

impl TimeWindow {
    /// Parses the URL value: `all`, `2012..2024`, `2015..`, `..2020` (a single year `2020` is
    /// `2020..2020`; reversed ends are swapped). `None` when it is none of these.
    pub fn from_param(v: &str) -> Option<TimeWindow> {
        let v = v.trim();
        if v == "all" {
            return Some(TimeWindow::Full);
        }
        let year = |s: &str| -> Option<Option<i32>> {
            let s = s.trim();
            if s.is_empty() {
                return Some(None);
            }
            let y: i32 = s.parse().ok()?;
            YEAR_LIMITS.contains(&y).then_some(Some(y))
        };
        let (from, to) = match v.split_once("..") {
            Some((a, b)) => (year(a)?, year(b)?),
            None => {
                let y = year(v)?;
                (y, y)
            }
        };
        match (from, to) {
            (None, None) => None,
            (Some(a), Some(b)) if a > b => Some(TimeWindow::Years {
                from: Some(b),
                to: Some(a),
            }),
            (from, to) => Some(TimeWindow::Years { from, to }),
        }
    }

    /// The URL value (`None` for the default, which is not written).
    pub fn to_param(self) -> Option<String> {
        let end = |y: Option<i32>| y.map_or(String::new(), |y| y.to_string());
        match self {
            TimeWindow::Auto => None,
            TimeWindow::Full => Some("all".to_owned()),
            TimeWindow::Years { from, to } => Some(format!("{}..{}", end(from), end(to))),
        }
    }

    /// The window under the table's year filter: when `from`/`to` is set, the default window
    /// follows the filtered rows (every year they span) instead of opening at 2010.
    pub fn within(self, years: &Range) -> TimeWindow {
        if self == TimeWindow::Auto && !years.is_open() {
            TimeWindow::Full
        } else {
            self
        }
    }

    /// The years shown for visible models published from `first` to `last` (inclusive).
    pub fn span(self, first: i32, last: i32) -> YearSpan {
        match self {
            TimeWindow::Auto if first < DEEP_LEARNING_FROM && last >= DEEP_LEARNING_FROM => {
                YearSpan {
                    from: DEEP_LEARNING_FROM,
                    to: last,
                }
            }
            TimeWindow::Auto | TimeWindow::Full => YearSpan {
                from: first,
                to: last,
            },
            TimeWindow::Years { from, to } => YearSpan {
                from: from.unwrap_or(first),
                to: to.unwrap_or(last),
            },
        }
    }
}

/// The first and last publication years of the visible dated models (`None` when there are
/// none).
pub fn data_years(ds: &Dataset, rows: &[usize]) -> Option<(i32, i32)> {
    year_range(rows, &|r| ds.models.get(r).map(Model::year))
}

/// The first and last of the years `year_of` gives `rows` (see [`rows_in_window`]).
fn year_range(
    rows: &[usize],
    year_of: &impl Fn(usize) -> Option<Option<i32>>,
) -> Option<(i32, i32)> {
    rows.iter()
        .filter_map(|&r| year_of(r).flatten())
        .fold(None, |acc, y| match acc {
            None => Some((y, y)),
            Some((lo, hi)) => Some((y.min(lo), y.max(hi))),
        })
}

/// The visible models inside the window: the rows (in order) whose year the window shows, how
/// many visible rows it leaves out, and the span (`None` when there are no dated rows). Rows
/// without a date are kept (the window does not place them), for the chart to count them as
/// left out for want of a date. `year_of` gives a row's publication year: `Some(None)` for an
/// undated model, `None` for a row that is not in the dataset (left out).
pub fn rows_in_window(
    rows: &[usize],
    window: TimeWindow,
    year_of: impl Fn(usize) -> Option<Option<i32>>,
) -> (Vec<usize>, usize, Option<YearSpan>) {
    let Some((first, last)) = year_range(rows, &year_of) else {
        return (rows.to_vec(), 0, None);
    };
    let span = window.span(first, last);
    let kept: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&r| year_of(r).is_some_and(|y| y.is_none_or(|y| span.contains(y))))
        .collect();
    let left_out = rows.len() - kept.len();
    (kept, left_out, Some(span))
}

/// "12 models outside 2010–2026 not shown (Full history shows them)", or `None` when every
/// visible model is in the window.
pub fn left_out_note(left_out: usize, span: Option<YearSpan>) -> Option<String> {
    let span = span?;
    (left_out > 0).then(|| {
        let (what, them) = if left_out == 1 {
            ("model", "it")
        } else {
            ("models", "them")
        };
        format!(
            "{} {what} outside {} not shown (Full history shows {them})",
            crate::format::count(left_out),
            span.label()
        )
    })
}

/// "3 models without a date not shown" for `n` models a time chart or table by year leaves out
/// for want of a date, or `None` when there are none.
pub fn undated_note(n: usize) -> Option<String> {
    (n > 0).then(|| {
        format!(
            "{} without a date not shown",
            crate::format::counted(n, "model", "models")
        )
    })
}

/// The year the data covers only in part, with the date it runs to: the year of the newest
/// model in the whole dataset (the data is gathered up to that model), unless that model is
/// dated 31 December. Counts of that year are not comparable with full years.
pub fn partial_year(ds: &Dataset) -> Option<(i32, String)> {
    let newest = ds.models.iter().filter_map(|m| m.date).max()?;
    let full = newest.month() == 12 && newest.day() == 31;
    (!full).then(|| (newest.year(), newest.to_string()))
}

/// The label of `year` in counts per year: `2026 (to date)` for the partial year.
pub fn year_label(year: i32, partial: Option<i32>) -> String {
    if partial == Some(year) {
        format!("{year} (to date)")
    } else {
        year.to_string()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // Test code.
    use super::*;

    #[test]
    fn the_default_opens_on_the_deep_learning_era() {
        let w = TimeWindow::Auto;
        assert_eq!(
            w.span(1950, 2026),
            YearSpan {
                from: 2010,
                to: 2026
            }
        );
        // Nothing before 2010, or nothing after: every visible year.
        assert_eq!(
            w.span(2015, 2026),
            YearSpan {
                from: 2015,
                to: 2026
            }
        );
        assert_eq!(
            w.span(1950, 2005),
            YearSpan {
                from: 1950,
                to: 2005
            }
        );
        assert_eq!(
            TimeWindow::Full.span(1950, 2026),
            YearSpan {
                from: 1950,
                to: 2026
            }
        );
        let chosen = TimeWindow::Years {
            from: Some(2015),
            to: None,
        };
        assert_eq!(
            chosen.span(1950, 2026),
            YearSpan {
                from: 2015,
                to: 2026
            }
        );
    }

    #[test]
    fn a_year_filter_makes_the_default_follow_the_filtered_rows() {
        let filtered = Range {
            min: Some(2000.0),
            max: None,
        };
        assert_eq!(TimeWindow::Auto.within(&filtered), TimeWindow::Full);
        assert_eq!(TimeWindow::Auto.within(&Range::default()), TimeWindow::Auto);
        let chosen = TimeWindow::Years {
            from: Some(2012),
            to: Some(2020),
        };
        assert_eq!(chosen.within(&filtered), chosen);
    }

    #[test]
    fn url_values_round_trip_and_bad_ones_are_refused() {
        for w in [
            TimeWindow::Full,
            TimeWindow::Years {
                from: Some(2012),
                to: Some(2024),
            },
            TimeWindow::Years {
                from: Some(2015),
                to: None,
            },
            TimeWindow::Years {
                from: None,
                to: Some(2020),
            },
        ] {
            let p = w.to_param().unwrap();
            assert_eq!(TimeWindow::from_param(&p), Some(w), "{p}");
        }
        assert_eq!(TimeWindow::Auto.to_param(), None);
        assert_eq!(
            TimeWindow::from_param("2024..2012"),
            Some(TimeWindow::Years {
                from: Some(2012),
                to: Some(2024)
            })
        );
        assert_eq!(
            TimeWindow::from_param("2020"),
            Some(TimeWindow::Years {
                from: Some(2020),
                to: Some(2020)
            })
        );
        for bad in [
            "",
            "..",
            "x..2020",
            "1800..2020",
            "2020..99999",
            "latest",
            "2e3..",
        ] {
            assert_eq!(TimeWindow::from_param(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_window_keeps_the_rows_of_its_years() {
        let ds = Dataset::embedded().unwrap();
        let rows: Vec<usize> = (0..ds.models.len()).collect();
        let year_of = |r: usize| ds.models.get(r).map(Model::year);
        let (kept, left_out, span) = rows_in_window(&rows, TimeWindow::Auto, year_of);
        let span = span.unwrap();
        assert_eq!(span.from, DEEP_LEARNING_FROM);
        assert_eq!(kept.len() + left_out, rows.len());
        assert!(left_out > 0, "the dataset has models before 2010");
        assert!(kept
            .iter()
            .all(|&r| ds.models[r].year().unwrap() >= DEEP_LEARNING_FROM));
        let (all, none_out, _) = rows_in_window(&rows, TimeWindow::Full, year_of);
        assert_eq!((all.len(), none_out), (rows.len(), 0));
        assert_eq!(
            rows_in_window(&[], TimeWindow::Auto, year_of),
            (Vec::new(), 0, None)
        );
        assert!(left_out_note(left_out, Some(span))
            .unwrap()
            .contains("outside 2010–"));
        assert_eq!(left_out_note(0, Some(span)), None);
    }

    #[test]
    fn the_newest_models_year_is_partial() {
        let ds = Dataset::embedded().unwrap();
        let newest = ds.models.iter().filter_map(|m| m.date).max().unwrap();
        let (year, to) = partial_year(&ds).unwrap();
        assert_eq!(year, newest.year());
        assert_eq!(to, newest.to_string());
        assert_eq!(year_label(year, Some(year)), format!("{year} (to date)"));
        assert_eq!(year_label(2020, Some(year)), "2020");
    }
}
