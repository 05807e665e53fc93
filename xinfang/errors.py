"""Errors the library raises, one base class. Each one's message, in Chinese and English,
is its entry in the text catalogue (`texts`, key `error.` and the class name) and always
says what to do next.

The CLI turns any `XinfangError` into `错误：…` / `Error: …` on stderr and exit code 1.
"""

from __future__ import annotations

from typing import Any

from xinfang.masking import mask_params
from xinfang.texts import t


class XinfangError(Exception):
    """Base class: every error a user can cause."""

    exit_code = 1  # 2 for errors in how the command was typed (usage errors)

    def __init__(self, entry: str | None = None, **params: Any) -> None:
        """`entry`: the catalogue entry of the message, when it is not the class's own."""
        self.entry = entry or f"error.{type(self).__name__}"
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        return t(self.entry, lang, **mask_params(self.params))

    def text(self, lang: str) -> str:
        """The message, so that an error can be a part of another text."""
        return self.message(lang)


class LedgerMissing(XinfangError):
    """No ledger at …."""


class LedgerTooNew(XinfangError):
    """The ledger … was made by a newer xinfang (unknown migrations: …); it was left untouched."""


class LedgerBusy(XinfangError):
    """Another command holds the ledger (a restore), or SQLite's lock stayed taken."""


class StillRunning(XinfangError):
    """Another run of the report is still going after the seconds given to wait."""


class LedgerInUse(XinfangError):
    """Other commands have the ledger open: it cannot be held alone (for a restore)."""


class NotALedger(XinfangError):
    """The file is not an xinfang ledger, and xinfang leaves it as it is."""


class EmptyLedgerFile(XinfangError):
    """An empty file: a command that only reads does not set it up as a ledger."""


class LedgerDamaged(XinfangError):
    """SQLite finds the ledger's pages damaged."""


class KnownDamaged(XinfangError):
    """The ledger's pages were found damaged: nothing more is written to it."""


class LedgerReadOnly(XinfangError):
    """The ledger (or its folder) may not be written by this user."""


class DiskFull(XinfangError):
    """No room left on the disk: nothing was written."""


class DiskError(XinfangError):
    """The disk could not be read or written."""


class CannotOpen(XinfangError):
    """The ledger file cannot be opened (its folder is missing or may not be read)."""


class TooManyFiles(XinfangError):
    """The system's limit of open files was reached."""


class NumberTooLarge(XinfangError):
    """A number given is larger than the ledger can store."""


class OutputExists(XinfangError):
    """The output file exists; it is replaced only when asked to (--force)."""


class OutputIsLedger(XinfangError):
    """The output would overwrite the ledger or a file SQLite keeps beside it."""

    exit_code = 2


class OutputIsLink(XinfangError):
    """The output path is a symbolic link; nothing is written through one."""

    exit_code = 2


class OutputIsFolder(XinfangError):
    """The output path is a folder."""

    exit_code = 2


class OutputNotYours(XinfangError):
    """The output file belongs to another user; it is not replaced."""


class OfficeNotSet(XinfangError):
    """The office code is not set; case numbers need it."""


class OfficeAlreadySet(XinfangError):
    """The office code is already … and cannot change (case numbers use it)."""


class BadOfficeCode(XinfangError):
    """Office code '…' is not valid: use 2–12 capital letters or digits, e.g."""


class CaseNotFound(XinfangError):
    """No case …."""


class AmbiguousCase(XinfangError):
    """'…' matches several cases: …."""


class BadDate(XinfangError):
    """Cannot read the date '…'."""

    exit_code = 2


class FutureDate(XinfangError):
    """The … … is after today (…)."""


class NulInText(XinfangError):
    """Text holds a NUL character: it cannot be kept."""

    exit_code = 2


class NothingToUndo(XinfangError):
    """Case … has no act to withdraw."""


class NoSuchPetitioner(XinfangError):
    """The case has no petitioner …."""

    exit_code = 2


class NothingToCorrect(XinfangError):
    """Nothing given differs from what case … records."""

    exit_code = 2


class DateAfterActs(XinfangError):
    """A corrected received date … is after the case's first act (…)."""


class TooEarly(XinfangError):
    """The … … is before 1950: no office registered anything then."""


class DateBeforePrevious(XinfangError):
    """The date … is before this case's previous act on …."""


class BadIdNumber(XinfangError):
    """ID number '…' is not valid: …."""


class BadPhone(XinfangError):
    """Phone '…' has a wrong shape: a mobile has 11 digits starting with 1, a landline looks like 0635-1234567."""


class BadHeadcount(XinfangError):
    """Headcount must be a whole number of at least 1, got '…'."""


class BadChoice(XinfangError):
    """… '…' is not valid."""

    exit_code = 2


class MissingField(XinfangError):
    """Missing …."""

    exit_code = 2


class MissingAnswer(XinfangError):
    """A required field of the form left empty at the terminal."""

    exit_code = 2


class MissingFields(XinfangError):
    """Several required fields missing: named at once."""

    exit_code = 2


class BadPerson(XinfangError):
    """Petitioner '…' has a wrong shape."""

    exit_code = 2


class NotAllowed(XinfangError):
    """Case … is '…'; it cannot be …."""


class BadPolicy(XinfangError):
    """Invalid policy setting: …"""


class UnknownPolicyKey(XinfangError):
    """No policy item '…'."""

    exit_code = 2


class OverrideNotFound(XinfangError):
    """There is no local override on …."""


class UnknownUnit(XinfangError):
    """Unit '…' is not in the list of units."""


class CategoryExists(XinfangError):
    """Category '…' is already in the list."""


class UnknownCategory(XinfangError):
    """Category '…' is not in the list of categories."""

    exit_code = 2


class UnitRetired(XinfangError):
    """Unit '…' was retired on …."""


class UnitExists(XinfangError):
    """Unit '…' is already in the list."""


class BadAct(XinfangError):
    """…"""
