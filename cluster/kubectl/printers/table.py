"""The human-readable table of ``kubectl get`` (cli-runtime ``tableprinter.go``).

Rows are tab-separated here and aligned by the caller's tabwriter, so that
several tables in one command are laid out as kubectl lays them out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cluster.api.resources import ResourceType
from cluster.kubectl.printers.columns import Column, columns_for

Obj = dict[str, Any]
_LINE_BREAK = re.compile(r"[\f\n\r]")


@dataclass(frozen=True)
class TableOptions:
    wide: bool = False
    with_namespace: bool = False
    with_kind: bool = False
    show_labels: bool = False
    label_columns: tuple[str, ...] = ()
    no_headers: bool = False


def kind_prefix(rt: ResourceType) -> str:
    """``pod``, or ``deployment.apps`` for grouped kinds, as ``-o name`` shows."""
    return f"{rt.kind.lower()}.{rt.group}" if rt.group else rt.kind.lower()


def render(
    rt: ResourceType, objs: Sequence[Obj], options: TableOptions, now: datetime
) -> str:
    """The tab-separated header and rows; nothing at all when there are no rows."""
    if not objs:
        return ""
    columns = [c for c in columns_for(rt.kind) if options.wide or not c.wide]
    lines = [] if options.no_headers else [_header(columns, options)]
    lines += [_row(rt, obj, columns, options, now) for obj in objs]
    return "".join(line + "\n" for line in lines)


def format_labels(labels: dict[str, str] | None) -> str:
    """``labels.FormatLabels``: sorted ``k=v`` pairs, or ``<none>``."""
    if not labels:
        return "<none>"
    return ",".join(f"{key}={labels[key]}" for key in sorted(labels))


def _header(columns: list[Column], options: TableOptions) -> str:
    names = [c.header for c in columns]
    names += [label.split("/")[-1].upper() for label in options.label_columns]
    if options.show_labels:
        names.append("LABELS")
    if options.with_namespace:
        names.insert(0, "NAMESPACE")
    return "\t".join(names)


def _row(
    rt: ResourceType,
    obj: Obj,
    columns: list[Column],
    options: TableOptions,
    now: datetime,
) -> str:
    meta = obj.get("metadata", {})
    cells = [_cell(rt, obj, column, options, now) for column in columns]
    labels = meta.get("labels") or {}
    cells += [labels.get(label, "") for label in options.label_columns]
    if options.show_labels:
        cells.append(format_labels(labels))
    if options.with_namespace:
        cells.insert(0, meta.get("namespace", ""))
    return "\t".join(cells)


def _cell(
    rt: ResourceType, obj: Obj, column: Column, options: TableOptions, now: datetime
) -> str:
    text = column.cell(obj, now)
    if column.is_name and options.with_kind:
        text = f"{kind_prefix(rt)}/{text}"
    # kubectl cuts a cell at its first line break so rows stay one line.
    cut = _LINE_BREAK.search(text)
    return text[: cut.start()] + "..." if cut else text
