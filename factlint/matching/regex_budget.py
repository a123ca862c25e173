"""The regex time one file may use: rulebook patterns are user regexes, and a rulebook can hold many.

Each search already has a time limit (PATTERN_TIMEOUT, against catastrophic backtracking), but a hostile or
careless rulebook with many moderately slow patterns stays under it on every sentence and still takes
forever over a file. So a file gets a budget of regex time (a base plus an allowance per MB of text); every
search is timed and charged to its rule, and once the budget is used up each pattern rule that has not
failed yet fails for this file with a message naming the budget and the rules that used it. Failures surface
as the rules' FileProblems (exit 2): the run never passes with rules silently not applied.

The budget is the engine's per-file `failed` table (rule id -> why the rule failed) itself, a dict with a
clock attached, so the engine passes one object around as before.
"""

from __future__ import annotations

from time import perf_counter

import regex

# A search that takes longer than this on one text is a runaway (catastrophic backtracking).
PATTERN_TIMEOUT = 1.0
# The regex time of one file. The shipped rulebook's patterns take ~0.1 s per MB of the bench corpus
# (bench/generate.py; a few ms per file), so this is generous for any rulebook a person writes, and bounds
# one that is made to be slow.
BUDGET_BASE = 5.0  # seconds
BUDGET_PER_MB = 2.0  # seconds per million characters of the file
ALL_PATTERNS = ""  # the owner of a search of every pattern at once (not one rule's)


def budget_seconds(characters: int) -> float:
    return BUDGET_BASE + BUDGET_PER_MB * characters / 1_000_000


class RegexBudget(dict[str, str]):
    """Rule id -> why it failed on this file (what the engine reports), plus the regex time left."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.used: dict[str, float] = {}  # owner (rule id, or ALL_PATTERNS) -> seconds
        self.total = 0.0
        self.spent = False

    def search(self, pattern: regex.Pattern[str], text: str, owner: str) -> regex.Match[str] | None:
        """`pattern.search(text)` within both limits, charged to `owner`. TimeoutError when it runs past
        PATTERN_TIMEOUT, or past what is left of the budget (then `owner` has failed with the budget's
        message, and so will every other rule that tries to search)."""
        if self.spent:
            self._fail(owner)
            raise TimeoutError("the file's regex time budget is used up")
        limit = min(PATTERN_TIMEOUT, self.seconds - self.total)
        runaway = False
        start = perf_counter()
        try:
            return pattern.search(text, timeout=limit)
        except TimeoutError:
            runaway = limit >= PATTERN_TIMEOUT  # the search's own limit: the caller says "took over 1 s"
            raise
        finally:
            elapsed = perf_counter() - start
            self.used[owner] = self.used.get(owner, 0.0) + elapsed
            self.total += elapsed
            if self.total >= self.seconds:
                self.spent = True
                if not runaway:
                    self._fail(owner)

    def _fail(self, owner: str) -> None:
        if owner != ALL_PATTERNS:
            self.setdefault(owner, self.message())

    def message(self) -> str:
        ranked = sorted(self.used.items(), key=lambda item: (-round(item[1], 1), item[0]))[:5]  # as shown
        top = [f"{_owner(owner)} ({seconds:.1f} s)" for owner, seconds in ranked]
        more = len(self.used) - len(top)
        users = ", ".join(top) + (f" and {more} more" if more > 0 else "")
        return f"not applied: this file's regex time budget ({self.seconds:.1f} s) was used up by {users}"


def _owner(owner: str) -> str:
    return owner or "all patterns at once"


def timed_search(failed: dict[str, str], pattern: regex.Pattern[str], text: str,
                 owner: str) -> regex.Match[str] | None:
    """A pattern search charged to the file's budget when `failed` is one (the engine's), else with the
    per-search limit alone (a caller without a file)."""
    if isinstance(failed, RegexBudget):
        return failed.search(pattern, text, owner)
    return pattern.search(text, timeout=PATTERN_TIMEOUT)
