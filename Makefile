# Two commands do all set-up on a fresh machine: `make book` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.test-installed
NODE_STAMP := node_modules/.installed
CHROMIUM := /usr/bin/chromium
HTML := _build/html

.PHONY: book test serve clean chromium java publish rerun verify bench

# Every package is installed only if its file has the hash the lock records (requirements*.txt, compiled from
# requirements*.in by pip-tools: see the README).
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# npm tools (Lighthouse, the Nu Html Checker), exactly as package-lock.json records them; no install scripts.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(TEST_STAMP): $(STAMP) requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.txt
	touch $@

## book: install the pinned environment (and Debian's chromium, which renders the chart images), execute every
##       chapter, build the site and publish it to _build/html (only when the whole build succeeded; a failed
##       build leaves the last good site untouched)
book: $(STAMP) chromium
	$(PY) -m karabakh_book.build.publish build .

## test: install test tools, the npm tools, Debian's chromium and Java (for the Nu Html Checker), build the book,
##       run every test
test: $(TEST_STAMP) $(NODE_STAMP) chromium java book
	$(PY) -m pytest

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chart images and browser tests need Debian's chromium at $(CHROMIUM): run 'sudo apt-get install chromium', then 'make test'." >&2; exit 1; \
	  fi; \
	fi

java:
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else \
	    echo "The HTML check needs Java 17: run 'sudo apt-get install default-jre-headless', then 'make test'." >&2; exit 1; \
	  fi; \
	fi

## publish: copy the last good site to any static host folder, swapped in atomically (make publish DEST=/srv/www/book)
publish:
	@test -n "$(DEST)" || { echo "usage: make publish DEST=<folder>" >&2; exit 2; }
	$(PY) -m karabakh_book.build.publish copy $(HTML) $(DEST)

## rerun: re-execute one chapter from scratch and compare it with the published build (make rerun CHAPTER=exodus)
rerun: $(STAMP)
	@test -n "$(CHAPTER)" || { echo "usage: make rerun CHAPTER=<name>, e.g. exodus" >&2; exit 2; }
	$(PY) -m karabakh_book.build.reproduce $(CHAPTER)

## verify: re-execute every chapter and compare it with the published build
verify: $(STAMP)
	$(PY) -m karabakh_book.build.reproduce all

## bench: build speed, page weight, and Lighthouse (mobile) on every page, on this machine (medians; BENCH_RUNS=3)
bench: $(TEST_STAMP) $(NODE_STAMP) chromium book
	$(PY) -m karabakh_book.build.bench

## serve: preview the built site on http://127.0.0.1:8000, compressed and with cache headers as a real host serves it
serve:
	$(PY) -m karabakh_book.build.serve $(HTML) 8000

## clean: remove the build, its execution cache and the virtual environment
clean:
	rm -rf _build $(VENV)
