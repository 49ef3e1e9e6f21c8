//! Proposing a fact for each figure of a sentence: the value as the data
//! format writes it, the metric (from the taxonomies' labels and synonyms),
//! the period the sentence names, stated changes, guidance, axis members,
//! an evidence phrase, and a confidence.

use qbrief_model::{parse_value, Change, Dims, Figure, Metric, Period, PeriodSpan, Vocabulary};
use rust_decimal::Decimal;

use crate::scan::Mention;

/// What the drafter proposes for one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The metric id with an optional `.qoq`/`.yoy`, `None` when no metric
    /// fits (written `?`).
    pub metric: Option<String>,
    /// The period the figure is for.
    pub period: Period,
    /// The value as the data format writes it.
    pub value: String,
    /// The parsed value.
    pub figure: Figure,
    /// The figure as written, when the value reinterprets it ("doubled").
    pub as_written: Option<String>,
    /// Whether the sentence is forward-looking.
    pub guidance: bool,
    /// Axis members named near the figure.
    pub dims: Dims,
    /// For a per-subject metric: the product, customer or project named
    /// nearest before the figure, `?` when none is.
    pub subject: Option<String>,
    /// How sure the drafter is, 0 to 1.
    pub confidence: Decimal,
    /// Why, for the reviewer.
    pub note: Option<String>,
}

const ABOUT: &[&str] = &[
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "circa",
    "~",
];
const AT_LEAST: &[&str] = &[
    "over",
    "above",
    "exceeding",
    "exceeded",
    "more than",
    "at least",
    "greater than",
    "in excess of",
    "plus",
];
const AT_MOST: &[&str] = &[
    "nearly",
    "almost",
    "under",
    "below",
    "less than",
    "up to",
    "close to",
    "just under",
];
const DOWN: &[&str] = &[
    "decrease",
    "decreased",
    "decreasing",
    "decline",
    "declined",
    "declining",
    "down",
    "lower",
    "fell",
    "fall",
    "drop",
    "dropped",
    "reduction",
    "reduced",
    "contracted",
    "contraction",
    "shrank",
    "negative",
    "lost",
    "minus",
];
const GROWTH: &[&str] = &[
    "increase",
    "increased",
    "increasing",
    "up",
    "grew",
    "growth",
    "grow",
    "rose",
    "rise",
    "higher",
    "narrowed",
    "narrowing",
    "narrow",
    "widened",
    "widening",
    "improvement of",
    "improved",
    "improvement",
    "expanded",
    "expansion",
    "gain",
    "gains",
    "jumped",
    "surged",
    "climbed",
    "raise",
    "raised",
    "boost",
];
const QOQ: &[&str] = &[
    "sequential",
    "sequentially",
    "quarter-over-quarter",
    "quarter over quarter",
    "quarter-on-quarter",
    "quarter on quarter",
    "qoq",
    "q-o-q",
    "previous quarter",
    "prior quarter",
    "last quarter",
    "preceding quarter",
];
const YOY: &[&str] = &[
    "year-over-year",
    "year over year",
    "year-on-year",
    "year on year",
    "yoy",
    "y-o-y",
    "a year ago",
    "last year",
    "prior year",
    "previous year",
    "same period",
    "same quarter",
    "prior-year",
    "compared to last year",
    "from last year",
];
const FORWARD: &[&str] = &[
    "expect",
    "expects",
    "expected",
    "expecting",
    "guidance",
    "guide",
    "outlook",
    "anticipate",
    "anticipates",
    "forecast",
    "forecasts",
    "project",
    "projects",
    "projected",
    "target",
    "targets",
    "we plan",
    "plan to",
    "planning to",
    "aim to",
    "will be",
    "should be",
    "estimate",
];
const PAST_GUIDANCE: &[&str] = &[
    "beat",
    "exceeded",
    "versus our prior guidance",
    "prior guidance",
    "previous guidance",
    "than guidance",
    "above our guidance",
    "original guidance",
];
const LOSS: &[&str] = &["loss", "losses", "deficit", "negative"];
const ORDINAL_QUARTERS: &[(&str, u8)] = &[
    ("first quarter", 1),
    ("second quarter", 2),
    ("third quarter", 3),
    ("fourth quarter", 4),
    ("quarter one", 1),
    ("quarter two", 2),
    ("quarter three", 3),
    ("quarter four", 4),
    ("q1", 1),
    ("q2", 2),
    ("q3", 3),
    ("q4", 4),
    ("1q", 1),
    ("2q", 2),
    ("3q", 3),
    ("4q", 4),
];

/// Everything the proposer needs about where a figure stands.
pub(crate) struct Context<'a> {
    /// The whole document.
    pub text: &'a str,
    /// The sentence's byte range.
    pub sentence: std::ops::Range<usize>,
    /// The previous sentence of the same speaker, for carrying a metric over.
    pub previous: Option<std::ops::Range<usize>>,
    /// The document's period.
    pub period: Period,
    /// The company's vocabulary.
    pub vocabulary: &'a Vocabulary,
    /// The month the company's fiscal year ends in.
    pub fiscal_year_end_month: u32,
    /// Each metric's names (label, synonyms and their variants), lowercase,
    /// by index into the vocabulary's metrics.
    pub names: &'a [Vec<String>],
    /// The end of the previous figure of the sentence and its metric, so
    /// that "revenue of $73.6M, up 121%" gives the change the same metric.
    pub previous_figure: Option<(usize, String)>,
}

/// Proposes a fact for `mention`, `None` when no value can be written.
pub(crate) fn propose(cx: &Context<'_>, mention: &Mention) -> Option<Proposal> {
    let sentence = &cx.text[cx.sentence.clone()];
    let lower = sentence.to_ascii_lowercase();
    let at = mention.start - cx.sentence.start;
    let end = mention.end - cx.sentence.start;
    let before = &lower[..at];
    let clause_start = before.rfind([';', ':']).map_or(0, |p| p + 1);
    let near_before: String = last_words(before, 4);
    let forward = FORWARD.iter().any(|w| contains_word(&lower, w))
        && !PAST_GUIDANCE.iter().any(|w| lower.contains(w));
    let unit = mention.unit.as_deref().map(str::to_lowercase);
    let is_percent = matches!(unit.as_deref(), Some("%" | "percent" | "per cent"));
    let is_bps = matches!(
        unit.as_deref(),
        Some("basis points" | "basis point" | "bps" | "bp")
    );
    let is_points = matches!(
        unit.as_deref(),
        Some("percentage points" | "percentage point")
    );
    let is_fold = matches!(unit.as_deref(), Some("-fold" | "fold"));
    let after_words: String = lower[end..]
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let growth_before = GROWTH
        .iter()
        .chain(DOWN)
        .any(|w| contains_word(&near_before, w));
    let growth_after = GROWTH
        .iter()
        .chain(DOWN)
        .chain(["favorable", "unfavorable", "benefit", "headwind"].iter())
        .any(|w| {
            after_words
                .split_whitespace()
                .take(2)
                .any(|x| x.trim_matches(|c: char| !c.is_alphanumeric()) == *w)
        });
    let level_cue = [
        "to", "at", "of", "was", "were", "is", "reached", "be", "remained",
    ]
    .iter()
    .any(|w| near_before.ends_with(&format!(" {w}")) || near_before == *w);
    let alternative = near_before.ends_with(" or")
        && GROWTH
            .iter()
            .chain(DOWN)
            .any(|w| contains_word(&lower[clause_start..at], w));
    // "a 62% reduction in net loss" narrows a loss: a positive change.
    let loss_reduced = lower[end..]
        .split_whitespace()
        .take(4)
        .any(|w| w.starts_with("loss"));
    let down_word = |text: &str| DOWN.iter().any(|w| contains_word(text, w));
    let down_after = DOWN.iter().any(|w| {
        after_words
            .split_whitespace()
            .take(2)
            .any(|x| x.trim_matches(|c: char| !c.is_alphanumeric()) == *w)
    });
    let down = !loss_reduced
        && (down_word(&near_before)
            || down_after
            || (alternative && down_word(&lower[clause_start..at])));
    // A stated change: a percentage (or bps) said with a word of growth
    // next to it; "increased 60 basis points to 35%" is a change, then a level.
    let changeable = is_percent || is_bps || is_points || is_fold;
    // "growth for the fourth quarter is 7.2%": a growth noun earlier in the
    // clause makes a percentage said with "is" a change too.
    let growth_noun = ["growth", "increase", "decrease", "decline", "improvement"]
        .iter()
        .any(|w| contains_word(&lower[clause_start..at], w));
    let change = if changeable
        && (growth_before
            || (growth_after && !level_cue)
            || alternative
            || is_fold
            || (is_bps && !level_cue)
            || (growth_noun && level_cue && is_percent && near_before.ends_with(" is")))
    {
        // The words right after the figure decide first ("5% sequential
        // increase and an 18% year-over-year increase"), then those before.
        let right_after: String = lower[end..]
            .split_whitespace()
            .take_while(|w| *w != "and" && !w.ends_with(','))
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        // "compared to the end of quarter two": the base period says which.
        let base_words: String = lower[end..]
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        let base = dated_period(&base_words, cx.period, cx.fiscal_year_end_month)
            .or_else(|| named_period(&base_words, cx.period, false));
        let base_cue = match base {
            Some(p) if Some(p) == cx.period.previous_quarter() => Some(Change::Qoq),
            Some(p) if Some(p) == cx.period.year_ago() => Some(Change::Yoy),
            _ => None,
        };
        let cue = |text: &str| {
            if QOQ.iter().any(|w| text.contains(w)) {
                Some(Change::Qoq)
            } else if YOY.iter().any(|w| text.contains(w)) {
                Some(Change::Yoy)
            } else {
                None
            }
        };
        cue(&right_after)
            .or(base_cue)
            .or_else(|| cue(&near_before))
            .or_else(|| cue(&lower[clause_start..]))
            .or_else(|| cue(&lower))
            .or(Some(Change::Yoy))
    } else {
        None
    };
    let change_cue = change.is_some()
        && (QOQ.iter().any(|w| lower.contains(w)) || YOY.iter().any(|w| lower.contains(w)));
    let (value, as_written, note) = value_text(cx, mention, &near_before, change.is_some(), down)?;
    let figure = parse_value(&value, &cx.vocabulary.units).ok()?;
    let (period, period_cue) = period_of(cx, &lower, at, end, forward, change);
    let loss = is_loss(&lower[clause_start..at.max(clause_start)])
        || LOSS.iter().any(|w| {
            lower[end..]
                .split_whitespace()
                .take(2)
                .any(|x| x.trim_matches(|c: char| !c.is_alphabetic()) == *w)
        });
    let mut metric = choose_metric(cx, &lower, at, end, &figure, change);
    // A change right after a level figure, with no other metric named in
    // between, is a change of that level's metric.
    if let (Some(_), Some((prev_end, prev_id))) = (change, &cx.previous_figure) {
        let between_start = prev_end.saturating_sub(cx.sentence.start).min(at);
        let named_between = metric
            .as_ref()
            .is_some_and(|(m, score)| *score == 3 && names_metric(&lower[between_start..at], m));
        if !named_between {
            if let Some(m) = cx.vocabulary.metric(prev_id) {
                metric = Some((m.as_ref(), 3));
            }
        }
    }
    // Write the metric's unit after a bare figure it fits only that way.
    // Only a figure said without a scale is read as a price per unit
    // ("$61,000" per bitcoin, not "$2.5 million").
    let adopt_ok = |score: u8| score >= 2 && (mention.scale.is_none() || !figure.unit().is_money());
    let (value, figure) = match metric
        .as_ref()
        .filter(|(_, score)| change.is_none() && adopt_ok(*score))
        .and_then(|(m, _)| adoptable(m, &figure).flatten())
    {
        Some(suffix) => {
            let adopted = adopt(&value, &suffix);
            match parse_value(&adopted, &cx.vocabulary.units) {
                Ok(f) => (adopted, f),
                Err(_) => (value, figure),
            }
        }
        None => (value, figure),
    };
    let (metric_id, metric_score) = match &metric {
        Some((m, score)) => (Some(m), *score),
        None => (None, 0),
    };
    // A loss stated as a positive amount of a signed metric is negative.
    let (value, figure) = match metric_id {
        Some(m)
            if change.is_none()
                && loss
                && m.sign == qbrief_model::SignConvention::Signed
                && !figure.value().is_sign_negative() =>
        {
            let negated = format!("-{}", value.trim_start_matches('+'));
            let negated = move_sign_inside_qualifier(&negated);
            match parse_value(&negated, &cx.vocabulary.units) {
                Ok(f) => (negated, f),
                Err(_) => (value, figure),
            }
        }
        _ => (value, figure),
    };
    let dims = dims_near(cx.vocabulary, &lower, at);
    let subject = metric_id
        .filter(|m| m.per_subject)
        .map(|_| subject_before(sentence, at).unwrap_or_else(|| "?".into()));
    let mut confidence = Decimal::new(35, 2);
    confidence += match metric_score {
        3 => Decimal::new(35, 2),
        2 => Decimal::new(25, 2),
        1 => Decimal::new(10, 2),
        _ => Decimal::ZERO,
    };
    if mention.currency.is_some() || mention.unit.is_some() {
        confidence += Decimal::new(10, 2);
    }
    if period_cue {
        confidence += Decimal::new(5, 2);
    }
    if change.is_some() && change_cue {
        confidence += Decimal::new(10, 2);
    }
    if as_written.is_some() {
        confidence -= Decimal::new(20, 2);
    }
    if metric_id.is_none() {
        confidence = Decimal::new(10, 2);
    }
    let confidence = confidence.clamp(Decimal::new(5, 2), Decimal::new(95, 2));
    Some(Proposal {
        metric: metric_id.map(|m| match change {
            Some(c) => format!("{}.{}", m.id, c.suffix()),
            None => m.id.clone(),
        }),
        period,
        value,
        figure,
        as_written,
        guidance: forward,
        dims,
        subject,
        confidence,
        note,
    })
}

/// A value with a unit written after it, ranges at their high end:
/// "$61,000" and "/BTC" give "$61,000/BTC".
fn adopt(value: &str, suffix: &str) -> String {
    format!("{value}{suffix}")
}

/// Whether the nearest word before a figure that tells profit from loss
/// says loss: "a gross loss of $70.1M compared to a gross profit of
/// $138.3M" is a loss, then a profit.
fn is_loss(before: &str) -> bool {
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
    let loss = last(LOSS);
    let profit = last(&["profit", "income", "earnings", "gain", "gains", "positive"]);
    match (loss, profit) {
        (Some(l), Some(p)) => l > p,
        (Some(_), None) => true,
        _ => false,
    }
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
fn value_text(
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
        Some("basis points" | "basis point" | "bps" | "bp") => " bps".into(),
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
    let numbers: Vec<String> = m.numbers.clone();
    if unit_lower.as_deref().is_some_and(|u| u.contains("fold")) {
        // "2.6-fold increase": English reads it as 2.6 times the base, +160%.
        let n: Decimal = numbers.first()?.replace(',', "").parse().ok()?;
        let pct = (n - Decimal::ONE) * Decimal::ONE_HUNDRED;
        let note = if phrase.chars().any(|c| c.is_ascii_digit()) {
            format!(
                "\"{phrase}\" read as {}x the base; some writers mean an increase of {}x",
                n.normalize(),
                n.normalize()
            )
        } else {
            format!("\"{phrase}\" read as {}x the base", n.normalize())
        };
        return Some((
            format!("{qualifier}{sign}{}%", pct.normalize()),
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
            let qualifier = if qualifier == "about " { qualifier } else { "" };
            if percent_like || unit == "x" {
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

/// The period a figure is for, and whether the sentence names it.
fn period_of(
    cx: &Context<'_>,
    lower: &str,
    at: usize,
    end: usize,
    forward: bool,
    change: Option<Change>,
) -> (Period, bool) {
    let doc = cx.period;
    let before = last_words(&lower[..at], 3);
    // The words after the figure, up to the next figure.
    let after_all = &lower[end..];
    let stop = after_all
        .char_indices()
        .find(|(_, c)| matches!(c, '$' | '%' | '€' | '£'))
        .map_or(after_all.len(), |(i, _)| i);
    let after_wide: String = after_all[..stop]
        .split_whitespace()
        .take(12)
        .collect::<Vec<_>>()
        .join(" ");
    let stop = after_all[..stop].find([',', ';']).unwrap_or(stop);
    let after: String = after_all[..stop]
        .split_whitespace()
        .take(8)
        .take_while(|w| !GROWTH.iter().chain(DOWN).any(|g| g == w))
        .collect::<Vec<_>>()
        .join(" ");
    let year_cue = YOY.iter().any(|w| lower.contains(w));
    let quarter_cue = QOQ.iter().any(|w| lower.contains(w));
    let earlier = |base: Period| {
        if year_cue && !quarter_cue {
            base.year_ago()
        } else {
            base.previous_quarter()
        }
    };
    if change.is_none() {
        // "from $16,500 to $28,500 in quarter one": the first is the
        // earlier period of the second.
        if before.ends_with("from") && after.starts_with("to") {
            let to_end = after_all[stop..]
                .find(|c: char| c.is_whitespace())
                .map_or(after_all.len(), |i| stop + i);
            let later_words: String = after_all[to_end..]
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ");
            let later = named_period(&later_words, doc, forward).unwrap_or(doc);
            if let Some(p) = earlier(later) {
                return (p, true);
            }
        }
        if [
            "same period",
            "same quarter",
            "a year ago",
            "last year",
            "prior year",
            "previous year",
            "year before",
            "prior-year",
        ]
        .iter()
        .any(|w| after.contains(w))
        {
            if let Some(p) = doc.year_ago() {
                return (p, true);
            }
        }
        if [
            "last quarter",
            "previous quarter",
            "prior quarter",
            "end of last quarter",
        ]
        .iter()
        .any(|w| after.contains(w))
        {
            if let Some(p) = doc.previous_quarter() {
                return (p, true);
            }
        }
    }
    // A change's own period is named before it; what follows it ("compared
    // to December 31, 2023") is the base it is measured from.
    if change.is_none() {
        if let Some(p) = dated_period(&after_wide, doc, cx.fiscal_year_end_month) {
            return (p, true);
        }
        if let Some(p) = named_period(&after_wide, doc, forward) {
            return (p, true);
        }
    }
    let clause_start = lower[..at].rfind([';']).map_or(0, |p| p + 1);
    if change.is_none() {
        if let Some(p) = dated_period(
            &last_words(&lower[clause_start..at], 6),
            doc,
            cx.fiscal_year_end_month,
        ) {
            return (p, true);
        }
    }
    if let Some(p) = named_period(&lower[clause_start..at], doc, forward) {
        return (p, true);
    }
    if let Some(p) = named_period(&lower[..at], doc, forward) {
        return (p, true);
    }
    if forward {
        // Guidance without a period: the one the speaker just named, else
        // the fiscal year (the next one, from the year's last quarter).
        if let Some(prev) = &cx.previous {
            if let Some(p) = named_period(&cx.text[prev.clone()].to_ascii_lowercase(), doc, true) {
                if p > doc {
                    return (p, false);
                }
            }
        }
        let year = if doc_quarter(doc) == 4 {
            doc.year() + 1
        } else {
            doc.year()
        };
        if let Some(p) = Period::new(year, PeriodSpan::Year) {
            return (p, false);
        }
    }
    (doc, false)
}

/// The quarter a date falls in: "at the end of March", "on June 30, 2024",
/// "as of September 30th" (a balance measured then).
fn dated_period(phrase: &str, doc: Period, fiscal_year_end_month: u32) -> Option<Period> {
    // The full month names, in calendar order.
    let months = &crate::scan::MONTHS[..12];
    let words: Vec<&str> = phrase
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let Some(m) = months.iter().position(|name| name == w) else {
            continue;
        };
        let month = m as u32 + 1;
        let end_of = i >= 2 && words[i - 2] == "end" && words[i - 1] == "of";
        let day: Option<u32> = words
            .get(i + 1)
            .map(|d| d.trim_end_matches(|c: char| c.is_alphabetic()))
            .and_then(|d| d.parse().ok());
        if !end_of && day.is_none() {
            continue;
        }
        let explicit_year: Option<i32> = words
            .get(i + 2)
            .and_then(|y| y.parse().ok())
            .filter(|y| (1990..=2100).contains(y));
        let (_, doc_end) = doc.dates(fiscal_year_end_month);
        let year = explicit_year.unwrap_or_else(|| {
            use chrono::Datelike;
            if month > doc_end.month() {
                doc_end.year() - 1
            } else {
                doc_end.year()
            }
        });
        // The fiscal year and quarter of that month.
        let fiscal_year = if month > fiscal_year_end_month {
            year + 1
        } else {
            year
        };
        let into = (month as i32 - fiscal_year_end_month as i32 - 1).rem_euclid(12) + 1;
        return Period::quarter(fiscal_year, ((into - 1) / 3 + 1) as u8);
    }
    None
}

/// A period a phrase names: "first quarter of 2023", "Q4", "fiscal '22",
/// "full year", "first half", "next quarter".
fn named_period(phrase: &str, doc: Period, forward: bool) -> Option<Period> {
    let year_in = |s: &str| -> Option<i32> {
        let bytes = s.as_bytes();
        for i in 0..bytes.len() {
            if (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
                && s.get(i..i + 4)
                    .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric())
            {
                let y: i32 = s[i..i + 4].parse().ok()?;
                if (1990..=2100).contains(&y) {
                    return Some(y);
                }
            }
            if s.is_char_boundary(i)
                && (bytes[i] == b'\'' || s[i..].starts_with('’'))
                && i > 0
                && s[..i].ends_with(' ')
            {
                let after = s[i..].trim_start_matches(['\'', '’']);
                if after.len() >= 2
                    && after.as_bytes()[..2].iter().all(u8::is_ascii_digit)
                    && after
                        .as_bytes()
                        .get(2)
                        .is_none_or(|b| !b.is_ascii_alphanumeric())
                {
                    return after[..2].parse::<i32>().ok().map(|y| 2000 + y);
                }
            }
        }
        None
    };
    if phrase.contains("next quarter") || phrase.contains("coming quarter") {
        return doc.next_quarter();
    }
    if phrase.contains("next year") || phrase.contains("next fiscal year") {
        return Period::new(doc.year() + 1, PeriodSpan::Year);
    }
    for (words, q) in ORDINAL_QUARTERS {
        if let Some(pos) = find_word(phrase, words) {
            let rest = &phrase[pos..];
            let year = year_in(prefix(rest, words.len() + 16)).unwrap_or_else(|| {
                // A later quarter than the document's, named without a year,
                // is last year's unless the sentence looks ahead.
                let (doc_year, doc_q) = (doc.year(), doc_quarter(doc));
                if i32::from(*q) > doc_q && !forward {
                    doc_year - 1
                } else {
                    doc_year
                }
            });
            return Period::quarter(year, *q);
        }
    }
    if let Some(pos) = find_word(phrase, "first half")
        .or_else(|| find_word(phrase, "h1"))
        .or_else(|| find_word(phrase, "front half"))
    {
        let year = year_in(&phrase[pos..]).unwrap_or(doc.year());
        return Period::new(year, PeriodSpan::Half(1));
    }
    if let Some(pos) = find_word(phrase, "second half")
        .or_else(|| find_word(phrase, "h2"))
        .or_else(|| find_word(phrase, "back half"))
    {
        let year = year_in(&phrase[pos..]).unwrap_or(doc.year());
        return Period::new(year, PeriodSpan::Half(2));
    }
    for words in [
        "full year",
        "full-year",
        "fiscal year",
        "fiscal",
        "for the year",
        "annual",
        "this year",
        "the year",
    ] {
        if let Some(pos) = find_word(phrase, words) {
            let year = year_in(&phrase[pos..]).unwrap_or(doc.year());
            return Period::new(year, PeriodSpan::Year);
        }
    }
    if let Some(y) = year_in(phrase) {
        if y != doc.year() || forward {
            return Period::new(y, PeriodSpan::Year);
        }
    }
    None
}

/// The longest prefix of `s` of at most `n` bytes that ends on a
/// character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

fn doc_quarter(p: Period) -> i32 {
    match p.span() {
        PeriodSpan::Quarter(q) => i32::from(q),
        PeriodSpan::Half(h) => i32::from(h) * 2,
        PeriodSpan::Year => 4,
    }
}

/// The best metric for a figure: of the metrics whose unit fits it, the
/// one whose label or synonym stands nearest before it in the clause (or
/// after it, or in the previous sentence), with a score of 3 (same clause),
/// 2 (sentence), 1 (previous sentence).
fn choose_metric<'v>(
    cx: &Context<'v>,
    lower: &str,
    at: usize,
    end: usize,
    figure: &Figure,
    change: Option<Change>,
) -> Option<(&'v Metric, u8)> {
    let fits = |m: &Metric| change.is_some() || adoptable(m, figure).is_some();
    let clause_start = lower[..at].rfind([';', ',']).map_or(0, |p| p + 1);
    let mut best: Option<(i64, &Metric, u8)> = None;
    for (metric, names) in cx
        .vocabulary
        .metrics
        .iter()
        .zip(cx.names)
        .filter(|(m, _)| fits(m))
    {
        for name in names {
            let specificity = name.split_whitespace().count() as i64 * 6 + name.len() as i64 / 4;
            for (pos, _) in lower.match_indices(name.as_str()) {
                if !word_boundary(lower, pos, pos + name.len()) {
                    continue;
                }
                let (distance, score) = if pos + name.len() <= at {
                    let d = (at - pos - name.len()) as i64;
                    (d, if pos >= clause_start { 3 } else { 2 })
                } else if pos >= end {
                    ((pos - end) as i64 * 2 + 10, 2)
                } else {
                    continue;
                };
                let cost = distance - specificity - if score == 3 { 30 } else { 0 };
                if best.as_ref().is_none_or(|(c, _, _)| cost < *c) {
                    best = Some((cost, metric.as_ref(), score));
                }
            }
        }
    }
    if let Some((_, m, s)) = best {
        return Some((m, s));
    }
    // A figure in a unit of its own (TH/s, BTC, sq ft) most likely measures
    // the first metric declared in that unit.
    if change.is_none()
        && !figure.unit().is_money()
        && !figure.unit().is_percent()
        && figure.unit().symbol() != "count"
    {
        if let Some(m) = cx
            .vocabulary
            .metrics
            .iter()
            .find(|m| m.unit.dimension() == figure.unit().dimension())
        {
            return Some((m.as_ref(), 1));
        }
    }
    // Carry the subject of the previous sentence of the same speaker.
    let previous = cx.previous.clone()?;
    let prev = cx.text[previous].to_ascii_lowercase();
    let mut best: Option<(usize, &Metric)> = None;
    for metric in cx.vocabulary.metrics.iter().filter(|m| fits(m)) {
        for name in std::iter::once(metric.label.to_ascii_lowercase())
            .chain(metric.synonyms.iter().map(|s| s.to_ascii_lowercase()))
        {
            if let Some(pos) = prev.rfind(&name) {
                if word_boundary(&prev, pos, pos + name.len())
                    && best.as_ref().is_none_or(|(p, _)| pos + name.len() > *p)
                {
                    best = Some((pos + name.len(), metric.as_ref()));
                }
            }
        }
    }
    best.map(|(_, m)| (m, 1))
}

/// The nearest name before `at` that looks like a product or customer: a
/// word of letters and digits ("A15", "A1566I") with the capitalised words
/// after it ("A15 Pro"), or a run of capitalised words not starting the
/// sentence ("HIVE", "Cipher Mining").
fn subject_before(sentence: &str, at: usize) -> Option<String> {
    let words: Vec<&str> = sentence[..at].split_whitespace().collect();
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    for (i, w) in words.iter().enumerate().rev() {
        let w = clean(w);
        let model = w.chars().any(|c| c.is_ascii_digit())
            && w.chars().next().is_some_and(char::is_uppercase);
        if model {
            let mut name = vec![w];
            for next in words.iter().skip(i + 1) {
                let n = clean(next);
                if n.chars().next().is_some_and(char::is_uppercase)
                    && !n.chars().any(|c| c.is_ascii_digit())
                {
                    name.push(n);
                } else {
                    break;
                }
            }
            return Some(name.join(" "));
        }
    }
    words
        .iter()
        .enumerate()
        .rev()
        .find(|(i, w)| {
            *i > 0
                && clean(w).chars().next().is_some_and(char::is_uppercase)
                && clean(w).len() > 1
                && !["I", "We", "Our", "The"].contains(&clean(w).as_str())
        })
        .map(|(_, w)| clean(w))
}

/// How a figure fits a metric: as it is (`Some(None)`), or by writing the
/// metric's unit after it (`Some(Some("/BTC"))`: "$61,000" of revenue per
/// bitcoin; `Some(Some(" BTC"))`: "1,114" bitcoin held).
pub(crate) fn adoptable(m: &Metric, figure: &Figure) -> Option<Option<String>> {
    let (want, have) = (m.unit.dimension(), figure.unit().dimension());
    if want == have {
        return Some(None);
    }
    let money = qbrief_model::Dimension::money();
    let count = qbrief_model::Dimension::base("count");
    let symbol = m.unit.symbol();
    if have == &money && want.has_money() {
        let per = symbol
            .split_once('/')?
            .1
            .trim_start_matches('(')
            .trim_end_matches(')');
        return want
            .div(&money)
            .exponents()
            .all(|(_, e)| e < 0)
            .then(|| Some(format!("/{per}")));
    }
    if have == &count
        && !want.has_money()
        && !want.is_dimensionless()
        && want.exponents().count() == 1
    {
        return want
            .exponents()
            .all(|(_, e)| e == 1)
            .then(|| Some(format!(" {symbol}")));
    }
    None
}

/// Every metric's names, lowercase, with their variants: built once per
/// document, used for every figure.
pub(crate) fn metric_names(vocabulary: &Vocabulary) -> Vec<Vec<String>> {
    vocabulary
        .metrics
        .iter()
        .map(|m| {
            std::iter::once(m.label.as_str())
                .chain(m.synonyms.iter().map(String::as_str))
                .flat_map(variants)
                .filter(|n| n.len() >= 2)
                .collect()
        })
        .collect()
}

/// A name as written, and with its words' plural `s` dropped or its last
/// word made plural: "accounts receivable" also matches "account
/// receivable", "installed hash rate" also "installed hash rates".
fn variants(name: &str) -> Vec<String> {
    let name = name.to_ascii_lowercase();
    let singular: Vec<String> = name
        .split(' ')
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    let singular = singular.join(" ");
    let plural = if name.ends_with('s') {
        name.clone()
    } else {
        format!("{name}s")
    };
    let mut out = vec![name];
    for v in [singular, plural] {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Whether a text names a metric by its label or a synonym.
fn names_metric(text: &str, m: &Metric) -> bool {
    std::iter::once(m.label.to_ascii_lowercase())
        .chain(m.synonyms.iter().map(|s| s.to_ascii_lowercase()))
        .any(|name| find_word(text, &name).is_some())
}

/// Axis members named in the clause before the figure (or the sentence).
fn dims_near(vocabulary: &Vocabulary, lower: &str, at: usize) -> Dims {
    let mut dims = Dims::new();
    for axis in &vocabulary.axes {
        let mut nearest: Option<(usize, &String)> = None;
        for member in &axis.members {
            let words = member.replace('-', " ");
            for (pos, _) in lower.match_indices(&words) {
                if word_boundary(lower, pos, pos + words.len())
                    && pos < at
                    && nearest.as_ref().is_none_or(|(p, _)| pos > *p)
                {
                    nearest = Some((pos, member));
                }
            }
        }
        if let Some((_, member)) = nearest {
            dims.insert(axis.id.clone(), member.clone());
        }
    }
    dims
}

fn word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

fn contains_word(text: &str, word: &str) -> bool {
    find_word(text, word).is_some()
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word)
        .find(|(pos, _)| word_boundary(text, *pos, pos + word.len()))
        .map(|(pos, _)| pos)
}

/// The last `n` words of a text, joined by single spaces.
fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let from = words.len().saturating_sub(n);
    words[from..]
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '~'))
        .collect::<Vec<_>>()
        .join(" ")
}
