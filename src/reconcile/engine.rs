//! The matching engine: for one bank credit, the best proposal of which open items it pays,
//! with a confidence and a reason. Pure: no store, no clock.
//!
//! # Order of evidence (DESIGN §7)
//!
//! 1. **Structured reference**: the credit's reference field, else any RF reference or OGM
//!    found in the remittance text or end-to-end id (`domain::scan_references`), → the item
//!    whose printed reference it is, or whose number generates it
//!    (`CreditorReference::generate(number)`, `Ogm::generate(number)`).
//! 2. **Invoice numbers in the text** (`numbers`): exact forms first; a set of the mentioned
//!    items that adds up to the amount. If none does, one typo (a wrong digit, two swapped
//!    neighbours) is allowed, and among the mentioned numbers' neighbours the one (or the
//!    combination) that fits the amount is taken, if it is the only one (exactly equal when
//!    it replaces a number that exists as written; the neighbours of the payer's customer
//!    only, when the payer is known). Else the exact numbers with a partial or overpayment.
//! 3. **The payer**: its IBAN among the customers' known IBANs (one customer only), else its
//!    name (`names`: whole-name match, else the best token overlap, if unique and ≥ 0.6).
//! 4. **The amount** among that customer's open items: one item equal; a combination of its
//!    oldest `max_combination` items adding up (bounded search); a shortfall within
//!    `fee_tolerance` (written off); an overpayment of everything open; a partial payment of
//!    the oldest.
//! 5. **The amount alone**, against every open item.
//!
//! Only items in the credit's currency, still open, and not rejected for this entry are
//! considered. Where a step finds nothing usable, the next one is tried.
//!
//! # Confidence
//!
//! | found by | equal | shortfall (fees) | partial | overpayment |
//! |---|---|---|---|---|
//! | RF reference / OGM | 0.99 | 0.97 | 0.95 | 0.93 |
//! | invoice number(s), exact | 0.98 | 0.96 | 0.92 | 0.91 |
//! | invoice number(s), one with a typo (the only neighbour that fits) | 0.93 | 0.91 | 0.80 | 0.80 |
//! | payer's IBAN, one item | 0.95 | 0.92 | 0.60 (oldest) | 0.75 (everything open) |
//! | payer's IBAN, the one combination adding up | 0.92 | | | |
//! | payer's name, one item | 0.85 | 0.80 | 0.50 | 0.60 |
//! | payer's name, the one combination adding up | 0.80 | | | |
//! | amount alone, one item at one customer | 0.70 | | | |
//! | amount alone, several items (a guess: the oldest) | 0.60 (one customer), **0.40** (several customers: `ambiguous`) | | | |
//!
//! Lowered when evidence conflicts or is thin:
//! - the payer (by IBAN, else by name) is another customer than the items' (−0.05; a third
//!   party paying with a correct reference and the exact amount stays automatic, with a typo
//!   it does not); −0.15 when the amount does not fit either (partial, overpaid): a typo that
//!   lands on another customer's existing number looks exactly like that;
//! - the amount is far off (paid less than 20 % of what is open, or overpaid by more than
//!   what is open): −0.10;
//! - a typo'd number chosen over an exact number that did not fit the amount: −0.02;
//! - several items or combinations fit equally well (`alternatives > 0`): 0.85 (IBAN),
//!   0.75 (name), 0.70 (numbers) — a suggestion with the oldest, never automatic;
//! - the items belong to several customers: −0.10.
//!
//! The default threshold is 0.9 (`MatchSettings::auto_threshold`): references and exact
//! numbers with a fitting amount, and a known IBAN with exactly one fitting item or
//! combination, are applied; a name, a typo that leaves doubt, and the amount alone are
//! suggestions. An amount-only proposal is never automatic, whatever the threshold above 0.7.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::domain::{
    CreditorReference, CustomerId, InvoiceId, Ogm, StructuredReference, normalize_iban,
    scan_references,
};
use crate::money::{Currency, Money};

use super::amounts::subsets_summing_to;
use super::{names, numbers};

/// An item that can still be paid: an invoice with an open amount (positive), or a credit
/// note (negative open amount) that a combined payment may net off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem {
    pub invoice_id: InvoiceId,
    pub number: String,
    pub customer_id: CustomerId,
    pub due_date: NaiveDate,
    pub open: Money,
    /// The structured reference printed on the invoice (RF or OGM), if any.
    pub reference: String,
}

/// What reconciliation knows of a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerCustomer {
    pub id: CustomerId,
    pub number: String,
    pub name: String,
    /// The accounts the customer is known to pay from (confirmed by the user or imported).
    pub ibans: Vec<String>,
}

/// The open items and the customers, indexed for matching. Applying a proposal lowers the open
/// amounts, so the next credit of the same run does not pay the same item again.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    items: Vec<OpenItem>,
    customers: Vec<LedgerCustomer>,
    index: Index,
}

/// Postings from a hashed key to items (or customers): most keys name one.
#[derive(Debug, Clone, Default, PartialEq)]
struct Postings {
    first: FxHashMap<u64, u32>,
    more: FxHashMap<u64, Vec<u32>>,
}

impl Postings {
    fn with_capacity(n: usize) -> Postings {
        Postings {
            first: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            more: FxHashMap::default(),
        }
    }

    fn insert(&mut self, key: u64, value: u32) {
        match self.first.entry(key) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(value);
            }
            std::collections::hash_map::Entry::Occupied(e) if *e.get() == value => {}
            std::collections::hash_map::Entry::Occupied(_) => {
                let more = self.more.entry(key).or_default();
                if !more.contains(&value) {
                    more.push(value);
                }
            }
        }
    }

    fn get(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        self.first
            .get(&key)
            .copied()
            .into_iter()
            .chain(self.more.get(&key).into_iter().flatten().copied())
    }
}

const TAG_NUMBER: u8 = 1;
const TAG_REFERENCE: u8 = 2;
const TAG_AMOUNT: u8 = 3;

#[derive(Debug, Clone, Default, PartialEq)]
struct Index {
    /// Where each item is, by id; `None` when the ids ascend (as the store reads them): a
    /// binary search finds them then, with no map to build.
    item_by_id: Option<FxHashMap<InvoiceId, u32>>,
    customer_by_id: FxHashMap<CustomerId, u32>,
    /// The customer (index) of each item; `u32::MAX` for an unknown customer.
    item_customer: Vec<u32>,
    customer_items: Vec<Vec<u32>>,
    /// The items' own structured references (as printed on the invoice). The references an
    /// item's number generates are not stored: a credit's RF reference is looked up by its body
    /// among the numbers' full forms (`by_number`), its OGM by its ten digits (`by_ogm`), and
    /// each candidate is checked against what its number generates.
    by_reference: Postings,
    /// Number forms (`numbers::item_forms`), and every item's full form whatever its digits
    /// (a text never makes a form of fewer than `numbers::MIN_DIGITS` digits, so those are only
    /// reached by an RF reference's body).
    by_number: Postings,
    /// The value of a number's digits (one to ten of them: what `Ogm::generate` takes) → items.
    by_ogm: Postings,
    /// (open amount in minor units, currency) → items; kept up to date by `apply`.
    by_amount: Postings,
    by_iban: FxHashMap<String, Vec<u32>>,
    by_name: FxHashMap<String, Vec<u32>>,
    name_tokens: FxHashMap<String, Vec<u32>>,
    customer_token_count: Vec<u8>,
}

/// `m.to_minor().ok()`, without `Decimal` arithmetic when the amount has no more decimals than
/// its currency (always, for amounts read from the store).
fn minor_units(m: &Money) -> Option<i64> {
    let digits = m.currency.minor_digits();
    let scale = m.amount.scale();
    if scale <= digits {
        let minor = m
            .amount
            .mantissa()
            .checked_mul(10i128.pow(digits - scale))?;
        i64::try_from(minor).ok()
    } else {
        m.to_minor().ok()
    }
}

fn amount_key(m: &Money) -> Option<u64> {
    let minor = minor_units(m)?;
    let mut bytes = [0u8; 11];
    bytes[..8].copy_from_slice(&minor.to_le_bytes());
    bytes[8..].copy_from_slice(m.currency.code().as_bytes());
    Some(numbers::hash_key(TAG_AMOUNT, &bytes))
}

/// The key of an item's own structured reference (RF or OGM, as `StructuredReference::parse`
/// reads it), if it has one.
fn own_reference(reference: &str) -> Option<StructuredReference> {
    let mut head = reference.chars().filter(|c| !c.is_whitespace());
    if reference.is_empty() {
        return None;
    }
    // `CreditorReference::parse` refuses at once what does not start with RF; asking it would
    // only format an error.
    if head.next().is_some_and(|c| c.eq_ignore_ascii_case(&'R'))
        && head.next().is_some_and(|c| c.eq_ignore_ascii_case(&'F'))
    {
        return StructuredReference::parse(reference);
    }
    Ogm::parse(reference).ok().map(StructuredReference::Ogm)
}

/// The value of a number's ASCII digits when it has one to ten (the ten digits of the OGM
/// `Ogm::generate` makes of it), else `None`.
fn ogm_value(number: &str) -> Option<u64> {
    let mut value = 0u64;
    let mut digits = 0;
    for b in number.bytes().filter(u8::is_ascii_digit) {
        digits += 1;
        if digits > 10 {
            return None;
        }
        value = value * 10 + u64::from(b - b'0');
    }
    (digits > 0).then_some(value)
}

/// From this many items, `Ledger::new` builds the text postings on a second thread.
const PARALLEL_FROM: usize = 50_000;

/// The postings of the items' references and numbers (see `Index`).
#[derive(Default)]
struct TextPostings {
    by_reference: Postings,
    by_number: Postings,
    by_ogm: Postings,
}

impl TextPostings {
    fn build(items: &[OpenItem]) -> TextPostings {
        let n = items.len();
        let mut t = TextPostings {
            by_reference: Postings::with_capacity(n / 2),
            by_number: Postings::with_capacity(n * 2),
            by_ogm: Postings::with_capacity(n),
        };
        let mut forms = numbers::FormBuffers::default();
        for (k, item) in items.iter().enumerate() {
            let k = k as u32;
            if item.open.is_zero() {
                continue;
            }
            if let Some(r) = own_reference(&item.reference) {
                t.by_reference
                    .insert(numbers::hash_key(TAG_REFERENCE, r.key().as_bytes()), k);
            }
            let given = numbers::each_item_form(&item.number, &mut forms, |f| {
                t.by_number.insert(numbers::hash_key(TAG_NUMBER, f), k);
            });
            if !given && !forms.full.is_empty() {
                t.by_number
                    .insert(numbers::hash_key(TAG_NUMBER, &forms.full), k);
            }
            if let Some(v) = ogm_value(&item.number) {
                t.by_ogm.insert(v, k);
            }
        }
        t
    }
}

impl Ledger {
    /// Builds the indexes: references, number forms, amounts, IBANs and names.
    /// The postings of references and numbers are built on a second thread for a large ledger.
    pub fn new(items: Vec<OpenItem>, customers: Vec<LedgerCustomer>) -> Ledger {
        if items.len() < PARALLEL_FROM {
            let text = TextPostings::build(&items);
            return Ledger::with_text(items, customers, text);
        }
        let mut ledger = Ledger {
            items: Vec::new(),
            customers,
            index: Index::default(),
        };
        let text = std::thread::scope(|scope| {
            let items = &items;
            let text = scope.spawn(move || TextPostings::build(items));
            ledger.index_customers();
            ledger.index_items(items);
            text.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        ledger.index.by_reference = text.by_reference;
        ledger.index.by_number = text.by_number;
        ledger.index.by_ogm = text.by_ogm;
        ledger.items = items;
        ledger
    }

    /// The ledger with `text`'s postings; the customers indexed, and the items.
    fn with_text(
        items: Vec<OpenItem>,
        customers: Vec<LedgerCustomer>,
        text: TextPostings,
    ) -> Ledger {
        let mut ledger = Ledger {
            items: Vec::new(),
            customers,
            index: Index {
                by_reference: text.by_reference,
                by_number: text.by_number,
                by_ogm: text.by_ogm,
                ..Index::default()
            },
        };
        ledger.index_customers();
        ledger.index_items(&items);
        ledger.items = items;
        ledger
    }

    /// The customers' indexes: by id, IBAN, whole name and name token.
    fn index_customers(&mut self) {
        let customers = &self.customers;
        let ix = &mut self.index;
        ix.customer_by_id =
            FxHashMap::with_capacity_and_hasher(customers.len(), Default::default());
        ix.customer_token_count = Vec::with_capacity(customers.len());
        for (c, customer) in customers.iter().enumerate() {
            let c = c as u32;
            ix.customer_by_id.insert(customer.id, c);
            for iban in &customer.ibans {
                let list = ix.by_iban.entry(normalize_iban(iban)).or_default();
                if !list.contains(&c) {
                    list.push(c);
                }
            }
            let tokens = names::tokens(&customer.name);
            ix.customer_token_count
                .push(tokens.len().min(usize::from(u8::MAX)) as u8);
            if !tokens.is_empty() {
                ix.by_name.entry(names::key(&tokens)).or_default().push(c);
            }
            let mut seen: Vec<&String> = Vec::new();
            for t in &tokens {
                if !seen.contains(&t) {
                    seen.push(t);
                    ix.name_tokens.entry(t.clone()).or_default().push(c);
                }
            }
        }
    }

    /// The items' indexes but the text postings: by id, by customer, by amount.
    fn index_items(&mut self, items: &[OpenItem]) {
        let n = items.len();
        let customers = &self.customers;
        let ix = &mut self.index;
        ix.item_by_id = (!items.windows(2).all(|w| w[0].invoice_id < w[1].invoice_id))
            .then(|| FxHashMap::with_capacity_and_hasher(n, Default::default()));
        ix.item_customer = Vec::with_capacity(n);
        ix.customer_items = vec![Vec::new(); customers.len()];
        ix.by_amount = Postings::with_capacity(n);
        // Each item's customer, and each customer's items (counted first: one allocation each).
        let mut counts = vec![0u32; customers.len()];
        for item in items {
            let c = ix
                .customer_by_id
                .get(&item.customer_id)
                .copied()
                .unwrap_or(u32::MAX);
            ix.item_customer.push(c);
            if let Some(n) = counts.get_mut(c as usize) {
                *n += 1;
            }
        }
        for (list, n) in ix.customer_items.iter_mut().zip(counts) {
            list.reserve_exact(n as usize);
        }
        for (k, item) in items.iter().enumerate() {
            let k = k as u32;
            if let Some(map) = &mut ix.item_by_id {
                map.insert(item.invoice_id, k);
            }
            let c = ix.item_customer[k as usize];
            if c != u32::MAX {
                ix.customer_items[c as usize].push(k);
            }
            if item.open.is_zero() {
                continue;
            }
            if let Some(a) = amount_key(&item.open) {
                ix.by_amount.insert(a, k);
            }
        }
        for list in &mut ix.customer_items {
            list.sort_by_key(|&k| (items[k as usize].due_date, k));
        }
    }

    pub fn items(&self) -> &[OpenItem] {
        &self.items
    }

    pub fn customers(&self) -> &[LedgerCustomer] {
        &self.customers
    }

    /// The item with this id, as it stands now (open amount lowered by what was applied).
    pub fn item(&self, id: InvoiceId) -> Option<&OpenItem> {
        self.position(id).map(|k| &self.items[k as usize])
    }

    /// Where the item with this id is in `items`.
    fn position(&self, id: InvoiceId) -> Option<u32> {
        match &self.index.item_by_id {
            Some(map) => map.get(&id).copied(),
            None => self
                .items
                .binary_search_by_key(&id, |i| i.invoice_id)
                .ok()
                .map(|k| k as u32),
        }
    }

    pub fn customer(&self, id: CustomerId) -> Option<&LedgerCustomer> {
        self.index
            .customer_by_id
            .get(&id)
            .map(|&c| &self.customers[c as usize])
    }

    /// The items that answer to `r`, in ledger order: those that print it, and those whose
    /// number generates it (`CreditorReference::generate`, `Ogm::generate`).
    fn items_with_reference(&self, r: &StructuredReference) -> Vec<u32> {
        let ix = &self.index;
        let mut out: Vec<u32> = ix
            .by_reference
            .get(numbers::hash_key(TAG_REFERENCE, r.key().as_bytes()))
            .collect();
        match r {
            StructuredReference::Rf(rf) => {
                // The body of a valid reference: the number's full form it was made from.
                let body = &rf.electronic().as_bytes()[4..];
                out.extend(
                    ix.by_number
                        .get(numbers::hash_key(TAG_NUMBER, body))
                        .filter(|&k| {
                            CreditorReference::generate(&self.items[k as usize].number)
                                .is_ok_and(|g| g == *rf)
                        }),
                );
            }
            StructuredReference::Ogm(o) => {
                if let Some(v) = ogm_value(&o.digits()[..10]) {
                    out.extend(ix.by_ogm.get(v).filter(|&k| {
                        Ogm::generate(&self.items[k as usize].number).is_ok_and(|g| g == *o)
                    }));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Lowers the open amounts by the proposal's allocations and write-offs. A settled item
    /// is skipped by every later search (its open amount is zero); a partly paid one is
    /// found under its new open amount.
    pub fn apply(&mut self, proposal: &Proposal) {
        for (id, amount) in proposal.allocations.iter().chain(&proposal.write_offs) {
            let Some(k) = self.position(*id) else {
                continue;
            };
            let item = &mut self.items[k as usize];
            let Ok(open) = item.open.checked_sub(amount) else {
                continue;
            };
            item.open = open;
            if !open.is_zero()
                && let Some(a) = amount_key(&open)
            {
                self.index.by_amount.insert(a, k);
            }
        }
    }
}

/// A bank credit to match (money in; `amount` positive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    pub entry: String,
    pub booking_date: NaiveDate,
    pub amount: Money,
    pub name: String,
    pub iban: String,
    pub reference: String,
    pub remittance: String,
    pub end_to_end: String,
}

/// How the items were found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FoundBy {
    /// An ISO 11649 RF reference in the reference field or the text.
    CreditorReference { reference: String },
    /// A Belgian structured communication (OGM).
    Ogm { reference: String },
    /// Invoice numbers in the text: exactly, or with one character wrong or two swapped.
    InvoiceNumber { numbers: Vec<String>, exact: bool },
    /// The payer's IBAN is one the customer is known to pay from.
    Iban { iban: String },
    /// The payer's name resembles the customer's.
    Name { name: String },
    /// Nothing but the amount.
    AmountOnly,
}

/// How the amount fits the items.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AmountFit {
    /// The amount is the open amount of the item(s).
    Equal,
    /// Less than the open amount: a partial payment.
    Partial { missing: Money },
    /// A little less than the open amount, within the tolerance: bank fees, written off.
    Shortfall { difference: Money },
    /// More than the open amount: the rest stays unallocated on the entry.
    Overpayment { excess: Money },
}

/// Why a proposal was made, as facts the UI words; `sentence` gives them in English.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reason {
    pub found_by: FoundBy,
    pub amount: AmountFit,
    /// Several customers have an open item of this amount (never matched automatically).
    pub ambiguous: bool,
    /// How many other items (or combinations) fit as well as the one proposed: more than 0
    /// means the choice among them is a guess (the oldest), never automatic.
    pub alternatives: usize,
    /// Amount alone: how many customers have an open item of this amount.
    pub customers_with_amount: usize,
    /// The customer the payer is (by IBAN, else by name), when it is not the items' customer
    /// (a third party paying, or a wrong match).
    pub payer_customer: Option<CustomerId>,
}

/// The engine's answer for one credit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Proposal {
    pub entry: String,
    pub customer_id: Option<CustomerId>,
    /// Which items get how much of the credit (each positive, never more than the item's open
    /// amount; a credit note's negative amount nets off in a combination).
    pub allocations: Vec<(InvoiceId, Money)>,
    /// For a shortfall within the fee tolerance: the difference written off per item, so the
    /// item is settled (empty otherwise).
    pub write_offs: Vec<(InvoiceId, Money)>,
    /// 0 to 1: how sure the engine is that these allocations are right.
    pub confidence: f64,
    pub reason: Reason,
}

/// The user's settings for matching.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchSettings {
    /// Proposals at or above this confidence are applied without asking.
    pub auto_threshold: f64,
    /// The largest shortfall taken as bank fees rather than a partial payment.
    pub fee_tolerance: rust_decimal::Decimal,
    /// The most items a combined payment is searched among.
    pub max_combination: usize,
}

impl Default for MatchSettings {
    fn default() -> Self {
        MatchSettings {
            auto_threshold: 0.9,
            fee_tolerance: rust_decimal::Decimal::new(1500, 2),
            max_combination: 20,
        }
    }
}

/// The most choices enumerated when mapping mentioned numbers to items.
const MAX_CHOICES: usize = 4096;
/// Name tokens more common than this (trades, legal words at a large ledger) are not used to
/// find candidates: they would make every lookup scan thousands of customers.
const MAX_NAME_POSTINGS: usize = 1_000;
/// The most items of one amount the amount-alone step looks at (a price-list amount in a
/// ledger of a million items is owed thousands of times; a handful already makes it
/// ambiguous). The count of customers it reports is then a lower bound.
const MAX_AMOUNT_CANDIDATES: usize = 200;
/// The most steps of a customer's combination search.
const MAX_COMBINATION_STEPS: usize = 200_000;

/// The best proposal for `credit`, or `None` when nothing points at any item. `rejected` are
/// items the user has refused for this entry: they are never proposed for it again.
pub fn propose(
    credit: &Credit,
    ledger: &Ledger,
    settings: &MatchSettings,
    rejected: &[InvoiceId],
) -> Option<Proposal> {
    if credit.amount.amount <= Decimal::ZERO {
        return None;
    }
    let target = credit.amount.to_minor().ok()?;
    let fee = Money::new(settings.fee_tolerance, credit.amount.currency)
        .round_half_up()
        .to_minor()
        .unwrap_or(0)
        .max(0);
    let rejected: FxHashSet<u32> = rejected
        .iter()
        .filter_map(|id| ledger.position(*id))
        .collect();
    let m = Matcher {
        credit,
        ledger,
        settings,
        rejected,
        currency: credit.amount.currency,
        target,
        fee,
    };
    let payer = m.payer();
    m.by_reference(&payer)
        .or_else(|| m.by_numbers(&payer))
        .or_else(|| m.by_customer(&payer))
        .or_else(|| m.by_amount_alone())
}

/// Who the payer is, as far as the ledger tells.
struct Payer {
    /// The one customer the payer's IBAN is known for.
    by_iban: Option<u32>,
    /// Else the one customer whose name the payer's resembles, looked up when first asked
    /// (most credits are settled by a reference or a number before the name is needed).
    by_name: std::cell::OnceCell<Option<u32>>,
}

impl Payer {
    fn none() -> Payer {
        let by_name = std::cell::OnceCell::new();
        let _ = by_name.set(None);
        Payer {
            by_iban: None,
            by_name,
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Evidence {
    Reference,
    ExactNumber,
    FuzzyNumber,
    Iban,
    Name,
    AmountAlone,
}

struct Matcher<'a> {
    credit: &'a Credit,
    ledger: &'a Ledger,
    settings: &'a MatchSettings,
    rejected: FxHashSet<u32>,
    currency: Currency,
    target: i64,
    fee: i64,
}

impl Matcher<'_> {
    fn item(&self, k: u32) -> &OpenItem {
        &self.ledger.items[k as usize]
    }

    fn open_minor(&self, k: u32) -> i64 {
        self.item(k).open.to_minor().unwrap_or(0)
    }

    /// Still open, in the credit's currency, not rejected for this entry.
    fn usable(&self, k: u32) -> bool {
        let item = self.item(k);
        !item.open.is_zero() && item.open.currency == self.currency && !self.rejected.contains(&k)
    }

    fn customer_of(&self, k: u32) -> u32 {
        self.ledger.index.item_customer[k as usize]
    }

    /// The payer's customer: by IBAN, else by name.
    fn payer_customer(&self, payer: &Payer) -> Option<u32> {
        payer
            .by_iban
            .or_else(|| *payer.by_name.get_or_init(|| self.customer_by_name()))
    }

    fn payer(&self) -> Payer {
        let ix = &self.ledger.index;
        let iban = normalize_iban(&self.credit.iban);
        let by_iban = if iban.is_empty() {
            None
        } else {
            match ix.by_iban.get(&iban).map(Vec::as_slice) {
                Some([c]) => Some(*c),
                _ => None,
            }
        };
        let by_name = std::cell::OnceCell::new();
        if by_iban.is_some() {
            let _ = by_name.set(None);
        }
        Payer { by_iban, by_name }
    }

    /// The one customer whose name the payer's is: the whole name, else the best token
    /// overlap (shared tokens over the longer name's count) if at least 0.6 and unique.
    fn customer_by_name(&self) -> Option<u32> {
        let ix = &self.ledger.index;
        let tokens = names::tokens(&self.credit.name);
        if tokens.is_empty() {
            return None;
        }
        if let Some(list) = ix.by_name.get(&names::key(&tokens)) {
            return match list.as_slice() {
                [c] => Some(*c),
                _ => None,
            };
        }
        if tokens.len() < 2 {
            return None;
        }
        let mut shared: FxHashMap<u32, usize> = FxHashMap::default();
        let mut distinct: Vec<&String> = Vec::new();
        for t in &tokens {
            if distinct.contains(&t) {
                continue;
            }
            distinct.push(t);
            if let Some(list) = ix.name_tokens.get(t)
                && list.len() <= MAX_NAME_POSTINGS
            {
                for &c in list {
                    *shared.entry(c).or_default() += 1;
                }
            }
        }
        let mut best: Option<(f64, u32)> = None;
        let mut tie = false;
        for (&c, &n) in &shared {
            let longer = distinct
                .len()
                .max(usize::from(ix.customer_token_count[c as usize]));
            let score = n as f64 / longer as f64;
            match best {
                Some((b, _)) if score < b => {}
                Some((b, _)) if score == b => tie = true,
                _ => {
                    best = Some((score, c));
                    tie = false;
                }
            }
        }
        match best {
            Some((score, c)) if score >= 0.6 && !tie => Some(c),
            _ => None,
        }
    }

    // ---- 1. structured references ------------------------------------------------------

    fn by_reference(&self, payer: &Payer) -> Option<Proposal> {
        let mut refs: Vec<StructuredReference> = Vec::new();
        if let Some(r) = StructuredReference::parse(&self.credit.reference) {
            refs.push(r);
        }
        for text in [
            &self.credit.reference,
            &self.credit.remittance,
            &self.credit.end_to_end,
        ] {
            for r in scan_references(text) {
                if !refs.contains(&r) {
                    refs.push(r);
                }
            }
        }
        let mut found: Vec<u32> = Vec::new();
        let mut first: Option<&StructuredReference> = None;
        for r in &refs {
            for k in self.ledger.items_with_reference(r) {
                if self.usable(k) && !self.item(k).open.is_negative() && !found.contains(&k) {
                    found.push(k);
                    first.get_or_insert(r);
                }
            }
        }
        let r = first?;
        let found_by = match r {
            StructuredReference::Rf(r) => FoundBy::CreditorReference {
                reference: r.electronic().to_string(),
            },
            StructuredReference::Ogm(o) => FoundBy::Ogm {
                reference: o.to_string(),
            },
        };
        self.proposal(found, Evidence::Reference, found_by, payer, 0)
    }

    // ---- 2. invoice numbers -------------------------------------------------------------

    fn by_numbers(&self, payer: &Payer) -> Option<Proposal> {
        let ix = &self.ledger.index;
        let text = format!(
            "{} | {} | {}",
            self.credit.remittance, self.credit.reference, self.credit.end_to_end
        );
        let spans = numbers::spans(&text);
        // Pass 1: exact forms.
        let mut exact: Vec<Vec<u32>> = Vec::with_capacity(spans.len());
        for span in &spans {
            let mut hits: Vec<u32> = Vec::new();
            for f in &span.forms {
                for k in ix.by_number.get(numbers::hash_key(TAG_NUMBER, f)) {
                    if self.usable(k) && !hits.contains(&k) {
                        hits.push(k);
                    }
                }
            }
            exact.push(hits);
        }
        let mentions: Vec<Vec<u32>> = dedup_sets(exact.iter().filter(|h| !h.is_empty()).cloned());
        if !mentions.is_empty() {
            let fits = self.fitting_sets(&mentions, self.fee);
            if let Some(p) = self.pick_numbers(fits, &mentions, &[], payer, true) {
                return Some(p);
            }
        }
        // Pass 2: one typo, among the neighbours that fit the amount.
        // Only the payer anchors the choice: the customer of an exactly mentioned number is no
        // anchor, that number may be the typo.
        let anchor = self.payer_customer(payer);
        let mut options: Vec<Vec<u32>> = Vec::new();
        let mut fuzzy_only: Vec<u32> = Vec::new();
        let mut expanded: Vec<&[u8]> = Vec::new();
        for (span, hits) in spans.iter().zip(&exact) {
            let mut fuzzy: Vec<u32> = Vec::new();
            for f in &span.forms {
                // Typos are looked for in numbers, not in words glued to them; each form once.
                let letters = f.iter().filter(|b| b.is_ascii_alphabetic()).count();
                if f.contains(&b'.') || letters > 3 || expanded.contains(&f.as_slice()) {
                    continue;
                }
                expanded.push(f);
                numbers::one_typo_variants(f, |v| {
                    for k in ix.by_number.get(numbers::hash_key(TAG_NUMBER, v)) {
                        if self.usable(k) && !hits.contains(&k) && !fuzzy.contains(&k) {
                            fuzzy.push(k);
                        }
                    }
                });
            }
            if fuzzy.is_empty() {
                continue;
            }
            let mut all: Vec<u32> = hits.iter().chain(&fuzzy).copied().collect();
            if let Some(a) = anchor {
                let mine: Vec<u32> = all
                    .iter()
                    .copied()
                    .filter(|&k| self.customer_of(k) == a)
                    .collect();
                if !mine.is_empty() {
                    all = mine;
                }
            }
            fuzzy_only.extend(fuzzy.iter().filter(|k| all.contains(k)));
            options.push(all);
        }
        // Mentions with exact hits only stay in the choice too.
        for hits in &exact {
            if !hits.is_empty() && !options.iter().any(|o| hits.iter().all(|k| o.contains(k))) {
                options.push(hits.clone());
            }
        }
        let options = dedup_sets(options.into_iter());
        // A neighbour taken over a number mentioned exactly must match the amount exactly:
        // a few euros short is as likely a partial payment of the number as written.
        let fee = if mentions.is_empty() { self.fee } else { 0 };
        if !options.is_empty() {
            // Singles first (a long list of neighbours makes the product too large).
            let mut fits: Vec<Vec<u32>> = Vec::new();
            for o in &options {
                for &k in o {
                    if self.fits_within(&[k], fee) && !fits.contains(&vec![k]) {
                        fits.push(vec![k]);
                    }
                }
            }
            if options.len() > 1 {
                for set in self.fitting_sets(&options, fee) {
                    if set.len() > 1 && !fits.contains(&set) {
                        fits.push(set);
                    }
                }
            }
            if let Some(p) = self.pick_numbers(fits, &options, &fuzzy_only, payer, false) {
                return Some(p);
            }
        }
        // Pass 3: the numbers found exactly, the amount not fitting: partial or overpaid.
        let unique: Vec<u32> = mentions
            .iter()
            .filter_map(|m| match m.as_slice() {
                [k] => Some(*k),
                _ => None,
            })
            .filter(|&k| !self.item(k).open.is_negative())
            .collect();
        let unique = dedup_items(unique);
        if !unique.is_empty() {
            let numbers = unique
                .iter()
                .map(|&k| self.item(k).number.clone())
                .collect();
            return self.proposal(
                unique,
                Evidence::ExactNumber,
                FoundBy::InvoiceNumber {
                    numbers,
                    exact: true,
                },
                payer,
                0,
            );
        }
        None
    }

    /// Does the set of items take the amount exactly or within the fee tolerance?
    fn fits(&self, set: &[u32]) -> bool {
        self.fits_within(set, self.fee)
    }

    /// … with at most `fee` short (0: exactly).
    fn fits_within(&self, set: &[u32], fee: i64) -> bool {
        let total: i64 = set.iter().map(|&k| self.open_minor(k)).sum();
        total > 0 && total >= self.target && total - self.target <= fee
    }

    /// The distinct sets, one item (or none) per mention, that fit the amount.
    fn fitting_sets(&self, mentions: &[Vec<u32>], fee: i64) -> Vec<Vec<u32>> {
        let product = mentions
            .iter()
            .try_fold(1usize, |p, m| p.checked_mul(m.len() + 1))
            .unwrap_or(usize::MAX);
        if product > MAX_CHOICES {
            return Vec::new();
        }
        let mut out: Vec<Vec<u32>> = Vec::new();
        let mut choice = vec![0usize; mentions.len()];
        loop {
            let mut set: Vec<u32> = choice
                .iter()
                .zip(mentions)
                .filter(|(c, _)| **c > 0)
                .map(|(c, m)| m[c - 1])
                .collect();
            set.sort_unstable();
            set.dedup();
            if !set.is_empty() && self.fits_within(&set, fee) && !out.contains(&set) {
                out.push(set);
            }
            // next choice
            let mut k = 0;
            loop {
                if k == choice.len() {
                    return out;
                }
                choice[k] += 1;
                if choice[k] <= mentions[k].len() {
                    break;
                }
                choice[k] = 0;
                k += 1;
            }
        }
    }

    fn pick_numbers(
        &self,
        fits: Vec<Vec<u32>>,
        mentions: &[Vec<u32>],
        fuzzy: &[u32],
        payer: &Payer,
        exact: bool,
    ) -> Option<Proposal> {
        // A set is a subset of another → keep the larger only (both fitting: the other items
        // net to zero, e.g. an invoice and its credit note).
        let mut fits = fits;
        fits.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut kept: Vec<Vec<u32>> = Vec::new();
        for s in fits {
            if !kept.iter().any(|b| s.iter().all(|k| b.contains(k))) {
                kept.push(s);
            }
        }
        let first = kept.first()?.clone();
        let is_exact = exact || first.iter().all(|k| !fuzzy.contains(k));
        let numbers = first.iter().map(|&k| self.item(k).number.clone()).collect();
        let evidence = if is_exact {
            Evidence::ExactNumber
        } else {
            Evidence::FuzzyNumber
        };
        let mut p = self.proposal(
            first.clone(),
            evidence,
            FoundBy::InvoiceNumber {
                numbers,
                exact: is_exact,
            },
            payer,
            kept.len() - 1,
        )?;
        // A typo'd number preferred to an exact one that was mentioned.
        if !is_exact
            && mentions
                .iter()
                .any(|m| m.iter().any(|k| !fuzzy.contains(k) && !first.contains(k)))
        {
            p.confidence -= 0.02;
        }
        Some(p)
    }

    // ---- 3./4. the payer and the amount ---------------------------------------------------

    fn by_customer(&self, payer: &Payer) -> Option<Proposal> {
        let c = self.payer_customer(payer)?;
        let evidence = if payer.by_iban.is_some() {
            Evidence::Iban
        } else {
            Evidence::Name
        };
        let found_by = if payer.by_iban.is_some() {
            FoundBy::Iban {
                iban: normalize_iban(&self.credit.iban),
            }
        } else {
            FoundBy::Name {
                name: self.credit.name.clone(),
            }
        };
        let items: Vec<u32> = self.ledger.index.customer_items[c as usize]
            .iter()
            .copied()
            .filter(|&k| self.usable(k))
            .collect();
        if items.is_empty() {
            return None;
        }
        let positive: Vec<u32> = items
            .iter()
            .copied()
            .filter(|&k| !self.item(k).open.is_negative())
            .collect();
        // One item equal.
        let equal: Vec<u32> = positive
            .iter()
            .copied()
            .filter(|&k| self.open_minor(k) == self.target)
            .collect();
        if let Some(&k) = equal.first() {
            return self.proposal(vec![k], evidence, found_by, payer, equal.len() - 1);
        }
        // A combination adding up.
        let pool: Vec<u32> = items
            .iter()
            .copied()
            .take(self.settings.max_combination)
            .collect();
        let open: Vec<i64> = pool.iter().map(|&k| self.open_minor(k)).collect();
        let combos = subsets_summing_to(&open, self.target, 2, MAX_COMBINATION_STEPS, 2);
        if let Some(first) = combos.first() {
            let set = first.iter().map(|&j| pool[j]).collect();
            let mut p = self.proposal(set, evidence, found_by, payer, combos.len() - 1)?;
            if combos.len() == 1 {
                p.confidence = if evidence == Evidence::Iban {
                    0.92
                } else {
                    0.80
                };
            }
            return Some(p);
        }
        // One item a little more than the amount: bank fees.
        let short: Vec<u32> = positive
            .iter()
            .copied()
            .filter(|&k| self.fits(&[k]))
            .collect();
        if let Some(&k) = short.first() {
            return self.proposal(vec![k], evidence, found_by, payer, short.len() - 1);
        }
        // More than everything open: all of it, the rest unallocated.
        let total: i64 = items.iter().map(|&k| self.open_minor(k)).sum();
        if total > 0 && self.target > total {
            return self.proposal(items, evidence, found_by, payer, 0);
        }
        // Another customer's item of exactly this amount is no business of this payer's;
        // whatever the amount alone says comes next. Else a partial payment of the oldest.
        if let Some(p) = self.by_amount_alone() {
            return Some(p);
        }
        let oldest = positive
            .iter()
            .copied()
            .find(|&k| self.open_minor(k) > self.target)?;
        self.proposal(vec![oldest], evidence, found_by, payer, 0)
    }

    // ---- 5. the amount alone --------------------------------------------------------------

    fn by_amount_alone(&self) -> Option<Proposal> {
        let key = amount_key(&self.credit.amount)?;
        let mut items: Vec<u32> = self
            .ledger
            .index
            .by_amount
            .get(key)
            .filter(|&k| self.usable(k) && self.open_minor(k) == self.target)
            .take(MAX_AMOUNT_CANDIDATES)
            .collect();
        items.sort_by_key(|&k| (self.item(k).due_date, k));
        items.dedup();
        let first = *items.first()?;
        let mut customers: Vec<u32> = items.iter().map(|&k| self.customer_of(k)).collect();
        customers.sort_unstable();
        customers.dedup();
        let payer = Payer::none();
        let mut p = self.proposal(
            vec![first],
            Evidence::AmountAlone,
            FoundBy::AmountOnly,
            &payer,
            items.len() - 1,
        )?;
        p.reason.customers_with_amount = customers.len();
        if customers.len() > 1 {
            p.reason.ambiguous = true;
            p.confidence = 0.40;
        } else if items.len() > 1 {
            p.confidence = 0.60;
        }
        Some(p)
    }

    // ---- the proposal ---------------------------------------------------------------------

    /// Allocates the credit to `set` (credit notes first, then the oldest due first), words
    /// the fit and scores it.
    fn proposal(
        &self,
        set: Vec<u32>,
        evidence: Evidence,
        found_by: FoundBy,
        payer: &Payer,
        alternatives: usize,
    ) -> Option<Proposal> {
        let mut set = set;
        set.sort_by_key(|&k| (!self.item(k).open.is_negative(), self.item(k).due_date, k));
        let total: i64 = set.iter().map(|&k| self.open_minor(k)).sum();
        if set.is_empty() || total <= 0 {
            return None;
        }
        let money = |minor: i64| Money::from_minor(minor, self.currency);
        let id = |k: u32| self.item(k).invoice_id;
        let mut allocations: Vec<(InvoiceId, Money)> = Vec::new();
        let mut write_offs: Vec<(InvoiceId, Money)> = Vec::new();
        let fit;
        if total == self.target {
            fit = AmountFit::Equal;
            allocations = set
                .iter()
                .map(|&k| (id(k), money(self.open_minor(k))))
                .collect();
        } else if total > self.target && total - self.target <= self.fee {
            let difference = total - self.target;
            fit = AmountFit::Shortfall {
                difference: money(difference),
            };
            // The last (newest) positive item takes the write-off.
            let last = *set.last()?;
            for &k in &set {
                let open = self.open_minor(k);
                if k == last && open > difference {
                    allocations.push((id(k), money(open - difference)));
                    write_offs.push((id(k), money(difference)));
                } else {
                    allocations.push((id(k), money(open)));
                }
            }
            if write_offs.is_empty() {
                return None;
            }
        } else if total > self.target {
            fit = AmountFit::Partial {
                missing: money(total - self.target),
            };
            let mut budget = self.target;
            for &k in &set {
                let open = self.open_minor(k);
                if open < 0 {
                    budget -= open;
                    allocations.push((id(k), money(open)));
                } else if budget > 0 {
                    let take = open.min(budget);
                    budget -= take;
                    allocations.push((id(k), money(take)));
                }
            }
        } else {
            fit = AmountFit::Overpayment {
                excess: money(self.target - total),
            };
            allocations = set
                .iter()
                .map(|&k| (id(k), money(self.open_minor(k))))
                .collect();
        }
        let mut customers: Vec<u32> = set.iter().map(|&k| self.customer_of(k)).collect();
        customers.sort_unstable();
        customers.dedup();
        let customer_id = match customers.as_slice() {
            [c] if *c != u32::MAX => Some(self.ledger.customers[*c as usize].id),
            _ => None,
        };
        let mut confidence = base_confidence(evidence, &fit);
        if alternatives > 0 {
            confidence = confidence.min(match evidence {
                Evidence::Iban => 0.85,
                Evidence::Name => 0.75,
                Evidence::AmountAlone => 0.60,
                _ => 0.70,
            });
        }
        let weak_amount = matches!(
            fit,
            AmountFit::Partial { .. } | AmountFit::Overpayment { .. }
        );
        let payer_customer = match self.payer_customer(payer) {
            Some(b) if !customers.contains(&b) => {
                confidence -= if weak_amount { 0.15 } else { 0.05 };
                Some(self.ledger.customers[b as usize].id)
            }
            _ => None,
        };
        let far_off = match &fit {
            AmountFit::Partial { .. } => self.target * 5 < total,
            AmountFit::Overpayment { .. } => self.target > total * 2,
            _ => false,
        };
        if far_off {
            confidence -= 0.10;
        }
        if customers.len() > 1 {
            confidence -= 0.10;
        }
        Some(Proposal {
            entry: self.credit.entry.clone(),
            customer_id,
            allocations,
            write_offs,
            confidence: confidence.clamp(0.0, 1.0),
            reason: Reason {
                found_by,
                amount: fit,
                ambiguous: false,
                alternatives,
                customers_with_amount: 0,
                payer_customer,
            },
        })
    }
}

/// The confidence table of the module doc.
fn base_confidence(evidence: Evidence, fit: &AmountFit) -> f64 {
    let column = match fit {
        AmountFit::Equal => 0,
        AmountFit::Shortfall { .. } => 1,
        AmountFit::Partial { .. } => 2,
        AmountFit::Overpayment { .. } => 3,
    };
    let row: [f64; 4] = match evidence {
        Evidence::Reference => [0.99, 0.97, 0.95, 0.93],
        Evidence::ExactNumber => [0.98, 0.96, 0.92, 0.91],
        Evidence::FuzzyNumber => [0.93, 0.91, 0.80, 0.80],
        Evidence::Iban => [0.95, 0.92, 0.60, 0.75],
        Evidence::Name => [0.85, 0.80, 0.50, 0.60],
        Evidence::AmountAlone => [0.70, 0.50, 0.30, 0.30],
    };
    row[column]
}

fn dedup_sets(sets: impl Iterator<Item = Vec<u32>>) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = Vec::new();
    for mut s in sets {
        s.sort_unstable();
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn dedup_items(items: Vec<u32>) -> Vec<u32> {
    let mut out = Vec::with_capacity(items.len());
    for k in items {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

// ---- in words -------------------------------------------------------------------------------

impl Reason {
    /// The reason in plain English, given the numbers of the allocated invoices, the
    /// customer's number (if one) and the credit's amount.
    pub fn sentence(&self, invoices: &[String], customer: Option<&str>, amount: &Money) -> String {
        let list = english_list(invoices);
        let several = invoices.len() > 1;
        let items_word = if several { "invoices" } else { "invoice" };
        let customer = customer.unwrap_or("?");
        let mut out = match &self.found_by {
            FoundBy::CreditorReference { reference } => {
                format!("RF reference {reference} matches {items_word} {list}")
            }
            FoundBy::Ogm { reference } => {
                format!("structured communication {reference} matches {items_word} {list}")
            }
            FoundBy::InvoiceNumber { numbers, exact } => {
                let typo = match (exact, numbers.len() > 1) {
                    (true, _) => "",
                    (false, false) => " (with a typo)",
                    (false, true) => " (one with a typo)",
                };
                let word = if numbers.len() > 1 {
                    "invoice numbers"
                } else {
                    "invoice number"
                };
                format!("{word} {} in the text{typo}", english_list(numbers))
            }
            FoundBy::Iban { .. } => format!("payer's IBAN is known for customer {customer}"),
            FoundBy::Name { name } => {
                format!("payer's name \"{name}\" matches customer {customer}")
            }
            FoundBy::AmountOnly => {
                if self.customers_with_amount > 1 {
                    format!(
                        "amount alone: {} customers have an open item of {}",
                        self.customers_with_amount,
                        amount.amount_text()
                    )
                } else {
                    format!(
                        "amount alone: customer {customer} has an open item of {}",
                        amount.amount_text()
                    )
                }
            }
        };
        let by_payer = matches!(self.found_by, FoundBy::Iban { .. } | FoundBy::Name { .. });
        let fit = match (&self.amount, by_payer, several) {
            (AmountFit::Equal, true, false) => {
                if self.alternatives > 0 {
                    format!(
                        "{} open invoices of this amount, the oldest ({list}) taken",
                        self.alternatives + 1
                    )
                } else {
                    format!("one open invoice of this amount ({list})")
                }
            }
            (AmountFit::Equal, true, true) => {
                if self.alternatives > 0 {
                    format!(
                        "{} combinations of open items add up; {list} proposed",
                        self.alternatives + 1
                    )
                } else {
                    format!("the open items {list} add up to the amount")
                }
            }
            (AmountFit::Equal, false, true) => "amounts add up".to_string(),
            (AmountFit::Equal, false, false) => "amount equal".to_string(),
            (AmountFit::Partial { missing }, _, _) => {
                format!(
                    "partial payment of {list}, {} still open",
                    missing.amount_text()
                )
            }
            (AmountFit::Shortfall { difference }, _, _) => format!(
                "{} short, written off as bank fees",
                difference.amount_text()
            ),
            (AmountFit::Overpayment { excess }, _, _) => {
                format!("overpaid by {}, left unallocated", excess.amount_text())
            }
        };
        if !matches!(self.found_by, FoundBy::AmountOnly) {
            out.push_str("; ");
            out.push_str(&fit);
        } else if self.alternatives > 0 {
            out.push_str(&format!("; {list} is only the oldest"));
        }
        if let Some(other) = self.payer_customer {
            out.push_str(&format!(
                "; but the payer looks like another customer (id {other})"
            ));
        }
        out
    }
}

impl Proposal {
    /// The reason in plain English, with the invoice and customer numbers from `ledger`.
    pub fn sentence(&self, ledger: &Ledger, credit_amount: &Money) -> String {
        let invoices: Vec<String> = self
            .allocations
            .iter()
            .filter_map(|(id, _)| ledger.item(*id).map(|i| i.number.clone()))
            .collect();
        let customer = self
            .customer_id
            .and_then(|c| ledger.customer(c))
            .map(|c| c.number.as_str());
        self.reason.sentence(&invoices, customer, credit_amount)
    }
}

fn english_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl From<&crate::bank::StatementEntry> for Credit {
    /// A statement's entry as the engine reads it.
    fn from(e: &crate::bank::StatementEntry) -> Credit {
        Credit {
            entry: e.entry.clone(),
            booking_date: e.booking_date,
            amount: e.amount,
            name: e.name.clone(),
            iban: e.iban.clone(),
            reference: e.reference.clone(),
            remittance: e.remittance.clone(),
            end_to_end: e.end_to_end.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::scenario::{Scenario, ScenarioOptions};

    /// What an item answered to when its references were generated and stored per item.
    fn item_references(item: &OpenItem) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(r) = StructuredReference::parse(&item.reference) {
            out.push(r.key().to_string());
        }
        if let Ok(r) = CreditorReference::generate(&item.number) {
            out.push(r.electronic().to_string());
        }
        if let Ok(o) = Ogm::generate(&item.number) {
            out.push(o.digits().to_string());
        }
        out
    }

    /// Looking references up at query time finds exactly the items that print them or whose
    /// number generates them, in ledger order, whether the ids ascend or not.
    #[test]
    fn a_reference_finds_the_items_that_answer_to_it() {
        let s = Scenario::generate(&ScenarioOptions::sme(5, 10));
        let mut items = s.items.clone();
        let eur = Currency::EUR;
        // Own references that differ from the number's, shared ones, short numbers.
        let extra = [
            ("123", "RF18539007547034"),
            ("ABC", "+++090/9337/55493+++"),
            ("2026-00007", "RF18539007547034"),
            ("CN-1", ""),
            ("Z-0000000042", "not a reference"),
        ];
        for (k, (number, reference)) in extra.iter().enumerate() {
            items.push(OpenItem {
                invoice_id: InvoiceId(1_000_000 + k as i64),
                number: number.to_string(),
                customer_id: s.customers[0].id,
                due_date: s.items[0].due_date,
                open: Money::from_minor(1000, eur),
                reference: reference.to_string(),
            });
        }
        let mut shuffled = items.clone();
        shuffled.reverse();
        for items in [items, shuffled] {
            let ledger = Ledger::new(items.clone(), s.customers.clone());
            assert_eq!(
                ledger.index.item_by_id.is_none(),
                items[0].invoice_id < items[1].invoice_id
            );
            let mut answering: std::collections::BTreeMap<String, Vec<u32>> = Default::default();
            for (k, item) in items.iter().enumerate() {
                for key in item_references(item) {
                    let list = answering.entry(key).or_default();
                    if !list.contains(&(k as u32)) {
                        list.push(k as u32);
                    }
                }
            }
            assert!(
                answering.len() > items.len(),
                "own and generated references"
            );
            for (key, expected) in answering {
                let r = StructuredReference::parse(&key).expect("a valid key");
                assert_eq!(ledger.items_with_reference(&r), expected, "{key}");
            }
            for item in &items {
                assert_eq!(ledger.item(item.invoice_id), Some(item));
            }
            assert_eq!(ledger.item(InvoiceId(-5)), None);
        }
    }

    /// A large ledger's text postings, built on a second thread, are the ones built in line.
    #[test]
    fn the_parallel_build_is_the_sequential_one() {
        let s = Scenario::generate(&ScenarioOptions {
            customers: 6_000,
            items_per_customer: 10,
            ..ScenarioOptions::sme(9, 10)
        });
        assert!(s.items.len() >= PARALLEL_FROM);
        let parallel = Ledger::new(s.items.clone(), s.customers.clone());
        let text = TextPostings::build(&s.items);
        let sequential = Ledger::with_text(s.items.clone(), s.customers.clone(), text);
        assert!(!parallel.index.by_number.first.is_empty());
        assert!(!parallel.index.by_ogm.first.is_empty());
        assert_eq!(parallel.items, sequential.items);
        assert_eq!(parallel.index, sequential.index);
    }

    #[test]
    fn own_reference_reads_what_structured_reference_parse_reads() {
        let check = |raw: &str| {
            assert_eq!(
                own_reference(raw),
                StructuredReference::parse(raw),
                "{raw:?}"
            );
        };
        for raw in [
            "",
            "RF18539007547034",
            "rf18 5390 0754 7034",
            " R F18539007547034",
            "RF00",
            "+++090/9337/55493+++",
            "090933755493",
            "RF18539007547035",
            "Rechnung",
            "ŕf18",
        ] {
            check(raw);
        }
        proptest::proptest!(|(raw in "[RrFf0-9 +/*.A-Z]{0,24}")| check(&raw));
    }

    #[test]
    fn minor_units_are_to_minor() {
        proptest::proptest!(|(mantissa in proptest::num::i64::ANY, scale in 0u32..8,
                              currency in proptest::sample::select(vec!["EUR", "JPY", "KWD"]))| {
            let m = Money::new(Decimal::new(mantissa, scale), Currency::parse(currency).unwrap());
            proptest::prop_assert_eq!(minor_units(&m), m.to_minor().ok());
        });
    }

    #[test]
    fn ogm_value_takes_one_to_ten_digits() {
        assert_eq!(ogm_value("2026-00123"), Some(202_600_123));
        assert_eq!(ogm_value("0000000000"), Some(0));
        assert_eq!(ogm_value("INV"), None);
        assert_eq!(ogm_value("12345678901"), None);
    }
}
