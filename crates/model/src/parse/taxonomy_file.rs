//! Parsing one taxonomy file (`[taxonomy]`, `[[unit]]`, `[[metric]]`,
//! `[[axis]]`, `[[derived]]`, `[[section]]`, `[brief]`) into declarations
//! that keep their spans, so that [`crate::Vocabulary::build`] can locate
//! every problem it finds across files.

use std::ops::Range;

use super::axis_decl::AxisDecl;
use super::span::Spanned;
use super::toml_cx::{Cx, Required};
use super::toml_tree::Table;
use crate::diagnostic::{Diagnostic, DiagnosticKind as K, SourceText};
use crate::metric::{closest, Change, MetricKind, SignConvention};

const ROOT_KEYS: &[&str] = &[
    "taxonomy", "unit", "metric", "axis", "derived", "section", "brief",
];
const TAXONOMY_KEYS: &[&str] = &["id", "label", "extends"];
const UNIT_KEYS: &[&str] = &["id", "dimension", "equals", "aliases"];
const METRIC_KEYS: &[&str] = &[
    "id",
    "label",
    "unit",
    "kind",
    "sign",
    "section",
    "synonyms",
    "per_subject",
    "compare",
    "xbrl",
];
const DERIVED_KEYS: &[&str] = &[
    "id", "label", "formula", "unit", "section", "for_each", "compare",
];
const SECTION_KEYS: &[&str] = &["id", "title"];
const BRIEF_KEYS: &[&str] = &["key_figures", "trend", "charts", "sections"];

/// One taxonomy file, parsed but not yet checked against the others.
#[derive(Debug, Clone)]
pub struct TaxonomyFile {
    /// The taxonomy id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The taxonomies it extends.
    pub extends: Vec<String>,
    pub(crate) path: String,
    pub(crate) text: String,
    pub(crate) id_span: Range<usize>,
    pub(crate) extends_spans: Vec<Range<usize>>,
    pub(crate) units: Vec<UnitDecl>,
    pub(crate) metrics: Vec<MetricDecl>,
    pub(crate) axes: Vec<AxisDecl>,
    pub(crate) derived: Vec<DerivedDecl>,
    pub(crate) sections: Vec<SectionDecl>,
    pub(crate) brief: BriefDecl,
}

#[derive(Debug, Clone)]
pub(crate) struct UnitDecl {
    pub id: Spanned,
    pub dimension: Option<Spanned>,
    pub equals: Option<Spanned>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct MetricDecl {
    pub id: Spanned,
    pub label: String,
    pub unit: Spanned,
    pub kind: MetricKind,
    pub sign: SignConvention,
    pub section: Spanned,
    pub synonyms: Vec<String>,
    pub per_subject: bool,
    /// What the universe index compares: `None` the value, else a change.
    pub compare: Vec<Option<Change>>,
    pub xbrl: Vec<Spanned>,
}

#[derive(Debug, Clone)]
pub(crate) struct DerivedDecl {
    pub id: Spanned,
    pub label: String,
    pub formula: Spanned,
    pub unit: Spanned,
    pub section: Spanned,
    pub for_each: Option<Spanned>,
    /// What the universe index compares, as for a metric.
    pub compare: Vec<Option<Change>>,
}

#[derive(Debug, Clone)]
pub(crate) struct SectionDecl {
    pub id: Spanned,
    pub title: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct BriefDecl {
    pub key_figures: Option<Vec<Spanned>>,
    pub trend: Option<Vec<Spanned>>,
    pub charts: Option<Vec<Spanned>>,
    pub sections: Option<Vec<Spanned>>,
}

impl TaxonomyFile {
    /// A located error in this file; `span` is a byte range of its text.
    pub(crate) fn error(&self, kind: K, message: String, span: Range<usize>) -> Diagnostic {
        Diagnostic::error(kind, message).at(&SourceText::new(&self.path, &self.text), span)
    }

    /// The path the file was loaded from.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Parses a taxonomy file. `stem` is the expected id: the file name for a
/// data folder's taxonomy, `None` for a company's `taxonomy.toml`.
pub fn parse_taxonomy(
    path: &str,
    text: &str,
    stem: Option<&str>,
) -> (Option<TaxonomyFile>, Vec<Diagnostic>) {
    let source = SourceText::new(path, text);
    let mut cx = Cx::new(&source, None);
    let Some(doc) = cx.parse_toml() else {
        return (None, cx.diagnostics);
    };
    let root = doc.get_ref();
    cx.unknown_keys(root, ROOT_KEYS, "a taxonomy file");
    let header = match cx.std_table(root, "taxonomy") {
        Ok(Some(t)) => Some(t),
        Ok(None) | Err(_) => {
            cx.push(
                Diagnostic::error(K::MissingKey, "missing [taxonomy] table")
                    .at(&source, 0..0)
                    .with_hint("start the file with [taxonomy] and its id, label and extends"),
            );
            None
        }
    };
    let (id, label, extends) = match header {
        Some(t) => {
            let span = cx.table_span(&t);
            cx.unknown_keys(&t, TAXONOMY_KEYS, "[taxonomy]");
            let id = cx.string(&t, "id", Required::Yes, span.clone());
            let label = cx.string(&t, "label", Required::Yes, span);
            let extends = cx.string_list(&t, "extends").unwrap_or_default();
            (id, label, extends)
        }
        None => (None, None, Vec::new()),
    };
    if let (Some((id, span)), Some(stem)) = (&id, stem) {
        if id != stem {
            cx.push(
                Diagnostic::error(
                    K::InvalidField,
                    format!("taxonomy id \"{id}\" differs from the file name \"{stem}.toml\""),
                )
                .at(&source, span.clone())
                .with_hint(format!(
                    "set id = \"{stem}\" or rename the file to {id}.toml"
                )),
            );
        }
    }
    let units = cx
        .tables(root, "unit")
        .into_iter()
        .filter_map(|t| cx.unit(&t))
        .collect();
    let metrics = cx
        .tables(root, "metric")
        .into_iter()
        .filter_map(|t| cx.metric(&t))
        .collect();
    let axes = cx
        .tables(root, "axis")
        .into_iter()
        .filter_map(|t| cx.axis(&t))
        .collect();
    let derived = cx
        .tables(root, "derived")
        .into_iter()
        .filter_map(|t| cx.derived(&t))
        .collect();
    let sections = cx
        .tables(root, "section")
        .into_iter()
        .filter_map(|t| {
            let span = cx.table_span(&t);
            cx.unknown_keys(&t, SECTION_KEYS, "[[section]]");
            let id = cx.string(&t, "id", Required::Yes, span.clone());
            let title = cx.string(&t, "title", Required::Yes, span);
            Some(SectionDecl {
                id: cx.slug(id?)?,
                title: title?.0,
            })
        })
        .collect();
    let brief = match cx.std_table(root, "brief") {
        Ok(Some(t)) => {
            cx.unknown_keys(&t, BRIEF_KEYS, "[brief]");
            BriefDecl {
                key_figures: cx.string_list(&t, "key_figures"),
                trend: cx.string_list(&t, "trend"),
                charts: cx.string_list(&t, "charts"),
                sections: cx.string_list(&t, "sections"),
            }
        }
        Err(span) => {
            cx.push(Diagnostic::error(K::WrongType, "\"brief\" must be a table").at(&source, span));
            BriefDecl::default()
        }
        Ok(None) => BriefDecl::default(),
    };
    let file = match (id, label) {
        (Some((id, id_span)), Some((label, _))) if cx.diagnostics.is_empty() => {
            Some(TaxonomyFile {
                id,
                label,
                extends_spans: extends.iter().map(|(_, s)| s.clone()).collect(),
                extends: extends.into_iter().map(|(e, _)| e).collect(),
                path: path.to_string(),
                text: text.to_string(),
                id_span,
                units,
                metrics,
                axes,
                derived,
                sections,
                brief,
            })
        }
        _ => None,
    };
    (file, cx.diagnostics)
}

impl Cx<'_> {
    /// Checks that an id is a lowercase slug (`revenue`, `machine-sales`).
    pub(crate) fn slug(&mut self, (id, span): Spanned) -> Option<Spanned> {
        let ok = id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if ok {
            Some((id, span))
        } else {
            self.push(
                Diagnostic::error(K::InvalidField, format!("invalid id \"{id}\""))
                    .at(self.source, span.clone())
                    .with_hint("ids start with a lowercase letter and use a-z, 0-9, _ and -"),
            );
            None
        }
    }

    /// Checks that an id is a snake_case slug (`gross_margin`).
    pub(crate) fn metric_id(&mut self, (id, span): Spanned) -> Option<Spanned> {
        let (id, span) = self.slug((id, span))?;
        if id.contains('-') {
            self.push(
                Diagnostic::error(K::InvalidField, format!("invalid metric id \"{id}\""))
                    .at(self.source, span)
                    .with_hint(format!(
                        "metric ids are snake_case: \"{}\"",
                        id.replace('-', "_")
                    )),
            );
            return None;
        }
        Some((id, span))
    }

    fn unit(&mut self, t: &Table<'_, '_>) -> Option<UnitDecl> {
        let span = self.table_span(t);
        self.unknown_keys(t, UNIT_KEYS, "[[unit]]");
        let id = self.string(t, "id", Required::Yes, span.clone());
        let dimension = self.string(t, "dimension", Required::No, span.clone());
        let equals = self.string(t, "equals", Required::No, span.clone());
        let aliases = self.string_list(t, "aliases").unwrap_or_default();
        if dimension.is_some() == equals.is_some() {
            self.push(
                Diagnostic::error(K::MissingKey, "a unit needs exactly one of \"dimension\" and \"equals\"")
                    .at(self.source, span)
                    .with_hint("a base unit names its dimension (dimension = \"area\"); another unit says what it equals (equals = \"1000 sq ft\")"),
            );
            return None;
        }
        let (id, id_span) = id?;
        if id.trim().is_empty() || id != id.trim() || id.chars().any(|c| c.is_ascii_digit()) {
            self.push(
                Diagnostic::error(K::InvalidField, format!("invalid unit id \"{id}\""))
                    .at(self.source, id_span)
                    .with_hint("a unit id is a symbol without digits or surrounding spaces, such as \"TH/s\""),
            );
            return None;
        }
        Some(UnitDecl {
            id: (id, id_span),
            dimension,
            equals,
            aliases: aliases.into_iter().map(|(a, _)| a).collect(),
        })
    }

    fn metric(&mut self, t: &Table<'_, '_>) -> Option<MetricDecl> {
        let span = self.table_span(t);
        self.unknown_keys(t, METRIC_KEYS, "[[metric]]");
        let id = self.string(t, "id", Required::Yes, span.clone());
        let label = self.string(t, "label", Required::Yes, span.clone());
        let unit = self.string(t, "unit", Required::Yes, span.clone());
        let kind = self.string(t, "kind", Required::Yes, span.clone());
        let sign = self.string(t, "sign", Required::Yes, span.clone());
        let section = self.string(t, "section", Required::Yes, span.clone());
        let synonyms = self.string_list(t, "synonyms").unwrap_or_default();
        let per_subject = self.boolean(t, "per_subject").is_some_and(|(b, _)| b);
        let compare = self.compare(t);
        let xbrl = self.xbrl_concepts(t);
        let kind = kind.and_then(|k| self.named(k, MetricKind::NAMES, "kind"));
        let sign = sign.and_then(|s| self.named(s, SignConvention::NAMES, "sign"));
        Some(MetricDecl {
            id: self.metric_id(id?)?,
            label: label?.0,
            unit: unit?,
            kind: kind?,
            sign: sign?,
            section: section?,
            synonyms: synonyms.into_iter().map(|(s, _)| s).collect(),
            per_subject,
            compare,
            xbrl,
        })
    }

    /// The `xbrl` list of a metric: the concepts that state it in filings,
    /// each `prefix:LocalName` (`us-gaap:Revenues`).
    fn xbrl_concepts(&mut self, t: &Table<'_, '_>) -> Vec<Spanned> {
        let mut out = Vec::new();
        for (concept, span) in self.string_list(t, "xbrl").unwrap_or_default() {
            if is_xbrl_concept(&concept) {
                out.push((concept, span));
            } else {
                self.push(
                    Diagnostic::error(
                        K::InvalidField,
                        format!("invalid XBRL concept \"{concept}\""),
                    )
                    .at(self.source, span)
                    .with_hint(
                        "write a concept as prefix:LocalName, for example \"us-gaap:Revenues\"",
                    ),
                );
            }
        }
        out
    }

    fn named<T: Copy>(
        &mut self,
        (text, span): Spanned,
        names: &[(&str, T)],
        key: &str,
    ) -> Option<T> {
        if let Some((_, v)) = names.iter().find(|(n, _)| *n == text) {
            return Some(*v);
        }
        let all: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
        let hint = closest(&text, &all)
            .map(|s| format!("did you mean \"{s}\"?"))
            .unwrap_or_else(|| format!("the values are: {}", all.join(", ")));
        self.push(
            Diagnostic::error(K::InvalidField, format!("unknown {key} \"{text}\""))
                .at(self.source, span)
                .with_hint(hint),
        );
        None
    }

    fn derived(&mut self, t: &Table<'_, '_>) -> Option<DerivedDecl> {
        let span = self.table_span(t);
        self.unknown_keys(t, DERIVED_KEYS, "[[derived]]");
        let id = self.string(t, "id", Required::Yes, span.clone());
        let label = self.string(t, "label", Required::Yes, span.clone());
        let formula = self.string(t, "formula", Required::Yes, span.clone());
        let unit = self.string(t, "unit", Required::Yes, span.clone());
        let section = self.string(t, "section", Required::Yes, span.clone());
        let for_each = self.string(t, "for_each", Required::No, span);
        let compare = self.compare(t);
        Some(DerivedDecl {
            id: self.metric_id(id?)?,
            label: label?.0,
            formula: formula?,
            unit: unit?,
            section: section?,
            for_each,
            compare,
        })
    }
}

/// Whether `text` is a qualified XBRL concept name: a namespace prefix
/// (`us-gaap`, `ifrs-full`, `dei`), a colon and a local name that starts
/// with a letter (`RevenueFromContractWithCustomerIncludingAssessedTax`).
pub(crate) fn is_xbrl_concept(text: &str) -> bool {
    let Some((prefix, local)) = text.split_once(':') else {
        return false;
    };
    let prefix_ok = prefix.starts_with(|c: char| c.is_ascii_alphabetic())
        && prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let local_ok = local.starts_with(|c: char| c.is_ascii_alphabetic())
        && local.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    prefix_ok && local_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::BUILTIN_TAXONOMIES;
    use proptest::prelude::*;

    #[test]
    fn built_in_taxonomies_load_without_findings() {
        let files: Vec<TaxonomyFile> = BUILTIN_TAXONOMIES
            .iter()
            .map(|(id, text)| {
                let (file, findings) = parse_taxonomy(id, text, Some(id));
                assert!(findings.is_empty(), "{id}: {findings:?}");
                file.unwrap()
            })
            .collect();
        let refs: Vec<&TaxonomyFile> = files.iter().collect();
        let (_, findings) = crate::Vocabulary::build(&refs, crate::Currency::USD);
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn industry_taxonomies_extend_base_and_combine() {
        let files: std::collections::BTreeMap<String, TaxonomyFile> = BUILTIN_TAXONOMIES
            .iter()
            .map(|(id, text)| {
                (
                    id.to_string(),
                    parse_taxonomy(id, text, Some(id)).0.unwrap(),
                )
            })
            .collect();
        for (id, file) in &files {
            if id != "base" {
                assert_eq!(file.extends, ["base"], "{id} extends base alone");
            }
        }
        // Each industry alone, and the combinations a company may need: a
        // bank that underwrites insurance, a REIT that runs stores. Every
        // chain must build without findings (no metric, unit, axis or
        // section defined twice).
        let chains: &[&[&str]] = &[
            &["base"],
            &["base", "bitcoin-mining"],
            &["base", "reit"],
            &["base", "retail"],
            &["base", "bank"],
            &["base", "insurance"],
            &["base", "bank", "insurance"],
            &["base", "reit", "retail"],
            &["reit", "retail", "bank", "insurance", "bitcoin-mining"],
        ];
        for chain in chains {
            let requested: Vec<String> = chain.iter().map(|s| s.to_string()).collect();
            let resolved = crate::taxonomy::resolve_chain(&requested, &files).unwrap();
            assert_eq!(resolved[0].id, "base", "{chain:?}: base comes first");
            let (vocabulary, findings) = crate::Vocabulary::build(&resolved, crate::Currency::USD);
            assert!(findings.is_empty(), "{chain:?}: {findings:?}");
            for id in chain.iter().filter(|id| **id != "base") {
                let own = &files[*id];
                assert!(!own.metrics.is_empty(), "{id} declares metrics");
                for m in &own.metrics {
                    assert_eq!(
                        vocabulary.metric(&m.id.0).map(|v| v.taxonomy.as_str()),
                        Some(*id),
                        "{chain:?}: {} comes from {id}",
                        m.id.0
                    );
                }
            }
        }
    }

    #[test]
    fn the_evaluators_metric_ids_are_built_in() {
        // The ids the drafter's evaluator (xtask draft_eval::vocabulary)
        // accepts for each metric family, and the per-share metrics that
        // must be per share.
        let all: Vec<&str> = BUILTIN_TAXONOMIES.iter().map(|(id, _)| *id).collect();
        let v = crate::Vocabulary::builtin(&all, crate::Currency::USD);
        for id in [
            "organic_revenue",
            "constant_currency_revenue",
            "comparable_sales",
            "same_property_noi",
            "core_eps",
            "adjusted_eps",
            "eps_diluted",
            "eps_basic",
            "core_net_income",
            "adjusted_net_income",
            "ffo",
            "ffo_per_share",
            "core_ffo",
            "core_ffo_per_share",
            "affo",
            "affo_per_share",
            "adjusted_ebitda",
            "ebitda",
            "adjusted_ebitda_margin",
            "ebitda_margin",
            "adjusted_operating_income",
            "adjusted_operating_margin",
            "adjusted_gross_margin",
            "adjusted_free_cash_flow",
            "net_interest_income",
            "net_interest_margin",
            "provision_for_credit_losses",
            "net_charge_offs",
            "cet1_ratio",
            "efficiency_ratio",
            "book_value_per_share",
            "tangible_book_value_per_share",
            "combined_ratio",
            "catastrophe_losses",
            "net_premiums_written",
            "occupancy",
            "backlog",
            "bookings",
            "liquidity",
            "cash",
        ] {
            assert!(v.metric(id).is_some(), "{id} is no built-in metric");
        }
        for id in [
            "eps_basic",
            "core_eps",
            "ffo_per_share",
            "core_ffo_per_share",
            "affo_per_share",
            "book_value_per_share",
            "tangible_book_value_per_share",
        ] {
            assert_eq!(v.metric(id).unwrap().unit.symbol(), "USD/share", "{id}");
        }
    }

    proptest! {
        #[test]
        fn any_text_never_panics(text in "\\PC{0,200}") {
            let (_, findings) = parse_taxonomy("t.toml", &text, None);
            for f in findings {
                prop_assert!(f.location.is_some(), "unlocated: {f:?}");
            }
        }

        #[test]
        fn mutated_taxonomies_never_panic(at in 0usize..4000, cut in 0usize..40, insert in "[\\[\\]\"=\n a-z0-9$.,%/*()-]{0,12}") {
            let base = BUILTIN_TAXONOMIES[1].1;
            let at = at.min(base.len());
            let at = (0..=at).rev().find(|i| base.is_char_boundary(*i)).unwrap_or(0);
            let end = (at + cut).min(base.len());
            let end = (end..=base.len()).find(|i| base.is_char_boundary(*i)).unwrap_or(base.len());
            let text = format!("{}{insert}{}", &base[..at], &base[end..]);
            let (file, findings) = parse_taxonomy("t.toml", &text, None);
            for f in &findings {
                prop_assert!(f.location.is_some(), "unlocated: {f:?}");
            }
            let files: Vec<TaxonomyFile> = builtin_base().into_iter().chain(file).collect();
            let refs: Vec<&TaxonomyFile> = files.iter().collect();
            let (_, findings) = crate::Vocabulary::build(&refs, crate::Currency::USD);
            for f in &findings {
                prop_assert!(f.location.is_some(), "unlocated: {f:?}");
            }
        }
    }

    fn builtin_base() -> Vec<TaxonomyFile> {
        parse_taxonomy("base.toml", BUILTIN_TAXONOMIES[0].1, Some("base"))
            .0
            .into_iter()
            .collect()
    }
}
