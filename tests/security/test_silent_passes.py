"""Issue 16 item 13: a configuration cannot turn everything off silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from file_support import write

CLAIM = "Ketamine cures depression.\n"


@pytest.mark.parametrize("config", ["ignore: [F]\n", "select: [FL]\nignore: [unsupported-claim, FL]\n"])
def test_no_active_rule_is_an_error(run_cli, tmp_path: Path, config: str) -> None:
    write(tmp_path / ".factlint.yaml", config)
    write(tmp_path / "a.md", CLAIM)
    code, out, err = run_cli("check", "a.md")
    assert code == 2 and "no rule is active" in err, (out, err)


def test_files_named_but_excluded_are_said_and_counted(run_cli, tmp_path: Path) -> None:
    write(tmp_path / ".factlint.yaml", 'exclude: ["*.md"]\n')
    write(tmp_path / "a.md", CLAIM)
    write(tmp_path / "b.txt", CLAIM)
    code, out, err = run_cli("check", "a.md", "b.txt")
    assert code == 1, err  # b.txt is still checked
    assert "1 file named on the command line is excluded by the configuration" in err
    assert "1 file checked" in out and "1 file excluded" in out


@pytest.mark.parametrize("config", ['exclude: ["*"]\n', 'per-file-ignores: {"*": [F]}\n'])
@pytest.mark.parametrize("args", [["a.md"], ["."]])
def test_a_run_that_checks_nothing_says_so_and_fails_with_strict(run_cli, tmp_path: Path, config: str,
                                                                 args: list[str]) -> None:
    write(tmp_path / ".factlint.yaml", config)
    write(tmp_path / "a.md", CLAIM)
    code, out, err = run_cli("check", *args)
    assert code == 0 and "factlint: warning: " in err and ("no file was checked" in err or "every rule off" in err)
    code, out, err = run_cli("check", *args, "--strict")
    assert code == 2, err
