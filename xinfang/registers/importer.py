"""Where a register's row becomes a case: rows read by `registers` (from a CSV or a
workbook's sheets) are registered in order of receipt and played through their register history (forwarded, accepted, closed …) on the
dates the register gives, all in one transaction. Every row read is accounted for:
read = added + skipped + rejected.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xinfang import gcpause, xlsx
from xinfang.cases.intake import Intake
from xinfang.errors import XinfangError
from xinfang.files import excel_cell, write_output
from xinfang.registers.reading import (
    REJECTS_COLUMN,
    Columns,
    GarbledHeader,
    MissingColumns,
    RegisterError,
    Table,
    decode,
    header_key,
    read_table,
)
from xinfang.registers.rows import Reason, Row, is_blank, normalise
from xinfang.registers.workbooks import Skipped as SkippedSheet
from xinfang.registers.workbooks import kind as workbook_kind
from xinfang.registers.workbooks import read_book
from xinfang.store import writer
from xinfang.store.ledger import Ledger
from xinfang.texts import t

Progress = Callable[[str, int, int], None]  # (stage: "check" or "write", done, total)


class ImportFailed(XinfangError):
    """The import failed at line …: …."""


class SheetOfCsv(RegisterError):
    """--sheet is for workbooks; … is a CSV."""

    exit_code = 2


class RejectsFormat(RegisterError):
    """Rows rejected from a workbook are written to a workbook: name the file ….xlsx."""

    exit_code = 2


@dataclass
class Rejected:
    line: int
    seq: str
    reasons: list[Reason]
    cells: list[str]
    sheet: str = ""

    def text(self, lang: str = "zh") -> str:
        return t("sep.parts", lang).join(r.text(lang) for r in self.reasons)


@dataclass
class Skipped:
    line: int
    seq: str
    reason: str  # "blank", "duplicate" (same as an earlier row of the file), "imported"
    same_as: int | str | None = None  # the earlier line, or the case it already became
    sheet: str = ""
    same_sheet: str = ""  # the sheet of the earlier line, when it is on another one

    def text(self, lang: str = "zh") -> str:
        if self.same_sheet and self.same_sheet != self.sheet:
            return t("import.skipped.duplicate_sheet", lang, same_as=self.same_as,
                     sheet=self.same_sheet)
        return t(f"import.skipped.{self.reason}", lang, same_as=self.same_as)


@dataclass
class Added:
    line: int
    seq: str
    case: str
    status: str = "registered"
    repeat_of: str | None = None
    sheet: str = ""


@dataclass
class Summary:
    file: str
    encoding: str
    header: list[str]
    columns: Columns
    dry_run: bool = False
    read: int = 0
    added: list[Added] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    units_added: list[str] = field(default_factory=list)
    # Rows received more than a year before the import with no result, imported as open
    # cases (None when they were archived, or there were none).
    old_open: int = 0
    archive_before: dt.date | None = None
    workbook: str | None = None  # "xlsx", "xls" or "ods" when the file was a workbook
    sheets: dict[str, list[str]] = field(default_factory=dict)  # sheet read → its header
    sheets_skipped: list[SkippedSheet] = field(default_factory=list)
    # Unit names taken as a unit of the list (given → unit), and categories not in it.
    units_mapped: dict[str, str] = field(default_factory=dict)
    unknown_categories: list[str] = field(default_factory=list)

    @property
    def archived(self) -> int:
        return sum(added.status == "archived" for added in self.added)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        data = self._dict(lang)
        if self.workbook is not None:
            data["workbook"] = self.workbook
            data["sheets"] = list(self.sheets)
            data["sheets_skipped"] = [{"sheet": s.sheet, "reason": s.reason}
                                      for s in self.sheets_skipped]
            sheets: list[list[str]] = [[r.sheet for r in self.rejected],
                                       [s.sheet for s in self.skipped],
                                       [a.sheet for a in self.added]]
            for key, names in zip(("rejects", "skips", "cases"), sheets, strict=True):
                for entry, sheet in zip(data[key], names, strict=True):
                    entry["sheet"] = sheet
        return data

    def _dict(self, lang: str) -> dict[str, Any]:
        return {
            "file": self.file,
            "archived": self.archived,
            "archive_before": self.archive_before.isoformat() if self.archive_before else None,
            "old_open": self.old_open,
            "units_mapped": self.units_mapped,
            "unknown_categories": self.unknown_categories,
            "encoding": self.encoding,
            "dry_run": self.dry_run,
            "read": self.read,
            "added": len(self.added),
            "skipped": len(self.skipped),
            "rejected": len(self.rejected),
            "rejects": [
                {"line": r.line, "seq": r.seq or None,
                 "reasons": [reason.text(lang) for reason in r.reasons],
                 "codes": [reason.code for reason in r.reasons]}
                for r in self.rejected
            ],
            "skips": [{"line": s.line, "seq": s.seq or None, "reason": s.reason,
                       "text": s.text(lang), "same_as": s.same_as} for s in self.skipped],
            "cases": [{"line": a.line, "seq": a.seq or None, "case": a.case,
                       "status": a.status, "repeat_of": a.repeat_of} for a in self.added],
            "units_added": self.units_added,
            "columns": {code: self.header[index] for code, index in self.columns.fields.items()},
            "unmapped": [{"column": u.column, "position": u.position,
                          "candidates": u.candidates} for u in self.columns.unmapped],
            "ignored": self.columns.ignored,
        }


def import_register(
    ledger: Ledger,
    data: bytes,
    *,
    name: str,
    officer: str,
    encoding: str = "auto",
    overrides: dict[str, str] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    archive_before: dt.date | None = None,
    ask_archive: Callable[[int, dt.date], dt.date | None] | None = None,
    sheet: str | None = None,
) -> Summary:
    """Import one register file (its bytes; `name` is recorded as the source of each
    case): a CSV, or a workbook (`sheet`, by name or number, else every sheet holding a
    register). One transaction: if anything fails, nothing of the run is kept. With
    `dry_run` the work is done and rolled back, so the summary shows exactly what an
    import would add and reject. Rows received before `archive_before` without a result
    are archived (已归档): history, not today's work (no running duties, not in the
    overdue report, counted apart from the figures). Without it, rows more than a year
    old without a result are counted (`Summary.old_open`), and `ask_archive(count, cut)`,
    when given, is asked before anything is written whether to archive those received
    before `cut`: it returns the date to archive before, or None."""
    with gcpause.paused():
        return _import(ledger, data, name=name, officer=officer, encoding=encoding,
                       overrides=overrides, dry_run=dry_run, progress=progress,
                       archive_before=archive_before, ask_archive=ask_archive, sheet=sheet)


def _tables(data: bytes, *, name: str, encoding: str, overrides: dict[str, str] | None,
            sheet: str | None) -> tuple[Summary, list[Table], bool]:
    """The file's tables (a CSV's one, a workbook's sheets), the summary to fill and
    whether the text held undecodable bytes."""
    book_kind = workbook_kind(data)
    if book_kind is not None:
        book = read_book(data, overrides, name=name, sheet=sheet)
        first = book.tables[0]
        summary = Summary(name, book.kind, first.header, first.columns)
        summary.workbook = book.kind
        summary.sheets = {table.sheet: table.header for table in book.tables}
        summary.sheets_skipped = book.skipped
        # Columns not recognised on any sheet are named once.
        named = {item.column for item in first.columns.unmapped}
        for table in book.tables[1:]:
            for item in table.columns.unmapped:
                if item.column not in named:
                    named.add(item.column)
                    summary.columns.unmapped.append(item)
        return summary, book.tables, False
    if sheet is not None:
        raise SheetOfCsv(name=name)
    decoded = decode(data, encoding)
    try:
        table = read_table(decoded.text, overrides, name=name)
    except MissingColumns:
        if decoded.replaced:
            first_line = decoded.text[:200].splitlines()[0] if decoded.text else ""
            raise GarbledHeader(encoding=decoded.encoding, header=first_line[:60]) from None
        raise
    return (Summary(name, decoded.encoding, table.header, table.columns), [table],
            decoded.replaced > 0)


def _import(ledger: Ledger, data: bytes, *, name: str, officer: str, encoding: str,
            overrides: dict[str, str] | None, dry_run: bool,
            progress: Progress | None, archive_before: dt.date | None = None,
            ask_archive: Callable[[int, dt.date], dt.date | None] | None = None,
            sheet: str | None = None) -> Summary:
    summary, tables, garbled = _tables(data, name=name, encoding=encoding,
                                       overrides=overrides, sheet=sheet)
    ledger.require_office()
    summary.dry_run = dry_run
    fingerprints: dict[str, Row] = {}  # the rows to add, each once
    total = sum(len(table.rows) for table in tables)
    for table in tables:
        _check(ledger, table, summary, fingerprints, garbled, progress, total)

    if archive_before is None:
        cut = ledger.today - dt.timedelta(days=365)
        old = sum(row.end is None and row.received < cut for row in fingerprints.values())
        if old and ask_archive is not None:
            archive_before = ask_archive(old, cut)
        if archive_before is None:
            summary.old_open = old
    summary.archive_before = archive_before
    # A large register adds to every index at once: give SQLite room to keep the index
    # pages it is working on in memory (128 MiB instead of 2) while it writes them.
    ledger.db.execute("PRAGMA cache_size = -131072")
    with _transaction(ledger, rollback=dry_run):
        already = _imported(ledger, list(fingerprints))
        fresh = []
        for fingerprint, row in fingerprints.items():
            if fingerprint in already:
                summary.skipped.append(Skipped(row.line, row.seq, "imported",
                                               already[fingerprint], sheet=row.sheet))
            else:
                fresh.append((fingerprint, row))
        summary.units_mapped = _map_units(ledger, [row for _, row in fresh])
        summary.units_added = writer.add_units(ledger, {row.unit for _, row in fresh if row.unit})
        known = set(ledger.categories())
        summary.unknown_categories = sorted(
            {row.category for _, row in fresh if row.category and row.category not in known})
        summary.added = _write(ledger, fresh, name, officer, progress, archive_before)
    order = {table.sheet: index for index, table in enumerate(tables)}
    summary.skipped.sort(key=lambda s: (order.get(s.sheet, 0), s.line))
    summary.added.sort(key=lambda a: (order.get(a.sheet, 0), a.line))
    return summary


def _check(ledger: Ledger, table: Table, summary: Summary, fingerprints: dict[str, Row],
           garbled: bool, progress: Progress | None, total: int) -> None:
    """Read and check a table's rows: each one rejected, skipped or kept to add."""
    width = len(table.header)
    seq_index = table.columns.fields.get("seq")
    sheet = table.sheet
    # Rows are taken off the table as they are read, so a large register's raw cells are
    # let go one by one (a rejected row keeps its own) while the checked rows are made.
    rows = table.rows
    rows.reverse()
    while rows:
        raw = rows.pop()
        summary.read += 1
        if progress is not None and summary.read % 1000 == 0:
            progress("check", summary.read, total)
        seq = raw.cells[seq_index].strip() if seq_index is not None and \
            seq_index < len(raw.cells) else ""
        if is_blank(raw.cells, table.columns):
            summary.skipped.append(Skipped(raw.line, seq, "blank", sheet=sheet))
            continue
        result = normalise(raw.cells, table.columns, raw.line, today=ledger.today,
                           garbled=garbled)
        if len(raw.cells) > width and any(cell.strip() for cell in raw.cells[width:]):
            extra = _extra_cells(len(raw.cells), width)
            result = [*result, extra] if isinstance(result, list) else [extra]
        if isinstance(result, list):
            summary.rejected.append(Rejected(raw.line, seq, result, raw.cells, sheet))
            continue
        result.sheet = sheet
        fingerprint = result.fingerprint()
        if fingerprint in fingerprints:
            earlier = fingerprints[fingerprint]
            summary.skipped.append(Skipped(raw.line, seq, "duplicate", earlier.line,
                                           sheet=sheet, same_sheet=earlier.sheet))
            continue
        fingerprints[fingerprint] = result


def _map_units(ledger: Ledger, rows: list[Row]) -> dict[str, str]:
    """A register's unit names not in the list, taken as the one unit in service each
    stands for (人社局 → 县人社局) instead of a near-duplicate; returns what was mapped."""
    mapped: dict[str, str | None] = {}
    known = set(ledger.unit_ids())
    for row in rows:
        if row.unit and row.unit not in known:
            if row.unit not in mapped:
                mapped[row.unit] = ledger.same_unit(row.unit)
            row.unit = mapped[row.unit] or row.unit
    return {given: unit for given, unit in sorted(mapped.items()) if unit}


def _extra_cells(cells: int, width: int) -> Reason:
    return Reason("extra_cells", {"cells": cells, "width": width})


@contextmanager
def _transaction(ledger: Ledger, *, rollback: bool) -> Iterator[None]:
    """One transaction for the run (a savepoint inside one already open); rolled back
    on any failure, an interrupt included, and at the end of a dry run."""
    conn = ledger.db.conn
    nested = conn.in_transaction
    conn.execute("SAVEPOINT xinfang_import" if nested else "BEGIN IMMEDIATE")

    def undo() -> None:
        if not conn.in_transaction:
            return
        if nested:
            conn.execute("ROLLBACK TO SAVEPOINT xinfang_import")
            conn.execute("RELEASE SAVEPOINT xinfang_import")
        else:
            conn.execute("ROLLBACK")

    try:
        yield
    except BaseException:
        undo()
        raise
    if rollback:
        undo()
    else:
        conn.execute("RELEASE SAVEPOINT xinfang_import" if nested else "COMMIT")


def _imported(ledger: Ledger, fingerprints: list[str]) -> dict[str, str]:
    """Fingerprints already in the ledger → the case each became."""
    found: dict[str, str] = {}
    for start in range(0, len(fingerprints), 500):
        chunk = fingerprints[start:start + 500]
        rows = ledger.db.execute(
            "SELECT i.fingerprint, c.number FROM imported_rows i JOIN cases c ON c.id = i.case_id "
            f"WHERE i.fingerprint IN ({', '.join('?' for _ in chunk)})", chunk,
        ).fetchall()
        found.update(dict(rows))
    return found


# The steps of a row's history, in the order they happen on one day.
_STAGES = {"registered": 0, "note": 1, "forwarded": 2, "accepted": 3, "closed": 4,
           "rejected": 4, "redirected": 4}


def _steps(row: Row) -> list[tuple[dt.date, str]]:
    """The events the register row stands for, with their dates (DOMAIN.md §3: a case
    is forwarded and accepted before it is closed; closed on the spot without a unit)."""
    steps = [(row.received, "registered")]
    if row.notes:
        steps.append((row.received, "note"))
    forwarded = None
    if row.unit:
        forwarded = row.forwarded or row.received
        steps.append((forwarded, "forwarded"))
    accepted = row.accepted
    if accepted is None and row.end == "closed" and row.unit:
        accepted = forwarded
    if accepted is not None:
        steps.append((accepted, "accepted"))
    if row.end is not None and row.end_on is not None:
        steps.append((row.end_on, row.end))
    return steps


def _write(ledger: Ledger, fresh: list[tuple[str, Row]], name: str, officer: str,
           progress: Progress | None, archive_before: dt.date | None = None) -> list[Added]:
    """Write the new cases through the one writer, in order of receipt."""
    order = sorted(fresh, key=lambda item: (item[1].received, item[1].line))
    report = None if progress is None else (lambda done, total: progress("write", done, total))
    cases = _NewCases(order, name, officer, archive_before, ledger.today)
    try:
        written = writer.write_cases(ledger, cases, officer, report,
                                     [person for _, row in order for person in row.people])
    except writer.CaseFailed as failed:
        err = failed.error
        raise ImportFailed(line=order[failed.index][1].line, reason=err.message("zh"),
                           reason_en=err.message("en")) from err
    return [Added(row.line, row.seq, case.number, case.status, case.repeat_of, row.sheet)
            for (_, row), case in zip(order, written, strict=True)]


class _NewCases(Sequence[writer.NewCase]):
    """The rows to write as `writer.NewCase`s, each made when the writer reads it and let
    go once written: a large register is not held a second time, as cases to write."""

    def __init__(self, order: list[tuple[str, Row]], name: str, officer: str,
                 archive_before: dt.date | None = None, today: dt.date | None = None) -> None:
        self.order, self.name, self.officer = order, name, officer
        self.archive_before, self.today = archive_before, today

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, index: int) -> writer.NewCase:  # type: ignore[override]
        # The writer reads the cases one by one and never asks for slices.
        fingerprint, row = self.order[index]
        acting = row.officer or self.officer
        shared = _source(row, self.name)  # one record for all the row's events; never changed
        source = _registration_source(shared, acting, self.officer)
        # By date, then by stage.
        played = sorted(_steps(row)[1:], key=lambda step: (step[0], _STAGES[step[1]]))
        steps = [(on, kind, _step_details(row, kind, shared)) for on, kind in played]
        if is_history(row, self.archive_before) and self.today is not None:
            steps.append((max(self.today, played[-1][0] if played else row.received),
                          "archived", {"basis": "import", "source": shared}))
        return writer.NewCase(_intake(row), steps, acting, source, fingerprint)


def is_history(row: Row, archive_before: dt.date | None) -> bool:
    """A register row kept as history: received before `archive_before`, no result."""
    return archive_before is not None and row.end is None and row.received < archive_before


def _source(row: Row, name: str) -> dict[str, Any]:
    """Where an imported event came from: the file, its line and the register's number."""
    source: dict[str, Any] = {"file": name, "line": row.line}
    if row.sheet:
        source["sheet"] = row.sheet
    if row.seq:
        source["seq"] = row.seq
    return source


def _registration_source(source: dict[str, Any], acting: str, officer: str) -> dict[str, Any]:
    """The source a row's registration records: the row's, and who imported it when the
    row names another officer as the one who took the petition (`source` is not changed)."""
    return source if acting == officer else {**source, "imported_by": officer}


def _step_details(row: Row, kind: str, source: dict[str, Any]) -> dict[str, Any]:
    """The details of an act a register row stands for (forwarded to its unit, closed
    with its result …), with the row's source."""
    details: dict[str, Any] = {"source": source}
    if kind == "note":
        details["text"] = "；".join(row.notes)
    elif kind == "forwarded":
        details["unit"] = row.unit
    elif kind in ("closed", "rejected", "redirected"):
        details.update({k: v for k, v in row.end_details.items() if v})
    return details


def _intake(row: Row) -> Intake:
    # The row was checked and normalised field by field in `registers.normalise`.
    return Intake(
        channel=row.channel, content=row.content, received_on=row.received,
        people=row.people, anonymous=row.anonymous, headcount=row.headcount,
        locality=row.locality, category=row.category, request=row.request,
        confidential=row.confidential,
    )


# The rejects file ----------------------------------------------------------------------


def rejects_csv(summary: Summary) -> bytes:
    """The rejected rows as they were, plus a column saying why, as a CSV that Excel opens
    correctly (UTF-8 with a BOM, CRLF). Fixed, it can be imported again as it is."""
    header, rows = _rejects_rows(summary.header, summary.rejected)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([excel_cell(cell) for cell in header])
    for cells in rows:
        writer.writerow([excel_cell(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")


def _rejects_rows(header: list[str], rejected: list[Rejected]
                  ) -> tuple[list[str], list[list[str]]]:
    """A rejects file's header and rows: the rows as they were (without an earlier run's
    reasons), plus why, so that fixed it can be imported again as it is."""
    keep = [i for i, cell in enumerate(header)
            if header_key(cell) != header_key(REJECTS_COLUMN)]
    width = max([len(header)] + [len(r.cells) for r in rejected])
    keep += list(range(len(header), width))
    out_header = [header[i] if i < len(header) else "" for i in keep] + [REJECTS_COLUMN]
    rows = []
    for item in rejected:
        cells = [item.cells[i] if i < len(item.cells) else "" for i in keep]
        rows.append(cells + [t("import.rejected_at", "zh", line=item.line,
                               reasons=item.text("zh"))])
    return out_header, rows


def rejects_workbook(summary: Summary) -> bytes:
    """The rejected rows as a workbook: a sheet for each sheet they came from, named as
    it was, every cell text as it was read (an ID number's digits, a date as written)."""
    sheets = summary.sheets or {"": summary.header}
    with_rejects = [name for name in sheets if any(r.sheet == name for r in summary.rejected)]
    specs = []
    for name in with_rejects or list(sheets)[:1]:
        header, rows = _rejects_rows(sheets[name], [r for r in summary.rejected
                                                    if r.sheet == name])
        specs.append(xlsx.Sheet(name or t("import.rejects_sheet", "zh"), header, rows))
    return xlsx.tables(*specs)


def rejects_format(path: str | Path, workbook: bool) -> str:
    """"xlsx" or "csv": a rejects file named .xlsx is a workbook; rows rejected from a
    workbook go to one (a CSV has one header and no sheets)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if workbook:
        raise RejectsFormat(path=str(path), suggest=str(Path(path).with_suffix(".xlsx")))
    return "csv"


def write_rejects(path: str | Path, summary: Summary, *, force: bool = False,
                  protected: Iterable[Path] = ()) -> None:
    """The rejects file (a workbook when named .xlsx, else a CSV), written as every
    output file is (`files.write_output`)."""
    if rejects_format(path, summary.workbook is not None) == "xlsx":
        payload = rejects_workbook(summary)
    else:
        payload = rejects_csv(summary)
    write_output(path, payload, force=force, protected=protected)
