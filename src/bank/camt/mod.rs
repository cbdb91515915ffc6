//! ISO 20022 bank-to-customer messages: camt.052 (account report, `Rpt`), camt.053
//! (statement, `Stmt`) and camt.054 (debit/credit notification, `Ntfctn`), every version.
//!
//! Elements are matched on their local names, so the namespace (and with it the version) does
//! not matter; where versions differ the parser reads each form (`Dbtr/Nm` and v8's
//! `Dbtr/Pty/Nm`, `Acct/Id/IBAN`, `Othr/Id` and v1's `PrtryAcct/Id`, `CdtrRefInf/Ref` and v1's
//! `CdtrRef`).
//!
//! Choices where the files leave room:
//! - A batch entry (`Ntry` with several `TxDtls`) is split into one entry per transaction when
//!   every transaction states its amount (`TxDtls/Amt`, else `AmtDtls/TxAmt/Amt`); otherwise
//!   it stays one entry, with the first name, IBAN, end-to-end id and reference the
//!   transactions give and all their remittance texts. A split transaction takes the sign of
//!   its entry (the direction the account moved), not its own `CdtDbtInd`, which banks fill
//!   inconsistently.
//! - The other party is the debtor of a credit (`Dbtr`, else `UltmtDbtr`) and the creditor of
//!   a debit (`Cdtr`, else `UltmtCdtr`); a party that is a bank (`Agt/FinInstnId/Nm`) counts.
//! - The remittance is the `Ustrd` lines; without them `Strd/AddtlRmtInf`, then
//!   `AddtlTxInf`, then the entry's `AddtlNtryInf`.
//! - Dates: `Dt`, or the date part of `DtTm` as written (the bank's local date, no time zone
//!   conversion). An entry without `BookgDt` takes its `ValDt`, and without both the
//!   statement's creation date (`CreDtTm`, else `FrToDt/ToDtTm`, else the group header's).
//! - Amounts are kept exactly as written (`8.850` stays three decimals).

mod xml;

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use self::xml::El;
use super::fields::{self, squeeze};
use super::{Balance, Statement, StatementEntry, StatementFile, StatementFormat};
use crate::error::{Error, Result};
use crate::money::{Currency, Money};

/// Reads a camt.052/053/054 file.
pub fn parse(file: &str, bytes: &[u8]) -> Result<StatementFile> {
    let text = fields::decode(bytes);
    let tree = xml::read(file, &text)?;
    let p = Parser { file };
    let root = tree.root();
    if root.name() != "Document" {
        return Err(p.at(
            root,
            &format!(
                "the root element is <{}>, not a camt <Document>",
                root.name()
            ),
        ));
    }
    let Some(message) = root.children().next() else {
        return Err(p.at(root, "the Document is empty: no camt message in it"));
    };
    let name = message.name();
    let (format, item) = if name.starts_with("BkToCstmrAcctRpt") {
        (StatementFormat::Camt052, "Rpt")
    } else if name.starts_with("BkToCstmrStmt") {
        (StatementFormat::Camt053, "Stmt")
    } else if name.starts_with("BkToCstmrDbtCdtNtfctn") {
        (StatementFormat::Camt054, "Ntfctn")
    } else {
        return Err(p.at(
            message,
            &format!(
                "<{name}> is not a bank-to-customer statement, report or notification \
                 (camt.052/053/054)"
            ),
        ));
    };
    let header_date = message
        .at("GrpHdr/CreDtTm")
        .map(|e| p.date(e))
        .transpose()?;
    let mut statements = Vec::new();
    for s in message.all(item) {
        statements.push(p.statement(s, header_date)?);
    }
    if statements.is_empty() {
        return Err(p.at(
            message,
            &format!("no <{item}> in the file: it holds no statement, report or notification"),
        ));
    }
    fields::unique_entry_keys(&mut statements);
    Ok(StatementFile { format, statements })
}

struct Parser<'f> {
    file: &'f str,
}

/// What a `TxDtls` says about one transaction.
#[derive(Default)]
struct Tx {
    amount: Option<Money>,
    acct_svcr_ref: String,
    end_to_end: String,
    name: String,
    iban: String,
    reference: String,
    ustrd: Vec<String>,
    addtl_rmt: String,
    addtl_tx: String,
    code: String,
}

impl<'f> Parser<'f> {
    /// An error about an element: its line and its path.
    fn at(&self, el: El<'_>, reason: &str) -> Error {
        super::file_error(self.file, el.line(), &el.path(), reason)
    }

    fn required<'t>(&self, parent: El<'t>, path: &str) -> Result<El<'t>> {
        parent.at(path).ok_or_else(|| {
            self.at(
                parent,
                &format!("<{path}> is missing in <{}>", parent.name()),
            )
        })
    }

    fn date(&self, el: El<'_>) -> Result<NaiveDate> {
        let text = el.text();
        let parsed = text
            .get(..10)
            .filter(|_| text.is_char_boundary(10))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .filter(|_| {
                let rest = &text[10..];
                rest.is_empty() || rest.starts_with(['T', 'Z', '+', '-'])
            });
        parsed.ok_or_else(|| {
            self.at(
                el,
                &format!("'{text}' is not a date (YYYY-MM-DD or an ISO date-time)"),
            )
        })
    }

    /// `Dt/Dt` or `Dt/DtTm` (and the same under `BookgDt`, `ValDt`).
    fn date_choice(&self, el: El<'_>) -> Result<NaiveDate> {
        match el.child("Dt").or_else(|| el.child("DtTm")) {
            Some(d) => self.date(d),
            None => Err(self.at(el, "neither <Dt> nor <DtTm> gives the date")),
        }
    }

    /// An `Amt`-like element: a non-negative decimal with its `Ccy` attribute.
    fn money(&self, el: El<'_>) -> Result<Money> {
        let ccy = el
            .attr("Ccy")
            .ok_or_else(|| self.at(el, "the amount has no Ccy (currency) attribute"))?;
        let currency = Currency::parse(ccy)
            .map_err(|_| self.at(el, &format!("'{ccy}' is not a currency code")))?;
        let text = el.text();
        let well_formed = !text.is_empty()
            && text.bytes().filter(|&b| b == b'.').count() <= 1
            && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && text.bytes().any(|b| b.is_ascii_digit());
        let amount = Decimal::from_str(text)
            .ok()
            .filter(|_| well_formed)
            .ok_or_else(|| {
                self.at(
                    el,
                    &format!("'{text}' is not an amount (digits with a decimal point)"),
                )
            })?;
        Ok(Money::new(amount, currency))
    }

    /// Whether `CdtDbtInd` says `DBIT` (money out) rather than `CRDT`.
    fn debit(&self, parent: El<'_>) -> Result<bool> {
        let el = self.required(parent, "CdtDbtInd")?;
        match el.text() {
            "CRDT" => Ok(false),
            "DBIT" => Ok(true),
            other => Err(self.at(el, &format!("'{other}' is neither CRDT nor DBIT"))),
        }
    }

    fn statement(&self, s: El<'_>, header_date: Option<NaiveDate>) -> Result<Statement> {
        let id = self.required(s, "Id")?.text().to_string();
        let acct = self.required(s, "Acct")?;
        let account = [
            "Id/IBAN",
            "Id/Othr/Id",
            "Id/PrtryAcct/Id",
            "Id/BBAN",
            "Id/UPIC",
        ]
        .iter()
        .find_map(|path| acct.text_at(path))
        .map(fields::account)
        .ok_or_else(|| self.at(acct, "the account has no IBAN nor other identifier"))?;
        let own_date = match s.child("CreDtTm").or_else(|| s.at("FrToDt/ToDtTm")) {
            Some(d) => Some(self.date(d)?),
            None => None,
        };
        let fallback_date = own_date.or(header_date);
        let mut balances = Vec::new();
        for bal in s.all("Bal") {
            balances.push(self.balance(bal)?);
        }
        let mut entries = Vec::new();
        for (n, ntry) in s.all("Ntry").enumerate() {
            self.entry(ntry, &id, n + 1, fallback_date, &mut entries)?;
        }
        Ok(Statement {
            id,
            account,
            balances,
            entries,
        })
    }

    fn balance(&self, bal: El<'_>) -> Result<Balance> {
        let kind = ["Tp/CdOrPrtry/Cd", "Tp/CdOrPrtry/Prtry", "Tp/Cd", "Tp/Prtry"]
            .iter()
            .find_map(|path| bal.text_at(path))
            .ok_or_else(|| self.at(bal, "the balance has no type (Tp/CdOrPrtry/Cd)"))?;
        let money = self.money(self.required(bal, "Amt")?)?;
        let debit = self.debit(bal)?;
        let date = self.date_choice(self.required(bal, "Dt")?)?;
        Ok(Balance {
            kind: kind.to_string(),
            date,
            amount: Money::new(fields::signed(money.amount, debit), money.currency),
        })
    }

    fn entry(
        &self,
        ntry: El<'_>,
        statement_id: &str,
        n: usize,
        fallback_date: Option<NaiveDate>,
        out: &mut Vec<StatementEntry>,
    ) -> Result<()> {
        let money = self.money(self.required(ntry, "Amt")?)?;
        let debit = self.debit(ntry)?;
        let reversal = match ntry.child("RvslInd") {
            None => false,
            Some(el) => match el.text() {
                "true" | "1" => true,
                "false" | "0" => false,
                other => return Err(self.at(el, &format!("'{other}' is neither true nor false"))),
            },
        };
        let booking = ntry
            .child("BookgDt")
            .map(|e| self.date_choice(e))
            .transpose()?;
        let value = ntry
            .child("ValDt")
            .map(|e| self.date_choice(e))
            .transpose()?;
        let Some(booking_date) = booking.or(value).or(fallback_date) else {
            return Err(self.at(
                ntry,
                "the entry has no date: neither BookgDt, ValDt nor the statement's CreDtTm",
            ));
        };
        let value_date = value.unwrap_or(booking_date);
        let own_ref = ntry.text_at("AcctSvcrRef").unwrap_or("");
        let key = if own_ref.is_empty() {
            format!("{statement_id}/{n}")
        } else {
            own_ref.to_string()
        };
        let code = ntry.child("BkTxCd").map(code).unwrap_or_default();
        let addtl_ntry = ntry
            .text_at("AddtlNtryInf")
            .map(squeeze)
            .unwrap_or_default();

        let mut txs = Vec::new();
        for details in ntry.all("NtryDtls") {
            for tx in details.all("TxDtls") {
                txs.push(self.tx(tx, debit)?);
            }
        }
        let base = StatementEntry {
            entry: key.clone(),
            booking_date,
            value_date,
            amount: Money::new(fields::signed(money.amount, debit), money.currency),
            name: String::new(),
            iban: String::new(),
            reference: String::new(),
            remittance: String::new(),
            end_to_end: String::new(),
            reversal,
            transaction_code: code.clone(),
        };
        let split = txs.len() > 1 && txs.iter().all(|t| t.amount.is_some());
        if split {
            for (k, tx) in txs.iter().enumerate() {
                let mut e = base.clone();
                let shared = txs
                    .iter()
                    .filter(|t| t.acct_svcr_ref == tx.acct_svcr_ref)
                    .count()
                    > 1;
                e.entry = if tx.acct_svcr_ref.is_empty() || shared || tx.acct_svcr_ref == key {
                    format!("{key}/{}", k + 1)
                } else {
                    tx.acct_svcr_ref.clone()
                };
                if let Some(amount) = tx.amount {
                    e.amount = Money::new(fields::signed(amount.amount, debit), amount.currency);
                }
                e.name.clone_from(&tx.name);
                e.iban.clone_from(&tx.iban);
                e.reference.clone_from(&tx.reference);
                e.end_to_end.clone_from(&tx.end_to_end);
                e.remittance = remittance(std::slice::from_ref(tx), &addtl_ntry);
                if !tx.code.is_empty() {
                    e.transaction_code.clone_from(&tx.code);
                }
                out.push(e);
            }
            return Ok(());
        }
        let mut e = base;
        let first = |f: fn(&Tx) -> &String| {
            txs.iter()
                .map(f)
                .find(|v| !v.is_empty())
                .cloned()
                .unwrap_or_default()
        };
        if own_ref.is_empty() && txs.len() == 1 && !txs[0].acct_svcr_ref.is_empty() {
            e.entry.clone_from(&txs[0].acct_svcr_ref);
        }
        e.name = first(|t| &t.name);
        e.iban = first(|t| &t.iban);
        e.reference = first(|t| &t.reference);
        e.end_to_end = first(|t| &t.end_to_end);
        e.remittance = remittance(&txs, &addtl_ntry);
        if e.transaction_code.is_empty() {
            e.transaction_code = first(|t| &t.code);
        }
        out.push(e);
        Ok(())
    }

    fn tx(&self, tx: El<'_>, debit: bool) -> Result<Tx> {
        let amount = match tx.child("Amt").or_else(|| tx.at("AmtDtls/TxAmt/Amt")) {
            Some(el) => Some(self.money(el)?),
            None => None,
        };
        let parties = tx.child("RltdPties");
        let (party, ultimate, account) = if debit {
            ("Cdtr", "UltmtCdtr", "CdtrAcct")
        } else {
            ("Dbtr", "UltmtDbtr", "DbtrAcct")
        };
        let name_of = |p: &str| -> Option<String> {
            let el = parties?.child(p)?;
            ["Nm", "Pty/Nm", "Agt/FinInstnId/Nm"]
                .iter()
                .find_map(|path| el.text_at(path))
                .map(squeeze)
        };
        let name = name_of(party)
            .or_else(|| name_of(ultimate))
            .unwrap_or_default();
        let iban = parties
            .and_then(|p| p.child(account))
            .and_then(|a| a.text_at("Id/IBAN").or_else(|| a.text_at("Id/Othr/Id")))
            .map(fields::account)
            .unwrap_or_default();
        let rmt = tx.child("RmtInf");
        let ustrd = rmt
            .map(|r| {
                r.all("Ustrd")
                    .map(|u| squeeze(u.text()))
                    .filter(|u| !u.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let strd: Vec<El<'_>> = rmt.map(|r| r.all("Strd").collect()).unwrap_or_default();
        let reference = strd
            .iter()
            .find_map(|s| {
                s.text_at("CdtrRefInf/Ref")
                    .or_else(|| s.text_at("CdtrRefInf/CdtrRef"))
            })
            .map(str::to_string)
            .unwrap_or_default();
        let addtl_rmt = strd
            .iter()
            .flat_map(|s| s.all("AddtlRmtInf"))
            .map(|a| squeeze(a.text()))
            .filter(|a| !a.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        Ok(Tx {
            amount,
            acct_svcr_ref: tx.text_at("Refs/AcctSvcrRef").unwrap_or("").to_string(),
            end_to_end: fields::end_to_end(tx.text_at("Refs/EndToEndId").unwrap_or("")),
            name,
            iban,
            reference,
            ustrd,
            addtl_rmt,
            addtl_tx: tx.text_at("AddtlTxInf").map(squeeze).unwrap_or_default(),
            code: tx.child("BkTxCd").map(code).unwrap_or_default(),
        })
    }
}

/// The remittance of one or more transactions: their `Ustrd` lines, else their additional
/// remittance or transaction information, else the entry's.
fn remittance(txs: &[Tx], addtl_ntry: &str) -> String {
    let join = |f: fn(&Tx) -> Vec<&str>| -> String {
        txs.iter()
            .flat_map(f)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    [
        join(|t| t.ustrd.iter().map(String::as_str).collect()),
        join(|t| vec![t.addtl_rmt.as_str()]),
        join(|t| vec![t.addtl_tx.as_str()]),
        addtl_ntry.to_string(),
    ]
    .into_iter()
    .find(|s| !s.is_empty())
    .unwrap_or_default()
}

/// `BkTxCd` for display: `Domn/Cd` `/` `Fmly/Cd` `/` `Fmly/SubFmlyCd`, else `Prtry/Cd`.
fn code(bk: El<'_>) -> String {
    if let Some(domain) = bk.text_at("Domn/Cd") {
        return [
            Some(domain),
            bk.text_at("Domn/Fmly/Cd"),
            bk.text_at("Domn/Fmly/SubFmlyCd"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("/");
    }
    bk.text_at("Prtry/Cd").unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{StatementFormat, detect};

    /// `bank::detect` names the right camt message for every sample, from the content alone.
    #[test]
    fn detect_knows_every_camt_sample() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bank/camt");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).expect("the shared camt samples") {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".xml") {
                continue;
            }
            let expected = if name.starts_with("camt052") {
                StatementFormat::Camt052
            } else if name.starts_with("camt054") {
                StatementFormat::Camt054
            } else {
                StatementFormat::Camt053
            };
            assert_eq!(
                detect(&std::fs::read(&path).unwrap()),
                Some(expected),
                "{name}"
            );
            seen += 1;
        }
        assert_eq!(seen, 26);
    }
}
