"""``python -m pokin`` and the ``pokin`` console script.

Two commands run here without building the Typer application, which alone
takes longer to import than the YAML library:

* ``pokin --help`` is answered from ``cli/help.txt`` (Typer's own output for
  the command list, kept in sync by a test);
* ``pokin validate PATH...`` without options, the command CI runs on every
  commit, calls the same core and renderer as ``pokin.cli.validate`` (a test
  checks both give the same output and exit code).

Everything else goes to :func:`pokin.cli.main`.
"""

from __future__ import annotations

import os
import sys

#: Typer renders the help at most 80 columns wide; narrower terminals get its own.
_HELP_WIDTH = 80


def main() -> None:
    """Entry point: the quick top-level help, or the Typer application."""
    quick = sys.argv[1:] in (["--help"], ["-h"]) and os.path.basename(sys.argv[0]) == "pokin"
    if quick and _columns() >= _HELP_WIDTH:
        try:
            with open(os.path.join(os.path.dirname(__file__), "cli", "help.txt"), "rb") as f:
                text = f.read()
        except OSError:  # pragma: no cover - an incomplete installation
            pass
        else:
            sys.stdout.buffer.write(text)
            sys.stdout.flush()
            return
    if sys.argv[1:] in (["--version"], ["-V"]):
        from pokin import __version__

        sys.stdout.write(f"pokin {__version__}\n")
        return
    _skip_pydantic_plugin_scan()
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "validate" and not any(a.startswith("-") for a in args):
        sys.exit(_quick_validate(args[1:]))
    from pokin.cli import main as cli_main

    cli_main()


def _quick_validate(paths: list[str]) -> int:
    """``pokin validate PATH...`` with default options, as :mod:`pokin.cli.validate` runs it."""
    import gc

    gc.disable()  # as pokin.cli.main: short run, large acyclic trees
    try:
        from pokin.check.engine import Selection
        from pokin.check.workspace import check_paths_or_workspaces
        from pokin.problems import UsageError
        from pokin.render.formats import PROBLEM_FORMATS, emit

        try:
            # a workspace folder is checked as one pemda, as pokin.cli.validate does
            report = check_paths_or_workspaces(paths, Selection(), use_config=True)
        except UsageError as exc:
            sys.stderr.write(f"pokin: error: {exc}\n")
            return 2
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        emit(PROBLEM_FORMATS, "github" if github else "human", report)
        sys.stdout.flush()
        return report.exit_code(False)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # as pokin.cli.main: no traceback unless asked for
        if os.environ.get("POKIN_DEBUG"):
            raise
        sys.stderr.write(
            f"pokin: internal error: {type(exc).__name__}: {exc}\n"
            "(galat internal pokin) Jalankan lagi dengan POKIN_DEBUG=1 untuk rinciannya dan "
            "laporkan kepada pengelola pokin.\n"
        )
        return 2


def _skip_pydantic_plugin_scan() -> None:
    """Let pydantic find its (disabled) plugins without importing importlib.metadata.

    pokin uses no pydantic plugins and disables them (``PYDANTIC_DISABLE_PLUGINS``);
    pydantic then returns no plugins, but its loader module still imports
    ``importlib.metadata`` first, which costs more than validating a small
    plan. While plugins are disabled, a stand-in loader gives the same answer;
    any other use of the loader gets the real module.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    name = "pydantic.plugin._loader"
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] not in ("__all__", "1", "true"):
        return
    if name in sys.modules:
        return
    import types

    stand_in = types.ModuleType(name)

    def get_plugins() -> tuple[()]:
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ("__all__", "1", "true"):
            return ()
        return _real().get_plugins()  # type: ignore[no-any-return]

    def _real() -> types.ModuleType:
        import importlib

        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return importlib.import_module(name)

    def __getattr__(attr: str) -> object:
        if attr.startswith("__"):  # the import system asks for __path__ and the like
            raise AttributeError(attr)
        return getattr(_real(), attr)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = __getattr__  # type: ignore[method-assign]
    sys.modules[name] = stand_in


def _columns() -> int:
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        return _HELP_WIDTH


if __name__ == "__main__":
    main()
