"""--diff and --fix: a patch that `patch` applies, atomic in-place fixes, untouched files stay untouched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time

import pytest
from cli_support import CLAIM, write

BROAD = "Spravato is FDA-approved for depression."
YEAR = "Spravato was approved by the FDA in 2015."
FIXABLE = ("FL108", "FL105")


def rules_found(run_cli, *args, cwd=None) -> list[str]:
    out = run_cli("check", *args, "--format", "json", cwd=cwd).stdout
    return [f["rule"] for f in json.loads(out)["findings"]]


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the 'patch' program (apt-get install patch)")
def test_diff_applies_with_patch_and_leaves_nothing_for_those_rules(run_cli, tmp_path):
    write(tmp_path / "docs" / "a.md", f"# Spravato\n\n{BROAD}\n\n{YEAR}\n")
    write(tmp_path / "docs" / "b.txt", f"Intro.\r\n{BROAD}\r\nEnd.")  # CRLF, no final newline
    write(tmp_path / "docs" / "clean.md", "# Nothing to fix\n")
    before = {p: p.read_bytes() for p in (tmp_path / "docs").iterdir()}
    code, diff, err = run_cli("check", "docs", "--diff")
    assert code == 1, err
    assert diff.startswith("--- a/docs/a.md\n+++ b/docs/a.md\n") and "+++ b/docs/b.txt" in diff
    assert "clean.md" not in diff
    assert {p: p.read_bytes() for p in before} == before  # --diff changes nothing
    subprocess.run(["patch", "-p1", "--quiet", "--binary"], input=diff.encode("utf-8"), cwd=tmp_path, check=True)
    assert (tmp_path / "docs" / "b.txt").read_bytes() == (
        b"Intro.\r\nSpravato is FDA-approved for treatment-resistant depression.\r\nEnd.")
    assert not set(rules_found(run_cli, "docs")) & set(FIXABLE)
    code, diff, _ = run_cli("check", "docs", "--diff")
    assert (code, diff) == (0, "")  # nothing left to fix


def test_fix_writes_atomically_keeping_mode_line_endings_and_bom(run_cli, tmp_path):
    crlf = tmp_path / "crlf.md"
    crlf.write_bytes(b"\xef\xbb\xbf# Spravato\r\n\r\n" + f"{BROAD} {CLAIM}\r\n\r\n{YEAR}\r\n".encode())
    os.chmod(crlf, 0o640)
    untouched = write(tmp_path / "untouched.md", f"{CLAIM}\n")  # findings, but no fix
    past = time.time() - 1000
    os.utime(untouched, (past, past))
    inode_untouched = untouched.stat().st_ino

    code, out, err = run_cli("check", ".", "--fix", "--format", "json")
    assert "fixed 2 findings in 1 file" in err
    assert code == 1  # FL401 has no fix and is still reported
    remaining = json.loads(out)["findings"]
    assert not any(f["rule"] in FIXABLE for f in remaining)
    assert any(f["rule"] == "FL401" and f["path"] == "crlf.md" for f in remaining)

    data = crlf.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert b"FDA-approved for treatment-resistant depression." in data and b"by the FDA in 2019." in data
    assert oct(crlf.stat().st_mode & 0o777) == oct(0o640)
    assert untouched.stat().st_mtime == pytest.approx(past) and untouched.stat().st_ino == inode_untouched
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left
    # Fixing again changes nothing.
    code, _, err = run_cli("check", ".", "--fix")
    assert "fixed" not in err


def test_unsafe_fixes_and_option_conflicts(run_cli, tmp_path):
    write(tmp_path / "rules.yaml", """\
rules:
  - id: FL499
    name: miracle-word
    category: unsupported-claim
    severity: error
    summary: Calls a drug a miracle
    phrases: [miracle]
    message: No drug is a miracle.
    suggestion: Esketamine is one option for treatment-resistant depression.
    fact: mechanism-not-fully-understood
    examples: {flag: [Ketamine is a miracle.], pass: [Ketamine is a treatment.]}
    fix: {match: miracle, replace: treatment option}
""")
    write(tmp_path / "a.md", "Ketamine is a miracle.\n")
    args = ("check", "a.md", "--rules", "rules.yaml", "--select", "FL499")
    assert run_cli(*args, "--diff").stdout == ""  # not safe: not offered by default
    diff = run_cli(*args, "--diff", "--unsafe-fixes").stdout
    assert "+Ketamine is a treatment option." in diff
    code, _, err = run_cli(*args, "--diff", "--fix")
    assert code == 2 and "cannot be used together" in err


def test_an_invalid_fix_in_a_rulebook_is_reported_with_its_line(run_cli, tmp_path):
    write(tmp_path / "rules.yaml", """\
rules:
  - id: FL498
    name: bad-fix
    category: unsupported-claim
    severity: error
    summary: A rule whose fix refers to a group that does not exist
    phrases: [miracle]
    message: No drug is a miracle.
    suggestion: Say what it does.
    fact: mechanism-not-fully-understood
    examples: {flag: [Ketamine is a miracle.], pass: [Ketamine is a treatment.]}
    fix:
      match: miracle
      replace: '\\2'
""")
    code, _, err = run_cli("validate-rules", "rules.yaml", "--no-examples")
    assert code == 2 and err.startswith("factlint: error: rules.yaml:13: 'fix' in rule FL498 is not valid")


def test_rdjsonl_carries_the_safe_fix_as_a_suggestion(run_cli, tmp_path):
    write(tmp_path / "a.md", f"Intro é.\n{BROAD}\n")
    out = run_cli("check", "a.md", "--select", "FL105", "--format", "rdjsonl").stdout
    (diagnostic,) = [json.loads(line) for line in out.splitlines()]
    (suggestion,) = diagnostic["suggestions"]
    assert suggestion["text"] == "approved for treatment-resistant depression"
    assert suggestion["range"] == diagnostic["location"]["range"]


def test_fix_refuses_standard_input(run_cli, tmp_path):
    code, out, err = run_cli("check", "-", "--fix", input=f"{BROAD}\n")
    assert code == 2 and out == "" and "not on standard input" in err
