#!/usr/bin/env bash
# What a person waits for, through a real terminal (tmux 160x48): first frame,
# `j`, a filter letter, an owner-lookup letter, Enter to a detail, Enter to
# "Opgeslagen", memory after 5 s; medians with min-max over RUNS runs.
#
#   scripts/terminal-speed.sh STORE [TODAY] [RUNS]
#
# MODE=warm (default): the dashboard joins a running store server (the script
# starts one, `serve`, when none runs: the dashboard's own ends 30 s after its
# last client, which two binaries taking turns can outlast). MODE=cold: the
# server is stopped before every run, so every first frame includes starting
# it. The servers are stopped at the end.
# NEW_DAY=1: every run is on a later day (TODAY, TODAY+1, ...), so every start
# is the first of a day (morning view, the day's backup).
# COMPARE="before=BIN@STORE after=BIN@STORE": two binaries take turns run by
# run, each on its own copy of the store (STORE is then ignored; pass -).
# How keystrokes are timed (tmux control mode, no polling): see the top of
# scripts/terminal_speed.py. Each run saves one note ("meting N") on the
# selected case: use a copy of a store you care about.
# Uses target/release/mandaat (or $MANDAAT_BIN). See BENCHMARKS.md.
set -euo pipefail
store=${1:?usage: scripts/terminal-speed.sh STORE [TODAY] [RUNS]}
exec python3 "$(dirname "$0")/terminal_speed.py" "$store" "${2:-2026-11-27}" "${3:-7}"
