"""`pokin tree`: the pohon kinerja on the terminal, or as DOT, SVG, PNG or PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pokin.cli.app import app, check_plan, fail, load_plan

if TYPE_CHECKING:
    from pokin.check.result import Report
    from pokin.plan import LoadedPlan
    from pokin.problems import Problem
    from pokin.source.workspace import Workspace
    from pokin.views.tree import DiagramOptions

_FILE = "FILE"


@app.command()
def tree(
    plan: Annotated[
        str,
        typer.Argument(
            metavar="PLAN",
            help="Berkas rencana, atau folder workspace (pohon pemda; --root KODE_PD "
            "memperbesar satu perangkat daerah).",
        ),
    ],
    show: Annotated[
        str | None,
        typer.Option(
            "--show",
            metavar="FIELDS",
            help="Terminal: rincian di bawah tiap node, dipisah koma: indikator, target, "
            "anggaran, pj.",
        ),
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth", min=0, help="Tingkat yang ditampilkan di bawah akar (0: akar saja)."
        ),
    ] = None,
    root: Annotated[
        str | None,
        typer.Option("--root", metavar="ID", help="Gambar hanya cabang di bawah id node ini."),
    ] = None,
    dot: Annotated[
        str | None, typer.Option("--dot", metavar=_FILE, help="Tulis Graphviz DOT ('-': stdout).")
    ] = None,
    svg: Annotated[
        str | None, typer.Option("--svg", metavar=_FILE, help="Tulis SVG ('-': stdout).")
    ] = None,
    png: Annotated[
        str | None,
        typer.Option("--png", metavar=_FILE, help="Tulis PNG (memerlukan Graphviz terpasang)."),
    ] = None,
    pdf: Annotated[
        str | None,
        typer.Option("--pdf", metavar=_FILE, help="Tulis PDF (memerlukan Graphviz terpasang)."),
    ] = None,
    rankdir: Annotated[
        str,
        typer.Option(
            "--rankdir",
            metavar="TB|LR",
            help="Arah diagram: TB (atas ke bawah) atau LR (untuk pohon lebar).",
        ),
    ] = "TB",
    page: Annotated[
        str | None,
        typer.Option(
            "--page",
            metavar="A4|A3",
            help="Halaman siap cetak (lanskap): satu cabang per halaman, leluhurnya di atas, "
            "tidak ada teks di bawah 7 pt. --svg menjadi FOLDER, --pdf satu berkas "
            "(memerlukan Chromium).",
        ),
    ] = None,
    style: Annotated[
        str,
        typer.Option(
            "--style",
            metavar="standar|cetak",
            help="Dengan --page: 'cetak' tanpa id, kode aturan dan tanda peringatan; "
            "level bernama Tujuan/Sasaran/Program/Kegiatan/Sub Kegiatan.",
        ),
    ] = "standar",
    pj: Annotated[
        bool, typer.Option("--pj", help="Dengan --page: penanggung jawab di setiap kotak.")
    ] = False,
) -> None:
    """Tampilkan pohon kinerja: pohon berwarna di terminal, atau berkas diagram.

    Tanpa --dot/--svg/--png/--pdf pohon dicetak di terminal. SVG dapat dibuat
    tanpa Graphviz terpasang (Graphviz WebAssembly bawaan menggambarnya); PNG
    dan PDF memerlukan program 'dot'. Node yang bermasalah diberi garis tepi
    (galat merah, peringatan jingga).

    Kode keluar: 0 digambar, 1 digambar tetapi rencana mengandung galat (atau
    tidak terbaca), 2 tidak dapat berjalan.
    """
    from pokin.views.tree import RANKDIRS, DiagramOptions

    fields = _show_fields(show)
    direction = rankdir.strip().upper()
    if direction not in RANKDIRS:
        fail(f"--rankdir harus salah satu dari {', '.join(RANKDIRS)}, bukan '{rankdir}'")
    outputs = (("dot", dot), ("svg", svg), ("png", png), ("pdf", pdf))
    wanted = [(fmt, dest) for fmt, dest in outputs if dest is not None]
    if page is not None or style != "standar" or pj:
        if Path(plan).is_dir():
            if not root:
                fail("--page menggambar satu rencana; pada folder workspace beri --root KODE_PD")
            plan, root = _workspace_tree(plan, root, wanted or [("svg", "")], depth)
        if depth is not None:
            fail("--depth tidak dipakai dengan --page: setiap halaman memuat cabangnya utuh")
        _pages(plan, page, style, pj, wanted, root)
    plan, root = _workspace_tree(plan, root, wanted, depth)
    _check_outputs(plan, wanted)

    from pokin.problems import UsageError

    result = load_plan(plan)
    loaded = result.plan
    assert loaded is not None
    report = check_plan(result)

    options = DiagramOptions(direction, root, depth)
    try:
        if wanted:
            _write_outputs(loaded, report.problems, options, wanted)
        else:
            from pokin.render.tree import print_tree
            from pokin.views.tree import tree_view

            print_tree(tree_view(loaded, report.problems, options), report.problems, fields)
    except UsageError as exc:
        fail(str(exc))
    raise typer.Exit(1 if any(p.severity == "error" for p in report.problems) else 0)


def _pages(
    plan_path: str,
    paper: str | None,
    style: str,
    pj: bool,
    wanted: list[tuple[str, str]],
    root: str | None = None,
) -> None:
    """``--page``: write the printable pages (SVG folder and/or PDF) and exit."""
    from pokin.atomic import write_atomic
    from pokin.numbers import format_number
    from pokin.problems import UsageError
    from pokin.render.graphviz_backend import RendererUnavailable, RenderFailed
    from pokin.render.treepages import PAPER_MM, STYLES, PageOptions, pages_pdf, tree_pages

    if paper is None:
        fail("--style dan --pj berlaku untuk halaman cetak; tambahkan --page A4 atau --page A3")
    paper = paper.strip().upper()
    if paper not in PAPER_MM:
        fail(f"--page harus salah satu dari {', '.join(PAPER_MM)}, bukan '{paper}'")
    if style not in STYLES:
        fail(f"--style harus salah satu dari {', '.join(STYLES)}, bukan '{style}'")
    other = [fmt for fmt, _ in wanted if fmt not in ("svg", "pdf")]
    if other:
        fail(
            f"--{other[0]} tidak dapat dipakai dengan --page; gunakan --svg FOLDER atau --pdf FILE"
        )
    if not wanted:
        fail("--page memerlukan --svg FOLDER atau --pdf FILE")
    for fmt, dest in wanted:
        if dest == "-":
            thing = "folder" if fmt == "svg" else "berkas"
            fail(f"--{fmt} dengan --page menulis berkas; beri nama {thing}, bukan '-'")
    svg_dir = next((Path(d) for f, d in wanted if f == "svg"), None)
    pdf_file = next((Path(d) for f, d in wanted if f == "pdf"), None)
    if svg_dir is not None and svg_dir.exists() and not svg_dir.is_dir():
        fail(f"--svg {svg_dir}: dengan --page, --svg adalah folder, bukan berkas")
    if pdf_file is not None and (pdf_file.is_dir() or not pdf_file.parent.is_dir()):
        fail(f"--pdf {pdf_file}: beri nama berkas di folder yang ada")
    result = load_plan(plan_path)
    loaded = result.plan
    assert loaded is not None
    report = check_plan(result)
    try:
        pages = tree_pages(loaded, report.problems, PageOptions(paper, style, pj), root)
        data = pages_pdf(pages, paper) if pdf_file is not None else None
    except (UsageError, RendererUnavailable, RenderFailed) as exc:
        fail(str(exc))
    try:
        if svg_dir is not None:
            svg_dir.mkdir(parents=True, exist_ok=True)
            for n, one in enumerate(pages, start=1):
                write_atomic(svg_dir / f"halaman-{n:02d}.svg", one.svg, plans=[loaded.file])
        if pdf_file is not None and data is not None:
            write_atomic(pdf_file, data, plans=[loaded.file])
    except UsageError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"halaman tidak dapat ditulis: {exc.strerror or exc}")
    smallest = min(p.min_font_pt for p in pages)
    where = " dan ".join(str(x) for x in (svg_dir, pdf_file) if x is not None)
    sys.stderr.write(
        f"pokin: {len(pages)} halaman pohon kinerja {paper} ditulis ke {where}; "
        f"teks terkecil {format_number(round(smallest, 1))} pt.\n"
    )
    raise typer.Exit(1 if any(p.severity == "error" for p in report.problems) else 0)


def _workspace_tree(
    path: str, root: str | None, wanted_files: list[tuple[str, str]], depth: int | None
) -> tuple[str, str | None]:
    """On a workspace folder: print the pemda tree and exit, or zoom into one plan.

    ``--root KODE_PD`` (or ``KODE_PD:ID``) with a diagram file draws that plan;
    on the terminal it prints that PD's part of the pemda tree.
    """
    from pokin.problems import UsageError
    from pokin.source.workspace import find_workspace

    try:
        config = find_workspace(path)
    except UsageError as exc:
        fail(str(exc))
    if config is None:
        return path, root
    files = bool(wanted_files)
    from pokin.check.workspace import check_workspace
    from pokin.render.console import console
    from pokin.render.workspace import pemda_tree

    ws, report = check_workspace(config)
    if files and root:
        kode, _, ident = root.partition(":")
        plan = ws.by_kode.get(kode)
        if plan is None:
            fail(
                f"tidak ada rencana dengan kode_pd '{kode}' di workspace "
                f"(kode_pd yang ada: {', '.join(sorted(ws.by_kode))})"
            )
        return plan.file, ident or None
    if files:
        raise typer.Exit(_write_pemda(ws, wanted_files, depth, report))
    try:
        console().print(pemda_tree(ws, root))
    except UsageError as exc:
        fail(str(exc))
    errors = sum(1 for p in report.problems if p.severity == "error")
    raise typer.Exit(1 if errors else 0)


def _write_pemda(
    ws: Workspace, wanted: list[tuple[str, str]], depth: int | None, report: Report
) -> int:
    """Draw the pemda diagram into every requested file; the exit code."""
    from pokin.atomic import write_atomic
    from pokin.render.graphviz_backend import RendererUnavailable, RenderFailed, render_bytes
    from pokin.render.workspace import pemda_dot

    _check_outputs(str(ws.config.folder), wanted)
    source = pemda_dot(ws, depth)
    rendered: list[tuple[str, str, bytes]] = []
    for fmt, dest in wanted:
        try:
            rendered.append((fmt, dest, render_bytes(source, fmt)))
        except (RendererUnavailable, RenderFailed) as exc:
            fail(str(exc))
    for fmt, dest, data in rendered:
        if dest == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            continue
        try:
            write_atomic(Path(dest), data)
        except OSError as exc:
            fail(f"--{fmt} {dest}: tidak dapat ditulis: {exc.strerror or exc}")
        sys.stderr.write(f"pokin: pohon kinerja pemda ditulis ke {dest}\n")
    return 1 if any(p.severity == "error" for p in report.problems) else 0


def _show_fields(show: str | None) -> frozenset[str]:
    from pokin.render.tree import SHOW_FIELDS

    fields = frozenset(part.strip().lower() for part in (show or "").split(",") if part.strip())
    unknown = sorted(fields - set(SHOW_FIELDS))
    if unknown:
        fail(f"--show tidak mengenal {', '.join(unknown)}; pilihan: {', '.join(SHOW_FIELDS)}")
    return fields


def _check_outputs(plan: str, wanted: list[tuple[str, str]]) -> None:
    """Refuse what cannot work before doing any work."""
    to_stdout = [fmt for fmt, dest in wanted if dest == "-"]
    if len(to_stdout) > 1:
        fail("hanya satu keluaran yang dapat ditulis ke stdout ('-')")
    for fmt, dest in wanted:
        if dest == "-":
            if fmt in ("png", "pdf"):
                fail(f"--{fmt} menulis berkas biner; beri nama berkas, bukan '-'")
            continue
        target = Path(dest)
        if target.is_dir():
            fail(f"--{fmt} {dest}: itu folder; beri nama berkas, misalnya {dest}/pohon.{fmt}")
        if not target.parent.is_dir():
            fail(f"--{fmt} {dest}: folder {target.parent} tidak ada")
        if Path(plan).exists() and target.exists() and target.samefile(plan):
            fail(f"--{fmt} {dest} adalah berkas rencana itu sendiri; pilih nama lain")


#: Above this many boxes a diagram is written with a note that it is hard to read.
READABLE_DIAGRAM_NODES = 2_000
#: Above this many boxes no diagram is drawn (Graphviz's memory would run out).
MAX_DIAGRAM_NODES = 30_000


def _write_outputs(
    loaded: LoadedPlan,
    problems: list[Problem],
    options: DiagramOptions,
    wanted: list[tuple[str, str]],
) -> None:
    """Render every requested format first, then write them (nothing half-written)."""
    from pokin.atomic import write_atomic
    from pokin.render.compose import render_svg_in_parts, shown_count
    from pokin.render.dot import build_dot
    from pokin.render.graphviz_backend import RendererUnavailable, RenderFailed, render_bytes

    shown = shown_count(loaded, problems, options)
    if shown > MAX_DIAGRAM_NODES:
        fail(
            f"diagram terlalu besar untuk digambar ({shown} simpul; batas {MAX_DIAGRAM_NODES}); "
            "gambar sebagian dengan --depth N atau --root ID"
        )
    if shown > READABLE_DIAGRAM_NODES:
        sys.stderr.write(
            f"pokin: diagram berisi {shown} simpul dan sulit dibaca; pertimbangkan "
            "--depth N atau --root ID untuk gambar per cabang\n"
        )
    source: str | None = None  # the whole DOT text, built only when a format needs it
    rendered: list[tuple[str, str, bytes]] = []
    for fmt, dest in wanted:
        try:
            composed = render_svg_in_parts(loaded, problems, options) if fmt == "svg" else None
            if composed is not None:
                data = composed.encode("utf-8")
            else:
                source = source or build_dot(loaded, problems, options)
                data = render_bytes(source, fmt)
            rendered.append((fmt, dest, data))
        except RendererUnavailable as exc:
            fail(str(exc))
        except RenderFailed as exc:
            fail(str(exc))
    for fmt, dest, data in rendered:
        if dest == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            continue
        try:
            write_atomic(Path(dest), data, plans=[loaded.file])
        except OSError as exc:
            fail(f"--{fmt} {dest}: tidak dapat ditulis: {exc.strerror or exc}")
        sys.stderr.write(f"pokin: pohon kinerja ditulis ke {dest}\n")
