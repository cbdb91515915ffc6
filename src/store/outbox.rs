//! The `outbox` table (e-mails waiting to be sent and what became of them) and the SMTP
//! settings kept in the `preferences` table. The rules (validation, the state machine, the
//! back-off) are in [`crate::mail`]; this module only reads and writes rows.
//!
//! Each state change is one statement or one [`Writer`] transaction, committed before the
//! sender goes on: that is what lets the outbox survive a process killed at any moment.

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};

use crate::domain::CustomerId;
use crate::error::{Error, Result};
use crate::mail::{MessageDraft, OutboxId, OutboxMessage, OutboxState, Security, SmtpSettings};

use super::Writer;

/// Times in the outbox: UTC with milliseconds and a `Z`, one fixed width, so they sort as text.
pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn parse_timestamp(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::internal(format!("bad time '{text}' in the outbox: {e}")))
}

fn optional_timestamp(text: Option<String>) -> Result<Option<DateTime<Utc>>> {
    text.as_deref().map(parse_timestamp).transpose()
}

/// Inserts a validated draft as `queued`, due at `now`.
pub(crate) async fn insert(
    db: impl sqlx::SqliteExecutor<'_>,
    draft: &MessageDraft,
    message_id: &str,
    now: DateTime<Utc>,
) -> Result<OutboxId> {
    let at = timestamp(now);
    let id = sqlx::query_scalar(
        "INSERT INTO outbox (message_id, customer_id, to_address, to_name, subject, body_text,
                             attachment_name, attachment, state, attempts, next_attempt_at, queued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?) RETURNING id",
    )
    .bind(message_id)
    .bind(draft.customer_id.map(|c| c.0))
    .bind(&draft.to_address)
    .bind(&draft.to_name)
    .bind(&draft.subject)
    .bind(&draft.body_text)
    .bind(draft.attachment.as_ref().map(|a| a.name.clone()))
    .bind(draft.attachment.as_ref().map(|a| a.content.clone()))
    .bind(&at)
    .bind(&at)
    .fetch_one(db)
    .await?;
    Ok(OutboxId(id))
}

const LISTED: &str = "id, message_id, customer_id, to_address, to_name, subject, body_text,
     attachment_name, length(attachment) AS attachment_size, state, attempts, next_attempt_at,
     last_error, queued_at, sent_at";

fn listed(row: &SqliteRow) -> Result<OutboxMessage> {
    let state: String = row.try_get("state")?;
    Ok(OutboxMessage {
        id: OutboxId(row.try_get("id")?),
        message_id: row.try_get("message_id")?,
        customer_id: row
            .try_get::<Option<i64>, _>("customer_id")?
            .map(CustomerId),
        to_address: row.try_get("to_address")?,
        to_name: row.try_get("to_name")?,
        subject: row.try_get("subject")?,
        body_text: row.try_get("body_text")?,
        attachment_name: row.try_get("attachment_name")?,
        attachment_size: row
            .try_get::<Option<i64>, _>("attachment_size")?
            .map(|n| n.max(0) as u64),
        state: OutboxState::parse(&state)?,
        attempts: row.try_get::<i64, _>("attempts")?.max(0) as u32,
        next_attempt_at: optional_timestamp(row.try_get("next_attempt_at")?)?,
        last_error: row.try_get("last_error")?,
        queued_at: parse_timestamp(&row.try_get::<String, _>("queued_at")?)?,
        sent_at: optional_timestamp(row.try_get("sent_at")?)?,
    })
}

/// Every message, newest first.
pub(crate) async fn list(pool: &SqlitePool) -> Result<Vec<OutboxMessage>> {
    let sql = format!("SELECT {LISTED} FROM outbox ORDER BY id DESC");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(pool)
        .await?
        .iter()
        .map(listed)
        .collect()
}

pub(crate) async fn get(pool: &SqlitePool, id: OutboxId) -> Result<OutboxMessage> {
    let sql = format!("SELECT {LISTED} FROM outbox WHERE id = ?");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| Error::not_found(format!("no message {id} in the outbox")))?;
    listed(&row)
}

/// The queued messages whose time has come, oldest due first.
pub(crate) async fn due(pool: &SqlitePool, now: DateTime<Utc>) -> Result<Vec<OutboxId>> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT id FROM outbox WHERE state = 'queued' AND next_attempt_at <= ?
         ORDER BY next_attempt_at, id",
    )
    .bind(timestamp(now))
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(OutboxId)
    .collect())
}

/// queued → sending, counting the attempt, in one committed statement. False when the message
/// is no longer queued and due (another sender took it, or it was changed meanwhile).
pub(crate) async fn claim(pool: &SqlitePool, id: OutboxId, now: DateTime<Utc>) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = NULL
         WHERE id = ? AND state = 'queued' AND next_attempt_at <= ?",
    )
    .bind(id.0)
    .bind(timestamp(now))
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A message as the sender needs it: the listed fields and the attachment's bytes.
pub(crate) struct Outgoing {
    pub message: OutboxMessage,
    pub attachment: Option<Vec<u8>>,
}

pub(crate) async fn outgoing(pool: &SqlitePool, id: OutboxId) -> Result<Outgoing> {
    let message = get(pool, id).await?;
    let attachment: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT attachment FROM outbox WHERE id = ?")
            .bind(id.0)
            .fetch_one(pool)
            .await?;
    Ok(Outgoing {
        message,
        attachment,
    })
}

/// sending → sent, in the writer's transaction (with the timeline entry).
pub(crate) async fn mark_sent(writer: &mut Writer, id: OutboxId, now: DateTime<Utc>) -> Result<()> {
    finish(
        writer,
        "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL
         WHERE id = ? AND state = 'sending'",
        id,
        Some(timestamp(now)),
    )
    .await
}

/// sending → failed with `error`, in the writer's transaction (with the timeline entry).
pub(crate) async fn mark_failed(writer: &mut Writer, id: OutboxId, error: &str) -> Result<()> {
    finish(
        writer,
        "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ? AND state = 'sending'",
        id,
        Some(error.to_string()),
    )
    .await
}

async fn finish(
    writer: &mut Writer,
    sql: &'static str,
    id: OutboxId,
    value: Option<String>,
) -> Result<()> {
    let done = sqlx::query(sql)
        .bind(value)
        .bind(id.0)
        .execute(writer.transaction())
        .await?;
    if done.rows_affected() != 1 {
        return Err(Error::internal(format!(
            "outbox message {id} was not being sent any more"
        )));
    }
    Ok(())
}

/// sending → queued again, due at `next`, remembering why.
pub(crate) async fn reschedule(
    pool: &SqlitePool,
    id: OutboxId,
    next: DateTime<Utc>,
    error: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = ?
         WHERE id = ? AND state = 'sending'",
    )
    .bind(timestamp(next))
    .bind(error)
    .bind(id.0)
    .execute(pool)
    .await?;
    Ok(())
}

/// Every message left in `sending` (by a sender that stopped mid-send) back to `queued`, due
/// at `now`. Returns their ids.
pub(crate) async fn requeue_interrupted(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    note: &str,
) -> Result<Vec<OutboxId>> {
    Ok(sqlx::query_scalar::<_, i64>(
        "UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = ?
         WHERE state = 'sending' RETURNING id",
    )
    .bind(timestamp(now))
    .bind(note)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(OutboxId)
    .collect())
}

// --- SMTP settings, one `preferences` row each -------------------------------------------

const HOST: &str = "smtp.host";
const PORT: &str = "smtp.port";
const SECURITY: &str = "smtp.security";
const USERNAME: &str = "smtp.username";
const FROM_ADDRESS: &str = "smtp.from_address";
const FROM_NAME: &str = "smtp.from_name";

async fn preference(pool: &SqlitePool, name: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar::<_, String>("SELECT value FROM preferences WHERE name = ?")
            .bind(name)
            .fetch_optional(pool)
            .await?,
    )
}

/// The saved SMTP settings as stored (not validated), or `None` if they were never saved.
pub(crate) async fn smtp_settings(pool: &SqlitePool) -> Result<Option<SmtpSettings>> {
    let Some(host) = preference(pool, HOST).await? else {
        return Ok(None);
    };
    let text = |v: Option<String>| v.unwrap_or_default();
    let port = text(preference(pool, PORT).await?);
    let security = text(preference(pool, SECURITY).await?);
    Ok(Some(SmtpSettings {
        host,
        port: port.parse().map_err(|_| {
            Error::invalid(format!(
                "the saved SMTP port '{port}' is not a port number: save the SMTP settings again"
            ))
        })?,
        security: Security::parse(&security)?,
        username: text(preference(pool, USERNAME).await?),
        from_address: text(preference(pool, FROM_ADDRESS).await?),
        from_name: text(preference(pool, FROM_NAME).await?),
    }))
}

/// Saves validated settings, all rows in one transaction.
pub(crate) async fn save_smtp_settings(store: &super::Store, s: &SmtpSettings) -> Result<()> {
    let mut writer = store.writer().await?;
    let rows = [
        (HOST, s.host.clone()),
        (PORT, s.port.to_string()),
        (SECURITY, s.security.code().to_string()),
        (USERNAME, s.username.clone()),
        (FROM_ADDRESS, s.from_address.clone()),
        (FROM_NAME, s.from_name.clone()),
    ];
    for (name, value) in rows {
        sqlx::query(
            "INSERT INTO preferences (name, value) VALUES (?, ?)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(name)
        .bind(value)
        .execute(writer.transaction())
        .await?;
    }
    writer.commit().await
}
