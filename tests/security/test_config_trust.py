"""Issue 16 items 2, 3 and 15: a repository's configuration names files inside the project only,
comes from the repository itself (not a folder above the checkout), and cannot crash a run by
nesting; no error message shows the content of a file that is not a rulebook."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from file_support import write

CLAIM = "Ketamine cures depression.\n"
SECRETS = {
    "secret.txt": "TOKEN=ghp_0123456789abcdefSECRET\nsecond line\n",
    "shadow": "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n",
    "credentials.yaml": "ghp_0123456789abcdefSECRET: [\n",
    "env.yaml": "API_TOKEN: ghp_0123456789abcdefSECRET\n",
}
LEAKS = ("ghp_0123456789abcdefSECRET", "root:*", "TOKEN=")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A repository checked out below a folder holding secrets (a CI runner's home, say)."""
    for name, text in SECRETS.items():
        write(tmp_path / name, text)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "a.md", CLAIM)
    return repo


def assert_no_leak(*outputs: str) -> None:
    for output in outputs:
        for secret in LEAKS:
            assert secret not in output, output


@pytest.mark.parametrize("name", list(SECRETS))
@pytest.mark.parametrize("how", ["relative", "absolute", "symlink"])
def test_a_configuration_cannot_name_a_file_outside_its_project(run_cli, checkout: Path, name: str,
                                                                 how: str) -> None:
    target = checkout.parent / name
    if how == "symlink":
        os.symlink(target, checkout / "rules.yaml")
        named = "rules.yaml"
    else:
        named = f"../{name}" if how == "relative" else str(target)
    write(checkout / ".factlint.yaml", f"rules: [{json.dumps(named)}]\n")
    for command in (["check", "a.md"], ["validate-rules"], ["rules"]):
        code, out, err = run_cli(*command, cwd=checkout)
        assert code == 2, (command, err)
        assert "outside the folder of the configuration file" in err
        assert_no_leak(out, err)


@pytest.mark.parametrize("name", list(SECRETS))
def test_a_file_named_on_the_command_line_is_read_but_never_shown(run_cli, checkout: Path, name: str) -> None:
    for command in (["check", "a.md", "--rules"], ["validate-rules"]):
        code, out, err = run_cli(*command, str(checkout.parent / name), cwd=checkout)
        assert code == 2 and err.startswith("factlint: error: ") and err.count("\n") == 1, err
        assert_no_leak(out, err)


def test_a_rulebook_inside_the_project_is_still_fine(run_cli, checkout: Path) -> None:
    write(checkout / "house" / "rules.yaml", "cues:\n  hedge: [perhaps]\n")
    write(checkout / "pyproject.toml", '[tool.factlint]\nrules = ["house/rules.yaml"]\n')
    code, out, err = run_cli("check", "a.md", cwd=checkout)
    assert code == 1 and "FL401" in out, err


def test_a_configuration_above_the_checkout_does_not_apply(run_cli, checkout: Path) -> None:
    write(checkout.parent / ".factlint.yaml", 'exclude: ["*"]\n')  # would hide every finding
    code, out, err = run_cli("check", "a.md", "--verbose", cwd=checkout)
    assert code == 1 and "FL401" in out, err
    assert "factlint: configuration: none found" in err
    write(checkout / ".factlint.yaml", "fail-on: error\n")
    code, out, err = run_cli("check", "a.md", "--verbose", cwd=checkout)
    assert "factlint: configuration: .factlint.yaml" in err


def test_outside_a_repository_the_search_still_goes_up(run_cli, tmp_path: Path) -> None:
    write(tmp_path / ".factlint.yaml", "select: [FL2]\n")
    write(tmp_path / "drafts" / "a.md", CLAIM)
    code, out, err = run_cli("check", "a.md", "--verbose", cwd=tmp_path / "drafts")
    assert code == 0 and "FL401" not in out, err
    assert "factlint: configuration: " in err and ".factlint.yaml" in err


DEEP = 5_000


@pytest.mark.parametrize(("name", "text"), [
    ("pyproject.toml", "[tool.factlint]\nselect = " + "[" * DEEP + "]" * DEEP + "\n"),
    ("pyproject.toml", "[tool.factlint]\nselect = [" + "{a = " * 40 + "1" + "}" * 40 + "]\n"),
    (".factlint.yaml", "select: " + "[" * DEEP + "]" * DEEP + "\n"),
    (".factlint.yaml", "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "x\n"),
])
def test_a_deeply_nested_configuration_is_a_clear_error(run_cli, checkout: Path, name: str, text: str) -> None:
    write(checkout / name, text)
    code, out, err = run_cli("check", "a.md", cwd=checkout)
    assert code == 2 and err.startswith(f"factlint: error: {name}") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,
    json.dumps({"version": 1, "tool": "factlint", "entries": [{"path": "[" * 3 + "]" * 3}]}),
    '{"version": 1, "tool": "factlint", "entries": [{"path": ' + "[" * 900 + "]" * 900
    + ', "rule": "FL401", "sentence": "x"}]}',
])
def test_a_deeply_nested_or_malformed_baseline_is_a_clear_error(run_cli, checkout: Path, text: str) -> None:
    write(checkout / "baseline.json", text)
    code, out, err = run_cli("check", "a.md", "--baseline", "baseline.json", cwd=checkout)
    assert code == 2 and err.startswith("factlint: error: baseline.json") and err.count("\n") == 1, err
    assert "internal error" not in err
