-- Creditdesk initial schema.
-- Money is INTEGER minor units (cents) beside a currency code, so SQL can sum it exactly.
-- Dates are ISO 'YYYY-MM-DD' TEXT, which sorts in date order.

CREATE TABLE company (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    name          TEXT NOT NULL,
    line1         TEXT NOT NULL DEFAULT '',
    line2         TEXT NOT NULL DEFAULT '',
    postal_code   TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    country       TEXT NOT NULL,
    vat_number    TEXT NOT NULL DEFAULT '',
    iban          TEXT NOT NULL DEFAULT '',
    bic           TEXT NOT NULL DEFAULT '',
    base_currency TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    signature     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE customers (
    id                 INTEGER PRIMARY KEY,
    number             TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    vat_number         TEXT NOT NULL DEFAULT '',
    line1              TEXT NOT NULL DEFAULT '',
    line2              TEXT NOT NULL DEFAULT '',
    postal_code        TEXT NOT NULL DEFAULT '',
    city               TEXT NOT NULL DEFAULT '',
    country            TEXT,
    language           TEXT NOT NULL DEFAULT 'en',
    currency           TEXT NOT NULL,
    payment_terms_days INTEGER NOT NULL DEFAULT 30,
    credit_limit_minor INTEGER,
    preferred_channel  TEXT NOT NULL DEFAULT 'email',
    email              TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    owner              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX customers_name ON customers (name);

-- Accounts a customer pays from: reconciliation finds the customer by the payer's IBAN.
CREATE TABLE customer_ibans (
    iban        TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (iban, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_ibans_customer ON customer_ibans (customer_id);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    is_billing  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contacts_customer ON contacts (customer_id);

-- Invoices and credit notes. open_minor is derived: amount_minor less the active allocations;
-- the store maintains it in the same transaction as every allocation change, and
-- settled_on is the date the open amount reached zero.
CREATE TABLE invoices (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    kind         TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    issue_date   TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    currency     TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    open_minor   INTEGER NOT NULL,
    settled_on   TEXT,
    reference    TEXT NOT NULL DEFAULT '',
    po_number    TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    disputed     INTEGER NOT NULL DEFAULT 0
);
-- Covers both invoice branches of a customer's timeline (issued; due date passed unpaid), so
-- a page of it is a merge of index ranges that never reads the table.
CREATE INDEX invoices_customer_timeline ON invoices (customer_id, issue_date, due_date, settled_on, kind);
CREATE INDEX invoices_open ON invoices (due_date, kind) WHERE open_minor <> 0;

-- Settlements from the ERP's payment history. source_key makes re-imports idempotent.
CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    invoice_id   INTEGER REFERENCES invoices (id),
    date         TEXT NOT NULL,
    currency     TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    reference    TEXT NOT NULL DEFAULT '',
    source_key   TEXT NOT NULL UNIQUE
);
CREATE INDEX payments_customer_date ON payments (customer_id, date);

CREATE TABLE bank_entries (
    id             INTEGER PRIMARY KEY,
    booking_date   TEXT NOT NULL,
    value_date     TEXT NOT NULL,
    currency       TEXT NOT NULL,
    amount_minor   INTEGER NOT NULL,
    payer_name     TEXT NOT NULL DEFAULT '',
    payer_iban     TEXT NOT NULL DEFAULT '',
    reference      TEXT NOT NULL DEFAULT '',
    remittance     TEXT NOT NULL DEFAULT '',
    bank_reference TEXT NOT NULL UNIQUE
);

-- A part of a payment, bank entry or credit note applied to an invoice. Never deleted by the
-- user: undoing sets reversed_on, and the open amount no longer counts it.
CREATE TABLE allocations (
    id             INTEGER PRIMARY KEY,
    invoice_id     INTEGER NOT NULL REFERENCES invoices (id),
    source_kind    TEXT NOT NULL CHECK (source_kind IN ('payment', 'bank_entry', 'credit_note', 'opening_balance')),
    payment_id     INTEGER REFERENCES payments (id),
    bank_entry_id  INTEGER REFERENCES bank_entries (id),
    credit_note_id INTEGER REFERENCES invoices (id),
    currency       TEXT NOT NULL,
    amount_minor   INTEGER NOT NULL,
    allocated_on   TEXT NOT NULL,
    made_by        TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    reversed_on    TEXT
);
CREATE INDEX allocations_invoice ON allocations (invoice_id);
CREATE UNIQUE INDEX allocations_payment ON allocations (payment_id) WHERE payment_id IS NOT NULL;
CREATE UNIQUE INDEX allocations_opening ON allocations (invoice_id) WHERE source_kind = 'opening_balance';
CREATE INDEX allocations_bank_entry ON allocations (bank_entry_id) WHERE bank_entry_id IS NOT NULL;

CREATE TABLE interactions (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    invoice_id   INTEGER REFERENCES invoices (id),
    date         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('note', 'call', 'email', 'letter', 'promise', 'dispute', 'level_change', 'alert')),
    text         TEXT NOT NULL DEFAULT '',
    currency     TEXT,
    amount_minor INTEGER,
    due_date     TEXT,
    resolved_on  TEXT
);
CREATE INDEX interactions_customer_date ON interactions (customer_id, date, kind);

-- Column mappings remembered per import source (the file's header line).
CREATE TABLE import_mappings (
    kind       TEXT NOT NULL,
    source     TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    PRIMARY KEY (kind, source)
);
