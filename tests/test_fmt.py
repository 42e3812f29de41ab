"""pokin fmt: canonical layout, nothing lost, comments kept, files left alone when unsafe."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pokin.numbers import format_number, format_rupiah
from pokin.render.fmt import _verify, comments, format_bytes
from pokin.source.load import load_text
from tests.helpers import EXAMPLE, MINIMAL, run_pokin, write

MESSY = """\
# kepala berkas
perangkat_daerah: Dinas Contoh
pokin: 1
tahun: 2025
jabatan:
- nama: Kepala Dinas   # jabatan tertinggi
  id: kadis
  eselon: II
outcome:
    kinerja: Meningkatnya Kesejahteraan PPKS
    id: outcome
    indikator:
    -   satuan: "%"
        uraian: Persentase PPKS yang tertangani
    pj: kadis
csf:
  - kinerja: Meningkatnya Pelayanan Sosial PPKS
    id: csf-1
    program:
      - id: prog-1
        anggaran: "Rp 300"   # angka dokumen
        kinerja: Terwujudnya korban bencana yang tertangani
        nama: Program Penanganan Bencana
        indikator:
          - {satuan: "%", uraian: Persentase korban, target: "93,59%"}
        # catatan tentang kegiatan
        kegiatan:
          - id: keg-1
            kinerja: Terpenuhinya kebutuhan dasar
            nama: Perlindungan Sosial
            subkegiatan:
              - anggaran: Rp 300
                id: sub-1
                nama: Penyediaan Makanan
                kinerja: Terpenuhinya permakanan
                indikator:
                  - uraian: Jumlah orang
                    target: {"2024": "1.250", 2025: 12}
                    satuan: orang
              # catatan di akhir daftar sub kegiatan
    indikator:
      - uraian: Persentase PPKS yang terlayani
        satuan: "%"
# akhir berkas
"""

MESSY_FORMATTED = """\
# kepala berkas
pokin: 1
perangkat_daerah: Dinas Contoh
tahun: 2025
jabatan:
  - id: kadis
    nama: Kepala Dinas  # jabatan tertinggi
    eselon: II
outcome:
  id: outcome
  kinerja: Meningkatnya Kesejahteraan PPKS
  indikator:
    - uraian: Persentase PPKS yang tertangani
      satuan: "%"
  pj: kadis
csf:
  - id: csf-1
    kinerja: Meningkatnya Pelayanan Sosial PPKS
    indikator:
      - uraian: Persentase PPKS yang terlayani
        satuan: "%"
    program:
      - id: prog-1
        kinerja: Terwujudnya korban bencana yang tertangani
        nama: Program Penanganan Bencana
        anggaran: 300  # angka dokumen
        indikator:
          - {uraian: Persentase korban, satuan: "%", target: 93.59}
        # catatan tentang kegiatan
        kegiatan:
          - id: keg-1
            kinerja: Terpenuhinya kebutuhan dasar
            nama: Perlindungan Sosial
            subkegiatan:
              - id: sub-1
                kinerja: Terpenuhinya permakanan
                nama: Penyediaan Makanan
                anggaran: 300
                indikator:
                  - uraian: Jumlah orang
                    satuan: orang
                    target: {2024: 1250, 2025: 12}
              # catatan di akhir daftar sub kegiatan
# akhir berkas
"""


def test_messy_plan_gets_the_canonical_layout() -> None:
    result = format_bytes(MESSY.encode(), "messy.yaml")
    assert result.error is None and result.problems == []
    assert result.formatted is not None
    assert result.formatted.decode() == MESSY_FORMATTED
    # idempotent, and nothing lost
    again = format_bytes(result.formatted, "messy.yaml")
    assert again.formatted == result.formatted and not again.changed
    before = load_text(MESSY, "a").plan
    after = load_text(result.formatted, "b").plan
    assert before is not None and after is not None and before.model == after.model
    assert comments(MESSY) == comments(MESSY_FORMATTED)


def test_example_is_already_canonical() -> None:
    run = run_pokin("fmt", "--check", str(EXAMPLE.parent))
    assert run.code == 0, run.stdout + run.stderr
    assert run.stdout == ""
    plans = len(list(EXAMPLE.parent.rglob("*.yaml")))  # the example and examples/*/
    assert f"0 dari {plans} berkas belum berformat baku." in run.stderr


def test_check_prints_diff_and_changes_nothing(tmp_path: Path) -> None:
    plan = write(tmp_path, MESSY)
    run = run_pokin("fmt", "--check", str(plan))
    assert run.code == 1
    assert "+pokin: 1\n" in run.stdout and "+  - id: kadis\n" in run.stdout
    assert plan.read_text(encoding="utf-8") == MESSY


def test_write_is_atomic_and_keeps_mode(tmp_path: Path) -> None:
    plan = write(tmp_path, MESSY)
    os.chmod(plan, 0o640)
    run = run_pokin("fmt", str(plan))
    assert run.code == 0, run.stderr
    assert plan.read_text(encoding="utf-8") == MESSY_FORMATTED
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]  # no temp file left
    assert run_pokin("fmt", "--check", str(plan)).code == 0


def test_crlf_is_kept_and_bom_dropped() -> None:
    raw = b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode()
    result = format_bytes(raw, "crlf.yaml")
    assert result.formatted == MESSY_FORMATTED.replace("\n", "\r\n").encode()


def test_unparsable_file_is_left_untouched(tmp_path: Path) -> None:
    broken = MINIMAL.replace("tahun: 2025", "tahun: [2025") + "# komentar\n"
    plan = write(tmp_path, broken, "rusak.yaml")
    raw = plan.read_bytes()
    run = run_pokin("fmt", str(plan))
    assert run.code == 1
    assert "Y001" in run.stdout
    assert "rusak.yaml: tidak dapat dibaca sebagai rencana; tidak diubah" in run.stderr
    assert plan.read_bytes() == raw
    schema_error = write(tmp_path, MINIMAL.replace("tahun: 2025", "tahun: dua"), "skema.yaml")
    raw = schema_error.read_bytes()
    assert run_pokin("fmt", str(schema_error)).code == 1
    assert schema_error.read_bytes() == raw
    assert run_pokin("fmt", str(tmp_path / "tidak-ada.yaml")).code == 2


def test_output_that_would_lose_a_comment_is_refused() -> None:
    plan = load_text(MINIMAL, "a").plan
    assert plan is not None
    before = MINIMAL.replace("tahun: 2025\n", "tahun: 2025  # tahun anggaran\n")
    reason = _verify(before, MINIMAL, plan.model, "a")
    assert reason is not None and "'# tahun anggaran' akan hilang" in reason
    assert _verify(before, before, plan.model, "a") is None


# ------------------------------------------------------------ property test

_EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
_EXAMPLE_PLAN = load_text(_EXAMPLE_TEXT, "example").plan
assert _EXAMPLE_PLAN is not None
_EXAMPLE_MODEL = _EXAMPLE_PLAN.model


def _mappings(data: Any) -> list[CommentedMap]:
    found: list[CommentedMap] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, CommentedMap):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, CommentedSeq):
            stack.extend(item)
    return found


@st.composite
def mutated_example(draw: st.DrawFn) -> tuple[str, list[str], bool]:
    """The example with keys reordered, numbers as Indonesian strings, new
    indentation and added comments; returns the text, the added comments and
    whether keys were reordered."""
    y = YAML(typ="rt")
    y.width = 1_000_000
    y.preserve_quotes = True
    data = y.load(_EXAMPLE_TEXT)
    maps = _mappings(data)
    added: list[str] = []
    reordered = False
    for m in draw(st.lists(st.sampled_from(maps), max_size=8)):
        keys = list(m)
        order = draw(st.permutations(keys))
        reordered = reordered or list(order) != keys
        for key in order:
            m.move_to_end(key)
    for m in maps:
        if "anggaran" in m and isinstance(m["anggaran"], int) and draw(st.booleans()):
            m["anggaran"] = format_rupiah(int(m["anggaran"]), prefix=draw(st.booleans()))
        target = m.get("target")
        if isinstance(target, float) and draw(st.booleans()):
            m["target"] = format_number(target)
    for i, m in enumerate(draw(st.lists(st.sampled_from(maps), max_size=4, unique_by=id))):
        key = draw(st.sampled_from(list(m)))
        if key in m.ca.items:  # ruamel cannot add a second comment there
            continue
        note = f"catatan uji {i}"
        m.yaml_add_eol_comment(note, key)
        added.append("# " + note)
    mapping, sequence = draw(st.sampled_from([(2, 2), (2, 4), (4, 4), (3, 5)]))
    y.indent(mapping=mapping, sequence=sequence, offset=sequence - 2)
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue(), added, reordered


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_example())
def test_formatting_mutated_example_loses_nothing(case: tuple[str, list[str], bool]) -> None:
    text, added, reordered = case
    loaded = load_text(text, "mutated")
    assert loaded.plan is not None and _EXAMPLE_MODEL is not None
    assert loaded.plan.model == _EXAMPLE_MODEL
    result = format_bytes(text.encode(), "mutated.yaml")
    assert result.error is None, result.error
    assert result.formatted is not None
    formatted = result.formatted.decode()
    after = load_text(formatted, "formatted").plan
    assert after is not None and after.model == _EXAMPLE_MODEL
    assert comments(formatted) == comments(text)
    for note in added:
        assert note in formatted
    assert format_bytes(result.formatted, "again.yaml").formatted == result.formatted
    if not added and not reordered:  # new indentation and number forms only: the example
        assert formatted == _EXAMPLE_TEXT


def test_end_of_line_comments_sit_two_spaces_after_the_value() -> None:
    text = (
        MINIMAL.replace("tahun: 2025\n", "tahun: 2025        # tahun anggaran\n")
        .replace(
            "kinerja: Meningkatnya Kesejahteraan PPKS",
            'kinerja: "Meningkatnya # bukan komentar" # komentar',
        )
        .replace("anggaran: 200", 'anggaran: "Rp 200"     # angka dokumen')
    )
    result = format_bytes(text.encode(), "plan.yaml")
    assert result.error is None, result.error
    assert result.formatted is not None
    formatted = result.formatted.decode()
    assert "tahun: 2025  # tahun anggaran\n" in formatted
    assert 'kinerja: "Meningkatnya # bukan komentar"  # komentar\n' in formatted
    assert "anggaran: 200  # angka dokumen\n" in formatted


def test_blocks_moved_by_hand_come_back_with_their_comments() -> None:
    """`jabatan` (with the comment above it) written before `renstra` is put back."""
    lines = _EXAMPLE_TEXT.split("\n")

    def start(prefix: str) -> int:
        return next(i for i, line in enumerate(lines) if line.startswith(prefix))

    renstra, jabatan, outcome = start("renstra:"), start("# Tabel distribusi"), start("# Tahap 1")
    moved = lines[:renstra] + lines[jabatan:outcome] + lines[renstra:jabatan] + lines[outcome:]
    result = format_bytes("\n".join(moved).encode(), "moved.yaml")
    assert result.error is None, result.error
    assert result.formatted is not None
    assert result.formatted.decode() == _EXAMPLE_TEXT


# ------------------------------------------------------ the emitter's own cases


def test_tab_before_an_end_of_line_comment() -> None:
    text = MINIMAL.replace("tahun: 2025\n", "tahun: 2025\t# tahun anggaran\n")
    result = format_bytes(text.encode(), "plan.yaml")
    assert result.error is None, result.error
    assert result.formatted is not None
    assert "tahun: 2025  # tahun anggaran\n" in result.formatted.decode()


def test_block_scalar_is_reindented_and_kept() -> None:
    text = MINIMAL.replace(
        "    nama: Pejabat Fungsional\n",
        "    nama: Pejabat Fungsional\n    catatan: |\n          baris satu\n            baris dua\n\n          # bukan komentar\n",
    )
    result = format_bytes(text.encode(), "plan.yaml")
    assert result.error is None, result.error
    assert result.formatted is not None
    formatted = result.formatted.decode()
    assert (
        "    catatan: |\n      baris satu\n        baris dua\n\n      # bukan komentar\n"
        in formatted
    )
    assert comments(formatted) == comments(text) == {}
    assert format_bytes(result.formatted, "again.yaml").changed is False


def test_flow_style_indicators_stay_flow_with_their_keys_ordered() -> None:
    text = MINIMAL.replace(
        '      - {uraian: Persentase PPKS yang terlayani, satuan: "%",\n         target: 85}\n',
        '      - {satuan: "%", target: "90,5", uraian: "Persentase PPKS: terlayani"}  # cat\n',
    )
    assert text != MINIMAL
    result = format_bytes(text.encode(), "plan.yaml")
    assert result.error is None, result.error
    assert result.formatted is not None
    assert (
        '      - {uraian: "Persentase PPKS: terlayani", satuan: "%", target: 90.5}  # cat\n'
        in result.formatted.decode()
    )


def test_comment_inside_a_multiline_flow_mapping_is_not_lost(tmp_path: Path) -> None:
    text = MINIMAL.replace("periode: [2021, 2025]\n", "periode: [2021,  # awal\n  2025]\n")
    plan = write(tmp_path, text)
    run = run_pokin("fmt", str(plan))
    assert run.code == 1
    assert "'# awal' akan hilang" in run.stderr
    assert plan.read_text(encoding="utf-8") == text


def test_comments_ignore_hashes_inside_scalars() -> None:
    text = 'a: "x # y"  # satu\nb: |\n  # dua\n# tiga\nc: d#e\n'
    assert comments(text) == {"# satu": 1, "# tiga": 1}


def test_check_on_a_canonical_large_plan_changes_nothing(tmp_path: Path) -> None:
    """A generated plan (block and flow style) is already canonical."""
    import subprocess
    import sys

    from tests.helpers import ROOT

    for style in ("block", "flow"):
        out = tmp_path / f"{style}.yaml"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "gen_plan.py"),
                "--nodes",
                "300",
                "--style",
                style,
                "-o",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        result = format_bytes(out.read_bytes(), str(out))
        assert result.error is None and result.problems == [], result.error
        assert not result.changed, style


SLICE = """\
pokin: 1
dokumen: renja
perangkat_daerah: Dinas Sosial Kabupaten Contoh
tahun: 2025
jabatan:
  - nama: Bupati Contoh
    id: bupati
    eselon: kepala_daerah
  - nama: Kepala Dinas
    id: kadis
    eselon: II
    atasan: bupati
    pejabat:
      status: plt
      nama: Drs. A
program:
  - kinerja: Meningkatnya Penanganan Korban Bencana
    id: p1
    nama: Program Penanganan Bencana
    kode: "1.06.06"
    anggaran: 100
    pj: kadis
    crosscutting:
      - peran: Logistik tanggap darurat
        mitra: BPBD
    indikator:
      - satuan: "%"
        uraian: Persentase korban bencana yang tertangani
        target: 90
"""


def test_a_plan_that_starts_at_program_gets_every_key_order() -> None:
    # a top-level program list, a pejabat and a crosscutting entry are ordered
    # as their nested counterparts are
    result = format_bytes(SLICE.encode(), "renja.yaml")
    assert result.error is None and result.formatted is not None
    text = result.formatted.decode()
    assert "  - id: bupati\n    nama: Bupati Contoh\n" in text
    assert "    pejabat:\n      nama: Drs. A\n      status: plt\n" in text
    assert "  - id: p1\n    kinerja: Meningkatnya Penanganan Korban Bencana\n" in text
    assert "      - uraian: Persentase korban bencana yang tertangani\n        satuan:" in text
    assert "    crosscutting:\n      - mitra: BPBD\n        peran: Logistik" in text
    assert text.index("indikator:") < text.index("pj: kadis") < text.index("crosscutting:")
    before, after = load_text(SLICE, "a").plan, load_text(text, "b").plan
    assert before is not None and after is not None and before.model == after.model
