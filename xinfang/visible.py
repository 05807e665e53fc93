"""Text from the ledger or a register, made safe to show: a control character (ESC, which
starts the sequences that clear a screen, move the cursor, retitle a window or plant a
link; a carriage return that overwrites a line; the bidirectional overrides that reorder
what is read) is shown as its escape, `\\x1b`, never passed to a terminal or a mail."""

from __future__ import annotations

import re
from typing import Any

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character shown as its escape."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def json_safe(text: str) -> str:
    """JSON text whose strings hold no raw control character: what JSON itself leaves
    raw (DEL, C1 controls, the bidirectional overrides) written as \\u escapes, which any
    JSON reader reads back as the same characters."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def visible_all(value: Any) -> Any:
    """A copy of a record (dicts, lists, tuples of text and numbers) with `visible` text:
    what a renderer formats for a person."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {key: visible_all(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(visible_all(item) for item in value)
    return value
