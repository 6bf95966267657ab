"""Times as kubectl prints them: ages (``HumanDuration``) and RFC 1123 dates.

Ages follow apimachinery's ``util/duration.HumanDuration``; describe prints
dates with Go's ``time.RFC1123Z`` layout in UTC (kubectl uses the local zone
of the machine it runs on; the simulation's machine is on UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime

_UNKNOWN = "<unknown>"


def human_duration(seconds: float) -> str:
    """``duration.HumanDuration``: ``45s``, ``5m2s``, ``3h30m``, ``2d5h``, ``2y70d``."""
    whole = int(seconds)  # Go truncates toward zero
    if whole < -1:
        return "<invalid>"
    if whole < 0:
        return "0s"
    if whole < 120:
        return f"{whole}s"
    minutes = whole // 60
    if minutes < 10:
        rest = whole % 60
        return f"{minutes}m" if rest == 0 else f"{minutes}m{rest}s"
    if minutes < 180:
        return f"{minutes}m"
    return _hours_and_up(whole // 3600, minutes % 60)


def _hours_and_up(hours: int, minutes: int) -> str:
    if hours < 8:
        return f"{hours}h" if minutes == 0 else f"{hours}h{minutes}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        rest = hours % 24
        return f"{hours // 24}d" if rest == 0 else f"{hours // 24}d{rest}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        days = (hours // 24) % 365
        years = hours // 24 // 365
        return f"{years}y" if days == 0 else f"{years}y{days}d"
    return f"{hours // 24 // 365}y"


def parse_timestamp(timestamp: str) -> datetime:
    """An RFC 3339 timestamp as Kubernetes writes them (``2026-01-05T09:00:03Z``)."""
    text = timestamp.replace("Z", "+00:00")
    return datetime.fromisoformat(text).astimezone(UTC)


def since(timestamp: str | None, now: datetime) -> str:
    """``translateTimestampSince``: the age of ``timestamp``, ``<unknown>`` if unset."""
    if not timestamp:
        return _UNKNOWN
    return human_duration((now - parse_timestamp(timestamp)).total_seconds())


def rfc1123z(timestamp: str | None) -> str:
    """Go's ``time.RFC1123Z`` (``Mon, 05 Jan 2026 09:00:03 +0000``) of a timestamp.

    An unset time prints Go's zero time, as kubectl does for a nil-safe field.
    """
    if not timestamp:
        return "Mon, 01 Jan 0001 00:00:00 +0000"
    t = parse_timestamp(timestamp)
    # Go's layouts are locale-free; strftime's %a/%b are not.
    day, month = _DAYS[t.weekday()], _MONTHS[t.month - 1]
    return f"{day}, {t.day:02d} {month} {t.year:04d} {t:%H:%M:%S} +0000"


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


_UNITS = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "μs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
}


def parse_duration(text: str) -> float:
    """Go's ``time.ParseDuration`` (``35s``, ``1m30s``, ``1.5h``), in seconds.

    Raises ValueError with Go's message, e.g. ``time: missing unit in duration "10"``.
    """
    rest, sign = text, 1.0
    if rest[:1] in ("-", "+"):
        sign, rest = (-1.0 if rest[0] == "-" else 1.0), rest[1:]
    if rest == "0":
        return 0.0
    if not rest:
        raise ValueError(f'time: invalid duration "{text}"')
    total = 0.0
    while rest:
        number, rest = _leading_number(rest, text)
        unit = ""
        while rest and not (rest[0] == "." or rest[0].isdigit()):
            unit, rest = unit + rest[0], rest[1:]
        if not unit:
            raise ValueError(f'time: missing unit in duration "{text}"')
        if unit not in _UNITS:
            raise ValueError(f'time: unknown unit "{unit}" in duration "{text}"')
        total += number * _UNITS[unit]
    return sign * total


def _leading_number(rest: str, text: str) -> tuple[float, str]:
    digits = ""
    while rest and (rest[0].isdigit() or rest[0] == "."):
        digits, rest = digits + rest[0], rest[1:]
    if digits.count(".") > 1 or digits in ("", "."):
        raise ValueError(f'time: invalid duration "{text}"')
    return float(digits), rest
