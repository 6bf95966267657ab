"""Helpers the plugins share: score normalization and taint toleration
(``plugins/helper/normalize_score.go``, ``core/v1`` ``ToleratesTaint``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Obj = dict[str, Any]


def default_normalize_score(
    max_priority: int, reverse: bool, scores: list[int]
) -> None:
    """Scale scores in place to 0..max_priority by the highest one (integer
    math); ``reverse`` turns a count of bad things into a score."""
    max_count = max(scores, default=0)
    if max_count == 0:
        if reverse:
            scores[:] = [max_priority] * len(scores)
        return
    for i, score in enumerate(scores):
        scaled = max_priority * score // max_count
        scores[i] = max_priority - scaled if reverse else scaled


def tolerates(toleration: Obj, taint: Obj) -> bool:
    """Toleration.ToleratesTaint: an empty effect or key matches any; the
    operator defaults to Equal. Gt/Lt need an alpha gate, off in v1.35."""
    effect = toleration.get("effect") or ""
    if effect and effect != taint.get("effect"):
        return False
    key = toleration.get("key") or ""
    if key and key != taint.get("key"):
        return False
    operator = toleration.get("operator") or "Equal"
    if operator == "Equal":
        return (toleration.get("value") or "") == (taint.get("value") or "")
    return operator == "Exists"


def tolerations_tolerate_taint(tolerations: Iterable[Obj], taint: Obj) -> bool:
    return any(tolerates(t, taint) for t in tolerations)
