"""Reading the engine's event stream (plain dicts; see ``cluster.events``)."""

from __future__ import annotations

from typing import Any


def is_kube_event(event: dict[str, Any]) -> bool:
    """A Kubernetes Event being recorded, a line of `kubectl get events -w`."""
    return (
        event.get("type") == "object"
        and event.get("kind") == "Event"
        and event.get("verb") in ("ADDED", "MODIFIED")
        and isinstance(event.get("view"), dict)
    )


def event_row(event: dict[str, Any]) -> dict[str, Any]:
    """The Event's view plus ``at``, the simulated second it was recorded.

    The view's ``lastSeen`` is a calendar timestamp; the event log shows time
    since the cluster started, like the clock on the page.
    """
    return {**event["view"], "at": event.get("time")}


def is_console_output(event: dict[str, Any]) -> bool:
    """A console entry, or a line from a running ``kubectl get -w``."""
    kind = event.get("type")
    return kind == "console" or (kind == "watchline" and "line" in event)
