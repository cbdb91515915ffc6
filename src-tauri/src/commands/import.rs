use creditdesk_ipc::import_types::{ImportOutcomeDto, ImportPreviewDto, ImportRequest};
use creditdesk_ipc::{ApiResult, App};
use tauri::{AppHandle, Emitter, State};

#[tauri::command]
pub async fn import_preview(
    app: State<'_, App>,
    request: ImportRequest,
) -> ApiResult<ImportPreviewDto> {
    app.import_preview(request).await
}

/// Imports a file; its progress goes to the window as `import-progress` events.
#[tauri::command]
pub async fn import_file(
    handle: AppHandle,
    app: State<'_, App>,
    request: ImportRequest,
) -> ApiResult<ImportOutcomeDto> {
    app.import_file(request, &mut |p| {
        // A progress report the window misses is not worth failing the import for.
        let _ = handle.emit("import-progress", p);
    })
    .await
}
