"""The pohon kinerja on the terminal: a rich tree, one colour per level."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pokin.levels import BY_KEY, LEVEL_WORD
from pokin.plan import NodeRef
from pokin.problems import Problem
from pokin.views.tree import TreeView, anggaran_text, target_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text
    from rich.tree import Tree

#: Details ``--show`` can add under each node.
SHOW_FIELDS: tuple[str, ...] = ("indikator", "target", "anggaran", "pj")


def build_tree(view: TreeView, show: frozenset[str] = frozenset()) -> Tree:
    """A rich Tree of the shown nodes; plan text is never read as markup."""
    from rich.tree import Tree

    top = Tree(_label(view, view.root, show), guide_style="dim")
    pending: list[tuple[NodeRef, Tree]] = [(view.root, top)]
    while pending:
        ref, branch = pending.pop()
        for child in view.children(ref):
            pending.append((child, branch.add(_label(view, child, show))))
    return top


def _label(view: TreeView, ref: NodeRef, show: frozenset[str]) -> RenderableType:
    """The node's header line, and under it (indented) the details asked for."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    from pokin.render.console import visible

    colour = BY_KEY[ref.level].style.console
    if ref.virtual:  # a partial plan: the document itself stands at the top
        kind = view.plan.kind
        return Text.assemble((kind.label.upper(), colour), "  ", ref.node.kinerja)
    text = Text.assemble(
        (LEVEL_WORD[ref.level].upper(), colour),
        " ",
        (ref.id, f"{colour} not bold"),
        "  ",
        visible(ref.node.kinerja.replace("\n", " ")),
    )
    _append_problems(text, view.problems_of(ref))
    details = _details(view, ref, show)
    if not details:
        return text
    return Group(text, *(Padding(line, (0, 0, 0, 2), expand=False) for line in details))


def _details(view: TreeView, ref: NodeRef, show: frozenset[str]) -> list[Text]:
    """One Text per detail line (each wraps under its own indent)."""
    from rich.text import Text

    from pokin.render.console import visible

    lines: list[Text] = []
    tahun = view.plan.model.tahun
    if show & {"indikator", "target"}:
        for ind in ref.node.indikator:
            line = Text.assemble(("• ", "dim"), visible(ind.uraian.replace("\n", " ")))
            target = target_text(ind, tahun) if "target" in show else None
            if target:
                line.append(f": {visible(target)}", style="bold")
            lines.append(line)
    if "anggaran" in show:
        anggaran = anggaran_text(view.plan, ref)
        if anggaran:
            lines.append(Text.assemble(("Anggaran: ", "dim"), (anggaran, "bold")))
    if "pj" in show:
        owner = ref.owner()
        if owner:
            jabatan = view.plan.jabatan_by_id.get(owner)
            line = Text.assemble(("pj: ", "dim"), owner)
            if jabatan is not None:
                line.append(f" ({visible(jabatan.nama)})", style="dim")
            if not ref.node.pj:
                line.append(" — dari atasan", style="dim italic")
            lines.append(line)
    hidden = view.hidden(ref)
    if hidden:
        level = LEVEL_WORD[ref.children[0].level]
        lines.append(Text(f"… +{hidden} {level} tidak ditampilkan", style="dim"))
    return lines


def _append_problems(text: Text, problems: list[Problem]) -> None:
    for severity, mark, style in (("error", "✗", "bold red"), ("warning", "!", "yellow")):
        codes = sorted({p.code for p in problems if p.severity == severity})
        if codes:
            text.append(f"  {mark} {', '.join(codes)}", style=style)


def summary(view: TreeView, problems: list[Problem]) -> str:
    """'68 simpul · rencana ini: 0 galat, 14 peringatan (lihat pokin validate)'."""
    nodes = sum(1 for _ in view.walk())
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = sum(1 for p in problems if p.severity == "warning")
    if not errors and not warnings:
        return f"{nodes} simpul · rencana ini tidak bermasalah"
    return (
        f"{nodes} simpul · rencana ini: {errors} galat, {warnings} peringatan "
        "(lihat pokin validate)"
    )


def print_tree(
    view: TreeView,
    problems: list[Problem],
    show: frozenset[str] = frozenset(),
    out: Console | None = None,
) -> None:
    """Print the tree and a one-line summary."""
    from pokin.render.console import console

    if out is None:
        out = console()
        out.soft_wrap = False  # wrap long statements inside the tree guides
    out.print(build_tree(view, show))
    out.print(summary(view, problems), style="dim")
