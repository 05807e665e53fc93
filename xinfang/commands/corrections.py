"""Commands that correct the record: correct a registration, undo the last act (or void a
case registered by mistake), change an assignment's report-by date or record an interim
report. Each is an event; nothing recorded is edited."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from xinfang.commands.options import (
    CaseArg,
    CategoryOpt,
    DbOpt,
    JsonOpt,
    LangOpt,
    LocalityOpt,
    OfficerOpt,
    OnOpt,
    StatusOpt,
    UnitOpt,
    after_act,
    confirm,
    date,
    fail,
    interactive,
    make_filters,
    open_ledger,
    resolve_lang,
    resolve_officer,
    say,
)
from xinfang.texts import t

commands = typer.Typer()

WhyOpt = Annotated[str | None, typer.Option("--reason", help="理由（必填，记入办理经过）。", show_default=False)]


@commands.command()
def correct(
    case: CaseArg,
    reason: WhyOpt = None,
    received_on: Annotated[str | None, typer.Option("--received-on", help="正确的收到日期（各项期限随之重算）。", show_default=False)] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="正确的信访形式：来访/来信/来电/网上信访。", show_default=False)] = None,
    headcount: Annotated[int | None, typer.Option("--headcount", help="正确的人数。", min=1, show_default=False)] = None,
    locality: Annotated[str | None, typer.Option("--locality", help="正确的问题属地。", show_default=False)] = None,
    category: Annotated[str | None, typer.Option("--category", help="正确的内容分类。", show_default=False)] = None,
    content: Annotated[str | None, typer.Option("--content", help="正确的反映问题摘要。", show_default=False)] = None,
    request: Annotated[str | None, typer.Option("--request", help="正确的诉求。", show_default=False)] = None,
    who: Annotated[str, typer.Option("--who", help="要更正的信访人：姓名或序号（1 为主访人）。")] = "1",
    name: Annotated[str | None, typer.Option("--name", help="该信访人正确的姓名。", show_default=False)] = None,
    id_number: Annotated[str | None, typer.Option("--id-number", help="该信访人正确的身份证号。", show_default=False)] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="该信访人正确的电话。", show_default=False)] = None,
    address: Annotated[str | None, typer.Option("--address", help="该信访人正确的住址。", show_default=False)] = None,
    add_person: Annotated[list[str] | None, typer.Option("--add-person", help="补登一位信访人：\"姓名,身份证号,电话,住址\"，可写多次。", show_default=False)] = None,
    remove_person: Annotated[list[str] | None, typer.Option("--remove-person", help="去掉登记错的信访人（姓名或序号），可写多次。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """更正登记内容（收到日期、形式、人数、属地、分类、摘要、诉求、信访人）。更正记入办理经过（原内容 → 新内容），原记录不改。

    例：xinfang correct 2026-42 --name 王秀英 --reason 姓名录入错误；xinfang correct 2026-42 --received-on 2026-11-19 --reason 收到日期记错
    """
    from xinfang import acts as actions
    from xinfang.cases.intake import parse_person

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    edits = []
    if any(value is not None for value in (name, id_number, phone, address)):
        edits.append(actions.PersonEdit(who, name, id_number, phone, address))
    event = actions.correct(
        ledger, case, officer=resolve_officer(officer), reason=reason, on=date(on),
        received_on=date(received_on), channel=channel, headcount=headcount,
        locality=locality, category=category, content=content, request=request,
        edit=edits, add=[parse_person(text) for text in add_person or []],
        remove=remove_person or [])
    after_act(ledger, event, json_, lang)


@commands.command()
def undo(
    case: CaseArg,
    reason: WhyOpt = None,
    whole: Annotated[bool, typer.Option("--whole", help="作废整件登记错了的案件（如重复录入）：案件保留，标为已作废，不再出现在列表、报表和统计中。")] = False,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """撤销这件案件最后一项办理（记错了的一步、记错的日期），案件状态和期限按其余办理重算。撤销本身也记入办理经过。

    例：xinfang undo 2026-42 --reason 转送单位记错；xinfang undo 2026-42 --whole --reason 重复录入
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    act = actions.void if whole else actions.undo
    event = act(ledger, case, officer=resolve_officer(officer), reason=reason, on=date(on))
    after_act(ledger, event, json_, lang)


@commands.command()
def assignment(
    case: CaseArg,
    report_by: Annotated[str | None, typer.Option("--report-by", help="交办的新报告日期（须同时写 --reason）。", show_default=False)] = None,
    interim: Annotated[str | None, typer.Option("--interim", help="责任单位的阶段性报告内容：本次应报的报告已报。", show_default=False)] = None,
    next_report_by: Annotated[str | None, typer.Option("--next-report-by", help="阶段性报告后，下一次报告的日期。", show_default=False)] = None,
    reason: WhyOpt = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """交办事项：更改报告日期（--report-by），或记录责任单位的阶段性报告（--interim）。

    例：xinfang assignment 2026-42 --report-by 2026-12-30 --reason 县局批准延后；xinfang assignment 2026-42 --interim "已约谈企业" --next-report-by 2026-12-20
    """
    from xinfang import acts as actions
    from xinfang.errors import BadAct

    lang = resolve_lang(lang)
    if (report_by is None) == (interim is None):
        raise BadAct("act.report_by_or_interim")
    ledger = open_ledger(db, writes=True)
    acting = resolve_officer(officer)
    if interim is not None:
        event = actions.interim_report(ledger, case, interim, officer=acting,
                                       next_report_by=date(next_report_by), on=date(on))
    else:
        new = date(report_by)
        assert new is not None
        event = actions.change_report_by(ledger, case, new, officer=acting, reason=reason,
                                         on=date(on))
    after_act(ledger, event, json_, lang)


@commands.command()
def archive(
    cases: Annotated[list[str] | None, typer.Argument(help="要归档的案件编号（可写多个）；不写时按下面的条件选。", show_default=False)] = None,
    before: Annotated[str | None, typer.Option("--before", help="收到日期早于此日的。", show_default=False)] = None,
    status: StatusOpt = None, unit: UnitOpt = None, category: CategoryOpt = None,
    locality: LocalityOpt = None,
    reason: WhyOpt = None,
    yes: Annotated[bool, typer.Option("--yes", help="不再询问，直接归档（供脚本使用）。")] = False,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, lang: LangOpt = None,
) -> None:
    """把尚未办结的旧案件作为历史记录归档（已归档）：不再计算期限，不进入超期报告，统计中单独计数。每件记入办理经过。

    例：xinfang archive --before 2025-01-01 --reason "纸质登记簿旧案，已线下办结"
    """
    from xinfang import acts as actions
    from xinfang.store import queries
    from xinfang.vocab import OPEN

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    if cases:
        ids = [ledger.find_case(case) for case in cases]
    else:
        filters = make_filters(status, unit, category, locality, None, None, None, None,
                               False, None, False, False, None, None)
        if before is None and not (status or unit or category or locality):
            fail(t("archive.no_filter", lang), lang, 2)
        if filters.status is None:
            filters.status = list(OPEN)
        if before is not None:
            cut = date(before)
            assert cut is not None
            filters.until = cut - dt.timedelta(days=1)
        ids = queries.matching_ids(ledger, filters)
    if not ids:
        say(t("archive.none", lang))
        return
    if not yes:
        if not interactive():
            fail(t("archive.needs_yes", lang, count=len(ids)), lang, 2)
        if not confirm(t("archive.confirm", lang, count=len(ids)), lang):
            fail(t("archive.cancelled", lang), lang)
    count = actions.archive(ledger, ids, officer=resolve_officer(officer), reason=reason,
                            on=date(on))
    say(t("archive.done", lang, count=count))
