#!/usr/bin/env python3
"""CPU time of this checkout's factlint against other builds, on the same corpora, in one run.

    .venv/bin/python bench/compare.py --other old=/work/wt/old/.venv/bin/factlint /tmp/corpus10
    .venv/bin/python bench/compare.py --other old=/path/to/factlint --other main=/tmp/main:PYTHONPATH DIR...

Each build runs `factlint check . --format json --jobs 1` in each corpus folder as a child process; its CPU
time (user + system, from os.wait4) is what is compared, since wall time on a shared machine is noisier.
Runs are interleaved round by round (every build once, then again) so drift in the machine hits all builds
alike; the figure is the median of --repeat rounds, printed as seconds and as a ratio to the first --other
build. `NAME=PATH:PYTHONPATH` runs this checkout's interpreter with PYTHONPATH=PATH (another source tree,
e.g. a `git worktree` at an older commit); `NAME=PATH` runs the factlint executable PATH. The corpus
folder's own configuration applies (give it `respect-gitignore: false` if it sits in an ignored folder).
Benchmarks are not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

THIS = [sys.executable, "-m", "factlint"]


def _build(spec: str) -> tuple[str, list[str], dict[str, str]]:
    name, _, where = spec.partition("=")
    if not where:
        raise SystemExit(f"compare: --other wants NAME=PATH, not {spec!r}")
    if where.endswith(":PYTHONPATH"):
        return name, THIS, {"PYTHONPATH": where.removesuffix(":PYTHONPATH")}
    return name, [where], {}


def cpu_seconds(command: list[str], env: dict[str, str], corpus: Path) -> float:
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen([*command, "check", ".", "--format", "json", "--jobs", "1"], cwd=corpus,
                                 stdout=sink, stderr=subprocess.DEVNULL, env={**os.environ, **env})
        _, _, usage = os.wait4(child.pid, 0)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="corpus folders")
    parser.add_argument("--other", action="append", default=[], metavar="NAME=PATH[:PYTHONPATH]",
                        help="another build to compare with (repeatable); the first is the ratios' base")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (median; default 3)")
    args = parser.parse_args()
    builds = [_build(spec) for spec in args.other] + [("this", THIS, {})]
    for corpus in args.corpora:
        times: dict[str, list[float]] = {name: [] for name, _, _ in builds}
        for _ in range(args.repeat):
            for name, command, env in builds:
                times[name].append(cpu_seconds(command, env, corpus))
        median = {name: statistics.median(runs) for name, runs in times.items()}
        base = median[builds[0][0]]
        print(f"{corpus}: " + "  ".join(f"{name} {median[name]:.2f} s ({median[name] / base:.2f}x)"
                                        for name, _, _ in builds))
        print("  runs: " + "  ".join(f"{name} {[round(t, 2) for t in runs]}" for name, runs in times.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
