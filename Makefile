SHELL := /bin/bash
# Two commands set up everything on a fresh machine:
#   make site   create .venv from the lock file, check the content, build site/ (with its PDFs
#               and the offline zip)
#   make test   the same environment plus test tools and Debian's Chromium, then every test
# Other targets: make serve (live preview), make check, make bench, make lock, make clean.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-runtime
TEST_STAMP := $(VENV)/.installed-test
CHROMIUM := /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site test serve check bench lock clean lint browser-deps

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	@touch $@

# pip byte-compiles every package it installs except an editable one, and
# PYTHONDONTWRITEBYTECODE keeps Python from caching it: without this step every command
# compiled our own source again (about a tenth of a second, BENCHMARKS.md). Only files
# changed since the last run are compiled; the .pyc files stay in __pycache__/ (ignored).
BYTECODE := $(BIN)/python -m compileall -q course_builder

site: $(STAMP)
	@$(BYTECODE)
	$(BIN)/course-builder build --offline

check: $(STAMP)
	@$(BYTECODE)
	$(BIN)/course-builder check

serve: $(STAMP)
	@$(BYTECODE)
	$(BIN)/course-builder serve

browser-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's Chromium. Run:  sudo apt-get install -y chromium"; exit 1; \
	  fi; \
	fi

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

test: $(TEST_STAMP) browser-deps lint
	@$(BYTECODE)
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: $(TEST_STAMP) browser-deps
	@$(BYTECODE)
	$(BIN)/python benchmarks/run.py

lock:
	rm -rf /tmp/cb-lock && $(PYTHON) -m venv /tmp/cb-lock
	/tmp/cb-lock/bin/pip install --quiet --upgrade setuptools wheel
	/tmp/cb-lock/bin/pip install --quiet -e . && /tmp/cb-lock/bin/pip freeze --exclude-editable > /tmp/cb-lock/runtime.txt
	/tmp/cb-lock/bin/pip install --quiet -e '.[test]' && /tmp/cb-lock/bin/pip freeze --exclude-editable > /tmp/cb-lock/all.txt
	{ echo "# Exact versions for \`make site\` (runtime). Regenerate with \`make lock\`; ranges are in pyproject.toml."; cat /tmp/cb-lock/runtime.txt; \
	  echo "# Build tools for the editable install of course_builder (pip freeze leaves them out)"; \
	  /tmp/cb-lock/bin/pip freeze --all | grep -E '^(setuptools|wheel)=='; } > requirements.lock
	{ echo "# Exact versions for \`make test\`, on top of requirements.lock. Regenerate with \`make lock\`."; comm -13 <(sort /tmp/cb-lock/runtime.txt) <(sort /tmp/cb-lock/all.txt); } > requirements-test.lock

clean:
	rm -rf site .build .pytest_cache .ruff_cache
