//! Finding whole words in lowercase sentence text.

pub(super) fn word_boundary(text: &str, start: usize, end: usize) -> bool {
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

pub(super) fn contains_word(text: &str, word: &str) -> bool {
    find_word(text, word).is_some()
}

pub(super) fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word)
        .find(|(pos, _)| word_boundary(text, *pos, pos + word.len()))
        .map(|(pos, _)| pos)
}

/// Where the last whole-word occurrence of any of `words` in `text` ends.
pub(super) fn last_word_end(text: &str, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .filter_map(|w| {
            text.match_indices(w)
                .filter(|(p, _)| word_boundary(text, *p, p + w.len()))
                .map(|(p, _)| p + w.len())
                .last()
        })
        .max()
}

/// `text` without its last word when that word is in one of `lists`.
pub(super) fn strip_last_word<'t>(text: &'t str, lists: &[&[&str]]) -> Option<&'t str> {
    let (rest, last) = text.rsplit_once(' ').unwrap_or(("", text));
    lists
        .iter()
        .any(|words| words.contains(&last))
        .then_some(rest.trim_end())
}

/// The last `n` words of a text, joined by single spaces.
pub(super) fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let from = words.len().saturating_sub(n);
    words[from..]
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '~'))
        .collect::<Vec<_>>()
        .join(" ")
}
