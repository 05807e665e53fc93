"""The files xinfang hands out (exports, rejects files): readable by their owner only,
and made of cells that Excel opens as they are, never as formulas or as numbers that
lose their digits (DOMAIN.md §8)."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from xinfang.errors import (
    OutputExists,
    OutputIsFolder,
    OutputIsLedger,
    OutputIsLink,
    OutputNotYours,
)

# Cells Excel would run as a formula (OWASP: CSV injection), and long numbers it would
# turn into 3.60803E+17 or strip of their leading zero.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LONG_NUMBER = re.compile(r"^(\d{11,}[0-9Xx]?|0\d{5,})$")


def neutralise(cell: str) -> str:
    """A cell that begins with = + - @ (or a tab or CR) gets a leading apostrophe, so
    Excel shows it as text and never runs it. `xinfang import` takes the apostrophe off."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def excel_cell(value: Any, guard_numbers: bool = True) -> str:
    """A cell for a CSV that will be opened in Excel."""
    cell = neutralise("" if value is None else str(value))
    if guard_numbers and _LONG_NUMBER.match(cell):
        # A leading tab makes Excel keep the digits as text; import strips it again.
        cell = "\t" + cell
    return cell


# Writing a file safely ------------------------------------------------------------------
#
# An output file is written under a new temporary name in its folder and put in place when
# it is whole: a failed or killed write leaves nothing under the name asked for. It is
# never written through a symbolic link, never over the ledger or its companion files
# (by their identity on disk, so a hard link or another path to them is refused too), and
# never over an existing file unless the officer says so (`force`).

HOLD_SUFFIX = ".lock"  # the hold every command keeps on the ledger (db.hold)
GATE_SUFFIX = ".gate"  # the way to the hold, closed by a restore waiting for it
REPORT_SUFFIX = ".report-lock"  # one overdue report at a time (db.one_at_a_time)
DAMAGED_SUFFIX = ".damaged"  # damaged pages were found: no more writes (db.mark_damaged)
LEDGER_COMPANIONS = ("", "-wal", "-shm", "-journal", HOLD_SUFFIX, GATE_SUFFIX,
                     REPORT_SUFFIX, DAMAGED_SUFFIX)


def ledger_files(ledger: Path) -> list[Path]:
    """The ledger, the files SQLite keeps beside it and the locks xinfang keeps there:
    no output is ever written over one of them."""
    return [ledger.with_name(ledger.name + suffix) for suffix in LEDGER_COMPANIONS]


def refuse_target(target: Path, *, protected: Iterable[Path] = (), force: bool = False) -> None:
    """Refuse an output path that is, or would write through, something it must not."""
    identities = set()
    for path in protected:
        try:
            info = os.stat(path)
        except OSError:
            continue
        identities.add((info.st_dev, info.st_ino))
    names = {os.path.abspath(path) for path in protected}
    if os.path.abspath(target) in names:
        raise OutputIsLedger(path=str(target))
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise OutputIsLink(path=str(target))
    if (info.st_dev, info.st_ino) in identities:
        raise OutputIsLedger(path=str(target))
    if stat.S_ISDIR(info.st_mode):
        raise OutputIsFolder(path=str(target))
    if not force:
        raise OutputExists(path=str(target))
    if info.st_uid != os.getuid():
        raise OutputNotYours(path=str(target))


def temporary_beside(target: Path) -> Path:
    """A new, empty, private file in the target's folder, for writing the target into."""
    folder = target.parent if str(target.parent) else Path(".")
    while True:
        candidate = folder / f".{target.name}.{os.urandom(4).hex()}.part"
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate


def publish(temporary: Path, target: Path, *, force: bool = False) -> None:
    """Put a whole temporary file in place under the target's name. Without `force` it is
    linked there, which fails rather than replace a file that appeared meanwhile (the
    temporary file is then left for the caller to use or remove)."""
    _sync(temporary)
    if force:
        os.replace(temporary, target)
    else:
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise OutputExists(path=str(target)) from None  # the temporary file stays
        os.unlink(temporary)
    sync_folder(target.parent)


def write_output(target: str | os.PathLike[str], payload: bytes, *, force: bool = False,
                 protected: Iterable[Path] = ()) -> None:
    """Write `payload` to a new private file at `target` (see above)."""
    path = Path(target)
    refuse_target(path, protected=protected, force=force)
    temporary = temporary_beside(path)
    try:
        with open(temporary, "wb") as handle:
            handle.write(payload)
        publish(temporary, path, force=force)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut."""
    try:
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
