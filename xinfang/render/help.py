"""Help screens as plain text that fits the terminal: a usage line, the description, and
sections of two columns (an option and what it does), every line wrapped by the width
it takes on screen — a Chinese character takes two columns — and never cut.

Chinese has no spaces between words, so a line may break between any two characters,
except before closing punctuation (，。、）…) or after an opening one (（“…); Latin words
and option names (--report-by) are kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len

NO_LINE_START = set("，。、；：？！）》」』”’…%,.;:?!)]}")
NO_LINE_END = set("（《「『“‘([{")
LEFT_MOST = 30  # an option column wider than this puts its help on the next line
_TOKENS = re.compile(r"[A-Za-z0-9_\-./<>=:@'\"\[\]{}|+*#~^`]+|\s+|.", re.S)


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[tuple[str, str]]


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines no wider than `width` columns (a word wider than the line is
    broken where it must)."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if token.isspace():
            if line:
                line += " "
            continue
        if cell_len(line) + cell_len(token) <= width:
            line += token
            continue
        carried = ""
        if token[0] in NO_LINE_START:
            # A comma never starts a line: the character before it goes down with it.
            while line and (line[-1] in NO_LINE_START or not carried):
                carried, line = line[-1] + carried, line[:-1]
        while line and line[-1] in NO_LINE_END:
            carried, line = line[-1] + carried, line[:-1]
        if line.strip():
            lines.append(line.rstrip())
        line = carried + token
        while cell_len(line) > width:  # a word longer than the line
            cut = _fit(line, width)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _fit(text: str, width: int) -> int:
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return max(index, 1)
    return len(text)


def render(usage: str, description: list[str], sections: list[Section], width: int) -> str:
    """The whole help screen."""
    width = max(width, 40)
    out: list[str] = []
    out += wrap(usage, width)
    for paragraph in description:
        out.append("")
        out += wrap(paragraph, width)
    for section in sections:
        out.append("")
        out.append(section.title)
        left_width = min(max((cell_len(left) for left, _ in section.rows), default=0),
                         LEFT_MOST)
        right_width = max(width - 2 - left_width - 2, 20)
        for left, right in section.rows:
            right_lines = wrap(right, right_width) if right else [""]
            if cell_len(left) > left_width:
                out.append("  " + left)
                out += [" " * (4 + left_width) + line for line in right_lines if line]
                continue
            pad = " " * (left_width - cell_len(left))
            out.append(f"  {left}{pad}  {right_lines[0]}".rstrip())
            out += [" " * (4 + left_width) + line for line in right_lines[1:]]
    return "\n".join(out) + "\n"
