"""Ages and dates as kubectl prints them (apimachinery duration.HumanDuration)."""

from __future__ import annotations

import pytest

from cluster.kubectl.timefmt import human_duration, parse_duration, rfc1123z

DAY = 86400


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        pytest.param(-5, "<invalid>", id="clock-skew-beyond-tolerance"),
        pytest.param(-1.5, "0s", id="small-skew-is-now"),
        pytest.param(0, "0s", id="zero"),
        pytest.param(45.9, "45s", id="truncates"),
        pytest.param(119, "119s", id="under-two-minutes"),
        pytest.param(120, "2m", id="two-minutes"),
        pytest.param(302, "5m2s", id="minutes-and-seconds"),
        pytest.param(600, "10m", id="ten-minutes-drops-seconds"),
        pytest.param(3 * 3600 - 1, "179m", id="under-three-hours"),
        pytest.param(3 * 3600, "3h", id="three-hours"),
        pytest.param(3 * 3600 + 1800, "3h30m", id="hours-and-minutes"),
        pytest.param(8 * 3600 + 1800, "8h", id="eight-hours-drops-minutes"),
        pytest.param(53 * 3600, "2d5h", id="days-and-hours"),
        pytest.param(8 * DAY, "8d", id="eight-days"),
        pytest.param(800 * DAY, "2y70d", id="years-and-days"),
        pytest.param(365 * 9 * DAY, "9y", id="many-years"),
    ],
)
def test_human_duration(seconds: float, expected: str) -> None:
    assert human_duration(seconds) == expected


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("35s", 35),
        ("1m30s", 90),
        ("1.5h", 5400),
        ("500ms", 0.5),
        ("0", 0),
        ("2h45m", 9900),
    ],
    ids=[
        "seconds",
        "minutes-seconds",
        "fractional-hours",
        "millis",
        "zero",
        "hours-minutes",
    ],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("35", 'time: missing unit in duration "35"'),
        ("3d", 'time: unknown unit "d" in duration "3d"'),
        ("", 'time: invalid duration ""'),
        ("s", 'time: invalid duration "s"'),
    ],
    ids=["no-unit", "unknown-unit", "empty", "no-number"],
)
def test_parse_duration_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(") + "$"):
        parse_duration(text)


def test_rfc1123z_is_gos_layout() -> None:
    assert rfc1123z("2026-01-05T09:00:03Z") == "Mon, 05 Jan 2026 09:00:03 +0000"
