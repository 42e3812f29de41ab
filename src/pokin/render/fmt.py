"""`pokin fmt`: one canonical layout for plan files, comments and node order kept.

The canonical layout is the example plan's: keys in the order the format
documents them, mappings indented by 2, sequences by 4 with the dash at 2,
``anggaran`` as a plain integer, targets as plain numbers, UTF-8 without a
byte order mark, the file's own line ending (CRLF stays CRLF), one final
newline. Flow collections (``[2021, 2025]``, ``{uraian: ..., satuan: ...}``)
stay flow, with their keys ordered. Quoting is left as written.

Safety: a file that does not load as a plan (YAML or schema errors) is left
untouched. After formatting, the result is loaded again and must give the same
model and hold the same comments; otherwise the file is left untouched too and
the reason is reported.

Speed: the plan is parsed once with the C parser and the canonical text is
written straight from its node tree (comments are read from the source lines
between the nodes), so an already formatted file costs one load and one
linear pass: ``fmt --check`` is about as fast as ``validate``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, TypeVar

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from pokin.atomic import write_atomic
from pokin.levels import CHILD_KEY
from pokin.numbers import NumberFormatError, parse_rupiah, parse_target
from pokin.problems import Problem, UsageError
from pokin.source.load import expand_paths, load_text, read_plan_bytes
from pokin.source.parse import Document, TooDeepForC, compose_nodes, decode, resolve_plain

#: Canonical key orders (any other key keeps its place after these).
TOP_KEYS = (
    "pokin",
    "dokumen",
    "kode_pd",
    "perangkat_daerah",
    "tahun",
    "periode",
    "rpjmd",
    "renstra",
    "jabatan",
    "outcome",
    "csf",
    "program",
    "kegiatan",
    "subkegiatan",
)
NODE_KEYS = (
    "id",
    "kinerja",
    "nama",
    "kode",
    "anggaran",
    "anggaran_dokumen",
    "indikator",
    "pj",
    "renstra",
    "rpjmd",
    "induk",
    "crosscutting",
    "catatan",
    "ekspektasi",
    "mandat",
    "isu_strategis",
    "program",
    "kegiatan",
    "subkegiatan",
)
INDIKATOR_KEYS = (
    "uraian",
    "satuan",
    "target",
    "target_triwulan",
    "arah",
    "metode_capaian",
    "catatan",
)
JABATAN_KEYS = ("id", "nama", "eselon", "atasan", "pejabat", "catatan")
PEJABAT_KEYS = ("nama", "nip", "pangkat", "status")
CROSSCUTTING_KEYS = ("ke", "mitra", "peran", "catatan")
RENSTRA_KEYS = ("tujuan", "sasaran")
RENSTRA_ITEM_KEYS = ("id", "kinerja", "indikator", "catatan")
RPJMD_KEYS = ("tujuan", "indikator_tujuan", "sasaran", "pj", "catatan")
#: Realisasi files: the top-level keys and a node's keys, in canonical order.
REALISASI_KEYS = (
    "pokin_realisasi",
    "rencana",
    "tahun",
    "periode",
    "tanggal",
    "catatan",
    "realisasi",
)
REALISASI_NODE_KEYS = (
    "indikator",
    "anggaran",
    "capaian_tertulis",
    "serapan_tertulis",
    "faktor_pendukung",
    "faktor_penghambat",
    "bukti",
    "catatan",
)

_BOM = b"\xef\xbb\xbf"


@dataclass
class FormatResult:
    """One file's formatting outcome.

    ``formatted`` is ``None`` when the file was left alone because it could
    not be formatted safely; ``problems`` then holds its load problems, or
    ``error`` says why.
    """

    file: str
    original: bytes
    formatted: bytes | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    written: bool = False

    @property
    def ok(self) -> bool:
        """Whether the file could be formatted."""
        return self.formatted is not None

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file's bytes."""
        return self.formatted is not None and self.formatted != self.original


@dataclass
class FormatReport:
    """The outcome over several files."""

    results: list[FormatResult]

    def exit_code(self, check: bool) -> int:
        """1 for a file that could not be formatted, or (with --check) would change."""
        if any(not r.ok for r in self.results):
            return 1
        if check and any(r.changed for r in self.results):
            return 1
        return 0


def format_bytes(raw: bytes, file: str) -> FormatResult:
    """Format one plan's bytes (nothing is written).

    The plan is parsed once (C parser) and written out again by
    :class:`_Emitter`; when that gives the text back unchanged, nothing more
    is done. Otherwise the new text is loaded again and must give the same
    model and hold the same comments.
    """
    result = FormatResult(file, raw)
    decoded = _decoded(result)
    if decoded is None:
        return result
    text, crlf = decoded
    loaded = load_text(text, file)
    if loaded.plan is None or loaded.problems or loaded.document is None:
        result.problems = list(loaded.problems)
        if not result.problems:  # pragma: no cover - a plan-less load always has problems
            result.error = "berkas tidak dapat dibaca sebagai rencana"
        return result
    if _odd_breaks(text, result):
        return result
    try:
        out = _format_document(text, loaded.document)
    except Exception as exc:  # never crash on a file: leave it as it is
        result.error = f"pemformatan gagal ({type(exc).__name__}: {exc}); berkas tidak diubah"
        return result
    if out != text:
        model = loaded.plan.model
        reason = _verify(text, out, model, file, loaded.document.root)
        if reason is not None:
            result.error = reason + "; berkas tidak diubah"
            return result
    result.formatted = _encoded(out, crlf)
    return result


def _decoded(result: FormatResult) -> tuple[str, bool] | None:
    """The file's text with LF line ends and whether it used CRLF; None: not text."""
    text, problem = decode(result.original, result.file)
    if text is None:
        assert problem is not None
        result.problems = [problem]
        return None
    crlf = text.count("\r\n") * 2 > text.count("\n")
    return text.replace("\r\n", "\n").replace("\r", "\n"), crlf


def _odd_breaks(text: str, result: FormatResult) -> bool:
    """Whether ``text`` holds Unicode line separators (then ``result`` says so)."""
    if any(mark in text for mark in _ODD_BREAKS):
        result.error = (
            "berkas memuat pemisah baris Unicode (NEL, LS atau PS); "
            "ganti dengan baris baru biasa, berkas tidak diubah"
        )
        return True
    return False


def _encoded(out: str, crlf: bool) -> bytes:
    """The formatted text as bytes, with the file's own line ends."""
    return (out.replace("\n", "\r\n") if crlf else out).encode("utf-8")


def format_file(path: str, write: bool) -> FormatResult:
    """Format one file; with ``write`` a changed file is replaced atomically."""
    fs = FsPath(path)
    raw = read_plan_bytes(fs)  # a regular file of bounded size, or a UsageError
    from pokin.source.realisasi import is_realisasi_text

    result = _format_realisasi(raw, path) if is_realisasi_text(raw) else format_bytes(raw, path)
    if write and result.changed:
        assert result.formatted is not None
        try:
            # through a symlink, in place for hard links, mode/owner/group kept
            write_atomic(fs, result.formatted, keep_mode=True, plan_ok=True)
        except OSError as exc:  # full disk, read-only folder: the original is untouched
            raise UsageError(
                f"{path} tidak dapat ditulis: {exc.strerror or exc}; berkas tidak diubah"
            ) from None
        result.written = True
    return result


def _format_realisasi(raw: bytes, path: str) -> FormatResult:
    """A realisasi file in the canonical layout (key order, Rupiah), comments kept."""
    from pokin.source.realisasi import load_realisasi_text

    result = FormatResult(path, raw)
    decoded = _decoded(result)
    if decoded is None:
        return result
    text, crlf = decoded
    loaded = load_realisasi_text(text, path)
    real = loaded.realisasi
    if real is None or loaded.problems or real.document is None:
        result.problems = list(loaded.problems)
        if not result.problems:  # pragma: no cover
            result.error = "berkas tidak dapat dibaca sebagai berkas realisasi"
        return result
    if _odd_breaks(text, result):
        return result
    try:
        out = _Emitter(text, real.document.root, "realisasi_root").emit()
    except Exception as exc:  # never crash on a file: leave it as it is
        result.error = f"pemformatan gagal ({type(exc).__name__}: {exc}); berkas tidak diubah"
        return result
    if out != text:
        again = load_realisasi_text(out, path).realisasi
        lost = comments(text) - comments(out)
        if again is None or again.model != real.model:
            result.error = "hasil pemformatan tidak memuat isi yang sama; berkas tidak diubah"
            return result
        if lost:
            result.error = f"komentar '{next(iter(lost))[:60]}' akan hilang; berkas tidak diubah"
            return result
    result.formatted = _encoded(out, crlf)
    return result


def format_paths(paths: list[str], write: bool) -> FormatReport:
    """Format files and folders of plans (a UsageError if a path does not exist).

    Several files are formatted in parallel across the machine's cores,
    reported in the order given.
    """
    import os
    from functools import partial

    from pokin.source.parallel import parallel_map

    files = expand_paths(paths)
    sizes = []
    for f in files:
        try:
            sizes.append(os.stat(f).st_size)
        except OSError:
            sizes.append(0)
    return FormatReport(parallel_map(partial(format_file, write=write), files, sizes))


def unified_diff(result: FormatResult) -> str:
    """What formatting changes in one file, as a unified diff."""
    import difflib

    if result.formatted is None:
        return ""
    old = result.original.decode("utf-8", "replace").splitlines(keepends=True)
    new = result.formatted.decode("utf-8", "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, f"a/{result.file}", f"b/{result.file}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


# ------------------------------------------------------------------ formatting


def _format_document(text: str, doc: Document) -> str:
    """The canonical text of a parsed plan (``text`` has LF line endings)."""
    return _Emitter(text, doc.root).emit()


#: Line breaks the YAML parser counts that ``str.split("\n")`` does not.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
_COMMENT_RE = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)
_BLOCK_HEADER_RE = re.compile(r"[|>][+-]?")


class _Entry:
    """One block mapping entry or sequence item, with the comment lines it carries."""

    __slots__ = ("after", "before")

    def __init__(self) -> None:
        self.before: list[int] = []  # source line numbers
        self.after: list[int] = []


class _Emitter:
    """Writes the node tree of a plan in the canonical layout.

    Scalars are copied from the source text as written (quoting kept), except
    the numbers that are normalised (``anggaran``, ``target`` and their year
    keys). Comment lines and blank lines travel with the entry they stand
    above; comment lines deeper than that entry, right after the previous
    entry's block, stay with that block; end-of-line comments stay with their
    entry. The work is linear in the size of the file.
    """

    def __init__(self, text: str, root: Any, root_role: str = "root") -> None:
        self.root = root
        self.root_role = root_role
        self.text = text
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.covered: set[int] = set()
        self._cover(root)
        #: per source line: blank or a comment line, outside every scalar
        self.gapish = [not line.strip() or line.lstrip()[0] == "#" for line in self.lines]
        for number in self.covered:
            self.gapish[number] = False
        self.claimed: set[int] = set()
        self.out: list[str] = []
        #: per output line: its source comment column, -1 for content, -2 for blank
        self.kinds: list[int] = []

    # -- source analysis

    def _cover(self, root: Any) -> None:
        """Mark lines inside multi-line scalars and flow collections (not gaps)."""
        stack = [root]
        while stack:
            node = stack.pop()
            start, end = node.start_mark, node.end_mark
            if isinstance(node, ScalarNode) or node.flow_style:
                if end.line > start.line:
                    last = end.line
                    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
                        last = self._block_scalar_end(node)
                    self.covered.update(range(start.line + 1, last + 1))
                continue
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    stack.append(key)
                    stack.append(value)
            else:
                stack.extend(node.value)

    def _block_scalar_end(self, node: Any) -> int:
        """The last source line of a block scalar's content."""
        last: int = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
        while last > node.start_mark.line and not self.lines[last].strip():
            last -= 1
        return last

    def _gap_before(self, line: int) -> list[int]:
        """The blank and comment lines right above source line ``line`` (once)."""
        if line in self.claimed:
            return []
        self.claimed.add(line)
        gapish = self.gapish
        first = line
        while first > 0 and gapish[first - 1]:
            first -= 1
        return list(range(first, line)) if first < line else []

    def _eol(self, line: int, after: int) -> str:
        """The end-of-line comment on source ``line`` after column ``after``."""
        if line >= len(self.lines):
            return ""
        text = self.lines[line]
        found = _COMMENT_RE.search(text, after)
        return "" if found is None else text[found.start() :].rstrip()

    def _split_gap(self, gap: list[int], column: int) -> tuple[list[int], list[int]]:
        """Deeper comment lines right after a block stay with it; the rest lead on."""
        last_inner = -1
        for i, number in enumerate(gap):
            line = self.lines[number]
            stripped = line.lstrip(" ")
            if stripped.startswith("#"):
                if len(line) - len(stripped) > column:
                    last_inner = i
                else:
                    break
        return gap[: last_inner + 1], gap[last_inner + 1 :]

    # -- output

    def _put(self, text: str) -> None:
        self.out.append(text)
        self.kinds.append(-1)

    def _put_gap(self, numbers: list[int]) -> None:
        for number in numbers:
            line = self.lines[number]
            stripped = line.strip()
            if stripped:
                self.out.append(stripped)
                self.kinds.append(len(line) - len(line.lstrip(" \t")))
            else:
                self.out.append("")
                self.kinds.append(-2)

    def emit(self) -> str:
        """The canonical text."""
        root = self.root
        last = len(self.lines)
        while last > 0 and self.gapish[last - 1]:
            last -= 1
        trailing = list(range(last, len(self.lines)))
        while trailing and not self.lines[trailing[-1]].strip():
            trailing.pop()
        self.claimed.update(trailing)
        if isinstance(root, MappingNode) and root.value and not root.flow_style:
            first_key = root.value[0][0]
            self._put_gap(self._gap_before(first_key.start_mark.line))
            self._mapping(root, 0, self.root_role)
        else:  # pragma: no cover - a plan is a block mapping
            self._put(self._flow(root, ""))
        self._put_gap(trailing)
        return self._indent_comments()

    def _year_keys(self, node: Any) -> dict[int, str]:
        """The canonical text of each key of a yearly mapping (``"2025"`` → ``2025``)."""
        result: dict[int, str] = {}
        taken: set[int] = set()
        for key, _ in node.value:
            value = _resolve(key) if isinstance(key, ScalarNode) else None
            if isinstance(value, int) and not isinstance(value, bool):
                taken.add(value)
        for key, _ in node.value:
            value = _resolve(key) if isinstance(key, ScalarNode) else None
            if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
                new = int(value.strip())
                if new not in taken:
                    taken.add(new)
                    result[id(key)] = str(new)
                    continue
            elif isinstance(value, int) and not isinstance(value, bool):
                result[id(key)] = str(value)
                continue
            result[id(key)] = self._scalar_text(key)
        return result

    def _entries(self, node: Any, role: str) -> list[tuple[Any, Any, _Entry, str | None]]:
        """A block mapping's entries in canonical order, their comments attached."""
        entries: list[tuple[Any, Any, _Entry, str | None]] = []
        previous: _Entry | None = None
        for key, value in node.value:
            entry = _Entry()
            start = key.start_mark
            gap = self._gap_before(start.line)
            if previous is not None and gap:
                inner, gap = self._split_gap(gap, start.column)
                previous.after = inner
            entry.before = gap
            entries.append((key, value, entry, _key_text(key)))
            previous = entry
        return _ordered(entries, role)

    def _mapping(self, node: Any, indent: int, role: str) -> None:
        pad = " " * indent
        keys = self._year_keys(node) if role in _YEARLY else None
        percent = role == "indikator" and _is_percent(node)
        for key, value, entry, name in self._entries(node, role):
            if entry.before:
                self._put_gap(entry.before)
            key_text = keys[id(key)] if keys is not None else self._scalar_text(key)
            child = _child_role(role, name, value, percent) if role else ""
            self._value(pad + key_text + ":", value, indent, child, key)
            if entry.after:
                self._put_gap(entry.after)

    def _sequence(self, node: Any, indent: int, role: str) -> None:
        pad = " " * indent
        for item in node.value:
            self._put_gap(self._gap_before(self._dash_line(item)))
            if isinstance(item, ScalarNode) or item.flow_style or not item.value:
                self._value(pad + "-", item, indent, role, None)
                continue
            start = len(self.out)
            if isinstance(item, MappingNode):
                self._mapping(item, indent + 2, role)
            else:
                self._sequence(item, indent + 2, role)
            first = start
            while first < len(self.out) and self.kinds[first] != -1:
                first += 1  # comments above the first key stay above the dash
            if first < len(self.out):
                self.out[first] = pad + "- " + self.out[first][indent + 2 :]

    def _dash_line(self, item: Any) -> int:
        """The source line of the dash that starts a sequence item."""
        index: int = item.start_mark.index - 1
        line: int = item.start_mark.line
        text = self.text
        while index >= 0 and text[index] in " \t\n":
            if text[index] == "\n":
                line -= 1
            index -= 1
        if index >= 0 and text[index] == "-":
            return line
        return int(item.start_mark.line)

    def _value(self, prefix: str, value: Any, indent: int, role: str, key: Any) -> None:
        """Write ``prefix`` (``key:`` or ``-``) and the value that follows it."""
        mark = key if key is not None else value
        line = mark.start_mark.line
        if isinstance(value, ScalarNode):
            if value.style in ("|", ">"):
                self._block_scalar(prefix, value, indent)
                return
            text = self._scalar_value(value, role)
            end = value.end_mark if text or key is None else mark.end_mark
            eol = self._eol(end.line, end.column)
            head = prefix + (" " + text if text else "")
            self._put(head + ("  " + eol if eol else ""))
            return
        if value.flow_style or not value.value:
            text = self._flow(value, role)
            end = value.end_mark
            eol = self._eol(end.line, end.column)
            self._put(prefix + " " + text + ("  " + eol if eol else ""))
            return
        eol = self._eol(line, mark.end_mark.column) if key is not None else ""
        self._put(prefix + ("  " + eol if eol else ""))
        if isinstance(value, MappingNode):
            self._mapping(value, indent + 2, role)
        else:
            self._sequence(value, indent + 2, role)

    def _block_scalar(self, prefix: str, node: Any, indent: int) -> None:
        start = node.start_mark
        header_line = self.lines[start.line]
        header = _BLOCK_HEADER_RE.match(header_line, start.column)
        last = self._block_scalar_end(node)
        body = self.lines[start.line + 1 : last + 1]
        widths = [len(line) - len(line.lstrip(" ")) for line in body if line.strip()]
        after = header_line[header.end() :].split("#", 1)[0] if header else "?"
        if header is None or after.strip() or not widths:
            self._put(prefix + " " + _double_quoted(node.value))
            return
        eol = self._eol(start.line, header.end())
        self._put(prefix + " " + header.group() + ("  " + eol if eol else ""))
        cut = min(widths)
        pad = " " * (indent + 2)
        for line in body:
            self._put(pad + line[cut:] if line.strip() else "")

    def _scalar_text(self, node: Any) -> str:
        """A scalar as written; a scalar over several lines on one line."""
        start, end = node.start_mark, node.end_mark
        if start.line == end.line:
            return self.text[start.index : end.index]
        value: str = node.value
        if node.style is None and "\n" not in value and value == value.strip():
            return value
        return _double_quoted(value)

    def _scalar_value(self, node: Any, role: str) -> str:
        if role == "money":
            return _money(node) or self._scalar_text(node)
        if role in ("target", "target%"):
            return _target(node, role == "target%") or self._scalar_text(node)
        return self._scalar_text(node)

    def _flow(self, node: Any, role: str) -> str:
        if isinstance(node, ScalarNode):
            return self._scalar_value(node, role)
        if isinstance(node, SequenceNode):
            return "[" + ", ".join(self._flow(item, role) for item in node.value) + "]"
        keys = self._year_keys(node) if role in _YEARLY else None
        percent = role == "indikator" and _is_percent(node)
        parts = []
        for key, value, _ in _ordered([(k, v, _key_text(k)) for k, v in node.value], role):
            key_text = keys[id(key)] if keys is not None else self._scalar_text(key)
            child = _child_role(role, _key_text(key), value, percent)
            parts.append(key_text + ": " + self._flow(value, child))
        return "{" + ", ".join(parts) + "}"

    def _indent_comments(self) -> str:
        """Indent each full-line comment like the line it stands above.

        A comment deeper than that line that directly follows a deeper block
        (a note at the end of a nested list, no blank line between) keeps its
        column.
        """
        out, kinds = self.out, self.kinds
        following: list[int | None] = [None] * len(out)
        current: int | None = None
        for number in range(len(out) - 1, -1, -1):
            following[number] = current
            if kinds[number] == -1:
                line = out[number]
                current = len(line) - len(line.lstrip(" "))
        previous: int | None = None
        blank_since = False
        for number, line in enumerate(out):
            kind = kinds[number]
            if kind == -1:
                previous = len(line) - len(line.lstrip(" "))
                blank_since = False
                continue
            if kind == -2:
                blank_since = True
                continue
            below = following[number]
            if below is None:
                out[number] = " " * kind + line
                continue
            inner = previous is not None and previous > below and not blank_since
            out[number] = " " * (kind if kind > below and inner else below) + line
        return "\n".join(out) + "\n"


# Roles: which key order and which number forms apply to a mapping's entries
# (also the order `pokin import` writes in, pokin.render.plan_yaml).
KEY_ORDERS: dict[str, tuple[str, ...]] = {
    "root": TOP_KEYS,
    "rpjmd": RPJMD_KEYS,
    "renstra": RENSTRA_KEYS,
    "renstra_item": RENSTRA_ITEM_KEYS,
    "jabatan": JABATAN_KEYS,
    "pejabat": PEJABAT_KEYS,
    "crosscutting": CROSSCUTTING_KEYS,
    "indikator": INDIKATOR_KEYS,
    "realisasi_root": REALISASI_KEYS,
    "realisasi_node": REALISASI_NODE_KEYS,
    **{"node:" + level: NODE_KEYS for level in ("outcome", "csf", *CHILD_KEY.values())},
}


_RANKS: dict[str, dict[str | None, int]] = {
    role: {key: i for i, key in enumerate(order)} for role, order in KEY_ORDERS.items()
}
_YEARLY = frozenset(("money", "target", "target%"))
_T = TypeVar("_T", bound=tuple[Any, ...])


def _ordered(entries: list[_T], role: str) -> list[_T]:
    """Entries (key name last) in the canonical key order of ``role``; others after."""
    rank = _RANKS.get(role)
    if rank is None:
        return entries
    size = len(rank)
    ranks = [rank.get(entry[-1], size) for entry in entries]
    if all(a <= b for a, b in itertools.pairwise(ranks)):
        return entries  # already in order: the common case
    indexed = sorted(range(len(entries)), key=lambda i: (ranks[i], i))
    return [entries[i] for i in indexed]


def _is_percent(node: Any) -> bool:
    """Whether an indicator mapping's ``satuan`` is ``%``."""
    for key, value in node.value:
        if _key_text(key) == "satuan" and isinstance(value, ScalarNode):
            satuan = _resolve(value)
            return isinstance(satuan, str) and satuan.strip() == "%"
    return False


def _child_role(role: str, key: str | None, value: Any, percent: bool = False) -> str:
    """The role of the value under ``key`` in a mapping of ``role``."""
    if role == "root":
        if key in ("rpjmd", "renstra"):
            return key if isinstance(value, MappingNode) else ""
        if key == "jabatan":
            return "jabatan"
        if key == "outcome":
            return "node:outcome" if isinstance(value, MappingNode) else ""
        if key == "csf":
            return "node:csf"
        if key in ("program", "kegiatan", "subkegiatan"):  # a plan that starts below the CSF
            return "node:" + key
        return ""
    if role == "jabatan":
        return "pejabat" if key == "pejabat" and isinstance(value, MappingNode) else ""
    if role == "renstra":
        return "renstra_item" if key in RENSTRA_KEYS else ""
    if role == "realisasi_root":
        return "realisasi_map" if key == "realisasi" and isinstance(value, MappingNode) else ""
    if role == "realisasi_map":
        return "realisasi_node" if isinstance(value, MappingNode) else ""
    if role == "realisasi_node":
        return "money" if key == "anggaran" else ""
    if role.startswith("node:") or role == "renstra_item":
        if key == "indikator":
            return "indikator"
        if key == "crosscutting" and role.startswith("node:"):
            return "crosscutting"
        if key == "anggaran" and role.startswith("node:"):
            return "money"
        child = CHILD_KEY.get(role[5:]) if role.startswith("node:") else None
        if child is not None and key == child:
            return "node:" + child
        return ""
    if role == "indikator":
        if key == "target" and not _is_null(value):
            return "target%" if percent else "target"
        return ""
    return role if role in _YEARLY else ""


def _is_null(node: Any) -> bool:
    return isinstance(node, ScalarNode) and _resolve(node) is None


def _key_text(node: Any) -> str | None:
    """A key's name (``None`` for a key that is not text)."""
    if isinstance(node, ScalarNode):
        value = node.value
        if node.style is not None:
            return value  # type: ignore[no-any-return]
        if value and value[0] not in "0123456789+-.~nNtTfF":
            return value  # type: ignore[no-any-return]
        value = resolve_plain(value)
        return value if isinstance(value, str) else None
    return None


def _resolve(node: Any) -> Any:
    """A scalar node's value as the loader reads it."""
    return resolve_plain(node.value) if node.style is None else node.value


def _double_quoted(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _money(node: Any) -> str | None:
    """Whole Rupiah as a plain integer (``None``: keep the text as written)."""
    try:
        return str(int(parse_rupiah(_resolve(node))))
    except (NumberFormatError, TypeError, ValueError):
        return None


def _target(node: Any, percent: bool) -> str | None:
    try:
        number = parse_target(_resolve(node), percent)
    except (NumberFormatError, TypeError, ValueError):
        return None
    if isinstance(number, int) and not isinstance(number, bool):
        return str(number)
    return _float_text(float(number))


def _float_text(value: float) -> str | None:
    """A float as ruamel.yaml writes it (``None`` for inf/nan: keep the text)."""
    if value != value or value in (float("inf"), float("-inf")):
        return None
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


# ---------------------------------------------------------------- verification


def comments(text: str) -> Counter[str]:
    """The comment lines of a YAML text (stripped), counted."""
    text = text.replace("\r\n", "\n")
    try:
        root = compose_nodes(text)
    except (YAMLError, TooDeepForC):
        return _comments_slow(text)
    return _comments_of(text, root)


def _comments_of(text: str, root: Any) -> Counter[str]:
    """Every ``#`` comment of ``text`` outside its scalars, counted (linear)."""
    spans: list[tuple[int, int]] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            if node.end_mark.index > node.start_mark.index:
                spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        else:
            stack.extend(node.value)
    spans.sort()
    starts = [s for s, _ in spans]
    found: Counter[str] = Counter()
    after = -1
    for match in _COMMENT_RE.finditer(text):
        at = match.start()
        if at < after:
            continue
        i = bisect_right(starts, at) - 1
        if i >= 0 and spans[i][1] > at:
            continue
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        found[text[at:end].strip()] += 1
        after = end
    return found


def _comments_slow(text: str) -> Counter[str]:
    """The comment lines of any YAML text, with ruamel.yaml's scanner."""
    from ruamel.yaml import YAML

    found: Counter[str] = Counter()
    try:
        for token in YAML(typ="rt").scan(text):
            for part in _walk_comment(getattr(token, "_comment", None)):
                for line in part.splitlines():
                    line = line.strip()
                    if line.startswith("#"):
                        found[line] += 1
    except YAMLError:
        pass
    return found


def _walk_comment(value: Any) -> Iterable[str]:
    if value is None:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk_comment(item)
    elif hasattr(value, "value"):
        yield str(value.value)


def _verify(before: str, after: str, model: Any, file: str, before_root: Any = None) -> str | None:
    """Why the formatted text is not safe to write, or ``None``."""
    reloaded = load_text(after, file)
    if reloaded.plan is None or reloaded.plan.model != model:
        return "hasil pemformatan tidak memuat isi yang sama (kesalahan pokin fmt)"
    assert reloaded.document is not None
    old = comments(before) if before_root is None else _comments_of(before, before_root)
    lost = old - _comments_of(after, reloaded.document.root)
    if lost:
        first = next(iter(lost))
        return (
            f"komentar '{first[:60]}' akan hilang (pokin fmt tidak dapat menyimpannya "
            "di posisi itu, misalnya di dalam {...} yang ditulis pada beberapa baris)"
        )
    return None
