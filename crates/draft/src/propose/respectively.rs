//! "Sales in Europe and Asia were up 78% and 42%, respectively": the
//! figures of a list closed by "respectively" take, in order, the periods,
//! metrics or axis members the sentence lists before them.

use std::ops::Range;

/// Where a figure stands in a list of figures closed by "respectively".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    /// The figure's 0-based position in the list.
    pub index: usize,
    /// How many figures the list holds (at least two).
    pub count: usize,
    /// Where the list's first figure starts: the things the figures map to
    /// are named before it.
    pub list_start: usize,
}

/// The place of the figure starting at `at` among `figures` (sentence
/// byte ranges, in order), when a "respectively" closes its list.
pub(super) fn place(lower: &str, figures: &[Range<usize>], at: usize) -> Option<Place> {
    let k = figures.iter().position(|f| f.start == at)?;
    let closing = lower[figures[k].end..].find("respectively")? + figures[k].end;
    let mut last = k;
    while last + 1 < figures.len()
        && figures[last + 1].end <= closing
        && is_list_gap(&lower[figures[last].end..figures[last + 1].start])
    {
        last += 1;
    }
    // "6.8% and 4.3%, respectively" or "78% and 42% in local currency
    // respectively": only a few words may stand between.
    let tail = &lower[figures[last].end..closing];
    if tail.split_whitespace().count() > 4 || tail.contains([';', '.']) {
        return None;
    }
    let mut first = k;
    while first > 0 && is_list_gap(&lower[figures[first - 1].end..figures[first].start]) {
        first -= 1;
    }
    let count = last - first + 1;
    (count >= 2).then_some(Place {
        index: k - first,
        count,
        list_start: figures[first].start,
    })
}

/// Of `items` (byte range and value, in order of the sentence), the one
/// that stands at the figure's place in the last list of `place.count`
/// items before the figures: "the fourth quarter and the full year ...
/// 7.2% and 6.1%" maps 6.1% to the full year.
pub(super) fn nth_listed<T: Clone + PartialEq>(
    lower: &str,
    items: &[(Range<usize>, T)],
    place: Place,
) -> Option<T> {
    let before: Vec<&(Range<usize>, T)> = items
        .iter()
        .filter(|(r, _)| r.end <= place.list_start)
        .collect();
    let listed = before.get(before.len().checked_sub(place.count)?..)?;
    // Items of one list: joined, and different ("revenue and revenue" is
    // no list).
    let joined = listed
        .windows(2)
        .all(|w| is_list_gap(&lower[w[0].0.end..w[1].0.start]) && w[0].1 != w[1].1);
    joined.then(|| listed[place.index].1.clone())
}

/// Whether the text between two items of a list joins them: a comma or
/// "and" (or "or"), with at most a few words ("44% year-over-year and 11%").
fn is_list_gap(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    words.len() <= 5
        && !gap.contains([';', '.'])
        && (gap.contains(',') || words.iter().any(|w| matches!(*w, "and" | "or" | "&")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(lower: &str, texts: &[&str]) -> Vec<Range<usize>> {
        texts
            .iter()
            .map(|t| {
                let at = lower.find(t).unwrap();
                at..at + t.len()
            })
            .collect()
    }

    #[test]
    fn places_in_a_list() {
        let lower = "growth for the quarter and the year is 7.2% and 6.1%, respectively.";
        let f = figures(lower, &["7.2%", "6.1%"]);
        let p = place(lower, &f, f[1].start).unwrap();
        assert_eq!((p.index, p.count), (1, 2));
        let items = vec![(15..22, "quarter"), (31..35, "year")];
        assert_eq!(nth_listed(lower, &items, p), Some("year"));
        // No "respectively", no list.
        let lower = "revenue was $5m and margin 7%.";
        let f = figures(lower, &["$5m", "7%"]);
        assert_eq!(place(lower, &f, f[0].start), None);
    }
}
