"""Masking personal data in what is shown (DOMAIN.md §8): ID numbers and phones, and any
run of digits in a message that could be one of them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


def mask_id(number: str | None) -> str | None:
    """`110105194912310021` → `110105********0021`."""
    if not number:
        return number
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str | None:
    """`13812345678` → `138****5678`; `0635-1234567` → `0635-***4567`."""
    if not phone:
        return phone
    if "-" in phone:
        area, local, *extension = phone.split("-")
        return "-".join([area, mask_phone_digits(local, keep_head=0), *extension])
    return mask_phone_digits(phone, keep_head=3)


def mask_phone_digits(digits: str, keep_head: int) -> str:
    if len(digits) <= keep_head + 4:
        return "*" * len(digits)
    return digits[:keep_head] + "*" * (len(digits) - keep_head - 4) + digits[-4:]


# What a message may hold that is not personal data (a case number, a date), and a run of
# digits, perhaps broken by spaces, hyphens or dots, perhaps after +86: the first two are
# tried first where they start, so that they are left as they are.
_TOKEN = re.compile(
    r"(?P<keep>(?<![A-Za-z0-9])[A-Z]{2,}-[A-Z0-9]+-\d{4}-\d+(?!\d)"
    r"|(?<!\d)\d{4}[\-./年]\d{1,2}[\-./月]\d{1,2}日?(?!\d))"
    r"|(?P<run>(?:\+\s?)?\d(?:[\s\-.]?\d)+)")

# Parameters of a message that are never personal data and must be shown whole.
_NOT_PERSONAL = frozenset({"path", "head", "error", "encoding"})


def mask_phones_in(text: str) -> str:
    """Every run of digits in a message that could be a phone or an ID number (seven
    digits or more, however spaced: `139 1234 5678 x`, `+86 139-1234-5678`), masked but
    for its first three and last four digits. A refused cell may hold good numbers, and
    its message goes to the screen, the rejects file and logs. Dates and case numbers
    (`2026-01-04`, `XF-YQH-2026-00042`) are left as they are."""
    def mask(match: re.Match[str]) -> str:
        run = match.group()
        if match.group("keep"):
            return run
        digits = sum(char.isdigit() for char in run)
        if digits < 7:
            return run
        out, seen = [], 0
        for char in run:
            if char.isdigit():
                seen += 1
                out.append(char if seen <= 3 or seen > digits - 4 else "*")
            else:
                out.append(char)
        return "".join(out)

    return _TOKEN.sub(mask, text)


def mask_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """A message's parameters with the digits in their text masked (`mask_phones_in`),
    but for those that are never personal data: paths, the chain's head, an OS error."""
    return {key: mask_phones_in(value) if isinstance(value, str) and key not in _NOT_PERSONAL
            else value for key, value in params.items()}
