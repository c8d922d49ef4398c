# Two commands on a fresh machine: `make run` (the site on the built-in Wix sandbox) and
# `make test` (lint + the whole test suite, browser tests included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

PYTEST_WORKERS ?= auto

.PHONY: run test test-fast install lint format chromium backing-services collectstatic migrate clean bench bench-submit contract-packages

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput -v0

collectstatic: install
	$(PY) manage.py collectstatic --noinput -v0

run: migrate
	@echo "Booking site on http://$(HOST):$(PORT)/ (Wix: $${WIX_CLIENT_ID:+configured}$${WIX_CLIENT_ID:-built-in sandbox})"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's Chromium for the Playwright browser tests; Playwright cannot download browsers here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium from apt"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# PostgreSQL and Redis binaries for the scale-out test (tests/scaleout/), which starts its own
# servers on loopback in temp dirs; nothing here starts a service.
backing-services:
	@command -v redis-server >/dev/null 2>&1 || { \
		echo "Installing redis-server from apt"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "Installing PostgreSQL from apt"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# Wix's generated SDK packages the contract test checks the client against, pinned by exact
# version in tests/contract/sdk_packages.txt; `npm pack` runs only for a missing one.
SDK_PINS := tests/contract/sdk_packages.txt
SDK_STAMP := tests/contract/.sdk-packages/.fetched

$(SDK_STAMP): $(SDK_PINS) tests/contract/fetch_sdk_packages.py $(STAMP)
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed to fetch the Wix SDK packages"; exit 1; }
	$(PY) tests/contract/fetch_sdk_packages.py
	touch $@

contract-packages: $(SDK_STAMP)

# Two runs: everything that is safe to spread runs on all cores (pytest-xdist), then the
# `serial` tests (real servers timed, browsers, figures printed) in one plain process.
test: install chromium backing-services migrate collectstatic lint contract-packages
	$(PY) -m pytest -n $(PYTEST_WORKERS) -m "not serial"
	$(PY) -m pytest -m serial

# The quick loop while working: no real servers, no browser, on all cores (well under a minute).
test-fast: install migrate collectstatic contract-packages
	$(PY) -m pytest -n $(PYTEST_WORKERS) -m "not slow" -q

clean:
	rm -rf $(VENV) staticfiles test-results .pytest_cache .ruff_cache db.sqlite3 tests/contract/.sdk-packages

# Not part of `make test`: gunicorn + the standalone sandbox (120 ms per Wix call, then 300 ms
# for the browsing customers, BENCH_BROWSE_SECONDS long, default 600) and the peer
# (django-appointment, installed into bench/.peer); bounded runs on loopback; prints every
# figure with pass/fail and writes docs/benchmarks.md.
BENCH_BROWSE_SECONDS ?= 600
bench: install collectstatic
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	@command -v redis-server >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
	BENCH_BROWSE_SECONDS=$(BENCH_BROWSE_SECONDS) $(PY) -m bench.run

# Only the submit's Wix calls (<= 4 sequential, re-check included): about a minute, writes
# docs/benchmarks-submit.md.
bench-submit: install collectstatic
	$(PY) -m bench.run --only submit
