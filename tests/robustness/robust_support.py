"""Helpers shared by the robustness tests (imported; fixtures live in conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from file_support import write as write  # re-exported for the tests here

CLAIM = "Ketamine cures depression."
MATCH = "cures depression"  # what FL401 matches in CLAIM
SLOW = os.environ.get("FACTLINT_SLOW_TESTS") == "1"


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


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "FACTLINT_DEBUG")}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra or {})
    return env


def run_factlint(*args: str, cwd: Path, stdin: bytes | None = None, timeout: float = 120,
                 env: dict[str, str] | None = None) -> CliRun:
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", *args], cwd=cwd, input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None, capture_output=True,
        env=cli_env(env), timeout=timeout,
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    return CliRun(proc.returncode, proc.stdout, proc.stderr)


def span_text(text: str, finding: dict) -> str:
    """The characters of `text` between a finding's (line, column) and (end_line, end_column),
    counting lines the way factlint documents it: CRLF, CR and LF each end a line; columns are
    code points."""
    import re

    starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]
    start = starts[finding["line"] - 1] + finding["column"] - 1
    end = starts[finding["end_line"] - 1] + finding["end_column"] - 1
    return text[start:end]


def fl401(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["rule"] == "FL401"]
