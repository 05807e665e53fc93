"""Plain output: the overdue report as text, Markdown, CSV or JSON (the same bytes for the
same ledger and date, no colour, fit for cron mail), the major-visit list, and JSON for
programs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from xinfang.store.records import OverdueItem, OverdueReport
from xinfang.texts import t
from xinfang.visible import json_safe, visible, visible_all
from xinfang.vocab import CLOCKS, FLAGS, STATUSES, label

CSV_COLUMNS = ("section", "id", "clock", "due_on", "days_overdue", "days_left", "unit",
               "holder", "holder_since", "status", "needs_escalation")


def holder_label(item: OverdueItem, lang: str) -> str:
    """Who holds the case: the office, a leader or a unit."""
    holder = item["holder"]
    if holder["kind"] == "office":
        return t("ui.office", lang)
    if holder["kind"] == "leader":
        return t("ui.event.leader", lang, name=holder["name"])
    if item["unit"] and holder["name"] and holder["name"] != item["unit"]:
        # Escalated to a higher unit: it does not take the responsible unit's place.
        return t("overdue.escalated_to", lang, name=holder["name"])
    return holder["name"] or ""


def unit_label(item: OverdueItem, lang: str) -> str:
    """The responsible unit; the office itself before the case is forwarded."""
    return item["unit"] or t("overdue.office_unit", lang)


def owed_label(item: OverdueItem, lang: str) -> str:
    """Who owes the duty, as a group of the report is headed: the unit (or the office),
    or a leader (a leader's 化解时限), never mixed with the case's unit."""
    owed = item["owed_by"]
    if owed["kind"] == "leader":
        return t("overdue.leader_group", lang, name=owed["name"])
    return owed["name"] or t("overdue.office_unit", lang)


def group_key(item: OverdueItem) -> tuple[str, str]:
    return str(item["owed_by"]["kind"]), item["owed_by"]["name"] or ""


def _groups(items: list[OverdueItem]) -> list[tuple[tuple[str, str], list[OverdueItem]]]:
    groups: list[tuple[tuple[str, str], list[OverdueItem]]] = []
    for item in items:
        if not groups or groups[-1][0] != group_key(item):
            groups.append((group_key(item), []))
        groups[-1][1].append(item)
    return groups


def _line(item: OverdueItem, lang: str, grouped: bool = True) -> list[str]:
    if item.get("days_overdue") is not None:
        left = t("ui.overdue_n", lang, n=item["days_overdue"])
    else:
        left = t("ui.days_left_n", lang, n=item["days_left"])
        if item["days_left"] == 0:
            left = t("ui.due_today", lang)
    since = item["holder"]["since"] or ""
    holder = holder_label(item, lang)
    cells = [item["id"], label(CLOCKS, item["clock"], lang),
             t("overdue.due", lang, date=item["due_on"]), left,
             t("overdue.held_by_since", lang, holder=holder, since=since) if since else
             t("overdue.held_by", lang, holder=holder)]
    if item["owed_by"]["kind"] == "leader" or (item["owed_by"]["name"] or None) != item["unit"]:
        # Not the case's unit that owes it (a leader, a meeting task's unit): under its
        # owner's heading the case's unit is named apart; without a heading, who owes it.
        cells.append(t("overdue.responsible_unit", lang, name=unit_label(item, lang)) if grouped
                     else t("overdue.owed_by", lang, name=owed_label(item, lang)))
    if item.get("needs_escalation"):
        cells.append(t("overdue.needs_escalation", lang))
    return cells


def text(report: OverdueReport, lang: str) -> str:
    """The nightly report as plain text (what cron mails). Made `visible` as a whole: a
    control character in a unit's name shows as its escape, and one pass over the text
    costs less than one over each field of a large report."""
    late, soon = report["overdue"], report["due_soon"]
    cases = len({i["id"] for i in late})
    out = io.StringIO()
    out.write(t("overdue.title", lang, as_of=report["as_of"]) + "\n")
    out.write(t("overdue.counts", lang, cases=cases, clocks=len(late), soon=len(soon)) + "\n")
    for _, items in _groups(late):
        name = owed_label(items[0], lang)
        out.write("\n" + t("overdue.unit", lang, name=name, count=len(items)) + "\n")
        for item in items:
            out.write("  " + "  ".join(_line(item, lang)) + "\n")
    if soon:
        out.write("\n" + t("overdue.due_soon", lang) + "\n")
        for item in soon:
            out.write("  " + "  ".join([*_line(item, lang, grouped=False),
                                        unit_label(item, lang)]) + "\n")
    out.write("\n" + t("report.chain_head", lang, head=report["head"]) + "\n")
    return visible(out.getvalue())


def markdown(report: OverdueReport, lang: str) -> str:
    """The report as Markdown, made `visible` as a whole (as `text`)."""
    head = t("overdue.md.head", lang)
    out = io.StringIO()
    out.write("# " + t("overdue.title", lang, as_of=report["as_of"]) + "\n")
    for _, items in _groups(report["overdue"]):
        out.write(f"\n## {owed_label(items[0], lang)}\n\n{head}\n|---|---|---|---:|---|---|\n")
        for i in items:
            escalate = t("word.yes", lang) if i["needs_escalation"] else ""
            out.write(f"| {i['id']} | {label(CLOCKS, i['clock'], lang)} | {i['due_on']} | "
                      f"{i['days_overdue']} | {_md(holder_label(i, lang))} | {escalate} |\n")
    if report["due_soon"]:
        out.write("\n## " + t("overdue.due_soon", lang) + "\n\n")
        out.write(t("overdue.md.head_soon", lang) + "\n|---|---|---|---:|---|\n")
        for i in report["due_soon"]:
            out.write(f"| {i['id']} | {label(CLOCKS, i['clock'], lang)} | {i['due_on']} | "
                      f"{i['days_left']} | {_md(unit_label(i, lang))} |\n")
    out.write("\n" + t("report.chain_head", lang, head=report["head"]) + "\n")
    return visible(out.getvalue())


def _md(value: str) -> str:
    return value.replace("|", "\\|")


def _typed(value: str | None) -> str:
    """Unit and holder names are typed text (a register's 转送单位 column becomes a unit)
    and the report is opened in Excel: no such cell may run as a formula, and a bare CR,
    which this writer does not quote, must not start a new row there."""
    from xinfang.files import neutralise

    return neutralise(value or "").replace("\r", "\n")


def csv_text(report: OverdueReport) -> str:
    report = visible_all(report)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for section in ("overdue", "due_soon"):
        for i in report[section]:
            writer.writerow([section, i["id"], i["clock"], i["due_on"],
                             "" if i["days_overdue"] is None else i["days_overdue"],
                             i["days_left"], _typed(i["unit"]), _typed(i["holder"]["name"]),
                             i["holder"]["since"] or "", i["status"],
                             int(bool(i.get("needs_escalation")))])
    return out.getvalue()


def overdue_json(report: OverdueReport) -> str:
    """A list of objects: overdue first, then due soon (`section` tells which)."""
    items = [{"section": "overdue", **i} for i in report["overdue"]]
    items += [{"section": "due_soon", **i} for i in report["due_soon"]]
    return json_safe(json.dumps(items, ensure_ascii=False, indent=2)) + "\n"


def major_text(items: list[dict[str, Any]], as_of: str, lang: str) -> str:
    items = visible_all(items)
    out = io.StringIO()
    out.write(t("major.title", lang, as_of=as_of, count=len(items)) + "\n")
    for i in items:
        marks = "、".join(label(FLAGS, f, lang) for f in i["flags"])
        headcount = t("major.headcount", lang, count=i["headcount"])
        out.write(f"  {i['id']}  {i['received_on']}  {headcount}  "
                  f"{label(STATUSES, i['status'], lang)}  {marks}  {i['content']}\n")
    return out.getvalue()


def json_lines(items: Iterable[Any]) -> Iterator[str]:
    """A long list as machine output: a JSON array with one element on each line, each
    written as soon as it is made (a whole ledger's repeat chains need not be held as
    one text)."""
    yield "["
    separator = "\n"
    for item in items:
        yield separator + json_safe(json.dumps(item, ensure_ascii=False, default=str))
        separator = ",\n"
    yield "\n]\n"


def json_text(data: Any) -> str:
    """Machine output: plain JSON, never through Rich (it would eat `[...]` and wrap)."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n"
