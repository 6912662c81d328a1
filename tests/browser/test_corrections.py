"""Correcting an action in a real browser: an editor closes an open action from its page,
with a note, and sees it closed; a value that cannot be used is refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import EDITOR, shoot, sign_in

pytestmark = pytest.mark.browser


def _open_action(page: Page, index: int) -> str:
    page.goto("/actions?status=open")
    links = page.locator('main table a[href^="/actions/"]')
    href = links.nth(index).get_attribute("href")
    assert href, "no open action to correct"
    page.goto(href)
    return href


def test_an_editor_closes_an_action_with_a_note(page: Page, screenshots: Path) -> None:
    sign_in(page, EDITOR)
    href = _open_action(page, 0)
    expect(page.get_by_role("heading", level=1)).to_contain_text("open")
    form = page.locator("form", has=page.get_by_role("button", name="Save correction"))
    form.get_by_label("Correction").select_option("close")
    form.get_by_label("Value").fill("2026-01-15")
    form.get_by_label("Note").fill("Confirmed closed by email from the force.")
    shoot(page, screenshots, "action-correction")
    form.get_by_role("button", name="Save correction").click()
    page.wait_for_url(f"**{href}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("closed")
    expect(page.locator("main")).to_contain_text("Confirmed closed by email from the force.")
    shoot(page, screenshots, "action-corrected")


def test_a_correction_that_cannot_be_made_says_why(page: Page) -> None:
    sign_in(page, EDITOR)
    _open_action(page, 1)
    form = page.locator("form", has=page.get_by_role("button", name="Save correction"))
    form.get_by_label("Correction").select_option("set_due")
    form.get_by_label("Value").fill("not a date")
    form.get_by_role("button", name="Save correction").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page.get_by_role("heading", level=1)).to_contain_text("open")
