"""Generate made-up paper registers (信访登记簿) as CSV, for demos, tests and benchmarks.

No real person is in the output: names, ID numbers, phones and addresses are random.
ID numbers carry a valid checksum and an area code that existed in the holder's birth
year, so ``stdnum.cn.ric.validate`` accepts every one.

    python -m xinfang.samplegen --n 10000 -o big.csv
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from stdnum.cn import ric

HEADERS: tuple[str, ...] = (
    "序号",
    "登记日期",
    "姓名",
    "身份证号",
    "联系电话",
    "住址",
    "信访形式",
    "人数",
    "问题属地",
    "问题类别",
    "诉求摘要",
    "转送单位",
    "办理结果",
    "办结日期",
)

# Appended to the summary of some repeat petitions, as clerks do; strip them to compare
# a repeat with its first case.
REPEAT_SUFFIXES: tuple[str, ...] = ("（再次反映）", "（多次反映）", "，多次反映未果")

RESULTS: tuple[str, ...] = ("已办结", "已答复", "已化解", "不予受理", "告知通过诉讼途径解决")


@dataclass(frozen=True)
class County:
    """A county-level area and the towns whose petitioners appear in the register."""

    prefix: str  # city + county, as written at the start of an address
    # (first birth year, area code): stdnum checks the area code against the birth
    # year, so people born before a county was renamed or re-coded carry the old code.
    codes: tuple[tuple[int, str], ...]
    towns: tuple[str, ...]
    tibetan: bool = False

    def code_for(self, birth_year: int) -> str:
        code = self.codes[0][1]
        for since, candidate in self.codes:
            if birth_year >= since:
                code = candidate
        return code


COUNTIES: tuple[County, ...] = (
    County(
        "聊城市高唐县",
        ((0, "372527"), (1997, "371526")),
        tuple(
            "鱼邱湖街道 汇鑫街道 人和街道 姜店镇 琉璃寺镇 清平镇 梁村镇 尹集镇 固河镇"
            " 三十里铺镇 赵寨子镇 杨屯镇".split()
        ),
    ),
    County(
        "吉安市青原区",
        # 青原区 was carved out of the county-level 吉安市 (362401) in 2000.
        ((0, "362401"), (2000, "360803")),
        tuple("河东街道 滨江街道 富田镇 值夏镇 新圩镇 天玉镇 文陂乡 东固畲族乡".split()),
    ),
    County(
        "山南市乃东区",
        # 540502 since 2016; everyone born before that was registered in 乃东县 (542221).
        ((0, "542221"), (2016, "540502")),
        tuple("泽当镇 昌珠镇 颇章乡 结巴乡 索珠乡 多颇章乡 亚堆乡".split()),
        tibetan=True,
    ),
    County(
        "合肥市巢湖市",
        # 巢县 → 巢湖市 (county level) → 居巢区 → 巢湖市 under 合肥.
        ((0, "342624"), (1983, "342601"), (1999, "341402"), (2011, "340181")),
        tuple(
            "卧牛山街道 亚父街道 柘皋镇 中垾镇 黄麓镇 烔炀镇 苏湾镇 槐林镇 散兵镇 银屏镇".split()
        ),
    ),
    County(
        "大连市中山区",
        # Before 1983 the city districts shared 210220 (市区).
        ((0, "210220"), (1983, "210202")),
        tuple("海军广场街道 人民路街道 桃源街道 青泥洼桥街道 葵英街道 老虎滩街道".split()),
    ),
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺"
    "顾毛郝龚邵万钱严武戴莫孔向汤"
)
MALE_GIVEN = "伟强军勇杰涛明斌超刚平辉鹏华建国志文海东林波磊俊永德宏峰成亮新春福贵"
FEMALE_GIVEN = "芳娟敏静丽艳娜秀英华慧玲梅兰霞燕红萍桂凤琴云洁玉珍淑莲翠"
TIBETAN_MALE = ("扎西", "多吉", "顿珠", "平措", "旺堆", "洛桑", "索朗", "旦增", "尼玛", "达瓦")
TIBETAN_FEMALE = ("卓玛", "央金", "拉姆", "德吉", "曲珍", "央宗", "卓嘎", "玉珍", "措姆", "次仁")
TIBETAN_COMMON = ("次仁", "格桑", "达瓦", "尼玛", "平措", "旦增", "索朗", "普布", "白玛", "洛桑")

VILLAGES = tuple("光明 团结 红旗 新华 东风 和平 前进 胜利 三份 王庄 李家 张庄 河西 后营".split())
COMMUNITIES = ("和平", "幸福", "阳光", "新华", "滨河", "花园", "建设", "文化")


@dataclass(frozen=True)
class Category:
    """A 问题类别 as registers write it, its usual unit and its typical complaints."""

    name: str
    unit: str
    weight: int
    # (summary, group_prone): group-prone matters are the ones people come about together.
    matters: tuple[tuple[str, bool], ...]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "城乡建设",
        "住建局",
        14,
        (
            ("小区绿化率不达标、人车不分流", False),
            ("商品房延期交付10个月", True),
            ("旧城改造动迁户未能回迁", True),
            ("物业公司乱收费", True),
            ("农村危房改造补助未到位", False),
            ("小区电梯长期停运无人维修", True),
        ),
    ),
    Category(
        "民政",
        "民政局",
        14,
        (
            ("低保资格被取消", False),
            ("残疾人补贴未发放", False),
            ("养老院收费问题", False),
            ("高龄津贴停发", False),
            ("特困供养申请迟迟未批", False),
        ),
    ),
    Category(
        "劳动社保",
        "人社局",
        14,
        (
            ("单位拖欠职工社保公积金", True),
            ("商业广场项目施工方拖欠工资", True),
            ("工伤认定久拖不决", False),
            ("养老保险待遇核算有误", False),
            ("被辞退未获经济补偿", False),
        ),
    ),
    Category(
        "农业农村",
        "农业农村局",
        10,
        (
            ("灌溉水渠被堵", True),
            ("惠农补贴未发放", False),
            ("土地承包经营权纠纷", False),
            ("村集体账目不公开", True),
            ("土地流转租金未兑现", True),
        ),
    ),
    Category(
        "国土资源",
        "自然资源局",
        12,
        (
            ("土地征收补偿款未到位", True),
            ("宅基地界址纠纷", False),
            ("邻居占用公用道路", False),
            ("违法占用耕地建房", False),
            ("不动产登记办理迟缓", False),
        ),
    ),
    Category(
        "环境保护",
        "生态环境局",
        9,
        (
            ("养殖场污染水源", True),
            ("垃圾焚烧异味", True),
            ("工厂夜间噪音扰民", True),
            ("河道倾倒建筑垃圾", False),
            ("餐馆油烟扰民", False),
        ),
    ),
    Category(
        "涉法涉诉",
        "司法局",
        8,
        (
            ("不服法院判决要求再审", False),
            ("执行款未到位", False),
            ("调解协议未履行", False),
            ("对派出所处理结果不满", False),
        ),
    ),
    Category(
        "教育文体",
        "教育局",
        6,
        (
            ("子女入学划片不合理", True),
            ("校车接送存在安全隐患", True),
            ("原民办代课教师待遇问题", True),
            ("学校违规收取补课费", False),
        ),
    ),
    Category(
        "卫生计生",
        "卫健局",
        5,
        (
            ("医疗纠纷赔偿未落实", False),
            ("村卫生室服务差", False),
            ("计生奖励扶助金未发放", False),
        ),
    ),
    Category(
        "交通运输",
        "交通运输局",
        4,
        (
            ("村道破损长期无人修", True),
            ("客运班线停运出行难", True),
        ),
    ),
    # Not on the national list; registers use it anyway and importers keep it as given.
    Category(
        "市场监管",
        "市场监管局",
        4,
        (
            ("虚假宣传", False),
            ("农资产品质量差", True),
            ("预付卡商家跑路", True),
        ),
    ),
)

# Prefixes of numbers people actually carry (140-146 and the like are data-only SIMs).
MOBILE_PREFIXES = tuple(
    "130 131 132 133 134 135 136 137 138 139 147 150 151 152 153 155 156 157 158 159"
    " 166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199".split()
)
# Matters only older people raise for themselves (高龄津贴 starts at 80, pensions at 60).
ELDER_MATTERS = frozenset({"高龄津贴停发", "养老院收费问题", "养老保险待遇核算有误"})

CHANNELS = ("来访", "来信", "来电", "电话", "网上信访")
CHANNEL_WEIGHTS = (38, 20, 10, 14, 18)

_FULL_WIDTH = str.maketrans("0123456789-/.", "０１２３４５６７８９－／．")


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str
    phone: str
    address: str
    town: str


def _person(rng: random.Random, used_ids: set[str]) -> Person:
    county = rng.choice(COUNTIES)
    male = rng.random() < 0.55
    birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(66 * 365))
    while True:
        # 顺序码: odd for men, even for women.
        seq = rng.randrange(0, 999, 2) + (1 if male else 0)
        body = f"{county.code_for(birth.year)}{birth:%Y%m%d}{seq:03d}"
        # calc_check_digit ignores the last character it is given.
        id_number = body + ric.calc_check_digit(body + "0")
        if id_number not in used_ids:
            used_ids.add(id_number)
            break
    if county.tibetan and rng.random() < 0.8:
        # Tibetan names have no surname: one element, or a common one before a gendered one.
        name = rng.choice(TIBETAN_MALE if male else TIBETAN_FEMALE)
        if rng.random() < 0.5:
            name = rng.choice([p for p in TIBETAN_COMMON if p != name]) + name
    else:
        given = MALE_GIVEN if male else FEMALE_GIVEN
        name = rng.choice(SURNAMES) + "".join(rng.choices(given, k=rng.choice((1, 2, 2))))
    phone = rng.choice(MOBILE_PREFIXES) + "".join(rng.choices("0123456789", k=8))
    town = rng.choice(county.towns)
    if town.endswith("街道"):
        place = rng.choice(COMMUNITIES) + "社区"
    else:
        place = rng.choice(VILLAGES) + "村"
    address = f"{county.prefix}{town}{place}{rng.randint(1, 60)}号"
    return Person(name, id_number, phone, address, town)


def _result(
    rng: random.Random, category: str, received: datetime.date, end: datetime.date
) -> tuple[str, str]:
    """Pick (办理结果, 办结日期); the register is as of ``end``, so nothing closes later."""
    if rng.random() < 0.3:
        return "", ""
    weights = [30, 24, 14, 8, 6]
    if category == "涉法涉诉":
        # 诉访分离: court matters are mostly redirected to litigation.
        weights = [8, 10, 4, 8, 30]
    result = rng.choices(RESULTS, weights)[0]
    if result in ("不予受理", "告知通过诉讼途径解决"):
        days = rng.randint(2, 15)
    elif result == "已答复":
        days = rng.randint(3, 45)
    else:
        days = rng.randint(10, 90)
    closed = received + datetime.timedelta(days=days)
    if closed > end:
        return "", ""
    return result, closed.isoformat()


def _messy_date(rng: random.Random, value: str) -> str:
    """Rewrite an ISO date the way clerks type it (DOMAIN.md §7)."""
    d = datetime.date.fromisoformat(value)
    forms = (
        f"{d.year}/{d.month}/{d.day}",
        f"{d:%Y.%m.%d}",
        f"{d:%Y%m%d}",
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year}-{d.month}-{d.day}",
        value.translate(_FULL_WIDTH),
        f" {d.year}-{d.month}-{d.day} ",
    )
    return rng.choice(forms)


def _make_messy(rng: random.Random, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for row in rows:
        row = dict(row)
        for key in ("登记日期", "办结日期"):
            if row[key] and rng.random() < 0.3:
                row[key] = _messy_date(rng, row[key])
        if rng.random() < 0.05:
            row["姓名"] += " "
        if rng.random() < 0.03:
            # Excel keeps Alt+Enter line breaks inside a quoted cell.
            row["诉求摘要"] += "\n（续）多次反映未果"
        out.append(row)
        if rng.random() < 0.02:
            out.append(dict.fromkeys(HEADERS, ""))
    return out


def generate_rows(
    n: int,
    *,
    seed: int = 1,
    start: datetime.date,
    end: datetime.date,
    repeat_share: float = 0.15,
    messy: bool = False,
) -> list[dict[str, str]]:
    """Return ``n`` register rows keyed by ``HEADERS``, all values as text.

    ``round(n * repeat_share)`` rows are repeats (same person, same category and summary
    as an earlier row). With ``messy`` some dates, names and summaries are typed sloppily
    and a few blank rows are added (not counted in ``n`` nor numbered).
    """
    if n < 0:
        raise ValueError("n must not be negative")
    if end < start:
        raise ValueError("end is before start")
    if not 0 <= repeat_share < 1:
        raise ValueError("repeat_share must be in [0, 1)")
    rng = random.Random(seed)
    span = (end - start).days
    dates = sorted(start + datetime.timedelta(days=rng.randint(0, span)) for _ in range(n))
    # A repeat needs an earlier case, so it can only fall after the first date.
    later = [i for i, d in enumerate(dates) if dates and d > dates[0]]
    n_repeat = min(round(n * repeat_share), len(later))
    repeat_at = set(rng.sample(later, n_repeat))

    used_ids: set[str] = set()
    people: list[Person] = []
    by_id: dict[str, Person] = {}
    matters_of: dict[str, set[tuple[str, str]]] = {}
    rows: list[dict[str, str]] = []
    for i, received in enumerate(dates):
        if i in repeat_at:
            # rows follow date order here, so rows[:k] are the ones received strictly earlier.
            first = rows[rng.randrange(bisect.bisect_left(dates, received))]
            person = by_id[first["身份证号"]]
            category = first["问题类别"]
            summary = _base_summary(first["诉求摘要"])
            unit = first["转送单位"]
            headcount = first["人数"]
            if int(headcount) >= 5:
                # A group that comes back is rarely the same size.
                headcount = str(max(5, int(headcount) + rng.randint(-10, 10)))
            if rng.random() < 0.4:
                summary += rng.choice(REPEAT_SUFFIXES)
        else:
            if people and rng.random() < 0.06:
                # Someone known to the office comes about a different matter: not a repeat.
                person = rng.choice(people)
            else:
                person = _person(rng, used_ids)
                people.append(person)
                by_id[person.id_number] = person
            while True:
                cat = rng.choices(CATEGORIES, [c.weight for c in CATEGORIES])[0]
                summary, group_prone = rng.choice(cat.matters)
                if summary in ELDER_MATTERS and int(person.id_number[6:10]) > received.year - 60:
                    continue
                if (cat.name, summary) not in matters_of.get(person.id_number, set()):
                    break
            category = cat.name
            # Registers often leave the unit blank when the office handled it itself.
            unit = cat.unit if rng.random() < 0.8 else ""
            headcount = "1"
            if group_prone and rng.random() < 0.12:
                headcount = str(rng.randint(5, 60))
            elif rng.random() < 0.05:
                headcount = str(rng.randint(2, 4))
        matters_of.setdefault(person.id_number, set()).add((category, _base_summary(summary)))
        # Only people who walk in together are counted as a group.
        channel = "来访" if headcount != "1" else rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        result, closed = _result(rng, category, received, end)
        rows.append(
            {
                "序号": "",
                "登记日期": received.isoformat(),
                "姓名": person.name,
                "身份证号": person.id_number,
                "联系电话": person.phone,
                "住址": person.address,
                "信访形式": channel,
                "人数": headcount,
                "问题属地": person.town,
                "问题类别": category,
                "诉求摘要": summary,
                "转送单位": unit,
                "办理结果": result,
                "办结日期": closed,
            }
        )
    # Clerks copy from several books and late letters, so registers are rarely in date order.
    rng.shuffle(rows)
    for seq, row in enumerate(rows, 1):
        row["序号"] = str(seq)
    return _make_messy(rng, rows) if messy else rows


def _base_summary(summary: str) -> str:
    for suffix in REPEAT_SUFFIXES:
        if summary.endswith(suffix):
            return summary[: -len(suffix)]
    return summary


DEMO_TODAY = datetime.date(2026, 11, 23)


def demo_rows() -> list[dict[str, str]]:
    """The bundled demo register (xinfang/data/demo-register.csv): 60 rows, with the dates
    each case was forwarded and accepted, so that importing it gives every case a history
    up to the demo's day."""
    out = []
    for row in generate_rows(60, seed=7, start=datetime.date(2026, 8, 3),
                             end=datetime.date(2026, 11, 20)):
        seq = int(row["序号"])
        received = datetime.date.fromisoformat(row["登记日期"])
        closed = datetime.date.fromisoformat(row["办结日期"]) if row["办结日期"] else None
        end = closed or DEMO_TODAY
        forwarded = accepted = ""
        result = row["办理结果"]
        ended_before_handling = result == "不予受理" or any(
            word in result for word in ("诉讼", "仲裁", "复议"))
        if row["转送单位"]:
            on = min(received + datetime.timedelta(days=2 + seq % 6), end)
            forwarded = on.isoformat()
            if closed is None and seq % 2 == 0:
                accepted = min(on + datetime.timedelta(days=5), end).isoformat()
            elif closed is not None and not ended_before_handling:
                accepted = min(on + datetime.timedelta(days=3), closed).isoformat()
        demo: dict[str, str] = {}
        for key, value in row.items():
            demo[key] = value
            if key == "转送单位":
                demo["转送日期"], demo["受理日期"] = forwarded, accepted
        out.append(demo)
    return out


def _write(rows: Iterable[dict[str, str]], fh: IO[str]) -> None:
    writer = csv.DictWriter(fh, fieldnames=HEADERS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_csv(rows: Iterable[dict[str, str]], path: str | Path, encoding: str = "utf-8") -> None:
    """Write ``rows`` to ``path`` with the header row first (``utf-8-sig`` adds a BOM)."""
    with open(path, "w", encoding=encoding, newline="") as fh:
        _write(rows, fh)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python tests/samplegen.py --n 500 --messy -o register.csv``."""
    parser = argparse.ArgumentParser(
        prog="python tests/samplegen.py", description="生成虚构的信访登记簿 CSV（无真实个人信息）"
    )
    parser.add_argument("--n", type=int, default=60, help="行数（默认 60）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
    parser.add_argument(
        "--start",
        type=_date,
        default=datetime.date(2025, 1, 1),
        help="最早登记日期（默认 2025-01-01）",
    )
    parser.add_argument(
        "--end",
        type=_date,
        default=datetime.date(2026, 11, 20),
        help="最晚登记日期，也是台账截止日（默认 2026-11-20）",
    )
    parser.add_argument("--repeat-share", type=float, default=0.15, help="重复信访占比")
    parser.add_argument("--encoding", default="utf-8", help="utf-8、utf-8-sig 或 gbk")
    parser.add_argument("--messy", action="store_true", help="加入手工录入常见的格式问题")
    parser.add_argument("-o", "--output", help="输出文件（默认标准输出）")
    args = parser.parse_args(argv)
    try:
        rows = generate_rows(
            args.n,
            seed=args.seed,
            start=args.start,
            end=args.end,
            repeat_share=args.repeat_share,
            messy=args.messy,
        )
    except ValueError as exc:
        parser.error(str(exc))
    if args.output:
        write_csv(rows, args.output, encoding=args.encoding)
    else:
        sys.stdout.reconfigure(encoding=args.encoding)  # type: ignore[union-attr]
        _write(rows, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
