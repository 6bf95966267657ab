"""``kubectl rollout history`` and ``kubectl rollout undo`` for Deployments
(``polymorphichelpers/history.go``, ``rollback.go``): each ReplicaSet the
Deployment owns is one revision."""

from __future__ import annotations

import copy
from typing import Any

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
)
from cluster.kubectl.commands.resolve import require_resources, resolve
from cluster.kubectl.describe.template import describe_pod_template
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.selection import Found
from cluster.kubectl.tabwriter import DESCRIBE, TabWriter

Obj = dict[str, Any]
REVISION = "deployment.kubernetes.io/revision"
CHANGE_CAUSE = "kubernetes.io/change-cause"
HASH_LABEL = "pod-template-hash"
SKIPPED = frozenset(
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        REVISION,
        "deployment.kubernetes.io/revision-history",
        "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas",
        "deprecated.deployment.rollback.to",
    }
)


def revisions(api: Any, d: Obj) -> dict[int, Obj]:
    """The Deployment's ReplicaSets by revision (``GetAllReplicaSets``)."""
    found: dict[int, Obj] = {}
    for rs in api.list("replicasets", d["metadata"]["namespace"]):
        refs = rs["metadata"].get("ownerReferences") or []
        if not any(
            r.get("controller") and r.get("uid") == d["metadata"]["uid"] for r in refs
        ):
            continue
        text = (rs["metadata"].get("annotations") or {}).get(REVISION, "0")
        found[int(text) if text.isdigit() else 0] = rs
    return found


class RawPrefixWriter:
    """describe.NewPrefixWriter over a plain buffer: tabs stay tabs."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, level: int, text: str) -> None:
        self._parts.append("  " * level + text)

    def line(self, text: str = "") -> None:
        self._parts.append(text + "\n")

    def flush(self) -> None:
        return None

    def getvalue(self) -> str:
        return "".join(self._parts)


def _template_text(rs: Obj, with_cause: bool = True) -> str:
    """``printTemplate``: DescribePodTemplate of the ReplicaSet's template
    (``rollout history`` adds its change-cause first)."""
    template = copy.deepcopy(rs["spec"]["template"])
    cause = (rs["metadata"].get("annotations") or {}).get(CHANGE_CAUSE)
    if cause and with_cause:
        template.setdefault("metadata", {}).setdefault("annotations", {})[
            CHANGE_CAUSE
        ] = cause
    w = RawPrefixWriter()
    describe_pod_template(w, template)  # type: ignore[arg-type]
    return w.getvalue()


def view_history(api: Any, d: Obj, revision: int) -> str:
    history = revisions(api, d)
    if not history:
        return "No rollout history found."
    if revision > 0:
        if revision not in history:
            raise KubectlError("unable to find the specified revision")
        return _template_text(history[revision])
    tw = TabWriter(*DESCRIBE)
    tw.write("REVISION\tCHANGE-CAUSE\n")
    for number in sorted(history):
        cause = (history[number]["metadata"].get("annotations") or {}).get(CHANGE_CAUSE)
        tw.write(f"{number}\t{cause or '<none>'}\n")
    return tw.getvalue()


def require_revision(inv: Invocation) -> None:
    if inv.opt("revision") < 0:
        raise KubectlError(
            f"revision must be a positive integer: {inv.opt('revision')}"
        )


def run_history(inv: Invocation) -> list[Error]:
    require_resources(inv)
    require_revision(inv)
    found, errors = resolve(inv, inv.args)
    for item in found:
        if item.rt.kind != "Deployment":
            return [_no_history(item)]
        text = view_history(inv.ctx.api, item.obj, inv.opt("revision"))
        shown = (
            f"with revision #{inv.opt('revision')}" if inv.opt("revision") > 0 else ""
        )
        inv.io.out(
            object_line(
                item.rt, item.obj["metadata"]["name"], f"{shown}\n{text}", False
            )
        )
    return errors


def _no_history(item: Found) -> Error:
    kind = f"{item.rt.kind}.{item.rt.group}" if item.rt.group else item.rt.kind
    if item.rt.kind in ("DaemonSet", "StatefulSet"):
        return KubectlError(
            f"rollout history of a {item.rt.kind} is not available in this "
            "simulated cluster yet"
        )
    return KubectlError(f'no history viewer has been implemented for "{kind}"')


def run_undo(inv: Invocation) -> list[Error]:
    strategy = dry_run_strategy(inv)
    require_resources(inv)
    found, errors = resolve(inv, inv.args)
    for item in found:
        if item.rt.kind != "Deployment":
            return [_no_rollbacker(item)]
        result = rollback(inv.ctx.api, item.obj, inv.opt("to-revision"), strategy)
        operation = dry_run_operation(result, strategy)
        name = item.obj["metadata"]["name"]
        inv.io.out(object_line(item.rt, name, operation, False))
    return errors


def _no_rollbacker(item: Found) -> Error:
    kind = f"{item.rt.kind}.{item.rt.group}" if item.rt.group else item.rt.kind
    return KubectlError(f'no rollbacker has been implemented for "{kind}"')


def rollback(api: Any, d: Obj, to_revision: int, strategy: str = "none") -> str:
    """``DeploymentRollbacker.Rollback``: put the chosen revision's template
    (and its annotations) back into the Deployment; ``--dry-run=client`` only
    describes that template."""
    if to_revision < 0:
        raise KubectlError(
            f"unable to find specified revision {to_revision} in history"
        )
    target = _target(api, d, to_revision)
    if strategy == "client":
        return _template_text(target, with_cause=False)
    if d["spec"].get("paused"):
        raise KubectlError(
            "you cannot rollback a paused deployment; resume it first with "
            "'kubectl rollout resume' and try again"
        )
    template = copy.deepcopy(target["spec"]["template"])
    (template.get("metadata") or {}).get("labels", {}).pop(HASH_LABEL, None)
    if template == d["spec"]["template"]:
        return (
            "skipped rollback (current template already matches revision "
            f"{to_revision})"
        )
    annotations = {
        k: v
        for k, v in (d["metadata"].get("annotations") or {}).items()
        if k in SKIPPED
    }
    for key, value in (target["metadata"].get("annotations") or {}).items():
        if key not in SKIPPED:
            annotations[key] = value
    d["spec"]["template"] = template
    d["metadata"]["annotations"] = annotations
    try:
        api.update(d, actor=ACTOR, dry_run=strategy == "server")
    except StatusError as err:
        raise KubectlError(
            f"failed restoring revision {to_revision}: {err.message}"
        ) from None
    return "rolled back"


def _target(api: Any, d: Obj, to_revision: int) -> Obj:
    history = revisions(api, d)
    if to_revision > 0:
        if to_revision not in history:
            raise KubectlError(
                f"unable to find specified revision {to_revision} in history"
            )
        return history[to_revision]
    ordered = sorted(n for n in history if n > 0)
    if len(ordered) < 2:
        raise KubectlError(
            f'no rollout history found for deployment "{d["metadata"]["name"]}"'
        )
    return history[ordered[-2]]


HISTORY = Command(
    "history",
    (SELECTOR_FLAG, OUTPUT_FLAG, *FILENAME_FLAGS, Flag("revision", "", "int", 0)),
    run_history,
)
UNDO = Command(
    "undo",
    (
        SELECTOR_FLAG,
        OUTPUT_FLAG,
        DRY_RUN_FLAG,
        *FILENAME_FLAGS,
        Flag("to-revision", "", "int", 0),
    ),
    run_undo,
)
