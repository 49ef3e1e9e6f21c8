//! Lines and columns of byte offsets, counted in one pass over a text
//! rather than from its start for every offset.

/// Gives the 1-based line and column (in characters) of byte offsets
/// asked in increasing order, in time linear in the text.
pub(crate) struct LineColumns<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> LineColumns<'a> {
    /// Starts at the beginning of `text`.
    pub(crate) fn new(text: &'a str) -> LineColumns<'a> {
        LineColumns {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The line and column of `offset`; offsets must not decrease from
    /// one call to the next (an earlier one is counted from the start).
    pub(crate) fn at(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.offset {
            *self = LineColumns::new(self.text);
        }
        let between = &self.text[self.offset..offset];
        match between.rfind('\n') {
            Some(p) => {
                self.line += newlines(between);
                self.column = between[p + 1..].chars().count() + 1;
            }
            None => self.column += between.chars().count(),
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

fn newlines(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_from_the_start() {
        let text = "ab\ncé\n\nxyz é 12\n";
        let mut lc = LineColumns::new(text);
        let naive = |offset: usize| {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |p| p + 1);
            (line, before[start..].chars().count() + 1)
        };
        for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
            assert_eq!(lc.at(offset), naive(offset), "offset {offset}");
        }
        assert_eq!(lc.at(1), naive(1));
    }
}
