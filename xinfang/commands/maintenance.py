"""Commands that keep a ledger sound: check, backup, restore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from xinfang.commands.options import (
    DbOpt,
    JsonOpt,
    LangOpt,
    OfficerOpt,
    confirm,
    fail,
    interactive,
    open_ledger,
    out,
    resolve_lang,
    resolve_officer,
    say,
)
from xinfang.texts import Label, t
from xinfang.vocab import EVENT_KINDS

commands = typer.Typer()


@commands.command()
def check(
    against: Annotated[str | None, typer.Option("--against", help="核对台账记录链是否仍以此前打印的末端（如 1234:3f2a9c1b7e4d）为前缀：历史被改写时不符。", show_default=False)] = None,
    rebuild_terms: Annotated[bool, typer.Option("--rebuild-terms", help="先按案件内容重新生成重复信访比对用的词频（检查报告词频不一致时用；不改动任何案件和记录）。")] = False,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """检查台账是否完好：SQLite 完整性与外键、记录只增不改、每件案件的状态与办理经过一致、截止日期与重算一致。

    例：xinfang check（完好时退出码 0，有问题时列出并返回 1）
    """
    from xinfang import maintenance
    from xinfang.render import plain
    from xinfang.store import chain

    lang = resolve_lang(lang)
    ledger = open_ledger(db)
    if rebuild_terms:
        maintenance.rebuild_terms(ledger)
        say(t("check.terms_rebuilt", lang))
    findings = maintenance.check(ledger, against=against)
    head = chain.head(ledger.db)
    if json_:
        out(plain.json_text({"findings": findings, "head": head.text}))
    else:
        for finding in findings:
            say(" ".join(part for part in (finding["case"] or "",
                                            t(f"check.problem.{finding['problem']}", lang),
                                            finding["detail"]) if part))
        say(t("check.head", lang, head=head.text))
    damage = [f for f in findings if f["problem"] != "could_not_check"]
    if damage:
        if not json_:
            if any(f["problem"] == "integrity_check" for f in damage):
                fail(t("check.damaged_pages", lang), lang)
            fail(t("check.problems", lang, count=len(damage)), lang)
        raise typer.Exit(1)
    if findings:
        if not json_:
            fail(t("check.incomplete", lang), lang)
        raise typer.Exit(1)
    if not json_:
        say(t("check.sound", lang))


@commands.command()
def backup(
    path: Annotated[Path, typer.Argument(help="备份文件路径（不能已存在）。", dir_okay=False)],
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """备份台账（别人正在登记时也可以安全备份）。备份文件只有本人可读。

    例：xinfang backup /mnt/u盘/台账-2026-11-23.db
    """
    from xinfang import maintenance
    from xinfang.db import locate
    from xinfang.files import ledger_files
    from xinfang.store import chain

    lang = resolve_lang(lang)
    ledger = open_ledger(db)
    written = maintenance.backup(ledger, path, protected=ledger_files(locate(db).path))
    say(t("backup.done", lang, path=written))
    say(t("check.head", lang, head=chain.head(ledger.db).text))


@commands.command()
def restore(
    path: Annotated[Path, typer.Argument(help="要恢复的备份文件。", dir_okay=False)],
    yes: Annotated[bool, typer.Option("--yes", help="不再询问，直接恢复（供脚本使用）。")] = False,
    wait: Annotated[float, typer.Option("--wait", help="其他命令正在使用台账时最多等待几秒。", min=0)] = 10.0,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """用备份恢复台账：先检查备份，显示将用什么替换什么并请你确认，再替换；原来的台账另存一份在旁边。恢复期间独占台账，其他命令会等待。

    例：xinfang restore /mnt/u盘/台账-2026-11-23.db（脚本中加 --yes）
    """
    from xinfang import maintenance
    from xinfang.db import locate

    lang = resolve_lang(lang)
    target = locate(db).path
    maintenance.verify(path)
    say(t("restore.plan", lang))
    if target.exists():
        say(_described("restore.current", maintenance.describe(target), lang))
    say(_described("restore.backup", maintenance.describe(path), lang))
    if not yes:
        if not interactive():
            fail(t("restore.needs_yes", lang), lang, 2)
        if not confirm(t("restore.confirm", lang), lang):
            fail(t("restore.cancelled", lang), lang)
    done = maintenance.restore(path, target, officer=resolve_officer(officer), wait=wait)
    say(t("restore.done", lang, source=path, target=target))
    if done.kept:
        say(t("restore.kept", lang, path=done.kept))


def _described(entry: str, ledger: Any, lang: str) -> str:
    last = (t("restore.last_act", lang, on=ledger.last_on, case=ledger.last_case,
              act=Label(EVENT_KINDS, ledger.last_kind)) if ledger.last_on else
            t("restore.no_act", lang))
    return t(entry, lang, path=ledger.path, office=ledger.office or t("restore.no_office", lang),
             cases=ledger.cases, last=last)
