use std::path::PathBuf;

fn main() {
    let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("api.rs");
    println!("cargo:rerun-if-changed={}", specs.display());
    if let Err(failure) = docs2rs::Config::new().source_label("specs").compile(&specs, &out) {
        // Diagnostics name file, line and column; cargo shows them on failure.
        eprintln!("{failure}");
        std::process::exit(1);
    }
}
