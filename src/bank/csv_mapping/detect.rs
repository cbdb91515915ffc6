//! Finding a CSV statement's mapping from the file: the delimiter and the header row that
//! name the most known columns, the columns by their header (EN/FR/NL/DE aliases), the date
//! format and the decimal separator from the values, footer rows that are not movements.

use super::{AmountColumns, CsvMapping, CurrencySource, DecimalMark, Row, file_error, read_rows};
use crate::error::Result;
use crate::import::values::{self, DecimalSeparator};
use crate::money::Currency;

/// What a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    BookingDate,
    ValueDate,
    Amount,
    Debit,
    Credit,
    Indicator,
    Currency,
    Name,
    Iban,
    Reference,
    Remittance,
    EntryId,
}

/// Header aliases, compared after [`normalize`] (lower case, accents and punctuation dropped).
const ALIASES: &[(Role, &[&str])] = &[
    (
        Role::BookingDate,
        &[
            "date",
            "booking date",
            "transaction date",
            "posting date",
            "entry date",
            "date operation",
            "date de l operation",
            "date comptable",
            "date d execution",
            "datum",
            "boekdatum",
            "boekingsdatum",
            "transactiedatum",
            "uitvoeringsdatum",
            "buchungstag",
            "buchungsdatum",
        ],
    ),
    (
        Role::ValueDate,
        &[
            "value date",
            "date valeur",
            "date de valeur",
            "valutadatum",
            "valuta datum",
            "rentedatum",
            "wertstellung",
            "valutadatum wertstellung",
        ],
    ),
    (
        Role::Amount,
        &[
            "amount",
            "transaction amount",
            "amount eur",
            "montant",
            "montant eur",
            "bedrag",
            "bedrag eur",
            "betrag",
            "betrag eur",
            "umsatz",
        ],
    ),
    (
        Role::Debit,
        &[
            "debit",
            "debit amount",
            "withdrawal",
            "withdrawals",
            "money out",
            "paid out",
            "af",
            "debet",
            "uitgaven",
            "soll",
            "ausgang",
            "lastschrift",
        ],
    ),
    (
        Role::Credit,
        &[
            "credit",
            "credit amount",
            "deposit",
            "deposits",
            "money in",
            "paid in",
            "bij",
            "ontvangsten",
            "haben",
            "eingang",
            "gutschrift",
        ],
    ),
    (
        Role::Indicator,
        &[
            "d c",
            "dc",
            "c d",
            "debit credit",
            "credit debit",
            "cr dr",
            "dr cr",
            "debit credit indicator",
            "sens",
            "af bij",
            "bij af",
            "soll haben",
            "s h",
        ],
    ),
    (
        Role::Currency,
        &[
            "currency", "ccy", "devise", "monnaie", "valuta", "munt", "wahrung", "waehrung",
        ],
    ),
    (
        Role::Name,
        &[
            "name",
            "payee",
            "payer",
            "counterparty",
            "counterparty name",
            "partner name",
            "beneficiary",
            "nom",
            "tiers",
            "contrepartie",
            "nom contrepartie",
            "nom de la contrepartie",
            "naam",
            "tegenpartij",
            "naam tegenpartij",
            "naam tegenrekening",
            "begunstigde",
            "empfanger",
            "auftraggeber",
            "zahlungsempfanger",
            "beguenstigter zahlungspflichtiger",
            "beguenstigter auftraggeber",
            "name zahlungsbeteiligter",
        ],
    ),
    (
        Role::Iban,
        &[
            "iban",
            "account",
            "bank account",
            "counterparty account",
            "counterparty iban",
            "account number",
            "compte",
            "compte contrepartie",
            "compte de la contrepartie",
            "iban contrepartie",
            "rekening",
            "tegenrekening",
            "rekening tegenpartij",
            "rekeningnummer tegenpartij",
            "iban tegenpartij",
            "konto",
            "kontonummer",
            "gegenkonto",
            "iban auftraggeber",
            "iban zahlungsbeteiligter",
        ],
    ),
    (
        Role::Reference,
        &[
            "structured reference",
            "structured communication",
            "creditor reference",
            "payment reference",
            "communication structuree",
            "gestructureerde mededeling",
            "ogm",
            "strukturierte referenz",
        ],
    ),
    (
        Role::Remittance,
        &[
            "reference",
            "label",
            "description",
            "details",
            "detail",
            "communication",
            "message",
            "memo",
            "narrative",
            "remittance",
            "remittance information",
            "purpose",
            "libelle",
            "libelle operation",
            "communication libre",
            "omschrijving",
            "mededeling",
            "mededelingen",
            "verwendungszweck",
            "buchungstext",
            "text",
        ],
    ),
    (
        Role::EntryId,
        &[
            "operation number",
            "transaction id",
            "transaction reference",
            "bank reference",
            "numero d operation",
            "numero operation",
            "reference operation",
            "volgnummer",
            "transactienummer",
            "referentie bank",
            "buchungsreferenz",
        ],
    ),
];

/// Indicator values read as a debit and as a credit.
const DEBIT_MARKS: &[&str] = &[
    "D", "DR", "DB", "Debit", "Débit", "Debet", "Af", "S", "Soll",
];
const CREDIT_MARKS: &[&str] = &["C", "CR", "Credit", "Crédit", "Bij", "H", "Haben"];

/// Keys of metadata lines that give the statement's own account.
const ACCOUNT_KEYS: &[&str] = &[
    "account number",
    "account",
    "account no",
    "iban",
    "numero de compte",
    "n de compte",
    "compte",
    "rekeningnummer",
    "rekening",
    "kontonummer",
    "konto",
];

/// Lower case, common accents folded, punctuation as single spaces: "Date opération" →
/// "date operation", "D/C" → "d c", "Währung" → "wahrung".
fn normalize(text: &str) -> String {
    let folded: String = text
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ß' => 's',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn role_of(header: &str) -> Option<Role> {
    let name = normalize(header);
    ALIASES
        .iter()
        .find(|(_, aliases)| aliases.contains(&name.as_str()))
        .map(|(role, _)| *role)
}

/// The roles found in a header row: each role its first column (remittance: every column).
struct Found<'r> {
    row: &'r Row,
    roles: Vec<(Role, usize)>,
}

impl Found<'_> {
    fn first(&self, role: Role) -> Option<usize> {
        self.roles.iter().find(|(r, _)| *r == role).map(|(_, c)| *c)
    }

    fn name(&self, column: usize) -> String {
        self.row.get(Some(column)).to_string()
    }

    fn header(&self) -> String {
        self.row
            .cells
            .iter()
            .map(|c| c.trim())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn roles(row: &Row) -> Vec<(Role, usize)> {
    row.cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| role_of(c).map(|r| (r, i)))
        .collect()
}

/// Finds the mapping of a CSV statement from its content.
pub fn detect(file: &str, bytes: &[u8]) -> Result<CsvMapping> {
    // The delimiter and the header row that name the most known columns among the first lines.
    let mut best: Option<(usize, char, usize)> = None;
    for delimiter in [',', ';', '\t', '|'] {
        let Ok(rows) = read_rows(file, bytes, delimiter) else {
            continue;
        };
        for (index, row) in rows.iter().enumerate().take(30) {
            let found = roles(row);
            let dated = found.iter().any(|(r, _)| *r == Role::BookingDate);
            let score = found.len();
            if dated && score >= 2 && best.is_none_or(|(s, ..)| score > s) {
                best = Some((score, delimiter, index));
            }
        }
    }
    let Some((_, delimiter, header_index)) = best else {
        let first = String::from_utf8_lossy(bytes)
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect::<String>();
        return Err(file_error(
            file,
            0,
            "",
            &format!(
                "could not find the header line: no line names a date column (Date, Datum, Date opération, Buchungstag, …) beside other known columns; the first line is: {first}"
            ),
        ));
    };
    let rows = read_rows(file, bytes, delimiter)?;
    let header = &rows[header_index];
    let found = Found {
        row: header,
        roles: roles(header),
    };
    let missing = |what: &str| {
        file_error(
            file,
            header.line,
            "",
            &format!(
                "could not find the {what} in the header line: {}",
                found.header()
            ),
        )
    };
    let booking = found
        .first(Role::BookingDate)
        .ok_or_else(|| missing("date column"))?;
    let value_date = found.first(Role::ValueDate);
    let amount_columns: Vec<usize> = match (
        found.first(Role::Amount),
        found.first(Role::Debit),
        found.first(Role::Credit),
    ) {
        (Some(a), _, _) => vec![a],
        (None, Some(d), Some(c)) => vec![d, c],
        _ => {
            return Err(missing(
                "amount column (Amount, Montant, Bedrag, Betrag) nor debit and credit columns",
            ));
        }
    };

    // Trailing rows whose date cell holds no digit at all ("Balance at start of period",
    // "Total") are a footer. A mistyped date such as 31/13/2026 is not: it is refused below.
    let body = &rows[header_index + 1..];
    let footer_lines = body
        .iter()
        .rev()
        .take_while(|r| !r.get(Some(booking)).bytes().any(|b| b.is_ascii_digit()))
        .count();
    let body = &body[..body.len() - footer_lines];
    if body.is_empty() {
        return Err(file_error(
            file,
            header.line,
            "",
            "the file has a header line but no movement under it",
        ));
    }
    let date_cells = body.iter().flat_map(|r| {
        std::iter::once(r.get(Some(booking))).chain(value_date.map(|c| r.get(Some(c))))
    });
    let date_format = values::detect_date_format(date_cells).map_err(|bad| {
        let row = body
            .iter()
            .find(|r| r.get(Some(booking)) == bad)
            .map_or(0, |r| r.line);
        file_error(
            file,
            row,
            &found.name(booking),
            &format!("'{bad}' is not a date in a format Creditdesk knows"),
        )
    })?;
    let decimal = values::detect_decimal_separator(
        body.iter()
            .flat_map(|r| amount_columns.iter().map(move |&c| r.get(Some(c)))),
    );

    let amount = match amount_columns[..] {
        [a] => match found.first(Role::Indicator) {
            Some(indicator) => {
                for row in body {
                    let mark = row.get(Some(indicator));
                    let known = |marks: &[&str]| marks.iter().any(|m| m.eq_ignore_ascii_case(mark));
                    if !known(DEBIT_MARKS) && !known(CREDIT_MARKS) {
                        return Err(file_error(
                            file,
                            row.line,
                            &found.name(indicator),
                            &format!("'{mark}' is neither a debit nor a credit mark"),
                        ));
                    }
                }
                AmountColumns::Indicator {
                    column: found.name(a),
                    indicator: found.name(indicator),
                    debit_values: DEBIT_MARKS.iter().map(|m| m.to_string()).collect(),
                    credit_values: CREDIT_MARKS.iter().map(|m| m.to_string()).collect(),
                }
            }
            None => AmountColumns::Signed {
                column: found.name(a),
            },
        },
        [d, c, ..] => AmountColumns::DebitCredit {
            debit: found.name(d),
            credit: found.name(c),
        },
        [] => return Err(missing("amount column")),
    };
    let currency = match found.first(Role::Currency) {
        Some(c) => CurrencySource::Column {
            column: found.name(c),
        },
        None => CurrencySource::Fixed {
            currency: metadata_currency(&rows[..header_index]).unwrap_or(Currency::EUR),
        },
    };
    let name_of = |role: Role| found.first(role).map(|c| found.name(c));
    Ok(CsvMapping {
        delimiter,
        decimal_separator: match decimal {
            DecimalSeparator::Point => DecimalMark::Point,
            DecimalSeparator::Comma => DecimalMark::Comma,
        },
        date_format: date_format.format.0,
        header_line: usize::try_from(header.line.saturating_sub(1)).unwrap_or(0),
        footer_lines,
        booking_date: found.name(booking),
        value_date: value_date.map(|c| found.name(c)),
        amount,
        invert_sign: false,
        currency,
        name: name_of(Role::Name),
        iban: name_of(Role::Iban),
        reference: name_of(Role::Reference),
        remittance: found
            .roles
            .iter()
            .filter(|(r, _)| *r == Role::Remittance)
            .map(|(_, c)| found.name(*c))
            .collect(),
        entry_id: name_of(Role::EntryId),
    })
}

/// `key : value` cells of the metadata lines, or a key cell followed by its value cell.
fn metadata(rows: &[Row]) -> impl Iterator<Item = (String, String)> + '_ {
    rows.iter().flat_map(|row| {
        row.cells.iter().enumerate().filter_map(move |(i, cell)| {
            if let Some((key, value)) = cell.split_once(':') {
                Some((normalize(key), value.trim().to_string()))
            } else {
                let next = row.get(Some(i + 1));
                (!next.is_empty() && !cell.trim().is_empty())
                    .then(|| (normalize(cell), next.to_string()))
            }
        })
    })
}

/// The statement's own account from metadata lines such as `Account Number : 0808…`.
pub(super) fn account(rows: &[Row]) -> String {
    metadata(rows)
        .find(|(key, value)| ACCOUNT_KEYS.contains(&key.as_str()) && !value.is_empty())
        .map(|(_, value)| {
            value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase()
        })
        .unwrap_or_default()
}

/// A currency given in the metadata: `Currency : EUR`, or a bare `: EUR`.
fn metadata_currency(rows: &[Row]) -> Option<Currency> {
    metadata(rows)
        .filter(|(key, _)| key.is_empty() || role_of(key) == Some(Role::Currency))
        .find_map(|(_, value)| {
            (value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()))
                .then(|| Currency::parse(&value).ok())
                .flatten()
        })
}
