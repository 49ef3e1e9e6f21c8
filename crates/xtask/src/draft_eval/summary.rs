//! Reading a key-figure summary line ("sees q4 ffo per share $1.46 -
//! $1.52.") into what it asserts: for each figure, its metric family and
//! flavour, period, guidance flag, value or range, and sign.
//!
//! The rules, and what is skipped rather than guessed:
//! - **Family**: the nearest metric phrase before the figure in its clause
//!   (clauses end at `;`), else the first after it, else the family of the
//!   clause's previous figure ("sales fell 9% to $302 million"). A figure
//!   with no family is skipped.
//! - **Flavour**: "adjusted", "non-GAAP", "excluding items", "normalized"
//!   (adjusted), "core", "organic", "constant currency", "comparable" /
//!   "same-store" among the words between the previous figure and this one,
//!   or right after it up to the next name or "and".
//! - **Measure**: a percentage is a change of a non-rate family (revenue,
//!   EPS), and of a rate family (a margin, a ratio) only with basis points
//!   or words of change; the change is quarter over quarter with
//!   "sequential", "q-o-q" or a comparison with the previous quarter, else
//!   year over year.
//! - **Period**: "q1".."q4", "first quarter".."fourth quarter", "h1",
//!   "first half", "fy", "full year", "fiscal 2022", a bare year; a quarter
//!   named without a year is the call's year, or the next one when guidance
//!   names a quarter not after the call's ("sees q1" on a Q4 call); "qtrly"
//!   and no period word mean the call's quarter for results. Guidance with
//!   no period, or a bare "fy" in guidance on a fourth-quarter call, is
//!   skipped. Periods after "versus", "compared to" or "from" are bases.
//! - **Guidance**: a forward-looking verb or noun before the figure
//!   ("sees", "expects", "forecasts", "outlook", "guidance", "raises",
//!   "reaffirms", "narrows", "initiates", "targets"...), or an elided one
//!   ("fy free cash flow to be about $1.7 billion", "will exceed $600
//!   million"), except a raised dividend.
//! - **Skipped figures**: analysts' estimates ("versus refinitiv ibes
//!   estimate of"), previous guidance ("from previous guidance of",
//!   "to $X from $Y"), and comparisons without a year-ago marker; a figure
//!   compared "a year ago" or "last year" is the year-ago period's result.
//!   `skips.rs` also leaves out sub-lines ("consumer sales"), components
//!   ("currency tailwind"), shares of another metric ("30.3% of revenue"),
//!   amounts of change ("increased $451 million"), odd bases ("versus
//!   2019", "two-year") and long-term targets.
//! - **Sign**: words of decline make a change negative; "loss" in the name
//!   of a profit family, or parentheses, make a level negative.

use qbrief_model::Period;
use rust_decimal::Decimal;

use super::period::{period_of, BASES};
use super::reading::{declines, flavour_of, kind_of, measure_of};
use super::skips;
use super::tokens::{tokenize, Kind, Token};
use super::vocabulary::{accepted, is_per_share, is_profit, Family, Flavour, Measure, PHRASES};

/// One figure a summary line asserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assertion {
    /// The metric ids that state it (any one is right).
    pub metrics: Vec<String>,
    /// The period it is for.
    pub period: Period,
    /// Whether it is guidance.
    pub guidance: bool,
    /// Low and high end, signed; equal for a point.
    pub low: Decimal,
    /// High end, signed.
    pub high: Decimal,
    /// Half a unit of the last stated digit.
    pub half_unit: Decimal,
    /// What it measures.
    pub kind: Kind,
    /// The digits of each end as the summary writes them.
    pub digits: Vec<String>,
}

const GUIDANCE: &[&str] = &[
    "sees",
    "see",
    "expects",
    "expect",
    "forecasts",
    "forecast",
    "outlook",
    "guidance",
    "guides",
    "raises",
    "raised",
    "raising",
    "reaffirms",
    "reaffirmed",
    "reaffirming",
    "reiterates",
    "reiterated",
    "reiterating",
    "affirms",
    "affirmed",
    "maintains",
    "narrows",
    "narrowed",
    "initiates",
    "initiated",
    "initiating",
    "targets",
    "targeting",
    "projects",
    "anticipates",
    "lowers",
    "lowered",
    "cuts",
    "view",
    "expected",
    "anticipated",
    "projected",
    "forecasted",
    "estimated",
    "track",
    "planned",
    "plans",
    "forecasting",
];

/// Whether the words before a figure look ahead without a verb of guidance:
/// a headline that elides "expects" ("fy 2021 free cash flow to be about
/// $1.7 billion") or says what "will" be ("we will exceed $600 million").
fn looks_ahead_elided(before: &[&str]) -> bool {
    before.contains(&"will") || before.windows(2).any(|w| w == ["to", "be"])
}

/// What a line asserts, in line order; figures it cannot read are left out.
pub fn read(line: &str, call: Period) -> Vec<Assertion> {
    let tokens = tokenize(line);
    let mut out = Vec::new();
    let mut start = 0;
    for clause in tokens.split(|t| *t == Token::Punct(';')) {
        read_clause(clause, &tokens[..start], call, &mut out);
        start += clause.len() + 1;
    }
    out
}

fn read_clause(clause: &[Token], earlier: &[Token], call: Period, out: &mut Vec<Assertion>) {
    let words: Vec<&str> = clause
        .iter()
        .map(|t| match t {
            Token::Word(w) => w.as_str(),
            Token::Punct(',') => ",",
            _ => "#",
        })
        .collect();
    let figures: Vec<usize> = (0..clause.len())
        .filter(|&i| matches!(clause[i], Token::Figure(_)))
        .collect();
    let guidance_earlier = earlier
        .iter()
        .any(|t| matches!(t, Token::Word(w) if GUIDANCE.contains(&w.as_str())));
    let mut previous: Option<(Family, Flavour)> = None;
    for (n, &at) in figures.iter().enumerate() {
        let Token::Figure(figure) = &clause[at] else {
            continue;
        };
        let from = if n == 0 { 0 } else { figures[n - 1] + 1 };
        let to = figures.get(n + 1).copied().unwrap_or(clause.len());
        let before = &words[from..at];
        // "30.3% of revenue, down 200 bps": "of revenue" is the previous
        // figure's, not this one's name.
        let before = match before {
            ["of", rest @ ..] if n > 0 => {
                let end = rest
                    .iter()
                    .position(|w| matches!(*w, "," | "and"))
                    .map_or(rest.len(), |p| p + 1);
                &rest[end..]
            }
            _ => before,
        };
        let after = &words[at + 1..to];
        // A name qualified by a segment, region or product is a sub-line.
        let named = match (last_family(before), first_family(after)) {
            (Some((at, f)), _) if !skips::qualified(before, at, GUIDANCE) => Some(f),
            (None, Some((at, f))) if !skips::qualified(after, at, &[]) => Some(f),
            (None, None) => None,
            _ => {
                previous = None;
                continue;
            }
        };
        let Some(family) = named.or(previous.map(|p| p.0)) else {
            continue;
        };
        let flavour = if named.is_some() {
            flavour_of(before, after)
        } else {
            previous
                .map_or(Flavour::Gaap, |p| p.1)
                .max(flavour_of(before, after))
        };
        // "Operating EPS" is a non-GAAP measure.
        let flavour = if family == Family::Eps && words[from..at].contains(&"operating") {
            flavour.max(Flavour::Adjusted)
        } else {
            flavour
        };
        previous = Some((family, flavour));
        // A figure right after "versus", "compared to" or "from" is a base.
        let base = before
            .iter()
            .rposition(|w| BASES.contains(w))
            .filter(|&b| b + 3 >= before.len() && (before[b] != "from" || b + 1 == before.len()));
        // A raised dividend is declared, not forecast.
        let forecast = words[..at]
            .iter()
            .any(|w| matches!(*w, "sees" | "expects" | "outlook" | "guidance"));
        let guidance_said = guidance_earlier
            || words[..at].iter().any(|w| GUIDANCE.contains(w))
            || looks_ahead_elided(&words[..at]);
        let guidance = guidance_said && (family != Family::Dividend || forecast);
        let year_ago = after.windows(2).take(4).any(|w| {
            matches!(
                (w[0], w[1]),
                ("year", "ago") | ("last", "year") | ("prior", "year") | ("year", "earlier")
            )
        }) || after.first() == Some(&"year-ago");
        let estimate = before
            .iter()
            .any(|w| matches!(*w, "estimate" | "estimates" | "consensus" | "expectations"));
        if estimate || (base.is_some() && (guidance || !year_ago)) {
            continue;
        }
        if words[from..at]
            .iter()
            .any(|w| matches!(*w, "previous" | "prior" | "earlier"))
            && guidance
        {
            continue;
        }
        let per_share = figure.kind == Kind::PerShare
            || (figure.kind == Kind::Money
                && is_per_share(family)
                && figure.high < Decimal::from(1000));
        let Some(kind) = kind_of(figure, family, per_share) else {
            continue;
        };
        if skips::component(before, after, kind != Kind::Percent, kind == Kind::Percent) {
            previous = None;
            continue;
        }
        let last = n + 1 == figures.len();
        let measure = measure_of(figure, family, before, after, (&words, clause), last, call);
        let metrics = accepted(family, flavour, per_share, measure);
        if metrics.is_empty() {
            continue;
        }
        let period = if base.is_some() {
            call.year_ago()
        } else {
            period_of(&clause[..at], &clause[at + 1..to], earlier, guidance, call)
        };
        let Some(period) = period else { continue };
        let growth_rate = matches!(
            (family, flavour),
            (
                Family::Revenue,
                Flavour::Organic | Flavour::ConstantCurrency | Flavour::Comparable
            ) | (Family::SamePropertyNoi, _)
        );
        let changes = measure != Measure::Level || growth_rate;
        if (growth_rate && kind != Kind::Percent)
            || (changes && skips::odd_base(&words, clause, call))
        {
            continue;
        }
        let negative = match measure {
            Measure::Level if growth_rate => figure.negative || declines(&words[..at], after),
            Measure::Level => {
                figure.negative
                    || (is_profit(family) && before.iter().any(|w| matches!(*w, "loss" | "losses")))
            }
            _ => declines(&words[..at], after),
        };
        let (low, high) = if negative {
            (-figure.high, -figure.low)
        } else {
            (figure.low, figure.high)
        };
        out.push(Assertion {
            metrics,
            period,
            guidance,
            low,
            high,
            half_unit: figure.half_unit,
            kind,
            digits: figure.digits.clone(),
        });
    }
}

/// The longest family phrase starting at each word, scanning left to right.
fn families(words: &[&str]) -> Vec<(usize, Family)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let best = PHRASES
            .iter()
            .filter_map(|(phrase, family)| {
                let n = phrase.split(' ').count();
                (words.len() >= i + n
                    && phrase
                        .split(' ')
                        .zip(&words[i..i + n])
                        .all(|(p, w)| p == *w || (p.len() > 3 && w.strip_suffix('s') == Some(p))))
                .then_some((n, *family))
            })
            .max_by_key(|(n, _)| *n);
        match best {
            Some((n, family)) => {
                let start = i;
                i += n;
                // "income from continuing operations ... per share" and
                // "operating earnings per share" are per-share figures.
                let per_share = matches!(words.get(i..i + 2), Some(["per", "share" | "diluted"]));
                // "revenue per pcd" is a per-unit measure, not the family.
                if matches!(words.get(i..i + 2), Some(["per", w]) if !matches!(*w, "share" | "diluted" | "basic" | "common"))
                {
                    continue;
                }
                let income = matches!(family, Family::NetIncome | Family::OperatingIncome);
                found.push((
                    start,
                    if income && per_share {
                        Family::Eps
                    } else {
                        family
                    },
                ));
            }
            None => i += 1,
        }
    }
    found
}

fn last_family(words: &[&str]) -> Option<(usize, Family)> {
    families(words).last().copied()
}

fn first_family(words: &[&str]) -> Option<(usize, Family)> {
    let stop = words
        .iter()
        .position(|w| matches!(*w, "and" | "," | "versus" | "vs"))
        .unwrap_or(words.len());
    families(&words[..stop]).first().copied()
}

#[cfg(test)]
mod tests;
