use creditdesk_ipc::interest_types::*;
use creditdesk_ipc::{ApiResult, App};
use tauri::State;

use super::today;

#[tauri::command]
pub async fn reference_rates(app: State<'_, App>) -> ApiResult<ReferenceRatesDto> {
    app.reference_rates().await
}

#[tauri::command]
pub async fn save_reference_rate(
    app: State<'_, App>,
    row: SaveReferenceRateRequest,
) -> ApiResult<ReferenceRatesDto> {
    app.save_reference_rate(row).await
}

#[tauri::command]
pub async fn delete_reference_rate(
    app: State<'_, App>,
    series: String,
    valid_from: String,
) -> ApiResult<ReferenceRatesDto> {
    app.delete_reference_rate(series, valid_from).await
}

#[tauri::command]
pub async fn legal_interest(
    app: State<'_, App>,
    request: LegalInterestRequest,
) -> ApiResult<LegalInterestDto> {
    app.legal_interest(request, today()).await
}
