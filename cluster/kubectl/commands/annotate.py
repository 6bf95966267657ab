"""``kubectl annotate`` (``pkg/cmd/annotate/annotate.go``)."""

from __future__ import annotations

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
    pair_flags,
    require_changes,
    split_pairs,
    targets,
    write,
)
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.selection import Found

CHANGE_CAUSE = "kubernetes.io/change-cause"


def run(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, UNSUPPORTED)
    strategy = dry_run_strategy(inv)
    resources, pairs = split_pairs(inv.args, "annotation")
    new, remove = parse_pairs(pairs)
    require_changes(inv, new, remove, "annotation")
    both = [key for key in remove if key in new]
    if both:
        raise KubectlError(
            "can not both modify and remove the following annotation(s) in the "
            f"same command: {', '.join(both)}"
        )
    found, errors = targets(inv, resources)
    for f in found:
        error = _annotate_one(inv, f, new, remove, strategy)
        if error is not None:
            errors.append(error)
    return errors


def parse_pairs(pairs: list[str]) -> tuple[dict[str, str], list[str]]:
    """``ParsePairs``: ``k=v`` to set, ``k-`` to remove."""
    new: dict[str, str] = {}
    remove: list[str] = []
    invalid: list[str] = []
    for pair in pairs:
        if "=" in pair and pair[0] != "=":
            key, _, value = pair.partition("=")
            new[key] = value
        elif pair.endswith("-") and pair != "-":
            remove.append(pair[:-1])
        else:
            invalid.append(pair)
    if invalid:
        raise KubectlError(f"invalid annotation format: {', '.join(invalid)}")
    return new, remove


def _annotate_one(
    inv: Invocation, f: Found, new: dict[str, str], remove: list[str], strategy: str
) -> Error | None:
    obj = f.obj
    annotations = dict(obj["metadata"].get("annotations") or {})
    if not inv.opt("overwrite"):
        clashes = [
            f"'{k}' already has a value ({annotations[k]})"
            for k, v in sorted(new.items())
            if k != CHANGE_CAUSE and k in annotations and annotations[k] != v
        ]
        if clashes:
            return KubectlError(
                "--overwrite is false but found the following declared "
                f"annotation(s): {'; '.join(clashes)}"
            )
    changed = {**annotations, **new}
    for key in remove:
        changed.pop(key, None)
    if changed != annotations:
        obj["metadata"]["annotations"] = changed
        if not changed:
            obj["metadata"].pop("annotations")
        try:
            write(inv, f, obj, strategy)
        except StatusError as exc:
            return exc
    name = obj["metadata"]["name"]
    operation = dry_run_operation("annotated", strategy)
    inv.io.out(object_line(f.rt, name, operation, inv.opt("output") == "name"))
    return None


COMMAND = Command(
    "annotate",
    pair_flags("annotate"),
    run,
)
