use creditdesk_ipc::types::{CustomerRowDto, OverviewDto};
use creditdesk_ipc::{ApiResult, App};
use tauri::State;

#[tauri::command]
pub async fn overview(app: State<'_, App>, as_of: Option<String>) -> ApiResult<OverviewDto> {
    app.overview(super::as_of(as_of)?).await
}

#[tauri::command]
pub async fn customers(
    app: State<'_, App>,
    as_of: Option<String>,
) -> ApiResult<Vec<CustomerRowDto>> {
    app.customers(super::as_of(as_of)?).await
}
