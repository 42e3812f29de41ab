"""LibreOffice on the exported workbook: it recalculates pokin's figures, and its saves import back.

The workbook is written without cached formula results, so LibreOffice has to
compute every Jumlah rincian, Selisih and the total itself (recalculation on
load is switched on in a throw-away profile); the results must equal the
roll-up's. Skipped where LibreOffice (``soffice``) is not installed.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from pokin.source.load import load_file
from tests.helpers import EXAMPLE

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _recalculated(book: Path, tmp: Path) -> list[list[str]]:
    """The Anggaran sheet (sheet 2) as LibreOffice computes it, as CSV rows."""
    profile = tmp / "profile" / "user"
    profile.mkdir(parents=True)
    (profile / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
            "--outdir", str(tmp), str(book),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    out = tmp / f"{book.stem}-Anggaran.csv"
    with out.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _without_cached_results(monkeypatch: pytest.MonkeyPatch, long_sums: bool) -> bytes:
    import xlsxwriter.worksheet

    from pokin.render import sheets

    original = xlsxwriter.worksheet.Worksheet.write_formula

    def no_cache(
        self: object, row: int, col: int, formula: str, fmt: object = None, value: object = 0
    ) -> object:
        return original(self, row, col, formula, fmt, 0)

    monkeypatch.setattr(xlsxwriter.worksheet.Worksheet, "write_formula", no_cache)
    if long_sums:
        monkeypatch.setattr(sheets, "_MAX_FORMULA", 20)  # every sum as SUMIFS
    plan = load_file(EXAMPLE).plan
    assert plan is not None
    return sheets.render_xlsx(plan)


@pytest.mark.parametrize("long_sums", [False, True], ids=["sum", "sumifs"])
def test_libreoffice_recalculates_pokins_figures(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, long_sums: bool
) -> None:
    from pokin.render import sheets

    plan = load_file(EXAMPLE).plan
    assert plan is not None
    expected = CalamineWorkbook.from_object(io.BytesIO(sheets.render_xlsx(plan)))
    cached = expected.get_sheet_by_name("Anggaran").to_python()
    book = tmp_path / "tanpa_cache.xlsx"
    book.write_bytes(_without_cached_results(monkeypatch, long_sums))
    computed = _recalculated(book, tmp_path)
    assert len(computed) == len(cached)
    for ours, theirs in zip(cached, computed, strict=True):
        shown = [
            "" if v == "" else str(int(v)) if isinstance(v, float) else str(v) for v in ours[4:7]
        ]
        assert shown == theirs[4:7], ours[1]
    total = next(r for r in computed if r[3] == "Total anggaran (jumlah program)")
    assert total[5] == "6312818993"


@pytest.mark.parametrize("suffix", ["ods", "xlsx"])
def test_roundtrip_after_libreoffice_saves_the_workbook(tmp_path: Path, suffix: str) -> None:
    """A planner opens the workbook, saves it (as .ods, or again as .xlsx): the plan is the same."""
    from tests.helpers import run_pokin

    book = tmp_path / "dinsos.xlsx"
    assert run_pokin("export", str(EXAMPLE), "-o", str(book)).code == 0
    saved_dir = tmp_path / "disimpan"
    target = "ods" if suffix == "ods" else "xlsx:Calc MS Excel 2007 XML"
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", target, "--outdir", str(saved_dir), str(book)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    saved = saved_dir / f"dinsos.{suffix}"
    back = tmp_path / "kembali.yaml"
    run = run_pokin("import", str(saved), "-o", str(back))
    assert run.code == 0, run.stdout
    assert run_pokin("diff", str(EXAMPLE), str(back), "--exit-code").code == 0
