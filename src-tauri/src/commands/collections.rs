use creditdesk_ipc::collections_types::*;
use creditdesk_ipc::{ApiResult, App};
use tauri::State;

use super::today;

#[tauri::command]
pub async fn customer_profile(
    app: State<'_, App>,
    customer_id: u32,
    as_of: Option<String>,
) -> ApiResult<ProfileDto> {
    app.customer_profile(customer_id, super::as_of(as_of)?)
        .await
}

#[tauri::command]
pub async fn set_segment(app: State<'_, App>, request: SetSegmentRequest) -> ApiResult<ProfileDto> {
    app.set_segment(request, today()).await
}

#[tauri::command]
pub async fn segment_totals(
    app: State<'_, App>,
    as_of: Option<String>,
) -> ApiResult<Vec<SegmentTotalDto>> {
    app.segment_totals(super::as_of(as_of)?).await
}

#[tauri::command]
pub async fn dunning_policies(app: State<'_, App>) -> ApiResult<Vec<DunningPolicyDto>> {
    app.dunning_policies().await
}

#[tauri::command]
pub async fn save_dunning_policy(
    app: State<'_, App>,
    policy: DunningPolicyDto,
) -> ApiResult<DunningPolicyDto> {
    app.save_dunning_policy(policy).await
}

#[tauri::command]
pub async fn reset_dunning_policy(
    app: State<'_, App>,
    segment: SegmentDto,
) -> ApiResult<DunningPolicyDto> {
    app.reset_dunning_policy(segment).await
}

#[tauri::command]
pub async fn worklist(app: State<'_, App>, as_of: Option<String>) -> ApiResult<WorklistDto> {
    app.worklist(super::as_of(as_of)?).await
}

#[tauri::command]
pub async fn run_dunning(
    app: State<'_, App>,
    request: DunningRunRequest,
) -> ApiResult<DunningRunDto> {
    app.run_dunning(request, today(), chrono::Utc::now()).await
}

#[tauri::command]
pub async fn stop_dunning(
    app: State<'_, App>,
    request: StopDunningRequest,
) -> ApiResult<DunningStopDto> {
    app.stop_dunning(request, today()).await
}

#[tauri::command]
pub async fn lift_dunning_stop(app: State<'_, App>, stop_id: u32) -> ApiResult<()> {
    app.lift_dunning_stop(stop_id, today()).await
}

#[tauri::command]
pub async fn dunning_stops(
    app: State<'_, App>,
    customer_id: u32,
    as_of: Option<String>,
) -> ApiResult<Vec<DunningStopDto>> {
    app.dunning_stops(customer_id, super::as_of(as_of)?).await
}
