"""``kubectl replace -f FILE`` (``pkg/cmd/replace/replace.go``): a PUT of each
manifest, which must name an object the server has; ``--force`` deletes the
objects, waits until they are gone, and creates them again.
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl import fieldvalidation
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands.apply import with_last_applied
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    PRINT_FLAGS,
    REPLACE_DELETE_FLAGS,
    VALIDATE_FLAG,
    create_manifest,
    dry_run_operation,
    dry_run_strategy,
    load_manifests,
    object_line,
    refuse_unsupported,
    validate_directive,
)
from cluster.kubectl.commands.delete import deleted_line, propagation, run_until_gone
from cluster.kubectl.commands.printflags import check_output
from cluster.kubectl.errors import Error, KubectlError, with_source
from cluster.kubectl.manifests import Item
from cluster.kubectl.printers.objects import print_object
from cluster.kubectl.selection import Found

Obj = dict[str, Any]
_UNSUPPORTED = ("kustomize", "raw", "subresource")
# replace.go waits up to five minutes for --force deletions by default.
_FORCE_TIMEOUT = 300.0


def run(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, _UNSUPPORTED)
    validate = validate_directive(inv)
    strategy = dry_run_strategy(inv)
    check_output(inv.opt("output") or "", ("", "name", "json", "yaml"))
    policy = propagation(inv)
    grace = int(inv.opt("grace-period"))
    grace = 1 if grace == 0 else grace  # --grace-period=0 means 1s, and waiting
    _validate(inv, grace, strategy)
    if inv.opt("force"):
        return _force_replace(inv, validate, grace, policy)
    loaded = load_manifests(inv, validate)
    errors: list[Error] = []
    for entry in loaded.entries:
        error = _replace_one(inv, entry, strategy) if isinstance(entry, Item) else entry
        if error is not None:
            errors.append(error)
    return errors


def _validate(inv: Invocation, grace: int, strategy: str) -> None:
    """``ReplaceOptions.Complete``'s filename check, then ``Validate``."""
    if not inv.opt("filename"):
        raise KubectlError("must specify one of -f and -k")
    force = bool(inv.opt("force"))
    if grace >= 0 and not force:
        raise KubectlError("--grace-period must have --force specified")
    if inv.opt("timeout") and not force:
        raise KubectlError("--timeout must have --force specified")
    if force and strategy != "none":
        raise KubectlError("--dry-run can not be used when --force is set")


def _replace_one(inv: Invocation, item: Item, strategy: str) -> Error | None:
    obj = with_last_applied(item.obj) if inv.opt("save-config") else item.obj
    operation = dry_run_operation("replaced", strategy)
    if strategy == "client":
        _report(inv, item, obj, operation)
        return None
    try:
        replaced = _put(inv, item, obj, strategy == "server")
    except StatusError as exc:
        return with_source("replacing", item.source, exc)
    _report(inv, item, replaced, operation)
    return None


def _put(inv: Invocation, item: Item, obj: Obj, dry_run: bool) -> Obj:
    """``Helper.Replace`` with overwrite: without a resourceVersion, take the
    live object's (a GET, so a missing object is NotFound), then PUT."""
    obj = fieldvalidation.checked_create(inv, item.rt, obj)
    meta = obj.setdefault("metadata", {})
    if not meta.get("resourceVersion"):
        live = inv.ctx.api.get(item.rt.plural, item.name, item.namespace)
        meta["resourceVersion"] = live["metadata"]["resourceVersion"]
    return inv.ctx.api.update(obj, actor=ACTOR, dry_run=dry_run)


def _force_replace(
    inv: Invocation, validate: bool, grace: int, policy: str
) -> list[Error]:
    loaded = load_manifests(inv, validate)
    if loaded.errors:
        return loaded.errors
    deleted: list[Found] = []
    for item in loaded.items:
        try:
            response = inv.ctx.api.delete(
                item.rt.plural,
                item.name,
                item.namespace,
                actor=ACTOR,
                grace_period_seconds=grace if grace >= 0 else None,
                propagation_policy=policy,
            )
        except StatusError as exc:
            if exc.code == 404:
                continue  # replace ignores NotFound: it creates the object
            return [with_source("deleting", item.source, exc)]
        found = Found(item.rt, response)
        inv.io.out(deleted_line(inv, found, grace))
        deleted.append(found)
    timeout = float(inv.opt("timeout") or 0) or _FORCE_TIMEOUT
    deadline = inv.ctx.clock.now + timeout
    for found in deleted:
        if not run_until_gone(inv, found, deadline):
            return [KubectlError("context deadline exceeded")]
    return _create_all(inv, loaded.items)


def _create_all(inv: Invocation, items: list[Item]) -> list[Error]:
    for item in items:
        obj = with_last_applied(item.obj) if inv.opt("save-config") else item.obj
        try:
            created = create_manifest(inv, item, obj, "none")
        except StatusError as exc:
            return [exc]
        _report(inv, item, created, "replaced")
    if not items:
        return [KubectlError("no objects passed to replace")]
    return []


def _report(inv: Invocation, item: Item, obj: Obj, operation: str) -> None:
    output = inv.opt("output") or ""
    if output in ("", "name"):
        inv.io.out(object_line(item.rt, item.name, operation, output == "name"))
    else:
        print_object(inv.io, obj, output)


COMMAND = Command(
    "replace",
    (
        *PRINT_FLAGS,
        *REPLACE_DELETE_FLAGS,
        VALIDATE_FLAG,
        Flag("save-config", "", "bool", False),
        DRY_RUN_FLAG,
        Flag("raw"),
        Flag("field-manager", "", "string", "kubectl-replace"),
        Flag("subresource", "", "string", ""),
    ),
    run,
)
