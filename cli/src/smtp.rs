//! `creditdesk smtp`: the SMTP server the outbox sends through (the password in the keychain).

use creditdesk::mail::{self, Security, SmtpSettings};
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
    /// Save the SMTP settings (all of them at once)
    Set(SetArgs),
}

#[derive(clap::Args)]
struct SetArgs {
    #[arg(long)]
    host: String,
    /// [default: 25, 587 or 465 per --security]
    #[arg(long)]
    port: Option<u16>,
    /// none (a server on this machine only), starttls or tls
    #[arg(long, default_value = "starttls")]
    security: String,
    /// The login, if the server needs one
    #[arg(long, default_value = "")]
    username: String,
    /// Keep the password found in this environment variable in the OS keychain
    #[arg(long, value_name = "VAR")]
    password_env: Option<String>,
    /// The sender's address
    #[arg(long = "from")]
    from_address: String,
    /// The sender's name
    #[arg(long, default_value = "")]
    from_name: String,
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let settings = match args.action {
        None => rt.block_on(mail::smtp_settings(&store))?,
        Some(Action::Set(set)) => {
            let security = Security::parse(&set.security)?;
            let settings = SmtpSettings {
                host: set.host,
                port: set.port.unwrap_or(security.default_port()),
                security,
                username: set.username,
                from_address: set.from_address,
                from_name: set.from_name,
            };
            let saved = rt.block_on(mail::save_smtp_settings(&store, &settings))?;
            if let Some(var) = set.password_env {
                let password = zeroize::Zeroizing::new(std::env::var(&var).map_err(|_| {
                    Error::invalid(format!("the environment variable {var} is not set"))
                })?);
                mail::set_password(&target.path, &password)?;
            }
            Some(saved)
        }
    };
    if args.json {
        return output::json(&settings);
    }
    match settings {
        None => say!("no SMTP server is configured"),
        Some(s) => say!(
            "{}:{} ({}) login {} from {} <{}>",
            s.host,
            s.port,
            s.security.code(),
            if s.username.is_empty() {
                "-"
            } else {
                &s.username
            },
            s.from_name,
            s.from_address
        ),
    }
    Ok(())
}
