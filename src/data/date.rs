//! Calendar dates as the dataset writes them (`YYYY-MM-DD`), with lenient parsing for imports.

use std::fmt;

/// A calendar date (proleptic Gregorian), validated on construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// How exactly a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatePrecision {
    /// The day is known.
    Day,
    /// Only the month is known (the day is the 1st).
    Month,
    /// Only the year is known (the date is 1 January).
    Year,
}

impl DatePrecision {
    /// Parses `day`, `month` or `year`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "day" => Some(Self::Day),
            "month" => Some(Self::Month),
            "year" => Some(Self::Year),
            _ => None,
        }
    }

    /// The dataset spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Year => "year",
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

    /// Parses `YYYY-MM-DD` strictly (the curated dataset's form).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        Self::new(year, month, day)
    }

    /// Parses the common forms found in other people's files: `YYYY-MM-DD`, `YYYY/MM/DD`,
    /// `YYYY-MM`, `YYYY`, and an ISO timestamp (`YYYY-MM-DDThh:mm…`). Returns the precision too.
    pub fn parse_lenient(s: &str) -> Option<(Self, DatePrecision)> {
        let s = s.trim();
        let s = s.split(['T', ' ']).next().unwrap_or(s);
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        let num = |i: usize| parts.get(i).and_then(|p| p.trim().parse::<i64>().ok());
        match parts.len() {
            1 => {
                let y = i32::try_from(num(0)?).ok()?;
                Some((Self::new(y, 1, 1)?, DatePrecision::Year))
            }
            2 => {
                let y = i32::try_from(num(0)?).ok()?;
                let m = u8::try_from(num(1)?).ok()?;
                Some((Self::new(y, m, 1)?, DatePrecision::Month))
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
                let date = Self::new(
                    i32::try_from(y).ok()?,
                    u8::try_from(m).ok()?,
                    u8::try_from(d).ok()?,
                )?;
                Some((date, DatePrecision::Day))
            }
            _ => None,
        }
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
        let y = Date::parse_lenient("2019").expect("year");
        assert_eq!(y, (Date::new(2019, 1, 1).expect("d"), DatePrecision::Year));
        let m = Date::parse_lenient("2019-07").expect("month");
        assert_eq!(m.1, DatePrecision::Month);
        let d = Date::parse_lenient("28/05/2020").expect("dmy");
        assert_eq!(d.0, Date::new(2020, 5, 28).expect("d"));
        let t = Date::parse_lenient("2020-05-28T00:00:00Z").expect("ts");
        assert_eq!(t.0, Date::new(2020, 5, 28).expect("d"));
        assert_eq!(Date::parse_lenient("yesterday"), None);
    }

    #[test]
    fn decimal_year_is_monotonic_within_a_year() {
        let a = Date::new(2020, 1, 1).expect("d").decimal_year();
        let b = Date::new(2020, 12, 31).expect("d").decimal_year();
        assert!(a > 2020.0 && a < 2020.01);
        assert!(b > 2020.99 && b < 2021.0);
    }
}
