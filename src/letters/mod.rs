//! Dunning letters as PDF.
//!
//! The dunning worklist decides who gets a letter, at which step and for which items; it fills
//! a [`Letter`], a complete and plain model of one letter, and this module renders it: A4,
//! the address placed for a window envelope (left window DIN 5008 form B, right window for
//! France), subject and text in the customer's language with the step's tone, a table of the
//! items (repeated header on every page, page numbers), totals, payment instructions with the
//! ISO 11649 reference and, for euro amounts, an EPC ("GiroCode") QR code.
//!
//! The fonts (DejaVu Sans, free licence in `assets/fonts/`) are compiled in and embedded as
//! subsets, so a one-page letter stays around 30 KB.

mod epc;
pub mod format;
mod pdf;
pub mod samples;
pub mod template;
pub mod words;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::{Company, Country, CreditorReference, Language};
use crate::error::{Error, Result};
use crate::money::{Currency, Money};

pub use epc::{EPC_MAX_AMOUNT, epc_payload};
pub use template::{LetterTemplate, PLACEHOLDERS};

/// The step of the dunning policy a letter belongs to; it chooses the default template and
/// the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// The first, friendly reminder.
    Reminder,
    /// The firm second reminder.
    SecondReminder,
    /// The formal notice: mise en demeure, ingebrekestelling, Mahnung.
    FormalNotice,
}

impl Tone {
    pub const ALL: [Tone; 3] = [Tone::Reminder, Tone::SecondReminder, Tone::FormalNotice];

    /// `reminder`, `second_reminder`, `formal_notice` (stored in the database).
    pub fn code(self) -> &'static str {
        match self {
            Tone::Reminder => "reminder",
            Tone::SecondReminder => "second_reminder",
            Tone::FormalNotice => "formal_notice",
        }
    }

    pub fn parse(raw: &str) -> Result<Tone> {
        let wanted = raw.trim().to_lowercase().replace('-', "_");
        Tone::ALL
            .into_iter()
            .find(|t| t.code() == wanted)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "'{}' is not a letter tone (reminder, second_reminder, formal_notice)",
                    raw.trim()
                ))
            })
    }
}

/// The company writing the letter.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sender {
    /// The company's name, in the letter head, the return line and the signature.
    pub name: String,
    /// Street and further lines, then "postal code city" as one line each.
    pub address_lines: Vec<String>,
    pub country: Country,
    /// VAT number, printed in the head and the footer when not empty.
    pub vat_number: String,
    /// The IBAN to pay to (any spacing; printed grouped by four).
    pub iban: String,
    /// The bank's BIC; may be empty (the EPC QR code version 002 allows it within the EEA).
    pub bic: String,
    pub email: String,
    pub phone: String,
    /// The signature under the closing: lines separated by `\n` ("Anne Martin\nCredit manager").
    pub signature: String,
}

impl Sender {
    /// The sender as the company settings describe it.
    pub fn from_company(company: &Company) -> Sender {
        let a = &company.address;
        let city_line = format!("{} {}", a.postal_code.trim(), a.city.trim())
            .trim()
            .to_string();
        Sender {
            name: company.name.clone(),
            address_lines: [a.line1.trim(), a.line2.trim(), city_line.as_str()]
                .into_iter()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            country: company.country,
            vat_number: company.vat_number.clone(),
            iban: company.iban.clone(),
            bic: company.bic.clone(),
            email: company.email.clone(),
            phone: company.phone.clone(),
            signature: company.signature.clone(),
        }
    }
}

/// The customer the letter goes to, as printed in the envelope window.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Recipient {
    /// The customer's legal name, first line of the address.
    pub name: String,
    /// The person the letter is for ("attention of"); empty for none.
    pub attention: String,
    /// Street lines (one or two).
    pub address_lines: Vec<String>,
    pub postal_code: String,
    pub city: String,
    /// Chooses the envelope window (France: right; elsewhere: left) and, when it differs from
    /// the sender's, adds the country line.
    pub country: Country,
}

/// One open item the letter is about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LetterItem {
    /// The invoice (or credit note) number.
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// Days past the due date at the letter's date; negative: not yet due (printed as such).
    pub days_late: i64,
    /// The amount still open; a credit note is negative.
    pub open: Money,
}

/// One letter, complete: the renderer adds nothing but layout and wording.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Letter {
    /// The customer's language: labels, dates, amounts and the default template.
    pub language: Language,
    /// The dunning step; names the file.
    pub tone: Tone,
    /// The letter's date (the run's `as_of`).
    pub date: NaiveDate,
    pub sender: Sender,
    pub recipient: Recipient,
    pub customer_number: String,
    /// The items, in the order to print (at least one; one currency for all).
    pub items: Vec<LetterItem>,
    /// Legal late-payment interest, already computed; a line when `Some`.
    pub interest: Option<Money>,
    /// Fixed recovery compensation (e.g. €40 per invoice), already computed.
    pub compensation: Option<Money>,
    /// The step's fee.
    pub fee: Option<Money>,
    /// The ISO 11649 reference to quote when paying; it goes in the EPC QR code.
    pub payment_reference: CreditorReference,
    /// The text blocks: the user's template for this language and tone, or the default
    /// ([`LetterTemplate::default_for`], or `Store::letter_template`).
    pub template: LetterTemplate,
}

/// The sums of a letter, all in its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    /// The sum of the items' open amounts.
    pub open: Money,
    pub interest: Option<Money>,
    pub compensation: Option<Money>,
    pub fee: Option<Money>,
    /// open + interest + compensation + fee.
    pub to_pay: Money,
}

impl Letter {
    /// The letter's currency: that of its items, which must all agree with it, as must the
    /// interest, compensation and fee.
    pub fn currency(&self) -> Result<Currency> {
        let first = self.items.first().ok_or_else(|| {
            Error::invalid(format!(
                "the letter to customer {} lists no item",
                self.customer_number
            ))
        })?;
        Ok(first.open.currency)
    }

    /// The sums, with checked arithmetic: a currency other than the letter's fails with
    /// `currency_mismatch`.
    pub fn totals(&self) -> Result<Totals> {
        let currency = self.currency()?;
        let open = Money::sum(currency, self.items.iter().map(|i| &i.open))?;
        let mut to_pay = open;
        for extra in [&self.interest, &self.compensation, &self.fee]
            .into_iter()
            .flatten()
        {
            to_pay = to_pay.checked_add(extra)?;
        }
        Ok(Totals {
            open,
            interest: self.interest,
            compensation: self.compensation,
            fee: self.fee,
            to_pay,
        })
    }

    /// What the renderer needs to hold before it draws anything.
    fn check(&self) -> Result<Totals> {
        let totals = self.totals()?;
        if self.recipient.name.trim().is_empty() {
            return Err(Error::invalid(format!(
                "the letter to customer {} has no recipient name",
                self.customer_number
            )));
        }
        if self.sender.name.trim().is_empty() {
            return Err(Error::invalid("the letter has no sender name"));
        }
        self.template.clone().validated()?;
        Ok(totals)
    }

    /// The value of a template placeholder for this letter.
    fn placeholder(&self, name: &str, totals: &Totals) -> Option<String> {
        let lang = self.language;
        Some(match name {
            "customer_name" => self.recipient.name.clone(),
            "contact_name" => self.recipient.attention.clone(),
            "customer_number" => self.customer_number.clone(),
            "company_name" => self.sender.name.clone(),
            "letter_date" => format::long_date(self.date, lang),
            "total" => format::money(&totals.to_pay, lang),
            "open_total" => format::money(&totals.open, lang),
            "oldest_due_date" => self
                .items
                .iter()
                .map(|i| i.due_date)
                .min()
                .map(|d| format::long_date(d, lang))
                .unwrap_or_default(),
            "days_late_max" => self
                .items
                .iter()
                .map(|i| i.days_late)
                .max()
                .unwrap_or(0)
                .max(0)
                .to_string(),
            "item_count" => self.items.len().to_string(),
            "payment_reference" => self.payment_reference.printed(),
            "iban" => format::grouped_by_four(&self.sender.iban),
            "bic" => self.sender.bic.clone(),
            _ => return None,
        })
    }

    /// The letter's four text blocks with their placeholders filled in: what the PDF says,
    /// for an e-mail body or another rendering.
    pub fn texts(&self) -> Result<LetterTemplate> {
        let totals = self.check()?;
        let fill = |text: &str| template::fill(text, |name| self.placeholder(name, &totals));
        Ok(LetterTemplate {
            subject: fill(&self.template.subject),
            opening: fill(&self.template.opening),
            body: fill(&self.template.body),
            closing: fill(&self.template.closing),
        })
    }

    /// The stable file name of this letter: `2026-11-23-C400103-reminder.pdf` (characters
    /// other than letters, digits, `-` and `_` in the customer number become `_`).
    pub fn file_name(&self) -> String {
        let customer: String = self
            .customer_number
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!(
            "{}-{}-{}.pdf",
            self.date,
            customer,
            self.tone.code().replace('_', "-")
        )
    }
}

/// Renders one letter to a PDF document.
pub fn render(letter: &Letter) -> Result<Vec<u8>> {
    pdf::render_documents(std::slice::from_ref(letter), false).map(|mut r| r.singles.remove(0))
}

/// One rendered letter of a batch.
#[derive(Debug, Clone)]
pub struct RenderedLetter {
    /// [`Letter::file_name`], made unique within the batch (`-2`, `-3` … when repeated).
    pub file_name: String,
    pub customer_number: String,
    pub pages: usize,
    pub pdf: Vec<u8>,
}

/// A batch: one PDF per letter, and all of them in one PDF to print (each letter starts on a
/// new page).
#[derive(Debug, Clone)]
pub struct Batch {
    /// The date of the first letter: names the combined file.
    pub date: NaiveDate,
    pub letters: Vec<RenderedLetter>,
    pub combined: Vec<u8>,
}

impl Batch {
    /// `letters-2026-11-23.pdf`.
    pub fn combined_file_name(&self) -> String {
        format!("letters-{}.pdf", self.date)
    }

    /// Writes every letter and the combined PDF into `dir` (created if missing), each file
    /// written whole or not at all (a temporary file renamed into place). Returns the paths,
    /// the combined file last.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::storage(format!("cannot create the folder {}: {e}", dir.display()))
        })?;
        let mut written = Vec::with_capacity(self.letters.len() + 1);
        let files = self
            .letters
            .iter()
            .map(|l| (l.file_name.clone(), &l.pdf))
            .chain(std::iter::once((self.combined_file_name(), &self.combined)));
        for (name, bytes) in files {
            let path = dir.join(&name);
            let partial = dir.join(format!(".{name}.partial"));
            std::fs::write(&partial, bytes)
                .and_then(|()| std::fs::rename(&partial, &path))
                .map_err(|e| {
                    let _ = std::fs::remove_file(&partial);
                    Error::storage(format!("cannot write {}: {e}", path.display()))
                })?;
            written.push(path);
        }
        Ok(written)
    }
}

/// Renders every letter alone and all of them in one document.
pub fn render_batch(letters: &[Letter]) -> Result<Batch> {
    let first = letters
        .first()
        .ok_or_else(|| Error::invalid("there is no letter to render"))?;
    let rendered = pdf::render_documents(letters, true)?;
    let mut seen = std::collections::HashMap::<String, usize>::new();
    let letters_out = letters
        .iter()
        .zip(rendered.singles)
        .zip(rendered.pages)
        .map(|((letter, pdf), pages)| {
            let name = letter.file_name();
            let count = seen.entry(name.clone()).or_insert(0);
            *count += 1;
            let file_name = if *count == 1 {
                name
            } else {
                format!("{}-{}.pdf", name.trim_end_matches(".pdf"), count)
            };
            RenderedLetter {
                file_name,
                customer_number: letter.customer_number.clone(),
                pages,
                pdf,
            }
        })
        .collect();
    Ok(Batch {
        date: first.date,
        letters: letters_out,
        combined: rendered.combined.unwrap_or_default(),
    })
}

/// Where the recipient's address sits on the page, in millimetres from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AddressWindow {
    /// Left edge of the address text.
    pub left_mm: f32,
    /// Top of the address field.
    pub top_mm: f32,
    pub width_mm: f32,
    pub height_mm: f32,
}

/// The envelope window for a recipient's country: right window for France (DL/C5 "fenêtre à
/// droite": 110 mm from the left, 50 mm from the top, 85 × 40 mm), left window elsewhere
/// (DIN 5008 form B: field 20 mm from the left, 45 mm from the top, 85 × 45 mm, text 5 mm in;
/// its first 17.7 mm hold the return line, the address starts 62.7 mm from the top).
pub fn address_window(country: Country) -> AddressWindow {
    if country == Country::FR {
        AddressWindow {
            left_mm: 110.0,
            top_mm: 50.0,
            width_mm: 85.0,
            height_mm: 40.0,
        }
    } else {
        AddressWindow {
            left_mm: 25.0,
            top_mm: 45.0,
            width_mm: 80.0,
            height_mm: 45.0,
        }
    }
}

#[cfg(test)]
mod tests;
