//! The SMTP server the user configured: host, port, security, login and sender, kept in the
//! database's `preferences`; the password in the OS keychain, never in the database.

use std::path::Path;

use lettre::Address;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::keychain;
use crate::store::Store;
use crate::store::outbox as rows;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// No encryption: only for a server on this machine (tests, a local relay).
    None,
    /// Plain connection upgraded with STARTTLS, required (usually port 587).
    Starttls,
    /// TLS from the first byte, "SMTPS" (usually port 465).
    Tls,
}

impl Security {
    pub const ALL: [Security; 3] = [Security::None, Security::Starttls, Security::Tls];

    pub fn code(self) -> &'static str {
        match self {
            Security::None => "none",
            Security::Starttls => "starttls",
            Security::Tls => "tls",
        }
    }

    pub fn parse(code: &str) -> Result<Security> {
        let code = code.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "'{code}' is not an SMTP security (none, starttls, tls)"
                ))
            })
    }

    /// The usual port for this security.
    pub fn default_port(self) -> u16 {
        match self {
            Security::None => 25,
            Security::Starttls => 587,
            Security::Tls => 465,
        }
    }
}

/// The SMTP server and the sender. The password is not here: see [`set_password`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The login; empty when the server needs none.
    pub username: String,
    /// The sender's address (the From header and the envelope sender).
    pub from_address: String,
    /// The sender's display name; may be empty.
    pub from_name: String,
}

impl SmtpSettings {
    /// The settings trimmed and checked: a host name, a port, a valid sender address, and no
    /// login over an unencrypted connection to another machine (the password would travel in
    /// clear).
    pub fn validated(mut self) -> Result<SmtpSettings> {
        self.host = self.host.trim().to_string();
        self.username = self.username.trim().to_string();
        self.from_address = self.from_address.trim().to_string();
        self.from_name = self.from_name.trim().to_string();
        if self.host.is_empty()
            || self
                .host
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '/')
        {
            return Err(Error::invalid(format!(
                "'{}' is not an SMTP server's host name",
                self.host
            )));
        }
        if self.port == 0 {
            return Err(Error::invalid("the SMTP port must be between 1 and 65535"));
        }
        self.from_address.parse::<Address>().map_err(|e| {
            Error::invalid(format!(
                "the sender address '{}' is not an e-mail address ({e})",
                self.from_address
            ))
        })?;
        if self.from_name.chars().any(char::is_control) {
            return Err(Error::invalid("the sender's name must be one line of text"));
        }
        if self.username.chars().any(char::is_control) {
            return Err(Error::invalid("the SMTP login must be one line of text"));
        }
        if self.security == Security::None && !self.username.is_empty() && !self.is_loopback() {
            return Err(Error::invalid(format!(
                "a login to {} without encryption would send the password in clear: choose starttls or tls",
                self.host
            )));
        }
        Ok(self)
    }

    fn is_loopback(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// The saved SMTP settings, validated; `None` if they were never saved.
pub async fn smtp_settings(store: &Store) -> Result<Option<SmtpSettings>> {
    rows::smtp_settings(store.pool())
        .await?
        .map(SmtpSettings::validated)
        .transpose()
}

/// Validates and saves the SMTP settings (all or none).
pub async fn save_smtp_settings(store: &Store, settings: &SmtpSettings) -> Result<SmtpSettings> {
    let settings = settings.clone().validated()?;
    rows::save_smtp_settings(store, &settings).await?;
    Ok(settings)
}

/// The keychain account of the SMTP password of the database at `db_path`:
/// `smtp:<absolute path>` under the service `creditdesk`.
pub fn password_account(db_path: &Path) -> String {
    format!("smtp:{}", keychain::account_for(db_path))
}

/// Keeps the SMTP password of the database at `db_path` in the OS keychain, replacing any.
/// Blocks (keychain IPC): call it from a blocking context.
pub fn set_password(db_path: &Path, password: &str) -> Result<()> {
    if password.is_empty() {
        return Err(Error::invalid(
            "the SMTP password is empty; to remove it, delete it",
        ));
    }
    keychain::store_secret(&password_account(db_path), password)
}

/// The SMTP password of the database at `db_path`, if one is kept. Blocks.
pub fn password(db_path: &Path) -> Result<Option<Zeroizing<String>>> {
    keychain::load_secret(&password_account(db_path))
}

/// Forgets the SMTP password of the database at `db_path`. Blocks.
pub fn delete_password(db_path: &Path) -> Result<()> {
    keychain::delete_secret(&password_account(db_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> SmtpSettings {
        SmtpSettings {
            host: " smtp.example.com ".into(),
            port: 587,
            security: Security::Starttls,
            username: "credit".into(),
            from_address: "credit@example.com".into(),
            from_name: "Credit department".into(),
        }
    }

    #[test]
    fn good_settings_are_trimmed() {
        assert_eq!(settings().validated().unwrap().host, "smtp.example.com");
    }

    #[test]
    fn bad_settings_are_refused() {
        type Change = fn(&mut SmtpSettings);
        let cases: &[(&str, Change)] = &[
            ("no host", |s| s.host = " ".into()),
            ("host with a space", |s| s.host = "smtp example".into()),
            ("port 0", |s| s.port = 0),
            ("bad sender", |s| s.from_address = "credit".into()),
            ("name on two lines", |s| s.from_name = "a\r\nb".into()),
            ("password in clear to another machine", |s| {
                s.security = Security::None
            }),
        ];
        for (why, change) in cases {
            let mut s = settings();
            change(&mut s);
            assert!(s.validated().is_err(), "{why}");
        }
    }

    #[test]
    fn no_encryption_is_fine_on_loopback_or_without_login() {
        for host in ["127.0.0.1", "localhost", "::1", "[::1]"] {
            let mut s = settings();
            s.security = Security::None;
            s.host = host.into();
            assert!(s.validated().is_ok(), "{host}");
        }
        let mut s = settings();
        s.security = Security::None;
        s.username.clear();
        assert!(s.validated().is_ok());
    }

    #[test]
    fn security_codes_round_trip() {
        for s in Security::ALL {
            assert_eq!(Security::parse(s.code()).unwrap(), s);
        }
        assert_eq!(Security::parse(" STARTTLS ").unwrap(), Security::Starttls);
        assert!(Security::parse("ssl").is_err());
    }
}
