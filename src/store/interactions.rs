//! Recording interactions from a form (a note, a call, a promise, a dispute).

use crate::domain::{InteractionDraft, InteractionId};
use crate::error::Result;

impl super::Store {
    /// Records one interaction in its own transaction.
    pub async fn record_interaction(&self, draft: &InteractionDraft) -> Result<InteractionId> {
        let mut writer = self.writer().await?;
        let id = writer.record_interaction(draft).await?;
        writer.commit().await?;
        Ok(id)
    }
}
