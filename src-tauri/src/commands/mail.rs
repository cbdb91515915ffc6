use creditdesk_ipc::collections_types::TemplateDto;
use creditdesk_ipc::mail_types::*;
use creditdesk_ipc::{ApiResult, App};
use tauri::State;

#[tauri::command]
pub async fn letter_templates(app: State<'_, App>) -> ApiResult<LetterTemplatesDto> {
    app.letter_templates().await
}

#[tauri::command]
pub async fn save_letter_template(
    app: State<'_, App>,
    template: LetterTemplateDto,
) -> ApiResult<LetterTemplatesDto> {
    app.save_letter_template(template).await
}

#[tauri::command]
pub async fn reset_letter_template(
    app: State<'_, App>,
    language: String,
    tone: TemplateDto,
) -> ApiResult<LetterTemplatesDto> {
    app.reset_letter_template(language, tone).await
}

#[tauri::command]
pub async fn smtp_settings(app: State<'_, App>) -> ApiResult<Option<SmtpSettingsDto>> {
    app.smtp_settings().await
}

#[tauri::command]
pub async fn save_smtp_settings(
    app: State<'_, App>,
    request: SaveSmtpRequest,
) -> ApiResult<Option<SmtpSettingsDto>> {
    app.save_smtp_settings(request).await
}

#[tauri::command]
pub async fn outbox(app: State<'_, App>) -> ApiResult<Vec<OutboxMessageDto>> {
    app.outbox().await
}

#[tauri::command]
pub async fn send_outbox(app: State<'_, App>) -> ApiResult<SendReportDto> {
    app.send_outbox(chrono::Utc::now()).await
}

/// Opens a PDF the app wrote (a run's letters) in the system's viewer, to print.
#[tauri::command]
pub async fn open_document(app: State<'_, App>, path: String) -> ApiResult<()> {
    crate::system::open(&app.document_to_open(&path)?)
}
