//! Ranges that run from a decline to growth: "down 2% to up 2%", "from
//! negative 1% to positive 3%", "between a 4% decline and a 1% increase".
//! Each end carries its own direction, so the range is one figure whose
//! low end is negative and high end positive, not two figures that take
//! the direction of the first.

/// Words right before the first number that make it a decline.
const DOWN_BEFORE: &[&str] = &["down", "negative", "minus", "decline of", "decrease of"];

/// What joins a declining first end to a growing second one, said before
/// the second number: "down 2% to up 2%".
const TO_GROWTH: &[&str] = &[
    " to up ",
    " to plus ",
    " to positive ",
    " to an increase of ",
    " to growth of ",
];

/// What joins a first end said as a decline, after its number, to the
/// second: "a 4% decline and a 1% increase".
const DECLINE_AND: &[&str] = &[
    " decline and a ",
    " decline and an ",
    " decrease and a ",
    " decrease and an ",
    " drop and a ",
];

/// Words after the second number's unit that make it growth.
const GROWTH_AFTER: &[&str] = &[" increase", " growth", " rise", " gain"];

/// Where the second number starts when the first number (starting at
/// `start`, its unit ending at `end`) opens a range from a decline to
/// growth, and whether the second end must be followed by a growth word
/// (`second_is_growth` checks it once its unit is read).
pub(super) fn signed_range_second(text: &str, start: usize, end: usize) -> Option<(usize, bool)> {
    let rest = &text[end..];
    let before = text[..start].trim_end().to_ascii_lowercase();
    let declining = DOWN_BEFORE.iter().any(|w| {
        before
            .strip_suffix(w)
            .is_some_and(|b| b.is_empty() || b.ends_with(|c: char| !c.is_alphanumeric()))
    });
    if declining {
        if let Some(sep) = TO_GROWTH.iter().find(|s| starts_with_digit_after(rest, s)) {
            return Some((end + sep.len(), false));
        }
    }
    DECLINE_AND
        .iter()
        .find(|s| starts_with_digit_after(rest, s))
        .map(|sep| (end + sep.len(), true))
}

/// Whether the text after a second end (its unit read) says it is growth.
pub(super) fn second_is_growth(text: &str, end: usize) -> bool {
    let rest = text[end..].to_ascii_lowercase();
    GROWTH_AFTER.iter().any(|w| {
        rest.strip_prefix(w)
            .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// Whether `rest` starts with `sep` (ignoring ASCII case) and a digit.
fn starts_with_digit_after(rest: &str, sep: &str) -> bool {
    rest.get(..sep.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(sep))
        && rest[sep.len()..].starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_from_a_decline_to_growth() {
        fn second<'t>(text: &'t str, first: &str) -> Option<(&'t str, bool)> {
            let start = text.find(first).unwrap();
            signed_range_second(text, start, start + first.len())
                .map(|(at, check)| (&text[at..], check))
        }
        assert_eq!(
            second("sales down 2% to up 3% this year", "2%"),
            Some(("3% this year", false))
        );
        assert_eq!(
            second("in a range of negative 1% to positive 4%", "1%"),
            Some(("4%", false))
        );
        assert_eq!(
            second("between a 4% decline and a 1% increase", "4%"),
            Some(("1% increase", true))
        );
        // Not a decline first, or no growth word joining them.
        assert_eq!(second("sales up 2% to up 3%", "2%"), None);
        assert_eq!(second("rundown 2% to up 3%", "2%"), None);
        assert_eq!(second("down 2% to 3%", "2%"), None);
        assert!(second_is_growth("1% increase from", 2));
        assert!(!second_is_growth("1% increases", 2));
        assert!(!second_is_growth("1% of sales", 2));
    }
}
