"""Publishing in a real browser: an upload is a draft the public cannot see until an editor
publishes it from its meeting page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.minutes import LATER

from .conftest import EDITOR, Site, shoot, sign_in

pytestmark = pytest.mark.browser


def _public_status(browser: Browser, site: Site, path: str) -> int:
    context = browser.new_context(base_url=site.url)
    try:
        response = context.new_page().goto(path)
        assert response is not None
        return response.status
    finally:
        context.close()


def test_an_editor_publishes_an_uploaded_draft(
    page: Page, browser: Browser, site: Site, screenshots: Path
) -> None:
    minutes = site.files / "wexmoor-performance-2024-06.txt"
    minutes.write_text(LATER, encoding="utf-8")
    sign_in(page, EDITOR)
    page.goto("/upload")
    page.get_by_label("Files of minutes").set_input_files(str(minutes))
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("link", name=minutes.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("draft")
    path = page.url.removeprefix(site.url)
    assert _public_status(browser, site, path) == 404
    shoot(page, screenshots, "meeting-draft")

    page.get_by_role("button", name="Publish this meeting").click()
    expect(page.get_by_role("button", name="Make this meeting a draft")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("draft")
    assert _public_status(browser, site, path) == 200
    shoot(page, screenshots, "meeting-published")
