"""Load benchmark of the website: `wrk` against `oversight serve` on thousands of meetings.

    python -m bench.load [--db URL] [--count 5000] [--duration 30] [--connections 50]
                         [--as public|staff|fresh|all] [--workers 1] [--check]

Builds the benchmark database with `bench.load_data` when it is missing or holds another
number of meetings (a SQLite file under bench-out/ unless --db names one, e.g. a PostgreSQL
URL), starts `oversight serve` on a free port of 127.0.0.1, and runs `wrk` against the
dashboard, a meeting page, the action tracker and a search, one after the other: first as
the public, then as a member of staff signed in (an account the benchmark adds); the site
may serve both again from the pages it keeps until the database changes. A third pass,
"fresh", asks as staff with a new query string on every request, so that every page is
built afresh: what readers meet after each change to the store. It prints requests per
second, the 50th and 99th percentile latency and the errors of each page: responses other
than 2xx, and connections that failed, broke or timed out. The target
is no errors and a 99th percentile under 300 ms on every page; with --check the exit status
is 1 when a page misses it. Traffic goes to this machine only, for a bounded time.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from bench.load_data import DEFAULT_COUNT, DEFAULT_SEED, build, default_url, prepare_sqlite

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench-out"
TARGET_P99_MS = 300.0
SEARCH_QUERY = 'victim* "response"'
HOST = "127.0.0.1"
STAFF_NAME = "load-bench"
STAFF_PASSWORD = "the load benchmark's own password"
WHO = ("public", "staff", "fresh")
# wrk runs its Lua per thread; `done` adds up every thread's count of non-2xx responses.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    'OVERSIGHT_WRK {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
    .. '"non2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    bad, e.connect, e.read, e.write, e.timeout))
end
"""
# Added for the "fresh" pass: every request's address is new, so no kept page can answer.
WRK_FRESH = """
local asked = 0
local next_id = 0
function setup(thread)
  table.insert(threads, thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
end
function request()
  asked = asked + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "fresh=" .. thread_id .. "-" .. asked)
end
"""


@dataclass(frozen=True, slots=True)
class PageResult:
    """What wrk measured on one page."""

    page: str
    path: str
    who: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non2xx: int
    socket_errors: int

    @property
    def rate(self) -> float:
        """Return the requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        """Return the responses other than 2xx and the socket errors together."""
        return self.non2xx + self.socket_errors

    @property
    def on_target(self) -> bool:
        """Say whether the page had no errors and a 99th percentile under the target."""
        return self.errors == 0 and self.p99_ms < TARGET_P99_MS and self.requests > 0


def free_port() -> int:
    """Return a TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def meeting_count(url: str) -> int:
    """Return how many meetings the database holds (0 when it cannot be opened)."""
    from sqlalchemy import func, select
    from sqlalchemy.engine import make_url

    from oversight.services import open_database
    from oversight.services.errors import ServiceError
    from oversight.store.tables import MeetingRow

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").exists():
        return 0
    try:
        database = open_database(url)
    except ServiceError:
        return 0
    try:
        with database.session() as session:
            return int(session.scalar(select(func.count()).select_from(MeetingRow)) or 0)
    finally:
        database.close()


def ensure_database(url: str, count: int, seed: int, rebuild: bool) -> None:
    """Build the benchmark database unless it already holds `count` meetings."""
    if not rebuild and meeting_count(url) == count:
        print(f"database: {url} ({count} meetings, reused)")
        return
    prepare_sqlite(url)
    print(f"database: generating {count} meetings into {url}")
    made = build(url=url, count=count, seed=seed)
    print(
        f"database: {made.meetings} meetings stored in {made.store_seconds:.0f} s, "
        f"tracking rebuilt in {made.refresh_seconds:.1f} s"
    )


def pick_paths(url: str) -> dict[str, str]:
    """Return the pages to load: the dashboard, a meeting with actions, tracker, search."""
    from sqlalchemy import func, select

    from oversight.services import open_database
    from oversight.store.tables import ActionRow

    database = open_database(url)
    try:
        with database.session() as session:
            # A meeting with as many actions as any: its page is among the heaviest.
            meeting_id = session.scalar(
                select(ActionRow.meeting_id)
                .group_by(ActionRow.meeting_id)
                .order_by(func.count().desc(), ActionRow.meeting_id)
                .limit(1)
            )
    finally:
        database.close()
    return {
        "dashboard": "/",
        "meeting": f"/meetings/{meeting_id or 1}",
        "tracker": "/actions",
        "search": f"/search?q={quote(SEARCH_QUERY)}",
    }


def ensure_staff(url: str) -> None:
    """Add the benchmark's staff account to the database unless it is there."""
    from oversight.services import open_database
    from oversight.services.accounts import AccountError, Role, add_account

    database = open_database(url)
    try:
        with database.session() as session:
            try:
                add_account(
                    session=session,
                    name=STAFF_NAME,
                    password=STAFF_PASSWORD,
                    role=Role.EDITOR,
                    actor="bench",
                )
            except AccountError:
                return
            session.commit()
    finally:
        database.close()


def staff_cookie(base: str) -> str:
    """Sign the benchmark's account in through the form; return its session cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/sign-in", timeout=60) as response:
        form = response.read().decode("utf-8")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    if token is None:
        raise RuntimeError("the sign-in form has no csrf_token")
    data = urlencode(
        {"name": STAFF_NAME, "password": STAFF_PASSWORD, "csrf_token": token[1], "next": "/"}
    ).encode()
    with opener.open(f"{base}/sign-in", data=data, timeout=60) as response:
        page = response.read().decode("utf-8")
    if f"Signed in as {STAFF_NAME}" not in page:
        raise RuntimeError("the benchmark's account could not sign in")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def oversight_command() -> list[str]:
    """Return the command that runs `oversight`, from this interpreter's environment."""
    beside = Path(sys.executable).with_name("oversight")
    if beside.exists():
        return [str(beside)]
    return [sys.executable, "-c", "from oversight.cli import main; main()"]


def start_server(url: str, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    """Start `oversight serve` on the database and wait until it answers."""
    env = dict(os.environ)
    env.update(
        OVERSIGHT_COOKIE_SECURE="0",
        OVERSIGHT_SESSION_SECRET="the load benchmark's own secret",
    )
    command = [*oversight_command(), "--db", url, "serve", "--host", HOST, "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"oversight serve stopped; see {log}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=5) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    stop_server(server)
    raise RuntimeError(f"oversight serve did not answer within 120 s; see {log}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server started here, and wait for it."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def warm_up(base: str, paths: dict[str, str], cookie: str | None) -> None:
    """Ask for each page a few times, so that templates and caches are ready; say which
    pages fail (their failures are counted by the load as errors)."""
    headers = {"Cookie": cookie} if cookie else {}
    for page, path in paths.items():
        for _ in range(3):
            try:
                request = urllib.request.Request(base + path, headers=headers)
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
            except urllib.error.HTTPError as exc:
                print(f"warning: {page} ({path}) answered {exc.code} before the load")
                break


def settle(base: str, limit: float = 180.0) -> None:
    """Wait until the server has worked off the requests of the last load (a static file
    comes back quickly again), so that each page is measured on its own."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base + "/static/site.css", timeout=limit) as response:
                response.read()
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() - started < 0.5:
            return
    print("warning: the server was still busy with the last load")


@dataclass(frozen=True, slots=True)
class Load:
    """How to load a page: wrk, its script, for how long, with how many connections."""

    wrk: str
    script: Path
    duration: int
    connections: int


def run_wrk(
    load: Load, base: str, page: str, path: str, cookie: str | None, who: str
) -> PageResult:
    """Run wrk against one page (as staff when given their cookie); return what it measured."""
    threads = max(1, min(2, os.cpu_count() or 1))
    done = subprocess.run(
        [
            load.wrk,
            f"-t{threads}",
            f"-c{load.connections}",
            f"-d{load.duration}s",
            "--timeout",
            "10s",
            "-s",
            str(load.script),
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            base + path,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=load.duration + 120,
    )
    line = next(
        (x for x in done.stdout.splitlines() if x.startswith("OVERSIGHT_WRK ")),
        None,
    )
    if line is None:
        raise RuntimeError(f"wrk gave no summary for {path}:\n{done.stdout}\n{done.stderr}")
    found = json.loads(line.removeprefix("OVERSIGHT_WRK "))
    return PageResult(
        page=page,
        path=path,
        who=who,
        requests=found["requests"],
        seconds=found["duration_us"] / 1e6,
        p50_ms=found["p50_us"] / 1000,
        p99_ms=found["p99_us"] / 1000,
        non2xx=found["non2xx"],
        socket_errors=found["connect"] + found["read"] + found["write"] + found["timeout"],
    )


def table(results: list[PageResult]) -> list[str]:
    """Return the results as lines of a table, with the target at the foot."""
    lines = [f"{'page':<11}{'as':<8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  path"]
    for r in results:
        # wrk records no latency for a request that took longer than its timeout.
        p50, p99 = (f"{r.p50_ms:.0f}", f"{r.p99_ms:.0f}") if r.p99_ms else ("-", "-")
        lines.append(f"{r.page:<11}{r.who:<8}{r.rate:>9.1f}{p50:>9}{p99:>9}{r.errors:>8}  {r.path}")
    lines.append(f"{'target':<19}{'':>9}{'':>9}{f'< {TARGET_P99_MS:.0f}':>9}{0:>8}")
    if any(r.who == "fresh" for r in results):
        lines.append("fresh: every request a new address, so every page built anew (no target)")
    return lines


def run(
    *,
    url: str,
    count: int,
    seed: int,
    who: tuple[str, ...],
    workers: int,
    duration: int,
    connections: int,
    rebuild: bool,
) -> list[PageResult]:
    """Build or reuse the database, serve it, load each page in turn; return the results."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk)")
    ensure_database(url, count, seed, rebuild)
    ensure_staff(url)
    paths = pick_paths(url)
    OUT.mkdir(exist_ok=True)
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(url, port, workers, OUT / "load-server.log")
    results: list[PageResult] = []
    try:
        with tempfile.TemporaryDirectory(prefix="oversight-load-") as tmp:
            script = Path(tmp) / "count.lua"
            script.write_text(WRK_SCRIPT, encoding="utf-8")
            fresh = Path(tmp) / "fresh.lua"
            fresh.write_text(WRK_SCRIPT + WRK_FRESH, encoding="utf-8")
            for reader in who:
                load = Load(wrk, fresh if reader == "fresh" else script, duration, connections)
                cookie = None if reader == "public" else staff_cookie(base)
                warm_up(base, paths, cookie)
                for page, path in paths.items():
                    settle(base)
                    print(f"loading {page} ({path}) as {reader} for {duration} s")
                    results.append(run_wrk(load, base, page, path, cookie, reader))
    finally:
        stop_server(server)
    return results


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the load benchmark and print its table."""
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--db", default=default_url(), help="database URL (default: SQLite file)")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="meetings to generate")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the meetings")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=50, help="concurrent connections")
    parser.add_argument(
        "--as", dest="who", choices=(*WHO, "all"), default="all", help="who asks for the pages"
    )
    parser.add_argument("--workers", type=int, default=1, help="server processes to run")
    parser.add_argument("--rebuild", action="store_true", help="generate the database anew")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a page is off target")
    args = parser.parse_args(argv)
    results = run(
        url=args.db,
        count=args.count,
        seed=args.seed,
        who=WHO if args.who == "all" else (args.who,),
        workers=args.workers,
        duration=args.duration,
        connections=args.connections,
        rebuild=args.rebuild,
    )
    print("\n".join(table(results)))
    # The fresh pass shows the cost of building every page anew; the target is the others'.
    missed = [f"{r.page} ({r.who})" for r in results if r.who != "fresh" and not r.on_target]
    print("every page meets the target" if not missed else f"off target: {', '.join(missed)}")
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "page": r.page,
                        "as": r.who,
                        "path": r.path,
                        "requests_per_second": round(r.rate, 1),
                        "p50_ms": round(r.p50_ms, 1),
                        "p99_ms": round(r.p99_ms, 1),
                        "non2xx": r.non2xx,
                        "socket_errors": r.socket_errors,
                    }
                    for r in results
                ],
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
