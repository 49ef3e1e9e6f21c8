//! From a new transcript to reviewed facts: [`mentions`] finds every
//! number-bearing phrase of a document, and tells figures from years,
//! dates, markers and durations; [`coverage`] lists the figures no recorded
//! fact or `[[ignore]]` entry accounts for.
//!
//! Rule-based and deterministic: no network, no model weights.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod coverage;
mod scan;

pub use coverage::{coverage, Coverage, Unaccounted};
pub use scan::{mentions, Mention, MentionKind};
