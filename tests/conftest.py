"""Shared fixtures. CLI tests run factlint as a real subprocess, the way users and CI run it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class CliResult:
    code: int
    stdout: str
    stderr: str

    def __iter__(self):  # allows `code, out, err = run_cli(...)`
        return iter((self.code, self.stdout, self.stderr))


def cli_env() -> dict[str, str]:
    """The user's environment minus anything that changes factlint's output."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "FACTLINT_DEBUG")}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture(scope="session", autouse=True)
def _rulebook_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests load hundreds of small rulebooks: their cache entries stay out of the user's home."""
    os.environ["FACTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("factlint-cache"))


@pytest.fixture(name="cli_env")
def cli_env_fixture() -> dict[str, str]:
    return cli_env()


@pytest.fixture
def run_cli(tmp_path: Path):
    """run_cli(*args, cwd=tmp_path, input=None) -> CliResult(code, stdout, stderr).

    Standard input is closed (as in CI) unless `input` is given.
    """

    def run(*args: str, cwd: Path | None = None, input: str | None = None, timeout: float = 120) -> CliResult:
        proc = subprocess.run(
            [sys.executable, "-m", "factlint", *args],
            cwd=cwd or tmp_path,
            input=input.encode("utf-8") if input is not None else None,
            stdin=subprocess.DEVNULL if input is None else None,
            capture_output=True,
            env=cli_env(),
            timeout=timeout,
        )
        return CliResult(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))

    return run
