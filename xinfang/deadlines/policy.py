"""The office's deadline policy (DOMAIN.md §4): every clock's length and unit, the warning
window and the thresholds. National values are the defaults; the ledger stores changes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from xinfang.errors import BadPolicy, UnknownPolicyKey
from xinfang.texts import ref
from xinfang.vocab import CLOCKS, parse_unit


@dataclass(frozen=True)
class ClockRule:
    length: int
    unit: str  # "days" | "workdays"


NATIONAL_CLOCKS = {
    "forward": ClockRule(15, "days"),  # 2022 Regulation Art 22
    "notify": ClockRule(15, "days"),  # Art 23
    "objection": ClockRule(5, "workdays"),  # Art 23
    "handle": ClockRule(60, "days"),  # Art 34
    "review_request": ClockRule(30, "days"),  # Art 35
    "review": ClockRule(30, "days"),  # Art 35
    "recheck_request": ClockRule(30, "days"),  # Art 36
    "recheck": ClockRule(30, "days"),  # Art 36
    "evaluation": ClockRule(30, "days"),  # local practice
}

# Number settings and their national defaults; what each means is the catalogue entry
# `policy.number.<key>`.
NUMBERS = {
    "warning_days": 3,
    "max_extension_days": 30,
    "collective_headcount": 5,
    "max_representatives": 5,
    "escalate_overdue_days": 15,
    "repeat_chain_escalate": 3,
    "repeat_similarity": 50,
    # The backlog's proposals (DOMAIN.md §9): a case open this many days, or a repeat
    # chain of this many visits, is proposed as a 积案 (never added without the office).
    "backlog_open_days": 180,
    "backlog_chain_visits": 3,
    # The office's own target for closing a case, in days from receipt, shown and counted
    # beside the statutory deadline and never replacing it (Dalian Zhongshan: 15); 0: none.
    "office_target_days": 0,
}

PRESETS = {
    "national": {},
    # Zhejiang counts forwarding and acceptance in working days.
    "zhejiang": {"forward": ClockRule(5, "workdays"), "notify": ClockRule(5, "workdays")},
    "henan": {"forward": ClockRule(5, "days"), "handle": ClockRule(30, "days")},
}


@dataclass(frozen=True)
class Policy:
    clocks: dict[str, ClockRule] = field(default_factory=lambda: dict(NATIONAL_CLOCKS))
    numbers: dict[str, int] = field(
        default_factory=lambda: dict(NUMBERS)
    )

    def rule(self, clock: str) -> ClockRule:
        return self.clocks[clock]

    def number(self, key: str) -> int:
        return self.numbers[key]

    def to_settings(self) -> dict[str, object]:
        """Flat key → value form, as stored in the ledger's settings table."""
        out: dict[str, object] = {
            f"clock.{code}": {"length": rule.length, "unit": rule.unit}
            for code, rule in self.clocks.items()
        }
        out.update({f"number.{key}": value for key, value in self.numbers.items()})
        return out

    @classmethod
    def from_settings(cls, settings: dict[str, object]) -> Policy:
        policy = cls()
        for key, value in settings.items():
            if key.startswith("clock.") and key[6:] in policy.clocks and isinstance(value, dict):
                policy.clocks[key[6:]] = ClockRule(int(value["length"]), str(value["unit"]))
            elif key.startswith("number.") and key[7:] in policy.numbers:
                policy.numbers[key[7:]] = int(value)  # type: ignore[call-overload]
        return policy


def policy_keys() -> list[str]:
    return [*NATIONAL_CLOCKS, *NUMBERS]


def changed(policy: Policy, key: str, value: str, unit: str | None = None) -> Policy:
    """A copy of `policy` with one item changed; `value` is what the officer typed."""
    try:
        number = int(value)
    except ValueError:
        raise BadPolicy(
            reason=ref("policy.not_a_number", value=value)
        ) from None
    if key in NATIONAL_CLOCKS:
        if number < 1 or number > 365:
            raise BadPolicy(
                reason=ref("policy.length_range")
            )
        new_unit = parse_unit(unit) if unit else policy.clocks[key].unit
        clocks = dict(policy.clocks)
        clocks[key] = ClockRule(number, new_unit)
        return replace(policy, clocks=clocks)
    if key in NUMBERS:
        if unit:
            raise BadPolicy(
                reason=ref("policy.no_unit", key=key)
            )
        if number < 0:
            raise BadPolicy(reason=ref("policy.negative"))
        # Beyond a year of days every due date and report overflows (a typo must not
        # break the nightly report); a similarity is a percentage.
        top = 100 if key == "repeat_similarity" else 365
        if number > top:
            raise BadPolicy(reason=ref("policy.range", key=key, top=top))
        numbers = dict(policy.numbers)
        numbers[key] = number
        return replace(policy, numbers=numbers)
    raise UnknownPolicyKey(key=key, keys=", ".join(policy_keys()))


def preset(name: str) -> Policy:
    """The national defaults with a province's known variants applied."""
    if name not in PRESETS:
        raise UnknownPolicyKey(key=name, keys=", ".join(PRESETS))
    clocks = dict(NATIONAL_CLOCKS)
    clocks.update(PRESETS[name])
    return Policy(clocks=clocks)


assert set(NATIONAL_CLOCKS) <= set(CLOCKS)
