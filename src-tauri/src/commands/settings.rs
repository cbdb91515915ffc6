use creditdesk_ipc::types::CompanyDto;
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
