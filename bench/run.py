"""County-scale benchmark: a synthetic register and ledger of N cases, each figure timed
several times as a whole process (what an officer or cron waits for), medians printed
side by side with a generic tool and with the sqlite3 shell.

    python bench/run.py              # N = 1,000,000
    python bench/run.py --n 10000    # a quick run
    python bench/run.py --only workbook   # a 100,000-row workbook against its CSV

Generated files go to bench/out/ (ignored by git).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The register generator the tests use too (it is test tooling, not part of xinfang).
sys.path.insert(0, str(HERE.parent / "tests"))
AS_OF = "2026-11-23"
START, END = dt.date(2017, 1, 1), dt.date(2026, 11, 20)

TARGETS = {
    "import": 30.0,
    "report_overdue": 2.0,
    "register": 0.3,
    "show": 0.3,
    "list_overdue_unit": 0.3,
    "help": 0.2,
    "repeats": 60.0,
}
WORKBOOK_RATIO = 1.5  # a workbook's import against the same register as CSV


def machine() -> dict[str, str]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": model or platform.processor(),
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "system": platform.platform(),
    }


def make_register(n: int, out: Path, seed: int = 11) -> tuple[Path, Path]:
    """A GBK register of n messy rows, about 10% of cases still open and overdue on
    AS_OF, and the same rows in UTF-8 for the generic tools."""
    import samplegen

    rows = samplegen.generate_rows(n, seed=seed, start=START, end=END, messy=True)
    rng = random.Random(seed)
    cutoff = END - dt.timedelta(days=40)
    for row in rows:
        # Registers of past years are mostly finished: close most old open rows so that
        # roughly a tenth of the ledger is still open and overdue.
        if not row.get("办理结果") and row.get("登记日期") and rng.random() < 0.72:
            received = _date(row["登记日期"])
            if received and received < cutoff:
                closed = min(received + dt.timedelta(days=rng.randint(5, 50)), END)
                row["办理结果"], row["办结日期"] = "已办结", closed.isoformat()
    gbk, utf8 = out / f"register-{n}.gbk.csv", out / f"register-{n}.utf8.csv"
    samplegen.write_csv(rows, gbk, encoding="gbk")
    samplegen.write_csv(rows, utf8, encoding="utf-8")
    return gbk, utf8


def _date(text: str) -> dt.date | None:
    from xinfang.dates import parse_date

    try:
        return parse_date(text)
    except Exception:
        return None


def timed(args: list[str], *, stdout=subprocess.DEVNULL, env=None, stdin=None) -> tuple[float, int]:
    """Seconds of a whole process, and its peak memory in KiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=stdout, stderr=subprocess.PIPE, env=env, stdin=stdin)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before)


def median_of(runs: int, make_args, **kwargs) -> tuple[float, list[float]]:
    times = [timed(make_args(i), **kwargs)[0] for i in range(runs)]
    return statistics.median(times), times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each quick figure")
    parser.add_argument("--import-runs", type=int, default=3, help="runs of each import")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--workbook-rows", type=int, default=100_000,
                        help="rows of the workbook imported against the same register as CSV")
    parser.add_argument("--only", choices=["workbook"], help="run only this part")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    xinfang = [sys.executable, "-m", "xinfang"]
    env = {**os.environ, "XINFANG_TODAY": AS_OF, "XINFANG_OFFICER": "bench"}
    env.pop("XINFANG_DB", None)
    # An installed xinfang starts from compiled bytecode (pip writes it at install time);
    # a shell that forbids writing bytecode would have every run compile the source again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-c", "import compileall, os, xinfang; compileall."
                    "compile_dir(os.path.dirname(xinfang.__file__), quiet=1)"], check=True,
                   env=env)
    results: dict[str, dict] = {}
    if args.only == "workbook":
        report = {"n": args.workbook_rows, "as_of": AS_OF, "machine": machine(),
                  "results": {"workbook": workbook_vs_csv(args.workbook_rows, out,
                                                          args.import_runs, xinfang, env)}}
        (out / f"results-workbook-{args.workbook_rows}.json").write_text(
            json.dumps(report, indent=2, ensure_ascii=False))
        print_workbook(report)
        return 0

    print(f"Generating a register of {args.n:,} rows …", file=sys.stderr)
    started = time.perf_counter()
    gbk, utf8 = make_register(args.n, out)
    print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    # Import: xinfang (GBK, full validation) against the generic tools (UTF-8) -------------
    ledger = out / f"ledger-{args.n}.db"

    def fresh(path: Path) -> Path:
        for suffix in ("", "-wal", "-shm", ".report-lock"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return path

    # The ledger needs its office code before the first import.
    def prepare(i: int) -> None:
        target = fresh(out / f"import-{i}.db")
        subprocess.run([*xinfang, "office", "set", "BENCH", "基准测试信访办", "--db",
                        str(target)], check=True, env=env, stderr=subprocess.DEVNULL)

    print("Timing import …", file=sys.stderr)
    import_times, import_peak = [], 0
    for i in range(args.import_runs):
        prepare(i)
        seconds, peak = timed([*xinfang, "import", str(gbk), "--db", str(out / f"import-{i}.db")],
                              env=env)
        import_times.append(seconds)
        import_peak = max(import_peak, peak)
        print(f"  xinfang import run {i + 1}: {seconds:.1f} s", file=sys.stderr)
    shutil.move(out / f"import-{args.import_runs - 1}.db", fresh(ledger))
    for i in range(args.import_runs - 1):
        fresh(out / f"import-{i}.db")
    results["import"] = {"median": statistics.median(import_times), "runs": import_times,
                         "peak_mib": import_peak / 1024}

    generic_times = []
    for i in range(args.import_runs):
        target = fresh(out / f"generic-{i}.db")
        generic_times.append(timed([str(Path(sys.executable).with_name("sqlite-utils")), "insert", str(target), "rows", str(utf8),
                                    "--csv", "--no-detect-types"])[0])
        fresh(target)
    results["sqlite_utils_insert"] = {"median": statistics.median(generic_times),
                                      "runs": generic_times}
    shell_times = []
    for i in range(args.import_runs):
        target = fresh(out / f"shell-{i}.db")
        shell_times.append(timed(["sqlite3", str(target), f".import --csv {utf8} rows"])[0])
        fresh(target)
    results["sqlite3_import"] = {"median": statistics.median(shell_times), "runs": shell_times}

    # Queries on the imported ledger ---------------------------------------------------
    db = ["--db", str(ledger)]
    conn = sqlite3.connect(ledger)
    cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    overdue_cases = conn.execute("SELECT count(*) FROM cases WHERE next_due_on < ?",
                                 [AS_OF]).fetchone()[0]
    number = conn.execute("SELECT number FROM cases ORDER BY id DESC LIMIT 1").fetchone()[0]
    unit = conn.execute("SELECT u.name FROM cases c JOIN units u ON u.id = c.unit_id "
                        "WHERE c.next_due_on < ? GROUP BY u.name ORDER BY count(*) DESC LIMIT 1",
                        [AS_OF]).fetchone()[0]
    person = conn.execute("SELECT p.name, p.id_number, p.phone FROM people p "
                          "WHERE p.id_number IS NOT NULL LIMIT 1 OFFSET 1000").fetchone()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = ledger.stat().st_size
    results["ledger"] = {"cases": cases, "overdue_cases": overdue_cases,
                         "bytes": size, "bytes_per_case": size / max(cases, 1)}

    print("Timing queries …", file=sys.stderr)
    report_file = out / "overdue.txt"
    with open(report_file, "w") as handle:
        results["report_overdue"] = _stats(median_of(
            args.runs, lambda i: [*xinfang, "report", "overdue", "--as-of", AS_OF, *db],
            stdout=handle, env=env))
    raw_sql = (
        "SELECT c.number, k.clock, k.due_on, u.name, c.holder FROM clocks k "
        "JOIN cases c ON c.id = k.case_id LEFT JOIN units u ON u.id = c.unit_id "
        "WHERE k.stopped_on IS NULL AND k.clock IN ('forward','notify','handle','report',"
        f"'review','recheck') AND k.due_on < '{AS_OF}' ORDER BY u.name, k.due_on, c.number;"
    )
    with open(out / "overdue-raw.txt", "w") as handle:
        results["report_overdue_sqlite3"] = _stats(median_of(
            args.runs, lambda i: ["sqlite3", str(ledger), raw_sql], stdout=handle))
    results["register"] = _stats(median_of(args.runs, lambda i: [
        *xinfang, "register", *db, "--name", person[0], "--id-number", person[1],
        "--phone", person[2] or "13800000000", "--channel", "来访", "--category", "民政",
        "--content", f"基准测试第{i}次登记", "--on", AS_OF], env=env))
    results["show"] = _stats(median_of(args.runs, lambda i: [*xinfang, "show", number, *db],
                                       env=env))
    results["list_overdue_unit"] = _stats(median_of(args.runs, lambda i: [
        *xinfang, "list", "--overdue", "--unit", unit, *db], env=env))
    results["help"] = _stats(median_of(args.runs, lambda i: [*xinfang, "--help"], env=env))
    repeats_times, peaks = [], []
    for _ in range(max(1, args.runs // 3)):
        seconds, peak = _child_peak([*xinfang, "repeats", "--json", *db], env)
        repeats_times.append(seconds)
        peaks.append(peak)
    results["repeats"] = {"median": statistics.median(repeats_times), "runs": repeats_times,
                          "peak_mib": max(peaks) / 1024}

    results["workbook"] = workbook_vs_csv(args.workbook_rows, out, args.import_runs, xinfang,
                                          env)
    report = {"n": args.n, "as_of": AS_OF, "machine": machine(), "results": results}
    (out / f"results-{args.n}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print_table(report)
    print_workbook(report)
    return 0


def workbook_vs_csv(n: int, out: Path, runs: int, xinfang: list[str], env: dict) -> dict:
    """The same register as a clerk's workbook (a title row, a header merged over two
    rows, dates as date cells, serial numbers and text in turn) and as the GBK CSV Excel
    saves, each imported into a fresh ledger, in turn, `runs` times; and the two readers
    compared on the workbook alone (every cell read, nothing imported)."""
    import samplegen
    import workbookgen

    print(f"Generating a workbook of {n:,} rows and its CSV …", file=sys.stderr)
    rows = samplegen.generate_rows(n, seed=13, start=dt.date(2023, 1, 1),
                                   end=dt.date(2023, 12, 31), messy=True)
    csv_path = out / f"workbook-{n}.gbk.csv"
    samplegen.write_csv(rows, csv_path, encoding="gbk")
    xlsx_path = workbookgen.write_xlsx(out / f"workbook-{n}.xlsx", {"2023": rows})
    times: dict[str, list[float]] = {"csv": [], "xlsx": []}
    peaks: dict[str, int] = {"csv": 0, "xlsx": 0}
    added: dict[str, int] = {}
    for i in range(runs):
        for kind, source in (("csv", csv_path), ("xlsx", xlsx_path)):
            target = out / f"workbook-{kind}-{i}.db"
            for suffix in ("", "-wal", "-shm", ".lock", ".report-lock"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            subprocess.run([*xinfang, "office", "set", "BENCH", "基准测试信访办", "--db",
                            str(target)], check=True, env=env, stderr=subprocess.DEVNULL)
            seconds, peak = _child_peak([*xinfang, "import", str(source), "--db", str(target)],
                                        env)
            times[kind].append(seconds)
            peaks[kind] = max(peaks[kind], peak)
            with sqlite3.connect(target) as conn:
                added[kind] = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
            print(f"  import {kind} run {i + 1}: {seconds:.1f} s", file=sys.stderr)
            for suffix in ("", "-wal", "-shm", ".lock", ".report-lock"):
                Path(str(target) + suffix).unlink(missing_ok=True)
    readers = {}
    for name, code in (
        ("calamine", "import python_calamine as c, sys; w = c.CalamineWorkbook.from_path("
                     "sys.argv[1]); s = w.get_sheet_by_index(0); n = sum(len(r) for r in "
                     "s.iter_rows()); print(n)"),
        ("openpyxl", "import openpyxl, sys; w = openpyxl.load_workbook(sys.argv[1], "
                     "read_only=True); s = w.worksheets[0]; n = sum(len(r) for r in "
                     "s.iter_rows(values_only=True)); print(n)"),
    ):
        try:
            readers[name] = statistics.median(
                timed([sys.executable, "-c", code, str(xlsx_path)], env=env)[0]
                for _ in range(max(1, runs)))
        except subprocess.CalledProcessError:
            readers[name] = None  # not installed
    medians = {kind: statistics.median(values) for kind, values in times.items()}
    if added["csv"] != added["xlsx"]:
        raise SystemExit(f"the workbook and the CSV gave different ledgers: {added}")
    return {"rows": n, "csv": {"median": medians["csv"], "runs": times["csv"],
                               "peak_mib": peaks["csv"] / 1024},
            "xlsx": {"median": medians["xlsx"], "runs": times["xlsx"],
                     "peak_mib": peaks["xlsx"] / 1024,
                     "bytes": xlsx_path.stat().st_size},
            "ratio": medians["xlsx"] / medians["csv"], "read_only": readers,
            "cases": added["xlsx"]}


def print_workbook(report: dict) -> None:
    from rich.console import Console

    w = report["results"]["workbook"]
    ratio = w["ratio"]
    readers = w["read_only"]
    Console().print(
        f"import of a {w['rows']:,}-row workbook (.xlsx, {w['xlsx']['bytes'] / 2**20:.1f} MiB) "
        f"{w['xlsx']['median']:.2f} s against the same register as GBK CSV "
        f"{w['csv']['median']:.2f} s: {ratio:.2f}× (target ≤ {WORKBOOK_RATIO}×, "
        f"{'met' if ratio <= WORKBOOK_RATIO else 'NOT MET'}; {w['cases']:,} cases each); "
        f"peak memory "
        f"{w['xlsx']['peak_mib']:.0f} / {w['csv']['peak_mib']:.0f} MiB; reading every cell "
        f"alone: calamine {_seconds(readers.get('calamine'))}, openpyxl (read-only) "
        f"{_seconds(readers.get('openpyxl'))}")


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def _stats(pair: tuple[float, list[float]]) -> dict:
    median, runs = pair
    return {"median": median, "runs": runs}


def _child_peak(args: list[str], env: dict) -> tuple[float, int]:
    """Time and peak memory (KiB) of one process, measured in a fresh child so earlier
    children do not hide it."""
    code = (
        "import resource, subprocess, sys, time, json;"
        "t = time.perf_counter();"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
        "print(json.dumps([time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))"
    )
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, env=env,
                          capture_output=True, text=True)
    seconds, peak = json.loads(done.stdout)
    return seconds, peak


def print_table(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    r = report["results"]
    console = Console()
    info = report["machine"]
    console.print(f"xinfang benchmark, N = {report['n']:,} cases, as of {report['as_of']}")
    console.print(f"{info['cpu']}, {info['cores']} cores, {info['memory']}, Python "
                  f"{info['python']}, SQLite {info['sqlite']}")
    table = Table()
    for column in ("figure", "median", "target", "met", "side by side"):
        table.add_column(column)

    def row(name: str, key: str, extra: str = "") -> None:
        median = r[key]["median"]
        target = TARGETS.get(key)
        met = "" if target is None else ("yes" if median <= target else "NO")
        table.add_row(name, f"{median:.3f} s", f"≤ {target} s" if target else "", met, extra)

    ratio = r["sqlite_utils_insert"]["median"] / r["import"]["median"]
    row("import GBK register, full validation", "import",
        f"sqlite-utils insert {r['sqlite_utils_insert']['median']:.1f} s ({ratio:.1f}× ours, "
        f"target ≥ 3×); sqlite3 .import {r['sqlite3_import']['median']:.1f} s; peak memory "
        f"{r['import']['peak_mib']:.0f} MiB")
    row("report overdue → file", "report_overdue",
        f"sqlite3 raw SQL {r['report_overdue_sqlite3']['median']:.3f} s")
    row("register one case (repeat check)", "register")
    row("show CASE", "show")
    row("list --overdue --unit U", "list_overdue_unit")
    row("xinfang --help", "help")
    row("repeats (whole ledger)", "repeats", f"peak memory {r['repeats']['peak_mib']:.0f} MiB "
        "(target ≤ 2048)")
    ledger = r["ledger"]
    table.add_row("ledger size", f"{ledger['bytes_per_case']:.0f} B/case", "≤ 1536 B/case",
                  "yes" if ledger["bytes_per_case"] <= 1536 else "NO",
                  f"{ledger['cases']:,} cases, {ledger['overdue_cases']:,} overdue, "
                  f"{ledger['bytes'] / 1024 / 1024:.0f} MiB")
    console.print(table)


if __name__ == "__main__":
    sys.exit(main())
