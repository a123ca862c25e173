"""The command line as a real process: what only a process shows.

The rest of the suite calls the CLI in-process (tests/cli_harness.py), which gives the same bytes and exit
codes in milliseconds. These tests start Python for real: the console script, the interpreter's stream
setup, closed descriptors, a reader that leaves early, worker processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_harness import cli_env
from cli_support import CLAIM, write

REPO = Path(__file__).resolve().parents[2]


def shell(command: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, env=cli_env(), timeout=120,
                          **kwargs)


def test_the_console_script_runs_the_examples(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("factlint")
    if not script.is_file():
        pytest.skip(f"no 'factlint' script beside {sys.executable}: install the package with pip install -e .")
    proc = subprocess.run([str(script), "check", "examples/", "--format", "json"], cwd=REPO, capture_output=True,
                          env=cli_env(), stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 1, proc.stderr  # the examples hold overclaims on purpose
    assert json.loads(proc.stdout)["summary"]["findings"] > 0


def test_worker_processes_give_the_same_bytes(run_cli_subprocess) -> None:
    one, two = (run_cli_subprocess("check", "examples/", "--format", "json", "--jobs", jobs, cwd=REPO)
                for jobs in ("1", "2"))
    assert one.code == two.code == 1
    assert one.out == two.out


def test_help_and_usage_errors(run_cli_subprocess) -> None:
    shown = run_cli_subprocess("--help")
    assert shown.code == 0 and "Exit codes:" in shown.stdout
    wrong = run_cli_subprocess("check", "--no-such-option")
    assert wrong.code == 2 and "No such option" in wrong.stderr and wrong.out == b""


def test_output_to_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    for i in range(60):  # ~150 KB of report: more than a pipe holds, so factlint is still writing
        write(tmp_path / "site" / f"p{i:03}.md", (CLAIM + "\n\n") * 5)
    # one JSON document cut off ...
    proc = shell(f'"{sys.executable}" -m factlint check site --format sarif | head -1', tmp_path)
    assert proc.returncode == 0  # head's status
    assert proc.stderr == b"", proc.stderr
    assert len(proc.stdout.splitlines()) == 1
    # ... and a text report read line by line, with the status factlint itself gives: 141, like any Unix tool
    # whose reader left (not 1, "findings")
    proc = shell(f'"{sys.executable}" -m factlint check site | head -1; echo "${{PIPESTATUS[0]}}"', tmp_path)
    first, status = proc.stdout.splitlines()
    assert status == b"141" and proc.stderr == b"" and first.startswith(b"site/"), proc.stdout


def test_closed_standard_output(tmp_path: Path) -> None:
    """`factlint check page.md >&-`: the report cannot be written, which is an error, not a crash."""
    write(tmp_path / "page.md", CLAIM + "\n")
    proc = shell(f'"{sys.executable}" -m factlint check page.md >&-', tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == b"factlint: error: standard output is closed: the report cannot be written\n"


def test_closed_standard_input(tmp_path: Path) -> None:
    """`factlint check - <&-`: descriptor 0 is closed, not merely empty."""
    proc = shell(f'"{sys.executable}" -m factlint check - <&-', tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert b"1 file checked: no findings" in proc.stdout and b"Traceback" not in proc.stderr


def test_standard_input_closed_early_by_the_writer(tmp_path: Path) -> None:
    """The writer sends part of a draft and goes away: factlint checks what arrived."""
    proc = subprocess.Popen([sys.executable, "-m", "factlint", "check", "-"], cwd=tmp_path, env=cli_env(),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    proc.stdin.write(CLAIM.encode() + b"\nand then the wri")
    proc.stdin.close()
    proc.stdin = None
    out, err = proc.communicate(timeout=60)
    assert err == b""
    assert proc.returncode == 1 and b"<stdin>:1:10: FL401" in out


def test_a_bug_is_one_line_and_exit_2_not_a_traceback(tmp_path: Path) -> None:
    script = ("import factlint.linter as linter\n"
              "def broken(*args, **kwargs):\n    raise ValueError('boom')\n"
              "linter.discover = broken\n"
              "from factlint.cli import main\nmain(['check', '.'])\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, env=cli_env(),
                          stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        "factlint: internal error: ValueError: boom",
        "factlint: this is a bug; please report it with the command you ran (set FACTLINT_DEBUG=1 to see the "
        "traceback)",
    ]
