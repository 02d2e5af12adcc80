# Offer-letter scenario explorer: developer entry points.
#   make run         start the Streamlit app on http://$(ADDRESS):$(PORT)
#   make test        run the whole pytest suite (engine, app, headless browser)
#   make bench       run the benchmarks (engine, reruns, uncertainty, memo, first chart)
#   make loadtest    8 concurrent headless-Chromium sessions (open, then gated); prints its figures
#   make screenshot  regenerate docs/screenshot.png with headless Chromium
#   make clean       remove the virtualenv and caches

PYTHON      ?= python3
VENV        ?= .venv
PORT        ?= 8501
ADDRESS     ?= localhost
PYTEST_ARGS ?=

VENV_PY := $(VENV)/bin/python
PIP     := $(VENV_PY) -m pip --disable-pip-version-check -q

RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP     := $(VENV)/.installed-dev

.DEFAULT_GOAL := help

.PHONY: help venv install install-dev run test bench loadtest screenshot clean

help:
	@echo "Targets: run test bench loadtest screenshot clean"
	@echo "Variables: PYTHON=$(PYTHON) VENV=$(VENV) PORT=$(PORT) ADDRESS=$(ADDRESS) PYTEST_ARGS=$(PYTEST_ARGS)"

# Create the virtualenv only if it doesn't exist yet (pip is not upgraded).
$(VENV_PY):
	$(PYTHON) -m venv $(VENV)

venv: $(VENV_PY)

$(RUNTIME_STAMP): requirements.txt | $(VENV_PY)
	$(PIP) install -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements-dev.txt requirements.txt $(RUNTIME_STAMP) | $(VENV_PY)
	$(PIP) install -r requirements-dev.txt
	@touch $@

install: $(RUNTIME_STAMP)

install-dev: $(DEV_STAMP)

run: $(RUNTIME_STAMP)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

test: $(DEV_STAMP)
	$(VENV_PY) -m pytest $(PYTEST_ARGS)

bench: $(RUNTIME_STAMP) $(DEV_STAMP)
	$(VENV_PY) -m bench
	$(VENV_PY) -m bench.uncertainty
	$(VENV_PY) -m bench.memo
	$(VENV_PY) -m bench.first_chart

loadtest: $(DEV_STAMP)
	$(VENV_PY) -m tests.load.sessions --sessions 8 --rounds 10

screenshot: $(DEV_STAMP)
	$(VENV_PY) -m tests.browser.screenshot docs/screenshot.png

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name '*.pyc' -delete
