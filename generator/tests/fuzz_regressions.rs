//! Every input the fuzzer found a bug with (`fuzz-regressions/`, minimized
//! fuzzer output) runs through the whole pipeline as the fuzz target does, and
//! must neither panic nor break an invariant again.

use std::path::Path;

#[test]
fn every_fuzz_finding_stays_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.retain(|p| p.extension().is_none_or(|e| e != "md"));
    inputs.sort();
    for input in inputs {
        let data = std::fs::read(&input).unwrap();
        let outcome = std::panic::catch_unwind(|| docs2rs::fuzzing::run(&data));
        assert!(outcome.is_ok(), "{} fails again", input.display());
    }
}
