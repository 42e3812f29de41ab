"""Loading a plan file: read → decode → parse → schema, problems collected."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path as FsPath

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


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large object trees.

    Loading creates many small objects and no cycles worth collecting; the
    collector's repeated generation-0/1/2 passes otherwise cost more than the
    parse itself on large plans.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_text(text: str | bytes, file: str) -> LoadResult:
    """Load a plan from text (or raw bytes) under the display name ``file``."""
    if isinstance(text, bytes):
        decoded, problem = decode(text, file)
        if decoded is None:
            assert problem is not None
            return LoadResult(file, None, [problem])
        text = decoded
    with _no_cyclic_gc():
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


def load_file(path: str | FsPath) -> LoadResult:
    """Load one plan file; an unreadable file is a :class:`UsageError`."""
    fs = FsPath(path)
    try:
        raw = fs.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"berkas tidak ditemukan: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{path} adalah folder, bukan berkas rencana") from None
    except OSError as exc:
        raise UsageError(f"berkas {path} tidak dapat dibaca: {exc.strerror}") from None
    return load_text(raw, str(path))


def expand_paths(paths: list[str]) -> list[str]:
    """Files named directly, plus every ``*.yaml``/``*.yml`` under named folders."""
    files: list[str] = []
    for raw in paths:
        p = FsPath(raw)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*") if f.suffix in PLAN_SUFFIXES and f.is_file()
            )
            files.extend(f for f in found if "/." not in f.replace("\\", "/"))
        elif p.exists():
            files.append(raw)
        else:
            raise UsageError(f"tidak ada berkas atau folder bernama {raw}")
    return files
