//! The Creditdesk desktop shell. It holds the app state and wraps each command body of
//! `creditdesk-ipc` in a one-line Tauri command; every rule lives in the core.

mod commands;
mod outbox;
mod system;

use std::path::PathBuf;

use creditdesk_ipc::App;
use tauri::Manager;

/// `--data-dir DIR` opens the database in another directory (tests, several companies).
fn data_dir_argument() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

pub fn run() {
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data_dir = match data_dir_argument() {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            let state = App::new(&data_dir);
            // A database whose key is in the keychain opens while the window loads; failures
            // show on the start screen, which asks app_status.
            tauri::async_runtime::spawn(state.open_at_start());
            app.manage(state);
            outbox::send_in_background(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::app_status,
            commands::session::create_database,
            commands::session::unlock,
            commands::session::load_demo,
            commands::session::lock,
            commands::portfolio::overview,
            commands::portfolio::customers,
            commands::customer::customer,
            commands::customer::timeline,
            commands::customer::record,
            commands::import::import_preview,
            commands::import::import_file,
            commands::settings::company,
            commands::settings::save_company,
            commands::settings::preferences,
            commands::settings::save_preferences,
            commands::settings::backup,
            commands::collections::customer_profile,
            commands::collections::set_segment,
            commands::collections::segment_totals,
            commands::collections::dunning_policies,
            commands::collections::save_dunning_policy,
            commands::collections::reset_dunning_policy,
            commands::collections::worklist,
            commands::collections::run_dunning,
            commands::collections::stop_dunning,
            commands::collections::lift_dunning_stop,
            commands::collections::dunning_stops,
            commands::interest::reference_rates,
            commands::interest::save_reference_rate,
            commands::interest::delete_reference_rate,
            commands::interest::legal_interest,
            commands::mail::letter_templates,
            commands::mail::save_letter_template,
            commands::mail::reset_letter_template,
            commands::mail::smtp_settings,
            commands::mail::save_smtp_settings,
            commands::mail::outbox,
            commands::mail::send_outbox,
            commands::mail::open_document,
            commands::reconcile::import_statement,
            commands::reconcile::bank_entries,
            commands::reconcile::reconcile,
            commands::reconcile::accept_match,
            commands::reconcile::reject_match,
            commands::reconcile::split_entry,
            commands::reconcile::undo_match,
            commands::reconcile::open_items,
            commands::reconcile::match_settings,
            commands::reconcile::save_match_settings,
            commands::kpi::kpis,
            commands::kpi::kpi_trend,
            commands::forecast::forecast,
            commands::forecast::customer_forecast,
            commands::forecast::forecast_backtest,
        ])
        .build(tauri::generate_context!())
        .expect("the Tauri application could not be built");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            // Close the database cleanly: connections closed, WAL checkpointed.
            tauri::async_runtime::block_on(handle.state::<App>().close());
        }
    });
}
