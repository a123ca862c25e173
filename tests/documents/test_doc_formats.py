"""The format registry: one row per format, the single place suffixes and comment syntax live."""

from __future__ import annotations

import pytest

from factlint.config import Settings
from factlint.documents import (
    DEFAULT_SUFFIXES,
    FALLBACK_FORMAT,
    FORMATS,
    detect_format,
    format_of_suffix,
    parse_document,
)


def test_every_suffix_belongs_to_one_format_and_is_lower_case() -> None:
    seen: dict[str, str] = {}
    for name, row in FORMATS.items():
        assert row.name == name
        for suffix in (*row.suffixes, *row.other_suffixes):
            assert suffix.startswith(".") and suffix == suffix.lower()
            assert suffix not in seen, f"{suffix} claimed by {seen.get(suffix)} and {name}"
            seen[suffix] = name
            assert format_of_suffix(suffix.upper()) == name
            assert detect_format(f"dir/page{suffix}") == name


def test_rows_and_what_they_say() -> None:
    assert list(FORMATS) == ["markdown", "mdx", "html", "text"]
    assert FORMATS["mdx"].suffixes == (".mdx",)
    assert [c.example("x") for c in FORMATS["mdx"].comments] == ["<!-- x -->", "{/* x */}"]
    assert [c.example("x") for c in FORMATS["markdown"].comments] == ["<!-- x -->"]
    assert all(c.own_line for c in FORMATS["text"].comments)
    assert FALLBACK_FORMAT in FORMATS
    assert DEFAULT_SUFFIXES == (".md", ".markdown", ".mdx", ".html", ".htm", ".txt")
    assert ".text" in FORMATS["text"].other_suffixes


def test_configuration_default_extensions_are_the_registry_suffixes() -> None:
    assert Settings().extensions == DEFAULT_SUFFIXES


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_parses_through_parse_document(name: str) -> None:
    document = parse_document("Ketamine helps some people.\n", f"page.{name}", name)
    assert document.format == name
    assert [s.text for s in document.segments] == ["Ketamine helps some people."]


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown document format 'rst'.*markdown, mdx, html, text"):
        parse_document("x", "x.rst", "rst")
