"""Which named fields hold copy a reader sees, and what kind of segment each becomes.

A field is a front-matter key, a `<meta>` name or property, an HTML attribute or an MDX
prop. The lists here are the defaults; `ReadOptions` carries what the configuration says
(`text-fields`, `mdx-props`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factlint.documents.model import SegmentKind

DEFAULT_TEXT_FIELDS: tuple[str, ...] = (
    "title", "headline", "subtitle", "subheadline", "description", "summary", "excerpt", "abstract",
    "lead", "teaser", "tagline", "cta", "caption", "alt",
    "og:title", "og:description", "og:image:alt", "twitter:title", "twitter:description", "twitter:image:alt",
)
"""Front-matter keys and meta tag names read by default (see `field_kind` for how a name matches)."""

# Topic-bearing fields: what the page is about, like a heading.
_TITLE_WORDS = frozenset({"title", "headline"})

ATTRIBUTE_NAMES: frozenset[str] = frozenset({"alt", "title", "aria-label", "placeholder"})
"""HTML attributes (and MDX/JSX props of these names) that a reader sees or hears."""

# JSX props that never hold prose, whatever their value looks like.
TECHNICAL_PROPS: frozenset[str] = frozenset(
    """
    as class classname style id key ref href src srcset sizes to type name value variant size color colour theme icon
    slug lang rel target role width height layout align justify gap loading decoding method action format locale
    kind component mode placement position direction path url link image img poster tag level bg background fill
    stroke weight font template lang locale provider slot for htmlfor form pattern accept autocomplete inputmode
    tabindex language code
    """.split()
)

_SEPARATORS = re.compile(r"[_.\-:]+|(?<=[a-z0-9])(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the configuration says about reading drafts.

    `text_fields`: front-matter keys and meta names whose values are read. `mdx_props`:
    the MDX/JSX props read; "*" stands for any prop whose value reads as prose (two words
    or more, or a sentence) and whose name is not a technical one (className, href...).
    """

    text_fields: tuple[str, ...] = DEFAULT_TEXT_FIELDS
    mdx_props: tuple[str, ...] = ("*",)
    # Look-up tables derived from the two above.
    _fields: dict[str, SegmentKind] = field(init=False, repr=False, compare=False)
    _props: frozenset[str] = field(init=False, repr=False, compare=False)
    _cache: dict[str, SegmentKind | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_fields", _field_table(self.text_fields))
        object.__setattr__(self, "_props", frozenset(p.lower() for p in self.mdx_props))
        object.__setattr__(self, "_cache", {})

    def field_kind(self, name: str) -> SegmentKind | None:
        """The segment kind of front-matter key or meta name `name`, or None when it is not read.

        A name is read when it, or its last word, is a text field: with the default list
        `og:title`, `seo_title`, `heroTitle` and a nested `seo: {title: ...}` are all read as
        titles, `image_alt` as an attribute, `meta_description` as meta.
        """
        cache = self._cache
        if name in cache:
            return cache[name]
        table = self._fields
        kind = table.get(name.lower())
        if kind is None:
            words = [w for w in _SEPARATORS.split(name) if w]
            if len(words) > 1:
                kind = table.get(words[-1].lower())
        if len(cache) < 10_000:  # front-matter keys repeat from page to page
            cache[name] = kind
        return kind

    def prop_kind(self, name: str, value: str) -> SegmentKind | None:
        """The segment kind of an MDX/JSX string prop, or None when it is not read."""
        lowered = name.lower()
        if lowered in ATTRIBUTE_NAMES:
            return "attribute"
        props = self._props
        if lowered in props:
            return "prop"
        if "*" in props and _is_prose(name, value):
            return "prop"
        return None


def _field_table(names: tuple[str, ...]) -> dict[str, SegmentKind]:
    table: dict[str, SegmentKind] = {}
    for name in names:
        key = name.lower()
        last = [w for w in _SEPARATORS.split(name) if w][-1:] or [key]
        word = last[0].lower()
        table[key] = "title" if word in _TITLE_WORDS else "attribute" if word == "alt" else "meta"
    return table


_EVENT_OR_DATA = re.compile(r"on[A-Z]|data-|aria-")


def _is_prose(name: str, value: str) -> bool:
    lowered = name.lower()
    if lowered in TECHNICAL_PROPS or _EVENT_OR_DATA.match(name) or lowered.endswith(("url", "href", "src")):
        return False
    words = value.split()
    if not words or "://" in value or value.startswith(("/", "./", "#", "{")):
        return False
    letters = sum(1 for w in words if any(c.isalpha() for c in w))
    return letters >= 2 or (letters == 1 and value.rstrip()[-1:] in ".!?")


DEFAULT_OPTIONS = ReadOptions()
