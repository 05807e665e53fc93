"""Reports as workbooks leaders open, filter and forward: the figures by month with their
numerators, denominators and definitions and a native Excel chart of them; the overdue
report on one sheet, grouped by unit. Written through `xlsx` (text cells never formulas,
dates as dates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xinfang import xlsx
from xinfang.render.plain import holder_label, unit_label
from xinfang.reports import FIGURES
from xinfang.store.records import OverdueItem, OverdueReport
from xinfang.texts import t
from xinfang.vocab import CLOCKS, STATUSES, label

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
        counts = {m["month"]: m for m in result["months"]}
        rows = []
        for month in months:
            count = counts.get(month["month"], {"registered": 0, "closed": 0})
            rows.append(([month["month"], count["registered"], count["closed"]],
                         month["figures"]))
        sheet, last = _figure_table(book, t("stats.sheet.months", lang),
                                    ["stats.month", "stats.registered", "stats.closed"],
                                    rows, lang)
        if months:
            _chart(book, sheet, last, result, lang)
        if result.get("groups") is not None:
            by_key = {g["key"]: g["figures"] for g in groups or []}
            rows = [([g["key"] or t("stats.no_key", lang), g["registered"], g["closed"],
                      g["overdue"], g["repeats"]], by_key.get(g["key"]))
                    for g in result["groups"]]
            _figure_table(book, t("stats.sheet.groups", lang),
                          [_GROUP_NAMES[result["by"]], "stats.registered", "stats.closed",
                           "stats.overdue_now", "stats.repeats"], rows, lang)

    return xlsx.build(fill, large=False)


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
                  rows: list[tuple[list[Any], dict[str, Any] | None]], lang: str
                  ) -> tuple[Any, int]:
    """A sheet of rows (a month, a unit …): the first columns merged over the two header
    rows, then each figure's numerator, denominator and rate under its name (merged over
    the three). Returns the sheet and its last row."""
    sheet = book.add_sheet(name)
    for col, key in enumerate(first):
        sheet.merge_range(0, col, 1, col, t(key, lang), book.bold)
    start = len(first)
    for index, code in enumerate(FIGURES):
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
        for index, code in enumerate(FIGURES):
            if figures is None:
                continue
            col = start + index * 3
            figure = figures[code]
            sheet.write_number(row, col, figure["numerator"])
            sheet.write_number(row, col + 1, figure["denominator"])
            _rate(book, sheet, row, col + 2, figure["rate"])
    last_col = start - 1 + 3 * len(FIGURES)
    sheet.set_column(0, 0, min(width, xlsx.MAX_WIDTH))
    sheet.set_column(1, last_col, 9)
    sheet.freeze_panes(2, 1)
    sheet.autofilter(1, 0, max(row, 1), last_col)
    return sheet, row


def _chart(book: xlsx.Book, sheet: Any, last: int, result: dict[str, Any], lang: str) -> None:
    """A line chart of the six rates month by month, below the months."""
    chart = book.workbook.add_chart({"type": "line"})
    name = sheet.get_name()
    for index, code in enumerate(FIGURES):
        col = 5 + index * 3  # after month, registered, closed: the rate of each figure
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
