//! Ways of speaking that put a number in a sentence without stating a
//! figure of the company for the period, so that the number stays
//! unplaced: a multiple used as a comparison ("2 times as many units",
//! "3 times our first-year target"), a decade or an approximate plural
//! ("growth in the mid 20s"), a span of time ("the next 10 or 20
//! years"), and a figure of years ago ("five years ago we had fewer than
//! 10 salespeople").

use super::words::contains_word;

/// Why the number spanning `at..end` of the lowercase sentence `lower` is
/// no company figure for a period, `None` when nothing says so.
pub(super) fn idiom(lower: &str, at: usize, end: usize) -> Option<&'static str> {
    let phrase = &lower[at..end];
    let after = &lower[end..];
    if is_comparative_multiple(phrase, after) {
        return Some("a multiple used as a comparison, not a ratio the company reports");
    }
    if is_plural_number(phrase, after) {
        return Some("a decade or an approximate plural (\"the mid 20s\"), not a figure");
    }
    if is_span_of_time(after) {
        return Some("a span of time, not a figure");
    }
    if is_years_ago(clause_around(lower, at, end)) {
        return Some("a figure of years ago, not of the period");
    }
    None
}

/// "2 times as many", "2x more", "3 times our initial target", "twice"
/// aside: a multiple followed by a comparison rather than a base metric.
fn is_comparative_multiple(phrase: &str, after: &str) -> bool {
    const COMPARE: [&str; 12] = [
        "as", "more", "less", "our", "what", "that", "bigger", "larger", "higher", "greater",
        "faster", "over",
    ];
    let mut words = after.split_whitespace();
    let multiple_in_phrase = phrase.ends_with("times")
        || phrase.ends_with("-fold")
        || phrase.ends_with('x') && phrase.chars().next().is_some_and(|c| c.is_ascii_digit());
    let next = if multiple_in_phrase {
        words.next()
    } else {
        match words.next() {
            Some("times" | "x" | "fold") => words.next(),
            _ => None,
        }
    };
    next.map(|w| w.trim_end_matches([',', '.', ';']))
        .is_some_and(|w| COMPARE.contains(&w))
}

/// "the mid 20s", "the 1990s", "the 80's": a number written as a plural.
fn is_plural_number(phrase: &str, after: &str) -> bool {
    if !phrase.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let rest = after.strip_prefix("'s").or_else(|| after.strip_prefix('s'));
    rest.is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric()))
}

/// "10 or 20 years", "3 or 4 quarters": the first number of a span of
/// time whose unit only the second one carries.
fn is_span_of_time(after: &str) -> bool {
    const SPANS: [&str; 10] = [
        "years", "months", "weeks", "days", "decades", "quarters", "hours", "year", "month",
        "quarter",
    ];
    let words: Vec<&str> = after.split_whitespace().take(3).collect();
    matches!(words.as_slice(), ["or" | "to", n, unit, ..]
        if n.chars().all(|c| c.is_ascii_digit())
            && SPANS.contains(&unit.trim_end_matches([',', '.', ';'])))
}

/// "five years ago", "a decade ago": the clause speaks of a time long
/// past. "A year ago" is the base of a comparison and stays.
fn is_years_ago(clause: &str) -> bool {
    ["years ago", "decade ago", "decades ago"]
        .iter()
        .any(|w| clause.contains(w))
        || contains_word(clause, "years") && contains_word(clause, "back then")
}

/// The figure's clause: from the comma, semicolon or colon before it to
/// the one after it.
fn clause_around(lower: &str, at: usize, end: usize) -> &str {
    let start = lower[..at].rfind([',', ';', ':']).map_or(0, |p| p + 1);
    let stop = lower[end..]
        .find([',', ';', ':'])
        .map_or(lower.len(), |p| end + p);
    &lower[start..stop]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn says(sentence: &str, figure: &str) -> Option<&'static str> {
        let lower = sentence.to_ascii_lowercase();
        let at = lower.find(figure).expect("figure");
        idiom(&lower, at, at + figure.len())
    }

    #[test]
    fn a_multiple_that_compares_is_no_ratio() {
        let s = "The new plant can build 3 times as many filters as the old one.";
        assert!(says(s, "3 times").is_some());
        assert!(says(s, "3").is_some());
        let s = "Bookings came in at 2x our first-year target.";
        assert!(says(s, "2x").is_some());
        // A leverage ratio stays a figure.
        let s = "Net debt to EBITDA ended the year at 1.8 times.";
        assert_eq!(says(s, "1.8 times"), None);
        let s = "Leverage was 2.5x trailing EBITDA.";
        assert_eq!(says(s, "2.5x"), None);
    }

    #[test]
    fn a_plural_number_is_a_decade_or_a_rough_size() {
        let s = "Orders grew in the mid 20s percent range.";
        assert!(says(s, "20").is_some());
        assert!(says("Demand last peaked in the 1990s.", "1990").is_some());
        assert_eq!(says("We shipped 20 systems.", "20"), None);
        assert_eq!(says("We opened 20 stores.", "20"), None);
    }

    #[test]
    fn the_first_number_of_a_span_of_time() {
        let s = "This platform could shape the next 10 or 20 years of our work.";
        assert!(says(s, "10").is_some());
        let s = "We delivered 10 or 12 turbines in the quarter.";
        assert_eq!(says(s, "10"), None);
    }

    #[test]
    fn a_figure_of_years_ago_is_not_the_period() {
        let s = "We started the unit seven years ago with fewer than 12 engineers.";
        assert!(says(s, "12").is_some());
        let s = "Sales rose to $40 million from $35 million a year ago.";
        assert_eq!(says(s, "$40 million"), None);
        let s = "Revenue was $9 million, up from $2 million a decade ago.";
        assert!(says(s, "$2 million").is_some());
        assert_eq!(says(s, "$9 million"), None);
    }
}
