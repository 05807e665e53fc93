"""Petitioners' identity data: checking ID numbers and phones, and masking them
(DOMAIN.md §8: personal information is shown masked unless revealed)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from xinfang.errors import BadIdNumber, BadPhone
from xinfang.masking import mask_id, mask_phone, mask_phones_in
from xinfang.texts import ref

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$")
_LOCAL = re.compile(r"^\d{7,8}$")
_EXCEL_NUMBER = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)


def _clean(text: str) -> str:
    # Full-width digits and letters typed with an IME become ASCII.
    return unicodedata.normalize("NFKC", text).strip()


def mask_details(details: dict[str, Any]) -> dict[str, Any]:
    """An event's details with the ID numbers and phones in them masked: the
    petitioners as recorded at registration (or by a correction, and before it), and the
    changes made to their records."""
    if not {"given", "person_changes", "people_was"} & details.keys():
        return details
    out = dict(details)
    for key in ("given", "people_was"):
        if out.get(key):
            out[key] = [[name, mask_id(id_number), mask_phone(phone), address]
                        for name, id_number, phone, address in out[key]]
    if "person_changes" in out:
        masks = {"id_number": mask_id, "phone": mask_phone}
        out["person_changes"] = {
            uid: {name: [masks[name](value) for value in pair] if name in masks else pair
                  for name, pair in changes.items()}
            for uid, changes in out["person_changes"].items()}
    return out


def normalize_id(text: str, *, today: dt.date | None = None) -> str:
    """Check an 18-digit resident ID number (length, digits, birth date, check digit)
    with `stdnum.cn.ric` and return it compacted, with a capital X.

    The message of a refusal says which character is wrong or that the check digit fails.
    """
    from stdnum import exceptions as stdnum_errors
    from stdnum.cn import ric

    raw = _clean(text)
    if _EXCEL_NUMBER.match(raw.replace(" ", "")):
        _refuse(raw, "id.excel_number")
    # Officers type ID numbers in groups: "110105 19491231 002X", "110105-1949…".
    number = ric.compact(re.sub(r"[\s\-]", "", raw))
    if len(number) != 18:
        _refuse(number, "id.length", length=len(number))
    for position, char in enumerate(number[:17], start=1):
        if not char.isdigit():
            _refuse(number, "id.not_a_digit", position=position, char=char)
    if not (number[17].isdigit() or number[17] == "X"):
        _refuse(number, "id.last_character", char=number[17])
    expected = ric.calc_check_digit(number)
    if number[17] != expected:
        _refuse(number, CHECK_DIGIT, expected=expected, actual=number[17])
    try:
        born = ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        born = None
    if born is None or born > (today or dt.date.today()) or born.year < 1890:
        _refuse(number, "id.birth_date", born=number[6:14])
    # The area code is not checked against stdnum's place list: that list lags renamed
    # and new counties, and refusing a real card would stop the officer's work.
    return number


CHECK_DIGIT = "id.check_digit"  # the reason of a number mistyped by one digit


def _refuse(number: str, reason: str, **params: object) -> None:
    raise BadIdNumber(masked=mask_id(number) or number, reason=ref(reason, **params))


def normalize_phone(text: str) -> str:
    """A mobile (11 digits, 1 then 3–9) or a landline (area code, 7–8 digits, extension)."""
    raw = _clean(text)
    compact = re.sub(r"[\s()（）]", "", raw)
    compact = re.sub(r"^(\+86|0086)-?", "", compact)
    digits = compact.replace("-", "")
    if _MOBILE.match(digits):
        return digits
    if compact.startswith("86") and _MOBILE.match(digits[2:]):
        return digits[2:]
    match = _LANDLINE.match(compact)
    if match:
        area, local, extension = match.groups()
        return f"{area}-{local}" + (f"-{extension}" if extension else "")
    if _LOCAL.match(digits):
        return digits
    raise BadPhone(text=mask_phones_in(raw))
