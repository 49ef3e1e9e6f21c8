//! Integration tests of the `qbrief` command line, one test binary.

mod browser;
mod calc;
mod check;
mod cli;
mod dataset;
mod diff;
mod draft;
mod draft_check;
mod export;
mod index;
mod render;
mod render_cache;
mod suggest;
mod taxonomy;
mod util;
mod verify;
mod xbrl;
