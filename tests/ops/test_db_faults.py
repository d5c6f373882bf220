"""Database faults cost an error page, never a hung worker or half a vote (issue 8, part 7).

gunicorn (deploy/gunicorn.conf.py, one sync worker, persistent connections) talks to PostgreSQL
through a TCP proxy started by the test, which can refuse connections, stall them (accept and never
answer), or cut every connection the moment Django sends a given statement. The machine's PostgreSQL
itself is never stopped. Without `connect_timeout` a stalled database held the worker until gunicorn
killed it (30 s); without health checks the first request after the database came back answered 500.
"""

import os
import secrets
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.db import connection
from django.test import Client

from participation.models import Ballot, BallotChoice, Comment
from tests.participation.conftest import citizen, consultation, poll_options  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
CONNECT_TIMEOUT = 2  # seconds (libpq's minimum); production's default is 5
# A request that fails because of the database must answer within this many seconds (the connect
# timeout and a margin for a loaded machine), far below gunicorn's 30 s timeout.
FAIL_FAST = CONNECT_TIMEOUT + 6

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="database faults are tested on PostgreSQL through a TCP proxy (set DATABASE_URL; CI does)",
    ),
]


class FaultyProxy:
    """A TCP proxy 127.0.0.1:<port> → PostgreSQL that the test can break in three ways.

    - `down()`: every open connection is closed and new ones are reset (the server is gone).
    - `stall()`: open connections are closed; new ones are accepted and never answered (a server
      that hangs, a full backlog, a network that swallows packets).
    - `cut_when(marker)`: forwards normally until the client sends bytes containing `marker`, then
      drops that message and goes down (the database vanishes in the middle of a request).
    """

    def __init__(self, host, port):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.mode = "up"
        self.marker = None
        self.sockets = set()
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _track(self, *socks):
        with self.lock:
            self.sockets.update(socks)

    def _accept(self):
        while not self.closed:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            if self.mode == "down":
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset
                client.close()
                continue
            self._track(client)
            if self.mode == "stall":
                continue  # accepted, never read, never answered
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            self._track(upstream)
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source, target, from_client):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if from_client and self.marker is not None and self.marker in data:
                    self.marker = None
                    self.down()
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                self._close(sock)

    def _close(self, sock):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()

    def _close_all(self):
        with self.lock:
            socks, self.sockets = list(self.sockets), set()
        for sock in socks:
            self._close(sock)

    def down(self):
        self.mode = "down"
        self._close_all()

    def stall(self):
        self.mode = "stall"
        self._close_all()

    def cut_when(self, marker):
        self.marker = marker

    def up(self):
        self.marker = None
        self.mode = "up"

    def close(self):
        self.closed = True
        self.listener.close()
        self._close_all()


def free_port():
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def proxy(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        database = connection.settings_dict
    faulty = FaultyProxy(database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))
    yield faulty
    faulty.close()


@pytest.fixture(scope="module")
def app(proxy, django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn with the deployment's config, the test settings and the test database through the proxy."""
    with django_db_blocker.unblock():
        database = connection.settings_dict
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{user}{password}@127.0.0.1:{proxy.port}/{database['NAME']}",
        "DATABASE_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
        "DATABASE_CONN_MAX_AGE": "600",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_TIMEOUT": "30",
    }
    log = open(tmp_path_factory.mktemp("gunicorn") / "gunicorn.log", "w+")  # noqa: SIM115 (open while it runs)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            requests.get(f"{base}/i18n/setlang/", timeout=60, allow_redirects=False)
            break
        except requests.RequestException:
            if process.poll() is not None:
                break
            time.sleep(0.5)
    if process.poll() is not None:
        log.seek(0)
        pytest.fail(f"gunicorn did not start:\n{log.read()[-3000:]}")
    yield base
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(autouse=True)
def proxy_up(proxy):
    proxy.up()
    yield
    proxy.up()


@pytest.fixture
def browser(citizen):  # noqa: F811
    """A signed-in citizen's session and CSRF token, as the browser would hold them."""
    client = Client()
    client.force_login(citizen)
    session = requests.Session()
    token = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
    session.cookies.set("sessionid", client.cookies["sessionid"].value)
    session.cookies.set("csrftoken", token)
    session.headers["X-CSRFToken"] = token
    return session


def timed(call, *args, **kwargs):
    """(response, seconds); response is None when no answer came (the worker was killed or hung)."""
    start = time.monotonic()
    try:
        response = call(*args, timeout=FAIL_FAST + 30, allow_redirects=False, **kwargs)
    except requests.RequestException:
        response = None
    return response, time.monotonic() - start


def test_requests_fail_fast_while_the_database_is_down_and_recover_at_once(app, proxy, consultation):  # noqa: F811
    page = f"{app}{consultation.url}"
    assert requests.get(page, timeout=30).status_code == 200  # the worker now holds a connection
    proxy.down()
    for _ in range(2):
        response, elapsed = timed(requests.get, page)
        assert response is not None and response.status_code == 500, elapsed
        assert elapsed < FAIL_FAST, elapsed
        assert "عذراً، حدث خطأ في الخدمة" in response.text
        assert "Sorry, there is a problem with the service" in response.text
    proxy.up()
    response, _elapsed = timed(requests.get, page)
    assert response.status_code == 200
    assert consultation.title in response.text


def test_requests_fail_fast_while_the_database_stalls(app, proxy, consultation):  # noqa: F811
    """Connections are accepted and never answered: the connect timeout ends the wait."""
    page = f"{app}{consultation.url}"
    assert requests.get(page, timeout=30).status_code == 200
    proxy.stall()
    for _ in range(2):  # the second request surely opens a new connection
        response, elapsed = timed(requests.get, page)
        assert response is not None and response.status_code == 500, elapsed
        assert elapsed < FAIL_FAST, elapsed
    assert elapsed >= CONNECT_TIMEOUT - 0.5  # it did wait for the database, then gave up
    proxy.up()
    assert timed(requests.get, page)[0].status_code == 200


def test_a_restarted_database_costs_no_error(app, proxy, consultation):  # noqa: F811
    """Every connection is dropped between two requests (a restart, a failover): the health check
    notices before the request uses the dead connection, so the next page simply works."""
    page = f"{app}{consultation.url}"
    assert requests.get(page, timeout=30).status_code == 200
    proxy.down()
    proxy.up()
    response, _elapsed = timed(requests.get, page)
    assert response.status_code == 200


def test_no_vote_is_half_written_when_the_database_goes_away(
    app,
    proxy,
    consultation,  # noqa: F811
    poll_options,  # noqa: F811
    browser,
):
    """The database goes away after the ballot is inserted and before its choice is: the vote's
    transaction leaves nothing behind, and voting again once it is back counts exactly once."""
    vote = f"{app}/ar/participate/{consultation.pk}/vote/poll-1/"
    proxy.cut_when(b'INSERT INTO "participation_ballotchoice"')
    response, elapsed = timed(browser.post, vote, data={"option": poll_options[0]})
    assert response is not None and response.status_code == 500, elapsed
    assert elapsed < FAIL_FAST, elapsed
    proxy.up()
    assert not Ballot.objects.exists()
    assert not BallotChoice.objects.exists()
    response, _elapsed = timed(browser.post, vote, data={"option": poll_options[0]})
    assert response.status_code == 302, response.text[:300]
    assert Ballot.objects.count() == 1
    assert list(BallotChoice.objects.values_list("option_id", flat=True)) == [poll_options[0]]


def test_no_comment_is_stored_when_the_database_goes_away_while_saving_it(app, proxy, consultation, browser):  # noqa: F811
    comment = f"{app}/ar/participate/{consultation.pk}/comment/ask-post/"
    proxy.cut_when(b'INSERT INTO "participation_comment"')
    response, elapsed = timed(browser.post, comment, data={"body": "رأيي في المادة الخامسة"})
    assert response is not None and response.status_code == 500, elapsed
    assert elapsed < FAIL_FAST, elapsed
    proxy.up()
    assert not Comment.objects.exists()
    response, _elapsed = timed(browser.post, comment, data={"body": "رأيي في المادة الخامسة"})
    assert response.status_code == 302, response.text[:300]
    assert Comment.objects.get().body == "رأيي في المادة الخامسة"
