"""Reading paper registers (DOMAIN.md §7): decoding, header mapping, normalising and
checking rows. Pure functions: no ledger."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xinfang.registers.reading import (
    BadEncoding,
    BadMap,
    BadMapField,
    DuplicateColumns,
    EmptyRegister,
    MissingColumns,
    UnknownMapColumn,
    candidates,
    decode,
    map_columns,
    parse_overrides,
    read_table,
)
from xinfang.registers.rows import Row, classify_result, normalise, register_date

TODAY = dt.date(2026, 11, 23)
HEADER = ["序号", "登记日期", "姓名", "身份证号", "联系电话", "住址", "信访形式", "人数",
          "问题属地", "问题类别", "诉求摘要", "转送单位", "办理结果", "办结日期"]
GOOD = ["1", "2026-01-04", "郝丹文", "371526196601318579", "14323221834", "光明村9号",
        "来访", "1", "鱼邱湖街道", "城乡建设", "小区绿化率不达标", "住建局", "已答复", "2026-01-27"]


def row_of(**changes: str) -> list[str]:
    cells = dict(zip(HEADER, GOOD, strict=True))
    cells.update(changes)
    return [cells[h] for h in HEADER]


def check(cells: list[str]):
    return normalise(cells, map_columns(HEADER), 2, today=TODAY)


def codes(result) -> list[str]:
    assert isinstance(result, list), result
    return [reason.code for reason in result]


# Dates: every form of DOMAIN.md §7 ----------------------------------------------------------


@pytest.mark.parametrize("text", [
    "2026-01-04", "2026/1/4", "2026/01/04", "2026.01.04", "2026.1.4", "20260104",
    "2026年1月4日", "2026年01月04日", "２０２６－０１－０４", "２０２６年１月４日",
    " 2026-1-4 ", "2026 - 01 - 04", "\u30002026/1/4\u3000", "2026/1/4 0:00", "2026-01-04 00:00:00",
])
def test_every_register_date_form(text):
    assert register_date(text) == dt.date(2026, 1, 4)


@pytest.mark.parametrize("text", ["2025年13月40日", "2026-02-30", "45678", "今天", "昨天",
                                  "2026-1", "一月四日", "2026/1/4/5"])
def test_dates_that_cannot_be_read_are_refused(text):
    result = check(row_of(登记日期=text))
    assert "bad_date" in codes(result)
    assert text.strip() in result[0].text("zh")


def test_dates_in_the_future_or_before_1950_are_refused():
    assert codes(check(row_of(登记日期="2026-11-24", 办理结果="", 办结日期=""))) == ["future_date"]
    assert codes(check(row_of(登记日期="1949-09-30", 办理结果="", 办结日期=""))) == ["bad_date"]


# Encodings ---------------------------------------------------------------------------------


TEXT = "序号,登记日期,姓名\r\n1,2026-01-04,郝丹文\r\n"


@pytest.mark.parametrize("raw, expected", [
    (TEXT.encode("utf-8"), "utf-8"),
    (TEXT.encode("utf-8-sig"), "utf-8-sig"),
    (TEXT.encode("gbk"), "gb18030"),
    ("序号,姓名\r\n1,𠮷野\r\n".encode("gb18030"), "gb18030"),  # beyond GBK: four bytes
    (TEXT.encode("utf-16"), "utf-16"),
])
def test_encoding_is_detected(raw, expected):
    decoded = decode(raw)
    assert decoded.encoding == expected
    assert decoded.replaced == 0
    assert "郝丹文" in decoded.text or "𠮷野" in decoded.text
    assert not decoded.text.startswith(codecs.BOM_UTF8.decode("utf-8"))


def test_encoding_can_be_given_and_wrong_bytes_are_counted_not_fatal():
    raw = TEXT.encode("gbk")
    assert decode(raw, "gbk").text == TEXT
    assert decode(raw, "GB18030").text == TEXT
    wrong = decode(raw, "utf-8")
    assert wrong.replaced > 0
    with pytest.raises(BadEncoding):
        decode(raw, "latin-1")


def test_a_mostly_gbk_file_with_one_broken_byte_is_read_as_gbk():
    raw = TEXT.encode("gbk") + b"2,2026-01-05,\xff\xfe\r\n"
    decoded = decode(raw)
    assert decoded.encoding == "gb18030"
    assert "郝丹文" in decoded.text and decoded.replaced >= 1


# Headers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("header, field", [
    ("序号", "seq"), ("编号", "seq"), ("登记日期", "received"), ("来访日期", "received"),
    ("来信日期", "received"), ("姓名", "name"), ("信访人", "name"), ("身份证号", "id_number"),
    ("身份证号码", "id_number"), ("联系电话", "phone"), ("电话", "phone"), ("住址", "address"),
    ("家庭住址", "address"), ("信访形式", "channel"), ("方式", "channel"), ("人数", "headcount"),
    ("来访人数", "headcount"), ("问题属地", "locality"), ("属地", "locality"),
    ("问题类别", "category"), ("类别", "category"), ("诉求摘要", "content"),
    ("反映问题", "content"), ("主要诉求", "content"), ("转送单位", "unit"), ("交办单位", "unit"),
    ("办理结果", "result"), ("处理情况", "result"), ("办结日期", "closed"), ("结案日期", "closed"),
    ("性别", "gender"), ("受理日期", "accepted"), ("转送日期", "forwarded"), ("经办人", "officer"),
    ("备注", "remarks"),
    # English, and the ways people decorate headers.
    ("Received", "received"), ("ID Number", "id_number"), ("closed_on", "closed"),
    (" 姓 名 ", "name"), ("登记日期（必填）", "received"), ("*姓名", "name"), ("姓名：", "name"),
])
def test_header_spellings(header, field):
    required = {"received": "登记日期", "name": "姓名", "content": "诉求摘要"}
    columns = map_columns([h for f, h in required.items() if f != field] + [header])
    assert field in columns.fields
    assert columns.unmapped == []


def test_an_unknown_header_is_named_with_the_fields_it_could_be():
    columns = map_columns(["登记日期", "姓名", "诉求摘要", "来访者手机"])
    [item] = columns.unmapped
    assert item.column == "来访者手机" and item.position == 4
    assert item.candidates[0] == "phone"
    assert "received" not in candidates("来访者手机", exclude={"received"})


def test_missing_required_columns_name_them_and_the_unknown_ones():
    with pytest.raises(MissingColumns) as info:
        map_columns(["序号", "来访时间段", "姓名", "诉求摘要"])
    zh = info.value.message("zh")
    assert "登记日期（received）" in zh and "来访时间段" in zh and "--map" in zh
    assert "received" in info.value.message("en")


def test_map_fixes_an_unknown_header_or_leaves_a_column_out():
    overrides = parse_overrides(["来访时间段=received", "备注2=-"])
    columns = map_columns(["序号", "来访时间段", "姓名", "诉求摘要", "备注2"], overrides)
    assert columns.fields["received"] == 1
    assert columns.ignored == ["备注2"] and columns.unmapped == []
    # The target may also be written as the field's Chinese label.
    assert parse_overrides(["日期＝登记日期"]) == {"日期": "received"}


@pytest.mark.parametrize("items, error", [
    (["来访时间"], BadMap), (["=received"], BadMap), (["来访时间=when"], BadMapField),
])
def test_bad_map_items_are_usage_errors(items, error):
    with pytest.raises(error) as info:
        parse_overrides(items)
    assert info.value.exit_code == 2


def test_map_of_a_column_not_in_the_header_is_refused():
    with pytest.raises(UnknownMapColumn):
        map_columns(HEADER, parse_overrides(["来访时间=received"]))


def test_two_columns_for_one_field_are_refused():
    with pytest.raises(DuplicateColumns) as info:
        map_columns(["登记日期", "来访日期", "姓名", "诉求摘要"])
    assert "来访日期" in info.value.message("zh")
    columns = map_columns(["登记日期", "来访日期", "姓名", "诉求摘要"],
                          parse_overrides(["来访日期=-"]))
    assert columns.fields["received"] == 0


def test_a_title_row_above_the_header_is_passed_over():
    text = "2025年鱼邱湖街道信访登记簿,,\r\n\r\n序号,登记日期,姓名,诉求摘要\r\n1,2026-01-04,张三,拖欠工资\r\n"
    table = read_table(text)
    assert table.header_line == 3
    assert [row.line for row in table.rows] == [4]


def test_an_empty_file_is_refused():
    with pytest.raises(EmptyRegister):
        read_table("\r\n,,,\r\n", name="empty.csv")


def test_row_lines_count_multi_line_cells():
    text = '序号,登记日期,姓名,诉求摘要\n1,2026-01-04,张三,"拖欠\n工资"\n\n2,2026-01-05,李四,x\n'
    table = read_table(text)
    assert [(row.line, row.cells[:1]) for row in table.rows] == [(2, ["1"]), (4, []), (5, ["2"])]


# Rows --------------------------------------------------------------------------------------


def test_a_good_row_is_normalised():
    row = check(row_of(姓名=" 郝丹文 ", 信访形式="电话", 问题类别="劳动社保",
                       身份证号="３７１５２６１９６６０１３１８５７９"))
    assert isinstance(row, Row)
    assert row.received == dt.date(2026, 1, 4)
    assert row.people[0].name == "郝丹文"
    assert row.people[0].id_number == "371526196601318579"
    assert row.channel == "phone" and row.category == "劳动和社会保障"
    assert (row.end, row.end_on, row.end_details["result"]) == ("closed", dt.date(2026, 1, 27),
                                                                 "resolved")


def test_every_reason_is_given_at_once():
    result = check(row_of(登记日期="", 姓名="", 身份证号="3.60803E+17", 信访形式="飞鸽传书",
                          人数="很多", 诉求摘要=""))
    assert set(codes(result)) == {"missing_received", "missing_name", "id_mangled_by_excel",
                                  "bad_channel", "bad_headcount", "missing_content"}
    assert all(reason.text("zh") and reason.text("en") for reason in result)


def test_id_numbers_mangled_by_excel_or_with_bad_checksums_are_refused():
    mangled = check(row_of(身份证号="3.60803E+17"))
    assert codes(mangled) == ["id_mangled_by_excel"]
    assert "科学计数法" in mangled[0].text("zh")
    bad = check(row_of(身份证号="371526196601318570"))
    assert codes(bad) == ["bad_id_checksum"]
    assert "校验位" in bad[0].text("zh")
    assert codes(check(row_of(身份证号="3715261966"))) == ["bad_id"]
    assert codes(check(row_of(联系电话="12345"))) == ["bad_phone"]


def test_no_id_number_is_fine_and_anonymous_is_written_as_such():
    assert check(row_of(身份证号="")).people[0].id_number is None
    row = check(row_of(姓名="匿名", 身份证号="", 联系电话=""))
    assert row.anonymous and row.people == []


@pytest.mark.parametrize("text, end, key, code", [
    ("已办结", "closed", "result", "resolved"),
    ("已答复", "closed", "result", "resolved"),
    ("已化解", "closed", "result", "mediated"),
    ("部分支持", "closed", "result", "partly"),
    ("不予支持", "closed", "result", "unsupported"),
    ("信访人撤回", "closed", "result", "withdrawn"),
    ("已协调解决，信访人满意", "closed", "result", "resolved"),
    ("不予受理", "rejected", "reason", "other"),
    ("不予受理（已在办理中）", "rejected", "reason", "handling"),
    ("不予受理（已复核终结）", "rejected", "reason", "final"),
    ("告知通过诉讼途径解决", "redirected", "route", "litigation"),
    ("告知通过仲裁途径解决", "redirected", "route", "arbitration"),
    ("告知通过行政复议途径解决", "redirected", "route", "admin-review"),
    ("告知通过其他法定途径解决", "redirected", "route", "other"),
])
def test_results_become_the_matching_end(text, end, key, code):
    kind, details = classify_result(text)
    assert (kind, details[key]) == (end, code)


@pytest.mark.parametrize("text", ["未解决", "不清楚", "？"])
def test_results_that_say_nothing_clear_are_refused(text):
    assert classify_result(text) is None
    assert codes(check(row_of(办理结果=text))) == ["bad_result"]


def test_still_being_handled_is_not_an_end():
    row = check(row_of(办理结果="正在办理", 办结日期=""))
    assert row.end is None and row.notes == ["办理结果：正在办理"]


def test_a_result_needs_its_closing_date_and_the_dates_must_be_in_order():
    assert codes(check(row_of(办结日期=""))) == ["result_without_date"]
    result = check(row_of(登记日期="2026-01-27", 办结日期="2026-01-04"))
    assert codes(result) == ["closed_before_received"]
    assert "2026-01-04" in result[0].text("zh") and "2026-01-27" in result[0].text("zh")
    # A closing date without a result closes the case with no result recorded.
    row = check(row_of(办理结果=""))
    assert (row.end, row.end_details["result"]) == ("closed", None)


def test_the_fingerprint_ignores_formatting_but_not_content():
    a = check(row_of())
    b = check(row_of(登记日期="2026年1月4日", 姓名="郝丹文 ", 问题类别="城乡建设 "))
    assert a.fingerprint() == b.fingerprint()
    assert a.fingerprint() != check(row_of(诉求摘要="另一件事")).fingerprint()
    # Two rows alike in all but their number are two petitions.
    assert a.fingerprint() != check(row_of(序号="2")).fingerprint()


def test_a_cell_neutralised_for_excel_reads_back_as_written():
    row = check(row_of(诉求摘要="'=SUM(A1)", 身份证号="\t371526196601318579"))
    assert row.content == "=SUM(A1)"
    assert row.people[0].id_number == "371526196601318579"


# Invariant: any text is read or refused with reasons, never a crash ---------------------


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=0, max_size=16))
def test_any_cells_give_a_row_or_reasons(cells):
    result = normalise(cells, map_columns(HEADER), 2, today=TODAY)
    if isinstance(result, list):
        assert result and all(reason.code and reason.text("zh") and reason.text("en") for reason in result)
    else:
        assert result.received <= TODAY and result.content and result.headcount >= 1


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_a_table_or_a_register_error(text):
    from xinfang.errors import XinfangError

    try:
        table = read_table(text)
    except XinfangError as err:
        assert err.message("zh") and err.message("en")
    else:
        assert all(row.line > table.header_line for row in table.rows)
