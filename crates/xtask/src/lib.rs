//! A deterministic generator of synthetic coverage universes for
//! benchmarks: companies shaped like the bundled ones (a quarter's call
//! with about forty facts, segment figures, stated changes, guidance for
//! the next quarter, and the previous call's figures restated), so that
//! load, analysis and rendering can be measured at any scale.

#![forbid(unsafe_code)]

use std::fmt::Write as _;

pub mod draft_check;
pub mod draft_eval;
pub mod fuzz;
pub mod imports;

/// A universe to generate.
#[derive(Debug, Clone, Copy)]
pub struct Universe {
    /// How many companies.
    pub companies: usize,
    /// How many quarters each company has a call for.
    pub quarters: usize,
    /// Seed of the generator.
    pub seed: u64,
}

/// One generated file: path relative to the data folder, and its text.
pub type File = (String, String);

impl Universe {
    /// Every file of the universe's data folder, in a fixed order.
    pub fn files(&self) -> Vec<File> {
        (0..self.companies).flat_map(|c| self.company(c)).collect()
    }

    /// The files of one company.
    pub fn company(&self, index: usize) -> Vec<File> {
        let id = format!("co{index:05}");
        let mut rng = Rng(self.seed ^ (index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut files = vec![(
            format!("{id}/company.toml"),
            format!(
                "id = \"{id}\"\nname = \"Company {index}\"\nticker = \"C{index}\"\nexchange = \"NYSE\"\ncurrency = \"USD\"\nfiscal_year_end_month = 12\ntaxonomies = [\"base\"]\n"
            ),
        )];
        files.push((
            format!("{id}/taxonomy.toml"),
            format!(
                "[taxonomy]\nid = \"{id}\"\nlabel = \"Company {index}\"\nextends = [\"base\"]\n\n[[axis]]\nid = \"segment\"\npartition = true\nmembers = [\"east\", \"west\"]\n"
            ),
        ));
        let mut revenue = 500 + rng.below(5000) as i64; // $M, one decimal
        let mut cash = 200 + rng.below(2000) as i64;
        let start_year = 2014;
        let mut previous: Option<(String, i64, i64, i64, i64)> = None;
        for q in 0..self.quarters {
            let year = start_year + (q / 4) as i32;
            let quarter = q % 4 + 1;
            let period = format!("{year}-Q{quarter}");
            let growth = rng.below(200) as i64 - 60; // per mille of revenue
            let new_revenue = (revenue * (1000 + growth) / 1000).max(10);
            let margin = 200 + rng.below(300) as i64; // tenths of a percent
            let gross = new_revenue * margin / 1000;
            let op = gross - new_revenue * (100 + rng.below(150) as i64) / 1000;
            let net = op * 7 / 10;
            cash = (cash + op / 2).max(5);
            let east = new_revenue * (300 + rng.below(400) as i64) / 1000;
            let west = new_revenue - east;
            let mut t = String::new();
            let _ = write!(
                t,
                "[document]\nid = \"{year}-q{quarter}-call\"\nkind = \"earnings-call\"\ntitle = \"Company {index} {period} call\"\nperiod = \"{period}\"\nfile = \"{id}-{year}-q{quarter}.txt\"\n\n[[speaker]]\nname = \"Pat Chen\"\nrole = \"CFO\"\n\n[[speaker]]\nname = \"Lee Moss\"\nrole = \"CEO\"\n"
            );
            let mut fact = |metric: &str, value: String, extra: &str, speaker: &str| {
                let _ = write!(
                    t,
                    "\n[[fact]]\nmetric = \"{metric}\"\nvalue = \"{value}\"\nspeaker = \"{speaker}\"\nevidence = \"{metric} was {value}\"\n{extra}"
                );
            };
            let money = |tenths: i64| {
                if tenths < 0 {
                    format!("-${}.{}M", -tenths / 10, -tenths % 10)
                } else {
                    format!("${}.{}M", tenths / 10, tenths % 10)
                }
            };
            fact("revenue", money(new_revenue), "", "Pat Chen");
            fact(
                "revenue",
                format!("about {}", money(new_revenue / 10 * 10)),
                "",
                "Lee Moss",
            );
            // The stated change agrees with the figures to its stated precision.
            let basis = (new_revenue - revenue) * 10000 / revenue.max(1);
            let change = (basis + if basis >= 0 { 5 } else { -5 }) / 10;
            let sign = if change < 0 { "-" } else { "+" };
            fact(
                "revenue.qoq",
                format!("{sign}{}.{}%", change.abs() / 10, change.abs() % 10),
                "",
                "Pat Chen",
            );
            fact(
                "cost_of_revenue",
                money(new_revenue - gross),
                "",
                "Pat Chen",
            );
            fact("gross_profit", money(gross), "", "Pat Chen");
            fact(
                "gross_margin",
                format!("{}.{}%", margin / 10, margin % 10),
                "",
                "Pat Chen",
            );
            fact("operating_expenses", money(gross - op), "", "Pat Chen");
            fact("operating_income", money(op), "", "Pat Chen");
            fact("net_income", money(net), "", "Pat Chen");
            fact(
                "eps_diluted",
                format!("${}.{:02}/share", net.abs() / 100, net.abs() % 100),
                "",
                "Pat Chen",
            );
            fact("cash", money(cash), "", "Pat Chen");
            fact("capex", money(new_revenue / 20), "", "Pat Chen");
            fact("dividends", money(new_revenue / 40), "", "Pat Chen");
            fact("rd_expense", money(new_revenue / 12), "", "Pat Chen");
            fact("sm_expense", money(new_revenue / 15), "", "Pat Chen");
            fact("ga_expense", money(new_revenue / 18), "", "Pat Chen");
            fact(
                "revenue",
                money(east),
                "dims = { segment = \"east\" }\n",
                "Pat Chen",
            );
            fact(
                "revenue",
                money(west),
                "dims = { segment = \"west\" }\n",
                "Pat Chen",
            );
            if let Some((_, _, _, _, prev_margin)) = &previous {
                fact(
                    "gross_margin.qoq",
                    format!("{:+} bps", (margin - prev_margin) * 10),
                    "",
                    "Pat Chen",
                );
            }
            fact(
                "operating_cash_flow",
                money(op + new_revenue / 10),
                "",
                "Pat Chen",
            );
            fact(
                "free_cash_flow",
                money(op + new_revenue / 10 - new_revenue / 20),
                "",
                "Pat Chen",
            );
            fact("share_repurchases", money(new_revenue / 50), "", "Lee Moss");
            fact(
                "shares_outstanding",
                format!("{} shares", 100 + rng.below(900)),
                "",
                "Pat Chen",
            );
            fact("total_debt", money(new_revenue * 2), "", "Pat Chen");
            fact("inventory", money(new_revenue / 3), "", "Pat Chen");
            fact(
                "accounts_receivable",
                money(new_revenue / 4),
                "",
                "Pat Chen",
            );
            fact(
                "adjusted_ebitda",
                money(op + new_revenue / 8),
                "",
                "Pat Chen",
            );
            fact(
                "adjusted_eps",
                format!(
                    "${}.{:02}/share",
                    (net.abs() + 5) / 100,
                    (net.abs() + 5) % 100
                ),
                "",
                "Pat Chen",
            );
            fact(
                "income_tax_rate",
                format!("{}%", 15 + rng.below(10)),
                "",
                "Pat Chen",
            );
            fact("interest_expense", money(new_revenue / 60), "", "Pat Chen");
            let next_year = year + i32::from(quarter == 4);
            let next_quarter = quarter % 4 + 1;
            fact(
                "revenue",
                format!("{} to {}", money(new_revenue), money(new_revenue * 11 / 10)),
                &format!("period = \"{next_year}-Q{next_quarter}\"\nguidance = true\n"),
                "Pat Chen",
            );
            fact(
                "revenue.yoy",
                "+2% to +6%".into(),
                &format!("period = \"{year}-FY\"\nguidance = true\n"),
                "Lee Moss",
            );
            // The previous quarter restated, and its revenue's change.
            if let Some((prev_period, prev_revenue, prev_cash, prev_op, _)) = &previous {
                fact(
                    "revenue",
                    money(*prev_revenue),
                    &format!("period = \"{prev_period}\"\n"),
                    "Pat Chen",
                );
                fact(
                    "cash",
                    money(*prev_cash),
                    &format!("period = \"{prev_period}\"\n"),
                    "Pat Chen",
                );
                fact(
                    "operating_income",
                    format!("about {}", money(*prev_op)),
                    &format!("period = \"{prev_period}\"\n"),
                    "Lee Moss",
                );
            }
            files.push((format!("{id}/{year}-q{quarter}-call.toml"), t));
            previous = Some((period, new_revenue, cash, op, margin));
            revenue = new_revenue;
        }
        files
    }
}

/// One company with one quarter's call restated by `copies` documents: the
/// worst case for the statements of one metric and period. Every other copy
/// states a different revenue, so the conflict path is timed as well as
/// the agreeing one.
pub fn restatements(copies: usize) -> Vec<File> {
    let universe = Universe {
        companies: 1,
        quarters: 1,
        seed: 1,
    };
    let mut files = universe.company(0);
    let Some(call) = files
        .iter()
        .position(|(path, _)| path.ends_with("-call.toml"))
    else {
        return files;
    };
    let (path, text) = files[call].clone();
    for copy in 1..copies {
        let mut restated = text.replacen("-call\"", &format!("-call-{copy}\""), 1);
        if copy % 2 == 1 {
            // The first revenue figure, stated differently.
            if let Some(at) = restated.find("metric = \"revenue\"\nvalue = \"") {
                let start = at + "metric = \"revenue\"\nvalue = \"".len();
                if let Some(len) = restated[start..].find('"') {
                    // Its value and its evidence phrase.
                    let stated = restated[start..start + len].to_string();
                    let tail = restated[at..].replacen(&stated, "$1.0M", 2);
                    restated.replace_range(at.., &tail);
                }
            }
        }
        files.push((
            path.replace("-call.toml", &format!("-call-{copy}.toml")),
            restated,
        ));
    }
    files
}

/// A small deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}
