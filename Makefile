# statement-toolkit: the two commands of the README, and a few for developers.
#
#   make example   the main job: update the example project's catalogs and show its status
#   make test      the whole test suite (installs what it needs: venv, package, gettext)
#
# Both create .venv/ on first use. Debian packages are installed with apt-get
# only when a tool the tests use is missing.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Debian packages the tests use, as "command:package" pairs.
DEBIAN_TOOLS := msgfmt:gettext

.PHONY: example test lint debian-packages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The package alone: enough to extract, check and build (no torch).
$(VENV)/.installed-core: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# Everything the tests need. torch first, pinned: argostranslate -> stanza -> torch,
# and an unpinned torch would download a multi-GB CUDA build.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[mt,test]'
	touch $@ $(VENV)/.installed-core

debian-packages:
	@missing=""; \
	for pair in $(DEBIAN_TOOLS); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  echo "installing Debian packages:$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

example: $(VENV)/.installed-core
	$(BIN)/stk extract
	$(BIN)/stk status

lint: $(VENV)/.installed-test
	$(BIN)/ruff check toolkit tests benchmarks
	$(BIN)/ruff format --check toolkit tests benchmarks
	$(BIN)/mypy

test: $(VENV)/.installed-test debian-packages lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
