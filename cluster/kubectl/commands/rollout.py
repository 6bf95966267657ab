"""``kubectl rollout`` (``pkg/cmd/rollout``): ``status``, ``history``,
``undo`` (in their own modules) and ``pause``, ``resume``, ``restart``, which
patch the object as ``polymorphichelpers`` objectpauser, objectresumer and
objectrestarter do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands.common import (
    FILENAME_FLAGS,
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    object_line,
)
from cluster.kubectl.commands.resolve import (
    require_resources,
    resolve,
    resource_string,
)
from cluster.kubectl.commands.rollout_history import HISTORY, UNDO
from cluster.kubectl.commands.rollout_status import STATUS
from cluster.kubectl.errors import Error, KubectlError

Obj = dict[str, Any]
RESTARTED_AT = "kubectl.kubernetes.io/restartedAt"
# A patch function changes the object or raises with the reason it cannot.
Patch = Callable[[Obj, str], None]


def _pause(obj: Obj, now: str) -> None:
    if obj.get("kind") != "Deployment":
        raise ValueError("pausing is not supported")
    if obj["spec"].get("paused"):
        raise ValueError("is already paused")
    obj["spec"]["paused"] = True


def _resume(obj: Obj, now: str) -> None:
    if obj.get("kind") != "Deployment":
        raise ValueError("resuming is not supported")
    if not obj["spec"].get("paused"):
        raise ValueError("is not paused")
    obj["spec"]["paused"] = False


def _restart(obj: Obj, now: str) -> None:
    if obj.get("kind") not in ("Deployment", "DaemonSet", "StatefulSet"):
        raise ValueError("restarting is not supported")
    if obj["spec"].get("paused"):
        raise ValueError("can't restart paused deployment (run rollout resume first)")
    template = obj["spec"].setdefault("template", {}).setdefault("metadata", {})
    template.setdefault("annotations", {})[RESTARTED_AT] = now


def _run(patch: Patch, done: str) -> Callable[[Invocation], list[Error]]:
    def run(inv: Invocation) -> list[Error]:
        require_resources(inv)
        found, errors = resolve(inv, inv.args)
        if not found and not errors:
            inv.io.err(f"No resources found in {inv.namespace} namespace.\n")
            return []
        for item in found:
            error = _apply(inv, item, patch, done)
            if error is not None:
                errors.append(error)
        return errors

    return run


def _apply(inv: Invocation, item: Any, patch: Patch, done: str) -> Error | None:
    obj, name = item.obj, item.obj["metadata"]["name"]
    before = repr(obj["spec"])
    try:
        patch(obj, inv.ctx.clock.timestamp())
    except ValueError as err:
        return KubectlError(f'error: {resource_string(item)} "{name}" {err}')
    if repr(obj["spec"]) == before:
        return KubectlError(
            f"failed to create patch for {name}: if restart has already been "
            "triggered within the past second, please wait before attempting to "
            "trigger another"
        )
    try:
        inv.ctx.api.update(obj, actor=ACTOR)
    except StatusError as err:
        return KubectlError(f"failed to patch: {err.message}")
    inv.io.out(object_line(item.rt, name, done, inv.opt("output") == "name"))
    return None


_FLAGS = (SELECTOR_FLAG, OUTPUT_FLAG, *FILENAME_FLAGS)
PAUSE = Command("pause", _FLAGS, _run(_pause, "paused"))
RESUME = Command("resume", _FLAGS, _run(_resume, "resumed"))
RESTART = Command("restart", _FLAGS, _run(_restart, "restarted"))


def _root(inv: Invocation) -> list[Error]:
    if inv.args:
        return [KubectlError(f'unknown command "{inv.args[0]}" for "kubectl rollout"')]
    inv.io.out(
        "Manage the rollout of one or many resources.\n\n"
        " Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n"
        "  *  statefulsets\n"
    )
    return []


COMMAND = Command(
    "rollout", (), _root, subcommands=(HISTORY, PAUSE, RESTART, RESUME, STATUS, UNDO)
)
