"""Every sentence and label xinfang shows, in Simplified Chinese and in English: the one
catalogue that every module draws from. The words of the domain (states, clocks,
channels …) are in `vocab`; everything said around them is here.

    t("case.registered", "zh", number="XF-YQH-2026-00001")

A parameter may itself be text to put in the same language: a `Ref` to another entry,
a `Label` of a vocabulary code, or a `Join` of several (joined with the language's own
separator). Keys are dotted, `area.name`; an error's key is `error.` and its class name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


class Localized(Protocol):
    def text(self, lang: str) -> str: ...


@dataclass(frozen=True)
class Ref:
    """Another entry of the catalogue, with its own parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


def ref(key: str, **params: Any) -> Ref:
    return Ref(key, params)


@dataclass(frozen=True)
class Label:
    """A stored code in words (`vocab.label`)."""

    table: Mapping[str, tuple[str, str]]
    code: str | None

    def text(self, lang: str) -> str:
        from xinfang.vocab import label

        return label(self.table, self.code, lang)


@dataclass(frozen=True)
class Join:
    """Several texts as one: 甲、乙、丙 / A, B, C."""

    items: tuple[Any, ...]

    def text(self, lang: str) -> str:
        return t("sep.list", lang).join(_text(item, lang) for item in self.items)


def join(items: Iterable[Any]) -> Join:
    return Join(tuple(items))


def _text(value: Any, lang: str) -> Any:
    return value.text(lang) if hasattr(value, "text") and callable(value.text) else value


def t(key: str, lang: str = "zh", /, **params: Any) -> str:
    """The entry `key` in `lang` ("zh" or "en"), formatted with `params`."""
    zh, en = TEXTS[key]
    template = zh if lang == "zh" else en
    return template.format(**{name: _text(value, lang) for name, value in params.items()})


TEXTS: dict[str, tuple[str, str]] = {
    # Separators and small words -----------------------------------------------------
    "sep.list": ("、", ", "),
    "sep.parts": ("；", "; "),
    "sep.colon": ("：", ": "),
    "word.error": ("错误：", "Error: "),
    "word.note": ("提示：", "Note: "),
    "word.yes": ("是", "yes"),
    # The library's own words (cases/, deadlines/, store/, registers/, acts, reports …) ----
    # Commands and renderers (commands/, render/, cli.py) -------------------------------
    "check.problems": ("发现 {count} 处问题。请先用 xinfang backup 备份，再联系技术人员。",
                       "{count} problems found. Back up the ledger with xinfang backup and "
                       "call for technical help."),
    "check.sound": ("台账完好。", "The ledger is sound."),
    "backup.done": ("已备份到 {path}", "Backed up to {path}"),
    "restore.done": ("已从 {source} 恢复台账 {target}", "Restored {target} from {source}"),
    "restore.kept": ("原台账保留为 {path}", "The previous ledger is kept as {path}"),
    # Errors (one per class of `XinfangError`; the key is its name) ---------------
    "error.ExtensionTooLong": (
        '延期合计不能超过 {max} 日：已延期 {used} 日，最多还能延 {left} 日。',
        'Extensions may total at most {max} days: {used} used, {left} left.',
    ),
    "error.NotRunning": (
        '本案没有正在计算的{clock}期限，无法{what}。',
        'This case has no running {clock_en} clock to {what_en}.',
    ),
    "error.XinfangError": (
        '操作失败。',
        'The operation failed.',
    ),
    "error.LedgerMissing": (
        '台账文件不存在：{path}。先用 xinfang register 登记第一件信访，或用 xinfang demo 试用。',
        'No ledger at {path}. Register a first case with xinfang register, or try xinfang demo.',
    ),
    "error.LedgerTooNew": (
        '台账 {path} 由更新版本的 xinfang 建立（未知的结构版本：{names}），本版本不会修改它。请升级 xinfang。',
        'The ledger {path} was made by a newer xinfang (unknown migrations: {names}); it was left untouched. Upgrade xinfang.',
    ),
    "error.OfficeNotSet": (
        '尚未设置本办代码，案件编号需要它。请先运行：xinfang office set 代码 名称（例如 xinfang office set YQH 鱼邱湖街道信访办）。',
        "The office code is not set; case numbers need it. Run: xinfang office set CODE NAME (e.g. xinfang office set YQH 'Yuqiuhu office').",
    ),
    "error.OfficeAlreadySet": (
        '本办代码已设为 {code}，不能更改（已有案件编号使用它）。',
        'The office code is already {code} and cannot change (case numbers use it).',
    ),
    "error.BadOfficeCode": (
        '本办代码“{code}”无效：只能用 2–12 位大写字母或数字，例如 YQH 或 371526001。',
        "Office code '{code}' is not valid: use 2–12 capital letters or digits, e.g. YQH or 371526001.",
    ),
    "error.CaseNotFound": (
        '找不到案件 {ref}。用 xinfang list 查看案件编号。',
        'No case {ref}. Run xinfang list to see case numbers.',
    ),
    "error.AmbiguousCase": (
        '“{ref}”对应多个案件：{matches}。请输入完整编号。',
        "'{ref}' matches several cases: {matches}. Give the full number.",
    ),
    "error.BadDate": (
        '日期“{text}”无法识别。请写成 2026-11-23、2026/11/23、2026年11月23日 或 20261123。',
        "Cannot read the date '{text}'. Write it as 2026-11-23, 2026/11/23 or 20261123.",
    ),
    "error.FutureDate": (
        '{what}“{date}”在今天（{today}）之后。请填写已经发生的日期。',
        'The {what_en} {date} is after today ({today}). Give a date that has happened.',
    ),
    "error.DateBeforePrevious": (
        '日期 {date} 早于本案上一次办理日期 {previous}。请填写 {previous} 或之后的日期。',
        "The date {date} is before this case's previous act on {previous}. Give {previous} or later.",
    ),
    "error.BadIdNumber": (
        '身份证号“{masked}”无效：{reason}。请核对证件后重新输入。',
        "ID number '{masked}' is not valid: {reason_en}. Check the card and type it again.",
    ),
    "error.BadPhone": (
        '电话“{text}”格式不对：手机号为 11 位（1 开头），座机如 0635-1234567。',
        "Phone '{text}' has a wrong shape: a mobile has 11 digits starting with 1, a landline looks like 0635-1234567.",
    ),
    "error.BadHeadcount": (
        '人数必须是不小于 1 的整数，收到的是“{value}”。',
        "Headcount must be a whole number of at least 1, got '{value}'.",
    ),
    "error.BadChoice": (
        '{what}“{value}”无效。可选：{choices}。',
        "{what_en} '{value}' is not valid. Choose one of: {choices}.",
    ),
    "error.MissingField": (
        '缺少{what}。请用 {option} 提供{hint}。',
        'Missing {what_en}. Give it with {option}{hint_en}.',
    ),
    "error.BadPerson": (
        '信访人“{text}”格式不对。写成 --person "姓名,身份证号,电话,住址"，不知道的项留空，例如 --person "张三,,13800138000"。',
        'Petitioner \'{text}\' has a wrong shape. Write --person "name,ID number,phone,address", leaving unknown parts empty.',
    ),
    "error.NotAllowed": (
        '案件 {number} 当前状态为“{state}”，不能{action}。此状态下可以：{allowed}。',
        "Case {number} is '{state_en}'; it cannot be {action_en}. Allowed now: {allowed_en}.",
    ),
    "error.BadPolicy": (
        '期限政策设置无效：{reason}',
        'Invalid policy setting: {reason_en}',
    ),
    "error.UnknownPolicyKey": (
        '没有名为“{key}”的政策项。可设置：{keys}。',
        "No policy item '{key}'. Items: {keys}.",
    ),
    "error.OverrideNotFound": (
        '{date} 没有本地调整，无需删除。用 xinfang calendar --year {year} 查看。',
        'There is no local override on {date}. See xinfang calendar --year {year}.',
    ),
    "error.UnknownUnit": (
        '单位“{name}”不在单位名单中。{suggest}用 xinfang unit add 名称 --level 层级 添加，或用 xinfang unit list 查看。',
        "Unit '{name}' is not in the list of units. {suggest_en}Add it with xinfang unit add NAME --level LEVEL, or see xinfang unit list.",
    ),
    "error.UnitExists": (
        '单位“{name}”已在名单中。',
        "Unit '{name}' is already in the list.",
    ),
    "error.BadAct": (
        '{reason}',
        '{reason_en}',
    ),
    "error.BadFormat": (
        '格式“{value}”无效。可选：csv、excel（Excel 专用 CSV，身份证号等长数字不会被改成科学计数法）、json。',
        "Format '{value}' is not valid. Choose csv, excel (a CSV made for Excel: long numbers stay text) or json.",
    ),
    "error.BadExportEncoding": (
        '编码“{value}”无效。可选：utf-8-sig（默认，Excel 可直接打开）、gbk、utf-8。',
        "Encoding '{value}' is not valid. Choose utf-8-sig (default, opens in Excel), gbk or utf-8.",
    ),
    "error.NotEncodable": (
        '案件 {case} 中的字符“{char}”无法用 {encoding} 保存。请改用 --encoding utf-8-sig 导出。',
        "The character '{char}' in case {case} cannot be written in {encoding}. Export with --encoding utf-8-sig instead.",
    ),
    "error.BadBackup": (
        '{path} 不是可用的 xinfang 台账备份：{reason}。现有台账没有改动。',
        '{path} is not a usable xinfang ledger backup: {reason_en}. The current ledger is unchanged.',
    ),
    "error.BackupExists": (
        '{path} 已存在，备份不会覆盖它。换一个文件名。',
        '{path} exists; a backup never overwrites a file. Choose another name.',
    ),
    "error.ImportFailed": (
        '导入在第 {line} 行失败：{reason}。本次导入的内容已全部撤销，台账未改动。',
        'The import failed at line {line}: {reason_en}. Nothing of this import was kept; the ledger is unchanged.',
    ),
    "error.MissingColumns": (
        '表头中找不到必需的列：{missing}。{unmapped}没有导入任何行。',
        'The header has no column for: {missing_en}. {unmapped_en}Nothing was imported.',
    ),
    "error.DuplicateColumns": (
        '列“{first}”和“{second}”都对应{field}。用 --map {second}=- 忽略其中一列，或用 --map 指定各列。',
        "Columns '{first}' and '{second}' both map to {field_en}. Leave one out with --map {second}=-, or map each with --map.",
    ),
    "error.BadMap": (
        '--map 应写成 列名=字段，例如 --map 来访时间=received；收到的是“{text}”。',
        "Write --map as COLUMN=FIELD, e.g. --map 来访时间=received; got '{text}'.",
    ),
    "error.BadMapField": (
        '--map 的字段“{value}”无效。可用：{fields}；或 - 表示忽略这一列。',
        "--map field '{value}' is not valid. Use one of: {fields}; or - to leave the column out.",
    ),
    "error.UnknownMapColumn": (
        '--map 指定的列“{column}”不在表头中。表头有：{header}。',
        "--map names a column '{column}' that is not in the header. The header has: {header}.",
    ),
    "error.BadEncoding": (
        '编码“{value}”无效。可选：auto、gbk、gb18030、utf-8。',
        "Encoding '{value}' is not valid. Choose auto, gbk, gb18030 or utf-8.",
    ),
    "error.EmptyRegister": (
        '文件 {name} 中没有表头，也没有任何行。',
        'The file {name} has no header and no rows.',
    ),
    "error.GarbledHeader": (
        '按 {encoding} 读出的表头是乱码（{header}），文件可能不是这个编码。试试 --encoding gbk 或 --encoding utf-8。',
        'Read as {encoding}, the header is garbled ({header}); the file may use another encoding. Try --encoding gbk or --encoding utf-8.',
    ),
    "error.BrokenCsv": (
        '第 {line} 行附近无法按 CSV 读取（{detail}），可能有未闭合的引号。请在 Excel 中检查该行后另存为 CSV。',
        'Cannot read the CSV near line {line} ({detail}); a quote may be left open. Check that row in Excel and save as CSV again.',
    ),
}
