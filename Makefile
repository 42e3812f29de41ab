# pokin — two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PLAN   := examples/dinsos_kotim_2025.yaml
WORKSPACE := examples/workspace
OUT    := out

.PHONY: demo test lint check bench schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The package is installed editable; its bytecode is compiled once here so
# that every run starts quickly even where PYTHONDONTWRITEBYTECODE is set.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q src
	@touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src
	@touch $@ $(VENV)/.runtime

demo: $(VENV)/.runtime
	@mkdir -p $(OUT)
	$(BIN)/pokin validate $(PLAN)
	$(BIN)/pokin budget $(PLAN) --by csf
	$(BIN)/pokin tree $(PLAN) --svg $(OUT)/pohon_kinerja.svg
	$(BIN)/pokin report $(PLAN) -o $(OUT)/laporan.html
	$(BIN)/pokin report $(PLAN) -o $(OUT)/laporan.md
	$(BIN)/pokin pk $(PLAN) --all -o $(OUT)/pk
	$(BIN)/pokin validate $(PLAN) --format sarif > $(OUT)/pokin.sarif
	$(BIN)/pokin export $(PLAN) -o $(OUT)/rencana.xlsx
	$(BIN)/pokin validate $(WORKSPACE)
	$(BIN)/pokin budget $(WORKSPACE) --by urusan
	$(BIN)/pokin tree $(WORKSPACE) --root dinkes
	$(BIN)/pokin tree $(WORKSPACE) --svg $(OUT)/pohon_kinerja_pemda.svg
	$(BIN)/pokin report $(WORKSPACE) -o $(OUT)/cakupan.html
	$(BIN)/pokin validate examples/realisasi
	$(BIN)/pokin capaian $(PLAN) examples/realisasi
	$(BIN)/pokin capaian $(PLAN) examples/realisasi --by jabatan --format md > $(OUT)/capaian.md
	$(BIN)/pokin lkjip $(PLAN) examples/realisasi -o $(OUT)/lkjip.html
	@echo "Written to $(OUT)/:" && ls $(OUT) $(OUT)/pk

test: $(VENV)/.test
	$(BIN)/python -m pytest -q

lint: $(VENV)/.test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

# What CI runs: the linters, then the tests.
check: lint test

bench: $(VENV)/.test
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py

schema: $(VENV)/.runtime
	$(BIN)/pokin schema > schema/pokin.schema.json
	$(BIN)/pokin schema --realisasi > schema/pokin-realisasi.schema.json

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
