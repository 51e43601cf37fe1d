# Fanfold — `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --quiet --disable-pip-version-check
FANFOLD := $(VENV)/bin/fanfold
PORT ?= 8000

.PHONY: help install messages run demo serve test test-sqlite soak lint format bench lock test-tools calibre clean scale-tools scale-test openapi mutate

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/dev.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --require-hashes -r requirements/dev.txt 2> >(grep -v "is ignored: it is neither" >&2)
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

# The interface's translations (locale/<lang>/LC_MESSAGES/django.po), compiled by Debian's gettext.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
install: $(VENV)/.installed $(MO_FILES) ## Create .venv with pinned dependencies and compile the interface's translations; .venv/bin/fanfold is the CLI

locale/%.mo: locale/%.po
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)
	msgfmt --check -o $@ $<

messages: install ## Collect the interface's strings into locale/*/django.po after changing templates
	DATABASE_URL= $(FANFOLD) makemessages -l es -l ar --no-wrap --no-location --no-obsolete -i ".venv/*" -i "node_modules/*" -i "var/*" -i "tests/*" -i "bench/*" -i "scripts/*" -i "mutants/*" -i "test-artifacts/*" -i "templates/downloads/*"

# The demo's e-mails link to the port served too (as `fanfold serve` does), unless SITE_URL is set.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install ## Migrate the embedded database, load demo data, serve on http://127.0.0.1:8000 (another port: make run PORT=N)
	$(FANFOLD) migrate --noinput
	$(FANFOLD) demo
	$(FANFOLD) serve --port $(PORT)

demo: install ## Load the demo archive (safe to run again)
	$(FANFOLD) demo

TEST_TOOLS := gettext chromium epubcheck fonts-noto-cjk poppler-utils calibre jing nodejs npm postgresql-client redis-server wrk
test-tools: ## Debian packages the tests use: chromium (never a downloaded browser), epubcheck, CJK fonts, pdftotext, calibre (reading AZW3/MOBI), jing (RELAX NG), node with an OPDS client library and axe-core, pg_dump, redis-server, wrk
	@missing=$$(for p in $(TEST_TOOLS); do dpkg -s $$p >/dev/null 2>&1 || command -v $$p >/dev/null || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing $$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	@test -d tests/opds/client/node_modules || npm ci --prefix tests/opds/client --no-audit --no-fund --silent
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent

calibre: ## Optional: Calibre's ebook-convert, for AZW3 and MOBI downloads
	@command -v ebook-convert >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq calibre)

test: install test-tools ## The full suite: SQLite, then PostgreSQL with Redis
	scripts/test-all

test-sqlite: install ## The suite on the embedded default only (ARGS=... for pytest)
	DATABASE_URL= REDIS_URL= $(VENV)/bin/pytest $(ARGS)

SCALE_TOOLS := postgresql-15 nginx redis-server pgbouncer wrk
scale-tools: ## Debian packages of the scaled-out shape and its benchmark
	@missing=$$(for p in $(SCALE_TOOLS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing $$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

scale-test: install scale-tools ## PostgreSQL primary + replica, Redis, two apps behind nginx (about a minute)
	FANFOLD_SCALE_TEST=1 DATABASE_URL= REDIS_URL= \
		$(VENV)/bin/pytest -p no:cacheprovider tests/replicas

SOAK_PG ?= $(or $(FANFOLD_TEST_DATABASE_URL),postgres://postgres@127.0.0.1:5432/fanfold)
SOAK_REDIS ?= $(or $(FANFOLD_TEST_REDIS_URL),redis://127.0.0.1:6379/15)
soak: install test-tools ## Long reliability runs: 5 min of SIGKILLs on SQLite and 5 on a throwaway PostgreSQL + Redis (killed too), 200 fuzz examples per form, overload at 2x capacity (SQLite, then PostgreSQL + Redis)
	FANFOLD_CRASH_SECONDS=300 FANFOLD_FUZZ_EXAMPLES=200 DATABASE_URL= REDIS_URL= $(VENV)/bin/pytest -p no:cacheprovider tests/reliability
	FANFOLD_FUZZ_EXAMPLES=200 DATABASE_URL=$(SOAK_PG) REDIS_URL=$(SOAK_REDIS) $(VENV)/bin/pytest -p no:cacheprovider tests/reliability/test_bad_input.py tests/reliability/test_backup_restore.py
	$(PY) bench/overload.py --seconds 20
	$(PY) bench/overload.py --seconds 20 --postgres $(SOAK_PG) --redis $(SOAK_REDIS)

lint: install ## ruff, formatting, mypy, the apps' layer contract (docs/architecture.md) and migration checks
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/mypy src
	$(VENV)/bin/lint-imports --no-cache
	DATABASE_URL= $(FANFOLD) makemigrations --check --dry-run
	@! git ls-files | grep -E '(^|/)(secret_key|[^/]*\.sqlite3)$$' || (echo "a secret key or database is committed (above)"; exit 1)

format: install ## Apply ruff's formatting and safe fixes
	$(VENV)/bin/ruff check --fix src tests bench scripts
	$(VENV)/bin/ruff format src tests bench scripts

bench: install ## Benchmarks, each printing Fanfold beside a baseline measured in the same run
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

openapi: install ## Regenerate docs/openapi.json, the committed API schema the suite compares with the code
	DATABASE_URL= $(FANFOLD) openapi --write

mutate: install ## Mutation scores of the rule-holding modules (minutes; MODULE=lib/wordcount.py for one): docs/testing.md
	nice -n 10 $(PY) scripts/mutate.py $(MODULE)

lock: ## Re-pin requirements/*.txt from requirements/*.in
	uv pip compile -q --python-version 3.11 --generate-hashes requirements/base.in -o requirements/base.txt
	uv pip compile -q --python-version 3.11 --generate-hashes requirements/dev.in -o requirements/dev.txt

clean: ## Remove the venv and the embedded data in ./var
	rm -rf $(VENV) var
