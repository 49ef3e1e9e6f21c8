//! The command line itself: help, usage errors, the metric listing.

use crate::util::{qbrief, root};

#[test]
fn usage_errors_exit_2() {
    let out = qbrief(&root(), &["frobnicate"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unrecognized subcommand"));
    let out = qbrief(&root(), &["export", "--format", "xml"]);
    assert_eq!(out.code, 2);
}

#[test]
fn metrics_lists_the_registry() {
    let out = qbrief(&root(), &["metrics"]);
    assert_eq!(out.code, 0);
    for core in qbrief_model_core() {
        assert!(
            out.stdout.contains(core),
            "{core} missing from `qbrief metrics`"
        );
    }
}

fn qbrief_model_core() -> [&'static str; 4] {
    ["revenue ", "btc_held ", "asp ", "hashrate_sold "]
}
