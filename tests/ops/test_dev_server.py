"""`make run` (bin/dev-server) serves the site and runs the worker; one Ctrl-C stops both."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from .mailserver import free_port

ROOT = Path(__file__).resolve().parents[2]


def ps(*args):
    return subprocess.run(["ps", *args], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607


def processes(*selection):
    lines = ps(*selection, "-o", "pid=,args=").splitlines()
    return {line.split(None, 1)[0]: line.split(None, 1)[1] for line in lines if line.strip()}


def test_one_command_starts_web_server_and_worker_and_ctrl_c_stops_both(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    port = free_port()
    supervisor = subprocess.Popen(  # noqa: S603
        [sys.executable, "bin/dev-server", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                status = requests.get(f"http://127.0.0.1:{port}/ar/accounts/login/", timeout=5).status_code
            except requests.ConnectionError:
                time.sleep(0.5)
        assert status == 200
        children = processes(f"--ppid={supervisor.pid}")  # {pid: command line}
        assert sorted(" ".join(cmd.split()[1:3]) for cmd in children.values()) == [
            "manage.py run_worker",
            "manage.py runserver",
        ]

        supervisor.send_signal(signal.SIGINT)  # Ctrl-C
        assert supervisor.wait(30) == 0
        time.sleep(1)
        # Nothing left of either, runserver's autoreloader child (same process group) included.
        left = dict(line.split() for line in ps("-eo", "pid=,pgid=").splitlines())
        assert not [pid for pid, pgid in left.items() if pid in children or pgid in children]
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
