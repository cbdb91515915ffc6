//! Dunning letters read back with the tools a person would use: `pdftotext` (text, per page,
//! word positions), `pdffonts` (embedded subsets), `pdftoppm` + `zbarimg` (the EPC QR code).
//! A missing tool fails the test and names its Debian package.

use std::path::{Path, PathBuf};
use std::process::Command;

use creditdesk::domain::{CreditorReference, Language};
use creditdesk::letters::samples::sample_letter;
use creditdesk::letters::{self, Letter, LetterTemplate, Tone, epc_payload, format};

use crate::util::new_db;

/// Runs a command-line tool; fails (never skips) when it is not installed.
fn run(tool: &str, package: &str, args: &[&str]) -> std::process::Output {
    match Command::new(tool).args(args).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!(
                "`{tool}` is missing: install the Debian package {package} (apt-get install {package})"
            )
        }
        Err(e) => panic!("cannot run {tool}: {e}"),
    }
}

fn run_ok(tool: &str, package: &str, args: &[&str]) -> String {
    let out = run(tool, package, args);
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

fn write_pdf(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn text_of(pdf: &Path, page: Option<usize>) -> String {
    let p = pdf.to_str().unwrap();
    match page {
        Some(n) => {
            let n = n.to_string();
            run_ok("pdftotext", "poppler-utils", &["-f", &n, "-l", &n, p, "-"])
        }
        None => run_ok("pdftotext", "poppler-utils", &[p, "-"]),
    }
}

fn page_count(pdf: &Path) -> usize {
    let info = run_ok("pdfinfo", "poppler-utils", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo prints Pages:")
        .trim()
        .parse()
        .unwrap()
}

/// The QR codes found on page 1 at 200 dpi, as `zbarimg --raw` prints them.
fn qr_codes(pdf: &Path, dir: &Path) -> Option<String> {
    let prefix = dir.join("page");
    run_ok(
        "pdftoppm",
        "poppler-utils",
        &[
            "-r",
            "200",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = dir.join("page.png");
    let out = run(
        "zbarimg",
        "zbar-tools",
        &["-q", "--raw", png.to_str().unwrap()],
    );
    // zbarimg exits 4 when it finds no code.
    match out.status.code() {
        Some(0) => Some(
            String::from_utf8_lossy(&out.stdout)
                .trim_end_matches('\n')
                .to_string(),
        ),
        Some(4) => None,
        other => panic!(
            "zbarimg failed ({other:?}): {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// The four letters of the brief: one per language, each at a different step.
fn four_letters() -> Vec<(Letter, &'static str)> {
    vec![
        (
            sample_letter(Language::En, Tone::Reminder, 3),
            "Yours faithfully",
        ),
        (
            sample_letter(Language::Fr, Tone::FormalNotice, 3),
            "mettons en demeure",
        ),
        (
            sample_letter(Language::Nl, Tone::SecondReminder, 3),
            "Aanmaning",
        ),
        (
            sample_letter(Language::De, Tone::FormalNotice, 3),
            "Mahnung",
        ),
    ]
}

#[test]
fn each_language_reads_back_with_its_names_items_total_and_words() {
    let dir = tempfile::tempdir().unwrap();
    for (letter, word) in four_letters() {
        let pdf = write_pdf(
            dir.path(),
            &letter.file_name(),
            &letters::render(&letter).unwrap(),
        );
        let text = text_of(&pdf, None);
        let lang = letter.language;
        assert!(
            text.contains(&letter.recipient.name),
            "{lang:?}: no customer name in\n{text}"
        );
        for item in &letter.items {
            assert!(
                text.contains(&item.number),
                "{lang:?}: no {} in\n{text}",
                item.number
            );
        }
        let to_pay = format::money(&letter.totals().unwrap().to_pay, lang);
        assert!(
            text.contains(&to_pay),
            "{lang:?}: no total {to_pay} in\n{text}"
        );
        assert!(text.contains(word), "{lang:?}: no '{word}' in\n{text}");
        assert!(
            text.contains(&letter.payment_reference.printed()),
            "{lang:?}: no reference"
        );
        assert!(
            text.contains("BE68 5390 0754 7034"),
            "{lang:?}: no grouped IBAN"
        );
    }
}

#[test]
fn amounts_are_written_the_way_each_language_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    for (language, expected) in [
        (Language::En, "£1,234.56"),
        (Language::Fr, "1.234,56 €"),
        (Language::Nl, "1.234,56 €"),
        (Language::De, "1.234,56 €"),
    ] {
        let mut letter = sample_letter(language, Tone::Reminder, 1);
        letter.items[0].open.amount = "1234.56".parse().unwrap();
        let pdf = write_pdf(dir.path(), "amount.pdf", &letters::render(&letter).unwrap());
        let text = text_of(&pdf, None);
        assert!(
            text.contains(expected),
            "{language:?}: no {expected} in\n{text}"
        );
    }
}

#[test]
fn fonts_are_embedded_as_subsets_and_letters_stay_small() {
    let dir = tempfile::tempdir().unwrap();
    for (letter, _) in four_letters() {
        let bytes = letters::render(&letter).unwrap();
        assert!(
            bytes.len() < 40_000,
            "{:?}: {} bytes",
            letter.language,
            bytes.len()
        );
        let pdf = write_pdf(dir.path(), "fonts.pdf", &bytes);
        let listing = run_ok("pdffonts", "poppler-utils", &[pdf.to_str().unwrap()]);
        // name type encoding emb sub uni object ID, after two header lines.
        let fonts: Vec<Vec<&str>> = listing
            .lines()
            .skip(2)
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert_eq!(fonts.len(), 2, "regular and bold:\n{listing}");
        for f in &fonts {
            let name = f[0];
            let (tag, family) = name
                .split_once('+')
                .unwrap_or_else(|| panic!("not a subset: {listing}"));
            assert!(
                tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                "{listing}"
            );
            assert!(family.starts_with("DejaVuSans"), "{listing}");
            let n = f.len();
            // ... emb sub uni object ID
            assert_eq!(
                &f[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "emb sub uni:\n{listing}"
            );
        }
    }
}

#[test]
fn the_epc_qr_code_scans_to_the_payment_of_the_letter() {
    let dir = tempfile::tempdir().unwrap();
    for language in [Language::Fr, Language::Nl, Language::De] {
        let letter = sample_letter(language, Tone::SecondReminder, 4);
        let pdf = write_pdf(dir.path(), "qr.pdf", &letters::render(&letter).unwrap());
        let scanned =
            qr_codes(&pdf, dir.path()).unwrap_or_else(|| panic!("{language:?}: no QR code found"));
        let expected = epc_payload(&letter).unwrap().unwrap();
        let lines: Vec<&str> = scanned.split('\n').collect();
        let wanted: Vec<&str> = expected.split('\n').collect();
        // Every field but the last, free-text one (zbar may re-encode its accents).
        assert_eq!(lines[..11], wanted[..11], "{language:?}:\n{scanned}");
        assert_eq!(lines[6], "BE68539007547034");
        let amount = format!(
            "EUR{}",
            format::plain_amount(&letter.totals().unwrap().to_pay)
        );
        assert_eq!(lines[7], amount);
        let reference = CreditorReference::parse(lines[9]).expect("a valid RF reference");
        assert_eq!(reference, letter.payment_reference);
    }
}

#[test]
fn a_pound_letter_has_payment_details_but_no_qr_code() {
    let dir = tempfile::tempdir().unwrap();
    let letter = sample_letter(Language::En, Tone::SecondReminder, 2);
    let pdf = write_pdf(dir.path(), "gbp.pdf", &letters::render(&letter).unwrap());
    assert_eq!(qr_codes(&pdf, dir.path()), None);
    let text = text_of(&pdf, None);
    for expected in [
        "Payment details",
        "BE68 5390 0754 7034",
        "GEBABEBB",
        &letter.payment_reference.printed(),
    ] {
        assert!(text.contains(expected), "no {expected} in\n{text}");
    }
    assert!(!text.contains("Scan to pay"));
}

#[test]
fn a_long_list_breaks_into_pages_each_with_the_table_header() {
    let dir = tempfile::tempdir().unwrap();
    let letter = sample_letter(Language::De, Tone::FormalNotice, 120);
    let pdf = write_pdf(dir.path(), "long.pdf", &letters::render(&letter).unwrap());
    let pages = page_count(&pdf);
    assert!(pages >= 3, "120 items on {pages} pages");
    let mut seen = 0;
    for page in 1..=pages {
        let text = text_of(&pdf, Some(page));
        assert!(
            text.contains(&format!("Seite {page}/{pages}")),
            "page {page}:\n{text}"
        );
        let items_here = letter
            .items
            .iter()
            .filter(|i| text.contains(&i.number))
            .count();
        if items_here > 0 {
            for heading in ["Rechnung", "Fällig am", "Tage überfällig", "Offener Betrag"] {
                assert!(
                    text.contains(heading),
                    "page {page} lists items without '{heading}':\n{text}"
                );
            }
        }
        if page > 1 {
            assert!(
                text.contains("Fortsetzung"),
                "page {page} has no running head"
            );
        }
        seen += items_here;
    }
    assert_eq!(seen, 120, "every item is printed once");
    let last = text_of(&pdf, Some(pages));
    assert!(
        last.contains("Zu zahlender Betrag")
            || text_of(&pdf, Some(pages - 1)).contains("Zu zahlender Betrag")
    );
    assert!(
        last.contains("Anne Martin"),
        "the signature ends the letter"
    );
}

/// The first word of the recipient's name as `pdftotext -bbox` places it: (xMin, yMin) in mm
/// from the top-left corner.
fn position_of(pdf: &Path, word: &str) -> (f64, f64) {
    let html = run_ok(
        "pdftotext",
        "poppler-utils",
        &["-bbox", pdf.to_str().unwrap(), "-"],
    );
    let needle = format!(">{word}</word>");
    let line = html
        .lines()
        .find(|l| l.contains(&needle))
        .unwrap_or_else(|| panic!("no word {word} in\n{html}"));
    let attr = |name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + line[start..].find('"').unwrap();
        line[start..end].parse::<f64>().unwrap() * 25.4 / 72.0
    };
    (attr("xMin"), attr("yMin"))
}

#[test]
fn the_address_sits_in_the_right_window_in_france_and_the_left_one_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let fr = sample_letter(Language::Fr, Tone::FormalNotice, 2);
    let pdf = write_pdf(dir.path(), "fr.pdf", &letters::render(&fr).unwrap());
    let (x, y) = position_of(&pdf, "Épicerie");
    assert!((109.0..=116.0).contains(&x), "FR address x = {x:.1} mm");
    assert!((50.0..=90.0).contains(&y), "FR address y = {y:.1} mm");

    for language in [Language::De, Language::Nl, Language::En] {
        let letter = sample_letter(language, Tone::Reminder, 2);
        let pdf = write_pdf(dir.path(), "left.pdf", &letters::render(&letter).unwrap());
        let first_word = letter.recipient.name.split(' ').next().unwrap().to_string();
        let (x, y) = position_of(&pdf, &first_word);
        // DIN 5008 form B: the field is 20–105 mm across; the address zone 62.7–90 mm down.
        assert!(
            (20.0..=30.0).contains(&x),
            "{language:?} address x = {x:.1} mm"
        );
        assert!(
            (62.7..=90.0).contains(&y),
            "{language:?} address y = {y:.1} mm"
        );
    }
}

#[test]
fn a_batch_prints_every_letter_from_a_new_page_in_one_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let letters_in: Vec<Letter> = vec![
        sample_letter(Language::En, Tone::Reminder, 2),
        sample_letter(Language::Fr, Tone::FormalNotice, 60),
        sample_letter(Language::Nl, Tone::SecondReminder, 1),
    ];
    let batch = letters::render_batch(&letters_in).unwrap();
    let paths = batch.write_to(dir.path()).unwrap();
    let combined = paths.last().unwrap();
    let mut first_page = 1;
    for (letter, rendered) in letters_in.iter().zip(&batch.letters) {
        let single = dir.path().join(&rendered.file_name);
        assert_eq!(page_count(&single), rendered.pages);
        let text = text_of(combined, Some(first_page));
        assert!(
            text.contains(&letter.recipient.name),
            "page {first_page} does not start the letter to {}",
            letter.recipient.name
        );
        assert!(
            text.contains(&format!(" 1/{}", rendered.pages)),
            "page {first_page}:\n{text}"
        );
        first_page += rendered.pages;
    }
    assert_eq!(page_count(combined), first_page - 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn templates_are_kept_validated_and_reset_in_the_database() {
    let db = new_db().await;
    let store = &db.store;
    let default = LetterTemplate::default_for(Language::Nl, Tone::SecondReminder);
    let effective = store
        .letter_template(Language::Nl, Tone::SecondReminder)
        .await
        .unwrap();
    assert!(!effective.customized);
    assert_eq!(effective.template, default);
    assert_eq!(store.letter_templates().await.unwrap().len(), 12);

    let mut mine = default.clone();
    mine.body =
        "Beste {customer_name}, wij missen nog {total} (oudste vervaldag {oldest_due_date})."
            .into();
    store
        .save_letter_template(Language::Nl, Tone::SecondReminder, &mine)
        .await
        .unwrap();
    let effective = store
        .letter_template(Language::Nl, Tone::SecondReminder)
        .await
        .unwrap();
    assert!(effective.customized);
    assert_eq!(effective.template, mine);
    // The other tones and languages keep their defaults.
    assert!(
        !store
            .letter_template(Language::Nl, Tone::Reminder)
            .await
            .unwrap()
            .customized
    );
    assert!(
        !store
            .letter_template(Language::Fr, Tone::SecondReminder)
            .await
            .unwrap()
            .customized
    );

    let mut bad = mine.clone();
    bad.closing = "Groeten, {afzender}".into();
    let err = store
        .save_letter_template(Language::Nl, Tone::SecondReminder, &bad)
        .await
        .unwrap_err();
    assert_eq!(err.code, creditdesk::ErrorCode::InvalidInput);
    assert!(err.message.contains("{afzender}"), "{}", err.message);
    assert_eq!(
        store
            .letter_template(Language::Nl, Tone::SecondReminder)
            .await
            .unwrap()
            .template,
        mine
    );

    // The user's text is what the letter says.
    let mut letter = sample_letter(Language::Nl, Tone::SecondReminder, 2);
    letter.template = effective.template;
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_pdf(dir.path(), "mine.pdf", &letters::render(&letter).unwrap());
    let text = text_of(&pdf, None);
    assert!(text.contains("wij missen nog"), "{text}");
    assert!(
        text.contains(&format!("Beste {},", letter.recipient.name)),
        "{text}"
    );

    assert!(
        store
            .reset_letter_template(Language::Nl, Tone::SecondReminder)
            .await
            .unwrap()
    );
    assert!(
        !store
            .reset_letter_template(Language::Nl, Tone::SecondReminder)
            .await
            .unwrap()
    );
    let effective = store
        .letter_template(Language::Nl, Tone::SecondReminder)
        .await
        .unwrap();
    assert!(!effective.customized);
    assert_eq!(effective.template, default);
}
