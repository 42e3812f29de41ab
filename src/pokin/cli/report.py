"""`pokin report` and `pokin pk`: the planning documents, in HTML or Markdown."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pokin.cli.app import app, check_plan, fail, load_plan

if TYPE_CHECKING:
    from pokin.render.documents import Format
    from pokin.views.pk import PerjanjianKinerja


class DocFormat(enum.StrEnum):
    """Output formats for documents."""

    html = "html"
    md = "md"
    docx = "docx"


_FORMAT_HELP = (
    "Format keluaran: html, md atau docx (bawaan: dari akhiran -o .html/.md/.docx, selain itu "
    "html); docx adalah dokumen Word dari isi yang sama, untuk disunting sebelum ditandatangani."
)
_TEMPLATES_HELP = (
    "Folder templat Jinja yang menggantikan templat pokin bernama sama "
    "(laporan.html.j2, pk.md.j2, style.css, …)."
)
_DATE_HELP = "Tanggal yang dicetak pada dokumen, YYYY-MM-DD (bawaan: dikosongkan)."

# options both document commands take
FormatOption = Annotated[DocFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)]
TemplateDirOption = Annotated[
    str | None, typer.Option("--template-dir", metavar="DIR", help=_TEMPLATES_HELP)
]
DateOption = Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=_DATE_HELP)]


#: File name suffixes a document can be written to, by format.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "html": (".html", ".htm"),
    "md": (".md", ".markdown"),
    "docx": (".docx",),
}


def _word(fmt: str) -> tuple[Format, bool]:
    """The template format to render and whether the result becomes a Word document."""
    return ("html", True) if fmt == "docx" else ("md" if fmt == "md" else "html", False)


def _format(fmt: DocFormat | None, out: str | None) -> str:
    """The document format from --format and the -o suffix; an unknown suffix exits 2."""
    suffix = Path(out).suffix.lower() if out and out != "-" else ""
    by_suffix = next((name for name, ends in SUFFIXES.items() if suffix in ends), None)
    if suffix and by_suffix is None and not _is_stream(out):
        known = ", ".join(end for ends in SUFFIXES.values() for end in ends)
        fail(f"-o {out}: pokin tidak dapat menulis berkas '{suffix}'; akhiran yang dapat: {known}")
    if fmt is not None:
        chosen = fmt.value
        if by_suffix is not None and by_suffix != chosen:
            fail(f"-o {out}: akhiran '{suffix}' tidak cocok dengan --format {chosen}")
        return chosen
    return by_suffix or "html"


def _is_stream(out: str | None) -> bool:
    """Whether ``out`` names a device or FIFO (``/dev/null``): any suffix is fine."""
    import stat

    try:
        mode = Path(out or "").stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--date '{value}' bukan tanggal berbentuk YYYY-MM-DD")


def _template_dir(value: str | None) -> str | None:
    if value is not None and not Path(value).is_dir():
        fail(f"--template-dir {value}: folder tidak ada")
    return value


def _render_error(exc: Exception, template_dir: str | None = None) -> None:
    """A template that cannot be read or run ends the command with exit 2."""
    import jinja2

    if isinstance(exc, jinja2.TemplateNotFound):
        fail(f"templat tidak ditemukan: {exc.name}")
    if isinstance(exc, jinja2.TemplateError):
        where = (
            f" ({exc.filename}:{exc.lineno})" if isinstance(exc, jinja2.TemplateSyntaxError) else ""
        )
        fail(f"templat salah{where}: {exc}")
    if isinstance(exc, UnicodeDecodeError):
        fail(f"templat di {template_dir or 'pokin'} bukan UTF-8; simpan ulang sebagai UTF-8")
    if template_dir is not None:  # an agency template that fails while running
        fail(f"templat di {template_dir} gagal dijalankan: {type(exc).__name__}: {exc}")
    raise exc


@app.command()
def report(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Berkas rencana (YAML).")],
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Berkas yang ditulis (bawaan: keluaran standar)."
        ),
    ] = None,
    output_format: FormatOption = None,
    template_dir: TemplateDirOption = None,
    date: DateOption = None,
    no_diagram: Annotated[
        bool, typer.Option("--no-diagram", help="Tanpa diagram pohon kinerja.")
    ] = False,
    diagram_depth: Annotated[
        int | None,
        typer.Option(
            "--diagram-depth",
            min=1,
            metavar="N",
            help="Gambar pohon kinerja hanya N tingkat di bawah outcome (rencana besar).",
        ),
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            "--place",
            metavar="TEXT",
            help="Tempat penetapan di lembar pengesahan (default: kosong).",
        ),
    ] = None,
    no_check_annex: Annotated[
        bool,
        typer.Option(
            "--no-check-annex",
            help="Tanpa lampiran hasil pemeriksaan (daftar galat dan peringatan).",
        ),
    ] = False,
    logo: Annotated[
        str | None,
        typer.Option(
            "--logo",
            metavar="FILE",
            help="Logo pemda (PNG, JPEG atau SVG) di sampul (bawaan: [dokumen] logo di "
            "pokin.toml).",
        ),
    ] = None,
) -> None:
    """Tulis laporan perencanaan: Tahap 1 sampai 5, anggaran, lembar pengesahan dan lampiran.

    HTML satu berkas utuh dengan pohon kinerja di dalamnya sebagai halaman A4
    yang dapat dicetak; Markdown menautkan halaman itu sebagai berkas SVG di
    sampingnya (<nama>-pohon-01.svg, …); -o BERKAS.docx menulis dokumen Word.
    Kode keluar: 0 ditulis, 1 ditulis tetapi rencana mengandung galat (laporan
    mencantumkannya) atau rencana tidak terbaca, 2 tidak dapat berjalan.
    """
    from pokin.atomic import refuse_plan, write_atomic
    from pokin.problems import UsageError
    from pokin.render.documents import render_report
    from pokin.views.report import build_report

    fmt, word = _word(_format(output_format, output))
    if word and (output is None or output == "-"):
        fail("dokumen Word ditulis ke berkas: beri -o LAPORAN.docx")
    when = _date(date)
    tdir = _template_dir(template_dir)
    _workspace_report(plan, fmt, output)
    result = load_plan(plan)
    assert result.plan is not None
    problems = check_plan(result).problems
    doc = build_report(result.plan, problems, when)
    defaults = _document_defaults(plan)
    doc.place = place or defaults.get("tempat")
    from pokin.views.pk import logo_uri

    try:
        doc.logo = logo_uri(logo or defaults.get("logo"))
    except UsageError as exc:
        fail(str(exc))
    to_file = output is not None and output != "-"
    pages = None
    if (fmt == "html" or to_file) and not no_diagram and diagram_depth is None:
        from pokin.render.treepages import PageOptions, tree_pages

        try:  # the printable pages; the report keeps its single diagram if they fail
            # the first page shares its sheet with the Tahap 4 heading and note (HTML)
            room = 32.0 if fmt == "html" else 0.0
            options = PageOptions("A4", "cetak", pj=True, first_page_room_mm=room)
            pages = tree_pages(result.plan, problems, options)
        except Exception:
            pages = None
    try:
        rendered = render_report(
            doc,
            result.plan,
            problems,
            fmt,
            Path(output) if to_file and output else None,
            tdir,
            diagram=not no_diagram,
            diagram_depth=diagram_depth,
            problems_annex=not no_check_annex,
            tree_pages=pages,
        )
    except Exception as exc:
        _render_error(exc, tdir)
        raise
    exit_code = 1 if doc.problems.errors else 0
    if not to_file or output is None:
        sys.stdout.write(rendered.text)
        raise typer.Exit(exit_code)
    data: str | bytes = rendered.text
    if word:
        from pokin.render.docx import html_to_docx

        data = html_to_docx(rendered.text)
    try:
        for target in [*rendered.beside, Path(output)]:
            refuse_plan(target, [plan])
        for path, text in rendered.beside.items():
            write_atomic(path, text, plans=[plan])
        write_atomic(output, data, plans=[plan])
    except UsageError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output} tidak dapat ditulis: {exc.strerror or exc}; tidak ada yang diubah")
    beside = list(rendered.beside)
    extra = (
        f" (pohon kinerja: {beside[0]})"
        if len(beside) == 1
        else f" (pohon kinerja: {len(beside)} halaman {beside[0].name} … {beside[-1].name})"
        if beside
        else ""
    )
    sys.stderr.write(
        f"pokin: laporan ditulis ke {output}{extra}; "
        f"{doc.problems.errors} galat, {doc.problems.warnings} peringatan.\n"
    )
    raise typer.Exit(exit_code)


def _workspace_report(path: str, fmt: Format, output: str | None) -> None:
    """On a workspace folder: write the coverage page per PD and exit (else return)."""
    from pokin.problems import UsageError
    from pokin.source.workspace import find_workspace

    try:
        config = find_workspace(path)
    except UsageError as exc:
        fail(str(exc))
    if config is None:
        return
    from pokin.atomic import write_atomic
    from pokin.check.workspace import check_workspace
    from pokin.render.workspace import coverage_html, coverage_md
    from pokin.views.workspace import coverage

    ws, report = check_workspace(config)
    rows = coverage(ws)
    counts = {f.file: sum(1 for p in f.problems if p.severity == "error") for f in report.files}
    for row in rows:
        row.problems = counts.get(row.file, 0)
    text = (coverage_md if fmt == "md" else coverage_html)(ws.title, rows)
    errors = sum(counts.values())
    if output is None or output == "-":
        sys.stdout.write(text)
        raise typer.Exit(1 if errors else 0)
    try:
        write_atomic(output, text)
    except OSError as exc:
        fail(f"{output} tidak dapat ditulis: {exc.strerror or exc}")
    sys.stderr.write(
        f"pokin: halaman cakupan {len(rows)} rencana ditulis ke {output}; {errors} galat.\n"
    )
    raise typer.Exit(1 if errors else 0)


@app.command()
def pk(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Berkas rencana (YAML).")],
    jabatan: Annotated[
        str | None,
        typer.Option("--jabatan", "-j", metavar="ID", help="Id jabatan yang PK-nya ditulis."),
    ] = None,
    all_positions: Annotated[
        bool, typer.Option("--all", help="Tulis PK setiap jabatan ke folder -o.")
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Berkas yang ditulis dengan --jabatan (bawaan: keluaran standar); "
            "folder dengan --all.",
        ),
    ] = None,
    output_format: FormatOption = None,
    template_dir: TemplateDirOption = None,
    date: DateOption = None,
    place: Annotated[
        str | None,
        typer.Option(
            "--place",
            metavar="TEXT",
            help="Tempat di atas tanda tangan (bawaan: [dokumen] tempat di pokin.toml, selain "
            "itu dikosongkan).",
        ),
    ] = None,
    nomor: Annotated[
        str | None,
        typer.Option("--nomor", metavar="TEXT", help="Nomor PK dicetak di bawah judul."),
    ] = None,
    logo: Annotated[
        str | None,
        typer.Option(
            "--logo",
            metavar="FILE",
            help="Logo pemda (PNG, JPEG atau SVG) di atas judul (bawaan: [dokumen] logo di "
            "pokin.toml).",
        ),
    ] = None,
) -> None:
    """Tulis Perjanjian Kinerja (PK) satu jabatan, atau semua jabatan.

    PK memuat sasaran yang menjadi tanggung jawab jabatan (pj) dengan indikator
    dan target, dan untuk eselon III ke bawah program / kegiatan / sub kegiatan
    beserta anggarannya. Tempat dan tanggal kosong kecuali diberikan. Dengan
    --all berkas bernama pk-<id jabatan>.html (atau .md). Kode keluar: 0
    ditulis, 1 rencana tidak terbaca, 2 tidak dapat berjalan (jabatan tidak
    dikenal, opsi salah).
    """
    from pokin.atomic import refuse_plan, write_atomic
    from pokin.problems import UsageError
    from pokin.render.documents import render
    from pokin.views.pk import build_all, build_pk, with_extras

    if all_positions == (jabatan is not None):
        fail("beri --jabatan ID atau --all")
    if all_positions and not output:
        fail("--all memerlukan -o FOLDER")
    fmt, word = _word(_format(output_format, None if all_positions else output))
    if word and not all_positions and (output is None or output == "-"):
        fail("dokumen Word ditulis ke berkas: beri -o PK.docx")
    defaults = _document_defaults(plan)
    logo = logo or defaults.get("logo")
    place = place or defaults.get("tempat")
    when = _date(date)
    tdir = _template_dir(template_dir)
    result = load_plan(plan)
    assert result.plan is not None
    # the PK is written even when the plan has errors (as the report is); exit 1 then
    exit_code = 1 if any(p.severity == "error" for p in check_plan(result).problems) else 0
    try:
        docs = (
            build_all(result.plan, when, place)
            if all_positions
            else [build_pk(result.plan, jabatan or "", when, place)]
        )
        docs = [with_extras(doc, nomor, logo) for doc in docs]
    except UsageError as exc:
        fail(str(exc))
    docs = _atasan_in_other_plans(docs, plan)
    if not docs:
        fail("rencana ini tidak memiliki jabatan; tidak ada PK yang ditulis")
    for doc in docs:  # a row without a target is never printed silently (rule I012)
        if doc.missing_targets:
            sys.stderr.write(
                f"pokin: peringatan: PK {doc.jabatan.id}: {doc.missing_targets} indikator belum "
                f"mempunyai target tahun {doc.tahun} (dicetak 'belum ada target'; "
                "rinciannya: pokin validate, aturan I012).\n"
            )
    texts: list[tuple[PerjanjianKinerja, str | bytes]] = []
    try:
        for doc in docs:  # the environment compiles each template once, for every jabatan
            texts.append((doc, render("pk", fmt, {"pk": doc}, tdir)))
    except Exception as exc:
        _render_error(exc, tdir)
        raise
    if word:
        from pokin.render.docx import html_to_docx

        texts = [(doc, html_to_docx(str(text))) for doc, text in texts]
    suffix = "docx" if word else fmt
    if not all_positions:
        text = texts[0][1]
        if output is None or output == "-":
            sys.stdout.write(text if isinstance(text, str) else "")
            raise typer.Exit(exit_code)
        try:
            write_atomic(output, text, plans=[plan])
        except UsageError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{output} tidak dapat ditulis: {exc.strerror or exc}; tidak ada yang diubah")
        sys.stderr.write(f"pokin: PK {docs[0].jabatan.id} ditulis ke {output}.\n")
        raise typer.Exit(exit_code)
    assert output is not None
    folder = Path(output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for doc, _ in texts:
            refuse_plan(folder / f"pk-{doc.jabatan.id}.{suffix}", [plan])
        for doc, text in texts:
            write_atomic(folder / f"pk-{doc.jabatan.id}.{suffix}", text, plans=[plan])
    except UsageError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"tidak dapat menulis ke {folder}: {exc.strerror or exc}")
    for doc, _ in texts:
        if not doc.sasaran:
            sys.stderr.write(
                f"pokin: peringatan: jabatan {doc.jabatan.id} belum menjadi penanggung jawab "
                "sasaran apa pun; PK-nya kosong.\n"
            )
    sys.stderr.write(f"pokin: {len(texts)} PK ditulis ke {folder}/.\n")
    raise typer.Exit(exit_code)


def _document_defaults(plan: str) -> dict[str, str]:
    """The ``[dokumen]`` settings (logo, tempat) of the plan's pokin.toml; exit 2 if wrong."""
    from pokin.check.config import document_settings
    from pokin.problems import UsageError

    try:
        return document_settings(plan)
    except UsageError as exc:
        fail(str(exc))


def _atasan_in_other_plans(docs: list[PerjanjianKinerja], plan: str) -> list[PerjanjianKinerja]:
    """PKs whose jabatan has a ``KODE_PD:ID`` atasan, with it taken from the workspace."""
    import dataclasses

    from pokin.model import split_ref
    from pokin.problems import UsageError
    from pokin.source.workspace import enclosing_workspace, load_workspace

    wanted = [d for d in docs if d.atasan is None and d.jabatan.atasan and ":" in d.jabatan.atasan]
    if not wanted:
        return docs
    try:
        config = enclosing_workspace(plan)
    except UsageError:
        return docs
    if config is None:
        return docs
    plans = load_workspace(config).by_kode
    out = []
    for doc in docs:
        parts = split_ref(doc.jabatan.atasan or "") if doc in wanted else None
        other = plans.get(parts[0]) if parts else None
        atasan = other.jabatan_by_id.get(parts[1]) if other is not None and parts else None
        out.append(dataclasses.replace(doc, atasan=atasan) if atasan is not None else doc)
    return out
