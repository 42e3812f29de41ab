"""`pokin budget` on the example with the seed's published (mistyped) figures.

The example carries each figure the seed prints on the line it corrects
(``# dokumen: ...``). The well-formed ones are re-injected here; the
malformed ones ("23. 000.000", "32.400.0000", ...) are schema errors and are
tested as such. Expected differences, by hand:

* rehsos-adminduk 271.000.000 instead of 271.000: kegiatan
  rehsos-dasar-luar-panti declares 266.749.630, its sub kegiatan now sum to
  266.749.630 - 271.000 + 271.000.000 = 537.478.630 (difference -270.729.000);
* kegiatan dayasos-psks 100.000.000 instead of 150.000.000: it differs from
  its sub kegiatan (150.000.000, difference -50.000.000) and program dayasos
  (150.000.000) from it (difference +50.000.000);
* penunjang-bimtek 165.510.000 instead of 65.510.000: kegiatan
  penunjang-kepegawaian declares 65.510.000 against 165.510.000
  (difference -100.000.000).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, run_pokin

PUBLISHED = re.compile(r"^(\s*anggaran: )(\d+)(\s+# dokumen: )(\d{1,3}(?:\.\d{3})+)(?=[\s(]|$)")

# (level, id, line of its anggaran, declared, computed, difference)
EXPECTED = [
    ("kegiatan", "rehsos-dasar-luar-panti", 281, 266_749_630, 537_478_630, -270_729_000),
    ("program", "dayasos", 520, 150_000_000, 100_000_000, 50_000_000),
    ("kegiatan", "dayasos-psks", 533, 100_000_000, 150_000_000, -50_000_000),
    ("kegiatan", "penunjang-kepegawaian", 685, 65_510_000, 165_510_000, -100_000_000),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example with the seed's well-formed published figures."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    injected = []
    for n, line in enumerate(lines):
        match = PUBLISHED.match(line)
        if match:
            figure = match.group(4).replace(".", "")
            lines[n] = line[: match.start(2)] + figure + line[match.end(2) :]
            injected.append((n + 1, int(match.group(2)), int(figure)))
    assert injected == [
        (341, 271_000, 271_000_000),
        (533, 150_000_000, 100_000_000),
        (697, 65_510_000, 165_510_000),
    ]
    path = tmp_path_factory.mktemp("published") / "dinsos_kotim_2025_published.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_human_table_marks_each_difference_at_its_row(published: Path) -> None:
    run = run_pokin("budget", str(published))
    assert run.code == 1, run.stderr
    lines = run.stdout.splitlines()
    marked = [line for line in lines if line.startswith("≠ ") and "Rp" in line and ":" not in line]
    assert [line.split()[2] for line in marked] == [e[1] for e in EXPECTED]
    row = next(line for line in marked if " dayasos-psks " in line)
    assert "Rp 100.000.000" in row and "Rp 150.000.000" in row and "≠ -Rp 50.000.000" in row
    row = next(line for line in marked if " dayasos " in line)
    assert "≠ +Rp 50.000.000" in row
    clean = next(line for line in lines if " rehsos-pmks-lainnya " in line)
    assert not clean.startswith("≠")
    total = next(line for line in lines if line.lstrip().startswith("Total"))
    assert "Rp 6.312.818.993" in total
    tail = lines[lines.index("≠ 4 anggaran tertulis tidak sama dengan jumlah rinciannya:") :]
    assert tail[1:] == [
        f"  {published}:281 kegiatan 'rehsos-dasar-luar-panti': tertulis Rp 266.749.630, "
        "jumlah rincian Rp 537.478.630, selisih -Rp 270.729.000",
        f"  {published}:520 program 'dayasos': tertulis Rp 150.000.000, "
        "jumlah rincian Rp 100.000.000, selisih +Rp 50.000.000",
        f"  {published}:533 kegiatan 'dayasos-psks': tertulis Rp 100.000.000, "
        "jumlah rincian Rp 150.000.000, selisih -Rp 50.000.000",
        f"  {published}:685 kegiatan 'penunjang-kepegawaian': tertulis Rp 65.510.000, "
        "jumlah rincian Rp 165.510.000, selisih -Rp 100.000.000",
    ]


def test_json_lists_the_same_differences(published: Path) -> None:
    run = run_pokin("budget", str(published), "--format", "json")
    assert run.code == 1
    doc = json.loads(run.stdout)
    assert doc["total"] == 6_312_818_993
    differing = [
        (r["level"], r["id"], r["declared"], r["computed"], r["difference"])
        for r in doc["rows"]
        if r["difference"]
    ]
    assert differing == [(lvl, i, d, c, diff) for lvl, i, _, d, c, diff in EXPECTED]


def test_validate_b001_agrees_with_budget(published: Path) -> None:
    """One roll-up: the budget rule reports the same nodes at the same lines."""
    run = run_pokin("validate", str(published), "--select", "B001", "--format", "json")
    found = [(p["node"], p["line"]) for p in json.loads(run.stdout)["problems"]]
    assert found == [(e[1], e[2]) for e in EXPECTED]


def test_csv_and_markdown_show_the_differences(published: Path) -> None:
    run = run_pokin("budget", str(published), "--format", "csv", "--depth", "2")
    assert run.code == 1
    rows = list(csv.reader(io.StringIO(run.stdout.removeprefix("\ufeff")), delimiter=";"))
    differing = [(r[1], int(r[3]), int(r[4]), int(r[5])) for r in rows[1:-1] if r[5] != "0"]
    assert differing == [(i, d, c, diff) for _, i, _, d, c, diff in EXPECTED]
    run = run_pokin("budget", str(published), "--format", "md")
    assert run.code == 1
    marked = [line for line in run.stdout.splitlines() if line.startswith("| ≠ |")]
    assert len(marked) == 4
    assert "| ≠ -Rp 270.729.000 |" in marked[0]


def test_jabatan_view_shows_each_difference_on_the_positions_answering_for_it(
    published: Path,
) -> None:
    """Each position sums the topmost nodes it answers for: declared, parts, difference."""
    run = run_pokin("budget", str(published), "--format", "json", "--by", "jabatan")
    assert run.code == 1
    doc = json.loads(run.stdout)
    rows = {r["id"]: (r["declared"], r["computed"], r["difference"]) for r in doc["rows"]}
    assert rows == {
        # the outcome declares nothing: the seven programs as published
        "kadis": (6_312_818_993, 6_312_818_993, 0),
        "sekretaris": (5_328_418_993, 5_328_418_993, 0),
        # penunjang-bimtek now 165.510.000; its kegiatan declares 100.000.000 less
        "jf-sekretariat": (5_328_418_993, 5_428_418_993, -100_000_000),
        "kabid-linjamsos": (472_250_370, 472_250_370, 0),
        "jf-linjamsos": (472_250_370, 472_250_370, 0),
        "kabid-rehsos": (329_749_630, 329_749_630, 0),
        # rehsos-adminduk now 271.000.000; its kegiatan declares 270.729.000 less
        "jf-rehsos": (329_749_630, 600_478_630, -270_729_000),
        # program dayasos declares 150.000.000 over a kegiatan now declaring 100.000.000
        "kabid-dayasos": (182_400_000, 132_400_000, 50_000_000),
        # kegiatan dayasos-psks declares 100.000.000 over sub kegiatan of 150.000.000
        "jf-dayasos": (132_400_000, 182_400_000, -50_000_000),
    }
    assert doc["total"] == 6_312_818_993


def test_csf_view_exits_1_even_when_the_differences_are_below_the_shown_depth(
    published: Path,
) -> None:
    run = run_pokin("budget", str(published), "--by", "csf")
    assert run.code == 1
    table = run.stdout.splitlines()
    assert not any(line.startswith("≠  CSF") for line in table)
    assert "≠ 4 anggaran tertulis tidak sama dengan jumlah rinciannya:" in table


def test_malformed_published_figures_are_schema_errors_reported_as_validate_does(
    tmp_path: Path,
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("anggaran: 23000000  # dokumen", 'anggaran: "23. 000.000"  # dokumen')
    text = text.replace("anggaran: 13298000  # dokumen", 'anggaran: "13.2918.000"  # dokumen')
    path = tmp_path / "malformed.yaml"
    path.write_text(text, encoding="utf-8")
    budget = run_pokin("budget", str(path))
    validate = run_pokin("validate", str(path))
    assert budget.code == validate.code == 1
    assert budget.stdout == validate.stdout
    assert f"{path}:498:" in budget.stdout and f"{path}:736:" in budget.stdout
    budget = run_pokin("budget", str(path), "--format", "json")
    validate = run_pokin("validate", str(path), "--format", "json")
    assert budget.code == 1
    assert json.loads(budget.stdout) == json.loads(validate.stdout)
    assert [p["line"] for p in json.loads(budget.stdout)["problems"]] == [498, 736]
    for fmt in ("csv", "md"):
        run = run_pokin("budget", str(path), "--format", fmt)
        assert run.code == 1
        assert run.stdout == ""
        assert f"{path}:498:" in run.stderr
