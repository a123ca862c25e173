"""The Linter as a library: one object owns a run, from paths to a sorted LintResult."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from file_support import write

from factlint.baseline import write_baseline
from factlint.checker import FileChecker
from factlint.config import Settings
from factlint.discovery import Target
from factlint.linter import STDIN, Linter, Stdin
from factlint.parallel import chunks
from factlint.rulebook import load_rulebook

CLAIM = "Ketamine cures depression."
RULEBOOK = load_rulebook()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "site" / "b.md", f"# B\n\n{CLAIM}\n")
    write(tmp_path / "site" / "a.html", f"<p>Intro.</p><p>{CLAIM}</p>")
    write(tmp_path / "site" / "logo.md", b"\x89PNG\r\n\x1a\nrest")
    return tmp_path


def test_a_run_is_sorted_and_complete(site: Path) -> None:
    result = Linter(Settings(jobs=1), RULEBOOK).lint(["site", "missing.md"])
    assert [f.path for f in result.findings] == sorted(f.path for f in result.findings)
    assert {f.path for f in result.findings} == {"site/a.html", "site/b.md"}
    assert result.files == ("site/a.html", "site/b.md") and result.files_checked == 2
    assert [s.path for s in result.skipped] == ["site/logo.md"]
    assert [p.path for p in result.problems] == ["missing.md"]


def test_workers_give_the_same_result(site: Path) -> None:
    one = Linter(Settings(jobs=1), RULEBOOK).lint(["site"])
    two = Linter(Settings(jobs=2), RULEBOOK).lint(["site"])
    assert one == two


def test_standard_input_is_one_more_file(site: Path) -> None:
    result = Linter(Settings(jobs=1), RULEBOOK).lint([STDIN, "site/b.md"], stdin=Stdin(CLAIM.encode(), "up.md"))
    assert {f.path for f in result.findings} == {"up.md", "site/b.md"}
    assert result.files == ("site/b.md", "up.md")


def test_the_baseline_hides_what_it_lists(site: Path) -> None:
    first = Linter(Settings(jobs=1), RULEBOOK).lint(["site/b.md"])
    write_baseline(site / "baseline.json", first.findings)
    write(site / "site" / "b.md", f"# B\n\n{CLAIM}\n\nAnd again: Spravato is approved for PTSD.\n")
    later = Linter(Settings(jobs=1), RULEBOOK, baseline=site / "baseline.json").lint(["site/b.md"])
    assert later.baselined == len(first.findings)
    assert later.findings and not set(later.findings) & set(first.findings)
    assert json.loads((site / "baseline.json").read_text())["entries"]


def test_a_checker_travels_to_a_spawned_worker(site: Path) -> None:
    """A worker started by spawning gets the checker by pickling: it rebuilds the same checker."""
    checker = FileChecker(RULEBOOK, Settings())
    copy = pickle.loads(pickle.dumps(checker))
    target = Target("site/b.md", "site/b.md", "markdown")
    assert copy.check_target(target) == checker.check_target(target)


def test_chunks_cover_every_item_once_biggest_first() -> None:
    items = list(range(1000))
    parts = chunks(items, 2)
    assert [x for part in parts for x in part] == items
    assert len(parts[0]) >= len(parts[-1]) and min(len(p) for p in parts[:-1]) >= 4
