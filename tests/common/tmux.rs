//! A real terminal for tests: tmux runs a command, keys are typed, the screen
//! is read. Each session has a private tmux server so tests cannot disturb
//! each other.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long [`Tmux::keys`] waits for an Escape to change the screen.
const ESCAPE_UNSEEN: Duration = Duration::from_secs(3);

pub struct Tmux {
    name: String,
}

impl Tmux {
    /// A detached 160×48 session running `command` in a shell, with a private
    /// tmux server so tests cannot disturb each other.
    pub fn start(name: &str, command: &str) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok(),
            "tmux is needed for the real-terminal test (.ci/run installs it)"
        );
        let t = Tmux {
            name: format!("mandaat-test-{name}-{}", std::process::id()),
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
            // The session's shell gets the environment of the private
            // server this starts: none of the user's mandaat settings, so a
            // test reads the screen it was written for.
            .env_remove("MANDAAT_LANG")
            .env_remove("MANDAAT_USER")
            .env_remove("MANDAAT_STORE")
            .env_remove("MANDAAT_TODAY")
            .env_remove("MANDAAT_TEST_SKIP_FLUSH")
            .env_remove("MANDAAT_TEST_FAIL_WRITES")
            .env_remove("MANDAAT_TEST_PANIC_KEY")
            .status()
            .unwrap();
        assert!(status.success());
        t
    }

    pub fn tmux(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.name]).args(args);
        c
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            if *k == "Escape" {
                self.escape();
                continue;
            }
            self.tmux(&["send-keys", "-t", &self.name, k])
                .status()
                .unwrap();
            sleep(Duration::from_millis(60));
        }
    }

    /// Send Escape and wait until the screen changed, so the program has
    /// read it: an Esc still unread when the next key arrives reads as
    /// Alt-key. An Escape that changes nothing on the screen cannot be seen
    /// being read; after [`ESCAPE_UNSEEN`] the next key goes anyway.
    fn escape(&self) {
        // First let the keys before it show, so their redraw is not taken
        // for the Escape's.
        let mut before = self.screen();
        let start = Instant::now();
        while start.elapsed() < ESCAPE_UNSEEN {
            sleep(Duration::from_millis(50));
            let now = self.screen();
            if now == before {
                break;
            }
            before = now;
        }
        self.tmux(&["send-keys", "-t", &self.name, "Escape"])
            .status()
            .unwrap();
        let start = Instant::now();
        while self.screen() == before && start.elapsed() < ESCAPE_UNSEEN {
            sleep(Duration::from_millis(20));
        }
    }

    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", &self.name, "-l", text])
            .status()
            .unwrap();
        sleep(Duration::from_millis(100));
    }

    pub fn screen(&self) -> String {
        let out = self
            .tmux(&["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Whether the program in the pane has the terminal report the mouse
    /// (a terminal left so prints escape codes at the prompt on every move).
    #[allow(dead_code)]
    pub fn mouse_reported(&self) -> bool {
        let out = self
            .tmux(&["display", "-p", "-t", &self.name, "#{mouse_any_flag}"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    /// Wait until the screen shows `needle` (the polling is part of the test).
    pub fn wait_for(&self, needle: &str) -> String {
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

/// The pid of the mandaat dashboard or command on `store` (not the shell or
/// tmux around it, nor the store server a dashboard starts).
pub fn mandaat_pid(store: &std::path::Path) -> Option<u32> {
    find_mandaat(store, false)
}

/// The pid of the store server of `store`, if one runs.
#[allow(dead_code)]
pub fn server_pid(store: &std::path::Path) -> Option<u32> {
    find_mandaat(store, true)
}

fn find_mandaat(store: &std::path::Path, server: bool) -> Option<u32> {
    let bin = env!("CARGO_BIN_EXE_mandaat");
    let store = store.to_str()?;
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(e.path().join("cmdline")).ok()?;
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
        let is_ours = args.first() == Some(&bin.as_bytes()) && args.contains(&store.as_bytes());
        let serves = args.contains(&b"serve".as_slice());
        (is_ours && serves == server).then_some(pid)
    })
}

/// After the dashboard quit in a session started with the exit/stty tail of
/// the terminal tests: exit status 0, the tty back in cooked mode with echo,
/// and no alternate screen left behind.
pub fn assert_restored(screen: &str) {
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(
        screen.contains("icanon echo"),
        "terminal not restored:\n{screen}"
    );
    assert!(
        !screen.contains("Uitzonderingen"),
        "alternate screen left behind:\n{screen}"
    );
}

/// As if `user` had already started the dashboard on `store` on 2024-11-15
/// (the day these tests run on): it opens on the case list, not on the
/// morning view of the day's first start. A store the dashboard is still to
/// make has had no start: its first opens on the morning view.
pub fn started_today(store: &std::path::Path, user: &str) {
    if store.join("db").is_file() {
        std::fs::write(mandaat::start::last_start_file(store, user), "2024-11-15").unwrap();
    }
}
