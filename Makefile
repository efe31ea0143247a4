# One command per workflow, the same locally and in CI. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The outside checkers (package.json): the W3C Nu HTML Checker (make test); Lighthouse,
# an optional dependency, only for make bench (make test does not download it)
NODE_STAMP := node_modules/.installed
LIGHTHOUSE_STAMP := node_modules/.installed-lighthouse
export PYTHONPATH := hooks
export NO_MKDOCS_2_WARNING := 1
# Chromium, which prints the release's PDFs and is measured by make bench (Debian: apt-get
# install chromium), and its headless shell, which the browser tests drive (Debian:
# apt-get install chromium-headless-shell).
export CHROMIUM ?= /usr/bin/chromium
export CHROMIUM_SHELL ?= /usr/bin/chromium-headless-shell

.DEFAULT_GOAL := help
.PHONY: help install serve build build-online test test-fast check-translations check-data review-due export \
        translation-hash lint lock bench dist verify clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

# --no-compile: Python compiles the modules it imports when they first run (compiling every
# module of every package was a third of the install's time)
$(STAMP): requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or newer" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: Python 3.11 or newer is needed ($(PYTHON) is older)" >&2; exit 1; }
	@echo "Installing the site's Python packages (requirements.lock) into $(VENV)/:" \
	  "the first time this takes a minute or two; later runs skip it."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile --require-hashes -r requirements.lock
	touch $(STAMP)
	@echo "Installed."

$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found; install Node.js 18.16 or newer (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	@echo "Installing the W3C Nu HTML Checker (package-lock.json: vnu-jar) into node_modules/ ..."
	npm ci --omit=optional --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(LIGHTHOUSE_STAMP): package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found; install Node.js 18.16 or newer (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	@echo "Installing the outside checkers with Lighthouse (package-lock.json) into node_modules/ ..."
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP) $(LIGHTHOUSE_STAMP)

install: $(STAMP) $(NODE_STAMP) ## Create .venv and node_modules/ from the pinned lock files

# LANG=ru or LANG=uk: English and that language only (a rebuild after an edit is
# faster for a translator); any other LANG (the locale) builds all three.
SERVE_ONLY := $(filter ru uk,$(LANG))
serve: $(STAMP) ## Serve the site with live reload on http://127.0.0.1:8000 (LANG=ru: English and Russian only)
	@echo "serve: building $(if $(SERVE_ONLY),English and $(SERVE_ONLY),all three languages) (a few seconds), then http://127.0.0.1:8000/"
	$(if $(SERVE_ONLY),BUILD_RU=$(if $(filter ru,$(SERVE_ONLY)),true,false) BUILD_UK=$(if $(filter uk,$(SERVE_ONLY)),true,false)) \
	  $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Strict offline/mirror build into site/
	$(BIN)/mkdocs build --strict --clean

build-online: $(STAMP) ## Strict online build (needs SITE_URL=https://...)
	@test -n "$(SITE_URL)" || { echo "error: set SITE_URL, e.g. make build-online SITE_URL=https://example.org/" >&2; exit 1; }
	SITE_URL=$(SITE_URL) OFFLINE=false $(BIN)/mkdocs build --strict --clean

test: $(STAMP) $(NODE_STAMP) ## Everything CI runs: lint, data, translations, build, links, browser tests
	$(BIN)/ruff check hooks tests
	$(BIN)/yamllint -s data mkdocs.yml
	$(BIN)/pytest

test-fast: $(STAMP) ## Unit tests only (no build, no browser)
	$(BIN)/pytest -m "not build and not browser"

check-translations: $(STAMP) ## Compare ru/uk pages with English (exit 1 on blocking problems)
	$(BIN)/python -m sitetools.guard

export: $(STAMP) ## Pages with every marker expanded (plain Markdown, per language) and the data as JSON, into export/
	$(BIN)/python -m sitetools.export --out export

review-due: $(STAMP) ## Facts and pages last checked over 180 days ago, by page (DAYS=365 for what make test fails on)
	$(BIN)/python -m sitetools.review --days $(or $(DAYS),180)

check-data: $(STAMP) ## Validate data/*.yml against their schemas
	$(BIN)/python -m sitetools.data --check data

translation-hash: $(STAMP) ## Print source_revision for PAGE=law/x.md
	@test -n "$(PAGE)" || { echo "usage: make translation-hash PAGE=law/decree-647.md" >&2; exit 1; }
	@$(BIN)/python -m sitetools.guard --hash docs/en/$(PAGE)

lint: $(STAMP) ## ruff and yamllint
	$(BIN)/ruff check hooks tests
	$(BIN)/yamllint -s data mkdocs.yml

lock: ## Re-resolve requirements.lock from pyproject.toml (needs network to PyPI)
	test -x $(BIN)/pip-compile || $(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra test --extra dist --generate-hashes --strip-extras \
	  --allow-unsafe -o requirements.lock pyproject.toml

bench: $(STAMP) $(LIGHTHOUSE_STAMP) ## Build, scaling, page-weight, load and Lighthouse benchmarks (prints tables, writes bench-report.md)
	$(BIN)/python tests/bench_site.py --report bench-report.md
	@if [ -f tests/bench_guard.py ]; then $(BIN)/python tests/bench_guard.py; fi
	$(BIN)/python tests/bench_dist.py
	$(BIN)/python tests/bench_lighthouse.py --report bench-report.md

dist: $(STAMP) ## Release into dist/ (archives, single-file, PDF, ZIM, mirror kit, checksums; SIGNING_KEY=, NEUTRAL_NAMES=1, SITE_URL=, PDF=ru to print one language's PDF)
	$(BIN)/python -m sitetools.release.dist --out dist $(if $(filter-out 0,$(NEUTRAL_NAMES)),--neutral-names) \
	  $(if $(SITE_URL),--site-url "$(SITE_URL)") $(if $(PDF),--pdf "$(PDF)")

verify: $(STAMP) ## Is a release, archive or mirror genuine? DIR=dist [PUBKEY=release.pub]
	@test -n "$(DIR)" || { echo "usage: make verify DIR=dist (or an archive or a mirror folder) [PUBKEY=file]" >&2; exit 2; }
	$(BIN)/python -m sitetools.release.verify "$(DIR)" $(if $(PUBKEY),--pubkey "$(PUBKEY)")

clean: ## Remove build outputs (keeps .venv)
	rm -rf site dist export .pytest_cache
