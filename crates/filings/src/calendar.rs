//! From an entry's dates to the fiscal period it reports.
//!
//! A fiscal quarter ends on the last day of every third month after the
//! fiscal year's last month. Filers on a 52/53-week year end their quarters
//! on a weekday near the month's end (Apple's "last Saturday of
//! September"), so a date up to [`SLACK_DAYS`] days from a calendar
//! quarter's boundary counts as that boundary; anything further fits no
//! period and is an error, never rounded to the nearest quarter.

use chrono::{Datelike, NaiveDate};
use qbrief_model::{Period, PeriodSpan};

/// How many days a period's first or last day may be from the calendar
/// boundary of a fiscal quarter (a 52/53-week year moves it by up to six).
pub const SLACK_DAYS: i64 = 7;

/// The fiscal period from `start` to `end` (or the quarter ending on `end`
/// for an instant), for a fiscal year ending with month
/// `fiscal_year_end_month`: a quarter, a half (`H1`, `H2`), the first nine
/// months (`9M`) or the year. Other spans ("the second and third quarters")
/// and dates off the calendar are errors, with the reason.
///
/// ```
/// use chrono::NaiveDate;
/// use qbrief_filings::fiscal_period;
/// let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// // Donaldson's fiscal year ends in July: fiscal 2021-Q1 is August to October 2020.
/// assert_eq!(fiscal_period(Some(d("2020-08-01")), d("2020-10-31"), 7).unwrap().to_string(), "2021-Q1");
/// assert_eq!(fiscal_period(Some(d("2020-08-01")), d("2021-04-30"), 7).unwrap().to_string(), "2021-9M");
/// assert_eq!(fiscal_period(None, d("2021-01-31"), 7).unwrap().to_string(), "2021-Q2");
/// assert!(fiscal_period(None, d("2021-01-15"), 7).is_err());
/// ```
pub fn fiscal_period(
    start: Option<NaiveDate>,
    end: NaiveDate,
    fiscal_year_end_month: u32,
) -> Result<Period, String> {
    let month = fiscal_year_end_month.clamp(1, 12);
    let last = quarter_ending(end, month).ok_or_else(|| {
        format!(
            "{end} is not the last day of a fiscal quarter (the fiscal year ends in {})",
            month_name(month)
        )
    })?;
    let Some(start) = start else {
        return Ok(last);
    };
    let first = quarter_starting(start, month).ok_or_else(|| {
        format!(
            "{start} is not the first day of a fiscal quarter (the fiscal year ends in {})",
            month_name(month)
        )
    })?;
    let (Some(q0), Some(q1)) = (quarter_number(first), quarter_number(last)) else {
        return Err("internal: a quarter without a number".into());
    };
    if first.year() != last.year() || q0 > q1 {
        return Err(format!(
            "{start} to {end} runs from fiscal {first} to fiscal {last}: a period within one fiscal year is a quarter, a half, nine months or the year"
        ));
    }
    let span = match (q0, q1) {
        (q, r) if q == r => PeriodSpan::Quarter(q),
        (1, 2) => PeriodSpan::Half(1),
        (3, 4) => PeriodSpan::Half(2),
        (1, 3) => PeriodSpan::NineMonths,
        (1, 4) => PeriodSpan::Year,
        _ => {
            return Err(format!(
                "{start} to {end} covers fiscal quarters {q0} to {q1} of {}: qbrief records quarters, halves, the first nine months and years",
                last.year()
            ))
        }
    };
    Period::new(last.year(), span)
        .ok_or_else(|| format!("fiscal year {} is out of range", last.year()))
}

fn quarter_number(p: Period) -> Option<u8> {
    match p.span() {
        PeriodSpan::Quarter(q) => Some(q),
        _ => None,
    }
}

/// The fiscal quarter whose last day is within the slack of `day`.
fn quarter_ending(day: NaiveDate, month: u32) -> Option<Period> {
    candidates(day).find(|q| near(q.end_date(month), day))
}

/// The fiscal quarter whose first day is within the slack of `day`.
fn quarter_starting(day: NaiveDate, month: u32) -> Option<Period> {
    candidates(day).find(|q| near(q.dates(month).0, day))
}

/// The quarters of the fiscal years that can hold `day`.
fn candidates(day: NaiveDate) -> impl Iterator<Item = Period> {
    let year = day.year();
    (year - 1..=year + 1).flat_map(|y| (1..=4).filter_map(move |q| Period::quarter(y, q)))
}

fn near(a: NaiveDate, b: NaiveDate) -> bool {
    (a - b).num_days().abs() <= SLACK_DAYS
}

fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
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
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn p(start: Option<&str>, end: &str, month: u32) -> Result<String, String> {
        fiscal_period(start.map(d), d(end), month).map(|p| p.to_string())
    }

    #[test]
    fn spans_of_a_july_year() {
        assert_eq!(p(Some("2019-08-01"), "2020-01-31", 7).unwrap(), "2020-H1");
        assert_eq!(p(Some("2019-08-01"), "2020-07-31", 7).unwrap(), "2020-FY");
        assert_eq!(p(Some("2020-02-01"), "2020-07-31", 7).unwrap(), "2020-H2");
        assert_eq!(p(Some("2020-05-01"), "2020-07-31", 7).unwrap(), "2020-Q4");
        assert_eq!(p(None, "2020-07-31", 7).unwrap(), "2020-Q4");
    }

    #[test]
    fn a_calendar_year_and_a_52_week_year() {
        assert_eq!(p(Some("2021-01-01"), "2021-03-31", 12).unwrap(), "2021-Q1");
        // Apple-style: fiscal 2021 ended Saturday 2021-09-25.
        assert_eq!(p(Some("2020-09-27"), "2021-09-25", 9).unwrap(), "2021-FY");
        assert_eq!(p(Some("2021-06-27"), "2021-09-25", 9).unwrap(), "2021-Q4");
    }

    #[test]
    fn dates_off_the_calendar_are_errors() {
        let e = p(None, "2021-01-15", 7).unwrap_err();
        assert!(e.contains("not the last day of a fiscal quarter"), "{e}");
        assert!(e.contains("July"), "{e}");
        assert!(p(Some("2019-11-01"), "2020-04-30", 7)
            .unwrap_err()
            .contains("quarters 2 to 3"));
        assert!(p(Some("2019-08-01"), "2020-10-31", 7)
            .unwrap_err()
            .contains("one fiscal year"));
    }

    proptest! {
        #[test]
        fn any_dates_give_a_period_or_a_reason(a in 0i64..20_000, len in -400i64..800, month in 0u32..14) {
            let start = d("1985-01-01") + chrono::Duration::days(a);
            let end = start + chrono::Duration::days(len);
            let _ = fiscal_period(Some(start), end, month);
            let _ = fiscal_period(None, end, month);
        }

        #[test]
        fn every_quarter_maps_to_itself(year in 1991i32..2099, q in 1u8..=4, month in 1u32..=12) {
            let period = Period::quarter(year, q).unwrap();
            let (start, end) = period.dates(month);
            prop_assert_eq!(fiscal_period(Some(start), end, month), Ok(period));
        }
    }
}
