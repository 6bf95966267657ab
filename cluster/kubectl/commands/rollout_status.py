"""``kubectl rollout status`` (``pkg/cmd/rollout/rollout_status.go`` and
``polymorphichelpers/rollout_status.go``).

Like kubectl it watches the object and prints the viewer's line for the
initial state and for every change, until the rollout is done; waiting means
running the simulation forward, event by event. Without ``--timeout`` kubectl
would wait forever; the simulation gives up after an hour of simulated time
with kubectl's timeout error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.kubectl.cli import Flag
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands.common import FILENAME_FLAGS, SELECTOR_FLAG
from cluster.kubectl.commands.resolve import require_resources, resolve
from cluster.kubectl.commands.rollout_history import require_revision
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.selection import Found

Obj = dict[str, Any]
DEFAULT_WAIT_SECONDS = 3600.0
Viewer = Callable[[Obj, int], tuple[str, bool]]


def deployment_status(d: Obj, revision: int) -> tuple[str, bool]:
    """``DeploymentStatusViewer.Status``: (message, done); raises on failure."""
    name, spec, status = d["metadata"]["name"], d["spec"], d.get("status") or {}
    if revision > 0:
        current = int((d["metadata"].get("annotations") or {}).get(_REVISION, 0) or 0)
        if revision != current:
            raise KubectlError(
                f"desired revision ({revision}) is different from the running "
                f"revision ({current})"
            )
    if d["metadata"].get("generation", 0) > status.get("observedGeneration", 0):
        return "Waiting for deployment spec update to be observed...\n", False
    progressing = next(
        (c for c in status.get("conditions") or [] if c.get("type") == "Progressing"),
        None,
    )
    if (
        progressing is not None
        and progressing.get("reason") == "ProgressDeadlineExceeded"
    ):
        raise KubectlError(f'deployment "{name}" exceeded its progress deadline')
    want, updated = spec.get("replicas", 1), status.get("updatedReplicas", 0)
    total, available = status.get("replicas", 0), status.get("availableReplicas", 0)
    prefix = f'Waiting for deployment "{name}" rollout to finish: '
    if updated < want:
        return (
            f"{prefix}{updated} out of {want} new replicas have been updated...\n",
            False,
        )
    if total > updated:
        return (
            f"{prefix}{total - updated} old replicas are pending termination...\n",
            False,
        )
    if available < updated:
        return (
            f"{prefix}{available} of {updated} updated replicas are available...\n",
            False,
        )
    return f'deployment "{name}" successfully rolled out\n', True


def daemonset_status(ds: Obj, revision: int) -> tuple[str, bool]:
    name, status = ds["metadata"]["name"], ds.get("status") or {}
    if (ds["spec"].get("updateStrategy") or {}).get("type") != "RollingUpdate":
        raise KubectlError(
            "rollout status is only available for RollingUpdate strategy type"
        )
    if ds["metadata"].get("generation", 0) > status.get("observedGeneration", 0):
        return "Waiting for daemon set spec update to be observed...\n", False
    desired = status.get("desiredNumberScheduled", 0)
    updated, available = (
        status.get("updatedNumberScheduled", 0),
        status.get("numberAvailable", 0),
    )
    prefix = f'Waiting for daemon set "{name}" rollout to finish: '
    if updated < desired:
        return (
            f"{prefix}{updated} out of {desired} new pods have been updated...\n",
            False,
        )
    if available < desired:
        return (
            f"{prefix}{available} of {desired} updated pods are available...\n",
            False,
        )
    return f'daemon set "{name}" successfully rolled out\n', True


_REVISION = "deployment.kubernetes.io/revision"
VIEWERS: dict[str, Viewer] = {
    "Deployment": deployment_status,
    "DaemonSet": daemonset_status,
}


def run(inv: Invocation) -> list[Error]:
    require_resources(inv)
    require_revision(inv)
    found, errors = resolve(inv, inv.args)
    if errors:
        return errors
    if not found:
        inv.io.err(f"No resources found in {inv.namespace} namespace.\n")
    for item in found:
        error = _watch(inv, item)
        if error is not None:
            return [error]
    return []


def _watch(inv: Invocation, item: Found) -> Error | None:
    viewer = VIEWERS.get(item.rt.kind)
    if viewer is None:
        kind = f"{item.rt.kind}.{item.rt.group}" if item.rt.group else item.rt.kind
        return KubectlError(f"no status viewer has been implemented for {kind}")
    meta = item.obj["metadata"]
    seen: list[tuple[str, Obj]] = [("ADDED", item.obj)]
    cancel = inv.ctx.api.watch(
        item.rt.plural,
        lambda verb, obj: seen.append((verb, obj)),
        actor=ACTOR,
        namespace=meta.get("namespace"),
        field_selector=f"metadata.name={meta['name']}",
    )
    try:
        return _follow(inv, viewer, seen)
    finally:
        cancel()


def _follow(
    inv: Invocation, viewer: Viewer, seen: list[tuple[str, Obj]]
) -> Error | None:
    clock = inv.ctx.clock
    timeout = float(inv.opt("timeout") or 0) or DEFAULT_WAIT_SECONDS
    deadline = clock.now + timeout
    while True:
        while seen:
            verb, obj = seen.pop(0)
            if verb == "DELETED":
                return KubectlError("object has been deleted")
            message, done = viewer(obj, inv.opt("revision"))
            inv.io.out(message)
            if done or not inv.opt("watch"):
                return None
        due = clock.next_time()
        if due is None or due > deadline:
            inv.ctx.advance(max(deadline - clock.now, 0.0))
            if not seen:
                return KubectlError("timed out waiting for the condition")
            continue
        inv.ctx.advance(max(due - clock.now, 0.0))


STATUS = Command(
    "status",
    (
        SELECTOR_FLAG,
        *FILENAME_FLAGS,
        Flag("watch", "w", "bool", True),
        Flag("revision", "", "int", 0),
        Flag("timeout", "", "duration", 0.0),
    ),
    run,
)
