"""The page and the house style of official documents (GB/T 9704-2012), and the default
templates made with them.

- A4; 版心 156 × 225 mm (天头 37 mm, 订口 28 mm); 22 lines of 28 characters.
- Title in 小标宋 2号 (22 pt), body in 仿宋_GB2312 3号 (16 pt), first-level headings in
  黑体, tables in 仿宋 4号; the fonts named as Word and WPS on an office PC know them,
  East Asian names included (`w:eastAsia`), so the document keeps its faces there.
- Page numbers in 4号半角宋体 between dashes (`— 1 —`), odd pages on the right and even
  pages on the left, each one character in.
- The office's name centred over the date, the date four characters in from the right
  (7.3.5.1): the paragraphs in the styles 发文机关署名 and 成文日期; `sign` places them
  once their words are known.

Each default template is a document in this style whose words are the catalogue's
(`notice.*`) with placeholders (`{{ content }}`) where the ledger's facts go. They ship in
`defaults/`; `python -m xinfang.notices.layout` makes them again after a change here or
in the catalogue (a test checks they are current).
"""

from __future__ import annotations

import io
import math
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Twips
from docx.text.paragraph import Paragraph

from xinfang.texts import t
from xinfang.vocab import NOTICE_KINDS, label

ZH = "zh"
DEFAULTS = Path(__file__).parent / "defaults"

# Fonts by the names Word and WPS know on an office PC.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"

# The page, in twentieths of a point (twips).
CHAR = 320  # one character of 3号 (16 pt)
LINE = 579  # 225 mm / 22 lines
TEXT_WIDTH = 8844  # 156 mm
# 28 characters of 16 pt are 448 pt, the line 442.2: each character is set 0.25 pt closer
# (in twentieths of a point). A grid of characters would do it in Word, but LibreOffice
# spreads text laid on one; close-set characters read the same in both.
CONDENSE = -math.ceil(CHAR - TEXT_WIDTH / 28)

# The styles a template's paragraphs take (their names are what an office sees in Word).
TITLE = "公文标题"
NUMBER = "文号"
ADDRESSEE = "主送机关"
BODY = "Normal"
HEADING = "一级标题"
SIGNER = "发文机关署名"
DATE = "成文日期"
NOTE = "附注"
CELL = "表格文字"
LABEL = "表格栏目"
CELL_LINE = 400  # a line of a form's text (4号, 14 pt, set at 20 pt)
COLUMNS = (Mm(30), Mm(48), Mm(30), Mm(48))  # label, value, label, value: 156 mm in all


def field(name: str) -> str:
    """A placeholder as a template holds it."""
    return "{{ " + name + " }}"


# The order Word's schema gives the children of a run's and a paragraph's properties:
# Word refuses a document whose elements are out of it.
RUN_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
             "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
             "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
             "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
             "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
             "w:eastAsianLayout", "w:specVanish", "w:oMath")
PARAGRAPH_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
                   "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd",
                   "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                   "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                   "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                   "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                   "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                   "w:pPrChange")


def _child(parent: Any, tag: str, order: tuple[str, ...], **values: str) -> Any:
    """The child `tag` of `parent` (made in its place in `order` if missing), with the
    attributes `values` (`w_val` for `w:val`)."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.insert_element_before(element, *order[order.index(tag) + 1:])
    for key, value in values.items():
        element.set(qn(key.replace("_", ":", 1)), value)
    return element


def _fonts(rpr: Any, name: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set a run's or style's fonts — the East Asian one too — size and weight."""
    _child(rpr, "w:rFonts", RUN_ORDER, w_ascii=name, w_hAnsi=name, w_eastAsia=name, w_cs=name,
           w_hint="eastAsia")
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            _child(rpr, tag, RUN_ORDER, w_val="1" if bold else "0")
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            _child(rpr, tag, RUN_ORDER, w_val=str(round(size * 2)))


def _chars(pformat: Any, *, first_line: int | None = None, right: int | None = None,
           left: int | None = None) -> None:
    """Indents in characters (hundredths), as Word sets them for Chinese text, with the
    same length in twips for readers that do not count characters."""
    ind = pformat.element.get_or_add_pPr().get_or_add_ind()
    for key, chars in (("firstLine", first_line), ("right", right), ("left", left)):
        if chars is not None:
            ind.set(qn(f"w:{key}Chars"), str(chars * 100))
            ind.set(qn(f"w:{key}"), str(chars * CHAR))


def _no_grid_snap(pformat: Any) -> None:
    _child(pformat.element.get_or_add_pPr(), "w:snapToGrid", PARAGRAPH_ORDER, w_val="0")


def _style(document: DocxDocument, name: str, font: str, size: float, *,
           align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY, line: int = LINE,
           before: int = 0, after: int = 0, bold: bool = False,
           first_line: int | None = None) -> Any:
    styles = document.styles
    style = styles[name] if name == BODY else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != BODY:
        style.base_style = styles[BODY]
        style.next_paragraph_style = styles[BODY]
        style.quick_style = True
    _fonts(style.element.get_or_add_rPr(), font, size, bold)
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(line)
    fmt.space_before = Twips(before)
    fmt.space_after = Twips(after)
    fmt.widow_control = True
    _chars(fmt, first_line=first_line if first_line is not None else 0)
    return style


def new_document() -> DocxDocument:
    """An empty document on the GB/T 9704 page, with the house styles."""
    document = Document()
    core = document.core_properties
    core.author = core.last_modified_by = ""
    core.comments = core.subject = core.keywords = ""
    core.title = field("title")
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(23)  # the page number 7 mm below the text block
    grid = document.element.body.sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        document.element.body.sectPr.append(grid)
    # No grid to snap to (LibreOffice gives a title on a grid of lines two of them): the
    # lines are 22 a page by their exact spacing; the pitch is there for an office that
    # turns Word's line grid on.
    grid.attrib.pop(qn("w:type"), None)
    grid.set(qn("w:linePitch"), str(LINE))
    _defaults(document)
    normal = _style(document, BODY, BODY_FONT, 16, first_line=2)
    _child(normal.element.get_or_add_rPr(), "w:spacing", RUN_ORDER, w_val=str(CONDENSE))
    _style(document, TITLE, TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER, line=LINE + 100,
           first_line=0)
    _style(document, NUMBER, BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.CENTER, after=LINE,
           first_line=0)
    _style(document, ADDRESSEE, BODY_FONT, 16, first_line=0)
    _style(document, HEADING, HEADING_FONT, 16, first_line=2)
    # One line below the text: the seal, over the name and the date, reaches up into it.
    _style(document, SIGNER, BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.RIGHT, before=LINE,
           first_line=0)
    _style(document, DATE, BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.RIGHT, first_line=0)
    _style(document, NOTE, BODY_FONT, 16, first_line=2)
    for name, align in ((CELL, WD_ALIGN_PARAGRAPH.LEFT), (LABEL, WD_ALIGN_PARAGRAPH.CENTER)):
        style = _style(document, name, BODY_FONT, 14, align=align, line=CELL_LINE,
                       first_line=0)
        _no_grid_snap(style.paragraph_format)
    _chars(document.styles[DATE].paragraph_format, right=4)
    _page_numbers(document)
    return document


def _defaults(document: DocxDocument) -> None:
    """The document's default run: 仿宋_GB2312 3号, Chinese."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, BODY_FONT, 16)
    _child(rpr, "w:lang", RUN_ORDER, w_val="en-US", w_eastAsia="zh-CN")


def _page_numbers(document: DocxDocument) -> None:
    """`— 1 —` in 4号半角宋体: odd pages one character in from the right, even pages one
    character in from the left."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.paragraph_format.alignment = align
        paragraph.paragraph_format.first_line_indent = Twips(0)
        _chars(paragraph.paragraph_format, **{side: 1}, first_line=0)
        _run(paragraph, "— ")
        for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"),
                           ("end", None)):
            run = _run(paragraph, "")
            element = run.font.element
            if kind is not None:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                element.append(char)
            elif text == "PAGE":
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = " PAGE "
                element.append(instruction)
            else:
                run.text = text or ""
        _run(paragraph, " —")


def _run(paragraph: Paragraph, text: str) -> Any:
    run = paragraph.add_run(text)
    _fonts(run.font.element.get_or_add_rPr(), PAGE_NUMBER_FONT, 14)
    return run


def sign(document: DocxDocument) -> None:
    """Place the office's name centred over the date (GB/T 9704 7.3.5.1): the date four
    characters in from the right, the name as far in as centres it over the date; and
    keep them on the page of the text above them, never alone on a page of their own.
    Done once the words are filled in, for the paragraphs in the styles 发文机关署名 and
    成文日期."""
    blocks = list(document.iter_inner_content())
    for index, block in enumerate(blocks):
        if not (isinstance(block, Paragraph) and _styled(block, DATE) and index >= 1):
            continue
        signer = blocks[index - 1]
        if not (isinstance(signer, Paragraph) and _styled(signer, SIGNER)):
            continue
        before = blocks[index - 2] if index >= 2 else None
        kept = [signer]
        if isinstance(before, Paragraph):
            kept.append(before)
        elif before is not None:  # a table: its last row
            kept += [p for cell in before.rows[-1].cells for p in cell.paragraphs]
        for paragraph in kept:
            paragraph.paragraph_format.keep_with_next = True
        date, name = width(block.text), width(signer.text)
        in_by = max(0.0, 4 + (date - name) / 2)
        ind = signer.paragraph_format.element.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:rightChars"), str(round(in_by * 100)))
        ind.set(qn("w:right"), str(round(in_by * CHAR)))


def _styled(paragraph: Paragraph, name: str) -> bool:
    return paragraph.style is not None and paragraph.style.name == name


def width(text: str) -> float:
    """How many characters wide a line is: half for each ASCII letter or digit."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text.strip())


# The blocks a default template is made of ------------------------------------------------

Block = Callable[[DocxDocument], None]


def paragraph(style: str, text: str) -> Block:
    def add(document: DocxDocument) -> None:
        document.add_paragraph(text, style=style)
    return add


def text(key: str, *names: str) -> Block:
    """A paragraph of the catalogue's words, the parameters `names` placeholders."""
    return paragraph(BODY, t(key, ZH, **{name: field(name) for name in names}))


def when(name: str, *blocks: Block) -> Block:
    """Paragraphs that appear only when the placeholder `name` has something."""
    def add(document: DocxDocument) -> None:
        document.add_paragraph("{%p if " + name + " %}")
        for block in blocks:
            block(document)
        document.add_paragraph("{%p endif %}")
    return add


@dataclass(frozen=True)
class Row:
    """A row of a form: one label and its value across the width, or two side by side
    (`pairs`); `lines` high at least (room to write by hand). A row whose only label is
    empty holds a template tag of its own (`{%tr if … %}`)."""

    pairs: tuple[tuple[str, str], ...]
    lines: float = 1


def table(rows: Iterable[Row], *, gap: bool = True) -> Block:
    """A form of labels and values; `gap`: an empty line after it, before more text."""
    def add(document: DocxDocument) -> None:
        items = list(rows)
        grid = document.add_table(rows=len(items), cols=4)
        grid.style = document.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        for column, size in zip(grid.columns, COLUMNS, strict=True):
            column.width = size
        for line, item in zip(grid.rows, items, strict=True):
            if item.lines:
                line.height = Twips(round(CELL_LINE * item.lines) + 80)
            cells = list(line.cells)
            for cell, size in zip(cells, COLUMNS, strict=True):
                cell.width = size
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            places: list[tuple[Any, Any]] = [(cells[0], cells[1]), (cells[2], cells[3])]
            if len(item.pairs) == 1 and not item.pairs[0][0]:  # a tag: one cell across
                places = [(cells[0].merge(cells[3]), None)]
            elif len(item.pairs) == 1:
                places = [(cells[0], cells[1].merge(cells[3]))]
            for (key, value), (head, body) in zip(item.pairs, places, strict=True):
                if body is None:
                    head.paragraphs[0].text = value
                    continue
                head.paragraphs[0].text = t(key, ZH)
                head.paragraphs[0].style = document.styles[LABEL]
                body.paragraphs[0].text = value
                body.paragraphs[0].style = document.styles[CELL]
        if gap:
            document.add_paragraph("", style=BODY)
    return add


def row(key: str, name: str | None = None, lines: float = 1) -> Row:
    """A row of a form: its label and the placeholder beside it (none: left to write in)."""
    return Row(((key, field(name) if name else ""),), lines)


def pair(first: Row, second: Row) -> Row:
    """Two short rows side by side."""
    return Row(first.pairs + second.pairs, max(first.lines, second.lines))


def words(key: str, entry: str, *names: str, lines: float = 1) -> Row:
    """A row of a form whose value is the catalogue's words with placeholders."""
    return Row(((key, t(entry, ZH, **{name: field(name) for name in names})),), lines)


def only_if(name: str, *rows: Row) -> list[Row]:
    """Rows that appear only when the placeholder `name` has something."""
    return [Row((("", "{%tr if " + name + " %}"),), 0), *rows,
            Row((("", "{%tr endif %}"),), 0)]


def signature() -> Block:
    def add(document: DocxDocument) -> None:
        document.add_paragraph(field("issuer"), style=SIGNER)
        document.add_paragraph(field("date"), style=DATE)
    return add


def note(key: str, *names: str) -> Block:
    return paragraph(NOTE, t(key, ZH, **{name: field(name) for name in names}))


def heading(key: str) -> Block:
    return paragraph(HEADING, t(key, ZH))


def letter_head(kind: str, to: str = "petitioner") -> list[Block]:
    """Title, number and the one it is addressed to."""
    return [paragraph(TITLE, label(NOTICE_KINDS, kind, ZH)),
            paragraph(NUMBER, t("notice.line.number", ZH, number=field("number"))),
            paragraph(ADDRESSEE, field(to) + "：")]


def form_head(kind: str) -> list[Block]:
    return [paragraph(TITLE, label(NOTICE_KINDS, kind, ZH)),
            paragraph(NUMBER, t("notice.line.number", ZH, number=field("number")))]


_CASE_ROWS = [pair(row("notice.row.received_on", "received_on"),
                   row("notice.row.channel", "channel")),
              pair(row("notice.row.headcount", "headcount"),
                   row("notice.row.locality", "locality")),
              row("notice.row.category", "category")]
_MATTER_ROWS = [row("notice.row.content", "content", 2), row("notice.row.request", "request")]
_CLOSING = text("notice.closing")


def _slip(kind: str) -> list[Block]:
    """A forwarding or assignment slip: to the unit, the petition as a form, what the unit
    must do by when."""
    duties = [words("notice.row.duties", "notice.forward.notify", "notify_basis",
                    "notify_period", "notify_due", "objection_basis", "objection_period",
                    "objection_due", lines=3)]
    if kind == "assign":
        duties.append(words("notice.row.report", "notice.assign.report", "report_by",
                            "report_basis"))
    return [*letter_head(kind, "unit"),
            text(f"notice.{kind}.body", "received_on"),
            table([*_CASE_ROWS, row("notice.row.petitioners", "petitioners", 1.5),
                   *_MATTER_ROWS, *duties,
                   *only_if("confidential", words("notice.row.secrecy",
                                                  "notice.forward.confidential", lines=2)),
                   pair(row("notice.row.contact", "officer"), row("notice.row.phone"))],
                  gap=False),
            signature()]


LAYOUTS: dict[str, list[Block]] = {
    "receipt": [
        *form_head("receipt"),
        table([row("notice.row.petitioners", "petitioners", 1.5), *_CASE_ROWS, *_MATTER_ROWS]),
        text("notice.receipt.body", "received_on", "number", "forward_basis", "forward_period",
             "forward_due"),
        signature(), note("notice.line.handled_by", "officer"),
    ],
    "visit-form": [
        *form_head("visit-form"),
        table([row("notice.row.petitioners", "petitioners", 2), *_CASE_ROWS,
               row("notice.row.content", "content", 4), row("notice.row.request", "request", 2),
               words("notice.row.confirm", "notice.visit_form.confirm", lines=3),
               pair(row("notice.row.received_by", "officer"), row("notice.row.phone"))],
              gap=False),
        signature(),
    ],
    "forward": _slip("forward"),
    "assign": _slip("assign"),
    "forward-notice": [
        *letter_head("forward-notice"),
        text("notice.forward_notice.body", "received_on", "number", "forwarded_on",
             "forward_word", "unit"),
        text("notice.forward_notice.next", "notify_basis", "unit", "notify_period",
             "notify_due", "handle_period", "handle_basis"),
        text("notice.forward_notice.ask", "unit"),
        _CLOSING, signature(),
    ],
    "accept": [
        *letter_head("accept"),
        text("notice.accept.body", "received_on", "number", "accepted_on"),
        text("notice.accept.next", "handle_basis", "handle_period", "handle_due",
             "max_extension"),
        _CLOSING, signature(),
    ],
    "not-accept": [
        *letter_head("not-accept"),
        text("notice.not_accept.body", "received_on", "number", "reason", "decided_on"),
        when("reason_text", text("notice.not_accept.detail", "reason_text")),
        _CLOSING, signature(),
    ],
    "redirect": [
        *letter_head("redirect"),
        text("notice.redirect.body", "received_on", "number", "route_advice"),
        when("route_text", text("notice.redirect.detail", "route_text")),
        text("notice.redirect.law"),
        _CLOSING, signature(),
    ],
    "extension": [
        *letter_head("extension"),
        text("notice.extension.body", "received_on", "number", "accepted_on",
             "extension_reason", "handle_period", "approved_by", "extension_days",
             "total_extension", "handle_due", "handle_basis"),
        _CLOSING, signature(),
    ],
    "opinion": [
        *letter_head("opinion"),
        text("notice.opinion.intro", "received_on", "number", "accepted_on"),
        heading("notice.opinion.matter"), paragraph(BODY, field("content")),
        when("request", text("notice.opinion.request", "request")),
        heading("notice.opinion.opinion"), paragraph(BODY, field("opinion")),
        heading("notice.opinion.result"), paragraph(BODY, field("result")),
        text("notice.opinion.rights", "review_period", "review_body", "review_basis"),
        signature(),
    ],
    "review": [
        *letter_head("review"),
        text("notice.review.intro", "closed_on", "number", "requested_on"),
        paragraph(BODY, field("outcome")),
        text("notice.review.rights", "recheck_period", "recheck_body", "recheck_basis"),
        signature(),
    ],
    "recheck": [
        *letter_head("recheck"),
        text("notice.recheck.intro", "number", "requested_on"),
        paragraph(BODY, field("outcome")),
        text("notice.recheck.final", "final_basis"),
        signature(),
    ],
    "followup": [
        *form_head("followup"),
        table([row("notice.row.petitioners", "petitioners", 1.5),
               row("notice.row.content", "content", 1.5),
               pair(row("notice.row.closed_on", "closed_on"), row("notice.row.result", "result")),
               pair(row("notice.row.followed_on", "followed_on"),
                    row("notice.row.reached", "reached")),
               row("notice.question.true", None, 1.5), row("notice.question.met", None, 1.5),
               row("notice.question.carried_out", None, 1.5),
               row("notice.question.satisfied", "satisfaction"),
               row("notice.question.other", None, 1.5),
               row("notice.row.followup_note", "followup_note", 2),
               pair(row("notice.row.followed_by", "officer"),
                    row("notice.row.followed_signature", None, 2))], gap=False),
        signature(),
    ],
    "major": [
        *letter_head("major", "joint_office"),
        text("notice.major.intro", "received_on", "major_reasons", "number"),
        table([row("notice.row.petitioners", "petitioners", 1.5), *_CASE_ROWS, *_MATTER_ROWS,
               row("notice.row.actions", "actions", 3),
               pair(row("notice.row.contact", "officer"), row("notice.row.phone"))]),
        text("notice.major.closing"),
        signature(),
    ],
    "delivery": [
        *form_head("delivery"),
        table([row("notice.row.recipient", "petitioner"),
               row("notice.row.documents", "documents", 3),
               row("notice.row.address", "address"),
               row("notice.row.how", None, 1),
               Row((("notice.row.when", t("notice.blank.when", ZH)),), 1),
               row("notice.row.signature", None, 3), row("notice.row.proxy", None, 2),
               pair(row("notice.row.deliverer", None, 1.5), row("notice.row.remarks", None, 1.5))],
              gap=False),
        signature(),
    ],
}


def default_template(kind: str) -> DocxDocument:
    """The default template of `kind`, made afresh."""
    document = new_document()
    for block in LAYOUTS[kind]:
        block(document)
    return document


def default_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    default_template(kind).save(buffer)
    return buffer.getvalue()


def make_defaults(folder: Path = DEFAULTS) -> list[Path]:
    """Write into `folder` (the package's `defaults/`) each default template whose
    parts changed: a file the same but for its zip's timestamps is left alone."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in LAYOUTS:
        path = folder / f"{kind}.docx"
        data = default_bytes(kind)
        if path.is_file() and same_parts(path.read_bytes(), data):
            continue
        path.write_bytes(data)
        written.append(path)
    return written


def same_parts(first: bytes, second: bytes) -> bool:
    """Two documents with the same parts, whatever their zips' timestamps."""
    one, two = zipfile.ZipFile(io.BytesIO(first)), zipfile.ZipFile(io.BytesIO(second))
    return one.namelist() == two.namelist() and all(
        one.read(name) == two.read(name) for name in one.namelist())


if __name__ == "__main__":
    for made in make_defaults(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULTS):
        print(made)
