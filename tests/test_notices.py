"""Written documents (xinfang notice): each kind opened with python-docx and read back —
its words, fonts and page against GB/T 9704, its deadlines and the rights sentence
against the case in the ledger; privacy (a confidential case's slip names no one, ID
numbers only for the petitioner and masked); the record of each document; templates an
office changes, and broken ones refused by name before anything is written."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from xinfang import acts
from xinfang.cases.intake import make_intake, make_person
from xinfang.notices import documents, facts, layout, templates
from xinfang.notices.facts import MissingFacts
from xinfang.notices.kinds import KINDS
from xinfang.notices.templates import BrokenTemplate, NotATemplate, UnknownPlaceholder
from xinfang.store import settings, writer
from xinfang.texts import TEXTS
from xinfang.vocab import NOTICE_KINDS

TODAY = dt.date(2026, 11, 23)
ID = "371526196601318579"
PHONE = "13812345678"
ADDRESS = "高唐县鱼邱湖街道幸福社区3号"
OPINION = "经核实，施工方已于11月8日结清所欠工资。"
REVIEWED = "经复查，原处理意见认定事实清楚，予以维持。"
RECHECKED = "经复核，复查意见处理恰当，予以维持。"


def register(ledger, *, on: dt.date, name: str | None = "张三", id_number: str | None = ID,
             phone: str | None = PHONE, confidential: bool = False, headcount: int = 1,
             content: str = "工地拖欠工资", channel: str = "来访") -> str:
    people = [make_person(name, id_number, phone, ADDRESS)] if name else []
    intake = make_intake(channel=channel, content=content, received_on=on, today=TODAY,
                         people=people, anonymous=not people, headcount=headcount,
                         category="劳动社保", locality="鱼邱湖街道", confidential=confidential)
    return acts.register(ledger, intake, officer="王专干", not_repeat=True).number


@pytest.fixture
def units(ledger):
    writer.add_unit(ledger, "高唐县人民政府", "县区")
    writer.add_unit(ledger, "高唐县人社局", "县区", parent="高唐县人民政府")
    writer.add_unit(ledger, "住建局", "县区")
    return ledger


@pytest.fixture
def lived(units):
    """A case through its whole life: forwarded to a unit whose parent the list knows."""
    ledger = units
    number = register(ledger, on=dt.date(2026, 11, 2))
    officer = {"officer": "王专干"}
    acts.forward(ledger, number, "高唐县人社局", on=dt.date(2026, 11, 3), **officer)
    acts.accept(ledger, number, on=dt.date(2026, 11, 5), **officer)
    acts.extend(ledger, number, 10, "需要调取施工合同", "人社局局长", on=dt.date(2026, 11, 6),
                **officer)
    acts.close(ledger, number, "resolved", OPINION, on=dt.date(2026, 11, 10), **officer)
    acts.review(ledger, number, "request", on=dt.date(2026, 11, 12), **officer)
    acts.review(ledger, number, "conclude", note=REVIEWED, on=dt.date(2026, 11, 16), **officer)
    acts.recheck(ledger, number, "request", on=dt.date(2026, 11, 17), **officer)
    acts.recheck(ledger, number, "conclude", note=RECHECKED, on=dt.date(2026, 11, 20),
                 **officer)
    acts.followup(ledger, number, satisfaction="满意", note="电话回访", on=dt.date(2026, 11, 21),
                  **officer)
    return number


def write(ledger, ref, kind, folder, **options):
    """Write one document; returns what was written and the document as python-docx reads it."""
    ready = documents.prepare(ledger, ref, [kind], **options)
    (done,) = documents.write_documents(ledger, ready, officer="测试员", folder=folder)
    return done, Document(str(done.path))


def words(path) -> str:
    return documents.text_of(path.read_bytes())


def events(ledger, number, kind="notice"):
    return [e for e in ledger.events(ledger.find_case(number)) if e["kind"] == kind]


def due(ledger, number, clock) -> str:
    """A clock's due date as the ledger holds it, written as a document writes dates."""
    (day,) = ledger.db.execute(
        "SELECT due_on FROM clocks WHERE case_id = ? AND clock = ? ORDER BY id DESC LIMIT 1",
        [ledger.find_case(number), clock]).fetchone()
    day = dt.date.fromisoformat(day)
    return f"{day.year}年{day.month}月{day.day}日"


LIFE = ("receipt", "visit-form", "forward", "forward-notice", "accept", "extension", "opinion", "review",
        "recheck", "followup")


# The house style --------------------------------------------------------------------------


def case_for(ledger, lived, kind: str, folder) -> str:
    """A case that has the document `kind`: the case through its life, or one of its own."""
    officer = {"officer": "王专干"}
    if kind in LIFE:
        return lived
    if kind == "delivery":
        write(ledger, lived, "opinion", folder)
        return lived
    if kind == "major":
        return register(ledger, on=dt.date(2026, 11, 20), headcount=8)
    number = register(ledger, on=dt.date(2026, 11, 2))
    if kind == "assign":
        acts.forward(ledger, number, "住建局", assign=True, report_by=dt.date(2026, 11, 30),
                     on=dt.date(2026, 11, 3), **officer)
    elif kind == "not-accept":
        acts.reject(ledger, number, "handling", on=dt.date(2026, 11, 4), **officer)
    elif kind == "redirect":
        acts.redirect(ledger, number, "arbitration", on=dt.date(2026, 11, 4), **officer)
    return number


@pytest.mark.parametrize("kind", KINDS)
def test_each_document_is_laid_out_as_an_official_document(ledger, lived, tmp_path, kind):
    number = case_for(ledger, lived, kind, tmp_path / "before")
    done, document = write(ledger, number, kind, tmp_path)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert round(section.page_width.mm - section.left_margin.mm - section.right_margin.mm) == 156
    assert round(section.page_height.mm - section.top_margin.mm
                 - section.bottom_margin.mm) == 225
    styles = document.styles
    body = styles["Normal"]
    assert body.font.size == Pt(16)  # 3号
    assert body.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.line_spacing == Pt(28.95)  # 225 mm / 22 lines
    assert int(225 / (body.paragraph_format.line_spacing.pt * 25.4 / 72)) == 22
    # 28 characters of 3号 to a line: each one 16 pt and its spacing, in the 156 mm.
    spacing = int(body.element.rPr.find(qn("w:spacing")).get(qn("w:val")))  # twips
    width = section.page_width - section.left_margin - section.right_margin
    assert int(Length(width).twips // (16 * 20 + spacing)) == 28
    title = document.paragraphs[0]
    assert title.text == NOTICE_KINDS[kind][0]
    assert title.style.font.size == Pt(22)  # 2号
    assert title.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    # Page numbers on odd pages right, even pages left.
    assert document.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0].paragraph_format.element.xml
        assert "PAGE" in xml and "宋体" in xml
    # The office's name and the date at the end, the date four characters in.
    signer, date = document.paragraphs[-2:] if kind not in ("receipt",) else \
        document.paragraphs[-3:-1]
    assert date.text == "2026年11月23日"
    assert date.style.name == "成文日期"
    assert date.style.paragraph_format.element.pPr.ind.get(qn("w:rightChars")) == "400"
    assert signer.style.name == "发文机关署名"
    assert ledger.case_number(ledger.find_case(number)) in words(done.path)


def test_the_name_is_centred_over_the_date(ledger, lived, tmp_path):
    _, document = write(ledger, lived, "receipt", tmp_path)
    signer = next(p for p in document.paragraphs if p.style.name == "发文机关署名")
    assert signer.text == "鱼邱湖街道信访办"
    # 2026年11月23日 is 7 characters wide (digits are half), the name 8: it stands half
    # a character further right than the date's four.
    assert signer.paragraph_format.element.pPr.ind.get(qn("w:rightChars")) == "350"


# What the documents say ------------------------------------------------------------------


def test_the_opinion_names_the_body_to_ask_for_a_review(ledger, lived, tmp_path):
    done, _ = write(ledger, lived, "opinion", tmp_path)
    text = words(done.path)
    assert ("如对本处理意见不服，可以自收到本意见书之日起30日内，向高唐县人民政府请求复查"
            "（《信访工作条例》第三十五条）。") in text
    assert OPINION in text and "已解决" in text
    assert text.rstrip().endswith("高唐县人社局\n2026年11月23日")


def test_without_a_parent_in_the_list_the_rights_are_in_the_general_words(units, tmp_path):
    ledger = units
    number = register(ledger, on=dt.date(2026, 11, 2))
    acts.forward(ledger, number, "住建局", officer="王专干", on=dt.date(2026, 11, 3))
    acts.accept(ledger, number, officer="王专干", on=dt.date(2026, 11, 4))
    acts.close(ledger, number, "partly", OPINION, officer="王专干", on=dt.date(2026, 11, 9))
    notice = facts.gather(ledger, number, "opinion")
    assert notice.context["review_body"] == "原办理机关的本级人民政府或者其上一级主管部门"
    assert any("住建局" in note.text("zh") for note in notice.notes)


def test_the_review_gives_the_next_right_and_the_recheck_is_final(ledger, lived, tmp_path):
    review, _ = write(ledger, lived, "review", tmp_path)
    text = words(review.path)
    assert REVIEWED in text
    assert "于2026年11月12日请求复查" in text
    assert ("可以自收到本意见书之日起30日内，向复查机关的本级人民政府或者其上一级主管部门"
            "请求复核（《信访工作条例》第三十六条）") in text
    assert text.rstrip().endswith("高唐县人民政府\n2026年11月23日")  # the body that reviewed
    recheck, _ = write(ledger, lived, "recheck", tmp_path)
    text = words(recheck.path)
    assert RECHECKED in text and "不再受理" in text and "第三十六条" in text


def test_the_deadlines_are_the_case_s_own_with_their_articles(ledger, lived, tmp_path):
    receipt = words(write(ledger, lived, "receipt", tmp_path)[0].path)
    assert "依照《信访工作条例》第二十二条" in receipt
    assert "15日内（至2026年11月17日止）" in receipt  # received 11-02
    assert due(ledger, lived, "forward") == "2026年11月17日"
    slip = words(write(ledger, lived, "forward", tmp_path)[0].path)
    assert "15日内（至2026年11月18日止）" in slip  # forwarded 11-03
    assert "5个工作日内（至2026年11月10日止）" in slip
    assert due(ledger, lived, "notify") in slip and due(ledger, lived, "objection") in slip
    assert "《信访工作条例》第二十三条" in slip
    extension = words(write(ledger, lived, "extension", tmp_path)[0].path)
    # accepted 11-05: 60 days and the 10 of the extension, to 2027-01-14.
    assert "延长后的办结期限为2027年1月14日（《信访工作条例》第三十四条）" in extension
    assert due(ledger, lived, "handle") == "2027年1月14日"
    assert "需要调取施工合同" in extension and "经人社局局长批准" in extension


def test_a_local_deadline_is_the_office_s_not_the_regulation_s(ledger, lived, tmp_path):
    settings.set_policy(ledger, "notify", "5", "workdays", "测试员")
    ledger.settings_changed()
    notice = facts.gather(ledger, lived, "forward")
    assert notice.context["notify_period"] == "5个工作日"
    assert notice.context["notify_basis"] == "本地有关规定"


def test_the_proof_of_delivery_lists_the_documents_written_for_the_petitioner(ledger, lived, tmp_path):
    write(ledger, lived, "opinion", tmp_path)
    write(ledger, lived, "forward", tmp_path)  # for the unit: not delivered to the petitioner
    done, _ = write(ledger, lived, "delivery", tmp_path)
    text = words(done.path)
    assert "信访事项处理意见书（2026年11月23日）" in text
    assert "转送单" not in text
    assert "受送达人" in text and ADDRESS in text and "张三" in text


def test_the_major_report_goes_to_the_joint_meeting_office(units, tmp_path):
    ledger = units
    number = register(ledger, on=dt.date(2026, 11, 20), headcount=12)
    done, _ = write(ledger, number, "major", tmp_path)
    text = words(done.path)
    assert text.splitlines()[2] == "信访工作联席会议办公室："
    assert "集体访（12人）" in text and "登记" in text
    assert ID not in text and PHONE not in text


def test_not_accepting_and_the_legal_route_say_why_in_words(units, tmp_path):
    ledger = units
    rejected = register(ledger, on=dt.date(2026, 11, 2))
    acts.reject(ledger, rejected, "final", officer="王专干", on=dt.date(2026, 11, 4))
    text = words(write(ledger, rejected, "not-accept", tmp_path)[0].path)
    assert "已经复核终结" in text and "第三十六条" in text and "决定不予受理" in text
    # The officer's own words stand as a sentence, ended as one.
    other = register(ledger, on=dt.date(2026, 11, 2), content="物业费")
    acts.reject(ledger, other, "no_remit", text="可依物业服务合同协商解决", officer="王专干",
                on=dt.date(2026, 11, 4))
    assert "具体情况：可依物业服务合同协商解决。\n" in words(
        write(ledger, other, "not-accept", tmp_path)[0].path)
    redirected = register(ledger, on=dt.date(2026, 11, 2), content="执行款未到位")
    acts.redirect(ledger, redirected, "litigation", officer="王专干", on=dt.date(2026, 11, 4))
    text = words(write(ledger, redirected, "redirect", tmp_path)[0].path)
    assert "向有管辖权的人民法院提起诉讼" in text
    # A register's words that only name the route add nothing: no 具体情况 paragraph.
    named = register(ledger, on=dt.date(2026, 11, 2), content="借款纠纷")
    acts.redirect(ledger, named, "litigation", text="告知通过诉讼途径解决", officer="王专干",
                  on=dt.date(2026, 11, 4))
    assert "具体情况" not in words(write(ledger, named, "redirect", tmp_path)[0].path)


def test_every_document_fills_exactly_the_placeholders_of_its_kind(ledger, lived):
    acts.note(ledger, lived, "x", officer="王专干")
    for kind in LIFE:
        assert set(facts.gather(ledger, lived, kind).context) == KINDS[kind].placeholders
    for kind, spec in KINDS.items():
        for name in spec.placeholders:
            assert f"notice.field.{name}" in TEXTS, (kind, name)


def test_the_acceptance_notice_gives_the_due_date_as_accepted_not_as_extended(ledger, lived):
    # accepted 11-05: 60 days to 2027-01-04 (01-04 a Monday), the 10 of the extension aside.
    notice = facts.gather(ledger, lived, "accept")
    assert notice.context["handle_due"] == "2027年1月4日"
    assert due(ledger, lived, "handle") == "2027年1月14日"


def test_a_re_routed_slip_goes_to_the_new_unit_from_its_own_date(units, tmp_path):
    ledger = units
    number = register(ledger, on=dt.date(2026, 11, 2))
    acts.forward(ledger, number, "住建局", officer="王专干", on=dt.date(2026, 11, 3))
    acts.reroute(ledger, number, "高唐县人社局", officer="王专干", reason="属人社部门职责",
                 on=dt.date(2026, 11, 5))
    text = words(write(ledger, number, "forward", tmp_path)[0].path)
    assert text.splitlines()[2] == "高唐县人社局："
    assert "住建局" not in text
    # The new unit's 15 days and 5 working days run from the re-routing (11-05).
    assert "15日内（至2026年11月20日止）" in text and "（至2026年11月12日止）" in text
    notice = facts.gather(ledger, number, "forward-notice")
    assert notice.context["unit"] == "高唐县人社局"
    assert notice.context["forwarded_on"] == "2026年11月5日"


def test_a_unit_renamed_since_is_named_as_it_is_now(units):
    ledger = units
    number = register(ledger, on=dt.date(2026, 11, 2))
    acts.forward(ledger, number, "住建局", officer="王专干", on=dt.date(2026, 11, 3))
    writer.rename_unit(ledger, "住建局", "住房和城乡建设局", "测试员")
    assert facts.gather(ledger, number, "forward").context["unit"] == "住房和城乡建设局"


def test_an_act_withdrawn_is_not_reported_and_a_notice_is_never_withdrawn(ledger, lived, tmp_path):
    write(ledger, lived, "followup", tmp_path)
    # undo takes back the follow-up, the last act, not the document written after it.
    acts.undo(ledger, lived, officer="王专干", reason="回访记错了案件")
    (withdrawn,) = events(ledger, lived, "withdrawn")
    assert withdrawn["details"]["kind"] == "followed_up"
    with pytest.raises(MissingFacts) as refused:
        facts.gather(ledger, lived, "followup")
    assert "回访的记录（xinfang followup）" in refused.value.message("zh")


def test_a_voided_case_gets_no_document(units, run):
    ledger = units
    number = register(ledger, on=dt.date(2026, 11, 2))
    acts.void(ledger, number, officer="王专干", reason="重复录入")
    result = run("notice", number, "receipt", "--print-text")
    assert result.exit_code == 1 and "已作废" in result.stderr and result.stdout == ""


def test_the_visit_form_is_for_a_visitor_to_check_and_sign(ledger, lived, tmp_path):
    done, _ = write(ledger, lived, "visit-form", tmp_path)
    text = words(done.path)
    assert "张三（身份证号：371526********8579；电话：138****5678；住址：" + ADDRESS in text
    assert "与我反映的情况一致" in text and "签名（按手印）" in text
    assert "接 待 人　王专干" in text
    # A letter has no visitor to sign: the form is refused and --all leaves it out.
    number = register(ledger, on=dt.date(2026, 11, 2), channel="来信")
    with pytest.raises(MissingFacts) as refused:
        facts.gather(ledger, number, "visit-form")
    assert "本案为来信" in refused.value.message("zh")
    assert "visit-form" not in facts.due_kinds(ledger, number)


# Missing facts ---------------------------------------------------------------------------


def test_missing_facts_are_all_named_and_nothing_is_written(units, tmp_path, run):
    ledger = units
    anonymous = register(ledger, on=dt.date(2026, 11, 2), name=None)
    with pytest.raises(MissingFacts) as refused:
        documents.prepare(ledger, anonymous, ["accept"])
    message = refused.value.message("zh")
    assert "受理的记录（xinfang accept）" in message and "信访人姓名" in message
    assert "没有写入任何文件" in message
    # An opinion with no opinion text (a register's row can close a case with none).
    number = register(ledger, on=dt.date(2026, 11, 2))
    acts.record(ledger, number, "closed", officer="王专干", on=dt.date(2026, 11, 3),
                details={"result": "resolved"})
    with pytest.raises(MissingFacts, match="opinion"):
        documents.prepare(ledger, number, ["receipt", "opinion"])
    # --all stops at the opinion before the receipt is written.
    result = run("notice", number, "--all", "-o", tmp_path / "out")
    assert result.exit_code == 1 and "处理意见的内容" in result.stderr
    assert not (tmp_path / "out").exists() and events(ledger, number) == []


def test_a_receipt_is_dated_today_or_as_asked_never_before_the_act(ledger, lived):
    assert facts.gather(ledger, lived, "receipt").context["date"] == "2026年11月23日"
    assert facts.gather(ledger, lived, "receipt", dated=dt.date(2026, 11, 2)) \
        .context["date"] == "2026年11月2日"
    with pytest.raises(Exception, match="2026-11-10"):
        facts.gather(ledger, lived, "opinion", dated=dt.date(2026, 11, 9))


# Privacy -------------------------------------------------------------------------------


def test_a_confidential_case_s_slip_never_names_the_whistle_blower(units, tmp_path, run):
    ledger = units
    number = register(ledger, on=dt.date(2026, 11, 18), name="李四", phone="13912345678",
                      id_number=None, confidential=True)
    acts.forward(ledger, number, "住建局", officer="王专干", on=dt.date(2026, 11, 19))
    done, document = write(ledger, number, "forward", tmp_path)
    xml = "".join(zipfile.ZipFile(done.path).read(name).decode()
                  for name in zipfile.ZipFile(done.path).namelist() if name.endswith(".xml"))
    for secret in ("李四", "13912345678", "1234", ADDRESS):
        assert secret not in xml
    assert "第三十条" in words(done.path) and "送本办转交" in words(done.path)
    assert events(ledger, number)[-1]["details"]["withheld"] is True
    # The notice to the whistle-blower themselves does name them.
    assert "李四" in words(write(ledger, number, "forward-notice", tmp_path)[0].path)
    # The command says so.
    result = run("notice", number, "forward", "-o", tmp_path / "slip.docx")
    assert result.exit_code == 0, result.stderr
    assert "检举控告" in result.stderr and "不载明检举控告人" in result.stderr


def test_id_numbers_only_for_the_petitioner_and_masked_unless_asked(ledger, lived, tmp_path):
    receipt = words(write(ledger, lived, "receipt", tmp_path)[0].path)
    assert "371526********8579" in receipt and ID not in receipt
    assert "138****5678" in receipt and PHONE not in receipt
    assert events(ledger, lived, "revealed") == []
    folder = tmp_path / "pii"
    receipt = words(write(ledger, lived, "receipt", folder, with_pii=True)[0].path)
    assert ID in receipt and PHONE in receipt
    (revealed,) = events(ledger, lived, "revealed")
    assert revealed["details"] == {"fields": ["id_number", "phone"], "command": "notice"}
    assert events(ledger, lived)[-1]["details"]["with_pii"] is True
    # A slip to the unit never carries an ID number, whatever is asked.
    slip = words(write(ledger, lived, "forward", folder, with_pii=True)[0].path)
    assert ID not in slip and "371526" not in slip and PHONE in slip


# The record ----------------------------------------------------------------------------


def test_writing_a_document_is_recorded_with_its_file_and_hash(ledger, lived, tmp_path, run):
    done, _ = write(ledger, lived, "opinion", tmp_path)
    (event,) = events(ledger, lived)
    assert event["details"]["kind"] == "opinion"
    assert event["details"]["file"] == done.path.name == "XF-YQH-2026-00001-信访事项处理意见书.docx"
    assert event["details"]["sha256"] == hashlib.sha256(done.path.read_bytes()).hexdigest()
    assert event["details"]["template"] == "default"
    shown = run("show", lived)
    assert shown.exit_code == 0
    assert "出具文书：信访事项处理意见书，XF-YQH-2026-00001-信访事项处理意见书.docx，" \
           f"SHA-256 {event['details']['sha256'][:12]}" in shown.stdout
    assert run("check").exit_code == 0  # replaying the events still gives the stored state


def test_the_command_writes_prints_and_refuses(ledger, lived, tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("notice", lived, "opinion")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "XF-YQH-2026-00001-信访事项处理意见书.docx"
    assert "已出具信访事项处理意见书" in result.stderr
    again = run("notice", lived, "处理意见书")
    assert again.exit_code == 1 and "已存在" in again.stderr and "--force" in again.stderr
    assert run("notice", lived, "opinion", "--force").exit_code == 0
    printed = run("notice", lived, "accept", "--print-text")
    assert printed.exit_code == 0 and printed.stdout.startswith("信访事项受理告知书\n")
    assert not (tmp_path / "XF-YQH-2026-00001-信访事项受理告知书.docx").exists()
    assert [e["details"]["kind"] for e in events(ledger, lived)] == ["opinion", "opinion"]
    assert run("notice", lived).exit_code == 2
    wrong = run("notice", lived, "letter")
    assert wrong.exit_code == 2 and "文书种类“letter”无效" in wrong.stderr


def test_all_writes_every_document_the_case_has_so_far(ledger, lived, tmp_path, run):
    result = run("notice", lived, "--all", "-o", tmp_path / "文书")
    assert result.exit_code == 0, result.stderr
    written = sorted(path.name for path in (tmp_path / "文书").iterdir())
    titles = [NOTICE_KINDS[kind][0] for kind in (*LIFE, "delivery")]
    assert written == sorted(f"XF-YQH-2026-00001-{title}.docx" for title in titles)
    kinds = [e["details"]["kind"] for e in events(ledger, lived)]
    assert kinds == [*LIFE, "delivery"]
    delivery = words(tmp_path / "文书" / "XF-YQH-2026-00001-送达回证.docx")
    for kind in ("receipt", "accept", "opinion", "review", "recheck"):
        assert NOTICE_KINDS[kind][0] in delivery
    assert "转送单" not in delivery and "回访记录" not in delivery and "来访登记表" not in delivery


def test_a_failure_half_way_leaves_no_file_and_no_record(ledger, lived, tmp_path, monkeypatch):
    ready = documents.prepare(ledger, lived, ["receipt", "opinion"])
    real = documents.write_output
    calls = []

    def full_disk(target, payload, **options):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(target, payload, **options)

    monkeypatch.setattr(documents, "write_output", full_disk)
    folder = tmp_path / "文书"
    with pytest.raises(OSError):
        documents.write_documents(ledger, ready, officer="测试员", folder=folder)
    assert len(calls) == 2 and list(folder.iterdir()) == [] and events(ledger, lived) == []


# Templates -----------------------------------------------------------------------------


def office_template(ledger, kind: str, *extra: str | list[str]) -> None:
    """The office's own template of `kind`: the default with paragraphs added, each a
    text or a list of runs (Word splits a placeholder into runs as it is typed)."""
    document = Document(io.BytesIO(templates.default(kind).data))
    for paragraph in extra:
        added = document.add_paragraph()
        for piece in [paragraph] if isinstance(paragraph, str) else paragraph:
            added.add_run(piece)
    path = templates.office_path(ledger.path, kind)
    path.parent.mkdir(exist_ok=True)
    document.save(str(path))


def test_an_office_template_is_used_and_recorded(ledger, lived, tmp_path):
    office_template(ledger, "opinion", ["联系人：{{ off", "icer }}，送", "{{ office }}"])
    done, _ = write(ledger, lived, "opinion", tmp_path)
    assert "联系人：王专干，送鱼邱湖街道信访办" in words(done.path)
    assert events(ledger, lived)[-1]["details"]["template"] == "office"


def test_an_unknown_placeholder_is_refused_by_its_name(ledger, lived, tmp_path, run):
    office_template(ledger, "opinion", "{{ reveiw_body }}")
    with pytest.raises(UnknownPlaceholder) as refused:
        documents.prepare(ledger, lived, ["opinion"])
    assert "{{ reveiw_body }}" in refused.value.message("zh")
    result = run("notice", lived, "opinion", "-o", tmp_path / "x.docx")
    assert result.exit_code == 1
    assert "错误：模板" in result.stderr and "reveiw_body" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.docx").exists() and events(ledger, lived) == []


@pytest.mark.parametrize("broken", ["{{ opinion ", "{%p if opinion %}", "{{ opinion|nosuch }}",
                                    "{{ opinion.nosuch.deeper }}",
                                    "{{ opinion.__class__.__mro__[1].__subclasses__() }}"])
def test_a_template_the_engine_cannot_read_is_refused_cleanly(ledger, lived, tmp_path, run, broken):
    office_template(ledger, "opinion", broken)
    result = run("notice", lived, "opinion", "-o", tmp_path / "x.docx")
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith("错误：模板") and "没有写入任何文件" in result.stderr
    assert not (tmp_path / "x.docx").exists() and events(ledger, lived) == []
    with pytest.raises(BrokenTemplate):
        documents.prepare(ledger, lived, ["opinion"])[0].render()


def test_a_file_that_is_not_a_word_document_is_refused(ledger, lived):
    path = templates.office_path(ledger.path, "receipt")
    path.parent.mkdir()
    path.write_bytes(b"not a document")
    with pytest.raises(NotATemplate, match="receipt.docx"):
        documents.prepare(ledger, lived, ["receipt"])


def test_templates_are_listed_copied_and_explained(ledger, lived, run, db_path):
    listed = run("notice", "templates")
    assert listed.exit_code == 0, listed.stderr
    assert "信访事项处理意见书" in listed.stdout and "默认" in listed.stdout
    assert str(db_path.parent / "notice-templates") in listed.stderr
    copied = run("notice", "templates", "--copy", "opinion")
    assert copied.exit_code == 0
    copy = templates.office_path(ledger.path, "opinion")
    assert copy.read_bytes() == templates.default("opinion").data
    assert run("notice", "templates", "--copy", "opinion").exit_code == 1  # exists
    office_template(ledger, "receipt", "{{ nosuch }}")
    listed = run("notice", "templates")
    assert listed.exit_code == 1 and "nosuch" in listed.stdout
    fields = run("notice", "templates", "--fields", "opinion")
    assert "{{ review_body }}" in fields.stdout and "请求复查的机关" in fields.stdout


def test_the_default_templates_shipped_are_those_the_layout_makes():
    """After a change to layout.py or the catalogue: python -m xinfang.notices.layout."""
    for kind in KINDS:
        shipped = zipfile.ZipFile(templates.default_path(kind))
        made = zipfile.ZipFile(io.BytesIO(layout.default_bytes(kind)))
        parts = [name for name in made.namelist() if name.startswith("word/")]
        assert "word/document.xml" in parts
        for name in parts:
            assert shipped.read(name) == made.read(name), (kind, name)
