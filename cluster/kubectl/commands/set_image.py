"""``kubectl set image`` (``pkg/cmd/set/set_image.go``): patch the images of
a workload's pod template (or a pod), ``container=image`` or ``*=image``."""

from __future__ import annotations

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
    refuse_unsupported,
)
from cluster.kubectl.commands.resolve import resolve
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.selection import Found

Obj = dict[str, Any]
_UNSUPPORTED = ("local", "record", "kustomize")


def run(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, _UNSUPPORTED)
    strategy = dry_run_strategy(inv)
    resources, images = _split(inv.args)
    problems = _validate(inv, resources, images)
    if problems:
        return [KubectlError(p) for p in problems]
    found, errors = resolve(inv, resources, allow_list=bool(inv.opt("all")))
    if errors:
        return errors
    failures: list[str] = []
    for item in found:
        failures += _set(inv, item, images, strategy)
    # An aggregate: one error prints as "error: ...", several one per line.
    return [KubectlError(f) for f in failures]


def _split(args: list[str]) -> tuple[list[str], dict[str, str]]:
    """``GetResourcesAndPairs`` then ``ParsePairs``: ``name=image`` pairs."""
    resources = [a for a in args if "=" not in a]
    images: dict[str, str] = {}
    for arg in args:
        if "=" in arg:
            name, _, image = arg.partition("=")
            images[name] = image
    return resources, images


def _validate(
    inv: Invocation, resources: list[str], images: dict[str, str]
) -> list[str]:
    problems = []
    if inv.opt("all") and inv.opt("selector"):
        problems.append("cannot set --all and --selector at the same time")
    if not resources and not inv.opt("filename"):
        problems.append(
            "one or more resources must be specified as <resource> <name> or "
            "<resource>/<name>"
        )
    if not images:
        problems.append("at least one image update is required")
    elif len(images) > 1 and "*" in images:
        problems.append(
            "all containers are already specified by *, but saw more than one "
            "container_name=container_image pairs"
        )
    return problems


def _set(
    inv: Invocation, item: Found, images: dict[str, str], strategy: str
) -> list[str]:
    obj = item.obj
    spec = _pod_spec(obj)
    if spec is None:
        return [
            f"error: {item.rt.kind.lower()}/{obj['metadata']['name']} "
            "the object is not a pod or does not have a pod template\n"
        ]
    failures = []
    changed = False
    for name, image in images.items():
        found = False
        for container in (spec.get("initContainers") or []) + (
            spec.get("containers") or []
        ):
            if name in ("*", container.get("name")):
                found = True
                changed = changed or container.get("image") != image
                container["image"] = image
        if not found:
            failures.append(f'error: unable to find container named "{name}"')
    if not changed:
        return failures
    if strategy != "client":
        try:
            inv.ctx.api.update(obj, actor=ACTOR, dry_run=strategy == "server")
        except StatusError as err:
            return [
                *failures,
                f"failed to patch image update to pod template: {err.message}",
            ]
    operation = dry_run_operation("image updated", strategy)
    inv.io.out(object_line(item.rt, obj["metadata"]["name"], operation, False))
    return failures


def _pod_spec(obj: Obj) -> Obj | None:
    if obj.get("kind") == "Pod":
        return obj.get("spec")
    template = (obj.get("spec") or {}).get("template")
    return template.get("spec") if template else None


IMAGE = Command(
    "image",
    (
        SELECTOR_FLAG,
        OUTPUT_FLAG,
        DRY_RUN_FLAG,
        *FILENAME_FLAGS,
        Flag("all", "", "bool", False),
        Flag("local", "", "bool", False),
        Flag("record", "", "bool", False),
        Flag("field-manager", "", "string", "kubectl-set"),
    ),
    run,
)


def _set_root(inv: Invocation) -> list[Error]:
    return [
        KubectlError(
            f'unknown command "{inv.args[0]}" for "kubectl set"'
            if inv.args
            else "You must specify the type of resource to set."
        )
    ]


COMMAND = Command("set", (), _set_root, subcommands=(IMAGE,))
