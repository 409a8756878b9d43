#!/usr/bin/env python3
"""`mandaat owner QUERY` against `fzf --filter QUERY` over the same keywords,
whole processes, alternated in one run (mandaat, fzf, fzf, mandaat, ...) so
both see the same load. See scripts/owner-vs-fzf.sh.

Each run is timed from just before the process is started until it has ended
(Python's perf_counter around posix_spawn + wait, output to /dev/null; fzf
reads the keywords file as its stdin, as `fzf --filter q < file` does). The
start-up cost of spawning is the same for both. With NO_CACHE=1 the store's
lookup cache is deleted before every mandaat run (not timed), so `owner`
takes its path without the cache. No store server may run on the store (it
would answer instead); the script refuses if one does.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def server_running(store):
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                a = [x.decode(errors="replace") for x in f.read().split(b"\0")]
        except OSError:
            continue
        if "serve" in a and "--store" in a and a[a.index("--store") + 1] == store:
            return True
    return False


def keywords(store, binary, today, out):
    """Every keyword of every department, one per line, from the store's
    lookup cache (made by one `mandaat owner` first when there is none)."""
    cache = os.path.join(store, "lookup-cache.json")
    if not os.path.exists(cache):
        subprocess.run([binary, "--store", store, "--today", today, "owner", "x"],
                       stdout=subprocess.DEVNULL, check=True)
    with open(cache) as f:
        c = json.load(f)
    words = [k["text"] for d in c["departments"] for k in d["keywords"]]
    with open(out, "w") as f:
        f.write("\n".join(words) + "\n")
    return len(words)


def timed(args, stdin=None):
    t0 = time.perf_counter()
    subprocess.run(args, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - t0) * 1000


def fmt(v):
    return f"{statistics.median(v):6.1f} ms ({min(v):.1f}–{max(v):.1f})"


def main():
    store = os.path.abspath(sys.argv[1])
    today = sys.argv[2]
    runs = int(sys.argv[3])
    queries = sys.argv[4:] or ["loonk", "vergunnign", "loonkostensubsidie"]
    binary = os.path.realpath(os.environ.get("MANDAAT_BIN", "target/release/mandaat"))
    no_cache = os.environ.get("NO_CACHE", "0") == "1"
    if server_running(store):
        sys.exit(f"a store server runs on {store}; stop it first (it would answer `owner`)")
    kw = f"/tmp/mandaat-keywords-{os.getpid()}.txt"
    n = keywords(store, binary, today, kw)
    cache = os.path.join(store, "lookup-cache.json")
    print(f"`mandaat owner` against `fzf --filter`, {n} keywords, {runs} runs each, "
          f"alternated; {'without' if no_cache else 'with'} the lookup cache; store {store}")
    print(f"{'query':<20} {'mandaat owner':<28} {'fzf --filter':<28} ratio")
    try:
        for q in queries:
            m, z = [], []
            for i in range(runs):
                order = ["m", "z"] if i % 2 == 0 else ["z", "m"]
                for tool in order:
                    if tool == "m":
                        if no_cache and os.path.exists(cache):
                            os.remove(cache)
                        m.append(timed([binary, "--store", store, "--today", today, "owner", q]))
                    else:
                        with open(kw) as f:
                            z.append(timed(["fzf", "--filter", q], stdin=f))
            ratio = statistics.median(m) / statistics.median(z)
            print(f"{q:<20} {fmt(m):<28} {fmt(z):<28} {ratio:.2f}×")
    finally:
        os.remove(kw)


if __name__ == "__main__":
    main()
