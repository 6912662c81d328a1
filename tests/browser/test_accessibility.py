"""Accessibility of the main pages in a real browser: axe-core finds no serious or critical
violation, headings go down one level at a time, and every form control has a label."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from .conftest import ADMIN, EDITOR, Site, axe_path, shoot, sign_in

pytestmark = pytest.mark.browser

# (name, path, who is signed in); {meeting} is a meeting of the fictional year, and
# "first:/x" is the first link into /x/... on the page at /x.
PAGES = [
    ("dashboard", "/", None),
    ("meetings", "/meetings", None),
    ("meeting", "/meetings/{meeting}", None),
    ("meeting-action", "/meetings/{meeting}/actions/1", None),
    ("actions", "/actions", None),
    ("action", "first:/actions", None),
    ("promises", "/promises", None),
    ("promise", "first:/promises", None),
    ("people", "/people", None),
    ("person", "first:/people", None),
    ("roles", "/roles", None),
    ("topics", "/topics", None),
    ("topic", "first:/topics", None),
    ("figures", "/figures", None),
    ("hmicfrs", "/hmicfrs", None),
    ("search", "/search?q=victim*", None),
    ("search-malformed", '/search?q="victim', None),
    ("sign-in", "/sign-in", None),
    ("staff-meeting", "/meetings/{meeting}", EDITOR),
    ("staff-action", "first:/actions", EDITOR),
    ("upload", "/upload", EDITOR),
    ("audit", "/audit", ADMIN),
]
SERIOUS = ("serious", "critical")

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
  }));
}"""
HEADINGS = """() => Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
  .filter(h => h.offsetParent !== null || h.getClientRects().length > 0)
  .map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])"""
UNLABELLED = """() => Array.from(document.querySelectorAll("input, select, textarea, button"))
  .filter(el => !["hidden"].includes(el.type))
  .filter(el => {
    const named = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    const labelled = el.labels && el.labels.length > 0
      && Array.from(el.labels).some(l => l.textContent.trim() !== "");
    const text = el.tagName === "BUTTON" && el.textContent.trim() !== "";
    return !(named || labelled || text);
  })
  .map(el => el.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def axe() -> Path:
    found = axe_path()
    if found is None:
        pytest.skip("axe-core is not installed (.ci/run installs it; or set OVERSIGHT_AXE_JS)")
    return found


@pytest.fixture
def staff_page(browser: Browser, site: Site) -> Iterator[Page]:
    """A page whose inline scripts are allowed, so that axe-core can be injected."""
    context = browser.new_context(
        base_url=site.url, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def _open(page: Page, site: Site, path: str, who: str | None, status: int = 200) -> None:
    if who is not None:
        sign_in(page, who)
    if path.startswith("first:"):
        listing = path.removeprefix("first:")
        page.goto(listing)
        link = page.locator(f'main a[href^="{listing}/"]').first
        href = link.get_attribute("href")
        assert href, f"no link into {listing}/ on {listing}"
        path = href
    meeting = site.meeting_id("03-accountability-meeting-2025-06.md")
    response = page.goto(path.format(meeting=meeting))
    assert response is not None and response.status == status, f"{path}: {response}"


def _problems(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['nodes'])}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize(("name", "path", "who"), PAGES, ids=[p[0] for p in PAGES])
def test_page_passes_axe_with_headings_in_order_and_labelled_controls(
    axe: Path,
    staff_page: Page,
    site: Site,
    screenshots: Path,
    name: str,
    path: str,
    who: str | None,
) -> None:
    page = staff_page
    # A malformed search is a bad request, answered with the search page and its message.
    _open(page, site, path, who, 400 if name == "search-malformed" else 200)
    shoot(page, screenshots, f"page-{name}")
    page.add_script_tag(path=str(axe))
    problems = _problems(page.evaluate(AXE_RUN))
    assert problems == [], "\n".join(problems)

    headings: list[list[Any]] = page.evaluate(HEADINGS)
    levels = [level for level, _ in headings]
    assert levels and levels[0] == 1, headings
    assert levels.count(1) == 1, headings
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"heading h{after} follows h{before}: {headings}"

    assert page.evaluate(UNLABELLED) == []
