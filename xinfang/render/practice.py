"""How the practice of offices reads (DOMAIN.md §9): the officer's day (`today`), the
backlog and its proposals, the backlog's chart in the terminal, a leader's case in
`show`, and the words of the practice's events in a case's history.

Plain text is what a pipe or cron gets; every line fits 80 columns (a Chinese character
takes two)."""

from __future__ import annotations

import unicodedata
from typing import Any

from rich.console import Group
from rich.text import Text

from xinfang.store.records import BacklogItem, DayItem, DayReport, LeadRecord, Proposal
from xinfang.texts import t
from xinfang.visible import visible, visible_all
from xinfang.vocab import (
    ASSIST_MEASURES,
    CLOCKS,
    FOUR_DUTIES,
    INTAKE_SOURCES,
    MEDIATION_OUTCOMES,
    MEDIATION_ROLES,
    MEETING_BODIES,
    PURPOSES,
    SATISFACTION,
    STATUSES,
    label,
)

WIDTH = 80
SHOWN = 20  # the lines of a section of `today` (the rest are counted)


def width(text: str) -> int:
    """Columns a text takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, columns: int = WIDTH) -> str:
    """`text` cut to `columns`, with … where it was cut."""
    if width(text) <= columns:
        return text
    out, used = "", 0
    for ch in text:
        step = width(ch)
        if used + step > columns - 1:
            break
        out += ch
        used += step
    return out + "…"


def _left(days: int, lang: str) -> str:
    if days < 0:
        return t("ui.overdue_n", lang, n=-days)
    if days == 0:
        return t("ui.due_today", lang)
    return t("ui.days_left_n", lang, n=days)


def _who(item: DayItem, lang: str) -> str:
    if item["clock"] == "lead" and item["owner"]:
        return t("ui.event.leader", lang, name=item["owner"])
    return item["owner"] or item["unit"] or t("ui.office", lang)


def _day_line(item: DayItem, lang: str) -> str:
    content = " ".join(item["content"].split())
    clock = t("today.target_clock", lang) if item["clock"] == "office_target" else \
        label(CLOCKS, item["clock"], lang)
    head = "  ".join([item["id"], clock, item["due_on"],
                      _left(item["days_left"], lang), _who(item, lang)])
    return fit(f"  {head}  {content}")


_SECTIONS = ("overdue", "due_today", "due_soon", "leaders", "tasks", "followups",
             "office_target")


def _day_lines(report: DayReport, lang: str) -> list[tuple[str, bool]]:
    """The day's lines, each marked whether it is a heading."""
    lines = [(fit(t("today.title", lang, as_of=report["as_of"])), True)]
    empty = True
    for section in _SECTIONS:
        items = report[section]  # type: ignore[literal-required]
        if not items:
            continue
        empty = False
        lines.append(("", False))
        lines.append((fit(t(f"today.{section}", lang, count=len(items))), True))
        lines += [(_day_line(item, lang), False) for item in items[:SHOWN]]
        if len(items) > SHOWN:  # a day's list stays readable; --json has them all
            lines.append((fit(t("today.more", lang, count=len(items) - SHOWN)), False))
    if report["units_overdue"]:
        lines.append(("", False))
        lines.append((fit(t("today.units_overdue", lang, count=report["units_overdue"])), False))
    elif empty:
        lines.append((t("today.nothing", lang), False))
    return lines


def day_text(report: DayReport, lang: str) -> str:
    """`today` for a pipe or cron: plain lines, none wider than 80 columns."""
    return visible("\n".join(line for line, _ in _day_lines(visible_all(report), lang)) + "\n")


def day_rich(report: DayReport, lang: str) -> Text:
    """`today` at a terminal: the same lines, headings in bold."""
    text = Text()
    for line, heading in _day_lines(visible_all(report), lang):
        text.append(line + "\n", style="bold" if heading else "")
    return text


def backlog_text(items: list[BacklogItem], as_of: str, lang: str) -> str:
    """The backlog list: two lines a case (what and who, then the plan), most urgent first."""
    items = visible_all(items)
    open_items = [i for i in items if i["struck_off"] is None]
    lines = [t("backlog.title", lang, as_of=as_of, count=len(open_items))]
    for i in items:
        target = (t("backlog.target", lang, date=i["target"],
                    left=_left(i["days_to_target"], lang))
                  if i["target"] and i["days_to_target"] is not None
                  else t("backlog.no_target", lang))
        marks = []
        if i["struck_off"]:
            marks.append(t("backlog.struck_off", lang, date=i["struck_off"]))
        if i["returned"]:
            marks.append(t("backlog.returned", lang))
        head = "  ".join([i["id"], label(STATUSES, i["status"], lang),
                          t("backlog.days_open", lang, days=i["days_open"]),
                          t("backlog.visits", lang, n=i["visits"]), *marks])
        lines.append(fit(head))
        leader = t("ui.event.leader", lang, name=i["leader"]) if i["leader"] else \
            t("backlog.no_leader", lang)
        plan = " ".join((i["plan"] or i["reason"]).split())
        lines.append(fit(f"    {leader}  {target}  {plan}"))
    if not items:
        lines.append(t("backlog.empty", lang))
    return visible("\n".join(lines) + "\n")


def proposals_text(found: list[Proposal], as_of: str, lang: str) -> str:
    found = visible_all(found)
    lines = [t("backlog.proposals", lang, as_of=as_of, count=len(found))]
    for p in found:
        why = t("sep.list", lang).join(t(f"backlog.why.{code}", lang) for code in p["why"])
        lines.append(fit("  ".join([p["id"], label(STATUSES, p["status"], lang),
                                    t("backlog.days_open", lang, days=p["days_open"]),
                                    t("backlog.visits", lang, n=p["visits"]), why])))
    if found:
        lines.append(t("backlog.proposals_hint", lang))
    return visible("\n".join(lines) + "\n")


def backlog_chart(history: list[Any], lang: str) -> str:
    """挂图作战 in the terminal: one row a month, a bar of Unicode blocks for the cases on
    the list at its end, and the month's additions and strikes-off as numbers."""
    if not history:
        return t("backlog.empty", lang) + "\n"
    top = max(month.open for month in history) or 1
    room = 40  # columns for the bar, so that a row fits 80
    lines = [t("backlog.chart_title", lang), t("backlog.chart_head", lang)]
    for month in history:
        cells = month.open * room * 8 // top
        bar = "█" * (cells // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[cells % 8]
        lines.append(fit(f"{month.month}  +{month.added:<3} -{month.struck_off:<3} "
                         f"{month.open:>4} {bar}"))
    return "\n".join(lines) + "\n"


def lead_panel(record: LeadRecord, lang: str) -> Text:
    """A leader's case in `show`: the 六定, then which of the 四包 are done."""
    record = visible_all(record)
    text = Text(t("lead.title", lang) + "\n", style="bold")
    for key in ("leader", "unit", "plan", "target", "goal", "requirements"):
        text.append(f"  {t(f'six.{key}', lang)}  {record[key]}\n")
    done = []
    for code, on in record["four"].items():
        mark = "✓" if on else "·"
        done.append(f"{mark} {label(FOUR_DUTIES, code, lang)}" + (f" {on}" if on else ""))
    text.append("  " + t("lead.four", lang) + "  " + "  ".join(done) + "\n")
    return text


def assistance_text(rows: list[dict[str, Any]], lang: str) -> Text:
    rows = visible_all(rows)
    text = Text(t("assist.title", lang) + "\n", style="bold")
    for row in rows:
        parts = [row["on"], row["name"] or "", label(ASSIST_MEASURES, row["measure"], lang),
                 row["note"] or ""]
        text.append("  " + "  ".join(part for part in parts if part) + "\n")
    return text


def intake_text(source: dict[str, Any], lang: str) -> Text:
    """Where a case came from, who first received it (its owner), the petitioner's purpose."""
    source = visible_all(source)
    values = {
        "origin": label(INTAKE_SOURCES, source.get("origin"), lang),
        "received_by": source.get("received_by"), "ticket": source.get("ticket"),
        "purpose": label(PURPOSES, source.get("purpose"), lang),
        "followup_of": source.get("followup_of"),
    }
    text = Text(t("intake.title", lang) + "\n", style="bold")
    for key, value in values.items():
        if value:
            text.append(f"  {t(f'intake.{key}', lang)}  {value}\n")
    return text


def target_text(target: dict[str, Any], lang: str) -> Text:
    """The office's own target beside the statutory deadline, met or how far off."""
    line = t("target.line", lang, days=target["days"], date=target["due_on"])
    if "met" in target:
        line += "  " + t("target.met" if target["met"] else "target.missed", lang)
    else:
        line += "  " + _left(target["days_left"], lang)
    return Text(line + "\n")


def show_extra(lead: LeadRecord | None, assistance: list[dict[str, Any]], lang: str,
               source: dict[str, Any] | None = None,
               target: dict[str, Any] | None = None) -> Group:
    parts: list[Any] = []
    if source:
        parts.append(intake_text(source, lang))
    if target:
        parts.append(target_text(target, lang))
    if lead is not None:
        parts.append(lead_panel(lead, lang))
    if assistance:
        parts.append(assistance_text(assistance, lang))
    return Group(*parts)


def event_bits(kind: str, d: dict[str, Any], lang: str) -> list[str]:
    """What a case's history says of an act of practice, beyond the common fields."""
    bits: list[str] = []
    if kind == "led":
        bits.append(t("lead.goal_and_requirements", lang, goal=d.get("goal"),
                      requirements=d.get("requirements")))
    if kind == "lead_target_changed" and d.get("was"):
        bits.append(t("lead.target_was", lang, date=d["was"]))
    if d.get("duty"):
        bits.append(label(FOUR_DUTIES, d["duty"], lang))
    if d.get("how"):
        bits.append(str(d["how"]))
    if d.get("body"):
        bits.append(label(MEETING_BODIES, d["body"], lang))
    if kind == "meeting_held" and d.get("decision"):
        bits.append(str(d["decision"]))
    for task in d.get("tasks") or []:
        bits.append(t("meeting.task", lang, unit=task["unit"], due=task["due"],
                      text=task["text"]))
    if d.get("place"):
        bits.append(str(d["place"]))
    for member in d.get("members") or []:
        bits.append(f"{label(MEDIATION_ROLES, member['role'], lang)} {member['name']}")
    if d.get("outcome"):
        bits.append(label(MEDIATION_OUTCOMES, d["outcome"], lang))
    if d.get("agreement"):
        bits.append(str(d["agreement"]))
    if kind == "followed_up":
        for code, value in (d.get("checks") or {}).items():
            answer = t("followup.yes" if value else "followup.no", lang)
            bits.append(f"{t(f'followup.check.{code}', lang)} {answer}")
        for key in ("unit_rating", "office_rating"):
            if d.get(key):
                bits.append(t(f"followup.{key}", lang, rating=label(SATISFACTION, d[key], lang)))
        if d.get("other_request"):
            bits.append(t("followup.other_request", lang, text=d["other_request"]))
    return bits
