# Tawasul: `make run` serves the portal with demo content (and runs its task worker); `make test` runs the suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
# The first Python >= 3.11 on this machine.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: run test install messages vnu lint format check clean bench

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Tawasul needs Python 3.11 or newer; none was found on PATH."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Compile the translation catalogues (the .mo files are also committed, so this
# step is skipped with a note where GNU gettext is not installed).
messages: install
	@if command -v msgfmt >/dev/null 2>&1; then $(MANAGE) compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found (apt-get install gettext); using the committed .mo files."; fi

# The Nu HTML Checker (npm vnu-jar, run with Debian's Java) for tests/browser/test_html_validity.py.
# Installed only where npm is; without it (or without java) that test is skipped with the reason.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the HTML validity test will be skipped (apt-get install npm default-jre-headless)."; fi

vnu: node_modules/.installed

run: messages
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) seed_demo
	$(PY) bin/dev-server 127.0.0.1:8000  # the web server and the task worker; Ctrl-C stops both

test: messages vnu
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Throughput as ratios to a bare Django view (bench/run.py): PostgreSQL database tawasul_bench (recreated),
# Redis, gunicorn with the production settings, wrk. BENCH_COMMENTS=100000 scales the large comment list down.
# Then the site search on PostgreSQL database tawasul_search_bench (SEARCH_BENCH_COMMENTS, SEARCH_BENCH_ROUNDS).
bench: messages
	@command -v wrk >/dev/null 2>&1 || { echo "make bench needs wrk (apt-get install wrk)."; exit 1; }
	$(PY) bench/run.py
	$(PY) bench/search_bench.py  # p95 of a site search with 1,000,000 comments indexed, and recall (issue 10)
	$(PY) bench/campaign_bench.py  # grouping 100,000 comments into campaigns: time, pairs found on a labelled sample (issue 11)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
