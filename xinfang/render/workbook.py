"""Reports as workbooks leaders open, filter and forward: the figures — by case (the
default: each side apart, the units ranked) or by clock — with their numerators,
denominators and definitions, month by month with a native Excel chart of them; the
overdue report on one sheet, grouped by unit. Written through `xlsx` (text cells never
formulas, dates as dates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xinfang import figures as case_figures
from xinfang import xlsx
from xinfang.render.plain import holder_label, unit_label
from xinfang.reports import FIGURES
from xinfang.store.records import OverdueItem, OverdueReport
from xinfang.texts import t
from xinfang.vocab import CLOCKS, EVENT_KINDS, STATUSES, label

# The figures by case the month sheet's chart draws (the sides of 参评率 and 满意率 and the
# figures of few cases stay in the table: a chart of thirteen lines is read by nobody).
CHART_FIGURES = ("timely_acceptance.office", "timely_acceptance.unit",
                 "on_time_closing.office", "on_time_closing.unit", "participation",
                 "satisfaction", "repeat_rate")

_GROUP_NAMES = {"unit": "ui.unit", "category": "ui.category", "locality": "ui.locality",
                "month": "stats.month"}


def _rate(book: xlsx.Book, sheet: Any, row: int, col: int, rate: float | None) -> None:
    if rate is not None:
        sheet.write_number(row, col, rate, book.percent)


def stats_workbook(result: dict[str, Any], months: list[dict[str, Any]], lang: str,
                   groups: list[dict[str, Any]] | None = None) -> bytes:
    """`reports.stats` as a workbook: the figures of the period; the figures month by
    month (`reports.figures_by_month`) with a line chart of their rates; with `--by`, the
    figures group by group (`reports.figures_by_group`) beside the counts of each."""

    def fill(book: xlsx.Book) -> None:
        _figures_sheet(book, result, lang)
        _months_sheet(book, result, months, lang)
        if result.get("groups") is not None:
            by_key = {g["key"]: g["figures"] for g in groups or []}
            _groups_sheet(book, result, [{**g, "figures": by_key.get(g["key"])}
                                         for g in result["groups"]], lang)

    return xlsx.build(fill, large=False)


def stats_case_workbook(result: dict[str, Any], months: list[dict[str, Any]], lang: str,
                        groups: list[dict[str, Any]] | None = None) -> bytes:
    """`reports.stats` by case as a workbook: each figure of the period with its side,
    numerator, denominator, rate, definition and the count of each class (then the
    figures of the practice of offices); the figures by case month by month
    (`reports.case_figures_by_month`) with a line chart; with `--by unit` the units
    ranked by their own figures; with `--by`, the figures group by group
    (`reports.case_figures_by_group`)."""
    codes = case_figures.FIGURES

    def fill(book: xlsx.Book) -> None:
        _case_figures_sheet(book, result, lang)
        _months_sheet(book, result, months, lang, codes, CHART_FIGURES)
        if result.get("units") is not None:
            ranked = [([item["rank"], item["unit"]], item["figures"])
                      for item in result["units"]]
            _figure_table(book, t("stats.units_title", lang), ["stats.rank", "ui.unit"],
                          ranked, lang, case_figures.UNIT_FIGURES)
        if groups is not None:
            _groups_sheet(book, result, groups, lang, codes)
        if result.get("changed"):
            _changed_sheet(book, result["changed"], lang)

    return xlsx.build(fill, large=False)


def _months_sheet(book: xlsx.Book, result: dict[str, Any], months: list[dict[str, Any]],
                  lang: str, codes: tuple[str, ...] = FIGURES,
                  charted: tuple[str, ...] = FIGURES) -> None:
    """The figures (`codes`) month by month beside the cases registered and closed in
    each, with a line chart of the rates of `charted`."""
    counts = {m["month"]: m for m in result["months"]}
    rows = []
    for month in months:
        count = counts.get(month["month"], {"registered": 0, "closed": 0})
        rows.append(([month["month"], count["registered"], count["closed"]],
                     month["figures"]))
    sheet, last = _figure_table(book, t("stats.sheet.months", lang),
                                ["stats.month", "stats.registered", "stats.closed"],
                                rows, lang, codes)
    if months:
        _chart(book, sheet, last, result, lang, codes, charted)


def _groups_sheet(book: xlsx.Book, result: dict[str, Any], groups: list[dict[str, Any]],
                  lang: str, codes: tuple[str, ...] = FIGURES) -> None:
    """The figures (`codes`) group by group beside each group's counts."""
    rows = [([g["key"] or t("stats.no_key", lang), g["registered"], g["closed"],
              g["overdue"], g["repeats"]], g["figures"]) for g in groups]
    _figure_table(book, t("stats.sheet.groups", lang),
                  [_GROUP_NAMES[result["by"]], "stats.registered", "stats.closed",
                   "stats.overdue_now", "stats.repeats"], rows, lang, codes)


def _changed_sheet(book: xlsx.Book, changed: list[dict[str, Any]], lang: str) -> None:
    """The figures changed since the period ended: one row per case whose class changed,
    with the figure as it was and as it is, and the acts recorded on the case since."""
    keys = ("stats.figure", "stats.changed_was", "stats.changed_now", "ui.case",
            "stats.changed_class_was", "stats.changed_class_now", "stats.changed_why")
    sheet = book.add_sheet(t("stats.sheet.changed", lang))
    for col, key in enumerate(keys):
        book.write_text(sheet, 0, col, t(key, lang), book.bold)
    row = 0
    for change in changed:
        for case in change["cases"]:
            row += 1
            why = (t("stats.changed_by_acts", lang, acts=t("sep.list", lang).join(
                f"{label(EVENT_KINDS, a['kind'], lang)} {a['on']}" for a in case["acts"]))
                if case["acts"] else t("stats.changed_by_deadline", lang))
            cells = [t(f"figure.{change['figure']}", lang), "/".join(map(str, change["was"])),
                     "/".join(map(str, change["now"])), case["id"],
                     t(f"figure.class.{case['was']}", lang) if case["was"] else "",
                     t(f"figure.class.{case['now']}", lang) if case["now"] else "", why]
            for col, value in enumerate(cells):
                if value:
                    book.write_text(sheet, row, col, value)
    for col, width in enumerate((30, 8, 8, 20, 10, 10, 50)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(row, 1), len(keys) - 1)


def _case_figures_sheet(book: xlsx.Book, result: dict[str, Any], lang: str) -> None:
    keys = ("stats.figure", "stats.side", "stats.numerator", "stats.denominator",
            "stats.rate", "stats.definition", "stats.counts")
    sheet = book.add_sheet(t("stats.sheet.figures", lang))
    sheet.merge_range(0, 0, 0, len(keys) - 1,
                      t("stats.title", lang, start=result["from"], end=result["to"]),
                      book.title_format)
    for col, key in enumerate(keys):
        book.write_text(sheet, 1, col, t(key, lang), book.bold)
    for row, (code, figure) in enumerate(result["figures"].items(), start=2):
        side = code.partition(".")[2] if code in case_figures.FIGURES else ""
        if code in case_figures.FIGURES and not side and f"{code}.unit" in \
                case_figures.FIGURES:
            side = "both"
        book.write_text(sheet, row, 0, t(f"figure.{code}", lang))
        if side:
            book.write_text(sheet, row, 1, t(f"stats.side.{side}", lang))
        sheet.write_number(row, 2, figure["numerator"])
        sheet.write_number(row, 3, figure["denominator"])
        _rate(book, sheet, row, 4, figure["rate"])
        book.write_text(sheet, row, 5, t(f"figure.{code}.definition", lang))
        book.write_text(sheet, row, 6, t("sep.list", lang).join(
            f"{t(f'figure.class.{c}', lang)} {n}"
            for c, n in sorted(figure.get("counts", {}).items())))
    for col, width in enumerate((30, 10, 8, 8, 8, 90, 40)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(2, 1)
    sheet.autofilter(1, 0, 1 + len(result["figures"]), len(keys) - 1)


def _figures_sheet(book: xlsx.Book, result: dict[str, Any], lang: str) -> None:
    header = [t(key, lang) for key in ("stats.figure", "stats.numerator",
                                       "stats.denominator", "stats.rate", "stats.definition")]
    sheet = book.add_sheet(t("stats.sheet.figures", lang))
    sheet.merge_range(0, 0, 0, len(header) - 1,
                      t("stats.title", lang, start=result["from"], end=result["to"]),
                      book.title_format)
    for col, text in enumerate(header):
        book.write_text(sheet, 1, col, text, book.bold)
    for row, code in enumerate(FIGURES, start=2):
        figure = result["figures"][code]
        book.write_text(sheet, row, 0, t(f"figure.{code}", lang))
        sheet.write_number(row, 1, figure["numerator"])
        sheet.write_number(row, 2, figure["denominator"])
        _rate(book, sheet, row, 3, figure["rate"])
        book.write_text(sheet, row, 4, t(f"figure.{code}.definition", lang))
    for col, width in enumerate((16, 8, 8, 8, 90)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(2, 1)


def _figure_table(book: xlsx.Book, name: str, first: list[str],
                  rows: list[tuple[list[Any], dict[str, Any] | None]], lang: str,
                  codes: tuple[str, ...] = FIGURES) -> tuple[Any, int]:
    """A sheet of rows (a month, a unit …): the first columns merged over the two header
    rows, then each figure's numerator, denominator and rate under its name (merged over
    the three). Returns the sheet and its last row."""
    sheet = book.add_sheet(name)
    for col, key in enumerate(first):
        sheet.merge_range(0, col, 1, col, t(key, lang), book.bold)
    start = len(first)
    for index, code in enumerate(codes):
        col = start + index * 3
        sheet.merge_range(0, col, 0, col + 2, t(f"figure.{code}", lang), book.bold)
        for offset, key in enumerate(("stats.numerator", "stats.denominator", "stats.rate")):
            book.write_text(sheet, 1, col + offset, t(key, lang), book.bold)
    row = 1
    width = 10
    for row, (cells, figures) in enumerate(rows, start=2):
        for col, value in enumerate(cells):
            if isinstance(value, int):
                sheet.write_number(row, col, value)
            else:
                book.write_text(sheet, row, col, str(value))
                width = max(width, xlsx.display_width(str(value)) + 2)
        for index, code in enumerate(codes):
            if figures is None:
                continue
            col = start + index * 3
            figure = figures[code]
            sheet.write_number(row, col, figure["numerator"])
            sheet.write_number(row, col + 1, figure["denominator"])
            _rate(book, sheet, row, col + 2, figure["rate"])
    last_col = start - 1 + 3 * len(codes)
    sheet.set_column(0, 0, min(width, xlsx.MAX_WIDTH))
    sheet.set_column(1, last_col, 9)
    sheet.freeze_panes(2, 1)
    sheet.autofilter(1, 0, max(row, 1), last_col)
    return sheet, row


def _chart(book: xlsx.Book, sheet: Any, last: int, result: dict[str, Any], lang: str,
           codes: tuple[str, ...] = FIGURES, charted: tuple[str, ...] = FIGURES) -> None:
    """A line chart of the rates month by month (of `charted`, among the month sheet's
    `codes`), below the months."""
    chart = book.workbook.add_chart({"type": "line"})
    name = sheet.get_name()
    for code in charted:
        col = 5 + codes.index(code) * 3  # after month, registered, closed: each rate
        chart.add_series({
            "name": t(f"figure.{code}", lang),
            "categories": [name, 2, 0, last, 0],
            "values": [name, 2, col, last, col],
            "marker": {"type": "circle"},
        })
    chart.set_title({"name": t("stats.chart_title", lang, start=result["from"],
                               end=result["to"])})
    chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 900, "height": 420})
    sheet.insert_chart(last + 2, 0, chart)


# The overdue report ----------------------------------------------------------------------


def overdue_workbook(report: OverdueReport, lang: str) -> bytes:
    """The overdue report on one sheet: a title, the header (frozen, filtered), each
    unit's overdue clocks under a line naming the unit (an outline level Excel folds),
    then those due soon."""
    header = [t(key, lang) for key in (
        "overdue.section", "ui.unit", "ui.case", "ui.clock", "ui.due_on",
        "overdue.days_overdue", "overdue.days_left", "ui.holder", "overdue.holder_since",
        "ui.status", "overdue.escalate")]

    def fill(book: xlsx.Book) -> None:
        sheet = book.add_sheet(t("overdue.sheet", lang))
        late, soon = report["overdue"], report["due_soon"]
        title = t("overdue.heading", lang, as_of=report["as_of"],
                  cases=len({i["id"] for i in late}), clocks=len(late), soon=len(soon))
        sheet.merge_range(0, 0, 0, len(header) - 1, title, book.title_format)
        for col, text in enumerate(header):
            book.write_text(sheet, 1, col, text, book.bold)
        row = 1
        widths = [len(h) * 2 for h in header]
        groups: list[tuple[str, str, list[OverdueItem]]] = []
        for item in late:
            unit = unit_label(item, lang)
            if not groups or groups[-1][1] != unit or groups[-1][0] != "overdue":
                groups.append(("overdue", unit, []))
            groups[-1][2].append(item)
        if soon:
            groups.append(("due_soon", t("overdue.due_soon", lang), list(soon)))
        for section, unit, items in groups:
            row += 1
            heading = t("overdue.unit", lang, name=unit, count=len(items)) \
                if section == "overdue" else t("overdue.due_soon", lang)
            book.write_text(sheet, row, 0, t(f"overdue.section.{section}", lang), book.bold)
            book.write_text(sheet, row, 1, unit if section == "overdue" else "", book.bold)
            book.write_text(sheet, row, 2, heading, book.bold)
            for item in items:
                row += 1
                sheet.set_row(row, None, None, {"level": 1})
                cells = _item_cells(item, section, lang)
                for col, value in enumerate(cells):
                    if isinstance(value, dt.date):
                        sheet.write_datetime(row, col, value, book.date)
                    elif isinstance(value, int):
                        sheet.write_number(row, col, value)
                    elif value:
                        book.write_text(sheet, row, col, value)
                    if value is not None and not isinstance(value, dt.date):
                        widths[col] = max(widths[col], xlsx.display_width(str(value)))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, max(xlsx.MIN_WIDTH, min(xlsx.MAX_WIDTH, width + 2)))
        sheet.set_column(4, 4, 12)
        sheet.freeze_panes(2, 0)
        sheet.autofilter(1, 0, max(row, 1), len(header) - 1)
        sheet.write_string(row + 2, 0, t("report.chain_head", lang, head=report["head"]))

    return xlsx.build(fill, large=False)


def _item_cells(item: OverdueItem, section: str, lang: str) -> list[Any]:
    since = item["holder"]["since"]
    return [
        t(f"overdue.section.{section}", lang), unit_label(item, lang), item["id"],
        label(CLOCKS, item["clock"], lang), dt.date.fromisoformat(item["due_on"]),
        item["days_overdue"], item["days_left"] if section == "due_soon" else None,
        holder_label(item, lang), dt.date.fromisoformat(since[:10]) if since else None,
        label(STATUSES, item["status"], lang),
        t("word.yes", lang) if item.get("needs_escalation") else "",
    ]
