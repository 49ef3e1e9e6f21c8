//! Prints one quarter's key figures with their sources.
//!
//! `cargo run --example key_figures -- canaan 2024-Q3`

use qbrief::model::Dims;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let company = args.next().unwrap_or_else(|| "canaan".into());
    let period = args.next().unwrap_or_else(|| "2024-Q3".into()).parse()?;
    let loaded = qbrief::load("data")?;
    let data = loaded
        .company(&company)
        .ok_or_else(|| format!("no company {company} in data/"))?;
    let analysis = qbrief::analyze(data);
    for id in &data.vocabulary.brief.key_figures {
        let label = data.vocabulary.label(id).unwrap_or(id);
        if let Some(r) = analysis.stated(id, period) {
            let f = r.fact;
            println!(
                "{label}: {} — {} ({}): \"{}\"",
                f.value_text,
                f.speaker_name(),
                f.source,
                f.evidence
            );
        } else if let Some(d) = analysis.derived_at(id, &Dims::new(), period) {
            println!("{label}: {:?} (derived: {})", d.value, d.formula);
        }
    }
    Ok(())
}
