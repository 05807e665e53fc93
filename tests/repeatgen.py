"""Made-up registers where people come back the way they really do (重复信访), with the
truth they were made from: which row repeats which first case (初件).

What the rows do, as offices see it:
- the same grievance told in other words on every visit; what stays is the specific
  thing (the company, the project, the village and plot, the court case, the school),
  while amounts and dates change;
- another clerk files it under another category (国土资源 → 城乡建设 or 农村农业,
  政法 → 涉法涉诉, 劳动和社会保障 → 劳动社保 or 其他);
- identity is patchy on return visits: the ID number left blank, a new phone, only the
  name and address, the address written shorter; a name with a trailing space, an
  ideographic space or in traditional characters; namesakes in other villages;
- hard negatives: the same person with two matters in the same category and the same
  employer (wages and social insurance), 低保 and 危房改造; a family member about the
  same matter (another petitioner, the same house); the same company named by many
  workers; someone known to the office with an unrelated matter;
- chains of 5–10 visits over two years besides the single visits and short chains.

No real person is in the output. ID numbers carry a valid checksum.

    python tests/repeatgen.py --n 5000 --seed 7 -o register.csv   # and register.csv.truth.json
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from stdnum.cn import ric

HEADERS: tuple[str, ...] = (
    "序号", "登记日期", "姓名", "身份证号", "联系电话", "住址", "信访形式", "人数",
    "问题属地", "问题类别", "诉求摘要", "转送单位", "办理结果", "办结日期",
)

# Places: (city + county as an address starts, area code, towns).
COUNTIES = (
    ("聊城市高唐县", "371526", ("鱼邱湖街道", "汇鑫街道", "姜店镇", "琉璃寺镇", "清平镇",
                               "梁村镇", "尹集镇", "固河镇", "杨屯镇")),
    ("吉安市青原区", "360803", ("河东街道", "滨江街道", "富田镇", "值夏镇", "新圩镇",
                               "天玉镇", "文陂乡")),
    ("合肥市巢湖市", "340181", ("卧牛山街道", "亚父街道", "柘皋镇", "中垾镇", "黄麓镇",
                               "烔炀镇", "苏湾镇", "槐林镇")),
    ("洛阳市宜阳县", "410327", ("城关镇", "丰李镇", "柳泉镇", "韩城镇", "白杨镇", "锦屏镇",
                               "三乡镇")),
    ("绍兴市诸暨市", "330681", ("暨阳街道", "浣东街道", "店口镇", "大唐街道", "枫桥镇",
                               "牌头镇", "次坞镇")),
)
VILLAGE_WORDS = ("光明 团结 红旗 新华 东风 和平 前进 胜利 三份 王庄 李家 张庄 河西 后营 "
                 "杨树 柳湾 石桥 大营 小营 马庄 刘集 北关 南岗 东湖 西坡 桃园 杏花 青山 "
                 "白沙 黄泥 龙泉 凤凰 双河 五里 七里 高庙 新店 古城 金鸡 银杏 朱家 孙庄 "
                 "陈楼 周桥 吴村 郑湾 何寨 林场").split()
COMMUNITY_WORDS = "和平 幸福 阳光 新华 滨河 花园 建设 文化 锦绣 长安 春晖 东城".split()

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
            "薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤")
MALE = "伟强军勇杰涛明斌超刚平辉鹏华建国志文海东林波磊俊永德宏峰成亮新春福贵忠卫民庆山"
FEMALE = "芳娟敏静丽艳娜秀英华慧玲梅兰霞燕红萍桂凤琴云洁玉珍淑莲翠荣香"
# Names many people carry: namesakes in other villages.
COMMON_NAMES = ("张建华", "刘秀兰", "王建国", "李秀英", "张伟", "王芳", "李强", "刘洋",
                "陈静", "杨秀珍", "赵建军", "黄桂英", "周建平", "吴秀梅", "王玉兰", "李建华")
# Traditional forms of the characters in names above (as some clerks type them).
TRADITIONAL = str.maketrans({
    "张": "張", "刘": "劉", "陈": "陳", "杨": "楊", "黄": "黃", "赵": "趙", "吴": "吳",
    "郑": "鄭", "许": "許", "韩": "韓", "冯": "馮", "邓": "鄧", "谢": "謝", "罗": "羅",
    "华": "華", "兰": "蘭", "军": "軍", "国": "國", "强": "強", "伟": "偉", "丽": "麗",
    "艳": "艷", "凤": "鳳", "云": "雲", "贵": "貴", "卫": "衛", "庆": "慶", "玲": "玲",
    "宏": "宏", "鹏": "鵬", "辉": "輝", "涛": "濤", "东": "東", "亮": "亮", "娟": "娟",
    "龙": "龍", "钟": "鍾", "孙": "孫", "马": "馬", "宋": "宋", "苏": "蘇", "叶": "葉",
})
MOBILE = ("130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 166 173 "
          "176 177 180 181 182 183 185 186 187 188 189 191 198 199").split()
CHANNELS = ("来访", "来信", "来电", "网上信访")
CHANNEL_WEIGHTS = (45, 20, 20, 15)
RESULTS = ("已办结", "已答复", "已化解", "不予受理")

# Name parts of companies, estates, factories …
FIRMS = ("永盛 鑫达 恒泰 宏远 金鹏 华兴 瑞丰 德润 昌盛 兴旺 东升 顺发 嘉禾 天成 广源 富民 "
         "利民 鸿运 盛世 中恒 汇通 锦程 新城 万福 聚源 通达 隆兴 安泰 佳和 润泽 宝丰 "
         "鼎盛 博远 和信 腾飞 凯旋 明珠 海川 祥和 富康").split()
TRADES = ("路桥", "建筑", "建工", "置业", "物流", "纺织", "食品", "机械", "农业科技", "电子",
          "环保", "水务", "钢构", "装饰", "劳务")
ESTATES = ("花园", "苑", "华府", "名都", "家园", "雅居", "公馆", "新城", "嘉园", "御景")
ROADS = ("人民路", "建设路", "解放路", "文化路", "滨河路", "迎宾大道", "工业路", "站前路",
         "环城路", "长江路", "黄河路", "学府路")
POLLUTERS = ("化工厂", "养殖场", "砖厂", "塑料厂", "造纸厂", "石料厂", "搅拌站", "屠宰场")
SCHOOLS = ("中心小学", "第一中学", "实验小学", "第二初级中学", "中心幼儿园")


@dataclass
class Person:
    key: int
    name: str
    id_number: str
    phone: str
    county: str
    town: str
    village: str  # 光明村 / 和平社区
    house: str  # 9号 / 3栋2单元301室
    family: int | None = None  # the key of the person whose household this is

    def address(self) -> str:
        return f"{self.county}{self.town}{self.village}{self.house}"


@dataclass
class Matter:
    """One grievance of one person: its kind and the specific things it is about."""

    key: int
    kind: Kind
    slots: dict[str, str]
    person: int


@dataclass(frozen=True)
class Kind:
    """A kind of grievance: its category and the ones other clerks file it under, how its
    specific things are made, and the ways petitioners tell it."""

    code: str
    category: str
    neighbours: tuple[str, ...]
    make: Callable[[random.Random, Person, dict[str, list[str]]], dict[str, str]]
    wordings: tuple[str, ...]


def _firm(rng: random.Random, pool: dict[str, list[str]], trade: str | None = None) -> str:
    """A company, often one already named by others (many workers, one employer)."""
    firms = pool.setdefault("firm", [])
    if firms and rng.random() < 0.45:
        return rng.choice(firms)
    name = rng.choice(FIRMS) + (trade or rng.choice(TRADES))
    firms.append(name)
    return name


def _amount(rng: random.Random) -> str:
    return rng.choice((f"{rng.randint(2, 30)}万元", f"{rng.randint(3, 90)}000元",
                       f"{rng.randint(2, 30)}万多", f"{rng.randint(1, 9)}万{rng.randint(1, 9)}千元"))


def _wages(rng, person, pool):
    firm = _firm(rng, pool)
    project = rng.choice((f"{rng.choice(ROADS)}改造工程", f"{person.village}安置小区工地",
                          f"{rng.choice(FIRMS)}{rng.choice(ESTATES)}项目",
                          f"{person.town}污水管网工程", f"{rng.choice(ROADS)}拓宽工程"))
    return {"firm": firm, "short": firm[:2], "project": project}


def _insurance(rng, person, pool):
    return {"firm": (firm := _firm(rng, pool)), "short": firm[:2]}


def _injury(rng, person, pool):
    firm = _firm(rng, pool)
    return {"firm": firm, "short": firm[:2],
            "hurt": rng.choice(("右手", "左腿", "腰椎", "手指", "眼睛"))}


def _land(rng, person, pool):
    village = person.village if person.village.endswith("村") else rng.choice(VILLAGE_WORDS) + "村"
    project = rng.choice((f"{rng.choice(ROADS)}延伸工程", "高铁站前广场", "工业园区扩建",
                          f"{rng.choice(FIRMS)}物流园", "县城南环线", "开发区标准厂房"))
    return {"village": village, "group": f"{rng.randint(1, 9)}组", "project": project,
            "area": f"{rng.randint(1, 12)}亩"}


def _homestead(rng, person, pool):
    village = person.village if person.village.endswith("村") else rng.choice(VILLAGE_WORDS) + "村"
    neighbour = rng.choice(SURNAMES) + rng.choice(MALE) + rng.choice(MALE)
    return {"village": village, "neighbour": neighbour}


def _resettle(rng, person, pool):
    return {"project": rng.choice((f"{person.village}棚户区改造", f"{rng.choice(ROADS)}旧城改造",
                                   f"{rng.choice(FIRMS)}片区拆迁", "老火车站片区征收")),
            "estate": rng.choice(FIRMS) + rng.choice(ESTATES)}


def _delivery(rng, person, pool):
    firm = _firm(rng, pool, "置业")
    return {"estate": rng.choice(FIRMS) + rng.choice(ESTATES), "firm": firm}


def _property(rng, person, pool):
    return {"estate": rng.choice(FIRMS) + rng.choice(ESTATES),
            "firm": rng.choice(FIRMS) + "物业"}


def _village_of(rng, person, pool):
    return {"village": person.village}


def _pension(rng, person, pool):
    return {"firm": rng.choice(("原县" + rng.choice(("棉纺厂", "化肥厂", "农机厂", "酒厂")),
                                _firm(rng, pool)))}


def _court(rng, person, pool):
    county = person.county[3:6] if len(person.county) > 5 else person.county
    number = f"（20{rng.randint(18, 24)}）{rng.choice('鲁赣皖豫浙')}{rng.randint(1000, 1999)}民初{rng.randint(100, 9999)}号"
    return {"court": county + "人民法院", "case": number,
            "party": rng.choice(SURNAMES) + rng.choice(MALE) + rng.choice(MALE)}


def _police(rng, person, pool):
    return {"station": person.town.replace("街道", "").replace("镇", "").replace("乡", "")
            + "派出所",
            "other": rng.choice(SURNAMES) + rng.choice(MALE) + rng.choice(MALE)}


def _polluter(rng, person, pool):
    return {"plant": rng.choice(FIRMS) + rng.choice(POLLUTERS), "village": person.village}


def _hospital(rng, person, pool):
    return {"hospital": rng.choice((person.town + "卫生院",
                                    person.county[3:6] + "人民医院",
                                    person.county[3:6] + "中医院")),
            "relative": rng.choice(("父亲", "母亲", "妻子", "儿子", "老伴"))}


def _school(rng, person, pool):
    return {"school": person.town.replace("街道", "").replace("镇", "") + rng.choice(SCHOOLS)}


def _rent(rng, person, pool):
    village = person.village if person.village.endswith("村") else rng.choice(VILLAGE_WORDS) + "村"
    return {"firm": rng.choice(FIRMS) + rng.choice(("农业合作社", "家庭农场", "农业科技公司")),
            "village": village}


def _finance(rng, person, pool):
    village = person.village if person.village.endswith("村") else rng.choice(VILLAGE_WORDS) + "村"
    return {"village": village, "official": rng.choice(SURNAMES) + rng.choice(MALE) + rng.choice(MALE)}


def _road(rng, person, pool):
    return {"village": person.village,
            "road": rng.choice((f"{person.village}到{rng.choice(VILLAGE_WORDS)}村的路",
                                f"{rng.choice(ROADS)}", f"{person.village}村口桥"))}


KINDS: tuple[Kind, ...] = (
    Kind("wages", "劳动和社会保障", ("劳动社保", "其他", "城乡建设"), _wages, (
        "{firm}公司拖欠{project}民工工资{amount}",
        "给{firm}干活的钱到现在没结，{amount}",
        "{firm}老板跑了，工人工资没人管",
        "再次反映{firm}欠薪问题",
        "在{project}干了大半年，{short}公司一直拖着工钱不给",
        "{firm}有限公司拖欠农民工工资，要求尽快支付{amount}",
        "{project}包工头说{firm}没拨款，我们的工资发不下来",
        "讨要{firm}拖欠的劳务费{amount}，多次找公司无果",
        "{short}公司欠我们一帮工人的血汗钱，年底了还不给",
    )),
    Kind("insurance", "劳动和社会保障", ("劳动社保", "其他"), _insurance, (
        "{firm}公司没有给职工缴纳社会保险",
        "在{firm}上班{years}年，养老保险一直没交",
        "{short}公司欠缴社保费，退休手续办不了",
        "要求{firm}补缴社保",
        "{firm}只给部分人交了五险，要求补交",
        "再次反映{firm}不给员工参保的问题",
    )),
    Kind("injury", "劳动和社会保障", ("劳动社保", "卫生计生", "其他"), _injury, (
        "在{firm}干活时{hurt}受伤，工伤认定一直没有结果",
        "{firm}不承认我是工伤，{hurt}伤残没人赔",
        "工伤赔偿{amount}{short}公司拖着不给",
        "再次反映在{firm}受工伤的待遇问题",
        "{hurt}在工地上弄伤了，{firm}只给了几千块就不管了",
    )),
    Kind("land", "国土资源", ("城乡建设", "农村农业", "国土"), _land, (
        "{village}{group}土地被{project}征用，补偿款至今未到位",
        "{project}占了我家{area}地，一分钱补偿没拿到",
        "{village}征地补偿标准太低，要求按新标准补偿",
        "再次反映{project}征地款被截留的问题",
        "{village}{group}的承包地被征了，安置费{amount}没发",
        "对{project}征地补偿分配不服，{village}村干部不公开账目",
        "我家{area}口粮田给{project}用了，补偿款被村里扣着",
    )),
    Kind("homestead", "国土资源", ("农村农业", "城乡建设"), _homestead, (
        "邻居{neighbour}盖房占了我家宅基地",
        "{village}宅基地界址纠纷，{neighbour}强行砌墙",
        "和{neighbour}的宅基地争议村里调解不了",
        "再次反映{neighbour}侵占宅基地的问题",
        "{neighbour}把院墙往我家这边挪了一米多，要求恢复原状",
    )),
    Kind("resettle", "城乡建设", ("国土资源", "其他"), _resettle, (
        "{project}拆迁后一直没有安置，在外租房{years}年",
        "{project}的安置房{estate}迟迟不交房",
        "拆迁过渡费停发了，{project}的回迁遥遥无期",
        "再次反映{project}拆迁安置问题",
        "{estate}安置房分配不公，要求按协议安置",
    )),
    Kind("delivery", "城乡建设", ("经济管理", "商贸旅游"), _delivery, (
        "{estate}商品房延期交付{months}个月",
        "{firm}开发的{estate}逾期不交房，要求退房",
        "买的{estate}房子漏水开裂，开发商{firm}不修",
        "{estate}办不了房产证，{firm}一直推脱",
        "再次反映{estate}延期交房的问题",
    )),
    Kind("property", "城乡建设", ("其他",), _property, (
        "{estate}物业乱收费",
        "{firm}在{estate}擅自涨物业费",
        "{estate}电梯坏了半年物业不管",
        "{firm}不作为，{estate}小区垃圾成堆",
        "再次反映{estate}物业服务问题",
    )),
    Kind("dibao", "民政", ("其他",), _village_of, (
        "{village}低保评定不公，我家的低保被取消了",
        "低保资格被取消，要求恢复",
        "家里困难，申请低保{village}不给报",
        "再次反映取消低保的问题",
        "最低生活保障金停发了{months}个月",
        "{village}评低保优亲厚友，我家符合条件却没评上",
    )),
    Kind("weifang", "城乡建设", ("民政", "农村农业"), _village_of, (
        "{village}危房改造补助没有发到位",
        "我家房子是危房，申请改造几年了没批",
        "危房改造款被{village}村干部截留",
        "再次反映危房改造补助问题",
        "房屋鉴定为D级危房，改造资金一直不到位",
    )),
    Kind("pension", "劳动和社会保障", ("劳动社保", "民政"), _pension, (
        "{firm}退休职工养老金核算有误",
        "在{firm}的工龄没有算进养老金",
        "退休待遇偏低，{firm}的档案工龄不认",
        "再次反映{firm}退休工资的问题",
    )),
    Kind("judgment", "政法", ("涉法涉诉", "其他"), _court, (
        "不服{court}{case}判决，要求再审",
        "{case}案件判决不公，{court}偏袒{party}",
        "和{party}的纠纷{court}判错了，要求重新审理",
        "再次反映{case}判决不公的问题",
        "对{court}的判决不服，{party}伪造证据",
    )),
    Kind("enforce", "政法", ("涉法涉诉",), _court, (
        "{case}判决生效两年，{court}一直执行不到位",
        "{party}欠款{amount}，法院判了执行不了",
        "{court}对{party}的执行案拖着不办",
        "再次反映{case}执行难的问题",
    )),
    Kind("police", "政法", ("涉法涉诉", "其他"), _police, (
        "被{other}打伤，{station}不立案",
        "{station}对{other}打人的事处理不公",
        "报警说{other}诈骗了{amount}，派出所不管",
        "再次反映{station}不作为的问题",
    )),
    Kind("pollution", "环境保护", ("其他", "农村农业"), _polluter, (
        "{plant}排污，{village}的井水不能喝了",
        "{plant}夜里噪音扰民",
        "{village}旁边的{plant}粉尘太大",
        "再次反映{plant}污染的问题",
        "{plant}偷排废水，{village}的庄稼都死了",
    )),
    Kind("medical", "卫生计生", ("其他",), _hospital, (
        "{relative}在{hospital}手术出了事故，医院推卸责任",
        "{hospital}误诊耽误了{relative}的病，要求赔偿",
        "{relative}在{hospital}治疗后致残，医疗纠纷一直没解决",
        "再次反映{hospital}医疗事故的问题",
    )),
    Kind("school", "教育文体", ("其他",), _school, (
        "孩子上{school}被划到别的片区",
        "{school}乱收补课费",
        "{school}校车超载，孩子上学不安全",
        "再次反映{school}的问题",
    )),
    Kind("rent", "农村农业", ("国土资源", "经济管理"), _rent, (
        "{firm}租了{village}的地，流转租金{years}年没给",
        "{village}土地流转费{firm}拖欠不付",
        "{firm}跑了，{village}的承包地租金没人管",
        "再次反映{firm}拖欠土地租金的问题",
    )),
    Kind("finance", "农村农业", ("纪检监察", "党务政务"), _finance, (
        "{village}村务不公开，村主任{official}账目有问题",
        "{official}侵占{village}集体资金",
        "{village}集体土地被{official}私自卖了",
        "再次反映{official}的问题",
        "举报{village}干部{official}虚报冒领补贴",
    )),
    Kind("road", "交通运输", ("城乡建设", "农村农业"), _road, (
        "{road}坑洼不平，下雨没法走",
        "{road}修了一半停工了",
        "要求修{road}",
        "再次反映{road}修路的问题",
    )),
)
KIND = {kind.code: kind for kind in KINDS}
# Second matters of the same person that look alike: the same employer, or the two
# housing programmes of the poor.
PAIRED = {"wages": "insurance", "insurance": "wages", "dibao": "weifang", "weifang": "dibao",
          "judgment": "enforce", "enforce": "judgment"}
# Kinds a person may bring twice about different things, and the slots that tell the
# two apart (each wording of the kind names one of them).
AGAIN = {"wages": ("firm",), "injury": ("firm",), "delivery": ("estate",),
         "property": ("estate", "firm"), "judgment": ("case", "party"),
         "enforce": ("case", "party"), "pollution": ("plant",),
         "rent": ("firm",)}
EXTRAS = ("", "", "", "", "再次反映：", "多次反映未果，", "（第{n}次来访）", "，要求尽快解决",
          "，希望领导重视", "，至今没有结果")


def _id_number(rng: random.Random, code: str, used: set[str]) -> str:
    while True:
        birth = dt.date(1945, 1, 1) + dt.timedelta(days=rng.randrange(58 * 365))
        body = f"{code}{birth:%Y%m%d}{rng.randrange(1000):03d}"
        number = body + ric.calc_check_digit(body + "0")
        if number not in used:
            used.add(number)
            return number


def _phone(rng: random.Random) -> str:
    return rng.choice(MOBILE) + "".join(rng.choices("0123456789", k=8))


def _name(rng: random.Random, male: bool) -> str:
    given = MALE if male else FEMALE
    return rng.choice(SURNAMES) + "".join(rng.choices(given, k=rng.choice((1, 2, 2, 2))))


def _place(rng: random.Random) -> tuple[str, str, str, str]:
    county, _, towns = rng.choice(COUNTIES)
    town = rng.choice(towns)
    if town.endswith("街道"):
        village = rng.choice(COMMUNITY_WORDS) + "社区"
        house = f"{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{rng.randint(1, 6)}0{rng.randint(1, 4)}室"
    else:
        village = rng.choice(VILLAGE_WORDS) + "村"
        house = f"{rng.randint(1, 120)}号"
    return county, town, village, house


@dataclass
class Register:
    """A generated register: the rows (as a register's columns, text) and their truth,
    one entry per row in the same order."""

    rows: list[dict[str, str]] = field(default_factory=list)
    truth: list[dict[str, object]] = field(default_factory=list)

    def links(self) -> dict[str, str]:
        """Each repeat row's seq → the seq of its chain's first row."""
        return {str(t["seq"]): str(t["repeat_of"]) for t in self.truth if t["kind"] == "repeat"}


def generate(n: int, *, seed: int, start: dt.date = dt.date(2024, 1, 1),
             end: dt.date = dt.date(2026, 11, 20)) -> Register:
    """About `n` rows of a register from `start` to `end` (a whole chain is kept, so
    the count may be a little over)."""
    rng = random.Random(seed)
    span = (end - start).days
    used: set[str] = set()
    people: list[Person] = []
    pool: dict[str, list[str]] = {}
    visits: list[tuple[dt.date, Person, Matter, int]] = []
    matters = 0

    def new_person(family: Person | None = None) -> Person:
        male = rng.random() < 0.55
        if family is not None:
            # Another of the household: the same house, usually the same surname.
            surname = family.name[0] if rng.random() < 0.7 else rng.choice(SURNAMES)
            name = surname + "".join(rng.choices(MALE if male else FEMALE, k=2))
            code = family.id_number[:6]
            person = Person(len(people), name, _id_number(rng, code, used),
                            family.phone if rng.random() < 0.4 else _phone(rng),
                            family.county, family.town, family.village, family.house,
                            family=family.key)
        else:
            county, town, village, house = _place(rng)
            code = next(c for name, c, _ in COUNTIES if name == county)
            name = rng.choice(COMMON_NAMES) if rng.random() < 0.12 else _name(rng, male)
            person = Person(len(people), name, _id_number(rng, code, used), _phone(rng),
                            county, town, village, house)
        people.append(person)
        return person

    def chain(person: Person, kind: Kind, slots: dict[str, str] | None = None,
              first: dt.date | None = None) -> Matter:
        nonlocal matters
        matter = Matter(matters, kind, slots or kind.make(rng, person, pool), person.key)
        matters += 1
        roll = rng.random()
        length = 1 if roll < 0.5 else rng.randint(2, 4) if roll < 0.85 else rng.randint(5, 10)
        day = first or start + dt.timedelta(days=rng.randrange(span))
        for visit in range(length):
            if day > end:
                break
            visits.append((day, person, matter, visit))
            day += dt.timedelta(days=rng.randint(12, 110))
        return matter

    while len(visits) < n:
        person = new_person()
        kind = rng.choice(KINDS)
        matter = chain(person, kind)
        roll = rng.random()
        if roll < 0.18 and kind.code in PAIRED:
            # The same person's second matter that looks like the first.
            other = KIND[PAIRED[kind.code]]
            slots = dict(matter.slots) if set(matter.slots) >= {"firm"} else None
            if slots is not None and other.code in ("insurance", "wages"):
                slots = {k: matter.slots[k] for k in ("firm", "short")}
                slots.update(other.make(rng, person, pool) | {"firm": slots["firm"],
                                                              "short": slots["short"]})
            chain(person, other, slots)
        elif roll < 0.26 and kind.code in AGAIN:
            # The same kind again about another thing: wages from a second employer,
            # a second court case, another factory; every telling names the thing.
            main = AGAIN[kind.code]
            for _ in range(20):
                slots = kind.make(rng, person, pool)
                if all(slots[k] != matter.slots[k] and slots[k][:2] != matter.slots[k][:2]
                       for k in main):
                    chain(person, kind, slots)
                    break
        elif roll < 0.36:
            # An unrelated second matter (one person does not bring two of one kind).
            chain(person, rng.choice([k for k in KINDS if k.code not in
                                      (kind.code, PAIRED.get(kind.code))]))
        if rng.random() < 0.08:
            # A family member about the same matter: another petitioner, another chain.
            chain(new_person(family=person), kind, dict(matter.slots))

    return _rows(rng, visits, end)


def _content(rng: random.Random, matter: Matter, visit: int) -> str:
    wording = rng.choice(matter.kind.wordings)
    slots = dict(matter.slots, amount=_amount(rng), years=str(rng.randint(2, 8)),
                 months=str(rng.randint(3, 24)))
    text = wording.format(**{k: slots.get(k, "") for k in _fields(wording)})
    extra = rng.choice(EXTRAS) if visit else ""
    if extra.endswith("：") or extra.endswith("，"):
        return extra + text
    return text + extra.format(n=visit + 1)


def _fields(wording: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(wording) if name]


def _typed_name(rng: random.Random, name: str) -> str:
    roll = rng.random()
    if roll < 0.05:
        return name + " "
    if roll < 0.10:
        return name.translate(TRADITIONAL)
    if roll < 0.12:
        return name[0] + "\u3000" + name[1:]
    return name


def _rows(rng: random.Random, visits: list[tuple[dt.date, Person, Matter, int]],
          end: dt.date) -> Register:
    visits.sort(key=lambda v: (v[0], v[1].key, v[2].key))
    known: set[int] = set()
    phones: dict[int, str] = {}
    made: list[tuple[dict[str, str], Person, Matter, int]] = []
    for day, person, matter, visit in visits:
        kind = matter.kind
        id_number, phone, address = person.id_number, person.phone, person.address()
        if person.key in known:
            if rng.random() < 0.40:
                id_number = ""
            roll = rng.random()
            if roll < 0.25:
                phone = phones[person.key] = _phone(rng)  # a new phone, kept from then on
            elif roll < 0.40:
                phone = ""
            else:
                phone = phones.get(person.key, person.phone)
            roll = rng.random()
            if roll < 0.25:
                address = f"{person.village}{person.house}"
            elif roll < 0.40:
                address = f"{person.town}{person.village}{person.house}"
            elif roll < 0.55:
                address = ""
        known.add(person.key)
        category = kind.category
        if visit and rng.random() < 0.35:
            category = rng.choice(kind.neighbours)
        headcount = "1"
        if kind.code in ("wages", "land", "resettle", "delivery", "pollution") \
                and rng.random() < 0.06:
            headcount = str(rng.randint(5, 30))
        result, closed = "", ""
        if rng.random() < 0.7:
            closed_on = day + dt.timedelta(days=rng.randint(5, 80))
            if closed_on <= end:
                result, closed = rng.choice(RESULTS), closed_on.isoformat()
        row = {
            "序号": "", "登记日期": day.isoformat(), "姓名": _typed_name(rng, person.name),
            "身份证号": id_number, "联系电话": phone, "住址": address,
            "信访形式": "来访" if headcount != "1" else rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
            "人数": headcount, "问题属地": person.town, "问题类别": category,
            "诉求摘要": _content(rng, matter, visit), "转送单位": "", "办理结果": result,
            "办结日期": closed,
        }
        made.append((row, person, matter, visit))
    order = list(range(len(made)))
    rng.shuffle(order)  # registers are rarely in date order
    seq_of = {index: seq for seq, index in enumerate(order, 1)}
    first_seq: dict[int, int] = {}
    truth: dict[int, dict[str, object]] = {}
    for index, (row, person, matter, visit) in enumerate(made):  # in order of receipt
        seq = seq_of[index]
        row["序号"] = str(seq)
        root = first_seq.setdefault(matter.key, seq)
        truth[index] = {"seq": seq, "kind": "repeat" if visit else "first",
                        "repeat_of": root if visit else None, "person": person.key,
                        "family_of": person.family, "matter": matter.key,
                        "matter_kind": matter.kind.code, "received": row["登记日期"],
                        "name": person.name, "category": row["问题类别"],
                        "summary": row["诉求摘要"]}
    return Register([made[index][0] for index in order], [truth[index] for index in order])


def write(register: Register, path: Path, encoding: str = "utf-8") -> None:
    """The register as CSV at `path`, its truth beside it (`path`.truth.json)."""
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADERS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(register.rows)
    Path(f"{path}.truth.json").write_text(
        json.dumps(register.truth, ensure_ascii=False, indent=0), encoding="utf-8")


def csv_bytes(register: Register, encoding: str = "utf-8") -> bytes:
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADERS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(register.rows)
    return out.getvalue().encode(encoding)


def score(predicted: dict[str, str], truth: dict[str, str]) -> dict[str, float | int]:
    """Precision and recall of links (repeat seq → first case seq): a link is right when
    it names the true first case of the chain."""
    right = sum(1 for seq, root in predicted.items() if truth.get(seq) == root)
    return {"true": len(truth), "found": len(predicted), "right": right,
            "precision": right / len(predicted) if predicted else 1.0,
            "recall": right / len(truth) if truth else 1.0}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/repeatgen.py",
                                     description="生成带重复信访真值的虚构登记簿")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--encoding", default="utf-8")
    args = parser.parse_args(argv)
    write(generate(args.n, seed=args.seed), Path(args.output), args.encoding)
    return 0


if __name__ == "__main__":
    sys.exit(main())
