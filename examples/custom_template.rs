//! Renders a brief with a template of your own: a one-table summary.
//!
//! `cargo run --example custom_template`

use qbrief::report::Renderer;

const BRIEF: &str = "# {{ b.title }}\n\n{% for s in b.headline %}{{ s }} {% endfor %}\n";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let loaded = qbrief::load("data")?;
    let data = loaded.company("donaldson").ok_or("no donaldson in data/")?;
    let analysis = qbrief::analyze(data);
    let renderer = Renderer::with_overrides(&[("brief.md".to_string(), BRIEF.to_string())])?;
    print!("{}", renderer.brief(&analysis, "2021-Q4".parse()?)?);
    Ok(())
}
