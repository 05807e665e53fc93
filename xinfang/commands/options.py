"""What every command shares: the options that mean the same thing everywhere, reading
what was typed, opening the ledger, and talking to the officer on stderr."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from xinfang.texts import t
from xinfang.visible import visible

if TYPE_CHECKING:
    from xinfang.store.ledger import Ledger
    from xinfang.store.queries import Filters

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
ReasonOpt = Annotated[str | None, typer.Option("--reason", help="理由。", show_default=False)]

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
                 as_of: str | None) -> Filters:
    """The filter options as typed → store.queries.Filters."""
    from xinfang.store.queries import Filters
    from xinfang.vocab import parse_flag, parse_status

    statuses = [parse_status(part) for value in status or [] for part in
                value.replace("，", ",").split(",") if part.strip()]
    return Filters(
        status=statuses or None, unit=unit, category=category, locality=locality,
        since=date(since), until=date(until), person=person, search=search,
        overdue=overdue, due_within=due_within, repeat=repeat, collective=collective,
        flag=parse_flag(flag) if flag else None, as_of=date(as_of),
    )


def interactive() -> bool:
    """Whether an officer is at a terminal to answer prompts."""
    return sys.stdin.isatty()


YES = ("是", "是的", "对", "好", "y", "yes")
NO = ("否", "不", "不是", "n", "no")


def confirm(question: str, lang: str, default: bool = False) -> bool:
    """Ask a yes/no question at the terminal; 是/否 as well as y/n, asked again until it
    is one of them."""
    from xinfang.texts import t

    hint = t("prompt.yes_no_default_yes" if default else "prompt.yes_no_default_no", lang)
    while True:
        answer = typer.prompt(f"{question} {hint}", default="", show_default=False,
                              err=True, prompt_suffix=t("prompt.suffix", lang)).strip().lower()
        if not answer:
            return default
        if answer in YES:
            return True
        if answer in NO:
            return False
        say(t("prompt.yes_or_no", lang))


def choose(question: str, choices: list[str], lang: str) -> int:
    """Ask the officer to pick one of `choices` by its number (1, 2, …); asked again
    until the answer is one of them. Returns the index picked."""
    from xinfang.texts import t

    for number, choice in enumerate(choices, 1):
        say(f"  {number}. {choice}")
    while True:
        answer = typer.prompt(question, default="", show_default=False, err=True,
                              prompt_suffix=t("prompt.suffix", lang)).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return int(answer) - 1
        say(t("prompt.pick_number", lang, count=len(choices)))


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


def date(value: str | None) -> dt.date | None:
    """A date as the officer typed it (2026-11-23, 2026/11/23, 今天 …), or None."""
    from xinfang.dates import parse_date

    if value is None:
        return None
    return parse_date(value)


def fail(message: str, lang: str, code: int = 1) -> NoReturn:
    """`错误：…` on stderr and the exit code."""
    from xinfang.render.terminal import stderr_console

    stderr_console().print(visible(t("word.error", lang) + message), markup=False,
                           highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def say(message: str) -> None:
    """Talk to the officer on stderr; data goes to stdout."""
    from xinfang.render.terminal import stderr_console

    stderr_console().print(visible(message), markup=False, highlight=False, soft_wrap=True)


def out(text: str) -> None:
    """Data (JSON, plain text) to stdout; its renderer made it safe for a terminal."""
    sys.stdout.write(text)


OPENED: list[Ledger] = []  # closed when the command ends (see cli.guarded)


def open_ledger(db: Path | None, *, create: bool = False, writes: bool = False,
                today: dt.date | None = None) -> Ledger:
    """The ledger `--db` (or XINFANG_DB, or the default place) names. `create` makes a
    missing one (the commands that set a ledger up or register); `writes` for the other
    commands that write to an existing one."""
    from xinfang.db import locate
    from xinfang.store.ledger import Ledger

    ledger = Ledger.open(locate(db).path, create=create, writable=create or writes,
                         today=today)
    OPENED.append(ledger)
    return ledger


def close_opened(failed: bool = False) -> None:
    """Run in-process (tests, a shell around the library) a command would otherwise
    leave its connection and files open until a garbage collection. A command that
    `failed` leaves no ledger behind that it created itself."""
    from xinfang.db import discard

    while OPENED:
        ledger = OPENED.pop()
        if failed:
            discard(ledger.db)
        ledger.close()


def case_brief(ledger: Ledger, case_id: int, as_json: bool, lang: str,
               headline: str | None = None) -> None:
    """After an act: the case number, its state, who holds it and its running clocks."""
    from xinfang.render import plain, terminal
    from xinfang.store import queries
    from xinfang.vocab import STATUSES

    record = queries.case_record(ledger, case_id)
    if as_json:
        out(plain.json_text(record))
        return
    console = terminal.stdout_console()
    console.print(headline or t("brief.registered", lang, number=record["id"]), markup=False)
    if headline:
        state = terminal.label(STATUSES, record["status"], lang)
        holder = terminal.holder_text(record["holder"], lang)
        console.print(t("brief.state", lang, state=state, holder=holder), markup=False)
    for clock in record["clocks"]:
        if clock["stopped_on"] is None and clock["state"] != "lapsed":
            console.print(
                t("brief.clock", lang, clock=terminal.clock_name(clock["clock"], lang),
                  due=clock["due_on"], left=terminal.clock_left(clock, lang)),
                markup=False,
            )
    events = record.get("events") or []
    late = events[-1]["details"].get("late") if headline and events else None
    if late:
        say(t("brief.late", lang,
              clocks="、".join(terminal.label(terminal.CLOCKS, c, lang) for c in late)))
    if record["unpublished_years"]:
        years = "、".join(str(y) for y in record["unpublished_years"])
        say(t("ui.unpublished", lang, years=years))


def after_act(ledger: Ledger, event: Any, as_json: bool, lang: str) -> None:
    """What every act prints: a headline, then the case in brief."""
    from xinfang.render.terminal import act_headline

    case_brief(ledger, event["case_id"], as_json, lang, act_headline(event, lang))
