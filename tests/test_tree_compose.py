"""Large diagrams: laid out in parts and composed; a note or a refusal above readable sizes."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from pokin.check.engine import check_loaded
from pokin.render.compose import render_svg_in_parts
from pokin.source.load import load_file
from pokin.views.tree import DiagramOptions, tree_view
from tests.helpers import EXAMPLE, ROOT, run_pokin


def test_composed_svg_holds_every_box_once_and_joins_the_branches() -> None:
    loaded = load_file(EXAMPLE)
    report = check_loaded(loaded)
    assert loaded.plan is not None
    options = DiagramOptions("TB", None, 2)
    svg = render_svg_in_parts(loaded.plan, report.problems, options, compose_above=1)
    assert svg is not None
    root = ET.fromstring(svg)  # well-formed
    ids = [e.attrib["id"] for e in root.iter() if "id" in e.attrib]
    assert len(ids) == len(set(ids))
    titles = [
        t.text.replace("&#45;", "-")
        for t in root.iter("{http://www.w3.org/2000/svg}title")
        if t.text
    ]
    view = tree_view(loaded.plan, report.problems, options)
    for ref in view.walk():
        assert titles.count(ref.id) == 1, ref.id
    branches = view.children(view.root)
    joins = re.findall(r'<path fill="none" stroke="#7F7F7F" stroke-width="1.3" d="M', svg)
    assert len(joins) == len(branches) >= 2
    # small or left-to-right diagrams are drawn whole
    assert render_svg_in_parts(loaded.plan, report.problems, options) is None
    lr = DiagramOptions("LR", None, 2)
    assert render_svg_in_parts(loaded.plan, report.problems, lr, compose_above=1) is None


def test_a_large_diagram_comes_with_a_note(tmp_path: Path) -> None:
    plan = tmp_path / "besar.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "gen_plan.py"), "--nodes", "2200", "-o", str(plan)],
        check=True,
        capture_output=True,
    )
    run = run_pokin("tree", str(plan), "--dot", str(tmp_path / "besar.dot"))
    assert run.code == 0, run.stderr
    assert "sulit dibaca" in run.stderr and "--depth" in run.stderr
    run = run_pokin("tree", str(plan), "--depth", "2", "--dot", str(tmp_path / "kecil.dot"))
    assert run.code == 0 and "sulit dibaca" not in run.stderr
