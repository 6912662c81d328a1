"""Keyboard-only use in a real browser: Tab reaches the skip link first and then the main
links and forms, the skip link moves to the content, and forms submit with Enter."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import EDITOR, PASSWORD

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim().slice(0, 60),
          href: el.getAttribute("href"), name: el.getAttribute("name")};
}"""


def _tab_until(page: Page, wanted: dict[str, str], limit: int = 60) -> list[dict[str, str]]:
    """Press Tab until the focused element has the wanted attributes; return what was seen."""
    seen: list[dict[str, str]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused)
        if all(focused.get(k) == v for k, v in wanted.items()):
            return seen
    raise AssertionError(f"Tab never reached {wanted}; it went through {seen}")


def test_the_skip_link_comes_first_and_moves_to_the_content(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["text"] == "Skip to main content", first
    expect(page.get_by_role("link", name="Skip to main content")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith("#main")


def test_tab_reaches_every_main_link(page: Page) -> None:
    page.goto("/")
    hrefs = {f["href"] for f in _tab_until(page, {"text": "Staff sign in"})}
    assert {"/", "/meetings", "/actions", "/search"} <= hrefs


def test_a_search_is_made_with_the_keyboard_alone(page: Page) -> None:
    page.goto("/search")
    _tab_until(page, {"id": "q"})
    page.keyboard.type("stalking")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=stalking*")
    expect(page.locator(".results mark").first).to_be_visible()


def test_staff_sign_in_with_the_keyboard_alone(page: Page) -> None:
    page.goto("/sign-in")
    _tab_until(page, {"id": "name"})
    page.keyboard.type(EDITOR)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["id"] == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Signed in as {EDITOR}")).to_be_visible()


def test_the_tracker_filters_are_reached_and_applied_with_the_keyboard(page: Page) -> None:
    page.goto("/actions")
    _tab_until(page, {"id": "status"})
    page.keyboard.press("ArrowDown")  # the first status after "Any"
    chosen = page.evaluate("document.activeElement.value")
    assert chosen
    _tab_until(page, {"tag": "button", "text": "Apply filters"})
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/actions?*status={chosen}*")
