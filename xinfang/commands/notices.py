"""`xinfang notice CASE KIND`: the documents the Regulation requires, as Word files, and
`xinfang notice templates`: which template fills each kind, and a copy to edit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from xinfang.commands.frame import Group
from xinfang.commands.options import (
    CaseArg,
    DbOpt,
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
from xinfang.texts import t


class _WriteByDefault(Group):
    """`xinfang notice CASE KIND` is `xinfang notice write CASE KIND`: a first word that
    is not one of the group's commands (nor --help) starts the default one."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["write", *args]
        return super().parse_args(ctx, args)


commands = typer.Typer()
notice_app = typer.Typer(
    cls=_WriteByDefault,
    help="出具书面文书（Word 文档，按党政机关公文格式）：登记回执、转送单、交办单、受理告知书、处理意见书、送达回证等。\n\n例：xinfang notice 2026-42 opinion",
)
commands.add_typer(notice_app, name="notice")

KindArg = Annotated[str | None, typer.Argument(help="文书种类，如 receipt（登记回执）、forward（转送单）、opinion（处理意见书）、delivery（送达回证）；xinfang notice templates 列出全部。", show_default=False)]


@notice_app.command("write")
def write(
    case: CaseArg,
    kind: KindArg = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入这个文件（或文件夹）；默认写在当前文件夹，文件名为“案件编号-文书名称.docx”。已存在时不覆盖，除非加 --force。", show_default=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help="出具本案到目前为止应有的全部文书（-o 为文件夹），送达回证最后。")] = False,
    print_text: Annotated[bool, typer.Option("--print-text", help="把文书的文字打印到终端（不写文件、不记入经过；同时给 -o 时也写文件）。")] = False,
    with_pii: Annotated[bool, typer.Option("--with-pii", help="给信访人的文书中写完整身份证号和电话（会记入案件经过）。")] = False,
    on: Annotated[str | None, typer.Option("--on", help="成文日期，默认今天。", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时替换它。")] = False,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """出具一件案件的书面文书（.docx），记入办理经过（文书种类、文件名、SHA-256）。

    例：xinfang notice 2026-42 opinion；xinfang notice 2026-42 forward -o 转送单.docx；xinfang notice 2026-42 --all -o 文书/；xinfang notice 2026-42 receipt --print-text
    """
    from xinfang.notices import documents, facts
    from xinfang.texts import Label
    from xinfang.visible import visible
    from xinfang.vocab import NOTICE_KINDS, parse_notice_kind

    lang = resolve_lang(lang)
    if all_ == (kind is not None):
        fail(t("notice.kind_or_all", lang), lang, 2)
    ledger = open_ledger(db, writes=True)
    kinds = facts.due_kinds(ledger, case) if all_ else [parse_notice_kind(kind or "")]
    ready = documents.prepare(ledger, case, kinds, with_pii=with_pii, dated=date(on))
    who = resolve_officer(officer)
    for item in ready:
        for note in item.notice.notes:
            say(note.text(lang))
    if print_text:
        for item in ready:
            out(visible(documents.text_of(item.render())))
        if output is None:
            documents.shown(ledger, ready, who)
            return
    written = documents.write_documents(
        ledger, ready, officer=who, output=None if all_ else output,
        folder=output if all_ else None, force=force)
    for done in written:
        say(t("notice.written", lang, title=Label(NOTICE_KINDS, done.notice.kind),
              path=str(done.path), sha=done.sha256[:12]))
        if done.notice.revealed:
            say(t("notice.revealed", lang))
        if not print_text:
            out(visible(str(done.path)) + "\n")


@notice_app.command("templates")
def templates(
    copy: Annotated[str | None, typer.Option("--copy", help="把这一种文书的默认模板复制到台账旁的模板文件夹，以便用 Word 修改（all 复制全部）。", show_default=False)] = None,
    fields: Annotated[str | None, typer.Option("--fields", help="列出这一种文书的模板可用的占位符及其含义。", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="--copy 时替换已有的模板。")] = False,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """列出各种文书用的模板（本办自己的或默认的）、模板是否可用，以及模板文件夹的位置。

    例：xinfang notice templates；xinfang notice templates --copy opinion；xinfang notice templates --fields opinion
    """
    from xinfang.db import locate
    from xinfang.notices import kinds
    from xinfang.notices import templates as templates_mod
    from xinfang.render import terminal
    from xinfang.vocab import parse_notice_kind

    lang = resolve_lang(lang)
    ledger_path = locate(db).path
    if fields is not None:
        code = parse_notice_kind(fields)
        console = terminal.stdout_console()
        console.print(terminal.placeholders_table(code, sorted(kinds.KINDS[code].placeholders),
                                                  lang))
        return
    if copy is not None:
        codes = list(kinds.KINDS) if copy.strip().lower() == "all" else [parse_notice_kind(copy)]
        for code in codes:
            path = templates_mod.copy_default(ledger_path, code, force=force)
            say(t("notice.copied", lang, path=str(path)))
        return
    listed = templates_mod.listing(ledger_path)
    terminal.stdout_console().print(terminal.templates_table(listed, lang))
    say(t("notice.templates_folder", lang,
          folder=str(templates_mod.office_folder(ledger_path))))
    if any(item.problem for item in listed):
        raise typer.Exit(1)
