"""Word output: `pokin pk` and `pokin report` with -o FILE.docx, read back with python-docx."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from tests.helpers import EXAMPLE, run_pokin


class _Rows(HTMLParser):
    """The rows of each <table> of an HTML document, as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.depth = 0
        self.cell: list[str] | None = None
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and "signatures" in (dict(attrs).get("class") or ""):
            self.tables.append([["<tanda tangan>"]])  # Word sets signers side by side in a table
        if tag in ("style", "svg"):
            self.skip += 1
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "svg"):
            self.skip -= 1
        elif tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.skip:
            self.cell.append(data)


def _html_tables(html: str) -> list[list[list[str]]]:
    rows = _Rows()
    rows.feed(html)
    return rows.tables


def _word_tables(path: Path) -> list[list[list[str]]]:
    document = docx.Document(str(path))
    out = []
    for table in document.tables:
        rows = []
        for row in table.rows:  # a merged cell repeats along its span
            rows.append([" ".join(cell.text.split()) for cell in row.cells])
        out.append(rows)
    return out


def _texts(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_kadis_pk_in_word_has_the_same_rows_as_the_html(tmp_path: Path) -> None:
    html = run_pokin("pk", str(EXAMPLE), "-j", "kadis", "-f", "html")
    out = tmp_path / "pk-kadis.docx"
    run = run_pokin("pk", str(EXAMPLE), "-j", "kadis", "-o", str(out))
    assert run.code == 0, run.stderr
    assert out.read_bytes()[:2] == b"PK"  # a zip container
    word = _word_tables(out)
    page = _html_tables(html.stdout)
    assert [len(t) for t in word] == [len(t) for t in page]
    # every cell of every row, in the same rows (a merged Word cell repeats along its span)
    for w_table, h_table in zip(word, page, strict=True):
        for w_row, h_row in zip(w_table, h_table, strict=True):
            if h_row != ["<tanda tangan>"]:
                assert all(text in w_row for text in h_row if text), (w_row, h_row)
    # the program table, row by row: the seven programs and the total
    programs = word[-2]
    assert programs[0] == ["No", "Program", "Anggaran", "Keterangan"]
    assert [r[2] for r in programs[1:8]] == [
        "Rp 372.250.370",
        "Rp 306.749.630",
        "Rp 100.000.000",
        "Rp 23.000.000",
        "Rp 150.000.000",
        "Rp 32.400.000",
        "Rp 5.328.418.993",
    ]
    assert "Rp 6.312.818.993" in programs[8]
    text = _texts(out)
    assert "PIHAK PERTAMA" in text and "belum ada target*" in text
    assert "Perjanjian Kinerja Tahun 2025" in text


def test_bupati_pk_in_word_has_no_nip(tmp_path: Path) -> None:
    out = tmp_path / "pk-bupati.docx"
    run = run_pokin("pk", str(EXAMPLE), "-j", "bupati", "-o", str(out))
    assert run.code == 0, run.stderr
    text = _texts(out)
    assert "PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR" in text and "NIP" not in text


def test_all_pks_as_word_files(tmp_path: Path) -> None:
    run = run_pokin("pk", str(EXAMPLE), "--all", "-f", "docx", "-o", str(tmp_path / "pk"))
    assert run.code == 0, run.stderr
    names = sorted(p.name for p in (tmp_path / "pk").iterdir())
    assert len(names) == 10 and all(n.endswith(".docx") for n in names)


def test_report_in_word(tmp_path: Path) -> None:
    html = tmp_path / "laporan.html"
    out = tmp_path / "laporan.docx"
    assert run_pokin("report", str(EXAMPLE), "-o", str(html)).code == 0
    run = run_pokin("report", str(EXAMPLE), "-o", str(out))
    assert run.code == 0, run.stderr
    word = _word_tables(out)
    page = _html_tables(html.read_text(encoding="utf-8"))
    assert [len(t) for t in word] == [len(t) for t in page]
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Tahap 1 — Menentukan Outcome yang Akan Dijabarkan" in headings
    assert "Lembar Pengesahan" in headings
    text = _texts(out)
    assert "Rp 6.312.818.993" in text
    assert re.search(r"Tahap 4: indikator 'Jumlah PPKS Yang Mendapatkan Bantuan Sosial'", text)
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer  # page numbers
    # the wide matrices (5.1, 5.4, the tree table) on A4 landscape sections
    widths = {round(section.page_width.mm) for section in document.sections}
    assert widths == {210, 297}


@pytest.mark.parametrize("command", ["pk", "report"])
def test_word_needs_a_file(command: str) -> None:
    args = ["-j", "kadis"] if command == "pk" else []
    run = run_pokin(command, str(EXAMPLE), *args, "-f", "docx")
    assert run.code == 2 and "dokumen Word ditulis ke berkas" in run.stderr
