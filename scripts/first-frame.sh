#!/usr/bin/env bash
# Time from starting the dashboard in a real terminal (tmux, 160x48) until its
# first frame is on screen, polling the pane every 5 ms; then, once the note
# texts are read, the process's peak resident memory. Quits with q.
#
#   scripts/first-frame.sh STORE [TODAY] [RUNS]
#
# The dashboard reaches the store through its server and starts one when none
# runs (which then stays 30 s after the last client). By default every run but
# the first finds that server running; with COLD=1 the server is stopped
# after each run, so every run starts one (the first start of a morning).
#
# Uses target/release/mandaat (or $MANDAAT_BIN). See BENCHMARKS.md.
set -euo pipefail
store=${1:?usage: scripts/first-frame.sh STORE [TODAY] [RUNS]}
today=${2:-2026-11-27}
runs=${3:-5}
bin=${MANDAAT_BIN:-$(dirname "$0")/../target/release/mandaat}
bin=$(realpath "$bin")
sock=mandaat-first-frame-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null || true' EXIT
for run in $(seq "$runs"); do
  start=$(date +%s%N)
  tmux -L "$sock" new-session -d -s ff -x 160 -y 48 "$bin --store $store --today $today"
  # The case list, or on the first start of a day the morning view.
  until tmux -L "$sock" capture-pane -p -t ff 2>/dev/null | grep -qE "Uitzonderingen \(|Ochtendoverzicht"; do
    sleep 0.005
  done
  end=$(date +%s%N)
  pid=$(tmux -L "$sock" list-panes -t ff -F '#{pane_pid}')
  sleep 3 # the note texts (and, first thing in the day, the backup)
  peak=$(awk '/VmHWM/ {print $2 " " $3}' "/proc/$pid/status")
  echo "run $run: first frame after $(((end - start) / 1000000)) ms; peak resident memory $peak"
  tmux -L "$sock" send-keys -t ff q
  while tmux -L "$sock" has-session -t ff 2>/dev/null; do sleep 0.05; done
  if [ "${COLD:-0}" = 1 ]; then
    pkill -TERM -f -- "--store $store serve" || true
    while pgrep -f -- "--store $store serve" >/dev/null; do sleep 0.05; done
  fi
done
