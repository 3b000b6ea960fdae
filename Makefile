# Signaalpunt — every target sets itself up (virtualenv + install) first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-engine migrate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Start API + worker (embedded PostgreSQL/Redis unless DATABASE_URL/REDIS_URL are set).
run: $(STAMP)
	$(BIN)/signaalpunt dev

## Run the whole test suite (real PostgreSQL + Redis: configured or embedded).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## submitReport throughput against a bare Starlette+asyncpg endpoint.
bench: $(STAMP)
	$(BIN)/python -m bench.submit_throughput

## Deduplication/theme engine quality and scale.
bench-engine: $(STAMP)
	$(BIN)/python -m bench.engine_quality
	$(BIN)/python -m bench.engine_scale

migrate: $(STAMP)
	$(BIN)/signaalpunt migrate

clean:
	rm -rf $(VENV) .data
