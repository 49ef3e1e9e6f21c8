//! Finding every number-bearing phrase of a text and telling figures
//! ("$73.6 million", "up 16.4%", "30 basis points") from numbers that are
//! not company figures (years, dates, quarter numbers, list and footnote
//! markers, phone numbers) and durations ("15 years").

use qbrief_model::UnitTable;

mod amount;
mod mention;
mod multiple;
mod signed_range;
use amount::{currency_before, head, number_at, range_second, scale_at, unit_at};
pub use mention::{Mention, MentionKind};
pub(crate) use multiple::multiples;
use signed_range::{second_is_growth, signed_range_second};

/// Month names, full (in calendar order) then abbreviated.
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const DURATIONS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
    "hour", "hours", "minute", "minutes", "quarters", "-year", "-month", "-week", "-day",
];
/// Words before a number that make it a name, not a figure: "Class 8
/// trucks", "COVID-19", "Tier 1".
const NAME_BEFORE: &[&str] = &[
    "class",
    "covid",
    "tier",
    "level",
    "grade",
    "version",
    "type",
    "number",
    "no",
    "model",
    "series",
    "gen",
    "generation",
    "route",
    "highway",
    "article",
    "rule",
    "form",
];
const CALENDAR_BEFORE: &[&str] = &[
    "quarter",
    "q",
    "fiscal",
    "fy",
    "h",
    "half",
    "page",
    "slide",
    "item",
    "phase",
    "gen",
    "generation",
    "chapter",
    "section",
    "step",
];

/// Every number-bearing phrase of `text`, in order.
///
/// ```
/// use qbrief_draft::{mentions, MentionKind};
/// use qbrief_model::UnitTable;
/// let text = "In fiscal 2021, sales of $773 million rose 22%, our 65th year.";
/// let found = mentions(text, &UnitTable::default());
/// let kinds: Vec<_> = found.iter().map(|m| (m.text(text), m.kind)).collect();
/// assert_eq!(kinds, [
///     ("2021", MentionKind::Calendar),
///     ("$773 million", MentionKind::Figure),
///     ("22%", MentionKind::Figure),
///     ("65", MentionKind::Calendar),
/// ]);
/// ```
pub fn mentions(text: &str, units: &UnitTable) -> Vec<Mention> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !b.is_ascii_digit()
            || (i > 0 && is_word_byte(bytes[i - 1]) && !currency_letter_before(text, i))
        {
            i += 1;
            continue;
        }
        let m = mention_at(text, i, units);
        i = m.end.max(i + 1);
        out.push(m);
    }
    out
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// "US$5" and "RMB100": a currency code written against the digits.
fn currency_letter_before(text: &str, i: usize) -> bool {
    text[..i].ends_with("US$") || text[..i].ends_with("RMB") || text[..i].ends_with('$')
}

/// A telephone number starting at `i`: three or more digit groups joined
/// by `-` or `.` with at least ten digits ("1-800-555-0100").
fn phone_at(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut j, mut groups, mut digits) = (i, 1, 0);
    while j < bytes.len() {
        if bytes[j].is_ascii_digit() {
            digits += 1;
        } else if (bytes[j] == b'-' || bytes[j] == b'.')
            && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
            && j > i
            && bytes[j - 1].is_ascii_digit()
        {
            groups += 1;
        } else {
            break;
        }
        j += 1;
    }
    (groups >= 3 && digits >= 10).then_some(j)
}

/// Reads the phrase whose first digit is at `i`.
fn mention_at(text: &str, i: usize, units: &UnitTable) -> Mention {
    if let Some(end) = phone_at(text, i) {
        return Mention {
            start: i,
            end,
            kind: MentionKind::Phone,
            numbers: vec![text[i..end].to_string()],
            currency: None,
            scale: None,
            unit: None,
            range: false,
            from_decline: false,
            plus: false,
        };
    }
    let (mut start, currency) = currency_before(text, i);
    // A sign written against the number or the currency: "-$19M", "+5%".
    if let Some(c) = text[..start].chars().next_back() {
        if matches!(c, '-' | '+' | '−' | '~')
            && !text[..start - c.len_utf8()].ends_with(|p: char| p.is_alphanumeric())
        {
            start -= c.len_utf8();
        }
    }
    let (first, mut end) = number_at(text, i);
    let mut numbers = vec![first.clone()];
    let mut scale = scale_at(text, end);
    if let Some((_, e)) = &scale {
        end = *e;
    }
    let plus = ["-plus", " plus"].iter().find(|p| {
        text[end..].starts_with(**p)
            && text[end + p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    });
    let plus = plus.map(|p| {
        end += p.len();
    });
    let mut unit = unit_at(text, end, units, currency.is_some());
    if let Some((_, e)) = &unit {
        end = *e;
    }
    // A range: "5-8%", "$70 million to $80 million", "between 5% and 8%".
    let mut range = false;
    // "down 2% to up 2%": from a decline to growth.
    let mut from_decline = false;
    // "from $16,500 to $28,500" is two figures, not a range.
    let from_to = word_before(text, start) == "from" && text[end..].starts_with(" to ");
    if let Some((second_start, sep_ok)) =
        range_second(text, end, currency.is_some()).filter(|_| !from_to)
    {
        if sep_ok {
            let (second, e2) = number_at(text, second_start);
            let mut e2 = e2;
            let scale2 = scale_at(text, e2);
            if let Some((_, e)) = &scale2 {
                e2 = *e;
            }
            let unit2 = unit_at(text, e2, units, currency.is_some());
            if let Some((_, e)) = &unit2 {
                e2 = *e;
            }
            // Only a range of like things: years ("2021-2022") and mixed
            // units are not ranges.
            let like = unit.as_ref().map(|u| &u.0) == unit2.as_ref().map(|u| &u.0)
                || unit.is_none()
                || unit2.is_none();
            if like && !(is_year(&first) && is_year(&second)) {
                numbers.push(second);
                end = e2;
                range = true;
                scale = scale2.or(scale);
                unit = unit2.or(unit);
            }
        }
    } else if let Some((second_start, growth_word)) =
        signed_range_second(text, start, end).filter(|_| currency.is_none() && unit.is_some())
    {
        let (second, e2) = number_at(text, second_start);
        let unit2 = unit_at(text, e2, units, false);
        let same_unit = unit2.as_ref().map(|u| &u.0) == unit.as_ref().map(|u| &u.0);
        if let Some((_, e2)) = unit2.filter(|_| same_unit) {
            if !growth_word || second_is_growth(text, e2) {
                numbers.push(second);
                end = e2;
                range = true;
                from_decline = true;
            }
        }
    }
    let kind = classify(
        text,
        start,
        end,
        &numbers,
        currency.is_some(),
        scale.is_some(),
        unit.as_ref().map(|u| u.0.as_str()),
    );
    if kind == MentionKind::Duration {
        // Show the duration with its word: "15 years".
        let rest = &text[end..];
        let word_start = rest.len() - rest.trim_start_matches([' ', '-']).len();
        let word_len = rest[word_start..]
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len() - word_start);
        end += word_start + word_len;
    }
    Mention {
        start,
        end,
        kind,
        numbers,
        currency,
        scale: scale.map(|s| s.0),
        unit: unit.map(|u| u.0),
        range,
        from_decline,
        plus: plus.is_some(),
    }
}

fn is_year(n: &str) -> bool {
    n.len() == 4
        && n.bytes().all(|b| b.is_ascii_digit())
        && (1900..=2100).contains(&n.parse::<u32>().unwrap_or(0))
}

/// The last word before `start`, lowercased.
fn word_before(text: &str, start: usize) -> String {
    let before = text[..start].trim_end_matches([' ', '\'', '’', '(', '#', '-']);
    before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn classify(
    text: &str,
    start: usize,
    end: usize,
    numbers: &[String],
    currency: bool,
    scale: bool,
    unit: Option<&str>,
) -> MentionKind {
    let first = &numbers[0];
    let after = &text[end..];
    // Only the words right after a number are read: a bounded head keeps a
    // figure's cost independent of the length of its line and document.
    // Any word cut by the bound is longer than every word compared.
    let after_lower = head(after.trim_start(), 64).to_ascii_lowercase();
    let fold =
        unit.is_some_and(|u| u.eq_ignore_ascii_case("-fold") || u.eq_ignore_ascii_case("fold"));
    if fold && !multiple::fold_multiplies(text, start, end) {
        return MentionKind::Idiom;
    }
    if currency || scale || unit.is_some() {
        return MentionKind::Figure;
    }
    // Ordinals: "65th", "2nd".
    if ["st", "nd", "rd", "th"].iter().any(|s| {
        after.starts_with(s)
            && after[s.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    }) {
        return MentionKind::Calendar;
    }
    // Phone numbers: "1-800-555-0100", "(877) 555-0100".
    let near = head(after, 64);
    let line_end = near.find('\n').unwrap_or(near.len());
    if after[..line_end].starts_with('-')
        && after[1..line_end.max(1)]
            .chars()
            .take(9)
            .filter(|c| c.is_ascii_digit())
            .count()
            >= 6
    {
        return MentionKind::Phone;
    }
    if text[..start].ends_with('(') && after.starts_with(") ") && first.len() == 3 {
        return MentionKind::Phone;
    }
    // Markers: "1. Contracts" at a line start, "[3]", page numbers.
    let blank_before = text[..start].trim_end();
    let at_line_start = blank_before.is_empty() || text[blank_before.len()..start].contains('\n');
    if at_line_start && (after.starts_with(". ") || after.starts_with(") ")) && first.len() <= 2 {
        return MentionKind::Marker;
    }
    if text[..start].ends_with('[') && after.starts_with(']') {
        return MentionKind::Marker;
    }
    let before = word_before(text, start);
    if before == "page" || before == "slide" || NAME_BEFORE.contains(&before.as_str()) {
        return MentionKind::Marker;
    }
    // Durations: "15 years", "12 to 18 months", "a 10-year record".
    let duration_word = after_lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .unwrap_or_default();
    if DURATIONS.contains(&duration_word)
        || DURATIONS
            .iter()
            .any(|d| d.starts_with('-') && after_lower.starts_with(d))
    {
        return MentionKind::Duration;
    }
    // Years, fiscal years ("fiscal '22"), dates ("September 30"), quarter
    // and half numbers ("quarter 2", "Q4" never reaches here).
    if numbers.iter().all(|n| is_year(n)) {
        return MentionKind::Calendar;
    }
    if text[..start].ends_with('\'') || text[..start].ends_with('’') {
        return MentionKind::Calendar;
    }
    if MONTHS.contains(&before.as_str()) || CALENDAR_BEFORE.contains(&before.as_str()) {
        return MentionKind::Calendar;
    }
    if MONTHS.iter().any(|m| {
        after_lower.starts_with(m)
            && after_lower[m.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphabetic())
    }) && first.len() <= 2
    {
        return MentionKind::Calendar;
    }
    MentionKind::Figure
}

#[cfg(test)]
mod tests;
