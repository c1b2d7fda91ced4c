# Meridian: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MERIDIAN_BIND ?= 127.0.0.1:8000
export MERIDIAN_BIND

.PHONY: bench-import bench-mail bench-studio run install setup serve test test-fast test-browser lint format typecheck migrations-check bench loadtest bench-images bench-search check browser-deps messages clean

run: install ## set up (venv, install, migrate, demo) and serve on $(MERIDIAN_BIND)
	$(BIN)/meridian setup --local
	$(BIN)/meridian serve --bind $(MERIDIAN_BIND)

install: $(STAMP) ## create .venv and install the pinned dependencies

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

setup: install ## migrate, collect static files, load demo content if empty
	$(BIN)/meridian setup

test: install browser-deps ## the whole suite, browser tests included
	$(BIN)/pytest -p no:cacheprovider -n 2 --dist loadgroup

test-fast: install ## everything but the browser tests
	$(BIN)/pytest -p no:cacheprovider -m "not browser"

browser-deps: ## Debian's chromium for the browser tests (never a browser download)
	@command -v chromium >/dev/null || bin/install-chromium

lint: install ## the layer contract (import-linter), ruff check and format check, template indentation (djhtml)
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/djhtml --check src

typecheck: install ## mypy with django-stubs over src/
	$(BIN)/mypy

format: install ## fix what ruff can, format Python and indent templates
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench
	$(BIN)/djhtml src

migrations-check: install ## fail if a model change has no migration
	$(BIN)/meridian makemigrations --check --dry-run

bench: install bench-deps bench-images bench-studio ## requests/s and p99 of the reader pages beside nginx serving the same HTML
	$(BIN)/python bench/run.py

bench-studio: install ## p95 of the Studio's autosave and preview (5,000 words, 200 revisions) beside a reader page
	$(BIN)/python bench/studio.py

loadtest: install bench-deps ## 100 readers and 20 commenters on a live site: SQLite, PostgreSQL + Redis, two app servers, a worker killed (LOADTEST_DURATION=60)
	$(BIN)/python bench/loadtest.py

bench-images: install ## a 24-megapixel photo: upload and renditions, seconds and peak RSS; an article with five pictures, gzipped
	$(BIN)/python bench/images.py

bench-search: install ## search over 100,000 generated articles: index build, p50/p95 on SQLite and PostgreSQL
	$(BIN)/python bench/search.py

bench-import: install ## items/s and peak RSS of import-wordpress on 20,000 posts and 200,000 comments
	$(BIN)/python bench/import_wordpress.py

bench-mail: install ## one article to 20,000 subscribers over a real SMTP server on loopback: messages/s, peak RSS, against Django's SMTP backend alone
	$(BIN)/python bench/mail.py

bench-deps: ## Debian's wrk and nginx for make bench (it runs without them, less precisely)
	@bin/install-bench-tools

messages: install ## refresh the English message catalog (src/meridian/locale/en) from code and templates
	cd src/meridian && ../../$(BIN)/meridian makemessages -l en --no-obsolete --ignore "static/*"

check: lint typecheck migrations-check test

clean:
	rm -rf $(VENV) build src/*.egg-info
