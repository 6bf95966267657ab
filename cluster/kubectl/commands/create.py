"""``kubectl create -f`` (``pkg/cmd/create/create.go``)."""

from __future__ import annotations

from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands import create_service, create_workload
from cluster.kubectl.commands.apply import with_last_applied
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    FILENAME_FLAGS,
    OUTPUT_FLAG,
    VALIDATE_FLAG,
    create_manifest,
    dry_run_operation,
    dry_run_strategy,
    go_list,
    load_manifests,
    object_line,
    refuse_unsupported,
    validate_directive,
)
from cluster.kubectl.errors import Error, KubectlError, with_source
from cluster.kubectl.manifests import Item
from cluster.kubectl.printers.objects import print_object

_UNSUPPORTED = ("kustomize", "edit", "raw")


def run(inv: Invocation) -> list[Error]:
    if inv.args:
        return [usage_error(inv.path, f"Unexpected args: {go_list(inv.args)}")]
    refuse_unsupported(inv, _UNSUPPORTED)
    if not inv.opt("filename"):
        return [KubectlError("must specify one of -f and -k")]
    strategy = dry_run_strategy(inv)
    loaded = load_manifests(inv, validate_directive(inv))
    errors: list[Error] = []
    for entry in loaded.entries:
        error = _create_one(inv, entry, strategy) if isinstance(entry, Item) else entry
        if error is not None:
            errors.append(error)
    if not loaded.entries:
        return [KubectlError("no objects passed to create")]
    return errors


def _create_one(inv: Invocation, item: Item, strategy: str) -> Error | None:
    obj = with_last_applied(item.obj) if inv.opt("save-config") else item.obj
    try:
        created = create_manifest(inv, item, obj, strategy)
    except StatusError as exc:
        return with_source("creating", item.source, exc)
    output = inv.opt("output") or ""
    if output in ("", "name"):
        name = created["metadata"].get("name") or ""
        operation = dry_run_operation("created", strategy)
        inv.io.out(object_line(item.rt, name, operation, output == "name"))
    else:
        print_object(inv.io, created, output)
    return None


COMMAND = Command(
    "create",
    (
        *FILENAME_FLAGS,
        VALIDATE_FLAG,
        DRY_RUN_FLAG,
        OUTPUT_FLAG,
        Flag("save-config", "", "bool", False),
        Flag("edit", "", "bool", False),
        Flag("raw"),
        Flag("field-manager", "", "string", "kubectl-create"),
    ),
    run,
    subcommands=(*create_workload.SUBCOMMANDS, *create_service.SUBCOMMANDS),
)
