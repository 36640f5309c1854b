# CapaDesk — two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CATALOGUE := resources/locale/en/LC_MESSAGES/capadesk

.PHONY: run test lint typecheck imports pytest bench fixtures clean help bundle bundle-bare

help:
	@echo "make run    — installe (si besoin) et lance CapaDesk"
	@echo "make test   — installe (si besoin) puis lint, types, contrats d'import et tests"
	@echo "make bench  — mesures de performance (bench/results.json)"
	@echo "make bundle — dossier autonome dist/capadesk (PyInstaller), voir packaging/README.md"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "CapaDesk demande Python 3.11 ou plus récent")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# The compiled English catalogue (generated, not committed; i18n reads the .po without it).
$(CATALOGUE).mo: $(CATALOGUE).po $(STAMP)
	$(BIN)/python -m tools.i18n compile

# With no display, the window opens on a virtual screen (Xvfb) when one is installed.
run: $(STAMP) $(CATALOGUE).mo
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

pytest: $(STAMP) $(CATALOGUE).mo
	QT_QPA_PLATFORM=offscreen CAPADESK_SCREENSHOTS=tests/screenshots $(BIN)/python -m pytest -q

test: lint typecheck imports pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# Regenerate the committed fixture store of the newest revision (see tests/fixtures/db/README.md).
fixtures: $(STAMP)
	$(BIN)/python -m tests.fixtures.make_fixture_db

# The one-folder bundle dist/capadesk (see packaging/README.md); icons are drawn from the SVG first.
PYINSTALLER := $(BIN)/pyinstaller --noconfirm --log-level WARN
bundle: $(STAMP) $(CATALOGUE).mo
	$(BIN)/python packaging/make_icons.py build/icons
	$(PYINSTALLER) --distpath dist --workpath build/pyinstaller capadesk.spec
	@echo "dist/capadesk : $$(du -sh dist/capadesk | cut -f1)"

# The yardstick for the bundle's size: a bare PySide6-Essentials window, same spec options.
bundle-bare: $(STAMP)
	$(PYINSTALLER) --distpath build/bare/dist --workpath build/bare/work packaging/bare/bare.spec

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache
