"""`xinfang import` and `xinfang export`: paper registers in, the ledger out."""

from __future__ import annotations

import contextlib
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
    fail,
    make_filters,
    open_ledger,
    out,
    resolve_lang,
    resolve_officer,
    say,
)

if TYPE_CHECKING:
    from rich.progress import TaskID

    from xinfang.registers.importer import Summary

commands = typer.Typer()

PROGRESS_FROM = 2000  # rows: smaller files import in a moment, without a bar
SHOW_REJECTS = 50  # rejected rows listed on screen; --rejects and --json have them all

_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": ("UTF-8 带 BOM", "UTF-8 with BOM"),
                   "gb18030": "GBK/GB18030", "gbk": "GBK", "utf-16": "UTF-16"}


def _out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


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
    names = {"check": ("检查", "Checking"), "write": ("导入", "Importing")}

    def update(stage: str, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if not tasks:
            bar.start()
        if stage not in tasks:
            for task in tasks.values():  # the stage before is over
                bar.update(task, completed=bar.tasks[task].total)
            tasks[stage] = bar.add_task(names[stage][0 if lang == "zh" else 1], total=total)
        bar.update(tasks[stage], completed=done)

    try:
        yield update
    finally:
        if tasks:
            bar.stop()


@commands.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="登记簿 CSV 文件（Excel 另存为的 CSV，GBK 或 UTF-8 均可）。", show_default=False)],
    encoding: Annotated[str, typer.Option("--encoding", help="文件编码：auto（自动识别）、gbk、gb18030、utf-8。")] = "auto",
    map_: Annotated[list[str] | None, typer.Option("--map", help="指定某列对应的字段：列名=字段，可写多次，如 --map 来访时间=received；字段写 - 表示不导入该列。字段：seq received name id_number phone address channel headcount locality category content unit result closed，另有 gender accepted forwarded officer remarks。", show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="试运行：显示将新增和不能导入的行，不写入台账。")] = False,
    rejects: Annotated[Path | None, typer.Option("--rejects", help="把不能导入的行连同原因写入这个 CSV（Excel 可直接打开；改正后可再导入）。", show_default=False, dir_okay=False)] = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """从登记簿 CSV 导入案件：每行登记为一件，按登记簿补记转送、受理、办结，自动识别重复信访。

    同一行不会重复导入；不能导入的行逐行说明原因。整个文件在一个事务中导入，中途失败则台账不变。

    例：xinfang import 2025登记簿.csv --dry-run；xinfang import 2025登记簿.csv --map 来访时间=received --rejects 未导入.csv
    """
    from xinfang.registers import importer, reading

    lang = resolve_lang(lang)
    zh = lang == "zh"
    try:
        data = file.read_bytes()
    except OSError as err:
        fail((f"读不到文件 {file}：{err.strerror or err}。" if zh else
              f"Cannot read {file}: {err.strerror or err}."), lang)
    overrides = reading.parse_overrides(map_)
    _not_the_ledger(rejects, db, lang)
    ledger = open_ledger(db, create=not dry_run)
    with _progress_bar(lang) as progress:
        summary = importer.import_register(
            ledger, data, name=file.name, officer=resolve_officer(officer), encoding=encoding,
            overrides=overrides, dry_run=dry_run, progress=progress,
        )
    for item in summary.columns.unmapped:
        say(("注意：未识别的列已忽略：" if zh else "Note: a column was left out: ")
            + reading.describe_unmapped(item, lang)
            + ("。如需导入，用 --map 列名=字段 指定；确实不需要可用 --map 列名=- 。" if zh else
               ". To import it use --map COLUMN=FIELD; to silence this use --map COLUMN=-."))
    if rejects is not None:
        try:
            importer.write_rejects(rejects, summary)
        except OSError as err:
            fail((f"无法写入 {rejects}：{err.strerror or err}。" if zh else
                  f"Cannot write {rejects}: {err.strerror or err}."), lang)
    if json_:
        from xinfang.render.plain import json_text

        out(json_text(summary.to_dict(lang)))
        return
    _print_summary(summary, lang, rejects)


def _print_summary(summary: Summary, lang: str, rejects: Path | None) -> None:
    from xinfang.vocab import STATUSES, label

    zh = lang == "zh"
    name = _ENCODING_NAMES.get(summary.encoding, summary.encoding)
    if isinstance(name, tuple):
        name = name[0 if zh else 1]
    added, skipped, rejected = len(summary.added), len(summary.skipped), len(summary.rejected)
    if zh:
        _out(("试运行，台账未改动。" if summary.dry_run else "")
             + f"{summary.file}（{name}）：读取 {summary.read} 行 = "
             + ("将新增" if summary.dry_run else "新增")
             + f" {added} 件 + 跳过 {skipped} 行 + 未导入 {rejected} 行。")
    else:
        _out(("Dry run, the ledger is unchanged. " if summary.dry_run else "")
             + f"{summary.file} ({name}): {summary.read} rows read = {added} "
             + ("would be added" if summary.dry_run else "added")
             + f" + {skipped} skipped + {rejected} rejected.")
    kinds = {"blank": ("空行", "blank"), "imported": ("已导入过", "already imported"),
             "duplicate": ("与前面的行相同", "same as an earlier row")}
    if skipped:
        counts = {kind: sum(1 for s in summary.skipped if s.reason == kind) for kind in kinds}
        parts = [f"{kinds[k][0 if zh else 1]} {n}" for k, n in counts.items() if n]
        _out(("跳过：" if zh else "Skipped: ") + ("；" if zh else "; ").join(parts)
             + ("。" if zh else "."))
    if summary.dry_run and summary.added:
        _out("将新增：" if zh else "Would add:")
        for item in summary.added:
            text = f"  {_where(item.line, item.seq, lang)} → {item.case} {label(STATUSES, item.status, lang)}"
            if item.repeat_of:
                text += (f"（重复信访，初件 {item.repeat_of}）" if zh else
                         f" (repeat of {item.repeat_of})")
            _out(text)
    if summary.units_added:
        _out((f"新增责任单位 {len(summary.units_added)} 个：" if zh else
              f"{len(summary.units_added)} units added to the list: ")
             + ("、" if zh else ", ").join(summary.units_added)
             + ("（层级未填，可用 xinfang unit list 查看）。" if zh else
                " (level unknown; see xinfang unit list)."))
    if rejected:
        _out("未导入：" if zh else "Rejected:")
        for item in summary.rejected[:SHOW_REJECTS]:
            _out(f"  {_where(item.line, item.seq, lang)}：{item.text(lang)}" if zh else
                 f"  {_where(item.line, item.seq, lang)}: {item.text(lang)}")
        more = rejected - SHOW_REJECTS
        if more > 0 and rejects is None:
            _out(f"  ……另有 {more} 行未列出，用 --rejects 文件.csv 保存全部。" if zh else
                 f"  … {more} more; save them all with --rejects FILE.csv.")
    if rejects is not None:
        if rejected:
            say(f"未导入的 {rejected} 行及原因已写入 {rejects}（Excel 可直接打开）；改正后可用 "
                f"xinfang import {rejects} 再次导入。" if zh else
                f"The {rejected} rejected rows and why are in {rejects} (opens in Excel); fix "
                f"them and run xinfang import {rejects}.")
        else:
            say(f"没有不能导入的行；{rejects} 中只有表头。" if zh else
                f"No row was rejected; {rejects} holds only the header.")


def _not_the_ledger(path: Path | None, db: Path | None, lang: str) -> None:
    """An export or rejects file written over the ledger itself would destroy it."""
    from xinfang.db import locate

    if path is not None and path.resolve() == locate(db).path.resolve():
        fail(f"{path} 是台账文件本身，不能把导出内容写在它上面。换一个文件名。" if lang == "zh" else
             f"{path} is the ledger itself; it cannot be overwritten. Choose another name.",
             lang, 2)


def _where(line: int, seq: str, lang: str) -> str:
    if lang == "zh":
        return f"第 {line} 行" + (f"（序号 {seq}）" if seq else "")
    return f"line {line}" + (f" (no. {seq})" if seq else "")


@commands.command()
def export(
    format_: Annotated[str, typer.Option("--format", help="csv（默认，登记簿样式，可再导入）、excel（Excel 专用 CSV：身份证号等长数字保持为文本）或 json。")] = "csv",
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
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入这个文件；默认打印到标准输出。", show_default=False, dir_okay=False)] = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="同 --format json。")] = False,
    lang: LangOpt = None,
) -> None:
    """导出案件（或 --events 导出办理经过），每件一行。身份证号和电话默认打码；保密案件不导出。

    CSV 按登记簿的列导出，可用 xinfang import 导入另一个台账；单元格不会被 Excel 当作公式执行。

    例：xinfang export --status 已办结 --since 2026-01-01 -o 2026办结.csv；xinfang export --format excel --with-pii -o 全部.csv
    """
    from xinfang import acts
    from xinfang import export as export_mod
    from xinfang.files import write_private
    from xinfang.store import queries
    lang = resolve_lang(lang)
    zh = lang == "zh"
    fmt = "json" if json_ else export_mod.parse_format(format_)
    enc = export_mod.parse_encoding(encoding)
    if fmt == "json" and enc not in ("utf-8", "utf-8-sig"):
        fail("JSON 总是 UTF-8 编码，不能加 --encoding gbk。" if zh else
             "JSON is always UTF-8; drop --encoding.", lang, 2)
    filters = make_filters(status, unit, category, locality, since, until, person, search,
                           overdue, due_within, repeat, collective, flag, as_of)
    if case and filters != queries.Filters():
        fail("--case 不能与筛选条件同时使用：要么指定编号，要么用条件筛选。" if zh else
             "--case cannot be combined with filters: name cases or filter them.", lang, 2)
    _not_the_ledger(output, db, lang)
    ledger = open_ledger(db, writes=with_pii)
    selection = export_mod.select(ledger, filters, case)
    if events:
        records = export_mod.event_records(ledger, selection.ids)
        table = export_mod.events_table(records, lang)
    else:
        records = export_mod.case_records(ledger, selection.ids, reveal=with_pii)
        table = export_mod.register_table(records, lang)
    if fmt == "json":
        payload = export_mod.encode_json(records)
    else:
        payload = export_mod.encode_csv(*table, encoding=enc, excel=fmt == "excel")
    if with_pii and not events and selection.ids:
        # Recorded before anything leaves: a reveal is never unrecorded.
        acts.reveal(ledger, selection.ids, resolve_officer(officer), ["id_number", "phone"],
                    "export")
    if output is None:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(payload.decode(enc if fmt != "json" else "utf-8"))
        else:
            sys.stdout.flush()
            stream.write(payload)
            stream.flush()
    else:
        try:
            write_private(output, payload)
        except OSError as err:
            fail((f"无法写入 {output}：{err.strerror or err}。" if zh else
                  f"Cannot write {output}: {err.strerror or err}."), lang)
    what = (("个办理事项" if zh else " events") if events else ("件案件" if zh else " cases"))
    count = len(records)
    if output is not None:
        say(f"已导出 {count} {what}到 {output}。" if zh else f"Exported {count}{what} to {output}.")
    if selection.left_out:
        say(f"另有 {selection.left_out} 件保密案件未导出；确需导出请用 --case 编号 逐件指定。" if zh
            else f"{selection.left_out} confidential cases were left out; name them with --case "
            "to export them.")
