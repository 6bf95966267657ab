"""``kubectl label`` (``pkg/cmd/label/label.go``)."""

from __future__ import annotations

import copy
import json

from cluster.api.errors import StatusError
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import (
    dry_run_operation,
    dry_run_strategy,
    object_line,
    refuse_unsupported,
)
from cluster.kubectl.commands.metaedit import (
    UNSUPPORTED,
    label_value_errors,
    pair_flags,
    require_changes,
    split_pairs,
    targets,
    write,
)
from cluster.kubectl.errors import Error, KubectlError, go_quote
from cluster.kubectl.selection import Found


def run(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, UNSUPPORTED)
    strategy = dry_run_strategy(inv)
    resources, pairs = split_pairs(inv.args, "label")
    new, remove = parse_labels(pairs)
    require_changes(inv, new, remove, "label")
    found, errors = targets(inv, resources)
    for f in found:
        errors += _label_one(inv, f, new, remove, strategy)
    return errors


def parse_labels(pairs: list[str]) -> tuple[dict[str, str], list[str]]:
    new: dict[str, str] = {}
    remove: list[str] = []
    for spec in pairs:
        if "=" in spec:
            parts = spec.split("=")
            if len(parts) != 2:
                raise KubectlError(f"invalid label spec: {spec}")
            problems = label_value_errors(parts[1])
            if problems:
                raise KubectlError(
                    f"invalid label value: {go_quote(spec)}: {';'.join(problems)}"
                )
            new[parts[0]] = parts[1]
        elif spec.endswith("-"):
            remove.append(spec[:-1])
        else:
            raise KubectlError(f"unknown label spec: {spec}")
    if any(key in new for key in remove):
        raise KubectlError("can not both modify and remove a label in the same command")
    return new, remove


def _label_one(
    inv: Invocation, f: Found, new: dict[str, str], remove: list[str], strategy: str
) -> list[Error]:
    obj = f.obj
    labels = dict(obj["metadata"].get("labels") or {})
    for key in remove:
        if key not in labels and strategy != "client":
            inv.io.out(f"label {go_quote(key)} not found.\n")
    if not inv.opt("overwrite"):
        clashes: list[Error] = [
            KubectlError(
                f"'{k}' already has a value ({labels[k]}), and --overwrite is false"
            )
            for k, v in sorted(new.items())
            if k in labels and labels[k] != v
        ]
        if clashes:
            return clashes
    before = copy.deepcopy(labels)
    labels.update(new)
    for key in remove:
        labels.pop(key, None)
    message = _change_message(before, labels, bool(inv.opt("overwrite")))
    if labels != before:
        obj["metadata"]["labels"] = labels
        try:
            write(inv, f, obj, strategy)
        except StatusError as exc:
            return [exc]
    name = obj["metadata"]["name"]
    operation = dry_run_operation(message, strategy)
    inv.io.out(object_line(f.rt, name, operation, inv.opt("output") == "name"))
    return []


def _change_message(
    before: dict[str, str], after: dict[str, str], overwrite: bool
) -> str:
    """``updateDataChangeMsg``: compares the JSON of the object before and after."""
    if before == after:
        return "not labeled"
    if not overwrite and len(json.dumps(after)) < len(json.dumps(before)):
        return "unlabeled"
    return "labeled"


COMMAND = Command(
    "label",
    pair_flags("label"),
    run,
)
