# Community Hub: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := wsgi.py

.PHONY: serve-prod worker run test test-e2e lint format install migrate seed bench bench-quick clean \
	messages translations compile-translations

# Translations (docs/translations.md): extract the marked strings, merge them into
# each catalogue, compile the .mo files the app reads. No fuzzy matching: a new
# or changed string arrives untranslated, and tests/i18n fails until it is done.
TRANSLATIONS := community/translations
POT := $(TRANSLATIONS)/messages.pot
PO_FILES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
BABEL_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --add-location=file \
		--sort-output --project="Community Hub" -o $(POT) .

translations: messages
	$(BIN)/pybabel update -i $(POT) -d $(TRANSLATIONS) --no-fuzzy-matching --ignore-obsolete

# Fuzzy entries are never compiled (and tests/i18n refuses them).
%/messages.mo: %/messages.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@

compile-translations: $(MO_FILES)

migrate: $(STAMP)
	mkdir -p instance
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask seed-demo

run: seed compile-translations
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: $(STAMP) compile-translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-e2e: $(STAMP) compile-translations
	$(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks (bench/, README "Performance"): load only 127.0.0.1, for a fixed time.
# PostgreSQL: BENCH_POSTGRES_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/bench_run).
WRK_INSTALL := command -v wrk >/dev/null || { apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

bench: $(STAMP)
	$(WRK_INSTALL)
	$(BIN)/python -m bench.run --database both $(BENCH_ARGS)
	$(BIN)/python -m bench.micro

bench-quick: $(STAMP)
	$(WRK_INSTALL)
	$(BIN)/python -m bench.run --quick --database both $(BENCH_ARGS)
	$(BIN)/python -m bench.micro

clean:
	rm -rf $(VENV) instance/*.db .pytest_cache

# Production-like: gunicorn against DATABASE_URL (and REDIS_URL when set).
serve-prod: migrate compile-translations
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

worker: $(STAMP)
	$(BIN)/flask worker
