//! Integration tests of the `qbrief` command line, one test binary.

mod check;
mod cli;
mod export;
mod util;
mod verify;
