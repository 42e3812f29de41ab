"""A pemda workspace: loading, the links between plans (R005–R008), bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pokin.check.engine import Selection
from pokin.check.workspace import check_workspace
from pokin.source.workspace import find_workspace
from tests.helpers import ROOT, run_pokin

EXAMPLE_WS = ROOT / "examples" / "workspace"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A copy of the example workspace to break."""
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLE_WS, target)
    return target


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line containing ``text``."""
    hits = [i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line]
    return hits[nth - 1]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def findings(folder: Path, *codes: str) -> list[tuple[str, str, int]]:
    """(file name, code, line) of the workspace's problems of these codes."""
    config = find_workspace(folder)
    assert config is not None
    _, report = check_workspace(config, Selection.of(codes), use_config=False)
    return [(Path(p.file).name, p.code, p.line) for p in report.problems]


def test_example_workspace_validates_without_errors_or_link_findings() -> None:
    run = run_pokin("validate", str(EXAMPLE_WS))
    assert run.code == 0, run.stdout
    assert "0 galat" in run.stdout
    assert findings(EXAMPLE_WS, "reference") == []


def test_a_broken_reference_is_found_at_the_referring_line(ws: Path) -> None:
    dinkes = ws / "opd" / "dinkes.yaml"
    replace(dinkes, "rpjmd: pemda:derajat-kesehatan", "rpjmd: pemda:derajat-kesehatn")
    assert findings(ws, "R005") == [
        ("dinkes.yaml", "R005", line_of(dinkes, "pemda:derajat-kesehatn"))
    ]


def test_a_reference_to_no_plan_is_found(ws: Path) -> None:
    dinkes = ws / "opd" / "dinkes.yaml"
    replace(dinkes, "atasan: pemda:bupati", "atasan: pemkab:bupati")
    assert findings(ws, "R005") == [("dinkes.yaml", "R005", line_of(dinkes, "pemkab:bupati"))]


def test_a_one_sided_crosscutting_link_is_a_warning_on_the_side_that_has_it(ws: Path) -> None:
    dinkes = ws / "opd" / "dinkes.yaml"
    replace(
        dinkes,
        "                  - ke: dinsos:linjamsos-bansos-keluarga\n"
        "                    peran: Data keluarga penerima manfaat yang mempunyai balita gizi kurang\n",
        "",
    )
    dinsos = ws / "opd" / "dinsos.yaml"
    problems = findings(ws, "R006")
    assert problems == [("dinsos.yaml", "R006", line_of(dinsos, "ke: dinkes:gizi-balita"))]


def test_a_duplicate_kode_pd_is_found_on_the_second_plan(ws: Path) -> None:
    dinkes = ws / "opd" / "dinkes.yaml"
    replace(dinkes, "kode_pd: dinkes", "kode_pd: dinsos")
    # opd/dinkes.yaml comes first in file order: the copy in dinsos.yaml is the duplicate
    assert findings(ws, "R007") == [
        ("dinsos.yaml", "R007", line_of(ws / "opd" / "dinsos.yaml", "kode_pd: dinsos"))
    ]


def test_a_csf_without_rpjmd_link_is_a_warning(ws: Path) -> None:
    dinkes = ws / "opd" / "dinkes.yaml"
    replace(dinkes, "    rpjmd: pemda:derajat-kesehatan\n", "")
    assert findings(ws, "R008") == [
        ("dinkes.yaml", "R008", line_of(dinkes, "id: kesehatan-balita"))
    ]


def test_a_plan_that_does_not_load_leaves_the_others_checked(ws: Path) -> None:
    dinkes = ws / "opd" / "dinkes.yaml"
    replace(dinkes, "tahun: 2025", "tahun: [2025")
    run = run_pokin("validate", str(ws), "--format", "json")
    assert run.code == 1
    assert "dinkes.yaml" in run.stdout and "dinsos.yaml" in run.stdout
    # dinsos refers to dinkes:gizi-balita and dinkes:... plans: not reported again
    # (the plan that does not load is, whatever is selected)
    assert [f for f in findings(ws, "R005", "R006") if f[1] != "Y001"] == []
    assert ("dinkes.yaml", "Y001", 11) in findings(ws, "R005", "R006")


def test_a_glob_matching_nothing_is_located_in_pokin_toml(ws: Path) -> None:
    toml = ws / "pokin.toml"
    replace(toml, '"opd/*.yaml"]', '"opd/*.yaml", "kecamatan/*.yaml"]')
    assert findings(ws, "R005") == [("pokin.toml", "R005", line_of(toml, "kecamatan/"))]
    run = run_pokin("validate", str(ws))
    assert run.code == 1 and "pokin.toml:7:" in run.stdout


def test_an_induk_cycle_is_an_error_naming_the_cycle(ws: Path) -> None:
    plan = """\
pokin: 1
dokumen: pk
kode_pd: {kode}
perangkat_daerah: {nama}
tahun: 2025
jabatan:
  - {{id: kasi, nama: Kepala Seksi, eselon: IV}}
kegiatan:
  - id: keg
    kinerja: Terlaksananya {nama}
    nama: Kegiatan {nama}
    induk: {induk}
    indikator: [{{uraian: Jumlah dokumen, satuan: dokumen, target: 1}}]
    pj: kasi
    subkegiatan:
      - id: sub
        kinerja: Tersedianya dokumen {nama}
        nama: Sub kegiatan {nama}
        anggaran: 10
        indikator: [{{uraian: Jumlah dokumen, satuan: dokumen, target: 1}}]
"""
    (ws / "opd" / "pk-a.yaml").write_text(plan.format(kode="pk-a", nama="A", induk="pk-b:keg"))
    (ws / "opd" / "pk-b.yaml").write_text(plan.format(kode="pk-b", nama="B", induk="pk-a:keg"))
    config = find_workspace(ws)
    assert config is not None
    _, report = check_workspace(config, Selection.of(["R005"]), use_config=False)
    assert [(Path(p.file).name, p.line) for p in report.problems] == [("pk-a.yaml", 12)]
    assert "pk-a:keg → pk-b:keg → pk-a:keg" in report.problems[0].message


def test_cross_plan_references_are_not_checked_outside_a_workspace() -> None:
    run = run_pokin("validate", str(EXAMPLE_WS / "opd" / "dinkes.yaml"))
    assert run.code == 0, run.stdout


def test_workspace_rules_are_listed() -> None:
    listing = run_pokin("rules", "reference").stdout
    for code in ("R005", "R006", "R007", "R008"):
        assert code in listing


def test_the_checks_across_processes_report_what_one_process_does(ws: Path) -> None:
    dinkes = ws / "opd" / "dinkes.yaml"
    replace(dinkes, "rpjmd: pemda:derajat-kesehatan", "rpjmd: pemda:derajat-kesehatn")
    (ws / "opd" / "broken.yaml").write_text("pokin: 1\nkode_pd: [\n", encoding="utf-8")
    one = run_pokin("validate", str(ws), "-f", "json", env={"POKIN_JOBS": "1"})
    two = run_pokin("validate", str(ws), "-f", "json", env={"POKIN_JOBS": "2"})
    assert (one.code, one.stdout) == (two.code, two.stdout)
    assert one.code == 1 and '"R005"' in one.stdout and '"Y' in one.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_workspace_nomenclature_is_each_plans_default(ws: Path, jobs: str) -> None:
    run = run_pokin("validate", str(ws), "-f", "json", env={"POKIN_JOBS": jobs})
    used = json.loads(run.stdout)["nomenklatur"]
    assert {(v["versi"], v["versi_dari"], v["jenis_pemda_dari"]) for v in used.values()} == {
        ("kepmendagri-900", "workspace", "workspace")
    }
    # the workspace names the other list: the codes of the 900 list are now of another version
    replace(
        ws / "pokin.toml", 'nomenklatur = "kepmendagri-900"', 'nomenklatur = "pemutakhiran-2027"'
    )
    after = run_pokin("validate", str(ws), "-f", "json", env={"POKIN_JOBS": jobs})
    used = json.loads(after.stdout)["nomenklatur"]
    assert {v["versi"] for v in used.values()} == {"pemutakhiran-2027"}
    codes = {p["code"] for p in json.loads(after.stdout)["problems"]}
    assert codes & {"N003", "N006"}, codes
    # a plan's own key still wins over the workspace's
    replace(ws / "opd" / "dinsos.yaml", "pokin: 1\n", "pokin: 1\nnomenklatur: kepmendagri-900\n")
    mine = run_pokin("validate", str(ws), "-f", "json", env={"POKIN_JOBS": jobs})
    dinsos = json.loads(mine.stdout)["nomenklatur"][str(ws / "opd" / "dinsos.yaml")]
    assert (dinsos["versi"], dinsos["versi_dari"]) == ("kepmendagri-900", "rencana")
