#!/usr/bin/env bash
# `mandaat owner QUERY` against `fzf --filter QUERY` on the same keywords (the
# store's), whole processes, the two alternated in one run; medians with
# min-max. NO_CACHE=1: the lookup cache is deleted before every mandaat run.
#
#   scripts/owner-vs-fzf.sh STORE [TODAY] [RUNS] [QUERY...]
#
# Needs fzf (Debian package fzf) and no store server running on STORE.
# Uses target/release/mandaat (or $MANDAAT_BIN). See BENCHMARKS.md.
set -euo pipefail
store=${1:?usage: scripts/owner-vs-fzf.sh STORE [TODAY] [RUNS] [QUERY...]}
shift
today=${1:-2026-11-27}
runs=${2:-21}
shift 2 || true
exec python3 "$(dirname "$0")/owner_vs_fzf.py" "$store" "$today" "$runs" "$@"
