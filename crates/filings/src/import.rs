//! From companyfacts entries to filing documents and their facts.
//!
//! Each accession is one filing document. A value a later filing repeats
//! (a prior-year comparative) is imported once, from the first filing that
//! reported it; a later filing that gives another value for the same
//! metric and period restates it, and both statements are kept (`check`
//! shows them as a conflict). Concepts no metric lists are reported, never
//! guessed.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use qbrief_model::{Currency, Period, Vocabulary};
use rust_decimal::Decimal;

use crate::calendar::fiscal_period;
use crate::companyfacts::{CompanyFacts, Entry};
use crate::error::FilingError;
use crate::evidence::evidence_text;
use crate::precision::{inferred_decimals, value_text, FiledUnit};

/// What an import makes of a companyfacts file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// One document per filing that reports a mapped figure, oldest first.
    pub filings: Vec<FilingDocument>,
    /// Concepts no metric of the vocabulary lists, with their entry counts.
    pub unmapped: Vec<Unmapped>,
    /// Entries left out because an earlier filing reported the same value.
    pub repeats: usize,
}

/// A concept that no metric's `xbrl` list names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// `us-gaap:IncomeTaxExpenseBenefit`.
    pub concept: String,
    /// How many entries it has.
    pub entries: usize,
}

/// One filing and the figures first reported (or restated) in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingDocument {
    /// The document id: period and form, `2021-q3-10-q`.
    pub id: String,
    /// `10-Q`, `10-K`.
    pub form: String,
    /// The accession number.
    pub accession: String,
    /// The day it was filed.
    pub filed: NaiveDate,
    /// The fiscal period it reports: the year for an annual report, else
    /// the quarter its latest figure ends.
    pub period: Period,
    /// Its facts, ordered by period and the vocabulary's metric order.
    pub facts: Vec<FiledFact>,
}

/// One filed figure as a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiledFact {
    /// The metric id.
    pub metric: String,
    /// Its fiscal period.
    pub period: Period,
    /// The value in the data format, at the filed precision (`$765.0M`).
    pub value: String,
    /// Concept, dates and accession (see [`evidence_text`]).
    pub evidence: String,
    /// Set when the figure restates another filing's value.
    pub note: Option<String>,
}

/// Imports `facts` for a company reporting in `currency` whose fiscal year
/// ends with month `fiscal_year_end_month`, mapping concepts to metrics by
/// the vocabulary's `xbrl` lists. Every entry of a mapped concept must fit
/// its metric's unit and the fiscal calendar; all that do not are returned
/// as errors, and then nothing is imported.
pub fn import(
    facts: &CompanyFacts,
    vocabulary: &Vocabulary,
    currency: Currency,
    fiscal_year_end_month: u32,
) -> Result<Import, Vec<FilingError>> {
    let mut errors = Vec::new();
    let mut unmapped: BTreeMap<&str, usize> = BTreeMap::new();
    let mut mapped = Vec::new();
    for e in &facts.entries {
        let Some(metric) = vocabulary.metric_for_concept(&e.concept) else {
            *unmapped.entry(&e.concept).or_default() += 1;
            continue;
        };
        let unit = match filed_unit(e, metric.dimension().to_string().as_str(), currency) {
            Ok(u) => u,
            Err(message) => {
                errors.push(
                    FilingError::new(&facts.file, format!("{}.unit", e.path), message)
                        .hint(format!("metric \"{}\" takes {}; map {} to a metric of that unit, or remove it from the metric's xbrl list", metric.id, metric.unit_text, e.concept)),
                );
                continue;
            }
        };
        match fiscal_period(e.start, e.end, fiscal_year_end_month) {
            Ok(period) => mapped.push((e, metric.id.as_str(), unit, period)),
            Err(message) => errors.push(
                FilingError::new(&facts.file, format!("{}.end", e.path), message)
                    .hint("check fiscal_year_end_month in company.toml"),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let decimals = filing_decimals(&mapped);
    // Oldest filing first, so a repeat is recognised as one.
    mapped.sort_by(|a, b| (a.0.filed, &a.0.accession).cmp(&(b.0.filed, &b.0.accession)));
    let mut first: BTreeMap<(&str, Period), (&Entry, String)> = BTreeMap::new();
    let mut by_filing: BTreeMap<(NaiveDate, &str), Vec<FiledFact>> = BTreeMap::new();
    let mut repeats = 0;
    for (e, metric, unit, period) in &mapped {
        let places = decimals
            .get(&precision_key(e, *unit))
            .copied()
            .unwrap_or_default();
        let value = value_text(e.value, places, *unit);
        let mut note = None;
        if let Some((earlier, earlier_value)) = first.get(&(*metric, *period)) {
            if earlier.value == e.value {
                repeats += 1;
                continue;
            }
            note = Some(format!(
                "Restates {earlier_value} for {period} as filed in {} {} (filed {}).",
                earlier.form, earlier.accession, earlier.filed
            ));
        } else {
            first.insert((metric, *period), (e, value.clone()));
        }
        by_filing
            .entry((e.filed, &e.accession))
            .or_default()
            .push(FiledFact {
                metric: metric.to_string(),
                period: *period,
                value,
                evidence: evidence_text(e),
                note,
            });
    }
    let mut filings: Vec<FilingDocument> = by_filing
        .into_iter()
        .filter_map(|((filed, accession), mut facts)| {
            let entries: Vec<&Entry> = mapped
                .iter()
                .map(|m| m.0)
                .filter(|e| e.accession == accession)
                .collect();
            facts.sort_by_key(|f| (f.period, vocabulary.position(&f.metric)));
            let form = entries.first().map_or_else(String::new, |e| e.form.clone());
            Some(FilingDocument {
                id: String::new(),
                period: filing_period(&form, &entries, fiscal_year_end_month)?,
                form,
                accession: accession.to_string(),
                filed,
                facts,
            })
        })
        .collect();
    name_documents(&mut filings);
    Ok(Import {
        filings,
        unmapped: unmapped
            .into_iter()
            .map(|(concept, entries)| Unmapped {
                concept: concept.to_string(),
                entries,
            })
            .collect(),
        repeats,
    })
}

/// How a filed unit reads for a metric of dimension `dimension`: money in
/// the company's currency, or money per share (filed as `USD/shares`, or
/// as `USD` in older filings).
fn filed_unit(
    e: &Entry,
    dimension: &str,
    currency: Currency,
) -> Result<FiledUnit<'static>, String> {
    let code = currency.code();
    let prefix = money_prefix(currency);
    match dimension {
        "money" if e.unit == code => Ok(FiledUnit::Money(prefix)),
        "money/share" if e.unit == code || e.unit == format!("{code}/shares") => {
            Ok(FiledUnit::MoneyPerShare(prefix))
        }
        _ => Err(format!(
            "{} is filed in \"{}\", which does not fit a metric of {dimension} in {code}",
            e.concept, e.unit
        )),
    }
}

fn money_prefix(currency: Currency) -> &'static str {
    match currency.code() {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        _ => "",
    }
}

/// The decimals of each filing, unit and kind of figure: the finest any of
/// its values shows. EPS tagged in `USD` (as older filings do) is a kind of
/// its own, so its cents do not lend amounts of money a precision they
/// were not filed with.
fn filing_decimals<'e>(
    mapped: &[(&'e Entry, &str, FiledUnit<'_>, Period)],
) -> BTreeMap<PrecisionKey<'e>, i32> {
    let mut values: BTreeMap<PrecisionKey<'e>, Vec<Decimal>> = BTreeMap::new();
    for (e, _, unit, _) in mapped {
        values
            .entry(precision_key(e, *unit))
            .or_default()
            .push(e.value);
    }
    values
        .into_iter()
        .map(|(key, v)| (key, inferred_decimals(v)))
        .collect()
}

/// Accession, unit as filed, and whether the figure is per share.
type PrecisionKey<'e> = (&'e str, &'e str, bool);

fn precision_key<'e>(e: &'e Entry, unit: FiledUnit<'_>) -> PrecisionKey<'e> {
    (
        e.accession.as_str(),
        e.unit.as_str(),
        matches!(unit, FiledUnit::MoneyPerShare(_)),
    )
}

/// The period a filing reports: the fiscal year of an annual report, else
/// the quarter its latest figure ends (every end was checked to be a
/// quarter's end, so there is one).
fn filing_period(form: &str, entries: &[&Entry], month: u32) -> Option<Period> {
    let latest = entries.iter().map(|e| e.end).max()?;
    let quarter = fiscal_period(None, latest, month).ok()?;
    let annual = ["10-K", "20-F", "40-F"].iter().any(|f| form.starts_with(f));
    if annual {
        Period::fiscal_year(quarter.year())
    } else {
        Some(quarter)
    }
}

/// Ids from period and form (`2021-q3-10-q`); a second filing of the same
/// period and form (an amendment filed as the same form) gets its
/// accession number.
fn name_documents(filings: &mut [FilingDocument]) {
    let base = |f: &FilingDocument| {
        let form: String = f
            .form
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        format!("{}-{form}", f.period.to_string().to_ascii_lowercase())
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for f in filings.iter() {
        *counts.entry(base(f)).or_default() += 1;
    }
    for f in filings.iter_mut() {
        let id = base(f);
        f.id = if counts[&id] > 1 {
            let accession: String = f
                .accession
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            format!("{id}-{accession}")
        } else {
            id
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::companyfacts::parse_companyfacts;
    use proptest::prelude::*;
    use qbrief_model::parse_value;

    fn entry(
        concept: &str,
        unit: &str,
        start: Option<&str>,
        end: &str,
        val: &str,
        accn: &str,
        filed: &str,
    ) -> String {
        let start = start.map_or(String::new(), |s| format!("\"start\": \"{s}\", "));
        format!(
            r#"{{"concept": "{concept}", "unit": "{unit}", "entry": {{{start}"end": "{end}", "val": {val}, "accn": "{accn}", "form": "10-Q", "filed": "{filed}"}}}}"#
        )
    }

    /// A companyfacts file from (concept, unit, start, end, val, accn, filed) rows.
    fn file(rows: &[String]) -> Vec<u8> {
        // Group the rows' entries under their concept and unit.
        let mut tree: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for r in rows {
            let v: serde_json::Value = serde_json::from_str(r).unwrap();
            tree.entry((
                v["concept"].as_str().unwrap().into(),
                v["unit"].as_str().unwrap().into(),
            ))
            .or_default()
            .push(v["entry"].to_string());
        }
        let mut concepts: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for ((c, u), entries) in tree {
            concepts
                .entry(c)
                .or_default()
                .push(format!("\"{u}\": [{}]", entries.join(", ")));
        }
        let body: Vec<String> = concepts
            .into_iter()
            .map(|(c, units)| format!("\"{c}\": {{\"units\": {{{}}}}}", units.join(", ")))
            .collect();
        format!(
            "{{\"entityName\": \"T\", \"facts\": {{\"us-gaap\": {{{}}}}}}}",
            body.join(", ")
        )
        .into_bytes()
    }

    fn run(rows: &[String]) -> Result<Import, Vec<FilingError>> {
        let facts = parse_companyfacts("t.json", &file(rows)).unwrap();
        import(
            &facts,
            &Vocabulary::builtin(&["base"], Currency::USD),
            Currency::USD,
            12,
        )
    }

    #[test]
    fn a_comparative_is_imported_once_and_a_restatement_kept() {
        let rows = [
            entry(
                "GrossProfit",
                "USD",
                Some("2021-01-01"),
                "2021-03-31",
                "12300000",
                "a-1",
                "2021-05-01",
            ),
            entry(
                "GrossProfit",
                "USD",
                Some("2021-01-01"),
                "2021-03-31",
                "12300000",
                "a-2",
                "2022-05-01",
            ),
            entry(
                "GrossProfit",
                "USD",
                Some("2021-04-01"),
                "2021-06-30",
                "14100000",
                "a-3",
                "2021-08-01",
            ),
            entry(
                "GrossProfit",
                "USD",
                Some("2021-04-01"),
                "2021-06-30",
                "14600000",
                "a-4",
                "2022-08-01",
            ),
        ];
        let i = run(&rows).unwrap();
        assert_eq!(i.repeats, 1);
        let facts: Vec<(&str, &str, Option<&str>)> = i
            .filings
            .iter()
            .flat_map(|f| {
                f.facts
                    .iter()
                    .map(move |x| (f.accession.as_str(), x.value.as_str(), x.note.as_deref()))
            })
            .collect();
        assert_eq!(facts.len(), 3, "{facts:?}");
        assert_eq!(facts[2].0, "a-4");
        assert!(facts[2]
            .2
            .unwrap()
            .starts_with("Restates $14.1M for 2021-Q2 as filed in 10-Q a-3"));
    }

    #[test]
    fn errors_name_the_entry_and_nothing_is_imported() {
        let rows = [
            entry(
                "GrossProfit",
                "USD",
                Some("2021-01-01"),
                "2021-03-31",
                "12300000",
                "a-1",
                "2021-05-01",
            ),
            entry(
                "GrossProfit",
                "USD",
                Some("2021-01-01"),
                "2021-03-15",
                "1",
                "a-1",
                "2021-05-01",
            ),
            entry(
                "GrossProfit",
                "shares",
                Some("2021-01-01"),
                "2021-03-31",
                "5",
                "a-1",
                "2021-05-01",
            ),
        ];
        let errors = run(&rows).unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text.iter()
                .any(|t| t.contains("units.USD[1].end")
                    && t.contains("2021-03-15 is not the last day")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("units.shares[0].unit") && t.contains("does not fit")),
            "{text:?}"
        );
    }

    #[test]
    fn unmapped_concepts_are_listed() {
        let rows = [entry(
            "Goodwill",
            "USD",
            None,
            "2021-03-31",
            "5000000",
            "a-1",
            "2021-05-01",
        )];
        let i = run(&rows).unwrap();
        assert!(i.filings.is_empty());
        assert_eq!(
            i.unmapped,
            vec![Unmapped {
                concept: "us-gaap:Goodwill".into(),
                entries: 1
            }]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any entries import or fail with errors, and every imported value
        /// reads back (with the base vocabulary's units) as an interval
        /// holding the filed value.
        #[test]
        fn imported_values_state_the_filed_ones(
            rows in proptest::collection::vec(
                (0usize..4, 0usize..3, 0usize..6, 1i32..=4, -2_000_000_000i64..2_000_000_000, 0u32..4, 0usize..3),
                1..12,
            )
        ) {
            let concepts = ["GrossProfit", "EarningsPerShareDiluted", "NetCashProvidedByUsedInOperatingActivities", "Goodwill"];
            let units = ["USD", "USD/shares", "pure"];
            let ends = ["2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31", "2021-06-27", "2021-05-05"];
            let rows: Vec<String> = rows
                .iter()
                .map(|&(c, u, e, q, v, scale, a)| {
                    let start = match q { 1 => None, 2 => Some("2021-01-01"), 3 => Some("2021-04-01"), _ => Some("2021-07-01") };
                    let val = rust_decimal::Decimal::new(v, scale).to_string();
                    entry(concepts[c], units[u], start, ends[e], &val, &format!("a-{a}"), &format!("2022-0{}-01", a + 1))
                })
                .collect();
            let bytes = file(&rows);
            let Ok(facts) = parse_companyfacts("t.json", &bytes) else { return Ok(()); };
            let vocabulary = Vocabulary::builtin(&["base"], Currency::USD);
            if let Ok(i) = import(&facts, &vocabulary, Currency::USD, 12) {
                for f in i.filings.iter().flat_map(|f| &f.facts) {
                    let figure = parse_value(&f.value, &vocabulary.units).unwrap();
                    // One filing may give two values for one concept and
                    // period (each is imported, and they conflict): the
                    // figure states one of the entries its evidence names.
                    let mut named = facts.entries.iter().filter(|e| evidence_text(e) == f.evidence).peekable();
                    prop_assert!(named.peek().is_some(), "no entry for {}", f.evidence);
                    prop_assert!(named.any(|e| figure.interval().contains(e.value)), "{} for {}", f.value, f.evidence);
                }
            }
        }

        #[test]
        fn no_bytes_panic_the_reader(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_companyfacts("t.json", &bytes);
        }
    }
}
