"""Every command and subcommand has help, and the help shows an example."""

from __future__ import annotations

import re

import pytest
import typer.main
import typer.testing
from rich.cells import cell_len

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
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("用法：")) + 1
    out = []
    for line in lines[start:]:
        if line in SECTIONS:
            break
        out.append(line.strip())
    return [line for line in out if line]


SECTIONS = ("参数：", "选项：", "命令：")


def has_example(help_text: str) -> bool:
    """A line `例：xinfang …`, or a command line of its own (`xinfang …`); prose that only
    mentions xinfang is not an example."""
    return any((line.startswith("例") and "xinfang" in line) or line.startswith("xinfang ")
               for line in description(help_text))


def test_the_example_check_can_fail():
    plain = "用法：xinfang show [选项]\n\n显示案件。\n\n选项：\n  xinfang x\n"
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
    assert result.stdout.startswith(f"用法：xinfang {' '.join(path)}".rstrip() + " ")
    assert has_example(result.stdout), f"no example in the help of {' '.join(path)!r}"
    assert not db_path.exists()  # asking for help never creates the ledger


def test_every_command_has_a_one_line_summary():
    for path, command in COMMANDS:
        summary = (command.help or "").strip().splitlines()
        assert summary and summary[0].strip(), f"{' '.join(path)} has no help text"


ENGLISH_OF_THE_FRAMEWORK = ("Usage", "Options", "Arguments", "Commands", "required",
                            "default:", "Show this message", "Missing", "No such",
                            "Invalid value", "Input should", "Aborted", "Did you mean",
                            "<str>", "<bool>", "<int", "list[str]", "Error", "Try ",
                            "{case}", "[x>=0]", "Got unexpected")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def lines_of(path, lang, monkeypatch, cli):
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("--lang", lang, *path, "-h")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS],
                         ids=[" ".join(path) or "xinfang" for path, _ in COMMANDS])
def test_every_help_fits_80_columns_and_hides_nothing(cli, monkeypatch, path):
    """At 80 columns no line is wider than the screen, and every option's help is there
    in full (`close --result`, `reject --reason`, `unit add --level` … listed every
    allowed value only to be cut at 80 columns before)."""
    command = dict(COMMANDS)[path]
    screen = lines_of(path, "zh", monkeypatch, cli)
    assert max(cell_len(line) for line in screen.splitlines()) <= 80
    flat = re.sub(r"\s+", "", screen)
    for param in command.params:
        if param.help:
            assert re.sub(r"\s+", "", param.help) in flat, (path, param.name)
    for name, sub in getattr(command, "commands", {}).items():
        first = re.sub(r"\s+", "", (sub.help or "").split("\n\n")[0])
        assert f"{name}{first}" in flat, (path, name)


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS],
                         ids=[" ".join(path) or "xinfang" for path, _ in COMMANDS])
def test_help_speaks_one_language(cli, monkeypatch, path):
    """Chinese help has none of the framework's English (Usage, Options, [required],
    <str> …); English help has no Chinese."""
    chinese = lines_of(path, "zh", monkeypatch, cli)
    assert [word for word in ENGLISH_OF_THE_FRAMEWORK if word in chinese] == []
    english = lines_of(path, "en", monkeypatch, cli)
    assert CJK.findall(english) == [], english


MISTYPED = [("regster",), ("register", "--nme", "张三"), ("register", "--headcount", "abc"),
            ("register", "--on"), ("list", "--json=1"), ("list", "--limit", "x"),
            ("show",), ("show", "1", "2"), ("extend", "2026-1"), ("report",),
            ("unit", "frob"), ("list", "--lang", "fr"), ("restore", "--wait", "soon")]


@pytest.mark.parametrize("args", MISTYPED, ids=[" ".join(a) for a in MISTYPED])
def test_usage_errors_speak_the_officers_language(cli, args):
    zh = cli(*args)
    assert zh.exit_code == 2, zh.stderr
    assert zh.stderr.startswith("错误："), zh.stderr
    assert [word for word in ENGLISH_OF_THE_FRAMEWORK if word in zh.stderr] == [], zh.stderr
    assert "-h 查看帮助" in zh.stderr or "--lang" in zh.stderr
    en = cli("--lang", "en", *args) if args != ("list", "--lang", "fr") else None
    if en is not None:
        assert en.exit_code == 2
        assert en.stderr.startswith("Error: ")
        assert CJK.findall(en.stderr.replace("张三", "")) == [], en.stderr


def test_the_scan_can_fail():
    assert [w for w in ENGLISH_OF_THE_FRAMEWORK if w in "Usage: xinfang [OPTIONS]"]
    assert CJK.findall("Error: 缺少")


def test_global_options_before_the_command_and_the_version(cli, db_path):
    listed = cli("--lang", "en", "--db", db_path, "info")
    assert listed.exit_code == 0, listed.stderr
    assert "Ledger" in listed.stdout and str(db_path) in listed.stdout
    # A group run itself takes them too (before: the ledger of the default place).
    other = db_path.parent / "other.db"  # (not the ledger the environment names)
    assert cli("--db", other, "office", "set", "YQH", "鱼邱湖街道信访办").exit_code == 0
    office = cli("--db", other, "--lang", "en", "office")
    assert office.exit_code == 0, office.stderr
    assert office.stdout.startswith("YQH")
    version = cli("--version")
    assert version.exit_code == 0 and version.stdout.startswith("xinfang ")
    assert version.stdout.split()[1][0].isdigit()


def test_every_help_text_has_its_english_and_every_english_a_help_text():
    from xinfang.texts import HELP_EN

    written = set()
    for _, command in COMMANDS:
        written |= {text for text in (command.help, command.short_help) if text}
        written |= {param.help for param in command.params if param.help}
    assert sorted(written - set(HELP_EN)) == []
    assert sorted(set(HELP_EN) - written) == []


def test_a_failed_write_command_leaves_no_new_file_or_folder(cli, tmp_path):
    target = tmp_path / "new" / "sub" / "ledger.db"
    refused = cli("register", "--db", target, "--name", "张三", "--channel", "来访",
                  "--content", "拖欠工资", "--category", "劳动社保")
    assert refused.exit_code == 1 and "office set" in refused.stderr  # no office yet
    assert list(tmp_path.iterdir()) == []
    made = cli("office", "set", "YQH", "鱼邱湖街道信访办", "--db", target)
    assert made.exit_code == 0, made.stderr
    assert target.exists()
