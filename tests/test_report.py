"""pokin report: the planning report of the example, in Markdown and HTML."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pokin.check.engine import check_loaded
from pokin.render.documents import angka, inline_svg, md_escape, rupiah, tanggal, target
from pokin.source.load import load_file
from pokin.views.report import Report, build_report, walk_views
from tests.helpers import EXAMPLE, MINIMAL, run_pokin, write


@pytest.fixture(scope="module")
def example_report() -> Report:
    result = load_file(EXAMPLE)
    assert result.plan is not None
    return build_report(result.plan, check_loaded(result).problems)


@pytest.fixture(scope="module")
def md_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("md") / "laporan.md"
    run = run_pokin("report", str(EXAMPLE), "-o", str(out))
    assert run.code == 0, run.stderr
    return out, out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def html_report(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("html") / "laporan.html"
    run = run_pokin("report", str(EXAMPLE), "--format", "html", "-o", str(out))
    assert run.code == 0, run.stderr
    return out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the data


def test_stages_of_the_example(example_report: Report) -> None:
    r = example_report
    assert r.outcome.kinerja.startswith("Meningkatnya Kesejahteraan Pemerlu")
    # Tahap 1: 3 ekspektasi, 6 mandat, 5 isu strategis side by side
    assert len(r.sumber) == 6
    assert r.sumber[3][0] is None and r.sumber[5][2] is None
    assert r.sumber[4][2] == "Masih Lemahnya SDM Pengelola Data"
    # Tahap 2
    assert [(c.number, c.id) for c in r.csf] == [
        ("I", "pelayanan-sosial"),
        ("II", "psks"),
        ("III", "akuntabilitas"),
    ]
    # Tahap 3: one sheet per condition that has conditions below it, as in the seed
    assert len(r.sheets) == 23
    assert [s.parent.id for s in r.sheets[:3]] == [
        "pelayanan-sosial",
        "bencana",
        "bencana-kebutuhan-dasar",
    ]
    assert len(r.sheets[0].children) == 4
    # Tahap 5.1: one column per year of periode
    assert r.renstra_years == [2021, 2022, 2023, 2024, 2025]
    assert r.renstra_tujuan[0].indikator[0].targets == {
        2021: 63.32,
        2022: 69.65,
        2023: 75.99,
        2024: 82.32,
        2025: 94.99,
    }
    assert len(r.programs) == 7 and len(r.kegiatan) == 13


def test_distribution_matrix(example_report: Report) -> None:
    d = example_report.distribution
    assert d.columns == 13  # one per kegiatan
    assert [(b.level_kinerja, b.pk) for b in d.bands] == [
        ("Kinerja Strategis Daerah", "PK Kepala Daerah"),
        ("Kinerja Strategis Bidang Urusan", "PK Kepala Dinas"),
        ("Kinerja Manajerial", "PK Eselon III"),
        ("Kinerja Manajerial", "PK Eselon IV / JF"),
    ]
    assert d.bands[0].jabatan == ["Bupati Kotawaringin Timur"]
    csf_row = d.bands[1].rows[2]
    assert csf_row.label == "Sasaran Renstra (CSF)"
    # CSF I spans 5 kegiatan (1+2+1+1), CSF II 2, CSF III the 6 of Program Penunjang
    assert [c.colspan for c in csf_row.cells] == [5, 2, 6]
    program_row = d.bands[2].rows[0]
    assert [c.colspan for c in program_row.cells] == [1, 2, 1, 1, 1, 1, 6]
    for band in d.bands:
        for row in band.rows:
            assert sum(c.colspan for c in row.cells) == 13, row.label


def test_budget_summary_uses_the_corrected_figures(example_report: Report) -> None:
    b = example_report.budget
    assert b.total == {2025: 6_312_818_993}
    assert {line.node.id: line.amounts[2025] for line in b.programs} == {
        "bencana": 372_250_370,
        "rehsos": 306_749_630,
        "linjamsos": 100_000_000,
        "migran": 23_000_000,
        "dayasos": 150_000_000,
        "tmp": 32_400_000,
        "penunjang": 5_328_418_993,
    }
    assert b.mismatches == []
    assert [n.id for n in b.zero_lines] == ["tmp-pengamanan"]
    assert b.subkegiatan_count == 44


def test_problem_summary_counts(example_report: Report) -> None:
    p = example_report.problems
    assert (p.errors, p.warnings) == (0, len(p.problems))
    assert ("B003", 590) in {(x.code, x.line) for x in p.problems}


# ---------------------------------------------------------------- filters


def test_indonesian_filters() -> None:
    assert rupiah(1_234_567) == "Rp 1.234.567"
    assert rupiah(None) == "—"
    assert target(93.59, "%") == "93,59%"
    assert target(55, "orang") == "55 orang"
    assert target(None, "%") == "—"
    assert angka(1250) == "1.250"
    assert tanggal(dt.date(2025, 1, 2)) == "2 Januari 2025"
    assert tanggal(dt.date(2024, 12, 31)) == "31 Desember 2024"


def test_md_escape() -> None:
    assert md_escape("a | b *c* _d_ [e](f) `g` ~h~ $i$") == (
        r"a \| b \*c\* \_d\_ \[e\](f) \`g\` \~h\~ \$i\$"
    )
    assert md_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert md_escape("1. bukan daftar") == r"1\. bukan daftar"
    assert md_escape("- bukan daftar") == r"\- bukan daftar"
    assert md_escape("# bukan judul") == r"\# bukan judul"
    assert md_escape("dua\nbaris") == "dua baris"
    assert md_escape("1.250 orang") == "1.250 orang"


def test_inline_svg_strips_prolog_and_size() -> None:
    svg = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        "<!-- Generated by graphviz -->\n"
        '<svg width="500pt" height="300pt" viewBox="0 0 500 300" '
        'xmlns="http://www.w3.org/2000/svg"><g/></svg>'
    )
    out = inline_svg(svg)
    assert out.startswith('<svg viewBox="0 0 500 300"')
    assert "<?xml" not in out and "DOCTYPE" not in out and "<!--" not in out
    assert 'width="500pt"' not in out and 'role="img"' in out


# ---------------------------------------------------------------- Markdown


def test_markdown_walks_the_seed(md_report: tuple[Path, str]) -> None:
    _, text = md_report
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Tahap 1 — Menentukan Outcome yang Akan Dijabarkan",
        "## Tahap 2 — Menentukan CSF (Critical Success Factor)",
        "## Tahap 3 — Menguraikan CSF kepada Kondisi-Kondisi Antara sampai kepada "
        "Kondisi Paling Teknis/Operasional",
        "## Tahap 4 — Menyusun Pohon Kinerja",
        "## Tahap 5 — Menerjemahkan Pohon Kinerja ke dalam Komponen Perencanaan dan "
        "Kinerja Jabatan",
        "## Ringkasan Anggaran",
        "## Lembar Pengesahan",
        "## Lampiran — Pohon Kinerja dalam Bentuk Tabel",
        "## Lampiran — Catatan dan Perbedaan dengan Dokumen Sumber",
        "## Lampiran — Hasil Pemeriksaan Rencana",
    ]
    # Tahap 5.1, the Renstra matrix, one column per year
    assert (
        "|  | Persentase PMKS yang tertangani | % | 70,05 | 75,05 | 80,05 | 85,05 | 90,05 |" in text
    )
    # Tahap 5.2, a program sheet as in the seed
    assert "| Nama Program | Program Penanganan Bencana (1.06.06) |" in text
    assert "| Indikator Program | Presentase korban bencana yang menerima bantuan social |" in text
    assert "| Target Program | 93,59% |" in text
    assert "| Anggaran | Rp 372.250.370 |" in text
    # Tahap 5.3, sub kegiatan with the figures the example corrects
    assert "| Target Sub Kegiatan | 55 orang |" in text
    assert "| Anggaran | Rp 13.298.000 (dokumen sumber: 13.2918.000) |" in text
    assert "| Anggaran | Rp 3.536.925.665 (dokumen sumber: 3.536.925. 665) |" in text
    # the seed's typo is shown as written beside the corrected figure, never as an amount
    assert "Rp 165.510.000" not in text
    assert "| Anggaran | Rp 65.510.000 (dokumen sumber: 165.510.000) |" in text
    # 5.4 and the summaries
    assert (
        "| Kinerja Manajerial | Program | Program Penanganan Bencana | Presentase korban "
        "bencana yang menerima bantuan social | Kepala Bidang Perlindungan dan Jaminan "
        "Sosial | PK Eselon III |" in text
    )
    assert "| | **Jumlah** | **Rp 6.312.818.993** |" in text
    assert "| 590 | B003 | peringatan | tmp\\-pengamanan |" not in text  # ids are not escaped
    assert "| 590 | B003 | peringatan | tmp-pengamanan |" in text


def test_markdown_links_the_svg_beside_it(md_report: tuple[Path, str]) -> None:
    out, text = md_report
    # the printable pages of the pohon kinerja, one SVG file each, beside the report
    pages = sorted(out.parent.glob("laporan-pohon-*.svg"))
    assert len(pages) >= 4 and pages[0].name == "laporan-pohon-01.svg"
    assert "<svg" in pages[0].read_text(encoding="utf-8")
    assert all(f"]({page.name})" in text for page in pages)
    assert not out.with_name("laporan-pohon-kinerja.svg").exists()


def test_markdown_tables_are_well_formed(md_report: tuple[Path, str]) -> None:
    _, text = md_report
    cells = None
    for line in text.splitlines():
        if not line.startswith("|"):
            cells = None
            continue
        n = len(re.findall(r"(?<!\\)\|", line))
        if cells is None:
            cells = n
        assert n == cells, line


def test_markdown_is_deterministic(md_report: tuple[Path, str], tmp_path: Path) -> None:
    _, text = md_report
    again = tmp_path / "laporan.md"
    assert run_pokin("report", str(EXAMPLE), "-o", str(again)).code == 0
    assert again.read_text(encoding="utf-8") == text
    assert "Tanggal" not in text


def test_date_is_printed_when_given(tmp_path: Path) -> None:
    run = run_pokin("report", str(EXAMPLE), "--format", "md", "--date", "2025-01-02")
    assert run.code == 0, run.stderr
    assert "**Tanggal:** 2 Januari 2025" in run.stdout
    assert run_pokin("report", str(EXAMPLE), "--date", "2-1-2025").code == 2


# ---------------------------------------------------------------- HTML


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained(html_report: str) -> None:
    html = html_report
    assert html.startswith('<!DOCTYPE html>\n<html lang="id">')
    scan = _Scan()
    scan.feed(html)
    names = [t for t, _ in scan.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    for _, attrs in scan.tags:
        for key in ("src", "href"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), (key, value)
    assert "url(" not in html and "@import" not in html
    # the pohon kinerja as printable pages, one <svg> each
    pages = html.count('<figure class="pohon-page">')
    assert pages >= 4 and html.count("<svg") == pages
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    assert all(attrs.get("scope") for t, attrs in scan.tags if t == "th")
    assert "@page landscape" in html and "break-inside: avoid" in html


def test_html_shows_the_seed_figures(html_report: str) -> None:
    html = html_report
    assert "<td>Rp 372.250.370</td>" in html
    assert "<td>93,59%</td>" in html
    assert '<td class="num">Rp 6.312.818.993</td>' in html
    assert "Kinerja Strategis Bidang Urusan" in html and "PK Eselon IV / JF" in html


# ---------------------------------------------------------------- hostile text and errors

HOSTILE = "<script>alert(1)</script> | *tebal* _miring_"


def test_hostile_text_shows_literally(tmp_path: Path) -> None:
    plan = write(
        tmp_path,
        MINIMAL.replace(
            "kinerja: Terpenuhinya kebutuhan permakanan korban bencana",
            f"kinerja: '{HOSTILE}'",
        ),
    )
    html = run_pokin("report", str(plan), "--format", "html")
    assert html.code == 0, html.stderr
    assert "<script>" not in html.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | *tebal* _miring_" in html.stdout
    md = run_pokin("report", str(plan), "--format", "md")
    assert md.code == 0, md.stderr
    assert "<script>" not in md.stdout
    assert (
        "| Sasaran Sub Kegiatan | &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*tebal\\* "
        "\\_miring\\_ |" in md.stdout
    )


def test_template_dir_overrides(tmp_path: Path) -> None:
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "base.md.j2").write_text(
        "KOP SURAT {{ r.perangkat_daerah|upper }}\n{% block header %}{% endblock %}"
        "{% block content %}{% endblock %}\n",
        encoding="utf-8",
    )
    run = run_pokin("report", str(EXAMPLE), "-f", "md", "--template-dir", str(tdir))
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("KOP SURAT DINAS SOSIAL KABUPATEN KOTAWARINGIN TIMUR\n")
    assert "| Anggaran | Rp 372.250.370 |" in run.stdout  # the rest is pokin's
    (tdir / "laporan.md.j2").write_text("{% if %}", encoding="utf-8")
    broken = run_pokin("report", str(EXAMPLE), "-f", "md", "--template-dir", str(tdir))
    assert broken.code == 2 and "templat salah" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_unreadable_plan_writes_nothing(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL.replace("tahun: 2025", "tahun: duaribu"))
    out = tmp_path / "laporan.html"
    run = run_pokin("report", str(plan), "-o", str(out))
    assert run.code == 1
    assert "tahun" in run.stdout
    assert not out.exists()
    missing = run_pokin("report", str(tmp_path / "tidak-ada.yaml"))
    assert missing.code == 2 and "tidak ditemukan" in missing.stderr


def test_report_is_written_but_exits_1_when_the_plan_has_errors(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL.replace("anggaran: 200", "anggaran: 250"))
    out = tmp_path / "laporan.html"
    run = run_pokin("report", str(plan), "-o", str(out))
    assert run.code == 1, run.stderr
    assert "1 galat" in run.stderr
    text = out.read_text(encoding="utf-8")
    assert "B001" in text


def test_diagram_can_be_cut_or_left_out(tmp_path: Path) -> None:
    full = run_pokin("report", str(EXAMPLE), "--format", "html")
    cut = run_pokin("report", str(EXAMPLE), "--format", "html", "--diagram-depth", "2")
    none = run_pokin("report", str(EXAMPLE), "--format", "html", "--no-diagram")
    assert full.code == cut.code == none.code == 0
    # outcome, 3 CSF and 7 programs are drawn at depth 2; the full tree has 68 nodes
    drawn = [run.stdout.count('class="node"') for run in (full, cut, none)]
    assert drawn[0] > drawn[1] > drawn[2] == 0
    # the full report prints the pages in the clean style: no ids; the cut diagram keeps them
    assert "bencana&#45;permakanan" not in full.stdout and "SUB KEGIATAN" in full.stdout
    assert "pelayanan&#45;sosial" in cut.stdout.split("<svg", 1)[1]  # ids: "-" as &#45;
    assert "tidak disertakan (atas permintaan, --no-diagram)" in none.stdout


# ---------------------------------------------------------------- furniture (issue: documents fit to sign)


def test_report_furniture(html_report: str) -> None:
    html = html_report
    # running header and page numbers through CSS @page margin boxes
    assert '@top-right { content: "Penjenjangan Kinerja Dinas Sosial Kabupaten' in html
    assert 'content: "Halaman " counter(page) " dari " counter(pages)' in html
    # table of contents, signature block, the annexes after it
    assert '<nav aria-label="Daftar isi" class="toc">' in html
    assert html.index('id="pengesahan"') < html.index('id="lampiran-tabel-pohon"')
    assert html.index('id="lampiran-catatan"') < html.index('id="validasi"')
    assert "Ditetapkan di ……………………" in html and "Kepala Dinas Sosial," in html
    # the distribution matrix: one table per CSF, words never broken inside
    assert html.count('<table class="matrix distribution">') == 3
    assert "overflow-wrap: anywhere" not in html


def test_report_prints_the_catatan(html_report: str) -> None:
    # a correction of the seed is visible: in its Tahap 5 sheet and in the annex
    note = "Tahap 4: indikator &#39;Jumlah PPKS Yang Mendapatkan Bantuan Sosial&#39;."
    assert html_report.count(note) == 2


def test_report_tree_table(example_report: Report) -> None:
    rows = example_report.tree_rows
    assert [(r.level, r.depth) for r in rows[:3]] == [("outcome", 0), ("csf", 1), ("program", 2)]
    assert len(rows) == len(walk_views(example_report.outcome))  # every node, once
    # the pj is inherited by the nodes that name none
    assert all(r.pj_nama for r in rows)


def test_report_without_the_check_annex(tmp_path: Path) -> None:
    out = tmp_path / "laporan.html"
    run = run_pokin("report", str(EXAMPLE), "-o", str(out), "--no-check-annex", "--place", "Sampit")
    assert run.code == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert 'id="validasi"' not in html and "Ditetapkan di Sampit," in html


def test_published_figure_is_listed_beside_the_correction(tmp_path: Path) -> None:
    # the source printed "13.2918.000"; the plan writes the corrected figure beside it
    text = MINIMAL.replace(
        "anggaran: 200\n", 'anggaran: 200\n                anggaran_dokumen: "2.000"\n', 1
    )
    plan = write(tmp_path, text)
    assert run_pokin("validate", str(plan)).code == 0
    out = tmp_path / "laporan.html"
    run = run_pokin("report", str(plan), "-o", str(out))
    assert run.code == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert "<h3>Angka anggaran yang dikoreksi</h3>" in html
    assert '<td class="num">2.000</td><td class="num">Rp 200</td>' in html
    assert "(dokumen sumber: 2.000)" in html  # in its Tahap 5 sheet too
    md = run_pokin("report", str(plan), "-f", "md")
    assert "| 1 | Sub Kegiatan |" in md.stdout and "| 2.000 | Rp 200 |" in md.stdout


def test_no_internal_ids_or_lines_in_the_signed_part(html_report: str) -> None:
    # ids and file lines belong to the validation annex only
    signed = html_report.split('id="validasi"')[0]
    assert "tmp-pengamanan" not in signed and ", baris " not in signed
    assert "Pengamanan Taman Makam Pahlawan Nasional Kabupaten/Kota" in signed
