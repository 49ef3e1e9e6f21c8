//! A filing document as a data file.

use crate::import::FilingDocument;

/// The data file of `filing` for company `company_name`, whose facts come
/// from `source_file` (the companyfacts JSON kept under `sources/`). The
/// text is a function of its inputs alone, so importing twice writes the
/// same bytes.
///
/// Values are TOML basic strings; every text here is the importer's own
/// (ids, dates, concept names, the data format's values), and quotes and
/// backslashes are escaped anyway.
pub fn data_file_text(filing: &FilingDocument, company_name: &str, source_file: &str) -> String {
    let mut out = String::new();
    out.push_str("# Written by `qbrief import-xbrl` from the filer's SEC companyfacts file;\n");
    out.push_str("# importing again rewrites it, so correct the source, not this file.\n\n");
    out.push_str("[document]\n");
    line(&mut out, "id", &filing.id);
    line(&mut out, "kind", "filing");
    line(
        &mut out,
        "title",
        &format!(
            "{company_name} {} for fiscal {} (accession {}, filed {})",
            filing.form, filing.period, filing.accession, filing.filed
        ),
    );
    line(&mut out, "date", &filing.filed.to_string());
    line(&mut out, "period", &filing.period.to_string());
    line(&mut out, "file", source_file);
    line(&mut out, "form", &filing.form);
    line(&mut out, "accession", &filing.accession);
    line(&mut out, "filed", &filing.filed.to_string());
    for f in &filing.facts {
        out.push_str("\n[[fact]]\n");
        line(&mut out, "metric", &f.metric);
        line(&mut out, "period", &f.period.to_string());
        line(&mut out, "value", &f.value);
        line(&mut out, "evidence", &f.evidence);
        if let Some(note) = &f.note {
            line(&mut out, "note", note);
        }
    }
    out
}

fn line(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = \"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\"\n");
}
