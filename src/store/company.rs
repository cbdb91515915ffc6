//! The `company` table: one row, the user's own business.

use sqlx::{Row, SqlitePool};

use crate::domain::{Address, Company, Country};
use crate::error::{Error, Result};

use super::codec;

pub async fn insert(pool: &SqlitePool, c: &Company) -> Result<()> {
    sqlx::query(
        "INSERT INTO company (id, name, line1, line2, postal_code, city, country, vat_number, iban, bic, base_currency, email, phone, signature)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, line1 = excluded.line1, line2 = excluded.line2,
           postal_code = excluded.postal_code, city = excluded.city, country = excluded.country,
           vat_number = excluded.vat_number, iban = excluded.iban, bic = excluded.bic,
           base_currency = excluded.base_currency, email = excluded.email, phone = excluded.phone,
           signature = excluded.signature",
    )
    .bind(&c.name)
    .bind(&c.address.line1)
    .bind(&c.address.line2)
    .bind(&c.address.postal_code)
    .bind(&c.address.city)
    .bind(c.country.code())
    .bind(&c.vat_number)
    .bind(&c.iban)
    .bind(&c.bic)
    .bind(c.base_currency.code())
    .bind(&c.email)
    .bind(&c.phone)
    .bind(&c.signature)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn load(pool: &SqlitePool) -> Result<Company> {
    let row = sqlx::query("SELECT * FROM company WHERE id = 1")
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| Error::internal("the database has no company row"))?;
    let country: String = row.try_get("country")?;
    Ok(Company {
        name: row.try_get("name")?,
        address: Address {
            line1: row.try_get("line1")?,
            line2: row.try_get("line2")?,
            postal_code: row.try_get("postal_code")?,
            city: row.try_get("city")?,
        },
        country: codec::country(Some(&country))?.unwrap_or(Country::BE),
        vat_number: row.try_get("vat_number")?,
        iban: row.try_get("iban")?,
        bic: row.try_get("bic")?,
        base_currency: codec::currency(&row.try_get::<String, _>("base_currency")?)?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        signature: row.try_get("signature")?,
    })
}

impl super::Store {
    pub async fn company(&self) -> Result<Company> {
        load(self.pool()).await
    }

    /// Keeps the company's details, validated first.
    pub async fn save_company(&self, company: &Company) -> Result<()> {
        insert(self.pool(), &company.clone().validated()?).await
    }
}
