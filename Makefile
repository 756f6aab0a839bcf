# make report: build every table from data/raw, then the report.
# make test:   ruff, mypy --strict on econ/, the whole test suite (offline, deterministic).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
SPARK_STAMP := $(VENV)/.installed-spark
BENCH_STAMP := $(VENV)/.installed-bench
# one BLAS thread per process (see econ/cli.py): small models, threads cost more than they save
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
export MKL_NUM_THREADS ?= 1

.PHONY: report test test-spark refresh bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP)

$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@ $(TEST_STAMP) $(STAMP)

report: $(STAMP)
	$(BIN)/econ refresh
	$(BIN)/econ report

refresh: $(STAMP)
	$(BIN)/econ refresh

test: $(TEST_STAMP)
	$(BIN)/ruff check econ tests benchmarks scripts
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

# the dependence screen's SQL on Spark SQL against DuckDB (needs Java 17 on the system)
$(SPARK_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,spark]"
	touch $@ $(TEST_STAMP) $(STAMP)

test-spark: $(SPARK_STAMP)
	$(BIN)/python -m pytest -m spark tests/indicators/test_screen_spark.py

bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/refresh.py
	$(BIN)/python benchmarks/tsa.py
	$(BIN)/python benchmarks/forecast.py

clean:
	rm -rf data/processed reports
