"""The command line's frame around Click: help screens, placeholders and usage errors in
the officer's language, global options before the command, `--version`.

Click and Typer word their help and errors in English; here every such line comes from
the catalogue of texts instead. `Command` and `Group` are the classes every xinfang
command and group is built with (cli.py sets them); `Group.main` is where a whole
invocation runs, so a usage error, an interrupted prompt or Ctrl-C is told in Chinese
however the app is called (the installed command, or a test's runner).
"""

from __future__ import annotations

import inspect
import re
import shutil
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from xinfang.commands.options import resolve_lang
from xinfang.texts import t

# What an option's value is, by the option's name; the placeholder the help shows and
# the errors name. An option may also say it itself (`metavar="date"`).
KIND_BY_NAME = {
    **dict.fromkeys(("on", "since", "until", "as_of", "before", "archive_before",
                     "received_on", "report_by", "next_report_by", "target", "add_rest",
                     "add_work", "remove", "from_"), "date"),
    **dict.fromkeys(("case", "cases", "repeat_of"), "number"),
    **dict.fromkeys(("db", "file", "output", "rejects", "path", "against"), "file"),
    **dict.fromkeys(("days", "due_within"), "days"),
    **dict.fromkeys(("headcount", "limit", "offset"), "count"),
    **dict.fromkeys(("unit", "to", "into", "parent", "old", "new"), "unit"),
    **dict.fromkeys(("name", "leader", "approved_by", "officer", "who"), "name"),
    "id_number": "id_number", "phone": "phone", "wait": "seconds", "year": "year",
}
KINDS = ("date", "number", "file", "days", "count", "unit", "name", "id_number", "phone",
         "seconds", "year", "text", "integer")
WIDEST = 100  # help lines longer than this are hard to read, even on a wide screen
GLOBAL_OPTIONS = ("--lang", "--db")

_state = {"lang": "zh"}  # the language of this invocation's help and usage errors


def value_kind(param: Any) -> str | None:
    """The kind of value `param` takes (a key of KINDS), or None for a switch."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if param.metavar in KINDS:
        return param.metavar
    if param.name in KIND_BY_NAME:
        return KIND_BY_NAME[param.name]
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", str)
    if annotation is int or annotation is float:
        return "integer"
    return "text"


def placeholder(param: Any, lang: str) -> str:
    """What the help shows after an option: 日期, 编号, 天数, 文件 …; `…` when it may be
    written more than once."""
    kind = value_kind(param)
    if kind is None:
        return ""
    word = t(f"cli.kind.{kind}", lang)
    return word + ("…" if getattr(param, "multiple", False) or param.nargs == -1 else "")


def _hint(param: Any, lang: str) -> str:
    if param is None:
        return ""
    if _is_argument(param):
        return placeholder(param, lang) or (param.name or "")
    return "/".join(param.opts)


def _usage(command: Any, ctx: Any, lang: str) -> str:
    pieces = [t("cli.options_metavar", lang)]
    for param in command.get_params(ctx):
        if _is_argument(param):
            pieces.append(placeholder(param, lang))
    if getattr(command, "commands", None):
        pieces.append(t("cli.command_metavar", lang))
    return f"{t('cli.usage', lang)}{ctx.command_path} {' '.join(pieces)}"


def _paragraphs(text: str | None) -> list[str]:
    text = inspect.cleandoc(text or "").replace("\b\n", "").replace("\b", "")
    return [" ".join(line.strip() for line in part.splitlines()) if not
            part.lstrip().startswith("xinfang ") else part.strip()
            for part in text.split("\n\n") if part.strip()]


def _help_of(text: str | None, lang: str) -> str | None:
    """Help text in the language asked for: the Chinese as written beside the option,
    or its English from the catalogue."""
    if text is None or lang == "zh":
        return text
    from xinfang.texts import english_help

    return english_help(text)


def _option_row(param: Any, ctx: Any, lang: str) -> tuple[str, str]:
    names = ", ".join([*param.opts, *param.secondary_opts]) if _is_option(param) else ""
    shown = placeholder(param, lang)
    left = f"{names} {shown}".strip() if names else shown
    right = _help_of(getattr(param, "help", None), lang) or ""
    default = param.default
    show_default = getattr(param, "show_default", True)
    if (_is_option(param) and show_default is not False and not param.is_flag
            and default not in (None, "", (), []) and not callable(default)):
        value = show_default if isinstance(show_default, str) else default
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(item) for item in value)
        right = f"{right} {t('cli.default', lang, value=value)}".strip()
    if param.required:
        right = f"{right} {t('cli.required', lang)}".strip()
    return left, right


def help_screen(command: Any, ctx: Any, lang: str) -> str:
    """The help of `command`, as the officer reads it."""
    from xinfang.render.help import Section, render

    description = _paragraphs(_help_of(command.help, lang))
    arguments = [_option_row(param, ctx, lang) for param in command.get_params(ctx)
                 if _is_argument(param)]
    options = []
    for param in command.get_params(ctx):
        if not _is_option(param) or param.hidden:
            continue
        if param.name == "help":
            options.append((", ".join(param.opts), t("cli.help_option", lang)))
        else:
            options.append(_option_row(param, ctx, lang))
    sections = []
    if arguments:
        sections.append(Section(t("cli.section", lang, title=t("cli.arguments", lang)),
                                arguments))
    if options:
        sections.append(Section(t("cli.section", lang, title=t("cli.options", lang)),
                                options))
    panels: dict[str, list[tuple[str, str]]] = {}
    for name, sub in (getattr(command, "commands", None) or {}).items():
        if sub.hidden:
            continue
        panel = getattr(sub, "rich_help_panel", None) or t("cli.commands", lang)
        first = _paragraphs(_help_of(sub.short_help or sub.help, lang))
        panels.setdefault(panel, []).append((name, first[0] if first else ""))
    sections += [Section(t("cli.section", lang, title=title), rows)
                 for title, rows in panels.items()]
    width = min(shutil.get_terminal_size((80, 24)).columns, WIDEST)
    return render(_usage(command, ctx, lang), description, sections, width)


class _Catalogued:
    """Help and usage line from the catalogue, for a command and a group alike."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(_usage(self, ctx, _state["lang"]) + "\n")

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(help_screen(self, ctx, _state["lang"]))


class Command(_Catalogued, TyperCommand):
    """A command whose help and usage line are the catalogue's."""


class Group(_Catalogued, TyperGroup):
    """A group of commands: its help and usage line, and a mistyped command's closest
    names, are the catalogue's. The app's own group also runs each invocation."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        args, lang = take_globals(self, list(sys.argv[1:] if args is None else args))
        _state["lang"] = lang
        if args[:1] == ["--version"]:
            from importlib.metadata import version

            typer.echo(t("cli.version", lang, version=version("xinfang")))
            return _end(0, standalone_mode)
        try:
            result = super().main(args, prog_name or "xinfang", complete_var,
                                  standalone_mode=False,
                                  windows_expand_args=windows_expand_args, **extra)
        except typer.Abort:
            _tell(t("cli.aborted", lang), lang, prefix="")
            return _end(1, standalone_mode)
        except Exception as err:
            kinds = _kinds(err)
            if "NoArgsIsHelpError" in kinds:
                typer.echo(err.ctx.get_help())  # type: ignore[attr-defined]
                return _end(0, standalone_mode)
            if "UsageError" in kinds:
                ctx = getattr(err, "ctx", None)
                _tell(explain(err, lang), lang)
                if ctx is not None:
                    _tell(_usage(ctx.command, ctx, lang), lang, prefix="")
                path = ctx.command_path if ctx is not None else _path(self, args)
                _tell(t("cli.try_help", lang, command=path), lang, prefix="")
                return _end(2, standalone_mode)
            if "ClickException" in kinds:
                _tell(err.format_message(), lang)  # type: ignore[attr-defined]
                return _end(err.exit_code, standalone_mode)  # type: ignore[attr-defined]
            raise
        if result == 130:  # Ctrl-C: Typer ended the command with the shell's code
            _tell(t("cli.interrupted", lang), lang, prefix="")
        return _end(result if isinstance(result, int) else 0, standalone_mode)


def _kinds(err: BaseException) -> set[str]:
    """The names of the classes an error is an instance of: the command-line layer's
    errors are told apart by name, as their classes are not part of Typer's interface."""
    return {kind.__name__ for kind in type(err).__mro__}


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def _is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


def _end(code: int, standalone_mode: bool) -> int:
    if standalone_mode:
        sys.exit(code)
    return code


def _tell(message: str, lang: str, prefix: str | None = None) -> None:
    from xinfang.render.terminal import stderr_console
    from xinfang.visible import visible

    word = t("word.error", lang) if prefix is None else prefix
    stderr_console().print(visible(word + message), markup=False, highlight=False,
                           soft_wrap=True)


def take_globals(root: Any, args: list[str]) -> tuple[list[str], str]:
    """`--lang` and `--db` written before the command are moved after its name (every
    command takes them; a group's help needs only the language); returns the arguments
    and the language of this invocation."""
    moved: list[str] = []
    while args and args[0].split("=", 1)[0] in GLOBAL_OPTIONS:
        if "=" in args[0]:
            moved.append(args.pop(0))
        else:
            moved += args[:2]
            del args[:2]
    lang = _lang_in(moved)
    node, end = _named(root, args)
    if not getattr(node, "commands", None):
        args[end:end] = moved
    else:  # a group run itself (`xinfang --db F office`) takes those its callback has
        taken = {opt for param in node.params for opt in getattr(param, "opts", ())}
        pairs = [moved[i:i + 1] if "=" in moved[i] else moved[i:i + 2]
                 for i in range(len(moved)) if moved[i].startswith("--")]
        args[end:end] = [part for pair in pairs if pair[0].split("=", 1)[0] in taken
                         for part in pair]
    try:
        return args, resolve_lang(_lang_in(args) or lang)
    except typer.BadParameter:
        return args, resolve_lang(None)


def _named(root: Any, args: list[str]) -> tuple[Any, int]:
    """The command the leading arguments name, and how many of them name it."""
    node, end = root, 0
    while end < len(args) and args[end] in (getattr(node, "commands", None) or {}):
        node, end = node.commands[args[end]], end + 1
    return node, end


def _path(root: Any, args: list[str]) -> str:
    """The command path the arguments name (`xinfang report overdue`)."""
    return " ".join(["xinfang", *args[:_named(root, args)[1]]])


def _lang_in(args: list[str]) -> str | None:
    lang = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            lang = args[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang


def explain(err: Exception, lang: str) -> str:
    """A usage error in the officer's words, saying what to type instead."""
    kinds = _kinds(err)
    message = str(getattr(err, "message", ""))
    ctx = getattr(err, "ctx", None)
    if "NoSuchOption" in kinds:
        said = t("cli.no_such_option", lang, option=err.option_name)  # type: ignore[attr-defined]
        possible = err.possibilities  # type: ignore[attr-defined]
        return said + (t("cli.did_you_mean", lang, names=" ".join(possible)) if possible
                       else "")
    if message.startswith("No such command"):
        from difflib import get_close_matches

        found = re.match(r"No such command '([^']*)'", message)
        name = found.group(1) if found else ""
        known = list(getattr(ctx.command, "commands", {})) if ctx is not None else []
        close = get_close_matches(name, known)
        return t("cli.no_such_command", lang, name=name) + (
            t("cli.did_you_mean", lang, names=" ".join(close)) if close else "")
    param = getattr(err, "param", None)
    if "MissingParameter" in kinds:
        if _is_argument(param):
            return t("cli.missing_argument", lang, what=_hint(param, lang))
        return t("cli.missing_option", lang, option=_hint(param, lang),
                 what=placeholder(param, lang) if param is not None else "")
    if "BadParameter" in kinds:
        if getattr(err, "param_hint", None) == "--lang" or getattr(param, "name", "") == "lang":
            return t("cli.bad_lang", lang)
        if re.fullmatch(r"[\w\-]+(, [\w\-]+)+", message):
            # A command's own list of the values it takes (`--by unit, category, …`).
            return t("cli.bad_choice", lang, option=getattr(err, "param_hint", None) or
                     _hint(param, lang), choices=message)
        return t("cli.bad_value", lang, option=_hint(param, lang),
                 expect=_expected(param, lang))
    if "BadOptionUsage" in kinds:
        option = err.option_name  # type: ignore[attr-defined]
        if "does not take a value" in message:
            return t("cli.takes_no_value", lang, option=option)
        return t("cli.needs_value", lang, option=option, what=_kind_of(ctx, option, lang))
    if message.startswith("Got unexpected extra argument"):
        extra = message.rpartition("(")[2].rstrip(")")
        return t("cli.extra_args", lang, args=extra)
    if message == "Missing command.":
        return t("cli.missing_command", lang)
    return t("cli.usage_error", lang)


def _kind_of(ctx: Any, option: str, lang: str) -> str:
    for param in ctx.command.params if ctx else []:
        if option in getattr(param, "opts", ()):
            return placeholder(param, lang).rstrip("…")
    kind = KIND_BY_NAME.get(option.lstrip("-").replace("-", "_"), "text")
    return t(f"cli.kind.{kind}", lang)


def _expected(param: Any, lang: str) -> str:
    if param is None:
        return t("cli.kind.text", lang)
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    kind = t("cli.expect_whole", lang) if value_kind(param) in (
        "days", "count", "year", "integer", "seconds") else placeholder(param, lang)
    if low is not None and high is not None:
        return kind + t("cli.expect_between", lang, low=low, high=high)
    if low is not None:
        return kind + t("cli.expect_at_least", lang, low=low)
    return kind
