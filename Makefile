# OneVisit. `make demo` and `make test` are the whole quick start.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test test-sqlite test-postgres bench lint messages install install-test clean

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "OneVisit needs Python >= 3.11; run: make PYTHON=python3.11 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[test]'
	touch $@

install: $(STAMP)
install-test: $(TEST_STAMP)

# The compiled catalogue (.mo) is committed, so demo and test need no gettext tools;
# run this after editing a .po file (needs GNU gettext's msgfmt).
messages: $(STAMP)
	cd src/onevisit && ../../$(BIN)/onevisit makemessages -l en --ignore='.venv' -v0
	cd src/onevisit && ../../$(BIN)/onevisit compilemessages -v0

demo: $(STAMP)
	mkdir -p var
	$(BIN)/onevisit migrate_all --no-input -v0
	$(BIN)/onevisit seed
	$(BIN)/onevisit collectstatic --no-input -v0
	$(BIN)/onevisit serve --port $(PORT)

# The whole suite on SQLite and on PostgreSQL (DATABASE_URL_PG, default the local server), side by
# side: the two runs share nothing (in-memory or temporary SQLite files; test_* databases on the
# server; a broker queue per run), so on two cores they finish in little more than the slower one.
# TEST_SERIAL=1 runs them one after the other.
test: $(TEST_STAMP)
ifdef TEST_SERIAL
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
else
	@mkdir -p var/test-logs
	@echo "== SQLite here; PostgreSQL at the same time, its output follows when both are done =="
	@$(MAKE) --no-print-directory test-postgres > var/test-logs/postgres.log 2>&1 & pg=$$!; \
	  $(MAKE) --no-print-directory test-sqlite; sqlite=$$?; \
	  wait $$pg; postgres=$$?; \
	  cat var/test-logs/postgres.log; \
	  echo "== exit status: SQLite $$sqlite, PostgreSQL $$postgres =="; \
	  test $$sqlite -eq 0 && test $$postgres -eq 0
endif

test-sqlite: $(TEST_STAMP)
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(TEST_STAMP)
	@echo "== test suite on PostgreSQL =="
	DATABASE_URL=$${DATABASE_URL_PG:-postgres://postgres@127.0.0.1:5432/onevisit} $(BIN)/python -m pytest $(PYTEST_ARGS)

# The exchange scenario drives the server with wrk (Debian package) and needs PostgreSQL.
bench: $(STAMP)
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null || \
		{ echo "bench needs wrk: apt-get install wrk"; exit 1; }
	$(BIN)/onevisit bench

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var .pytest_cache
