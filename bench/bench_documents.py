"""Issue 16 figures: documents fit to sign — pages, smallest text, timings.

    python bench/bench_documents.py

Prints, for the example plan: the printable tree pages on A4 and A3 (page
count and the smallest text on a page, measured in the page SVG), the pages
Chromium prints for the report and the PKs (when Chromium is installed), and
the time of each command against `pokin validate` in the same run. The
embedded (WebAssembly) Graphviz is forced, as on a machine without Graphviz.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import EXAMPLE, best_time, pokin, report, seconds

BROWSER = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)


def _pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", path.read_bytes()))


def _print(html: Path, pdf: Path) -> int:
    assert BROWSER is not None
    subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    return _pdf_pages(pdf)


def main() -> int:
    """Run the measurements; exit 1 if a page prints a text under 7 pt."""
    from pokin.render.treepages import measured_min_font

    os.environ["POKIN_GRAPHVIZ"] = "wasm"
    ok = True
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        print("pokin tree --page (printable pohon kinerja, style cetak, with pj)")
        for paper in ("A4", "A3"):
            folder = tmp / paper
            cmd = pokin("tree", str(EXAMPLE), "--page", paper, "--style", "cetak", "--pj",
                        "--svg", str(folder))  # fmt: skip
            took = best_time(cmd, runs=3)
            sizes = [measured_min_font(p.read_text(encoding="utf-8")) for p in folder.iterdir()]
            print(f"  {paper}: {len(sizes)} pages, smallest text {min(sizes):.2f} pt "
                  f"(largest page minimum {max(sizes):.2f} pt)")  # fmt: skip
            seconds(f"pokin tree --page {paper} --svg", took)
            ok &= min(sizes) >= 7.0

        validate = best_time(pokin("validate", str(EXAMPLE)), runs=5)
        seconds("pokin validate example", validate)
        html = tmp / "laporan.html"
        took = best_time(pokin("report", str(EXAMPLE), "-o", str(html)), runs=3)
        seconds("pokin report -o laporan.html", took)
        ok &= report("pokin report (with tree pages) / pokin validate", took / validate, 15)
        docx = tmp / "laporan.docx"
        seconds(
            "pokin report -o laporan.docx",
            best_time(pokin("report", str(EXAMPLE), "-o", str(docx)), runs=3),
        )
        pk = tmp / "pk"
        seconds(
            "pokin pk --all (HTML)",
            best_time(pokin("pk", str(EXAMPLE), "--all", "-o", str(pk)), runs=3),
        )

        if BROWSER is None:
            print("  Chromium not installed: printed page counts skipped")
        else:
            print(f"  report printed by Chromium: {_print(html, tmp / 'laporan.pdf')} pages")
            counts = {f.stem: _print(f, tmp / f"{f.stem}.pdf") for f in sorted(pk.glob("*.html"))}
            print("  PK printed by Chromium (pages): "
                  + ", ".join(f"{k.removeprefix('pk-')} {v}" for k, v in counts.items()))  # fmt: skip
            pdf = tmp / "pohon.pdf"
            subprocess.run(
                pokin("tree", str(EXAMPLE), "--page", "A4", "--style", "cetak", "--pdf", str(pdf)),
                check=True, capture_output=True,
            )  # fmt: skip
            print(f"  pokin tree --page A4 --pdf: {_pdf_pages(pdf)} pages")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
