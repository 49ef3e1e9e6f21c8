//! Evidence for a filed figure: where in the companyfacts file it is.
//!
//! A filed figure has no sentence to quote; its evidence names the concept,
//! the period's dates and the accession (`us-gaap:GrossProfit, 2020-08-01
//! to 2020-10-31, 0000029644-20-000060`), which `verify-sources` proves by
//! finding that entry in the JSON kept under `sources/` and checking that
//! the recorded value states it.

use chrono::NaiveDate;
use qbrief_model::Fact;

use crate::companyfacts::{CompanyFacts, Entry};

/// The parts of a filed figure's evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locator {
    /// `us-gaap:GrossProfit`.
    pub concept: String,
    /// The first day of a duration; `None` for an instant.
    pub start: Option<NaiveDate>,
    /// The last day, or the instant.
    pub end: NaiveDate,
    /// The accession number.
    pub accession: String,
}

impl Locator {
    /// Reads evidence written by [`evidence_text`]; `None` for any other
    /// text.
    pub fn parse(text: &str) -> Option<Locator> {
        let mut parts = text.split(", ");
        let concept = parts.next()?.to_string();
        let dates = parts.next()?;
        let accession = parts.next()?.to_string();
        if parts.next().is_some() || !concept.contains(':') || accession.is_empty() {
            return None;
        }
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let (start, end) = match dates.split_once(" to ") {
            Some((a, b)) => (Some(day(a)?), day(b)?),
            None => (None, day(dates.strip_prefix("at ")?)?),
        };
        Some(Locator {
            concept,
            start,
            end,
            accession,
        })
    }

    fn finds(&self, e: &Entry) -> bool {
        e.concept == self.concept
            && e.start == self.start
            && e.end == self.end
            && e.accession == self.accession
    }
}

/// The evidence of an entry: concept, dates and accession.
///
/// ```
/// let json = br#"{"facts": {"us-gaap": {"Cash": {"units": {"USD": [
///   {"end": "2021-04-30", "val": 5, "accn": "0000029644-21-000018", "form": "10-Q", "filed": "2021-06-07"}]}}}}}"#;
/// let facts = qbrief_filings::parse_companyfacts("x.json", json).unwrap();
/// assert_eq!(qbrief_filings::evidence_text(&facts.entries[0]),
///            "us-gaap:Cash, at 2021-04-30, 0000029644-21-000018");
/// ```
pub fn evidence_text(e: &Entry) -> String {
    match e.start {
        Some(start) => format!("{}, {start} to {}, {}", e.concept, e.end, e.accession),
        None => format!("{}, at {}, {}", e.concept, e.end, e.accession),
    }
}

/// Proves a fact recorded from a filing against the companyfacts file:
/// its evidence names an entry of the file, and the fact's figure states
/// the entry's value (its interval holds it). The error says what failed.
pub fn verify_evidence(facts: &CompanyFacts, fact: &Fact) -> Result<(), String> {
    let locator = Locator::parse(&fact.evidence).ok_or_else(|| {
        format!(
            "evidence \"{}\" is not a filing locator (\"us-gaap:Concept, 2020-08-01 to 2020-10-31, accession\")",
            fact.evidence
        )
    })?;
    let mut found = facts.entries.iter().filter(|e| locator.finds(e)).peekable();
    if found.peek().is_none() {
        return Err(format!(
            "{} has no entry of {} for {} in {}",
            facts.file,
            locator.concept,
            match locator.start {
                Some(s) => format!("{s} to {}", locator.end),
                None => format!("{}", locator.end),
            },
            locator.accession
        ));
    }
    let interval = fact.figure.interval();
    if found.clone().any(|e| interval.contains(e.value)) {
        return Ok(());
    }
    let filed: Vec<&str> = found.map(|e| e.value_text.as_str()).collect();
    Err(format!(
        "value \"{}\" does not state the filed {}",
        fact.value_text,
        filed.join(" or ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators_round_trip() {
        for text in [
            "us-gaap:GrossProfit, 2020-08-01 to 2020-10-31, 0000029644-20-000060",
            "us-gaap:CashAndCashEquivalentsAtCarryingValue, at 2020-10-31, 0000029644-20-000060",
        ] {
            let l = Locator::parse(text).unwrap();
            let e = Entry {
                concept: l.concept.clone(),
                unit: "USD".into(),
                path: String::new(),
                start: l.start,
                end: l.end,
                value: 1.into(),
                value_text: "1".into(),
                accession: l.accession.clone(),
                fiscal: None,
                form: "10-Q".into(),
                filed: l.end,
            };
            assert_eq!(evidence_text(&e), text);
        }
        assert_eq!(Locator::parse("total sales were down 5.4%"), None);
        assert_eq!(
            Locator::parse("us-gaap:X, 2020-13-01 to 2020-10-31, a"),
            None
        );
    }
}
