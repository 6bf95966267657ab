"""Writing an attempt's record onto its pod through the API server, as
kube-scheduler-simulator's storereflector does: on the pod's next update
event (the binding, or the failure's status write), the result annotations
are set, plus ``result-history``, a JSON list of every reflected attempt's
annotations, oldest first. A later attempt reflected before that event
replaces the earlier one, as in the simulator's result store.

The API server allows 256 KiB of annotations per object
(TotalAnnotationSizeLimitB). The simulator drops the oldest history entries
until the history alone fits; here they are dropped until everything fits, so
the write is always valid. An attempt too large to record even without
history (thousands of nodes examined) is not written, as a real API server
would refuse it.
"""

from __future__ import annotations

import json
from typing import Any

from cluster.api.errors import StatusError
from cluster.apiserver import APIServer
from cluster.scheduler.explain.annotations import (
    PREFIX,
    RESULT_HISTORY,
    go_object,
    go_string,
    render,
)
from cluster.scheduler.explain.record import AttemptRecord

Obj = dict[str, Any]
TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024


class Reflector:
    def __init__(self, api: APIServer, actor: str) -> None:
        self._api = api
        self._actor = actor
        # pod key -> (uid, the latest attempt not yet written)
        self._pending: dict[str, tuple[str, AttemptRecord]] = {}

    def store(self, key: str, uid: str, record: AttemptRecord) -> None:
        self._pending[key] = (uid, record)

    def on_pod(self, verb: str, key: str, pod: Obj) -> None:
        """UpdateFunc of the simulator's pod informer."""
        found = self._pending.get(key)
        if found is None or verb == "ADDED":
            return
        del self._pending[key]
        uid, record = found
        if verb == "DELETED" or pod["metadata"].get("uid") != uid:
            return
        self._write(pod, record)

    def _write(self, pod: Obj, record: AttemptRecord) -> None:
        annotations = dict(pod["metadata"].get("annotations") or {})
        if not with_results(annotations, render(record)):
            return
        # The watch delivered ``pod`` read-only: update a shallow copy.
        updated = {**pod, "metadata": {**pod["metadata"], "annotations": annotations}}
        try:
            self._api.update(updated, actor=self._actor)
        except StatusError:
            pass  # best effort, as the simulator's retries end too


def with_results(annotations: dict[str, str], results: dict[str, str]) -> bool:
    """Put the results and the extended history into ``annotations``; False
    when even the results alone would not fit."""
    others = {k: v for k, v in annotations.items() if not k.startswith(PREFIX)}
    base = _size(others) + _size(results)
    if base > TOTAL_ANNOTATION_SIZE_LIMIT:
        return False
    budget = TOTAL_ANNOTATION_SIZE_LIMIT - base - len(RESULT_HISTORY)
    history = _history(annotations.get(RESULT_HISTORY), results, budget)
    annotations.clear()
    annotations.update(others)
    annotations.update(results)
    if history:
        annotations[RESULT_HISTORY] = "[" + ",".join(history) + "]"
    return True


def _history(text: str | None, results: dict[str, str], budget: int) -> list[str]:
    """The entries that fit in ``budget``, newest kept; an entry is encoded
    only once it is known to fit."""
    # Escaping only adds: when the raw text does not fit, nothing will.
    if (
        sum(len(k) + len(v) for k, v in results.items()) > budget
        or _encoded_size(results) + 2 > budget
    ):
        return []
    entries = _entries(text)
    entries.append(go_object((k, go_string(v)) for k, v in results.items()))
    while entries and sum(len(e) for e in entries) + len(entries) + 1 > budget:
        entries.pop(0)
    return entries


def _encoded_size(results: dict[str, str]) -> int:
    """The size of the results as one JSON object of strings, without
    encoding them: quotes and backslashes each gain a backslash."""
    return (
        sum(
            len(k) + len(v) + v.count('"') + v.count("\\") + 6
            for k, v in results.items()
        )
        + 1
    )


def _entries(text: str | None) -> list[str]:
    """The history's entries, each re-encoded as it was written."""
    if not text:
        return []
    try:
        parsed = json.loads(text)
    except ValueError:
        return []
    return [
        go_object((k, go_string(v)) for k, v in entry.items())
        for entry in parsed
        if isinstance(entry, dict)
    ]


def _size(annotations: dict[str, str]) -> int:
    """ValidateAnnotations counts every key and value, in bytes."""
    return sum(
        len(k) + (len(v) if v.isascii() else len(v.encode()))
        for k, v in annotations.items()
    )
