-- The mail outbox: e-mails waiting to be sent, and what became of them (src/mail/, src/store/outbox.rs).
-- A message moves queued -> sending -> sent, or back to queued (a transient error, retried at
-- next_attempt_at), or to failed. message_id is given at queue time and kept across retries.
-- Times are UTC, ISO 8601 with milliseconds and a Z ("2026-11-23T09:30:00.000Z"): they sort as text.

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    message_id      TEXT NOT NULL UNIQUE,
    customer_id     INTEGER REFERENCES customers (id) ON DELETE SET NULL,
    to_address      TEXT NOT NULL,
    to_name         TEXT NOT NULL DEFAULT '',
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    attachment_name TEXT,
    attachment      BLOB,
    state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT,
    last_error      TEXT,
    queued_at       TEXT NOT NULL,
    sent_at         TEXT,
    CHECK ((attachment IS NULL) = (attachment_name IS NULL)),
    CHECK ((state = 'queued') = (next_attempt_at IS NOT NULL)),
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
