//! The EPC QR code payload ("GiroCode", EPC069-12 version 002) for a SEPA credit transfer.
//!
//! Lines, separated by `\n`: `BCD`, `002`, `1` (UTF-8), `SCT`, BIC (may be empty in 002),
//! beneficiary name (≤ 70), IBAN, `EUR{amount}`, purpose (empty), structured reference (the
//! RF reference), unstructured remittance (empty: only one of the two may be given),
//! beneficiary-to-originator information (≤ 70). ECC level M; at most 331 bytes.

use rust_decimal::Decimal;

use crate::domain::normalize_iban;
use crate::error::Result;
use crate::money::Currency;

use super::{Letter, format};

/// The largest amount an EPC QR code may carry: EUR 999,999,999.99.
pub const EPC_MAX_AMOUNT: Decimal = Decimal::from_parts(1_215_752_191, 23, 0, false, 2); // 99,999,999,999 × 10⁻²

/// The QR code text for the letter's amount to pay, or `None` when the letter gets no code:
/// the EPC code is for euro credit transfers only (a GBP letter keeps its written payment
/// instructions but no code), for 0.01 to 999,999,999.99, and needs the sender's IBAN.
pub fn epc_payload(letter: &Letter) -> Result<Option<String>> {
    let to_pay = letter.totals()?.to_pay;
    if to_pay.currency != Currency::EUR
        || to_pay.amount < Decimal::new(1, 2)
        || to_pay.amount > EPC_MAX_AMOUNT
    {
        return Ok(None);
    }
    let iban = normalize_iban(&letter.sender.iban);
    if iban.is_empty() {
        return Ok(None);
    }
    let bic = letter.sender.bic.trim().to_uppercase();
    let name = clip(letter.sender.name.trim(), 70);
    let info = clip(
        &format!(
            "{} {}",
            letter.customer_number.trim(),
            letter.recipient.name.trim()
        ),
        70,
    );
    Ok(Some(format!(
        "BCD\n002\n1\nSCT\n{bic}\n{name}\n{iban}\nEUR{}\n\n{}\n\n{info}",
        format::plain_amount(&to_pay),
        letter.payment_reference.electronic(),
    )))
}

/// At most `max` characters, and no line break (each field is one line).
fn clip(text: &str, max: usize) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect()
}
