"""`pokin tree` on the command line: terminal tree, files, filters, exit codes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from pokin.source.load import load_file
from tests.helpers import EXAMPLE, MINIMAL, run_pokin, write

# as on a machine without Graphviz: no system `dot`, the embedded renderer
NO_DOT = {"POKIN_GRAPHVIZ": "wasm", "PATH": "/nonexistent"}


def example_ids() -> list[str]:
    plan = load_file(EXAMPLE).plan
    assert plan is not None
    return [ref.id for ref in plan.nodes]


def test_terminal_tree_shows_every_node_in_file_order() -> None:
    run = run_pokin("tree", str(EXAMPLE))
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    ids = example_ids()
    shown = [word for line in lines for word in line.split() if word in set(ids)]
    assert shown == ids
    assert lines[0] == (
        "OUTCOME kesejahteraan-ppks  Meningkatnya Kesejahteraan Pemerlu Pelayanan "
        "Kesejahteraan Sosial (PPKS)  ! I012"
    )
    assert lines[-1] == "68 simpul · rencana ini: 0 galat, 24 peringatan (lihat pokin validate)"


def test_terminal_show_details_for_one_branch() -> None:
    run = run_pokin(
        "tree", str(EXAMPLE), "--root", "bencana", "--depth", "1", "--show", "target,anggaran,pj"
    )
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == [
        "PROGRAM bencana  Terwujudnya Korban Bencana Yang Tertangani Dengan Bantuan",
        "  • Presentase korban bencana yang menerima bantuan social: 93,59%",
        "  Anggaran: Rp 372.250.370",
        "  pj: kabid-linjamsos (Kepala Bidang Perlindungan dan Jaminan Sosial)",
        "└── KEGIATAN bencana-kebutuhan-dasar  Terpenuhinya Kebutuhan Dasar Korban Bencana Alam"
        "  ! I005",
        "      • Jumlah Korban Bencana Alam dan Sosial Yang Terpenuhi Kebutuhan Dasarnya: 93,59%",
        "      Anggaran: Rp 372.250.370",
        "      pj: jf-linjamsos (Pejabat Fungsional pada Bidang Perlindungan dan Jaminan Sosial)",
        "      … +5 sub kegiatan tidak ditampilkan",
        "2 simpul · rencana ini: 0 galat, 24 peringatan (lihat pokin validate)",
    ]


def test_terminal_inherited_pj_is_marked() -> None:
    run = run_pokin("tree", str(EXAMPLE), "--root", "bencana-sandang", "--show", "pj")
    assert run.code == 0, run.stderr
    assert (
        "pj: jf-linjamsos (Pejabat Fungsional pada Bidang Perlindungan dan Jaminan Sosial)"
        " — dari atasan" in run.stdout
    )


def test_terminal_text_is_not_markup(tmp_path: Path) -> None:
    plan = write(
        tmp_path,
        MINIMAL.replace(
            "kinerja: Meningkatnya Pelayanan Sosial PPKS",
            'kinerja: "[bold red]bukan markup[/] \\\\ [link=x]"',
        ),
    )
    run = run_pokin("tree", str(plan), "--depth", "1")
    assert run.code == 0, run.stderr
    assert "CSF csf-1  [bold red]bukan markup[/] \\ [link=x]" in run.stdout


def test_unknown_root_exits_2_with_suggestion() -> None:
    run = run_pokin("tree", str(EXAMPLE), "--root", "rehsos-sandangg")
    assert run.code == 2
    assert run.stdout == ""
    assert "tidak ada simpul dengan id 'rehsos-sandangg'" in run.stderr
    assert "mungkin maksud Anda: rehsos-sandang" in run.stderr


def test_svg_without_system_graphviz(tmp_path: Path) -> None:
    out = tmp_path / "pohon.svg"
    dot = tmp_path / "pohon.dot"
    run = run_pokin("tree", str(EXAMPLE), "--svg", str(out), "--dot", str(dot), env=NO_DOT)
    assert run.code == 0, run.stderr
    assert run.stdout == ""
    titles = {
        el.text
        for el in ET.parse(out).iter("{http://www.w3.org/2000/svg}title")
        if el.text and not el.text.startswith("legend~")
    }
    assert set(example_ids()) <= titles
    assert dot.read_text(encoding="utf-8").startswith("digraph pohon_kinerja {")


def test_svg_to_stdout(tmp_path: Path) -> None:
    run = run_pokin("tree", str(EXAMPLE), "--root", "tmp", "--svg", "-", env=NO_DOT)
    assert run.code == 0, run.stderr
    svg = ET.fromstring(run.stdout)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_png_and_pdf_without_dot_exit_2_and_write_nothing(tmp_path: Path) -> None:
    for fmt in ("png", "pdf"):
        svg = tmp_path / "pohon.svg"
        out = tmp_path / f"pohon.{fmt}"
        run = run_pokin("tree", str(EXAMPLE), "--svg", str(svg), f"--{fmt}", str(out), env=NO_DOT)
        assert run.code == 2
        assert f"format {fmt.upper()} membutuhkan Graphviz" in run.stderr
        assert "apt-get install graphviz" in run.stderr
        assert "--svg" in run.stderr
        assert "Traceback" not in run.stderr
        assert not out.exists() and not svg.exists()


def test_bad_options_exit_2(tmp_path: Path) -> None:
    cases = [
        (["--show", "indikator,nama"], "--show tidak mengenal nama"),
        (["--rankdir", "XY"], "--rankdir harus salah satu dari TB, LR, BT, RL"),
        (["--dot", "-", "--svg", "-"], "hanya satu keluaran"),
        (["--png", "-"], "--png menulis berkas biner"),
        (["--svg", str(tmp_path / "tidak-ada" / "x.svg")], "tidak ada"),
        (["--dot", str(EXAMPLE)], "berkas rencana itu sendiri"),
    ]
    for args, message in cases:
        run = run_pokin("tree", str(EXAMPLE), *args, env=NO_DOT)
        assert run.code == 2, args
        assert message in run.stderr, (args, run.stderr)
    assert run_pokin("tree", str(tmp_path / "hilang.yaml")).code == 2


def test_plan_with_errors_is_drawn_and_exits_1(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL.replace("anggaran: 100\n", "anggaran: 101\n"))
    run = run_pokin("tree", str(plan))
    assert run.code == 1
    assert "KEGIATAN keg-1  Terpenuhinya kebutuhan dasar korban bencana  ✗ B001" in run.stdout
    assert run.stdout.splitlines()[-1] == (
        # MINIMAL's own I016 (outcome) warning
        "6 simpul · rencana ini: 1 galat, 1 peringatan (lihat pokin validate)"
    )


def test_unreadable_plan_reported_like_validate(tmp_path: Path) -> None:
    plan = write(tmp_path, "pokin: 1\ntahun: [2025\n")
    out = tmp_path / "x.svg"
    tree = run_pokin("tree", str(plan), "--svg", str(out))
    validate = run_pokin("validate", str(plan))
    assert tree.code == validate.code == 1
    assert tree.stdout == validate.stdout
    assert not out.exists()
