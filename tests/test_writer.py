"""The one writer: a case registered at the counter, an imported batch and an act all go
through `store.writer`, with the same guard, the same people and the same units. Each
test here is a place where the two writing paths once disagreed."""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang import acts
from xinfang.cases.intake import make_intake, make_person
from xinfang.errors import NotAllowed
from xinfang.registers.importer import import_register
from xinfang.store import writer

ID_A = "371526196601318579"
TODAY = dt.date(2026, 11, 23)
HEADER = "序号,登记日期,姓名,身份证号,联系电话,信访形式,诉求摘要,其他信访人,转送单位,办理结果,办结日期"


def intake(**overrides):
    fields = {"channel": "来访", "content": "工地拖欠工资", "received_on": dt.date(2026, 11, 2),
              "today": TODAY, "people": [make_person("郝丹文", ID_A)]}
    fields.update(overrides)
    return make_intake(**fields)


def links(ledger, number):
    return ledger.db.execute(
        "SELECT p.name, p.id_number, cp.lead, cp.position FROM case_people cp "
        "JOIN people p ON p.id = cp.person_id JOIN cases c ON c.id = cp.case_id "
        "WHERE c.number = ? ORDER BY cp.position", [number]).fetchall()


def test_a_register_row_naming_its_lead_again_among_the_others_is_imported(ledger):
    # Once the bulk path died on UNIQUE constraint failed: case_people, and the officer
    # was told the ledger could not be read.
    data = (f"{HEADER}\n1,2026-11-02,郝丹文,{ID_A},,来访,工地拖欠工资,\"郝丹文,{ID_A}\",,,\n"
            "2,2026-11-03,李四,,13900139000,来信,路灯不亮,"
            "\"王五,,13800138000；李四,,13900139000\",,,\n")
    summary = import_register(ledger, data.encode("utf-8"), name="登记簿.csv", officer="测试员")
    assert [a.case for a in summary.added] == ["XF-YQH-2026-00001", "XF-YQH-2026-00002"]
    assert links(ledger, "XF-YQH-2026-00001") == [("郝丹文", ID_A, 1, 0)]
    assert [row[0] for row in links(ledger, "XF-YQH-2026-00002")] == ["李四", "王五"]


def test_a_petitioner_named_twice_at_the_counter_is_linked_once(ledger):
    done = acts.register(ledger, intake(people=[make_person("郝丹文", ID_A),
                                                 make_person("郝丹文", ID_A)]), officer="测试员")
    assert links(ledger, done.number) == [("郝丹文", ID_A, 1, 0)]
    registered = ledger.events(done.case_id)[0]
    assert len(registered["details"]["people"]) == 1


def _new(**step):
    return writer.NewCase(intake(), steps=[(dt.date(2026, 11, 3), "closed",
                                            {"result": "resolved", "opinion": "已答复"}),
                                           (dt.date(2026, 11, 4), "accepted", {})])


def test_an_act_refused_in_a_batch_says_what_is_allowed_now(ledger):
    # Once the batch path said "此状态下可以：。"
    with pytest.raises(writer.CaseFailed) as failed:
        writer.write_cases(ledger, [_new()], "测试员")
    error = failed.value.error
    assert isinstance(error, NotAllowed)
    for lang, word in (("zh", "此状态下可以："), ("en", "Allowed now: ")):
        allowed = error.message(lang).split(word)[1]
        assert "followup" in allowed and "reopen" in allowed, allowed
    # The same act refused on a case in the ledger says the same.
    done = acts.register(ledger, intake(), officer="测试员")
    acts.close(ledger, done.number, "resolved", "已答复", officer="测试员",
               on=dt.date(2026, 11, 3))
    with pytest.raises(NotAllowed) as refused:
        acts.accept(ledger, done.number, officer="测试员", on=dt.date(2026, 11, 4))
    assert refused.value.message("zh").split("此状态下可以：")[1] == \
        error.message("zh").split("此状态下可以：")[1]


@pytest.mark.parametrize("path", ["batch", "act"])
def test_a_unit_not_yet_in_the_list_is_added_by_either_path(ledger, path):
    # Once one path added it and the other stored the case with no unit.
    forward = (dt.date(2026, 11, 3), "forwarded", {"unit": "新成立的县数据局"})
    if path == "batch":
        (case,) = writer.write_cases(ledger, [writer.NewCase(intake(), steps=[forward])], "测试员")
        case_id = case.id
    else:
        case_id = acts.register(ledger, intake(), officer="测试员").case_id
        writer.append(ledger, case_id, forward[1], forward[0], "测试员", forward[2])
    assert ledger.stored_state(case_id).unit == "新成立的县数据局"
    assert "新成立的县数据局" in ledger.unit_ids()
    assert ledger.replayed_state(case_id).unit == ledger.stored_state(case_id).unit


def test_registering_is_a_batch_of_one(ledger, monkeypatch):
    calls = []
    original = writer.write_cases
    monkeypatch.setattr(writer, "write_cases",
                        lambda ledger, cases, *a, **k: calls.append(len(cases)) or
                        original(ledger, cases, *a, **k))
    acts.register(ledger, intake(), officer="测试员")
    assert calls == [1]
