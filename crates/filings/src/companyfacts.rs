//! Reading the SEC's companyfacts JSON into typed entries.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::FilingError;

/// A filer's XBRL facts, as the companyfacts file gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyFacts {
    /// The file's name as given, for messages.
    pub file: String,
    /// The filer's name (`entityName`).
    pub entity_name: String,
    /// Every entry, ordered by concept, unit and position in the file.
    pub entries: Vec<Entry>,
}

/// One reported value: a concept in a unit for a period, in one filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The qualified concept, `us-gaap:GrossProfit`.
    pub concept: String,
    /// The unit as filed: `USD`, `USD/shares`, `shares`, `pure`.
    pub unit: String,
    /// Where the entry is: `facts.us-gaap.GrossProfit.units.USD[2]`.
    pub path: String,
    /// The first day of a duration; `None` for an instant (a balance).
    pub start: Option<NaiveDate>,
    /// The last day of a duration, or the day of an instant.
    pub end: NaiveDate,
    /// The value exactly as the JSON writes it.
    pub value: Decimal,
    /// The value's text in the JSON (`210000000`, `2.43`).
    pub value_text: String,
    /// The accession number of the filing that reported it.
    pub accession: String,
    /// The filing's fiscal year and period (`fy`, `fp`) as the SEC gives them.
    pub fiscal: Option<(i64, String)>,
    /// The form (`10-Q`, `10-K`).
    pub form: String,
    /// The day the filing was filed.
    pub filed: NaiveDate,
}

#[derive(Deserialize)]
struct RawRoot<'a> {
    #[serde(rename = "entityName")]
    entity_name: Option<String>,
    #[serde(borrow)]
    facts: BTreeMap<String, BTreeMap<String, RawConcept<'a>>>,
}

#[derive(Deserialize)]
struct RawConcept<'a> {
    #[serde(borrow)]
    units: BTreeMap<String, Vec<RawEntry<'a>>>,
}

#[derive(Deserialize)]
struct RawEntry<'a> {
    start: Option<String>,
    end: String,
    #[serde(borrow)]
    val: &'a RawValue,
    accn: String,
    fy: Option<i64>,
    fp: Option<String>,
    form: String,
    filed: String,
}

/// Reads a companyfacts file. Malformed JSON, a missing field, a date that
/// is not `YYYY-MM-DD`, a value that is not a number or a duration that ends
/// before it starts is an error naming the file and where in it.
///
/// ```
/// let json = br#"{"entityName": "X", "facts": {"us-gaap": {"Revenues": {"units": {"USD": [
///   {"end": "2021-03-31", "start": "2021-01-01", "val": 5, "accn": "a", "form": "10-Q", "filed": "2021-05-01"}]}}}}}"#;
/// let facts = qbrief_filings::parse_companyfacts("x.json", json).unwrap();
/// assert_eq!(facts.entries[0].concept, "us-gaap:Revenues");
/// let bad = qbrief_filings::parse_companyfacts("x.json", b"{\"facts\": [");
/// assert!(bad.unwrap_err().to_string().starts_with("x.json: line 1, column "));
/// ```
pub fn parse_companyfacts(file: &str, bytes: &[u8]) -> Result<CompanyFacts, FilingError> {
    let root: RawRoot<'_> = serde_json::from_slice(bytes).map_err(|e| {
        FilingError::new(file, format!("line {}, column {}", e.line(), e.column()), json_message(&e))
            .hint("the file must be the companyfacts JSON the SEC serves at data.sec.gov/api/xbrl/companyfacts/")
    })?;
    let mut entries = Vec::new();
    for (prefix, concepts) in &root.facts {
        for (name, concept) in concepts {
            for (unit, raw) in &concept.units {
                for (i, e) in raw.iter().enumerate() {
                    let path = format!("facts.{prefix}.{name}.units.{unit}[{i}]");
                    entries.push(entry(file, format!("{prefix}:{name}"), unit, path, e)?);
                }
            }
        }
    }
    Ok(CompanyFacts {
        file: file.to_string(),
        entity_name: root.entity_name.unwrap_or_default(),
        entries,
    })
}

fn json_message(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C", which the location says.
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn entry(
    file: &str,
    concept: String,
    unit: &str,
    path: String,
    e: &RawEntry<'_>,
) -> Result<Entry, FilingError> {
    let date = |text: &str, field: &str| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            FilingError::new(
                file,
                format!("{path}.{field}"),
                format!("invalid date \"{text}\""),
            )
            .hint("companyfacts dates are YYYY-MM-DD")
        })
    };
    let start = e.start.as_deref().map(|s| date(s, "start")).transpose()?;
    let end = date(&e.end, "end")?;
    let filed = date(&e.filed, "filed")?;
    if start.is_some_and(|s| s > end) {
        return Err(FilingError::new(
            file,
            format!("{path}.start"),
            format!(
                "the period starts on {} after it ends on {end}",
                e.start.as_deref().unwrap_or("")
            ),
        ));
    }
    let value_text = e.val.get().trim().to_string();
    let value = parse_number(&value_text).ok_or_else(|| {
        FilingError::new(
            file,
            format!("{path}.val"),
            format!("value {value_text} is not a number"),
        )
    })?;
    Ok(Entry {
        concept,
        unit: unit.to_string(),
        path,
        start,
        end,
        value,
        value_text,
        accession: e.accn.clone(),
        fiscal: e.fy.zip(e.fp.clone()),
        form: e.form.clone(),
        filed,
    })
}

/// A JSON number's text as a `Decimal`, exactly: `2.43`, `-1200`, `1.5E7`.
fn parse_number(text: &str) -> Option<Decimal> {
    if !text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return None;
    }
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).ok()
    } else {
        text.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"cik": 29644, "entityName": "DONALDSON", "facts": {"us-gaap": {"EarningsPerShareDiluted": {"label": "EPS", "units": {"USD/shares": [
        {"start": "2021-02-01", "end": "2021-04-30", "val": 0.62, "accn": "0000029644-21-000018", "fy": 2021, "fp": "Q3", "form": "10-Q", "filed": "2021-06-07", "frame": "CY2021Q1"}]}}}}}"#;

    #[test]
    fn reads_an_entry_exactly() {
        let f = parse_companyfacts("d.json", ONE.as_bytes()).unwrap();
        let e = &f.entries[0];
        assert_eq!(e.concept, "us-gaap:EarningsPerShareDiluted");
        assert_eq!(e.unit, "USD/shares");
        assert_eq!(e.value, Decimal::new(62, 2));
        assert_eq!(e.value_text, "0.62");
        assert_eq!(e.fiscal, Some((2021, "Q3".to_string())));
        assert_eq!(
            e.path,
            "facts.us-gaap.EarningsPerShareDiluted.units.USD/shares[0]"
        );
    }

    #[test]
    fn located_errors() {
        let missing = ONE.replace(r#""accn": "0000029644-21-000018", "#, "");
        let e = parse_companyfacts("d.json", missing.as_bytes()).unwrap_err();
        assert!(e.message.contains("missing field `accn`"), "{e}");
        assert!(e.location.starts_with("line 2"), "{e}");
        let bad_date = ONE.replace("2021-04-30", "2021-04-31");
        let e = parse_companyfacts("d.json", bad_date.as_bytes()).unwrap_err();
        assert_eq!(
            e.location,
            "facts.us-gaap.EarningsPerShareDiluted.units.USD/shares[0].end"
        );
        let text_value = ONE.replace("0.62", "\"0.62\"");
        let e = parse_companyfacts("d.json", text_value.as_bytes()).unwrap_err();
        assert!(e.location.ends_with(".val"), "{e}");
        let backwards = ONE.replace("2021-02-01", "2021-05-01");
        assert!(parse_companyfacts("d.json", backwards.as_bytes()).is_err());
    }

    #[test]
    fn numbers_are_read_without_floating_point() {
        assert_eq!(parse_number("1.5E7"), Some(Decimal::from(15_000_000)));
        assert_eq!(parse_number("-1200"), Some(Decimal::from(-1200)));
        assert_eq!(parse_number("0.1"), Some(Decimal::new(1, 1)));
        assert_eq!(parse_number("true"), None);
    }
}
