"""``kubectl apply -f`` (client-side apply, ``pkg/cmd/apply/apply.go``).

A new object is created carrying the ``kubectl.kubernetes.io/last-applied-
configuration`` annotation; an existing one is patched with the three-way
merge of that annotation, the manifest and the live object, and reported as
``configured``, or ``unchanged`` when the patch is empty.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl import fieldvalidation
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    FILENAME_FLAGS,
    OUTPUT_FLAG,
    VALIDATE_FLAG,
    create_manifest,
    dry_run_operation,
    dry_run_strategy,
    go_list,
    info_string,
    load_manifests,
    object_line,
    refuse_unsupported,
    validate_directive,
)
from cluster.kubectl.errors import Error, KubectlError, with_source
from cluster.kubectl.manifests import Item
from cluster.kubectl.merge import apply_patch, three_way
from cluster.kubectl.printers import gojson
from cluster.kubectl.printers.objects import print_object

Obj = dict[str, Any]
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
_MISSING_ANNOTATION = (
    "Warning: resource {0} is missing the {1} annotation which is required by "
    "kubectl apply. kubectl apply should only be used on resources created "
    "declaratively by either kubectl create --save-config or kubectl apply. The "
    "missing annotation will be patched automatically.\n"
)
_UNSUPPORTED = ("kustomize", "server-side", "prune", "force")


def run(inv: Invocation) -> list[Error]:
    if inv.args:
        return [usage_error(inv.path, f"Unexpected args: {go_list(inv.args)}")]
    refuse_unsupported(inv, _UNSUPPORTED)
    strategy = dry_run_strategy(inv)
    if not inv.opt("filename"):
        return [KubectlError("must specify one of -f and -k")]
    loaded = load_manifests(inv, validate_directive(inv))
    if not loaded.items and not loaded.errors:
        return [KubectlError("no objects passed to apply")]
    errors = list(loaded.errors)
    for item in loaded.items:
        error = _apply_one(inv, item, strategy)
        if error is not None:
            errors.append(error)
    return errors


def last_applied(obj: Obj) -> str:
    """What kubectl stores in the annotation: the manifest as compact JSON
    (keys sorted), without the annotation itself, ending in a newline."""
    clean = copy.deepcopy(obj)
    meta = clean.setdefault("metadata", {})
    annotations = dict(meta.get("annotations") or {})
    annotations.pop(LAST_APPLIED, None)
    # An object without annotations still gets an empty map here, so the
    # stored configuration reads ``"annotations":{}`` as kubectl's does.
    meta["annotations"] = annotations
    return gojson.marshal(clean) + "\n"


def with_last_applied(obj: Obj) -> Obj:
    annotated = copy.deepcopy(obj)
    meta = annotated.setdefault("metadata", {})
    meta["annotations"] = {
        **(meta.get("annotations") or {}),
        LAST_APPLIED: last_applied(obj),
    }
    return annotated


def _apply_one(inv: Invocation, item: Item, strategy: str) -> Error | None:
    if not item.name:
        return _nameless(item)
    try:
        current = inv.ctx.api.get(item.rt.plural, item.name, item.namespace)
    except StatusError as exc:
        if exc.code != 404:
            return with_source(
                "retrieving current configuration of:\n"
                f"{info_string(item)}\nfrom server for:",
                item.source,
                exc,
            )
        return _create(inv, item, strategy)
    if strategy == "client":
        # kubectl computes no patch: it prints the live object it fetched.
        _report(inv, item, current, dry_run_operation("configured", strategy))
        return None
    return _patch(inv, item, current, strategy)


def _nameless(item: Item) -> Error:
    generate = (item.obj.get("metadata") or {}).get("generateName")
    if generate:
        return KubectlError(f"from {generate}: cannot use generate name with apply")
    return KubectlError(
        f"error when retrieving current configuration of:\n"
        f"{info_string(item)}\nfrom server for: "
        f'"{item.source}": resource name may not be empty'
    )


def _create(inv: Invocation, item: Item, strategy: str) -> Error | None:
    obj = _prune_nulls(with_last_applied(item.obj))
    try:
        created = create_manifest(inv, item, obj, strategy)
    except StatusError as exc:
        return with_source("creating", item.source, exc)
    _report(inv, item, created, dry_run_operation("created", strategy))
    return None


def _patch(inv: Invocation, item: Item, current: Obj, strategy: str) -> Error | None:
    annotations = current.get("metadata", {}).get("annotations") or {}
    if LAST_APPLIED not in annotations:
        inv.io.err(
            _MISSING_ANNOTATION.format(f"{item.rt.plural}/{item.name}", LAST_APPLIED)
        )
    original = _parse_json(annotations.get(LAST_APPLIED))
    patch = three_way(original, with_last_applied(item.obj), current)
    result = current
    if patch:
        try:
            patched = apply_patch(current, patch)
            patched = fieldvalidation.checked_patch(inv, patched, patch)
            result = inv.ctx.api.update(
                patched, actor=ACTOR, dry_run=strategy == "server"
            )
        except StatusError as exc:
            return with_source(
                f"applying patch:\n{gojson.marshal(patch)}\nto:\n"
                f"{info_string(item)}\nfor:",
                item.source,
                exc,
            )
    if result.get("metadata", {}).get("deletionTimestamp"):
        inv.io.err(
            f"Warning: Detected changes to resource {item.name} which is "
            "currently being deleted.\n"
        )
    operation = "configured" if patch else "unchanged"
    _report(inv, item, result, dry_run_operation(operation, strategy))
    return None


def _report(inv: Invocation, item: Item, obj: Obj, operation: str) -> None:
    output = inv.opt("output") or ""
    if output in ("", "name"):
        inv.io.out(object_line(item.rt, item.name, operation, output == "name"))
    else:
        print_object(inv.io, obj, output)


def _parse_json(text: str | None) -> Obj | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _prune_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _prune_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_prune_nulls(v) for v in value]
    return value


COMMAND = Command(
    "apply",
    (
        *FILENAME_FLAGS,
        VALIDATE_FLAG,
        DRY_RUN_FLAG,
        OUTPUT_FLAG,
        Flag("server-side", "", "bool", False),
        Flag("prune", "", "bool", False),
        Flag("force", "", "bool", False),
        Flag("field-manager", "", "string", "kubectl-client-side-apply"),
    ),
    run,
)
