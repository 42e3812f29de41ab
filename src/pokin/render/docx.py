"""Word documents (.docx) of the PK and the report, for agencies that edit before signing.

The Word file is made from the same HTML the browser prints (one source of
content): :func:`html_to_docx` walks pokin's own document HTML — headings,
paragraphs, lists, tables with their row and column spans, the signature
block, the logo — and writes it with python-docx as real Word headings,
paragraphs and tables, A4 (landscape sections where the HTML prints
landscape) with page numbers in the footer. Diagrams (SVG) are not carried
over; the report's table of the pohon kinerja is.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

#: Elements whose content never reaches the Word file.
_SKIP = frozenset({"head", "style", "script", "title", "svg", "figure"})
_VOID = frozenset({"br", "img", "meta", "col", "hr", "input", "link"})
_BLOCK_TEXT = frozenset({"p", "h1", "h2", "h3", "h4", "li", "figcaption", "pre"})


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        out: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "br":
                out.append("\n")
            elif child.tag not in _SKIP:
                out.append(child.text())
        return "".join(out)

    def find(self, tag: str) -> _Node | None:
        for child in self.children:
            if isinstance(child, _Node):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None


class _Tree(HTMLParser):
    """pokin's document HTML as a small element tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _squash(text: str) -> str:
    """Whitespace as HTML shows it: runs become one space; explicit line breaks kept."""
    return "\n".join(" ".join(part.split()) for part in text.split("\n")).strip()


class _Writer:
    def __init__(self) -> None:
        import docx
        from docx.shared import Mm, Pt

        self.doc: Any = docx.Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Mm(20))
        section.top_margin = section.bottom_margin = Mm(18)
        style = self.doc.styles["Normal"]
        style.font.name = "Arial"
        style.font.size = Pt(10.5)
        self._footer_page_numbers(section)
        self.first_section = True
        self.landscape = False

    def _orientation(self, landscape: bool) -> None:
        """A new Word section, A4 landscape (the wide matrices) or portrait."""
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Mm

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        long, short = Mm(297), Mm(210)
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        self.landscape = landscape

    def _footer_page_numbers(self, section: Any) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        para = section.footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run("Halaman ")
        field_el = OxmlElement("w:fldSimple")
        field_el.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field_el.append(run)
        para._p.append(field_el)

    # ---------------------------------------------------------------- blocks

    def block(self, node: _Node, centred: bool = False) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

        tag = node.tag
        classes = node.classes()
        if tag in _SKIP:
            return
        if tag == "section":
            landscape = "landscape" in classes
            if landscape != self.landscape:
                self._orientation(landscape)  # a new Word section starts a new page
            elif not self.first_section and "first" not in classes:
                self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            self.first_section = False
            for child in node.children:
                if isinstance(child, _Node):
                    self.block(child)
            return
        if tag in ("h1", "h2", "h3", "h4"):
            heading = self.doc.add_heading(_squash(node.text()), level=int(tag[1]))
            if centred or tag == "h1":
                heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
            return
        if tag in ("p", "figcaption", "pre"):
            para = self.doc.add_paragraph()
            if centred or "subtitle" in classes:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.inline(para, node, bold="subtitle" in classes)
            return
        if tag in ("ol", "ul"):
            style = "List Number" if tag == "ol" else "List Bullet"
            for item in node.children:
                if isinstance(item, _Node) and item.tag == "li":
                    nested = [
                        c for c in item.children if isinstance(c, _Node) and c.tag in ("ol", "ul")
                    ]
                    para = self.doc.add_paragraph(style=style)
                    self.inline(
                        para, _Node("li", children=[c for c in item.children if c not in nested])
                    )
                    for sub in nested:
                        self.block(sub)
            return
        if tag == "table":
            self.table(node)
            return
        if tag == "img":
            self.image(node)
            return
        if tag == "div" and "signatures" in classes:
            self.signatures(node)
            return
        if tag == "div" and "space" in classes:
            self.doc.add_paragraph()
            return
        # containers: header, main, nav, div, body …
        for child in node.children:
            if isinstance(child, _Node):
                self.block(child, centred=centred or "cover" in classes)
            elif child.strip():
                self.doc.add_paragraph(_squash(child))

    def inline(self, para: Any, node: _Node, bold: bool = False) -> None:
        """Runs of ``node``'s text: <strong>/<b>/<th> bold, <br> a line break."""
        for child in node.children:
            if isinstance(child, str):
                text = re.sub(r"\s+", " ", child)
                if text.strip() or (text and para.runs):
                    run = para.add_run(text)
                    run.bold = bold or None
            elif child.tag == "br":
                para.add_run().add_break()
            elif child.tag in _SKIP:
                continue
            elif child.tag == "img":
                self.image(child, para)
            elif child.tag in ("ol", "ul"):
                for n, item in enumerate(c for c in child.children if isinstance(c, _Node)):
                    if para.runs:
                        para.add_run().add_break()
                    para.add_run(f"{n + 1}. " if child.tag == "ol" else "• ")
                    self.inline(para, item, bold)
            else:
                self.inline(para, child, bold or child.tag in ("strong", "b", "th"))
        # trim the paragraph's outer spaces
        if para.runs:
            para.runs[0].text = para.runs[0].text.lstrip()
            para.runs[-1].text = para.runs[-1].text.rstrip()

    def image(self, node: _Node, para: Any = None) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        src = node.attrs.get("src", "")
        m = re.match(r"data:image/(png|jpeg);base64,(.*)", src, re.DOTALL)
        if m is None:
            return  # SVG and linked images stay out of the Word file
        data = io.BytesIO(base64.b64decode(m.group(2)))
        if para is None:
            para = self.doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        try:
            para.add_run().add_picture(data, height=Mm(25))
        except Exception:
            return

    def table(self, node: _Node) -> None:
        from docx.shared import Pt

        rows: list[tuple[list[_Node], bool]] = []
        for part in node.children:
            if not isinstance(part, _Node):
                continue
            head = part.tag == "thead"
            trs = (
                [part]
                if part.tag == "tr"
                else [c for c in part.children if isinstance(c, _Node) and c.tag == "tr"]
            )
            for tr in trs:
                cells = [c for c in tr.children if isinstance(c, _Node) and c.tag in ("td", "th")]
                rows.append((cells, head or part.tag == "tfoot"))
        if not rows:
            return
        # lay the cells on a grid, as a browser does with rowspan and colspan
        grid: dict[tuple[int, int], tuple[_Node, int, int] | None] = {}
        width = 0
        for r, (cells, _) in enumerate(rows):
            c = 0
            for cell in cells:
                while (r, c) in grid:
                    c += 1
                span_c = max(1, int(cell.attrs.get("colspan", "1") or 1))
                span_r = max(1, int(cell.attrs.get("rowspan", "1") or 1))
                span_r = min(span_r, len(rows) - r)
                for dr in range(span_r):
                    for dc in range(span_c):
                        grid[(r + dr, c + dc)] = None
                grid[(r, c)] = (cell, span_r, span_c)
                c += span_c
            width = max(width, c)
        table = self.doc.add_table(rows=len(rows), cols=max(width, 1))
        if "pk-parties" not in node.classes():  # the parties' Nama/NIP/Jabatan: no lines
            table.style = "Table Grid"
        # every cell once, before any merge (table.cell() walks the whole table per call)
        word_cells: list[list[Any]] = [list(row.cells) for row in table.rows]
        for (r, c), placed in grid.items():
            if placed is None:
                continue
            cell_node, span_r, span_c = placed
            cell = word_cells[r][c]
            if span_r > 1 or span_c > 1:
                cell = cell.merge(word_cells[r + span_r - 1][c + span_c - 1])
            para = cell.paragraphs[0]
            bold = rows[r][1] or cell_node.tag == "th"
            self.inline(para, cell_node, bold=bold)
            for run in para.runs:
                run.font.size = Pt(9)
            if "num" in cell_node.classes():
                from docx.enum.text import WD_ALIGN_PARAGRAPH

                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.doc.add_paragraph()

    def signatures(self, node: _Node) -> None:
        """The signature block as a borderless table, one column per signer."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        signers = [c for c in node.children if isinstance(c, _Node) and c.tag == "div"]
        if not signers:
            return
        table = self.doc.add_table(rows=1, cols=2 if len(signers) == 1 else len(signers))
        offset = 1 if len(signers) == 1 else 0  # one signer stands on the right
        for i, signer in enumerate(signers):
            cell = table.cell(0, i + offset)
            first = True
            for part in signer.children:
                if not isinstance(part, _Node):
                    continue
                para = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if "space" in part.classes():
                    for _ in range(3):
                        para.add_run().add_break()
                    continue
                self.inline(para, part, bold="signer-name" in part.classes())
                if "signer-name" in part.classes():
                    for run in para.runs:
                        run.underline = True

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def html_to_docx(html: str) -> bytes:
    """A Word document with the content of pokin's document ``html``."""
    tree = _Tree()
    tree.feed(html)
    tree.close()
    writer = _Writer()
    body = tree.root.find("body") or tree.root
    for child in body.children:
        if isinstance(child, _Node):
            writer.block(child)
    return writer.bytes()
