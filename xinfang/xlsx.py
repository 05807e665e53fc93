"""Workbooks xinfang hands out (exports, rejects files, reports) as real .xlsx files:
every text a text cell (an ID number keeps its digits, a cell that starts with = is never
a formula, not even once edited), dates as date cells, the header bold, frozen and
filtered, columns as wide as their Chinese text. The bytes are handed to
`files.write_output` like any other output file.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xinfang.errors import XinfangError
from xinfang.files import FORMULA_START
from xinfang.visible import visible

Cell = str | int | float | dt.date | None
TEXT, DATE, NUMBER = "text", "date", "number"
MAX_CELL = 32767  # characters a cell of Excel holds
MAX_ROWS = 1048576
MAX_WIDTH, MIN_WIDTH = 60, 6
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WHOLE = re.compile(r"^-?\d{1,15}$")
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


class CellTooLong(XinfangError):
    """A cell is longer than Excel's 32767 characters."""


class TooManyRows(XinfangError):
    """More rows than a sheet of Excel holds."""


@dataclass
class Sheet:
    """One sheet: a header row and the rows below it. `kinds` says, column by column,
    what a cell is: text (the default), a date (ISO text becomes a date cell) or a number
    (whole numbers become number cells); anything else stays text."""

    name: str
    header: list[str]
    rows: Iterable[Sequence[Any]]
    kinds: dict[int, str] = field(default_factory=dict)
    title: str | None = None  # a title row above the header, as registers have
    where: str = ""  # what a row is, for a cell too long: its first cell is named


def display_width(text: str) -> int:
    """Columns of Excel's default font the text takes: a Chinese character two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A name Excel accepts for a sheet (31 characters, none of []:*?/\\), not taken."""
    base = SHEET_NAME_BAD.sub("_", name).strip("'")[:31] or "Sheet"
    used = {n.lower() for n in taken}
    candidate, n = base, 1
    while candidate.lower() in used:
        n += 1
        suffix = f"({n})"
        candidate = base[:31 - len(suffix)] + suffix
    return candidate


class Book:
    """A workbook being written (xlsxwriter; `large`: in its constant-memory mode, where
    a large export is written row by row and never held twice, and rows are written in
    order only)."""

    def __init__(self, path: Path, large: bool = True) -> None:
        import xlsxwriter

        self.workbook = xlsxwriter.Workbook(str(path), {
            "constant_memory": large,
            # Text stays text: never a formula, a number or a link.
            "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False,
        })
        self.bold = self.workbook.add_format({"bold": True, "valign": "vcenter",
                                              "align": "center", "text_wrap": True,
                                              "border": 1, "bg_color": "#DDEBF7"})
        self.title_format = self.workbook.add_format({"bold": True, "font_size": 14,
                                                      "align": "center"})
        self.text = self.workbook.add_format({"num_format": "@"})
        # A text that starts with = + - @ is shown with Excel's own "text" prefix, so
        # that editing the cell does not turn it into a formula either.
        self.quoted = self.workbook.add_format({"num_format": "@", "quote_prefix": True})
        self.date = self.workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.percent = self.workbook.add_format({"num_format": "0.0%"})
        self.names: list[str] = []

    def add_sheet(self, name: str) -> Any:
        name = sheet_name(name, self.names)
        self.names.append(name)
        return self.workbook.add_worksheet(name)

    def write_text(self, sheet: Any, row: int, col: int, value: str, fmt: Any = None,
                   where: str = "") -> None:
        value = visible(value)
        if len(value) > MAX_CELL:
            raise CellTooLong(where=where, length=len(value), limit=MAX_CELL)
        if value.startswith(FORMULA_START):
            fmt = self.quoted
        sheet.write_string(row, col, value, fmt if fmt is not None else self.text)

    def write_cell(self, sheet: Any, row: int, col: int, value: Any, kind: str,
                   where: str = "") -> None:
        if value is None or value == "":
            return
        if kind == DATE:
            if isinstance(value, dt.date):
                sheet.write_datetime(row, col, value, self.date)
                return
            if isinstance(value, str) and _ISO_DATE.match(value):
                try:
                    sheet.write_datetime(row, col, dt.date.fromisoformat(value), self.date)
                    return
                except ValueError:
                    pass
        elif kind == NUMBER:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(row, col, value)
                return
            if isinstance(value, str) and _WHOLE.match(value):
                sheet.write_number(row, col, int(value))
                return
        self.write_text(sheet, row, col, str(value), where=where)

    def table(self, spec: Sheet) -> Any:
        """A sheet of `spec`: title, header (frozen, filtered), rows, column widths."""
        sheet = self.add_sheet(spec.name)
        widths = [display_width(h) for h in spec.header]
        top = 0
        if spec.title:
            if len(spec.header) > 1:
                sheet.merge_range(0, 0, 0, len(spec.header) - 1, visible(spec.title),
                                  self.title_format)
            else:
                sheet.write_string(0, 0, visible(spec.title), self.title_format)
            top = 1
        for col, text in enumerate(spec.header):
            self.write_text(sheet, top, col, text, self.bold)
        last = top
        kinds = spec.kinds
        for last, cells in enumerate(spec.rows, start=top + 1):
            if last >= MAX_ROWS:
                raise TooManyRows(limit=MAX_ROWS - 1 - top)
            where = str(cells[0]) if cells else ""
            for col, value in enumerate(cells):
                kind = kinds.get(col, TEXT)
                self.write_cell(sheet, last, col, value, kind, where)
                if last - top <= 2000 and value is not None:
                    while len(widths) <= col:
                        widths.append(0)
                    shown = 10 if kind == DATE else display_width(str(value))
                    if shown > widths[col]:
                        widths[col] = shown
        for col, width in enumerate(widths):
            sheet.set_column(col, col, max(MIN_WIDTH, min(MAX_WIDTH, width + 2)))
        sheet.freeze_panes(top + 1, 0)
        if spec.header:
            sheet.autofilter(top, 0, max(last, top), len(spec.header) - 1)
        return sheet

    def close(self) -> None:
        self.workbook.close()


def build(fill: Callable[[Book], None], large: bool = True) -> bytes:
    """The bytes of a workbook that `fill` writes (into a private temporary folder, so
    a large one is never held in memory as cells)."""
    with tempfile.TemporaryDirectory(prefix="xinfang-") as folder:
        path = Path(folder) / "book.xlsx"
        book = Book(path, large)
        try:
            fill(book)
        finally:
            book.close()
        return path.read_bytes()


def tables(*sheets: Sheet) -> bytes:
    """A workbook of plain sheets, one table each."""

    def fill(book: Book) -> None:
        for spec in sheets:
            book.table(spec)

    return build(fill)
