//! The editable text of a letter: four blocks with `{placeholders}`, one template per
//! language × tone. Defaults ship here; the user's own versions live in the database
//! (`store::letter_templates`) and are validated before they are kept.

use crate::domain::Language;
use crate::error::{Error, Result};

use super::Tone;

/// The longest text a block may hold (a page of text is about 3,000 characters).
pub const MAX_BLOCK_CHARS: usize = 4_000;

/// Every placeholder a template may use, with what it becomes.
pub const PLACEHOLDERS: [(&str, &str); 13] = [
    ("customer_name", "the customer's name"),
    (
        "contact_name",
        "the person the letter is addressed to (may be empty)",
    ),
    ("customer_number", "the customer's number"),
    ("company_name", "your company's name"),
    ("letter_date", "the date of the letter, written out"),
    (
        "total",
        "the amount to pay (open items, interest, compensation and fee)",
    ),
    ("open_total", "the total of the open items alone"),
    (
        "oldest_due_date",
        "the earliest due date of the items, written out",
    ),
    ("days_late_max", "the days the oldest item is late"),
    ("item_count", "how many items the letter lists"),
    (
        "payment_reference",
        "the structured reference (RF) to quote",
    ),
    ("iban", "your IBAN, grouped by four"),
    ("bic", "your BIC"),
];

/// The four text blocks of a letter. Blocks are plain text; a blank line separates
/// paragraphs; `{name}` is replaced by the value of a [`PLACEHOLDERS`] name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LetterTemplate {
    /// The subject line, in bold above the letter.
    pub subject: String,
    /// The salutation: "Dear Sir or Madam,".
    pub opening: String,
    /// The paragraphs before the table of items.
    pub body: String,
    /// The paragraphs after the payment instructions, ending with the complimentary close;
    /// the sender's signature follows.
    pub closing: String,
}

impl LetterTemplate {
    /// Checks every block: not too long, braces balanced, only known placeholders (an unknown
    /// one is refused with its name and block); the subject must not be empty.
    pub fn validated(self) -> Result<LetterTemplate> {
        if self.subject.trim().is_empty() {
            return Err(Error::invalid("the letter's subject is empty"));
        }
        for (block, text) in self.blocks() {
            if text.chars().count() > MAX_BLOCK_CHARS {
                return Err(Error::invalid(format!(
                    "the {block} of the letter is longer than {MAX_BLOCK_CHARS} characters"
                )));
            }
            for name in placeholders_in(block, text)? {
                if !PLACEHOLDERS.iter().any(|(known, _)| *known == name) {
                    let known: Vec<&str> = PLACEHOLDERS.iter().map(|(n, _)| *n).collect();
                    return Err(Error::invalid(format!(
                        "unknown placeholder {{{name}}} in the {block} of the letter; known: {}",
                        known.join(", ")
                    )));
                }
            }
        }
        Ok(self)
    }

    fn blocks(&self) -> [(&'static str, &str); 4] {
        [
            ("subject", &self.subject),
            ("opening", &self.opening),
            ("body", &self.body),
            ("closing", &self.closing),
        ]
    }

    /// The template shipped for `language` and `tone`.
    pub fn default_for(language: Language, tone: Tone) -> LetterTemplate {
        let [subject, opening, body, closing] = default_text(language, tone);
        LetterTemplate {
            subject: subject.to_string(),
            opening: opening.to_string(),
            body: body.to_string(),
            closing: closing.to_string(),
        }
    }
}

/// The placeholder names of `text`, in order. A `{` without its `}`, a `}` alone, or a name
/// that is not lower-case letters and `_` is an error naming the block.
fn placeholders_in<'a>(block: &str, text: &'a str) -> Result<Vec<&'a str>> {
    let mut names = Vec::new();
    let mut rest = text;
    loop {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => return Ok(names),
            (Some(o), Some(c)) if o < c => {
                let name = &rest[o + 1..c];
                if name.is_empty() || !name.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_') {
                    return Err(Error::invalid(format!(
                        "'{{{name}}}' in the {block} of the letter is not a placeholder (lower-case letters and _)"
                    )));
                }
                names.push(name);
                rest = &rest[c + 1..];
            }
            (Some(_), _) => {
                return Err(Error::invalid(format!(
                    "a '{{' in the {block} of the letter is not closed by '}}'"
                )));
            }
            (None, Some(_)) => {
                return Err(Error::invalid(format!(
                    "a '}}' in the {block} of the letter has no '{{'"
                )));
            }
        }
    }
}

/// Replaces each `{name}` by `value(name)`. The template is assumed validated; an unknown name
/// is left as written.
pub(crate) fn fill(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn default_text(language: Language, tone: Tone) -> [&'static str; 4] {
    match (language, tone) {
        (Language::En, Tone::Reminder) => [
            "Payment reminder – customer {customer_number}",
            "Dear Sir or Madam,",
            "According to our records, the invoices listed below are still unpaid; the oldest fell due on {oldest_due_date}. This may simply have been overlooked.\n\n\
             We would be grateful if you could pay {total} within the next eight days, quoting the reference {payment_reference}.",
            "If you have already made this payment, please disregard this letter. Should you have any question about these invoices, please do not hesitate to contact us.\n\n\
             Yours faithfully,",
        ],
        (Language::En, Tone::SecondReminder) => [
            "Second reminder – overdue invoices, customer {customer_number}",
            "Dear Sir or Madam,",
            "Despite our previous reminder, the invoices listed below remain unpaid; the oldest is now {days_late_max} days overdue.\n\n\
             We ask you to pay {total} within eight days, quoting the reference {payment_reference}. Under our terms and conditions, interest and recovery costs may be charged on overdue amounts.",
            "If you are unable to pay, or if you dispute any of these amounts, please contact us without delay so that we can find a solution.\n\n\
             Yours faithfully,",
        ],
        (Language::En, Tone::FormalNotice) => [
            "Formal notice to pay – customer {customer_number}",
            "Dear Sir or Madam,",
            "Despite our reminders, the invoices listed below remain unpaid. The oldest fell due on {oldest_due_date}, {days_late_max} days ago.\n\n\
             We hereby formally demand payment of {total}, including the interest and costs shown below, within eight days of the date of this letter, quoting the reference {payment_reference}.",
            "Failing payment within this period, we shall take legal action to recover the debt without further notice, and the resulting costs will be charged to you.\n\n\
             Yours faithfully,",
        ],
        (Language::Fr, Tone::Reminder) => [
            "Rappel de paiement – client n° {customer_number}",
            "Madame, Monsieur,",
            "Sauf erreur de notre part, les factures ci-dessous restent impayées à ce jour ; la plus ancienne est échue depuis le {oldest_due_date}. Il s'agit sans doute d'un simple oubli.\n\n\
             Nous vous remercions de bien vouloir procéder au règlement de {total} dans les huit jours, en indiquant la référence {payment_reference}.",
            "Si votre paiement a été effectué entre-temps, nous vous prions de ne pas tenir compte de ce courrier. Nous restons à votre disposition pour toute question.\n\n\
             Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
        ],
        (Language::Fr, Tone::SecondReminder) => [
            "Deuxième relance – factures échues, client n° {customer_number}",
            "Madame, Monsieur,",
            "Malgré notre précédent rappel, les factures ci-dessous demeurent impayées ; la plus ancienne accuse désormais {days_late_max} jours de retard.\n\n\
             Nous vous demandons de régler la somme de {total} dans un délai de huit jours, en indiquant la référence {payment_reference}. Conformément à nos conditions générales de vente, des pénalités de retard et une indemnité forfaitaire pour frais de recouvrement peuvent être appliquées.",
            "Si vous rencontrez des difficultés ou contestez l'un de ces montants, nous vous invitons à nous contacter sans attendre.\n\n\
             Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
        ],
        (Language::Fr, Tone::FormalNotice) => [
            "Mise en demeure de payer – client n° {customer_number}",
            "Madame, Monsieur,",
            "Malgré nos relances, les factures ci-dessous restent impayées. La plus ancienne est échue depuis le {oldest_due_date}, soit {days_late_max} jours de retard.\n\n\
             Par la présente, nous vous mettons en demeure de nous régler la somme de {total}, intérêts de retard et frais compris, dans un délai de huit jours à compter de la date du présent courrier, en indiquant la référence {payment_reference}.",
            "À défaut de paiement dans ce délai, nous engagerons sans autre avis une procédure de recouvrement judiciaire, dont les frais seront à votre charge.\n\n\
             Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
        ],
        (Language::Nl, Tone::Reminder) => [
            "Betalingsherinnering – klantnummer {customer_number}",
            "Geachte heer, mevrouw,",
            "Volgens onze administratie staan de onderstaande facturen nog open; de oudste vervaldag was {oldest_due_date}. Wellicht is de betaling aan uw aandacht ontsnapt.\n\n\
             Wij verzoeken u vriendelijk het bedrag van {total} binnen acht dagen over te maken, met vermelding van de referentie {payment_reference}.",
            "Heeft u inmiddels betaald, dan kunt u deze herinnering als niet verzonden beschouwen. Voor vragen over deze facturen kunt u altijd contact met ons opnemen.\n\n\
             Met vriendelijke groet,",
        ],
        (Language::Nl, Tone::SecondReminder) => [
            "Aanmaning – openstaande facturen, klantnummer {customer_number}",
            "Geachte heer, mevrouw,",
            "Ondanks onze eerdere herinnering hebben wij de betaling van de onderstaande facturen nog niet ontvangen; de oudste is inmiddels {days_late_max} dagen vervallen.\n\n\
             Wij verzoeken u dringend het bedrag van {total} binnen acht dagen te voldoen, met vermelding van de referentie {payment_reference}. Volgens onze algemene voorwaarden kunnen wij rente en incassokosten in rekening brengen.",
            "Kunt u niet betalen of bent u het niet eens met een van deze bedragen, neem dan onmiddellijk contact met ons op.\n\n\
             Met vriendelijke groet,",
        ],
        (Language::Nl, Tone::FormalNotice) => [
            "Ingebrekestelling – klantnummer {customer_number}",
            "Geachte heer, mevrouw,",
            "Ondanks onze herinneringen zijn de onderstaande facturen nog steeds niet betaald. De oudste is sinds {oldest_due_date} vervallen, {days_late_max} dagen geleden.\n\n\
             Hierbij stellen wij u in gebreke en sommeren wij u het bedrag van {total}, inclusief de hieronder vermelde rente en kosten, binnen acht dagen na dagtekening van deze brief te betalen, met vermelding van de referentie {payment_reference}.",
            "Blijft betaling binnen deze termijn uit, dan dragen wij de vordering zonder nadere aankondiging over aan een incassobureau of advocaat. De bijkomende kosten komen voor uw rekening.\n\n\
             Hoogachtend,",
        ],
        (Language::De, Tone::Reminder) => [
            "Zahlungserinnerung – Kundennummer {customer_number}",
            "Sehr geehrte Damen und Herren,",
            "sicher haben Sie es nur übersehen: Die unten aufgeführten Rechnungen sind noch offen, die älteste war am {oldest_due_date} fällig.\n\n\
             Bitte überweisen Sie den Betrag von {total} innerhalb der nächsten acht Tage unter Angabe der Referenz {payment_reference}.",
            "Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses Schreiben bitte als gegenstandslos. Bei Fragen zu diesen Rechnungen stehen wir Ihnen gern zur Verfügung.\n\n\
             Mit freundlichen Grüßen",
        ],
        (Language::De, Tone::SecondReminder) => [
            "Zweite Zahlungserinnerung – Kundennummer {customer_number}",
            "Sehr geehrte Damen und Herren,",
            "trotz unserer Zahlungserinnerung sind die unten aufgeführten Rechnungen weiterhin unbezahlt; die älteste ist inzwischen seit {days_late_max} Tagen überfällig.\n\n\
             Bitte überweisen Sie den Betrag von {total} innerhalb von acht Tagen unter Angabe der Referenz {payment_reference}. Gemäß unseren Allgemeinen Geschäftsbedingungen können Verzugszinsen und Mahnkosten berechnet werden.",
            "Sollten Sie Einwände gegen diese Beträge haben oder Zahlungsschwierigkeiten bestehen, setzen Sie sich bitte umgehend mit uns in Verbindung.\n\n\
             Mit freundlichen Grüßen",
        ],
        (Language::De, Tone::FormalNotice) => [
            "Mahnung – Kundennummer {customer_number}",
            "Sehr geehrte Damen und Herren,",
            "trotz unserer Zahlungserinnerungen sind die unten aufgeführten Rechnungen noch immer nicht bezahlt. Die älteste ist seit dem {oldest_due_date} fällig, also seit {days_late_max} Tagen.\n\n\
             Wir fordern Sie hiermit letztmalig auf, den Betrag von {total} einschließlich der unten ausgewiesenen Zinsen und Kosten innerhalb von acht Tagen ab Datum dieses Schreibens unter Angabe der Referenz {payment_reference} zu zahlen.",
            "Sollte der Betrag bis dahin nicht bei uns eingegangen sein, werden wir ohne weitere Ankündigung gerichtliche Schritte einleiten; die dadurch entstehenden Kosten gehen zu Ihren Lasten.\n\n\
             Mit freundlichen Grüßen",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: [Language; 4] = [Language::En, Language::Fr, Language::Nl, Language::De];

    #[test]
    fn every_default_template_is_valid_and_names_the_amount_and_reference() {
        for language in LANGUAGES {
            for tone in Tone::ALL {
                let t = LetterTemplate::default_for(language, tone);
                let t = t
                    .validated()
                    .unwrap_or_else(|e| panic!("{language:?} {tone:?}: {e}"));
                assert!(t.body.contains("{total}"), "{language:?} {tone:?}");
                assert!(
                    t.body.contains("{payment_reference}"),
                    "{language:?} {tone:?}"
                );
            }
        }
    }

    #[test]
    fn the_three_tones_differ_in_every_language() {
        for language in LANGUAGES {
            let subjects: std::collections::HashSet<String> = Tone::ALL
                .iter()
                .map(|t| LetterTemplate::default_for(language, *t).subject)
                .collect();
            assert_eq!(subjects.len(), 3, "{language:?}");
        }
    }

    #[test]
    fn unknown_or_malformed_placeholders_are_refused_with_their_name() {
        let base = LetterTemplate::default_for(Language::En, Tone::Reminder);
        let cases = [
            (
                "body",
                "Pay {amount_due} now",
                "unknown placeholder {amount_due} in the body",
            ),
            ("closing", "Bye {Total}", "'{Total}' in the closing"),
            ("opening", "Dear {customer_name", "not closed"),
            ("subject", "Reminder }", "has no '{'"),
            ("body", "{}", "'{}' in the body"),
        ];
        for (block, text, expected) in cases {
            let mut t = base.clone();
            match block {
                "subject" => t.subject = text.into(),
                "opening" => t.opening = text.into(),
                "body" => t.body = text.into(),
                _ => t.closing = text.into(),
            }
            let err = t.validated().unwrap_err();
            assert!(err.message.contains(expected), "{text}: {}", err.message);
        }
        let empty = LetterTemplate {
            subject: "  ".into(),
            ..base.clone()
        };
        assert!(empty.validated().is_err());
        let long = LetterTemplate {
            body: "x".repeat(MAX_BLOCK_CHARS + 1),
            ..base
        };
        assert!(
            long.validated()
                .unwrap_err()
                .message
                .contains("longer than")
        );
    }

    #[test]
    fn fill_replaces_known_names() {
        let out = fill("Dear {customer_name}, pay {total}.", |name| match name {
            "customer_name" => Some("Acme".into()),
            "total" => Some("€5.00".into()),
            _ => None,
        });
        assert_eq!(out, "Dear Acme, pay €5.00.");
        assert_eq!(fill("{nope} stays", |_| None), "{nope} stays");
    }
}
