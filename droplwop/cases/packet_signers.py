"""The petition signer list of the packet, laid out in Python as pages of two text columns.

WeasyPrint is slow on a table of thousands of rows, and CSS columns get slower the longer the
list; plain preformatted text in fixed columns, one block per page, costs little. The number of
lines per column is fixed here, so each entry's height is estimated from its length: a long
name or city wraps, and counts as the lines it will take. The figures match the stylesheet in
cases/pdf/packet.html (8.5 pt DejaVu Sans on 13 pt lines, two columns of 48%).
"""

import re
from collections.abc import Iterable

LINES_FIRST_PAGE = 38  # below the exhibit heading, the total and the note
LINES_PER_PAGE = 47  # a full page holds 49 below the "continued" label; two spare lines
CHARS_PER_LINE = 44  # a column fits about 55 average characters; fewer to be safe
FIGURE_SPACE = "\u2007"  # as wide as a digit, so the numbers line up on the right
MAX_ENTRY_CHARS = 160  # anything longer is cut: a name and a city never need more

_SPACES = re.compile(r"\s+")


def signer_line(number: int, width: int, name: str, city: str) -> str:
    text = _SPACES.sub(" ", f"{name}, {city}" if city else name).strip()
    if len(text) > MAX_ENTRY_CHARS:
        text = text[: MAX_ENTRY_CHARS - 1] + "…"
    return f"{str(number).rjust(width, FIGURE_SPACE)}. {text}"


def line_count(line: str) -> int:
    return 1 + (len(line) - 1) // CHARS_PER_LINE


def signer_pages(signers: Iterable[dict], total_hint: int = 0) -> list[list[str]]:
    """Pages, each a list of (at most two) column texts, lines joined by newlines."""
    width = len(str(max(total_hint, 1)))
    pages: list[list[str]] = []
    columns: list[list[str]] = [[]]
    used = 0

    def capacity() -> int:
        return LINES_FIRST_PAGE if not pages else LINES_PER_PAGE

    for number, signer in enumerate(signers, start=1):
        if number >= 10**width:  # more signers than the hint said: widen from here on
            width += 1
        line = signer_line(number, width, signer["name"], signer["city"] or "")
        height = line_count(line)
        if used + height > capacity():
            if len(columns) == 2:
                pages.append(["\n".join(c) for c in columns])
                columns = [[]]
            else:
                columns.append([])
            used = 0
        columns[-1].append(line)
        used += height
    if columns[0]:
        pages.append(["\n".join(c) for c in columns])
    return pages
