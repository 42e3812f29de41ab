"""Project settings: a ``[tool.pokin]`` table in ``pyproject.toml`` or a ``pokin.toml``.

The settings of a plan come from the nearest configuration file found by
walking up from the plan's folder: in each folder a ``pokin.toml`` wins over
a ``pyproject.toml``, and a ``pyproject.toml`` without a ``[tool.pokin]``
table is passed over. Files are not merged; the nearest one applies.

Keys::

    select = ["budget", "cascade", "I001"]   # only these codes/groups (default: all)
    ignore = ["I007", "I008"]                # skip these codes/groups
    strict = true                            # warnings also fail (exit 1)
    [tool.pokin.severity]                    # per code or group: "error" | "warning"
    C006 = "warning"

On the command line ``--select`` replaces the file's ``select``, ``--ignore``
adds to its ``ignore`` and ``--strict`` turns strict on.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from pokin.problems import Severity, UsageError, suggest

CONFIG_FILES = ("pokin.toml", "pyproject.toml")
_KEYS = ("select", "ignore", "strict", "severity")
#: Tables of a pokin.toml read elsewhere ([workspace]: pokin.source.workspace;
#: [dokumen]: document_settings below).
_OTHER_TABLES = ("workspace", "dokumen")
#: Keys of the [dokumen] table: what the signed documents print by default.
DOKUMEN_KEYS = ("logo", "tempat")
#: Groups whose severity cannot change: the plan could not be read past them.
_FIXED_GROUPS = ("yaml", "schema")


@dataclass(frozen=True)
class Settings:
    """Settings from one configuration file (empty: defaults)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    severity: Mapping[str, Severity] = field(default_factory=dict)
    source: str | None = None

    def severity_of(self, code: str, group: str, default: Severity) -> Severity:
        """The severity of a problem: a code override, else a group override, else default."""
        if not self.severity:
            return default
        return self.severity.get(code, self.severity.get(group, default))


def find_settings(plan_path: str | Path) -> Settings:
    """The settings that apply to the plan at ``plan_path``."""
    folder = Path(plan_path).resolve().parent
    return _settings_for_folder(folder)


@lru_cache(maxsize=256)
def _settings_for_folder(folder: Path) -> Settings:
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if not path.is_file():
                continue
            table = _read_table(path)
            if table is not None:
                return parse_settings(table, str(path))
    return Settings()


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: TOML tidak valid: {exc}") from None
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()
        line = raw.count(b"\n", 0, exc.start) + 1
        raise UsageError(
            f"{path}:{line}: berkas pengaturan bukan UTF-8 (byte 0x{raw[exc.start]:02X}); "
            "simpan ulang sebagai UTF-8"
        ) from None
    except OSError as exc:
        raise UsageError(f"{path} tidak dapat dibaca: {exc.strerror}") from None
    tool = data.get("tool")
    table = tool.get("pokin") if isinstance(tool, dict) else None
    if isinstance(table, dict):
        return table
    if path.name == "pokin.toml":
        return {k: v for k, v in data.items() if k != "tool"}
    return None


def parse_settings(table: Mapping[str, Any], source: str) -> Settings:
    """Settings from a parsed ``[tool.pokin]`` table (a UsageError if it is wrong)."""
    for key in table:
        if key in _OTHER_TABLES:
            continue
        if key not in _KEYS:
            raise UsageError(
                f"{source}: kunci '{key}' tidak dikenal di pengaturan pokin "
                f"(yang dikenal: {', '.join(_KEYS)}){_suggest(str(key), _KEYS)}"
            )
    select = _names(table.get("select", []), "select", source)
    ignore = _names(table.get("ignore", []), "ignore", source)
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise UsageError(f"{source}: 'strict' harus true atau false")
    severity_table = table.get("severity", {})
    if not isinstance(severity_table, dict):
        raise UsageError(f'{source}: \'severity\' harus berupa tabel kode = "error"|"warning"')
    severity: dict[str, Severity] = {}
    for name, level in severity_table.items():
        (norm,) = check_names([name], f"{source}: severity")
        if level not in ("error", "warning"):
            raise UsageError(f'{source}: severity {name} harus "error" atau "warning"')
        _check_adjustable(norm, source)
        severity[norm] = cast(Severity, level)
    return Settings(tuple(select), tuple(ignore), strict, severity, source)


def _names(value: Any, key: str, source: str) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{source}: '{key}' harus berupa daftar kode atau kelompok aturan")
    return check_names([v for v in value if v.strip()], f"{source}: {key}")


def normalise_name(item: str) -> str:
    """A code in upper case (``b001`` → ``B001``), a group name in lower case."""
    item = item.strip()
    return item.upper() if item[:1].isalpha() and item[1:].isdigit() else item.lower()


def check_names(items: Iterable[str], where: str) -> list[str]:
    """Normalised rule codes or group names; a UsageError names any unknown one."""
    from pokin.check.rules.registry import GROUPS, all_rules

    known = set(all_rules()) | set(GROUPS)
    result = []
    for item in items:
        norm = normalise_name(item)
        if norm not in known:
            raise UsageError(
                f"{where}: '{item.strip()}' bukan kode atau kelompok aturan"
                f"{_suggest(norm, known)} (lihat 'pokin rules')"
            )
        result.append(norm)
    return result


def _check_adjustable(name: str, source: str) -> None:
    from pokin.check.rules.registry import all_rules

    rule = all_rules().get(name)
    group = rule.group if rule is not None else name
    if group in _FIXED_GROUPS:
        raise UsageError(
            f"{source}: tingkat keparahan {name} tidak dapat diubah: "
            "rencana tidak dapat diperiksa lebih lanjut tanpa memperbaikinya"
        )


def _suggest(name: str, options: Iterable[str]) -> str:
    guess = suggest(name, sorted(options))
    return f"; mungkin maksudnya '{guess[0]}'?" if guess else ""


def document_settings(plan_path: str | Path) -> dict[str, str]:
    """The ``[dokumen]`` table of the settings that apply to a plan (``logo``, ``tempat``).

    ``logo`` is a path relative to the settings file, returned resolved. A
    wrong key or value is a :class:`UsageError` in Indonesian.
    """
    settings = find_settings(plan_path)
    if settings.source is None:
        return {}
    table = _read_table(Path(settings.source)) or {}
    dokumen = table.get("dokumen", {})
    if not isinstance(dokumen, dict):
        raise UsageError(f"{settings.source}: 'dokumen' harus berupa tabel (logo, tempat)")
    out: dict[str, str] = {}
    for key, value in dokumen.items():
        if key not in DOKUMEN_KEYS:
            raise UsageError(
                f"{settings.source}: kunci '{key}' tidak dikenal di [dokumen] "
                f"(yang dikenal: {', '.join(DOKUMEN_KEYS)}){_suggest(str(key), DOKUMEN_KEYS)}"
            )
        if not isinstance(value, str) or not value.strip():
            raise UsageError(f"{settings.source}: [dokumen] {key} harus berupa teks")
        out[key] = value.strip()
    if "logo" in out:
        out["logo"] = str(Path(settings.source).parent / out["logo"])
    return out


def clear_cache() -> None:
    """Forget settings read so far (for long-running callers and tests)."""
    _settings_for_folder.cache_clear()
