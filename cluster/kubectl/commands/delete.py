"""``kubectl delete`` (``pkg/cmd/delete/delete.go``).

Like kubectl (``--wait=true`` by default) the command returns only once the
objects are gone; here that means running the simulation forward, event by
event, until they are, so a pod on a node takes its grace period to go.
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands.common import (
    BOOLEANS,
    DRY_RUN_FLAG,
    FILENAME_FLAGS,
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    dry_run_operation,
    dry_run_strategy,
    load_manifests,
    refuse_unsupported,
)
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.manifests import Item
from cluster.kubectl.printers.table import kind_prefix
from cluster.kubectl.selection import Found, Selection, fetch, select

Obj = dict[str, Any]
# kubectl waits up to a week; a simulation that has not finished a deletion
# in an hour of simulated time is stuck, and says so the way kubectl would.
DEFAULT_WAIT_SECONDS = 3600.0
_IMMEDIATE = (
    "Immediate deletion does not wait for confirmation that the running "
    "resource has been terminated. The resource may continue to run on "
    "the cluster indefinitely."
)
_CASCADES = ("background", "foreground", "orphan")
_UNSUPPORTED = ("interactive", "raw", "kustomize")


def run(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, _UNSUPPORTED)
    policy = propagation(inv)
    grace = _grace_period(inv)
    strategy = dry_run_strategy(inv)
    _validate(inv, grace)
    deleted: list[Found] = []
    errors: list[Error] = []
    for entry in _targets(inv):
        result = entry
        if isinstance(entry, Found):
            result = _delete_one(inv, entry, grace, policy, strategy)
        if isinstance(result, Found):
            deleted.append(result)
        elif result is not None and not _ignored(inv, result):
            errors.append(result)
    if errors:
        return errors
    if not deleted:
        inv.io.out("No resources found\n")
        return []
    # A dry run deleted nothing: there is nothing to wait for.
    if not inv.opt("wait") or strategy != "none":
        return []
    return _wait_for_deletion(inv, deleted)


def propagation(inv: Invocation) -> str:
    """``parseCascadingFlag``: the propagationPolicy kubectl sends; booleans
    still work, with a deprecation warning."""
    value = str(inv.opt("cascade"))
    if value in BOOLEANS:
        background = BOOLEANS[value]
        inv.io.err(
            f"warning: --cascade={value} is deprecated (boolean value) and can be "
            f"replaced with --cascade={'background' if background else 'orphan'}.\n"
        )
        return "Background" if background else "Orphan"
    if value not in _CASCADES:
        raise KubectlError(
            f"invalid cascade value ({value}). Must be "
            '"background", "foreground", or "orphan"'
        )
    return value.capitalize()


def _grace_period(inv: Invocation) -> int:
    """delete.go Complete: --now means 1s, and 0 without --force also means 1s."""
    grace = int(inv.opt("grace-period"))
    if inv.opt("now"):
        if grace != -1:
            raise KubectlError("--now and --grace-period cannot be specified together")
        grace = 1
    if grace == 0 and not inv.opt("force"):
        grace = 1
    if inv.opt("force") and grace < 0:
        grace = 0
    return grace


def _validate(inv: Invocation, grace: int) -> None:
    output = inv.opt("output") or ""
    if output not in ("", "name"):
        raise KubectlError(
            f"unexpected -o output mode: {output}. We only support '-o name'"
        )
    if inv.opt("all") and inv.opt("selector"):
        raise KubectlError("cannot set --all and --selector at the same time")
    if inv.opt("all") and inv.opt("field-selector"):
        raise KubectlError("cannot set --all and --field-selector at the same time")
    if grace == 0 and inv.opt("force"):
        inv.io.err(f"Warning: {_IMMEDIATE}\n")
    elif grace > 0 and inv.opt("force"):
        raise KubectlError(
            "--force and --grace-period greater than 0 cannot be specified together"
        )


def _targets(inv: Invocation) -> list[Found | Error]:
    """What to delete, in order: named objects (fetched by the delete itself)
    and the members of listed types, with the errors met finding them."""
    if inv.opt("filename"):
        loaded = load_manifests(inv)
        return [
            Found(e.rt, e.obj) if isinstance(e, Item) else e for e in loaded.entries
        ]
    all_ns = bool(inv.opt("all-namespaces"))
    selection = select(inv.args, all_namespaces=all_ns, allow_list=_bulk(inv))
    entries: list[Found | Error] = []
    for target in selection.targets:
        if target.name is not None:
            stub = {"metadata": {"name": target.name, "namespace": inv.namespace}}
            entries.append(Found(target.rt, stub))
            continue
        found, errors = fetch(
            inv.ctx.api,
            Selection((target,), False),
            inv.namespace,
            all_ns,
            inv.opt("selector"),
            inv.opt("field-selector"),
        )
        entries += [*found, *errors]
    return entries


def _bulk(inv: Invocation) -> bool:
    return bool(inv.opt("all") or inv.opt("selector") or inv.opt("field-selector"))


def _ignored(inv: Invocation, error: Error) -> bool:
    """NotFound is ignored with --ignore-not-found, which --all, -l and
    --field-selector turn on unless it is given explicitly."""
    ignore = (
        inv.opt("ignore-not-found") if inv.changed("ignore-not-found") else _bulk(inv)
    )
    return bool(ignore) and isinstance(error, StatusError) and error.code == 404


def _delete_one(
    inv: Invocation, f: Found, grace: int, policy: str, strategy: str
) -> Found | Error:
    meta = f.obj["metadata"]
    namespace = (meta.get("namespace") or inv.namespace) if f.rt.namespaced else None
    _warn_cluster_scope(inv, f)
    if strategy == "client":
        # kubectl sends nothing, and does not even look the object up.
        if f.rt.namespaced:
            meta["namespace"] = namespace
        inv.io.out(deleted_line(inv, f, grace, strategy))
        return f
    try:
        response = inv.ctx.api.delete(
            f.rt.plural,
            meta["name"],
            namespace,
            actor=ACTOR,
            grace_period_seconds=grace if grace >= 0 else None,
            propagation_policy=policy,
            dry_run=strategy == "server",
        )
    except StatusError as exc:
        return exc
    deleted = Found(f.rt, response)
    inv.io.out(deleted_line(inv, deleted, grace, strategy))
    return deleted


def _warn_cluster_scope(inv: Invocation, f: Found) -> None:
    """Once per command: ``-n`` was given but the object has no namespace."""
    if (
        inv.namespace_enforced
        and not f.rt.namespaced
        and not inv.opt("all-namespaces")
        and not inv.io.warned_cluster_scope
    ):
        inv.io.warned_cluster_scope = True
        inv.io.err(
            "Warning: deleting cluster-scoped resources, not scoped to the "
            "provided namespace\n"
        )


def deleted_line(inv: Invocation, f: Found, grace: int, strategy: str = "none") -> str:
    """``DeleteOptions.PrintObj``: its own wording, the dry-run suffix last."""
    name = f.obj["metadata"]["name"]
    if inv.opt("output") == "name":
        return f"{kind_prefix(f.rt)}/{name}\n"
    operation = "force deleted" if grace == 0 else "deleted"
    if f.rt.namespaced:
        operation += f" from {f.obj['metadata'].get('namespace')} namespace"
    operation = dry_run_operation(operation, strategy)
    return f'{kind_prefix(f.rt)} "{name}" {operation}\n'


def _wait_for_deletion(inv: Invocation, deleted: list[Found]) -> list[Error]:
    timeout = float(inv.opt("timeout") or 0) or DEFAULT_WAIT_SECONDS
    deadline = inv.ctx.clock.now + timeout
    for f in deleted:
        if not run_until_gone(inv, f, deadline):
            return [
                KubectlError(
                    f"timed out waiting for the condition on "
                    f"{f.rt.plural}/{f.obj['metadata']['name']}"
                )
            ]
    return []


def run_until_gone(inv: Invocation, f: Found, deadline: float) -> bool:
    """Advance simulated time, one pending event at a time, until ``f`` is gone."""
    clock = inv.ctx.clock
    while not _gone(inv, f):
        due = clock.next_time()
        if due is None or due > deadline:
            inv.ctx.advance(max(deadline - clock.now, 0.0))
            return _gone(inv, f)
        inv.ctx.advance(max(due - clock.now, 0.0))
    return True


def _gone(inv: Invocation, f: Found) -> bool:
    meta = f.obj["metadata"]
    namespace = meta.get("namespace") if f.rt.namespaced else None
    try:
        live = inv.ctx.api.get(f.rt.plural, meta["name"], namespace)
    except StatusError:
        return True
    # A new object under the same name is not the one we deleted.
    return live["metadata"].get("uid") != meta.get("uid")


COMMAND = Command(
    "delete",
    (
        SELECTOR_FLAG,
        OUTPUT_FLAG,
        DRY_RUN_FLAG,
        *FILENAME_FLAGS,
        Flag("all", "", "bool", False),
        Flag("all-namespaces", "A", "bool", False),
        Flag("cascade", "", "string", "background", no_opt="background"),
        Flag("field-selector"),
        Flag("force", "", "bool", False),
        Flag("grace-period", "", "int", -1),
        Flag("ignore-not-found", "", "bool", False),
        Flag("interactive", "i", "bool", False),
        Flag("now", "", "bool", False),
        Flag("raw"),
        Flag("timeout", "", "duration", 0.0),
        Flag("wait", "", "bool", True),
    ),
    run,
)
