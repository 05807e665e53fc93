"""How well and how fast repeat petitions are linked (重复信访), on registers made the way
people really come back (tests/repeatgen.py) and on the sample registers.

    python bench/repeats.py                       # quality: 20,000 rows, seed 2027
    python bench/repeats.py --n 5000 --seed 31    # another register
    python bench/repeats.py --scale 1000000       # and a 1,000,000-case ledger's timings
    python bench/repeats.py --scale 1000000 --reuse --scale-only   # its timings again

Quality: the register is imported into a fresh ledger, and the links made as it is
written (each case judged against the cases before it) and those of the whole-ledger
rule (`xinfang repeats`) are held to the truth: a link is right when it names the true
first case of the chain. Precision, recall and the numbers of links are printed for both,
and for the sample registers. The seeds the tests use (tests/test_repeats.py) and those
the weights were fitted on (bench/calibrate.py, 1001-1004) are refused, so the figures
are never measured on what the rule was tuned or tested on.

Scale: a generated register of that many rows imported by the command line, then
`xinfang repeats --json` (time and peak memory, whole process) and `xinfang register`
of returning petitioners of chains of 8 visits or more, another in each run (whole
process: the repeat check included). Generated files
go to bench/out/ (ignored by git).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

import repeatgen  # noqa: E402
import run  # noqa: E402  (bench/run.py: timing whole processes)

from xinfang import reports  # noqa: E402
from xinfang.registers.importer import import_register  # noqa: E402
from xinfang.store import settings  # noqa: E402
from xinfang.store.ledger import Ledger  # noqa: E402

TODAY = dt.date(2026, 11, 23)
USED = {17, 23} | {1001, 1002, 1003, 1004}  # the tests' seeds and the fitting's
SAMPLES = HERE.parents[1] / "shared" / "samples"
SAMPLE_FILES = ["register-gbk.csv", "register-utf8bom.csv", "register-clean.csv"]


def links(ledger: Ledger, summary) -> tuple[dict[str, str], dict[str, str]]:
    """The links as written (seq → seq of the first case) and by the whole-ledger rule."""
    seq_of = {added.case: added.seq for added in summary.added}
    written = {a.seq: seq_of[a.repeat_of] for a in summary.added if a.repeat_of}
    number = dict(ledger.db.execute("SELECT id, number FROM cases"))
    whole = {seq_of[number[case]]: seq_of[number[root]]
             for case, root in reports.repeat_matches(ledger).items()}
    return written, whole


def imported(data: bytes, name: str) -> tuple[Ledger, object, float]:
    path = Path(tempfile.mkdtemp()) / "ledger.db"
    ledger = Ledger.open(path, create=True, today=TODAY)
    settings.set_office(ledger, "BENCH", "基准测试信访办", "bench")
    started = time.perf_counter()
    summary = import_register(ledger, data, name=name, officer="bench")
    return ledger, summary, time.perf_counter() - started


def quality(n: int, seed: int) -> dict:
    register = repeatgen.generate(n, seed=seed)
    truth = {str(t["seq"]): str(t["repeat_of"]) for t in register.truth
             if t["kind"] == "repeat"}
    ledger, summary, seconds = imported(repeatgen.csv_bytes(register), "repeats.csv")
    written, whole = links(ledger, summary)
    out = {"rows": len(register.rows), "seed": seed, "import_seconds": round(seconds, 1),
           "as_written": repeatgen.score(written, truth),
           "whole_ledger": repeatgen.score(whole, truth)}
    ledger.close()
    return out


def samples() -> dict:
    out = {}
    for name in SAMPLE_FILES:
        if not (SAMPLES / name).exists():
            continue
        truth_rows = json.loads((SAMPLES / f"{name}.truth.json").read_text("utf-8"))
        truth = {str(t["seq"]): str(t["repeat_of"]) for t in truth_rows
                 if t["kind"] == "repeat" and t["defect"] is None}
        ledger, summary, _ = imported((SAMPLES / name).read_bytes(), name)
        written, whole = links(ledger, summary)
        out[name] = {"as_written": repeatgen.score(written, truth),
                     "whole_ledger": repeatgen.score(whole, truth)}
        ledger.close()
    return out


LONG = 8  # visits of a chain the returning petitioners timed have had


def scale(n: int, seed: int, runs: int, reuse: bool = False) -> dict:
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    register = repeatgen.generate(n, seed=seed)
    csv_path = out_dir / f"repeats-{n}.csv"
    repeatgen.write(register, csv_path)
    # Returning petitioners, one for each run (so that no chain grows with the runs): the
    # people of the latest visits of chains of LONG visits or more, back without the ID
    # number, as in their latest row.
    visits: dict[str, int] = {}
    for t in register.truth:
        if t["kind"] == "repeat":
            visits[t["repeat_of"]] = visits.get(t["repeat_of"], 0) + 1
    latest = sorted((t for t in register.truth if t["kind"] == "repeat"
                     and visits[t["repeat_of"]] + 1 >= LONG), key=lambda t: t["received"])
    seqs = {str(t["seq"]) for t in latest[-runs:]}
    rows = [r for r in register.rows if r["序号"] in seqs]
    del register, latest, visits  # (the processes timed are not started from a parent holding it)
    gc.collect()
    ledger = out_dir / f"repeats-{n}.db"
    xinfang = [sys.executable, "-m", "xinfang"]
    env = {**os.environ, "XINFANG_TODAY": TODAY.isoformat(), "XINFANG_OFFICER": "bench"}
    env.pop("XINFANG_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    db = ["--db", str(ledger)]
    import_seconds, import_peak = 0.0, 0
    if not (reuse and ledger.exists()):
        for suffix in ("", "-wal", "-shm", ".lock", ".gate", ".report-lock"):
            Path(f"{ledger}{suffix}").unlink(missing_ok=True)
        subprocess.run([*xinfang, "office", "set", "BENCH", "基准测试信访办", *db],
                       check=True, env=env, stderr=subprocess.DEVNULL)
        import_seconds, import_peak = child_peak([*xinfang, "import", str(csv_path), *db],
                                                 env)
    # (An upgrade of the ledger, if one is due, is not what is timed below.)
    subprocess.run([*xinfang, "office", "show", *db], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    repeats = [child_peak([*xinfang, "repeats", "--json", *db], env)
               for _ in range(max(1, runs // 3))]
    register_runs = run.median_of(len(rows), lambda i: [
        *xinfang, "register", *db, "--name", rows[i]["姓名"].strip(),
        "--phone", rows[i]["联系电话"] or "13800000000",
        "--address", rows[i]["住址"] or "光明村1号",
        "--channel", "来访", "--category", rows[i]["问题类别"] or "其他",
        "--content", rows[i]["诉求摘要"], "--on", TODAY.isoformat()], env=env)
    return {"cases": n, "import_seconds": round(import_seconds, 1),
            "import_peak_mib": round(import_peak / 1024),
            "repeats_seconds": round(statistics.median(s for s, _ in repeats), 2),
            "repeats_peak_mib": round(max(p for _, p in repeats) / 1024),
            "register_seconds": round(register_runs[0], 3),
            "register_runs": [round(s, 3) for s in register_runs[1]]}


def child_peak(args: list[str], env: dict) -> tuple[float, int]:
    """Time and peak memory (KiB) of one whole process, in a fresh child."""
    code = ("import resource, subprocess, sys, time, json; t = time.perf_counter();"
            "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
            "print(json.dumps([time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, env=env,
                          capture_output=True, text=True)
    seconds, peak = json.loads(done.stdout)
    return seconds, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--scale", type=int, default=0, help="cases of the timed ledger")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true",
                        help="time the ledger of an earlier --scale run again (no import)")
    parser.add_argument("--scale-only", action="store_true", help="skip the quality part")
    args = parser.parse_args(argv)
    if args.seed in USED:
        parser.error(f"seed {args.seed} is the tests' or the fitting's: choose another")
    report = {} if args.scale_only else {"quality": quality(args.n, args.seed),
                                         "samples": samples()}
    if args.scale:
        report["scale"] = scale(args.scale, args.seed + 1, args.runs, args.reuse)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
