//! The encrypted store: one SQLCipher database file, opened through sqlx.
//!
//! Queries are grouped one module per table. Writes that belong together go through a
//! [`Writer`], which is one transaction: it lands whole at `commit` or not at all.

mod bank;
mod bulk;
mod codec;
mod collections;
mod company;
mod customers;
mod forecast;
mod interactions;
mod invoices;
mod kpi;
mod letter_templates;
mod mappings;
mod memo;
mod open;
pub(crate) mod outbox;
mod payments;
mod preferences;
mod reconciliation;
mod reference_rates;
mod status;
mod timeline;
mod writer;

pub use bank::{EntryFilter, StatementWritten};
pub use collections::{ActionRecord, DunningStop, StepDone};
pub use customers::{CustomerFields, CustomerSummary};
pub use letter_templates::EffectiveTemplate;
pub use open::Store;
pub use preferences::{DEFAULT_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES, Preferences};
pub use reconciliation::{EntryAllocation, LogLine, OpenItemFound};
pub use status::{Counted, Status};
pub use timeline::{TimelineEvent, TimelineKind, TimelinePage, TimelineQuery};
pub use writer::{PaymentRecord, Writer};
