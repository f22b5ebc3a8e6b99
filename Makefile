# zone-monitor: `make demo` runs the pipeline offline; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export MONITOR_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: demo test install lint bench clean fuzz soak

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/monitor demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check monitor scrapers tests migrations

# Benchmarks (not tests): each script prints its figures next to the reference tool's.
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Long fuzzing campaigns of the parsers of untrusted input (issue 9); crashes go to tests/regressions/.
fuzz: $(STAMP)
	MONITOR_HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_properties.py tests/test_hostile.py

# Long runs of issue 9: 20 rounds of each SIGKILL loop (crawl, digest run), then the 10,000-article load run.
soak: $(STAMP)
	MONITOR_KILL_ROUNDS=20 $(BIN)/python -m pytest -q tests/test_kill_loops.py
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) var .pytest_cache
