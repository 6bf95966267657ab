"""``kubectl describe namespace`` (describe.go describeNamespace)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.describe.policy import quota_section
from cluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    labels_multiline,
)
from cluster.kubectl.timefmt import rfc1123z

Obj = dict[str, Any]


def describe_namespace(api: Any, namespace: Obj, now: datetime) -> str:
    meta, status = namespace["metadata"], namespace.get("status", {})
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta['name']}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    w.write(0, f"Status:\t{status.get('phase', '')}\n")
    _conditions(w, status.get("conditions") or [])
    w.write(0, "\n")
    quota_section(w, _list(api, "resourcequotas", meta["name"]))
    if not _list(api, "limitranges", meta["name"]):
        w.write(0, "\n")
        w.write(0, "No LimitRange resource.\n")
    return w.getvalue()


def _conditions(w: PrefixWriter, conditions: list[Obj]) -> None:
    if not conditions:
        return
    w.write(0, "Conditions:\n")
    w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
    w.write(1, "----\t------\t------------------\t------\t-------\n")
    for c in conditions:
        w.write(
            1,
            f"{c.get('type')}\t{c.get('status')}\t"
            f"{rfc1123z(c.get('lastTransitionTime'))}\t{c.get('reason', '')}\t"
            f"{c.get('message', '')}\n",
        )


def _list(api: Any, plural: str, namespace: str) -> list[Obj]:
    """Objects of a namespaced type; none while the simulation lacks the type."""
    try:
        return list(api.list(plural, namespace))
    except (KeyError, StatusError):
        return []
