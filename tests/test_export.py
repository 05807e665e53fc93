"""`xinfang export`: cases (or events) out as CSV Excel opens safely, or JSON; personal
data masked unless revealed (and the reveal recorded); confidential cases left out; and
the round trip: export with --with-pii, import into a fresh ledger, the same cases."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from xinfang import acts
from xinfang.cases.intake import Intake, make_person
from xinfang.files import excel_cell, neutralise
from xinfang.registers.importer import import_register
from xinfang.store import settings, writer
from xinfang.store.ledger import Ledger

TODAY = dt.date(2026, 11, 23)  # as in conftest
SAMPLES = Path(__file__).parents[2] / "shared" / "samples"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not present")
ID_A = "371526196601318579"
ID_B = "360803194801175605"
ID_C = "11010519491231002X"
D = dt.date


def read_csv(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def fresh(path: Path) -> Ledger:
    ledger = Ledger.open(path, create=True, today=TODAY)
    settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
    return ledger


def snapshot(ledger: Ledger) -> dict[str, dict]:
    """What makes two ledgers hold "the same cases", by case number."""
    out = {}
    for row in ledger.db.execute(
        "SELECT c.id, c.number, c.received_on, c.channel, c.headcount, c.locality, c.category, "
        "c.content, c.request, c.anonymous, c.status, u.name, c.accepted_on, c.closed_on, "
        "c.result, r.number, c.flags FROM cases c LEFT JOIN units u ON u.id = c.unit_id "
        "LEFT JOIN cases r ON r.id = c.repeat_of ORDER BY c.number"
    ).fetchall():
        case_id, number, *fields, flags = row
        fields[9] = None if fields[8] == "registered" else fields[9]  # unit after an objection
        people = ledger.db.execute(
            "SELECT p.name, p.id_number, p.phone, p.address, cp.lead FROM case_people cp "
            "JOIN people p ON p.id = cp.person_id WHERE cp.case_id = ? ORDER BY cp.position",
            [case_id],
        ).fetchall()
        ends = [(e["kind"], e["on"]) for e in ledger.events(case_id)
                if e["kind"] in ("closed", "rejected", "redirected")]
        out[number] = {"fields": fields, "flags": sorted(json.loads(flags)),
                       "people": people, "ends": ends}
    return out


# Neutralising cells for Excel -----------------------------------------------------------


@pytest.mark.parametrize("cell, expected", [
    ("=1+1", "'=1+1"), ("+8613800138000", "'+8613800138000"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=cmd", "'\t=cmd"), ("\r=cmd", "'\r=cmd"),
    ("拖欠工资", "拖欠工资"), ("", ""), ("2026-01-04", "2026-01-04"), ("a=b", "a=b"),
])
def test_formula_cells_are_neutralised(cell, expected):
    assert neutralise(cell) == expected
    assert excel_cell(cell, guard_numbers=False) == expected


def test_excel_cells_keep_long_numbers_as_text():
    assert excel_cell(ID_A) == "\t" + ID_A
    assert excel_cell(ID_C) == "\t" + ID_C
    assert excel_cell("06351234567") == "\t06351234567"
    assert excel_cell("12") == "12"
    assert excel_cell(ID_A, guard_numbers=False) == ID_A


# A small ledger with a variety of histories --------------------------------------------


@pytest.fixture
def varied(ledger):
    """Cases at every step an import can express, acted in date order."""
    for unit in ("人社局", "司法局", "住建局"):
        writer.add_unit(ledger, unit, "县区")
    officer = "测试员"

    def reg(on, content, people, **kw):
        intake = Intake(channel=kw.pop("channel", "visit"), content=content,
                        received_on=on, people=people, **kw)
        return acts.register(ledger, intake, officer=officer).number

    zhang = make_person("张三", ID_A, "13812345678", "光明村9号", today=TODAY)
    c1 = reg(D(2026, 1, 5), "工地拖欠工资", [zhang], category="劳动和社会保障")
    acts.forward(ledger, c1, "人社局", officer=officer, on=D(2026, 1, 6))
    reg(D(2026, 1, 6), "匿名反映村干部问题", [], anonymous=True, channel="letter")
    c3 = reg(D(2026, 1, 7), "道路积水", [make_person("李四", None, "13900139000"),
                                        make_person("王五", ID_B, None, "新华村1号",
                                                    today=TODAY)], headcount=6)
    acts.close(ledger, c3, "resolved", "当场答复", officer=officer, on=D(2026, 1, 7))
    acts.accept(ledger, c1, officer=officer, on=D(2026, 1, 8))
    c4 = reg(D(2026, 1, 8), "重复反映低保", [make_person("赵六", None, "13700137000")])
    c5 = reg(D(2026, 1, 9), "劳动合同纠纷", [make_person("钱七", ID_C, None, today=TODAY)])
    acts.forward(ledger, c5, "司法局", officer=officer, on=D(2026, 1, 9))
    acts.reject(ledger, c4, "handling", officer=officer, on=D(2026, 1, 10))
    c6 = reg(D(2026, 1, 10), "邻里纠纷", [make_person("孙八")], locality="光明村")
    acts.accept(ledger, c6, officer=officer, on=D(2026, 1, 11))
    c7 = reg(D(2026, 1, 11), "房屋漏水", [make_person("周九")])
    acts.forward(ledger, c7, "住建局", officer=officer, on=D(2026, 1, 11))
    reg(D(2026, 1, 12), '=HYPERLINK("http://evil","点我")', [make_person("@吴十")],
        request="+借款", locality="-1村")
    acts.redirect(ledger, c5, "arbitration", officer=officer, on=D(2026, 1, 12))
    acts.object_(ledger, c7, "不属于本单位", officer=officer, on=D(2026, 1, 13))
    reg(D(2026, 1, 15), "工地拖欠工资（再次反映）", [zhang], category="劳动和社会保障")
    acts.close(ledger, c6, "mediated", "调解成功", officer=officer, on=D(2026, 1, 20))
    acts.close(ledger, c1, "partly", "补发部分工资", officer=officer, on=D(2026, 2, 1))
    return ledger


def test_export_masks_personal_data_unless_asked(cli, varied, tmp_path):
    result = cli("export")
    assert result.exit_code == 0, result.stderr
    text = result.stdout_bytes.decode("utf-8-sig")
    assert ID_A not in text and "371526********8579" in text and "138****5678" in text
    assert not [e for e in varied.events(varied.find_case("2026-1")) if e["kind"] == "revealed"]
    result = cli("export", "--with-pii", "--officer", "王主任")
    assert ID_A in result.stdout_bytes.decode("utf-8-sig")
    revealed = [e for e in varied.events(varied.find_case("2026-1")) if e["kind"] == "revealed"]
    assert len(revealed) == 1 and revealed[0]["officer"] == "王主任"
    assert revealed[0]["details"]["command"] == "export"
    total = varied.db.execute("SELECT count(*) FROM events WHERE kind = 'revealed'").fetchone()[0]
    assert total == 9  # one for each case exported


def test_export_rows_are_in_register_form_and_safe_for_excel(cli, varied):
    rows = read_csv(cli("export", "--with-pii").stdout_bytes)
    header, body = rows[0], rows[1:]
    assert header[:6] == ["案件编号", "登记日期", "姓名", "身份证号", "联系电话", "住址"]
    assert len(body) == 9 and body[0][0] == "XF-YQH-2026-00001"
    record = dict(zip(header, body[7], strict=True))
    assert record["诉求摘要"] == "'=HYPERLINK(\"http://evil\",\"点我\")"
    assert record["姓名"] == "'@吴十" and record["具体诉求"] == "'+借款"
    assert record["问题属地"] == "'-1村"
    by_case = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    assert by_case["XF-YQH-2026-00001"]["办理结果"] == "部分支持"
    assert by_case["XF-YQH-2026-00004"]["办理结果"] == "不予受理（已在办理中）"
    assert by_case["XF-YQH-2026-00005"]["办理结果"] == "告知通过仲裁途径解决"
    assert by_case["XF-YQH-2026-00002"]["姓名"] == "匿名"
    assert by_case["XF-YQH-2026-00003"]["其他信访人"] == f"王五,{ID_B},,新华村1号"
    assert by_case["XF-YQH-2026-00009"]["重复信访初件"] == "XF-YQH-2026-00001"
    excel = read_csv(cli("export", "--format", "excel", "--with-pii").stdout_bytes)
    assert excel[1][3] == "\t" + ID_A


def test_round_trip_of_every_step_an_import_can_express(cli, varied, tmp_path):
    out = tmp_path / "out.csv"
    assert cli("export", "--with-pii", "-o", out).exit_code == 0
    other = fresh(tmp_path / "other.db")
    summary = import_register(other, out.read_bytes(), name="out.csv", officer="测试员")
    assert (len(summary.added), len(summary.rejected)) == (9, 0)
    assert snapshot(other) == snapshot(varied)
    content = other.db.execute("SELECT content FROM cases WHERE number LIKE '%00008'").fetchone()
    assert content[0] == '=HYPERLINK("http://evil","点我")'


@needs_samples
@pytest.mark.parametrize("name, lang", [("register-gbk.csv", "zh"),
                                        ("register-utf8bom.csv", "en")])
def test_round_trip_of_the_sample_registers(cli, ledger, tmp_path, name, lang):
    import_register(ledger, (SAMPLES / name).read_bytes(), name=name, officer="测试员")
    out = tmp_path / "export.csv"
    result = cli("export", "--with-pii", "--format", "excel", "-o", out, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    other = fresh(tmp_path / "other.db")
    summary = import_register(other, out.read_bytes(), name="export.csv", officer="测试员")
    assert not summary.rejected and not summary.columns.unmapped
    assert snapshot(other) == snapshot(ledger)


def test_confidential_cases_are_left_out_unless_named(cli, ledger):
    for content, secret in (("普通事项", False), ("检举村主任", True)):
        acts.register(ledger, Intake(channel="letter", content=content, received_on=D(2026, 3, 1),
                               people=[make_person("张三")], confidential=secret), officer="测试员")
    result = cli("export")
    rows = read_csv(result.stdout_bytes)
    assert [r[11] for r in rows[1:]] == ["普通事项"]
    assert "另有 1 件保密案件未导出" in result.stderr
    rows = read_csv(cli("export", "--case", "2026-2").stdout_bytes)
    assert [r[11] for r in rows[1:]] == ["检举村主任"]
    result = cli("export", "--case", "2026-2", "--status", "registered")
    assert result.exit_code == 2 and result.stderr.startswith("错误：--case 不能与筛选条件同时使用")


def test_export_filters_as_in_list(cli, varied):
    rows = read_csv(cli("export", "--status", "已办结").stdout_bytes)
    assert sorted(r[0][-2:] for r in rows[1:]) == ["01", "03", "06"]
    rows = read_csv(cli("export", "--since", "2026-01-12", "--until", "2026-01-12").stdout_bytes)
    assert [r[0][-2:] for r in rows[1:]] == ["08"]
    rows = read_csv(cli("export", "--unit", "司法局").stdout_bytes)
    assert [r[0][-2:] for r in rows[1:]] == ["05"]


def test_events_export_one_row_per_event_with_its_source(cli, ledger, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("序号,登记日期,姓名,诉求摘要,转送单位,办理结果,办结日期\r\n"
                    "7,2026-01-04,张三,拖欠工资,人社局,已办结,2026-02-01\r\n", "utf-8")
    assert cli("import", path).exit_code == 0
    rows = read_csv(cli("export", "--events").stdout_bytes)
    assert rows[0] == ["案件编号", "日期", "事项", "说明", "经办人", "记录时间", "来源"]
    assert [(r[1], r[2]) for r in rows[1:]] == [
        ("2026-01-04", "登记"), ("2026-01-04", "转送"), ("2026-01-04", "受理"),
        ("2026-02-01", "办结")]
    assert {r[6] for r in rows[1:]} == {"r.csv 第 2 行"}
    events = json.loads(cli("export", "--events", "--json").stdout)
    assert events[0]["details"]["source"] == {"file": "r.csv", "line": 2, "seq": "7"}


def test_json_and_gbk_and_errors(cli, varied, tmp_path):
    records = json.loads(cli("export", "--format", "json").stdout)
    assert len(records) == 9 and records[0]["people"][0]["id_number"] == "371526********8579"
    assert records[4]["end"] == "redirected" and records[4]["ended_on"] == "2026-01-12"
    data = cli("export", "--encoding", "gbk").stdout_bytes
    assert not data.startswith(b"\xef\xbb\xbf")
    assert "工地拖欠工资" in data.decode("gbk")
    acts.register(varied, Intake(channel="visit", content="名字里有生僻字", received_on=D(2026, 3, 1),
                           people=[make_person("𠮷野")]), officer="测试员")
    result = cli("export", "--encoding", "gbk", "-o", tmp_path / "x.csv")
    assert result.exit_code == 1 and "无法用 GBK 保存" in result.stderr
    assert "--encoding utf-8-sig" in result.stderr
    assert cli("export", "--format", "xls").exit_code == 2
    assert cli("export", "--json", "--encoding", "gbk").exit_code == 2
    result = cli("export", "--format", "json", "-o", tmp_path / "x.json", "--lang", "en")
    assert result.exit_code == 0 and "Exported 10 cases" in result.stderr


def test_export_refuses_a_missing_ledger(cli):
    result = cli("export")
    assert result.exit_code == 1 and result.stderr.startswith("错误：台账文件不存在")
