"""`make bench`: how fast the portal answers, as ratios to a bare Django view served the same way.

What it does, from the repository root:

1. Recreates the PostgreSQL database `tawasul_bench` (BENCH_DATABASE_URL), migrates it, fills it with the
   demo site (seed_demo), collects static files, and adds comments with `manage.py make_bench_data`: 1,000
   on one consultation and BENCH_COMMENTS (default 1,000,000) on another. It signs in BENCH_VOTERS people
   (sessions written directly) so that every vote POST is a new, successful vote. BENCH_REUSE=1 keeps the
   last run's database and comments (BENCH_COMMENTS must then be the same) and adds only new voters.
2. Starts two gunicorns with the production settings plus a bare view (config.settings.bench, bench/urls.py),
   deploy/gunicorn.conf.py and Redis (BENCH_REDIS_URL, a key prefix of its own): one with the page cache
   (what anonymous visitors get) and one without it (what a page costs when it is rendered).
3. Drives each target with `wrk` (BENCH_SECONDS per turn, BENCH_ROUNDS rounds, targets interleaved so
   that a busy moment of the machine hits every target alike) and prints the median requests per second
   of each target and its ratio to the bare view's median.

Both gunicorns and every process it starts are stopped at the end, whatever happens.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import create_database  # noqa: E402 (after the path is set)

PYTHON = sys.executable
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tawasul_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")
COMMENTS = int(os.environ.get("BENCH_COMMENTS", "1000000"))
SMALL = 1000
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
WORKERS = os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2))
VOTERS = int(os.environ.get("BENCH_VOTERS", "6000"))
# BENCH_REUSE=1: keep the database of the last run (its demo site and comments); only new voters are added.
REUSE = os.environ.get("BENCH_REUSE", "") == "1"
CSRF = "b" * 32  # the CSRF secret in the voters' cookie and form (Django accepts the unmasked secret)
STATIC_ROOT = Path(tempfile.gettempdir()) / "tawasul-bench-static"
PROTO = {"X-Forwarded-Proto": "https"}  # as nginx sends it; production redirects plain HTTP otherwise

SMALL_LIST = f"comment list, {SMALL:,} comments (uncached)"
BIG_LIST = f"comment list, {COMMENTS:,} comments (uncached)"
GOALS = {
    "consultation page, cached (anonymous)": ("≥ 0.9", lambda r: r >= 0.9),
    "consultation page, uncached": ("≥ 0.10", lambda r: r >= 0.10),
    "vote (signed in, CSRF, POST)": ("≥ 0.5", lambda r: r >= 0.5),
}


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(**extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "SECRET_KEY": "bench-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "DATABASE_STATEMENT_TIMEOUT": "0",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
        "SECURE_SSL_REDIRECT": "false",
        "GUNICORN_WORKERS": WORKERS,
        "GUNICORN_MAX_REQUESTS": "0",
        "STATIC_ROOT": str(STATIC_ROOT),
        **extra,
    }


def manage(*args, env):
    result = subprocess.run(  # noqa: S603 (our own commands)
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


# Facts about the seeded site, and voters signed in (one session each), printed as JSON.
PREPARE = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from participation.models import ConsultationPage

def kinds(page):
    return {b.block_type for b in page.body}

pages = [p for p in ConsultationPage.objects.live().filter(locale__language_code="ar").order_by("pk") if p.is_open]
voting = next(p for p in pages if "poll" in kinds(p))
poll = next(b for b in voting.body if b.block_type == "poll")
commented = [p for p in pages if kinds(p) & {"comments", "article"} and p.pk != voting.pk] or [voting]
big = commented[0]
small = commented[1] if len(commented) > 1 else voting
User = get_user_model()
password = make_password(None)
users = User.objects.bulk_create([User(username=f"voter-{i}", email=f"voter-{i}@bench.invalid", password=password)
                                  for i in range(VOTERS)], batch_size=2000)
users = list(User.objects.filter(username__startswith="voter-"))
EmailAddress.objects.bulk_create([EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
                                 batch_size=2000)
sessions = []
store = SessionStore()
rows = []
for user in users:
    key = store._get_new_session_key()
    data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash()}
    rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=store.get_expiry_date()))
    sessions.append(key)
Session.objects.bulk_create(rows, batch_size=2000)
print(json.dumps({
    "voting": {"url": voting.url, "id": voting.pk, "poll": poll.id,
               "option": poll.value["options"].bound_blocks[0].id},
    "big": {"url": big.url, "slug": big.slug}, "small": {"url": small.url, "slug": small.slug},
    "sessions": sessions,
}))
"""

VOTE_LUA = """
local sessions = {}
for line in io.lines(os.getenv("BENCH_SESSIONS")) do sessions[#sessions + 1] = line end
local i = 0
local path = os.getenv("BENCH_PATH")
local origin = os.getenv("BENCH_ORIGIN")
local body = "csrfmiddlewaretoken=" .. os.getenv("BENCH_CSRF") .. "&option=" .. os.getenv("BENCH_OPTION")
request = function()
  i = i + 1
  local session = sessions[((i - 1) % #sessions) + 1]
  local headers = {}
  headers["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. os.getenv("BENCH_CSRF")
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["X-Forwarded-Proto"] = "https"
  headers["Origin"] = origin
  return wrk.format("POST", path, headers, body)
end
"""


class Server:
    def __init__(self, name, env, logdir):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(logdir / f"{name}.log", "w+")  # noqa: SIM115 (open while it runs)
        self.process = subprocess.Popen(  # noqa: S603 (our own command)
            [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                requests.get(f"{self.base}/bench/bare/", headers=PROTO, timeout=5)
                return
            except requests.RequestException:
                time.sleep(0.5)
        self.log.seek(0)
        sys.exit(f"gunicorn did not start:\n{self.log.read()[-3000:]}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


def wrk(url, script=None, env=None):
    args = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "30s", "-H", "X-Forwarded-Proto: https"]
    if script:
        args += ["-s", script]
    result = subprocess.run(  # noqa: S603 (wrk on our own server)
        [*args, url], capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=SECONDS + 60
    )
    rate = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", result.stdout)
    total = re.search(r"(\d+) requests in", result.stdout)
    if not rate:
        sys.exit(f"wrk failed for {url}:\n{result.stdout}\n{result.stderr}")
    return float(rate.group(1)), int(errors.group(1)) if errors else 0, int(total.group(1)) if total else 0


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk).")
    env = environment()
    logdir = Path(tempfile.mkdtemp(prefix="tawasul-bench-"))
    log(f"database {DATABASE_URL}, Redis {REDIS_URL}, logs in {logdir}")
    if not REUSE:
        create_database(DATABASE_URL)
    manage("migrate", "--no-input", "-v", "0", env=env)
    if not REUSE:
        log("seed_demo")
        manage("seed_demo", env=env)
    manage("collectstatic", "--no-input", "-v", "0", env=env)
    prepare = PREPARE.replace("VOTERS", str(VOTERS)).replace("voter-", f"voter-{secrets.token_hex(3)}-")
    facts = json.loads(manage("shell", "-c", prepare, env=env).strip().splitlines()[-1])
    if not REUSE:
        log(f"{SMALL:,} comments on {facts['small']['slug']}")
        manage("make_bench_data", "--comments", str(SMALL), "--votes", "0", "--slug", facts["small"]["slug"], env=env)
        log(f"{COMMENTS:,} comments on {facts['big']['slug']} (BENCH_COMMENTS)")
        manage("make_bench_data", "--comments", str(COMMENTS), "--votes", "0", "--slug", facts["big"]["slug"], env=env)

    cached = Server("cached", env, logdir)
    uncached = Server("uncached", {**env, "PAGE_CACHE_SECONDS": "0"}, logdir)
    try:
        cached.wait()
        uncached.wait()
        sessions = facts["sessions"]
        vote_path = f"/ar/participate/{facts['voting']['id']}/vote/{facts['voting']['poll']}/"
        lua = logdir / "vote.lua"
        lua.write_text(VOTE_LUA)
        per_turn = len(sessions) // ROUNDS

        def vote(round_number):
            chunk = logdir / f"sessions-{round_number}.txt"
            chunk.write_text("\n".join(sessions[round_number * per_turn : (round_number + 1) * per_turn]))
            return wrk(
                cached.base + vote_path,
                script=str(lua),
                env={
                    "BENCH_SESSIONS": str(chunk),
                    "BENCH_PATH": vote_path,
                    "BENCH_ORIGIN": cached.base.replace("http://", "https://"),
                    "BENCH_CSRF": CSRF,
                    "BENCH_OPTION": facts["voting"]["option"],
                },
            )

        targets = [
            ("bare Django view", lambda r: wrk(cached.base + "/bench/bare/")),
            ("static file (whitenoise)", lambda r: wrk(cached.base + "/static/css/tawasul.css")),
            ("consultation page, cached (anonymous)", lambda r: wrk(cached.base + facts["voting"]["url"])),
            ("consultation page, uncached", lambda r: wrk(uncached.base + facts["voting"]["url"])),
            ("home page, cached (anonymous)", lambda r: wrk(cached.base + "/ar/")),
            ("home page, uncached", lambda r: wrk(uncached.base + "/ar/")),
            (SMALL_LIST, lambda r: wrk(uncached.base + facts["small"]["url"])),
            (BIG_LIST, lambda r: wrk(uncached.base + facts["big"]["url"])),
            ("vote (signed in, CSRF, POST)", vote),
        ]
        for url in ("/ar/", facts["voting"]["url"]):  # warm the cache and the route memo
            for server in (cached, uncached):
                requests.get(server.base + url, headers=PROTO, timeout=60)
        results = {name: [] for name, _run in targets}
        errors = {name: 0 for name, _run in targets}
        for round_number in range(ROUNDS):
            for name, run in targets:
                rate, failed, _total = run(round_number)
                results[name].append(rate)
                errors[name] += failed
                log(
                    f"round {round_number + 1}/{ROUNDS}: {name}: {rate:.1f} req/s"
                    + (f", {failed} non-2xx/3xx" if failed else "")
                )
    finally:
        cached.stop()
        uncached.stop()
    (logdir / "results.json").write_text(json.dumps({"results": results, "errors": errors}))
    print_table(results, errors)


def print_table(results, errors):
    medians = {name: statistics.median(rates) for name, rates in results.items()}
    bare = medians["bare Django view"]
    small = medians[SMALL_LIST]
    big_name = BIG_LIST
    goals = dict(GOALS)
    goals[big_name] = ("≤ 1.5× the time at 1,000", lambda r: small / medians[big_name] <= 1.5)
    print()
    print(f"Tawasul benchmark — {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, gunicorn {WORKERS} sync workers,")
    print(f"wrk 1 thread × {CONNECTIONS} connections, {ROUNDS} interleaved rounds of {SECONDS} s; median req/s.")
    if COMMENTS != 1_000_000:
        print(f"NOTE: the large comment list has {COMMENTS:,} comments (BENCH_COMMENTS), not 1,000,000.")
    print()
    print("| Target | req/s | × bare view | Goal | Met |")
    print("| --- | ---: | ---: | --- | --- |")
    for name, rate in medians.items():
        ratio = rate / bare if bare else 0
        goal, check = goals.get(name, ("", None))
        met = "" if check is None else ("yes" if check(ratio) else "**no**")
        note = f" ({errors[name]} non-2xx/3xx)" if errors[name] else ""
        print(f"| {name}{note} | {rate:,.0f} | {ratio:.3f} | {goal} | {met} |")


if __name__ == "__main__":
    main()
