"""The optimised reports of a 10,000-case ledger against a straightforward reference.

One imported register of 10,000 cases (two years, ending a few days before TODAY) is
checked twice over:

- the overdue report, which reads the stored clocks table through its due-date index, is
  compared with the duty clocks that a replay of every case's events gives (the events
  are the ledger's record; the clocks table and `next_due_on` are only derived from them);
- the repeat chains, which `matching.repeat_chains` finds through an index by petitioner, are
  compared with a case-by-case pass that takes each case in order of receipt, looks at
  every earlier case sharing a petitioner and applies the repeat rule pair by pair.

The comparisons return lists of differences rather than asserting at once, so that the
last tests can show that each of them notices a single changed entry.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import samplegen

from xinfang import reports, rules
from xinfang.cases import matching
from xinfang.cases.identity import Who
from xinfang.cases.lifecycle import CaseState
from xinfang.dates import parse_date
from xinfang.deadlines.arithmetic import working_days_between
from xinfang.deadlines.clocks import DUTIES
from xinfang.registers.importer import import_register
from xinfang.store import queries, settings
from xinfang.store.ledger import Ledger

TODAY = dt.date(2026, 11, 23)
START, END = dt.date(2025, 1, 1), dt.date(2026, 11, 20)
CASES = 10_000
# TODAY (a Monday); a Friday, whose warning window spans a weekend; and a day whose
# window spans the New Year holiday.
AS_OF_DAYS = [TODAY, dt.date(2026, 11, 27), dt.date(2026, 12, 30)]
ACCEPTED = "受理日期"


# The ledger ------------------------------------------------------------------------------


def register_bytes(n: int, seed: int) -> bytes:
    """A messy GBK register of `n` rows, a quarter of them repeats, shaped like a real
    office's book (the idea of bench/run.py): most old rows are finished, so about a tenth
    of the cases are still open and overdue; some open rows carry an accepted date, so
    that handling clocks run too, not only forwarding and notification."""
    rows = samplegen.generate_rows(n, seed=seed, start=START, end=END, messy=True,
                                   repeat_share=0.25)
    rng = random.Random(seed)
    cutoff = END - dt.timedelta(days=40)
    for row in rows:
        row[ACCEPTED] = ""
        if row["办理结果"] or not row["登记日期"]:
            continue
        received = parse_date(row["登记日期"])
        if received < cutoff and rng.random() < 0.72:
            closed = min(END, received + dt.timedelta(days=rng.randint(5, 50)))
            row["办理结果"], row["办结日期"] = "已办结", closed.isoformat()
        elif rng.random() < 0.4:
            accepted = min(END, received + dt.timedelta(days=rng.randint(0, 10)))
            row[ACCEPTED] = accepted.isoformat()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*samplegen.HEADERS, ACCEPTED], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("gbk")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Iterator[Ledger]:
    """One ledger of 10,000 cases imported on the bulk path, as of TODAY."""
    path: Path = tmp_path_factory.mktemp("reference") / "ledger.db"
    ledger = Ledger.open(path, create=True, today=TODAY)
    settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
    summary = import_register(ledger, register_bytes(CASES, seed=23), name="登记簿.csv",
                              officer="测试员")
    assert summary.rejected == []
    yield ledger
    ledger.close()


@dataclass
class Replayed:
    number: str
    state: CaseState


@pytest.fixture(scope="module")
def replayed(ledger) -> list[Replayed]:
    """Every case's state from its events alone (`Ledger.replayed_state`), never from
    the stored clocks or case columns."""
    return [Replayed(number, ledger.replayed_state(case_id))
            for case_id, number in ledger.db.execute("SELECT id, number FROM cases ORDER BY id")]


# The overdue report, the straightforward way ---------------------------------------------

# What is compared of each listed clock: case number, clock, due date, days overdue (None
# when due soon), days left and the responsible unit (which the report groups by).
Entry = tuple[str, str, str, int | None, int, str | None]


def reference_overdue(ledger: Ledger, cases: list[Replayed], as_of: dt.date
                      ) -> dict[str, list[Entry]]:
    """The overdue report by its definitions (reports.overdue, rules.clock_state): every
    running duty clock (windows lapse and are never listed) due before `as_of` is overdue,
    by the calendar days since its due date; one due on `as_of` or within the policy's
    warning window of working days after it is due soon."""
    warning = ledger.policy.number("warning_days")
    late: list[Entry] = []
    soon: list[Entry] = []
    for case in cases:
        for clock in case.state.clocks:
            if not clock.running or clock.clock not in DUTIES:
                continue
            due = clock.due_on
            if due < as_of:
                days = (as_of - due).days
                late.append((case.number, clock.clock, due.isoformat(), days, -days,
                             case.state.unit))
            elif working_days_between(as_of, due, ledger.calendar) <= warning:
                soon.append((case.number, clock.clock, due.isoformat(), None,
                             (due - as_of).days, case.state.unit))
    return {"overdue": late, "due_soon": soon}


def report_entries(report: dict[str, Any]) -> dict[str, list[Entry]]:
    return {section: [(i["id"], i["clock"], i["due_on"], i["days_overdue"], i["days_left"],
                       i["unit"]) for i in report[section]]
            for section in ("overdue", "due_soon")}


def _some(entries: Counter, limit: int = 5) -> str:
    shown = sorted(entries.elements(), key=repr)[:limit]
    return ", ".join(map(str, shown)) + (" …" if entries.total() > limit else "")


def overdue_differences(report: dict[str, Any], expected: dict[str, list[Entry]]) -> list[str]:
    """How the report's entries differ from the expected ones, as multisets: entries
    missing, entries the report has in excess (a listed clock twice included)."""
    got = report_entries(report)
    found = []
    for section in ("overdue", "due_soon"):
        want, have = Counter(expected[section]), Counter(got[section])
        if want - have:
            found.append(f"{section}: {(want - have).total()} missing: {_some(want - have)}")
        if have - want:
            found.append(f"{section}: {(have - want).total()} unexpected: {_some(have - want)}")
    return found


def order_problems(report: dict[str, Any]) -> list[str]:
    """Where the report departs from its documented order: overdue items grouped by
    responsible unit, the unit with the most overdue case first, most overdue first within
    a unit; due-soon items soonest first."""
    found = []
    groups: list[tuple[str | None, list[int]]] = []
    for item in report["overdue"]:
        if groups and groups[-1][0] == item["unit"]:
            groups[-1][1].append(item["days_overdue"])
        else:
            groups.append((item["unit"], [item["days_overdue"]]))
    units = Counter(unit for unit, _ in groups)
    split = sorted(str(unit) for unit, count in units.items() if count > 1)
    if split:
        found.append(f"units listed in more than one place: {split}")
    for (unit_a, days_a), (unit_b, days_b) in pairwise(groups):
        if days_a[0] < days_b[0]:
            found.append(f"unit {unit_b} (most overdue {days_b[0]}) after {unit_a} "
                         f"(most overdue {days_a[0]})")
    for unit, days in groups:
        if days != sorted(days, reverse=True):
            found.append(f"unit {unit}: not most overdue first")
    due = [item["due_on"] for item in report["due_soon"]]
    if due != sorted(due):
        found.append("due soon: not soonest first")
    return found


@pytest.fixture(scope="module")
def on_today(ledger, replayed) -> tuple[dict[str, Any], dict[str, list[Entry]]]:
    return reports.overdue(ledger, TODAY), reference_overdue(ledger, replayed, TODAY)


# Repeat chains, the straightforward way --------------------------------------------------


@dataclass
class Petitions:
    """Every case in order of receipt (received date, then row id), as the repeat rule
    reads it (`matching.Petition`: its petitioners as recorded, category, content)."""

    numbers: list[str]
    petitions: list[matching.Petition]


def load_petitions(ledger: Ledger) -> Petitions:
    people: dict[int, list[Who]] = {}
    for case_id, person_id, name, id_number, phone, address in ledger.db.execute(
        "SELECT case_id, person_id, name, id_number, phone, address FROM case_people "
        "ORDER BY case_id, position"
    ):
        people.setdefault(case_id, []).append(Who.given(person_id, name, id_number, phone,
                                                        address))
    rows = ledger.db.execute(
        "SELECT id, number, received_on, category, content FROM cases "
        "ORDER BY received_on, id").fetchall()
    return Petitions([r[1] for r in rows], [
        matching.Petition(r[0], dt.date.fromisoformat(r[2]), tuple(people.get(r[0], ())),
                          r[3], r[4]) for r in rows])


def _same_name_or_number(a: matching.Petition, b: matching.Petition) -> bool:
    """What any evidence of one person needs (identity.same_person): one ID number, one
    person record, or one name (with a phone or an address to go with it)."""
    return any((x.record is not None and x.record == y.record) or (x.id_number and x.id_number == y.id_number)
               or (x.name and x.name == y.name) for x in a.people for y in b.people)


def earlier_sharing_a_petitioner(petitions: Petitions) -> list[list[int]]:
    """For each case (by position), the earlier cases that may share a petitioner with
    it (the same name, ID number or person record), in order of receipt. A map from name
    and number to the cases seen under them gives exactly the cases a scan of all earlier
    ones would (checked in a test below), at a fraction of the cost."""
    seen: dict[Any, list[int]] = {}
    out = []
    for position, petition in enumerate(petitions.petitions):
        keys = {("record", who.record) for who in petition.people
                if who.record is not None} \
            | {("id", who.id_number) for who in petition.people if who.id_number} \
            | {("name", who.name) for who in petition.people if who.name}
        out.append(sorted({earlier for key in keys for earlier in seen.get(key, ())}))
        for key in keys:
            seen.setdefault(key, []).append(position)
    return out


def reference_chains(ledger: Ledger, petitions: Petitions,
                     candidates: list[list[int]]) -> dict[str, list[str]]:
    """Each chain's first case → its cases in order of receipt, first case first.

    Each case, in order of receipt, is put to the repeat rule (`Scorer.repeat`: the
    same person by `identity.same_person`, the same matter by the score) against every
    earlier case that may share a petitioner, each with its chain's first case."""
    scorer = ledger.repeat_scorer()
    first_of: dict[int, int] = {}
    by_key = {p.key: position for position, p in enumerate(petitions.petitions)}
    for position, earlier in enumerate(candidates):
        petition = petitions.petitions[position]
        found = scorer.repeat(petition, [
            (petitions.petitions[other], petitions.petitions[first_of.get(other, other)].key)
            for other in earlier])
        if found is not None:
            first_of[position] = by_key[found.root]
    chains: dict[str, list[str]] = {}
    for position in sorted(first_of):
        first = petitions.numbers[first_of[position]]
        chains.setdefault(first, [first]).append(petitions.numbers[position])
    return chains


def chain_differences(report: list[dict[str, Any]], expected: dict[str, list[str]]
                      ) -> list[str]:
    """How the report's chains differ from the expected ones: chains missing or in
    excess, a chain with other cases or in another order, a chain's first case or length
    misreported, and chains not longest first."""
    found = []
    got = {chain["first"]: [case["id"] for case in chain["cases"]] for chain in report}
    if len(got) != len(report):
        found.append("a first case heads more than one chain")
    missing, extra = expected.keys() - got.keys(), got.keys() - expected.keys()
    if missing:
        found.append(f"{len(missing)} chains missing, first cases: {sorted(missing)[:5]}")
    if extra:
        found.append(f"{len(extra)} unexpected chains, first cases: {sorted(extra)[:5]}")
    differ = sorted(first for first in expected.keys() & got.keys()
                    if got[first] != expected[first])
    for first in differ[:5]:
        found.append(f"chain {first}: {got[first]} != expected {expected[first]}")
    if len(differ) > 5:
        found.append(f"… {len(differ) - 5} more chains differ")
    for chain in report:
        if chain["cases"][0]["id"] != chain["first"] or chain["length"] != len(chain["cases"]):
            found.append(f"chain {chain['first']}: first case or length misreported")
    lengths = [chain["length"] for chain in report]
    if lengths != sorted(lengths, reverse=True):
        found.append("chains not longest first")
    return found


@pytest.fixture(scope="module")
def petitions(ledger) -> Petitions:
    return load_petitions(ledger)


@pytest.fixture(scope="module")
def candidates(petitions) -> list[list[int]]:
    return earlier_sharing_a_petitioner(petitions)


@pytest.fixture(scope="module")
def chains(ledger, petitions, candidates) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    return reports.repeat_chains(ledger), reference_chains(ledger, petitions, candidates)


# The checks ------------------------------------------------------------------------------


def test_the_ledger_has_plenty_to_check(ledger, on_today, chains):
    """Every row became a case, and there is a lot to compare: hundreds of overdue clocks
    of each duty the register can leave running, due-soon clocks, and hundreds of repeat
    chains, some of three cases or more — so no comparison below passes on empty lists."""
    assert ledger.db.execute("SELECT count(*) FROM cases").fetchone()[0] == CASES
    _, expected = on_today
    kinds = Counter(entry[1] for entry in expected["overdue"])
    assert len(expected["overdue"]) >= 800
    assert kinds["forward"] >= 100 and kinds["notify"] >= 300 and kinds["handle"] >= 100
    assert len({entry[5] for entry in expected["overdue"]}) >= 10  # units to group by
    assert len(expected["due_soon"]) >= 30
    _, reference = chains
    assert len(reference) >= 1000
    assert sum(len(cases) - 1 for cases in reference.values()) >= 2000  # repeat links
    assert sum(len(cases) >= 3 for cases in reference.values()) >= 200


@pytest.mark.parametrize("as_of", AS_OF_DAYS, ids=str)
def test_the_overdue_report_lists_what_a_replay_of_every_case_gives(ledger, replayed, as_of):
    """The report (stored clocks, SQL over the due-date index) lists exactly the running
    duty clocks that replaying each case's events gives, overdue or due soon, with the
    same due dates, days overdue, days left and responsible units."""
    report = reports.overdue(ledger, as_of)
    assert report["as_of"] == as_of.isoformat()
    assert overdue_differences(report, reference_overdue(ledger, replayed, as_of)) == []


@pytest.mark.parametrize("as_of", AS_OF_DAYS, ids=str)
def test_the_overdue_report_is_in_its_documented_order(ledger, as_of):
    """Grouped by responsible unit, the unit with the most overdue case first, most
    overdue first within a unit; due soon, soonest first."""
    assert order_problems(reports.overdue(ledger, as_of)) == []


def test_the_overdue_report_for_one_unit_is_that_units_part(ledger, on_today):
    """`--unit` gives the unit's own entries, no more and no fewer."""
    _, expected = on_today
    unit = Counter(entry[5] for entry in expected["overdue"] if entry[5]).most_common(1)[0][0]
    mine = {section: [entry for entry in entries if entry[5] == unit]
            for section, entries in expected.items()}
    report = reports.overdue(ledger, TODAY, unit)
    assert overdue_differences(report, mine) == []
    assert order_problems(report) == []


@pytest.mark.parametrize("as_of", AS_OF_DAYS, ids=str)
def test_the_reference_agrees_with_the_clock_states_of_the_rules(ledger, replayed, as_of):
    """The reference's reading of "overdue" and "due soon" is `rules.clock_state`'s, for
    every running clock of the ledger (a window past its end lapses instead)."""
    expected = reference_overdue(ledger, replayed, as_of)
    listed = {(entry[0], entry[1]): section for section, entries in expected.items()
              for entry in entries}
    warning = ledger.policy.number("warning_days")
    for case in replayed:
        for clock in case.state.clocks:
            if not clock.running:
                continue
            state = rules.clock_state(clock.clock, clock.due_on, None, as_of, warning,
                                      ledger.calendar)
            section = listed.get((case.number, clock.clock))
            if clock.clock in DUTIES:
                assert section == {"overdue": "overdue", "due_soon": "due_soon"}.get(state), \
                    (case.number, clock.clock, state)
            else:
                assert section is None and state in ("lapsed", "due_soon", "running")


@pytest.mark.parametrize("as_of", AS_OF_DAYS, ids=str)
def test_list_overdue_selects_the_cases_the_rule_calls_overdue(ledger, replayed, as_of):
    """`list --overdue` filters in SQL on the case's next due date; it selects exactly the
    cases with a running duty clock that `rules.clock_state` calls overdue that day."""
    warning = ledger.policy.number("warning_days")
    expected = {case.number for case in replayed if any(
        clock.running and rules.clock_state(clock.clock, clock.due_on, None, as_of, warning,
                                            ledger.calendar) == "overdue"
        for clock in case.state.clocks)}
    records, total = queries.list_cases(ledger, queries.Filters(overdue=True, as_of=as_of),
                                        as_of=as_of, limit=None)
    assert len(expected) >= 100
    assert {record["id"] for record in records} == expected and total == len(expected)


def test_the_repeat_chains_are_what_the_rule_gives_case_by_case(chains):
    """The whole-ledger repeat chains (an index by petitioner) are the chains the repeat
    rule gives when each case, in order of receipt, is compared with every earlier case
    of a shared petitioner: the same first cases, the same members in order of receipt,
    longest chains first."""
    report, reference = chains
    assert chain_differences(report, reference) == []


def test_earlier_cases_sharing_a_petitioner_are_those_a_full_scan_finds(petitions, candidates):
    """The reference's shared-petitioner lists equal a plain scan of every earlier case
    (the same name, ID number or record), for every seventh case — a tenth of a second
    where the whole scan would take seconds."""
    for position in range(0, len(petitions.petitions), 7):
        mine = petitions.petitions[position]
        scan = [other for other in range(position)
                if _same_name_or_number(mine, petitions.petitions[other])]
        assert candidates[position] == scan, petitions.numbers[position]


# Each comparison notices a change -------------------------------------------------------


def _drop_first(expected, section):
    expected[section].pop(0)


def _one_day_off(expected, section):
    number, clock, due, days, left, unit = expected[section][0]
    expected[section][0] = (number, clock, due, None if days is None else days + 1, left - 1,
                            unit)


def _other_unit(expected, section):
    number, clock, due, days, left, unit = expected[section][-1]
    expected[section][-1] = (number, clock, due, days, left, "另一个单位")


def _other_due_date(expected, section):
    number, clock, due, days, left, unit = expected[section][0]
    later = (dt.date.fromisoformat(due) + dt.timedelta(days=1)).isoformat()
    expected[section][0] = (number, clock, later, days, left, unit)


def _twice(expected, section):
    expected[section].append(expected[section][0])


@pytest.mark.parametrize("section", ["overdue", "due_soon"])
@pytest.mark.parametrize("change", [_drop_first, _one_day_off, _other_unit, _other_due_date,
                                    _twice])
def test_the_overdue_comparison_notices_one_changed_entry(on_today, section, change):
    """One entry of the reference dropped, a day off, under another unit, with another
    due date or listed twice: the comparison with the real report finds a difference."""
    report, expected = on_today
    changed = copy.deepcopy(expected)
    change(changed, section)
    assert overdue_differences(report, changed) != []


def test_the_order_check_notices_a_misplaced_item(on_today):
    """Sorting by days overdue alone breaks the grouping by unit; putting the last unit's
    group first, or the latest due-soon item first, breaks the order."""
    report, _ = on_today
    by_days = dict(report, overdue=sorted(report["overdue"], key=lambda i: -i["days_overdue"]))
    assert order_problems(by_days) != []
    last_unit = report["overdue"][-1]["unit"]
    last_worst = max(i["days_overdue"] for i in report["overdue"] if i["unit"] == last_unit)
    assert last_worst < report["overdue"][0]["days_overdue"]
    moved = dict(report, overdue=[i for i in report["overdue"] if i["unit"] == last_unit]
                 + [i for i in report["overdue"] if i["unit"] != last_unit])
    assert order_problems(moved) != []
    soon = dict(report, due_soon=report["due_soon"][::-1])
    assert report["due_soon"][0]["due_on"] < report["due_soon"][-1]["due_on"]
    assert order_problems(soon) != []


def _longest(expected):
    return max(expected, key=lambda first: (len(expected[first]), first))


def _link_dropped(expected):
    expected[_longest(expected)].pop()


def _moved_to_another_chain(expected):
    longest = _longest(expected)
    other = next(first for first in expected if first != longest)
    expected[other].append(expected[longest].pop())


def _repeats_swapped(expected):
    cases = expected[_longest(expected)]
    cases[1], cases[2] = cases[2], cases[1]


def _chain_missing(expected):
    del expected[min(expected)]


def _new_first_case(expected):
    cases = expected.pop(_longest(expected))
    expected[cases[1]] = cases[1:]


@pytest.mark.parametrize("change", [_link_dropped, _moved_to_another_chain, _repeats_swapped,
                                    _chain_missing, _new_first_case])
def test_the_chain_comparison_notices_one_changed_chain(chains, change):
    """One repeat link dropped, a repeat moved to another chain, two repeats in the wrong
    order, a chain missing or headed by the wrong case: the comparison finds it."""
    report, reference = chains
    changed = copy.deepcopy(reference)
    change(changed)
    assert chain_differences(report, changed) != []


def test_the_chain_comparison_notices_chains_out_of_order(chains):
    """Shortest chains first, or a chain's length misreported, is a difference too."""
    report, reference = chains
    assert chain_differences(report[::-1], reference) != []
    wrong_length = copy.deepcopy(report)
    wrong_length[0]["length"] += 1
    assert chain_differences(wrong_length, reference) != []
