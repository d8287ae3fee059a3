//! Markdown bytes in, code or diagnostics out: the whole docs2rs pipeline. An input
//! is one doc, or several separated by `@@@ path` lines (see `docs2rs::fuzzing`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    docs2rs::fuzzing::run(data);
});
