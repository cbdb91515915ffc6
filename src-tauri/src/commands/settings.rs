use creditdesk_ipc::types::{BackupDto, CompanyDto, PreferencesDto};
use creditdesk_ipc::{ApiResult, App};
use tauri::State;

#[tauri::command]
pub async fn company(app: State<'_, App>) -> ApiResult<CompanyDto> {
    app.company().await
}

#[tauri::command]
pub async fn save_company(app: State<'_, App>, company: CompanyDto) -> ApiResult<CompanyDto> {
    app.save_company(company).await
}

#[tauri::command]
pub async fn preferences(app: State<'_, App>) -> ApiResult<PreferencesDto> {
    app.preferences().await
}

#[tauri::command]
pub async fn save_preferences(
    app: State<'_, App>,
    preferences: PreferencesDto,
) -> ApiResult<PreferencesDto> {
    app.save_preferences(preferences).await
}

#[tauri::command]
pub async fn backup(app: State<'_, App>, path: String, passphrase: String) -> ApiResult<BackupDto> {
    app.backup(path, passphrase).await
}
