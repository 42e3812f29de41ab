"""The seed as evidence: every inconsistency of the published document, found by pokin.

The example plan carries consistent figures and records the published ones in
``# dokumen:`` comments. Each published figure is put back into a copy of the
example (text substitution on its lines, line count unchanged), and pokin must
report it at the right node with the right amounts. Amounts below were
computed by hand from the seed's lembar 5.2/5.3.
"""

from __future__ import annotations

from pathlib import Path

from pokin.check.engine import check_loaded
from pokin.check.result import FileReport
from pokin.source.load import load_text
from tests.helpers import EXAMPLE, run_pokin

LINES = EXAMPLE.read_text(encoding="utf-8").splitlines()


def node_line(node: str) -> int:
    """1-based line of ``- id: node`` (``id: node`` for the outcome)."""
    for number, line in enumerate(LINES, start=1):
        if line.strip() in (f"- id: {node}", f"id: {node}"):
            return number
    raise AssertionError(f"{node} not in the example")


def line_after(node: str, startswith: str) -> int:
    """1-based line of the first line of ``node`` (from its id) starting with ``startswith``."""
    for number in range(node_line(node), len(LINES) + 1):
        if LINES[number - 1].strip().startswith(startswith):
            return number
    raise AssertionError(f"{startswith!r} not found after {node}")


def republish(changes: list[tuple[str, str, str]]) -> tuple[str, dict[str, int]]:
    """The example with (node, line prefix, published line) substituted; changed lines by node."""
    lines = list(LINES)
    where: dict[str, int] = {}
    for node, prefix, published in changes:
        number = line_after(node, prefix)
        indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip())]
        lines[number - 1] = indent + published
        where[node] = number
    return "\n".join(lines) + "\n", where


def check(text: str) -> FileReport:
    return check_loaded(load_text(text, "published.yaml"))


# --- budget figures that do not add up (well-formed, wrong) ----------------------

#: (sub kegiatan or kegiatan, its line in the example, the published figure)
PUBLISHED_SUMS = [
    ("rehsos-adminduk", "anggaran: 271000", 'anggaran: "271.000.000"'),
    ("dayasos-psks", "anggaran: 150000000", 'anggaran: "100.000.000"'),
    ("penunjang-bimtek", "anggaran: 65510000", 'anggaran: "165.510.000"'),
]
#: (node reported, the amounts in its message): declared, computed, difference
EXPECTED_B001 = [
    (
        "rehsos-dasar-luar-panti",
        "tertulis Rp 266.749.630, jumlah sub kegiatannya Rp 537.478.630, selisih -Rp 270.729.000",
    ),
    (
        "dayasos",
        "tertulis Rp 150.000.000, jumlah kegiatannya Rp 100.000.000, selisih Rp 50.000.000",
    ),
    (
        "dayasos-psks",
        "tertulis Rp 100.000.000, jumlah sub kegiatannya Rp 150.000.000, selisih -Rp 50.000.000",
    ),
    (
        "penunjang-kepegawaian",
        "tertulis Rp 65.510.000, jumlah sub kegiatannya Rp 165.510.000, selisih -Rp 100.000.000",
    ),
]

# --- other published defects, put back in the same copy ---------------------------

PUBLISHED_OTHER = [
    # Tahap 3/4 names the condition, but there is no sub kegiatan sheet and no anggaran
    ("tmp-pengamanan", "anggaran: 0", "# (dokumen: tanpa anggaran)"),
    # target "1" without a unit
    ("linjamsos-bansos-keluarga", "satuan: lembaga", "# (dokumen: tanpa satuan)"),
    # Tahap 4 writes the statement itself as the indicator
    (
        "rehsos-rujukan",
        "- uraian:",
        "- uraian: Terlaksananya Pemberian Layanan Rujukan Kewenangan Kabupaten/Kota",
    ),
]


def test_the_example_records_each_published_figure_it_corrects() -> None:
    for node, prefix, _ in PUBLISHED_SUMS + PUBLISHED_OTHER[:2]:
        assert "# dokumen:" in LINES[line_after(node, prefix) - 1], node
    assert "sebagai indikatornya" in LINES[line_after("rehsos-rujukan", "catatan:") - 1]


def test_published_budget_figures_are_found_with_their_amounts() -> None:
    text, _ = republish(PUBLISHED_SUMS + PUBLISHED_OTHER)
    report = check(text)
    b001 = [(p.node, p.line, p.message) for p in report.problems if p.code == "B001"]
    assert [(node, line) for node, line, _ in b001] == [
        (node, line_after(node, "anggaran:")) for node, _ in EXPECTED_B001
    ]
    for (_, _, message), (_, amounts) in zip(b001, EXPECTED_B001, strict=True):
        assert amounts in message


def test_condition_without_budget_line_unit_and_indicator_are_found() -> None:
    text, where = republish(PUBLISHED_SUMS + PUBLISHED_OTHER)
    report = check(text)
    found = [
        (p.code, p.node, p.line, p.severity)
        for p in report.problems
        if p.code in ("B002", "I002", "I003", "I006")
    ]
    assert found == [
        ("I006", "rehsos-rujukan", where["rehsos-rujukan"], "warning"),
        (
            "I003",
            "linjamsos-bansos-keluarga",
            line_after("linjamsos-bansos-keluarga", "- uraian:"),
            "error",
        ),
        ("B002", "tmp-pengamanan", node_line("tmp-pengamanan"), "error"),
        # no longer marked 'anggaran: 0', its indicator lacks a target as well
        ("I002", "tmp-pengamanan", line_after("tmp-pengamanan", "- uraian:"), "error"),
    ]
    # nothing else than these, the B001s and the example's own warnings (EXAMPLE_OWN)
    assert {p.code for p in report.problems} == {
        "B001",
        "B002",
        "I002",
        "I003",
        "I005",
        "I006",
        "I012",
        "C010",
        "C011",
        "N004",
        "N005",
    }


# --- malformed figures: schema errors that stop further checks ----------------------

PUBLISHED_MALFORMED = [
    ("migran-fasilitasi-pemulangan", "anggaran: 23000000", 'anggaran: "23. 000.000"'),
    ("tmp-pemeliharaan", "anggaran: 32400000", 'anggaran: "32.400.0000"'),
    ("penunjang-gaji", "anggaran: 3536925665", 'anggaran: "3.536.925. 665"'),
    ("penunjang-peralatan-rumah-tangga", "anggaran: 13298000", 'anggaran: "13.2918.000"'),
]


def test_malformed_published_figures_are_schema_errors_at_their_lines() -> None:
    text, where = republish(PUBLISHED_MALFORMED)
    report = check(text)
    assert report.plan is None
    assert [(p.code, p.line) for p in report.problems] == sorted(
        ("S005", line) for line in where.values()
    )
    assert any("13.2918.000" in p.message for p in report.problems)


# --- indicator/unit contradictions the example keeps from the seed ------------------

#: Every kegiatan indicator the seed words "Jumlah …" (one misspelt "Jualah") with a % target.
JUMLAH_IN_PERCENT = [
    "bencana-kebutuhan-dasar",
    "rehsos-dasar-luar-panti",
    "rehsos-pmks-lainnya",
    "linjamsos-data-fakir-miskin",
    "migran-pemulangan",
    "dayasos-psks",
    "tmp-pemeliharaan",
    "penunjang-perencanaan",
    "penunjang-keuangan",
    "penunjang-kepegawaian",
    "penunjang-umum",
    "penunjang-jasa",
    "penunjang-pemeliharaan-bmd",
]


def test_clean_example_exits_0_with_only_the_seeds_own_warnings(tmp_path: Path) -> None:
    run = run_pokin("validate", str(EXAMPLE), "--no-config")
    assert run.code == 0, run.stdout
    report = check(EXAMPLE.read_text(encoding="utf-8"))
    assert [(p.code, p.node, p.line) for p in report.problems if p.code == "I005"] == [
        ("I005", node, line_after(node, "satuan:")) for node in JUMLAH_IN_PERCENT
    ]
    expected = [
        # the Kepala Dinas' outcome and CSF indicators carry no target in the seed
        ("C010", "kadis", node_line("kadis")),
        # … so each is a PK row without a target (I012), as is the unfunded TMP row
        *(
            ("I012", node, line_after(node, "- uraian:"))
            for node in ("kesejahteraan-ppks", "pelayanan-sosial", "psks", "akuntabilitas")
        ),
        ("I012", "tmp-pengamanan", line_after("tmp-pengamanan", "- uraian:")),
        # the seed's satuan 'lembaga' and 'TMP' are not the official 'Keluarga', 'Makam'
        ("N005", "linjamsos-bansos-keluarga", line_after("linjamsos-bansos-keluarga", "satuan:")),
        ("N005", "tmp-pemeliharaan-makam", line_after("tmp-pemeliharaan-makam", "satuan:")),
        ("B003", "tmp-pengamanan", line_after("tmp-pengamanan", "anggaran:")),
        # the seed links the akuntabilitas CSF to no Renstra sasaran
        ("C011", "akuntabilitas", node_line("akuntabilitas")),
        # 'Barang Cetak' where Kepmendagri 900 says 'Barang Cetakan'
        ("N004", "penunjang-barang-cetak", line_after("penunjang-barang-cetak", "nama:")),
    ]
    shown = [(p.code, p.node, p.line) for p in report.problems if p.code != "I005"]
    assert shown == sorted(expected, key=lambda e: e[2])
    assert {p.severity for p in report.problems} == {"warning"}
