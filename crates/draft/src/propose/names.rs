//! How a metric's names are written and found around a figure: the
//! variants of a label or synonym, names the figure interrupts or that
//! follow it, and ruling out at once the names a sentence cannot hold.

use qbrief_model::Vocabulary;

use super::cues::QUALIFIER_WORDS;
use super::words::{strip_last_word, word_boundary};

/// Words that stand before a figure besides its qualifier
/// (`cues::QUALIFIER_WORDS`): "at least", "only", articles, "a total of".
const BEFORE_FIGURE: &[&str] = &[
    "at", "least", "only", "like", "another", "a", "an", "the", "total", "of",
];

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
/// receivable", "installed hash rate" also "installed hash rates"; a
/// trailing participle also before its noun: "miners delivered" also
/// matches "delivered miners".
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
    // "bitcoins mined" is also said "mined 147 bitcoins", "units
    // delivered" "delivered 1,500 units": a participle after the noun
    // moves before it.
    let inverted = name.rsplit_once(' ').and_then(|(noun, verb)| {
        let participle = (verb.len() > 4 && verb.ends_with("ed"))
            || matches!(verb, "sold" | "held" | "paid" | "spent" | "built" | "won");
        (participle && noun.split(' ').count() <= 3).then(|| format!("{verb} {noun}"))
    });
    // "inventory write-down, prepayment write-down" is also said
    // "inventory write-down and prepayment write-down".
    let listed = name.contains(", ").then(|| name.replace(", ", " and "));
    // "repurchase of outstanding shares" is also said "repurchase of our
    // outstanding shares".
    let ours = (name.contains(" of ") && !name.contains(" of our "))
        .then(|| name.replacen(" of ", " of our ", 1));
    let mut out = vec![name];
    for v in [Some(singular), Some(plural), inverted, listed, ours]
        .into_iter()
        .flatten()
    {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Words that join a figure to the name of what it measures: "$7M from
/// export VAT refunds", "$14.8M in restructuring expense", "$1B of
/// liquidity".
/// "8% to 10% more for our raw materials": a comparative may stand first.
const LINKS: &[&str] = &[
    "of", "in", "from", "for", "the", "our", "its", "total", "more", "less", "higher", "lower",
];

/// Whether `between`, the text from a figure to a name after it, holds at
/// most three link words and nothing else.
pub(super) fn is_link(between: &str) -> bool {
    let words: Vec<&str> = between.split_whitespace().collect();
    words.len() <= 3 && words.iter().all(|w| LINKS.contains(w))
}

/// The sentence around a figure with the figure taken out, so that a
/// metric's name that the figure interrupts reads whole: "a cash inflow of
/// $42 million from sales" reads "a cash inflow from sales" (and "a cash
/// inflow of from sales"), "we pledged 17 bitcoins" reads "we pledged
/// bitcoins".
pub(super) struct Spliced {
    /// The readings of the text before the figure, up to it.
    befores: Vec<String>,
    /// The readings of the text after the figure, from it.
    afters: Vec<String>,
}

impl Spliced {
    /// How far either side of the figure a name may reach, in bytes.
    const REACH: usize = 60;

    /// `unit_word`: the unit written as a word inside the figure ("17
    /// bitcoins"), which a name may hold ("pledged bitcoins").
    pub(super) fn new(lower: &str, at: usize, end: usize, unit_word: Option<&str>) -> Spliced {
        let mut from = at.saturating_sub(Self::REACH);
        while !lower.is_char_boundary(from) {
            from -= 1;
        }
        let before = lower[from..at].trim_end();
        // Only within the clause: a name does not reach over punctuation.
        let before = &before[before.rfind([',', ';', ':']).map_or(0, |p| p + 1)..];
        let mut to = (end + Self::REACH).min(lower.len());
        while !lower.is_char_boundary(to) {
            to += 1;
        }
        let after = lower[end..to].trim_start();
        let after = &after[..after.find([',', ';', ':', '.']).unwrap_or(after.len())];
        // Qualifiers ("over", "about") and linking words stand between a
        // name and its figure: "we delivered over 10,814 miners".
        let mut before = before;
        while let Some(rest) = strip_last_word(before, &[QUALIFIER_WORDS, BEFORE_FIGURE]) {
            before = rest;
        }
        const LINKING: &[&str] = &[
            "of",
            "was",
            "were",
            "is",
            "at",
            "totaling",
            "totalling",
            "to",
        ];
        let befores = [Some(before), strip_last_word(before, &[LINKING])]
            .into_iter()
            .flatten()
            .filter(|b| !b.is_empty())
            .map(str::to_string)
            .collect();
        let with_unit = unit_word.map(|u| format!("{u} {after}"));
        let afters = [Some(after), after.strip_prefix("of "), with_unit.as_deref()]
            .into_iter()
            .flatten()
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        Spliced { befores, afters }
    }

    /// Whether `name` starts before the figure and ends after it: some
    /// split of it at a space ends a reading before and starts one after.
    /// Called for every name of every figure, so it compares ends rather
    /// than searching.
    pub(super) fn straddles(&self, name: &str) -> bool {
        name.match_indices(' ').any(|(space, _)| {
            let (head, tail) = (&name[..space], &name[space + 1..]);
            self.befores
                .iter()
                .any(|b| b.ends_with(head) && word_boundary(b, b.len() - head.len(), b.len()))
                && self
                    .afters
                    .iter()
                    .any(|a| a.starts_with(tail) && word_boundary(a, 0, tail.len()))
        })
    }
}

/// The words of a text, sorted, to rule out at once the names that cannot
/// occur in it: searching every name of a taxonomy in every sentence is
/// most of the drafter's time.
pub(super) struct Tokens<'t>(Vec<&'t str>);

impl<'t> Tokens<'t> {
    pub(super) fn of(text: &'t str) -> Tokens<'t> {
        let mut words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_unstable();
        words.dedup();
        Tokens(words)
    }

    /// Whether `name` may occur in the text as a whole word: its first
    /// word must (a name starting with a sign, "% of sales", may always).
    pub(super) fn may_hold(&self, name: &str) -> bool {
        if !name.starts_with(char::is_alphanumeric) {
            return true;
        }
        let first = name
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default();
        self.0.binary_search(&first).is_ok()
    }
}

/// Whether `text` holds, as whole words, a name of a metric of the
/// vocabulary: "operating income rose 4% and diluted EPS was" does, between
/// "operating income" and the figure.
pub(super) fn names_a_metric(cx: &super::context::Context<'_>, text: &str) -> bool {
    let tokens = Tokens::of(text);
    cx.names.iter().flatten().any(|name| {
        tokens.may_hold(name)
            && text
                .match_indices(name.as_str())
                .any(|(p, _)| word_boundary(text, p, p + name.len()))
    })
}
