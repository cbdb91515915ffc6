//! The `letter_templates` table: the user's own letter texts, one per language × tone. Read
//! back effective (the user's row, else the default shipped with the app); saved only once
//! validated (an unknown placeholder is refused with its name); reset by deleting the row.

use crate::domain::Language;
use crate::error::Result;
use crate::letters::{LetterTemplate, Tone};

use super::Store;

/// A letter template as the settings screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EffectiveTemplate {
    pub language: Language,
    pub tone: Tone,
    pub template: LetterTemplate,
    /// True when the user's version is used, false for the shipped default.
    pub customized: bool,
}

impl Store {
    /// The template letters in `language` at `tone` are written with.
    pub async fn letter_template(
        &self,
        language: Language,
        tone: Tone,
    ) -> Result<EffectiveTemplate> {
        let row = sqlx::query_as::<_, (String, String, String, String)>(
            "SELECT subject, opening, body, closing FROM letter_templates
             WHERE language = ? AND tone = ?",
        )
        .bind(language.code())
        .bind(tone.code())
        .fetch_optional(self.pool())
        .await?;
        Ok(match row {
            Some((subject, opening, body, closing)) => EffectiveTemplate {
                language,
                tone,
                template: LetterTemplate {
                    subject,
                    opening,
                    body,
                    closing,
                },
                customized: true,
            },
            None => EffectiveTemplate {
                language,
                tone,
                template: LetterTemplate::default_for(language, tone),
                customized: false,
            },
        })
    }

    /// Every language × tone, in a stable order (en, fr, nl, de; reminder to formal notice).
    pub async fn letter_templates(&self) -> Result<Vec<EffectiveTemplate>> {
        let mut all = Vec::with_capacity(12);
        for language in [Language::En, Language::Fr, Language::Nl, Language::De] {
            for tone in Tone::ALL {
                all.push(self.letter_template(language, tone).await?);
            }
        }
        Ok(all)
    }

    /// Keeps the user's version of a template, once validated.
    pub async fn save_letter_template(
        &self,
        language: Language,
        tone: Tone,
        template: &LetterTemplate,
    ) -> Result<()> {
        let t = template.clone().validated()?;
        sqlx::query(
            "INSERT INTO letter_templates (language, tone, subject, opening, body, closing)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (language, tone) DO UPDATE SET
                 subject = excluded.subject, opening = excluded.opening,
                 body = excluded.body, closing = excluded.closing",
        )
        .bind(language.code())
        .bind(tone.code())
        .bind(&t.subject)
        .bind(&t.opening)
        .bind(&t.body)
        .bind(&t.closing)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Back to the shipped default; says whether there was a version of the user's to drop.
    pub async fn reset_letter_template(&self, language: Language, tone: Tone) -> Result<bool> {
        let done = sqlx::query("DELETE FROM letter_templates WHERE language = ? AND tone = ?")
            .bind(language.code())
            .bind(tone.code())
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
