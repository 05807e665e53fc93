"""One register row, normalised and checked (DOMAIN.md §7): dates in the forms registers
write them, ID numbers and phones, channels, headcounts, and how the row says the case
ended. Every reason a row cannot be imported is given at once. Pure: no database, no UI.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from xinfang.cases.intake import Person, parse_person
from xinfang.cases.people import CHECK_DIGIT, normalize_id, normalize_phone
from xinfang.dates import EARLIEST, parse_date
from xinfang.errors import BadChoice, BadDate, BadIdNumber, BadPerson, BadPhone
from xinfang.masking import mask_params
from xinfang.registers.reading import Columns, unquote
from xinfang.texts import Label, Ref, join, ref, t
from xinfang.vocab import (
    CHANNELS,
    RESULTS,
    ROUTES,
    normalize_category,
    parse_channel,
    parse_result,
)

# Normalising and checking a row ------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why a row cannot be imported: a stable code, and the words for people (the
    catalogue entry `reason.<code>`, or `entry`, with `params`)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    entry: str | None = None

    def text(self, lang: str = "zh") -> str:
        return t(self.entry or f"reason.{self.code}", lang, **mask_params(self.params))


@dataclass(slots=True)
class Row:
    """One register row, normalised: what a case is made of."""

    line: int
    seq: str
    received: dt.date
    people: list[Person]
    anonymous: bool
    channel: str
    headcount: int
    locality: str | None
    category: str | None
    content: str
    request: str | None
    unit: str | None
    forwarded: dt.date | None
    accepted: dt.date | None
    end: str | None  # "closed", "rejected", "redirected" or None (still open)
    end_on: dt.date | None
    end_details: dict[str, str | None]
    officer: str | None
    notes: list[str]  # remarks and other register text kept as a note on the case
    confidential: bool = False  # 检举控告: the register's 保密 column
    sheet: str = ""  # the workbook's sheet the row is on ("" for a CSV)

    def fingerprint(self) -> str:
        """The row's normalised content, hashed: the same row in any file (any encoding,
        date style or column order) has the same fingerprint, so importing it again adds
        nothing. The register's row number is part of it: two rows alike in all else are
        two petitions (the same person came twice that day); the file name is not."""
        parts: list[object] = [
            unicodedata.normalize("NFKC", self.seq), self.received, self.anonymous, self.channel, self.headcount, self.locality,
            self.category, self.content, self.request, self.unit, self.forwarded,
            self.accepted, self.end, self.end_on, sorted(self.end_details.items()),
            self.officer, self.notes,
        ]
        for person in self.people:
            parts += [person.name, person.id_number, person.phone, person.address]
        if self.confidential:  # (only then: the rows imported before keep their prints)
            parts.append("confidential")
        text = "\x1f".join("" if part is None else str(part) for part in parts)
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


_TIME = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2})?$")
_EXCEL_NUMBER = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)
_HEADCOUNT = re.compile(r"^(\d+)\s*人?$")
_RELATIVE = ("今天", "昨天", "today", "yesterday")


def is_blank(cells: list[str], columns: Columns) -> bool:
    """Nothing but (perhaps) a row number: Excel registers are often numbered ahead."""
    seq = columns.fields.get("seq")
    return not any(cell.strip() for index, cell in enumerate(cells) if index != seq)


@functools.lru_cache(maxsize=8192)
def register_date(text: str) -> dt.date:
    """A date as registers write it (DOMAIN.md §7), or BadDate. A time after it, as
    Excel adds (`2026/1/4 0:00`), is dropped; `今天`/`昨天` mean nothing in a register."""
    cleaned = _TIME.sub("", unicodedata.normalize("NFKC", text).strip())
    if cleaned.lower() in _RELATIVE:
        raise BadDate(text=text)
    return parse_date(cleaned)


_ID18 = re.compile(r"^\d{17}[\dX]$", re.ASCII)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)


def _plainly_valid_id(text: str, today: dt.date) -> bool:
    # The common case, checked without stdnum (a large register has a million of them):
    # 18 ASCII characters, the check digit right, a birth date that exists. Anything
    # else goes to `people.normalize_id`, which also says what is wrong.
    if not _ID18.match(text):
        return False
    total = sum(int(char) * weight for char, weight in zip(text, _ID_WEIGHTS, strict=False))
    if "10X98765432"[total % 11] != text[17]:
        return False
    try:
        born = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    return 1890 <= born.year and born <= today


@functools.lru_cache(maxsize=65536)
def _checked_id(text: str, today: dt.date) -> str | Reason:
    if _plainly_valid_id(text, today):
        return text
    raw = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if _EXCEL_NUMBER.match(raw):
        return Reason("id_mangled_by_excel", {"raw": raw})
    try:
        return normalize_id(text, today=today)
    except BadIdNumber as err:
        reason = err.params.get("reason")
        checksum = isinstance(reason, Ref) and reason.key == CHECK_DIGIT
        return Reason("bad_id_checksum" if checksum else "bad_id", {"error": err},
                      "reason.error")
    except ValueError:
        # Digits of other scripts pass isdigit() but not the checksum arithmetic.
        return Reason("bad_id", {"raw": raw}, "reason.id_not_digits")


@functools.lru_cache(maxsize=65536)
def _checked_phone(text: str) -> str | Reason:
    if _MOBILE.match(text):
        return text
    try:
        return normalize_phone(text)
    except BadPhone as err:
        return Reason("bad_phone", {"error": err}, "reason.error")


@functools.lru_cache(maxsize=256)
def _checked_channel(text: str) -> str | Reason:
    try:
        return parse_channel(unicodedata.normalize("NFKC", text))
    except BadChoice:
        return Reason("bad_channel", {"text": text, "choices": join(
            Label(CHANNELS, code) for code in CHANNELS)})


# 办理结果 / 处理情况 → how the case ended. Order matters: 不予受理 and the legal routes
# come before the results of a close, since "告知通过诉讼途径解决" also says 解决.
_REJECT_KEYS = (("办理中", "handling"), ("正在办理", "handling"), ("终结", "final"),
                ("职责", "no_remit"))
_ROUTE_KEYS = (("诉讼", "litigation"), ("起诉", "litigation"), ("法院", "litigation"),
               ("仲裁", "arbitration"), ("复议", "admin-review"))
_REDIRECT_WORDS = ("途径", "诉讼", "起诉", "仲裁", "复议")
_CLOSE_KEYS = (("部分支持", "partly"), ("不予支持", "unsupported"), ("不支持", "unsupported"),
               ("撤回", "withdrawn"), ("撤诉", "withdrawn"), ("化解", "mediated"),
               # 解决 before 调解: "协调解决" holds 调解 but means resolved.
               ("解决", "resolved"), ("调解", "mediated"), ("办结", "resolved"),
               ("答复", "resolved"), ("处理", "resolved"), ("回复", "resolved"),
               ("结案", "resolved"), ("完毕", "resolved"), ("满意", "resolved"),
               ("落实", "resolved"), ("支持", "resolved"))
_OPEN_WORDS = ("正在办理", "办理中", "在办", "未办结", "待办", "待处理", "待答复", "跟进中")


@functools.lru_cache(maxsize=4096)
def classify_result(text: str) -> tuple[str, dict[str, str | None]] | None:
    """How a register's result text ends the case: ("closed", {result, opinion}),
    ("rejected", {reason, text}), ("redirected", {route, text}), ("open", {}) for
    "still being handled", or None when it cannot be read."""
    t = unicodedata.normalize("NFKC", text).strip()
    low = t.lower()
    if "不予受理" in t or low in ("rejected", "not accepted"):
        reason = next((code for word, code in _REJECT_KEYS if word in t), "other")
        return "rejected", {"reason": reason, "text": t}
    if any(word in t for word in _REDIRECT_WORDS) or low.startswith("redirect"):
        route = next((code for word, code in _ROUTE_KEYS if word in t), "other")
        return "redirected", {"route": route, "text": t}
    try:
        return "closed", {"result": parse_result(t), "opinion": t}
    except BadChoice:
        pass
    if any(word in t for word in _OPEN_WORDS):
        return "open", {}
    if "未" in t or "没有" in t:
        return None  # 未解决, 未答复 …: a person must say how it ended
    code = next((code for word, code in _CLOSE_KEYS if word in t), None)
    if code is None:
        return None
    return "closed", {"result": code, "opinion": t}


def normalise(cells: list[str], columns: Columns, line: int, *, today: dt.date,
              garbled: bool = True) -> Row | list[Reason]:
    """The row as a `Row`, or every reason it cannot be imported (all of them at once,
    so a clerk fixes a row in one go). `garbled=False` says the file decoded cleanly, so
    no cell can hold an undecodable byte."""
    read = _RowReader(cells, columns, today)
    if garbled and any("\ufffd" in cell for cell in cells):
        read.reasons.append(Reason("unreadable"))
    received = read.date("received", required=True)
    forwarded = read.date("forwarded")
    accepted = read.date("accepted")
    end_on = read.date("closed")
    anonymous, people = read.people()
    channel = read.channel()
    headcount = read.headcount()
    content = read.get("content")
    if not content:
        read.reasons.append(Reason("missing_content"))
    unit = read.get("unit") or None
    confidential = read.confidential()
    end, end_details, notes = read.end(end_on, accepted, forwarded, unit)
    if received is not None:
        _order(read.reasons, received, forwarded, accepted, end_on)
    for code, label_zh in (("remarks", "备注"), ("gender", "性别")):
        value = read.get(code)
        if value:
            notes.append(f"{label_zh}：{value}")  # kept on the case as a note, as written
    if read.reasons:
        return read.reasons
    assert received is not None
    get = read.get
    return Row(
        line=line, seq=get("seq"), received=received, people=people, anonymous=anonymous,
        channel=channel, headcount=headcount, locality=get("locality") or None,
        category=normalize_category(get("category")) or None, content=content,
        request=get("request") or None, unit=unit, forwarded=forwarded, accepted=accepted,
        end=end, end_on=end_on, end_details=end_details, officer=get("officer") or None,
        notes=notes, confidential=confidential,
    )


class _RowReader:
    """The cells of one row by field, and the reasons found so far not to import it."""

    __slots__ = ("values", "today", "reasons")

    def __init__(self, cells: list[str], columns: Columns, today: dt.date) -> None:
        width = len(cells)
        self.values = {
            code: (unquote(cells[index]) if cells[index][:1] == "'" else cells[index]).strip()
            for code, index in columns.fields.items() if index < width
        }
        self.today = today
        self.reasons: list[Reason] = []

    def get(self, code: str) -> str:
        return self.values.get(code, "")

    def date(self, code: str, required: bool = False) -> dt.date | None:
        text = self.get(code)
        what = ref(f"row.{code}")
        reasons = self.reasons
        if not text:
            if required:
                reasons.append(Reason(f"missing_{code}", {"what": what}, "reason.missing"))
            return None
        try:
            value = register_date(text)
        except BadDate:
            reasons.append(Reason("bad_date", {"what": what, "text": text}))
            return None
        if value > self.today:
            reasons.append(Reason("future_date", {"what": what, "value": value,
                                                  "today": self.today}))
            return None
        if value < EARLIEST:
            reasons.append(Reason("bad_date", {"what": what, "value": value,
                                               "year": EARLIEST.year}, "reason.too_early"))
            return None
        return value

    def people(self) -> tuple[bool, list[Person]]:
        """Whether it is anonymous, and its petitioners: the lead, then the others."""
        name = self.get("name")
        anonymous = name in ("匿名", "匿名信访", "anonymous")
        if not name:
            self.reasons.append(Reason("missing_name"))
        id_number = phone = None
        text = self.get("id_number")
        if text:
            checked = _checked_id(text, self.today)
            if isinstance(checked, Reason):
                self.reasons.append(checked)
            else:
                id_number = checked
        text = self.get("phone")
        if text:
            checked = _checked_phone(text)
            if isinstance(checked, Reason):
                self.reasons.append(checked)
            else:
                phone = checked
        people = []
        if not anonymous or id_number or phone:
            people.append(Person(None if anonymous else name, id_number, phone,
                                 self.get("address") or None))
        text = self.get("others")
        if text:
            for part in re.split(r"[；;\n]", text):
                if not part.strip():
                    continue
                try:
                    people.append(parse_person(part))
                except (BadPerson, BadIdNumber, BadPhone) as err:
                    self.reasons.append(Reason("bad_person", {"error": err}))
        return anonymous, people

    def confidential(self) -> bool:
        text = unicodedata.normalize("NFKC", self.get("confidential")).strip().lower()
        if text in ("", "否", "不", "0", "no", "n", "false", "-"):
            return False
        if text in ("是", "保密", "1", "yes", "y", "true", "√", "✓"):
            return True
        self.reasons.append(Reason("bad_confidential", {"text": text}))
        return False

    def channel(self) -> str:
        text = self.get("channel")
        if not text:
            return "other"
        checked = _checked_channel(text)
        if isinstance(checked, Reason):
            self.reasons.append(checked)
            return "other"
        return checked

    def headcount(self) -> int:
        text = self.get("headcount")
        if not text:
            return 1
        match = _HEADCOUNT.match(unicodedata.normalize("NFKC", text))
        if match is None or not 1 <= int(match.group(1)) <= 100000:
            self.reasons.append(Reason("bad_headcount", {"text": text}))
            return 1
        return int(match.group(1))

    def end(self, end_on: dt.date | None, accepted: dt.date | None,
            forwarded: dt.date | None, unit: str | None
            ) -> tuple[str | None, dict[str, str | None], list[str]]:
        """How the case ended (closed, rejected, redirected, or None while open), with
        its details, and the notes the result column leaves when it does not end it."""
        reasons = self.reasons
        notes = []
        end: str | None = None
        end_details: dict[str, str | None] = {}
        result_text = self.get("result")
        how = classify_result(result_text) if result_text else None
        if result_text and how is None:
            reasons.append(Reason("bad_result", {"text": result_text}))
        elif how is not None and how[0] != "open":
            end, end_details = how[0], dict(how[1])
        elif end_on is not None:
            # A closing date without a result (or with "being handled"): closed, result
            # unknown.
            end, end_details = "closed", {"result": None, "opinion": result_text or None}
        elif how is not None:
            notes.append(f"办理结果：{result_text}")
        if end is not None and end_on is None and not self.get("closed"):
            reasons.append(Reason("result_without_date", {"text": result_text}))
        if end in ("rejected", "redirected") and accepted is not None:
            reasons.append(Reason("accepted_then_not"))
        if forwarded is not None and unit is None:
            reasons.append(Reason("forwarded_without_unit"))
        return end, end_details, notes


def _order(reasons: list[Reason], received: dt.date, forwarded: dt.date | None,
           accepted: dt.date | None, end_on: dt.date | None) -> None:
    """Each date of a case's life on or after the ones before it; one reason per date."""
    steps = [("received", received), ("forwarded", forwarded), ("accepted", accepted),
             ("closed", end_on)]
    for later in range(1, len(steps)):
        name_b, b = steps[later]
        if b is None:
            continue
        for name_a, a in steps[:later]:
            if a is not None and b < a:
                code = "closed_before_received" if later == 3 and name_a == "received" else \
                    "date_order"
                reasons.append(Reason(code, {"later": ref(f"row.{name_b}"), "date": b,
                                             "earlier": ref(f"row.{name_a}"), "before": a},
                                      "reason.date_order"))
                break


def result_label(kind: str, details: dict[str, str | None]) -> str:
    """The register's words for how a case ended; `classify_result` reads them back."""
    from xinfang.vocab import REJECT_REASONS, label

    if kind == "rejected":
        reason = details.get("reason") or "other"
        if reason == "other":
            text = (details.get("text") or "").strip()
            return text if "不予受理" in text else "不予受理" + (f"（{text}）" if text else "")
        return f"不予受理（{label(REJECT_REASONS, reason)}）"
    if kind == "redirected":
        route = details.get("route") or "other"
        return f"告知通过{label(ROUTES, route)}{'' if route == 'other' else '途径'}解决"
    result = details.get("result")
    return label(RESULTS, result) if result else ""
