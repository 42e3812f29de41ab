"""Reading a plan file: bytes → text → YAML nodes → plain data, positions kept.

The YAML is composed with ruamel.yaml's C parser when it is installed (the
pure-Python round-trip loader is several times slower) and converted to plain
Python data by our own small constructor, which:

* follows YAML 1.2 (``no`` is a string, not ``false``),
* refuses aliases, so a small file can never expand into a huge one,
* reports duplicate keys with their position,
* keeps the composed node tree, so that a problem's document path can be
  turned into ``line:column`` later — only for the problems actually found.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.tag import Tag

from pokin.problems import Path, Problem, shorten

#: Deepest nesting a plan may have; real plans are about 10 levels deep.
MAX_DEPTH = 64
#: Nesting the C composer may recurse into (it stops beyond, exactly); the
#: depth is then measured with the iterative pure-Python parser.
_C_PARSER_SAFE_DEPTH = 5000

#: A composed node (ruamel.yaml's node classes).
YamlNode = Any

_INT_RE = re.compile(r"[-+]?(0|[1-9][0-9_]*)")
_BOM = b"\xef\xbb\xbf"

TAG_PREFIX = "tag:yaml.org,2002:"
#: Tags our C loader gives plain and quoted scalars (resolved by the builder).
PLAIN_TAG = "pokin:plain"
QUOTED_TAG = "pokin:quoted"
_PLAIN = Tag(suffix=PLAIN_TAG)
_QUOTED = Tag(suffix=QUOTED_TAG)
_SEQ = Tag(suffix=TAG_PREFIX + "seq")
_MAP = Tag(suffix=TAG_PREFIX + "map")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUES = frozenset(("true", "True", "TRUE"))
_FALSES = frozenset(("false", "False", "FALSE"))
_INT_CORE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_CORE = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)


@dataclass
class Document:
    """One parsed YAML file: its data and the node tree its positions come from."""

    file: str
    text: str
    data: Any
    root: YamlNode | None
    problems: list[Problem] = field(default_factory=list)

    def place(self, line0: int, column0: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a parser mark's 0-based line and column."""
        return true_position(self.text, line0, column0)

    def position(self, path: Path, key: bool = False) -> tuple[int, int]:
        """1-based ``(line, column)`` of the value at ``path``.

        With ``key=True`` the position of the mapping key is returned (for
        "unknown key" style problems). A path that leads nowhere (a missing
        key) resolves to the deepest node that exists, which is the mapping
        the key should have been in.
        """
        node = self.root
        if node is None:
            return (1, 1)
        mark_node: YamlNode = node
        last = len(path) - 1
        for index, step in enumerate(path):
            if isinstance(node, MAPPING):
                found = None
                loose = None
                for k, v in node.value:
                    if isinstance(k, SCALAR) and _key_matches(k, step):
                        if _same_type(k, step):
                            found = (k, v)
                            break
                        loose = loose or (k, v)
                found = found or loose
                if found is None:
                    break
                # steps are matched by their place in the path, never by value:
                # a key named like an enclosing key ('csf:' inside a CSF) is its own
                at_key = key and index == last
                mark_node = found[0] if at_key else found[1]
                node = found[1]
                if at_key:
                    break
            elif isinstance(node, SEQUENCE) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    break
                node = node.value[step]
                mark_node = node
            else:
                break
        mark = mark_node.start_mark
        return self.place(mark.line, mark.column)


#: Characters libyaml (a YAML 1.1 parser) counts as line breaks but YAML 1.2,
#: editors and pokin do not: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
_EXTRA_BREAKS = ("\x85", "\u2028", "\u2029")
_PARSER_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_LINE_BREAK = re.compile("\r\n|[\r\n]")
_PARSER_LINES: dict[int, tuple[str, list[int]]] = {}


_EXTRA_BREAKS_SEEN: dict[int, tuple[str, bool]] = {}


def _has_extra_breaks(text: str) -> bool:
    """Whether ``text`` holds NEL, LS or PS (looked up once per text, not once per position)."""
    cached = _EXTRA_BREAKS_SEEN.get(id(text))
    if cached is None or cached[0] is not text:
        _EXTRA_BREAKS_SEEN.clear()
        cached = (text, any(ch in text for ch in _EXTRA_BREAKS))
        _EXTRA_BREAKS_SEEN[id(text)] = cached
    return cached[1]


def true_position(text: str, line0: int, column0: int) -> tuple[int, int]:
    """1-based ``(line, column)`` in ``text`` of a parser mark's line and column.

    YAML 1.2 line breaks are LF, CR and CRLF only; libyaml also breaks lines
    at NEL, LS and PS. When the text holds any of those, the mark is mapped
    back to the line an editor shows. Otherwise it is the mark plus one.
    """
    if not _has_extra_breaks(text):
        return (line0 + 1, column0 + 1)
    cached = _PARSER_LINES.get(id(text))
    if cached is None or cached[0] is not text:
        starts = [0] + [m.end() for m in _PARSER_BREAK.finditer(text)]
        _PARSER_LINES.clear()
        _PARSER_LINES[id(text)] = cached = (text, starts)
    starts = cached[1]
    offset = starts[min(line0, len(starts) - 1)] + column0
    return offset_position(text, offset)


def offset_position(text: str, offset: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of a character offset (LF, CR, CRLF break lines)."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return (line, offset - start + 1)


def _same_type(k: YamlNode, step: str | int) -> bool:
    """Whether a key node holds a value of the step's type (``2025`` vs ``"2025"``)."""
    plain = _tag(k) == PLAIN_TAG
    if isinstance(step, int):
        return plain
    return not plain or isinstance(resolve_plain(k.value), str)


def _key_matches(k: YamlNode, step: str | int) -> bool:
    if isinstance(step, int):
        return bool(k.value.strip().lstrip("+") == str(step))
    return bool(k.value == step)


def decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Decode plan bytes as UTF-8 (a BOM is accepted and dropped)."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem(
            "Y004",
            "error",
            "Berkas tersimpan sebagai UTF-16; simpan ulang sebagai UTF-8.",
            file,
        )
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex().upper()
        return None, Problem(
            "Y004",
            "error",
            f"Berkas bukan UTF-8: byte 0x{bad} tidak dapat dibaca. "
            "Simpan ulang berkas sebagai UTF-8 (misalnya dari Excel/Word pilih 'UTF-8').",
            file,
            line,
            column,
        )


def parse(text: str, file: str) -> Document:
    """Parse YAML text into a :class:`Document`; problems are collected, never raised."""
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = Document(file=file, text=text, data=None, root=None)
    try:
        root = compose_nodes(text)
    except TooDeepForC:
        # measured again with the iterative pure-Python parser, for its position
        deep = _too_deep(text, file)
        doc.problems.append(deep or _depth_problem(file, 1, 1))
        return doc
    except MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(exc, text, file))
        return doc
    except YAMLError as exc:  # reader errors (control characters) and the like
        doc.problems.append(_reader_problem(exc, text, file))
        return doc
    if root is None:
        doc.problems.append(
            Problem(
                "Y005",
                "error",
                "Berkas kosong: sebuah rencana minimal berisi 'pokin: 1', "
                "'perangkat_daerah', 'tahun', 'outcome' dan 'csf'.",
                file,
            )
        )
        return doc
    doc.root = root
    if not isinstance(root, MAPPING):
        kind = "daftar (list)" if isinstance(root, SEQUENCE) else "nilai tunggal"
        line, col = true_position(text, root.start_mark.line, root.start_mark.column)
        doc.problems.append(
            Problem(
                "Y006",
                "error",
                f"Tingkat teratas berkas adalah {kind}; rencana harus berupa pemetaan "
                "kunci: nilai (mulai dengan 'pokin: 1').",
                file,
                line,
                col,
            )
        )
        return doc
    builder = _Builder(file, text)
    doc.data = builder.build(root)
    doc.problems.extend(builder.problems)
    return doc


_YAML: YAML | None = None


def _yaml() -> YAML:
    global _YAML
    if _YAML is None:
        y = YAML(typ="safe", pure=True)
        y.version = (1, 2)
        _YAML = y
    return _YAML


SCALAR = ScalarNode
SEQUENCE = SequenceNode
MAPPING = MappingNode


class TooDeepForC(Exception):
    """Raised from inside the C composer before its recursion gets deep."""


def compose_nodes(text: str) -> Any:
    """Compose ``text`` into nodes, with the C parser when it is installed.

    Raises :class:`TooDeepForC` when the nesting passes
    ``_C_PARSER_SAFE_DEPTH`` (counted exactly, as the composer descends).
    """
    loader_class = _fast_loader_class()
    if loader_class is None:
        return _yaml().compose(text)
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_FAST_LOADER: type | bool | None = False


def _fast_loader_class() -> type | None:
    """The C parser with a trivial resolver (scalars are resolved by the builder).

    ruamel.yaml's own resolver runs a list of regular expressions over every
    plain scalar in Python, which costs about half the parse time of a large
    plan; :func:`resolve_plain` resolves the YAML 1.2 core schema directly.
    The tags it gives are four prebuilt ``Tag`` objects, so that ruamel.yaml's
    node classes need not build one per node (a third of the parse otherwise);
    nothing global of ruamel.yaml is changed, so other users of its C loader
    in the same process (other threads included) are unaffected.
    The composer calls ``descend_resolver``/``ascend_resolver`` around every
    node, before it recurses: they count the depth, so nesting too deep for
    the C stack is stopped exactly and at no extra pass over the text.
    """
    global _FAST_LOADER
    if _FAST_LOADER is False:
        try:
            from _ruamel_yaml import CParser
        except ImportError:  # pragma: no cover - no C extension on this platform
            _FAST_LOADER = None
        else:

            class FastLoader(CParser):  # type: ignore[misc]
                depth = 0

                def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> Any:
                    if kind is ScalarNode:
                        return _PLAIN if implicit[0] else _QUOTED
                    return _SEQ if kind is SequenceNode else _MAP

                def descend_resolver(self, *args: object) -> None:
                    self.depth += 1
                    if self.depth > _C_PARSER_SAFE_DEPTH:
                        raise TooDeepForC

                def ascend_resolver(self, *args: object) -> None:
                    self.depth -= 1

            _FAST_LOADER = FastLoader
    return _FAST_LOADER if isinstance(_FAST_LOADER, type) else None


def c_parser_in_use() -> bool:
    """Whether the C parser of ruamel.yaml.clib is available and used."""
    return _fast_loader_class() is not None


def _too_deep(text: str, file: str) -> Problem | None:
    """Measure nesting with the iterative pure-Python parser; report if too deep."""
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    y = YAML(typ="safe", pure=True)
    depth = 0
    try:
        for event in y.parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return _depth_problem(file, *true_position(text, mark.line, mark.column))
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except MarkedYAMLError as exc:
        return _syntax_problem(exc, text, file)
    except YAMLError as exc:
        return _reader_problem(exc, text, file)
    return None


def _depth_problem(file: str, line: int, column: int) -> Problem:
    return Problem(
        "Y007",
        "error",
        f"Struktur bersarang lebih dari {MAX_DEPTH} tingkat; rencana tidak "
        "pernah sedalam ini, periksa tanda kurung atau indentasi.",
        file,
        line,
        column,
    )


_SYNTAX_HINTS = (
    ("cannot start any token", "\t", "Tab dipakai untuk indentasi; YAML hanya menerima spasi."),
    (
        "mapping values are not allowed",
        "",
        "Tanda ':' di dalam teks; beri tanda kutip pada teks itu.",
    ),
    (
        "could not find expected ':'",
        "",
        "Baris ini bukan 'kunci: nilai'; periksa titik dua dan indentasi.",
    ),
    (
        "did not find expected key",
        "",
        "Indentasi tidak konsisten; periksa baris ini dan baris sebelumnya.",
    ),
    ("did not find expected '-'", "", "Indentasi daftar tidak konsisten; periksa tanda '-'."),
    ("found unexpected end of stream", "", "Tanda kutip atau kurung tidak ditutup."),
    (
        "expected a single document",
        "",
        "Berkas berisi lebih dari satu dokumen ('---'); satu berkas satu rencana.",
    ),
)


def _syntax_problem(exc: MarkedYAMLError, text: str, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = true_position(text, mark.line, mark.column) if mark is not None else (1, 1)
    problem = str(exc.problem or exc.context or "kesalahan sintaks")
    lines = _LINE_BREAK.split(text)
    src_line = lines[line - 1] if 0 < line <= len(lines) else ""
    hint = ""
    for needle, must_have, text_hint in _SYNTAX_HINTS:
        if needle in problem and (not must_have or must_have in src_line):
            hint = " " + text_hint
            break
    if "\t" in src_line[: len(src_line) - len(src_line.lstrip())] and not hint:
        hint = " Tab dipakai untuk indentasi; YAML hanya menerima spasi."
    return Problem(
        "Y001", "error", f"Sintaks YAML tidak valid: {problem}.{hint}", file, line, column
    )


def _reader_problem(exc: YAMLError, text: str, file: str) -> Problem:
    message = str(exc).splitlines()[0] if str(exc) else "berkas tidak dapat dibaca"
    position = getattr(exc, "position", None)
    line, column = 1, 1
    if isinstance(position, int):
        line, column = offset_position(text, position)
    return Problem(
        "Y004",
        "error",
        f"Karakter tidak diizinkan dalam berkas YAML ({message}); hapus karakter kontrol itu.",
        file,
        line,
        column,
    )


class _Builder:
    """Turns composed nodes into plain data, checking what YAML lets through."""

    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self.text = text
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def _problem(self, code: str, message: str, node: YamlNode) -> None:
        mark = node.start_mark
        line, column = true_position(self.text, mark.line, mark.column)
        self.problems.append(Problem(code, "error", message, self.file, line, column))

    def build(self, root: YamlNode) -> Any:
        return self._node(root, 0, root)

    def _node(self, node: YamlNode, depth: int, at: YamlNode) -> Any:
        if isinstance(node, SCALAR):
            return self._scalar(node)
        ident = id(node)
        if ident in self._seen:
            self._problem(
                "Y003",
                "Alias YAML (*nama) tidak diizinkan dalam rencana: tulis isinya "
                "langsung, agar setiap fakta tertulis sekali dan berkas tidak "
                "dapat membengkak.",
                at,
            )
            return None
        self._seen.add(ident)
        if depth >= MAX_DEPTH:
            mark = node.start_mark
            self.problems.append(
                _depth_problem(self.file, *true_position(self.text, mark.line, mark.column))
            )
            return None
        ctag = node.ctag
        if ctag is not _MAP and ctag is not _SEQ:  # the C loader's own tags need no check
            self._check_tag(node, ("seq", "map"))
        if isinstance(node, SEQUENCE):
            return [self._node(item, depth + 1, item) for item in node.value]
        assert isinstance(node, MAPPING)
        result: dict[Any, Any] = {}
        first: dict[Any, YamlNode] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, SCALAR):
                self._problem(
                    "Y001",
                    "Kunci harus berupa teks sederhana, bukan daftar atau pemetaan.",
                    key_node,
                )
                continue
            key = self._scalar(key_node)
            if key == "<<" and _tag(key_node) in (PLAIN_TAG, TAG_PREFIX + "merge"):
                self._problem(
                    "Y003", "Kunci gabungan YAML ('<<') tidak diizinkan dalam rencana.", key_node
                )
                continue
            try:
                hash(key)
            except TypeError:  # pragma: no cover - scalars are hashable
                continue
            if key in first:
                prev_mark = first[key].start_mark
                prev = true_position(self.text, prev_mark.line, prev_mark.column)[0]
                self._problem(
                    "Y002",
                    f"Kunci '{shorten(key)}' tertulis dua kali dalam pemetaan yang sama "
                    f"(pertama di baris {prev}); nilai yang kedua diabaikan.",
                    key_node,
                )
                continue
            first[key] = key_node
            # an alias value is reported at its key, where the planner wrote it
            result[key] = self._node(value_node, depth + 1, key_node)
        return result

    def _check_tag(self, node: YamlNode, allowed: tuple[str, ...]) -> bool:
        tag = _tag(node)
        if tag.startswith(TAG_PREFIX) and tag[len(TAG_PREFIX) :] in allowed:
            return True
        self._problem(
            "Y008",
            f"Tag YAML '{shorten(tag)}' tidak didukung; hapus tag itu dan tulis nilainya biasa.",
            node,
        )
        return False

    def _scalar(self, node: YamlNode) -> Any:
        tag = _tag(node)
        value: str = node.value
        if tag == PLAIN_TAG:
            return resolve_plain(value)
        if tag == QUOTED_TAG:
            return value
        kind = tag[len(TAG_PREFIX) :] if tag and tag.startswith(TAG_PREFIX) else ""
        if kind in ("str", "timestamp"):
            return value
        if kind == "null":
            return None
        if kind == "bool":
            return value.lower() == "true"
        if kind == "int":
            return _int(value)
        if kind == "float":
            return _float(value)
        if kind == "merge":
            return value
        self._check_tag(node, ("str",))
        return value


def _tag(node: Any) -> str:
    """A node's tag as text (read without ruamel's slow URI-decoding property)."""
    ctag = node.ctag
    if ctag is _PLAIN:
        return PLAIN_TAG
    if ctag is _QUOTED:
        return QUOTED_TAG
    if ctag is None:
        return ""
    if ctag.handle is None:
        return str(ctag.suffix or "")
    return str(ctag)


def resolve_plain(value: str) -> Any:
    """Resolve a plain scalar by the YAML 1.2 core schema (``no`` stays a string)."""
    if not value:
        return None
    first = value[0]
    if first in "0123456789+-.":
        # str.isdigit() is also true for '²' and '①', which int() refuses
        if value.isascii() and value.isdigit() and len(value) <= MAX_INT_DIGITS:
            return int(value)
        if _INT_CORE.fullmatch(value):
            return _int(value)
        if _FLOAT_CORE.fullmatch(value):
            return _float(value)
        return value
    if value in _NULLS:
        return None
    if first in "tTfF":
        if value in _TRUES:
            return True
        if value in _FALSES:
            return False
    return value


#: Longer integers (or floats that overflow to infinity) stay text, so the
#: schema reports them as located problems; Python's int() refuses numbers of
#: over 4,300 digits and printing them fails.
MAX_INT_DIGITS = 30


def _int(value: str) -> int | str:
    number = _int_value(value)
    if isinstance(number, int) and len(str(abs(number))) > MAX_INT_DIGITS:
        return value
    return number


def _int_value(value: str) -> int | str:
    text = value.replace("_", "")
    if len(text) > 4 * MAX_INT_DIGITS:
        return value
    try:
        if _INT_RE.fullmatch(value):
            return int(text)
        sign = -1 if text.startswith("-") else 1
        body = text.lstrip("+-").lower()
        if body.startswith("0o"):
            return sign * int(body[2:], 8)
        if body.startswith("0x"):
            return sign * int(body[2:], 16)
        if body.startswith("0b"):
            return sign * int(body[2:], 2)
        return int(text)
    except ValueError:
        return value


def _float(value: str) -> float | str:
    text = value.replace("_", "").lower()
    if text in (".inf", "+.inf"):
        return float("inf")
    if text == "-.inf":
        return float("-inf")
    if text == ".nan":
        return float("nan")
    try:
        number = float(text)
    except ValueError:
        return value
    return value if math.isinf(number) else number
