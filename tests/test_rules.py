"""The pure rules of DOMAIN.md §4–§5 on hand-made data: clock states (overdue, lapsed,
due soon across holidays), repeat petitions, collective and major visits, escalation."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xinfang import rules
from xinfang.cases import matching
from xinfang.cases.matching import Petition
from xinfang.deadlines.calendar import WorkCalendar
from xinfang.deadlines.clocks import DUTIES, WINDOWS
from xinfang.vocab import OPEN

D = dt.date
CALENDAR = WorkCalendar()
ID_A = "11010519491231002X"
ID_B = "371526196601318579"
PHONE = "13812345678"


def state(clock: str, due: dt.date, as_of: dt.date, *, stopped: dt.date | None = None,
          warning: int = 3) -> str:
    return rules.clock_state(clock, due, stopped, as_of, warning, CALENDAR)


# Clock states ---------------------------------------------------------------------------


@pytest.mark.parametrize("clock", DUTIES)
def test_a_duty_due_today_is_not_overdue_the_day_after_it_is(clock):
    due = D(2026, 11, 16)
    assert state(clock, due, due) == "due_soon"
    assert state(clock, due, due + dt.timedelta(days=1)) == "overdue"
    assert state(clock, due, D(2027, 3, 1)) == "overdue"


@pytest.mark.parametrize("clock", WINDOWS)
def test_a_window_past_its_end_lapses_and_is_never_overdue(clock):
    due = D(2026, 11, 16)
    assert state(clock, due, due) == "due_soon"
    assert state(clock, due, due + dt.timedelta(days=1)) == "lapsed"
    assert state(clock, due, D(2027, 3, 1)) == "lapsed"


@pytest.mark.parametrize("clock", [*DUTIES, *WINDOWS])
def test_a_stopped_clock_is_stopped_whatever_the_date(clock):
    due = D(2026, 11, 16)
    assert state(clock, due, D(2026, 12, 31), stopped=D(2026, 11, 20)) == "stopped"
    assert state(clock, due, D(2026, 11, 1), stopped=D(2026, 11, 2)) == "stopped"


@pytest.mark.parametrize(
    "as_of, due, expected",
    [
        # Monday 11-23: Tue, Wed, Thu are the three working days of the window.
        (D(2026, 11, 23), D(2026, 11, 26), "due_soon"),
        (D(2026, 11, 23), D(2026, 11, 27), "running"),
        # Friday 11-27: the weekend does not count; Mon, Tue, Wed do.
        (D(2026, 11, 27), D(2026, 12, 2), "due_soon"),
        (D(2026, 11, 27), D(2026, 12, 3), "running"),
        # National Day 10-01…10-07 is rest; Saturday 10-10 is a make-up working day.
        (D(2026, 9, 30), D(2026, 10, 9), "due_soon"),  # 10-08, 10-09
        (D(2026, 9, 30), D(2026, 10, 10), "due_soon"),  # 10-08, 10-09, 10-10
        (D(2026, 9, 30), D(2026, 10, 12), "running"),  # 10-12 is the 4th working day
        (D(2026, 10, 5), D(2026, 10, 8), "due_soon"),  # as of a holiday
        # Spring Festival 02-15…02-23 is rest; Saturday 02-14 is a make-up working day.
        (D(2026, 2, 13), D(2026, 2, 24), "due_soon"),  # 02-14, 02-24
        (D(2026, 2, 13), D(2026, 2, 25), "due_soon"),  # 02-14, 02-24, 02-25
        (D(2026, 2, 13), D(2026, 2, 26), "running"),
        (D(2026, 2, 12), D(2026, 2, 24), "due_soon"),  # 02-13, 02-14, 02-24
        (D(2026, 2, 11), D(2026, 2, 24), "running"),  # 02-12, 02-13, 02-14, 02-24
    ],
)
def test_due_soon_is_three_working_days(as_of, due, expected):
    assert state("forward", due, as_of) == expected


def test_the_warning_window_is_policy():
    as_of, due = D(2026, 11, 23), D(2026, 11, 27)  # the 4th working day
    assert state("handle", due, as_of, warning=3) == "running"
    assert state("handle", due, as_of, warning=4) == "due_soon"
    assert state("handle", D(2026, 11, 24), as_of, warning=0) == "running"


@settings(max_examples=200, deadline=None)
@given(
    clock=st.sampled_from([*DUTIES, *WINDOWS]),
    due=st.dates(D(2026, 1, 1), D(2026, 12, 31)),
    offset=st.integers(-60, 60),
)
def test_overdue_exactly_when_a_duty_is_past_its_due_date(clock, due, offset):
    as_of = due + dt.timedelta(days=offset)
    result = state(clock, due, as_of)
    assert (result == "overdue") == (clock in DUTIES and as_of > due)
    assert (result == "lapsed") == (clock in WINDOWS and as_of > due)
    if as_of <= due:
        assert result in ("due_soon", "running")


# Who is the same person ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, id_number, phone, keys",
    [
        ("张三", ID_A, PHONE, {f"id:{ID_A}", f"np:张三|{PHONE}"}),
        ("张三", ID_A.lower(), None, {f"id:{ID_A}"}),
        (" 张三 ", None, PHONE, {f"np:张三|{PHONE}"}),
        ("张三", None, None, set()),  # a name alone recognises nobody
        (None, None, PHONE, set()),
        (None, ID_B, None, {f"id:{ID_B}"}),
    ],
)
def test_person_keys(name, id_number, phone, keys):
    assert matching.person_keys(name, id_number, phone) == keys


# Same matter ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("开发商延期交付10个月", "开发商延期交付22个月"),  # other numbers, same complaint
        ("工地拖欠农民工工资", "工地拖欠农民工工资（再次反映）"),  # restated with an addition
        ("工地拖欠农民工工资", "多次反映工地拖欠农民工工资未果"),
        ("工地拖欠农民工工资。", "工地 拖欠 农民工 工资"),  # punctuation and spaces
        ("欠薪", "欠薪"),
    ],
)
def test_similar_matters_score_full_marks(a, b):
    assert matching.matter_similarity(a, b) == 100
    assert matching.matter_similarity(b, a) == 100


@pytest.mark.parametrize(
    "a, b, below",
    [
        ("工地拖欠农民工工资", "养殖场污水直排影响饮水", 30),
        ("欠薪", "欠款", 80),  # short texts: plain ratio, not a partial match
        ("", "工地拖欠农民工工资", 1),
        ("123", "工地拖欠农民工工资", 1),  # nothing left once digits are dropped
    ],
)
def test_different_matters_score_low(a, b, below):
    assert matching.matter_similarity(a, b) < below


# Repeat petitions ------------------------------------------------------------------------

P1 = frozenset({f"id:{ID_A}"})
P2 = frozenset({f"id:{ID_B}"})
WAGES = "工地拖欠农民工工资"
SEWAGE = "养殖场污水直排影响饮水"


def petition(key, received, people=P1, category="劳动和社会保障", content=WAGES, **kw):
    return Petition(key, received, frozenset(people), category, content, **kw)


def test_repeat_of_returns_the_first_matching_case():
    new = petition("new", D(2026, 5, 1), content=WAGES + "（再次反映）")
    earlier = [petition("b", D(2026, 4, 1)), petition("a", D(2026, 3, 1))]
    assert matching.repeat_of(new, earlier, {}, 80) == "a"


def test_repeat_of_follows_a_match_to_the_first_case_of_its_chain():
    new = petition("c", D(2026, 5, 1))
    assert matching.repeat_of(new, [petition("b", D(2026, 4, 1))], {"b": "a"}, 80) == "a"


@pytest.mark.parametrize(
    "old",
    [
        petition("a", D(2026, 3, 1), people=P2),  # another person, the same matter
        petition("a", D(2026, 3, 1), content=SEWAGE),  # the same person, another matter
        petition("a", D(2026, 3, 1), category="城乡建设"),  # same words, another category
    ],
)
def test_not_a_repeat(old):
    assert matching.repeat_of(petition("new", D(2026, 5, 1)), [old], {}, 80) is None


def test_the_similarity_threshold_is_policy():
    old = petition("a", D(2026, 3, 1), content="拆迁补偿款未到位")
    new = petition("new", D(2026, 5, 1), content="拆迁补偿款至今未到位")
    score = matching.matter_similarity(old.content, new.content)
    assert 70 < score < 80
    assert matching.repeat_of(new, [old], {}, 80) is None
    assert matching.repeat_of(new, [old], {}, 70) == "a"


def test_chains_link_every_repeat_to_the_first_case():
    petitions = [
        petition(1, D(2026, 3, 1)),
        petition(2, D(2026, 4, 1), content=WAGES + "（再次反映）"),
        petition(3, D(2026, 5, 1), content="多次反映" + WAGES + "未果"),
        petition(4, D(2026, 5, 2), people=P2),  # another person
        petition(5, D(2026, 5, 3), content=SEWAGE),  # another matter
        petition(6, D(2026, 6, 1), content=SEWAGE + "，仍未整改"),
    ]
    expected = {2: 1, 3: 1, 6: 5}
    assert matching.repeat_chains(petitions, 80) == expected
    shuffled = petitions[:]
    random.Random(7).shuffle(shuffled)
    assert matching.repeat_chains(shuffled, 80) == expected


def test_chains_recognise_a_person_by_name_and_phone_without_an_id():
    zhang = frozenset({f"np:张三|{PHONE}"})
    other_phone = frozenset({"np:张三|13900001111"})
    petitions = [
        petition(1, D(2026, 3, 1), people=zhang),
        petition(2, D(2026, 4, 1), people=zhang),
        petition(3, D(2026, 4, 2), people=other_phone),  # a namesake
    ]
    assert matching.repeat_chains(petitions, 80) == {2: 1}


def test_a_chain_runs_through_a_case_with_two_petitioners_to_its_first_case():
    petitions = [
        petition(1, D(2026, 3, 1), people=P1),
        petition(2, D(2026, 4, 1), people=P1 | P2),
        petition(3, D(2026, 5, 1), people=P2),
    ]
    assert matching.repeat_chains(petitions, 80) == {2: 1, 3: 1}


def test_chains_keep_the_officers_decisions():
    petitions = [
        petition(1, D(2026, 3, 1)),
        petition(2, D(2026, 4, 1), decision="not_repeat"),  # the officer: a new matter
        petition(3, D(2026, 5, 1)),
        petition(4, D(2026, 5, 2), content=SEWAGE, decision="officer", linked_to=3),
        petition(5, D(2026, 5, 3), people=P2, content=SEWAGE, decision="officer", linked_to=1),
    ]
    # 3 repeats 1, the first case, not 2; links by hand go to the first case of the chain.
    assert matching.repeat_chains(petitions, 80) == {3: 1, 4: 1, 5: 1}


@pytest.mark.parametrize(
    "statuses, flags",
    [
        *[([status], ["repeat", "repeat_being_handled"]) for status in OPEN],
        (["closed"], ["repeat"]),
        (["reviewed"], ["repeat"]),
        (["rejected"], ["repeat"]),
        (["redirected"], ["repeat"]),
        (["final"], ["repeat", "repeat_final"]),
        (["final", "accepted"], ["repeat", "repeat_being_handled", "repeat_final"]),
        (["closed", "closed"], ["repeat"]),
    ],
)
def test_repeat_flags(statuses, flags):
    assert rules.repeat_flags(iter(statuses)) == flags


people_st = st.frozensets(st.sampled_from(["id:A", "id:B", "np:王五|13900001111"]),
                          min_size=1, max_size=2)
petitions_st = st.lists(
    st.tuples(st.dates(D(2026, 1, 1), D(2026, 3, 31)), people_st,
              st.sampled_from(["劳动和社会保障", "城乡建设"]),
              st.sampled_from([WAGES, WAGES + "（再次反映）", SEWAGE, "违章建筑影响采光"])),
    max_size=12,
).map(lambda rows: [Petition(i, *row) for i, row in enumerate(rows)])


@settings(max_examples=100, deadline=None)
@given(petitions=petitions_st, seed=st.integers(0, 1000))
def test_chain_invariants(petitions, seed):
    roots = matching.repeat_chains(petitions, 80)
    by_key = {p.key: p for p in petitions}
    for member, root in roots.items():
        assert root not in roots  # linked to the first case, never to another repeat
        assert member != root
        first, repeat = by_key[root], by_key[member]
        assert (first.received_on, first.key) < (repeat.received_on, repeat.key)
        assert first.category == repeat.category
    for p in petitions:  # a case with an earlier case of its people and matter is a repeat
        earlier = [o for o in petitions if (o.received_on, o.key) < (p.received_on, p.key)
                   and o.people & p.people and matching.same_matter(o, p, 80)]
        assert (p.key in roots) == bool(earlier)
    shuffled = petitions[:]
    random.Random(seed).shuffle(shuffled)
    assert matching.repeat_chains(shuffled, 80) == roots


# Collective visits, major reports, escalation --------------------------------------------


@pytest.mark.parametrize("headcount, expected", [(1, False), (4, False), (5, True), (40, True)])
def test_collective_from_five(headcount, expected):
    assert rules.is_collective(headcount, 5) is expected


def test_the_collective_headcount_is_policy():
    assert rules.is_collective(5, 10) is False
    assert rules.is_collective(10, 10) is True


@pytest.mark.parametrize(
    "people, headcount, expected",
    [(6, 30, True), (5, 30, False), (1, 30, False), (6, 6, True)],
)
def test_more_than_five_representatives_of_a_group_is_warned(people, headcount, expected):
    assert rules.too_many_representatives(people, headcount, 5, 5) is expected


@pytest.mark.parametrize(
    "headcount, flags, expected",
    [
        (5, [], True),
        (4, [], False),
        (1, ["to_province"], True),
        (1, ["to_beijing"], True),
        (4, ["escalated", "repeat", "final"], False),
    ],
)
def test_major(headcount, flags, expected):
    assert rules.is_major(headcount, flags, 5) is expected


@pytest.mark.parametrize(
    "days_overdue, chain, escalated, expected",
    [
        (15, 1, False, False),  # more than 15 days, not 15
        (16, 1, False, True),
        (0, 2, False, False),
        (0, 3, False, True),  # a chain of three petitions
        (3, 5, False, True),
        (40, 1, True, False),  # already escalated
        (0, 4, True, False),
    ],
)
def test_needs_escalation(days_overdue, chain, escalated, expected):
    assert rules.needs_escalation(days_overdue, chain, escalated, 15, 3) is expected
