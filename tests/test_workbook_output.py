"""Workbooks xinfang writes, opened again with another reader (openpyxl) and checked cell
by cell: the export (types, masking, formula safety, frozen and filtered header, widths,
the round trip), the figures with their chart, the overdue report grouped by unit."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile

import openpyxl
import pytest
from test_export import ID_A, fresh, snapshot, varied  # noqa: F401  (a fixture)

from xinfang import acts
from xinfang import figures as figures_module
from xinfang.cases.intake import Intake, make_person
from xinfang.registers.importer import import_register
from xinfang.render.workbook import CHART_FIGURES
from xinfang.reports import FIGURES
from xinfang.store import writer

D = dt.date
FIGURES_BY_CASE = figures_module.FIGURES
REGISTER_HEADER = ["案件编号", "登记日期", "姓名", "身份证号", "联系电话", "住址", "其他信访人",
                   "信访形式", "人数", "问题属地", "问题类别", "诉求摘要", "具体诉求", "保密",
                   "转送单位", "转送日期", "受理日期", "办理结果", "办结日期", "状态", "满意度",
                   "重复信访初件", "处理意见", "包案领导", "下一截止日期", "超期天数"]


def by_header(sheet, row: int = 1) -> dict[str, int]:
    return {cell.value: cell.column - 1 for cell in sheet[row] if cell.value is not None}


# export --format xlsx -------------------------------------------------------------------


def test_export_workbook_cell_by_cell(cli, varied, tmp_path):  # noqa: F811
    out = tmp_path / "台账.xlsx"
    result = cli("export", "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "已导出 9 件案件" in result.stderr
    assert out.stat().st_mode & 0o077 == 0  # private, as every output file
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["案件"]
    sheet = book["案件"]
    assert [c.value for c in sheet[1]] == REGISTER_HEADER
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:Z{sheet.max_row}"
    assert sheet.max_row == 10
    col = by_header(sheet)
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    first = rows["XF-YQH-2026-00001"]
    # ID numbers and phones: text cells, masked.
    assert (first[col["身份证号"]].value, first[col["身份证号"]].data_type) == \
        ("371526********8579", "s")
    assert (first[col["联系电话"]].value, first[col["联系电话"]].data_type) == ("138****5678", "s")
    assert ID_A not in json.dumps([[c.value for c in r] for r in rows.values()], default=str)
    # Dates are date cells, the headcount a number.
    assert first[col["登记日期"]].value == dt.datetime(2026, 1, 5)
    assert first[col["登记日期"]].is_date and first[col["登记日期"]].number_format == "yyyy-mm-dd"
    assert first[col["办结日期"]].value == dt.datetime(2026, 2, 1)
    assert rows["XF-YQH-2026-00003"][col["人数"]].value == 6
    assert rows["XF-YQH-2026-00003"][col["其他信访人"]].value == "王五,360803********5605,,新华村1号"
    # Text that looks like a formula is text, shown with Excel's quote prefix.
    evil = rows["XF-YQH-2026-00008"]
    for name, text in (("诉求摘要", '=HYPERLINK("http://evil","点我")'), ("姓名", "@吴十"),
                       ("具体诉求", "+借款"), ("问题属地", "-1村")):
        cell = evil[col[name]]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True), name
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
    # Columns as wide as their Chinese text (two units a character).
    content = sheet.column_dimensions["L"].width
    assert content >= 2 * len("工地拖欠工资（再次反映）")
    assert sheet.column_dimensions["A"].width >= len("XF-YQH-2026-00001")
    assert not [e for e in varied.events(varied.find_case("2026-1")) if e["kind"] == "revealed"]


def test_export_workbook_with_pii_records_the_reveal_and_events_have_their_sheet(
        cli, varied, tmp_path):  # noqa: F811
    out = tmp_path / "全部.xlsx"
    result = cli("export", "--format", "xlsx", "--with-pii", "--events", "-o", out,
                 "--officer", "王主任")
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["案件", "办理经过"]
    cases, events = book["案件"], book["办理经过"]
    col = by_header(cases)
    ids = {r[0].value: r[col["身份证号"]].value for r in cases.iter_rows(min_row=2)}
    assert ids["XF-YQH-2026-00001"] == ID_A and ids["XF-YQH-2026-00005"] == "11010519491231002X"
    revealed = [e for e in varied.events(varied.find_case("2026-1")) if e["kind"] == "revealed"]
    assert len(revealed) == 1 and revealed[0]["officer"] == "王主任"
    assert [c.value for c in events[1]] == ["案件编号", "日期", "事项", "说明", "经办人",
                                           "记录时间", "来源"]
    total = varied.db.execute("SELECT count(*) FROM events WHERE kind != 'revealed'").fetchone()[0]
    assert events.max_row - 1 == total
    assert all(isinstance(r[1].value, dt.datetime) for r in events.iter_rows(min_row=2))
    assert events.freeze_panes == "A2"


def test_a_workbook_exported_imports_back_with_the_same_cases(cli, varied, tmp_path):  # noqa: F811
    out = tmp_path / "out.xlsx"
    assert cli("export", "--format", "xlsx", "--with-pii", "-o", out).exit_code == 0
    other = fresh(tmp_path / "other.db")
    summary = import_register(other, out.read_bytes(), name="out.xlsx", officer="测试员")
    assert (len(summary.added), len(summary.rejected)) == (9, 0)
    assert not summary.columns.unmapped
    assert snapshot(other) == snapshot(varied)
    content = other.db.execute("SELECT content FROM cases WHERE number LIKE '%00008'").fetchone()
    assert content[0] == '=HYPERLINK("http://evil","点我")'


def test_the_csv_for_excel_is_renamed_and_the_old_name_still_works(cli, varied):  # noqa: F811
    new = cli("export", "--format", "excel-csv", "--with-pii")
    old = cli("export", "--format", "excel", "--with-pii")
    assert new.exit_code == old.exit_code == 0
    assert old.stdout_bytes == new.stdout_bytes
    assert b"\t" + ID_A.encode() in new.stdout_bytes  # long numbers kept as text
    assert "--format excel 已改名为 --format excel-csv" in old.stderr
    assert "改名" not in new.stderr


def test_workbook_outputs_are_written_as_every_output_file(cli, varied, tmp_path, db_path):  # noqa: F811
    out = tmp_path / "a.xlsx"
    out.write_bytes(b"keep")
    result = cli("export", "--format", "xlsx", "-o", out)
    assert result.exit_code == 1 and out.read_bytes() == b"keep"
    assert cli("export", "--format", "xlsx", "-o", out, "--force").exit_code == 0
    assert out.read_bytes().startswith(b"PK")
    link = tmp_path / "link.xlsx"
    link.symlink_to(out)
    assert cli("report", "stats", "--format", "xlsx", "-o", link, "--force").exit_code == 2
    before = db_path.read_bytes()
    result = cli("report", "overdue", "--format", "xlsx", "-o", db_path, "--force")
    assert result.exit_code == 2 and result.stderr.startswith("错误：")
    assert db_path.read_bytes() == before
    assert not list(tmp_path.glob(".*.part"))


def test_too_long_a_cell_for_excel_is_refused_with_a_way_out(cli, ledger, tmp_path):
    acts.register(ledger, Intake(channel="letter", content="长" * 33000, received_on=D(2026, 3, 1),
                                 people=[make_person("张三")]), officer="测试员")
    out = tmp_path / "x.xlsx"
    result = cli("export", "--format", "xlsx", "-o", out)
    assert result.exit_code == 1 and "超过 Excel 单元格的上限 32767 字" in result.stderr
    assert "XF-YQH-2026-00001" in result.stderr and not out.exists()


# report stats --format xlsx --------------------------------------------------------------


@pytest.fixture
def stats_book(cli, varied, tmp_path):  # noqa: F811
    """The workbook of the figures by clock (the earlier definitions, by name)."""
    out = tmp_path / "指标.xlsx"
    result = cli("report", "stats", "--from", "2026-01-01", "--to", "2026-03-31", "--by", "unit",
                 "--definitions", "clock", "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


def test_stats_workbook_holds_the_figures_with_their_counts(cli, stats_book):
    # The workbook's figures are counted by clock, as its months and groups are.
    expected = json.loads(cli("report", "stats", "--from", "2026-01-01", "--to", "2026-03-31",
                              "--by", "unit", "--definitions", "clock", "--json").stdout)
    book = openpyxl.load_workbook(stats_book)
    assert book.sheetnames == ["指标", "逐月", "分组"]
    figures = book["指标"]
    assert figures["A1"].value == "工作指标 2026-01-01 至 2026-03-31"
    assert [c.value for c in figures[2]] == ["指标", "分子", "分母", "比率", "口径"]
    for row, code in zip(figures.iter_rows(min_row=3), FIGURES, strict=True):
        figure = expected["figures"][code]
        assert row[0].value == figure["name"]
        assert (row[1].value, row[2].value) == (figure["numerator"], figure["denominator"])
        assert row[3].value == figure["rate"]
        assert figure["rate"] is None or row[3].number_format == "0.0%"
        assert row[4].value == figure["definition"]
    groups = book["分组"]
    assert [c.value for c in groups[1]][:6] == ["责任单位", "登记", "已办结", "现超期", "重复信访",
                                               "及时受理率"]
    got = [r for r in groups.iter_rows(min_row=3, values_only=True)]
    assert [list(r[:5]) for r in got] == [[g["key"] or "（未填）", g["registered"], g["closed"],
                                           g["overdue"], g["repeats"]]
                                          for g in expected["groups"]]
    # Every case of the period has one unit or none: the groups' figures add up to the
    # period's, numerator by numerator, denominator by denominator.
    for index, code in enumerate(FIGURES):
        col = 5 + 3 * index
        figure = expected["figures"][code]
        assert sum(r[col] for r in got) == figure["numerator"], code
        assert sum(r[col + 1] for r in got) == figure["denominator"], code
        for r in got:
            assert r[col + 2] == (round(r[col] / r[col + 1], 4) if r[col + 1] else None)
    assert any(r[5 + 1] for r in got) and any(r[5 + 3 * 4 + 1] for r in got)


def test_stats_workbook_month_by_month_matches_each_months_figures(cli, stats_book):
    sheet = openpyxl.load_workbook(stats_book)["逐月"]
    assert sheet["A1"].value == "月份" and sheet["D1"].value == "及时受理率"
    assert "D1:F1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [sheet.cell(2, c).value for c in range(4, 7)] == ["分子", "分母", "比率"]
    months = [r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0]]
    assert [m[0] for m in months] == ["2026-01", "2026-02", "2026-03"]
    for month, (first, last) in zip(months, [("2026-01-01", "2026-01-31"),
                                             ("2026-02-01", "2026-02-28"),
                                             ("2026-03-01", "2026-03-31")], strict=True):
        alone = json.loads(cli("report", "stats", "--from", first, "--to", last,
                               "--definitions", "clock", "--json").stdout)
        assert month[1:3] == (alone["months"][0]["registered"], alone["months"][0]["closed"])
        for index, code in enumerate(FIGURES):
            figure = alone["figures"][code]
            assert month[3 + 3 * index: 6 + 3 * index] == (
                figure["numerator"], figure["denominator"], figure["rate"]), (month[0], code)


def test_stats_workbook_has_a_native_line_chart_of_the_monthly_rates(stats_book):
    with zipfile.ZipFile(stats_book) as archive:
        charts = [n for n in archive.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)]
        assert charts == ["xl/charts/chart1.xml"]
        xml = archive.read(charts[0]).decode()
        drawing = archive.read("xl/worksheets/_rels/sheet2.xml.rels").decode()
    assert "<c:lineChart>" in xml
    refs = re.findall(r"<c:val><c:numRef><c:f>([^<]+)</c:f>", xml)
    # One series per figure, each the rate column of the month sheet.
    assert refs == [f"逐月!${col}$3:${col}$5" for col in ("F", "I", "L", "O", "R", "U")]
    assert re.findall(r"<c:cat><c:strRef><c:f>([^<]+)</c:f>", xml)[0] == "逐月!$A$3:$A$5"
    assert "drawing" in drawing  # the chart sits on the month sheet


# report overdue --format xlsx ------------------------------------------------------------


def test_overdue_workbook_is_one_sheet_grouped_by_unit(cli, varied, tmp_path):  # noqa: F811
    writer.add_unit(varied, "=恶意单位", "县区")
    case = acts.register(varied, Intake(channel="visit", content="积水", received_on=D(2026, 2, 1),
                                        people=[make_person("甲")]), officer="测试员").number
    acts.forward(varied, case, "=恶意单位", officer="测试员", on=D(2026, 2, 2))
    report = json.loads(cli("report", "overdue", "--format", "json").stdout)
    out = tmp_path / "超期.xlsx"
    result = cli("report", "overdue", "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["超期报告"]
    sheet = book["超期报告"]
    assert sheet["A1"].value.startswith("超期报告 2026-11-23：超期 ")
    header = [c.value for c in sheet[2]]
    assert header == ["分类", "责任单位", "案件编号", "期限", "截止", "超期天数", "剩余天数",
                      "当前承办", "承办起", "状态", "需上报"]
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref.startswith("A2:K")
    items, headings, unit = [], [], None
    for row in sheet.iter_rows(min_row=3):
        if row[2].value is None:
            continue
        if row[2].font.b:  # a unit's line
            headings.append(row[1].value)
            unit = row[1].value
            continue
        assert row[1].value == unit  # under its unit's line
        assert sheet.row_dimensions[row[0].row].outlineLevel == 1
        assert isinstance(row[4].value, dt.datetime) and isinstance(row[5].value, int)
        items.append((row[0].value, row[2].value, row[4].value.date().isoformat(),
                      row[5].value))
    late = [i for i in report if i["section"] == "overdue"]
    assert items == [("超期", i["id"], i["due_on"], i["days_overdue"]) for i in late]
    units = [i["unit"] or "本办（未转送）" for i in late]
    assert headings == list(dict.fromkeys(units))  # each unit once, in the report's order
    evil = [r for r in sheet.iter_rows(min_row=3) if r[1].value == "=恶意单位"]
    assert evil and all(r[1].data_type == "s" and r[1].quotePrefix for r in evil)


def test_a_workbook_is_not_shown_at_a_terminal(varied):  # noqa: F811
    import os
    import pty
    import subprocess
    import sys

    main, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "xinfang", "report", "overdue", "--format",
                               "xlsx"], stdout=terminal, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(terminal)
        os.close(main)
    assert done.returncode == 2 and "-o 文件.xlsx" in done.stderr.decode()


def test_overdue_workbook_to_a_pipe(cli, varied):  # noqa: F811
    result = cli("report", "overdue", "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK\x03\x04")



# report stats --format xlsx, by case (the default) ------------------------------------------


@pytest.fixture
def case_book(cli, varied, tmp_path):  # noqa: F811
    out = tmp_path / "按件指标.xlsx"
    result = cli("report", "stats", "--from", "2026-01-01", "--to", "2026-03-31", "--by", "unit",
                 "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


def test_the_stats_workbook_holds_the_figures_by_case_each_side_apart(cli, case_book):
    expected = json.loads(cli("report", "stats", "--from", "2026-01-01", "--to", "2026-03-31",
                              "--by", "unit", "--json").stdout)
    book = openpyxl.load_workbook(case_book)
    assert book.sheetnames == ["指标", "逐月", "责任单位排名", "分组"]
    sheet = book["指标"]
    assert sheet["A1"].value == "工作指标 2026-01-01 至 2026-03-31"
    assert [c.value for c in sheet[2]] == ["指标", "方面", "分子", "分母", "比率", "口径",
                                           "各类件数"]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=3)}
    assert list(rows) == [f["name"] for f in expected["figures"].values()]
    for code, figure in expected["figures"].items():
        row = rows[figure["name"]]
        assert (row[2].value, row[3].value, row[4].value) == (
            figure["numerator"], figure["denominator"], figure["rate"]), code
        assert row[5].value == figure["definition"]
    # Each side apart, named, and the two together.
    sides = {code: rows[expected["figures"][code]["name"]][1].value for code in FIGURES_BY_CASE}
    assert sides["timely_acceptance.office"] == sides["participation.office"] == "信访部门"
    assert sides["on_time_closing.unit"] == sides["satisfaction.unit"] == "责任单位"
    assert sides["participation"] == sides["satisfaction"] == "两方合计"
    assert sides["repeat_rate"] is None
    # By hand: c6 (accepted by the office itself 01-11, closed 01-20) and c1 (人社局,
    # accepted 01-08, due 03-09, closed 02-01) on time; no reply of the period evaluated
    # (c3 on the spot 01-07, c6, c1: their 30 days all ended by 03-03).
    closing_unit = rows["按期办结率（责任单位）"]
    assert (closing_unit[2].value, closing_unit[3].value, closing_unit[6].value) == (1, 1, "按期 1")
    assert (rows["按期办结率（信访部门自办）"][2].value, rows["按期办结率（信访部门自办）"][3].value) \
        == (1, 1)
    for name, denominator in (("参评率", 3), ("参评率（信访部门自办）", 2), ("参评率（责任单位）", 1)):
        assert (rows[name][2].value, rows[name][3].value) == (0, denominator), name
    assert rows["参评率"][6].value == "超期未办 3"
    units = book["责任单位排名"]
    assert [c.value for c in units[1]][:3] == ["名次", "责任单位", "及时受理率（责任单位·受理告知）"]
    ranked = [r for r in units.iter_rows(min_row=3, values_only=True)]
    assert [(r[0], r[1]) for r in ranked] == [(u["rank"], u["unit"]) for u in expected["units"]]
    for r, unit in zip(ranked, expected["units"], strict=True):
        for index, code in enumerate(figures_module.UNIT_FIGURES):
            figure = unit["figures"][code]
            assert r[2 + 3 * index: 5 + 3 * index] == (
                figure["numerator"], figure["denominator"], figure["rate"]), (unit["unit"], code)


def test_the_case_workbook_months_are_each_months_figures_and_groups_add_up(cli, case_book):
    book = openpyxl.load_workbook(case_book)
    months = [r for r in book["逐月"].iter_rows(min_row=3, values_only=True) if r[0]]
    assert [m[0] for m in months] == ["2026-01", "2026-02", "2026-03"]
    for month, (first, last) in zip(months, [("2026-01-01", "2026-01-31"),
                                             ("2026-02-01", "2026-02-28"),
                                             ("2026-03-01", "2026-03-31")], strict=True):
        alone = json.loads(cli("report", "stats", "--from", first, "--to", last,
                               "--json").stdout)
        for index, code in enumerate(FIGURES_BY_CASE):
            figure = alone["figures"][code]
            assert month[3 + 3 * index: 6 + 3 * index] == (
                figure["numerator"], figure["denominator"], figure["rate"]), (month[0], code)
    period = json.loads(cli("report", "stats", "--from", "2026-01-01", "--to", "2026-03-31",
                            "--json").stdout)["figures"]
    groups = [r for r in book["分组"].iter_rows(min_row=3, values_only=True)]
    # 住建局 sent c7 back (异议): it is no longer its unit.
    assert {g[0] for g in groups} == {"（未填）", "人社局", "司法局"}
    # Every case has one unit or none: the groups' figures add up to the period's.
    for index, code in enumerate(FIGURES_BY_CASE):
        col = 5 + 3 * index
        assert sum(g[col] for g in groups) == period[code]["numerator"], code
        assert sum(g[col + 1] for g in groups) == period[code]["denominator"], code
    with zipfile.ZipFile(case_book) as archive:
        xml = archive.read("xl/charts/chart1.xml").decode()
    refs = re.findall(r"<c:val><c:numRef><c:f>([^<]+)</c:f>", xml)
    assert len(refs) == len(CHART_FIGURES)
    rate_columns = {openpyxl.utils.get_column_letter(3 + 3 * FIGURES_BY_CASE.index(code) + 3)
                    for code in CHART_FIGURES}
    assert {ref.split("!")[1].split("$")[1] for ref in refs} == rate_columns


def test_the_workbook_by_clock_is_the_same_switch_as_the_text(cli, varied, tmp_path):  # noqa: F811
    out = tmp_path / "旧口径.xlsx"
    assert cli("report", "stats", "--definitions", "clock", "--format", "xlsx", "-o",
               out).exit_code == 0
    sheet = openpyxl.load_workbook(out)["指标"]
    assert [r[0].value for r in sheet.iter_rows(min_row=3)] == [
        "及时受理率", "按期办结率", "参评率", "满意率", "重复信访率", "一次性化解率"]
    english = tmp_path / "en.xlsx"
    assert cli("report", "stats", "--format", "xlsx", "-o", english, "--lang",
               "en").exit_code == 0
    book = openpyxl.load_workbook(english)
    assert book["Figures"]["B2"].value == "Side"
    assert book["Figures"]["A3"].value == "timely acceptance (petition office: forwarding)"
