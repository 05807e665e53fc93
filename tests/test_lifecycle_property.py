"""Whatever acts officers try, in whatever order, on whatever dates and with whatever
details, the ledger stays explainable: every case's stored state is the replay of its
events, and the events table holds exactly the acts that succeeded, as they were written.
"""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from xinfang import acts, practice
from xinfang.cases import lifecycle
from xinfang.cases.intake import make_intake, make_person
from xinfang.cases.lifecycle import TRANSITIONS
from xinfang.errors import DateBeforePrevious, FutureDate, NotAllowed, XinfangError
from xinfang.store import settings as ledger_settings
from xinfang.store import writer
from xinfang.store.ledger import Ledger

TODAY = dt.date(2026, 11, 23)
# A unit's rename is an act on the list of units that every case it holds follows
# (tests/test_corrections.py), not an act on one case; a re-judgement is recorded by the
# upgrade of an older ledger only (tests/test_rejudgement.py).
KINDS = sorted(kind for kind in TRANSITIONS
               if kind not in ("registered", "unit_renamed", "rejudged"))
PEOPLE = (("张三", "13812345678"), ("李四", "13912345678"), ("王五", None))


def mostly(likely: st.SearchStrategy, anything: st.SearchStrategy) -> st.SearchStrategy:
    """Three draws in four from `likely`, so random walks get deep into a case's life."""
    return st.one_of(likely, likely, likely, anything)


@functools.cache  # one strategy per state: building strategies is slow
def step(status: str | None) -> st.SearchStrategy:
    """One attempted act: mostly a step the case's state allows, with sensible details;
    otherwise anything from the table (asides included), with any details and date."""
    moves = [kind for kind in lifecycle.allowed_actions(status)
             if lifecycle.ANY not in TRANSITIONS[kind].sources]
    return st.tuples(
        mostly(st.sampled_from(moves or KINDS), st.sampled_from(KINDS)),
        mostly(st.integers(0, 6), st.integers(-6, 60)),  # days after the case's last act
        st.integers(0, 9).map(lambda x: x == 0),  # leave the date out (today)
        mostly(st.sampled_from(["人社局", "住建局"]), st.sampled_from(["人社", ""])),
        mostly(st.integers(1, 12), st.integers(-3, 35)),  # days of an extension, hearing …
        mostly(st.sampled_from(["理由", "拖欠工资 [b]"]),
               st.text(alphabet="理由拖欠工资 []\"'<>*", max_size=5)),  # maybe blank
        st.sampled_from([None, "满意", "基本满意", "不满意", "unreachable", "很好"]),
    )


intakes = st.lists(
    st.tuples(mostly(st.dates(dt.date(2025, 12, 1), dt.date(2026, 6, 30)),
                     st.dates(dt.date(2025, 12, 1), TODAY)),
              st.sampled_from(PEOPLE)),
    min_size=1, max_size=3,
)


def perform(ledger: Ledger, numbers: list[str], index: int, kind: str, on: dt.date | None,
            unit: str, n: int, text: str, choice: str | None) -> dict:
    """Try one act through the functions officers' commands call."""
    number = numbers[index]
    kw = {"officer": "王专干", "on": on}
    day = on or ledger.today
    pick = lambda options: options[n % len(options)]  # noqa: E731
    if kind in ("forwarded", "assigned"):
        # A report-by date goes with an assignment; one time in five it is wrong.
        with_date = (kind == "assigned") != (n % 5 == 0)
        return acts.forward(ledger, number, unit or "人社局", assign=kind == "assigned",
                               report_by=day + dt.timedelta(days=n) if with_date else None,
                               **kw)
    if kind == "objected":
        return acts.object_(ledger, number, text, **kw)
    if kind == "accepted":
        return acts.accept(ledger, number, **kw)
    if kind == "rejected":
        return acts.reject(ledger, number, pick(["handling", "final", "no_remit", "other",
                                                    "bogus"]), text=text, **kw)
    if kind == "redirected":
        return acts.redirect(ledger, number, pick(["litigation", "arbitration",
                                                      "admin-review", "other", "x"]),
                                text=text or None, **kw)
    if kind == "extended":
        return acts.extend(ledger, number, n, text, pick(["王局长", "张主任", "王局长", ""]),
                              **kw)
    if kind == "escalated":
        return acts.escalate(ledger, number, text, unit=unit or None,
                                leader=None if n % 3 == 0 else "李书记", plan=text or None,
                                target=day + dt.timedelta(days=n) if n > 0 else None, **kw)
    if kind == "closed":
        return acts.close(ledger, number, pick(["resolved", "partly", "unsupported",
                                                   "mediated", "withdrawn", "很好"]), text, **kw)
    if kind in ("review_requested", "review_concluded"):
        step = "request" if kind == "review_requested" else "conclude"
        return acts.review(ledger, number, step, note=text or None, **kw)
    if kind in ("recheck_requested", "recheck_concluded"):
        step = "request" if kind == "recheck_requested" else "conclude"
        return acts.recheck(ledger, number, step, note=text or None, **kw)
    if kind == "recheck_hearing":
        start = day - dt.timedelta(days=n % 7) if n >= 0 else day + dt.timedelta(days=1)
        return acts.recheck(ledger, number, "hearing", hearing_from=start, hearing_to=day,
                               **kw)
    if kind == "followed_up":
        return acts.followup(ledger, number, satisfaction=None if choice == "unreachable"
                                else choice, unreachable=choice == "unreachable",
                                note=text or None, **kw)
    if kind == "reopened":
        return acts.reopen(ledger, number, text, **kw)
    if kind == "note":
        return acts.record(ledger, number, "note", officer="王专干", on=on, details={"text": text})
    if kind == "revealed":
        return acts.record(ledger, number, "revealed", officer="王专干", on=on,
                          details={"fields": ["id_number", "phone"], "command": "show"})
    if kind == "exported":
        return acts.record(ledger, number, "exported", officer="王专干", on=on,
                           details={"format": "csv"})
    if kind == "notice":
        return acts.record(ledger, number, "notice", officer="王专干", on=on,
                           details={"kind": "receipt", "file": "回执.docx", "sha256": "0" * 64})
    if kind == "repeat_marked":
        other = numbers[(index + n) % len(numbers)] if n % 2 else None
        return acts.mark_repeat(ledger, number, officer="王专干", repeat_of=other, on=on)
    if kind == "people_linked":
        other = numbers[(index + n) % len(numbers)]
        return acts.link_people(ledger, number, other, same=bool(n % 2), officer="王专干",
                                on=on)
    if kind == "rerouted":
        return acts.reroute(ledger, number, unit or "住建局", reason=text,
                            report_by=day + dt.timedelta(days=n) if n % 3 == 0 else None, **kw)
    if kind == "report_due_changed":
        return acts.change_report_by(ledger, number, day + dt.timedelta(days=n), reason=text,
                                     **kw)
    if kind == "interim_reported":
        return acts.interim_report(ledger, number, text, next_report_by=day + dt.timedelta(
            days=n) if n % 2 else None, **kw)
    if kind == "voided":
        return acts.void(ledger, number, reason=text, **kw)
    if kind == "archived":
        return acts.record(ledger, number, "archived", officer="王专干", on=on,
                           details={"basis": "officer", "reason": text})
    if kind == "corrected":
        if n % 2:
            return acts.correct(ledger, number, reason=text, content=f"工地拖欠工资{n}", **kw)
        return acts.correct(ledger, number, reason=text,
                            received_on=TODAY - dt.timedelta(days=30 * n), **kw)
    if kind == "withdrawn":
        return acts.undo(ledger, number, reason=text, **kw)
    if kind == "delivered":
        return acts.deliver(ledger, number, pick(["opinion", "review", "recheck", "notify",
                                                  "extension", "x"]),
                            pick(["邮寄", "直接送达", "电子", "公告", "飞鸽"]), **kw)
    # The practice of offices (DOMAIN.md §9), through the functions its commands call.
    later = day + dt.timedelta(days=n)
    if kind == "led":
        return practice.lead(ledger, number, leader=None if n % 4 == 0 else "李书记",
                             unit=unit or None, plan=text or None, target=later,
                             goal="息诉罢访", requirements=text or None, **kw)
    if kind == "lead_target_changed":
        return practice.change_lead_target(ledger, number, later, text, **kw)
    if kind == "lead_progress":
        return practice.lead_progress(ledger, number, pick(["解决问题", "掌握情况", "x"]),
                                      text or None, **kw)
    if kind == "backlog_added":
        return practice.backlog_add(ledger, number, text, **kw)
    if kind == "backlog_closed":
        return practice.backlog_close(ledger, number, text, **kw)
    if kind == "meeting_referred":
        return practice.meeting_refer(ledger, number, pick(["镇联席会议", "县联席会议", "x"]),
                                      text, **kw)
    if kind == "meeting_held":
        tasks = [f"{unit or '人社局'}:{later.isoformat()}:{text or 'x'}"] * (n % 3)
        return practice.meeting_record(ledger, [number], "镇联席会议", text, tasks, **kw)[0]
    if kind == "meeting_task_done":
        return practice.meeting_done(ledger, [number], unit or "人社局", text, **kw)[0]
    if kind == "mediated":  # closing with it is two acts: the command line's tests try it
        return practice.mediate(ledger, number, place=text or None,
                                members=["律师:赵刚"] if n % 3 else [],
                                outcome=pick(["agreed", "failed"]), agreement=text or None,
                                **kw)[0]
    raise AssertionError(f"no way to try {kind}: add it to this test")


def written(event: dict) -> tuple:
    on = event["on"] if "on" in event else event["acted_on"]
    return (event["uid"], event["kind"], on, event["officer"], event["details"])


@settings(max_examples=60, deadline=None)
@given(intakes=intakes, data=st.data())
def test_any_sequence_of_acts_leaves_a_replayable_untouched_history(intakes, data):
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger.open(Path(tmp) / "ledger.db", create=True, today=TODAY)
        try:
            ledger_settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
            writer.add_unit(ledger, "人社局", "县区")
            writer.add_unit(ledger, "住建局", "县区")
            check(ledger, intakes, data)
        finally:
            ledger.close()


def check(ledger: Ledger, intakes, data) -> None:
    numbers: list[str] = []
    captured: dict[int, list[tuple]] = {}
    last: dict[int, dt.date] = {}
    for received, (name, phone) in sorted(intakes):
        intake = make_intake(channel="来访", content="工地拖欠工资", received_on=received,
                             today=TODAY, category="劳动社保",
                             people=[make_person(name, phone=phone)])
        number = acts.register(ledger, intake, officer="登记员").number
        case_id = ledger.find_case(number)
        numbers.append(number)
        # `register` returns only the number: its event is taken as first read.
        captured[case_id] = [written(event) for event in ledger.events(case_id)]
        assert [kind for _, kind, *_ in captured[case_id]] == ["registered"]
        last[case_id] = received

    for _ in range(data.draw(st.integers(0, 30), label="acts")):
        index = data.draw(st.integers(0, len(numbers) - 1), label="case")
        case_id = ledger.find_case(numbers[index])
        kind, shift, undated, unit, n, text, choice = data.draw(
            step(ledger.stored_state(case_id).status), label="act")
        on = None if undated else last[case_id] + dt.timedelta(days=shift)
        before = ledger.stored_state(case_id)
        count = ledger.db.execute("SELECT count(*) FROM events").fetchone()[0]
        try:
            event = perform(ledger, numbers, index, kind, on, unit, n, text, choice)
        except XinfangError as refused:
            # A refusal leaves no trace, and says why truthfully.
            assert ledger.stored_state(case_id) == before
            assert ledger.db.execute("SELECT count(*) FROM events").fetchone()[0] == count
            if isinstance(refused, NotAllowed):
                assert not lifecycle.allowed(before.status, kind)
            if isinstance(refused, FutureDate):
                # The act's date, or the received date a correction gives (n months back).
                corrected_to = TODAY - dt.timedelta(days=30 * n) \
                    if kind == "corrected" and n % 2 == 0 else TODAY
                assert (on or TODAY) > TODAY or corrected_to > TODAY
            if isinstance(refused, DateBeforePrevious):
                assert (on or TODAY) < before.last_on
            continue
        # Only an act the table allows, dated between the previous act and today, is taken.
        acted_on = dt.date.fromisoformat(event["acted_on"])
        assert lifecycle.allowed(before.status, event["kind"])
        # A delivery is dated by the petitioner's receipt: it may lie before acts
        # recorded since (never before the document it carries: acts.deliver).
        assert acted_on <= TODAY
        if event["kind"] not in lifecycle.DATED_BY_RECEIPT:
            assert before.last_on <= acted_on
            last[case_id] = acted_on
        captured[case_id].append(written(event))
        # A correction has the repeat rule judge the case again (a link that changes is
        # an event of its own, decided "auto"), a first case linked to another chain
        # takes its repeats along, and a first case voided leaves its chain to its
        # repeats (an event on each).
        later = ledger.db.execute("SELECT count(*) FROM events").fetchone()[0] - count - 1
        if later:
            assert event["kind"] in ("corrected", "repeat_marked", "voided")
            for other_id in captured:
                extra = [written(e) for e in ledger.events(other_id)][len(captured[other_id]):]
                assert all(kind == "repeat_marked" for _, kind, _, _, _ in extra)
                captured[other_id] += extra
                later -= len(extra)
            assert later == 0

    total = 0
    for case_id, expected in captured.items():
        stored, replayed = ledger.stored_state(case_id), ledger.replayed_state(case_id)
        assert lifecycle.differences(stored, replayed) == []
        assert [written(event) for event in ledger.events(case_id)] == expected
        # A joint meeting may give several tasks on a case: each is a clock of its own.
        running = [c.clock for c in stored.clocks if c.running and c.clock != "task"]
        assert len(running) == len(set(running)), f"a clock runs twice: {running}"
        total += len(expected)
    assert ledger.db.execute("SELECT count(*) FROM events").fetchone()[0] == total
