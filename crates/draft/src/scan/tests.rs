//! Tests of `scan`: what counts as a figure, and the traps (years, phone numbers, footnote markers).

use super::*;
use proptest::prelude::*;

fn units() -> UnitTable {
    qbrief_model::Vocabulary::builtin(&["bitcoin-mining"], qbrief_model::Currency::USD).units
}

/// `expected`: each phrase as "text kind".
#[track_caller]
fn check(text: &str, expected: &[&str]) {
    let got: Vec<String> = mentions(text, &units())
        .iter()
        .map(|m| format!("{} {:?}", m.text(text), m.kind))
        .collect();
    assert_eq!(got, expected, "{text}");
}

#[test]
fn figures() {
    check("revenue of $73.6 million", &["$73.6 million Figure"]);
    check(
        "revenue of $73.6M and US$168 million",
        &["$73.6M Figure", "US$168 million Figure"],
    );
    check("an increase of 16.4% year-over-year", &["16.4% Figure"]);
    check("down 13 basis points", &["13 basis points Figure"]);
    check("EPS of $0.57 per share", &["$0.57 per share Figure"]);
    // However a call names the share, the amount is per share.
    check(
        "earned $2.1 billion or $4.03 per diluted common share",
        &[
            "$2.1 billion Figure",
            "$4.03 per diluted common share Figure",
        ],
    );
    check("$0.89 per common share", &["$0.89 per common share Figure"]);
    check(
        "$1.12 per fully diluted share",
        &["$1.12 per fully diluted share Figure"],
    );
    check(
        "7.30 million terahash per second",
        &["7.30 million terahash per second Figure"],
    );
    check("4.6 EH/s installed", &["4.6 EH/s Figure"]);
    check("1,212 Bitcoins", &["1,212 Bitcoins Figure"]);
    check("guidance of 5% to 8%", &["5% to 8% Figure"]);
    check(
        "between $125 and $180 million",
        &["$125 and $180 million Figure"],
    );
    check("growth of 5-8%", &["5-8% Figure"]);
    check("a loss of -$19.0 million", &["-$19.0 million Figure"]);
    check("RMB 100 million", &["RMB 100 million Figure"]);
    check("a 2.6-fold increase", &["2.6-fold Figure"]);
    check("sold 10,814 units", &["10,814 units Figure"]);
    check("6.1 times net debt", &["6.1 times Figure"]);
    check("a 50 basis decline", &["50 basis Figure"]);
    // A space after a thousands separator, as speech-to-text writes it.
    check("around $70, 000 in March", &["$70, 000 Figure"]);
    check(
        "grew 5, 100 and 200 units",
        &["5 Figure", "100 Figure", "200 units Figure"],
    );
}

#[test]
fn traps() {
    check(
        "In 2021 and 2022, fiscal '22",
        &["2021 Calendar", "2022 Calendar", "22 Calendar"],
    );
    check("15 years of covering our company", &["15 years Duration"]);
    check("12 to 18 months", &["12 to 18 months Duration"]);
    check(
        "as of September 30, 2024",
        &["30 Calendar", "2024 Calendar"],
    );
    check("in quarter 2 and Q4", &["2 Calendar"]);
    check("our 65th year", &["65 Calendar"]);
    check("call 1-800-555-0100 now", &["1-800-555-0100 Phone"]);
    check(
        "1. Contracts worth $0.174 b.",
        &["1 Marker", "$0.174 Figure"],
    );
    check("see page 19", &["19 Marker"]);
    check("A15 Pro and K230", &[]);
    check("2021-2022", &["2021 Calendar", "2022 Calendar"]);
    check("Class 8 trucks after COVID- 19", &["8 Marker", "19 Marker"]);
    // A multiple of nothing: parts, not growth.
    check("a 2-fold approach", &["2-fold Idiom"]);
    check("our focus is 3-fold: people", &["3-fold Idiom"]);
    check("sales were up 3-fold", &["3-fold Figure"]);
    check("a 5 fold sequential increase", &["5 fold Figure"]);
}

proptest! {
    #[test]
    fn never_panics(text in "\\PC{0,80}") {
        let units = units();
        for m in mentions(&text, &units) {
            prop_assert!(m.start <= m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }

    #[test]
    fn never_panics_on_figure_like(text in "[-+$€£~ ,.0-9%a-zA-Z/'’()\\[\\]]{0,40}") {
        let units = units();
        for m in mentions(&text, &units) {
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
}
