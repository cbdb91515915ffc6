//! The outbox goes out by itself: every minute the shell asks the core to send what is due.
//! Offline, the server is unreachable and the messages wait (the core backs off); a database
//! not open yet, or no SMTP server set, simply means nothing to send.

use std::time::Duration;

use creditdesk_ipc::App;
use tauri::{AppHandle, Manager};

const EVERY: Duration = Duration::from_secs(60);

pub fn send_in_background(handle: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(EVERY).await;
            let app = handle.state::<App>();
            // Errors (locked, not configured, login refused) show where the user looks: the
            // outbox in Settings lists each message's last error.
            let _ = app.send_outbox(chrono::Utc::now()).await;
        }
    });
}
