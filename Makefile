# Build and test plivo.provisioning from nothing but python3 and a package index.
#   make demo   run playbooks/demo.yml against the bundled Plivo API emulator
#               (make demo-teardown: and remove it all again)
#   make test   every check, as one pytest session
#   make bench  the fleet benchmark: the roles against the SDK and uri baselines (not part of test)
# Helpers: venv, install, unit, sanity, integration, lint, doc, changelog, lock, clean.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST := $(BIN)/python -m pytest
# Extra pytest options, e.g. make test PYTEST_ARGS='-x -k sanity'
PYTEST_ARGS ?=

.PHONY: all demo demo-teardown test bench venv install unit sanity integration lint doc changelog lock clean
# Extra options for bench/run.py, e.g. make bench BENCH_ARGS='--forks 10 --uri-scale 0.1'
BENCH_ARGS ?=

all: test

## venv: create .venv and install the pinned tools (skipped when unchanged)
venv:
	@PYTHON=$(PYTHON) bash tools/ensure-venv

## install: the working tree as a collection under .collections/, and ansible-test's pip bootstrap
install: venv
	@bash tools/install-collection
	@$(BIN)/python tools/seed_ansible_test_cache.py

## demo: the demo playbook and inventory: check+diff, apply (as predicted), re-apply (unchanged),
## drift report (no drift), then the SIP usernames and trunk domains to configure
demo: install
	@$(BIN)/python tools/demo.py

## demo-teardown: the demo, then teardown.yml (check+diff, then for real: the account is empty again)
demo-teardown: install
	@$(BIN)/python tools/demo.py --teardown

## bench: 10 carriers, 1,000 numbers, 20 PBX hosts against the emulator at 50 ms latency; the
## collection's first run and re-run against an SDK script and a uri playbook (a few minutes);
## tables in bench/results/
bench: install
	@$(BIN)/python bench/run.py $(BENCH_ARGS)

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
	$(PYTEST) tests/suites -k 'documentation or docs or examples or fragment or action_group' $(PYTEST_ARGS)

## changelog: fold the fragments and new modules into changelog.yaml and CHANGELOG.rst,
## as the release galaxy.yml names (re-running for the same version adds only what is new)
changelog: venv
	@bash tools/release-changelog

## lock: re-resolve requirements-dev.txt into requirements-constraints.txt
lock:
	@PYTHON=$(PYTHON) bash tools/lock-requirements

clean:
	rm -rf $(VENV) .collections tests/output .pytest_cache
	find . -name __pycache__ -type d -not -path './.git/*' -prune -exec rm -rf {} +
