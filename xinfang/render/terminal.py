"""What people see at a terminal: Rich tables and panels, every label in Chinese by
default and English with `--lang en`.

User text never reaches Rich as markup: it is wrapped in `Text`, so `[b]` or `[/]` in a
petition is shown as typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from xinfang.deadlines.clocks import DUTIES
from xinfang.render.practice import event_bits as practice_bits
from xinfang.store.records import (
    CaseRecord,
    Chain,
    ChainCase,
    ClockRecord,
    EventRecord,
    HolderRecord,
    OverdueItem,
    OverdueReport,
    PersonRecord,
    Recorded,
)
from xinfang.texts import join, ref, t
from xinfang.visible import visible, visible_all
from xinfang.vocab import (
    CHANNELS,
    CLOCKS,
    EVENT_KINDS,
    FLAGS,
    NOTICE_KINDS,
    RESULTS,
    SATISFACTION,
    STATUSES,
    UNITS,
    label,
)

if TYPE_CHECKING:
    from xinfang.notices.templates import Listed

STATE_STYLE = {"overdue": "bold red", "due_soon": "yellow", "lapsed": "dim", "stopped": "dim"}
WEEKDAYS = ("ui.weekday.mon", "ui.weekday.tue", "ui.weekday.wed", "ui.weekday.thu",
            "ui.weekday.fri", "ui.weekday.sat", "ui.weekday.sun")


class SafeConsole(Console):
    """A console for text from the ledger: no markup and no emoji codes (`[b]` and
    `:warning:` are shown as typed), and the control characters of any plain text
    printed made visible (the renderers make their tables' text visible themselves)."""

    def print(self, *objects: Any, **options: Any) -> None:
        shown = [visible(item) if isinstance(item, str) else item for item in objects]
        if not self.is_terminal:
            shown = [plain_layout(item) for item in shown]
        super().print(*shown, **options)


def plain_layout(item: Any) -> Any:
    """What goes to a file or a pipe: the same tables as plain aligned columns, without
    box drawing (a panel becomes its title over its content)."""
    if isinstance(item, Table):
        item.box = None
        item.show_edge = False
        item.pad_edge = False
        return item
    if isinstance(item, Panel):
        body = plain_layout(item.renderable)
        if item.title is None:
            return body
        title = item.title if isinstance(item.title, Text) else Text(str(item.title))
        return Group(title, body)
    if isinstance(item, Group):
        return Group(*(plain_layout(part) for part in item.renderables))
    return item


def stdout_console() -> Console:
    return SafeConsole(highlight=False, markup=False, emoji=False)


def stderr_console() -> Console:
    return SafeConsole(stderr=True, highlight=False, markup=False, emoji=False)


def _text(value: Any) -> Text:
    return Text(visible("" if value is None else str(value)))


def holder_text(holder: HolderRecord, lang: str) -> str:
    if not holder or not holder.get("name"):
        return ""
    name = t("ui.office", lang) if holder["kind"] == "office" else str(holder["name"])
    if holder["kind"] == "leader":
        name = f"{t('ui.leader', lang)} {name}"
    since = holder.get("since")
    return t("ui.held_since", lang, name=name, since=since) if since else name


def clock_left(clock: ClockRecord, lang: str, short: bool = False) -> str:
    """`还剩 3 天` / `超期 5 天` / `今天截止` / `已停止`; `short` for a narrow column
    (`还剩3天`)."""
    state = clock["state"]
    if state == "stopped":
        return t("ui.stopped", lang) + (t("ui.late", lang) if clock["late"] else "")
    if state == "lapsed":
        return t("ui.lapsed", lang)
    left = clock["days_left"]
    assert left is not None  # a running clock
    if left < 0:
        return t("ui.overdue_short" if short else "ui.overdue_n", lang, n=-left)
    if left == 0:
        return t("ui.due_today", lang)
    return t("ui.days_left_short" if short else "ui.days_left_n", lang, n=left)


def length_text(length: int, unit: str, extra_days: int, lang: str) -> str:
    """`60日+30`: a clock's length, and the days added to it (extension, hearing)."""
    text = t("ui.length_of", lang, length=length, unit=label(UNITS, unit, lang))
    if extra_days:
        text += f"+{extra_days}"
    return text


def clocks_table(clocks: list[ClockRecord], lang: str) -> Table:
    table = Table(title=t("ui.clocks", lang), title_justify="left", expand=False)
    for key in ("ui.clock", "ui.started_on", "ui.length", "ui.due_on", "ui.stopped_on",
                "ui.days_left"):
        table.add_column(t(key, lang))
    for clock in clocks:
        style = STATE_STYLE.get(clock["state"], "")
        table.add_row(
            label(CLOCKS, clock["clock"], lang),
            clock["started_on"],
            length_text(clock["length"], clock["unit"], clock["extra_days"], lang),
            clock["due_on"],
            clock["stopped_on"] or "",
            Text(clock_left(clock, lang), style=style),
        )
    return table


def people_lines(people: list[PersonRecord], anonymous: bool, lang: str) -> Text:
    people = visible_all(people)
    if anonymous and not people:
        return Text(t("ui.anonymous", lang))
    text = Text()
    for index, person in enumerate(people):
        if index:
            text.append("\n")
        parts = [person["name"] or "", person["id_number"] or "", person["phone"] or "",
                 person["address"] or ""]
        text.append("  ".join(part for part in parts if part))
        if person["lead"] and len(people) > 1:
            text.append(t("ui.lead_mark", lang, lead=ref("ui.lead")))
    return text


def event_text(event: EventRecord, lang: str) -> Text:
    """One line of a case's history: what happened and why."""
    event = visible_all(event)
    from xinfang.cases import matching, rejudgement
    from xinfang.vocab import (
        DELIVERABLES,
        DELIVERY_METHODS,
        OUTCOMES,
        REJECT_REASONS,
        RESULTS,
        ROUTES,
        SATISFACTION,
    )

    d = event["details"]
    kind = event["kind"]
    bits: list[str] = []
    if kind == "registered":
        bits.append(label(CHANNELS, d.get("channel"), lang))
    if kind == "corrected":
        bits += [_correction(name, old, new, lang)
                 for name, (old, new) in (d.get("changes") or {}).items()]
        if "people" in d:
            names = [t("sep.list", lang).join(str(given[0] or "—") for given in people)
                     for people in (d.get("people_was") or [], d["given"])]
            bits.append(t("ui.event.change", lang, field=ref("field.person.people"),
                          old=names[0] or "—", new=names[1] or "—"))
    if kind == "withdrawn":
        bits.append(t("ui.event.withdrawn", lang, act=label(EVENT_KINDS, d.get("kind"), lang),
                      on=d.get("on")))
    if d.get("replaces"):
        bits.append(t("ui.event.replaces", lang))
    if kind in ("registered", "corrected"):
        for changes in (d.get("person_changes") or {}).values():
            bits.append(t("ui.event.person_changed", lang, changes=t("sep.list", lang).join(
                t("ui.event.change", lang, field=ref(f"field.person.{field}"), old=old or "—",
                  new=new or "—") for field, (old, new) in changes.items())))
        for known in (d.get("name_kept") or {}).values():
            bits.append(t("ui.event.name_kept", lang, name=known))
    if d.get("unit"):
        bits.append(d["unit"])
    if d.get("body"):
        bits.append(d["body"])
    if kind == "delivered":
        bits.append(t("ui.event.delivered", lang, what=label(DELIVERABLES, d.get("what"), lang),
                      method=label(DELIVERY_METHODS, d.get("method"), lang), on=d.get("on")))
    if d.get("outcome"):
        bits.append(label(OUTCOMES, d["outcome"], lang))
    if d.get("leader"):
        bits.append(t("ui.event.leader", lang, name=d["leader"]))
    if d.get("report_by"):
        bits.append(t("ui.event.report_by", lang, date=d["report_by"]))
    if d.get("result"):
        bits.append(label(RESULTS, d["result"], lang))
    if kind == "rejected" and d.get("reason"):
        bits.append(label(REJECT_REASONS, d["reason"], lang))
    if d.get("route"):
        bits.append(label(ROUTES, d["route"], lang))
    if d.get("days"):
        bits.append(t("ui.event.days", lang, days=d["days"]))
    if d.get("approved_by"):
        bits.append(t("ui.event.approved_by", lang, name=d["approved_by"]))
    if d.get("from"):
        bits.append(f"{d['from']} ~ {d['to']}")
    if d.get("satisfaction"):
        bits.append(label(SATISFACTION, d["satisfaction"], lang))
    if d.get("unreachable"):
        bits.append(t("ui.event.unreachable", lang))
    if kind != "rejected" and d.get("reason"):
        bits.append(t("ui.event.reason", lang, reason=d["reason"]))
    for key in ("text", "opinion", "plan", "note"):
        if d.get(key):
            bits.append(str(d[key]))
    if d.get("target"):
        bits.append(t("ui.event.target", lang, date=d["target"]))
    if kind == "revealed":
        bits.append(t("sep.list", lang).join(
            t(f"field.person.{name}", lang) for name in d.get("fields", [])))
    if d.get("next_report_by"):
        bits.append(t("ui.event.next_report_by", lang, date=d["next_report_by"]))
    bits += practice_bits(kind, d, lang)
    if kind == "rejudged":
        bits += rejudgement.said(d, lang)
    if kind == "repeat_marked":
        bits += matching.said(d, lang)
    if kind == "notice":
        bits.append(notice_text(d, lang))
    if d.get("late"):
        bits.append(t("ui.event.late", lang))
    text = Text(label(EVENT_KINDS, kind, lang))
    if bits:
        text.append(t("sep.colon", lang) + t("sep.parts", lang).join(bits))
    return text


def notice_text(details: dict[str, Any], lang: str) -> str:
    """A document written for the case: which, its file and the start of its SHA-256."""
    text = t("ui.event.notice", lang, title=label(NOTICE_KINDS, details.get("kind"), lang),
             file=details.get("file", ""), sha=str(details.get("sha256", ""))[:12])
    for flag, key in (("with_pii", "ui.event.notice_pii"),
                      ("withheld", "ui.event.notice_withheld")):
        if details.get(flag):
            text += t("sep.list", lang) + t(key, lang)
    return text


def _correction(name: str, old: Any, new: Any, lang: str) -> str:
    """`收到日期 2026-11-20 → 2026-11-19`, a registration's field as corrected."""
    if name == "channel":
        old, new = (label(CHANNELS, value, lang) if value else None for value in (old, new))
    return t("ui.event.change", lang, field=ref(f"field.intake.{name}"),
             old="—" if old in (None, "") else old, new="—" if new in (None, "") else new)


def timeline_table(events: list[EventRecord], lang: str) -> Table:
    table = Table(title=t("ui.timeline", lang), title_justify="left")
    table.add_column(t("ui.on", lang))
    # A long run of Chinese has no space to wrap at: folded, never cut short.
    table.add_column(t("ui.what", lang), overflow="fold")
    table.add_column(t("ui.officer", lang))
    table.add_column(t("ui.recorded", lang), style="dim")
    for event in events:
        table.add_row(event["on"], event_text(event, lang), _text(event["officer"]),
                      event["recorded_at"][:16].replace("T", " "))
    return table


def case_panel(record: CaseRecord, lang: str, first: CaseRecord | None = None) -> Group:
    """`show`: the case, its petitioners, its clocks and its history; for a repeat its
    first case (`first`), and from its history the opinion, the satisfaction, the
    leader's case and where an imported case came from."""
    record = visible_all(record)
    first = visible_all(first) if first is not None else None
    facts = _history_facts(record.get("events") or [], lang)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = [
        ("ui.status", label(STATUSES, record["status"], lang)),
        ("ui.received_on", record["received_on"]),
        ("ui.channel", label(CHANNELS, record["channel"], lang)),
        ("ui.headcount", record["headcount"]),
        ("ui.locality", record["locality"]),
        ("ui.category", record["category"]),
        ("ui.content", record["content"]),
        ("ui.request", record["request"]),
        ("ui.unit", record["unit"]),
        ("ui.holder", holder_text(record["holder"], lang)),
        ("ui.result", label(RESULTS, record["result"], lang)),
        ("ui.opinion", facts.get("opinion")),
        ("ui.satisfaction", label(SATISFACTION, record.get("satisfaction"), lang)),
        ("ui.leader_case", facts.get("leader_case")),
        ("ui.first_case_label", t("ui.first_case_line", lang, number=first["id"],
                            on=first["received_on"],
                            status=label(STATUSES, first["status"], lang))
         if first is not None else record.get("repeat_of")),
        ("ui.source", facts.get("source")),
    ]
    for key, value in rows:
        if value not in (None, ""):
            grid.add_row(t(key, lang), _text(value))
    grid.add_row(t("ui.petitioners", lang), people_lines(record["people"], record["anonymous"], lang))
    if record["flags"]:
        grid.add_row(t("ui.flags", lang), _text("、".join(label(FLAGS, f, lang) for f in record["flags"])))
    title = Text(record["id"], style="bold")
    if record["confidential"]:
        title.append(f"  [{t('ui.confidential', lang)}]", style="red")
    parts: list[Any] = [Panel(grid, title=title, title_align="left")]
    if record["clocks"]:
        parts.append(clocks_table(record["clocks"], lang))
    for window in record.get("windows", []):
        clock = label(CLOCKS, window["clock"], lang)
        if window["basis"] == "delivery":
            parts.append(Text(t("ui.window.from_delivery", lang, clock=clock, on=window["on"])))
        else:
            parts.append(Text(t("ui.window.from_reply", lang, clock=clock, on=window["on"],
                                act=label(EVENT_KINDS, window["act"], lang)), style="yellow"))
    if record["unpublished_years"]:
        years = "、".join(str(y) for y in record["unpublished_years"])
        parts.append(Text(t("ui.unpublished", lang, years=years), style="yellow"))
    if record.get("events"):
        parts.append(timeline_table(record["events"], lang))
    return Group(*parts)


def _history_facts(events: list[EventRecord], lang: str) -> dict[str, str]:
    """What `show` takes from a case's history, the withdrawn acts left out."""
    from xinfang.cases.corrections import withdrawn

    gone = withdrawn(events)
    live = [event for event in events if event["uid"] not in gone]
    facts: dict[str, str] = {}
    closed = next((e for e in reversed(live) if e["kind"] == "closed"), None)
    if closed and closed["details"].get("opinion"):
        facts["opinion"] = str(closed["details"]["opinion"])
    led = next((e for e in reversed(live) if e["kind"] == "escalated"), None)
    if led:
        details = led["details"]
        parts = [t(f"ui.leader_case.{key}", lang, value=details[key])
                 for key in ("leader", "unit", "plan", "target", "reason") if details.get(key)]
        facts["leader_case"] = t("sep.clause", lang).join(parts)
    source = live[0]["details"].get("source") if live else None
    if isinstance(source, dict) and source.get("file"):
        facts["source"] = t("ui.source_line", lang, file=source["file"],
                            line=source.get("line", "?")) + (
            t("ui.source_sheet", lang, sheet=source["sheet"]) if source.get("sheet") else "")
    return facts


def cases_table(records: list[CaseRecord], lang: str, wide: bool = False) -> Table:
    """`list`: one line a case, newest first. `wide` adds category and unit."""
    records = visible_all(records)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    widest = max([len(r["id"]) for r in records] + [8])
    table.add_column(t("ui.case", lang), no_wrap=True, min_width=widest)
    table.add_column(t("ui.received_on", lang), no_wrap=True, min_width=10)
    table.add_column(t("ui.status", lang), min_width=6, max_width=None if wide else 10,
                     overflow="fold")
    table.add_column(t("ui.petitioners", lang), min_width=6, max_width=10, overflow="fold")
    if wide:
        table.add_column(t("ui.category", lang), max_width=10, overflow="fold")
    # The complaint wraps over as many lines as it needs, never cut.
    table.add_column(t("ui.content", lang), overflow="fold", min_width=12, ratio=1)
    if wide:
        table.add_column(t("ui.unit", lang), max_width=12)
    table.add_column(t("ui.next_due", lang), no_wrap=True, min_width=16 if wide else 9)
    for record in records:
        lead = next((p["name"] for p in record["people"] if p["lead"]), None)
        if lead is None and record["anonymous"]:
            lead = t("ui.anonymous", lang)
        running = [c for c in record["clocks"] if c["stopped_on"] is None and c["clock"] in DUTIES]
        due = Text("")
        if running:
            first = min(running, key=lambda c: c["due_on"])
            left = clock_left(first, lang, short=True)
            due = Text(f"{first['due_on'][5:]} {left}" if wide else left,
                       style=STATE_STYLE.get(first["state"], ""))
        content = " ".join(record["content"].split())
        cells: list[str | Text] = [record["id"], record["received_on"],
                                   label(STATUSES, record["status"], lang), _text(lead)]
        if wide:
            cells.append(_text(record["category"]))
        cells.append(_text(content if len(content) <= 40 else content[:39] + "…"))
        if wide:
            cells.append(_text(record["unit"]))
        cells.append(due)
        table.add_row(*cells)
    return table


def deadline_text(item: dict[str, Any], lang: str) -> Text:
    """`deadline`: how one clock's due date was counted."""
    item = visible_all(item)
    text = Text()
    text.append(label(CLOCKS, item["clock"], lang), style="bold")
    text.append(f"  {item['due_on']}\n")
    if item["fixed"]:
        # A date the office set: an assignment's report-by date, a leader's 化解时限, a task's.
        fixed = {"lead": t("ui.deadline.fixed_lead", lang),
                 "task": t("ui.deadline.fixed_task", lang)}.get(item["clock"])
        text.append((fixed or t("ui.deadline.fixed", lang)) + "\n")
        return text
    unit = label(UNITS, item["unit"], lang)
    text.append(t("ui.deadline.start", lang, start=item["started_on"], length=item["length"],
                  unit=unit))
    if item["extra_days"]:
        text.append(t("ui.deadline.extra", lang, days=item["extra_days"]))
    text.append("\n")
    if item["skipped"]:
        days = join(f"{s['day']}（{_why(s['why'], lang)}）" for s in item["skipped"])
        text.append(t("ui.deadline.skipped", lang, days=days) + "\n")
    else:
        text.append(t("ui.deadline.no_rest", lang) + "\n")
    for override in item["overrides"]:
        kind = ref("ui.day.local_work" if override["working"] else "ui.day.local_rest")
        text.append(t("ui.deadline.override", lang, day=override["day"], kind=kind,
                      reason=override["reason"]) + "\n")
    if item["stopped_on"] and item["recomputed_due_on"] != item["due_on"]:
        text.append(t("ui.deadline.recomputed", lang, date=item["recomputed_due_on"]) + "\n")
    if item["unpublished_years"]:
        years = "、".join(str(y) for y in item["unpublished_years"])
        text.append(t("ui.unpublished", lang, years=years) + "\n", style="yellow")
    return text


def _why(why: str, lang: str) -> str:
    kind, _, name = why.partition(":")
    if kind == "weekend":
        return t("ui.why.weekend", lang)
    if kind == "override":
        return t("ui.why.override", lang, name=name)
    return name


def calendar_table(year: int, days: list[dict[str, Any]], published: bool, lang: str) -> Group:
    days = visible_all(days)
    kinds = {
        "rest": "ui.day.rest",
        "makeup": "ui.day.makeup",
        "override-rest": "ui.day.local_rest",
        "override-work": "ui.day.local_work",
    }
    table = Table(title=t("ui.calendar.title", lang, year=year), title_justify="left")
    for header in ("ui.calendar.day", "ui.calendar.weekday", "ui.calendar.kind",
                   "ui.calendar.why"):
        table.add_column(t(header, lang))
    import datetime as _dt

    for day in days:
        d = _dt.date.fromisoformat(day["day"])
        weekday = t(WEEKDAYS[d.weekday()], lang)
        kind = t(kinds[day["kind"]], lang)
        table.add_row(day["day"], weekday, kind, _text(day["why"]))
    parts: list[Any] = [table]
    if not published:
        parts.append(Text(t("ui.unpublished", lang, years=str(year)), style="yellow"))
    return Group(*parts)


def policy_table(policy: Any, lang: str) -> Table:
    from xinfang.deadlines.policy import NATIONAL_CLOCKS, NUMBERS

    table = Table(title=t("ui.policy.title", lang), title_justify="left")
    for header in ("ui.policy.item", "ui.policy.code", "ui.policy.setting", "ui.policy.national"):
        table.add_column(t(header, lang))
    for code, rule in policy.clocks.items():
        national = NATIONAL_CLOCKS[code]
        table.add_row(label(CLOCKS, code, lang), code,
                      length_text(rule.length, rule.unit, 0, lang),
                      length_text(national.length, national.unit, 0, lang),
                      style="" if rule == national else "bold")
    for key, default in NUMBERS.items():
        value = policy.numbers[key]
        table.add_row(t(f"policy.number.{key}", lang), key, str(value), str(default),
                      style="" if value == default else "bold")
    return table


def demo_intro(summary: dict[str, int], lang: str) -> Text:
    return Text(t("demo.intro", lang, cases=summary["cases"], forwarded=summary["forwarded"],
                  closed=summary["closed"], overdue=summary["overdue"]))


def clock_name(code: str, lang: str) -> str:
    """A deadline by its name in a sentence: 登记转送期限, but 异议期 (not 异议期期限)."""
    name = label(CLOCKS, code, lang)
    if name.endswith(("期", "window")):
        return name
    return t("brief.clock_name", lang, clock=name)


def act_headline(event: Recorded, lang: str) -> str:
    """`已转送 XF-…：人社局`."""
    from xinfang.texts import TEXTS

    kind = label(EVENT_KINDS, event["kind"], lang)
    details = event["details"]
    extra = visible_all(details.get("leader") if event["kind"] == "led" else
                        details.get("unit") or details.get("leader"))
    own = f"headline.{event['kind']}"
    if own in TEXTS:
        return t(own, lang, case=event["case"], to=extra or "")
    if extra:
        text = t("ui.headline_to", lang, kind=kind, case=event["case"], to=extra)
    else:
        text = t("ui.headline", lang, kind=kind, case=event["case"])
    return text[:1].upper() + text[1:]  # `Forwarded XF-…`: the rest as it is


def units_table(units: list[dict[str, Any]], lang: str) -> Table:
    units = visible_all(units)
    from xinfang.vocab import LEVELS

    table = Table()
    for header in ("ui.units.name", "ui.units.level", "ui.units.parent", "ui.units.status"):
        table.add_column(t(header, lang))
    for unit in units:
        status = ""
        if unit.get("merged_into"):
            status = t("ui.units.merged", lang, name=unit["merged_into"], on=unit["retired_on"])
        elif unit.get("retired_on"):
            status = t("ui.units.retired", lang, on=unit["retired_on"])
        table.add_row(_text(unit["name"]), label(LEVELS, unit["level"], lang),
                      _text(unit["parent"]), _text(status))
    return table


def overdue_tables(report: OverdueReport, lang: str) -> Group:
    """The overdue report for a person at a terminal: one table per responsible unit."""
    report = visible_all(report)
    from xinfang.render.plain import group_key, holder_label, owed_label, unit_label

    late, soon = report["overdue"], report["due_soon"]
    parts: list[Any] = [Text(
        t("overdue.heading", lang, as_of=report["as_of"], cases=len({i["id"] for i in late}),
          clocks=len(late), soon=len(soon)), style="bold")]
    groups: dict[tuple[str, str], list[OverdueItem]] = {}
    for item in late:
        groups.setdefault(group_key(item), []).append(item)
    for items in groups.values():
        table = Table(title=_text(owed_label(items[0], lang)), title_justify="left")
        for key in ("ui.case", "ui.clock", "ui.due_on", "ui.days_left", "ui.holder"):
            table.add_column(t(key, lang))
        table.add_column(t("overdue.escalate", lang))
        for i in items:
            table.add_row(i["id"], label(CLOCKS, i["clock"], lang), i["due_on"],
                          Text(t("ui.overdue_n", lang, n=i["days_overdue"]), style="bold red"),
                          _text(holder_label(i, lang)),
                          t("word.yes", lang) if i.get("needs_escalation") else "")
        parts.append(table)
    if soon:
        table = Table(title=t("overdue.due_soon", lang), title_justify="left")
        for key in ("ui.case", "ui.clock", "ui.due_on", "ui.days_left", "ui.unit"):
            table.add_column(t(key, lang))
        for i in soon:
            left = t("ui.due_today", lang) if i["days_left"] == 0 else t("ui.days_left_n", lang,
                                                                        n=i["days_left"])
            table.add_row(i["id"], label(CLOCKS, i["clock"], lang), i["due_on"],
                          Text(left, style="yellow"), _text(unit_label(i, lang)))
        parts.append(table)
    parts.append(Text(t("report.chain_head", lang, head=report["head"]), style="dim"))
    return Group(*parts)


def stats_tables(result: dict[str, Any], lang: str) -> Group:
    result = visible_all(result)
    table = Table(title=t("stats.title", lang, start=result["from"], end=result["to"]),
                  title_justify="left")
    # The figure's name over its definition, in full (folded, never cut short): a leader
    # reads what each number counts.
    table.add_column(f"{t('stats.figure', lang)} / {t('stats.definition', lang)}",
                     overflow="fold", ratio=3)
    for header in ("stats.numerator", "stats.denominator", "stats.rate"):
        table.add_column(t(header, lang), justify="right", no_wrap=True)
    if result.get("definitions") == "case":
        table.add_column(t("stats.counts", lang), overflow="fold", ratio=2)
    for code, figure in result["figures"].items():
        named = Text(t(f"figure.{code}", lang), style="bold")
        named.append("\n" + t(f"figure.{code}.definition", lang), style="dim")
        cells: list[Any] = [named, str(figure["numerator"]),
                            str(figure["denominator"]), _rate(figure["rate"])]
        if result.get("definitions") == "case":
            cells.append(_counts(figure.get("counts", {}), lang))
        table.add_row(*cells)
    parts: list[Any] = [table]
    if result.get("definitions") == "clock":
        parts.append(Text(t("stats.clock_definitions", lang), style="dim"))
    if result.get("units"):
        ranked = Table(title=t("stats.units_title", lang), title_justify="left")
        ranked.add_column(t("stats.rank", lang), justify="right")
        ranked.add_column(t("ui.unit", lang))
        codes = list(result["units"][0]["figures"])
        for code in codes:
            ranked.add_column(t(f"figure.{code}", lang), justify="right")
        for item in result["units"]:
            ranked.add_row(str(item["rank"]), _text(item["unit"]), *(
                f"{_rate(item['figures'][c]['rate'])} ({item['figures'][c]['numerator']}/"
                f"{item['figures'][c]['denominator']})" for c in codes))
        parts.append(ranked)
    if result.get("changed"):
        lines = Text(t("stats.changed_title", lang) + "\n", style="bold")
        for change in result["changed"]:
            lines.append(t("stats.changed", lang, figure=ref(f"figure.{change['figure']}"),
                           was="/".join(map(str, change["was"])),
                           now="/".join(map(str, change["now"]))) + "\n", style="")
            for case in change["cases"]:
                why = (t("stats.changed_by_acts", lang, acts=join(
                    f"{label(EVENT_KINDS, a['kind'], lang)} {a['on']}" for a in case["acts"]))
                    if case["acts"] else t("stats.changed_by_deadline", lang))
                lines.append("  " + t("stats.changed_case", lang, case=case["id"],
                                      was=_class(case["was"], lang),
                                      now=_class(case["now"], lang), why=why) + "\n",
                             style="")
        parts.append(lines)
    if result.get("rejudged"):
        from xinfang.cases import rejudgement

        lines = Text(t("stats.rejudged_title", lang) + "\n", style="bold")
        for case in result["rejudged"]:
            lines.append("  " + t("stats.rejudged_case", lang, case=case["id"], on=case["on"],
                                  what=t("sep.parts", lang).join(rejudgement.said(case, lang)))
                         + "\n", style="")
        parts.append(lines)
    if result.get("groups") is not None:
        names = {"unit": "ui.unit", "category": "ui.category", "locality": "ui.locality",
                 "month": "stats.month"}
        groups = Table()
        groups.add_column(t(names[result["by"]], lang))
        for header in ("stats.registered", "stats.closed", "stats.overdue_now", "stats.repeats"):
            groups.add_column(t(header, lang), justify="right")
        for g in result["groups"]:
            groups.add_row(_text(g["key"] or t("stats.no_key", lang)), str(g["registered"]),
                           str(g["closed"]), str(g["overdue"]), str(g["repeats"]))
        parts.append(groups)
    return Group(*parts)


def _rate(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _class(code: str | None, lang: str) -> str:
    return "—" if code is None else t(f"figure.class.{code}", lang)


def _counts(counts: dict[str, int], lang: str) -> Text:
    return Text(t("sep.list", lang).join(f"{_class(c, lang)} {n}" for c, n in
                                         sorted(counts.items())), style="dim")


def month_chart(months: list[dict[str, Any]], lang: str, width: int = 40) -> Group:
    """Registered and closed per month as bars, so a leader sees the trend at a glance:
    from the first month with any case to the last (a quiet month between them shows as
    0; the empty months before and after are left out)."""
    busy = [index for index, m in enumerate(months) if m["registered"] or m["closed"]]
    months = months[busy[0]:busy[-1] + 1] if busy else []
    top = max([m["registered"] for m in months] + [m["closed"] for m in months] + [1])
    lines: list[Any] = [Text(t("stats.chart", lang), style="bold")]
    for m in months:
        line = Text(f"{m['month']} ")
        line.append("█" * round(m["registered"] / top * width), style="cyan")
        line.append(f" {m['registered']}\n        ")
        line.append("▒" * round(m["closed"] / top * width), style="green")
        line.append(f" {m['closed']}")
        lines.append(line)
    return Group(*lines)


def chains_view(chains: list[Chain], lang: str) -> Group:
    chains = visible_all(chains)
    parts: list[Any] = []
    for chain in chains:
        first = chain["cases"][0]
        title = Text(f"{chain['first']}  ")
        title.append(t("repeats.count", lang, count=chain["length"]), style="bold")
        title.append(f"  {first['petitioner'] or ''}  {first['category'] or ''}  {first['content']}")
        if chain["final"]:
            title.append("  " + label(FLAGS, "repeat_final", lang), style="red")
        table = Table(title=title, title_justify="left")
        for key in ("ui.case", "ui.received_on", "ui.status", "ui.result"):
            table.add_column(t(key, lang))
        for index, case in enumerate(chain["cases"]):
            number = t("ui.first_case", lang, case=case["id"]) if index == 0 else case["id"]
            table.add_row(number, case["received_on"],
                          label(STATUSES, case["status"], lang), label(RESULTS, case["result"], lang))
        parts.append(table)
    return Group(*parts)


EARLIER_SHOWN = 6  # the latest earlier cases listed at the counter, beside the first


def earlier_cases_table(cases: list[ChainCase], lang: str) -> Table:
    """At registration: the earlier cases of the same person and matter — the first case
    and the latest EARLIER_SHOWN; of a longer chain, how many are left out and how to
    list them all."""
    cases = visible_all(cases)
    left_out = len(cases) - 1 - EARLIER_SHOWN
    table = Table(title=t("ui.earlier_cases", lang), title_justify="left")
    if left_out > 0:
        table.caption = t("ui.earlier_left_out", lang, count=left_out, case=cases[0]["id"])
        table.caption_justify = "left"
        cases = [cases[0], *cases[-EARLIER_SHOWN:]]
    table.add_column(t("ui.case", lang), no_wrap=True)  # a case number is never cut
    table.add_column(t("ui.received_on", lang), no_wrap=True)
    for key in ("ui.status", "ui.result"):
        table.add_column(t(key, lang), overflow="fold")
    table.add_column(t("ui.content", lang), overflow="fold", ratio=1)
    for case in cases:
        number = t("ui.first_case", lang, case=case["id"]) if case["first"] else case["id"]
        table.add_row(number, case["received_on"], label(STATUSES, case["status"], lang),
                      label(RESULTS, case["result"], lang), _text(case["content"]))
    return table


# Repeat petitions at the counter and explained (acts.repeat_choices, acts.explain_repeat)


def repeat_reasons(candidate: Any, lang: str) -> str:
    """What a candidate chain rests on, in one line: 同一身份证号；诉求相近 0.86：共同：永盛路桥、
    工资/工钱 (an `acts.Candidate`)."""
    similar = t("repeat.similar", lang, score=f"{candidate.score:.2f}")
    shared = [*candidate.shared, *candidate.agree]
    if shared:
        similar = t("sep.colon", lang).join(
            (similar, t("repeat.shared", lang, terms=t("sep.list", lang).join(shared))))
    parts = [t(f"repeat.identity.{candidate.identity}", lang), similar]
    if candidate.category in ("near", "far"):
        parts.append(t(f"repeat.category.{candidate.category}", lang))
    if candidate.conflict:
        parts.append(t("repeat.differs", lang, new=candidate.conflict[0],
                       old=candidate.conflict[1]))
    if candidate.summaries:
        parts.append(t("repeat.summaries", lang))
    return visible(t("sep.reasons", lang).join(parts))


def repeat_candidate_lines(candidates: list[Any], lang: str) -> list[str]:
    """Each candidate chain numbered, with its reasons."""
    return [visible(t("repeat.candidate", lang, number=number, first=c.first,
                      count=len(c.cases), matched=c.matched,
                      reasons=repeat_reasons(c, lang)))
            for number, c in enumerate(candidates, 1)]


def repeat_consequences(candidate: Any, lang: str) -> list[str]:
    """What linking the petition to the chain means: it is counted, and the advice the
    chain's state carries (being handled, Art 19; final after recheck, Art 36)."""
    lines = [t("repeat.consequence.repeat", lang, first=candidate.first)]
    for flag in ("repeat_being_handled", "repeat_final"):
        if flag in candidate.flags:
            lines.append(t(f"repeat.consequence.{flag}", lang))
    return lines


def repeat_explained(explained: Any, lang: str) -> list[str]:
    """`repeats CASE --why`: how the case was linked (or not), and the chains the rule
    compares it with now, with their reasons."""
    decision = explained.decision if explained.first or explained.decision == "not_repeat" \
        else None
    key = {"auto": "repeats.why.auto", "officer": "repeats.why.officer",
           "not_repeat": "repeats.why.not_repeat"}.get(decision or "", "repeats.why.none")
    score = f"{explained.score:.2f}" if explained.score is not None else "—"
    lines = [visible(t(key, lang, case=explained.case, first=explained.first or "",
                       score=score))]
    if explained.candidates:
        lines.append(t("repeats.why.compared", lang))
        lines += ["  " + line for line in repeat_candidate_lines(explained.candidates, lang)]
        taken = [c for c in explained.candidates if c.first == explained.first]
        if taken:
            lines += ["  " + line for line in repeat_consequences(taken[0], lang)]
    else:
        lines.append(t("repeats.why.nothing", lang))
    return lines


def templates_table(listed: list[Listed], lang: str) -> Table:
    """`notice templates`: each kind of document, the template that fills it, whether it
    can be used."""
    table = Table()
    for key in ("notice.ui.kind", "notice.ui.title", "notice.ui.template", "notice.ui.state"):
        table.add_column(t(key, lang))
    for item in listed:
        source = t(f"notice.ui.source.{item.source}", lang)
        state = Text(item.problem.message(lang), style="red") if item.problem \
            else Text(t("notice.ui.ok", lang))
        table.add_row(item.kind, label(NOTICE_KINDS, item.kind, lang),
                      _text(f"{source}  {item.path}"), state)
    return table


def placeholders_table(kind: str, names: list[str], lang: str) -> Table:
    """`notice templates --fields KIND`: the placeholders a template may use."""
    table = Table(title=t("notice.ui.placeholders", lang,
                          title=label(NOTICE_KINDS, kind, lang)), title_justify="left")
    for key in ("notice.ui.placeholder", "notice.ui.meaning"):
        table.add_column(t(key, lang))
    for name in names:
        table.add_row("{{ " + name + " }}", t(f"notice.field.{name}", lang))
    return table
