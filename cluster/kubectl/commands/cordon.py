"""``kubectl cordon`` and ``uncordon`` (``pkg/cmd/drain/drain.go``): set or
clear ``spec.unschedulable``, printing ``cordoned`` or ``already cordoned``."""

from __future__ import annotations

from cluster.api.errors import StatusError
from cluster.kubectl.cli import usage_error
from cluster.kubectl.command import ACTOR, Command, Invocation, Runner
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    SELECTOR_FLAG,
    dry_run_operation,
    dry_run_strategy,
)
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.selection import Found, fetch, select

NODE_FLAGS = (SELECTOR_FLAG, DRY_RUN_FLAG)


def nodes(inv: Invocation, use: str) -> list[Found]:
    """The nodes named by the arguments or ``--selector``; raise as Complete does."""
    if not inv.args and not inv.changed("selector"):
        raise usage_error(inv.path, f"USAGE: {use} [flags]")
    if inv.args and inv.opt("selector"):
        raise usage_error(
            inv.path, "error: cannot specify both a node name and a --selector option"
        )
    selection = select(["nodes", *inv.args])
    found, errors = fetch(inv.ctx.api, selection, "default", False, inv.opt("selector"))
    if errors:
        raise errors[0]
    return found


def cordon_all(
    inv: Invocation, found: list[Found], desired: bool, strategy: str
) -> None:
    """``RunCordonOrUncordon``: print each node's outcome; errors on stderr."""
    verb = "cordon" if desired else "uncordon"
    for f in found:
        node, name = f.obj, f.obj["metadata"]["name"]
        if bool(node.get("spec", {}).get("unschedulable")) == desired:
            inv.io.out(
                f"node/{name} {dry_run_operation(f'already {verb}ed', strategy)}\n"
            )
            continue
        node.setdefault("spec", {})["unschedulable"] = desired
        if not desired:
            node["spec"].pop("unschedulable")
        if strategy != "client":
            try:
                inv.ctx.api.update(node, actor=ACTOR, dry_run=strategy == "server")
            except StatusError as exc:
                inv.io.err(f'error: unable to {verb} node "{name}": {exc.message}\n')
                continue
        inv.io.out(f"node/{name} {dry_run_operation(f'{verb}ed', strategy)}\n")


def _run(desired: bool, use: str) -> Runner:
    def run(inv: Invocation) -> list[Error]:
        strategy = dry_run_strategy(inv)
        try:
            found = nodes(inv, use)
        except (KubectlError, StatusError) as exc:
            return [exc]
        cordon_all(inv, found, desired, strategy)
        return []

    return run


CORDON = Command("cordon", NODE_FLAGS, _run(True, "cordon NODE"))
UNCORDON = Command("uncordon", NODE_FLAGS, _run(False, "uncordon NODE"))
