"""`pokin lkjip`: the LKjIP chapter III in HTML and Markdown from the example's realisasi."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import EXAMPLE, MINIMAL, run_pokin

REALISASI = EXAMPLE.parent / "realisasi"


def test_markdown_chapter_per_sasaran_with_last_period_compared() -> None:
    run = run_pokin(
        "lkjip",
        str(EXAMPLE),
        str(REALISASI / "2025-tw2.yaml"),
        "--tahun-lalu",
        str(REALISASI / "2025-tw1.yaml"),
        "-f",
        "md",
    )
    assert run.code == 0, run.stderr
    text = run.stdout
    assert "Capaian sampai **Triwulan II 2025**, data per 8 Juli 2025." in text
    assert "### Sasaran 1: Meningkatnya Pelayanan Sosial PPKS" in text
    # 48,2 ÷ 50 × 100 = 96,40%; TW I: 24,5 ÷ 25 × 100 = 98,00%
    assert "| 50% | 48,2% | 96,40% | 24,5% | 98,00% |" in text
    assert "- Banjir Mei 2025 menambah jumlah korban yang harus dilayani (bencana)" in text
    # 192.650.000 ÷ 372.250.370 = 51,75%; efisiensi 96,40 − 51,75 = 44,65
    assert (
        "| 1 | Program Penanganan Bencana | Rp 372.250.370 | Rp 192.650.000 | 51,75% | 96,40% "
        "| 44,65% |" in text
    )
    assert "| | **Jumlah** | **Rp 6.312.818.993** | **Rp 311.430.000** | **4,93%** | | |" in text


def test_html_file_is_written_and_plan_text_escaped(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        MINIMAL.replace("Meningkatnya Pelayanan Sosial PPKS", "<script>alert(1)</script>"),
        encoding="utf-8",
    )
    real = tmp_path / "tw1.yaml"
    real.write_text(
        "pokin_realisasi: 1\nrencana: plan.yaml\ntahun: 2025\nperiode: tw1\n"
        "realisasi:\n  sub-1:\n    indikator: [5]\n    anggaran: 20\n"
        "    faktor_penghambat: '<b>hujan</b>'\n",
        encoding="utf-8",
    )
    out = tmp_path / "lkjip.html"
    run = run_pokin("lkjip", str(plan), str(real), "-o", str(out))
    assert run.code == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;hujan&lt;/b&gt;" in html
    # 20 ÷ 300 × 100 = 6,67%
    assert "6,67%" in html


def test_lkjip_never_overwrites_the_plan_and_refuses_broken_realisasi(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL, encoding="utf-8")
    real = tmp_path / "tw1.yaml"
    real.write_text("pokin_realisasi: 1\nrencana: plan.yaml\ntahun: 2025\nperiode: tw1\n")
    run = run_pokin("lkjip", str(plan), str(real), "-o", str(plan.with_suffix(".md")))
    assert run.code == 0
    run = run_pokin("lkjip", str(plan), str(real), "-o", str(real))
    assert run.code == 2 and real.read_text().startswith("pokin_realisasi")
    real.write_text("pokin_realisasi: 1\nrencana: plan.yaml\ntahun: 2025\nperiode: [\n")
    out = tmp_path / "x.md"
    run = run_pokin("lkjip", str(plan), str(real), "-o", str(out))
    assert run.code == 1 and not out.exists() and "Y001" in run.stderr


def test_a_pk_below_program_lists_its_kegiatan_in_the_budget_table(tmp_path: Path) -> None:
    pk = EXAMPLE.parent / "documents" / "pk_kasi_rehsos_2025.yaml"
    real = tmp_path / "tahunan.yaml"
    real.write_text(
        f"pokin_realisasi: 1\nrencana: {pk}\ntahun: 2025\nperiode: tahunan\nrealisasi:\n"
        "  rehsos-dasar-luar-panti: {indikator: [128]}\n"
        "  rehsos-permakanan: {indikator: [100], anggaran: 53000000}\n",
        encoding="utf-8",
    )
    run = run_pokin("lkjip", str(pk), str(real), "-f", "md")
    assert run.code == 0, run.stderr
    # 128 ÷ 139 × 100 = 92,09; 53.000.000 ÷ 89.169.180 × 100 = 59,44; 92,09 − 59,44 = 32,65
    assert "| No | Kegiatan | Anggaran |" in run.stdout
    assert "| Rp 89.169.180 | Rp 53.000.000 | 59,44% | 92,09% | 32,65% |" in run.stdout
