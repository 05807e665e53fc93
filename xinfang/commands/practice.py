"""Commands for how offices really work (DOMAIN.md §9): today (the officer's day), lead
(领导包案: the 六定 and the 四包), backlog (积案), meeting (联席会议), mediate, assist."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from xinfang.commands.options import (
    AsOfOpt,
    CaseArg,
    DbOpt,
    JsonOpt,
    LangOpt,
    OfficerOpt,
    OnOpt,
    ReasonOpt,
    after_act,
    date,
    fail,
    open_ledger,
    out,
    resolve_lang,
    resolve_officer,
    say,
)
from xinfang.texts import t

commands = typer.Typer()
backlog_app = typer.Typer(help="积案：清单管理、挂图作战、化解一个销号一个。不带子命令时列出积案清单。\n\n例：xinfang backlog；xinfang backlog add 2026-42 --reason 多年重复信访")
meeting_app = typer.Typer(help="联席会议：提请研究、记录会议决定与任务、任务完成。\n\n例：xinfang meeting refer 2026-42 --to 镇联席会议 --reason 涉及多个部门")
commands.add_typer(backlog_app, name="backlog")
commands.add_typer(meeting_app, name="meeting")


@commands.command()
def today(
    as_of: AsOfOpt = None,
    unit: Annotated[str | None, typer.Option("--unit", help="只看这个责任单位的工作。", show_default=False)] = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """今天的工作：本办超期的期限、今天和近几天到期的、包案领导的化解时限、联席会议任务、待回访的案件。

    例：xinfang today；xinfang today --as-of 2026-12-01 --unit 县人社局
    """
    from xinfang import practice
    from xinfang.dates import today as current
    from xinfang.render import plain
    from xinfang.render import practice as view
    from xinfang.store import past

    lang = resolve_lang(lang)
    ledger = open_ledger(db)
    day = date(as_of) or current()
    # A past day's work as the ledger stood at the end of that day.
    report = practice.day(past.as_of(ledger, day), day, unit)
    if json_:
        out(plain.json_text(report))
    elif sys.stdout.isatty():
        from xinfang.render.terminal import stdout_console

        stdout_console().print(view.day_rich(report, lang))
    else:
        out(view.day_text(report, lang))


@commands.command()
def lead(
    case: CaseArg,
    leader: Annotated[str | None, typer.Option("--leader", help="定包案领导。", show_default=False)] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="定责任单位（须在单位名单中）。", show_default=False)] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="定化解方案。", show_default=False)] = None,
    target: Annotated[str | None, typer.Option("--target", help="定化解时限（日期）；与 --reason 一起写即为更改时限。", show_default=False)] = None,
    goal: Annotated[str | None, typer.Option("--goal", help="定化解目标。", show_default=False)] = None,
    requirements: Annotated[str | None, typer.Option("--requirements", help="定工作要求。", show_default=False)] = None,
    progress: Annotated[str | None, typer.Option("--progress", help="四包进展：掌握情况、解决问题、思想教育、息诉息访。", show_default=False)] = None,
    note: Annotated[str | None, typer.Option("--note", help="进展说明。", show_default=False)] = None,
    reason: ReasonOpt = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """领导包案：记录“六定”（包案领导、责任单位、化解方案、化解时限、化解目标、工作要求，缺一不可）；化解时限是包案领导的期限，超期进入超期报告。--target 加 --reason 更改化解时限；--progress 记录“四包”进展。

    例：xinfang lead 2026-42 --leader 李书记 --unit 县住建局 --plan "联合调处" --target 2026-12-31 --goal 息诉罢访 --requirements "每周报告进展"；xinfang lead 2026-42 --progress 解决问题 --note 已补发工资
    """
    from xinfang import practice

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    who = resolve_officer(officer)
    six = (leader, unit, plan, goal, requirements)
    if progress is not None:
        if any(six) or target:
            fail(t("lead.progress_alone", lang), lang, 2)
        event = practice.lead_progress(ledger, case, progress, note, officer=who, on=date(on))
    elif target and not any(six):  # the 化解时限 moved (the library asks for the reason)
        event = practice.change_lead_target(ledger, case, date(target) or ledger.today,
                                            reason, officer=who, on=date(on))
    else:
        event = practice.lead(ledger, case, officer=who, leader=leader, unit=unit, plan=plan,
                              target=date(target), goal=goal, requirements=requirements,
                              on=date(on))
    after_act(ledger, event, json_, lang)


@backlog_app.callback(invoke_without_command=True)
def backlog_main(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="也列出已销号的。")] = False,
    propose: Annotated[bool, typer.Option("--propose", help="列出按政策建议列入积案的案件（只列出，不自动加入）。")] = False,
    chart: Annotated[bool, typer.Option("--chart", help="画出积案数量随时间的变化（新增、销号、在册）。")] = False,
    format_: Annotated[str | None, typer.Option("--format", help="图片格式：png 或 svg（与 --output 一起用）。", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", help="图片文件名。", show_default=False, dir_okay=False)] = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """积案清单：化解方案、包案领导、化解时限、已办天数、信访次数，最紧急的在前。

    例：xinfang backlog；xinfang backlog --propose；xinfang backlog --chart；xinfang backlog --chart --format png --output 积案.png
    """
    if ctx.invoked_subcommand is not None:
        return
    from xinfang import practice
    from xinfang.dates import today as current
    from xinfang.render import plain
    from xinfang.render import practice as view

    lang = resolve_lang(lang)
    ledger = open_ledger(db)
    day = date(as_of) or current()
    if format_ is not None or output is not None:
        if format_ not in ("png", "svg") or output is None:
            fail(t("backlog.picture_needs", lang), lang, 2)
        from xinfang.files import ledger_files, write_output
        from xinfang.render import picture

        history = practice.backlog_history(ledger, day)
        payload, font = picture.chart(history, format_, lang)
        protected = ledger_files(ledger.path) if ledger.path else []
        write_output(output, payload, protected=protected)
        say(t("backlog.picture_written", lang, path=str(output)))
        if font is None and lang == "zh":
            say(t("backlog.no_cjk_font", lang))
        return
    if chart:
        history = practice.backlog_history(ledger, day)
        if json_:
            out(plain.json_text([vars(month) for month in history]))
        else:
            out(view.backlog_chart(history, lang))
        return
    if propose:
        found = practice.proposals(ledger, day)
        if json_:
            out(plain.json_text(found))
        else:
            out(view.proposals_text(found, day.isoformat(), lang))
        return
    items = practice.backlog(ledger, day, struck_off=all_)
    if json_:
        out(plain.json_text(items))
    else:
        out(view.backlog_text(items, day.isoformat(), lang))


@backlog_app.command("add")
def backlog_add(
    case: CaseArg, reason: ReasonOpt = None, on: OnOpt = None, officer: OfficerOpt = None,
    db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None,
) -> None:
    """经本办研究，把一件案件列入积案清单（写明理由）。

    例：xinfang backlog add 2026-42 --reason "重复信访 5 次，复核后仍在上访"
    """
    from xinfang import practice

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = practice.backlog_add(ledger, case, reason, officer=resolve_officer(officer),
                                 on=date(on))
    after_act(ledger, event, json_, lang)


@backlog_app.command("close")
def backlog_close(
    case: CaseArg,
    how: Annotated[str | None, typer.Option("--how", help="怎样化解的。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """积案化解后销号（化解一个，销号一个）：写明怎样化解的；包案领导的化解时限随之停止。

    例：xinfang backlog close 2026-42 --how "补发工资，信访人签字息诉"
    """
    from xinfang import practice

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = practice.backlog_close(ledger, case, how, officer=resolve_officer(officer),
                                   on=date(on))
    after_act(ledger, event, json_, lang)


@meeting_app.command("refer")
def meeting_refer(
    case: CaseArg,
    to: Annotated[str, typer.Option("--to", help="镇联席会议 或 县联席会议。")],
    reason: ReasonOpt = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """提请联席会议研究（写明理由）。

    例：xinfang meeting refer 2026-42 --to 镇联席会议 --reason "涉及住建、国土两个部门"
    """
    from xinfang import practice

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = practice.meeting_refer(ledger, case, to, reason, officer=resolve_officer(officer),
                                   on=date(on))
    after_act(ledger, event, json_, lang)


@meeting_app.command("record")
def meeting_record(
    cases: Annotated[list[str], typer.Option("--cases", help="会议研究的案件，可写多个。")],
    body: Annotated[str, typer.Option("--body", help="镇联席会议 或 县联席会议。")],
    decision: Annotated[str | None, typer.Option("--decision", help="会议决定。", show_default=False)] = None,
    task: Annotated[list[str] | None, typer.Option("--task", help="任务：单位:日期:内容，可写多个；每项是该单位的期限。", show_default=False)] = None,
    on: Annotated[str | None, typer.Option("--on", help="开会日期，默认今天。", show_default=False)] = None,
    officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None,
) -> None:
    """记录一次联席会议：研究的案件、会议决定和分工任务（每项任务是责任单位的期限，直到 meeting done）。

    例：xinfang meeting record --on 2026-11-20 --body 镇联席会议 --cases 2026-42 --cases 2026-57 --decision "住建牵头联合调处" --task "县住建局:2026-12-10:拿出维修方案"
    """
    from xinfang import practice
    from xinfang.render import plain

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    events = practice.meeting_record(ledger, [c for value in cases for c in value.split()],
                                     body, decision, task or [],
                                     officer=resolve_officer(officer), on=date(on))
    if json_:
        out(plain.json_text(events))
        return
    for event in events:
        after_act(ledger, event, False, lang)


@meeting_app.command("done")
def meeting_done(
    cases: Annotated[list[str], typer.Argument(help="案件编号，可写多个。", show_default=False)],
    unit: Annotated[str, typer.Option("--unit", help="完成任务的单位。")],
    note: Annotated[str | None, typer.Option("--note", help="完成情况。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """联席会议分给某单位的任务已完成：停止该单位在这些案件上的任务期限。

    例：xinfang meeting done 2026-42 --unit 县住建局 --note 维修方案已报镇政府
    """
    from xinfang import practice
    from xinfang.render import plain

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    events = practice.meeting_done(ledger, cases, unit, note, officer=resolve_officer(officer),
                                   on=date(on))
    if json_:
        out(plain.json_text(events))
        return
    for event in events:
        after_act(ledger, event, False, lang)


@commands.command()
def mediate(
    case: CaseArg,
    place: Annotated[str | None, typer.Option("--place", help="调解地点，如 镇矛调中心。", show_default=False)] = None,
    with_: Annotated[list[str] | None, typer.Option("--with", help="参加调解的人：身份:姓名，如 党代表:王春月、调解员:…、律师:…，可写多次。", show_default=False)] = None,
    outcome: Annotated[str, typer.Option("--outcome", help="agreed（达成协议）或 failed（未达成）。")] = "agreed",
    agreement: Annotated[str | None, typer.Option("--agreement", help="调解协议内容。", show_default=False)] = None,
    close: Annotated[bool, typer.Option("--close", help="达成协议的，同时以“调解化解”办结，协议作为处理意见。")] = False,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """记录一次调解（高唐“1+3”：代表、干部、调解员、律师共同调解）；达成协议的可加 --close 办结。

    例：xinfang mediate 2026-42 --on 2026-11-20 --place 镇矛调中心 --with 党代表:王春月 --with 调解员:李明 --with 律师:赵刚 --outcome agreed --agreement "分两期付清" --close
    """
    from xinfang import practice

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    events = practice.mediate(ledger, case, officer=resolve_officer(officer), place=place,
                              members=with_ or [], outcome=outcome, agreement=agreement,
                              close=close, on=date(on))
    after_act(ledger, events[-1], json_, lang)


@commands.command()
def assist(
    person: Annotated[str, typer.Argument(help="信访人身份证号或姓名。", show_default=False)],
    measure: Annotated[str, typer.Option("--measure", help="低保、医疗救助、临时救助、就业、其他。")],
    note: Annotated[str | None, typer.Option("--note", help="说明。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """帮扶救助：记录对困难信访人的帮扶措施（不是案件的一步；show 该人的案件时列出）。

    例：xinfang assist 郝丹文 --measure 临时救助 --note "发放临时救助金 2000 元"
    """
    from xinfang import practice
    from xinfang.render import plain

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    row = practice.assist(ledger, person, measure, note, officer=resolve_officer(officer),
                          on=date(on))
    if json_:
        out(plain.json_text(row))
        return
    from xinfang.texts import label
    from xinfang.vocab import ASSIST_MEASURES

    say(t("assist.recorded", lang, measure=label(ASSIST_MEASURES, row["measure"], lang),
          on=row["given_on"]))
