"""examples/ is a labelled corpus: `factlint check examples/` must report exactly examples/expected.yaml.

Every expected (file, line, rule) must be present and nothing else may appear. The only tolerated
differences are the engine limitations listed under `known-gaps` (each with a note). Each known gap is a
test of its own: an expected failure (x, with its note) while the gap occurs, and a failure once it no
longer does, so that expected.yaml is updated.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
import yaml
from cli_harness import run_in_process

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def _expected() -> tuple[set, set, set, list[str]]:
    data = yaml.safe_load((EXAMPLES / "expected.yaml").read_text(encoding="utf-8"))
    expected = set()
    for name, findings in data["files"].items():
        assert (EXAMPLES / name).is_file(), f"expected.yaml names a missing draft: {name}"
        for item in findings or []:
            expected.add((name, int(item["line"]), item["rule"]))
    extra_ok, missing_ok = set(), set()
    for gap in data.get("known-gaps") or []:
        key = (gap["file"], int(gap["line"]), gap["rule"])
        assert gap.get("note"), f"known gap without a note: {key}"
        (extra_ok if gap["kind"] == "extra" else missing_ok).add(key)
    return expected, extra_ok, missing_ok, sorted(data["files"])


def _gaps() -> list[dict]:
    return yaml.safe_load((EXAMPLES / "expected.yaml").read_text(encoding="utf-8")).get("known-gaps") or []


@cache
def _actual() -> frozenset:
    run = run_in_process("check", "examples/", "--format", "json", cwd=REPO)
    assert run.code in (0, 1), run.stderr
    report = json.loads(run.stdout)
    assert not report.get("problems"), report["problems"]
    found = set()
    for f in report["findings"]:
        path = Path(f["path"])
        for rule in (f["rule"], *f.get("merged", ())):  # one finding per claim: merged rules count too
            found.add((path.name, int(f["line"]), rule))
    return frozenset(found)


def test_every_draft_is_listed() -> None:
    _, _, _, listed = _expected()
    drafts = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in {".md", ".html", ".txt"})
    assert drafts == listed
    assert len(drafts) >= 8


def test_examples_match_expected_exactly() -> None:
    expected, extra_ok, missing_ok, _ = _expected()
    actual = _actual()
    # A "missing" gap is a finding the reviewer expects; the tool may report it once the engine is fixed.
    missing = (expected - actual)
    extra = actual - expected - missing_ok
    assert not missing, f"missing findings: {sorted(missing)}"
    assert not (extra - extra_ok), f"unexpected findings: {sorted(extra - extra_ok)}"


@pytest.mark.parametrize("gap", _gaps(), ids=lambda g: f"{g['kind']}-{g['file']}-{g['line']}-{g['rule']}")
def test_known_gap(gap: dict) -> None:
    key = (gap["file"], int(gap["line"]), gap["rule"])
    occurs = (key in _actual()) == (gap["kind"] == "extra")
    if occurs:
        pytest.xfail(f"known engine gap: {gap['note']}")
    pytest.fail(f"known gap no longer occurs: remove {key} from known-gaps in examples/expected.yaml"
                + (" and add it under files:" if gap["kind"] == "missing" else ""))
