"""The generic registry's update rules (``rest.BeforeUpdate``): what a PUT
may change, and the kind's defaulting and PrepareForUpdate on the result."""

from __future__ import annotations

from typing import Any

from cluster.api.resources import ResourceType
from cluster.api.strategy import strategy_for
from cluster.jsoncopy import json_copy

Obj = dict[str, Any]


def merge(current: Obj, new: Obj, subresource: str | None) -> Obj:
    """Status updates change only status; spec updates never change status."""
    merged = json_copy(current)
    if subresource == "status":
        merged["status"] = new.get("status", {})
        return merged
    if subresource == "finalize":
        merged["spec"]["finalizers"] = new.get("spec", {}).get("finalizers") or []
        return merged
    for key, value in new.items():
        if key not in ("status", "metadata"):
            merged[key] = value
    if "generation" in merged["metadata"] and merged.get("spec") != current.get("spec"):
        merged["metadata"]["generation"] += 1
    for key in ("labels", "annotations", "finalizers", "ownerReferences"):
        if key in new["metadata"]:
            merged["metadata"][key] = new["metadata"][key]
        else:
            merged["metadata"].pop(key, None)
    return merged


def prepare(
    rt: ResourceType, old: Obj, merged: Obj, new: Obj, subresource: str | None
) -> None:
    """Defaulting and the kind's PrepareForUpdate on a spec update; on a status
    update, the metadata the kind lets its status writers change."""
    strategy = strategy_for(rt.kind)
    if subresource is None:
        strategy.default(merged)
        strategy.prepare_for_update(old, merged)
    elif subresource == "status":
        for key in strategy.status_metadata:
            if key in new["metadata"]:
                merged["metadata"][key] = new["metadata"][key]
