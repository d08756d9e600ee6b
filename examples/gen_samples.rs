//! Regenerates the workbooks in `samples/`.
//!
//! `cargo run --example gen_samples` writes them; `cargo test --test samples`
//! fails when the committed files differ from what this writes.

#[path = "../tests/samplegen/mod.rs"]
mod samplegen;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    std::fs::create_dir_all(&dir).expect("create samples/");
    for p in samplegen::write_all(&dir) {
        println!("wrote {}", p.display());
    }
}
