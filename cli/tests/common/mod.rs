//! Running the `creditdesk` binary from the CLI's test files: a fixed test key in the
//! environment, sample files from `tests/data/` and `../shared/data/`.

#![allow(dead_code)] // each test file uses its own part of this

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub const KEY_VAR: &str = "CREDITDESK_TEST_KEY";
pub const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// A file of the project's test data (`tests/data/`).
pub fn data(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data")
        .join(relative)
}

/// A shared sample beside the project; a missing sample fails the test.
pub fn shared(relative: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data")
        .join(relative);
    assert!(path.is_file(), "missing shared sample {}", path.display());
    path
}

pub fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_creditdesk"))
        .arg("--db")
        .arg(db)
        .args(["--key-env", KEY_VAR])
        .args(args)
        .env(KEY_VAR, KEY)
        .output()
        .unwrap()
}

/// The standard output of a command that must succeed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The JSON a command that must succeed prints.
pub fn json_of(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}
