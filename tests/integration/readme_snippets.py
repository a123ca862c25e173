"""The code blocks of README.md, by section, so tests run the snippets a user copies (and they cannot drift)."""

from __future__ import annotations

import re

from project import REPO

README = REPO / "README.md"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def section(title: str) -> str:
    """The text of README's '## title' section, up to the next '## ' heading."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def blocks(title: str, language: str) -> list[str]:
    """The ```language code blocks of a README section, in order."""
    return [body for lang, body in _FENCE.findall(section(title)) if lang == language]
