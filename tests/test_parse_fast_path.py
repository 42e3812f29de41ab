"""The C-parser fast path: taken, exact on nesting, harmless to other ruamel.yaml users."""

from __future__ import annotations

import platform
import threading

import _ruamel_yaml
import pytest
import ruamel.yaml.nodes
from ruamel.yaml import YAML

from pokin.source import parse as parse_module
from pokin.source.load import load_text
from pokin.source.parse import c_parser_in_use, parse
from tests.helpers import EXAMPLE, MINIMAL


@pytest.mark.skipif(platform.python_implementation() != "CPython", reason="C parser")
def test_canary_the_c_parser_fast_path_is_taken() -> None:
    """Fails if pokin silently falls back to the (several times slower) pure-Python parser."""
    assert c_parser_in_use()
    doc = parse(EXAMPLE.read_text(encoding="utf-8"), "example")
    assert doc.problems == []
    # the fast loader's own resolver ran: its prebuilt tag objects are on the nodes
    assert doc.root is not None and doc.root.ctag is parse_module._MAP
    key, _value = doc.root.value[0]
    assert key.ctag is parse_module._PLAIN
    # and ruamel.yaml's module globals are untouched
    assert _ruamel_yaml.ScalarNode is ruamel.yaml.nodes.ScalarNode
    assert _ruamel_yaml.MappingNode is ruamel.yaml.nodes.MappingNode


def test_other_threads_using_ruamel_c_loader_are_unaffected() -> None:
    text = "a: [1, {b: c}]\nd: 2019-01-01\ne: !!str 5\nf: yes\n"
    expected = YAML(typ="safe").load(text)
    errors: list[BaseException] = []
    stop = threading.Event()

    def foreign() -> None:
        try:
            while not stop.is_set():
                assert YAML(typ="safe").load(text) == expected
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
            stop.set()

    worker = threading.Thread(target=foreign)
    worker.start()
    try:
        for _ in range(20):
            assert load_text(MINIMAL, "plan.yaml").plan is not None
    finally:
        stop.set()
        worker.join()
    assert errors == []


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("pokin: " + "[" * 70 + "]" * 70 + "\n", 1, 71),
        ("pokin: " + "[" * 6000 + "]" * 6000 + "\n", 1, 71),
        ("pokin: " + "{a: " * 6000 + "1" + "}" * 6000 + "\n", 1, 260),
        ("a: '" + "[" * 9000 + "'\nb: [" + "x, " * 9000 + "y]\n", None, None),
    ],
)
def test_nesting_is_measured_exactly(text: str, line: int | None, column: int | None) -> None:
    """Brackets inside quotes and long lines do not count; real nesting does, at its place."""
    problems = parse(text, "plan.yaml").problems
    if line is None:
        assert problems == []
    else:
        assert [(p.code, p.line, p.column) for p in problems][:1] == [("Y007", line, column)]
