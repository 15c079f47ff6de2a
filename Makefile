# statement-toolkit: the two commands of the README, and a few for developers.
#
#   make release   the main job: the release build of the example project,
#                  output/releases/<name>/ (DOCX, HTML, PDF, index, manifest.json, zip)
#   make test      the whole test suite (installs what it needs: venv, package, Debian tools,
#                  axe-core from npm into node_modules/)
# and for developers:
#   make check     the quick loop: ruff, mypy, and the tests not marked slow (no LibreOffice, Chromium,
#                  Java or model building; tests/conftest.py fails a test that runs one unmarked)
#   make example   update the example project's catalogs from the sources and show its status
#   make preview   pictures of the built statements (LibreOffice, Chromium) in preview/
#   make mt        add machine translation (torch CPU + the [mt] extra) to .venv
#   make lock      refresh requirements/constraints.txt from the newest releases (then run make test)
#   make test-latest  the tests against the newest releases, ignoring the lock (.venv-latest/)
#
# All create .venv/ on first use, installing exactly the versions in requirements/constraints.txt
# (pyproject.toml keeps open ranges for users' own environments). Debian packages are installed
# with apt-get only when a tool the tests use is missing.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The lock: every package the environments below install, at one version, so that a registry
# publishing a new release never changes what `make test` runs. `make lock` refreshes it.
LOCK := requirements/constraints.txt
CONSTRAINTS ?= -c $(LOCK)
# Debian packages the tests use, as "command:package" pairs (or "/path/of/a/file:package"):
# gettext (msgfmt, msginit) and CLDR's plurals.xml are the PO oracles; LibreOffice makes the PDFs,
# poppler reads them back, Chromium and npm (axe-core) check the HTML, Noto (Arabic, and the Latin
# font of the HTML) and Liberation (LibreOffice's Arial) are the fonts they show.
DEBIAN_TOOLS := msgfmt:gettext soffice:libreoffice-writer-nogui pdftotext:poppler-utils java:default-jre-headless \
	chromium:chromium npm:npm \
	/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf:fonts-noto-core \
	/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf:fonts-liberation2 \
	/usr/share/unicode/cldr/common/supplemental/plurals.xml:unicode-cldr-core
# ... and what `make preview` needs besides.
PREVIEW_TOOLS := $(DEBIAN_TOOLS) pdftoppm:poppler-utils
# ... and the few the tests not marked slow use (`make check`): the PO oracles only.
CHECK_TOOLS := msgfmt:gettext /usr/share/unicode/cldr/common/supplemental/plurals.xml:unicode-cldr-core

.PHONY: example test check lint debian-packages release preview clean mt lock test-latest

# Stock Debian/Ubuntu ship python3 without venv (package python3-venv): install it when missing.
$(BIN)/python:
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  echo "installing Debian package python3-venv"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)

# The package alone: enough to extract, check and build (no torch).
$(VENV)/.installed-core: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/pip install --quiet $(CONSTRAINTS) -e .
	touch $@

# Everything the tests need. torch first, pinned: argostranslate -> stanza -> torch,
# and an unpinned torch would download a multi-GB CUDA build. Our machines keep a CPU
# build of torch 2.13.0 on local disk, which pip finds; elsewhere, ask PyTorch's CPU index:
#   make test TORCH_PIP_ARGS="--index-url https://download.pytorch.org/whl/cpu"
TORCH_PIP_ARGS ?=
$(VENV)/.installed-test: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/pip install --quiet $(CONSTRAINTS) $(TORCH_PIP_ARGS) torch==2.13.0
	$(BIN)/pip install --quiet $(CONSTRAINTS) -e '.[mt,test]'
	touch $@ $(VENV)/.installed-mt $(VENV)/.installed-core

# Machine translation in the release environment: `make mt`, then `.venv/bin/stk translate`.
$(VENV)/.installed-mt: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/pip install --quiet $(CONSTRAINTS) $(TORCH_PIP_ARGS) torch==2.13.0
	$(BIN)/pip install --quiet $(CONSTRAINTS) -e '.[mt]'
	touch $@ $(VENV)/.installed-core

mt: $(VENV)/.installed-mt

# Resolve pyproject.toml's ranges (and requirements/pins.in) to the newest releases, with
# pip-tools in a throw-away environment. Review the diff, run `make test`, commit the lock.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --upgrade --extra mt --extra test --strip-extras --allow-unsafe \
	  --no-emit-find-links --no-emit-index-url --no-emit-trusted-host \
	  -o $(LOCK) pyproject.toml requirements/pins.in
	rm -rf .venv-lock
	@echo "$(LOCK) refreshed: review 'git diff $(LOCK)', run 'make test', then commit it"

# Drift, seen on purpose: the whole suite against whatever the registries serve today.
test-latest:
	$(MAKE) test VENV=.venv-latest CONSTRAINTS=

# axe-core for the browser tests, at the version package-lock.json pins (npm ci: exactly the lock file).
node_modules/.installed: package.json package-lock.json | debian-packages
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

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

test: $(VENV)/.installed-test $(LT_VENV)/.installed debian-packages node_modules/.installed lint
	STK_REQUIRE_TOOLS=1 $(BIN)/python -m pytest

# Everything but the tests marked slow (pyproject.toml: external programs, model building); CI runs `make test`.
check: $(VENV)/.installed-test lint
	@$(MAKE) --no-print-directory debian-packages DEBIAN_TOOLS="$(CHECK_TOOLS)"
	STK_REQUIRE_TOOLS=1 $(BIN)/python -m pytest -m "not slow"

clean:
	rm -rf $(VENV) $(LT_VENV) .venv-latest .venv-lock node_modules .pytest_cache .ruff_cache .mypy_cache
