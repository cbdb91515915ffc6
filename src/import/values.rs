//! Reading cell text as dates, amounts, numbers and yes/no, with the formats detected over a
//! whole file: one file uses one date format and one decimal separator.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A date pattern in strftime style, e.g. `%d/%m/%Y`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat(pub String);

/// Patterns tried when the user gives none, in order of preference: ISO first, then the
/// European day-first forms, then the US month-first ones.
const DATE_CANDIDATES: [&str; 10] = [
    "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d", "%m/%d/%Y", "%Y%m%d", "%d/%m/%y",
    "%d.%m.%y", "%m/%d/%y",
];

impl DateFormat {
    pub fn new(pattern: &str) -> DateFormat {
        DateFormat(pattern.to_string())
    }

    pub fn parse(&self, text: &str) -> Option<NaiveDate> {
        let text = strip_time(text.trim());
        let date = if self.0 == "%Y-%m-%d" {
            parse_iso(text)?
        } else {
            NaiveDate::parse_from_str(text, &self.0).ok()?
        };
        // "%y" would read "0026" as year 26; real business dates are in a sane range.
        (1900..=2200)
            .contains(&chrono::Datelike::year(&date))
            .then_some(date)
    }

    /// A human form of the pattern, for messages: `%d/%m/%Y` → `DD/MM/YYYY`.
    pub fn shown(&self) -> String {
        self.0
            .replace("%Y", "YYYY")
            .replace("%y", "YY")
            .replace("%m", "MM")
            .replace("%d", "DD")
    }
}

/// `YYYY-MM-DD` without going through a format interpreter: the common case of large files.
fn parse_iso(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )
}

/// "2026-03-01T00:00:00" and "2026-03-01 00:00" are dates with a time: keep the date.
fn strip_time(text: &str) -> &str {
    match text.find(['T', ' ']) {
        Some(i) if i >= 6 && text[i + 1..].contains(':') => &text[..i],
        _ => text,
    }
}

/// What detection found: the format, and whether another format would have read the same
/// text differently (only day/month order can be ambiguous; the message says which was taken).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectedDates {
    pub format: DateFormat,
    pub ambiguous_with: Option<DateFormat>,
}

/// The first candidate that reads every value, or the value no candidate reads as well as
/// the best one (for the error message).
pub fn detect_date_format<'a>(
    values: impl Iterator<Item = &'a str> + Clone,
) -> Result<DetectedDates, &'a str> {
    let values = values.filter(|v| !v.trim().is_empty());
    let readers: Vec<DateFormat> = DATE_CANDIDATES
        .iter()
        .map(|p| DateFormat::new(p))
        .filter(|f| values.clone().all(|v| f.parse(v).is_some()))
        .collect();
    match readers.first() {
        Some(first) => {
            let ambiguous_with = readers
                .iter()
                .skip(1)
                .find(|other| values.clone().any(|v| other.parse(v) != first.parse(v)))
                .cloned();
            Ok(DetectedDates {
                format: first.clone(),
                ambiguous_with,
            })
        }
        None => {
            // Report the first value the most tolerant candidate fails on.
            let best = DATE_CANDIDATES
                .iter()
                .map(|p| DateFormat::new(p))
                .max_by_key(|f| values.clone().filter(|v| f.parse(v).is_some()).count())
                .expect("there are candidates");
            Err(values
                .clone()
                .find(|v| best.parse(v).is_none())
                .unwrap_or_default())
        }
    }
}

/// The decimal separator of a file's amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalSeparator {
    Point,
    Comma,
}

/// Decides the decimal separator from all amount texts of a file. A value such as "1.234,56"
/// or "12,5" decides for the comma, "1,234.56" or "12.5" for the point; "1,234" alone says
/// nothing (it could be either), and without evidence the point is taken.
pub fn detect_decimal_separator<'a>(values: impl Iterator<Item = &'a str>) -> DecimalSeparator {
    let (mut point, mut comma) = (0usize, 0usize);
    for value in values {
        let digits_and_marks: String = value
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let last_point = digits_and_marks.rfind('.');
        let last_comma = digits_and_marks.rfind(',');
        match (last_point, last_comma) {
            (Some(p), Some(c)) if p > c => point += 1,
            (Some(_), Some(_)) => comma += 1,
            (Some(p), None)
                if digits_and_marks.matches('.').count() == 1
                    && digits_and_marks.len() - p - 1 != 3 =>
            {
                point += 1
            }
            (None, Some(c))
                if digits_and_marks.matches(',').count() == 1
                    && digits_and_marks.len() - c - 1 != 3 =>
            {
                comma += 1
            }
            _ => {}
        }
    }
    if comma > point {
        DecimalSeparator::Comma
    } else {
        DecimalSeparator::Point
    }
}

/// Parses an amount such as "1 234,56", "-12.30", "(12.30)", "12.30-", "€ 1,234.56".
pub fn parse_amount(text: &str, separator: DecimalSeparator) -> Option<Decimal> {
    let mut t = text.trim();
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        negative = true;
        t = inner;
    }
    let cleaned: String = t
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '€' | '$' | '£' | '\'' | '\u{a0}' | '\u{202f}')
        })
        .collect();
    let mut body = cleaned.as_str();
    let upper = body.to_ascii_uppercase();
    for code in ["EUR", "GBP", "USD", "CHF"] {
        if upper.starts_with(code) {
            body = &body[3..];
        } else if upper.ends_with(code) {
            body = &body[..body.len() - 3];
        }
    }
    if let Some(rest) = body.strip_prefix('-') {
        negative = !negative;
        body = rest;
    } else if let Some(rest) = body.strip_suffix('-') {
        negative = !negative;
        body = rest;
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest;
    }
    let (thousands, decimal) = match separator {
        DecimalSeparator::Point => (',', '.'),
        DecimalSeparator::Comma => ('.', ','),
    };
    let normalized: String = body
        .chars()
        .filter(|c| *c != thousands)
        .map(|c| if c == decimal { '.' } else { c })
        .collect();
    if normalized.is_empty()
        || !normalized.chars().all(|c| c.is_ascii_digit() || c == '.')
        || normalized.starts_with('.')
    {
        return None;
    }
    let value: Decimal = normalized.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// Yes/no in the languages of the users; an empty cell is "no".
pub fn parse_flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "nee" | "non" | "nein" | "f" => Some(false),
        "yes" | "y" | "true" | "1" | "ja" | "oui" | "x" | "t" => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn iso_dates_are_preferred_and_times_dropped() {
        let found = detect_date_format(
            ["2026-03-01", "2026-12-31T00:00:00", "2026-01-05 12:00"].into_iter(),
        )
        .unwrap();
        assert_eq!(found.format.0, "%Y-%m-%d");
        assert_eq!(
            found.format.parse("2026-12-31T00:00:00"),
            Some(d("2026-12-31"))
        );
    }

    #[test]
    fn us_dates_are_recognised_when_a_day_exceeds_12() {
        let found = detect_date_format(["1/2/2013", "2/25/2013"].into_iter()).unwrap();
        assert_eq!(found.format.0, "%m/%d/%Y");
        assert_eq!(found.ambiguous_with, None);
        assert_eq!(found.format.parse("1/2/2013"), Some(d("2013-01-02")));
    }

    #[test]
    fn day_first_wins_an_ambiguity_and_says_so() {
        let found = detect_date_format(["01/02/2026", "03/04/2026"].into_iter()).unwrap();
        assert_eq!(found.format.0, "%d/%m/%Y");
        assert_eq!(found.ambiguous_with.unwrap().0, "%m/%d/%Y");
    }

    #[test]
    fn undetectable_dates_name_the_bad_value() {
        assert_eq!(
            detect_date_format(["2026-03-01", "tomorrow"].into_iter()).unwrap_err(),
            "tomorrow"
        );
        assert_eq!(
            detect_date_format(["2026-02-30"].into_iter()).unwrap_err(),
            "2026-02-30"
        );
    }

    #[test]
    fn decimal_separator_detection() {
        use DecimalSeparator::*;
        assert_eq!(
            detect_decimal_separator(["1.234,56", "12"].into_iter()),
            Comma
        );
        assert_eq!(
            detect_decimal_separator(["12,5", "1,234"].into_iter()),
            Comma
        );
        assert_eq!(detect_decimal_separator(["1,234.56"].into_iter()), Point);
        assert_eq!(
            detect_decimal_separator(["55.94", "105.92"].into_iter()),
            Point
        );
        assert_eq!(detect_decimal_separator(["1,234", "7"].into_iter()), Point);
    }

    #[test]
    fn amounts_in_many_shapes() {
        use DecimalSeparator::*;
        let dec = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(parse_amount("1 234,56", Comma), Some(dec("1234.56")));
        assert_eq!(parse_amount("1.234,56", Comma), Some(dec("1234.56")));
        assert_eq!(parse_amount("€ 1,234.56", Point), Some(dec("1234.56")));
        assert_eq!(parse_amount("(12.30)", Point), Some(dec("-12.30")));
        assert_eq!(parse_amount("12.30-", Point), Some(dec("-12.30")));
        assert_eq!(parse_amount("-0.5 EUR", Point), Some(dec("-0.5")));
        assert_eq!(parse_amount("1'000.00", Point), Some(dec("1000.00")));
        for bad in ["", "abc", "1.2.3", "--1", "12a", ".5x"] {
            assert_eq!(parse_amount(bad, Point), None, "{bad}");
        }
    }

    #[test]
    fn flags() {
        assert_eq!(parse_flag("Yes"), Some(true));
        assert_eq!(parse_flag("No"), Some(false));
        assert_eq!(parse_flag(""), Some(false));
        assert_eq!(parse_flag("maybe"), None);
    }
}
