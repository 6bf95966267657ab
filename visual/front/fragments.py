"""Frames the consumer sends: JSON for the diagram, HTML for the panels.

The panels are rendered here, on the server, and swapped in by htmx out of
band; the diagram module reads the JSON frames. Both come from the same delta.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from visual.lib.engine_events import event_row, is_console_output, is_kube_event

Frame = dict[str, Any]


def snapshot_frame(event: dict[str, Any]) -> Frame:
    fields = ("stream", "seq", "time", "paused", "speed", "cluster", "timeline")
    return {"t": "snapshot", **{name: event[name] for name in fields}}


def delta_frame(stream: str, delta: dict[str, Any]) -> Frame:
    fields = ("seq", "time", "events")
    return {"t": "delta", "stream": stream, **{name: delta[name] for name in fields}}


def clock_frame(event: dict[str, Any]) -> Frame:
    return {"t": "clock", **{name: event[name] for name in ("time", "paused", "speed")}}


def snapshot_html(event: dict[str, Any]) -> str:
    """Both panels in full, replacing whatever the page showed."""
    context = {"events": event["events"], "entries": event["console"]}
    return render_to_string("front/_panels_reset.html", context)


def delta_html(delta: dict[str, Any]) -> str:
    """New event-log rows and console entries, appended; '' if there are none."""
    events = [event_row(e) for e in delta["events"] if is_kube_event(e)]
    entries = [e for e in delta["events"] if is_console_output(e)]
    if not events and not entries:
        return ""
    return render_to_string(
        "front/_panels_append.html", {"events": events, "entries": entries}
    )


def error_html(text: str) -> str:
    return render_to_string("front/_console_error.html", {"message": text})
