"""An import written in one batch gives exactly what the reference writer gives (each row
registered on its own and its acts appended day by day): the same cases, states, clocks,
people, events, repeat chains and overdue report."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import reference_writer
import samplegen

from xinfang import acts, reports
from xinfang.cases.lifecycle import differences
from xinfang.registers.importer import import_register
from xinfang.store import settings, writer
from xinfang.store.ledger import Ledger

TODAY = dt.date(2026, 11, 23)
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def register_bytes(n: int, seed: int, encoding: str = "gbk") -> bytes:
    rows = samplegen.generate_rows(n, seed=seed, start=dt.date(2025, 1, 1),
                                   end=dt.date(2026, 11, 20), messy=True, repeat_share=0.25)
    out = io.StringIO()
    samplegen._write(rows, out)
    return out.getvalue().encode(encoding)


def ledger_at(path: Path) -> Ledger:
    ledger = Ledger.open(path, create=True, today=TODAY)
    settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
    return ledger


def snapshot(ledger: Ledger) -> dict:
    """Everything but the random uids and the time of recording."""
    db = ledger.db
    uid_to_key = {uid: (name, id_number, phone) for uid, name, id_number, phone in db.execute(
        "SELECT uid, name, id_number, phone FROM people")}

    def details(text: str) -> dict:
        data = json.loads(text)
        if "people" in data:
            data["people"] = [uid_to_key[uid] for uid in data["people"]]
        for key in ("person_changes", "name_kept"):
            if key in data:  # keyed by the petitioners' (random) uids
                data[key] = {repr(uid_to_key[uid]): value for uid, value in data[key].items()}
        return data

    return {
        "cases": db.execute(
            "SELECT c.number, c.year, c.seq, c.received_on, c.channel, c.headcount, c.locality, "
            "c.category, c.content, c.request, c.status, u.name, c.holder, c.holder_kind, "
            "c.holder_since, c.accepted_on, c.closed_on, c.result, r.number, c.flags, "
            "c.next_due_on, c.last_on FROM cases c LEFT JOIN units u ON u.id = c.unit_id "
            "LEFT JOIN cases r ON r.id = c.repeat_of ORDER BY c.number").fetchall(),
        "people": sorted(db.execute(
            "SELECT c.number, p.name, p.id_number, p.phone, p.address, cp.lead, cp.position "
            "FROM case_people cp JOIN people p ON p.id = cp.person_id "
            "JOIN cases c ON c.id = cp.case_id").fetchall()),
        "person_rows": sorted(db.execute(
            "SELECT name, id_number, phone, address FROM people").fetchall(), key=repr),
        "events": sorted(
            (number, kind, on, officer, json.dumps(details(text), sort_keys=True,
                                                    ensure_ascii=False))
            for number, kind, on, officer, text in db.execute(
                "SELECT c.number, e.kind, e.acted_on, e.officer, e.details FROM events e "
                "JOIN cases c ON c.id = e.case_id")),
        "clocks": sorted(db.execute(
            "SELECT c.number, k.clock, k.started_on, k.length, k.unit, k.extra_days, k.due_on, "
            "k.stopped_on, k.late, k.fixed FROM clocks k JOIN cases c ON c.id = k.case_id"
        ).fetchall(), key=repr),
        "imported": sorted(db.execute(
            "SELECT i.fingerprint, c.number FROM imported_rows i "
            "JOIN cases c ON c.id = i.case_id").fetchall()),
        # A run as large as the ledger drops its indexes and makes them again.
        "schema": db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
                             ).fetchall(),
        # (The chain's head differs: each event has a uid of its own.)
        "overdue": {key: value for key, value in reports.overdue(ledger, TODAY).items()
                    if key != "head"},
        "chains": reports.repeat_chains(ledger),
        # What the repeat rule keeps of each complaint, and the ledger's term counts.
        "terms": sorted(db.execute(
            "SELECT c.number, t.version, t.terms FROM case_terms t "
            "JOIN cases c ON c.id = t.case_id").fetchall()),
        "gram_counts": db.execute(
            "SELECT gram, cases FROM gram_counts WHERE cases != 0 ORDER BY gram").fetchall(),
    }


def both(tmp_path: Path, batches: list[bytes], monkeypatch) -> tuple[dict, dict, Ledger]:
    """The registers imported through the reference writer, and through the writer."""
    results = []
    for reference in (True, False):
        ledger = ledger_at(tmp_path / f"{'one' if reference else 'bulk'}.db")
        with monkeypatch.context() as patch:
            if reference:
                reference_writer.use(patch)
            for index, data in enumerate(batches):
                import_register(ledger, data, name=f"登记簿{index}.csv", officer="测试员")
        results.append((snapshot(ledger), ledger))
    (one, _), (bulk, bulk_ledger) = results
    return one, bulk, bulk_ledger


def assert_same(one: dict, bulk: dict) -> None:
    for key in one:
        assert bulk[key] == one[key], key


@pytest.fixture(params=["one write", "written every 97 cases", "no bulk indexing"])
def flush_every(request, monkeypatch):
    """The writer sends its rows to SQLite every FLUSH_EVERY cases: once for these small
    registers, or many times with people shared across the writes; and a batch below
    BULK_FROM cases keeps its indexes and the full-text trigger."""
    if request.param == "written every 97 cases":
        monkeypatch.setattr(writer, "FLUSH_EVERY", 97)
    if request.param == "no bulk indexing":
        monkeypatch.setattr(writer, "BULK_FROM", 10**9)


def test_a_generated_register_is_written_identically(tmp_path, flush_every, monkeypatch):
    one, bulk, ledger = both(tmp_path, [register_bytes(1200, seed=5)], monkeypatch)
    assert len(one["cases"]) > 1000
    assert sum(1 for case in one["cases"] if case[18]) > 100  # plenty of repeat links
    assert one["overdue"]["overdue"]  # and overdue clocks to compare
    assert_same(one, bulk)
    for (case_id,) in ledger.db.execute("SELECT id FROM cases"):
        assert differences(ledger.stored_state(case_id), ledger.replayed_state(case_id)) == []


@pytest.fixture(params=["read whole", "looked up by key"])
def lookups(request, monkeypatch):
    """Petitioners and their earlier cases are read whole when the run names as many
    people as the ledger holds, else looked up key by key: both ways here."""
    monkeypatch.setattr(Ledger, "many", lambda *args: request.param == "read whole")


def test_a_second_register_links_to_cases_already_in_the_ledger(tmp_path, flush_every,
                                                               lookups, monkeypatch):
    rows = samplegen.generate_rows(600, seed=9, start=dt.date(2025, 1, 1),
                                   end=dt.date(2026, 11, 20), repeat_share=0.4)
    rows.sort(key=lambda r: r["登记日期"])
    for row in rows:
        # A third of the petitioners give no ID number: known by name and phone only.
        if row["身份证号"][-2:-1] in ("0", "1", "2") and row["联系电话"]:
            row["身份证号"] = ""
    first, second = rows[:300], rows[300:]
    batches = []
    for part in (first, second):
        out = io.StringIO()
        samplegen._write(part, out)
        batches.append(out.getvalue().encode("utf-8"))
    one, bulk, _ = both(tmp_path, batches, monkeypatch)
    linked_across = [case for case in one["cases"] if case[18] and case[18] < case[0]]
    assert linked_across
    numbers_without_id = {number for number, _, id_number, *_ in one["people"] if not id_number}
    assert any(case[0] in numbers_without_id for case in linked_across)
    assert_same(one, bulk)


def test_a_petitioner_whose_phone_changes_after_a_write_keeps_the_latest(tmp_path,
                                                                        monkeypatch):
    # The same person in every row, with a new phone and address each time; the rows
    # reach SQLite one case at a time, so most changes come after the person was written.
    monkeypatch.setattr(writer, "FLUSH_EVERY", 1)
    rows = samplegen.generate_rows(6, seed=3, start=dt.date(2026, 1, 1),
                                   end=dt.date(2026, 11, 1), repeat_share=0)
    rows.sort(key=lambda r: r["登记日期"])
    for index, row in enumerate(rows):
        row.update({"姓名": rows[0]["姓名"], "身份证号": rows[0]["身份证号"],
                    "联系电话": f"1380000000{index}", "住址": f"新址{index}号"})
    out = io.StringIO()
    samplegen._write(rows, out)
    one, bulk, _ = both(tmp_path, [out.getvalue().encode("utf-8")], monkeypatch)
    assert [row[1:] for row in bulk["person_rows"]] == [
        (rows[0]["身份证号"], "13800000005", "新址5号")]
    assert_same(one, bulk)


@pytest.mark.parametrize("name", ["register-gbk.csv", "register-utf8bom.csv",
                                  "register-clean.csv"])
def test_the_sample_registers_are_written_identically(tmp_path, name, monkeypatch):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip("shared samples not present")
    one, bulk, _ = both(tmp_path, [path.read_bytes()], monkeypatch)
    assert_same(one, bulk)


def _joint_chain_intakes():
    """張 petitions; then 張 and 李 petition together about the same matter (a repeat of
    張's); then 李 alone. 李's case repeats the chain whose first case is 張's, which 李
    never signed: it links to that first case, as the joint case does."""
    from xinfang.cases.intake import Intake, Person

    zhang = Person(name="张三", phone="13800000001")
    li = Person(name="李四", phone="13800000002")
    return [Intake(channel="visit", content="小区物业乱收停车费，要求退还", category="城乡建设",
                   received_on=on, people=people)
            for on, people in ((dt.date(2026, 1, 5), [zhang]),
                               (dt.date(2026, 2, 5), [zhang, li]),
                               (dt.date(2026, 3, 5), [li]))]


@pytest.mark.parametrize("split", [3, 2], ids=["one run", "third case in a later run"])
def test_a_repeat_joins_the_whole_chain_also_through_a_joint_petition(tmp_path, lookups, split):
    intakes = _joint_chain_intakes()
    one = ledger_at(tmp_path / "one.db")
    for intake in intakes:
        acts.register(one, intake, officer="测试员")
    bulk = ledger_at(tmp_path / "bulk.db")
    for part in (intakes[:split], intakes[split:]):
        if part:
            writer.write_cases(bulk, [writer.NewCase(intake) for intake in part], "测试员")
    for ledger in (one, bulk):
        links = ledger.db.execute(
            "SELECT c.number, r.number, json_extract(e.details, '$.repeat_of') FROM cases c "
            "LEFT JOIN cases r ON r.id = c.repeat_of JOIN events e ON e.case_id = c.id "
            "AND e.kind = 'registered' ORDER BY c.id").fetchall()
        first = links[0][0]
        assert links[1][1:] == (first, first)
        assert links[2][1:] == (first, first)  # not the joint case: the chain's first
        for (case_id,) in ledger.db.execute("SELECT id FROM cases"):
            assert differences(ledger.stored_state(case_id),
                               ledger.replayed_state(case_id)) == []
    assert_same(snapshot(one), snapshot(bulk))
    # Registering now shows the whole chain, first case first.
    chain = acts.repeat_candidates(one, intakes[2])
    assert [case["id"] for case in chain] == [links[0][0], links[1][0], links[2][0]]
    assert [case["first"] for case in chain] == [True, False, False]
