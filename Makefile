# statement-toolkit: the two commands of the README, and a few for developers.
#
#   make release   the main job: the release build of the example project,
#                  output/releases/<name>/ (DOCX, HTML, index, manifest.json, zip)
#   make test      the whole test suite (installs what it needs: venv, package, Debian tools)
# and for developers:
#   make example   update the example project's catalogs from the sources and show its status
#   make preview   pictures of the built statements (LibreOffice, Chromium) in preview/
#
# All create .venv/ on first use. Debian packages are installed with apt-get
# only when a tool the tests use is missing.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Debian packages the tests use, as "command:package" pairs (or "/path/of/a/file:package").
DEBIAN_TOOLS := msgfmt:gettext soffice:libreoffice-writer-nogui pdftotext:poppler-utils java:default-jre-headless \
	/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf:fonts-noto-core
# ... and what `make preview` needs besides.
PREVIEW_TOOLS := $(DEBIAN_TOOLS) pdftoppm:poppler-utils chromium:chromium

.PHONY: example test lint debian-packages release preview clean

# Stock Debian/Ubuntu ship python3 without venv (package python3-venv): install it when missing.
$(BIN)/python:
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  echo "installing Debian package python3-venv"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)

# The package alone: enough to extract, check and build (no torch).
$(VENV)/.installed-core: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# Everything the tests need. torch first, pinned: argostranslate -> stanza -> torch,
# and an unpinned torch would download a multi-GB CUDA build. Our machines keep a CPU
# build of torch 2.13.0 on local disk, which pip finds; elsewhere, ask PyTorch's CPU index:
#   make test TORCH_PIP_ARGS="--index-url https://download.pytorch.org/whl/cpu"
TORCH_PIP_ARGS ?=
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet $(TORCH_PIP_ARGS) torch==2.13.0
	$(BIN)/pip install --quiet -e '.[mt,test]'
	touch $@ $(VENV)/.installed-core

# The LibreTranslate server the tests run (tests/libretranslate_fixture.py), in a virtual environment
# of its own: it pins libraries the toolkit must not share (Flask 2.2.5, numpy < 2, a fork of
# argostranslate under the same import name). Exact versions from the lock, --no-deps so that
# nothing else (no torch: LibreTranslate 1.9.6 needs none) can come in; pip check proves it whole.
LT_VENV ?= .venv-lt
LT_PYTHON ?= python3.11
LT_LOCK := tests/libretranslate-requirements.txt
$(LT_VENV)/.installed: $(LT_LOCK)
	rm -rf $(LT_VENV)
	$(LT_PYTHON) -m venv $(LT_VENV)
	$(LT_VENV)/bin/pip install --quiet --no-deps -r $(LT_LOCK)
	$(LT_VENV)/bin/pip check
	touch $@

debian-packages:
	@missing=""; \
	for pair in $(DEBIAN_TOOLS); do \
	  tool="$${pair%%:*}"; \
	  if [[ "$$tool" == /* ]]; then [ -e "$$tool" ]; else command -v "$$tool" >/dev/null 2>&1; fi \
	    || missing="$$missing $${pair##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  echo "installing Debian packages:$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

example: $(VENV)/.installed-core
	$(BIN)/stk extract
	$(BIN)/stk status

release: $(VENV)/.installed-core
	$(BIN)/stk release

preview: $(VENV)/.installed-core
	@$(MAKE) --no-print-directory debian-packages DEBIAN_TOOLS="$(PREVIEW_TOOLS)"
	$(BIN)/python scripts/preview.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check toolkit tests benchmarks scripts
	$(BIN)/ruff format --check toolkit tests benchmarks scripts
	$(BIN)/mypy

test: $(VENV)/.installed-test $(LT_VENV)/.installed debian-packages lint
	STK_REQUIRE_TOOLS=1 $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(LT_VENV) .pytest_cache .ruff_cache .mypy_cache
