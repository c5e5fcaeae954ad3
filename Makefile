# speechkb: `make site` builds the site, `make test` runs every test.
# Both install what they need first (a virtualenv in .venv, Debian packages for the tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: site serve test system-deps clean

site: $(INSTALLED)
	$(BIN)/speechkb build

serve: $(INSTALLED)
	$(BIN)/speechkb serve

test: $(INSTALLED) system-deps
	$(BIN)/pytest

$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[test]'
	touch $@

system-deps:
	scripts/install-system-deps.sh

clean:
	rm -rf site docs/speeches docs/_generated $(VENV)
