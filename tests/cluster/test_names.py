from __future__ import annotations

from cluster.api import names


def test_subdomain_message_matches_apimachinery() -> None:
    assert names.dns1123_subdomain("Bad_Name") == [
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
        "characters, '-' or '.', and must start and end with an alphanumeric "
        "character (e.g. 'example.com', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    ]


def test_label_message_keeps_the_double_space_before_or() -> None:
    (message,) = names.dns1123_label("Web")
    assert "(e.g. 'my-name',  or '123-abc', regex used" in message


def test_label_with_dots_says_so() -> None:
    assert names.dns1123_label("a.b") == ["must not contain dots"]


def test_too_long_names() -> None:
    assert names.dns1123_label("a" * 64) == ["must be no more than 63 characters"]
    assert names.dns1123_subdomain("a" * 253) == []


def test_dns1035_requires_a_leading_letter() -> None:
    assert names.dns1035_label("web") == []
    assert names.dns1035_label("1web")[0].startswith("a DNS-1035 label must")
