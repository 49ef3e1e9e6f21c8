//! Tokens of summary lines: figures, ranges, years.
use super::*;

fn figures(line: &str) -> Vec<(String, String, Kind)> {
    tokenize(line)
        .into_iter()
        .filter_map(|t| match t {
            Token::Figure(f) => Some((
                f.low.normalize().to_string(),
                f.high.normalize().to_string(),
                f.kind,
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn figures_keep_scale_kind_and_ends() {
    use Kind::*;
    let s = |a: &str, b: &str, k| (a.to_string(), b.to_string(), k);
    assert_eq!(
        figures("q1 sales fell 9 percent to $302 million."),
        [s("9", "9", Percent), s("302000000", "302000000", Money)]
    );
    assert_eq!(
        figures("sees q4 ffo per share $1.46 - $1.52."),
        [s("1.46", "1.52", Money)]
    );
    assert_eq!(
        figures("initiates 2022 guidance range of $3.60 to 3.90 per share."),
        [s("3.6", "3.9", PerShare)]
    );
    assert_eq!(
        figures("between $880 million and $920 million"),
        [s("880000000", "920000000", Money)]
    );
    assert_eq!(
        figures("sees net sales $10.1 billion - $10.3 billion"),
        [s("10100000000", "10300000000", Money)]
    );
    assert_eq!(
        figures("organic sales to be up 10% to 12%."),
        [s("10", "12", Percent)]
    );
    assert_eq!(
        figures("gross margin up 60 basis points"),
        [s("0.6", "0.6", Percent)]
    );
    assert_eq!(
        figures("q3 loss per share $(0.21)"),
        [s("0.21", "0.21", Money)]
    );
    assert_eq!(
        figures("of $2.85 to $3.10 per diluted share"),
        [s("2.85", "3.1", PerShare)]
    );
}

#[test]
fn years_are_not_figures() {
    let tokens = tokenize("sees fy 2021 revenue; fy22 capex; covid-19 tests");
    assert!(tokens.contains(&Token::Year(2021)));
    assert!(tokens.contains(&Token::Year(2022)));
    assert!(!tokens.iter().any(|t| matches!(t, Token::Figure(_))));
}
