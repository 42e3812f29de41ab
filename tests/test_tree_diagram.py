"""The pohon kinerja diagram: DOT text, SVG from the embedded renderer, escaping."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pokin.check.engine import Selection, check_loaded
from pokin.plan import LoadedPlan
from pokin.problems import Problem, UsageError
from pokin.render.dot import build_dot
from pokin.render.graphviz_backend import render_svg
from pokin.source.load import load_file
from pokin.views.tree import DiagramOptions
from tests.helpers import EXAMPLE, MINIMAL, run_pokin_process, write

SVG = "{http://www.w3.org/2000/svg}"
WASM = {"POKIN_GRAPHVIZ": "wasm"}

BENCANA_BRANCH = {
    "bencana",
    "bencana-kebutuhan-dasar",
    "bencana-permakanan",
    "bencana-kelompok-rentan",
    "bencana-sandang",
    "bencana-penampungan",
    "bencana-psikososial",
}
LEGEND_NODES = {"legend~outcome", "legend~csf", "legend~program", "legend~kegiatan"}
LEGEND_NODES |= {"legend~subkegiatan", "legend~summary"}


#: MINIMAL's own evaluator warnings (C010 on kadis, I016 on the outcome), left out where
#: a test counts what the diagram marks.
QUIET = ("C010", "I016")


def loaded(path: Path, *ignore: str) -> tuple[LoadedPlan, list[Problem]]:
    report = check_loaded(load_file(path), Selection.of((), ignore))
    assert report.plan is not None
    return report.plan, report.problems


def svg_nodes(svg: str) -> dict[str, list[str]]:
    """Node name (<title>) → the text lines drawn in that node, from parsed SVG."""
    root = ET.fromstring(svg)
    nodes: dict[str, list[str]] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        title = group.find(f"{SVG}title")
        assert title is not None and title.text is not None
        nodes[title.text] = [t.text or "" for t in group.iter(f"{SVG}text")]
    return nodes


@pytest.fixture()
def wasm(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render as on a machine without Graphviz installed."""
    monkeypatch.setenv("POKIN_GRAPHVIZ", "wasm")


def test_example_svg_shows_every_node(wasm: None) -> None:
    plan, problems = loaded(EXAMPLE)
    nodes = svg_nodes(render_svg(build_dot(plan, problems)))
    ids = [ref.id for ref in plan.nodes]
    assert len(ids) == 68
    assert set(nodes) == set(ids) | LEGEND_NODES | {"legend~errors", "legend~warnings"}
    for ref in plan.nodes:
        header = nodes[ref.id][0]
        assert header.endswith(f"· {ref.id}")
        # the statement is drawn whole, wrapped over the following lines
        drawn = " ".join(nodes[ref.id][1:])
        assert " ".join(ref.node.kinerja.split()) in drawn


def test_example_boxes_carry_kode_indicators_targets_and_anggaran(wasm: None) -> None:
    plan, problems = loaded(EXAMPLE)
    nodes = svg_nodes(render_svg(build_dot(plan, problems)))
    assert nodes["bencana"] == [
        "1.06.06 · bencana",
        "Terwujudnya Korban Bencana Yang",
        "Tertangani Dengan Bantuan",
        "• Presentase korban bencana yang menerima",
        "\u00a0\u00a0bantuan social: 93,59%",
        "Anggaran: Rp 372.250.370",
    ]
    assert "Anggaran: Rp 4.200.000" in nodes["bencana-kelompok-rentan"]
    assert nodes["kesejahteraan-ppks"][0] == "OUTCOME · kesejahteraan-ppks"
    assert nodes["legend~summary"] == [
        "Hasil pokin validate: 0 galat, 24 peringatan",
        "(1 di luar diagram)",  # C010 on the jabatan kadis
        "Total anggaran: Rp 6.312.818.993",
    ]
    # I005 warnings on the kegiatan are outlined and counted (with B003, C011, N004, N005)
    assert nodes["legend~warnings"] == ["Simpul dengan peringatan: 21"]
    assert nodes["bencana-kebutuhan-dasar"][-1] == "PERINGATAN: I005"


def test_dot_is_byte_identical_across_runs_and_processes(tmp_path: Path) -> None:
    plan, problems = loaded(EXAMPLE)
    first = build_dot(plan, problems)
    again_plan, again_problems = loaded(EXAMPLE)
    assert build_dot(again_plan, again_problems) == first
    outputs = []
    for seed in ("1", "2"):
        run = run_pokin_process("tree", str(EXAMPLE), "--dot", "-", env={"PYTHONHASHSEED": seed})
        assert run.code == 0, run.stderr
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] == first
    # nodes appear in file order
    order = [line.split()[0].strip('"') for line in first.splitlines() if "[label=" in line]
    tree_order = [name for name in order if not name.startswith("legend~")]
    assert tree_order == [ref.id for ref in plan.nodes]


HOSTILE = (
    '"Kutip" <b>tebal</b> & &amp; &lt; {kurawal} [siku] |pipa| \\N \\l \\G back\\slash\n'
    "baris baru 😀 ]]> <!-- komentar --> </svg><script>alert(1)</script> \x01kendali "
    '"\\" \\'
)


def hostile_plan(tmp_path: Path) -> Path:
    text = MINIMAL.replace(
        "kinerja: Terwujudnya korban bencana yang tertangani",
        "kinerja: " + json.dumps(HOSTILE, ensure_ascii=False),
    ).replace(
        "perangkat_daerah: Dinas Contoh",
        "perangkat_daerah: " + json.dumps(HOSTILE, ensure_ascii=False),
    )
    return write(tmp_path, text)


def test_hostile_statement_appears_literally(tmp_path: Path, wasm: None) -> None:
    plan, problems = loaded(hostile_plan(tmp_path), *QUIET)
    assert plan.by_id["prog-1"].node.kinerja == HOSTILE
    dot = build_dot(plan, problems)
    svg = render_svg(dot)
    root = ET.fromstring(svg)  # well-formed XML: nothing injected
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    nodes = svg_nodes(svg)
    assert set(nodes) == {"outcome", "csf-1", "prog-1", "keg-1", "sub-1", "sub-2"} | (LEGEND_NODES)
    expected = HOSTILE.replace("\x01", "\ufffd")
    drawn = "".join(nodes["prog-1"][1:])
    assert "".join(expected.split()) in "".join(drawn.split())
    graph = root.find(f"{SVG}g")
    assert graph is not None
    title = "".join(t.text or "" for t in graph.findall(f"{SVG}text"))  # the graph label
    assert "".join(title.split()) == "PohonKinerja" + "".join(expected.split()) + "Tahun2025"
    # exactly the tree's edges are drawn: nothing in the text became a statement
    edges = [
        (g.findtext(f"{SVG}title") or "") for g in root.iter(f"{SVG}g") if g.get("class") == "edge"
    ]
    assert edges == ["outcome->csf-1", "csf-1->prog-1", "prog-1->keg-1", "keg-1->sub-1"]


def test_hostile_statement_is_escaped_in_dot(tmp_path: Path) -> None:
    """Backslashes, quotes, record syntax and entities are escaped in the DOT text."""
    plan, problems = loaded(hostile_plan(tmp_path), *QUIET)
    dot = build_dot(plan, problems)
    labels = [line for line in dot.splitlines() if line.lstrip().startswith('"prog-1" [label=')]
    assert len(labels) == 1
    for piece in ("\\\\N", "\\\\l", "\\\\G", "back\\\\slash", '\\"\\\\\\" \\\\'):
        assert piece in labels[0]
    for piece in ("\\<b\\>tebal\\</b\\> &amp; &amp;amp; &amp;lt;", "\\{kurawal\\}", "\\|pipa\\|"):
        assert piece in labels[0]


def test_root_filter_draws_one_branch() -> None:
    plan, problems = loaded(EXAMPLE)
    dot = build_dot(plan, problems, DiagramOptions(root="bencana"))
    names = {line.split()[0].strip('"') for line in dot.splitlines() if "[label=" in line}
    assert names - {n for n in names if n.startswith("legend~")} == BENCANA_BRANCH
    assert "(cabang bencana)" in dot


def test_depth_filter_and_hidden_children() -> None:
    plan, problems = loaded(EXAMPLE)
    dot = build_dot(plan, problems, DiagramOptions(depth=1))
    names = {line.split()[0].strip('"') for line in dot.splitlines() if "[label=" in line}
    assert {n for n in names if not n.startswith("legend~")} == {
        "kesejahteraan-ppks",
        "pelayanan-sosial",
        "psks",
        "akuntabilitas",
    }
    assert "+4 program tidak ditampilkan" in dot
    assert "+2 program tidak ditampilkan" in dot
    only_root = build_dot(plan, problems, DiagramOptions(root="rehsos", depth=0))
    assert "+2 kegiatan tidak ditampilkan" in only_root


def test_unknown_root_suggests_close_ids() -> None:
    plan, problems = loaded(EXAMPLE)
    with pytest.raises(UsageError, match="mungkin maksud Anda: bencana"):
        build_dot(plan, problems, DiagramOptions(root="bencan"))


def test_rankdir_lr_lays_fields_top_down() -> None:
    plan, problems = loaded(EXAMPLE)
    tb = build_dot(plan, problems)
    lr = build_dot(plan, problems, DiagramOptions(rankdir="LR"))
    assert "rankdir=LR" in lr
    assert 'bencana [label="{1.06.06' in tb.replace('"bencana"', "bencana")
    assert 'bencana [label="1.06.06' in lr.replace('"bencana"', "bencana")
    assert "cluster~" in tb and "cluster~bencana-kebutuhan-dasar" not in lr


def test_errors_outlined_red_and_counted(tmp_path: Path, wasm: None) -> None:
    # sub-2 one Rupiah more: keg-1 no longer adds up (B001 on keg-1)
    text = MINIMAL.replace("anggaran: 100\n", "anggaran: 101\n")
    plan, problems = loaded(write(tmp_path, text), *QUIET)
    assert [(p.code, p.node) for p in problems] == [("B001", "keg-1")]
    dot = build_dot(plan, problems)
    keg = next(line for line in dot.splitlines() if line.lstrip().startswith('"keg-1" [label='))
    assert 'color="#C00000"' in keg and "penwidth=4" in keg
    nodes = svg_nodes(render_svg(dot))
    assert nodes["keg-1"][-1] == "GALAT: B001"
    assert nodes["legend~errors"] == ["Simpul dengan galat: 1"]
    assert nodes["legend~warnings"] == ["Simpul dengan peringatan: 0"]


def test_damaged_module_cache_is_replaced(tmp_path: Path) -> None:
    env = {**WASM, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = tmp_path / "a.svg"
    assert run_pokin_process("tree", str(EXAMPLE), "--svg", str(out), env=env).code == 0
    [cached] = (tmp_path / "cache" / "pokin").iterdir()
    good = cached.read_bytes()
    assert oct(cached.stat().st_mode & 0o777) == "0o600"
    cached.write_bytes(good[: len(good) // 2])  # truncated by a crash
    out.unlink()
    run = run_pokin_process("tree", str(EXAMPLE), "--svg", str(out), env=env)
    assert run.code == 0, run.stderr
    ET.parse(out)
    assert cached.read_bytes() == good
    if hasattr(os, "getuid"):
        assert cached.stat().st_uid == os.getuid()
