from __future__ import annotations

import pytest

from factlint.documents import parse_document
from factlint.findings import Finding
from factlint.matching import Matcher
from factlint.rulebook import load_rulebook


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    return Matcher(load_rulebook())


@pytest.fixture(scope="session")
def lint(matcher: Matcher):
    def run(text: str, path: str = "draft.md") -> list[Finding]:
        fmt = {"md": "markdown", "html": "html"}.get(path.rsplit(".", 1)[-1], "text")
        return matcher.check(parse_document(text, path, fmt))

    return run
