//! Which column of a file holds which field: canonical headers, common aliases (in the
//! languages of the users), and the user's own `target=source` mapping.

use super::table::{Table, import_error};
use crate::error::Result;

/// A field an import understands.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The canonical header (DESIGN §5), also the name used in `--map`.
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

const fn required(name: &'static str, aliases: &'static [&'static str]) -> Field {
    Field {
        name,
        aliases,
        required: true,
    }
}

const fn optional(name: &'static str, aliases: &'static [&'static str]) -> Field {
    Field {
        name,
        aliases,
        required: false,
    }
}

const CUSTOMER_NUMBER: &[&str] = &[
    "customer",
    "customer_id",
    "customer_no",
    "customer_code",
    "account",
    "account_number",
    "account_no",
    "debtor",
    "debtor_number",
    "debtor_id",
    "client",
    "client_id",
    "client_number",
    "klantnummer",
    "klantnr",
    "debiteurnummer",
    "numero_client",
    "no_client",
    "code_client",
    "kundennummer",
    "kundennr",
    "debitorennummer",
];
const CURRENCY: &[&str] = &[
    "cur",
    "ccy",
    "currency_code",
    "valuta",
    "devise",
    "waehrung",
    "wahrung",
];
const INVOICE_NUMBER: &[&str] = &[
    "invoice",
    "invoice_no",
    "invoice_id",
    "invoice_nr",
    "document_number",
    "document_no",
    "doc_no",
    "factuurnummer",
    "factuurnr",
    "numero_facture",
    "no_facture",
    "facture",
    "rechnungsnummer",
    "rechnungsnr",
    "belegnummer",
];

pub const CUSTOMER_FIELDS: &[Field] = &[
    required("customer_number", CUSTOMER_NUMBER),
    required(
        "name",
        &[
            "customer_name",
            "company",
            "company_name",
            "legal_name",
            "naam",
            "bedrijfsnaam",
            "nom",
            "raison_sociale",
            "firma",
            "firmenname",
        ],
    ),
    optional("iban", &["bank_account", "account_iban", "rekeningnummer"]),
    optional("email", &["e_mail", "mail", "email_address", "courriel"]),
    optional(
        "phone",
        &["telephone", "tel", "phone_number", "telefoon", "telefon"],
    ),
    optional("language", &["lang", "taal", "langue", "sprache"]),
    optional("country", &["country_code", "land", "pays"]),
    optional(
        "address_line1",
        &[
            "address", "street", "address1", "adres", "straat", "adresse", "rue", "strasse",
        ],
    ),
    optional("address_line2", &["address2"]),
    optional(
        "postal_code",
        &[
            "zip",
            "zip_code",
            "postcode",
            "post_code",
            "plz",
            "code_postal",
        ],
    ),
    optional(
        "city",
        &["town", "plaats", "gemeente", "ville", "stadt", "ort"],
    ),
    optional(
        "vat_number",
        &[
            "vat",
            "vat_id",
            "vat_no",
            "tax_id",
            "btw",
            "btw_nummer",
            "tva",
            "numero_tva",
            "ust_id",
            "ustid",
        ],
    ),
    optional(
        "credit_limit",
        &[
            "credit_line",
            "kredietlimiet",
            "limite_credit",
            "kreditlimit",
        ],
    ),
    optional(
        "payment_terms_days",
        &[
            "payment_terms",
            "terms",
            "terms_days",
            "betalingstermijn",
            "delai_paiement",
            "zahlungsziel",
        ],
    ),
    optional("currency", CURRENCY),
    optional("owner", &["account_manager", "credit_manager", "collector"]),
];

pub const INVOICE_FIELDS: &[Field] = &[
    required("invoice_number", INVOICE_NUMBER),
    required("customer_number", CUSTOMER_NUMBER),
    required(
        "issue_date",
        &[
            "invoice_date",
            "date",
            "document_date",
            "doc_date",
            "factuurdatum",
            "date_facture",
            "rechnungsdatum",
        ],
    ),
    required(
        "due_date",
        &[
            "duedate",
            "due",
            "payment_due",
            "vervaldatum",
            "vervaldag",
            "echeance",
            "date_echeance",
            "faelligkeit",
            "fälligkeit",
            "faellig_am",
            "fällig_am",
        ],
    ),
    required(
        "amount",
        &[
            "invoice_amount",
            "total",
            "amount_due",
            "gross_amount",
            "bedrag",
            "montant",
            "betrag",
        ],
    ),
    optional("currency", CURRENCY),
    optional(
        "reference",
        &[
            "structured_reference",
            "payment_reference",
            "ogm",
            "rf_reference",
        ],
    ),
    optional(
        "po_number",
        &[
            "po",
            "purchase_order",
            "order_number",
            "bestelnummer",
            "bon_de_commande",
            "bestellnummer",
        ],
    ),
    optional(
        "description",
        &["text", "omschrijving", "libelle", "beschreibung"],
    ),
    optional("disputed", &["dispute", "in_dispute", "betwist", "litige"]),
    optional(
        "open_amount",
        &[
            "open",
            "balance",
            "outstanding",
            "amount_open",
            "openstaand",
            "solde",
            "offen",
        ],
    ),
    optional(
        "paid_date",
        &[
            "settled_date",
            "settleddate",
            "payment_date",
            "date_paid",
            "betaaldatum",
            "date_paiement",
        ],
    ),
    optional("paid_amount", &["settled_amount", "amount_paid"]),
];

pub const PAYMENT_FIELDS: &[Field] = &[
    required("customer_number", CUSTOMER_NUMBER),
    required("invoice_number", INVOICE_NUMBER),
    required(
        "payment_date",
        &[
            "date",
            "paid_date",
            "settled_date",
            "value_date",
            "betaaldatum",
            "date_paiement",
        ],
    ),
    required(
        "amount",
        &[
            "paid_amount",
            "payment_amount",
            "bedrag",
            "montant",
            "betrag",
        ],
    ),
    optional(
        "reference",
        &[
            "payment_reference",
            "remittance",
            "communication",
            "mededeling",
        ],
    ),
];

/// Header text reduced for comparison: lower case, letters and digits only.
fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The column index of every field of an import, as resolved against one file's headers.
#[derive(Debug, Clone)]
pub struct Columns {
    fields: &'static [Field],
    index: Vec<Option<usize>>,
    headers: Vec<String>,
}

impl Columns {
    /// Resolves fields to columns: the user's mapping first, then the canonical name, then the
    /// aliases. A missing required field or a mapping naming no column is an error that lists
    /// the file's columns.
    pub fn resolve(
        table: &Table,
        fields: &'static [Field],
        mapping: &[(String, String)],
    ) -> Result<Columns> {
        Columns::build(table, fields, mapping, true)
    }

    /// Resolves fields to columns; `strict` makes every gap an error, otherwise a gap is an
    /// unmapped field.
    fn build(
        table: &Table,
        fields: &'static [Field],
        mapping: &[(String, String)],
        strict: bool,
    ) -> Result<Columns> {
        let normalized: Vec<String> = table.headers.iter().map(|h| normalize(h)).collect();
        let find = |name: &str| normalized.iter().position(|h| *h == normalize(name));
        let available = || {
            table
                .headers
                .iter()
                .map(|h| format!("'{h}'"))
                .collect::<Vec<_>>()
                .join(", ")
        };

        for (target, _) in mapping {
            if strict && !fields.iter().any(|f| f.name == target.as_str()) {
                let known = fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ");
                return Err(import_error(
                    &table.file,
                    0,
                    target,
                    &format!("unknown field in the mapping; fields are: {known}"),
                ));
            }
        }
        let mut index = Vec::with_capacity(fields.len());
        for field in fields {
            let mapped = mapping.iter().find(|(target, _)| target == field.name);
            let column = match mapped {
                // Mapped to nothing: the file's column of that name, if any, is not this field.
                Some((_, source)) if source.trim().is_empty() => None,
                Some((_, source)) if !strict => find(source),
                Some((_, source)) => Some(find(source).ok_or_else(|| {
                    import_error(
                        &table.file,
                        1,
                        source,
                        &format!(
                            "no such column for {} (the file has {})",
                            field.name,
                            available()
                        ),
                    )
                })?),
                None => find(field.name).or_else(|| field.aliases.iter().find_map(|a| find(a))),
            };
            if strict && column.is_none() && field.required {
                return Err(import_error(
                    &table.file,
                    1,
                    field.name,
                    &format!(
                        "required column missing (the file has {}); map one with {}=COLUMN",
                        available(),
                        field.name
                    ),
                ));
            }
            index.push(column);
        }
        Ok(Columns {
            fields,
            index,
            headers: table.headers.clone(),
        })
    }

    /// The column each field would be read from, as far as it can be told: like [`resolve`],
    /// but a missing column or a mapping naming none leaves the field unmapped instead of
    /// failing, for a preview the user corrects.
    ///
    /// [`resolve`]: Columns::resolve
    pub fn guess(table: &Table, fields: &'static [Field], mapping: &[(String, String)]) -> Columns {
        Columns::build(table, fields, mapping, false).expect("a lenient resolution does not fail")
    }

    /// The column of `field`, if the file has it.
    pub fn get(&self, field: &str) -> Option<usize> {
        let position = self
            .fields
            .iter()
            .position(|f| f.name == field)
            .expect("asked for a field the import defines");
        self.index[position]
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    /// The header text of the column holding `field`, as the user sees it in the file.
    pub fn header(&self, field: &str) -> String {
        self.get(field)
            .and_then(|i| self.headers.get(i))
            .cloned()
            .unwrap_or_else(|| field.to_string())
    }

    /// Field name → header, for showing the user which column was taken for what.
    pub fn describe(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .zip(&self.index)
            .filter_map(|(f, i)| i.map(|i| (f.name.to_string(), self.headers[i].clone())))
            .collect()
    }
}

/// Parses `target=source,target=source` as given on the command line.
pub fn parse_mapping(text: &str) -> Result<Vec<(String, String)>> {
    text.split(',')
        .filter(|pair| !pair.trim().is_empty())
        .map(|pair| {
            let (target, source) = pair.split_once('=').ok_or_else(|| {
                crate::error::Error::invalid(format!(
                    "'{pair}' is not target=source (e.g. invoice_number=DocNo)"
                ))
            })?;
            Ok((target.trim().to_string(), source.trim().to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(headers: &[&str]) -> Table {
        Table {
            file: "f.csv".into(),
            headers: headers.iter().map(|s| s.to_string()).collect(),
            records: vec![],
        }
    }

    #[test]
    fn ibm_headers_resolve_through_aliases() {
        let t = table(&[
            "countryCode",
            "customerID",
            "invoiceNumber",
            "InvoiceDate",
            "DueDate",
            "InvoiceAmount",
            "Disputed",
            "SettledDate",
        ]);
        let c = Columns::resolve(&t, INVOICE_FIELDS, &[]).unwrap();
        assert_eq!(c.get("customer_number"), Some(1));
        assert_eq!(c.get("invoice_number"), Some(2));
        assert_eq!(c.get("issue_date"), Some(3));
        assert_eq!(c.get("due_date"), Some(4));
        assert_eq!(c.get("amount"), Some(5));
        assert_eq!(c.get("disputed"), Some(6));
        assert_eq!(c.get("paid_date"), Some(7));
        assert_eq!(c.get("currency"), None);
    }

    #[test]
    fn mapping_wins_and_is_checked() {
        let t = table(&["DocNo", "Debtor", "Date", "Expiry", "Gross"]);
        let err = Columns::resolve(&t, INVOICE_FIELDS, &[]).unwrap_err();
        assert!(
            err.message.contains("'due_date': required column missing"),
            "{}",
            err.message
        );
        let map = parse_mapping("invoice_number=docno, due_date=Expiry, amount=Gross").unwrap();
        let c = Columns::resolve(&t, INVOICE_FIELDS, &map).unwrap();
        assert_eq!(c.get("invoice_number"), Some(0));
        assert_eq!(c.get("customer_number"), Some(1));
        assert_eq!(c.get("due_date"), Some(3));
        assert_eq!(c.header("amount"), "Gross");
        let bad = parse_mapping("invoice_number=Nope").unwrap();
        assert!(
            Columns::resolve(&t, INVOICE_FIELDS, &bad)
                .unwrap_err()
                .message
                .contains("no such column")
        );
        let unknown = parse_mapping("colour=DocNo").unwrap();
        assert!(
            Columns::resolve(&t, INVOICE_FIELDS, &unknown)
                .unwrap_err()
                .message
                .contains("unknown field")
        );
        assert!(parse_mapping("invoice_number").is_err());
    }
}
