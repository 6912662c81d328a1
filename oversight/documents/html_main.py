"""Find the main content of a web page by its structure, and what around it is boilerplate.

The main content is the first `<main>` (or `role="main"`) element, else the article with
the most text, else the block that directly holds the most text in paragraphs and tables.
Navigation, scripts, forms, dialogs and cookie or consent banners are boilerplate anywhere;
the page's own header and footer are boilerplate outside the main content. Every walk here
is iterative, so a deeply nested page costs no recursion.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

# fmt: off
_DROP = frozenset((
    "script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "frame",
    "frameset", "svg", "math", "button", "select", "textarea", "input", "dialog", "object",
    "embed", "canvas", "audio", "video", "map", "head", "menu",
))
# fmt: on
_CHROME = frozenset(("header", "footer"))
_DROP_ROLES = frozenset(
    ["navigation", "search", "dialog", "alertdialog", "menu", "menubar", "toolbar", "complementary"]
)
_CHROME_ROLES = frozenset(("banner", "contentinfo"))
_CONSENT = re.compile(r"cookie|consent|gdpr", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_UNITS = frozenset(["p", "pre", "table", "blockquote", "dl", "h1", "h2", "h3", "h4", "h5", "h6"])
_LISTS = frozenset(("ul", "ol"))
# Share of the page's text below which a <main> or <article> is taken for a stub.
_MIN_SHARE = 0.2


def is_boilerplate(element: etree._Element, *, chrome: bool) -> bool:
    """Say whether an element is page furniture; `chrome` adds the page header and footer."""
    tag = element.tag
    if not isinstance(tag, str):
        return True
    tag = tag.lower()
    if tag in _DROP or (chrome and tag in _CHROME):
        return True
    if not element.keys():
        return False  # the rest is all attributes, and most elements have none
    role = (element.get("role") or "").lower()
    if role in _DROP_ROLES or (chrome and role in _CHROME_ROLES):
        return True
    if element.get("hidden") is not None or "true" in (
        element.get("aria-hidden"),
        element.get("aria-modal"),
    ):
        return True
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    marks = f"{element.get('id') or ''} {element.get('class') or ''}"
    return bool(_CONSENT.search(marks))


def text_length(top: etree._Element, *, chrome: bool) -> int:
    """Count the characters of text under an element, leaving out boilerplate."""
    from lxml import etree

    total = 0
    walker = etree.iterwalk(top, events=("start", "end"))
    for event, element in walker:
        if event == "start":
            if element is not top and is_boilerplate(element, chrome=chrome):
                walker.skip_subtree()
                continue
            total += len((element.text or "").strip())
        elif element is not top:
            total += len((element.tail or "").strip())
    return total


def _densest(body: etree._Element) -> etree._Element:
    """Return the block that directly holds the most text in paragraphs, lists and tables."""
    from lxml import etree

    scores: dict[etree._Element, float] = {}
    walker = etree.iterwalk(body, events=("start",))
    for _, element in walker:
        if element is not body and is_boilerplate(element, chrome=True):
            walker.skip_subtree()
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        parent = element.getparent()
        if tag in _UNITS or tag in _LISTS:
            length = text_length(element, chrome=True) * (0.5 if tag in _LISTS else 1.0)
            walker.skip_subtree()
            if parent is not None:
                scores[parent] = scores.get(parent, 0.0) + length
                grandparent = parent.getparent()
                if grandparent is not None:
                    scores[grandparent] = scores.get(grandparent, 0.0) + length / 2
            continue
        direct = len((element.text or "").strip()) + sum(
            len((child.tail or "").strip()) for child in element
        )
        if direct:
            scores[element] = scores.get(element, 0.0) + direct
    if not scores:
        return body
    return max(scores, key=lambda element: scores[element])


def _text_bound(element: etree._Element) -> int:
    """Count every character of text under an element, boilerplate and spaces included: at
    least `text_length` of it, and counted by libxml2 itself."""
    counted = element.xpath("string-length(string(.))")
    # A bound that is no use makes the exact count run instead.
    return int(counted) if isinstance(counted, float) else sys.maxsize


def _share_enough(length: int, body: etree._Element, total: list[int]) -> bool:
    """Say whether `length` is at least the minimum share of the page's text; the exact
    count of the page's text is made only when the bound cannot decide."""
    if length >= _MIN_SHARE * _text_bound(body):
        return True
    if not total:
        total.append(text_length(body, chrome=True))
    return length >= _MIN_SHARE * total[0]


def main_content(root: etree._Element) -> etree._Element:
    """Return the element holding the page's main content."""
    body = next(root.iter("body"), None)
    if body is None:
        body = root
    total: list[int] = []
    mains = [
        element
        for element in root.iter()
        if element.tag == "main" or (element.get("role") or "").lower() == "main"
    ]
    for element in mains:
        if not is_boilerplate(element, chrome=False) and _share_enough(
            text_length(element, chrome=False), body, total
        ):
            return element
    articles = [a for a in root.iter("article") if not is_boilerplate(a, chrome=False)]
    if articles:
        lengths = {id(a): text_length(a, chrome=False) for a in articles}
        best = max(articles, key=lambda a: lengths[id(a)])
        if _share_enough(lengths[id(best)], body, total):
            return best
    return _densest(body)
