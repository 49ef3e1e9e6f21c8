//! Resolution: one value per company, metric and period from the stated facts.
//!
//! Statements that agree (their intervals overlap) resolve to the most
//! precise one, within the intersection of all of them. Statements that
//! conflict resolve by this rule, first match wins:
//!
//! 1. **preferred**: the statement a data author marked `preferred = true`;
//! 2. **corroborated**: the claim more other statements agree with
//!    (1,212 BTC stated twice beats 1,231 BTC stated once);
//! 3. **cfo**: the chief financial officer's statement (prepared numbers);
//! 4. **most precise**: the narrowest interval, then the most decimals;
//! 5. **file order**: the first in data-file order.
//!
//! The conflict stays visible: [`Resolved::conflict`] is set and the model's
//! conflict finding is reported by `qbrief check`.

use qbrief_model::{agreement_counts, all_agree, Fact, Figure, Interval, Period, Qualifier};
use rust_decimal::Decimal;

/// Which rule chose a resolved statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The only statement.
    Single,
    /// All statements agree; the most precise was taken.
    Agreeing,
    /// Marked `preferred = true` in the data.
    Preferred,
    /// Stated in a filing, against what a call said.
    Filed,
    /// Agreed with by more statements than any rival claim.
    Corroborated,
    /// Stated by the CFO.
    Cfo,
    /// The most precise statement.
    MostPrecise,
    /// The first statement in file order.
    FileOrder,
}

impl Rule {
    /// A phrase for briefs.
    pub fn phrase(&self) -> &'static str {
        match self {
            Rule::Single => "single statement",
            Rule::Agreeing => "statements agree; most precise taken",
            Rule::Preferred => "preferred by the data author",
            Rule::Filed => "as filed",
            Rule::Corroborated => "corroborated by more statements",
            Rule::Cfo => "CFO's statement",
            Rule::MostPrecise => "most precise statement",
            Rule::FileOrder => "first statement in file order",
        }
    }
}

/// The value resolved for one metric and period.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// The statement whose value is used.
    pub fact: &'a Fact,
    /// Every statement of this metric and period, in file order.
    pub statements: Vec<&'a Fact>,
    /// The rule that chose `fact`.
    pub rule: Rule,
    /// Whether the statements conflict.
    pub conflict: bool,
    /// The interval: the intersection of agreeing statements, else the chosen one's.
    pub interval: Interval,
}

impl Resolved<'_> {
    /// The resolved point value.
    pub fn value(&self) -> Decimal {
        self.fact.figure.value()
    }

    /// The period.
    pub fn period(&self) -> Period {
        self.fact.period
    }
}

/// Resolves the statements of one series (same metric, period, subject and
/// date). `None` for an empty slice.
pub fn resolve<'a>(statements: &[&'a Fact]) -> Option<Resolved<'a>> {
    let first = *statements.first()?;
    let mut statements = statements.to_vec();
    statements.sort_by(|a, b| a.location.cmp(&b.location));
    if statements.len() == 1 {
        return Some(Resolved {
            fact: first,
            interval: first.figure.interval(),
            statements,
            rule: Rule::Single,
            conflict: false,
        });
    }
    let agree = all_agree(statements.iter().map(|f| &f.figure));
    if agree {
        let fact = most_precise(&statements);
        // Pairwise-overlapping intervals on a line share a common part.
        let interval = statements
            .iter()
            .map(|f| f.figure.interval())
            .reduce(|a, b| intersect(&a, &b))
            .unwrap_or_else(|| fact.figure.interval());
        return Some(Resolved {
            fact,
            interval,
            statements,
            rule: Rule::Agreeing,
            conflict: false,
        });
    }
    let (fact, rule) = pick_in_conflict(&statements);
    Some(Resolved {
        fact,
        interval: fact.figure.interval(),
        statements,
        rule,
        conflict: true,
    })
}

fn pick_in_conflict<'a>(statements: &[&'a Fact]) -> (&'a Fact, Rule) {
    let preferred: Vec<&Fact> = statements.iter().copied().filter(|f| f.preferred).collect();
    if let [one] = preferred.as_slice() {
        return (one, Rule::Preferred);
    }
    // A filing is the company's formal statement: against a call it wins,
    // where the filings agree among themselves (a restatement does not).
    let filed: Vec<&Fact> = statements.iter().copied().filter(|f| f.filed).collect();
    if !filed.is_empty()
        && filed.len() < statements.len()
        && all_agree(filed.iter().map(|f| &f.figure))
    {
        return (most_precise(&filed), Rule::Filed);
    }
    let figures: Vec<&Figure> = statements.iter().map(|f| &f.figure).collect();
    let support = agreement_counts(&figures);
    let best = support.iter().copied().max().unwrap_or(0);
    let leaders: Vec<&Fact> = statements
        .iter()
        .zip(&support)
        .filter(|(_, s)| **s == best)
        .map(|(f, _)| *f)
        .collect();
    let leaders_agree = all_agree(leaders.iter().map(|f| &f.figure));
    if best > 0 && leaders_agree {
        return (most_precise(&leaders), Rule::Corroborated);
    }
    let cfo: Vec<&Fact> = statements
        .iter()
        .copied()
        .filter(|f| f.speaker.as_ref().is_some_and(|s| s.is_cfo()))
        .collect();
    let cfo_agree = all_agree(cfo.iter().map(|f| &f.figure));
    if !cfo.is_empty() && cfo_agree {
        return (most_precise(&cfo), Rule::Cfo);
    }
    let fact = most_precise(statements);
    let tied = statements
        .iter()
        .filter(|f| precision_key(f) == precision_key(fact))
        .count()
        > 1;
    (
        fact,
        if tied {
            Rule::FileOrder
        } else {
            Rule::MostPrecise
        },
    )
}

/// Narrowest interval first (unbounded last), then exact before hedged,
/// then file order.
fn most_precise<'a>(statements: &[&'a Fact]) -> &'a Fact {
    statements
        .iter()
        .copied()
        .min_by(|a, b| {
            precision_key(a)
                .cmp(&precision_key(b))
                .then(a.location.cmp(&b.location))
        })
        .unwrap_or(statements[0])
}

fn precision_key(fact: &Fact) -> (Option<Decimal>, bool, std::cmp::Reverse<i32>) {
    let i = fact.figure.interval();
    let width = match (i.low, i.high) {
        (Some(l), Some(h)) => h.checked_sub(l),
        _ => None,
    };
    // `None` (unbounded) must sort last.
    let width_key = width.or(Some(Decimal::MAX));
    (
        width_key,
        fact.figure.qualifier() != Qualifier::Exact,
        std::cmp::Reverse(fact.figure.decimals()),
    )
}

fn intersect(a: &Interval, b: &Interval) -> Interval {
    let low = match (a.low, b.low) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    };
    let high = match (a.high, b.high) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    Interval { low, high }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qbrief_model::Dataset;

    /// Loads facts of one metric and period, each `(speaker, role, value, preferred)`.
    fn facts(statements: &[(&str, &str, &str, bool)]) -> Dataset {
        let mut doc = String::from("[document]\nid = \"call\"\nkind = \"earnings-call\"\ntitle = \"t\"\nperiod = \"2024-Q3\"\nfile = \"f\"\n");
        let mut speakers: Vec<(&str, &str)> =
            statements.iter().map(|(s, r, _, _)| (*s, *r)).collect();
        speakers.dedup();
        for (name, role) in speakers {
            doc += &format!("[[speaker]]\nname = \"{name}\"\nrole = \"{role}\"\n");
        }
        for (i, (speaker, _, value, preferred)) in statements.iter().enumerate() {
            doc += &format!("[[fact]]\nmetric = \"btc_held\"\nvalue = \"{value}\"\nspeaker = \"{speaker}\"\nevidence = \"phrase {i} {value}\"\n");
            if *preferred {
                doc += "note = \"why\"\npreferred = true\n";
            }
        }
        crate::test_data::load("taxonomies = [\"bitcoin-mining\"]\n", &[("call", &doc)])
    }

    /// `statements` resolve to `value` by `rule`, with or without conflict.
    #[track_caller]
    fn check(statements: &[(&str, &str, &str, bool)], value: &str, rule: Rule, conflict: bool) {
        let dataset = facts(statements);
        let all: Vec<&Fact> = dataset.facts().collect();
        let r = resolve(&all).unwrap();
        assert_eq!(
            (r.fact.value_text.as_str(), r.rule, r.conflict),
            (value, rule, conflict)
        );
        assert!(r.interval.contains(r.value()) || r.rule != Rule::Agreeing);
    }

    #[test]
    fn rules() {
        check(
            &[("Jo", "CFO", "1,212 BTC", false)],
            "1,212 BTC",
            Rule::Single,
            false,
        );
        // Agreeing: the most precise, exact before hedged.
        check(
            &[
                ("Sam", "CEO", "about 1,200 BTC", false),
                ("Jo", "CFO", "1,212 BTC", false),
            ],
            "1,212 BTC",
            Rule::Agreeing,
            false,
        );
        check(
            &[
                ("Sam", "CEO", "over 1,200 BTC", false),
                ("Jo", "CFO", "1,212 BTC", false),
            ],
            "1,212 BTC",
            Rule::Agreeing,
            false,
        );
        // Conflicts.
        check(
            &[
                ("Sam", "CEO", "1,231 BTC", true),
                ("Jo", "CFO", "1,212 BTC", false),
            ],
            "1,231 BTC",
            Rule::Preferred,
            true,
        );
        check(
            &[
                ("Sam", "CEO", "1,231 BTC", false),
                ("Jo", "CFO", "1,212 BTC", false),
                ("Kim", "Analyst", "1,212 BTC", false),
            ],
            "1,212 BTC",
            Rule::Corroborated,
            true,
        );
        check(
            &[
                ("Sam", "CEO", "1,231 BTC", false),
                ("Jo", "CFO", "1,212 BTC", false),
            ],
            "1,212 BTC",
            Rule::Cfo,
            true,
        );
        check(
            &[
                ("Sam", "CEO", "about 1,400 BTC", false),
                ("Kim", "Analyst", "1,212 BTC", false),
            ],
            "1,212 BTC",
            Rule::MostPrecise,
            true,
        );
        check(
            &[
                ("Sam", "CEO", "1,231 BTC", false),
                ("Kim", "Analyst", "1,212 BTC", false),
            ],
            "1,231 BTC",
            Rule::FileOrder,
            true,
        );
    }

    /// A filing and a CFO's call statement of `btc_held` for 2024-Q3;
    /// `restated` adds a second filing with another value.
    fn filed_and_said(restated: bool) -> Dataset {
        let filing = |id: &str, value: &str| {
            format!("[document]\nid = \"{id}\"\nkind = \"filing\"\ntitle = \"t\"\nperiod = \"2024-Q3\"\nfile = \"f.json\"\n[[fact]]\nmetric = \"btc_held\"\nvalue = \"{value}\"\nevidence = \"concept {id}\"\n")
        };
        let call = "[document]\nid = \"call\"\nkind = \"earnings-call\"\ntitle = \"t\"\nperiod = \"2024-Q3\"\nfile = \"f\"\n[[speaker]]\nname = \"Jo\"\nrole = \"CFO\"\n[[fact]]\nmetric = \"btc_held\"\nvalue = \"1,400 BTC\"\nspeaker = \"Jo\"\nevidence = \"1,400 bitcoins\"\n";
        let first = filing("q3-10-q", "1,250 BTC");
        let second = filing("q3-10-q-a", "1,290 BTC");
        let mut documents = vec![("call", call), ("q3-10-q", first.as_str())];
        if restated {
            documents.push(("q3-10-q-a", second.as_str()));
        }
        crate::test_data::load("taxonomies = [\"bitcoin-mining\"]\n", &documents)
    }

    #[test]
    fn the_filed_figure_wins_against_a_call_unless_the_filings_disagree() {
        let dataset = filed_and_said(false);
        let all: Vec<&Fact> = dataset.facts().collect();
        let r = resolve(&all).unwrap();
        assert_eq!(
            (r.fact.value_text.as_str(), r.rule, r.conflict),
            ("1,250 BTC", Rule::Filed, true)
        );
        // A restatement: the filings disagree, so the CFO's figure is used
        // by the rules before filings existed.
        let dataset = filed_and_said(true);
        let all: Vec<&Fact> = dataset.facts().collect();
        let r = resolve(&all).unwrap();
        assert_eq!(
            (r.fact.value_text.as_str(), r.rule),
            ("1,400 BTC", Rule::Cfo)
        );
    }
}
