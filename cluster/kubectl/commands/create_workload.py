"""``kubectl create deployment`` and ``kubectl create job``
(``pkg/cmd/create/create_deployment.go``, ``create_job.go``).

The objects are built as kubectl's typed structs encode: empty structs the
server would fill (``strategy``, a container's ``resources``, ``status``)
print as ``{}`` with ``--dry-run=client``.
"""

from __future__ import annotations

import random
import re
from typing import Any

from cluster.api import resources
from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands.apply import with_last_applied
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    VALIDATE_FLAG,
    dry_run_operation,
    dry_run_strategy,
    print_typed,
    refuse_unsupported,
)
from cluster.kubectl.errors import Error, KubectlError

Obj = dict[str, Any]
_UNSUPPORTED = ("from",)


def _name(inv: Invocation) -> str:
    """``NameFromCommandArgs``: exactly one name before ``--``."""
    count = inv.parsed.dash_at if inv.parsed.dash_at is not None else len(inv.args)
    if count != 1:
        raise usage_error(inv.path, f"exactly one NAME is required, got {count}")
    return inv.args[0]


def _command_args(inv: Invocation) -> list[str]:
    return inv.args[1:]


def run_deployment(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, _UNSUPPORTED)
    name = _name(inv)
    dry_run_strategy(inv)  # Complete checks it before Validate runs
    images: list[str] = inv.opt("image")
    if not inv.changed("image"):
        return [KubectlError('required flag(s) "image" not set')]
    command = _command_args(inv)
    if len(images) > 1 and command:
        return [KubectlError("cannot specify multiple --image options and command")]
    labels = {"app": name}
    rng = inv.ctx.clock.rng("kubectl-create")
    containers = [_container(image, command, rng) for image in images]
    if inv.opt("port") >= 0 and containers:
        containers[0]["ports"] = [{"containerPort": inv.opt("port")}]
    deploy = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": dict(labels)},
        "spec": {
            "replicas": inv.opt("replicas"),
            "selector": {"matchLabels": dict(labels)},
            "template": {
                "metadata": {"labels": dict(labels)},
                "spec": {"containers": containers},
            },
            "strategy": {},
        },
        "status": {},
    }
    return _create(inv, deploy, resources.DEPLOYMENT, "deployment")


def _container(image: str, command: list[str], rng: random.Random) -> Obj:
    """``buildPodSpec``: the container is named after the image's repository."""
    name = image.split("/")[-1].split(":")[0].split("@")[0]
    if "_" in name or "." in name:
        suffix = "".join(rng.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5))
        name = re.sub(r"[_.]", "-", name) + "-" + suffix
    container: Obj = {"name": name, "image": image}
    if command:
        container["command"] = command
    container["resources"] = {}
    return container


def run_job(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, _UNSUPPORTED)
    name = _name(inv)
    dry_run_strategy(inv)  # Complete checks it before Validate runs
    if not inv.opt("image"):
        return [KubectlError("either --image or --from must be specified")]
    container: Obj = {"name": name, "image": inv.opt("image")}
    if _command_args(inv):
        container["command"] = _command_args(inv)
    container["resources"] = {}
    job = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": name},
        "spec": {
            "template": {
                "metadata": {},
                "spec": {"containers": [container], "restartPolicy": "Never"},
            }
        },
        "status": {},
    }
    return _create(inv, job, resources.JOB, "job")


def _create(inv: Invocation, obj: Obj, rt: Any, noun: str) -> list[Error]:
    strategy = dry_run_strategy(inv)
    if inv.namespace_enforced:
        obj["metadata"]["namespace"] = inv.namespace
    if inv.opt("save-config"):
        obj = with_last_applied(obj)
    if strategy != "client":
        try:
            obj = inv.ctx.api.create(
                obj,
                actor=ACTOR,
                namespace=inv.namespace,
                dry_run=strategy == "server",
            )
        except StatusError as err:
            # The command wraps the API error with %v: it prints as a plain error.
            return [KubectlError(f"failed to create {noun}: {err.message}")]
    print_typed(inv, rt, obj, dry_run_operation("created", strategy))
    return []


_COMMON = (
    OUTPUT_FLAG,
    VALIDATE_FLAG,
    DRY_RUN_FLAG,
    Flag("save-config", "", "bool", False),
    Flag("field-manager", "", "string", "kubectl-create"),
)
_DEPLOYMENT_FLAGS = (
    *_COMMON,
    Flag("image", "", "strings"),
    Flag("port", "", "int", -1),
    Flag("replicas", "r", "int", 1),
)
DEPLOYMENT = Command("deployment", _DEPLOYMENT_FLAGS, run_deployment)
DEPLOY = Command("deploy", _DEPLOYMENT_FLAGS, run_deployment)
JOB = Command("job", (*_COMMON, Flag("image"), Flag("from")), run_job)
SUBCOMMANDS = (DEPLOYMENT, DEPLOY, JOB)
