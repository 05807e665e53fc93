"""The `xinfang` command: parse, call the library, format. Nothing else lives here.

Library modules are imported inside the commands that need them, so `xinfang --help`
stays quick.
"""

from __future__ import annotations

import copy
import datetime as dt
import errno
import functools
import getpass
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from xinfang.errors import XinfangError

if TYPE_CHECKING:
    from xinfang.ledger import Ledger

app = typer.Typer(
    name="xinfang",
    help="信访台账：登记、转送、办结、回访，自动计算每一个法定期限。\n\n例：xinfang register --name 张三 --channel 来访 --content 拖欠工资",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Options that mean the same thing on every command --------------------------------------

DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="台账文件路径；默认取环境变量 XINFANG_DB，否则用用户数据目录。",
                 show_default=False, dir_okay=False),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="界面语言：zh（默认）或 en；也可设环境变量 XINFANG_LANG。",
                 show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="以 JSON 输出，供程序读取。")]
OfficerOpt = Annotated[
    str | None,
    typer.Option("--officer", help="经办人；默认取 XINFANG_OFFICER，否则用系统登录名。",
                 show_default=False),
]
OnOpt = Annotated[
    str | None,
    typer.Option("--on", help="办理日期（如 2026-11-23、2026/11/23、2026年11月23日），默认今天。",
                 show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="按哪一天计算剩余/超期天数，默认今天。", show_default=False),
]
RevealOpt = Annotated[
    bool,
    typer.Option("--reveal", help="显示完整身份证号和电话（会记入案件经过）。"),
]
CaseArg = Annotated[str, typer.Argument(help="案件编号，如 XF-YQH-2026-00042 或简写 2026-42。",
                                        show_default=False)]


# The filters of `list`, shared by every command that selects cases the same way.
StatusOpt = Annotated[list[str] | None, typer.Option("--status", help="状态，如 已登记、已受理（或 registered、accepted），可写多次。", show_default=False)]
UnitOpt = Annotated[str | None, typer.Option("--unit", help="责任单位名称。", show_default=False)]
CategoryOpt = Annotated[str | None, typer.Option("--category", help="内容分类。", show_default=False)]
LocalityOpt = Annotated[str | None, typer.Option("--locality", help="问题属地。", show_default=False)]
SinceOpt = Annotated[str | None, typer.Option("--since", help="收到日期不早于。", show_default=False)]
UntilOpt = Annotated[str | None, typer.Option("--until", help="收到日期不晚于。", show_default=False)]
PersonOpt = Annotated[str | None, typer.Option("--person", help="信访人身份证号或姓名。", show_default=False)]
SearchOpt = Annotated[str | None, typer.Option("--search", help="在反映问题和诉求中查找文字。", show_default=False)]
OverdueOpt = Annotated[bool, typer.Option("--overdue", help="只要有期限已超期的。")]
DueWithinOpt = Annotated[int | None, typer.Option("--due-within", help="只要 N 天内有期限到期的。", min=0, show_default=False)]
RepeatOpt = Annotated[bool, typer.Option("--repeat", help="只要重复信访。")]
CollectiveOpt = Annotated[bool, typer.Option("--collective", help="只要集体访。")]
FlagOpt = Annotated[str | None, typer.Option("--flag", help="只要带此提示的，如 赴省、进京、已上报/包案。", show_default=False)]


def make_filters(status: list[str] | None, unit: str | None, category: str | None,
                 locality: str | None, since: str | None, until: str | None,
                 person: str | None, search: str | None, overdue: bool,
                 due_within: int | None, repeat: bool, collective: bool, flag: str | None,
                 as_of: str | None) -> Any:
    """The filter options as typed → queries.Filters."""
    from xinfang import queries
    from xinfang.vocab import parse_flag, parse_status

    statuses = [parse_status(part) for value in status or [] for part in
                value.replace("，", ",").split(",") if part.strip()]
    return queries.Filters(
        status=statuses or None, unit=unit, category=category, locality=locality,
        since=_date(since), until=_date(until), person=person, search=search,
        overdue=overdue, due_within=due_within, repeat=repeat, collective=collective,
        flag=parse_flag(flag) if flag else None, as_of=_date(as_of),
    )


def _interactive() -> bool:
    """Whether an officer is at a terminal to answer prompts."""
    return sys.stdin.isatty()


def resolve_lang(value: str | None) -> str:
    if value is not None:
        if value not in ("zh", "en"):
            raise typer.BadParameter("use zh or en / 请用 zh 或 en", param_hint="--lang")
        return value
    env = os.environ.get("XINFANG_LANG", "zh")
    return env if env in ("zh", "en") else "zh"


def resolve_officer(value: str | None) -> str:
    if value and value.strip():
        return value.strip()
    if os.environ.get("XINFANG_OFFICER", "").strip():
        return os.environ["XINFANG_OFFICER"].strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def fail(message: str, lang: str, code: int = 1) -> None:
    from xinfang.output import stderr_console

    prefix = "错误：" if lang == "zh" else "Error: "
    stderr_console().print(prefix + message, markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def say(message: str) -> None:
    """Talk to the officer on stderr; data goes to stdout."""
    from xinfang.output import stderr_console

    stderr_console().print(message, markup=False, highlight=False, soft_wrap=True)


def command(group: typer.Typer, name: str | None = None):
    """Register a command whose library errors become `错误：…` messages, never tracebacks."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any):
            lang = resolve_lang(kwargs.get("lang"))
            try:
                for value in kwargs.values():
                    for text in value if isinstance(value, list) else [value]:
                        if isinstance(text, str):
                            text.encode()  # refuse text that is not UTF-8 before any work
                return fn(*args, **kwargs)
            except XinfangError as err:
                fail(err.message(lang), lang, err.exit_code)
            except UnicodeEncodeError as err:
                if err.reason != "surrogates not allowed":
                    raise
                # Bytes that are not UTF-8 on the command line (a GBK terminal, a file name
                # copied from Windows) reach Python as lone surrogates: nothing can store them.
                fail("命令行中有无法识别的字符：终端（或文件名）的编码不是 UTF-8，可能是 GBK。"
                     "请把终端的字符编码设为 UTF-8 后重试。" if lang == "zh" else
                     "The command line holds bytes that are not UTF-8 (a GBK terminal or file "
                     "name?). Set the terminal's character encoding to UTF-8 and try again.",
                     lang, 2)
            except OverflowError:
                # A date near year 9999 (or a count of days) that date arithmetic cannot reach.
                fail("日期或天数超出可计算的范围，请检查输入的日期和天数。" if lang == "zh" else
                     "A date or number of days is beyond what can be counted; check them.",
                     lang, 2)
            except OSError as err:
                if err.errno == errno.EPIPE:
                    raise  # output piped into `head`: Typer ends quietly
                fail((f"无法读写 {err.filename}：{err.strerror or err}。请检查路径和权限。"
                      if lang == "zh" else
                      f"Cannot read or write {err.filename}: {err.strerror or err}. Check the "
                      "path and its permissions."), lang)
            except sqlite3.DatabaseError as err:
                if "locked" in str(err) or "busy" in str(err):
                    fail("台账正被其他程序占用，请稍后再试。" if lang == "zh" else
                         "The ledger is busy with another program; try again shortly.", lang)
                fail(("台账文件无法读取（{}）。请确认 --db 指向 xinfang 台账。" if lang == "zh" else
                      "Cannot read the ledger ({}). Check that --db points at an xinfang ledger.")
                     .format(err), lang)
            finally:
                # Run in-process (tests, a shell around the library) a command would
                # otherwise leave its connection and files open until a garbage collection.
                while _OPENED:
                    _OPENED.pop().close()

        group.command(name)(wrapper)
        # The wrapper, so a group callback that calls a command directly
        # (`xinfang office` → office_show) also turns errors into messages.
        return wrapper

    return decorate


def _date(value: str | None, ledger_today: dt.date | None = None) -> dt.date | None:
    from xinfang.dates import parse_date

    if value is None:
        return None
    return parse_date(value, relative_to=ledger_today)


_OPENED: list[Ledger] = []  # closed when the command ends (see `command`)


def _open(db: Path | None, *, create: bool) -> Ledger:
    from xinfang.db import locate
    from xinfang.ledger import Ledger

    ledger = Ledger.open(locate(db).path, create=create)
    _OPENED.append(ledger)
    return ledger


# Commands -------------------------------------------------------------------------------


@command(app)
def register(
    name: Annotated[str | None, typer.Option("--name", help="主访人姓名。", show_default=False)] = None,
    id_number: Annotated[str | None, typer.Option("--id-number", help="主访人身份证号（18 位，会核对校验位）。", show_default=False)] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="主访人电话。", show_default=False)] = None,
    address: Annotated[str | None, typer.Option("--address", help="主访人住址。", show_default=False)] = None,
    person: Annotated[list[str] | None, typer.Option("--person", help="（其他）信访人：\"姓名,身份证号,电话,住址\"，可写多次；不知道的项留空。", show_default=False)] = None,
    anonymous: Annotated[bool, typer.Option("--anonymous", help="匿名信访，不留姓名。")] = False,
    channel: Annotated[str | None, typer.Option("--channel", help="信访形式：来访/来信/来电/网上信访（或 visit/letter/phone/online）。", show_default=False)] = None,
    headcount: Annotated[int, typer.Option("--headcount", help="来访人数。")] = 1,
    locality: Annotated[str | None, typer.Option("--locality", help="问题属地（村/社区/乡镇）。", show_default=False)] = None,
    category: Annotated[str | None, typer.Option("--category", help="内容分类，如 城乡建设、劳动和社会保障（简称亦可）。", show_default=False)] = None,
    content: Annotated[str | None, typer.Option("--content", help="反映问题摘要。", show_default=False)] = None,
    request: Annotated[str | None, typer.Option("--request", help="信访人的具体诉求。", show_default=False)] = None,
    flag: Annotated[list[str] | None, typer.Option("--flag", help="越级情况：赴省 或 进京（可写多次）。", show_default=False)] = None,
    confidential: Annotated[bool, typer.Option("--confidential", help="检举控告等需保密的案件，不进入导出和共享报表。")] = False,
    on: Annotated[str | None, typer.Option("--on", help="收到日期，默认今天。", show_default=False)] = None,
    repeat_of: Annotated[str | None, typer.Option("--repeat-of", help="认定为这件案件的重复信访（链接到初件）。", show_default=False)] = None,
    not_repeat: Annotated[bool, typer.Option("--not-repeat", help="认定为新事项，不是重复信访。")] = False,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="以 JSON 输出新案件。")] = False,
    lang: LangOpt = None,
) -> None:
    """登记一件信访，打印案件编号和登记转送期限。

    例：xinfang register --name 张三 --id-number 371526196601318579 --phone 13812345678 --channel 来访 --category 劳动社保 --content 工地拖欠工资 --on 2026-11-20
    """
    from xinfang import intake as intake_mod
    from xinfang.dates import today

    lang = resolve_lang(lang)
    received = _date(on) or today()
    if _interactive():
        if not name and not person and not anonymous:
            name = typer.prompt("信访人姓名（匿名请直接回车）" if lang == "zh" else
                                "Petitioner's name (Enter for anonymous)", default="",
                                show_default=False, err=True).strip() or None
            anonymous = name is None
        if not channel:
            channel = typer.prompt("信访形式（来访/来信/来电/网上信访）" if lang == "zh" else
                                   "Channel (visit/letter/phone/online)", err=True)
        if not content:
            content = typer.prompt("反映问题摘要" if lang == "zh" else "Content summary",
                                   err=True)
    people = []
    if name or id_number or phone or address:
        people.append(intake_mod.make_person(name, id_number, phone, address))
    people += [intake_mod.parse_person(text) for text in person or []]
    flags = [_major_flag(value) for value in flag or []]
    intake = intake_mod.make_intake(
        channel=channel, content=content, received_on=received, today=today(), people=people,
        anonymous=anonymous, headcount=headcount, locality=locality, category=category,
        request=request, confidential=confidential, flags=flags,
    )
    if repeat_of and not_repeat:
        fail("--repeat-of 和 --not-repeat 只能选一个。" if lang == "zh" else
             "Use either --repeat-of or --not-repeat.", lang, 2)
    ledger = _open(db, create=True)
    earlier = ledger.earlier_cases(intake) if not (repeat_of or not_repeat) else []
    if earlier and _interactive() and not json_:
        from xinfang import output

        output.stderr_console().print(output.earlier_cases_table(earlier, lang))
        if typer.confirm("这是上面这件事项的重复信访吗？" if lang == "zh" else
                         "Is this a repeat of the matter above?", default=True, err=True):
            repeat_of = earlier[0]["id"]
        else:
            not_repeat = True
    number = ledger.register(intake, resolve_officer(officer), repeat_of=repeat_of,
                             not_repeat=not_repeat)
    _print_case_brief(ledger, number, json_, lang)
    if not json_:
        _print_repeat(ledger, number, lang)
        _print_group_warnings(ledger, intake, lang)


def _print_group_warnings(ledger: Ledger, intake: Any, lang: str) -> None:
    """Collective visits are reported at once; a group sends at most 5 representatives."""
    from xinfang import rules

    policy = ledger.policy
    threshold = policy.number("collective_headcount")
    zh = lang == "zh"
    if rules.is_major(intake.headcount, intake.flags, threshold):
        say(f"提示：集体访或越级访（{intake.headcount} 人），属重大访情，请即时报告。" if zh else
             f"Note: a collective or out-of-level visit ({intake.headcount} people): report it "
             "at once as a major visit.")
    maximum = policy.number("max_representatives")
    if rules.too_many_representatives(len(intake.people), intake.headcount, threshold, maximum):
        say(f"提示：集体访代表人数不得超过 {maximum} 人（《信访工作条例》第二十条），本次登记了 "
             f"{len(intake.people)} 人。" if zh else
             f"Note: a group may send at most {maximum} representatives (2022 Regulation "
             f"Art 20); {len(intake.people)} were registered.")


def _print_repeat(ledger: Ledger, number: str, lang: str) -> None:
    """Show the earlier cases of a repeat at once, with the advice its flags carry."""
    from xinfang import output, reports
    from xinfang.vocab import FLAGS

    record_flags = ledger.stored_state(ledger.find_case(number)).flags
    if "repeat" not in record_flags:
        return
    chain = reports.chain_of(ledger, ledger.find_case(number))
    earlier = [dict(case, first=index == 0) for index, case in enumerate(chain["cases"])
               if case["id"] != number]
    out = output.stdout_console()
    out.print(output.earlier_cases_table(earlier, lang))
    for flag in ("repeat_being_handled", "repeat_final"):
        if flag in record_flags:
            say(("提示：" if lang == "zh" else "Note: ") + output.label(FLAGS, flag, lang))
    say("如认定有误，可用 xinfang repeats 编号 --not-repeat 或 --repeat-of 编号 更正。"
        if lang == "zh" else
        "If this is wrong, correct it with xinfang repeats CASE --not-repeat or --repeat-of CASE.")


def _major_flag(value: str) -> str:
    from xinfang.errors import BadChoice

    codes = {"赴省": "to_province", "to_province": "to_province", "province": "to_province",
             "进京": "to_beijing", "to_beijing": "to_beijing", "beijing": "to_beijing"}
    if value.strip() not in codes:
        raise BadChoice(what="越级情况", what_en="Flag", value=value,
                        choices="赴省/to_province、进京/to_beijing")
    return codes[value.strip()]


def _print_case_brief(ledger: Ledger, number: str, as_json: bool, lang: str,
                      headline: str | None = None) -> None:
    """After an act: the case number, its state, who holds it and its running clocks."""
    from xinfang import output, queries
    from xinfang.vocab import STATUSES

    record = queries.case_record(ledger, ledger.find_case(number))
    if as_json:
        output.print_json(record)
        return
    out = output.stdout_console()
    zh = lang == "zh"
    out.print(headline or (("已登记：" if zh else "Registered: ") + number), markup=False)
    if headline:
        state = output.label(STATUSES, record["status"], lang)
        holder = output.holder_text(record["holder"], lang)
        out.print((f"状态：{state}；当前承办：{holder}" if zh else
                   f"State: {state}; held by: {holder}"), markup=False)
    for clock in record["clocks"]:
        if clock["stopped_on"] is None and clock["state"] != "lapsed":
            out.print(
                f"{output.label(output.CLOCKS, clock['clock'], lang)}"
                + ("期限：" if zh else " clock: ")
                + (f"{clock['due_on']}（{output.clock_left(clock, lang)}）" if zh else
                   f"{clock['due_on']} ({output.clock_left(clock, lang)})"),
                markup=False,
            )
    late = record["events"][-1]["details"].get("late") if headline else None
    if late:
        say(("注意：已超过" if zh else "Note: after the ")
            + "、".join(output.label(output.CLOCKS, c, lang) for c in late)
            + ("，已记录为逾期。" if zh else " ended; recorded as late."))
    if record["unpublished_years"]:
        years = "、".join(str(y) for y in record["unpublished_years"])
        say(output.t("unpublished", lang, years=years))


@command(app)
def show(
    case: CaseArg,
    as_of: AsOfOpt = None,
    reveal: RevealOpt = False,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """显示一件案件的全部情况：信访人、状态、各项期限（剩余或超期天数）和办理经过。

    例：xinfang show XF-YQH-2026-00042（或简写 xinfang show 2026-42）
    """
    from xinfang import output, queries

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    case_id = ledger.find_case(case)
    if reveal:
        ledger.record_reveal([case_id], resolve_officer(officer), ["id_number", "phone"], "show")
    record = queries.case_record(ledger, case_id, as_of=_date(as_of), reveal=reveal)
    if json_:
        output.print_json(record)
    else:
        output.stdout_console().print(output.case_panel(record, lang))


@command(app, "list")
def list_(
    status: StatusOpt = None,
    unit: UnitOpt = None,
    category: CategoryOpt = None,
    locality: LocalityOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    person: PersonOpt = None,
    search: SearchOpt = None,
    overdue: OverdueOpt = False,
    due_within: DueWithinOpt = None,
    repeat: RepeatOpt = False,
    collective: CollectiveOpt = False,
    flag: FlagOpt = None,
    limit: Annotated[int, typer.Option("--limit", help="最多显示几件。", min=1)] = 50,
    offset: Annotated[int, typer.Option("--offset", help="跳过前几件（翻页用）。", min=0)] = 0,
    as_of: AsOfOpt = None,
    reveal: RevealOpt = False,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """按条件列出案件，最新收到的在前。

    例：xinfang list --status 已登记 --category 城乡建设 --search 拖欠工资；xinfang list --overdue --unit 人社局
    """
    from xinfang import output, queries

    lang = resolve_lang(lang)
    filters = make_filters(status, unit, category, locality, since, until, person, search,
                           overdue, due_within, repeat, collective, flag, as_of)
    ledger = _open(db, create=False)
    records, total = queries.list_cases(ledger, filters, as_of=_date(as_of), limit=limit,
                                        offset=offset, reveal=reveal)
    if reveal and records:
        ledger.record_reveal([ledger.find_case(r["id"]) for r in records],
                             resolve_officer(officer), ["id_number", "phone"], "list")
    if json_:
        output.print_json(records)
    elif not records:
        say(output.t("none", lang))
    else:
        console = output.stdout_console()
        console.print(output.cases_table(records, lang, wide=console.width >= 120))
    if not json_ and records:
        say(output.t("total", lang, total=total, shown=len(records))
            + (output.t("more", lang) if total > offset + len(records) else ""))


@command(app)
def note(
    case: CaseArg,
    text: Annotated[str, typer.Argument(help="备注内容。", show_default=False)],
    on: OnOpt = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """给案件加一条备注（不改变状态，记入办理经过）。

    例：xinfang note 2026-42 "电话联系信访人，约定周五面谈"
    """
    from xinfang import output

    lang = resolve_lang(lang)
    if not text.strip():
        fail("备注内容不能为空。" if lang == "zh" else "The note is empty.", lang, 2)
    ledger = _open(db, create=False)
    event = ledger.act(case, "note", officer=resolve_officer(officer), on=_date(on),
                       details={"text": text.strip()})
    if json_:
        output.print_json(event)
    else:
        output.stdout_console().print(
            (f"已记入 {event['case']}：" if lang == "zh" else f"Noted on {event['case']}: ")
            + text.strip(), markup=False)


@command(app)
def deadline(
    case: CaseArg,
    clock: Annotated[str | None, typer.Option("--clock", help="只看某一项期限，如 forward、handle。", show_default=False)] = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """说明截止日期是怎么算出来的：起算日、时长、单位、跳过的休息日、本地调整。

    例：xinfang deadline 2026-42 --clock forward
    """
    from xinfang import output, queries
    from xinfang.vocab import parse_clock

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    case_id = ledger.find_case(case)
    items = queries.explain(ledger, case_id, parse_clock(clock) if clock else None)
    if json_:
        output.print_json(items)
        return
    out = output.stdout_console()
    if not items:
        say("这件案件没有这项期限。" if lang == "zh" else "This case has no such clock.")
    for item in items:
        out.print(output.deadline_text(item, lang))


def main() -> None:
    from typer.main import get_command

    from xinfang import cli_params

    cli_params.install(get_command(just_one(app, sys.argv[1:])))()


def just_one(full: typer.Typer, args: list[str]) -> typer.Typer:
    """The app with only the command that was asked for, when one was.

    Typer turns every registered command into a Click command before running any of
    them; for a one-shot command that is most of the start-up time. `xinfang` and
    `xinfang --help` get an outline of the app (every command's name, summary and panel,
    none of their options); unknown names get the whole app (and its suggestions).
    """
    if not args or args in (["--help"], ["-h"]):
        return outline(full)
    if args[0].startswith("-"):
        return full
    from typer.main import get_command_name

    name = args[0]
    commands = [info for info in full.registered_commands
                if (info.name or get_command_name(info.callback.__name__)) == name]
    groups = [info for info in full.registered_groups if info.name == name]
    if not commands and not groups:
        return full
    slim = copy.copy(full)
    slim.registered_commands, slim.registered_groups = commands, groups
    # A group callback keeps it a group: an app of one command would run that command
    # without its name.
    slim.callback()(_group)
    return slim


def outline(full: typer.Typer) -> typer.Typer:
    """`full` with each command standing in by its name, help and panel only: enough for
    the overview help, without reading every command's options."""
    from typer.main import get_command_name

    slim = copy.copy(full)
    slim.registered_commands = []
    for info in full.registered_commands:
        stand_in = copy.copy(info)
        stand_in.name = info.name or get_command_name(info.callback.__name__)
        stand_in.help = info.help or info.callback.__doc__
        stand_in.callback = _group
        slim.registered_commands.append(stand_in)
    slim.registered_groups = []
    for info in full.registered_groups:
        group = copy.copy(info)
        group.typer_instance = outline(info.typer_instance)
        slim.registered_groups.append(group)
    return slim


def _group() -> None:
    """信访台账。"""


# Commands kept in their own modules register themselves on `app` when imported.
from xinfang import cli_case, cli_reports, cli_setup, cli_transfer  # noqa: E402,F401
