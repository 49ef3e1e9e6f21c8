//! Strings with the byte spans of the TOML values they were read from, the
//! currency of every located finding of the taxonomy readers.

use std::ops::Range;

/// A string with the byte span of its TOML value (quotes included).
pub(crate) type Spanned = (String, Range<usize>);

/// The span of the text inside a quoted TOML string value, offset by
/// `start..end` bytes of its content.
pub(crate) fn inner_span(value_span: &Range<usize>, start: usize, end: usize) -> Range<usize> {
    let base = value_span.start + 1;
    let last = value_span.end.saturating_sub(1).max(base);
    let s = (base + start).min(last);
    let e = (base + end).min(last).max(s + 1);
    s..e
}
