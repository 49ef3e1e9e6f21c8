//! A located problem with a companyfacts file.

use std::fmt;

/// A problem with a companyfacts file or one of its entries: the file, where
/// in it (a line and column for malformed JSON, else the entry's JSON path),
/// what is wrong, and the fix when it is obvious.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingError {
    /// The file's name as given.
    pub file: String,
    /// `line 3, column 14`, or `facts.us-gaap.GrossProfit.units.USD[2].end`.
    pub location: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when that is clear.
    pub hint: Option<String>,
}

impl FilingError {
    pub(crate) fn new(file: &str, location: impl Into<String>, message: impl Into<String>) -> Self {
        FilingError {
            file: file.to_string(),
            location: location.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for FilingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.location, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FilingError {}
