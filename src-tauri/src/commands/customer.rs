use creditdesk_ipc::types::{CustomerDetailDto, RecordRequest, TimelinePageDto, TimelineRequest};
use creditdesk_ipc::{ApiResult, App};
use tauri::State;

#[tauri::command]
pub async fn customer(
    app: State<'_, App>,
    id: u32,
    as_of: Option<String>,
) -> ApiResult<CustomerDetailDto> {
    app.customer(id, super::as_of(as_of)?).await
}

#[tauri::command]
pub async fn timeline(
    app: State<'_, App>,
    request: TimelineRequest,
    as_of: Option<String>,
) -> ApiResult<TimelinePageDto> {
    app.timeline(request, super::as_of(as_of)?).await
}

#[tauri::command]
pub async fn record(app: State<'_, App>, request: RecordRequest) -> ApiResult<()> {
    app.record(request).await
}
