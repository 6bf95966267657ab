"""Template filters for simulated quantities."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def simtime(seconds: float | int | None) -> str:
    """Simulated seconds as ``m:ss`` or ``h:mm:ss``, as a clock on the page."""
    if not isinstance(seconds, int | float) or seconds < 0:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
