"""``kubectl drain`` (``pkg/cmd/drain/drain.go``, ``staging/.../kubectl/pkg/drain``).

Cordon the node, pick its pods (``drainfilters``), then evict them all at
once through the eviction API: each prints ``evicting pod ns/name``, is
retried every 5 s while a PodDisruptionBudget refuses (``error when evicting
pods/"x" -n "ns" (will retry after 5s): ...``), and is waited for, polling
every second, until it is gone (``pod/x evicted``). The simulation runs
forward while the command waits, as ``kubectl delete`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cluster.api import eviction
from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands import drainfilters
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    SELECTOR_FLAG,
    dry_run_operation,
    dry_run_strategy,
)
from cluster.kubectl.commands.cordon import cordon_all, nodes
from cluster.kubectl.errors import AggregateError, Error, KubectlError
from cluster.node.gofmt import go_duration

Obj = dict[str, Any]
RETRY_DELAY = 5.0  # EvictErrorRetryDelay
POLL_INTERVAL = 1.0
DEFAULT_WAIT_SECONDS = 3600.0  # a drain stuck for a simulated hour gives up


@dataclass
class _Pod:
    pod: Obj
    due: float
    waiting: bool = False
    done: bool = False
    dry_run: bool = False

    @property
    def name(self) -> str:
        return str(self.pod["metadata"]["name"])

    @property
    def namespace(self) -> str:
        return str(self.pod["metadata"]["namespace"])


def run(inv: Invocation) -> list[Error]:
    strategy = dry_run_strategy(inv)
    try:
        found = nodes(inv, "drain NODE")
    except (KubectlError, StatusError) as exc:
        return [exc]
    cordon_all(inv, found, True, strategy)
    fatal: list[Error] = []
    pending: list[str] = []
    for f in found:
        name = f.obj["metadata"]["name"]
        error = _drain_node(inv, name, strategy)
        if error is None:
            inv.io.out(f"node/{name} {dry_run_operation('drained', strategy)}\n")
            continue
        inv.io.err(
            f'error: unable to drain node "{name}" due to error: {error}, '
            "continuing command...\n"
        )
        fatal.append(error)
        pending.append(name)
    if pending:
        inv.io.err("There are pending nodes to be drained:\n")
        inv.io.err("".join(f" {name}\n" for name in pending))
    return fatal


def _drain_node(inv: Invocation, node: str, strategy: str) -> AggregateError | None:
    pods, error = _pods_for_deletion(inv, node)
    if error is not None:
        return error
    if strategy == "client":
        for pod in pods:
            meta = pod["metadata"]
            inv.io.out(f"evicting pod {meta['namespace']}/{meta['name']} (dry run)\n")
        return None
    errors = _evict_all(inv, pods, strategy == "server")
    if not errors:
        return None
    left, _ = _pods_for_deletion(inv, node)
    if left:
        inv.io.err(
            f'There are pending pods in node "{node}" when an error occurred: '
            f"{AggregateError(errors)}\n"
        )
        inv.io.err("".join(f"pod/{p['metadata']['name']}\n" for p in left))
    return AggregateError(errors)


def _pods_for_deletion(
    inv: Invocation, node: str
) -> tuple[list[Obj], AggregateError | None]:
    pods = inv.ctx.api.list(
        "pods",
        label_selector=inv.opt("pod-selector") or None,
        field_selector=f"spec.nodeName={node}",
    )
    verdicts = [(pod, drainfilters.verdict(inv, pod)) for pod in pods]
    errors = drainfilters.grouped(verdicts, "Error")
    if errors:
        return [], AggregateError(
            [f"cannot delete {msg}: {', '.join(pods)}" for msg, pods in errors.items()]
        )
    warnings = drainfilters.grouped(verdicts, "Warning")
    if warnings:
        text = "; ".join(f"{msg}: {', '.join(pods)}" for msg, pods in warnings.items())
        inv.io.err(f"Warning: {text}\n")
    return [pod for pod, found in verdicts if found.delete], None


def _evict_all(inv: Invocation, pods: list[Obj], dry_run: bool) -> list[str]:
    """Evict (or delete) every pod at once and wait for all of them (a server
    dry run does not wait: nothing goes)."""
    clock = inv.ctx.clock
    timeout = float(inv.opt("timeout") or 0) or DEFAULT_WAIT_SECONDS
    deadline = clock.now + timeout
    work = [_Pod(pod, clock.now, dry_run=dry_run) for pod in pods]
    errors: list[str] = []
    while True:
        live = [w for w in work if not w.done]
        if not live:
            return errors
        due = min(w.due for w in live)
        if due > deadline:
            return errors + [_timed_out(w, timeout) for w in live]
        inv.ctx.advance(max(due - clock.now, 0.0))
        for w in live:
            if w.due <= clock.now:
                error = _wait(inv, w) if w.waiting else _evict(inv, w)
                if error:
                    errors.append(error)


def _evict(inv: Invocation, w: _Pod) -> str | None:
    using_eviction = not inv.opt("disable-eviction")
    if using_eviction:
        suffix = " (server dry run)" if w.dry_run else ""
        inv.io.out(f"evicting pod {w.namespace}/{w.name}{suffix}\n")
    grace = inv.opt("grace-period")
    grace = None if grace is None or grace < 0 else int(grace)
    api = inv.ctx.api
    try:
        if using_eviction:
            eviction.evict(api, w.namespace, w.name, grace, ACTOR, w.dry_run)
        else:
            api.delete(
                "pods",
                w.name,
                w.namespace,
                actor=ACTOR,
                grace_period_seconds=grace,
                dry_run=w.dry_run,
            )
    except StatusError as exc:
        return _eviction_failed(inv, w, exc)
    w.waiting, w.due = True, inv.ctx.clock.now
    w.done = w.dry_run
    return None


def _eviction_failed(inv: Invocation, w: _Pod, exc: StatusError) -> str | None:
    if exc.code == 404:
        w.done = True
        return None
    if exc.code == 429:
        inv.io.err(
            f'error when evicting pods/"{w.name}" -n "{w.namespace}" '
            f"(will retry after {go_duration(RETRY_DELAY)}): {exc.message}\n"
        )
        w.due = inv.ctx.clock.now + RETRY_DELAY
        return None
    w.done = True
    return f'error when evicting pods/"{w.name}" -n "{w.namespace}": {exc.message}'


def _wait(inv: Invocation, w: _Pod) -> str | None:
    try:
        live = inv.ctx.api.get("pods", w.name, w.namespace)
    except StatusError:
        live = None
    if live is None or live["metadata"].get("uid") != w.pod["metadata"].get("uid"):
        verb = "deleted" if inv.opt("disable-eviction") else "evicted"
        inv.io.out(f"pod/{w.name} {verb}\n")
        w.done = True
        return None
    w.due = inv.ctx.clock.now + POLL_INTERVAL
    return None


def _timed_out(w: _Pod, timeout: float) -> str:
    return (
        f'error when evicting pods/"{w.name}" -n "{w.namespace}": global timeout '
        f"reached: {go_duration(timeout)}"
    )


COMMAND = Command(
    "drain",
    (
        SELECTOR_FLAG,
        DRY_RUN_FLAG,
        Flag("force", "", "bool", False),
        Flag("ignore-daemonsets", "", "bool", False),
        Flag("delete-emptydir-data", "", "bool", False),
        Flag("grace-period", "", "int", -1),
        Flag("timeout", "", "duration", 0.0),
        Flag("pod-selector"),
        Flag("disable-eviction", "", "bool", False),
        Flag("skip-wait-for-delete-timeout", "", "int", 0),
        Flag("chunk-size", "", "int", 500),
    ),
    run,
)
