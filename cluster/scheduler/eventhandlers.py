"""What the scheduler does with each watch event (``eventhandlers.go``).

- Unassigned pods for one of its profiles go into the scheduling queue (and
  the nominator, when they carry ``status.nominatedNodeName``).
- Assigned pods (``spec.nodeName`` set) go into the cache, confirming pods the
  scheduler assumed; their arrival, change and deletion are cluster events
  that may help parked pods (queueing hints decide which).
- Pods that finished (Succeeded/Failed) leave the cache: kube-scheduler's pod
  informer excludes them by field selector.
- Node adds, deletes, and changes to labels, taints or allocatable are
  cluster events too; status heartbeats are not.
"""

from __future__ import annotations

from typing import Any

from cluster.scheduler.cache import Cache
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.hints import (
    NODE_ADD,
    NODE_DELETE,
    NODE_UPDATE,
    POD_ADD,
    POD_DELETE,
    POD_UPDATE,
    ClusterEvent,
    node_changes,
)
from cluster.scheduler.nominator import Nominator
from cluster.scheduler.queue import SchedulingQueue

Obj = dict[str, Any]
TERMINAL_PHASES = ("Succeeded", "Failed")
_IGNORED_POD_META = (
    "resourceVersion",
    "generation",
    "managedFields",
    "finalizers",
    "annotations",
)


class EventHandlers:
    cache: Cache
    queue: SchedulingQueue
    nominator: Nominator
    # The latest object of every pending pod this scheduler is responsible for.
    _pending: dict[str, Obj]

    def responsible_for(self, scheduler_name: str) -> bool:
        raise NotImplementedError

    def on_node(self, verb: str, node: Obj) -> None:
        name = node["metadata"]["name"]
        info = self.cache.get(name)
        old = info.node if info is not None else None
        if verb == "DELETED":
            self.cache.remove_node(name)
            self.queue.move_all_to_active_or_backoff(ClusterEvent(NODE_DELETE, old))
            return
        self.cache.add_node(node)
        if old is None:
            self.queue.move_all_to_active_or_backoff(ClusterEvent(NODE_ADD, None, node))
            return
        changes = node_changes(old, node)
        if changes:
            self.queue.move_all_to_active_or_backoff(
                ClusterEvent(NODE_UPDATE, old, node, changes)
            )

    def on_pod(self, verb: str, pod: Obj) -> None:
        phase = (pod.get("status") or {}).get("phase")
        if verb == "DELETED" or phase in TERMINAL_PHASES:
            self._pod_gone(pod)
        elif (pod.get("spec") or {}).get("nodeName"):
            self._pod_assigned(pod)
        elif self._wanted(pod):
            self._pod_pending(pod)
        else:
            self._forget_pending(_key(pod))

    def _wanted(self, pod: Obj) -> bool:
        if pod["metadata"].get("deletionTimestamp"):
            return False
        return self.responsible_for((pod.get("spec") or {}).get("schedulerName") or "")

    def _pod_gone(self, pod: Obj) -> None:
        key = _key(pod)
        self._forget_pending(key)
        if not self.cache.has_pod(key):
            return
        gone = self.cache.pod(key)
        self.cache.remove_pod(key)
        if gone is not None and gone.node_name:
            # AssignedPodDelete: the room it held may fit a pending pod.
            self.queue.move_all_to_active_or_backoff(ClusterEvent(POD_DELETE, gone))

    def _pod_assigned(self, pod: Obj) -> None:
        key = _key(pod)
        self._forget_pending(key)
        old = self.cache.pod(key)
        was_assumed = self.cache.is_assumed(key)
        if old is not None and not was_assumed and _same_for_scheduling(old.pod, pod):
            old.pod = pod  # status or annotations moved: nothing to recount
            return
        info = PodInfo(pod)
        self.cache.add_pod(info)
        if old is None or was_assumed:
            self.queue.move_all_to_active_or_backoff(ClusterEvent(POD_ADD, None, info))
        elif old.labels != info.labels:
            self.queue.move_all_to_active_or_backoff(
                ClusterEvent(POD_UPDATE, old, info)
            )

    def _pod_pending(self, pod: Obj) -> None:
        key = _key(pod)
        old = self._pending.get(key)
        self._pending[key] = pod
        if self.cache.is_assumed(key):
            return  # its binding is on the way; nothing to queue
        info = PodInfo(pod)
        if old is None:
            self.nominator.add(info, "")
            self.queue.add(info)
            return
        self.nominator.update(
            (old.get("status") or {}).get("nominatedNodeName") or "", info
        )
        if _pod_updated(old, pod):
            self.queue.update(info)

    def _forget_pending(self, key: str) -> None:
        self.nominator.delete(key)
        if self._pending.pop(key, None) is not None:
            self.queue.delete(key)


def _key(pod: Obj) -> str:
    meta = pod["metadata"]
    return f"{meta.get('namespace') or 'default'}/{meta['name']}"


def _same_for_scheduling(old: Obj, new: Obj) -> bool:
    """Nothing a PodInfo derives from changed (spec, labels, deletion)."""
    old_meta, new_meta = old["metadata"], new["metadata"]
    return (
        old.get("spec") == new.get("spec")
        and old_meta.get("labels") == new_meta.get("labels")
        and old_meta.get("deletionTimestamp") == new_meta.get("deletionTimestamp")
        and old_meta.get("uid") == new_meta.get("uid")
    )


def _pod_updated(old: Obj, new: Obj) -> bool:
    """isPodUpdated: a change beyond status and bookkeeping metadata. The
    scheduler's own status writes, and annotations (the explanations the
    scheduler records), must not send a pod round again."""
    return _stripped(old) != _stripped(new)


def _stripped(pod: Obj) -> Obj:
    meta = {k: v for k, v in pod["metadata"].items() if k not in _IGNORED_POD_META}
    return {**{k: v for k, v in pod.items() if k != "status"}, "metadata": meta}
