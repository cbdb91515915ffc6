//! The loopback SMTP server of `tests/smtp/server.py`, driven from Rust tests (included with
//! `#[path]` by the core's and the CLI's tests).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Debian's interpreter, which sees Debian's `python3-aiosmtpd` (a pyenv `python3` on PATH
/// would not).
const PYTHON: &str = "/usr/bin/python3";
const PACKAGE_HINT: &str = "the SMTP tests need /usr/bin/python3 with Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd)";

/// A running `server.py`; stopped when dropped.
pub struct SmtpServer {
    child: Child,
    pub port: u16,
    pub maildir: PathBuf,
    _dir: tempfile::TempDir,
}

/// One line of the server's `events.log`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// data, accept, refuse or abort
    pub kind: String,
    /// The server's count of DATA commands received
    pub n: u32,
    pub message_id: String,
}

impl SmtpServer {
    /// Starts the server with `options` (e.g. `["--delay-data", "0.5"]`) and waits until it
    /// listens. Fails the test, naming the Debian package, when Python or aiosmtpd is missing.
    pub fn start(options: &[&str]) -> SmtpServer {
        assert!(
            Path::new(PYTHON).is_file(),
            "{PACKAGE_HINT}: {PYTHON} is missing"
        );
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .map(|dir| dir.join("tests/smtp/server.py"))
            .find(|p| p.is_file())
            .expect("tests/smtp/server.py not found");
        let dir = tempfile::tempdir().unwrap();
        let portfile = dir.path().join("port");
        let maildir = dir.path().join("mail");
        // A file, not a pipe nobody drains: the server's log lines can never block it.
        let stderr_path = dir.path().join("stderr");
        let stderr = std::fs::File::create(&stderr_path).unwrap();
        let mut child = Command::new(PYTHON)
            .arg(&script)
            .arg(&portfile)
            .arg(&maildir)
            .args(options)
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("{PACKAGE_HINT}: cannot run {PYTHON}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(20);
        let port = loop {
            if let Ok(text) = std::fs::read_to_string(&portfile) {
                break text.trim().parse().expect("a port number in the port file");
            }
            if let Some(status) = child.try_wait().unwrap() {
                let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
                panic!("{PACKAGE_HINT}: the test SMTP server exited ({status}): {stderr}");
            }
            assert!(
                Instant::now() < deadline,
                "the test SMTP server did not start within 20 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        SmtpServer {
            child,
            port,
            maildir,
            _dir: dir,
        }
    }

    /// The messages the server accepted, in order, as saved (raw RFC 5322 bytes).
    pub fn accepted(&self) -> Vec<Vec<u8>> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.maildir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        files.iter().map(|p| std::fs::read(p).unwrap()).collect()
    }

    /// The Message-IDs of the accepted messages, in order.
    pub fn accepted_ids(&self) -> Vec<String> {
        self.events()
            .into_iter()
            .filter(|e| e.kind == "accept")
            .map(|e| e.message_id)
            .collect()
    }

    pub fn events(&self) -> Vec<Event> {
        std::fs::read_to_string(self.maildir.join("events.log"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                let mut words = line.splitn(3, ' ');
                Some(Event {
                    kind: words.next()?.to_string(),
                    n: words.next()?.parse().ok()?,
                    message_id: words.next()?.to_string(),
                })
            })
            .collect()
    }

    /// Waits until the server has logged `count` events of `kind`.
    pub fn wait_for(&self, kind: &str, count: usize, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let seen = self.events().iter().filter(|e| e.kind == kind).count();
            if seen >= count {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the SMTP server logged {seen} '{kind}' events, not {count}, within {timeout:?}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Bytes that start like a PDF and hold every byte value, so any re-encoding shows.
pub fn fake_pdf(seed: u8) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    pdf.extend((0..=255u8).cycle().take(3000).map(|b| b.wrapping_add(seed)));
    pdf.extend_from_slice(b"\n%%EOF\n");
    pdf
}
