"""The pohon kinerja in printable pages: one branch per page, every text ≥ 7 pt.

A whole pohon kinerja drawn on one sheet prints at 2–3 pt. Here the tree is
cut into pages: an overview (the outcome, its CSF and their programs), then
one page per CSF with the outcome above it; a CSF too large for the page at
:data:`MIN_FONT_PT` is cut again: its programs in groups of neighbours that
fit one page together (the outcome and the CSF repeated on top), a program
too large alone likewise by kegiatan, and so on. Each page is laid out by
Graphviz, then scaled to fit the printable area of the paper, never below
:data:`MIN_FONT_PT` for its smallest text, and never above 1.

Each page is a standalone SVG whose user unit is the typographic point, so
the printed size of a text is its ``font-size`` times the ``scale()`` of the
groups around it. The ``cetak`` style prints what a signed document shows:
no ids, no rule codes, no warning outlines, levels named Tujuan / Sasaran /
Program / Kegiatan / Sub Kegiatan, and optionally the pj under each box.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pokin.levels import BY_KEY
from pokin.numbers import roman
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import Problem, UsageError, shorten
from pokin.render.dot import (
    EDGE_COLOUR,
    ERROR_COLOUR,
    FONT,
    WARNING_COLOUR,
    clean_text,
    record_text,
    wrap,
)
from pokin.views.tree import anggaran_text, target_text

#: The smallest text on a printed page, in points.
MIN_FONT_PT = 7.0
#: At most this many stacked sub kegiatan per column on a (landscape) page; each
#: page is laid out with every choice and the one that prints largest is kept.
PAGE_STACK = 3
PAGE_STACKS = (1, 2, 3)
#: Font size of every box in the DOT (points before scaling).
BOX_FONT = 12
#: Paper sizes (landscape, in mm) and the margin around the printable area.
PAPER_MM: dict[str, tuple[float, float]] = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}
MARGIN_MM = 10.0
#: Room for the caption line above the drawing, in points.
CAPTION_PT = 34.0
STYLES = ("standar", "cetak")
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class PageOptions:
    """How the pages are cut and drawn."""

    paper: str = "A4"
    style: str = "standar"
    pj: bool = False
    #: Room (mm) kept free above the first page (a heading in the report before it).
    first_page_room_mm: float = 0.0


@dataclass(frozen=True)
class TreePage:
    """One printable page: its caption, the SVG, and the measured smallest text."""

    caption: str
    svg: str
    scale: float
    min_font_pt: float
    #: The ids on the page (ancestors first), for tests and the report.
    ids: tuple[str, ...]


def printable_area(paper: str) -> tuple[float, float]:
    """Width and height (pt) of the printable area of ``paper`` in landscape."""
    if paper not in PAPER_MM:
        raise UsageError(f"--page harus salah satu dari {', '.join(PAPER_MM)}, bukan '{paper}'")
    w, h = PAPER_MM[paper]
    return (w - 2 * MARGIN_MM) * PT_PER_MM, (h - 2 * MARGIN_MM) * PT_PER_MM


# ------------------------------------------------------------------ DOT of one page


def _box_label(plan: LoadedPlan, ref: NodeRef, options: PageOptions, compact: bool = False) -> str:
    tahun = plan.model.tahun
    level = BY_KEY[ref.level]
    kode = getattr(ref.node, "kode", None)
    if ref.virtual:  # a partial plan: the document itself stands at the top
        header = plan.kind.label.upper()
    elif options.style == "cetak":
        header = level.label.upper()
    else:
        header = f"{kode} · {ref.id}" if kode else f"{level.word.upper()} · {ref.id}"
    fields = [
        "".join(record_text(x) + "\\n" for x in [" ".join(clean_text(header).split())])
        + "".join(record_text(x) + "\\n" for x in wrap(ref.node.kinerja, 60 if compact else 34))
    ]
    if compact:  # an ancestor repeated above the branch: its statement only
        return "{" + "|".join(fields) + "}"
    details: list[str] = []
    for ind in ref.node.indikator:
        target = target_text(ind, tahun)
        text = f"{ind.uraian}: {target}" if target else ind.uraian
        lines = wrap(text, 40)
        details += ["• " + lines[0], *("\u00a0\u00a0" + line for line in lines[1:])]
    if details:
        fields.append("".join(record_text(x) + "\\l" for x in details))
    extra: list[str] = []
    anggaran = anggaran_text(plan, ref)
    if anggaran:
        extra.append(f"Anggaran: {anggaran}")
    if options.pj:
        owner = ref.owner()
        jab = plan.jabatan_by_id.get(owner) if owner else None
        if jab is not None:
            extra += wrap(f"PJ: {jab.nama}", 40)
    if extra:
        fields.append("".join(record_text(x) + "\\n" for x in extra))
    return "{" + "|".join(fields) + "}"


def page_dot(
    plan: LoadedPlan,
    chain: list[NodeRef],
    top: NodeRef,
    depth: int | None,
    problems: dict[str, set[str]],
    options: PageOptions,
    only: list[NodeRef] | None = None,
    stack_height: int = PAGE_STACK,
) -> str:
    """The DOT of one page: the ancestor ``chain``, then ``top`` and ``depth`` levels below it.

    ``only`` limits the children of ``top`` drawn (a group of siblings per page).
    """
    import graphviz

    graph = graphviz.Digraph("halaman")
    graph.attr("graph", rankdir="TB", bgcolor="white", pad="0.1", nodesep="0.2", ranksep="0.35")
    graph.attr("graph", compound="true", newrank="true", fontname=FONT)
    graph.attr("node", shape="Mrecord", style="filled", fontname=FONT, margin="0.1,0.05")
    graph.attr("node", fontsize=str(BOX_FONT))
    graph.attr("edge", color=EDGE_COLOUR, penwidth="1.2", dir="none")
    names: dict[int, str] = {}

    def add(ref: NodeRef, compact: bool = False) -> None:
        names[id(ref)] = f"n{len(names)}"
        style = BY_KEY[ref.level].style
        attrs = {"fillcolor": style.fill, "color": style.border, "fontcolor": style.font}
        severities = problems.get(ref.id, set()) if options.style != "cetak" else set()
        if "error" in severities:
            attrs.update(color=ERROR_COLOUR, penwidth="3")
        elif "warning" in severities:
            attrs.update(color=WARNING_COLOUR, penwidth="2.5", style="filled,dashed")
        label = _box_label(plan, ref, options, compact)
        graph.node(names[id(ref)], label=graphviz.nohtml(label), **attrs)

    for ref in chain:
        add(ref, compact=True)
    shown: list[NodeRef] = []
    stack: list[tuple[NodeRef, int]] = [(top, 0)]
    while stack:
        ref, d = stack.pop()
        shown.append(ref)
        add(ref)
        if depth is None or d < depth:
            kids = only if ref is top and only is not None else ref.children
            stack.extend((child, d + 1) for child in reversed(kids))
    for upper, lower in itertools.pairwise([*chain, top]):
        graph.edge(names[id(upper)], names[id(lower)])
    on_page = {id(r) for r in shown}
    for ref in shown:
        children = [c for c in ref.children if id(c) in on_page]
        if not children:
            continue
        if all(not c.children or not any(id(g) in on_page for g in c.children) for c in children):
            _stack(graph, names, ref, children, stack_height)
        else:
            for child in children:
                graph.edge(names[id(ref)], names[id(child)])
    return str(graph.source)


def _stack(
    graph: object, names: dict[int, str], parent: NodeRef, children: list[NodeRef], height: int
) -> None:
    """Leaf children stacked in columns under their parent (narrow pages)."""
    from pokin.render.dot import stack_frame

    name = names[id(parent)]
    stack_frame(graph, f"cluster_{name}", name, [names[id(c)] for c in children], height)


# ------------------------------------------------------------------ SVG page

_SVG_SIZE = re.compile(r'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.DOTALL)
_FONT_SIZE = re.compile(r'font-size="([\d.]+)"')


def _inner(svg: str) -> tuple[str, float, float, float]:
    """Graphviz SVG → (its content without the outer ``<svg>``, width, height, min font)."""
    m = _SVG_SIZE.search(svg)
    if m is None:
        raise ValueError("SVG Graphviz tanpa ukuran")
    width, height = float(m.group(1)), float(m.group(2))
    start = svg.index(">", m.start()) + 1
    end = svg.rindex("</svg>")
    fonts = [float(f) for f in _FONT_SIZE.findall(svg)]
    return svg[start:end], width, height, min(fonts) if fonts else float(BOX_FONT)


def _page_svg(
    inner: str,
    width: float,
    height: float,
    caption: str,
    options: PageOptions,
    area_h: float | None = None,
) -> tuple[str, float]:
    """A page of the printable area (``area_h`` pt high if given) with the drawing scaled to
    fit (≤ 1); (svg, scale)."""
    from markupsafe import escape

    area_w, full_h = printable_area(options.paper)
    area_h = full_h if area_h is None else area_h
    room_h = area_h - CAPTION_PT
    scale = min(1.0, area_w / width, room_h / height)
    x = (area_w - width * scale) / 2
    mm_w = area_w / PT_PER_MM
    mm_h = area_h / PT_PER_MM
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{mm_w:.1f}mm" height="{mm_h:.1f}mm" viewBox="0 0 {area_w:.2f} {area_h:.2f}" '
        f'role="img" aria-label="{escape(" — ".join(caption.splitlines()))}" '
        'class="pohon-halaman">\n'
        "<style>text { font-family: Arial, 'Liberation Sans', 'DejaVu Sans Condensed', "
        "sans-serif; }</style>\n"
        + "".join(
            f'<text x="{area_w / 2:.2f}" y="{12 + 14 * n}" text-anchor="middle" '
            f'font-family="{FONT}" font-size="{10 if n == 0 else 9}" '
            f'font-weight="{"bold" if n == 0 else "normal"}" fill="#1F4E79">{escape(line)}</text>\n'
            for n, line in enumerate(caption.split("\n")[:2])
        )
        + f'<g transform="translate({x:.2f} {CAPTION_PT:.2f}) scale({scale:.4f})">\n'
        f"{inner}\n</g>\n</svg>\n"
    )
    return svg, scale


# ------------------------------------------------------------------ cutting


def tree_pages(
    plan: LoadedPlan,
    problems: list[Problem],
    options: PageOptions = PageOptions(),
    root_id: str | None = None,
) -> list[TreePage]:
    """The pages of the pohon kinerja: an overview, then one or more pages per CSF.

    With ``root_id`` only that branch, its ancestors on top of every page.
    """
    from pokin.render.graphviz_backend import render_svg

    if options.style not in STYLES:
        raise UsageError(
            f"--style harus salah satu dari {', '.join(STYLES)}, bukan '{options.style}'"
        )
    printable_area(options.paper)  # a paper pokin does not know is a usage error
    marks: dict[str, set[str]] = {}
    for p in problems:
        if p.node:
            marks.setdefault(p.node, set()).add(p.severity)
    title = f"Pohon Kinerja {plan.model.perangkat_daerah} Tahun {plan.model.tahun}"
    drawn: list[tuple[str, str, float, float, float, tuple[str, ...], float]] = []
    area_w, full_h = printable_area(options.paper)

    def attempt(
        chain: list[NodeRef],
        top: NodeRef,
        depth: int | None,
        caption: str,
        only: list[NodeRef] | None = None,
    ) -> bool:
        area_h = full_h - (options.first_page_room_mm * PT_PER_MM if not drawn else 0.0)
        best: tuple[float, str, float, float, float] | None = None
        for stack in PAGE_STACKS:  # leaves in one row, or stacked two or three high
            svg = render_svg(page_dot(plan, chain, top, depth, marks, options, only, stack))
            inner, width, height, font = _inner(svg)
            scale = min(1.0, area_w / width, (area_h - CAPTION_PT) / height)
            if best is None or font * scale > best[0]:
                best = (font * scale, inner, width, height, font)
        assert best is not None
        printed, inner, width, height, font = best
        if printed < MIN_FONT_PT - 1e-6:
            return False
        ids = (*(r.id for r in chain), top.id, *(r.id for r in only or []))
        drawn.append((caption, inner, width, height, font, ids, area_h))
        return True

    root = plan.root
    if root_id is not None:
        from pokin.views.tree import find_node

        top = find_node(plan, root_id)
        chain = [a for a in reversed(list(top.ancestors())) if not a.virtual]
        branch_of = top
    else:
        branch_of = None
    # the overview: outcome, CSF and programs (or only the CSF when that is too wide)
    overview = "Ikhtisar" if root.virtual else "Ikhtisar: tujuan, sasaran dan program"
    if branch_of is None and not attempt([], root, 2, overview):
        attempt([], root, 1, "Ikhtisar" if root.virtual else "Ikhtisar: tujuan dan sasaran")

    def name(ref: NodeRef) -> str:
        text = " ".join(clean_text(getattr(ref.node, "nama", None) or ref.node.kinerja).split())
        label = BY_KEY[ref.level].label
        text = shorten(text, 60)
        return text if text.lower().startswith(label.lower()) else f"{label} {text}"

    def branch(chain: list[NodeRef], top: NodeRef, where: str) -> None:
        """``top`` and all below it on one page, else its children in groups, else deeper."""
        if attempt(chain, top, None, where) or not top.children:
            return  # a single box too large for the page is left out (never in practice)
        group: list[NodeRef] = []
        for child in top.children:
            if not group:
                group = [child]
                continue
            # try the group with one sibling more; keep the last page that fitted
            if attempt(chain, top, None, where, [*group, child]):
                drawn.pop()
                group.append(child)
            else:
                flush(chain, top, where, group)
                group = [child]
        if group:
            flush(chain, top, where, group)

    def flush(chain: list[NodeRef], top: NodeRef, where: str, group: list[NodeRef]) -> None:
        if len(group) > 1 and attempt(chain, top, None, where, group):
            return
        if len(group) == 1 and attempt(chain, top, None, where, group):
            return
        for child in group:  # one child alone is too large: cut it again
            branch([*chain, top], child, f"{where} › {name(child)}")

    if branch_of is not None:
        branch(chain, branch_of, name(branch_of))
    else:
        for number, top in enumerate(root.children, start=1):
            where = f"CSF {roman(number)}" if top.level == "csf" else name(top)
            branch([] if root.virtual else [root], top, where)
    parts: dict[str, int] = {}
    for caption, *_ in drawn:
        parts[caption] = parts.get(caption, 0) + 1
    seen: dict[str, int] = {}
    pages: list[TreePage] = []
    for i, (caption, inner, width, height, font, ids, area_h) in enumerate(drawn, start=1):
        seen[caption] = seen.get(caption, 0) + 1
        if parts[caption] > 1:
            caption = f"{caption} (bagian {seen[caption]} dari {parts[caption]})"
        text = f"{title} — halaman {i} dari {len(drawn)}\n{caption}"
        svg, scale = _page_svg(inner, width, height, text, options, area_h)
        pages.append(TreePage(text, svg, scale, round(font * scale, 2), ids))
    return pages


def measured_min_font(svg: str) -> float:
    """The smallest printed text size (pt) of a page SVG: font-size × the scales around it.

    Used by the tests to check a page, independently of how it was made.
    """
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    smallest = float("inf")

    def scale_of(el: ET.Element) -> float:
        m = re.search(r"scale\(([\d.]+)", el.get("transform", ""))
        return float(m.group(1)) if m else 1.0

    def walk(el: ET.Element, factor: float) -> None:
        nonlocal smallest
        factor *= scale_of(el)
        if el.tag.endswith("text") and el.get("font-size"):
            smallest = min(smallest, float(el.get("font-size", "0")) * factor)
        for child in el:
            walk(child, factor)

    walk(root, 1.0)
    return smallest


# ------------------------------------------------------------------ PDF through Chromium

#: Browsers that print a PDF headless, looked up on PATH in this order.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """The path of a Chromium-family browser, or ``None``."""
    import shutil
    from pathlib import Path

    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def pages_html(pages: list[TreePage], paper: str) -> str:
    """One HTML document that prints ``pages`` one per sheet of ``paper`` (landscape)."""
    body = "\n".join(f'<div class="page">{p.svg}</div>' for p in pages)
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        "<title>Pohon Kinerja</title><style>"
        f"@page {{ size: {paper} landscape; margin: {MARGIN_MM}mm; }}"
        "html, body { margin: 0; padding: 0; }"
        ".page { break-after: page; page-break-after: always; }"
        ".page:last-child { break-after: auto; page-break-after: auto; }"
        ".page svg { display: block; }"
        f"</style></head><body>\n{body}\n</body></html>\n"
    )


def pages_pdf(pages: list[TreePage], paper: str, timeout: float = 120.0) -> bytes:
    """The pages as one PDF, printed by headless Chromium.

    Without a browser this is a :class:`~pokin.render.graphviz_backend.RendererUnavailable`
    that says what to install.
    """
    import subprocess
    import tempfile
    from pathlib import Path

    from pokin.render.graphviz_backend import RendererUnavailable, RenderFailed

    browser = find_browser()
    if browser is None:
        raise RendererUnavailable(
            "--pdf dengan --page memerlukan peramban Chromium untuk mencetak halaman; pasang "
            "Chromium (apt-get install chromium), atau tulis halaman SVG dengan --svg FOLDER "
            "lalu cetak dari peramban"
        )
    with tempfile.TemporaryDirectory(prefix="pokin-") as tmp:
        html = Path(tmp) / "pohon.html"
        pdf = Path(tmp) / "pohon.pdf"
        html.write_text(pages_html(pages, paper), encoding="utf-8")
        try:
            subprocess.run(
                [
                    browser,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}",
                    html.as_uri(),
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RenderFailed(f"Chromium gagal mencetak PDF: {exc}") from None
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise RenderFailed("Chromium tidak menghasilkan PDF; coba --svg FOLDER")
        return pdf.read_bytes()
