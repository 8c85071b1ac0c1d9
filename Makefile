# Two commands on a fresh machine: `make run` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS := examples/corpus/reports.jsonl

.PHONY: install run test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[model,test]'
	touch $(STAMP)

run: install
	$(BIN)/incidentwire ingest $(CORPUS) --db sqlite:///$(CURDIR)/demo.sqlite
	$(BIN)/incidentwire incidents --db sqlite:///$(CURDIR)/demo.sqlite

test: install
	scripts/ensure-postgres
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
