"""Every sentence and label xinfang shows, in Simplified Chinese and in English: the one
catalogue that every module draws from. The words of the domain (states, clocks,
channels …) are in `vocab`; everything said around them is here.

    t("case.registered", "zh", number="XF-YQH-2026-00001")

A parameter may itself be text to put in the same language: a `Ref` to another entry,
a `Label` of a vocabulary code, or a `Join` of several (joined with the language's own
separator). Keys are dotted, `area.name`; an error's key is `error.` and its class name.
"""

from __future__ import annotations

import re
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


def ref(key: str, /, **params: Any) -> Ref:
    return Ref(key, params)


def word(pair: tuple[str, str], lang: str = "zh") -> str:
    """The Chinese or the English of a (中文, English) pair of a vocabulary table."""
    zh, en = pair
    return en if lang == "en" else zh


def label(table: Mapping[str, tuple[str, str]], code: str | None, lang: str = "zh") -> str:
    """The label of a stored code of a vocabulary table (`vocab`) in the chosen language;
    unknown codes are shown as they are."""
    if code is None:
        return ""
    pair = table.get(code)
    if pair is None:
        return code
    return word(pair, lang)


@dataclass(frozen=True)
class Label:
    """A stored code in words (`label`)."""

    table: Mapping[str, tuple[str, str]]
    code: str | None

    def text(self, lang: str) -> str:
        return label(self.table, self.code, lang)


@dataclass(frozen=True)
class Join:
    """Several texts as one: 甲、乙、丙 / A, B, C (or with the separator entry `sep`)."""

    items: tuple[Any, ...]
    sep: str = "sep.list"

    def text(self, lang: str) -> str:
        return t(self.sep, lang).join(str(_text(item, lang)) for item in self.items)


def join(items: Iterable[Any], sep: str = "sep.list") -> Join:
    return Join(tuple(items), sep)


def _text(value: Any, lang: str) -> Any:
    return value.text(lang) if hasattr(value, "text") and callable(value.text) else value


def t(key: str, lang: str = "zh", /, **params: Any) -> str:
    """The entry `key` in `lang` ("zh" or "en"), formatted with `params`; in English a
    count of one takes the singular (`1 day overdue`, `1 person`)."""
    zh, en = TEXTS[key]
    template = zh if lang == "zh" else en
    text = template.format(**{name: _text(value, lang) for name, value in params.items()})
    return text if lang == "zh" or "1 " not in text else _ONE.sub(_singular, text)


SINGULAR = {"days": "day", "people": "person", "cases": "case", "visits": "visit",
            "clocks": "clock", "rows": "row", "months": "month", "years": "year",
            "categories": "category", "units": "unit", "events": "event", "items": "item",
            "petitioners": "petitioner", "files": "file", "sheets": "sheet",
            "workdays": "workday", "columns": "column", "repeats": "repeat",
            "documents": "document", "times": "time", "links": "link", "chains": "chain"}
_ONE = re.compile(r"(?<![\d.,/-])1 (" + "|".join(SINGULAR) + r")\b")


def _singular(match: re.Match[str]) -> str:
    return "1 " + SINGULAR[match.group(1)]


TEXTS: dict[str, tuple[str, str]] = {
    # Separators and small words -----------------------------------------------------
    "sep.list": ("、", ", "),
    "sep.parts": ("；", "; "),
    "sep.colon": ("：", ": "),
    "word.error": ("错误：", "Error: "),
    "word.note": ("提示：", "Note: "),
    "word.yes": ("是", "yes"),
    # The library's own words (cases/, deadlines/, store/, registers/, acts, reports …) ----
    # Names of what an officer gives, as messages put them.
    "field.petitioner_name": ("信访人姓名", "the petitioner's name"),
    "field.lead_name": ("主访人姓名", "the lead petitioner's name"),
    "field.channel": ("信访形式", "the channel"),
    "field.content": ("信访内容摘要", "the content summary"),
    "field.received_on": ("收到日期", "received date"),
    "field.acted_on": ("办理日期", "date of the act"),
    "field.report_by": ("交办报告日期", "the report-by date"),
    "field.unit_or_leader": ("上报单位或包案领导", "a unit or a leader"),
    "field.hearing_dates": ("听证起止日期", "the hearing dates"),
    "field.satisfaction": ("满意度", "the satisfaction"),
    "field.note": ("备注内容", "the note"),
    "field.objection_reason": ("异议理由", "the reason"),
    "field.reject_text": ("不予受理的具体理由", "the reason text"),
    "field.extension_reason": ("延期理由", "the reason"),
    "field.approved_by": ("批准人", "who approved it"),
    "field.escalation_reason": ("上报理由", "the reason"),
    "field.opinion": ("处理意见", "the handling opinion"),
    "field.correction_reason": ("更正理由", "the reason for the correction"),
    "field.archive_reason": ("归档理由", "the reason for archiving"),
    "field.undo_reason": ("撤销或作废的理由", "the reason"),
    "field.reroute_reason": ("改转理由", "the reason for re-routing"),
    "field.report_by_reason": ("更改报告日期的理由", "the reason"),
    "field.interim_report": ("阶段性报告内容", "the interim report"),
    "field.reopen_reason": ("重新办理的理由", "the reason"),
    "option.name_or_person": ("--name 或 --person", "--name or --person"),
    "option.to_or_leader": ("--to 单位 或 --leader 姓名", "--to UNIT or --leader NAME"),
    "option.from_and_to": ("--from 和 --to", "--from and --to"),
    # What to add after the option a message names (empty where nothing is to be said).
    "hint.anonymous_petition": ("；匿名信访请加 --anonymous",
                                " (or --anonymous for an anonymous petition)"),
    "hint.anonymous": ("；匿名信访请加 --anonymous", " (or --anonymous)"),
    "hint.channels": ("（来访/来信/来电/网上信访）", " (visit/letter/phone/online)"),
    "hint.content": ("（一句话说明反映的问题）", ""),
    "hint.satisfaction": ("（满意/基本满意/不满意），联系不上请加 --unreachable",
                          " (or --unreachable)"),
    # The fields a value is chosen for from a list.
    "choice.channel": ("信访形式", "Channel"),
    "choice.unit": ("计算单位", "Unit"),
    "choice.status": ("状态", "Status"),
    "choice.clock": ("期限", "Clock"),
    "choice.result": ("办理结果", "Result"),
    "choice.reject_reason": ("不予受理理由", "Reason"),
    "choice.route": ("法定途径", "Route"),
    "choice.satisfaction": ("满意度", "Satisfaction"),
    "choice.level": ("单位层级", "Level"),
    "choice.flag": ("提示", "Flag"),
    "choice.step": ("步骤", "Step"),
    "choice.major_flag": ("越级情况", "Flag"),
    # Acts refused, and what the officer may do instead.
    "act.allowed": ("{act}（{command}）", "{act} ({command})"),
    "act.extend": ("延期", "extend"),
    "act.report_by_or_interim": ("请写 --report-by 新日期（更改报告日期）或 --interim 内容（阶段性报告），二者选一。",
                                 "Give --report-by DATE (a new report-by date) or --interim "
                                 "TEXT (an interim report), one of the two."),
    "act.no_hearing_to_replace": ("这件案件还没有记录过听证，无需 --replace。",
                                  "The case has no hearing recorded to replace."),
    "act.no_petitioner_left": ("更正后这件案件就没有信访人了；匿名信访请在登记时写明。",
                               "The correction would leave the case without a petitioner."),
    "act.reroute_same_unit": ("案件已经在“{unit}”办理，改转请写另一个单位。",
                              "The case is already with '{unit}': re-route it to another unit."),
    "act.change_report_by": ("更改报告日期", "change the report-by date"),
    "act.interim_report": ("记录阶段性报告", "record an interim report"),
    "act.hold_hearing": ("记录听证", "hold a hearing"),
    "act.repeat_of_or_not": ("--repeat-of 和 --not-repeat 只能选一个。",
                             "Use either --repeat-of or --not-repeat."),
    "act.repeat_itself": ("案件不能是它自己的重复信访。", "A case cannot repeat itself."),
    "act.report_by_needs_assign": ("--report-by 只用于交办，请同时加 --assign。",
                                   "--report-by goes with --assign."),
    "act.report_by_after": ("报告日期 {date} 应在交办日期之后。",
                            "The report-by date {date} must come after the assignment."),
    "act.extend_at_least_one": ("延期天数至少为 1。", "Extend by at least 1 day."),
    "act.hearing_ends_before_start": ("听证结束日期早于开始日期。",
                                      "The hearing ends before it starts."),
    "act.unreachable_satisfaction": ("联系不上信访人时不能记录满意度。",
                                     "An unreachable petitioner cannot give a satisfaction."),
    "unit.did_you_mean": ("是不是：{names}？", "Did you mean: {names}? "),
    "category.short": ("（简称：{names}）", " (short: {names})"),
    "category.office": ("本办自己的分类：", "The office's own categories:"),
    "category.added": ("已加入分类：{name}", "Category added: {name}"),
    "unit.renamed": ("单位“{old}”已更名为“{new}”，{count} 件案件随之更改。",
                     "Unit '{old}' is now '{new}'; {count} cases follow."),
    "unit.merged": ("单位“{old}”已并入“{new}”，{count} 件案件改由“{new}”承办。",
                    "Unit '{old}' was merged into '{new}'; {count} cases follow."),
    "unit.set_nothing": ("请写要改的项：--level 层级 或 --parent 上级单位。",
                         "Give what to change: --level LEVEL or --parent UNIT."),
    "unit.updated": ("单位“{name}”已更新。", "Unit '{name}' updated."),
    "unit.retired": ("单位“{name}”已撤销，不再接收新的转送；已有案件照旧办理。",
                     "Unit '{name}' is retired: it takes no new work; its cases go on."),
    "unit.merged_into": ("它已并入“{name}”。", "It was merged into '{name}'. "),
    # The deadline policy.
    "policy.number.warning_days": ("到期预警（工作日）", "due-soon warning window (working days)"),
    "policy.number.max_extension_days": ("延期合计上限（日）", "maximum total extension (days)"),
    "policy.number.collective_headcount": ("集体访人数下限", "headcount that makes a collective visit"),
    "policy.number.max_representatives": ("集体访代表人数上限", "maximum representatives of a group"),
    "policy.number.escalate_overdue_days": ("超期多少日需上报", "days overdue before escalation is needed"),
    "policy.number.repeat_chain_escalate": ("重复信访几次需上报", "repeat chain length that needs escalation"),
    "policy.number.repeat_similarity": ("认定同一事项所需的分数（0–100）", "score at which it is the same matter (0–100)"),
    # The figures offices are judged by (DOMAIN.md §6), with their definitions.
    "figure.timely_acceptance": ("及时受理率", "timely acceptance"),
    "figure.timely_acceptance.definition": (
        "转送、受理告知期限按期停止数 ÷ 期内到期或停止数",
        "forward and notify clocks stopped on time ÷ those due or stopped in the period"),
    "figure.on_time_closing": ("按期办结率", "closed on time"),
    "figure.on_time_closing.definition": (
        "办理期限按期停止数 ÷ 期内到期或停止数",
        "handling clocks stopped on time ÷ those due or stopped in the period"),
    "figure.participation": ("参评率", "evaluation participation"),
    "figure.participation.definition": (
        "已评价数 ÷（已评价数 + 评价期届满未评价数）",
        "evaluated ÷ (evaluated + evaluation windows that ended unevaluated)"),
    "figure.satisfaction": ("满意率", "satisfaction"),
    "figure.satisfaction.definition": ("（满意 + 基本满意）÷ 已评价数",
                                       "(satisfied + basically satisfied) ÷ evaluated"),
    "figure.repeat_rate": ("重复信访率", "repeat petitions"),
    "figure.repeat_rate.definition": ("重复信访件数 ÷ 期内登记件数",
                                      "repeat cases ÷ cases registered in the period"),
    "figure.first_time_resolution": ("一次性化解率", "resolved first time"),
    "figure.first_time_resolution.definition": (
        "初信初访办结后无重复、复查、复核的件数 ÷ 期内办结的初信初访件数",
        "first petitions closed with no repeat, review or recheck after ÷ first petitions "
        "closed in the period"),
    "policy.not_a_number": ("“{value}”不是整数。", "'{value}' is not a whole number."),
    "policy.length_range": ("期限长度应在 1 到 365 之间。", "a length must be 1 to 365."),
    "policy.no_unit": ("{key} 是数值项，不带单位。", "{key} takes no unit."),
    "policy.negative": ("数值不能为负。", "a value cannot be negative."),
    "policy.range": ("{key} 应在 0 到 {top} 之间。", "{key} must be 0 to {top}."),
    # ID numbers: what is wrong with one.
    "id.excel_number": ("被 Excel 改成了科学计数法（如 3.60803E+17），后几位数字已丢失，请对照原件重新录入",
                        "Excel turned it into a number in scientific notation and its last "
                        "digits are lost; type it again from the original"),
    "id.length": ("应为 18 位，实际 {length} 位", "it has {length} characters, not 18"),
    "id.not_a_digit": ("第 {position} 位“{char}”不是数字（只有第 18 位可以是 X）",
                       "character {position} ('{char}') is not a digit (only the 18th may be X)"),
    "id.last_character": ("第 18 位“{char}”应为数字或 X",
                          "the 18th character '{char}' must be a digit or X"),
    "id.check_digit": ("校验位不符：第 18 位应为 {expected}，实际为 {actual}（前 17 位中可能有一位抄错）",
                       "the check digit fails: the 18th character should be {expected}, not "
                       "{actual} (one of the first 17 may be mistyped)"),
    "id.birth_date": ("第 7–14 位的出生日期 {born} 不存在",
                      "characters 7–14 hold a birth date {born} that does not exist"),
    # A register's columns.
    "row.received": ("登记日期", "received date"),
    "row.forwarded": ("转送日期", "forwarded date"),
    "row.accepted": ("受理日期", "accepted date"),
    "row.closed": ("办结日期", "closing date"),
    "columns.field": ("{code}（{label}）", "{code} ({label})"),
    "columns.missing_field": ("{label}（{code}）", "{label} ({code})"),
    "columns.could_be": ("“{column}”（第 {position} 列）可能是 {fields}",
                         "'{column}' (column {position}) could be {fields}"),
    "columns.none_unrecognised": ("没有认不出的列；如果表头写法特殊，用 --map 列名={example} 指定。",
                                  "Every column was recognised; if a header is spelled "
                                  "unusually, use --map COLUMN={example}. "),
    "columns.unrecognised": ("认不出的列：{parts}。用 --map 列名=字段 指定，例如 --map {column}={field}。",
                             "Columns not recognised: {parts}. Map them with --map "
                             "COLUMN=FIELD, e.g. --map {column}={field}. "),
    # Why a register row is not imported (`registers.rows.Reason`, by code).
    "reason.error": ("{error}", "{error}"),
    "reason.id_mangled_by_excel": (
        "身份证号“{raw}”被 Excel 改成了科学计数法，后几位数字已丢失，请对照原件重新录入",
        "the ID number '{raw}' was turned into a number by Excel and its last digits are "
        "lost; type it again from the original"),
    "reason.id_not_digits": ("身份证号“{raw}”含有无法识别的字符",
                             "the ID number '{raw}' holds characters that are not digits"),
    "reason.bad_channel": ("信访形式“{text}”无法识别，可填：{choices}",
                           "cannot read the channel '{text}'; use one of: {choices}"),
    "reason.unreadable": ("含有无法识别的字符（文件编码不对或文件已损坏）",
                          "holds characters that cannot be read (wrong encoding or a damaged "
                          "file)"),
    "reason.missing": ("缺少{what}", "no {what}"),
    "reason.bad_date": ("{what}“{text}”无法识别（可写 2026-01-04、2026/1/4、2026年1月4日 或 20260104）",
                        "cannot read the {what} '{text}' (write 2026-01-04, 2026/1/4 or "
                        "20260104)"),
    "reason.future_date": ("{what} {value} 在今天（{today}）之后",
                           "the {what} {value} is after today ({today})"),
    "reason.too_early": ("{what} {value} 早于 {year} 年，请核对",
                         "the {what} {value} is before {year}; check it"),
    "reason.missing_name": ("缺少信访人姓名（匿名信访请填“匿名”）",
                            "no petitioner's name (write 匿名 for an anonymous petition)"),
    "reason.bad_person": ("其他信访人：{error}", "other petitioners: {error}"),
    "reason.bad_headcount": ("人数“{text}”应为不小于 1 的整数",
                             "the headcount '{text}' must be a whole number of at least 1"),
    "reason.missing_content": ("缺少反映问题（诉求摘要）", "no content (the complaint)"),
    "reason.bad_result": ("办理结果“{text}”无法识别：可写 已办结、已答复、已化解、部分支持、"
                          "不予支持、撤回、不予受理 或 告知通过诉讼（仲裁、行政复议）途径解决",
                          "cannot read the result '{text}': use 已办结, 已答复, 已化解, 部分支持, "
                          "不予支持, 撤回, 不予受理 or 告知通过诉讼途径解决"),
    "reason.result_without_date": ("办理结果为“{text}”，但没有办结日期",
                                   "the result is '{text}' but there is no closing date"),
    "reason.accepted_then_not": ("已有受理日期的案件不能再“不予受理”或“告知法定途径”",
                                 "a case with an accepted date cannot end as not accepted or "
                                 "redirected"),
    "reason.forwarded_without_unit": ("有转送日期但没有转送单位",
                                      "there is a forwarded date but no unit"),
    "reason.date_order": ("{later} {date} 早于{earlier} {before}",
                          "the {later} {date} is before the {earlier} {before}"),
    "reason.bad_confidential": ("保密一栏“{text}”无法识别：保密的填“是”，不保密的留空或填“否”",
                                "cannot read the confidential column '{text}': write 是 for a "
                                "confidential case, leave it empty (or 否) otherwise"),
    "reason.extra_cells": ("本行有 {cells} 格，表头只有 {width} 列（可能有没加引号的逗号）",
                           "the row has {cells} cells but the header has {width} columns (an "
                           "unquoted comma?)"),
    # The import's account of every row.
    "import.skipped.blank": ("空行", "blank row"),
    "import.skipped.duplicate": ("与第 {same_as} 行相同", "same as line {same_as}"),
    "import.skipped.imported": ("已导入过（案件 {same_as}）", "already imported (case {same_as})"),
    "import.rejected_at": ("第 {line} 行：{reasons}", "line {line}: {reasons}"),
    # Backups and exports.
    "backup.no_such_file": ("文件不存在", "no such file"),
    "backup.damaged": ("文件已损坏", "the file is damaged"),
    "backup.not_a_ledger": ("不是 xinfang 台账", "not an xinfang ledger"),
    "backup.newer": ("由更新版本的 xinfang 建立", "made by a newer xinfang"),
    "backup.is_the_ledger": ("它就是台账文件本身", "it is the ledger itself"),
    "check.detail.chain_at": ("第 {n} 条记录（{on} {kind}）", "event {n} ({on} {kind})"),
    "export.repeat_of": ("重复信访，初件 {case}", "repeat of {case}"),
    "export.source": ("{file} 第 {line} 行", "{file} line {line}"),
    # Commands and renderers (commands/, render/, cli.py) -------------------------------
    "check.problems": ("发现 {count} 处问题。请先用 xinfang backup 备份，再联系技术人员。",
                       "{count} problems found. Back up the ledger with xinfang backup and "
                       "call for technical help."),
    "check.damaged_pages": (
        "台账的数据页已损坏。为免损坏扩大，登记等写入命令已停止写入这个台账；"
        "请用 xinfang restore 备份文件 从最近的备份恢复（查看、列表、报表和导出仍可使用）。",
        "The ledger's pages are damaged. So that the damage does not spread, commands that "
        "write no longer write to it; restore the latest backup with xinfang restore BACKUP "
        "(show, list, reports and export still work)."),
    "check.sound": ("台账完好。", "The ledger is sound."),
    "check.incomplete": ("台账有一部分没能检查（见上），但没有发现损坏。请稍后在没有其他人使用时再运行 xinfang check。",
                         "Part of the ledger could not be checked (see above), and no damage "
                         "was found. Run xinfang check again when no one else is using it."),
    "import.units_mapped": ("按名单中的单位导入：{pairs}（如不对，导入后用 xinfang forward 改转）。",
                            "Taken as units of the list: {pairs} (if wrong, re-route with "
                            "xinfang forward after the import)."),
    "import.unit_pair": ("“{given}”→“{unit}”", "'{given}' → '{unit}'"),
    "import.unknown_categories": (
        "{count} 个内容分类不在分类名单中，按原样导入：{names}。可用 xinfang category add 加入名单，或用 xinfang correct 改为统一分类。",
        "{count} categories are not in the list and were imported as they are: {names}. Add "
        "them with xinfang category add, or correct the cases with xinfang correct."),
    "import.ask_archive": (
        "登记簿中有 {count} 行在 {cut} 之前收到、没有办理结果。把它们作为历史记录归档吗（不计期限，不进超期报告，统计中单独计数）？",
        "{count} rows were received before {cut} and have no result. Archive them as history "
        "(no deadlines, not in the overdue report, counted apart in the figures)?"),
    "import.archived": ("其中 {count} 件在 {cut} 之前收到、没有办理结果，已作为历史记录归档。",
                        "{count} of them, received before {cut} without a result, were "
                        "archived as history."),
    "import.old_open": (
        "提示：{count} 行是一年多以前收到的、没有办理结果，已作为未办结案件导入，会出现在超期报告中。"
        "如果它们是历史记录，可用 xinfang archive --before 日期 --reason 理由 归档，下次导入时也可加 --archive-before 日期。",
        "Note: {count} rows received more than a year ago have no result and were imported "
        "as open cases; they will show in the overdue report. If they are history, archive "
        "them with xinfang archive --before DATE --reason WHY (or import with "
        "--archive-before DATE)."),
    "archive.no_filter": ("请写要归档的案件编号，或用 --before 日期 等条件选出案件。",
                          "Name the cases to archive, or select them with --before DATE and "
                          "the other filters."),
    "archive.none": ("没有符合条件、尚未办结的案件，没有归档。",
                     "No open case matches: nothing archived."),
    "archive.needs_yes": ("将归档 {count} 件案件。确认无误请加 --yes 再运行。",
                          "{count} cases would be archived. Run again with --yes to do it."),
    "archive.confirm": ("将把 {count} 件尚未办结的案件作为历史记录归档，确定吗？",
                        "Archive {count} open cases as history?"),
    "archive.cancelled": ("已取消，没有归档。", "Cancelled: nothing archived."),
    "archive.done": ("已归档 {count} 件。", "Archived {count} cases."),
    "report.waiting": ("另一份报表正在生成，等它结束后再生成这一份……",
                       "Another run of this report is going; waiting for it to end …"),
    "report.chain_head": ("台账记录链末端：{head}", "Head of the ledger's chain: {head}"),
    "check.head": ("台账记录链末端：{head}（可记下，日后用 xinfang check --against {head} 核对历史没有被改写）",
                   "Head of the ledger's chain: {head} (note it down; xinfang check --against "
                   "{head} later tells whether the history was rewritten)"),
    "check.problem.readable_by_others": ("台账文件其他用户也能读取（权限）：下一次登记等写入命令会把它改为只有本人可读",
                                          "the ledger file may be read by other users (its "
                                          "mode): the next command that writes makes it private"),
    "check.problem.could_not_check": ("未能检查（台账只读或正被占用）：", "could not be checked (read-only or busy):"),
    "check.problem.fts_index": ("全文检索索引损坏：", "the full-text index is damaged:"),
    "check.problem.repeat_terms": ("重复信访比对用的词频与案件内容不一致，重复信访认定可能不准；可用 xinfang check --rebuild-terms 重新生成（不同的词数 · 案件数）：",
                                   "the term counts the repeat rule reads differ from the cases' "
                                   "content, so repeats may be misjudged; xinfang check "
                                   "--rebuild-terms makes them again (terms · cases differing):"),
    "check.terms_rebuilt": ("已按案件内容重新生成重复信访比对用的词频。",
                            "The repeat rule's term counts were made again from the cases' "
                            "content."),
    "check.problem.integrity_check": ("SQLite 完整性检查发现损坏，请用 xinfang restore 从最近的备份恢复：",
                                      "SQLite's integrity check found damage; restore the latest "
                                      "backup with xinfang restore:"),
    "check.problem.foreign_key_check": ("记录之间的引用断了：", "a reference between records is broken:"),
    "check.problem.append_only_trigger_missing": ("防止修改、删除记录的保护被去掉了：",
                                                  "the guard against editing or deleting events "
                                                  "was removed:"),
    "check.problem.chain_broken": ("记录链在此断开（有记录被删除、修改或插入）：",
                                   "the chain of events breaks here (an event was deleted, "
                                   "changed or slipped in):"),
    "check.problem.event_without_case": ("有记录不属于任何案件：", "an event belongs to no case:"),
    "check.problem.fewer_events_than_head": ("记录比此前打印的末端还少（有记录被删除）：",
                                             "fewer events than the head printed earlier (events "
                                             "were deleted):"),
    "check.problem.history_differs_from_head": ("历史与此前打印的末端不符（被改写过）：",
                                                "the history does not match the head printed "
                                                "earlier (it was rewritten):"),
    "check.problem.case_without_registration": ("案件没有登记记录", "a case has no registration"),
    "check.problem.state_differs_from_events": ("案件状态与办理经过不一致：",
                                                "the case's state differs from its events:"),
    "check.problem.field_differs_from_registration": ("案件登记内容与登记记录不一致（被改动过）：",
                                                      "what the case holds differs from its "
                                                      "registration (it was edited):"),
    "check.problem.people_differ_from_registration": ("案件的信访人与登记记录不一致（被改动过）",
                                                      "the case's petitioners differ from its "
                                                      "registration (they were edited)"),
    "check.problem.person_differs_from_events": ("信访人档案与办理经过不一致（被改动过）：",
                                                 "a petitioner's record differs from the events "
                                                 "(it was edited):"),
    "check.problem.due_date_differs": ("截止日期与重算不一致：", "a due date differs from a recount:"),
    "check.problem.next_due_differs": ("最近截止日期与各项期限不一致：",
                                       "the next due date differs from the clocks:"),
    "backup.done": ("已备份到 {path}", "Backed up to {path}"),
    "restore.plan": ("将用备份替换台账：", "The backup is to replace the ledger:"),
    "restore.current": ("  现在的台账 {path}：{office}，案件 {cases} 件，{last}",
                        "  the ledger now, {path}: {office}, {cases} cases, {last}"),
    "restore.backup": ("  备份 {path}：{office}，案件 {cases} 件，{last}",
                       "  the backup, {path}: {office}, {cases} cases, {last}"),
    "restore.last_act": ("最近一次办理 {on}（{case} {act}）", "latest act {on} ({case} {act})"),
    "restore.no_act": ("还没有办理记录", "no act recorded yet"),
    "restore.no_office": ("未设置本办", "office not set"),
    "restore.confirm": ("现在的台账会另存一份在旁边。确定恢复吗？",
                        "The ledger now is kept beside it. Restore?"),
    "restore.needs_yes": ("恢复会替换现在的台账。在脚本中使用时请加 --yes 确认。",
                          "A restore replaces the ledger. From a script, confirm it with --yes."),
    "restore.cancelled": ("已取消，台账没有改动。", "Cancelled; the ledger is unchanged."),
    "prompt.yes_no_default_yes": ("[是/否，默认是]", "[y/n, default y]"),
    "prompt.yes_no_default_no": ("[是/否，默认否]", "[y/n, default n]"),
    "prompt.pick_number": ("请输入 1 到 {count} 之间的序号。", "Type a number from 1 to {count}."),
    "prompt.yes_or_no": ("请回答 是 或 否（也可以输入 y 或 n）。", "Answer y or n (or 是 / 否)."),
    "restore.done": ("已从 {source} 恢复台账 {target}", "Restored {target} from {source}"),
    "restore.kept": ("原台账保留为 {path}", "The previous ledger is kept as {path}"),
    # The error policy every command runs under (cli.py) -------------------------------
    "cli.not_utf8": (
        "命令行中有无法识别的字符：终端（或文件名）的编码不是 UTF-8，可能是 GBK。"
        "请把终端的字符编码设为 UTF-8 后重试。",
        "The command line holds bytes that are not UTF-8 (a GBK terminal or file name?). "
        "Set the terminal's character encoding to UTF-8 and try again.",
    ),
    "cli.overflow": ("日期或天数超出可计算的范围，请检查输入的日期和天数。",
                     "A date or number of days is beyond what can be counted; check them."),
    "cli.os_error": ("无法读写 {path}：{reason}。请检查路径和权限。",
                     "Cannot read or write {path}: {reason}. Check the path and its permissions."),
    "cli.busy": ("台账正被其他程序占用，请稍后再试。",
                 "The ledger is busy with another program; try again shortly."),
    "cli.unreadable": ("台账文件无法读取（{error}）。请确认 --db 指向 xinfang 台账。",
                       "Cannot read the ledger ({error}). Check that --db points at an xinfang "
                       "ledger."),
    # A case in brief after an act (commands/options.py case_brief) --------------------
    "brief.registered": ("已登记：{number}", "Registered: {number}"),
    "brief.state": ("状态：{state}；当前承办：{holder}", "State: {state}; held by: {holder}"),
    "brief.clock": ("{clock}：{due}（{left}）", "{clock}: {due} ({left})"),
    "brief.clock_name": ("{clock}期限", "{clock} clock"),
    "brief.late": ("注意：已超过{clocks}，已记录为逾期。",
                   "Note: after the {clocks} ended; recorded as late."),
    # register (commands/cases.py) -----------------------------------------------------
    "register.prompt.name": ("信访人姓名（匿名请直接回车）", "Petitioner's name (Enter for anonymous)"),
    "register.prompt.channel": ("信访形式（来访/来信/来电/网上信访）",
                                "Channel (visit/letter/phone/online)"),
    "register.prompt.id_number": ("身份证号（不知道请直接回车）", "ID number (Enter if not known)"),
    "register.prompt.phone": ("电话（不知道请直接回车）", "Phone (Enter if not known)"),
    "register.prompt.address": ("住址（不知道请直接回车）", "Address (Enter if not known)"),
    "register.prompt.categories": ("内容分类名单：{names}", "Categories: {names}"),
    "register.prompt.category": ("内容分类（写名单中的一个，简称亦可；不确定请直接回车）",
                                 "Category (one of the list; Enter if unsure)"),
    "prompt.suffix": ("：", ": "),
    "register.prompt.headcount": ("来访人数", "Number of visitors"),
    "register.prompt.on": ("收到日期", "Date received"),
    "error.MissingAnswer": ("这一项必须填写：{what}。", "This must be filled in: {what}."),
    "error.MissingFields": ("缺少以下必填内容：{fields}。", "These required fields are missing: {fields}."),
    "register.missing_field": ("{what}（{option}）", "{what} ({option})"),
    "register.prompt.content": ("反映问题摘要", "Content summary"),
    "register.repeat_conflict": ("--repeat-of 和 --not-repeat 只能选一个。",
                                 "Use either --repeat-of or --not-repeat."),
    "register.name_differs": (
        "身份证号 {id_number} 在台账中登记的姓名是“{known}”，本次填写的是“{given}”。",
        "The ledger knows ID number {id_number} as '{known}'; '{given}' was typed now."),
    "register.name_which": ("以哪个姓名为准？请输入序号", "Which name is right? Type its number"),
    "register.name_choice_known": ("台账中的“{name}”：本案也用这个姓名",
                                   "the ledger's '{name}': this case uses it too"),
    "register.name_choice_given": ("本次填写的“{name}”：台账中此人的姓名随之更正（记入办理经过）",
                                   "'{name}' as typed: the ledger's record takes it (recorded "
                                   "in the history)"),
    "register.name_kept": (
        "注意：身份证号 {id_number} 在台账中登记的姓名是“{known}”，本案按本次填写记为“{given}”，"
        "台账中此人的姓名未改。若“{given}”是对的，登记此人时加 --update-person，台账记录随之更正。",
        "Note: the ledger knows ID number {id_number} as '{known}'; this case records '{given}' "
        "as typed and the ledger's record keeps its name. If '{given}' is right, register them "
        "with --update-person and the record takes it."),
    "register.confirm_repeat": ("这是上面这件事项的重复信访吗？",
                                "Is this a repeat of the matter above?"),
    "register.major.collective": ("提示：集体访（{headcount} 人），属重大访情，请即时报告。",
                                  "Note: a collective visit ({headcount} people), a major "
                                  "visit: report it at once."),
    "register.major.flagged": ("提示：越级访（{flags}），属重大访情，请即时报告。",
                               "Note: an out-of-level visit ({flags}), a major visit: report "
                               "it at once."),
    "register.representatives": (
        "提示：集体访代表人数不得超过 {maximum} 人（《信访工作条例》第二十条），本次登记了 {count} 人。",
        "Note: a group may send at most {maximum} representatives (2022 Regulation Art 20); "
        "{count} were registered.",
    ),
    "register.repeat_flag": ("提示：{flag}", "Note: {flag}"),
    "register.repeat_correct": (
        "如认定有误，可用 xinfang repeats 编号 --not-repeat 或 --repeat-of 编号 更正。",
        "If this is wrong, correct it with xinfang repeats CASE --not-repeat or --repeat-of CASE.",
    ),
    # note and deadline (commands/cases.py) --------------------------------------------
    "note.empty": ("备注内容不能为空。", "The note is empty."),
    "note.done": ("已记入 {case}：{text}", "Noted on {case}: {text}"),
    "deadline.no_clock": ("这件案件没有这项期限。", "This case has no such clock."),
    # import (commands/transfer.py) ----------------------------------------------------
    "import.stage.check": ("检查", "Checking"),
    "import.stage.write": ("导入", "Importing"),
    "import.encoding_bom": ("UTF-8 带 BOM", "UTF-8 with BOM"),
    "import.cannot_read": ("读不到文件 {path}：{reason}。", "Cannot read {path}: {reason}."),
    "import.unmapped": (
        "注意：未识别的列已忽略：{column}。如需导入，用 --map 列名=字段 指定；确实不需要可用 "
        "--map 列名=- 。",
        "Note: a column was left out: {column}. To import it use --map COLUMN=FIELD; to "
        "silence this use --map COLUMN=-.",
    ),
    "import.more_unmapped": ("……另有 {more} 列未识别，已忽略（用 xinfang import 文件 --json 查看全部）。",
                             "… {more} more columns were not recognised and are left out "
                             "(xinfang import FILE --json lists them all)."),
    "import.summary": (
        "{file}（{encoding}）：读取 {read} 行 = 新增 {added} 件 + 跳过 {skipped} 行 + 未导入 "
        "{rejected} 行。",
        "{file} ({encoding}): {read} rows read = {added} added + {skipped} skipped + "
        "{rejected} rejected.",
    ),
    "import.summary_dry": (
        "试运行，台账未改动。{file}（{encoding}）：读取 {read} 行 = 将新增 {added} 件 + 跳过 "
        "{skipped} 行 + 未导入 {rejected} 行。",
        "Dry run, the ledger is unchanged. {file} ({encoding}): {read} rows read = {added} "
        "would be added + {skipped} skipped + {rejected} rejected.",
    ),
    "import.skipped": ("跳过：{parts}。", "Skipped: {parts}."),
    "import.skip.blank": ("空行 {count}", "blank {count}"),
    "import.skip.imported": ("已导入过 {count}", "already imported {count}"),
    "import.skip.duplicate": ("与前面的行相同 {count}", "same as an earlier row {count}"),
    "import.would_add": ("将新增：", "Would add:"),
    "import.repeat_of": ("（重复信访，初件 {case}）", " (repeat of {case})"),
    "import.units_added": (
        "新增责任单位 {count} 个：{units}（层级未填，可用 xinfang unit set 名称 --level 层级 补填；名称与名单中的单位重复时用 xinfang unit merge 合并）。",
        "{count} units added to the list: {units} (level unknown: set it with xinfang unit "
        "set NAME --level LEVEL; merge a near-duplicate with xinfang unit merge).",
    ),
    "import.rejected": ("未导入：", "Rejected:"),
    "import.rejected_row": ("{where}：{reason}", "{where}: {reason}"),
    "import.more_rejected": ("……另有 {more} 行未列出，用 --rejects 文件.csv 保存全部。",
                             "… {more} more; save them all with --rejects FILE.csv."),
    "import.rejects_written": (
        "未导入的 {rejected} 行及原因已写入 {path}（Excel 可直接打开）；改正后可用 "
        "xinfang import {path} 再次导入。",
        "The {rejected} rejected rows and why are in {path} (opens in Excel); fix them and run "
        "xinfang import {path}.",
    ),
    "import.no_rejects": ("没有不能导入的行；{path} 中只有表头。",
                          "No row was rejected; {path} holds only the header."),
    "import.line": ("第 {line} 行", "line {line}"),
    "import.line_seq": ("第 {line} 行（序号 {seq}）", "line {line} (no. {seq})"),
    # import and export: the files they write (commands/transfer.py) -------------------
    "transfer.cannot_write": ("无法写入 {path}：{reason}。", "Cannot write {path}: {reason}."),
    # export (commands/transfer.py) ----------------------------------------------------
    "export.json_encoding": ("JSON 总是 UTF-8 编码，不能加 --encoding gbk。",
                             "JSON is always UTF-8; drop --encoding."),
    "export.case_and_filters": ("--case 不能与筛选条件同时使用：要么指定编号，要么用条件筛选。",
                                "--case cannot be combined with filters: name cases or filter "
                                "them."),
    "export.done_cases": ("已导出 {count} 件案件到 {path}。", "Exported {count} cases to {path}."),
    "export.done_events": ("已导出 {count} 个办理事项到 {path}。",
                           "Exported {count} events to {path}."),
    "export.left_out": ("另有 {count} 件保密案件未导出；确需导出请用 --case 编号 逐件指定。",
                        "{count} confidential cases were left out; name them with --case to "
                        "export them."),
    # info (commands/setup.py) ---------------------------------------------------------
    "info.why.option": ("由 --db 指定", "given by --db"),
    "info.why.env": ("由环境变量 XINFANG_DB 指定", "from the XINFANG_DB environment variable"),
    "info.why.default": ("默认位置（用户数据目录）", "the default place (user data directory)"),
    "info.ledger": ("台账文件：{path}", "Ledger: {path}"),
    "info.source": ("来源：{why}", "Why: {why}"),
    "info.not_created": (
        "尚未建立。登记第一件信访（xinfang register）时自动建立，或先试试 xinfang demo。",
        "Not created yet. It is made by the first xinfang register; or try xinfang demo.",
    ),
    "info.office": ("本办：{office}", "Office: {office}"),
    "info.office_not_set": ("未设置（xinfang office set 代码 名称）",
                            "not set (xinfang office set CODE NAME)"),
    "info.counts": ("案件 {cases} 件，记录 {events} 条，文件 {size:,} 字节",
                    "{cases} cases, {events} events, {size:,} bytes"),
    "info.schema": ("结构版本：{names}", "Schema: {names}"),
    "info.officer": ("经办人：{officer}", "Officer: {officer}"),
    # calendar (commands/setup.py) -----------------------------------------------------
    "calendar.one_change": ("一次只能做一项调整。", "Make one change at a time."),
    "calendar.reason_needed": ("添加本地调整时请用 --reason 说明原因。",
                               "Give --reason when adding an override."),
    "calendar.updated": ("已更新本地日历：{day}", "Calendar updated: {day}"),
    # office (commands/setup.py) -------------------------------------------------------
    "office.not_set": ("尚未设置。用 xinfang office set 代码 名称 设置。",
                       "Not set. Use xinfang office set CODE NAME."),
    "office.set": ("本办：{code} {name}", "Office: {code} {name}"),
    # policy (commands/setup.py) -------------------------------------------------------
    "policy.updated": ("已更新政策：{key} = {value}", "Policy updated: {key} = {value}"),
    "policy.preset": ("已采用政策：{name}", "Policy preset applied: {name}"),
    # unit (commands/setup.py) ---------------------------------------------------------
    "unit.added": ("已添加单位：{name}", "Unit added: {name}"),
    "unit.none": ("名单是空的。用 xinfang unit add 名称 --level 层级 添加。",
                  "No units yet. Add one with xinfang unit add NAME --level LEVEL."),
    # Terminal screens (render/terminal.py): labels, clocks, a case, its history -------
    "ui.case": ("案件编号", "Case"),
    "ui.status": ("状态", "Status"),
    "ui.received_on": ("收到日期", "Received"),
    "ui.channel": ("形式", "Channel"),
    "ui.headcount": ("人数", "Headcount"),
    "ui.locality": ("属地", "Locality"),
    "ui.category": ("类别", "Category"),
    "ui.content": ("反映问题", "Content"),
    "ui.request": ("诉求", "Request"),
    "ui.unit": ("责任单位", "Unit"),
    "ui.holder": ("当前承办", "Held by"),
    "ui.petitioners": ("信访人", "Petitioners"),
    "ui.lead": ("主访人", "lead"),
    "ui.anonymous": ("匿名", "anonymous"),
    "ui.name": ("姓名", "Name"),
    "ui.id_number": ("身份证号", "ID number"),
    "ui.phone": ("电话", "Phone"),
    "ui.address": ("住址", "Address"),
    "ui.clock": ("期限", "Clock"),
    "ui.started_on": ("起算", "Started"),
    "ui.length": ("时长", "Length"),
    "ui.due_on": ("截止", "Due"),
    "ui.stopped_on": ("停止", "Stopped"),
    "ui.days_left": ("剩余/超期", "Left/overdue"),
    "ui.next_due": ("最近截止", "Next due"),
    "ui.timeline": ("办理经过", "Timeline"),
    "ui.on": ("日期", "Date"),
    "ui.officer": ("经办人", "Officer"),
    "ui.what": ("事项", "What"),
    "ui.recorded": ("记录时间", "Recorded"),
    "ui.flags": ("提示", "Flags"),
    "ui.office": ("本办", "the office"),
    "ui.leader": ("包案领导", "leader"),
    "ui.clocks": ("期限", "Clocks"),
    "ui.result": ("办理结果", "Result"),
    "sep.clause": ("；", "; "),
    "ui.opinion": ("处理意见", "Opinion"),
    "ui.satisfaction": ("满意度", "Satisfaction"),
    "ui.leader_case": ("上报/包案", "Escalated / leader"),
    "ui.leader_case.leader": ("包案领导 {value}", "leader {value}"),
    "ui.leader_case.unit": ("上报 {value}", "escalated to {value}"),
    "ui.leader_case.plan": ("化解方案：{value}", "plan: {value}"),
    "ui.leader_case.target": ("化解时限 {value}", "target {value}"),
    "ui.leader_case.reason": ("原因：{value}", "reason: {value}"),
    "ui.first_case_label": ("初件", "First case"),
    "ui.first_case_line": ("{number}（{on} 收到，{status}）", "{number} (received {on}, {status})"),
    "ui.source": ("来源", "Source"),
    "ui.source_line": ("{file} 第 {line} 行", "{file}, line {line}"),
    "ui.source_sheet": ("（工作表 {sheet}）", " (sheet {sheet})"),
    "ui.confidential": ("保密", "confidential"),
    "ui.total": ("共 {total} 件，显示 {shown} 件。", "{total} cases, {shown} shown."),
    "ui.more": ("用 --limit 或 --offset 查看更多。", "Use --limit or --offset to see more."),
    "ui.none": ("没有符合条件的案件。", "No cases match."),
    "ui.days_left_n": ("还剩 {n} 天", "{n} days left"),
    "ui.days_left_short": ("还剩{n}天", "{n} days left"),
    "ui.due_today": ("今天截止", "due today"),
    "ui.overdue_n": ("超期 {n} 天", "{n} days overdue"),
    "ui.overdue_short": ("超期{n}天", "{n} days overdue"),
    "ui.lapsed": ("已过期", "lapsed"),
    "ui.stopped": ("已停止", "stopped"),
    "ui.late": ("（逾期）", " (late)"),
    "ui.unpublished": (
        "注意：{years} 年的国家放假安排尚未公布，截止日期按法定节日推算，调休未计入，公布后会变。",
        "Note: the official holiday schedule for {years} is not yet published; due dates are "
        "estimated from the statutory holidays without make-up days and may change.",
    ),
    "ui.held_since": ("{name}（{since} 起）", "{name} (since {since})"),
    "ui.length_of": ("{length}{unit}", "{length} {unit}"),
    "ui.lead_mark": ("（{lead}）", " ({lead})"),
    "ui.first_case": ("{case}（初件）", "{case} (first)"),
    "ui.earlier_cases": ("同一信访人同一事项的在先案件（重复信访）",
                         "Earlier cases of the same person and matter (repeat)"),
    "ui.earlier_left_out": ("另有 {count} 件未列出；全部列出：xinfang repeats {case}",
                            "{count} more not listed; all of them: xinfang repeats {case}"),
    "ui.headline": ("已{kind} {case}", "{kind} {case}"),
    # Acts whose name does not take 已 well: the headline in words of its own.
    "headline.objected": ("已记录异议 {case}", "Objection recorded {case}"),
    "headline.review_concluded": ("已作出复查结论 {case}", "Review concluded {case}"),
    "headline.recheck_concluded": ("已作出复核结论 {case}", "Recheck concluded {case}"),
    "headline.recheck_hearing": ("已记录复核听证 {case}", "Recheck hearing recorded {case}"),
    "headline.note": ("已加备注 {case}", "Note added {case}"),
    "headline.led": ("已定包案领导 {case}：{to}", "Put under a leader {case}: {to}"),
    "ui.headline_to": ("已{kind} {case}：{to}", "{kind} {case}: {to}"),
    # One act in a case's history (render/terminal.py event_text) ----------------------
    "ui.event.leader": ("包案领导 {name}", "leader {name}"),
    "ui.event.report_by": ("{date} 前报告结果", "report by {date}"),
    "ui.event.days": ("延长 {days} 日", "{days} more days"),
    "ui.event.approved_by": ("批准：{name}", "approved by {name}"),
    "ui.event.unreachable": ("联系不上", "unreachable"),
    "ui.event.reason": ("理由：{reason}", "why: {reason}"),
    "ui.event.target": ("目标 {date}", "target {date}"),
    "ui.event.late": ("逾期", "late"),
    "ui.event.person_changed": ("信访人记录更正：{changes}", "petitioner's record changed: {changes}"),
    "ui.event.change": ("{field} {old} → {new}", "{field} {old} → {new}"),
    "ui.event.name_kept": ("台账中此人的姓名仍为“{name}”", "the ledger's record keeps the name '{name}'"),
    "ui.event.withdrawn": ("{act}（{on}）", "the {act} of {on}"),
    "ui.event.replaces": ("取代上一次记录的听证", "replaces the hearing recorded before"),
    "ui.event.next_report_by": ("下次报告日期 {date}", "next report by {date}"),
    "field.person.people": ("信访人", "petitioners"),
    "field.person.id_number": ("身份证号", "ID number"),
    "field.intake.received_on": ("收到日期", "received date"),
    "field.intake.channel": ("信访形式", "channel"),
    "field.intake.headcount": ("人数", "headcount"),
    "field.intake.locality": ("问题属地", "locality"),
    "field.intake.category": ("内容分类", "category"),
    "field.intake.content": ("反映问题", "content"),
    "field.intake.request": ("诉求", "request"),
    "field.person.name": ("姓名", "name"),
    "field.person.phone": ("电话", "phone"),
    "field.person.address": ("住址", "address"),
    # How a due date was counted (render/terminal.py deadline_text) --------------------
    "ui.deadline.fixed": ("交办时指定的报告日期。", "The report-by date set on assignment."),
    "ui.deadline.start": ("起算：{start}（当天不计）；时长：{length}{unit}",
                          "Start: {start} (not counted); length: {length} {unit}"),
    "ui.deadline.extra": ("，另加 {days} 日（延期/听证）", ", plus {days} days (extension/hearing)"),
    "ui.deadline.skipped": ("跳过的休息日：{days}", "Rest days skipped: {days}"),
    "ui.deadline.no_rest": ("没有遇到休息日。", "No rest day in the way."),
    "ui.deadline.override": ("本地调整：{day} {kind}（{reason}）",
                             "Override: {day} {kind} ({reason})"),
    "ui.deadline.recomputed": (
        "注：按现行政策和日历重算应为 {date}；已停止的期限保留当时的截止日期。",
        "Under today's policy and calendar it would be {date}; a stopped clock keeps its due "
        "date.",
    ),
    "ui.why.weekend": ("周末", "weekend"),
    "ui.why.override": ("本地调整：{name}", "override: {name}"),
    # The calendar of a year (render/terminal.py calendar_table) -----------------------
    "ui.calendar.title": ("{year} 年放假与调休", "{year} rest days and make-up days"),
    "ui.calendar.day": ("日期", "Date"),
    "ui.calendar.weekday": ("星期", "Weekday"),
    "ui.calendar.kind": ("类型", "Kind"),
    "ui.calendar.why": ("说明", "Why"),
    "ui.day.rest": ("放假", "holiday"),
    "ui.day.makeup": ("调休上班", "make-up working day"),
    "ui.day.local_rest": ("本地休息日", "local rest day"),
    "ui.day.local_work": ("本地工作日", "local working day"),
    "ui.weekday.mon": ("周一", "Mon"),
    "ui.weekday.tue": ("周二", "Tue"),
    "ui.weekday.wed": ("周三", "Wed"),
    "ui.weekday.thu": ("周四", "Thu"),
    "ui.weekday.fri": ("周五", "Fri"),
    "ui.weekday.sat": ("周六", "Sat"),
    "ui.weekday.sun": ("周日", "Sun"),
    # The deadline policy and the list of units (render/terminal.py) -------------------
    "ui.policy.title": ("期限政策", "Deadline policy"),
    "ui.policy.item": ("项目", "Item"),
    "ui.policy.code": ("代码", "Code"),
    "ui.policy.setting": ("设定", "Setting"),
    "ui.policy.national": ("全国默认", "National"),
    "ui.units.name": ("单位", "Unit"),
    "ui.units.level": ("层级", "Level"),
    "ui.units.parent": ("上级", "Parent"),
    "ui.units.status": ("状态", "status"),
    "ui.units.merged": ("{on} 并入{name}", "merged into {name} on {on}"),
    "ui.units.retired": ("{on} 撤销", "retired on {on}"),
    # The overdue report (render/plain.py, render/terminal.py) -------------------------
    "overdue.title": ("超期报告 {as_of}", "Overdue report {as_of}"),
    "overdue.counts": ("超期 {cases} 件（{clocks} 项期限），即将到期 {soon} 项",
                       "{cases} cases overdue ({clocks} clocks), {soon} due soon"),
    "overdue.heading": ("超期报告 {as_of}：超期 {cases} 件（{clocks} 项期限），即将到期 {soon} 项",
                        "Overdue report {as_of}: {cases} cases ({clocks} clocks), {soon} due soon"),
    "overdue.unit": ("【{name}】超期 {count} 项", "[{name}] {count} overdue"),
    "overdue.office_unit": ("本办（未转送）", "the office (not forwarded)"),
    "overdue.due_soon": ("即将到期", "Due soon"),
    "overdue.due": ("截止 {date}", "due {date}"),
    "overdue.held_by": ("承办：{holder}", "held by: {holder}"),
    "overdue.held_by_since": ("承办：{holder}（{since} 起）", "held by: {holder} (since {since})"),
    "overdue.needs_escalation": ("需上报", "needs escalation"),
    "overdue.escalate": ("需上报", "Escalate"),
    "overdue.md.head": ("| 案件 | 期限 | 截止 | 超期天数 | 承办 | 需上报 |",
                        "| Case | Clock | Due | Days overdue | Held by | Escalate |"),
    "overdue.md.head_soon": ("| 案件 | 期限 | 截止 | 剩余天数 | 责任单位 |",
                             "| Case | Clock | Due | Days left | Unit |"),
    # Major visits (render/plain.py major_text) ----------------------------------------
    "major.title": ("重大访情 {as_of}：{count} 件", "Major visits {as_of}: {count}"),
    "major.headcount": ("{count}人", "{count} people"),
    # report stats (render/terminal.py stats_tables, month_chart; commands/reports.py) ---
    "stats.title": ("工作指标 {start} 至 {end}", "Figures {start} to {end}"),
    "stats.figure": ("指标", "Figure"),
    "stats.numerator": ("分子", "Num."),
    "stats.denominator": ("分母", "Den."),
    "stats.rate": ("比率", "Rate"),
    "stats.definition": ("口径", "Definition"),
    "stats.month": ("月份", "Month"),
    "stats.registered": ("登记", "Registered"),
    "stats.closed": ("已办结", "Closed"),
    "stats.overdue_now": ("现超期", "Overdue now"),
    "stats.repeats": ("重复信访", "Repeats"),
    "stats.no_key": ("（未填）", "(none)"),
    "stats.chart": ("逐月登记（█）与办结（▒）", "Registered (█) and closed (▒) by month"),
    "stats.from_after_to": ("起始日期晚于截止日期。", "--from is after --to."),
    # repeats (render/terminal.py chains_view, commands/reports.py) --------------------
    "repeats.count": ("共 {count} 次", "{count} petitions"),
    "repeats.no_case": ("更正重复信访认定时请写明案件编号。", "Name the case to correct."),
    "repeats.none": ("台账中没有重复信访。", "No repeat petitions in the ledger."),
    # Repeat petitions as they come back (cases/identity.py, cases/similarity.py, acts.py
    # repeat choices and person links; register's repeat question, repeats --why) -----
    "sep.reasons": ("；", "; "),
    "repeat.identity.id_number": ("同一身份证号", "the same ID number"),
    "repeat.identity.record": ("同一信访人记录", "the same person's record"),
    "repeat.identity.phone": ("同名同电话", "the same name and phone"),
    "repeat.identity.address": ("同名同住址", "the same name and address"),
    "repeat.identity.officer": ("经办人认定为同一人", "one person by the officer's word"),
    "repeat.similar": ("诉求相近 {score}", "complaints alike {score}"),
    "repeat.shared": ("共同：{terms}", "in common: {terms}"),
    "repeat.differs": ("诉求不同：{new}／{old}", "other grievances: {new} / {old}"),
    "repeat.marked.of": ("认定为初件 {case} 的重复信访", "a repeat of {case}"),
    "repeat.marked.new": ("认定为新事项（不是重复信访）", "a new matter (not a repeat)"),
    "repeat.marked.rule": ("按重复信访规则", "by the repeat rule"),
    "repeat.marked.officer": ("经办人认定", "by the officer's word"),
    "repeat.marked.moved_with": ("随 {case} 一并改链", "moved with {case}"),
    "repeat.marked.first_voided": ("初件 {case} 已作废", "first case {case} voided"),
    "repeat.summaries": ("两件的规范表述不同（其他信访人的案件也逐字这样写）",
                         "two different standard summaries (other petitioners' cases "
                         "are worded so too)"),
    "repeat.category.near": ("类别相近", "neighbouring categories"),
    "repeat.category.far": ("类别不同", "different categories"),
    "repeat.candidate": ("{number}. 初件 {first}（共 {count} 次，与 {matched} 最相近）：{reasons}",
                         "{number}. first case {first} ({count} petitions, most like {matched}): "
                         "{reasons}"),
    "repeat.consequence.repeat": ("认定为重复信访：链接到初件 {first}，计入重复信访率。",
                                  "As a repeat: linked to the first case {first} and counted in "
                                  "the repeat rate."),
    "repeat.consequence.repeat_being_handled": (
        "该事项正在办理中：依《信访工作条例》第十九条不另行受理，告知信访人等待办理结果。",
        "The matter is being handled: under the 2022 Regulation Art 19 it is not accepted "
        "again; tell the petitioner to await the result."),
    "repeat.consequence.repeat_final": (
        "该事项已复核终结：依《信访工作条例》第三十六条，同一事实和理由不再受理。",
        "The matter is final after recheck: under the 2022 Regulation Art 36 the same facts "
        "and reasons are not accepted again."),
    "repeat.pick": ("是哪一件的重复信访？请输入序号", "A repeat of which? Type its number"),
    "repeat.choice": ("初件 {first} 的重复信访", "a repeat of {first}"),
    "repeat.choice_new": ("不是重复信访（新事项）", "not a repeat (a new matter)"),
    "repeats.why.auto": ("{case}：按规则认定为初件 {first} 的重复信访（登记时分数 {score}）。",
                         "{case}: a repeat of the first case {first} by the rule (score {score} "
                         "when registered)."),
    "repeats.why.officer": ("{case}：经办人认定为初件 {first} 的重复信访。",
                            "{case}: a repeat of the first case {first} by the officer's word."),
    "repeats.why.not_repeat": ("{case}：经办人认定不是重复信访。",
                               "{case}: not a repeat, by the officer's word."),
    "repeats.why.none": ("{case}：不是重复信访（规则没有找到同一信访人的同一事项）。",
                         "{case}: not a repeat (the rule found no earlier case of the same "
                         "petitioner and matter)."),
    "repeats.why.compared": ("规则现在比较的事项（最相近的在前）：",
                             "What the rule compares it with now (closest first):"),
    "repeats.why.nothing": ("台账中没有同一信访人的更早案件。",
                            "The ledger has no earlier case of the same petitioner."),
    "repeats.why_needs_case": ("--why 请写明案件编号。", "Name the case to explain with --why."),
    "repeats.people_conflict": ("--same-person 和 --other-person 只能选一个。",
                                "Use either --same-person or --other-person."),
    "repeats.people.same": ("已记录：{case} 与 {other} 的信访人是同一人。",
                            "Recorded: the petitioners of {case} and {other} are one person."),
    "repeats.people.apart": ("已记录：{case} 与 {other} 的信访人不是同一人。",
                             "Recorded: the petitioners of {case} and {other} are not one person."),
    "act.people_anonymous": ("{case} 没有留名的信访人，无从认定是否同一人。",
                             "{case} has no named petitioner: there is no one to compare."),
    "act.people_one_record": ("两件案件的信访人已是同一人的记录。",
                              "The two cases' petitioners are already one person's record."),
    # demo (render/terminal.py demo_intro, commands/setup.py) --------------------------
    "demo.intro": (
        "演示台账（演示日期 2026-11-23）：从内置登记簿登记 {cases} 件，转送 {forwarded} 件，"
        "办结 {closed} 件，其中 {overdue} 件有期限已超期。\n最近收到的案件（xinfang list）：",
        "Demo ledger (as of 2026-11-23): {cases} cases registered from the bundled register, "
        "{forwarded} forwarded, {closed} closed, {overdue} with an overdue clock.\n"
        "Newest cases (xinfang list):",
    ),
    "demo.exists": ("{path} 已存在，演示不会覆盖它。换一个文件名。",
                    "{path} exists; the demo will not overwrite it. Choose another name."),
    "demo.most_overdue": ("最超期的一件，详情（xinfang show）：",
                          "The most overdue case (xinfang show):"),
    "demo.deadline": ("截止日期怎么算的（xinfang deadline）：",
                      "How the due date was counted (xinfang deadline):"),
    "demo.kept": ("演示台账保存在 {path}，可用 xinfang --db {path} … 继续试。",
                  "The demo ledger is kept at {path}; try xinfang list --db {path}."),
    # Workbooks in and out (registers/workbooks.py, xlsx.py, render/workbook.py, the
    # import, export and report commands' workbooks) ---------------------------------
    "import.workbook": ("{kind}，工作表：{sheets}", "{kind}, sheets: {sheets}"),
    "import.sheet_where": ("工作表“{sheet}”{where}", "sheet '{sheet}' {where}"),
    "import.skipped.duplicate_sheet": ("与工作表“{sheet}”第 {same_as} 行相同",
                                       "same as line {same_as} of sheet '{sheet}'"),
    "import.sheet_skipped.empty": ("工作表“{sheet}”是空的，未读取。",
                                   "Sheet '{sheet}' is empty and was not read."),
    "import.sheet_skipped.hidden": (
        "工作表“{sheet}”已隐藏，未读取；要导入它请用 --sheet “{sheet}”。",
        "Sheet '{sheet}' is hidden and was not read; import it with --sheet '{sheet}'."),
    "import.sheet_skipped.no_header": (
        "工作表“{sheet}”中找不到登记簿的表头，未读取；如果它是登记簿，请用 --sheet “{sheet}” "
        "单独导入，必要时用 --map 指定各列。",
        "Sheet '{sheet}' has no register header and was not read; if it is a register, "
        "import it alone with --sheet '{sheet}', mapping its columns with --map if need be."),
    "import.sheet_skipped.missing_columns": (
        "工作表“{sheet}”缺少必需的列，未读取；用 --sheet “{sheet}” 单独导入可看到缺哪些列。",
        "Sheet '{sheet}' lacks a required column and was not read; import it alone with "
        "--sheet '{sheet}' to see which."),
    "import.rejects_sheet": ("未导入", "Rejected"),
    "import.more_rejected_workbook": (
        "……另有 {more} 行未列出，用 --rejects 文件.xlsx 保存全部（每张工作表一张）。",
        "… {more} more; save them all with --rejects FILE.xlsx (a sheet for each sheet)."),
    "export.source_sheet": ("{file} 工作表“{sheet}”第 {line} 行",
                            "{file} sheet '{sheet}' line {line}"),
    "export.excel_renamed": (
        "注意：--format excel 已改名为 --format excel-csv（给 Excel 打开的 CSV）；要 Excel "
        "工作簿请用 --format xlsx。旧名称只在这一版还能用。",
        "Note: --format excel is now --format excel-csv (a CSV made for Excel); for an "
        "Excel workbook use --format xlsx. The old name works in this release only."),
    "export.sheet.cases": ("案件", "Cases"),
    "export.sheet.events": ("办理经过", "Events"),
    "export.xlsx_to_terminal": (
        "工作簿不能显示在终端上：请用 -o 文件.xlsx 写入文件。",
        "A workbook cannot be shown at a terminal: write it to a file with -o FILE.xlsx."),
    "report.done_workbook": ("已写入 {path}。", "Written to {path}."),
    "stats.sheet.figures": ("指标", "Figures"),
    "stats.sheet.months": ("逐月", "By month"),
    "stats.sheet.groups": ("分组", "Groups"),
    "stats.chart_title": ("逐月指标 {start} 至 {end}", "Figures by month, {start} to {end}"),
    "overdue.sheet": ("超期报告", "Overdue"),
    "overdue.days_overdue": ("超期天数", "Days overdue"),
    "overdue.days_left": ("剩余天数", "Days left"),
    "overdue.holder_since": ("承办起", "Held since"),
    "overdue.section": ("分类", "Section"),
    "overdue.section.overdue": ("超期", "Overdue"),
    "overdue.section.due_soon": ("即将到期", "Due soon"),
    "error.BadWorkbook": (
        "无法把文件 {name} 当作工作簿读取（{detail}）：文件可能已损坏，或设了打开密码。请在 Excel "
        "或 WPS 中打开它，另存为 .xlsx 后再导入。",
        "The file {name} cannot be read as a workbook ({detail}): it may be damaged or "
        "protected by a password. Open it in Excel or WPS, save it as .xlsx and import that."),
    "error.NoSuchSheet": (
        "工作簿中没有工作表“{sheet}”。工作表有：{sheets}；--sheet 也可以写第几张（从 1 数起）。",
        "The workbook has no sheet '{sheet}'. Its sheets: {sheets}; --sheet also takes a "
        "sheet's number, counting from 1."),
    "error.NoRegisterSheet": (
        "工作簿 {name} 的工作表（{sheets}）中都找不到登记簿的表头（登记日期、姓名、诉求摘要等列）。"
        "没有导入任何行。",
        "No sheet of the workbook {name} ({sheets}) has a register's header (columns such "
        "as 登记日期, 姓名, 诉求摘要). Nothing was imported."),
    "error.SheetOfCsv": ("--sheet 只用于工作簿（.xlsx、.xls、.ods）；{name} 是 CSV 文件。",
                         "--sheet is for workbooks (.xlsx, .xls, .ods); {name} is a CSV."),
    "error.RejectsFormat": (
        "从工作簿导入时，未导入的行写成 .xlsx 工作簿（每张工作表一张）：请写 --rejects {suggest}。",
        "Rows rejected from a workbook are written to a workbook (a sheet for each "
        "sheet): write --rejects {suggest}."),
    "error.CellTooLong": (
        "{where} 有一格长 {length} 字，超过 Excel 单元格的上限 {limit} 字。请导出为 CSV（--format "
        "csv）。",
        "{where} has a cell of {length} characters, more than Excel's {limit}. Export as "
        "CSV instead (--format csv)."),
    "error.TooManyRows": (
        "行数超过 Excel 一张工作表的上限（{limit} 行）。请加筛选条件分批导出，或导出为 CSV。",
        "More rows than a sheet of Excel holds ({limit}). Export in parts with filters, or "
        "as CSV."),
    # Written documents: notices, slips and opinions (notices/, commands/notices.py) ------
    # The documents themselves are in Chinese, whatever the language of the messages; their
    # words are these entries, taken in Chinese by notices/facts.py and notices/layout.py.
    "choice.notice_kind": ("文书种类", "Kind of document"),
    "field.notice_date": ("成文日期", "date of the document"),
    "notice.date": ("{y}年{m}月{d}日", "{y}-{m}-{d}"),
    "notice.period.days": ("{n}日", "{n} days"),
    "notice.period.workdays": ("{n}个工作日", "{n} working days"),
    "notice.basis.19": ("《信访工作条例》第十九条", "Art 19 of the Regulation"),
    "notice.basis.22": ("《信访工作条例》第二十二条", "Art 22 of the Regulation"),
    "notice.basis.23": ("《信访工作条例》第二十三条", "Art 23 of the Regulation"),
    "notice.basis.34": ("《信访工作条例》第三十四条", "Art 34 of the Regulation"),
    "notice.basis.35": ("《信访工作条例》第三十五条", "Art 35 of the Regulation"),
    "notice.basis.36": ("《信访工作条例》第三十六条", "Art 36 of the Regulation"),
    "notice.basis.local": ("本地有关规定", "the local rules"),
    "notice.body.review": ("原办理机关的本级人民政府或者其上一级主管部门",
                           "the people's government at the level of the body that handled "
                           "it, or that body's superior department"),
    "notice.body.recheck": ("复查机关的本级人民政府或者其上一级主管部门",
                            "the people's government at the level of the reviewing body, "
                            "or that body's superior department"),
    "notice.joint_office": ("信访工作联席会议办公室", "the joint-meeting office for petitions"),
    "notice.word.forwarded": ("转送", "forwarded to"),
    "notice.word.assigned": ("交办", "assigned to"),
    "notice.word.reached": ("是", "yes"),
    "notice.word.unreached": ("否（未联系上信访人）", "no (the petitioner was not reached)"),
    "notice.person.id_number": ("身份证号：{value}", "ID number: {value}"),
    "notice.person.phone": ("电话：{value}", "phone: {value}"),
    "notice.person.address": ("住址：{value}", "address: {value}"),
    "notice.person.no_name": ("（未留姓名）", "(no name given)"),
    "notice.person.with": ("{name}（{parts}）", "{name} ({parts})"),
    "notice.person.anonymous": ("匿名", "anonymous"),
    "notice.person.withheld": (
        "（检举控告事项，依照《信访工作条例》第三十条不载明检举控告人）",
        "(a whistle-blowing matter: the whistle-blower is not named, Art 30 of the "
        "Regulation)"),
    "notice.reject.handling": (
        "该信访事项已由有权处理的机关、单位受理，正在办理期限内（《信访工作条例》第十九条）",
        "the same matter has been accepted by the body with power to handle it and is "
        "within its handling period (Art 19 of the Regulation)"),
    "notice.reject.final": (
        "该信访事项已经复核终结，您以同一事实和理由再次提出（《信访工作条例》第三十六条）",
        "the matter is final after recheck and is brought again on the same facts and "
        "grounds (Art 36 of the Regulation)"),
    "notice.reject.no_remit": ("该事项不属于各级机关、单位的职责范围",
                               "the matter is not within the remit of any body"),
    "notice.route.litigation": (
        "属于依法应当通过诉讼途径解决的事项。请您依法向有管辖权的人民法院提起诉讼。",
        "it is a matter to be settled in the courts. You may bring it before the "
        "people's court with jurisdiction."),
    "notice.route.arbitration": (
        "属于依法应当通过仲裁途径解决的事项。请您依法向有管辖权的仲裁机构申请仲裁"
        "（劳动人事争议向劳动人事争议仲裁委员会申请）。",
        "it is a matter for arbitration. You may apply to the arbitration body with "
        "jurisdiction (labour disputes: the labour dispute arbitration commission)."),
    "notice.route.admin-review": (
        "属于依法应当通过行政复议途径解决的事项。请您依法向有权的行政复议机关申请行政复议。",
        "it is a matter for administrative review. You may apply to the administrative "
        "review body with power over it."),
    "notice.route.other": (
        "属于依法应当通过其他法定途径解决的事项。请您依照有关法律规定的程序提出。",
        "it is a matter for another legal route. You may bring it as the law provides."),
    "notice.major.collective": ("集体访（{n}人）", "collective visit ({n} people)"),
    "notice.major.action": ("{on}　{act}　{to}", "{on}  {act}  {to}"),
    "notice.delivery.item": ("{title}（{date}）", "{title} ({date})"),
    # What a document cannot be written without, named before anything is written.
    "notice.missing.office_name": ("本办名称（用 xinfang office set 代码 名称 设置）",
                                   "the office's name (xinfang office set CODE NAME)"),
    "notice.missing.act": ("{act}的记录（xinfang {command}）", "a record of {act} (xinfang {command})"),
    "notice.missing.name": ("信访人姓名（匿名信访无法书面告知）",
                            "the petitioner's name (an anonymous petition cannot be "
                            "answered in writing)"),
    "notice.missing.reject_reason": ("不予受理的具体理由（台账只记了“不予受理”）",
                                     "the reason for not accepting (the ledger says only "
                                     "that it was not accepted)"),
    "notice.missing.route": ("告知的法定途径", "the legal route"),
    "notice.missing.visit": ("来访的登记（来访登记表只用于来访，本案为{channel}）",
                             "a visit (the visit form is for visits; this case is a {channel})"),
    "notice.missing.opinion": ("处理意见的内容（办结时用 --opinion 记录）",
                               "the text of the opinion (--opinion when closing)"),
    "notice.missing.outcome_review": ("复查意见的内容（xinfang review conclude … --note）",
                                      "the review's findings (xinfang review conclude … --note)"),
    "notice.missing.outcome_recheck": ("复核意见的内容（xinfang recheck conclude … --note）",
                                       "the recheck's findings (xinfang recheck conclude … --note)"),
    "notice.missing.major": (
        "重大访情：本案 {headcount} 人（集体访为 {threshold} 人以上），也没有赴省、进京的标记",
        "a major visit: this case has {headcount} people (a collective visit is "
        "{threshold} or more) and no to-the-province or to-Beijing flag"),
    "notice.missing.delivered": ("要送达的文书（先用 xinfang notice 出具给信访人的文书）",
                                 "documents to deliver (write the petitioner's documents "
                                 "with xinfang notice first)"),
    "notice.dated_before": ("成文日期 {date} 早于文书所依据的{act}（{on}）。",
                            "The document's date {date} is before the {act} it reports ({on})."),
    # What the officer is told about a document.
    "notice.note.withheld": (
        "本案为检举控告事项：{title}不载明检举控告人的姓名、住址和联系方式（《信访工作条例》"
        "第三十条）。送出前请核对反映内容中没有能认出检举控告人的文字。",
        "A whistle-blowing case: the {title} does not name the whistle-blower or give "
        "their address or phone (Art 30 of the Regulation). Before sending it, check that "
        "nothing in the content gives them away."),
    "notice.note.general_body": (
        "单位名单中没有“{unit}”的上级单位，请求复查的机关按《信访工作条例》的一般表述写明。",
        "The list of units gives no parent of '{unit}': the body to ask for a review is "
        "named in the Regulation's general words."),
    "notice.note.blank_issuer": ("台账中没有作出意见的机关，{title}的署名处留空，请填写后盖章。",
                                 "The ledger does not know the body that decided: the "
                                 "{title} is left unsigned; fill it in and seal it."),
    "notice.kind_or_all": ("请给出文书种类（如 opinion），或用 --all 出具全部，二者选一。",
                           "Give a kind of document (e.g. opinion), or --all, not both."),
    "notice.written": ("已出具{title}：{path}（SHA-256 {sha}…，已记入办理经过）",
                       "Wrote the {title}: {path} (SHA-256 {sha}…, recorded on the case)"),
    "notice.revealed": ("文书中有完整的身份证号或电话，已记入办理经过。",
                        "The document shows full ID numbers or phones; this is recorded."),
    "notice.copied": ("已复制默认模板到 {path}，用 Word 或 WPS 修改后即按它出具。",
                      "Copied the default template to {path}; edit it in Word or WPS and "
                      "documents are written from it."),
    "notice.templates_folder": (
        "本办的模板放在 {folder}（文件名为“种类.docx”，如 opinion.docx）；"
        "xinfang notice templates --copy 种类 复制一份默认模板到那里修改。",
        "The office's own templates go in {folder} (named KIND.docx, e.g. opinion.docx); "
        "xinfang notice templates --copy KIND puts a copy of the default there to edit."),
    "notice.ui.kind": ("种类", "kind"),
    "notice.ui.title": ("文书", "document"),
    "notice.ui.template": ("模板", "template"),
    "notice.ui.state": ("状态", "state"),
    "notice.ui.ok": ("可用", "ready"),
    "notice.ui.source.default": ("默认", "default"),
    "notice.ui.source.office": ("本办", "the office's"),
    "notice.ui.placeholder": ("占位符", "placeholder"),
    "notice.ui.meaning": ("含义", "meaning"),
    "notice.ui.placeholders": ("{title}的模板可用的占位符（写成 {{{{ 名称 }}}}）",
                               "Placeholders of the {title} template (written {{{{ name }}}})"),
    "ui.event.notice": ("{title}，{file}，SHA-256 {sha}…", "{title}, {file}, SHA-256 {sha}…"),
    "ui.event.notice_pii": ("含完整身份证号或电话", "with full ID numbers or phones"),
    "ui.event.notice_withheld": ("未载明检举控告人", "whistle-blower not named"),
    # The words of the default templates (notices/layout.py).
    "notice.line.number": ("编号：{number}", "No. {number}"),
    "notice.line.handled_by": ("（经办人：{officer}）", "(Handled by: {officer})"),
    "notice.closing": ("特此告知。", "This is to inform you."),
    "notice.not_accept.detail": ("具体情况：{reason_text}", "Details: {reason_text}"),
    "notice.redirect.detail": ("具体情况：{route_text}", "Details: {route_text}"),
    "notice.row.number": ("编　　号", "Number"),
    "notice.row.received_on": ("收到日期", "Received"),
    "notice.row.channel": ("信访形式", "Channel"),
    "notice.row.headcount": ("人　　数", "Headcount"),
    "notice.row.locality": ("问题属地", "Locality"),
    "notice.row.category": ("内容分类", "Category"),
    "notice.row.content": ("反映问题", "The matter"),
    "notice.row.request": ("具体诉求", "Request"),
    "notice.row.petitioners": ("信 访 人", "Petitioners"),
    "notice.row.closed_on": ("办结日期", "Closed"),
    "notice.row.result": ("办理结果", "Result"),
    "notice.row.followed_on": ("回访日期", "Followed up"),
    "notice.row.reached": ("联系情况", "Reached"),
    "notice.row.followup_note": ("回访情况", "Notes"),
    "notice.row.followed_by": ("回 访 人", "Followed up by"),
    "notice.row.followed_signature": ("被回访人\n签名", "Signature of the petitioner"),
    "notice.row.actions": ("已采取\n的措施", "Actions taken"),
    "notice.row.recipient": ("受送达人", "Recipient"),
    "notice.row.documents": ("送达文书", "Documents delivered"),
    "notice.row.address": ("送达地点", "Place of delivery"),
    "notice.row.how": ("送达方式", "How delivered"),
    "notice.row.when": ("送达时间", "When delivered"),
    "notice.row.signature": ("受送达人\n签名或盖章", "Recipient's signature"),
    "notice.row.proxy": ("代收人及\n代收理由", "Received for them by, and why"),
    "notice.row.deliverer": ("送 达 人", "Delivered by"),
    "notice.row.remarks": ("备　　注", "Remarks"),
    "notice.row.confirm": ("信 访 人\n确认签名", "Petitioner's confirmation"),
    "notice.row.received_by": ("接 待 人", "Received by"),
    "notice.visit_form.confirm": (
        "以上登记内容已向我宣读（或经我阅看），与我反映的情况一致。\n"
        "签名（按手印）：　　　　　　　　年　　月　　日",
        "The above was read to me (or I read it) and is what I raised.\n"
        "Signature (or fingerprint):                      date"),
    "notice.row.duties": ("办理要求", "What is required"),
    "notice.row.contact": ("联 系 人", "Contact"),
    "notice.row.phone": ("联系电话", "Phone"),
    "notice.row.report": ("报告要求", "Report"),
    "notice.row.secrecy": ("保密要求", "Secrecy"),
    "notice.blank.when": ("　　　　年　　月　　日　　时", "        (year, month, day, hour)"),
    "notice.question.true": ("办理结果\n是否属实", "Is the result stated true?"),
    "notice.question.met": ("合理诉求\n是否解决", "Was the reasonable request met?"),
    "notice.question.carried_out": ("处理意见\n是否落实", "Was the opinion carried out?"),
    "notice.question.satisfied": ("是否满意", "Satisfied?"),
    "notice.question.other": ("有无其他\n诉求", "Any other request?"),
    "notice.receipt.body": (
        "您反映的信访事项已于{received_on}登记（编号：{number}）。依照{forward_basis}，"
        "本办将自收到之日起{forward_period}内（至{forward_due}止）按照规定转送、交办有权处理的"
        "机关、单位或者作出其他处理，并告知您去向。请妥善保存本回执，凭编号查询办理情况。",
        "Your petition was registered on {received_on} (No. {number}). Under "
        "{forward_basis}, within {forward_period} of receipt (by {forward_due}) this office "
        "forwards or assigns it to the body with power to handle it, or deals with it "
        "otherwise, and tells you where it went. Keep this receipt: its number lets you "
        "ask how the matter stands."),
    "notice.forward.body": (
        "现将本办于{received_on}登记的信访事项转送你单位，请依法办理。",
        "The petition this office registered on {received_on} is forwarded to you to be "
        "handled as the law requires."),
    "notice.assign.body": (
        "现将本办于{received_on}登记的信访事项交由你单位办理，请依法办理并报告结果。",
        "The petition this office registered on {received_on} is assigned to you to be "
        "handled as the law requires, with a report of the result."),
    "notice.forward.notify": (
        "请自收到之日起{notify_period}内（至{notify_due}止）书面告知信访人接收情况以及处理途径"
        "和程序（{notify_basis}）；不属于你单位职权范围的，请自收到之日起{objection_period}内"
        "（至{objection_due}止）提出异议并说明理由（{objection_basis}）。",
        "Tell the petitioner in writing within {notify_period} of receipt (by {notify_due}) "
        "that you received it and how and under which rules it will be handled "
        "({notify_basis}); if it is not within your powers, object within "
        "{objection_period} of receipt (by {objection_due}) with your reasons "
        "({objection_basis})."),
    "notice.assign.report": (
        "请于{report_by}前将办理结果报送本办，并提交办结报告（{report_basis}）。",
        "This is an assignment: report the result to this office by {report_by} with a "
        "closing report ({report_basis})."),
    "notice.forward.confidential": (
        "请严格保密，不得将检举控告材料及有关情况透露或者转给被检举控告的组织和人员；"
        "需要书面告知信访人的，请将告知书送本办转交。",
        "Keep it secret: never pass the material or anything about it to those accused; "
        "a written notice to the petitioner goes to this office, which hands it on."),
    "notice.forward_notice.body": (
        "您于{received_on}反映的信访事项（编号：{number}），本办已于{forwarded_on}"
        "{forward_word}{unit}办理。",
        "Your petition of {received_on} (No. {number}) was {forward_word} {unit} on "
        "{forwarded_on}."),
    "notice.forward_notice.next": (
        "依照{notify_basis}，{unit}应当自收到之日起{notify_period}内（至{notify_due}止）"
        "书面告知您接收情况以及处理途径和程序；依法受理的，应当自受理之日起{handle_period}内"
        "办结（{handle_basis}）。",
        "Under {notify_basis}, {unit} tells you in writing within {notify_period} of "
        "receipt (by {notify_due}) that it received it and how it will be handled; once it "
        "accepts it, it closes it within {handle_period} ({handle_basis})."),
    "notice.forward_notice.ask": ("请您留意{unit}的书面告知；如有疑问，可凭编号向本办查询。",
                                  "Look out for the notice from {unit}; with the number "
                                  "you may ask this office how it stands."),
    "notice.accept.body": (
        "您于{received_on}反映的信访事项（编号：{number}），本机关已于{accepted_on}受理。",
        "Your petition of {received_on} (No. {number}) was accepted on {accepted_on}."),
    "notice.accept.next": (
        "依照{handle_basis}，本机关将自受理之日起{handle_period}内（至{handle_due}止）办结，"
        "并书面答复您处理意见；情况复杂的，经本机关负责人批准，可以适当延长办理期限，"
        "延长期限不超过{max_extension}，并将延期理由告知您。",
        "Under {handle_basis}, it will be closed within {handle_period} of acceptance (by "
        "{handle_due}) and you will have the opinion in writing; a complex matter may be "
        "extended by the head of this body, by no more than {max_extension}, and you will "
        "be told why."),
    "notice.not_accept.body": (
        "您于{received_on}反映的信访事项（编号：{number}），经审查，{reason}，"
        "本机关于{decided_on}决定不予受理。",
        "Your petition of {received_on} (No. {number}) was examined: {reason}; on "
        "{decided_on} it was decided not to accept it."),
    "notice.redirect.body": (
        "您于{received_on}反映的信访事项（编号：{number}），经审查，{route_advice}",
        "Your petition of {received_on} (No. {number}) was examined: {route_advice}"),
    "notice.redirect.law": (
        "依照《信访工作条例》关于诉讼与信访分离的规定，依法应当通过诉讼、仲裁、行政复议等"
        "法定途径解决的诉求，应当依照法定程序向有关机关提出。请您注意有关法定途径的期限。",
        "Under the Regulation's separation of litigation from petitions, a claim that the "
        "law settles through the courts, arbitration or administrative review is brought "
        "there, as the law provides. Mind the time limits of that route."),
    "notice.extension.body": (
        "您于{received_on}反映的信访事项（编号：{number}），本机关于{accepted_on}受理。"
        "因{extension_reason}，不能在{handle_period}的办理期限内办结，经{approved_by}批准，"
        "办理期限延长{extension_days}（累计延长{total_extension}），延长后的办结期限为"
        "{handle_due}（{handle_basis}）。",
        "Your petition of {received_on} (No. {number}) was accepted on {accepted_on}. "
        "Because {extension_reason}, it cannot be closed within {handle_period}; "
        "{approved_by} approved an extension of {extension_days} ({total_extension} in all), "
        "and it is now due by {handle_due} ({handle_basis})."),
    "notice.opinion.intro": (
        "您于{received_on}反映的信访事项（编号：{number}），本机关于{accepted_on}受理。"
        "现将处理意见答复如下：",
        "Your petition of {received_on} (No. {number}) was accepted on {accepted_on}. "
        "This is the opinion on it:"),
    "notice.opinion.matter": ("一、反映的问题", "1. The matter"),
    "notice.opinion.request": ("具体诉求：{request}", "Request: {request}"),
    "notice.opinion.opinion": ("二、处理意见", "2. The opinion"),
    "notice.opinion.result": ("三、处理结果", "3. The result"),
    "notice.opinion.rights": (
        "如对本处理意见不服，可以自收到本意见书之日起{review_period}内，向{review_body}"
        "请求复查（{review_basis}）。",
        "If you do not accept this opinion, you may ask {review_body} for a review within "
        "{review_period} of receiving it ({review_basis})."),
    "notice.review.intro": (
        "您对{closed_on}作出的信访事项处理意见（编号：{number}）不服，于{requested_on}"
        "请求复查。现将复查意见答复如下：",
        "You contested the opinion of {closed_on} (No. {number}) and asked for a review "
        "on {requested_on}. This is the review's opinion:"),
    "notice.review.rights": (
        "如对本复查意见不服，可以自收到本意见书之日起{recheck_period}内，向{recheck_body}"
        "请求复核（{recheck_basis}）。",
        "If you do not accept this review, you may ask {recheck_body} for a recheck within "
        "{recheck_period} of receiving it ({recheck_basis})."),
    "notice.recheck.intro": (
        "您对信访事项（编号：{number}）的复查意见不服，于{requested_on}请求复核。"
        "现将复核意见答复如下：",
        "You contested the review of petition No. {number} and asked for a recheck on "
        "{requested_on}. This is the recheck's opinion:"),
    "notice.recheck.final": (
        "本复核意见为终结意见。依照{final_basis}，您对本复核意见不服，仍然以同一事实和理由"
        "提出信访请求的，各级机关、单位不再受理。",
        "This recheck is final. Under {final_basis}, a petition brought again on the same "
        "facts and grounds is not accepted by any body."),
    "notice.major.intro": (
        "{received_on}，本办登记一起{major_reasons}信访事项（编号：{number}），现将有关情况报告如下：",
        "On {received_on} this office registered a petition that is a {major_reasons} "
        "(No. {number}); this is the report:"),
    "notice.major.closing": ("本办将继续跟踪办理，有新情况及时报告。",
                             "This office follows the matter and reports anything new at once."),
    # What each placeholder of a template stands for (xinfang notice templates --fields).
    "notice.field.title": ("文书名称", "the document's title"),
    "notice.field.number": ("案件编号", "the case number"),
    "notice.field.office": ("本办名称", "the office's name"),
    "notice.field.issuer": ("署名的机关（办理单位，或本办）", "the body that signs (the handling unit, or the office)"),
    "notice.field.date": ("成文日期", "the document's date"),
    "notice.field.officer": ("经办人", "the officer who handled the act"),
    "notice.field.received_on": ("收到日期", "the date received"),
    "notice.field.channel": ("信访形式", "the channel"),
    "notice.field.content": ("反映问题", "the matter raised"),
    "notice.field.request": ("具体诉求", "the request"),
    "notice.field.headcount": ("人数", "the headcount"),
    "notice.field.locality": ("问题属地", "the locality"),
    "notice.field.category": ("内容分类", "the category"),
    "notice.field.petitioner": ("信访人姓名（称呼用）", "the petitioners' names (to address them)"),
    "notice.field.petitioners": ("信访人情况（每人一行，按文书对象写明所需信息）", "the petitioners, one a line, with what the reader needs"),
    "notice.field.forward_due": ("登记转送期限届满日", "the forwarding deadline"),
    "notice.field.forward_period": ("登记转送期限（如15日）", "the forwarding period (e.g. 15 days)"),
    "notice.field.forward_basis": ("登记转送期限的依据", "where the forwarding period comes from"),
    "notice.field.unit": ("责任单位", "the responsible unit"),
    "notice.field.forwarded_on": ("转送（交办）日期", "the date forwarded or assigned"),
    "notice.field.notify_due": ("受理告知期限届满日", "the deadline to tell the petitioner"),
    "notice.field.notify_period": ("受理告知期限", "the period to tell the petitioner"),
    "notice.field.notify_basis": ("受理告知期限的依据", "where that period comes from"),
    "notice.field.confidential": ("是否检举控告事项（条件用）", "whether it is a whistle-blowing matter (for conditions)"),
    "notice.field.objection_due": ("异议期限届满日", "the end of the objection window"),
    "notice.field.objection_period": ("异议期限", "the objection window"),
    "notice.field.objection_basis": ("异议期限的依据", "where the objection window comes from"),
    "notice.field.report_by": ("交办报告日期", "the report-by date"),
    "notice.field.report_basis": ("交办报告的依据", "where the report-by date comes from"),
    "notice.field.forward_word": ("“转送”或“交办”", "'forwarded' or 'assigned'"),
    "notice.field.handle_period": ("办理期限（如60日）", "the handling period (e.g. 60 days)"),
    "notice.field.handle_basis": ("办理期限的依据", "where the handling period comes from"),
    "notice.field.accepted_on": ("受理日期", "the date accepted"),
    "notice.field.handle_due": ("办结期限届满日", "the handling deadline"),
    "notice.field.max_extension": ("延期合计上限", "the most the period may be extended"),
    "notice.field.decided_on": ("作出决定的日期", "the date of the decision"),
    "notice.field.reason": ("不予受理的理由", "why it is not accepted"),
    "notice.field.reason_text": ("不予受理的具体情况", "the details of why"),
    "notice.field.route": ("法定途径", "the legal route"),
    "notice.field.route_advice": ("通过法定途径解决的告知语", "what the petitioner is told about the route"),
    "notice.field.route_text": ("告知的具体情况", "the details"),
    "notice.field.extended_on": ("延期日期", "the date of the extension"),
    "notice.field.extension_days": ("本次延长天数", "days of this extension"),
    "notice.field.extension_reason": ("延期理由", "why it was extended"),
    "notice.field.approved_by": ("批准人", "who approved it"),
    "notice.field.total_extension": ("累计延长天数", "days extended in all"),
    "notice.field.closed_on": ("办结日期", "the date closed"),
    "notice.field.opinion": ("处理意见", "the handling opinion"),
    "notice.field.result": ("处理结果", "the result"),
    "notice.field.review_period": ("请求复查的期限", "the period to ask for a review"),
    "notice.field.review_body": ("请求复查的机关", "the body to ask for a review"),
    "notice.field.review_basis": ("请求复查的依据", "where the review right comes from"),
    "notice.field.requested_on": ("请求日期", "the date of the request"),
    "notice.field.concluded_on": ("作出意见的日期", "the date of the conclusion"),
    "notice.field.outcome": ("复查（复核）意见", "the review's or recheck's findings"),
    "notice.field.recheck_period": ("请求复核的期限", "the period to ask for a recheck"),
    "notice.field.recheck_body": ("请求复核的机关", "the body to ask for a recheck"),
    "notice.field.recheck_basis": ("请求复核的依据", "where the recheck right comes from"),
    "notice.field.final_basis": ("复核终结的依据", "where finality comes from"),
    "notice.field.followed_on": ("回访日期", "the date of the follow-up"),
    "notice.field.reached": ("是否联系上信访人", "whether the petitioner was reached"),
    "notice.field.satisfaction": ("满意度", "the satisfaction"),
    "notice.field.followup_note": ("回访情况", "notes of the follow-up"),
    "notice.field.major_reasons": ("重大访情的情形（集体访、赴省、进京）", "what makes it major (collective, to the province, to Beijing)"),
    "notice.field.actions": ("已采取的措施（每项一行）", "the actions taken, one a line"),
    "notice.field.joint_office": ("报送的联席会议办公室", "the joint-meeting office it goes to"),
    "notice.field.address": ("送达地点（信访人住址）", "where it is delivered (the petitioner's address)"),
    "notice.field.documents": ("送达的文书（每件一行）", "the documents delivered, one a line"),
    # Errors (one per class of `XinfangError`; the key is its name) ---------------
    "error.LedgerBusy": (
        "台账 {path} 正被另一个命令独占使用（例如正在恢复备份），请稍后再试。",
        "The ledger {path} is held by another command (a restore, say); try again shortly.",
    ),
    "error.StillRunning": (
        "另一份报表正在生成，等了 {seconds} 秒仍未结束，这次没有生成。稍后再试，或加 --wait 秒数 等得更久。",
        "Another run of this report is still going after {seconds} seconds; nothing was "
        "produced this time. Try again later, or give --wait more seconds.",
    ),
    "error.LedgerInUse": (
        "台账 {path} 正在被其他 xinfang 命令使用，恢复需要独占台账。请等其他人的登记、报表等命令结束（或关闭它们）后再恢复。台账没有改动。",
        "The ledger {path} is in use by other xinfang commands, and a restore needs it alone. "
        "Wait for the others' commands (registering, reports …) to finish, then restore "
        "again. The ledger is unchanged.",
    ),
    "error.NotALedger": (
        "{path} 不是 xinfang 台账（可能是其他程序的数据库或已损坏的文件），xinfang 不会改动它。请确认 --db 指向的是台账文件。",
        "{path} is not an xinfang ledger (another program's database, or a damaged file); "
        "xinfang leaves it as it is. Check that --db points at the ledger.",
    ),
    "error.EmptyLedgerFile": (
        "{path} 是一个空文件，还不是台账；查看类命令不会改动它。设置本办（xinfang office set）或登记第一件信访时会在这里建立台账。",
        "{path} is an empty file, not a ledger yet; commands that only read leave it as it "
        "is. Setting the office (xinfang office set) or registering a first case makes the "
        "ledger there.",
    ),
    "error.KnownDamaged": (
        "台账 {path} 已发现数据页损坏（记录在 {mark}），为免损坏扩大，不再写入，这次也没有写入。"
        "请用 xinfang restore 备份文件 从最近的备份恢复；查看、列表、报表和导出仍可使用。"
        "若台账已由技术人员修复，运行 xinfang check，完好后即可继续登记。",
        "The ledger {path} was found to have damaged pages (noted in {mark}): nothing more is "
        "written to it, nor was this time. Restore the latest backup with xinfang restore "
        "BACKUP; show, list, reports and export still work. If the ledger has been repaired, "
        "run xinfang check: once it is sound, registering works again.",
    ),
    "error.LedgerDamaged": (
        "台账 {path} 的数据页已损坏。请不要继续写入：用 xinfang check 查看损坏情况，再用 xinfang restore 备份文件 从最近的备份恢复。",
        "The ledger {path} has damaged pages. Do not write to it: see what is damaged with "
        "xinfang check, then restore the latest backup with xinfang restore BACKUP.",
    ),
    "error.LedgerReadOnly": (
        "没有权限写入 {path}（文件或所在文件夹是只读的，或属于其他用户）。请用有写权限的账号运行，或请管理员调整权限；这次什么也没有写入。",
        "{path} may not be written (the file or its folder is read-only, or belongs to "
        "another user). Run as a user who may write it, or ask the administrator to change "
        "its permissions; nothing was written.",
    ),
    "error.DiskFull": (
        "磁盘已满，无法写入 {path}。这次什么也没有写入；请清理出空间后再试。",
        "The disk is full: {path} cannot be written. Nothing was written; free some space "
        "and try again.",
    ),
    "error.DiskError": (
        "读写 {path} 时磁盘出错。请检查磁盘（或 U 盘）是否连接正常，然后运行 xinfang check。",
        "The disk failed while reading or writing {path}. Check the disk (or USB stick) "
        "and run xinfang check.",
    ),
    "error.CannotOpen": (
        "无法打开台账 {path}：文件夹不存在或没有权限读取。请检查 --db 的路径。",
        "Cannot open the ledger {path}: its folder is missing or may not be read. Check "
        "the path given with --db.",
    ),
    "error.TooManyFiles": (
        "系统打开的文件太多（ulimit 限制），无法打开 {path}。请关闭其他程序或调高限制后再试；这次什么也没有写入。",
        "Too many files are open (the ulimit), so {path} cannot be opened. Close other "
        "programs or raise the limit and try again; nothing was written.",
    ),
    "error.NumberTooLarge": (
        "输入的数值太大，台账无法保存。请检查人数、天数等数字。",
        "A number given is too large to be stored. Check the headcount, days and other "
        "numbers.",
    ),
    "error.OutputExists": (
        "{path} 已存在，不会覆盖它。换一个文件名，或加 --force 替换它。",
        "{path} exists and is not overwritten. Choose another name, or add --force to "
        "replace it.",
    ),
    "error.OutputIsLedger": (
        "{path} 是台账文件本身（或 SQLite 放在台账旁边的文件），不能把内容写在它上面。换一个文件名。",
        "{path} is the ledger itself (or a file SQLite keeps beside it); nothing can be "
        "written over it. Choose another name.",
    ),
    "error.OutputIsLink": (
        "{path} 是一个符号链接，xinfang 不会通过链接写文件。请写到一个普通的新文件名。",
        "{path} is a symbolic link; xinfang writes no file through a link. Give a plain, "
        "new file name.",
    ),
    "error.OutputIsFolder": (
        "{path} 是一个文件夹。请给出要写入的文件名，例如 {path}/导出.csv。",
        "{path} is a folder. Give the name of the file to write, e.g. {path}/export.csv.",
    ),
    "error.OutputNotYours": (
        "{path} 属于其他用户，不会替换它。换一个文件名。",
        "{path} belongs to another user and is not replaced. Choose another name.",
    ),
    "error.UnclosedQuote": (
        "第 {line} 行有一个引号（\"）没有闭合：它后面的若干行会被并进同一个单元格而丢失。没有导入任何行。请在 Excel 中找到这一行，补上或删去多余的引号后重新另存为 CSV。",
        "Line {line} opens a quote (\") that is never closed: the rows after it would be "
        "swallowed into one cell and lost. Nothing was imported. Find that line in Excel, "
        "add or remove the stray quote and save as CSV again.",
    ),
    "error.CellTooLarge": (
        "第 {line} 行附近有一个单元格超过 {limit} 个字符，登记簿的单元格不会这么大（可能是未闭合的引号，或粘贴了整篇文件）。没有导入任何行。请检查这一行。",
        "A cell near line {line} is longer than {limit} characters, more than a register's "
        "cell holds (a quote left open, or a whole document pasted in). Nothing was "
        "imported. Check that line.",
    ),
    "error.BadHead": (
        "“{head}”不是台账记录链的末端。请照 xinfang check 或 xinfang backup 打印的样子抄写，例如 1234:3f2a9c1b7e4d。",
        "'{head}' is not the head of the ledger's chain. Copy it as xinfang check or xinfang "
        "backup printed it, e.g. 1234:3f2a9c1b7e4d.",
    ),
    "error.RegisterError": ("登记簿无法导入，没有导入任何行。",
                            "The register cannot be imported; nothing was imported."),
    "error.ExtensionTooLong": (
        '延期合计不能超过 {max} 日：已延期 {used} 日，最多还能延 {left} 日。',
        'Extensions may total at most {max} days: {used} used, {left} left.',
    ),
    "error.NotRunning": (
        '本案没有正在计算的{clock}期限，无法{what}。',
        'This case has no running {clock} clock to {what}.',
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
        '本办代码已设为 {code}，台账中已有 {cases} 件案件的编号使用它，不能再改。本办名称可以改：xinfang office set {code} 新名称。',
        'The office code is already {code} and {cases} case numbers use it: it cannot change. '
        'The name can: xinfang office set {code} NEW-NAME.',
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
    "error.NulInText": (
        "输入的文字中有空字符（NUL，\\x00），无法保存，台账没有改动。请去掉它后重新输入。",
        "The text given holds a NUL character (\\x00), which cannot be kept; the ledger is "
        "unchanged. Remove it and type the text again.",
    ),
    "error.NothingToUndo": (
        "案件 {number} 除登记外没有可以撤销的办理。登记错了的案件用 xinfang undo {number} --whole --reason 理由 作废；登记内容有误用 xinfang correct 更正。",
        "Case {number} has no act to withdraw besides its registration. Void a case "
        "registered by mistake with xinfang undo {number} --whole --reason WHY; correct "
        "what it records with xinfang correct.",
    ),
    "error.NoSuchPetitioner": (
        "这件案件没有信访人“{who}”。写姓名或序号：{names}。",
        "The case has no petitioner '{who}'. Give a name or a number: {names}.",
    ),
    "error.NothingToCorrect": (
        "案件 {number} 已经是这样登记的，没有要更正的内容。请写明要改的项，例如 --content 新摘要 或 --on 2026-11-19。",
        "Case {number} already records that: nothing to correct. Name what to change, e.g. "
        "--content NEW or --on 2026-11-19.",
    ),
    "error.DateAfterActs": (
        "更正后的收到日期 {date} 晚于这件案件此后第一项办理（{first}）。请核对日期；如那项办理也记错了，先用 xinfang undo 撤销它。",
        "The corrected received date {date} is after the case's first act ({first}). Check "
        "the date; if that act was recorded wrong too, withdraw it first with xinfang undo.",
    ),
    "error.TooEarly": (
        "{what}“{date}”早于 {year} 年，不会是信访办登记的日期。请核对后重新填写（例如 2026-11-20）。",
        "The {what} {date} is before {year}: no petition office registered anything then. "
        "Check it and give the date again (e.g. 2026-11-20).",
    ),
    "error.FutureDate": (
        '{what}“{date}”在今天（{today}）之后。请填写已经发生的日期。',
        'The {what} {date} is after today ({today}). Give a date that has happened.',
    ),
    "error.DateBeforePrevious": (
        '日期 {date} 早于本案上一次办理日期 {previous}。请填写 {previous} 或之后的日期。',
        "The date {date} is before this case's previous act on {previous}. Give {previous} or later.",
    ),
    "error.BadIdNumber": (
        '身份证号“{masked}”无效：{reason}。请核对证件后重新输入。',
        "ID number '{masked}' is not valid: {reason}. Check the card and type it again.",
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
        "{what} '{value}' is not valid. Choose one of: {choices}.",
    ),
    "error.MissingField": (
        '缺少{what}。请用 {option} 提供{hint}。',
        'Missing {what}. Give it with {option}{hint}.',
    ),
    "error.BadPerson": (
        '信访人“{text}”格式不对。写成 --person "姓名,身份证号,电话,住址"，不知道的项留空，例如 --person "张三,,13800138000"。',
        'Petitioner \'{text}\' has a wrong shape. Write --person "name,ID number,phone,address", leaving unknown parts empty.',
    ),
    "error.NotAllowed": (
        '案件 {number} 当前状态为“{state}”，不能{action}。此状态下可以：{allowed}。',
        "Case {number} is '{state}'; it cannot be {action}. Allowed now: {allowed}.",
    ),
    "error.BadPolicy": (
        '期限政策设置无效：{reason}',
        'Invalid policy setting: {reason}',
    ),
    "error.UnknownPolicyKey": (
        '没有名为“{key}”的政策项。可设置：{keys}。',
        "No policy item '{key}'. Items: {keys}.",
    ),
    "error.OverrideNotFound": (
        '{date} 没有本地调整，无需删除。用 xinfang calendar --year {year} 查看。',
        'There is no local override on {date}. See xinfang calendar --year {year}.',
    ),
    "error.CategoryExists": ("内容分类“{name}”已在名单中（或是空的），无需添加。",
                             "Category '{name}' is already in the list (or empty)."),
    "error.UnknownCategory": (
        "内容分类“{name}”不在分类名单中。{suggest}可用 xinfang category list 查看全国统一分类；本办确需新增的，用 xinfang category add 名称 加入。",
        "Category '{name}' is not in the list. {suggest}See the national list with xinfang "
        "category list; add one of the office's own with xinfang category add NAME.",
    ),
    "error.UnitRetired": (
        "单位“{name}”已于 {since} 撤并，不再接收新的转送或上报。{into}用 xinfang unit list 查看在用的单位。",
        "Unit '{name}' was retired on {since} and takes no new work. {into}See the units in "
        "service with xinfang unit list.",
    ),
    "error.UnknownUnit": (
        '单位“{name}”不在单位名单中。{suggest}用 xinfang unit add 名称 --level 层级 添加，或用 xinfang unit list 查看。',
        "Unit '{name}' is not in the list of units. {suggest}Add it with xinfang unit add NAME --level LEVEL, or see xinfang unit list.",
    ),
    "error.UnitExists": (
        '单位“{name}”已在名单中。',
        "Unit '{name}' is already in the list.",
    ),
    "error.BadAct": (
        '这一步无法记录。',
        'This act cannot be recorded.',
    ),
    "error.BadFormat": (
        '格式“{value}”无效。可选：csv、xlsx（Excel 工作簿）、excel-csv（给 Excel 打开的 CSV，身份证号等长数字不会被改成科学计数法）、json。',
        "Format '{value}' is not valid. Choose csv, xlsx (an Excel workbook), excel-csv (a CSV made for Excel: long numbers stay text) or json.",
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
        '{path} is not a usable xinfang ledger backup: {reason}. The current ledger is unchanged.',
    ),
    "error.BackupExists": (
        '{path} 已存在，备份不会覆盖它。换一个文件名。',
        '{path} exists; a backup never overwrites a file. Choose another name.',
    ),
    "error.ImportFailed": (
        '导入在第 {line} 行失败：{reason}。本次导入的内容已全部撤销，台账未改动。',
        'The import failed at line {line}: {reason}. Nothing of this import was kept; the ledger is unchanged.',
    ),
    "error.MissingColumns": (
        '表头中找不到必需的列：{missing}。{unmapped}没有导入任何行。',
        'The header has no column for: {missing}. {unmapped}Nothing was imported.',
    ),
    "error.DuplicateColumns": (
        '列“{first}”和“{second}”都对应{field}。用 --map {second}=- 忽略其中一列，或用 --map 指定各列。',
        "Columns '{first}' and '{second}' both map to {field}. Leave one out with --map {second}=-, or map each with --map.",
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
    # The Regulation's procedure, exactly (issue 16: acts, review bodies, delivery,
    # reports as of a day, figures by case, a year's official schedule) ----------------
    "error.ExtensionAfterPeriod": (
        '办理期限已于 {due} 届满：延期须在办理期限内批准（《信访工作条例》第三十四条）。'
        '确需补记期满后批准的延期，请加 --late-approval；补记的延期不改变期限，办结仍计为超期。',
        'The handling period ended on {due}: an extension is approved while it runs '
        '(Regulation Art 34). To record an approval given after it ended, add '
        '--late-approval; such an extension moves no date and the close stays late.'),
    "error.SatisfactionBeforeClose": (
        '案件尚未办结：满意度是对书面答复的评价，办结后才能记录。可以先用 --unreachable 或 --note 记录回访情况。',
        'The case is not closed yet: a satisfaction rates the written reply and is '
        'recorded after the close. Record the contact with --note or --unreachable meanwhile.'),
    "act.hearing_before_request": (
        '听证开始日期 {date} 早于复核申请日期 {requested}：听证在复核期间举行（第三十六条）。',
        'The hearing starts on {date}, before the recheck was requested on {requested}: '
        'a hearing is held during the recheck (Art 36).'),
    "act.hearings_overlap": (
        '这次听证与已记录的听证（{start} 至 {end}）日期重叠；日期记错了请用 --replace。',
        'This hearing overlaps the one recorded ({start} to {end}); if those dates were '
        'wrong, use --replace.'),
    "act.conclude_before_hearing_ends": (
        '复核结论日期 {date} 早于听证结束日期 {end}：结论应在听证之后作出。',
        'The recheck conclusion on {date} comes before the hearing ends on {end}: '
        'conclude after the hearing.'),
    "choice.outcome": ("复查、复核结论", "Outcome"),
    "choice.deliverable": ("送达的文书", "Document"),
    "choice.delivery_method": ("送达方式", "Delivery method"),
    "act.outcome_on_conclusion": ("--outcome 和 --opinion 用于 conclude（结论），申请时不写。",
                                  "--outcome and --opinion go with conclude, not with a request."),
    "act.body_on_request": ("--body（复查、复核机关）在申请时写明，结论时不写。",
                            "--body (the reviewing body) is named with the request, not the conclusion."),
    "act.nothing_to_deliver": ("这件案件还没有{what}可送达。",
                               "The case has no {what} to deliver yet."),
    "act.delivered_before_written": ("送达日期 {date} 早于{what}的日期 {written}。",
                                     "The delivery on {date} comes before the {what} of {written}."),
    "ui.event.delivered": ("{what}，{method}，{on} 送达", "{what}, {method}, delivered {on}"),
    "ui.deliveries": ("送达", "Delivered"),
    "ui.window.from_delivery": ("{clock}自送达之日（{on}）起算", "{clock} runs from the delivery ({on})"),
    "ui.window.from_reply": ("{clock}自{act}之日（{on}）起算：尚未记录送达（xinfang deliver）",
                             "{clock} runs from the {act} ({on}): no delivery recorded yet (xinfang deliver)"),
    # The figures by case (figures.py), for each side apart.
    "figure.timely_acceptance.office": ("及时受理率（信访部门·登记转送）",
                                        "timely acceptance (petition office: forwarding)"),
    "figure.timely_acceptance.office.definition": (
        "及时受理 ÷ 总数：期内登记的每件案件，登记转送及时为及时受理，迟延为超期受理，逾期仍未转送为超期未受理（未到期的不计）",
        "timely ÷ all: each case registered in the period is timely (forwarded on time), "
        "late (forwarded late) or late and open (still not forwarded past its due date); "
        "cases not yet due are not counted"),
    "figure.timely_acceptance.unit": ("及时受理率（责任单位·受理告知）",
                                      "timely acceptance (units: notice of acceptance)"),
    "figure.timely_acceptance.unit.definition": (
        "及时受理 ÷ 总数：期内转送、交办的每件案件，按期受理告知为及时受理，迟延为超期受理，逾期未告知为超期未受理（未到期的不计）",
        "timely ÷ all: each case forwarded or assigned in the period is timely (decided "
        "on time), late (decided late) or late and open (undecided past its due date); "
        "cases not yet due are not counted"),
    "figure.on_time_closing.office": ("按期办结率（信访部门自办）", "closed on time (office's own cases)"),
    "figure.on_time_closing.office.definition": (
        "按期 ÷（按期 + 超期 + 未答复 + 超期未答复）：期内本办自行受理的每件案件",
        "on time ÷ (on time + late + open + late and open): each case the office itself "
        "accepted in the period"),
    "figure.on_time_closing.unit": ("按期办结率（责任单位）", "closed on time (units)"),
    "figure.on_time_closing.unit.definition": (
        "按期 ÷（按期 + 超期 + 未答复 + 超期未答复）：期内责任单位受理的每件案件",
        "on time ÷ (on time + late + open + late and open): each case a unit accepted in "
        "the period"),
    "figure.leader_resolution": ("包案化解率", "resolved by leaders"),
    "figure.leader_resolution.definition": (
        "已化解 ÷ 包案件数：期内领导包案的每件案件，已办结且此后未再重复信访为已化解",
        "resolved ÷ leaders' cases: each case a leader took in the period, resolved when "
        "closed and not petitioned again since"),
    "figure.class.timely": ("及时受理", "timely"),
    "figure.class.late": ("超期", "late"),
    "figure.class.late_open": ("超期未办", "late and open"),
    "figure.class.not_due": ("未到期", "not yet due"),
    "figure.class.on_time": ("按期", "on time"),
    "figure.class.open": ("未答复", "open"),
    "figure.class.evaluated": ("已评价", "evaluated"),
    "figure.class.reopened": ("重新办理", "reopened"),
    "figure.class.satisfied": ("满意", "satisfied"),
    "figure.class.basic": ("基本满意", "basically satisfied"),
    "figure.class.unsatisfied": ("不满意", "unsatisfied"),
    "figure.class.repeat": ("重件", "repeat"),
    "figure.class.first": ("初件", "first"),
    "figure.class.resolved": ("已化解", "resolved"),
    "figure.class.came_back": ("再次信访或复查", "came back"),
    "figure.class.unresolved": ("未化解", "unresolved"),
    "stats.counts": ("各类件数", "By class"),
    "stats.units_title": ("责任单位排名", "Units ranked"),
    "stats.rank": ("名次", "Rank"),
    "stats.changed_title": ("统计期结束后有变化的指标", "Figures changed since the period ended"),
    "stats.changed": ("{figure}：{was} → {now}", "{figure}: {was} → {now}"),
    "stats.changed_case": ("{case}：{was} → {now}（{why}）", "{case}: {was} → {now} ({why})"),
    "stats.changed_by_acts": ("期后办理：{acts}", "acts since: {acts}"),
    "stats.changed_by_deadline": ("期限在统计期结束后届满", "a deadline after the period ended"),
    "stats.clock_definitions": ("按期限（旧口径）统计。", "Counted by clock (the earlier definitions)."),
    # A year's official schedule entered from the State Council's notice (calendar year).
    "error.BadYearSchedule": ("无法录入这一年的放假安排：{problem}。",
                              "The year's schedule cannot be entered: {problem}."),
    "calendar.year.no_source": ("请用 --source 写明通知文号（如“国办发明电〔2026〕…号”）",
                                "give the notice it comes from with --source"),
    "calendar.year.no_rest": ("至少要有一个放假日（--rest）", "give at least one rest day (--rest)"),
    "calendar.year.outside": ("{day} 不在 {year} 年内", "{day} is not in {year}"),
    "calendar.year.both": ("{day} 既是放假日又是上班日", "{day} is both a rest day and a working day"),
    "calendar.year.weekday_work": ("{day} 是工作日，调休上班日应是周六或周日",
                                   "{day} is a weekday: a make-up working day is a Saturday or Sunday"),
    "calendar.year.bad_line": ("第 {line} 行看不懂：“{text}”（应为 rest 日期[..日期]、work 日期 或 source 文号）",
                               "line {line} is not understood: '{text}' (write rest DATE[..DATE], work DATE or source TEXT)"),
    "calendar.year.entered": ("已录入 {year} 年放假安排（{source}）：放假 {rest} 天，调休上班 {work} 天；{moved} 件案件的期限随之调整。",
                              "{year}'s schedule entered ({source}): {rest} rest days, {work} make-up working days; {moved} cases' due dates moved."),
    "calendar.source.entered": ("{year} 年安排：本办按通知录入（{source}）", "{year}'s schedule: entered by the office from the notice ({source})"),
    "calendar.source.holidays": ("{year} 年安排：来自 {source}（已公布）", "{year}'s schedule: from {source} (published)"),
    "calendar.source.estimated": ("{year} 年安排：尚未公布，按 {source} 估算法定假日，无调休",
                                  "{year}'s schedule: not yet published; statutory holidays estimated by {source}, no make-up days"),
    "calendar.differs": ("holidays 新版本的 {year} 年安排与本办录入的不同（仍按录入的计算，请核对）：{days}",
                         "The holidays package's {year} schedule differs from the one entered (the entered one stays; check it): {days}"),
    "calendar.differs.rest_only_entered": ("仅录入为放假：{days}", "rest only as entered: {days}"),
    "calendar.differs.rest_only_holidays": ("仅 holidays 为放假：{days}", "rest only in holidays: {days}"),
    "calendar.differs.work_only_entered": ("仅录入为上班：{days}", "working only as entered: {days}"),
    "calendar.differs.work_only_holidays": ("仅 holidays 为上班：{days}", "working only in holidays: {days}"),
    # --- The command line's frame: help screens, placeholders, usage errors ---
    "cli.usage": ("用法：", "Usage: "),
    "cli.options_metavar": ("[选项]", "[OPTIONS]"),
    "cli.command_metavar": ("命令 [参数]…", "COMMAND [ARGS]..."),
    "cli.section": ("{title}：", "{title}:"),
    "cli.options": ("选项", "Options"),
    "cli.arguments": ("参数", "Arguments"),
    "cli.commands": ("命令", "Commands"),
    "cli.default": ("[默认：{value}]", "[default: {value}]"),
    "cli.required": ("[必填]", "[required]"),
    "cli.help_option": ("显示本帮助并退出。", "Show this help and exit."),
    "cli.try_help": ("输入 {command} -h 查看帮助。", "Type {command} -h for help."),
    "cli.version": ("xinfang {version}", "xinfang {version}"),
    "cli.kind.date": ("日期", "DATE"),
    "cli.kind.number": ("编号", "NUMBER"),
    "cli.kind.file": ("文件", "FILE"),
    "cli.kind.days": ("天数", "DAYS"),
    "cli.kind.count": ("数目", "COUNT"),
    "cli.kind.unit": ("单位", "UNIT"),
    "cli.kind.name": ("姓名", "NAME"),
    "cli.kind.id_number": ("身份证号", "ID-NUMBER"),
    "cli.kind.phone": ("电话", "PHONE"),
    "cli.kind.seconds": ("秒数", "SECONDS"),
    "cli.kind.year": ("年份", "YEAR"),
    "cli.kind.text": ("文字", "TEXT"),
    "cli.kind.integer": ("整数", "INTEGER"),
    "cli.no_such_option": ("没有选项 {option}。", "There is no option {option}."),
    "cli.no_such_command": ("没有命令“{name}”。", "There is no command '{name}'."),
    "cli.did_you_mean": ("是不是要写：{names}？", " Did you mean: {names}?"),
    "cli.missing_option": ("缺少 {option}（{what}）。", "{option} ({what}) is missing."),
    "cli.missing_argument": ("缺少{what}。", "The {what} is missing."),
    "cli.bad_value": ("{option} 的值不对：要写{expect}。",
                      "The value of {option} is not right: write {expect}."),
    "os.no_such_file": ("文件或文件夹不存在", "no such file or folder"),
    "os.no_permission": ("没有读写权限", "permission denied"),
    "os.is_a_folder": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    "os.not_a_folder": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "os.disk_full": ("磁盘已满", "the disk is full"),
    "os.read_only": ("磁盘只读", "the disk is read-only"),
    "os.exists": ("文件已存在", "the file exists already"),
    "os.name_too_long": ("文件名太长", "the file name is too long"),
    "os.other": ("系统错误 {code}：{reason}", "system error {code}: {reason}"),
    "cli.bad_choice": ("{option} 只能写以下之一：{choices}。", "{option} takes one of: {choices}."),
    "cli.expect_whole": ("一个整数", "a whole number"),
    "cli.expect_between": ("（{low} 到 {high}）", " from {low} to {high}"),
    "cli.expect_at_least": ("（至少 {low}）", " of at least {low}"),
    "cli.bad_lang": ("--lang 只能是 zh（中文）或 en（英文）。", "--lang is zh (Chinese) or en (English)."),
    "cli.takes_no_value": ("{option} 是开关，后面不写值：写 {option} 即可。",
                           "{option} is a switch and takes no value: write just {option}."),
    "cli.needs_value": ("{option} 后面要写{what}。", "{option} needs a value ({what})."),
    "cli.extra_args": ("多写了：{args}。是不是少了选项名？文字中有空格时请加引号。",
                       "Unexpected extra words: {args}. Is an option name missing? Quote "
                       "text that has spaces."),
    "cli.missing_command": ("请在后面写出要做的事（子命令），见下面的用法。",
                            "Write what to do (a subcommand) after it; see the usage below."),
    "cli.usage_error": ("命令写法不对。", "The command is not written right."),
    "cli.aborted": ("已取消，没有保存任何内容。", "Cancelled; nothing was saved."),
    "cli.interrupted": ("已中断：正在进行的写入已撤回，台账保持中断前的样子。",
                        "Interrupted: the write under way was undone; the ledger is as it "
                        "was before."),
    # Errors of written documents (notices/) -------------------------------------------
    "error.MissingFacts": (
        "还不能出具案件 {number} 的{title}，台账中缺少：{facts}。没有写入任何文件。",
        "The {title} of {number} cannot be written yet; the ledger lacks: {facts}. "
        "Nothing was written."),
    "error.VoidCase": (
        "案件 {number} 已作废（登记有误），不出具{title}。",
        "Case {number} was voided (registered by mistake): no {title} is written for it."),
    "error.NotATemplate": (
        "模板 {path} 不是可以读取的 Word 文档（{reason}）。请在 Word 或 WPS 中另存为“Word 文档（*.docx）”；没有写入任何文件。",
        "The template {path} is not a Word document xinfang can read ({reason}). Save it "
        "from Word or WPS as a Word document (*.docx); nothing was written."),
    "error.UnknownPlaceholder": (
        "模板 {path} 中有{title}不认识的占位符：{names}。可用的有：{known}（含义见 xinfang notice templates --fields）。请改正模板；没有写入任何文件。",
        "The template {path} uses placeholders the {title} does not know: {names}. Known "
        "ones: {known} (see xinfang notice templates --fields). Correct the template; "
        "nothing was written."),
    "error.BrokenTemplate": (
        "模板 {path} 的占位符或条件写法有误（{detail}），出错处附近的文字：“{around}”。占位符写成 {{{{ 名称 }}}}，条件段落写成 {{%p if 名称 %}} … {{%p endif %}}。请改正模板；没有写入任何文件。",
        "The template {path} has a placeholder or condition the engine cannot read "
        "({detail}); the words near it: '{around}'. Write placeholders as {{{{ name }}}} "
        "and conditional paragraphs as {{%p if name %}} … {{%p endif %}}. Correct the "
        "template; nothing was written."),
    "error.DefaultMissing": (
        "xinfang 自带的{title}模板不在安装目录中（{path}），安装不完整。请重新安装 xinfang。",
        "The default template of the {title} is missing from the installation ({path}). "
        "Install xinfang again."),
}


def os_reason(err: OSError, lang: str) -> str:
    """Why the system refused a file, in the officer's language."""
    import errno

    names = {errno.ENOENT: "os.no_such_file", errno.EACCES: "os.no_permission",
             errno.EPERM: "os.no_permission", errno.EISDIR: "os.is_a_folder",
             errno.ENOTDIR: "os.not_a_folder", errno.ENOSPC: "os.disk_full",
             errno.EROFS: "os.read_only", errno.EEXIST: "os.exists",
             errno.ENAMETOOLONG: "os.name_too_long"}
    key = names.get(err.errno or 0)
    return t(key, lang) if key else t("os.other", lang, code=err.errno, reason=err.strerror or err)


def english_help(text: str) -> str:
    """The English of a command's or an option's help, which is written in Chinese beside
    the command itself (tests/test_texts.py checks that every help text has one)."""
    return HELP_EN.get(text, text)


# The English of every help text of the commands, by its Chinese.
HELP_EN: dict[str, str] = {
    # The repeat rule's kept terms.
    "先按案件内容重新生成重复信访比对用的词频（检查报告词频不一致时用；不改动任何案件和记录）。":
        "First make the term counts the repeat rule compares with again from the cases' content (when the check reports them differing; no case or event changes).",
    "信访台账：登记、转送、办结、回访，自动计算每一个法定期限。\n\n例：xinfang register --name 张三 --channel 来访 --content 拖欠工资":
        "Petition ledger: register, forward, close and follow up petitions; every statutory deadline is counted for you.\n\nExample: xinfang register --name \"Zhang San\" --channel visit --content \"unpaid wages\"",
    "登记一件信访，打印案件编号和登记转送期限。\n\n例：xinfang register --name 张三 --id-number 371526196601318579 --phone 13812345678 --channel 来访 --category 劳动社保 --content 工地拖欠工资 --on 2026-11-20":
        "Register a petition; prints the case number and the forwarding deadline.\n\nExample: xinfang register --name \"Zhang San\" --id-number 371526196601318579 --phone 13812345678 --channel visit --category \"labour and social security\" --content \"unpaid wages at a building site\" --on 2026-11-20",
    "主访人姓名。":
        "The lead petitioner's name.",
    "主访人身份证号（18 位，会核对校验位）。":
        "The lead petitioner's ID number (18 characters; the check digit is verified).",
    "主访人电话。":
        "The lead petitioner's phone.",
    "主访人住址。":
        "The lead petitioner's address.",
    "（其他）信访人：\"姓名,身份证号,电话,住址\"，可写多次；不知道的项留空。":
        "(Another) petitioner: \"name,ID number,phone,address\"; can be repeated; leave unknown parts empty.",
    "匿名信访，不留姓名。":
        "Anonymous petition: no name given.",
    "信访形式：来访/来信/来电/网上信访（或 visit/letter/phone/online）。":
        "Channel: visit, letter, phone or online.",
    "来访人数。":
        "Number of people who came.",
    "问题属地（村/社区/乡镇）。":
        "Locality of the problem (village, community or township).",
    "内容分类，如 城乡建设、劳动和社会保障（简称亦可）。":
        "Content category, e.g. urban and rural construction, labour and social security (short forms work too).",
    "反映问题摘要。":
        "Summary of the problem raised.",
    "信访人的具体诉求。":
        "What the petitioner asks for.",
    "越级情况：赴省 或 进京（可写多次）。":
        "Out-of-level petition: to_province or to_beijing (can be repeated).",
    "检举控告等需保密的案件，不进入导出和共享报表。":
        "A case to keep confidential, such as whistle-blowing: kept out of exports and shared reports.",
    "收到日期，默认今天。":
        "Received date; today by default.",
    "认定为这件案件的重复信访（链接到初件）。":
        "Mark it as a repeat petition of this case (linked to the first case).",
    "认定为新事项，不是重复信访。":
        "Mark it as a new matter, not a repeat petition.",
    "本次填写的信访人姓名是对的：台账中同一身份证号的姓名随之更正（记入办理经过）。":
        "The petitioner's name given now is right: the ledger's name for the same ID number is corrected to it (recorded in the history).",
    "经办人；默认取 XINFANG_OFFICER，否则用系统登录名。":
        "Officer; defaults to XINFANG_OFFICER, otherwise the system login name.",
    "台账文件路径；默认取环境变量 XINFANG_DB，否则用用户数据目录。":
        "Path of the ledger file; defaults to the XINFANG_DB environment variable, otherwise the user data directory.",
    "以 JSON 输出新案件。":
        "Print the new case as JSON.",
    "界面语言：zh（默认）或 en；也可设环境变量 XINFANG_LANG。":
        "Interface language: zh (default) or en; the XINFANG_LANG environment variable can also set it.",
    "显示一件案件的全部情况：信访人、状态、各项期限（剩余或超期天数）和办理经过。\n\n例：xinfang show XF-YQH-2026-00042（或简写 xinfang show 2026-42）":
        "Show everything about a case: petitioners, status, each deadline (days left or overdue) and the history.\n\nExample: xinfang show XF-YQH-2026-00042 (or for short: xinfang show 2026-42)",
    "案件编号，如 XF-YQH-2026-00042 或简写 2026-42。":
        "Case number, e.g. XF-YQH-2026-00042, or for short 2026-42.",
    "按哪一天计算剩余/超期天数，默认今天。":
        "The day to count days left or overdue from; today by default.",
    "显示完整身份证号和电话（会记入案件经过）。":
        "Show the full ID number and phone (recorded in the case history).",
    "以 JSON 输出，供程序读取。":
        "Output JSON, for programs to read.",
    "按条件列出案件，最新收到的在前。\n\n例：xinfang list --status 已登记 --category 城乡建设 --search 拖欠工资；xinfang list --overdue --unit 人社局":
        "List cases matching the filters, newest received first.\n\nExamples: xinfang list --status registered --category \"urban and rural construction\" --search \"unpaid wages\"; xinfang list --overdue --unit \"HRSS Bureau\"",
    "状态，如 已登记、已受理（或 registered、accepted），可写多次。":
        "Status, e.g. registered, accepted; can be repeated.",
    "责任单位名称。":
        "Name of the responsible unit.",
    "内容分类。":
        "Content category.",
    "问题属地。":
        "Locality of the problem.",
    "收到日期不早于。":
        "Received on or after this date.",
    "收到日期不晚于。":
        "Received on or before this date.",
    "信访人身份证号或姓名。":
        "Petitioner's ID number or name.",
    "在反映问题和诉求中查找文字。":
        "Search the content and the request for this text.",
    "只要有期限已超期的。":
        "Only cases with an overdue deadline.",
    "只要 N 天内有期限到期的。":
        "Only cases with a deadline due within N days.",
    "只要重复信访。":
        "Only repeat petitions.",
    "只要集体访。":
        "Only collective visits.",
    "只要带此提示的，如 赴省、进京、已上报/包案。":
        "Only cases with this flag, e.g. to_province, to_beijing, escalated.",
    "最多显示几件。":
        "Show at most this many cases.",
    "跳过前几件（翻页用）。":
        "Skip this many cases first (for paging).",
    "给案件加一条备注（不改变状态，记入办理经过）。\n\n例：xinfang note 2026-42 \"电话联系信访人，约定周五面谈\"":
        "Add a note to a case (the status does not change; recorded in the history).\n\nExample: xinfang note 2026-42 \"Phoned the petitioner; meeting agreed for Friday\"",
    "备注内容。":
        "The note.",
    "办理日期（如 2026-11-23、2026/11/23、2026年11月23日），默认今天。":
        "Date of the act (e.g. 2026-11-23, 2026/11/23 or 20261123); today by default.",
    "说明截止日期是怎么算出来的：起算日、时长、单位、跳过的休息日、本地调整。\n\n例：xinfang deadline 2026-42 --clock forward":
        "Explain how a due date was counted: start day, length, unit, rest days skipped, local overrides.\n\nExample: xinfang deadline 2026-42 --clock forward",
    "只看某一项期限，如 forward、handle。":
        "Show only one clock, e.g. forward, handle.",
    "转送（或 --assign 交办）给责任单位：停止登记转送期限，开始受理告知期限和异议期。已转送的案件再转送即为改转（须写 --reason），新单位的受理告知期限重新计算。\n\n例：xinfang forward 2026-42 --to 人社局；xinfang forward 2026-42 --to 人社局 --assign --report-by 2026-12-20；改转：xinfang forward 2026-42 --to 住建局 --reason 转错单位":
        "Forward (or, with --assign, assign) the case to the responsible unit: stops the forwarding deadline and starts the notify deadline and the objection window. Forwarding a case already forwarded re-routes it (give --reason); the notify deadline starts again for the new unit.\n\nExamples: xinfang forward 2026-42 --to \"HRSS Bureau\"; xinfang forward 2026-42 --to \"HRSS Bureau\" --assign --report-by 2026-12-20; re-route: xinfang forward 2026-42 --to \"Housing Bureau\" --reason \"sent to the wrong unit\"",
    "责任单位（须在单位名单中）。":
        "Responsible unit (must be in the list of units).",
    "交办：要求责任单位按期报告结果。":
        "Assign: the responsible unit must report the result by a set date.",
    "改转的理由（已转送的案件再转送给另一单位时必填）。":
        "Reason for re-routing (required when a forwarded case is sent to another unit).",
    "责任单位提出异议（不属于本单位职责）：案件退回本办，重新计算登记转送期限。\n\n例：xinfang object 2026-42 --reason \"属于县住建局职责\"":
        "The responsible unit objects (the matter is not its duty): the case comes back to the office and the forwarding deadline is counted again.\n\nExample: xinfang object 2026-42 --reason \"a matter for the county Housing Bureau\"",
    "理由。":
        "Reason.",
    "受理（责任单位受理，或本办自行受理）：开始 60 日办理期限。\n\n例：xinfang accept 2026-42 --on 2026-11-25":
        "Accept (by the responsible unit, or by the office itself): starts the 60-day handling period.\n\nExample: xinfang accept 2026-42 --on 2026-11-25",
    "不予受理，并结束案件的各项期限。\n\n例：xinfang reject 2026-42 --reason final":
        "Do not accept, and end all the case's deadlines.\n\nExample: xinfang reject 2026-42 --reason final",
    "理由：handling（已在办理）、final（已复核终结）、no_remit（不属于任何机关职责）、other（其他，须加 --text）。":
        "Reason: handling (already being handled), final (final after recheck), no_remit (not within any body's remit), other (give --text).",
    "具体说明。":
        "Details.",
    "告知信访人通过法定途径解决（诉访分离），并结束案件的各项期限。\n\n例：xinfang redirect 2026-42 --route litigation":
        "Tell the petitioner to use a legal route (litigation kept apart from petitions), and end all the case's deadlines.\n\nExample: xinfang redirect 2026-42 --route litigation",
    "法定途径：litigation（诉讼）、arbitration（仲裁）、admin-review（行政复议）、other。":
        "Legal route: litigation, arbitration, admin-review (administrative review), other.",
    "延长的天数。":
        "Number of days to extend by.",
    "延期理由（须告知信访人）。":
        "Reason for the extension (must be told to the petitioner).",
    "批准延期的单位负责人。":
        "The unit head who approved the extension.",
    "上报上级或领导包案。法定期限照常计算。\n\n例：xinfang escalate 2026-42 --leader 李书记 --plan \"召集住建、国土联合调处\" --target 2026-12-31 --reason 重复信访":
        "Escalate to a higher level, or put a leader in charge of the case. Statutory deadlines run on as usual.\n\nExample: xinfang escalate 2026-42 --leader \"Secretary Li\" --plan \"joint mediation by the housing and land bureaus\" --target 2026-12-31 --reason \"repeat petition\"",
    "上报到的单位（须在单位名单中）。":
        "Unit escalated to (must be in the list of units).",
    "包案领导姓名。":
        "Name of the leader in charge.",
    "化解方案。":
        "Resolution plan.",
    "目标化解日期。":
        "Target date for resolution.",
    "办结：出具处理意见。已登记的案件可当场办结（同时视为当日受理）。\n\n例：xinfang close 2026-42 --result resolved --opinion \"已督促企业补发工资\"":
        "Close: issue the handling opinion. A registered case can be closed on the spot (it then counts as accepted that day too).\n\nExample: xinfang close 2026-42 --result resolved --opinion \"the company was made to pay the back wages\"",
    "结果：resolved（已解决）、partly（部分支持）、unsupported（不予支持）、mediated（调解化解）、withdrawn（撤回）。":
        "Result: resolved, partly (partly supported), unsupported (not supported), mediated, withdrawn.",
    "处理意见（书面答复的要点）。":
        "Handling opinion (the main points of the written reply).",
    "request（申请复查）或 conclude（复查结论）。":
        "request (review requested) or conclude (review concluded).",
    "说明。":
        "Note.",
    "request（申请复核）、hearing（听证）或 conclude（复核结论，案件终结）。":
        "request (recheck requested), hearing, or conclude (recheck concluded; the case is final).",
    "听证开始日期。":
        "First day of the hearing.",
    "听证结束日期。":
        "Last day of the hearing.",
    "这次听证取代上一次记录的听证（上次日期记错时用）：上次的天数不再计入。":
        "This hearing replaces the one recorded before (use it when those dates were wrong): the earlier days no longer count.",
    "回访信访人，记录满意度（记录后评价期结束）。\n\n例：xinfang followup 2026-42 --satisfaction 满意 --note \"电话回访，工资已到账\"":
        "Follow up with the petitioner and record the satisfaction (this ends the evaluation window).\n\nExample: xinfang followup 2026-42 --satisfaction satisfied --note \"follow-up call; wages received\"",
    "满意、基本满意、不满意（satisfied/basic/unsatisfied）。":
        "satisfied, basic (basically satisfied) or unsatisfied.",
    "联系不上信访人。":
        "The petitioner could not be reached.",
    "回访情况。":
        "How the follow-up went.",
    "重新办理已办结的案件（如处理意见未落实），重新开始办理期限。\n\n例：xinfang reopen 2026-42 --reason \"处理意见未落实\"":
        "Reopen a closed case (e.g. the handling opinion was not carried out); the handling period starts again.\n\nExample: xinfang reopen 2026-42 --reason \"handling opinion not carried out\"",
    "更正登记内容（收到日期、形式、人数、属地、分类、摘要、诉求、信访人）。更正记入办理经过（原内容 → 新内容），原记录不改。\n\n例：xinfang correct 2026-42 --name 王秀英 --reason 姓名录入错误；xinfang correct 2026-42 --received-on 2026-11-19 --reason 收到日期记错":
        "Correct the registration (received date, channel, headcount, locality, category, summary, request, petitioners). The correction is recorded in the history (old → new); the original record is not changed.\n\nExamples: xinfang correct 2026-42 --name \"Wang Xiuying\" --reason \"name mistyped\"; xinfang correct 2026-42 --received-on 2026-11-19 --reason \"wrong received date\"",
    "理由（必填，记入办理经过）。":
        "Reason (required; recorded in the history).",
    "正确的收到日期（各项期限随之重算）。":
        "The correct received date (all deadlines are counted again).",
    "正确的信访形式：来访/来信/来电/网上信访。":
        "The correct channel: visit, letter, phone or online.",
    "正确的人数。":
        "The correct headcount.",
    "正确的问题属地。":
        "The correct locality of the problem.",
    "正确的内容分类。":
        "The correct content category.",
    "正确的反映问题摘要。":
        "The correct summary of the problem.",
    "正确的诉求。":
        "The correct request.",
    "要更正的信访人：姓名或序号（1 为主访人）。":
        "The petitioner to correct: name or number (1 is the lead petitioner).",
    "该信访人正确的姓名。":
        "That petitioner's correct name.",
    "该信访人正确的身份证号。":
        "That petitioner's correct ID number.",
    "该信访人正确的电话。":
        "That petitioner's correct phone.",
    "该信访人正确的住址。":
        "That petitioner's correct address.",
    "补登一位信访人：\"姓名,身份证号,电话,住址\"，可写多次。":
        "Add a petitioner left out: \"name,ID number,phone,address\"; can be repeated.",
    "去掉登记错的信访人（姓名或序号），可写多次。":
        "Remove a petitioner registered by mistake (name or number); can be repeated.",
    "撤销这件案件最后一项办理（记错了的一步、记错的日期），案件状态和期限按其余办理重算。撤销本身也记入办理经过。\n\n例：xinfang undo 2026-42 --reason 转送单位记错；xinfang undo 2026-42 --whole --reason 重复录入":
        "Withdraw the last act on this case (a step or a date recorded by mistake); the case's status and deadlines are recounted from the other acts. The withdrawal itself is recorded in the history.\n\nExamples: xinfang undo 2026-42 --reason \"wrong unit recorded\"; xinfang undo 2026-42 --whole --reason \"entered twice\"",
    "作废整件登记错了的案件（如重复录入）：案件保留，标为已作废，不再出现在列表、报表和统计中。":
        "Void a whole case registered by mistake (e.g. entered twice): the case is kept, marked void, and left out of lists, reports and figures.",
    "交办事项：更改报告日期（--report-by），或记录责任单位的阶段性报告（--interim）。\n\n例：xinfang assignment 2026-42 --report-by 2026-12-30 --reason 县局批准延后；xinfang assignment 2026-42 --interim \"已约谈企业\" --next-report-by 2026-12-20":
        "Assignment: change the report-by date (--report-by), or record the responsible unit's interim report (--interim).\n\nExamples: xinfang assignment 2026-42 --report-by 2026-12-30 --reason \"later date approved by the county bureau\"; xinfang assignment 2026-42 --interim \"met the company\" --next-report-by 2026-12-20",
    "责任单位的阶段性报告内容：本次应报的报告已报。":
        "The responsible unit's interim report: the report now due counts as made.",
    "把尚未办结的旧案件作为历史记录归档（已归档）：不再计算期限，不进入超期报告，统计中单独计数。每件记入办理经过。\n\n例：xinfang archive --before 2025-01-01 --reason \"纸质登记簿旧案，已线下办结\"":
        "Archive old cases not yet closed as history (archived): no more deadlines, left out of the overdue report, counted apart in the figures. Each is recorded in its history.\n\nExample: xinfang archive --before 2025-01-01 --reason \"old cases from the paper register, closed offline\"",
    "要归档的案件编号（可写多个）；不写时按下面的条件选。":
        "Numbers of the cases to archive (one or more); without them, cases are chosen by the options below.",
    "收到日期早于此日的。":
        "Received before this date.",
    "不再询问，直接归档（供脚本使用）。":
        "Archive without asking (for scripts).",
    "重复信访链：同一信访人就同一事项多次信访，链接到初件并计数。\n\n例：xinfang repeats（整个台账）；xinfang repeats 2026-42；xinfang repeats 2026-42 --not-repeat；xinfang repeats 2026-42 --why；xinfang repeats 2026-42 --same-person 2025-7":
        "Repeat petition chains: the same petitioner back about the same matter, linked to the first case and counted.\n\nExamples: xinfang repeats (the whole ledger); xinfang repeats 2026-42; xinfang repeats 2026-42 --not-repeat; xinfang repeats 2026-42 --why; xinfang repeats 2026-42 --same-person 2025-7",
    "说明这件案件为什么（不）是重复信访：身份依据、诉求相近的分数和共同的内容。":
        "Explain why this case is (or is not) a repeat petition: what shows it is the same person, how alike the complaints score, what they have in common.",
    "认定：这件案件的信访人与那件案件的信访人是同一人（如换了电话、没带身份证）。":
        "Record that this case's petitioner and that case's are one person (a new phone, no ID card brought).",
    "认定：这件案件的信访人与那件案件的信访人不是同一人（同名同姓）。":
        "Record that this case's petitioner and that case's are not one person (namesakes).",
    "案件编号；不写则列出整个台账的重复信访链。":
        "Case number; without it, the repeat chains of the whole ledger are listed.",
    "更正：把这件案件认定为某件案件的重复信访。":
        "Correction: mark this case as a repeat petition of another case.",
    "更正：这件案件不是重复信访。":
        "Correction: this case is not a repeat petition.",
    "文件编码：auto（自动识别）、gbk、gb18030、utf-8。":
        "File encoding: auto (detect), gbk, gb18030, utf-8.",
    "指定某列对应的字段：列名=字段，可写多次，如 --map 来访时间=received；字段写 - 表示不导入该列。字段：seq received name id_number phone address channel headcount locality category content unit result closed，另有 gender accepted forwarded officer remarks。":
        "Map a column to a field: COLUMN=FIELD; can be repeated, e.g. --map \"Visit date=received\"; a field of - leaves the column out. Fields: seq received name id_number phone address channel headcount locality category content unit result closed; also gender accepted forwarded officer remarks.",
    "试运行：显示将新增和不能导入的行，不写入台账。":
        "Dry run: show the rows that would be added and those that cannot be imported, without writing to the ledger.",
    "--rejects 的文件已存在时替换它。":
        "Replace the --rejects file if it already exists.",
    "收到日期早于此日、没有办理结果的行作为历史记录归档（已归档：不计期限，不进超期报告，统计中单独计数）。":
        "Rows received before this date with no result are archived as history (archived: no deadlines, not in the overdue report, counted apart in the figures).",
    "CSV 编码：utf-8-sig（默认，Excel 可直接打开）或 gbk。":
        "CSV encoding: utf-8-sig (default, opens in Excel) or gbk.",
    "只导出这些编号的案件（可写多次）；保密案件只能这样导出。":
        "Export only the cases with these numbers (can be repeated); this is the only way to export a confidential case.",
    "导出完整身份证号和电话（会记入每件案件的经过）。":
        "Export full ID numbers and phones (recorded in each case's history).",
    "每个办理事项一行，而不是每件案件一行。":
        "One row per event rather than one per case.",
    "写入这个文件（已存在时不覆盖，除非加 --force）；默认打印到标准输出。":
        "Write to this file (an existing one is not overwritten unless --force is given); by default print to standard output.",
    "-o 的文件已存在时替换它。":
        "Replace the -o file if it already exists.",
    "同 --format json。":
        "Same as --format json.",
    "显示正在使用哪个台账文件（以及为什么）、本办、案件数和结构版本。\n\n例：xinfang info":
        "Show which ledger file is in use (and why), the office, the number of cases and the schema version.\n\nExample: xinfang info",
    "年份，默认今年。":
        "Year; this year by default.",
    "把这一天加为本地休息日。":
        "Add this day as a local rest day.",
    "把这一天加为本地工作日。":
        "Add this day as a local working day.",
    "删除这一天的本地调整。":
        "Remove the local override on this day.",
    "调整原因（添加时必填）。":
        "Reason for the override (required when adding).",
    "用内置的演示登记簿建一个临时台账，展示 xinfang 能做什么。\n\n例：xinfang demo":
        "Build a temporary ledger from the bundled demo register to show what xinfang can do.\n\nExample: xinfang demo",
    "把演示台账留在这个文件（默认用临时文件，结束即删）。":
        "Keep the demo ledger in this file (by default a temporary file, deleted at the end).",
    "检查台账是否完好：SQLite 完整性与外键、记录只增不改、每件案件的状态与办理经过一致、截止日期与重算一致。\n\n例：xinfang check（完好时退出码 0，有问题时列出并返回 1）":
        "Check that the ledger is sound: SQLite integrity and foreign keys, records only ever added, each case's status agreeing with its history, due dates agreeing with a recount.\n\nExample: xinfang check (exit code 0 when sound; otherwise the problems are listed and it returns 1)",
    "核对台账记录链是否仍以此前打印的末端（如 1234:3f2a9c1b7e4d）为前缀：历史被改写时不符。":
        "Check that the ledger's chain still begins with the head printed earlier (e.g. 1234:3f2a9c1b7e4d): it does not if the history was rewritten.",
    "备份台账（别人正在登记时也可以安全备份）。备份文件只有本人可读。\n\n例：xinfang backup /mnt/u盘/台账-2026-11-23.db":
        "Back up the ledger (safe even while others are registering). Only you can read the backup file.\n\nExample: xinfang backup /mnt/usb/ledger-2026-11-23.db",
    "备份文件路径（不能已存在）。":
        "Path of the backup file (must not exist yet).",
    "用备份恢复台账：先检查备份，显示将用什么替换什么并请你确认，再替换；原来的台账另存一份在旁边。恢复期间独占台账，其他命令会等待。\n\n例：xinfang restore /mnt/u盘/台账-2026-11-23.db（脚本中加 --yes）":
        "Restore the ledger from a backup: the backup is checked first, you are shown what will replace what and asked to confirm, then it is replaced; the old ledger is kept beside it. The restore holds the ledger alone; other commands wait.\n\nExample: xinfang restore /mnt/usb/ledger-2026-11-23.db (add --yes in scripts)",
    "要恢复的备份文件。":
        "The backup file to restore.",
    "不再询问，直接恢复（供脚本使用）。":
        "Restore without asking (for scripts).",
    "其他命令正在使用台账时最多等待几秒。":
        "How many seconds at most to wait while other commands are using the ledger.",
    "报表：超期报告（供每晚定时任务）、工作指标、重大访情。\n\n例：xinfang report overdue --format text":
        "Reports: the overdue report (for the nightly scheduled job), work figures, major visits.\n\nExample: xinfang report overdue --format text",
    "只看这个责任单位。":
        "Only this responsible unit.",
    "没有超期时什么也不打印（适合定时任务）。":
        "Print nothing when nothing is overdue (for scheduled jobs).",
    "另一份超期报告正在生成时最多等几秒（默认等到它结束）。":
        "How many seconds at most to wait while another overdue report is being made (by default, until it ends).",
    "统计起始日期，默认今年 1 月 1 日。":
        "Start date; 1 January of this year by default.",
    "统计截止日期，默认今天。":
        "End date; today by default.",
    "分组：unit（责任单位）、category（类别）、locality（属地）、month（月份）。":
        "Group by: unit (responsible unit), category, locality or month.",
    "重大访情：未办结的集体访和越级访（赴省、进京），需即时报告。\n\n例：xinfang report major --as-of 2026-11-23":
        "Major visits: open collective visits and out-of-level visits (to the province, to Beijing), to be reported at once.\n\nExample: xinfang report major --as-of 2026-11-23",
    "本办代码与名称（案件编号含本办代码，只能设置一次）。\n\n例：xinfang office set YQH 鱼邱湖街道信访办":
        "The office's code and name (case numbers contain the office code; it can be set only once).\n\nExample: xinfang office set YQH \"Yuqiuhu Subdistrict Petition Office\"",
    "显示本办代码与名称。\n\n例：xinfang office show":
        "Show the office's code and name.\n\nExample: xinfang office show",
    "设置本办代码与名称（代码只能设置一次；名称可以改）。\n\n例：xinfang office set YQH 高唐县鱼邱湖街道信访办":
        "Set the office's code and name (the code can be set only once; the name can be changed).\n\nExample: xinfang office set YQH \"Gaotang County Yuqiuhu Subdistrict Petition Office\"",
    "本办代码：2–12 位大写字母或数字，写进每个案件编号。":
        "Office code: 2–12 capital letters or digits, written into every case number.",
    "本办名称。":
        "The office's name.",
    "期限政策：各期限的时长与单位、预警窗口与阈值。\n\n例：xinfang policy set forward 5 --unit 工作日":
        "Deadline policy: the length and unit of each deadline, the warning window and thresholds.\n\nExample: xinfang policy set forward 5 --unit workdays",
    "显示本办的期限政策（未改动的项为全国默认值）。\n\n例：xinfang policy show --json":
        "Show the office's deadline policy (items not changed are the national defaults).\n\nExample: xinfang policy show --json",
    "修改一项期限政策；所有未到期的期限随之重算。\n\n例：xinfang policy set forward 5 --unit 工作日":
        "Change one item of the deadline policy; every deadline not yet due is recounted.\n\nExample: xinfang policy set forward 5 --unit workdays",
    "政策项，如 forward、handle、warning_days。":
        "Policy item, e.g. forward, handle, warning_days.",
    "新的数值。":
        "The new value.",
    "期限单位：日 或 工作日（days/workdays）。":
        "Unit of the deadline: days or workdays.",
    "换用一套已知的地方期限规定（全部期限项一起改）。\n\n例：xinfang policy preset zhejiang":
        "Switch to a known set of local deadline rules (all deadline items change together).\n\nExample: xinfang policy preset zhejiang",
    "national（全国默认）、zhejiang、henan。":
        "national (national default), zhejiang, henan.",
    "责任单位名单（转送、上报只能选名单中的单位）。\n\n例：xinfang unit add 人社局 --level 县区":
        "The list of responsible units (forwarding and escalation can only go to units on the list).\n\nExample: xinfang unit add \"HRSS Bureau\" --level county",
    "把一个单位加入责任单位名单。\n\n例：xinfang unit add 高唐县人社局 --level 县区 --parent 高唐县人民政府":
        "Add a unit to the list of responsible units.\n\nExample: xinfang unit add \"Gaotang County HRSS Bureau\" --level county --parent \"Gaotang County Government\"",
    "单位名称，如 人社局、鱼邱湖街道。":
        "Unit name, e.g. HRSS Bureau, Yuqiuhu Subdistrict.",
    "层级：村/社区、乡镇、县区、市、省（village/township/county/city/province）。":
        "Level: village, township, county, city or province.",
    "上级单位（须已在名单中）。":
        "Parent unit (must already be in the list).",
    "列出责任单位名单。\n\n例：xinfang unit list":
        "List the responsible units.\n\nExample: xinfang unit list",
    "单位更名：它承办的案件随之改用新名称（每件记入办理经过），历史记录保留原名。\n\n例：xinfang unit rename 人社局 县人力资源和社会保障局":
        "Rename a unit: the cases it handles take the new name (each recorded in its history); past records keep the old name.\n\nExample: xinfang unit rename \"HRSS Bureau\" \"County Human Resources and Social Security Bureau\"",
    "现在的名称。":
        "The current name.",
    "新名称。":
        "The new name.",
    "把一个单位并入另一个：它的案件随之改由后者承办（每件记入办理经过），原单位保留在名单中，标为已撤并。\n\n例：xinfang unit merge 县劳动局 --into 县人社局":
        "Merge one unit into another: its cases pass to the latter (each recorded in its history); the old unit stays in the list, marked as merged.\n\nExample: xinfang unit merge \"County Labour Bureau\" --into \"County HRSS Bureau\"",
    "要并入的单位（撤并后不再接收新的转送）。":
        "The unit to merge (once merged it takes no new forwarding).",
    "并入到的单位（须在名单中）。":
        "The unit to merge into (must be in the list).",
    "补填或更改单位的层级、上级单位。\n\n例：xinfang unit set 人社局 --level 县区 --parent 县人民政府":
        "Fill in or change a unit's level and parent unit.\n\nExample: xinfang unit set \"HRSS Bureau\" --level county --parent \"County Government\"",
    "单位名称。":
        "Unit name.",
    "层级：村/社区、乡镇、县区、市、省。":
        "Level: village, township, county, city or province.",
    "上级单位（须在名单中）。":
        "Parent unit (must be in the list).",
    "撤销一个单位：不再接收新的转送或上报；它已有的案件照旧办理。\n\n例：xinfang unit retire 县粮食局":
        "Retire a unit: it takes no new forwarding or escalation; the cases it already has go on as before.\n\nExample: xinfang unit retire \"County Grain Bureau\"",
    "内容分类名单：全国统一的 17 类，另加本办自己的分类。\n\n例：xinfang category list":
        "The list of content categories: the 17 national ones, plus the office's own.\n\nExample: xinfang category list",
    "列出内容分类：全国统一分类（及常见简称），再列本办自己加的分类。\n\n例：xinfang category list":
        "List the content categories: the national ones (with common short forms), then those the office added.\n\nExample: xinfang category list",
    "把一个本办自己的分类加入名单（全国统一分类之外确需的）。\n\n例：xinfang category add 征地拆迁":
        "Add a category of the office's own to the list (one truly needed beyond the national list).\n\nExample: xinfang category add \"land acquisition and demolition\"",
    "本办新增的分类名称。":
        "Name of the office's new category.",
    # Issue 16 (the Regulation exactly) and the workbooks merged beside it.
    '一次录入国务院办公厅公布的某年全部放假调休安排（通常在上一年 11–12 月公布）：该年即视为已公布，不再提示“尚未公布”；所有未停止的期限（含已超期的）按新安排重算。此后 holidays 新版本若与录入的不同，calendar 会列出差异，但仍按录入的计算。\n\n例：xinfang calendar year 2027 --rest 2027-01-01..2027-01-03 --work 2027-02-20 --source "国办发明电〔2026〕…号"':
        'Enter at once a year\'s whole schedule of holidays and make-up working days as the State Council\'s General Office published it (usually in November–December of the year before): the year counts as published and the \'not yet published\' note goes; every running clock (overdue ones too) is counted again. If a later holidays release differs from what was entered, calendar lists the differences and keeps counting with what was entered.\n\nExample: xinfang calendar year 2027 --rest 2027-01-01..2027-01-03 --work 2027-02-20 --source "State Council General Office notice No. ... of 2026"',
    '交办的新报告日期（须同时写 --reason；逢休息日顺延至下一个工作日）。':
        "The assignment's new report-by date (with --reason; a rest day moves it to the next working day).",
    '交办的结果报告日期（逢休息日顺延至下一个工作日）。':
        'The date by which the assigned unit reports its result (a rest day moves it to the next working day).',
    '从小文件读入：每行 rest 日期[..日期]、work 日期 或 source 文号。':
        'Read from a small file: one line each, rest DATE[..DATE], work DATE or source TEXT.',
    '口径：case（按件，默认，信访部门与责任单位分别统计）或 clock（按期限，旧口径）。':
        'Definitions: case (by case, the default; the petition office and the units apart) or clock (by deadline clock, the earlier definitions).',
    '复查意见的要点。':
        'The gist of the review opinion.',
    '复查结论：维持、撤销或变更（upheld/revoked/changed）。':
        "The review's outcome: upheld, revoked or changed.",
    '复查（条例第三十五条）：信访人不服处理意见申请复查（request，写明复查机关 --body），复查机关出具结论（conclude，--outcome 维持/撤销/变更，--opinion 意见）。\n\n例：xinfang review 2026-42 request --body 县信访局 --on 2026-12-01；xinfang review 2026-42 conclude --outcome 维持 --opinion "原处理意见正确"':
        'Review (Regulation Art 35): the petitioner contests the handling opinion and requests a review (request, naming the reviewing body with --body); the body gives its conclusion (conclude, --outcome upheld/revoked/changed, --opinion its text).\n\nExample: xinfang review 2026-42 request --body "county petition bureau" --on 2026-12-01; xinfang review 2026-42 conclude --outcome upheld --opinion "the opinion was right"',
    '复核意见的要点。':
        'The gist of the recheck opinion.',
    '复核结论：维持、撤销、变更或确认（upheld/revoked/changed/confirmed）。':
        "The recheck's outcome: upheld, revoked, changed or confirmed.",
    '复核（条例第三十六条）：申请（request，写明复核机关 --body）、听证（hearing，须在复核期间、互不重叠，听证时间不计入期限）、结论（conclude，--outcome 维持/撤销/变更/确认，此后不再受理）。听证日期记错了，用 hearing --replace 重新记录，取代上一次。\n\n例：xinfang recheck 2026-42 hearing --from 2026-12-10 --to 2026-12-12；更正：xinfang recheck 2026-42 hearing --from 2026-12-11 --to 2026-12-12 --replace':
        "Recheck (Regulation Art 36): request (naming the rechecking body with --body), hearing (within the recheck, never overlapping another; its time is not counted), conclude (--outcome upheld/revoked/changed/confirmed; the matter is then not accepted again). If a hearing's dates were wrong, record it again with hearing --replace.\n\nExample: xinfang recheck 2026-42 hearing --from 2026-12-10 --to 2026-12-12; correction: xinfang recheck 2026-42 hearing --from 2026-12-11 --to 2026-12-12 --replace",
    '工作指标（按件统计，信访部门与责任单位分别计算）：及时受理率、按期办结率、参评率、满意率、重复信访率、一次性化解率、包案化解率，各附口径、分子分母和各类件数；--by unit 给出各责任单位的指标和排名。统计期已结束的，列出此后有变化的指标及原因。--definitions clock 为按期限统计的旧口径。\n\n例：xinfang report stats --from 2026-01-01 --to 2026-11-30 --by unit；xinfang report stats --format xlsx -o 2026指标.xlsx':
        "The work figures, counted by case for the petition office and the responsible units apart: timely acceptance, closed on time, evaluation participation, satisfaction, repeat petitions, resolved first time and resolved by leaders, each with its definition, numerator, denominator and the count of each class; --by unit gives each unit's figures and ranks the units. For a period that has ended, the figures changed since and why. --definitions clock gives the earlier figures by deadline clock.\n\nExample: xinfang report stats --from 2026-01-01 --to 2026-11-30 --by unit; xinfang report stats --format xlsx -o figures2026.xlsx",
    '年份。':
        'The year.',
    '延长办理期限（合计不超过政策上限，默认 30 日）。延期须在办理期限内批准（条例第三十四条）；期满后的延期被拒绝，除非加 --late-approval 补记。\n\n例：xinfang extend 2026-42 --days 30 --reason 需要现场勘查 --approved-by 王局长':
        'Extend the handling period (in all at most the policy\'s limit, 30 days by default). An extension is approved while the period runs (Regulation Art 34): one after the period ended is refused, unless recorded with --late-approval.\n\nExample: xinfang extend 2026-42 --days 30 --reason "site inspection needed" --approved-by "Director Wang"',
    '按过去某一天结束时的台账统计（当天及以前办理的事项，当时的政策和日历），默认今天。':
        'Count with the ledger as it stood at the end of a past day (the acts done by then, the policy and calendar then in force); today by default.',
    '放假日，或日期段 2027-01-01..2027-01-03（可写多次）。':
        'A rest day, or a range 2027-01-01..2027-01-03 (may be given several times).',
    '日历：放假、调休和本地调整；录入新一年的放假安排。\n\n例：xinfang calendar --year 2026':
        "The calendar: holidays, make-up working days and local changes; enter a new year's official schedule.\n\nExample: xinfang calendar --year 2026",
    '申请复查时：复查机关（原办理单位的上一级，须在单位名单中）；复查期限记在它名下。':
        'With a review request: the reviewing body (the one above the unit that handled it, from the unit list); the review is filed under it.',
    '申请复核时：复核机关（复查机关的上一级，须在单位名单中）；复核期限记在它名下。':
        'With a recheck request: the rechecking body (the one above the reviewing body, from the unit list); the recheck is filed under it.',
    '补记办理期限届满后才批准的延期：照实记录，不改变期限，办结仍计为超期。':
        'Record an extension approved only after the handling period ended: recorded as it was, it moves no date and the close stays late.',
    '记录书面文书送达信访人的日期和方式（--on 为信访人收到之日）。复查、复核的申请期自收到书面答复之日起算（条例第三十五、三十六条）：记录送达后从送达日起算，此前从办结（或复查结论）之日起算。\n\n例：xinfang deliver 2026-42 --what opinion --on 2026-12-03 --method 邮寄':
        "Record the day a written document reached the petitioner, and how (--on is the day of receipt). The review and recheck request windows run from the receipt of the written reply (Regulation Arts 35, 36): from the delivery once it is recorded, until then from the close (or the review's conclusion).\n\nExample: xinfang deliver 2026-42 --what opinion --on 2026-12-03 --method post",
    '调休上班日（周六或周日，可写多次）。':
        'A make-up working day (a Saturday or Sunday; may be given several times).',
    '超期报告：按责任单位分组（复查、复核记在复查、复核机关名下），超期最久的在前；随后列出即将到期的。每晚由定时任务运行。--as-of 过去的某一天：按那天结束时的台账（当天及以前办理的事项、当时的期限政策和日历）列出。\n\n例：xinfang report overdue --format text --quiet-if-none；xinfang report overdue --as-of 2026-05-06；xinfang report overdue --format xlsx -o 超期.xlsx':
        'The overdue report: grouped by responsible unit (a review or recheck under its reviewing body), the most overdue first; then what falls due soon. Run nightly by a scheduled job. With --as-of a past day: the ledger as it stood at the end of that day (the acts done by then, the deadline policy and calendar then in force).\n\nExample: xinfang report overdue --format text --quiet-if-none; xinfang report overdue --as-of 2026-05-06; xinfang report overdue --format xlsx -o overdue.xlsx',
    '送达方式：直接送达、邮寄、电子、公告（direct/post/electronic/announcement）。':
        'How it was delivered: in person, by post, electronically or by public announcement (direct/post/electronic/announcement).',
    '送达的文书：opinion（处理意见书）、review（复查意见书）、recheck（复核意见书）、notify（受理告知书）、extension（延期告知书）。':
        'The document delivered: opinion (the handling opinion), review (the review opinion), recheck (the recheck opinion), notify (the notice of acceptance), extension (the notice of extension).',
    '通知文号，如“国办发明电〔2026〕…号”。':
        'The notice\'s number, e.g. "State Council General Office notice No. ... of 2026".',
    '阶段性报告后，下一次报告的日期（逢休息日顺延至下一个工作日）。':
        'After an interim report, the date of the next one (a rest day moves it to the next working day).',
    "导出案件（或 --events 导出办理经过），每件一行。身份证号和电话默认打码；保密案件不导出。\n\nCSV 按登记簿的列导出，可用 xinfang import 导入另一个台账；单元格不会被 Excel 当作公式执行。\n\n例：xinfang export --status 已办结 --since 2026-01-01 -o 2026办结.csv；xinfang export --format xlsx --events -o 台账.xlsx":
        "Export cases (or, with --events, their history), one per row. ID numbers and phones are masked by default; confidential cases are not exported.\n\nCSV is written in the register's columns and can be imported into another ledger with xinfang import; Excel never runs a cell as a formula.\n\nExamples: xinfang export --status closed --since 2026-01-01 -o closed-2026.csv; xinfang export --format xlsx --events -o ledger.xlsx",
    "csv（默认，登记簿样式，可再导入）、xlsx（Excel 工作簿：身份证号和电话为文本，日期为日期，表头冻结可筛选；加 --events 另有一张办理经过）、excel-csv（给 Excel 打开的 CSV：长数字保持为文本；旧名 excel）或 json。":
        "csv (default, register layout, can be imported again), xlsx (an Excel workbook: ID numbers and phones as text, dates as dates, the header frozen and filterable; with --events, a second sheet of the history), excel-csv (a CSV made for Excel: long numbers stay text; old name excel) or json.",
    "从登记簿（Excel/WPS 工作簿或 CSV）导入案件：每行登记为一件，按登记簿补记转送、受理、办结，自动识别重复信访。\n\n工作簿直接读取：表头上方的标题行、合并的表头、日期单元格和日期序号都能识别；身份证号须存为文本。同一行不会重复导入；不能导入的行逐行说明原因。整个文件在一个事务中导入，中途失败则台账不变。\n\n例：xinfang import 2025登记簿.xlsx --dry-run；xinfang import 登记簿.xlsx --sheet 2024 --rejects 未导入.xlsx；xinfang import 2025登记簿.csv --map 来访时间=received":
        "Import cases from a register (an Excel/WPS workbook or CSV): each row is registered as a case, forwarding, acceptance and closing are recorded as the register shows, and repeat petitions are found.\n\nWorkbooks are read directly: title rows above the header, merged header cells, date cells and date serial numbers are all recognised; ID numbers must be stored as text. No row is imported twice; each row that cannot be imported is listed with the reason. The whole file is imported in one transaction: if it fails partway, the ledger is unchanged.\n\nExamples: xinfang import register-2025.xlsx --dry-run; xinfang import register.xlsx --sheet 2024 --rejects rejected.xlsx; xinfang import register-2025.csv --map \"Visit date=received\"",
    "登记簿文件：Excel/WPS 工作簿（.xlsx、.xlsm、.xls、.ods）或 CSV（GBK 或 UTF-8 均可）。":
        "The register file: an Excel/WPS workbook (.xlsx, .xlsm, .xls, .ods) or CSV (GBK or UTF-8).",
    "把不能导入的行连同原因写入这个文件：.xlsx 为工作簿（从工作簿导入时必须是 .xlsx），其他为 CSV；改正后可再导入。文件已存在时不覆盖，除非加 --force。":
        "Write the rows that cannot be imported, with the reasons, to this file: a workbook if it is .xlsx (it must be .xlsx when importing from a workbook), otherwise CSV; fix them and import again. An existing file is not overwritten unless --force is given.",
    "工作簿只导入这张工作表：写表名或第几张（从 1 数起）；不写则导入每张有登记簿表头的工作表。":
        "Import only this sheet of the workbook: its name or its number (counting from 1); without it, every sheet with a register header is imported.",
    "出具书面文书（Word 文档，按党政机关公文格式）：登记回执、转送单、交办单、受理告知书、处理意见书、送达回证等。\n\n例：xinfang notice 2026-42 opinion":
        "Write documents (Word files, in the official format of Party and government documents): registration receipt, forwarding slip, assignment slip, notice of acceptance, handling opinion, proof of delivery and more.\n\nExample: xinfang notice 2026-42 opinion",
    "列出各种文书用的模板（本办自己的或默认的）、模板是否可用，以及模板文件夹的位置。\n\n例：xinfang notice templates；xinfang notice templates --copy opinion；xinfang notice templates --fields opinion":
        "List the template each kind of document uses (the office's own or the default), whether it is ready, and where the templates folder is.\n\nExamples: xinfang notice templates; xinfang notice templates --copy opinion; xinfang notice templates --fields opinion",
    "把这一种文书的默认模板复制到台账旁的模板文件夹，以便用 Word 修改（all 复制全部）。":
        "Copy the default template of this kind of document to the templates folder beside the ledger, to edit in Word (all copies every one).",
    "列出这一种文书的模板可用的占位符及其含义。":
        "List the placeholders the template of this kind of document can use, and what they mean.",
    "--copy 时替换已有的模板。":
        "With --copy, replace a template already there.",
    "出具一件案件的书面文书（.docx），记入办理经过（文书种类、文件名、SHA-256）。\n\n例：xinfang notice 2026-42 opinion；xinfang notice 2026-42 forward -o 转送单.docx；xinfang notice 2026-42 --all -o 文书/；xinfang notice 2026-42 receipt --print-text":
        "Write a case's document (.docx), recorded in the history (kind of document, file name, SHA-256).\n\nExamples: xinfang notice 2026-42 opinion; xinfang notice 2026-42 forward -o forwarding-slip.docx; xinfang notice 2026-42 --all -o documents/; xinfang notice 2026-42 receipt --print-text",
    "文书种类，如 receipt（登记回执）、forward（转送单）、opinion（处理意见书）、delivery（送达回证）；xinfang notice templates 列出全部。":
        "Kind of document, e.g. receipt (registration receipt), forward (forwarding slip), opinion (handling opinion), delivery (proof of delivery); xinfang notice templates lists them all.",
    "写入这个文件（或文件夹）；默认写在当前文件夹，文件名为“案件编号-文书名称.docx”。已存在时不覆盖，除非加 --force。":
        "Write to this file (or folder); by default in the current folder, named NUMBER-TITLE.docx (the case number and the document's title). An existing file is not overwritten unless --force is given.",
    "出具本案到目前为止应有的全部文书（-o 为文件夹），送达回证最后。":
        "Write every document the case should have so far (-o is a folder), the proof of delivery last.",
    "把文书的文字打印到终端（不写文件、不记入经过；同时给 -o 时也写文件）。":
        "Print the document's text to the terminal (no file is written and nothing is recorded in the history; with -o too, the file is also written).",
    "给信访人的文书中写完整身份证号和电话（会记入案件经过）。":
        "Put full ID numbers and phones in the documents for the petitioner (recorded in the case history).",
    "成文日期，默认今天。":
        "Date of the document; today by default.",
    "文件已存在时替换它。":
        "Replace the file if it already exists.",
    "text（文本）、md（Markdown）、csv、json 或 xlsx（Excel 工作簿，按责任单位分组，可筛选）。":
        "text, md (Markdown), csv, json or xlsx (an Excel workbook, grouped by responsible unit, filterable).",
    "--format xlsx 时写入这个工作簿（已存在时不覆盖，除非加 --force）；不写则输出到标准输出（不能是终端）。":
        "With --format xlsx, write to this workbook (an existing one is not overwritten unless --force is given); without it, to standard output (which must not be a terminal).",
    "text（表格，默认）、json 或 xlsx（Excel 工作簿：各项指标的口径、分子分母和各类件数，信访部门与责任单位分列，逐月并附折线图；与 --definitions 同一口径）。":
        "text (tables, default), json or xlsx (an Excel workbook: each figure's definition, numerator, denominator and classes, the petition office and the units apart, month by month with a line chart; by the same --definitions).",
}


# How offices really work (DOMAIN.md §9): leaders' cases, the backlog, joint meetings,
# mediation, hardship help and the officer's day (practice.py, commands/practice.py,
# render/practice.py, render/picture.py) ----------------------------------------------
TEXTS.update({
    "policy.number.backlog_open_days": ("积案建议：立案后超过多少日未结", "backlog proposal: days open"),
    "policy.number.backlog_chain_visits": ("积案建议：重复信访达到几次", "backlog proposal: visits of a repeat chain"),
    "policy.number.office_target_days": ("本办办结目标（收到后多少日，0 为不设）", "the office's own closing target (days from receipt; 0: none)"),
    # Intake: where it came from, 首接首办, 信访目的.
    "field.ticket": ("12345 热线工单号", "the hotline ticket number"),
    "choice.intake_source": ("来源", "Source"),
    "choice.purpose": ("信访目的", "Purpose"),
    "intake.title": ("来源与首接首办", "Source and first receiver"),
    "intake.origin": ("来源", "source"),
    "intake.received_by": ("首接首办", "first received by (owner)"),
    "intake.ticket": ("工单号", "ticket"),
    "intake.purpose": ("信访目的", "purpose"),
    "intake.followup_of": ("回访时提出", "raised at the follow-up of"),
    "intake.propose_confidential": ("揭发控告的材料不得泄露给被揭发人。标为保密案件吗？",
                                    "Accusations must never reach the accused. Mark the case confidential?"),
    "intake.confidential_hint": ("提示：揭发控告一般应保密，可用 --confidential 登记。",
                                 "Note: an accusation is usually kept confidential: register it with --confidential."),
    "target.line": ("本办目标：收到后 {days} 日内办结（{date}）", "Office target: closed within {days} days ({date})"),
    "target.met": ("已按本办目标办结", "closed within the office's target"),
    "target.missed": ("超出本办目标", "closed after the office's target"),
    "today.more": ("  ……另有 {count} 项（xinfang list --overdue 或 xinfang today --json 查看全部）",
                   "  … and {count} more (all of them: xinfang list --overdue or xinfang today --json)"),
    "today.target_clock": ("本办目标", "office target"),
    "today.office_target": ("本办目标即将到期 {count} 件（法定期限另计）", "Office's own target due soon: {count} (the statutory deadlines apart)"),
    "figure.office_target": ("本办目标办结率", "Closed within the office's target"),
    "figure.office_target.definition": (
        "期内办结且在本办目标（收到后若干日）内办结的 ÷ 期内办结的；未设目标时为空",
        "cases closed in the period within the office's target (days from receipt) ÷ cases closed in it; empty without a target"),
    # The 六定 (Naidong's 会诊) and the 四包.
    "six.leader": ("包案领导", "the leader"),
    "six.unit": ("责任单位", "the responsible unit"),
    "six.plan": ("化解方案", "the plan"),
    "six.target": ("化解时限", "the target date"),
    "six.goal": ("化解目标", "the goal"),
    "six.requirements": ("工作要求", "the requirements"),
    "lead.title": ("领导包案（六定）", "Leader's case (six fixes)"),
    "lead.four": ("四包", "Four duties"),
    "lead.goal_and_requirements": ("化解目标：{goal}；工作要求：{requirements}",
                                   "goal: {goal}; requirements: {requirements}"),
    "lead.target_was": ("原时限 {date}", "was {date}"),
    "lead.progress_alone": ("--progress 只和 --note 一起写；六定另行记录。",
                            "--progress goes with --note only; record the six fixes apart."),
    "practice.target_after": ("日期 {date} 应在今天（或办理日期）之后。",
                              "The date {date} must come after today (or the act's date)."),
    "practice.not_led": ("{number} 还不是领导包案案件。先用 xinfang lead {number} 记录六定。",
                         "{number} is not a leader's case yet. Record the six fixes first with xinfang lead {number}."),
    "practice.member_form": ("参加调解的人应写成 身份:姓名，如 党代表:王春月；收到的是“{value}”。",
                             "Write a mediator as ROLE:NAME, e.g. 党代表:王春月; got '{value}'."),
    "practice.close_needs_agreement": ("只有达成协议的调解才能同时办结（--outcome agreed）。",
                                       "Only an agreed mediation can close the case (--outcome agreed)."),
    "act.change_lead_target": ("更改化解时限", "change the leader's target date"),
    "act.meeting_done": ("记录会议任务完成", "record a meeting task done"),
    "field.lead_target_reason": ("更改化解时限的理由", "the reason for moving the target date"),
    "field.backlog_reason": ("列入积案的理由", "the reason for the backlog"),
    "field.backlog_how": ("化解情况", "how it was resolved"),
    "field.meeting_reason": ("提请联席会议的理由", "the reason for the referral"),
    "field.meeting_cases": ("会议研究的案件", "the cases the meeting studied"),
    "field.meeting_decision": ("会议决定", "the meeting's decision"),
    "field.mediation_place": ("调解地点", "the place of the mediation"),
    "field.mediation_members": ("参加调解的人", "who mediated"),
    "field.mediation_agreement": ("调解协议内容", "the agreement"),
    "choice.four_duty": ("四包", "Four duties"),
    "choice.meeting_body": ("联席会议", "Joint meeting"),
    "choice.mediation_outcome": ("调解结果", "Outcome"),
    "choice.mediation_role": ("调解人员身份", "Role"),
    "choice.assist_measure": ("帮扶措施", "Measure"),
    "meeting.task": ("任务 {unit} {due} 前：{text}", "task for {unit} by {due}: {text}"),
    # The figure (DOMAIN.md §6).
    # The overdue report: who owes a duty.
    "overdue.leader_group": ("包案领导 {name}", "leader {name}"),
    "overdue.responsible_unit": ("责任单位：{name}", "responsible unit: {name}"),
    "overdue.owed_by": ("应办：{name}", "owed by: {name}"),
    "ui.deadline.fixed_lead": ("领导包案“六定”时定的化解时限。", "The target date set with the leader's six fixes."),
    "ui.deadline.fixed_task": ("联席会议分工时定的任务期限。", "The date the joint meeting set for the task."),
    "overdue.escalated_to": ("已上报 {name}", "escalated to {name}"),
    # today
    "today.title": ("今日工作 {as_of}", "Today's work {as_of}"),
    "today.overdue": ("本办超期 {count} 项", "The office's overdue duties: {count}"),
    "today.due_today": ("今天到期 {count} 项", "Due today: {count}"),
    "today.due_soon": ("即将到期 {count} 项", "Due soon: {count}"),
    "today.leaders": ("包案领导化解时限 {count} 项", "Leaders' target dates: {count}"),
    "today.tasks": ("联席会议任务 {count} 项", "Joint meeting tasks: {count}"),
    "today.followups": ("待回访 {count} 件（评价期内）", "Follow-ups due: {count} (evaluation window running)"),
    "today.units_overdue": ("各责任单位另有超期 {count} 项：见 xinfang report overdue",
                            "Units have {count} more overdue duties: see xinfang report overdue"),
    "today.nothing": ("今天没有到期或超期的工作。", "Nothing falls due or is overdue today."),
    # backlog
    "backlog.title": ("积案清单 {as_of}：在册 {count} 件", "Backlog {as_of}: {count} on the list"),
    "backlog.target": ("时限 {date}（{left}）", "target {date} ({left})"),
    "backlog.no_target": ("未定化解时限", "no target date"),
    "backlog.struck_off": ("{date} 销号", "struck off {date}"),
    "backlog.returned": ("销号后又来", "back after being struck off"),
    "backlog.days_open": ("已 {days} 天", "{days} days"),
    "backlog.visits": ("信访 {n} 次", "{n} visits"),
    "backlog.no_leader": ("未定包案领导", "no leader yet"),
    "backlog.empty": ("积案清单是空的。", "The backlog is empty."),
    "backlog.proposals": ("建议列入积案 {as_of}：{count} 件", "Proposed for the backlog {as_of}: {count}"),
    "backlog.why.open_long": ("久拖未结", "open long"),
    "backlog.why.chain": ("多次重复信访", "repeated many times"),
    "backlog.why.after_final": ("复核终结后仍来访", "back after a final recheck"),
    "backlog.proposals_hint": ("只是建议：经研究后用 xinfang backlog add 编号 --reason 理由 列入。",
                               "Proposals only: add one with xinfang backlog add CASE --reason TEXT once decided."),
    "backlog.chart_title": ("积案数量（挂图作战）", "The backlog over time"),
    "backlog.chart_head": ("月份     +新增 -销号 在册", "month    +added -struck open"),
    "backlog.picture_needs": ("图片要写 --format png 或 svg，并用 --output 指定文件名。",
                              "A picture needs --format png or svg and --output FILE."),
    "backlog.picture_written": ("已生成图片：{path}", "Picture written: {path}"),
    "backlog.no_cjk_font": ("本机没有中文字体，图片中的文字用了英文。安装一种中文字体（如 apt-get install fonts-noto-cjk）后重新生成。",
                            "No Chinese font on this machine: the picture's text is in English. Install one (e.g. apt-get install fonts-noto-cjk) and draw it again."),
    "backlog.picture.title": ("积案数量变化", "The backlog over time"),
    "backlog.picture.added": ("新增", "added"),
    "backlog.picture.struck_off": ("销号", "struck off"),
    "backlog.picture.open": ("在册", "on the list"),
    "backlog.picture.cases": ("件数", "cases"),
    # followup: Naidong's 回诊 and the two evaluations
    "followup.register_other": ("信访人另有诉求：“{text}”。现在登记为新案件吗？",
                                "The petitioner has another request: '{text}'. Register it as a new case now?"),
    "followup.registered_other": ("已登记 {number}（回访 {of} 时提出的其他诉求）",
                                  "Registered {number} (another request raised at the follow-up of {of})"),
    "followup.other_hint": ("信访人另有诉求：用 xinfang register 登记为新案件（回访 {number} 时提出）。",
                            "Another request: register it as a new case with xinfang register (raised at the follow-up of {number})."),
    "followup.check.result_true": ("结果属实", "result true"),
    "followup.check.request_met": ("诉求已解决", "request met"),
    "followup.check.carried_out": ("意见已落实", "opinion carried out"),
    "followup.check.satisfied": ("满意", "satisfied"),
    "followup.check.other_request": ("有其他诉求", "other request"),
    "followup.yes": ("是", "yes"),
    "followup.no": ("否", "no"),
    "followup.unit_rating": ("对责任单位：{rating}", "of the unit: {rating}"),
    "followup.office_rating": ("对信访部门：{rating}", "of the petition office: {rating}"),
    "followup.other_request": ("其他诉求：{text}", "other request: {text}"),
    "figure.unit_satisfaction": ("责任单位满意率", "Satisfaction with the units"),
    "figure.unit_satisfaction.definition": (
        "期内回访对责任单位评价满意和基本满意的 ÷ 期内回访作出该评价的",
        "follow-ups in the period rating the unit satisfied or basically satisfied ÷ follow-ups in it that rated the unit"),
    "figure.office_satisfaction": ("信访部门满意率", "Satisfaction with the petition office"),
    "figure.office_satisfaction.definition": (
        "期内回访对信访部门评价满意和基本满意的 ÷ 期内回访作出该评价的",
        "follow-ups in the period rating the petition office satisfied or basically satisfied ÷ follow-ups in it that rated the office"),
    "figure.lead_on_time": ("化解时限内化解率", "Leaders' cases resolved by their target"),
    "figure.lead_on_time.definition": (
        "期内按化解时限化解的 ÷ （期内化解的 + 期内到期仍未化解的）",
        "leaders' cases resolved by their target date in the period ÷ (those resolved in it + those past their target in it, unresolved)"),
    "figure.tasks_on_time": ("会议任务按期完成率", "Meeting tasks done on time"),
    "figure.tasks_on_time.definition": (
        "期内按期完成的联席会议任务 ÷ （期内完成的 + 期内到期仍未完成的）",
        "joint meeting tasks done on time in the period ÷ (tasks done in it + tasks past due in it, not done)"),
    # assist
    "assist.title": ("帮扶救助", "Hardship help"),
    "assist.recorded": ("已记录帮扶：{measure}（{on}）", "Help recorded: {measure} ({on})"),
    # Errors of this area.
    "error.SixFixesMissing": (
        "领导包案要“六定”齐全，还缺：{missing}。请用 {options} 补上。",
        "A leader's case needs all six fixes; missing: {missing}. Give them with {options}.",
    ),
    "error.BadTask": (
        "会议任务应写成 单位:日期:内容，如 县住建局:2026-12-10:拿出维修方案；收到的是“{value}”。",
        "Write a meeting task as UNIT:DATE:TEXT, e.g. 县住建局:2026-12-10:拿出维修方案; got '{value}'.",
    ),
    "error.NotOnBacklog": (
        "{number} 不在积案清单上。用 xinfang backlog 查看清单。",
        "{number} is not on the backlog. See the list with xinfang backlog.",
    ),
    "error.AlreadyOnBacklog": (
        "{number} 已在积案清单上。",
        "{number} is on the backlog already.",
    ),
    "error.UnknownPerson": (
        "台账中没有信访人“{who}”。写身份证号或登记时的姓名。",
        "No petitioner '{who}' in the ledger. Give the ID number or the name as registered.",
    ),
    "error.AmbiguousPerson": (
        "台账中有 {count} 位信访人叫“{who}”。请写身份证号。",
        "{count} petitioners are called '{who}'. Give the ID number.",
    ),
})


# The English of the help of the practice of offices (commands/practice.py, and the
# options it added to register and followup).
HELP_EN.update({
    "来源：来访接待、领导接访日、下访、约访、驻村接访、12345热线、网格员、微信群、网上、来信（不写 --channel 时据此确定形式）。":
        "Source: reception, leader's reception day, officers' visit, appointment, village reception, 12345 hotline, grid worker, WeChat group, online, letter (gives the channel when --channel is left out).",
    "首接首办：首先接待的领导或干部（默认经办人），记为案件的负责人。":
        "First receiver: the leader or officer who first received it (default: the officer), recorded as the case's owner.",
    "12345 热线工单号（来源为热线时必填）。":
        "The 12345 hotline ticket number (required for the hotline).",
    "信访目的：揭发控告、意见建议、申诉、求决、其他。":
        "Purpose: accusation, suggestion, appeal, request for a decision or other.",
    "回诊：处理结果是否属实。":
        "Follow-up check: is the result as stated true.",
    "回诊：合理诉求是否解决。":
        "Follow-up check: was the reasonable request met.",
    "回诊：处理意见是否落实。":
        "Follow-up check: was the handling opinion carried out.",
    "回诊：信访人的其他诉求（可接着登记为新案件）。":
        "Follow-up check: the petitioner's other request (can be registered next as a new case).",
    "对责任单位的评价：满意、基本满意、不满意。":
        "The petitioner's rating of the responsible unit: satisfied, basic or unsatisfied.",
    "对信访部门的评价：满意、基本满意、不满意。":
        "The petitioner's rating of the petition office: satisfied, basic or unsatisfied.",
    "今天的工作：本办超期的期限、今天和近几天到期的、包案领导的化解时限、联席会议任务、待回访的案件。\n\n例：xinfang today；xinfang today --as-of 2026-12-01 --unit 县人社局":
        "Today's work: the office's overdue duties, what falls due today and soon, leaders' target dates, joint meeting tasks, follow-ups due.\n\nExample: xinfang today; xinfang today --as-of 2026-12-01 --unit \"County HR Bureau\"",
    "只看这个责任单位的工作。":
        "Only this responsible unit's work.",
    "领导包案：记录“六定”（包案领导、责任单位、化解方案、化解时限、化解目标、工作要求，缺一不可）；化解时限是包案领导的期限，超期进入超期报告。--target 加 --reason 更改化解时限；--progress 记录“四包”进展。\n\n例：xinfang lead 2026-42 --leader 李书记 --unit 县住建局 --plan \"联合调处\" --target 2026-12-31 --goal 息诉罢访 --requirements \"每周报告进展\"；xinfang lead 2026-42 --progress 解决问题 --note 已补发工资":
        "Put a case under a leader with the six fixes (leader, responsible unit, plan, target date, goal, requirements; all six required); the target date is the leader's duty and shows in the overdue report. --target with --reason moves the target date; --progress records progress on the four duties.\n\nExample: xinfang lead 2026-42 --leader \"Secretary Li\" --unit \"County Housing Bureau\" --plan \"joint mediation\" --target 2026-12-31 --goal \"petitioner settled\" --requirements \"weekly report\"; xinfang lead 2026-42 --progress solution --note \"half of the wages paid\"",
    "定包案领导。":
        "The leader in charge.",
    "定责任单位（须在单位名单中）。":
        "The responsible unit (from the list of units).",
    "定化解方案。":
        "The plan to resolve it.",
    "定化解时限（日期）；与 --reason 一起写即为更改时限。":
        "The target date; with --reason it moves the target date.",
    "定化解目标。":
        "The goal.",
    "定工作要求。":
        "The requirements of the work.",
    "四包进展：掌握情况、解决问题、思想教育、息诉息访。":
        "Progress on one of the four duties: situation, solution, education or settled.",
    "进展说明。":
        "What was done.",
    "记录一次调解（高唐“1+3”：代表、干部、调解员、律师共同调解）；达成协议的可加 --close 办结。\n\n例：xinfang mediate 2026-42 --on 2026-11-20 --place 镇矛调中心 --with 党代表:王春月 --with 调解员:李明 --with 律师:赵刚 --outcome agreed --agreement \"分两期付清\" --close":
        "Record a mediation (a representative, an officer, a mediator and a lawyer together); an agreed one can close the case with --close.\n\nExample: xinfang mediate 2026-42 --on 2026-11-20 --place \"township mediation centre\" --with party_representative:Wang --with mediator:Li --with lawyer:Zhao --outcome agreed --agreement \"paid in two instalments\" --close",
    "调解地点，如 镇矛调中心。":
        "Where it was held, e.g. the township's mediation centre.",
    "参加调解的人：身份:姓名，如 党代表:王春月、调解员:…、律师:…，可写多次。":
        "Who mediated, as ROLE:NAME (party_representative, deputy, cppcc, officer, mediator, lawyer); can be repeated.",
    "agreed（达成协议）或 failed（未达成）。":
        "agreed or failed.",
    "调解协议内容。":
        "The mediation agreement.",
    "达成协议的，同时以“调解化解”办结，协议作为处理意见。":
        "When agreed, also close the case (result: mediated; the agreement as the opinion).",
    "帮扶救助：记录对困难信访人的帮扶措施（不是案件的一步；show 该人的案件时列出）。\n\n例：xinfang assist 郝丹文 --measure 临时救助 --note \"发放临时救助金 2000 元\"":
        "Hardship help: record assistance given to a petitioner (not an act on a case; show lists it with their cases).\n\nExample: xinfang assist 371526196601318579 --measure temporary --note \"2000 yuan of temporary aid\"",
    "低保、医疗救助、临时救助、就业、其他。":
        "basic_living, medical, temporary, employment or other.",
    "积案：清单管理、挂图作战、化解一个销号一个。不带子命令时列出积案清单。\n\n例：xinfang backlog；xinfang backlog add 2026-42 --reason 多年重复信访":
        "The backlog of old cases: listed one by one, charted, struck off when resolved. Without a subcommand, lists the backlog.\n\nExample: xinfang backlog; xinfang backlog add 2026-42 --reason \"repeated for years\"",
    "也列出已销号的。":
        "Also the cases struck off.",
    "列出按政策建议列入积案的案件（只列出，不自动加入）。":
        "List the cases the policy proposes for the backlog (listed only, never added).",
    "画出积案数量随时间的变化（新增、销号、在册）。":
        "Chart the backlog over time (added, struck off, on the list).",
    "图片格式：png 或 svg（与 --output 一起用）。":
        "Picture format: png or svg (with --output).",
    "图片文件名。":
        "The picture's file name.",
    "经本办研究，把一件案件列入积案清单（写明理由）。\n\n例：xinfang backlog add 2026-42 --reason \"重复信访 5 次，复核后仍在上访\"":
        "Put a case on the backlog by the office's decision (give the reason).\n\nExample: xinfang backlog add 2026-42 --reason \"five repeat visits, still petitioning after recheck\"",
    "积案化解后销号（化解一个，销号一个）：写明怎样化解的；包案领导的化解时限随之停止。\n\n例：xinfang backlog close 2026-42 --how \"补发工资，信访人签字息诉\"":
        "Strike a resolved case off the backlog (say how it was resolved); the leader's target date stops.\n\nExample: xinfang backlog close 2026-42 --how \"wages paid, the petitioner signed off\"",
    "怎样化解的。":
        "How it was resolved.",
    "联席会议：提请研究、记录会议决定与任务、任务完成。\n\n例：xinfang meeting refer 2026-42 --to 镇联席会议 --reason 涉及多个部门":
        "Joint meetings: refer a case, record a meeting's decisions and tasks, a task done.\n\nExample: xinfang meeting refer 2026-42 --to township --reason \"several departments involved\"",
    "提请联席会议研究（写明理由）。\n\n例：xinfang meeting refer 2026-42 --to 镇联席会议 --reason \"涉及住建、国土两个部门\"":
        "Refer a case to a joint meeting (give the reason).\n\nExample: xinfang meeting refer 2026-42 --to township --reason \"housing and land departments both involved\"",
    "镇联席会议 或 县联席会议。":
        "township or county (joint meeting).",
    "记录一次联席会议：研究的案件、会议决定和分工任务（每项任务是责任单位的期限，直到 meeting done）。\n\n例：xinfang meeting record --on 2026-11-20 --body 镇联席会议 --cases 2026-42 --cases 2026-57 --decision \"住建牵头联合调处\" --task \"县住建局:2026-12-10:拿出维修方案\"":
        "Record a joint meeting: the cases studied, its decision and its tasks (each a duty of its unit until meeting done).\n\nExample: xinfang meeting record --on 2026-11-20 --body township --cases 2026-42 --cases 2026-57 --decision \"housing leads a joint mediation\" --task \"County Housing Bureau:2026-12-10:a repair plan\"",
    "会议研究的案件，可写多个。":
        "A case the meeting studied; can be repeated.",
    "会议决定。":
        "The meeting's decision.",
    "任务：单位:日期:内容，可写多个；每项是该单位的期限。":
        "A task, as UNIT:DATE:TEXT; can be repeated; each is a duty of that unit.",
    "开会日期，默认今天。":
        "The date of the meeting (default: today).",
    "联席会议分给某单位的任务已完成：停止该单位在这些案件上的任务期限。\n\n例：xinfang meeting done 2026-42 --unit 县住建局 --note 维修方案已报镇政府":
        "A unit's joint meeting tasks are done: its task clocks on these cases stop.\n\nExample: xinfang meeting done 2026-42 --unit \"County Housing Bureau\" --note \"repair plan sent to the township\"",
    "案件编号，可写多个。":
        "Case numbers (one or more).",
    "完成任务的单位。":
        "The unit that did the task.",
    "完成情况。":
        "What was done.",
})


# Old ledgers judged again under the Regulation's rules (m010_regulation,
# cases/rejudgement.py, `show`); the figures by case in the stats workbook; 参评率 and 满意率
# for the petition office and the units apart (figures.py) -------------------------------
TEXTS.update({
    "rejudge.extension_after_period": (
        "{act}（{on}，{days} 日）在办理期限届满（{due}）后作出，依《信访工作条例》第三十四条不延长办理期限",
        "the {act} of {on} ({days} days) came after the handling period ended on {due}: "
        "under Art 34 of the Regulation it extends nothing"),
    "rejudge.hearing_before_request": (
        "{act}（{start} 至 {end}）早于复核申请（{requested}）的 {days} 日，依第三十六条不计入复核期限",
        "the {act} ({start} to {end}): its {days} days before the recheck request of "
        "{requested} are not added to the recheck (Art 36)"),
    "rejudge.hearing_overlap": (
        "{act}（{start} 至 {end}）与此前听证重叠的 {days} 日，依第三十六条只计一次",
        "the {act} ({start} to {end}): its {days} days shared with an earlier hearing "
        "count once (Art 36)"),
    "rejudge.closed_by_office": (
        "{act}（{on}）不在登记当日（{received}）：为本办自行办结，不再记为当场办结",
        "the {act} of {on} was not on the day of registration ({received}): closed by "
        "the office itself, no longer on the spot"),
    "rejudge.satisfaction_before_close": (
        "{act}（{on}）的满意度“{satisfaction}”记录在办结之前，不作为评价",
        "the satisfaction '{satisfaction}' of the {act} of {on} came before the close: it "
        "is no evaluation"),
    "rejudge.satisfaction_after_evaluation": (
        "{act}（{on}）的满意度“{satisfaction}”在首次评价之后，不再取代首次评价",
        "the satisfaction '{satisfaction}' of the {act} of {on} came after the first "
        "evaluation: it no longer replaces it"),
    "rejudge.satisfaction_of_earlier_reply": (
        "{act}（{on}）作出新的答复：此前的满意度“{satisfaction}”是对上一次答复的评价，新答复待评价",
        "the {act} of {on} gave a new reply: the satisfaction '{satisfaction}' rated the "
        "earlier one, and the new reply awaits its own evaluation"),
    "rejudge.flags": ("标记 {changes}", "flags {changes}"),
    "rejudge.flag_added": ("+{flag}", "+{flag}"),
    "rejudge.flag_removed": ("−{flag}", "−{flag}"),
    "rejudge.satisfaction": ("满意度 {was} → {now}", "satisfaction {was} → {now}"),
    "rejudge.no_satisfaction": ("未评价", "none"),
    "rejudge.clock_due": ("{clock}截止 {was} → {now}", "{clock} due {was} → {now}"),
    "rejudge.clock_late": ("{act} {was} → {now}", "{act} {was} → {now}"),
    # The stats workbook by case: which side a figure is counted for.
    "stats.side": ("方面", "Side"),
    "stats.side.office": ("信访部门", "petition office"),
    "stats.side.unit": ("责任单位", "units"),
    "stats.side.both": ("两方合计", "both"),
    "stats.sheet.changed": ("期后变化", "Changed since"),
    "stats.rejudged_title": ("升级台账时依条例重新认定、计入本期指标的案件",
                             "Cases of these figures judged again under the Regulation when the ledger was upgraded"),
    "stats.rejudged_case": ("{case}（{on}）：{what}", "{case} ({on}): {what}"),
    "stats.changed_was": ("期末", "Then"),
    "stats.changed_now": ("现在", "Now"),
    "stats.changed_class_was": ("期末类别", "Class then"),
    "stats.changed_class_now": ("现在类别", "Class now"),
    "stats.changed_why": ("原因", "Why"),
    # 参评率 and 满意率 by whose reply was evaluated: the office's own close (当场办结,
    # 本办自行办结, a case it accepted itself) or a responsible unit's.
    "figure.participation.office": ("参评率（信访部门自办）", "evaluation participation (office's own cases)"),
    "figure.participation.office.definition": (
        "已评价 ÷（已评价 + 超期未评价）：期内办结、由本办自行办结（当场办结、本办自行办结或本办受理后办结）的每件案件，按其最近一次答复的评价",
        "evaluated ÷ (evaluated + unevaluated past the window): each case closed in the "
        "period by the office itself (on the spot, later, or after accepting it itself), "
        "by the evaluation of its latest reply"),
    "figure.participation.unit": ("参评率（责任单位）", "evaluation participation (units)"),
    "figure.participation.unit.definition": (
        "已评价 ÷（已评价 + 超期未评价）：期内办结、由责任单位办理的每件案件，按其最近一次答复的评价",
        "evaluated ÷ (evaluated + unevaluated past the window): each case closed in the "
        "period that a responsible unit handled, by the evaluation of its latest reply"),
    "figure.satisfaction.office": ("满意率（信访部门自办）", "satisfaction (office's own cases)"),
    "figure.satisfaction.office.definition": (
        "（满意 + 基本满意）÷（满意 + 基本满意 + 不满意）：本办自行办结的案件中已评价的",
        "(satisfied + basically satisfied) ÷ (satisfied + basically satisfied + "
        "unsatisfied): the office's own cases that were evaluated"),
    "figure.satisfaction.unit": ("满意率（责任单位）", "satisfaction (units)"),
    "figure.satisfaction.unit.definition": (
        "（满意 + 基本满意）÷（满意 + 基本满意 + 不满意）：责任单位办理的案件中已评价的",
        "(satisfied + basically satisfied) ÷ (satisfied + basically satisfied + "
        "unsatisfied): the cases units handled that were evaluated"),
})
