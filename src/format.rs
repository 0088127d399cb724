//! Human-readable numbers: `175B`, `1.6T`, `3.14e23`, and exact values for tooltips.

use crate::data::{Date, Unit};

/// A publication year, or `—` when it is unknown.
pub fn date_year(d: Option<Date>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.year().to_string())
}

/// A publication date as `YYYY-MM-DD`, or `—` when it is unknown.
pub fn date(d: Option<Date>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

/// Rounds to `sig` significant digits and drops trailing zeros: `1.5700` → `1.57`; outside
/// 1e-4 … 1e15 in scientific notation (`2.2e-308`), never hundreds of digits.
fn significant(v: f64, sig: usize) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !(1e-4..1e15).contains(&v.abs()) {
        return mantissa_exponent(v, sig);
    }
    let magnitude = v.abs().log10().floor();
    let decimals = (sig as f64 - 1.0 - magnitude).max(0.0);
    // `decimals` is small and non-negative here.
    let s = format!("{:.*}", decimals as usize, v);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// A count in short form with up to three significant digits: 175B, 1.6T, 340M, 12K, 950.
pub fn short_count(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    if a >= 1e18 {
        // A thousand quadrillion and more: no unit fits.
        return scientific(v);
    }
    const UNITS: [(f64, &str); 5] = [(1e15, "Q"), (1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    for (scale, suffix) in UNITS {
        if a >= scale * 0.9995 {
            let s = significant(v / scale, 3);
            // Rounding can reach 1000 of this unit (999.7B → 1000B): use the next unit then.
            if s.trim_start_matches('-').len() >= 4 && scale < 1e15 && !s.contains('.') {
                return format!("{}{}", significant(v / (scale * 1e3), 3), next_unit(suffix));
            }
            return format!("{s}{suffix}");
        }
    }
    significant(v, 3)
}

fn next_unit(suffix: &str) -> &'static str {
    match suffix {
        "K" => "M",
        "M" => "B",
        "B" => "T",
        _ => "Q",
    }
}

/// `v` in scientific notation with up to `sig` significant digits, trailing zeros dropped:
/// `3.14e23`, `1e23`, `5e-324`. Rust rounds the decimal digits exactly, so neither a
/// subnormal (`5e-324`, where `10^-324` underflows) nor a mantissa that rounds up to 10 goes
/// wrong.
fn mantissa_exponent(v: f64, sig: usize) -> String {
    let s = format!("{:.*e}", sig.saturating_sub(1), v);
    match s.split_once('e') {
        Some((m, e)) if m.contains('.') => {
            format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.'))
        }
        _ => s,
    }
}

/// Scientific notation with three significant digits: `3.14e23`.
pub fn scientific(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    mantissa_exponent(v, 3)
}

/// FLOP in short form (table cells): scientific notation from 10,000 up (`3.14e23`); the
/// tiny budgets of the earliest systems as plain numbers (`40`, `6,600`), never `4e1`.
pub fn flop_short(v: f64) -> String {
    if !v.is_finite() || v.abs() >= 1e4 {
        scientific(v)
    } else if v.abs() >= 1e3 {
        exact(v.round())
    } else {
        plain(v, 3)
    }
}

/// Training compute: `3.14e23 FLOP`; below 10,000 FLOP written plainly (`40 FLOP`), as
/// [`flop_short`] does.
pub fn flop(v: f64) -> String {
    format!("{} FLOP", flop_short(v))
}

/// A whole number with a comma between groups of three digits: `1,000,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A measured whole number (chips, days) rounded, with thousands separators: `10,000`; a
/// fraction below 10 keeps its digits (`2.5`); negative or non-finite values as [`plain`].
pub fn whole(v: f64) -> String {
    if !(0.0..1e19).contains(&v) {
        return plain(v, 4);
    }
    if v < 10.0 && v.fract() != 0.0 {
        return plain(v, 2);
    }
    thousands(v.round() as u64)
}

/// A count with thousands separators (`100,000`).
pub fn count(n: usize) -> String {
    thousands(u64::try_from(n).unwrap_or(u64::MAX))
}

/// A count and its noun, singular for one: `counted(1, "row", "rows")` → "1 row",
/// `counted(2_000, "row", "rows")` → "2,000 rows".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// "1,734 of 100,000 models": how many of a dataset's models a view shows (the status line).
pub fn of_models(shown: usize, total: usize) -> String {
    format!("{} of {} models", count(shown), count(total))
}

/// The exact value with thousands separators (`175,000,000,000`), or scientific notation
/// beyond 1e21 where digits stop meaning anything.
pub fn exact(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v.abs() >= 1e21 || (v != 0.0 && v.abs() < 1e-6) {
        return format!("{v:e}");
    }
    if v.fract() != 0.0 {
        return format!("{v}");
    }
    // Whole and below 1e21: the conversion is exact.
    let out = thousands(v.abs() as u64);
    if v < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A value of `unit` in short form: `175B`, `3.14e23`, `1,024`, `$4.6M`.
pub fn short(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Count => short_count(v),
        Unit::Flop => flop_short(v),
        Unit::Plain if v.abs() >= 1e4 && v.fract() == 0.0 => exact(v),
        Unit::Plain => plain(v, 3),
        Unit::Usd if v < 0.0 => format!("-${}", short_count(-v)),
        Unit::Usd => format!("${}", short_count(v)),
    }
}

/// A value of `unit` written exactly (for tooltips): `175,000,000,000`, `3.14e23 FLOP`.
pub fn exact_in(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Flop => flop(v),
        Unit::Usd => format!("USD {}", exact(v)),
        Unit::Count | Unit::Plain => exact(v),
    }
}

/// A plain number with up to `sig` significant digits (e.g. a score `76.2`, days `34.5`).
pub fn plain(v: f64, sig: usize) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v.abs() >= 1e15 {
        return scientific(v);
    }
    if v.abs() >= 10f64.powi(sig as i32) {
        return format!("{v:.0}");
    }
    significant(v, sig)
}

/// The URL to link to for `url` (a source URL, perhaps from an imported file), or `None`
/// when it must not become a link: only `http:` and `https:` URLs are linked, so a
/// `javascript:`, `data:` or `vbscript:` URL from a file is shown as text, never run.
pub fn safe_link(url: &str) -> Option<&str> {
    let u = url.trim();
    let scheme_end = u.find(':')?;
    let scheme = u.get(..scheme_end)?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let rest = u.get(scheme_end..)?;
    let clean = !u.chars().any(char::is_control);
    (web && rest.starts_with("://") && rest.len() > 3 && clean).then_some(u)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn whole_numbers_get_separators() {
        assert_eq!(super::whole(10_000.0), "10,000");
        assert_eq!(super::whole(1_024.4), "1,024");
        assert_eq!(super::whole(384.0), "384");
        assert_eq!(super::whole(2.5), "2.5");
        assert_eq!(super::whole(f64::NAN), "—");
    }

    use super::*;

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(counted(1, "row", "rows"), "1 row");
        assert_eq!(counted(0, "row", "rows"), "0 rows");
        assert_eq!(counted(2_000, "value", "values"), "2,000 values");
    }

    #[test]
    fn short_counts() {
        assert_eq!(short_count(175e9), "175B");
        assert_eq!(short_count(1.6e12), "1.6T");
        assert_eq!(short_count(1.571e12), "1.57T");
        assert_eq!(short_count(12e12), "12T");
        assert_eq!(short_count(6.7e9), "6.7B");
        assert_eq!(short_count(340e6), "340M");
        assert_eq!(short_count(60e6), "60M");
        assert_eq!(short_count(950.0), "950");
        assert_eq!(short_count(999.7e9), "1T");
        assert_eq!(short_count(f64::NAN), "—");
    }

    #[test]
    fn scientific_and_exact() {
        assert_eq!(scientific(3.14e23), "3.14e23");
        assert_eq!(scientific(3.1415e23), "3.14e23");
        assert_eq!(scientific(9.999e22), "1e23");
        assert_eq!(flop(2.5e24), "2.5e24 FLOP");
        assert_eq!(flop_short(40.0), "40");
        assert_eq!(flop_short(6.6e3), "6,600");
        assert_eq!(flop_short(0.5), "0.5");
        assert_eq!(flop_short(6.95e5), "6.95e5");
        assert_eq!(flop_short(3.14e23), "3.14e23");
        assert_eq!(short(Unit::Flop, 40.0), "40");
        assert_eq!(exact(175e9), "175,000,000,000");
        assert_eq!(exact(1000.0), "1,000");
        assert_eq!(exact(999.0), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(0), "0");
        assert_eq!(of_models(1734, 100_000), "1,734 of 100,000 models");
        assert_eq!(of_models(0, 350), "0 of 350 models");
        assert_eq!(exact(3.14e23), "3.14e23");
        assert_eq!(plain(76.26, 3), "76.3");
        assert_eq!(plain(90.45, 4), "90.45");
    }

    #[test]
    fn extreme_numbers_are_short_and_right() {
        // Regressions: `5e-324` showed as `infe-324`; 1e300 and 2.2e-308 printed hundreds of
        // digits.
        assert_eq!(scientific(5e-324), "4.94e-324");
        assert_eq!(scientific(-1e300), "-1e300");
        assert_eq!(scientific(f64::MAX), "1.8e308");
        assert_eq!(scientific(-9.999e22), "-1e23");
        assert_eq!(exact(1e300), "1e300");
        assert_eq!(exact(2.2e-308), "2.2e-308");
        assert_eq!(exact(0.5), "0.5");
        assert_eq!(plain(1e300, 3), "1e300");
        assert_eq!(plain(2.2e-308, 3), "2.2e-308");
        assert_eq!(plain(12345.0, 3), "12345");
        assert_eq!(short_count(1e300), "1e300");
        assert_eq!(short_count(2.2e-308), "2.2e-308");
        assert_eq!(short_count(5e-324), "4.94e-324");
        assert_eq!(short(Unit::Usd, 1e300), "$1e300");
        for v in [
            5e-324,
            2.2e-308,
            1e-5,
            0.001,
            1.0,
            1e15,
            1e21,
            1e300,
            f64::MAX,
        ] {
            for s in [
                scientific(v),
                exact(v),
                plain(v, 3),
                short_count(v),
                plain(v, 4),
            ] {
                assert!(
                    s.len() <= 26 && !s.contains("inf") && !s.contains("NaN"),
                    "{v}: {s}"
                );
            }
        }
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            safe_link("https://arxiv.org/abs/2005.14165"),
            Some("https://arxiv.org/abs/2005.14165")
        );
        assert_eq!(
            safe_link(" HTTP://example.org "),
            Some("HTTP://example.org")
        );
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "java\tscript:alert(1)",
            "https:alert",
            "https://",
            "http://a\nb",
            "//evil.example",
            "/relative",
            "",
        ] {
            assert_eq!(safe_link(bad), None, "{bad:?}");
        }
    }
}
