"""Paper registers (信访登记簿) typed into Excel and saved as CSV (DOMAIN.md §7): decode
the bytes, find the header and map its columns to fields, then normalise and check each
row. Pure: no database and no UI; `importer` turns the rows into cases.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from xinfang.dates import parse_date
from xinfang.errors import BadChoice, BadDate, BadIdNumber, BadPerson, BadPhone, XinfangError
from xinfang.intake import Person, parse_person
from xinfang.people import normalize_id, normalize_phone
from xinfang.vocab import (
    CHANNELS,
    RESULTS,
    ROUTES,
    normalize_category,
    parse_channel,
    parse_result,
)

# Field codes (DOMAIN.md §7, for `--map 列名=field`) and their labels.
FIELDS: dict[str, tuple[str, str]] = {
    "seq": ("序号", "row number"),
    "received": ("登记日期", "received date"),
    "name": ("姓名", "name"),
    "id_number": ("身份证号", "ID number"),
    "phone": ("联系电话", "phone"),
    "address": ("住址", "address"),
    "channel": ("信访形式", "channel"),
    "headcount": ("人数", "headcount"),
    "locality": ("问题属地", "locality"),
    "category": ("问题类别", "category"),
    "content": ("诉求摘要", "content"),
    "unit": ("转送单位", "unit"),
    "result": ("办理结果", "result"),
    "closed": ("办结日期", "closing date"),
    # Extras some registers have.
    "gender": ("性别", "gender"),
    "accepted": ("受理日期", "accepted date"),
    "forwarded": ("转送日期", "forwarded date"),
    "officer": ("经办人", "officer"),
    "remarks": ("备注", "remarks"),
    "request": ("具体诉求", "request"),
    "others": ("其他信访人", "other petitioners"),
}
REQUIRED = ("received", "name", "content")
IGNORE = "-"  # `--map 列名=-`: leave the column out

# Header spellings seen in registers, by field. Compared after `header_key`.
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "登记编号", "登记号", "流水号", "案件编号", "信访编号", "件号",
            "no", "no.", "seq", "case", "casenumber", "number"),
    "received": ("登记日期", "来访日期", "来信日期", "来电日期", "收到日期", "收信日期",
                 "信访日期", "登记时间", "来访时间", "来信时间", "来电时间", "收件日期", "日期",
                 "received", "receivedon", "receiveddate", "date"),
    "name": ("姓名", "信访人", "信访人姓名", "来访人", "来访人姓名", "来信人", "来电人",
             "主访人", "反映人", "name", "petitioner"),
    "id_number": ("身份证号", "身份证号码", "身份证", "公民身份号码", "证件号码", "证件号",
                  "身份证件号码", "idnumber", "idno", "idcard"),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "电话号码", "联系方式",
              "phone", "tel", "telephone", "mobile"),
    "address": ("住址", "家庭住址", "地址", "现住址", "联系地址", "户籍地址", "居住地址",
                "address"),
    "channel": ("信访形式", "信访方式", "方式", "形式", "来访形式", "信访渠道", "渠道",
                "channel"),
    "headcount": ("人数", "来访人数", "信访人数", "headcount"),
    "locality": ("问题属地", "属地", "问题发生地", "发生地", "所属乡镇", "locality"),
    "category": ("问题类别", "类别", "内容分类", "问题分类", "分类", "信访类别", "事项类别",
                 "category"),
    "content": ("诉求摘要", "反映问题", "主要诉求", "信访事项", "信访内容", "反映内容",
                "内容摘要", "问题摘要", "主要问题", "诉求", "事由", "content", "summary"),
    "unit": ("转送单位", "交办单位", "责任单位", "承办单位", "办理单位", "转办单位", "unit"),
    "result": ("办理结果", "处理情况", "处理结果", "办理情况", "结果", "答复情况", "result"),
    "closed": ("办结日期", "结案日期", "办结时间", "结案时间", "答复日期", "closed",
               "closedon", "closeddate"),
    "gender": ("性别", "gender", "sex"),
    "accepted": ("受理日期", "受理时间", "accepted", "acceptedon"),
    "forwarded": ("转送日期", "交办日期", "转办日期", "转送时间", "forwarded", "forwardedon"),
    "officer": ("经办人", "登记人", "接待人", "officer"),
    "remarks": ("备注", "说明", "remarks", "notes", "note"),
    "request": ("具体诉求", "request"),
    "others": ("其他信访人", "others", "otherpetitioners"),
}
# Columns that xinfang's own files carry (exports, rejects files) and that import leaves
# out on purpose: derived state, or the reason a row was not imported.
_KNOWN_IGNORED = ("未导入原因", "原因", "错误原因", "reason", "reasons", "状态", "status",
                  "满意度", "satisfaction", "重复信访初件", "repeatof", "提示", "flags")

HEADER_SPELLINGS: dict[str, str] = {
    spelling: code for code, spellings in _SPELLINGS.items() for spelling in spellings
}
REJECTS_COLUMN = "未导入原因"


def header_key(text: str) -> str:
    """How headers are compared: full-width folded, spaces, `*` and a trailing colon or
    parenthesised note (`登记日期（必填）`) dropped, case ignored."""
    key = unicodedata.normalize("NFKC", text).strip().lower()
    key = re.sub(r"\([^()]*\)$", "", key)
    return re.sub(r"[\s*:_\-]", "", key)


def field_code(text: str) -> str | None:
    """A `--map` target: a field code, its label or a header spelling; `-` to ignore."""
    key = header_key(text)
    if text.strip() in (IGNORE, "忽略", "ignore"):
        return IGNORE
    if text.strip() in FIELDS:
        return text.strip()
    for code, (zh, en) in FIELDS.items():
        if key in (header_key(zh), header_key(en), header_key(code)):
            return code
    return HEADER_SPELLINGS.get(key)


# Errors about the file as a whole: nothing of it is imported -------------------------


class RegisterError(XinfangError):
    """A problem with the whole register: nothing of it is imported."""


class MissingColumns(RegisterError):
    zh = "表头中找不到必需的列：{missing}。{unmapped}没有导入任何行。"
    en = "The header has no column for: {missing_en}. {unmapped_en}Nothing was imported."


class DuplicateColumns(RegisterError):
    zh = "列“{first}”和“{second}”都对应{field}。用 --map {second}=- 忽略其中一列，或用 --map 指定各列。"
    en = "Columns '{first}' and '{second}' both map to {field_en}. Leave one out with --map {second}=-, or map each with --map."


class BadMap(RegisterError):
    exit_code = 2
    zh = "--map 应写成 列名=字段，例如 --map 来访时间=received；收到的是“{text}”。"
    en = "Write --map as COLUMN=FIELD, e.g. --map 来访时间=received; got '{text}'."


class BadMapField(RegisterError):
    exit_code = 2
    zh = "--map 的字段“{value}”无效。可用：{fields}；或 - 表示忽略这一列。"
    en = "--map field '{value}' is not valid. Use one of: {fields}; or - to leave the column out."


class UnknownMapColumn(RegisterError):
    exit_code = 2
    zh = "--map 指定的列“{column}”不在表头中。表头有：{header}。"
    en = "--map names a column '{column}' that is not in the header. The header has: {header}."


class BadEncoding(RegisterError):
    exit_code = 2
    zh = "编码“{value}”无效。可选：auto、gbk、gb18030、utf-8。"
    en = "Encoding '{value}' is not valid. Choose auto, gbk, gb18030 or utf-8."


class EmptyRegister(RegisterError):
    zh = "文件 {name} 中没有表头，也没有任何行。"
    en = "The file {name} has no header and no rows."


class GarbledHeader(RegisterError):
    zh = "按 {encoding} 读出的表头是乱码（{header}），文件可能不是这个编码。试试 --encoding gbk 或 --encoding utf-8。"
    en = "Read as {encoding}, the header is garbled ({header}); the file may use another encoding. Try --encoding gbk or --encoding utf-8."


class BrokenCsv(RegisterError):
    zh = "第 {line} 行附近无法按 CSV 读取（{detail}），可能有未闭合的引号。请在 Excel 中检查该行后另存为 CSV。"
    en = "Cannot read the CSV near line {line} ({detail}); a quote may be left open. Check that row in Excel and save as CSV again."


# Decoding ----------------------------------------------------------------------------

ENCODINGS = ("auto", "gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # what was used: utf-8, utf-8-sig, gb18030, gbk, utf-16
    replaced: int  # characters that could not be decoded (each became U+FFFD)


def decode(data: bytes, encoding: str = "auto") -> Decoded:
    """The register's text. `auto`: a BOM says UTF-8 or UTF-16; else UTF-8 if the bytes
    are UTF-8, else GB18030 (a superset of GBK, as Excel saves on Chinese Windows).
    Bytes that do not decode become U+FFFD, and the rows holding them are rejected."""
    name = (encoding or "auto").strip().lower().replace("_", "-")
    name = {"utf8": "utf-8", "utf8-sig": "utf-8-sig", "gb2312": "gbk", "cp936": "gbk"}.get(
        name, name)
    if name not in ENCODINGS:
        raise BadEncoding(value=encoding)
    if name == "auto":
        if data.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            name = "utf-16"
        else:
            for candidate in ("utf-8", "gb18030"):
                try:
                    return Decoded(data.decode(candidate), candidate, 0)
                except UnicodeDecodeError:
                    pass
            # Neither fits throughout: take the one that reads more of it.
            tries = [(_decode(data, c), c) for c in ("utf-8", "gb18030")]
            (text, bad), chosen = min(tries, key=lambda t: t[0][1])
            return Decoded(text, chosen, bad)
    elif name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        name = "utf-8-sig"
    text, bad = _decode(data, name)
    return Decoded(text, name, bad)


def _decode(data: bytes, encoding: str) -> tuple[str, int]:
    text = data.decode(encoding, errors="replace")
    return text, (text.count("\ufffd") if "\ufffd" in text else 0)


# Reading the table -------------------------------------------------------------------


@dataclass(frozen=True)
class RawRow:
    line: int  # the physical line the row starts on (the header is usually line 1)
    cells: list[str]


@dataclass
class Unmapped:
    column: str
    position: int  # 1-based, as Excel's columns are counted
    candidates: list[str]  # field codes it could be


@dataclass
class Columns:
    fields: dict[str, int]  # field code → index of its column
    unmapped: list[Unmapped] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


@dataclass
class Table:
    header_line: int
    header: list[str]
    columns: Columns
    rows: list[RawRow]


def parse_overrides(items: list[str] | None) -> dict[str, str]:
    """`--map 列名=field` items → {header key: field code or IGNORE}."""
    out: dict[str, str] = {}
    for item in items or []:
        text = item.replace("＝", "=")
        column, sep, target = text.rpartition("=")
        if not sep or not column.strip() or not target.strip():
            raise BadMap(text=item)
        code = field_code(target)
        if code is None:
            raise BadMapField(value=target.strip(), fields=", ".join(FIELDS))
        out[header_key(column)] = code
    return out


def _rows(text: str) -> Iterator[RawRow]:
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    end = 0
    try:
        for cells in reader:
            yield RawRow(end + 1, cells)
            end = reader.line_num
    except csv.Error as err:
        raise BrokenCsv(line=end + 1, detail=str(err)) from None


def _delimiter(text: str) -> str:
    # Excel's "Unicode text" is tab-separated; everything else here is a comma.
    first = text[:4096].split("\n", 1)[0]
    return "\t" if first.count("\t") > first.count(",") else ","


def read_table(text: str, overrides: dict[str, str] | None = None, *,
               name: str = "") -> Table:
    """Find the header (a title row above it is allowed), map its columns and return
    the data rows below it, blank ones included."""
    overrides = overrides or {}
    rows = _rows(text)
    seen: list[RawRow] = []
    header_row = None
    for row in rows:
        if not any(cell.strip() for cell in row.cells):
            continue
        seen.append(row)
        known = sum(1 for cell in row.cells
                    if header_key(cell) in overrides or header_key(cell) in HEADER_SPELLINGS)
        if known >= 2:
            header_row = row
            break
        if len(seen) >= 10:
            break
    if header_row is None:
        if not seen:
            raise EmptyRegister(name=name)
        header_row = seen[0]
        # Nothing looked like a header: read on from the first row that has content.
        rest = [row for row in _rows(text) if row.line > header_row.line]
    else:
        rest = list(rows)
    header = [_unquote(cell).strip() for cell in header_row.cells]
    return Table(header_row.line, header, map_columns(header, overrides), rest)


def map_columns(header: list[str], overrides: dict[str, str] | None = None) -> Columns:
    """Which column holds which field. Raises if a required field has no column or two
    columns claim one field; columns that match nothing are listed with their candidates."""
    overrides = dict(overrides or {})
    keys = [header_key(cell) for cell in header]
    for key in overrides:
        if key not in keys:
            raise UnknownMapColumn(column=key, header="、".join(c for c in header if c))
    fields: dict[str, int] = {}
    unmapped: list[Unmapped] = []
    ignored: list[str] = []
    for index, (cell, key) in enumerate(zip(header, keys, strict=True)):
        if not key:
            continue
        code = overrides.get(key) or HEADER_SPELLINGS.get(key)
        if code == IGNORE or (code is None and key in _KNOWN_IGNORED):
            ignored.append(cell)
            continue
        if code is None:
            unmapped.append(Unmapped(cell, index + 1, []))
            continue
        if code in fields:
            raise DuplicateColumns(first=header[fields[code]], second=cell,
                                   field=f"{code}（{FIELDS[code][0]}）", field_en=code)
        fields[code] = index
    for item in unmapped:
        item.candidates = candidates(item.column, exclude=set(fields))
    missing = [code for code in REQUIRED if code not in fields]
    if missing:
        raise MissingColumns(
            missing="、".join(f"{FIELDS[c][0]}（{c}）" for c in missing),
            missing_en=", ".join(f"{FIELDS[c][1]} ({c})" for c in missing),
            unmapped=_unmapped_text(unmapped, missing, "zh"),
            unmapped_en=_unmapped_text(unmapped, missing, "en"),
        )
    return Columns(fields, unmapped, ignored)


def candidates(column: str, exclude: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The fields an unknown header could be, likeliest first."""
    from rapidfuzz import fuzz

    key = header_key(column)
    scores: dict[str, float] = {}
    for spelling, code in HEADER_SPELLINGS.items():
        if code in exclude:
            continue
        score = fuzz.partial_ratio(key, spelling) if min(len(key), len(spelling)) >= 2 else 0
        scores[code] = max(scores.get(code, 0), score)
    good = sorted((code for code, score in scores.items() if score >= 60),
                  key=lambda code: (-scores[code], list(FIELDS).index(code)))
    return good[:3] or [code for code in FIELDS if code not in exclude]


def _unmapped_text(unmapped: list[Unmapped], missing: list[str], lang: str) -> str:
    if not unmapped:
        example = f"--map 列名={missing[0]}"
        return (f"没有认不出的列；如果表头写法特殊，用 {example} 指定。" if lang == "zh" else
                f"Every column was recognised; if a header is spelled unusually, use {example}. ")
    parts = [describe_unmapped(item, lang) for item in unmapped]
    if lang == "zh":
        return "认不出的列：" + "；".join(parts) + "。用 --map 列名=字段 指定，例如 " + \
            f"--map {unmapped[0].column}={unmapped[0].candidates[0]}。"
    return "Columns not recognised: " + "; ".join(parts) + ". Map them with --map " + \
        f"COLUMN=FIELD, e.g. --map {unmapped[0].column}={unmapped[0].candidates[0]}. "


def describe_unmapped(item: Unmapped, lang: str) -> str:
    """`“来访时间2”（第 3 列）可能是 received（登记日期）、closed（办结日期）`."""
    fields = ("、" if lang == "zh" else ", ").join(
        f"{code}（{FIELDS[code][0]}）" if lang == "zh" else f"{code} ({FIELDS[code][1]})"
        for code in item.candidates)
    if lang == "zh":
        return f"“{item.column}”（第 {item.position} 列）可能是 {fields}"
    return f"'{item.column}' (column {item.position}) could be {fields}"


# Normalising and checking a row ------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why a row cannot be imported: a stable code, and the words for people."""

    code: str
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


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
        text = "\x1f".join("" if part is None else str(part) for part in parts)
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


_FORMULA_GUARD = re.compile(r"^'[=+\-@\t\r]")
_TIME = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2})?$")
_EXCEL_NUMBER = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)
_HEADCOUNT = re.compile(r"^(\d+)\s*人?$")
_RELATIVE = ("今天", "昨天", "today", "yesterday")
EARLIEST = dt.date(1950, 1, 1)  # no petition office registered anything earlier


def _unquote(cell: str) -> str:
    # A cell that xinfang (or another careful tool) wrote as '=… for Excel reads back as =….
    return cell[1:] if _FORMULA_GUARD.match(cell) else cell


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
        return Reason(
            "id_mangled_by_excel",
            f"身份证号“{raw}”被 Excel 改成了科学计数法，后几位数字已丢失，请对照原件重新录入",
            f"the ID number '{raw}' was turned into a number by Excel and its last digits "
            "are lost; type it again from the original",
        )
    try:
        return normalize_id(text, today=today)
    except BadIdNumber as err:
        checksum = "校验位" in str(err.params.get("reason", ""))
        return Reason("bad_id_checksum" if checksum else "bad_id", err.message("zh"),
                      err.message("en"))
    except ValueError:
        # Digits of other scripts pass isdigit() but not the checksum arithmetic.
        return Reason("bad_id", f"身份证号“{raw}”含有无法识别的字符",
                      f"the ID number '{raw}' holds characters that are not digits")


@functools.lru_cache(maxsize=65536)
def _checked_phone(text: str) -> str | Reason:
    if _MOBILE.match(text):
        return text
    try:
        return normalize_phone(text)
    except BadPhone as err:
        return Reason("bad_phone", err.message("zh"), err.message("en"))


@functools.lru_cache(maxsize=256)
def _checked_channel(text: str) -> str | Reason:
    try:
        return parse_channel(unicodedata.normalize("NFKC", text))
    except BadChoice:
        choices = "、".join(zh for zh, _ in CHANNELS.values())
        return Reason("bad_channel", f"信访形式“{text}”无法识别，可填：{choices}",
                      f"cannot read the channel '{text}'; use one of: "
                      + ", ".join(CHANNELS))


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
    width = len(cells)
    values = {
        code: (_unquote(cells[index]) if cells[index][:1] == "'" else cells[index]).strip()
        for code, index in columns.fields.items() if index < width
    }

    def get(code: str) -> str:
        return values.get(code, "")

    reasons: list[Reason] = []
    if garbled and any("\ufffd" in cell for cell in cells):
        reasons.append(Reason("unreadable", "含有无法识别的字符（文件编码不对或文件已损坏）",
                              "holds characters that cannot be read (wrong encoding or a "
                              "damaged file)"))

    def day(code: str, what: str, what_en: str, required: bool = False) -> dt.date | None:
        text = get(code)
        if not text:
            if required:
                reasons.append(Reason(f"missing_{code}", f"缺少{what}", f"no {what_en}"))
            return None
        try:
            value = register_date(text)
        except BadDate:
            reasons.append(Reason(
                "bad_date", f"{what}“{text}”无法识别（可写 2026-01-04、2026/1/4、2026年1月4日 或 20260104）",
                f"cannot read the {what_en} '{text}' (write 2026-01-04, 2026/1/4 or 20260104)"))
            return None
        if value > today:
            reasons.append(Reason("future_date", f"{what} {value} 在今天（{today}）之后",
                                  f"the {what_en} {value} is after today ({today})"))
            return None
        if value < EARLIEST:
            reasons.append(Reason("bad_date", f"{what} {value} 早于 {EARLIEST.year} 年，请核对",
                                  f"the {what_en} {value} is before {EARLIEST.year}; check it"))
            return None
        return value

    received = day("received", "登记日期", "received date", required=True)
    forwarded = day("forwarded", "转送日期", "forwarded date")
    accepted = day("accepted", "受理日期", "accepted date")
    end_on = day("closed", "办结日期", "closing date")

    name = get("name")
    anonymous = name in ("匿名", "匿名信访", "anonymous")
    if not name:
        reasons.append(Reason("missing_name", "缺少信访人姓名（匿名信访请填“匿名”）",
                              "no petitioner's name (write 匿名 for an anonymous petition)"))
    id_number = phone = None
    text = get("id_number")
    if text:
        checked = _checked_id(text, today)
        if isinstance(checked, Reason):
            reasons.append(checked)
        else:
            id_number = checked
    text = get("phone")
    if text:
        checked = _checked_phone(text)
        if isinstance(checked, Reason):
            reasons.append(checked)
        else:
            phone = checked
    people = []
    if not anonymous or id_number or phone:
        people.append(Person(None if anonymous else name, id_number, phone,
                             get("address") or None))
    text = get("others")
    if text:
        for part in re.split(r"[；;\n]", text):
            if not part.strip():
                continue
            try:
                people.append(parse_person(part))
            except (BadPerson, BadIdNumber, BadPhone) as err:
                reasons.append(Reason("bad_person", "其他信访人：" + err.message("zh"),
                                      "other petitioners: " + err.message("en")))

    channel = "other"
    text = get("channel")
    if text:
        checked = _checked_channel(text)
        if isinstance(checked, Reason):
            reasons.append(checked)
        else:
            channel = checked
    headcount = 1
    text = get("headcount")
    if text:
        match = _HEADCOUNT.match(unicodedata.normalize("NFKC", text))
        if match is None or not 1 <= int(match.group(1)) <= 100000:
            reasons.append(Reason("bad_headcount", f"人数“{text}”应为不小于 1 的整数",
                                  f"the headcount '{text}' must be a whole number of at least 1"))
        else:
            headcount = int(match.group(1))
    content = get("content")
    if not content:
        reasons.append(Reason("missing_content", "缺少反映问题（诉求摘要）",
                              "no content (the complaint)"))

    unit = get("unit") or None
    notes = []
    end: str | None = None
    end_details: dict[str, str | None] = {}
    result_text = get("result")
    how = classify_result(result_text) if result_text else None
    if result_text and how is None:
        reasons.append(Reason(
            "bad_result",
            f"办理结果“{result_text}”无法识别：可写 已办结、已答复、已化解、部分支持、"
            "不予支持、撤回、不予受理 或 告知通过诉讼（仲裁、行政复议）途径解决",
            f"cannot read the result '{result_text}': use 已办结, 已答复, 已化解, 部分支持, "
            "不予支持, 撤回, 不予受理 or 告知通过诉讼途径解决"))
    elif how is not None and how[0] != "open":
        end, end_details = how[0], dict(how[1])
    elif end_on is not None:
        # A closing date without a result (or with "being handled"): closed, result unknown.
        end, end_details = "closed", {"result": None, "opinion": result_text or None}
    elif how is not None:
        notes.append(f"办理结果：{result_text}")
    if end is not None and end_on is None and not get("closed"):
        reasons.append(Reason("result_without_date",
                              f"办理结果为“{result_text}”，但没有办结日期",
                              f"the result is '{result_text}' but there is no closing date"))
    if end in ("rejected", "redirected") and accepted is not None:
        reasons.append(Reason("accepted_then_not", "已有受理日期的案件不能再“不予受理”或“告知法定途径”",
                              "a case with an accepted date cannot end as not accepted or "
                              "redirected"))
    if forwarded is not None and unit is None:
        reasons.append(Reason("forwarded_without_unit", "有转送日期但没有转送单位",
                              "there is a forwarded date but no unit"))
    if received is not None:
        _order(reasons, received, forwarded, accepted, end_on)

    for code, label_zh in (("remarks", "备注"), ("gender", "性别")):
        value = get(code)
        if value:
            notes.append(f"{label_zh}：{value}")
    if reasons:
        return reasons
    assert received is not None
    return Row(
        line=line, seq=get("seq"), received=received, people=people, anonymous=anonymous,
        channel=channel, headcount=headcount, locality=get("locality") or None,
        category=normalize_category(get("category")) or None, content=content,
        request=get("request") or None, unit=unit, forwarded=forwarded, accepted=accepted,
        end=end, end_on=end_on, end_details=end_details, officer=get("officer") or None,
        notes=notes,
    )


def _order(reasons: list[Reason], received: dt.date, forwarded: dt.date | None,
           accepted: dt.date | None, end_on: dt.date | None) -> None:
    """Each date of a case's life on or after the ones before it; one reason per date."""
    steps = [("登记日期", "received date", received), ("转送日期", "forwarded date", forwarded),
             ("受理日期", "accepted date", accepted), ("办结日期", "closing date", end_on)]
    for later in range(1, len(steps)):
        zh_b, en_b, b = steps[later]
        if b is None:
            continue
        for zh_a, en_a, a in steps[:later]:
            if a is not None and b < a:
                code = "closed_before_received" if later == 3 and zh_a == "登记日期" else \
                    "date_order"
                reasons.append(Reason(code, f"{zh_b} {b} 早于{zh_a} {a}",
                                      f"the {en_b} {b} is before the {en_a} {a}"))
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
