//! Transport types of letters and mail: the letter templates, the SMTP server, the outbox.

use creditdesk::mail::{OutboxMessage, SendOutcome, SendReport, SmtpSettings};
use creditdesk::store::EffectiveTemplate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::collections_types::TemplateDto;

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A letter's text blocks for one language and tone; `{placeholders}` are filled per letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterTemplateDto {
    /// `en`, `fr`, `nl` or `de`.
    pub language: String,
    pub tone: TemplateDto,
    pub subject: String,
    pub opening: String,
    pub body: String,
    pub closing: String,
    /// The user's text (false: the one shipped with the app).
    pub customized: bool,
}

impl From<&EffectiveTemplate> for LetterTemplateDto {
    fn from(t: &EffectiveTemplate) -> Self {
        LetterTemplateDto {
            language: t.language.code().to_string(),
            tone: t.tone.into(),
            subject: t.template.subject.clone(),
            opening: t.template.opening.clone(),
            body: t.template.body.clone(),
            closing: t.template.closing.clone(),
            customized: t.customized,
        }
    }
}

/// The letter templates and the placeholders they may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterTemplatesDto {
    pub templates: Vec<LetterTemplateDto>,
    pub placeholders: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SmtpSecurityDto {
    None,
    Starttls,
    Tls,
}

/// The SMTP server the outbox sends through. The password never comes back: `password_set`
/// says whether the keychain holds one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SmtpSettingsDto {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurityDto,
    pub username: String,
    pub from_address: String,
    pub from_name: String,
    pub password_set: bool,
}

impl SmtpSettingsDto {
    pub fn new(s: &SmtpSettings, password_set: bool) -> SmtpSettingsDto {
        SmtpSettingsDto {
            host: s.host.clone(),
            port: s.port,
            security: match s.security.code() {
                "starttls" => SmtpSecurityDto::Starttls,
                "tls" => SmtpSecurityDto::Tls,
                _ => SmtpSecurityDto::None,
            },
            username: s.username.clone(),
            from_address: s.from_address.clone(),
            from_name: s.from_name.clone(),
            password_set,
        }
    }
}

/// Save the SMTP server; `password`: a new one to keep in the keychain, `""` to remove it,
/// `null` to keep the one there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveSmtpRequest {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurityDto,
    pub username: String,
    pub from_address: String,
    pub from_name: String,
    pub password: Option<String>,
}

impl SaveSmtpRequest {
    pub fn security_code(&self) -> &'static str {
        match self.security {
            SmtpSecurityDto::None => "none",
            SmtpSecurityDto::Starttls => "starttls",
            SmtpSecurityDto::Tls => "tls",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutboxMessageDto {
    pub id: u32,
    pub message_id: String,
    pub customer_id: Option<u32>,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub attachment_name: Option<String>,
    /// `queued`, `sending`, `sent` or `failed`.
    pub state: String,
    pub attempts: u32,
    pub next_attempt_at: Option<String>,
    pub last_error: Option<String>,
    pub queued_at: String,
    pub sent_at: Option<String>,
}

impl From<&OutboxMessage> for OutboxMessageDto {
    fn from(m: &OutboxMessage) -> Self {
        OutboxMessageDto {
            id: u32::try_from(m.id.0).unwrap_or(u32::MAX),
            message_id: m.message_id.clone(),
            customer_id: m
                .customer_id
                .map(|c| u32::try_from(c.0).unwrap_or(u32::MAX)),
            to_address: m.to_address.clone(),
            to_name: m.to_name.clone(),
            subject: m.subject.clone(),
            attachment_name: m.attachment_name.clone(),
            state: m.state.code().to_string(),
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at.map(time),
            last_error: m.last_error.clone(),
            queued_at: time(m.queued_at),
            sent_at: m.sent_at.map(time),
        }
    }
}

/// What one send run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SendReportDto {
    pub sent: u32,
    pub retrying: u32,
    pub failed: u32,
    /// Set when the server could not be reached: the rest waits for the next run.
    pub unreachable: Option<String>,
}

impl From<&SendReport> for SendReportDto {
    fn from(r: &SendReport) -> Self {
        let count = |f: fn(&SendOutcome) -> bool| {
            r.deliveries.iter().filter(|d| f(&d.outcome)).count() as u32
        };
        SendReportDto {
            sent: count(|o| matches!(o, SendOutcome::Sent)),
            retrying: count(|o| matches!(o, SendOutcome::Retry { .. })),
            failed: count(|o| matches!(o, SendOutcome::Failed { .. })),
            unreachable: r.unreachable.clone(),
        }
    }
}
