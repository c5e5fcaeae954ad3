# speechkb: `make site` builds the site, `make test` runs every test.
# Both install what they need first (a virtualenv in .venv, Debian packages for the tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: site serve test lint system-deps clean

site: $(INSTALLED)
	$(BIN)/speechkb build

serve: $(INSTALLED)
	$(BIN)/speechkb serve

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
	rm -rf site docs/speeches docs/_generated docs/sectors docs/terms docs/briefings docs/kb.json $(VENV)
