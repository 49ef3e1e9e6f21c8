//! The metric registry: every metric a fact may name, with its dimension,
//! whether it is a flow or a balance, and its sign convention.

use std::fmt;

use crate::quantity::Dimension;

/// Whether a metric accumulates over a period or is measured at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Accumulates over the period (revenue, bitcoin mined); quarters sum to halves and years.
    Flow,
    /// Measured at the period's end (cash, bitcoin held).
    Balance,
}

/// The sign convention of a metric, as in XBRL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignConvention {
    /// Never negative: revenue, expenses (stated as positive amounts), counts, holdings.
    NonNegative,
    /// An income-type metric: a loss is a negative value.
    Signed,
}

/// Where a metric belongs in a quarter brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Computing power sold, ASP, product revenue, mix, orders, products.
    MachineSales,
    /// Bitcoin mined, mining revenue, hash rate installed.
    SelfMining,
    /// Revenue, gross profit, expenses, income.
    ProfitAndLoss,
    /// Cash, receivables, advances, holdings, cash flows.
    BalanceSheet,
    /// Guidance, targets, roadmap.
    Outlook,
}

/// One metric of the registry.
#[derive(Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Metric {
    /// The snake_case id used in data files.
    pub id: &'static str,
    /// A short label for briefs.
    pub label: &'static str,
    /// The dimension every value of this metric has.
    pub dimension: Dimension,
    /// Flow or balance.
    pub kind: MetricKind,
    /// Sign convention.
    pub sign: SignConvention,
    /// The brief section it belongs to.
    pub section: Section,
}

/// A stated change of a metric between two periods, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Against the previous quarter.
    Qoq,
    /// Against the same period a year earlier.
    Yoy,
}

impl Change {
    /// The id suffix, `qoq` or `yoy`.
    pub fn suffix(&self) -> &'static str {
        match self {
            Change::Qoq => "qoq",
            Change::Yoy => "yoy",
        }
    }
}

/// What a fact is about: a metric, or a stated change of one (`revenue.yoy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MetricKey {
    /// The metric.
    pub metric: &'static Metric,
    /// `Some` for a stated change, which is always in percent.
    pub change: Option<Change>,
}

impl MetricKey {
    /// The key of a level (no change).
    pub fn level(metric: &'static Metric) -> MetricKey {
        MetricKey {
            metric,
            change: None,
        }
    }

    /// The dimension of values of this key: percent for a change.
    pub fn dimension(&self) -> Dimension {
        match self.change {
            Some(_) => Dimension::Percent,
            None => self.metric.dimension,
        }
    }

    /// Sign convention of values of this key: a change may be negative.
    pub fn sign(&self) -> SignConvention {
        match self.change {
            Some(_) => SignConvention::Signed,
            None => self.metric.sign,
        }
    }

    /// The id as written in data files.
    pub fn id(&self) -> String {
        self.to_string()
    }

    /// Parses `revenue` or `revenue.yoy`; `Err` carries a did-you-mean suggestion.
    pub fn parse(id: &str) -> Result<MetricKey, Option<String>> {
        let (base, change) = match id.rsplit_once('.') {
            Some((base, "qoq")) => (base, Some(Change::Qoq)),
            Some((base, "yoy")) => (base, Some(Change::Yoy)),
            Some((base, other)) => {
                let suggestion = closest(other, &["qoq", "yoy"]).map(|s| format!("{base}.{s}"));
                return Err(suggestion);
            }
            None => (id, None),
        };
        match lookup(base) {
            Some(metric) => Ok(MetricKey { metric, change }),
            None => {
                let ids: Vec<&str> = METRICS.iter().map(|m| m.id).collect();
                let suggestion = closest(base, &ids).map(|s| match change {
                    Some(c) => format!("{s}.{}", c.suffix()),
                    None => s.to_string(),
                });
                Err(suggestion)
            }
        }
    }
}

impl fmt::Display for MetricKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.change {
            Some(c) => write!(f, "{}.{}", self.metric.id, c.suffix()),
            None => f.write_str(self.metric.id),
        }
    }
}

impl PartialOrd for MetricKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MetricKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.metric.id, self.change).cmp(&(other.metric.id, other.change))
    }
}

/// The closest candidate by edit distance, if close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

/// Looks a metric up by id.
///
/// ```
/// use qbrief_model::{lookup_metric, Dimension};
/// assert_eq!(lookup_metric("revenue").unwrap().dimension, Dimension::Money);
/// assert!(lookup_metric("revenu").is_none());
/// ```
pub fn lookup(id: &str) -> Option<&'static Metric> {
    METRICS.iter().find(|m| m.id == id)
}

/// Every metric of the registry, in registry order.
pub fn all() -> &'static [Metric] {
    METRICS
}

/// Metrics stated per product, customer or project: every fact of these
/// names its `subject` ("A15 Pro", "CleanSpark order"), and statements
/// about different subjects never conflict.
pub const PER_SUBJECT_METRICS: &[&str] = &[
    "product_efficiency",
    "product_hashrate",
    "product_efficiency_target",
    "product_hashrate_target",
    "product_efficiency_improvement",
    "order_units",
    "order_hashrate",
    "joint_mining_hashrate",
    "joint_mining_units",
    "joint_mining_power",
    "machines_sold_customer",
];

impl Metric {
    /// Whether facts of this metric must name a subject.
    pub fn per_subject(&self) -> bool {
        PER_SUBJECT_METRICS.contains(&self.id)
    }
}

/// The ids every dataset is expected to cover (the core of the registry).
pub const CORE_METRICS: &[&str] = &[
    "revenue",
    "revenue_guidance",
    "product_revenue",
    "mining_revenue",
    "gross_profit",
    "inventory_writedowns",
    "operating_expenses",
    "rd_expense",
    "sm_expense",
    "ga_expense",
    "operating_income",
    "net_income",
    "adjusted_ebitda",
    "cash",
    "accounts_receivable",
    "customer_advances",
    "hashrate_sold",
    "asp",
    "btc_mined",
    "btc_held",
    "installed_hashrate",
    "mining_gross_margin",
    "revenue_per_btc",
    "crypto_fair_value_change",
    "btc_price_quarter_end",
    "machines_sold",
];

use Dimension as D;
use MetricKind::{Balance, Flow};
use Section as S;
use SignConvention::{NonNegative as Pos, Signed};

const fn m(
    id: &'static str,
    label: &'static str,
    dimension: Dimension,
    kind: MetricKind,
    sign: SignConvention,
    section: Section,
) -> Metric {
    Metric {
        id,
        label,
        dimension,
        kind,
        sign,
        section,
    }
}

#[rustfmt::skip]
static METRICS: &[Metric] = &[
    // Core metrics.
    m("revenue", "Revenue", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("revenue_guidance", "Revenue guidance", D::Money, Flow, Pos, S::Outlook),
    m("product_revenue", "Product revenue (machine sales)", D::Money, Flow, Pos, S::MachineSales),
    m("mining_revenue", "Mining revenue", D::Money, Flow, Pos, S::SelfMining),
    m("gross_profit", "Gross profit", D::Money, Flow, Signed, S::ProfitAndLoss),
    m("inventory_writedowns", "Inventory write-downs", D::Money, Flow, Pos, S::MachineSales),
    m("operating_expenses", "Operating expenses", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("rd_expense", "R&D expenses", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("sm_expense", "Sales and marketing expenses", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("ga_expense", "General and administrative expenses", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("operating_income", "Operating income", D::Money, Flow, Signed, S::ProfitAndLoss),
    m("net_income", "Net income", D::Money, Flow, Signed, S::ProfitAndLoss),
    m("adjusted_ebitda", "Adjusted EBITDA", D::Money, Flow, Signed, S::ProfitAndLoss),
    m("cash", "Cash", D::Money, Balance, Pos, S::BalanceSheet),
    m("accounts_receivable", "Accounts receivable", D::Money, Balance, Pos, S::BalanceSheet),
    m("customer_advances", "Customer advances", D::Money, Balance, Pos, S::BalanceSheet),
    m("hashrate_sold", "Computing power sold", D::HashRate, Flow, Pos, S::MachineSales),
    m("asp", "Average selling price", D::HashPrice, Flow, Pos, S::MachineSales),
    m("btc_mined", "Bitcoin mined", D::Bitcoin, Flow, Pos, S::SelfMining),
    m("btc_held", "Bitcoin held", D::Bitcoin, Balance, Pos, S::BalanceSheet),
    m("installed_hashrate", "Installed hash rate (self-mining)", D::HashRate, Balance, Pos, S::SelfMining),
    m("mining_gross_margin", "Mining gross margin", D::Percent, Flow, Signed, S::SelfMining),
    m("revenue_per_btc", "Revenue per bitcoin mined", D::Money, Flow, Pos, S::SelfMining),
    m("crypto_fair_value_change", "Change in fair value of crypto assets", D::Money, Flow, Signed, S::ProfitAndLoss),
    m("btc_price_quarter_end", "Bitcoin price at period end", D::Money, Balance, Pos, S::BalanceSheet),
    m("machines_sold", "Mining machines sold", D::Count, Flow, Pos, S::MachineSales),
    // Profit and loss, further.
    m("other_revenue", "Other revenue", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("cost_of_revenue", "Cost of revenue", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("gross_margin", "Gross margin", D::Percent, Flow, Signed, S::ProfitAndLoss),
    m("impairment", "Impairment of mining machines", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("impairment_kazakhstan", "Impairment, Kazakhstan machines", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("impairment_us", "Impairment, US machines", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("staff_costs", "Staff costs", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("operating_expenses_ex_impairment", "Operating expenses excluding impairment", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("convertible_liability_fair_value_charge", "Preferred-share financing fair-value charge", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("noncash_charges", "Non-cash charges", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("net_income_per_ads", "Net income per ADS", D::Money, Flow, Signed, S::ProfitAndLoss),
    m("ai_product_revenue", "AI product revenue", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("mining_solutions_revenue", "Mining solutions revenue", D::Money, Flow, Pos, S::ProfitAndLoss),
    m("revenue_north_america", "Revenue from North America", D::Money, Flow, Pos, S::MachineSales),
    m("revenue_middle_east", "Revenue from the Middle East", D::Money, Flow, Pos, S::MachineSales),
    // Machine sales.
    m("product_gross_profit_ex_writedowns", "Machine-sales gross profit excluding write-downs", D::Money, Flow, Signed, S::MachineSales),
    m("product_gross_margin_ex_writedowns", "Machine-sales gross margin excluding write-downs", D::Percent, Flow, Signed, S::MachineSales),
    m("writedowns_and_provisions", "Write-downs and provisions", D::Money, Flow, Pos, S::MachineSales),
    m("one_off_wafer_writedown_provision", "One-off wafer write-down and provision", D::Money, Flow, Pos, S::MachineSales),
    m("product_revenue_distributors", "Product revenue through distributors", D::Money, Flow, Pos, S::MachineSales),
    m("product_revenue_share_north_america", "Share of machine sales: North America", D::Percent, Flow, Pos, S::MachineSales),
    m("product_revenue_share_middle_east", "Share of machine sales: Middle East", D::Percent, Flow, Pos, S::MachineSales),
    m("product_revenue_share_a14", "Share of machine sales: A14 series", D::Percent, Flow, Pos, S::MachineSales),
    m("hashrate_sold_asia_africa", "Computing power sold to Asia and Africa", D::HashRate, Flow, Pos, S::MachineSales),
    m("machines_sold_a15", "A15 machines sold", D::Count, Flow, Pos, S::MachineSales),
    m("machines_sold_middle_east", "Machines sold to the Middle East", D::Count, Flow, Pos, S::MachineSales),
    m("machines_sold_customer", "Machines sold to one customer", D::Count, Flow, Pos, S::MachineSales),
    m("order_units", "Order size (units)", D::Count, Flow, Pos, S::MachineSales),
    m("order_hashrate", "Order size (computing power)", D::HashRate, Flow, Pos, S::MachineSales),
    m("sales_contract_value", "Value of sales contracts", D::Money, Flow, Pos, S::MachineSales),
    m("sales_contract_prepayments", "Prepayments on sales contracts", D::Money, Flow, Pos, S::MachineSales),
    m("machine_spot_price", "Machine spot price", D::HashPrice, Flow, Pos, S::MachineSales),
    m("futures_price_ratio", "Futures price as share of spot price", D::Percent, Flow, Pos, S::MachineSales),
    m("inventory_share_a13", "A13 share of inventory value", D::Percent, Balance, Pos, S::MachineSales),
    m("nano3_revenue", "Avalon Nano 3 revenue", D::Money, Flow, Pos, S::MachineSales),
    m("nano3_units_sold", "Avalon Nano 3 units sold", D::Count, Flow, Pos, S::MachineSales),
    m("nano3_units_shipped_cumulative", "Avalon Nano 3 units shipped, cumulative", D::Count, Balance, Pos, S::MachineSales),
    m("nano3_orders", "Avalon Nano 3 units ordered, cumulative", D::Count, Balance, Pos, S::MachineSales),
    m("nano3_orders_value", "Avalon Nano 3 order value, cumulative", D::Money, Balance, Pos, S::MachineSales),
    m("nano3_countries", "Countries and regions reached by Nano 3", D::Count, Balance, Pos, S::MachineSales),
    m("online_store_registered_users", "Online store registered users", D::Count, Balance, Pos, S::MachineSales),
    m("online_store_orders_share_north_america", "Online store orders from North America", D::Percent, Flow, Pos, S::MachineSales),
    m("ai_chips_shipped", "AI chips shipped", D::Count, Flow, Pos, S::MachineSales),
    m("ai_chip_demand_confirmed", "AI chip demand confirmed", D::Count, Flow, Pos, S::Outlook),
    m("product_efficiency", "Product power efficiency", D::Efficiency, Balance, Pos, S::MachineSales),
    m("product_hashrate", "Product hash rate per unit", D::HashRate, Balance, Pos, S::MachineSales),
    m("product_efficiency_improvement", "Product efficiency improvement", D::Percent, Balance, Signed, S::MachineSales),
    // Self-mining.
    m("mining_profit_btc", "Mining profit in bitcoin", D::Bitcoin, Flow, Signed, S::SelfMining),
    m("mining_profit_margin", "Mining profit margin", D::Percent, Flow, Signed, S::SelfMining),
    m("mining_revenue_share", "Mining share of revenue", D::Percent, Flow, Pos, S::SelfMining),
    m("installed_hashrate_africa", "Installed hash rate in Africa", D::HashRate, Balance, Pos, S::SelfMining),
    m("installed_hashrate_north_america", "Installed hash rate in North America", D::HashRate, Balance, Pos, S::SelfMining),
    m("installed_hashrate_added", "Hash rate installed in the period", D::HashRate, Flow, Pos, S::SelfMining),
    m("deployed_hashrate", "Deployed hash rate (self-mining)", D::HashRate, Balance, Pos, S::SelfMining),
    m("hashrate_offline", "Hash rate offline", D::HashRate, Balance, Pos, S::SelfMining),
    m("hashrate_offline_kazakhstan", "Hash rate offline in Kazakhstan", D::HashRate, Balance, Pos, S::SelfMining),
    m("hashrate_offline_us", "Hash rate offline in the US", D::HashRate, Balance, Pos, S::SelfMining),
    m("hashrate_offline_share", "Share of hash rate offline", D::Percent, Flow, Pos, S::SelfMining),
    m("machines_offline_us", "Machines offline in the US", D::Count, Balance, Pos, S::SelfMining),
    m("joint_mining_hashrate", "Joint mining project hash rate", D::HashRate, Balance, Pos, S::SelfMining),
    m("joint_mining_units", "Joint mining project machines", D::Count, Balance, Pos, S::SelfMining),
    m("joint_mining_power", "Joint mining project power", D::Power, Balance, Pos, S::SelfMining),
    m("electricity_cost", "Electricity cost", D::EnergyPrice, Flow, Pos, S::SelfMining),
    m("self_mining_hashrate_planned", "Self-mining hash rate planned", D::HashRate, Balance, Pos, S::Outlook),
    m("self_mining_capacity_share_target", "Production capacity for self-mining", D::Percent, Flow, Pos, S::Outlook),
    // Balance sheet, holdings and cash flows.
    m("inventory", "Inventory", D::Money, Balance, Pos, S::BalanceSheet),
    m("accounts_receivable_change_ytd", "Accounts receivable change since year end", D::Percent, Balance, Signed, S::BalanceSheet),
    m("btc_held_change", "Change in bitcoin held", D::Bitcoin, Flow, Signed, S::BalanceSheet),
    m("btc_held_value", "Value of bitcoin held", D::Money, Balance, Pos, S::BalanceSheet),
    m("btc_held_unrealized_gain", "Unrealised gain on bitcoin held", D::Money, Balance, Signed, S::BalanceSheet),
    m("btc_pledged", "Bitcoin pledged", D::Bitcoin, Balance, Pos, S::BalanceSheet),
    m("btc_pledged_added", "Bitcoin newly pledged", D::Bitcoin, Flow, Pos, S::BalanceSheet),
    m("btc_lent_fixed_term", "Bitcoin in fixed-term products", D::Bitcoin, Flow, Pos, S::BalanceSheet),
    m("btc_customer_deposits", "Bitcoin held as customer deposits", D::Bitcoin, Balance, Pos, S::BalanceSheet),
    m("secured_loans_carrying_value", "Secured loans, carrying value", D::Money, Balance, Pos, S::BalanceSheet),
    m("cash_change", "Change in cash", D::Money, Flow, Signed, S::BalanceSheet),
    m("cash_inflow_sales", "Cash inflow from sales", D::Money, Flow, Pos, S::BalanceSheet),
    m("cash_inflow_sales_and_vat_refunds", "Cash inflow from sales and VAT refunds", D::Money, Flow, Pos, S::BalanceSheet),
    m("cash_inflow_vat_refunds", "Cash inflow from VAT refunds", D::Money, Flow, Pos, S::BalanceSheet),
    m("cash_inflow_secured_loans", "Cash inflow from secured loans", D::Money, Flow, Pos, S::BalanceSheet),
    m("cash_outflow_operations", "Cash outflow for operations", D::Money, Flow, Pos, S::BalanceSheet),
    m("cash_outflow_production_operations", "Cash outflow for production and operations", D::Money, Flow, Pos, S::BalanceSheet),
    m("cash_outflow_production", "Cash outflow for production", D::Money, Flow, Pos, S::BalanceSheet),
    m("cash_outflow_tax", "Cash outflow for taxes", D::Money, Flow, Pos, S::BalanceSheet),
    m("cash_outflow_total", "Total cash outflow", D::Money, Flow, Pos, S::BalanceSheet),
    m("wafer_supply_payment", "Payment to secure wafer supply", D::Money, Flow, Pos, S::BalanceSheet),
    m("preferred_financing_proceeds", "Preferred-share financing received", D::Money, Flow, Pos, S::BalanceSheet),
    m("preferred_financing_agreement", "Preferred-share financing agreed", D::Money, Flow, Pos, S::BalanceSheet),
    m("share_price", "Share price", D::Money, Balance, Pos, S::BalanceSheet),
    // Outlook.
    m("revenue_guidance_beat", "Revenue above guidance (stated)", D::Money, Flow, Signed, S::Outlook),
    m("installed_hashrate_target", "Installed hash rate target", D::HashRate, Balance, Pos, S::Outlook),
    m("installed_hashrate_north_america_target", "North America hash rate target", D::HashRate, Balance, Pos, S::Outlook),
    m("power_capacity_target", "Power capacity target", D::Power, Balance, Pos, S::Outlook),
    m("product_efficiency_target", "Product efficiency target", D::Efficiency, Balance, Pos, S::Outlook),
    m("product_hashrate_target", "Product hash rate target", D::HashRate, Balance, Pos, S::Outlook),
    m("new_miner_models_per_year", "New miner models per year", D::Count, Flow, Pos, S::Outlook),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for metric in all() {
            assert!(seen.insert(metric.id), "duplicate {}", metric.id);
            assert!(
                metric
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                metric.id
            );
        }
        for id in PER_SUBJECT_METRICS {
            assert!(lookup(id).is_some(), "per-subject metric {id} missing");
        }
        for id in CORE_METRICS {
            assert!(lookup(id).is_some(), "core metric {id} missing");
        }
    }

    #[test]
    fn parse_keys_and_suggestions() {
        assert_eq!(
            MetricKey::parse("revenue.yoy").unwrap().to_string(),
            "revenue.yoy"
        );
        assert_eq!(
            MetricKey::parse("revenue.yoy").unwrap().dimension(),
            Dimension::Percent
        );
        assert_eq!(MetricKey::parse("revenu"), Err(Some("revenue".into())));
        assert_eq!(
            MetricKey::parse("revenu.qoq"),
            Err(Some("revenue.qoq".into()))
        );
        assert_eq!(
            MetricKey::parse("revenue.yoyy"),
            Err(Some("revenue.yoy".into()))
        );
        assert_eq!(MetricKey::parse("zzzzzzzz"), Err(None));
    }
}
