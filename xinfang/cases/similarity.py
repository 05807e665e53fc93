"""How alike two complaints are, as evidence that they are about the same matter
(DOMAIN.md §5), in a way that survives rewording.

People tell the same grievance in other words on every visit; what stays is the specific
thing (the company, the project, the village and plot, the court case) and the kind of
grievance (wages, 低保, land compensation …), while amounts and dates change. So:

- **Shared terms**: each complaint is cut into the character trigrams of its runs of
  Chinese characters (digits, punctuation and Latin letters separate runs; traditional
  characters are made simplified), and each trigram the two share counts by how rare it
  is in the ledger: a trigram few cases contain (永盛路, 盛路桥) is strong evidence, one
  that thousands contain (次反映, 的问题) is next to none. The rarity is the share of
  cases containing the trigram (`Rarity`), so it needs no word list and follows the
  ledger's own vocabulary.
- **The kind of grievance**: a short list of what petitions are about (`CONCEPTS`), each
  with the words people use for it (工资 / 工钱 / 欠薪 / 干活的钱 …). Two complaints of one
  kind agree; two of different kinds (wages and social insurance from the same employer,
  低保 and 危房改造) disagree, which outweighs a shared company or village.
- **The category** as soft evidence (`rules.category_distance`: the same, a neighbouring
  one another clerk would choose, or far apart), and the **time apart**.
- **Standard summaries**: a complaint worded word for word as several other petitioners'
  cases are (`STANDARD_OTHERS`, `STANDARD_SHARE`) is the office's standard summary of a
  kind of matter; one person's two different standard summaries, sharing nothing
  specific, are two matters (an office that registers by standard wordings writes one
  matter in the same words every time).

These make one score, a probability (0–1) that the two are the same matter given the
same petitioner, by a logistic model whose weights were fitted on generated registers
(bench/calibrate.py) and are kept here; `Scored.reasons` says what it rests on.
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from xinfang import rules
from xinfang.cases.identity import simplified

# Chinese characters (the unified block and extension A): the runs trigrams come from.
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")  # (a run shorter than a term adds none)
# A court's case number — （2023）鲁1526民初123号 — names one matter whatever the wording.
_CASE_NUMBER = re.compile(r"[(（]\s*(\d{4})\s*[)）]\s*([\u4e00-\u9fff]{0,2}\d{0,6}"
                          r"[\u4e00-\u9fff]{1,4})\s*(\d{1,6})\s*号")
SCORED_CHARS = 400  # of each text: a summary says what the matter is in its opening


def _grams_of(text: str) -> frozenset[str]:
    return _trigrams(_CJK.findall(text))


def _trigrams(runs: list[str]) -> frozenset[str]:
    grams: set[str] = set()
    for run in runs:
        grams.update(run[i:i + 3] for i in range(len(run) - 2))
    return frozenset(grams)


def raw_grams(content: str) -> frozenset[str]:
    """The trigrams of a complaint as typed (what the ledger's full-text index holds
    for it): what the rarity counts."""
    return _grams_of(content)


# The kinds of grievance, each with the words petitioners use for it (simplified).
CONCEPTS: dict[str, tuple[str, ...]] = {
    "wages": ("工资", "工钱", "欠薪", "薪水", "薪资", "薪酬", "劳务费", "血汗钱", "干活的钱",
              "劳动报酬", "讨薪", "工费", "务工费", "人工费", "活钱", "加班费"),
    "social_insurance": ("社保", "社会保险", "养老保险", "医疗保险", "医保", "失业保险",
                         "五险", "参保", "保险费", "缴纳保险", "交保险", "保险金"),
    "housing_fund": ("公积金",),
    "work_injury": ("工伤", "伤残等级", "职业病", "伤残鉴定", "工亡", "受伤", "弄伤", "砸伤",
                    "摔伤", "致残"),
    "pension": ("养老金", "退休金", "退休工资", "退休待遇", "工龄", "退休费"),
    "dismissal": ("辞退", "开除", "解除劳动合同", "解雇", "裁员", "劳动合同"),
    "project_payment": ("工程款", "工程欠款", "材料款", "货款"),
    "land_taking": ("征地", "征用", "土地征收", "征收土地", "占地", "青苗费", "安置费",
                    "地上附着物", "被征"),
    "demolition": ("拆迁", "动迁", "安置房", "回迁", "棚户区", "棚改", "过渡费", "旧城改造",
                   "房屋征收", "拆除"),
    "homestead": ("宅基地", "界址", "院墙", "地基"),
    "land_contract": ("土地承包", "承包地", "承包经营", "流转", "土地租金", "地租", "租地"),
    "dibao": ("低保", "最低生活保障", "低保金"),
    "dangerous_house": ("危房", "房屋改造", "危旧房"),
    "disability": ("残疾人", "残疾补贴", "残疾证", "护理补贴", "残联"),
    "elderly": ("高龄津贴", "高龄补贴", "养老院", "敬老院"),
    "extreme_poverty": ("特困", "五保", "供养"),
    "farm_subsidy": ("惠农补贴", "种粮补贴", "粮食补贴", "地力保护", "农机补贴", "良种补贴"),
    "housing": ("交房", "交付", "房产证", "不动产证", "商品房", "开发商", "漏水", "开裂",
                "烂尾", "购房", "退房", "网签"),
    "property": ("物业", "业委会", "电梯", "停车费", "公摊"),
    "judgment": ("判决", "再审", "审判", "判错", "改判", "枉法", "申诉", "二审", "一审",
                 "偏袒"),
    "enforcement": ("执行", "执行款", "强制执行", "失信被执行"),
    "police": ("派出所", "立案", "报警", "公安", "出警", "打伤", "殴打", "打人"),
    "fraud": ("诈骗", "集资", "传销", "骗走", "非法吸收", "高利贷", "套路贷"),
    "water_pollution": ("污染水源", "排污", "废水", "偷排", "井水", "水质", "水体", "污水"),
    "air_pollution": ("粉尘", "异味", "废气", "油烟", "臭味", "扬尘", "焚烧", "烟尘", "灰尘",
                      "气味"),
    "noise": ("噪音", "噪声", "扰民", "轰鸣"),
    "waste": ("垃圾", "倾倒", "渣土", "固废"),
    "medical": ("医疗", "误诊", "手术", "医疗事故", "医院", "治疗", "医生", "卫生院",
                "卫生室"),
    "school": ("入学", "学校", "校车", "补课费", "学费", "上学", "学籍", "划片", "幼儿园"),
    "teacher": ("代课教师", "民办教师", "教师待遇"),
    "village_affairs": ("村务", "账目", "集体资金", "村干部", "虚报冒领", "集体土地", "村委",
                        "村主任", "村支书", "选举", "侵占集体", "贪污", "截留"),
    "road": ("修路", "道路", "路面", "坑洼", "村道", "桥梁", "路灯", "断头路"),
    "water_supply": ("停水", "自来水", "饮水", "水管", "水渠", "灌溉", "排涝"),
    "power": ("停电", "电压", "电线", "变压器", "电费"),
    "veterans": ("退役", "退伍", "优抚", "伤残军人", "老兵", "复员"),
    "family_planning": ("计生", "独生子女", "计划生育", "扶助金"),
    "false_advertising": ("虚假宣传", "虚假广告", "夸大宣传"),
    "prepaid": ("预付卡", "办卡", "充值", "跑路"),
    "product_quality": ("假货", "质量差", "农资", "假种子", "假化肥", "劣质", "以次充好"),
    "neighbour": ("邻居", "滴水", "采光", "堵路"),
    "marriage": ("离婚", "家暴", "抚养费", "赡养", "彩礼"),
    "transport": ("班线", "客运", "公交", "出租车", "超载"),
}

# Kinds close enough that a complaint of one may be restated as the other: no conflict.
RELATED = {frozenset(pair) for pair in (
    ("social_insurance", "pension"), ("social_insurance", "housing_fund"),
    ("social_insurance", "work_injury"), ("wages", "dismissal"), ("wages", "project_payment"),
    ("land_taking", "demolition"),
    ("land_taking", "village_affairs"), ("homestead", "land_contract"),
    ("homestead", "neighbour"), ("dibao", "extreme_poverty"),
    ("dangerous_house", "village_affairs"), ("dibao", "village_affairs"),
    ("judgment", "police"), ("police", "fraud"),
    ("medical", "work_injury"), ("school", "teacher"), ("school", "transport"),
    ("road", "transport"), ("housing", "property"), ("housing", "demolition"),
    ("noise", "neighbour"), ("water_supply", "road"), ("farm_subsidy", "village_affairs"),
    ("land_contract", "village_affairs"), ("water_pollution", "water_supply"),
    # One factory fouls the water, the air and the night: what it is is the specific thing.
    ("air_pollution", "waste"), ("water_pollution", "waste"), ("air_pollution", "noise"),
    ("water_pollution", "air_pollution"), ("water_pollution", "noise"), ("noise", "waste"),
    ("elderly", "pension"), ("disability", "dibao"), ("prepaid", "fraud"),
    ("false_advertising", "product_quality"),
)}
# Kinds a person has one of (one 低保, one pension, one house, one homestead): two
# complaints of such a kind are about the same matter even if nothing else is shared.
# Of the others (wages, court cases, pollution …) a person may have several, told apart
# by the specific thing.
PERSONAL = frozenset({"dibao", "dangerous_house", "pension", "disability", "elderly",
                      "extreme_poverty", "homestead", "family_planning", "veterans",
                      "teacher"})
_WORDS = {word: concept for concept, words in CONCEPTS.items() for word in words}
_CONCEPT = re.compile("|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)))


class Text(NamedTuple):
    """A complaint as the scorer reads it: the text (normalised), its trigrams and the
    kinds of grievance it names, each with the first word that named it."""

    core: str
    grams: frozenset[str]
    concepts: dict[str, str]
    # Character bigrams (a short name: 永盛, 嘉禾), but those of the words for kinds of
    # grievance, whose agreement is counted as such.
    pairs: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()  # court case numbers
    things: tuple[Thing, ...] = ()  # the companies, farms, factories, courts … it names
    main: tuple[str, ...] = ()  # the kinds of grievance that decide (`_main`), sorted
    # The complaint as worded, the petition's formulas and the numbers (but a court case
    # number) aside: what tells an office's standard summary (`standard`).
    wording: str = ""


# What names an organisation or a place of work: the name before one of these words is
# the specific thing a grievance is about (永盛路桥公司, 润泽家庭农场, 宜阳县人民法院).
# Villages and communities are left out: every matter of a petitioner may name their own.
_THING = re.compile(
    "([\u4e00-\u9fff]{2,8}?)(?:有限责任公司|股份有限公司|有限公司|集团|公司|家庭农场|农场|"
    "合作社|养殖场|屠宰场|搅拌站|化工厂|造纸厂|塑料厂|石料厂|砖厂|工厂|物流园|物业|医院|"
    "卫生院|小学|中学|幼儿园|法院|驾校|超市|酒店|宾馆|工地|项目部|"
    # The trade words a firm is named by without 公司 (鑫达建筑, 富康置业, 新城纺织).
    "路桥|建筑|建工|置业|地产|物流|纺织|机械|电子|水务|钢构|装饰|劳务|实业|商贸|矿业|药业|"
    "陶瓷|塑业|五金)")


class Thing(NamedTuple):
    """A named organisation: the first two characters of its name as written (its 字号,
    as a rule) and every pair of characters in it (for a name written with a word
    before it: 给永盛路桥 holds 永盛)."""

    head: str
    pairs: frozenset[str]

    def same(self, other: Thing) -> bool:
        return self.head in other.pairs or other.head in self.pairs


# What may stand before a name without being part of it (an amount's unit, a particle).
_LEADING = frozenset("元万千百亿亩个月年号组的了在给和与被跟对把向从是")


def _things(plain: str) -> tuple[Thing, ...]:
    out = []
    for found in _THING.finditer(plain):
        name = found.group(1)
        # (Kept to two characters: in 和信公司 the 和 is the name's own.)
        while len(name) > 2 and name[0] in _LEADING:
            name = name[1:]
        if all(char in _LEADING for char in name):
            continue
        out.append(Thing(name[:2], frozenset(name[i:i + 2] for i in range(len(name) - 1))))
    return tuple(out)


def other_things(new: Text, old: Text) -> bool:
    """Both name organisations, and none of the one's is the other's."""
    return bool(new.things and old.things) and not any(
        a.same(b) for a in new.things for b in old.things)


# The words of every petition (再次反映…的问题，要求尽快解决): cut out before the trigrams
# are made, so that the phrase around them ("污染的问题") is not taken for a shared thing.
_FORMULA = re.compile("再次反映|多次反映|反映|的问题|问题|要求|希望|领导|重视|尽快|解决|至今|"
                      "没有结果|一直|情况|请求|恳请|有关|相关部门|来访|信访")


@lru_cache(maxsize=65536)
def text_of(content: str) -> Text:
    """A complaint, read for scoring (cached: a chain's cases are read again and again)."""
    core = simplified(unicodedata.normalize("NFKC", content[:SCORED_CHARS]))
    concepts: dict[str, str] = {}
    for found in _CONCEPT.finditer(core):
        concepts.setdefault(_WORDS[found.group()], found.group())
    plain = _FORMULA.sub("|", core)
    runs = _CJK.findall(plain)
    pairs = {run[i:i + 2] for run in runs for i in range(len(run) - 1)}
    numbers = {"".join(found.groups()) for found in _CASE_NUMBER.finditer(core)}
    return Text(core, _trigrams(runs), concepts, frozenset(pairs - _CONCEPT_PAIRS),
                frozenset(numbers), _things(plain), tuple(sorted(_main(concepts))),
                "".join(runs) + "".join(sorted(numbers)))


# A complaint's reading kept in the ledger with the case (`stored`, `from_stored`), so
# that the whole-ledger rule reads a million complaints without reading each again. The
# version changes whenever `text_of` reads differently: a reading of another version is
# not used (the complaint is read again).
TERMS_VERSION = 2
_PART, _ITEM, _KIND = "\x1e", "\x1f", "="  # (no complaint's term holds these)


def stored(text: Text) -> str:
    """`text` as the ledger keeps it (its trigrams, bigrams, kinds of grievance, case
    numbers, organisations and wording; the normalised text itself is not kept)."""
    return _PART.join((
        _ITEM.join(sorted(text.grams)), _ITEM.join(sorted(text.pairs)),
        _ITEM.join(f"{kind}{_KIND}{word}" for kind, word in text.concepts.items()),
        _ITEM.join(sorted(text.numbers)),
        _ITEM.join(thing.head + "".join(sorted(thing.pairs)) for thing in text.things),
        text.wording))


def from_stored(terms: str) -> Text:
    """A complaint's reading as `stored` kept it (its `core` is empty)."""
    grams, pairs, kinds, numbers, things, wording = terms.split(_PART)
    concepts = dict(item.split(_KIND, 1) for item in kinds.split(_ITEM)) if kinds else {}
    return Text("", frozenset(grams.split(_ITEM)) if grams else frozenset(), concepts,
                frozenset(pairs.split(_ITEM)) if pairs else frozenset(),
                frozenset(numbers.split(_ITEM)) if numbers else frozenset(),
                tuple(Thing(item[:2], frozenset([item[i:i + 2]
                                                 for i in range(2, len(item), 2)]))
                      for item in things.split(_ITEM)) if things else (),
                tuple(sorted(_main(concepts))), wording)


class Tally:
    """How many complaints contain each trigram, and for a bigram the sum of that over
    the trigrams it begins (what the ledger's full-text index tells of a bigram): the
    counts `Rarity` reads, kept in memory."""

    def __init__(self) -> None:
        self.grams: dict[str, int] = {}
        self.prefixes: dict[str, int] = {}

    def add(self, content: str) -> None:
        grams, prefixes = self.grams, self.prefixes
        for gram in raw_grams(content):
            grams[gram] = grams.get(gram, 0) + 1
            prefixes[gram[:2]] = prefixes.get(gram[:2], 0) + 1
        key = wording_key(content)
        if key:
            grams[key] = grams.get(key, 0) + 1

    def __call__(self, gram: str) -> int:
        return (self.prefixes if len(gram) == 2 else self.grams).get(gram, 0)

    def counts(self) -> dict[str, int]:
        """Every count, by key (trigram, bigram or wording), as the ledger keeps them."""
        return {**self.grams, **self.prefixes}

    def clear(self) -> None:
        self.grams.clear()
        self.prefixes.clear()


def wording_key(content: str) -> str | None:
    """What counts a complaint's wording among the terms (`Tally`): WORDING and the
    wording (None for one too short to be a summary)."""
    wording = text_of(content).wording
    return WORDING + wording if len(wording) >= 2 else None


WORDING = "="  # (no trigram or bigram holds it)
RANKED_KEPT = 50_000


class _Weights(dict[str, float]):
    """The weights `Rarity` has worked out, by gram; one not yet asked for is worked out
    when first looked up (a plain dictionary lookup after that)."""

    def __init__(self, rarity: Rarity) -> None:
        super().__init__()
        self.rarity = rarity

    def __missing__(self, gram: str) -> float:
        weight = self[gram] = self.rarity._weigh(gram)
        return weight


class Rarity:
    """How rare each trigram is in the ledger: `count(gram)` cases of `cases` contain it.
    Its weight is 1 for a trigram only one case holds, 0 for one that every case holds,
    on a log scale between. Weights are kept until `cases` is set again (the writer sets
    it for each new case; the whole-ledger rule never does)."""

    def __init__(self, count: Callable[[str], int], cases: int) -> None:
        self.count = count
        self.weights = _Weights(self)  # gram → weight, worked out once each
        self._ranked: dict[int, tuple[Text, list[tuple[float, str]]]] = {}
        self.cases = cases

    @property
    def cases(self) -> int:
        return self._cases

    @cases.setter
    def cases(self, cases: int) -> None:
        self._cases = cases
        self.weights.clear()
        self._ranked.clear()

    def weight(self, gram: str) -> float:
        return self.weights[gram]

    def _weigh(self, gram: str) -> float:
        cases = max(self._cases, 1)
        found = min(max(self.count(gram), 1), cases)
        return math.log((cases + 1) / found) / math.log(cases + 1) if cases > 1 else 1.0

    def ranked(self, text: Text) -> list[tuple[float, str]]:
        """The text's trigrams with their weights, rarest first."""
        kept = self._ranked.get(id(text))
        if kept is None or kept[0] is not text:
            if len(self._ranked) >= RANKED_KEPT:  # a cache: a whole ledger's would not fit
                self._ranked.clear()
            weights = self.weights
            kept = self._ranked[id(text)] = (text, sorted(
                [(weights[gram], gram) for gram in text.grams], reverse=True))
        return kept[1]

    def rarest_outside(self, text: Text, other: frozenset[str], home: str) -> float:
        """The weight of the rarest trigram of `text` not among `other` (a term of the
        petitioner's `home` counting for HOME of its weight), 0 if none."""
        best = 0.0
        for weight, gram in self.ranked(text):
            if weight <= best:
                break
            if gram not in other:
                found = weight * HOME if home and gram in home else weight
                if found > best:
                    best = found
        return best


# The fitted model (bench/calibrate.py, on generated registers of seeds 1001-1004): the
# log-odds of one matter, given one petitioner, from each piece of evidence. The time
# apart is set by hand, and small: a chain may run for years.
WEIGHTS = {
    "bias": 4.23,
    "rarest": 5.86,  # the rarity of the rarest trigram (or bigram) the two share
    "apart": -6.58,  # the rarity of the rarest thing each names that the other does not
    "same_number": 0.42,  # the same court case number
    "other_number": -8.4,  # two different case numbers
    "agree_personal": 4.51,  # the same kind of grievance, one a person has only one of
    "agree": 1.02,  # the same kind of grievance, of which a person may have several
    "conflict": -7.71,  # different kinds of grievance
    "other_things": -3.97,  # both name organisations, none the same
    "nothing_shared": -1.51,  # no term and no kind of grievance in common
    "same_category": 0.29,
    "far_category": -1.56,
    "years": -0.3,  # per year apart
    # Set by hand too: two standard summaries that differ (`values`). An office that
    # registers by standard wordings writes one matter in the same words every time.
    "other_summaries": -6.0,
}


@dataclass(frozen=True, slots=True)
class Scored:
    """The score (0–1) that two complaints are about the same matter, and what it rests
    on: the rare terms shared, the kinds of grievance (agreeing: the words each used;
    different: the words that named the two kinds, new first), the categories' distance."""

    score: float
    shared: tuple[str, ...]
    agree: tuple[str, ...]
    conflict: tuple[str, str] | None
    category: str  # "same", "near", "far" or "unknown"
    # Two standard summaries that differ (`values`); known with or without the terms, so
    # that the score can be worked out again with them.
    summaries: bool = False


def _terms(new: Text, shared: frozenset[str], rarity: Rarity, limit: int = 3
           ) -> tuple[str, ...]:
    """The longest runs of the new complaint made of shared trigrams, rarest first."""
    spans: list[tuple[float, str]] = []
    for run in _CJK.findall(new.core):
        start = None
        for i in range(len(run) - 1):
            inside = i < len(run) - 2 and run[i:i + 3] in shared
            if inside and start is None:
                start = i
            if not inside and start is not None:
                term = run[start:i + 2]
                spans.append((max(rarity.weight(term[k:k + 3])
                                  for k in range(len(term) - 2)), term))
                start = None
    spans = [(w, term) for w, term in spans if w >= 0.35]
    spans.sort(key=lambda item: -item[0])
    out: list[str] = []
    for _, term in spans:
        if term not in out and not any(term in other for other in out):
            out.append(term)
    return tuple(out[:limit])


# Kinds that are the setting of a grievance more often than the grievance itself (村干部
# 截留 of a 危房 subsidy is about the subsidy): they decide nothing beside another kind.
SETTING = frozenset({"village_affairs", "medical", "school"})


def _main(concepts: dict[str, str]) -> set[str]:
    return set(concepts) - SETTING or set(concepts)


def _conflict(new: Text, old: Text, common: set[str]) -> tuple[str, str] | None:
    """Two kinds of grievance, neither the same nor related: the first such pair."""
    if not new.main or not old.main or common:
        return None
    for a in new.main:
        for b in old.main:
            if frozenset((a, b)) not in RELATED:
                return a, b
    return None


HOME = 0.3  # what a term of the petitioner's own village counts for
PAIR = 0.8  # what a shared bigram counts for beside a trigram (its count is an estimate)
# The bigrams of the words for kinds of grievance: their agreement is counted as such.
_CONCEPT_PAIRS = frozenset(word[i:i + 2] for word in _WORDS for i in range(len(word) - 1))
# The model's inputs, in the order `values` gives them.
NAMES = ("rarest", "apart", "same_number", "other_number", "agree_personal", "agree",
         "conflict", "other_things", "nothing_shared", "same_category", "far_category",
         "years", "other_summaries")
# A wording other petitioners' cases hold word for word (numbers aside) at least this
# often — and in at least this share of the ledger's cases: a kind of matter, not one
# firm's or one village's — is the office's standard summary of a kind of matter
# (标准表述, as offices that register by standard wordings write them).
STANDARD_OTHERS = 3
STANDARD_SHARE = 0.002
RARE_SHARED = 0.5  # a shared term at least this rare is a specific thing the two share


def summaries_differ(new: Text, old: Text) -> bool:
    """Two wordings neither of which holds the other (再次反映 + the same words is the
    same summary), naming no organisation in common."""
    return bool(new.wording and old.wording) and new.wording not in old.wording \
        and old.wording not in new.wording \
        and not any(a.same(b) for a in new.things for b in old.things)


def values(new: Text, old: Text, rarity: Rarity, *, category_a: str | None,
           category_b: str | None, days: int, home: str = "", standard: bool = False
           ) -> tuple[float, ...]:
    """The model's inputs for one pair, in the order of NAMES. `home` names the
    petitioner's village or community: every matter of theirs may name it, so it tells
    little. `standard`: both complaints are standard summaries (`STANDARD_OTHERS`) —
    then two that differ, sharing no specific thing and no kind of grievance a person
    has only one of, are two matters. (Written for speed: a whole ledger scores millions
    of pairs.)"""
    weight = rarity.weights.__getitem__
    shared = new.grams & old.grams
    rarest = 0.0
    if shared:
        if home:
            for gram in shared:
                found = weight(gram) * HOME if gram in home else weight(gram)
                if found > rarest:
                    rarest = found
        else:
            rarest = max(map(weight, shared))
    # A short name (永盛 of 永盛路桥) shares only a bigram: its rarity counts too.
    pairs = new.pairs & old.pairs
    if pairs and shared:
        pairs = pairs - {gram[:2] for gram in shared} - {gram[1:] for gram in shared}
    for pair in pairs:
        found = weight(pair) * (HOME * PAIR if home and pair in home else PAIR)
        if found > rarest:
            rarest = found
    apart = min(rarity.rarest_outside(new, old.grams, home),
                rarity.rarest_outside(old, new.grams, home))
    common = new.concepts.keys() & old.concepts.keys()
    personal = bool(common & PERSONAL)
    distance = rules.category_distance(category_a, category_b)
    return (rarest,
            apart,
            1.0 if new.numbers and new.numbers & old.numbers else 0.0,
            1.0 if new.numbers and old.numbers and not new.numbers & old.numbers else 0.0,
            1.0 if personal else 0.0,
            1.0 if common - PERSONAL else 0.0,
            1.0 if _conflict(new, old, common) is not None else 0.0,
            1.0 if other_things(new, old) else 0.0,
            1.0 if not shared and not pairs and not common else 0.0,
            1.0 if distance == "same" else 0.0,
            1.0 if distance == "far" else 0.0,
            abs(days) / 365,
            1.0 if standard and not personal and rarest < RARE_SHARED
            and summaries_differ(new, old) else 0.0)


def features(new: Text, old: Text, rarity: Rarity, *, category_a: str | None,
             category_b: str | None, days: int, home: str = "", standard: bool = False
             ) -> dict[str, float]:
    """The model's inputs for one pair, by name (what bench/calibrate.py fits)."""
    return dict(zip(NAMES, values(new, old, rarity, category_a=category_a,
                                  category_b=category_b, days=days, home=home,
                                  standard=standard), strict=True))


def compare(new: Text, old: Text, rarity: Rarity, *, category_a: str | None,
            category_b: str | None, days: int, home: str = "", standard: bool = False,
            terms: bool = False) -> Scored:
    """The score that `new` and `old` (the complaints of two cases of one petitioner)
    are about the same matter, `days` apart (`standard` as for `values`); with `terms`,
    what it rests on too (the shared terms, the kinds of grievance agreeing or
    differing, the categories, two standard summaries)."""
    x = values(new, old, rarity, category_a=category_a, category_b=category_b, days=days,
               home=home, standard=standard)
    score = 1 / (1 + math.exp(-(_BIAS + sum(map(operator.mul, _WEIGHTED, x)))))
    summaries = bool(x[_SUMMARIES])
    if not terms:
        return Scored(score, (), (), None, "", summaries)
    common = new.concepts.keys() & old.concepts.keys()
    agree = tuple(sorted(
        new.concepts[c] if new.concepts[c] == old.concepts[c]
        else f"{old.concepts[c]}/{new.concepts[c]}" for c in common))
    conflict = _conflict(new, old, common)
    differ = (new.concepts[conflict[0]], old.concepts[conflict[1]]) if conflict else None
    return Scored(score, _terms(new, new.grams & old.grams, rarity), agree, differ,
                  rules.category_distance(category_a, category_b), summaries)


_BIAS = WEIGHTS["bias"]
_WEIGHTED = tuple(WEIGHTS[name] for name in NAMES)
_SUMMARIES = NAMES.index("other_summaries")
