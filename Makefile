# Two set-up commands (see README): `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Address the app listens on. 127.0.0.1 keeps it on this machine; a clinic that
# serves tablets over its own network sets ADDRESS=0.0.0.0 (or the machine's IP).
ADDRESS ?= 127.0.0.1
PORT ?= 8501

.PHONY: run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt requirements.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

run: $(VENV)/.runtime
	$(BIN)/python -m ui.server run app.py --server.address $(ADDRESS) --server.port $(PORT)

test: $(VENV)/.test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.test
	$(BIN)/python bench/run.py
	$(BIN)/python bench/concurrency.py

clean:
	rm -rf $(VENV) tests/screenshots .pytest_cache
