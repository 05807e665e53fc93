"""Commands for reports: overdue (nightly), figures, major visits, repeat chains."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from xinfang.commands.options import (
    AsOfOpt,
    DbOpt,
    JsonOpt,
    LangOpt,
    OfficerOpt,
    date,
    fail,
    open_ledger,
    out,
    resolve_lang,
    resolve_officer,
    say,
)
from xinfang.texts import os_reason, t

commands = typer.Typer()
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="--format xlsx 时写入这个工作簿（已存在时不覆盖，除非加 --force）；不写则输出到标准输出（不能是终端）。", show_default=False, dir_okay=False)]
ForceOpt = Annotated[bool, typer.Option("--force", help="-o 的文件已存在时替换它。")]


def _workbook_target(output: Path | None, db: Path | None, force: bool, lang: str) -> list[Path]:
    """Before any work: where a workbook goes may not be the ledger's files, a link or an
    existing file without --force, nor a terminal. Returns the ledger's files."""
    from xinfang.db import locate
    from xinfang.files import ledger_files, refuse_target

    protected = ledger_files(locate(db).path)
    if output is not None:
        refuse_target(output, protected=protected, force=force)
    elif sys.stdout.isatty() or getattr(sys.stdout, "buffer", None) is None:
        fail(t("export.xlsx_to_terminal", lang), lang, 2)
    return protected


def _put_workbook(payload: bytes, output: Path | None, force: bool, protected: list[Path],
                  lang: str) -> None:
    from xinfang.files import write_output

    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    try:
        write_output(output, payload, force=force, protected=protected)
    except OSError as err:
        fail(t("transfer.cannot_write", lang, path=output, reason=os_reason(err, lang)), lang)
    say(t("report.done_workbook", lang, path=output))
report_app = typer.Typer(help="报表：超期报告（供每晚定时任务）、工作指标、重大访情。\n\n例：xinfang report overdue --format text")
commands.add_typer(report_app, name="report")


@report_app.command("overdue")
def report_overdue(
    as_of: AsOfOpt = None,
    unit: Annotated[str | None, typer.Option("--unit", help="只看这个责任单位。", show_default=False)] = None,
    format_: Annotated[str, typer.Option("--format", help="text（文本）、md（Markdown）、csv、json 或 xlsx（Excel 工作簿，按责任单位分组，可筛选）。")] = "text",
    quiet_if_none: Annotated[bool, typer.Option("--quiet-if-none", help="没有超期时什么也不打印（适合定时任务）。")] = False,
    wait: Annotated[float | None, typer.Option("--wait", help="另一份超期报告正在生成时最多等几秒（默认等到它结束）。", min=0, show_default=False)] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """超期报告：按责任单位分组（复查、复核记在复查、复核机关名下），超期最久的在前；随后列出即将到期的。每晚由定时任务运行。--as-of 过去的某一天：按那天结束时的台账（当天及以前办理的事项、当时的期限政策和日历）列出。

    例：xinfang report overdue --format text --quiet-if-none；xinfang report overdue --as-of 2026-05-06；xinfang report overdue --format xlsx -o 超期.xlsx
    """
    from xinfang import reports
    from xinfang.dates import today
    from xinfang.db import locate, one_at_a_time
    from xinfang.render import plain
    from xinfang.store import past

    lang = resolve_lang(lang)
    if format_ not in ("text", "md", "csv", "json", "xlsx"):
        raise typer.BadParameter("text, md, csv, json, xlsx", param_hint="--format")
    protected = _workbook_target(output, db, force, lang) if format_ == "xlsx" else []
    ledger = open_ledger(db)
    # Two runs (two cron jobs, a cron job and an officer) never interleave: one waits.
    with one_at_a_time(locate(db).path, wait=wait,
                       waiting=lambda: say(t("report.waiting", lang))):
        day = date(as_of) or today()
        report = reports.overdue(past.as_of(ledger, day), day, unit)
        if quiet_if_none and not report["overdue"]:
            return
        if format_ == "xlsx":
            from xinfang.render.workbook import overdue_workbook

            _put_workbook(overdue_workbook(report, lang), output, force, protected, lang)
            return
        if format_ == "json":
            sys.stdout.write(plain.overdue_json(report))
        elif format_ == "csv":
            sys.stdout.write(plain.csv_text(report))
        elif format_ == "md":
            sys.stdout.write(plain.markdown(report, lang))
        elif sys.stdout.isatty():
            from xinfang.render import terminal

            terminal.stdout_console().print(terminal.overdue_tables(report, lang))
        else:
            sys.stdout.write(plain.text(report, lang))
        sys.stdout.flush()


@report_app.command("stats")
def report_stats(
    from_: Annotated[str | None, typer.Option("--from", "--since", help="统计起始日期，默认今年 1 月 1 日。", show_default=False)] = None,
    to: Annotated[str | None, typer.Option("--to", "--until", help="统计截止日期，默认今天。", show_default=False)] = None,
    by: Annotated[str | None, typer.Option("--by", help="分组：unit（责任单位）、category（类别）、locality（属地）、month（月份）。", show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="按过去某一天结束时的台账统计（当天及以前办理的事项，当时的政策和日历），默认今天。", show_default=False)] = None,
    definitions: Annotated[str, typer.Option("--definitions", help="口径：case（按件，默认，信访部门与责任单位分别统计）或 clock（按期限，旧口径）。")] = "case",
    format_: Annotated[str, typer.Option("--format", help="text（表格，默认）、json 或 xlsx（Excel 工作簿：各项指标的口径、分子分母和各类件数，信访部门与责任单位分列，逐月并附折线图；与 --definitions 同一口径）。")] = "text",
    output: OutputOpt = None,
    force: ForceOpt = False,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """工作指标（按件统计，信访部门与责任单位分别计算）：及时受理率、按期办结率、参评率、满意率、重复信访率、一次性化解率、包案化解率，各附口径、分子分母和各类件数；--by unit 给出各责任单位的指标和排名。统计期已结束的，列出此后有变化的指标及原因。--definitions clock 为按期限统计的旧口径。

    例：xinfang report stats --from 2026-01-01 --to 2026-11-30 --by unit；xinfang report stats --format xlsx -o 2026指标.xlsx
    """
    from xinfang import reports
    from xinfang.dates import today
    from xinfang.render import plain, terminal
    from xinfang.store import past

    lang = resolve_lang(lang)
    if by is not None and by not in ("unit", "category", "locality", "month"):
        raise typer.BadParameter("unit, category, locality, month", param_hint="--by")
    if definitions not in reports.DEFINITIONS:
        raise typer.BadParameter(", ".join(reports.DEFINITIONS), param_hint="--definitions")
    if format_ not in ("text", "json", "xlsx"):
        raise typer.BadParameter("text, json, xlsx", param_hint="--format")
    protected = _workbook_target(output, db, force, lang) if format_ == "xlsx" else []
    ledger = open_ledger(db)
    end = date(to) or today()
    start = date(from_) or end.replace(month=1, day=1)
    if start > end:
        fail(t("stats.from_after_to", lang), lang, 2)
    ledger = past.as_of(ledger, date(as_of))
    if format_ == "xlsx":
        from xinfang.render.workbook import stats_case_workbook, stats_workbook

        # The period, its months and its groups are counted by the same definitions.
        result = reports.stats(ledger, start, end, by, definitions)
        if definitions == "clock":
            months = reports.figures_by_month(ledger, start, end)
            groups = reports.figures_by_group(ledger, by, start, end) if by else None
            payload = stats_workbook(result, months, lang, groups)
        else:
            months = reports.case_figures_by_month(ledger, start, end)
            groups = reports.case_figures_by_group(ledger, by, start, end) if by else None
            payload = stats_case_workbook(result, months, lang, groups)
        _put_workbook(payload, output, force, protected, lang)
        return
    result = reports.stats(ledger, start, end, by, definitions)
    if json_ or format_ == "json":
        out(plain.json_text(result))
        return
    console = terminal.stdout_console()
    console.print(terminal.stats_tables(result, lang))
    if sys.stdout.isatty():
        console.print(terminal.month_chart(result["months"], lang))


@report_app.command("major")
def report_major(
    as_of: AsOfOpt = None, db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None,
) -> None:
    """重大访情：未办结的集体访和越级访（赴省、进京），需即时报告。

    例：xinfang report major --as-of 2026-11-23
    """
    from xinfang import reports
    from xinfang.dates import today
    from xinfang.render import plain

    lang = resolve_lang(lang)
    ledger = open_ledger(db)
    day = date(as_of) or today()
    items = reports.major(ledger, day)
    if json_:
        out(plain.json_text(items))
    else:
        sys.stdout.write(plain.major_text(items, day.isoformat(), lang))


@commands.command()
def repeats(
    case: Annotated[str | None, typer.Argument(help="案件编号；不写则列出整个台账的重复信访链。", show_default=False)] = None,
    repeat_of: Annotated[str | None, typer.Option("--repeat-of", help="更正：把这件案件认定为某件案件的重复信访。", show_default=False)] = None,
    not_repeat: Annotated[bool, typer.Option("--not-repeat", help="更正：这件案件不是重复信访。")] = False,
    why: Annotated[bool, typer.Option("--why", help="说明这件案件为什么（不）是重复信访：身份依据、诉求相近的分数和共同的内容。")] = False,
    same_person: Annotated[str | None, typer.Option("--same-person", help="认定：这件案件的信访人与那件案件的信访人是同一人（如换了电话、没带身份证）。", show_default=False)] = None,
    other_person: Annotated[str | None, typer.Option("--other-person", help="认定：这件案件的信访人与那件案件的信访人不是同一人（同名同姓）。", show_default=False)] = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """重复信访链：同一信访人就同一事项多次信访，链接到初件并计数。

    例：xinfang repeats（整个台账）；xinfang repeats 2026-42；xinfang repeats 2026-42 --not-repeat；xinfang repeats 2026-42 --why；xinfang repeats 2026-42 --same-person 2025-7
    """
    import dataclasses

    from xinfang import acts, reports
    from xinfang.render import plain, terminal
    from xinfang.store import queries

    lang = resolve_lang(lang)
    other = same_person or other_person
    if (repeat_of or not_repeat or other) and not case:
        fail(t("repeats.no_case", lang), lang, 2)
    if why and not case:
        fail(t("repeats.why_needs_case", lang), lang, 2)
    if repeat_of and not_repeat:
        fail(t("register.repeat_conflict", lang), lang, 2)
    if same_person and other_person:
        fail(t("repeats.people_conflict", lang), lang, 2)
    ledger = open_ledger(db, writes=bool(repeat_of or not_repeat or other))
    if case and other:
        acts.link_people(ledger, case, other, same=bool(same_person),
                         officer=resolve_officer(officer))
        say(t("repeats.people.same" if same_person else "repeats.people.apart", lang,
              case=ledger.case_number(ledger.find_case(case)),
              other=ledger.case_number(ledger.find_case(other))))
    if case and (repeat_of or not_repeat):
        acts.mark_repeat(ledger, case, officer=resolve_officer(officer), repeat_of=repeat_of)
    if case and why:
        explained = acts.explain_repeat(ledger, case)
        if json_:
            out(plain.json_text(dataclasses.asdict(explained)))
        else:
            sys.stdout.write("".join(line + "\n" for line in
                                     terminal.repeat_explained(explained, lang)))
        return
    if case:
        chains = [queries.chain_of(ledger, ledger.find_case(case))]
    else:
        chains = [c for c in reports.repeat_chains(ledger) if c["length"] > 1]
    if json_ and case:
        out(plain.json_text(chains[0]))
    elif json_:
        for part in plain.json_lines(chains):
            out(part)
    elif not chains:
        say(t("repeats.none", lang))
    else:
        terminal.stdout_console().print(terminal.chains_view(chains, lang))


