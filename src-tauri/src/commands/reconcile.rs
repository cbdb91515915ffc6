use creditdesk_ipc::reconcile_types::*;
use creditdesk_ipc::{ApiResult, App};
use tauri::State;

use super::today;

#[tauri::command]
pub async fn import_statement(app: State<'_, App>, path: String) -> ApiResult<StatementImportDto> {
    app.import_statement(path, today()).await
}

#[tauri::command]
pub async fn bank_entries(
    app: State<'_, App>,
    request: BankEntriesRequest,
) -> ApiResult<BankEntriesDto> {
    app.bank_entries(request).await
}

#[tauri::command]
pub async fn reconcile(app: State<'_, App>) -> ApiResult<ReconcileRunDto> {
    app.reconcile(today()).await
}

#[tauri::command]
pub async fn accept_match(
    app: State<'_, App>,
    entry_id: u32,
    remember_iban: bool,
) -> ApiResult<BankEntryDto> {
    app.accept_match(entry_id, remember_iban, today()).await
}

#[tauri::command]
pub async fn reject_match(app: State<'_, App>, entry_id: u32) -> ApiResult<BankEntryDto> {
    app.reject_match(entry_id, today()).await
}

#[tauri::command]
pub async fn split_entry(app: State<'_, App>, request: SplitRequest) -> ApiResult<BankEntryDto> {
    app.split_entry(request, today()).await
}

#[tauri::command]
pub async fn undo_match(app: State<'_, App>, entry_id: u32) -> ApiResult<BankEntryDto> {
    app.undo_match(entry_id, today()).await
}

#[tauri::command]
pub async fn open_items(
    app: State<'_, App>,
    request: OpenItemsRequest,
) -> ApiResult<Vec<OpenItemDto>> {
    app.open_items(request).await
}

#[tauri::command]
pub async fn match_settings(app: State<'_, App>) -> ApiResult<MatchSettingsDto> {
    app.match_settings().await
}

#[tauri::command]
pub async fn save_match_settings(
    app: State<'_, App>,
    settings: MatchSettingsDto,
) -> ApiResult<MatchSettingsDto> {
    app.save_match_settings(settings).await
}
