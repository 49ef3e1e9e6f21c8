//! A number-bearing phrase of a text and what kind of number it is.

/// What a number-bearing phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A figure: money, a percentage, a count, a quantity in a unit.
    Figure,
    /// A length of time: "15 years", "12 to 18 months".
    Duration,
    /// A year, a date, a quarter or half number, an ordinal.
    Calendar,
    /// A list number, a footnote marker, a page number.
    Marker,
    /// A telephone number.
    Phone,
    /// A multiple that multiplies nothing: "a 2-fold approach", "our
    /// focus is 3-fold".
    Idiom,
}

impl MentionKind {
    /// Whether the phrase must be accounted for by `coverage`: figures and
    /// durations are; calendar references, markers, phone numbers and
    /// idioms are not company figures.
    pub fn needs_accounting(&self) -> bool {
        matches!(self, MentionKind::Figure | MentionKind::Duration)
    }
}

/// One number-bearing phrase: where it is, what it says, its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the whole phrase (currency, number, scale, unit).
    pub start: usize,
    /// End of the phrase.
    pub end: usize,
    /// The kind.
    pub kind: MentionKind,
    /// The number as written, and the high end of a range.
    pub numbers: Vec<String>,
    /// A currency symbol or code written before the number (`$`, `RMB`).
    pub currency: Option<String>,
    /// The scale word or letter (`million`, `M`).
    pub scale: Option<String>,
    /// The unit as written after the number (`%`, `basis points`, `per share`, `terahash`).
    pub unit: Option<String>,
    /// Whether the phrase is a range ("$70 million to $80 million").
    pub range: bool,
    /// Whether the range runs from a decline to growth ("down 2% to up
    /// 2%", "between a 4% decline and a 1% increase"): its low end is
    /// negative, its high end positive.
    pub from_decline: bool,
    /// Whether "plus" follows the number ("10-plus joules", "1,200 plus").
    pub plus: bool,
}

impl Mention {
    /// The phrase's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or_default()
    }
}
