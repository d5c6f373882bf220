"""gunicorn settings for Tawasul: `gunicorn -c deploy/gunicorn.conf.py` from the repository root.

Every value can be changed from the environment (deploy/ENVIRONMENT.md) without editing this file.
gunicorn sits behind nginx (deploy/nginx.conf.example), which buffers slow clients and uploads,
so plain synchronous workers are enough: one request at a time per worker, no threads to reason about.
"""

import multiprocessing
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The application: site/config/wsgi.py, production settings unless DJANGO_SETTINGS_MODULE says otherwise.
wsgi_app = "config.wsgi:application"
pythonpath = str(ROOT / "site")
chdir = str(ROOT)

# Only nginx on this machine talks to gunicorn; a TCP port on 127.0.0.1 (or a unix socket:
# GUNICORN_BIND=unix:/run/tawasul/gunicorn.sock).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# 2 x cores + 1 synchronous workers. Each holds one PostgreSQL connection (CONN_MAX_AGE), so
# workers x app servers (+ task workers) must stay below PostgreSQL's max_connections.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"

# A request running longer than this is killed (the worker restarts). Statements are cancelled by
# PostgreSQL before this (DATABASE_STATEMENT_TIMEOUT, 20 s) and connections give up after
# DATABASE_CONNECT_TIMEOUT (5 s), so a slow or stalled database answers an error page, not this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# nginx keeps connections to gunicorn open only briefly; a short keep-alive frees sync workers.
keepalive = 2

# Restart each worker after this many requests (with jitter so they do not restart together):
# bounds the memory a worker can grow to.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10

# Trust X-Forwarded-Proto (for https) and X-Forwarded-For only from these addresses: nginx on
# this machine by default. With a load balancer in front, list its addresses here, never "*"
# unless the port is unreachable from anywhere else. (Django's rate limits read the client address
# through ALLAUTH_TRUSTED_PROXY_COUNT, see deploy/ENVIRONMENT.md.)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Request size limits: the address and headers; bodies are limited by nginx (client_max_body_size)
# and Django (DATA_UPLOAD_MAX_MEMORY_SIZE).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Logs to stdout/stderr: systemd's journal keeps them (journalctl -u tawasul-web).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "tawasul-web"
