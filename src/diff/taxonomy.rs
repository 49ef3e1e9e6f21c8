//! What differs between the two sides' vocabularies of a company (metrics,
//! formulas, units, axes, sections, brief layout) and its `company.toml`.
//! Each change names the ids whose figures it can move, so that derived
//! figures are grouped under it.

use std::collections::BTreeMap;

use qbrief_model::{Company, Vocabulary};

use super::change::{Action, Change, Kind};

/// A cause that is not a stated fact, with the ids of the metrics and
/// formulas whose figures it can move (empty: any figure).
#[derive(Debug, Clone)]
pub(crate) struct ItemChange {
    /// The row.
    pub change: Change,
    /// Metric or formula ids it moves; empty for a company-wide change.
    pub moves: Vec<String>,
}

/// One taxonomy item as a set of named fields, for comparison.
type Fields = Vec<(&'static str, String)>;

/// The taxonomy changes of one company, then its company-file changes.
pub(crate) fn compare_vocabularies(
    company: &str,
    old: &Vocabulary,
    new: &Vocabulary,
) -> Vec<ItemChange> {
    let mut out = Vec::new();
    let metric = |m: &qbrief_model::Metric| -> Fields {
        vec![
            ("label", m.label.clone()),
            ("unit", m.unit_text.clone()),
            ("kind", m.kind.name().to_string()),
            ("sign", m.sign.name().to_string()),
            ("section", m.section.clone()),
            ("per_subject", m.per_subject.to_string()),
            ("synonyms", m.synonyms.join(", ")),
            ("taxonomy", m.taxonomy.clone()),
        ]
    };
    let derived = |d: &qbrief_model::DerivedDef| -> Fields {
        vec![
            ("formula", d.formula.text().to_string()),
            ("label", d.label.clone()),
            ("unit", d.unit.symbol().to_string()),
            ("section", d.section.clone()),
            ("for_each", d.for_each.clone().unwrap_or_default()),
        ]
    };
    let mut item = |what: &str, old: BTreeMap<String, Fields>, new: BTreeMap<String, Fields>| {
        diff_items(company, what, &old, &new, &mut out);
    };
    item(
        "metric",
        old.metrics
            .iter()
            .map(|m| (m.id.clone(), metric(m)))
            .collect(),
        new.metrics
            .iter()
            .map(|m| (m.id.clone(), metric(m)))
            .collect(),
    );
    item(
        "formula",
        old.derived
            .iter()
            .map(|d| (d.id.clone(), derived(d)))
            .collect(),
        new.derived
            .iter()
            .map(|d| (d.id.clone(), derived(d)))
            .collect(),
    );
    let unit = |u: &qbrief_model::UnitDef| -> Fields {
        vec![
            ("dimension", u.dimension.to_string()),
            ("factor", u.factor.normalize().to_string()),
            ("aliases", u.aliases.join(", ")),
        ]
    };
    item(
        "unit",
        old.units
            .units()
            .iter()
            .map(|u| (u.id.clone(), unit(u)))
            .collect(),
        new.units
            .units()
            .iter()
            .map(|u| (u.id.clone(), unit(u)))
            .collect(),
    );
    let axis = |a: &qbrief_model::Axis| -> Fields {
        let members: Vec<String> = a
            .members
            .iter()
            .map(|m| format!("{} ({})", m.id, m.label))
            .collect();
        vec![
            ("members", members.join(", ")),
            ("partition", a.partition.to_string()),
        ]
    };
    item(
        "axis",
        old.axes.iter().map(|a| (a.id.clone(), axis(a))).collect(),
        new.axes.iter().map(|a| (a.id.clone(), axis(a))).collect(),
    );
    let section = |s: &qbrief_model::Section| -> Fields { vec![("title", s.title.clone())] };
    item(
        "section",
        old.sections
            .iter()
            .map(|s| (s.id.clone(), section(s)))
            .collect(),
        new.sections
            .iter()
            .map(|s| (s.id.clone(), section(s)))
            .collect(),
    );
    let brief = |v: &Vocabulary| -> BTreeMap<String, Fields> {
        [(
            "brief".to_string(),
            vec![
                ("key_figures", v.brief.key_figures.join(", ")),
                ("trend", v.brief.trend.join(", ")),
                ("charts", v.brief.charts.join(", ")),
            ],
        )]
        .into()
    };
    item("layout", brief(old), brief(new));
    out
}

/// The changed fields of `company.toml` (the taxonomies it names count as a
/// taxonomy change); each can move any figure.
pub(crate) fn compare_companies(old: &Company, new: &Company) -> Vec<ItemChange> {
    let fields = |c: &Company| -> Fields {
        vec![
            ("taxonomies", c.taxonomies.join(", ")),
            ("name", c.name.clone()),
            ("ticker", c.ticker.clone()),
            ("exchange", c.exchange.clone()),
            ("currency", c.currency.to_string()),
            ("fiscal_year_end_month", c.fiscal_year_end_month.to_string()),
        ]
    };
    let id = new.id.to_string();
    fields(old)
        .into_iter()
        .zip(fields(new))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| ItemChange {
            change: Change {
                kind: if name == "taxonomies" {
                    Kind::Taxonomy
                } else {
                    Kind::Company
                },
                ..row(
                    &id,
                    Action::Changed,
                    name,
                    format!("company {name}"),
                    Some(a),
                    Some(b),
                )
            },
            moves: Vec::new(),
        })
        .collect()
}

fn diff_items(
    company: &str,
    what: &str,
    old: &BTreeMap<String, Fields>,
    new: &BTreeMap<String, Fields>,
    out: &mut Vec<ItemChange>,
) {
    let ids: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for id in ids {
        let (action, old_text, new_text, detail) = match (old.get(id), new.get(id)) {
            (Some(o), Some(n)) if o == n => continue,
            (Some(o), Some(n)) => {
                let changed: Vec<(&str, &String, &String)> = o
                    .iter()
                    .zip(n)
                    .filter(|(a, b)| a.1 != b.1)
                    .map(|(a, b)| (a.0, &a.1, &b.1))
                    .collect();
                let side = |old: bool| {
                    changed
                        .iter()
                        .map(|(name, a, b)| format!("{name} {}", if old { a } else { b }))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                (
                    Action::Changed,
                    Some(side(true)),
                    Some(side(false)),
                    Vec::new(),
                )
            }
            (Some(o), None) => (Action::Removed, Some(summary(o)), None, Vec::new()),
            (None, Some(n)) => (Action::Added, None, Some(summary(n)), Vec::new()),
            (None, None) => continue,
        };
        let mut change = row(
            company,
            action,
            id,
            format!("{what} {id}"),
            old_text,
            new_text,
        );
        change.kind = Kind::Taxonomy;
        change.detail = detail;
        out.push(ItemChange {
            change,
            moves: vec![id.clone()],
        });
    }
}

/// The first fields of an item that has them: "formula a / b * 100; unit %".
fn summary(fields: &Fields) -> String {
    fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .take(2)
        .map(|(name, v)| format!("{name} {v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn row(
    company: &str,
    change: Action,
    id: &str,
    label: String,
    old: Option<String>,
    new: Option<String>,
) -> Change {
    Change {
        company: company.to_string(),
        kind: Kind::Company,
        change,
        period: None,
        old_period: None,
        metric: id.to_string(),
        title: Some(label.clone()),
        label,
        dims: Default::default(),
        old,
        new,
        old_at: None,
        new_at: None,
        cause: Vec::new(),
        detail: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use qbrief_model::{parse_taxonomy, Currency, Vocabulary};

    use super::*;

    fn vocabulary(extra: &str) -> Vocabulary {
        let base = qbrief_model::builtin_taxonomies();
        let text =
            format!("[taxonomy]\nid = \"acme\"\nlabel = \"Acme\"\nextends = [\"base\"]\n{extra}");
        let (file, found) = parse_taxonomy("taxonomy.toml", &text, None);
        assert!(found.is_empty(), "{found:?}");
        let file = file.unwrap();
        let mut chain: Vec<&qbrief_model::TaxonomyFile> =
            base.iter().filter(|t| t.id == "base").collect();
        chain.push(&file);
        let (v, found) = Vocabulary::build(&chain, Currency::USD);
        assert!(found.is_empty(), "{found:?}");
        v
    }

    const RATIO: &str = "[[derived]]\nid = \"cost_ratio\"\nlabel = \"Cost ratio\"\nformula = \"cost_of_revenue / revenue * 100\"\nunit = \"%\"\nsection = \"profit-and-loss\"\n";

    #[test]
    fn a_changed_formula_names_the_figures_it_moves() {
        let old = vocabulary(RATIO);
        let new = vocabulary(&RATIO.replace("cost_of_revenue /", "gross_profit /"));
        let found = compare_vocabularies("acme", &old, &new);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].moves, ["cost_ratio"]);
        assert_eq!(
            found[0].change.new.as_deref(),
            Some("formula gross_profit / revenue * 100")
        );
    }

    #[test]
    fn same_vocabulary_no_change_an_added_formula_one() {
        let old = vocabulary("");
        assert!(compare_vocabularies("acme", &old, &old).is_empty());
        let found = compare_vocabularies("acme", &old, &vocabulary(RATIO));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].change.change, Action::Added);
        assert_eq!(found[0].change.label, "formula cost_ratio");
    }
}
