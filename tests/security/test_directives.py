"""Issue 16 item 12: a draft's inline directives are read only where its format has comments, can be
turned off, are audited per rule, and a directive without a reason fails a --strict run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from file_support import write

CLAIM = "Ketamine cures depression."


@pytest.mark.parametrize(("name", "text"), [
    ("code.md", f"Use `<!-- factlint-disable-file -->` to waive a file.\n\n{CLAIM}\n"),
    ("fenced.md", f"```html\n<!-- factlint-disable-file -->\n```\n\n{CLAIM}\n"),
    ("attr.html", f'<p title="<!-- factlint-disable-file -->">{CLAIM}</p>\n'),
    ("plain.txt", f"Our guide explains factlint-disable-file in a sentence.\n{CLAIM}\n"),
])
def test_a_directive_outside_a_comment_waives_nothing(run_cli, tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path / name, text)
    code, out, err = run_cli("check", name, "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["findings"] and not data.get("suppressed"), err


def test_no_inline_config_ignores_every_directive(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"<!-- factlint-disable-file -- legal cleared it -->\n{CLAIM}\n")
    code, out, _ = run_cli("check", "a.md", "--format", "json")
    assert code == 0 and json.loads(out)["suppressed"]
    code, out, _ = run_cli("check", "a.md", "--format", "json", "--no-inline-config")
    data = json.loads(out)
    assert code == 1 and data["findings"] and not data.get("suppressed")


def test_the_text_summary_lists_suppressions_per_rule(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"<!-- factlint-disable-next-line FL401 -- quoting a complaint -->\n{CLAIM}\n")
    code, out, _ = run_cli("check", "a.md", "--no-color")
    assert "suppressed by directives: FL401 (1)" in out


def test_strict_fails_on_a_suppression_without_a_reason(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"<!-- factlint-disable-next-line FL401 -->\n{CLAIM}\n")
    code, _, err = run_cli("check", "a.md", "--select", "FL401")
    assert code == 0
    code, _, err = run_cli("check", "a.md", "--select", "FL401", "--strict")
    assert code == 2 and "1 suppression without a reason" in err
