"""``ControllerRefManager``: a controller claims what its selector matches.

An orphan that matches is adopted (its ownerReferences gain the controller
ref), an owned object that stopped matching is released, and objects other
controllers own are left alone. Adoption first re-reads the owner, as
``RecheckDeletionTimestamp`` does, so a deleted or deleting owner adopts
nothing.
"""

from __future__ import annotations

from typing import Any

from cluster.api import labelselector, resources
from cluster.api.errors import StatusError
from cluster.controllers.podutil import controller_ref, new_controller_ref

Obj = dict[str, Any]


class RefManager:
    def __init__(self, api: Any, actor: str, owner: Obj, plural: str) -> None:
        self.api = api
        self.actor = actor
        self.owner = owner
        self.plural = plural
        self._can_adopt: bool | None = None

    def claim(self, objs: list[Obj], selector: Obj | None) -> list[Obj]:
        claimed = []
        for obj in objs:
            kept = self._claim_one(obj, selector)
            if kept is not None:
                claimed.append(kept)
        return claimed

    def _claim_one(self, obj: Obj, selector: Obj | None) -> Obj | None:
        ref = controller_ref(obj)
        matches = labelselector.selects(selector, obj)
        if ref is not None:
            if ref.get("uid") != self._uid:
                return None
            if matches or self._deleting(self.owner):
                return obj
            self._release(obj)
            return None
        if not matches or self._deleting(obj) or not self.can_adopt():
            return None
        return self._adopt(obj)

    @property
    def _uid(self) -> str:
        return str(self.owner["metadata"].get("uid"))

    def can_adopt(self) -> bool:
        if self._can_adopt is None:
            self._can_adopt = self._fresh_owner_alive()
        return self._can_adopt

    def _fresh_owner_alive(self) -> bool:
        meta = self.owner["metadata"]
        try:
            fresh = self.api.get(self.owner_plural, meta["name"], meta.get("namespace"))
        except StatusError:
            return False
        return fresh["metadata"].get("uid") == self._uid and not self._deleting(fresh)

    @property
    def owner_plural(self) -> str:
        return resources.for_kind(self.owner["kind"], self.owner["apiVersion"]).plural

    # Both write a changed copy: ``obj`` may be an informer cache's own object.

    def _adopt(self, obj: Obj) -> Obj | None:
        refs = list(obj["metadata"].get("ownerReferences") or [])
        meta = {
            **obj["metadata"],
            "ownerReferences": [*refs, new_controller_ref(self.owner)],
        }
        return self._update({**obj, "metadata": meta})

    def _release(self, obj: Obj) -> None:
        refs = obj["metadata"].get("ownerReferences") or []
        meta = {**obj["metadata"]}
        meta["ownerReferences"] = [r for r in refs if r.get("uid") != self._uid]
        if not meta["ownerReferences"]:
            meta.pop("ownerReferences")
        self._update({**obj, "metadata": meta})

    def _update(self, obj: Obj) -> Obj | None:
        try:
            return dict(self.api.update(obj, actor=self.actor))
        except StatusError:
            return None

    @staticmethod
    def _deleting(obj: Obj) -> bool:
        return bool(obj["metadata"].get("deletionTimestamp"))
