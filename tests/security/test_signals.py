"""Issue 16 item 11: a signal ends a run cleanly: worker processes end with it (none holds standard
output open, which would hang a CI step), and the exit code says which signal (130, 143)."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from file_support import write
from security_support import clean_env

PARAGRAPH = ("Ketamine cures depression and works for everyone. Spravato is approved for PTSD. "
             "RR-HNK is available now with no side effects.\n\n")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for n in range(240):  # enough work for two workers to take many seconds
        write(tmp_path / "site" / f"page-{n:03d}.md", f"# Page {n}\n\n" + PARAGRAPH * 60)
    return tmp_path / "site"


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return False


def start(site: Path) -> tuple[subprocess.Popen[bytes], set[int]]:
    proc = subprocess.Popen([sys.executable, "-m", "factlint", "check", str(site), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            env=clean_env(FACTLINT_NO_CACHE="1"), start_new_session=True)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        time.sleep(0.05)
    if len(workers) < 2:
        proc.kill()
        pytest.fail("the two workers did not start")
    time.sleep(0.5)  # well into the run
    return proc, workers


def wait_for_eof(stream, seconds: float) -> bool:
    """True when every writer of the pipe has closed it within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], 0.1)
        if ready and not os.read(stream.fileno(), 1 << 16):
            return True
    return False


@pytest.mark.slow  # starts factlint with worker processes and signals it: ~1 s each
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to see worker processes")
@pytest.mark.parametrize(("how", "code"), [("SIGTERM to the main process", 143), ("Ctrl-C", 130)])
def test_a_signal_ends_the_workers_and_gives_the_right_exit_code(site: Path, how: str, code: int) -> None:
    proc, workers = start(site)
    try:
        if how == "Ctrl-C":  # a terminal sends SIGINT to the whole process group
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGTERM)
        returncode = proc.wait(timeout=20)
        assert wait_for_eof(proc.stdout, 10), "a process still holds standard output open"
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(w) for w in workers), "a worker outlived the run"
        err = proc.stderr.read().decode()
        assert returncode == code, err
        assert "Traceback" not in err and f"factlint: interrupted by {'SIGINT' if code == 130 else 'SIGTERM'}" in err
    finally:
        for pid in (proc.pid, *workers):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
