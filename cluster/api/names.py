"""Name validation with apimachinery's exact messages (``util/validation``)."""

from __future__ import annotations

import re

DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS1123_SUBDOMAIN = rf"{DNS1123_LABEL}(\.{DNS1123_LABEL})*"
DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?"

_LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric "
    "characters or '-', and must start and end with an alphanumeric "
    "character"
)
_SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case "
    "alphanumeric characters, '-' or '.', and must start and end "
    "with an alphanumeric character"
)
_DNS1035_MSG = (
    "a DNS-1035 label must consist of lower case alphanumeric "
    "characters or '-', start with an alphabetic character, and end "
    "with an alphanumeric character"
)


def dns1123_label(value: str) -> list[str]:
    errors = _too_long(value, 63)
    if not re.fullmatch(DNS1123_LABEL, value):
        if re.fullmatch(DNS1123_SUBDOMAIN, value):
            return errors + ["must not contain dots"]
        errors.append(_regex_error(_LABEL_MSG, DNS1123_LABEL, "my-name", "123-abc"))
    return errors


def dns1123_subdomain(value: str) -> list[str]:
    errors = _too_long(value, 253)
    if not re.fullmatch(DNS1123_SUBDOMAIN, value):
        errors.append(_regex_error(_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN, "example.com"))
    return errors


def dns1035_label(value: str) -> list[str]:
    errors = _too_long(value, 63)
    if not re.fullmatch(DNS1035_LABEL, value):
        errors.append(_regex_error(_DNS1035_MSG, DNS1035_LABEL, "my-name", "abc-123"))
    return errors


def _too_long(value: str, limit: int) -> list[str]:
    return [f"must be no more than {limit} characters"] if len(value) > limit else []


def _regex_error(msg: str, regex: str, *examples: str) -> str:
    # RegexError joins examples with ", " after each, then "or": the double
    # space before "or" is in the real message.
    shown = "'" + examples[0] + "'"
    if len(examples) > 1:
        shown += ",  or " + ", ".join(f"'{e}'" for e in examples[1:])
    return f"{msg} (e.g. {shown}, regex used for validation is '{regex}')"
