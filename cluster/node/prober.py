"""The kubelet's probe manager and workers (``pkg/kubelet/prober``).

One worker per (pod, container, probe type) ticks every ``periodSeconds``
from when the pod was added. Each tick (``doProbe``) reads the container
from the kubelet's latest status, skips it until ``initialDelaySeconds``
have passed since it started (and, for liveness and readiness, until the
startup probe succeeded), runs the probe, posts ``Unhealthy`` on a failure,
and changes the result only after ``failureThreshold`` failures or
``successThreshold`` successes in a row. A failed liveness or startup result
puts the worker on hold until a new container appears; the kubelet kills
and restarts the container at its next sync.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.clock import Clock, Timer
from cluster.node.journal import Journal, pod_ref
from cluster.node.probe_runner import FAILURE, SUCCESS, Target, run_probe
from cluster.node.runtime import ContainerRuntime
from cluster.recorder import EventRecorder

Obj = dict[str, Any]
KINDS = ("startup", "liveness", "readiness")
INITIAL = {"liveness": SUCCESS, "readiness": FAILURE, "startup": "Unknown"}
TITLES = {"liveness": "Liveness", "readiness": "Readiness", "startup": "Startup"}


class ProbeManager:
    def __init__(
        self,
        clock: Clock,
        runtime: ContainerRuntime,
        recorder: EventRecorder,
        status_of: Callable[[str], Obj | None],
        on_change: Callable[[str], None],
    ) -> None:
        self.clock = clock
        self.runtime = runtime
        self.recorder = recorder
        self.status_of = status_of
        self.on_change = on_change
        self.client_ip = ""
        self.workers: dict[tuple[str, str, str], _Worker] = {}
        self.results: dict[tuple[str, str], str] = {}
        self.faults: dict[tuple[str, str], float] = {}  # (pod uid, kind) -> until
        self.journal: Journal | None = None
        # The stream's ``emit``, for ``probe`` events (see ``cluster.events``).
        self.observe: Callable[..., None] | None = None

    def add_pod(self, pod: Obj) -> None:
        """Start a worker for every probe the pod's containers define."""
        spec = pod["spec"]
        sidecars = [
            c
            for c in spec.get("initContainers") or []
            if c.get("restartPolicy") == "Always"
        ]
        for init, containers in ((True, sidecars), (False, spec.get("containers"))):
            for container in containers or []:
                for kind in KINDS:
                    if container.get(f"{kind}Probe"):
                        self._add(pod, container, kind, init)

    def _add(self, pod: Obj, container: Obj, kind: str, init: bool) -> None:
        key = (pod["metadata"]["uid"], container["name"], kind)
        if key not in self.workers:
            self.workers[key] = _Worker(self, pod, container, kind, init)

    def update_pod(self, pod: Obj) -> None:
        for (uid, _, _), worker in self.workers.items():
            if uid == pod["metadata"]["uid"]:
                worker.pod = pod

    def stop(self) -> None:
        """The kubelet stopped: no more probing."""
        for worker in self.workers.values():
            worker.stop()
        self.workers.clear()

    def remove_pod(self, uid: str) -> None:
        for key in [k for k in self.workers if k[0] == uid]:
            self.workers.pop(key).stop()
        for fault in [k for k in self.faults if k[0] == uid]:
            del self.faults[fault]

    def result(self, kind: str, container_id: str) -> str | None:
        return self.results.get((kind, container_id))

    def probed(self, uid: str) -> Callable[[str, str, str], bool | None]:
        """``UpdatePodStatus``'s view: started/ready from the results, False
        while a probe has not decided yet, None when there is no probe."""

        def view(kind: str, name: str, container_id: str) -> bool | None:
            result = self.results.get((kind, container_id))
            if result is not None:
                return result == SUCCESS
            worker = self.workers.get((uid, name, kind))
            if worker is None:
                return None
            if kind == "readiness":
                worker.trigger()
            return False

        return view

    def fail(self, uid: str, kind: str, until: float) -> None:
        """``sim fail-probe``: the application answers this probe badly."""
        self.faults[(uid, kind)] = until

    def set_result(self, kind: str, container_id: str, result: str, uid: str) -> None:
        key = (kind, container_id)
        if self.results.get(key) != result:
            self.results[key] = result
            self.on_change(uid)

    def forget_result(self, kind: str, container_id: str) -> None:
        self.results.pop((kind, container_id), None)


class _Worker:
    def __init__(
        self, manager: ProbeManager, pod: Obj, container: Obj, kind: str, init: bool
    ) -> None:
        self.m = manager
        self.pod = pod
        self.container = container
        self.kind = kind
        self.init = init
        self.spec: Obj = container[f"{kind}Probe"]
        self.period = float(self.spec.get("periodSeconds", 10))
        self.container_id = ""
        self.on_hold = False
        self.last = ""
        self.run = 0
        self.stopped = False
        self.timer: Timer | None = manager.clock.call_later(0, self._tick)
        self._triggered = False

    def stop(self) -> None:
        self.stopped = True
        if self.timer is not None:
            self.timer.cancel()
        if self.container_id:
            self.m.forget_result(self.kind, self.container_id)

    def trigger(self) -> None:
        """A manual run now, keeping the ticker (the readiness trigger)."""
        if not self._triggered and not self.stopped:
            self._triggered = True
            self.m.clock.call_later(0, self._manual)

    def _manual(self) -> None:
        self._triggered = False
        if not self.stopped and not self.do_probe():
            self.stop()

    def _tick(self) -> None:
        self.timer = None
        if self.stopped:
            return
        if self.do_probe():
            self.timer = self.m.clock.call_later(self.period, self._tick)
        else:
            self.stop()

    # -- doProbe ---------------------------------------------------------------

    def do_probe(self) -> bool:
        status = self.m.status_of(self.pod["metadata"]["uid"])
        if status is None:
            return True
        if status.get("phase") in ("Succeeded", "Failed"):
            return False
        found = self._container_status(status)
        if found is None or not found.get("containerID"):
            return True
        self._see(found["containerID"].removeprefix("containerd://"))
        if self.on_hold:
            return True
        state = found.get("state") or {}
        if "running" not in state:
            self.m.set_result(self.kind, self.container_id, FAILURE, self._uid)
            policy = self.pod["spec"].get("restartPolicy", "Always")
            return "terminated" not in state or policy != "Never"
        return self._probe_running(found)

    def _probe_running(self, found: Obj) -> bool:
        if self.pod["metadata"].get("deletionTimestamp") and self.kind != "readiness":
            self.m.set_result(self.kind, self.container_id, SUCCESS, self._uid)
            return False
        record = self.m.runtime.containers.get(self.container_id)
        if record is None or record.started_at is None:
            return True
        if int(self.m.clock.now - record.started_at) < int(
            self.spec.get("initialDelaySeconds", 0)
        ):
            return True
        # Startup probes stop once started; the others wait for it.
        if bool(found.get("started")) == (self.kind == "startup"):
            return True
        self._record(self._probe(record))
        return True

    def _see(self, container_id: str) -> None:
        if container_id == self.container_id:
            return
        if self.container_id:
            self.m.forget_result(self.kind, self.container_id)
        self.container_id = container_id
        self.m.set_result(self.kind, container_id, INITIAL[self.kind], self._uid)
        self.on_hold = False
        self.last, self.run = "", 0

    def _probe(self, record: Any) -> str:
        uid = self._uid
        until = self.m.faults.get((uid, self.kind))
        sandbox = self.m.runtime.sandboxes.get(record.sandbox_id)
        target = Target(
            sandbox.ip if sandbox else "",
            self.m.client_ip,
            record,
            self.container,
            self.m.runtime,
            faulty=until is not None and self.m.clock.now < until,
        )
        outcome = run_probe(self.spec, target)
        if outcome.error:
            return ""
        if outcome.result == FAILURE:
            self._log(outcome.output)
            self.m.recorder.warning(
                self.pod,
                "Unhealthy",
                f"{TITLES[self.kind]} probe failed: {outcome.output}",
                field_path=self._field_path,
            )
        return outcome.result

    def _log(self, output: str) -> None:
        if self.m.journal is not None:
            self.m.journal.info(
                "prober.go:107",
                "Probe failed",
                probeType=TITLES[self.kind],
                pod=pod_ref(self.pod),
                podUID=self._uid,
                containerName=self.container["name"],
                probeResult="failure",
                output=output,
            )

    def _record(self, result: str) -> None:
        if not result:
            return
        previous = self.last
        if result == self.last:
            self.run += 1
        else:
            self.last, self.run = result, 1
        if result == FAILURE or previous == FAILURE:  # failures, and their end
            self._observe(result == SUCCESS)
        threshold = "failureThreshold" if result == FAILURE else "successThreshold"
        default = 3 if result == FAILURE else 1
        if self.run < int(self.spec.get(threshold, default)):
            return
        self.m.set_result(self.kind, self.container_id, result, self._uid)
        if self.kind != "readiness" and result == FAILURE:
            self.on_hold, self.run = True, 0

    def _observe(self, ok: bool) -> None:
        if self.m.observe is None:
            return
        meta = self.pod["metadata"]
        self.m.observe(
            "probe",
            pod=f"{meta.get('namespace')}/{meta['name']}",
            uid=self._uid,
            container=self.container["name"],
            probe=self.kind,
            ok=ok,
            failures=0 if ok else self.run,
            threshold=int(self.spec.get("failureThreshold", 3)),
        )

    @property
    def _uid(self) -> str:
        return str(self.pod["metadata"]["uid"])

    @property
    def _field_path(self) -> str:
        section = "initContainers" if self.init else "containers"
        return f"spec.{section}{{{self.container['name']}}}"

    def _container_status(self, status: Obj) -> Obj | None:
        name = self.container["name"]
        for key in ("containerStatuses", "initContainerStatuses"):
            for item in status.get(key) or []:
                if item.get("name") == name and item.get("containerID"):
                    return item
        return None
