"""Commands for the acts of a case's life: forward, object, accept, reject, redirect,
extend, escalate, close, review, recheck, deliver, follow up, reopen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from xinfang.commands.options import (
    CaseArg,
    DbOpt,
    JsonOpt,
    LangOpt,
    OfficerOpt,
    OnOpt,
    ReasonOpt,
    after_act,
    date,
    open_ledger,
    resolve_lang,
    resolve_officer,
)
from xinfang.texts import t

if TYPE_CHECKING:
    from xinfang.store.ledger import Ledger
    from xinfang.store.records import Recorded

commands = typer.Typer()


@commands.command()
def forward(
    case: CaseArg,
    to: Annotated[str, typer.Option("--to", help="责任单位（须在单位名单中）。")],
    assign: Annotated[bool, typer.Option("--assign", help="交办：要求责任单位按期报告结果。")] = False,
    report_by: Annotated[str | None, typer.Option("--report-by", help="交办的结果报告日期（逢休息日顺延至下一个工作日）。", show_default=False)] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="改转的理由（已转送的案件再转送给另一单位时必填）。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """转送（或 --assign 交办）给责任单位：停止登记转送期限，开始受理告知期限和异议期。已转送的案件再转送即为改转（须写 --reason），新单位的受理告知期限重新计算。

    例：xinfang forward 2026-42 --to 人社局；xinfang forward 2026-42 --to 人社局 --assign --report-by 2026-12-20；改转：xinfang forward 2026-42 --to 住建局 --reason 转错单位
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.forward(ledger, case, to, officer=resolve_officer(officer), on=date(on),
                            assign=assign, report_by=date(report_by), reason=reason)
    after_act(ledger, event, json_, lang)


@commands.command("object")
def object_(
    case: CaseArg, reason: ReasonOpt = None, on: OnOpt = None, officer: OfficerOpt = None,
    db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None,
) -> None:
    """责任单位提出异议（不属于本单位职责）：案件退回本办，重新计算登记转送期限。

    例：xinfang object 2026-42 --reason "属于县住建局职责"
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.object_(ledger, case, reason, officer=resolve_officer(officer), on=date(on))
    after_act(ledger, event, json_, lang)


@commands.command()
def accept(
    case: CaseArg, on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None,
    json_: JsonOpt = False, lang: LangOpt = None,
) -> None:
    """受理（责任单位受理，或本办自行受理）：开始 60 日办理期限。

    例：xinfang accept 2026-42 --on 2026-11-25
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.accept(ledger, case, officer=resolve_officer(officer), on=date(on))
    after_act(ledger, event, json_, lang)


@commands.command()
def reject(
    case: CaseArg,
    reason: Annotated[str, typer.Option("--reason", help="理由：handling（已在办理）、final（已复核终结）、no_remit（不属于任何机关职责）、other（其他，须加 --text）。")],
    text: Annotated[str | None, typer.Option("--text", help="具体说明。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """不予受理，并结束案件的各项期限。

    例：xinfang reject 2026-42 --reason final
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.reject(ledger, case, reason, officer=resolve_officer(officer), text=text,
                           on=date(on))
    after_act(ledger, event, json_, lang)


@commands.command()
def redirect(
    case: CaseArg,
    route: Annotated[str, typer.Option("--route", help="法定途径：litigation（诉讼）、arbitration（仲裁）、admin-review（行政复议）、other。")],
    text: Annotated[str | None, typer.Option("--text", help="具体说明。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """告知信访人通过法定途径解决（诉访分离），并结束案件的各项期限。

    例：xinfang redirect 2026-42 --route litigation
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.redirect(ledger, case, route, officer=resolve_officer(officer), text=text,
                             on=date(on))
    after_act(ledger, event, json_, lang)


@commands.command()
def extend(
    case: CaseArg,
    days: Annotated[int, typer.Option("--days", help="延长的天数。")],
    reason: Annotated[str, typer.Option("--reason", help="延期理由（须告知信访人）。")],
    approved_by: Annotated[str, typer.Option("--approved-by", help="批准延期的单位负责人。")],
    late_approval: Annotated[bool, typer.Option("--late-approval", help="补记办理期限届满后才批准的延期：照实记录，不改变期限，办结仍计为超期。")] = False,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """延长办理期限（合计不超过政策上限，默认 30 日）。延期须在办理期限内批准（条例第三十四条）；期满后的延期被拒绝，除非加 --late-approval 补记。

    例：xinfang extend 2026-42 --days 30 --reason 需要现场勘查 --approved-by 王局长
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.extend(ledger, case, days, reason, approved_by,
                           officer=resolve_officer(officer), on=date(on),
                           late_approval=late_approval)
    after_act(ledger, event, json_, lang)


@commands.command()
def escalate(
    case: CaseArg,
    to: Annotated[str | None, typer.Option("--to", help="上报到的单位（须在单位名单中）。", show_default=False)] = None,
    leader: Annotated[str | None, typer.Option("--leader", help="包案领导姓名。", show_default=False)] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="化解方案。", show_default=False)] = None,
    target: Annotated[str | None, typer.Option("--target", help="目标化解日期。", show_default=False)] = None,
    reason: ReasonOpt = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """上报上级或领导包案。法定期限照常计算。

    例：xinfang escalate 2026-42 --leader 李书记 --plan "召集住建、国土联合调处" --target 2026-12-31 --reason 重复信访
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.escalate(ledger, case, reason, officer=resolve_officer(officer), unit=to,
                             leader=leader, plan=plan, target=date(target), on=date(on))
    after_act(ledger, event, json_, lang)


@commands.command()
def close(
    case: CaseArg,
    result: Annotated[str, typer.Option("--result", help="结果：resolved（已解决）、partly（部分支持）、unsupported（不予支持）、mediated（调解化解）、withdrawn（撤回）。")],
    opinion: Annotated[str, typer.Option("--opinion", help="处理意见（书面答复的要点）。")],
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """办结：出具处理意见。已登记的案件可当场办结（同时视为当日受理）。

    例：xinfang close 2026-42 --result resolved --opinion "已督促企业补发工资"
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.close(ledger, case, result, opinion, officer=resolve_officer(officer),
                          on=date(on))
    after_act(ledger, event, json_, lang)


@commands.command()
def review(
    case: CaseArg,
    step: Annotated[str, typer.Argument(help="request（申请复查）或 conclude（复查结论）。")],
    body: Annotated[str | None, typer.Option("--body", help="申请复查时：复查机关（原办理单位的上一级，须在单位名单中）；复查期限记在它名下。", show_default=False)] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="复查结论：维持、撤销或变更（upheld/revoked/changed）。", show_default=False)] = None,
    opinion: Annotated[str | None, typer.Option("--opinion", help="复查意见的要点。", show_default=False)] = None,
    note: Annotated[str | None, typer.Option("--note", help="说明。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """复查（条例第三十五条）：信访人不服处理意见申请复查（request，写明复查机关 --body），复查机关出具结论（conclude，--outcome 维持/撤销/变更，--opinion 意见）。

    例：xinfang review 2026-42 request --body 县信访局 --on 2026-12-01；xinfang review 2026-42 conclude --outcome 维持 --opinion "原处理意见正确"
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.review(ledger, case, step, officer=resolve_officer(officer), note=note,
                           on=date(on), body=body, outcome=outcome, opinion=opinion)
    after_act(ledger, event, json_, lang)


@commands.command()
def recheck(
    case: CaseArg,
    step: Annotated[str, typer.Argument(help="request（申请复核）、hearing（听证）或 conclude（复核结论，案件终结）。")],
    from_: Annotated[str | None, typer.Option("--from", help="听证开始日期。", show_default=False)] = None,
    to: Annotated[str | None, typer.Option("--to", help="听证结束日期。", show_default=False)] = None,
    note: Annotated[str | None, typer.Option("--note", help="说明。", show_default=False)] = None,
    replace: Annotated[bool, typer.Option("--replace", help="这次听证取代上一次记录的听证（上次日期记错时用）：上次的天数不再计入。")] = False,
    body: Annotated[str | None, typer.Option("--body", help="申请复核时：复核机关（复查机关的上一级，须在单位名单中）；复核期限记在它名下。", show_default=False)] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="复核结论：维持、撤销、变更或确认（upheld/revoked/changed/confirmed）。", show_default=False)] = None,
    opinion: Annotated[str | None, typer.Option("--opinion", help="复核意见的要点。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """复核（条例第三十六条）：申请（request，写明复核机关 --body）、听证（hearing，须在复核期间、互不重叠，听证时间不计入期限）、结论（conclude，--outcome 维持/撤销/变更/确认，此后不再受理）。听证日期记错了，用 hearing --replace 重新记录，取代上一次。

    例：xinfang recheck 2026-42 hearing --from 2026-12-10 --to 2026-12-12；更正：xinfang recheck 2026-42 hearing --from 2026-12-11 --to 2026-12-12 --replace
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.recheck(ledger, case, step, officer=resolve_officer(officer), note=note,
                            hearing_from=date(from_), hearing_to=date(to), on=date(on),
                            replace=replace, body=body, outcome=outcome, opinion=opinion)
    after_act(ledger, event, json_, lang)


@commands.command()
def deliver(
    case: CaseArg,
    what: Annotated[str, typer.Option("--what", help="送达的文书：opinion（处理意见书）、review（复查意见书）、recheck（复核意见书）、notify（受理告知书）、extension（延期告知书）。")],
    method: Annotated[str, typer.Option("--method", help="送达方式：直接送达、邮寄、电子、公告（direct/post/electronic/announcement）。")],
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """记录书面文书送达信访人的日期和方式（--on 为信访人收到之日）。复查、复核的申请期自收到书面答复之日起算（条例第三十五、三十六条）：记录送达后从送达日起算，此前从办结（或复查结论）之日起算。

    例：xinfang deliver 2026-42 --what opinion --on 2026-12-03 --method 邮寄
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.deliver(ledger, case, what, method, officer=resolve_officer(officer),
                            on=date(on))
    after_act(ledger, event, json_, lang)


@commands.command()
def followup(
    case: CaseArg,
    satisfaction: Annotated[str | None, typer.Option("--satisfaction", help="满意、基本满意、不满意（satisfied/basic/unsatisfied）。", show_default=False)] = None,
    unreachable: Annotated[bool, typer.Option("--unreachable", help="联系不上信访人。")] = False,
    note: Annotated[str | None, typer.Option("--note", help="回访情况。", show_default=False)] = None,
    result_true: Annotated[bool | None, typer.Option("--result-true/--result-untrue", help="回诊：处理结果是否属实。", show_default=False)] = None,
    request_met: Annotated[bool | None, typer.Option("--request-met/--request-unmet", help="回诊：合理诉求是否解决。", show_default=False)] = None,
    carried_out: Annotated[bool | None, typer.Option("--carried-out/--not-carried-out", help="回诊：处理意见是否落实。", show_default=False)] = None,
    other_request: Annotated[str | None, typer.Option("--other-request", help="回诊：信访人的其他诉求（可接着登记为新案件）。", show_default=False)] = None,
    unit_rating: Annotated[str | None, typer.Option("--unit-rating", help="对责任单位的评价：满意、基本满意、不满意。", show_default=False)] = None,
    office_rating: Annotated[str | None, typer.Option("--office-rating", help="对信访部门的评价：满意、基本满意、不满意。", show_default=False)] = None,
    on: OnOpt = None, officer: OfficerOpt = None, db: DbOpt = None, json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """回访信访人，记录满意度（记录后评价期结束）。

    例：xinfang followup 2026-42 --satisfaction 满意 --note "电话回访，工资已到账"
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    checks = {name: value for name, value in (("result_true", result_true),
                                              ("request_met", request_met),
                                              ("carried_out", carried_out))
              if value is not None}
    who = resolve_officer(officer)
    event = actions.followup(ledger, case, officer=who,
                             satisfaction=satisfaction, unreachable=unreachable, note=note,
                             on=date(on), checks=checks, unit_rating=unit_rating,
                             office_rating=office_rating, other_request=other_request)
    after_act(ledger, event, json_, lang)
    if event["details"].get("other_request"):
        _offer_new_case(ledger, event, who, json_, lang)


def _offer_new_case(ledger: Ledger, event: Recorded, officer: str, json_: bool,
                    lang: str) -> None:
    """有其他诉求: at the counter, offer to register it as a new case of the same
    petitioners, linked to this one; otherwise say how."""
    from xinfang.commands.options import confirm, interactive, say

    number, request = event["case"], event["details"]["other_request"]
    if json_ or not interactive() or not confirm(t("followup.register_other", lang,
                                                   text=request), lang):
        say(t("followup.other_hint", lang, number=number))
        return
    from xinfang import practice

    registered = practice.register_other_request(ledger, number, request, officer=officer)
    say(t("followup.registered_other", lang, number=registered.number, of=number))


@commands.command()
def reopen(
    case: CaseArg, reason: ReasonOpt = None, on: OnOpt = None, officer: OfficerOpt = None,
    db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None,
) -> None:
    """重新办理已办结的案件（如处理意见未落实），重新开始办理期限。

    例：xinfang reopen 2026-42 --reason "处理意见未落实"
    """
    from xinfang import acts as actions

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=True)
    event = actions.reopen(ledger, case, reason, officer=resolve_officer(officer), on=date(on))
    after_act(ledger, event, json_, lang)
