"""The HTML reader keeps a page's main content and lays it out like the text reader."""

from __future__ import annotations

import pytest

from oversight.documents import BlockKind, DocumentError, Limits
from oversight.documents.html import read_html


def _lines(page: str) -> list[tuple[BlockKind, str]]:
    document = read_html(page.encode("utf-8"), source="page.html")
    return [(block.kind, block.text) for block in document.blocks]


CHROME = """<!DOCTYPE html><html><head><title>Minutes</title><style>p {{}}</style>
<script>var tracking = "do not read";</script></head><body>
<div class="cookie-notice">We use cookies <button>OK</button></div>
<header><a href="/">Commissioner</a><nav><a href="/a">News</a></nav></header>
{body}
<aside>Related: annual report</aside>
<footer>Copyright and privacy</footer></body></html>"""


def test_main_content_only_without_site_furniture() -> None:
    page = CHROME.format(body="<main><h1>Panel minutes</h1><p>Present: the Chair.</p></main>")
    assert _lines(page) == [
        (BlockKind.HEADING, "Panel minutes"),
        (BlockKind.PARAGRAPH, "Present: the Chair."),
    ]


def test_role_main_and_article_are_found_by_structure() -> None:
    role = CHROME.format(body="<div role='main'><p>Item one was discussed.</p></div>")
    assert _lines(role) == [(BlockKind.PARAGRAPH, "Item one was discussed.")]
    article = CHROME.format(body="<div><article><p>The meeting opened.</p></article></div>")
    assert _lines(article) == [(BlockKind.PARAGRAPH, "The meeting opened.")]


def test_without_landmarks_the_block_with_most_text_wins() -> None:
    body = (
        "<div class='menu'><a href='/'>Home</a> <a href='/b'>About</a></div>"
        "<div class='content'><p>The Commissioner asked about response times.</p>"
        "<p>The Chief Constable said that the target had been met.</p></div>"
        "<div class='side'><p>Sign up</p></div>"
    )
    assert [text for _, text in _lines(CHROME.format(body=body))] == [
        "The Commissioner asked about response times.",
        "The Chief Constable said that the target had been met.",
    ]


def test_tables_become_rows_with_further_paragraphs_and_owner_column() -> None:
    page = """<main><table>
    <tr><td></td><td><b>Name:</b></td><td><b>Capacity:</b></td></tr>
    <tr><td>Attendance:</td><td>Ann Example</td><td>Commissioner (PCC)</td></tr>
    <tr><td>2.1</td><td><p>Victims</p><p>The PCC asked.</p>
        <ul><li>first point</li></ul><p>ACTION: CC to report.</p></td><td>CC</td></tr>
    </table></main>"""
    assert _lines(page) == [
        (BlockKind.TABLE_ROW, "\tName:\tCapacity:"),
        (BlockKind.TABLE_ROW, "Attendance:\tAnn Example\tCommissioner (PCC)"),
        (BlockKind.TABLE_ROW, "2.1\tVictims"),
        (BlockKind.PARAGRAPH, "\tThe PCC asked."),
        (BlockKind.LIST_ITEM, "\t- first point"),
        (BlockKind.PARAGRAPH, "\tACTION: CC to report.\tCC"),
    ]


def test_spans_keep_columns_and_nested_tables_become_paragraphs() -> None:
    page = """<main><table>
    <tr><td rowspan="2">1.</td><td colspan="2">Outstanding matters</td><td>Owner</td></tr>
    <tr><td>A</td><td>B</td><td>C</td></tr>
    <tr><td>2.</td><td><table><tr><td>inner</td><td>cells</td></tr></table></td></tr>
    </table></main>"""
    assert [text for _, text in _lines(page)] == [
        "1.\tOutstanding matters\t\tOwner",
        "\tA\tB\tC",
        "2.\tinner cells",
    ]


def test_lists_breaks_entities_and_inline_markup() -> None:
    page = """<main><h2>Next <em>meeting</em></h2><ul><li>Date: <b>1 May</b></li>
    <li>Venue:&nbsp;HQ</li></ul><p>First line<br>Second line &amp; more</p>
    <p><strong>Findings:</strong></p></main>"""
    assert _lines(page) == [
        (BlockKind.HEADING, "Next meeting"),
        (BlockKind.LIST_ITEM, "- Date: 1 May"),
        (BlockKind.LIST_ITEM, "- Venue: HQ"),
        (BlockKind.PARAGRAPH, "First line"),
        (BlockKind.PARAGRAPH, "Second line & more"),
        (BlockKind.HEADING, "Findings:"),
    ]


def test_hidden_content_and_dialogs_are_dropped() -> None:
    page = """<main><p>Kept.</p><p hidden>Hidden.</p><div style="display: none">Gone.</div>
    <div role="dialog">Consent?</div><div aria-hidden="true">Icon</div></main>"""
    assert [text for _, text in _lines(page)] == ["Kept."]


def test_declared_charset_is_honoured() -> None:
    page = "<html><head><meta charset='windows-1252'></head><main><p>Café – £5</p></main></html>"
    document = read_html(page.encode("cp1252"), source="page.html")
    assert document.text == "Café – £5"
    assert document.encoding == "cp1252"


def test_a_page_over_the_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(DocumentError, match=r"^the HTML page is 2\.0 MB, more than the limit"):
        read_html(
            b"<p>" + b"x" * (2 * 1024 * 1024),
            source="big.html",
            limits=Limits(max_html_bytes=1024 * 1024),
        )


def test_a_page_nested_past_the_parser_limit_keeps_its_text() -> None:
    depth = 5000
    page = "<html><body><main>" + "<div>" * depth + "<p>Deep.</p>" + "</div>" * depth
    page += "<p>After the nest.</p></main></body></html>"
    assert [text for _, text in _lines(page)] == ["Deep.", "After the nest."]


@pytest.mark.parametrize(
    "page",
    ["<html><body></body></html>", "<html><body><nav>Only navigation</nav></body></html>"],
)
def test_a_page_without_content_is_refused(page: str) -> None:
    with pytest.raises(DocumentError, match=r"no readable text|no content"):
        read_html(page.encode(), source="empty.html")
