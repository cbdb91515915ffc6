use creditdesk_ipc::kpi_types::*;
use creditdesk_ipc::{ApiResult, App};
use tauri::State;

#[tauri::command]
pub async fn kpis(
    app: State<'_, App>,
    as_of: Option<String>,
    dimension: KpiDimensionDto,
) -> ApiResult<Vec<KpisDto>> {
    app.kpis(super::as_of(as_of)?, dimension).await
}

#[tauri::command]
pub async fn kpi_trend(app: State<'_, App>, as_of: Option<String>) -> ApiResult<Vec<KpisDto>> {
    app.kpi_trend(super::as_of(as_of)?).await
}
