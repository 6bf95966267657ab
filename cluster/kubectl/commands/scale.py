"""``kubectl scale`` (``pkg/cmd/scale/scale.go``): set ``spec.replicas``
through the scale subresource of Deployments and ReplicaSets."""

from __future__ import annotations

from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    FILENAME_FLAGS,
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    dry_run_operation,
    dry_run_strategy,
    object_line,
    refuse_unsupported,
)
from cluster.kubectl.commands.resolve import resolve
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.selection import Found

SCALABLE = ("Deployment", "ReplicaSet", "StatefulSet", "ReplicationController")
_UNSUPPORTED = ("timeout", "kustomize")


def run(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, _UNSUPPORTED)
    strategy = dry_run_strategy(inv)
    replicas, current = inv.opt("replicas"), inv.opt("current-replicas")
    if replicas < 0:
        return [
            KubectlError(
                "The --replicas=COUNT flag is required, and COUNT must be greater "
                "than or equal to 0"
            )
        ]
    if current < -1:
        return [
            KubectlError(
                "The --current-replicas must specify an integer of -1 or greater"
            )
        ]
    found, errors = resolve(inv, inv.args, allow_list=bool(inv.opt("all")))
    if not found:
        return errors or [KubectlError("no objects passed to scale")]
    for item in found:
        error = _scale(inv, item, replicas, current, strategy)
        if error is not None:
            return [error]
    return errors


def _scale(
    inv: Invocation, item: Found, replicas: int, current: int, strategy: str
) -> Error | None:
    obj = item.obj
    name = obj["metadata"]["name"]
    operation = dry_run_operation("scaled", strategy)
    short = inv.opt("output") == "name"
    if strategy == "client":
        # kubectl only prints the object it found: no precondition, no request.
        inv.io.out(object_line(item.rt, name, operation, short))
        return None
    if obj.get("kind") not in SCALABLE:
        return StatusError(
            404, "NotFound", "the server could not find the requested resource"
        )
    have = obj["spec"].get("replicas", 1)
    if current != -1 and have != current:
        return KubectlError(f"Expected replicas to be {current}, was {have}")
    obj["spec"]["replicas"] = replicas
    try:
        inv.ctx.api.update(obj, actor=ACTOR, dry_run=strategy == "server")
    except StatusError as err:
        return err
    inv.io.out(object_line(item.rt, name, operation, short))
    return None


COMMAND = Command(
    "scale",
    (
        SELECTOR_FLAG,
        OUTPUT_FLAG,
        DRY_RUN_FLAG,
        *FILENAME_FLAGS,
        Flag("all", "", "bool", False),
        Flag("replicas", "", "int", -1),
        Flag("current-replicas", "", "int", -1),
        Flag("resource-version"),
        Flag("timeout", "", "duration", 0.0),
    ),
    run,
)
