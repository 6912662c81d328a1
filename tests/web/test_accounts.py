"""Staff accounts: argon2 hashes, sign-in and out, secure session cookies, form tokens on
every write, and the lock-out after repeated failures per account and per client."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.services import Database
from oversight.services.accounts import (
    AccountError,
    LockedOutError,
    LockoutPolicy,
    Role,
    SignInError,
    add_account,
    sign_in,
)
from oversight.store.accounts import find_account
from oversight.web.routes.auth import safe_next

from .conftest import (
    PASSWORD,
    MakeClient,
    TestClient,
    add_staff,
    form_token,
    token,
)
from .conftest import (
    sign_in as form_sign_in,
)


def test_passwords_are_stored_as_argon2_hashes(database: Database) -> None:
    add_staff(database, "erin")
    with database.session() as session:
        stored = find_account(session=session, name="ERIN")
    assert stored is not None and stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash


@pytest.mark.parametrize(
    ("name", "password", "role", "problem"),
    [
        ("erin", "short", "editor", "12 to"),
        ("bad name!", PASSWORD, "editor", "a name is"),
        ("erin", PASSWORD, "owner", "unknown role"),
    ],
)
def test_accounts_refuse_bad_names_passwords_and_roles(
    database: Database, name: str, password: str, role: str, problem: str
) -> None:
    with database.session() as session, pytest.raises(AccountError, match=problem):
        add_account(session=session, name=name, password=password, role=role, actor="test")


def test_account_names_are_unique_in_any_case(database: Database) -> None:
    add_staff(database, "erin")
    with database.session() as session, pytest.raises(AccountError, match="already"):
        add_account(session=session, name="Erin", password=PASSWORD, role="admin", actor="t")


def test_session_cookie_is_httponly_samesite_lax_and_secure(
    make_client: MakeClient, database: Database
) -> None:
    add_staff(database, "erin")
    client = make_client()
    csrf = token(client)
    response = client.post(
        "/sign-in",
        data={"name": "erin", "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie
    plain = make_client(cookie_secure=False)
    assert "secure" not in plain.get("/api/session").headers["set-cookie"].lower()


def test_sign_in_rotates_the_session_and_sign_out_ends_it(
    make_client: MakeClient, database: Database
) -> None:
    add_staff(database, "erin")
    client = make_client()
    before = token(client)
    form_sign_in(client, "erin")
    after = token(client)
    assert after != before
    assert client.get("/api/session").json()["name"] == "erin"
    page = client.get("/")
    assert "Signed in as erin" in page.text
    out = client.post(
        "/sign-out", data={"csrf_token": form_token(page.text)}, follow_redirects=False
    )
    assert out.status_code == 303
    assert client.get("/api/session").json()["name"] is None


def test_wrong_password_and_unknown_name_get_the_same_answer(
    make_client: MakeClient, database: Database
) -> None:
    add_staff(database, "erin")
    client = make_client()
    answers = []
    for name, password in (("erin", "wrong password!!"), ("nobody", PASSWORD)):
        response = client.post(
            "/sign-in", data={"name": name, "password": password, "csrf_token": token(client)}
        )
        assert response.status_code == 401
        answers.append(response.context["page"].error)
    assert answers[0] == answers[1] == "The name or password is not right."


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/sign-in", {"name": "erin", "password": PASSWORD}),
        ("/sign-out", {}),
        ("/meetings/1/publication", {"state": "draft"}),
        ("/upload", {}),
    ],
)
def test_forms_without_the_session_token_are_refused(
    make_client: MakeClient, database: Database, url: str, data: dict[str, str]
) -> None:
    add_staff(database, "erin")
    client = make_client()
    if url != "/sign-in":
        form_sign_in(client, "erin")
    files = {"files": ("x.txt", b"x")} if url == "/upload" else None
    for token_value in (None, "forged"):
        body = dict(data) if token_value is None else {**data, "csrf_token": token_value}
        response = client.post(url, data=body, files=files, follow_redirects=False)
        assert response.status_code == 403, (url, response.text)
        assert "The form has expired" in response.text


def test_api_writes_need_the_token_header(make_client: MakeClient, database: Database) -> None:
    add_staff(database, "erin")
    client = make_client()
    form_sign_in(client, "erin")
    response = client.post("/api/meetings/1/publication", json={"state": "draft"})
    assert response.status_code == 403
    signin = client.post("/api/session", json={"name": "erin", "password": PASSWORD})
    assert signin.status_code == 403


def test_api_sign_in_and_out(make_client: MakeClient, database: Database) -> None:
    add_staff(database, "ada", Role.ADMIN)
    client = make_client()
    csrf = token(client)
    response = client.post(
        "/api/session", json={"name": "ada", "password": PASSWORD}, headers={"X-CSRF-Token": csrf}
    )
    assert response.status_code == 200 and response.json()["role"] == "admin"
    assert client.get("/api/audit").status_code == 200
    new = response.json()["csrf_token"]
    assert client.delete("/api/session", headers={"X-CSRF-Token": new}).status_code == 204
    assert client.get("/api/audit").status_code == 401


def _attempt(client: TestClient, name: str, password: str) -> int:
    response = client.post(
        "/sign-in", data={"name": name, "password": password, "csrf_token": token(client)}
    )
    return int(response.status_code)


def test_repeated_failures_lock_the_account_even_with_the_right_password(
    make_client: MakeClient, database: Database
) -> None:
    add_staff(database, "erin")
    client = make_client()
    assert [_attempt(client, "erin", "not the password") for _ in range(3)] == [401, 401, 401]
    assert _attempt(client, "erin", PASSWORD) == 429
    other = make_client()
    assert _attempt(other, "Erin", PASSWORD) == 429
    with database.session() as session:
        from oversight.services.audit import audit_log

        assert "sign_in.locked" in {e.action for e in audit_log(session=session).entries}


def test_repeated_failures_from_one_client_lock_that_client(
    make_client: MakeClient, database: Database
) -> None:
    add_staff(database, "erin")
    client = make_client()
    for n in range(6):
        assert _attempt(client, f"guess{n}", "not the password") == 401
    assert _attempt(client, "erin", PASSWORD) == 429


def test_lock_ends_after_the_window(database: Database) -> None:
    add_staff(database, "erin")
    policy = LockoutPolicy(failures=2, client_failures=100, minutes=10)
    start = dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC)
    with database.session() as session:
        for minute in (0, 1):
            with pytest.raises(SignInError):
                sign_in(
                    session=session,
                    name="erin",
                    password="nope nope nope",
                    client="c",
                    policy=policy,
                    now=start + dt.timedelta(minutes=minute),
                )
        with pytest.raises(LockedOutError) as locked:
            sign_in(
                session=session,
                name="erin",
                password=PASSWORD,
                client="c",
                policy=policy,
                now=start + dt.timedelta(minutes=5),
            )
        assert locked.value.until == start + dt.timedelta(minutes=11)
        viewer = sign_in(
            session=session,
            name="erin",
            password=PASSWORD,
            client="c",
            policy=policy,
            now=start + dt.timedelta(minutes=12),
        )
        assert viewer.name == "erin"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/meetings/3", "/meetings/3"),
        ("https://elsewhere.example/", "/"),
        ("//elsewhere.example/", "/"),
        ("/\\elsewhere.example", "/"),
        ("javascript:alert(1)", "/"),
        (None, "/"),
    ],
)
def test_sign_in_goes_on_only_to_pages_of_this_site(given: str | None, expected: str) -> None:
    assert safe_next(given) == expected
