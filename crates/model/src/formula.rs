//! The formula language of taxonomy files (`gross_profit / revenue * 100`).
//!
//! Numbers, metric ids, `+ - * /`, unary minus, parentheses, and the calls
//! `prev(expr)`, `year_ago(expr)`, `guidance(id)` and `sum(id by axis)`.
//! [`Formula::dimension`] checks units before any number is computed; every
//! [`FormulaError`] has a byte span into the text for a caret.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::metric::closest;
use crate::unit::Dimension;

/// How deep operators, parentheses, calls and minus signs may nest.
const MAX_DEPTH: usize = 64;
const FUNCTIONS: [&str; 4] = ["prev", "year_ago", "guidance", "sum"];
const FUNCTIONS_HINT: &str =
    "the functions are prev(expr), year_ago(expr), guidance(id) and sum(id by axis)";

/// A parsed formula with its source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    text: String,
    expr: Expr,
}

/// The syntax tree of a formula; spans are byte ranges in [`Formula::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A decimal literal.
    Number(Decimal),
    /// The value of a metric for the period.
    Metric {
        /// The metric id.
        id: String,
        /// Where the id is.
        span: Range<usize>,
    },
    /// Unary minus.
    Neg(Box<Expr>),
    /// A binary operation.
    Binary {
        /// The operator.
        op: Op,
        /// The left operand.
        lhs: Box<Expr>,
        /// The right operand.
        rhs: Box<Expr>,
        /// Where the operator is.
        span: Range<usize>,
    },
    /// `prev(arg)` or `year_ago(arg)`: the argument in an earlier period.
    Shift {
        /// Which earlier period.
        shift: Shift,
        /// The shifted expression.
        arg: Box<Expr>,
        /// The whole call, from the function name to its `)`.
        span: Range<usize>,
    },
    /// `guidance(id)`: the guidance stated for a metric for the period.
    Guidance {
        /// The metric id.
        id: String,
        /// Where the id is.
        span: Range<usize>,
    },
    /// `sum(id by axis)`: the sum of a metric over the members of an axis.
    Sum {
        /// The metric id.
        id: String,
        /// The axis (`segment`).
        axis: String,
        /// Where the metric id is.
        id_span: Range<usize>,
        /// Where the axis is.
        axis_span: Range<usize>,
    },
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl Op {
    /// The operator as written.
    pub fn symbol(&self) -> char {
        match self {
            Op::Add => '+',
            Op::Sub => '-',
            Op::Mul => '*',
            Op::Div => '/',
        }
    }
}

/// The earlier period a [`Expr::Shift`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// `prev`: the previous quarter.
    Prev,
    /// `year_ago`: the same period a year earlier.
    YearAgo,
}

/// A problem in a formula, located in its text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FormulaError {
    /// What is wrong.
    pub message: String,
    /// The byte range of the culprit in the text (empty at the end).
    pub span: Range<usize>,
    /// How to fix it, when there is something to say.
    pub hint: Option<String>,
}

impl FormulaError {
    fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        let message = message.into();
        FormulaError {
            message,
            span,
            hint: None,
        }
    }

    fn with_hint(self, hint: impl Into<String>) -> Self {
        let hint = Some(hint.into());
        FormulaError { hint, ..self }
    }
}

/// Parses a formula; the first problem found is the error.
pub fn parse_formula(text: &str) -> Result<Formula, FormulaError> {
    if text.trim().is_empty() {
        return Err(FormulaError::new("empty formula", 0..text.len())
            .with_hint("write an expression such as gross_profit / revenue * 100"));
    }
    let mut parser = Parser {
        text,
        pos: 0,
        depth: 0,
    };
    let expr = parser.binary(false)?;
    parser.skip_ws();
    match parser.peek() {
        None => {
            let text = text.to_string();
            Ok(Formula { text, expr })
        }
        Some(')') => Err(FormulaError::new("unmatched \")\"", parser.char_span())
            .with_hint("there is no \"(\" for it to close")),
        Some(_) => Err(parser.unexpected("an operator")),
    }
}

impl Formula {
    /// The source text exactly as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The syntax tree.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// Every metric id referenced (plain, in `guidance` and in `sum`), in
    /// text order, with its byte range in [`Formula::text`].
    pub fn metric_refs(&self) -> Vec<(&str, Range<usize>)> {
        leaves(&self.expr)
            .into_iter()
            .filter_map(metric_of)
            .collect()
    }

    /// Every axis summed over, in text order, with its byte range.
    pub fn axis_refs(&self) -> Vec<(&str, Range<usize>)> {
        let sums = leaves(&self.expr).into_iter().filter_map(|e| match e {
            Expr::Sum {
                axis, axis_span, ..
            } => Some((axis.as_str(), axis_span.clone())),
            _ => None,
        });
        sums.collect()
    }

    /// The dimension of the result; `dim_of` gives a metric's dimension,
    /// `None` for an unknown id. `known` is the list of known ids for
    /// did-you-mean hints. The first error from the left is reported.
    pub fn dimension(
        &self,
        dim_of: &dyn Fn(&str) -> Option<Dimension>,
        known: &[&str],
    ) -> Result<Dimension, FormulaError> {
        dimension_of(&self.expr, dim_of, known)
    }
}

/// The metric id a leaf references, with its span.
fn metric_of(expr: &Expr) -> Option<(&str, Range<usize>)> {
    match expr {
        Expr::Metric { id, span } | Expr::Guidance { id, span } => Some((id, span.clone())),
        Expr::Sum { id, id_span, .. } => Some((id, id_span.clone())),
        _ => None,
    }
}

/// The leaves of a tree (numbers, metrics, guidance and sums), in text order.
fn leaves(expr: &Expr) -> Vec<&Expr> {
    match expr {
        Expr::Neg(arg) | Expr::Shift { arg, .. } => leaves(arg),
        Expr::Binary { lhs, rhs, .. } => [leaves(lhs), leaves(rhs)].concat(),
        leaf => vec![leaf],
    }
}

fn dimension_of(
    expr: &Expr,
    dim_of: &dyn Fn(&str) -> Option<Dimension>,
    known: &[&str],
) -> Result<Dimension, FormulaError> {
    if let Some((id, span)) = metric_of(expr) {
        return dim_of(id).ok_or_else(|| {
            let e = FormulaError::new(format!("unknown metric \"{id}\" in formula"), span);
            match closest(id, known).filter(|c| *c != id) {
                Some(c) => e.with_hint(format!("did you mean \"{c}\"?")),
                None => e,
            }
        });
    }
    match expr {
        Expr::Neg(arg) | Expr::Shift { arg, .. } => dimension_of(arg, dim_of, known),
        Expr::Binary { op, lhs, rhs, span } => {
            let lhs = dimension_of(lhs, dim_of, known)?;
            let rhs = dimension_of(rhs, dim_of, known)?;
            let message = match op {
                Op::Mul => return Ok(lhs.mul(&rhs)),
                Op::Div => return Ok(lhs.div(&rhs)),
                _ if lhs == rhs => return Ok(lhs),
                Op::Add => format!("cannot add {lhs} to {rhs}"),
                Op::Sub => format!("cannot subtract {rhs} from {lhs}"),
            };
            let hint = format!("both sides of {} must have the same unit", op.symbol());
            Err(FormulaError::new(message, span.clone()).with_hint(hint))
        }
        _ => Ok(Dimension::dimensionless()),
    }
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
}

/// A recursive-descent parser; `pos` is always on a char boundary.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.text.get(self.pos..)?.chars().next()
    }

    fn bump(&mut self) {
        self.pos += self.peek().map_or(0, char::len_utf8);
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn take_while(&mut self, f: impl Fn(char) -> bool) -> (&'a str, Range<usize>) {
        let start = self.pos;
        while self.peek().is_some_and(&f) {
            self.bump();
        }
        let span = start..self.pos;
        (self.text.get(span.clone()).unwrap_or_default(), span)
    }

    /// The current char's span, empty at the end.
    fn char_span(&self) -> Range<usize> {
        self.pos..self.pos + self.peek().map_or(0, char::len_utf8)
    }

    /// Enters one nesting level, failing past [`MAX_DEPTH`].
    fn enter(&mut self, span: Range<usize>) -> Result<(), FormulaError> {
        self.depth += 1;
        if self.depth <= MAX_DEPTH {
            return Ok(());
        }
        let hint = format!("at most {MAX_DEPTH} levels of operators, parentheses and calls");
        Err(FormulaError::new("formula is nested too deeply", span).with_hint(hint))
    }

    /// The error for the token at `pos` (after spaces), which is not `expected`.
    fn unexpected(&self, expected: &str) -> FormulaError {
        let Some(c) = self.peek() else {
            let message = format!("expected {expected}, found the end of the formula");
            return FormulaError::new(message, self.pos..self.pos);
        };
        let word = |c: char| is_id_char(c) || c == '.';
        if !(word(c) || "+-*/()".contains(c)) {
            let e = FormulaError::new(format!("unexpected character \"{c}\""), self.char_span());
            return if c.is_uppercase() {
                e.with_hint("metric ids are lowercase")
            } else {
                e
            };
        }
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let len = if word(c) {
            rest.find(|c| !word(c)).unwrap_or(rest.len())
        } else {
            1
        };
        let token = rest.get(..len).unwrap_or_default();
        let message = format!("expected {expected}, found \"{token}\"");
        FormulaError::new(message, self.pos..self.pos + len)
    }

    /// Consumes the `)` closing a group or call.
    fn close(&mut self, expected: &str) -> Result<(), FormulaError> {
        self.skip_ws();
        match self.peek() {
            Some(')') => {
                self.bump();
                self.depth = self.depth.saturating_sub(1);
                Ok(())
            }
            None => Err(FormulaError::new("missing \")\"", self.pos..self.pos)),
            Some(_) => Err(self.unexpected(expected)),
        }
    }

    /// A left-associative chain of `+ -` (or of `* /` when `mul`).
    fn binary(&mut self, mul: bool) -> Result<Expr, FormulaError> {
        let depth = self.depth;
        let operand = |p: &mut Self| if mul { p.unary() } else { p.binary(true) };
        let mut lhs = operand(self)?;
        loop {
            self.skip_ws();
            let op = match (self.peek(), mul) {
                (Some('+'), false) => Op::Add,
                (Some('-'), false) => Op::Sub,
                (Some('*'), true) => Op::Mul,
                (Some('/'), true) => Op::Div,
                _ => break,
            };
            let span = self.char_span();
            self.bump();
            self.enter(span.clone())?;
            let rhs = operand(self)?;
            lhs = Expr::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
                span,
            };
        }
        self.depth = depth;
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        self.skip_ws();
        if self.peek() != Some('-') {
            return self.primary();
        }
        self.enter(self.char_span())?;
        self.bump();
        let arg = self.unary()?;
        self.depth = self.depth.saturating_sub(1);
        Ok(Expr::Neg(Box::new(arg)))
    }

    fn primary(&mut self) -> Result<Expr, FormulaError> {
        self.skip_ws();
        match self.peek() {
            Some('(') => {
                self.enter(self.char_span())?;
                self.bump();
                let inner = self.binary(false)?;
                self.close("an operator or \")\"")?;
                Ok(inner)
            }
            Some(c) if c.is_ascii_digit() => self.number(),
            Some(c) if c.is_ascii_lowercase() => {
                let (id, span) = self.take_while(is_id_char);
                self.skip_ws();
                if self.peek() == Some('(') {
                    return self.call(id, span);
                }
                let id = id.to_string();
                Ok(Expr::Metric { id, span })
            }
            _ => Err(self.unexpected("a number, a metric id or \"(\"")),
        }
    }

    fn number(&mut self) -> Result<Expr, FormulaError> {
        let (digits, span) = self.take_while(|c| c.is_ascii_digit() || c == '.');
        if digits.matches('.').count() > 1 {
            return Err(FormulaError::new("number has two decimal points", span));
        }
        Decimal::from_str_exact(digits)
            .map(Expr::Number)
            .map_err(|_| FormulaError::new(format!("invalid number \"{digits}\""), span))
    }

    /// An id argument of `guidance` or `sum`; the error shows `usage`.
    fn id_arg(&mut self, what: &str, usage: &str) -> Result<(String, Range<usize>), FormulaError> {
        self.skip_ws();
        if !self.peek().is_some_and(|c| c.is_ascii_lowercase()) {
            return Err(self.unexpected(what).with_hint(usage));
        }
        let (id, span) = self.take_while(is_id_char);
        Ok((id.into(), span))
    }

    /// A call of `name`, which is followed by `(`.
    fn call(&mut self, name: &str, name_span: Range<usize>) -> Result<Expr, FormulaError> {
        if !FUNCTIONS.contains(&name) {
            let mean = closest(name, &FUNCTIONS).map(|f| format!("did you mean \"{f}\"? "));
            let hint = mean.unwrap_or_default() + FUNCTIONS_HINT;
            let message = format!("unknown function \"{name}\"");
            return Err(FormulaError::new(message, name_span).with_hint(hint));
        }
        self.enter(name_span.clone())?;
        self.bump();
        let (expr, usage) = match name {
            "guidance" => {
                let usage = "write guidance(id) with a bare metric id";
                let (id, span) = self.id_arg("a metric id", usage)?;
                (Expr::Guidance { id, span }, usage)
            }
            "sum" => {
                let usage = "write sum(id by axis), e.g. sum(revenue by segment)";
                let (id, id_span) = self.id_arg("a metric id", usage)?;
                self.skip_ws();
                let by = self.pos;
                if self.take_while(is_id_char).0 != "by" {
                    self.pos = by;
                    return Err(self.unexpected("\"by\" and an axis").with_hint(usage));
                }
                let (axis, axis_span) = self.id_arg("an axis after \"by\"", usage)?;
                let sum = Expr::Sum {
                    id,
                    axis,
                    id_span,
                    axis_span,
                };
                (sum, usage)
            }
            _ => {
                let shift = if name == "prev" {
                    Shift::Prev
                } else {
                    Shift::YearAgo
                };
                let arg = Box::new(self.binary(false)?);
                self.close("an operator or \")\"")?;
                let span = name_span.start..self.pos;
                return Ok(Expr::Shift { shift, arg, span });
            }
        };
        self.close("\")\"").map_err(|e| e.with_hint(usage))?;
        Ok(expr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn show(e: &Expr) -> String {
        match e {
            Expr::Number(n) => n.to_string(),
            Expr::Metric { id, .. } => id.clone(),
            Expr::Neg(a) => format!("(neg {})", show(a)),
            Expr::Binary { op, lhs, rhs, .. } => {
                format!("({} {} {})", op.symbol(), show(lhs), show(rhs))
            }
            Expr::Shift { shift, arg, .. } => format!("({shift:?} {})", show(arg)),
            Expr::Guidance { id, .. } => format!("(guidance {id})"),
            Expr::Sum { id, axis, .. } => format!("(sum {id} by {axis})"),
        }
    }

    /// Checks the tree of `input`, or its error as `span: message`.
    #[track_caller]
    fn check(input: &str, expected: &str) {
        let got = match parse_formula(input) {
            Ok(f) => show(f.expr()),
            Err(e) => format!("{:?}: {}", e.span, e.message),
        };
        assert_eq!(got, expected, "input: {input:?}");
    }

    /// Runs `check` on each `input => expected` line of `table`.
    #[track_caller]
    fn check_table(table: &str) {
        for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (input, expected) = line.split_once(" => ").expect("input => expected");
            check(input.trim(), expected);
        }
    }

    #[test]
    fn trees() {
        check_table(
            r#"
            a + b * c          => (+ a (* b c))
            (a + b) * c        => (* (+ a b) c)
            -a / b             => (/ (neg a) b)
            a - b - c          => (- (- a b) c)
            a / b * c          => (* (/ a b) c)
            a--b               => (- a (neg b))
            0.5*x_2/100        => (/ (* 0.5 x_2) 100)
            prev(revenue)      => (Prev revenue)
            year_ago (a + b)   => (YearAgo (+ a b))
            -prev(-(a))        => (neg (Prev (neg a)))
            guidance( capex )  => (guidance capex)
            sum(revenue by segment)/2 => (/ (sum revenue by segment) 2)
            "#,
        );
        check("\ta\n*\u{a0}b ", "(* a b)");
    }

    #[test]
    fn errors() {
        check_table(
            r#"
            a + $          => 4..5: unexpected character "$"
            é              => 0..2: unexpected character "é"
            (a + b         => 6..6: missing ")"
            prev(a         => 6..6: missing ")"
            a + b)         => 5..6: unmatched ")"
            a b1           => 2..4: expected an operator, found "b1"
            (a b)          => 3..4: expected an operator or ")", found "b"
            a +            => 3..3: expected a number, a metric id or "(", found the end of the formula
            1.2.3 + a      => 0..5: number has two decimal points
            guidance(1)    => 9..10: expected a metric id, found "1"
            guidance(a+b)  => 10..11: expected ")", found "+"
            sum(revenue)   => 11..12: expected "by" and an axis, found ")"
            sum(x over y)  => 6..10: expected "by" and an axis, found "over"
            sum(x by)      => 8..9: expected an axis after "by", found ")"
            sum(x by y z)  => 11..12: expected ")", found "z"
            foo(a)         => 0..3: unknown function "foo"
            "#,
        );
        check("", "0..0: empty formula");
        check(" \n", "0..2: empty formula");
        let deep = "64..65: formula is nested too deeply";
        check(&format!("{}a{}", "(".repeat(63), ")".repeat(63)), "a");
        check(&"(".repeat(1000), deep);
        check(&format!("{}a", "-".repeat(1000)), deep);
        check(&"a+".repeat(1000), "129..130: formula is nested too deeply");
    }

    #[test]
    fn hints() {
        let hint = |input: &str| parse_formula(input).unwrap_err().hint.unwrap_or_default();
        assert!(hint("foo(a)").starts_with("the functions are prev(expr), year_ago(expr)"));
        assert!(hint("prevv(a)").starts_with("did you mean \"prev\"? the functions are"));
        assert!(hint("sum(a)").starts_with("write sum(id by axis)"));
        assert!(hint("guidance(a * 2)").starts_with("write guidance(id)"));
        assert_eq!(hint("Revenue"), "metric ids are lowercase");
        assert_eq!(hint("a)"), "there is no \"(\" for it to close");
    }

    #[test]
    fn dimensions() {
        let dim_of = |id: &str| match id {
            "revenue" | "gross_profit" => Some(Dimension::money()),
            "hashrate" => Some(Dimension::base("hashrate")),
            _ => None,
        };
        let known = ["revenue", "gross_profit", "hashrate"];
        let table = r#"
            gross_profit / revenue * 100 => dimensionless
            revenue / hashrate           => money/hashrate
            -revenue / 2                 => money
            sum(revenue by segment) - guidance(revenue) + year_ago(prev(revenue)) => money
            revenue + hashrate           => 8..9: cannot add money to hashrate (both sides of + must have the same unit)
            revenue - hashrate * 2       => 8..9: cannot subtract hashrate from money (both sides of - must have the same unit)
            revenu * (revenue + hashrate) => 0..6: unknown metric "revenu" in formula (did you mean "revenue"?)
            zzz + revenu                 => 0..3: unknown metric "zzz" in formula ()
        "#;
        for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (input, expected) = line.split_once(" => ").expect("input => expected");
            let got = match parse_formula(input.trim())
                .unwrap()
                .dimension(&dim_of, &known)
            {
                Ok(d) => d.to_string(),
                Err(e) => format!(
                    "{:?}: {} ({})",
                    e.span,
                    e,
                    e.hint.as_deref().unwrap_or_default()
                ),
            };
            assert_eq!(got, expected, "input: {input:?}");
        }
    }

    #[test]
    fn refs() {
        let text = " sum(revenue by segment) / guidance(cost) + prev(x)";
        let f = parse_formula(text).unwrap();
        assert_eq!(f.text(), text);
        let metrics = vec![("revenue", 5..12), ("cost", 36..40), ("x", 49..50)];
        assert_eq!(f.metric_refs(), metrics);
        assert_eq!(f.axis_refs(), vec![("segment", 16..23)]);
    }

    fn invariants(s: &str) -> Result<(), TestCaseError> {
        match parse_formula(s) {
            Ok(f) => {
                prop_assert_eq!(f.text(), s);
                for (id, span) in f.metric_refs().into_iter().chain(f.axis_refs()) {
                    prop_assert_eq!(s.get(span), Some(id));
                }
                if let Err(e) = f.dimension(&|id| Some(Dimension::base(id)), &["a", "b"]) {
                    prop_assert!(s.get(e.span).is_some());
                }
            }
            Err(e) => prop_assert!(s.get(e.span.clone()).is_some(), "span {:?}", e.span),
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,64}") {
            invariants(&s)?;
        }

        #[test]
        fn formula_like(s in "[a-z_()+*/ 0-9.-]{0,40}") {
            invariants(&s)?;
        }
    }
}
