# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# Python from pyenv (.python-version says 3.13), else the newest python3.12+ on PATH.
BASE_PYTHON ?= $(shell scripts/find-python.sh)

.PHONY: run test bench lint format messages lock clean assets
VENDOR := static/vendor/.installed

$(PY):
	@test -n "$(BASE_PYTHON)" || { echo "Python 3.12 or newer is needed (pyenv install 3.13)."; exit 1; }
	$(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The lock files carry every package with its hashes: pip installs exactly them (hash-checking mode).
$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

# The browser libraries (ECharts, Leaflet and its plugins) are npm dependencies pinned by
# package-lock.json: installed, never copied into the repository, and served by the portal itself
# (no CDN). Their dist files are copied into static/vendor/ (ignored by git).
$(VENDOR): package.json package-lock.json scripts/vendor-assets.sh
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed for the chart and map libraries (Node.js 18+ with npm)."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	scripts/vendor-assets.sh

assets: $(VENDOR)

## make run: the embedded portal (SQLite, in-process jobs) on http://127.0.0.1:$(PORT)
run: $(VENV)/.runtime-installed $(VENDOR)
	DJANGO_DEBUG=true $(PY) manage.py compiletranslations
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py load_demo
	@DJANGO_DEBUG=true $(PY) manage.py demo_logins --base-url http://127.0.0.1:$(PORT)
	DJANGO_DEBUG=true JOBS_BACKEND=inprocess $(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: lint, migrations check and the whole suite on real PostgreSQL, Redis, Celery, Chromium
test: $(VENV)/.dev-installed $(VENDOR)
	scripts/with-services.sh scripts/run-tests.sh $(ARGS)

## make bench [NAME=...]: the benchmarks in bench/, each printing one JSON line
bench: $(VENV)/.dev-installed $(VENDOR)
	scripts/with-services.sh scripts/run-bench.sh $(NAME)

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make messages: refresh the .po catalogues after changing translatable text (needs GNU gettext)
messages: $(VENV)/.dev-installed
	scripts/makemessages.sh

## make lock: re-resolve requirements*.in into the hashed lock files (after changing a pin)
lock: $(VENV)/.dev-installed
	$(VENV)/bin/uv pip compile requirements.in --generate-hashes --python-version 3.13 --quiet \
		--custom-compile-command "make lock" -o requirements.txt
	$(VENV)/bin/uv pip compile requirements-dev.in --generate-hashes --python-version 3.13 --quiet \
		--custom-compile-command "make lock" -c requirements.txt -o requirements-dev.txt

clean:
	rm -rf var staticfiles static/vendor node_modules .pytest_cache .mypy_cache .ruff_cache
