"""Minutes are hostile content: markup in them shows as text in the browser, and nothing in
them runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.web.minutes import LINK, SCRIPT

from .conftest import Site, shoot

pytestmark = pytest.mark.browser

# Runs before any script of the page: the hostile minutes call alert(); record it if so.
TRAP = "window.__ran = []; window.alert = (what) => { window.__ran.push(String(what)); };"


@pytest.mark.parametrize(
    "path",
    ["/meetings/{id}", "/meetings/{id}/actions/1", "/actions", "/search?q=alert", "/"],
)
def test_markup_in_minutes_shows_as_text_and_never_runs(
    page: Page, site: Site, screenshots: Path, path: str
) -> None:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.add_init_script(TRAP)
    meeting_id = site.meeting_id("hostile-minutes.txt")
    page.goto(path.format(id=meeting_id))
    expect(page.locator("main")).to_be_visible()
    assert page.evaluate("window.__ran") == []
    assert dialogs == []
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 0
    if "{id}" in path:
        expect(page.locator("main")).to_contain_text(SCRIPT)
    if path == "/meetings/{id}":
        expect(page.locator("main")).to_contain_text(LINK)
        shoot(page, screenshots, "meeting-hostile")
