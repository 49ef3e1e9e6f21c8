//! Writing a figure the way the data format reads it: qualifier, sign,
//! currency, scale and unit, and reading a stated loss as a negative amount.

use rust_decimal::Decimal;

use super::context::Context;
use super::cues::{ABOUT, AT_LEAST, AT_MOST, LOSS};
use super::words::word_boundary;
use crate::scan::Mention;

/// A value with a unit written after it, ranges at their high end:
/// "$61,000" and "/BTC" give "$61,000/BTC".
pub(super) fn adopt(value: &str, suffix: &str) -> String {
    format!("{value}{suffix}")
}

/// Whether the nearest word before a figure that tells profit from loss
/// says loss: "a gross loss of $70.1M compared to a gross profit of
/// $138.3M" is a loss, then a profit.
pub(super) fn is_loss(before: &str) -> bool {
    let last = |words: &[&str]| {
        words
            .iter()
            .filter_map(|w| {
                before
                    .match_indices(*w)
                    .filter(|(p, _)| word_boundary(before, *p, p + w.len()))
                    .map(|(p, _)| p)
                    .last()
            })
            .max()
    };
    // "other expense of $1.5 million": the expense side of a signed
    // metric (only signed metrics are negated), named right before the
    // figure, is a loss too.
    let expense_near = {
        let from = before
            .char_indices()
            .rev()
            .filter(|(_, c)| c.is_whitespace())
            .nth(3)
            .map_or(0, |(i, _)| i);
        last(&["expense", "expenses"]).filter(|p| *p >= from)
    };
    let loss = last(LOSS).max(expense_near);
    let profit = last(&["profit", "income", "earnings", "gain", "gains", "positive"]);
    match (loss, profit) {
        (Some(l), Some(p)) => l > p,
        (Some(_), None) => true,
        _ => false,
    }
}

/// A loss stated as positive amounts, negated: "$5M" reads "-$5M", "about
/// $5M" "about -$5M", and a range each end, low end first: "$136M to
/// $156M" reads "-$156M to -$136M", "$0.25 to $0.40/share" "-$0.40 to
/// -$0.25/share".
pub(super) fn negate(value: &str) -> String {
    let minus = |v: &str| move_sign_inside_qualifier(&format!("-{}", v.trim_start_matches('+')));
    let Some((low, high)) = value.split_once(" to ") else {
        return minus(value);
    };
    let qualifier = ["about ", "over ", "nearly "]
        .into_iter()
        .find(|q| low.starts_with(q))
        .unwrap_or("");
    let low = &low[qualifier.len()..];
    let (high_amount, unit) = split_unit(high);
    let (low_amount, low_unit) = split_unit(low);
    let low_unit = if low_unit.is_empty() { "" } else { unit };
    format!(
        "{qualifier}-{}{low_unit} to -{low_amount}{unit}",
        high_amount.trim_start_matches('+'),
        low_amount = low_amount.trim_start_matches('+')
    )
}

/// An end of a range split into its amount ("$0.40", "$156M") and the unit
/// written after it ("/share", "%").
fn split_unit(end: &str) -> (&str, &str) {
    let digits_end = end.rfind(|c: char| c.is_ascii_digit()).map_or(0, |i| i + 1);
    let scale = end[digits_end..]
        .chars()
        .take_while(|c| matches!(c, 'K' | 'M' | 'B' | 'T'))
        .count();
    end.split_at(digits_end + scale)
}

/// "-about $5M" reads "about -$5M" in the data format.
fn move_sign_inside_qualifier(value: &str) -> String {
    for q in ["about ", "over ", "nearly "] {
        if let Some(rest) = value.strip_prefix(&format!("-{q}")) {
            return format!("{q}-{rest}");
        }
    }
    value.to_string()
}

/// The value string of a mention, as the data format writes it; with the
/// figure as written and a note when the value reinterprets it.
pub(super) fn value_text(
    cx: &Context<'_>,
    m: &Mention,
    near_before: &str,
    change: bool,
    down: bool,
) -> Option<(String, Option<String>, Option<String>)> {
    let qualifier = if m.plus {
        "over "
    } else if AT_MOST.iter().any(|w| near_before.ends_with(w)) {
        "nearly "
    } else if AT_LEAST.iter().any(|w| near_before.ends_with(w)) {
        "over "
    } else if ABOUT.iter().any(|w| near_before.ends_with(w)) {
        "about "
    } else {
        ""
    };
    let phrase = m.text(cx.text);
    let written_negative = phrase.starts_with(['-', '−']);
    let currency = match m.currency.as_deref() {
        Some("$" | "US$") => "$".to_string(),
        Some("€") => "€".into(),
        Some("£") => "£".into(),
        Some("¥") => return None,
        Some(code) => format!("{code} "),
        None => String::new(),
    };
    let scale = match m.scale.as_deref() {
        Some("million" | "M" | "mm") => "M",
        Some("billion" | "B" | "bn") => "B",
        Some("thousand" | "K" | "k") => "K",
        Some("trillion") => return None,
        _ => "",
    };
    let unit_lower = m.unit.as_deref().map(str::to_lowercase);
    let unit = match unit_lower.as_deref() {
        None => String::new(),
        Some("%" | "percent" | "per cent" | "percentage points" | "percentage point") => "%".into(),
        Some("basis points" | "basis point" | "basis" | "bps" | "bp") => " bps".into(),
        Some("times" | "x") => "x".into(),
        Some("-fold" | "fold") => "%".into(),
        Some(u) if u.contains("share") => "/share".into(),
        Some(_) => {
            let written = m.unit.as_deref().unwrap_or_default();
            let (per, rest) = match written
                .strip_prefix("per ")
                .or_else(|| written.strip_prefix('/'))
            {
                Some(rest) => ("/", rest),
                None => ("", written),
            };
            let unit = cx
                .vocabulary
                .units
                .get(rest)
                .or_else(|| cx.vocabulary.units.longest_prefix(rest).map(|(u, _)| u))?;
            if per.is_empty() {
                format!(" {}", unit.id)
            } else {
                format!("/{}", unit.id)
            }
        }
    };
    let sign = if written_negative || (change && down) {
        "-"
    } else if change {
        "+"
    } else {
        ""
    };
    // "$63.5000": a thousands figure that speech-to-text wrote with a
    // decimal point; no speaker states four decimals ending in 000.
    let garbled: Vec<Option<String>> = m
        .numbers
        .iter()
        .map(|n| garbled_thousands(n).filter(|_| m.scale.is_none()))
        .collect();
    if garbled.iter().any(Option::is_some) {
        let numbers: Vec<String> = m
            .numbers
            .iter()
            .zip(&garbled)
            .map(|(n, g)| g.clone().unwrap_or_else(|| n.clone()))
            .collect();
        let reread = Mention {
            numbers,
            ..m.clone()
        };
        let (value, _, _) = value_text(cx, &reread, near_before, change, down)?;
        let phrase = m.text(cx.text);
        let note = format!("\"{phrase}\" read as {value}: a garbled thousands figure");
        return Some((value, Some(phrase.to_string()), Some(note)));
    }
    let numbers: Vec<String> = m.numbers.clone();
    if unit_lower.as_deref().is_some_and(|u| u.contains("fold")) {
        // "2.6-fold increase": English reads it as 2.6 times the base, +160%.
        // A multiple that fell ("a threefold decrease") leaves a third of
        // the base, and "halved" (0.5) half of it: never below -100%.
        let n: Decimal = numbers.first()?.replace(',', "").parse().ok()?;
        let fell = change && down && n > Decimal::ONE;
        let factor = if fell {
            Decimal::ONE.checked_div(n)?
        } else {
            n
        };
        let pct = ((factor - Decimal::ONE) * Decimal::ONE_HUNDRED)
            .round_dp(1)
            .normalize();
        let base = if fell {
            format!("1/{} of the base", n.normalize())
        } else {
            format!("{}x the base", n.normalize())
        };
        let note = if phrase.chars().any(|c| c.is_ascii_digit()) {
            format!(
                "\"{phrase}\" read as {base}; some writers mean an increase of {}x",
                n.normalize()
            )
        } else {
            format!("\"{phrase}\" read as {base}")
        };
        let sign = if pct.is_sign_negative() || pct.is_zero() {
            ""
        } else {
            "+"
        };
        return Some((
            format!("{qualifier}{sign}{pct}%"),
            Some(phrase.to_string()),
            Some(note),
        ));
    }
    let percent_like = unit == "%" || unit == " bps";
    let end_text = |n: &str, with_unit: bool| {
        if percent_like || unit == "x" {
            format!("{sign}{n}{}", if with_unit { unit.as_str() } else { "" })
        } else {
            format!(
                "{sign}{currency}{n}{scale}{}",
                if with_unit { unit.as_str() } else { "" }
            )
        }
    };
    let value = match numbers.as_slice() {
        [one] => format!("{qualifier}{}", end_text(one, true)),
        [low, high] => {
            // "a net loss between $156 million and $136 million": the
            // lower end first. Only "between ... and" says a range either
            // way round; "shipped 10,000 units to 75 countries" is none.
            let number = |n: &str| n.replace(',', "").parse::<Decimal>().ok();
            let between = cx.text[m.start..m.end].contains(" and ");
            let (low, high) = match (number(low), number(high)) {
                (Some(l), Some(h)) if l > h && between && !m.from_decline => (high, low),
                _ => (low, high),
            };
            let qualifier = if qualifier == "about " { qualifier } else { "" };
            if m.from_decline && percent_like {
                // Each end has its own direction: "down 2% to up 2%".
                format!("{qualifier}-{low}{unit} to +{high}{unit}")
            } else if percent_like || unit == "x" {
                format!(
                    "{qualifier}{} to {}",
                    end_text(low, true),
                    end_text(high, true)
                )
            } else {
                format!(
                    "{qualifier}{} to {}",
                    end_text(low, false),
                    end_text(high, true)
                )
            }
        }
        _ => return None,
    };
    let note = match unit_lower.as_deref() {
        Some("percentage points" | "percentage point") => {
            Some("stated in percentage points".to_string())
        }
        _ => None,
    };
    Some((value, None, note))
}

/// "63.5000" read as "63,500": a number with four or more decimals ending
/// in "000" is a thousands figure whose separator came out as a point.
fn garbled_thousands(n: &str) -> Option<String> {
    let (int, frac) = n.split_once('.')?;
    if frac.len() < 4 || !frac.ends_with("000") || int.contains(',') {
        return None;
    }
    let value: Decimal = n.parse().ok()?;
    let thousands = (value * Decimal::ONE_THOUSAND).normalize().to_string();
    let (whole, fraction) = match thousands.split_once('.') {
        Some((w, f)) => (w.to_string(), format!(".{f}")),
        None => (thousands, String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    Some(grouped + &fraction)
}
