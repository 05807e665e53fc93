"""The demonstration ledger: the bundled sample register imported as an office would
import its own, then the follow-up visits made after closing, as of a fixed day so the
demo always shows the same thing."""

from __future__ import annotations

import datetime as dt
from importlib import resources

from xinfang import acts
from xinfang.registers.importer import import_register
from xinfang.store import settings
from xinfang.store.ledger import Ledger

DEMO_TODAY = dt.date(2026, 11, 23)
DEMO_OFFICER = "演示"
REGISTER = "demo-register.csv"
_SATISFACTION = ("satisfied", "basic", "satisfied", "unsatisfied")


def register_bytes() -> bytes:
    return resources.files("xinfang").joinpath(f"data/{REGISTER}").read_bytes()


def build(ledger: Ledger) -> dict[str, int]:
    """Import the demo register (its rows say when each case was forwarded, accepted and
    closed), then follow up the closed cases a few days after closing."""
    settings.set_office(ledger, "DEMO", "演示街道信访办", DEMO_OFFICER)
    summary = import_register(ledger, register_bytes(), name=REGISTER, officer=DEMO_OFFICER)
    for added in summary.added:
        if added.status != "closed":
            continue
        case_id = ledger.find_case(added.case)
        closed = ledger.stored_state(case_id).closed_on
        seq = int(added.seq)
        assert closed is not None
        followed = closed + dt.timedelta(days=3 + seq % 9)
        if seq % 4 and followed <= ledger.today:
            acts.followup(ledger, added.case, officer=DEMO_OFFICER, on=followed,
                          satisfaction=_SATISFACTION[seq % 4], note="电话回访")
    count = ledger.db.execute
    return {
        "cases": len(summary.added),
        "forwarded": count("SELECT count(*) FROM cases WHERE unit_id IS NOT NULL").fetchone()[0],
        "closed": count("SELECT count(*) FROM cases WHERE closed_on IS NOT NULL").fetchone()[0],
        "overdue": overdue_count(ledger),
    }


def most_overdue(ledger: Ledger) -> int | None:
    """The case whose running duty clock is furthest past its due date."""
    row = ledger.db.execute(
        "SELECT id FROM cases WHERE next_due_on < ? ORDER BY next_due_on, id LIMIT 1",
        [ledger.today.isoformat()],
    ).fetchone()
    return int(row[0]) if row else None


def overdue_count(ledger: Ledger) -> int:
    return int(ledger.db.execute(
        "SELECT count(*) FROM cases WHERE next_due_on < ?", [ledger.today.isoformat()]
    ).fetchone()[0])
