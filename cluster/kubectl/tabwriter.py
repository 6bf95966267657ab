"""Go's ``text/tabwriter`` with left alignment and space padding.

kubectl aligns every table and every ``describe`` with it, so columns line up
exactly as they do in a real terminal only if the same algorithm lays them
out: a column block is a run of consecutive lines that have a cell in that
column, its width is the widest cell plus padding (at least ``minwidth``), and
the last cell of a line never belongs to a column.
"""

from __future__ import annotations

# kubectl's table printer (cli-runtime printers/tabwriter.go): minwidth 6,
# padding 3. ``describe`` (describe.go tabbedString): minwidth 0, padding 2.
TABLE = (6, 3)
DESCRIBE = (0, 2)


class TabWriter:
    """Buffers tab-separated text; ``flush`` lays out what is buffered."""

    def __init__(self, minwidth: int, padding: int) -> None:
        self.minwidth = minwidth
        self.padding = padding
        self._pending = ""
        self._out: list[str] = []

    def write(self, text: str) -> None:
        self._pending += text

    def flush(self) -> None:
        if self._pending:
            self._out.append(layout(self._pending, self.minwidth, self.padding))
            self._pending = ""

    def getvalue(self) -> str:
        self.flush()
        return "".join(self._out)


def layout(text: str, minwidth: int, padding: int) -> str:
    """Align ``text`` the way one tabwriter Write plus Flush would."""
    lines = [line.split("\t") for line in text.split("\n")]
    out: list[str] = []
    _format(lines, 0, len(lines), [], out, minwidth, padding)
    return "".join(out)


def _format(
    lines: list[list[str]],
    line0: int,
    line1: int,
    widths: list[int],
    out: list[str],
    minwidth: int,
    padding: int,
) -> None:
    column = len(widths)
    this = line0
    while this < line1:
        if column >= len(lines[this]) - 1:
            this += 1
            continue
        _write_lines(lines, line0, this, widths, out)
        line0 = this
        width = minwidth
        while this < line1 and column < len(lines[this]) - 1:
            width = max(width, len(lines[this][column]) + padding)
            this += 1
        _format(lines, line0, this, [*widths, width], out, minwidth, padding)
        line0 = this
    _write_lines(lines, line0, line1, widths, out)


def _write_lines(
    lines: list[list[str]], line0: int, line1: int, widths: list[int], out: list[str]
) -> None:
    for i in range(line0, line1):
        for j, cell in enumerate(lines[i]):
            out.append(cell)
            if j < len(widths):
                out.append(" " * (widths[j] - len(cell)))
        # The text after the last newline is an unterminated line: no newline.
        if i + 1 < len(lines):
            out.append("\n")
