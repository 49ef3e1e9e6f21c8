//! Integration tests of the `qbrief` command line, one test binary.

mod calc;
mod check;
mod cli;
mod dataset;
mod export;
mod render;
mod taxonomy;
mod util;
mod verify;
