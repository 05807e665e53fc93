"""What people see at a terminal: Rich tables and panels, every label in Chinese by
default and English with `--lang en`.

User text never reaches Rich as markup: it is wrapped in `Text`, so `[b]` or `[/]` in a
petition is shown as typed.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from xinfang.deadlines.clocks import DUTIES
from xinfang.vocab import CHANNELS, CLOCKS, EVENT_KINDS, FLAGS, RESULTS, STATUSES, UNITS, label

UI: dict[str, tuple[str, str]] = {
    "case": ("案件编号", "Case"),
    "status": ("状态", "Status"),
    "received_on": ("收到日期", "Received"),
    "channel": ("形式", "Channel"),
    "headcount": ("人数", "Headcount"),
    "locality": ("属地", "Locality"),
    "category": ("类别", "Category"),
    "content": ("反映问题", "Content"),
    "request": ("诉求", "Request"),
    "unit": ("责任单位", "Unit"),
    "holder": ("当前承办", "Held by"),
    "petitioners": ("信访人", "Petitioners"),
    "lead": ("主访人", "lead"),
    "anonymous": ("匿名", "anonymous"),
    "name": ("姓名", "Name"),
    "id_number": ("身份证号", "ID number"),
    "phone": ("电话", "Phone"),
    "address": ("住址", "Address"),
    "clock": ("期限", "Clock"),
    "started_on": ("起算", "Started"),
    "length": ("时长", "Length"),
    "due_on": ("截止", "Due"),
    "stopped_on": ("停止", "Stopped"),
    "days_left": ("剩余/超期", "Left/overdue"),
    "next_due": ("最近截止", "Next due"),
    "timeline": ("办理经过", "Timeline"),
    "on": ("日期", "Date"),
    "officer": ("经办人", "Officer"),
    "what": ("事项", "What"),
    "flags": ("提示", "Flags"),
    "office": ("本办", "the office"),
    "leader": ("包案领导", "leader"),
    "clocks": ("期限", "Clocks"),
    "result": ("办理结果", "Result"),
    "confidential": ("保密", "confidential"),
    "total": ("共 {total} 件，显示 {shown} 件。", "{total} cases, {shown} shown."),
    "more": ("用 --limit 或 --offset 查看更多。", "Use --limit or --offset to see more."),
    "none": ("没有符合条件的案件。", "No cases match."),
    "days_left_n": ("还剩 {n} 天", "{n} days left"),
    "due_today": ("今天截止", "due today"),
    "overdue_n": ("超期 {n} 天", "{n} days overdue"),
    "lapsed": ("已过期", "lapsed"),
    "stopped": ("已停止", "stopped"),
    "late": ("（逾期）", " (late)"),
    "unpublished": (
        "注意：{years} 年的国家放假安排尚未公布，截止日期按法定节日推算，调休未计入，公布后会变。",
        "Note: the official holiday schedule for {years} is not yet published; due dates are "
        "estimated from the statutory holidays without make-up days and may change.",
    ),
}

STATE_STYLE = {"overdue": "bold red", "due_soon": "yellow", "lapsed": "dim", "stopped": "dim"}


def t(key: str, lang: str, **params: Any) -> str:
    zh, en = UI[key]
    return (zh if lang == "zh" else en).format(**params)


def stdout_console() -> Console:
    return Console(highlight=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def _text(value: Any) -> Text:
    return Text("" if value is None else str(value))


def holder_text(holder: dict[str, Any], lang: str) -> str:
    if not holder or not holder.get("name"):
        return ""
    name = t("office", lang) if holder["kind"] == "office" else holder["name"]
    if holder["kind"] == "leader":
        name = f"{t('leader', lang)} {name}"
    since = holder.get("since")
    return f"{name}（{since} 起）" if lang == "zh" and since else (
        f"{name} (since {since})" if since else name
    )


def clock_left(clock: dict[str, Any], lang: str) -> str:
    """`还剩 3 天` / `超期 5 天` / `今天截止` / `已停止`."""
    state = clock["state"]
    if state == "stopped":
        return t("stopped", lang) + (t("late", lang) if clock["late"] else "")
    if state == "lapsed":
        return t("lapsed", lang)
    left = clock["days_left"]
    if left < 0:
        return t("overdue_n", lang, n=-left)
    if left == 0:
        return t("due_today", lang)
    return t("days_left_n", lang, n=left)


def length_text(clock: dict[str, Any], lang: str) -> str:
    text = f"{clock['length']}{label(UNITS, clock['unit'], lang) if lang == 'zh' else ' ' + label(UNITS, clock['unit'], lang)}"
    if clock.get("extra_days"):
        text += f"+{clock['extra_days']}"
    return text


def clocks_table(clocks: list[dict[str, Any]], lang: str) -> Table:
    table = Table(title=t("clocks", lang), title_justify="left", expand=False)
    for key in ("clock", "started_on", "length", "due_on", "stopped_on", "days_left"):
        table.add_column(t(key, lang))
    for clock in clocks:
        style = STATE_STYLE.get(clock["state"], "")
        table.add_row(
            label(CLOCKS, clock["clock"], lang),
            clock["started_on"],
            length_text(clock, lang),
            clock["due_on"],
            clock["stopped_on"] or "",
            Text(clock_left(clock, lang), style=style),
        )
    return table


def people_lines(people: list[dict[str, Any]], anonymous: bool, lang: str) -> Text:
    if anonymous and not people:
        return Text(t("anonymous", lang))
    text = Text()
    for index, person in enumerate(people):
        if index:
            text.append("\n")
        parts = [person["name"] or "", person["id_number"] or "", person["phone"] or "",
                 person["address"] or ""]
        text.append("  ".join(part for part in parts if part))
        if person["lead"] and len(people) > 1:
            text.append(f"（{t('lead', lang)}）" if lang == "zh" else f" ({t('lead', lang)})")
    return text


def event_text(event: dict[str, Any], lang: str) -> Text:
    """One line of a case's history: what happened and why."""
    from xinfang.vocab import REJECT_REASONS, RESULTS, ROUTES, SATISFACTION

    zh = lang == "zh"
    d = event["details"]
    kind = event["kind"]
    bits: list[str] = []
    if kind == "registered":
        bits.append(label(CHANNELS, d.get("channel"), lang))
    if d.get("unit"):
        bits.append(d["unit"])
    if d.get("leader"):
        bits.append(f"包案领导 {d['leader']}" if zh else f"leader {d['leader']}")
    if d.get("report_by"):
        bits.append(f"{d['report_by']} 前报告结果" if zh else f"report by {d['report_by']}")
    if d.get("result"):
        bits.append(label(RESULTS, d["result"], lang))
    if kind == "rejected" and d.get("reason"):
        bits.append(label(REJECT_REASONS, d["reason"], lang))
    if d.get("route"):
        bits.append(label(ROUTES, d["route"], lang))
    if d.get("days"):
        bits.append(f"延长 {d['days']} 日" if zh else f"{d['days']} more days")
    if d.get("approved_by"):
        bits.append(f"批准：{d['approved_by']}" if zh else f"approved by {d['approved_by']}")
    if d.get("from"):
        bits.append(f"{d['from']} ~ {d['to']}")
    if d.get("satisfaction"):
        bits.append(label(SATISFACTION, d["satisfaction"], lang))
    if d.get("unreachable"):
        bits.append("联系不上" if zh else "unreachable")
    if kind != "rejected" and d.get("reason"):
        bits.append(("理由：" if zh else "why: ") + d["reason"])
    for key in ("text", "opinion", "plan", "note"):
        if d.get(key):
            bits.append(str(d[key]))
    if d.get("target"):
        bits.append(f"目标 {d['target']}" if zh else f"target {d['target']}")
    if kind == "revealed":
        bits.append(" ".join(d.get("fields", [])))
    if d.get("late"):
        bits.append("逾期" if zh else "late")
    text = Text(label(EVENT_KINDS, kind, lang))
    if bits:
        text.append(("：" if zh else ": ") + ("；" if zh else "; ").join(bits))
    return text


def timeline_table(events: list[dict[str, Any]], lang: str) -> Table:
    table = Table(title=t("timeline", lang), title_justify="left")
    for key in ("on", "what", "officer"):
        table.add_column(t(key, lang))
    table.add_column("记录时间" if lang == "zh" else "Recorded", style="dim")
    for event in events:
        table.add_row(event["on"], event_text(event, lang), _text(event["officer"]),
                      event["recorded_at"][:16].replace("T", " "))
    return table


def case_panel(record: dict[str, Any], lang: str) -> Group:
    """`show`: the case, its petitioners, its clocks and its history."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = [
        ("status", label(STATUSES, record["status"], lang)),
        ("received_on", record["received_on"]),
        ("channel", label(CHANNELS, record["channel"], lang)),
        ("headcount", record["headcount"]),
        ("locality", record["locality"]),
        ("category", record["category"]),
        ("content", record["content"]),
        ("request", record["request"]),
        ("unit", record["unit"]),
        ("holder", holder_text(record["holder"], lang)),
        ("result", label(RESULTS, record["result"], lang)),
    ]
    for key, value in rows:
        if value not in (None, ""):
            grid.add_row(t(key, lang), _text(value))
    grid.add_row(t("petitioners", lang), people_lines(record["people"], record["anonymous"], lang))
    if record["flags"]:
        grid.add_row(t("flags", lang), _text("、".join(label(FLAGS, f, lang) for f in record["flags"])))
    title = Text(record["id"], style="bold")
    if record["confidential"]:
        title.append(f"  [{t('confidential', lang)}]", style="red")
    parts: list[Any] = [Panel(grid, title=title, title_align="left")]
    if record["clocks"]:
        parts.append(clocks_table(record["clocks"], lang))
    if record["unpublished_years"]:
        years = "、".join(str(y) for y in record["unpublished_years"])
        parts.append(Text(t("unpublished", lang, years=years), style="yellow"))
    if record.get("events"):
        parts.append(timeline_table(record["events"], lang))
    return Group(*parts)


def cases_table(records: list[dict[str, Any]], lang: str, wide: bool = False) -> Table:
    """`list`: one line a case, newest first. `wide` adds category and unit."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    widest = max([len(r["id"]) for r in records] + [8])
    table.add_column(t("case", lang), no_wrap=True, min_width=widest)
    table.add_column(t("received_on", lang), no_wrap=True, min_width=10)
    table.add_column(t("status", lang), no_wrap=True, min_width=8, max_width=None if wide else 10)
    table.add_column(t("petitioners", lang), no_wrap=True, min_width=6, max_width=10)
    if wide:
        table.add_column(t("category", lang), max_width=10)
    table.add_column(t("content", lang), no_wrap=True, overflow="ellipsis",
                     max_width=30 if wide else 12)
    if wide:
        table.add_column(t("unit", lang), max_width=12)
    table.add_column(t("next_due", lang), no_wrap=True, min_width=16 if wide else 9)
    for record in records:
        lead = next((p["name"] for p in record["people"] if p["lead"]), None)
        if lead is None and record["anonymous"]:
            lead = t("anonymous", lang)
        running = [c for c in record["clocks"] if c["stopped_on"] is None and c["clock"] in DUTIES]
        due = Text("")
        if running:
            first = min(running, key=lambda c: c["due_on"])
            left = clock_left(first, lang).replace(" ", "") if lang == "zh" else clock_left(first, lang)
            due = Text(f"{first['due_on'][5:]} {left}" if wide else left,
                       style=STATE_STYLE.get(first["state"], ""))
        content = " ".join(record["content"].split())
        cells = [record["id"], record["received_on"], label(STATUSES, record["status"], lang),
                 _text(lead)]
        if wide:
            cells.append(_text(record["category"]))
        cells.append(_text(content if len(content) <= 20 else content[:19] + "…"))
        if wide:
            cells.append(_text(record["unit"]))
        cells.append(due)
        table.add_row(*cells)
    return table


def deadline_text(item: dict[str, Any], lang: str) -> Text:
    """`deadline`: how one clock's due date was counted."""
    zh = lang == "zh"
    text = Text()
    text.append(label(CLOCKS, item["clock"], lang), style="bold")
    text.append(f"  {item['due_on']}\n")
    if item["fixed"]:
        text.append("交办时指定的报告日期。\n" if zh else "The report-by date set on assignment.\n")
        return text
    unit = label(UNITS, item["unit"], lang)
    text.append(
        f"起算：{item['started_on']}（当天不计）；时长：{item['length']}{unit}" if zh else
         f"Start: {item['started_on']} (not counted); length: {item['length']} {unit}"
    )
    if item["extra_days"]:
        text.append(f"，另加 {item['extra_days']} 日（延期/听证）" if zh else
                    f", plus {item['extra_days']} days (extension/hearing)")
    text.append("\n")
    if item["skipped"]:
        joined = "、" if zh else ", "
        days = joined.join(f"{s['day']}（{_why(s['why'], lang)}）" for s in item["skipped"])
        text.append(("跳过的休息日：" if zh else "Rest days skipped: ") + days + "\n")
    else:
        text.append("没有遇到休息日。\n" if zh else "No rest day in the way.\n")
    for override in item["overrides"]:
        kind = ("本地工作日" if zh else "local working day") if override["working"] else (
            "本地休息日" if zh else "local rest day")
        text.append(f"本地调整：{override['day']} {kind}（{override['reason']}）\n" if zh else
                     f"Override: {override['day']} {kind} ({override['reason']})\n")
    if item["stopped_on"] and item["recomputed_due_on"] != item["due_on"]:
        text.append(f"注：按现行政策和日历重算应为 {item['recomputed_due_on']}；已停止的期限保留当时的截止日期。\n"
                     if zh else f"Under today's policy and calendar it would be "
                     f"{item['recomputed_due_on']}; a stopped clock keeps its due date.\n")
    if item["unpublished_years"]:
        years = "、".join(str(y) for y in item["unpublished_years"])
        text.append(t("unpublished", lang, years=years) + "\n", style="yellow")
    return text


def _why(why: str, lang: str) -> str:
    kind, _, name = why.partition(":")
    if kind == "weekend":
        return "周末" if lang == "zh" else "weekend"
    if kind == "override":
        return ("本地调整：" if lang == "zh" else "override: ") + name
    return name


def calendar_table(year: int, days: list[dict[str, Any]], published: bool, lang: str) -> Group:
    zh = lang == "zh"
    kinds = {
        "rest": ("放假", "holiday"),
        "makeup": ("调休上班", "make-up working day"),
        "override-rest": ("本地休息日", "local rest day"),
        "override-work": ("本地工作日", "local working day"),
    }
    table = Table(title=f"{year}" + (" 年放假与调休" if zh else " rest days and make-up days"),
                  title_justify="left")
    for header in (("日期", "Date"), ("星期", "Weekday"), ("类型", "Kind"), ("说明", "Why")):
        table.add_column(header[0] if zh else header[1])
    weekdays = "一二三四五六日" if zh else None
    import datetime as _dt

    for day in days:
        d = _dt.date.fromisoformat(day["day"])
        weekday = ("周" + weekdays[d.weekday()]) if weekdays else d.strftime("%a")
        kind = kinds[day["kind"]][0 if zh else 1]
        table.add_row(day["day"], weekday, kind, _text(day["why"]))
    parts: list[Any] = [table]
    if not published:
        parts.append(Text(t("unpublished", lang, years=str(year)), style="yellow"))
    return Group(*parts)


def policy_table(policy: Any, lang: str) -> Table:
    from xinfang.deadlines.policy import NATIONAL_CLOCKS, NUMBERS

    zh = lang == "zh"
    table = Table(title="期限政策" if zh else "Deadline policy", title_justify="left")
    for header in (("项目", "Item"), ("代码", "Code"), ("设定", "Setting"), ("全国默认", "National")):
        table.add_column(header[0] if zh else header[1])
    for code, rule in policy.clocks.items():
        national = NATIONAL_CLOCKS[code]
        table.add_row(label(CLOCKS, code, lang), code, length_text(
            {"length": rule.length, "unit": rule.unit}, lang), length_text(
            {"length": national.length, "unit": national.unit}, lang),
            style="" if rule == national else "bold")
    for key, (default, zh_text, en_text) in NUMBERS.items():
        value = policy.numbers[key]
        table.add_row(zh_text if zh else en_text, key, str(value), str(default),
                      style="" if value == default else "bold")
    return table


def demo_intro(summary: dict[str, int], lang: str) -> Text:
    if lang == "zh":
        return Text(
            f"演示台账（演示日期 2026-11-23）：从内置登记簿登记 {summary['cases']} 件，"
            f"转送 {summary['forwarded']} 件，办结 {summary['closed']} 件，"
            f"其中 {summary['overdue']} 件有期限已超期。\n最近收到的案件（xinfang list）："
        )
    return Text(
        f"Demo ledger (as of 2026-11-23): {summary['cases']} cases registered from the bundled "
        f"register, {summary['forwarded']} forwarded, {summary['closed']} closed, "
        f"{summary['overdue']} with an overdue clock.\nNewest cases (xinfang list):"
    )


def act_headline(event: dict[str, Any], lang: str) -> str:
    """`已转送 XF-…：人社局`."""
    text = f"{label(EVENT_KINDS, event['kind'], lang)} {event['case']}"
    extra = event["details"].get("unit") or event["details"].get("leader")
    if extra:
        text += ("：" if lang == "zh" else ": ") + str(extra)
    return ("已" if lang == "zh" else "") + text if lang == "zh" else text.capitalize()


def units_table(units: list[dict[str, Any]], lang: str) -> Table:
    from xinfang.vocab import LEVELS

    table = Table()
    for header in (("单位", "Unit"), ("层级", "Level"), ("上级", "Parent")):
        table.add_column(header[0] if lang == "zh" else header[1])
    for unit in units:
        table.add_row(_text(unit["name"]), label(LEVELS, unit["level"], lang), _text(unit["parent"]))
    return table


def overdue_tables(report: dict[str, Any], lang: str) -> Group:
    """The overdue report for a person at a terminal: one table per responsible unit."""
    from xinfang.render.plain import holder_label, unit_label

    zh = lang == "zh"
    late, soon = report["overdue"], report["due_soon"]
    parts: list[Any] = [Text(
        (f"超期报告 {report['as_of']}：超期 {len({i['id'] for i in late})} 件"
         f"（{len(late)} 项期限），即将到期 {len(soon)} 项") if zh else
        (f"Overdue report {report['as_of']}: {len({i['id'] for i in late})} cases "
         f"({len(late)} clocks), {len(soon)} due soon"), style="bold")]
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for item in late:
        groups.setdefault(item["unit"], []).append(item)
    for items in groups.values():
        table = Table(title=_text(unit_label(items[0], lang)), title_justify="left")
        for key in ("case", "clock", "due_on", "days_left", "holder"):
            table.add_column(t(key, lang))
        table.add_column("需上报" if zh else "Escalate")
        for i in items:
            table.add_row(i["id"], label(CLOCKS, i["clock"], lang), i["due_on"],
                          Text(t("overdue_n", lang, n=i["days_overdue"]), style="bold red"),
                          _text(holder_label(i, lang)), "是" if zh and i["needs_escalation"] else
                          ("yes" if i["needs_escalation"] else ""))
        parts.append(table)
    if soon:
        table = Table(title="即将到期" if zh else "Due soon", title_justify="left")
        for key in ("case", "clock", "due_on", "days_left", "unit"):
            table.add_column(t(key, lang))
        for i in soon:
            left = t("due_today", lang) if i["days_left"] == 0 else t("days_left_n", lang,
                                                                        n=i["days_left"])
            table.add_row(i["id"], label(CLOCKS, i["clock"], lang), i["due_on"],
                          Text(left, style="yellow"), _text(unit_label(i, lang)))
        parts.append(table)
    return Group(*parts)


def stats_tables(result: dict[str, Any], lang: str) -> Group:
    zh = lang == "zh"
    table = Table(title=(f"工作指标 {result['from']} 至 {result['to']}" if zh else
                         f"Figures {result['from']} to {result['to']}"), title_justify="left")
    for header in (("指标", "Figure"), ("分子", "Num."), ("分母", "Den."), ("比率", "Rate"),
                   ("口径", "Definition")):
        table.add_column(header[0] if zh else header[1])
    for figure in result["figures"].values():
        rate = "—" if figure["rate"] is None else f"{figure['rate'] * 100:.1f}%"
        table.add_row(figure["name"] if zh else figure["name_en"], str(figure["numerator"]),
                      str(figure["denominator"]), rate, Text(figure["definition"], style="dim"))
    parts: list[Any] = [table]
    if result.get("groups") is not None:
        names = {"unit": ("责任单位", "Unit"), "category": ("类别", "Category"),
                 "locality": ("属地", "Locality"), "month": ("月份", "Month")}
        groups = Table()
        groups.add_column(names[result["by"]][0 if zh else 1])
        for header in (("登记", "Registered"), ("已办结", "Closed"), ("现超期", "Overdue now"),
                       ("重复信访", "Repeats")):
            groups.add_column(header[0] if zh else header[1], justify="right")
        for g in result["groups"]:
            groups.add_row(_text(g["key"] or ("（未填）" if zh else "(none)")), str(g["registered"]),
                           str(g["closed"]), str(g["overdue"]), str(g["repeats"]))
        parts.append(groups)
    return Group(*parts)


def month_chart(months: list[dict[str, Any]], lang: str, width: int = 40) -> Group:
    """Registered and closed per month as bars, so a leader sees the trend at a glance."""
    zh = lang == "zh"
    top = max([m["registered"] for m in months] + [m["closed"] for m in months] + [1])
    lines: list[Any] = [Text("逐月登记（█）与办结（▒）" if zh else
                             "Registered (█) and closed (▒) by month", style="bold")]
    for m in months:
        line = Text(f"{m['month']} ")
        line.append("█" * round(m["registered"] / top * width), style="cyan")
        line.append(f" {m['registered']}\n        ")
        line.append("▒" * round(m["closed"] / top * width), style="green")
        line.append(f" {m['closed']}")
        lines.append(line)
    return Group(*lines)


def chains_view(chains: list[dict[str, Any]], lang: str) -> Group:
    zh = lang == "zh"
    parts: list[Any] = []
    for chain in chains:
        first = chain["cases"][0]
        title = Text(f"{chain['first']}  ")
        title.append(f"共 {chain['length']} 次" if zh else f"{chain['length']} petitions",
                     style="bold")
        title.append(f"  {first['petitioner'] or ''}  {first['category'] or ''}  {first['content']}")
        if chain["final"]:
            title.append("  " + label(FLAGS, "repeat_final", lang), style="red")
        table = Table(title=title, title_justify="left")
        for key in ("case", "received_on", "status", "result"):
            table.add_column(t(key, lang))
        for index, case in enumerate(chain["cases"]):
            mark = ("（初件）" if zh else " (first)") if index == 0 else ""
            table.add_row(case["id"] + mark, case["received_on"],
                          label(STATUSES, case["status"], lang), label(RESULTS, case["result"], lang))
        parts.append(table)
    return Group(*parts)


def earlier_cases_table(cases: list[dict[str, Any]], lang: str) -> Table:
    """At registration: the earlier cases of the same person and matter."""
    zh = lang == "zh"
    table = Table(title="同一信访人同一事项的在先案件（重复信访）" if zh else
                  "Earlier cases of the same person and matter (repeat)", title_justify="left")
    for key in ("case", "received_on", "status", "result", "content"):
        table.add_column(t(key, lang))
    for case in cases:
        mark = ("（初件）" if zh else " (first)") if case["first"] else ""
        table.add_row(case["id"] + mark, case["received_on"], label(STATUSES, case["status"], lang),
                      label(RESULTS, case["result"], lang), _text(case["content"]))
    return table
