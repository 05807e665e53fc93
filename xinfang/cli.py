"""The `xinfang` command: the Typer app assembled from the command groups in
`xinfang.commands`, the error policy every command runs under, and `main()`.

Library modules are imported inside the commands that need them, so `xinfang --help`
stays quick.
"""

from __future__ import annotations

import copy
import errno
import functools
import sqlite3
import sys
from collections.abc import Callable
from typing import Any

import typer

from xinfang.commands import (
    acts,
    cases,
    corrections,
    maintenance,
    notices,
    practice,
    reports,
    setup,
    transfer,
)
from xinfang.commands.frame import Command, Group
from xinfang.commands.options import close_opened, fail, resolve_lang
from xinfang.errors import LedgerDamaged, XinfangError
from xinfang.texts import os_reason, t

app = typer.Typer(
    name="xinfang",
    help="信访台账：登记、转送、办结、回访，自动计算每一个法定期限。\n\n例：xinfang register --name 张三 --channel 来访 --content 拖欠工资",
    no_args_is_help=True,
    add_completion=False,
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# The order of the overview help.
GROUPS = (cases, acts, practice, corrections, notices, reports, transfer, setup,
          maintenance)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The error policy: what a user can cause becomes `错误：…` on stderr and exit code 1
    (2 for how the command was typed), never a traceback; a traceback means a bug."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = resolve_lang(kwargs.get("lang"))
        failed = True
        try:
            for value in kwargs.values():
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str):
                        text.encode()  # refuse text that is not UTF-8 before any work
            result = fn(*args, **kwargs)
            failed = False
            return result
        except typer.Exit as end:
            failed = end.exit_code != 0
            raise
        except XinfangError as err:
            fail(err.message(lang), lang, err.exit_code)
        except UnicodeEncodeError as err:
            if err.reason != "surrogates not allowed":
                raise
            # Bytes that are not UTF-8 on the command line (a GBK terminal, a file name
            # copied from Windows) reach Python as lone surrogates: nothing can store them.
            fail(t("cli.not_utf8", lang), lang, 2)
        except OverflowError as err:
            from xinfang.db import explain

            if "SQLite" in str(err):  # a number too large for the ledger to store
                explained = explain(err)
                assert explained is not None
                fail(explained.message(lang), lang, 2)
            # A date near year 9999 (or a count of days) that date arithmetic cannot reach.
            fail(t("cli.overflow", lang), lang, 2)
        except OSError as err:
            if err.errno == errno.EPIPE:
                raise  # output piped into `head`: Typer ends quietly
            from xinfang.db import explain

            explained = explain(err)
            if explained is not None:  # read-only, disk full, too many files, I/O …
                fail(explained.message(lang), lang, explained.exit_code)
            fail(t("cli.os_error", lang, path=err.filename, reason=os_reason(err, lang)), lang)
        except sqlite3.DatabaseError as err:
            from xinfang.db import explain, locate, mark_damaged

            path = locate(kwargs.get("db")).path
            explained = explain(err, path)
            if isinstance(explained, LedgerDamaged):
                mark_damaged(path, str(err))  # no more writes until restored or repaired
            if explained is not None:
                fail(explained.message(lang), lang, explained.exit_code)
            fail(t("cli.unreadable", lang, error=err), lang)
        finally:
            close_opened(failed)

    return wrapper


def _guard(group: typer.Typer) -> None:
    """Every command and group callback of `group`, and of its groups, under the policy,
    and built with the frame's classes (help and usage errors in the officer's words)."""
    for info in group.registered_commands:
        info.cls = Command
        if info.callback is not None:
            info.callback = guarded(info.callback)
    if group.registered_callback is not None and group.registered_callback.callback:
        group.registered_callback.callback = guarded(group.registered_callback.callback)
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            own = sub.typer_instance.info.cls
            if not (isinstance(own, type) and issubclass(own, Group)):
                sub.typer_instance.info.cls = Group
            sub.cls = sub.typer_instance.info.cls
            _guard(sub.typer_instance)
        else:
            sub.cls = Group


for _module in GROUPS:
    _guard(_module.commands)
    app.registered_commands += _module.commands.registered_commands
    app.registered_groups += _module.commands.registered_groups


def main() -> None:
    from typer.main import get_command

    from xinfang.commands import quick

    if not {"--help", "-h", "--version"} & set(sys.argv[1:]) and sys.argv[1:]:
        _sqlite_utils_alone()  # (help opens no ledger)
    quick.install(get_command(just_one(app, sys.argv[1:])))()


def _sqlite_utils_alone() -> None:
    """Import sqlite-utils without numpy and pandas. When they are installed (the charts'
    plotting library brings numpy), sqlite-utils imports them to convert their values on
    insert — values the ledger never inserts — and numpy's import alone is a third of a
    short command's start. They stay importable for what needs them later (a chart)."""
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    sys.modules.update(dict.fromkeys(blocked))  # type: ignore[arg-type]  # None: ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            del sys.modules[name]


def just_one(full: typer.Typer, args: list[str]) -> typer.Typer:
    """The app with only the command that was asked for, when one was.

    Typer turns every registered command into a Click command before running any of
    them; for a one-shot command that is most of the start-up time. `xinfang` and
    `xinfang --help` get an outline of the app (every command's name, summary and panel,
    none of their options); unknown names get the whole app (and its suggestions).
    """
    if not args or args in (["--help"], ["-h"]):
        return outline(full)
    if args[0].startswith("-"):
        return full
    from typer.main import get_command_name

    name = args[0]
    commands = [info for info in full.registered_commands
                if (info.name or get_command_name(_callback_name(info))) == name]
    groups = [info for info in full.registered_groups if info.name == name]
    if not commands and not groups:
        return full
    slim = copy.copy(full)
    slim.registered_commands, slim.registered_groups = commands, groups
    # A group callback keeps it a group: an app of one command would run that command
    # without its name.
    slim.callback()(_group)
    return slim


def outline(full: typer.Typer) -> typer.Typer:
    """`full` with each command standing in by its name, help and panel only: enough for
    the overview help, without reading every command's options."""
    from typer.main import get_command_name

    slim = copy.copy(full)
    slim.registered_commands = []
    for info in full.registered_commands:
        stand_in = copy.copy(info)
        stand_in.name = info.name or get_command_name(_callback_name(info))
        stand_in.help = info.help or (info.callback.__doc__ if info.callback else None)
        stand_in.callback = _group
        slim.registered_commands.append(stand_in)
    slim.registered_groups = []
    for group_info in full.registered_groups:
        group = copy.copy(group_info)
        if group_info.typer_instance is not None:
            group.typer_instance = outline(group_info.typer_instance)
        slim.registered_groups.append(group)
    return slim


def _callback_name(info: Any) -> str:
    return str(info.callback.__name__) if info.callback else ""


def _group() -> None:
    """信访台账。"""
