"""The ledger out: one row per case (or per event) as CSV that Excel opens safely, as an
Excel workbook (.xlsx: a sheet of cases, and one of events with them), or JSON for
programs. Personal data is masked unless revealed (DOMAIN.md §8); confidential
cases are left out unless asked for by number; no cell can run as a formula in Excel.

The CSV and the workbook of cases are in register column form: `xinfang import` reads
them back.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from xinfang import rules, xlsx
from xinfang.cases import matching, rejudgement
from xinfang.cases.people import mask_details
from xinfang.errors import XinfangError
from xinfang.files import excel_cell
from xinfang.registers.rows import result_label
from xinfang.store import queries
from xinfang.store.ledger import Ledger
from xinfang.texts import t
from xinfang.visible import json_safe, visible
from xinfang.vocab import (
    CHANNELS,
    EVENT_KINDS,
    REJECT_REASONS,
    RESULTS,
    ROUTES,
    SATISFACTION,
    STATUSES,
    label,
    word,
)

FORMATS = {"csv": "csv", "excel-csv": "excel-csv", "xlsx": "xlsx", "json": "json",
           # The CSV made for Excel was called "excel" until it had a workbook beside it;
           # the old name is taken for one release, with a notice (`RENAMED`).
           "excel": "excel-csv"}
RENAMED = {"excel": "excel-csv"}
ENCODINGS = {"utf-8-sig": "utf-8-sig", "utf8-sig": "utf-8-sig", "utf-8": "utf-8",
             "utf8": "utf-8", "gbk": "gbk", "gb18030": "gb18030"}


class BadFormat(XinfangError):
    """Format '…' is not valid."""

    exit_code = 2


class BadExportEncoding(XinfangError):
    """Encoding '…' is not valid."""

    exit_code = 2


class NotEncodable(XinfangError):
    """The character '…' in case … cannot be written in …."""


def parse_format(value: str) -> str:
    code = FORMATS.get(value.strip().lower())
    if code is None:
        raise BadFormat(value=value)
    return code


def parse_encoding(value: str) -> str:
    code = ENCODINGS.get(value.strip().lower().replace("_", "-"))
    if code is None:
        raise BadExportEncoding(value=value)
    return code


@dataclass
class Selection:
    ids: list[int]
    left_out: int  # confidential cases the filters matched that were left out
    confidential: list[int] = field(default_factory=list)  # named by number: exported


def select(ledger: Ledger, filters: queries.Filters | None = None,
           refs: Iterable[str] | None = None) -> Selection:
    """The cases to export: those named (confidential ones too), else those matching the
    filters of `xinfang list` without the confidential ones; oldest first."""
    refs = [ref for ref in refs or [] if ref.strip()]
    if refs:
        ids: list[int] = []
        for ref in refs:
            case_id = ledger.find_case(ref)
            if case_id not in ids:
                ids.append(case_id)
        secret = [case_id for (case_id,) in ledger.db.execute(
            f"SELECT id FROM cases WHERE confidential = 1 AND id IN ({', '.join('?' for _ in ids)})",
            ids)]
        return Selection(ids, 0, secret)
    where, params = queries.filter_clause(ledger, filters or queries.Filters())  # as `list`
    rows = ledger.db.execute(
        f"SELECT c.id, c.confidential FROM cases c{where} ORDER BY c.received_on, c.id", params
    ).fetchall()
    return Selection([i for i, secret in rows if not secret], sum(1 for _, s in rows if s))


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def case_records(ledger: Ledger, ids: list[int], *, reveal: bool = False) -> list[dict[str, Any]]:
    """One plain dict per case, in the order of `ids` (the JSON export): the case as
    `store.queries` reads it for every reader, with what the register columns need of its
    history."""
    out: dict[int, dict[str, Any]] = {}
    # A repeat of a confidential case does not name it (its number says who is accused
    # of what to whoever reads the first case).
    secret = {number for (number,) in ledger.db.execute(
        "SELECT number FROM cases WHERE confidential = 1")}
    for chunk in _chunks(ids):
        for case_id, case in zip(chunk, queries.records(ledger, chunk, reveal=reveal),
                                 strict=True):
            out[case_id] = {
                "id": case["id"], "received_on": case["received_on"], "status": case["status"],
                "channel": case["channel"], "headcount": case["headcount"],
                "locality": case["locality"], "category": case["category"],
                "content": case["content"], "request": case["request"],
                "anonymous": case["anonymous"], "confidential": case["confidential"],
                "unit": case["unit"], "forwarded_on": None,
                "accepted_on": case["accepted_on"], "closed_on": case["closed_on"],
                "result": case["result"], "end": None, "ended_on": None, "end_details": {},
                "satisfaction": case["satisfaction"],
                "repeat_of": rules.WITHHELD if case["repeat_of"] in secret and
                not case["confidential"] else case["repeat_of"],
                "flags": case["flags"],
                "people": [{key: person[key] for key in
                            ("name", "id_number", "phone", "address", "lead")}
                           for person in case["people"]],
                "source": None,
                "clocks": case["clocks"], "holder": case["holder"],
                "next_due_on": case["next_due_on"],
            }
        marks = ", ".join("?" for _ in chunk)
        for case_id, kind, on, details in ledger.db.execute(
            "SELECT case_id, kind, acted_on, details FROM events WHERE case_id IN "
            f"({marks}) AND kind IN ('registered', 'forwarded', 'assigned', 'objected', "
            "'closed', 'rejected', 'redirected', 'reopened', 'escalated', 'led') ORDER BY id", chunk,
        ).fetchall():
            _history(out[case_id], kind, on, json.loads(details))
    return [out[case_id] for case_id in ids if case_id in out]


def _history(record: dict[str, Any], kind: str, on: str, details: dict[str, Any]) -> None:
    # What the register columns need that the cases table does not keep: when it was
    # forwarded (if it still is), how and when it ended, and where it was imported from.
    if kind in ("escalated", "led"):
        if details.get("leader"):
            record["leader"] = details["leader"]  # the leader who holds the case (包案)
    elif kind == "registered":
        record["source"] = details.get("source")
    elif kind in ("forwarded", "assigned"):
        record["forwarded_on"] = on
    elif kind == "objected":
        record["forwarded_on"] = None
    elif kind == "reopened":
        record["end"], record["ended_on"], record["end_details"] = None, None, {}
    else:
        record["end"], record["ended_on"] = kind, on
        record["end_details"] = {k: v for k, v in details.items()
                                 if k in ("result", "reason", "route", "text", "opinion")}


# Register column form: (field code or None for state that import leaves out, zh, en).
REGISTER_COLUMNS = (
    ("seq", "案件编号", "case"),
    ("received", "登记日期", "received"),
    ("name", "姓名", "name"),
    ("id_number", "身份证号", "id_number"),
    ("phone", "联系电话", "phone"),
    ("address", "住址", "address"),
    ("others", "其他信访人", "others"),
    ("channel", "信访形式", "channel"),
    ("headcount", "人数", "headcount"),
    ("locality", "问题属地", "locality"),
    ("category", "问题类别", "category"),
    ("content", "诉求摘要", "content"),
    ("request", "具体诉求", "request"),
    ("confidential", "保密", "confidential"),
    ("unit", "转送单位", "unit"),
    ("forwarded", "转送日期", "forwarded"),
    ("accepted", "受理日期", "accepted"),
    ("result", "办理结果", "result"),
    ("closed", "办结日期", "closed"),
    (None, "状态", "status"),
    (None, "满意度", "satisfaction"),
    (None, "重复信访初件", "repeat_of"),
    (None, "处理意见", "opinion"),
    (None, "包案领导", "leader"),
    (None, "下一截止日期", "next_due"),
    (None, "超期天数", "days_overdue"),
)


def register_table(records: list[dict[str, Any]], lang: str = "zh") -> tuple[list[str], list[list[str]]]:
    """Cases as the rows of a paper register (the CSV export); values are the register's
    Chinese words, so the file reads like the office's own register."""
    header = [word((zh, en), lang) for _, zh, en in REGISTER_COLUMNS]
    rows = []
    for r in records:
        people = r["people"]
        lead = next((p for p in people if p["lead"]), people[0] if people else None)
        others = [p for p in people if p is not lead]
        name = (lead or {}).get("name") or ("匿名" if r["anonymous"] else "")
        forwarded = r["forwarded_on"] if r["unit"] and r["forwarded_on"] else None
        accepted = r["accepted_on"]
        if {"on_the_spot", "closed_by_office"} & set(r["flags"]):
            accepted = None  # closed by the office: the register has no acceptance
        end = r["end"]
        values = {
            "seq": r["id"],
            "received": r["received_on"],
            "name": name,
            "id_number": (lead or {}).get("id_number"),
            "phone": (lead or {}).get("phone"),
            "address": (lead or {}).get("address"),
            "others": "；".join(",".join(p[k] or "" for k in ("name", "id_number", "phone",
                                                             "address")).rstrip(",")
                               for p in others),
            "channel": label(CHANNELS, r["channel"]),
            "headcount": r["headcount"],
            "locality": r["locality"],
            "category": r["category"],
            "content": r["content"],
            "request": r["request"],
            "confidential": "是" if r["confidential"] else None,
            "unit": r["unit"] if forwarded else None,
            "forwarded": forwarded,
            "accepted": accepted,
            "result": result_label(end, r["end_details"]) if end else "",
            "closed": r["ended_on"] if end else None,
        }
        overdue = [-clock["days_left"] for clock in r["clocks"]
                   if clock["state"] == "overdue" and clock["days_left"] is not None]
        holder = r["holder"]
        state = [label(STATUSES, r["status"]), label(SATISFACTION, r["satisfaction"]),
                 r["repeat_of"], (r["end_details"] or {}).get("opinion") if end else None,
                 r.get("leader") or (holder["name"] if holder and holder["kind"] == "leader"
                                     else None),
                 r["next_due_on"], max(overdue) if overdue else None]
        rows.append([_text(values[code]) for code, _, _ in REGISTER_COLUMNS if code]
                    + [_text(v) for v in state])
    return header, rows


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def event_records(ledger: Ledger, ids: list[int], *, reveal: bool = False
                  ) -> list[dict[str, Any]]:
    """Every event of the cases, case by case in the order of `ids`, oldest first; the
    ID numbers and phones in them masked unless `reveal`."""
    by_case: dict[int, list[dict[str, Any]]] = {}
    for chunk in _chunks(ids):
        for case_id, number, kind, on, recorded, officer, details in ledger.db.execute(
            "SELECT e.case_id, c.number, e.kind, e.acted_on, e.recorded_at, e.officer, "
            "e.details FROM events e JOIN cases c ON c.id = e.case_id "
            f"WHERE e.case_id IN ({', '.join('?' for _ in chunk)}) ORDER BY e.id", chunk,
        ).fetchall():
            by_case.setdefault(case_id, []).append({
                "case": number, "kind": kind, "on": on, "recorded_at": recorded,
                "officer": officer,
                "details": json.loads(details) if reveal else mask_details(json.loads(details)),
            })
    return [event for case_id in ids for event in by_case.get(case_id, [])]


EVENT_COLUMNS = (("案件编号", "case"), ("日期", "on"), ("事项", "kind"), ("说明", "details"),
                 ("经办人", "officer"), ("记录时间", "recorded_at"), ("来源", "source"))


def events_table(events: list[dict[str, Any]], lang: str = "zh") -> tuple[list[str], list[list[str]]]:
    header = [word(pair, lang) for pair in EVENT_COLUMNS]
    rows = []
    for event in events:
        source = event["details"].get("source")
        where = ""
        if isinstance(source, dict) and source.get("file") and source.get("sheet"):
            where = t("export.source_sheet", lang, file=source["file"],
                      sheet=source["sheet"], line=source.get("line"))
        elif isinstance(source, dict) and source.get("file"):
            where = t("export.source", lang, file=source["file"], line=source.get("line"))
        rows.append([event["case"], event["on"], label(EVENT_KINDS, event["kind"], lang),
                     event_summary(event["kind"], event["details"], lang), event["officer"],
                     event["recorded_at"], where])
    return header, rows


def event_summary(kind: str, details: dict[str, Any], lang: str = "zh") -> str:
    """The gist of an event's details in words (no personal data is in them)."""
    bits = []
    if kind == "registered":
        bits.append(label(CHANNELS, details.get("channel"), lang))
        if details.get("repeat_of"):
            bits.append(t("export.repeat_of", lang, case=details["repeat_of"]))
    for key, table in (("result", RESULTS), ("route", ROUTES)):
        if details.get(key):
            bits.append(label(table, details[key], lang))
    if kind == "rejected" and details.get("reason"):
        bits.append(label(REJECT_REASONS, details["reason"], lang))
    for key in ("unit", "leader", "days", "report_by", "text", "opinion", "note", "plan"):
        if details.get(key):
            bits.append(str(details[key]))
    if kind != "rejected" and details.get("reason"):
        bits.append(str(details["reason"]))
    if details.get("satisfaction"):
        bits.append(label(SATISFACTION, details["satisfaction"], lang))
    if kind == "revealed":
        bits.append(" ".join(details.get("fields", [])))
    if kind == "rejudged":
        bits += rejudgement.said(details, lang)
    if kind == "repeat_marked":
        bits += matching.said(details, lang)
    return t("sep.parts", lang).join(b for b in bits if b)


# Which columns of the register and of the events are dates and numbers in a workbook;
# every other cell (ID numbers and phones above all) is a text cell.
_DATES = ("received", "forwarded", "accepted", "closed", "next_due")
_REGISTER_KINDS = {index: xlsx.DATE if (code or en) in _DATES else xlsx.NUMBER
                   for index, (code, _, en) in enumerate(REGISTER_COLUMNS)
                   if (code or en) in (*_DATES, "headcount", "days_overdue")}
_EVENT_KINDS = {1: xlsx.DATE}


def encode_xlsx(cases: tuple[list[str], list[list[str]]] | None,
                events: tuple[list[str], list[list[str]]] | None = None,
                lang: str = "zh") -> bytes:
    """A workbook of the cases (register column form, so it imports back) and, with them,
    the events, each on its sheet: dates as date cells, text as text cells."""
    sheets = []
    if cases is not None:
        sheets.append(xlsx.Sheet(t("export.sheet.cases", lang), cases[0], cases[1],
                                 _REGISTER_KINDS))
    if events is not None:
        sheets.append(xlsx.Sheet(t("export.sheet.events", lang), events[0], events[1],
                                 _EVENT_KINDS))
    return xlsx.tables(*sheets)


def encode_csv(header: list[str], rows: list[list[str]], *, encoding: str = "utf-8-sig",
               excel: bool = False) -> bytes:
    """CSV bytes (CRLF, as Excel writes them). Every cell is neutralised against formulas;
    for `excel` long numbers are also kept as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([excel_cell(cell, excel) for cell in header])
    for row in rows:
        # No control character reaches the file (or the terminal it is printed to).
        writer.writerow([excel_cell(visible(cell), excel) for cell in row])
    text = buffer.getvalue()
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as err:
        char = text[err.start]
        case = next((row[0] for row in rows if any(char in cell for cell in row)), "?")
        raise NotEncodable(case=case, char=char, encoding=encoding.upper()) from None


def encode_json(data: Any) -> bytes:
    return (json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str))
            + "\n").encode("utf-8")
