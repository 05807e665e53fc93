"""Which template fills a document: the office's own, made in Word or WPS with
placeholders and kept beside the ledger (`notice-templates/<kind>.docx` in the ledger's
folder), or else the default that ships with xinfang (`defaults/`).

A template is checked before anything is filled in: it must be a Word document, its
placeholders must be written as the template engine reads them (`{{ content }}`), and it
may use only the placeholders its kind knows (`kinds.KINDS`): a misspelt one is refused
by its name, never left blank in a document handed to a petitioner.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from xinfang.errors import XinfangError
from xinfang.notices.kinds import KINDS
from xinfang.notices.layout import sign
from xinfang.texts import Label, join
from xinfang.vocab import NOTICE_KINDS

FOLDER = "notice-templates"
OFFICE = "office"
DEFAULT = "default"


class NotATemplate(XinfangError):
    """The template is not a Word document (.docx) xinfang can read."""


class UnknownPlaceholder(XinfangError):
    """The template uses placeholders its kind of document does not know."""


class BrokenTemplate(XinfangError):
    """The template's placeholders or conditions are not written as the engine reads them."""


class DefaultMissing(XinfangError):
    """A default template is not where xinfang was installed: the installation is incomplete."""


def environment() -> Environment:
    """How templates are read and filled: text is escaped for Word's XML, a name the
    context lacks is an error, a fact the ledger leaves empty is written as nothing, and
    a template reaches no further than the words it is given (a sandbox: a template
    file found in a folder runs no code)."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined,
                                finalize=lambda value: "" if value is None else value)


@dataclass(frozen=True)
class Template:
    kind: str
    source: str  # OFFICE or DEFAULT
    path: Path  # the office's file, or the default's place in the package
    data: bytes

    def engine(self) -> DocxTemplate:
        """A fresh template object to fill in (each one is filled once)."""
        return DocxTemplate(io.BytesIO(self.data))


def office_folder(ledger_path: Path) -> Path:
    """Where an office keeps its own templates: beside the ledger."""
    return ledger_path.parent / FOLDER


def office_path(ledger_path: Path, kind: str) -> Path:
    return office_folder(ledger_path) / f"{kind}.docx"


def default_path(kind: str) -> Path:
    return Path(str(resources.files("xinfang.notices").joinpath(f"defaults/{kind}.docx")))


def default(kind: str) -> Template:
    path = default_path(kind)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DefaultMissing(title=Label(NOTICE_KINDS, kind), path=str(path)) from None
    return Template(kind, DEFAULT, path, data)


def find(ledger_path: Path, kind: str) -> Template:
    """The template that fills `kind`: the office's own if it has one, else the default."""
    path = office_path(ledger_path, kind)
    if path.is_file():
        return Template(kind, OFFICE, path, path.read_bytes())
    return default(kind)


def check(template: Template) -> None:
    """Refuse a template that is not a Word document, whose placeholders are not written
    as the engine reads them, or that uses a placeholder its kind does not know."""
    where = str(template.path)
    try:
        used = template.engine().get_undeclared_template_variables(environment())
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise NotATemplate(path=where, reason=str(error) or type(error).__name__) from None
    except TemplateError as error:
        raise broken(template, error) from None
    known = KINDS[template.kind].placeholders
    unknown = sorted(set(used) - known)
    if unknown:
        raise UnknownPlaceholder(path=where, title=Label(NOTICE_KINDS, template.kind),
                                 names=join("{{ " + name + " }}" for name in unknown),
                                 known=join(sorted(known)))


def broken(template: Template, error: BaseException) -> BrokenTemplate:
    """What is wrong with a template, with the words of the document around it."""
    around = " ".join(" ".join(getattr(error, "docx_context", None) or []).split())
    detail = getattr(error, "message", None) or str(error) or type(error).__name__
    return BrokenTemplate(path=str(template.path), detail=detail, around=around[:120])


def fill(template: Template, context: dict[str, Any]) -> bytes:
    """The document: the template filled in with `context`, the office's name placed over
    the date (`layout.sign`)."""
    engine = template.engine()
    try:
        engine.render(context, environment())
    except TemplateError as error:
        raise broken(template, error) from None
    except Exception as error:
        # An office's template may make anything of its words (a loop over text, a sum
        # of a date and a number): whatever fails, it is the template's to mend.
        if template.source != OFFICE:
            raise
        raise broken(template, error) from None
    sign(engine.docx)
    buffer = io.BytesIO()
    engine.save(buffer)
    return buffer.getvalue()


def trial_context(kind: str) -> dict[str, Any]:
    """Something for every placeholder of `kind`: a template is tried with it."""
    return {name: "…" for name in KINDS[kind].placeholders}


@dataclass(frozen=True)
class Listed:
    """One kind of document in `notice templates`: the template that fills it, what is
    wrong with it if anything, and where the office's own would be."""

    kind: str
    source: str
    path: Path
    office_path: Path
    problem: XinfangError | None


def listing(ledger_path: Path) -> list[Listed]:
    """Every kind, the template that fills it (the office's or the default), whether it
    can be used (tried with something for every placeholder), and where a copy of the
    default goes to be edited."""
    found = []
    for kind in KINDS:
        own = office_path(ledger_path, kind)
        source, path = (OFFICE, own) if own.is_file() else (DEFAULT, default_path(kind))
        problem: XinfangError | None = None
        try:
            template = find(ledger_path, kind)
            check(template)
            fill(template, trial_context(kind))
        except XinfangError as error:
            problem = error
        found.append(Listed(kind, source, path, own, problem))
    return found


def copy_default(ledger_path: Path, kind: str, *, force: bool = False) -> Path:
    """Write a copy of the default template of `kind` where the office's own goes, to be
    edited in Word; from then on it fills the documents of that kind."""
    from xinfang.files import write_output

    target = office_path(ledger_path, kind)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_output(target, default(kind).data, force=force)
    return target
