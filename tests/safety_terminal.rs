//! A panic in the dashboard: the terminal comes back, the panic message can be
//! read, and every change saved before it is still in the store.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mandaat");

struct Tmux {
    name: String,
}

impl Tmux {
    fn start(name: &str, command: &str) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok(),
            "tmux is needed for the real-terminal test"
        );
        let t = Tmux {
            name: format!("mandaat-safety-{name}-{}", std::process::id()),
        };
        let status = t
            .tmux(&[
                "new-session",
                "-d",
                "-s",
                &t.name,
                "-x",
                "160",
                "-y",
                "48",
                command,
            ])
            .status()
            .unwrap();
        assert!(status.success());
        t
    }

    fn tmux(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.name]).args(args);
        c
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", &self.name, k])
                .status()
                .unwrap();
            sleep(Duration::from_millis(if *k == "Escape" { 300 } else { 60 }));
        }
    }

    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", &self.name, "-l", text])
            .status()
            .unwrap();
        sleep(Duration::from_millis(100));
    }

    fn screen(&self) -> String {
        let out = self
            .tmux(&["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("{needle:?} did not appear; screen:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]).status();
    }
}

fn mandaat(store: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("MANDAAT_STORE")
        .env_remove("MANDAAT_LANG")
        .env("MANDAAT_TODAY", "2024-11-15")
        .env("MANDAAT_USER", "Anouk")
        .output()
        .unwrap()
}

#[test]
fn panic_restores_the_terminal_shows_the_message_and_keeps_earlier_saves() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert!(mandaat(&store, &["seed-demo"]).status.success());
    // `§` is no key of the dashboard: it only panics because of the variable.
    let command = format!(
        "MANDAAT_TEST_PANIC_KEY='§' {BIN} --store {} --today 2024-11-15 --user Anouk; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo END; sleep 30",
        store.display()
    );
    let t = Tmux::start("panic", &command);
    t.wait_for("Uitzonderingen");
    // A note on X04, saved before the panic.
    t.keys(&["3", "j", "j", "j", "n"]);
    t.wait_for("Notitie bij X04");
    t.type_text("Voor de paniek opgeslagen");
    t.keys(&["Enter"]);
    t.wait_for("Opgeslagen: notitie");
    t.type_text("§");
    let screen = t.wait_for("END");
    assert!(
        screen.contains("icanon echo"),
        "terminal not restored after a panic:\n{screen}"
    );
    assert!(
        screen.contains("test panic on key"),
        "panic message not readable:\n{screen}"
    );
    assert!(
        !screen.contains("EXIT=0"),
        "a panic must not exit 0:\n{screen}"
    );
    assert!(
        !screen.contains("Uitzonderingen"),
        "alternate screen left behind:\n{screen}"
    );
    drop(t);

    let out = mandaat(&store, &["export"]);
    assert!(out.status.success(), "{out:?}");
    let export = String::from_utf8(out.stdout).unwrap();
    assert!(export.contains("Voor de paniek opgeslagen"));
    assert!(mandaat(&store, &["check"]).status.success());
}
