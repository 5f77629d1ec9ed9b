# migmon — two commands for a newcomer: `make run` and `make test`.
# Everything is installed into .venv/ and node_modules/ from the package registries; nothing global.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
WORKERS ?= 2
THREADS ?= 2
export PYTHONDONTWRITEBYTECODE := 1

RUN_SETTINGS := migmon.config.settings.production
MANAGE := DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(BIN)/migmon

.PHONY: run dev test lint typecheck check pytest bench setup setup-test assets migrate bootstrap clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.installed node_modules/.installed

setup-test: $(VENV)/.installed-test node_modules/.installed

assets: setup
	$(MANAGE) collectstatic --noinput --verbosity 0

migrate: setup
	$(MANAGE) migrate --noinput --verbosity 0

bootstrap: migrate
	$(MANAGE) bootstrap

# The background-job worker (imports from the admin and the API) runs beside the server and stops with it.
WITH_WORKER = $(BIN)/migmon db_worker --interval 1 & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM;

## make run: set up, migrate, load the bundled real data and seed content, serve like production (with the job worker).
run: assets bootstrap
	@echo "Serving migmon on http://$(HOST):$(PORT)/ (granian, $(WORKERS) workers × $(THREADS) threads, DEBUG off; job worker beside)"
	export DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS); $(WITH_WORKER) \
		$(BIN)/granian --interface wsgi migmon.config.wsgi:application \
		--host $(HOST) --port $(PORT) --workers $(WORKERS) --blocking-threads $(THREADS) \
		--respawn-failed-workers --access-log

## make dev: the same data, Django's autoreloading development server with DEBUG on (with the job worker).
dev: bootstrap
	export DJANGO_SETTINGS_MODULE=migmon.config.settings.dev; $(WITH_WORKER) \
		$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: setup-test
	$(BIN)/ruff check src tests bench conftest.py manage.py
	$(BIN)/ruff format --check src tests bench conftest.py manage.py
	$(BIN)/lint-imports

typecheck: setup-test
	$(BIN)/mypy

check: setup-test
	DJANGO_SETTINGS_MODULE=migmon.config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-key-but-long-enough-for-django HTTPS=1 \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

## PYTEST_WORKERS: test processes (pytest-xdist); one per core by default, 0 runs everything in this process.
PYTEST_WORKERS ?= auto

pytest: setup-test
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## make test: ruff, mypy, Django checks and the whole pytest suite (SQLite, or DATABASE_URL when set).
test: lint typecheck check pytest

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e '.[test,bench]'
	@touch $@

## make bench: benchmarks under bench/, each printing ratios to a baseline measured in the same run.
bench: setup-test $(VENV)/.installed-bench
	@for b in $$(ls bench/*.py | grep -v "^bench/_"); do echo "== $$b"; $(BIN)/python $$b || exit 1; done

messages: setup
	cd src/migmon && ../../$(BIN)/django-admin makemessages -l fr -l en -l es --ignore 'node_modules/*'
	cd src/migmon && ../../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) node_modules var test-artifacts
