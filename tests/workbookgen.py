"""Make registers as township clerks keep them in Excel or WPS, for tests and the bench:
one sheet per year, a title row such as "2023年信访登记簿" above the header, a header
merged over two rows (信访人 over 姓名 / 身份证号 / 联系电话 / 住址), dates as date cells,
as bare serial numbers or as text, ID numbers typed as text or as numbers.

.xlsx is written with XlsxWriter, .ods by hand (a zip of XML, as the format is), and
.xls by LibreOffice from an .xlsx of this generator (only `--xls`, which remakes the small
fixture tests/fixtures/township.xls; LibreOffice is not needed to run the tests).

    python tests/workbookgen.py --n 100000 -o big.xlsx
    python tests/workbookgen.py --xls        # remake tests/fixtures/township.xls
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
EPOCH = dt.date(1899, 12, 30)

# The header as clerks draw it: (top, bottom) per column; a top spanning several columns
# is merged over them, a column without a bottom is merged down over both rows.
LAYOUT: tuple[tuple[str, str | None], ...] = (
    ("序号", None), ("登记日期", None), ("信访人", "姓名"), ("信访人", "身份证号"),
    ("信访人", "联系电话"), ("信访人", "住址"), ("信访形式", None), ("人数", None),
    ("问题属地", None), ("问题类别", None), ("诉求摘要", None), ("办理情况", "转送单位"),
    ("办理情况", "办理结果"), ("办理情况", "办结日期"),
)
COLUMNS = tuple(bottom or top for top, bottom in LAYOUT)
DATES = ("登记日期", "办结日期")
DATE_STYLES = ("date", "serial", "text")


def serial(day: dt.date) -> int:
    """Excel's serial number of a day (from March 1900 on)."""
    return (day - EPOCH).days


def _spans() -> list[tuple[str, int, int]]:
    """The top row's cells: (text, first column, last column)."""
    spans: list[tuple[str, int, int]] = []
    for col, (top, _) in enumerate(LAYOUT):
        if spans and spans[-1][0] == top and LAYOUT[spans[-1][1]][1] is not None:
            spans[-1] = (top, spans[-1][1], col)
        else:
            spans.append((top, col, col))
    return spans


def typed_cells(row: dict[str, str], index: int, *, dates: str,
                numeric_id: bool) -> list[object]:
    """A register row's cells as a clerk's workbook holds them: a date as a date cell, a
    serial number or text (`dates`: one style, or "mixed" to take them in turn), row
    numbers and headcounts as numbers, the ID number as text or, damaged, as a number."""
    style = DATE_STYLES[index % 3] if dates == "mixed" else dates
    out: list[object] = []
    for column in COLUMNS:
        value = row.get(column, "")
        if column in DATES and value:
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                out.append(value)  # a messy date stays the text it was
                continue
            out.append(day if style == "date" else serial(day) if style == "serial"
                       else f"{day.year}.{day.month}.{day.day}")
        elif column in ("序号", "人数") and value.isdigit():
            out.append(int(value))
        elif column == "身份证号" and numeric_id and value[:17].isdigit():
            out.append(float(value[:17] + (value[17] if value[17:].isdigit() else "0")))
        else:
            out.append(value)
    return out


def write_xlsx(path: Path, sheets: dict[str, list[dict[str, str]]], *, title: bool = True,
               merged: bool = True, dates: str = "mixed",
               numeric_ids: Collection[str] = (), flat_header: Iterable[str] | None = None
               ) -> Path:
    """A workbook of one sheet per item of `sheets` (its rows keyed by the register's
    column names). `numeric_ids`: the 序号 of rows whose ID number is typed as a number."""
    import xlsxwriter

    # (Not in XlsxWriter's constant-memory mode: a header merged down over two rows is
    # written to both rows before the first is done.)
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    bold = book.add_format({"bold": True, "align": "center", "valign": "vcenter",
                            "border": 1})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    text = book.add_format({"num_format": "@"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        top = 0
        if title:
            sheet.merge_range(0, 0, 0, len(LAYOUT) - 1, f"{name}年信访登记簿", bold)
            sheet.write_string(1, 0, "填报单位：鱼邱湖街道信访办")
            top = 2
        if flat_header is not None:
            for col, cell in enumerate(flat_header):
                sheet.write_string(top, col, cell, bold)
            top += 1
        elif merged:
            for top_text, first, last in _spans():
                if first == last and LAYOUT[first][1] is None:
                    sheet.merge_range(top, first, top + 1, first, top_text, bold)
                elif first == last:
                    sheet.write_string(top, first, top_text, bold)
                else:
                    sheet.merge_range(top, first, top, last, top_text, bold)
            for col, (_, bottom) in enumerate(LAYOUT):
                if bottom is not None:
                    sheet.write_string(top + 1, col, bottom, bold)
            top += 2
        else:
            for col, cell in enumerate(COLUMNS):
                sheet.write_string(top, col, cell, bold)
            top += 1
        for index, row in enumerate(rows):
            cells = typed_cells(row, index, dates=dates,
                                numeric_id=row.get("序号", "") in numeric_ids)
            for col, value in enumerate(cells):
                if isinstance(value, dt.date):
                    sheet.write_datetime(top + index, col, value, day)
                elif isinstance(value, (int, float)):
                    sheet.write_number(top + index, col, value)
                elif value != "":
                    sheet.write_string(top + index, col, str(value), text)
    book.close()
    return path


def write_ods(path: Path, sheets: dict[str, list[dict[str, str]]], *, title: bool = True,
              merged: bool = True, dates: str = "mixed",
              numeric_ids: Collection[str] = ()) -> Path:
    """The same workbook as OpenDocument (what WPS and LibreOffice save as .ods)."""
    body = []
    for name, rows in sheets.items():
        out = [f"<table:table table:name={quoteattr(name)}>",
               f'<table:table-column table:number-columns-repeated="{len(LAYOUT)}"/>']
        if title:
            out.append("<table:table-row>" + _ods_text(
                f"{name}年信访登记簿", f' table:number-columns-spanned="{len(LAYOUT)}"')
                + "<table:covered-table-cell/>" * (len(LAYOUT) - 1) + "</table:table-row>")
            out.append("<table:table-row>" + _ods_text("填报单位：鱼邱湖街道信访办")
                       + "</table:table-row>")
        if merged:
            first_row, second_row = [], []
            for top_text, first, last in _spans():
                if first == last and LAYOUT[first][1] is None:
                    first_row.append(_ods_text(top_text, ' table:number-rows-spanned="2"'))
                    second_row.append("<table:covered-table-cell/>")
                elif first == last:
                    first_row.append(_ods_text(top_text))
                    second_row.append(_ods_text(LAYOUT[first][1] or ""))
                else:
                    span = last - first + 1
                    first_row.append(_ods_text(
                        top_text, f' table:number-columns-spanned="{span}"'))
                    first_row += ["<table:covered-table-cell/>"] * (span - 1)
                    second_row += [_ods_text(LAYOUT[c][1] or "") for c in range(first, last + 1)]
            out.append("<table:table-row>" + "".join(first_row) + "</table:table-row>")
            out.append("<table:table-row>" + "".join(second_row) + "</table:table-row>")
        else:
            out.append("<table:table-row>" + "".join(_ods_text(c) for c in COLUMNS)
                       + "</table:table-row>")
        for index, row in enumerate(rows):
            cells = typed_cells(row, index, dates=dates,
                                numeric_id=row.get("序号", "") in numeric_ids)
            out.append("<table:table-row>" + "".join(_ods_cell(v) for v in cells)
                       + "</table:table-row>")
        out.append("</table:table>")
        body.append("".join(out))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>" + "".join(body)
        + "</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _ods_text(value: str, extra: str = "") -> str:
    if not value:
        return f"<table:table-cell{extra}/>"
    return (f'<table:table-cell office:value-type="string"{extra}>'
            f"<text:p>{escape(value)}</text:p></table:table-cell>")


def _ods_cell(value: object) -> str:
    if isinstance(value, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value='
                f'"{value.isoformat()}"><text:p>{value.isoformat()}</text:p></table:table-cell>')
    if isinstance(value, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{value!r}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    return _ods_text(str(value))


def township_rows(n: int, *, year: int, seed: int = 3) -> list[dict[str, str]]:
    """A year's register of n valid rows (samplegen's people and matters)."""
    import samplegen

    return samplegen.generate_rows(n, seed=seed, start=dt.date(year, 1, 1),
                                   end=dt.date(year, 12, 31))


def convert_with_libreoffice(source: Path, suffix: str, target: Path) -> Path:
    """LibreOffice headless saves `source` as .xls (Excel 97-2003) or another format."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed: apt-get install -y --no-install-recommends "
                         "libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as folder:
        filters = {"xls": "xls:MS Excel 97", "ods": "ods"}
        subprocess.run([soffice, "--headless", "--convert-to", filters[suffix], "--outdir",
                        folder, str(source)], check=True, capture_output=True,
                       env={"HOME": folder, "PATH": "/usr/bin:/bin"})
        shutil.move(Path(folder) / (source.stem + "." + suffix), target)
    return target


# The small fixture checked in: two years, title rows, a merged header, every date style,
# numeric ID numbers in rows 2 and 5 of 2023.
FIXTURE_SHEETS: Callable[[], dict[str, list[dict[str, str]]]] = lambda: {  # noqa: E731
    "2023": township_rows(6, year=2023, seed=5),
    "2022": township_rows(4, year=2022, seed=6),
}
FIXTURE_NUMERIC = frozenset({"2", "5"})


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(HERE))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--xls", action="store_true", help="remake tests/fixtures/township.xls")
    args = parser.parse_args(argv)
    if args.xls:
        FIXTURES.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            source = write_xlsx(Path(folder) / "township.xlsx", FIXTURE_SHEETS(),
                                numeric_ids=FIXTURE_NUMERIC)
            convert_with_libreoffice(source, "xls", FIXTURES / "township.xls")
        print(FIXTURES / "township.xls")
        return 0
    if args.output is None:
        parser.error("give -o FILE.xlsx (or .ods)")
    sheets = {str(args.year): township_rows(args.n, year=args.year)}
    if args.output.suffix == ".ods":
        write_ods(args.output, sheets)
    else:
        write_xlsx(args.output, sheets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
