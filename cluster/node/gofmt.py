"""Go's ``time.Duration.String()``, as kubelet messages print durations.

``1.393s``, ``830ms``, ``1m20s``, ``5m0s``: the kubelet formats with ``%v``,
so a simulated duration must print the way Go prints it.
"""

from __future__ import annotations

_NS = {"s": 10**9, "ms": 10**6, "µs": 10**3}


def truncate_ms(seconds: float) -> float:
    """``Duration.Truncate(time.Millisecond)``."""
    return int(round(seconds * 10**6) // 1000) / 1000


def go_duration(seconds: float) -> str:
    nanos = round(seconds * 10**9)
    sign, nanos = ("-", -nanos) if nanos < 0 else ("", nanos)
    if nanos == 0:
        return "0s"
    if nanos < _NS["s"]:
        return sign + _small(nanos)
    return sign + _large(nanos)


def _small(nanos: int) -> str:
    for unit in ("ms", "µs"):
        if nanos >= _NS[unit]:
            return _fraction(nanos, _NS[unit]) + unit
    return f"{nanos}ns"


def _large(nanos: int) -> str:
    hours, rest = divmod(nanos, 3600 * _NS["s"])
    minutes, rest = divmod(rest, 60 * _NS["s"])
    text = _fraction(rest, _NS["s"]) + "s"
    if hours:
        return f"{hours}h{minutes}m{text}"
    return f"{minutes}m{text}" if minutes else text


def _fraction(value: int, unit: int) -> str:
    whole, frac = divmod(value, unit)
    if not frac:
        return str(whole)
    digits = str(frac).rjust(len(str(unit)) - 1, "0").rstrip("0")
    return f"{whole}.{digits}"
