#!/usr/bin/env python3
"""What a person waits for: the release binary driven through a real terminal.

Runs the dashboard in tmux (160x48) and times, per run: the first frame, `j`,
a filter letter, an owner-lookup letter, Enter to a case's detail, Enter to
"Opgeslagen" for a note, and the dashboard's resident memory 5 s after start.
Prints medians with min-max over the runs. See scripts/terminal-speed.sh.

How a keystroke is timed. The script is a tmux *control-mode* client
(`tmux -C`): it sends `send-keys` over that one connection (no process is
started per key) and tmux reports every piece of output the dashboard writes
as a `%output` line, the moment tmux reads it from the terminal. After each
burst of output the script asks for the pane's contents (`capture-pane -e`,
also over the connection, so with no poll interval). When the output has
been quiet for QUIET seconds, the pane's final contents are the key's result;
the latency is the time from sending the key to the arrival of the output
after which the pane first looked like that. So it includes tmux reading the
key, the dashboard's work and drawing, and tmux taking the frame in; it adds
no polling delay. The first frame is timed the same way from `respawn-pane`
(the dashboard's process start) until the case list or morning view is on
screen (complete: the first capture that shows it, after which it is then
checked to be settled).
"""
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import time

QUIET = 0.25  # seconds without output after which a frame counts as settled


def now():
    return time.perf_counter()


class Tmux:
    def __init__(self, sock):
        self.sock = sock
        self.run("-f", "/dev/null", "new-session", "-d", "-s", "ff", "-x", "160", "-y", "48",
                 "sleep 1000000")
        self.run("set-option", "-g", "window-size", "manual")
        self.run("set-option", "-g", "status", "off")
        # The pane stays when the dashboard quits, for the next run to respawn.
        self.run("set-option", "-g", "remain-on-exit", "on")
        self.run("resize-window", "-t", "ff", "-x", "160", "-y", "48")
        self.proc = subprocess.Popen(["tmux", "-L", sock, "-C", "attach", "-t", "ff"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.fd = self.proc.stdout.fileno()
        self.buf = b""
        self.last_output = None
        self.command("display-message -p ready")  # past the attach greeting

    def run(self, *args):
        return subprocess.run(["tmux", "-L", self.sock, *args], check=True,
                              capture_output=True, text=True).stdout

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=2)
        except Exception:
            pass
        subprocess.run(["tmux", "-L", self.sock, "kill-server"], capture_output=True)

    def _line(self, timeout):
        """One line from tmux, or None after `timeout` seconds."""
        deadline = now() + timeout
        while b"\n" not in self.buf:
            left = deadline - now()
            if left <= 0:
                return None
            r, _, _ = select.select([self.fd], [], [], left)
            if not r:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise RuntimeError("tmux control client ended")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        if line.startswith(b"%output "):
            self.last_output = now()
        return line

    def send(self, cmd):
        self.proc.stdin.write(cmd.encode() + b"\n")

    def command(self, cmd, timeout=10):
        """Run a tmux command over the control connection; its output lines."""
        self.send(cmd)
        out, inside = [], False
        while True:
            line = self._line(timeout)
            if line is None:
                raise RuntimeError(f"no answer to {cmd!r}")
            if line.startswith(b"%begin"):
                inside, out = True, []
            elif inside and (line.startswith(b"%end") or line.startswith(b"%error")):
                if line.startswith(b"%error"):
                    raise RuntimeError(f"{cmd!r}: {b' '.join(out)!r}")
                return [l.decode("utf-8", "replace") for l in out]
            elif inside:
                out.append(line)

    def capture(self, escapes=True):
        return "\n".join(self.command("capture-pane -p -t ff" + (" -e" if escapes else "")))

    def text(self):
        return self.capture(escapes=False)

    def drain(self, quiet=QUIET):
        """Read until tmux has been quiet for `quiet` seconds."""
        while self._line(quiet) is not None:
            pass

    def timed(self, cmd, settled=None, timeout=10.0):
        """Seconds from sending `cmd` until the pane reached the state it
        settles in (or, with `settled`, the first state satisfying it), and
        that final plain text."""
        self.drain(0.05)
        before = self.capture()
        t0 = now()
        self.last_output = None
        self.send(cmd)
        states = []  # (arrival of the last output before the capture, capture)
        deadline = t0 + timeout
        while now() < deadline:
            line = self._line(QUIET)
            if line is None:
                if self.last_output is not None:
                    break  # quiet after some output: settled
                continue
            if line.startswith(b"%output "):
                # Read what else is already there, then look at the pane.
                while True:
                    r, _, _ = select.select([self.fd], [], [], 0)
                    if not r and b"\n" not in self.buf:
                        break
                    nxt = self._line(0.001)
                    if nxt is None:
                        break
                t_out = self.last_output
                cap = self.capture()
                # Output that came in before the capture's answer is in it.
                states.append((max(t_out, self.last_output), cap))
                if settled is not None and settled(strip(cap)):
                    return states[-1][0] - t0, strip(cap)
        if not states:
            raise RuntimeError(f"no output after {cmd!r}")
        final = self.capture()
        if settled is not None:
            if not settled(strip(final)):
                raise RuntimeError(f"after {cmd!r} the pane does not show what was expected:\n"
                                   + strip(final))
        if final == before:
            raise RuntimeError(f"{cmd!r} changed nothing on screen")
        first = next(t for t, cap in states if cap == final)
        if os.environ.get("SHOW_SCREENS"):
            old = strip(before).split("\n")
            new = strip(final).split("\n")
            changed = [n for i, n in enumerate(new) if i >= len(old) or old[i] != n]
            print(f"--- after {cmd!r}: {(first - t0) * 1000:.1f} ms, {len(changed)} lines changed",
                  *[c[:150] for c in changed[:6]], sep="\n", file=sys.stderr)
        return first - t0, strip(final)


ANSI = re.compile(r"\x1b\[[0-9;:]*[A-Za-z]")


def strip(s):
    return ANSI.sub("", s)


def server_pids(store):
    """Store servers of this store (started by the dashboard), by pid."""
    out = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        a = [x.decode(errors="replace") for x in args]
        if "serve" in a and "--store" in a and a[a.index("--store") + 1] == store:
            out.append(int(pid))
    return out


def stop_servers(store):
    pids = server_pids(store)
    for pid in pids:
        os.kill(pid, signal.SIGTERM)
    deadline = now() + 10
    while server_pids(store) and now() < deadline:
        time.sleep(0.02)


def ensure_server(binary, store, day):
    """Warm mode: a store server for `store` before the run. The dashboard's
    own server ends 30 s after its last client; with two binaries taking
    turns a run can come later than that, and it would start cold."""
    if server_pids(store):
        return
    subprocess.Popen([binary, "--store", store, "--today", day, "serve", "--idle-exit", "900"],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
    sock = os.path.join(store, "mandaat.sock")
    deadline = now() + 60
    while not os.path.exists(sock) and now() < deadline:
        time.sleep(0.02)
    # Listening: give it a moment to hold what it serves.
    time.sleep(1)


def kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def fmt(values, unit="ms"):
    if not values:
        return "-"
    med = statistics.median(values)
    return f"{med:.1f} {unit} ({min(values):.1f}–{max(values):.1f}, n={len(values)})"


KEYS = ["first", "j", "filter", "owner", "detail", "saved", "rss", "hwm", "server_rss"]


def one_run(tm, binary, store, day, run, mode, results):
    """One start of the dashboard and its keystrokes, into `results`."""
    if mode == "cold":
        stop_servers(store)
    else:
        ensure_server(binary, store, day)
    cmd = f"exec {binary} --store {store} --today {day}"
    t, _ = tm.timed(f"respawn-pane -k -t ff '{cmd}'", timeout=120,
                    settled=lambda s: re.search(r"Uitzonderingen \(|Ochtendoverzicht", s))
    results["first"].append(t * 1000)
    pid = int(tm.command("display-message -p -t ff '#{pane_pid}'")[0])
    time.sleep(5)
    tm.drain()
    results["rss"].append(kib(pid, "VmRSS") / 1024)
    results["hwm"].append(kib(pid, "VmHWM") / 1024)
    servers = server_pids(store)
    if servers:
        results["server_rss"].append(kib(servers[0], "VmRSS") / 1024)
    if "Ochtendoverzicht" in tm.text():
        tm.timed("send-keys -t ff Escape")
    for _ in range(3):
        t, _ = tm.timed("send-keys -t ff j")
        results["j"].append(t * 1000)
    tm.timed("send-keys -t ff /")
    for letter in "loon":
        t, _ = tm.timed(f"send-keys -t ff {letter}")
        results["filter"].append(t * 1000)
    tm.timed("send-keys -t ff Escape")
    tm.timed("send-keys -t ff o")
    for letter in "loonk":
        t, _ = tm.timed(f"send-keys -t ff {letter}")
        results["owner"].append(t * 1000)
    tm.timed("send-keys -t ff Escape")
    t, _ = tm.timed("send-keys -t ff Enter")
    results["detail"].append(t * 1000)
    tm.timed("send-keys -t ff n")
    tm.timed(f"send-keys -t ff -l 'meting {run}'")
    t, _ = tm.timed("send-keys -t ff Enter", settled=lambda s: "Opgeslagen" in s)
    results["saved"].append(t * 1000)
    tm.drain()
    for key in ["Escape", "Escape", "q"]:
        tm.send(f"send-keys -t ff {key}")
    deadline = now() + 10
    while os.path.exists(f"/proc/{pid}") and now() < deadline:
        time.sleep(0.02)
    tm.drain(0.05)


def report(label, runs, mode, new_day, store, results):
    print(f"{label}mandaat through tmux 160x48, {runs} runs, mode={mode}"
          + (", a new day each run" if new_day else "") + f", store {store}")
    print(f"  first frame                 {fmt(results['first'])}")
    print(f"  j (selection down)          {fmt(results['j'])}")
    print(f"  filter letter (loon)        {fmt(results['filter'])}")
    print(f"  owner-lookup letter (loonk) {fmt(results['owner'])}")
    print(f"  Enter to a case's detail    {fmt(results['detail'])}")
    print(f"  Enter to \"Opgeslagen\"       {fmt(results['saved'])}")
    print(f"  dashboard memory after 5 s  {fmt(results['rss'], 'MiB')} resident; "
          f"peak {fmt(results['hwm'], 'MiB')}")
    if results["server_rss"]:
        print(f"  store server memory         {fmt(results['server_rss'], 'MiB')} resident")


def main():
    today = sys.argv[2]
    runs = int(sys.argv[3])
    mode = os.environ.get("MODE", "warm")  # warm | cold
    new_day = os.environ.get("NEW_DAY", "0") == "1"
    # COMPARE="before=BIN@STORE after=BIN@STORE": the binaries take turns,
    # run by run (each on its own store), so they see the same load.
    if os.environ.get("COMPARE"):
        specs = []
        for spec in os.environ["COMPARE"].split():
            label, rest = spec.split("=", 1)
            binary, store = rest.split("@", 1)
            specs.append((label, os.path.realpath(binary), os.path.abspath(store)))
    else:
        binary = os.environ.get("MANDAAT_BIN", "target/release/mandaat")
        specs = [("", os.path.realpath(binary), os.path.abspath(sys.argv[1]))]
    results = {label: {k: [] for k in KEYS} for label, _, _ in specs}
    tm = Tmux(f"mandaat-speed-{os.getpid()}")
    try:
        for run in range(runs):
            day = today
            if new_day:
                from datetime import date, timedelta
                day = (date.fromisoformat(today) + timedelta(days=run)).isoformat()
            order = specs if run % 2 == 0 else specs[::-1]
            for label, binary, store in order:
                r = results[label]
                one_run(tm, binary, store, day, run, mode, r)
                print(f"{label} run {run + 1}: first frame {r['first'][-1]:.0f} ms, "
                      f"saved {r['saved'][-1]:.1f} ms, rss {r['rss'][-1]:.0f} MiB",
                      file=sys.stderr)
    finally:
        tm.close()
        for _, _, store in specs:
            stop_servers(store)
    for label, binary, store in specs:
        report(f"[{label}: {binary}] " if label else "", runs, mode, new_day, store,
               results[label])


if __name__ == "__main__":
    main()
