//! The `customers`, `customer_ibans` and `contacts` tables.

use chrono::NaiveDate;
use sqlx::sqlite::SqliteRow;
use sqlx::{AssertSqlSafe, Row, SqlitePool};

use crate::domain::{
    Address, Contact, ContactId, Customer, CustomerDraft, CustomerId, CustomerNumber,
};
use crate::error::{Error, Result};
use crate::money::Money;

use super::codec;

/// Which optional customer columns a write carries. A re-import of a file without, say, an
/// `email` column must not blank the e-mail addresses already stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CustomerFields {
    pub vat_number: bool,
    pub address: bool,
    pub country: bool,
    pub language: bool,
    pub currency: bool,
    pub payment_terms_days: bool,
    pub credit_limit: bool,
    pub preferred_channel: bool,
    pub email: bool,
    pub phone: bool,
    pub owner: bool,
}

impl CustomerFields {
    pub const ALL: CustomerFields = CustomerFields {
        vat_number: true,
        address: true,
        country: true,
        language: true,
        currency: true,
        payment_terms_days: true,
        credit_limit: true,
        preferred_channel: true,
        email: true,
        phone: true,
        owner: true,
    };

    /// The `SET` list of an upsert: the name always, the other columns when carried.
    pub(crate) fn update_assignments(&self) -> String {
        let mut columns = vec!["name"];
        let groups: [(bool, &[&str]); 11] = [
            (self.vat_number, &["vat_number"]),
            (self.address, &["line1", "line2", "postal_code", "city"]),
            (self.country, &["country"]),
            (self.language, &["language"]),
            (self.currency, &["currency"]),
            (self.payment_terms_days, &["payment_terms_days"]),
            (self.credit_limit, &["credit_limit_minor"]),
            (self.preferred_channel, &["preferred_channel"]),
            (self.email, &["email"]),
            (self.phone, &["phone"]),
            (self.owner, &["owner"]),
        ];
        for (present, names) in groups {
            if present {
                columns.extend_from_slice(names);
            }
        }
        columns
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One line of the portfolio: a customer with its balance as of a date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CustomerSummary {
    pub id: CustomerId,
    pub number: String,
    pub name: String,
    pub country: Option<String>,
    pub owner: String,
    /// Sum of the open amounts of its items in the customer's currency.
    pub balance: Money,
    /// The part of the balance on invoices past their due date (open credit notes lower the
    /// balance, not the overdue amount).
    pub overdue: Money,
    pub open_items: i64,
    /// Days the oldest overdue item is past due, 0 if none.
    pub max_days_overdue: i64,
}

fn customer_from_row(row: &SqliteRow) -> Result<Customer> {
    let currency = codec::currency(&row.try_get::<String, _>("currency")?)?;
    let credit_limit: Option<i64> = row.try_get("credit_limit_minor")?;
    let ibans: Option<String> = row.try_get("ibans")?;
    Ok(Customer {
        id: CustomerId(row.try_get("id")?),
        details: CustomerDraft {
            number: CustomerNumber::parse(&row.try_get::<String, _>("number")?)?,
            name: row.try_get("name")?,
            vat_number: row.try_get("vat_number")?,
            address: Address {
                line1: row.try_get("line1")?,
                line2: row.try_get("line2")?,
                postal_code: row.try_get("postal_code")?,
                city: row.try_get("city")?,
            },
            country: codec::country(row.try_get::<Option<String>, _>("country")?.as_deref())?,
            language: codec::language(&row.try_get::<String, _>("language")?)?,
            currency,
            payment_terms_days: row
                .try_get::<i64, _>("payment_terms_days")?
                .try_into()
                .unwrap_or(0),
            credit_limit: credit_limit.map(|m| Money::from_minor(m, currency)),
            preferred_channel: codec::channel(&row.try_get::<String, _>("preferred_channel")?)?,
            email: row.try_get("email")?,
            phone: row.try_get("phone")?,
            ibans: ibans
                .map(|s| s.split(',').map(str::to_string).collect())
                .unwrap_or_default(),
            owner: row.try_get("owner")?,
        },
    })
}

const SELECT_CUSTOMER: &str = "SELECT c.*, (SELECT group_concat(iban, ',') FROM customer_ibans ci WHERE ci.customer_id = c.id) AS ibans FROM customers c";

pub async fn by_number(pool: &SqlitePool, number: &str) -> Result<Option<Customer>> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "{SELECT_CUSTOMER} WHERE c.number = ?"
    )))
    .bind(number.trim())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(customer_from_row).transpose()
}

pub async fn by_id(pool: &SqlitePool, id: CustomerId) -> Result<Option<Customer>> {
    let row = sqlx::query(AssertSqlSafe(format!("{SELECT_CUSTOMER} WHERE c.id = ?")))
        .bind(id.0)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(customer_from_row).transpose()
}

pub async fn contacts(pool: &SqlitePool, customer: CustomerId) -> Result<Vec<Contact>> {
    let rows =
        sqlx::query("SELECT * FROM contacts WHERE customer_id = ? ORDER BY is_billing DESC, name")
            .bind(customer.0)
            .fetch_all(pool)
            .await?;
    rows.iter()
        .map(|row| {
            Ok(Contact {
                id: ContactId(row.try_get("id")?),
                customer_id: customer,
                name: row.try_get("name")?,
                role: row.try_get("role")?,
                email: row.try_get("email")?,
                phone: row.try_get("phone")?,
                is_billing: row.try_get::<i64, _>("is_billing")? != 0,
            })
        })
        .collect()
}

/// The portfolio as of `as_of`, largest overdue first.
pub async fn summaries(pool: &SqlitePool, as_of: NaiveDate) -> Result<Vec<CustomerSummary>> {
    summaries_of(pool, as_of, None).await
}

/// The portfolio lines of every customer, or of `only` one.
async fn summaries_of(
    pool: &SqlitePool,
    as_of: NaiveDate,
    only: Option<CustomerId>,
) -> Result<Vec<CustomerSummary>> {
    // Reads only `invoices_open_by_customer` (a covering index of open items); one customer
    // is looked up by its key, not filtered out of the whole portfolio.
    const SUMMARY: &str = "SELECT c.id, c.number, c.name, c.country, c.owner, c.currency,
                COALESCE(SUM(i.open_minor), 0) AS balance,
                COALESCE(SUM(CASE WHEN i.due_date < ?1 AND i.kind = 'invoice' THEN i.open_minor END), 0) AS overdue,
                COUNT(i.open_minor) AS open_items,
                MIN(CASE WHEN i.due_date < ?1 AND i.kind = 'invoice' THEN i.due_date END) AS oldest_due
         FROM customers c
         LEFT JOIN invoices i ON i.customer_id = c.id AND i.open_minor <> 0 AND i.currency = c.currency";
    let query = match only {
        Some(id) => sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SUMMARY} WHERE c.id = ?2 GROUP BY c.id"
        )))
        .bind(as_of)
        .bind(id.0),
        None => sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SUMMARY} GROUP BY c.id ORDER BY overdue DESC, balance DESC, c.name"
        )))
        .bind(as_of),
    };
    let rows = query.fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            let currency: String = row.try_get("currency")?;
            let oldest_due: Option<String> = row.try_get("oldest_due")?;
            let max_days_overdue = match oldest_due {
                Some(d) => (as_of - codec::date(&d)?).num_days(),
                None => 0,
            };
            Ok(CustomerSummary {
                id: CustomerId(row.try_get("id")?),
                number: row.try_get("number")?,
                name: row.try_get("name")?,
                country: row.try_get("country")?,
                owner: row.try_get("owner")?,
                balance: codec::money(row.try_get("balance")?, &currency)?,
                overdue: codec::money(row.try_get("overdue")?, &currency)?,
                open_items: row.try_get("open_items")?,
                max_days_overdue,
            })
        })
        .collect()
}

/// Every customer number with its id and currency: what an invoice import resolves against.
pub async fn directory(pool: &SqlitePool) -> Result<Vec<(String, CustomerId, String)>> {
    let rows = sqlx::query("SELECT number, id, currency FROM customers")
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("number")?,
                CustomerId(r.try_get("id")?),
                r.try_get("currency")?,
            ))
        })
        .collect()
}

impl super::Store {
    pub async fn customer_by_number(&self, number: &str) -> Result<Customer> {
        by_number(self.pool(), number)
            .await?
            .ok_or_else(|| Error::not_found(format!("no customer with number '{}'", number.trim())))
    }

    pub async fn customer(&self, id: CustomerId) -> Result<Customer> {
        by_id(self.pool(), id)
            .await?
            .ok_or_else(|| Error::not_found(format!("no customer with id {id}")))
    }

    pub async fn contacts(&self, customer: CustomerId) -> Result<Vec<Contact>> {
        contacts(self.pool(), customer).await
    }

    pub async fn customer_summaries(&self, as_of: NaiveDate) -> Result<Vec<CustomerSummary>> {
        summaries(self.pool(), as_of).await
    }

    /// One customer's portfolio line: balance, overdue, open items as of `as_of`.
    pub async fn customer_summary(
        &self,
        id: CustomerId,
        as_of: NaiveDate,
    ) -> Result<CustomerSummary> {
        summaries_of(self.pool(), as_of, Some(id))
            .await?
            .pop()
            .ok_or_else(|| Error::not_found(format!("no customer with id {id}")))
    }
}

impl super::Store {
    /// Every customer's id with its owner and its country (empty when none): the groups the
    /// KPIs add customers' sums up by.
    pub async fn customer_groups(&self) -> Result<Vec<(CustomerId, String, String)>> {
        let rows = sqlx::query("SELECT id, owner, COALESCE(country, '') AS country FROM customers")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    CustomerId(row.try_get("id")?),
                    row.try_get("owner")?,
                    row.try_get("country")?,
                ))
            })
            .collect()
    }

    /// Customer number → (id, currency), for resolving the rows of an import.
    pub async fn customer_directory(
        &self,
    ) -> Result<std::collections::HashMap<String, (CustomerId, crate::money::Currency)>> {
        directory(self.pool())
            .await?
            .into_iter()
            .map(|(number, id, currency)| Ok((number, (id, codec::currency(&currency)?))))
            .collect()
    }
}
