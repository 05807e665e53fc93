"""The documents there are: for each, whom it is for, the acts of the case it rests on
(the latest of them is the one it reports) and the placeholders its template may use.
Pure data; the titles are `vocab.NOTICE_KINDS`, what each placeholder means is the
catalogue entry `notice.field.<name>`."""

from __future__ import annotations

from dataclasses import dataclass

# Audiences. A document for the petitioner may carry their ID number (masked unless
# --with-pii), and so may the form a visitor signs and the office keeps; one for a unit or
# for the leaders never does. Only documents for the petitioner are delivered.
PETITIONER = "petitioner"
SIGNED = "signed"
UNIT = "unit"
OFFICE = "office"
LEADERS = "leaders"

# Every document has these.
COMMON = ("title", "number", "office", "issuer", "date", "officer", "received_on", "channel",
          "content", "request")
_CASE = ("headcount", "locality", "category")
_FORWARD = ("unit", "forwarded_on", "notify_due", "notify_period", "notify_basis")


@dataclass(frozen=True)
class Kind:
    code: str
    audience: str
    rests_on: tuple[str, ...]  # event kinds; () for the case itself (a receipt)
    fields: tuple[str, ...]  # beyond COMMON

    @property
    def placeholders(self) -> frozenset[str]:
        return frozenset(COMMON + self.fields)


KINDS: dict[str, Kind] = {kind.code: kind for kind in (
    Kind("receipt", PETITIONER, (), (*_CASE, "petitioner", "petitioners", "forward_due",
                                     "forward_period", "forward_basis")),
    Kind("visit-form", SIGNED, (), (*_CASE, "petitioners")),
    Kind("forward", UNIT, ("forwarded",), (*_CASE, *_FORWARD, "petitioners", "confidential",
                                           "objection_due", "objection_period",
                                           "objection_basis")),
    Kind("assign", UNIT, ("assigned",), (*_CASE, *_FORWARD, "petitioners", "confidential",
                                         "objection_due", "objection_period",
                                         "objection_basis", "report_by", "report_basis")),
    Kind("forward-notice", PETITIONER, ("forwarded", "assigned"),
         (*_FORWARD, "petitioner", "forward_word", "handle_period", "handle_basis")),
    Kind("accept", PETITIONER, ("accepted",),
         ("petitioner", "accepted_on", "handle_due", "handle_period", "handle_basis",
          "max_extension")),
    Kind("not-accept", PETITIONER, ("rejected",),
         ("petitioner", "decided_on", "reason", "reason_text")),
    Kind("redirect", PETITIONER, ("redirected",),
         ("petitioner", "decided_on", "route", "route_advice", "route_text")),
    Kind("extension", PETITIONER, ("extended",),
         ("petitioner", "accepted_on", "extended_on", "extension_days", "extension_reason",
          "approved_by", "handle_due", "handle_period", "handle_basis", "total_extension")),
    Kind("opinion", PETITIONER, ("closed",),
         ("petitioner", "accepted_on", "closed_on", "opinion", "result", "review_period",
          "review_body", "review_basis")),
    Kind("review", PETITIONER, ("review_concluded",),
         ("petitioner", "closed_on", "requested_on", "concluded_on", "outcome",
          "recheck_period", "recheck_body", "recheck_basis")),
    Kind("recheck", PETITIONER, ("recheck_concluded",),
         ("petitioner", "requested_on", "concluded_on", "outcome", "final_basis")),
    Kind("followup", OFFICE, ("followed_up",),
         ("petitioners", "closed_on", "result", "followed_on", "reached", "satisfaction",
          "followup_note")),
    Kind("major", LEADERS, (),
         (*_CASE, "petitioners", "major_reasons", "actions", "joint_office")),
    Kind("delivery", PETITIONER, ("notice",),
         ("petitioner", "address", "documents")),
)}
