"""Baseline (--write-baseline / --baseline), --changed-since and .gitignore, on real git repositories."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cli_support import CLAIM, COMPLIANT, write

PTSD = "Spravato is FDA-approved for PTSD."


def git(repo: Path, *args: str) -> str:
    env_args = ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def findings(run_cli, *args, cwd=None) -> list[dict]:
    result = run_cli("check", *args, "--format", "json", cwd=cwd)
    assert result.code in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def test_baseline_hides_known_findings_by_sentence_not_line(run_cli, tmp_path):
    write(tmp_path / "docs" / "a.md", f"# A\n\n{CLAIM}\n\n{CLAIM}\n")
    write(tmp_path / "docs" / "b.md", f"# B\n\n{COMPLIANT}\n")
    code, out, err = run_cli("check", "docs", "--select", "FL401", "--write-baseline", "factlint-baseline.json")
    assert code == 0 and out == "" and "wrote 2 findings" in err
    data = json.loads((tmp_path / "factlint-baseline.json").read_text())
    assert data["entries"] == [{"count": 2, "path": "docs/a.md", "rule": "FL401",
                                "sentence": "ketamine cures depression."}]

    # Nothing new: clean, and the summary says how many the baseline hid.
    code, out, _ = run_cli("check", "docs", "--select", "FL401", "--baseline", "factlint-baseline.json")
    assert code == 0 and out.rstrip().endswith("(2 in baseline)")
    # Edits elsewhere move the lines: still nothing new.
    write(tmp_path / "docs" / "a.md", f"# A\n\nNew intro.\n\nMore.\n\n{CLAIM}\n\n{CLAIM}\n")
    assert findings(run_cli, "docs", "--select", "FL401", "--baseline", "factlint-baseline.json") == []
    # A third copy in the same file, and the same claim in another file, are new.
    write(tmp_path / "docs" / "a.md", f"# A\n\n{CLAIM}\n\n{CLAIM}\n\n{CLAIM}\n")
    write(tmp_path / "docs" / "b.md", f"# B\n\n{CLAIM}\n")
    new = findings(run_cli, "docs", "--select", "FL401", "--baseline", "factlint-baseline.json")
    assert [(f["path"], f["line"]) for f in new] == [("docs/a.md", 7), ("docs/b.md", 3)]
    # The baseline's paths are relative to its own folder: it works from a sub-folder too.
    new = findings(run_cli, ".", "--select", "FL401", "--baseline", "../factlint-baseline.json",
                   cwd=tmp_path / "docs")
    assert [(f["path"], f["line"]) for f in new] == [("a.md", 7), ("b.md", 3)]


def summary(run_cli, *args, cwd=None) -> dict:
    result = run_cli("check", *args, "--format", "json", cwd=cwd)
    return json.loads(result.stdout)["summary"]


def test_baseline_survives_rewrapping_a_paragraph(run_cli, tmp_path):
    write(tmp_path / "a.md", "# A\n\nAt our clinic ketamine\ncures depression.\n")
    run_cli("check", "a.md", "--select", "FL401", "--write-baseline", "base.json")
    entry = json.loads((tmp_path / "base.json").read_text())["entries"][0]
    assert entry["sentence"] == "at our clinic ketamine cures depression."  # whitespace runs made one space
    write(tmp_path / "a.md", "# A\n\nAt our clinic\n  ketamine cures depression.\n")
    assert findings(run_cli, "a.md", "--select", "FL401", "--baseline", "base.json") == []
    # a baseline written before (its sentence holding the line break) still matches
    entry["sentence"] = "at our clinic ketamine\ncures depression."
    write(tmp_path / "old.json", json.dumps({"version": 1, "tool": "factlint", "entries": [entry]}))
    assert findings(run_cli, "a.md", "--select", "FL401", "--baseline", "old.json") == []


def test_baseline_follows_a_renamed_file_by_its_content(run_cli, tmp_path):
    write(tmp_path / "docs" / "old-name.md", f"# A\n\n{CLAIM}\n")
    write(tmp_path / "docs" / "other.md", f"# B\n\n{CLAIM}\n")
    run_cli("check", "docs", "--select", "FL401", "--write-baseline", "base.json")
    (tmp_path / "docs" / "old-name.md").rename(tmp_path / "docs" / "new-name.md")  # as `git mv` does
    assert findings(run_cli, "docs", "--select", "FL401", "--baseline", "base.json") == []
    assert summary(run_cli, "docs", "--select", "FL401", "--baseline", "base.json")["baselined"] == 2
    # ...once: a copy of the claim in a third file is new
    write(tmp_path / "docs" / "third.md", f"# C\n\n{CLAIM}\n")
    new = findings(run_cli, "docs", "--select", "FL401", "--baseline", "base.json")
    assert [f["path"] for f in new] == ["docs/third.md"]
    # an entry whose file still exists never moves to another file
    (tmp_path / "docs" / "third.md").unlink()
    write(tmp_path / "docs" / "other.md", "# B\n\nNothing to see.\n")
    write(tmp_path / "docs" / "fourth.md", f"# D\n\n{CLAIM}\n")
    new = findings(run_cli, "docs", "--select", "FL401", "--baseline", "base.json")
    assert len(new) == 1  # the moved entry covers one of the two copies; other.md's entry covers neither


def test_the_run_says_how_many_entries_matched_and_how_many_are_stale(run_cli, tmp_path):
    write(tmp_path / "a.md", f"# A\n\n{CLAIM}\n\nKetamine is a miracle cure for depression.\n")
    write(tmp_path / "b.md", f"# B\n\n{CLAIM}\n")
    run_cli("check", ".", "--select", "FL401", "--write-baseline", "base.json")
    write(tmp_path / "a.md", f"# A\n\n{CLAIM}\n")  # one claim fixed
    code, out, _ = run_cli("check", ".", "--select", "FL401", "--baseline", "base.json")
    assert code == 0 and out.rstrip().endswith("(2 in baseline, 1 stale baseline entry)"), out
    data = summary(run_cli, ".", "--select", "FL401", "--baseline", "base.json")
    assert (data["baselined"], data["baseline_stale"]) == (2, 1)
    # entries of files this run did not check are not stale
    data = summary(run_cli, "b.md", "--select", "FL401", "--baseline", "base.json")
    assert (data["baselined"], data["baseline_stale"]) == (1, 0)
    # a file that is gone, with nothing of it found elsewhere: its entries are stale
    (tmp_path / "b.md").unlink()
    data = summary(run_cli, "a.md", "--select", "FL401", "--baseline", "base.json")
    assert (data["baselined"], data["baseline_stale"]) == (1, 2)


def test_missing_or_broken_baseline_is_a_usage_error(run_cli, tmp_path):
    write(tmp_path / "a.md", f"{CLAIM}\n")
    code, _, err = run_cli("check", "a.md", "--baseline", "nope.json")
    assert code == 2 and "baseline file not found" in err
    write(tmp_path / "bad.json", "[1, 2]")
    code, _, err = run_cli("check", "a.md", "--baseline", "bad.json")
    assert code == 2 and err.startswith("factlint: error: bad.json: not a factlint baseline")


def test_changed_since_lints_only_changed_files(run_cli, tmp_path):
    repo = tmp_path / "site"
    write(repo / "docs" / "old.md", f"{CLAIM}\n")
    write(repo / "docs" / "touched.md", "Intro.\n")
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "feature")
    write(repo / "docs" / "touched.md", f"Intro.\n{CLAIM}\n")
    git(repo, "commit", "-qam", "edit")
    write(repo / "docs" / "untracked.md", f"{PTSD}\n")  # new, not yet committed
    git(repo, "checkout", "-q", "main")
    write(repo / "docs" / "old.md", f"{CLAIM}\n\n{CLAIM}\n")  # a change on main after the branch point
    git(repo, "commit", "-qam", "main moves on")
    git(repo, "checkout", "-q", "feature")

    found = findings(run_cli, "docs", "--changed-since", "main", cwd=repo)
    assert sorted({f["path"] for f in found}) == ["docs/touched.md", "docs/untracked.md"]
    # Named from a sub-folder too; an unknown ref is a usage error.
    found = findings(run_cli, ".", "--changed-since", "main", cwd=repo / "docs")
    assert sorted({f["path"] for f in found}) == ["touched.md", "untracked.md"]
    code, _, err = run_cli("check", "docs", "--changed-since", "no-such-ref", cwd=repo)
    assert code == 2 and "unknown git revision 'no-such-ref'" in err


def test_changed_since_outside_git_is_a_usage_error(run_cli, tmp_path):
    write(tmp_path / "a.md", f"{CLAIM}\n")
    code, _, err = run_cli("check", "a.md", "--changed-since", "main")
    assert code == 2 and "needs a git work tree" in err


def test_gitignore_is_honoured_when_walking_folders(run_cli, tmp_path):
    repo = tmp_path / "site"
    write(repo / ".gitignore", "build/\n*.generated.md\n")
    write(repo / "docs" / "page.md", f"{CLAIM}\n")
    write(repo / "docs" / "api.generated.md", f"{CLAIM}\n")
    write(repo / "build" / "page.md", f"{CLAIM}\n")
    git(tmp_path, "init", "-q", str(repo))
    assert sorted({f["path"] for f in findings(run_cli, ".", cwd=repo)}) == ["docs/page.md"]
    # A file named explicitly is checked; `respect-gitignore: false` turns the rule off.
    assert {f["path"] for f in findings(run_cli, "build/page.md", cwd=repo)} == {"build/page.md"}
    write(repo / ".factlint.yaml", "respect-gitignore: false\n")
    assert len({f["path"] for f in findings(run_cli, ".", cwd=repo)}) == 3
