"""Rest days and working days: China's official schedule plus the office's overrides.

The official schedule, make-up working days (调休上班) included, comes from the
`holidays` package. For a year whose schedule the State Council has not yet published,
the package estimates the statutory holidays and there are no make-up days; such years
are reported as unpublished so every output can say so.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from holidays.countries.china import China


@dataclass(frozen=True)
class Override:
    day: dt.date
    working: bool  # True: an extra working day; False: an extra rest day
    reason: str


@dataclass(frozen=True)
class YearSchedule:
    """One year of the official schedule: the rest days that are not plain weekends'
    neighbours (every statutory holiday and day off) and the weekend make-up working days."""

    year: int
    published: bool
    rest: frozenset[dt.date]
    makeup: frozenset[dt.date]


def official_year(year: int) -> YearSchedule:
    """The year's schedule as the `holidays` package has it."""
    # Imported late: it is heavy and most commands never need it.
    from holidays.countries.china import China, ChinaStaticHolidays

    china = China(years=[year - 1, year, year + 1])
    return YearSchedule(
        year,
        year in ChinaStaticHolidays.special_public_holidays,
        frozenset(day for day in china if day.year == year),
        frozenset(day for day in china.weekend_workdays if day.year == year),
    )


def holidays_version() -> str:
    """The installed version of `holidays`, from its dist-info folder's name: what
    importlib.metadata reads too, without its import (≈ 20 ms of every command)."""
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is not None and spec.origin:
        folder = os.path.dirname(os.path.dirname(spec.origin))
        prefix, suffix = "holidays-", ".dist-info"
        with os.scandir(folder) as entries:
            found = [entry.name[len(prefix):-len(suffix)] for entry in entries
                     if entry.name.startswith(prefix) and entry.name.endswith(suffix)]
        if len(found) == 1:
            return found[0]
    from importlib.metadata import version

    return version("holidays")


@dataclass(eq=False)  # compared and hashed by identity: due dates are cached per calendar
class WorkCalendar:
    """Answers "is this a working day?" for any date.

    `schedules` gives a year's official schedule; by default straight from `holidays`,
    while a ledger keeps a copy per `holidays` version so that a command which only reads
    does not pay for importing it.
    """

    overrides: dict[dt.date, Override] = field(default_factory=dict)
    schedules: Callable[[int], YearSchedule] = official_year

    def schedule(self, year: int) -> YearSchedule:
        known = self._years.get(year)
        if known is None:
            known = self._years[year] = self.schedules(year)
        return known

    @cached_property
    def _years(self) -> dict[int, YearSchedule]:
        return {}

    @cached_property
    def _china(self) -> China:
        from holidays.countries.china import China

        return China(language="zh_CN")

    def is_published(self, year: int) -> bool:
        """Whether the official schedule (with make-up days) for `year` is known."""
        return self.schedule(year).published

    @cached_property
    def _china_en(self) -> China:
        from holidays.countries.china import China

        return China(language="en_US")

    def holiday_name(self, day: dt.date, lang: str = "zh") -> str | None:
        china = self._china_en if lang == "en" else self._china
        name = china.get(day)
        return str(name) if name is not None else None

    def is_makeup_workday(self, day: dt.date) -> bool:
        return day in self.schedule(day.year).makeup

    def is_working_day(self, day: dt.date) -> bool:
        known = self._working.get(day)
        if known is None:
            known = self._working[day] = self._is_working_day(day)
        return known

    @cached_property
    def _working(self) -> dict[dt.date, bool]:
        return {}

    def _is_working_day(self, day: dt.date) -> bool:
        override = self.overrides.get(day)
        if override is not None:
            return override.working
        schedule = self.schedule(day.year)
        if day in schedule.rest:
            return False
        if day.weekday() >= 5:
            return day in schedule.makeup
        return True

    def year(self, year: int, lang: str = "zh") -> list[tuple[dt.date, str, str]]:
        """The year's special days as (date, kind, why): kind is `rest` for a holiday on
        a weekday, `makeup` for a weekend working day, `override-rest`/`override-work`."""
        days: dict[dt.date, tuple[str, str]] = {}
        for day in self.schedule(year).rest:
            days[day] = ("rest", self.holiday_name(day, lang) or "")
        for day in self.schedule(year).makeup:
            days[day] = ("makeup", "")
        for day, override in self.overrides.items():
            if day.year == year:
                kind = "override-work" if override.working else "override-rest"
                days[day] = (kind, override.reason)
        return [(day, kind, why) for day, (kind, why) in sorted(days.items())]
