# Pilothouse: `make run` to use it, `make test` to check it.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint install

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the dependencies change.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e '.[test]'
	touch $@

install: $(STAMP)

run: $(STAMP)
	$(PY) manage.py compilepo
	$(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(PY) manage.py compilepo
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) manage.py compilepo
	$(PY) -m pytest tests/bench -p no:cacheprovider -q -s
	$(PY) tests/bench/bench_scheduler.py --nodes 100 1000  # add 5000: ~12 GiB

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check manage.py visual tests/conftest.py tests/visual \
		tests/browser tests/bench/test_web_bench.py tests/bench/test_browser_bench.py \
		tests/bench/screenshots.py
