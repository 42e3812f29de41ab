"""`pokin export` and `pokin import`: the example plan through a real workbook and back.

The workbook is read with python-calamine (values) and, for formulas and
number formats, from its own XML parts; the total is the seed's
Rp 6.312.818.993 and the matrix has the example's 44 sub kegiatan.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from pokin.source.load import load_file
from pokin.views.diff import compare
from tests.helpers import EXAMPLE, MINIMAL, run_pokin

OUTCOME_LISTS = ("ekspektasi", "mandat", "isu_strategis")
TOTAL = 6_312_818_993


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "dinsos.xlsx"
    run = run_pokin("export", str(EXAMPLE), "-o", str(out))
    assert run.code == 0, run.stderr
    return out


def _rows(path: Path, sheet: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def _sheet_xml(path: Path, sheet: str) -> str:
    """The XML of one worksheet (XlsxWriter numbers them in order)."""
    names = CalamineWorkbook.from_path(str(path)).sheet_names
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{names.index(sheet) + 1}.xml").decode()


def test_export_sheets_and_matrix(workbook: Path) -> None:
    names = CalamineWorkbook.from_path(str(workbook)).sheet_names
    assert names[:5] == ["Matriks", "Anggaran", "Renstra", "Jabatan", "Crosscutting"]
    assert "PK kadis" in names and names[-1] == "Rencana"
    rows = _rows(workbook, "Matriks")
    header = rows[0]
    assert header[:7] == ["Tingkat", "ID", "Kode", "Nama", "Kinerja", "Indikator", "Satuan"]
    assert "Target 2025" in header and "Anggaran 2025" in header
    assert sum(1 for r in rows if r[0] == "Sub Kegiatan") == 44
    permakanan = next(r for r in rows if r[1] == "bencana-permakanan")
    assert permakanan[0] == "Sub Kegiatan"
    assert permakanan[header.index("Anggaran 2025")] == 268_037_410
    assert permakanan[header.index("Target 2025")] == 55
    # outline grouping: a sub kegiatan row sits at outline level 4
    xml = _sheet_xml(workbook, "Matriks")
    assert re.search(r'<row r="\d+"[^>]*outlineLevel="4"', xml)


def test_export_budget_formulas_agree_with_rollup(workbook: Path) -> None:
    rows = _rows(workbook, "Anggaran")
    titles = ["Tingkat", "ID", "Kode", "Nama", "Anggaran", "Jumlah rincian", "Selisih"]
    assert rows[0][:7] == titles
    total = next(r for r in rows if r[3] == "Total anggaran (jumlah program)")
    assert total[5] == TOTAL and isinstance(total[5], float)
    bencana = next(r for r in rows if r[1] == "bencana")
    assert bencana[4:7] == [372_250_370, 372_250_370, 0]
    xml = _sheet_xml(workbook, "Anggaran")
    # sums are formulas over the parts' cells, with pokin's figure cached
    assert re.search(r"<f>SUM\([A-Z]+\d+(,[A-Z]+\d+)*\)</f><v>6312818993</v>", xml)
    assert "<conditionalFormatting" in xml  # a Selisih other than 0 is highlighted
    with zipfile.ZipFile(workbook) as z:
        styles = z.read("xl/styles.xml").decode()
    assert 'formatCode="&quot;Rp &quot;#,##0"' in styles


def test_export_renstra_jabatan_and_pk(workbook: Path) -> None:
    renstra = _rows(workbook, "Renstra")
    assert renstra[0][:5] == ["Jenis", "ID", "Kinerja", "Indikator", "Satuan"]
    assert renstra[0][5:10] == [f"Target {y}" for y in range(2021, 2026)]
    tujuan = renstra[1]
    assert tujuan[:2] == ["Tujuan", "renstra-tujuan"] and tujuan[5] == 63.32
    jabatan = _rows(workbook, "Jabatan")
    assert jabatan[2][:4] == ["kadis", "Kepala Dinas Sosial", "II", "bupati"]
    pk = _rows(workbook, "PK sekretaris")
    assert pk[0][0] == "PERJANJIAN KINERJA TAHUN 2025"
    jumlah = next(r for r in pk if r[1] == "Jumlah")
    assert jumlah[3] == 5_328_418_993


def test_export_csv_matrix() -> None:
    run = run_pokin("export", str(EXAMPLE), "--format", "csv")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("\ufeffTingkat;ID;Kode;")
    rows = list(csv.reader(io.StringIO(run.stdout.lstrip("\ufeff")), delimiter=";"))
    assert sum(1 for r in rows if r[0] == "Sub Kegiatan") == 44
    header = rows[0]
    row = next(r for r in rows if r[1] == "bencana")
    assert row[header.index("Target 2025")] == "93,59"
    assert row[header.index("Anggaran 2025")] == "372250370"


FORMULA_PLAN = MINIMAL.replace(
    "kinerja: Terwujudnya korban bencana yang tertangani",
    'kinerja: "=HYPERLINK(\\"http://x\\",\\"klik\\")"',
)


def test_export_neutralises_formula_text(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(FORMULA_PLAN, encoding="utf-8")
    out = tmp_path / "plan.xlsx"
    assert run_pokin("export", str(plan), "-o", str(out)).code == 0
    row = next(r for r in _rows(out, "Matriks") if r[1] == "prog-1")
    assert row[4] == '\'=HYPERLINK("http://x","klik")'
    assert "HYPERLINK" not in "".join(re.findall(r"<f>.*?</f>", _sheet_xml(out, "Matriks")))
    csv_run = run_pokin("export", str(plan), "-f", "csv")
    cells = [c for r in csv.reader(io.StringIO(csv_run.stdout), delimiter=";") for c in r]
    assert '\'=HYPERLINK("http://x","klik")' in cells
    # and the apostrophe is taken off again on import
    back = tmp_path / "back.yaml"
    assert run_pokin("import", str(out), "-o", str(back)).code in (0, 1)
    plan_back = load_file(back).plan
    assert plan_back is not None
    assert plan_back.by_id["prog-1"].node.kinerja == '=HYPERLINK("http://x","klik")'


def test_roundtrip_xlsx_gives_the_same_plan(workbook: Path, tmp_path: Path) -> None:
    back = tmp_path / "back.yaml"
    run = run_pokin("import", str(workbook), "-o", str(back))
    assert run.code == 0, run.stdout + run.stderr
    assert "0 galat" in run.stdout
    diff = run_pokin("diff", str(EXAMPLE), str(back), "--exit-code")
    assert diff.code == 0, diff.stdout
    assert "Tidak ada perubahan" in diff.stdout
    assert run_pokin("validate", str(back)).code == 0


def test_roundtrip_csv_with_header_options(tmp_path: Path) -> None:
    matrix = tmp_path / "matriks.csv"
    assert run_pokin("export", str(EXAMPLE), "-o", str(matrix)).code == 0
    back = tmp_path / "back.yaml"
    run = run_pokin(
        "import", str(matrix), "-o", str(back), "--tahun", "2025",
        "--perangkat-daerah", "Dinas Sosial Kabupaten Kotawaringin Timur",
    )  # fmt: skip
    assert run.code in (0, 1), run.stderr
    old, new = load_file(EXAMPLE).plan, load_file(back).plan
    assert old is not None and new is not None
    # the CSV holds the tree only: jabatan, Renstra and the outcome's lists are not in it
    changes = compare(old, new).changes
    tree = [c for c in changes if c.scope == "node" and c.field not in OUTCOME_LISTS]
    assert tree == []
    assert {c.scope for c in changes} <= {"node", "jabatan", "renstra", "plan"}


def test_import_refuses_existing_output(workbook: Path, tmp_path: Path) -> None:
    existing = tmp_path / "plan.yaml"
    existing.write_text("# mine\n", encoding="utf-8")
    run = run_pokin("import", str(workbook), "-o", str(existing))
    assert run.code == 2
    assert "sudah ada" in run.stderr
    assert existing.read_text(encoding="utf-8") == "# mine\n"


def _mapped_sheet(path: Path) -> None:
    """A Renja sheet as agencies keep it, with two bad rows (5 and 7)."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Renja 2025")
    rows: list[list[object]] = [
        [
            "Kode",
            "Program / Kegiatan / Sub Kegiatan",
            "Indikator",
            "Satuan",
            "Target",
            "Pagu",
            "PJ",
        ],
        [
            "1.06.06",
            "Program Penanganan Bencana",
            "Persentase korban bencana yang menerima bantuan sosial",
            "%",
            93.59,
            372250370,
            "kabid",
        ],
        [
            "1.06.06.2.01",
            "Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota",
            "Persentase korban bencana yang terpenuhi kebutuhan dasarnya",
            "%",
            "93,59",
            "372.250.370",
            "jf",
        ],
        [
            "1.06.06.2.01.0001",
            "Penyediaan Makanan",
            "Jumlah orang yang mendapatkan permakanan",
            "orang",
            55,
            268037410,
            "",
        ],
        [
            "1.06.06.2.01.0002",
            "Penyediaan Sandang",
            "Jumlah paket sandang",
            "paket",
            40,
            "13.2918.000",
            "",
        ],
        [
            "1.06.06.2.01.0003",
            "Penyediaan Tempat Penampungan Pengungsi",
            "Jumlah tempat penampungan",
            "unit",
            2,
            104213000,
            "",
        ],
        [
            "1.06.06.2.01.0004",
            "Penyediaan Logistik Pengungsi",
            "Jumlah paket logistik",
            "paket",
            "banyak",
            0,
            "",
        ],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write_number(r, c, value)  # type: ignore[arg-type]
    book.close()


def test_import_mapped_sheet_reports_bad_rows_at_their_cells(tmp_path: Path) -> None:
    sheet = tmp_path / "renja.xlsx"
    _mapped_sheet(sheet)
    out = tmp_path / "renja.yaml"
    run = run_pokin(
        "import", str(sheet), "-o", str(out),
        "--columns", "kode=A,nama=B,kinerja=B,indikator=C,satuan=D,target=E,anggaran=F",
        "--tahun", "2025", "--perangkat-daerah", "Dinas Sosial Kabupaten Kotawaringin Timur",
    )  # fmt: skip
    assert run.code == 1
    assert f"{sheet}:Renja 2025!F5: S005 galat" in run.stdout
    assert f"{sheet}:Renja 2025!E7: S005 galat" in run.stdout
    # the rest is imported, and checked as validate checks it, at the cells
    text = out.read_text(encoding="utf-8")
    assert "dokumen: renja" in text
    assert (
        "id: penyediaan-makanan" in text and "id: penyediaan-tempat-penampungan-pengungsi" in text
    )
    assert "penyediaan-sandang" not in text and "logistik" not in text
    assert f"{sheet}:Renja 2025!F3: B001 galat" in run.stdout  # 372.250.370 ≠ the two left


def test_import_mapping_file_and_json_cells(tmp_path: Path) -> None:
    sheet = tmp_path / "renja.xlsx"
    _mapped_sheet(sheet)
    mapping = tmp_path / "kolom.toml"
    mapping.write_text(
        textwrap.dedent(
            """\
            sheet = "Renja 2025"
            start_row = 2
            [columns]
            kode = "A"
            nama = "B"
            kinerja = "B"
            indikator = "C"
            satuan = "D"
            target = "E"
            anggaran = "F"
            """
        ),
        encoding="utf-8",
    )
    run = run_pokin(
        "import", str(sheet), "-o", str(tmp_path / "p.yaml"), "--mapping", str(mapping),
        "--tahun", "2025", "--perangkat-daerah", "Dinas Sosial", "-f", "json",
    )  # fmt: skip
    assert run.code == 1
    assert '"cell": "Renja 2025!F5"' in run.stdout


def test_import_matrix_problems_located(tmp_path: Path) -> None:
    book = tmp_path / "m.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("Matriks")
    rows = [
        [
            "Tingkat",
            "ID",
            "Kode",
            "Nama",
            "Kinerja",
            "Indikator",
            "Satuan",
            "Target 2025",
            "Anggaran 2025",
            "Warna",
        ],
        [
            "Program",
            "prog",
            "1.06.06",
            "Program Penanganan Bencana",
            "Tertanganinya korban",
            "Persentase korban",
            "%",
            90,
            100,
            "",
        ],
        [
            "Sub Kegiatan",
            "lompat",
            "",
            "Penyediaan Makanan",
            "Terpenuhinya makanan",
            "",
            "",
            "",
            100,
            "",
        ],
        ["Kegiatan", "Keg Satu", "", "Perlindungan", "Terlindunginya korban", "", "", "", 100, ""],
        ["Bidang", "x", "", "", "y", "", "", "", "", ""],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write_number(r, c, value)
    wb.close()
    run = run_pokin(
        "import", str(book), "-o", str(tmp_path / "p.yaml"), "--tahun", "2025",
        "--perangkat-daerah", "Dinas Sosial",
    )  # fmt: skip
    assert run.code == 1
    out = run.stdout
    assert f"{book}:Matriks!J1: X002 peringatan" in out
    assert f"{book}:Matriks!A3: X003 galat" in out  # sub kegiatan directly under a program
    assert f"{book}:Matriks!B4: S006 galat" in out  # 'Keg Satu' is no id
    assert f"{book}:Matriks!A5: S004 galat" in out  # 'Bidang' is no level


def test_import_unreadable_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan zip")
    run = run_pokin("import", str(bad), "-o", str(tmp_path / "p.yaml"))
    assert run.code == 2
    assert "tidak dapat dibaca sebagai spreadsheet" in run.stderr
    assert "Traceback" not in run.stderr


OTHER_PLANS = sorted((EXAMPLE.parent / "documents").glob("*.yaml")) + sorted(
    (EXAMPLE.parent / "workspace").rglob("*.yaml")
)


@pytest.mark.parametrize("plan", OTHER_PLANS, ids=lambda p: p.stem)
def test_roundtrip_of_every_example_document(plan: Path, tmp_path: Path) -> None:
    """Partial plans, five-year documents, workspace plans (induk, crosscutting, kode_pd)."""
    book = tmp_path / "plan.xlsx"
    assert run_pokin("export", str(plan), "-o", str(book)).code == 0
    back = tmp_path / "back.yaml"
    run = run_pokin("import", str(book), "-o", str(back))
    assert run.code == run_pokin("validate", str(back)).code, run.stdout
    assert run_pokin("diff", str(plan), str(back), "--exit-code").code == 0
    assert run_pokin("fmt", "--check", str(back)).code == 0


def test_imported_plan_is_in_canonical_layout(workbook: Path, tmp_path: Path) -> None:
    back = tmp_path / "back.yaml"
    run_pokin("import", str(workbook), "-o", str(back))
    assert run_pokin("fmt", "--check", str(back)).code == 0


def test_import_odd_cells_are_located_never_a_crash(tmp_path: Path) -> None:
    """Dates, error formulas, booleans, fractions and a merged Tingkat cell."""
    import datetime

    book = tmp_path / "aneh.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("Matriks")
    for c, title in enumerate(
        [
            "Tingkat",
            "ID",
            "Kode",
            "Nama",
            "Kinerja",
            "Indikator",
            "Satuan",
            "Target 2025",
            "Anggaran 2025",
            "PJ",
        ]
    ):
        ws.write_string(0, c, title)
    row = [
        "Program",
        "p",
        "1.06.06",
        "Program Penanganan Bencana",
        "Meningkatnya x",
        "Persentase x",
        "%",
    ]
    for c, v in enumerate(row):
        ws.write_string(1, c, v)
    ws.write_number(1, 7, 90)
    ws.write_formula(1, 8, "=1/0", None, "#DIV/0!")  # an error cell where an amount belongs
    for r, (ident, when) in enumerate(
        [("k", None), ("k2", datetime.datetime(2025, 1, 1))], start=2
    ):
        for c, v in enumerate(
            ["Kegiatan", ident, "", "Kegiatan", "Meningkatnya y", "Jumlah y", "unit"]
        ):
            if v:
                ws.write_string(r, c, v)
        if when is not None:
            ws.write_datetime(r, 7, when, wb.add_format({"num_format": "yyyy-mm-dd"}))
        ws.write_boolean(r, 9, True)
    ws.merge_range(4, 0, 5, 0, "Sub Kegiatan")
    for c, v in enumerate(["s", "", "Sub", "Tersedianya z", "Jumlah z", "unit"], start=1):
        if v:
            ws.write_string(4, c, v)
    ws.write_number(4, 8, 1.5)
    wb.close()
    run = run_pokin(
        "import", str(book), "-o", str(tmp_path / "p.yaml"), "--tahun", "2025",
        "--perangkat-daerah", "Dinas Sosial",
    )  # fmt: skip
    assert run.code == 1, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    out = run.stdout
    assert f"{book}:Matriks!I2: S004 galat" in out  # #DIV/0! is no amount
    assert f"{book}:Matriks!H4: S005 galat" in out  # a date is no target
    assert f"{book}:Matriks!I5: S005 galat" in out  # Rp 1,5


def test_export_mismatch_shows_in_the_budget_sheet(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL.replace("anggaran: 300\n", "anggaran: 301\n", 1), encoding="utf-8")
    out = tmp_path / "plan.xlsx"
    assert run_pokin("export", str(plan), "-o", str(out)).code == 0  # exported, mismatch and all
    rows = _rows(out, "Anggaran")
    prog = next(r for r in rows if r[1] == "prog-1")
    assert prog[4:7] == [301, 300, 1]  # Anggaran, Jumlah rincian, Selisih
    xml = _sheet_xml(out, "Anggaran")
    row = int(next(i for i, r in enumerate(rows, start=1) if r[1] == "prog-1"))
    assert f'<c r="G{row}" s="' in xml and f"<f>E{row}-F{row}</f><v>1</v>" in xml
    with zipfile.ZipFile(out) as z:
        styles = z.read("xl/styles.xml").decode()
    assert "F8CBAD" in styles  # the highlight of a difference


def test_export_of_a_broken_plan_reports_and_writes_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        MINIMAL.replace("anggaran: 300\n", "anggaran: 13.2918.000\n", 1), encoding="utf-8"
    )
    out = tmp_path / "plan.xlsx"
    run = run_pokin("export", str(plan), "-o", str(out))
    assert run.code == 1 and "S005" in run.stderr
    assert not out.exists()


def test_export_long_sums_become_sumifs_over_the_subtree(monkeypatch: pytest.MonkeyPatch) -> None:
    """A node with more parts than a formula can list: SUMIFS over its own rows, same figure."""
    from pokin.render import sheets

    monkeypatch.setattr(sheets, "_MAX_FORMULA", 20)
    plan = load_file(EXAMPLE).plan
    assert plan is not None
    data = sheets.render_xlsx(plan)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet2.xml").decode()
    rows = [
        r
        for r in CalamineWorkbook.from_object(io.BytesIO(data))
        .get_sheet_by_name("Anggaran")
        .to_python()
    ]
    n = next(i for i, r in enumerate(rows, start=1) if r[1] == "bencana-kebutuhan-dasar")
    # its five sub kegiatan are rows n+1..n+5
    expected = f'SUMIFS(E{n + 1}:E{n + 5},$A{n + 1}:$A{n + 5},"Sub Kegiatan")'
    assert expected in xml.replace("&quot;", '"')
    assert rows[n - 1][5] == 372_250_370


def test_import_without_a_matrix_sheet_or_a_good_mapping(tmp_path: Path) -> None:
    book = tmp_path / "lain.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    wb.add_worksheet("Data").write_string(0, 0, "Kode")
    wb.close()
    run = run_pokin(
        "import",
        str(book),
        "-o",
        str(tmp_path / "a.yaml"),
        "--tahun",
        "2025",
        "--perangkat-daerah",
        "Dinas X",
    )
    assert run.code == 1
    assert f"{book}:Data!A1: X001 galat" in run.stdout
    bad = run_pokin(
        "import", str(book), "-o", str(tmp_path / "b.yaml"), "--columns", "kode=A,nama=1",
        "--tahun", "2025", "--perangkat-daerah", "Dinas X",
    )  # fmt: skip
    assert bad.code == 2 and "bukan huruf kolom" in bad.stderr
    no_kinerja = run_pokin(
        "import", str(book), "-o", str(tmp_path / "c.yaml"), "--columns", "kode=A,nama=B",
        "--tahun", "2025", "--perangkat-daerah", "Dinas X",
    )  # fmt: skip
    assert no_kinerja.code == 2 and "kinerja belum dipetakan" in no_kinerja.stderr
    no_header = run_pokin(
        "import", str(book), "-o", str(tmp_path / "d.yaml"), "--columns", "kode=A,nama=B,kinerja=B"
    )
    assert no_header.code == 2 and "--tahun dan --perangkat-daerah" in no_header.stderr
    assert not any((tmp_path / n).exists() for n in ("b.yaml", "c.yaml", "d.yaml"))


def test_roundtrip_keeps_rencana_aksi_and_the_published_anggaran(tmp_path: Path) -> None:
    # target_triwulan (the example has it), arah, metode_capaian and anggaran_dokumen
    text = EXAMPLE.read_text(encoding="utf-8")
    changed = text.replace(
        "            arah: naik\n",
        "            arah: naik\n            metode_capaian: dibatasi\n",
        1,
    )
    assert changed.count("metode_capaian") == 1 and changed.count("anggaran_dokumen:") == 7
    plan = tmp_path / "plan.yaml"
    plan.write_text(changed, encoding="utf-8")
    book, back = tmp_path / "plan.xlsx", tmp_path / "back.yaml"
    assert run_pokin("export", str(plan), "-o", str(book)).code == 0
    run = run_pokin("import", str(book), "-o", str(back))
    assert run.code == 0, run.stdout + run.stderr
    diff = run_pokin("diff", str(plan), str(back), "--exit-code")
    assert diff.code == 0, diff.stdout
    assert back.read_text(encoding="utf-8").count("target_triwulan:") == 3


def test_a_partial_rencana_aksi_row_is_a_located_problem(tmp_path: Path) -> None:
    import xlsxwriter

    book = tmp_path / "rencana.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("Matriks")
    titles = ["Tingkat", "ID", "Nama", "Kinerja", "Indikator", "Satuan", "Target 2025"]
    titles += ["Target TW I", "Target TW II", "Target TW III", "Target TW IV"]
    ws.write_row(0, 0, titles)
    ws.write_row(1, 0, ["Outcome", "hasil", None, "Meningkatnya X", "Persentase X", "%", 80])
    ws.write_row(1, 7, [20, 40])
    wb.close()
    run = run_pokin(
        "import", str(book), "-o", str(tmp_path / "p.yaml"),
        "--tahun", "2025", "--perangkat-daerah", "Dinas Contoh",
    )  # fmt: skip
    assert run.code == 1, run.stdout + run.stderr
    assert "Matriks!H2" in run.stdout and "TW IV" in run.stdout
