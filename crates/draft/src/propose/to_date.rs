//! Figures said "year to date": the months of the fiscal year through the
//! document's quarter, not the quarter alone. On a first-quarter call that
//! is the quarter, on a second-quarter call the first half, on a
//! fourth-quarter call the fiscal year; nine months fit no period, so a
//! third-quarter figure goes on the metric `<id>_ytd` when the taxonomy
//! declares one, and on none otherwise.

use qbrief_model::{Period, PeriodSpan};

/// The words that say a figure runs from the start of the fiscal year.
const TO_DATE: [&str; 4] = ["year-to-date", "year to date", "ytd", "so far this year"];

/// What a year-to-date figure is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ToDate {
    /// A period that holds the months to date.
    Period(Period),
    /// Nine months: only a `<id>_ytd` metric holds it.
    NineMonths,
}

/// Whether the figure at `at..end` of the lowercase sentence `lower` is
/// said year to date, and what it is for on a document of `doc`.
pub(super) fn to_date(lower: &str, at: usize, end: usize, doc: Period) -> Option<ToDate> {
    if !said_to_date(lower, at, end) {
        return None;
    }
    let PeriodSpan::Quarter(q) = doc.span() else {
        return None;
    };
    match q {
        1 => Some(ToDate::Period(doc)),
        2 => Period::half(doc.year(), 1).map(ToDate::Period),
        3 => Some(ToDate::NineMonths),
        _ => Period::fiscal_year(doc.year()).map(ToDate::Period),
    }
}

/// "we returned $90M year to date", "bringing our year-to-date total to
/// $100M", "Year-to-date, we have repurchased $60M": the words in the
/// figure's clause, or opening the sentence before its first figure.
fn said_to_date(lower: &str, at: usize, end: usize) -> bool {
    let start = lower[..at].rfind([',', ';', ':']).map_or(0, |p| p + 1);
    let stop = lower[end..]
        .find([',', ';', ':', '$', '%'])
        .map_or(lower.len(), |p| end + p);
    let has = |s: &str| TO_DATE.iter().any(|w| s.contains(w));
    if has(&lower[start..at]) || has(&lower[end..stop]) {
        return true;
    }
    // The sentence opens with the words and no figure comes before this one.
    let head = &lower[..at];
    let opening = head.find(',').map_or(head, |p| &head[..p]);
    has(opening) && !head.contains(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(sentence: &str, figure: &str, doc: &str) -> Option<ToDate> {
        let lower = sentence.to_ascii_lowercase();
        let at = lower.find(figure).expect("figure");
        to_date(&lower, at, at + figure.len(), doc.parse().unwrap())
    }

    fn period(p: &str) -> Option<ToDate> {
        Some(ToDate::Period(p.parse().unwrap()))
    }

    #[test]
    fn the_months_to_date_by_quarter_of_the_call() {
        let s = "We have repurchased $60 million of stock year to date.";
        assert_eq!(read(s, "$60 million", "2022-Q1"), period("2022-Q1"));
        assert_eq!(read(s, "$60 million", "2022-Q2"), period("2022-H1"));
        assert_eq!(read(s, "$60 million", "2022-Q3"), Some(ToDate::NineMonths));
        assert_eq!(read(s, "$60 million", "2022-Q4"), period("2022-FY"));
    }

    #[test]
    fn where_the_words_stand() {
        let s = "Year-to-date, we have paid $45 million in dividends.";
        assert_eq!(read(s, "$45 million", "2022-Q2"), period("2022-H1"));
        let s = "Dividends were $15 million, bringing our year-to-date total to $45 million.";
        assert_eq!(read(s, "$45 million", "2022-Q2"), period("2022-H1"));
        assert_eq!(read(s, "$15 million", "2022-Q2"), None);
        let s = "Revenue was $80 million in the quarter.";
        assert_eq!(read(s, "$80 million", "2022-Q2"), None);
    }
}
