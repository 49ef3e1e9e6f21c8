//! Figures a call states that are not the company's figure for a period,
//! so that they stay unplaced: a threshold a rule sets ("if the stock
//! price remains below $1"), a point on a price's path inside the period
//! ("a low of $56,000", "its highest point", "fluctuated from $71,000 to $56,000"), an average
//! of a balance, a statistic of the market or the network ("the total
//! network hash rate grew 10%"), and the guidance of an earlier call
//! quoted ("up from our prior guidance of 8% to 11%").

use qbrief_model::{Metric, MetricKind};

use super::words::{contains_word, last_words};

/// Why the figure at `at` of the lowercase sentence `lower` is no company
/// figure for a period, `None` when nothing says so; `metric` is the one
/// the figure would be placed on.
pub(super) fn aside(lower: &str, at: usize, metric: &Metric) -> Option<&'static str> {
    let before = &lower[..at];
    let clause = clause_before(before);
    if is_threshold(before) {
        return Some("a threshold, not a figure the company reports");
    }
    if is_market_statistic(clause) {
        return Some("a statistic of the market or network, not the company's");
    }
    if quotes_prior_guidance(before) {
        return Some("the guidance of an earlier call, quoted");
    }
    if metric.kind == MetricKind::Balance && is_path_point(before, clause) {
        return Some("a point of the period, not its end");
    }
    None
}

/// The text of the figure's clause before it: from the last comma,
/// semicolon or "but".
fn clause_before(before: &str) -> &str {
    let mut start = before.rfind([',', ';', ':']).map_or(0, |p| p + 1);
    if let Some(p) = before.rfind(" but ") {
        start = start.max(p + 5);
    }
    &before[start..]
}

/// "remains below $1", "falls below $1", "stock price below $1 per
/// share": a bound a condition or a rule names.
fn is_threshold(before: &str) -> bool {
    let last = last_words(before, 2);
    let mut words = last.split(' ');
    let (Some(verb), Some(bound)) = (words.next(), words.next()) else {
        return false;
    };
    matches!(bound, "below" | "above" | "under")
        && matches!(
            verb,
            "remain"
                | "remains"
                | "fall"
                | "falls"
                | "fell"
                | "stay"
                | "stays"
                | "drop"
                | "drops"
                | "trade"
                | "trades"
                | "trading"
                | "price"
                | "prices"
        )
}

/// "the total network hash rate grew by more than 10%", "network
/// difficulty rose 8%": the network's or the industry's figure.
fn is_market_statistic(clause: &str) -> bool {
    const STATISTICS: [&str; 6] = [
        "network hash rate",
        "network hashrate",
        "network difficulty",
        "mining difficulty",
        "network computing power",
        "industry-wide",
    ];
    STATISTICS.iter().any(|s| clause.contains(s))
}

/// "up from our prior guidance of", "versus our previous guidance of",
/// "we had guided to": the figure is what an earlier call expected.
fn quotes_prior_guidance(before: &str) -> bool {
    const EARLIER: [&str; 5] = ["prior", "previous", "original", "initial", "earlier"];
    let near = last_words(before, 6);
    let words: Vec<&str> = near.split(' ').collect();
    words
        .windows(2)
        .any(|w| EARLIER.contains(&w[0]) && matches!(w[1], "guidance" | "outlook" | "forecast"))
        || near.contains("had guided")
        || near.contains("we guided")
}

/// "a low of $66,000", "today's highest point is $94,000", "fluctuated from $71,000 to
/// $56,000", "the average price": a point a balance passed through, or
/// its average, not where the period left it.
fn is_path_point(before: &str, clause: &str) -> bool {
    let near = last_words(before, 3);
    // "a record high of 1,114 bitcoin as of June 30" is where it stands.
    let record = near.contains("record") || near.contains("all-time");
    let extreme = !record
        && ["low of", "high of", "peak of", "lows of", "highs of"]
            .iter()
            .any(|w| near.ends_with(w))
        || clause.contains("highest point")
        || clause.contains("lowest point")
        || clause.contains("intraday");
    let path = ["fluctuat", "varied", "swung", "oscillat"]
        .iter()
        .filter_map(|w| clause.rfind(w))
        .max()
        .is_some_and(|p| {
            let rest = &clause[p..];
            !["clos", "landed", "ended", "settled", "finished"]
                .iter()
                .any(|w| rest.contains(w))
        });
    extreme || path || contains_word(&last_words(clause, 7), "average")
}

#[cfg(test)]
mod tests {
    use super::*;
    use qbrief_model::{Currency, Vocabulary};

    fn says(sentence: &str, figure: &str, metric: &str) -> Option<&'static str> {
        let vocabulary = Vocabulary::builtin(&["base"], Currency::USD);
        let m = vocabulary.metric(metric).expect("metric");
        let lower = sentence.to_ascii_lowercase();
        let at = lower.find(figure).expect("figure");
        aside(&lower, at, m)
    }

    #[test]
    fn a_bound_a_condition_names_is_a_threshold() {
        let s = "The exchange may delist a stock that falls below $5 for 30 days.";
        assert!(says(s, "$5", "cash").is_some());
        let s = "Unless the share price remains above $10, the warrants lapse.";
        assert!(says(s, "$10", "cash").is_some());
        assert_eq!(
            says("Cash was above $10 million at the end.", "$10", "cash"),
            None
        );
    }

    #[test]
    fn the_network_and_the_industry_are_not_the_company() {
        let s = "Our output rose, but the network hash rate climbed 12% in the quarter.";
        assert!(says(s, "12%", "revenue").is_some());
        assert_eq!(
            says("Our revenue climbed 12% in the quarter.", "12%", "revenue"),
            None
        );
    }

    #[test]
    fn guidance_of_an_earlier_call_is_quoted() {
        let s = "We now see growth of 6% to 8%, up from our prior guidance of 4% to 6%.";
        assert!(says(s, "4%", "revenue").is_some());
        assert_eq!(says(s, "6% to 8%", "revenue"), None);
        let s = "Last quarter we had guided to $2.10 of earnings.";
        assert!(says(s, "$2.10", "revenue").is_some());
    }

    #[test]
    fn a_balance_inside_the_period_is_not_its_end() {
        let s = "Cash swung from $40 million to $25 million and closed at $31 million.";
        assert!(says(s, "$40", "cash").is_some());
        assert!(says(s, "$25", "cash").is_some());
        assert_eq!(says(s, "$31", "cash"), None);
        let s = "Cash reached a high of $50 million in May.";
        assert!(says(s, "$50", "cash").is_some());
        let s = "Our average cash balance was $20 million.";
        assert!(says(s, "$20", "cash").is_some());
        let s = "Cash rose to a record high of $70 million at quarter end.";
        assert_eq!(says(s, "$70", "cash"), None);
        // A flow has no path: "a high of" is its own figure.
        assert_eq!(
            says("Revenue hit a high of $9 million.", "$9", "revenue"),
            None
        );
    }
}
