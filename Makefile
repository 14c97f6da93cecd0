# Two set-up commands (see README): `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Address the app listens on. 127.0.0.1 keeps it on this machine; a clinic that
# serves tablets over its own network sets ADDRESS=0.0.0.0 (or the machine's IP).
ADDRESS ?= 127.0.0.1
PORT ?= 8501

.PHONY: run test test-fast bench bench-full mutate clean

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

# `make test` (and CI) runs on three processes (pytest-xdist; each browser module stays whole on
# one worker, longest first: tests/conftest.py); the third is a lane for the modules that mostly
# wait on the clock (tests/conftest.py, WAITING); WORKERS=2 runs without the lane, WORKERS=0 in one
# process. Measured on 2 quiet cores, December 2026: three workers 8 min 26 s - 9 min 47 s
# (2,120-2,128 tests, the cores about 89% busy); two workers 10 min 3 s - 10 min 48 s (the same
# commit varies by 10%). Of the first nine runs with the lane, one found the desk race (fixed
# since: ui/server.py section 9, tests/browser/test_desk_watch_race.py) and one failed a timing
# check that was timed from the test's own worker (test_server_hardening's health p95 during a
# handshake flood, 59.5 ms against 50): such timings now come from a probe process in the
# servers' CPU group (tests/browser/health_probe.py). Before the lane, three workers found a test
# that read a page a moment too early in three of nine runs (each fixed since).
# The app's servers under test run in a favoured CPU group and tabs are brought to the front before use
# (tests/browser/harness.py), which made three workers possible at all. Debian's chromium-headless-shell
# (CHROMIUM_PATH=/usr/bin/chromium-headless-shell) costs about 30% less CPU (three workers: 7 min 46 s -
# 9 min 10 s, three clean runs), but a kiosk runs the full browser, and only two of those runs came after a
# test's call that hung in it twice (page.mouse.wheel during a reload) was replaced.
WORKERS ?= 3
# The quick loop (unit and AppTest: no timing, no server) runs on two processes.
FAST_WORKERS ?= 2
parallel = $(if $(filter-out 0,$(1)),-n $(1) --dist loadgroup --no-loadscope-reorder)

test: $(VENV)/.test
	$(BIN)/python -m pytest $(call parallel,$(WORKERS)) $(PYTEST_ARGS)

# The quick loop: unit and AppTest tests, no browser (about 1 minute on 2 quiet cores,
# 2 on busy ones; 1,799 tests in 57 s, December 2026). CI and `make test` still run everything.
test-fast: $(VENV)/.test
	$(BIN)/python -m pytest $(call parallel,$(FAST_WORKERS)) tests/unit tests/apptest $(PYTEST_ARGS)

$(VENV)/.mutate: requirements-mutate.txt $(VENV)/.test
	$(BIN)/python -m pip install --quiet -r requirements-mutate.txt
	touch $@

# The instant figures (taps, first chart, layout shift, replay frames) against both bare
# baselines, then page changes (bench/page_change.py, Home tile -> new page against a bare
# two-page app): about 4.5 minutes. Exit status 1 on a FAIL. bench/run.py chooses the phases;
# each figure's driver is a module of bench/drivers/, the table and PASS/FAIL bench/report.py.
bench: $(VENV)/.test
	$(BIN)/python bench/run.py; status=$$?; $(BIN)/python bench/page_change.py && exit $$status

# Everything (script time, cold opens, 20 sessions, the 2,000-tap soak), then concurrency.py:
# about 30 minutes. Both parts run even if the first reports a FAIL; the exit status says if either did.
bench-full: $(VENV)/.test
	$(BIN)/python bench/run.py --full; status=$$?; $(BIN)/python bench/concurrency.py && exit $$status

# Mutation testing of explainer/ (settings in setup.cfg; each mutant runs the unit tests
# that reach it). Not part of `make test` or CI. 22 minutes measured on 2 cores that are not
# busy (4,372 mutants, 3.3 a second at load average 5-9), far longer on busy ones; a second run only
# retests what changed. Then a table of the share of mutants killed per module. One
# module: `.venv/bin/mutmut run "explainer.common.params*" && .venv/bin/python tools/mutation_score.py`.
mutate: $(VENV)/.mutate
	$(BIN)/mutmut run > mutmut.log 2>&1 || { tail -n 20 mutmut.log; exit 1; }
	$(BIN)/python tools/mutation_score.py

clean:
	rm -rf $(VENV) tests/screenshots .pytest_cache mutants
