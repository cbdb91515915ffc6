//! The transport types of the IPC: what crosses between the desktop shell and the UI, as
//! JSON. Converted by hand from the core's domain types, which stay free of transport
//! concerns. Money is `{amount, currency}` with the amount as a decimal string; dates are
//! `YYYY-MM-DD` strings. TypeScript bindings are generated from these (`ui/src/api/bindings/`).

use creditdesk::domain::{Contact, Customer, Invoice, InvoiceStatus};
use creditdesk::money::Money;
use creditdesk::portfolio::{Ageing, Overview, RecentEvent};
use creditdesk::store::{CustomerSummary, TimelineEvent, TimelineKind, TimelinePage};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount of money: `amount` is a decimal string ("1234.50"), never a float.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MoneyDto {
    pub amount: String,
    pub currency: String,
}

impl From<&Money> for MoneyDto {
    fn from(m: &Money) -> Self {
        MoneyDto {
            amount: m.amount_text(),
            currency: m.currency.code().to_string(),
        }
    }
}

fn money(m: &Money) -> MoneyDto {
    m.into()
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// What the app needs before it can show the portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SetupDto {
    /// First start: no database yet.
    NeedsDatabase,
    /// The database is protected by a passphrase the user must type.
    NeedsPassphrase,
    /// The database is open.
    Ready,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppStatusDto {
    pub setup: SetupDto,
    pub data_dir: String,
    pub database_path: String,
    /// The OS keychain answers (probed at first start, where it decides how the new database
    /// keeps its key; afterwards: the open database's key is in it).
    pub keychain_available: bool,
    /// The open database holds no customer yet (offer the demo or an import).
    pub empty: bool,
    pub company_name: String,
    /// The database's key comes from a passphrase (so it can be locked), not the keychain.
    pub passphrase_protected: bool,
    /// Minutes without use before the window locks the database; 0: never (always 0 for a
    /// keychain database, or while none is open).
    pub idle_lock_minutes: u32,
}

/// Settings kept in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreferencesDto {
    /// Minutes without use before a passphrase database locks; 0: never.
    pub idle_lock_minutes: u32,
}

impl From<creditdesk::store::Preferences> for PreferencesDto {
    fn from(p: creditdesk::store::Preferences) -> Self {
        PreferencesDto {
            idle_lock_minutes: p.idle_lock_minutes,
        }
    }
}

impl From<PreferencesDto> for creditdesk::store::Preferences {
    fn from(p: PreferencesDto) -> Self {
        creditdesk::store::Preferences {
            idle_lock_minutes: p.idle_lock_minutes,
        }
    }
}

/// A backup written: the file, the salt file it needs beside it, its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupDto {
    pub path: String,
    pub salt_path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

impl From<&creditdesk::backup::Backup> for BackupDto {
    fn from(b: &creditdesk::backup::Backup) -> Self {
        BackupDto {
            path: b.path.display().to_string(),
            salt_path: b.salt_path.display().to_string(),
            bytes: b.bytes,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgeingDto {
    pub current: MoneyDto,
    pub days_1_30: MoneyDto,
    pub days_31_60: MoneyDto,
    pub days_61_90: MoneyDto,
    pub days_over_90: MoneyDto,
}

impl From<&Ageing> for AgeingDto {
    fn from(a: &Ageing) -> Self {
        AgeingDto {
            current: money(&a.current),
            days_1_30: money(&a.days_1_30),
            days_31_60: money(&a.days_31_60),
            days_61_90: money(&a.days_61_90),
            days_over_90: money(&a.days_over_90),
        }
    }
}

/// One line of the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerRowDto {
    pub id: u32,
    pub number: String,
    pub name: String,
    pub country: Option<String>,
    pub owner: String,
    pub balance: MoneyDto,
    pub overdue: MoneyDto,
    pub open_items: u32,
    pub max_days_overdue: u32,
}

impl From<&CustomerSummary> for CustomerRowDto {
    fn from(c: &CustomerSummary) -> Self {
        CustomerRowDto {
            id: u32::try_from(c.id.0).unwrap_or(0),
            number: c.number.clone(),
            name: c.name.clone(),
            country: c.country.clone(),
            owner: c.owner.clone(),
            balance: money(&c.balance),
            overdue: money(&c.overdue),
            open_items: count(c.open_items),
            max_days_overdue: count(c.max_days_overdue),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecentEventDto {
    pub date: String,
    pub kind: TimelineKindDto,
    pub customer_id: u32,
    pub customer_number: String,
    pub customer_name: String,
    pub amount: Option<MoneyDto>,
    pub text: String,
}

impl From<&RecentEvent> for RecentEventDto {
    fn from(e: &RecentEvent) -> Self {
        RecentEventDto {
            date: date(e.date),
            kind: e.kind.into(),
            customer_id: u32::try_from(e.customer_id.0).unwrap_or(u32::MAX),
            customer_number: e.customer_number.clone(),
            customer_name: e.customer_name.clone(),
            amount: e.amount.as_ref().map(money),
            text: e.text.clone(),
        }
    }
}

/// The dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OverviewDto {
    pub as_of: String,
    pub currency: String,
    pub total_open: MoneyDto,
    pub overdue: MoneyDto,
    pub unapplied_credits: MoneyDto,
    pub ageing: AgeingDto,
    pub open_invoices: u32,
    pub overdue_invoices: u32,
    pub biggest_overdue: Vec<CustomerRowDto>,
    pub recent: Vec<RecentEventDto>,
    pub other_currencies: Vec<MoneyDto>,
}

impl From<&Overview> for OverviewDto {
    fn from(o: &Overview) -> Self {
        OverviewDto {
            as_of: date(o.as_of),
            currency: o.currency.code().to_string(),
            total_open: money(&o.total_open),
            overdue: money(&o.overdue),
            unapplied_credits: money(&o.unapplied_credits),
            ageing: (&o.ageing).into(),
            open_invoices: count(o.open_invoices),
            overdue_invoices: count(o.overdue_invoices),
            biggest_overdue: o.biggest_overdue.iter().map(Into::into).collect(),
            recent: o.recent.iter().map(Into::into).collect(),
            other_currencies: o.other_currencies.iter().map(money).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContactDto {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub is_billing: bool,
}

impl From<&Contact> for ContactDto {
    fn from(c: &Contact) -> Self {
        ContactDto {
            name: c.name.clone(),
            role: c.role.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            is_billing: c.is_billing,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InvoiceDto {
    pub id: u32,
    pub number: String,
    /// `invoice` or `credit_note`.
    pub kind: String,
    pub issue_date: String,
    pub due_date: String,
    pub amount: MoneyDto,
    pub open_amount: MoneyDto,
    pub disputed: bool,
    /// Days past due on the day asked about; 0 when not yet due or settled.
    pub days_overdue: u32,
    pub reference: String,
}

impl InvoiceDto {
    pub fn new(i: &Invoice, as_of: chrono::NaiveDate) -> Self {
        let days_overdue = match i.status(as_of) {
            InvoiceStatus::Overdue { days_overdue } => count(days_overdue),
            _ => 0,
        };
        InvoiceDto {
            id: u32::try_from(i.id.0).unwrap_or(0),
            number: i.details.number.to_string(),
            kind: i.details.kind.code().to_string(),
            issue_date: date(i.details.issue_date),
            due_date: date(i.details.due_date),
            amount: money(&i.details.amount),
            open_amount: money(&i.open_amount),
            disputed: i.details.disputed,
            days_overdue,
            reference: i.details.reference.clone(),
        }
    }
}

/// One customer, with the people to call and the open items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerDetailDto {
    pub id: u32,
    pub number: String,
    pub name: String,
    pub vat_number: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: Option<String>,
    /// `en`, `fr`, `nl` or `de`.
    pub language: String,
    pub currency: String,
    pub payment_terms_days: u32,
    pub credit_limit: Option<MoneyDto>,
    /// `email`, `letter` or `phone`.
    pub preferred_channel: String,
    pub email: String,
    pub phone: String,
    pub ibans: Vec<String>,
    pub owner: String,
    pub contacts: Vec<ContactDto>,
    pub open_invoices: Vec<InvoiceDto>,
    pub balance: MoneyDto,
    pub overdue: MoneyDto,
}

impl CustomerDetailDto {
    pub fn new(
        c: &Customer,
        contacts: &[Contact],
        open: &[Invoice],
        balance: &Money,
        overdue: &Money,
        as_of: chrono::NaiveDate,
    ) -> Self {
        let d = &c.details;
        CustomerDetailDto {
            id: u32::try_from(c.id.0).unwrap_or(0),
            number: d.number.to_string(),
            name: d.name.clone(),
            vat_number: d.vat_number.clone(),
            address_line1: d.address.line1.clone(),
            address_line2: d.address.line2.clone(),
            postal_code: d.address.postal_code.clone(),
            city: d.address.city.clone(),
            country: d.country.map(|k| k.code().to_string()),
            language: d.language.code().to_string(),
            currency: d.currency.code().to_string(),
            payment_terms_days: d.payment_terms_days,
            credit_limit: d.credit_limit.as_ref().map(money),
            preferred_channel: d.preferred_channel.code().to_string(),
            email: d.email.clone(),
            phone: d.phone.clone(),
            ibans: d.ibans.clone(),
            owner: d.owner.clone(),
            contacts: contacts.iter().map(Into::into).collect(),
            open_invoices: open.iter().map(|i| InvoiceDto::new(i, as_of)).collect(),
            balance: money(balance),
            overdue: money(overdue),
        }
    }
}

/// The kinds of timeline events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimelineKindDto {
    InvoiceIssued,
    CreditNoteIssued,
    DuePassed,
    Payment,
    Note,
    Call,
    Email,
    Letter,
    Promise,
    Dispute,
    LevelChange,
    Alert,
}

impl From<TimelineKind> for TimelineKindDto {
    fn from(k: TimelineKind) -> Self {
        match k {
            TimelineKind::InvoiceIssued => TimelineKindDto::InvoiceIssued,
            TimelineKind::CreditNoteIssued => TimelineKindDto::CreditNoteIssued,
            TimelineKind::DuePassed => TimelineKindDto::DuePassed,
            TimelineKind::Payment => TimelineKindDto::Payment,
            TimelineKind::Note => TimelineKindDto::Note,
            TimelineKind::Call => TimelineKindDto::Call,
            TimelineKind::Email => TimelineKindDto::Email,
            TimelineKind::Letter => TimelineKindDto::Letter,
            TimelineKind::Promise => TimelineKindDto::Promise,
            TimelineKind::Dispute => TimelineKindDto::Dispute,
            TimelineKind::LevelChange => TimelineKindDto::LevelChange,
            TimelineKind::Alert => TimelineKindDto::Alert,
        }
    }
}

impl From<TimelineKindDto> for TimelineKind {
    fn from(k: TimelineKindDto) -> Self {
        match k {
            TimelineKindDto::InvoiceIssued => TimelineKind::InvoiceIssued,
            TimelineKindDto::CreditNoteIssued => TimelineKind::CreditNoteIssued,
            TimelineKindDto::DuePassed => TimelineKind::DuePassed,
            TimelineKindDto::Payment => TimelineKind::Payment,
            TimelineKindDto::Note => TimelineKind::Note,
            TimelineKindDto::Call => TimelineKind::Call,
            TimelineKindDto::Email => TimelineKind::Email,
            TimelineKindDto::Letter => TimelineKind::Letter,
            TimelineKindDto::Promise => TimelineKind::Promise,
            TimelineKindDto::Dispute => TimelineKind::Dispute,
            TimelineKindDto::LevelChange => TimelineKind::LevelChange,
            TimelineKindDto::Alert => TimelineKind::Alert,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineEventDto {
    pub date: String,
    pub kind: TimelineKindDto,
    pub invoice: Option<String>,
    pub amount: Option<MoneyDto>,
    pub due_date: Option<String>,
    pub text: String,
    pub resolved_on: Option<String>,
}

impl From<&TimelineEvent> for TimelineEventDto {
    fn from(e: &TimelineEvent) -> Self {
        TimelineEventDto {
            date: date(e.date),
            kind: e.kind.into(),
            invoice: e.invoice.clone(),
            amount: e.amount.as_ref().map(money),
            due_date: e.due_date.map(date),
            text: e.text.clone(),
            resolved_on: e.resolved_on.map(date),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelinePageDto {
    pub total: u32,
    pub offset: u32,
    pub events: Vec<TimelineEventDto>,
}

impl From<&TimelinePage> for TimelinePageDto {
    fn from(p: &TimelinePage) -> Self {
        TimelinePageDto {
            total: count(p.total),
            offset: p.offset,
            events: p.events.iter().map(Into::into).collect(),
        }
    }
}

/// Which page of a customer's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineRequest {
    pub customer_id: u32,
    /// Only these kinds; empty for all.
    pub kinds: Vec<TimelineKindDto>,
    pub offset: u32,
    pub limit: u32,
}

/// Something the credit manager records on a customer's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum RecordRequest {
    Note {
        customer_id: u32,
        date: String,
        text: String,
    },
    Call {
        customer_id: u32,
        date: String,
        text: String,
    },
    /// A promise to pay `amount` (decimal string, in the customer's currency) by `due`.
    Promise {
        customer_id: u32,
        date: String,
        amount: String,
        due: String,
        text: String,
    },
    Dispute {
        customer_id: u32,
        date: String,
        invoice_id: u32,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DemoSummaryDto {
    pub customers: u32,
    pub invoices: u32,
    pub payments: u32,
    pub interactions: u32,
}

/// The user's own company, as shown and edited in Settings (it signs the letters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CompanyDto {
    pub name: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166 alpha-2, e.g. `BE`: decides the legal late-payment rules.
    pub country: String,
    pub vat_number: String,
    pub iban: String,
    pub bic: String,
    /// ISO 4217, e.g. `EUR`.
    pub base_currency: String,
    pub email: String,
    pub phone: String,
    pub signature: String,
}

impl From<&creditdesk::domain::Company> for CompanyDto {
    fn from(c: &creditdesk::domain::Company) -> Self {
        CompanyDto {
            name: c.name.clone(),
            address_line1: c.address.line1.clone(),
            address_line2: c.address.line2.clone(),
            postal_code: c.address.postal_code.clone(),
            city: c.address.city.clone(),
            country: c.country.code().to_string(),
            vat_number: c.vat_number.clone(),
            iban: c.iban.clone(),
            bic: c.bic.clone(),
            base_currency: c.base_currency.code().to_string(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            signature: c.signature.clone(),
        }
    }
}

impl TryFrom<CompanyDto> for creditdesk::domain::Company {
    type Error = creditdesk::Error;

    fn try_from(d: CompanyDto) -> Result<Self, Self::Error> {
        Ok(creditdesk::domain::Company {
            name: d.name,
            address: creditdesk::domain::Address {
                line1: d.address_line1,
                line2: d.address_line2,
                postal_code: d.postal_code,
                city: d.city,
            },
            country: creditdesk::domain::Country::parse(&d.country)?,
            vat_number: d.vat_number,
            iban: d.iban,
            bic: d.bic,
            base_currency: creditdesk::money::Currency::parse(&d.base_currency)?,
            email: d.email,
            phone: d.phone,
            signature: d.signature,
        })
    }
}
