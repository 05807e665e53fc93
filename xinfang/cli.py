"""The `xinfang` command: parse, call the library, format. Nothing else lives here.

Library modules are imported inside the commands that need them, so `xinfang --help`
stays quick.
"""

from __future__ import annotations

import datetime as dt
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
office_app = typer.Typer(help="本办代码与名称（案件编号含本办代码，只能设置一次）。\n\n例：xinfang office set YQH 鱼邱湖街道信访办")
policy_app = typer.Typer(help="期限政策：各期限的时长与单位、预警窗口与阈值。\n\n例：xinfang policy set forward 5 --unit 工作日")
app.add_typer(office_app, name="office")
app.add_typer(policy_app, name="policy")

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
                return fn(*args, **kwargs)
            except XinfangError as err:
                fail(err.message(lang), lang, err.exit_code)
            except sqlite3.DatabaseError as err:
                if "locked" in str(err) or "busy" in str(err):
                    fail("台账正被其他程序占用，请稍后再试。" if lang == "zh" else
                         "The ledger is busy with another program; try again shortly.", lang)
                fail(("台账文件无法读取（{}）。请确认 --db 指向 xinfang 台账。" if lang == "zh" else
                      "Cannot read the ledger ({}). Check that --db points at an xinfang ledger.")
                     .format(err), lang)

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


def _open(db: Path | None, *, create: bool) -> Ledger:
    from xinfang.db import locate
    from xinfang.ledger import Ledger

    return Ledger.open(locate(db).path, create=create)


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
                                show_default=False).strip() or None
            anonymous = name is None
        if not channel:
            channel = typer.prompt("信访形式（来访/来信/来电/网上信访）" if lang == "zh" else
                                   "Channel (visit/letter/phone/online)")
        if not content:
            content = typer.prompt("反映问题摘要" if lang == "zh" else "Content summary")
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
    ledger = _open(db, create=True)
    number = ledger.register(intake, resolve_officer(officer))
    _print_case_brief(ledger, number, json_, lang)


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
                + f"{clock['due_on']}（{output.clock_left(clock, lang)}）",
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
    status: Annotated[list[str] | None, typer.Option("--status", help="状态，如 已登记、已受理（或 registered、accepted），可写多次。", show_default=False)] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="责任单位名称。", show_default=False)] = None,
    category: Annotated[str | None, typer.Option("--category", help="内容分类。", show_default=False)] = None,
    locality: Annotated[str | None, typer.Option("--locality", help="问题属地。", show_default=False)] = None,
    since: Annotated[str | None, typer.Option("--since", help="收到日期不早于。", show_default=False)] = None,
    until: Annotated[str | None, typer.Option("--until", help="收到日期不晚于。", show_default=False)] = None,
    person: Annotated[str | None, typer.Option("--person", help="信访人身份证号或姓名。", show_default=False)] = None,
    search: Annotated[str | None, typer.Option("--search", help="在反映问题和诉求中查找文字。", show_default=False)] = None,
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

    例：xinfang list --status 已登记 --category 城乡建设 --search 拖欠工资
    """
    from xinfang import output, queries
    from xinfang.vocab import parse_status

    lang = resolve_lang(lang)
    statuses = [parse_status(part) for value in status or [] for part in
                value.replace("，", ",").split(",") if part.strip()]
    filters = queries.Filters(
        status=statuses or None, unit=unit, category=category, locality=locality,
        since=_date(since), until=_date(until), person=person, search=search,
    )
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
        output.stdout_console().print(output.cases_table(records, lang))
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


@command(app)
def info(
    db: DbOpt = None,
    officer: OfficerOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """显示正在使用哪个台账文件（以及为什么）、本办、案件数和结构版本。

    例：xinfang info
    """
    from xinfang import output
    from xinfang.db import locate

    lang = resolve_lang(lang)
    location = locate(db)
    why = {
        "option": ("由 --db 指定", "given by --db"),
        "env": ("由环境变量 XINFANG_DB 指定", "from the XINFANG_DB environment variable"),
        "default": ("默认位置（用户数据目录）", "the default place (user data directory)"),
    }[location.source][0 if lang == "zh" else 1]
    data: dict[str, Any] = {
        "path": str(location.path), "source": location.source, "why": why,
        "exists": location.path.exists(), "officer": resolve_officer(officer), "lang": lang,
    }
    if location.path.exists():
        from xinfang.db import schema_version

        ledger = _open(db, create=False)
        data["office"] = ledger.office()
        data["cases"] = ledger.db.execute("SELECT count(*) FROM cases").fetchone()[0]
        data["events"] = ledger.db.execute("SELECT count(*) FROM events").fetchone()[0]
        data["size_bytes"] = location.path.stat().st_size
        data["migrations"] = schema_version(ledger.db)
    if json_:
        output.print_json(data)
        return
    out = output.stdout_console()
    zh = lang == "zh"
    out.print(("台账文件：" if zh else "Ledger: ") + data["path"], markup=False)
    out.print(("来源：" if zh else "Why: ") + why, markup=False)
    if not data["exists"]:
        out.print("尚未建立。登记第一件信访（xinfang register）时自动建立，或先试试 xinfang demo。"
                  if zh else "Not created yet. It is made by the first xinfang register; "
                  "or try xinfang demo.", markup=False)
        return
    office = data["office"]
    office_text = f"{office['code']} {office['name']}" if office else (
        "未设置（xinfang office set 代码 名称）" if zh else "not set (xinfang office set CODE NAME)")
    out.print(("本办：" if zh else "Office: ") + office_text, markup=False)
    out.print((f"案件 {data['cases']} 件，记录 {data['events']} 条，文件 {data['size_bytes']:,} 字节"
               if zh else f"{data['cases']} cases, {data['events']} events, "
               f"{data['size_bytes']:,} bytes"), markup=False)
    out.print(("结构版本：" if zh else "Schema: ") + ", ".join(data["migrations"]), markup=False)
    out.print(("经办人：" if zh else "Officer: ") + data["officer"], markup=False)


@command(app)
def calendar(
    year: Annotated[int | None, typer.Option("--year", help="年份，默认今年。", show_default=False)] = None,
    add_rest: Annotated[str | None, typer.Option("--add-rest", help="把这一天加为本地休息日。", show_default=False)] = None,
    add_work: Annotated[str | None, typer.Option("--add-work", help="把这一天加为本地工作日。", show_default=False)] = None,
    remove: Annotated[str | None, typer.Option("--remove", help="删除这一天的本地调整。", show_default=False)] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="调整原因（添加时必填）。", show_default=False)] = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """显示一年的放假和调休上班日；添加或删除本地调整（对所有未到期的期限生效）。

    例：xinfang calendar --year 2026；xinfang calendar --add-rest 2026-12-24 --reason 县里统一停电
    """
    from xinfang import output
    from xinfang.dates import today

    lang = resolve_lang(lang)
    changes = [value for value in (add_rest, add_work, remove) if value]
    if len(changes) > 1:
        fail("一次只能做一项调整。" if lang == "zh" else "Make one change at a time.", lang, 2)
    if changes:
        if (add_rest or add_work) and not (reason and reason.strip()):
            fail("添加本地调整时请用 --reason 说明原因。" if lang == "zh" else
                 "Give --reason when adding an override.", lang, 2)
        ledger = _open(db, create=True)
        who = resolve_officer(officer)
        day = _date(changes[0])
        if remove:
            ledger.remove_override(day, who)
        else:
            ledger.add_override(day, bool(add_work), reason.strip(), who)
        say(("已更新本地日历：" if lang == "zh" else "Calendar updated: ") + day.isoformat())
        year = year or day.year
    else:
        from xinfang.db import locate

        location = locate(db)
        ledger = _open(db, create=False) if location.path.exists() else None
    from xinfang.calendar import WorkCalendar

    cal = ledger.calendar if ledger else WorkCalendar()
    year = year or today().year
    days = [{"day": d.isoformat(), "kind": kind, "why": why} for d, kind, why in cal.year(year, lang)]
    if json_:
        output.print_json({"year": year, "published": cal.is_published(year), "days": days})
        return
    output.stdout_console().print(output.calendar_table(year, days, cal.is_published(year), lang))


@office_app.callback(invoke_without_command=True)
def office_main(ctx: typer.Context, db: DbOpt = None, json_: JsonOpt = False,
                lang: LangOpt = None) -> None:
    """显示或设置本办代码。例：xinfang office set YQH 鱼邱湖街道信访办"""
    if ctx.invoked_subcommand is None:
        office_show(db=db, json_=json_, lang=lang)


@command(office_app, "show")
def office_show(db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None) -> None:
    """显示本办代码与名称。

    例：xinfang office show
    """
    from xinfang import output

    lang = resolve_lang(lang)
    current = _open(db, create=False).office()
    if json_:
        output.print_json(current)
    elif current is None:
        say("尚未设置。用 xinfang office set 代码 名称 设置。" if lang == "zh" else
            "Not set. Use xinfang office set CODE NAME.")
    else:
        output.stdout_console().print(f"{current['code']} {current['name']}", markup=False)


@command(office_app, "set")
def office_set(
    code: Annotated[str, typer.Argument(help="本办代码：2–12 位大写字母或数字，写进每个案件编号。")],
    name: Annotated[str, typer.Argument(help="本办名称。")],
    officer: OfficerOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """设置本办代码与名称（代码只能设置一次；名称可以改）。

    例：xinfang office set YQH 高唐县鱼邱湖街道信访办
    """
    lang = resolve_lang(lang)
    ledger = _open(db, create=True)
    office = ledger.set_office(code, name, resolve_officer(officer))
    say(("本办：" if lang == "zh" else "Office: ") + f"{office['code']} {office['name']}")


@policy_app.callback(invoke_without_command=True)
def policy_main(ctx: typer.Context, db: DbOpt = None, json_: JsonOpt = False,
                lang: LangOpt = None) -> None:
    """显示或修改期限政策。例：xinfang policy show"""
    if ctx.invoked_subcommand is None:
        policy_show(db=db, json_=json_, lang=lang)


@command(policy_app, "show")
def policy_show(db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None) -> None:
    """显示本办的期限政策（未改动的项为全国默认值）。

    例：xinfang policy show --json
    """
    from xinfang import output
    from xinfang.db import locate
    from xinfang.policy import Policy

    lang = resolve_lang(lang)
    ledger = _open(db, create=False) if locate(db).path.exists() else None
    policy = ledger.policy if ledger else Policy()
    data = {
        "clocks": {code: {"length": r.length, "unit": r.unit} for code, r in policy.clocks.items()},
        "numbers": dict(policy.numbers),
    }
    if json_:
        output.print_json(data)
    else:
        output.stdout_console().print(output.policy_table(policy, lang))


@command(policy_app, "set")
def policy_set(
    key: Annotated[str, typer.Argument(help="政策项，如 forward、handle、warning_days。")],
    value: Annotated[str, typer.Argument(help="新的数值。")],
    unit: Annotated[str | None, typer.Option("--unit", help="期限单位：日 或 工作日（days/workdays）。", show_default=False)] = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """修改一项期限政策；所有未到期的期限随之重算。

    例：xinfang policy set forward 5 --unit 工作日
    """
    lang = resolve_lang(lang)
    ledger = _open(db, create=True)
    ledger.set_policy(key.strip(), value, unit, resolve_officer(officer))
    say(("已更新政策：" if lang == "zh" else "Policy updated: ") + f"{key} = {value}"
        + (f" {unit}" if unit else ""))


@command(policy_app, "preset")
def policy_preset(
    name: Annotated[str, typer.Argument(help="national（全国默认）、zhejiang、henan。")],
    officer: OfficerOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """换用一套已知的地方期限规定（全部期限项一起改）。

    例：xinfang policy preset zhejiang
    """
    lang = resolve_lang(lang)
    ledger = _open(db, create=True)
    ledger.apply_preset(name.strip().lower(), resolve_officer(officer))
    say(("已采用政策：" if lang == "zh" else "Policy preset applied: ") + name)


@command(app)
def demo(
    db: Annotated[Path | None, typer.Option("--db", help="把演示台账留在这个文件（默认用临时文件，结束即删）。", show_default=False, dir_okay=False)] = None,
    lang: LangOpt = None,
) -> None:
    """用内置的演示登记簿建一个临时台账，展示 xinfang 能做什么。

    例：xinfang demo
    """
    import tempfile

    from xinfang import demo as demo_mod
    from xinfang import output, queries
    from xinfang.ledger import Ledger

    lang = resolve_lang(lang)
    zh = lang == "zh"
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "demo.db"
        if path.exists():
            fail(f"{path} 已存在，演示不会覆盖它。换一个文件名。" if zh else
                 f"{path} exists; the demo will not overwrite it. Choose another name.", lang)
        ledger = Ledger.open(path, create=True, today=demo_mod.DEMO_TODAY)
        summary = demo_mod.build(ledger)
        out = output.stdout_console()
        out.print(output.demo_intro(summary, lang))
        records, total = queries.list_cases(ledger, queries.Filters(), limit=12)
        out.print(output.cases_table(records, lang))
        overdue = demo_mod.most_overdue(ledger)
        if overdue is not None:
            out.print(("\n最超期的一件，详情（xinfang show）：" if zh else
                       "\nThe most overdue case (xinfang show):"), markup=False)
            out.print(output.case_panel(queries.case_record(ledger, overdue), lang))
            for item in queries.explain(ledger, overdue, "forward")[:1]:
                out.print(("\n截止日期怎么算的（xinfang deadline）：" if zh else
                           "\nHow the due date was counted (xinfang deadline):"), markup=False)
                out.print(output.deadline_text(item, lang))
        ledger.close()
        if db:
            say(f"演示台账保存在 {path}，可用 xinfang --db {path} … 继续试。" if zh else
                 f"The demo ledger is kept at {path}; try xinfang list --db {path}.")


# The life of a case ----------------------------------------------------------------------

unit_app = typer.Typer(help="责任单位名单（转送、上报只能选名单中的单位）。\n\n例：xinfang unit add 人社局 --level 县区")
app.add_typer(unit_app, name="unit")

ReasonOpt = Annotated[str | None, typer.Option("--reason", help="理由。", show_default=False)]


def _after_act(ledger: Ledger, event: dict[str, Any], json_: bool, lang: str) -> None:
    from xinfang.output import act_headline

    _print_case_brief(ledger, event["case"], json_, lang, act_headline(event, lang))


@command(unit_app, "add")
def unit_add(
    name: Annotated[str, typer.Argument(help="单位名称，如 人社局、鱼邱湖街道。")],
    level: Annotated[str, typer.Option("--level", help="层级：乡镇、县区、市、省（township/county/city/province）。")],
    parent: Annotated[str | None, typer.Option("--parent", help="上级单位（须已在名单中）。", show_default=False)] = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """把一个单位加入责任单位名单。

    例：xinfang unit add 高唐县人社局 --level 县区 --parent 高唐县人民政府
    """
    from xinfang import output

    lang = resolve_lang(lang)
    unit = _open(db, create=True).add_unit(name, level, parent)
    if json_:
        output.print_json(unit)
    else:
        say(("已添加单位：" if lang == "zh" else "Unit added: ") + unit["name"])


@command(unit_app, "list")
def unit_list(db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None) -> None:
    """列出责任单位名单。

    例：xinfang unit list
    """
    from xinfang import output

    lang = resolve_lang(lang)
    units = _open(db, create=False).units()
    if json_:
        output.print_json(units)
    elif not units:
        say("名单是空的。用 xinfang unit add 名称 --level 层级 添加。" if lang == "zh" else
            "No units yet. Add one with xinfang unit add NAME --level LEVEL.")
    else:
        output.stdout_console().print(output.units_table(units, lang))


@command(app)
def forward(
    case: CaseArg,
    to: Annotated[str, typer.Option("--to", help="责任单位（须在单位名单中）。")],
    assign: Annotated[bool, typer.Option("--assign", help="交办：要求责任单位按期报告结果。")] = False,
    report_by: Annotated[str | None, typer.Option("--report-by", help="交办的结果报告日期。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """转送（或 --assign 交办）给责任单位：停止登记转送期限，开始受理告知期限和异议期。

    例：xinfang forward 2026-42 --to 人社局；xinfang forward 2026-42 --to 人社局 --assign --report-by 2026-12-20
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.forward(ledger, case, to, officer=resolve_officer(officer), on=_date(on),
                            assign=assign, report_by=_date(report_by))
    _after_act(ledger, event, json_, lang)


@command(app, "object")
def object_(
    case: CaseArg, reason: ReasonOpt = None, on: OnOpt = None, officer: OfficerOpt = None,
    db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None,
) -> None:
    """责任单位提出异议（不属于本单位职责）：案件退回本办，重新计算登记转送期限。

    例：xinfang object 2026-42 --reason "属于县住建局职责"
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.object_(ledger, case, reason, officer=resolve_officer(officer), on=_date(on))
    _after_act(ledger, event, json_, lang)


@command(app)
def accept(
    case: CaseArg, on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None,
    json_: JsonOpt = False, lang: LangOpt = None,
) -> None:
    """受理（责任单位受理，或本办自行受理）：开始 60 日办理期限。

    例：xinfang accept 2026-42 --on 2026-11-25
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.accept(ledger, case, officer=resolve_officer(officer), on=_date(on))
    _after_act(ledger, event, json_, lang)


@command(app)
def reject(
    case: CaseArg,
    reason: Annotated[str, typer.Option("--reason", help="理由：handling（已在办理）、final（已复核终结）、no_remit（不属于任何机关职责）、other（其他，须加 --text）。")],
    text: Annotated[str | None, typer.Option("--text", help="具体说明。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """不予受理，并结束案件的各项期限。

    例：xinfang reject 2026-42 --reason final
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.reject(ledger, case, reason, officer=resolve_officer(officer), text=text,
                           on=_date(on))
    _after_act(ledger, event, json_, lang)


@command(app)
def redirect(
    case: CaseArg,
    route: Annotated[str, typer.Option("--route", help="法定途径：litigation（诉讼）、arbitration（仲裁）、admin-review（行政复议）、other。")],
    text: Annotated[str | None, typer.Option("--text", help="具体说明。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """告知信访人通过法定途径解决（诉访分离），并结束案件的各项期限。

    例：xinfang redirect 2026-42 --route litigation
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.redirect(ledger, case, route, officer=resolve_officer(officer), text=text,
                             on=_date(on))
    _after_act(ledger, event, json_, lang)


@command(app)
def extend(
    case: CaseArg,
    days: Annotated[int, typer.Option("--days", help="延长的天数。")],
    reason: Annotated[str, typer.Option("--reason", help="延期理由（须告知信访人）。")],
    approved_by: Annotated[str, typer.Option("--approved-by", help="批准延期的单位负责人。")],
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """延长办理期限（合计不超过政策上限，默认 30 日）。

    例：xinfang extend 2026-42 --days 30 --reason 需要现场勘查 --approved-by 王局长
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.extend(ledger, case, days, reason, approved_by,
                           officer=resolve_officer(officer), on=_date(on))
    _after_act(ledger, event, json_, lang)


@command(app)
def escalate(
    case: CaseArg,
    to: Annotated[str | None, typer.Option("--to", help="上报到的单位（须在单位名单中）。", show_default=False)] = None,
    leader: Annotated[str | None, typer.Option("--leader", help="包案领导姓名。", show_default=False)] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="化解方案。", show_default=False)] = None,
    target: Annotated[str | None, typer.Option("--target", help="目标化解日期。", show_default=False)] = None,
    reason: ReasonOpt = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """上报上级或领导包案。法定期限照常计算。

    例：xinfang escalate 2026-42 --leader 李书记 --plan "召集住建、国土联合调处" --target 2026-12-31 --reason 重复信访
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.escalate(ledger, case, reason, officer=resolve_officer(officer), unit=to,
                             leader=leader, plan=plan, target=_date(target), on=_date(on))
    _after_act(ledger, event, json_, lang)


@command(app)
def close(
    case: CaseArg,
    result: Annotated[str, typer.Option("--result", help="结果：resolved（已解决）、partly（部分支持）、unsupported（不予支持）、mediated（调解化解）、withdrawn（撤回）。")],
    opinion: Annotated[str, typer.Option("--opinion", help="处理意见（书面答复的要点）。")],
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """办结：出具处理意见。已登记的案件可当场办结（同时视为当日受理）。

    例：xinfang close 2026-42 --result resolved --opinion "已督促企业补发工资"
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.close(ledger, case, result, opinion, officer=resolve_officer(officer),
                          on=_date(on))
    _after_act(ledger, event, json_, lang)


@command(app)
def review(
    case: CaseArg,
    step: Annotated[str, typer.Argument(help="request（申请复查）或 conclude（复查结论）。")],
    note: Annotated[str | None, typer.Option("--note", help="说明。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """复查：信访人不服处理意见申请复查（request），复查机关出具结论（conclude）。

    例：xinfang review 2026-42 request --on 2026-12-01
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.review(ledger, case, step, officer=resolve_officer(officer), note=note,
                           on=_date(on))
    _after_act(ledger, event, json_, lang)


@command(app)
def recheck(
    case: CaseArg,
    step: Annotated[str, typer.Argument(help="request（申请复核）、hearing（听证）或 conclude（复核结论，案件终结）。")],
    from_: Annotated[str | None, typer.Option("--from", help="听证开始日期。", show_default=False)] = None,
    to: Annotated[str | None, typer.Option("--to", help="听证结束日期。", show_default=False)] = None,
    note: Annotated[str | None, typer.Option("--note", help="说明。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """复核：申请（request）、听证（hearing，听证时间不计入期限）、结论（conclude，此后不再受理）。

    例：xinfang recheck 2026-42 hearing --from 2026-12-10 --to 2026-12-12
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.recheck(ledger, case, step, officer=resolve_officer(officer), note=note,
                            hearing_from=_date(from_), hearing_to=_date(to), on=_date(on))
    _after_act(ledger, event, json_, lang)


@command(app)
def followup(
    case: CaseArg,
    satisfaction: Annotated[str | None, typer.Option("--satisfaction", help="满意、基本满意、不满意（satisfied/basic/unsatisfied）。", show_default=False)] = None,
    unreachable: Annotated[bool, typer.Option("--unreachable", help="联系不上信访人。")] = False,
    note: Annotated[str | None, typer.Option("--note", help="回访情况。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """回访信访人，记录满意度（记录后评价期结束）。

    例：xinfang followup 2026-42 --satisfaction 满意 --note "电话回访，工资已到账"
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.followup(ledger, case, officer=resolve_officer(officer),
                             satisfaction=satisfaction, unreachable=unreachable, note=note,
                             on=_date(on))
    _after_act(ledger, event, json_, lang)


@command(app)
def reopen(
    case: CaseArg, reason: ReasonOpt = None, on: OnOpt = None, officer: OfficerOpt = None,
    db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None,
) -> None:
    """重新办理已办结的案件（如处理意见未落实），重新开始办理期限。

    例：xinfang reopen 2026-42 --reason "处理意见未落实"
    """
    from xinfang import actions

    lang = resolve_lang(lang)
    ledger = _open(db, create=False)
    event = actions.reopen(ledger, case, reason, officer=resolve_officer(officer), on=_date(on))
    _after_act(ledger, event, json_, lang)


def main() -> None:
    app()


# Commands kept in their own modules register themselves on `app` when imported.
from xinfang import cli_transfer  # noqa: E402,F401
