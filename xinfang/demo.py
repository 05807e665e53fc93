"""The demonstration ledger: the bundled sample register turned into cases with
realistic histories, as of a fixed day so the demo always shows the same thing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from importlib import resources

from xinfang.dates import parse_date
from xinfang.intake import make_intake, make_person
from xinfang.ledger import Ledger

DEMO_TODAY = dt.date(2026, 11, 23)
DEMO_OFFICER = "演示"
RESULTS = {"已办结": "resolved", "已答复": "resolved", "已化解": "mediated"}


def rows() -> list[dict[str, str]]:
    text = resources.files("xinfang").joinpath("data/demo-register.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def build(ledger: Ledger) -> dict[str, int]:
    """Register every row of the demo register and play its history up to DEMO_TODAY."""
    ledger.set_office("DEMO", "演示街道信访办", DEMO_OFFICER)
    counts = {"cases": 0, "forwarded": 0, "closed": 0}
    # An office registers petitions as they arrive: in order of receipt.
    for row in sorted(rows(), key=lambda row: (parse_date(row["登记日期"]), int(row["序号"]))):
        received = parse_date(row["登记日期"])
        intake = make_intake(
            channel=row["信访形式"], content=row["诉求摘要"], received_on=received,
            today=ledger.today, headcount=row["人数"] or 1, locality=row["问题属地"],
            category=row["问题类别"],
            people=[make_person(row["姓名"], row["身份证号"], row["联系电话"], row["住址"],
                                today=ledger.today)],
        )
        number = ledger.register(intake, DEMO_OFFICER)
        counts["cases"] += 1
        _play(ledger, number, row, received, int(row["序号"]), counts)
    counts["overdue"] = overdue_count(ledger)
    return counts


def _play(ledger: Ledger, number: str, row: dict[str, str], received: dt.date, seq: int,
          counts: dict[str, int]) -> None:
    closed = parse_date(row["办结日期"]) if row["办结日期"].strip() else None
    end = closed or ledger.today
    act = ledger.act
    on = received
    if row["转送单位"].strip():
        on = min(received + dt.timedelta(days=2 + seq % 6), end)
        act(number, "forwarded", officer=DEMO_OFFICER, on=on, details={"unit": row["转送单位"]})
        counts["forwarded"] += 1
    result = row["办理结果"].strip()
    if closed is None:
        if row["转送单位"].strip() and seq % 2 == 0:
            act(number, "accepted", officer=DEMO_OFFICER, on=min(on + dt.timedelta(days=5), end))
        return
    if result == "不予受理":
        act(number, "rejected", officer=DEMO_OFFICER, on=closed, details={"reason": "other",
                                                                          "text": result})
    elif "诉讼" in result or "仲裁" in result or "复议" in result:
        act(number, "redirected", officer=DEMO_OFFICER, on=closed, details={"route": "litigation"})
    else:
        if row["转送单位"].strip():
            act(number, "accepted", officer=DEMO_OFFICER, on=min(on + dt.timedelta(days=3), closed))
        act(number, "closed", officer=DEMO_OFFICER, on=closed,
            details={"result": RESULTS.get(result, "resolved"), "opinion": result})
        counts["closed"] += 1
        followed = closed + dt.timedelta(days=3 + seq % 9)
        if seq % 4 and followed <= ledger.today:
            satisfaction = ("satisfied", "basic", "satisfied", "unsatisfied")[seq % 4]
            act(number, "followed_up", officer=DEMO_OFFICER, on=followed,
                details={"satisfaction": satisfaction, "note": "电话回访"})


def most_overdue(ledger: Ledger) -> int | None:
    """The case whose running duty clock is furthest past its due date."""
    row = ledger.db.execute(
        "SELECT id FROM cases WHERE next_due_on < ? ORDER BY next_due_on, id LIMIT 1",
        [ledger.today.isoformat()],
    ).fetchone()
    return row[0] if row else None


def overdue_count(ledger: Ledger) -> int:
    return ledger.db.execute(
        "SELECT count(*) FROM cases WHERE next_due_on < ?", [ledger.today.isoformat()]
    ).fetchone()[0]
