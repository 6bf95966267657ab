"""How a consumer decides what to forward from a cluster's stream of deltas."""

from __future__ import annotations

import pytest

from visual.front.cursor import Cursor, Verdict


def following(stream: str = "s1", seq: int = 5) -> Cursor:
    cursor = Cursor()
    cursor.reset(stream, seq)
    return cursor


@pytest.mark.parametrize(
    ("stream", "seq", "verdict"),
    [
        ("s1", 6, Verdict.FORWARD),
        ("s1", 5, Verdict.SKIP),
        ("s1", 2, Verdict.SKIP),
        ("s1", 8, Verdict.RESYNC),
        ("s2", 1, Verdict.RESYNC),
    ],
    ids=["next", "repeat", "old", "gap", "other-host"],
)
def test_judge(stream, seq, verdict):
    assert following().judge(stream, seq) is verdict


def test_forwarding_moves_the_cursor():
    cursor = following()
    assert [cursor.judge("s1", n) for n in (6, 7, 7)] == [
        Verdict.FORWARD,
        Verdict.FORWARD,
        Verdict.SKIP,
    ]
    assert cursor.seq == 7


def test_deltas_wait_until_the_host_has_answered():
    cursor = following()
    assert cursor.resync() == {"stream": "s1", "since": 5}
    assert cursor.judge("s1", 6) is Verdict.SKIP


def test_a_new_host_is_stale_only_once_we_follow_another():
    cursor = Cursor()
    assert not cursor.stale("s9")
    cursor.reset("s1", 0)
    assert cursor.stale("s9") and not cursor.stale("s1")


@pytest.mark.parametrize(
    ("query", "stream", "seq"),
    [
        (b"stream=ab12&since=4", "ab12", 4),
        (b"", "", -1),
        (b"stream=ab12", "", -1),
        (b"stream=ab12&since=x", "", -1),
        (b"stream=ab12&since=-3", "", -1),
    ],
    ids=["resume", "fresh", "no-since", "bad-since", "negative"],
)
def test_cursor_from_query_string(query, stream, seq):
    cursor = Cursor.from_query(query)
    assert (cursor.stream, cursor.seq, cursor.waiting) == (stream, seq, True)
