# speechkb: `make site` builds the site, `make test` runs every test.
# Both install what they need first (a virtualenv in .venv, Debian packages for the tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: site serve offline publish test lint system-deps clean

site: $(INSTALLED)
	$(BIN)/speechkb build

serve: $(INSTALLED)
	$(BIN)/speechkb serve

# The site as one zip that works opened from the file system, for intranets.
offline: $(INSTALLED)
	$(BIN)/speechkb build --offline dist/speechkb-offline.zip

# For a gh-pages branch instead of the Pages workflow: generate the pages, then
# MkDocs builds and pushes them, dated by the newest speech like `make site`.
publish: site
	SOURCE_DATE_EPOCH=$$($(BIN)/speechkb source-date) $(BIN)/mkdocs gh-deploy

test: lint system-deps
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check speechkb tests scripts
	$(BIN)/ruff format --check speechkb tests scripts
	$(BIN)/mypy

$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[test]'
	touch $@

system-deps:
	scripts/install-system-deps.sh

clean:
	rm -rf site dist .speechkb-cache docs/speeches docs/_generated docs/sectors docs/terms docs/briefings docs/search-index docs/kb.json.gz $(VENV)
