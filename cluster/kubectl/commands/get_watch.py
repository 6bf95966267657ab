"""``kubectl get -w|--watch-only [--output-watch-events]`` (``get.go`` watch).

kubectl prints the current table (not with ``--watch-only``), then one row
per later change of a matching object, without repeating the header; a
watch that printed no table yet prints the header with its first row.
``--output-watch-events`` puts an EVENT column (ADDED, MODIFIED, DELETED)
first. kubectl's tabwriter remembers column widths across flushes
(``RememberWidths``), so later rows line up with the table above them unless
a cell is wider. The rows after the first arrive through a console watch
session (``cluster.consolewatch``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cluster.api.resources import ResourceType
from cluster.api.selectors import parse_label_selector
from cluster.consolewatch import WatchSession
from cluster.kubectl.command import Invocation
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.printers.table import TableOptions, render
from cluster.kubectl.selection import Found, fetch, select
from cluster.kubectl.tabwriter import TABLE

Obj = dict[str, Any]
MINWIDTH, PADDING = TABLE
# tableprinter.go formattedEventType: padded so rows line up regardless.
EVENT_TYPES = {"ADDED": "ADDED   ", "MODIFIED": "MODIFIED", "DELETED": "DELETED "}


@dataclass
class WatchPrinter:
    """The table printer and tabwriter of one watch."""

    rt: ResourceType
    options: TableOptions
    events: bool  # --output-watch-events
    headers_printed: bool = False
    widths: list[int] = field(default_factory=list)

    def print(self, pairs: list[tuple[str, Obj]], inv: Invocation) -> str:
        """Rows for (event type, object) pairs, as one tabwriter flush."""
        options = self.options
        if self.headers_printed:
            options = TableOptions(**{**options.__dict__, "no_headers": True})
        text = render(self.rt, [obj for _, obj in pairs], options, inv.now())
        lines = text.rstrip("\n").split("\n") if text else []
        if self.events and lines:
            lines = _with_events(lines, [event for event, _ in pairs], options)
        self.headers_printed = self.headers_printed or bool(lines)
        return "".join(self._layout(line.split("\t")) for line in self._grow(lines))

    def _grow(self, lines: list[str]) -> list[str]:
        for line in lines:
            for j, cell in enumerate(line.split("\t")[:-1]):
                width = max(MINWIDTH, len(cell) + PADDING)
                if j >= len(self.widths):
                    self.widths.append(width)
                self.widths[j] = max(self.widths[j], width)
        return lines

    def _layout(self, cells: list[str]) -> str:
        padded = [c.ljust(w) for c, w in zip(cells[:-1], self.widths, strict=False)]
        return "".join(padded) + cells[-1] + "\n"


def _with_events(
    lines: list[str], events: list[str], options: TableOptions
) -> list[str]:
    header = [] if options.no_headers else ["EVENT\t" + lines[0]]
    rows = lines[len(header) :]
    return header + [
        f"{EVENT_TYPES.get(event, event)}\t{row}"
        for event, row in zip(events, rows, strict=True)
    ]


def run(inv: Invocation, output: str) -> list[Error]:
    if output not in ("", "wide"):
        raise KubectlError(
            f'watching with output format "{output}" is not supported by this '
            "simulated cluster yet"
        )
    all_ns = bool(inv.opt("all-namespaces"))
    selection = select(inv.args, all_namespaces=all_ns)
    found, errors = fetch(
        inv.ctx.api, selection, inv.namespace, all_ns,
        inv.opt("selector"), inv.opt("field-selector"),
    )  # fmt: skip
    if errors:
        return errors
    if len({t.rt for t in selection.targets}) > 1:
        raise KubectlError(
            "watch is only supported on individual resources and resource "
            f"collections, but {len(found)} resources were found"
        )
    _start(inv, selection.targets[0].rt, found, selection.targets[0].name)
    return []


def _start(
    inv: Invocation, rt: ResourceType, found: list[Found], name: str | None
) -> None:
    printer = WatchPrinter(rt, _options(inv, rt), bool(inv.opt("output-watch-events")))
    if not inv.opt("watch-only"):
        inv.io.out(printer.print([("ADDED", f.obj) for f in found], inv))
    session = inv.ctx.watches.open(inv.ctx.line)
    session.cancel = inv.ctx.api.watch(
        rt.plural,
        _handler(inv, printer, session),
        actor="kubectl",
        namespace=_namespace(inv, rt),
        field_selector=_fields(inv, name),
    )


def _options(inv: Invocation, rt: ResourceType) -> TableOptions:
    return TableOptions(
        wide=inv.opt("output") == "wide",
        with_namespace=bool(inv.opt("all-namespaces")) and rt.namespaced,
        show_labels=bool(inv.opt("show-labels")),
        label_columns=tuple(inv.opt("label-columns")),
        no_headers=bool(inv.opt("no-headers")),
    )


def _namespace(inv: Invocation, rt: ResourceType) -> str | None:
    if not rt.namespaced or inv.opt("all-namespaces"):
        return None
    return inv.namespace


def _fields(inv: Invocation, name: str | None) -> str | None:
    parts = [inv.opt("field-selector") or ""]
    if name:
        parts.append(f"metadata.name={name}")
    return ",".join(p for p in parts if p) or None


def _handler(inv: Invocation, printer: WatchPrinter, session: WatchSession) -> Any:
    matches = parse_label_selector(inv.opt("selector"))

    def handle(verb: str, obj: Obj) -> None:
        if matches(obj):
            inv.ctx.watches.emit(session, printer.print([(verb, obj)], inv))

    return handle
