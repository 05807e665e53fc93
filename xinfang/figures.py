"""The figures offices are judged by, counted by case (DOMAIN.md §6), the way provincial
petition-analysis code counts them: each case of a figure's population falls in one
class (及时受理 / 超期受理 / 超期未受理, 按期 / 超期 / 未答复 / 超期未答复 …), and the
figure is one class, or two, over the classes that count. Each duty figure is counted
for the petition office (信访部门: its own duty, 登记转送; the cases it handled itself)
and for the responsible units (责任单位: 受理告知, 办理) apart, and per unit; 参评率 and
满意率 too, by whose reply was evaluated (the office's own close or the unit's), beside
the two together.

`classify` is pure: plain case data in, each case's class per figure out. `count` turns
classes into figures with their numerators, denominators and the count of each class.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# The figures counted by case, in the order they are shown.
FIGURES = ("timely_acceptance.office", "timely_acceptance.unit", "on_time_closing.office",
           "on_time_closing.unit", "participation", "participation.office",
           "participation.unit", "satisfaction", "satisfaction.office", "satisfaction.unit",
           "repeat_rate", "first_time_resolution", "leader_resolution")
# For each figure: the classes over which it is counted (its denominator), and those of
# its numerator. A class outside both (a case not yet due, one reopened before it was
# evaluated) is not counted, and said so in the counts.
CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "timely_acceptance": (("timely", "late", "late_open"), ("timely",)),
    "on_time_closing": (("on_time", "late", "open", "late_open"), ("on_time",)),
    "participation": (("evaluated", "late_open"), ("evaluated",)),
    "satisfaction": (("satisfied", "basic", "unsatisfied"), ("satisfied", "basic")),
    "repeat_rate": (("repeat", "first"), ("repeat",)),
    "first_time_resolution": (("resolved", "came_back"), ("resolved",)),
    "leader_resolution": (("resolved", "unresolved"), ("resolved",)),
}
# The units' figures ranked per unit.
UNIT_FIGURES = ("timely_acceptance.unit", "on_time_closing.unit", "participation.unit",
                "satisfaction.unit")


@dataclass(frozen=True)
class Span:
    """A clock of a case, as the figures need it."""

    clock: str
    started_on: dt.date
    due_on: dt.date
    stopped_on: dt.date | None
    late: bool
    satisfaction: str | None = None  # an evaluation window stopped by a satisfaction


@dataclass
class CaseFacts:
    """What the figures read of one case."""

    number: str
    received_on: dt.date
    unit: str | None
    repeat: bool  # a repeat (重复信访) of an earlier case
    first: bool  # a first petition (初信初访)
    closed_on: dt.date | None
    came_back: bool  # repeated, reviewed or rechecked after it was closed
    spans: list[Span] = field(default_factory=list)
    leader_on: dt.date | None = None  # the day a leader took the case (领导包案)
    resolved: bool = False  # closed and not repeated since (息诉息访)


def acceptance(spans: Iterable[Span], today: dt.date) -> str | None:
    """及时受理 (every clock stopped on time), 超期受理 (one stopped late) or 超期未受理
    (one still running past its due date); None while one runs and is not yet due."""
    spans = list(spans)
    if any(s.stopped_on is None and s.due_on < today for s in spans):
        return "late_open"
    if any(s.late for s in spans):
        return "late"
    if spans and all(s.stopped_on is not None for s in spans):
        return "timely"
    return None


def closing(span: Span, today: dt.date) -> str:
    """按期 (closed by the due date), 超期 (closed later), 未答复 (not closed, not yet
    due) or 超期未答复 (not closed, past its due date)."""
    if span.stopped_on is not None:
        return "late" if span.late else "on_time"
    return "late_open" if span.due_on < today else "open"


def _in(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def _first(spans: list[Span], clock: str) -> Span | None:
    return next((s for s in spans if s.clock == clock), None)


def classify(cases: Iterable[CaseFacts], start: dt.date, end: dt.date,
             today: dt.date) -> dict[str, dict[str, str]]:
    """Each case's class, per figure (code → case number → class), for the period."""
    out: dict[str, dict[str, str]] = {code: {} for code in FIGURES}
    for case in cases:
        spans = case.spans
        side = "unit" if case.unit else "office"
        if _in(case.received_on, start, end):
            found = acceptance((s for s in spans if s.clock == "forward"), today)
            out["timely_acceptance.office"][case.number] = found or "not_due"
            out["repeat_rate"][case.number] = "repeat" if case.repeat else "first"
        notify = _first(spans, "notify")
        if notify is not None and _in(notify.started_on, start, end):
            found = acceptance((s for s in spans if s.clock == "notify"), today)
            out["timely_acceptance.unit"][case.number] = found or "not_due"
        handle = _first(spans, "handle")
        if handle is not None and _in(handle.started_on, start, end):
            out[f"on_time_closing.{side}"][case.number] = closing(handle, today)
        # The evaluation of the latest written reply of the period (a case reopened and
        # closed again is evaluated on its new reply).
        evaluation = next((s for s in reversed(spans) if s.clock == "evaluation"
                           and _in(s.started_on, start, end)), None)
        if evaluation is not None:
            # Each side's: the reply of the office (当场办结, 本办自行办结, a case it
            # accepted itself) or of the unit that handled the case; and both together.
            if evaluation.satisfaction:
                evaluated = "evaluated"
                for code in ("satisfaction", f"satisfaction.{side}"):
                    out[code][case.number] = evaluation.satisfaction
            elif evaluation.stopped_on is not None:
                evaluated = "reopened"
            else:
                evaluated = "late_open" if evaluation.due_on < today else "not_due"
            for code in ("participation", f"participation.{side}"):
                out[code][case.number] = evaluated
        if case.first and _in(case.closed_on, start, end):
            out["first_time_resolution"][case.number] = (
                "came_back" if case.came_back else "resolved")
        if _in(case.leader_on, start, end):
            out["leader_resolution"][case.number] = (
                "resolved" if case.resolved else "unresolved")
    return out


def base(code: str) -> str:
    """The figure a side's figure is of: `timely_acceptance.unit` → `timely_acceptance`."""
    return code.split(".")[0]


def count(code: str, classes: Mapping[str, str]) -> dict[str, Any]:
    """A figure from its cases' classes: numerator, denominator, rate and each class's
    count (those not counted included)."""
    counted, numerator_classes = CLASSES[base(code)]
    counts: dict[str, int] = {}
    for value in classes.values():
        counts[value] = counts.get(value, 0) + 1
    numerator = sum(counts.get(c, 0) for c in numerator_classes)
    denominator = sum(counts.get(c, 0) for c in counted)
    return {"numerator": numerator, "denominator": denominator,
            "rate": round(numerator / denominator, 4) if denominator else None,
            "counts": counts}


def by_unit(cases: Iterable[CaseFacts], classes: Mapping[str, Mapping[str, str]]
            ) -> list[dict[str, Any]]:
    """The units' figures per unit, ranked: the best 按期办结率 first, then 及时受理率,
    then the name."""
    units: dict[str, list[str]] = {}
    for case in cases:
        if case.unit:
            units.setdefault(case.unit, []).append(case.number)
    ranked: list[dict[str, Any]] = []
    for unit, numbers in units.items():
        figures = {code: count(code, {n: classes[code][n] for n in numbers
                                      if n in classes[code]}) for code in UNIT_FIGURES}
        ranked.append({"unit": unit, "figures": figures, "rank": 0})

    def key(item: dict[str, Any]) -> tuple[Any, ...]:
        closing_rate = item["figures"]["on_time_closing.unit"]["rate"]
        timely_rate = item["figures"]["timely_acceptance.unit"]["rate"]
        return (-(closing_rate if closing_rate is not None else -1),
                -(timely_rate if timely_rate is not None else -1), item["unit"])

    ranked.sort(key=key)
    for rank, item in enumerate(ranked, start=1):
        item["rank"] = rank
    return ranked
