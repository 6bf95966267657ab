"""Flags and helpers several commands share (kubectl's cmdutil)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cluster.api.resources import ResourceType
from cluster.kubectl import fieldvalidation
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import ACTOR, Invocation
from cluster.kubectl.errors import KubectlError
from cluster.kubectl.manifests import Item, Loaded, load, read_sources
from cluster.kubectl.printers import typed
from cluster.kubectl.printers.objects import print_object
from cluster.kubectl.printers.table import kind_prefix

FILENAME_FLAGS = (
    Flag("filename", "f", "strings"),
    Flag("recursive", "R", "bool", False),
    Flag("kustomize", "k"),
)
VALIDATE_FLAG = Flag("validate", "", "string", "strict", no_opt="strict")
DRY_RUN_FLAG = Flag("dry-run", "", "string", "none", no_opt="unchanged")
SELECTOR_FLAG = Flag("selector", "l")
OUTPUT_FLAG = Flag("output", "o")
# genericclioptions.PrintFlags with RecordFlags, as run, replace and patch add them.
PRINT_FLAGS = (
    OUTPUT_FLAG,
    Flag("template"),
    Flag("show-managed-fields", "", "bool", False),
    Flag("allow-missing-template-keys", "", "bool", True),
    Flag("record", "", "bool", False),
)
# cmddelete.DeleteFlags as replace and run declare them (wait off).
REPLACE_DELETE_FLAGS = (
    *FILENAME_FLAGS,
    Flag("force", "", "bool", False),
    Flag("cascade", "", "string", "background", no_opt="background"),
    Flag("grace-period", "", "int", -1),
    Flag("timeout", "", "duration", 0.0),
    Flag("wait", "", "bool", False),
)

# strconv.ParseBool's spellings.
BOOLEANS = {
    **dict.fromkeys(("1", "t", "T", "true", "TRUE", "True"), True),
    **dict.fromkeys(("0", "f", "F", "false", "FALSE", "False"), False),
}
_VALIDATE = {
    "true": True,
    "strict": True,
    "warn": True,
    "false": False,
    "ignore": False,
}


def validate_directive(inv: Invocation) -> bool:
    """``--validate``: whether kubectl checks manifests before sending them."""
    value = str(inv.opt("validate")).lower()
    if value not in _VALIDATE:
        raise KubectlError(
            f'invalid - validate option "{inv.opt("validate")}"; '
            "must be one of: strict (or true), warn, ignore (or false)"
        )
    return _VALIDATE[value]


def dry_run_strategy(inv: Invocation) -> str:
    """``GetDryRunStrategy``: ``none``, ``client`` or ``server``. The bare flag
    and the old boolean spellings still work (kubectl logs a deprecation
    warning for them)."""
    value = str(inv.opt("dry-run"))
    if value in BOOLEANS:
        return "client" if BOOLEANS[value] else "none"
    if value == "unchanged":
        return "client"
    if value in ("client", "server", "none"):
        return value
    raise KubectlError(
        f'Invalid dry-run value ({value}). Must be "none", "server", or "client".'
    )


def dry_run_operation(operation: str, strategy: str) -> str:
    """``PrintFlagsWithDryRunStrategy``: the name printer's operation with
    ``(dry run)`` or ``(server dry run)`` after it."""
    suffix = {"client": " (dry run)", "server": " (server dry run)"}
    return operation + suffix.get(strategy, "")


def create_manifest(
    inv: Invocation, item: Item, obj: dict[str, Any], strategy: str
) -> dict[str, Any]:
    """``Helper.Create`` of a manifest (field validation, ``?dryRun=All`` with
    ``--dry-run=server``): what the server answers; with ``--dry-run=client``
    the manifest itself, never sent. Raises the server's ``StatusError``."""
    if strategy == "client":
        return obj
    obj = fieldvalidation.checked_create(inv, item.rt, obj)
    return inv.ctx.api.create(
        obj, actor=ACTOR, namespace=item.namespace, dry_run=strategy == "server"
    )


def load_manifests(
    inv: Invocation, validate: bool = False, recursive: bool | None = None
) -> Loaded:
    """The objects in the ``-f`` files (into folders with ``-R``, unless
    ``recursive`` says otherwise), in the request's namespace."""
    if recursive is None:
        recursive = bool(inv.opt("recursive"))
    sources = read_sources(inv.opt("filename"), inv.stdin, inv.ctx.base_dir, recursive)
    return load(
        sources,
        namespace=inv.namespace,
        enforce_namespace=inv.namespace_enforced,
        validate=validate,
    )


def refuse_unsupported(inv: Invocation, names: Sequence[str]) -> None:
    """Real flags the simulation does not model yet: say so rather than pretend."""
    for name in names:
        if inv.changed(name) and inv.opt(name) not in (None, False, "", "none", []):
            raise KubectlError(
                f"flag --{name} is not supported by this simulated cluster yet"
            )


def go_list(items: Sequence[str]) -> str:
    """Go's ``%v`` of a []string: ``[a b]``."""
    return "[" + " ".join(items) + "]"


def object_line(rt: ResourceType, name: str, operation: str, short: bool) -> str:
    """The name printer: ``pod/web created``, or ``pod/web`` with ``-o name``."""
    text = f"{kind_prefix(rt)}/{name}"
    return (text if short or not operation else f"{text} {operation}") + "\n"


def print_typed(
    inv: Invocation, rt: ResourceType, obj: dict[str, Any], operation: str
) -> None:
    """What a generator command (``run``, ``create deployment``...) prints of
    the typed object it holds: the name line, or JSON in the Go struct's field
    order, or YAML."""
    output = inv.opt("output") or ""
    if output in ("", "name"):
        name = obj["metadata"]["name"]
        inv.io.out(object_line(rt, name, operation, output == "name"))
    elif output == "json":
        inv.io.objects_printed += 1
        inv.io.out(typed.marshal_indent(obj) + "\n")
    else:
        print_object(inv.io, obj, output)


def info_string(item: Item) -> str:
    """``resource.Info.String()``, as apply quotes it in some errors."""
    rt = item.rt
    resource = f"{rt.group}/{rt.api_version.rpartition('/')[2]}"
    return (
        f'Resource: "{resource}, Resource={rt.plural}", GroupVersionKind: '
        f'"{resource}, Kind={rt.kind}"\n'
        f'Name: "{item.name}", Namespace: "{item.namespace or ""}"'
    )
