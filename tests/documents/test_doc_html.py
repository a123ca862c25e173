from __future__ import annotations

from documents_support import all_text, check_document, kinds, span_of, texts

from factlint.documents import parse_document


def html(text: str):
    document = parse_document(text, "page.html", "html")
    check_document(document)
    return document


def test_visible_text_by_block_with_kinds() -> None:
    document = html(
        "<!DOCTYPE html><html><head><title>Clinic page</title>"
        "<meta name='robots' content='index, follow'><style>p{}</style></head><body>"
        "<h1>Esketamine <em>works</em></h1>"
        "<p>Intro with <a href='https://x/cures'>a link</a> and <b>bold</b>.</p>"
        "<ul><li>First</li><li>Second <span>item</span></li></ul>"
        "<table><tr><th>Drug</th><td>Claim</td></tr></table>"
        "<div>Plain div<br>after break</div>"
        "</body></html>"
    )
    assert kinds(document) == [
        ("title", "Clinic page"),
        ("heading", "Esketamine works"),
        ("paragraph", "Intro with a link and bold."),
        ("list_item", "First"),
        ("list_item", "Second item"),
        ("table_cell", "Drug"),
        ("table_cell", "Claim"),
        ("paragraph", "Plain div"),
        ("paragraph", "after break"),
    ]


def test_hidden_content_and_comments_are_skipped() -> None:
    document = html(
        "<p class='cures' id='cures' data-x='cures'>Visible</p><!-- cures --><script>var cures = 1; '</p>'</script>"
        "<style>.cures{}</style><template><p>cures</p></template><noscript>cures</noscript>"
        "<svg><text>cures</text><title>cures</title></svg><p>After <img src='cures.png'> all</p>"
        "<textarea>cures</textarea><select><option>cures</option></select>"
        "<script type='application/json'>{\"description\": \"cures\"}</script>"
    )
    assert "cures" not in all_text(document)
    assert texts(document) == ["Visible", "After  all"]


def test_entities_are_decoded_and_map_to_the_whole_reference() -> None:
    source = "<p>Fish &amp; chips &#169; &#x1F600; caf&eacute; &unknown; AT&T</p>"
    document = html(source)
    (segment,) = document.segments
    assert segment.text == "Fish & chips © 😀 café &unknown; AT&T"
    amp = segment.text.index("&")
    start, end = segment.source_span(amp, amp + 1)
    assert source[start:end] == "&amp;"
    start, end = span_of(document, "café")
    assert source[start:end] == "caf&eacute;"


def test_positions_with_crlf_cr_and_non_ascii() -> None:
    source = "<html>\r\n<body>\r<p>Café 😀\r\nketamine\r\n cures</p>\n<li>x</li></body></html>"
    document = html(source)
    assert texts(document) == ["Café 😀\nketamine\n cures", "x"]
    start, end = span_of(document, "ketamine")
    assert source[start:end] == "ketamine"
    assert document.position(start) == (4, 1)
    start, _ = span_of(document, "cures")
    assert document.position(start) == (5, 2)
    start, _ = span_of(document, "x")
    assert document.position(start) == (6, 5)


def test_malformed_html_never_raises() -> None:
    for source in ["<p>unclosed <b>bold", "</p></div>stray</li>", "<![if gte mso]>x<![endif]>",
                   "<!doctype", "<p a='x>broken", "a < b > c & d", "<<<>>>", "<![foo[bar]]>text"]:
        check_document(parse_document(source, "x.html", "html"))
    assert texts(html("<p>unclosed <b>bold")) == ["unclosed bold"]


def test_deep_nesting_does_not_recurse() -> None:
    depth = 10_000
    source = "<div>" * depth + "deep text" + "</div>" * depth + "<span>" * depth + "inline"
    document = html(source)
    assert texts(document) == ["deep text", "inline"]


def test_unclosed_paragraphs_and_list_items_still_split() -> None:
    document = html("<ul><li>one<li>two</ul><p>first<p>second")
    assert kinds(document) == [
        ("list_item", "one"), ("list_item", "two"), ("paragraph", "first"), ("paragraph", "second")]


def test_bare_urls_in_html_text_are_removed() -> None:
    document = html("<p>Visit https://example.com/ketamine-cures today.</p>")
    assert texts(document) == ["Visit   today."]


def test_code_and_preformatted_blocks_are_not_prose() -> None:
    document = html("<p>Run <code>cures()</code> now.</p><pre><code>if (x) { cures(); }</code></pre><p>End</p>")
    assert "cures" not in all_text(document)
    assert texts(document) == ["Run  now.", "End"]
