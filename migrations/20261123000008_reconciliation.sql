-- Bank statements and reconciliation (DESIGN §7).
--
-- bank_entries and allocations are rebuilt: no earlier version wrote a bank entry (there was no
-- statement import), so no row is lost; allocations are copied over whole. Nothing references
-- allocations, so it can be dropped and recreated inside the migration's transaction.

CREATE TABLE bank_statements (
    id           INTEGER PRIMARY KEY,
    format       TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    account      TEXT NOT NULL,
    statement    TEXT NOT NULL,
    imported_on  TEXT NOT NULL,
    -- The balances the bank reported, as JSON [{kind, date, currency, amount}] (amounts as strings).
    balances     TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE allocations_before_reconciliation AS SELECT * FROM allocations;
DROP TABLE allocations;
DROP TABLE bank_entries;

-- One movement of a bank account. Re-importing a statement is recognised by (account, bank_reference).
CREATE TABLE bank_entries (
    id               INTEGER PRIMARY KEY,
    statement_id     INTEGER NOT NULL REFERENCES bank_statements (id),
    account          TEXT NOT NULL,
    booking_date     TEXT NOT NULL,
    value_date       TEXT NOT NULL,
    currency         TEXT NOT NULL,
    -- Signed: positive is money in.
    amount_minor     INTEGER NOT NULL,
    payer_name       TEXT NOT NULL DEFAULT '',
    payer_iban       TEXT NOT NULL DEFAULT '',
    reference        TEXT NOT NULL DEFAULT '',
    remittance       TEXT NOT NULL DEFAULT '',
    end_to_end       TEXT NOT NULL DEFAULT '',
    reversal         INTEGER NOT NULL DEFAULT 0,
    transaction_code TEXT NOT NULL DEFAULT '',
    bank_reference   TEXT NOT NULL,
    -- Where reconciliation stands: 'unmatched', 'suggested', 'auto' (applied by a run),
    -- 'confirmed' (applied by the user), or 'outgoing' (money out; not reconciled here).
    status           TEXT NOT NULL DEFAULT 'unmatched'
                     CHECK (status IN ('unmatched', 'suggested', 'auto', 'confirmed', 'outgoing')),
    -- The proposal behind a 'suggested' or 'auto' status, as JSON (invoices, amounts, confidence, reason).
    proposal         TEXT,
    UNIQUE (account, bank_reference)
);
CREATE INDEX bank_entries_status ON bank_entries (status, booking_date);

-- 'write_off' is a fee shortfall a bank entry left, written off with that entry (and undone with it).
CREATE TABLE allocations (
    id             INTEGER PRIMARY KEY,
    invoice_id     INTEGER NOT NULL REFERENCES invoices (id),
    source_kind    TEXT NOT NULL CHECK (source_kind IN ('payment', 'bank_entry', 'credit_note', 'opening_balance', 'write_off')),
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
INSERT INTO allocations SELECT * FROM allocations_before_reconciliation;
DROP TABLE allocations_before_reconciliation;
CREATE INDEX allocations_invoice ON allocations (invoice_id);
CREATE UNIQUE INDEX allocations_payment ON allocations (payment_id) WHERE payment_id IS NOT NULL;
CREATE UNIQUE INDEX allocations_opening ON allocations (invoice_id) WHERE source_kind = 'opening_balance';
CREATE INDEX allocations_bank_entry ON allocations (bank_entry_id) WHERE bank_entry_id IS NOT NULL;

-- Items the user refused for an entry: never proposed for it again.
CREATE TABLE rejected_matches (
    bank_entry_id INTEGER NOT NULL REFERENCES bank_entries (id),
    invoice_id    INTEGER NOT NULL REFERENCES invoices (id),
    PRIMARY KEY (bank_entry_id, invoice_id)
) WITHOUT ROWID;

-- Every reconciliation step, append-only: what was done to which entry, by whom, why.
CREATE TABLE reconciliation_log (
    id            INTEGER PRIMARY KEY,
    day           TEXT NOT NULL,
    bank_entry_id INTEGER NOT NULL REFERENCES bank_entries (id),
    action        TEXT NOT NULL CHECK (action IN ('auto', 'accepted', 'split', 'rejected', 'undone', 'iban_confirmed')),
    made_by       TEXT NOT NULL,
    -- JSON: the allocations (invoice number, amount), the confidence, the reason, the IBAN.
    details       TEXT NOT NULL
);
CREATE INDEX reconciliation_log_entry ON reconciliation_log (bank_entry_id);
CREATE TRIGGER reconciliation_log_no_update BEFORE UPDATE ON reconciliation_log
BEGIN SELECT RAISE(ABORT, 'the reconciliation log is append-only'); END;
CREATE TRIGGER reconciliation_log_no_delete BEFORE DELETE ON reconciliation_log
BEGIN SELECT RAISE(ABORT, 'the reconciliation log is append-only'); END;
