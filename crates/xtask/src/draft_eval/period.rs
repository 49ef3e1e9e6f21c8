//! The period a summary line names for a figure: quarters, halves and
//! fiscal years, a quarter ahead of the call for guidance, bases of
//! comparisons left out.

use qbrief_model::Period;

use super::tokens::Token;

/// Words after which a period or figure is the base of a comparison.
pub const BASES: &[&str] = &["versus", "vs", "compared", "from"];

/// "versus q4 2020" on a 2021-Q1 call: a comparison with the previous quarter.
pub fn base_is_previous_quarter(clause: &[Token], call: Period) -> bool {
    let word = |k: usize| match clause.get(k) {
        Some(Token::Word(w)) => w.as_str(),
        _ => "",
    };
    (0..clause.len()).any(|i| {
        let Some(q) = quarter_number(word(i + 1)).filter(|_| BASES.contains(&word(i))) else {
            return false;
        };
        let year = match clause.get(i + 2) {
            Some(Token::Year(y)) => *y,
            _ if q < call_quarter(call) => call.year(),
            _ => call.year() - 1,
        };
        Period::quarter(year, q) == call.previous_quarter()
    })
}

pub fn call_quarter(call: Period) -> u8 {
    (1..=4)
        .find(|q| Period::quarter(call.year(), *q) == Some(call))
        .unwrap_or(0)
}

/// "q3", "3q", and "third-quarter" written as one word.
fn quarter_number(word: &str) -> Option<u8> {
    match word {
        "q1" | "1q" => Some(1),
        "q2" | "2q" => Some(2),
        "q3" | "3q" => Some(3),
        "q4" | "4q" => Some(4),
        _ => word.strip_suffix("-quarter").and_then(ordinal),
    }
}

fn ordinal(word: &str) -> Option<u8> {
    match word {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        _ => None,
    }
}

/// The period the tokens before a figure name (bases left out), else those
/// after it up to the next figure, else the line's earlier clauses, else
/// the call's quarter for results.
pub fn period_of(
    before: &[Token],
    after: &[Token],
    earlier: &[Token],
    guidance: bool,
    call: Period,
) -> Option<Period> {
    named_period(before, guidance, call)
        .or_else(|| named_period(after, guidance, call))
        .or_else(|| named_period(earlier, guidance, call))
        .unwrap_or(if guidance { None } else { Some(call) })
}

/// `Some(None)`: a period was named but cannot be placed.
fn named_period(tokens: &[Token], guidance: bool, call: Period) -> Option<Option<Period>> {
    let mut found: Option<Option<Period>> = None;
    let mut i = 0;
    let word = |k: usize| match tokens.get(k) {
        Some(Token::Word(w)) => w.as_str(),
        _ => "",
    };
    let year_at = |k: usize| match tokens.get(k) {
        Some(Token::Year(y)) => Some(*y),
        _ => None,
    };
    while i < tokens.len() {
        if BASES.contains(&word(i)) {
            // What follows is the base of a comparison, not the figure's period.
            i += 1;
            // "compared to a strong 2019": up to three words before the base.
            for _ in 0..3 {
                if year_at(i).is_some()
                    || quarter_number(word(i)).is_some()
                    || ordinal(word(i)).is_some()
                {
                    break;
                }
                if matches!(word(i), "prior" | "last" | "previous" | "year" | "") {
                    break;
                }
                i += 1;
            }
            if quarter_number(word(i)).is_some() || matches!(word(i), "prior" | "last" | "previous")
            {
                i += 1;
            } else if ordinal(word(i)).is_some() {
                i += 2;
            }
            if year_at(i).is_some() || word(i) == "year" {
                i += 1;
            }
            continue;
        }
        let quarter = quarter_number(word(i)).map(|q| (q, 1)).or_else(|| {
            ordinal(word(i))
                .filter(|_| word(i + 1) == "quarter")
                .map(|q| (q, 2))
        });
        let half = match (word(i), word(i + 1)) {
            ("h1", _) | ("first", "half") => Some((1, if word(i) == "h1" { 1 } else { 2 })),
            ("h2", _) | ("second", "half") => Some((2, if word(i) == "h2" { 1 } else { 2 })),
            _ => None,
        };
        if let Some((q, len)) = quarter {
            // "q4 2021", "q4 of 2021", "q4 fiscal 2021", "q4 of fiscal 2021".
            let named = year_at(i + len)
                .map(|y| (y, 1))
                .or_else(|| {
                    year_at(i + len + 1)
                        .filter(|_| matches!(word(i + len), "of" | "fiscal"))
                        .map(|y| (y, 2))
                })
                .or_else(|| {
                    year_at(i + len + 2)
                        .filter(|_| word(i + len) == "of" && word(i + len + 1) == "fiscal")
                        .map(|y| (y, 3))
                });
            let year = named.map(|(y, _)| y).unwrap_or_else(|| {
                let q_call = call_quarter(call);
                if guidance && q <= q_call {
                    call.year() + 1
                } else if !guidance && q > q_call {
                    call.year() - 1
                } else {
                    call.year()
                }
            });
            found = Some(Period::quarter(year, q));
            i += len + named.map_or(0, |(_, n)| n);
            continue;
        }
        if let Some((h, len)) = half {
            let named = year_at(i + len);
            found = Some(Period::half(named.unwrap_or(call.year()), h));
            i += len + usize::from(named.is_some());
            continue;
        }
        let full_year = matches!(
            (word(i), word(i + 1)),
            ("fy", _)
                | ("full", "year")
                | ("full-year", _)
                | ("fiscal", "year")
                | ("annual", _)
                | ("fiscal", _)
        );
        if full_year {
            let skip = if matches!(word(i + 1), "year") { 2 } else { 1 };
            let year = year_at(i + skip).or_else(|| year_at(i + skip + 1));
            let period = match year {
                Some(y) => Period::fiscal_year(y),
                None if word(i) == "fiscal" && word(i + 1) != "year" => {
                    i += 1;
                    continue;
                }
                // A year's outlook given on its fourth quarter's call is
                // for the next year.
                None if guidance && call_quarter(call) == 4 => Period::fiscal_year(call.year() + 1),
                None => Period::fiscal_year(call.year()),
            };
            found = Some(period);
            i += skip + usize::from(year.is_some());
            continue;
        }
        if let Some(y) = year_at(i) {
            found = Some(Period::fiscal_year(y));
        }
        i += 1;
    }
    found
}
