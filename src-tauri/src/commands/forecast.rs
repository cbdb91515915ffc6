use creditdesk_ipc::forecast_types::*;
use creditdesk_ipc::{ApiResult, App};
use tauri::State;

#[tauri::command]
pub async fn forecast(
    app: State<'_, App>,
    request: ForecastRequest,
    as_of: Option<String>,
) -> ApiResult<ForecastDto> {
    app.forecast(request, super::as_of(as_of)?).await
}

#[tauri::command]
pub async fn customer_forecast(
    app: State<'_, App>,
    customer_id: u32,
    as_of: Option<String>,
) -> ApiResult<Vec<InvoiceForecastDto>> {
    app.customer_forecast(customer_id, super::as_of(as_of)?)
        .await
}

#[tauri::command]
pub async fn forecast_backtest(
    app: State<'_, App>,
    as_of: Option<String>,
) -> ApiResult<BacktestDto> {
    app.forecast_backtest(super::as_of(as_of)?).await
}
