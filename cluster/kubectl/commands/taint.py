"""``kubectl taint`` (``pkg/cmd/taint/taint.go``, ``utils.go``).

``KEY[=VALUE]:EFFECT`` adds a taint (new taints first, as kubectl orders
them), ``KEY[:EFFECT]-`` removes one; the node prints ``tainted``,
``untainted`` or ``modified``.
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    dry_run_strategy,
    object_line,
)
from cluster.kubectl.commands.metaedit import (
    label_value_errors,
    qualified_name_errors,
    write,
)
from cluster.kubectl.errors import Error, KubectlError, go_quote
from cluster.kubectl.selection import Found, fetch, resource_type, select

Obj = dict[str, Any]
EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")


def run(inv: Invocation) -> list[Error]:
    strategy = dry_run_strategy(inv)
    resources, specs = _split(inv.args)
    if not resources:
        raise KubectlError(
            "one or more resources must be specified as <resource> <name>"
        )
    if not specs:
        raise KubectlError("at least one taint update is required")
    try:
        add, remove = parse_taints(specs)
    except KubectlError as exc:
        raise usage_error(inv.path, exc.message) from None
    _validate(inv, resources, add, remove)
    found, errors = _nodes(inv, resources)
    for f in found:
        errors += _taint_one(inv, f, add, remove, strategy)
    return errors


def parse_taints(specs: list[str]) -> tuple[list[Obj], list[Obj]]:
    add: list[Obj] = []
    remove: list[Obj] = []
    for spec in specs:
        if spec.endswith("-"):
            taint = parse_taint(spec[:-1])
            remove.append({k: taint[k] for k in ("key", "effect") if k in taint})
            continue
        taint = parse_taint(spec)
        if not taint.get("effect"):
            raise KubectlError(f"invalid taint spec: {spec}")
        if any((t["key"], t["effect"]) == (taint["key"], taint["effect"]) for t in add):
            raise KubectlError(
                f"duplicated taints with the same key and effect: {_go_taint(taint)}"
            )
        add.append(taint)
    return add, remove


def parse_taint(spec: str) -> Obj:
    parts = spec.split(":")
    if len(parts) > 2:
        raise KubectlError(f"invalid taint spec: {spec}")
    taint: Obj = {}
    key = parts[0]
    if len(parts) == 2:
        if parts[1] not in EFFECTS:
            raise KubectlError(
                f"invalid taint effect: {parts[1]}, unsupported taint effect"
            )
        key_value = parts[0].split("=")
        if len(key_value) > 2:
            raise KubectlError(f"invalid taint spec: {spec}")
        key = key_value[0]
        if len(key_value) == 2:
            problems = label_value_errors(key_value[1])
            if problems:
                raise KubectlError(f"invalid taint spec: {spec}, {'; '.join(problems)}")
            taint["value"] = key_value[1]
        taint["effect"] = parts[1]
    problems = qualified_name_errors(key)
    if problems:
        raise KubectlError(f"invalid taint spec: {spec}, {'; '.join(problems)}")
    return {"key": key, **taint}


def taint_string(taint: Obj) -> str:
    """``Taint.ToString``: ``key=value:Effect``, ``key:Effect`` or ``key``."""
    text = taint.get("key", "")
    if taint.get("value"):
        text += f"={taint['value']}"
    return text + (f":{taint['effect']}" if taint.get("effect") else "")


def _split(args: list[str]) -> tuple[list[str], list[str]]:
    resources: list[str] = []
    specs: list[str] = []
    for arg in args:
        if "=" in arg or ":" in arg or arg.endswith("-"):
            specs.append(arg)
        elif specs:
            raise KubectlError(
                f"all resources must be specified before taint changes: {arg}"
            )
        else:
            resources.append(arg)
    return resources, specs


def _validate(
    inv: Invocation, resources: list[str], add: list[Obj], remove: list[Obj]
) -> None:
    rt = resource_type(resources[0].split("/")[0])
    if rt.kind != "Node":
        raise KubectlError(
            f"invalid resource type {resources[0].lower()}, "
            "only node types are supported"
        )
    conflicts = [
        f"{r['key']}={r.get('effect', '')}"
        for a in add
        for r in remove
        if a["key"] == r["key"] and (not r.get("effect") or a["effect"] == r["effect"])
    ]
    if conflicts:
        raise KubectlError(
            "can not both modify and remove the following taint(s) in the same "
            f"command: {', '.join(conflicts)}"
        )
    if inv.opt("all") and inv.opt("selector"):
        raise KubectlError(
            "setting 'all' parameter with a non empty selector is prohibited"
        )
    if not inv.opt("all") and not inv.opt("selector") and len(resources) < 2:
        raise KubectlError(
            "at least one resource name must be specified since 'all' parameter "
            "is not set"
        )


def _nodes(inv: Invocation, resources: list[str]) -> tuple[list[Found], list[Error]]:
    names = [] if inv.opt("all") or inv.opt("selector") else resources[1:]
    selection = select(["nodes", *names])
    return fetch(
        inv.ctx.api, selection, inv.namespace, False, inv.opt("selector") or None
    )


def _taint_one(
    inv: Invocation, f: Found, add: list[Obj], remove: list[Obj], strategy: str
) -> list[Error]:
    node = f.obj
    old = list(node.get("spec", {}).get("taints") or [])
    name = node["metadata"]["name"]
    if not inv.opt("overwrite"):
        exists = [
            t["key"]
            for t in add
            for o in old
            if (t["key"], t["effect"]) == (o.get("key"), o.get("effect"))
        ]
        if exists:
            return [
                KubectlError(
                    f"node {name} already has {','.join(exists)} taint(s) with "
                    "same effect(s) and --overwrite is false"
                )
            ]
    operation, taints, missing = _reorganize(
        old, add, remove, bool(inv.opt("overwrite"))
    )
    if missing:
        return missing
    node.setdefault("spec", {})["taints"] = taints
    if not taints:
        node["spec"].pop("taints")
    try:
        write(inv, f, node, strategy)
    except StatusError as exc:
        return [exc]
    # taint.go completes its PrintFlags with the dry-run template before it
    # sets the operation: a dry run prints no "(dry run)".
    inv.io.out(object_line(f.rt, name, operation, inv.opt("output") == "name"))
    return []


def _reorganize(
    old: list[Obj], add: list[Obj], remove: list[Obj], overwrite: bool
) -> tuple[str, list[Obj], list[Error]]:
    """``reorganizeTaints``: new taints first, then the old ones they leave."""
    taints = [dict(t) for t in add]
    taints += [o for o in old if not any(_same(o, t) for t in add)]
    added = len(old) != len(taints)
    errors: list[Error] = []
    removed = False
    for r in remove:
        kept = [
            t
            for t in taints
            if not (_same(t, r) if r.get("effect") else t.get("key") == r["key"])
        ]
        removed = len(kept) != len(taints)
        taints = kept
        if not removed:
            errors.append(KubectlError(f"taint {go_quote(taint_string(r))} not found"))
    if (added and removed) or overwrite:
        return "modified", taints, errors
    return ("tainted" if added else "untainted"), taints, errors


def _same(a: Obj, b: Obj) -> bool:
    """``MatchTaint``: the same key and effect."""
    return (a.get("key"), a.get("effect")) == (b.get("key"), b.get("effect"))


def _go_taint(taint: Obj) -> str:
    """``%v`` of a Taint struct: ``{key value Effect <nil>}``."""
    return f"{{{taint['key']} {taint.get('value', '')} {taint['effect']} <nil>}}"


COMMAND = Command(
    "taint",
    (
        SELECTOR_FLAG,
        OUTPUT_FLAG,
        DRY_RUN_FLAG,
        Flag("overwrite", "", "bool", False),
        Flag("all", "", "bool", False),
        Flag("validate", "", "string", "strict", no_opt="strict"),
        Flag("field-manager", "", "string", "kubectl-taint"),
    ),
    run,
)
