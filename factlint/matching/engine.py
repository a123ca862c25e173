"""Placeholder: the real engine is being written. API: Matcher(rulebook).check(document) -> list[Finding]."""

from __future__ import annotations

from factlint.documents.model import Document
from factlint.findings import Finding
from factlint.rulebook.model import Rulebook


class Matcher:
    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook

    def check(self, document: Document) -> list[Finding]:
        return []
