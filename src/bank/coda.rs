//! Belgian CODA statements (Febelfin standard 2.x): fixed records of 128 characters, latin-1.
//!
//! Records, by the first one or two characters:
//! - `0` header (creation date, bank, version `2`),
//! - `1` old balance (account number and its structure, currency, sign, date, statement
//!   sequence),
//! - `21`/`22`/`23` a movement: amount, dates, transaction code, communication (free or
//!   structured), the counterparty's BIC, IBAN and name,
//! - `31`/`32`/`33` information for a movement: more communication, appended to its remittance,
//! - `4` free messages (ignored), `8` new balance, `9` trailer (record count, debit and credit
//!   totals).
//!
//! Movements of one sequence number with detail numbers (a globalisation: one booked amount
//! detailing several payments) become one entry per detail when the details have amounts that
//! add up to the booked one, like a camt batch; otherwise the booked movement is the entry.
//!
//! [`parse`] checks the trailer (record count, debit and credit totals) and that the new
//! balance is the old one plus the movements, and refuses a file where they do not add up:
//! such a file is damaged or truncated. [`parse_unchecked`] reads without these checks.

mod records;

use rust_decimal::Decimal;

use super::{Balance, Statement, StatementEntry, StatementFile, StatementFormat, file_error};
use crate::error::Result;
use crate::money::{Currency, Money};

use records::{Line, Movement, Record};

/// Reads a CODA file whole, checking the trailer's totals and the balances.
pub fn parse(file: &str, bytes: &[u8]) -> Result<StatementFile> {
    read(file, bytes, true)
}

/// Reads a CODA file whole without checking that the trailer's totals and the balances add
/// up (the layout, amounts and dates are still checked).
pub fn parse_unchecked(file: &str, bytes: &[u8]) -> Result<StatementFile> {
    read(file, bytes, false)
}

/// Whether the bytes start like a CODA file: a header record `0000` and a creation date.
pub fn looks_like(bytes: &[u8]) -> bool {
    bytes.len() >= 10 && bytes.starts_with(b"0000") && bytes[4..10].iter().all(u8::is_ascii_digit)
}

/// One statement being read: from its record 1 to its record 8.
struct Open {
    /// The account structure of the record 1, which the record 8 repeats.
    structure: u8,
    statement: Statement,
    currency: Currency,
    old_balance: Decimal,
    movements: Vec<Movement>,
}

/// What a file section (record 0 to record 9) has added up so far, for the trailer.
#[derive(Default)]
struct Section {
    records: u64,
    /// Records 4, which not every bank counts in the trailer.
    messages: u64,
    debit: Decimal,
    credit: Decimal,
}

fn read(file: &str, bytes: &[u8], checked: bool) -> Result<StatementFile> {
    let mut statements = Vec::new();
    let mut section: Option<Section> = None;
    let mut open: Option<Open> = None;
    let mut seen_any = false;
    for (index, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let number = index as u64 + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        seen_any = true;
        let line = Line::new(file, number, raw)?;
        match line.record()? {
            Record::Header => {
                if section.is_some() {
                    return Err(line.error(
                        "",
                        "a header record 0 before the trailer record 9 of the previous part",
                    ));
                }
                line.header()?;
                section = Some(Section::default());
            }
            Record::OldBalance => {
                let section = in_section(&line, &mut section)?;
                if open.is_some() {
                    return Err(line.error("", "an old balance record 1 before the new balance record 8 of the previous statement"));
                }
                section.records += 1;
                let (old, structure) = line.old_balance()?;
                open = Some(Open {
                    structure,
                    statement: Statement {
                        id: old.sequence,
                        account: old.account,
                        balances: vec![Balance {
                            kind: "old".into(),
                            date: old.date,
                            amount: money(old.amount, old.currency),
                        }],
                        entries: Vec::new(),
                    },
                    currency: old.currency,
                    old_balance: old.amount,
                    movements: Vec::new(),
                });
            }
            Record::Movement(part) => {
                let section = in_section(&line, &mut section)?;
                let statement = open.as_mut().ok_or_else(|| {
                    line.error("", "a movement record before the old balance record 1")
                })?;
                section.records += 1;
                match part {
                    1 => {
                        let movement = line.movement()?;
                        if movement.detail == "0000" {
                            if movement.amount.is_sign_negative() {
                                section.debit -= movement.amount;
                            } else {
                                section.credit += movement.amount;
                            }
                        }
                        statement.movements.push(movement);
                    }
                    _ => {
                        let (sequence, detail) = line.sequence_and_detail();
                        let movement = statement
                            .movements
                            .iter_mut()
                            .rev()
                            .find(|m| m.sequence == sequence && m.detail == detail)
                            .ok_or_else(|| {
                                line.error(
                                    "",
                                    &format!("record 2.{part} of movement {sequence}/{detail} without its record 2.1 before it"),
                                )
                            })?;
                        if part == 2 {
                            line.movement_part2(movement);
                        } else {
                            line.movement_part3(movement);
                        }
                    }
                }
            }
            Record::Information(part) => {
                let section = in_section(&line, &mut section)?;
                let statement = open.as_mut().ok_or_else(|| {
                    line.error("", "an information record before the old balance record 1")
                })?;
                section.records += 1;
                let (sequence, _) = line.sequence_and_detail();
                let movement = statement
                    .movements
                    .iter_mut()
                    .rev()
                    .find(|m| m.sequence == sequence)
                    .ok_or_else(|| {
                        line.error(
                            "",
                            &format!("information record 3.{part} for movement {sequence}, which is not in the file before it"),
                        )
                    })?;
                line.information(part, movement);
            }
            Record::Message => {
                let section = in_section(&line, &mut section)?;
                section.messages += 1;
            }
            Record::NewBalance => {
                let section = in_section(&line, &mut section)?;
                section.records += 1;
                let Some(done) = open.take() else {
                    return Err(line.error(
                        "",
                        "a new balance record 8 without an old balance record 1 before it",
                    ));
                };
                let new = line.new_balance(done.structure)?;
                if new.currency != done.currency {
                    return Err(line.error(
                        "currency",
                        &format!(
                            "the new balance is in {}, the old one in {}",
                            new.currency, done.currency
                        ),
                    ));
                }
                if checked {
                    let moved: Decimal = done
                        .movements
                        .iter()
                        .filter(|m| m.detail == "0000")
                        .map(|m| m.amount)
                        .sum();
                    if done.old_balance + moved != new.amount {
                        return Err(line.error(
                            "new balance",
                            &format!(
                                "the new balance {} is not the old balance {} plus the movements {}",
                                new.amount, done.old_balance, moved
                            ),
                        ));
                    }
                }
                statements.push(close(done, new.date, new.amount));
            }
            Record::Trailer => {
                let Some(sums) = section.take() else {
                    return Err(
                        line.error("", "a trailer record 9 without a header record 0 before it")
                    );
                };
                if open.is_some() {
                    return Err(line.error(
                        "",
                        "the trailer record 9 comes before the new balance record 8",
                    ));
                }
                let trailer = line.trailer()?;
                if checked {
                    if trailer.records != sums.records
                        && trailer.records != sums.records + sums.messages
                    {
                        return Err(line.error(
                            "number of records",
                            &format!(
                                "the trailer counts {} records, the file holds {}",
                                trailer.records,
                                sums.records + sums.messages
                            ),
                        ));
                    }
                    for (field, stated, found) in [
                        ("debit total", trailer.debit, sums.debit),
                        ("credit total", trailer.credit, sums.credit),
                    ] {
                        if stated != found {
                            return Err(line.error(
                                field,
                                &format!(
                                    "the trailer says {stated}, the movements add up to {found}"
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }
    if !seen_any {
        return Err(file_error(file, 0, "", "the file is empty"));
    }
    if open.is_some() || section.is_some() {
        return Err(file_error(
            file,
            0,
            "",
            "the file ends without its new balance record 8 and trailer record 9 (truncated?)",
        ));
    }
    Ok(StatementFile {
        format: StatementFormat::Coda,
        statements,
    })
}

fn in_section<'s>(line: &Line, section: &'s mut Option<Section>) -> Result<&'s mut Section> {
    section
        .as_mut()
        .ok_or_else(|| line.error("", "a record before the header record 0"))
}

/// The statement's entries from its movements, and its new balance.
fn close(open: Open, date: chrono::NaiveDate, amount: Decimal) -> Statement {
    let Open {
        mut statement,
        currency,
        movements,
        ..
    } = open;
    statement.balances.push(Balance {
        kind: "new".into(),
        date,
        amount: money(amount, currency),
    });
    let mut booked: Vec<&Movement> = Vec::new();
    let mut index = 0;
    while index < movements.len() {
        let sequence = &movements[index].sequence;
        let end = movements[index..]
            .iter()
            .position(|m| &m.sequence != sequence)
            .map_or(movements.len(), |n| index + n);
        let group = &movements[index..end];
        let (global, details): (Vec<&Movement>, Vec<&Movement>) =
            group.iter().partition(|m| m.detail == "0000");
        let detailed = !details.is_empty()
            && details.iter().any(|m| !m.amount.is_zero())
            && global.len() == 1
            && details.iter().map(|m| m.amount).sum::<Decimal>() == global[0].amount;
        // The details are the entries when they detail the booked amount (or there is no
        // booked record); otherwise the booked movement is the one entry.
        if detailed || global.is_empty() {
            booked.extend(details);
        } else {
            booked.extend(global);
        }
        index = end;
    }
    let mut seen = std::collections::HashMap::<&str, usize>::new();
    for m in &booked {
        if !m.bank_reference.is_empty() {
            *seen.entry(m.bank_reference.as_str()).or_default() += 1;
        }
    }
    statement.entries = booked
        .into_iter()
        .map(|m| {
            let position = if m.detail == "0000" {
                m.sequence.clone()
            } else {
                format!("{}/{}", m.sequence, m.detail)
            };
            let entry = match seen.get(m.bank_reference.as_str()) {
                Some(1) => m.bank_reference.clone(),
                Some(_) => format!("{}/{position}", m.bank_reference),
                None => format!("{}/{}/{position}", statement.account, statement.id),
            };
            StatementEntry {
                entry,
                booking_date: m.booking_date,
                value_date: m.value_date,
                amount: money(m.amount, currency),
                name: m.name.clone(),
                iban: m.iban.clone(),
                reference: m.reference.clone(),
                remittance: records::collapse(&[m.communication.as_str(), m.information.as_str()]),
                end_to_end: m.end_to_end.clone(),
                reversal: false,
                transaction_code: m.transaction_code.clone(),
            }
        })
        .collect();
    statement
}

/// CODA writes three decimals; an amount that has no more than the currency's minor unit is
/// given with exactly that many (5.000 EUR is 5.00 EUR), any other is kept as written.
fn money(amount: Decimal, currency: Currency) -> Money {
    let digits = currency.minor_digits();
    let mut tidy = amount;
    if tidy.round_dp(digits) == amount {
        tidy.rescale(digits);
    }
    Money::new(tidy, currency)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record padded to 128 characters.
    fn rec(text: &str) -> String {
        format!("{text:<128}")
    }

    fn at(mut line: String, index: usize, text: &str) -> String {
        line.replace_range(index..index + text.len(), text);
        line
    }

    fn minimal(amount: &str, sign: char, new_balance: &str, trailer_credit: &str) -> String {
        let header = at(rec("0000011101772505"), 127, "2");
        let old = rec("10139138536152215 EUR0BE                  0000000001000000101017");
        let mv = rec(&format!(
            "2100010000REF123               {sign}{amount}111017001500001101000003505158"
        ));
        let mv = at(at(mv, 115, "111017"), 121, "139");
        let new = rec(&format!(
            "8139138536152215 EUR0BE                  {new_balance}111017"
        ));
        let trailer = rec(&format!(
            "9               000003000000000000000{trailer_credit}"
        ));
        [header, old, mv, new, trailer].join("\n")
    }

    #[test]
    fn a_consistent_file_reads() {
        let text = minimal(
            "000000000005000",
            '0',
            "0000000001005000",
            "000000000005000",
        );
        let parsed = parse("t.cod", text.as_bytes()).unwrap();
        let entries: Vec<_> = parsed.entries().collect();
        assert_eq!(entries.len(), 1);
        let (statement, entry) = entries[0];
        assert_eq!(statement.account, "138536152215");
        assert_eq!(statement.id, "139");
        assert_eq!(entry.entry, "REF123");
        assert_eq!(entry.amount.amount, Decimal::new(500, 2));
        assert_eq!(entry.reference, "+++000/0035/05158+++");
    }

    #[test]
    fn totals_that_do_not_add_up_are_refused_with_the_trailer_line() {
        let text = minimal(
            "000000000005000",
            '0',
            "0000000001005000",
            "000000000006000",
        );
        let error = parse("t.cod", text.as_bytes()).unwrap_err();
        assert_eq!(error.problems[0].line, 5, "{}", error.message);
        assert_eq!(error.problems[0].column, "credit total");
        assert!(error.message.contains("5.00"), "{}", error.message);
        assert!(parse_unchecked("t.cod", text.as_bytes()).is_ok());

        let text = minimal(
            "000000000005000",
            '1',
            "0000000001005000",
            "000000000000000",
        );
        let error = parse("t.cod", text.as_bytes()).unwrap_err();
        assert_eq!(error.problems[0].line, 4, "{}", error.message);
        assert_eq!(error.problems[0].column, "new balance");
    }

    #[test]
    fn bad_records_name_line_and_field() {
        let good = minimal(
            "000000000005000",
            '0',
            "0000000001005000",
            "000000000005000",
        );
        let lines: Vec<&str> = good.lines().collect();
        let cases: Vec<(String, u64, &str)> = vec![
            (good.replacen("REF123 ", "REF123", 1), 3, ""),
            (
                good.replace("000000000005000111017", "0000000000050X0111017"),
                3,
                "amount",
            ),
            (good.replace("5000111017", "5000311317"), 3, "value date"),
            (
                [
                    lines[0],
                    lines[1],
                    &lines[2].replacen('2', "5", 1),
                    lines[3],
                    lines[4],
                ]
                .join("\n"),
                3,
                "record type",
            ),
            ([lines[0], lines[1], lines[2]].join("\n"), 0, ""),
            (
                [lines[0], lines[2], lines[1], lines[3], lines[4]].join("\n"),
                2,
                "",
            ),
            (
                good.replacen("REF123               0", "REF123               7", 1),
                3,
                "sign",
            ),
        ];
        for (text, line, field) in cases {
            let error = parse("t.cod", text.as_bytes()).unwrap_err();
            assert_eq!(error.problems[0].line, line, "{}", error.message);
            assert_eq!(error.problems[0].column, field, "{}", error.message);
            assert!(error.message.starts_with("t.cod"), "{}", error.message);
        }
    }

    #[test]
    fn detection() {
        let text = minimal(
            "000000000005000",
            '0',
            "0000000001005000",
            "000000000005000",
        );
        assert!(looks_like(text.as_bytes()));
        assert!(!looks_like(b"0000;date;amount"));
    }
}
