"""Rendering workspace views: the pemda budget, the coverage page and the pemda tree.

Plan text is only ever text here: control characters are dropped for the
terminal, HTML is escaped, Markdown specials are escaped, and a CSV cell that a
spreadsheet would read as a formula is quoted.
"""

from __future__ import annotations

import csv
import html
import io
import json
import unicodedata
from typing import TYPE_CHECKING

from pokin.numbers import format_number, format_rupiah

if TYPE_CHECKING:
    from rich.tree import Tree

    from pokin.source.workspace import Workspace
    from pokin.views.workspace import Coverage, CrossLink, WorkspaceBudget

_BY_TITLE = {
    "pd": ("per perangkat daerah", "Kode PD", "Perangkat daerah"),
    "urusan": ("per urusan/bidang (dari kode)", "Urusan/bidang", "Perangkat daerah"),
    "program": ("per kode program", "Kode program", "Program"),
}


def plain(value: object) -> str:
    """Plan text as one line of plain text (control characters become spaces)."""
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in str(value))
    return " ".join(text.split())


def _md(value: object) -> str:
    from pokin.render.documents import md_escape

    return str(md_escape(plain(value)))


def _csv_cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _line_name(budget: WorkspaceBudget, name: str, plans: list[str]) -> str:
    if budget.by == "urusan" or not name:
        return ", ".join(plans)
    return name


# ------------------------------------------------------------------------ budget


def budget_human(budget: WorkspaceBudget) -> str:
    """The pemda budget as an aligned text table with the pemda total."""
    what, key_head, name_head = _BY_TITLE[budget.by]
    rows = [
        (plain(line.key), plain(_line_name(budget, line.name, line.plans)), line.amount)
        for line in budget.lines
    ]
    key_w = max([len(key_head), *(len(r[0]) for r in rows)])
    name_w = min(70, max([len(name_head), *(len(r[1]) for r in rows)]))
    amount_w = max(20, len(format_rupiah(budget.total)))
    out = [f"Anggaran {plain(budget.title)}, tahun {budget.year}, {what}", ""]
    out.append(f"  {key_head:<{key_w}}  {name_head:<{name_w}}  {'Anggaran':>{amount_w}}  Porsi")
    out.append("  " + "─" * (key_w + name_w + amount_w + 12))
    for key, name, amount in rows:
        share = format_number(amount * 100 / budget.total, 2) + "%" if budget.total else "-"
        out.append(
            f"  {key:<{key_w}}  {name[:name_w]:<{name_w}}  {format_rupiah(amount):>{amount_w}}"
            f"  {share}"
        )
    out.append("  " + "─" * (key_w + name_w + amount_w + 12))
    label = "Total pemda"
    out.append(f"  {label:<{key_w + name_w + 2}}  {format_rupiah(budget.total):>{amount_w}}")
    for kode, amount in budget.not_added:
        if not amount:
            continue
        out.append(
            f"\nPagu indikatif {plain(kode)} ({format_rupiah(amount)}) tidak dijumlahkan: "
            "program RPJMD dilaksanakan dan dianggarkan oleh perangkat daerah."
        )
    if budget.mismatched:
        out.append(
            "\n✗ Anggaran tertulis tidak sama dengan jumlah rinciannya di: "
            + ", ".join(plain(k) for k in budget.mismatched)
            + " (lihat pokin budget BERKAS)."
        )
    return "\n".join(out)


def budget_md(budget: WorkspaceBudget) -> str:
    """The pemda budget as a Markdown table."""
    what, key_head, name_head = _BY_TITLE[budget.by]
    out = [
        f"## Anggaran {_md(budget.title)}, tahun {budget.year}, {what}",
        "",
        f"| {key_head} | {name_head} | Anggaran |",
        "|---|---|---:|",
    ]
    for line in budget.lines:
        name = _line_name(budget, line.name, line.plans)
        out.append(f"| {_md(line.key)} | {_md(name)} | {format_rupiah(line.amount)} |")
    out.append(f"| **Total pemda** | | **{format_rupiah(budget.total)}** |")
    return "\n".join(out) + "\n"


def budget_json(budget: WorkspaceBudget) -> str:
    """The pemda budget as JSON."""
    return json.dumps(
        {
            "pemda": budget.title,
            "tahun": budget.year,
            "by": budget.by,
            "lines": [
                {"key": ln.key, "name": ln.name, "anggaran": ln.amount, "plans": ln.plans}
                for ln in budget.lines
            ],
            "total": budget.total,
            "not_added": [{"kode_pd": k, "anggaran": a} for k, a in budget.not_added],
            "mismatched": budget.mismatched,
        },
        ensure_ascii=False,
        indent=2,
    )


def budget_csv(budget: WorkspaceBudget) -> str:
    """The pemda budget as ``;``-separated CSV (UTF-8 with BOM), total last."""
    _, key_head, name_head = _BY_TITLE[budget.by]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow([key_head, name_head, "Anggaran", "PD"])
    for line in budget.lines:
        name = _line_name(budget, line.name, line.plans)
        writer.writerow(
            [_csv_cell(line.key), _csv_cell(name), line.amount, _csv_cell(" ".join(line.plans))]
        )
    writer.writerow(["total", "Total pemda", budget.total, ""])
    return "\ufeff" + buf.getvalue()


BUDGET_RENDERERS = {"human": budget_human, "md": budget_md, "json": budget_json, "csv": budget_csv}


# ---------------------------------------------------------------------- coverage


def _pct(part: int, whole: int) -> str:
    return "-" if not whole else format_number(part * 100 / whole, 1) + "%"


def _cross(link: CrossLink, incoming: bool) -> str:
    if incoming:
        return f"{link.plan}:{link.node} → {link.to}: {link.peran}"
    return f"{link.plan}:{link.node} → {link.to}: {link.peran}"


def _coverage_cells(row: Coverage) -> list[str]:
    return [
        row.kode_pd,
        row.perangkat_daerah,
        row.dokumen,
        str(row.nodes),
        _pct(row.with_indikator, row.nodes),
        _pct(row.with_target, row.indikator),
        _pct(row.with_pj, row.nodes),
        _pct(row.anggaran_measured, row.anggaran),
        f"{row.csf_linked}/{row.csf}" if row.csf and row.dokumen != "rpjmd" else "-",
        str(len(row.cross_out)),
        str(len(row.cross_in)),
        str(row.problems),
    ]


_COVERAGE_HEAD = [
    "Kode PD",
    "Perangkat daerah",
    "Dokumen",
    "Node",
    "Berindikator",
    "Indikator bertarget",
    "Ber-pj",
    "Anggaran terukur",
    "CSF → RPJMD",
    "Crosscutting keluar",
    "Crosscutting masuk",
    "Masalah",
]


def coverage_md(title: str, rows: list[Coverage]) -> str:
    """The coverage page of a workspace in Markdown: one row per PD, then crosscutting."""
    out = [
        f"# Cakupan rencana {_md(title)}",
        "",
        "Porsi node yang mempunyai indikator, indikator yang bertarget, node yang mempunyai "
        "penanggung jawab (pj sendiri atau induknya), anggaran baris yang terhubung ke "
        "kinerja terukur (sub kegiatan berindikator), CSF yang menyebut sasaran RPJMD, "
        "dan crosscutting keluar/masuk.",
        "",
        "| " + " | ".join(_COVERAGE_HEAD) + " |",
        "|" + "---|" * 3 + "---:|" * (len(_COVERAGE_HEAD) - 3),
    ]
    for row in rows:
        out.append("| " + " | ".join(_md(c) for c in _coverage_cells(row)) + " |")
    out += ["", "## Crosscutting: siapa bergantung pada siapa", ""]
    any_link = False
    for row in rows:
        for link in row.cross_out:
            any_link = True
            owner = f" (pj {_md(link.owner)})" if link.owner else ""
            out.append(
                f"- {_md(link.plan)}:{_md(link.node)}{owner} → {_md(link.to)}"
                f"{' (mitra di luar workspace)' if link.outside else ''}: {_md(link.peran)}"
            )
    if not any_link:
        out.append("Tidak ada crosscutting.")
    return "\n".join(out) + "\n"


def coverage_html(title: str, rows: list[Coverage]) -> str:
    """The coverage page of a workspace as a standalone HTML page."""
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in _COVERAGE_HEAD)
    body = "".join(
        "<tr>" + "".join(f"<td>{e(plain(c))}</td>" for c in _coverage_cells(row)) + "</tr>"
        for row in rows
    )
    links = "".join(
        f"<li>{e(plain(link.plan))}:{e(plain(link.node))} → {e(plain(link.to))}"
        f"{' (mitra di luar workspace)' if link.outside else ''}: {e(plain(link.peran))}</li>"
        for row in rows
        for link in row.cross_out
    )
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>Cakupan rencana {e(plain(title))}</title>"
        "<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:.3rem .5rem}td:nth-child(n+4){text-align:right}"
        "</style></head><body>"
        f"<h1>Cakupan rencana {e(plain(title))}</h1>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "<h2>Crosscutting: siapa bergantung pada siapa</h2>"
        f"<ul>{links or '<li>Tidak ada crosscutting.</li>'}</ul>"
        "</body></html>\n"
    )


# --------------------------------------------------------------------- pemda tree


def pemda_tree(ws: Workspace, root: str | None = None) -> Tree:
    """The pemda tree: RPJMD tujuan → sasaran → each PD's CSF → …; crosscutting as ⇢ lines.

    ``root`` zooms into one PD (``KODE_PD``) or one node (``KODE_PD:ID``).
    """
    from rich.text import Text
    from rich.tree import Tree

    from pokin.model import Csf
    from pokin.plan import NodeRef

    plans = ws.by_kode

    def label(kode: str, ref: NodeRef) -> Text:
        from pokin.levels import BY_KEY, LEVEL_WORD

        colour = BY_KEY[ref.level].style.console
        return Text.assemble(
            (f"[{kode}] ", "dim"),
            (LEVEL_WORD[ref.level].upper(), colour),
            " ",
            (ref.id, f"{colour} not bold"),
            "  ",
            plain(ref.node.kinerja),
        )

    def grow(branch: Tree, kode: str, ref: NodeRef) -> None:
        for link in ref.node.crosscutting:
            to = link.ke or f"{link.mitra} (mitra)"
            branch.add(
                Text.assemble(("⇢ crosscutting ", "italic"), plain(to), " — ", plain(link.peran))
            )
        for child in ref.children:
            grow(branch.add(label(kode, child)), kode, child)

    if root:
        kode, _, ident = root.partition(":")
        plan = plans.get(kode)
        if plan is None:
            from pokin.problems import UsageError

            raise UsageError(f"tidak ada rencana dengan kode_pd '{kode}' di workspace")
        tops = plan.roots
        if ident:
            found = plan.by_id.get(ident)
            if found is None:
                from pokin.problems import UsageError

                raise UsageError(f"rencana '{kode}' tidak mempunyai node '{ident}'")
            tops = [found]
        tree = Tree(Text(plain(plan.model.perangkat_daerah), "bold"))
        for ref in tops:
            grow(tree.add(label(kode, ref)), kode, ref)
        return tree

    tree = Tree(Text(plain(ws.title), "bold"))
    rpjmd = ws.rpjmd
    served: dict[str, list[tuple[str, NodeRef]]] = {}
    for plan in ws.plans:
        for ref in plan.level_nodes("csf"):
            if isinstance(ref.node, Csf) and ref.node.rpjmd and plan is not rpjmd:
                served.setdefault(ref.node.rpjmd, []).append((plan.model.kode_pd or "", ref))
    linked: set[int] = set()
    if rpjmd is not None:
        rkode = rpjmd.model.kode_pd or "pemda"
        for top in rpjmd.roots:
            branch = tree.add(label(rkode, top))
            stack: list[tuple[Tree, NodeRef]] = [(branch, top)]
            while stack:
                at, ref = stack.pop(0)
                for child in ref.children:
                    child_branch = at.add(label(rkode, child))
                    stack.append((child_branch, child))
                for kode, csf in served.get(f"{rkode}:{ref.id}", []):
                    linked.add(id(csf))
                    grow(at.add(label(kode, csf)), kode, csf)
    rest = [p for p in ws.plans if p is not rpjmd]
    loose = tree.add(Text("Tidak terhubung ke sasaran RPJMD", "italic")) if rest else None
    shown = False
    for plan in rest:
        kode = plan.model.kode_pd or plan.file
        for ref in plan.roots:
            # an outcome's linked CSFs hang under their RPJMD sasaran
            tops = ref.children if ref.level == "outcome" else [ref]
            for top in tops:
                if id(top) in linked:
                    continue
                assert loose is not None
                shown = True
                grow(loose.add(label(kode, top)), kode, top)
    if loose is not None and not shown:
        tree.children.remove(loose)
    return tree


# ------------------------------------------------------------------ pemda diagram


def pemda_dot(ws: Workspace, depth: int | None = None) -> str:
    """The pemda's pohon kinerja as DOT: the RPJMD on top, each PD as a cluster under the
    sasaran its CSFs serve, crosscutting links as dashed edges between the PDs' nodes.

    ``depth`` limits each PD's levels below its top nodes (``None``: all).
    """
    import graphviz

    from pokin.levels import BY_KEY, LEVEL_WORD
    from pokin.model import Csf
    from pokin.plan import NodeRef
    from pokin.render.dot import EDGE_COLOUR, FONT, plain_text, wrap

    graph = graphviz.Digraph("pohon_kinerja_pemda")
    graph.attr(
        "graph",
        rankdir="TB",
        label=graphviz.nohtml(plain_text(f"Pohon Kinerja {plain(ws.title)}")),
        labelloc="t",
        fontname=FONT,
        fontsize="28",
        fontcolor="#1F4E79",
        compound="true",
        nodesep="0.25",
        ranksep="0.5",
    )
    graph.attr("node", shape="box", style="filled,rounded", fontname=FONT, margin="0.12,0.06")
    graph.attr("edge", color=EDGE_COLOUR, penwidth="1.3", dir="none")

    def name(kode: str, ident: str) -> str:
        return f"{kode}~{ident}"  # "~" is in no id; ":" would be read as a DOT port

    def ref_name(target: str) -> str:
        return target.replace(":", "~", 1)

    def box(target: object, kode: str, ref: NodeRef) -> None:
        style = BY_KEY[ref.level].style
        lines = [f"{LEVEL_WORD[ref.level].upper()} · {ref.id}", *wrap(ref.node.kinerja, 34)]
        target.node(  # type: ignore[attr-defined]
            name(kode, ref.id),
            label=graphviz.nohtml("\\n".join(plain_text(line) for line in lines)),
            fillcolor=style.fill,
            color=style.border,
            fontcolor=style.font,
            fontsize=str(style.fontsize),
        )

    shown: set[str] = set()

    def subtree(target: object, kode: str, ref: NodeRef, level: int) -> None:
        box(target, kode, ref)
        shown.add(name(kode, ref.id))
        if depth is not None and level >= depth:
            return
        for child in ref.children:
            subtree(target, kode, child, level + 1)
            graph.edge(name(kode, ref.id), name(kode, child.id))

    rpjmd = ws.rpjmd
    for plan in ws.plans:
        kode = plan.model.kode_pd or plan.file
        tops = [c for r in plan.roots for c in (r.children if r.level == "outcome" else [r])]
        if plan is rpjmd:
            for ref in plan.roots:
                subtree(graph, kode, ref, 0)
            continue
        with graph.subgraph(name=f"cluster_{kode}") as cluster:
            cluster.attr(
                label=graphviz.nohtml(plain_text(plain(plan.model.perangkat_daerah))),
                style="rounded,dashed",
                color="#7F7F7F",
                fontname=FONT,
            )
            for ref in tops:
                subtree(cluster, kode, ref, 0)
        for ref in tops:
            if isinstance(ref.node, Csf) and ref.node.rpjmd and ref_name(ref.node.rpjmd) in shown:
                graph.edge(ref_name(ref.node.rpjmd), name(kode, ref.id))
    for plan in ws.plans:
        kode = plan.model.kode_pd or plan.file
        for ref in plan.nodes:
            for link in ref.node.crosscutting:
                here = name(kode, ref.id)
                there = ref_name(link.ke) if link.ke else ""
                if there in shown and here in shown and here < there:
                    graph.edge(
                        here,
                        there,
                        label=graphviz.nohtml(plain_text(plain(link.peran))),
                        style="dashed",
                        dir="both",
                        constraint="false",
                        fontname=FONT,
                        fontsize="9",
                    )
    return str(graph.source)
