-- Collections (DESIGN §6): segment overrides, dunning policies per segment, stops, and the
-- dunning steps done per invoice.

-- A segment chosen by hand; it wins over the rules until removed.
CREATE TABLE segment_overrides (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    segment     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    set_on      TEXT NOT NULL
);

-- One policy per segment; its steps as JSON, validated by the core (src/collections/policy.rs).
-- A segment without a row follows the policy shipped with the app.
CREATE TABLE dunning_policies (
    segment TEXT PRIMARY KEY,
    steps   TEXT NOT NULL
);

-- Dunning stopped for a whole customer (invoice_id NULL) or one invoice, until lifted.
CREATE TABLE dunning_stops (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    invoice_id  INTEGER REFERENCES invoices (id),
    since       TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    lifted_on   TEXT
);
CREATE UNIQUE INDEX dunning_stops_active
    ON dunning_stops (customer_id, ifnull(invoice_id, 0)) WHERE lifted_on IS NULL;

-- The steps of a policy done for an invoice: the next step follows the last one done.
CREATE TABLE dunning_actions (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    invoice_id     INTEGER NOT NULL REFERENCES invoices (id),
    step           INTEGER NOT NULL CHECK (step >= 1),
    action         TEXT NOT NULL CHECK (action IN ('email', 'letter', 'call', 'escalation')),
    segment        TEXT NOT NULL,
    done_on        TEXT NOT NULL,
    interaction_id INTEGER REFERENCES interactions (id)
);
CREATE INDEX dunning_actions_invoice ON dunning_actions (invoice_id, step);
CREATE INDEX dunning_actions_customer ON dunning_actions (customer_id, done_on);
