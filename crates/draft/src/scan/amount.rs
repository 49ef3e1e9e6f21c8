//! Reading the pieces of one figure: the currency before it, its digits
//! (with spaced or comma thousands), a scale word, a unit, and the second
//! end of a range.

use qbrief_model::UnitTable;

/// Scale words and letters after a number, longest first.
const SCALES: &[&str] = &[
    "trillion", "billion", "million", "thousand", "bn", "mm", "B", "M", "K", "k",
];

/// A currency written before the digits at `i`: `$`, `US$`, `€`, `£`,
/// `RMB `, an ISO code and a space.
pub(super) fn currency_before(text: &str, i: usize) -> (usize, Option<String>) {
    let before = &text[..i];
    for symbol in ["US$", "$", "€", "£", "¥"] {
        if let Some(rest) = before.strip_suffix(symbol) {
            return (rest.len(), Some(symbol.to_string()));
        }
    }
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() + 1 == before.len()
        && trimmed.len() >= 3
        && trimmed.is_char_boundary(trimmed.len() - 3)
    {
        let code = &trimmed[trimmed.len() - 3..];
        let boundary = trimmed[..trimmed.len() - 3]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if boundary && code.bytes().all(|b| b.is_ascii_uppercase()) && is_currency_code(code) {
            return (trimmed.len() - 3, Some(code.to_string()));
        }
    }
    (i, None)
}

fn is_currency_code(code: &str) -> bool {
    matches!(
        code,
        "USD"
            | "EUR"
            | "GBP"
            | "JPY"
            | "CNY"
            | "RMB"
            | "CHF"
            | "CAD"
            | "AUD"
            | "HKD"
            | "SEK"
            | "NOK"
            | "DKK"
            | "INR"
            | "KRW"
            | "BRL"
    )
}

/// Digits with thousands separators and a fraction: "1,212", "73.6".
pub(super) fn number_at(text: &str, i: usize) -> (String, usize) {
    let bytes = text.as_bytes();
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        let next_digit = bytes.get(j + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || ((b == b',' || b == b'.') && next_digit) {
            j += 1;
        } else if b == b',' && spaced_thousands(&bytes[i..j], &bytes[j..]) {
            // "$70, 000": a speech-to-text space after a thousands separator.
            let mut n = text[i..j].to_string();
            let (rest, end) = number_at(text, j + 2);
            n.push(',');
            n.push_str(&rest);
            return (n, end);
        } else {
            break;
        }
    }
    (text[i..j].to_string(), j)
}

/// Whether `after` (starting at a comma) is ", " and a group of three
/// digits starting with 0 after a group of one to three digits: no list of
/// numbers reads "70, 000".
fn spaced_thousands(before: &[u8], after: &[u8]) -> bool {
    let group = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (1..=3).contains(&group)
        && !before.contains(&b'.')
        && after.len() >= 5
        && after[1] == b' '
        && after[2] == b'0'
        && after[2..5].iter().all(u8::is_ascii_digit)
        && after.get(5).is_none_or(|b| !b.is_ascii_digit())
}

/// A scale word after the number: " million", "M", " bn".
pub(super) fn scale_at(text: &str, end: usize) -> Option<(String, usize)> {
    let rest = &text[end..];
    let spaced = rest.strip_prefix(' ').map(|r| (r, 1)).unwrap_or((rest, 0));
    for word in SCALES {
        let (r, skip) = spaced;
        // One-letter scales stick to the number ("$73.6M"); words may follow a space.
        if word.len() <= 2 && skip == 1 {
            continue;
        }
        if let Some(after) = r.strip_prefix(word) {
            if after.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                return Some((word.to_string(), end + skip + word.len()));
            }
        }
    }
    None
}

/// A unit after the number (and scale): `%`, `percent`, `basis points`,
/// `bps`, `per share`, `a share`, `times`, `x`, or a unit id or alias of
/// the taxonomies.
pub(super) fn unit_at(
    text: &str,
    end: usize,
    units: &UnitTable,
    money: bool,
) -> Option<(String, usize)> {
    let rest = &text[end..];
    if let Some(after) = rest.strip_prefix('%') {
        let _ = after;
        return Some(("%".into(), end + 1));
    }
    let (r, skip) = match rest.strip_prefix(' ') {
        Some(r) => (r, 1),
        None => (rest, 0),
    };
    // The unit words are short: lowercasing a bounded head of the rest
    // keeps a figure's cost independent of the length of the document.
    let lower = head(r, UNIT_HEAD).to_ascii_lowercase();
    let words: &[&str] = if money {
        &[
            "per diluted share",
            "per diluted common share",
            "per fully diluted share",
            "per basic and diluted share",
            "per basic share",
            "per common share",
            "per share",
            "a share",
            "a diluted share",
            "a diluted common share",
            "per unit",
            "/share",
        ]
    } else {
        &[
            "percentage points",
            "percentage point",
            "percent",
            "per cent",
            "basis points",
            "basis point",
            // "a 50 basis decline": speech-to-text drops "points".
            "basis",
            "bps",
            "bp",
            "times",
            "x",
            "-fold",
            "fold",
        ]
    };
    for w in words {
        if lower.starts_with(w)
            && lower[w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
        {
            if *w == "x" && skip == 1 {
                continue;
            }
            return Some((r[..w.len()].to_string(), end + skip + w.len()));
        }
    }
    if let Some((_, len)) = units.longest_prefix(r) {
        return Some((r[..len].to_string(), end + skip + len));
    }
    // "per TH/s" after money.
    if money {
        for sep in ["per ", "/"] {
            if let Some(after) = r.strip_prefix(sep) {
                if let Some((_, len)) = units.longest_prefix(after) {
                    let total = sep.len() + len;
                    return Some((r[..total].to_string(), end + skip + total));
                }
            }
        }
    }
    None
}

/// Where the second number of a range starts, if a range separator
/// follows: "-", "–", " to ", " and " (after "between").
pub(super) fn range_second(text: &str, end: usize, money: bool) -> Option<(usize, bool)> {
    let rest = &text[end..];
    for sep in ["-", "–", " to ", " and ", " - ", " – "] {
        if let Some(after) = rest.strip_prefix(sep) {
            // Both ends in money, or neither: "50% to $42 million" is two figures.
            if after.starts_with(['$', '€', '£']) != money {
                return None;
            }
            let after_trim = after.trim_start_matches(['$', '€', '£', '+', '-']);
            let skipped = after.len() - after_trim.len();
            if after_trim.starts_with(|c: char| c.is_ascii_digit()) {
                if sep == " and " && !between_before(text, end) {
                    return None;
                }
                return Some((end + sep.len() + skipped, true));
            }
        }
    }
    None
}

fn between_before(text: &str, end: usize) -> bool {
    let window_start = end.saturating_sub(40);
    let window_start = (0..=window_start)
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let window = text[window_start..end].to_ascii_lowercase();
    // "between 5% and 8%", "within a range of 13.8% and 14.2%".
    window.contains("between") || window.contains("range of")
}

/// How much of the text after a number the unit words are looked for in:
/// longer than any of them and the character after it.
const UNIT_HEAD: usize = 40;

/// At most the first `max` bytes of `text`, cut at a character boundary.
pub(super) fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
