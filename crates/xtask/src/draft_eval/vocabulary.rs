//! The evaluator's own reading of metric names in summary lines: which
//! family a phrase names, which flavour words change it, and which metric
//! ids of the built-in taxonomies state it. Kept apart from the drafter's
//! synonyms on purpose: the evaluator must not grade the drafter with the
//! drafter's own vocabulary.

/// A metric family a summary line can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Revenue,
    Eps,
    NetIncome,
    Ffo,
    Affo,
    Ebitda,
    EbitdaMargin,
    OperatingIncome,
    OperatingMargin,
    GrossMargin,
    GrossProfit,
    OperatingCashFlow,
    FreeCashFlow,
    Capex,
    Dividend,
    Repurchases,
    NetInterestIncome,
    NetInterestMargin,
    Provision,
    ChargeOffs,
    Cet1,
    EfficiencyRatio,
    BookValuePerShare,
    TangibleBookValuePerShare,
    CombinedRatio,
    CatastropheLosses,
    NetPremiumsWritten,
    SamePropertyNoi,
    Occupancy,
    Backlog,
    Bookings,
    Liquidity,
    Cash,
}

/// A flavour word group: GAAP unless a summary says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Flavour {
    Gaap,
    Adjusted,
    Core,
    Organic,
    ConstantCurrency,
    Comparable,
}

/// Phrases naming a family; where several match at one word, the longest wins.
pub const PHRASES: &[(&str, Family)] = &[
    (
        "tangible book value per share",
        Family::TangibleBookValuePerShare,
    ),
    ("book value per share", Family::BookValuePerShare),
    ("adjusted funds from operations", Family::Affo),
    ("funds from operations", Family::Ffo),
    ("affo", Family::Affo),
    ("ffo", Family::Ffo),
    ("earnings per diluted share", Family::Eps),
    ("diluted earnings per share", Family::Eps),
    ("net income per diluted share", Family::Eps),
    ("net income per share", Family::Eps),
    ("income per diluted share", Family::Eps),
    ("income per share", Family::Eps),
    ("earnings per share", Family::Eps),
    ("loss per share", Family::Eps),
    ("diluted eps", Family::Eps),
    ("eps", Family::Eps),
    ("net interest income", Family::NetInterestIncome),
    ("net interest margin", Family::NetInterestMargin),
    ("net income", Family::NetIncome),
    ("net earnings", Family::NetIncome),
    ("net loss", Family::NetIncome),
    ("net profit", Family::NetIncome),
    ("operating earnings", Family::NetIncome),
    ("income from continuing operations", Family::NetIncome),
    ("earnings from continuing operations", Family::NetIncome),
    ("earnings", Family::NetIncome),
    ("ebitda margin", Family::EbitdaMargin),
    ("ebitda", Family::Ebitda),
    ("operating margin", Family::OperatingMargin),
    ("operating income", Family::OperatingIncome),
    ("operating profit", Family::OperatingIncome),
    ("operating loss", Family::OperatingIncome),
    ("gross margin", Family::GrossMargin),
    ("gross profit", Family::GrossProfit),
    ("cash flow from operations", Family::OperatingCashFlow),
    ("cash from operations", Family::OperatingCashFlow),
    ("operating cash flow", Family::OperatingCashFlow),
    ("free cash flow", Family::FreeCashFlow),
    ("capital expenditures", Family::Capex),
    ("capital expenditure", Family::Capex),
    ("capital spending", Family::Capex),
    ("capex", Family::Capex),
    ("dividend", Family::Dividend),
    ("share repurchases", Family::Repurchases),
    ("provision for credit losses", Family::Provision),
    ("provision for loan losses", Family::Provision),
    ("net charge-offs", Family::ChargeOffs),
    ("common equity tier-1", Family::Cet1),
    ("cet1", Family::Cet1),
    ("efficiency ratio", Family::EfficiencyRatio),
    ("combined ratio", Family::CombinedRatio),
    ("catastrophe losses", Family::CatastropheLosses),
    ("net premiums written", Family::NetPremiumsWritten),
    ("same-property noi", Family::SamePropertyNoi),
    ("same property noi", Family::SamePropertyNoi),
    ("same-store noi", Family::SamePropertyNoi),
    ("same store noi", Family::SamePropertyNoi),
    (
        "same-property net operating income",
        Family::SamePropertyNoi,
    ),
    ("same-store net operating income", Family::SamePropertyNoi),
    ("occupancy", Family::Occupancy),
    ("backlog", Family::Backlog),
    ("bookings", Family::Bookings),
    ("liquidity", Family::Liquidity),
    ("cash and cash equivalents", Family::Cash),
    ("net revenues", Family::Revenue),
    ("net revenue", Family::Revenue),
    ("total revenues", Family::Revenue),
    ("total revenue", Family::Revenue),
    ("revenues", Family::Revenue),
    ("revenue", Family::Revenue),
    ("net sales", Family::Revenue),
    ("total sales", Family::Revenue),
    ("sales", Family::Revenue),
];

/// Words that flavour a family, with the flavour; the strongest wins
/// (`Core` over `Adjusted`, and a revenue flavour over plain revenue).
pub const FLAVOUR_WORDS: &[(&str, Flavour)] = &[
    ("adjusted", Flavour::Adjusted),
    ("adj", Flavour::Adjusted),
    ("non-gaap", Flavour::Adjusted),
    ("excluding", Flavour::Adjusted),
    ("ex-items", Flavour::Adjusted),
    ("normalized", Flavour::Adjusted),
    ("underlying", Flavour::Adjusted),
    ("core", Flavour::Core),
    ("organic", Flavour::Organic),
    ("constant-currency", Flavour::ConstantCurrency),
    ("currency-neutral", Flavour::ConstantCurrency),
    ("comparable", Flavour::Comparable),
    ("comp", Flavour::Comparable),
    ("comps", Flavour::Comparable),
    ("same-store", Flavour::Comparable),
    ("like-for-like", Flavour::Comparable),
    ("same-restaurant", Flavour::Comparable),
];

/// Whether a family's percentages are levels (a margin, a ratio), so that
/// only words of change make one a change.
pub fn is_rate(family: Family) -> bool {
    use Family::*;
    matches!(
        family,
        EbitdaMargin
            | OperatingMargin
            | GrossMargin
            | NetInterestMargin
            | Cet1
            | EfficiencyRatio
            | CombinedRatio
            | SamePropertyNoi
            | Occupancy
    )
}

/// Whether a family's amounts without a scale word are per share.
pub fn is_per_share(family: Family) -> bool {
    use Family::*;
    matches!(
        family,
        Eps | Ffo | Affo | Dividend | BookValuePerShare | TangibleBookValuePerShare
    )
}

/// Whether a family is only ever an amount per share (so that dollars
/// with a scale word in its line are something else).
pub fn needs_per_share(family: Family) -> bool {
    use Family::*;
    matches!(family, Eps | BookValuePerShare | TangibleBookValuePerShare)
}

/// Whether "loss" in a family's name makes its figure negative.
pub fn is_profit(family: Family) -> bool {
    use Family::*;
    matches!(family, Eps | NetIncome | OperatingIncome | Ebitda)
}

/// What a figure of a family states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The amount or rate itself.
    Level,
    /// A year-over-year change.
    Yoy,
    /// A quarter-over-quarter change.
    Qoq,
}

/// The metric ids (of `base` and the industry taxonomies) that state a
/// figure; empty when the combination means nothing here. A per-share
/// figure of an income family is EPS; a growth flavour of revenue is its
/// own rate metric.
pub fn accepted(
    family: Family,
    flavour: Flavour,
    per_share: bool,
    measure: Measure,
) -> Vec<String> {
    use Family::*;
    use Flavour::*;
    let level: &[&str] = match (family, flavour) {
        (Revenue, Organic) => return growth("organic_revenue", measure),
        (Revenue, ConstantCurrency) => return growth("constant_currency_revenue", measure),
        (Revenue, Comparable) => return growth("comparable_sales", measure),
        (SamePropertyNoi, _) => return growth("same_property_noi", measure),
        (Revenue, _) => &["revenue"],
        (Eps, Core) => &["core_eps"],
        // "Comparable EPS" and the like are non-GAAP.
        (Eps, Adjusted | Organic | ConstantCurrency | Comparable) => &["adjusted_eps"],
        (Eps, _) => &["eps_diluted", "eps_basic"],
        (NetIncome, Core) if per_share => &["core_eps"],
        (NetIncome, Adjusted) if per_share => &["adjusted_eps"],
        (NetIncome, _) if per_share => &["eps_diluted", "eps_basic"],
        (NetIncome, Core) => &["core_net_income"],
        (NetIncome, Adjusted) => &["adjusted_net_income"],
        (NetIncome, _) => &["net_income"],
        // "Adjusted FFO" is AFFO at some REITs and FFO as adjusted at others.
        (Ffo, Adjusted) if per_share => &["core_ffo_per_share", "affo_per_share"],
        (Ffo, Core) if per_share => &["core_ffo_per_share"],
        (Ffo, _) if per_share => &["ffo_per_share"],
        (Ffo, Core | Adjusted) => &["core_ffo"],
        (Ffo, _) => &["ffo"],
        (Affo, _) if per_share => &["affo_per_share"],
        (Affo, _) => &["affo"],
        (Ebitda, Adjusted | Core) => &["adjusted_ebitda"],
        (Ebitda, _) => &["ebitda"],
        (EbitdaMargin, _) => &["adjusted_ebitda_margin", "ebitda_margin"],
        (OperatingIncome, Adjusted | Core) => &["adjusted_operating_income"],
        (OperatingIncome, _) => &["operating_income"],
        (OperatingMargin, Adjusted | Core) => &["adjusted_operating_margin"],
        (OperatingMargin, _) => &["operating_margin"],
        (GrossMargin, Adjusted | Core) => &["adjusted_gross_margin"],
        (GrossMargin, _) => &["gross_margin"],
        (GrossProfit, _) => &["gross_profit"],
        (OperatingCashFlow, _) => &["operating_cash_flow"],
        (FreeCashFlow, Adjusted | Core) => &["adjusted_free_cash_flow"],
        (FreeCashFlow, _) => &["free_cash_flow"],
        (Capex, _) => &["capex"],
        (Dividend, _) if per_share => &["dividend_per_share"],
        // A dividend's change is rarely said to be per share or in total.
        (Dividend, _) => &["dividends", "dividend_per_share"],
        (Repurchases, _) => &["share_repurchases"],
        (NetInterestIncome, _) => &["net_interest_income"],
        (NetInterestMargin, _) => &["net_interest_margin"],
        (Provision, _) => &["provision_for_credit_losses"],
        (ChargeOffs, _) => &["net_charge_offs"],
        (Cet1, _) => &["cet1_ratio"],
        (EfficiencyRatio, _) => &["efficiency_ratio"],
        (BookValuePerShare, _) => &["book_value_per_share"],
        (TangibleBookValuePerShare, _) => &["tangible_book_value_per_share"],
        (CombinedRatio, _) => &["combined_ratio"],
        (CatastropheLosses, _) => &["catastrophe_losses"],
        (NetPremiumsWritten, _) => &["net_premiums_written"],
        (Occupancy, _) => &["occupancy"],
        (Backlog, _) => &["backlog"],
        (Bookings, _) => &["bookings"],
        (Liquidity, _) => &["liquidity"],
        (Cash, _) => &["cash"],
    };
    let suffix = match measure {
        Measure::Level => "",
        Measure::Yoy => ".yoy",
        Measure::Qoq => ".qoq",
    };
    level.iter().map(|id| format!("{id}{suffix}")).collect()
}

/// Organic, constant-currency and comparable growth, and same-property
/// NOI growth, are stated changes of a metric calls rarely state as an
/// amount: a percentage of one is its change, year over year unless said.
fn growth(id: &str, measure: Measure) -> Vec<String> {
    match measure {
        Measure::Level | Measure::Yoy => vec![format!("{id}.yoy")],
        Measure::Qoq => vec![format!("{id}.qoq")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flavours_and_per_share_choose_the_metric() {
        use Family::*;
        use Flavour::*;
        assert_eq!(
            accepted(Eps, Adjusted, true, Measure::Level),
            ["adjusted_eps"]
        );
        assert_eq!(
            accepted(NetIncome, Gaap, true, Measure::Level),
            ["eps_diluted", "eps_basic"]
        );
        assert_eq!(
            accepted(NetIncome, Gaap, false, Measure::Level),
            ["net_income"]
        );
        assert_eq!(
            accepted(Revenue, Gaap, false, Measure::Yoy),
            ["revenue.yoy"]
        );
        assert_eq!(
            accepted(Revenue, Comparable, false, Measure::Yoy),
            ["comparable_sales.yoy"]
        );
        assert_eq!(accepted(Ffo, Gaap, true, Measure::Level), ["ffo_per_share"]);
        assert_eq!(
            accepted(Revenue, Organic, false, Measure::Level),
            ["organic_revenue.yoy"]
        );
    }
}
