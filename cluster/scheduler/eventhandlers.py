"""What the scheduler does with each watch event (``eventhandlers.go``).

- Unassigned pods for ``default-scheduler`` go into the scheduling queue.
- Assigned pods (``spec.nodeName`` set) go into the cache, confirming pods the
  scheduler assumed; their deletion frees room, so pending pods retry.
- Pods that finished (Succeeded/Failed) leave the cache: kube-scheduler's pod
  informer excludes them by field selector.
- Node adds, and node changes that matter to scheduling, retry pending pods.
"""

from __future__ import annotations

from typing import Any

from cluster.scheduler.cache import Cache
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.profile import DEFAULT_SCHEDULER_NAME
from cluster.scheduler.queue import SchedulingQueue

Obj = dict[str, Any]
TERMINAL_PHASES = ("Succeeded", "Failed")
# The parts of a node whose change can make a pending pod fit (the
# UpdateNodeAllocatable/Label/Taint events); status heartbeats are not.
_NODE_SCHEDULING_FIELDS = (("status", "allocatable"), ("metadata", "labels"),
                           ("spec", "taints"), ("spec", "unschedulable"))
_IGNORED_POD_META = ("resourceVersion", "generation", "managedFields", "finalizers")


class EventHandlers:
    cache: Cache
    queue: SchedulingQueue
    scheduler_name: str = DEFAULT_SCHEDULER_NAME
    # The latest object of every pending pod this scheduler is responsible for.
    _pending: dict[str, Obj]

    def on_node(self, verb: str, node: Obj) -> None:
        name = node["metadata"]["name"]
        if verb == "DELETED":
            self.cache.remove_node(name)
            return
        info = self.cache.get(name)
        old = info.node if info is not None else None
        self.cache.add_node(node)
        if old is None or _node_scheduling_changed(old, node):
            self.queue.move_all_to_active_or_backoff()

    def on_pod(self, verb: str, pod: Obj) -> None:
        phase = (pod.get("status") or {}).get("phase")
        if verb == "DELETED" or phase in TERMINAL_PHASES:
            self._pod_gone(pod)
        elif (pod.get("spec") or {}).get("nodeName"):
            self._pod_assigned(pod)
        elif self._responsible_for(pod):
            self._pod_pending(pod)
        else:
            self._forget_pending(_key(pod))

    def _responsible_for(self, pod: Obj) -> bool:
        if pod["metadata"].get("deletionTimestamp"):
            return False
        return (pod.get("spec") or {}).get("schedulerName") == self.scheduler_name

    def _pod_gone(self, pod: Obj) -> None:
        key = _key(pod)
        self._forget_pending(key)
        if self.cache.has_pod(key):
            self.cache.remove_pod(key)
            if (pod.get("spec") or {}).get("nodeName"):
                # AssignedPodDelete: the room it held may fit a pending pod.
                self.queue.move_all_to_active_or_backoff()

    def _pod_assigned(self, pod: Obj) -> None:
        self._forget_pending(_key(pod))
        self.cache.add_pod(PodInfo(pod))

    def _pod_pending(self, pod: Obj) -> None:
        key = _key(pod)
        old = self._pending.get(key)
        self._pending[key] = pod
        if self.cache.is_assumed(key):
            return  # its binding is on the way; nothing to queue
        if old is None:
            self.queue.add(PodInfo(pod))
        elif _pod_updated(old, pod):
            self.queue.update(PodInfo(pod))

    def _forget_pending(self, key: str) -> None:
        if self._pending.pop(key, None) is not None:
            self.queue.delete(key)


def _key(pod: Obj) -> str:
    meta = pod["metadata"]
    return f"{meta.get('namespace') or 'default'}/{meta['name']}"


def _node_scheduling_changed(old: Obj, new: Obj) -> bool:
    return any((old.get(a) or {}).get(b) != (new.get(a) or {}).get(b)
               for a, b in _NODE_SCHEDULING_FIELDS)


def _pod_updated(old: Obj, new: Obj) -> bool:
    """isPodUpdated: a change beyond status and bookkeeping metadata. The
    scheduler's own condition writes must not send a pod round again."""
    return _stripped(old) != _stripped(new)


def _stripped(pod: Obj) -> Obj:
    meta = {k: v for k, v in pod["metadata"].items() if k not in _IGNORED_POD_META}
    return {**{k: v for k, v in pod.items() if k != "status"}, "metadata": meta}
