"""`xinfang import`: register rows become cases, in one transaction, every row accounted
for. Library tests on a temporary ledger, the sample registers against their truth files,
and CLI tests through CliRunner."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
import shutil
from pathlib import Path

import pytest
import reference_writer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xinfang.store.writer
from xinfang.errors import OfficeNotSet, XinfangError
from xinfang.registers.importer import ImportFailed, import_register, rejects_csv
from xinfang.registers.reading import REJECTS_COLUMN
from xinfang.store import settings as ledger_settings
from xinfang.store.ledger import Ledger

TODAY = dt.date(2026, 11, 23)  # as in conftest
SAMPLES = Path(__file__).parents[2] / "shared" / "samples"
SAMPLE_FILES = ["register-gbk.csv", "register-utf8bom.csv", "register-clean.csv"]
HEADER = ["序号", "登记日期", "姓名", "身份证号", "联系电话", "住址", "信访形式", "人数",
          "问题属地", "问题类别", "诉求摘要", "转送单位", "办理结果", "办结日期"]
# Valid made-up ID numbers (checksums computed as in tests/test_people.py).
ID_A = "371526196601318579"
ID_B = "360803194801175605"
ID_C = "11010519491231002X"

needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not present")


def register_csv(rows: list[list[str]], header: list[str] = HEADER,
                 encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def row(seq="1", received="2026-01-04", name="郝丹文", id_number=ID_A, phone="14323221834",
        address="光明村9号", channel="来访", headcount="1", locality="鱼邱湖街道",
        category="城乡建设", content="小区绿化率不达标", unit="", result="", closed=""):
    return [seq, received, name, id_number, phone, address, channel, headcount, locality,
            category, content, unit, result, closed]


def counts(ledger: Ledger) -> dict[str, object]:
    """Rows of each table, and the schema (a large import drops and remakes indexes)."""
    out: dict[str, object] = {
        table: ledger.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("cases", "events", "people", "units", "clocks", "imported_rows")}
    out["schema"] = ledger.db.execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    return out


def run(ledger: Ledger, data: bytes, name: str = "登记簿.csv", **kwargs):
    return import_register(ledger, data, name=name, officer="测试员", **kwargs)


# The sample registers against their truth files ------------------------------------------


@pytest.fixture(scope="module")
def sample_ledgers(tmp_path_factory):
    """Each sample imported once into its own ledger: (ledger path, summary, truth)."""
    out = {}
    for name in SAMPLE_FILES:
        path = tmp_path_factory.mktemp("samples") / "ledger.db"
        ledger = Ledger.open(path, create=True, today=TODAY)
        ledger_settings.set_office(ledger, "YQH", "鱼邱湖街道信访办", "测试员")
        summary = run(ledger, (SAMPLES / name).read_bytes(), name=name)
        ledger.close()
        truth = json.loads((SAMPLES / f"{name}.truth.json").read_text("utf-8"))
        out[name] = (path, summary, truth)
    return out


@needs_samples
@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_rows_are_added_or_rejected_as_the_truth_says(sample_ledgers, name):
    _, summary, truth = sample_ledgers[name]
    good = [t for t in truth if t["defect"] is None]
    bad = {str(t["seq"]): t["defect"] for t in truth if t["defect"]}
    rejected = {r.seq: [reason.code for reason in r.reasons] for r in summary.rejected}
    assert summary.read == len(summary.added) + len(summary.skipped) + len(summary.rejected)
    assert len(summary.added) == len(good)
    assert {a.seq for a in summary.added} == {str(t["seq"]) for t in good}
    assert set(rejected) == set(bad)
    for seq, defect in bad.items():
        assert defect in rejected[seq], (seq, defect, rejected[seq])
    # Blank rows are skipped, never rejected, and nothing else is skipped.
    assert summary.read == len(truth) + len(summary.skipped)
    assert {s.reason for s in summary.skipped} <= {"blank"}


@needs_samples
@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_repeat_links_of_imported_samples_match_the_truth(sample_ledgers, name):
    _, summary, truth = sample_ledgers[name]
    by_seq = {str(t["seq"]): t for t in truth}
    seq_of_case = {a.case: a.seq for a in summary.added}
    predicted = {a.seq: seq_of_case[a.repeat_of] for a in summary.added if a.repeat_of}
    actual = {str(t["seq"]): str(t["repeat_of"]) for t in truth
              if t["kind"] == "repeat" and t["defect"] is None}
    hits = sum(1 for seq, root in predicted.items() if actual.get(seq) == root)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(actual) if actual else 1.0
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    assert all(by_seq[seq]["kind"] in ("repeat", "first") for seq in predicted)


@needs_samples
def test_sample_cases_carry_their_source_and_history(sample_ledgers):
    path, summary, truth = sample_ledgers["register-clean.csv"]
    ledger = Ledger.open(path, create=False, today=TODAY)
    by_seq = {str(t["seq"]): t for t in truth}
    for added in summary.added:
        t = by_seq[added.seq]
        events = ledger.events(ledger.find_case(added.case))
        assert events[0]["kind"] == "registered" and events[0]["on"] == t["received"]
        for event in events:
            assert event["details"]["source"]["file"] == "register-clean.csv"
            assert event["details"]["source"]["line"] == added.line
        kinds = [e["kind"] for e in events]
        if t["closed"]:
            assert events[-1]["on"] == t["closed"]
        if t["unit"]:
            assert "forwarded" in kinds
    ledger.close()


# Building a case from a row ----------------------------------------------------------------


def test_each_row_becomes_a_case_with_its_register_history(ledger):
    data = register_csv([
        row("1", unit="住建局", result="已化解", closed="2026-02-10"),
        row("2", name="廖英", id_number=ID_B, content="低保资格被取消", result="已答复",
            closed="2026-01-05"),
        row("3", name="龙桂", id_number=ID_C, content="征地补偿", unit="自然资源局",
            result="不予受理", closed="2026-01-20"),
        row("4", name="袁敏", id_number="", phone="13800138000", content="不服判决",
            result="告知通过诉讼途径解决", closed="2026-01-09"),
        row("5", name="丁涛", id_number="", phone="13900139000", content="养老院收费",
            unit="民政局"),
    ])
    summary = run(ledger, data)
    assert [(a.seq, a.status) for a in summary.added] == [
        ("1", "closed"), ("2", "closed"), ("3", "rejected"), ("4", "redirected"),
        ("5", "forwarded")]
    kinds = {a.seq: [(e["kind"], e["on"]) for e in ledger.events(ledger.find_case(a.case))]
             for a in summary.added}
    assert kinds["1"] == [("registered", "2026-01-04"), ("forwarded", "2026-01-04"),
                          ("accepted", "2026-01-04"), ("closed", "2026-02-10")]
    assert kinds["2"] == [("registered", "2026-01-04"), ("closed", "2026-01-05")]
    assert kinds["3"][-1] == ("rejected", "2026-01-20")
    assert kinds["4"][-1] == ("redirected", "2026-01-09")
    assert kinds["5"] == [("registered", "2026-01-04"), ("forwarded", "2026-01-04")]
    record = ledger.db.execute(
        "SELECT result, flags, closed_on FROM cases WHERE number = ?", [summary.added[1].case]
    ).fetchone()
    # Closed a day after it was registered, with no unit: 本办自行办结, not 当场办结.
    assert record[0] == "resolved" and "closed_by_office" in record[1]
    redirected = ledger.events(ledger.find_case(summary.added[3].case))[-1]["details"]
    assert redirected["route"] == "litigation"
    assert summary.units_added == ["住建局", "民政局", "自然资源局"]
    assert {u["name"] for u in ledger.units()} == {"住建局", "民政局", "自然资源局"}


def test_forwarded_and_accepted_columns_date_those_steps(ledger):
    header = HEADER + ["转送日期", "受理日期", "经办人", "备注"]
    data = register_csv([row(unit="住建局", result="已办结", closed="2026-03-01")
                         + ["2026-01-06", "2026-01-10", "王干事", "信访人情绪激动"]], header)
    [added] = run(ledger, data).added
    events = ledger.events(ledger.find_case(added.case))
    assert [(e["kind"], e["on"]) for e in events] == [
        ("registered", "2026-01-04"), ("note", "2026-01-04"), ("forwarded", "2026-01-06"),
        ("accepted", "2026-01-10"), ("closed", "2026-03-01")]
    assert {e["officer"] for e in events} == {"王干事"}
    assert events[0]["details"]["source"]["imported_by"] == "测试员"
    assert events[1]["details"]["text"] == "备注：信访人情绪激动"


def test_repeats_are_linked_to_the_earlier_case_whatever_the_file_order(ledger):
    data = register_csv([
        row("1", received="2026-03-01", content="小区绿化率不达标（再次反映）"),
        row("2", received="2026-01-04"),
        row("3", received="2026-02-01", name="廖英", id_number=ID_B, content="低保资格被取消"),
    ])
    added = {a.seq: a for a in run(ledger, data).added}
    assert added["1"].repeat_of == added["2"].case
    assert added["2"].repeat_of is None and added["3"].repeat_of is None
    registered = ledger.events(ledger.find_case(added["1"].case))[0]["details"]
    assert registered["repeat_decision"] == "auto"
    # On 2026-03-01 the first case was still being handled: the flag says so.
    assert "repeat_being_handled" in registered["flags"]


def test_every_date_form_in_one_column(ledger):
    forms = ["2026-01-04", "2026/1/4", "2026.01.04", "20260104", "2026年1月4日",
             "２０２６－０１－０４", " 2026-1-4 ", "2026/1/4 0:00"]
    data = register_csv([row(str(i), received=form, content=f"事项{i}")
                         for i, form in enumerate(forms, 1)])
    summary = run(ledger, data)
    assert len(summary.added) == len(forms) and not summary.rejected
    assert {r[0] for r in ledger.db.execute("SELECT received_on FROM cases")} == {"2026-01-04"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_each_encoding_is_detected(ledger, encoding):
    summary = run(ledger, register_csv([row(), row("2", name="廖英", id_number=ID_B)],
                                       encoding=encoding))
    assert len(summary.added) == 2
    names = {r[0] for r in ledger.db.execute("SELECT name FROM people")}
    assert names == {"郝丹文", "廖英"}


def test_excel_unicode_text_is_tab_separated_utf16(ledger):
    text = "\t".join(HEADER) + "\r\n" + "\t".join(row()) + "\r\n"
    summary = run(ledger, text.encode("utf-16"))
    assert summary.encoding == "utf-16" and len(summary.added) == 1


def test_a_broken_byte_rejects_only_its_row(ledger):
    data = register_csv([row(), row("2", name="廖英", id_number=ID_B)], encoding="gbk")
    data = data.replace("廖英".encode("gbk"), b"\xff\xff")
    summary = run(ledger, data)
    assert len(summary.added) == 1
    assert [r.reasons[0].code for r in summary.rejected] == ["unreadable"]


def test_header_synonyms_and_english_headers(ledger):
    english = ["No", "Received", "Name", "ID Number", "Phone", "Address", "Channel",
               "Headcount", "Locality", "Category", "Content", "Unit", "Result", "Closed"]
    summary = run(ledger, register_csv([row()], english))
    assert len(summary.added) == 1 and summary.columns.unmapped == []
    synonyms = ["编号", "来访日期", "信访人", "身份证号码", "电话", "家庭住址", "方式",
                "来访人数", "属地", "类别", "反映问题", "交办单位", "处理情况", "结案日期"]
    summary = run(ledger, register_csv([row(name="廖英", id_number=ID_B)], synonyms))
    assert len(summary.added) == 1 and set(summary.columns.fields) == {
        "seq", "received", "name", "id_number", "phone", "address", "channel", "headcount",
        "locality", "category", "content", "unit", "result", "closed"}


def test_the_office_code_must_be_set(db_path):
    ledger = Ledger.open(db_path, create=True, today=TODAY)
    with pytest.raises(OfficeNotSet):
        run(ledger, register_csv([row()]))


# Idempotence, rejects, atomicity, dry run --------------------------------------------------


def test_importing_the_same_rows_again_adds_nothing(ledger):
    data = register_csv([row(), row("2", name="廖英", id_number=ID_B), ["", "", ""]])
    first = run(ledger, data)
    assert (len(first.added), len(first.skipped)) == (2, 1)
    before = counts(ledger)
    again = run(ledger, data, name="again.csv")
    assert (again.read, len(again.added), len(again.skipped)) == (3, 0, 3)
    assert {s.reason for s in again.skipped} == {"blank", "imported"}
    assert {s.same_as for s in again.skipped if s.reason == "imported"} == {
        a.case for a in first.added}
    # The same rows typed differently, in another encoding, columns in another order.
    moved = [HEADER[2], HEADER[0], HEADER[1]] + HEADER[3:]
    rows = [[r[2], r[0], r[1].replace("-", "/")] + r[3:] for r in
            (row(name="郝丹文 "), row("2", name="廖英", id_number=ID_B))]
    other = run(ledger, register_csv(rows, moved, encoding="gbk"), name="copy.csv")
    assert len(other.added) == 0 and len(other.skipped) == 2
    assert counts(ledger) == before


def test_a_row_duplicated_in_the_file_is_added_once(ledger):
    summary = run(ledger, register_csv([row(), row()]))
    assert len(summary.added) == 1
    assert [(s.line, s.reason, s.same_as) for s in summary.skipped] == [(3, "duplicate", 2)]


@needs_samples
def test_rejects_file_round_trip(ledger, tmp_path):
    summary = run(ledger, (SAMPLES / "register-gbk.csv").read_bytes(), name="register-gbk.csv")
    data = rejects_csv(summary)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER + [REJECTS_COLUMN]
    assert len(rows) == 1 + len(summary.rejected)
    assert rows[2][-1].startswith("第 13 行：缺少登记日期")
    # Importing the rejects file as it is rejects every row again, for the same reasons.
    again = run(ledger, data, name="rejects.csv")
    assert (len(again.added), len(again.rejected)) == (0, len(summary.rejected))
    # A clerk corrects every row (blank ID where it was wrong, a date, a name) …
    truth = {str(t["seq"]): t for t in json.loads(
        (SAMPLES / "register-gbk.csv.truth.json").read_text("utf-8"))}
    fixed = [rows[0]]
    for cells in rows[1:]:
        t = truth[cells[0]]
        cells[1] = t["received"] if t["defect"] not in ("missing_received", "bad_date") \
            else "2025-01-02"
        cells[13] = "" if t["defect"] in ("bad_date", "closed_before_received") else cells[13]
        cells[12] = "" if not cells[13] else cells[12]
        cells[2] = cells[2] or "补录姓名"
        if t["defect"] in ("bad_id_checksum", "id_mangled_by_excel"):
            cells[3] = ""
        fixed.append(cells)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(fixed)
    corrected = buffer.getvalue().encode("utf-8-sig")
    before = counts(ledger)["cases"]
    result = run(ledger, corrected, name="rejects-fixed.csv")
    assert (len(result.added), len(result.rejected)) == (len(summary.rejected), 0)
    assert counts(ledger)["cases"] == before + len(summary.rejected)
    assert len(run(ledger, corrected, name="rejects-fixed.csv").added) == 0


def _fail_on_call(monkeypatch, target, attribute, n, error):
    """Make `target.attribute` raise `error` on its n-th call; returns the call list."""
    original = getattr(target, attribute)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            raise error
        return original(*args, **kwargs)

    monkeypatch.setattr(target, attribute, failing)
    return calls


# Where a failure is injected: mid-way through building the batch's cases (in memory and
# after a flush to SQLite), and in the reference writer's fourth registration.
_FAILURES = {
    "batch-building": (lambda: xinfang.store.writer._Batch, "_case", 4, False),
    "batch-writing": (lambda: xinfang.store.writer._Batch, "_case", 7, False),
    "one-by-one": (lambda: reference_writer, "_batch", 4, True),
}


@pytest.mark.parametrize("where", sorted(_FAILURES))
def test_a_failure_mid_file_leaves_the_ledger_unchanged(ledger, monkeypatch, where):
    run(ledger, register_csv([row("0", name="先有", id_number="", content="已有的案件")]))
    before = counts(ledger)
    target, attribute, n, one_by_one = _FAILURES[where]
    if one_by_one:
        reference_writer.use(monkeypatch)
    else:
        monkeypatch.setattr(xinfang.store.writer, "FLUSH_EVERY", 5)
    calls = _fail_on_call(monkeypatch, target(), attribute, n, RuntimeError("disk pulled out"))
    data = register_csv([row(str(i), name=f"人{i}", id_number="", content=f"事项{i}",
                             unit="新单位") for i in range(1, 8)])
    with pytest.raises(RuntimeError):
        run(ledger, data)
    assert len(calls) == n
    assert counts(ledger) == before
    assert not ledger.db.conn.in_transaction


def test_a_failure_after_rows_were_written_leaves_the_ledger_unchanged(ledger, monkeypatch):
    """The bulk path writes cases and events before clocks: a failure there undoes all."""
    before = counts(ledger)
    conn = ledger.db.conn
    original = conn.executemany

    class Proxy:
        def __getattr__(self, name):
            return getattr(conn, name)

        def executemany(self, sql, rows):
            if sql.lstrip().startswith("INSERT INTO clocks"):
                raise RuntimeError("disk full")
            return original(sql, rows)

    monkeypatch.setattr(ledger.db, "_conn", Proxy(), raising=False)
    monkeypatch.setattr(type(ledger.db), "conn", property(lambda self: self.__dict__.get(
        "_conn", conn)), raising=False)
    data = register_csv([row(str(i), name=f"人{i}", id_number="", content=f"事项{i}")
                         for i in range(1, 6)])
    with pytest.raises(RuntimeError):
        run(ledger, data)
    monkeypatch.undo()
    assert counts(ledger) == before
    assert not conn.in_transaction


@pytest.mark.parametrize("one_by_one", [False, True])
@pytest.mark.parametrize("error", [KeyboardInterrupt, OfficeNotSet])
def test_an_interrupt_or_a_refused_step_leaves_the_ledger_unchanged(ledger, monkeypatch, error,
                                                                    one_by_one):
    before = counts(ledger)
    import xinfang.cases.lifecycle

    # Every act of either path goes through lifecycle.advance: fail the third.
    _fail_on_call(monkeypatch, xinfang.cases.lifecycle, "advance", 3, error())
    data = register_csv([row(str(i), name=f"人{i}", id_number="", content=f"事项{i}",
                             unit="住建局") for i in range(1, 6)])
    expected = KeyboardInterrupt if error is KeyboardInterrupt else ImportFailed
    if one_by_one:
        reference_writer.use(monkeypatch)
    with pytest.raises(expected) as info:
        run(ledger, data)
    if expected is ImportFailed:
        assert "第 " in info.value.message("zh") and "台账未改动" in info.value.message("zh")
    assert counts(ledger) == before
    assert gc.isenabled()  # paused for the run, back on after it


def test_dry_run_shows_exactly_what_an_import_would_do(ledger):
    data = register_csv([row(), row("2", received="2026-01-05", content="小区绿化率不达标"),
                         row("3", name=""), row("4", name="廖英", id_number=ID_B, unit="民政局")])
    before = counts(ledger)
    dry = run(ledger, data, dry_run=True)
    assert counts(ledger) == before
    real = run(ledger, data)
    assert dry.to_dict() == {**real.to_dict(), "dry_run": True}
    assert [a.case for a in dry.added] == [a.case for a in real.added]


def test_progress_is_reported_to_a_callback(ledger):
    seen = []
    run(ledger, register_csv([row(str(i), name=f"人{i}", id_number="", content=f"事{i}")
                              for i in range(5)]),
        progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert seen[-1] == ("write", 5, 5)


# Never a crash: arbitrary bytes or CSV text ---------------------------------------------


def _accounted(ledger: Ledger, data: bytes) -> None:
    try:
        summary = run(ledger, data, dry_run=True)
    except XinfangError as err:  # the file as a whole is refused, with a reason
        assert err.message("zh") and err.message("en")
        return
    assert summary.read == len(summary.added) + len(summary.skipped) + len(summary.rejected)
    assert all(r.reasons for r in summary.rejected)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_crash_the_importer(ledger, data):
    _accounted(ledger, data)
    _accounted(ledger, "序号,登记日期,姓名,诉求摘要\n".encode() + data)


CELL = st.one_of(
    st.text(max_size=10),
    st.sampled_from(["2026-01-04", "2026年1月4日", "２０２６－０１－０４", "2025年13月40日", "",
                     ID_A, ID_B, "3.60803E+17", "371526196601318570", "来访", "网上信访",
                     "已办结", "不予受理", "告知通过诉讼途径解决", "住建局", "=1+1", "1", "0"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELL, max_size=16), max_size=6),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_arbitrary_csv_rows_are_added_or_rejected_with_reasons(ledger, rows, encoding):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    _accounted(ledger, buffer.getvalue().encode(encoding))


# The command ---------------------------------------------------------------------------


@pytest.fixture
def office(cli):
    assert cli("office", "set", "YQH", "鱼邱湖街道信访办").exit_code == 0


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_cli_import_summarises_in_chinese(cli, office, tmp_path):
    path = write(tmp_path, "登记簿.csv", register_csv(
        [row(), row("2", name=""), ["", "", ""]], encoding="gbk"))
    result = cli("import", path)
    assert result.exit_code == 0, result.stderr
    assert "读取 3 行 = 新增 1 件 + 跳过 1 行 + 未导入 1 行" in result.stdout
    assert "第 3 行（序号 2）：缺少信访人姓名" in result.stdout
    assert "Traceback" not in result.output


def test_cli_import_in_english_and_json(cli, office, tmp_path):
    path = write(tmp_path, "r.csv", register_csv([row(), row("2", received="", name="")]))
    result = cli("import", path, "--dry-run", "--lang", "en")
    assert result.exit_code == 0
    assert "Dry run" in result.stdout and "2 rows read = 1 would be added" in result.stdout
    assert "no received date; no petitioner's name" in result.stdout
    data = json.loads(cli("import", path, "--json").stdout)
    assert {k: data[k] for k in ("read", "added", "skipped", "rejected")} == {
        "read": 2, "added": 1, "skipped": 0, "rejected": 1}
    assert data["rejects"][0]["line"] == 3
    assert data["rejects"][0]["reasons"] == ["缺少登记日期", "缺少信访人姓名（匿名信访请填“匿名”）"]
    again = json.loads(cli("import", path, "--json").stdout)
    assert (again["added"], again["skipped"]) == (0, 1)


def test_cli_writes_the_rejects_file(cli, office, tmp_path):
    path = write(tmp_path, "r.csv", register_csv([row(), row("2", id_number="3.60803E+17")]))
    out = tmp_path / "未导入.csv"
    result = cli("import", path, "--rejects", out)
    assert result.exit_code == 0
    assert "未导入的 1 行及原因已写入" in result.stderr
    text = out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].endswith(",未导入原因")
    assert "3.60803E+17" in text and "科学计数法" in text


def test_cli_unknown_header_is_named_and_map_fixes_it(cli, office, tmp_path):
    header = ["序号", "来访时间", "姓名", "诉求摘要", "经办科室"]
    path = write(tmp_path, "r.csv", register_csv([["1", "2026-01-04", "张三", "拖欠工资",
                                                   "一科"]], header))
    result = cli("import", path)
    assert result.exit_code == 0, result.stderr
    assert "“经办科室”（第 5 列）可能是" in result.stderr and "--map" in result.stderr
    header[1] = "来访时段"
    path = write(tmp_path, "s.csv", register_csv([["1", "2026-01-04", "李四", "拖欠工资",
                                                   "一科"]], header))
    result = cli("import", path)
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：表头中找不到必需的列：登记日期（received）")
    assert "来访时段" in result.stderr
    result = cli("import", path, "--map", "来访时段=received", "--map", "经办科室=-")
    assert result.exit_code == 0 and "新增 1 件" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("args, code, text", [
    (["--map", "来访时间"], 2, "--map 应写成 列名=字段"),
    (["--map", "姓名=who"], 2, "--map 的字段“who”无效"),
    (["--map", "不存在=name"], 2, "不在表头中"),
    (["--encoding", "latin-1"], 2, "编码“latin-1”无效"),
    (["--encoding", "utf-8"], 1, "试试 --encoding gbk"),
])
def test_cli_usage_and_file_errors(cli, office, tmp_path, args, code, text):
    path = write(tmp_path, "r.csv", register_csv([row()], encoding="gbk"))
    result = cli("import", path, *args)
    assert result.exit_code == code
    assert result.stderr.startswith("错误：") and text in result.stderr
    assert "Traceback" not in result.output


def test_cli_missing_file_and_missing_office(cli, tmp_path):
    result = cli("import", tmp_path / "nope.csv")
    assert result.exit_code == 1 and result.stderr.startswith("错误：读不到文件")
    path = write(tmp_path, "r.csv", register_csv([row()]))
    result = cli("import", path, "--lang", "en")
    assert result.exit_code == 1 and result.stderr.startswith("Error: The office code is not set")


def test_cli_progress_bar_only_for_big_files_at_a_terminal(monkeypatch):
    from rich.console import Console

    from xinfang.commands import transfer as cli_transfer
    from xinfang.render import terminal as output

    screen = io.StringIO()
    monkeypatch.setattr(output, "stderr_console",
                        lambda: Console(file=screen, force_terminal=True, width=80))
    with cli_transfer._progress_bar("zh") as update:
        update("write", 10, 100)
        assert screen.getvalue() == ""  # a small file: no bar
        update("check", 1000, 5000)
        update("write", 1000, 4990)
        update("write", 4990, 4990)
    assert "检查" in screen.getvalue() and "导入" in screen.getvalue()
    monkeypatch.setattr(output, "stderr_console", lambda: Console(file=io.StringIO()))
    with cli_transfer._progress_bar("zh") as update:
        assert update is None  # not a terminal: quiet


@needs_samples
def test_cli_imports_the_samples(cli, office, tmp_path):
    shutil.copy(SAMPLES / "register-utf8bom.csv", tmp_path / "r.csv")
    data = json.loads(cli("import", tmp_path / "r.csv", "--json").stdout)
    truth = json.loads((SAMPLES / "register-utf8bom.csv.truth.json").read_text("utf-8"))
    assert data["added"] == sum(1 for t in truth if t["defect"] is None)
    assert data["rejected"] == sum(1 for t in truth if t["defect"])
    assert data["encoding"] == "utf-8-sig"


# Registers that are damaged, or made to be hard ------------------------------------------


def test_an_unclosed_quote_refuses_the_register_at_the_line_it_opens(ledger, tmp_path, cli):
    """Before: the rows after an unclosed quote vanished into one cell and the import
    reported success (`读取 1 行`)."""
    register = tmp_path / "登记簿.csv"
    register.write_text(
        "序号,登记日期,姓名,身份证号,联系电话,信访形式,诉求摘要,转送单位,办理结果,办结日期\n"
        '1,2026-11-02,张三,,,来访,"工地拖欠工资,,,\n'
        "2,2026-11-03,李四,,,来信,路灯不亮,,,\n"
        '3,2026-11-04,王五,,,来电,"垃圾清运\n不及时",,,\n'
        "4,2026-11-05,赵六,,,来访,噪音扰民,,,\n", encoding="utf-8")
    result = cli("import", register)
    assert result.exit_code == 1
    assert "第 2 行" in result.stderr and "引号" in result.stderr and "没有导入任何行" in result.stderr
    assert ledger.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    # A quoted cell with an officer's line break in it (Alt+Enter in Excel) still reads.
    register.write_text(
        "序号,登记日期,姓名,信访形式,诉求摘要\n"
        '1,2026-11-04,王五,来电,"垃圾清运\n不及时"\n2,2026-11-05,赵六,来访,噪音扰民\n',
        encoding="utf-8")
    result = cli("import", register)
    assert result.exit_code == 0, result.stderr
    assert "新增 2 件" in result.stdout


def test_a_cell_over_the_size_limit_says_so(ledger, tmp_path, cli):
    register = tmp_path / "登记簿.csv"
    register.write_text("序号,登记日期,姓名,信访形式,诉求摘要\n"
                        f'1,2026-11-04,王五,来电,"{"长" * 200_000}"\n', encoding="utf-8")
    result = cli("import", register)
    assert result.exit_code == 1
    assert "超过 131072 个字符" in result.stderr and "未闭合的引号" not in result.stderr.split("（")[0]


def test_one_bad_byte_costs_its_row_not_the_register(ledger, tmp_path, cli):
    """A NUL byte, or a byte that is not UTF-8, in a register whose header reads fine:
    that row is rejected (and never stored with a NUL in it), the others are imported."""
    register = tmp_path / "登记簿.csv"
    register.write_bytes(
        "序号,登记日期,姓名,信访形式,诉求摘要\n1,2026-11-02,张三,来访,拖欠工资\n".encode()
        + "2,2026-11-03,李".encode() + b"\x00" + "四,来访,路灯\n".encode()
        + "3,2026-11-03,王".encode() + b"\xe5\x9b" + "五,来访,噪音\n".encode()
        + "4,2026-11-04,赵六,来访,垃圾\n".encode())
    result = cli("import", register)
    assert result.exit_code == 0, result.stderr
    assert "新增 2 件" in result.stdout and "未导入 2 行" in result.stdout
    assert ledger.db.execute("SELECT count(*) FROM people WHERE instr(name, char(0))"
                             ).fetchone()[0] == 0


def test_thousands_of_unrecognised_columns_are_summarised(ledger, tmp_path, cli):
    register = tmp_path / "登记簿.csv"
    extra = [f"多余列{i}" for i in range(3000)]
    register.write_text(",".join(["序号", "登记日期", "姓名", "信访形式", "诉求摘要", *extra])
                        + "\n1,2026-11-02,张三,来访,拖欠工资" + "," * len(extra) + "\n",
                        encoding="utf-8")
    result = cli("import", register)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("未识别的列") <= 11
    assert "另有 2990 列未识别" in result.stderr
