"""``kubectl events`` (``pkg/cmd/events``, kubectl v1.35).

Unlike ``kubectl get events`` (the server's order: by event name), this
sorts the events by when they last happened (with Go's unstable
``sort.Sort``, so ties fall as they do for kubectl), and prints ``Kind/name``
objects and a LAST SEEN that reads ``4s (x3 over 12s)`` for repeats.
``--for TYPE/NAME`` asks the server for one object's events (a field
selector on its kind, apiVersion and name); ``--types`` keeps only Normal
or Warning events.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cluster.api import resources
from cluster.api.resources import ResourceType
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import OUTPUT_FLAG, go_list, refuse_unsupported
from cluster.kubectl.commands.printflags import check_output
from cluster.kubectl.errors import AggregateError, Error, KubectlError
from cluster.kubectl.gosort import go_sort
from cluster.kubectl.printers.objects import print_object
from cluster.kubectl.tabwriter import TABLE, TabWriter
from cluster.kubectl.timefmt import parse_timestamp, since

Obj = dict[str, Any]
_EPOCH = datetime.fromisoformat("0001-01-01T00:00:00+00:00")


def run(inv: Invocation) -> list[Error]:
    if inv.args:
        return [usage_error(inv.path, f"Unexpected args: {go_list(inv.args)}")]
    refuse_unsupported(inv, ("watch",))
    selector = _for_selector(inv.opt("for") or "")
    _validate_types(inv.opt("types"))
    all_ns = bool(inv.opt("all-namespaces"))
    namespace = None if all_ns else inv.namespace
    events = inv.ctx.api.list("events", namespace, field_selector=selector)
    events = [e for e in events if _wanted(inv.opt("types"), e)]
    if not events:
        where = "." if all_ns else f" in {inv.namespace} namespace."
        inv.io.err(f"No events found{where}\n")
        return []
    events = go_sort(events, lambda a, b: event_time(a) < event_time(b))
    _print(inv, events, all_ns)
    return []


def _for_selector(text: str) -> str | None:
    """``decodeResourceTypeName``: ``--for`` must be TYPE/NAME."""
    if not text:
        return None
    if "/" not in text:
        raise KubectlError("--for must be in resource/name form")
    parts = text.split("/")
    if len(parts) != 2:
        raise KubectlError(
            "arguments in resource/name form may not have more than one slash"
        )
    rt = _resource_for(parts[0].lower())
    return (
        f"involvedObject.kind={rt.kind},involvedObject.apiVersion={rt.api_version},"
        f"involvedObject.name={parts[1]}"
    )


def _resource_for(name: str) -> ResourceType:
    try:
        return resources.lookup(name)
    except KeyError:
        # A NoResourceMatchError: checkErr prints it with no "error: " prefix.
        shown = name.partition(".")[0]
        raise AggregateError(
            [f'the server doesn\'t have a resource type "{shown}"']
        ) from None


def _validate_types(types: list[str]) -> None:
    for value in types:
        if value.casefold() not in ("normal", "warning"):
            raise KubectlError("valid --types are Normal or Warning")


def _wanted(types: list[str], event: Obj) -> bool:
    wanted = {t.casefold() for t in types}
    return not wanted or str(event.get("type", "")).casefold() in wanted


def event_time(event: Obj) -> datetime:
    """``eventTime``: the series' last observation, else lastTimestamp, else
    eventTime; what ``kubectl events`` sorts by."""
    series = event.get("series") or {}
    stamp = (
        series.get("lastObservedTime")
        if series
        else event.get("lastTimestamp") or event.get("eventTime")
    )
    return parse_timestamp(stamp) if stamp else _EPOCH


def interval(event: Obj, now: datetime) -> str:
    """``getInterval``: when it first happened, or ``4s (x3 over 12s)``."""
    first = (
        since(event["eventTime"], now)
        if event.get("eventTime")
        else since(event.get("firstTimestamp"), now)
    )
    series = event.get("series")
    if series:
        last = since(series.get("lastObservedTime"), now)
        return f"{last} (x{series.get('count', 0)} over {first})"
    count = int(event.get("count") or 0)
    if count > 1:
        return f"{since(event.get('lastTimestamp'), now)} (x{count} over {first})"
    return first


def row(event: Obj, now: datetime, all_namespaces: bool) -> str:
    involved = event.get("involvedObject") or {}
    cells = [
        interval(event, now),
        str(event.get("type", "")),
        str(event.get("reason", "")),
        f"{involved.get('kind', '')}/{involved.get('name', '')}",
        str(event.get("message", "")).strip(),
    ]
    if all_namespaces:
        cells.insert(0, str(event["metadata"].get("namespace", "")))
    return "\t".join(cells) + "\n"


def _print(inv: Invocation, events: list[Obj], all_ns: bool) -> None:
    output = inv.opt("output") or ""
    if output:
        _print_list(inv, events, output)
        return
    tw = TabWriter(*TABLE)
    if not inv.opt("no-headers"):
        tw.write(("NAMESPACE\t" if all_ns else "") + _HEADERS)
    now = inv.now()
    tw.write("".join(row(e, now, all_ns) for e in events))
    inv.io.out(tw.getvalue())


def _print_list(inv: Invocation, events: list[Obj], output: str) -> None:
    check_output(output, ("json", "yaml"))
    event_list = {"kind": "EventList", "apiVersion": "v1", "metadata": {}}
    print_object(inv.io, {**event_list, "items": events}, output)


_HEADERS = "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n"

COMMAND = Command(
    "events",
    (
        OUTPUT_FLAG,
        Flag("for"),
        Flag("types", "", "strings"),
        Flag("all-namespaces", "A", "bool", False),
        Flag("no-headers", "", "bool", False),
        Flag("watch", "w", "bool", False),
        Flag("chunk-size", "", "int", 500),
        Flag("allow-missing-template-keys", "", "bool", True),
        Flag("show-managed-fields", "", "bool", False),
        Flag("template"),
    ),
    run,
)
