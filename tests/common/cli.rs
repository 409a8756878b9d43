//! Running the `mandaat` binary against a temporary store, dated 2024-11-15
//! and working as Anouk, for the command-line tests.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

pub const TODAY: &str = "2024-11-15";

pub fn mandaat(store: &Path, args: &[&str]) -> Output {
    mandaat_at(store, TODAY, args, &[])
}

/// `mandaat` on `today`, with `env` set besides (a test switch, say).
pub fn mandaat_at(store: &Path, today: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mandaat"));
    c.arg("--store")
        .arg(store)
        .args(args)
        .env_remove("MANDAAT_STORE")
        .env_remove("MANDAAT_LANG")
        .env("MANDAAT_TODAY", today)
        .env("MANDAAT_USER", "Anouk");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run mandaat")
}

/// The command's stdout; the test fails with its stderr when it fails.
pub fn ok(store: &Path, args: &[&str]) -> String {
    ok_at(store, TODAY, args)
}

/// [`ok`] on `today`.
pub fn ok_at(store: &Path, today: &str, args: &[&str]) -> String {
    let out = mandaat_at(store, today, args, &[]);
    assert!(
        out.status.success(),
        "mandaat {args:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A demo store in `dir/store`, seeded on [`TODAY`].
pub fn demo_store_in(dir: &Path) -> std::path::PathBuf {
    let store = dir.join("store");
    ok(&store, &["seed-demo"]);
    store
}

pub fn json(store: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(store, args)).expect("valid JSON")
}
