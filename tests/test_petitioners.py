"""A petitioner's details over time (DOMAIN.md §8): each case keeps them as recorded for it;
registering the same ID number again with another name, phone or address never rewrites
the earlier cases; a newer phone or address updates the ledger's record, another name does
so only on the officer's word (asked at the counter, or --update-person); every change to a
person's record is recorded with the registration that made it, and `check` stays clean."""

from __future__ import annotations

import json
import sqlite3

import pytest

import xinfang.commands.cases

ID = "11010519491231002X"
ID_MASKED = "110105********002X"
OLD_PHONE, NEW_PHONE = "13812345678", "13987654321"


@pytest.fixture
def office(run, db_path):
    result = run("office", "set", "YQH", "鱼邱湖街道信访办")
    assert result.exit_code == 0, result.stderr
    return db_path


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(xinfang.commands.cases, "interactive", lambda: True)


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def person(run, case):
    """The lead petitioner of `case` as it shows it, unmasked."""
    record = json.loads(ok(run("show", case, "--json", "--reveal")).stdout)
    lead = record["people"][0]
    return lead["name"], lead["phone"]


def ledger_record(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT name, phone FROM people WHERE id_number = ?",
                            [ID]).fetchone()
    finally:
        conn.close()


def registration(db_path, number):
    conn = sqlite3.connect(db_path)
    try:
        (details,) = conn.execute(
            "SELECT e.details FROM events e JOIN cases c ON c.id = e.case_id "
            "WHERE c.number = ? AND e.kind = 'registered'", [number]).fetchone()
    finally:
        conn.close()
    return json.loads(details)


def first_case(run, *extra, content="宅基地纠纷"):
    ok(run("register", "--name", "王秀英", "--id-number", ID, "--phone", OLD_PHONE,
           "--channel", "来访", "--content", content, "--on", "2026-10-08", *extra))
    return "XF-YQH-2026-00001"


def again(run, *extra, input=None, name="王秀"):
    return run("register", "--name", name, "--id-number", ID, "--phone", NEW_PHONE,
               "--channel", "来电", "--content", "低保申请", "--not-repeat",
               "--on", "2026-11-20", *extra, input=input)


def assert_check_clean(run):
    result = run("check", "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["findings"] == []


def test_an_earlier_closed_case_keeps_the_name_and_phone_recorded_for_it(run, office, db_path):
    first = first_case(run)
    ok(run("unit", "add", "镇民政办", "--level", "乡镇"))
    ok(run("forward", first, "--to", "镇民政办", "--on", "2026-10-09"))
    ok(run("accept", first, "--on", "2026-10-10"))
    ok(run("close", first, "--result", "已办结", "--opinion", "已调解", "--on", "2026-10-20"))
    result = ok(again(run))
    # Without a terminal the officer is told what was kept and how to change it.
    assert "王秀英" in result.stderr and "王秀" in result.stderr
    assert "--update-person" in result.stderr and ID_MASKED in result.stderr
    assert ID not in result.stderr
    assert person(run, first) == ("王秀英", OLD_PHONE)
    assert person(run, "XF-YQH-2026-00002") == ("王秀", NEW_PHONE)
    # The ledger's record: the name it knew, the newer phone; the change is recorded.
    assert ledger_record(db_path) == ("王秀英", NEW_PHONE)
    details = registration(db_path, "XF-YQH-2026-00002")
    assert list(details["person_changes"].values()) == [{"phone": [OLD_PHONE, NEW_PHONE]}]
    assert list(details["name_kept"].values()) == ["王秀英"]
    assert_check_clean(run)


def test_a_whistle_blower_on_a_confidential_case_is_not_renamed(run, office, db_path):
    first = first_case(run, "--confidential", content="检举村干部侵占补偿款")
    ok(again(run, "--update-person"))
    assert person(run, first) == ("王秀英", OLD_PHONE)
    assert ledger_record(db_path) == ("王秀", NEW_PHONE)
    assert_check_clean(run)


def test_update_person_renames_the_record_and_records_the_change(run, office, db_path):
    first = first_case(run)
    result = ok(again(run, "--update-person"))
    assert "--update-person" not in result.stderr
    assert ledger_record(db_path) == ("王秀", NEW_PHONE)
    assert person(run, first) == ("王秀英", OLD_PHONE)
    details = registration(db_path, "XF-YQH-2026-00002")
    (changes,) = details["person_changes"].values()
    assert changes == {"name": ["王秀英", "王秀"], "phone": [OLD_PHONE, NEW_PHONE]}
    assert "name_kept" not in details
    # The timeline shows the change, the phones masked.
    shown = ok(run("show", "XF-YQH-2026-00002")).stdout
    assert "信访人记录更正：姓名 王秀英 → 王秀" in shown and "138****5678 → 139****4321" in shown
    assert OLD_PHONE not in shown
    assert_check_clean(run)


def test_at_the_counter_the_officer_says_the_ledgers_name_is_right(run, office, db_path,
                                                                   terminal):
    first_case(run)
    result = ok(again(run, input="3\n1\n"))
    assert "台账中登记的姓名是“王秀英”" in result.stderr
    assert "请输入 1 到 2 之间的序号" in result.stderr  # "3" is asked again
    # The typing mistake is this case's: it takes the ledger's name; nothing is kept apart.
    assert person(run, "XF-YQH-2026-00002") == ("王秀英", NEW_PHONE)
    assert ledger_record(db_path) == ("王秀英", NEW_PHONE)
    assert "name_kept" not in registration(db_path, "XF-YQH-2026-00002")
    assert "--update-person" not in result.stderr
    assert_check_clean(run)


def test_at_the_counter_the_officer_says_the_new_name_is_right(run, office, db_path, terminal):
    first = first_case(run)
    result = ok(again(run, input="2\n"))
    assert "以哪个姓名为准" in result.stderr
    assert person(run, "XF-YQH-2026-00002") == ("王秀", NEW_PHONE)
    assert person(run, first) == ("王秀英", OLD_PHONE)
    assert ledger_record(db_path) == ("王秀", NEW_PHONE)
    (changes,) = registration(db_path, "XF-YQH-2026-00002")["person_changes"].values()
    assert changes["name"] == ["王秀英", "王秀"]
    assert_check_clean(run)


def test_the_same_name_asks_nothing(run, office, db_path, terminal):
    first_case(run)
    result = ok(again(run, name="王秀英", input=""))
    assert "以哪个姓名为准" not in result.stderr and "注意" not in result.stderr
    assert ledger_record(db_path) == ("王秀英", NEW_PHONE)
