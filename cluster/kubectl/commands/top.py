"""``kubectl top pod|node`` (``pkg/cmd/top/top_pod.go``, ``top_node.go``):
usage from the Metrics API that metrics-server serves
(``cluster.metricsserver``)."""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import SELECTOR_FLAG, refuse_unsupported
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.printers import top as printer
from cluster.metricsserver import (
    MetricsServer,
    PodMetrics,
    Usage,
    allocatable,
    capacity,
)

Obj = dict[str, Any]
METRICS_CREATION_DELAY = 120.0  # top_pod.go metricsCreationDelay
_HELP = """Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on \
the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all \
commands).
"""


def _metrics(inv: Invocation) -> MetricsServer:
    server = inv.ctx.metrics
    if server is None:
        raise KubectlError("Metrics API not available")
    return server


def _validate(inv: Invocation, use: str, selector: str = "selector") -> str:
    """The one NAME, after kubectl's checks of the flags."""
    refuse_unsupported(inv, ("show-swap",))
    if len(inv.args) > 1:
        raise usage_error(inv.path, use)
    sort_by = inv.opt("sort-by") or ""
    if sort_by not in ("", "cpu", "memory"):
        raise KubectlError("--sort-by accepts only cpu or memory")
    name = inv.args[0] if inv.args else ""
    if name and inv.opt("selector"):
        raise KubectlError(f"only one of NAME or {selector} can be provided")
    if name and inv.parsed.values.get("field-selector"):
        raise KubectlError("only one of NAME or selector can be provided")
    return name


def _not_found(resource: str, name: str) -> StatusError:
    return StatusError(
        404,
        "NotFound",
        f'{resource}.metrics.k8s.io "{name}" not found',
        {"group": "metrics.k8s.io", "kind": resource, "name": name},
    )


# -- top pod -------------------------------------------------------------------


def run_pod(inv: Invocation) -> list[Error]:
    name = _validate(inv, "pod [NAME | -l label]")
    server = _metrics(inv)
    all_ns = bool(inv.opt("all-namespaces"))
    pods = _pods(inv, name, all_ns)
    metrics = [m for m in map(server.pod_metrics, pods) if m is not None]
    if name and not metrics:
        raise _not_found("podmetrics", f"{inv.namespace}/{name}")
    if not metrics:
        _explain_empty(inv, pods, all_ns)
    inv.io.out(_pod_table(inv, metrics, all_ns))
    return []


def _pods(inv: Invocation, name: str, all_ns: bool) -> list[Obj]:
    namespace = None if all_ns else inv.namespace
    if name:
        pods = inv.ctx.api.list("pods", namespace, None, f"metadata.name={name}")
    else:
        pods = inv.ctx.api.list(
            "pods", namespace, inv.opt("selector"), inv.opt("field-selector")
        )
    return pods


def _explain_empty(inv: Invocation, pods: list[Obj], all_ns: bool) -> None:
    """``verifyEmptyMetrics``: young pods mean "not yet", old ones an error."""
    if pods:
        for pod in pods:
            _check_age(inv, pod)
        raise KubectlError("metrics not available yet")
    inv.io.err(
        "No resources found\n"
        if all_ns
        else f"No resources found in {inv.namespace} namespace.\n"
    )


def _check_age(inv: Invocation, pod: Obj) -> None:
    clock = inv.ctx.clock
    age = clock.now - clock.seconds_of(pod["metadata"]["creationTimestamp"])
    if age > METRICS_CREATION_DELAY:
        meta = pod["metadata"]
        raise KubectlError(
            f"Metrics not available for pod {meta['namespace']}/{meta['name']}, "
            f"age: {go_duration(age)}"
        )


def _pod_table(inv: Invocation, metrics: list[PodMetrics], all_ns: bool) -> str:
    return printer.pod_table(
        metrics,
        bool(inv.opt("containers")),
        all_ns,
        bool(inv.opt("no-headers")),
        inv.opt("sort-by") or "",
        bool(inv.opt("sum")),
    )


# -- top node ------------------------------------------------------------------


def run_node(inv: Invocation) -> list[Error]:
    name = _validate(inv, "node [NAME | -l label]", "--selector")
    server = _metrics(inv)
    nodes = _nodes(inv, name)
    rows = [(n["metadata"]["name"], server.node_metrics(n["metadata"]["name"]),
             _available(inv, n)) for n in nodes]  # fmt: skip
    if name and rows[0][1] is None:
        raise _not_found("nodemetrics", name)
    if not any(row[1] is not None for row in rows):
        raise KubectlError("metrics not available yet")
    no_headers = bool(inv.opt("no-headers"))
    inv.io.out(printer.node_table(rows, no_headers, inv.opt("sort-by") or ""))
    return []


def _nodes(inv: Invocation, name: str) -> list[Obj]:
    if not name:
        return inv.ctx.api.list("nodes", None, inv.opt("selector"))
    try:
        return [inv.ctx.api.get("nodes", name)]
    except StatusError as err:
        raise (_not_found("nodemetrics", name) if err.code == 404 else err) from None


def _available(inv: Invocation, node: Obj) -> Usage:
    """Allocatable, or capacity with ``--show-capacity``."""
    if inv.opt("show-capacity"):
        return capacity(node)
    return allocatable(node)


def go_duration(seconds: float) -> str:
    """Go's ``time.Duration.String`` for at least a second: ``2m30.5s``."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{secs:.9f}".rstrip("0").rstrip(".") + "s"
    if hours:
        return f"{int(hours)}h{int(minutes)}m{text}"
    return f"{int(minutes)}m{text}" if minutes else text


def run_top(inv: Invocation) -> list[Error]:
    if inv.args:
        raise KubectlError(
            f'unknown command "{inv.args[0]}" for "kubectl top"\n'
            "See 'kubectl top --help' for usage."
        )
    inv.io.out(_HELP)
    return []


_COMMON = (
    SELECTOR_FLAG,
    Flag("sort-by"),
    Flag("no-headers", "", "bool", False),
    Flag("use-protocol-buffers", "", "bool", True),
    Flag("show-swap", "", "bool", False),
)
_POD_FLAGS = (
    *_COMMON,
    Flag("field-selector"),
    Flag("containers", "", "bool", False),
    Flag("all-namespaces", "A", "bool", False),
    Flag("sum", "", "bool", False),
)
_NODE_FLAGS = (*_COMMON, Flag("show-capacity", "", "bool", False))
_SUBCOMMANDS = tuple(
    Command(word, _POD_FLAGS, run_pod) for word in ("pod", "pods", "po")
) + tuple(Command(word, _NODE_FLAGS, run_node) for word in ("node", "nodes", "no"))
COMMAND = Command("top", (), run_top, _SUBCOMMANDS)
