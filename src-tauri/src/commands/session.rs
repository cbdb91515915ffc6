use creditdesk_ipc::types::{AppStatusDto, DemoSummaryDto};
use creditdesk_ipc::{ApiResult, App};
use tauri::State;

#[tauri::command]
pub async fn app_status(app: State<'_, App>) -> ApiResult<AppStatusDto> {
    app.status().await
}

#[tauri::command]
pub async fn create_database(
    app: State<'_, App>,
    passphrase: Option<String>,
) -> ApiResult<AppStatusDto> {
    app.create_database(passphrase).await
}

#[tauri::command]
pub async fn unlock(app: State<'_, App>, passphrase: String) -> ApiResult<AppStatusDto> {
    app.unlock(passphrase).await
}

#[tauri::command]
pub async fn load_demo(app: State<'_, App>) -> ApiResult<DemoSummaryDto> {
    app.load_demo(super::as_of(None)?).await
}

#[tauri::command]
pub async fn lock(app: State<'_, App>) -> ApiResult<AppStatusDto> {
    app.lock().await
}
