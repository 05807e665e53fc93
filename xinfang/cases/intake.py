"""What an officer records when a petition arrives, checked and normalised."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from xinfang.cases.people import normalize_id, normalize_phone
from xinfang.dates import check_happened
from xinfang.errors import BadHeadcount, BadPerson, MissingField, MissingFields
from xinfang.texts import join, ref
from xinfang.vocab import normalize_category, parse_channel


@dataclass(slots=True)
class Person:
    name: str | None = None
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None


@dataclass
class Intake:
    channel: str
    content: str
    received_on: dt.date
    people: list[Person] = field(default_factory=list)  # the first is the lead (主访人)
    anonymous: bool = False
    headcount: int = 1
    locality: str | None = None
    category: str | None = None
    request: str | None = None
    confidential: bool = False
    flags: list[str] = field(default_factory=list)  # e.g. "to_province", "to_beijing"


def parse_person(text: str) -> Person:
    """`姓名,身份证号,电话,住址` (full-width commas too); empty parts are unknown.
    The address is the rest of the line, so it may itself hold commas."""
    parts = [part.strip() for part in re.split(r"[,，]", text, maxsplit=3)]
    if not parts or not any(parts) or len(parts) > 4:
        raise BadPerson(text=text)
    parts += [""] * (4 - len(parts))
    name, id_number, phone, address = parts
    return make_person(name, id_number, phone, address)


def make_person(
    name: str | None,
    id_number: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    *,
    today: dt.date | None = None,
) -> Person:
    """A petitioner with a checked ID number and phone; blanks become None."""
    return Person(
        name=(name or "").strip() or None,
        id_number=normalize_id(id_number, today=today) if id_number and id_number.strip() else None,
        phone=normalize_phone(phone) if phone and phone.strip() else None,
        address=(address or "").strip() or None,
    )


def parse_headcount(headcount: int | str) -> int:
    """How many came: a whole number, at least 1."""
    try:
        count = int(headcount)
    except (TypeError, ValueError):
        raise BadHeadcount(value=headcount) from None
    if count < 1:
        raise BadHeadcount(value=headcount)
    return count


def make_intake(
    *,
    channel: str | None,
    content: str | None,
    received_on: dt.date,
    today: dt.date,
    people: list[Person],
    anonymous: bool = False,
    headcount: int | str = 1,
    locality: str | None = None,
    category: str | None = None,
    request: str | None = None,
    confidential: bool = False,
    flags: list[str] | None = None,
) -> Intake:
    """Check every field of a new petition: the required ones missing are named all at
    once; then the first problem found is raised."""
    missing = []
    if not people and not anonymous:
        missing.append(MissingField(
            what=ref("field.petitioner_name"), option=ref("option.name_or_person"),
            hint=ref("hint.anonymous_petition"),
        ))
    if people and not people[0].name and not anonymous:
        missing.append(MissingField(
            what=ref("field.lead_name"), option="--name", hint=ref("hint.anonymous"),
        ))
    if not channel or not channel.strip():
        missing.append(MissingField(
            what=ref("field.channel"), option="--channel", hint=ref("hint.channels"),
        ))
    if not content or not content.strip():
        missing.append(MissingField(
            what=ref("field.content"), option="--content", hint=ref("hint.content"),
        ))
    if len(missing) == 1:
        raise missing[0]
    if missing:
        raise MissingFields(fields=join(
            [ref("register.missing_field", what=gap.params["what"],
                 option=gap.params["option"]) for gap in missing]))
    assert channel is not None and content is not None
    check_happened(received_on, ref("field.received_on"), today)
    count = parse_headcount(headcount)
    return Intake(
        channel=parse_channel(channel),
        content=content.strip(),
        received_on=received_on,
        people=people,
        anonymous=anonymous,
        headcount=count,
        locality=(locality or "").strip() or None,
        category=normalize_category(category) if category and category.strip() else None,
        request=(request or "").strip() or None,
        confidential=confidential,
        flags=list(flags or []),
    )
