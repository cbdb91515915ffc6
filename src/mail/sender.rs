//! The sender: delivers the due messages of the outbox one at a time through lettre, following
//! the state machine of [`crate::mail`].

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MailAttachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{Address, Message};

use crate::domain::{InteractionDraft, InteractionKind};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::outbox::{self as rows, Outgoing};

use super::outbox::{MAX_ATTEMPTS, OutboxId, OutboxLock, OutboxMessage, backoff};
use super::settings::{Security, SmtpSettings};

/// How long connecting may take.
const NETWORK_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one whole attempt may take (lettre bounds only the connect): a server that stops
/// answering does not hold the outbox. Generous, for a large PDF over a slow uplink.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(300);

/// What one run of [`send_due`] did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SendReport {
    /// Messages a killed sender had left in `sending`, put back in the queue (and then tried
    /// in this run like any due message).
    pub recovered: Vec<OutboxId>,
    /// Each message tried, in order.
    pub deliveries: Vec<Delivery>,
    /// Set when the run stopped because the server could not be reached: the due messages not
    /// tried wait for the next run.
    pub unreachable: Option<String>,
}

impl SendReport {
    pub fn sent(&self) -> usize {
        self.count(|o| matches!(o, SendOutcome::Sent))
    }
    pub fn retrying(&self) -> usize {
        self.count(|o| matches!(o, SendOutcome::Retry { .. }))
    }
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, SendOutcome::Failed { .. }))
    }
    fn count(&self, f: impl Fn(&SendOutcome) -> bool) -> usize {
        self.deliveries.iter().filter(|d| f(&d.outcome)).count()
    }
}

/// One message tried.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Delivery {
    pub id: OutboxId,
    pub message_id: String,
    pub to_address: String,
    pub subject: String,
    /// This attempt's number (1 for the first).
    pub attempt: u32,
    #[serde(flatten)]
    pub outcome: SendOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SendOutcome {
    /// The server accepted it (250 to DATA); recorded as sent.
    Sent,
    /// Not delivered this time; queued again.
    Retry {
        next_attempt_at: DateTime<Utc>,
        error: String,
    },
    /// Given up: the server refused it for good, or it kept refusing it.
    Failed { error: String },
}

/// Why an attempt did not deliver a message.
enum AttemptError {
    /// The server could not be reached or the connection could not be set up (offline,
    /// refused, timed out, 4xx greeting): transient, and the run stops.
    Unreachable(String),
    /// The settings do not work with this server (login refused, TLS impossible).
    Configuration(String),
    /// The transaction failed in a way worth retrying (4xx, connection lost, timeout).
    Transient(String),
    /// The server refused the message for good (5xx).
    Permanent(String),
}

/// Sends every queued message whose time has come (`next_attempt_at <= now`), one at a time,
/// and records each outcome in the outbox and on the customer's timeline. First takes the
/// outbox lock (`conflict` if another sender runs) and [recovers](super::recover) messages a
/// killed sender left in `sending`.
///
/// `password` is the SMTP password when `settings.username` is set (see
/// [`super::password`]). Errors: `invalid_input` for settings that cannot work (no password
/// for a login, the login refused, TLS impossible) — the message being tried goes back to the
/// queue; `conflict`; `storage`. An unreachable server is not an error: see
/// [`SendReport::unreachable`].
pub async fn send_due(
    store: &Store,
    settings: &SmtpSettings,
    password: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SendReport> {
    let settings = settings.clone().validated()?;
    let credentials = match password.filter(|p| !p.is_empty()) {
        _ if settings.username.is_empty() => None,
        Some(p) => Some(Credentials::new(settings.username.clone(), p.to_string())),
        None => {
            return Err(Error::invalid(format!(
                "the SMTP login {} needs a password: set it first",
                settings.username
            )));
        }
    };
    let from = sender(&settings)?;
    let tls = match settings.security {
        Security::None => None,
        Security::Starttls | Security::Tls => Some(
            TlsParameters::new(settings.host.clone())
                .map_err(|e| Error::invalid(format!("TLS for {}: {e}", settings.host)))?,
        ),
    };

    let _lock = OutboxLock::take(store)?;
    let recovered = super::outbox::requeue_interrupted(store, now).await?;
    let mut report = SendReport {
        recovered,
        deliveries: Vec::new(),
        unreachable: None,
    };
    let pool = store.pool();
    for id in rows::due(pool, now).await? {
        if !rows::claim(pool, id, now).await? {
            continue;
        }
        // Committed: the message is `sending`, this attempt counted.
        let outgoing = rows::outgoing(pool, id).await?;
        let message = &outgoing.message;
        let result = match build(&from, &outgoing) {
            Ok(email) => tokio::time::timeout(
                ATTEMPT_TIMEOUT,
                attempt(&settings, tls.as_ref(), credentials.as_ref(), &email),
            )
            .await
            .unwrap_or_else(|_| {
                Err(AttemptError::Transient(format!(
                    "the SMTP server {}:{} did not finish within {} s",
                    settings.host,
                    settings.port,
                    ATTEMPT_TIMEOUT.as_secs()
                )))
            }),
            Err(reason) => Err(AttemptError::Permanent(reason)),
        };
        let outcome = match result {
            Ok(mut connection) => {
                // The server answered 250 to DATA: commit `sent` before anything else (even
                // QUIT), to keep the window between the two as short as it can be.
                record_sent(store, message, now).await?;
                let _ = connection.quit().await;
                SendOutcome::Sent
            }
            Err(AttemptError::Permanent(reason)) => {
                record_failed(store, message, &reason, now).await?;
                SendOutcome::Failed { error: reason }
            }
            Err(AttemptError::Transient(reason)) if message.attempts >= MAX_ATTEMPTS => {
                let reason = format!("{reason} (gave up after {} attempts)", message.attempts);
                record_failed(store, message, &reason, now).await?;
                SendOutcome::Failed { error: reason }
            }
            Err(AttemptError::Transient(reason)) => retry(store, message, reason, now).await?,
            Err(AttemptError::Unreachable(reason)) => {
                let outcome = retry(store, message, reason.clone(), now).await?;
                report.unreachable = Some(reason);
                report.deliveries.push(delivery(message, outcome));
                break;
            }
            Err(AttemptError::Configuration(reason)) => {
                retry(store, message, reason.clone(), now).await?;
                return Err(Error::invalid(reason));
            }
        };
        report.deliveries.push(delivery(message, outcome));
    }
    Ok(report)
}

fn delivery(message: &OutboxMessage, outcome: SendOutcome) -> Delivery {
    Delivery {
        id: message.id,
        message_id: message.message_id.clone(),
        to_address: message.to_address.clone(),
        subject: message.subject.clone(),
        attempt: message.attempts,
        outcome,
    }
}

fn sender(settings: &SmtpSettings) -> Result<Mailbox> {
    let address: Address = settings
        .from_address
        .parse()
        .map_err(|e| Error::invalid(format!("the sender address: {e}")))?;
    Ok(Mailbox::new(
        Some(settings.from_name.clone()).filter(|n| !n.is_empty()),
        address,
    ))
}

/// The e-mail as sent: the stored Message-ID, dated when it was queued (the same on every
/// attempt), text/plain, and the PDF attached (multipart/mixed).
fn build(from: &Mailbox, outgoing: &Outgoing) -> std::result::Result<Message, String> {
    let m = &outgoing.message;
    let to_address: Address = m
        .to_address
        .parse()
        .map_err(|e| format!("the address {} cannot be used: {e}", m.to_address))?;
    let to = Mailbox::new(
        Some(m.to_name.clone()).filter(|n| !n.is_empty()),
        to_address,
    );
    let builder = Message::builder()
        .message_id(Some(m.message_id.clone()))
        .date(SystemTime::from(m.queued_at))
        .from(from.clone())
        .to(to)
        .subject(m.subject.clone());
    let text = SinglePart::plain(m.body_text.clone());
    let built = match (&m.attachment_name, &outgoing.attachment) {
        (Some(name), Some(content)) => {
            builder.multipart(MultiPart::mixed().singlepart(text).singlepart(
                MailAttachment::new(name.clone()).body(
                    content.clone(),
                    ContentType::parse("application/pdf").map_err(|e| e.to_string())?,
                ),
            ))
        }
        _ => builder.singlepart(text),
    };
    built.map_err(|e| format!("the message cannot be built: {e}"))
}

/// One SMTP transaction on a connection of its own. On success the connection is returned
/// open, so the caller can commit `sent` before saying QUIT.
async fn attempt(
    settings: &SmtpSettings,
    tls: Option<&TlsParameters>,
    credentials: Option<&Credentials>,
    email: &Message,
) -> std::result::Result<AsyncSmtpConnection, AttemptError> {
    let hello = ClientId::default();
    let server = format!("{}:{}", settings.host, settings.port);
    let setup = |e: lettre::transport::smtp::Error| {
        let reason = format!("cannot reach the SMTP server {server}: {e}");
        if e.is_tls() || e.is_client() || e.is_permanent() {
            AttemptError::Configuration(reason)
        } else {
            AttemptError::Unreachable(reason)
        }
    };
    let wrapper = match settings.security {
        Security::Tls => tls.cloned(),
        Security::None | Security::Starttls => None,
    };
    let mut connection = AsyncSmtpConnection::connect_tokio1(
        (settings.host.as_str(), settings.port),
        Some(NETWORK_TIMEOUT),
        &hello,
        wrapper,
        None,
    )
    .await
    .map_err(setup)?;
    if let (Security::Starttls, Some(tls)) = (settings.security, tls) {
        connection
            .starttls(tls.clone(), &hello)
            .await
            .map_err(setup)?;
    }
    if let Some(credentials) = credentials {
        connection
            .auth(&[Mechanism::Plain, Mechanism::Login], credentials)
            .await
            .map_err(|e| {
                if e.is_permanent() || e.is_client() {
                    AttemptError::Configuration(format!(
                        "the SMTP server {server} refused the login {}: {e}",
                        settings.username
                    ))
                } else {
                    AttemptError::Unreachable(format!("logging in to {server}: {e}"))
                }
            })?;
    }
    match connection.send(email.envelope(), &email.formatted()).await {
        Ok(_) => Ok(connection),
        Err(e) => {
            connection.abort().await;
            if e.is_permanent() {
                Err(AttemptError::Permanent(format!("refused by {server}: {e}")))
            } else {
                Err(AttemptError::Transient(format!(
                    "not accepted by {server}: {e}"
                )))
            }
        }
    }
}

async fn retry(
    store: &Store,
    message: &OutboxMessage,
    reason: String,
    now: DateTime<Utc>,
) -> Result<SendOutcome> {
    let next = now + backoff(message.attempts);
    rows::reschedule(store.pool(), message.id, next, &reason).await?;
    Ok(SendOutcome::Retry {
        next_attempt_at: next,
        error: reason,
    })
}

async fn record_sent(store: &Store, message: &OutboxMessage, now: DateTime<Utc>) -> Result<()> {
    let mut writer = store.writer().await?;
    rows::mark_sent(&mut writer, message.id, now).await?;
    timeline(&mut writer, message, "sent", now).await?;
    writer.commit().await
}

async fn record_failed(
    store: &Store,
    message: &OutboxMessage,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut writer = store.writer().await?;
    rows::mark_failed(&mut writer, message.id, reason).await?;
    timeline(&mut writer, message, &format!("failed: {reason}"), now).await?;
    writer.commit().await
}

/// The outcome on the customer's timeline: an `email` interaction dated `now`'s (UTC) day.
async fn timeline(
    writer: &mut crate::store::Writer,
    message: &OutboxMessage,
    outcome: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(customer_id) = message.customer_id else {
        return Ok(());
    };
    writer
        .record_interaction(&InteractionDraft {
            customer_id,
            date: now.date_naive(),
            kind: InteractionKind::Email,
            text: format!(
                "E-mail \"{}\" to {}: {outcome}",
                message.subject, message.to_address
            ),
        })
        .await?;
    Ok(())
}
