"""pokin diff on fixture pairs: each kind of change, formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pokin.model import Indikator
from pokin.source.load import load_text
from pokin.views.diff import Change, compare, match_indicators, word_diff
from tests.helpers import EXAMPLE, MINIMAL, run_pokin, write


def _plan(text: str, name: str = "plan.yaml"):  # type: ignore[no-untyped-def]
    result = load_text(text, name)
    assert result.plan is not None, result.problems
    return result.plan


def _changes(old: str, new: str) -> list[Change]:
    return compare(_plan(old, "old.yaml"), _plan(new, "new.yaml")).changes


def _key(c: Change) -> tuple[object, ...]:
    return (c.kind, c.id, c.field, c.old, c.new)


def test_identical_plans_have_no_change() -> None:
    result = compare(_plan(MINIMAL), _plan(MINIMAL))
    assert result.empty
    assert result.old_total == result.new_total == 300


def test_anggaran_change_with_delta_and_percent() -> None:
    new = MINIMAL.replace("anggaran: 100", "anggaran: 150")
    (c,) = _changes(MINIMAL, new)
    assert _key(c) == ("changed", "sub-2", "anggaran", 100, 150)
    assert c.delta == 50 and c.percent == 0.5


def test_statement_change_has_word_diff() -> None:
    new = MINIMAL.replace(
        "kinerja: Tersedianya pakaian bagi korban bencana",
        "kinerja: Tersedianya pakaian layak bagi seluruh korban bencana",
    )
    (c,) = _changes(MINIMAL, new)
    assert (c.id, c.field) == ("sub-2", "kinerja")
    assert c.words == (
        ("=", "Tersedianya pakaian"),
        ("+", "layak"),
        ("=", "bagi"),
        ("+", "seluruh"),
        ("=", "korban bencana"),
    )


def test_pj_nama_kode_and_target_changes() -> None:
    new = (
        MINIMAL.replace("pj: jf\n", "pj: kabid\n")
        .replace("nama: Penyediaan Sandang", "nama: Penyediaan Pakaian")
        .replace('kode: "1.06.06.2.01.0002"', 'kode: "1.06.06.2.01.0009"')
        .replace("target: 93.59", 'target: "95,5"')
    )
    keys = {_key(c) for c in _changes(MINIMAL, new)}
    assert keys == {
        ("changed", "keg-1", "pj", "jf", "kabid"),
        ("changed", "sub-2", "nama", "Penyediaan Sandang", "Penyediaan Pakaian"),
        ("changed", "sub-2", "kode", "1.06.06.2.01.0002", "1.06.06.2.01.0009"),
        ("changed", "prog-1", "indikator.target", 93.59, 95.5),
    }


def test_yearly_target_changes_per_year() -> None:
    new = MINIMAL.replace("target: {2021: 70.05, 2025: 90.05}", "target: {2021: 70.05, 2025: 92}")
    (c,) = _changes(MINIMAL, new)
    assert (c.scope, c.id, c.field, c.year, c.old, c.new) == (
        "renstra",
        "rs-1",
        "indikator.target",
        2025,
        90.05,
        92,
    )


def test_added_removed_and_moved_nodes_with_subtree_anggaran() -> None:
    # sub-2 moves to a new kegiatan keg-2 under prog-1; sub-1 is removed
    new = MINIMAL.replace(
        """              - id: sub-2""",
        """          - id: keg-2
            kinerja: Terpenuhinya sandang korban bencana
            nama: Kegiatan Baru
            indikator:
              - uraian: Jumlah paket
                satuan: paket
            subkegiatan:
              - id: sub-2""",
    )
    start = new.index("            subkegiatan:\n              - id: sub-1")
    end = new.index("          - id: keg-2")
    new = new[:start] + new[end:]
    result = compare(_plan(MINIMAL), _plan(new))
    got = {(c.kind, c.id, c.field, c.old, c.new, c.anggaran) for c in result.changes}
    assert got == {
        ("added", "keg-2", None, None, None, 100),
        ("moved", "sub-2", "parent", "keg-1", "keg-2", None),
        ("removed", "sub-1", None, None, None, 200),
    }
    assert result.counts() == {"added": 1, "changed": 0, "moved": 1, "removed": 1}
    assert (result.old_total, result.new_total) == (300, 300)
    # prog-1 keeps its declared 300 while keg-1 (300) and keg-2 (100) now sum to 400
    assert [(m.id, m.declared, m.computed) for m in result.mismatches] == [("prog-1", 300, 400)]


def test_indicators_added_removed_and_renamed() -> None:
    new = MINIMAL.replace(
        "                  - uraian: Jumlah orang yang mendapatkan pakaian\n",
        "                  - uraian: Jumlah orang yang menerima pakaian\n",
    ).replace(
        """        indikator:
          - uraian: Persentase korban bencana yang menerima bantuan sosial""",
        """        indikator:
          - uraian: Jumlah posko
            satuan: unit
            target: 3
          - uraian: Persentase korban bencana yang menerima bantuan sosial""",
    )
    keys = {(c.kind, c.id, c.field, c.indikator) for c in _changes(MINIMAL, new)}
    assert keys == {
        ("changed", "sub-2", "indikator.uraian", "Jumlah orang yang menerima pakaian"),
        ("added", "prog-1", "indikator", "Jumlah posko"),
    }


def test_indicator_matching_by_uraian_then_position() -> None:
    a = [Indikator(uraian="A", target=1), Indikator(uraian="B", target=2)]
    b = [Indikator(uraian="b", target=3), Indikator(uraian="C", target=4)]
    pairs, removed, added = match_indicators(a, b)
    assert [(x.uraian, y.uraian) for x, y in pairs] == [("B", "b"), ("A", "C")]
    assert removed == [] and added == []


def test_jabatan_and_header_changes() -> None:
    new = (
        MINIMAL.replace("nama: Kepala Bidang\n", "nama: Kepala Bidang Linjamsos\n")
        .replace("perangkat_daerah: Dinas Contoh", "perangkat_daerah: Dinas Sosial Contoh")
        .replace(
            "jabatan:\n",
            "jabatan:\n  - id: sekretaris\n    nama: Sekretaris\n    eselon: III\n",
        )
    )
    keys = {(c.kind, c.scope, c.id, c.field) for c in _changes(MINIMAL, new)}
    assert keys == {
        ("changed", "plan", None, "perangkat_daerah"),
        ("changed", "jabatan", "kabid", "nama"),
        ("added", "jabatan", "sekretaris", None),
    }


def test_word_diff_replacement() -> None:
    assert word_diff("a b c", "a x c") == (("=", "a"), ("-", "b"), ("+", "x"), ("=", "c"))


def test_cli_formats_and_exit_codes(tmp_path: Path) -> None:
    old = write(tmp_path, MINIMAL, "old.yaml")
    new = write(tmp_path, MINIMAL.replace("anggaran: 100", "anggaran: 150"), "new.yaml")
    human = run_pokin("diff", str(old), str(new))
    assert human.code == 0
    assert "~ sub kegiatan sub-2: anggaran Rp 100 → Rp 150 (+Rp 50, +50,00%)" in human.stdout
    assert "0 ditambah, 1 diubah, 0 dipindah, 0 dihapus; anggaran Rp 300 (tetap)" in human.stdout
    assert run_pokin("diff", "--exit-code", str(old), str(new)).code == 1
    assert run_pokin("diff", "--exit-code", str(old), str(old)).code == 0
    data = json.loads(run_pokin("diff", "-f", "json", str(old), str(new)).stdout)
    assert data["format_version"] == 1
    assert data["changes"] == [
        {
            "id": "sub-2",
            "kind": "changed",
            "scope": "node",
            "level": "subkegiatan",
            "field": "anggaran",
            "old": 100,
            "new": 150,
            "label": "Penyediaan Sandang",
            "delta": 50,
            "percent": 50.0,
        }
    ]
    assert data["summary"]["anggaran"] == {"old": 300, "new": 300, "delta": 0}
    assert data["summary"]["mismatches"][0]["id"] == "keg-1"
    md = run_pokin("diff", "-f", "md", str(old), str(new)).stdout
    assert "- `~` sub kegiatan sub-2: anggaran Rp 100 → Rp 150 (+Rp 50, +50,00%)" in md


def test_budget_per_program_and_csf(tmp_path: Path) -> None:
    new_text = EXAMPLE.read_text(encoding="utf-8").replace(
        "        anggaran: 150000000\n", "        anggaran: 160000000\n", 1
    )
    new = write(tmp_path, new_text, "new.yaml")
    out = run_pokin("diff", str(EXAMPLE), str(new)).stdout
    assert "~ program dayasos: anggaran Rp 150.000.000 → Rp 160.000.000" in out
    assert "~ CSF psks: Rp 182.400.000 → Rp 192.400.000 (+Rp 10.000.000)" in out
    assert "~ program dayasos: Rp 150.000.000 → Rp 160.000.000 (+Rp 10.000.000)" in out
    assert "anggaran Rp 6.312.818.993 → Rp 6.322.818.993 (+Rp 10.000.000)" in out


def test_unparsable_plan_is_reported_and_exits_2(tmp_path: Path) -> None:
    old = write(tmp_path, MINIMAL, "old.yaml")
    bad = write(tmp_path, MINIMAL.replace("tahun: 2025", "tahun: [2025"), "bad.yaml")
    run = run_pokin("diff", str(old), str(bad))
    assert run.code == 2
    assert f"{bad}:" in run.stdout and "Y001" in run.stdout
    assert "tidak dapat membandingkan" in run.stderr
    assert run_pokin("diff", str(old), str(tmp_path / "missing.yaml")).code == 2
    assert run_pokin("diff", str(old), str(old), str(old)).code == 2


def test_children_put_in_another_order_is_one_change_on_the_parent() -> None:
    lines = MINIMAL.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.strip() == "- id: sub-1")
    second = next(i for i, line in enumerate(lines) if line.strip() == "- id: sub-2")
    swapped = lines[:first] + lines[second:] + lines[first:second]
    changes = _changes(MINIMAL, "".join(swapped))
    assert [_key(c) for c in changes] == [
        ("changed", "keg-1", "urutan", ["sub-1", "sub-2"], ["sub-2", "sub-1"])
    ]


# every key of the format is a reviewable change, the newer ones included
_EVERY_KEY = [
    ("target_triwulan: [25, 50, 75, 93.59]", "target_triwulan: [20, 50, 75, 93.59]",
     "indikator.target_triwulan"),
    ("            arah: naik\n", "            arah: tetap\n", "indikator.arah"),
    ("            arah: naik\n", "            arah: naik\n            metode_capaian: dibatasi\n",
     "indikator.metode_capaian"),
    ("pokin: 1\n", "pokin: 1\nnomenklatur: kepmendagri-900\n", "nomenklatur"),
    ("pokin: 1\n", "pokin: 1\njenis_pemda: kabupaten\n", "jenis_pemda"),
    ('anggaran_dokumen: "271.000.000"', 'anggaran_dokumen: "271.000.000,-"', "anggaran_dokumen"),
    ("    eselon: II\n    atasan: bupati\n",
     "    eselon: II\n    atasan: bupati\n    pejabat:\n      nama: Drs. Contoh\n", "pejabat"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "field"), _EVERY_KEY, ids=[k[2] for k in _EVERY_KEY])
def test_every_key_of_the_format_is_a_change(old: str, new: str, field: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    before = load_text(text, "a.yaml").plan
    after = load_text(text.replace(old, new, 1), "b.yaml").plan
    assert before is not None and after is not None
    fields = [c.field for c in compare(before, after).changes]
    assert fields == [field]
