"""Bad input, generated: every command of the real command tree gets argument lists drawn
by Hypothesis (random text with NUL bytes, huge strings, Rich markup, SQL, impossible
dates, odd paths, mixed with valid values so commands get far enough to write), and the
importer gets arbitrary bytes, wrong encodings, NUL bytes, huge cells and 100,000-character
lines. Always: exit 0, 1 or 2; a message (`错误：` or usage), never a traceback; and the
ledger checks sound afterwards (no half-written case).

Examples per command: XINFANG_FUZZ_EXAMPLES (default 20). The inputs are derandomized
(the same every run, so the suite does not flake); XINFANG_FUZZ_RANDOM=1 draws new ones.
The number of inputs tried is printed by the last test of the module.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import shutil
import signal
from collections import Counter
from pathlib import Path

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robust import ID_A, ID_B, PHONE_A, TODAY, cli, no_traceback, seed, xinfang
from samplegen import HEADERS, generate_rows, write_csv

from xinfang import maintenance
from xinfang.cli import app
from xinfang.store import settings as ledger_settings
from xinfang.store.ledger import Ledger

EXAMPLES = int(os.environ.get("XINFANG_FUZZ_EXAMPLES", "20"))
RANDOM = os.environ.get("XINFANG_FUZZ_RANDOM") == "1"
TRIED: Counter[str] = Counter()
EXITS: Counter[tuple[str, int]] = Counter()  # (command, exit code): how far inputs got


def fuzz_settings(examples: int):
    return settings(max_examples=examples, deadline=None, derandomize=not RANDOM,
                    database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


def leaves(command, path=()):
    if hasattr(command, "commands"):
        for name, sub in sorted(command.commands.items()):
            yield from leaves(sub, (*path, name))
    else:
        yield path, command


COMMANDS = dict(leaves(typer.main.get_command(app)))
# demo builds a whole ledger each time: a few of its examples go a long way.
FEW = {("demo",): 3}


# Values ----------------------------------------------------------------------------------

NASTY = [
    "", " ", "\x00", "a\x00b", "\x00" * 3, "[b]粗[/b]", "[/]", "[red]", "[link=file:///etc]x",
    "'; DROP TABLE cases;--", "\" OR 1=1 --", "%_\\", "%", "_", "\\", "*", "NEAR(a b)",
    "\"unbalanced", "=1+1", "@SUM(1)", "-1", "+1", "\t", "\r\n", "\u202e反转", "😀" * 3,
    "\udcb2\udcbb",  # argv bytes that are not UTF-8 arrive as lone surrogates
    "x" * 5000, "长" * 100_000, "-" * 3, "--db", "--help", "-h", "0", "-0", "1e309", "NaN",
]
DATES = ["2026-11-20", "2026/11/1", "2026年11月2日", "20261103", "２０２６－１１－０４", "今天",
         "yesterday", "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "2099-01-01",
         "1900-01-01", "2026-11-24", "11/23/2026", "2026-11", "一月"]
DOMAIN = {
    "case": ["2026-1", "2026-2", "2026-3", "2026-4", "2026-6", "XF-YQH-2026-00001",
             "xf-yqh-2026-00002", " 2026-3 ", "2026-999", "2025-1", "2026-0", "2026--1",
             "2026-1000000", "XF-", "00001"],
    "channel": ["来访", "来信", "来电", "网上信访", "visit", "letter", "phone", "online", "飞鸽"],
    "to": ["人社局", "住建局", "人社", "不存在的局"],
    "unit": ["人社局", "住建局", "人社", "不存在的局"],
    "result": ["resolved", "partly", "unsupported", "mediated", "withdrawn", "已解决", "bad"],
    "reason": ["handling", "final", "no_remit", "other", "不属于本单位职责"],
    "route": ["litigation", "arbitration", "admin-review", "other", "court"],
    "step": ["request", "conclude", "hearing", "bogus"],
    "satisfaction": ["满意", "基本满意", "不满意", "satisfied", "basic", "unsatisfied", "?"],
    "lang": ["zh", "en", "fr"],
    "format_": ["text", "md", "csv", "json", "excel", "xlsx", "pdf"],
    "encoding": ["auto", "gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16", "latin-1", "ebcdic"],
    "status": ["已登记", "registered", "已受理,已办结", "accepted，closed", "bogus"],
    "flag": ["赴省", "进京", "to_province", "beijing", "escalated", "已上报", "bogus"],
    "clock": ["forward", "handle", "accept_notice", "review", "bogus"],
    "by": ["unit", "category", "locality", "month", "year"],
    "level": ["乡镇", "县区", "市", "省", "township", "county", "国"],
    "key": ["forward", "handle", "warning_days", "collective_headcount", "bogus"],
    "value": ["5", "0", "-1", "365", "99999999999", "abc", "1.5"],
    "name": ["national", "zhejiang", "henan", "张三", "mars"],
    "code": ["YQH", "ABC", "yqh", "A", "ABCDEFGHIJKLM", "Y Q"],
    "id_number": [ID_A, ID_B, ID_A[:-1] + "0", "3.71526E+17", "12345"],
    "phone": [PHONE_A, "0635-1234567", "12345", f"{PHONE_A}/{PHONE_A}"],
    "person": [f"张三,{ID_A},{PHONE_A},东村", "李四,,,", ",,,", "王五,bad,bad,x", ""],
    "map_": ["来访时间=received", "诉求摘要=content", "x=-", "=", "a=bogus", "没有等号"],
    "headcount": ["1", "5", "0", "-3"],
}
# What an officer would type: values that pass the checks (tame inputs use these).
TAME = {
    "id_number": [ID_A, ID_B], "phone": [PHONE_A, "0635-1234567"],
    "person": [f"张三,{ID_A},{PHONE_A},东村", "李四,,,"], "headcount": ["1", "5", "30"],
    "code": ["YQH"], "value": ["5", "10"], "encoding": ["auto", "gbk", "utf-8", "utf-8-sig"],
    "map_": ["来访时间=received", "x=-"], "to": ["人社局", "住建局"], "unit": ["人社局"],
    "dates": ["2026-11-20", "2026/11/21", "2026年11月22日", "20261123", "今天"],
    "name": ["national", "zhejiang", "henan", "张三"], "lang": ["zh", "en"],
    "case": ["2026-1", "2026-2", "2026-3", "2026-4", "2026-5", "2026-6", "XF-YQH-2026-00001"],
    "channel": ["来访", "来信", "visit", "online"], "result": ["resolved", "partly", "mediated"],
    "reason": ["handling", "final", "no_remit", "不属于本单位职责"],
    "route": ["litigation", "arbitration"], "step": ["request", "conclude", "hearing"],
    "satisfaction": ["满意", "basic"], "format_": ["csv", "json"], "by": ["unit", "month"],
    "status": ["已登记", "accepted，closed"], "flag": ["赴省", "进京"], "clock": ["forward"],
    "level": ["乡镇", "county"], "key": ["forward", "warning_days"],
    "repeat_of": ["2026-1", "2026-2"],
}
# Options a command cannot do without in practice: tame inputs nearly always give them.
NEEDED = {"name", "channel", "content", "result", "opinion", "reason", "to", "leader", "days",
          "approved_by", "route", "satisfaction"}
DATE_PARAMS = {"on", "as_of", "since", "until", "report_by", "target", "from_", "add_rest",
               "add_work", "remove"}


def text_values(name: str, tame: bool) -> st.SearchStrategy[str]:
    """Wild: anything, mostly hostile. Tame: what an officer might type, so the command
    gets past its checks and works (markup, SQL and NUL are still fair text)."""
    known = DOMAIN.get(name, DATES if name in DATE_PARAMS else None)
    if tame:
        good = TAME.get("dates" if name in DATE_PARAMS else name, known)
        if good is not None:
            return st.sampled_from(good)
        return st.one_of(st.sampled_from([t for t in NASTY if t.strip()]),
                         st.text(min_size=1, max_size=30).filter(str.strip))
    choices = [st.sampled_from(NASTY), st.text(max_size=30),
               st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                       max_size=12)]
    if known is not None:
        choices.append(st.sampled_from(known))
    return st.one_of(*choices)


FILES = ["登记簿.csv", "garbage.csv", "empty.csv", "backup.db", "a-directory", "new",
         "../ledger.db"]  # what the workspace holds (and the test's ledger)


def path_values(workspace: Path, tame: bool = False) -> st.SearchStrategy[str]:
    names = st.text(alphabet=st.characters(exclude_characters="/\x00", codec="utf-8",
                                           exclude_categories=("Cs",)), min_size=1, max_size=40
                    ).filter(lambda n: n not in (".", ".."))
    if tame:
        return st.one_of(st.sampled_from([str(workspace / "登记簿.csv"),
                                          str(workspace / "backup.db")]),
                         names.map(lambda n: str(workspace / "new" / n)))
    return st.one_of(
        st.sampled_from([str(workspace / name) for name in FILES]),
        names.map(lambda n: str(workspace / "new" / n)),
        # No NUL in a path: argv cannot carry one (execve), and nothing else gives a path.
        st.sampled_from([str(workspace / ("长" * 300)), str(workspace / "a#b%20?.db"),
                         str(workspace), str(workspace / "missing" / "deep" / "x.db"),
                         "", str(workspace / "[b]x[/b].db"), "/proc/no/such.db"]),
    )


@st.composite
def argv(draw, path: tuple[str, ...], command, workspace: Path):
    args = list(path)
    positional = []
    options = []
    tame = draw(st.booleans())
    for param in command.params:
        kind = param.type_descriptor.annotation
        if param.param_type_name == "argument":
            if not param.required and draw(st.booleans()):
                continue
            if param.required and not tame and draw(st.integers(0, 9)) == 0:
                continue  # a missing argument: a usage error
            value = draw(path_values(workspace, tame) if kind is Path else
                         text_values(param.name, tame))
            positional.append(value)
            continue
        if param.name == "db":
            include = draw(st.integers(0, 9)) == 0  # mostly the seeded ledger of the test
        elif param.required:
            include = tame or draw(st.integers(0, 9)) != 0  # sometimes missing: usage error
        elif tame:
            include = draw(st.integers(0, 9)) != 0 if param.name in NEEDED else \
                draw(st.integers(0, 2)) == 0
        else:
            include = draw(st.booleans())
        if not include:
            continue
        flag = param.opts[0]
        if kind is bool:
            options.append([flag])
        elif kind is Path:
            options.append([flag, draw(path_values(workspace, tame))])
        elif kind is int:
            value = draw(st.integers(0, 60).map(str) if tame else st.one_of(
                st.integers(-10**6, 10**6).map(str),
                st.sampled_from(["10" * 30, "1.5", "abc", "", "-0", "３"])))
            options.append([flag, value])
        else:
            for _ in range(draw(st.integers(1, 3)) if param.multiple else 1):
                options.append([flag, draw(text_values(param.name, tame))])
    options = draw(st.permutations(options))
    for option in options:
        args += option
    # Positionals after a `--` sometimes, so text starting with `-` reaches the command.
    if positional and draw(st.booleans()):
        args += ["--", *positional]
    else:
        args += positional
    return args


# The ledger and the files the fuzzer may name ----------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    ledger = Ledger.open(folder / "ledger.db", create=True, today=TODAY)
    ledger_settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
    seed(ledger)
    ledger.close()
    return folder / "ledger.db"


@pytest.fixture
def workspace(template, tmp_path, db_path, monkeypatch) -> Path:
    """The conftest ledger, seeded; the working directory is a scratch folder holding the
    files a fuzzed path may name (a register, garbage, a backup, a directory)."""
    shutil.copy(template, db_path)
    work = tmp_path / "work"
    (work / "new").mkdir(parents=True)
    monkeypatch.chdir(work)
    rows = generate_rows(6, seed=5, start=TODAY.replace(month=1, day=1), end=TODAY)
    write_csv(rows, work / "登记簿.csv", encoding="gbk")
    (work / "garbage.csv").write_bytes(b"\x00\xff\xfe garbage \x00" * 50)
    (work / "empty.csv").write_bytes(b"")
    shutil.copy(template, work / "backup.db")
    (work / "a-directory").mkdir()
    return work


class TookTooLong(Exception):
    """An input kept a command busy for a minute: a hang, found (the suite must end)."""


def bounded(run, seconds: int = 60):
    """`run`, but an invocation still busy after `seconds` fails instead of hanging."""

    def alarm(signum, frame):
        raise TookTooLong(f"still running after {seconds} s")

    def invoke(*args):
        previous = signal.signal(signal.SIGALRM, alarm)
        signal.alarm(seconds)
        try:
            return run(*args)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)

    return invoke


def assert_clean(result) -> None:
    no_traceback(result)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr[-1500:])
    if result.exit_code == 1:
        assert "错误：" in result.stderr or "Error: " in result.stderr, result.stderr[-1500:]
    if result.exit_code == 2:
        assert any(word in result.stderr for word in ("Usage:", "错误：", "Error")), \
            result.stderr[-1500:]


def assert_sound(db_path: Path) -> None:
    ledger = Ledger.open(db_path, create=False)
    try:
        assert maintenance.check(ledger) == []
    finally:
        ledger.close()


# Every command ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", list(COMMANDS), ids=" ".join)
def test_every_command_refuses_bad_arguments_with_a_message(workspace, db_path, monkeypatch,
                                                           path):
    run = bounded(cli(monkeypatch, columns=100))
    command = COMMANDS[path]

    @fuzz_settings(FEW.get(path, EXAMPLES))
    @given(data=st.data())
    def fuzz(data):
        args = data.draw(argv(path, command, workspace), label="argv")
        result = run(*args)
        TRIED[" ".join(path)] += 1
        EXITS[" ".join(path), result.exit_code] += 1
        assert_clean(result)
        assert_sound(db_path)

    fuzz()


# What the fuzzer found, kept as plain examples (each gave a traceback before its fix).
FOUND = {
    "not UTF-8 text (a GBK terminal)": (["register", "--name", "\udcd5\udcc5", "--channel",
                                         "来访", "--content", "拖欠工资"], 2),
    "not UTF-8 text, printed back": (["info", "--officer", "\udcb2\udcbb"], 2),
    "not UTF-8 search": (["list", "--search", "\udcd5\udcc5\udcc8"], 2),
    "file name too long (--db)": (["list", "--db", "{work}/" + "长" * 300], 1),
    "file name too long (backup)": (["backup", "{work}/" + "长" * 300], 1),
    "a folder that cannot be made": (["office", "set", "YQH", "x", "--db", "/proc/no/l.db"], 1),
    "as of the last days of 9999": (["report", "overdue", "--as-of", "9999-12-30"], 2),
    "due within three million days": (["list", "--due-within", "3000000"], 2),
    "the year 10000": (["calendar", "--year", "10000"], 2),
    "a warning window no report survives": (["policy", "set", "warning_days", "99999999"], 1),
}


@pytest.mark.parametrize("what", FOUND)
def test_inputs_the_fuzzer_found(workspace, db_path, monkeypatch, what):
    run = cli(monkeypatch, columns=100)
    args, code = FOUND[what]
    cases = _cases(db_path)
    result = run(*[a.replace("{work}", str(workspace)) for a in args])
    assert_clean(result)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert _cases(db_path) == cases
    assert run("report", "overdue").exit_code == 0  # the nightly report still runs
    assert_sound(db_path)


def test_a_pasted_letter_as_content_does_not_hang_register_import_or_repeats(workspace,
                                                                           db_path):
    """A 30,000-character content (a whole letter pasted in) repeated by the same person:
    the repeat check compared the full texts, time growing with the product of their
    lengths, and one register took many minutes (found by the fuzzer's huge strings)."""
    letter = "反映小区物业乱收费问题，" + "长" * 30_000
    for _ in range(2):
        done = xinfang("register", "--name", "张三", "--phone", PHONE_A, "--channel", "来信",
                       "--content", letter, "--db", db_path, timeout=60)
        assert done.returncode == 0, done.stderr
    assert "重复信访" in done.stdout + done.stderr or "初件" in done.stdout
    rows = [list(row.values()) for row in generate_rows(2, seed=3, start=TODAY, end=TODAY)]
    for row in rows:
        row[HEADERS.index("姓名")], row[HEADERS.index("身份证号")] = "李四", ID_B
        row[HEADERS.index("问题类别")], row[HEADERS.index("诉求摘要")] = "城乡建设", letter
    register = workspace / "letters.csv"
    write_rows(register, rows)
    done = xinfang("import", register, "--db", db_path, "--json", timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == 2
    assert xinfang("repeats", "--db", db_path, "--json", timeout=60).returncode == 0


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([list(HEADERS), *rows])


# The importer ----------------------------------------------------------------------------

CELL = st.one_of(
    st.text(max_size=20),
    st.sampled_from(NASTY[:-1] + ["2026-01-04", "2026/1/4", "张三", ID_A, PHONE_A, "来访", "5",
                                  "城乡建设", "人社局", "已办结", "匿名", "\"", "\"\"", ",", "\n"]),
)


@st.composite
def registers(draw) -> bytes:
    """Bytes a clerk, Excel, a broken USB stick or an attacker might hand to import."""
    shape = draw(st.sampled_from(["bytes", "table", "table", "table", "long line", "mixed"]))
    if shape == "bytes":
        return draw(st.binary(max_size=3000))
    header = list(HEADERS)
    if draw(st.booleans()):
        header = draw(st.permutations(header))[: draw(st.integers(1, len(header)))]
    if draw(st.integers(0, 5)) == 0:
        header = draw(st.lists(CELL, min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(CELL, max_size=len(header) + 2), max_size=8))
    if draw(st.booleans()):  # some rows that would import
        rows += [list(r.values()) for r in generate_rows(
            draw(st.integers(1, 4)), seed=draw(st.integers(0, 10**6)),
            start=TODAY.replace(month=1), end=TODAY)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"]))).writerows(
        [header, *rows])
    text = buffer.getvalue()
    if shape == "long line":
        text += "1,2026-01-04," + "长" * 100_000 + ",\n" + "x" * 100_000 + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16",
                                     "latin-1", "big5", "shift_jis"]))
    data = text.encode(encoding, errors="replace")
    if shape == "mixed":  # half re-saved in another encoding, or cut mid-character
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + text.encode("utf-8", errors="replace")[cut:]
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 4)) == 0:
        data = codecs.BOM_UTF8 + data
    if draw(st.integers(0, 4)) == 0:
        position = draw(st.integers(0, len(data)))
        data = data[:position] + b"\x00" * draw(st.integers(1, 5)) + data[position:]
    return data


IMPORTS = 5 * EXAMPLES


def test_import_of_any_bytes_is_whole_or_refused(workspace, db_path, monkeypatch):
    run = bounded(cli(monkeypatch, columns=100))
    folder = workspace / "imports"
    folder.mkdir()

    @fuzz_settings(IMPORTS)
    @given(data=registers(), extra=st.lists(st.sampled_from(
        [["--dry-run"], ["--encoding", "gbk"], ["--encoding", "utf-8"], ["--encoding", "bogus"],
         ["--map", "x=received"], ["--map", "诉求摘要=content"], ["--lang", "en"],
         ["--rejects", "rejects.csv"]]), max_size=2))
    def fuzz(data, extra):
        TRIED["import (bytes)"] += 1
        register = folder / f"register-{TRIED['import (bytes)']}.csv"
        register.write_bytes(data)
        before = _cases(db_path)
        args = ["import", register, "--json"] + [a for option in extra for a in option]
        result = run(*args)
        EXITS["import (bytes)", result.exit_code] += 1
        assert_clean(result)
        after = _cases(db_path)
        if result.exit_code != 0:
            assert after == before  # refused: nothing of it was kept
        else:
            summary = json.loads(result.stdout)
            assert summary["read"] == summary["added"] + summary["skipped"] + summary["rejected"]
            assert after - before == (0 if summary["dry_run"] else summary["added"])
        assert_sound(db_path)

    fuzz()


def _cases(db_path: Path) -> int:
    ledger = Ledger.open(db_path, create=False)
    try:
        return ledger.db.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        ledger.close()


# How much was tried ----------------------------------------------------------------------


def test_zz_inputs_tried(capsys):
    """Runs last in this module: how many inputs the fuzzers tried (for the report)."""
    expected = {" ".join(path) for path in COMMANDS} | {"import (bytes)"}
    if set(TRIED) != expected:
        pytest.skip("only part of the module ran; run it whole for the count")
    for name, tried in TRIED.items():
        wanted = IMPORTS if name == "import (bytes)" else FEW.get(tuple(name.split()), EXAMPLES)
        assert tried >= wanted * 0.8, (name, tried)  # Hypothesis really ran them
    # Not only refusals: valid values are mixed in so that inputs also get through to work.
    by_code = Counter()
    for (_, code), n in EXITS.items():
        by_code[code] += n
    accepted = {name for (name, code) in EXITS if code == 0}
    assert by_code[0] >= 0.1 * sum(by_code.values()), by_code
    assert len(accepted) >= len(expected) // 2, sorted(expected - accepted)
    with capsys.disabled():
        print(f"\nfuzz: {sum(TRIED.values())} inputs tried: "
              f"{sum(v for k, v in TRIED.items() if k != 'import (bytes)')} argument lists over "
              f"{len(COMMANDS)} commands, {TRIED['import (bytes)']} register files; exit codes "
              f"{dict(sorted(by_code.items()))}; accepted by {len(accepted)} of "
              f"{len(expected)}; never accepted: {sorted(expected - accepted)}")


# Escape sequences in stored text, through every renderer ---------------------------------

HOSTILE = "\x1b[2J\x1b[H\x1b]0;已被接管\x07\x1b]8;;http://x.invalid\x1b\\点我\x1b]8;;\x1b\\\r状态 已办结\x9b31m\u202e:warning:"


def test_no_escape_sequence_in_stored_text_reaches_the_officer(db_path, tmp_path, monkeypatch):
    """Before: content, names, units, leaders and reasons holding ESC/OSC sequences cleared
    the screen, forged a "状态 已办结" line, retitled the window and planted links through
    show, list, report overdue (the cron mail too), report major and the import summary;
    `:warning:` became ⚠. Now every renderer shows them as escapes: no ESC byte (nor C1
    control, nor a carriage return) of the text reaches the output."""
    run = cli(monkeypatch, columns=100)
    assert run("office", "set", "YQH", "办" + HOSTILE).exit_code == 0
    assert run("unit", "add", "人社局" + HOSTILE, "--level", "县区").exit_code == 0
    assert run("category", "add", HOSTILE).exit_code == 0
    registered = run("register", "--name", "张三" + HOSTILE, "--address", HOSTILE, "--channel",
                     "来访", "--category", HOSTILE, "--locality", HOSTILE, "--content",
                     "拖欠工资" + HOSTILE, "--request", HOSTILE, "--headcount", "6",
                     "--on", "2026-09-01", "--json")
    assert registered.exit_code == 0, registered.stderr
    case = json.loads(registered.stdout)["id"]
    for args in (["forward", case, "--to", "人社局" + HOSTILE, "--on", "2026-09-02"],
                 ["note", case, "备注" + HOSTILE],
                 ["escalate", case, "--leader", "李书记" + HOSTILE, "--plan", HOSTILE,
                  "--reason", HOSTILE],
                 ["calendar", "--add-rest", "2026-12-24", "--reason", HOSTILE]):
        done = run(*args)
        assert done.exit_code == 0, (args, done.stderr)
    register = tmp_path / "登记簿.csv"
    register.write_text("序号,登记日期,姓名,信访形式,诉求摘要\n"
                        f'1,2026-11-02,"王五{HOSTILE}",来访,"噪音{HOSTILE}"\n'
                        f'2,不是日期{HOSTILE},"赵六",来访,"坏行"\n', encoding="utf-8")
    outputs = {}
    for args in (["show", case], ["show", case, "--json"], ["list"], ["list", "--json"],
                 ["list", "--search", "拖欠"], ["report", "overdue"],
                 ["report", "overdue", "--format", "md"], ["report", "overdue", "--format", "csv"],
                 ["report", "overdue", "--format", "json"], ["report", "major"],
                 ["report", "major", "--json"], ["report", "stats", "--by", "unit"],
                 ["repeats", case], ["repeats", "--json"], ["deadline", case],
                 ["calendar", "--year", "2026"], ["unit", "list"], ["office"], ["info"],
                 ["export"], ["export", "--events"], ["export", "--format", "json"],
                 ["import", register], ["show", "不存在" + HOSTILE]):
        result = run(*args)
        no_traceback(result)
        outputs[" ".join(map(str, args[:3]))] = result
    for what, result in outputs.items():
        # (A CSV ends its lines with CR LF, as Excel does: only a bare CR is the text's.)
        shown = (result.stdout_bytes + result.stderr_bytes).replace(b"\r\n", b"\n")
        for byte in (b"\x1b", b"\x07", b"\r", "\x9b".encode(), "\u202e".encode()):
            assert byte not in shown, (what, byte, shown[:300])
        assert "⚠".encode() not in shown, what
    assert "\\x1b[2J" in outputs["show " + case].stdout  # shown, as an escape
    # At a terminal the overdue report is Rich tables, coloured: the text's own sequences
    # still do not get through (only Rich's colour codes, which do not clear or retitle).
    from rich.console import Console

    from xinfang import reports
    from xinfang.render import terminal
    from xinfang.store.ledger import Ledger

    ledger = Ledger.open(db_path, create=False)
    try:
        report = reports.overdue(ledger, TODAY)
    finally:
        ledger.close()
    console = Console(force_terminal=True, width=120, record=True, markup=False, emoji=False)
    console.print(terminal.overdue_tables(report, "zh"))
    coloured = console.export_text(styles=True)
    for sequence in ("\x1b[2J", "\x1b]0;", "\x1b]8;", "\x9b", "\r", "\u202e"):
        assert sequence not in coloured
