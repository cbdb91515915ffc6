//! Handing a document to the operating system's viewer.

use std::path::Path;
use std::process::Command;

use creditdesk_ipc::{ApiError, ApiErrorCode, ApiResult};

/// Opens `path` with the program the OS associates with it (the PDF viewer, which prints).
pub fn open(path: &Path) -> ApiResult<()> {
    #[cfg(target_os = "linux")]
    let mut command = Command::new("xdg-open");
    #[cfg(target_os = "macos")]
    let mut command = Command::new("open");
    #[cfg(target_os = "windows")]
    let mut command = {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    command.arg(path).spawn().map(drop).map_err(|e| ApiError {
        code: ApiErrorCode::Internal,
        message: format!(
            "the system viewer could not be started for {}: {e}",
            path.display()
        ),
    })
}
