"""Configuration: [tool.factlint] in pyproject.toml and .factlint.yaml, found upward; flags win."""

from __future__ import annotations

import json

import pytest
from cli_support import CLAIM, write


def rules_found(out: str) -> set[str]:
    return {f["rule"] for f in json.loads(out)["findings"]}


def test_pyproject_config_is_found_from_a_subfolder_and_flags_win(run_cli, tmp_path):
    write(tmp_path / "pyproject.toml",
          '[project]\nname = "site"\n\n[tool.factlint]\nselect = ["unsupported-claim"]\nignore = ["FL4"]\n')
    write(tmp_path / "site" / "page.md", f"{CLAIM}\n")
    code, out, err = run_cli("check", "page.md", "--format", "json", cwd=tmp_path / "site")
    assert code == 2 and "no rule is active" in err  # the config enabled nothing: said, not a silent pass
    # A flag re-selects what the config ignored.
    code, out, _ = run_cli("check", "page.md", "--format", "json", "--select", "FL4", cwd=tmp_path / "site")
    assert code == 1 and rules_found(out) and all(r.startswith("FL4") for r in rules_found(out))


def test_pyproject_without_the_table_is_skipped(run_cli, tmp_path):
    # The nearer pyproject.toml has no [tool.factlint]: the .factlint.yaml above it applies.
    write(tmp_path / ".factlint.yaml", "select: [approval-status]\n")
    write(tmp_path / "site" / "pyproject.toml", '[project]\nname = "site"\n')
    write(tmp_path / "site" / "page.md", f"{CLAIM}\n")
    code, out, _ = run_cli("check", "page.md", "--format", "json", cwd=tmp_path / "site")
    assert code == 0 and not any(r.startswith("FL4") for r in rules_found(out))


def test_factlint_yaml_severity_fail_on_and_exclude(run_cli, tmp_path):
    write(tmp_path / ".factlint.yaml",
          "severity:\n  unsupported-claim: warning\nfail-on: error\nexclude:\n  - archive/\n  - '*.draft.md'\n")
    write(tmp_path / "docs" / "page.md", f"{CLAIM}\n")
    write(tmp_path / "docs" / "archive" / "old.md", f"{CLAIM}\n")
    write(tmp_path / "docs" / "wip.draft.md", f"{CLAIM}\n")
    code, out, _ = run_cli("check", "docs", "--format", "json")
    data = json.loads(out)
    assert code == 0  # findings are warnings, config fails only on errors
    assert {f["path"] for f in data["findings"]} == {"docs/page.md"}
    assert {f["severity"] for f in data["findings"] if f["category"] == "unsupported-claim"} == {"warning"}
    assert data["summary"]["files_checked"] == 1
    # Flags win over the config: severity, fail-on, and an extra exclude adds to the config's.
    code, out, _ = run_cli("check", "docs", "docs/wip.draft.md", "--severity", "FL4=error", "--fail-on",
                           "warning", "--exclude", "page.md")
    assert code == 0 and out == "no file checked: 1 file excluded by the configuration\n"  # the named draft, said
    code, out, _ = run_cli("check", "docs", "--severity", "FL4=error", "--fail-on", "warning")
    assert code == 1 and "[error] unsupported-claim" in out


def test_config_errors_exit_2_with_one_line(run_cli, tmp_path):
    write(tmp_path / "page.md", f"{CLAIM}\n")
    write(tmp_path / ".factlint.yaml", "fail_on: error\n")
    code, out, err = run_cli("check", "page.md")
    assert code == 2 and out == ""
    assert err == "factlint: error: .factlint.yaml:1: unknown key 'fail_on' (did you mean 'fail-on'?)\n"
    write(tmp_path / "pyproject.toml", '[tool.factlint]\nselect = "FL4"\n')  # named by --config
    code, _, err = run_cli("check", "page.md", "--config", "pyproject.toml")
    assert code == 2 and err.startswith("factlint: error: pyproject.toml") and "'select' must be a list" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_named_file_that_is_excluded_is_never_reported_as_checked(run_cli, tmp_path):
    write(tmp_path / ".factlint.yaml", "exclude: ['drafts/']\n")
    write(tmp_path / "drafts" / "a.md", f"{CLAIM}\n")
    write(tmp_path / "b.md", f"{CLAIM}\n")
    code, out, err = run_cli("check", "drafts/a.md")
    assert (code, out) == (0, "no file checked: 1 file excluded by the configuration\n")
    assert "factlint: warning: 1 file named on the command line is excluded by the configuration" in err
    assert json.loads(run_cli("check", "drafts/a.md", "--format", "json").stdout)["summary"]["excluded"] == 1
    code, out, _ = run_cli("check", "drafts/a.md", "b.md")
    assert code == 1 and out.rstrip().endswith("1 file checked: 1 error, 0 warnings, 0 info (1 file excluded by the "
                                               "configuration)")


@pytest.mark.parametrize("name", ["factlint.yaml", "factlint.yml"])
def test_a_configuration_without_the_dot_is_not_read_and_said(run_cli, tmp_path, name):
    (tmp_path / ".git").mkdir()
    write(tmp_path / name, "fail-on: error\n")
    write(tmp_path / "a.md", "Hello.\n")
    code, out, err = run_cli("check", "a.md")
    assert code == 0
    assert err == f"factlint: warning: {name} is not read: a configuration file is named .{name} (with a dot)\n"
    code, out, err = run_cli("rules", cwd=tmp_path)
    assert code == 0 and "is not read" in err  # every command says so


def test_two_configurations_side_by_side_give_a_warning(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".factlint.yaml", "fail-on: error\n")
    write(tmp_path / "pyproject.toml", "[tool.factlint]\nfail-on = 'info'\n")
    write(tmp_path / "a.md", "Ketamine may help some people.\n")
    code, out, err = run_cli("check", "a.md")
    assert err == ("factlint: warning: .factlint.yaml is used; pyproject.toml [tool.factlint] beside it is ignored "
                   "(keep one configuration file)\n")
    write(tmp_path / ".factlint.yml", "fail-on: error\n")
    code, out, err = run_cli("check", "a.md")
    assert ".factlint.yml and pyproject.toml [tool.factlint] beside it are ignored" in err
    # a pyproject.toml without the table is no configuration: nothing to say
    write(tmp_path / "pyproject.toml", "[project]\nname = 'site'\n")
    (tmp_path / ".factlint.yml").unlink()
    assert run_cli("check", "a.md").stderr == ""
