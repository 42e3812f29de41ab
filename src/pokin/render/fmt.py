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
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pokin.atomic import write_atomic
from pokin.levels import CHILD_KEY
from pokin.numbers import NumberFormatError, parse_rupiah, parse_target
from pokin.problems import Problem, UsageError
from pokin.source.load import expand_paths, load_text

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
INDIKATOR_KEYS = ("uraian", "satuan", "target", "catatan")
JABATAN_KEYS = ("id", "nama", "eselon", "atasan", "pejabat", "catatan")
PEJABAT_KEYS = ("nama", "nip", "pangkat", "status")
CROSSCUTTING_KEYS = ("ke", "mitra", "peran", "catatan")
RENSTRA_KEYS = ("tujuan", "sasaran")
RENSTRA_ITEM_KEYS = ("id", "kinerja", "indikator", "catatan")
RPJMD_KEYS = ("tujuan", "indikator_tujuan", "sasaran", "pj", "catatan")

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
    """Format one plan's bytes (nothing is written)."""
    result = FormatResult(file, raw)
    loaded = load_text(raw, file)
    if loaded.plan is None or loaded.problems:
        result.problems = list(loaded.problems)
        if not result.problems:  # pragma: no cover - a plan-less load always has problems
            result.error = "berkas tidak dapat dibaca sebagai rencana"
        return result
    body = raw[len(_BOM) :] if raw.startswith(_BOM) else raw
    text = body.decode("utf-8")
    crlf = text.count("\r\n") * 2 > text.count("\n")
    text = text.replace("\r\n", "\n")
    try:
        out = _format_text(text, loaded.plan.model.tahun)
    except Exception as exc:  # ruamel.yaml and normalisation: never crash on a file
        result.error = f"pemformatan gagal ({type(exc).__name__}: {exc}); berkas tidak diubah"
        return result
    reason = _verify(text, out, loaded.plan.model, file)
    if reason is not None:
        result.error = reason + "; berkas tidak diubah"
        return result
    if crlf:
        out = out.replace("\n", "\r\n")
    result.formatted = out.encode("utf-8")
    return result


def format_file(path: str, write: bool) -> FormatResult:
    """Format one file; with ``write`` a changed file is replaced atomically."""
    fs = FsPath(path)
    try:
        raw = fs.read_bytes()
    except OSError as exc:
        raise UsageError(f"berkas {path} tidak dapat dibaca: {exc.strerror}") from None
    result = format_bytes(raw, path)
    if write and result.changed:
        assert result.formatted is not None
        write_atomic(fs, result.formatted, keep_mode=True)
        result.written = True
    return result


def format_paths(paths: list[str], write: bool) -> FormatReport:
    """Format files and folders of plans (a UsageError if a path does not exist)."""
    return FormatReport([format_file(f, write) for f in expand_paths(paths)])


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


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.version = (1, 2)
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 1_000_000  # never fold long statements
    y.preserve_quotes = True
    return y


def _format_text(text: str, tahun: int) -> str:
    y = _yaml()
    data = y.load(text)
    _Normaliser(tahun).plan(data)
    buffer = io.StringIO()
    y.dump(data, buffer)
    out = _space_eol_comments(_indent_comments(buffer.getvalue()))
    # ruamel writes a "%YAML 1.2" directive when a version is set; the canonical file has none
    directive = "%YAML 1.2\n---\n"
    if out.startswith(directive):
        out = out[len(directive) :]
    return out if out.endswith("\n") else out + "\n"


def _space_eol_comments(text: str) -> str:
    """Two spaces between a value and its end-of-line comment.

    ruamel keeps a comment at its old column, which means nothing once a key
    moved or ``"Rp 23.000.000"`` became ``23000000``; the canonical layout
    puts every end-of-line comment two spaces after its value.
    """
    lines = text.split("\n")
    skip = _multiline_scalar_lines(text)
    for number, line in enumerate(lines):
        if number in skip:
            continue
        start = _comment_start(line)
        if start is not None and line[:start].strip():
            lines[number] = line[:start].rstrip() + "  " + line[start:]
    return "\n".join(lines)


def _comment_start(line: str) -> int | None:
    """Where an end-of-line comment starts in one line of YAML (quotes respected)."""
    quote = ""
    i = 0
    while i < len(line):
        char = line[i]
        if quote == '"':
            if char == "\\":
                i += 2
                continue
            if char == '"':
                quote = ""
        elif quote == "'":
            if char == "'":
                if line[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                quote = ""
        elif char == "#" and i > 0 and line[i - 1] in " \t":
            return i
        elif char in "\"'" and (i == 0 or line[i - 1] in " [{,"):
            quote = char
        i += 1
    return None


def _indent_comments(text: str) -> str:
    """Indent each full-line comment like the line it stands above.

    A comment deeper than that line that directly follows a deeper block (a
    note at the end of a nested list, no blank line between) keeps its column.
    """
    lines = text.split("\n")
    skip = _multiline_scalar_lines(text)
    content: list[int | None] = []  # indentation of content lines, None for comments/blank
    for number, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if number in skip or (stripped and not stripped.startswith("#")):
            content.append(len(line) - len(stripped))
        else:
            content.append(None)
    previous: int | None = None
    blank_since = False  # a blank line since the last content line
    for number, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if content[number] is not None:
            previous = content[number]
            blank_since = False
            continue
        if not stripped.startswith("#"):
            blank_since = True
            continue
        following = next((c for c in content[number + 1 :] if c is not None), None)
        if following is None:
            continue
        own = len(line) - len(stripped)
        inner = previous is not None and previous > following and not blank_since
        if own > following and inner:
            continue  # a note at the end of the deeper block above
        lines[number] = " " * following + stripped
    return "\n".join(lines)


def _multiline_scalar_lines(text: str) -> set[int]:
    """Line numbers (0-based) inside scalars that span several lines."""
    from ruamel.yaml import YAML
    from ruamel.yaml.tokens import ScalarToken

    lines: set[int] = set()
    for token in YAML(typ="rt").scan(text):
        if isinstance(token, ScalarToken) and token.end_mark.line > token.start_mark.line:
            lines.update(range(token.start_mark.line, token.end_mark.line + 1))
    return lines


class _Normaliser:
    """Key order and number forms, walking the round-trip data like the model."""

    def __init__(self, tahun: int) -> None:
        self.tahun = tahun

    def plan(self, data: Any) -> None:
        if not _is_map(data):
            return
        reorder(data, TOP_KEYS)
        if _is_map(data.get("rpjmd")):
            reorder(data["rpjmd"], RPJMD_KEYS)
        renstra = data.get("renstra")
        if _is_map(renstra):
            reorder(renstra, RENSTRA_KEYS)
            for part in RENSTRA_KEYS:
                for item in _maps(renstra.get(part)):
                    reorder(item, RENSTRA_ITEM_KEYS)
                    self.indicators(item)
        for jab in _maps(data.get("jabatan")):
            reorder(jab, JABATAN_KEYS)
        if _is_map(data.get("outcome")):
            self.node(data["outcome"], "outcome")
        for csf in _maps(data.get("csf")):
            self.node(csf, "csf")

    def node(self, node: Any, level: str) -> None:
        reorder(node, NODE_KEYS)
        if "anggaran" in node:
            node["anggaran"] = _money(node["anggaran"])
        self.indicators(node)
        child_key = CHILD_KEY.get(level)
        if child_key is not None:
            for child in _maps(node.get(child_key)):
                self.node(child, child_key)

    def indicators(self, owner: Any) -> None:
        for ind in _maps(owner.get("indikator")):
            reorder(ind, INDIKATOR_KEYS)
            if ind.get("target") is not None:
                satuan = ind.get("satuan")
                percent = isinstance(satuan, str) and satuan.strip() == "%"
                ind["target"] = _target(ind["target"], percent)


def _is_map(value: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap

    return isinstance(value, CommentedMap)


def _maps(value: Any) -> Iterable[Any]:
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(value, CommentedSeq):
        yield from (item for item in value if _is_map(item))


def _money(value: Any) -> Any:
    """Whole Rupiah as a plain int; a yearly mapping gets int years and amounts."""
    if _is_map(value):
        _rekey_years(value)
        for year in list(value):
            value[year] = _money(value[year])
        return value
    try:
        return int(parse_rupiah(value))
    except NumberFormatError:  # pragma: no cover - the schema accepted it
        return value


def _target(value: Any, percent: bool) -> Any:
    if _is_map(value):
        _rekey_years(value)
        for year in list(value):
            value[year] = _target(value[year], percent)
        return value
    try:
        number = parse_target(value, percent)
    except NumberFormatError:  # pragma: no cover - the schema accepted it
        return value
    return int(number) if isinstance(number, int) else float(number)


def _rekey_years(mapping: Any) -> None:
    """``"2025"`` year keys become integer keys, keeping their comments."""
    for key in list(mapping):
        if isinstance(key, str) and key.strip().isdigit():
            new = int(key.strip())
            if new in mapping:
                continue
            position = list(mapping).index(key)
            value = mapping.pop(key)
            comments = mapping.ca.items.pop(key, None)
            mapping.insert(position, new, value)
            if comments is not None:
                mapping.ca.items[new] = comments
        elif not isinstance(key, int) or isinstance(key, bool):
            continue
        elif type(key) is not int:  # ScalarInt: drop its original spelling
            position = list(mapping).index(key)
            value = mapping.pop(key)
            comments = mapping.ca.items.pop(key, None)
            mapping.insert(position, int(key), value)
            if comments is not None:
                mapping.ca.items[int(key)] = comments


# ------------------------------------------------------------------ key order


def reorder(mapping: Any, order: tuple[str, ...]) -> None:
    """Put the keys of a round-trip mapping in ``order``, keeping comments in place.

    ruamel.yaml attaches the comment lines that follow a value to the last
    key of that value (at any depth). Before the keys move, those lines are
    taken off and put back after the key that now precedes the key they were
    written above; what followed the mapping's last key stays at its end.
    """
    keys = list(mapping)
    rank = {k: i for i, k in enumerate(order)}
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(order)), keys.index(k)))
    if wanted == keys:
        return
    if mapping.fa.flow_style():
        for key in wanted:
            mapping.move_to_end(key)
        return
    column = _column(mapping)
    inner: dict[Any, str] = {}
    leading: dict[Any, str] = {}
    trailing = ""
    for i, key in enumerate(keys):
        rest = _take_rest(mapping, key)
        if i + 1 == len(keys):
            trailing = rest
            break
        inner[key], leading[keys[i + 1]] = _split_rest(rest, column)
    first_leading = leading.pop(wanted[0], "")
    for key in wanted:
        mapping.move_to_end(key)
    for i, key in enumerate(wanted):
        text = inner.get(key, "")
        if i + 1 < len(wanted):
            text += leading.get(wanted[i + 1], "")
            if i == 0:
                text = first_leading + text
        else:
            text += trailing if len(wanted) > 1 else first_leading + trailing
        _put_rest(mapping, key, text)


def _column(mapping: Any) -> int:
    """The source column of a mapping's keys (0 when unknown)."""
    try:
        return int(mapping.lc.col or 0)
    except (AttributeError, TypeError):  # pragma: no cover - always set when loaded
        return 0


def _split_rest(rest: str, column: int) -> tuple[str, str]:
    """Split comment lines after a value: deeper ones stay with it, the rest lead on."""
    lines = rest.splitlines(keepends=True)
    last_inner = -1
    for i, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if stripped.startswith("#"):
            if len(line) - len(stripped) > column:
                last_inner = i
            else:
                break
    return "".join(lines[: last_inner + 1]), "".join(lines[last_inner + 1 :])


def _tail_holder(mapping: Any, key: Any) -> tuple[Any, Any, int]:
    """Where ruamel keeps the comment after ``mapping[key]``'s value: (items, key, slot)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value = mapping[key]
    if isinstance(value, CommentedMap) and len(value) and not value.fa.flow_style():
        return _tail_holder(value, list(value)[-1])
    if isinstance(value, CommentedSeq) and len(value) and not value.fa.flow_style():
        return _seq_tail_holder(value)
    return (mapping.ca.items, key, 2)


def _seq_tail_holder(seq: Any) -> tuple[Any, Any, int]:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    index = len(seq) - 1
    item = seq[index]
    if isinstance(item, CommentedMap) and len(item) and not item.fa.flow_style():
        return _tail_holder(item, list(item)[-1])
    if isinstance(item, CommentedSeq) and len(item) and not item.fa.flow_style():
        return _seq_tail_holder(item)
    return (seq.ca.items, index, 0)


def _take_rest(mapping: Any, key: Any) -> str:
    """Remove and return the full comment lines after ``key``'s value."""
    items, hkey, slot = _tail_holder(mapping, key)
    entry = items.get(hkey)
    token = entry[slot] if entry is not None and len(entry) > slot else None
    if token is None or not hasattr(token, "value"):
        return ""
    value: str = token.value
    cut = value.find("\n")
    if cut < 0:
        return ""
    token.value = value[: cut + 1]
    return value[cut + 1 :]


def _put_rest(mapping: Any, key: Any, rest: str) -> None:
    """Append comment lines after ``key``'s value."""
    if not rest:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    items, hkey, slot = _tail_holder(mapping, key)
    entry = items.get(hkey)
    if entry is None:
        entry = [None, None, None, None]
        items[hkey] = entry
    token = entry[slot]
    if token is None or not hasattr(token, "value"):
        entry[slot] = CommentToken("\n" + rest, CommentMark(0))
        return
    value: str = token.value
    token.value = (value if value.endswith("\n") else value + "\n") + rest


# ---------------------------------------------------------------- verification


def comments(text: str) -> Counter[str]:
    """The comment lines of a YAML text (stripped), counted."""
    from ruamel.yaml import YAML

    found: Counter[str] = Counter()
    for token in YAML(typ="rt").scan(text):
        for part in _walk_comment(getattr(token, "_comment", None)):
            for line in part.splitlines():
                line = line.strip()
                if line.startswith("#"):
                    found[line] += 1
    return found


def _walk_comment(value: Any) -> Iterable[str]:
    if value is None:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk_comment(item)
    elif hasattr(value, "value"):
        yield str(value.value)


def _verify(before: str, after: str, model: Any, file: str) -> str | None:
    """Why the formatted text is not safe to write, or ``None``."""
    reloaded = load_text(after, file)
    if reloaded.plan is None or reloaded.plan.model != model:
        return "hasil pemformatan tidak memuat isi yang sama (kesalahan pokin fmt)"
    lost = comments(before) - comments(after)
    if lost:
        first = next(iter(lost))
        return (
            f"komentar '{first[:60]}' akan hilang (ruamel.yaml tidak dapat menyimpannya "
            "di posisi itu, misalnya setelah {...} di dalam daftar)"
        )
    return None
