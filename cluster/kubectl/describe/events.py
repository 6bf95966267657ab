"""The ``Events:`` section every describer ends with (describe.go DescribeEvents)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.describe.writer import PrefixWriter
from cluster.kubectl.timefmt import parse_timestamp, since

Obj = dict[str, Any]


def search_events(
    api: Any, *, name: str, namespace: str, uid: str | None, kind: str | None = None
) -> list[Obj]:
    """``searchEvents``: events about one object, by field selector.

    An empty ``namespace`` searches every namespace, as the events client does
    for a cluster-scoped object, and matches only events whose involved object
    has no namespace.
    """
    fields = [f"involvedObject.name={name}", f"involvedObject.namespace={namespace}"]
    if kind:
        fields.append(f"involvedObject.kind={kind}")
    if uid:
        fields.append(f"involvedObject.uid={uid}")
    try:
        return list(
            api.list("events", namespace or None, field_selector=",".join(fields))
        )
    except StatusError:
        return []


def describe_events(w: PrefixWriter, events: list[Obj], now: datetime) -> None:
    if not events:
        w.write(0, "Events:\t<none>\n")
        return
    w.flush()
    # Go's sort.Sort by lastTimestamp; it is a stable insertion sort for the
    # short lists describe shows (fewer than 13 events).
    ordered = sorted(events, key=_last_timestamp)
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(1, "----\t------\t----\t----\t-------\n")
    for event in ordered:
        w.write(
            1,
            "\t".join(
                [
                    event.get("type", ""),
                    event.get("reason", ""),
                    _interval(event, now),
                    _source(event),
                    _message(event),
                ]
            )
            + "\n",
        )


def _last_timestamp(event: Obj) -> datetime:
    stamp = event.get("lastTimestamp")
    return parse_timestamp(stamp) if stamp else datetime.min.replace(tzinfo=UTC)


def _interval(event: Obj, now: datetime) -> str:
    first = (
        since(event.get("eventTime"), now)
        if event.get("eventTime")
        else since(event.get("firstTimestamp"), now)
    )
    series = event.get("series")
    if series:
        return (
            f"{since(series.get('lastObservedTime'), now)} "
            f"(x{series.get('count', 0)} over {first})"
        )
    if (event.get("count") or 0) > 1:
        return (
            f"{since(event.get('lastTimestamp'), now)} (x{event['count']} over {first})"
        )
    return first


def _source(event: Obj) -> str:
    return (
        (event.get("source") or {}).get("component")
        or event.get("reportingComponent")
        or ""
    )


def _message(event: Obj) -> str:
    message = str(event.get("message", "")).strip()
    field_path = event.get("involvedObject", {}).get("fieldPath")
    return f"{field_path}: {message}" if field_path else message
