//! The period a phrase names on its own ("first quarter of 2023", "Q4",
//! "fiscal '22", "next year"), given the document's period: the piece of
//! period finding that the bases of comparisons need too.

use qbrief_model::{Period, PeriodSpan};

use super::cues::ORDINAL_QUARTERS;
use super::words::{find_word, word_boundary};

/// Whether the words between a quarter and a year give the date that
/// closes the quarter: " ended december 31st, ", " ending june 30, ".
fn closes(between: &str) -> bool {
    let words: Vec<&str> = between.split_whitespace().collect();
    matches!(words.first(), Some(&("ended" | "ending")))
        && words.len() <= 4
        && words
            .iter()
            .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

/// A period a phrase names: "first quarter of 2023", "Q4", "fiscal '22",
/// "full year", "first half", "next quarter".
pub(super) fn named_period(phrase: &str, doc: Period, forward: bool) -> Option<Period> {
    let year_in = |s: &str| -> Option<i32> {
        let bytes = s.as_bytes();
        for i in 0..bytes.len() {
            if (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
                && s.get(i..i + 4)
                    .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric())
            {
                let y: i32 = s[i..i + 4].parse().ok()?;
                if (1990..=2100).contains(&y) {
                    return Some(y);
                }
            }
            if s.is_char_boundary(i)
                && (bytes[i] == b'\'' || s[i..].starts_with('’'))
                && i > 0
                && s[..i].ends_with(' ')
            {
                let after = s[i..].trim_start_matches(['\'', '’']);
                if after.len() >= 2
                    && after.as_bytes()[..2].iter().all(u8::is_ascii_digit)
                    && after
                        .as_bytes()
                        .get(2)
                        .is_none_or(|b| !b.is_ascii_alphanumeric())
                {
                    return after[..2].parse::<i32>().ok().map(|y| 2000 + y);
                }
            }
        }
        None
    };
    if phrase.contains("next quarter") || phrase.contains("coming quarter") {
        return doc.next_quarter();
    }
    if phrase.contains("next year") || phrase.contains("next fiscal year") {
        return Period::new(doc.year() + 1, PeriodSpan::Year);
    }
    for (words, q) in ORDINAL_QUARTERS {
        if let Some(pos) = find_word(phrase, words) {
            let rest = &phrase[pos..];
            let year = year_in(prefix(rest, words.len() + 16))
                .or_else(|| year_before(&phrase[..pos]))
                .unwrap_or_else(|| {
                    // A later quarter than the document's, named without a year,
                    // is last year's unless the sentence looks ahead or it is the
                    // quarter the call is held in ("delivery starting in the
                    // fourth quarter" on a third-quarter call).
                    let (doc_year, doc_q) = (doc.year(), doc_quarter(doc));
                    if i32::from(*q) > doc_q + 1 && !forward {
                        doc_year - 1
                    } else if i32::from(*q) < doc_q && forward && i32::from(*q) + 4 - doc_q <= 2 {
                        // "we expect first quarter sales of" on a fourth-quarter
                        // call looks to next year's; "consistent with our
                        // communication in the first quarter, we continue to
                        // expect" on a second-quarter call looks back.
                        doc_year + 1
                    } else {
                        doc_year
                    }
                });
            return Period::quarter(year, *q);
        }
    }
    if let Some(pos) = find_word(phrase, "first half")
        .or_else(|| find_word(phrase, "h1"))
        .or_else(|| find_word(phrase, "front half"))
    {
        let year = year_in(&phrase[pos..]).unwrap_or(doc.year());
        return Period::new(year, PeriodSpan::Half(1));
    }
    if let Some(pos) = find_word(phrase, "second half")
        .or_else(|| find_word(phrase, "h2"))
        .or_else(|| find_word(phrase, "back half"))
    {
        let year = year_in(&phrase[pos..]).unwrap_or(doc.year());
        return Period::new(year, PeriodSpan::Half(2));
    }
    // On a fourth-quarter call, the year that lies ahead is the next one.
    let ahead = if forward && doc_quarter(doc) == 4 {
        doc.year() + 1
    } else {
        doc.year()
    };
    for words in [
        "full year",
        "full-year",
        "fiscal year",
        "fiscal",
        "for the year",
        "this year",
        "the year",
    ] {
        // "the year-over-year increase" names a comparison, not the year.
        let named = phrase.match_indices(words).map(|(p, _)| p).find(|&p| {
            word_boundary(phrase, p, p + words.len()) && !phrase[p + words.len()..].starts_with('-')
        });
        if let Some(pos) = named {
            let year = year_in(&phrase[pos..]).unwrap_or(ahead);
            return Period::new(year, PeriodSpan::Year);
        }
    }
    // "2021 earnings of $3.23 per share" on the call of the year's last
    // quarter: the year that quarter closes.
    if let Some(y) = year_in(phrase) {
        if y != doc.year() || forward || doc_quarter(doc) == 4 {
            return Period::new(y, PeriodSpan::Year);
        }
    }
    None
}

/// The longest prefix of `s` of at most `n` bytes that ends on a
/// character boundary.
pub(super) fn prefix(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

pub(super) fn doc_quarter(p: Period) -> i32 {
    match p.span() {
        PeriodSpan::Quarter(q) => i32::from(q),
        PeriodSpan::Half(h) => i32::from(h) * 2,
        PeriodSpan::NineMonths => 3,
        PeriodSpan::Year => 4,
    }
}

/// Words that name a period, for finding the one nearest a figure ("this
/// year" is as often an adverb: "fourth quarter sales were up again this
/// year by 2%").
const PERIOD_WORDS: [&str; 14] = [
    "first half",
    "second half",
    "back half",
    "front half",
    "h1",
    "h2",
    "full year",
    "full-year",
    "fiscal year",
    "fiscal",
    "for the year",
    "next year",
    "next quarter",
    "annual",
];

/// The period named nearest the end of `phrase` (the words right before a
/// figure): "with our first quarter results, we raised our full year
/// forecast to $7.50" is for the year. A period's words that stand
/// together ("the fourth quarter of 2021", "full year 2021") are read
/// together.
pub(super) fn nearest_named_period(phrase: &str, doc: Period, forward: bool) -> Option<Period> {
    let mut spans: Vec<(usize, usize)> = ORDINAL_QUARTERS
        .iter()
        .map(|(w, _)| *w)
        .chain(PERIOD_WORDS)
        .flat_map(|w| {
            phrase
                .match_indices(w)
                .filter(move |(p, _)| word_boundary(phrase, *p, p + w.len()))
                .map(move |(p, _)| (p, p + w.len()))
        })
        .collect();
    let bytes = phrase.as_bytes();
    for i in 0..bytes.len().saturating_sub(3) {
        if bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric())
            && matches!(&phrase[i..i + 2], "19" | "20")
        {
            spans.push((i, i + 4));
        }
    }
    spans.sort_unstable();
    let &(mut start, _) = spans.last()?;
    // Walk back over the words of the same period: "fourth quarter of 2021",
    // "fourth quarter ended December 31, 2021" (the date that closes it).
    for &(s, e) in spans.iter().rev().skip(1) {
        if e <= start
            && (phrase[e..start].split_whitespace().count() <= 2 || closes(&phrase[e..start]))
        {
            start = s;
        } else if e <= start {
            break;
        }
    }
    // "annual guidance": the year the phrase names, or the year ahead.
    // A whitespace of several bytes (a thin space) is skipped whole.
    let from = phrase[..start]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let tail = &phrase[from..];
    named_period(tail, doc, forward).or_else(|| {
        phrase[start..]
            .starts_with("annual")
            .then(|| named_period("full year", doc, forward))
            .flatten()
    })
}

/// The year written right before a quarter: "2021 Q1", "the 2020 third
/// quarter", "fiscal 2022 first quarter".
fn year_before(before: &str) -> Option<i32> {
    let b = before.trim_end();
    let b = b.strip_suffix("'s").unwrap_or(b);
    let start = b.len().checked_sub(4)?;
    let digits = b.get(start..)?;
    let alone = b[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_ascii_alphanumeric() && c != ',' && c != '.');
    if !alone || !digits.bytes().all(|d| d.is_ascii_digit()) {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    (1990..=2100).contains(&year).then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(phrase: &str, doc: &str) -> Option<Period> {
        named_period(phrase, doc.parse().unwrap(), false)
    }

    #[test]
    fn a_year_written_before_the_quarter() {
        let p = |s: &str| s.parse::<Period>().ok();
        assert_eq!(named("in 2021 q1, we shipped", "2020-Q4"), p("2021-Q1"));
        assert_eq!(
            named("profit in the 2019 third quarter", "2020-Q3"),
            p("2019-Q3")
        );
        assert_eq!(named("fiscal 2022 second quarter", "2022-Q2"), p("2022-Q2"));
        // A number that is no year, or a year cut off by a comma, is not read.
        assert_eq!(named("of 1,2020 q3", "2021-Q1"), p("2020-Q3"));
        assert_eq!(
            named("unlike 2019, the third quarter", "2021-Q4"),
            p("2021-Q3")
        );
        assert_eq!(named("the third quarter of 2020", "2021-Q4"), p("2020-Q3"));
    }
}
