"""Turning pydantic validation errors into located problems a planner reads."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from pokin.model import Plan
from pokin.problems import Path, Problem, shorten, suggest
from pokin.source.parse import Document

_TYPE_WORDS = {
    "string_type": "teks",
    "int_type": "bilangan bulat",
    "int_parsing": "bilangan bulat",
    "int_from_float": "bilangan bulat",
    "float_type": "angka",
    "float_parsing": "angka",
    "list_type": "daftar (baris-baris '- ...')",
    "tuple_type": "daftar dua tahun, misalnya [2021, 2025]",
    "dict_type": "pemetaan (kunci: nilai)",
    "model_type": "pemetaan (kunci: nilai)",
    "model_attributes_type": "pemetaan (kunci: nilai)",
    "bool_type": "ya/tidak (true/false)",
}


def problems_from_validation(
    exc: ValidationError, doc: Document, root: type[BaseModel] = Plan
) -> list[Problem]:
    """One problem per pydantic error, at the position of the offending key or value.

    ``root`` is the model of the whole file (a plan, or a realisasi file).
    """
    problems: list[Problem] = []
    seen: set[tuple[Path, str]] = set()
    for err in exc.errors(include_url=False):
        loc: Path = tuple(err["loc"])
        etype = err["type"]
        # a failed union reports one error per member: keep the first per place
        loc = tuple(step for step in loc if not _is_union_tag(step))
        if (loc, etype) in seen:
            continue
        seen.add((loc, etype))
        if etype == "yearly":
            # one located problem per bad year of a yearly mapping
            field = str(loc[-1]) if loc else ""
            for key, message in err["ctx"]["bad"]:
                place = (*loc, key)
                line, column = doc.position(place)
                problems.append(
                    Problem(
                        "S005",
                        "error",
                        f"{_capital(message)} ({field}, tahun {shorten(key, 20)}).",
                        doc.file,
                        line,
                        column,
                        node_at(doc.data, loc),
                        place,
                    )
                )
            continue
        code, message, at_key = _describe(err, loc, doc, root)
        line, column = doc.position(loc, key=at_key)
        problems.append(
            Problem(code, "error", message, doc.file, line, column, node_at(doc.data, loc), loc)
        )
    return _drop_union_noise(problems)


def _is_union_tag(step: object) -> bool:
    return isinstance(step, str) and (
        step in ("int", "float", "function-before[_money(), union[int,dict[int,int]]]")
        or step.startswith(("dict[", "union[", "function-", "list[", "tuple["))
    )


def _drop_union_noise(problems: list[Problem]) -> list[Problem]:
    # a value that failed every member of a union yields several errors at one spot
    kept: dict[tuple[int, int, str], Problem] = {}
    for p in problems:
        kept.setdefault((p.line, p.column, p.code), p)
    return list(kept.values())


def _describe(
    err: Any, loc: Path, doc: Document, root: type[BaseModel] = Plan
) -> tuple[str, str, bool]:
    etype: str = err["type"]
    where = _where(loc)
    field = str(loc[-1]) if loc else ""
    if etype == "extra_forbidden":
        allowed = sorted(_allowed_keys(loc[:-1], root))
        guess = suggest(field, allowed)
        hint = f" Mungkin maksudnya '{guess[0]}'?" if guess else ""
        listing = ", ".join(allowed)
        return (
            "S001",
            f"Kunci '{shorten(field)}' tidak dikenal {where}.{hint} Kunci yang dikenal: {listing}.",
            True,
        )
    if etype == "shape":  # a realisasi value of the wrong shape (its own message)
        return ("S003", f"'{field}' {where}: {err['msg']}.", False)
    if etype in ("eselon", "nip", "crosscutting"):
        return ("S004", f"{_capital(err['msg'])}.", False)
    if etype == "missing":
        return ("S002", f"Kunci wajib '{field}' tidak ada {_where(loc[:-1], own=True)}.", False)
    if etype in ("number", "periode"):
        return ("S005", f"{_capital(err['msg'])} ({field}).", False)
    if etype == "string_pattern_mismatch" and ":" in str(err.get("ctx", {}).get("pattern", "")):
        return (
            "S006",
            f"Rujukan '{shorten(err['input'])}' untuk '{field}' tidak sah: tulis KODE_PD:ID, "
            "misalnya pemda:penanganan-pmks (huruf kecil, angka dan '-').",
            False,
        )
    if etype == "string_pattern_mismatch":
        return (
            "S006",
            f"Id '{shorten(err['input'])}' tidak sah: gunakan huruf kecil, angka dan tanda '-' "
            "saja, diawali huruf atau angka (contoh: bencana-permakanan).",
            False,
        )
    if etype == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        if field == "pokin_realisasi":
            return (
                "S004",
                f"Versi format '{shorten(err['input'])}' tidak dikenal; "
                "tulis 'pokin_realisasi: 1'.",
                False,
            )
        if field == "pokin":
            return (
                "S004",
                f"Versi format '{shorten(err['input'])}' tidak dikenal; tulis 'pokin: 1'.",
                False,
            )
        return (
            "S004",
            f"Nilai '{shorten(err['input'])}' tidak sah untuk '{field}'; pilihan: {expected}.",
            False,
        )
    if etype in ("string_too_short",):
        return ("S004", f"'{field}' tidak boleh kosong {where}.", False)
    if etype in ("string_too_long",):
        return ("S004", f"'{field}' terlalu panjang {where}.", False)
    if etype in ("greater_than_equal", "less_than_equal"):
        return ("S004", f"Nilai '{shorten(err['input'])}' untuk '{field}' tidak masuk akal.", False)
    if etype in _TYPE_WORDS:
        got = _kind(err.get("input"))
        return (
            "S003",
            f"'{field}' {where} harus berupa {_TYPE_WORDS[etype]}, bukan {got}.",
            False,
        )
    if etype == "too_short" and field == "periode":
        return ("S003", "periode harus daftar dua tahun, misalnya [2021, 2025].", False)
    if etype in ("too_long", "too_short"):
        return ("S003", f"'{field}' {where}: jumlah isi tidak sesuai ({err['msg']}).", False)
    return ("S003", f"'{field}' {where}: nilai tidak sah ({err['msg']}).", False)


def _where(loc: Path, own: bool = False) -> str:
    """'di program #2 (csf[0].program[1])' style description of a location."""
    containers = [s for s in loc if isinstance(s, str)]
    if not containers or (len(loc) == 1 and not own):
        return "di tingkat teratas"
    if own and not loc:
        return "di tingkat teratas"
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts[-1] = f"{parts[-1]}[{step}]" if parts else f"[{step}]"
        else:
            parts.append(str(step))
    dotted = ".".join(parts if own else parts[:-1]) or "tingkat teratas"
    return f"di {dotted}"


def _allowed_keys(container: Path, root: type[BaseModel] = Plan) -> set[str]:
    model: Any = root
    mapping_key = False  # the step is a key of a mapping of models (a realisasi node id)
    for step in container:
        if isinstance(step, int) or mapping_key:
            mapping_key = False
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return set()
        info = model.model_fields.get(str(step))
        if info is None:
            return set()
        mapping_key = typing.get_origin(info.annotation) is dict
        model = _inner_model(info.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return set(model.model_fields)
    return set()


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, tuple):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    if origin is dict:
        return _inner_model(typing.get_args(annotation)[1])
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    return annotation


def node_at(data: Any, path: Path) -> str | None:
    """The id of the nearest node (mapping with an ``id``) along ``path``."""
    found: str | None = None
    current = data
    for step in path:
        if isinstance(current, dict):
            ident = current.get("id")
            if isinstance(ident, str):
                found = ident
            current = current.get(step)
        elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            current = current[step]
        else:
            return found
    if isinstance(current, dict) and isinstance(current.get("id"), str):
        found = current["id"]
    return found


def _kind(value: Any) -> str:
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return "ya/tidak"
    if isinstance(value, int | float):
        return f"angka {value!r}"
    if isinstance(value, str):
        return f"teks '{shorten(value)}'"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pemetaan"
    return type(value).__name__


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
