"""Running the `xinfang` app in-process, as the installed command runs it.

Typer's CliRunner turns the app into a Click command on every invoke, which costs more
than most commands themselves; the app does not change between tests, so the command
is built once (with the quick parameter conversion `main()` installs) and run through
the runner's own isolation of stdin, stdout, stderr and the environment."""

from __future__ import annotations

import functools
import shlex
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import typer
from typer.main import get_command
from typer.testing import CliRunner, Result

from xinfang.cli import app
from xinfang.commands import quick


@functools.cache
def built(typer_app: typer.Typer = app) -> Any:
    return quick.install(get_command(typer_app))


class Runner(CliRunner):
    """`CliRunner` whose `invoke` runs the command built once."""

    def invoke(self, app: typer.Typer, args: str | Sequence[str] | None = None,  # type: ignore[override]
               input: bytes | str | None = None, env: Mapping[str, str | None] | None = None,
               catch_exceptions: bool = True, color: bool = False, **extra: Any) -> Result:
        command = built(app)
        if isinstance(args, str):
            args = shlex.split(args)
        exception: BaseException | None = None
        exc_info = None
        exit_code = 0
        return_value = None
        with self.isolation(input=input, env=env, color=color) as (stdout, stderr, output):
            try:
                return_value = command.main(args=list(args or ()), prog_name="xinfang", **extra)
            except SystemExit as e:
                exc_info = sys.exc_info()
                code = e.code if e.code is not None else 0
                if code != 0:
                    exception = e
                if not isinstance(code, int):
                    sys.stdout.write(f"{code}\n")
                    code = 1
                exit_code = code
            except Exception as e:
                if not catch_exceptions:
                    raise
                exception, exit_code, exc_info = e, 1, sys.exc_info()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                out, err, both = stdout.getvalue(), stderr.getvalue(), output.getvalue()
        return Result(runner=self, stdout_bytes=out, stderr_bytes=err, output_bytes=both,
                      return_value=return_value, exit_code=exit_code, exception=exception,
                      exc_info=exc_info)  # type: ignore[arg-type]
