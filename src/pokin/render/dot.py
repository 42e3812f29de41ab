"""The pohon kinerja as a Graphviz graph: DOT text built from a loaded plan.

One box per node (its level, id, statement, indicators with the plan year's
target, and the anggaran on program, kegiatan and sub kegiatan), a colour per
level, a legend, and nodes with problems from validation outlined (red for
errors, orange and dashed for warnings).

Labels are plain Graphviz record labels, not HTML-like labels: the
WebAssembly Graphviz build pokin falls back to has no HTML-label support, and
the same DOT must render the same way everywhere. Every character of plan
text goes through :func:`record_text`, so nothing in a plan can change the
graph's structure.

The DOT text depends only on the plan, the problems and the options — nodes
in file order, no memory addresses, no timestamps — so it is byte-identical
across runs and machines.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Iterator
from typing import Any

from pokin.levels import BY_KEY, LEVEL_KEYS, LEVEL_WORD
from pokin.model import Indikator
from pokin.numbers import format_rupiah
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import Problem, UsageError
from pokin.views.rollup import budget_rollup
from pokin.views.tree import (
    RANKDIRS,
    DiagramOptions,
    TreeView,
    anggaran_text,
    target_text,
    tree_view,
)

ERROR_COLOUR = "#C00000"
WARNING_COLOUR = "#ED7D31"
EDGE_COLOUR = "#7F7F7F"
FONT = "Arial"

STATEMENT_WIDTH = 34
#: At most this many stacked sub kegiatan per column before a new column starts.
STACK_HEIGHT = 6
DETAIL_WIDTH = 42


# ------------------------------------------------------------------ text


#: Control characters (Unicode Cc other than the line break), surrogates (Cs),
#: and the non-characters U+FFFE/U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text with control characters (other than line breaks) made visible as '�'.

    A tab becomes a space. One regular expression pass (linear, in C).
    """
    return _UNPRINTABLE.sub(_unprintable, text)


def _unprintable(match: re.Match[str]) -> str:
    return " " if match.group() == "\t" else "\ufffd"


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters (line breaks in the text are kept)."""
    lines: list[str] = []
    for paragraph in clean_text(text).splitlines() or [""]:
        lines.extend(
            textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False) or [""]
        )
    return lines


_RECORD_SPECIAL = frozenset('\\"{}|<>')
_RECORD_ESCAPES = {ord(ch): "\\" + ch for ch in _RECORD_SPECIAL}


def record_text(line: str) -> str:
    """One line of text made literal inside a quoted DOT record label.

    Backslashes, quotes and the record syntax characters ``{}|<>`` are
    escaped and ``&`` becomes ``&amp;`` (Graphviz reads entities); a blank
    line becomes a hard space so that it keeps its height.
    """
    # Graphviz decodes HTML entities such as "&amp;" even in plain labels
    escaped = line.replace("&", "&amp;").translate(_RECORD_ESCAPES)
    return escaped.replace(" ", "\u00a0") if not escaped.strip() else escaped


def plain_text(line: str) -> str:
    """One line of text made literal inside a quoted plain (non-record) DOT label."""
    line = line.replace("&", "&amp;")
    return "".join("\\" + ch if ch in '\\"' else ch for ch in line)


def _lines(lines: list[str], align: str) -> str:
    """Record field text: each line escaped, ended by ``\\n`` (centred) or ``\\l`` (left)."""
    return "".join(record_text(line) + align for line in lines)


# ----------------------------------------------------------------- labels


def indicator_lines(ind: Indikator, tahun: int, width: int = DETAIL_WIDTH) -> list[str]:
    """An indicator as wrapped lines: '• uraian: target'."""
    target = target_text(ind, tahun)
    text = f"{ind.uraian}: {target}" if target else ind.uraian
    wrapped = wrap(text, width - 2)
    return ["• " + wrapped[0], *("\u00a0\u00a0" + line for line in wrapped[1:])]


def problem_text(problems: list[Problem]) -> list[str]:
    """'GALAT: B101' / 'PERINGATAN: C203, I101' lines for a box."""
    lines = []
    for severity, word in (("error", "GALAT"), ("warning", "PERINGATAN")):
        codes = sorted({p.code for p in problems if p.severity == severity})
        if codes:
            lines.extend(wrap(f"{word}: {', '.join(codes)}", DETAIL_WIDTH))
    return lines


def node_label(view: TreeView, ref: NodeRef, vertical: bool) -> str:
    """The record label of one box: header and statement | indicators | anggaran | problems."""
    tahun = view.plan.model.tahun
    kode = getattr(ref.node, "kode", None)
    header = f"{kode} · {ref.id}" if kode else f"{LEVEL_WORD[ref.level].upper()} · {ref.id}"
    if ref.virtual:  # a partial plan: the document itself stands at the top
        header = view.plan.kind.label.upper()
    header = " ".join(clean_text(header).split())  # kode is cleaned like the statement
    fields = [_lines([header, *wrap(ref.node.kinerja, STATEMENT_WIDTH)], "\\n")]
    details = [line for ind in ref.node.indikator for line in indicator_lines(ind, tahun)]
    if details:
        fields.append(_lines(details, "\\l"))
    anggaran = anggaran_text(view.plan, ref)
    hidden = view.hidden(ref)
    extra = [f"Anggaran: {anggaran}"] if anggaran else []
    if hidden:
        child_level = ref.children[0].level
        extra.append(f"+{hidden} {LEVEL_WORD[child_level]} tidak ditampilkan")
    if extra:
        fields.append(_lines(extra, "\\n"))
    problems = problem_text(view.problems_of(ref))
    if problems:
        fields.append(_lines(problems, "\\n"))
    body = "|".join(fields)
    return "{" + body + "}" if vertical else body


# ------------------------------------------------------------------ graph


def build_dot(
    plan: LoadedPlan, problems: list[Problem], options: DiagramOptions = DiagramOptions()
) -> str:
    """The DOT text of the pohon kinerja (byte-identical for the same input)."""
    view, graph, names, vertical = _start_graph(plan, problems, options)
    for ref in view.walk():
        _add_node(graph, view, ref, names[id(ref)], vertical)
    for ref in view.walk():
        _add_edges(graph, view, ref, names, vertical)
    _add_crosscutting(graph, view, names)
    _add_legend(graph, view, problems, options.rankdir.upper())
    return str(graph.source)


def build_dot_parts(
    plan: LoadedPlan, problems: list[Problem], options: DiagramOptions = DiagramOptions()
) -> tuple[str, list[str]]:
    """The diagram in parts that Graphviz lays out one by one: (head, branches).

    The head holds the title, the root box and the legend (counted over the
    whole diagram); each branch one child of the root with everything shown
    under it, its top box first. Graphviz's layout time grows much faster
    than the number of boxes, so parts laid out separately and composed
    (:mod:`pokin.render.compose`) take a fraction of the whole.
    """
    view, head, names, vertical = _start_graph(plan, problems, options)
    _add_node(head, view, view.root, names[id(view.root)], vertical)
    _add_legend(head, view, problems, options.rankdir.upper())
    branches = []
    for child in view.children(view.root):
        graph = _new_graph(view, options.rankdir.upper(), title=False)
        subtree = list(_walk_from(view, child))
        for ref in subtree:
            _add_node(graph, view, ref, names[id(ref)], vertical)
        for ref in subtree:
            _add_edges(graph, view, ref, names, vertical)
        branches.append(str(graph.source))
    return str(head.source), branches


def _walk_from(view: TreeView, top: NodeRef) -> Iterator[NodeRef]:
    """Shown nodes under ``top`` (itself first), in file order."""
    stack = [top]
    while stack:
        ref = stack.pop()
        yield ref
        stack.extend(reversed(view.children(ref)))


def _start_graph(
    plan: LoadedPlan, problems: list[Problem], options: DiagramOptions
) -> tuple[TreeView, Any, dict[int, str], bool]:
    """The view, an empty graph with pokin's attributes, node names, and orientation."""
    rankdir = options.rankdir.upper()
    if rankdir not in RANKDIRS:
        raise UsageError(f"--rankdir harus salah satu dari {', '.join(RANKDIRS)}")
    view = tree_view(plan, problems, options)
    graph = _new_graph(view, rankdir, title=True)
    return view, graph, _node_names(view), rankdir in ("TB", "BT")


def _new_graph(view: TreeView, rankdir: str, title: bool) -> Any:
    """An empty graph with pokin's attributes (and the title, if asked)."""
    import graphviz

    plan = view.plan
    graph = graphviz.Digraph("pohon_kinerja")
    labels = {}
    if title:
        text = f"Pohon Kinerja {plan.model.perangkat_daerah} Tahun {plan.model.tahun}"
        if view.root is not plan.root:
            text += f" (cabang {view.root.id})"
        label = "".join(plain_text(line) + "\\n" for line in wrap(text, 90))
        labels = {"label": graphviz.nohtml(label), "labelloc": "t"}
    graph.attr(
        "graph",
        rankdir=rankdir,
        **labels,
        fontname=FONT,
        fontsize="30",
        fontcolor="#1F4E79",
        bgcolor="white",
        pad="0.3",
        nodesep="0.25",
        ranksep="0.45",
        compound="true",
        newrank="true",
    )
    graph.attr("node", shape="Mrecord", style="filled", fontname=FONT, margin="0.12,0.06")
    graph.attr("edge", color=EDGE_COLOUR, penwidth="1.3", dir="none")
    return graph


def _add_crosscutting(graph: object, view: TreeView, names: dict[int, str]) -> None:
    """A dashed edge from each node to the other PD's node (or mitra) it works with."""
    import graphviz

    assert isinstance(graph, graphviz.Digraph)
    partners: dict[str, str] = {}
    for ref in view.walk():
        for link in ref.node.crosscutting:
            target = link.ke or f"mitra: {link.mitra}"
            name = partners.get(target)
            if name is None:
                name = partners[target] = f"crosscutting~{len(partners) + 1}"
                graph.node(
                    name,
                    label=graphviz.nohtml(plain_text(target)),
                    shape="box",
                    style="dashed,rounded",
                    fillcolor="white",
                )
            graph.edge(
                names[id(ref)],
                name,
                label=graphviz.nohtml(plain_text(link.peran)),
                style="dashed",
                dir="both",
                constraint="false",
                fontname=FONT,
                fontsize="9",
            )


def _node_names(view: TreeView) -> dict[int, str]:
    """A unique DOT name per shown node: its id, with '~2', '~3' for duplicates."""
    names: dict[int, str] = {}
    used: dict[str, int] = {}
    for ref in view.walk():
        count = used.get(ref.id, 0) + 1
        used[ref.id] = count
        names[id(ref)] = ref.id if count == 1 else f"{ref.id}~{count}"
    return names


def _add_node(graph: object, view: TreeView, ref: NodeRef, name: str, vertical: bool) -> None:
    import graphviz

    style = BY_KEY[ref.level].style
    attrs = {
        "fillcolor": style.fill,
        "color": style.border,
        "fontcolor": style.font,
        "fontsize": str(style.fontsize),
        "penwidth": "1.2",
    }
    severities = {p.severity for p in view.problems_of(ref)}
    if "error" in severities:
        attrs.update(color=ERROR_COLOUR, penwidth="4")
    elif "warning" in severities:
        attrs.update(color=WARNING_COLOUR, penwidth="3", style="filled,dashed")
    assert isinstance(graph, graphviz.Digraph)
    graph.node(name, label=graphviz.nohtml(node_label(view, ref, vertical)), **attrs)


def _add_edges(
    graph: object, view: TreeView, ref: NodeRef, names: dict[int, str], vertical: bool
) -> None:
    """Edges to the children; top-down, a node's leaf children are stacked in a frame."""
    import graphviz

    assert isinstance(graph, graphviz.Digraph)
    children = view.children(ref)
    if not children:
        return
    parent = names[id(ref)]
    # stack the real leaves (not nodes whose children the depth limit hides)
    stack = vertical and all(not child.children for child in children)
    if not stack:
        for child in children:
            graph.edge(parent, names[id(child)])
        return
    stack_frame(graph, f"cluster~{parent}", parent, [names[id(c)] for c in children], STACK_HEIGHT)


def stack_frame(graph: object, frame: str, parent: str, children: list[str], height: int) -> None:
    """``children`` (node names) stacked in balanced columns of at most ``height`` in a frame."""
    import graphviz

    assert isinstance(graph, graphviz.Digraph)
    with graph.subgraph(name=frame) as sub:
        sub.attr(style="rounded,filled", color="#D9D9D9", fillcolor="#FAFAFA", label="")
        per_column = -(-len(children) // -(-len(children) // height))  # balanced
        columns = [children[i : i + per_column] for i in range(0, len(children), per_column)]
        for column in columns:
            for child in column:
                sub.node(child)
            for upper, lower in itertools.pairwise(column):
                sub.edge(upper, lower, style="invis")
        if len(columns) > 1:
            with sub.subgraph() as tops:
                tops.attr(rank="same")
                for column in columns:
                    tops.node(column[0])
    graph.edge(parent, children[0], lhead=frame)


def _add_legend(graph: object, view: TreeView, problems: list[Problem], view_rankdir: str) -> None:
    """Keterangan: one swatch per level shown, problem counts and the total anggaran."""
    import graphviz

    assert isinstance(graph, graphviz.Digraph)
    shown = list(view.walk())
    levels = [level for level in LEVEL_KEYS if any(ref.level == level for ref in shown)]
    error_nodes = [r for r in shown if any(p.severity == "error" for p in view.problems_of(r))]
    warning_nodes = [
        r
        for r in shown
        if r not in error_nodes and any(p.severity == "warning" for p in view.problems_of(r))
    ]
    shown_ids = {id(r) for r in shown}
    outside = [
        p
        for p in problems
        if p.node is None
        or p.node not in view.plan.by_id
        or id(view.plan.by_id[p.node]) not in shown_ids
    ]
    with graph.subgraph(name="cluster~legend") as legend:
        legend.attr(
            label="Keterangan",
            fontname=FONT,
            fontsize="18",
            fontcolor="#404040",
            style="rounded",
            color="#BFBFBF",
            labeljust="l",
        )
        legend.attr("node", shape="box", style="rounded,filled", fontsize="14", margin="0.15,0.06")
        items: list[str] = []
        for level in levels:
            style = BY_KEY[level].style
            name = f"legend~{level}"
            legend.node(
                name,
                label=graphviz.nohtml(plain_text(BY_KEY[level].legend)),
                fillcolor=style.fill,
                color=style.border,
                fontcolor=style.font,
            )
            items.append(name)
        n_err = sum(1 for p in problems if p.severity == "error")
        n_warn = sum(1 for p in problems if p.severity == "warning")
        if n_err or n_warn:
            legend.node(
                "legend~errors",
                label=f"Simpul dengan galat: {len(error_nodes)}",
                fillcolor="white",
                color=ERROR_COLOUR,
                penwidth="4",
            )
            legend.node(
                "legend~warnings",
                label=f"Simpul dengan peringatan: {len(warning_nodes)}",
                fillcolor="white",
                color=WARNING_COLOUR,
                penwidth="4",
                style="rounded,filled,dashed",
            )
            items += ["legend~errors", "legend~warnings"]
            note = f"Hasil pokin validate: {n_err} galat, {n_warn} peringatan"
            if outside:
                note += f"\\n({len(outside)} di luar diagram)"
        else:
            note = "Hasil pokin validate: tidak ada masalah"
        total = budget_rollup(view.plan).by_id.get(view.root.id)
        lines = [note]
        if total is not None and total.ref is view.root:
            amount = total.effective.get(view.plan.model.tahun)
            if amount is not None:
                lines.append(f"Total anggaran: {format_rupiah(amount)}")
        legend.node(
            "legend~summary",
            label="\\n".join(lines),
            shape="plaintext",
            style="",
            fontcolor="#404040",
        )
        items.append("legend~summary")
        with legend.subgraph() as row:
            row.attr(rank="same")
            for name in items:
                row.node(name)
        if view_rankdir == "LR":  # flat edges run bottom-up there
            items.reverse()
        for left, right in itertools.pairwise(items):
            legend.edge(left, right, style="invis")
