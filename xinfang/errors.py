"""Errors the library raises. Each carries its message in Chinese and English.

The CLI turns any `XinfangError` into `错误：…` / `Error: …` on stderr and exit code 1.
The message always says what to do next.
"""

from __future__ import annotations


class XinfangError(Exception):
    """Base class: every error a user can cause."""

    zh = "操作失败。"
    en = "The operation failed."
    exit_code = 1  # 2 for errors in how the command was typed (usage errors)

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        template = self.zh if lang == "zh" else self.en
        return template.format(**self.params)


class LedgerMissing(XinfangError):
    zh = "台账文件不存在：{path}。先用 xinfang register 登记第一件信访，或用 xinfang demo 试用。"
    en = "No ledger at {path}. Register a first case with xinfang register, or try xinfang demo."


class LedgerTooNew(XinfangError):
    zh = "台账 {path} 由更新版本的 xinfang 建立（未知的结构版本：{names}），本版本不会修改它。请升级 xinfang。"
    en = "The ledger {path} was made by a newer xinfang (unknown migrations: {names}); it was left untouched. Upgrade xinfang."


class OfficeNotSet(XinfangError):
    zh = "尚未设置本办代码，案件编号需要它。请先运行：xinfang office set 代码 名称（例如 xinfang office set YQH 鱼邱湖街道信访办）。"
    en = "The office code is not set; case numbers need it. Run: xinfang office set CODE NAME (e.g. xinfang office set YQH 'Yuqiuhu office')."


class OfficeAlreadySet(XinfangError):
    zh = "本办代码已设为 {code}，不能更改（已有案件编号使用它）。"
    en = "The office code is already {code} and cannot change (case numbers use it)."


class BadOfficeCode(XinfangError):
    zh = "本办代码“{code}”无效：只能用 2–12 位大写字母或数字，例如 YQH 或 371526001。"
    en = "Office code '{code}' is not valid: use 2–12 capital letters or digits, e.g. YQH or 371526001."


class CaseNotFound(XinfangError):
    zh = "找不到案件 {ref}。用 xinfang list 查看案件编号。"
    en = "No case {ref}. Run xinfang list to see case numbers."


class AmbiguousCase(XinfangError):
    zh = "“{ref}”对应多个案件：{matches}。请输入完整编号。"
    en = "'{ref}' matches several cases: {matches}. Give the full number."


class BadDate(XinfangError):
    exit_code = 2
    zh = "日期“{text}”无法识别。请写成 2026-11-23、2026/11/23、2026年11月23日 或 20261123。"
    en = "Cannot read the date '{text}'. Write it as 2026-11-23, 2026/11/23 or 20261123."


class FutureDate(XinfangError):
    zh = "{what}“{date}”在今天（{today}）之后。请填写已经发生的日期。"
    en = "The {what_en} {date} is after today ({today}). Give a date that has happened."


class DateBeforePrevious(XinfangError):
    zh = "日期 {date} 早于本案上一次办理日期 {previous}。请填写 {previous} 或之后的日期。"
    en = "The date {date} is before this case's previous act on {previous}. Give {previous} or later."


class BadIdNumber(XinfangError):
    zh = "身份证号“{masked}”无效：{reason}。请核对证件后重新输入。"
    en = "ID number '{masked}' is not valid: {reason_en}. Check the card and type it again."


class BadPhone(XinfangError):
    zh = "电话“{text}”格式不对：手机号为 11 位（1 开头），座机如 0635-1234567。"
    en = "Phone '{text}' has a wrong shape: a mobile has 11 digits starting with 1, a landline looks like 0635-1234567."


class BadHeadcount(XinfangError):
    zh = "人数必须是不小于 1 的整数，收到的是“{value}”。"
    en = "Headcount must be a whole number of at least 1, got '{value}'."


class BadChoice(XinfangError):
    exit_code = 2
    zh = "{what}“{value}”无效。可选：{choices}。"
    en = "{what_en} '{value}' is not valid. Choose one of: {choices}."


class MissingField(XinfangError):
    exit_code = 2
    zh = "缺少{what}。请用 {option} 提供{hint}。"
    en = "Missing {what_en}. Give it with {option}{hint_en}."


class BadPerson(XinfangError):
    exit_code = 2
    zh = "信访人“{text}”格式不对。写成 --person \"姓名,身份证号,电话,住址\"，不知道的项留空，例如 --person \"张三,,13800138000\"。"
    en = "Petitioner '{text}' has a wrong shape. Write --person \"name,ID number,phone,address\", leaving unknown parts empty."


class NotAllowed(XinfangError):
    zh = "案件 {number} 当前状态为“{state}”，不能{action}。此状态下可以：{allowed}。"
    en = "Case {number} is '{state_en}'; it cannot be {action_en}. Allowed now: {allowed_en}."


class BadPolicy(XinfangError):
    zh = "期限政策设置无效：{reason}"
    en = "Invalid policy setting: {reason_en}"


class UnknownPolicyKey(XinfangError):
    exit_code = 2
    zh = "没有名为“{key}”的政策项。可设置：{keys}。"
    en = "No policy item '{key}'. Items: {keys}."


class OverrideNotFound(XinfangError):
    zh = "{date} 没有本地调整，无需删除。用 xinfang calendar --year {year} 查看。"
    en = "There is no local override on {date}. See xinfang calendar --year {year}."


class UnknownUnit(XinfangError):
    zh = "单位“{name}”不在单位名单中。{suggest}用 xinfang unit add 名称 --level 层级 添加，或用 xinfang unit list 查看。"
    en = "Unit '{name}' is not in the list of units. {suggest_en}Add it with xinfang unit add NAME --level LEVEL, or see xinfang unit list."


class UnitExists(XinfangError):
    zh = "单位“{name}”已在名单中。"
    en = "Unit '{name}' is already in the list."


class BadAct(XinfangError):
    zh = "{reason}"
    en = "{reason_en}"
