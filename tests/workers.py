"""Worker processes for the crash and concurrency tests (run as `python tests/workers.py …`).

Each worker drives the real command tree (`xinfang.cli.app`) in its own process, one
invocation after another, the way an officer at a terminal or a cron job would; a fresh
process per command would spend its time starting Python instead of writing the ledger.

    python tests/workers.py register-loop LEDGER
        register a case, note it, forward every other one, forever; print "R <number>",
        "N <number>", "F <number>" after each command has returned (so after its
        commit). Meant to be killed.
    python tests/workers.py writer LEDGER SECONDS SEED OFFICER OUT.json
        register, forward, accept, close and note cases for SECONDS; write what was done
        (and every failure) to OUT.json.
    python tests/workers.py reporter LEDGER SECONDS BACKUP_DIR OUT.json
        run the overdue report (text and JSON), list, stats and a backup, over and over.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from runner import Runner as CliRunner  # noqa: E402

from xinfang.cli import app  # noqa: E402

UNITS = ("人社局", "住建局", "自然资源局")
BUSY_WORDS = ("locked", "busy", "占用", "Traceback")


def _runner() -> CliRunner:
    return CliRunner()


def _invoke(runner: CliRunner, db: str, *args: str):
    return runner.invoke(app, [*args, "--db", db])


def _emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def register_loop(db: str) -> None:
    runner = _runner()
    rng = random.Random(os.getpid())
    for args in (["office", "set", "YQH", "鱼邱湖街道信访办"], ["unit", "add", "人社局", "--level", "县区"]):
        result = _invoke(runner, db, *args)
        if result.exit_code not in (0, 1):  # 1: unit added by an earlier run
            _emit(f"E {args[0]} {result.exit_code} {result.stderr!r}")
            return
    i = 0
    while True:
        i += 1
        day = f"2026-11-{rng.randint(1, 23):02d}"
        result = _invoke(runner, db, "register", "--name", f"循环{os.getpid()}-{i}",
                         "--channel", "来信", "--content", f"崩溃测试第 {i} 件 {rng.random()}",
                         "--on", day, "--not-repeat", "--json")
        if result.exit_code != 0:
            _emit(f"E register {result.exit_code} {result.stderr!r}")
            continue
        number = json.loads(result.stdout)["id"]
        _emit(f"R {number}")
        result = _invoke(runner, db, "note", number, f"电话联系 {i}")
        if result.exit_code != 0:
            _emit(f"E note {result.exit_code} {result.stderr!r}")
            continue
        _emit(f"N {number}")
        if i % 2:
            result = _invoke(runner, db, "forward", number, "--to", "人社局")
            if result.exit_code != 0:
                _emit(f"E forward {result.exit_code} {result.stderr!r}")
                continue
            _emit(f"F {number}")


def writer(db: str, seconds: float, seed: int, officer: str, out: str) -> None:
    """Work cases through their life for `seconds`; every command that exits 0 added
    exactly one event, so `done` is what the events table must hold for this officer."""
    runner = _runner()
    rng = random.Random(seed)
    done: dict[str, int] = {}
    failures: list[dict] = []
    cases: dict[str, str] = {}  # number → status this writer left it in
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline:
        i += 1
        open_cases = [n for n, s in cases.items() if s != "closed"]
        choice = rng.random()
        if not open_cases or choice < 0.35:
            kind = "registered"
            args = ["register", "--name", f"{officer}{i}", "--channel", "来访",
                    "--content", f"{officer} 反映第 {i} 件事 [b]x[/b] ';--",
                    "--on", f"2026-{rng.randint(9, 11):02d}-{rng.randint(1, 20):02d}",
                    "--not-repeat", "--json"]
        else:
            number = rng.choice(open_cases)
            status = cases[number]
            if choice < 0.5:
                kind, args = "note", ["note", number, f"{officer} 第 {i} 条备注"]
            elif status == "registered":
                kind, args = "forwarded", ["forward", number, "--to", rng.choice(UNITS)]
            elif status == "forwarded":
                kind, args = "accepted", ["accept", number]
            else:
                kind, args = "closed", ["close", number, "--result", "resolved",
                                        "--opinion", f"{officer} 已办结"]
        result = _invoke(runner, db, *args, "--officer", officer)
        stderr = result.stderr
        if result.exit_code != 0 or result.exception is not None and not isinstance(
                result.exception, SystemExit) or any(w in stderr for w in BUSY_WORDS):
            failures.append({"args": args, "exit": result.exit_code, "stderr": stderr[-2000:],
                             "exception": repr(result.exception)})
            continue
        done[kind] = done.get(kind, 0) + 1
        if kind == "registered":
            cases[json.loads(result.stdout)["id"]] = "registered"
        elif kind != "note":
            cases[args[1]] = kind
    Path(out).write_text(json.dumps({"officer": officer, "done": done, "failures": failures,
                                     "cases": sorted(cases)}, ensure_ascii=False))


def reporter(db: str, seconds: float, backup_dir: str, out: str) -> None:
    runner = _runner()
    runs: dict[str, int] = {}
    failures: list[dict] = []
    backups: list[str] = []
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline:
        i += 1
        jobs = [["report", "overdue"], ["report", "overdue", "--format", "json"],
                ["list", "--overdue", "--json", "--limit", "20"],
                ["report", "stats", "--json"], ["check", "--json"]]
        if i % 4 == 1:
            backups.append(str(Path(backup_dir) / f"backup-{i}.db"))
            jobs.append(["backup", backups[-1]])
        for args in jobs:
            result = _invoke(runner, db, *args)
            name = args[0] if args[0] in ("backup", "check") else " ".join(args[:2])
            if result.exit_code != 0 or any(w in result.stderr for w in BUSY_WORDS) or (
                    result.exception is not None and not isinstance(result.exception,
                                                                    SystemExit)):
                failures.append({"args": args, "exit": result.exit_code,
                                 "stderr": result.stderr[-2000:],
                                 "stdout": result.stdout[-2000:],
                                 "exception": repr(result.exception)})
            elif args[-1] == "json" or "--json" in args:
                json.loads(result.stdout)  # a report is whole, never torn by a writer
            runs[name] = runs.get(name, 0) + 1
    Path(out).write_text(json.dumps({"runs": runs, "failures": failures, "backups": backups},
                                    ensure_ascii=False))


def main(argv: list[str]) -> None:
    command, db, *rest = argv
    if command == "register-loop":
        register_loop(db)
    elif command == "writer":
        seconds, seed, officer, out = rest
        writer(db, float(seconds), int(seed), officer, out)
    elif command == "reporter":
        seconds, backup_dir, out = rest
        reporter(db, float(seconds), backup_dir, out)
    else:
        raise SystemExit(f"unknown worker {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
