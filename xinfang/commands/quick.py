"""Quick conversion of the plain parameter values the commands take.

Typer converts every parameter value through a pydantic adapter that it builds the first
time the command runs; importing pydantic and building the adapters is about half of a
one-shot command's start-up. xinfang's parameters are plain — text, lists of text, whole
numbers with bounds, file paths — so a valid value is converted here directly and
anything else (a bad number, a wrong path, a type not listed here) goes to Typer's own
conversion, which gives its usual error message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from typer._coercion import RuntimeParam, build_runtime_param
from typer._param_types import coerce_cli_path
from typer.core import _TyperParameter

_SLOW = object()
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True)
class QuickParam(RuntimeParam):
    """Converts the plain values it knows and hands the rest to Typer."""

    descriptor: Any = None

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        quick = _convert(self.annotation, self.parameter_info, value, param, ctx)
        if quick is not _SLOW:
            return quick
        return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


def _convert(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    if info.parser is not None:
        return _SLOW
    if get_origin(annotation) is list and isinstance(value, (list, tuple)):
        (item_type,) = get_args(annotation)
        items = [_convert(item_type, info, item, param, ctx) for item in value]
        return _SLOW if any(item is _SLOW for item in items) else items
    if annotation is str:
        return value if isinstance(value, str) else _SLOW
    if annotation is int:
        return _whole_number(value, info)
    if annotation is Path and isinstance(value, (str, Path)) and not info.allow_dash:
        # Typer's own path checks (exists, file or folder, readable), given a Path so
        # that it need not build an adapter to make one.
        return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    return _SLOW


def _whole_number(value: Any, info: Any) -> Any:
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value):
        value = int(value)
    if type(value) is not int or info.clamp:
        return _SLOW
    if (info.min is not None and value < info.min) or (info.max is not None and value > info.max):
        return _SLOW
    return value


def install(command: Any, help_names: list[str] | None = None) -> Any:
    """Give every parameter of a Click command tree built by Typer, its help option
    included, the quick conversion; returns the command."""
    if help_names is None:
        help_names = command.context_settings.get("help_option_names", ["--help"])
    # Click makes the help option when it first needs it; make it now so it is covered.
    command.get_help_option(command.context_class(command, help_option_names=help_names))
    for param in [*command.params, command._help_option]:
        if not isinstance(param, _TyperParameter) or param._runtime_param is not None:
            continue
        descriptor = param.type_descriptor
        if descriptor.file_annotation is None:
            param._runtime_param = QuickParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                descriptor=descriptor)
    for sub in getattr(command, "commands", {}).values():
        install(sub, help_names)
    return command
