"""The files xinfang hands out (exports, rejects files): readable by their owner only,
and made of cells that Excel opens as they are, never as formulas or as numbers that
lose their digits (DOMAIN.md §8)."""

from __future__ import annotations

import os
import re
from typing import Any

# Cells Excel would run as a formula (OWASP: CSV injection), and long numbers it would
# turn into 3.60803E+17 or strip of their leading zero.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LONG_NUMBER = re.compile(r"^(\d{11,}[0-9Xx]?|0\d{5,})$")


def neutralise(cell: str) -> str:
    """A cell that begins with = + - @ (or a tab or CR) gets a leading apostrophe, so
    Excel shows it as text and never runs it. `xinfang import` takes the apostrophe off."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def excel_cell(value: Any, guard_numbers: bool = True) -> str:
    """A cell for a CSV that will be opened in Excel."""
    cell = neutralise("" if value is None else str(value))
    if guard_numbers and _LONG_NUMBER.match(cell):
        # A leading tab makes Excel keep the digits as text; import strips it again.
        cell = "\t" + cell
    return cell


def write_private(path: str | os.PathLike, payload: bytes) -> None:
    """Write a file readable by its owner only (mode 0600): exports and rejects files hold
    petitioners' names and addresses, and with --with-pii their ID numbers and phones."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
    os.chmod(path, 0o600)
