//! Computes a ratio no taxonomy defines, with the calc crate's interval
//! arithmetic: operating expenses over revenue, for every quarter.
//!
//! `cargo run --example custom_ratio`

use qbrief::model::{parse_formula, Unit};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let loaded = qbrief::load("data")?;
    let data = loaded.company("canaan").ok_or("no canaan in data/")?;
    let formula = parse_formula("operating_expenses / revenue * 100")?;
    // Check the formula's dimension before any number is computed.
    let vocabulary = &data.vocabulary;
    let dimension = formula.dimension(
        &|id| vocabulary.metric(id).map(|m| m.dimension().clone()),
        &[],
    )?;
    assert!(dimension.is_dimensionless(), "a ratio of like quantities");
    let analysis = qbrief::analyze(data);
    for period in analysis.periods() {
        if let Some(d) = analysis.evaluate_formula(&formula, "Opex ratio", Unit::percent(), period)
        {
            let value = d
                .value
                .map(|v| v.round_dp(1).to_string())
                .unwrap_or_default();
            println!("{period}: {value}% (interval {})", d.interval);
        }
    }
    Ok(())
}
