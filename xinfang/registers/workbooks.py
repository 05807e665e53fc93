"""Reading a register kept as a workbook (DOMAIN.md §7): .xlsx and .xlsm, old .xls (WPS's
.et saved as .xls too) and .ods, read directly, so that no "save as CSV" costs an ID
number its digits or a date its meaning.

One sheet or every sheet that holds a register (one sheet per year is common); the
header found below title rows, one header read from cells merged over two or three rows;
dates as date cells, as Excel serial numbers or as text; an ID number stored as a
number is rejected as damaged, as in a CSV, and one stored as text is taken. The cells
become the same text rows a CSV gives (`reading.Table`), so everything after is shared.
Pure: no database and no UI.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from xinfang.registers.reading import (
    MissingColumns,
    RawRow,
    RegisterError,
    Table,
    UnknownMapColumn,
    header_key,
    known_cells,
    map_columns,
    unquote,
)
from xinfang.texts import join

# What the file is, by its first bytes (not its name: WPS saves .et as .xls, and some
# systems hand out a CSV named .xls).
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and .et)
_ZIP = b"PK\x03\x04"  # .xlsx, .xlsm, .ods
KIND_NAMES = {"xlsx": "Excel (.xlsx)", "xls": "Excel 97-2003 (.xls)",
              "ods": "OpenDocument (.ods)"}
DATE_FIELDS = frozenset(("received", "forwarded", "accepted", "closed"))
HEADER_SEARCH = 20  # rows below the top a header may be found in
HEADER_DEPTH = 3  # rows a header may take (merged cells over a row of sub-headers)
# Excel's serial day 1 is 1900-01-01 and it counts a 29 February 1900 that never was:
# from March 1900 on, day n is 1899-12-30 plus n days.
_EPOCH = dt.date(1899, 12, 30)
_SERIALS = range(18264, 2958466)  # 1950-01-01 … 9999-12-31


class BadWorkbook(RegisterError):
    """The file … cannot be read as a workbook (…)."""


class NoSuchSheet(RegisterError):
    """The workbook has no sheet '…'."""

    exit_code = 2


class NoRegisterSheet(RegisterError):
    """No sheet of the workbook holds a register."""


def kind(data: bytes) -> str | None:
    """"xlsx" (also .xlsm), "xls" or "ods" when the bytes are a workbook; None for text."""
    if data.startswith(_OLE):
        return "xls"
    if data.startswith(_ZIP):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "xlsx"  # a damaged one: the reader says so
        if "content.xml" in names and "mimetype" in names:
            return "ods"
        return "xlsx"
    return None


@dataclass
class Skipped:
    """A sheet that is not read: empty, hidden, or no register's header on it."""

    sheet: str
    reason: str  # "empty", "hidden", "no_header", "missing_columns"


@dataclass
class Book:
    kind: str
    tables: list[Table]
    skipped: list[Skipped] = field(default_factory=list)


def read_book(data: bytes, overrides: dict[str, str] | None = None, *, name: str = "",
              sheet: str | None = None) -> Book:
    """The register's sheets as tables: the sheet asked for (by name, or by its number
    counted from 1 as Excel shows the tabs), else every visible sheet that holds a
    register's header; the others are listed as skipped."""
    from python_calamine import CalamineWorkbook

    what = kind(data) or "xlsx"
    overrides = overrides or {}
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # Chart sheets and macro sheets hold no rows.
        names = [meta.name for meta in workbook.sheets_metadata
                 if str(meta.typ).rsplit(".", 1)[-1] == "WorkSheet"]
        hidden = {meta.name for meta in workbook.sheets_metadata
                  if str(meta.visible).rsplit(".", 1)[-1] != "Visible"}
    except Exception as err:  # the reader's own errors (zip, XML, password …)
        raise BadWorkbook(name=name, detail=_detail(err)) from None
    if sheet is not None:
        chosen = [_pick(names, sheet)]
    else:
        chosen = [n for n in names if n not in hidden]
    book = Book(what, [])
    book.skipped += [Skipped(n, "hidden") for n in names if sheet is None and n in hidden]
    first_missing: MissingColumns | None = None
    used: set[str] = set()
    for sheet_name in chosen:
        try:
            grid = workbook.get_sheet_by_name(sheet_name)
            table = _read_sheet(grid, sheet_name, overrides, used)
        except (MissingColumns, UnknownMapColumn) as err:
            if sheet is not None:
                raise
            if isinstance(err, MissingColumns) and first_missing is None:
                first_missing = err
            book.skipped.append(Skipped(sheet_name, "missing_columns"))
            continue
        except RegisterError:
            raise
        except Exception as err:
            raise BadWorkbook(name=name, detail=_detail(err)) from None
        if table is None:
            book.skipped.append(Skipped(sheet_name, "empty"))
        elif isinstance(table, str):
            book.skipped.append(Skipped(sheet_name, table))
        else:
            book.tables.append(table)
    if not book.tables:
        if first_missing is not None:
            raise first_missing
        raise NoRegisterSheet(name=name, sheets=join(names))
    unknown = [key for key in overrides if key not in used]
    if unknown:
        header = book.tables[0].header
        raise UnknownMapColumn(column=unknown[0], header=join(c for c in header if c))
    return book


def _detail(err: Exception) -> str:
    return str(err).strip().splitlines()[0][:120] if str(err).strip() else type(err).__name__


def _pick(names: list[str], wanted: str) -> str:
    text = wanted.strip()
    for name in names:
        if name == text or name.strip() == text:
            return name
    if text.isdigit() and 1 <= int(text) <= len(names):
        return names[int(text) - 1]
    raise NoSuchSheet(sheet=wanted, sheets=join(names))


def _read_sheet(grid: Any, name: str, overrides: dict[str, str],
                used: set[str]) -> Table | str | None:
    """One sheet as a table; None when it is empty, "no_header" when no row of its top
    looks like a register's header."""
    start = grid.start
    if start is None or grid.height == 0:
        return None
    first_row, first_col = start
    pad = [""] * first_col
    rows: Iterator[list[Any]] = iter(grid.iter_rows())
    # The top of the sheet, to find the header in (as text).
    raw_top: list[list[Any]] = []
    for cells in rows:
        raw_top.append(pad + cells)
        if len(raw_top) >= HEADER_SEARCH + HEADER_DEPTH:
            break
    top = [[_text(cell) for cell in cells] for cells in raw_top]
    band = _header_band(top, overrides, _merged_down(grid, first_row))
    if band is None:
        return "no_header" if any(any(c.strip() for c in r) for r in top) else None
    begin, end = band
    header = _combine(top[begin:end + 1])
    present = {header_key(cell) for cell in header}
    mine = {key: code for key, code in overrides.items() if key in present}
    used.update(mine)
    columns = map_columns(header, mine)
    converters = _converters(columns.fields, len(header))
    line = first_row + end + 1  # Excel's row number of the header's last row
    # Rows are numbered as Excel numbers them, so a clerk finds a rejected row there.
    body = [RawRow(number, _convert(cells, converters))
            for number, cells in enumerate(raw_top[end + 1:], start=line + 1)]
    number = first_row + len(raw_top)
    for cells in rows:
        number += 1
        body.append(RawRow(number, _convert(pad + cells if pad else cells, converters)))
    return Table(line, header, columns, body, sheet=name)


def _merged_down(grid: Any, first_row: int) -> dict[int, int]:
    """For each row of the top (counted from the sheet's first row), the lowest row a
    merged cell starting in it reaches (xlsx and xls say; an .ods does not)."""
    try:
        ranges = grid.merged_cell_ranges or []
    except Exception:
        return {}
    down: dict[int, int] = {}
    for (r0, _c0), (r1, _c1) in ranges:
        if r1 > r0 and r0 - first_row < HEADER_SEARCH:
            top = r0 - first_row
            down[top] = max(down.get(top, top), r1 - first_row)
    return down


def _header_band(top: list[list[str]], overrides: dict[str, str],
                 merged: dict[int, int]) -> tuple[int, int] | None:
    """The rows the header takes: the first row with two header spellings, with a row
    above it that names columns too (a cell merged down over a row of sub-headers) and
    the rows below it that are sub-headers (merged cells reach them, or they hold
    header spellings themselves)."""
    counts = [known_cells(cells, overrides) for cells in top]
    found = next((i for i, n in enumerate(counts[:HEADER_SEARCH]) if n >= 2), None)
    if found is None:
        return None
    begin = found
    if found > 0 and counts[found - 1] >= 1:
        begin = found - 1
    end = found
    reach = max((merged.get(i, i) for i in range(begin, found + 1)), default=found)
    while end + 1 < len(top) and end + 1 - begin < HEADER_DEPTH and (
            end + 1 <= reach or counts[end + 1] >= 2):
        end += 1
    return begin, end


def _combine(band: list[list[str]]) -> list[str]:
    """One header from a header over several rows: each column's lowest cell that says
    something (a sub-header under a merged cell, or the merged cell itself)."""
    width = max(len(cells) for cells in band)
    header = []
    for col in range(width):
        text = ""
        for cells in reversed(band):
            if col < len(cells) and cells[col].strip():
                text = cells[col]
                break
        header.append(unquote(text).strip())
    return header


# Cells as text, as the rest of the import reads them ----------------------------------


def _text(cell: Any) -> str:
    """A cell as a CSV of it would hold it: text as it is, whole numbers without `.0`,
    dates in ISO form."""
    if cell.__class__ is str:
        return str(cell)
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() and abs(cell) < 1e15 else repr(cell)
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, dt.datetime):
        if cell.time() == dt.time(0, 0):
            return cell.date().isoformat()
        return cell.isoformat(sep=" ", timespec="minutes")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, dt.time):
        return cell.isoformat(timespec="minutes")
    return str(cell)


def date_text(cell: Any) -> str:
    """A date column's cell: a date cell, a serial number (a date typed into a cell
    formatted as a number) or text."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        # A time of day after the day (45000.5) is dropped, as in a text date.
        if _SERIALS.start <= cell < _SERIALS.stop:
            return (_EPOCH + dt.timedelta(days=int(cell))).isoformat()
    return _text(cell)


def _id_text(cell: Any) -> str:
    """An ID number stored as a number has lost its last digits (Excel keeps 15): it
    reads as Excel shows it, 1.10101E+17, and is rejected as damaged, as in a CSV."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return f"{float(cell):.5E}"
    return _text(cell)


def _converters(fields: dict[str, int], width: int) -> list[Callable[[Any], str]]:
    by_index = {index: code for code, index in fields.items()}
    out: list[Callable[[Any], str]] = []
    for index in range(width):
        code = by_index.get(index)
        if code in DATE_FIELDS:
            out.append(date_text)
        elif code == "id_number":
            out.append(_id_text)
        else:
            out.append(_text)
    return out


def _convert(cells: list[Any], converters: list[Callable[[Any], str]]) -> list[str]:
    width = len(converters)
    return [cell if cell.__class__ is str else
            (converters[i] if i < width else _text)(cell)
            for i, cell in enumerate(cells)]
