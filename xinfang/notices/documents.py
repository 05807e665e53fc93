"""A document written: the facts of the case gathered and its template checked (for
every document asked for, before any is written), the template filled in, the file put
in place whole, and the act recorded — a `notice` event (kind, file name, SHA-256) and,
when the document shows ID numbers or phones unmasked (--with-pii), a `revealed` one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from xinfang import acts
from xinfang.db import write
from xinfang.files import ledger_files, refuse_target, write_output
from xinfang.notices.facts import Notice, gather
from xinfang.notices.templates import Template, check, fill, find
from xinfang.store import writer
from xinfang.store.ledger import Ledger


@dataclass(frozen=True)
class Prepared:
    """A document ready to be filled: its facts and its checked template."""

    notice: Notice
    template: Template

    def render(self) -> bytes:
        return fill(self.template, self.notice.context)


@dataclass(frozen=True)
class Written:
    notice: Notice
    path: Path
    sha256: str
    source: str  # the template's: the office's own or the default
    replaced: bool = False  # written over a file that was there (--force)


def prepare(ledger: Ledger, ref: str | int, kinds: Iterable[str], *, with_pii: bool = False,
            dated: dt.date | None = None) -> list[Prepared]:
    """The documents `kinds` of a case, every fact and template checked: the first that
    lacks a fact or whose template is broken stops them all before anything is written.
    A proof of delivery lists the documents for the petitioner written before it."""
    ready: list[Prepared] = []
    for kind in kinds:
        also = [item.notice.kind for item in ready] if kind == "delivery" else []
        notice = gather(ledger, ref, kind, with_pii=with_pii, dated=dated, also=also)
        template = find(ledger_path(ledger), kind)
        check(template)
        ready.append(Prepared(notice, template))
    return ready


def ledger_path(ledger: Ledger) -> Path:
    assert ledger.path is not None  # a ledger opened from a file
    return ledger.path


def file_name(notice: Notice) -> str:
    """`XF-YQH-2026-00042-信访事项处理意见书.docx`."""
    return f"{notice.number}-{notice.title}.docx"


def write_documents(ledger: Ledger, ready: list[Prepared], *, officer: str,
                    output: Path | None = None, folder: Path | None = None,
                    force: bool = False) -> list[Written]:
    """Write each document and record it on its case, in one transaction: `output` names
    the file of a single document; otherwise each goes under its own name into `folder`
    (the current folder by default). Every target is checked before the first is written;
    none is written over the ledger's files, through a link or over a file (`force`)."""
    payloads = [item.render() for item in ready]
    if output is not None and len(ready) == 1:
        targets = [output / file_name(ready[0].notice) if output.is_dir() else output]
    else:
        base = folder or Path(".")
        base.mkdir(parents=True, exist_ok=True)
        targets = [base / file_name(item.notice) for item in ready]
    protected = ledger_files(ledger_path(ledger))
    for target in targets:
        refuse_target(target, protected=protected, force=force)
    written: list[Written] = []
    try:
        with write(ledger.db):
            for item, payload, target in zip(ready, payloads, targets, strict=True):
                notice = item.notice
                digest = hashlib.sha256(payload).hexdigest()
                if notice.revealed:
                    acts.reveal(ledger, [notice.case_id], officer, list(notice.revealed),
                                "notice")
                details: dict[str, Any] = {
                    "kind": notice.kind, "file": target.name, "sha256": digest,
                    "dated": notice.dated.isoformat(), "template": item.template.source}
                if notice.revealed:
                    details["with_pii"] = True
                if notice.withheld:
                    details["withheld"] = True
                writer.append(ledger, notice.case_id, "notice", ledger.today, officer, details)
                existed = target.exists()
                write_output(target, payload, force=force, protected=protected)
                written.append(Written(notice, target, digest, item.template.source, existed))
    except BaseException:
        # Nothing is recorded (the transaction is rolled back): no new file stays behind
        # as if it had been written.
        for done in written:
            if not done.replaced:
                done.path.unlink(missing_ok=True)
        raise
    return written


def shown(ledger: Ledger, ready: list[Prepared], officer: str) -> None:
    """Documents printed to the terminal: a record for those that showed personal data."""
    with write(ledger.db):
        for item in ready:
            if item.notice.revealed:
                acts.reveal(ledger, [item.notice.case_id], officer,
                            list(item.notice.revealed), "notice")


def text_of(data: bytes) -> str:
    """A document's words, paragraph by paragraph, a table's rows one a line (cells
    apart by a full-width space): for a quick look at a terminal or a mail."""
    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines += [_row_text([cell.text for cell in row.cells]) for row in block.rows]
    return "\n".join(lines).strip("\n") + "\n"


def _row_text(cells: list[str]) -> str:
    unique: list[str] = []
    for cell in cells:  # a merged cell is listed once for each column it spans
        if not unique or unique[-1] != cell:
            unique.append(cell)
    return "　".join(" / ".join(cell.splitlines()) for cell in unique)
