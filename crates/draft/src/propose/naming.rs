//! Numbers that are part of a name rather than a company figure: a model
//! or product number after a capitalised word ("Avalon Nano 3", "Phase 2"),
//! a number hyphenated to a word or another number ("BRC-20", "our most
//! recent 10-K", "40-foot containers", "a 50-50 joint venture").

use crate::scan::Mention;

/// Whether the bare number at `start..end` of `text` is part of a name.
pub(super) fn is_name_part(text: &str, mention: &Mention, sentence_start: usize) -> bool {
    if mention.currency.is_some()
        || mention.unit.is_some()
        || mention.scale.is_some()
        || mention.range
    {
        return false;
    }
    let digits = &text[mention.start..mention.end];
    if digits.len() > 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let before = &text[sentence_start..mention.start];
    let after = &text[mention.end..];
    let joined = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    // "BRC-20", "10-K", "40-foot", "50-50"; not "20-30%" (a range, read
    // by the scanner) nor "- 20" (a dash).
    if before.ends_with('-') && joined(before[..before.len() - 1].chars().next_back()) {
        return true;
    }
    if let Some(rest) = after.strip_prefix('-') {
        if joined(rest.chars().next()) {
            return true;
        }
    }
    // "Nano 3" mid-sentence: a capitalised word right before the number,
    // that is not the first word of the sentence ("Revenue 15" in a
    // heading) nor an abbreviation in capitals ("Q 3" is the scanner's).
    let Some(word) = before
        .strip_suffix(' ')
        .and_then(|b| b.split_whitespace().next_back())
    else {
        return false;
    };
    let first =
        before.split_whitespace().next() == Some(word) && before.split_whitespace().count() == 1;
    let capitalised = word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && word.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && word.len() > 1;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    capitalised
        && !first
        && !MONTHS.contains(&word.trim_end_matches([',', '.']))
        && !after.trim_start().starts_with(['%', '$'])
}
