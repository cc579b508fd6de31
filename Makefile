PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= vnlex.db
SCALE ?= 1
CORPUS ?=
ENGINE ?= sqlite

.PHONY: install serve test lint bench clean

$(BIN)/vnlex: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/vnlex

install: $(BIN)/vnlex

serve: install
	$(BIN)/vnlex db upgrade --db sqlite:///$(DB)
	$(BIN)/vnlex ingest corpus --db sqlite:///$(DB)
	$(BIN)/vnlex serve --db sqlite:///$(DB) --host 127.0.0.1 --port 8000

test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: install
	$(BIN)/python -m bench --scale $(SCALE) --engine $(ENGINE) $(foreach c,$(CORPUS),--corpus $(c))

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
