# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint venv clean messages docs example-test

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

## run: the service on SQLite under ./var/, with a demo forum, on 127.0.0.1:8000 (FORUMKIT_PORT)
run: $(STAMP)
	$(BIN)/forumkit migrate
	$(BIN)/forumkit demo
	$(BIN)/forumkit serve

## test: the whole suite (on PostgreSQL too when FORUMKIT_TEST_POSTGRES_URL is set), on
## PYTEST_WORKERS processes (2: the suite keeps both cores busy, and a third process only
## adds its own start, collection and Chromium), an idle one taking tests from a busy one;
## compiled modules are kept, so the processes the tests start do not compile them again
PYTEST_WORKERS ?= 2
test: $(STAMP)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

## example-test: the example forum (examples/forum) and a real ForumKit, end to end; ForumKit
## is stopped for FORUM_E2E_OUTAGE_SECONDS (60), alerts wait their minute: about 3 minutes
example-test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider examples/forum/tests

# mypy reads plugins/ and adapters/ under the names they install as (forumkit.plugins,
# forumkit.adapters), through a tree of links, so imports between them are checked.
TYPECHECK := $(VENV)/typecheck
lint: $(STAMP)
	$(BIN)/ruff check forumkit plugins adapters tests bench examples
	rm -rf $(TYPECHECK) && mkdir -p $(TYPECHECK)/forumkit
	ln -s $(CURDIR)/forumkit/* $(TYPECHECK)/forumkit/
	ln -s $(CURDIR)/plugins $(TYPECHECK)/forumkit/plugins
	ln -s $(CURDIR)/adapters $(TYPECHECK)/forumkit/adapters
	cd $(TYPECHECK) && $(CURDIR)/$(BIN)/mypy --config-file $(CURDIR)/pyproject.toml -p forumkit

## messages: the gettext template of every message (forumkit/messages/locales/forumkit.pot)
messages: $(STAMP)
	$(BIN)/forumkit messages extract

# docs/actions.md is written from the action models; a test checks it is current.
docs: $(STAMP)
	$(BIN)/python -m forumkit.contract_doc docs/actions.md

clean:
	rm -rf $(VENV) var
