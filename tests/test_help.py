"""Every command and subcommand has help, and the help shows an example."""

from __future__ import annotations

import pytest
import typer.main
import typer.testing

from xinfang.cli import app


def _walk(command, path=()):
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(typer.main.get_command(app)))


def test_the_walk_finds_the_commands_of_the_ledger_foundation():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"register", "show", "list", "note", "info", "demo", "calendar", "deadline",
            "policy", "policy show", "policy set", "policy preset", "office", "office set",
            "office show"} <= names


def description(help_text: str) -> list[str]:
    """The lines of the command's own text: after the Usage line, before the first panel
    (options, arguments, commands), so neither `Usage: xinfang …` nor an option's help
    can pass for an example."""
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Usage:")) + 1
    out = []
    for line in lines[start:]:
        if line.lstrip().startswith("╭"):
            break
        out.append(line.strip())
    return [line for line in out if line]


def has_example(help_text: str) -> bool:
    """A line `例：xinfang …`, or a command line of its own (`xinfang …`); prose that only
    mentions xinfang is not an example."""
    return any((line.startswith("例") and "xinfang" in line) or line.startswith("xinfang ")
               for line in description(help_text))


def test_the_example_check_can_fail():
    plain = " Usage: xinfang show [OPTIONS]\n\n 显示案件。\n\n╭─ Options ─╮\n│ xinfang x │\n"
    assert not has_example(plain)
    assert not has_example(plain.replace("显示案件。", "展示 xinfang 能做什么。"))
    assert has_example(plain.replace("显示案件。", "例：xinfang show 2026-1"))
    assert has_example(plain.replace("显示案件。", "xinfang show 2026-1"))


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS],
                         ids=[" ".join(path) or "xinfang" for path, _ in COMMANDS])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_with_an_example(cli, db_path, path, flag):
    result = cli(*path, flag)
    assert result.exit_code == 0, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Usage" in result.stdout
    assert has_example(result.stdout), f"no example in the help of {' '.join(path)!r}"
    assert not db_path.exists()  # asking for help never creates the ledger


def test_every_command_has_a_one_line_summary():
    for path, command in COMMANDS:
        summary = (command.help or "").strip().splitlines()
        assert summary and summary[0].strip(), f"{' '.join(path)} has no help text"
