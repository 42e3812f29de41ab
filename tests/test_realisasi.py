"""Realisasi files: loading and the rules M001–M017, each at its exact line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pokin.check.engine import Selection
from pokin.check.realisasi import check_realisasi
from pokin.source.realisasi import is_realisasi_text, load_realisasi_text
from tests.helpers import EXAMPLE, MINIMAL, run_pokin

#: A realisasi file for MINIMAL (written as plan.yaml next to it).
BASE = textwrap.dedent(
    """\
    pokin_realisasi: 1
    rencana: plan.yaml
    tahun: 2025
    periode: tw1
    tanggal: 2025-04-10
    realisasi:
      sub-1:
        indikator: [12]
        anggaran: 50
      prog-1:
        indikator: [20.5]
    """
)


def check(
    tmp_path: Path, *texts: str, plan: str = MINIMAL, select: tuple[str, ...] = ()
) -> list[list[tuple[str, int]]]:
    """(code, line) of the problems of each realisasi text, checked together."""
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    files = []
    for n, text in enumerate(texts):
        path = tmp_path / f"r{n}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    report = check_realisasi(files, Selection.of(select), use_config=False)
    return [[(p.code, p.line) for p in f.problems] for f in report.files]


def test_base_is_clean(tmp_path: Path) -> None:
    assert check(tmp_path, BASE) == [[]]


def test_is_realisasi_text() -> None:
    assert is_realisasi_text(BASE)
    assert not is_realisasi_text(MINIMAL)
    assert not is_realisasi_text("# pokin_realisasi: 1\npokin: 1\n")


def test_schema_problems_are_located_and_name_the_realisasi_keys() -> None:
    text = BASE.replace("periode: tw1", "periode: tw5").replace(
        "    anggaran: 50", "    angaran: 50"
    )
    result = load_realisasi_text(text, "r.yaml")
    assert result.realisasi is None
    got = sorted((p.code, p.line) for p in result.problems)
    assert got == [("S001", 9), ("S004", 4)]
    unknown = next(p for p in result.problems if p.code == "S001")
    assert "Mungkin maksudnya 'anggaran'" in unknown.message


def test_yaml_error_is_located_never_a_traceback(tmp_path: Path) -> None:
    assert check(tmp_path, BASE.replace("indikator: [12]", "indikator: [12")) == [[("Y001", 9)]]


def test_m001_rencana_not_found(tmp_path: Path) -> None:
    assert check(tmp_path, BASE.replace("rencana: plan.yaml", "rencana: hilang.yaml")) == [
        [("M001", 2)]
    ]


def test_m002_rencana_does_not_load(tmp_path: Path) -> None:
    broken = MINIMAL.replace("tahun: 2025", "tahun: [2025")
    assert check(tmp_path, BASE, plan=broken) == [[("M002", 2)]]


def test_m003_unknown_node(tmp_path: Path) -> None:
    assert check(tmp_path, BASE.replace("  sub-1:", "  sub-11:")) == [[("M003", 7)]]


def test_m004_value_for_an_indicator_the_node_does_not_have(tmp_path: Path) -> None:
    text = BASE.replace("indikator: [12]", "indikator: [12, 3]").replace(
        "indikator: [20.5]", "indikator: {Persentase korban bencana: 20.5}"
    )
    assert check(tmp_path, text) == [[("M004", 8), ("M004", 11)]]


def test_values_by_uraian_are_read(tmp_path: Path) -> None:
    text = BASE.replace(
        "indikator: [20.5]",
        "indikator: {persentase korban bencana yang  menerima bantuan sosial: 120}",
    )
    assert check(tmp_path, text) == [[("M014", 11)]]


def test_m005_anggaran_above_pagu(tmp_path: Path) -> None:
    assert check(tmp_path, BASE.replace("anggaran: 50", "anggaran: 201")) == [[("M005", 9)]]
    assert check(tmp_path, BASE.replace("anggaran: 50", "anggaran: 200")) == [[]]


def test_m006_m007_cumulative_figures_fall(tmp_path: Path) -> None:
    tw2 = BASE.replace("periode: tw1", "periode: tw2").replace(
        "tanggal: 2025-04-10", "tanggal: 2025-07-10"
    )
    falls = tw2.replace("indikator: [12]", "indikator: [11]").replace(
        "anggaran: 50", "anggaran: 49"
    )
    # given in any order: the periods decide what is earlier
    assert check(tmp_path, falls, BASE) == [[("M006", 8), ("M007", 9)], []]
    assert check(tmp_path, tw2, BASE) == [[], []]


def test_m006_does_not_apply_to_turun(tmp_path: Path) -> None:
    plan = MINIMAL.replace(
        "                    target: 55\n              - id: sub-2",
        "                    target: 55\n                    arah: turun\n              - id: sub-2",
    )
    tw2 = BASE.replace("periode: tw1", "periode: tw2").replace("indikator: [12]", "indikator: [5]")
    assert check(tmp_path, BASE, tw2, plan=plan) == [[], []]


def test_m008_tahun_other_than_the_plan_year(tmp_path: Path) -> None:
    text = BASE.replace("tahun: 2025", "tahun: 2024").replace(
        "tanggal: 2025-04-10", "tanggal: 2024-04-10"
    )
    assert check(tmp_path, text) == [[("M008", 3)]]


@pytest.mark.parametrize(
    ("tanggal", "expected"),
    [("2024-12-31", [("M009", 5)]), ("2027-01-01", [("M009", 5)]), ("2026-01-15", [])],
)
def test_m009_tanggal_outside_the_period(
    tmp_path: Path, tanggal: str, expected: list[tuple[str, int]]
) -> None:
    assert check(tmp_path, BASE.replace("2025-04-10", tanggal)) == [expected]


def test_m010_two_files_for_one_period(tmp_path: Path) -> None:
    assert check(tmp_path, BASE, BASE) == [[], [("M010", 4)]]


def test_m011_negative_value(tmp_path: Path) -> None:
    assert check(tmp_path, BASE.replace("indikator: [12]", "indikator: [-12]")) == [[("M011", 8)]]


def test_negative_anggaran_is_a_schema_error(tmp_path: Path) -> None:
    assert check(tmp_path, BASE.replace("anggaran: 50", "anggaran: -50")) == [[("S005", 9)]]


def test_m012_value_for_an_indicator_without_target(tmp_path: Path) -> None:
    text = BASE + "  outcome:\n    indikator: [80]\n"
    untargeted = MINIMAL.replace('satuan: "%",\n       target: 80}', 'satuan: "%"}\n')
    assert untargeted != MINIMAL
    assert check(tmp_path, text, plan=untargeted) == [[("M012", 13)]]


def test_m013_target_zero_is_undefined_never_a_division(tmp_path: Path) -> None:
    plan = MINIMAL.replace(
        "                    target: 55\n              - id: sub-2",
        "                    target: 0\n              - id: sub-2",
    )
    assert check(tmp_path, BASE, plan=plan) == [[("M013", 8)]]


def test_m014_percent_above_100(tmp_path: Path) -> None:
    assert check(tmp_path, BASE.replace("[20.5]", '["100,5%"]')) == [[("M014", 11)]]


def test_m015_published_capaian_differs_beyond_rounding(tmp_path: Path) -> None:
    # 12 ÷ 55 × 100 = 21,818…%: 21,8 is that figure rounded, 22 too; 23 is not
    for stated, expected in (
        ("21.8", []),
        ("22", []),
        ("21.9", [("M015", 10)]),
        ("23", [("M015", 10)]),
    ):
        text = BASE.replace(
            "    anggaran: 50", f"    anggaran: 50\n    capaian_tertulis: [{stated}]"
        )
        assert check(tmp_path, text) == [expected], stated


def test_m016_published_serapan_differs(tmp_path: Path) -> None:
    # sub-1: 50 ÷ 200 × 100 = 25%
    ok = BASE.replace("    anggaran: 50", "    anggaran: 50\n    serapan_tertulis: 25")
    assert check(tmp_path, ok) == [[]]
    wrong = BASE.replace("    anggaran: 50", "    anggaran: 50\n    serapan_tertulis: 30")
    assert check(tmp_path, wrong) == [[("M016", 10)]]


def test_m017_a_realisasi_file_of_another_plan(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(MINIMAL, encoding="utf-8")
    real = tmp_path / "tw1.yaml"
    real.write_text(BASE, encoding="utf-8")
    run = run_pokin("capaian", str(tmp_path / "other.yaml"), str(real))
    assert run.code == 1 and f"{real}:2:10: M017" in run.stderr


def test_m019_a_written_realisasi_that_its_children_do_not_sum_to(tmp_path: Path) -> None:
    text = BASE + "  keg-1:\n    anggaran: 70\n  sub-2:\n    anggaran: 10\n"
    assert check(tmp_path, text) == [[("M019", 13)]]
    assert check(tmp_path, text.replace("anggaran: 70", "anggaran: 60")) == [[]]


def test_selection_and_rule_registry(tmp_path: Path) -> None:
    text = BASE.replace("  sub-1:", "  sub-11:")
    assert check(tmp_path, text, select=("M005",)) == [[]]
    assert check(tmp_path, text, select=("realisasi",)) == [[("M003", 7)]]
    run = run_pokin("rules", "M006")
    assert run.code == 0 and "value-falls" in run.stdout


def test_validate_checks_realisasi_files_next_to_plans(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "tw1.yaml").write_text(
        BASE.replace("anggaran: 50", "anggaran: 500"), encoding="utf-8"
    )
    run = run_pokin("validate", str(tmp_path))
    assert run.code == 1
    assert f"{tmp_path / 'tw1.yaml'}:9:15: M005" in run.stdout
    assert "dalam 2 berkas" in run.stdout


def test_example_realisasi_files_are_clean() -> None:
    run = run_pokin("validate", str(EXAMPLE.parent / "realisasi"), "--strict")
    assert run.code == 0, run.stdout


def test_realisasi_files_in_a_workspace_folder_are_checked_not_read_as_plans(
    tmp_path: Path,
) -> None:
    import shutil

    folder = tmp_path / "ws"
    shutil.copytree(EXAMPLE.parent / "workspace", folder)
    (folder / "pokin.toml").write_text(
        (folder / "pokin.toml")
        .read_text(encoding="utf-8")
        .replace('plans = ["rpjmd.yaml", "opd/*.yaml"]', ""),
        encoding="utf-8",
    )
    real = folder / "realisasi" / "dinsos-tw1.yaml"
    real.parent.mkdir()
    real.write_text(
        "pokin_realisasi: 1\nrencana: ../opd/dinsos.yaml\ntahun: 2025\nperiode: tw1\n"
        "realisasi:\n  bencana-permakanan: {indikator: [12], anggaran: 999999999999}\n",
        encoding="utf-8",
    )
    run = run_pokin("validate", str(folder))
    assert f"{real}:6:51: M005" in run.stdout, run.stdout
    assert "S001" not in run.stdout


def test_fmt_puts_a_realisasi_file_in_canonical_order_keeping_comments(tmp_path: Path) -> None:
    path = tmp_path / "tw1.yaml"
    path.write_text(
        "pokin_realisasi: 1\nrealisasi:\n  # permakanan\n  sub-1:\n"
        '    faktor_pendukung: data  # DTKS\n    anggaran: "Rp 1.000"\n    indikator: [1]\n'
        "periode: tw1\ntahun: 2025\nrencana: plan.yaml\n",
        encoding="utf-8",
    )
    assert run_pokin("fmt", "--check", str(path)).code == 1
    assert run_pokin("fmt", str(path)).code == 0
    assert path.read_text(encoding="utf-8") == (
        "pokin_realisasi: 1\nrencana: plan.yaml\ntahun: 2025\nperiode: tw1\nrealisasi:\n"
        "  # permakanan\n  sub-1:\n    indikator: [1]\n    anggaran: 1000\n"
        "    faktor_pendukung: data  # DTKS\n"
    )
    assert run_pokin("fmt", "--check", str(EXAMPLE.parent / "realisasi")).code == 0


def test_fmt_leaves_a_broken_realisasi_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "tw1.yaml"
    text = "pokin_realisasi: 1\nrencana: plan.yaml\ntahun: 2025\nperiode: tw7\n"
    path.write_text(text, encoding="utf-8")
    run = run_pokin("fmt", str(path))
    assert run.code == 1 and "S004" in run.stdout + run.stderr
    assert path.read_text(encoding="utf-8") == text


def test_project_settings_apply_to_realisasi_files(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(MINIMAL, encoding="utf-8")
    real = tmp_path / "tw1.yaml"
    real.write_text(BASE.replace("anggaran: 50", "anggaran: 500"), encoding="utf-8")
    (tmp_path / "pokin.toml").write_text('[severity]\nM005 = "warning"\n', encoding="utf-8")
    run = run_pokin("validate", str(real))
    assert run.code == 0 and "M005 peringatan" in run.stdout
    (tmp_path / "pokin.toml").write_text('ignore = ["realisasi"]\n', encoding="utf-8")
    assert "M005" not in run_pokin("validate", str(real)).stdout


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('    indikator: "dua belas"', [("S003", 8)]),
        ("    indikator: [[12]]", [("S005", 8)]),
        ("    indikator: [dua]", [("S005", 8)]),
    ],
)
def test_values_of_the_wrong_shape_are_reported_once_where_they_are(
    line: str, expected: list[tuple[str, int]]
) -> None:
    text = BASE.replace("    indikator: [12]", line)
    result = load_realisasi_text(text, "r.yaml")
    assert [(p.code, p.line) for p in result.problems] == expected


def test_a_bad_tanggal_is_an_indonesian_schema_error() -> None:
    result = load_realisasi_text(BASE.replace("2025-04-10", "2025-13-45"), "r.yaml")
    (problem,) = result.problems
    assert (problem.code, problem.line) == ("S003", 5)
    assert "tulis TAHUN-BULAN-HARI" in problem.message


def test_inline_suppression_in_a_realisasi_file(tmp_path: Path) -> None:
    text = BASE.replace("anggaran: 50", "anggaran: 500  # pokin: ignore[M005] dana talangan")
    assert check(tmp_path, text) == [[]]
    unused = BASE.replace("anggaran: 50", "anggaran: 50  # pokin: ignore[M005]")
    assert check(tmp_path, unused) == [[("E002", 9)]]
    # a plan rule never runs on a realisasi file: its suppression is not judged
    assert check(tmp_path, BASE.replace("anggaran: 50", "anggaran: 50  # pokin: ignore[B001]")) == [
        []
    ]
