"""Plain output: the overdue report as text, Markdown, CSV or JSON (the same bytes for the
same ledger and date, no colour, fit for cron mail), the major-visit list, and JSON for
programs."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from xinfang.vocab import CLOCKS, FLAGS, STATUSES, label

CSV_COLUMNS = ("section", "id", "clock", "due_on", "days_overdue", "days_left", "unit",
               "holder", "holder_since", "status", "needs_escalation")


def holder_label(item: dict[str, Any], lang: str) -> str:
    """Who holds the case: the office, a leader or a unit."""
    holder = item["holder"]
    if holder["kind"] == "office":
        return "本办" if lang == "zh" else "the office"
    if holder["kind"] == "leader":
        return ("包案领导 " if lang == "zh" else "leader ") + holder["name"]
    return holder["name"] or ""


def unit_label(item: dict[str, Any], lang: str) -> str:
    """The responsible unit; the office itself before the case is forwarded."""
    return item["unit"] or ("本办（未转送）" if lang == "zh" else "the office (not forwarded)")


def _groups(items: list[dict[str, Any]]) -> list[tuple[str | None, list[dict[str, Any]]]]:
    groups: list[tuple[str | None, list[dict[str, Any]]]] = []
    for item in items:
        if not groups or groups[-1][0] != item["unit"]:
            groups.append((item["unit"], []))
        groups[-1][1].append(item)
    return groups


def _line(item: dict[str, Any], lang: str) -> list[str]:
    zh = lang == "zh"
    if item.get("days_overdue") is not None:
        left = f"超期 {item['days_overdue']} 天" if zh else f"{item['days_overdue']} days overdue"
    else:
        left = f"还剩 {item['days_left']} 天" if zh else f"{item['days_left']} days left"
        if item["days_left"] == 0:
            left = "今天截止" if zh else "due today"
    since = item["holder"]["since"] or ""
    cells = [item["id"], label(CLOCKS, item["clock"], lang),
             ("截止 " if zh else "due ") + item["due_on"], left,
             ("承办：" if zh else "held by: ") + holder_label(item, lang)
             + (f"（{since} 起）" if zh and since else f" (since {since})" if since else "")]
    if item.get("needs_escalation"):
        cells.append("需上报" if zh else "needs escalation")
    return cells


def text(report: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    late, soon = report["overdue"], report["due_soon"]
    cases = len({i["id"] for i in late})
    out = io.StringIO()
    out.write(f"超期报告 {report['as_of']}\n" if zh else f"Overdue report {report['as_of']}\n")
    out.write(f"超期 {cases} 件（{len(late)} 项期限），即将到期 {len(soon)} 项\n" if zh else
               f"{cases} cases overdue ({len(late)} clocks), {len(soon)} due soon\n")
    for _, items in _groups(late):
        name = unit_label(items[0], lang)
        out.write(f"\n【{name}】超期 {len(items)} 项\n" if zh else f"\n[{name}] {len(items)} overdue\n")
        for item in items:
            out.write("  " + "  ".join(_line(item, lang)) + "\n")
    if soon:
        out.write("\n即将到期\n" if zh else "\nDue soon\n")
        for item in soon:
            out.write("  " + "  ".join([*_line(item, lang), unit_label(item, lang)]) + "\n")
    return out.getvalue()


def markdown(report: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    head = ("| 案件 | 期限 | 截止 | 超期天数 | 承办 | 需上报 |" if zh else
            "| Case | Clock | Due | Days overdue | Held by | Escalate |")
    out = io.StringIO()
    out.write(f"# 超期报告 {report['as_of']}\n" if zh else f"# Overdue report {report['as_of']}\n")
    for _, items in _groups(report["overdue"]):
        out.write(f"\n## {unit_label(items[0], lang)}\n\n{head}\n|---|---|---|---:|---|---|\n")
        for i in items:
            escalate = ("是" if zh else "yes") if i["needs_escalation"] else ""
            out.write(f"| {i['id']} | {label(CLOCKS, i['clock'], lang)} | {i['due_on']} | "
                      f"{i['days_overdue']} | {_md(holder_label(i, lang))} | {escalate} |\n")
    if report["due_soon"]:
        out.write("\n## 即将到期\n\n" if zh else "\n## Due soon\n\n")
        out.write(("| 案件 | 期限 | 截止 | 剩余天数 | 责任单位 |" if zh else
                   "| Case | Clock | Due | Days left | Unit |") + "\n|---|---|---|---:|---|\n")
        for i in report["due_soon"]:
            out.write(f"| {i['id']} | {label(CLOCKS, i['clock'], lang)} | {i['due_on']} | "
                      f"{i['days_left']} | {_md(unit_label(i, lang))} |\n")
    return out.getvalue()


def _md(value: str) -> str:
    return value.replace("|", "\\|")


def _typed(value: str | None) -> str:
    """Unit and holder names are typed text (a register's 转送单位 column becomes a unit)
    and the report is opened in Excel: no such cell may run as a formula, and a bare CR,
    which this writer does not quote, must not start a new row there."""
    from xinfang.files import neutralise

    return neutralise(value or "").replace("\r", "\n")


def csv_text(report: dict[str, Any]) -> str:
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


def overdue_json(report: dict[str, Any]) -> str:
    """A list of objects: overdue first, then due soon (`section` tells which)."""
    items = [{"section": "overdue", **i} for i in report["overdue"]]
    items += [{"section": "due_soon", **i} for i in report["due_soon"]]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def major_text(items: list[dict[str, Any]], as_of: str, lang: str) -> str:
    zh = lang == "zh"
    out = io.StringIO()
    out.write(f"重大访情 {as_of}：{len(items)} 件\n" if zh else
               f"Major visits {as_of}: {len(items)}\n")
    for i in items:
        marks = "、".join(label(FLAGS, f, lang) for f in i["flags"])
        out.write(f"  {i['id']}  {i['received_on']}  {i['headcount']}人  "
                  f"{label(STATUSES, i['status'], lang)}  {marks}  {i['content']}\n"
                  if zh else
                  f"  {i['id']}  {i['received_on']}  {i['headcount']} people  "
                  f"{label(STATUSES, i['status'], lang)}  {marks}  {i['content']}\n")
    return out.getvalue()


def json_text(data: Any) -> str:
    """Machine output: plain JSON, never through Rich (it would eat `[...]` and wrap)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
