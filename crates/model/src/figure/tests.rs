//! Tests of figures: intervals per qualifier, each end of a range at its own
//! precision, and the linear-time agreement checks.

use super::*;
use crate::{parse_value, Currency, Vocabulary};

fn parse(value: &str) -> Figure {
    let units = Vocabulary::builtin(&["bitcoin-mining"], Currency::USD).units;
    parse_value(value, &units).unwrap()
}

#[track_caller]
fn check(value: &str, interval: &str) {
    let figure = parse(value);
    assert_eq!(figure.interval().to_string(), interval, "{value}");
    assert!(
        figure.interval().contains(figure.value()),
        "{value}: point outside its interval"
    );
}

#[test]
fn intervals_per_qualifier() {
    check("$73.6M", "[73550000, 73650000]");
    check("about $74M", "[70300000, 77700000]");
    check("about 8%", "[7, 9]");
    check("over $61,000", "[60500, +inf)");
    check("nearly 80%", "(-inf, 80.5]");
    check("2-4 EH/s", "[1500000, 4500000]");
    check("$36.80M", "[36795000, 36805000]");
    check("-$34M", "[-34500000, -33500000]");
}

#[test]
fn each_end_of_a_range_keeps_its_precision() {
    // Percent, signed percent and basis points.
    check("1.5% to 2%", "[1.45, 2.5]");
    check("1% to 2%", "[0.5, 2.5]");
    check("24% to 26%", "[23.5, 26.5]");
    check("13.8% to 14.2%", "[13.75, 14.25]");
    check("14.1% to 14.7%", "[14.05, 14.75]");
    check("+5% to +8%", "[4.5, 8.5]");
    check("-4% to +1%", "[-4.5, 1.5]");
    check("-2.5% to +1%", "[-2.55, 1.5]");
    check("5-8.5%", "[4.5, 8.55]");
    check("+60 bps to +100 bps", "[0.595, 1.005]");
    // Money, with scale words written on both ends or once.
    check("$4.10 to $4.30", "[4.095, 4.305]");
    check("$5.34 to $5.40", "[5.335, 5.405]");
    check("$80M to $90M", "[79500000, 90500000]");
    check("$0.5M to $2M", "[450000, 2500000]");
    check("$1.2B-$1.3B", "[1150000000, 1350000000]");
    check("$1.25B to $1.3B", "[1245000000, 1350000000]");
    check("$70-80M", "[69500000, 80500000]");
    check("$2.50 to $2.66/share", "[2.495, 2.665]");
    check("$2.5 to $2.66/share", "[2.45, 2.665]");
    // Units of the taxonomies, and whole numbers whose zeros do not count
    // ("$30,000" alone is [25,000, 35,000]).
    check("2-4 EH/s", "[1500000, 4500000]");
    check("3.5-4 EH/s", "[3450000, 4500000]");
    check("10-15 J/TH", "[9.5, 15.5]");
    check("22.5-23 J/TH", "[22.45, 23.5]");
    check("$28,500 to $30,000/BTC", "[25000, 35000]");
    // A coarse high end reaches below a fine low end: the hull.
    check("1.9% to 2%", "[1.5, 2.5]");
    // "about" before a range is read as the range itself.
    check("about 350-400 PH/s", "[349500, 400500]");
    check("about 22-23 J/TH", "[21.5, 23.5]");
}

#[test]
fn a_range_reports_each_ends_decimals() {
    let f = parse("1.5% to 2%");
    assert_eq!(f.range_decimals(), Some((1, 0)));
    assert_eq!(f.decimals(), 0, "the coarser end");
    assert_eq!(parse("1.5%").range_decimals(), None);
    let same = Figure::new(
        f.unit().clone(),
        Decimal::new(15, 1),
        1,
        Qualifier::Range,
        Some(Decimal::TWO),
    );
    assert_eq!(same.range_decimals(), Some((1, 1)));
    assert_eq!(same.interval().to_string(), "[1.45, 2.05]");
}

#[test]
fn rounded_statements_agree() {
    let agree = |a: &str, b: &str| parse(a).agrees_with(&parse(b));
    assert!(agree("$73.6M", "nearly $74M"));
    assert!(agree("$73.6M", "around $74M"));
    assert!(agree("1,212 BTC", "1,212 BTC"));
    assert!(!agree("1,231 BTC", "1,212 BTC"));
    assert!(!agree("-$36.80M", "-$34M"));
    assert!(!agree("$1M", "1 BTC"));
}

#[test]
fn gaps() {
    let a = Interval::closed(Decimal::ONE, Decimal::TWO);
    let b = Interval::closed(Decimal::from(5), Decimal::from(6));
    assert_eq!(a.gap(&b), Decimal::from(3));
    assert_eq!(b.gap(&a), Decimal::from(3));
    assert_eq!(a.gap(&a), Decimal::ZERO);
}

/// A range stands for exactly the hull of its two ends' intervals, each
/// end parsed alone, whatever the form: a unit or scale word on both
/// ends or once, any separator, any precision on either end.
mod range_hull {
    use super::*;
    use proptest::prelude::*;

    /// A number as a person writes it, from 0 to 2,999.999.
    fn number() -> impl Strategy<Value = String> {
        (0u32..3000, 0usize..4, 0u32..1000).prop_map(|(whole, places, fraction)| {
            if places == 0 {
                whole.to_string()
            } else {
                let f = format!("{fraction:03}");
                format!("{whole}.{}", &f[..places])
            }
        })
    }

    /// (currency, suffix after the number, whether a sign may be written)
    const FORMS: &[(&str, &str, bool)] = &[
        ("$", "", false),
        ("$", "M", false),
        ("$", "B", false),
        ("$", "K", false),
        ("$", "/share", false),
        ("$", "/BTC", false),
        ("$", "/TH/s", false),
        ("", "%", true),
        ("", " bps", true),
        ("", " EH/s", false),
        ("", " PH/s", false),
        ("", " TH/s", false),
        ("", " J/TH", false),
        ("", " BTC", false),
        ("", "", false),
    ];

    fn sign(signed: bool) -> impl Strategy<Value = &'static str> {
        let signs = if signed { vec!["", "+", "-"] } else { vec![""] };
        prop::sample::select(signs)
    }

    proptest! {
        #[test]
        fn is_the_hull_of_its_ends(
            form in prop::sample::select(FORMS),
            (a, b) in (number(), number()),
            (sa, sb) in (sign(true), sign(true)),
            separator in prop::sample::select(vec![" to ", "-", "–"]),
            once in prop::bool::ANY,
        ) {
            let (currency, suffix, signed) = form;
            let (sa, sb) = if signed { (sa, sb) } else { ("", "") };
            let end = |s: &str, n: &str| format!("{s}{currency}{n}{suffix}");
            let (mut low, mut high) = ((sa, a), (sb, b));
            if parse(&end(low.0, &low.1)).value() > parse(&end(high.0, &high.1)).value() {
                std::mem::swap(&mut low, &mut high);
            }
            // "1.5--2%" does not read as a range: a negative high end
            // takes a spelled-out separator.
            let separator = if high.0 == "-" { " to " } else { separator };
            let text = if once {
                format!("{}{currency}{}{separator}{}", low.0, low.1, end(high.0, &high.1))
            } else {
                format!("{}{separator}{}", end(low.0, &low.1), end(high.0, &high.1))
            };
            let units = Vocabulary::builtin(&["bitcoin-mining"], Currency::USD).units;
            let range = parse_value(&text, &units);
            prop_assert!(range.is_ok(), "{text:?}: {range:?}");
            let range = range.unwrap();
            let (l, h) = (parse(&end(low.0, &low.1)), parse(&end(high.0, &high.1)));
            let (li, hi) = (l.interval(), h.interval());
            let hull = Interval {
                low: li.low.zip(hi.low).map(|(x, y)| x.min(y)),
                high: li.high.zip(hi.high).map(|(x, y)| x.max(y)),
            };
            prop_assert_eq!(range.interval(), hull, "{}", text);
            prop_assert_eq!(range.range(), Some((l.value(), h.value())), "{}", text);
            prop_assert_eq!(range.range_decimals(), Some((l.decimals(), h.decimals())), "{}", text);
        }
    }
}

/// The linear-time agreement checks match their pairwise definitions on
/// random mixes of exact, about, bounded and range figures and units.
mod agreement {
    use super::*;
    use proptest::prelude::*;

    fn figure() -> impl Strategy<Value = Figure> {
        let phrases =
            prop::sample::select(vec!["", "about ", "at least ", "nearly ", "approximately "]);
        (
            phrases,
            60u32..80,
            0u32..10,
            prop::bool::ANY,
            prop::bool::ANY,
        )
            .prop_map(|(q, whole, tenth, percent, range)| {
                let n = format!("{whole}.{tenth}");
                let text = match (percent, range) {
                    (true, _) => format!("{q}{n}%"),
                    (false, true) => format!("${n}M to ${}M", whole + 2),
                    (false, false) => format!("{q}${n}M"),
                };
                parse(&text)
            })
    }

    proptest! {
        #[test]
        fn match_the_pairwise_definitions(figures in prop::collection::vec(figure(), 0..12)) {
            let refs: Vec<&Figure> = figures.iter().collect();
            let pairwise = refs.iter().enumerate()
                .all(|(i, a)| refs[i + 1..].iter().all(|b| a.agrees_with(b)));
            prop_assert_eq!(all_agree(refs.iter().copied()), pairwise);
            let counts: Vec<usize> = refs.iter().enumerate()
                .map(|(i, a)| refs.iter().enumerate()
                    .filter(|(j, b)| *j != i && a.agrees_with(b)).count())
                .collect();
            prop_assert_eq!(agreement_counts(&refs), counts);
        }
    }
}
