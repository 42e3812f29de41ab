"""Every command on a workspace folder: budget, tree, report, diff."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from pokin.source.workspace import find_workspace, load_workspace
from pokin.views.workspace import coverage, workspace_budget
from tests.helpers import ROOT, run_pokin

EXAMPLE_WS = ROOT / "examples" / "workspace"
DINSOS_TOTAL = 6312818993
DINKES_TOTAL = 420000000


def _ws():  # type: ignore[no-untyped-def]
    config = find_workspace(EXAMPLE_WS)
    assert config is not None
    return load_workspace(config)


def test_budget_per_pd_adds_each_plan_once_and_not_the_rpjmd() -> None:
    budget = workspace_budget(_ws(), "pd")
    assert budget.year == 2025
    assert [(line.key, line.amount) for line in budget.lines] == [
        ("dinkes", DINKES_TOTAL),
        ("dinsos", DINSOS_TOTAL),
    ]
    assert budget.total == DINSOS_TOTAL + DINKES_TOTAL


def test_budget_per_urusan_and_per_program_kode_have_the_same_pemda_total() -> None:
    ws = _ws()
    urusan = workspace_budget(ws, "urusan")
    assert [(line.key, line.amount) for line in urusan.lines] == [
        ("1.02", DINKES_TOTAL),
        ("1.06", DINSOS_TOTAL),
    ]
    program = workspace_budget(ws, "program")
    assert program.lines[0].key == "1.02.02"
    assert sum(line.amount for line in program.lines) == urusan.total == program.total


def test_budget_command_on_a_workspace() -> None:
    run = run_pokin("budget", str(EXAMPLE_WS), "--format", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["by"] == "pd" and data["total"] == DINSOS_TOTAL + DINKES_TOTAL
    human = run_pokin("budget", str(EXAMPLE_WS), "--by", "urusan")
    assert "Total pemda" in human.stdout and "Rp 6.732.818.993" in human.stdout


def test_a_node_with_induk_is_counted_in_its_induk_plan_only(tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    shutil.copytree(EXAMPLE_WS, ws_dir)
    # the Kasi's PK slice realises a Dinsos kegiatan: its money is the Dinsos's
    slice_text = (ROOT / "examples" / "documents" / "pk_kasi_rehsos_2025.yaml").read_text()
    slice_text = slice_text.replace("kode_pd: dinsos", "kode_pd: dinsos-kasi-rehsos")
    slice_text = slice_text.replace(
        "  - id: rehsos-dasar-luar-panti\n",
        "  - id: rehsos-dasar-luar-panti\n    induk: dinsos:rehsos-dasar-luar-panti\n",
    )
    (ws_dir / "opd" / "pk-kasi.yaml").write_text(slice_text)
    config = find_workspace(ws_dir)
    assert config is not None
    assert workspace_budget(load_workspace(config), "pd").total == DINSOS_TOTAL + DINKES_TOTAL


def test_tree_draws_the_pemda_tree_with_crosscutting() -> None:
    run = run_pokin("tree", str(EXAMPLE_WS))
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    sasaran = next(i for i, line in enumerate(lines) if "CSF penanganan-pmks" in line)
    dinsos_csf = next(i for i, line in enumerate(lines) if "[dinsos] CSF pelayanan-sosial" in line)
    assert sasaran < dinsos_csf
    assert any("⇢ crosscutting dinkes:gizi-balita" in line for line in lines)


def test_tree_root_zooms_into_one_pd(tmp_path: Path) -> None:
    run = run_pokin("tree", str(EXAMPLE_WS), "--root", "dinkes")
    assert run.code == 0, run.stderr
    assert "[dinsos]" not in run.stdout and "gizi-balita" in run.stdout
    svg = tmp_path / "dinkes.svg"
    drawn = run_pokin("tree", str(EXAMPLE_WS), "--root", "dinkes", "--svg", str(svg))
    assert drawn.code == 0, drawn.stderr
    assert "Kesehatan Balita" in svg.read_text()
    unknown = run_pokin("tree", str(EXAMPLE_WS), "--root", "dishub")
    assert unknown.code == 2 and "dishub" in unknown.stderr


def test_coverage_counts_links_both_ways() -> None:
    rows = {row.kode_pd: row for row in coverage(_ws())}
    assert (rows["dinkes"].csf, rows["dinkes"].csf_linked) == (1, 1)
    assert len(rows["dinkes"].cross_out) == 2  # the Dinsos and an outside mitra
    assert [link.plan for link in rows["dinkes"].cross_in] == ["dinsos"]
    assert rows["dinkes"].anggaran == rows["dinkes"].anggaran_measured == DINKES_TOTAL


def test_report_writes_the_coverage_page(tmp_path: Path) -> None:
    out = tmp_path / "cakupan.html"
    run = run_pokin("report", str(EXAMPLE_WS), "-o", str(out))
    assert run.code == 0, run.stderr
    page = out.read_text()
    assert "Cakupan rencana Kabupaten Kotawaringin Timur" in page
    assert "dinkes:gizi-balita → dinsos:linjamsos-bansos-keluarga" in page
    md = run_pokin("report", str(EXAMPLE_WS), "-f", "md").stdout
    assert "| dinkes | Dinas Kesehatan Kabupaten Kotawaringin Timur | penjenjangan |" in md


def test_diff_between_two_workspace_folders(tmp_path: Path) -> None:
    old, new = tmp_path / "a", tmp_path / "b"
    shutil.copytree(EXAMPLE_WS, old)
    shutil.copytree(EXAMPLE_WS, new)
    dinkes = new / "opd" / "dinkes.yaml"
    dinkes.write_text(
        dinkes.read_text().replace(
            "                  - mitra: Tim Penggerak PKK Kabupaten Kotawaringin Timur\n"
            "                    peran: Penggerakan posyandu\n",
            "",
        )
    )
    run = run_pokin("diff", str(old), str(new), "--format", "json")
    assert run.code == 0, run.stderr
    plans = {p["kode_pd"]: p for p in json.loads(run.stdout)["plans"]}
    changes = plans["dinkes"]["changes"]
    assert [(c["id"], c["field"]) for c in changes] == [("gizi-balita", "crosscutting")]
    assert plans["dinsos"]["changes"] == []


def test_diff_of_a_workspace_between_two_revisions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE_WS, repo / "ws")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "a", "--allow-empty")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "b")
    dinsos = repo / "ws" / "opd" / "dinsos.yaml"
    dinsos.write_text(dinsos.read_text().replace("status: definitif", "status: plt"))
    run = run_pokin("diff", str(repo / "ws"), "--rev", "HEAD")
    assert run.code == 0, run.stderr
    assert "=== dinsos" in run.stdout and "pejabat" in run.stdout
    assert "HEAD:ws/opd/dinsos.yaml" in run.stdout


def test_crosscutting_is_a_dashed_edge_in_the_diagram() -> None:
    run = run_pokin("tree", str(EXAMPLE_WS / "opd" / "dinkes.yaml"), "--dot", "-")
    assert run.code == 0, run.stderr
    edges = [line for line in run.stdout.splitlines() if '"gizi-balita" -> "crosscutting~' in line]
    assert len(edges) == 2 and all("style=dashed" in edge for edge in edges)
    assert 'label="dinsos:linjamsos-bansos-keluarga"' in run.stdout


def test_crosscutting_is_in_the_pk_of_the_owning_jabatan() -> None:
    run = run_pokin("pk", str(EXAMPLE_WS / "opd" / "dinkes.yaml"), "-j", "jf-gizi", "-f", "md")
    assert run.code == 0, run.stderr
    assert "| Terkelolanya Pelayanan Kesehatan Balita Sesuai Standar | " in run.stdout
    assert "| dinsos:linjamsos-bansos-keluarga |" in run.stdout
    other = run_pokin("pk", str(EXAMPLE_WS / "opd" / "dinkes.yaml"), "-j", "kadis", "-f", "md")
    assert "Crosscutting dengan" not in other.stdout


def test_pk_of_a_kepala_dinas_names_the_kepala_daerah_of_the_pemda_plan() -> None:
    run = run_pokin("pk", str(EXAMPLE_WS / "opd" / "dinkes.yaml"), "-j", "kadis", "-f", "md")
    assert run.code == 0, run.stderr
    assert "| Bupati Kotawaringin Timur | Kepala Dinas Kesehatan |" in run.stdout


def test_report_lists_a_plan_that_did_not_load(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE_WS, ws)
    dinkes = ws / "opd" / "dinkes.yaml"
    dinkes.write_text(dinkes.read_text().replace("tahun: 2025", "tahun: [2025"))
    run = run_pokin("report", str(ws), "-f", "md")
    assert run.code == 1
    assert "| dinkes | (tidak dapat dibaca: lihat pokin validate) |" in run.stdout
    budget = run_pokin("budget", str(ws))
    assert budget.code == 1 and "Y001" in budget.stdout and "Total pemda" in budget.stdout


def test_the_pemda_diagram_joins_pds_under_their_sasaran_with_dashed_crosscutting() -> None:
    run = run_pokin("tree", str(EXAMPLE_WS), "--dot", "-")
    assert run.code == 0, run.stderr
    dot = run.stdout
    assert '"pemda~derajat-kesehatan" -> "dinkes~kesehatan-balita"' in dot
    assert "subgraph cluster_dinsos" in dot and "subgraph cluster_dinkes" in dot
    cross = [line for line in dot.splitlines() if "style=dashed" in line and "->" in line]
    assert len(cross) == 1  # one link declared on both sides: one edge
    assert '"dinkes~gizi-balita" -> "dinsos~linjamsos-bansos-keluarga"' in cross[0]
