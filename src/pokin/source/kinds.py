"""The shape a document kind asks of a plan: where it starts and how deep it goes.

Checked right after the schema: a plan of the wrong shape cannot be indexed as
a tree, so these are schema problems (S002 a missing first list, S004 a list
the kind does not hold).
"""

from __future__ import annotations

from typing import Any

from pokin.levels import LEVEL_WORD, TOP_KEYS, document_kind
from pokin.model import Plan
from pokin.problems import Path, Problem
from pokin.source.parse import Document


def shape_problems(model: Plan, doc: Document) -> list[Problem]:
    """Problems of a plan whose top-level lists do not fit its ``dokumen``."""
    kind = document_kind(model.dokumen)
    problems: list[Problem] = []

    def add(code: str, message: str, path: Path, key: bool = True) -> None:
        line, column = doc.position(path, key)
        problems.append(Problem(code, "error", message, doc.file, line, column, None, path))

    tops = [key for key in TOP_KEYS[1:] if getattr(model, key)]
    if model.outcome is not None:
        extra = [key for key in tops if key != "csf"]
        for key in extra:
            add(
                "S004",
                f"Daftar '{key}' di tingkat teratas tidak boleh bersama 'outcome': rencana "
                f"dimulai dari satu tingkat; letakkan {LEVEL_WORD[key]} di bawah induknya.",
                (key,),
            )
        first = "outcome"
    elif tops:
        first = tops[0]
        for key in tops[1:]:
            add(
                "S004",
                f"Rencana ini dimulai dari '{first}'; daftar '{key}' di tingkat teratas tidak "
                f"boleh bersamanya. Letakkan {LEVEL_WORD[key]} di bawah induknya.",
                (key,),
            )
    else:
        need = kind.top[0]
        add(
            "S002",
            f"Kunci wajib '{need}' tidak ada di tingkat teratas"
            + (
                f" (dokumen {kind.key} dimulai dari {need})." if kind.key != "penjenjangan" else "."
            ),
            (),
            False,
        )
        return problems
    if first not in kind.top:
        allowed = " atau ".join(f"'{k}'" for k in kind.top)
        add(
            "S004",
            f"Dokumen {kind.key} ({kind.label}) dimulai dari {allowed}, bukan '{first}'; "
            "ubah 'dokumen' atau susunannya.",
            (first,),
        )
    for path, node_id in _nested_induk(model, first):
        add(
            "S004",
            f"'induk' hanya ditulis pada node teratas rencana ini ('{first}'); node "
            f"'{node_id}' sudah berada di bawah induknya di berkas ini.",
            path,
        )
    if kind.deepest == "program":
        for i, csf in enumerate(model.csf):
            for j, program in enumerate(csf.program):
                if program.kegiatan:
                    add(
                        "S004",
                        f"Dokumen {kind.key} berhenti di program; kegiatan program "
                        f"'{program.id}' ditulis di Renstra/Renja perangkat daerahnya.",
                        ("csf", i, "program", j, "kegiatan"),
                    )
    return problems


def _nested_induk(model: Plan, first: str) -> list[tuple[Path, str]]:
    """Nodes below the plan's top level that name an ``induk`` (only a top node may)."""
    found: list[tuple[Path, str]] = []
    tops: list[tuple[Path, Any, bool]] = []
    if model.outcome is not None:
        tops.append((("outcome",), model.outcome, first == "outcome"))
        tops.extend((("csf", i), csf, False) for i, csf in enumerate(model.csf))
    for key in TOP_KEYS[1:]:
        if model.outcome is None:
            tops.extend(((key, i), node, True) for i, node in enumerate(getattr(model, key)))
    stack = tops
    while stack:
        path, node, top = stack.pop()
        if node.induk and not top:
            found.append(((*path, "induk"), node.id))
        for key in ("program", "kegiatan", "subkegiatan"):
            children = getattr(node, key, None)
            if isinstance(children, list):
                stack.extend(((*path, key, i), child, False) for i, child in enumerate(children))
    return sorted(found)
