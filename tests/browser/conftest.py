"""Fixtures of the browser tests: the site served for real, and Debian's Chromium driving it.

`oversight serve` runs in a subprocess on a free port of 127.0.0.1, over a SQLite store in a
temporary folder that holds the shipped examples, the hostile minutes of the web tests and
two staff accounts (an editor and an admin), all made through the project's own functions.
Playwright drives /usr/bin/chromium, headless. The tests are marked `browser` and skip when
Playwright or Chromium is missing; the accessibility checks also need axe-core (from npm:
`.ci/run` installs it and names it in OVERSIGHT_AXE_JS).

Screenshots go to $OVERSIGHT_SCREENSHOTS when set, otherwise to a temporary folder; the
folder is printed at the end of the run.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
AXE_ENV = "OVERSIGHT_AXE_JS"
AXE_DEFAULT = ROOT / ".ci" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS_ENV = "OVERSIGHT_SCREENSHOTS"
PASSWORD = "a browser test password"
EDITOR = "edna"
ADMIN = "ada"
HOST = "127.0.0.1"
_SCREENSHOTS_KEY = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker of these tests."""
    config.addinivalue_line(
        "markers", "browser: drives the site in a real browser (Chromium via Playwright)"
    )


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Say where the screenshots went."""
    folder = config.stash.get(_SCREENSHOTS_KEY, None)
    if folder is not None and any(folder.glob("*.png")):
        terminalreporter.write_line(f"browser screenshots: {folder}")


def axe_path() -> Path | None:
    """Return axe-core's script, from OVERSIGHT_AXE_JS or .ci/browser, or None when missing."""
    named = os.environ.get(AXE_ENV)
    path = Path(named) if named else AXE_DEFAULT
    return path if path.is_file() else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True, slots=True)
class Site:
    """The site under test: where it answers, its database and a folder for test files."""

    url: str
    database_url: str
    files: Path

    def meeting_id(self, source: str) -> int:
        """Return the id of the meeting stored from the file named `source`."""
        from oversight.services import open_database
        from oversight.store import find_meeting_ids

        database = open_database(self.database_url)
        try:
            with database.session() as session:
                found = find_meeting_ids(session=session, source=source)
        finally:
            database.close()
        assert found, f"no meeting from {source}"
        return found[-1]


def _examples() -> list[Path]:
    examples = ROOT / "examples"
    found = [*examples.glob("*.txt"), *examples.glob("*.md")]
    found += [*(examples / "year").glob("*.txt"), *(examples / "year").glob("*.md")]
    return sorted(p for p in found if p.name != "README.md")


def _prepare_store(database_url: str, files: Path) -> None:
    """Ingest the examples and the hostile minutes, and add the staff accounts."""
    from oversight.services import ingest_paths, open_database
    from oversight.services.accounts import Role, add_account
    from tests.web.minutes import HOSTILE

    hostile = files / "hostile-minutes.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    database = open_database(database_url)
    try:
        report = ingest_paths(engine=database.engine, paths=[*_examples(), hostile])
        assert report.ok, report.failures
        with database.session() as session:
            for name, role in ((EDITOR, Role.EDITOR), (ADMIN, Role.ADMIN)):
                add_account(session=session, name=name, password=PASSWORD, role=role, actor="test")
            session.commit()
    finally:
        database.close()


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"oversight serve stopped:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"oversight serve did not answer:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Serve the examples with `oversight serve` on a free port; stop it afterwards."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (Debian: apt-get install chromium)")
    folder = tmp_path_factory.mktemp("site")
    files = folder / "files"
    files.mkdir()
    database_url = f"sqlite:///{folder / 'site.db'}"
    _prepare_store(database_url, files)
    port = _free_port()
    url = f"http://{HOST}:{port}"
    env = {
        **os.environ,
        "OVERSIGHT_COOKIE_SECURE": "0",
        "OVERSIGHT_SESSION_SECRET": "the browser tests' own secret",
    }
    command = [
        sys.executable,
        "-c",
        "from oversight.cli import main; main()",
        "--db",
        database_url,
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
    ]
    log = folder / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=folder, env=env, stdout=out, stderr=out)
    try:
        _wait_until_up(url, server, log)
        yield Site(url=url, database_url=database_url, files=files)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def browser(site: Site) -> Iterator[Browser]:
    """Start Debian's Chromium, headless, once for the run."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser, site: Site) -> Iterator[Page]:
    """Return a page in a fresh browser context (no cookies): the public."""
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    opened = context.new_page()
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder screenshots are saved in, and remember it for the summary."""
    named = os.environ.get(SCREENSHOTS_ENV)
    folder = Path(named) if named else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    pytestconfig.stash[_SCREENSHOTS_KEY] = folder
    print(f"browser screenshots: {folder}")
    return folder


def shoot(page: Page, folder: Path, name: str) -> Path:
    """Save a full-page screenshot of `page` as NAME.png in the folder."""
    path = folder / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower()).strip('-')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Page, name: str, password: str = PASSWORD) -> None:
    """Sign in through the form, as a person would."""
    page.goto("/sign-in")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {name}").wait_for()
