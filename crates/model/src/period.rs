//! Fiscal periods: quarters, halves and fiscal years, with their calendar dates.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

/// The earliest fiscal year a period may name; older years are typos.
pub const MIN_YEAR: i32 = 1990;
/// The latest fiscal year a period may name; later years are typos.
pub const MAX_YEAR: i32 = 2100;

/// Which part of a fiscal year a [`Period`] covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodSpan {
    /// A fiscal quarter, 1 to 4.
    Quarter(u8),
    /// A fiscal half, 1 or 2.
    Half(u8),
    /// The first nine months of the fiscal year (`2021-9M`), the
    /// year-to-date period of a third-quarter filing.
    NineMonths,
    /// The whole fiscal year.
    Year,
}

/// A fiscal period such as `2024-Q3`, `2024-H1` or `2024-FY`.
///
/// The year is the fiscal year's label: the calendar year in which the fiscal
/// year ends. Periods order by their end, and the shorter first when two end
/// together (`2024-Q2 < 2024-H1 < 2024-Q3 < 2024-Q4 < 2024-H2 < 2024-FY`).
///
/// ```
/// use qbrief_model::Period;
/// let q3: Period = "2024-Q3".parse().unwrap();
/// assert_eq!(q3.to_string(), "2024-Q3");
/// assert_eq!(q3.previous_quarter().unwrap().to_string(), "2024-Q2");
/// assert_eq!(q3.year_ago().unwrap().to_string(), "2023-Q3");
/// let (start, end) = q3.dates(12);
/// assert_eq!((start.to_string(), end.to_string()), ("2024-07-01".into(), "2024-09-30".into()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    year: i32,
    span: PeriodSpan,
}

/// Why a period string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PeriodError {
    message: String,
}

impl PeriodError {
    fn new(message: impl Into<String>) -> Self {
        PeriodError {
            message: message.into(),
        }
    }
}

impl Period {
    /// A fiscal quarter; `None` unless `quarter` is 1 to 4 and the year is plausible.
    pub fn quarter(year: i32, quarter: u8) -> Option<Period> {
        Period::new(year, PeriodSpan::Quarter(quarter))
    }

    /// A fiscal half; `None` unless `half` is 1 or 2 and the year is plausible.
    pub fn half(year: i32, half: u8) -> Option<Period> {
        Period::new(year, PeriodSpan::Half(half))
    }

    /// A whole fiscal year; `None` unless the year is plausible.
    pub fn fiscal_year(year: i32) -> Option<Period> {
        Period::new(year, PeriodSpan::Year)
    }

    /// A period from its parts, checked.
    pub fn new(year: i32, span: PeriodSpan) -> Option<Period> {
        let span_ok = match span {
            PeriodSpan::Quarter(q) => (1..=4).contains(&q),
            PeriodSpan::Half(h) => (1..=2).contains(&h),
            PeriodSpan::NineMonths | PeriodSpan::Year => true,
        };
        ((MIN_YEAR..=MAX_YEAR).contains(&year) && span_ok).then_some(Period { year, span })
    }

    /// The fiscal year label.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Which part of the year this is.
    pub fn span(&self) -> PeriodSpan {
        self.span
    }

    /// True for a fiscal quarter.
    pub fn is_quarter(&self) -> bool {
        matches!(self.span, PeriodSpan::Quarter(_))
    }

    /// Number of quarters the period covers (1, 2, 3 or 4).
    pub fn quarters_len(&self) -> u8 {
        match self.span {
            PeriodSpan::Quarter(_) => 1,
            PeriodSpan::Half(_) => 2,
            PeriodSpan::NineMonths => 3,
            PeriodSpan::Year => 4,
        }
    }

    /// The first and last fiscal quarter numbers the period covers.
    fn quarter_range(&self) -> (u8, u8) {
        match self.span {
            PeriodSpan::Quarter(q) => (q, q),
            PeriodSpan::Half(h) => (2 * h - 1, 2 * h),
            PeriodSpan::NineMonths => (1, 3),
            PeriodSpan::Year => (1, 4),
        }
    }

    /// The quarters this period is made of, in order.
    pub fn quarters(&self) -> Vec<Period> {
        let (first, last) = self.quarter_range();
        (first..=last)
            .map(|q| Period {
                year: self.year,
                span: PeriodSpan::Quarter(q),
            })
            .collect()
    }

    /// The quarter before this one (`2024-Q1` gives `2023-Q4`); `None` for
    /// halves and years, and below `MIN_YEAR` (1990).
    pub fn previous_quarter(&self) -> Option<Period> {
        match self.span {
            PeriodSpan::Quarter(1) => Period::quarter(self.year - 1, 4),
            PeriodSpan::Quarter(q) => Period::quarter(self.year, q - 1),
            _ => None,
        }
    }

    /// The quarter after this one; `None` for halves and years.
    pub fn next_quarter(&self) -> Option<Period> {
        match self.span {
            PeriodSpan::Quarter(4) => Period::quarter(self.year + 1, 1),
            PeriodSpan::Quarter(q) => Period::quarter(self.year, q + 1),
            _ => None,
        }
    }

    /// The same period one fiscal year earlier, or `None` below `MIN_YEAR` (1990).
    pub fn year_ago(&self) -> Option<Period> {
        Period::new(self.year - 1, self.span)
    }

    /// First and last calendar day, for a fiscal year ending with month
    /// `fiscal_year_end_month` (1 to 12; out-of-range values are clamped).
    pub fn dates(&self, fiscal_year_end_month: u32) -> (NaiveDate, NaiveDate) {
        let end_month = fiscal_year_end_month.clamp(1, 12);
        let (first_q, last_q) = self.quarter_range();
        // The fiscal year starts the month after the previous one ended.
        let start = month_start(self.year - 1, end_month + 1 + 3 * u32::from(first_q - 1));
        let after_end = month_start(self.year - 1, end_month + 1 + 3 * u32::from(last_q));
        let end = after_end.pred_opt().unwrap_or(after_end);
        (start, end)
    }

    /// The day a balance for this period is measured: the period's last day.
    pub fn end_date(&self, fiscal_year_end_month: u32) -> NaiveDate {
        self.dates(fiscal_year_end_month).1
    }

    fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.quarter_range().1, self.quarters_len())
    }
}

/// The first day of the month `month` counted from January of `year`
/// (month 13 is January of the next year).
fn month_start(year: i32, month: u32) -> NaiveDate {
    let zero_based = month - 1;
    let y = year + (zero_based / 12) as i32;
    let m = zero_based % 12 + 1;
    NaiveDate::from_ymd_opt(y, m, 1)
        .or_else(|| NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1))
        .unwrap_or_default()
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Analysis and briefs name periods thousands of times a company;
        // a four-digit year with a one-digit part is spelled by hand, which
        // costs a tenth of `write!`.
        if let (1000..=9999, PeriodSpan::Quarter(n @ 0..=9) | PeriodSpan::Half(n @ 0..=9)) =
            (self.year, self.span)
        {
            let y = self.year as u32;
            let digit = |d: u32| b'0' + (d % 10) as u8;
            let part = if matches!(self.span, PeriodSpan::Quarter(_)) {
                b'Q'
            } else {
                b'H'
            };
            let text = [
                digit(y / 1000),
                digit(y / 100),
                digit(y / 10),
                digit(y),
                b'-',
                part,
                b'0' + n,
            ];
            return f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?);
        }
        match self.span {
            PeriodSpan::Quarter(q) => write!(f, "{}-Q{q}", self.year),
            PeriodSpan::Half(h) => write!(f, "{}-H{h}", self.year),
            PeriodSpan::NineMonths => write!(f, "{}-9M", self.year),
            PeriodSpan::Year => write!(f, "{}-FY", self.year),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let expected = "expected a period like 2024-Q3, 2024-H1, 2024-9M or 2024-FY";
        let (year, rest) = s
            .split_once('-')
            .ok_or_else(|| PeriodError::new(format!("invalid period \"{s}\": {expected}")))?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PeriodError::new(format!(
                "invalid period \"{s}\": the year must be four digits; {expected}"
            )));
        }
        let year: i32 = year
            .parse()
            .map_err(|_| PeriodError::new(format!("invalid period \"{s}\": {expected}")))?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(PeriodError::new(format!(
                "impossible period \"{s}\": the year must be between {MIN_YEAR} and {MAX_YEAR}"
            )));
        }
        let upper = rest.to_ascii_uppercase();
        let span = match upper.as_bytes() {
            [b'Q', d] if d.is_ascii_digit() => PeriodSpan::Quarter(d - b'0'),
            [b'H', d] if d.is_ascii_digit() => PeriodSpan::Half(d - b'0'),
            b"FY" => PeriodSpan::Year,
            b"9M" => PeriodSpan::NineMonths,
            _ => {
                return Err(PeriodError::new(format!(
                    "invalid period \"{s}\": {expected}"
                )))
            }
        };
        if upper != rest {
            return Err(PeriodError::new(format!(
                "invalid period \"{s}\": write it in capitals, as \"{year}-{upper}\""
            )));
        }
        Period::new(year, span).ok_or_else(|| {
            let what = match span {
                PeriodSpan::Quarter(_) => "a quarter must be Q1 to Q4",
                PeriodSpan::Half(_) => "a half must be H1 or H2",
                PeriodSpan::NineMonths | PeriodSpan::Year => expected,
            };
            PeriodError::new(format!("impossible period \"{s}\": {what}"))
        })
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nine_months_are_the_first_three_quarters() {
        let p: Period = "2021-9M".parse().unwrap();
        assert_eq!(p.to_string(), "2021-9M");
        assert_eq!(p.quarters_len(), 3);
        assert_eq!(p.quarters().last().unwrap().to_string(), "2021-Q3");
        let (start, end) = p.dates(7);
        assert_eq!(
            (start.to_string(), end.to_string()),
            ("2020-08-01".into(), "2021-04-30".into())
        );
        let q3: Period = "2021-Q3".parse().unwrap();
        let q4: Period = "2021-Q4".parse().unwrap();
        assert!(q3 < p && p < q4);
        assert!("2021-9m".parse::<Period>().is_err());
    }

    #[test]
    fn display_spelled_by_hand_matches_write() {
        for year in MIN_YEAR..=MAX_YEAR {
            for span in [
                PeriodSpan::Quarter(1),
                PeriodSpan::Quarter(4),
                PeriodSpan::Half(2),
                PeriodSpan::NineMonths,
                PeriodSpan::Year,
            ] {
                let Some(p) = Period::new(year, span) else {
                    continue;
                };
                let slow = match span {
                    PeriodSpan::Quarter(q) => format!("{year}-Q{q}"),
                    PeriodSpan::Half(h) => format!("{year}-H{h}"),
                    PeriodSpan::NineMonths => format!("{year}-9M"),
                    PeriodSpan::Year => format!("{year}-FY"),
                };
                assert_eq!(p.to_string(), slow);
                assert_eq!(slow.parse::<Period>(), Ok(p));
            }
        }
    }

    #[track_caller]
    fn check(input: &str, expected: Result<&str, &str>) {
        let got = input
            .parse::<Period>()
            .map(|p| p.to_string())
            .map_err(|e| e.to_string());
        match expected {
            Ok(want) => assert_eq!(got, Ok(want.to_string()), "input {input:?}"),
            Err(fragment) => {
                let err = got.expect_err(input);
                assert!(
                    err.contains(fragment),
                    "{input:?}: {err:?} lacks {fragment:?}"
                );
            }
        }
    }

    #[test]
    fn parse_table() {
        check("2024-Q3", Ok("2024-Q3"));
        check("2023-Q1", Ok("2023-Q1"));
        check("2024-H1", Ok("2024-H1"));
        check("2021-H2", Ok("2021-H2"));
        check("2020-FY", Ok("2020-FY"));
        check("2024-Q5", Err("impossible period"));
        check("2024-Q0", Err("impossible period"));
        check("2024-H3", Err("a half must be H1 or H2"));
        check("1899-Q1", Err("between 1990 and 2100"));
        check("2024-q3", Err("capitals"));
        check("24-Q3", Err("four digits"));
        check("2024Q3", Err("expected a period"));
        check("2024-Y", Err("expected a period"));
        check("", Err("expected a period"));
        check("2024-Q33", Err("expected a period"));
        check("+024-Q3", Err("four digits"));
    }

    #[test]
    fn dates_calendar_and_fiscal() {
        let q3: Period = "2024-Q3".parse().unwrap();
        assert_eq!(q3.dates(12), (date(2024, 7, 1), date(2024, 9, 30)));
        let fy: Period = "2024-FY".parse().unwrap();
        assert_eq!(fy.dates(12), (date(2024, 1, 1), date(2024, 12, 31)));
        // A fiscal year ending in June: FY2024 runs July 2023 to June 2024.
        assert_eq!(fy.dates(6), (date(2023, 7, 1), date(2024, 6, 30)));
        let q1: Period = "2024-Q1".parse().unwrap();
        assert_eq!(q1.dates(6), (date(2023, 7, 1), date(2023, 9, 30)));
        let h2: Period = "2024-H2".parse().unwrap();
        assert_eq!(h2.dates(3), (date(2023, 10, 1), date(2024, 3, 31)));
        assert_eq!(
            "2024-Q1".parse::<Period>().unwrap().dates(12).1,
            date(2024, 3, 31)
        );
    }

    #[test]
    fn navigation_and_order() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(p("2024-Q1").previous_quarter(), Some(p("2023-Q4")));
        assert_eq!(p("2023-Q4").next_quarter(), Some(p("2024-Q1")));
        assert_eq!(p("2024-H1").previous_quarter(), None);
        assert_eq!(p("2024-H1").year_ago(), Some(p("2023-H1")));
        assert_eq!(p("1990-Q1").year_ago(), None);
        assert_eq!(p("2024-FY").quarters().len(), 4);
        assert_eq!(p("2024-H2").quarters(), vec![p("2024-Q3"), p("2024-Q4")]);
        let mut all = [
            p("2024-FY"),
            p("2024-H2"),
            p("2024-Q4"),
            p("2024-Q3"),
            p("2024-H1"),
            p("2024-Q2"),
            p("2023-Q4"),
        ];
        all.sort();
        let names: Vec<String> = all.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            ["2023-Q4", "2024-Q2", "2024-H1", "2024-Q3", "2024-Q4", "2024-H2", "2024-FY"]
        );
    }

    fn days_in(period: &Period, fiscal_year_end_month: u32) -> i64 {
        let (start, end) = period.dates(fiscal_year_end_month);
        (end - start).num_days() + 1
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,12}") {
            let _ = s.parse::<Period>();
        }

        #[test]
        fn display_round_trips(year in MIN_YEAR..=MAX_YEAR, kind in 0u8..7, end in 1u32..=12) {
            let span = match kind { 0..=3 => PeriodSpan::Quarter(kind + 1), 4 | 5 => PeriodSpan::Half(kind - 3), _ => PeriodSpan::Year };
            let period = Period::new(year, span).unwrap();
            prop_assert_eq!(period.to_string().parse::<Period>().unwrap(), period);
            let days = days_in(&period, end);
            prop_assert!((89..=366).contains(&days) || period.quarters_len() > 1);
        }
    }
}
