"""Property tests: any text, any format: no exception, and the source map holds."""

from __future__ import annotations

from documents_support import check_pieces
from hypothesis import given, settings, strategies as st
from project import slow_tests_enabled

from factlint.documents import parse_document

# Text biased towards the characters that matter to the three syntaxes.
MARKUP = st.sampled_from(
    ["\n", "\r\n", "\r", "\t", " ", "  ", "*", "_", "`", "```", "\\", "&amp;", "&#169;", "&x",
     "<", ">", "</p>", "<p>", "<li>", "<script>", "<!--", "-->", "[", "](", ")", "!", "#", "|",
     "---\n", "- ", "> ", "1. ", "https://a.b/c", "www.x.y", "é", "😀", "e\u0301", "中", "\u00a0",
     "[^1]", "<![x[", "    ", "cures", "<Hero ", ' a="x y"', "{", "}", "/>", "{/*", "*/}", "`", "import x\n",
     "title: ", "description: '", "+++\n", "<img alt='a b'>", "<meta name=description content='x y'>", "| a | b |\n",
     "|---|---|\n", "![alt", "\"t\")", "• ", "# factlint-disable\n", "<!-- factlint-x -->", "&#x1F600;", "\\u00e9"]
)
TEXTS = st.one_of(st.text(), st.lists(st.one_of(MARKUP, st.text(max_size=5)), max_size=30).map("".join))


# 1,500 examples in the full suite (CI); a quick sample by default
@settings(max_examples=1500 if slow_tests_enabled() else 200, deadline=None)
@given(source=TEXTS, fmt=st.sampled_from(["markdown", "mdx", "html", "text"]))
def test_any_text_parses_and_maps_back(source: str, fmt: str) -> None:
    document = parse_document(source, "x", fmt)
    assert document.text == source
    for segment in document.segments:
        check_pieces(segment, source)
        for index in range(len(segment.text)):
            offset = segment.source_offset(index)
            assert 0 <= offset <= len(source)
        line, column = document.position(segment.source_offset(0))
        assert line >= 1 and column >= 1
    for start, end, text in document.comments:
        assert 0 <= start < end <= len(source) and text in source[start:end]
