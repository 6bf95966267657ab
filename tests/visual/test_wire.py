"""What may cross the channel layer, and the names used on it."""

from __future__ import annotations

import math

import pytest

from visual.lib.names import cluster_group, cluster_inbox
from visual.lib.wire import NotPlain, plain


def test_plain_keeps_json_data_and_turns_tuples_into_lists():
    value = {"a": [1, 2.5, "x", None, True], "b": {"c": (1, 2)}}
    assert plain(value) == {"a": [1, 2.5, "x", None, True], "b": {"c": [1, 2]}}


@pytest.mark.parametrize(
    "value",
    [{1: "int key"}, {"s": {1, 2}}, {"f": math.nan}, {"f": math.inf}, {"b": b"x"}],
    ids=["int-key", "set", "nan", "inf", "bytes"],
)
def test_plain_rejects_what_json_or_msgpack_would_change(value):
    with pytest.raises(NotPlain):
        plain(value)


def test_plain_names_where_the_problem_is():
    with pytest.raises(NotPlain, match=r"message\.pods\[1\] is a set"):
        plain({"pods": [1, {2}]})


def test_names_are_valid_channel_layer_names():
    key = "0123456789abcdef0123456789abcdef"
    assert cluster_group(key) == f"cluster.{key}"
    assert cluster_inbox(key) == f"simhost.inbox.{key}"


@pytest.mark.parametrize("key", ["", "a b", "x" * 100, "é"], ids=str)
def test_names_reject_what_channels_would_reject(key):
    with pytest.raises(ValueError):
        cluster_group(key)
