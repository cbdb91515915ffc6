//! Benchmark: 1,000 personalised dunning letters rendered to PDF by the core (printpdf, fonts
//! subset), against the same letter printed to PDF by headless Chromium from equivalent HTML.
//!
//! Run: `cargo bench --bench letters_1000` (release). Prints time per letter (median, p95),
//! size per letter, the batch (one combined PDF), and the Chromium figures for 20 letters.
//! `LETTERS_CHROMIUM=N` changes how many letters Chromium prints (0: none).
//! Goal: ≥ 20× faster than Chromium and ≤ 40 KB per letter.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use creditdesk::letters::samples::varied_letters;
use creditdesk::letters::words::words;
use creditdesk::letters::{self, Letter, epc_payload, format};

const LETTERS: usize = 1_000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let letters = varied_letters(LETTERS, 2026);
    let items: usize = letters.iter().map(|l| l.items.len()).sum();
    println!(
        "letters_1000: {LETTERS} letters, {items} items (1–15 each), EN/FR/NL/DE, three tones"
    );

    // Warm-up: fonts parsed once per process.
    letters::render(&letters[0]).expect("renders");

    let mut times = Vec::with_capacity(LETTERS);
    let mut sizes = Vec::with_capacity(LETTERS);
    let started = Instant::now();
    for letter in &letters {
        let t = Instant::now();
        let pdf = letters::render(letter).expect("renders");
        times.push(t.elapsed());
        sizes.push(pdf.len());
    }
    let total = started.elapsed();
    times.sort();
    sizes.sort();
    let mean_size = sizes.iter().sum::<usize>() as f64 / sizes.len() as f64;
    println!(
        "printpdf  per letter: median {:.2} ms, p95 {:.2} ms, max {:.2} ms; total {:.2} s ({:.0} letters/s)",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(*times.last().unwrap()),
        total.as_secs_f64(),
        LETTERS as f64 / total.as_secs_f64()
    );
    println!(
        "printpdf  size per letter: median {:.1} KB, p95 {:.1} KB, max {:.1} KB, mean {:.1} KB",
        sizes[sizes.len() / 2] as f64 / 1024.0,
        sizes[(sizes.len() as f64 * 0.95) as usize] as f64 / 1024.0,
        *sizes.last().unwrap() as f64 / 1024.0,
        mean_size / 1024.0
    );

    let t = Instant::now();
    let batch = letters::render_batch(&letters).expect("renders the batch");
    let batch_time = t.elapsed();
    let pages: usize = batch.letters.iter().map(|l| l.pages).sum();
    println!(
        "batch     {LETTERS} single PDFs + one combined PDF ({pages} pages, {:.1} MB): {:.2} s",
        batch.combined.len() as f64 / 1_048_576.0,
        batch_time.as_secs_f64()
    );

    let chromium_count: usize = std::env::var("LETTERS_CHROMIUM")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    if chromium_count == 0 {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut chromium_times = Vec::new();
    let mut chromium_sizes = Vec::new();
    for (i, letter) in letters.iter().take(chromium_count).enumerate() {
        let html_path = dir.path().join(format!("letter-{i}.html"));
        let pdf_path = dir.path().join(format!("letter-{i}.pdf"));
        std::fs::write(&html_path, html(letter)).expect("writes the HTML");
        let t = Instant::now();
        print_with_chromium(&html_path, &pdf_path);
        chromium_times.push(t.elapsed());
        chromium_sizes.push(
            std::fs::metadata(&pdf_path)
                .expect("Chromium wrote the PDF")
                .len(),
        );
    }
    chromium_times.sort();
    chromium_sizes.sort();
    let ours = percentile(&times, 0.5);
    let theirs = percentile(&chromium_times, 0.5);
    println!(
        "chromium  per letter ({chromium_count} letters, one process each): median {:.0} ms, p95 {:.0} ms; size median {:.1} KB",
        ms(theirs),
        ms(percentile(&chromium_times, 0.95)),
        chromium_sizes[chromium_sizes.len() / 2] as f64 / 1024.0
    );
    println!(
        "ratio     chromium / printpdf (medians): {:.0}×",
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
}

fn print_with_chromium(html: &Path, pdf: &Path) {
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", html.display()),
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run chromium (Debian package chromium): {e}"));
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The same letter as HTML + CSS (A4, same blocks, same QR code as inline SVG).
fn html(letter: &Letter) -> String {
    let w = words(letter.language);
    let lang = letter.language;
    let texts = letter.texts().expect("valid letter");
    let totals = letter.totals().expect("totals");
    let window_left = letters::address_window(letter.recipient.country).left_mm;
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<!doctype html><html lang="{}"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0 }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10pt; margin: 0 }}
.page {{ position: relative; width: 210mm; min-height: 297mm; padding: 98mm 20mm 25mm 25mm; box-sizing: border-box }}
.head {{ position: absolute; top: 15mm; left: 25mm; font-size: 14pt; font-weight: bold }}
.sender {{ position: absolute; top: 12mm; left: 125mm; font-size: 8pt; color: #555 }}
.address {{ position: absolute; top: 58mm; left: {window_left}mm; width: 80mm }}
.return {{ font-size: 6.5pt; color: #555; text-decoration: underline }}
.info {{ position: absolute; top: 62mm; left: 125mm; font-size: 10pt }}
h1 {{ font-size: 11pt }} table {{ width: 100%; border-collapse: collapse; font-size: 9pt }}
th {{ text-align: left; border-bottom: 1px solid #000 }} td.r, th.r {{ text-align: right }}
tr:nth-child(even) td {{ background: #f0f0f0 }} thead {{ display: table-header-group }}
.pay {{ display: flex; justify-content: space-between; margin-top: 6mm }} footer {{ font-size: 7.5pt; color: #555 }}
</style></head><body><div class="page">"#,
        lang.code()
    );
    let _ = write!(
        h,
        r#"<div class="head">{}</div><div class="sender">"#,
        esc(&letter.sender.name)
    );
    for line in &letter.sender.address_lines {
        let _ = write!(h, "{}<br>", esc(line));
    }
    let _ = write!(
        h,
        "{} {}<br>{}<br>{} {}</div>",
        w.phone,
        esc(&letter.sender.phone),
        esc(&letter.sender.email),
        w.vat,
        esc(&letter.sender.vat_number)
    );
    let r = &letter.recipient;
    let _ = write!(
        h,
        r#"<div class="address"><div class="return">{} · {}</div>{}<br>{} {}<br>{}<br>{} {}</div>"#,
        esc(&letter.sender.name),
        esc(&letter.sender.address_lines.join(" · ")),
        esc(&r.name),
        w.attention,
        esc(&r.attention),
        esc(&r.address_lines.join("<br>")),
        esc(&r.postal_code),
        esc(&r.city)
    );
    let _ = write!(
        h,
        r#"<div class="info">{}: {}<br>{}: {}</div>"#,
        w.date,
        format::long_date(letter.date, lang),
        w.customer_number,
        esc(&letter.customer_number)
    );
    let _ = write!(
        h,
        "<h1>{}</h1><p>{}</p>",
        esc(&texts.subject),
        esc(&texts.opening)
    );
    for p in texts.body.split("\n\n") {
        let _ = write!(h, "<p>{}</p>", esc(p));
    }
    let _ = write!(
        h,
        r#"<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th class="r">{}</th><th class="r">{}</th></tr></thead><tbody>"#,
        w.col_invoice, w.col_issued, w.col_due, w.col_days, w.col_open
    );
    for item in &letter.items {
        let _ = write!(
            h,
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td class="r">{}</td><td class="r">{}</td></tr>"#,
            esc(&item.number),
            format::short_date(item.issue_date, lang),
            format::short_date(item.due_date, lang),
            item.days_late,
            format::money(&item.open, lang)
        );
    }
    let _ = write!(h, "</tbody></table><table>");
    for (label, amount) in [
        (w.total_open, Some(totals.open)),
        (w.interest, totals.interest),
        (w.compensation, totals.compensation),
        (w.fee, totals.fee),
        (w.to_pay, Some(totals.to_pay)),
    ] {
        if let Some(m) = amount {
            let _ = write!(
                h,
                r#"<tr><td class="r">{label}</td><td class="r">{}</td></tr>"#,
                format::money(&m, lang)
            );
        }
    }
    let _ = write!(
        h,
        r#"</table><div class="pay"><div><b>{}</b><br>{}: {}<br>IBAN {}<br>BIC {}<br>{}: {}<br>{}: {}</div>"#,
        w.payment,
        w.beneficiary,
        esc(&letter.sender.name),
        format::grouped_by_four(&letter.sender.iban),
        esc(&letter.sender.bic),
        w.reference,
        letter.payment_reference.printed(),
        w.amount,
        format::money(&totals.to_pay, lang)
    );
    if let Some(payload) = epc_payload(letter).expect("payload") {
        let code =
            qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M)
                .expect("a QR code");
        let n = code.width();
        let _ = write!(
            h,
            r#"<svg width="30mm" height="30mm" viewBox="-4 -4 {} {}">"#,
            n + 8,
            n + 8
        );
        for (i, c) in code.to_colors().iter().enumerate() {
            if *c == qrcode::Color::Dark {
                let _ = write!(
                    h,
                    r#"<rect x="{}" y="{}" width="1" height="1"/>"#,
                    i % n,
                    i / n
                );
            }
        }
        let _ = write!(h, "</svg>");
    }
    let _ = write!(h, "</div>");
    for p in texts.closing.split("\n\n") {
        let _ = write!(h, "<p>{}</p>", esc(p));
    }
    let _ = write!(
        h,
        "<p><br>{}</p><footer>{} · IBAN {}</footer></div></body></html>",
        esc(&letter.sender.signature).replace('\n', "<br>"),
        esc(&letter.sender.name),
        format::grouped_by_four(&letter.sender.iban)
    );
    h
}
