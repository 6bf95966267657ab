"""Warnings kube-apiserver sends with its answers, which kubectl prints on
stderr (``Warning: ...``) once each, before the output they came with.

v1 Endpoints are deprecated in v1.33+: every request for them carries one.
The simulated server does not send headers, so kubectl works out from the
resource arguments which requests it is about to make.
"""

from __future__ import annotations

from collections.abc import Sequence

from cluster.api import resources

DEPRECATED = {
    "endpoints": "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 "
    "EndpointSlice",
}
TYPED_COMMANDS = ("get", "describe", "delete", "label", "annotate", "edit", "patch")


def request_warnings(command: str, args: Sequence[str]) -> list[str]:
    """The warnings the requests for these resource arguments bring back."""
    if command not in TYPED_COMMANDS:
        return []
    found: list[str] = []
    for arg in args:
        for word in arg.split("/")[0].split(","):
            text = DEPRECATED.get(_plural(word))
            if text and text not in found:
                found.append(text)
        if "/" not in arg:
            break  # ``get ep name``: only the first word names types
    return found


def _plural(word: str) -> str:
    try:
        return resources.lookup(word).plural
    except KeyError:
        return ""
