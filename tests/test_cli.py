"""The command line through CliRunner: exit codes, stdout and stderr."""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
from pathlib import Path

import pytest
from rich.cells import cell_len

import xinfang.cli
import xinfang.commands.cases
from xinfang import acts
from xinfang.deadlines.calendar import WorkCalendar
from xinfang.store.ledger import Ledger

ID_A = "11010519491231002X"
ID_A_MASKED = "110105********002X"
PHONE = "13812345678"
PHONE_MASKED = "138****5678"
TODAY = dt.date(2026, 11, 23)





@pytest.fixture
def office(run, db_path):
    result = run("office", "set", "YQH", "鱼邱湖街道信访办")
    assert result.exit_code == 0, result.stderr
    return db_path


def register(run, *extra, on="2026-11-20", name="张三", content="工地拖欠工资"):
    args = ["register", "--channel", "来访", "--content", content, "--on", on]
    if name is not None:
        args += ["--name", name]
    result = run(*args, *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout.split("：", 1)[1].split()[0] if "：" in result.stdout else None


def show_json(run, case, *extra):
    result = run("show", case, "--json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def list_json(run, *extra):
    result = run("list", "--json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def is_error(result, code=1, lang="zh"):
    prefix = "错误：" if lang == "zh" else "Error: "
    return result.exit_code == code and result.stderr.startswith(prefix) and "Traceback" not in (
        result.stderr + result.stdout)


# Where the ledger is, and who may create it ----------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["show", "2026-1"],
        ["show", "2026-1", "--json"],
        ["list"],
        ["list", "--json"],
        ["deadline", "2026-1"],
        ["note", "2026-1", "电话联系"],
        ["office", "show"],
        ["office"],
    ],
)
def test_read_commands_refuse_a_missing_ledger_and_create_nothing(run, db_path, args):
    result = run(*args)
    assert is_error(result, 1)
    assert str(db_path) in result.stderr
    assert "xinfang register" in result.stderr  # says how to start
    assert result.stdout == ""
    assert not db_path.exists()
    assert not db_path.with_name(db_path.name + "-wal").exists()


@pytest.mark.parametrize(
    "args",
    [["info"], ["info", "--json"], ["calendar"], ["calendar", "--year", "2027"], ["policy", "show"],
     ["policy"], ["policy", "show", "--json"]],
)
def test_commands_that_only_describe_work_without_a_ledger_and_create_nothing(run, db_path, args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert not db_path.exists()


def test_info_says_the_ledger_is_not_created_yet_and_how_to_start(run, db_path):
    result = run("info")
    assert result.exit_code == 0
    assert str(db_path) in result.stdout
    assert "XINFANG_DB" in result.stdout
    assert "尚未建立" in result.stdout and "xinfang register" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["office", "set", "YQH", "鱼邱湖街道信访办"],
        ["calendar", "--add-rest", "2026-12-24", "--reason", "停电"],
        ["policy", "set", "forward", "5", "--unit", "工作日"],
        ["policy", "preset", "zhejiang"],
    ],
)
def test_writing_commands_create_the_ledger_for_its_owner_only(run, db_path, args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_register_creates_the_ledger_in_a_new_directory(run, tmp_path):
    path = tmp_path / "new" / "place" / "ledger.db"
    assert run("office", "set", "YQH", "x", "--db", path).exit_code == 0
    result = run("register", "--db", path, "--name", "张三", "--channel", "来访",
                 "--content", "拖欠工资")
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_info_reports_the_db_option(run, tmp_path, office):
    other = tmp_path / "other.db"
    data = json.loads(run("info", "--json", "--db", other).stdout)
    assert (data["path"], data["source"], data["exists"]) == (str(other), "option", False)
    text = run("info", "--db", other).stdout
    assert "由 --db 指定" in text
    assert not other.exists()


def test_info_reports_the_environment_variable(run, office, db_path):
    register(run)
    data = json.loads(run("info", "--json").stdout)
    assert data["path"] == str(db_path)
    assert data["source"] == "env"
    assert data["exists"] is True
    assert data["cases"] == 1
    assert data["office"] == {"code": "YQH", "name": "鱼邱湖街道信访办"}
    assert "m001_initial" in data["migrations"]
    text = run("info").stdout
    assert "由环境变量 XINFANG_DB 指定" in text
    assert "YQH 鱼邱湖街道信访办" in text
    assert "案件 1 件" in text


def test_info_reports_the_default_place_in_the_user_directory(run, tmp_path, monkeypatch):
    monkeypatch.delenv("XINFANG_DB")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    data = json.loads(run("info", "--json").stdout)
    assert data["source"] == "default"
    path = data["path"]
    assert path.startswith(str(tmp_path))
    assert path.endswith("ledger.db")
    assert "默认位置" in run("info").stdout
    assert "default place" in run("info", "--lang", "en").stdout
    # A writing command creates it there, and nowhere else.
    assert run("office", "set", "YQH", "x").exit_code == 0
    assert stat.S_IMODE(Path(path).stat().st_mode) == 0o600


def test_db_option_beats_the_environment_variable(run, tmp_path, office, db_path):
    other = tmp_path / "other.db"
    run("office", "set", "ABC", "别的办", "--db", other)
    result = run("register", "--db", other, "--name", "李四", "--channel", "来信",
                 "--content", "路灯不亮")
    assert "XF-ABC-2026-00001" in result.stdout
    assert list_json(run) == []  # nothing went to XINFANG_DB's ledger


# Officer ----------------------------------------------------------------------------------


def _officer_of_registration(run, case="2026-1"):
    return show_json(run, case)["events"][0]["officer"]


def test_officer_option(run, office):
    register(run, "--officer", "李干事")
    assert _officer_of_registration(run) == "李干事"


def test_officer_from_the_environment(run, office):
    register(run)
    assert _officer_of_registration(run) == "测试员"


def test_officer_from_the_os_login(run, office, monkeypatch):
    monkeypatch.delenv("XINFANG_OFFICER")
    monkeypatch.setattr("getpass.getuser", lambda: "wangxf")
    register(run)
    assert _officer_of_registration(run) == "wangxf"
    assert json.loads(run("info", "--json").stdout)["officer"] == "wangxf"


# register ---------------------------------------------------------------------------------


def test_register_prints_the_number_and_the_running_forward_clock(run, office):
    result = run("register", "--name", "张三", "--id-number", ID_A, "--phone", PHONE,
                 "--channel", "来访", "--category", "劳动社保", "--content", "工地拖欠工资",
                 "--on", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "已登记：XF-YQH-2026-00001"
    assert "登记转送" in lines[1]
    assert "2026-12-07" in lines[1]  # 11-20 + 15 = Saturday 12-05 → Monday
    assert "还剩 14 天" in lines[1]
    assert ID_A not in result.stdout + result.stderr


def test_register_numbers_follow_each_other(run, office):
    first = register(run, name="张三")
    second = register(run, name="李四", content="宅基地纠纷")
    assert (first, second) == ("XF-YQH-2026-00001", "XF-YQH-2026-00002")


def test_register_json(run, office):
    result = run("register", "--name", "张三", "--channel", "visit", "--content", "拖欠工资",
                 "--on", "2026-11-20", "--json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["id"] == "XF-YQH-2026-00001"
    assert record["status"] == "registered"
    assert record["clocks"][0]["clock"] == "forward"
    assert record["clocks"][0]["due_on"] == "2026-12-07"


@pytest.mark.parametrize(
    "typed, code",
    [("来访", "visit"), ("visit", "visit"), ("Visit", "visit"), ("来信", "letter"),
     ("letter", "letter"), ("来电", "phone"), ("phone", "phone"), ("网上信访", "online"),
     ("online", "online"), ("走访", "visit"), ("其他", "other")],
)
def test_channel_in_both_spellings(run, office, typed, code):
    result = run("register", "--name", "张三", "--channel", typed, "--content", "x", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["channel"] == code


def test_unknown_channel_is_a_usage_error_listing_the_choices(run, office):
    result = run("register", "--name", "张三", "--channel", "飞鸽传书", "--content", "x")
    assert is_error(result, 2)
    assert "来访/visit" in result.stderr


def test_several_petitioners(run, office):
    result = run("register", "--name", "王五", "--phone", "13900001111",
                 "--person", f"赵六,{ID_A},{PHONE},东村3组",
                 "--person", "钱七，，0635-1234567",
                 "--headcount", "3", "--channel", "来访", "--content", "征地补偿", "--json")
    assert result.exit_code == 0, result.stderr
    people = json.loads(result.stdout)["people"]
    assert [p["name"] for p in people] == ["王五", "赵六", "钱七"]
    assert [p["lead"] for p in people] == [True, False, False]
    assert people[1]["id_number"] == ID_A_MASKED
    assert people[1]["phone"] == PHONE_MASKED
    assert people[1]["address"] == "东村3组"
    assert people[2]["phone"] == "0635-***4567"


@pytest.mark.parametrize(
    "args, what",
    [
        (["--channel", "来访", "--content", "x"], "信访人姓名"),
        (["--name", "张三", "--content", "x"], "信访形式"),
        (["--name", "张三", "--channel", "来访"], "信访内容"),
        (["--name", "张三", "--channel", "来访", "--content", "   "], "信访内容"),
    ],
)
def test_missing_field_without_a_terminal_is_a_usage_error(run, office, args, what):
    result = run("register", *args)
    assert is_error(result, 2)
    assert what in result.stderr
    assert result.stdout == ""


def test_missing_field_in_english(run, office):
    result = run("register", "--name", "张三", "--content", "x", "--lang", "en")
    assert is_error(result, 2, "en")
    assert "--channel" in result.stderr


def test_anonymous_needs_no_name(run, office):
    result = run("register", "--anonymous", "--channel", "来信", "--content", "举报", "--json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["anonymous"] is True and record["people"] == []


@pytest.mark.parametrize(
    "extra, says",
    [
        (["--id-number", "110105194912310021"], "第 18 位应为 X"),
        (["--id-number", "11010519491231A02X"], "第 15 位“A”不是数字"),
        (["--id-number", "3.60803E+17"], "科学计数法"),
        (["--id-number", "1101051949123100"], "应为 18 位"),
        (["--phone", "12345"], "电话“12345”格式不对"),
        (["--on", "2026-11-24"], "在今天（2026-11-23）之后"),
        (["--headcount", "0"], "人数必须是不小于 1 的整数"),
    ],
)
def test_register_validation(run, office, extra, says):
    result = run("register", "--name", "张三", "--channel", "来访", "--content", "x", *extra)
    assert is_error(result, 1)
    assert says in result.stderr
    assert "110105194912310021" not in result.stderr  # refused numbers are masked too
    assert list_json(run) == []


def test_validation_in_english(run, office):
    result = run("register", "--name", "张三", "--channel", "来访", "--content", "x",
                 "--id-number", "110105194912310021", "--lang", "en")
    assert is_error(result, 1, "en")
    assert "18th character should be X" in result.stderr


def test_unreadable_date_is_a_usage_error(run, office):
    result = run("register", "--name", "张三", "--channel", "来访", "--content", "x",
                 "--on", "2026-02-30")
    assert is_error(result, 2)
    assert "2026-02-30" in result.stderr


@pytest.mark.parametrize("on", ["2026年11月20日", "2026/11/20", "20261120", "２０２６－１１－２０"])
def test_register_reads_every_date_form(run, office, on):
    result = run("register", "--name", "张三", "--channel", "来访", "--content", "x", "--on", on,
                 "--json")
    assert json.loads(result.stdout)["received_on"] == "2026-11-20"


def test_register_without_office_code_says_how_to_set_it(run, db_path):
    result = run("register", "--name", "张三", "--channel", "来访", "--content", "x")
    assert is_error(result, 1)
    assert "xinfang office set" in result.stderr


# Prompts at a terminal ----------------------------------------------------------------------


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(xinfang.commands.cases, "interactive", lambda: True)


def test_prompts_for_missing_name_channel_and_content(run, office, terminal):
    # name, ID number, phone, address, form, category, content, headcount (--on given)
    result = run("register", "--on", "2026-11-20",
                 input="张三\n\n13812345678\n东村3组\n来访\n劳动社保\n工地拖欠工资\n2\n")
    assert result.exit_code == 0, result.stderr
    # Prompts are talk: on stderr, so stdout stays data even at a terminal.
    assert "信访人姓名" in result.stderr and "信访人姓名" not in result.stdout
    assert "信访形式" in result.stderr
    assert "已登记：XF-YQH-2026-00001" in result.stdout
    record = show_json(run, "2026-1")
    assert record["people"][0]["name"] == "张三"
    assert (record["channel"], record["content"]) == ("visit", "工地拖欠工资")
    assert (record["category"], record["headcount"]) == ("劳动和社会保障", 2)
    assert record["people"][0]["address"] == "东村3组"
    assert record["anonymous"] is False
    for asked in ("身份证号", "电话", "住址", "内容分类", "来访人数"):
        assert asked in result.stderr
    assert "收到日期" not in result.stderr  # given with --on


def test_enter_at_the_name_prompt_means_anonymous(run, office, terminal):
    result = run("register", input="\nletter\n\n匿名举报\n\n\n")
    assert result.exit_code == 0, result.stderr
    record = show_json(run, "2026-1")
    assert record["anonymous"] is True
    assert record["people"] == []
    assert record["channel"] == "letter"


def test_only_missing_fields_are_prompted(run, office, terminal):
    result = run("register", "--channel", "来电", "--content", "噪音扰民",
                 input="李四\n\n\n\n\n\n\n")
    assert result.exit_code == 0, result.stderr
    assert "信访人姓名" in result.stderr
    assert "信访形式" not in result.stderr
    assert "反映问题摘要" not in result.stderr
    assert show_json(run, "2026-1")["people"][0]["name"] == "李四"


def test_nothing_is_prompted_when_everything_is_given(run, office, terminal):
    result = run("register", "--name", "张三", "--channel", "来访", "--content", "x")
    assert result.exit_code == 0
    assert "信访人姓名" not in result.stderr + result.stdout


def test_prompts_in_english(run, office, terminal):
    result = run("register", "--lang", "en", input="\nonline\n\nstreet lights\n\n\n")
    assert result.exit_code == 0, result.stderr
    assert "Petitioner's name" in result.stderr
    assert "Registered: XF-YQH-2026-00001" in result.stdout


def test_a_bad_answer_at_the_prompt_is_asked_again_and_nothing_typed_is_lost(
        run, office, terminal):
    """Before, a wrong form of petition failed after the last prompt and everything typed
    was lost. Now the field is asked again at once, with the reason."""
    result = run("register", input="张三\n12345\n\n\n\n飞鸽\n来访\n不存在的分类\n城建\n\n"
                 "拆迁补偿\n0\n1\n2999-01-01\n2026-11-20\n")
    assert result.exit_code == 0, result.stderr
    assert "错误：信访形式“飞鸽”无效" in result.stderr
    assert "身份证号" in result.stderr and result.stderr.count("错误：") == 6
    assert "这一项必须填写" in result.stderr  # the empty content
    record = show_json(run, "2026-1")
    assert (record["people"][0]["name"], record["channel"]) == ("张三", "visit")
    assert (record["category"], record["content"]) == ("城乡建设", "拆迁补偿")
    assert record["received_on"] == "2026-11-20"


def test_without_a_terminal_every_missing_field_is_named_at_once(run, office):
    result = run("register", "--on", "2026-11-20")
    assert result.exit_code == 2
    for named in ("--name", "--channel", "--content"):
        assert named in result.stderr
    assert list_json(run) == []


def test_ctrl_c_at_the_counter_says_nothing_was_saved(run, office, terminal, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(xinfang.commands.cases.typer, "prompt", interrupted)
    result = run("register")
    assert result.exit_code == 130
    assert "已中断" in result.stderr and "Traceback" not in result.stderr
    assert list_json(run) == []


# show ---------------------------------------------------------------------------------------


@pytest.fixture
def case(run, office):
    result = run("register", "--name", "张三", "--id-number", ID_A, "--phone", PHONE,
                 "--address", "东村3组", "--channel", "来访", "--category", "城建",
                 "--locality", "东村", "--content", "拆迁补偿款未到位", "--on", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    return "XF-YQH-2026-00001"


def test_show_everything(run, case):
    result = run("show", case)
    assert result.exit_code == 0
    out = result.stdout
    for text in (case, "已登记", "2026-11-20", "来访", "东村", "城乡建设", "拆迁补偿款未到位",
                 "张三", ID_A_MASKED, PHONE_MASKED, "东村3组", "登记转送", "2026-12-07",
                 "还剩 14 天", "办理经过", "测试员"):
        assert text in out, text
    assert ID_A not in out and PHONE not in out


@pytest.mark.parametrize("ref", ["XF-YQH-2026-00001", "2026-1", "2026-00001", "xf-yqh-2026-00001"])
def test_show_by_full_or_short_number(run, case, ref):
    assert show_json(run, ref)["id"] == case


def test_show_json_stable_fields(run, case):
    record = show_json(run, case)
    assert {"id", "status", "received_on", "clocks", "flags", "people", "events"} <= set(record)
    assert record["id"] == case
    assert record["status"] == "registered"
    assert record["received_on"] == "2026-11-20"
    assert isinstance(record["flags"], list)
    [clock] = record["clocks"]
    assert {"clock", "started_on", "due_on", "stopped_on", "days_left"} <= set(clock)
    assert (clock["clock"], clock["started_on"], clock["due_on"], clock["stopped_on"],
            clock["days_left"]) == ("forward", "2026-11-20", "2026-12-07", None, 14)
    [person] = record["people"]
    assert (person["name"], person["id_number"], person["phone"]) == (
        "张三", ID_A_MASKED, PHONE_MASKED)
    [event] = record["events"]
    assert (event["kind"], event["on"], event["officer"]) == ("registered", "2026-11-20", "测试员")


def test_show_as_of_another_day(run, case):
    clock = show_json(run, case, "--as-of", "2026-12-09")["clocks"][0]
    assert clock["days_left"] == -2


def test_show_unknown_case(run, case):
    result = run("show", "2026-99")
    assert is_error(result, 1)
    assert "2026-99" in result.stderr and "xinfang list" in result.stderr


def test_show_in_english(run, case):
    result = run("show", case, "--lang", "en")
    assert result.exit_code == 0
    assert "Status" in result.stdout and "registered" in result.stdout
    assert "已登记" not in result.stdout


def test_xinfang_lang_environment_gives_english(run, case, monkeypatch):
    monkeypatch.setenv("XINFANG_LANG", "en")
    assert "Status" in run("show", case).stdout
    result = run("show", "2026-99")
    assert is_error(result, 1, "en")
    assert "No case 2026-99" in result.stderr


def test_bad_lang_is_a_usage_error(run, case):
    result = run("show", case, "--lang", "fr")
    assert result.exit_code == 2
    assert result.stdout == ""


# Masking and reveal ---------------------------------------------------------------------


def test_reveal_shows_the_numbers_and_records_who_saw_them(run, case):
    result = run("show", case, "--reveal", "--officer", "李干事")
    assert result.exit_code == 0
    assert ID_A in result.stdout and PHONE in result.stdout
    record = show_json(run, case)  # masked again without --reveal
    assert record["people"][0]["id_number"] == ID_A_MASKED
    revealed = [e for e in record["events"] if e["kind"] == "revealed"]
    assert len(revealed) == 1
    assert revealed[0]["officer"] == "李干事"
    assert revealed[0]["on"] == TODAY.isoformat()
    assert set(revealed[0]["details"]["fields"]) == {"id_number", "phone"}


def test_reveal_in_json(run, case):
    record = show_json(run, case, "--reveal")
    assert record["people"][0]["id_number"] == ID_A
    assert record["people"][0]["phone"] == PHONE
    assert record["events"][-1]["kind"] == "revealed"
    assert record["events"][-1]["officer"] == "测试员"


def test_without_reveal_nothing_is_recorded(run, case):
    run("show", case)
    run("list")
    assert [e["kind"] for e in show_json(run, case)["events"]] == ["registered"]


def test_list_masks_and_reveals(run, case):
    assert list_json(run)[0]["people"][0]["id_number"] == ID_A_MASKED
    records = list_json(run, "--reveal")
    assert records[0]["people"][0]["id_number"] == ID_A
    assert records[0]["people"][0]["phone"] == PHONE
    kinds = [e["kind"] for e in show_json(run, case)["events"]]
    assert kinds.count("revealed") == 1


def test_reveal_does_not_move_the_case(run, case, db_path):
    run("show", case, "--reveal")
    ledger = Ledger.open(db_path, create=False, today=TODAY)
    try:
        cid = ledger.find_case(case)
        assert ledger.stored_state(cid) == ledger.replayed_state(cid)
        assert ledger.stored_state(cid).status == "registered"
    finally:
        ledger.close()


# list ---------------------------------------------------------------------------------------


@pytest.fixture
def cases(run, office, db_path):
    """Four cases; the second forwarded to 人社局."""
    numbers = [
        register(run, "--id-number", ID_A, "--category", "劳动社保", "--locality", "东村",
                 on="2026-10-08", name="张三", content="工地拖欠农民工工资"),
        register(run, "--category", "城乡建设", "--locality", "西村", on="2026-11-02",
                 name="李四", content="违章建筑影响采光"),
        register(run, "--category", "环保", "--locality", "东村", on="2026-11-16",
                 name="王五", content="养殖场污水直排"),
        register(run, "--phone", PHONE, on="2026-11-20", name="赵六",
                 content="100%的补偿款_未到位"),
    ]
    ledger = Ledger.open(db_path, create=False, today=TODAY)
    try:
        acts.record(ledger, numbers[1], "forwarded", officer="测试员", on=dt.date(2026, 11, 3),
                   details={"unit": "人社局"})
    finally:
        ledger.close()
    return numbers


def ids(records):
    return [record["id"] for record in records]


def test_list_newest_first(run, cases):
    assert ids(list_json(run)) == list(reversed(cases))
    result = run("list")
    assert result.exit_code == 0
    for number in cases:
        assert number in result.stdout
    assert "共 4 件" in result.stderr  # talk on stderr, data on stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--status", "已登记"], [3, 2, 0]),
        (["--status", "forwarded"], [1]),
        (["--status", "已转送,已登记"], [3, 2, 1, 0]),
        (["--unit", "人社局"], [1]),
        (["--category", "劳动社保"], [0]),  # the short form maps to the national list
        (["--category", "劳动和社会保障"], [0]),
        (["--category", "环境保护"], [2]),
        (["--locality", "东村"], [2, 0]),
        (["--since", "2026-11-02"], [3, 2, 1]),
        (["--until", "2026-11-02"], [1, 0]),
        (["--since", "2026年11月1日", "--until", "2026/11/16"], [2, 1]),
        (["--person", ID_A], [0]),
        (["--person", ID_A.lower()], [0]),
        (["--person", "王五"], [2]),
        (["--search", "农民工"], [0]),  # 3 characters: the trigram index
        (["--search", "影响采光"], [1]),
        (["--search", "污水"], [2]),  # 2 characters: LIKE
        (["--search", "违"], [1]),
        (["--search", "%"], [3]),  # taken literally
        (["--search", "_"], [3]),
        (["--search", "补偿款_未"], [3]),
        (["--search", "不存在的内容"], []),
        (["--category", "城乡建设", "--locality", "东村"], []),
    ],
)
def test_list_filters(run, cases, args, expected):
    assert ids(list_json(run, *args)) == [cases[i] for i in expected]


def test_list_with_nothing_matching_says_so(run, cases):
    result = run("list", "--search", "不存在的内容")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "没有符合条件的案件" in result.stderr


def test_list_limit_and_offset(run, cases):
    assert ids(list_json(run, "--limit", "2")) == [cases[3], cases[2]]
    assert ids(list_json(run, "--limit", "2", "--offset", "2")) == [cases[1], cases[0]]
    result = run("list", "--limit", "2")
    assert "--offset" in result.stderr


def test_list_bad_status_is_a_usage_error(run, cases):
    assert is_error(run("list", "--status", "飞了"), 2)


def test_list_in_english(run, cases):
    result = run("list", "--lang", "en")
    assert "registered" in result.stdout and "forwarded" in result.stdout
    assert "4 cases" in result.stderr


# note ---------------------------------------------------------------------------------------


def test_note(run, case):
    result = run("note", case, "电话联系信访人，约定周五面谈")
    assert result.exit_code == 0
    assert "已记入 XF-YQH-2026-00001" in result.stdout
    record = show_json(run, case)
    assert record["events"][-1]["kind"] == "note"
    assert record["events"][-1]["details"]["text"] == "电话联系信访人，约定周五面谈"
    assert record["status"] == "registered"
    assert "约定周五面谈" in run("show", case).stdout


def test_note_text_with_rich_markup_is_shown_as_typed(run, case):
    run("note", case, "[bold]不是标记[/bold]")
    assert "[bold]不是标记[/bold]" in run("show", case).stdout


def test_empty_note_is_a_usage_error(run, case):
    assert is_error(run("note", case, "  "), 2)


def test_note_dated_in_the_future_is_refused(run, case):
    assert is_error(run("note", case, "x", "--on", "2026-11-30"), 1)


# deadline -----------------------------------------------------------------------------------


def test_deadline_explains_the_count(run, office):
    register(run, on="2026-09-20")
    result = run("deadline", "2026-1")
    assert result.exit_code == 0
    out = result.stdout
    assert "登记转送" in out
    assert "2026-10-08" in out
    assert "2026-09-20" in out and "当天不计" in out
    assert "15日" in out
    for day in ("2026-10-05", "2026-10-06", "2026-10-07"):
        assert day in out
    assert "国庆节" in out


def test_deadline_json(run, office):
    register(run, on="2026-09-20")
    [item] = json.loads(run("deadline", "2026-1", "--json").stdout)
    assert (item["clock"], item["started_on"], item["length"], item["unit"], item["due_on"]) == (
        "forward", "2026-09-20", 15, "days", "2026-10-08")
    assert [s["day"] for s in item["skipped"]] == ["2026-10-05", "2026-10-06", "2026-10-07"]
    assert item["unpublished_years"] == []


def test_deadline_with_no_rest_day_in_the_way(run, office):
    register(run, on="2026-09-28")
    result = run("deadline", "2026-1", "--clock", "forward")
    assert "2026-10-13" in result.stdout
    assert "没有遇到休息日" in result.stdout


_2027_PUBLISHED = WorkCalendar().is_published(2027)
_needs_unpublished_2027 = pytest.mark.skipif(
    _2027_PUBLISHED, reason="the installed holidays package now carries 2027's official schedule")


@_needs_unpublished_2027
def test_deadline_into_an_unpublished_year(run, office, monkeypatch):
    monkeypatch.setenv("XINFANG_TODAY", "2026-12-21")
    result = run("register", "--name", "张三", "--channel", "来访", "--content", "x",
                 "--on", "2026-12-20")
    assert result.exit_code == 0, result.stderr
    assert "2027-01-04" in result.stdout
    assert "2027 年的国家放假安排尚未公布" in result.stderr
    out = run("deadline", "2026-1").stdout
    assert "2027-01-04" in out
    assert "2027 年的国家放假安排尚未公布" in out
    record = show_json(run, "2026-1")
    assert record["unpublished_years"] == [2027]
    en = run("deadline", "2026-1", "--lang", "en").stdout
    assert "not yet published" in en


def test_deadline_shows_local_overrides(run, office):
    register(run, on="2026-11-20")
    run("calendar", "--add-rest", "2026-12-07", "--reason", "全县停电")
    out = run("deadline", "2026-1").stdout
    assert "2026-12-08" in out
    assert "全县停电" in out
    assert "本地" in out


def test_deadline_unknown_clock_is_a_usage_error(run, case):
    assert is_error(run("deadline", case, "--clock", "飞"), 2)


# calendar -----------------------------------------------------------------------------------


def test_calendar_shows_the_year(run):
    result = run("calendar", "--year", "2026")
    assert result.exit_code == 0
    out = result.stdout
    assert "2026-10-01" in out and "国庆节" in out
    assert "2026-10-10" in out and "调休上班" in out
    assert "尚未公布" not in out


@_needs_unpublished_2027
def test_calendar_json_and_unpublished_year(run):
    data = json.loads(run("calendar", "--year", "2026", "--json").stdout)
    assert data["published"] is True
    kinds = {d["day"]: d["kind"] for d in data["days"]}
    assert kinds["2026-02-14"] == "makeup"
    assert kinds["2026-10-05"] == "rest"
    data = json.loads(run("calendar", "--year", "2027", "--json").stdout)
    assert data["published"] is False
    assert "尚未公布" in run("calendar", "--year", "2027").stdout


def test_calendar_defaults_to_this_year(run):
    assert json.loads(run("calendar", "--json").stdout)["year"] == 2026


def test_calendar_override_changes_running_clocks(run, office):
    register(run, on="2026-11-20")
    assert show_json(run, "2026-1")["clocks"][0]["due_on"] == "2026-12-07"
    result = run("calendar", "--add-rest", "2026-12-07", "--reason", "全县停电")
    assert result.exit_code == 0, result.stderr
    assert "2026-12-07" in result.stderr
    assert show_json(run, "2026-1")["clocks"][0]["due_on"] == "2026-12-08"
    data = json.loads(run("calendar", "--year", "2026", "--json").stdout)
    assert {"day": "2026-12-07", "kind": "override-rest", "why": "全县停电"} in data["days"]
    assert run("calendar", "--remove", "2026-12-07").exit_code == 0
    assert show_json(run, "2026-1")["clocks"][0]["due_on"] == "2026-12-07"
    assert run("calendar", "--add-work", "2026-12-05", "--reason", "集中接访").exit_code == 0
    assert show_json(run, "2026-1")["clocks"][0]["due_on"] == "2026-12-05"


def test_calendar_override_needs_a_reason(run, office):
    result = run("calendar", "--add-rest", "2026-12-24")
    assert is_error(result, 2)
    assert "--reason" in result.stderr


def test_calendar_one_change_at_a_time(run, office):
    result = run("calendar", "--add-rest", "2026-12-24", "--add-work", "2026-12-26",
                 "--reason", "x")
    assert is_error(result, 2)


def test_calendar_remove_what_is_not_there(run, office):
    result = run("calendar", "--remove", "2026-12-24")
    assert is_error(result, 1)
    assert "2026-12-24" in result.stderr


# policy -------------------------------------------------------------------------------------


def test_policy_show_defaults(run):
    data = json.loads(run("policy", "show", "--json").stdout)
    assert data["clocks"]["forward"] == {"length": 15, "unit": "days"}
    assert data["clocks"]["objection"] == {"length": 5, "unit": "workdays"}
    assert data["clocks"]["handle"] == {"length": 60, "unit": "days"}
    assert data["numbers"]["warning_days"] == 3
    out = run("policy", "show").stdout
    assert "登记转送" in out and "forward" in out


def test_policy_set_moves_running_clocks_and_keeps_stopped_ones(run, office, db_path):
    register(run, on="2026-11-02", name="张三")
    register(run, on="2026-11-16", name="李四", content="宅基地纠纷")
    ledger = Ledger.open(db_path, create=False, today=TODAY)
    try:
        acts.record(ledger, "2026-1", "forwarded", officer="测试员", on=dt.date(2026, 11, 5),
                   details={"unit": "人社局"})
    finally:
        ledger.close()
    result = run("policy", "set", "forward", "5", "--unit", "工作日")
    assert result.exit_code == 0, result.stderr
    assert "forward" in result.stderr
    # Running: 11-16 + 5 working days = 11-23.
    assert show_json(run, "2026-2")["clocks"][0]["due_on"] == "2026-11-23"
    # Stopped on forwarding: keeps 11-17.
    forward = show_json(run, "2026-1")["clocks"][0]
    assert (forward["clock"], forward["due_on"], forward["stopped_on"]) == (
        "forward", "2026-11-17", "2026-11-05")
    assert json.loads(run("policy", "show", "--json").stdout)["clocks"]["forward"] == {
        "length": 5, "unit": "workdays"}


def test_policy_preset(run, office):
    register(run, on="2026-11-16")
    assert run("policy", "preset", "henan").exit_code == 0
    # Henan: 5 days for forwarding; 11-21 is a Saturday → 11-23.
    assert show_json(run, "2026-1")["clocks"][0]["due_on"] == "2026-11-23"
    assert run("policy", "preset", "national").exit_code == 0
    assert show_json(run, "2026-1")["clocks"][0]["due_on"] == "2026-12-01"


@pytest.mark.parametrize(
    "args, code",
    [
        (["policy", "set", "nothing", "3"], 2),
        (["policy", "set", "forward", "abc"], 1),
        (["policy", "set", "forward", "0"], 1),
        (["policy", "set", "forward", "5", "--unit", "weeks"], 2),
        (["policy", "preset", "atlantis"], 2),
    ],
)
def test_policy_refusals(run, office, args, code):
    assert is_error(run(*args), code)


# demo ---------------------------------------------------------------------------------------


def test_demo_runs_in_a_temporary_ledger(run, db_path):
    result = run("demo")
    assert result.exit_code == 0, result.stderr
    assert "演示台账" in result.stdout
    assert "XF-DEMO-" in result.stdout
    assert not db_path.exists()


def test_demo_kept_in_a_file(run, tmp_path):
    path = tmp_path / "demo.db"
    result = run("demo", "--db", path, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Demo ledger" in result.stdout
    assert str(path) in result.stderr
    assert path.exists()
    assert len(list_json(run, "--db", path, "--limit", "500")) >= 10
    again = run("demo", "--db", path)
    assert is_error(again, 1)  # never overwrites


# Usage errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["show"], ["register", "--no-such-option"], ["list", "--limit", "0"], ["no-such-command"],
     ["register", "--headcount", "many"]],
)
def test_usage_errors_exit_2(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""


# Start-up: only the asked-for command is built ----------------------------------------------


def test_just_one_keeps_only_the_command_asked_for():
    from xinfang.cli import just_one

    slim = just_one(xinfang.cli.app, ["show", "2026-1"])
    assert [c.callback.__name__ for c in slim.registered_commands] == ["show"]
    assert slim.registered_groups == []
    assert just_one(xinfang.cli.app, ["report", "overdue"]).registered_groups[0].name == "report"
    assert just_one(xinfang.cli.app, ["no-such-command"]) is xinfang.cli.app
    assert len(xinfang.cli.app.registered_commands) > 10  # the full app is left whole


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"]])
def test_the_overview_help_is_built_from_an_outline_and_reads_the_same(args):
    from typer.testing import CliRunner

    from xinfang.cli import just_one

    app = xinfang.cli.app
    outline = just_one(app, args)
    assert outline is not app
    assert {c.callback for c in outline.registered_commands} == {xinfang.cli._group}
    runner = CliRunner()
    full = runner.invoke(app, args)
    short = runner.invoke(outline, args)
    assert (short.exit_code, short.stdout, short.stderr) == (
        full.exit_code, full.stdout, full.stderr)
    for name in ("register", "report", "policy", "import"):
        assert name in short.stdout


def test_the_installed_command_runs_a_subcommand_by_name(db_path, tmp_path):
    import subprocess
    import sys

    env = {**__import__("os").environ, "XINFANG_DB": str(db_path)}
    setup = subprocess.run([sys.executable, "-m", "xinfang", "office", "set", "YQH", "办"],
                           env=env, capture_output=True, text=True)
    assert setup.returncode == 0, setup.stderr
    done = subprocess.run([sys.executable, "-m", "xinfang", "register", "--name", "张三",
                           "--channel", "来访", "--content", "路灯不亮", "--on", "2026-11-20"],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    shown = subprocess.run([sys.executable, "-m", "xinfang", "show", "2026-1", "--json"],
                           env=env, capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "XF-YQH-2026-00001"


BOX_DRAWING = re.compile(r"[\u2500-\u257f]")


def test_list_at_80_columns_shows_the_whole_complaint_wrapped_and_a_file_gets_no_boxes(
        run, office, monkeypatch):
    """Before, `list` showed 5 characters of the complaint at 80 and 100 columns, and a
    file or pipe got the table's box drawing. Now the complaint wraps over lines (never
    cut, up to 40 characters) and output that is not a terminal is plain columns."""
    monkeypatch.setenv("COLUMNS", "80")
    content = "永盛路桥公司拖欠修路民工工资八万元至今未付"
    number = register(run, on="2026-11-20", content=content)
    result = run("list")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert number in result.stdout  # the case number whole
    header = lines[0]
    start, end = (_cells_before(header, header.index(word)) for word in ("反映问题", "最近截止"))
    column = "".join(_cells_between(line, start, end).strip() for line in lines[1:])
    assert column == content
    assert BOX_DRAWING.findall(result.stdout) == []


def _cells_before(line: str, index: int) -> int:
    return cell_len(line[:index])


def _cells_between(line: str, start: int, end: int) -> str:
    """The characters of `line` that sit between screen columns start and end."""
    out, at = [], 0
    for char in line:
        if start <= at < end:
            out.append(char)
        at += cell_len(char)
    return "".join(out)


def test_show_and_export_tell_the_officer_what_was_decided(run, case, tmp_path):
    """`show` gives the opinion, the satisfaction, the leader's case in full, the first
    case of a repeat and (for imported cases) the source line; the CSV export carries
    the opinion, the leader, the next due date and the days overdue."""
    for args in (("escalate", case, "--leader", "李书记", "--plan", "现场协调",
                  "--target", "2026-11-30", "--reason", "多次来访", "--on", "2026-11-20"),
                 ("close", case, "--result", "resolved", "--opinion", "已督促补发",
                  "--on", "2026-11-21"),
                 ("followup", case, "--satisfaction", "basic", "--on", "2026-11-22")):
        assert run(*args).exit_code == 0, args
    again = run("register", "--name", "张三", "--id-number", ID_A, "--channel", "来访",
                "--content", "补偿款还是没到", "--on", "2026-11-22", "--repeat-of", case)
    assert again.exit_code == 0, again.stderr
    shown = run("show", case).stdout
    for text in ("处理意见", "已督促补发", "满意度", "基本满意", "包案领导 李书记",
                 "化解方案：现场协调", "化解时限 2026-11-30"):
        assert text in shown, text
    repeat = run("show", "2026-2").stdout
    assert re.search(rf"初件\s+{case}（2026-11-20 收到，已办结）", repeat), repeat
    out = tmp_path / "out.csv"
    assert run("export", "-o", out).exit_code == 0
    import csv

    rows = {row["案件编号"]: row for row in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert rows[case]["处理意见"] == "已督促补发"
    assert rows[case]["包案领导"] == "李书记"
    assert rows["XF-YQH-2026-00002"]["下一截止日期"] != ""


def test_filters_take_the_office_itself_short_flag_names_and_name_the_closest_unit(
        run, cases):
    """`list --unit 本办` lists the cases the office holds itself; `--flag 包案` is the
    short name of 已上报/包案; a unit not in the list gets the closest names, in `list`,
    `export` and `report overdue` alike; `report stats` takes --since/--until."""
    mine = list_json(run, "--unit", "本办")
    assert sorted(ids(mine)) == sorted(set(cases) - {cases[1]})  # the second is forwarded
    assert run("escalate", cases[0], "--leader", "李书记", "--reason", "多次来访").exit_code == 0
    assert ids(list_json(run, "--flag", "包案")) == [cases[0]]
    for command in (("list",), ("export",), ("report", "overdue")):
        result = run(*command, "--unit", "人社")
        assert result.exit_code != 0 and "人社局" in result.stderr, command
    stats = run("report", "stats", "--since", "2026-11-01", "--until", "2026-11-30", "--json")
    assert stats.exit_code == 0, stats.stderr
    figures = json.loads(stats.stdout)
    assert (figures["from"], figures["to"]) == ("2026-11-01", "2026-11-30")


def test_a_file_the_system_refuses_is_told_in_the_officers_language(run, office, tmp_path):
    missing = run("import", tmp_path / "nowhere.csv")
    assert missing.exit_code == 1 and "文件或文件夹不存在" in missing.stderr
    assert "No such file" not in missing.stderr
    folder = run("import", tmp_path)
    assert "这是一个文件夹" in folder.stderr
    english = run("import", tmp_path / "nowhere.csv", "--lang", "en")
    assert "no such file or folder" in english.stderr
