"""Inline suppressions: ``# pokin: ignore[CODE]`` for a deliberate exception.

A comment ``# pokin: ignore[B001]`` (or ``ignore[B001,I005]``, codes or
group names) silences those codes for problems reported on its line, and for
problems of the node whose first line (its ``- id:`` line) carries it. A
suppression that silences nothing is reported as E002.

Candidates are found with a regular expression (one search finds none in
most plans, so plans without suppressions pay next to nothing); a candidate
is a suppression only when it is a real YAML comment, that is, outside every
scalar the parser read (a ``# pokin: ignore[...]`` inside a quoted string or
a block scalar is text, not a comment).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from pokin.problems import Path, Problem
from pokin.source.parse import Document

MARKER = "pokin:"
#: Whether a text may hold a suppression at all: a comment starting with the marker.
_MARKER_RE = re.compile(r"#[ \t]*pokin:")
# a YAML comment starts at the line start or after whitespace
_CANDIDATE = re.compile(r"(?:^|(?<=[ \t]))(#[ \t]*pokin:)", re.MULTILINE)
_COMMENT = re.compile(r"(#[ \t]*pokin:(.*))")
_LINE_END = re.compile(r"[\r\n]")
_IGNORE = re.compile(r"\s*ignore\[([^\]]*)\]")  # a reason may follow


@dataclass
class Suppression:
    """One suppression comment: its position and the names it silences."""

    line: int
    column: int
    names: tuple[str, ...]
    text: str
    malformed: bool = False
    used: set[str] = field(default_factory=set)


def may_suppress(text: str) -> bool:
    """Whether ``text`` holds a ``# pokin:`` comment at all (one regex search)."""
    return _MARKER_RE.search(text) is not None


def find_suppressions(text: str, root: Any = None) -> dict[int, Suppression]:
    """Suppression comments by 1-based line (a single regex search when there are none).

    ``root`` is the parsed document's node tree: a candidate inside one of its
    scalars is text, not a comment. O(n + s log s) for n characters and s scalars.
    """
    found: dict[int, Suppression] = {}
    if _MARKER_RE.search(text) is None:
        return found
    from pokin.check.config import normalise_name
    from pokin.source.parse import offset_position

    inside = _scalar_spans(root)
    for candidate in _CANDIDATE.finditer(text):
        start = candidate.start(1)
        if inside(start):
            continue
        end = _LINE_END.search(text, start)
        comment_text = text[start : end.start() if end else len(text)]
        match = _COMMENT.fullmatch(comment_text)
        if match is None:
            continue
        line_number, column = offset_position(text, start)
        body = _IGNORE.match(match.group(2))
        comment = match.group(1).strip()
        if body is None:
            found[line_number] = Suppression(line_number, column, (), comment, malformed=True)
            continue
        names = tuple(normalise_name(n) for n in body.group(1).split(",") if n.strip())
        found[line_number] = Suppression(line_number, column, names, comment, not names)
    return found


def _scalar_spans(root: Any) -> Callable[[int], bool]:
    """Whether a character offset lies inside a scalar of the node tree."""
    import bisect

    from pokin.source.parse import MAPPING, SCALAR, SEQUENCE

    spans: list[tuple[int, int]] = []
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, SCALAR):
            spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, SEQUENCE):
            pending.extend(node.value)
        elif isinstance(node, MAPPING):
            for key, value in node.value:
                pending.append(key)
                pending.append(value)
    spans.sort()
    starts = [s for s, _ in spans]

    def inside(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and spans[i][0] <= offset < spans[i][1]

    return inside


class Source(Protocol):
    """A checked file with its parsed document: a plan, or a realisasi file."""

    file: str
    document: Document

    def position(self, path: Path, key: bool = False) -> tuple[int, int]:
        """1-based line and column of a document path."""
        ...


def apply_suppressions(
    plan: Source,
    problems: list[Problem],
    group_of: Callable[[str], str],
    enabled: Callable[[str], bool],
    known: Callable[[str], bool],
    report_unused: bool = True,
) -> list[Problem]:
    """Drop suppressed problems; add E002 for each suppression that silenced nothing.

    ``group_of`` gives a code's group, ``enabled`` whether a code or group ran
    (suppressions of rules that did not run are not judged), and ``known``
    whether a name is a rule code or group at all. ``report_unused=False``
    (E002 not selected) only drops.
    """
    suppressions = find_suppressions(plan.document.text, plan.document.root)
    if not suppressions:
        return problems
    wanted = {n for s in suppressions.values() for n in s.names}
    kept: list[Problem] = []
    for problem in problems:
        group = group_of(problem.code)
        if problem.code not in wanted and group not in wanted:
            kept.append(problem)
            continue
        lines = [problem.line]
        start = _node_start_line(plan, problem)
        if start is not None and start != problem.line:
            lines.append(start)
        if not _suppressed(suppressions, lines, problem.code, group):
            kept.append(problem)
    if report_unused:
        kept.extend(_unused(plan.file, suppressions, enabled, known))
    return kept


def _suppressed(
    suppressions: dict[int, Suppression], lines: list[int], code: str, group: str
) -> bool:
    for line in lines:
        supp = suppressions.get(line)
        if supp is None:
            continue
        for name in (code, group):
            if name in supp.names:
                supp.used.add(name)
                return True
    return False


def _node_start_line(plan: Source, problem: Problem) -> int | None:
    """The line where the problem's node (the mapping with its id) starts."""
    if problem.node is None or not problem.path:
        return None
    node_path = _node_path(plan.document.data, problem.path, problem.node)
    if node_path is None:
        return None
    return plan.position(node_path)[0]


def _node_path(data: Any, path: Path, node: str) -> Path | None:
    found: Path | None = None
    current = data
    for depth, step in enumerate(path):
        if isinstance(current, dict):
            current = current.get(step)
        elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            current = current[step]
        else:
            break
        if isinstance(current, dict) and current.get("id") == node:
            found = path[: depth + 1]
    return found


def _unused(
    file: str,
    suppressions: dict[int, Suppression],
    enabled: Callable[[str], bool],
    known: Callable[[str], bool],
) -> list[Problem]:
    result = []
    for supp in suppressions.values():
        if supp.malformed:
            result.append(
                _e002(
                    file,
                    supp,
                    f"Komentar '{supp.text}' tidak dapat dibaca; tulis "
                    "'# pokin: ignore[KODE]' atau '# pokin: ignore[KODE1,KODE2]'.",
                )
            )
            continue
        for name in supp.names:
            if name in supp.used:
                continue
            if not known(name):
                message = f"'{name}' pada '{supp.text}' bukan kode atau kelompok aturan."
                result.append(_e002(file, supp, message))
            elif enabled(name):
                result.append(
                    _e002(
                        file,
                        supp,
                        f"'{supp.text}': tidak ada masalah {name} yang ditekan pada baris ini; "
                        "hapus komentar itu bila masalahnya sudah diperbaiki.",
                    )
                )
    return result


def _e002(file: str, supp: Suppression, message: str) -> Problem:
    return Problem("E002", "warning", message, file, supp.line, supp.column)
