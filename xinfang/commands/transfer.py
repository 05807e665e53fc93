"""`xinfang import` and `xinfang export`: paper registers in, the ledger out."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xinfang.commands.options import (
    AsOfOpt,
    CategoryOpt,
    CollectiveOpt,
    DbOpt,
    DueWithinOpt,
    FlagOpt,
    JsonOpt,
    LangOpt,
    LocalityOpt,
    OfficerOpt,
    OverdueOpt,
    PersonOpt,
    RepeatOpt,
    SearchOpt,
    SinceOpt,
    StatusOpt,
    UnitOpt,
    UntilOpt,
    confirm,
    date,
    fail,
    interactive,
    make_filters,
    open_ledger,
    out,
    resolve_lang,
    resolve_officer,
    say,
)
from xinfang.texts import join, os_reason, ref, t
from xinfang.visible import visible

if TYPE_CHECKING:
    from rich.progress import TaskID

    from xinfang.registers.importer import Summary

commands = typer.Typer()

PROGRESS_FROM = 2000  # rows: smaller files import in a moment, without a bar
SHOW_UNMAPPED = 10  # columns not recognised, named one by one; then counted
SHOW_REJECTS = 50  # rejected rows listed on screen; --rejects and --json have them all

_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": ref("import.encoding_bom"),
                   "gb18030": "GBK/GB18030", "gbk": "GBK", "utf-16": "UTF-16"}


def _out(line: str = "") -> None:
    """A line of the import's account; the rows' cells in it made safe to show."""
    sys.stdout.write(visible(line) + "\n")


@contextlib.contextmanager
def _progress_bar(lang: str) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on stderr for a big file at a terminal; nothing otherwise."""
    from xinfang.render.terminal import stderr_console

    console = stderr_console()
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("{task.description}", BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), console=console, transient=True)
    tasks: dict[str, TaskID] = {}
    names = {"check": "import.stage.check", "write": "import.stage.write"}

    def update(stage: str, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if not tasks:
            bar.start()
        if stage not in tasks:
            for task in tasks.values():  # the stage before is over
                bar.update(task, completed=bar.tasks[task].total)
            tasks[stage] = bar.add_task(t(names[stage], lang), total=total)
        bar.update(tasks[stage], completed=done)

    try:
        yield update
    finally:
        if tasks:
            bar.stop()


@commands.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="登记簿文件：Excel/WPS 工作簿（.xlsx、.xlsm、.xls、.ods）或 CSV（GBK 或 UTF-8 均可）。", show_default=False)],
    encoding: Annotated[str, typer.Option("--encoding", help="文件编码：auto（自动识别）、gbk、gb18030、utf-8。")] = "auto",
    map_: Annotated[list[str] | None, typer.Option("--map", help="指定某列对应的字段：列名=字段，可写多次，如 --map 来访时间=received；字段写 - 表示不导入该列。字段：seq received name id_number phone address channel headcount locality category content unit result closed，另有 gender accepted forwarded officer remarks。", show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="试运行：显示将新增和不能导入的行，不写入台账。")] = False,
    rejects: Annotated[Path | None, typer.Option("--rejects", help="把不能导入的行连同原因写入这个文件：.xlsx 为工作簿（从工作簿导入时必须是 .xlsx），其他为 CSV；改正后可再导入。文件已存在时不覆盖，除非加 --force。", show_default=False, dir_okay=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="--rejects 的文件已存在时替换它。")] = False,
    archive_before: Annotated[str | None, typer.Option("--archive-before", help="收到日期早于此日、没有办理结果的行作为历史记录归档（已归档：不计期限，不进超期报告，统计中单独计数）。", show_default=False)] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="工作簿只导入这张工作表：写表名或第几张（从 1 数起）；不写则导入每张有登记簿表头的工作表。", show_default=False)] = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """从登记簿（Excel/WPS 工作簿或 CSV）导入案件：每行登记为一件，按登记簿补记转送、受理、办结，自动识别重复信访。

    工作簿直接读取：表头上方的标题行、合并的表头、日期单元格和日期序号都能识别；身份证号须存为文本。同一行不会重复导入；不能导入的行逐行说明原因。整个文件在一个事务中导入，中途失败则台账不变。

    例：xinfang import 2025登记簿.xlsx --dry-run；xinfang import 登记簿.xlsx --sheet 2024 --rejects 未导入.xlsx；xinfang import 2025登记簿.csv --map 来访时间=received
    """
    from xinfang.registers import importer, reading
    from xinfang.registers.workbooks import kind as workbook_kind

    lang = resolve_lang(lang)
    try:
        data = file.read_bytes()
    except OSError as err:
        fail(t("import.cannot_read", lang, path=file, reason=os_reason(err, lang)), lang)
    overrides = reading.parse_overrides(map_)
    if rejects is not None:
        importer.rejects_format(rejects, workbook_kind(data) is not None)
    protected = _refuse_output(rejects, db, force)
    ledger = open_ledger(db, create=not dry_run)
    ask = _ask_archive(lang) if interactive() and not json_ else None
    with _progress_bar(lang) as progress:
        summary = importer.import_register(
            ledger, data, name=file.name, officer=resolve_officer(officer), encoding=encoding,
            overrides=overrides, dry_run=dry_run, progress=progress,
            archive_before=date(archive_before), ask_archive=ask, sheet=sheet,
        )
    for skipped in summary.sheets_skipped:
        say(t(f"import.sheet_skipped.{skipped.reason}", lang, sheet=skipped.sheet))
    unmapped = summary.columns.unmapped
    for item in unmapped[:SHOW_UNMAPPED]:
        say(t("import.unmapped", lang, column=reading.describe_unmapped(item, lang)))
    if len(unmapped) > SHOW_UNMAPPED:
        say(t("import.more_unmapped", lang, more=len(unmapped) - SHOW_UNMAPPED))
    if rejects is not None:
        try:
            importer.write_rejects(rejects, summary, force=force, protected=protected)
        except OSError as err:
            fail(t("transfer.cannot_write", lang, path=rejects, reason=os_reason(err, lang)),
                 lang)
    if json_:
        from xinfang.render.plain import json_text

        out(json_text(summary.to_dict(lang)))
        return
    _print_summary(summary, lang, rejects)


def _ask_archive(lang: str) -> Callable[[int, dt.date], dt.date | None]:
    """At a terminal: old rows without a result are history, not today's work — ask."""

    def ask(count: int, cut: dt.date) -> dt.date | None:
        return cut if confirm(t("import.ask_archive", lang, count=count, cut=cut), lang,
                              default=True) else None

    return ask


def _print_summary(summary: Summary, lang: str, rejects: Path | None) -> None:
    from xinfang.vocab import STATUSES, label

    name: object = _ENCODING_NAMES.get(summary.encoding, summary.encoding)
    if summary.workbook is not None:
        from xinfang.registers.workbooks import KIND_NAMES

        name = ref("import.workbook", kind=KIND_NAMES[summary.workbook],
                   sheets=join(summary.sheets))
    added, skipped, rejected = len(summary.added), len(summary.skipped), len(summary.rejected)
    _out(t("import.summary_dry" if summary.dry_run else "import.summary", lang,
           file=summary.file, encoding=name, read=summary.read, added=added, skipped=skipped,
           rejected=rejected))
    kinds = {"blank": "import.skip.blank", "imported": "import.skip.imported",
             "duplicate": "import.skip.duplicate"}
    if skipped:
        counts = {kind: sum(1 for s in summary.skipped if s.reason == kind) for kind in kinds}
        parts = [t(kinds[k], lang, count=n) for k, n in counts.items() if n]
        _out(t("import.skipped", lang, parts=t("sep.parts", lang).join(parts)))
    if summary.dry_run and summary.added:
        _out(t("import.would_add", lang))
        for item in summary.added:
            text = f"  {_where(item.line, item.seq, lang, item.sheet)} → {item.case} {label(STATUSES, item.status, lang)}"
            if item.repeat_of:
                text += t("import.repeat_of", lang, case=item.repeat_of)
            _out(text)
    if summary.archived:
        _out(t("import.archived", lang, count=summary.archived, cut=summary.archive_before))
    elif summary.old_open:
        say(t("import.old_open", lang, count=summary.old_open))
    if summary.units_mapped:
        _out(t("import.units_mapped", lang, pairs=join(
            t("import.unit_pair", lang, given=given, unit=unit)
            for given, unit in summary.units_mapped.items())))
    if summary.unknown_categories:
        _out(t("import.unknown_categories", lang, count=len(summary.unknown_categories),
               names=join(summary.unknown_categories)))
    if summary.units_added:
        _out(t("import.units_added", lang, count=len(summary.units_added),
               units=join(summary.units_added)))
    if rejected:
        _out(t("import.rejected", lang))
        for refused in summary.rejected[:SHOW_REJECTS]:
            _out("  " + t("import.rejected_row", lang,
                          where=_where(refused.line, refused.seq, lang, refused.sheet),
                          reason=refused.text(lang)))
        more = rejected - SHOW_REJECTS
        if more > 0 and rejects is None:
            # Rows rejected from a workbook go to a workbook (`importer.rejects_format`).
            _out("  " + (t("import.more_rejected", lang, more=more) if summary.workbook is None
                         else t("import.more_rejected_workbook", lang, more=more)))
    if rejects is not None:
        if rejected:
            say(t("import.rejects_written", lang, rejected=rejected, path=rejects))
        else:
            say(t("import.no_rejects", lang, path=rejects))


def _refuse_output(path: Path | None, db: Path | None, force: bool) -> list[Path]:
    """Before any work: an output file may not be the ledger or a file beside it (by
    identity, whatever the path), a link, or an existing file without --force. Returns
    the ledger's files, to be refused again when the file is written."""
    from xinfang.db import locate
    from xinfang.files import ledger_files, refuse_target

    protected = ledger_files(locate(db).path)
    if path is not None:
        refuse_target(path, protected=protected, force=force)
    return protected


def _where(line: int, seq: str, lang: str, sheet: str = "") -> str:
    where = t("import.line_seq", lang, line=line, seq=seq) if seq else \
        t("import.line", lang, line=line)
    return t("import.sheet_where", lang, sheet=sheet, where=where) if sheet else where


@commands.command()
def export(
    format_: Annotated[str, typer.Option("--format", help="csv（默认，登记簿样式，可再导入）、xlsx（Excel 工作簿：身份证号和电话为文本，日期为日期，表头冻结可筛选；加 --events 另有一张办理经过）、excel-csv（给 Excel 打开的 CSV：长数字保持为文本；旧名 excel）或 json。")] = "csv",
    encoding: Annotated[str, typer.Option("--encoding", help="CSV 编码：utf-8-sig（默认，Excel 可直接打开）或 gbk。")] = "utf-8-sig",
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
    case: Annotated[list[str] | None, typer.Option("--case", help="只导出这些编号的案件（可写多次）；保密案件只能这样导出。", show_default=False)] = None,
    with_pii: Annotated[bool, typer.Option("--with-pii", help="导出完整身份证号和电话（会记入每件案件的经过）。")] = False,
    events: Annotated[bool, typer.Option("--events", help="每个办理事项一行，而不是每件案件一行。")] = False,
    as_of: AsOfOpt = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入这个文件（已存在时不覆盖，除非加 --force）；默认打印到标准输出。", show_default=False, dir_okay=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="-o 的文件已存在时替换它。")] = False,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="同 --format json。")] = False,
    lang: LangOpt = None,
) -> None:
    """导出案件（或 --events 导出办理经过），每件一行。身份证号和电话默认打码；保密案件不导出。

    CSV 按登记簿的列导出，可用 xinfang import 导入另一个台账；单元格不会被 Excel 当作公式执行。

    例：xinfang export --status 已办结 --since 2026-01-01 -o 2026办结.csv；xinfang export --format xlsx --events -o 台账.xlsx
    """
    from xinfang import acts
    from xinfang import export as export_mod
    from xinfang.files import write_output
    from xinfang.store import queries

    lang = resolve_lang(lang)
    fmt = "json" if json_ else export_mod.parse_format(format_)
    if not json_ and format_.strip().lower() in export_mod.RENAMED:
        say(t("export.excel_renamed", lang))
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        fail(t("export.xlsx_to_terminal", lang), lang, 2)
    enc = export_mod.parse_encoding(encoding)
    if fmt == "json" and enc not in ("utf-8", "utf-8-sig"):
        fail(t("export.json_encoding", lang), lang, 2)
    filters = make_filters(status, unit, category, locality, since, until, person, search,
                           overdue, due_within, repeat, collective, flag, as_of)
    if case and filters != queries.Filters():
        fail(t("export.case_and_filters", lang), lang, 2)
    protected = _refuse_output(output, db, force)
    ledger = open_ledger(db, writes=with_pii or bool(case))
    selection = export_mod.select(ledger, filters, case)
    if events:
        records = export_mod.event_records(ledger, selection.ids, reveal=with_pii)
        table = export_mod.events_table(records, lang)
    else:
        records = export_mod.case_records(ledger, selection.ids, reveal=with_pii)
        table = export_mod.register_table(records, lang)
    if fmt == "json":
        payload = export_mod.encode_json(records)
    elif fmt == "xlsx":
        # A workbook of the events has the cases' sheet before them.
        cases = table if not events else export_mod.register_table(
            export_mod.case_records(ledger, selection.ids, reveal=with_pii), lang)
        payload = export_mod.encode_xlsx(cases, table if events else None, lang)
    else:
        payload = export_mod.encode_csv(*table, encoding=enc, excel=fmt == "excel-csv")
    if with_pii and selection.ids:
        # Recorded before anything leaves: a reveal is never unrecorded.
        acts.reveal(ledger, selection.ids, resolve_officer(officer), ["id_number", "phone"],
                    "export")
    if selection.confidential:
        # A confidential case exported by name: who took it out, and when, is recorded.
        acts.exported(ledger, selection.confidential, resolve_officer(officer), fmt)
    if output is None:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            if fmt == "xlsx":
                fail(t("export.xlsx_to_terminal", lang), lang, 2)
            sys.stdout.write(payload.decode(enc if fmt != "json" else "utf-8"))
        else:
            sys.stdout.flush()
            stream.write(payload)
            stream.flush()
    else:
        try:
            write_output(output, payload, force=force, protected=protected)
        except OSError as err:
            fail(t("transfer.cannot_write", lang, path=output, reason=os_reason(err, lang)),
                 lang)
    count = len(records)
    if output is not None:
        say(t("export.done_events" if events else "export.done_cases", lang, count=count,
              path=output))
    if selection.left_out:
        say(t("export.left_out", lang, count=selection.left_out))
