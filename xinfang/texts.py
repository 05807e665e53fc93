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
    "brief.clock": ("{clock}期限：{due}（{left}）", "{clock} clock: {due} ({left})"),
    "brief.late": ("注意：已超过{clocks}，已记录为逾期。",
                   "Note: after the {clocks} ended; recorded as late."),
    # register (commands/cases.py) -----------------------------------------------------
    "register.prompt.name": ("信访人姓名（匿名请直接回车）", "Petitioner's name (Enter for anonymous)"),
    "register.prompt.channel": ("信访形式（来访/来信/来电/网上信访）",
                                "Channel (visit/letter/phone/online)"),
    "register.prompt.content": ("反映问题摘要", "Content summary"),
    "register.repeat_conflict": ("--repeat-of 和 --not-repeat 只能选一个。",
                                 "Use either --repeat-of or --not-repeat."),
    "register.confirm_repeat": ("这是上面这件事项的重复信访吗？",
                                "Is this a repeat of the matter above?"),
    "register.major": ("提示：集体访或越级访（{headcount} 人），属重大访情，请即时报告。",
                       "Note: a collective or out-of-level visit ({headcount} people): report it "
                       "at once as a major visit."),
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
        "新增责任单位 {count} 个：{units}（层级未填，可用 xinfang unit list 查看）。",
        "{count} units added to the list: {units} (level unknown; see xinfang unit list).",
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
    "transfer.is_ledger": ("{path} 是台账文件本身，不能把导出内容写在它上面。换一个文件名。",
                           "{path} is the ledger itself; it cannot be overwritten. Choose another "
                           "name."),
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
    "ui.headline": ("已{kind} {case}", "{kind} {case}"),
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
