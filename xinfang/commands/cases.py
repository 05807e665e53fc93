"""Commands about cases themselves: register a petition, show one, list them, add a note,
explain a deadline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from xinfang.commands.options import (
    AsOfOpt,
    CaseArg,
    CategoryOpt,
    CollectiveOpt,
    DbOpt,
    DueWithinOpt,
    FlagOpt,
    JsonOpt,
    LangOpt,
    LocalityOpt,
    OfficerOpt,
    OnOpt,
    OverdueOpt,
    PersonOpt,
    RepeatOpt,
    RevealOpt,
    SearchOpt,
    SinceOpt,
    StatusOpt,
    UnitOpt,
    UntilOpt,
    case_brief,
    choose,
    confirm,
    date,
    fail,
    interactive,
    make_filters,
    open_ledger,
    out,
    resolve_lang,
    resolve_officer,
    say,
)
from xinfang.masking import mask_id
from xinfang.texts import ref, t
from xinfang.visible import visible

if TYPE_CHECKING:
    from xinfang import acts
    from xinfang.cases.intake import Intake
    from xinfang.store.ledger import Ledger

commands = typer.Typer()


@commands.command()
def register(
    name: Annotated[str | None, typer.Option("--name", help="主访人姓名。", show_default=False)] = None,
    id_number: Annotated[str | None, typer.Option("--id-number", help="主访人身份证号（18 位，会核对校验位）。", show_default=False)] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="主访人电话。", show_default=False)] = None,
    address: Annotated[str | None, typer.Option("--address", help="主访人住址。", show_default=False)] = None,
    person: Annotated[list[str] | None, typer.Option("--person", help="（其他）信访人：\"姓名,身份证号,电话,住址\"，可写多次；不知道的项留空。", show_default=False)] = None,
    anonymous: Annotated[bool, typer.Option("--anonymous", help="匿名信访，不留姓名。")] = False,
    channel: Annotated[str | None, typer.Option("--channel", help="信访形式：来访/来信/来电/网上信访（或 visit/letter/phone/online）。", show_default=False)] = None,
    headcount: Annotated[int, typer.Option("--headcount", help="来访人数。")] = 1,
    locality: Annotated[str | None, typer.Option("--locality", help="问题属地（村/社区/乡镇）。", show_default=False)] = None,
    category: Annotated[str | None, typer.Option("--category", help="内容分类，如 城乡建设、劳动和社会保障（简称亦可）。", show_default=False)] = None,
    content: Annotated[str | None, typer.Option("--content", help="反映问题摘要。", show_default=False)] = None,
    request: Annotated[str | None, typer.Option("--request", help="信访人的具体诉求。", show_default=False)] = None,
    flag: Annotated[list[str] | None, typer.Option("--flag", help="越级情况：赴省 或 进京（可写多次）。", show_default=False)] = None,
    confidential: Annotated[bool, typer.Option("--confidential", help="检举控告等需保密的案件，不进入导出和共享报表。")] = False,
    on: Annotated[str | None, typer.Option("--on", help="收到日期，默认今天。", show_default=False)] = None,
    repeat_of: Annotated[str | None, typer.Option("--repeat-of", help="认定为这件案件的重复信访（链接到初件）。", show_default=False)] = None,
    not_repeat: Annotated[bool, typer.Option("--not-repeat", help="认定为新事项，不是重复信访。")] = False,
    update_person: Annotated[bool, typer.Option("--update-person", help="本次填写的信访人姓名是对的：台账中同一身份证号的姓名随之更正（记入办理经过）。")] = False,
    source: Annotated[str | None, typer.Option("--source", help="来源：来访接待、领导接访日、下访、约访、驻村接访、12345热线、网格员、微信群、网上、来信（不写 --channel 时据此确定形式）。", show_default=False)] = None,
    received_by: Annotated[str | None, typer.Option("--received-by", help="首接首办：首先接待的领导或干部（默认经办人），记为案件的负责人。", show_default=False)] = None,
    ticket: Annotated[str | None, typer.Option("--ticket", help="12345 热线工单号（来源为热线时必填）。", show_default=False)] = None,
    purpose: Annotated[str | None, typer.Option("--purpose", help="信访目的：揭发控告、意见建议、申诉、求决、其他。", show_default=False)] = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="以 JSON 输出新案件。")] = False,
    lang: LangOpt = None,
) -> None:
    """登记一件信访，打印案件编号和登记转送期限。

    例：xinfang register --name 张三 --id-number 371526196601318579 --phone 13812345678 --channel 来访 --category 劳动社保 --content 工地拖欠工资 --on 2026-11-20
    """
    from xinfang import acts
    from xinfang.cases import intake as intake_mod
    from xinfang.dates import today

    lang = resolve_lang(lang)
    # Where it came from and who first received it (DOMAIN.md §9: 首接首办); the source
    # gives the channel when none is typed.
    from xinfang import practice

    origin = practice.intake_source(origin=source, received_by=received_by, ticket=ticket,
                                    purpose=purpose, officer=resolve_officer(officer))
    channel = channel or practice.channel_of(source)
    ledger = None
    if interactive() and not ((name or person or anonymous) and channel and content):
        # At the counter: every field the officer should fill is asked, one by one, and
        # a field typed wrong is asked again (nothing typed before it is lost).
        ledger = open_ledger(db, create=True)
        ledger.require_office()  # before anything is asked
        form = _counter_form(ledger, lang, name=name, id_number=id_number, phone=phone,
                             address=address, person=person, anonymous=anonymous,
                             channel=channel, category=category, content=content,
                             headcount=headcount, on=on)
        name, id_number, phone, address = form["name"], form["id_number"], form["phone"], form["address"]
        anonymous, channel, category = form["anonymous"], form["channel"], form["category"]
        content, headcount, on = form["content"], form["headcount"], form["on"]
    received = date(on) or today()
    if origin and origin.get("purpose") == "accusation" and not confidential:
        if interactive() and not json_:
            confidential = confirm(t("intake.propose_confidential", lang), lang, default=True)
        else:
            say(t("intake.confidential_hint", lang))
    people = []
    if name or id_number or phone or address:
        people.append(intake_mod.make_person(name, id_number, phone, address))
    people += [intake_mod.parse_person(text) for text in person or []]
    flags = [_major_flag(value) for value in flag or []]
    intake = intake_mod.make_intake(
        channel=channel, content=content, received_on=received, today=today(), people=people,
        anonymous=anonymous, headcount=headcount, locality=locality, category=category,
        request=request, confidential=confidential, flags=flags,
    )
    if repeat_of and not_repeat:
        fail(t("register.repeat_conflict", lang), lang, 2)
    ledger = ledger or open_ledger(db, create=True)
    asked = not (repeat_of or not_repeat) and interactive() and not json_
    if asked:
        # The officer at the counter says whether it is a repeat, and of which chain:
        # their word is recorded.
        repeat_of, not_repeat = _which_repeat(acts.repeat_choices(ledger, intake), lang)
    kept = [] if update_person else acts.name_differences(ledger, intake)
    if kept and interactive() and not json_:
        intake, update_person = _which_name(intake, kept, lang)
        kept = [] if update_person else acts.name_differences(ledger, intake)
    registered = acts.register(ledger, intake, officer=resolve_officer(officer),
                               repeat_of=repeat_of, not_repeat=not_repeat,
                               update_people=update_person, source=origin)
    case_brief(ledger, registered.case_id, json_, lang)
    for difference in kept:
        say(t("register.name_kept", lang, id_number=mask_id(difference.id_number),
              known=visible(difference.known), given=visible(difference.given)))
    if not json_:
        _print_repeat(ledger, registered.case_id, lang, shown=asked)
        _print_group_warnings(ledger, intake, lang)


def _which_repeat(candidates: list[acts.Candidate], lang: str) -> tuple[str | None, bool]:
    """At the counter: the chains this petition may repeat, best first, each with its
    reasons, and what a link means; the officer confirms, picks another or says it is a
    new matter. Returns (the first case picked, or None; whether "not a repeat")."""
    from xinfang.render import terminal

    shown = [c for c in candidates if c.taken or c.score >= SHOWN_FROM]
    if not shown:
        return None, False
    shown.sort(key=lambda c: not c.taken)  # the rule's pick, if any, is choice 1
    terminal.stderr_console().print(terminal.earlier_cases_table(shown[0].cases, lang))
    for line in terminal.repeat_candidate_lines(shown, lang):
        say(line)
    if shown[0].taken:
        for line in terminal.repeat_consequences(shown[0], lang):
            say(line)
    picked = choose(t("repeat.pick", lang),
                    [t("repeat.choice", lang, first=c.first) for c in shown]
                    + [t("repeat.choice_new", lang)], lang)
    if picked == len(shown):
        return None, True
    if not shown[picked].taken:
        for line in terminal.repeat_consequences(shown[picked], lang):
            say(line)
    return shown[picked].first, False


# Chains scoring less than this are not offered at the counter (the rule's threshold is
# policy; a chain below it may still be the one, and the officer knows the person).
SHOWN_FROM = 0.3


def _ask(question: str, check: Any, lang: str, default: str = "") -> Any:
    """Ask until the answer passes `check` (which raises the error to show, or returns
    the value to keep)."""
    from xinfang.errors import XinfangError

    while True:
        answer = typer.prompt(question, default=default, show_default=bool(default),
                              err=True, prompt_suffix=t("prompt.suffix", lang)).strip()
        try:
            return check(answer)
        except XinfangError as err:
            say(t("word.error", lang) + err.message(lang))


def _counter_form(ledger: Ledger, lang: str, **given: Any) -> dict[str, Any]:
    """The registration form at a terminal: what was not given on the command line is
    asked — the petitioner (Enter for anonymous), ID number, phone and address (Enter to
    leave out), form, category (from the list), content, headcount and date."""
    from xinfang.cases.people import normalize_id, normalize_phone
    from xinfang.dates import check_happened, parse_date, today
    from xinfang.vocab import parse_channel

    form = dict(given)
    optional = lambda check: lambda text: check(text) if text else None  # noqa: E731
    if not (form["name"] or form["person"] or form["anonymous"]):
        form["name"] = _ask(t("register.prompt.name", lang), lambda text: text or None, lang)
        form["anonymous"] = form["name"] is None
    if form["name"]:
        if form["id_number"] is None:
            form["id_number"] = _ask(t("register.prompt.id_number", lang), optional(
                lambda text: normalize_id(text, today=ledger.today)), lang)
        if form["phone"] is None:
            form["phone"] = _ask(t("register.prompt.phone", lang), optional(normalize_phone),
                                 lang)
        if form["address"] is None:
            form["address"] = _ask(t("register.prompt.address", lang),
                                   lambda text: text or None, lang)
    if not form["channel"]:
        form["channel"] = _ask(t("register.prompt.channel", lang), parse_channel, lang)
    if form["category"] is None:
        say(t("register.prompt.categories", lang, names="、".join(ledger.categories())))
        form["category"] = _ask(t("register.prompt.category", lang),
                                optional(ledger.require_category), lang)
    if not form["content"]:
        form["content"] = _ask(t("register.prompt.content", lang),
                               lambda text: text or _missing("field.content"), lang)
    if form["headcount"] == 1:
        form["headcount"] = _ask(t("register.prompt.headcount", lang), _headcount, lang,
                                 default="1")
    if form["on"] is None:
        def happened(text: str) -> str:
            check_happened(parse_date(text), ref("field.received_on"), today())
            return text

        form["on"] = _ask(t("register.prompt.on", lang), happened, lang,
                          default=today().isoformat())
    return form


def _missing(what: str) -> Any:
    from xinfang.errors import MissingAnswer

    raise MissingAnswer(what=ref(what))


def _headcount(text: str) -> int:
    from xinfang.cases.intake import parse_headcount
    from xinfang.errors import BadHeadcount

    if not text.isdigit():  # at the prompt, digits only
        raise BadHeadcount(value=text)
    return parse_headcount(text)


def _which_name(intake: Intake, differences: list[acts.NameDifference], lang: str
                ) -> tuple[Intake, bool]:
    """At the counter: for each petitioner whose ID number the ledger knows by another
    name, which name is right? The ledger's: this case takes it. The one given: the
    ledger's record takes it (the registration records the change)."""
    import dataclasses

    people = list(intake.people)
    update = False
    for difference in differences:
        known, given = visible(difference.known), visible(difference.given)
        say(t("register.name_differs", lang, id_number=mask_id(difference.id_number),
              known=known, given=given))
        picked = choose(t("register.name_which", lang), [
            t("register.name_choice_known", lang, name=known),
            t("register.name_choice_given", lang, name=given)], lang)
        if picked == 0:
            people[difference.index] = dataclasses.replace(people[difference.index],
                                                           name=difference.known)
        else:
            update = True
    return dataclasses.replace(intake, people=people), update


def _print_group_warnings(ledger: Ledger, intake: Intake, lang: str) -> None:
    """Collective visits are reported at once; a group sends at most 5 representatives."""
    from xinfang import rules

    policy = ledger.policy
    threshold = policy.number("collective_headcount")
    if rules.is_major(intake.headcount, intake.flags, threshold):
        from xinfang.texts import join, label
        from xinfang.vocab import FLAGS

        if intake.headcount >= threshold:
            say(t("register.major.collective", lang, headcount=intake.headcount))
        else:
            say(t("register.major.flagged", lang,
                  flags=join(label(FLAGS, flag, lang) for flag in intake.flags)))
    maximum = policy.number("max_representatives")
    if rules.too_many_representatives(len(intake.people), intake.headcount, threshold, maximum):
        say(t("register.representatives", lang, maximum=maximum, count=len(intake.people)))


def _print_repeat(ledger: Ledger, case_id: int, lang: str, shown: bool = False) -> None:
    """Show the earlier cases of a repeat at once (unless the officer was `shown` them
    when asked), with the advice its flags carry."""
    from xinfang.render import terminal
    from xinfang.store import queries
    from xinfang.vocab import FLAGS

    flags = ledger.stored_state(case_id).flags
    if "repeat" not in flags:
        return
    chain = queries.chain_of(ledger, case_id)
    number = ledger.case_number(case_id)
    earlier = [case for case in chain["cases"] if case["id"] != number]
    if not shown:
        terminal.stdout_console().print(terminal.earlier_cases_table(earlier, lang))
    for flag in ("repeat_being_handled", "repeat_final"):
        if flag in flags:
            say(t("register.repeat_flag", lang, flag=terminal.label(FLAGS, flag, lang)))
    say(t("register.repeat_correct", lang))


def _major_flag(value: str) -> str:
    from xinfang.errors import BadChoice
    from xinfang.texts import join, ref

    codes = {"赴省": "to_province", "to_province": "to_province", "province": "to_province",
             "进京": "to_beijing", "to_beijing": "to_beijing", "beijing": "to_beijing"}
    if value.strip() not in codes:
        raise BadChoice(what=ref("choice.major_flag"), value=value,
                        choices=join(["赴省/to_province", "进京/to_beijing"]))
    return codes[value.strip()]


@commands.command()
def show(
    case: CaseArg,
    as_of: AsOfOpt = None,
    reveal: RevealOpt = False,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """显示一件案件的全部情况：信访人、状态、各项期限（剩余或超期天数）和办理经过。

    例：xinfang show XF-YQH-2026-00042（或简写 xinfang show 2026-42）
    """
    from xinfang.render import plain, terminal
    from xinfang.store import queries

    lang = resolve_lang(lang)
    ledger = open_ledger(db, writes=reveal)
    case_id = ledger.find_case(case)
    if reveal:
        from xinfang import acts

        acts.reveal(ledger, [case_id], resolve_officer(officer), ["id_number", "phone"], "show")
    record = queries.case_record(ledger, case_id, as_of=date(as_of), reveal=reveal)
    # The practice of offices (a leader's 六定 and 四包; help given to its petitioners).
    from xinfang import practice

    events = record.get("events") or []
    lead = practice.leadership(events)
    helped = practice.assistance(ledger, case_id)
    source = practice.intake_of(events)
    target = practice.office_target(ledger, record["received_on"], record["closed_on"],
                                    date(as_of) or ledger.today)
    if json_:
        out(plain.json_text({**record, "lead": lead, "assistance": helped, "intake": source,
                             "office_target": target}))
    else:
        first = None
        if record["repeat_of"]:
            first_id = ledger.find_case(record["repeat_of"])
            first = queries.records(ledger, [first_id], reveal=reveal)[0]
        terminal.stdout_console().print(terminal.case_panel(record, lang, first))
        from xinfang.render.practice import show_extra

        terminal.stdout_console().print(show_extra(lead, helped, lang, source, target))


@commands.command("list")
def list_(
    status: StatusOpt = None,
    unit: UnitOpt = None,
    category: CategoryOpt = None,
    locality: LocalityOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    person: PersonOpt = None,
    search: SearchOpt = None,
    overdue: OverdueOpt = False,
    due_within: DueWithinOpt = None,
    repeat: RepeatOpt = False,
    collective: CollectiveOpt = False,
    flag: FlagOpt = None,
    limit: Annotated[int, typer.Option("--limit", help="最多显示几件。", min=1)] = 50,
    offset: Annotated[int, typer.Option("--offset", help="跳过前几件（翻页用）。", min=0)] = 0,
    as_of: AsOfOpt = None,
    reveal: RevealOpt = False,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """按条件列出案件，最新收到的在前。

    例：xinfang list --status 已登记 --category 城乡建设 --search 拖欠工资；xinfang list --overdue --unit 人社局
    """
    from xinfang.render import plain, terminal
    from xinfang.store import past, queries

    lang = resolve_lang(lang)
    filters = make_filters(status, unit, category, locality, since, until, person, search,
                           overdue, due_within, repeat, collective, flag, as_of)
    ledger = open_ledger(db, writes=reveal)
    # As of a past day: the ledger as it stood at the end of that day.
    records, total = queries.list_cases(past.as_of(ledger, date(as_of)), filters,
                                        as_of=date(as_of), limit=limit, offset=offset,
                                        reveal=reveal)
    if reveal and records:
        from xinfang import acts

        acts.reveal(ledger, [ledger.find_case(r["id"]) for r in records],
                    resolve_officer(officer), ["id_number", "phone"], "list")
    if json_:
        out(plain.json_text(records))
    elif not records:
        say(t("ui.none", lang))
    else:
        console = terminal.stdout_console()
        console.print(terminal.cases_table(records, lang, wide=console.width >= 120))
    if not json_ and records:
        say(t("ui.total", lang, total=total, shown=len(records))
            + (t("ui.more", lang) if total > offset + len(records) else ""))


@commands.command()
def note(
    case: CaseArg,
    text: Annotated[str, typer.Argument(help="备注内容。", show_default=False)],
    on: OnOpt = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """给案件加一条备注（不改变状态，记入办理经过）。

    例：xinfang note 2026-42 "电话联系信访人，约定周五面谈"
    """
    from xinfang import acts
    from xinfang.render import plain, terminal

    lang = resolve_lang(lang)
    if not text.strip():
        fail(t("note.empty", lang), lang, 2)
    ledger = open_ledger(db, writes=True)
    event = acts.note(ledger, case, text, officer=resolve_officer(officer), on=date(on))
    if json_:
        out(plain.json_text(event))
    else:
        terminal.stdout_console().print(visible(t("note.done", lang, case=event["case"],
                                                  text=text.strip())),
                                        markup=False)


@commands.command()
def deadline(
    case: CaseArg,
    clock: Annotated[str | None, typer.Option("--clock", help="只看某一项期限，如 forward、handle。", show_default=False)] = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """说明截止日期是怎么算出来的：起算日、时长、单位、跳过的休息日、本地调整。

    例：xinfang deadline 2026-42 --clock forward
    """
    from xinfang.render import plain, terminal
    from xinfang.store import queries
    from xinfang.vocab import parse_clock

    lang = resolve_lang(lang)
    ledger = open_ledger(db)
    case_id = ledger.find_case(case)
    items = queries.explain(ledger, case_id, parse_clock(clock) if clock else None)
    if json_:
        out(plain.json_text(items))
        return
    console = terminal.stdout_console()
    if not items:
        say(t("deadline.no_clock", lang))
    for item in items:
        console.print(terminal.deadline_text(item, lang))


