"""A pemda's plans together: the ``[workspace]`` table of a ``pokin.toml`` and loading its plans.

::

    [workspace]
    pemda = "Kabupaten Kotawaringin Timur"
    jenis_pemda = "kabupaten"          # kabupaten | kota | provinsi
    nomenklatur = "kepmendagri-900"
    plans = ["rpjmd.yaml", "opd/*.yaml"]   # default: every *.yaml below the folder

Each plan is parsed once (:func:`load_workspace`); checking spreads the plans
over processes (:mod:`pokin.check.workspace`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path as FsPath
from typing import Any

from pokin.plan import LoadedPlan
from pokin.problems import Problem, UsageError
from pokin.source.load import LoadResult, expand_paths, load_file

CONFIG_FILE = "pokin.toml"
JENIS_PEMDA = ("kabupaten", "kota", "provinsi")
_KEYS = ("pemda", "jenis_pemda", "nomenklatur", "plans")


@dataclass(frozen=True)
class WorkspaceConfig:
    """The ``[workspace]`` table of a folder's ``pokin.toml``."""

    folder: FsPath
    file: str
    pemda: str | None = None
    jenis_pemda: str | None = None
    nomenklatur: str | None = None
    #: Globs relative to the folder (empty: every ``*.yaml``/``*.yml`` below it).
    plans: tuple[str, ...] = ()


def find_workspace(path: str | FsPath) -> WorkspaceConfig | None:
    """The workspace of a folder whose ``pokin.toml`` has a ``[workspace]`` table, else ``None``."""
    folder = FsPath(path)
    config = folder / CONFIG_FILE
    if not folder.is_dir() or not config.is_file():
        return None
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{config}: TOML tidak valid: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{config} tidak dapat dibaca: {exc}") from None
    table = data.get("workspace")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise UsageError(f"{config}: 'workspace' harus berupa tabel [workspace]")
    return parse_workspace(table, folder, str(config))


def enclosing_workspace(plan: str | FsPath) -> WorkspaceConfig | None:
    """The workspace a plan file lies in: the nearest folder above it with ``[workspace]``."""
    folder = FsPath(plan).resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            found = find_workspace(candidate)
            if found is not None:
                return found
    return None


def parse_workspace(table: dict[str, Any], folder: FsPath, source: str) -> WorkspaceConfig:
    """The workspace settings of a parsed ``[workspace]`` table (a UsageError if wrong)."""
    for key in table:
        if key not in _KEYS:
            raise UsageError(
                f"{source}: kunci '{key}' tidak dikenal di [workspace] "
                f"(yang dikenal: {', '.join(_KEYS)})"
            )
    texts: dict[str, str | None] = {}
    for key in ("pemda", "jenis_pemda", "nomenklatur"):
        value = table.get(key)
        if value is not None and not (isinstance(value, str) and value.strip()):
            raise UsageError(f"{source}: [workspace] '{key}' harus berupa teks")
        texts[key] = value.strip() if isinstance(value, str) else None
    if texts["jenis_pemda"] is not None and texts["jenis_pemda"] not in JENIS_PEMDA:
        raise UsageError(
            f"{source}: [workspace] jenis_pemda '{texts['jenis_pemda']}' tidak dikenal; "
            f"pilihan: {', '.join(JENIS_PEMDA)}"
        )
    plans = table.get("plans", [])
    if isinstance(plans, str):
        plans = [plans]
    if not isinstance(plans, list) or not all(isinstance(p, str) and p.strip() for p in plans):
        raise UsageError(f"{source}: [workspace] 'plans' harus berupa daftar pola berkas")
    return WorkspaceConfig(
        folder,
        source,
        texts["pemda"],
        texts["jenis_pemda"],
        texts["nomenklatur"],
        tuple(p.strip() for p in plans),
    )


@dataclass
class Workspace:
    """A workspace's plans as loaded: every file's result, in order, and problems of its config."""

    config: WorkspaceConfig
    results: list[LoadResult]
    #: Problems of the workspace itself, located in ``pokin.toml`` (a glob matching nothing).
    problems: list[Problem] = field(default_factory=list)

    @property
    def plans(self) -> list[LoadedPlan]:
        """The plans that loaded, in file order."""
        return [r.plan for r in self.results if r.plan is not None]

    @cached_property
    def by_kode(self) -> dict[str, LoadedPlan]:
        """Loaded plans by ``kode_pd`` (the first, where one is duplicated)."""
        result: dict[str, LoadedPlan] = {}
        for plan in self.plans:
            if plan.model.kode_pd:
                result.setdefault(plan.model.kode_pd, plan)
        return result

    @property
    def failed_kode(self) -> set[str | None]:
        """``kode_pd`` of plans that did not load (``None`` when a file's kode is unreadable)."""
        failed: set[str | None] = set()
        for r in self.results:
            if r.plan is None:
                data = r.document.data if r.document is not None else None
                kode = data.get("kode_pd") if isinstance(data, dict) else None
                failed.add(kode if isinstance(kode, str) else None)
        return failed

    @property
    def rpjmd(self) -> LoadedPlan | None:
        """The pemda's RPJMD plan, when the workspace has one."""
        return next((p for p in self.plans if p.model.dokumen == "rpjmd"), None)

    @property
    def title(self) -> str:
        """The pemda's name (the folder's name when ``pemda`` is not given)."""
        return self.config.pemda or self.config.folder.resolve().name


def is_realisasi_file(path: str) -> bool:
    """Whether ``path`` is a realisasi file, not a plan (see :mod:`pokin.source.realisasi`)."""
    from pokin.source.realisasi import is_realisasi_file as sniff

    return sniff(path)


def plan_files(config: WorkspaceConfig) -> tuple[list[str], list[Problem]]:
    """The workspace's plan files, and a located problem for every glob that matches nothing."""
    folder = config.folder
    if not config.plans:
        return [
            f
            for f in expand_paths([str(folder)])
            if FsPath(f).name != CONFIG_FILE and not is_realisasi_file(f)
        ], []
    files: list[str] = []
    problems: list[Problem] = []
    for pattern in config.plans:
        matched = sorted(
            str(p) for p in folder.glob(pattern) if p.is_file() and p.suffix in (".yaml", ".yml")
        )
        if not matched:
            line, column = _glob_position(config.file, pattern)
            problems.append(
                Problem(
                    "R005",
                    "error",
                    f"Pola '{pattern}' di [workspace] plans tidak cocok dengan berkas rencana "
                    "mana pun; periksa nama folder/berkasnya.",
                    config.file,
                    line,
                    column,
                )
            )
        files.extend(f for f in matched if f not in files and not is_realisasi_file(f))
    return files, problems


def realisasi_files(config: WorkspaceConfig) -> list[str]:
    """The realisasi files (``pokin_realisasi: 1``) anywhere below the workspace folder."""
    from pokin.problems import UsageError

    try:
        found = expand_paths([str(config.folder)])
    except UsageError:
        return []
    return [f for f in found if is_realisasi_file(f)]


def _glob_position(file: str, pattern: str) -> tuple[int, int]:
    """Line and column of a glob's text in ``pokin.toml`` (the first occurrence)."""
    try:
        lines = FsPath(file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return (1, 1)
    for quote in ('"', "'"):
        needle = f"{quote}{pattern}{quote}"
        for number, line in enumerate(lines, start=1):
            column = line.find(needle)
            if column >= 0:
                return (number, column + 1)
    return (1, 1)


def load_workspace(config: WorkspaceConfig) -> Workspace:
    """Load every plan of a workspace once, in file order."""
    files, problems = plan_files(config)
    return Workspace(config, [load_file(f) for f in files], problems)
