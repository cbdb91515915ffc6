//! The reference of the desktop benchmarks (BENCHMARKS.md): the smallest Tauri app — one
//! window showing one static line, no commands, no database — built with the same Tauri,
//! WebKit and profile as Creditdesk, so start time and memory can be compared in one run.
//!
//! Build: `cargo build --release -p creditdesk-app --example minimal_window`

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!(
            "bench/minimal-window/tauri.conf.json"
        ))
        .expect("the minimal window could not start");
}
