"""Documents through Jinja: the environment, Indonesian filters, atomic writes.

Templates ship in the package (``pokin.templates``, the top-level
``templates/`` folder of the source tree); ``template_dir`` puts an agency's
own folder in front, so any template (``laporan.html.j2``, ``pk.md.j2``,
``style.css``, the layouts and macros) can be replaced by one of the same name.

HTML is autoescaped. Markdown is escaped too: every value a template prints
goes through :func:`md_escape` (HTML specials become entities, Markdown
specials get a backslash), so plan text shows literally on GitHub and GitLab.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from pokin.levels import BY_KEY
from pokin.numbers import BULAN, format_number, format_rupiah, roman

Format = Literal["html", "md"]


class _PackageTemplates(jinja2.BaseLoader):
    """Templates read with importlib.resources from ``pokin.templates``."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        pieces = jinja2.loaders.split_template_path(template)
        res = resources.files("pokin.templates")
        for piece in pieces:
            res = res.joinpath(piece)
        if not res.is_file():
            raise jinja2.TemplateNotFound(template)
        return res.read_text(encoding="utf-8"), None, lambda: True


# ---------------------------------------------------------------- filters


def rupiah(amount: int | None) -> str:
    """``6312818993`` → ``Rp 6.312.818.993``; ``None`` → ``—``."""
    return "—" if amount is None else format_rupiah(amount)


def angka(value: float | int | None) -> str:
    """``93.59`` → ``93,59``; ``1250`` → ``1.250``; ``None`` → ``—``."""
    return "—" if value is None else format_number(value)


def target(value: float | int | None, satuan: str | None = None) -> str:
    """A target with its unit: ``93,59%``, ``55 orang``; ``—`` when not set."""
    if value is None:
        return "—"
    from pokin.views.capaian import grade_of

    shown = grade_of(value, satuan)
    if isinstance(shown, str):
        return shown  # a grade of an ordinal scale (WTP, AA)
    text = format_number(value)
    if not satuan:
        return text
    return f"{text}%" if satuan.strip() == "%" else f"{text} {satuan}"


def persen(value: float | None) -> str:
    """``77.1428…`` → ``77,14%`` (rounded half up); ``None`` → ``—``."""
    from pokin.views.capaian import rounded

    shown = rounded(value)
    return "—" if shown is None else format_number(shown, 2) + "%"


def tanggal(value: dt.date | None) -> str:
    """``2025-01-02`` → ``2 Januari 2025``; ``None`` → empty."""
    if value is None:
        return ""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def nip(value: str | None) -> str:
    """An 18-digit NIP grouped as printed: ``19700101 199003 1 001``."""
    if not value:
        return ""
    digits = value.replace(" ", "")
    if len(digits) != 18 or not digits.isdigit():
        return value
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def css_string(value: object) -> Markup:
    """Text for inside a CSS string in a ``<style>`` element: quotes, backslash, ``<`` escaped."""
    out = []
    for ch in str(value):
        if ch in "\"\\<>&'" or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup("".join(out))


def signer_title(jab: Any) -> str:
    """A jabatan's name as signed (``Plt. Kepala Dinas Sosial``)."""
    from pokin.views.pk import signer_title as title

    return title(jab)


def md_escape(value: object) -> Markup:
    """Plan text for Markdown (:func:`pokin.render.markdown.md_text`), marked safe."""
    if isinstance(value, Markup):
        return value
    from pokin.render.markdown import md_text

    return Markup(md_text(value))


def _md_finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return md_escape(value)


# ---------------------------------------------------------------- environment


def make_environment(fmt: Format, template_dir: str | Path | None = None) -> jinja2.Environment:
    """A Jinja environment for ``fmt``: agency templates first, then pokin's.

    One environment per format and folder is kept, so each template is
    compiled once however many documents are written (``pk --all``): O(T + D)
    for T templates and D documents instead of O(T × D).
    """
    if template_dir is None:
        return _package_environment(fmt)
    # an agency's templates may change between runs of a library caller: no cache
    return _environment(fmt, str(template_dir))


@lru_cache(maxsize=4)
def _package_environment(fmt: Format) -> jinja2.Environment:
    return _environment(fmt, None)


def _environment(fmt: Format, template_dir: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(_PackageTemplates())
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=_md_finalize if fmt == "md" else None,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(
        rupiah=rupiah,
        angka=angka,
        target=target,
        tanggal=tanggal,
        roman=roman,
        persen=persen,
        nip=nip,
        css_string=css_string,
        signer_title=signer_title,
    )
    env.globals["format"] = fmt
    # the one table of levels (pokin.levels), and the two lookups templates use most
    env.globals["levels"] = BY_KEY
    env.globals["levels_label"] = {key: level.label for key, level in BY_KEY.items()}
    env.globals["levels_sasaran"] = {key: level.sasaran for key, level in BY_KEY.items()}
    return env


def render(
    name: str, fmt: Format, context: dict[str, Any], template_dir: str | Path | None = None
) -> str:
    """Render template ``name`` (e.g. ``laporan``) in ``fmt`` with ``context``."""
    env = make_environment(fmt, template_dir)
    text = env.get_template(f"{name}.{fmt}.j2").render(**context)
    return tidy(text) if fmt == "md" else text


def tidy(text: str) -> str:
    """Markdown clean-up: no trailing spaces, at most one blank line, one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


# ---------------------------------------------------------------- the pohon kinerja


_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_SVG_SIZE = re.compile(r'\s(width|height)="[^"]*"')


def inline_svg(svg: str) -> str:
    """An SVG document made fit to sit inside HTML: no prolog, doctype or comments,
    no fixed size (the stylesheet scales it by its viewBox)."""
    body = _PROLOG.sub("", svg).strip()
    start = body.find("<svg")
    if start < 0:
        raise ValueError("no <svg> element")
    end = body.find(">", start)
    tag = _SVG_SIZE.sub("", body[start:end])
    if "role=" not in tag:
        tag += ' role="img" aria-label="Pohon kinerja"'
    return body[:start] + tag + body[end:]


def pohon_svg(
    plan: Any, problems: list[Any], depth: int | None = None
) -> tuple[str | None, str | None]:
    """The SVG of the pohon kinerja (``depth`` levels deep) or why it could not be drawn."""
    from pokin.render.dot import build_dot
    from pokin.render.graphviz_backend import render_svg
    from pokin.views.tree import DiagramOptions

    try:
        svg = render_svg(build_dot(plan, problems, DiagramOptions(depth=depth)))
    except Exception as exc:  # a drawing failure must not cost the whole report
        return None, f"gagal digambar: {type(exc).__name__}: {exc}"
    return svg, None


# ---------------------------------------------------------------- documents


@dataclass
class Rendered:
    """A rendered document and the files that go beside it."""

    text: str
    beside: dict[Path, str] = field(default_factory=dict)


def render_report(
    doc: Any,
    plan: Any,
    problems: list[Any],
    fmt: Format,
    output: Path | None,
    template_dir: str | Path | None = None,
    diagram: bool = True,
    diagram_depth: int | None = None,
    problems_annex: bool = True,
    tree_pages: list[Any] | None = None,
) -> Rendered:
    """The planning report of ``doc`` (a :class:`pokin.views.report.ReportDoc`) in ``fmt``.

    HTML carries the pohon kinerja inline; Markdown links it as an SVG file
    written beside ``output`` (``<name>-pohon-kinerja.svg``), so without an
    output file the Markdown report says where the diagram would be. On a
    large plan the diagram can be cut to ``diagram_depth`` levels below the
    outcome, or left out (``diagram=False``). ``tree_pages`` are the printable
    pages of the pohon kinerja (:func:`pokin.render.treepages.tree_pages`),
    embedded as an annex; ``problems_annex`` adds the validation list as one.
    """
    pages = list(tree_pages or [])
    if fmt == "md" and output is None:
        pages = []  # pages are files beside the Markdown: without -o there is nowhere to put them
    if pages:
        svg, svg_error = None, None  # the printable pages stand for the single diagram
    elif diagram:
        svg, svg_error = pohon_svg(plan, problems, diagram_depth)
    else:
        svg, svg_error = None, "atas permintaan, --no-diagram"
    svg_markup: Markup | None = None
    svg_href: str | None = None
    beside: dict[Path, str] = {}
    if svg is not None and fmt == "html":
        try:
            svg_markup = Markup(inline_svg(svg))
        except ValueError as exc:
            svg_error = str(exc)
    elif svg is not None and output is not None:
        svg_path = output.with_name(f"{output.stem}-pohon-kinerja.svg")
        beside[svg_path] = svg
        svg_href = svg_path.name
    elif svg is not None:
        svg_error = "laporan Markdown tanpa berkas: tulis dengan -o agar diagramnya disertakan"
    page_views: list[dict[str, Any]] = []
    for n, page in enumerate(pages, start=1):
        view: dict[str, Any] = {"svg": Markup(page.svg), "caption": page.caption, "href": None}
        if fmt == "md" and output is not None:
            path = output.with_name(f"{output.stem}-pohon-{n:02d}.svg")
            beside[path] = page.svg
            view["href"] = path.name
        page_views.append(view)
    context = {
        "r": doc,
        "source": Path(getattr(plan, "file", "")).name,
        "svg": svg_markup,
        "svg_href": svg_href,
        "svg_error": svg_error,
        "problems_annex": problems_annex,
        # pokin's own SVG (plan text in it escaped by Graphviz and the page builder)
        "tree_pages": page_views,
    }
    return Rendered(render("laporan", fmt, context, template_dir), beside)


def render_lkjip(doc: Any, fmt: Format, template_dir: str | Path | None = None) -> str:
    """The LKjIP chapter III of ``doc`` (a :class:`pokin.views.lkjip.LkjipDoc`) in ``fmt``."""
    context = {
        "d": doc,
        "source": Path(doc.view.plan.file).name,
        "realisasi": [Path(f.file).name for f in doc.view.files],
    }
    return render("lkjip", fmt, context, template_dir)
