"""Registers kept as workbooks, imported directly: each layout clerks use (title rows,
a header merged over two rows, dates as date cells, serial numbers or text, ID numbers
as text or damaged as numbers, one sheet per year) in .xlsx, .ods and .xls, through the
same checks as a CSV; the rejects go back out as a workbook."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
import samplegen
import workbookgen as gen

from xinfang.registers import workbooks
from xinfang.registers.importer import import_register
from xinfang.registers.reading import MissingColumns
from xinfang.store import settings
from xinfang.store.ledger import Ledger

TODAY = dt.date(2026, 11, 23)
FIXTURE = Path(__file__).parent / "fixtures" / "township.xls"


def fresh(path: Path) -> Ledger:
    ledger = Ledger.open(path, create=True, today=TODAY)
    settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
    return ledger


def cases(ledger: Ledger) -> list[tuple]:
    """What a register row becomes, without where it came from, in order of receipt."""
    rows = ledger.db.execute(
        "SELECT c.received_on, c.channel, c.headcount, c.locality, c.category, c.content, "
        "c.status, u.name, c.closed_on, c.result, p.name, p.id_number, p.phone, p.address "
        "FROM cases c LEFT JOIN units u ON u.id = c.unit_id "
        "JOIN case_people cp ON cp.case_id = c.id AND cp.lead = 1 "
        "JOIN people p ON p.id = cp.person_id ORDER BY c.received_on, c.content, p.name"
    ).fetchall()
    return [tuple(row) for row in rows]


def as_csv(rows: list[dict[str, str]], path: Path) -> bytes:
    samplegen.write_csv(rows, path, encoding="utf-8")
    return path.read_bytes()


@pytest.fixture
def years():
    return {"2023": gen.township_rows(12, year=2023, seed=21),
            "2022": gen.township_rows(9, year=2022, seed=22)}


# Each layout, each file type ---------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
@pytest.mark.parametrize("dates", ["date", "serial", "text", "mixed"])
def test_a_township_workbook_imports_as_its_csv_does(tmp_path, years, suffix, dates):
    path = tmp_path / f"register.{suffix}"
    write = gen.write_xlsx if suffix == "xlsx" else gen.write_ods
    write(path, years, dates=dates)
    book = fresh(tmp_path / "book.db")
    summary = import_register(book, path.read_bytes(), name=path.name, officer="测试员")
    assert (summary.read, len(summary.added), len(summary.rejected)) == (21, 21, 0)
    assert summary.workbook == suffix and list(summary.sheets) == ["2023", "2022"]
    # The same rows saved as a CSV, imported into another ledger: the same cases.
    flat = fresh(tmp_path / "flat.db")
    data = as_csv(years["2023"] + years["2022"], tmp_path / "register.csv")
    assert len(import_register(flat, data, name="register.csv", officer="测试员").added) == 21
    assert cases(book) == cases(flat)
    assert len(cases(book)) == 21


def test_title_rows_and_a_merged_header_are_read_as_one_header(tmp_path, years):
    path = gen.write_xlsx(tmp_path / "r.xlsx", {"2023": years["2023"]})
    book = workbooks.read_book(path.read_bytes(), name="r.xlsx")
    table = book.tables[0]
    assert table.header == list(gen.COLUMNS)
    assert table.header_line == 4  # the title, the unit's line, then two header rows
    assert table.rows[0].line == 5  # rows are numbered as Excel numbers them
    assert table.columns.fields["id_number"] == gen.COLUMNS.index("身份证号")
    # Without the title and with a flat header, the same table.
    flat = gen.write_xlsx(tmp_path / "f.xlsx", {"2023": years["2023"]}, title=False,
                          merged=False)
    other = workbooks.read_book(flat.read_bytes()).tables[0]
    assert other.header == table.header and other.header_line == 1
    assert [r.cells for r in other.rows] == [r.cells for r in table.rows]


def test_each_date_form_reads_as_the_same_day(tmp_path):
    rows = gen.township_rows(3, year=2023, seed=9)
    received = [row["登记日期"] for row in rows]
    read = {}
    for style in gen.DATE_STYLES:
        path = gen.write_xlsx(tmp_path / f"{style}.xlsx", {"2023": rows}, dates=style)
        table = workbooks.read_book(path.read_bytes()).tables[0]
        read[style] = [r.cells[1] for r in table.rows]
    assert read["date"] == read["serial"] == received
    assert read["text"] == [f"{d.year}.{d.month}.{d.day}"
                            for d in map(dt.date.fromisoformat, received)]


@pytest.mark.parametrize("number, day", [
    (18264, "1950-01-01"), (43831, "2020-01-01"), (45000, "2023-03-15"),
    (45000.75, "2023-03-15"), (46349, "2026-11-23")])
def test_serial_numbers_in_a_date_column_are_days(number, day):
    assert workbooks.date_text(number) == day


def test_a_number_too_small_for_a_date_stays_a_number_and_is_rejected(tmp_path):
    path = tmp_path / "r.xlsx"
    rows = gen.township_rows(1, year=2023, seed=9)
    gen.write_xlsx(path, {"2023": rows}, dates="serial")
    book = openpyxl.load_workbook(path)
    book["2023"]["B5"] = 1234  # a serial before 1950: no register date
    book.save(path)
    summary = import_register(fresh(tmp_path / "l.db"), path.read_bytes(), name="r.xlsx",
                              officer="测试员")
    assert [r.reasons[0].code for r in summary.rejected] == ["bad_date"]


def test_an_id_number_stored_as_a_number_is_rejected_as_damaged(tmp_path, years):
    path = gen.write_xlsx(tmp_path / "r.xlsx", years, numeric_ids={"3", "7"})
    ledger = fresh(tmp_path / "l.db")
    summary = import_register(ledger, path.read_bytes(), name="r.xlsx", officer="测试员")
    damaged = {(r.sheet, r.seq): r for r in summary.rejected}
    assert sorted(damaged) == [("2022", "3"), ("2022", "7"), ("2023", "3"), ("2023", "7")]
    for (sheet, seq), rejected in damaged.items():
        assert [reason.code for reason in rejected.reasons] == ["id_mangled_by_excel"]
        typed = next(r["身份证号"] for r in years[sheet] if r["序号"] == seq)
        # As Excel shows such a cell: six digits and a power of ten.
        last = typed[17] if typed[17].isdigit() else "0"
        assert rejected.cells[3] == f"{float(typed[:17] + last):.5E}"
        assert rejected.cells[3].endswith("E+17") and len(rejected.cells[3]) == 11
    # Those typed as text keep every digit.
    ids = {row[11] for row in cases(ledger)}
    text_ids = {r["身份证号"] for rows in years.values() for r in rows
                if r["序号"] not in ("3", "7")}
    assert text_ids <= ids


def test_a_phone_typed_as_a_number_keeps_its_digits(tmp_path):
    rows = gen.township_rows(2, year=2023, seed=4)
    path = gen.write_xlsx(tmp_path / "r.xlsx", {"2023": rows})
    book = openpyxl.load_workbook(path)
    book["2023"]["E5"] = int(rows[0]["联系电话"])
    book.save(path)
    table = workbooks.read_book(path.read_bytes()).tables[0]
    assert table.rows[0].cells[4] == rows[0]["联系电话"]


def test_the_checked_in_xls_holds_the_generators_rows(tmp_path):
    """tests/fixtures/township.xls is `workbookgen.py --xls` (LibreOffice's .xls of the
    generator's workbook): the rows come out as the generator made them."""
    expected = gen.FIXTURE_SHEETS()
    assert workbooks.kind(FIXTURE.read_bytes()) == "xls"
    ledger = fresh(tmp_path / "l.db")
    summary = import_register(ledger, FIXTURE.read_bytes(), name=FIXTURE.name, officer="测试员")
    assert list(summary.sheets) == ["2023", "2022"]
    assert sorted((r.sheet, r.seq) for r in summary.rejected) == [
        ("2022", "2"), ("2023", "2"), ("2023", "5")]
    assert len(summary.added) == 10 - 3
    rows = [r for sheet in expected.values() for r in sheet]
    kept = [r for sheet, items in expected.items() for r in items
            if not (r["序号"] in gen.FIXTURE_NUMERIC and (sheet == "2023" or r["序号"] == "2"))]
    assert sorted(row[11] for row in cases(ledger)) == sorted(r["身份证号"] for r in kept)
    received = {row[0] for row in cases(ledger)}
    assert received == {r["登记日期"] for r in kept} and len(rows) == 10


# Sheets -------------------------------------------------------------------------------


def test_one_sheet_by_name_or_number(tmp_path, years):
    path = gen.write_xlsx(tmp_path / "r.xlsx", years)
    data = path.read_bytes()
    by_name = workbooks.read_book(data, sheet="2022")
    by_number = workbooks.read_book(data, sheet="2")
    assert [t.sheet for t in by_name.tables] == [t.sheet for t in by_number.tables] == ["2022"]
    with pytest.raises(workbooks.NoSuchSheet) as err:
        workbooks.read_book(data, sheet="2021")
    assert "2023、2022" in err.value.message("zh")
    with pytest.raises(workbooks.NoSuchSheet):
        workbooks.read_book(data, sheet="3")


def test_sheets_without_a_register_are_skipped_and_named(tmp_path, years):
    path = gen.write_xlsx(tmp_path / "r.xlsx", years)
    book = openpyxl.load_workbook(path)
    notes = book.create_sheet("说明")
    notes["A1"] = "本登记簿按年分表"
    book.create_sheet("空表")
    hidden = book.create_sheet("隐藏")
    for col, text in enumerate(gen.COLUMNS, start=1):
        hidden.cell(1, col, text)
    hidden.sheet_state = "hidden"
    summary_sheet = book.create_sheet("汇总")
    summary_sheet.append(["登记日期", "问题类别", "件数"])  # dates and counts, no names
    book.save(path)
    read = workbooks.read_book(path.read_bytes())
    assert [t.sheet for t in read.tables] == ["2023", "2022"]
    assert {(s.sheet, s.reason) for s in read.skipped} == {
        ("说明", "no_header"), ("空表", "empty"), ("隐藏", "hidden"),
        ("汇总", "missing_columns")}
    # Asked for by name, a sheet is read or refused with its own reason.
    with pytest.raises(MissingColumns):
        workbooks.read_book(path.read_bytes(), sheet="汇总")
    assert workbooks.read_book(path.read_bytes(), sheet="隐藏").tables[0].rows == []


def test_a_row_repeated_on_another_sheet_is_added_once(tmp_path, years):
    same = {"2023": years["2023"], "汇总": years["2023"][:4]}
    path = gen.write_xlsx(tmp_path / "r.xlsx", same)
    summary = import_register(fresh(tmp_path / "l.db"), path.read_bytes(), name="r.xlsx",
                              officer="测试员")
    assert len(summary.added) == 12
    skipped = [s for s in summary.skipped if s.reason == "duplicate"]
    assert [(s.sheet, s.same_sheet) for s in skipped] == [("汇总", "2023")] * 4
    assert skipped[0].text("zh") == f"与工作表“2023”第 {skipped[0].same_as} 行相同"


def test_a_csv_named_xls_is_read_as_the_csv_it_is(tmp_path):
    rows = gen.township_rows(3, year=2023, seed=2)
    data = as_csv(rows, tmp_path / "r.csv")
    assert workbooks.kind(data) is None
    summary = import_register(fresh(tmp_path / "l.db"), data, name="r.xls", officer="测试员")
    assert len(summary.added) == 3 and summary.workbook is None


@pytest.mark.parametrize("damage", ["truncated", "not a workbook", "garbage"])
def test_a_damaged_workbook_is_refused_whole(tmp_path, years, damage):
    data = gen.write_xlsx(tmp_path / "r.xlsx", years).read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "not a workbook":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "hello")
        data = buffer.getvalue()
    else:
        data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    ledger = fresh(tmp_path / "l.db")
    with pytest.raises(workbooks.BadWorkbook) as err:
        import_register(ledger, data, name="r.xlsx", officer="测试员")
    assert "另存为 .xlsx" in err.value.message("zh")
    assert ledger.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


# The command --------------------------------------------------------------------------


def test_import_command_reads_a_workbook_and_names_its_sheets(cli, ledger, tmp_path, years):
    path = gen.write_xlsx(tmp_path / "登记簿.xlsx", years, numeric_ids={"2"})
    result = cli("import", path, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("试运行，台账未改动。登记簿.xlsx（Excel (.xlsx)，工作表：2023、2022）")
    assert "工作表“2023”第 6 行（序号 2）：身份证号“" in result.stdout
    assert ledger.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    result = cli("import", path, "--sheet", "2022", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "9 rows read = 8 added + 0 skipped + 1 rejected" in result.stdout
    again = cli("import", path, "--json")
    summary = json.loads(again.stdout)
    assert (summary["added"], summary["rejected"]) == (11, 2)
    assert {s["reason"] for s in summary["skips"]} == {"imported"}
    assert {s["sheet"] for s in summary["skips"]} == {"2022"}
    assert summary["sheets"] == ["2023", "2022"] and summary["workbook"] == "xlsx"
    events = ledger.events(ledger.find_case(summary["cases"][0]["case"]))
    assert events[0]["details"]["source"]["sheet"] == "2023"


def test_import_command_errors_about_sheets(cli, ledger, tmp_path, years):
    path = gen.write_xlsx(tmp_path / "r.xlsx", years)
    result = cli("import", path, "--sheet", "2020")
    assert result.exit_code == 2 and result.stderr.startswith("错误：工作簿中没有工作表“2020”")
    csv_path = tmp_path / "r.csv"
    as_csv(years["2023"], csv_path)
    result = cli("import", csv_path, "--sheet", "1")
    assert result.exit_code == 2 and "--sheet 只用于工作簿" in result.stderr
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    result = cli("import", bad)
    assert result.exit_code == 1 and result.stderr.startswith("错误：无法把文件 bad.xlsx 当作工作簿读取")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_rejects_of_a_workbook_are_a_workbook_that_imports_again_fixed(cli, ledger, tmp_path,
                                                                      years):
    path = gen.write_xlsx(tmp_path / "r.xlsx", years, numeric_ids={"4"})
    assert cli("import", path, "--rejects", tmp_path / "no.csv").exit_code == 2
    assert not (tmp_path / "no.csv").exists()
    rejects = tmp_path / "未导入.xlsx"
    result = cli("import", path, "--rejects", rejects)
    assert result.exit_code == 0, result.stderr
    # Opened by another reader than the one xinfang uses, cell by cell.
    book = openpyxl.load_workbook(rejects)
    assert book.sheetnames == ["2023", "2022"]
    for name in book.sheetnames:
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        assert header == [*gen.COLUMNS, "未导入原因"]
        body = list(sheet.iter_rows(min_row=2))
        assert len(body) == 1
        cells = body[0]
        assert all(c.data_type == "s" for c in cells if c.value is not None)
        row = next(r for r in years[name] if r["序号"] == "4")
        day = dt.date.fromisoformat(row["登记日期"])
        assert cells[0].value == "4"
        assert cells[1].value in (row["登记日期"], f"{day.year}.{day.month}.{day.day}")
        assert cells[3].value.endswith("E+17")
        assert cells[-1].value.startswith("第 ") and "科学计数法" in cells[-1].value
        # The clerk types the ID number again, as text.
        cells[3].value = row["身份证号"]
        cells[3].number_format = "@"
    book.save(rejects)
    result = cli("import", rejects)
    assert result.exit_code == 0, result.stderr
    assert "读取 2 行 = 新增 2 件 + 跳过 0 行 + 未导入 0 行" in result.stdout
    assert ledger.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 21


def test_rejects_of_a_csv_may_be_a_workbook_too(cli, ledger, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("登记日期,姓名,身份证号,诉求摘要\r\n2026-01-04,张三,12345,=1+1\r\n", "utf-8")
    rejects = tmp_path / "r.xlsx"
    assert cli("import", path, "--rejects", rejects).exit_code == 0
    sheet = openpyxl.load_workbook(rejects).active
    assert [c.value for c in sheet[1]] == ["登记日期", "姓名", "身份证号", "诉求摘要", "未导入原因"]
    formula = sheet["D2"]
    assert formula.value == "=1+1" and formula.data_type == "s" and formula.quotePrefix
    assert sheet["C2"].value == "12345" and sheet["C2"].data_type == "s"


def test_map_names_a_workbooks_column_and_its_serial_dates_are_days(cli, ledger, tmp_path):
    rows = gen.township_rows(4, year=2023, seed=31)
    header = ["来访时段" if c == "登记日期" else c for c in gen.COLUMNS]
    path = gen.write_xlsx(tmp_path / "r.xlsx", {"2023": rows}, dates="serial",
                          flat_header=header)
    result = cli("import", path)
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：表头中找不到必需的列：登记日期（received）")
    result = cli("import", path, "--map", "来访时段=received")
    assert result.exit_code == 0, result.stderr
    assert "新增 4 件" in result.stdout
    received = [r[0] for r in ledger.db.execute(
        "SELECT received_on FROM cases ORDER BY received_on").fetchall()]
    assert received == sorted(r["登记日期"] for r in rows)
    result = cli("import", path, "--map", "来访时段=received", "--map", "不存在=name")
    assert result.exit_code == 2 and "不在表头中" in result.stderr


def test_an_xlsm_is_read_as_the_workbook_it_is(tmp_path, years):
    path = gen.write_xlsx(tmp_path / "r.xlsx", years)
    macro = path.rename(tmp_path / "登记簿.xlsm")
    summary = import_register(fresh(tmp_path / "l.db"), macro.read_bytes(), name=macro.name,
                              officer="测试员")
    assert summary.workbook == "xlsx" and len(summary.added) == 21


def test_progress_counts_the_rows_of_every_sheet_as_one(tmp_path, years):
    path = gen.write_xlsx(tmp_path / "r.xlsx", years)
    seen = []
    import_register(fresh(tmp_path / "l.db"), path.read_bytes(), name="r.xlsx",
                    officer="测试员", progress=lambda stage, done, total: seen.append(
                        (stage, done, total)))
    assert seen[-1] == ("write", 21, 21)  # both sheets' rows, counted as one file


def test_many_rejects_of_a_workbook_point_to_a_workbook_for_them_all(cli, ledger, tmp_path):
    rows = gen.township_rows(55, year=2023, seed=32)
    path = gen.write_xlsx(tmp_path / "r.xlsx", {"2023": rows},
                          numeric_ids={r["序号"] for r in rows})
    result = cli("import", path, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "另有 5 行未列出，用 --rejects 文件.xlsx 保存全部" in result.stdout
