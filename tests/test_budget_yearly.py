"""`pokin budget` on small inline plans: yearly mappings, ownership, escaping."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pokin.source.load import load_file
from pokin.views.budget import NO_OWNER, budget_view
from tests.helpers import MINIMAL, run_pokin, write

YEARLY = """\
pokin: 1
perangkat_daerah: Dinas Contoh
tahun: 2025
periode: [2025, 2027]
jabatan:
  - {id: kadis, nama: Kepala Dinas, eselon: II}
  - {id: kabid, nama: Kepala Bidang, eselon: III, atasan: kadis}
outcome: {id: outcome, kinerja: Meningkatnya Kesejahteraan PPKS, pj: kadis}
csf:
  - id: csf-1
    kinerja: Meningkatnya Pelayanan Sosial PPKS
    pj: kadis
    program:
      - id: prog-1
        kinerja: Terwujudnya korban bencana yang tertangani
        nama: Program Penanganan Bencana
        anggaran: {2025: 300, 2026: 350, 2027: 400}
        pj: kabid
        kegiatan:
          - id: keg-1
            kinerja: Terpenuhinya kebutuhan dasar korban bencana
            nama: Perlindungan Sosial Korban Bencana
            subkegiatan:
              - id: sub-1
                kinerja: Terpenuhinya kebutuhan permakanan
                nama: Penyediaan Makanan
                anggaran: {2025: 200, 2026: "Rp 250", 2027: 250}
              - id: sub-2
                kinerja: Tersedianya pakaian
                nama: Penyediaan Sandang
                anggaran: {2025: 100, 2026: 100, 2027: 100}
  - id: csf-2
    kinerja: Meningkatnya Akuntabilitas
    program:
      - id: prog-2
        kinerja: Terwujudnya akuntabilitas
        nama: Program Penunjang
        anggaran: 1000
"""
# by hand: 2025: prog-1 300 (= 200 + 100) + prog-2 1000 (plain: the plan year) = 1300;
# 2026: 350 (= 250 + 100); 2027: prog-1 declares 400, its parts 350 (+50).


def test_yearly_json_keeps_the_plan_year_and_adds_each_year(tmp_path: Path) -> None:
    run = run_pokin("budget", str(write(tmp_path, YEARLY)), "--format", "json")
    assert run.code == 1
    doc = json.loads(run.stdout)
    assert list(doc) == ["format_version", "total", "tahun", "years", "totals", "rows"]
    assert doc["total"] == 1300
    assert doc["years"] == [2025, 2026, 2027]
    assert doc["totals"] == {"2025": 1300, "2026": 350, "2027": 400}
    rows = {r["id"]: r for r in doc["rows"]}
    assert list(rows) == ["prog-1", "keg-1", "sub-1", "sub-2", "prog-2"]
    prog = rows["prog-1"]
    assert (prog["declared"], prog["computed"], prog["difference"]) == (300, 300, 0)
    assert prog["share"] == round(300 / 1300, 6)
    assert prog["years"]["2027"] == {
        "declared": 400,
        "computed": 350,
        "difference": 50,
        "share": 1.0,
    }
    assert rows["keg-1"]["declared"] is None
    assert rows["keg-1"]["years"]["2026"]["computed"] == 350
    assert rows["prog-2"]["years"]["2026"] == {
        "declared": None,
        "computed": 0,
        "difference": 0,
        "share": 0.0,
    }


def test_yearly_human_table_has_one_column_per_year(tmp_path: Path) -> None:
    path = write(tmp_path, YEARLY)
    run = run_pokin("budget", str(path))
    assert run.code == 1
    lines = run.stdout.splitlines()
    assert (
        lines[0] == "Anggaran Dinas Contoh, tahun 2025–2027, per program, kegiatan dan sub kegiatan"
    )
    header = lines[2].split()
    assert header == ["Tingkat", "ID", "Nama", "2025", "2026", "2027", "Porsi", "2025"]
    prog = next(line for line in lines if " prog-1 " in line)
    assert prog.startswith("≠")
    assert prog.split("Program Penanganan Bencana")[1].split() == [
        "Rp", "300", "Rp", "350", "≠", "Rp", "400", "23,08%",
    ]  # fmt: skip
    prog2 = next(line for line in lines if " prog-2 " in line)
    assert prog2.split("Program Penunjang")[1].split() == ["Rp", "1.000", "—", "—", "76,92%"]
    total = next(line for line in lines if line.lstrip().startswith("Total"))
    assert total.split("Jumlah anggaran rencana")[1].split() == [
        "Rp", "1.300", "Rp", "350", "Rp", "400", "100,00%",
    ]  # fmt: skip
    assert lines[-1] == (
        f"  {path}:17 program 'prog-1': tahun 2027: tertulis Rp 400, "
        "jumlah rincian Rp 350, selisih +Rp 50"
    )


def test_yearly_csv_has_three_columns_per_year(tmp_path: Path) -> None:
    run = run_pokin("budget", str(write(tmp_path, YEARLY)), "--format", "csv", "--by", "csf")
    rows = list(csv.reader(io.StringIO(run.stdout.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == [
        "Tingkat", "ID", "Nama",
        "Anggaran tertulis 2025", "Jumlah rincian 2025", "Selisih 2025",
        "Anggaran tertulis 2026", "Jumlah rincian 2026", "Selisih 2026",
        "Anggaran tertulis 2027", "Jumlah rincian 2027", "Selisih 2027",
        "Porsi 2025 (%)",
    ]  # fmt: skip
    assert rows[1:] == [
        ["csf", "csf-1", "Meningkatnya Pelayanan Sosial PPKS",
         "", "300", "0", "", "350", "0", "", "400", "0", "23,08"],
        ["csf", "csf-2", "Meningkatnya Akuntabilitas",
         "", "1000", "0", "", "0", "0", "", "0", "0", "76,92"],
        ["total", "", "Jumlah anggaran rencana",
         "", "1300", "0", "", "350", "0", "", "400", "0", "100,00"],
    ]  # fmt: skip


def test_yearly_jabatan_view_shows_what_each_position_answers_for(tmp_path: Path) -> None:
    result = load_file(write(tmp_path, YEARLY))
    assert result.plan is not None
    view = budget_view(result.plan, "jabatan")
    rows = {r.id: (r.declared, r.computed, r.difference) for r in view.rows}
    assert rows == {
        # the outcome: csf-1's prog-1 as declared, plus prog-2 (no pj: the kadis's)
        "kadis": (
            {2025: 1300, 2026: 350, 2027: 400},
            {2025: 1300, 2026: 350, 2027: 400},
            {},
        ),
        "kabid": (
            {2025: 300, 2026: 350, 2027: 400},
            {2025: 300, 2026: 350, 2027: 350},
            {2025: 0, 2026: 0, 2027: 50},
        ),
    }
    assert [r.indent for r in view.rows] == [0, 1]


def test_unowned_and_unknown_positions(tmp_path: Path) -> None:
    text = "".join(
        line for line in MINIMAL.splitlines(keepends=True) if not line.lstrip().startswith("pj:")
    )
    text = text.replace(
        "                anggaran: 100\n",
        "                anggaran: 100\n                pj: hantu\n",
    )
    result = load_file(write(tmp_path, text))
    assert result.plan is not None, result.problems
    view = budget_view(result.plan, "jabatan")
    assert [(r.id, r.name, r.effective) for r in view.rows] == [
        ("hantu", "(jabatan tidak dikenal)", {2025: 100}),
        # nobody answers for the outcome, so for the whole plan (hantu's line included)
        (NO_OWNER, "Tanpa penanggung jawab (pj)", {2025: 300}),
    ]


def test_markdown_escapes_pipes(tmp_path: Path) -> None:
    text = MINIMAL.replace("nama: Penyediaan Makanan", "nama: Penyediaan Makanan | Minuman")
    run = run_pokin("budget", str(write(tmp_path, text)), "--format", "md")
    assert run.code == 0
    row = next(line for line in run.stdout.splitlines() if "sub-1" in line)
    assert row == (
        "|  | Sub Kegiatan | \u00a0\u00a0\u00a0\u00a0sub-1 | Penyediaan Makanan \\| Minuman "
        "| Rp 200 |  |  | 66,67% |"
    )


def test_minimal_plan_mismatch_and_undeclared_kegiatan(tmp_path: Path) -> None:
    text = MINIMAL.replace("            anggaran: 300\n", "")  # kegiatan keg-1 declares none
    text = text.replace("        anggaran: 300\n", "        anggaran: 350\n")  # program prog-1
    run = run_pokin("budget", str(write(tmp_path, text)), "--format", "json")
    assert run.code == 1
    rows = [
        (r["id"], r["declared"], r["computed"], r["difference"])
        for r in json.loads(run.stdout)["rows"]
    ]
    assert rows == [
        ("prog-1", 350, 300, 50),
        ("keg-1", None, 300, 0),
        ("sub-1", 200, 200, 0),
        ("sub-2", 100, 100, 0),
    ]
    assert json.loads(run.stdout)["total"] == 350


def test_plan_without_csf_has_a_zero_total(tmp_path: Path) -> None:
    text = "pokin: 1\nperangkat_daerah: Dinas Kosong\ntahun: 2025\n"
    text += "outcome: {id: o, kinerja: Meningkatnya kesejahteraan}\ncsf: []\n"
    path = write(tmp_path, text)
    run = run_pokin("budget", str(path), "--format", "json")
    assert (run.code, json.loads(run.stdout)) == (0, {"format_version": 1, "total": 0, "rows": []})
    run = run_pokin("budget", str(path))
    total = next(line for line in run.stdout.splitlines() if line.lstrip().startswith("Total"))
    assert total.split() == ["Total", "Jumlah", "anggaran", "rencana", "Rp", "0", "0,00%"]
