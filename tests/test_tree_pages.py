"""pokin tree --page: the pohon kinerja in printable pages, every text at least 7 pt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pokin.check.engine import check_loaded
from pokin.render.treepages import (
    MIN_FONT_PT,
    PageOptions,
    TreePage,
    measured_min_font,
    pages_html,
    tree_pages,
)
from pokin.source.load import load_file
from tests.helpers import EXAMPLE, run_pokin

CSF = ("pelayanan-sosial", "psks", "akuntabilitas")


def _pages(paper: str, style: str = "cetak", pj: bool = True) -> list[TreePage]:
    result = load_file(EXAMPLE)
    assert result.plan is not None
    return tree_pages(result.plan, check_loaded(result).problems, PageOptions(paper, style, pj))


@pytest.fixture(scope="module")
def a4() -> list[TreePage]:
    return _pages("A4")


def _page_size_pt(svg: str) -> tuple[float, float]:
    box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    assert box is not None
    return float(box.group(1)), float(box.group(2))


def test_every_text_is_at_least_7pt_on_a4(a4: list[TreePage]) -> None:
    # measured on the SVG itself: font-size times the scale() of the groups around it
    sizes = [measured_min_font(page.svg) for page in a4]
    assert min(sizes) >= MIN_FONT_PT, sizes
    # and each page is the printable area of A4 landscape (297 x 210 mm less 10 mm margins)
    for page in a4:
        width, height = _page_size_pt(page.svg)
        assert (round(width), round(height)) == (785, 539)
        assert 'width="277.0mm" height="190.0mm"' in page.svg


def test_one_page_per_csf_at_least_with_the_ancestors_on_top(a4: list[TreePage]) -> None:
    first = a4[0]
    assert "Ikhtisar" in first.caption and first.ids[0] == "kesejahteraan-ppks"
    for csf in CSF:
        mine = [p for p in a4 if csf in p.ids]
        assert mine, csf
        # the outcome is repeated above every branch page
        assert all(p.ids[0] == "kesejahteraan-ppks" for p in mine)
    numbered = [re.search(r"halaman (\d+) dari (\d+)", p.caption) for p in a4]
    assert [int(m.group(1)) for m in numbered if m] == list(range(1, len(a4) + 1))


def test_a3_needs_fewer_pages_than_a4(a4: list[TreePage]) -> None:
    a3 = _pages("A3")
    assert len(a3) < len(a4)
    assert min(measured_min_font(p.svg) for p in a3) >= MIN_FONT_PT
    assert {csf for p in a3 for csf in CSF if csf in p.ids} == set(CSF)


def test_cetak_style_has_no_ids_codes_or_outlines(a4: list[TreePage]) -> None:
    text = "".join(p.svg for p in a4)
    assert "bencana&#45;permakanan" not in text and "· bencana" not in text
    assert "PERINGATAN" not in text and "GALAT" not in text
    assert "#ed7d31" not in text.lower() and "#c00000" not in text.lower()  # outline colours
    for label in ("TUJUAN", "SASARAN", "PROGRAM", "KEGIATAN", "SUB KEGIATAN"):
        assert f">{label}<" in text, label
    assert "PJ: Kepala Bidang Rehabilitasi Sosial" in text


def test_standard_style_keeps_ids_and_warnings() -> None:
    pages = _pages("A3", "standar", pj=False)
    text = "".join(p.svg for p in pages)
    assert "bencana&#45;permakanan" in text and "PJ:" not in text
    assert "#ed7d31" in text.lower()  # the warning outline


def test_pages_print_one_per_sheet(a4: list[TreePage]) -> None:
    html = pages_html(a4, "A4")
    assert "@page { size: A4 landscape; margin: 10.0mm; }" in html
    assert html.count('<div class="page">') == len(a4)


def test_cli_writes_a_folder_of_pages(tmp_path: Path) -> None:
    out = tmp_path / "halaman"
    run = run_pokin(
        "tree", str(EXAMPLE), "--svg", str(out), "--page", "A4", "--style", "cetak", "--pj"
    )
    assert run.code == 0, run.stderr
    files = sorted(out.iterdir())
    assert files[0].name == "halaman-01.svg" and len(files) >= 4
    assert min(measured_min_font(f.read_text(encoding="utf-8")) for f in files) >= MIN_FONT_PT
    assert "halaman pohon kinerja A4 ditulis" in run.stderr and "teks terkecil 7," in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--page", "A5", "--svg", "x"], "--page harus salah satu dari A4, A3"),
        (["--style", "cetak", "--svg", "x"], "tambahkan --page A4"),
        (["--page", "A4", "--style", "rapi", "--svg", "x"], "--style harus salah satu"),
        (["--page", "A4", "--png", "x.png"], "tidak dapat dipakai dengan --page"),
        (["--page", "A4"], "memerlukan --svg FOLDER atau --pdf FILE"),
    ],
)
def test_cli_usage_errors_are_indonesian(tmp_path: Path, args: list[str], message: str) -> None:
    run = run_pokin("tree", str(EXAMPLE), *[a.replace("x", str(tmp_path / "x")) for a in args])
    assert run.code == 2 and message in run.stderr, run.stderr


def test_hostile_plan_text_stays_text(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from tests.helpers import MINIMAL, write

    nasty = '<script>alert(1)</script> & "kutip" {a|b}'
    plan = write(
        tmp_path,
        MINIMAL.replace(
            "kinerja: Terwujudnya korban bencana yang tertangani", f"kinerja: '{nasty}'"
        ),
    )
    out = tmp_path / "halaman"
    run = run_pokin("tree", str(plan), "--page", "A4", "--svg", str(out))
    assert run.code == 0, run.stderr
    for page in out.iterdir():
        text = page.read_text(encoding="utf-8")
        ET.fromstring(text)  # well-formed XML: nothing of the plan became markup
        assert "<script>" not in text
    captions = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    assert "&lt;script&gt;" in captions


def test_room_above_the_first_page_for_the_report_heading() -> None:
    result = load_file(EXAMPLE)
    assert result.plan is not None
    options = PageOptions("A4", "cetak", True, first_page_room_mm=32)
    pages = tree_pages(result.plan, check_loaded(result).problems, options)
    first_w, first_h = _page_size_pt(pages[0].svg)
    assert round(first_h) == round(539 - 32 * 72 / 25.4) and round(first_w) == 785
    assert all(round(_page_size_pt(p.svg)[1]) == 539 for p in pages[1:])
    assert min(measured_min_font(p.svg) for p in pages) >= MIN_FONT_PT


def test_one_branch_with_its_ancestors(tmp_path: Path) -> None:
    out = tmp_path / "rehsos"
    run = run_pokin(
        "tree", str(EXAMPLE), "--page", "A4", "--root", "rehsos", "--style", "cetak",
        "--svg", str(out),
    )  # fmt: skip
    assert run.code == 0, run.stderr
    pages = [p.read_text(encoding="utf-8") for p in sorted(out.iterdir())]
    assert pages and all("Ikhtisar" not in p for p in pages)
    assert all(">Meningkatnya Pelayanan Sosial PPKS<" in p for p in pages)  # the CSF on top
    assert min(measured_min_font(p) for p in pages) >= MIN_FONT_PT
    depth = run_pokin("tree", str(EXAMPLE), "--page", "A4", "--depth", "2", "--svg", str(out))
    assert depth.code == 2 and "--depth tidak dipakai dengan --page" in depth.stderr
