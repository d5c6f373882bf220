"""Two app servers, one PostgreSQL database and one Redis (issue 8, part 6).

The test migrates a database of its own (tawasul_twoservers), fills it with the demo site, and starts
two gunicorn instances with the production settings on two free ports, sharing a Redis database under
a key prefix of their own. Through plain HTTP it proves that what one server does holds on the other:
a session made on A works on B; rate limits count requests to both; a comment approved through A
makes the page B had cached show it at once; anonymous pages carry no cookie and no `Vary: Cookie`.

It needs PostgreSQL (DATABASE_URL) and Redis (127.0.0.1:6379, or TWO_SERVERS_REDIS_URL): skipped with
the reason otherwise, but it must run (and fails) when DATABASE_URL is PostgreSQL and Redis is missing.
Every process is started with a timeout and always terminated.
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))
REDIS_URL = os.environ.get("TWO_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/9")
DB_NAME = os.environ.get("TWO_SERVERS_DATABASE", "tawasul_twoservers")
START_TIMEOUT = 90  # seconds for a gunicorn to answer
COMMAND_TIMEOUT = 900  # migrate + seed_demo on a loaded machine
HTTP_TIMEOUT = 30
PROTO = {"X-Forwarded-Proto": "https"}  # production sends secure cookies and redirects plain HTTP


def _redis_reachable():
    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not ON_POSTGRES, reason="two app servers need PostgreSQL and Redis: set DATABASE_URL (CI does)"
)


def _database_url(name):
    parts = urlsplit(DATABASE_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(settings_module, static_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": str(ROOT / "site"),
        "SECRET_KEY": "two-servers-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": _database_url(DB_NAME),
        "DATABASE_STATEMENT_TIMEOUT": "0",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"twoservers-{secrets.token_hex(4)}",
        "SECURE_SSL_REDIRECT": "false",
        "GUNICORN_WORKERS": "2",
        "STATIC_ROOT": str(static_root),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "1",  # the outbox keeps the mail; no worker runs here
    }


def _run(args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if result.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def _recreate_database():
    import psycopg

    with psycopg.connect(_database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(
            f"CREATE DATABASE \"{DB_NAME}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )


FACTS = """
import json
from participation.models import Comment, ConsultationPage
def pre_moderated(page):
    return [b.id for b in page.body if b.block_type == "comments" and b.value["moderation"] == "pre"]
# An open Arabic consultation of the first agency (the demo moderator's) whose comments wait for a moderator.
page = next(p for p in ConsultationPage.objects.live().filter(locale__language_code="ar", agency__slug="modee")
            .order_by("pk") if p.is_open and pre_moderated(p))
block = pre_moderated(page)[0]
print(json.dumps({"url": page.url, "id": page.pk, "block": block}))
"""


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Database migrated and seeded once; two gunicorns (A, B) with production settings."""
    if not _redis_reachable():  # required where PostgreSQL is: fail, do not skip
        pytest.fail(f"Redis is not reachable at {REDIS_URL} (TWO_SERVERS_REDIS_URL); the two-server test needs it.")
    env = _environment("config.settings.production", tmp_path_factory.mktemp("static"))
    _recreate_database()
    _run(["migrate", "--no-input", "-v", "0"], env)
    _run(["collectstatic", "--no-input", "-v", "0"], env)
    # seed_demo refuses the production settings; config.settings.bench is production plus permission.
    _run(["seed_demo"], {**env, "DJANGO_SETTINGS_MODULE": "config.settings.bench"})
    facts = json.loads(_run(["shell", "-c", FACTS], env).strip().splitlines()[-1])
    processes, bases = [], []
    logs = tmp_path_factory.mktemp("two-servers")
    try:
        for name in ("a", "b"):
            port = free_port()
            log = open(logs / f"{name}.log", "w+")  # noqa: SIM115 (open while the server runs)
            processes.append(
                (
                    subprocess.Popen(
                        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
                        cwd=ROOT,
                        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    ),
                    log,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for (process, log), base in zip(processes, bases, strict=True):
            _wait_until_up(process, log, base)
        yield {"a": bases[0], "b": bases[1], **facts}
    finally:
        for process, log in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
            log.close()


def _wait_until_up(process, log, base):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            requests.get(f"{base}/ar/", headers=PROTO, timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.5)
    log.seek(0)
    pytest.fail(f"gunicorn at {base} did not start:\n{log.read()[-3000:]}")


class Browser:
    """A visitor with one cookie jar across both servers (the cookies are Secure: sent by hand)."""

    def __init__(self):
        self.cookies = {}

    def _headers(self, base, extra=None):
        headers = {**PROTO, "Origin": base.replace("http://", "https://"), **(extra or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep(self, response):
        for cookie in response.raw.headers.getlist("Set-Cookie"):
            name, _sep, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value and "expires=Thu, 01 Jan 1970" not in cookie:
                self.cookies[name.strip()] = value.strip('"')
            else:
                self.cookies.pop(name.strip(), None)
        return response

    def get(self, base, path):
        return self._keep(
            requests.get(base + path, headers=self._headers(base), timeout=HTTP_TIMEOUT, allow_redirects=False)
        )

    def post(self, base, path, data):
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self._keep(
            requests.post(
                base + path, data=data, headers=self._headers(base), timeout=HTTP_TIMEOUT, allow_redirects=False
            )
        )

    def sign_in(self, base, username, password):
        self.get(base, "/ar/accounts/login/")  # the CSRF cookie
        response = self.post(base, "/ar/accounts/login/", {"login": username, "password": password})
        assert response.status_code == 302, response.text[:2000]
        assert "sessionid" in self.cookies


def test_a_session_made_on_one_server_works_on_the_other(servers):
    browser = Browser()
    browser.sign_in(servers["a"], "citizen", "tawasul-citizen")
    mine = browser.get(servers["b"], "/ar/my-participation/")
    assert mine.status_code == 200
    assert 'action="/ar/accounts/logout/"' in mine.text
    assert "private" in mine.headers["Cache-Control"] and "no-store" in mine.headers["Cache-Control"]
    assert Browser().get(servers["b"], "/ar/my-participation/").status_code == 302  # not signed in: sign-in page


def test_rate_limits_count_requests_to_both_servers(servers):
    """settings.ACCOUNT_RATE_LIMITS["comment"]: 10 an hour per person, wherever they are sent."""
    browser = Browser()
    browser.sign_in(servers["a"], "citizen", "tawasul-citizen")
    browser.get(servers["b"], servers["url"])  # the comment form, signed in
    address = f"/ar/participate/{servers['id']}/comment/{servers['block']}/"
    run = secrets.token_hex(3)
    statuses = []
    for n in range(10):
        base = servers["a"] if n % 2 else servers["b"]
        statuses.append(browser.post(base, address, {"body": f"رأيي في المقترح رقم {n} ({run})"}).status_code)
    assert all(status in (302, 400) for status in statuses), statuses  # counted (a refused text counts too)
    assert browser.post(servers["a"], address, {"body": f"الحادي عشر {run}"}).status_code == 429
    assert browser.post(servers["b"], address, {"body": f"الثاني عشر {run}"}).status_code == 429


def _csrf_from(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def test_a_comment_approved_through_one_server_shows_on_the_page_the_other_cached(servers):
    words = f"تعليق للتحقق من الخادمين {secrets.token_hex(3)}"
    citizen = Browser()
    citizen.sign_in(servers["b"], "rania", "tawasul-participant")
    citizen.get(servers["b"], servers["url"])
    posted = citizen.post(servers["b"], f"/ar/participate/{servers['id']}/comment/{servers['block']}/", {"body": words})
    assert posted.status_code == 302, posted.text[:2000]

    reader = Browser()
    first = reader.get(servers["b"], servers["url"])
    second = reader.get(servers["b"], servers["url"])
    assert second.headers.get("X-Tawasul-Cache") == "hit"
    assert words not in unescape(first.text)  # waiting for the moderator

    moderator = Browser()
    moderator.sign_in(servers["a"], "moderator", "tawasul-moderator")
    queue = moderator.get(servers["a"], "/admin/participation/comment/?status=pending")
    assert queue.status_code == 200
    comment_id = _pending_comment_id(queue.text, words)
    edit = moderator.get(servers["a"], f"/admin/participation/comment/edit/{comment_id}/")
    assert edit.status_code == 200
    moderator.cookies["csrftoken"] = moderator.cookies.get("csrftoken") or _csrf_from(edit.text)
    decided = moderator.post(
        servers["a"],
        f"/admin/participation/comment/edit/{comment_id}/",
        {"action": "approve", "reason": "", "note": ""},
    )
    assert decided.status_code == 302, decided.text[:2000]

    after = reader.get(servers["b"], servers["url"])
    assert after.headers.get("X-Tawasul-Cache") != "hit"
    assert words in unescape(after.text)


def _pending_comment_id(html, words):
    for match in re.finditer(r"/admin/participation/comment/edit/(\d+)/", html):
        window = unescape(html[max(0, match.start() - 3000) : match.end() + 3000])
        if words[-6:] in window:
            return match.group(1)
    ids = re.findall(r"/admin/participation/comment/edit/(\d+)/", html)
    assert ids, "no pending comment in the moderator's queue"
    return max(ids, key=int)


def test_anonymous_pages_set_no_cookie_and_do_not_vary_on_cookie(servers):
    for base in (servers["a"], servers["b"]):
        for path in ("/ar/", "/en/", servers["url"], "/ar/statistics/", "/ar/open-data/"):
            response = requests.get(base + path, headers=PROTO, timeout=HTTP_TIMEOUT, allow_redirects=False)
            assert response.status_code == 200, (base, path)
            assert "Set-Cookie" not in response.headers, (base, path, response.headers.get("Set-Cookie"))
            assert "cookie" not in response.headers.get("Vary", "").lower(), (base, path, response.headers["Vary"])
            assert response.headers["Cache-Control"].startswith("public"), (base, path)
