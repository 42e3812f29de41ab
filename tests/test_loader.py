"""The loader and `pokin validate` on a corpus of broken plans: exact (code, line)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from pokin.check.engine import Selection, check_loaded
from pokin.source.load import load_text
from tests.helpers import EXAMPLE, MINIMAL, run_pokin

# A small valid plan; every case below breaks one thing in it. Line numbers
# in the expectations refer to the case's own text.
BASE = textwrap.dedent(
    """\
    pokin: 1
    perangkat_daerah: Dinas Sosial
    tahun: 2025
    jabatan:
      - id: kadis
        nama: Kepala Dinas Sosial
        eselon: II
    outcome:
      id: outcome
      kinerja: Meningkatnya Kesejahteraan PPKS
    csf:
      - id: csf-1
        kinerja: Meningkatnya Pelayanan Sosial PPKS
        program:
          - id: bencana
            kinerja: Terwujudnya korban bencana yang tertangani
            nama: Program Penanganan Bencana
            anggaran: 300
            pj: kadis
            kegiatan:
              - id: bencana-dasar
                kinerja: Terpenuhinya kebutuhan dasar korban bencana
                nama: Perlindungan Sosial Korban Bencana
                anggaran: 300
                subkegiatan:
                  - id: bencana-makanan
                    kinerja: Terpenuhinya kebutuhan permakanan
                    nama: Penyediaan Makanan
                    anggaran: 300
    """
)


def swap(old: str, new: str) -> str:
    """BASE with one exact piece of text replaced (which must exist once)."""
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


CASES: dict[str, tuple[str | bytes, list[tuple[str, int]]]] = {
    "syntax-unclosed-bracket": (swap("tahun: 2025", "tahun: [2025"), [("Y001", 4)]),
    "syntax-colon-in-text": (
        swap("kinerja: Meningkatnya Kesejahteraan PPKS", "kinerja: Tujuan: sejahtera: ya"),
        [("Y001", 10)],
    ),
    "tab-indentation": (swap("  id: outcome", "\tid: outcome"), [("Y001", 9)]),
    "duplicate-key": (
        swap(
            "anggaran: 300\n        pj: kadis",
            "anggaran: 300\n        anggaran: 400\n        pj: kadis",
        ),
        [("Y002", 19)],
    ),
    "alias": (
        swap(
            "  kinerja: Meningkatnya Kesejahteraan PPKS",
            "  kinerja: Meningkatnya Kesejahteraan PPKS\n  indikator: &i []",
        )
        + "    indikator: *i\n",
        [("Y003", 31)],
    ),
    "not-utf8": (
        swap("perangkat_daerah: Dinas Sosial", "perangkat_daerah: Dinas Sosial Kab. Kotawaringin")
        .encode()
        .replace(b"Kotawaringin", b"Kot\xe9waringin"),
        [("Y004", 2)],
    ),
    "utf16": ("pokin: 1\n".encode("utf-16"), [("Y004", 1)]),
    "control-character": (
        swap("perangkat_daerah: Dinas Sosial", "perangkat_daerah: Dinas\x07Sosial"),
        [("Y004", 2)],
    ),
    "empty": ("", [("Y005", 1)]),
    "only-comments": ("# rencana belum ditulis\n\n", [("Y005", 1)]),
    "top-level-list": ("- pokin: 1\n- tahun: 2025\n", [("Y006", 1)]),
    "top-level-scalar": ("pokin\n", [("Y006", 1)]),
    "two-documents": (BASE + "---\npokin: 1\n", [("Y001", 30)]),
    "too-deep": ("pokin: " + "[" * 70 + "]" * 70 + "\n", [("Y007", 1)]),
    "custom-tag": (
        swap("anggaran: 300\n        pj", "anggaran: !!binary MzAw\n        pj"),
        [("Y008", 18)],
    ),
    "unknown-key-anggran": (
        swap("anggaran: 300\n        pj", "anggran: 300\n        pj"),
        [("S001", 18)],
    ),
    "unknown-key-sub_kegiatan": (swap("subkegiatan:", "sub_kegiatan:"), [("S001", 25)]),
    "missing-kinerja": (
        swap("        kinerja: Terwujudnya korban bencana yang tertangani\n", ""),
        [("S002", 15)],
    ),
    "missing-top-level": (swap("tahun: 2025\n", ""), [("S002", 1)]),
    "indikator-not-a-list": (
        swap(
            "  kinerja: Meningkatnya Kesejahteraan PPKS",
            "  kinerja: Meningkatnya Kesejahteraan PPKS\n  indikator: Persentase PPKS",
        ),
        [("S003", 11)],
    ),
    "csf-not-a-list": (BASE.split("csf:")[0] + "csf: Meningkatnya Pelayanan\n", [("S003", 11)]),
    "bad-eselon": (swap("eselon: II", "eselon: 2"), [("S004", 7)]),
    "bad-format-version": (swap("pokin: 1", "pokin: 2"), [("S004", 1)]),
    "empty-statement": (
        swap("kinerja: Meningkatnya Pelayanan Sosial PPKS", 'kinerja: ""'),
        [("S004", 13)],
    ),
    "malformed-grouping": (
        swap("anggaran: 300\n        pj", "anggaran: 13.2918.000\n        pj"),
        [("S005", 18)],
    ),
    "space-in-number": (
        swap(
            "    anggaran: 300\n            subkegiatan",
            '    anggaran: "23. 000.000"\n            subkegiatan',
        ),
        [("S005", 24)],
    ),
    "negative-anggaran": (
        swap("anggaran: 300\n        pj", "anggaran: -300\n        pj"),
        [("S005", 18)],
    ),
    "percent-target-count-unit": (
        swap(
            "                anggaran: 300\n",
            "                anggaran: 300\n                indikator:\n                  - uraian: Jumlah orang\n                    satuan: orang\n                    target: 93,59%\n",
        ),
        [("S005", 33)],
    ),
    "target-year-not-a-year": (
        swap(
            "                anggaran: 300\n",
            "                anggaran: 300\n                indikator:\n                  - uraian: Jumlah orang\n                    satuan: orang\n                    target: {duaribu: 5}\n",
        ),
        [("S005", 33)],
    ),
    "bad-id": (swap("id: bencana\n", "id: Program Bencana\n"), [("S006", 15)]),
    "periode-reversed": (swap("tahun: 2025", "tahun: 2025\nperiode: [2025, 2021]"), [("S005", 4)]),
    "duplicate-id": (swap("id: bencana-makanan", "id: bencana-dasar"), [("R001", 26)]),
    "unknown-pj": (swap("pj: kadis", "pj: kabid"), [("R002", 19)]),
    "unknown-atasan": (swap("eselon: II", "eselon: II\n    atasan: bupati"), [("R003", 8)]),
    "unknown-renstra": (
        swap(
            "kinerja: Meningkatnya Pelayanan Sosial PPKS",
            "kinerja: Meningkatnya Pelayanan Sosial PPKS\n    renstra: rs-1",
        ),
        [("R004", 14)],
    ),
    "budget-mismatch": (
        swap(
            "    anggaran: 300\n            subkegiatan",
            "    anggaran: 250\n            subkegiatan",
        ),
        [("B001", 18), ("B001", 24)],
    ),
}


#: The checks this file is about; the other rule groups have their own tests.
GROUPS = ("yaml", "schema", "reference", "budget")
ONLY = Selection.of(GROUPS)


def _problems(text: str | bytes) -> list[tuple[str, int]]:
    report = check_loaded(load_text(text, "plan.yaml"), ONLY)
    return [(p.code, p.line) for p in report.problems if p.severity == "error"]


def test_base_is_valid() -> None:
    assert _problems(BASE) == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_case(name: str) -> None:
    text, expected = CASES[name]
    assert _problems(text) == expected


def test_corpus_through_the_cli_never_prints_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, (text, _) in CASES.items():
        data = text.encode() if isinstance(text, str) else text
        (folder / f"{name}.yaml").write_bytes(data)
    run = run_pokin("validate", "--format", "json", "--select", ",".join(GROUPS), str(folder))
    assert run.code == 1
    assert "Traceback" not in run.stderr + run.stdout
    report = json.loads(run.stdout)
    assert len(report["files"]) == len(CASES)
    found: dict[str, list[tuple[str, int]]] = {}
    for p in report["problems"]:
        assert set(p) == {"code", "severity", "message", "file", "line", "column", "node"}
        assert p["line"] >= 1 and p["column"] >= 1 and p["message"]
        if p["severity"] == "error":
            found.setdefault(Path(p["file"]).stem, []).append((p["code"], p["line"]))
    assert found == {name: expected for name, (_, expected) in CASES.items()}


def test_messages_name_the_node_and_suggest_the_key() -> None:
    report = check_loaded(load_text(CASES["unknown-key-anggran"][0], "plan.yaml"), ONLY)
    (problem,) = report.problems
    assert problem.node == "bencana"
    assert "'anggran'" in problem.message and "'anggaran'" in problem.message
    report = check_loaded(load_text(CASES["unknown-key-sub_kegiatan"][0], "plan.yaml"), ONLY)
    assert "'subkegiatan'" in report.problems[0].message


def test_alias_expansion_is_refused_without_blowing_up() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    report = check_loaded(load_text("\n".join(lines) + "\n", "bomb.yaml"))
    assert {p.code for p in report.problems} == {"Y003"}
    assert all(len(p.message) < 300 for p in report.problems)


def test_yaml_12_no_is_a_string() -> None:
    text = swap("kinerja: Meningkatnya Kesejahteraan PPKS", "kinerja: no")
    result = load_text(text, "plan.yaml")
    assert result.plan is not None
    assert result.plan.model.outcome.kinerja == "no"


def test_bom_and_crlf_simply_work() -> None:
    raw = b"\xef\xbb\xbf" + EXAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n").encode()
    report = check_loaded(load_text(raw, "crlf.yaml"), ONLY)
    assert [p for p in report.problems if p.severity == "error"] == []
    broken = (
        b"\xef\xbb\xbf"
        + swap("anggaran: 300\n        pj", "anggaran: 13.2918.000\n        pj")
        .replace("\n", "\r\n")
        .encode()
    )
    assert _problems(broken) == [("S005", 18)]


def test_indonesian_notation_is_accepted() -> None:
    text = swap("anggaran: 300\n        pj", 'anggaran: "Rp 300"\n        pj')
    text = text.replace(
        "                anggaran: 300\n",
        '                anggaran: "300"\n                indikator:\n'
        "                  - uraian: Persentase korban\n"
        '                    satuan: "%"\n'
        '                    target: "93,59%"\n',
    )
    result = load_text(text, "plan.yaml")
    assert result.plan is not None
    sub = result.plan.model.csf[0].program[0].kegiatan[0].subkegiatan[0]
    assert sub.anggaran == 300
    assert sub.indikator[0].target == 93.59


def test_yearly_anggaran_mapping() -> None:
    text = MINIMAL.replace("anggaran: 200", "anggaran: {2024: 180, 2025: 200}")
    result = load_text(text, "plan.yaml")
    assert result.plan is not None
    problems = check_loaded(result, ONLY).problems
    # the kegiatan declares a plain 300 (for 2025) but its parts now carry 2024 money too
    assert [(p.code, p.line) for p in problems] == [("B001", 56)]
    assert "tahun 2024: tertulis Rp 0, jumlah sub kegiatannya Rp 180" in problems[0].message


def test_example_validates_clean() -> None:
    run = run_pokin("validate", str(EXAMPLE))
    assert run.code == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_exit_codes() -> None:
    assert run_pokin("validate", "does-not-exist.yaml").code == 2
    assert run_pokin("validate", str(EXAMPLE), "--format", "nonsense").code == 2
    assert run_pokin("validate").code == 2


def test_json_is_exactly_one_object(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(CASES["unknown-pj"][0], encoding="utf-8")
    run = run_pokin("validate", "--format", "json", "--select", ",".join(GROUPS), str(plan))
    assert run.code == 1
    report = json.loads(run.stdout)
    assert report["format_version"] == 1
    assert report["files"] == [str(plan)]
    assert [(p["code"], p["line"], p["column"], p["node"]) for p in report["problems"]] == [
        ("R002", 19, 13, "bencana")
    ]
