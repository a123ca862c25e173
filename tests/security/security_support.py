"""Helpers for the security tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def clean_env(**extra: str) -> dict[str, str]:
    """The environment minus what changes factlint's output, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "FACTLINT_DEBUG")}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run_with(prelude: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """factlint's CLI in a fresh process, after `prelude` (Python that wraps a system call to make
    something happen at a chosen moment). No cache: only drafts are written."""
    script = f"import os, signal, sys\n{prelude}\nfrom factlint.cli import main\nmain(sys.argv[1:])\n"
    return subprocess.run([sys.executable, "-c", script, *args], cwd=cwd, capture_output=True, timeout=120,
                          env=clean_env(FACTLINT_NO_CACHE="1"), stdin=subprocess.DEVNULL)


def run_cli_with_timeout(*args: str, cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """`factlint ARGS` in a fresh process; subprocess.TimeoutExpired past `timeout` seconds."""
    return subprocess.run([sys.executable, "-m", "factlint", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=clean_env(), stdin=subprocess.DEVNULL)
