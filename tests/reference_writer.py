"""A plain reference for the writer's batches: the same cases written one at a time, as
an office would have entered them day by day — each petition registered on its own (a
batch of one) and every later act appended on its date, between the registrations.

`write_cases` has the signature of `xinfang.store.writer.write_cases`; `use(monkeypatch)`
makes the importer write through it, so an import can be compared with itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from xinfang.cases.intake import Person
from xinfang.errors import XinfangError
from xinfang.store import writer
from xinfang.store.ledger import Ledger

_batch = writer.write_cases  # the writer's own, kept when `use` stands in for it

# The order of one day's acts: registrations first, then as a case's life runs.
_STAGES = {"registered": 0, "note": 1, "forwarded": 2, "assigned": 2, "accepted": 3,
           "closed": 4, "rejected": 4, "redirected": 4}


def write_cases(ledger: Ledger, cases: Sequence[writer.NewCase], officer: str,
                progress: Callable[[int, int], None] | None = None,
                petitioners: Iterable[Person] | None = None) -> list[writer.Written]:
    """Every case's registration and acts, played in date order across all the cases."""
    played: list[tuple[dt.date, int, int, int, str, dict]] = []
    for index, new in enumerate(cases):
        played.append((new.intake.received_on, 0, index, -1, "registered", {}))
        for step, (on, kind, details) in enumerate(new.steps):
            played.append((on, _STAGES.get(kind, 5), index, step, kind, details))
    played.sort(key=lambda item: item[:4])
    ids: dict[int, int] = {}
    for on, _, index, _, kind, details in played:
        new = cases[index]
        try:
            if kind == "registered":
                one = writer.NewCase(new.intake, officer=new.officer, source=new.source,
                                     imported=new.imported, repeat=new.repeat)
                (written,) = _batch(ledger, [one], officer)
                ids[index] = written.id
            else:
                writer.append(ledger, ids[index], kind, on, new.officer or officer, details)
        except writer.CaseFailed as failed:
            raise writer.CaseFailed(index, failed.error) from failed.error
        except XinfangError as error:
            raise writer.CaseFailed(index, error) from error
    out = []
    for index in range(len(cases)):
        state = ledger.stored_state(ids[index])
        out.append(writer.Written(ids[index], ledger.case_number(ids[index]),
                                  str(state.status), state.repeat_of))
    return out


def use(monkeypatch) -> None:
    """Make the importer (and anything else) write through the reference."""
    monkeypatch.setattr(writer, "write_cases", write_cases)
