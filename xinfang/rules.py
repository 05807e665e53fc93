"""What a case's dates and history mean (DOMAIN.md §5), as pure functions over plain
data: overdue, due soon or lapsed; the same matter (given the scorer's probability) and
the categories it may be filed under; the advice
a repeat carries; collective and major visits; escalation needed.

The queries that find overdue clocks fast through an index (`reports.overdue`,
`list --overdue`) select what `clock_state` calls overdue; a test holds them to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from xinfang.deadlines.arithmetic import Calendar, working_days_between
from xinfang.deadlines.clocks import DUTIES
from xinfang.vocab import CATEGORIES, OPEN


def clock_state(
    clock: str,
    due_on: dt.date,
    stopped_on: dt.date | None,
    as_of: dt.date,
    warning_days: int,
    calendar: Calendar,
) -> str:
    """`stopped`, `overdue` (a duty past its due date), `lapsed` (a window past its end),
    `due_soon` (due within the warning window of working days) or `running`.

    Due today is not overdue; the day after is.
    """
    if stopped_on is not None:
        return "stopped"
    if as_of > due_on:
        return "overdue" if clock in DUTIES else "lapsed"
    if working_days_between(as_of, due_on, calendar) <= warning_days:
        return "due_soon"
    return "running"


# Repeat petitions (重复信访) ------------------------------------------------------------


# Categories another clerk may file the same matter under: a land dispute under 国土资源,
# 城乡建设 or 农村农业; wages under 劳动和社会保障 or 其他. 其他 is near every category,
# and so is a category not on the national list (kept as the register gave it).
CATEGORY_NEIGHBOURS: tuple[frozenset[str], ...] = tuple(frozenset(group) for group in (
    ("国土资源", "城乡建设", "农村农业"),
    ("城乡建设", "交通运输", "环境保护"),
    ("交通运输", "农村农业"),
    ("劳动和社会保障", "民政", "卫生计生"),
    ("政法", "纪检监察"),
    ("农村农业", "纪检监察", "党务政务", "民政"),
    ("纪检监察", "党务政务", "组织人事"),
    ("经济管理", "商贸旅游", "科技与信息产业", "城乡建设"),
    ("教育文体", "组织人事"),
))


def category_distance(category_a: str | None, category_b: str | None) -> str:
    """`same`, `near` (a neighbouring category, 其他, or one off the national list),
    `far`, or `unknown` (one is not given): soft evidence of the same matter."""
    if not category_a or not category_b:
        return "unknown"
    if category_a == category_b:
        return "same"
    if "其他" in (category_a, category_b) or category_a not in CATEGORIES \
            or category_b not in CATEGORIES:
        return "near"
    if any(category_a in group and category_b in group for group in CATEGORY_NEIGHBOURS):
        return "near"
    return "far"


def same_matter(score: float, threshold: float) -> bool:
    """The same matter: the scorer's probability (0–1, `cases.similarity.compare`) at
    least the policy's `repeat_similarity` (0–100)."""
    return score * 100 >= threshold


def repeat_flags(earlier_statuses: Iterable[str]) -> list[str]:
    """Advice when a repeat is registered (DOMAIN.md §5), never an automatic refusal:
    `repeat_being_handled` if an earlier case of the matter is still being handled
    (2022 Regulation Art 19), `repeat_final` if one is final after recheck (Art 36)."""
    statuses = set(earlier_statuses)
    flags = ["repeat"]
    if statuses & set(OPEN):
        flags.append("repeat_being_handled")
    if "final" in statuses:
        flags.append("repeat_final")
    return flags


# Collective visits, major reports, escalation ----------------------------------------


def is_collective(headcount: int, threshold: int) -> bool:
    """集体访: headcount at or above the policy's threshold (default 5)."""
    return headcount >= threshold


def too_many_representatives(people_count: int, headcount: int, threshold: int,
                             maximum: int) -> bool:
    """A group visit may send at most 5 representatives (2022 Regulation Art 20)."""
    return headcount >= threshold and people_count > maximum


def is_major(headcount: int, flags: Iterable[str], threshold: int) -> bool:
    """重大访情: collective visits and visits to higher levels (赴省/进京)."""
    return is_collective(headcount, threshold) or bool(
        {"to_province", "to_beijing"} & set(flags)
    )


def needs_escalation(days_overdue: int, chain_length: int, escalated: bool,
                     overdue_days: int, chain_threshold: int) -> bool:
    """Overdue by more than the policy's days, or a repeat chain of ≥ N, not yet escalated."""
    if escalated:
        return False
    return days_overdue > overdue_days or chain_length >= chain_threshold


# Confidential cases (检举控告, DOMAIN.md §8) -------------------------------------------
#
# Whistle-blowing material must never reach the accused (2022 Regulation Art 30). Every
# reader of several cases (lists, search, repeat chains, exports, the nightly and major
# reports) shows of a confidential case that it exists and where it is handled, never
# what it says nor who brought it, unless the officer reveals it (recorded).

WITHHELD = "（保密）"


def withheld_name(name: str | None) -> str | None:
    """A confidential case's petitioner as lists show them: `钱*`, like a masked ID."""
    if not name:
        return name
    return name[0] + "*" * (len(name) - 1)

