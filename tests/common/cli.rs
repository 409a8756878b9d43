//! Running the `mandaat` binary against a temporary store, dated 2024-11-15
//! and working as Anouk, for the command-line tests.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

pub const TODAY: &str = "2024-11-15";

pub fn mandaat(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mandaat"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("MANDAAT_STORE")
        .env_remove("MANDAAT_LANG")
        .env("MANDAAT_TODAY", TODAY)
        .env("MANDAAT_USER", "Anouk")
        .output()
        .expect("run mandaat")
}

/// The command's stdout; the test fails with its stderr when it fails.
pub fn ok(store: &Path, args: &[&str]) -> String {
    let out = mandaat(store, args);
    assert!(
        out.status.success(),
        "mandaat {args:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

pub fn json(store: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(store, args)).expect("valid JSON")
}
