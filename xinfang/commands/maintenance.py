"""Commands that keep a ledger sound: check, backup, restore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from xinfang.commands.options import (
    DbOpt,
    JsonOpt,
    LangOpt,
    fail,
    open_ledger,
    out,
    resolve_lang,
    say,
)
from xinfang.texts import t

commands = typer.Typer()


@commands.command()
def check(
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """检查台账是否完好：SQLite 完整性与外键、记录只增不改、每件案件的状态与办理经过一致、截止日期与重算一致。

    例：xinfang check（完好时退出码 0，有问题时列出并返回 1）
    """
    from xinfang import maintenance
    from xinfang.render import plain

    lang = resolve_lang(lang)
    ledger = open_ledger(db)
    findings = maintenance.check(ledger)
    if json_:
        out(plain.json_text(findings))
    elif findings:
        for finding in findings:
            say(" ".join(part for part in (finding["case"] or "", finding["problem"],
                                            finding["detail"]) if part))
    if findings:
        if not json_:
            fail(t("check.problems", lang, count=len(findings)), lang)
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

    lang = resolve_lang(lang)
    ledger = open_ledger(db)
    written = maintenance.backup(ledger, path)
    say(t("backup.done", lang, path=written))


@commands.command()
def restore(
    path: Annotated[Path, typer.Argument(help="要恢复的备份文件。", dir_okay=False)],
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """用备份恢复台账：先检查备份，再替换；原来的台账改名保留在旁边。

    例：xinfang restore /mnt/u盘/台账-2026-11-23.db
    """
    from xinfang import maintenance
    from xinfang.db import locate

    lang = resolve_lang(lang)
    target = locate(db).path
    kept = maintenance.restore(path, target)
    say(t("restore.done", lang, source=path, target=target))
    if kept:
        say(t("restore.kept", lang, path=kept))
