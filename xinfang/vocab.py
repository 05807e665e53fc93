"""The domain's vocabulary: stored English codes and their Chinese and English labels.

Stored values are always the codes; input accepts the code, the Chinese label and the
common spellings that registers use.
"""

from __future__ import annotations

from xinfang.errors import BadChoice
from xinfang.texts import label as label
from xinfang.texts import ref
from xinfang.texts import word as word

# code: (中文, English)
CHANNELS = {
    "visit": ("来访", "visit"),
    "letter": ("来信", "letter"),
    "phone": ("来电", "phone"),
    "online": ("网上信访", "online"),
    "other": ("其他", "other"),
}
CHANNEL_SPELLINGS = {
    "走访": "visit",
    "上访": "visit",
    "书信": "letter",
    "信件": "letter",
    "电话": "phone",
    "网上": "online",
    "网信": "online",
    "网络": "online",
    "网上投诉": "online",
    "信息网络": "online",
    "传真": "letter",
}

# The national top-level list, and the short forms registers use for it (DOMAIN.md §2).
CATEGORIES = [
    "政法", "科技与信息产业", "纪检监察", "党务政务", "国土资源", "教育文体",
    "劳动和社会保障", "城乡建设", "农村农业", "卫生计生", "环境保护", "交通运输",
    "民政", "经济管理", "商贸旅游", "组织人事", "其他",
]
CATEGORY_SPELLINGS = {
    "涉法涉诉": "政法",
    "政法类": "政法",
    "劳动社保": "劳动和社会保障",
    "劳动保障": "劳动和社会保障",
    "社会保障": "劳动和社会保障",
    "人社": "劳动和社会保障",
    "农业农村": "农村农业",
    "三农": "农村农业",
    "农村": "农村农业",
    "城建": "城乡建设",
    "住房城乡建设": "城乡建设",
    "国土": "国土资源",
    "自然资源": "国土资源",
    "环保": "环境保护",
    "生态环境": "环境保护",
    "卫生健康": "卫生计生",
    "卫健": "卫生计生",
    "教育": "教育文体",
    "交通": "交通运输",
    "纪检": "纪检监察",
    "商贸": "商贸旅游",
}

STATUSES = {
    "registered": ("已登记", "registered"),
    "forwarded": ("已转送", "forwarded"),
    "accepted": ("已受理", "accepted"),
    "closed": ("已办结", "closed"),
    "under_review": ("复查中", "under review"),
    "reviewed": ("已复查", "reviewed"),
    "under_recheck": ("复核中", "under recheck"),
    "final": ("已终结", "final"),
    "rejected": ("不予受理", "not accepted"),
    "redirected": ("已告知法定途径", "redirected"),
    "void": ("已作废", "void"),
    "archived": ("已归档", "archived"),
}

# The states a case is still being handled in, and those it ended in without a close.
OPEN = ("registered", "forwarded", "accepted", "under_review", "under_recheck")
ENDED = ("rejected", "redirected", "final")
# Cases outside the office's work and its figures: voided (registered by mistake) and
# archived (history, e.g. old register rows without a result); counted apart.
SET_APART = ("void", "archived")

CLOCKS = {
    "forward": ("登记转送", "forward"),
    "notify": ("受理告知", "notify"),
    "objection": ("异议期", "objection window"),
    "handle": ("办理", "handle"),
    "report": ("交办报告", "assignment report"),
    "review_request": ("复查申请期", "review request window"),
    "review": ("复查", "review"),
    "recheck_request": ("复核申请期", "recheck request window"),
    "recheck": ("复核", "recheck"),
    "evaluation": ("评价期", "evaluation window"),
}

EVENT_KINDS = {
    "registered": ("登记", "registered"),
    "note": ("备注", "note"),
    "revealed": ("查看个人信息", "personal data revealed"),
    "exported": ("导出保密案件", "confidential case exported"),
    "forwarded": ("转送", "forwarded"),
    "assigned": ("交办", "assigned"),
    "objected": ("异议", "objection"),
    "accepted": ("受理", "accepted"),
    "rejected": ("不予受理", "not accepted"),
    "redirected": ("告知法定途径", "redirected"),
    "extended": ("延期", "extended"),
    "escalated": ("上报/包案", "escalated"),
    "closed": ("办结", "closed"),
    "review_requested": ("申请复查", "review requested"),
    "review_concluded": ("复查结论", "review concluded"),
    "recheck_requested": ("申请复核", "recheck requested"),
    "recheck_hearing": ("复核听证", "recheck hearing"),
    "recheck_concluded": ("复核结论", "recheck concluded"),
    "followed_up": ("回访", "follow-up"),
    "reopened": ("重新办理", "reopened"),
    "repeat_marked": ("更正重复信访认定", "repeat link corrected"),
    "people_linked": ("认定信访人是否同一人", "petitioners' identity decided"),
    "corrected": ("更正登记", "registration corrected"),
    "withdrawn": ("撤销", "act withdrawn"),
    "voided": ("作废", "voided"),
    "rerouted": ("改转", "re-routed"),
    "report_due_changed": ("更改报告日期", "report-by date changed"),
    "interim_reported": ("阶段性报告", "interim report"),
    "archived": ("归档", "archived"),
    "unit_renamed": ("责任单位更名或撤并", "unit renamed or merged"),
    "delivered": ("送达", "delivered"),
    "notice": ("出具文书", "notice written"),
    "rejudged": ("依条例重新认定", "judged again under the Regulation"),
}

UNITS = {"days": ("日", "days"), "workdays": ("工作日", "working days")}
UNIT_SPELLINGS = {
    "day": "days", "d": "days", "天": "days", "自然日": "days",
    "workday": "workdays", "working-days": "workdays", "working_days": "workdays",
    "wd": "workdays", "个工作日": "workdays",
}


def _parse(
    table: dict[str, tuple[str, str]],
    spellings: dict[str, str],
    value: str,
    what: str,
) -> str:
    """The code of `value` in `table`; `what` is the catalogue entry naming the field."""
    text = value.strip()
    key = text.lower()
    if key in table:
        return key
    for code, (zh, en) in table.items():
        if text == zh or key == en.lower():
            return code
    if text in spellings:
        return spellings[text]
    if key in spellings:
        return spellings[key]
    choices = "、".join(f"{zh}/{code}" for code, (zh, _) in table.items())
    raise BadChoice(what=ref(what), value=value, choices=choices)


def parse_channel(value: str) -> str:
    """来访/来信/来电/网上信访 or visit/letter/phone/online (and common spellings) → code."""
    return _parse(CHANNELS, CHANNEL_SPELLINGS, value, "choice.channel")


def parse_unit(value: str) -> str:
    """日/工作日 or days/workdays → code."""
    return _parse(UNITS, UNIT_SPELLINGS, value, "choice.unit")


def parse_status(value: str) -> str:
    return _parse(STATUSES, {}, value, "choice.status")


def parse_clock(value: str) -> str:
    return _parse(CLOCKS, {}, value, "choice.clock")


def normalize_category(value: str) -> str:
    """Map short forms to the national list; keep unknown categories as given."""
    text = value.strip()
    return CATEGORY_SPELLINGS.get(text, text)


RESULTS = {
    "resolved": ("已解决", "resolved"),
    "partly": ("部分支持", "partly supported"),
    "unsupported": ("不予支持", "not supported"),
    "mediated": ("调解化解", "mediated"),
    "withdrawn": ("信访人撤回", "withdrawn"),
}
RESULT_SPELLINGS = {
    "已办结": "resolved", "已答复": "resolved", "已化解": "mediated", "化解": "mediated",
    "支持": "resolved", "部分": "partly", "不支持": "unsupported", "撤回": "withdrawn",
    "调解": "mediated",
}
REJECT_REASONS = {
    "handling": ("已在办理中", "already being handled"),
    "final": ("已复核终结", "final after recheck"),
    "no_remit": ("不属于任何机关职责范围", "not within any body's remit"),
    "other": ("其他", "other"),
}
REJECT_SPELLINGS = {
    "being-handled": "handling", "being_handled": "handling", "正在办理": "handling",
    "办理中": "handling", "终结": "final", "复核终结": "final", "no-remit": "no_remit",
    "不属于职责": "no_remit",
}
ROUTES = {
    "litigation": ("诉讼", "litigation"),
    "arbitration": ("仲裁", "arbitration"),
    "admin-review": ("行政复议", "administrative review"),
    "other": ("其他法定途径", "other legal route"),
}
ROUTE_SPELLINGS = {"admin_review": "admin-review", "复议": "admin-review"}
SATISFACTION = {
    "satisfied": ("满意", "satisfied"),
    "basic": ("基本满意", "basically satisfied"),
    "unsatisfied": ("不满意", "unsatisfied"),
}
LEVELS = {
    "village": ("村/社区", "village or community"),
    "township": ("乡镇", "township"),
    "county": ("县区", "county"),
    "city": ("市", "city"),
    "province": ("省", "province"),
}
LEVEL_SPELLINGS = {"县": "county", "区": "county", "县级": "county", "乡": "township",
                   "镇": "township", "街道": "township", "省级": "province", "市级": "city",
                   "村": "village", "社区": "village", "村委会": "village", "居委会": "village",
                   "村居": "village", "community": "village"}

# The command an officer types for each act, for "what you can do now" messages.
COMMANDS = {
    "forwarded": "forward", "assigned": "forward --assign", "objected": "object",
    "accepted": "accept", "rejected": "reject", "redirected": "redirect", "extended": "extend",
    "escalated": "escalate", "closed": "close", "review_requested": "review request",
    "review_concluded": "review conclude", "recheck_requested": "recheck request",
    "recheck_hearing": "recheck hearing", "recheck_concluded": "recheck conclude",
    "followed_up": "followup", "reopened": "reopen", "note": "note", "revealed": "show --reveal",
    "repeat_marked": "repeats CASE --repeat-of/--not-repeat",
    "people_linked": "repeats CASE --same-person/--other-person",
    "exported": "export --case",
    "corrected": "correct", "withdrawn": "undo", "voided": "undo --whole",
    "rerouted": "forward", "report_due_changed": "assignment --report-by",
    "interim_reported": "assignment --interim", "archived": "archive",
    "unit_renamed": "unit rename / unit merge",
    "delivered": "deliver",
    "notice": "notice CASE KIND",
}


# What a review or recheck body concludes (Arts 35, 36): the opinion upheld, revoked or
# changed; a recheck may also confirm the review's opinion.
OUTCOMES = {
    "upheld": ("维持", "upheld"),
    "revoked": ("撤销", "revoked"),
    "changed": ("变更", "changed"),
    "confirmed": ("确认", "confirmed"),
}
REVIEW_OUTCOMES = ("upheld", "revoked", "changed")
OUTCOME_SPELLINGS = {"uphold": "upheld", "revoke": "revoked", "change": "changed",
                     "confirm": "confirmed", "维持原处理意见": "upheld", "予以维持": "upheld",
                     "予以撤销": "revoked", "予以变更": "changed", "予以确认": "confirmed"}

# The written documents delivered to the petitioner (Arts 23, 34–36), and how.
DELIVERABLES = {
    "opinion": ("处理意见书", "handling opinion"),
    "review": ("复查意见书", "review opinion"),
    "recheck": ("复核意见书", "recheck opinion"),
    "notify": ("受理告知书", "notice of acceptance"),
    "extension": ("延期告知书", "notice of extension"),
}
DELIVERABLE_SPELLINGS = {"处理意见": "opinion", "答复": "opinion", "书面答复": "opinion",
                         "复查意见": "review", "复查": "review", "复核意见": "recheck",
                         "复核": "recheck", "告知": "notify", "受理告知": "notify",
                         "延期": "extension", "延期告知": "extension"}
DELIVERY_METHODS = {
    "direct": ("直接送达", "in person"),
    "post": ("邮寄", "by post"),
    "electronic": ("电子", "electronically"),
    "announcement": ("公告", "by public announcement"),
}
DELIVERY_SPELLINGS = {"直接": "direct", "当面": "direct", "邮寄送达": "post", "mail": "post",
                      "电子送达": "electronic", "email": "electronic", "公告送达": "announcement",
                      "public": "announcement"}


def parse_outcome(value: str) -> str:
    return _parse(OUTCOMES, OUTCOME_SPELLINGS, value, "choice.outcome")


def parse_deliverable(value: str) -> str:
    return _parse(DELIVERABLES, DELIVERABLE_SPELLINGS, value, "choice.deliverable")


def parse_delivery_method(value: str) -> str:
    return _parse(DELIVERY_METHODS, DELIVERY_SPELLINGS, value, "choice.delivery_method")


def parse_result(value: str) -> str:
    return _parse(RESULTS, RESULT_SPELLINGS, value, "choice.result")


def parse_reject_reason(value: str) -> str:
    return _parse(REJECT_REASONS, REJECT_SPELLINGS, value, "choice.reject_reason")


def parse_route(value: str) -> str:
    return _parse(ROUTES, ROUTE_SPELLINGS, value, "choice.route")


def parse_satisfaction(value: str) -> str:
    return _parse(SATISFACTION, {"basically satisfied": "basic"}, value, "choice.satisfaction")


def parse_level(value: str) -> str:
    return _parse(LEVELS, LEVEL_SPELLINGS, value, "choice.level")

FLAGS = {
    "escalated": ("已上报/包案", "escalated"),
    "final": ("已终结，不再受理", "final"),
    "on_the_spot": ("当场办结", "closed on the spot"),
    "closed_by_office": ("本办自行办结", "closed by the office itself"),
    "late_extension": ("期满后补记延期", "extension recorded after the period ended"),
    "late_objection": ("异议逾期", "late objection"),
    "late_review_request": ("复查申请逾期", "late review request"),
    "late_recheck_request": ("复核申请逾期", "late recheck request"),
    "late_evaluation": ("评价逾期", "late evaluation"),
    "to_province": ("赴省", "to the province"),
    "to_beijing": ("进京", "to Beijing"),
    "repeat": ("重复信访", "repeat petition"),
    "repeat_being_handled": ("同一事项正在办理中", "same matter being handled"),
    "repeat_final": ("同一事项已终结，不再受理", "same matter final: not accepted again"),
}

FLAGS.update({
    "collective": ("集体访", "collective visit"),
    "too_many_representatives": ("代表超过5人", "more than 5 representatives"),
})


def parse_flag(value: str) -> str:
    return _parse(FLAGS, FLAG_SPELLINGS, value, "choice.flag")


# The short names officers use for the flags.
FLAG_SPELLINGS = {"赴省访": "to_province", "进京访": "to_beijing", "包案": "escalated",
                  "上报": "escalated", "已上报": "escalated", "领导包案": "escalated",
                  "终结": "final", "已终结": "final", "当场": "on_the_spot",
                  "重复": "repeat", "重复访": "repeat", "集体": "collective",
                  "province": "to_province", "beijing": "to_beijing"}


# The practice of offices beyond the Regulation (DOMAIN.md §9): leaders' cases, the
# backlog, joint meetings, mediation, follow-up checks, intake sources, hardship help.
CLOCKS.update({
    "lead": ("包案化解", "leader's target"),
    "task": ("会议任务", "meeting task"),
})
EVENT_KINDS.update({
    "led": ("领导包案", "put under a leader"),
    "lead_target_changed": ("更改化解时限", "leader's target date changed"),
    "lead_progress": ("记录包案进展", "leader's case progress"),
    "backlog_added": ("列入积案", "added to the backlog"),
    "backlog_closed": ("销号（积案）", "struck off the backlog"),
    "meeting_referred": ("提请联席会议", "referred to a joint meeting"),
    "meeting_held": ("记录联席会议", "joint meeting recorded"),
    "meeting_task_done": ("完成会议任务", "meeting task done"),
    "mediated": ("调解", "mediation"),
})
COMMANDS.update({
    "led": "lead", "lead_target_changed": "lead --target --reason",
    "lead_progress": "lead --progress", "backlog_added": "backlog add",
    "backlog_closed": "backlog close", "meeting_referred": "meeting refer",
    "meeting_held": "meeting record", "meeting_task_done": "meeting done",
    "mediated": "mediate",
})
FLAGS.update({
    "led": ("领导包案", "leader's case"),
    "backlog": ("积案", "backlog"),
    "backlog_closed": ("积案已销号", "struck off the backlog"),
    "backlog_returned": ("销号后又来", "back after being struck off"),
    "meeting_referred": ("已提请联席会议", "referred to a joint meeting"),
    "meeting_held": ("联席会议已研究", "studied by a joint meeting"),
})
# The 四包 of a leader's case (Qingyuan, Dalian Zhongshan).
FOUR_DUTIES = {
    "situation": ("包掌握情况", "knowing the situation"),
    "solution": ("包解决问题", "solving the problem"),
    "education": ("包思想教育", "persuasion"),
    "settled": ("包息诉息访", "the petitioner settled"),
}
FOUR_SPELLINGS = {"掌握情况": "situation", "解决问题": "solution", "思想教育": "education",
                  "息诉息访": "settled", "息访": "settled"}
MEETING_BODIES = {
    "township": ("镇联席会议", "township joint meeting"),
    "county": ("县联席会议", "county joint meeting"),
}
MEETING_SPELLINGS = {"乡镇联席会议": "township", "镇": "township", "乡": "township",
                     "县": "county", "街道联席会议": "township"}
MEDIATION_OUTCOMES = {
    "agreed": ("达成协议", "agreed"),
    "failed": ("未达成协议", "failed"),
}
MEDIATION_SPELLINGS = {"成功": "agreed", "达成": "agreed", "失败": "failed", "未达成": "failed"}
MEDIATION_ROLES = {
    "representative": ("代表", "representative"),
    "party_representative": ("党代表", "Party representative"),
    "deputy": ("人大代表", "People's Congress deputy"),
    "cppcc": ("政协委员", "CPPCC member"),
    "officer": ("信访干部", "petition officer"),
    "mediator": ("调解员", "people's mediator"),
    "lawyer": ("律师", "lawyer"),
}
MEDIATION_ROLE_SPELLINGS = {"人民调解员": "mediator", "干部": "officer", "乡镇干部": "officer"}
ASSIST_MEASURES = {
    "basic_living": ("低保", "basic living allowance"),
    "medical": ("医疗救助", "medical aid"),
    "temporary": ("临时救助", "temporary aid"),
    "employment": ("就业", "employment help"),
    "other": ("其他", "other"),
}
ASSIST_SPELLINGS = {"最低生活保障": "basic_living", "医疗": "medical", "临时": "temporary",
                    "就业帮扶": "employment"}


def parse_four_duty(value: str) -> str:
    return _parse(FOUR_DUTIES, FOUR_SPELLINGS, value, "choice.four_duty")


def parse_meeting_body(value: str) -> str:
    return _parse(MEETING_BODIES, MEETING_SPELLINGS, value, "choice.meeting_body")


def parse_mediation_outcome(value: str) -> str:
    return _parse(MEDIATION_OUTCOMES, MEDIATION_SPELLINGS, value, "choice.mediation_outcome")


def parse_mediation_role(value: str) -> str:
    return _parse(MEDIATION_ROLES, MEDIATION_ROLE_SPELLINGS, value, "choice.mediation_role")


def parse_assist_measure(value: str) -> str:
    return _parse(ASSIST_MEASURES, ASSIST_SPELLINGS, value, "choice.assist_measure")

# Where a petition came from (Naidong, Gaotang, Tongyang) and what the petitioner wants.
INTAKE_SOURCES = {
    "reception": ("来访接待", "reception"),
    "leader_day": ("领导接访日", "leader's reception day"),
    "outreach": ("下访", "officers' visit"),
    "appointment": ("约访", "appointment"),
    "village": ("驻村接访", "village reception"),
    "hotline": ("12345热线", "12345 hotline"),
    "grid": ("网格员", "grid worker"),
    "wechat": ("微信群", "WeChat group"),
    "online": ("网上", "online"),
    "letter": ("来信", "letter"),
}
INTAKE_SOURCE_SPELLINGS = {"12345": "hotline", "热线": "hotline", "接待": "reception",
                           "领导接访": "leader_day", "驻村": "village", "微信": "wechat",
                           "网上信访": "online", "信件": "letter"}
# The channel each source implies when none is given.
SOURCE_CHANNELS = {"reception": "visit", "leader_day": "visit", "outreach": "visit",
                   "appointment": "visit", "village": "visit", "hotline": "phone",
                   "grid": "other", "wechat": "online", "online": "online", "letter": "letter"}
PURPOSES = {
    "accusation": ("揭发控告", "accusation"),
    "suggestion": ("意见建议", "suggestion"),
    "appeal": ("申诉", "appeal"),
    "request": ("求决", "request for a decision"),
    "other": ("其他", "other"),
}
PURPOSE_SPELLINGS = {"检举控告": "accusation", "检举": "accusation", "控告": "accusation",
                     "建议": "suggestion", "意见": "suggestion", "求助": "request"}


def parse_intake_source(value: str) -> str:
    return _parse(INTAKE_SOURCES, INTAKE_SOURCE_SPELLINGS, value, "choice.intake_source")


def parse_purpose(value: str) -> str:
    return _parse(PURPOSES, PURPOSE_SPELLINGS, value, "choice.purpose")
# The documents the office writes (xinfang notice CASE KIND): code → the document's title.
NOTICE_KINDS = {
    "receipt": ("信访事项登记回执", "petition registration receipt"),
    "visit-form": ("来访登记表", "visit registration form"),
    "forward": ("信访事项转送单", "forwarding slip"),
    "assign": ("信访事项交办单", "assignment slip"),
    "forward-notice": ("信访事项转送告知书", "notice of forwarding"),
    "accept": ("信访事项受理告知书", "notice of acceptance"),
    "not-accept": ("信访事项不予受理告知书", "notice of non-acceptance"),
    "redirect": ("告知书（通过法定途径解决）", "notice of the legal route"),
    "extension": ("信访事项延期办理告知书", "notice of extension"),
    "opinion": ("信访事项处理意见书", "handling opinion"),
    "review": ("信访事项复查意见书", "review opinion"),
    "recheck": ("信访事项复核意见书", "recheck opinion"),
    "followup": ("信访事项回访记录", "follow-up record"),
    "major": ("重大访情专报", "major visit report"),
    "delivery": ("送达回证", "proof of delivery"),
}
NOTICE_SPELLINGS = {
    "回执": "receipt", "登记回执": "receipt", "来访登记表": "visit-form", "登记表": "visit-form",
    "visit_form": "visit-form", "转送单": "forward", "交办单": "assign",
    "转送告知": "forward-notice", "转送告知书": "forward-notice", "受理告知": "accept",
    "受理告知书": "accept", "不予受理": "not-accept", "不予受理告知书": "not-accept",
    "告知书": "redirect", "法定途径": "redirect", "延期": "extension",
    "延期告知书": "extension", "处理意见书": "opinion", "意见书": "opinion",
    "复查意见书": "review", "复核意见书": "recheck", "回访": "followup",
    "回访记录": "followup", "专报": "major", "访情专报": "major", "送达": "delivery",
    "not_accept": "not-accept", "reject": "not-accept", "forward_notice": "forward-notice",
}


def parse_notice_kind(value: str) -> str:
    """回执/处理意见书/送达回证 … or receipt/opinion/delivery … → code."""
    return _parse(NOTICE_KINDS, NOTICE_SPELLINGS, value, "choice.notice_kind")
