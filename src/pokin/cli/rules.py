"""`pokin rules`: list every rule, or explain one with its examples."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Annotated

import typer

from pokin.cli.app import app, fail, write_stdout


class RulesFormat(enum.StrEnum):
    """Output formats of `pokin rules`."""

    text = "text"
    json = "json"


@app.command()
def rules(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE",
            help="Kode aturan (B001), nama aturan (budget-mismatch) atau kelompok (budget).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="Format keluaran.")
    ] = RulesFormat.text,
) -> None:
    """Daftar aturan (kode, kelompok, tingkat, ringkasan); atau jelaskan satu aturan."""
    from pokin.check.rules.registry import GROUPS, all_rules, get_rule
    from pokin.render.rules import render_rule, render_rule_list, render_rules_json

    registry = all_rules()
    if name is None:
        chosen = list(registry.values())
    else:
        key = name.strip()
        rule = get_rule(key) or next((r for r in registry.values() if r.name == key.lower()), None)
        if rule is not None:
            if output_format is RulesFormat.json:
                write_stdout(render_rules_json([rule]))
            else:
                write_stdout(render_rule(rule))
            return
        if key.lower() not in GROUPS:
            fail(f"tidak ada aturan atau kelompok bernama '{key}'{_suggest(key, registry, GROUPS)}")
        chosen = [r for r in registry.values() if r.group == key.lower()]
    if output_format is RulesFormat.json:
        write_stdout(render_rules_json(chosen))
    else:
        write_stdout(render_rule_list(chosen))


def _suggest(key: str, registry: Mapping[str, object], groups: Mapping[str, str]) -> str:
    from pokin.problems import suggest

    names = [*registry, *groups, *(getattr(r, "name", "") for r in registry.values())]
    guess = suggest(key.upper(), registry, cutoff=0.5)
    guess = guess or suggest(key.lower(), names)
    return (
        f"; mungkin maksud Anda: {guess[0]} (lihat 'pokin rules')"
        if guess
        else " (lihat 'pokin rules')"
    )
