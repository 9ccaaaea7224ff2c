# newsdesk: the verbs people use. Every target sets up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
# empty: data/articles, or the demo corpus data/demo while data/articles holds no article
ARTICLES ?=
EXPORTS  ?= exports
# e.g. make report REPORT_ARGS="--since 2008-09-01 --keyword Obama"
REPORT_ARGS ?=

.PHONY: setup report test lab notebooks lint clean-cache

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@echo "Setting up $(VENV): installing the pinned packages of requirements.txt (a few minutes the first time)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# pip's own lines show the progress; the ~170 "already satisfied" lines of a rerun do not
	@{ $(BIN)/python -m pip install -r requirements.txt; echo $$? > $(VENV)/.pip-status; } \
		| grep -v '^Requirement already satisfied' || true; exit $$(cat $(VENV)/.pip-status)
	@rm -f $(VENV)/.installed-*
	@touch $@
	@echo "Set up $(VENV)."

## report: analyse data/articles (or the demo) and write report.html, tables, frames, charts and notebooks to exports/
report: $(STAMP)
	@$(BIN)/newsdesk report --articles "$(ARTICLES)" --exports "$(EXPORTS)" $(REPORT_ARGS)

## test: the unit tests and every notebook through nbval
test: $(STAMP)
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env \
		--sanitize-with notebooks/nbval_sanitize.cfg -p no:cacheprovider

## test-browser: the report, then every notebook run in JupyterLab in headless Chromium and the
## report page opened (screenshots in exports/screenshots/); needs Debian's chromium and chromium-driver
.PHONY: test-browser
test-browser: report
	$(BIN)/python -m pytest tests_browser -p no:cacheprovider --durations=10 \
		--report $(EXPORTS)/report.html --screenshots $(EXPORTS)/screenshots

## lab: JupyterLab on the notebooks
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

## notebooks: re-execute every notebook in place, so stored outputs match a fresh run
notebooks: $(STAMP)
	cd notebooks && for nb in [0-9]*.ipynb; do \
		../$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.timeout=1200 --ExecutePreprocessor.record_timing=False \
			"$$nb" || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check lib tests benchmarks

clean-cache:
	rm -rf .newsdesk-cache
