//! The letter of a worklist entry: who writes to whom, about which items, in which language
//! and tone, with legal interest and compensation where the step claims them, and the
//! reference to pay with. The same letter is printed (letter steps) or attached to an e-mail
//! (e-mail steps), whose text is the letter's own.

use chrono::NaiveDate;

use crate::domain::{Company, Contact, CreditorReference, Customer};
use crate::error::{ErrorCode, Result};
use crate::interest::{self, EffectiveRates};
use crate::letters::{Letter, LetterItem, Recipient, Sender};
use crate::mail::{Attachment, MessageDraft};
use crate::money::Money;
use crate::store::Store;

use super::policy::DunningAction;
use super::worklist::WorkEntry;

/// A letter ready to render, and where its e-mail goes when the step is an e-mail.
#[derive(Debug, Clone)]
pub struct Composed {
    pub entry: WorkEntry,
    pub letter: Letter,
    /// The address and name to e-mail, for e-mail steps.
    pub email_to: Option<(String, String)>,
}

/// What the letters of a run read once.
pub struct Context {
    company: Company,
    rates: EffectiveRates,
}

impl Context {
    pub async fn load(store: &Store) -> Result<Context> {
        Ok(Context {
            company: store.company().await?,
            rates: store.effective_rates().await?,
        })
    }
}

/// The letter of `entry` on `as_of`, for letter and e-mail steps; `None` for calls and
/// escalations (nothing to print) and entries without an action.
pub async fn compose(
    store: &Store,
    context: &Context,
    as_of: NaiveDate,
    entry: &WorkEntry,
) -> Result<Option<Composed>> {
    let Some(action) = &entry.action else {
        return Ok(None);
    };
    if !matches!(action.action, DunningAction::Letter | DunningAction::Email) {
        return Ok(None);
    }
    let customer = store.customer(entry.customer_id).await?;
    let contacts = store.contacts(entry.customer_id).await?;
    let billing = contacts
        .iter()
        .find(|c| c.is_billing)
        .or_else(|| contacts.first());

    let mut items = Vec::with_capacity(entry.items.len());
    let mut interest: Option<Money> = None;
    let mut compensation: Option<Money> = None;
    for item in &entry.items {
        items.push(LetterItem {
            number: item.number.clone(),
            issue_date: item.issue_date,
            due_date: item.due_date,
            days_late: item.days_late,
            open: item.open,
        });
        if action.claim_interest && item.days_late > 0 {
            // A rule that cannot speak for this debt (a currency it does not compensate, a
            // creditor's country without a rule) claims nothing rather than something wrong.
            match interest::compute_for_country(
                context.company.country,
                item.open,
                item.due_date,
                as_of,
                &context.rates,
            ) {
                Ok(legal) => {
                    interest = Some(add(interest, legal.interest)?);
                    compensation = Some(add(compensation, legal.compensation)?);
                }
                Err(e)
                    if matches!(
                        e.code,
                        ErrorCode::CurrencyMismatch | ErrorCode::InvalidInput
                    ) => {}
                Err(e) => return Err(e),
            }
        }
    }
    let language = customer.details.language;
    let template = store
        .letter_template(language, action.template)
        .await?
        .template;
    let letter = Letter {
        language,
        tone: action.template,
        date: as_of,
        sender: Sender::from_company(&context.company),
        recipient: recipient(&customer, billing, &context.company),
        customer_number: entry.customer_number.clone(),
        items,
        interest,
        compensation,
        fee: action.fee,
        payment_reference: payment_reference(store, entry, as_of).await?,
        template,
    };
    let email_to = (action.action == DunningAction::Email)
        .then(|| email_address(&customer, billing))
        .flatten();
    Ok(Some(Composed {
        entry: entry.clone(),
        letter,
        email_to,
    }))
}

fn add(sum: Option<Money>, more: Money) -> Result<Money> {
    match sum {
        Some(sum) => sum.checked_add(&more),
        None => Ok(more),
    }
}

fn recipient(customer: &Customer, billing: Option<&Contact>, company: &Company) -> Recipient {
    let d = &customer.details;
    Recipient {
        name: d.name.clone(),
        attention: billing.map(|c| c.name.clone()).unwrap_or_default(),
        address_lines: [d.address.line1.trim(), d.address.line2.trim()]
            .into_iter()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        postal_code: d.address.postal_code.clone(),
        city: d.address.city.clone(),
        country: d.country.unwrap_or(company.country),
    }
}

/// The customer's e-mail address, else its billing contact's.
fn email_address(customer: &Customer, billing: Option<&Contact>) -> Option<(String, String)> {
    let d = &customer.details;
    if !d.email.trim().is_empty() {
        let name = billing.map_or_else(|| d.name.clone(), |c| c.name.clone());
        return Some((d.email.trim().to_string(), name));
    }
    billing
        .filter(|c| !c.email.trim().is_empty())
        .map(|c| (c.email.trim().to_string(), c.name.clone()))
}

/// The reference to pay with: a letter about one invoice quotes that invoice's own RF
/// reference, or one made from its number; a letter about several, one made from the
/// customer number and the letter's date, so the payment leads back to this letter.
async fn payment_reference(
    store: &Store,
    entry: &WorkEntry,
    as_of: NaiveDate,
) -> Result<CreditorReference> {
    if let [item] = entry.items.as_slice() {
        let invoice = store.invoice_by_number(&item.number).await?;
        if let Ok(own) = CreditorReference::parse(&invoice.details.reference) {
            return Ok(own);
        }
        if let Ok(made) = CreditorReference::generate(&alphanumeric(&item.number, 21)) {
            return Ok(made);
        }
    }
    let base = format!(
        "{}{}",
        alphanumeric(&entry.customer_number, 15),
        as_of.format("%y%m%d")
    );
    CreditorReference::generate(&base)
}

/// The ASCII letters and digits of `text`, the last `max` of them.
fn alphanumeric(text: &str, max: usize) -> String {
    let kept: Vec<char> = text.chars().filter(char::is_ascii_alphanumeric).collect();
    kept[kept.len().saturating_sub(max)..].iter().collect()
}

/// The e-mail of an e-mail step: the letter's own words as text, the letter attached.
pub fn email(composed: &Composed, pdf: Vec<u8>) -> Result<Option<MessageDraft>> {
    let Some((address, name)) = &composed.email_to else {
        return Ok(None);
    };
    let texts = composed.letter.texts()?;
    let signature = composed.letter.sender.signature.trim();
    let body = [
        texts.opening.trim(),
        texts.body.trim(),
        texts.closing.trim(),
        signature,
        composed.letter.sender.name.trim(),
    ]
    .into_iter()
    .filter(|block| !block.is_empty())
    .collect::<Vec<_>>()
    .join("\n\n");
    Ok(Some(MessageDraft {
        customer_id: Some(composed.entry.customer_id),
        to_address: address.clone(),
        to_name: name.clone(),
        subject: texts.subject.trim().to_string(),
        body_text: body,
        attachment: Some(Attachment {
            name: composed.letter.file_name(),
            content: pdf,
        }),
    }))
}
