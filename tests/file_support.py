"""Writing test input files: one helper for every test folder."""

from __future__ import annotations

from pathlib import Path


def write(path: Path, content: str | bytes) -> Path:
    """Write `content` (text as UTF-8, bytes as they are) to `path`, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# The head of a small house rulebook (category FL9, one source, one fact) that tests add rules to.
HOUSE_RULEBOOK_HEADER = """\
categories:
  - {id: house, prefix: FL9, title: House rules}
sources:
  - {file: house.txt, title: House style}
facts:
  - {id: house-fact, statement: A house fact., source: house.txt, quote: The house fact.}
"""
