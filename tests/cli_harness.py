"""The one way tests run factlint's command line: in this process (fast) or as a real subprocess.

`run_in_process` calls `factlint.cli.run(argv)` with standard input, output and error replaced by byte
buffers, the working folder changed and the environment cleaned as for a subprocess, so a test sees the
same bytes and exit code as a user would. It costs milliseconds instead of the ~0.3 s of starting Python,
importing factlint and loading the rulebook. `run_subprocess` is for what only a real process shows:
signals and closed pipes, file descriptors, the console script, the interpreter's own encoding setup.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Variables that change factlint's output: tests start without them (a test may set them again).
UNSET = ("NO_COLOR", "FORCE_COLOR", "FACTLINT_DEBUG")


@dataclass(frozen=True)
class CliRun:
    code: int
    out: bytes
    err: bytes

    @property
    def stdout(self) -> str:
        return self.out.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.err.decode("utf-8")

    def __iter__(self) -> Iterator[object]:  # `code, out, err = run_cli(...)`: the decoded streams
        return iter((self.code, self.stdout, self.stderr))


def cli_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment a subprocess gets: the user's, minus UNSET, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra or {})
    return env


def run_subprocess(*args: str, cwd: Path, input: str | bytes | None = None,
                   env: Mapping[str, str] | None = None, timeout: float = 120) -> CliRun:
    """`python -m factlint ARGS` in `cwd`; standard input closed (as in CI) unless `input` is given."""
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", *args], cwd=cwd, input=data,
        stdin=subprocess.DEVNULL if data is None else None, capture_output=True,
        env=cli_env(env), timeout=timeout,
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    return CliRun(proc.returncode, proc.stdout, proc.stderr)


def run_in_process(*args: str, cwd: Path, input: str | bytes | None = None,
                   env: Mapping[str, str] | None = None) -> CliRun:
    """factlint's CLI called in this process, as `run_subprocess` would run it."""
    from factlint.cli import run

    data = input.encode("utf-8") if isinstance(input, str) else (input or b"")
    out, err = io.BytesIO(), io.BytesIO()
    with _environment(env), _working_folder(cwd), _streams(data, out, err):
        code = run(list(args))
    assert b"Traceback" not in err.getvalue(), err.getvalue().decode("utf-8", "replace")
    return CliRun(code, out.getvalue(), err.getvalue())


@contextmanager
def _environment(extra: Mapping[str, str] | None) -> Iterator[None]:
    saved = dict(os.environ)
    for name in UNSET:
        os.environ.pop(name, None)
    os.environ.update(extra or {})
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def _working_folder(cwd: Path) -> Iterator[None]:
    saved = os.getcwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved)


class _Output(io.TextIOWrapper):
    """A standard stream over a byte buffer: UTF-8, no newline translation, not a terminal."""

    def __init__(self, buffer: io.BytesIO) -> None:
        super().__init__(buffer, encoding="utf-8", newline="\n", write_through=True)

    def close(self) -> None:  # keep the buffer readable after the run
        self.flush()


@contextmanager
def _streams(data: bytes, out: io.BytesIO, err: io.BytesIO) -> Iterator[None]:
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    sys.stdout, sys.stderr = _Output(out), _Output(err)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdin, sys.stdout, sys.stderr = saved
