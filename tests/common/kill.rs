//! What the kill harnesses share: a small random source that can be replayed,
//! and the binary set up the same way for each round.

use std::path::Path;
use std::process::Command;

/// `mandaat` on `store`, dated 2024-11-15, as Anouk, with none of the test
/// switches of the environment: a harness sets the ones it wants.
pub fn harness_command(store: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mandaat"));
    c.arg("--store")
        .arg(store)
        .env_remove("MANDAAT_STORE")
        .env_remove("MANDAAT_LANG")
        .env_remove("MANDAAT_TEST_SKIP_FLUSH")
        .env("MANDAAT_TODAY", "2024-11-15")
        .env("MANDAAT_USER", "Anouk");
    c
}

/// xorshift64, seeded from `MANDAAT_KILL_SEED` or the clock (and printed, so
/// a failing run can be replayed).
pub struct Rng(u64);

impl Rng {
    pub fn from_env() -> Rng {
        let seed = std::env::var("MANDAAT_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        eprintln!("kill harness seed: MANDAAT_KILL_SEED={seed}");
        Rng(seed | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}
