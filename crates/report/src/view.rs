//! View models: everything a template shows, computed from the model and
//! calc, formatted and escaped. Templates only lay these out.

use std::collections::BTreeMap;

use qbrief_calc::{Analysis, ChangeKind, Derived, Status};
use qbrief_model::{Change, Fact, MetricKey, Period, Section, Unit};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::format::{derived_decimals, escape, md, value};

/// A table: header cells and rows of Markdown cells.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Table {
    /// Header cells.
    pub columns: Vec<String>,
    /// Alignment row cells (`---`, `---:`).
    pub align: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    fn new(columns: &[&str]) -> Table {
        let align = columns
            .iter()
            .enumerate()
            .map(|(i, _)| {
                if i == 0 {
                    "---".to_string()
                } else {
                    "---:".to_string()
                }
            })
            .collect();
        Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            align,
            rows: Vec::new(),
        }
    }

    fn left_aligned(columns: &[&str]) -> Table {
        let mut t = Table::new(columns);
        t.align = columns.iter().map(|_| "---".to_string()).collect();
        t
    }

    fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }
}

/// A titled section of a brief: a table, or one line saying it has no data.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// The heading.
    pub title: String,
    /// The table (empty rows: no data).
    pub table: Table,
    /// The line shown instead of an empty table.
    pub empty: String,
}

/// A footnote definition.
#[derive(Debug, Clone, Serialize)]
pub struct Footnote {
    /// Its label (a number).
    pub label: usize,
    /// Its text, escaped.
    pub text: String,
}

/// The quarter brief of one company and period.
#[derive(Debug, Clone, Serialize)]
pub struct BriefView {
    /// Page title.
    pub title: String,
    /// Company name, escaped.
    pub company: String,
    /// The period, `2024-Q3`.
    pub period: String,
    /// Two or three generated sentences.
    pub headline: Vec<String>,
    /// The key figures table.
    pub key_figures: Table,
    /// The legend line of markers.
    pub legend: String,
    /// Machine sales, self-mining, P&L, balance sheet, outlook.
    pub sections: Vec<SectionView>,
    /// Data quality subsections.
    pub quality: Vec<SectionView>,
    /// Footnote definitions, in order of first reference.
    pub footnotes: Vec<Footnote>,
}

/// Assigns footnote numbers to stated facts in order of first reference.
struct Notes<'a> {
    analysis: &'a Analysis<'a>,
    by_fact: BTreeMap<(String, usize), usize>,
    footnotes: Vec<Footnote>,
}

impl<'a> Notes<'a> {
    fn cite(&mut self, fact: &Fact) -> String {
        let key = (fact.location.file.clone(), fact.location.line);
        if let Some(n) = self.by_fact.get(&key) {
            return format!("[^{n}]");
        }
        let n = self.footnotes.len() + 1;
        let doc = self.analysis.data.document(&fact.source);
        let title = doc.map_or(fact.source.clone(), |d| d.title.clone());
        let mut text = format!(
            "{} ({}), {} ({}): “{}”",
            escape(&title),
            escape(&fact.source),
            escape(&fact.speaker.name),
            escape(&fact.speaker.role),
            escape(&fact.evidence)
        );
        if let Some(w) = &fact.as_written {
            text.push_str(&format!(
                " — as written: “{}”, read as {}",
                escape(w),
                md(&fact.value_text)
            ));
        }
        if let Some(note) = &fact.note {
            text.push_str(&format!(" — {}", escape(note)));
        }
        text.push_str(&format!(
            " — {}:{}",
            escape(&fact.location.file),
            fact.location.line
        ));
        self.footnotes.push(Footnote { label: n, text });
        self.by_fact.insert(key, n);
        format!("[^{n}]")
    }
}

/// Metrics of the key figures table, in order.
const KEY_METRICS: &[&str] = &[
    "revenue",
    "product_revenue",
    "mining_revenue",
    "gross_profit",
    "operating_expenses",
    "operating_income",
    "net_income",
    "adjusted_ebitda",
    "hashrate_sold",
    "asp",
    "btc_mined",
    "btc_held",
    "installed_hashrate",
    "cash",
];

/// Derived-only rows shown in sections: (section, id).
const DERIVED_ROWS: &[(Section, &str)] = &[
    (Section::MachineSales, "asp"),
    (Section::MachineSales, "product_revenue_share"),
    (Section::MachineSales, "product_revenue_middle_east"),
    (Section::MachineSales, "product_revenue_north_america"),
    (Section::MachineSales, "product_revenue_a14"),
    (Section::SelfMining, "revenue_per_btc"),
    (Section::SelfMining, "mining_revenue_share"),
    (Section::ProfitAndLoss, "gross_margin"),
    (Section::ProfitAndLoss, "gross_margin_ex_writedowns"),
    (Section::ProfitAndLoss, "operating_margin"),
    (Section::ProfitAndLoss, "net_margin"),
    (Section::ProfitAndLoss, "adjusted_ebitda_margin"),
    (Section::ProfitAndLoss, "opex_ratio"),
    (Section::ProfitAndLoss, "rd_intensity"),
    (Section::BalanceSheet, "btc_held_change"),
    (Section::BalanceSheet, "btc_held_value"),
];

const SECTIONS: &[(Section, &str, &str)] = &[
    (
        Section::MachineSales,
        "Machine sales",
        "No machine-sales figures were stated for this quarter.",
    ),
    (
        Section::SelfMining,
        "Self-mining",
        "No self-mining figures were stated for this quarter.",
    ),
    (
        Section::ProfitAndLoss,
        "Profit and loss",
        "No profit-and-loss figures were stated for this quarter.",
    ),
    (
        Section::BalanceSheet,
        "Balance sheet and liquidity",
        "No balance-sheet figures were stated for this quarter.",
    ),
];

/// Builds the brief of `period`.
pub fn brief(analysis: &Analysis<'_>, period: Period) -> BriefView {
    let company = &analysis.data.company;
    let mut notes = Notes {
        analysis,
        by_fact: BTreeMap::new(),
        footnotes: Vec::new(),
    };
    let prior = period.previous_quarter();
    let year_ago = period.year_ago();
    let headline = headline(analysis, period, &mut notes);
    let key_figures = key_figures(analysis, period, prior, year_ago, &mut notes);
    let mut sections: Vec<SectionView> = SECTIONS
        .iter()
        .map(|(section, title, empty)| {
            section_view(analysis, period, *section, title, empty, &mut notes)
        })
        .collect();
    sections.push(outlook(analysis, period, &mut notes));
    let quality = quality(analysis, period, &mut notes);
    BriefView {
        title: format!("{} ({}: {}): {} brief", escape(&company.name), escape(&company.exchange), escape(&company.ticker), period),
        company: escape(&company.name),
        period: period.to_string(),
        headline,
        key_figures,
        legend: "Unmarked figures are stated, with their source in a footnote; *(d)* derived by qbrief from stated figures; *(i)* implied from a stated change; – not available. Changes of percentages are in percentage points (pp).".into(),
        sections,
        quality,
        footnotes: notes.footnotes,
    }
}

/// A resolved stated value as a cell with its footnote(s).
fn stated_cell(
    analysis: &Analysis<'_>,
    key: MetricKey,
    period: Period,
    notes: &mut Notes<'_>,
) -> Option<String> {
    let r = analysis.resolved.get(&(key, period))?;
    let mut cell = md(&r.fact.value_text);
    if key.change.is_some() {
        cell = change_text_stated(
            analysis,
            key,
            period,
            &r.fact.value_text,
            r.fact.figure.value(),
        );
    }
    cell.push_str(&notes.cite(r.fact));
    if r.conflict {
        cell.push_str(" ⚠ conflict");
    }
    let mismatch = analysis
        .reconciliations
        .iter()
        .find(|c| std::ptr::eq(c.fact, r.fact) && matches!(c.status, Status::Inconsistent { .. }));
    if let Some(d) = mismatch.and_then(|c| c.derived.as_ref()) {
        let derived = if key.change.is_some() {
            change_text(d)
        } else {
            derived_value(d, false)
        };
        cell.push_str(&format!(" ⚠ derived {derived}"));
    }
    Some(cell)
}

fn level_cell(analysis: &Analysis<'_>, id: &str, period: Period, notes: &mut Notes<'_>) -> String {
    if let Some(metric) = qbrief_model::lookup_metric(id) {
        if let Some(c) = stated_cell(analysis, MetricKey::level(metric), period, notes) {
            return c;
        }
    }
    computed_cell(analysis, id, period)
}

/// An implied value, else a derived one, marked as such; `–` for neither.
fn computed_cell(analysis: &Analysis<'_>, id: &str, period: Period) -> String {
    if let Some(d) = analysis.implied.get(&(id.to_string(), period)) {
        return format!("{} *(i)*", derived_value(d, false));
    }
    if let Some(d) = analysis.derived(id, period) {
        return format!("{} *(d)*", derived_value(d, false));
    }
    "–".into()
}

fn change_cell(
    analysis: &Analysis<'_>,
    id: &str,
    change: Change,
    period: Period,
    notes: &mut Notes<'_>,
) -> String {
    if let Some(metric) = qbrief_model::lookup_metric(id) {
        let key = MetricKey {
            metric,
            change: Some(change),
        };
        if let Some(c) = stated_cell(analysis, key, period, notes) {
            return c;
        }
    }
    match analysis.derived(&format!("{id}.{}", change.suffix()), period) {
        Some(d) => format!("{} *(d)*", change_text(d)),
        None => "–".into(),
    }
}

/// A derived or implied value, rounded to what its interval supports.
fn derived_value(d: &Derived, signed: bool) -> String {
    match d.value {
        Some(v) => md(&value(
            v,
            d.unit,
            derived_decimals(&d.interval, d.unit),
            signed,
        )),
        None => "n/m".into(),
    }
}

/// A derived change in words where it is not a plain growth rate.
fn change_text(d: &Derived) -> String {
    let Some(v) = d.value else {
        return "n/m".into();
    };
    let dp = derived_decimals(&d.interval, Unit::Percent);
    if d.flags.contains(&qbrief_calc::Flag::PercentagePoints) {
        return format!(
            "{} pp",
            value(v, Unit::Count, dp.max(0), true).replace("+-", "-")
        );
    }
    let magnitude = value(v.abs(), Unit::Percent, dp, false);
    match d.change {
        Some(ChangeKind::LossNarrowed) => format!("loss narrowed {magnitude}"),
        Some(ChangeKind::LossWidened) => format!("loss widened {magnitude}"),
        Some(ChangeKind::TurnedPositive) => "turned positive".into(),
        Some(ChangeKind::TurnedNegative) => "turned negative".into(),
        Some(ChangeKind::FromZero) | Some(ChangeKind::NotMeaningful) => "n/m".into(),
        _ => value(v, Unit::Percent, dp, true),
    }
}

/// A stated change in words: on a loss (negative current value) a positive
/// rate is a narrowing.
fn change_text_stated(
    analysis: &Analysis<'_>,
    key: MetricKey,
    period: Period,
    text: &str,
    rate: Decimal,
) -> String {
    let current_negative = analysis
        .stated(key.metric.id, period)
        .is_some_and(|r| r.value().is_sign_negative() && !r.value().is_zero());
    if current_negative && key.metric.sign == qbrief_model::SignConvention::Signed {
        let magnitude = text.replace(['+', '-'], "");
        return if rate.is_sign_positive() {
            format!("loss narrowed {}", md(&magnitude))
        } else {
            format!("loss widened {}", md(&magnitude))
        };
    }
    md(text)
}

fn key_figures(
    analysis: &Analysis<'_>,
    period: Period,
    prior: Option<Period>,
    year_ago: Option<Period>,
    notes: &mut Notes<'_>,
) -> Table {
    let prior_label = prior.map_or("Prior quarter".to_string(), |p| p.to_string());
    let year_label = year_ago.map_or("Year ago".to_string(), |p| p.to_string());
    let this = period.to_string();
    let mut table = Table::new(&["Metric", &this, &prior_label, "QoQ", &year_label, "YoY"]);
    for id in KEY_METRICS {
        let Some(metric) = qbrief_model::lookup_metric(id) else {
            continue;
        };
        let current = level_cell(analysis, id, period, notes);
        let prior_cell = prior.map_or("–".into(), |p| level_cell(analysis, id, p, notes));
        let year_cell = year_ago.map_or("–".into(), |p| level_cell(analysis, id, p, notes));
        let qoq = change_cell(analysis, id, Change::Qoq, period, notes);
        let yoy = change_cell(analysis, id, Change::Yoy, period, notes);
        if [&current, &prior_cell, &qoq, &year_cell, &yoy]
            .iter()
            .all(|c| c.as_str() == "–")
        {
            continue;
        }
        table.push(vec![
            metric.label.to_string(),
            current,
            prior_cell,
            qoq,
            year_cell,
            yoy,
        ]);
    }
    table
}

fn section_view(
    analysis: &Analysis<'_>,
    period: Period,
    section: Section,
    title: &str,
    empty: &str,
    notes: &mut Notes<'_>,
) -> SectionView {
    let mut table = Table::new(&["Metric", "Value", "QoQ", "YoY"]);
    // Level series of this period and section: (metric, subject, as_of).
    let mut series: BTreeMap<(usize, String, String), Vec<&Fact>> = BTreeMap::new();
    let order = |id: &str| {
        qbrief_model::all_metrics()
            .iter()
            .position(|m| m.id == id)
            .unwrap_or(usize::MAX)
    };
    for fact in &analysis.data.facts {
        if fact.period != period
            || fact.metric.change.is_some()
            || fact.metric.metric.section != section
        {
            continue;
        }
        let key = (
            order(fact.metric.metric.id),
            fact.subject.clone().unwrap_or_default(),
            fact.as_of.map(|a| a.to_string()).unwrap_or_default(),
        );
        series.entry(key).or_default().push(fact);
    }
    let mut shown: Vec<&str> = Vec::new();
    for ((_, subject, as_of), facts) in &series {
        let metric = facts[0].metric.metric;
        let mut label = metric.label.to_string();
        if !subject.is_empty() {
            label.push_str(&format!(" — {}", escape(subject)));
        }
        if !as_of.is_empty() {
            label.push_str(&if as_of == "unstated" {
                " (during the quarter)".to_string()
            } else {
                format!(" (as of {as_of})")
            });
        }
        let resolved = qbrief_calc::resolve(facts).expect("series is not empty");
        let mut cell = md(&resolved.fact.value_text);
        cell.push_str(&notes.cite(resolved.fact));
        for other in &resolved.statements {
            if !std::ptr::eq(*other, resolved.fact) && other.agrees_with(resolved.fact) {
                cell.push_str(&notes.cite(other));
            }
        }
        if resolved.conflict {
            cell.push_str(" ⚠ conflict, see Data quality");
        }
        let (qoq, yoy) = if subject.is_empty() && as_of.is_empty() {
            shown.push(metric.id);
            (
                change_cell(analysis, metric.id, Change::Qoq, period, notes),
                change_cell(analysis, metric.id, Change::Yoy, period, notes),
            )
        } else {
            ("–".into(), "–".into())
        };
        table.push(vec![label, cell, qoq, yoy]);
    }
    for (s, id) in DERIVED_ROWS {
        if *s != section || shown.contains(id) {
            continue;
        }
        if let Some(d) = analysis.derived(id, period) {
            let cell = format!("{} *(d)*", derived_value(d, false));
            let qoq = analysis
                .derived(&format!("{id}.qoq"), period)
                .map_or("–".into(), |c| format!("{} *(d)*", change_text(c)));
            let yoy = analysis
                .derived(&format!("{id}.yoy"), period)
                .map_or("–".into(), |c| format!("{} *(d)*", change_text(c)));
            table.push(vec![
                format!("{} = {}", escape(&d.label), escape(&d.formula)),
                cell,
                qoq,
                yoy,
            ]);
        }
    }
    SectionView {
        title: title.into(),
        table,
        empty: empty.into(),
    }
}

fn outlook(analysis: &Analysis<'_>, period: Period, notes: &mut Notes<'_>) -> SectionView {
    let mut table = Table::new(&["Metric", "For", "Value"]);
    let mut facts: Vec<&Fact> = analysis
        .data
        .facts
        .iter()
        .filter(|f| f.metric.metric.section == Section::Outlook && f.metric.change.is_none())
        .filter(|f| {
            let said_now = analysis
                .data
                .document(&f.source)
                .is_some_and(|d| d.period == period);
            f.period == period || (said_now && f.period > period)
        })
        .collect();
    facts.sort_by(|a, b| {
        (a.period, a.metric.metric.id, &a.subject, &a.location).cmp(&(
            b.period,
            b.metric.metric.id,
            &b.subject,
            &b.location,
        ))
    });
    let mut groups: Vec<Vec<&Fact>> = Vec::new();
    for f in facts {
        match groups.last_mut() {
            Some(g)
                if g[0].period == f.period
                    && g[0].metric == f.metric
                    && g[0].subject == f.subject =>
            {
                g.push(f)
            }
            _ => groups.push(vec![f]),
        }
    }
    for group in groups {
        let f = group[0];
        let mut label = f.metric.metric.label.to_string();
        if let Some(s) = &f.subject {
            label.push_str(&format!(" — {}", escape(s)));
        }
        let resolved = qbrief_calc::resolve(&group).expect("group is not empty");
        let mut cell = md(&resolved.fact.value_text);
        for g in &resolved.statements {
            cell.push_str(&notes.cite(g));
        }
        if resolved.conflict {
            cell.push_str(" ⚠ statements differ");
        }
        table.push(vec![label, f.period.to_string(), cell]);
    }
    SectionView {
        title: "Outlook".into(),
        table,
        empty: "No guidance, targets or roadmap figures were stated for or in this quarter.".into(),
    }
}

fn quality(analysis: &Analysis<'_>, period: Period, notes: &mut Notes<'_>) -> Vec<SectionView> {
    // Conflicts: every series of this period whose statements disagree.
    let mut conflicts = Table::left_aligned(&["Metric", "Statements", "Used", "Rule"]);
    for conflict in analysis
        .data
        .conflicts()
        .into_iter()
        .filter(|c| c.period == period)
    {
        let statements: Vec<String> = conflict
            .statements
            .iter()
            .map(|f| {
                format!(
                    "{} by {} ({}){}",
                    md(&f.value_text),
                    escape(&f.speaker.name),
                    escape(&f.speaker.role),
                    notes.cite(f)
                )
            })
            .collect();
        let resolved = qbrief_calc::resolve(&conflict.statements).expect("conflict has statements");
        let mut label = conflict.metric.to_string();
        if let Some(s) = conflict.subject {
            label.push_str(&format!(" — {}", escape(s)));
        }
        conflicts.push(vec![
            escape(&label),
            statements.join("; "),
            md(&resolved.fact.value_text),
            resolved.rule.phrase().to_string(),
        ]);
    }
    // Stated against derived.
    let mut checks = Table::left_aligned(&["Stated", "Derived", "Outcome"]);
    for r in analysis
        .reconciliations
        .iter()
        .filter(|r| r.fact.period == period)
    {
        let stated = format!(
            "{} {} {}{}",
            escape(&r.fact.metric.id()),
            md(&r.fact.value_text),
            escape(&r.fact.speaker.name),
            notes.cite(r.fact)
        );
        let derived = r.derived.as_ref().map_or("–".to_string(), |d| {
            let shown = if r.fact.metric.change.is_some() {
                change_text(d)
            } else {
                derived_value(d, false)
            };
            format!("{} = {}", shown, escape(&d.formula))
        });
        let outcome = match &r.status {
            Status::Consistent => "consistent".to_string(),
            Status::Inconsistent { gap } => {
                format!("**inconsistent** (gap {})", gap.round_dp(2).normalize())
            }
            Status::Uncheckable { reason } => format!("uncheckable: {}", escape(reason)),
        };
        checks.push(vec![stated, derived, outcome]);
    }
    // Implied figures used by this brief: this quarter, the prior quarter and a year ago.
    let mut implied = Table::left_aligned(&["Figure", "Value", "Interval", "How"]);
    let near: Vec<Period> = [Some(period), period.previous_quarter(), period.year_ago()]
        .into_iter()
        .flatten()
        .collect();
    for d in analysis
        .implied
        .values()
        .filter(|d| near.contains(&d.period))
    {
        let interval = interval_text(d);
        let how: Vec<String> = d.inputs.iter().map(|i| escape(&i.describe())).collect();
        implied.push(vec![
            format!("{} {}", escape(&d.metric), d.period),
            derived_value(d, false),
            interval,
            format!("{} from {}", escape(&d.formula), how.join("; ")),
        ]);
    }
    // Transcription notes: statements of this period read differently from how they were written.
    let mut transcription = Table::left_aligned(&["Metric", "As written", "Read as", "Why"]);
    for f in analysis
        .data
        .facts
        .iter()
        .filter(|f| f.period == period && f.as_written.is_some())
    {
        transcription.push(vec![
            escape(&f.metric.id()),
            format!(
                "“{}”{}",
                escape(f.as_written.as_deref().unwrap_or_default()),
                notes.cite(f)
            ),
            md(&f.value_text),
            escape(f.note.as_deref().unwrap_or_default()),
        ]);
    }
    vec![
        SectionView {
            title: "Conflicting statements".into(),
            table: conflicts,
            empty: "No statements of this quarter conflict.".into(),
        },
        SectionView {
            title: "Stated against derived".into(),
            table: checks,
            empty: "No stated figure of this quarter can be recomputed from others.".into(),
        },
        SectionView {
            title: "Implied figures".into(),
            table: implied,
            empty: "No figure of this brief is implied.".into(),
        },
        SectionView {
            title: "Transcription notes".into(),
            table: transcription,
            empty: "No figure of this quarter needed a reading different from the transcript."
                .into(),
        },
    ]
}

fn interval_text(d: &Derived) -> String {
    let dp = derived_decimals(&d.interval, d.unit);
    match (d.interval.low, d.interval.high) {
        (Some(l), Some(h)) => format!(
            "{} to {}",
            md(&value(l, d.unit, dp, false)),
            md(&value(h, d.unit, dp, false))
        ),
        _ => "unbounded".into(),
    }
}

fn headline(analysis: &Analysis<'_>, period: Period, notes: &mut Notes<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let revenue = analysis.stated("revenue", period);
    match (
        revenue,
        analysis.derived("revenue_vs_guidance", period),
        analysis.derived("revenue_vs_guidance_pct", period),
    ) {
        (Some(r), Some(diff), Some(pct)) => {
            let verdict = if diff.flags.contains(&qbrief_calc::Flag::Beat) {
                "beat"
            } else if diff.flags.contains(&qbrief_calc::Flag::Miss) {
                "missed"
            } else {
                "was in line with"
            };
            let guidance = analysis
                .stated("revenue_guidance", period)
                .map(|g| md(&g.fact.value_text) + &notes.cite(g.fact))
                .unwrap_or_default();
            let by = match verdict {
                "was in line with" => String::new(),
                _ => format!(
                    " by {} ({})",
                    derived_value(diff, false).trim_start_matches('-'),
                    change_text(pct).trim_start_matches(['+', '-'])
                ),
            };
            out.push(format!(
                "Revenue of {}{} {verdict} guidance of {guidance}{by}.",
                md(&r.fact.value_text),
                notes.cite(r.fact)
            ));
        }
        (Some(r), _, _) => out.push(format!(
            "Revenue was {}{}; no guidance for the quarter is on record.",
            md(&r.fact.value_text),
            notes.cite(r.fact)
        )),
        _ => {}
    }
    let moves = |suffix: &str| -> Option<(String, Decimal)> {
        KEY_METRICS
            .iter()
            .filter_map(|id| {
                let d = analysis.derived(&format!("{id}.{suffix}"), period)?;
                let v = d.value?;
                if d.flags.contains(&qbrief_calc::Flag::PercentagePoints) {
                    return None;
                }
                let label = qbrief_model::lookup_metric(id)?.label.to_lowercase();
                Some((format!("{label} {}", change_text(d)), v.abs()))
            })
            .max_by(|a, b| a.1.cmp(&b.1))
    };
    let mut parts = Vec::new();
    if let Some((text, _)) = moves("qoq") {
        parts.push(format!("{text} quarter on quarter"));
    }
    if let Some((text, _)) = moves("yoy") {
        parts.push(format!("{text} year on year"));
    }
    if !parts.is_empty() {
        out.push(format!(
            "Largest moves among the key figures (derived from stated values): {}.",
            parts.join("; ")
        ));
    }
    if let Some(next) = period.next_quarter() {
        if let Some(g) = analysis.stated("revenue_guidance", next) {
            out.push(format!(
                "Guidance for {next}: revenue of {}{}.",
                md(&g.fact.value_text),
                notes.cite(g.fact)
            ));
        }
    }
    if out.is_empty() {
        out.push(format!(
            "No revenue or guidance was stated for {period}; the tables below list what was."
        ));
    }
    out
}

/// The company page: briefs, trend table and chart series.
#[derive(Debug, Clone, Serialize)]
pub struct CompanyView {
    /// Page title.
    pub title: String,
    /// Company name, escaped.
    pub company: String,
    /// Ticker.
    pub ticker: String,
    /// Links to the briefs: (period, file name).
    pub briefs: Vec<(String, String)>,
    /// Trend table of core metrics by quarter.
    pub trend: Table,
    /// Charts.
    pub charts: Vec<Chart>,
    /// The legend line.
    pub legend: String,
}

/// One Mermaid `xychart-beta` chart.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Chart title.
    pub title: String,
    /// The y axis label.
    pub y_label: String,
    /// x-axis labels, quoted.
    pub x: Vec<String>,
    /// y values as plain numbers.
    pub y: Vec<String>,
    /// Which points are implied.
    pub implied: Vec<String>,
}

/// Metrics of the trend table and their chart scales: (id, divisor, chart label).
const TREND: &[&str] = &[
    "revenue",
    "product_revenue",
    "mining_revenue",
    "hashrate_sold",
    "asp",
    "btc_mined",
    "btc_held",
    "cash",
    "operating_income",
    "net_income",
];
const CHARTS: &[(&str, &str, u32, &str)] = &[
    ("revenue", "Revenue", 6, "USD millions"),
    ("asp", "Average selling price", 0, "USD per TH/s"),
    ("hashrate_sold", "Computing power sold", 6, "EH/s"),
    ("btc_held", "Bitcoin held", 0, "BTC"),
];

/// Builds the company page from the quarters that have briefs.
pub fn company(analysis: &Analysis<'_>, quarters: &[Period], file_ext: &str) -> CompanyView {
    let c = &analysis.data.company;
    let mut columns = vec!["Quarter".to_string()];
    columns.extend(
        TREND.iter().map(|id| {
            qbrief_model::lookup_metric(id).map_or(id.to_string(), |m| m.label.to_string())
        }),
    );
    let column_refs: Vec<&str> = columns.iter().map(String::as_str).collect();
    let mut trend = Table::new(&column_refs);
    for q in quarters {
        let mut row = vec![format!("[{q}]({q}.{file_ext})")];
        let mut any = false;
        for id in TREND {
            let cell = trend_cell(analysis, id, *q);
            any |= cell != "–";
            row.push(cell);
        }
        if any {
            trend.push(row);
        }
    }
    let charts = CHARTS
        .iter()
        .filter_map(|(id, title, exp, y_label)| chart(analysis, quarters, id, title, *exp, y_label))
        .collect();
    CompanyView {
        title: format!("{} ({}: {})", escape(&c.name), escape(&c.exchange), escape(&c.ticker)),
        company: escape(&c.name),
        ticker: escape(&c.ticker),
        briefs: quarters.iter().rev().map(|q| (q.to_string(), format!("{q}.{file_ext}"))).collect(),
        trend,
        charts,
        legend: "Values are as stated (the resolved statement when several were made); *(d)* derived; *(i)* implied from a stated change; – not available. Each quarter's brief gives the sources.".into(),
    }
}

fn trend_cell(analysis: &Analysis<'_>, id: &str, period: Period) -> String {
    // Uniform units down a column, at each statement's own precision.
    match analysis.stated(id, period) {
        Some(r) => md(&crate::format::figure(&r.fact.figure)),
        None => computed_cell(analysis, id, period),
    }
}

fn chart(
    analysis: &Analysis<'_>,
    quarters: &[Period],
    id: &str,
    title: &str,
    exp: u32,
    y_label: &str,
) -> Option<Chart> {
    let divisor = Decimal::from_i128_with_scale(10i128.pow(exp), 0);
    let mut x = Vec::new();
    let mut y = Vec::new();
    let mut implied = Vec::new();
    for q in quarters {
        let (v, is_implied) = match analysis.stated(id, *q) {
            Some(r) => (r.value(), false),
            None => match analysis
                .implied
                .get(&(id.to_string(), *q))
                .and_then(|d| d.value)
            {
                Some(v) => (v, true),
                None => continue,
            },
        };
        x.push(format!("\"{q}\""));
        y.push((v / divisor).round_dp(2).normalize().to_string());
        if is_implied {
            implied.push(q.to_string());
        }
    }
    (x.len() >= 2).then(|| Chart {
        title: title.into(),
        y_label: y_label.into(),
        x,
        y,
        implied,
    })
}
