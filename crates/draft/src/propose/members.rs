//! What a figure is about besides its metric: the axis members and the
//! product, customer or project named near it.

use std::ops::Range;

use qbrief_model::{Dims, Vocabulary};

use super::words::word_boundary;

/// The nearest name before `at` that looks like a product or customer: a
/// word of letters and digits ("A15", "A1566I") with the capitalised words
/// after it ("A15 Pro"), or a run of capitalised words not starting the
/// sentence ("HIVE", "Cipher Mining").
pub(super) fn subject_before(sentence: &str, at: usize) -> Option<String> {
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

/// Axis members named in the clause before the figure (or the sentence).
pub(super) fn dims_near(vocabulary: &Vocabulary, lower: &str, at: usize) -> Dims {
    let mut dims = Dims::new();
    for axis in &vocabulary.axes {
        let mut nearest: Option<(usize, &str)> = None;
        for member in axis.member_ids() {
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
            dims.insert(axis.id.clone(), member.to_string());
        }
    }
    dims
}

/// Members named in a text, with where, in order.
pub(super) type Listed<'v> = Vec<(Range<usize>, &'v str)>;

/// Each axis's members the text names, with where, in order: for lists
/// closed by "respectively".
pub(super) fn member_mentions<'v>(
    vocabulary: &'v Vocabulary,
    text: &str,
) -> Vec<(&'v str, Listed<'v>)> {
    vocabulary
        .axes
        .iter()
        .map(|axis| {
            let mut found: Vec<(Range<usize>, &str)> = Vec::new();
            for member in axis.member_ids() {
                let words = member.replace('-', " ");
                for (pos, _) in text.match_indices(&words) {
                    if word_boundary(text, pos, pos + words.len()) {
                        found.push((pos..pos + words.len(), member));
                    }
                }
            }
            found.sort_by_key(|(r, _)| r.start);
            (axis.id.as_str(), found)
        })
        .collect()
}
