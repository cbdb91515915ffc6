//! Mail: the outbox (e-mails waiting in the database) and the sender that delivers them
//! through the SMTP server the user configured.
//!
//! Dunning queues a message ([`queue`]): a text body and, usually, the PDF letter attached,
//! addressed to a customer's billing contact. The message waits in the `outbox` table until
//! [`send_due`] delivers it, when the machine is online. The outcome ("sent" or "failed:
//! reason") is recorded on the customer's timeline as an interaction of kind `email`.
//!
//! # Message-ID
//!
//! Each message gets its `Message-ID` when it is queued, `<32 random hex digits@domain>` (the
//! domain of the SMTP sender address, else of the company's e-mail address). It is stored and
//! sent unchanged on every attempt, so a receiving system can recognise a repeat.
//!
//! # States
//!
//! ```text
//!            queue
//!              │
//!              ▼         claim (attempt counted, COMMITTED before connecting)
//!  ┌────────► queued ───────────────────────────────► sending
//!  │          ▲  ▲                                     │  │  │
//!  │          │  └─ recover: found in `sending` at the  │  │  │ 5xx from the server, or the
//!  │          │     start of a run (the sender was      │  │  │ message cannot be built
//!  │          │     killed mid-send): due again now,    │  │  ▼
//!  │          │     same Message-ID                     │  │ failed  (timeline: "failed: reason")
//!  │          │                                         │  │
//!  │          └──── transient error: server unreachable,│  │ 250 to DATA, then COMMITTED
//!  │                4xx, connection lost, timeout:      │  ▼
//!  │                due again at now + back-off ◄───────┘ sent    (timeline: "sent")
//!  │                (1, 5, 15, 60 min, then hourly)
//!  └── after MAX_ATTEMPTS attempts, a 4xx makes it `failed`; an unreachable server never does
//! ```
//!
//! * **queued → sending** is one committed `UPDATE` before the SMTP transaction starts; it
//!   counts the attempt.
//! * **sending → sent** is committed (with its timeline entry, in one transaction) right after
//!   the server answered 250 to the end of DATA: from then on the message is never sent again.
//! * **sending → queued** on a transient error: `next_attempt_at = now + back-off(attempts)`
//!   ([`backoff`]). A server that cannot be reached (no network, connection refused or timed
//!   out, a 4xx greeting) stops the run: the other due messages are left as they are and tried
//!   at the next run. Such messages are retried forever, hourly at most: "sent when online"
//!   never loses a message. A server that answers 4xx to the message, drops the connection
//!   during the transaction, or does not finish an attempt within 5 minutes is retried until
//!   [`MAX_ATTEMPTS`], then the message is `failed`.
//! * **sending → failed** on a permanent refusal (5xx to MAIL, RCPT or DATA; an address the
//!   server refuses) or a message that cannot be built.
//! * A login refused by the server (5xx to AUTH), a TLS handshake that fails (certificate,
//!   STARTTLS not offered) or a connection the settings cannot set up is a configuration
//!   error, not the message's: the message goes back to `queued` (with the back-off) and
//!   `send_due` returns the error (`invalid_input`).
//!
//! # Killed mid-send: exactly once, and the window that remains
//!
//! A run first takes a lock on a file beside the database (`<db>.outbox-lock`, an OS file
//! lock, released by the OS when the process dies), so one sender at a time works on an
//! outbox. Holding it, it calls [`recover`]: a message still in `sending` was being sent by a
//! process that died, and whether the server accepted it is unknown. It goes back to `queued`,
//! due at once, with its Message-ID unchanged.
//!
//! * Killed **before the server's 250** (while connecting, during the transaction, while the
//!   server was still processing DATA): the server did not accept the message. It is sent
//!   again, with the same Message-ID. Delivered once.
//! * Killed **after `sent` was committed**: it is never sent again. Delivered once.
//! * Killed **after the server's 250 but before `sent` is committed** — a window of one local
//!   SQLite commit, about a millisecond — the server has accepted the message but the outbox
//!   does not know it: it is sent a second time, with the **same Message-ID**. Receiving
//!   systems and mail clients that de-duplicate by Message-ID show it once; others show a
//!   repeat that is recognisably the same message. SMTP itself offers no way to close this
//!   window (a transaction cannot be made atomic with a local commit); the stable Message-ID
//!   is what makes the repeat harmless. (A power cut, as opposed to a killed process, can also
//!   lose the last commits of SQLite's WAL in `synchronous=NORMAL` mode: the same reasoning
//!   applies, the message goes out again with the same Message-ID.)
//!
//! "Now" is always a parameter; nothing here reads the clock.

mod outbox;
mod sender;
mod settings;

pub use outbox::{
    Attachment, MAX_ATTACHMENT_BYTES, MAX_ATTEMPTS, MessageDraft, OutboxId, OutboxMessage,
    OutboxState, backoff, get, list, queue, queue_in, recover,
};
pub use sender::{Delivery, SendOutcome, SendReport, send_due};
pub use settings::{
    Security, SmtpSettings, delete_password, password, password_account, save_smtp_settings,
    set_password, smtp_settings,
};
