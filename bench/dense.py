#!/usr/bin/env python3
"""Peak memory and time of one file dense with overclaims (issue 16 item 16), for one or two checkouts.

    .venv/bin/python bench/dense.py                          # this checkout, 10 MB, json and sarif
    .venv/bin/python bench/dense.py --code /tmp/before       # and another checkout, interleaved
    .venv/bin/python bench/dense.py --size 1 --formats text,json,sarif,github --repeat 3

The file is one sentence of two overclaims repeated, five to a paragraph (~33,000 findings per MB). Each
run is `factlint check FILE --format F --jobs 1` in a fresh process, for each checkout in turn, round after
round; the figures are the child's peak RSS and CPU time (user + system) from os.wait4 and its wall time,
median of --repeat. Report speed as the ratio of two checkouts measured in the same run: the machines are
shared and their absolute times drift. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SENTENCE = "Ketamine cures depression and Spravato is approved for PTSD. "


def write_dense(path: Path, megabytes: float) -> None:
    paragraph = SENTENCE * 5 + "\n\n"
    path.write_text(paragraph * int(megabytes * 1_000_000 // len(paragraph)), encoding="utf-8")


def run_once(code: Path, file: Path, fmt: str, extra: list[str]) -> tuple[float, float, int, int, int]:
    """(wall s, CPU s, peak RSS MB, exit code, report bytes) of one factlint run from checkout `code`."""
    script = f"import sys; sys.path.insert(0, {str(code)!r}); from factlint.cli import main; main(sys.argv[1:])"
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", script, "check", str(file), "--format", fmt, "--jobs", "1",
                                 *extra], stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                cwd=file.parent, env={**os.environ, "FACTLINT_NO_CACHE": "1"})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        size = out.tell()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, proc.returncode, size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=float, default=10, help="MB of dense overclaims (default 10)")
    ap.add_argument("--formats", default="json,sarif", help="comma list of report formats (default json,sarif)")
    ap.add_argument("--code", type=Path, action="append", default=[],
                    help="another factlint checkout to measure beside this one (repeatable)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per figure, median (default 1)")
    ap.add_argument("--extra", default="", help="more options for factlint check, e.g. '--max-findings 0'")
    args = ap.parse_args()
    codes = [BENCH.parent, *(c.resolve() for c in args.code)]
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "dense.md"
        write_dense(file, args.size)
        print(f"{file.stat().st_size / 1e6:.1f} MB dense draft; load average {os.getloadavg()[0]:.2f}")
        runs: dict[tuple[Path, str], list[tuple[float, float, int, int, int]]] = {}
        for _ in range(args.repeat):
            for fmt in args.formats.split(","):
                for code in codes:
                    runs.setdefault((code, fmt), []).append(run_once(code, file, fmt, args.extra.split()))
        print(f"{'checkout':40} {'format':7} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'exit':>4} {'report MB':>9}")
        for (code, fmt), results in runs.items():
            wall, cpu, rss, rc, size = (statistics.median(column) for column in zip(*results, strict=True))
            print(f"{str(code)[-40:]:40} {fmt:7} {wall:7.1f} {cpu:7.1f} {rss:8.0f} {rc:4.0f} {size / 1e6:9.1f}")
        print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
