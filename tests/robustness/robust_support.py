"""Helpers shared by the robustness tests (imported; fixtures live in conftest.py)."""

from __future__ import annotations

from cli_harness import cli_env as cli_env  # re-exported for the tests here
from file_support import write as write

CLAIM = "Ketamine cures depression."
MATCH = "cures depression"  # what FL401 matches in CLAIM


def span_text(text: str, finding: dict) -> str:
    """The characters of `text` between a finding's (line, column) and (end_line, end_column),
    counting lines the way factlint documents it: CRLF, CR and LF each end a line; columns are
    code points."""
    import re

    starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]
    start = starts[finding["line"] - 1] + finding["column"] - 1
    end = starts[finding["end_line"] - 1] + finding["end_column"] - 1
    return text[start:end]


def fl401(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["rule"] == "FL401"]
