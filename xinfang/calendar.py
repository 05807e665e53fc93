"""Rest days and working days: China's official schedule plus the office's overrides.

The official schedule, make-up working days (调休上班) included, comes from the
`holidays` package. For a year whose schedule the State Council has not yet published,
the package estimates the statutory holidays and there are no make-up days; such years
are reported as unpublished so every output can say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Override:
    day: dt.date
    working: bool  # True: an extra working day; False: an extra rest day
    reason: str


@dataclass(eq=False)  # compared and hashed by identity: due dates are cached per calendar
class WorkCalendar:
    """Answers "is this a working day?" for any date."""

    overrides: dict[dt.date, Override] = field(default_factory=dict)

    @cached_property
    def _china(self):
        import holidays  # imported late: it is heavy and most commands never need it

        # Years are filled in as they are asked for, so a command pays for the years it uses.
        return holidays.China(language="zh_CN")

    @cached_property
    def _published_years(self) -> frozenset[int]:
        from holidays.countries.china import ChinaStaticHolidays

        return frozenset(ChinaStaticHolidays.special_public_holidays)

    def is_published(self, year: int) -> bool:
        """Whether the official schedule (with make-up days) for `year` is known."""
        return year in self._published_years

    @cached_property
    def _china_en(self):
        import holidays

        return holidays.China(language="en_US")

    def holiday_name(self, day: dt.date, lang: str = "zh") -> str | None:
        return (self._china if lang == "zh" else self._china_en).get(day)

    def is_makeup_workday(self, day: dt.date) -> bool:
        self._china.get(day)  # fill in the year
        return day in self._china.weekend_workdays

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
        if day in self._china:  # also fills in the year's make-up working days
            return False
        if day.weekday() >= 5:
            return day in self._china.weekend_workdays
        return True

    def year(self, year: int, lang: str = "zh") -> list[tuple[dt.date, str, str]]:
        """The year's special days as (date, kind, why): kind is `rest` for a holiday on
        a weekday, `makeup` for a weekend working day, `override-rest`/`override-work`."""
        days: dict[dt.date, tuple[str, str]] = {}
        names = self._china if lang == "zh" else self._china_en
        names.get(dt.date(year, 1, 1))
        self._china.get(dt.date(year, 1, 1))
        for day, name in names.items():
            if day.year == year:
                days[day] = ("rest", name)
        for day in self._china.weekend_workdays:
            if day.year == year:
                days[day] = ("makeup", "")
        for day, override in self.overrides.items():
            if day.year == year:
                kind = "override-work" if override.working else "override-rest"
                days[day] = (kind, override.reason)
        return [(day, kind, why) for day, (kind, why) in sorted(days.items())]
