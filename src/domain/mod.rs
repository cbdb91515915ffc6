//! The domain of DESIGN §2: one type per concept, validated when built.
//!
//! Types here know nothing of storage or transport. Identifiers are newtypes so a customer id
//! can never be passed where an invoice id is expected.

mod company;
mod customer;
mod ids;
mod interaction;
mod invoice;
mod payment;
mod reference;
mod text;

pub use company::{Address, Company};
pub use customer::{Channel, Contact, Country, Customer, CustomerDraft, Language};
pub use ids::*;
pub use interaction::{Interaction, InteractionDraft, InteractionKind};
pub use invoice::{Invoice, InvoiceDraft, InvoiceKind, InvoiceStatus, open_amount};
pub use payment::{Allocation, AllocationSource, BankEntry, EntryStatus, Payment, PaymentDraft};
pub use reference::{
    CreditorReference, MAX_REFERENCE_BODY, Ogm, StructuredReference, scan_references,
};
pub use text::{CustomerNumber, InvoiceNumber, normalize_iban, validate_iban};
