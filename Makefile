# The README's commands are these targets. Prerequisites: Python >= 3.11, Node >= 20, make;
# Chromium (/usr/bin/chromium) for the browser tests.
PORT ?= 8000
PYTHON ?= python3
PY := .venv/bin/python
# uv comes from PATH, or is installed once into .tools/ from PyPI.
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)

.PHONY: setup run test lint format e2e-check

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

setup: $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	npm ci --no-audit --no-fund --loglevel=error

# The task worker (mail, issued PDFs, expected reports) runs in the background beside the web
# server and is stopped when the web server stops (Ctrl+C).
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddemo
	@echo ""
	@echo "Kế hoạch: http://127.0.0.1:$(PORT)/   (quản trị: http://127.0.0.1:$(PORT)/admin/)"
	@echo ""
	$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format:
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

e2e-check:
	@$(PY) -m tests.e2e.browser

test: setup lint e2e-check
	$(PY) -m pytest -n auto --dist loadfile
