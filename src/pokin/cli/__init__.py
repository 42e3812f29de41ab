"""Command-line interface: thin Typer commands over the core."""

from __future__ import annotations

import sys

from pokin.cli import (  # noqa: F401  (each module registers its commands)
    budget,
    diff,
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

    try:
        app()
    except UsageError as exc:
        sys.stderr.write(f"pokin: error: {exc}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # an internal bug: no traceback unless asked for
        if debug():
            raise
        sys.stderr.write(
            f"pokin: internal error: {type(exc).__name__}: {exc}\n"
            "Run again with POKIN_DEBUG=1 for details and report it to the pokin maintainers.\n"
        )
        sys.exit(2)
