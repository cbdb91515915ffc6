//! Command bodies of letters and mail: letter templates, the SMTP server (its password in the
//! keychain), the outbox, and the documents the app wrote.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use creditdesk::domain::Language;
use creditdesk::letters::{LetterTemplate, PLACEHOLDERS};
use creditdesk::mail::{self, Security, SmtpSettings};

use super::{App, blocking};
use crate::collections_types::TemplateDto;
use crate::error::{ApiError, ApiResult};
use crate::mail_types::*;

/// The folder a run's letters go to, under the data directory.
pub(crate) fn letters_dir(data_dir: &Path, day: chrono::NaiveDate) -> PathBuf {
    data_dir
        .join("letters")
        .join(day.format("%Y-%m-%d").to_string())
}

impl App {
    pub async fn letter_templates(&self) -> ApiResult<LetterTemplatesDto> {
        let store = self.store().await?;
        Ok(LetterTemplatesDto {
            templates: store
                .letter_templates()
                .await?
                .iter()
                .map(Into::into)
                .collect(),
            placeholders: PLACEHOLDERS
                .iter()
                .map(|(name, _)| name.to_string())
                .collect(),
        })
    }

    pub async fn save_letter_template(
        &self,
        t: LetterTemplateDto,
    ) -> ApiResult<LetterTemplatesDto> {
        let store = self.store().await?;
        let template = LetterTemplate {
            subject: t.subject,
            opening: t.opening,
            body: t.body,
            closing: t.closing,
        };
        store
            .save_letter_template(Language::parse(&t.language)?, t.tone.into(), &template)
            .await?;
        self.letter_templates().await
    }

    pub async fn reset_letter_template(
        &self,
        language: String,
        tone: TemplateDto,
    ) -> ApiResult<LetterTemplatesDto> {
        let store = self.store().await?;
        store
            .reset_letter_template(Language::parse(&language)?, tone.into())
            .await?;
        self.letter_templates().await
    }

    pub async fn smtp_settings(&self) -> ApiResult<Option<SmtpSettingsDto>> {
        let store = self.store().await?;
        let Some(settings) = mail::smtp_settings(&store).await? else {
            return Ok(None);
        };
        let db = store.path().to_path_buf();
        let password_set = blocking(move || mail::password(&db)).await?.is_some();
        Ok(Some(SmtpSettingsDto::new(&settings, password_set)))
    }

    pub async fn save_smtp_settings(
        &self,
        request: SaveSmtpRequest,
    ) -> ApiResult<Option<SmtpSettingsDto>> {
        let store = self.store().await?;
        let settings = SmtpSettings {
            host: request.host.clone(),
            port: request.port,
            security: Security::parse(request.security_code())?,
            username: request.username.clone(),
            from_address: request.from_address.clone(),
            from_name: request.from_name.clone(),
        };
        mail::save_smtp_settings(&store, &settings).await?;
        if let Some(password) = request.password {
            let db = store.path().to_path_buf();
            blocking(move || {
                if password.is_empty() {
                    mail::delete_password(&db)
                } else {
                    mail::set_password(&db, &password)
                }
            })
            .await?;
        }
        self.smtp_settings().await
    }

    pub async fn outbox(&self) -> ApiResult<Vec<OutboxMessageDto>> {
        let store = self.store().await?;
        Ok(mail::list(&store).await?.iter().map(Into::into).collect())
    }

    /// Sends what is due in the outbox. Without SMTP settings there is nothing to do (the
    /// messages wait); a configuration problem (login refused) is an error to show.
    pub async fn send_outbox(&self, now: DateTime<Utc>) -> ApiResult<SendReportDto> {
        let store = self.store().await?;
        let Some(settings) = mail::smtp_settings(&store).await? else {
            return Ok(SendReportDto {
                sent: 0,
                retrying: 0,
                failed: 0,
                unreachable: Some("no SMTP server is set in Settings".into()),
            });
        };
        let db = store.path().to_path_buf();
        let password = blocking(move || mail::password(&db)).await?;
        let report = mail::send_due(
            &store,
            &settings,
            password.as_ref().map(|p| p.as_str()),
            now,
        )
        .await?;
        Ok((&report).into())
    }

    /// A document the app wrote (a run's letters), checked to be one before the shell opens
    /// it: the web view may only ask for files under the data directory's `letters` folder.
    pub fn document_to_open(&self, path: &str) -> ApiResult<PathBuf> {
        let letters = self.data_dir.join("letters");
        let refused = || -> ApiError {
            creditdesk::Error::invalid(format!("'{path}' is not a document written by Creditdesk"))
                .into()
        };
        let wanted = std::fs::canonicalize(path).map_err(|_| refused())?;
        let root = std::fs::canonicalize(&letters).map_err(|_| refused())?;
        let is_pdf = wanted
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if wanted.starts_with(&root) && is_pdf && wanted.is_file() {
            Ok(wanted)
        } else {
            Err(refused())
        }
    }
}
