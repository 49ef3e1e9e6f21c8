//! Sorting lists of large records by moving indices, not the records.

/// Sorts `items` stably by `compare`, moving each
/// record once: facts and derived numbers are a few hundred bytes each,
/// and a comparison sort would move them O(n log n) times.
///
/// ```
/// let mut v = vec![(2, "b"), (1, "z"), (2, "a"), (1, "y")];
/// qbrief_model::stable_sort_by(&mut v, |a, b| a.0.cmp(&b.0));
/// assert_eq!(v, [(1, "z"), (1, "y"), (2, "b"), (2, "a")]);
/// ```
pub fn stable_sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> std::cmp::Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_stable_sort() {
        let original: Vec<(u8, usize)> = (0..200).map(|i| ((i * 7 % 13) as u8, i)).collect();
        let mut ours = original.clone();
        stable_sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std_sorted = original;
        std_sorted.sort_by_key(|x| x.0);
        assert_eq!(ours, std_sorted);
    }
}
