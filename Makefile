# CapaDesk — two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck imports pytest bench fixtures clean help

help:
	@echo "make run    — installe (si besoin) et lance CapaDesk"
	@echo "make test   — installe (si besoin) puis lint, types, contrats d'import et tests"
	@echo "make bench  — mesures de performance (bench/results.json)"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "CapaDesk demande Python 3.11 ou plus récent")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# With no display, the window opens on a virtual screen (Xvfb) when one is installed.
run: $(STAMP)
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ "$$(uname)" = Linux ]; then \
	  if command -v xvfb-run >/dev/null; then \
	    echo "Pas d'écran : CapaDesk s'ouvre sur un écran virtuel (Xvfb)."; \
	    xvfb-run -a -s "-screen 0 1600x900x24" $(BIN)/capadesk $(ARGS); \
	  else \
	    echo "Pas d'écran ni de Xvfb : CapaDesk s'ouvre hors écran (QT_QPA_PLATFORM=offscreen)."; \
	    QT_QPA_PLATFORM=offscreen $(BIN)/capadesk $(ARGS); \
	  fi; \
	else $(BIN)/capadesk $(ARGS); fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports --no-cache

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen CAPADESK_SCREENSHOTS=tests/screenshots $(BIN)/python -m pytest -q

test: lint typecheck imports pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# Regenerate the committed fixture store of the newest revision (see tests/fixtures/db/README.md).
fixtures: $(STAMP)
	$(BIN)/python -m tests.fixtures.make_fixture_db

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache
