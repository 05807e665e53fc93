"""Tests for the made-up register generator and the bundled demo register."""

from __future__ import annotations

import csv
import datetime
import re
from collections import defaultdict
from pathlib import Path

import pytest
import samplegen
from samplegen import HEADERS, REPEAT_SUFFIXES, demo_rows, generate_rows, main, write_csv
from stdnum.cn import ric

import xinfang

START = datetime.date(2025, 1, 1)
END = datetime.date(2026, 11, 20)
DEMO = Path(xinfang.__file__).parent / "data" / "demo-register.csv"
EXPECTED_HEADER = (
    "序号,登记日期,姓名,身份证号,联系电话,住址,信访形式,人数,问题属地,问题类别,"
    "诉求摘要,转送单位,办理结果,办结日期"
).split(",")


def _rows(n: int = 800, seed: int = 3, **kw: object) -> list[dict[str, str]]:
    return generate_rows(n, seed=seed, start=START, end=END, **kw)  # type: ignore[arg-type]


def _base(summary: str) -> str:
    for suffix in REPEAT_SUFFIXES:
        summary = summary.removesuffix(suffix)
    return summary


def _repeats(rows: list[dict[str, str]]) -> list[tuple[dict[str, str], dict[str, str]]]:
    """(repeat, first case) pairs: later rows of the same ID, category and summary."""
    chains: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        chains[(row["身份证号"], row["问题类别"], _base(row["诉求摘要"]))].append(row)
    pairs = []
    for chain in chains.values():
        chain.sort(key=lambda r: r["登记日期"])
        pairs += [(later, chain[0]) for later in chain[1:]]
    return pairs


def test_same_seed_same_rows_other_seed_differs() -> None:
    assert _rows(seed=11) == _rows(seed=11)
    assert _rows(seed=11) != _rows(seed=12)


def test_headers_numbering_and_plain_values() -> None:
    rows = _rows()
    assert EXPECTED_HEADER == list(HEADERS)
    assert len(rows) == 800
    assert all(list(r) == EXPECTED_HEADER for r in rows)
    assert [r["序号"] for r in rows] == [str(i) for i in range(1, 801)]
    assert all(isinstance(v, str) for r in rows for v in r.values())


def test_rows_are_not_in_date_order() -> None:
    dates = [r["登记日期"] for r in _rows()]
    assert dates != sorted(dates)


def test_every_id_number_is_valid() -> None:
    rows = _rows(3000, seed=5)
    for row in rows:
        assert ric.validate(row["身份证号"]) == row["身份证号"]
        born = ric.get_birth_date(row["身份证号"])
        assert datetime.date(1940, 1, 1) <= born <= datetime.date(2005, 12, 31)


def test_fields_look_like_a_register() -> None:
    rows = _rows()
    for row in rows:
        assert 2 <= len(row["姓名"]) <= 4 and row["姓名"].strip() == row["姓名"]
        assert re.fullmatch(r"1[3-9]\d{9}", row["联系电话"])
        assert re.fullmatch(r".+[市区县].+(镇|乡|街道).+(村|社区)\d+号", row["住址"])
        assert row["问题属地"] in row["住址"]
        assert row["信访形式"] in {"来访", "来信", "来电", "电话", "网上信访"}
        people = int(row["人数"])
        assert people == 1 or 2 <= people <= 70
        if people > 1:
            assert row["信访形式"] == "来访"
        assert START <= datetime.date.fromisoformat(row["登记日期"]) <= END
    assert any(int(r["人数"]) >= 5 for r in rows)
    assert any(r["转送单位"] == "" for r in rows)
    assert {"城乡建设", "民政", "劳动社保", "涉法涉诉"} <= {r["问题类别"] for r in rows}


def test_closing_date_is_after_received_and_only_with_a_result() -> None:
    rows = _rows(2000, seed=9)
    results = {r["办理结果"] for r in rows}
    assert results == {"", *samplegen.RESULTS}
    for row in rows:
        if row["办理结果"]:
            received = datetime.date.fromisoformat(row["登记日期"])
            closed = datetime.date.fromisoformat(row["办结日期"])
            assert received < closed <= END
        else:
            assert row["办结日期"] == ""


def test_repeats_match_an_earlier_row_of_the_same_person_and_matter() -> None:
    rows = _rows(1000, seed=4, repeat_share=0.2)
    pairs = _repeats(rows)
    # Exactly the requested share, and no accidental repeats among the first cases.
    assert len(pairs) == 200
    for later, first in pairs:
        assert first["登记日期"] < later["登记日期"]
        for key in ("姓名", "联系电话", "住址"):
            assert later[key] == first[key]
    assert any(r["诉求摘要"] != _base(r["诉求摘要"]) for r, _ in pairs)
    # The same ID always carries the same person.
    seen: dict[str, tuple[str, str, str]] = {}
    for row in rows:
        person = (row["姓名"], row["联系电话"], row["住址"])
        assert seen.setdefault(row["身份证号"], person) == person


def test_no_repeats_when_share_is_zero() -> None:
    assert _repeats(_rows(500, seed=2, repeat_share=0)) == []


def test_messy_rows_keep_the_data_but_not_the_format() -> None:
    clean = _rows(600, seed=8)
    messy = _rows(600, seed=8, messy=True)
    data = [r for r in messy if any(r.values())]
    assert len(data) == 600 and len(messy) > 600  # blank rows come on top
    assert [r["身份证号"] for r in data] == [r["身份证号"] for r in clean]
    dates = [r["登记日期"] for r in data]
    assert any(re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", d) for d in dates)
    assert any("年" in d for d in dates)
    assert any(re.fullmatch(r"\d{8}", d) for d in dates)
    assert any("２" in d for d in dates)
    assert any(d != d.strip() for d in dates)
    assert any(r["姓名"].endswith(" ") for r in data)
    assert all(r["姓名"].strip() == c["姓名"] for r, c in zip(data, clean, strict=True))
    assert any("\n" in r["诉求摘要"] for r in data)


@pytest.mark.parametrize("messy", [False, True])
def test_gbk_round_trip(tmp_path: Path, messy: bool) -> None:
    rows = _rows(1500, seed=6, messy=messy)
    path = tmp_path / "register.csv"
    write_csv(rows, path, encoding="gbk")
    with open(path, encoding="gbk", newline="") as fh:
        read = list(csv.DictReader(fh))
    assert read == rows


def test_main_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    args = ["--n", "25", "--seed", "2", "--start", "2026-01-01", "--end", "2026-03-31"]
    assert main([*args, "--encoding", "utf-8-sig", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        assert list(csv.DictReader(fh)) == generate_rows(
            25, seed=2, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)
        )


def test_bundled_demo_register() -> None:
    raw = DEMO.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with open(DEMO, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        body = list(reader)
    at = EXPECTED_HEADER.index("转送单位") + 1
    assert header == [*EXPECTED_HEADER[:at], "转送日期", "受理日期", *EXPECTED_HEADER[at:]]
    assert len(body) == 60
    rows = [dict(zip(header, line, strict=True)) for line in body]
    # The bundled file is exactly what the generator makes, so it can be regenerated.
    assert rows == demo_rows()
    assert any(r["受理日期"] for r in rows) and any(r["转送日期"] and not r["受理日期"]
                                                 for r in rows)
    assert any(not r["办理结果"] and r["登记日期"] < "2026-10-01" for r in rows)  # overdue
    assert any(r["办理结果"] for r in rows)
    assert any(int(r["人数"]) >= 5 for r in rows)
    assert len(_repeats(rows)) >= 3
