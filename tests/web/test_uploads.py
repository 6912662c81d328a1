"""Uploads through the form: several files at once, per-file results, limits per file and
per request, unchanged files, unreadable files."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest

from oversight.services import Database
from tests.documents.pdfmake import image_only_pdf

from .conftest import MakeClient, TestClient, add_staff, form_token, run_in_own_loop, sign_in
from .minutes import LATER, QUIET


def _editor(make_client: MakeClient, database: Database, **settings: object) -> TestClient:
    add_staff(database, "erin")
    client = make_client(**settings)
    sign_in(client, "erin")
    return client


def _upload(
    client: TestClient, files: list[tuple[str, bytes]]
) -> list[tuple[str, str, str | None]]:
    form = client.get("/upload")
    assert form.status_code == 200
    response = client.post(
        "/upload",
        data={"csrf_token": form_token(form.text)},
        files=[("files", (name, data)) for name, data in files],
    )
    assert response.status_code == 200, response.text
    page = response.context["page"]
    return [(o.file, o.result, o.reason) for o in page.outcomes]


def test_many_files_each_get_a_result(make_client: MakeClient, database: Database) -> None:
    client = _editor(make_client, database)
    results = _upload(
        client,
        [
            ("board.txt", QUIET.encode()),
            ("../../etc/performance.txt", LATER.encode()),
            ("broken.pdf", b"%PDF-1.7 this is not really a PDF"),
            ("empty.txt", b""),
        ],
    )
    assert results[0] == ("board.txt", "stored", None)
    assert results[1] == ("performance.txt", "stored", None)
    assert results[2][0] == "broken.pdf" and results[2][1] == "failed" and results[2][2]
    assert results[3] == ("empty.txt", "failed", "the file is empty")
    again = _upload(client, [("board.txt", QUIET.encode())])
    assert again == [("board.txt", "unchanged", None)]
    html = client.get("/upload").text
    assert 'enctype="multipart/form-data"' in html and 'for="files"' in html


def test_not_minutes_are_stored_with_the_reason(
    make_client: MakeClient, database: Database
) -> None:
    client = _editor(make_client, database)
    (result,) = _upload(client, [("shopping.txt", b"Eggs\nMilk\nBread\n")])
    assert result[1] == "stored"
    assert result[2] is not None and result[2].startswith("stored without a meeting")


def test_a_scan_without_text_is_stored_and_said_to_be_one(
    make_client: MakeClient, database: Database
) -> None:
    client = _editor(make_client, database)
    (result,) = _upload(client, [("scan.pdf", image_only_pdf())])
    assert result == ("scan.pdf", "stored", "stored without a meeting: no text layer (scanned?)")


def test_a_file_over_the_per_file_limit_fails(make_client: MakeClient, database: Database) -> None:
    client = _editor(make_client, database, max_file_mb=1)
    big = QUIET.encode() + b" " * (1024 * 1024)
    results = _upload(client, [("big.txt", big), ("board.txt", QUIET.encode())])
    assert results[0][1] == "failed" and "larger than 1 MB" in (results[0][2] or "")
    assert results[1][1] == "stored"


def test_a_request_over_the_upload_limit_is_refused_before_it_is_read(
    make_client: MakeClient, database: Database
) -> None:
    client = _editor(make_client, database, max_upload_mb=1)
    form = client.get("/upload")
    response = client.post(
        "/upload",
        data={"csrf_token": form_token(form.text)},
        files=[("files", ("big.txt", b"x" * (1024 * 1024 + 10)))],
    )
    assert response.status_code == 413
    assert "larger than the limit of 1 MB" in response.text


def test_the_site_answers_others_while_an_upload_is_read(
    make_client: MakeClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oversight.web.routes import staff

    client = _editor(make_client, database)
    form_page = client.get("/upload").text
    reading, release = threading.Event(), threading.Event()
    real = staff.ingest_uploads

    def slow_ingest(**kwargs: Any) -> Any:
        reading.set()
        assert release.wait(30), "the upload was never released"
        return real(**kwargs)

    monkeypatch.setattr(staff, "ingest_uploads", slow_ingest)
    cookies = dict(client.cookies)

    async def both() -> tuple[int, int, bool]:
        transport = httpx.ASGITransport(app=client.app)
        async with httpx.AsyncClient(
            transport=transport, base_url=str(client.base_url), cookies=cookies
        ) as http:
            upload = asyncio.create_task(
                http.post(
                    "/upload",
                    data={"csrf_token": form_token(form_page)},
                    files=[("files", ("board.txt", QUIET.encode()))],
                )
            )
            while not reading.is_set():
                await asyncio.sleep(0.01)
            other = await http.get("/meetings")
            answered_before_release = not upload.done()
            release.set()
            return other.status_code, (await upload).status_code, answered_before_release

    other, uploaded, in_time = run_in_own_loop(both())
    assert (other, uploaded, in_time) == (200, 200, True)
    assert "upload.js" in form_page and "upload-progress" in form_page
