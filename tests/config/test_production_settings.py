"""Production settings refuse to start without their secrets, and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-for-the-test-only-0123456789",
    "ALLOWED_HOSTS": "tawasul.example.jo",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/tawasul",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_production_refuses_to_start_without_secret(missing):
    env = {k: v for k, v in SECRETS.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production" in result.stderr


def test_production_refuses_sqlite():
    result = manage("check", **{**SECRETS, "DATABASE_URL": "sqlite:////tmp/x.sqlite3"})
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


def test_production_passes_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **SECRETS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_sends_security_headers():
    code = (
        "from django.test import Client;"
        "r = Client(HTTP_HOST='tawasul.example.jo').get('/i18n/setlang/', secure=True);"
        "print(r.headers.get('Content-Security-Policy'));"
        "print(r.headers.get('Strict-Transport-Security'))"
    )
    result = manage("shell", "-c", code, **SECRETS)
    assert "object-src 'none'" in result.stdout, result.stderr
    assert "base-uri 'none'" in result.stdout
    assert "max-age=31536000" in result.stdout
