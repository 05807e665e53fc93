"""Work on both halves of a long job at once, on two processor cores.

`both(work, first, second)` runs `work(second)` in a forked copy of this process while
this process runs `work(first)`, and returns the two results in that order. The copy
sees everything this process had made (nothing is sent to it); only its result comes
back, pickled. It is for pure work over data already read — the copy must not use this
process's open database connection — and where forking is not possible (one core, no
`fork` on the platform) the halves are simply done one after the other.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def possible() -> bool:
    """Whether the second half can run on a core of its own."""
    import multiprocessing  # (here: a short command that never forks need not load it)

    return (os.cpu_count() or 1) >= 2 and sys.platform != "win32" \
        and "fork" in multiprocessing.get_all_start_methods()


def both(work: Callable[[Item], Result], first: Item, second: Item
         ) -> tuple[Result, Result]:
    """`(work(first), work(second))`, the second worked out in a forked copy."""
    if not possible():
        return work(first), work(second)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(work, second, send), daemon=True)
    child.start()
    send.close()
    try:
        mine = work(first)
        failed, theirs = receive.recv()
    finally:
        receive.close()
        child.join()
    if failed:
        raise theirs
    return mine, theirs


def _run(work: Callable[[Item], Result], item: Item, send: object) -> None:
    try:
        outcome: tuple[bool, object] = (False, work(item))
    except BaseException as error:  # (raised again in the parent, as it was)
        outcome = (True, error)
    send.send(outcome)  # type: ignore[attr-defined]
    send.close()  # type: ignore[attr-defined]
