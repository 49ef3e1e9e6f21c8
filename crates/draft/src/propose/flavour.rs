//! A metric's flavour: GAAP, adjusted (non-GAAP, excluding items) or core.
//! The taxonomy says which metrics are flavours of which ("adjusted net
//! income" is "net income" with a flavour word); the call says which
//! flavour a figure is in ("$1.01 per share on an adjusted basis",
//! "excluding special items, we earned $0.60 per diluted share").

use std::ops::Range;

use qbrief_model::Metric;

use super::context::Context;
use super::names::{is_link, Tokens};
use super::operating::operating_per_share;
use super::words::word_boundary;

/// A flavour: the words a taxonomy's flavoured names hold, and the words of
/// a call that put a figure in it.
struct Flavour {
    marks: &'static [&'static str],
    cues: &'static [&'static str],
}

/// The flavours, as taxonomies name them. "Excluding items" and its kin
/// are read by `excludes_items`.
const FLAVOURS: &[Flavour] = &[
    Flavour {
        marks: &["adjusted", "non-gaap", "normalized"],
        cues: &[
            "adjusted",
            "adjusting",
            "non-gaap",
            "non gaap",
            "non- gaap",
            "normalized",
            "before certain items",
            "before special items",
            "special items",
            "ex-items",
            // "comparable EPS" is adjusted; "comparable sales" is a metric.
            "comparable earnings",
            "comparable eps",
            "comparable diluted",
            "comparable net income",
        ],
    },
    Flavour {
        marks: &["core"],
        cues: &["core"],
    },
    // "up 7% on a currency-neutral basis", "12%, or 7% excluding
    // currency": the figure without the move of exchange rates.
    Flavour {
        marks: &["constant currency", "local currency", "currency-neutral"],
        cues: &[
            "constant currency",
            "constant-currency",
            "currency-neutral",
            "currency neutral",
            "local currency",
            "fx-neutral",
        ],
    },
];

/// What an exclusion of exchange rates leaves out ("excluding the impact of
/// currency"): the constant-currency figure.
const CURRENCY: &[&str] = &["currency", "currencies", "fx", "exchange"];

/// Words that exclude something from a figure: "excluding special items",
/// "which excludes the gain".
const EXCLUDING: &[&str] = &["excluding", "excludes", "exclude", "exclusive of"];

/// What an exclusion leaves out when it makes a constant-currency or
/// organic figure rather than an adjusted one.
/// "which excludes the impact of share repurchases" neither.
const NOT_ITEMS: &[&str] = &[
    "currency",
    "currencies",
    "fx",
    "exchange",
    "acquisition",
    "repurchase",
    "buyback",
];

/// Words that open an adverbial clause which flavours the whole sentence:
/// "On an adjusted basis, ...", "Excluding special items, ...".
const OPENERS: &[&str] = &[
    "on",
    "excluding",
    "after",
    "net of",
    "before",
    "exclusive of",
    "adjusted for",
    "adjusting for",
];

/// What the call says of a figure's flavour.
#[derive(Clone, Copy)]
enum Said {
    Gaap,
    Flavoured(&'static Flavour),
}

/// `chosen`, or its flavoured sibling when the call puts the figure in a
/// flavour the chosen metric does not carry and the vocabulary has a
/// metric of that flavour named like it ("adjusted earnings per share"
/// for "earnings per share").
pub(super) fn flavoured<'v>(
    cx: &Context<'v>,
    lower: &str,
    at: usize,
    end: usize,
    chosen: &'v Metric,
) -> &'v Metric {
    let cued = [
        "adjust",
        "gaap",
        "normaliz",
        "exclud",
        "core",
        "items",
        "reported",
        "currenc",
        "comparable",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let said = cued
        .then(|| said_flavour(cx, lower, at, end))
        .flatten()
        .or_else(|| {
            operating_per_share(cx, lower, at, chosen).then_some(Said::Flavoured(&FLAVOURS[0]))
        });
    // A figure the sentence gives no flavour is in the one the call
    // declared for its remarks.
    let flavour = match said {
        Some(Said::Flavoured(flavour)) => flavour,
        None if cx.adjusted_basis => &FLAVOURS[0],
        _ => return chosen,
    };
    let Some(index) = cx.vocabulary.metrics.iter().position(|m| m.id == chosen.id) else {
        return chosen;
    };
    let own = &cx.names[index];
    if own.iter().any(|n| holds_mark(n, flavour).is_some()) {
        return chosen;
    }
    cx.metrics_with_names()
        .find(|(m, names)| {
            m.id != chosen.id
                && m.unit.dimension() == chosen.unit.dimension()
                && names
                    .iter()
                    .any(|n| holds_mark(n, flavour).is_some_and(|plain| own.contains(&plain)))
        })
        .map_or(chosen, |(m, _)| m.as_ref())
}

/// The index of the adjusted sibling of the metric at `index` ("adjusted
/// earnings per share" for "earnings per share"): a metric of the same
/// dimension with a name that is one of the metric's own names with an
/// adjusted mark; `None` when the metric is flavoured itself or has none.
pub(crate) fn adjusted_sibling(
    vocabulary: &qbrief_model::Vocabulary,
    names: &[Vec<String>],
    index: usize,
) -> Option<usize> {
    let flavour = &FLAVOURS[0];
    let own = &names[index];
    let metric = &vocabulary.metrics[index];
    if own.iter().any(|n| holds_mark(n, flavour).is_some()) {
        return None;
    }
    vocabulary.metrics.iter().zip(names).position(|(m, names)| {
        m.id != metric.id
            && m.unit.dimension() == metric.unit.dimension()
            && names
                .iter()
                .any(|n| holds_mark(n, flavour).is_some_and(|plain| own.contains(&plain)))
    })
}

/// `name` without its flavour word, when it holds one of `flavour`'s
/// marks: "adjusted net income" gives "net income".
fn holds_mark(name: &str, flavour: &Flavour) -> Option<String> {
    flavour.marks.iter().find_map(|mark| {
        let pos = name
            .match_indices(mark)
            .find(|(p, _)| word_boundary(name, *p, p + mark.len()))?
            .0;
        let plain = format!(
            "{} {}",
            name[..pos].trim_end(),
            name[pos + mark.len()..].trim_start()
        );
        Some(plain.trim().to_string())
    })
}

/// The flavour the call puts a figure in: said right after it, up to the
/// next figure or clause ("$1.01 per share on an adjusted basis"); else
/// said with its name, from a little before the name nearest before it
/// ("adjusted net income of $8 million or $0.24 per share", "diluted
/// earnings per share, adjusted for special items, was $0.78"); else said
/// by an adverbial clause opening the sentence.
fn said_flavour(cx: &Context<'_>, lower: &str, at: usize, end: usize) -> Option<Said> {
    // "GAAP earnings per share were $0.47, adjusting for items": a name
    // that says GAAP is the figure's, whatever follows, unless it is
    // another figure's first ("GAAP EPS of $1.10 or $1.01 on an adjusted
    // basis").
    let from = name_start_before(cx, lower, at);
    let with_name = cues_in(lower, from..at);
    let figure_between = cx.figures.iter().any(|f| f.start >= from && f.end <= at);
    if !figure_between && with_name.iter().any(|(_, s)| matches!(s, Said::Gaap)) {
        return Some(Said::Gaap);
    }
    let next_figure = cx
        .figures
        .iter()
        .map(|f| f.start)
        .filter(|&s| s >= end)
        .min()
        .unwrap_or(lower.len());
    let after = &lower[end..next_figure];
    let stop = [
        ";",
        ".",
        ":",
        " and ",
        " or ",
        " but ",
        " while ",
        " compared",
        " versus",
        " vs",
    ]
    .iter()
    .filter_map(|w| after.find(w))
    .chain(first_name_in(cx, after))
    .min()
    .unwrap_or(after.len());
    if let Some((_, said)) = cues_in(lower, end..end + stop).into_iter().next() {
        return Some(said);
    }
    if let Some((_, said)) = with_name.into_iter().last() {
        return Some(said);
    }
    let opener = &lower[..lower.find(',')?];
    (opener.len() < at && OPENERS.iter().any(|w| opener.starts_with(&format!("{w} "))))
        .then(|| {
            cues_in(lower, 0..opener.len())
                .into_iter()
                .next()
                .map(|(_, s)| s)
        })
        .flatten()
}

/// Where the first metric name of `text` starts, with the flavour words
/// right before it: "$0.15 per diluted share, adjusted earnings per diluted
/// share were $0.16" names another figure after the first.
fn first_name_in(cx: &Context<'_>, text: &str) -> Option<usize> {
    let tokens = Tokens::of(text);
    let first = cx
        .names
        .iter()
        .flatten()
        .filter(|n| tokens.may_hold(n))
        .filter_map(|name| {
            text.match_indices(name.as_str())
                .find(|(p, _)| word_boundary(text, *p, p + name.len()))
                .map(|(p, _)| p)
        })
        .min()?;
    let is_flavour = |w: &str| FLAVOURS.iter().any(|f| f.cues.contains(&w)) || w == "gaap";
    let head = text[..first].trim_end();
    // "$0.09 adjusted loss per share": a name right after the figure, past
    // flavour words only, is its own, and so are they.
    // So is a complement: "$1.62 per share of adjusted net income".
    if head.split_whitespace().all(|w| is_flavour(w) || is_link(w)) {
        return None;
    }
    let word = head.rsplit(' ').next().unwrap_or_default();
    Some(if is_flavour(word) {
        head.len() - word.len()
    } else {
        first
    })
}

/// Where the name of the figure at `at` starts, with the few words before
/// it that may flavour it ("total non-gaap net income"): the start of the
/// last metric name before the figure (not one inside another figure),
/// or of its clause when none is.
fn name_start_before(cx: &Context<'_>, lower: &str, at: usize) -> usize {
    let before = &lower[..at];
    let tokens = Tokens::of(before);
    let mut last: Option<(usize, usize)> = None;
    for names in cx.names {
        for name in names.iter().filter(|n| tokens.may_hold(n)) {
            for (pos, _) in before.match_indices(name.as_str()) {
                let stop = pos + name.len();
                // "from $0.64 per share to $0.31": a unit the figure before
                // holds names no metric of this one.
                let in_figure = cx.figures.iter().any(|f| f.contains(&pos));
                if word_boundary(before, pos, stop)
                    && !in_figure
                    && last.is_none_or(|(s, e)| stop > e || (stop == e && pos < s))
                {
                    last = Some((pos, stop));
                }
            }
        }
    }
    let clause = before.rfind([',', ';']).map_or(0, |p| p + 1);
    let Some((start, _)) = last else {
        return clause;
    };
    // Up to three words before the name, within its clause and past any
    // figure.
    let mut from = start;
    for _ in 0..3 {
        let head = before[..from].trim_end();
        let Some(space) = head.rfind(' ') else {
            from = if head.contains([',', ';', '$', '%']) {
                from
            } else {
                0
            };
            break;
        };
        let word = &head[space + 1..];
        if word.contains([',', ';', '$', '%']) || word.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        from = space + 1;
    }
    from
}

/// The flavour cues of `lower[range]`, in order: GAAP ("on a GAAP basis",
/// not "non-GAAP"), a flavour's words, an exclusion of items (what it
/// leaves out may lie past the range).
fn cues_in(lower: &str, range: Range<usize>) -> Vec<(usize, Said)> {
    let text = &lower[range.clone()];
    let mut found: Vec<(usize, Said)> = Vec::new();
    for (pos, _) in text.match_indices("gaap") {
        // "non- GAAP": a transcript may break the word at its hyphen.
        let non = ["non-", "non ", "non- "]
            .iter()
            .any(|n| text[..pos].ends_with(n));
        if word_boundary(text, pos, pos + 4) && !non {
            found.push((pos, Said::Gaap));
        }
    }
    for reported in ["reported basis", "as reported"] {
        if let Some(pos) = text.find(reported) {
            found.push((pos, Said::Gaap));
        }
    }
    for flavour in FLAVOURS {
        for cue in flavour.cues {
            for (pos, _) in text.match_indices(cue) {
                if word_boundary(text, pos, pos + cue.len()) {
                    found.push((pos, Said::Flavoured(flavour)));
                }
            }
        }
    }
    for word in EXCLUDING {
        for (pos, _) in text.match_indices(word) {
            if !word_boundary(text, pos, pos + word.len()) {
                continue;
            }
            let rest = &lower[range.start + pos + word.len()..];
            let leaves_out = |list: &[&str]| {
                rest.split_whitespace().take(6).any(|w| {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    list.iter()
                        .any(|n| w == *n || w.strip_suffix('s') == Some(n))
                })
            };
            if leaves_out(CURRENCY) {
                found.push((pos, Said::Flavoured(&FLAVOURS[2])));
            } else if !leaves_out(NOT_ITEMS) {
                found.push((pos, Said::Flavoured(&FLAVOURS[0])));
            }
        }
    }
    found.sort_by_key(|(p, _)| *p);
    found
}
