"""The kubelet of one node: registers the Node, watches the pods bound to it
and runs them on containerd until they are Running, or until they are deleted.

It is assembled the way the real kubelet is: pod workers
(``pod_workers.py``) decide when a pod syncs, the runtime manager
(``kuberuntime.py``) does the CRI work, the image manager
(``image_manager.py``) pulls, the probe manager (``prober.py``) runs
liveness, readiness and startup probes, the status manager
(``status_manager.py``) writes ``pods/status``, the PLEG (``pleg.py``)
notices container changes and ``node_status.py`` keeps the Node object
current. This class wires them up and implements the three sync steps the
pod workers drive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster import KUBERNETES_VERSION
from cluster.api.errors import StatusError
from cluster.api.quantity import byte_value
from cluster.apiserver import APIServer
from cluster.clock import Clock
from cluster.events import EventStream
from cluster.jsoncopy import json_copy
from cluster.node import dns, pod_status
from cluster.node.cri import CRIClient
from cluster.node.eviction import EvictionManager
from cluster.node.image_manager import ImageManager
from cluster.node.journal import UNIT, Journal, pod_ref
from cluster.node.kuberuntime import ReasonCache, RuntimeManager, SyncResult
from cluster.node.node_status import NodeStatus
from cluster.node.nodelease import NodeLease
from cluster.node.pleg import PLEG
from cluster.node.pod_admission import REJECTED, admit
from cluster.node.pod_workers import PodWorkers, SyncOutcome
from cluster.node.prober import ProbeManager
from cluster.node.runtime import ContainerRuntime
from cluster.node.status_manager import StatusManager
from cluster.recorder import EventRecorder

Obj = dict[str, Any]


class Kubelet:
    def __init__(
        self,
        api: APIServer,
        clock: Clock,
        stream: EventStream,
        node: Obj,
        runtime: ContainerRuntime,
    ) -> None:
        self.api = api
        self.clock = clock
        self.stream = stream
        self.node_manifest = node
        self.node_name: str = node["metadata"]["name"]
        self.id = f"kubelet/{self.node_name}"
        self.runtime = runtime
        self.running = False
        recorder = EventRecorder(api, "kubelet", host=self.node_name, actor=self.id)
        cri = CRIClient(runtime, stream, self.id)
        self.recorder = recorder
        self.images = ImageManager(cri, recorder, clock)
        self.runtime_manager = RuntimeManager(
            cri, self.images, recorder, ReasonCache(), clock
        )
        self.status_manager = StatusManager(api, clock, self.id)
        self.statuses: dict[str, Obj] = {}  # the status manager's cache
        self.prober = ProbeManager(
            clock, runtime, recorder, self.statuses.get, self._probe_changed
        )
        self.runtime_manager.probe_result = self.prober.result
        self.runtime_manager.observe = stream.emit
        self.prober.observe = stream.emit
        runtime.resolver = dns.resolver(
            lambda name, ns: api.get("services", name, ns), dns.slice_lister(api)
        )
        self.node_status = NodeStatus(api, clock, runtime, node, self.id)
        self.node_lease = NodeLease(api, clock, self.node_name, self.id)
        self.pleg = PLEG(clock, runtime)
        self.pod_workers = PodWorkers(
            clock, self, self.pleg, clock.rng(f"kubelet/{self.node_name}")
        )
        self._cancel_watch: Callable[[], None] | None = None
        self._deleting: set[str] = set()
        # Pods the kubelet itself failed (rejected, evicted): reason, message.
        self.failed: dict[str, tuple[str, str]] = {}
        self.eviction = EvictionManager(
            clock,
            runtime,
            _memory_capacity(node),
            self.active_pods,
            self.evict,
            self._memory_pressure,
        )
        self.runtime_manager.journal = self.journal
        self.prober.journal = self.journal

    def start(self) -> None:
        """Register the Node, then list and watch the pods bound to it."""
        self.running = True
        self._log_start()
        cidr = self.node_manifest["spec"]["podCIDR"]
        self.runtime.update_runtime_config(cidr)
        self.prober.client_ip = _gateway(cidr)
        self.runtime_manager.host_ip = self.host_ip
        self.node_status.register()
        self.journal.info(
            "kubelet_node_status.go:78",
            "Successfully registered node",
            node=self.node_name,
        )
        self.node_lease.start(self._node_uid())
        self.pleg.start(self.pod_workers.pleg_event)
        self.eviction.start()
        selector = f"spec.nodeName={self.node_name}"
        pods = self.api.list("pods", field_selector=selector)
        for pod in sorted(
            pods, key=lambda p: p["metadata"].get("creationTimestamp", "")
        ):
            if self._admitted(pod):
                self.pod_workers.update_pod(pod)
        self._cancel_watch = self.api.watch(
            "pods", self._on_pod, actor=self.id, field_selector=selector
        )

    def stop(self) -> None:
        """The kubelet process stops; its containers keep running."""
        self.running = False
        self.journal.systemd(
            "kubelet.service: Main process exited, code=killed, status=9/KILL"
        )
        self.journal.systemd("kubelet.service: Failed with result 'signal'.")
        if self._cancel_watch:
            self._cancel_watch()
        self.pod_workers.stop()
        self.node_status.stop()
        self.node_lease.stop()
        self.pleg.stop()
        self.eviction.stop()
        self.prober.stop()

    def _node_uid(self) -> str | None:
        try:
            return str(self.api.get("nodes", self.node_name)["metadata"]["uid"])
        except StatusError:
            return None

    @property
    def host_ip(self) -> str:
        addresses = self.node_manifest.get("status", {}).get("addresses") or []
        return next((a["address"] for a in addresses if a["type"] == "InternalIP"), "")

    # -- the watch ---------------------------------------------------------------

    def _on_pod(self, verb: str, obj: Obj) -> None:
        pod = json_copy(obj)
        if verb == "DELETED":
            self._sync_loop("REMOVE", pod)
            self.pod_workers.remove_pod(pod)
            return
        if verb == "ADDED":
            self._sync_loop("ADD", pod)
            if not self._admitted(pod):
                return
        elif (
            pod["metadata"].get("deletionTimestamp")
            and pod["metadata"]["uid"] not in self._deleting
        ):
            self._deleting.add(pod["metadata"]["uid"])
            self._sync_loop("DELETE", pod)
        self.pod_workers.update_pod(pod)

    # -- admission and eviction ---------------------------------------------------

    def active_pods(self) -> list[Obj]:
        """The admitted pods whose containers may still run."""
        return self.pod_workers.active_pods()

    def _admitted(self, pod: Obj) -> bool:
        """``canAdmitPod``; a rejected pod is failed and never run."""
        if pod.get("status", {}).get("phase") in ("Succeeded", "Failed"):
            return True
        allocatable = self.node_manifest.get("status", {}).get("allocatable") or {}
        refusal = admit(pod, allocatable, self.active_pods())
        if refusal is None:
            return True
        reason, message = refusal
        self.recorder.warning(pod, reason, message)
        self.journal.info(
            "predicate.go:212", "Predicate failed on Pod", pod=pod_ref(pod), err=message
        )
        self.failed[pod["metadata"]["uid"]] = (reason, REJECTED + message)
        self.pod_workers.reject(pod)
        # rejectPod: a bare terminal status, no containers ever ran.
        qos = (pod.get("status") or {}).get("qosClass", "BestEffort")
        status = {"phase": "Failed", "reason": reason, "qosClass": qos}
        status["message"] = REJECTED + message
        self.statuses[pod["metadata"]["uid"]] = status
        self.status_manager.set_pod_status(pod, status)
        return False

    def evict(self, pod: Obj, message: str) -> None:
        """Hard eviction: fail the pod and kill it without grace."""
        uid = pod["metadata"]["uid"]
        self.failed[uid] = ("Evicted", message)
        self.recorder.warning(pod, "Evicted", message)
        self.journal.info(
            "eviction_manager.go:616",
            "Eviction manager: pod is evicted successfully",
            pod=pod_ref(pod),
        )
        self.pod_workers.kill(uid, 0)

    def _rejected(self, pod: Obj) -> bool:
        failed = self.failed.get(pod["metadata"]["uid"])
        return failed is not None and failed[1].startswith(REJECTED)

    def _memory_pressure(self, pressure: bool) -> None:
        self.node_status.memory_pressure = pressure
        if pressure:
            node = {
                "kind": "Node",
                "apiVersion": "v1",
                "metadata": {"name": self.node_name, "uid": self.node_name},
            }
            self.recorder.warning(
                node, "EvictionThresholdMet", "Attempting to reclaim memory"
            )
            self.journal.info(
                "eviction_manager.go:369",
                "Eviction manager: attempting to reclaim",
                resourceName="memory",
            )

    def _sync_loop(self, op: str, pod: Obj) -> None:
        self.journal.info(
            "kubelet.go:2478", f"SyncLoop {op}", source="api", pods=[pod_ref(pod)]
        )

    @property
    def journal(self) -> Journal:
        return self.runtime.journal

    def _log_start(self) -> None:
        self.journal.pid = 700 + self.clock.rng(
            f"kubelet-pid/{self.node_name}"
        ).randrange(9000)
        self.journal.systemd(f"Started {UNIT}.")
        self.journal.info(
            "server.go:525", "Kubelet version", kubeletVersion=KUBERNETES_VERSION
        )
        self.journal.info(
            "kubelet_node_status.go:75",
            "Attempting to register node",
            node=self.node_name,
        )

    # -- PodSyncer: what the pod workers call -------------------------------------

    def sync_pod(
        self,
        pod: Obj,
        done: Callable[[SyncOutcome], None],
        cancelled: Callable[[], bool],
    ) -> None:
        status = self._write_status(pod)
        if status["phase"] in ("Succeeded", "Failed"):
            done(SyncOutcome(terminal=True))
            return
        self.prober.add_pod(pod)
        self.prober.update_pod(pod)
        self.runtime_manager.sync_pod(pod, lambda r: done(_outcome(r)), cancelled)

    def cancel_sync(self, pod: Obj) -> None:
        self.runtime_manager.cancel(pod)

    def sync_terminating_pod(
        self, pod: Obj, grace: float, done: Callable[[], None]
    ) -> None:
        self.runtime_manager.kill_pod(pod, grace, done)

    def sync_terminated_pod(self, pod: Obj, deleted: bool) -> None:
        self.prober.remove_pod(pod["metadata"]["uid"])
        if deleted:
            return
        if not self._rejected(pod):
            self._write_status(pod, terminal=True)
        if pod["metadata"].get("deletionTimestamp"):
            self.status_manager.delete_pod(pod)

    def forget_pod(self, pod: Obj) -> None:
        uid = pod["metadata"]["uid"]
        self.runtime_manager.reasons.forget(uid)
        self.runtime_manager.remove_pod(pod)
        self.prober.remove_pod(uid)
        self.statuses.pop(uid, None)
        self._deleting.discard(uid)
        self.failed.pop(uid, None)

    def _probe_changed(self, uid: str) -> None:
        self.pod_workers.pleg_event(uid)

    # -- status -------------------------------------------------------------------

    def pod_view(self, pod: Obj) -> pod_status.RuntimeView:
        uid = pod["metadata"]["uid"]
        manager = self.runtime_manager
        spec = pod["spec"]
        names = [
            c["name"] for c in (spec.get("initContainers") or []) + spec["containers"]
        ]
        reasons = {
            name: reason for name in names if (reason := manager.reasons.get(uid, name))
        }
        return pod_status.RuntimeView(
            manager.view(uid), reasons, self.host_ip, self.prober.probed(uid)
        )

    def _write_status(self, pod: Obj, terminal: bool = False) -> Obj:
        status = pod_status.generate(pod, self.pod_view(pod), self._stamp, terminal)
        failed = self.failed.get(pod["metadata"]["uid"])
        if failed is not None:
            status.update(phase="Failed", reason=failed[0], message=failed[1])
            if failed[0] == "Evicted":
                status["conditions"].append(_disruption(failed[1]))
        self.statuses[pod["metadata"]["uid"]] = status
        self.status_manager.set_pod_status(pod, status)
        return status

    def _stamp(self, seconds: float | None) -> str | None:
        return None if seconds is None else self.clock.timestamp(seconds)


def _disruption(message: str) -> Obj:
    return {
        "type": "DisruptionTarget",
        "status": "True",
        "lastProbeTime": None,
        "reason": "TerminationByKubelet",
        "message": message,
    }


def _memory_capacity(node: Obj) -> int:
    capacity = (node.get("status") or {}).get("capacity") or {}
    return byte_value(str(capacity.get("memory", "4Gi")))


def _outcome(result: SyncResult) -> SyncOutcome:
    return SyncOutcome(result.ok, result.backoff_until)


def _gateway(cidr: str) -> str:
    """The bridge address (``.1``) the kubelet's probes come from."""
    import ipaddress

    return str(ipaddress.ip_network(cidr, strict=False).network_address + 1)
