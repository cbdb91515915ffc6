//! `creditdesk outbox`: the e-mails waiting to be sent and what became of them;
//! `creditdesk outbox send`: send what is due now.

use creditdesk::mail::{self, SendOutcome};
use creditdesk::{Error, Result};

use crate::database::{Target, runtime};
use crate::output::{self, say};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    #[arg(long, global = true)]
    json: bool,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Send every message whose time has come, one at a time, and print what happened.
    /// Exits 0 when messages are only delayed (server unreachable, 4xx) or refused; non-zero
    /// when the SMTP settings do not work.
    Send,
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    match args.action {
        None => list(target, args.json),
        Some(Action::Send) => send(target, args.json),
    }
}

fn time(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M:%SZ").to_string())
        .unwrap_or_else(|| "-".into())
}

fn list(target: &Target, json: bool) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let messages = rt.block_on(mail::list(&store))?;
    if json {
        return output::json(&messages);
    }
    let rows: Vec<Vec<String>> = messages
        .iter()
        .map(|m| {
            vec![
                m.id.to_string(),
                m.state.code().into(),
                m.attempts.to_string(),
                time(m.next_attempt_at.or(m.sent_at)),
                m.to_address.clone(),
                m.subject.clone(),
                m.last_error.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::table(
        &[
            "id",
            "state",
            "attempts",
            "next / sent",
            "to",
            "subject",
            "last error",
        ],
        &[true, false, true, false, false, false, false],
        &rows,
    );
    Ok(())
}

fn send(target: &Target, json: bool) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let settings = rt.block_on(mail::smtp_settings(&store))?.ok_or_else(|| {
        Error::invalid("no SMTP server is configured: set one with `creditdesk smtp set`")
    })?;
    // The keychain blocks: asked here, outside the runtime.
    let password = if settings.username.is_empty() {
        None
    } else {
        mail::password(&target.path)?
    };
    // "Now" is read here, at the edge, once.
    let now = chrono::Utc::now();
    let report = rt.block_on(mail::send_due(
        &store,
        &settings,
        password.as_deref().map(String::as_str),
        now,
    ))?;
    if json {
        return output::json(&report);
    }
    for id in &report.recovered {
        say!("message {id} had been interrupted while sending: sent again, same Message-ID");
    }
    for d in &report.deliveries {
        let what = match &d.outcome {
            SendOutcome::Sent => "sent".to_string(),
            SendOutcome::Retry {
                next_attempt_at,
                error,
            } => format!(
                "not sent ({error}); next attempt {}",
                time(Some(*next_attempt_at))
            ),
            SendOutcome::Failed { error } => format!("failed: {error}"),
        };
        say!("{} to {} \"{}\": {what}", d.id, d.to_address, d.subject);
    }
    if let Some(reason) = &report.unreachable {
        say!("stopped: {reason}; the other messages wait for the next run");
    }
    say!(
        "{} sent, {} to retry, {} failed",
        report.sent(),
        report.retrying(),
        report.failed()
    );
    Ok(())
}
