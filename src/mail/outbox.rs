//! The outbox: queueing a validated message, listing messages, the back-off, and recovering
//! messages a killed sender left in `sending`. See the module doc of [`crate::mail`].

use std::fs::{File, OpenOptions, TryLockError};
use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use lettre::Address;

use crate::domain::CustomerId;
use crate::error::{Error, ErrorCode, Result};
use crate::store::outbox as rows;
use crate::store::{Store, Writer};

/// Attempts after which a message the server keeps refusing with 4xx is given up (`failed`):
/// with the back-off, about a day. An unreachable server never makes a message fail.
pub const MAX_ATTEMPTS: u32 = 27;

/// The largest attachment accepted (most SMTP servers refuse messages above 20-25 MB, and
/// base64 makes the attachment a third larger).
pub const MAX_ATTACHMENT_BYTES: usize = 15 * 1024 * 1024;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct OutboxId(pub i64);

impl std::fmt::Display for OutboxId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    Queued,
    Sending,
    Sent,
    Failed,
}

impl OutboxState {
    pub fn code(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
        }
    }

    pub fn parse(code: &str) -> Result<OutboxState> {
        [
            OutboxState::Queued,
            OutboxState::Sending,
            OutboxState::Sent,
            OutboxState::Failed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
        .ok_or_else(|| Error::internal(format!("'{code}' is not a state of an outbox message")))
    }
}

/// A PDF to attach (the letter). Sent as `application/pdf` under `name`.
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content: Vec<u8>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Attachment({}, {} bytes)", self.name, self.content.len())
    }
}

/// An e-mail to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageDraft {
    /// The customer whose timeline shows the outcome; `None` for a message to no customer.
    pub customer_id: Option<CustomerId>,
    pub to_address: String,
    /// The recipient's display name; may be empty.
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub attachment: Option<Attachment>,
}

impl MessageDraft {
    /// The draft trimmed and checked: a deliverable address (lettre's parser), a one-line
    /// subject and name, a body, and a PDF attachment with a plain file name.
    pub fn validated(mut self) -> Result<MessageDraft> {
        self.to_address = self.to_address.trim().to_string();
        self.to_address.parse::<Address>().map_err(|e| {
            Error::invalid(format!(
                "'{}' is not an e-mail address ({e})",
                self.to_address
            ))
        })?;
        self.to_name = one_line("the recipient's name", &self.to_name)?;
        self.subject = one_line("the subject", &self.subject)?;
        if self.subject.is_empty() {
            return Err(Error::invalid("an e-mail needs a subject"));
        }
        if self.body_text.trim().is_empty() {
            return Err(Error::invalid("an e-mail needs a text"));
        }
        if let Some(a) = &mut self.attachment {
            a.name = a.name.trim().to_string();
            let plain = !a.name.is_empty()
                && !a.name.contains(['/', '\\', '"', '\r', '\n'])
                && !a.name.chars().any(char::is_control);
            if !plain || !a.name.to_ascii_lowercase().ends_with(".pdf") {
                return Err(Error::invalid(format!(
                    "the attachment's name '{}' must be a plain file name ending in .pdf",
                    a.name
                )));
            }
            if !a.content.starts_with(b"%PDF-") {
                return Err(Error::invalid(format!(
                    "the attachment {} is not a PDF file",
                    a.name
                )));
            }
            if a.content.len() > MAX_ATTACHMENT_BYTES {
                return Err(Error::invalid(format!(
                    "the attachment {} is {} bytes; at most {MAX_ATTACHMENT_BYTES} can be sent",
                    a.name,
                    a.content.len()
                )));
            }
        }
        Ok(self)
    }
}

fn one_line(what: &str, text: &str) -> Result<String> {
    let text = text.trim();
    if text.chars().any(char::is_control) {
        return Err(Error::invalid(format!("{what} must be one line of text")));
    }
    Ok(text.to_string())
}

/// A message of the outbox, as listed (the attachment by name and size only).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutboxMessage {
    pub id: OutboxId,
    /// The Message-ID header, angle brackets included; the same on every attempt.
    pub message_id: String,
    pub customer_id: Option<CustomerId>,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub attachment_name: Option<String>,
    pub attachment_size: Option<u64>,
    pub state: OutboxState,
    /// Attempts started (a `sending` message counts the one in progress).
    pub attempts: u32,
    /// When a `queued` message is due; `None` in every other state.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Why the last attempt did not deliver it (or why it failed).
    pub last_error: Option<String>,
    pub queued_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// The wait before the next attempt after `attempts` attempts: 1, 5, 15, 60 minutes, then
/// hourly.
pub fn backoff(attempts: u32) -> Duration {
    Duration::minutes(match attempts {
        0 | 1 => 1,
        2 => 5,
        3 => 15,
        _ => 60,
    })
}

/// Queues a message, due at once. It gets its Message-ID now; it keeps it on every attempt.
pub async fn queue(store: &Store, draft: MessageDraft, now: DateTime<Utc>) -> Result<OutboxId> {
    let draft = draft.validated()?;
    if let Some(customer) = draft.customer_id {
        store.customer(customer).await?;
    }
    let domain = message_id_domain(store).await?;
    let message_id = new_message_id(&domain)?;
    rows::insert(store.pool(), &draft, &message_id, now).await
}

/// Queues a message inside `writer`'s transaction, so it waits in the outbox only if the rest
/// of that work commits (a dunning run records its steps and queues its e-mails together).
pub async fn queue_in(
    store: &Store,
    writer: &mut Writer,
    draft: MessageDraft,
    now: DateTime<Utc>,
) -> Result<OutboxId> {
    let draft = draft.validated()?;
    let domain = message_id_domain(store).await?;
    let message_id = new_message_id(&domain)?;
    rows::insert(writer.transaction(), &draft, &message_id, now).await
}

/// `<32 random hex digits@domain>`: 128 random bits, unique without any coordination.
fn new_message_id(domain: &str) -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::internal(format!("the OS random source failed: {e}")))?;
    Ok(format!("<{}@{domain}>", hex::encode(bytes)))
}

/// The domain of the SMTP sender address, else of the company's e-mail address, else
/// `creditdesk.invalid` (a name reserved never to resolve).
async fn message_id_domain(store: &Store) -> Result<String> {
    let from_settings = rows::smtp_settings(store.pool())
        .await
        .ok()
        .flatten()
        .map(|s| s.from_address);
    let from_company = store.company().await.ok().map(|c| c.email);
    Ok([from_settings, from_company]
        .into_iter()
        .flatten()
        .filter_map(|address| address.trim().parse::<Address>().ok())
        .map(|address| address.domain().to_ascii_lowercase())
        .find(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_graphic() && c != '>'))
        .unwrap_or_else(|| "creditdesk.invalid".to_string()))
}

/// Every message of the outbox, newest first.
pub async fn list(store: &Store) -> Result<Vec<OutboxMessage>> {
    rows::list(store.pool()).await
}

/// One message of the outbox.
pub async fn get(store: &Store, id: OutboxId) -> Result<OutboxMessage> {
    rows::get(store.pool(), id).await
}

/// Puts every message a killed sender left in `sending` back in the queue, due at `now`, with
/// its Message-ID unchanged; returns them. Takes the outbox lock: fails with `conflict` while
/// a sender is running (its `sending` message is not interrupted). [`crate::mail::send_due`]
/// calls it first; the app may call it at start.
pub async fn recover(store: &Store, now: DateTime<Utc>) -> Result<Vec<OutboxId>> {
    let _lock = OutboxLock::take(store)?;
    requeue_interrupted(store, now).await
}

pub(crate) async fn requeue_interrupted(
    store: &Store,
    now: DateTime<Utc>,
) -> Result<Vec<OutboxId>> {
    rows::requeue_interrupted(
        store.pool(),
        now,
        "interrupted while sending: sent again with the same Message-ID",
    )
    .await
}

/// Times the outbox lock is asked for again, and the wait between.
const LOCK_RETRIES: u32 = 10;
const LOCK_RETRY_WAIT: std::time::Duration = std::time::Duration::from_millis(20);

/// The lock that makes one sender at a time work on an outbox: an OS lock on
/// `<db>.outbox-lock`, released when dropped or when the process dies.
pub(crate) struct OutboxLock {
    _file: File,
}

impl OutboxLock {
    pub(crate) fn take(store: &Store) -> Result<OutboxLock> {
        let mut path = store.path().as_os_str().to_owned();
        path.push(".outbox-lock");
        let path = PathBuf::from(path);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        // A process this one starts (a PDF tool, a browser) holds a copy of every open file
        // between its fork and its exec, the lock with it: a lock released a moment ago can
        // look taken. Ask again a few times over 200 ms before saying another sender has it.
        for attempt in 0..=LOCK_RETRIES {
            match file.try_lock() {
                Ok(()) => return Ok(OutboxLock { _file: file }),
                Err(TryLockError::WouldBlock) if attempt < LOCK_RETRIES => {
                    std::thread::sleep(LOCK_RETRY_WAIT);
                }
                Err(TryLockError::WouldBlock) => break,
                Err(TryLockError::Error(e)) => {
                    return Err(Error::storage(format!(
                        "cannot lock {}: {e}",
                        path.display()
                    )));
                }
            }
        }
        Err(Error::new(
            ErrorCode::Conflict,
            "the outbox is being sent by another Creditdesk process; try again when it is done",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> MessageDraft {
        MessageDraft {
            customer_id: None,
            to_address: " ap@example.com ".into(),
            to_name: "Accounts payable".into(),
            subject: " Reminder ".into(),
            body_text: "Dear customer".into(),
            attachment: Some(Attachment {
                name: "letter.pdf".into(),
                content: b"%PDF-1.7 ...".to_vec(),
            }),
        }
    }

    #[test]
    fn a_good_draft_is_trimmed() {
        let d = draft().validated().unwrap();
        assert_eq!(d.to_address, "ap@example.com");
        assert_eq!(d.subject, "Reminder");
    }

    #[test]
    fn bad_drafts_are_refused() {
        type Change = fn(&mut MessageDraft);
        let cases: &[(&str, Change)] = &[
            ("no at sign", |d| d.to_address = "ap.example.com".into()),
            ("empty address", |d| d.to_address = " ".into()),
            ("two addresses", |d| {
                d.to_address = "a@x.com, b@x.com".into()
            }),
            ("header injection in the subject", |d| {
                d.subject = "Hi\r\nBcc: x@y.z".into()
            }),
            ("newline in the name", |d| d.to_name = "A\nB".into()),
            ("no subject", |d| d.subject = "  ".into()),
            ("no body", |d| d.body_text = "\n".into()),
            ("not a pdf", |d| {
                d.attachment.as_mut().unwrap().content = b"PK\x03\x04".to_vec()
            }),
            ("a path as name", |d| {
                d.attachment.as_mut().unwrap().name = "../x.pdf".into()
            }),
            ("not named .pdf", |d| {
                d.attachment.as_mut().unwrap().name = "letter.exe".into()
            }),
            ("too large", |d| {
                let mut big = b"%PDF-".to_vec();
                big.resize(MAX_ATTACHMENT_BYTES + 1, b' ');
                d.attachment.as_mut().unwrap().content = big;
            }),
        ];
        for (why, change) in cases {
            let mut d = draft();
            change(&mut d);
            let err = d.validated().expect_err(why);
            assert_eq!(err.code, ErrorCode::InvalidInput, "{why}");
        }
    }

    #[test]
    fn backoff_grows_then_stays_hourly() {
        let minutes: Vec<i64> = (1..=7).map(|n| backoff(n).num_minutes()).collect();
        assert_eq!(minutes, [1, 5, 15, 60, 60, 60, 60]);
    }

    #[test]
    fn message_ids_are_unique_and_well_formed() {
        let a = new_message_id("example.com").unwrap();
        let b = new_message_id("example.com").unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with('<') && a.ends_with("@example.com>"), "{a}");
        assert_eq!(a.len(), 1 + 32 + 1 + "example.com".len() + 1);
    }
}
