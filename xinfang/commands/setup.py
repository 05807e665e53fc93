"""Commands that set up and describe the ledger: info, calendar, office, policy, units,\nthe demo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from xinfang.commands.options import (
    DbOpt,
    JsonOpt,
    LangOpt,
    OfficerOpt,
    date,
    fail,
    open_ledger,
    out,
    resolve_lang,
    resolve_officer,
    say,
)
from xinfang.texts import t
from xinfang.visible import visible

if TYPE_CHECKING:
    from xinfang.store.ledger import Ledger

commands = typer.Typer()
office_app = typer.Typer(help="本办代码与名称（案件编号含本办代码，只能设置一次）。\n\n例：xinfang office set YQH 鱼邱湖街道信访办")
policy_app = typer.Typer(help="期限政策：各期限的时长与单位、预警窗口与阈值。\n\n例：xinfang policy set forward 5 --unit 工作日")
unit_app = typer.Typer(help="责任单位名单（转送、上报只能选名单中的单位）。\n\n例：xinfang unit add 人社局 --level 县区")
commands.add_typer(office_app, name="office")
commands.add_typer(policy_app, name="policy")
commands.add_typer(unit_app, name="unit")
category_app = typer.Typer(help="内容分类名单：全国统一的 17 类，另加本办自己的分类。\n\n例：xinfang category list")
commands.add_typer(category_app, name="category")


@commands.command()
def info(
    db: DbOpt = None,
    officer: OfficerOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """显示正在使用哪个台账文件（以及为什么）、本办、案件数和结构版本。

    例：xinfang info
    """
    from xinfang.db import locate
    from xinfang.render import plain, terminal

    lang = resolve_lang(lang)
    location = locate(db)
    why = t({
        "option": "info.why.option",
        "env": "info.why.env",
        "default": "info.why.default",
    }[location.source], lang)
    data: dict[str, Any] = {
        "path": str(location.path), "source": location.source, "why": why,
        "exists": location.path.exists(), "officer": resolve_officer(officer), "lang": lang,
    }
    if location.path.exists():
        from xinfang.store.migrations import schema_version

        ledger = open_ledger(db)
        data["office"] = ledger.office()
        data["cases"] = ledger.db.execute("SELECT count(*) FROM cases").fetchone()[0]
        data["events"] = ledger.db.execute("SELECT count(*) FROM events").fetchone()[0]
        data["size_bytes"] = location.path.stat().st_size
        data["migrations"] = schema_version(ledger.db)
    if json_:
        out(plain.json_text(data))
        return
    console = terminal.stdout_console()
    console.print(t("info.ledger", lang, path=data["path"]), markup=False)
    console.print(t("info.source", lang, why=why), markup=False)
    if not data["exists"]:
        console.print(t("info.not_created", lang), markup=False)
        return
    office = data["office"]
    office_text = f"{office['code']} {office['name']}" if office else t("info.office_not_set", lang)
    console.print(t("info.office", lang, office=office_text), markup=False)
    console.print(t("info.counts", lang, cases=data["cases"], events=data["events"],
                    size=data["size_bytes"]), markup=False)
    console.print(t("info.schema", lang, names=", ".join(data["migrations"])), markup=False)
    console.print(t("info.officer", lang, officer=data["officer"]), markup=False)


@commands.command()
def calendar(
    year: Annotated[int | None, typer.Option("--year", help="年份，默认今年。", show_default=False, min=1, max=9999)] = None,
    add_rest: Annotated[str | None, typer.Option("--add-rest", help="把这一天加为本地休息日。", show_default=False)] = None,
    add_work: Annotated[str | None, typer.Option("--add-work", help="把这一天加为本地工作日。", show_default=False)] = None,
    remove: Annotated[str | None, typer.Option("--remove", help="删除这一天的本地调整。", show_default=False)] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="调整原因（添加时必填）。", show_default=False)] = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """显示一年的放假和调休上班日；添加或删除本地调整（对所有未到期的期限生效）。

    例：xinfang calendar --year 2026；xinfang calendar --add-rest 2026-12-24 --reason 县里统一停电
    """
    from xinfang.dates import today
    from xinfang.render import plain, terminal
    from xinfang.store import settings

    lang = resolve_lang(lang)
    changes = [value for value in (add_rest, add_work, remove) if value]
    if len(changes) > 1:
        fail(t("calendar.one_change", lang), lang, 2)
    if changes:
        if (add_rest or add_work) and not (reason and reason.strip()):
            fail(t("calendar.reason_needed", lang), lang, 2)
        day = date(changes[0])
        assert day is not None
        opened = open_ledger(db, create=True)
        who = resolve_officer(officer)
        if remove:
            settings.remove_override(opened, day, who)
        else:
            settings.add_override(opened, day, bool(add_work), (reason or "").strip(), who)
        ledger: Ledger | None = opened
        say(t("calendar.updated", lang, day=day.isoformat()))
        year = year or day.year
    else:
        from xinfang.db import locate

        location = locate(db)
        ledger = open_ledger(db) if location.path.exists() else None
    from xinfang.deadlines.calendar import WorkCalendar

    cal = ledger.calendar if ledger else WorkCalendar()
    year = year or today().year
    days = [{"day": d.isoformat(), "kind": kind, "why": why} for d, kind, why in cal.year(year, lang)]
    if json_:
        out(plain.json_text({"year": year, "published": cal.is_published(year), "days": days}))
        return
    terminal.stdout_console().print(terminal.calendar_table(year, days, cal.is_published(year), lang))


@office_app.callback(invoke_without_command=True)
def office_main(ctx: typer.Context, db: DbOpt = None, json_: JsonOpt = False,
                lang: LangOpt = None) -> None:
    """显示或设置本办代码。例：xinfang office set YQH 鱼邱湖街道信访办"""
    if ctx.invoked_subcommand is None:
        office_show(db=db, json_=json_, lang=lang)


@office_app.command("show")
def office_show(db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None) -> None:
    """显示本办代码与名称。

    例：xinfang office show
    """
    from xinfang.render import plain, terminal

    lang = resolve_lang(lang)
    current = open_ledger(db).office()
    if json_:
        out(plain.json_text(current))
    elif current is None:
        say(t("office.not_set", lang))
    else:
        terminal.stdout_console().print(f"{current['code']} {current['name']}", markup=False)


@office_app.command("set")
def office_set(
    code: Annotated[str, typer.Argument(help="本办代码：2–12 位大写字母或数字，写进每个案件编号。")],
    name: Annotated[str, typer.Argument(help="本办名称。")],
    officer: OfficerOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """设置本办代码与名称（代码只能设置一次；名称可以改）。

    例：xinfang office set YQH 高唐县鱼邱湖街道信访办
    """
    from xinfang.store import settings

    lang = resolve_lang(lang)
    ledger = open_ledger(db, create=True)
    office = settings.set_office(ledger, code, name, resolve_officer(officer))
    say(t("office.set", lang, code=office["code"], name=office["name"]))


@policy_app.callback(invoke_without_command=True)
def policy_main(ctx: typer.Context, db: DbOpt = None, json_: JsonOpt = False,
                lang: LangOpt = None) -> None:
    """显示或修改期限政策。例：xinfang policy show"""
    if ctx.invoked_subcommand is None:
        policy_show(db=db, json_=json_, lang=lang)


@policy_app.command("show")
def policy_show(db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None) -> None:
    """显示本办的期限政策（未改动的项为全国默认值）。

    例：xinfang policy show --json
    """
    from xinfang.db import locate
    from xinfang.deadlines.policy import Policy
    from xinfang.render import plain, terminal

    lang = resolve_lang(lang)
    ledger = open_ledger(db) if locate(db).path.exists() else None
    policy = ledger.policy if ledger else Policy()
    data = {
        "clocks": {code: {"length": r.length, "unit": r.unit} for code, r in policy.clocks.items()},
        "numbers": dict(policy.numbers),
    }
    if json_:
        out(plain.json_text(data))
    else:
        terminal.stdout_console().print(terminal.policy_table(policy, lang))


@policy_app.command("set")
def policy_set(
    key: Annotated[str, typer.Argument(help="政策项，如 forward、handle、warning_days。")],
    value: Annotated[str, typer.Argument(help="新的数值。")],
    unit: Annotated[str | None, typer.Option("--unit", help="期限单位：日 或 工作日（days/workdays）。", show_default=False)] = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """修改一项期限政策；所有未到期的期限随之重算。

    例：xinfang policy set forward 5 --unit 工作日
    """
    from xinfang.store import settings

    lang = resolve_lang(lang)
    ledger = open_ledger(db, create=True)
    settings.set_policy(ledger, key.strip(), value, unit, resolve_officer(officer))
    say(t("policy.updated", lang, key=key, value=value) + (f" {unit}" if unit else ""))


@policy_app.command("preset")
def policy_preset(
    name: Annotated[str, typer.Argument(help="national（全国默认）、zhejiang、henan。")],
    officer: OfficerOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """换用一套已知的地方期限规定（全部期限项一起改）。

    例：xinfang policy preset zhejiang
    """
    from xinfang.store import settings

    lang = resolve_lang(lang)
    ledger = open_ledger(db, create=True)
    settings.apply_preset(ledger, name.strip().lower(), resolve_officer(officer))
    say(t("policy.preset", lang, name=name))


@commands.command()
def demo(
    db: Annotated[Path | None, typer.Option("--db", help="把演示台账留在这个文件（默认用临时文件，结束即删）。", show_default=False, dir_okay=False)] = None,
    lang: LangOpt = None,
) -> None:
    """用内置的演示登记簿建一个临时台账，展示 xinfang 能做什么。

    例：xinfang demo
    """
    import tempfile

    from xinfang import demo as demo_mod
    from xinfang.render import terminal
    from xinfang.store import queries
    from xinfang.store.ledger import Ledger

    lang = resolve_lang(lang)
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "demo.db"
        if path.exists():
            fail(t("demo.exists", lang, path=path), lang)
        ledger = Ledger.open(path, create=True, today=demo_mod.DEMO_TODAY)
        summary = demo_mod.build(ledger)
        console = terminal.stdout_console()
        console.print(terminal.demo_intro(summary, lang))
        records, total = queries.list_cases(ledger, queries.Filters(), limit=12)
        console.print(terminal.cases_table(records, lang))
        overdue = demo_mod.most_overdue(ledger)
        if overdue is not None:
            console.print("\n" + t("demo.most_overdue", lang), markup=False)
            console.print(terminal.case_panel(queries.case_record(ledger, overdue), lang))
            for item in queries.explain(ledger, overdue, "forward")[:1]:
                console.print("\n" + t("demo.deadline", lang), markup=False)
                console.print(terminal.deadline_text(item, lang))
        ledger.close()
        if db:
            say(t("demo.kept", lang, path=path))


@unit_app.command("add")
def unit_add(
    name: Annotated[str, typer.Argument(help="单位名称，如 人社局、鱼邱湖街道。")],
    level: Annotated[str, typer.Option("--level", help="层级：村/社区、乡镇、县区、市、省（village/township/county/city/province）。")],
    parent: Annotated[str | None, typer.Option("--parent", help="上级单位（须已在名单中）。", show_default=False)] = None,
    officer: OfficerOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """把一个单位加入责任单位名单。

    例：xinfang unit add 高唐县人社局 --level 县区 --parent 高唐县人民政府
    """
    from xinfang.render import plain

    lang = resolve_lang(lang)
    from xinfang.store import writer

    unit = writer.add_unit(open_ledger(db, create=True), name, level, parent,
                           officer=resolve_officer(officer))
    if json_:
        out(plain.json_text(unit))
    else:
        say(t("unit.added", lang, name=unit["name"]))


@unit_app.command("list")
def unit_list(db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None) -> None:
    """列出责任单位名单。

    例：xinfang unit list
    """
    from xinfang.render import plain, terminal

    lang = resolve_lang(lang)
    units = open_ledger(db).units()
    if json_:
        out(plain.json_text(units))
    elif not units:
        say(t("unit.none", lang))
    else:
        terminal.stdout_console().print(terminal.units_table(units, lang))




@unit_app.command("rename")
def unit_rename(
    old: Annotated[str, typer.Argument(help="现在的名称。")],
    new: Annotated[str, typer.Argument(help="新名称。")],
    officer: OfficerOpt = None, db: DbOpt = None, lang: LangOpt = None,
) -> None:
    """单位更名：它承办的案件随之改用新名称（每件记入办理经过），历史记录保留原名。

    例：xinfang unit rename 人社局 县人力资源和社会保障局
    """
    from xinfang.store import writer

    lang = resolve_lang(lang)
    count = writer.rename_unit(open_ledger(db, writes=True), old, new, resolve_officer(officer))
    say(t("unit.renamed", lang, old=old.strip(), new=new.strip(), count=count))


@unit_app.command("merge")
def unit_merge(
    name: Annotated[str, typer.Argument(help="要并入的单位（撤并后不再接收新的转送）。")],
    into: Annotated[str, typer.Option("--into", help="并入到的单位（须在名单中）。")],
    officer: OfficerOpt = None, db: DbOpt = None, lang: LangOpt = None,
) -> None:
    """把一个单位并入另一个：它的案件随之改由后者承办（每件记入办理经过），原单位保留在名单中，标为已撤并。

    例：xinfang unit merge 县劳动局 --into 县人社局
    """
    from xinfang.store import writer

    lang = resolve_lang(lang)
    count = writer.rename_unit(open_ledger(db, writes=True), name, into,
                               resolve_officer(officer), merge=True)
    say(t("unit.merged", lang, old=name.strip(), new=into.strip(), count=count))


@unit_app.command("set")
def unit_set(
    name: Annotated[str, typer.Argument(help="单位名称。")],
    level: Annotated[str | None, typer.Option("--level", help="层级：村/社区、乡镇、县区、市、省。", show_default=False)] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="上级单位（须在名单中）。", show_default=False)] = None,
    officer: OfficerOpt = None, db: DbOpt = None, lang: LangOpt = None,
) -> None:
    """补填或更改单位的层级、上级单位。

    例：xinfang unit set 人社局 --level 县区 --parent 县人民政府
    """
    from xinfang.store import writer

    lang = resolve_lang(lang)
    if level is None and parent is None:
        fail(t("unit.set_nothing", lang), lang, 2)
    writer.set_unit(open_ledger(db, writes=True), name, resolve_officer(officer), level=level,
                    parent=parent)
    say(t("unit.updated", lang, name=name.strip()))


@unit_app.command("retire")
def unit_retire(
    name: Annotated[str, typer.Argument(help="单位名称。")],
    officer: OfficerOpt = None, db: DbOpt = None, lang: LangOpt = None,
) -> None:
    """撤销一个单位：不再接收新的转送或上报；它已有的案件照旧办理。

    例：xinfang unit retire 县粮食局
    """
    from xinfang.store import writer

    lang = resolve_lang(lang)
    writer.set_unit(open_ledger(db, writes=True), name, resolve_officer(officer), retire=True)
    say(t("unit.retired", lang, name=name.strip()))


@category_app.command("list")
def category_list(db: DbOpt = None, json_: JsonOpt = False, lang: LangOpt = None) -> None:
    """列出内容分类：全国统一分类（及常见简称），再列本办自己加的分类。

    例：xinfang category list
    """
    from xinfang.render import plain
    from xinfang.vocab import CATEGORIES, CATEGORY_SPELLINGS

    lang = resolve_lang(lang)
    extra = open_ledger(db).settings().get("categories.extra", [])
    short = {name: [s for s, full in CATEGORY_SPELLINGS.items() if full == name]
             for name in CATEGORIES}
    if json_:
        out(plain.json_text({"national": [{"name": n, "short": short[n]} for n in CATEGORIES],
                             "office": extra}))
        return
    for name in CATEGORIES:
        out(name + (t("category.short", lang, names=t("sep.list", lang).join(short[name]))
                    if short[name] else "") + "\n")
    if extra:
        out(t("category.office", lang) + "\n")
        for name in extra:
            out(visible(name) + "\n")


@category_app.command("add")
def category_add(
    name: Annotated[str, typer.Argument(help="本办新增的分类名称。")],
    officer: OfficerOpt = None, db: DbOpt = None, lang: LangOpt = None,
) -> None:
    """把一个本办自己的分类加入名单（全国统一分类之外确需的）。

    例：xinfang category add 征地拆迁
    """
    from xinfang.store import settings

    lang = resolve_lang(lang)
    added = settings.add_category(open_ledger(db, create=True), name, resolve_officer(officer))
    say(t("category.added", lang, name=added))
