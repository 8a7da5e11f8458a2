# Build and test plivo.provisioning from nothing but python3 and a package index.
#   make demo   run playbooks/demo.yml against the bundled Plivo API emulator
#   make test   every check, as one pytest session
# Helpers: venv, install, unit, sanity, integration, lint, doc, lock, clean.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST := $(BIN)/python -m pytest
# Extra pytest options, e.g. make test PYTEST_ARGS='-x -k sanity'
PYTEST_ARGS ?=

.PHONY: all demo test venv install unit sanity integration lint doc lock clean

all: test

## venv: create .venv and install the pinned tools (skipped when unchanged)
venv:
	@PYTHON=$(PYTHON) bash tools/ensure-venv

## install: the working tree as a collection under .collections/, and ansible-test's pip bootstrap
install: venv
	@bash tools/install-collection
	@$(BIN)/python tools/seed_ansible_test_cache.py

## demo: the demo playbook, three times (check+diff, apply, re-apply: must be unchanged)
demo: install
	@$(BIN)/python tools/demo.py

## test: everything; one pytest session with one closing line
test: install
	$(PYTEST) $(PYTEST_ARGS)

unit: install
	$(PYTEST) tests/unit $(PYTEST_ARGS)

sanity: install
	$(PYTEST) tests/suites -k sanity $(PYTEST_ARGS)

integration: install
	$(PYTEST) tests/suites -k integration $(PYTEST_ARGS)

lint: install
	$(PYTEST) tests/suites -k 'lint or changelog' $(PYTEST_ARGS)

doc: install
	$(PYTEST) tests/suites -k documentation $(PYTEST_ARGS)

## lock: re-resolve requirements-dev.txt into requirements-constraints.txt
lock:
	@PYTHON=$(PYTHON) bash tools/lock-requirements

clean:
	rm -rf $(VENV) .collections tests/output .pytest_cache
	find . -name __pycache__ -type d -not -path './.git/*' -prune -exec rm -rf {} +
