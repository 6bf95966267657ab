from __future__ import annotations

import pytest

from cluster.api.quantity import FORMAT_ERROR, QuantityError, canonical, parse_quantity

# Cases from apimachinery's quantity_test.go and FIDELITY H.
CANONICAL = [
    ("1.5", "1500m"),
    ("1.5Gi", "1536Mi"),
    ("1024Mi", "1Gi"),
    ("1000M", "1G"),
    (".001Ki", "1024m"),
    ("0.9n", "1n"),
    ("3.001n", "4n"),
    ("500m", "500m"),
    ("1e3", "1e3"),
    ("4Gi", "4Gi"),
    ("512", "512"),
    ("100Mi", "100Mi"),
]


@pytest.mark.parametrize(("text", "expected"), CANONICAL, ids=[c[0] for c in CANONICAL])
def test_canonical_form(text: str, expected: str) -> None:
    assert canonical(parse_quantity(text)) == expected


@pytest.mark.parametrize(
    ("text", "whole", "milli"),
    [
        ("1500m", 2, 1500),
        ("0.0005", 1, 1),
        ("2", 2, 2000),
        ("1Ki", 1024, 1024000),
    ],
    ids=["1500m", "0.0005", "2", "1Ki"],
)
def test_value_and_milli_value_round_up(text: str, whole: int, milli: int) -> None:
    q = parse_quantity(text)
    assert (q.whole(), q.milli()) == (whole, milli)


INVALID = [
    "1.1.M",
    "1+1.0M",
    "0.1mi",
    "0.1am",
    "aoeu",
    ".5i",
    "1i",
    "-3.01i",
    " 1",
    "1 ",
    "",
    ".",
]


@pytest.mark.parametrize("text", INVALID, ids=[repr(t) for t in INVALID])
def test_invalid_quantities_are_rejected_with_apimachinerys_message(text: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(text)
    assert str(info.value) == FORMAT_ERROR
