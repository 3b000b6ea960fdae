# Signaalpunt — every target sets itself up (virtualenv + locked install) first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test chromium test-unit test-api test-flows lint bench bench-engine bench-abuse bench-faults bench-protocol bench-privacy bench-webhooks bench-overview bench-staff bench-fanout catalogues migrate lock clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/signaalpunt prepare
	touch $(STAMP)

## Start API + worker (embedded PostgreSQL/Redis unless DATABASE_URL/REDIS_URL are set).
run: $(STAMP)
	$(BIN)/signaalpunt dev

## The whole suite: lint, format, layers, types, then every test tier (the browser tests
## need Debian's chromium: installed here when missing and allowed).
test: lint chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

chromium:
	@command -v chromium >/dev/null 2>&1 || apt-get install -y chromium >/dev/null 2>&1 || \
	  (apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1) || \
	  (echo "Install Debian's chromium (apt-get install chromium) for the browser tests"; exit 1)

## The periodic overview over a year of a million reports (target <= 5 s).
bench-overview: $(STAMP)
	$(BIN)/python -m bench.overview_scale

## After changing a reporter-facing text: refresh the API's catalogues from the code (then
## translate what is new in vocabulary/locale/<lang>/LC_MESSAGES/signaalpunt.po).
catalogues: $(STAMP)
	$(BIN)/pybabel extract -F vocabulary/locale/babel.cfg --no-default-keywords -k t -k N_ \
	  --no-location --sort-output -o vocabulary/locale/signaalpunt.pot \
	  domain resolvers schema workers messaging privacy auth vocabulary
	$(BIN)/pybabel update -i vocabulary/locale/signaalpunt.pot -d vocabulary/locale -D signaalpunt --no-fuzzy-matching

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pyright

## One tier: pure logic (seconds), the in-process API, or the flows on the process stack.
test-unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit $(PYTEST_ARGS)
test-api: $(STAMP)
	$(BIN)/python -m pytest tests/api $(PYTEST_ARGS)
test-flows: $(STAMP)
	$(BIN)/python -m pytest tests/flows $(PYTEST_ARGS)

## submitReport throughput against a bare Starlette+asyncpg endpoint.
bench: $(STAMP)
	$(BIN)/python -m bench.submit_throughput

## Deduplication/theme engine quality and scale.
bench-engine: $(STAMP)
	$(BIN)/python -m bench.engine_quality
	$(BIN)/python -m bench.engine_scale

## Trust: refusing abusive requests (time, memory), faults under load, the GraphQL-over-HTTP audit.
bench-abuse: $(STAMP)
	$(BIN)/python -m bench.abuse
bench-faults: $(STAMP)
	$(BIN)/python -m bench.faults
bench-privacy: $(STAMP)
	$(BIN)/python -m bench.privacy_masking --set holdout2
	$(BIN)/python -m bench.privacy_masking --set holdout
## Municipal webhooks: 1,000 abonnementen on 50 receivers, commit-to-delivery p50/p99, rate.
bench-webhooks: $(STAMP)
	$(BIN)/python -m bench.webhook_delivery
## Staff queries at a million reports in 10,000 themes: p50/p95 and SQL statements per operation.
bench-staff: $(STAMP)
	$(BIN)/python -m bench.staff_queries
## themeUpdates fan-out: 1,000 subscribers on two API processes, change-to-arrival p50/p99.
bench-fanout: $(STAMP)
	$(BIN)/python -m bench.theme_fanout
bench-protocol: $(STAMP)
	$(BIN)/python -m bench.protocol_audit

migrate: $(STAMP)
	$(BIN)/signaalpunt migrate

## Re-resolve the pinned, hashed dependency set after a change to pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
		--python-version 3.11 --quiet -o requirements.lock

clean:
	rm -rf $(VENV) .data
