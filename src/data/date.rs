//! Calendar dates as the dataset writes them (`YYYY-MM-DD`), and every date parser of the
//! crate: strict for the curated files ([`Date::parse_iso`]), lenient for imports
//! ([`parse_date`]), with the one table of month names ([`MONTHS`]).

use std::fmt;

use super::parse_number;

/// The months' English names, January first. The first three letters are the short name
/// (`Jan`, `Feb`, …); [`parse_date`] reads the full name or any prefix of at least three letters.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar date (proleptic Gregorian), validated on construction.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// How exactly a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DatePrecision {
    /// The day is known.
    Day,
    /// Only the month is known (the day is the 1st).
    Month,
    /// Only the year is known (the date is 1 January).
    Year,
    /// No date is known (the model's date is empty).
    Unknown,
}

impl DatePrecision {
    /// Parses `day`, `month`, `year` or `unknown`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "day" => Some(Self::Day),
            "month" => Some(Self::Month),
            "year" => Some(Self::Year),
            "unknown" => Some(Self::Unknown),
            _ => None,
        }
    }

    /// The dataset spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Year => "year",
            Self::Unknown => "unknown",
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A date from its parts, or `None` when it does not exist (years 1000–9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD` strictly (the curated dataset's form; surrounding white space is
    /// ignored).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let b = s.trim().as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let num = |from: usize, to: usize| -> Option<u16> {
            b.get(from..to)?.iter().try_fold(0u16, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
            })
        };
        Self::new(
            i32::from(num(0, 4)?),
            u8::try_from(num(5, 7)?).ok()?,
            u8::try_from(num(8, 10)?).ok()?,
        )
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The date as a fractional year (the middle of the day), for time axes and fits.
    pub fn decimal_year(self) -> f64 {
        let before: u32 = (1..self.month)
            .map(|m| u32::from(days_in_month(self.year, m)))
            .sum();
        let day_of_year = f64::from(before + u32::from(self.day)) - 0.5;
        let len = if is_leap(self.year) { 366.0 } else { 365.0 };
        f64::from(self.year) + day_of_year / len
    }

    /// Whole months from `self` to `other` (negative when `other` is earlier), ignoring days.
    pub fn months_until(self, other: Date) -> i32 {
        (other.year - self.year) * 12 + i32::from(other.month) - i32::from(self.month)
    }
}

/// The month a word names (1–12): a name of [`MONTHS`] or a prefix of at least three letters
/// (`May`, `Sept.`, `december`), any case, with or without a final `.`.
fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS
        .iter()
        .position(|m| m.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w)))?;
    u8::try_from(i + 1).ok()
}

/// The forms written with numbers only: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY-MM`, `YYYY`,
/// `DD/MM/YYYY` (`-`, `/` or `.` between the parts), and an ISO timestamp
/// (`YYYY-MM-DDThh:mm…`).
fn numeric_date(s: &str) -> Option<(Date, DatePrecision)> {
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.trim().parse::<i64>().ok());
    match parts.len() {
        1 => {
            let y = i32::try_from(num(0)?).ok()?;
            Some((Date::new(y, 1, 1)?, DatePrecision::Year))
        }
        2 => {
            let y = i32::try_from(num(0)?).ok()?;
            let m = u8::try_from(num(1)?).ok()?;
            Some((Date::new(y, m, 1)?, DatePrecision::Month))
        }
        3 => {
            let (a, b, c) = (num(0)?, num(1)?, num(2)?);
            // Year first, or day/month/year with a four-digit year last.
            let (y, m, d) = if parts.first().is_some_and(|p| p.len() == 4) {
                (a, b, c)
            } else if parts.get(2).is_some_and(|p| p.len() == 4) {
                (c, b, a)
            } else {
                return None;
            };
            let date = Date::new(
                i32::try_from(y).ok()?,
                u8::try_from(m).ok()?,
                u8::try_from(d).ok()?,
            )?;
            Some((date, DatePrecision::Day))
        }
        _ => None,
    }
}

/// Parses a date in the common forms found in other people's files, with its precision:
/// `2020-05-28` (the most common, read first), `2020/05/28`, `2020-05`, `2020`, a year written
/// as a number (`2019.0`), ISO timestamps, `28/05/2020` (day first when ambiguous),
/// `05/28/2020` when it can only be month/day/year, and with month names (`May 2020`,
/// `28 May 2020`, `May 28, 2020`, `December 1st, 2021`).
pub fn parse_date(s: &str) -> Option<(Date, DatePrecision)> {
    let s = s.trim();
    if let Some(d) = Date::parse_iso(s) {
        return Some((d, DatePrecision::Day));
    }
    if let Some(d) = numeric_date(s) {
        return Some(d);
    }
    // A year written as a number (`2019.0` from a spreadsheet or JSON).
    if let Some(y) = parse_number(s).filter(|y| y.fract() == 0.0 && (1000.0..=9999.0).contains(y)) {
        // Whole and in range, so the conversion is exact.
        return Some((Date::new(y as i32, 1, 1)?, DatePrecision::Year));
    }
    // m/d/yyyy when d/m/yyyy is impossible.
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    if let [m, d, y] = parts.as_slice() {
        if y.len() == 4 {
            let date = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
            return Some((date, DatePrecision::Day));
        }
    }
    // Month names.
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let year_of = |w: &str| -> Option<i32> { (w.len() == 4).then(|| w.parse().ok()).flatten() };
    let day_of = |w: &str| -> Option<u8> {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok()
    };
    match words.as_slice() {
        [m, y] => {
            let date = Date::new(year_of(y)?, month_number(m)?, 1)?;
            Some((date, DatePrecision::Month))
        }
        [a, b, y] => {
            let year = year_of(y)?;
            let (month, day) = match (month_number(a), month_number(b)) {
                (Some(m), None) => (m, day_of(b)?),
                (None, Some(m)) => (m, day_of(a)?),
                _ => return None,
            };
            Some((Date::new(year, month, day)?, DatePrecision::Day))
        }
        _ => None,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_and_rejects_impossible_dates() {
        let d = Date::parse_iso("2020-05-28").expect("valid");
        assert_eq!((d.year(), d.month(), d.day()), (2020, 5, 28));
        assert_eq!(d.to_string(), "2020-05-28");
        for bad in [
            "2021-02-29",
            "2020-13-01",
            "2020-00-10",
            "20-05-28",
            "2020-5-28",
            "",
            "abcd-ef-gh",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
        assert!(Date::parse_iso("2024-02-29").is_some());
    }

    #[test]
    fn lenient_forms() {
        let y = parse_date("2019").expect("year");
        assert_eq!(y, (Date::new(2019, 1, 1).expect("d"), DatePrecision::Year));
        let m = parse_date("2019-07").expect("month");
        assert_eq!(m.1, DatePrecision::Month);
        let d = parse_date("28/05/2020").expect("dmy");
        assert_eq!(d.0, Date::new(2020, 5, 28).expect("d"));
        let t = parse_date("2020-05-28T00:00:00Z").expect("ts");
        assert_eq!(t.0, Date::new(2020, 5, 28).expect("d"));
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn dates_in_common_forms() {
        let d = |s: &str| parse_date(s).map(|(d, p)| (d.to_string(), p));
        use DatePrecision::*;
        assert_eq!(d("2020-05-28"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("2020/05/28"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("28.05.2020"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("05/28/2020"), Some(("2020-05-28".into(), Day)));
        assert_eq!(
            d("03/04/2020"),
            Some(("2020-04-03".into(), Day)),
            "day first when ambiguous"
        );
        assert_eq!(d("2020-05"), Some(("2020-05-01".into(), Month)));
        assert_eq!(d("2020"), Some(("2020-01-01".into(), Year)));
        assert_eq!(d("2020.0"), Some(("2020-01-01".into(), Year)));
        assert_eq!(d("2020-05-28T12:00:00Z"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("May 2020"), Some(("2020-05-01".into(), Month)));
        assert_eq!(d("Sept. 2019"), Some(("2019-09-01".into(), Month)));
        assert_eq!(d("28 May 2020"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("May 28, 2020"), Some(("2020-05-28".into(), Day)));
        assert_eq!(d("December 1st, 2021"), Some(("2021-12-01".into(), Day)));
        for bad in ["", "soon", "2020-02-30", "13/13/2020", "Mayo 2020", "43831"] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_names_and_their_short_forms() {
        for (i, name) in MONTHS.iter().enumerate() {
            let n = u8::try_from(i + 1).ok();
            assert_eq!(month_number(name), n, "{name}");
            assert_eq!(month_number(&name.to_uppercase()), n, "{name}");
            assert_eq!(month_number(&format!("{}.", &name[..3])), n, "{name}");
        }
        assert_eq!(month_number("Sept"), Some(9));
        for bad in ["Ma", "Mayo", "Marz", "", "."] {
            assert_eq!(month_number(bad), None, "{bad}");
        }
        assert!(Date::parse_iso("2020-+1-01").is_none(), "digits only");
        assert!(
            Date::parse_iso(" 2020-05-28 ").is_some(),
            "white space around"
        );
    }

    #[test]
    fn decimal_year_is_monotonic_within_a_year() {
        let a = Date::new(2020, 1, 1).expect("d").decimal_year();
        let b = Date::new(2020, 12, 31).expect("d").decimal_year();
        assert!(a > 2020.0 && a < 2020.01);
        assert!(b > 2020.99 && b < 2021.0);
    }
}
