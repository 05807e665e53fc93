"""The figures by case (DOMAIN.md §6), as provincial petition-analysis code counts them:
及时受理率 = 及时受理 ÷ 总数 (each case 及时受理, 超期受理 or 超期未受理); 按期办结率 =
按期 ÷ (按期 + 超期 + 未答复 + 超期未答复); 参评率 = 已评价 ÷ (已评价 + 超期未评价); 满意率
= (满意 + 基本满意) ÷ (满意 + 基本满意 + 不满意); 重复信访率 = 重件次 ÷ 总件次 — each for
the petition office (its own duty, 登记转送) and the responsible units (受理告知, 办理)
apart. Expected classes are worked out by hand from the dates below."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from xinfang import acts, figures, reports
from xinfang.cases.intake import make_intake, make_person
from xinfang.store import writer
from xinfang.store.ledger import Ledger

D = dt.date.fromisoformat
OFFICER = "王专干"
TODAY = D("2026-11-23")


def span(clock, started, due, stopped=None, late=False, sat=None):
    return figures.Span(clock, D(started), D(due), D(stopped) if stopped else None, late, sat)


@pytest.mark.parametrize("spans,expected", [
    ([span("forward", "2026-08-01", "2026-08-17", "2026-08-10")], "timely"),
    ([span("forward", "2026-08-01", "2026-08-17", "2026-08-20", late=True)], "late"),
    ([span("forward", "2026-08-01", "2026-08-17")], "late_open"),
    ([span("forward", "2026-11-20", "2026-12-07")], None),  # not yet due
    # Sent back by the unit and forwarded again late: the case was accepted late.
    ([span("forward", "2026-08-01", "2026-08-17", "2026-08-10"),
      span("forward", "2026-08-12", "2026-08-27", "2026-09-01", late=True)], "late"),
])
def test_a_case_is_timely_late_or_late_and_open(spans, expected):
    assert figures.acceptance(spans, TODAY) == expected


@pytest.mark.parametrize("handle,expected", [
    (span("handle", "2026-08-01", "2026-09-30", "2026-09-30"), "on_time"),
    (span("handle", "2026-08-01", "2026-09-30", "2026-10-08", late=True), "late"),
    (span("handle", "2026-10-01", "2026-11-30"), "open"),
    (span("handle", "2026-08-01", "2026-09-30"), "late_open"),
])
def test_a_handling_is_on_time_late_open_or_late_and_open(handle, expected):
    assert figures.closing(handle, TODAY) == expected


def test_count_gives_numerator_denominator_and_every_class():
    got = figures.count("on_time_closing.unit", {"a": "on_time", "b": "late", "c": "open",
                                                 "d": "late_open", "e": "on_time"})
    assert (got["numerator"], got["denominator"], got["rate"]) == (2, 5, 0.4)
    got = figures.count("timely_acceptance.office", {"a": "timely", "b": "not_due"})
    assert (got["numerator"], got["denominator"]) == (1, 1)
    assert got["counts"] == {"timely": 1, "not_due": 1}


# On a ledger ----------------------------------------------------------------------------------


@pytest.fixture
def office(ledger: Ledger) -> Ledger:
    for name in ("人社局", "住建局"):
        writer.add_unit(ledger, name, "县区")
    return ledger


def register(ledger: Ledger, on: str, name: str, content: str = "工地拖欠工资") -> str:
    intake = make_intake(channel="来访", content=content, received_on=D(on),
                         today=ledger.today, people=[make_person(name, None, "13812345678")])
    return acts.register(ledger, intake, officer="登记员").number


def rate(result, code):
    figure = result["figures"][code]
    return figure["numerator"], figure["denominator"]


def test_the_office_and_the_units_are_counted_apart(office):
    """The office forwarded late (超期受理 for 信访部门) but the unit decided on time
    (及时受理 for 责任单位): by clock both are mixed in one figure."""
    late_forward = register(office, "2026-08-03", "甲")  # forward due 08-18
    acts.forward(office, late_forward, "人社局", officer=OFFICER, on=D("2026-08-25"))
    acts.accept(office, late_forward, officer=OFFICER, on=D("2026-08-28"))
    on_time = register(office, "2026-08-04", "乙", "违建拆除")
    acts.forward(office, on_time, "住建局", officer=OFFICER, on=D("2026-08-05"))
    # 住建局 never decides: notify due 08-20, 超期未受理 for the unit.
    result = reports.stats(office, D("2026-08-01"), D("2026-08-31"))
    assert result["definitions"] == "case"
    assert rate(result, "timely_acceptance.office") == (1, 2)
    assert rate(result, "timely_acceptance.unit") == (1, 2)
    assert result["figures"]["timely_acceptance.unit"]["counts"] == {"timely": 1,
                                                                     "late_open": 1}
    assert rate(result, "on_time_closing.unit") == (0, 1)  # accepted 08-28, open past 10-27
    clock = reports.stats(office, D("2026-08-01"), D("2026-08-31"), definitions="clock")
    # By clock, one figure of both duties: forward ×2 (one late), notify ×2 (one unstopped).
    assert rate(clock, "timely_acceptance") == (2, 4)


def test_units_are_ranked_by_their_own_figures(office):
    for n, unit in enumerate(("人社局", "住建局")):
        number = register(office, "2026-08-03", f"丙{n}", f"事项{n}")
        acts.forward(office, number, unit, officer=OFFICER, on=D("2026-08-04"))
        acts.accept(office, number, officer=OFFICER, on=D("2026-08-05"))
        acts.close(office, number, "resolved", "已答复", officer=OFFICER,
                   on=D("2026-09-01") if unit == "住建局" else D("2026-10-20"))  # due 10-08
    result = reports.stats(office, D("2026-08-01"), D("2026-08-31"), by="unit")
    assert [(u["rank"], u["unit"]) for u in result["units"]] == [(1, "住建局"), (2, "人社局")]
    assert rate({"figures": result["units"][0]["figures"]}, "on_time_closing.unit") == (1, 1)
    assert rate({"figures": result["units"][1]["figures"]}, "on_time_closing.unit") == (0, 1)


def test_a_late_forward_after_the_period_does_not_change_it(office):
    """August's case, forwarded late in October: by case it was 超期未受理 at August's end
    and is 超期受理 now: 及时受理率 stays 0/1 (by clock it went 0/1 → 0/0)."""
    number = register(office, "2026-08-10", "丁")  # forward due 08-25
    acts.forward(office, number, "人社局", officer=OFFICER, on=D("2026-10-12"))
    result = reports.stats(office, D("2026-08-01"), D("2026-08-31"))
    assert rate(result, "timely_acceptance.office") == (0, 1)
    assert [c["figure"] for c in result["changed"]] == []
    clock = reports.stats(office, D("2026-08-01"), D("2026-08-31"), definitions="clock")
    assert rate(clock, "timely_acceptance") == (0, 0)


def test_a_figure_changed_since_the_period_ended_says_which_and_why(office, run):
    number = register(office, "2026-08-03", "戊")
    acts.forward(office, number, "人社局", officer=OFFICER, on=D("2026-08-04"))
    acts.accept(office, number, officer=OFFICER, on=D("2026-08-05"))  # due 10-08
    acts.close(office, number, "resolved", "已答复", officer=OFFICER, on=D("2026-09-20"))
    result = reports.stats(office, D("2026-08-01"), D("2026-08-31"))
    (change,) = [c for c in result["changed"] if c["figure"] == "on_time_closing.unit"]
    assert (change["was"], change["now"]) == ([0, 1], [1, 1])
    assert change["cases"] == [{"id": number, "was": "open", "now": "on_time",
                                "acts": [{"kind": "closed", "on": "2026-09-20"}]}]
    text = run("report", "stats", "--from", "2026-08-01", "--to", "2026-08-31")
    assert text.exit_code == 0, text.stderr
    assert "统计期结束后有变化的指标" in text.stdout and "办结 2026-09-20" in text.stdout


def test_leaders_cases_and_first_time_resolution(office):
    """包案化解率: a leader's case closed and not petitioned again is resolved; 一次性
    化解率 (DOMAIN §5): a first petition closed with no repeat, review or recheck after."""
    held = register(office, "2026-08-03", "己")
    acts.escalate(office, held, "重复上访风险", officer=OFFICER, leader="李书记",
                  on=D("2026-08-04"))
    acts.accept(office, held, officer=OFFICER, on=D("2026-08-05"))
    acts.close(office, held, "resolved", "已答复", officer=OFFICER, on=D("2026-08-20"))
    result = reports.stats(office, D("2026-08-01"), D("2026-08-31"))
    assert rate(result, "leader_resolution") == (1, 1)
    assert rate(result, "first_time_resolution") == (1, 1)
    register(office, "2026-09-02", "己")  # the same matter again
    result = reports.stats(office, D("2026-08-01"), D("2026-08-31"))
    assert rate(result, "leader_resolution") == (0, 1)
    assert rate(result, "first_time_resolution") == (0, 1)


def test_stats_show_each_figure_with_definition_numerator_and_denominator(office, run):
    number = register(office, "2026-08-03", "庚")
    acts.forward(office, number, "人社局", officer=OFFICER, on=D("2026-08-04"))
    result = json.loads(run("report", "stats", "--from", "2026-08-01", "--to", "2026-08-31",
                            "--json").stdout)
    # The figures by case first (the practice of offices' own figures follow them).
    assert list(result["figures"])[:len(figures.FIGURES)] == list(figures.FIGURES)
    for code in figures.FIGURES:
        assert {"name", "definition", "numerator", "denominator", "rate",
                "counts"} <= set(result["figures"][code])
    text = run("report", "stats", "--from", "2026-08-01", "--to", "2026-08-31").stdout
    assert "及时受理率（信访部门·登记转送）" in text and "及时受理率（责任单位·受理告知）" in text
    old = run("report", "stats", "--definitions", "clock", "--json")
    assert json.loads(old.stdout)["definitions"] == "clock"
    bad = run("report", "stats", "--definitions", "x")
    assert bad.exit_code == 2


def test_participation_and_satisfaction_by_whose_reply_was_evaluated(office, run):
    """参评率 and 满意率 from the two sides: the office's own replies (当场办结, a later
    close by the office, a case it accepted itself) and the units'; both together too."""
    spot = register(office, "2026-08-03", "辛")
    acts.close(office, spot, "resolved", "当场答复", officer=OFFICER, on=D("2026-08-03"))
    acts.followup(office, spot, officer=OFFICER, satisfaction="满意", on=D("2026-08-05"))
    own = register(office, "2026-08-04", "壬", "邻里纠纷")
    acts.accept(office, own, officer=OFFICER, on=D("2026-08-05"))
    acts.close(office, own, "resolved", "已调解", officer=OFFICER, on=D("2026-08-12"))
    acts.followup(office, own, officer=OFFICER, satisfaction="基本满意", on=D("2026-08-14"))
    unit_rated = register(office, "2026-08-03", "癸", "违建拆除")
    acts.forward(office, unit_rated, "住建局", officer=OFFICER, on=D("2026-08-04"))
    acts.accept(office, unit_rated, officer=OFFICER, on=D("2026-08-05"))
    acts.close(office, unit_rated, "resolved", "已拆除", officer=OFFICER, on=D("2026-08-10"))
    acts.followup(office, unit_rated, officer=OFFICER, satisfaction="不满意", on=D("2026-08-20"))
    # Closed 08-10 by 人社局, never evaluated: its window ended 09-09 (30 days).
    unrated = register(office, "2026-08-03", "子", "工伤认定")
    acts.forward(office, unrated, "人社局", officer=OFFICER, on=D("2026-08-04"))
    acts.accept(office, unrated, officer=OFFICER, on=D("2026-08-05"))
    acts.close(office, unrated, "resolved", "已认定", officer=OFFICER, on=D("2026-08-10"))
    result = reports.stats(office, D("2026-08-01"), D("2026-08-31"), by="unit")
    assert rate(result, "participation") == (3, 4)
    assert rate(result, "participation.office") == (2, 2)
    assert rate(result, "participation.unit") == (1, 2)
    assert result["figures"]["participation.unit"]["counts"] == {"evaluated": 1, "late_open": 1}
    assert rate(result, "satisfaction") == (2, 3)
    assert rate(result, "satisfaction.office") == (2, 2)
    assert rate(result, "satisfaction.unit") == (0, 1)
    units = {u["unit"]: u["figures"] for u in result["units"]}
    assert rate({"figures": units["住建局"]}, "satisfaction.unit") == (0, 1)
    assert rate({"figures": units["人社局"]}, "participation.unit") == (0, 1)
    text = run("report", "stats", "--from", "2026-08-01", "--to", "2026-08-31").stdout
    assert "参评率（信访部门自办）" in text and "满意率（责任单位）" in text


def test_the_workbook_lists_the_figures_changed_since_the_period_ended(office, run, tmp_path):
    import openpyxl

    number = register(office, "2026-08-03", "丑")
    acts.forward(office, number, "人社局", officer=OFFICER, on=D("2026-08-04"))
    acts.accept(office, number, officer=OFFICER, on=D("2026-08-05"))  # due 10-08
    acts.close(office, number, "resolved", "已答复", officer=OFFICER, on=D("2026-09-20"))
    out = tmp_path / "八月.xlsx"
    result = run("report", "stats", "--from", "2026-08-01", "--to", "2026-08-31", "--format",
                 "xlsx", "-o", out)
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["期后变化"]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert ("按期办结率（责任单位）", "0/1", "1/1", number, "未答复", "按期",
            "期后办理：办结 2026-09-20") in rows
