"""Search, the action tracker's filters and uploading minutes, driven in a real browser."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.minutes import QUIET

from .conftest import EDITOR, Site, shoot, sign_in

pytestmark = pytest.mark.browser


def test_search_shows_results_with_the_words_highlighted(page: Page, screenshots: Path) -> None:
    page.goto("/search")
    page.get_by_label("Words to search for").fill("stalking")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("result")
    marks = page.locator(".results mark")
    expect(marks.first).to_be_visible()
    assert all("stalking" in m.lower() for m in marks.all_inner_texts())
    shoot(page, screenshots, "search")


def test_search_results_run_to_a_second_page(page: Page) -> None:
    page.goto("/search")
    page.get_by_label("Words to search for").fill("victim*")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".results mark").first).to_be_visible()
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next").click()
    assert "page=2" in page.url
    expect(page.locator(".results mark").first).to_be_visible()


def test_a_malformed_search_says_what_is_wrong(page: Page, screenshots: Path) -> None:
    page.goto("/search")
    page.get_by_label("Words to search for").fill('"response times')
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("alert")).to_contain_text("quotation mark")
    expect(page.locator(".results")).to_have_count(0)
    shoot(page, screenshots, "search-malformed")


def _rows(page: Page) -> int:
    return page.locator("main table tbody tr").count()


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_the_tracker_filters_by_owner_and_status(page: Page, screenshots: Path) -> None:
    page.goto("/actions")
    shoot(page, screenshots, "actions")
    every = _rows(page)
    assert every > 0
    owner = page.get_by_label("Owner")
    choices = [v for v in owner.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    chosen = "CC" if "CC" in choices else choices[0]
    owner.select_option(chosen)
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/actions?*owner=*")
    assert _query(page)["owner"] == [chosen]
    filtered = _rows(page)
    assert 0 < filtered <= every
    for cell in page.locator("main table tbody tr td:nth-child(2)").all_inner_texts():
        assert chosen.casefold() in cell.casefold()
    expect(page.get_by_label("Owner")).to_have_value(chosen)
    page.get_by_label("Status").select_option("closed")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/actions?*status=closed*")
    for tag in page.locator("main table tbody tr td:nth-child(4)").all_inner_texts():
        assert tag.strip().lower() != "open"
    shoot(page, screenshots, "actions-filtered")


def test_staff_upload_a_file_and_see_its_result(page: Page, site: Site, screenshots: Path) -> None:
    minutes = site.files / "wexmoor-board-2024-03.txt"
    minutes.write_text(QUIET, encoding="utf-8")
    sign_in(page, EDITOR)
    page.goto("/upload")
    shoot(page, screenshots, "upload")
    page.get_by_label("Files of minutes").set_input_files(str(minutes))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload results")
    row = page.locator("main table tbody tr", has_text=minutes.name)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("draft")
    expect(row.get_by_role("link", name=minutes.name)).to_be_visible()
    shoot(page, screenshots, "upload-result")
    # The results came back through the upload script, in place of the form.
    assert urlsplit(page.url).path == "/upload"
    expect(page.locator("main")).to_be_focused()
    expect(page).to_have_title("Upload results – Oversight")


def test_staff_upload_without_javascript(browser: Browser, site: Site) -> None:
    minutes = site.files / "wexmoor-board-no-script.txt"
    minutes.write_text(QUIET.replace("Ashgrove Hall", "Ashgrove Annexe"), encoding="utf-8")
    context = browser.new_context(base_url=site.url, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, EDITOR)
        page.goto("/upload")
        expect(page.locator("#upload-progress")).to_be_hidden()
        page.get_by_label("Files of minutes").set_input_files(str(minutes))
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Upload results")
        expect(page.locator("main table tbody tr", has_text=minutes.name)).to_have_count(1)
    finally:
        context.close()
