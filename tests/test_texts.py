"""The text catalogue: every entry in both languages with the same placeholders, every
key the code asks for present, every error's message in it, and no sentence built
inline from two languages."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import string
from pathlib import Path

import pytest

import xinfang
from xinfang.errors import XinfangError
from xinfang.texts import TEXTS, join, ref, t

PACKAGE = Path(xinfang.__file__).parent
SOURCES = sorted(PACKAGE.rglob("*.py"))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_both_languages_take_the_same_parameters(key):
    zh, en = TEXTS[key]
    # A hint may have nothing to add in one language.
    assert zh.strip() or key.startswith(("sep.", "hint.")), key
    assert en.strip() or key.startswith(("sep.", "hint.")), key
    assert placeholders(zh) == placeholders(en), key


def _keys_asked_for() -> list[tuple[str, str]]:
    """The literal keys passed to t(), ref() and the `entry` of errors, by file."""
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                first = node.args[0]
                if name in ("t", "ref", "Ref") and isinstance(first, ast.Constant) \
                        and isinstance(first.value, str):
                    found.append((str(path.relative_to(PACKAGE)), first.value))
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "entry" and isinstance(keyword.value, ast.Constant):
                        found.append((str(path.relative_to(PACKAGE)), keyword.value.value))
    return found


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    asked = _keys_asked_for()
    assert len(asked) > 20
    missing = [(path, key) for path, key in asked if key not in TEXTS]
    assert missing == []


def _error_classes() -> list[type[XinfangError]]:
    for module in pkgutil.walk_packages(xinfang.__path__, "xinfang."):
        if module.name != "xinfang.__main__":
            importlib.import_module(module.name)
    found, todo = [], [XinfangError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return [cls for cls in found if cls.__module__.startswith("xinfang")]


def test_every_error_has_its_message_in_the_catalogue():
    classes = _error_classes()
    assert len(classes) > 30
    for cls in classes:
        assert f"error.{cls.__name__}" in TEXTS, cls
        assert inspect.getdoc(cls), cls  # says in a line what it is


def test_parameters_may_be_text_in_the_same_language():
    TEXTS["test.outer"] = ("甲{inner}乙", "A{inner}B")
    TEXTS["test.inner"] = ("〈{n}〉", "<{n}>")
    try:
        inner = ref("test.inner", n=1)
        assert t("test.outer", "zh", inner=inner) == "甲〈1〉乙"
        assert t("test.outer", "en", inner=join([inner, "x"])) == "A<1>, xB"
    finally:
        del TEXTS["test.outer"], TEXTS["test.inner"]


_INLINE = re.compile(r"""if (lang == ["']zh["']|zh) else""")


def test_no_sentence_is_built_inline_from_two_languages():
    """User-facing text comes from the catalogue, never from `… if zh else …`."""
    inline = [f"{path.relative_to(PACKAGE)}:{number}"
              for path in SOURCES if path.name != "texts.py"
              for number, line in enumerate(path.read_text().splitlines(), start=1)
              if _INLINE.search(line)]
    assert inline == []
