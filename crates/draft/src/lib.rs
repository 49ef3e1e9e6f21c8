//! From a new transcript to reviewed facts: [`mentions`] finds every
//! number-bearing phrase of a document, and tells figures from years,
//! dates, markers and durations; [`draft`] proposes a fact for each figure
//! (value, metric from the taxonomies' synonyms, period, change, guidance,
//! axis members, speaker, evidence, confidence); [`coverage`] lists the
//! figures no recorded fact or `[[ignore]]` entry accounts for.
//!
//! Rule-based and deterministic: no network, no model weights.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod coverage;
mod data_file;
mod draft;
mod position;
mod propose;
mod scan;
mod suggest;
mod transcript;

pub use coverage::{coverage, Coverage, Unaccounted};
pub use data_file::{data_file, DocumentHeader};
pub use draft::{draft, Candidate, Draft};
pub use scan::{mentions, Mention, MentionKind};
pub use suggest::{draft_suggesting, TaxonomySuggestion};
pub use transcript::{Sentence, Transcript, TranscriptSpeaker};
