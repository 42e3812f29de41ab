"""Command-line interface: thin Typer commands over the core."""

from __future__ import annotations

import gc
import os
import sys

from pokin.cli import (  # noqa: F401  (each module registers its commands)
    budget,
    capaian,
    diff,
    export,
    fix,
    import_,
    init,
    lkjip,
    nomenklatur,
    report,
    rules,
    schema,
    tree,
    validate,
)
from pokin.cli.app import app, debug


def main() -> None:
    """Entry point of the ``pokin`` console script."""
    from pokin.problems import UsageError

    # A CLI run is short and builds large acyclic object trees; the cyclic
    # collector would otherwise rescan them over and over (over half of the
    # load time of a 10,000-node plan).
    gc.disable()
    # pokin uses no pydantic plugins; scanning installed packages for them
    # costs more than validating a small plan.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except UsageError as exc:
        sys.stderr.write(f"pokin: error: {exc}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # the reader of our output went away: stop quietly
        from pokin.render.console import closed_pipe

        closed_pipe()
    except Exception as exc:  # an internal bug: no traceback unless asked for
        if debug():
            raise
        sys.stderr.write(
            f"pokin: internal error: {type(exc).__name__}: {exc}\n"
            "(galat internal pokin) Jalankan lagi dengan POKIN_DEBUG=1 untuk rinciannya dan "
            "laporkan kepada pengelola pokin.\n"
        )
        sys.exit(2)
