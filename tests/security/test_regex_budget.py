"""Issue 16 item 18: a file's regex time has a budget. Each pattern search had its own limit (one second),
but a rulebook of many moderately slow patterns stayed under it on every sentence and took forever over a
file, silently. Now every search is charged to the file's budget; once it is used up, every pattern rule not
applied yet fails for that file with a message naming the budget and the rules that used it (exit 2).

No wall-clock assertion: one test runs on a fake clock (each search "takes" 0.3 s), the other gives real
slow patterns a tiny budget and reads only the failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from file_support import HOUSE_RULEBOOK_HEADER, write

from factlint.matching import regex_budget

HEADER = HOUSE_RULEBOOK_HEADER + "rules:\n"
CLAIM = "Ketamine cures depression."


def pattern_rules(count: int, pattern: str) -> str:
    return HEADER + "".join(f"""\
  - id: FL9{n:02d}
    name: slow-{n}
    category: house
    severity: warning
    summary: A slow pattern
    message: Message.
    suggestion: Say it differently.
    fact: house-fact
    patterns: ['{pattern}']
    examples:
      flag: [zzz]
      pass: [yyy]
""" for n in range(1, count + 1))


def failures(stderr: str, path: str) -> dict[str, str]:
    prefix = f"factlint: error: {path}: rule "
    return dict(line.removeprefix(prefix).split(" failed: ", 1) for line in stderr.splitlines()
                if line.startswith(prefix))


class FakeClock:
    """perf_counter for regex_budget: every search takes `step` seconds, whatever the machine does."""

    def __init__(self, step: float) -> None:
        self.now, self.step, self.calls = 0.0, step, 0

    def __call__(self) -> float:
        self.calls += 1
        if self.calls % 2 == 0:  # the second reading of a search
            self.now += self.step
        return self.now


def test_the_budget_names_itself_and_the_rules_that_used_it(run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(regex_budget, "perf_counter", FakeClock(0.3))
    monkeypatch.setattr(regex_budget, "BUDGET_BASE", 1.0)
    monkeypatch.setattr(regex_budget, "BUDGET_PER_MB", 0.0)
    write(tmp_path / "slow.yaml", pattern_rules(20, r"\bcalm rooms\b"))
    write(tmp_path / "draft.md", "Our calm rooms are quiet.\n\nMore calm rooms upstairs.\n\n" + CLAIM + "\n")
    code, out, err = run_cli("check", "draft.md", "--rules", "slow.yaml", "--select", "FL9,FL401")
    assert code == 2, err
    failed = failures(err, "draft.md")
    assert sorted(failed) == [f"FL9{n:02d}" for n in range(1, 21)]  # every pattern rule: none was applied
    # All patterns at once (0.3 s), then FL901, FL902 and FL903 one by one: 1.2 s, over the 1 s budget.
    assert set(failed.values()) == {"not applied: this file's regex time budget (1.0 s) was used up by all "
                                    "patterns at once (0.3 s), FL901 (0.3 s), FL902 (0.3 s), FL903 (0.3 s)"}
    assert "draft.md:5:10: FL401" in out  # the other rules still ran on the file
    assert " FL9" not in out  # and no pattern rule reported half a file


def test_many_slow_patterns_stop_at_the_budget(run_cli, tmp_path: Path, monkeypatch) -> None:
    """Thirty patterns, each some 20 ms on this sentence (far under the one-second limit per search): before
    the budget they ran on every sentence of every file without a word."""
    monkeypatch.setattr(regex_budget, "BUDGET_BASE", 0.1)
    monkeypatch.setattr(regex_budget, "BUDGET_PER_MB", 0.0)
    write(tmp_path / "slow.yaml", pattern_rules(30, "calm (?:a|aa)+c"))
    write(tmp_path / "draft.md", "".join(f"Room {n} is calm {'a' * 24} rooms.\n\n" for n in range(20)) + CLAIM)
    code, out, err = run_cli("check", "draft.md", "--rules", "slow.yaml", "--select", "FL9,FL401")
    assert code == 2, err
    failed = failures(err, "draft.md")
    assert sorted(failed) == [f"FL9{n:02d}" for n in range(1, 31)]
    assert all(why.startswith("not applied: this file's regex time budget (0.1 s) was used up by ")
               for why in failed.values()), failed
    assert "draft.md:41:10: FL401" in out


@pytest.mark.slow  # waits for the real 1 s limit of one search
def test_a_runaway_pattern_is_still_named_as_such(tmp_path: Path) -> None:
    """A search stopped by its own one-second limit keeps its message; the budget is for the sum."""
    budget = regex_budget.RegexBudget(60.0)
    budget["FL901"] = "pattern took over 1 s"
    with pytest.raises(TimeoutError):
        import regex

        budget.search(regex.compile("(a|a)+$"), "a" * 40 + "!", "FL902")
    assert "FL902" not in budget and not budget.spent and budget.used["FL902"] > 0


def test_the_budget_grows_with_the_file() -> None:
    assert regex_budget.budget_seconds(0) == regex_budget.BUDGET_BASE
    assert regex_budget.budget_seconds(10_000_000) == regex_budget.BUDGET_BASE + 10 * regex_budget.BUDGET_PER_MB
