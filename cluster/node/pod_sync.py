"""One SyncPod run (``kuberuntime_manager.go`` SyncPod, ``startContainer``):
the steps ``computePodActions`` asked for, one after another on the clock.

1. kill the pod (sandbox changed, or nothing left to run) or the containers
   a probe condemned; 2. create the sandbox; 3. start init containers and
   sidecars; 4. start containers. Each start first consults the crash-loop
   back-off (``doBackOff``): a container that exited less than its back-off
   ago waits, with ``CrashLoopBackOff`` and the ``BackOff`` event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cluster.node.container_config import container_config
from cluster.node.gofmt import go_duration
from cluster.node.hooks import run_hook
from cluster.node.image_manager import ImageResult
from cluster.node.journal import pod_ref
from cluster.node.pod_actions import Actions, PodRuntime, compute
from cluster.node.runtime import Container, CRIError, Sandbox

if TYPE_CHECKING:
    from cluster.node.kuberuntime import RuntimeManager, SyncResult

Obj = dict[str, Any]
Step = Callable[[Callable[[], None]], None]


class PodSync:
    def __init__(
        self,
        manager: RuntimeManager,
        pod: Obj,
        done: Callable[[SyncResult], None],
        cancelled: Callable[[], bool],
    ) -> None:
        self.m = manager
        self.pod = pod
        self.uid = pod["metadata"]["uid"]
        self.finish = done
        self.cancelled = cancelled
        self.ok = True
        self.backoff_until: float | None = None
        self.view: PodRuntime = manager.view(self.uid)
        self.actions: Actions = compute(pod, self.view, manager.probe_result)
        self.sandbox: Sandbox | None = self.view.sandbox
        self.steps: list[Step] = []
        self.abort = False
        self.failures: list[tuple[str, str, str]] = []  # container, reason, message

    def run(self) -> None:
        actions = self.actions
        if actions.create_sandbox and actions.sandbox_changed:
            self.m.pod_event(
                self.pod,
                "SandboxChanged",
                "Pod sandbox changed, it will be killed and re-created.",
            )
        if actions.kill_pod:
            self.steps.append(self._kill_pod)
        elif actions.to_kill:
            self.steps.append(self._kill_containers)
        if actions.create_sandbox:
            self.steps.append(self._create_sandbox)
        inits = self.pod["spec"].get("initContainers") or []
        for index in actions.init_to_start:
            self.steps.append(self._starter(inits[index], True))
        containers = self.pod["spec"].get("containers") or []
        for index in actions.to_start:
            self.steps.append(self._starter(containers[index], False))
        self._next()

    def _starter(self, spec: Obj, init: bool) -> Step:
        return lambda nxt: self._start(spec, nxt, init)

    def _next(self) -> None:
        if self.abort or self.cancelled() or not self.steps:
            self._done()
            return
        step = self.steps.pop(0)
        step(self._next)

    def _done(self) -> None:
        from cluster.node.kuberuntime import SyncResult

        ok = self.ok and not self.cancelled()
        self._log_failures()
        self.finish(SyncResult(ok, self.backoff_until))

    def _log_failures(self) -> None:
        """``Error syncing pod, skipping`` with PodSyncResult's wording."""
        journal = self.m.journal
        if journal is None or not self.failures:
            return
        errors = [
            f'failed to "StartContainer" for "{name}" with {reason}: '
            f"{_go_quote(message)}"
            for name, reason, message in self.failures
        ]
        err = errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]"
        journal.error(
            "pod_workers.go:1301",
            "Error syncing pod, skipping",
            err=err,
            pod=pod_ref(self.pod),
            podUID=self.uid,
        )

    # -- killing ---------------------------------------------------------------

    def _kill_pod(self, nxt: Callable[[], None]) -> None:
        grace = float(self.pod["spec"].get("terminationGracePeriodSeconds", 30))
        if not self.actions.create_sandbox:
            self.steps.clear()
        self.m.kill_pod(self.pod, grace, nxt)

    def _kill_containers(self, nxt: Callable[[], None]) -> None:
        pending = set(self.actions.to_kill)
        for container_id, kill in self.actions.to_kill.items():
            container = self.m.cri.runtime.containers.get(container_id)
            if container is None:
                pending.discard(container_id)
                continue
            grace = _kill_grace(self.pod, kill.name, kill.reason)
            self.m.kill_container(
                self.pod,
                container,
                grace,
                kill.message,
                lambda c: _drop(pending, c.id, nxt),
            )
        if not pending:
            nxt()

    def _create_sandbox(self, nxt: Callable[[], None]) -> None:
        def ready(sandbox: Sandbox) -> None:
            self.sandbox = sandbox
            nxt()

        try:
            self.m.cri.run_pod_sandbox(self.pod, ready, self.actions.sandbox_attempt)
        except CRIError as err:
            message = f"Failed to create pod sandbox: {err}"
            self.m.pod_event(self.pod, "FailedCreatePodSandBox", message, True)
            self.ok, self.abort = False, True
            nxt()

    # -- starting --------------------------------------------------------------

    def _start(self, spec: Obj, nxt: Callable[[], None], init: bool) -> None:
        plain_init = init and spec.get("restartPolicy") != "Always"
        if self._in_backoff(spec):
            self.abort = self.abort or plain_init
            nxt()
            return
        self.m.images.ensure_image_exists(
            self.pod,
            spec,
            lambda result: self._image_ready(spec, result, nxt, plain_init),
            field_path=_field(init, spec["name"]),
        )

    def _in_backoff(self, spec: Obj) -> bool:
        """``doBackOff``: measured from the newest exited instance's FinishedAt."""
        exited = self.view.exited(spec["name"])
        if exited is None or exited.finished_at is None:
            return False
        key = _stable_key(self.pod, spec["name"])
        now = self.m.clock.now
        backoff = self.m.backoff
        if not backoff.in_backoff_since(key, exited.finished_at, now):
            backoff.next_since(key, exited.finished_at, now)
            return False
        delay = go_duration(backoff.get(key))
        full = _full_name(self.pod)
        self.m.event(
            self.pod,
            spec["name"],
            "BackOff",
            f"Back-off restarting failed container {spec['name']} in pod {full}",
            warning=True,
        )
        message = (
            f"back-off {delay} restarting failed container={spec['name']} pod={full}"
        )
        self.m.reasons.update(self.uid, spec["name"], "CrashLoopBackOff", message)
        self.failures.append((spec["name"], "CrashLoopBackOff", message))
        until = exited.finished_at + backoff.get(key)
        self.backoff_until = min(self.backoff_until or until, until)
        self.m.observe(
            "backoff",
            pod=f"{self.pod['metadata'].get('namespace')}/{self.pod['metadata']['name']}",
            uid=self.uid,
            container=spec["name"],
            delay=backoff.get(key),
            until=until,
        )
        self.ok = False
        return True

    def _image_ready(
        self, spec: Obj, result: ImageResult, nxt: Callable[[], None], plain_init: bool
    ) -> None:
        if not result.ok:
            self._failed(spec, result.reason, result.message, plain_init)
            nxt()
            return
        if self.cancelled() or self.sandbox is None:
            nxt()
            return
        previous = self.view.find(spec["name"])
        attempt = previous.attempt + 1 if previous else 0
        self.m.prune(self.uid, spec["name"])
        config = container_config(self.pod, spec, self.sandbox.ip, self.m.host_ip)
        self.m.cri.create_container(
            self.pod,
            self.sandbox,
            config,
            attempt,
            lambda c: self._created(spec, c, nxt, plain_init),
        )

    def _created(
        self, spec: Obj, created: Container, nxt: Callable[[], None], plain_init: bool
    ) -> None:
        self.m.event(self.pod, spec["name"], "Created", "Container created")
        self.m.cri.start_container(
            self.pod, created, lambda c: self._started(spec, c, nxt, plain_init)
        )

    def _started(
        self, spec: Obj, container: Container, nxt: Callable[[], None], plain_init: bool
    ) -> None:
        if container.reason == "StartError":
            self.m.event(
                self.pod, spec["name"], "Failed", f"Error: {container.message}", True
            )
            self._failed(spec, "RunContainerError", container.message, plain_init)
            nxt()
            return
        self.m.event(self.pod, spec["name"], "Started", "Container started")
        self.m.reasons.remove(self.uid, spec["name"])
        hook = (spec.get("lifecycle") or {}).get("postStart")
        if not hook:
            nxt()
            return
        run_hook(
            self.m.clock,
            hook,
            container,
            spec,
            _full_name(self.pod),
            30.0,
            lambda error: self._post_started(spec, container, error, nxt),
        )

    def _post_started(
        self, spec: Obj, container: Container, error: str, nxt: Callable[[], None]
    ) -> None:
        if not error:
            nxt()
            return
        self.m.event(self.pod, spec["name"], "FailedPostStartHook", error, warning=True)
        self.m.reasons.update(self.uid, spec["name"], "PostStartHookError", error)
        self.ok = False
        grace = _kill_grace(self.pod, spec["name"], "")
        self.m.kill_container(
            self.pod, container, grace, "FailedPostStartHook", lambda c: nxt()
        )

    def _failed(self, spec: Obj, reason: str, message: str, plain_init: bool) -> None:
        if reason != "RunContainerError":
            self.m.event(self.pod, spec["name"], "Failed", f"Error: {reason}", True)
        self.m.reasons.update(self.uid, spec["name"], reason, message)
        self.failures.append((spec["name"], reason, message))
        self.ok = False
        self.abort = self.abort or plain_init


def _kill_grace(pod: Obj, name: str, reason: str) -> float:
    spec = pod["spec"]
    grace = pod["metadata"].get("deletionGracePeriodSeconds")
    if grace is None:
        grace = spec.get("terminationGracePeriodSeconds", 30)
    probe_kind = {"LivenessProbe": "livenessProbe", "StartupProbe": "startupProbe"}
    if reason in probe_kind:
        for container in (spec.get("initContainers") or []) + spec["containers"]:
            probe = container.get(probe_kind[reason]) or {}
            if container["name"] == name and "terminationGracePeriodSeconds" in probe:
                grace = probe["terminationGracePeriodSeconds"]
    return float(grace)


def _field(init: bool, name: str) -> str:
    return f"spec.{'initContainers' if init else 'containers'}{{{name}}}"


def _drop(pending: set[str], key: str, nxt: Callable[[], None]) -> None:
    if key in pending:
        pending.discard(key)
        if not pending:
            nxt()


def _stable_key(pod: Obj, name: str) -> str:
    """``GetStableKey``: name, namespace, UID and container."""
    meta = pod["metadata"]
    return f"{meta['name']}_{meta.get('namespace', 'default')}_{meta['uid']}_{name}"


def _go_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _full_name(pod: Obj) -> str:
    meta = pod["metadata"]
    return f"{meta['name']}_{meta.get('namespace', 'default')}({meta['uid']})"
