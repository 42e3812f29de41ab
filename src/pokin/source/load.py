"""Loading a plan file: read → decode → parse → schema, problems collected."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from pokin import gc_paused
from pokin.plan import LoadedPlan
from pokin.problems import Problem, UsageError
from pokin.source.parse import Document, decode, parse

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadResult:
    """A file's load outcome: the plan when it passed the schema, and problems."""

    file: str
    plan: LoadedPlan | None
    problems: list[Problem] = field(default_factory=list)
    document: Document | None = None


def load_text(text: str | bytes, file: str) -> LoadResult:
    """Load a plan from text (or raw bytes) under the display name ``file``."""
    if isinstance(text, bytes):
        decoded, problem = decode(text, file)
        if decoded is None:
            assert problem is not None
            return LoadResult(file, None, [problem])
        text = decoded
    with gc_paused():
        doc = parse(text, file)
        result = LoadResult(file, None, list(doc.problems), doc)
        if doc.data is None or any(p.code in _FATAL_LOAD_CODES for p in doc.problems):
            return result
        from pydantic import ValidationError

        from pokin.model import Plan
        from pokin.source.schema_errors import problems_from_validation

        try:
            model = Plan.model_validate(doc.data)
        except ValidationError as exc:
            result.problems.extend(problems_from_validation(exc, doc))
            return result
        from pokin.source.kinds import shape_problems

        shape = shape_problems(model, doc)
        if shape:
            result.problems.extend(shape)
            return result
        result.plan = LoadedPlan(file, model, doc)
        return result


# after these, the data is not what the planner wrote: do not validate further
_FATAL_LOAD_CODES = frozenset({"Y001", "Y003", "Y004", "Y005", "Y006", "Y007", "Y008"})


#: The largest plan file pokin reads (a 10,000-node plan is about 5 MB).
MAX_PLAN_BYTES = 50 * 1024 * 1024


def shown_path(path: str | FsPath) -> str:
    """A file name as pokin prints it: undecodable bytes and control characters visible."""
    from pokin.render.console import visible

    return visible(os.fsdecode(path))


def read_plan_bytes(path: str | FsPath) -> bytes:
    """The bytes of a plan file: a regular file of at most :data:`MAX_PLAN_BYTES`.

    A FIFO, a device (``/dev/zero``), a folder or a larger file is a
    :class:`UsageError`, never a hang or an unbounded read.
    """
    name = shown_path(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise UsageError(f"{name} adalah folder, bukan berkas rencana")
            if not stat.S_ISREG(info.st_mode):
                raise UsageError(
                    f"{name} bukan berkas biasa (perangkat atau pipa); rencana harus berkas"
                )
            raw = fh.read(MAX_PLAN_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"berkas tidak ditemukan: {name}") from None
    except IsADirectoryError:
        raise UsageError(f"{name} adalah folder, bukan berkas rencana") from None
    except OSError as exc:
        raise UsageError(f"berkas {name} tidak dapat dibaca: {exc.strerror}") from None
    if len(raw) > MAX_PLAN_BYTES:
        raise UsageError(
            f"{name} lebih besar dari {MAX_PLAN_BYTES // (1024 * 1024)} MB; "
            "berkas rencana tidak pernah sebesar ini"
        )
    return raw


def load_file(path: str | FsPath) -> LoadResult:
    """Load one plan file; an unreadable file is a :class:`UsageError`."""
    return load_text(read_plan_bytes(path), os.fsdecode(path))


def expand_paths(paths: list[str]) -> list[str]:
    """Files named directly, plus every ``*.yaml``/``*.yml`` under named folders.

    Hidden folders and files (``.git``, ``.venv``) are skipped only *inside*
    a folder given, so ``../../plans`` or a folder under ``~/.jenkins`` is
    searched. A run that finds no plan at all is a :class:`UsageError`.
    """
    files: list[str] = []
    for raw in paths:
        p = FsPath(raw)
        if p.is_dir():
            files.extend(_plans_under(p))
        elif p.exists():
            files.append(raw)
        else:
            raise UsageError(f"tidak ada berkas atau folder bernama {shown_path(raw)}")
    if not files:
        names = ", ".join(shown_path(raw) for raw in paths)
        raise UsageError(f"tidak ada berkas rencana (*.yaml, *.yml) di {names}")
    return files


def _plans_under(folder: FsPath) -> list[str]:
    found: list[str] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            os.path.join(root, name)
            for name in names
            if not name.startswith(".")
            and FsPath(name).suffix in PLAN_SUFFIXES
            and os.path.isfile(os.path.join(root, name))
        )
    return sorted(found)
