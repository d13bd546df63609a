# Two commands for a newcomer: `make run` and `make test`; `make lint` before a commit.
# The stamps depend on pyproject.toml, so a second run skips the install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench screenshot install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/wiredesk

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# Style (ruff), types (mypy) and the layer rules between tui's rooms (lint-imports, .importlinter),
# configured in pyproject.toml. Every check runs; any failure fails.
lint: $(VENV)/.installed-test
	@status=0; \
	$(BIN)/ruff check || status=1; \
	$(BIN)/mypy || status=1; \
	$(BIN)/lint-imports || status=1; \
	exit $$status

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench

screenshot: $(VENV)/.installed
	$(BIN)/python docs/screenshot.py

# `wiredesk` on the PATH (for a tmux status line): with pipx when there is one (its own venv, a copy
# of this checkout), else a link in ~/.local/bin to this checkout's .venv.
install: $(VENV)/.installed
	@if command -v pipx >/dev/null 2>&1; then pipx install --force .; \
	else mkdir -p $(HOME)/.local/bin && ln -sf $(CURDIR)/$(BIN)/wiredesk $(HOME)/.local/bin/wiredesk && \
	echo "linked $(HOME)/.local/bin/wiredesk -> $(CURDIR)/$(BIN)/wiredesk"; fi

clean:
	rm -rf $(VENV)
