"""Writing an attempt's record onto its pod through the API server, as
kube-scheduler-simulator's storereflector does: the result annotations,
plus ``result-history``, a JSON list of every attempt's annotations, oldest
first.

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
from cluster.scheduler.framework.types import PodInfo

Obj = dict[str, Any]
TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024


class Reflector:
    def __init__(self, api: APIServer, actor: str) -> None:
        self._api = api
        self._actor = actor

    def reflect(self, pod: PodInfo, record: AttemptRecord) -> None:
        try:
            current = self._api.get("pods", pod.name, pod.namespace)
        except StatusError:
            return  # gone: nothing to write on
        if pod.uid and current["metadata"].get("uid") != pod.uid:
            return
        annotations = dict(current["metadata"].get("annotations") or {})
        if not with_results(annotations, render(record)):
            return
        current["metadata"]["annotations"] = annotations
        try:
            self._api.update(current, actor=self._actor)
        except StatusError:
            pass  # best effort, as the simulator's retries end too


def with_results(annotations: dict[str, str], results: dict[str, str]) -> bool:
    """Put the results and the extended history into ``annotations``; False
    when even the results alone would not fit."""
    history = _entries(annotations.get(RESULT_HISTORY))
    history.append(go_object((k, go_string(v)) for k, v in results.items()))
    others = {k: v for k, v in annotations.items()
              if not k.startswith(PREFIX)}
    base = _size(others) + _size(results)
    if base > TOTAL_ANNOTATION_SIZE_LIMIT:
        return False
    annotations.clear()
    annotations.update(others)
    annotations.update(results)
    budget = TOTAL_ANNOTATION_SIZE_LIMIT - base - len(RESULT_HISTORY)
    while history and _history_size(history) > budget:
        history.pop(0)
    if history:
        annotations[RESULT_HISTORY] = "[" + ",".join(history) + "]"
    return True


def _entries(text: str | None) -> list[str]:
    """The history's entries, each re-encoded as it was written."""
    if not text:
        return []
    try:
        parsed = json.loads(text)
    except ValueError:
        return []
    return [go_object((k, go_string(v)) for k, v in entry.items())
            for entry in parsed if isinstance(entry, dict)]


def _history_size(entries: list[str]) -> int:
    return sum(len(e) for e in entries) + len(entries) + 1


def _size(annotations: dict[str, str]) -> int:
    """ValidateAnnotations counts every key and value, in bytes."""
    return sum(len(k.encode()) + len(v.encode()) for k, v in annotations.items())
