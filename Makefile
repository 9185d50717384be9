# Essaim — task runner. `make demo` and `make test` are the two commands of the README.
SHELL := /bin/bash
PORT ?= 8000
HOST ?= 127.0.0.1
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
MANAGE := $(UV) run --frozen python manage.py
PYTEST_WORKERS ?= 2

.PHONY: help install demo run serve seed test lint quality pytest browser-deps bench messages clean

help:
	@echo "make demo   — installe, migre, charge les données de démonstration et sert sur http://$(HOST):$(PORT)"
	@echo "make test   — lint + toute la suite de tests (SQLite, ou PostgreSQL via DATABASE_URL)"
	@echo "make bench  — mesures de performance (voir docs/performance.md)"

install:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --quiet

# The demo runs without DEBUG: a key of this machine's own, written once to var/secret_key
# (read by the settings; sessions survive a restart), before anything signs a link.
seed: install
	@mkdir -p var
	@if [ -z "$$SECRET_KEY" ] && [ ! -s var/secret_key ]; then \
	  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key); fi
	@$(MANAGE) migrate --no-input -v 0
	@$(MANAGE) createcachetable
	@$(MANAGE) load_territories
	@$(MANAGE) load_national_offer
	@$(MANAGE) seed_demo

# The web server and the task worker side by side, DEBUG off and DEMO on (scripts/demo_serve.sh).
demo: seed
	@HOST="$(HOST)" PORT="$(PORT)" UV="$(UV)" bash scripts/demo_serve.sh

# Production app server. Without SECRET_KEY, a random key is written once to var/secret_key
# (kept across restarts: sessions survive); migrations and static files are brought up to date.
SECRET_KEY_FILE ?= var/secret_key
serve: install
	@mkdir -p var
	@if [ -z "$$SECRET_KEY" ] && [ ! -s "$(SECRET_KEY_FILE)" ]; then \
	  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > "$(SECRET_KEY_FILE)") && \
	  echo "Clé secrète créée dans $(SECRET_KEY_FILE) (à sauvegarder ; ou définissez SECRET_KEY)."; fi
	@SECRET_KEY_FILE="$(SECRET_KEY_FILE)" $(MANAGE) migrate --no-input -v 0
	@SECRET_KEY_FILE="$(SECRET_KEY_FILE)" $(MANAGE) collectstatic --no-input -v 0
	SECRET_KEY_FILE="$(SECRET_KEY_FILE)" $(UV) run --frozen gunicorn essaim.wsgi:application \
	  --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2}

lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
	SECRET_KEY=ci-check-$$(date +%s)-abcdefghijklmnopqrstuvwxyz0123456789 ALLOWED_HOSTS=essaim.example.org \
	  PRODUCTION=true DEBUG=false $(MANAGE) check --deploy --fail-level WARNING

quality: lint

browser-deps:
	@bash scripts/ensure_chromium.sh

pytest: install browser-deps
	@bash scripts/run_pytest.sh -n $(PYTEST_WORKERS)

test: lint pytest

bench: install
	$(UV) run --frozen python bench/run_all.py

messages: install
	$(MANAGE) makemessages -l en --no-obsolete --ignore=.venv --ignore=var
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf var .pytest_cache

# Production as it runs (PostgreSQL, two app servers on one port, worker), smoke-tested; needs
# DATABASE_URL; SMOKE_ARGS="--seed --redis" to fill a fresh database and use Redis (docs/deployment.md).
.PHONY: prod-smoke
prod-smoke: install
	@bash scripts/prod_smoke.sh $(SMOKE_ARGS)
