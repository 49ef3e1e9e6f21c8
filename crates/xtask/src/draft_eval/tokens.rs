//! A summary line as tokens: words, years, figures (with currency, scale,
//! percent, basis points and "per share") and the punctuation that ends a
//! clause. Ranges ("$1.46 - $1.52", "10% to 12%", "between $3.20 and
//! $3.40") are joined into one figure, each end keeping its own digits.

use rust_decimal::Decimal;

/// What a figure measures, as far as the summary says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A currency amount.
    Money,
    /// A currency amount per share.
    PerShare,
    /// A percentage, or percentage points (basis points are read as points).
    Percent,
    /// A plain number.
    Count,
}

/// A figure of a summary line: one value or a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Low end (the value, for a point), in canonical units (currency units,
    /// percent), unsigned.
    pub low: Decimal,
    /// High end; equal to `low` for a point.
    pub high: Decimal,
    /// Half a unit of the coarser end's last stated digit, in canonical units.
    pub half_unit: Decimal,
    /// What it measures.
    pub kind: Kind,
    /// Written in parentheses or with a minus sign.
    pub negative: bool,
    /// Written with basis points.
    pub bps: bool,
    /// The scale word's factor (1000000 for "million"), one without one.
    pub scale: Decimal,
    /// The digits of each end as written, without thousands separators
    /// (`"5822"`, `"1.46"`), to look for in the call.
    pub digits: Vec<String>,
}

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A lowercase word (hyphens and apostrophes kept).
    Word(String),
    /// A four-digit year, or `fy21`-style fiscal years (as the full year).
    Year(i32),
    /// A figure.
    Figure(Figure),
    /// `;` or `:` or `,`, which may end a clause.
    Punct(char),
}

/// Splits a lowercased summary line into tokens.
pub fn tokenize(line: &str) -> Vec<Token> {
    let text: String = line
        .chars()
        .map(|c| match c {
            '\u{2013}' | '\u{2014}' => '-',
            '\u{2019}' => '\'',
            c if c.is_whitespace() => ' ',
            c => c.to_ascii_lowercase(),
        })
        .filter(|c| !matches!(c, '\u{200b}'..='\u{200f}' | '\u{feff}'))
        .collect();
    // A digit that is part of a name is no figure.
    let text = text
        .replace("tier 1", "tier-1")
        .replace("covid 19", "covid-19");
    let text = quarter_codes(&text)
        .replace("+/-", " plusminus ")
        .replace('\u{b1}', " plusminus ")
        .replace("plus or minus", "plusminus");
    let mut raw = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if (c == b'$' && next_is_amount(&text[i + 1..]))
            || c.is_ascii_digit()
            || (c == b'(' && next_is_amount(&text[i + 1..]))
        {
            let (token, end) = figure_at(&text, i);
            raw.push(token);
            i = end;
        } else if c.is_ascii_alphabetic() {
            let end = text[i..]
                .find(|ch: char| {
                    !(ch.is_ascii_alphanumeric() || ch == '-' || ch == '\'' || ch == '&')
                })
                .map_or(text.len(), |e| i + e);
            let word = text[i..end].trim_end_matches(['-', '\'']);
            raw.push(word_token(word));
            i += word.len().max(1);
        } else {
            if matches!(c, b';' | b':' | b',' | b'-') {
                raw.push(Token::Punct(c as char));
            }
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    mark_dates(&mut raw);
    join_units(&mut raw);
    join_ranges(raw)
}

/// Verbs of a past change after which "X to Y" is the change and the new
/// level ("increased 210 bps to 49.4%"), not a range; "to be up 10% to 12%"
/// is a range.
const CHANGE_VERBS: &[&str] = &[
    "increased",
    "decreased",
    "rose",
    "fell",
    "grew",
    "declined",
    "improved",
    "expanded",
    "contracted",
    "dropped",
    "gained",
];

// The evaluator keeps its own word lists, even this one, so that nothing of
// the drafter it grades reads its summaries.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// "march 31, 2021": the day is no figure and the year no period of a
/// figure; both become the word `#date`.
fn mark_dates(tokens: &mut [Token]) {
    let mut after_day = false;
    for i in 0..tokens.len() {
        let after_month =
            i > 0 && matches!(&tokens[i - 1], Token::Word(w) if MONTHS.contains(&w.as_str()));
        match &tokens[i] {
            Token::Figure(f)
                if after_month && f.kind == Kind::Count && f.low <= Decimal::from(31) =>
            {
                tokens[i] = Token::Word("#date".into());
                after_day = true;
            }
            Token::Year(_) if after_day || after_month => {
                tokens[i] = Token::Word("#date".into());
                after_day = false;
            }
            Token::Punct(',') => {}
            _ => after_day = false,
        }
    }
}

/// "1q21" is "q1 2021".
fn quarter_codes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let code = bytes.get(i..i + 4).filter(|b| {
            (b'1'..=b'4').contains(&b[0])
                && b[1] == b'q'
                && b[2].is_ascii_digit()
                && b[3].is_ascii_digit()
        });
        let bounded = (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        match code {
            Some(b) if bounded => {
                out.push_str(&format!(
                    "q{} 20{}{}",
                    b[0] as char, b[2] as char, b[3] as char
                ));
                i += 4;
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or(' ');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

fn next_is_amount(rest: &str) -> bool {
    rest.starts_with('$') || rest.starts_with('(') || rest.starts_with(|c: char| c.is_ascii_digit())
}

fn word_token(word: &str) -> Token {
    let fiscal = word
        .strip_prefix("fy")
        .filter(|y| (y.len() == 2 || y.len() == 4) && y.bytes().all(|b| b.is_ascii_digit()));
    match fiscal.and_then(|y| y.parse::<i32>().ok()) {
        Some(y) if y < 100 => Token::Year(2000 + y),
        Some(y) => Token::Year(y),
        None => Token::Word(word.to_string()),
    }
}

/// A number (with `$`, parentheses, `%`) starting at `start`; a bare
/// four-digit number from 1990 to 2039 is a year.
fn figure_at(text: &str, start: usize) -> (Token, usize) {
    let mut i = start;
    let bytes = text.as_bytes();
    let paren = bytes[i] == b'(';
    if paren {
        i += 1;
    }
    let money = bytes.get(i) == Some(&b'$');
    if money {
        i += 1;
    }
    // "$(0.21)" as well as "($0.21)".
    let paren = paren || (money && bytes.get(i) == Some(&b'('));
    if money && bytes.get(i) == Some(&b'(') {
        i += 1;
    }
    let digits_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b',' || bytes[i] == b'.') {
        i += 1;
    }
    // A trailing "." or "," ends the sentence or the clause, not the number.
    while i > digits_start && matches!(bytes[i - 1], b'.' | b',') {
        i -= 1;
    }
    let digits: String = text[digits_start..i]
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let Ok(value) = digits.parse::<Decimal>() else {
        let end = (digits_start + 1).max(i);
        return (Token::Punct(' '), end);
    };
    let percent = bytes.get(i) == Some(&b'%');
    if percent {
        i += 1;
    }
    if paren && bytes.get(i) == Some(&b')') {
        i += 1;
    }
    let plain = !money && !percent && !paren && !digits.contains('.');
    if plain
        && digits.len() == 4
        && (1990..2040).contains(&value.mantissa())
        && !text[i..].starts_with(" million")
    {
        return (Token::Year(value.mantissa() as i32), i);
    }
    let figure = Figure {
        low: value,
        high: value,
        half_unit: Decimal::new(5, value.scale() + 1),
        kind: if money {
            Kind::Money
        } else if percent {
            Kind::Percent
        } else {
            Kind::Count
        },
        negative: paren,
        bps: false,
        scale: Decimal::ONE,
        digits: vec![digits],
    };
    (Token::Figure(figure), i)
}

/// Scale words, `percent`, basis points and "per share" after a figure
/// become part of it.
fn join_units(tokens: &mut Vec<Token>) {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let Token::Figure(mut f) = tokens[i].clone() else {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        };
        i += 1;
        let word = |k: usize| match tokens.get(k) {
            Some(Token::Word(w)) => w.as_str(),
            _ => "",
        };
        let scale = match word(i) {
            "thousand" | "k" => Some(3),
            "million" | "mln" | "mn" | "m" | "millions" => Some(6),
            "billion" | "bln" | "bn" | "b" | "billions" => Some(9),
            "trillion" => Some(12),
            _ => None,
        };
        if let Some(power) = scale {
            let factor = Decimal::from(10i64.pow(power));
            f.scale = factor;
            f.low *= factor;
            f.high *= factor;
            f.half_unit *= factor;
            i += 1;
        }
        match (word(i), word(i + 1)) {
            ("per", "cent") => {
                f.kind = Kind::Percent;
                i += 2;
            }
            ("percent" | "pct", _) => {
                f.kind = Kind::Percent;
                i += 1;
            }
            ("basis", "points" | "point") | ("bps" | "bp", _) => {
                f.kind = Kind::Percent;
                f.bps = true;
                let hundred = Decimal::from(100);
                f.low /= hundred;
                f.high /= hundred;
                f.half_unit /= hundred;
                i += if word(i) == "basis" { 2 } else { 1 };
            }
            _ => {}
        }
        // "51 cents" and "0.17 usd" are amounts too.
        if f.kind == Kind::Count && scale.is_none() && matches!(word(i), "cents" | "cent") {
            let hundred = Decimal::from(100);
            f.low /= hundred;
            f.high /= hundred;
            f.half_unit /= hundred;
            f.digits.push(f.low.normalize().to_string());
            f.kind = Kind::PerShare;
            i += 1;
        } else if f.kind == Kind::Count && matches!(word(i), "usd" | "dollars") {
            f.kind = Kind::Money;
            i += 1;
        }
        if matches!(f.kind, Kind::Money | Kind::Count)
            && scale.is_none()
            && per_share_follows(tokens, i)
        {
            f.kind = Kind::PerShare;
        }
        out.push(Token::Figure(f));
    }
    *tokens = out;
}

/// "per share", "a share", "per diluted share", "per basic share", "per
/// unit" within the next three words.
fn per_share_follows(tokens: &[Token], at: usize) -> bool {
    let words: Vec<&str> = tokens[at..]
        .iter()
        .take(4)
        .map(|t| match t {
            Token::Word(w) => w.as_str(),
            _ => "#",
        })
        .collect();
    words.windows(2).any(|w| {
        matches!(w[0], "per" | "a" | "diluted" | "basic" | "common")
            && matches!(w[1], "share" | "unit")
    })
}

/// Joins `F - F`, `F to F` and `between F and F` into one figure; an end
/// without a currency, scale or percent takes the other end's.
fn join_ranges(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let (Some(Token::Figure(a)), Some(joiner), Some(Token::Figure(b))) =
            (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2))
        {
            let between = matches!(out.last(), Some(Token::Word(w)) if w == "between");
            // "increased 210 bps to 49.4%": a change, then the new level.
            let changed = matches!(out.last(), Some(Token::Word(w)) if CHANGE_VERBS.contains(&w.as_str()))
                && matches!(joiner, Token::Word(w) if w == "to");
            let joins = match joiner {
                Token::Punct('-') => true,
                Token::Word(w) => w == "to" || (matches!(w.as_str(), "and" | "&") && between),
                _ => false,
            };
            // "$3.79 +/- $0.01" is the range $3.78 to $3.80.
            if matches!(joiner, Token::Word(w) if w == "plusminus") && compatible(a, b) {
                let mut around = range(a, a);
                around.low = a.low - b.low;
                around.high = a.low + b.low;
                around.half_unit = a.half_unit.max(b.half_unit);
                around.digits = vec![a.digits[0].clone()];
                out.push(Token::Figure(around));
                i += 3;
                continue;
            }
            // A range runs upwards; "$723 million to $381 million" is two figures.
            if joins && !changed && a.low <= b.low && compatible(a, b) {
                out.push(Token::Figure(range(a, b)));
                i += 3;
                continue;
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

/// Two ends of a range: the same kind, or one end bare ("$3.60 to 3.90").
fn compatible(a: &Figure, b: &Figure) -> bool {
    let money = |k: Kind| matches!(k, Kind::Money | Kind::PerShare);
    a.kind == b.kind
        || a.kind == Kind::Count
        || b.kind == Kind::Count
        || (money(a.kind) && money(b.kind))
}

fn range(a: &Figure, b: &Figure) -> Figure {
    let kind = if a.kind == Kind::PerShare || b.kind == Kind::PerShare {
        Kind::PerShare
    } else if a.kind == Kind::Count {
        b.kind
    } else {
        a.kind
    };
    // "$10.1 billion - $10.3 billion" is scaled on both ends; "$880 to $920
    // million" and "between $4.8 and $4.85 billion" only on the second: the
    // bare end takes the scale of the other.
    let scale = |x: &Figure, other: &Figure| {
        if x.scale == Decimal::ONE && other.scale > Decimal::ONE {
            (x.low * other.scale, x.half_unit * other.scale)
        } else {
            (x.low, x.half_unit)
        }
    };
    let (low, h1) = scale(a, b);
    let (high, h2) = scale(b, a);
    Figure {
        low: low.min(high),
        high: low.max(high),
        half_unit: h1.max(h2),
        kind,
        negative: a.negative && b.negative,
        bps: a.bps || b.bps,
        scale: a.scale.max(b.scale),
        digits: a.digits.iter().chain(&b.digits).cloned().collect(),
    }
}

#[cfg(test)]
mod tests;
