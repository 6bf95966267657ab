from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from visual.lib import env


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("On", True), ("0", False), ("no", False)],
    ids=["1", "true", "On", "0", "no"],
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("PH_FLAG", raw)
    assert env.env_bool("PH_FLAG", not expected) is expected


@pytest.mark.parametrize(
    ("reader", "raw"),
    [(env.env_bool, "maybe"), (env.env_int, "ten"), (env.env_float, "fast")],
    ids=["bool", "int", "float"],
)
def test_env_readers_fail_loudly_naming_the_variable(monkeypatch, reader, raw):
    monkeypatch.setenv("PH_VALUE", raw)
    with pytest.raises(ImproperlyConfigured, match="PH_VALUE"):
        reader("PH_VALUE", 0)


def test_env_str_without_default_must_be_set(monkeypatch):
    monkeypatch.delenv("PH_MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="Set the PH_MISSING"):
        env.env_str("PH_MISSING")


def test_defaults_apply_when_unset(monkeypatch):
    monkeypatch.delenv("PH_UNSET", raising=False)
    assert env.env_int("PH_UNSET", 7) == 7
    assert env.env_float("PH_UNSET", 0.5) == 0.5
    assert env.env_list("PH_UNSET", ["a"]) == ["a"]
    assert env.env_path("PH_UNSET", Path("/x")) == Path("/x")


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("PH_HOSTS", " a.example , b.example,, ")
    assert env.env_list("PH_HOSTS", []) == ["a.example", "b.example"]
