//! Multiplicative words ("doubled", "tripling", "halved", "twofold",
//! "2.6-fold"): a figure only when they multiply something, a metric or an
//! amount that grew or fell by that multiple ("revenue doubled", "we
//! tripled our dividend", "sales were up twofold", "a 2.6-fold increase"),
//! never in the idioms English builds from them ("doubling down on",
//! "doubles as", "double-check", "our focus is twofold", "Brian Doubles").

use super::amount::head;
use super::mention::{Mention, MentionKind};

/// Verb forms of multiplying and the multiple each states. The base forms
/// ("double", "triple") are left out: they are mostly adjectives
/// ("double-digit", "triple-A") or compare two figures ("double the $62
/// million") rather than state a change.
const VERBS: &[(&str, &str)] = &[
    ("doubled", "2"),
    ("doubling", "2"),
    ("doubles", "2"),
    ("tripled", "3"),
    ("tripling", "3"),
    ("triples", "3"),
    ("quadrupled", "4"),
    ("quadrupling", "4"),
    ("quadruples", "4"),
    ("halved", "0.5"),
];

/// Number words that make a "-fold" multiple: "twofold", "ten-fold".
const FOLD_NUMBERS: &[(&str, &str)] = &[
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
];

/// Particles that make a multiplying verb a phrasal verb of another
/// meaning: "double down on", "doubling up trains", "doubled back",
/// "doubles as a warehouse".
const PARTICLES: &[&str] = &["down", "up", "back", "as"];

/// Words that open a noun phrase: after one, "doubling" is a noun, which
/// multiplies only what "of" or "in" names ("a near doubling in rates").
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "its", "our", "their", "his", "her", "my", "your", "another",
];

/// Hedges between a determiner or a verb and the multiple: "a near
/// doubling", "up more than twofold".
const HEDGES: &[&str] = &[
    "near",
    "nearly",
    "almost",
    "roughly",
    "about",
    "approximately",
    "essentially",
    "effectively",
    "virtually",
    "more",
    "than",
    "over",
    "some",
    "by",
];

/// Nouns of change a multiple can measure: "a fourfold increase", "a
/// 10-fold sequential increase".
const CHANGE_NOUNS: &[&str] = &[
    "increase",
    "increases",
    "rise",
    "growth",
    "jump",
    "gain",
    "improvement",
    "expansion",
    "surge",
    "decrease",
    "decline",
    "drop",
    "reduction",
];

/// Verbs and adverbs of change a multiple can measure: "sales were up
/// twofold", "revenue grew 3-fold".
const CHANGE_VERBS: &[&str] = &[
    "up",
    "down",
    "grew",
    "grown",
    "grow",
    "grows",
    "growing",
    "increase",
    "increased",
    "increases",
    "increasing",
    "rose",
    "risen",
    "rise",
    "rising",
    "jumped",
    "surged",
    "climbed",
    "expanded",
    "multiplied",
    "higher",
    "lower",
    "fell",
    "decreased",
    "declined",
    "dropped",
    "reduced",
];

/// Every multiplicative word of `text` that multiplies something, as a
/// figure in "-fold" units ("doubled" is a 2-fold figure, "halved" a
/// 0.5-fold one). Numbers written with digits ("2.6-fold") are found by
/// [`super::mentions`], which asks [`fold_multiplies`] the same question.
pub(crate) fn multiples(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for (start, end) in words(text) {
        let word = text[start..end].to_ascii_lowercase();
        let verb = VERBS.iter().find(|(w, _)| *w == word).map(|(_, n)| *n);
        let fold = fold_number(&word);
        let multiplies = match (verb, fold) {
            (Some(_), _) => verb_multiplies(text, start, end),
            (None, Some(_)) => fold_multiplies(text, start, end),
            (None, None) => false,
        };
        if let (Some(n), true) = (verb.or(fold), multiplies) {
            out.push(Mention {
                start,
                end,
                kind: MentionKind::Figure,
                numbers: vec![n.to_string()],
                currency: None,
                scale: None,
                unit: Some("-fold".into()),
                range: false,
                from_decline: false,
                plus: false,
            });
        }
    }
    out
}

/// Whether the "-fold" multiple at `start..end` ("twofold", "2.6-fold")
/// measures a change: a noun of change follows it ("a 2.6-fold increase",
/// "a 10-fold sequential increase") or a verb of change comes before it
/// ("sales were up twofold"). "Our focus is threefold" and "a two-fold
/// approach" count parts, not growth.
pub(crate) fn fold_multiplies(text: &str, start: usize, end: usize) -> bool {
    let after = next_words(text, end, 2);
    let noun_after = after.iter().any(|w| CHANGE_NOUNS.contains(&w.as_str()));
    let verb_before =
        nearest_before(text, start).is_some_and(|w| CHANGE_VERBS.contains(&w.as_str()));
    noun_after || verb_before
}

/// Whether the multiplying verb at `start..end` multiplies something:
/// it takes an object ("doubled our dividend"), a base or a period
/// ("tripled year over year", "doubled to $365 million") or its subject
/// alone ("revenue doubled."). Not when a particle makes it another verb
/// ("doubling down on"), when it is a noun naming no quantity ("the
/// doubling" without "of" or "in"), or a capitalised name inside a
/// sentence ("Brian Doubles").
fn verb_multiplies(text: &str, start: usize, end: usize) -> bool {
    let next = next_words(text, end, 1);
    let next = next.first().map(String::as_str);
    if next.is_some_and(|w| PARTICLES.contains(&w)) {
        return false;
    }
    let word = &text[start..end];
    let capitalised = word.starts_with(|c: char| c.is_ascii_uppercase())
        && word[1..].chars().any(|c| c.is_ascii_lowercase());
    if capitalised && !starts_sentence(text, start) {
        return false;
    }
    let noun = word.ends_with("ing")
        && nearest_before(text, start).is_some_and(|w| DETERMINERS.contains(&w.as_str()));
    !noun || matches!(next, Some("of" | "in"))
}

/// The number a spelled "-fold" word states: "twofold" and "two-fold" are 2.
fn fold_number(word: &str) -> Option<&'static str> {
    let head = word.strip_suffix("fold")?;
    let head = head.strip_suffix('-').unwrap_or(head);
    FOLD_NUMBERS
        .iter()
        .find(|(w, _)| *w == head)
        .map(|(_, n)| *n)
}

/// The words of `text` as byte ranges: runs of letters, with a hyphen
/// inside a word kept ("double-check", "two-fold") so that a compound is
/// one word, never the multiplying word it starts with.
fn words(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphabetic()
                || (bytes[i] == b'-'
                    && bytes[i - 1].is_ascii_alphabetic()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)))
        {
            i += 1;
        }
        // "160over90", "A15": letters against digits are a name.
        let digit = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_digit() || *b == b'_');
        if !digit(start.checked_sub(1).and_then(|j| bytes.get(j))) && !digit(bytes.get(i)) {
            out.push((start, i));
        }
    }
    out
}

/// Up to `n` words after `end`, lowercase, within its clause: a comma,
/// stop or dash ends the clause.
fn next_words(text: &str, end: usize, n: usize) -> Vec<String> {
    let rest = &text[end..];
    // The words are read from a bounded window, cut at a space so that it
    // splits no word, when it holds them all; so a long line without a
    // stop costs no more than a short one.
    let window = head(rest, WINDOW);
    if window.len() < rest.len() && !window.contains(CLAUSE_ENDS) && !window.contains("--") {
        if let Some(cut) = window.rfind(char::is_whitespace) {
            let words = clause_words(&window[..cut], n);
            if words.len() == n {
                return words;
            }
        }
    }
    clause_words(rest, n)
}

/// How far around a multiplying word its neighbours are looked for first.
const WINDOW: usize = 256;

/// What ends the clause after a multiplying word.
const CLAUSE_ENDS: [char; 9] = [',', '.', ';', ':', '!', '?', '\n', '—', '–'];

/// Up to `n` words of the clause that starts `rest`, lowercase.
fn clause_words(rest: &str, n: usize) -> Vec<String> {
    let clause_end = rest.find(CLAUSE_ENDS).unwrap_or(rest.len());
    let clause = &rest[..clause_end];
    let clause = clause.split(" -- ").next().unwrap_or(clause);
    clause
        .split_whitespace()
        .take(n)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_ascii_lowercase()
        })
        .collect()
}

/// The nearest word before `start` in its clause, hedges skipped: "a"
/// in "a near doubling", "up" in "up more than twofold".
fn nearest_before(text: &str, start: usize) -> Option<String> {
    let before = &text[..start];
    // First within a bounded window, cut at a space, as `next_words` does.
    let from = tail_start(before, WINDOW);
    let window = &before[from..];
    if from > 0 && !window.contains(CLAUSE_BREAKS) {
        if let Some(cut) = window.find(char::is_whitespace) {
            if let Some(word) = nearest_word(&window[cut..]) {
                return Some(word);
            }
        }
    }
    nearest_word(before)
}

/// What ends the clause before a multiplying word.
const CLAUSE_BREAKS: [char; 7] = [',', '.', ';', ':', '!', '?', '\n'];

/// The last word of the last clause of `before` that is no hedge.
fn nearest_word(before: &str) -> Option<String> {
    let clause_start = before.rfind(CLAUSE_BREAKS).map_or(0, |p| p + 1);
    before[clause_start..]
        .split_whitespace()
        .rev()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .find(|w| !w.is_empty() && !HEDGES.contains(&w.as_str()))
}

/// Where the last `max` bytes of `text` start, at a character boundary.
fn tail_start(text: &str, max: usize) -> usize {
    let mut from = text.len().saturating_sub(max);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// Whether `start` opens a sentence: nothing but quotes or brackets
/// between it and a stop, a colon or the start of a line.
fn starts_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t', '"', '\'', '“', '‘', '(', '[']);
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n'])
}
