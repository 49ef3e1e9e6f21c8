//! Parsing axis members and their labels, and the default label.

use super::*;
use crate::parse::parse_taxonomy;

const HEADER: &str = "[taxonomy]\nid = \"t\"\nlabel = \"T\"\n\n[[axis]]\nid = \"region\"\n";

/// Parses an axis whose `members = ...` line is `members`: the members
/// (id, label) or the findings as `line:column: message (hint)`.
#[track_caller]
fn parse(members: &str) -> Result<Vec<(String, String)>, Vec<String>> {
    let text = format!("{HEADER}members = {members}\n");
    let (file, findings) = parse_taxonomy("t.toml", &text, None);
    if !findings.is_empty() {
        return Err(findings
            .iter()
            .map(|f| {
                let at = f.location.as_ref().expect("located");
                format!(
                    "{}:{}: {} ({})",
                    at.line,
                    at.column,
                    f.message,
                    f.hint.as_deref().expect("a hint")
                )
            })
            .collect());
    }
    let file = file.expect("a file without findings");
    Ok(file.axes[0]
        .members
        .iter()
        .map(|m| {
            let m = m.member();
            (m.id, m.label)
        })
        .collect())
}

fn members(pairs: &[(&str, &str)]) -> Result<Vec<(String, String)>, Vec<String>> {
    Ok(pairs
        .iter()
        .map(|(id, label)| (id.to_string(), label.to_string()))
        .collect())
}

#[test]
fn members_are_ids_or_tables_with_labels() {
    assert_eq!(
        parse("[\"north-america\", \"us\"]"),
        members(&[("north-america", "North america"), ("us", "Us")])
    );
    assert_eq!(
        parse("[{ id = \"middle-east\", label = \"Middle East\" }, \"africa\", { id = \"us\" }]"),
        members(&[
            ("middle-east", "Middle East"),
            ("africa", "Africa"),
            ("us", "Us")
        ])
    );
    assert_eq!(
        parse("[\n  { id = \"a15-series\", label = \"A15 <Pro> & *co*\" },\n]"),
        members(&[("a15-series", "A15 <Pro> & *co*")])
    );
    assert_eq!(parse("[]"), members(&[]));
}

#[test]
fn bad_members_are_located_with_a_hint() {
    let err = |members: &str| parse(members).unwrap_err();
    assert_eq!(
        err("[{ id = \"us\", label = 5 }]"),
        ["7:33: the label of member \"us\" must be a string (write it in quotes: label = \"5\")"]
    );
    assert_eq!(
        err("[{ id = \"middle-east\", label = \"  \" }]"),
        ["7:42: the label of member \"middle-east\" is empty (write the name the company uses, or leave out \"label\" to show \"Middle east\")"]
    );
    assert_eq!(
        err("[{ id = \"us\", label = \" US\" }]"),
        ["7:33: the label of member \"us\" starts or ends with spaces (write label = \"US\")"]
    );
    assert_eq!(
        err("[\"us\", { id = \"us\", label = \"US\" }]"),
        ["7:25: member \"us\" is listed twice (list each member once, with its label if it has one)"]
    );
    assert_eq!(
        err("[{ id = \"us\", lable = \"US\" }]"),
        ["7:25: unknown key \"lable\" in member \"us\" (did you mean \"label\"?)"]
    );
    assert_eq!(
        err("[{ id = \"us\", label = [\"US\"] }]"),
        ["7:33: the label of member \"us\" must be a string (write the label in quotes, the way the company names the member: label = \"Middle East\")"]
    );
    assert_eq!(
        err("[{ label = \"US\", name = \"x\" }]"),
        [
            "7:12: a member table needs an \"id\" (write { id = \"middle-east\", label = \"Middle East\" })",
            "7:28: unknown key \"name\" in a member table (the keys are: id, label)"
        ]
    );
    assert_eq!(
        err("[{ id = 1 }]"),
        ["7:19: a member's \"id\" must be a string (write the id in quotes: id = \"middle-east\")"]
    );
    assert_eq!(
        err("[{ id = \"Middle East\" }]"),
        ["7:19: invalid id \"Middle East\" (ids start with a lowercase letter and use a-z, 0-9, _ and -)"]
    );
    assert_eq!(
        err("[[\"us\"]]"),
        ["7:12: a member must be an id or a table with an id and a label (write \"middle-east\", or { id = \"middle-east\", label = \"Middle East\" })"]
    );
    assert_eq!(
        err("\"us\""),
        ["7:11: \"members\" must be an array (list the axis members: members = [\"north-america\", { id = \"middle-east\", label = \"Middle East\" }])"]
    );
}

#[test]
fn the_vocabulary_gives_each_member_its_label() {
    let text = format!(
        "{HEADER}members = [{{ id = \"middle-east\", label = \"Middle East\" }}, \"africa\"]\n"
    );
    let (file, findings) = parse_taxonomy("t.toml", &text, None);
    assert!(findings.is_empty(), "{findings:?}");
    let file = file.unwrap();
    let (v, findings) = crate::Vocabulary::build(&[&file], crate::Currency::USD);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(v.member_label("region", "middle-east"), "Middle East");
    assert_eq!(v.member_label("region", "africa"), "Africa");
    // Not declared: the default, so a brief never fails on a label.
    assert_eq!(v.member_label("region", "south-asia"), "South asia");
    assert_eq!(v.member_label("segment", "engine"), "Engine");
    let ids: Vec<&str> = v.axis("region").unwrap().member_ids().collect();
    assert_eq!(ids, ["middle-east", "africa"]);
}

proptest::proptest! {
    #[test]
    fn any_members_value_never_panics(members in "[\\[\\]{}\"=, a-z0-9\n-]{0,40}") {
        let text = format!("{HEADER}members = {members}\n");
        let (_, findings) = parse_taxonomy("t.toml", &text, None);
        for f in findings {
            proptest::prop_assert!(f.location.is_some(), "unlocated: {f:?}");
        }
    }
}

#[test]
fn default_labels_capitalise_the_id() {
    assert_eq!(default_member_label("middle-east"), "Middle east");
    assert_eq!(default_member_label("small_shop"), "Small shop");
    assert_eq!(default_member_label("a13-series"), "A13 series");
    assert_eq!(default_member_label("europe"), "Europe");
    assert_eq!(default_member_label(""), "");
}
