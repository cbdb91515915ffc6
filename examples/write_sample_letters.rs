//! Writes sample dunning letters to a folder, to look at them:
//! `cargo run -p creditdesk --example write_sample_letters -- DIR` (default `sample-letters`).
//!
//! One letter per language and step (EN reminder in pounds, FR formal notice with the right
//! window, NL second reminder, DE formal notice), a 120-item letter, and the batch PDF of all.

use creditdesk::domain::Language;
use creditdesk::letters::samples::sample_letter;
use creditdesk::letters::{Tone, render_batch};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample-letters".into());
    let mut long = sample_letter(Language::De, Tone::SecondReminder, 120);
    long.customer_number = "C400199".into();
    let letters = vec![
        sample_letter(Language::En, Tone::Reminder, 3),
        sample_letter(Language::Fr, Tone::FormalNotice, 4),
        sample_letter(Language::Nl, Tone::SecondReminder, 6),
        sample_letter(Language::De, Tone::FormalNotice, 5),
        long,
    ];
    let batch = render_batch(&letters)?;
    for path in batch.write_to(std::path::Path::new(&dir))? {
        let size = std::fs::metadata(&path)?.len();
        println!("{} ({:.1} KB)", path.display(), size as f64 / 1024.0);
    }
    Ok(())
}
