"""Signing in through the form in a real browser: a wrong password is refused, the right
one signs in and shows the staff's pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import EDITOR, shoot, sign_in

pytestmark = pytest.mark.browser


def test_a_wrong_password_is_refused_with_a_message(page: Page, screenshots: Path) -> None:
    page.goto("/sign-in")
    shoot(page, screenshots, "sign-in")
    page.get_by_label("Name").fill(EDITOR)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    shoot(page, screenshots, "sign-in-failed")


def test_staff_sign_in_and_see_the_upload_page(page: Page, screenshots: Path) -> None:
    sign_in(page, EDITOR)
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Upload")
    ).to_be_visible()
    page.get_by_role("link", name="Upload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload minutes")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Staff sign in")).to_be_visible()
