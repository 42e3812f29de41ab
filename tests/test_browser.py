"""The HTML report in a real browser: headless Chromium renders and prints it.

Skipped locally when Chromium is absent; with ``CI`` set it must run, so a CI
without Chromium fails here instead of passing silently.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, run_pokin

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)


def _chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("CI is set but Chromium is not installed (.ci/run installs it)")
    pytest.skip("Chromium is not installed (apt-get install chromium); browser test skipped")


def _run(browser: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp,
    )


def _console_errors(stderr: str) -> list[str]:
    """Console messages and load failures Chromium logged for the page."""
    return [
        line
        for line in stderr.splitlines()
        if re.search(r":CONSOLE[(:]", line) or "Uncaught" in line or "Failed to load" in line
    ]


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and raw RGB(A) rows of an 8-bit PNG (no external library)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def _pdf_pages(data: bytes) -> int:
    """Pages of a PDF: its /Type /Page objects (Chromium writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))


@pytest.fixture(scope="module")
def browser() -> str:
    return _chromium()


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "laporan.html"
    run = run_pokin("report", str(EXAMPLE), "-o", str(out))
    assert run.code == 0, run.stderr
    return out


def test_console_errors_are_detected(browser: str, tmp_path: Path) -> None:
    """The console check itself works: a page that logs an error is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><body><script>console.error('rusak')</script></body></html>",
        encoding="utf-8",
    )
    run = _run(browser, tmp_path, "--dump-dom", page.as_uri())
    assert any("rusak" in line for line in _console_errors(run.stderr)), run.stderr[-2000:]


def test_report_renders_in_chromium(browser: str, report_html: Path, tmp_path: Path) -> None:
    # 1. the DOM as Chromium built it: no console errors, tree and tables present;
    #    a probe script (in a copy only: the report has none) measures the layout
    probe = tmp_path / "probe.html"
    probe.write_text(
        report_html.read_text(encoding="utf-8").replace(
            "</body>",
            "<script>document.body.insertAdjacentHTML('beforeend', '<pre id=\"pro' + 'be\">' +"
            " JSON.stringify({svg: (function(r){return [Math.round(r.width),"
            " Math.round(r.height)]})(document.querySelector('figure.pohon-page svg')"
            ".getBoundingClientRect()), tables: document.querySelectorAll('table').length,"
            " nodes: document.querySelectorAll('figure.pohon-page svg g.node').length,"
            " wide: document.documentElement.scrollWidth > window.innerWidth}) +"
            " '</pre>')</script></body>",
        ),
        encoding="utf-8",
    )
    dom = _run(browser, tmp_path, "--window-size=1280,1800", "--dump-dom", probe.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert _console_errors(dom.stderr) == []
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom.stdout)
    assert found, dom.stdout[-2000:]
    layout = json.loads(found.group(1))
    assert layout["svg"][0] > 600 and layout["svg"][1] > 300, layout  # the tree is drawn big
    assert layout["nodes"] >= 68, layout  # outcome + 3 CSF + 7 programs + 13 kegiatan + 44 sub
    assert layout["tables"] >= 60, layout
    assert layout["wide"] is False, layout  # nothing overflows the window sideways

    # 2. a screenshot of the report itself (no probe): the page is not blank
    shot = tmp_path / "laporan.png"
    run = _run(
        browser,
        tmp_path,
        "--window-size=1280,1800",
        f"--screenshot={shot}",
        report_html.as_uri(),
    )
    assert run.returncode == 0 and shot.is_file(), run.stderr[-2000:]
    assert _console_errors(run.stderr) == []
    width, height, rows = _png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 1800)
    inked = sum(1 for row in rows[::10] for px in row[::40] if px < 200)
    assert inked > 200  # text and table lines, not an empty page

    # 3. print to PDF: A4 pages, a sane count for the example
    pdf = tmp_path / "laporan.pdf"
    run = _run(
        browser, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report_html.as_uri()
    )
    assert run.returncode == 0 and pdf.is_file(), run.stderr[-2000:]
    pages = _pdf_pages(pdf.read_bytes())
    assert 15 <= pages <= 80, pages  # the pohon kinerja takes one landscape page per branch
    # portrait A4 (595 x 842 pt) and the landscape matrices (842 x 595 pt)
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes()))
    rounded = {(round(float(w)), round(float(h))) for w, h in sizes}
    assert rounded <= {(595, 842), (842, 595), (594, 842), (842, 594)}, rounded
    assert len(rounded) >= 2, rounded  # both orientations are used


# ---------------------------------------------------------------- documents fit to sign

#: Measures, in the page as Chromium lays it out, the smallest text: HTML
#: elements by their computed font size, SVG text by font-size times its
#: transform on screen; in points (1 CSS px = 0.75 pt).
_FONT_PROBE = (
    "<script>(function(){var m=1e9;"
    "document.querySelectorAll('body *').forEach(function(el){"
    "if(el.closest('svg')||!el.childNodes.length)return;"
    "var own=[].some.call(el.childNodes,function(n){return n.nodeType===3&&n.textContent.trim()});"
    "if(own)m=Math.min(m,parseFloat(getComputedStyle(el).fontSize)*0.75);});"
    "document.querySelectorAll('svg text').forEach(function(t){"
    "var c=t.getScreenCTM();if(!c||!t.textContent.trim())return;"
    "m=Math.min(m,parseFloat(t.getAttribute('font-size'))*Math.sqrt(c.a*c.a+c.b*c.b)*0.75);});"
    "document.body.insertAdjacentHTML('beforeend','<pre id=\"fon'+'t\">'+m.toFixed(2)+'</pre>');"
    "})()</script></body>"
)


def _smallest_font(browser: str, page: Path, tmp: Path) -> float:
    probe = tmp / f"probe-{page.stem}.html"
    probe.write_text(
        page.read_text(encoding="utf-8").replace("</body>", _FONT_PROBE), encoding="utf-8"
    )
    dom = _run(browser, tmp, "--window-size=1280,1800", "--dump-dom", probe.as_uri())
    assert _console_errors(dom.stderr) == [], dom.stderr[-2000:]
    found = re.search(r'<pre id="font">([\d.]+)</pre>', dom.stdout)
    assert found, dom.stdout[-2000:]
    return float(found.group(1))


@pytest.mark.parametrize("jabatan", ["bupati", "kadis", "kabid-rehsos", "jf-dayasos"])
def test_pk_of_each_level_prints_on_a4(browser: str, tmp_path: Path, jabatan: str) -> None:
    html = tmp_path / f"pk-{jabatan}.html"
    run = run_pokin("pk", str(EXAMPLE), "-j", jabatan, "-o", str(html))
    assert run.code == 0, run.stderr
    pdf = tmp_path / f"pk-{jabatan}.pdf"
    done = _run(browser, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri())
    assert done.returncode == 0 and pdf.is_file(), done.stderr[-2000:]
    data = pdf.read_bytes()
    # the statement and its lampiran (with signatures): two to four A4 portrait pages
    assert 2 <= _pdf_pages(data) <= 4, _pdf_pages(data)
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert {(round(float(w)), round(float(h))) for w, h in sizes} <= {(595, 842), (594, 842)}
    assert _smallest_font(browser, html, tmp_path) >= 7.0
    shot = tmp_path / f"pk-{jabatan}.png"
    done = _run(browser, tmp_path, "--window-size=900,1300", f"--screenshot={shot}", html.as_uri())
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    _, _, rows = _png_pixels(shot.read_bytes())
    assert sum(1 for row in rows[::10] for px in row[::40] if px < 200) > 50  # not blank


def test_tree_pages_print_one_per_a4_sheet_at_7pt(browser: str, tmp_path: Path) -> None:
    folder, pdf = tmp_path / "halaman", tmp_path / "pohon.pdf"
    run = run_pokin(
        "tree", str(EXAMPLE), "--page", "A4", "--style", "cetak", "--pj",
        "--svg", str(folder), "--pdf", str(pdf),
    )  # fmt: skip
    assert run.code == 0, run.stderr
    pages = sorted(folder.iterdir())
    data = pdf.read_bytes()
    assert _pdf_pages(data) == len(pages) >= 4  # one sheet per page, nothing spills over
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert {(round(float(w)), round(float(h))) for w, h in sizes} <= {(842, 595), (842, 594)}
    # the smallest text as Chromium draws the pages at their printed size (277 mm wide)
    sheet = tmp_path / "pages.html"
    sheet.write_text(
        "<!DOCTYPE html><html><body style='margin:0'>"
        + "".join(p.read_text(encoding="utf-8") for p in pages)
        + "</body></html>",
        encoding="utf-8",
    )
    smallest = _smallest_font(browser, sheet, tmp_path)
    assert smallest >= 7.0, smallest
