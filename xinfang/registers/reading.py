"""Reading a paper register (信访登记簿) typed into Excel and saved as CSV (DOMAIN.md §7):
decode the bytes, find the header below any title rows, and map its columns to fields.
(A register kept as a workbook is read by `workbooks` into the same rows.) Pure: no
database and no UI.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from xinfang.errors import XinfangError
from xinfang.texts import Label, Ref, join, ref

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
    "confidential": ("保密", "confidential"),
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
    "confidential": ("保密", "是否保密", "保密案件", "confidential"),
}
# Columns that xinfang's own files carry (exports, rejects files) and that import leaves
# out on purpose: derived state, or the reason a row was not imported.
_KNOWN_IGNORED = ("未导入原因", "原因", "错误原因", "reason", "reasons", "状态", "status",
                  "满意度", "satisfaction", "重复信访初件", "repeatof", "提示", "flags",
                  "处理意见", "opinion", "包案领导", "leader", "下一截止日期", "nextdue",
                  "next_due", "超期天数", "daysoverdue", "days_overdue")

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
    """The header has no column for: …."""


class DuplicateColumns(RegisterError):
    """Columns '…' and '…' both map to …."""


class BadMap(RegisterError):
    """Write --map as COLUMN=FIELD, e.g."""

    exit_code = 2


class BadMapField(RegisterError):
    """--map field '…' is not valid."""

    exit_code = 2


class UnknownMapColumn(RegisterError):
    """--map names a column '…' that is not in the header."""

    exit_code = 2


class BadEncoding(RegisterError):
    """Encoding '…' is not valid."""

    exit_code = 2


class EmptyRegister(RegisterError):
    """The file … has no header and no rows."""


class GarbledHeader(RegisterError):
    """Read as …, the header is garbled (…); the file may use another encoding."""


class UnclosedQuote(RegisterError):
    """A quote opened in a cell is never closed: the rows after it would be lost."""


class CellTooLarge(RegisterError):
    """A cell is larger than a register's cell can be."""


class BrokenCsv(RegisterError):
    """Cannot read the CSV near line … (…); a quote may be left open."""


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
            try:
                return _without_nul(data.decode("utf-8"), "utf-8", 0)
            except UnicodeDecodeError:
                pass
            # A few bad bytes in a UTF-8 file (a torn copy, a stray byte) cost only the
            # rows that hold them; a GBK file read as UTF-8 goes wrong at almost every
            # Chinese character, so many bad bytes mean GB18030.
            text, bad = _decode(data, "utf-8")
            if bad <= max(3, len(data) // 20000):
                return _without_nul(text, "utf-8", bad)
            try:
                return _without_nul(data.decode("gb18030"), "gb18030", 0)
            except UnicodeDecodeError:
                pass
            tries = [(_decode(data, c), c) for c in ("utf-8", "gb18030")]
            (text, bad), chosen = min(tries, key=lambda t: t[0][1])
            return _without_nul(text, chosen, bad)
    elif name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        name = "utf-8-sig"
    text, bad = _decode(data, name)
    return _without_nul(text, name, bad)


def _without_nul(text: str, encoding: str, bad: int) -> Decoded:
    """A NUL byte (a damaged file, or one another program padded) is no character of a
    register: it reads as undecodable, so only its row is rejected, not the file."""
    nul = text.count("\x00")
    if nul:
        text = text.replace("\x00", "\ufffd")
    return Decoded(text, encoding, bad + nul)


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
    sheet: str = ""  # the workbook's sheet the rows are on; "" for a CSV


def known_cells(cells: list[str], overrides: dict[str, str]) -> int:
    """How many cells of a row are header spellings (or columns `--map` names): a row
    with two of them is taken for the header."""
    return sum(1 for cell in cells
               if header_key(cell) in overrides or header_key(cell) in HEADER_SPELLINGS)


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
        if "field larger than field limit" in str(err):
            raise CellTooLarge(line=end + 1, limit=csv.field_size_limit()) from None
        raise BrokenCsv(line=end + 1, detail=str(err)) from None


def _refuse_swallowed(rows: list[RawRow], width: int, delimiter: str) -> None:
    """A quote left open makes one cell of everything up to the next quote: later rows
    vanish into it and the file still reads. A cell that runs over line ends holding
    lines shaped like rows (as many separators as the header has columns, nearly) is
    that, not an officer's line break: the file is refused at the line the cell opens."""
    if width < 3:
        return
    enough = max(2, (width - 1) // 2)
    for row in rows:
        line = row.line
        for cell in row.cells:
            if "\n" in cell:
                inner = cell.split("\n")
                if any(part.count(delimiter) >= enough for part in inner[1:]):
                    raise UnclosedQuote(line=line)
                line += len(inner) - 1


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
        if known_cells(row.cells, overrides) >= 2:
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
    header = [unquote(cell).strip() for cell in header_row.cells]
    _refuse_swallowed(rest, len(header), _delimiter(text))
    return Table(header_row.line, header, map_columns(header, overrides), rest)


def map_columns(header: list[str], overrides: dict[str, str] | None = None) -> Columns:
    """Which column holds which field. Raises if a required field has no column or two
    columns claim one field; columns that match nothing are listed with their candidates."""
    overrides = dict(overrides or {})
    keys = [header_key(cell) for cell in header]
    for key in overrides:
        if key not in keys:
            raise UnknownMapColumn(column=key, header=join(c for c in header if c))
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
            raise DuplicateColumns(first=header[fields[code]], second=cell, field=_field(code))
        fields[code] = index
    for item in unmapped:
        item.candidates = candidates(item.column, exclude=set(fields))
    missing = [code for code in REQUIRED if code not in fields]
    if missing:
        raise MissingColumns(missing=join(ref("columns.missing_field", code=code,
                                              label=Label(FIELDS, code)) for code in missing),
                             unmapped=_unmapped_text(unmapped, missing))
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


def _unmapped_text(unmapped: list[Unmapped], missing: list[str]) -> Ref:
    if not unmapped:
        return ref("columns.none_unrecognised", example=f"{missing[0]}")
    first = unmapped[0]
    return ref("columns.unrecognised", parts=join((unmapped_ref(item) for item in unmapped),
                                                  "sep.parts"),
               column=first.column, field=first.candidates[0])


def _field(code: str) -> Ref:
    """`received（登记日期）` / `received (received date)`."""
    return ref("columns.field", code=code, label=Label(FIELDS, code))


def unmapped_ref(item: Unmapped) -> Ref:
    """`“来访时间2”（第 3 列）可能是 received（登记日期）、closed（办结日期）`."""
    return ref("columns.could_be", column=item.column, position=item.position,
               fields=join(_field(code) for code in item.candidates))


def describe_unmapped(item: Unmapped, lang: str) -> str:
    return unmapped_ref(item).text(lang)


_FORMULA_GUARD = re.compile(r"^'[=+\-@\t\r]")


def unquote(cell: str) -> str:
    """A cell that xinfang (or another careful tool) wrote as '=… for Excel reads back
    as =…."""
    return cell[1:] if _FORMULA_GUARD.match(cell) else cell
