# zone-monitor: `make demo` runs the pipeline offline; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every install takes its versions from this lock (pinned constraints compiled from pyproject.toml
# by `make lock`); pyproject.toml keeps loose ranges, the lock pins.
LOCK := requirements.lock
PIP_INSTALL := $(BIN)/python -m pip install --quiet -c $(LOCK)
export MONITOR_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: demo test install lint bench clean fuzz soak lock locale

# pip first (the locked one: older pips fail on some extras), then the project with its test extra.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip
	$(PIP_INSTALL) -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/monitor demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The one translation catalogue (monitor/i18n.py): extract every marked string, merge it into the Chinese and
# English catalogues (translate the new Chinese entries in monitor/locale/zh_CN), compile the .mo files.
locale: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o monitor/locale/messages.pot --no-location --sort-output --omit-header --project zone-monitor .
	$(BIN)/pybabel update -i monitor/locale/messages.pot -d monitor/locale --ignore-obsolete --no-fuzzy-matching --width 120
	$(BIN)/python -m monitor.i18n
	$(BIN)/pybabel compile -d monitor/locale --statistics

lint: $(STAMP)
	$(BIN)/ruff check monitor scrapers tests migrations

# Benchmarks (not tests): each script prints its figures next to the reference tool's.
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP)
	$(PIP_INSTALL) -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/summary.py  # one table: calibration first, then each benchmark's figures (logs in var/bench-logs)

# Long fuzzing campaigns of the parsers of untrusted input (issue 9); crashes go to tests/regressions/.
fuzz: $(STAMP)
	MONITOR_HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_properties.py tests/test_hostile.py

# Long runs of issue 9: 20 rounds of each SIGKILL loop (crawl, digest run), then the 10,000-article load run.
soak: $(STAMP)
	MONITOR_KILL_ROUNDS=20 $(BIN)/python -m pytest -q tests/test_kill_loops.py tests/test_channel_kill_loop.py
	$(BIN)/python bench/load.py

# Refresh the lock after a change to pyproject.toml: keeps the locked versions that still fit
# (`make lock LOCK_FLAGS=--upgrade` moves every package to its newest allowed version). Resolved
# against PyPI alone, for Python 3.11 on every platform, whatever the local pip or uv config says.
UV_VERSION := 0.13.9
LOCK_TOOLS := $(VENV)/lock-tools
LOCK_FLAGS ?=
lock:
	test -x $(LOCK_TOOLS)/bin/uv || { $(PYTHON) -m venv $(LOCK_TOOLS) && $(LOCK_TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION); }
	echo 'pip>=25' | $(LOCK_TOOLS)/bin/uv pip compile pyproject.toml - --all-extras \
		--python-version 3.11 --universal --no-config --index-url https://pypi.org/simple \
		--custom-compile-command 'make lock' $(LOCK_FLAGS) -o $(LOCK)

clean:
	rm -rf $(VENV) var .pytest_cache
